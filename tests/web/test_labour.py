"""The /regio page: charts embedded and served, planning upload, Dutch by default; one Chromium run."""

from __future__ import annotations

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


# The planning form starts a job now: tests/labour/test_planning_jobs.py covers the form, the job page and Chromium.
