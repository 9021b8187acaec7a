"""Export of the measures registry as CSV (one row per measure) or JSON (the full records).

CSV cells that a spreadsheet would run as a formula are neutralised (:mod:`krapte.security.cells`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from krapte.errors import ValidationError
from krapte.monitor.measures import BUDGET_STATUSES, Measure
from krapte.security.cells import csv_text

CSV_COLUMNS = (
    "id",
    "title_nl",
    "title_en",
    "pillars",
    "instrument_type",
    "lead_ministry",
    "delivery_organisation",
    "start",
    "end",
    "status",
    "verification_status",
    "budget_total_eur",
    *(f"budget_{s}_eur" for s in BUDGET_STATUSES),
    "target_groups",
    "geography",
    "rollout",
    "indicators",
    "kpis",
    "sources",
)


def measures_csv(measures: Sequence[Measure]) -> str:
    """One row per measure; lists joined with ``; ``, amounts in euros without separators."""
    rows: list[dict[str, str]] = []
    for m in measures:
        row = {
            "id": m.id,
            "title_nl": m.title_nl,
            "title_en": m.title_en,
            "pillars": "; ".join(m.pillars),
            "instrument_type": m.instrument_type,
            "lead_ministry": m.lead_ministry,
            "delivery_organisation": m.delivery_organisation,
            "start": m.start,
            "end": m.end,
            "status": m.status,
            "verification_status": m.verification_status,
            "budget_total_eur": f"{m.budget_total():.0f}" if m.budget else "",
            "target_groups": "; ".join(m.target_groups),
            "geography": m.geography.kind + (": " + ", ".join(m.geography.regions) if m.geography.regions else ""),
            "rollout": "; ".join(f"{r.region} {r.start}" + (f"–{r.end}" if r.end else "") for r in m.rollout),
            "indicators": "; ".join(f"{i.indicator} ({i.direction}, {i.lag_months} mo)" for i in m.indicators),
            "kpis": "; ".join(f"{k.indicator} {k.target:g} in {k.target_year}" for k in m.kpis),
            "sources": "; ".join(" ".join(p for p in (s.document, s.locator, s.url) if p) for s in m.sources),
        }
        for status in BUDGET_STATUSES:
            total = m.budget_total(status)
            row[f"budget_{status}_eur"] = f"{total:.0f}" if any(b.status == status for b in m.budget) else ""
        rows.append(row)
    return csv_text(CSV_COLUMNS, rows)


def measures_json(measures: Sequence[Measure]) -> str:
    return json.dumps([m.to_dict() for m in measures], ensure_ascii=False, indent=1) + "\n"


def export_measures(measures: Sequence[Measure], fmt: str) -> str:
    if fmt == "csv":
        return measures_csv(measures)
    if fmt == "json":
        return measures_json(measures)
    raise ValidationError(f"export format {fmt!r} is not supported", hint="use csv or json")
