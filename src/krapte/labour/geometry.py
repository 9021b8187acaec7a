"""Region boundaries for maps: the embedded TopoJSON of the 35 arbeidsmarktregio's and the 30 RES regions.

The geometries (``krapte/data/geo-regions-2025``, built by ``scripts/build_geo.py`` from cartomap/nl; "Bron: CBS /
PDOK") are quantized, delta-encoded TopoJSON in WGS84. :func:`region_shapes` decodes them into polygons (rings of
(lon, lat)) per region code; :func:`project` maps them to SVG coordinates with an equirectangular projection at
the latitude of the Netherlands (x scaled by cos 52.2°), which is accurate enough at this scale.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from krapte.errors import ValidationError

MapKind = Literal["arbeidsmarktregio", "res"]
GEO_DATASET = "geo-regions-2025"
FILES: dict[str, str] = {
    "arbeidsmarktregio": "arbeidsmarktregio_2025.topojson",
    "res": "regionale_energiestrategie_2025.topojson",
}
ATTRIBUTION = "Bron kaart: CBS / PDOK, via cartomap/nl"
_COS_LAT = math.cos(math.radians(52.2))

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class RegionShape:
    code: str
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # polygons, each an outer ring followed by holes; (lon, lat)


def check_kind(kind: str) -> MapKind:
    if kind not in FILES:
        raise ValidationError(f"unknown map kind {kind!r}", hint="use arbeidsmarktregio or res", value=str(kind))
    return kind  # type: ignore[return-value]


def _decode_arcs(topology: dict[str, object]) -> list[Ring]:
    transform = topology["transform"]
    assert isinstance(transform, dict)
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = topology["arcs"]
    assert isinstance(arcs, list)
    out: list[Ring] = []
    for arc in arcs:
        x = y = 0
        ring: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            ring.append((x * sx + tx, y * sy + ty))
        out.append(ring)
    return out


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])  # consecutive arcs share their end point
    return points


@cache
def region_shapes(kind: str) -> dict[str, RegionShape]:
    """Code -> shape of every region of ``kind`` (``arbeidsmarktregio`` or ``res``)."""
    name = FILES[check_kind(kind)]
    topology = json.loads((resources.files("krapte.data") / GEO_DATASET / name).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    (collection,) = topology["objects"].values()
    shapes: dict[str, RegionShape] = {}
    for geometry in collection["geometries"]:
        props = geometry["properties"]
        if geometry["type"] == "Polygon":
            raw = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            raw = geometry["arcs"]
        else:
            continue
        polygons = tuple(tuple(_ring(r, arcs) for r in polygon) for polygon in raw)
        shapes[str(props["statcode"])] = RegionShape(str(props["statcode"]), str(props["statnaam"]), polygons)
    return shapes


@dataclass(frozen=True)
class Projection:
    """Lon/lat -> SVG pixels for a box of ``width`` pixels wide around all shapes (north up)."""

    west: float
    north: float
    scale: float
    width: float
    height: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * _COS_LAT * self.scale, (self.north - lat) * self.scale


def project(shapes: dict[str, RegionShape], width: float = 560.0, margin: float = 8.0) -> Projection:
    lons = [p[0] for s in shapes.values() for poly in s.polygons for ring in poly for p in ring]
    lats = [p[1] for s in shapes.values() for poly in s.polygons for ring in poly for p in ring]
    span_x = (max(lons) - min(lons)) * _COS_LAT
    scale = (width - 2 * margin) / span_x
    west = min(lons) - margin / (scale * _COS_LAT)
    north = max(lats) + margin / scale
    height = (max(lats) - min(lats)) * scale + 2 * margin
    return Projection(west, north, scale, width, height)
