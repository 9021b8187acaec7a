"""Named, sourced employment-factor sets: labour per unit of capacity, per phase, with occupation shares.

A factor says how much labour one unit of a technology needs in one phase:

- ``construction``  job-years per unit (MW, km, unit, EUR mln), spent locally over the construction window;
- ``manufacturing`` job-years per unit, reported separately as non-local (mostly abroad for modules and turbines);
- ``om``            jobs (FTE) per unit of installed capacity, every year from commissioning on.

Every factor carries ``low``/``central``/``high`` values (the set's own range, or the band over all sources krapte
embeds where the set gives one value), its unit and its source. Sets that lack a technology fall back to
``rutovitz2025`` and then to ``nl-anchors``; :attr:`Factor.set` names the set the value came from. A user CSV can
override single factors (:func:`load_factor_file`).

Extension datasets (:data:`EXTENSIONS`, e.g. ``programmes-nl-2030``) add sets, technologies, occupations and
shares with the same file layout; their sets join the fallback chain after the base sets, so they only fill
technologies the base sets lack. A factor may carry a ``schedule`` (year -> low/central/high, interpolated
linearly and held flat outside its years), e.g. heat-pump installer hours falling from 32 h to 12 h.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal, cast

import numpy as np

from krapte.errors import InputError, NotFoundError, Problem, ValidationError
from krapte.limits import LimitExceeded, current_limits

Variant = Literal["low", "central", "high"]
VARIANTS: tuple[Variant, ...] = ("low", "central", "high")
Phase = Literal["construction", "manufacturing", "om"]
PHASES: tuple[Phase, ...] = ("construction", "manufacturing", "om")
DEFAULT_SET = "rutovitz2025"
DECLINE_BASE_YEAR, DECLINE_END_YEAR = 2015, 2030
BASE_DATASET = "employment-factors"
EXTENSIONS: tuple[str, ...] = ("programmes-nl-2030",)
SchedulePoint = tuple[int, float, float, float]  # year, low, central, high


def check_variant(variant: str) -> Variant:
    if variant not in VARIANTS:
        raise ValidationError(f"variant {variant!r} is not known", hint="use low, central or high")
    return cast(Variant, variant)


@dataclass(frozen=True)
class Factor:
    technology: str
    phase: Phase
    low: float
    central: float
    high: float
    unit: str
    source: str
    set: str
    range: str = "across sources"
    basis: str = ""
    schedule: tuple[SchedulePoint, ...] = ()

    def value(self, variant: Variant = "central", year: int | None = None) -> float:
        """The value of a variant; with a schedule and a year, interpolated between the schedule's years."""
        column = VARIANTS.index(check_variant(variant)) + 1
        if not self.schedule or year is None:
            return float(getattr(self, variant))
        points = self.schedule
        if year <= points[0][0]:
            return float(points[0][column])
        for (y0, *v0), (y1, *v1) in itertools.pairwise(points):
            if year <= y1:
                a, b = v0[column - 1], v1[column - 1]
                return float(a + (b - a) * (year - y0) / (y1 - y0))
        return float(points[-1][column])


@dataclass(frozen=True)
class Occupation:
    """An occupation as a factor set names it, with its ISCO-08 unit groups and BRC 2014 beroepsgroep."""

    id: str
    group: str
    isco: tuple[str, ...]
    isco_label_nl: str
    brc_group: str
    brc_label: str

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "group": self.group,
            "isco": list(self.isco),
            "isco_label_nl": self.isco_label_nl,
            "brc_group": self.brc_group,
            "brc_label": self.brc_label,
        }


@dataclass(frozen=True)
class Technology:
    id: str
    unit: str
    label_nl: str
    label_en: str

    def label(self, lang: str = "nl") -> str:
        return self.label_en if lang == "en" else self.label_nl


