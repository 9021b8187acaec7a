"""Plan a project pipeline: the bridge from projects, factor sets and supply to :func:`planning.plan_starts`.

Planning works on the grid arbeidsmarktregio × BRC 2014 beroepsgroep × quarter, the grid on which supply and
tension are known (factor-set occupations are summed into their BRC group). For every project with a planning
window (``earliest_start``, ``latest_end``, ``duration_quarters``) each start ``s`` in ``earliest_start ..
latest_end − duration + 1`` (``latest_end`` is the last quarter construction may run, inclusive) is a candidate;
its demand (construction, then O&M from commissioning) comes from
:func:`krapte.labour.forecast.project_demand_profile`, so decline factors follow the start year. Projects with a
fixed window are background demand. The "before" schedule is a project's ``start_quarter`` if given, else its
earliest start.

Capacity is FTE per region × group × quarter available to the projects. The default is derived from the supply
table and the ROA ITA shortage threshold used by :mod:`krapte.labour.tension`: the extra demand a cell can take
before ITA = I / (R + E) falls to 0.85, i.e. ``E* = max(0, I / 0.85 − R)``. A capacity file replaces it (CSV
``region,occupation,quarter,fte``; ``quarter`` empty = every quarter; occupation as BRC code, ISCO code, ESCO URI
or factor-set name).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from krapte.errors import InputError, KrapteError, Problem, ValidationError
from krapte.labour.factors import FactorSet, Variant, check_variant, factor_set
from krapte.labour.forecast import project_demand_profile
from krapte.labour.planning import FloatArray, Method, Objective, PlannableProject, PlanningResult, plan_starts
from krapte.labour.projects import Project
from krapte.labour.quarters import format_quarter, parse_quarter, quarter_year
from krapte.labour.regions import RegionMap, default_regions
from krapte.labour.supply import SupplyTable, brc_labels, default_supply
from krapte.labour.tension import SHORTAGE_ITA, resolve_occupation

CAPACITY_COLUMNS = ("region", "occupation", "quarter", "fte")


@dataclass(frozen=True)
class PipelinePlan:
    """A planned pipeline: the solver's result on the region × BRC group × quarter grid, with labels."""

    result: PlanningResult
    projects: tuple[Project, ...]
    regions: tuple[str, ...]
    groups: tuple[str, ...]
    first: int
    capacity: FloatArray
    capacity_source: str
    factors: str
    variant: Variant

    @property
    def quarters(self) -> list[str]:
        return [format_quarter(self.first + q) for q in range(self.capacity.shape[2])]

    def planned_projects(self) -> list[Project]:
        """The projects with their new start quarters (fixed projects unchanged)."""
        after = self.result.starts_after
        return [p.with_start(self.first + after[p.id]) if p.id in after else p for p in self.projects]

    def cells(self) -> list[dict[str, Any]]:
        """Unmet demand before and after per region × BRC group (summed over quarters), where either is > 0; each
        region with its name next to its code."""
        before = self.result.shortage_before.sum(axis=2)
        after = self.result.shortage_after.sum(axis=2)
        peak_b = self.result.shortage_before.max(axis=2, initial=0.0)
        peak_a = self.result.shortage_after.max(axis=2, initial=0.0)
        labels = brc_labels()
        names = region_names()
        out = []
        for r, g in zip(*np.nonzero((before > 1e-9) | (after > 1e-9)), strict=True):
            out.append(
                {
                    "region": self.regions[r],
                    "region_name": names.get(self.regions[r], ""),
                    "brc_group": self.groups[g],
                    "label": labels.get(self.groups[g], self.groups[g]),
                    "unmet_before": round(float(before[r, g]), 3),
                    "unmet_after": round(float(after[r, g]), 3),
                    "peak_before": round(float(peak_b[r, g]), 3),
                    "peak_after": round(float(peak_a[r, g]), 3),
                }
            )
        return sorted(out, key=lambda c: -c["unmet_before"])

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``krapte plan --json`` and ``POST /api/v1/plan``."""
        r = self.result
        return {
            "factors": self.factors,
            "variant": self.variant,
            "first": format_quarter(self.first),
            "last": format_quarter(self.first + self.capacity.shape[2] - 1),
            "capacity_source": self.capacity_source,
            "status": r.status,
            "objective": r.objective,
            "mip_gap": round(r.mip_gap, 6),
            "peak_gap": round(r.peak_gap, 6),
            "solve_seconds": round(r.solve_seconds, 3),
            "unmet_fte_quarters": {"before": round(r.unmet_before, 3), "after": round(r.unmet_after, 3)},
            "peak_shortage_fte": {"before": round(r.peak_before, 3), "after": round(r.peak_after, 3)},
            "moves": [
                {
                    "project": m.project,
                    "before": format_quarter(self.first + m.before),
                    "after": format_quarter(self.first + m.after),
                    "shift_quarters": m.shift,
                }
                for m in sorted(r.moves, key=lambda m: m.project)
            ],
            "projects": [
                {
                    "id": pid,
                    "start_before": format_quarter(self.first + r.starts_before[pid]),
                    "start_after": format_quarter(self.first + after),
                }
                for pid, after in r.starts_after.items()
            ],
            "cells": self.cells(),
            "model": r.model_size,
        }


def region_names() -> dict[str, str]:
    """Arbeidsmarktregio code → name (the names shown next to codes in planning results)."""
    return {r.code: r.name for r in default_regions().arbeidsmarktregios()}


def plannable(project: Project) -> bool:
    """Whether the project has a planning window (earliest start, latest end and duration)."""
    return project.earliest_start is not None and project.latest_end is not None


def default_capacity(supply: SupplyTable, regions: Sequence[str], groups: Sequence[str]) -> FloatArray:
    """FTE per region × group a cell can absorb before ROA ITA reaches the shortage threshold: ``I/0.85 − R``."""
    inflow = supply.measure("inflow_per_year")
    replacement = supply.measure("replacement_per_year")
    out = np.zeros((len(regions), len(groups)))
    for i, region in enumerate(regions):
        for j, group in enumerate(groups):
            r, g = supply.index(region, group)
            out[i, j] = max(0.0, inflow[r, g] / SHORTAGE_ITA - replacement[r, g])
    return out


def read_capacity_file(
    path: str | Path,
    regions: Sequence[str],
    groups: Sequence[str],
    first: int,
    n_quarters: int,
    *,
    base: FloatArray | None = None,
    region_map: RegionMap | None = None,
) -> FloatArray:
    """Capacity (R, G, Q) from a CSV ``region,occupation,quarter,fte``; cells not in the file keep ``base`` (0).

    Every row is checked; all problems are reported together with file, line and column, and nothing is used
    unless the whole file is valid.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read capacity file: {exc}", file=str(path)) from None
    return read_capacity_text(text, str(path), regions, groups, first, n_quarters, base=base, region_map=region_map)


