"""Labour demand of a project pipeline per arbeidsmarktregio × occupation × quarter (vectorised with numpy).

For project p (technology k, size S_p in the technology's unit, construction window of D_p quarters starting in
quarter s_p, location spread over arbeidsmarktregio's with weights w_{p,r}, sum 1):

    JY_p          = EF_k^construction(variant, year(s_p)) × S_p                       job-years
    FTE_{p,q}     = 4 × JY_p × π_{p,q−s_p}        for s_p ≤ q < s_p + D_p               (π uniform: 1/D_p)
    OM_{p,q}      = EF_k^om(variant, year(s_p + D_p)) × S_p     for q ≥ s_p + D_p      jobs = FTE
    MAN_{p,q}     = 4 × EF_k^manufacturing × S_p × π_{p,q−s_p}   national, non-local, not split by occupation
    D_{r,o,q}     = Σ_p w_{p,r} × (FTE_{p,q} × share_{k,o}^construction + OM_{p,q} × share_{k,o}^om)

FTE in a quarter is the annual-equivalent head count working in that quarter, so Σ_q FTE_{p,q} / 4 = JY_p.
Example: 100 MW utility solar, one gemeente, four quarters, ``rutovitz2025`` central: JY = 1.61 × 100 = 161, so
161 FTE in each of the four quarters, split by the Rutovitz 2025 Table 5 utility-PV shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from krapte.errors import ValidationError
from krapte.labour.factors import FactorSet, Variant, check_variant, factor_set
from krapte.labour.projects import Project
from krapte.labour.quarters import format_quarter, quarter_year
from krapte.labour.regions import RegionMap, default_regions

MANUFACTURING_REGION = "NL"
MANUFACTURING_OCCUPATION = "Manufacturing (all occupations, non-local)"
MAX_QUARTERS = 400
ESCO_ISCO = "http://data.europa.eu/esco/isco/"  # ESCO's concept of an ISCO-08 group: <base>C7411


@dataclass(frozen=True)
class DemandProfile:
    """One project's demand, relative to its start quarter (see ``docs/labour.md``)."""

    project_id: str
    start: int
    regions: tuple[str, ...]
    region_weights: np.ndarray  # (R,)
    occupations: tuple[str, ...]
    construction: np.ndarray  # (R, O, D) FTE at quarter start + d
    om: np.ndarray  # (R, O) FTE per quarter from start + D on
    manufacturing: np.ndarray  # (D,) FTE, national

    @property
    def duration(self) -> int:
        return int(self.construction.shape[2])

    def at(self, first: int, n_quarters: int, region_index: Sequence[str]) -> np.ndarray:
        """Construction + O&M FTE placed on a calendar ``first .. first + n_quarters - 1``: ``(R', O, Q)``."""
        out = np.zeros((len(region_index), len(self.occupations), n_quarters))
        rows = [list(region_index).index(r) for r in self.regions]
        offset = self.start - first
        for d in range(self.duration):
            q = offset + d
            if 0 <= q < n_quarters:
                out[rows, :, q] += self.construction[:, :, d]
        commissioned = max(offset + self.duration, 0)
        if commissioned < n_quarters:
            out[rows, :, commissioned:] += self.om[:, :, None]
        return out


