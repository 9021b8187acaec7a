"""The measure record of the registry: what a measure of the action plan is, and how it is validated.

A :class:`Measure` is an immutable value. It is built from a plain dict (JSON, a form, an API body) by
:func:`Measure.from_dict`, which collects *every* problem before raising one :class:`ValidationError` that
names each bad field and value. :func:`diff_measures` gives the field-level difference between two versions,
which the store keeps as change history.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from krapte.errors import Problem, ValidationError

PILLARS: dict[str, dict[str, str]] = {
    "P1": {"nl": "Verhogen instroom in bètatechnisch onderwijs", "en": "More inflow into STEM education"},
    "P2": {
        "nl": "Behoud en vergroten van de instroom in de bètatechnische arbeidsmarkt",
        "en": "Retain and increase inflow into the technical labour market",
    },
    "P3": {"nl": "Arbeidsproductiviteitsgroei", "en": "Labour productivity growth"},
    "P4": {
        "nl": "Versterken governance en tegengaan versnippering",
        "en": "Stronger governance, less fragmentation",
    },
}
INSTRUMENT_TYPES = (
    "subsidy",
    "growth-fund",
    "programme",
    "regulation",
    "information",
    "governance",
    "agreement",
    "research",
)
BUDGET_STATUSES = ("reserved", "conditional", "granted", "spent")
VERIFICATION_STATUSES = ("verified-plan-text", "later-public-document", "unverified")
VERIFICATION_LABELS: dict[str, dict[str, str]] = {
    "verified-plan-text": {"nl": "geverifieerd in de tekst van het plan", "en": "verified in plan text"},
    "later-public-document": {"nl": "uit later openbaar document", "en": "from later public document"},
    "unverified": {"nl": "niet geverifieerd", "en": "could not be verified"},
}
REGION_KINDS = (
    "national",
    "landsdeel",
    "provincie",
    "corop",
    "arbeidsmarktregio",
    "res-regio",
    "sto-regio",
    "gemeente",
)
DIRECTIONS = ("increase", "decrease")
STATUSES = ("active", "retired")

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


@dataclass(frozen=True)
class BudgetLine:
    """An amount of money with its status (reserved, conditional, granted, spent) and, where known, its year."""

    amount_eur: float
    status: str
    year: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Source:
    """Where a fact about the measure comes from: a document, the place in it, a URL and when it was read."""

    document: str
    locator: str = ""
    url: str = ""
    retrieved: str = ""
    quote: str = ""


@dataclass(frozen=True)
class Geography:
    """National, or a set of regions of one kind (codes as CBS uses them, e.g. ``AM01``, ``PV30``, ``ES12``)."""

    kind: str = "national"
    regions: tuple[str, ...] = ()


@dataclass(frozen=True)
class RolloutEntry:
    """When a measure started (and possibly ended) in one region: the treatment calendar for evaluations."""

    region: str
    start: str
    end: str = ""


@dataclass(frozen=True)
class LinkedIndicator:
    """An indicator the measure should move, in which direction, and after how many months."""

    indicator: str
    direction: str = "increase"
    lag_months: int = 0


@dataclass(frozen=True)
class KpiTarget:
    """A target for an indicator: reach ``target`` by ``target_year`` from ``baseline`` in ``baseline_year``."""

    indicator: str
    target: float
    target_year: int
    baseline: float | None = None
    baseline_year: int | None = None
    region: str = "NL"
    label: str = ""


@dataclass(frozen=True)
class Measure:
    """One measure of the action plan, as the registry keeps it."""

    id: str
    title_nl: str
    pillars: tuple[str, ...]
    instrument_type: str
    lead_ministry: str
    verification_status: str
    title_en: str = ""
    summary: str = ""
    delivery_organisation: str = ""
    budget: tuple[BudgetLine, ...] = ()
    start: str = ""
    end: str = ""
    target_groups: tuple[str, ...] = ()
    geography: Geography = field(default_factory=Geography)
    rollout: tuple[RolloutEntry, ...] = ()
    indicators: tuple[LinkedIndicator, ...] = ()
    kpis: tuple[KpiTarget, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: str = ""
    status: str = "active"

    # ------------------------------------------------------------------ conversions
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, where: str | None = None) -> Measure:
        """Validate a plain dict and build a measure; raise one ValidationError listing every problem."""
        return _Parser(where).measure(data)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the same shape :func:`from_dict` reads)."""
        return {
            "id": self.id,
            "title_nl": self.title_nl,
            "title_en": self.title_en,
            "summary": self.summary,
            "pillars": list(self.pillars),
            "instrument_type": self.instrument_type,
            "lead_ministry": self.lead_ministry,
            "delivery_organisation": self.delivery_organisation,
            "budget": [
                {"amount_eur": b.amount_eur, "status": b.status, "year": b.year, "note": b.note} for b in self.budget
            ],
            "start": self.start,
            "end": self.end,
            "target_groups": list(self.target_groups),
            "geography": {"kind": self.geography.kind, "regions": list(self.geography.regions)},
            "rollout": [{"region": r.region, "start": r.start, "end": r.end} for r in self.rollout],
            "indicators": [
                {"indicator": i.indicator, "direction": i.direction, "lag_months": i.lag_months}
                for i in self.indicators
            ],
            "kpis": [
                {
                    "indicator": k.indicator,
                    "target": k.target,
                    "target_year": k.target_year,
                    "baseline": k.baseline,
                    "baseline_year": k.baseline_year,
                    "region": k.region,
                    "label": k.label,
                }
                for k in self.kpis
            ],
            "sources": [
                {"document": s.document, "locator": s.locator, "url": s.url, "retrieved": s.retrieved, "quote": s.quote}
                for s in self.sources
            ],
            "verification_status": self.verification_status,
            "notes": self.notes,
            "status": self.status,
        }

    # ------------------------------------------------------------------ derived figures
    def budget_total(self, status: str | None = None) -> float:
        """Sum of the budget lines, optionally of one status only."""
        return sum(b.amount_eur for b in self.budget if status is None or b.status == status)

    def budget_by_status(self) -> dict[str, float]:
        """Budget per status, in the order reserved, conditional, granted, spent (statuses present only)."""
        totals = {s: self.budget_total(s) for s in BUDGET_STATUSES}
        return {s: v for s, v in totals.items() if any(b.status == s for b in self.budget)}

    def title(self, lang: str = "nl") -> str:
        return self.title_en if lang == "en" and self.title_en else self.title_nl

    def retired(self) -> Measure:
        return replace(self, status="retired")