@dataclass(frozen=True)
class FactorSet:
    name: str
    title: str
    source: str
    base_year: int
    note: str
    factors: Mapping[tuple[str, Phase], Factor]
    decline: Mapping[str, float]
    shares: Mapping[tuple[str, str], Mapping[str, float]]
    occupations: tuple[Occupation, ...]
    technologies: Mapping[str, Technology]
    _occ_index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_occ_index", {o.id: i for i, o in enumerate(self.occupations)})

    @property
    def occupation_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.occupations)

    def occupation(self, occupation_id: str) -> Occupation:
        try:
            return self.occupations[self._occ_index[occupation_id]]
        except KeyError:
            raise NotFoundError(f"factor set {self.name!r} has no occupation {occupation_id!r}") from None

    def technology(self, technology_id: str) -> Technology:
        try:
            return self.technologies[technology_id]
        except KeyError:
            known = ", ".join(sorted(self.technologies))
            raise NotFoundError(f"unknown technology {technology_id!r}", hint=f"known technologies: {known}") from None

    def factor(self, technology: str, phase: Phase) -> Factor | None:
        return self.factors.get((technology, phase))

    def value(self, technology: str, phase: Phase, variant: Variant = "central", year: int | None = None) -> float:
        """The factor for a technology and phase, with the set's decline to ``year`` applied (0 if none)."""
        f = self.factor(technology, phase)
        if f is None:
            return 0.0
        return f.value(variant, year) * self.decline_multiplier(technology, year)

    def decline_multiplier(self, technology: str, year: int | None) -> float:
        """``(1 - d)^((min(year, 2030) - 2015) / 15)`` for sets with decline rates (Rutovitz 2015 Table 9)."""
        d = self.decline.get(technology)
        if d is None or year is None:
            return 1.0
        years = min(max(year, DECLINE_BASE_YEAR), DECLINE_END_YEAR) - DECLINE_BASE_YEAR
        return float((1.0 - d) ** (years / (DECLINE_END_YEAR - DECLINE_BASE_YEAR)))

    def share_vector(self, technology: str, phase: str) -> np.ndarray:
        """Occupation shares (sum 1) over :attr:`occupation_ids`; O&M falls back to construction shares."""
        shares = self.shares.get((technology, phase))
        if shares is None and phase == "om":
            shares = self.shares.get((technology, "construction"))
        vec = np.zeros(len(self.occupations))
        if not shares:
            return vec
        for occ, s in shares.items():
            vec[self._occ_index[occ]] = s
        return vec / vec.sum()