@dataclass(frozen=True)
class Forecast:
    """Demand of a pipeline over all arbeidsmarktregio's, the factor set's occupations and ``first..last``."""

    regions: tuple[str, ...]
    occupations: tuple[str, ...]
    first: int
    last: int
    construction: np.ndarray  # (R, O, Q)
    om: np.ndarray  # (R, O, Q)
    manufacturing: np.ndarray  # (Q,)
    factors: FactorSet
    variant: Variant

    @property
    def total(self) -> np.ndarray:
        return self.construction + self.om

    def quarters(self) -> list[str]:
        return [format_quarter(q) for q in range(self.first, self.last + 1)]

    def rows(self, *, min_fte: float = 1e-9) -> list[dict[str, Any]]:
        """Long rows for cells > 0: ``region, occupation, quarter, phase, fte`` plus the occupation's ``isco`` (primary
        ISCO-08 code), ``isco_codes``, ``esco_isco_uri`` (the ESCO concept of that ISCO group) and ``brc_group``."""
        quarters = self.quarters()
        occ = [self.factors.occupation(o) for o in self.occupations]
        out: list[dict[str, Any]] = []
        for phase, arr in (("construction", self.construction), ("om", self.om)):
            r_idx, o_idx, q_idx = np.nonzero(arr > min_fte)
            for r, o, q in zip(r_idx.tolist(), o_idx.tolist(), q_idx.tolist(), strict=True):
                out.append(
                    {
                        "region": self.regions[r],
                        "occupation": self.occupations[o],
                        "isco": occ[o].isco[0],
                        "isco_codes": list(occ[o].isco),
                        "esco_isco_uri": f"{ESCO_ISCO}C{occ[o].isco[0]}",
                        "brc_group": occ[o].brc_group,
                        "quarter": quarters[q],
                        "phase": phase,
                        "fte": round(float(arr[r, o, q]), 6),
                    }
                )
        for q in np.nonzero(self.manufacturing > min_fte)[0].tolist():
            out.append(
                {
                    "region": MANUFACTURING_REGION,
                    "occupation": MANUFACTURING_OCCUPATION,
                    "isco": None,
                    "isco_codes": [],
                    "esco_isco_uri": None,
                    "brc_group": None,
                    "quarter": quarters[q],
                    "phase": "manufacturing",
                    "fte": round(float(self.manufacturing[q]), 6),
                }
            )
        return out

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows())

    def by_brc(self) -> tuple[tuple[str, ...], np.ndarray]:
        """Construction + O&M demand aggregated to BRC 2014 groups: ``(groups, (R, G, Q))``."""
        groups = tuple(sorted({self.factors.occupation(o).brc_group for o in self.occupations}))
        index = {g: i for i, g in enumerate(groups)}
        m = np.zeros((len(self.occupations), len(groups)))
        for i, o in enumerate(self.occupations):
            m[i, index[self.factors.occupation(o).brc_group]] = 1.0
        return groups, np.einsum("roq,og->rgq", self.total, m)

    def summary(self) -> dict[str, Any]:
        """Peak and totals, for CLI and API summaries."""
        total = self.total
        per_q = total.sum(axis=(0, 1))
        peak = int(per_q.argmax()) if per_q.size else 0
        return {
            "factors": self.factors.name,
            "variant": self.variant,
            "first": format_quarter(self.first),
            "last": format_quarter(self.last),
            "construction_job_years": round(float(self.construction.sum()) / 4, 3),
            "om_fte_last_quarter": round(float(self.om[:, :, -1].sum()), 3) if self.om.size else 0.0,
            "manufacturing_job_years": round(float(self.manufacturing.sum()) / 4, 3),
            "peak_quarter": format_quarter(self.first + peak),
            "peak_fte": round(float(per_q[peak]), 3) if per_q.size else 0.0,
        }


def _weights(project: Project, p_profile: tuple[float, ...] | None, duration: int) -> np.ndarray:
    if p_profile is None:
        return np.full(duration, 1.0 / duration)
    w = np.asarray(p_profile, dtype=float)
    if w.size != duration:
        raise ValidationError(
            f"project {project.id!r} has a profile of {w.size} weights for {duration} quarters",
            hint="give one weight per construction quarter",
        )
    return w / w.sum()


def project_demand_profile(
    project: Project,
    factors: FactorSet | None = None,
    variant: Variant = "central",
    *,
    regions: RegionMap | None = None,
    start: int | None = None,
) -> DemandProfile:
    """The demand of one project if it starts in ``start`` (default: its scheduled start)."""
    factors = factors or factor_set()
    variant = check_variant(variant)
    regions = regions or default_regions()
    start = project.scheduled_start if start is None else start
    duration = project.duration
    weights = regions.am_weights(project.location)
    codes = tuple(sorted(weights))
    w = np.array([weights[c] for c in codes])
    year = quarter_year(start)
    con_jy = factors.value(project.technology, "construction", variant, year) * project.size
    man_jy = factors.value(project.technology, "manufacturing", variant, year) * project.size
    om_fte = factors.value(project.technology, "om", variant, quarter_year(start + duration)) * project.size
    pi = _weights(project, project.profile, duration)
    s_con = factors.share_vector(project.technology, "construction")
    s_om = factors.share_vector(project.technology, "om")
    construction = w[:, None, None] * s_con[None, :, None] * (4.0 * con_jy * pi)[None, None, :]
    om = w[:, None] * s_om[None, :] * om_fte
    return DemandProfile(
        project_id=project.id,
        start=start,
        regions=codes,
        region_weights=w,
        occupations=factors.occupation_ids,
        construction=construction,
        om=om,
        manufacturing=4.0 * man_jy * pi,
    )


