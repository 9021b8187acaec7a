"""Labour supply per arbeidsmarktregio × BRC 2014 beroepsgroep.

Measures per cell (persons; flows per year):

- ``employed``              werkzame beroepsbevolking
- ``replacement_per_year``  vervangingsvraag: outflow by retirement, mobility and other exits
- ``inflow_per_year``       instroom: school-leavers and other new entrants
- ``job_seekers``           short-term job seekers (UWV: WW-uitkeringen < 6 months)
- ``vacancies``             open vacancies (baseline, before the projects' extra demand)

The embedded default (:func:`default_supply`) uses the real national employed labour force per BRC group (CBS
85276NED, 2023), split over the arbeidsmarktregio's by their share of residential solar installations (the best
regional basis among the embedded public data; see :mod:`krapte.labour.supply_basis`), and the vacancy rates from
the Dutch anchors. Everything CBS does not publish at this level is an assumption listed in
:attr:`SupplyTable.assumptions`; every cell carries its basis (``basis_<measure>``: measured, imported or
estimated, and from what) and is replaceable with :func:`apply_supply_file`, the CBS importers in
:mod:`krapte.labour.cbs` or the UWV/DUO importers in :mod:`krapte.labour.importers`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from krapte.errors import InputError, NotFoundError, Problem
from krapte.labour.regions import default_regions
from krapte.labour.supply_basis import DEFAULT_BASES, Basis, region_shares

MEASURES: tuple[str, ...] = ("employed", "replacement_per_year", "inflow_per_year", "job_seekers", "vacancies")
DATASET = "labour-supply-2023"


def _data(name: str) -> str:
    return (resources.files("krapte.data") / DATASET / name).read_text(encoding="utf-8")


@cache
def isco_to_brc() -> dict[str, str]:
    """ISCO-08 unit group (4 digits) -> BRC 2014 beroepsgroep (CBS schakelschema)."""
    return {r["isco08_unit"]: r["brc_group"] for r in csv.DictReader(io.StringIO(_data("isco_brc.csv")))}


@cache
def brc_labels() -> dict[str, str]:
    return {r["brc_group"]: r["label"] for r in csv.DictReader(io.StringIO(_data("employed_brc_2023.csv")))}


@dataclass(frozen=True)
class SupplyTable:
    """Supply measures as arrays ``(R, G)`` over ``regions`` × ``groups``."""

    regions: tuple[str, ...]
    groups: tuple[str, ...]
    values: Mapping[str, np.ndarray]
    year: int
    assumptions: tuple[str, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict)
    bases: Mapping[str, Basis] = field(default_factory=lambda: dict(DEFAULT_BASES))
    imported: Mapping[tuple[str, str, str], str] = field(default_factory=dict)  # (region, group, measure) -> source

    def basis(self, region: str, group: str, measure: str) -> Basis:
        """The basis of one figure: imported from a file, or the measure's default basis."""
        source = self.imported.get((region, group, measure))
        if source is not None:
            return Basis("imported", source)
        return self.bases.get(measure, Basis("estimated", "unknown"))

    def measure(self, name: str) -> np.ndarray:
        return self.values[name]

    def index(self, region: str, group: str) -> tuple[int, int]:
        try:
            return self.regions.index(region), self.groups.index(group)
        except ValueError:
            raise NotFoundError(
                f"no supply cell for region {region!r} and BRC group {group!r}",
                hint="regions are arbeidsmarktregio codes (AM01..), groups BRC 2014 codes (0761 ...)",
            ) from None

    def cell(self, region: str, group: str) -> dict[str, Any]:
        r, g = self.index(region, group)
        out: dict[str, Any] = {
            "region": region,
            "region_name": default_regions().name(region),
            "brc_group": group,
            "label": brc_labels().get(group, group),
        }
        out.update({m: round(float(self.values[m][r, g]), 3) for m in MEASURES})
        out.update({f"basis_{m}": self.basis(region, group, m).text() for m in MEASURES})
        return out

    def rows(self, *, region: str | None = None, group: str | None = None) -> list[dict[str, Any]]:
        out = []
        for r in self.regions:
            if region and r != region:
                continue
            for g in self.groups:
                if group and g != group:
                    continue
                out.append(self.cell(r, g))
        return out

    def with_values(self, updates: Iterable[tuple[str, str, str, float]], source: str) -> SupplyTable:
        """A copy with cells ``(region, group, measure, value)`` replaced."""
        values = {m: v.copy() for m, v in self.values.items()}
        imported = dict(self.imported)
        for region, group, measure, value in updates:
            r, g = self.index(region, group)
            values[measure][r, g] = value
            imported[(region, group, measure)] = source
        return replace(
            self, values=values, imported=imported, assumptions=(*self.assumptions, f"cells replaced from {source}")
        )