def read_capacity_text(
    text: str,
    name: str,
    regions: Sequence[str],
    groups: Sequence[str],
    first: int,
    n_quarters: int,
    *,
    base: FloatArray | None = None,
    region_map: RegionMap | None = None,
) -> FloatArray:
    """:func:`read_capacity_file` on text already read (``name`` is used in messages)."""
    path = name
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in ("region", "occupation", "fte") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(
            f"capacity file lacks column(s) {', '.join(missing)}",
            file=path,
            line=1,
            hint="the header must be region,occupation,quarter,fte (quarter may be left empty)",
        )
    region_map = region_map or default_regions()
    out = np.zeros((len(regions), len(groups), n_quarters)) if base is None else base.copy()
    problems: list[Problem] = []
    for line, row in enumerate(reader, start=2):

        def problem(message: str, column: str, value: str | None, *, line: int = line) -> None:
            problems.append(Problem(message, file=path, line=line, column=column, value=value))

        raw_region = (row.get("region") or "").strip()
        try:
            region = region_map.find(raw_region, kinds=("arbeidsmarktregio",)).code
            r = regions.index(region)
        except (KrapteError, ValueError):
            problem("unknown arbeidsmarktregio", "region", raw_region)
            continue
        raw_occ = (row.get("occupation") or "").strip()
        try:
            g = list(groups).index(resolve_occupation(raw_occ))
        except KrapteError:
            problem("occupation cannot be mapped to a BRC 2014 group", "occupation", raw_occ)
            continue
        except ValueError:
            continue  # a group no project needs: irrelevant to planning
        raw_fte = (row.get("fte") or "").strip()
        try:
            fte = float(raw_fte)
        except ValueError:
            problem("fte is not a number", "fte", raw_fte)
            continue
        if not np.isfinite(fte) or fte < 0:
            problem("fte must be a finite number >= 0", "fte", raw_fte)
            continue
        raw_q = (row.get("quarter") or "").strip()
        if not raw_q:
            out[r, g, :] = fte
            continue
        try:
            q = parse_quarter(raw_q) - first
        except KrapteError:
            problem("quarter is not of the form YYYYQn", "quarter", raw_q)
            continue
        if 0 <= q < n_quarters:
            out[r, g, q] = fte
    if problems:
        first_problem = problems[0]
        raise InputError(
            f"{len(problems)} problem(s) in the capacity file; first: {first_problem.message}",
            file=first_problem.file,
            line=first_problem.line,
            column=first_problem.column,
            value=first_problem.value,
            problems=problems,
            hint="fix the rows named above; nothing was used",
        )
    return out


