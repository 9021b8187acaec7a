"""The CBS regional mapping: gemeente -> arbeidsmarktregio, RES region, province and COROP, versioned by year.

Look-ups accept a code (``GM0796``, ``AM26``, ``ES23``, ``PV30``, ``CR35``) or a Dutch name, matched case- and
diacritic-insensitively and fuzzily (``"Den Bosch"`` -> 's-Hertogenbosch, ``"Sudwest Fryslan"`` -> Súdwest-Fryslân).
RES regions and arbeidsmarktregio's do not nest; a RES region is spread over arbeidsmarktregio's with weights equal
to the share of its gemeenten in each (the only overlap measure in the CBS data krapte embeds).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from io import StringIO
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from krapte.errors import NotFoundError, ValidationError

YEARS: tuple[int, ...] = (2026,)
DEFAULT_YEAR = 2026

# Common Dutch short names and former names that fuzzy matching alone would not find.
ALIASES: dict[str, str] = {
    "den bosch": "'s-Hertogenbosch",
    "s hertogenbosch": "'s-Hertogenbosch",
    "hertogenbosch": "'s-Hertogenbosch",
    "den haag": "'s-Gravenhage",
    "the hague": "'s-Gravenhage",
    "s gravenhage": "'s-Gravenhage",
    "gravenhage": "'s-Gravenhage",
    "den helder": "Den Helder",
    "bergen nh": "Bergen (NH.)",
    "bergen l": "Bergen (L.)",
    "delfzijl": "Eemsdelta",
    "appingedam": "Eemsdelta",
    "loppersum": "Eemsdelta",
    "heerhugowaard": "Dijk en Waard",
    "langedijk": "Dijk en Waard",
    "beemster": "Purmerend",
    "weesp": "Amsterdam",
    "boxmeer": "Land van Cuijk",
    "cuijk": "Land van Cuijk",
    "grave": "Land van Cuijk",
    "uden": "Maashorst",
    "landerd": "Maashorst",
    "brielle": "Voorne aan Zee",
    "hellevoetsluis": "Voorne aan Zee",
    "westvoorne": "Voorne aan Zee",
}

_CODE = re.compile(r"^(GM\d{4}|AM\d{2}|ES\d{2}|PV\d{2}|CR\d{2})$")


def normalise_name(text: str) -> str:
    """Lower case, no diacritics, punctuation to spaces: ``"Súdwest-Fryslân"`` -> ``"sudwest fryslan"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


REGION_KINDS: tuple[str, ...] = ("arbeidsmarktregio", "res", "province", "corop", "gemeente")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str  # gemeente | arbeidsmarktregio | res | province | corop


