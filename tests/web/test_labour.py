"""The /regio page: charts embedded and served, planning upload, Dutch by default; one Chromium run."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES

PIPELINE = FIXTURES / "planning" / "pipeline.csv"


def test_regio_page_embeds_both_charts_in_dutch_and_english(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/regio?region=AM03&group=0761")
    assert page.status_code == 200
    assert "Vraag en capaciteit: AM03" in page.text
    assert (
        'src="/regio/grafiek/vraag.svg?region=AM03&amp;group=0761' in page.text or "vraag.svg?region=AM03" in page.text
    )
    assert "Demand and capacity" in client.get("/regio?lang=en").text
    svg = client.get("/regio/grafiek/vraag.svg?region=AM03&group=0761&lang=nl")
    assert svg.headers["content-type"] == "image/svg+xml" and b"kwartaal" in svg.content
    png = client.get("/regio/grafiek/spanning.png?group=0761&lang=en")
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert client.get("/regio/grafiek/spanning.gif").status_code == 404
    assert client.get("/regio?group=9999").status_code == 404


def test_planning_upload_shows_moves_and_errors(client) -> None:  # type: ignore[no-untyped-def]
    with PIPELINE.open("rb") as fh:
        r = client.post(
            "/regio/planning", files={"projects": ("pipeline.csv", fh, "text/csv")}, data={"time_limit": "10"}
        )
    assert r.status_code == 200
    assert "Verschoven projecten" in r.text and "data:image/svg+xml;base64," in r.text
    r = client.post("/regio/planning", files={"projects": ("leeg.csv", b"id,name\n", "text/csv")})
    assert r.status_code >= 400 and "De planning kon niet worden gemaakt" in r.text


@pytest.mark.browser
def test_regio_in_chromium_loads_charts_and_plans_an_upload(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/regio?region=AM03&group=0761")
    assert page.locator("h1").inner_text() == "Regionale arbeidsvraag energietransitie"
    page.wait_for_function("document.getElementById('chart-demand').complete")
    page.wait_for_function("document.getElementById('chart-heatmap').complete", timeout=30000)
    assert page.evaluate("document.getElementById('chart-demand').naturalWidth") > 0
    assert page.evaluate("document.getElementById('chart-heatmap').naturalWidth") > 0
    page.set_input_files("input[name=projects]", str(PIPELINE))
    page.fill("input[name=time_limit]", "10")
    page.click("#plan-form button[type=submit]")
    page.wait_for_selector("#moves", timeout=60000)
    assert page.locator("#moves tr").count() >= 2
    assert page.evaluate("document.getElementById('chart-planning').naturalWidth") > 0
