"""Importers for the regional tables krapte does not embed: UWV tension, UWV WW benefits and graduates.

All read files saved earlier (no network): CSV with ``;`` or ``,``, header names matched case-insensitively.

- **UWV spanningsindicator per beroepsgroep × arbeidsmarktregio** (:func:`read_uwv_tension`): columns
  ``Periode``, ``Arbeidsmarktregio`` (code or name), ``Beroepsgroep`` (``"0761 Elektriciens..."`` or the BRC code)
  and at least one of ``Spanningsindicator`` (vacancies per short-term WW benefit), ``Typering`` (the UWV class,
  e.g. ``Zeer krap``), ``Vacatures`` and ``WW-uitkeringen`` (< 6 months). The latest period is kept.
  :func:`uwv_tension_cells` turns the rows into supply cells (vacancies, job seekers);
  :func:`compare_with_published` compares a tension table with the published classes.
- **WW benefits per region** (:func:`read_ww`): ``Arbeidsmarktregio`` (or ``Gemeente``) and ``WW-uitkeringen``,
  with or without ``Beroepsgroep`` -> ``job_seekers`` cells.
- **Graduates per region** (:func:`read_graduates`): ``Arbeidsmarktregio`` or ``Gemeente`` (DUO: ``GEMEENTENAAM``
  / ``GEMEENTENUMMER``) and ``Gediplomeerden`` or DUO's year × sex columns (``2023 MAN``, ``2023 VROUW``; the latest
  year is summed, ``<5`` counts as 2), with or without ``Beroepsgroep`` -> ``inflow_per_year`` cells.

A regional total without an occupation column is split over the BRC groups by the region's employed labour force
(the split is estimated; the source says so). Every bad row is reported; nothing is half-applied.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from krapte.errors import InputError, NotFoundError, Problem
from krapte.labour.regions import default_regions, normalise_name
from krapte.labour.supply import SupplyTable, brc_labels, default_supply
from krapte.labour.tension import TensionTable, uwv_class

Cell = tuple[str, str, str, float]

_REGION = ("arbeidsmarktregio", "arbeidsmarktregiocode", "regiocode", "regio", "region")
_GEMEENTE = ("gemeente", "gemeentenaam", "gemeentenummer", "gemeentecode")
_GROUP = ("beroepsgroep", "brc_group", "brc", "beroep")
_PERIOD = ("periode", "kwartaal", "jaar", "perioden")
_INDICATOR = ("spanningsindicator",)
_CLASS = ("typering", "spanningstypering", "spanning", "krapte")
_VACANCIES = ("vacatures", "openstaande vacatures", "vacancies")
_WW = ("ww-uitkeringen", "ww uitkeringen", "ww < 6 maanden", "ww-uitkeringen korter dan 6 maanden", "ww")
_GRADUATES = ("gediplomeerden", "diploma's", "graduates")
_BRC = re.compile(r"^\s*(\d{4})\b")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_DUO_YEAR = re.compile(r"^(\d{4})\s+(man|vrouw)$", re.IGNORECASE)
UWV_CLASS_NAMES = ("zeer ruim", "ruim", "gemiddeld", "krap", "zeer krap")


@dataclass(frozen=True)
class Imported:
    """Cells read from one file, with the source text every imported figure carries as its basis."""

    cells: list[Cell]
    source: str

    def apply(self, supply: SupplyTable | None = None) -> SupplyTable:
        return (supply or default_supply()).with_values(self.cells, self.source)


@dataclass(frozen=True)
class PublishedTension:
    """One published UWV figure for a region × BRC group × period."""

    region: str
    brc_group: str
    period: str
    indicator: float | None
    uwv_class: str | None
    vacancies: float | None
    job_seekers: float | None


def _read(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=str(path)) from None
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if first.count(";") >= first.count(",") else ",")
    header = [h.strip() for h in reader.fieldnames or []]
    rows = [
        (n, {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}) for n, row in enumerate(reader, 2)
    ]
    return header, rows


def _col(header: Sequence[str], names: Sequence[str]) -> str | None:
    lowered = [h.lower() for h in header]
    for name in names:
        if name in lowered:
            return name
    return None


def _number(raw: str) -> float | None:
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    if text in ("", ".", "-", "x"):
        return None
    if text.startswith("<"):
        return 2.0  # DUO masks counts below 5; the midpoint of 0..4 is used
    if ("," in text and "." in text) or _THOUSANDS.match(text):  # Dutch: "1.250,5" and "1.250"
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    return float(text)


def _group(raw: str) -> str | None:
    """A BRC 2014 beroepsgroep from ``"0761 Elektriciens..."``, ``"761"`` or the exact label."""
    labels = brc_labels()
    match = _BRC.match(raw)
    if match and match.group(1) in labels:
        return match.group(1)
    if raw.isdigit() and raw.zfill(4) in labels:
        return raw.zfill(4)
    wanted = normalise_name(raw)
    for code, label in labels.items():
        if normalise_name(label) == wanted:
            return code
    return None


def _region(row: dict[str, str], region_col: str | None, gemeente_col: str | None) -> str | None:
    regions = default_regions()
    try:
        if region_col and row.get(region_col):
            return regions.find(row[region_col], kinds=("arbeidsmarktregio",)).code
        if gemeente_col and row.get(gemeente_col):
            raw = row[gemeente_col]
            text = f"GM{int(raw):04d}" if raw.isdigit() else raw
            gemeente = regions.gemeente(text).code
            return str(next(iter(regions.am_weights(gemeente))))
    except (NotFoundError, ValueError):
        return None
    return None


def _latest(rows: list[tuple[int, dict[str, str]]], col: str | None) -> list[tuple[int, dict[str, str]]]:
    if col is None:
        return rows
    latest = max(r[col] for _, r in rows)
    return [(n, r) for n, r in rows if r[col] == latest]


def _fail(problems: list[Problem], path: Path, what: str) -> None:
    if problems:
        raise InputError(
            f"{len(problems)} problem(s) in {what}; nothing was imported",
            file=str(path),
            problems=problems,
            hint="; ".join(str(p) for p in problems[:5]),
        )


def read_uwv_tension(path: str | Path) -> list[PublishedTension]:
    """UWV spanningsindicator rows (latest period) per arbeidsmarktregio × BRC group."""
    path = Path(path)
    header, rows = _read(path)
    region_col, group_col = _col(header, _REGION), _col(header, _GROUP)
    period_col = _col(header, _PERIOD)
    ind_col, class_col = _col(header, _INDICATOR), _col(header, _CLASS)
    vac_col, ww_col = _col(header, _VACANCIES), _col(header, _WW)
    if region_col is None or group_col is None or not (ind_col or class_col or (vac_col and ww_col)):
        raise InputError(
            "a UWV tension file needs Arbeidsmarktregio, Beroepsgroep and Spanningsindicator, Typering or "
            "Vacatures with WW-uitkeringen",
            file=str(path),
            line=1,
        )
    problems: list[Problem] = []
    out: list[PublishedTension] = []
    for line, row in _latest(rows, period_col):
        region = _region(row, region_col, None)
        group = _group(row[group_col])
        if region is None:
            problems.append(Problem("not an arbeidsmarktregio", str(path), line, region_col, row[region_col]))
            continue
        if group is None:
            problems.append(Problem("not a BRC 2014 beroepsgroep", str(path), line, group_col, row[group_col]))
            continue
        values: dict[str, float | None] = {}
        for key, col in (("indicator", ind_col), ("vacancies", vac_col), ("job_seekers", ww_col)):
            try:
                values[key] = _number(row[col]) if col else None
            except ValueError:
                problems.append(Problem("not a number", str(path), line, col, row.get(col or "", "")))
                values[key] = None
        klass = normalise_name(row[class_col]) if class_col and row.get(class_col) else None
        if class_col and klass is not None and klass not in UWV_CLASS_NAMES:
            problems.append(Problem("not a UWV class", str(path), line, class_col, row[class_col]))
            continue
        indicator = values["indicator"]
        if indicator is None and values["vacancies"] is not None and values["job_seekers"]:
            indicator = values["vacancies"] / values["job_seekers"]
        if klass is None and indicator is not None:
            klass = uwv_class(indicator)
        out.append(
            PublishedTension(
                region,
                group,
                row.get(period_col or "", ""),
                indicator,
                klass,
                values["vacancies"],
                values["job_seekers"],
            )
        )
    _fail(problems, path, "the UWV tension file")
    return out


def uwv_tension_cells(
    rows: Sequence[PublishedTension], supply: SupplyTable | None = None, *, source: str = "UWV spanningsindicator"
) -> Imported:
    """Supply cells from published UWV figures: counts when given, else job seekers = vacancies / indicator."""
    supply = supply or default_supply()
    cells: list[Cell] = []
    derived = False
    for row in rows:
        if row.vacancies is not None:
            cells.append((row.region, row.brc_group, "vacancies", row.vacancies))
        if row.job_seekers is not None:
            cells.append((row.region, row.brc_group, "job_seekers", row.job_seekers))
        elif row.indicator is not None and row.indicator > 0:
            r, g = supply.index(row.region, row.brc_group)
            vacancies = row.vacancies if row.vacancies is not None else float(supply.measure("vacancies")[r, g])
            cells.append((row.region, row.brc_group, "job_seekers", vacancies / row.indicator))
            derived = True
    note = "; job seekers = vacancies / published spanningsindicator" if derived else ""
    return Imported(cells, f"{source}{note}")


def compare_with_published(table: TensionTable, rows: Sequence[PublishedTension]) -> dict[str, Any]:
    """Baseline UWV classes of ``table`` against the published ones: agreement and the confusion pairs."""
    pairs: dict[tuple[str, str], int] = {}
    same = 0
    for row in rows:
        if row.uwv_class is None:
            continue
        r, g = table.regions.index(row.region), table.groups.index(row.brc_group)
        model = uwv_class(float(table.baseline_uwv[r, g]))
        pairs[(row.uwv_class, model)] = pairs.get((row.uwv_class, model), 0) + 1
        same += model == row.uwv_class
    n = sum(pairs.values())
    return {
        "cells": n,
        "agree": same,
        "agreement": same / n if n else None,
        "pairs": [{"published": p, "model": m, "cells": c} for (p, m), c in sorted(pairs.items())],
    }


def _spread(region: str, total: float, measure: str, supply: SupplyTable) -> list[Cell]:
    r = supply.regions.index(region)
    employed = supply.measure("employed")[r]
    share = employed / employed.sum() if employed.sum() > 0 else employed * 0 + 1.0 / len(employed)
    return [(region, g, measure, float(total * s)) for g, s in zip(supply.groups, share, strict=True)]


def _regional_counts(
    path: Path, measure: str, value_names: Sequence[str], what: str, supply: SupplyTable | None
) -> Imported:
    supply = supply or default_supply()
    header, rows = _read(path)
    region_col, gemeente_col = _col(header, _REGION), _col(header, _GEMEENTE)
    group_col, period_col = _col(header, _GROUP), _col(header, _PERIOD)
    value_col = _col(header, value_names)
    duo_cols: list[str] = []
    if value_col is None:  # DUO layout: one column per year and sex; the latest year is used
        years: dict[str, list[str]] = {}
        for h in header:
            if m := _DUO_YEAR.match(h):
                years.setdefault(m.group(1), []).append(h.lower())
        duo_cols = years[max(years)] if years else []
    if (region_col is None and gemeente_col is None) or (value_col is None and not duo_cols):
        raise InputError(
            f"{what} needs Arbeidsmarktregio or Gemeente and a count column",
            file=str(path),
            line=1,
            hint=f"count columns: {', '.join(value_names)}",
        )
    problems: list[Problem] = []
    totals: dict[tuple[str, str | None], float] = {}
    for line, row in _latest(rows, period_col):
        region = _region(row, region_col, gemeente_col)
        if region is None:
            col = region_col or gemeente_col or ""
            problems.append(Problem("not an arbeidsmarktregio or gemeente", str(path), line, col, row.get(col, "")))
            continue
        group = None
        if group_col:
            group = _group(row[group_col])
            if group is None:
                problems.append(Problem("not a BRC 2014 beroepsgroep", str(path), line, group_col, row[group_col]))
                continue
        try:
            cols = [value_col] if value_col else duo_cols
            value = sum(v for c in cols if (v := _number(row.get(c, ""))) is not None)
        except ValueError:
            problems.append(Problem("not a number", str(path), line, value_col or duo_cols[0], ""))
            continue
        totals[(region, group)] = totals.get((region, group), 0.0) + value
    _fail(problems, path, what)
    cells: list[Cell] = []
    spread = False
    for (region, group), value in sorted(totals.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        if group is None:
            cells.extend(_spread(region, value, measure, supply))
            spread = True
        else:
            cells.append((region, group, measure, value))
    note = "; regional total split over BRC groups by employed labour force (estimated split)" if spread else ""
    return Imported(cells, f"{path.name}{note}")


def read_ww(path: str | Path, supply: SupplyTable | None = None) -> Imported:
    """``job_seekers`` cells from UWV WW benefits (< 6 months) per region (and BRC group, if given)."""
    return _regional_counts(Path(path), "job_seekers", _WW, "the WW file", supply)


def read_graduates(path: str | Path, supply: SupplyTable | None = None) -> Imported:
    """``inflow_per_year`` cells from graduates per region (and BRC group, if given); DUO layout accepted."""
    return _regional_counts(Path(path), "inflow_per_year", _GRADUATES, "the graduates file", supply)
