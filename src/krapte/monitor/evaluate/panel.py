"""Checking a user-supplied panel and turning its periods into consecutive integers.

Every design works on a :class:`Panel`: a balanced units × periods matrix of one numeric outcome, with periods
mapped to an ordinal scale (years, quarters or months) so that "the period before" and "k periods after" mean
what they say. Periods may be given as integer years, ``"2021"``, ``"2021Q3"``/``"2021-Q3"``/``"Q3 2021"``,
``"2021-07"``/``"2021M07"``, CBS StatLine codes (``"2021JJ00"``, ``"2021KW03"``, ``"2021MM07"``) or dates.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from krapte.errors import InputError, ValidationError

Frequency = Literal["year", "quarter", "month"]
PER_YEAR: dict[Frequency, int] = {"year": 1, "quarter": 4, "month": 12}

_YEAR = re.compile(r"^\s*(\d{4})(?:\.0+)?\s*(?:JJ00)?\s*$")
_QUARTER = re.compile(r"^\s*(\d{4})\s*[-/ ]?\s*(?:Q|KW0?|K)([1-4])\s*$", re.IGNORECASE)
_QUARTER_FIRST = re.compile(r"^\s*(?:Q|KW|K|kwartaal)\s*([1-4])\s*[-/ ]?\s*(\d{4})\s*$", re.IGNORECASE)
_MONTH = re.compile(r"^\s*(\d{4})\s*(?:-|/|MM|M)\s*(\d{1,2})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """One period on an ordinal scale: ``ordinal`` counts periods (years, quarters or months) since year 0."""

    freq: Frequency
    ordinal: int

    @property
    def year(self) -> int:
        return self.ordinal // PER_YEAR[self.freq]

    @property
    def season(self) -> int:
        """Quarter (1–4) or month (1–12) within the year; 1 for annual data."""
        return self.ordinal % PER_YEAR[self.freq] + 1

    def label(self) -> str:
        if self.freq == "year":
            return str(self.year)
        if self.freq == "quarter":
            return f"{self.year}Q{self.season}"
        return f"{self.year}-{self.season:02d}"


def parse_period(value: Any, *, what: str = "period") -> Period:
    """Parse one period value; raises :class:`ValidationError` naming the value and the accepted forms."""
    if isinstance(value, Period):
        return value
    if isinstance(value, pd.Period):
        freq = {"Y": "year", "A": "year", "Q": "quarter", "M": "month"}.get(value.freqstr[:1])
        if freq == "year":
            return Period("year", int(value.year))
        if freq == "quarter":
            return Period("quarter", int(value.year) * 4 + int(value.quarter) - 1)
        if freq == "month":
            return Period("month", int(value.year) * 12 + int(value.month) - 1)
    if isinstance(value, bool):
        raise _bad_period(value, what)
    if isinstance(value, int | np.integer):
        return Period("year", int(value))
    if isinstance(value, float | np.floating):
        if float(value).is_integer():
            return Period("year", int(value))
        raise _bad_period(value, what)
    if isinstance(value, pd.Timestamp | np.datetime64):
        ts = pd.Timestamp(value)
        return Period("month", ts.year * 12 + ts.month - 1)
    text = str(value)
    if m := _YEAR.match(text):
        return Period("year", int(m.group(1)))
    if m := _QUARTER.match(text):
        return Period("quarter", int(m.group(1)) * 4 + int(m.group(2)) - 1)
    if m := _QUARTER_FIRST.match(text):
        return Period("quarter", int(m.group(2)) * 4 + int(m.group(1)) - 1)
    if m := _MONTH.match(text):
        month = int(m.group(2))
        if 1 <= month <= 12:
            return Period("month", int(m.group(1)) * 12 + month - 1)
    try:
        ts = pd.Timestamp(text)
    except (ValueError, TypeError):
        raise _bad_period(value, what) from None
    if pd.isna(ts):
        raise _bad_period(value, what)
    return Period("month", ts.year * 12 + ts.month - 1)


def _bad_period(value: object, what: str) -> ValidationError:
    return ValidationError(
        f"{what} {value!r} is not a period krapte understands",
        hint="use a year (2021), a quarter (2021Q3, 2021KW03), a month (2021-07, 2021MM07) or a date",
        value=str(value),
    )


@dataclass(frozen=True)
class Panel:
    """A balanced outcome matrix ``y[unit, period]`` with the period scale it is measured on."""

    units: list[str]
    periods: list[Period]
    y: np.ndarray  # shape (n_units, n_periods), float

    @property
    def freq(self) -> Frequency:
        return self.periods[0].freq

    def index_of(self, period: Period) -> int:
        """Position of ``period`` on this panel's period axis (may lie outside 0..n-1 for dates off the panel)."""
        if period.freq != self.freq:
            raise ValidationError(
                f"period {period.label()} is {period.freq}ly but the panel is {self.freq}ly",
                hint=f"give the treatment start as a {self.freq}, e.g. {self.periods[0].label()}",
            )
        return period.ordinal - self.periods[0].ordinal

    def unit_index(self, unit: str) -> int:
        try:
            return self.units.index(unit)
        except ValueError:
            known = ", ".join(self.units[:8]) + (" …" if len(self.units) > 8 else "")
            raise ValidationError(
                f"treated unit {unit!r} does not occur in the panel",
                hint=f"use one of the values of the unit column: {known}",
                value=unit,
            ) from None

    def labels(self) -> list[str]:
        return [p.label() for p in self.periods]


