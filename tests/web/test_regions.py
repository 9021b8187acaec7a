"""The map page and the programmes page: Dutch by default, English with ?lang=en, decimal comma; one Chromium run."""

from __future__ import annotations

import re

import pytest


def test_map_page_in_dutch_with_figures_basis_and_downloads(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/regio/kaart?group=0761&quarter=2028Q1")
    assert page.status_code == 200
    assert "op de kaart: RES en arbeidsmarktregio" in page.text and "Cijfers per regio en hun basis" in page.text
    assert page.text.count('data-code="AM') == 35 and "<svg" in page.text
    assert re.search(r"<td>\d\.\d{3}</td>", page.text)  # Dutch thousands separator in the table (5.140)
    assert "Basis aanbod" in page.text and 'id="map-csv"' in page.text
    assert "geschat: landelijk aantal werkenden per BRC-groep" in page.text and "AANNAME" in page.text  # notes in Dutch
    csv = client.get("/regio/kaart.csv?kind=res&group=0761&quarter=2028Q1")
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.startswith("kind,code,name")
    svg = client.get("/regio/kaart.svg?kind=res&measure=ita&group=0761&quarter=2028Q1&lang=nl")
    assert svg.headers["content-type"] == "image/svg+xml" and svg.text.count('data-code="ES') == 30


def test_map_page_res_region_shows_its_projects_demand_in_english(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/regio/kaart?kind=res&res=ES23&group=0761&quarter=2028Q1&lang=en")
    assert "Regions on the map" in page.text and 'id="res-pipeline"' in page.text
    assert "AM22 Rijnmond" in page.text
    assert re.search(r"<td>\d,\d{3}</td>", page.text)  # English thousands separator (5,140)
    assert client.get("/regio/kaart?measure=bogus").status_code == 404


def test_regio_has_a_basis_line_and_links(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/regio?region=AM03&group=0761&lang=nl")
    assert (
        'id="basis"' in page.text and "geschat uit de vraag van de projecten" in page.text
    )  # the core's note in Dutch
    english = client.get("/regio?region=AM03&group=0761&lang=en")
    assert "estimated from the projects" in english.text
    assert 'href="/regio/kaart?group=0761' in page.text and 'href="/regio/programmas' in page.text


def test_programmes_page_says_which_figures_are_unverified(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/regio/programmas?lang=nl")
    assert page.status_code == 200 and "Vraag naar vakmensen" in page.text
    assert re.search(r"\d+ % van de arbeidsjaren in de bouw in 2025Q1–2030Q4 rust op hoeveelheden", page.text)
    assert "niet nagetrokken" in page.text and 'data-programme="NPE"' in page.text
    assert re.search(r"<td>\d,\d\d arbeidsjaren per MW", page.text)  # factors with a decimal comma, unit in Dutch
    assert re.search(r"<td>\d\.\d\d job-years per MW", client.get("/regio/programmas?lang=en").text)
    assert "programmes-nl-2030" in page.text and "docs/programmes.md" in page.text
    assert "have not been verified" in client.get("/regio/programmas?lang=en").text
    chart = client.get("/regio/programmas.svg?phase=om")
    assert chart.headers["content-type"] == "image/svg+xml" and b"NPLW" in chart.content


@pytest.mark.browser
def test_map_in_chromium_switches_to_res_regions(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/regio/kaart?group=0761&quarter=2028Q1")
    assert page.locator("h1").inner_text().startswith("Regio's op de kaart")
    assert page.locator("#map svg path[data-code^=AM]").count() == 35
    page.check("input[name=kind][value=res]")
    page.click("#map-form button[type=submit]")
    page.wait_for_selector("#map svg[data-kind=res]")
    assert page.locator("#map svg path[data-code^=ES]").count() == 30
    assert page.locator("#map-rows tr").count() == 31
    page.click("#map-rows a >> nth=0")
    page.wait_for_selector("#res-pipeline")
    assert page.locator("#res-pipeline tr").count() >= 2
    page.goto(live_server + "/regio/programmas")
    page.wait_for_function("document.getElementById('chart-programmes').complete")
    assert page.evaluate("document.getElementById('chart-programmes').naturalWidth") > 0