def forecast(
    projects: Sequence[Project],
    factors: FactorSet | None = None,
    variant: Variant = "central",
    *,
    regions: RegionMap | None = None,
    first: int | None = None,
    last: int | None = None,
) -> Forecast:
    """Demand of all projects on one calendar (default: first start .. last end + 4 quarters)."""
    factors = factors or factor_set()
    variant = check_variant(variant)
    regions = regions or default_regions()
    order = regions.am_codes
    if not projects:
        raise ValidationError("no projects to forecast", hint="import or pass at least one project")
    starts = np.array([p.scheduled_start for p in projects], dtype=np.int64)
    durations = np.array([p.duration for p in projects], dtype=np.int64)
    first = int(starts.min()) if first is None else first
    last = int((starts + durations).max() + 3) if last is None else last
    if last < first:
        raise ValidationError(f"last quarter {format_quarter(last)} is before first {format_quarter(first)}")
    if last - first + 1 > MAX_QUARTERS:
        raise ValidationError(
            f"the forecast spans {last - first + 1} quarters", hint=f"limit the horizon to {MAX_QUARTERS} quarters"
        )
    n_q = last - first + 1

    # per-project scalars; factor look-ups are cached per (technology, year)
    cache: dict[tuple[str, str, int], float] = {}

    def ef(tech: str, phase: str, year: int) -> float:
        key = (tech, phase, year)
        if key not in cache:
            cache[key] = factors.value(tech, phase, variant, year)  # type: ignore[arg-type]
        return cache[key]

    techs = [p.technology for p in projects]
    sizes = np.array([p.size for p in projects])
    years = starts // 4
    om_years = (starts + durations) // 4
    con_rate = np.array([ef(t, "construction", int(y)) for t, y in zip(techs, years, strict=True)]) * sizes
    man_rate = np.array([ef(t, "manufacturing", int(y)) for t, y in zip(techs, years, strict=True)]) * sizes
    om_rate = np.array([ef(t, "om", int(y)) for t, y in zip(techs, om_years, strict=True)]) * sizes

    weights = regions.weight_matrix([p.location for p in projects], order)  # (P, R)
    tech_list = sorted(set(techs))
    tech_index = {t: i for i, t in enumerate(tech_list)}
    t_idx = np.array([tech_index[t] for t in techs], dtype=np.int64)
    n_t, n_r = len(tech_list), len(order)
    profiled = np.array([p.profile is not None for p in projects])

    # Uniform windows as difference arrays: +rate at the start, -rate after the end, then a cumulative sum over
    # quarters. Scatter-adds through bincount keep this linear in the number of projects and free of BLAS calls.
    s_rel = np.clip(starts - first, 0, n_q)
    e_rel = np.clip(starts + durations - first, 0, n_q)
    size = n_t * n_r * (n_q + 1)
    cell = (t_idx[:, None] * n_r + np.arange(n_r)[None, :]) * (n_q + 1)  # (P, R)
    con_q = np.where(profiled, 0.0, 4.0 * con_rate / durations)
    delta = np.bincount((cell + s_rel[:, None]).ravel(), (weights * con_q[:, None]).ravel(), size)
    delta -= np.bincount((cell + e_rel[:, None]).ravel(), (weights * con_q[:, None]).ravel(), size)
    rq_con = np.cumsum(delta.reshape(n_t, n_r, n_q + 1), axis=2)[:, :, :n_q]
    delta = np.bincount((cell + e_rel[:, None]).ravel(), (weights * om_rate[:, None]).ravel(), size)
    rq_om = np.cumsum(delta.reshape(n_t, n_r, n_q + 1), axis=2)[:, :, :n_q]
    man_q = np.where(profiled, 0.0, 4.0 * man_rate / durations)
    man_delta = np.bincount(s_rel, man_q, n_q + 1) - np.bincount(e_rel, man_q, n_q + 1)
    manufacturing = np.cumsum(man_delta)[:n_q]
    for i in np.nonzero(profiled)[0].tolist():  # explicit construction profiles, placed quarter by quarter
        pi = _weights(projects[i], projects[i].profile, int(durations[i]))
        for d in range(int(durations[i])):
            q = int(starts[i]) - first + d
            if 0 <= q < n_q:
                rq_con[t_idx[i], :, q] += weights[i] * 4.0 * con_rate[i] * pi[d]
                manufacturing[q] += 4.0 * man_rate[i] * pi[d]

    s_con = np.array([factors.share_vector(t, "construction") for t in tech_list])  # (T, O)
    s_om = np.array([factors.share_vector(t, "om") for t in tech_list])
    construction = np.einsum("trq,to->roq", rq_con, s_con)
    om = np.einsum("trq,to->roq", rq_om, s_om)
    return Forecast(
        regions=order,
        occupations=factors.occupation_ids,
        first=first,
        last=last,
        construction=construction,
        om=om,
        manufacturing=manufacturing,
        factors=factors,
        variant=variant,
    )


def forecast_naive(
    projects: Sequence[Project],
    factors: FactorSet | None = None,
    variant: Variant = "central",
    *,
    regions: RegionMap | None = None,
    first: int | None = None,
    last: int | None = None,
) -> np.ndarray:
    """Reference implementation, one project at a time (for tests and the benchmark baseline): ``(R, O, Q)``."""
    factors = factors or factor_set()
    regions = regions or default_regions()
    first = min(p.scheduled_start for p in projects) if first is None else first
    last = max(p.scheduled_start + p.duration for p in projects) + 3 if last is None else last
    order = regions.am_codes
    total = np.zeros((len(order), len(factors.occupations), last - first + 1))
    for p in projects:
        total += project_demand_profile(p, factors, variant, regions=regions).at(first, last - first + 1, order)
    return total