@cache
def default_supply() -> SupplyTable:
    """The embedded default supply (see the module docstring and ``docs/labour.md`` for every assumption)."""
    regions = default_regions().am_codes
    assumptions = json.loads(_data("assumptions.json"))
    employed_rows = list(csv.DictReader(io.StringIO(_data("employed_brc_2023.csv"))))
    groups = tuple(r["brc_group"] for r in employed_rows)
    national = np.array([float(r["employed_x1000"]) * 1000 for r in employed_rows])
    shares = region_shares()
    share = np.array([shares[r] for r in regions])
    share = share / share.sum()
    employed = share[:, None] * national[None, :]
    rates = assumptions["vacancy_rate"]
    vac_rate = np.array([rates.get(g[:2], rates["*"])["rate"] for g in groups])
    values = {
        "employed": employed,
        "replacement_per_year": employed * assumptions["replacement_rate_per_year"]["rate"],
        "inflow_per_year": employed * assumptions["inflow_rate_per_year"]["rate"],
        "job_seekers": employed * assumptions["job_seeker_rate"]["rate"],
        "vacancies": employed * vac_rate[None, :],
    }
    listed = [
        "employed: CBS 85276NED werkzame beroepsbevolking 2023 per BRC group (national, real)",
        f"region_share: ESTIMATED, {DEFAULT_BASES['employed'].source.split(' × ', 1)[1]}",
        *(f"vacancies (class {k}): {v['source']}" for k, v in rates.items()),
        f"replacement_per_year: {assumptions['replacement_rate_per_year']['source']}",
        f"inflow_per_year: {assumptions['inflow_rate_per_year']['source']}",
        f"job_seekers: {assumptions['job_seeker_rate']['source']}",
    ]
    return SupplyTable(
        regions=regions,
        groups=groups,
        values=values,
        year=2023,
        assumptions=tuple(listed),
        sources={
            "employed": "CBS 85276NED 2023",
            "region_share": "CBS 85005NED 2024, residential installations (proxy)",
        },
    )


SUPPLY_FILE_COLUMNS = ("region", "brc_group")


def read_supply_file(path: str | Path, base: SupplyTable | None = None) -> list[tuple[str, str, str, float]]:
    """Cells from a user CSV ``region,brc_group,<measure>...``; every bad cell is reported, nothing half-applied."""
    path = Path(path)
    base = base or default_supply()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read supply file: {exc.strerror}", file=str(path)) from None
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if text.split("\n", 1)[0].count(";") else ",")
    header = [h.strip() for h in reader.fieldnames or []]
    measures = [h for h in header if h in MEASURES]
    if any(c not in header for c in SUPPLY_FILE_COLUMNS) or not measures:
        raise InputError(
            "supply file header must have region, brc_group and at least one measure",
            file=str(path),
            line=1,
            hint=f"measures: {', '.join(MEASURES)}",
        )
    regions = default_regions()
    problems: list[Problem] = []
    cells: list[tuple[str, str, str, float]] = []
    for line, row in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        try:
            region = regions.find(row["region"], kinds=("arbeidsmarktregio",)).code
        except NotFoundError:
            problems.append(
                Problem("not an arbeidsmarktregio (use AM01..AM38)", str(path), line, "region", row["region"])
            )
            continue
        group = row["brc_group"].zfill(4)
        if group not in base.groups:
            problems.append(Problem("not a BRC 2014 beroepsgroep", str(path), line, "brc_group", row["brc_group"]))
            continue
        for m in measures:
            raw = row.get(m, "")
            if raw == "":
                continue
            try:
                value = float(raw.replace(",", "."))
                if value < 0:
                    raise ValueError
            except ValueError:
                problems.append(Problem("must be a non-negative number", str(path), line, m, raw))
                continue
            cells.append((region, group, m, value))
    if problems:
        raise InputError(
            f"{len(problems)} problem(s) in supply file; nothing was applied",
            file=str(path),
            problems=problems,
            hint="; ".join(str(p) for p in problems[:5]),
        )
    return cells


def apply_supply_file(path: str | Path, base: SupplyTable | None = None) -> SupplyTable:
    base = base or default_supply()
    return base.with_values(read_supply_file(path, base), str(path))
