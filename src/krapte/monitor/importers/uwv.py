"""UWV figures per labour-market region (vacancies, the spanningsindicator, WW benefits) in a long CSV.

UWV publishes its regional figures (``Regio in Beeld``, vacancy and spanningsindicator tables) per
arbeidsmarktregio and period. This reader takes one row per region and period: a region-code column
(``Regiocode``/``Arbeidsmarktregiocode``/``Code``: ``AM01``…``AM38`` or ``NL``), a period column (``Periode``,
``Kwartaal``, ``Jaar`` or ``Maand``: ``2023 K4``, ``2023-Q4``, ``2023``, ``2023-05``) and the value column
named by the caller. Other columns can select rows (``where``), e.g. ``Beroepsgroep``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from krapte.errors import DataImportError, Problem, ValidationError
from krapte.monitor.importers.common import ParsedPanel, fail_on, parse_number, read_csv
from krapte.monitor.indicators import Indicator, Observation, normalise_period, normalise_region

_REGION = ("REGIOCODE", "ARBEIDSMARKTREGIOCODE", "ARBEIDSMARKTREGIO CODE", "CODE")
_PERIOD = ("PERIODE", "KWARTAAL", "JAAR", "MAAND")


def read_uwv_csv(
    path: Path,
    *,
    indicator: Indicator,
    value_column: str,
    where: Mapping[str, Sequence[str]] | None = None,
    vintage: str = "",
) -> ParsedPanel:
    """One observation of ``indicator`` per row: region code × period → the value in ``value_column``."""
    path = Path(path)
    header, rows = read_csv(path)
    upper = {h.upper(): h for h in header}
    region_col = next((upper[c] for c in _REGION if c in upper), None)
    period_col = next((upper[c] for c in _PERIOD if c in upper), None)
    for needed, found, names in (("region code", region_col, _REGION), ("period", period_col, _PERIOD)):
        if found is None:
            raise DataImportError(
                f"no {needed} column", file=str(path), line=1, hint=f"name it one of {', '.join(names)}"
            )
    assert region_col is not None and period_col is not None
    if value_column not in header:
        raise DataImportError(
            f"value column {value_column!r} is not in the file",
            file=str(path),
            line=1,
            column=value_column,
            hint=f"columns: {', '.join(header)}",
        )
    filters = {}
    for column, accepted in (where or {}).items():
        if column not in header:
            raise DataImportError(f"filter column {column!r} is not in the file", file=str(path), line=1)
        filters[column] = {a.strip().upper() for a in accepted}

    panel = ParsedPanel(indicators=[indicator])
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for line_no, row in rows:
        if any(row[c].strip().upper() not in accepted for c, accepted in filters.items()):
            continue
        try:
            region = normalise_region(row[region_col])
            period, _ = normalise_period(row[period_col])
        except ValidationError as exc:
            problems.append(Problem(exc.message, str(path), line_no, period_col, row[period_col]))
            continue
        if region != "NL" and not region.startswith("AM"):
            problems.append(
                Problem("not a labour-market region code (AMxx) or NL", str(path), line_no, region_col, region)
            )
            continue
        try:
            value = parse_number(row[value_column])
        except ValueError:
            problems.append(Problem("not a number", str(path), line_no, value_column, row[value_column]))
            continue
        if value is None:
            panel.report.add("missing values")
            continue
        if (region, period) in seen:
            problems.append(Problem("second row for this region and period", str(path), line_no, region_col, region))
            continue
        seen.add((region, period))
        panel.observations.append(
            Observation(indicator.id, region, period, value, vintage=vintage, source=f"UWV {path.name}")
        )
    fail_on(problems, path, f"UWV file {path.name}")
    panel.report.add("observations", len(panel.observations))
    return panel
