"""DUO open education data (onderwijsdata.duo.nl): counts per institution and programme, one column per year.

DUO publishes semicolon-separated files such as "Ingeschrevenen mbo per instelling, gemeente, opleiding"
with location columns (``PROVINCIE``, ``GEMEENTENUMMER``, ``GEMEENTENAAM``), programme columns
(``OPLEIDINGSCODE``/``CREBO``, ``OPLEIDINGSNAAM``, ``NIVEAU``, ``LEERWEG``, ``OPLEIDINGSDOMEIN`` …) and one
count column per year, optionally per sex (``2022 MAN``, ``2022 VROUW``, or ``AANTAL 2022``). This reader
selects rows (``where``: column → accepted values), sums the count columns per municipality and year, and
adds the national total. Privacy-masked cells (``<5``) are counted and treated as missing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from krapte.errors import DataImportError, Problem
from krapte.monitor.importers.common import ParsedPanel, fail_on, parse_number, read_csv
from krapte.monitor.indicators import Indicator, Observation

_YEAR_COLUMN = re.compile(r"(?:^|\D)((?:19|20)\d{2})(?:\D|$)")
_MUNICIPALITY = ("GEMEENTENUMMER", "GEMEENTECODE", "GEMEENTE NUMMER")


def read_duo_csv(
    path: Path,
    *,
    indicator: Indicator,
    where: Mapping[str, Sequence[str]] | None = None,
    sex: str | None = None,
    vintage: str = "",
) -> ParsedPanel:
    """Sum the selected rows of a DUO file into ``indicator`` per municipality (GMxxxx) and for NL, per year."""
    path = Path(path)
    header, rows = read_csv(path)
    upper = {h.upper(): h for h in header}
    region_col = next((upper[c] for c in _MUNICIPALITY if c in upper), None)
    if region_col is None:
        raise DataImportError(
            "no municipality column (GEMEENTENUMMER)", file=str(path), line=1, hint="use a DUO file per gemeente"
        )
    year_cols: dict[str, str] = {}
    for h in header:
        m = _YEAR_COLUMN.search(h)
        if not m or h == region_col:
            continue
        if sex and sex.upper() not in h.upper():
            continue
        year_cols[h] = m.group(1)
    if not year_cols:
        raise DataImportError("no count columns with a year in their name (e.g. '2022 MAN')", file=str(path), line=1)
    filters = {}
    for column, accepted in (where or {}).items():
        if column.upper() not in upper:
            raise DataImportError(
                f"filter column {column!r} is not in the file",
                file=str(path),
                line=1,
                column=column,
                hint=f"columns: {', '.join(header)}",
            )
        filters[upper[column.upper()]] = {a.strip().upper() for a in accepted}

    panel = ParsedPanel(indicators=[indicator])
    problems: list[Problem] = []
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for line_no, row in rows:
        if any(row[c].strip().upper() not in accepted for c, accepted in filters.items()):
            continue
        raw_region = row[region_col].strip()
        if not raw_region.isdigit():
            problems.append(Problem("not a municipality number", str(path), line_no, region_col, raw_region))
            continue
        region = f"GM{int(raw_region):04d}"
        panel.report.add("rows")
        for column, year in year_cols.items():
            cell = row[column].strip()
            if cell.startswith("<"):
                panel.report.add("masked cells")
                continue
            try:
                value = parse_number(cell)
            except ValueError:
                problems.append(Problem("not a number", str(path), line_no, column, cell))
                continue
            if value is None:
                continue
            totals[(region, year)] += value
            totals[("NL", year)] += value
    fail_on(problems, path, f"DUO file {path.name}")
    panel.observations = [
        Observation(indicator.id, region, year, value, vintage=vintage, source=f"DUO {path.name}")
        for (region, year), value in sorted(totals.items())
    ]
    panel.report.add("observations", len(panel.observations))
    return panel
