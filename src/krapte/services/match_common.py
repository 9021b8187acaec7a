"""What the matching services share: the taxonomy and wages, regional shortage, the audit entry of a
recommendation, contact points, and the plain-JSON form in which vacancies, courses and profiles are stored.

Regional shortage for pathways (documented in docs/match.md, "Using matching"): an ESCO occupation is mapped to a
BRC 2014 beroepsgroep through its ISCO-08 unit group and the CBS schakelschema (``krapte.labour.supply.
isco_to_brc``); the shortage of that group in the arbeidsmarktregio and quarter is the UWV spanningsindicator of
the labour tension table (embedded default scenario with every imported supply source), scaled to [0, 1] as
``min(S / 4, 1)``: 4.0 is where UWV's class "zeer krap" begins, 1.5 ("krap") gives 0.375.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from krapte.errors import NotFoundError
from krapte.match import data_versions, input_hash
from krapte.match.defaults import course_from_row, course_to_row, vacancy_from_row, vacancy_to_row
from krapte.services.audit import record, write_entries
from krapte.services.context import Context
from krapte.services.taxonomy import taxonomy
from krapte.taxonomy.model import Taxonomy

__all__ = [
    "SHORTAGE_SCALE",
    "course_from_row",
    "course_to_row",
    "log_recommendation",
    "neighbours",
    "region_code",
    "shortage_by_occupation",
    "tension_cell",
    "today",
    "vacancy_from_row",
    "vacancy_to_row",
    "wages",
]

#: the UWV spanningsindicator at which the shortage score reaches 1 (start of the class "zeer krap")
SHORTAGE_SCALE = 4.0


def today() -> date:
    return date.today()


_wages: dict[str, dict[str, float]] = {}


def wages(tax: Taxonomy) -> dict[str, float]:
    """Median hourly wage per ESCO occupation (CBS 85517NED 2022 via ISCO-08 → BRC), computed once per taxonomy."""
    from krapte.match import wages_by_occupation

    if tax.key not in _wages:
        _wages[tax.key] = wages_by_occupation(tax)
    return _wages[tax.key]


_neighbours: dict[str, Any] = {}


def neighbours(ctx: Context, tax: Taxonomy) -> Any:
    """Semantic credit for pathways (:class:`krapte.match.SemanticNeighbours`) from the taxonomy's skill label
    index, or None when embeddings are off (``KRAPTE_NO_EMBEDDINGS=1``) or the index is not in the cache yet
    (``krapte taxonomy build-index``; it is never built during a request). Computed once per process (about 5 s
    of CPU for ESCO); pathways then use the semantic thresholds of :mod:`krapte.match.viability`."""
    from krapte.taxonomy import embedding
    from krapte.taxonomy.index import cache_path, get_index

    key = f"{tax.key}|{ctx.settings.cache_dir}"
    if key not in _neighbours:
        found = None
        if embedding.available() and cache_path(tax, "skill", ctx.settings).exists():
            index = get_index(tax, "skill", ctx.settings)
            if index is not None:
                from krapte.match import SemanticNeighbours
                from krapte.match.space import skill_space

                found = SemanticNeighbours.from_vectors(skill_space(tax), index.uris, index.vectors)
        _neighbours[key] = found
    return _neighbours[key]


def region_code(region: str) -> str:
    """The arbeidsmarktregio code of an arbeidsmarktregio or gemeente (code or name)."""
    from krapte.labour.regions import default_regions

    regions = default_regions()
    try:
        return regions.find(region, kinds=("arbeidsmarktregio",)).code
    except NotFoundError:
        gemeente = regions.find(region, kinds=("gemeente",)).code
        weights = regions.am_weights(gemeente)
        return max(weights, key=lambda k: weights[k])


def _quarter(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


_tables: dict[int, Any] = {}


def _tension_table(ctx: Context) -> Any:
    """The tension table of the embedded default scenario, with imported supply cells applied when there are any
    (read once per request)."""
    from krapte.labour.tension import default_tension_table
    from krapte.store import labour as labour_repo

    def compute() -> Any:
        cells = labour_repo.load_supply_cells(ctx.store)
        return _table_for(cells, ctx) if cells else default_tension_table()

    return ctx.per_request("tension_table", compute)


def _table_for(cells: Any, ctx: Context) -> Any:
    from krapte.labour.programmes import default_national_forecast
    from krapte.labour.tension import tension_table
    from krapte.services.labour import current_supply

    key = hash(tuple(cells))
    if key not in _tables:
        _tables.clear()
        _tables[key] = tension_table(default_national_forecast(), current_supply(ctx))
    return _tables[key]


@cache
def _brc_of_isco() -> dict[str, str]:
    from krapte.labour.supply import isco_to_brc

    return isco_to_brc()


def _brc_of(tax: Taxonomy, uri: str) -> str | None:
    occ = tax.occupations.get(uri)
    if occ is None:
        return None
    return _brc_of_isco().get(str(occ.isco_code)[:4])


def tension_cell(ctx: Context, tax: Taxonomy, uri: str, region: str, *, quarter: str | None = None) -> dict[str, Any]:
    """The tension cell (UWV and ROA classes, basis) of an ESCO occupation's BRC group in a region and quarter."""
    brc = _brc_of(tax, uri)
    if brc is None:
        raise NotFoundError(f"occupation {uri} has no BRC 2014 group (no ISCO-08 unit in the CBS crosswalk)")
    table = _tension_table(ctx)
    return dict(table.cell(region_code(region), brc, quarter or _quarter(today())))