def diff_measures(old: Measure | None, new: Measure) -> list[dict[str, Any]]:
    """Field-level changes from ``old`` to ``new``: ``[{"field", "old", "new"}]`` in field order."""
    before = old.to_dict() if old else {}
    after = new.to_dict()
    return [
        {"field": key, "old": before.get(key), "new": value} for key, value in after.items() if before.get(key) != value
    ]


def merge_changes(measure: Measure, changes: Mapping[str, Any], *, where: str | None = None) -> Measure:
    """Apply a partial update (only the fields given) and validate the result."""
    unknown = sorted(set(changes) - set(measure.to_dict()))
    if unknown:
        raise ValidationError(
            f"unknown measure field(s) {', '.join(map(repr, unknown))}",
            hint=f"known fields: {', '.join(measure.to_dict())}",
        )
    if "id" in changes and changes["id"] != measure.id:
        raise ValidationError(f"the id of measure {measure.id!r} cannot change (got {changes['id']!r})")
    return Measure.from_dict({**measure.to_dict(), **changes}, where=where)


# ---------------------------------------------------------------------- validation
class _Parser:
    """Reads a dict into a Measure, collecting problems instead of stopping at the first."""

    def __init__(self, where: str | None) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def bad(self, column: str, message: str, value: Any = None) -> None:
        self.problems.append(
            Problem(message, file=self.where, column=column, value=None if value is None else str(value))
        )

    def text(self, data: Mapping[str, Any], key: str, *, required: bool = False, max_len: int = 2000) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.bad(key, f"{key} is required")
            return ""
        if not isinstance(value, str):
            self.bad(key, f"{key} must be text", value)
            return ""
        if len(value) > max_len:
            self.bad(key, f"{key} is longer than {max_len} characters", value[:40] + "…")
        return value.strip()

    def items(self, data: Mapping[str, Any], key: str) -> list[Any]:
        value = data.get(key)
        if value is None or value == "":
            return []
        if isinstance(value, str):  # comma-separated from a form or a CLI option
            return [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, Sequence):
            self.bad(key, f"{key} must be a list", value)
            return []
        return list(value)

    def choice(self, column: str, value: Any, allowed: Sequence[str]) -> str:
        if value not in allowed:
            self.bad(column, f"{column} must be one of {', '.join(allowed)}", value)
            return str(value)
        return str(value)

    def date(self, column: str, value: Any) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a bare year from JSON or a form
        if not isinstance(value, str) or not _PARTIAL_DATE.match(value):
            self.bad(column, f"{column} must be a date YYYY, YYYY-MM or YYYY-MM-DD", value)
            return ""
        return value

    def number(self, column: str, value: Any, *, integer: bool = False, optional: bool = False) -> Any:
        if value is None or value == "":
            if not optional:
                self.bad(column, f"{column} is required")
            return None
        try:
            number = float(value) if not isinstance(value, bool) else float("nan")
        except (TypeError, ValueError):
            self.bad(column, f"{column} must be a number", value)
            return None
        if number != number:
            self.bad(column, f"{column} must be a number", value)
            return None
        if integer:
            if number != int(number):
                self.bad(column, f"{column} must be a whole number", value)
            return int(number)
        return number

    def mapping(self, column: str, value: Any) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.bad(column, f"{column} must be an object with named fields", value)
            return {}
        return value

    def measure(self, data: Mapping[str, Any]) -> Measure:
        if not isinstance(data, Mapping):
            raise ValidationError(f"a measure must be an object, not {type(data).__name__}")
        measure_id = self.text(data, "id", required=True, max_len=40)
        if measure_id and not _ID.match(measure_id):
            self.bad("id", "id may hold letters, digits, '.', '_' and '-' (at most 40)", measure_id)
        pillars = tuple(sorted({self.choice("pillars", p, tuple(PILLARS)) for p in self.items(data, "pillars")}))
        if not pillars:
            self.bad("pillars", "at least one pillar (P1–P4) is required")
        start = self.date("start", data.get("start"))
        end = self.date("end", data.get("end"))
        if start and end and end < start:
            self.bad("end", f"end {end} lies before start {start}", end)

        budget = []
        for n, raw in enumerate(self.items(data, "budget")):
            col = f"budget[{n}]"
            line = self.mapping(col, raw)
            if not line:
                continue
            amount = self.number(f"{col}.amount_eur", line.get("amount_eur"))
            if amount is not None and amount < 0:
                self.bad(f"{col}.amount_eur", "amounts cannot be negative", amount)
            year = self.number(f"{col}.year", line.get("year"), integer=True, optional=True)
            if year is not None and not 1990 <= year <= 2100:
                self.bad(f"{col}.year", "year must lie between 1990 and 2100", year)
            budget.append(
                BudgetLine(
                    amount_eur=amount or 0.0,
                    status=self.choice(f"{col}.status", line.get("status"), BUDGET_STATUSES),
                    year=year,
                    note=str(line.get("note") or ""),
                )
            )

        geo_raw = data.get("geography") or {"kind": "national"}
        geo = self.mapping("geography", geo_raw)
        kind = self.choice("geography.kind", geo.get("kind", "national"), REGION_KINDS)
        regions = tuple(str(r) for r in self.items(geo, "regions"))
        if kind == "national" and regions:
            self.bad("geography.regions", "a national measure lists no regions", ",".join(regions))

        rollout = []
        for n, raw in enumerate(self.items(data, "rollout")):
            col = f"rollout[{n}]"
            entry = self.mapping(col, raw)
            if not entry:
                continue
            region = str(entry.get("region") or "")
            if not region:
                self.bad(f"{col}.region", "region is required")
            r_start = self.date(f"{col}.start", entry.get("start"))
            if not r_start:
                self.bad(f"{col}.start", "start date is required")
            rollout.append(RolloutEntry(region=region, start=r_start, end=self.date(f"{col}.end", entry.get("end"))))

        indicators = []
        for n, raw in enumerate(self.items(data, "indicators")):
            col = f"indicators[{n}]"
            entry = self.mapping(col, raw) if not isinstance(raw, str) else {"indicator": raw}
            if not entry:
                continue
            ind = str(entry.get("indicator") or "")
            if not ind:
                self.bad(f"{col}.indicator", "indicator id is required")
            lag = self.number(f"{col}.lag_months", entry.get("lag_months", 0), integer=True) or 0
            if lag < 0:
                self.bad(f"{col}.lag_months", "lag cannot be negative", lag)
            indicators.append(
                LinkedIndicator(
                    indicator=ind,
                    direction=self.choice(f"{col}.direction", entry.get("direction", "increase"), DIRECTIONS),
                    lag_months=lag,
                )
            )

        kpis = []
        for n, raw in enumerate(self.items(data, "kpis")):
            col = f"kpis[{n}]"
            entry = self.mapping(col, raw)
            if not entry:
                continue
            target_year = self.number(f"{col}.target_year", entry.get("target_year"), integer=True)
            baseline_year = self.number(f"{col}.baseline_year", entry.get("baseline_year"), integer=True, optional=True)
            if target_year is not None and baseline_year is not None and baseline_year >= target_year:
                self.bad(f"{col}.baseline_year", "baseline year must lie before the target year", baseline_year)
            kpis.append(
                KpiTarget(
                    indicator=str(entry.get("indicator") or ""),
                    target=self.number(f"{col}.target", entry.get("target")) or 0.0,
                    target_year=target_year or 0,
                    baseline=self.number(f"{col}.baseline", entry.get("baseline"), optional=True),
                    baseline_year=baseline_year,
                    region=str(entry.get("region") or "NL"),
                    label=str(entry.get("label") or ""),
                )
            )

        sources = []
        for n, raw in enumerate(self.items(data, "sources")):
            col = f"sources[{n}]"
            entry = self.mapping(col, raw)
            if not entry:
                continue
            if not entry.get("document"):
                self.bad(f"{col}.document", "a source names its document")
            retrieved = self.date(f"{col}.retrieved", entry.get("retrieved"))
            sources.append(
                Source(
                    document=str(entry.get("document") or ""),
                    locator=str(entry.get("locator") or ""),
                    url=str(entry.get("url") or ""),
                    retrieved=retrieved,
                    quote=str(entry.get("quote") or ""),
                )
            )

        measure = Measure(
            id=measure_id,
            title_nl=self.text(data, "title_nl", required=True, max_len=300),
            title_en=self.text(data, "title_en", max_len=300),
            summary=self.text(data, "summary", max_len=4000),
            pillars=pillars,
            instrument_type=self.choice("instrument_type", data.get("instrument_type"), INSTRUMENT_TYPES),
            lead_ministry=self.text(data, "lead_ministry", required=True, max_len=200),
            delivery_organisation=self.text(data, "delivery_organisation", max_len=500),
            budget=tuple(budget),
            start=start,
            end=end,
            target_groups=tuple(str(t) for t in self.items(data, "target_groups")),
            geography=Geography(kind=kind, regions=regions),
            rollout=tuple(rollout),
            indicators=tuple(indicators),
            kpis=tuple(kpis),
            sources=tuple(sources),
            verification_status=self.choice(
                "verification_status", data.get("verification_status", "unverified"), VERIFICATION_STATUSES
            ),
            notes=self.text(data, "notes", max_len=4000),
            status=self.choice("status", data.get("status", "active"), STATUSES),
        )
        if self.problems:
            first = self.problems[0]
            label = f"measure {measure_id!r}" if measure_id else "the measure"
            raise ValidationError(
                f"{label} has {len(self.problems)} problem(s): " + "; ".join(str(p) for p in self.problems),
                hint="fix the named fields; see docs/monitor.md for the record format",
                field=first.column,
                problems=[str(p) for p in self.problems],
            )
        return measure


def measure_problems(data: Mapping[str, Any], *, where: str | None = None) -> list[Problem]:
    """Every problem :meth:`Measure.from_dict` would report for ``data``, as :class:`Problem` objects (empty: valid)."""
    parser = _Parser(where)
    with contextlib.suppress(ValidationError):
        parser.measure(data)
    return list(parser.problems)


def load_measures(records: Sequence[Mapping[str, Any]], *, where: str | None = None) -> list[Measure]:
    """Validate a list of measure dicts (a seed file); ids must be unique."""
    measures = []
    seen: set[str] = set()
    for n, record in enumerate(records):
        measure = Measure.from_dict(record, where=f"{where}[{n}]" if where else f"[{n}]")
        if measure.id in seen:
            raise ValidationError(f"measure id {measure.id!r} occurs twice in {where or 'the list'}")
        seen.add(measure.id)
        measures.append(measure)
    return measures
