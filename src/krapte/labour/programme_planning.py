"""Plan RES, NPE and NPLW together and report, per programme, which targets slip and by how much.

Every tranche of the national scenario (:mod:`krapte.labour.programmes`) has a planning window: it may start up to
``SLACK_QUARTERS`` later than on its path. :func:`plan_programmes` hands all of them, across the three programmes,
to the same planner as ``krapte plan`` (:func:`krapte.labour.planning_pipeline.plan_pipeline`), which moves start
dates to minimise demand above the capacity of each arbeidsmarktregio × BRC group × quarter. A target slips when a
tranche then ends after its component's target quarter; the report gives per programme and component the quantity
that is late, the largest and the quantity-weighted mean delay, and the BRC groups that bind: those with demand
above capacity after planning in the cells where the programme works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from krapte.labour.factors import FactorSet, Variant, check_variant, factor_set
from krapte.labour.forecast import forecast
from krapte.labour.planning import Method, Objective
from krapte.labour.planning_pipeline import PipelinePlan, plan_pipeline
from krapte.labour.programmes import FACTOR_SET, PROGRAMMES, ScenarioEntry, national_scenario
from krapte.labour.projects import Project
from krapte.labour.quarters import format_quarter
from krapte.labour.supply import SupplyTable, brc_labels


@dataclass(frozen=True)
class ProgrammePlan:
    """A joint plan of the three programmes with the slips per programme and component."""

    plan: PipelinePlan
    entries: tuple[ScenarioEntry, ...]
    factors: FactorSet

    def _after(self) -> dict[str, Project]:
        return {p.id: p for p in self.plan.planned_projects()}

    def slips(self) -> list[dict[str, Any]]:
        """Per programme and component: quantity late after planning (end beyond the target) and the delay."""
        after = self._after()
        rows = []
        keys = sorted({(e.programme, e.component) for e in self.entries}, key=lambda k: (PROGRAMMES.index(k[0]), k[1]))
        for prog, comp in keys:
            group = [e for e in self.entries if (e.programme, e.component) == (prog, comp)]
            qty = sum(e.project.size for e in group)
            late = [(e, _slip(after[e.project.id], e.target)) for e in group]
            late_qty = sum(e.project.size for e, s in late if s > 0)
            weighted = sum(e.project.size * s for e, s in late) / late_qty if late_qty else 0.0
            moved = sum(1 for e in group if after[e.project.id].start != e.project.start)
            rows.append(
                {
                    "programme": prog,
                    "component": comp,
                    "unit": group[0].project.unit,
                    "quantity": round(qty, 1),
                    "target": format_quarter(max(e.target for e in group)),
                    "tranches": len(group),
                    "tranches_moved": moved,
                    "quantity_late": round(late_qty, 1),
                    "share_late": round(late_qty / qty, 3) if qty else 0.0,
                    "max_slip_quarters": max((s for _, s in late), default=0),
                    "mean_slip_quarters_of_late": round(weighted, 2),
                    "unverified": any(e.unverified for e in group),
                }
            )
        return rows

    def by_programme(self) -> list[dict[str, Any]]:
        """Per programme: tranches moved and late, the largest slip, and the binding BRC groups (top 3)."""
        slips = self.slips()
        binding = self.binding_groups()
        out = []
        for prog in PROGRAMMES:
            rows = [r for r in slips if r["programme"] == prog]
            if not rows:
                continue
            out.append(
                {
                    "programme": prog,
                    "tranches": sum(r["tranches"] for r in rows),
                    "tranches_moved": sum(r["tranches_moved"] for r in rows),
                    "components_late": [r["component"] for r in rows if r["quantity_late"] > 0],
                    "max_slip_quarters": max(r["max_slip_quarters"] for r in rows),
                    "binding_groups": binding.get(prog, []),
                }
            )
        return out

    def binding_groups(self, top: int = 3) -> dict[str, list[dict[str, Any]]]:
        """Per programme, the BRC groups carrying most of its demand in cells still above capacity after planning."""
        after = self._after()
        short = self.plan.result.shortage_after > 1e-6  # (R, G, Q) on the plan's grid
        labels = brc_labels()
        out: dict[str, list[dict[str, Any]]] = {}
        n_q = short.shape[2]
        for prog in PROGRAMMES:
            projects = [after[e.project.id] for e in self.entries if e.programme == prog]
            if not projects:
                continue
            fc = forecast(
                projects, self.factors, self.plan.variant, first=self.plan.first, last=self.plan.first + n_q - 1
            )
            groups, demand = fc.by_brc()
            rows = [self.plan.regions.index(r) for r in fc.regions]
            totals = []
            for j, g in enumerate(groups):
                if g not in self.plan.groups:
                    continue
                mask = short[rows, self.plan.groups.index(g), :]
                value = float((demand[:, j, :] * mask).sum()) / 4
                if value > 0:
                    totals.append((value, g))
            out[prog] = [
                {"brc_group": g, "label": labels.get(g, g), "job_years_in_short_cells": round(v, 1)}
                for v, g in sorted(totals, reverse=True)[:top]
            ]
        return out

    def to_dict(self) -> dict[str, Any]:
        """The plan's JSON (as ``krapte plan --json``) plus ``by_programme`` and ``slips``; cells capped at 50."""
        body = self.plan.to_dict()
        body["cells"] = body["cells"][:50]
        body.pop("projects", None)
        body["by_programme"] = self.by_programme()
        body["slips"] = self.slips()
        return body


def _slip(project: Project, target: int) -> int:
    return max(0, project.scheduled_start + project.duration - 1 - target)


def plan_programmes(
    programmes: Iterable[str] | None = None,
    factors: FactorSet | None = None,
    variant: Variant = "central",
    *,
    entries: Sequence[ScenarioEntry] | None = None,
    supply: SupplyTable | None = None,
    capacity_file: str | Path | None = None,
    time_limit: float = 60.0,
    objective: Objective = "lexicographic",
    method: Method = "blocks",
    should_stop: Callable[[], bool] | None = None,
) -> ProgrammePlan:
    """Plan the national scenario (or some programmes of it) across programmes; see the module docs."""
    entries = tuple(entries if entries is not None else national_scenario(programmes))
    fs = factors or factor_set(FACTOR_SET)
    plan = plan_pipeline(
        [e.project for e in entries],
        fs,
        check_variant(variant),
        supply=supply,
        capacity_file=capacity_file,
        time_limit=time_limit,
        objective=objective,
        method=method,
        should_stop=should_stop,
    )
    return ProgrammePlan(plan, entries, fs)
