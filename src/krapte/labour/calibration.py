"""The model's national tension picture next to the published one (UWV, 2022Q1; anchors A10 and A11).

UWV published for 2022Q1 that 88 of its 92 beroepsgroepen were "krap" or "zeer krap" (only 4 were not, A11) and
that 19 of the 35 arbeidsmarktregio's were "zeer krap" overall (A10). :func:`national_picture` computes the same
two counts from a supply table at baseline (no project demand): per BRC group the national spanningsindicator
``Σ_r V / Σ_r U``, per region ``Σ_g V / Σ_g U``. :func:`calibration_report` puts them side by side. With the flat
default rates every group and region gets the same class apart from the vacancy rate of its BRC class, so the
model can match the *share* of short groups but not the spread; importing UWV figures per group and region
(:mod:`krapte.labour.importers`) replaces the flat rates cell by cell.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from krapte.labour.supply import SupplyTable
from krapte.labour.tension import SEVERE_UWV, SHORTAGE_UWV, uwv_class

PUBLISHED: dict[str, dict[str, Any]] = {
    "groups_short": {
        "published": 88,
        "of": 92,
        "period": "2022Q1",
        "what": "beroepsgroepen krap or zeer krap (UWV spanningsindicator)",
        "source": "anchor A11: 4 of 92 beroepsgroepen not krap or zeer krap (nieuws.nl 2022-07-13, UWV)",
    },
    "regions_very_tight": {
        "published": 19,
        "of": 35,
        "period": "2022Q1",
        "what": "arbeidsmarktregio's zeer krap (all occupations)",
        "source": "anchor A10: 19 of 35 arbeidsmarktregio's zeer krap (nieuws.nl 2022-07-13, UWV)",
    },
}


def _ratio(v: np.ndarray, u: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(np.where(u > 0, v / np.where(u > 0, u, 1.0), np.inf))


def _classes(values: np.ndarray) -> dict[str, int]:
    out: dict[str, int] = {}
    for value in values:
        name = uwv_class(float(value))
        out[name] = out.get(name, 0) + 1
    return out


def national_picture(supply: SupplyTable) -> dict[str, Any]:
    """Baseline (no project demand) class counts: BRC groups nationally and regions over all groups."""
    vacancies, job_seekers = supply.measure("vacancies"), supply.measure("job_seekers")
    groups = _ratio(vacancies.sum(axis=0), job_seekers.sum(axis=0))
    regions = _ratio(vacancies.sum(axis=1), job_seekers.sum(axis=1))
    return {
        "groups": _classes(groups),
        "regions": _classes(regions),
        "groups_short": int(np.sum(groups >= SHORTAGE_UWV)),
        "n_groups": int(groups.size),
        "regions_very_tight": int(np.sum(regions > SEVERE_UWV)),
        "n_regions": int(regions.size),
        "national_indicator": float(vacancies.sum() / job_seekers.sum()) if job_seekers.sum() > 0 else None,
    }


def calibration_report(supply: SupplyTable) -> list[dict[str, Any]]:
    """Rows: what, published (share), model (share), period, source."""
    model = national_picture(supply)
    rows = []
    for key, n_key in (("groups_short", "n_groups"), ("regions_very_tight", "n_regions")):
        pub = PUBLISHED[key]
        rows.append(
            {
                "what": pub["what"],
                "published": f"{pub['published']} of {pub['of']}",
                "published_share": pub["published"] / pub["of"],
                "model": f"{model[key]} of {model[n_key]}",
                "model_share": model[key] / model[n_key] if model[n_key] else None,
                "published_period": pub["period"],
                "source": pub["source"],
            }
        )
    return rows


def calibrated_job_seeker_rate(supply: SupplyTable, target_indicator: float = SEVERE_UWV) -> float:
    """The flat job-seeker rate (share of employed) that puts the national spanningsindicator at ``target``.

    The default target 4.0 is the krap / zeer krap boundary on which the median region stood in 2022Q1 (19 of
    35 regions above it, A10).
    """
    return float(supply.measure("vacancies").sum() / (target_indicator * supply.measure("employed").sum()))
