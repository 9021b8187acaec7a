"""Occupations of a factor set in ESCO terms: the ESCO occupations under each occupation's ISCO-08 unit groups.

Demand is forecast in the factor set's occupations (Rutovitz 2025 names), each mapped to ISCO-08 unit groups
(a hand-made crosswalk, see ``docs/data.md``). ESCO classifies every occupation under one ISCO-08 unit
group, so the ESCO occupations of an occupation are those whose ISCO code is among its codes. The taxonomy is
loaded lazily (it takes a second or two), only when ESCO URIs are asked for.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from krapte.labour.factors import FactorSet, factor_set


@cache
def _by_isco() -> dict[str, list[tuple[str, str, str]]]:
    from krapte.taxonomy import default_taxonomy

    out: dict[str, list[tuple[str, str, str]]] = {}
    for occ in default_taxonomy().occupations.values():
        code = str(getattr(occ, "isco_code", "") or "")
        if code:
            out.setdefault(code[:4], []).append((occ.uri, occ.label("nl"), occ.label("en")))
    for items in out.values():
        items.sort(key=lambda t: t[1])
    return out


def esco_occupations(occupation_id: str, factors: FactorSet | None = None) -> list[dict[str, str]]:
    """ESCO occupations (URI, Dutch and English label) of a factor-set occupation, via its ISCO-08 codes."""
    occupation = (factors or factor_set()).occupation(occupation_id)
    table = _by_isco()
    return [
        {"uri": uri, "label_nl": nl, "label_en": en, "isco": code}
        for code in occupation.isco
        for uri, nl, en in table.get(code, [])
    ]


def occupation_table(factors: FactorSet | None = None, *, with_esco: bool = False) -> list[dict[str, Any]]:
    """Every occupation of a set with its ISCO-08 codes, BRC 2014 group and (optionally) ESCO occupations."""
    fs = factors or factor_set()
    rows = []
    for occ in fs.occupations:
        row: dict[str, Any] = occ.to_dict()
        if with_esco:
            row["esco"] = esco_occupations(occ.id, fs)
        rows.append(row)
    return rows
