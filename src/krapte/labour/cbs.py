"""Importers for CBS tables on employment by occupation (and region) into supply cells.

Reads what the CBS APIs and StatLine return, without network access (files recorded or downloaded earlier):

- OData v3 (``opendata.cbs.nl/ODataApi/odata/<table>/TypedDataSet``): ``{"odata.metadata": ..., "value": [...]}``
  with dimension keys (``Beroep: "A112470"``) decoded by the dimension endpoint (``/Beroep``: ``Key``, ``Title``);
- OData v4 (``datasets.cbs.nl/odata/v1/CBS/<table>/Observations``): ``{"@odata.context": ..., "value": [...]}``
  with ``Measure``/``Value`` and codes decoded by ``/BeroepCodes`` (``Identifier``, ``Title``);
- CSV: the same TypedDataSet columns (``;`` or ``,``), or StatLine exports whose Beroep column holds the label
  ``"0761 Elektriciens en elektronicamonteurs"``.

Beroep titles start with the BRC 2014 code; that code is the occupation key krapte uses. Totals of the other
dimensions (CBS codes starting with ``T``, e.g. Geslacht ``T001038``) are kept, other categories dropped; of
several periods the latest is kept. Gemeente rows (``GM....``) are summed to their arbeidsmarktregio (2026
indeling; gemeenten not in it are skipped). Tables in thousands (85276NED, 86112NED, or a header saying ``x 1 000``) are
scaled to persons. A national table is split over arbeidsmarktregio's with the default supply's regional shares.
Supported: 85276NED (werkzame beroepsbevolking; beroep), 86112NED (beroep en regio) and any table of that shape.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from krapte.errors import InputError, UnsupportedInputError
from krapte.labour.regions import default_regions
from krapte.labour.supply import MEASURES, SupplyTable, default_supply, read_supply_file

THOUSANDS_TABLES = ("85276NED", "86112NED")
_CORE = {"id", "measure", "valueattribute", "value", "beroep", "beroepen", "regios", "regio's", "perioden"}
_BRC = re.compile(r"^\s*(\d{4})\b")
_TABLE = re.compile(r"(\d{5}[A-Z]{3})")


def _load_rows(path: Path) -> tuple[list[dict[str, Any]], str]:
    """Rows and a context string (OData metadata URL or CSV header) from a JSON or CSV file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read CBS file: {exc.strerror}", file=str(path)) from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg}", file=str(path), line=exc.lineno) from None
        if not isinstance(data, dict) or not isinstance(data.get("value"), list):
            raise InputError(
                "not a CBS OData response (no 'value' list)",
                file=str(path),
                hint="save the JSON of .../TypedDataSet (v3) or .../Observations (v4) unchanged",
            )
        context = str(data.get("odata.metadata") or data.get("@odata.context") or "")
        return [dict(r) for r in data["value"]], context
    if path.suffix.lower() in (".csv", ".txt"):
        first = text.split("\n", 1)[0]
        reader = csv.DictReader(io.StringIO(text), delimiter=";" if first.count(";") >= first.count(",") else ",")
        return [dict(r) for r in reader], first
    raise UnsupportedInputError(
        f"cannot read a CBS table from {path.suffix or 'a file without extension'}",
        file=str(path),
        hint="use the OData JSON or a CSV export",
    )


def _dimension(path: Path | None) -> dict[str, str]:
    """Key -> Title of a dimension file (v3 ``Key``/``Title`` or v4 ``Identifier``/``Title``)."""
    if path is None:
        return {}
    rows, _ = _load_rows(path)
    out = {}
    for r in rows:
        key = r.get("Key") or r.get("Identifier")
        if key is not None:
            out[str(key).strip()] = str(r.get("Title", "")).strip()
    return out


def _column(row: Mapping[str, Any], *names: str) -> str | None:
    lowered = {k.lower().strip(): k for k in row}
    for n in names:
        if n in lowered:
            return lowered[n]
    return None