def _read_csv(name: str, dataset: str = BASE_DATASET) -> list[dict[str, str]]:
    folder = resources.files("krapte.data") / dataset
    if dataset != BASE_DATASET and not (folder / name).is_file():
        return []
    text = (folder / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _schedules() -> dict[tuple[str, str, str], tuple[SchedulePoint, ...]]:
    points: dict[tuple[str, str, str], list[SchedulePoint]] = {}
    for dataset in EXTENSIONS:
        for r in _read_csv("schedule.csv", dataset):
            key = (r["set"], r["technology"], r["phase"])
            points.setdefault(key, []).append((int(r["year"]), float(r["low"]), float(r["central"]), float(r["high"])))
    return {k: tuple(sorted(v)) for k, v in points.items()}


@cache
def _catalogue() -> dict[str, object]:
    meta = json.loads((resources.files("krapte.data") / BASE_DATASET / "sets.json").read_text("utf-8"))
    for dataset in EXTENSIONS:
        extra = resources.files("krapte.data") / dataset / "sets.json"
        if extra.is_file():
            ext = json.loads(extra.read_text("utf-8"))
            meta["sets"] = [*meta["sets"], *ext["sets"]]
            meta["fallback"] = [*meta["fallback"], *ext.get("fallback_append", [])]
    datasets = (BASE_DATASET, *EXTENSIONS)
    schedules = _schedules()
    factors: dict[str, dict[tuple[str, Phase], Factor]] = {}
    for r in (row for d in datasets for row in _read_csv("factors.csv", d)):
        phase = cast(Phase, r["phase"])
        factors.setdefault(r["set"], {})[(r["technology"], phase)] = Factor(
            technology=r["technology"],
            phase=phase,
            low=float(r["low"]),
            central=float(r["central"]),
            high=float(r["high"]),
            unit=r["unit"],
            source=r["source"],
            set=r["set"],
            range=r["range"],
            basis=r.get("basis", ""),
            schedule=schedules.get((r["set"], r["technology"], r["phase"]), ()),
        )
    decline: dict[str, dict[str, float]] = {}
    for r in _read_csv("decline.csv"):
        decline.setdefault(r["set"], {})[r["technology"]] = float(r["decline_2015_2030"])
    shares: dict[tuple[str, str], dict[str, float]] = {}
    for r in (row for d in datasets for row in _read_csv("shares.csv", d)):
        shares.setdefault((r["technology"], r["phase"]), {})[r["occupation"]] = float(r["share"])
    occupations = tuple(
        Occupation(
            id=r["occupation"],
            group=r["group"],
            isco=tuple(r["isco08"].split(";")),
            isco_label_nl=r["isco08_label_nl"],
            brc_group=r["brc_group"],
            brc_label=r["brc_group_label"],
        )
        for d in datasets
        for r in _read_csv("occupations.csv", d)
    )
    technologies = {
        r["technology"]: Technology(r["technology"], r["unit"], r["label_nl"], r["label_en"])
        for d in datasets
        for r in _read_csv("technologies.csv", d)
    }
    return {
        "meta": meta,
        "factors": factors,
        "decline": decline,
        "shares": shares,
        "occupations": occupations,
        "technologies": technologies,
    }


def factor_set_names() -> list[str]:
    meta = cast(dict[str, list[dict[str, str]]], _catalogue()["meta"])
    return [s["name"] for s in meta["sets"]]


@cache
def factor_set(name: str = DEFAULT_SET) -> FactorSet:
    """An embedded factor set by name (see :func:`factor_set_names`)."""
    cat = _catalogue()
    meta = cast(dict[str, object], cat["meta"])
    sets = {s["name"]: s for s in cast(list[dict[str, str]], meta["sets"])}
    if name not in sets:
        raise NotFoundError(
            f"no factor set named {name!r}",
            hint=f"known sets: {', '.join(sets)}; or pass a CSV file with your own factors",
        )
    all_factors = cast(dict[str, dict[tuple[str, Phase], Factor]], cat["factors"])
    merged: dict[tuple[str, Phase], Factor] = {}
    chain = [name] + [s for s in cast(list[str], meta["fallback"]) if s != name]
    for set_name in reversed(chain):  # later (own) sets overwrite whole technologies of the fallbacks
        own = all_factors.get(set_name, {})
        own_techs = {t for t, _ in own}
        merged = {k: v for k, v in merged.items() if k[0] not in own_techs}
        merged.update(own)
    s = sets[name]
    return FactorSet(
        name=name,
        title=s["title"],
        source=s["source"],
        base_year=int(s["base_year"]),
        note=s["note"],
        factors=merged,
        decline=cast(dict[str, dict[str, float]], cat["decline"]).get(name, {}),
        shares=cast(dict[tuple[str, str], dict[str, float]], cat["shares"]),
        occupations=cast(tuple[Occupation, ...], cat["occupations"]),
        technologies=cast(dict[str, Technology], cat["technologies"]),
    )


def describe(fs: FactorSet) -> list[dict[str, object]]:
    """The factors of a set as rows (for ``krapte forecast factors`` and the API)."""
    rows = []
    for (tech, phase), f in sorted(fs.factors.items()):
        rows.append(
            {
                "technology": tech,
                "phase": phase,
                "low": f.low,
                "central": f.central,
                "high": f.high,
                "unit": f.unit,
                "from_set": f.set,
                "range": f.range,
                "decline_2015_2030": fs.decline.get(tech),
                "basis": f.basis,
                "schedule": [list(p) for p in f.schedule],
                "source": f.source,
            }
        )
    return rows


OVERRIDE_COLUMNS = ("technology", "phase", "central")


def load_factor_file(path: str | Path, base: str = DEFAULT_SET) -> FactorSet:
    """:func:`parse_factor_overrides` on a file the user named (the command line reads it; services never do)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read factor file: {exc.strerror}", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"factor file is not UTF-8 text (byte {exc.start})", file=path.name, hint="save it as UTF-8 CSV"
        ) from None
    return parse_factor_overrides(text, label=path.name, base=base)


def parse_factor_overrides(text: str, *, label: str = "factors.csv", base: str = DEFAULT_SET) -> FactorSet:
    """A factor set ``base`` with single factors overridden from CSV text.

    Columns: ``technology,phase,central`` and optionally ``low,high,unit,source``; phase is ``construction``,
    ``manufacturing`` or ``om``. Every bad row is reported (label, line, column, value) and nothing is applied.
    """
    path = Path(Path(label).name or "factors.csv")  # a label for messages and the set's name, never opened
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise InputError("factor file holds binary data, not CSV text", file=path.name, hint="save it as UTF-8 CSV")
    reader = csv.DictReader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(f"factor file is not readable CSV ({exc})", file=path.name) from None
    limit = current_limits().max_rows
    if len(rows) > limit:
        raise LimitExceeded("max_rows", limit, len(rows), what=f"the number of rows in {path.name}")
    missing = [c for c in OVERRIDE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(
            f"factor file lacks column(s) {', '.join(missing)}",
            file=str(path),
            line=1,
            hint="the header must contain technology,phase,central (and optionally low,high,unit,source)",
        )
    fs = factor_set(base)
    problems: list[Problem] = []
    overrides: dict[tuple[str, Phase], Factor] = {}
    for line, row in enumerate(rows, start=2):
        tech = (row.get("technology") or "").strip()
        phase = (row.get("phase") or "").strip()
        if tech not in fs.technologies:
            problems.append(Problem("unknown technology", str(path), line, "technology", tech))
            continue
        if phase not in PHASES:
            problems.append(Problem("phase must be construction, manufacturing or om", str(path), line, "phase", phase))
            continue
        values: dict[str, float] = {}
        for col in ("low", "central", "high"):
            raw = (row.get(col) or "").strip()
            if not raw:
                continue
            try:
                values[col] = float(raw.replace(",", "."))
            except ValueError:
                problems.append(Problem("not a number", str(path), line, col, raw))
                continue
            if values[col] < 0:
                problems.append(Problem("must not be negative", str(path), line, col, raw))
        if "central" not in values:
            if not any(p.line == line for p in problems):
                problems.append(Problem("central value is required", str(path), line, "central", ""))
            continue
        c = values["central"]
        prev = fs.factor(tech, cast(Phase, phase))
        overrides[(tech, cast(Phase, phase))] = Factor(
            technology=tech,
            phase=cast(Phase, phase),
            low=values.get("low", c),
            central=c,
            high=values.get("high", c),
            unit=(row.get("unit") or "").strip() or (prev.unit if prev else ""),
            source=(row.get("source") or "").strip() or f"user file {path.name}, line {line}",
            set=f"file:{path.name}",
            range="own",
        )
    if problems:
        raise InputError(
            f"{len(problems)} problem(s) in factor file; nothing was applied",
            file=str(path),
            problems=problems,
            hint="; ".join(str(p) for p in problems[:5]),
        )
    return replace(
        fs,
        name=f"{base}+{path.stem}",
        title=f"{fs.title}, overridden by {path.name}",
        factors={**fs.factors, **overrides},
    )


def resolve_factors(name: str) -> FactorSet:
    """A factor set by name. Never a path: a file of overrides is read by the caller and given to
    :func:`parse_factor_overrides` (so no request can make krapte open a file)."""
    if name in factor_set_names():
        return factor_set(name)
    if len(name) > 80 or any(c in name for c in "/\\:") or name.startswith("."):
        raise ValidationError(
            f"factor set {name[:80]!r} is not a name",
            hint=f"choose one of {', '.join(factor_set_names())}, or send a factor file's contents",
            limit="factor_set_name",
        )
    return factor_set(name)  # raises NotFoundError naming the known sets
