"""Loaders for the embedded matching data: wages per occupation, mbo qualifications, the demo set.

Every loader reads ``krapte/data/<id>/`` (built by ``scripts/build_match*.py``, each with provenance.json) and
returns plain objects; nothing here touches a store.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from krapte.match.feeds import Extract, read_courses, read_vacancies
from krapte.match.models import Course, Vacancy
from krapte.taxonomy.model import Taxonomy

__all__ = [
    "DEMO_DATASET",
    "MBO_DATASET",
    "WAGES_DATASET",
    "Wage",
    "brc_wages",
    "demo_courses",
    "demo_vacancies",
    "mbo_courses",
    "mbo_qualifications",
    "wages_by_occupation",
]

WAGES_DATASET = "wages-brc-2022"
MBO_DATASET = "mbo-qualifications-2015"
DEMO_DATASET = "match-demo"


def _text(dataset: str, name: str) -> str:
    return (resources.files("krapte.data") / dataset / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Wage:
    """Gross hourly wage quartiles of a BRC 2014 group (CBS 85517NED, 2022); basis: imported."""

    brc: str
    title: str
    p25: float | None
    p50: float | None
    p75: float | None
    source: str = "CBS 85517NED, 2022 (Bron: CBS)"


@cache
def brc_wages() -> dict[str, Wage]:
    out = {}
    for r in csv.DictReader(io.StringIO(_text(WAGES_DATASET, "brc_wage_quartiles.csv"))):
        p25, p50, p75 = (float(r[k]) if r[k] else None for k in ("p25", "p50", "p75"))
        out[r["brc"]] = Wage(r["brc"], r["title"], p25, p50, p75)
    return out


@cache
def _isco_brc() -> dict[str, str]:
    return {r["isco08_unit"]: r["brc_group"] for r in csv.DictReader(io.StringIO(_text(WAGES_DATASET, "isco_brc.csv")))}


def wages_by_occupation(taxonomy: Taxonomy) -> dict[str, float]:
    """Median gross hourly wage per ESCO occupation via ISCO-08 unit → BRC group (falling back to the BRC segment
    and class when CBS does not publish the group)."""
    wages = brc_wages()
    cross = _isco_brc()
    out = {}
    for uri, occ in taxonomy.occupations.items():
        brc = cross.get(occ.isco_code[:4])
        if not brc:
            continue
        for code in (brc, brc[:3], brc[:2]):
            w = wages.get(code)
            if w is not None and w.p50 is not None:
                out[uri] = w.p50
                break
    return out


@cache
def mbo_qualifications() -> tuple[dict[str, Any], ...]:
    """The official mbo qualifications (2015 list) with their mapped ESCO occupations and skills."""
    return tuple(json.loads(_text(MBO_DATASET, "qualifications.json"))["qualifications"])


def mbo_courses() -> list[Course]:
    """Every mbo qualification as a :class:`Course` (bbl; skills = its mapped ESCO skills; cost: lesgeld)."""
    return read_courses(_text(MBO_DATASET, "courses.jsonl"), format="jsonl", name=MBO_DATASET)


def demo_vacancies(extract: Extract | None = None) -> list[Vacancy]:
    """The generated demo vacancies (labelled ``demo``); skills empty until extracted on load."""
    return read_vacancies(_text(DEMO_DATASET, "vacancies.jsonl"), format="jsonl", name=DEMO_DATASET, extract=extract)


def demo_courses(extract: Extract | None = None) -> list[Course]:
    return read_courses(_text(DEMO_DATASET, "courses.jsonl"), format="jsonl", name=DEMO_DATASET, extract=extract)
