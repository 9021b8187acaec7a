"""The core's notes on analyst pages in the page's language: bases, assumptions and factor units.

``krapte.labour`` writes what a figure rests on in English (the API, the CLI and the CSV exports keep that text).
Dutch pages show it in Dutch: :func:`note` replaces the fixed phrases of those notes, longest first, and leaves
what it does not know (dataset codes, file names of imported sources) as it is. Every phrase the core writes on a
page is listed here; ``tests/web/test_notes.py`` checks that the notes of the default scenario come out without
English words.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["note", "notes"]

_KINDS = {"estimated": "geschat", "imported": "geïmporteerd", "measured": "gemeten"}
_MEASURES = {
    "vacancies": "vacatures",
    "job seekers": "werkzoekenden",
    "inflow": "instroom",
    "replacement": "vervanging",
}

_PHRASES: dict[str, str] = {
    # TensionTable.basis
    "estimated from the projects' demand (employment factors)": "geschat uit de vraag van de projecten "
    "(werkgelegenheidsfactoren)",
    **{f"{m} {k}": f"{mn} {kn}" for m, mn in _MEASURES.items() for k, kn in _KINDS.items()},
    # maps.DEMAND_BASIS and the RES apportioning
    "projects × employment factors": "projecten × werkgelegenheidsfactoren",
    "spread over regions by their gemeenten": "over de regio's verdeeld naar hun gemeenten",
    "apportioned from arbeidsmarktregio's by gemeenten": "verdeeld vanuit de arbeidsmarktregio's naar gemeenten",
    "arbeidsmarktregio figures": "cijfers van arbeidsmarktregio's",
    # supply_basis.DEFAULT_BASES and REGION_BASIS
    "national employed per BRC group 2023": "landelijk aantal werkenden per BRC-groep 2023",
    "region's share of residential solar installations 2024": "aandeel van de regio in de zonnepanelen op woningen "
    "2024",
    "a proxy for resident households": "een benadering van het aantal huishoudens",
    "no regional employment table is embedded": "er is geen regionale werkgelegenheidstabel ingebouwd",
    "national vacancy rate of the BRC class": "landelijke vacaturegraad van de BRC-klasse",
    "(anchors ": "(ankers ",
    "2.5 % a year (flat assumption; import ROA vervangingsvraag)": "2,5 % per jaar (vaste aanname; importeer de "
    "ROA-vervangingsvraag)",
    "2.5 % a year (flat assumption; import DUO/ROA graduates)": "2,5 % per jaar (vaste aanname; importeer DUO/ROA-"
    "gediplomeerden)",
    "1.5 % (flat assumption; import UWV WW < 6 months per region)": "1,5 % (vaste aanname; importeer UWV WW < 6 "
    "maanden per regio)",
    "employed × ": "werkenden × ",
    "import CBS": "importeer CBS",
    # SupplyTable.assumptions
    "werkzame beroepsbevolking 2023 per BRC group (national, real)": "werkzame beroepsbevolking 2023 per BRC-groep "
    "(landelijk, gemeten)",
    "region_share: ESTIMATED,": "regio-aandeel: GESCHAT,",
    "vacancies (class": "vacatures (klasse",
    "open technical vacancies": "openstaande technische vacatures",
    "open ICT vacancies": "openstaande ICT-vacatures",
    "open vacancies": "openstaande vacatures",
    "BRC class": "BRC-klasse",
    "all employed": "alle werkenden",
    " employed 2023": " werkenden 2023",
    "replacement_per_year: ASSUMPTION: 2.5 % of employed leave the occupation per year (retirement, mobility); "
    "replace with ROA vervangingsvraag per beroep via a supply file": "vervanging per jaar: AANNAME: 2,5 % van de "
    "werkenden verlaat het beroep per jaar (pensioen, mobiliteit); vervang door de ROA-vervangingsvraag per beroep "
    "met een aanbodbestand",
    "inflow_per_year: ASSUMPTION: school-leaver inflow equal to replacement (ITA = 1 without extra demand); replace "
    "with ROA instroom schoolverlaters via a supply file": "instroom per jaar: AANNAME: instroom van "
    "schoolverlaters gelijk aan de vervanging (ITA = 1 zonder extra vraag); vervang door de ROA-instroom van "
    "schoolverlaters met een aanbodbestand",
    "job_seekers: ASSUMPTION: short-term job seekers (WW < 6 months) = 1.5 % of employed; replace with UWV WW data "
    "(CBS 85554NED) via a supply file": "werkzoekenden: AANNAME: kortdurend werkzoekenden (WW < 6 maanden) = 1,5 % "
    "van de werkenden; vervang door UWV WW-gegevens (CBS 85554NED) met een aanbodbestand",
    "cells replaced from ": "cellen vervangen uit ",
    "employed: ": "werkenden: ",
    # factor units (programmes page)
    "job-years": "arbeidsjaren",
    "jobs per MW": "banen per MW",
    "per EUR mln": "per mln euro",
    "per unit": "per eenheid",
    "per home": "per woning",
    "per connection": "per aansluiting",
    "per point": "per laadpunt",
    "from set ": "uit set ",
    # the basis kinds as a prefix ("estimated: ...")
    **{f"{k}: ": f"{kn}: " for k, kn in _KINDS.items()},
}


@cache
def _pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for p in sorted(_PHRASES, key=len, reverse=True)))


def note(text: str, lang: str) -> str:
    """``text`` (a basis, an assumption or a unit written by the core) in the page language."""
    if lang == "en" or not text:
        return text
    return _pattern().sub(lambda m: _PHRASES[m.group(0)], text)


def notes(texts: list[str], lang: str) -> list[str]:
    return [note(t, lang) for t in texts]
