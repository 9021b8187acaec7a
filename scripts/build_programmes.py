"""Build the national programmes scenario (RES + NPE + NPLW, 2025-2032) and its factor set from ``../shared/data``.

Writes ``src/krapte/data/programmes-nl-2030/`` (reproducible; the output is committed):

- ``components.csv``   one row per programme component: quantity, unit, years, sources, flags, placement
- ``projects.csv``     the NPE and NPLW components placed in time (yearly tranches) and space (gemeente or
                       arbeidsmarktregio); the RES part is generated at run time by ``krapte.labour.res_scenario``
- ``am_weights.csv``   the spatial proxies per arbeidsmarktregio (housing proxy, new RES capacity, landing GW)
- ``gemeente_housing_proxy.csv``  the housing proxy per gemeente (homes with solar panels, CBS 85005NED 2024)
- ``sets.json``, ``factors.csv``, ``schedule.csv``, ``technologies.csv``, ``shares.csv``, ``occupations.csv``:
                       the factor set ``nl-programmes-2030`` (an extension of ``employment-factors``)
- ``studies.csv``      published Dutch labour-demand totals to compare with (from nl_programmes_2030/studies.csv)
- ``grid_realised_2024.csv``  the realised 2024 grid volumes (Netbeheer Nederland) for the 2024 check

Every quantity names its row in ``nl_programmes_2030/targets.csv`` (T...), every factor its row in
``labour_intensity.csv`` (L...) or another shared file; "unverified" in a source row is carried into the flags.
The assumptions are the constants below; ``docs/programmes.md`` explains each.

Run: ``.venv/bin/python scripts/build_programmes.py`` (``KRAPTE_SHARED_DATA=/path/to/shared/data`` if the shared
folder is not ``../shared/data`` next to the checkout).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from programmes_factors import FACTOR_COLUMNS, TECHNOLOGIES, factor_rows, occupation_rows, share_rows
from programmes_scenario import (
    COMPONENT_COLUMNS,
    PROJECT_COLUMNS,
    SLACK_QUARTERS,
    build_scenario,
    gemeenten,
    housing_proxy,
)
from programmes_sources import (
    AUD_PER_EUR,
    DATASET,
    GRID_JY_PER_EUR_MLN,
    HOURS_PER_FTE_YEAR,
    OUT,
    SEO_JY_PER_EUR_MLN,
    SET,
    STUDIES,
    TARGETS,
)
from provenance import write_provenance

STUDY_IDS = ("S03", "S04", "S05", "S11", "S12", "S13", "S14", "S15", "S18", "S20", "S21", "S22", "S26")


def _write(name: str, rows: Sequence[Mapping[str, object]], columns: list[str]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    components, projects, weights = build_scenario()
    _write("components.csv", components, COMPONENT_COLUMNS)
    _write("projects.csv", projects, PROJECT_COLUMNS)
    am_rows = [
        {"arbeidsmarktregio": am, **{k: round(v.get(am, 0.0), 8) for k, v in weights.items()}}
        for am in sorted(weights["housing"])
    ]
    _write("am_weights.csv", am_rows, ["arbeidsmarktregio", *weights])
    homes = housing_proxy()
    gm = gemeenten()
    gm_rows = [
        {"gemeente": code, "arbeidsmarktregio": gm[code]["arbeidsmarktregio_code"], "home_solar_2024": n}
        for code, n in sorted(homes.items())
    ]
    _write("gemeente_housing_proxy.csv", gm_rows, ["gemeente", "arbeidsmarktregio", "home_solar_2024"])
    factors, schedule = factor_rows()
    _write("factors.csv", factors, FACTOR_COLUMNS)
    _write("schedule.csv", schedule, ["set", "technology", "phase", "year", "low", "central", "high", "source"])
    _write(
        "technologies.csv",
        [
            dict(
                zip(
                    ["technology", "unit", "construction_shares_from", "om_shares_from", "label_nl", "label_en"],
                    t,
                    strict=True,
                )
            )
            for t in TECHNOLOGIES
        ],
        ["technology", "unit", "construction_shares_from", "om_shares_from", "label_nl", "label_en"],
    )
    _write("shares.csv", share_rows(), ["technology", "phase", "occupation", "share", "source"])
    _write(
        "occupations.csv",
        occupation_rows(),
        ["occupation", "group", "isco08", "isco08_label_nl", "brc_group", "brc_group_label"],
    )
    studies = [
        {
            k: STUDIES[i][k]
            for k in (
                "id",
                "study",
                "publisher",
                "year",
                "scope",
                "headline_figure",
                "unit",
                "horizon",
                "components_included",
                "source_url",
            )
        }
        for i in STUDY_IDS
    ]
    _write("studies.csv", studies, list(studies[0]))
    realised = [
        {
            "id": i,
            "component": TARGETS[i]["component"],
            "quantity": TARGETS[i]["quantity"],
            "unit": TARGETS[i]["unit"],
            "year": TARGETS[i]["year_or_period"],
            "source_url": TARGETS[i]["source_url"],
        }
        for i in ("T049", "T050", "T051", "T052", "T053")
    ]
    _write("grid_realised_2024.csv", realised, list(realised[0]))
    meta = {
        "sets": [
            {
                "name": SET,
                "title": "Dutch programmes 2030: per-unit factors for RES, NPE and NPLW components",
                "source": "shared/data/energy/nl_programmes_2030 labour_intensity.csv (L...) and targets.csv (T...); "
                "Rutovitz et al. 2025 for the rest (fallback)",
                "base_year": "2025",
                "note": "Dutch figures where they exist (offshore wind per MW, heat-pump hours 32 -> 14 -> 12 h); "
                "otherwise foreign or cost-based, marked in 'basis'. Per km, per connection, per home next to "
                "per MW; per EUR mln only for TenneT work (last resort).",
            }
        ],
        "fallback_append": [SET],
        "assumptions": {
            "hours_per_fte_year": HOURS_PER_FTE_YEAR,
            "aud_per_eur": AUD_PER_EUR,
            "grid_job_years_per_eur_mln": round(GRID_JY_PER_EUR_MLN, 4),
            "seo_job_years_per_eur_mln": SEO_JY_PER_EUR_MLN,
            "planning_slack_quarters": SLACK_QUARTERS,
        },
    }
    (OUT / "sets.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_provenance(
        DATASET,
        title="National programmes scenario 2025-2032 (RES, NPE, NPLW) and the nl-programmes-2030 factor set",
        source="shared/data/energy/nl_programmes_2030 (targets, labour_intensity, studies; compiled from public "
        "sources, each row with URL and date); CBS 85005NED (Bron: CBS); shared/data/regions; Rutovitz et al. 2025 "
        "occupational shares (CC BY 4.0); CBS ISCO-08 -> BRC 2014 schakelschema",
        version="2026-build",
        licence="facts with their sources (cite them); CBS CC BY 4.0; Rutovitz 2025 CC BY 4.0",
        attribution="Bron: CBS; Rutovitz et al. 2025; sources per row in components.csv and factors.csv",
        derivation="scripts/build_programmes.py: quantities on a path to their target year in yearly tranches per "
        "arbeidsmarktregio (housing proxy: home solar installations per gemeente, CBS 85005NED 2024) or at the "
        "offshore landing gemeente (compiled by krapte, unverified); 'unverified' in a source row flags the component",
    )
    print(f"{len(components)} components, {len(projects)} projects, {len(factors)} factors -> {OUT}")


if __name__ == "__main__":
    main()