def parse_cbs_table(
    path: str | Path,
    *,
    dimension: str | Path | None = None,
    measure: str = "employed",
    supply: SupplyTable | None = None,
) -> list[tuple[str, str, str, float]]:
    """Supply cells ``(region, brc_group, measure, persons)`` from a CBS OData/CSV file."""
    path = Path(path)
    supply = supply or default_supply()
    if measure not in MEASURES:
        raise InputError(f"unknown supply measure {measure!r}", hint=f"use one of {', '.join(MEASURES)}")
    rows, context = _load_rows(path)
    if not rows:
        raise InputError("the CBS file has no rows", file=str(path))
    keys = _dimension(Path(dimension) if dimension else None)
    sample = rows[0]
    occ_col = _column(sample, "beroep", "beroepen")
    if occ_col is None:
        raise InputError(
            "no Beroep column; krapte imports tables on employment by occupation", file=str(path), column="Beroep"
        )
    region_col = _column(sample, "regios", "regio's")
    period_col = _column(sample, "perioden")
    value_col = _column(sample, "value")
    if value_col is None:
        numeric = [k for k in sample if k.lower().strip() not in _CORE and re.search(r"_\d+$|\(x", k)]
        value_col = numeric[0] if numeric else None
    if value_col is None:
        raise InputError("no value column found", file=str(path), hint="expected 'Value' (v4) or e.g. 'Werkzame..._1'")
    other = [k for k in sample if k.lower().strip() not in _CORE and k != value_col]
    for col in other:  # keep totals of the other dimensions (CBS total codes start with T)
        values = {str(r.get(col, "")).strip() for r in rows}
        totals = sorted(v for v in values if v.startswith("T"))
        if len(values) > 1 and totals:
            rows = [r for r in rows if str(r.get(col, "")).strip() == totals[0]]
    if period_col:
        latest = max(str(r[period_col]).strip() for r in rows)
        rows = [r for r in rows if str(r[period_col]).strip() == latest]
    table = _TABLE.search(context)
    scale = (
        1000.0 if (table and table.group(1) in THOUSANDS_TABLES) or "x 1 000" in context or "x 1000" in context else 1
    )
    gem = default_regions().gemeenten
    gemeente_am = dict(zip(gem.gemeente_code, gem.arbeidsmarktregio_code, strict=True))
    national: dict[str, float] = {}
    regional: dict[tuple[str, str], float] = {}
    skipped = 0
    for r in rows:
        raw_occ = str(r.get(occ_col, "")).strip()
        title = keys.get(raw_occ, raw_occ)
        match = _BRC.match(title)
        group = match.group(1) if match else None
        raw_value = r.get(value_col)
        if group is None or group not in supply.groups or raw_value in (None, "", "."):
            skipped += 1
            continue
        try:
            value = float(str(raw_value).replace(",", ".")) * scale
        except ValueError:
            raise InputError("not a number", file=str(path), column=value_col, value=str(raw_value)) from None
        region = str(r.get(region_col, "")).strip() if region_col else ""
        if region.startswith("GM"):  # gemeente figures add up to their arbeidsmarktregio
            am = gemeente_am.get(region)
            if am is None:
                skipped += 1
                continue
            regional[(am, group)] = regional.get((am, group), 0.0) + value
        elif region.startswith("AM"):
            if region in supply.regions:
                regional[(region, group)] = value
        elif region in ("", "NL01", "NL00", "NL"):
            national[group] = value
    if not regional and not national:
        raise InputError(
            "no BRC 2014 beroepsgroep rows found",
            file=str(path),
            column=occ_col,
            hint="pass the Beroep dimension file with --dimension so that keys can be decoded",
        )
    cells = [(r, g, measure, v) for (r, g), v in sorted(regional.items())]
    if national and not regional:
        employed = supply.measure("employed")
        totals = employed.sum(axis=0)
        for group, value in sorted(national.items()):
            g = supply.groups.index(group)
            for i, region in enumerate(supply.regions):
                share = employed[i, g] / totals[g] if totals[g] else 1.0 / len(supply.regions)
                cells.append((region, group, measure, value * float(share)))
    return cells


def read_supply_source(
    path: str | Path, *, dimension: str | Path | None = None, measure: str = "employed"
) -> list[tuple[str, str, str, float]]:
    """A krapte supply CSV (header ``region,brc_group,...``) or a CBS table, as supply cells."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        try:
            head = path.read_text(encoding="utf-8-sig").split("\n", 1)[0].lower()
        except OSError as exc:
            raise InputError(f"cannot read supply file: {exc.strerror}", file=str(path)) from None
        if "brc_group" in head and "region" in head:
            return read_supply_file(path)
    return parse_cbs_table(path, dimension=dimension, measure=measure)