@dataclass(frozen=True)
class RegionMap:
    """The mapping of one year; ``gemeenten`` has one row per gemeente with the codes of its regions."""

    year: int
    gemeenten: pd.DataFrame
    _names: dict[str, list[Region]] = field(default_factory=dict, repr=False, compare=False)
    _codes: dict[str, Region] = field(default_factory=dict, repr=False, compare=False)
    _weights: dict[str, dict[str, float]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        counts: dict[str, dict[str, int]] = {}
        for gm, am, res in self.gemeenten[["gemeente_code", "arbeidsmarktregio_code", "res_code"]].itertuples(
            index=False
        ):
            counts[str(gm)] = {str(am): 1}
            counts.setdefault(str(am), {})[str(am)] = 1
            res_counts = counts.setdefault(str(res), {})
            res_counts[str(am)] = res_counts.get(str(am), 0) + 1
        weights = {}
        for code, c in counts.items():
            total = float(sum(c.values()))
            weights[code] = {am: n / total for am, n in sorted(c.items())}
        object.__setattr__(self, "_weights", weights)
        names: dict[str, list[Region]] = {}
        codes: dict[str, Region] = {}
        for region in self.all_regions():
            names.setdefault(normalise_name(region.name), []).append(region)
            codes[region.code.upper()] = region
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_codes", codes)

    # -- listings ----------------------------------------------------------------------------------------------
    def _pairs(self, code_col: str, name_col: str, kind: str) -> list[Region]:
        pairs = self.gemeenten[[code_col, name_col]].drop_duplicates().sort_values(code_col)
        return [Region(str(c), str(n), kind) for c, n in pairs.itertuples(index=False)]

    def arbeidsmarktregios(self) -> list[Region]:
        return self._pairs("arbeidsmarktregio_code", "arbeidsmarktregio", "arbeidsmarktregio")

    def res_regions(self) -> list[Region]:
        return self._pairs("res_code", "res_region", "res")

    def provinces(self) -> list[Region]:
        return self._pairs("province_code", "province", "province")

    def coroplist(self) -> list[Region]:
        return self._pairs("corop_code", "corop", "corop")

    def gemeente_list(self) -> list[Region]:
        return self._pairs("gemeente_code", "gemeente", "gemeente")

    def of_kind(self, kind: str) -> list[Region]:
        """All regions of one kind (one of :data:`REGION_KINDS`), sorted by code."""
        listings = {
            "arbeidsmarktregio": self.arbeidsmarktregios,
            "res": self.res_regions,
            "province": self.provinces,
            "corop": self.coroplist,
            "gemeente": self.gemeente_list,
        }
        if kind not in listings:
            raise ValidationError(f"unknown region kind {kind!r}", hint=f"use one of {', '.join(REGION_KINDS)}")
        return listings[kind]()

    def all_regions(self) -> list[Region]:
        # gemeenten first, so that a name shared by a gemeente and a region (Groningen) resolves to the gemeente
        return (
            self.gemeente_list() + self.arbeidsmarktregios() + self.res_regions() + self.provinces() + self.coroplist()
        )

    @property
    def am_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.arbeidsmarktregios())

    # -- look-ups ----------------------------------------------------------------------------------------------
    def find(self, text: str, *, kinds: tuple[str, ...] | None = None) -> Region:
        """A region by code or (fuzzy) name; raises :class:`NotFoundError` naming the closest candidates."""
        raw = str(text).strip()
        if _CODE.match(raw.upper()):
            region = self._codes.get(raw.upper())
            if region and (kinds is None or region.kind in kinds):
                return region
            raise NotFoundError(
                f"no region with code {raw!r} in the {self.year} indeling",
                hint="see `krapte regions list` for valid codes",
            )
        key = normalise_name(raw)
        key = normalise_name(ALIASES.get(key, raw))
        candidates: dict[str, Region] = {}
        for k, regions in self._names.items():
            matching = [r for r in regions if kinds is None or r.kind in kinds]
            if matching:  # gemeenten come first, so a shared name (Groningen) prefers the gemeente
                candidates[k] = matching[0]
        if key in candidates:
            return candidates[key]
        best = process.extract(key, list(candidates), scorer=fuzz.WRatio, limit=3)
        if best and best[0][1] >= 88 and (len(best) == 1 or best[0][1] - best[1][1] >= 2 or best[0][1] >= 95):
            return candidates[best[0][0]]
        suggestions = ", ".join(candidates[b[0]].name for b in best)
        raise NotFoundError(
            f"no region named {raw!r} in the {self.year} indeling",
            hint=f"did you mean: {suggestions}? Codes (GM0363, AM18, ES23) always work",
        )

    def gemeente(self, text: str) -> Region:
        return self.find(text, kinds=("gemeente",))

    def members(self, code: str) -> pd.DataFrame:
        """The gemeenten of a region code (any kind)."""
        for col in ("gemeente_code", "arbeidsmarktregio_code", "res_code", "province_code", "corop_code"):
            hit = self.gemeenten[self.gemeenten[col] == code]
            if len(hit):
                return hit
        raise NotFoundError(f"no region with code {code!r} in the {self.year} indeling")

    def am_weights(self, location: str) -> dict[str, float]:
        """How a location (gemeente or RES region code/name) is spread over arbeidsmarktregio's (weights sum to 1)."""
        known = self._weights.get(location)
        if known is None:
            known = self._weights[self.find(location, kinds=("gemeente", "res", "arbeidsmarktregio")).code]
        return dict(known)

    def weight_matrix(self, locations: list[str], order: tuple[str, ...] | None = None) -> np.ndarray:
        """``(len(locations), len(order))`` matrix of arbeidsmarktregio weights (rows sum to 1)."""
        order = order or self.am_codes
        index = {code: i for i, code in enumerate(order)}
        cache_: dict[str, np.ndarray] = {}
        out = np.zeros((len(locations), len(order)))
        for row, loc in enumerate(locations):
            if loc not in cache_:
                vec = np.zeros(len(order))
                for am, w in self.am_weights(loc).items():
                    vec[index[am]] = w
                cache_[loc] = vec
            out[row] = cache_[loc]
        return out

    def name(self, code: str) -> str:
        """The name of a region code of any kind (the code itself when unknown)."""
        region = self._codes.get(code.upper())
        return region.name if region else code

    def label(self, code: str) -> str:
        """``"AM27 Noordoost-Brabant"``: a code with its name, for tables and pages."""
        return f"{code} {self.name(code)}"

    def describe(self, text: str) -> dict[str, Any]:
        """A region found by code or name, with the names of the regions it lies in or overlaps (every code
        comes with its name): what ``regions show`` prints."""
        region = self.find(text)
        members = self.members(region.code)

        def named(col: str) -> list[dict[str, str]]:
            codes = sorted(members[col].unique().tolist())
            return [{"code": str(c), "name": self.name(str(c))} for c in codes]

        weights = self.am_weights(region.code) if region.kind in ("gemeente", "res") else None
        return {
            "code": region.code,
            "name": region.name,
            "kind": region.kind,
            "gemeenten": [
                {"code": str(c), "name": str(n)} for c, n in zip(members.gemeente_code, members.gemeente, strict=True)
            ],
            "arbeidsmarktregios": named("arbeidsmarktregio_code"),
            "res_regions": named("res_code"),
            "provinces": named("province_code"),
            "arbeidsmarktregio_weights": (
                [{"code": c, "name": self.name(c), "weight": w} for c, w in weights.items()] if weights else None
            ),
        }

    def overlap(self) -> pd.DataFrame:
        """RES region x arbeidsmarktregio pairs with the number of gemeenten and the weight within the RES region."""
        g = self.gemeenten.groupby(["res_code", "res_region", "arbeidsmarktregio_code", "arbeidsmarktregio"]).size()
        frame = g.rename("n_gemeenten").reset_index()
        frame["weight"] = frame.n_gemeenten / frame.groupby("res_code").n_gemeenten.transform("sum")
        return frame


@cache
def default_regions(year: int = DEFAULT_YEAR) -> RegionMap:
    """The embedded CBS mapping for ``year`` (available: 2026)."""
    if year not in YEARS:
        raise NotFoundError(
            f"no embedded regional mapping for {year}",
            hint=f"available years: {', '.join(map(str, YEARS))}",
        )
    text = (resources.files("krapte.data") / f"regions-{year}" / "gemeenten.csv").read_text(encoding="utf-8")
    return RegionMap(year=year, gemeenten=pd.read_csv(StringIO(text), dtype=str))