def require_columns(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    """Raise a :class:`ValidationError` naming every missing column and the columns that exist."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValidationError(
            f"the panel has no column {', '.join(repr(c) for c in missing)}",
            hint=f"the columns are: {', '.join(map(str, frame.columns))}",
            column=missing[0],
        )


def _decimal_commas(column: pd.Series) -> pd.Series:
    """Accept Dutch decimal commas ("1,5") when the whole column is written that way."""
    if pd.api.types.is_numeric_dtype(column):
        return column
    text = column.dropna().astype(str).str.strip()
    if len(text) and text.str.fullmatch(r"-?\d+(,\d+)?").all():
        return column.astype(str).str.replace(",", ".", regex=False)
    return column


def build_panel(frame: pd.DataFrame, *, unit: str, time: str, outcome: str, balanced: bool = True) -> Panel:
    """Validate a long panel and pivot it to a units × periods matrix.

    Periods must share one frequency; gaps between the first and last period become missing values. With
    ``balanced=True`` a unit lacking a value in any period is an error that names the unit and period.
    """
    require_columns(frame, [unit, time, outcome])
    if frame.empty:
        raise ValidationError("the panel has no rows", hint="supply at least one row per unit and period")
    values = pd.to_numeric(_decimal_commas(frame[outcome]), errors="coerce")
    text = frame[outcome].astype(str).str.strip()
    # Locate the first value that is not a number in either decimal notation.
    lenient = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    bad = values.isna() & frame[outcome].notna() & (text != "") & lenient.isna()
    if not bad.any():
        bad = values.isna() & frame[outcome].notna() & (text != "")
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValidationError(
            f"outcome column {outcome!r} is not numeric: row {row + 2} has {frame[outcome].iloc[row]!r}",
            hint="the outcome must hold numbers (use a dot as decimal separator)",
            column=outcome,
            line=row + 2,
        )
    period_of: dict[Hashable, Period] = {}
    for raw in frame[time].dropna().unique():
        period_of[raw] = parse_period(raw, what=f"value in column {time!r}")
    freqs = {p.freq for p in period_of.values()}
    if len(freqs) > 1:
        raise ValidationError(
            f"column {time!r} mixes frequencies ({', '.join(sorted(freqs))})",
            hint="evaluate one frequency at a time: filter the panel to years, quarters or months",
            column=time,
        )
    if not period_of:
        raise ValidationError(f"column {time!r} holds no periods", column=time)
    freq = freqs.pop()
    ordinals = [p.ordinal for p in period_of.values()]
    first, last = min(ordinals), max(ordinals)
    periods = [Period(freq, o) for o in range(first, last + 1)]
    long = pd.DataFrame(
        {
            "unit": frame[unit].astype(str),
            "pos": [period_of[v].ordinal - first if v in period_of else -1 for v in frame[time]],
            "y": values,
        }
    )
    long = long[long["pos"] >= 0]
    dup = long.duplicated(["unit", "pos"])
    if dup.any():
        first_dup = long[dup].iloc[0]
        raise ValidationError(
            f"unit {first_dup['unit']!r} has more than one row for period {periods[int(first_dup['pos'])].label()}",
            hint="a panel has one row per unit and period; aggregate or filter the rows first",
        )
    units = sorted(long["unit"].unique())
    matrix = np.full((len(units), len(periods)), np.nan)
    row_of = {u: i for i, u in enumerate(units)}
    matrix[long["unit"].map(row_of).to_numpy(), long["pos"].to_numpy(dtype=int)] = long["y"].to_numpy(dtype=float)
    if balanced and np.isnan(matrix).any():
        i, j = (int(k[0]) for k in np.nonzero(np.isnan(matrix)))
        n_missing = int(np.isnan(matrix).sum())
        raise ValidationError(
            f"the panel is not balanced: unit {units[i]!r} has no {outcome!r} value for {periods[j].label()} "
            f"({n_missing} unit-period cell(s) missing in total)",
            hint="supply every unit in every period, or drop incomplete units or periods before evaluating",
        )
    return Panel(units=units, periods=periods, y=matrix)


def read_panel_csv(source: str | Path | io.StringIO, *, name: str | None = None) -> pd.DataFrame:
    """Read a panel CSV (comma, semicolon or tab separated; UTF-8 with or without BOM) as strings + numbers.

    ``name`` is the file name used in error messages (defaults to the path).
    """
    label = name or (str(source) if not isinstance(source, io.StringIO) else "the uploaded panel")
    try:
        frame = pd.read_csv(source, sep=None, engine="python", encoding="utf-8-sig", skipinitialspace=True)
    except FileNotFoundError:
        raise InputError("file does not exist", file=label, hint="check the path given with --panel") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"file is not UTF-8 text (byte {exc.start})", file=label, hint="save the CSV as UTF-8"
        ) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        raise InputError(f"cannot read the CSV: {exc}", file=label, hint="supply a CSV with a header row") from None
    if frame.empty:
        raise InputError("the CSV has a header but no rows", file=label, hint="supply one row per unit and period")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


NEVER = {"", "0", "0.0", "never", "nooit", "nan", "none", "inf"}


def treated_from_column(frame: pd.DataFrame, *, unit: str, column: str) -> dict[str, Any]:
    """Unit → first treated period from a cohort column (empty, 0 or "never" mean never treated)."""
    require_columns(frame, [unit, column])
    starts: dict[str, Any] = {}
    for u, values in frame.groupby(frame[unit].astype(str))[column]:
        distinct = {str(v).strip() for v in values if str(v).strip().lower() not in NEVER and not pd.isna(v)}
        if len(distinct) > 1:
            raise ValidationError(
                f"unit {u!r} has different values in cohort column {column!r}: {', '.join(sorted(distinct))}",
                hint="the cohort column holds one first treated period per unit, repeated on each row",
                column=column,
            )
        if distinct:
            value = distinct.pop()
            starts[str(u)] = int(float(value)) if re.fullmatch(r"\d{4}(\.0+)?", value) else value
    if not starts:
        raise ValidationError(
            f"cohort column {column!r} marks no unit as treated", hint="fill in the first treated period", column=column
        )
    return starts
