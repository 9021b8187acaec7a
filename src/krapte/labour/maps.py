"""Regional figures side by side for the 35 arbeidsmarktregio's and the 30 RES regions, as rows and as SVG maps.

- :func:`regional_figures`: one row per region of a kind (``arbeidsmarktregio`` or ``res``) for one BRC group and
  quarter: extra demand of the projects, employed, vacancies, job seekers, the UWV spanningsindicator and ROA ITA
  with their classes, and the basis of every figure. RES regions do not nest in arbeidsmarktregio's: their counts
  are the arbeidsmarktregio counts apportioned by the share of each arbeidsmarktregio's gemeenten that lies in the
  RES region (the overlap krapte embeds), and their ratios are recomputed from those counts, so the basis says
  ``estimated`` with that rule.
- :func:`choropleth_svg`: an SVG map (text, no JavaScript) of one measure, five classes, names and values in
  ``<title>`` tooltips and ``data-`` attributes, a legend and the sources.
- :func:`res_pipeline_demand`: the labour demand a RES region's projects create in the arbeidsmarktregio's they
  lie in.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import cache
from html import escape
from typing import Any

import numpy as np

from krapte.charting import format_number
from krapte.labour.factors import FactorSet, factor_set
from krapte.labour.forecast import forecast
from krapte.labour.geometry import ATTRIBUTION, MapKind, check_kind, project, region_shapes
from krapte.labour.projects import Project
from krapte.labour.quarters import parse_quarter
from krapte.labour.regions import default_regions
from krapte.labour.supply import SupplyTable, brc_labels
from krapte.labour.tension import TensionTable, ita_class, uwv_class

MAP_MEASURES: dict[str, dict[str, str]] = {
    "extra_demand_fte": {"nl": "Extra vraag projecten (fte)", "en": "Extra demand of the projects (FTE)"},
    "employed": {"nl": "Werkzame beroepsbevolking", "en": "Employed labour force"},
    "vacancies": {"nl": "Openstaande vacatures", "en": "Open vacancies"},
    "job_seekers": {"nl": "Werkzoekenden (WW < 6 mnd)", "en": "Job seekers (WW < 6 months)"},
    "spanningsindicator": {"nl": "Spanningsindicator (UWV)", "en": "Tension indicator (UWV)"},
    "ita": {"nl": "ITA (ROA)", "en": "ITA (ROA)"},
}
REGIONAL_COLUMNS: tuple[str, ...] = (
    "kind",
    "code",
    "name",
    "brc_group",
    "label",
    "quarter",
    *MAP_MEASURES,
    "uwv_class",
    "ita_class",
    "basis_demand",
    "basis_supply",
)
PALETTE = ("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704")
NO_DATA = "#e0e0e0"
DEMAND_BASIS = "estimated: projects × employment factors ({factors}), spread over regions by their gemeenten"


@cache
def _apportion(kind: MapKind) -> tuple[tuple[str, ...], np.ndarray]:
    """Codes of ``kind`` and the (K, 35) matrix that turns arbeidsmarktregio counts into counts of ``kind``."""
    regions = default_regions()
    am = regions.am_codes
    if kind == "arbeidsmarktregio":
        return am, np.eye(len(am))
    gem = regions.gemeenten
    codes = tuple(r.code for r in regions.res_regions())
    matrix = np.zeros((len(codes), len(am)))
    per_am = gem.groupby("arbeidsmarktregio_code").size()
    for res, a in zip(gem.res_code, gem.arbeidsmarktregio_code, strict=True):
        matrix[codes.index(str(res)), am.index(str(a))] += 1.0 / float(per_am[a])
    return codes, matrix


def regional_figures(
    kind: str,
    group: str,
    quarter: int | str,
    table: TensionTable,
    supply: SupplyTable,
    *,
    factors_name: str = "rutovitz2025",
) -> list[dict[str, Any]]:
    """One row per region of ``kind`` (columns :data:`REGIONAL_COLUMNS`) for BRC ``group`` in ``quarter``."""
    kind = check_kind(kind)
    g = supply.groups.index(group)
    q = min(max(parse_quarter(quarter) - table.first, 0), table.extra_demand.shape[2] - 1)
    order = [supply.regions.index(r) for r in _am_codes()]
    am = {
        "extra_demand_fte": table.extra_demand[order, table.groups.index(group), q],
        **{m: supply.measure(m)[order, g] for m in ("employed", "vacancies", "job_seekers")},
        "inflow": supply.measure("inflow_per_year")[order, g],
        "replacement": supply.measure("replacement_per_year")[order, g],
    }
    codes, matrix = _apportion(kind)
    counts = {m: matrix @ v for m, v in am.items()}
    with np.errstate(divide="ignore", invalid="ignore"):
        uwv = (counts["vacancies"] + counts["extra_demand_fte"]) / counts["job_seekers"]
        ita = counts["inflow"] / (counts["replacement"] + counts["extra_demand_fte"])
    names = _names(kind)
    apportioned = "" if kind == "arbeidsmarktregio" else "; apportioned from arbeidsmarktregio's by gemeenten"
    if kind == "arbeidsmarktregio":
        bases = [supply.basis(c, group, "employed").text() for c in codes]
    else:  # apportioning makes every RES figure an estimate, whatever the basis of the arbeidsmarktregio figures
        kinds = {supply.basis(c, group, "employed").kind for c in supply.regions}
        source = (
            supply.basis(supply.regions[0], group, "employed").source
            if kinds == {"estimated"}
            else (f"{', '.join(sorted(kinds))} arbeidsmarktregio figures")
        )
        bases = [f"estimated: {source}{apportioned}" for _ in codes]
    label = brc_labels().get(group, group)
    rows = []
    for i, code in enumerate(codes):
        s, t = float(uwv[i]), float(ita[i])
        rows.append(
            {
                "kind": kind,
                "code": code,
                "name": names.get(code, code),
                "brc_group": group,
                "label": label,
                "quarter": table.quarters()[q],
                "extra_demand_fte": round(float(counts["extra_demand_fte"][i]), 3),
                "employed": round(float(counts["employed"][i]), 1),
                "vacancies": round(float(counts["vacancies"][i]), 1),
                "job_seekers": round(float(counts["job_seekers"][i]), 1),
                "spanningsindicator": round(s, 4) if math.isfinite(s) else None,
                "ita": round(t, 4) if math.isfinite(t) else None,
                "uwv_class": uwv_class(s) if math.isfinite(s) else None,
                "ita_class": ita_class(t) if math.isfinite(t) else None,
                "basis_demand": DEMAND_BASIS.format(factors=factors_name) + apportioned,
                "basis_supply": bases[i],
            }
        )
    return rows


@cache
def _am_codes() -> tuple[str, ...]:
    return default_regions().am_codes


@cache
def _names(kind: str) -> dict[str, str]:
    return {r.code: r.name for r in default_regions().of_kind(kind)}


def _breaks(values: Sequence[float]) -> list[float]:
    """Upper bounds of five classes: quintiles of the values (distinct, increasing)."""
    finite = sorted(v for v in values if math.isfinite(v))
    if not finite:
        return []
    qs = [float(np.quantile(finite, k / 5)) for k in range(1, 6)]
    out: list[float] = []
    for b in qs:
        if not out or b > out[-1]:
            out.append(b)
    return out


def _path(polygons: Sequence[Sequence[Sequence[tuple[float, float]]]], proj: Any) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            pts = [proj(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
    return "".join(parts)


def choropleth_svg(
    kind: str,
    values: Mapping[str, float | None],
    *,
    title: str,
    source: str = "",
    lang: str = "nl",
    decimals: int = 0,
    width: float = 560.0,
) -> str:
    """An SVG choropleth of ``values`` (region code -> value; missing or None is grey) for regions of ``kind``."""
    shapes = region_shapes(check_kind(kind))
    proj = project(shapes, width)
    vals = {c: v for c, v in values.items() if v is not None and math.isfinite(v)}
    breaks = _breaks(list(vals.values()))
    legend_h = 22 * (len(breaks) + 1) + 40
    height = proj.height + 40 + legend_h
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label="{escape(title)}" class="krapte-map" data-kind="{kind}">',
        f"<title>{escape(title)}</title>",
        f'<text x="8" y="20" font-size="15" font-family="sans-serif">{escape(title)}</text>',
        '<g transform="translate(0,30)" stroke="#ffffff" stroke-width="0.8">',
    ]
    names = _names(kind)  # the names of the regional mapping, so that map and tables agree (joined on codes)
    for code in sorted(shapes):
        shape = shapes[code]
        name = names.get(code, shape.name)
        value = vals.get(code)
        if value is None:
            fill, shown = NO_DATA, ("geen gegevens" if lang == "nl" else "no data")
        else:
            k = next((i for i, b in enumerate(breaks) if value <= b), len(breaks) - 1)
            fill, shown = PALETTE[k + len(PALETTE) - len(breaks)], format_number(value, lang, decimals)
        value_attr = "" if value is None else f' data-value="{value:.6g}"'
        out.append(
            f'<path d="{_path(shape.polygons, proj)}" fill="{fill}" data-code="{code}" '
            f'data-name="{escape(name)}"{value_attr}><title>{escape(name)} ({code}): {shown}</title></path>'
        )
    out.append("</g>")
    y = proj.height + 50
    low = min(vals.values()) if vals else 0.0
    for i, upper in enumerate(breaks):
        colour = PALETTE[i + len(PALETTE) - len(breaks)]
        lower = low if i == 0 else breaks[i - 1]
        text = f"{format_number(lower, lang, decimals)} – {format_number(upper, lang, decimals)}"
        out.append(f'<rect x="8" y="{y:.0f}" width="16" height="14" fill="{colour}" stroke="#999999"/>')
        out.append(f'<text x="30" y="{y + 11:.0f}" font-size="12" font-family="sans-serif">{escape(text)}</text>')
        y += 22
    out.append(f'<rect x="8" y="{y:.0f}" width="16" height="14" fill="{NO_DATA}" stroke="#999999"/>')
    no_data = "geen gegevens" if lang == "nl" else "no data"
    out.append(f'<text x="30" y="{y + 11:.0f}" font-size="12" font-family="sans-serif">{no_data}</text>')
    foot = "; ".join(p for p in (source, ATTRIBUTION) if p)
    out.append(
        f'<text x="8" y="{height - 6:.0f}" font-size="10" fill="#555555" font-family="sans-serif">{escape(foot)}</text>'
    )
    out.append("</svg>")
    return "\n".join(out)


def res_pipeline_demand(
    projects: Sequence[Project], res_code: str, *, factors: FactorSet | None = None, quarter: int | str | None = None
) -> list[dict[str, Any]]:
    """Labour demand (FTE) that the projects located in RES region ``res_code`` create per arbeidsmarktregio.

    Projects located by gemeente, RES code or arbeidsmarktregio count when their location lies in the RES region.
    ``quarter`` None: the peak quarter of the region's pipeline. Rows: code, name, fte, share.
    """
    regions = default_regions()
    res = regions.find(res_code, kinds=("res",)).code
    gem = regions.gemeenten
    members = set(gem.loc[gem.res_code == res, "gemeente_code"])

    def inside(location: str) -> bool:
        try:
            region = regions.find(location)
        except Exception:
            return False
        if region.kind == "res":
            return region.code == res
        if region.kind == "gemeente":
            return region.code in members
        return False

    own = [p for p in projects if inside(p.location)]
    if not own:
        return []
    fc = forecast(own, factors or factor_set(), "central")
    per_q = fc.total.sum(axis=1)  # (R, Q)
    q = int(per_q.sum(axis=0).argmax()) if quarter is None else parse_quarter(quarter) - fc.first
    q = min(max(q, 0), per_q.shape[1] - 1)
    total = float(per_q[:, q].sum())
    names = {r.code: r.name for r in regions.arbeidsmarktregios()}
    rows = [
        {
            "code": code,
            "name": names.get(code, code),
            "quarter": fc.quarters()[q],
            "fte": round(float(per_q[i, q]), 3),
            "share": round(float(per_q[i, q]) / total, 4) if total else 0.0,
        }
        for i, code in enumerate(fc.regions)
        if per_q[i, q] > 0
    ]
    return sorted(rows, key=lambda r: -r["fte"])
