"""Measures edited through form fields, not raw JSON; and a measure as readable text.

A web form (or any flat key -> value source) posts one field per scalar (``title_nl``, ``start`` ...), a
multi-valued field for pillars and target groups, and indexed fields for repeated parts:
``budget-0-amount_eur``, ``budget-0-status``, ``kpis-1-target`` .... :data:`FORM_FIELDS` and :data:`REPEATED`
describe every field (label, kind, choices) so that a template can render them; :func:`form_values` prefills them
from a measure (with blank rows to add items); :func:`measure_from_form` turns a posted form into a
:class:`~krapte.monitor.measures.Measure` through the one validator (:meth:`Measure.from_dict`) and reports each
problem under the *form field* it belongs to (:class:`FormErrors`). Rows whose fields are all empty are skipped,
so blank rows cost nothing. :func:`measure_text` renders a measure for ``measures show``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from krapte.charting import format_number
from krapte.errors import ValidationError
from krapte.monitor.measures import (
    BUDGET_STATUSES,
    DIRECTIONS,
    INSTRUMENT_TYPES,
    PILLARS,
    REGION_KINDS,
    STATUSES,
    VERIFICATION_LABELS,
    VERIFICATION_STATUSES,
    Measure,
    measure_problems,
)


@dataclass(frozen=True)
class FormField:
    name: str
    label_nl: str
    label_en: str
    kind: str = "text"  # text | textarea | select | multiselect | number | date
    choices: tuple[str, ...] = ()
    required: bool = False

    def label(self, lang: str = "nl") -> str:
        return self.label_en if lang == "en" else self.label_nl


FORM_FIELDS: tuple[FormField, ...] = (
    FormField("id", "Code", "Id", required=True),
    FormField("title_nl", "Titel (NL)", "Title (Dutch)", required=True),
    FormField("title_en", "Titel (EN)", "Title (English)"),
    FormField("summary", "Samenvatting", "Summary", "textarea"),
    FormField("pillars", "Pijlers", "Pillars", "multiselect", tuple(PILLARS), required=True),
    FormField("instrument_type", "Type instrument", "Instrument type", "select", INSTRUMENT_TYPES, required=True),
    FormField("lead_ministry", "Verantwoordelijk ministerie", "Lead ministry", required=True),
    FormField("delivery_organisation", "Uitvoerder", "Delivery organisation"),
    FormField("start", "Start (JJJJ[-MM[-DD]])", "Start (YYYY[-MM[-DD]])", "date"),
    FormField("end", "Einde (JJJJ[-MM[-DD]])", "End (YYYY[-MM[-DD]])", "date"),
    FormField("target_groups", "Doelgroepen (komma-gescheiden)", "Target groups (comma-separated)"),
    FormField("geography_kind", "Geografie", "Geography", "select", REGION_KINDS),
    FormField("geography_regions", "Regiocodes (komma-gescheiden)", "Region codes (comma-separated)"),
    FormField("verification_status", "Verificatie", "Verification", "select", VERIFICATION_STATUSES, required=True),
    FormField("notes", "Opmerkingen", "Notes", "textarea"),
    FormField("status", "Status", "Status", "select", STATUSES),
)
REPEATED: dict[str, tuple[FormField, ...]] = {
    "budget": (
        FormField("amount_eur", "Bedrag (EUR)", "Amount (EUR)", "number", required=True),
        FormField("status", "Status", "Status", "select", BUDGET_STATUSES, required=True),
        FormField("year", "Jaar", "Year", "number"),
        FormField("note", "Toelichting", "Note"),
    ),
    "rollout": (
        FormField("region", "Regio", "Region", required=True),
        FormField("start", "Start", "Start", "date", required=True),
        FormField("end", "Einde", "End", "date"),
    ),
    "indicators": (
        FormField("indicator", "Indicator", "Indicator", required=True),
        FormField("direction", "Richting", "Direction", "select", DIRECTIONS),
        FormField("lag_months", "Vertraging (maanden)", "Lag (months)", "number"),
    ),
    "kpis": (
        FormField("indicator", "Indicator", "Indicator", required=True),
        FormField("target", "Doelwaarde", "Target", "number", required=True),
        FormField("target_year", "Doeljaar", "Target year", "number", required=True),
        FormField("baseline", "Basiswaarde", "Baseline", "number"),
        FormField("baseline_year", "Basisjaar", "Baseline year", "number"),
        FormField("region", "Regio", "Region"),
        FormField("label", "Omschrijving", "Label"),
    ),
    "sources": (
        FormField("document", "Document", "Document", required=True),
        FormField("locator", "Vindplaats", "Locator"),
        FormField("url", "URL", "URL"),
        FormField("retrieved", "Geraadpleegd", "Retrieved", "date"),
        FormField("quote", "Citaat", "Quote", "textarea"),
    ),
}
_INDEXED = re.compile(r"^(?P<group>[a-z]+)-(?P<n>\d{1,3})-(?P<field>[a-z_]+)$")
_DUTCH_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_PROBLEM = re.compile(r"^(?P<group>[a-z]+)\[(?P<n>\d+)\]\.(?P<field>[a-z_]+)$")


class FormErrors(ValidationError):
    """Validation problems keyed by form field name (``field_errors``), for showing next to each field."""

    def __init__(self, message: str, field_errors: dict[str, list[str]], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.field_errors = field_errors


def _first(value: Any) -> str:
    if isinstance(value, list | tuple):
        return str(value[0]) if value else ""
    return "" if value is None else str(value)


def _many(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value or "").split(",") if v.strip()]


def _number(raw: str) -> str | float:
    """Dutch or English number text to a float; anything else is passed on for the validator to reject."""
    text = raw.strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
    if not text:
        return ""
    if "," in text or _DUTCH_THOUSANDS.match(text):  # 1.250.000,50 and 1.250.000 are Dutch
        text = text.replace(".", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return raw


def measure_from_form(form: Mapping[str, Any], *, where: str = "form") -> Measure:
    """The measure a posted form describes; :class:`FormErrors` maps every problem to its form field."""
    data: dict[str, Any] = {f.name: _first(form.get(f.name)).strip() for f in FORM_FIELDS}
    data["pillars"] = _many(form.get("pillars"))
    data["target_groups"] = _many(form.get("target_groups"))
    data["geography"] = {
        "kind": data.pop("geography_kind") or "national",
        "regions": _many(data.pop("geography_regions")),
    }
    data["status"] = data["status"] or "active"
    rows: dict[str, dict[int, dict[str, Any]]] = {}
    for key, value in form.items():
        match = _INDEXED.match(key)
        if match and match["group"] in REPEATED:
            rows.setdefault(match["group"], {}).setdefault(int(match["n"]), {})[match["field"]] = _first(value).strip()
    positions: dict[str, list[int]] = {}
    for group, fields in REPEATED.items():
        kept = [(n, row) for n, row in sorted(rows.get(group, {}).items()) if any(v for v in row.values())]
        positions[group] = [n for n, _ in kept]
        items = []
        for _, row in kept:
            item: dict[str, Any] = {}
            for f in fields:
                raw = row.get(f.name, "")
                item[f.name] = _number(raw) if f.kind == "number" else raw
            if group == "kpis" and not item.get("region"):
                item["region"] = "NL"
            items.append(
                {k: (None if v == "" and k in ("year", "baseline", "baseline_year") else v) for k, v in item.items()}
            )
        data[group] = items
    try:
        return Measure.from_dict(data, where=where)
    except ValidationError as exc:
        field_errors: dict[str, list[str]] = {}
        for problem in measure_problems(data, where=where):
            name = _form_name(str(problem.column or ""), positions)
            field_errors.setdefault(name, []).append(problem.message)
        raise FormErrors(exc.message, field_errors, hint="correct the marked fields", fields=field_errors) from None


def _form_name(column: str, positions: Mapping[str, Sequence[int]]) -> str:
    match = _PROBLEM.match(column)
    if match and match["group"] in positions and int(match["n"]) < len(positions[match["group"]]):
        return f"{match['group']}-{positions[match['group']][int(match['n'])]}-{match['field']}"
    return {"geography.kind": "geography_kind", "geography.regions": "geography_regions"}.get(column, column)


def form_values(measure: Measure | None, *, blank_rows: int = 1) -> dict[str, str | list[str]]:
    """Field name -> value to prefill the form (with ``blank_rows`` empty rows per repeated part)."""
    data = measure.to_dict() if measure else {}
    out: dict[str, str | list[str]] = {}
    for f in FORM_FIELDS:
        out[f.name] = "" if data.get(f.name) is None else str(data.get(f.name, ""))
    out["pillars"] = list(data.get("pillars", []))
    out["target_groups"] = ", ".join(data.get("target_groups", []))
    out["geography_kind"] = data.get("geography", {}).get("kind", "national")
    out["geography_regions"] = ", ".join(data.get("geography", {}).get("regions", []))
    for group, fields in REPEATED.items():
        items = list(data.get(group, []))
        for n, item in enumerate([*items, *({} for _ in range(blank_rows))]):
            for f in fields:
                value = item.get(f.name)
                out[f"{group}-{n}-{f.name}"] = "" if value is None else str(value)
    return out


def measure_text(measure: Measure, lang: str = "nl") -> str:
    """A measure as readable text (``measures show``), numbers in the language's format."""
    nl = lang != "en"
    lines = [f"{measure.id}  {measure.title(lang)}"]
    if measure.summary:
        lines.append(f"  {measure.summary}")

    def row(label_nl: str, label_en: str, value: str) -> None:
        if value:
            lines.append(f"  {(label_nl if nl else label_en) + ':':<22}{value}")

    row("Pijlers", "Pillars", ", ".join(f"{p} {PILLARS[p]['nl' if nl else 'en']}" for p in measure.pillars))
    row("Instrument", "Instrument", measure.instrument_type)
    row("Ministerie", "Ministry", measure.lead_ministry)
    row("Uitvoerder", "Delivery", measure.delivery_organisation)
    row("Looptijd", "Period", f"{measure.start or '?'} – {measure.end or '…'}" if measure.start or measure.end else "")
    row("Doelgroepen", "Target groups", ", ".join(measure.target_groups))
    geo = measure.geography
    row("Geografie", "Geography", geo.kind + (f": {', '.join(geo.regions)}" if geo.regions else ""))
    for b in measure.budget:
        year = f" ({b.year})" if b.year else ""
        row(
            "Budget",
            "Budget",
            f"€ {format_number(b.amount_eur, lang)} {b.status}{year}" + (f" – {b.note}" if b.note else ""),
        )
    for k in measure.kpis:
        base = f", basis {format_number(k.baseline, lang)} in {k.baseline_year}" if k.baseline is not None else ""
        row("Doel", "Target", f"{k.label or k.indicator}: {format_number(k.target, lang)} in {k.target_year}{base}")
    for i in measure.indicators:
        row(
            "Indicator",
            "Indicator",
            f"{i.indicator} ({i.direction}, {i.lag_months} mnd)"
            if nl
            else f"{i.indicator} ({i.direction}, {i.lag_months} months)",
        )
    for r in measure.rollout:
        row("Uitrol", "Roll-out", f"{r.region} vanaf {r.start}" + (f" tot {r.end}" if r.end else ""))
    for s in measure.sources:
        row("Bron", "Source", "; ".join(p for p in (s.document, s.locator, s.url, s.retrieved) if p))
    row("Verificatie", "Verification", VERIFICATION_LABELS[measure.verification_status]["nl" if nl else "en"])
    row("Status", "Status", measure.status)
    row("Opmerkingen", "Notes", measure.notes)
    return "\n".join(lines)
