"""Travel distance between gemeenten from their centroids (embedded ``gemeente-centroids-2026``).

Distances are great-circle kilometres between gemeente centroids times a detour factor (:data:`DETOUR`, the
usual ratio of road to straight-line distance in the Netherlands), so "within 25 km" means roughly 25 km by road.
Two places in the same gemeente are 0 km apart. This is deliberately coarse: the issue asks for centroids, not
routing.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from krapte.errors import NotFoundError

__all__ = ["DATASET", "DETOUR", "Gazetteer", "default_gazetteer", "haversine_km"]

DATASET = "gemeente-centroids-2026"
DETOUR = 1.3
EARTH_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").replace("'", "").split())


@dataclass(frozen=True)
class Gazetteer:
    """Gemeente codes, names and centroids; resolves names and measures travel distance."""

    centroids: Mapping[str, tuple[float, float]]  # GM code -> (lat, lon)
    names: Mapping[str, str]  # GM code -> name

    @property
    def _by_name(self) -> dict[str, str]:
        return _name_index(self)

    def code(self, gemeente: str) -> str:
        """The GM code of a code or a gemeente name ('s-Hertogenbosch, Den Bosch, Rotterdam, GM0599)."""
        key = gemeente.strip()
        if key.upper() in self.centroids:
            return key.upper()
        found = self._by_name.get(_fold(key))
        if found is None:
            raise NotFoundError(f"no gemeente {gemeente!r}", hint="use a CBS code such as GM0599 or a gemeente name")
        return found

    def find(self, gemeente: str) -> str | None:
        try:
            return self.code(gemeente) if gemeente else None
        except NotFoundError:
            return None

    def distance_km(self, a: str, b: str) -> float:
        """Travel distance estimate between two gemeenten (codes or names)."""
        ca, cb = self.code(a), self.code(b)
        if ca == cb:
            return 0.0
        (la, oa), (lb, ob) = self.centroids[ca], self.centroids[cb]
        return DETOUR * haversine_km(la, oa, lb, ob)

    def coordinates(self, codes: list[str]) -> npt.NDArray[np.float64]:
        """(n, 2) radians (lat, lon) for vectorised distances; unknown codes give NaN."""
        out = np.full((len(codes), 2), np.nan)
        for i, c in enumerate(codes):
            if c in self.centroids:
                out[i] = np.radians(self.centroids[c])
        return out

    def distances_from(self, origin: str, coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Travel distance estimates (km) from ``origin`` to every row of :meth:`coordinates` output."""
        lat1, lon1 = np.radians(self.centroids[self.code(origin)])
        dp = coords[:, 0] - lat1
        dl = coords[:, 1] - lon1
        a = np.sin(dp / 2) ** 2 + np.cos(lat1) * np.cos(coords[:, 0]) * np.sin(dl / 2) ** 2
        return np.asarray(DETOUR * 2 * EARTH_KM * np.arcsin(np.sqrt(a)), dtype=np.float64)


_ALIASES = {"den bosch": "GM0796", "s hertogenbosch": "GM0796", "den haag": "GM0518", "the hague": "GM0518"}


@cache
def _name_index_cached(key: int, items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    index = {_fold(name): code for code, name in items}
    index.update({k: v for k, v in _ALIASES.items() if v in dict(items)})
    return index


def _name_index(g: Gazetteer) -> dict[str, str]:
    items = tuple(sorted(g.names.items()))
    return _name_index_cached(hash(items), items)


@cache
def default_gazetteer() -> Gazetteer:
    """The embedded centroids of the 342 gemeenten of 2026."""
    raw = (resources.files("krapte.data") / DATASET / "centroids.csv").read_text(encoding="utf-8")
    centroids: dict[str, tuple[float, float]] = {}
    names: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(raw)):
        centroids[row["gemeente_code"]] = (float(row["lat"]), float(row["lon"]))
        names[row["gemeente_code"]] = row["gemeente"]
    return Gazetteer(centroids, names)