def plan_pipeline(
    projects: Sequence[Project],
    factors: FactorSet | None = None,
    variant: Variant = "central",
    *,
    capacity_file: str | Path | None = None,
    capacity_text: tuple[str, str] | None = None,
    supply: SupplyTable | None = None,
    time_limit: float = 60.0,
    objective: Objective = "lexicographic",
    regions: RegionMap | None = None,
    method: Method = "auto",
    should_stop: Callable[[], bool] | None = None,
) -> PipelinePlan:
    """Choose start quarters for the projects with a planning window; report before/after (see module docs)."""
    factors = factors or factor_set()
    variant = check_variant(variant)
    regions = regions or default_regions()
    supply = supply or default_supply()
    if not projects:
        raise ValidationError("no projects to plan", hint="give a project file with at least one row")
    movable = [p for p in projects if plannable(p)]
    if not movable:
        raise ValidationError(
            "no project has a planning window",
            hint="add the columns earliest_start, latest_end and duration_quarters to the project file",
        )
    first, last = _horizon(projects)
    n_q = last - first + 1
    region_codes = tuple(supply.regions)
    occ_group = [resolve_occupation(o) for o in factors.occupation_ids]
    groups = tuple(sorted(set(occ_group)))
    to_group = np.zeros((len(factors.occupation_ids), len(groups)))
    for i, g in enumerate(occ_group):
        to_group[i, groups.index(g)] = 1.0

    background = np.zeros((len(region_codes), len(groups), n_q))
    planned: list[PlannableProject] = []
    for p in projects:
        if not plannable(p):
            prof = project_demand_profile(p, factors, variant, regions=regions)
            background += np.einsum("roq,og->rgq", prof.at(first, n_q, region_codes), to_group)
            continue
        planned.append(_plannable(p, factors, variant, regions, region_codes, to_group, first, n_q))

    capacity = default_capacity(supply, region_codes, groups)[:, :, None].repeat(n_q, axis=2)
    source = "default: ROA ITA threshold 0.85 on the supply table (I/0.85 − R)"
    if capacity_file is not None:
        capacity = read_capacity_file(capacity_file, region_codes, groups, first, n_q, base=capacity)
        source = f"{capacity_file} (cells not in the file: default)"
    elif capacity_text is not None:
        text, name = capacity_text
        capacity = read_capacity_text(text, name, region_codes, groups, first, n_q, base=capacity)
        source = f"{name} (cells not in the file: default)"
    result = plan_starts(
        planned,
        capacity,
        background=background,
        time_limit=time_limit,
        objective=objective,
        quarter_label=lambda q: format_quarter(first + q),
        method=method,
        should_stop=should_stop,
    )
    return PipelinePlan(
        result=result,
        projects=tuple(projects),
        regions=region_codes,
        groups=groups,
        first=first,
        capacity=capacity,
        capacity_source=source,
        factors=factors.name,
        variant=variant,
    )