def shortage_by_occupation(
    ctx: Context, tax: Taxonomy, region: str, *, quarter: str | None = None
) -> tuple[dict[str, float], dict[str, Any]]:
    """Shortage in [0, 1] per ESCO occupation for one region and quarter, and what it rests on (computed once per
    tension table, taxonomy, region and quarter: the same for every person in the region)."""
    table = _tension_table(ctx)
    code = region_code(region)
    q = quarter or _quarter(today())
    key = (id(table), id(tax), code, q)
    known = _shortages.get(key)
    if known is None or known[0] is not table or known[1] is not tax:
        if len(_shortages) >= 256:
            _shortages.clear()
        known = (table, tax, *_shortage_by_occupation(table, tax, code, q))
        _shortages[key] = known
    return dict(known[2]), dict(known[3])


_shortages: dict[tuple[int, int, str, str], tuple[Any, Taxonomy, dict[str, float], dict[str, Any]]] = {}


def _shortage_by_occupation(table: Any, tax: Taxonomy, code: str, q: str) -> tuple[dict[str, float], dict[str, Any]]:
    r = table.regions.index(code)
    g_index = {g: i for i, g in enumerate(table.groups)}
    from krapte.labour.quarters import parse_quarter

    qi = min(max(parse_quarter(q) - table.first, 0), table.uwv.shape[2] - 1)
    out: dict[str, float] = {}
    for uri, occ in tax.occupations.items():
        brc = _brc_of_isco().get(str(occ.isco_code)[:4])
        if brc is None or brc not in g_index:
            continue
        s = float(table.uwv[r, g_index[brc], qi])
        out[uri] = round(min(max(s, 0.0) / SHORTAGE_SCALE, 1.0), 4)
    basis = {
        "region": code,
        "quarter": q,
        "measure": "UWV spanningsindicator S of the occupation's BRC 2014 group, scaled min(S / 4, 1)",
        "mapping": "ESCO occupation → ISCO-08 unit group → BRC 2014 beroepsgroep (CBS schakelschema)",
        "scenario": "embedded default scenario (nl-programmes-2030: RES + NPE + NPLW) with imported supply applied",
    }
    return out, basis


def log_recommendation(
    ctx: Context, action: str, object_type: str, object_id: str, inputs: Any, detail: dict[str, Any]
) -> str:
    """Write the audit entry of one recommendation (input hash, method and taxonomy version); returns the hash.

    Inside :func:`krapte.services.audit.in_one_transaction` the entry is committed with the block's others."""
    tax = taxonomy(ctx)
    digest = input_hash(inputs)
    versions = data_versions(tax)
    write_entries(
        ctx,
        lambda conn: record(
            ctx,
            conn,
            action,
            object_type,
            object_id,
            {**detail, "data_versions": versions},
            input_sha256=digest,
            model_version=versions["method"],
            taxonomy_version=tax.version,
        ),
    )
    return digest


@cache
def contact_points() -> tuple[dict[str, Any], ...]:
    """The Werkcentrum, Leerwerkloket and RMT contact points of the embedded funding dataset (with sources)."""
    path = resources.files("krapte.data") / "funding-schemes-2026" / "contact_points.json"
    return tuple(json.loads(path.read_text(encoding="utf-8")))
