"""Named scenarios compared side by side: delays, productivity, training inflow and factor variants.

A scenario changes one or more of:

* ``shift``: quarters to move projects (positive = later). Keys are a project id, ``technology:<id>`` or ``*``
  (every project); a project's planning window moves with it.
* ``productivity``: a multiplier of the construction labour per unit of a technology (0.5 = twice as productive).
* ``hours_per_unit``: installer hours per unit (heat pumps: 32 h → 14 h in 2025 → 12 h target, anchor A19),
  turned into job-years at 1,600 hours per FTE-year, the convention of the ``nl-anchors`` factor set.
* ``inflow``: extra entrants per year from training programmes in a region × occupation (supply side).
* ``factors`` / ``variant``: another factor set or its low/central/high values.

Each scenario is evaluated with the same forecast (:func:`krapte.labour.forecast.forecast`) and tension
(:func:`krapte.labour.tension.tension_table`) as the rest of ``krapte.labour``, on one common quarter range, and
summarised as: construction job-years, peak FTE and its quarter, demand above capacity (FTE-quarters above the
ROA ITA threshold, the capacity used by planning) and the number of region × BRC group × quarter cells flagged as
shortage by ITA (≤ 0.85).

Scenario files are TOML or JSON with a list ``scenarios`` (see ``docs/planning.md``), read by
:func:`read_scenarios`; errors name the file, the scenario and the key.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from krapte.errors import InputError, KrapteError, ValidationError
from krapte.labour.factors import FactorSet, Variant, check_variant, factor_set
from krapte.labour.forecast import Forecast, forecast
from krapte.labour.projects import Project
from krapte.labour.quarters import format_quarter
from krapte.labour.regions import default_regions
from krapte.labour.supply import SupplyTable, default_supply
from krapte.labour.tension import SHORTAGE_ITA, TensionTable, resolve_occupation, tension_table
from krapte.security.safe_json import check_json_depth

HOURS_PER_FTE_YEAR = 1600.0
SCENARIO_KEYS = {"name", "description", "shift", "productivity", "hours_per_unit", "inflow", "factors", "variant"}


@dataclass(frozen=True)
class Inflow:
    """Extra entrants per year into a region × occupation (e.g. a training programme's graduates)."""

    region: str
    occupation: str
    fte_per_year: float


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str = ""
    shift: Mapping[str, int] = field(default_factory=dict)
    productivity: Mapping[str, float] = field(default_factory=dict)
    hours_per_unit: Mapping[str, float] = field(default_factory=dict)
    inflow: tuple[Inflow, ...] = ()
    factors: str | None = None
    variant: Variant | None = None


@dataclass(frozen=True)
class ScenarioOutcome:
    """One scenario's forecast, tension and summary figures."""

    scenario: Scenario
    forecast: Forecast
    tension: TensionTable
    unmet: np.ndarray  # (R, G, Q) FTE above capacity

    def summary(self) -> dict[str, Any]:
        total = self.forecast.total.sum(axis=(0, 1))
        peak = int(total.argmax()) if total.size else 0
        return {
            "scenario": self.scenario.name,
            "description": self.scenario.description,
            "factors": self.forecast.factors.name,
            "variant": self.forecast.variant,
            "construction_job_years": round(float(self.forecast.construction.sum()) / 4, 3),
            "peak_fte": round(float(total[peak]), 3) if total.size else 0.0,
            "peak_quarter": format_quarter(self.forecast.first + peak),
            "unmet_fte_quarters": round(float(self.unmet.sum()), 3),
            "shortage_cells": int((self.tension.ita <= SHORTAGE_ITA).sum()),
        }


@dataclass(frozen=True)
class Comparison:
    outcomes: tuple[ScenarioOutcome, ...]

    def rows(self) -> list[dict[str, Any]]:
        """One summary per scenario, with the change against the first scenario (the baseline)."""
        summaries = [o.summary() for o in self.outcomes]
        base = summaries[0]
        for s in summaries:
            for key in ("construction_job_years", "peak_fte", "unmet_fte_quarters", "shortage_cells"):
                s[f"delta_{key}"] = round(s[key] - base[key], 3)
        return summaries


def default_scenarios() -> list[Scenario]:
    """A baseline and the scenarios the action plan discusses, for ``krapte scenarios compare`` without a file."""
    return [
        Scenario("basis", "the pipeline as given"),
        Scenario(
            "warmtepomp-32u",
            "heat pumps at 32 installer hours per unit (before 2025)",
            hours_per_unit={"heat_pump": 32},
        ),
        Scenario(
            "warmtepomp-12u",
            "heat pumps at 12 installer hours per unit (2026 target)",
            hours_per_unit={"heat_pump": 12},
        ),
        Scenario("een-jaar-later", "every project four quarters later", shift={"*": 4}),
        Scenario("laag", "low factor values", variant="low"),
        Scenario("hoog", "high factor values", variant="high"),
    ]


def compare_scenarios(
    projects: Sequence[Project],
    scenarios: Sequence[Scenario],
    *,
    factors: FactorSet | None = None,
    variant: Variant = "central",
    supply: SupplyTable | None = None,
) -> Comparison:
    """Evaluate every scenario on a common quarter range; the first scenario is the baseline of the deltas."""
    if not scenarios:
        raise ValidationError("no scenarios to compare", hint="give a scenario file with at least one scenario")
    if not projects:
        raise ValidationError("no projects", hint="give a project file with at least one row")
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ValidationError(f"scenario names must be unique; got {names}")
    base_factors = factors or factor_set()
    supply = supply or default_supply()
    shifted = [apply_shift(projects, s.shift) for s in scenarios]
    first = min(p.scheduled_start for ps in shifted for p in ps)
    last = max(p.scheduled_start + p.duration for ps in shifted for p in ps) + 3
    outcomes = []
    for scenario, ps in zip(scenarios, shifted, strict=True):
        fs = factor_set(scenario.factors) if scenario.factors else base_factors
        fs = apply_productivity(fs, scenario)
        fc = forecast(ps, fs, scenario.variant or check_variant(variant), first=first, last=last)
        sup = apply_inflow(supply, scenario.inflow, scenario.name)
        tt = tension_table(fc, sup)
        capacity = np.maximum(sup.measure("inflow_per_year") / SHORTAGE_ITA - sup.measure("replacement_per_year"), 0.0)
        unmet = np.maximum(tt.extra_demand - capacity[:, :, None], 0.0)
        outcomes.append(ScenarioOutcome(scenario, fc, tt, unmet))
    return Comparison(tuple(outcomes))


def apply_shift(projects: Sequence[Project], shift: Mapping[str, int]) -> list[Project]:
    """Projects moved by ``shift`` (id, ``technology:<id>`` or ``*`` → quarters); unknown ids are an error."""
    ids = {p.id for p in projects}
    for key in shift:
        if key != "*" and not key.startswith("technology:") and key not in ids:
            raise ValidationError(
                f"scenario shifts project {key!r}, which is not in the pipeline",
                hint="use a project id, technology:<id> or *",
            )
    out = []
    for p in projects:
        q = shift.get(p.id, shift.get(f"technology:{p.technology}", shift.get("*", 0)))
        if q == 0:
            out.append(p)
            continue
        out.append(
            replace(
                p,
                start=None if p.start is None else p.start + q,
                end=None if p.end is None else p.end + q,
                earliest_start=None if p.earliest_start is None else p.earliest_start + q,
                latest_end=None if p.latest_end is None else p.latest_end + q,
            )
        )
    return out


def apply_productivity(fs: FactorSet, scenario: Scenario) -> FactorSet:
    """A copy of the factor set with construction labour per unit scaled or set from installer hours."""
    if not scenario.productivity and not scenario.hours_per_unit:
        return fs
    factors = dict(fs.factors)
    for tech, value in {**scenario.productivity, **scenario.hours_per_unit}.items():
        f = fs.factor(tech, "construction")
        if f is None:
            raise ValidationError(
                f"scenario {scenario.name!r} changes technology {tech!r}, which factor set {fs.name!r} lacks",
                hint=f"use one of {', '.join(sorted(t for t, _ in fs.factors))}",
            )
        if not (np.isfinite(value) and value > 0):
            raise ValidationError(f"scenario {scenario.name!r}: the value for {tech!r} must be positive, not {value}")
        if tech in scenario.hours_per_unit:
            jy = value / HOURS_PER_FTE_YEAR
            new = replace(
                f,
                low=jy,
                central=jy,
                high=jy,
                source=f"scenario {scenario.name!r}: {value:g} h per unit / 1600 h",
                schedule=(),
            )
        else:
            new = replace(
                f,
                low=f.low * value,
                central=f.central * value,
                high=f.high * value,
                schedule=tuple((y, lo * value, c * value, hi * value) for y, lo, c, hi in f.schedule),
            )
        factors[(tech, "construction")] = new
    return replace(fs, factors=factors)


def apply_inflow(supply: SupplyTable, inflow: Sequence[Inflow], name: str) -> SupplyTable:
    """The supply with extra yearly inflow added per region × BRC group."""
    if not inflow:
        return supply
    regions = default_regions()
    values = {m: v.copy() for m, v in supply.values.items()}
    for item in inflow:
        region = regions.find(item.region, kinds=("arbeidsmarktregio",)).code
        r, g = supply.index(region, resolve_occupation(item.occupation))
        values["inflow_per_year"][r, g] += item.fte_per_year
    return replace(supply, values=values, assumptions=(*supply.assumptions, f"extra inflow from scenario {name!r}"))


# --- scenario files -------------------------------------------------------------------------------------------------


def read_scenarios(path: str | Path) -> list[Scenario]:
    """Scenarios from a TOML or JSON file with a list ``scenarios``; every error names file, scenario and key."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read scenario file: {exc.strerror}", file=str(path)) from None
    return parse_scenarios(raw, str(path))


def parse_scenarios(raw: bytes, name: str) -> list[Scenario]:
    """Scenarios from the bytes of a file called ``name`` (its suffix, .toml or .json, picks the format)."""
    path = Path(name)
    try:
        if path.suffix.lower() == ".json":
            text = raw.decode("utf-8")
            check_json_depth(text, what=f"the JSON in {path.name}")
            data = json.loads(text)
        elif path.suffix.lower() == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        else:
            raise InputError("scenario files are .toml or .json", file=str(path), hint="rename the file")
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=str(path), line=exc.lineno) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", file=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("the file is not UTF-8 text", file=str(path)) from None
    items = data.get("scenarios") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise InputError(
            "the file has no list 'scenarios'", file=str(path), hint="add [[scenarios]] tables (TOML) or a JSON list"
        )
    defaults = data.get("defaults", {}) if isinstance(data, dict) else {}
    return [_scenario(item, i, str(path), defaults) for i, item in enumerate(items, start=1)]


def _scenario(item: Any, index: int, file: str, defaults: Mapping[str, Any]) -> Scenario:
    where = f"scenario #{index}"

    def fail(message: str, key: str | None = None) -> InputError:
        return InputError(f"{where}: {message}", file=file, column=key)

    if not isinstance(item, dict):
        raise fail("must be a table/object with at least a name")
    item = {**defaults, **item}
    if not isinstance(item.get("name"), str) or not item["name"].strip():
        raise fail("has no name", "name")
    where = f"scenario {item['name']!r}"
    unknown = set(item) - SCENARIO_KEYS
    if unknown:
        raise fail(f"unknown key(s) {sorted(unknown)}; known: {sorted(SCENARIO_KEYS)}", sorted(unknown)[0])

    def mapping(key: str, kind: type) -> dict[str, Any]:
        value = item.get(key, {})
        if not isinstance(value, dict) or not all(
            not isinstance(v, bool) and (isinstance(v, kind) or (kind is float and isinstance(v, int)))
            for v in value.values()
        ):
            raise fail(f"{key} must map names to {'whole numbers' if kind is int else 'numbers'}", key)
        return {str(k): (float(v) if kind is float else int(v)) for k, v in value.items()}

    inflow = []
    for j, entry in enumerate(item.get("inflow", []), start=1):
        if not isinstance(entry, dict) or not {"region", "occupation", "fte_per_year"} <= set(entry):
            raise fail(f"inflow #{j} needs region, occupation and fte_per_year", "inflow")
        try:
            value = float(entry["fte_per_year"])
        except (TypeError, ValueError):
            raise fail(f"inflow #{j}: fte_per_year is not a number", "inflow") from None
        inflow.append(Inflow(str(entry["region"]), str(entry["occupation"]), value))
    variant = item.get("variant")
    try:
        checked_variant = check_variant(variant) if variant is not None else None
        if item.get("factors") is not None:
            factor_set(str(item["factors"]))  # a name only: a scenario file never makes krapte read a file
    except KrapteError as exc:
        raise fail(exc.message, "variant" if variant is not None and "variant" in exc.message else "factors") from None
    return Scenario(
        name=item["name"].strip(),
        description=str(item.get("description", "")),
        shift=mapping("shift", int),
        productivity=mapping("productivity", float),
        hours_per_unit=mapping("hours_per_unit", float),
        inflow=tuple(inflow),
        factors=str(item["factors"]) if item.get("factors") is not None else None,
        variant=checked_variant,
    )