def check_plan_inputs(
    projects: Sequence[Project], factors: FactorSet, capacity_text: tuple[str, str] | None = None
) -> None:
    """The cheap checks of :func:`plan_pipeline` without solving: something to plan, a readable capacity file.

    Services run it before they queue a planning job, so a bad upload is refused at once instead of in the job.
    """
    if not projects:
        raise ValidationError("no projects to plan", hint="give a project file with at least one row")
    if not any(plannable(p) for p in projects):
        raise ValidationError(
            "no project has a planning window",
            hint="add the columns earliest_start, latest_end and duration_quarters to the project file",
        )
    if capacity_text is not None:
        supply = default_supply()
        first, last = _horizon(projects)
        groups = tuple(sorted({resolve_occupation(o) for o in factors.occupation_ids}))
        region_codes = tuple(supply.regions)
        base = default_capacity(supply, region_codes, groups)[:, :, None].repeat(last - first + 1, axis=2)
        read_capacity_text(capacity_text[0], capacity_text[1], region_codes, groups, first, last - first + 1, base=base)


def plan_pipeline_upload(
    content: bytes,
    filename: str,
    capacity: bytes | None = None,
    *,
    factors_name: str = "rutovitz2025",
    variant: Variant = "central",
    time_limit: float = 60.0,
    capacity_name: str = "capacity.csv",
) -> PipelinePlan:
    """:func:`plan_pipeline` on uploaded bytes (web form and REST API)."""
    from krapte.labour.factors import resolve_factors
    from krapte.labour.projects import parse_projects

    factors = resolve_factors(factors_name)
    projects = parse_projects(content, filename, factors=factors)
    cap_text = None
    if capacity is not None:
        try:
            cap_text = (capacity.decode("utf-8-sig"), capacity_name)
        except UnicodeDecodeError:
            raise InputError("the capacity file is not UTF-8 text", file=capacity_name) from None
    return plan_pipeline(projects, factors, variant, capacity_text=cap_text, time_limit=time_limit)


def _horizon(projects: Sequence[Project]) -> tuple[int, int]:
    """First and last quarter (inclusive) covering every fixed window and every planning window."""
    firsts, lasts = [], []
    for p in projects:
        if plannable(p):
            assert p.earliest_start is not None and p.latest_end is not None
            firsts.append(min(p.earliest_start, p.start if p.start is not None else p.earliest_start))
            lasts.append(max(p.latest_end, p.end if p.end is not None else p.latest_end))
        else:
            firsts.append(p.scheduled_start)
            lasts.append(p.scheduled_start + p.duration - 1)
    return min(firsts), max(lasts)


def _plannable(
    p: Project,
    factors: FactorSet,
    variant: Variant,
    regions: RegionMap,
    region_codes: tuple[str, ...],
    to_group: FloatArray,
    first: int,
    n_q: int,
) -> PlannableProject:
    """Candidate-start profiles of one project on its own rows of the region axis; one array per start year."""
    assert p.earliest_start is not None and p.latest_end is not None
    duration = p.duration
    earliest = p.earliest_start - first
    latest = p.latest_end - duration + 1 - first
    planned_start = (p.start - first) if p.start is not None else None
    if latest < earliest:
        # plan_starts explains this case with the project's quarters
        return PlannableProject(p.id, np.zeros((1, to_group.shape[1], 1)), earliest, latest, planned_start, (0,))
    length = n_q - earliest
    by_year: dict[tuple[int, int], FloatArray] = {}
    rows: tuple[int, ...] = ()
    profiles: list[FloatArray] = []
    for s in range(earliest, latest + 1):
        q = first + s
        key = (quarter_year(q), quarter_year(q + duration))
        if key not in by_year:
            prof = project_demand_profile(p, factors, variant, regions=regions, start=q)
            rows = tuple(region_codes.index(r) for r in prof.regions)
            arr = np.zeros((len(prof.regions), to_group.shape[1], length))
            con = np.einsum("rod,og->rgd", prof.construction, to_group)
            arr[:, :, : min(duration, length)] = con[:, :, :length]
            if duration < length:
                arr[:, :, duration:] = (prof.om @ to_group)[:, :, None]
            by_year[key] = arr
        profiles.append(by_year[key])
    return PlannableProject(p.id, profiles, earliest, latest, planned_start, rows)
