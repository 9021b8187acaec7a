"""Region maps (SVG from the embedded geometries) and regional figures for arbeidsmarktregio's and RES regions."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from krapte.errors import ValidationError
from krapte.labour.geometry import region_shapes
from krapte.labour.maps import REGIONAL_COLUMNS, choropleth_svg, regional_figures, res_pipeline_demand
from krapte.labour.projects import Project
from krapte.labour.quarters import parse_quarter
from krapte.labour.supply import default_supply
from krapte.labour.tension import default_tension_table

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(("kind", "n"), [("arbeidsmarktregio", 35), ("res", 30)])
def test_the_embedded_geometries_decode_to_closed_rings(kind: str, n: int) -> None:
    shapes = region_shapes(kind)
    assert len(shapes) == n
    for shape in shapes.values():
        for polygon in shape.polygons:
            for ring in polygon:
                assert ring[0] == pytest.approx(ring[-1])
                assert all(3.3 < lon < 7.3 and 50.7 < lat < 53.6 for lon, lat in ring)
    assert shapes["AM01" if kind == "arbeidsmarktregio" else "ES01"].name == "Groningen"


def test_a_map_is_valid_svg_with_one_named_path_per_region() -> None:
    values = {code: float(i) for i, code in enumerate(sorted(region_shapes("res")))}
    values["ES08"] = None  # type: ignore[assignment]
    svg = choropleth_svg("res", values, title="Vraag & aanbod", source="Bron: CBS")
    root = ET.fromstring(svg)
    paths = root.findall(f".//{SVG}path")
    assert len(paths) == 30
    by_code = {p.get("data-code"): p for p in paths}
    assert by_code["ES08"].get("fill") == "#e0e0e0" and by_code["ES08"].get("data-value") is None
    assert by_code["ES29"].get("fill") == "#7f2704"  # the largest value is in the darkest class
    assert by_code["ES01"].get("fill") == "#fff5eb"
    tooltip = by_code["ES23"].find(f"{SVG}title")
    assert tooltip is not None and tooltip.text == "Rotterdam-Den Haag (ES23): 22"  # names of the regional mapping
    assert "Vraag &amp; aanbod" in svg and "Bron: CBS; Bron kaart: CBS / PDOK" in svg


def test_map_numbers_are_dutch_and_the_kind_is_checked() -> None:
    svg = choropleth_svg("arbeidsmarktregio", {"AM18": 12345.6}, title="t", decimals=1)
    assert "12.345,6" in svg
    with pytest.raises(ValidationError):
        choropleth_svg("provincie", {}, title="t")


def test_the_svg_is_deterministic() -> None:
    values = {"AM01": 1.0, "AM02": 2.0}
    assert choropleth_svg("arbeidsmarktregio", values, title="t") == choropleth_svg(
        "arbeidsmarktregio", values, title="t"
    )


@pytest.fixture(scope="module")
def figures():  # type: ignore[no-untyped-def]
    table, supply = default_tension_table(), default_supply()
    return {k: regional_figures(k, "0761", "2027Q2", table, supply) for k in ("arbeidsmarktregio", "res")}


def test_regional_figures_have_names_basis_and_the_csv_columns(figures) -> None:  # type: ignore[no-untyped-def]
    am, res = figures["arbeidsmarktregio"], figures["res"]
    assert len(am) == 35 and len(res) == 30
    assert all(tuple(r) == REGIONAL_COLUMNS for r in am + res)
    den_bosch = next(r for r in am if r["code"] == "AM27")
    assert den_bosch["name"] == "Noordoost-Brabant"
    assert den_bosch["basis_supply"].startswith("estimated: national employed")
    assert all("apportioned" in r["basis_supply"] and r["basis_supply"].startswith("estimated") for r in res)


def test_res_counts_add_up_to_the_national_total(figures) -> None:  # type: ignore[no-untyped-def]
    for measure in ("employed", "extra_demand_fte", "vacancies"):
        am = sum(r[measure] for r in figures["arbeidsmarktregio"])
        res = sum(r[measure] for r in figures["res"])
        assert res == pytest.approx(am, rel=1e-4)
    assert sum(r["employed"] for r in figures["arbeidsmarktregio"]) == pytest.approx(89_000, rel=1e-4)


def test_a_res_pipeline_creates_demand_in_the_labour_market_regions_it_overlaps() -> None:
    q = parse_quarter("2027Q1")
    projects = [
        Project("p1", "Zonnepark", "utility_solar", 100.0, "MW", "ES03", start=q, end=q + 3),  # Drenthe RES
        Project("p2", "Elders", "utility_solar", 100.0, "MW", "GM0014", start=q, end=q + 3),  # Groningen: not ES03
        Project("p3", "Emmen", "onshore_wind", 20.0, "MW", "Emmen", start=q, end=q + 3),  # gemeente in ES03
    ]
    rows = res_pipeline_demand(projects, "Drenthe")
    codes = {r["code"] for r in rows}
    assert codes <= {"AM01", "AM03", "AM36"} and "AM03" in codes  # the arbeidsmarktregio's ES03 overlaps
    assert sum(r["share"] for r in rows) == pytest.approx(1.0, abs=1e-3)
    assert rows[0]["name"] and re.match(r"20\d\dQ\d", rows[0]["quarter"])
    assert res_pipeline_demand(projects[1:2], "ES03") == []


def test_the_map_page_template_renders_with_the_map_functions(figures) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    import krapte
    from krapte.charting import format_number
    from krapte.labour.maps import MAP_MEASURES

    folder = Path(krapte.__file__).parent / "web" / "templates"
    # the page layout (base.html) needs the web app's request context; a stub stands in for it here
    stub = DictLoader({"base.html": "{% block title %}{% endblock %}{% block content %}{% endblock %}"})
    loader = ChoiceLoader([stub, FileSystemLoader(str(folder))])
    env = Environment(loader=loader, autoescape=select_autoescape(["html"]))
    rows = figures["res"]
    html = env.get_template("labour/kaart.html").render(
        lang="nl",
        other_lang="en",
        t=lambda key: key,
        number=lambda v: format_number(v, "nl"),
        kind="res",
        measure="extra_demand_fte",
        measures=MAP_MEASURES,
        group="0761",
        groups=[("0761", "Elektriciens")],
        quarter="2027Q2",
        quarters=["2027Q1", "2027Q2"],
        svg=Markup(choropleth_svg("res", {r["code"]: r["extra_demand_fte"] for r in rows}, title="t")),
        rows=rows,
        res="ES03",
        pipeline=[{"code": "AM03", "name": "Drenthe", "quarter": "2030Q1", "fte": 84.7, "share": 0.5}],
        assumptions=["region_share: ESTIMATED"],
    )
    assert html.count('data-code="ES') == 30 and 'id="map-csv"' in html
    assert "ES23 Rotterdam-Den Haag" in html and 'data-name="Rotterdam-Den Haag"' in html
    assert "apportioned" in html and "AM03 Drenthe" in html and "50 %" in html
