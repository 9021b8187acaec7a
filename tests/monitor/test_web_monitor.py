"""The /maatregelen pages: list per pillar, detail, forms with validation and conflicts; Chromium end to end."""

import re

import pytest

from krapte.monitor.defaults import load_default_monitor
from krapte.store import open_store


@pytest.fixture
def seeded(settings):  # type: ignore[no-untyped-def]
    store = open_store(settings)
    load_default_monitor(store, settings)
    store.dispose()
    return settings


FORM = {
    "id": "T-WEB",
    "title_nl": "Proef via het web",
    "pillars": ["P1", "P2"],
    "instrument_type": "subsidy",
    "lead_ministry": "OCW",
    "verification_status": "unverified",
    "geography": '{"kind": "national", "regions": []}',
    "budget": '[{"amount_eur": 1000000, "status": "granted", "year": 2025}]',
    "actor": "ana",
}


def test_list_is_dutch_by_default_and_english_on_request(client, seeded) -> None:  # type: ignore[no-untyped-def]
    nl = client.get("/maatregelen").text
    assert "Maatregelen van het actieplan" in nl and "P2-RMT" in nl and "Verhogen instroom" in nl
    assert "Measures of the action plan" in client.get("/maatregelen?lang=en").text
    assert client.get("/maatregelen/bestaat-niet").status_code == 404


def test_form_errors_are_shown_and_nothing_is_saved(client, seeded) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/maatregelen/nieuw", data={**FORM, "budget": "[{oeps"})
    assert response.status_code == 422 and "budget" in response.text and "line 1" in response.text
    response = client.post("/maatregelen/nieuw", data={**FORM, "pillars": []})
    assert response.status_code == 422 and "at least one pillar" in response.text
    assert client.get("/api/v1/measures/T-WEB").status_code == 404


def test_a_stale_form_shows_a_conflict_instead_of_overwriting(client, seeded) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/maatregelen/nieuw", data=FORM, follow_redirects=False).status_code == 303
    edit = client.get("/maatregelen/T-WEB/bewerken").text
    version = re.search(r'name="version" value="(\d+)"', edit).group(1)  # type: ignore[union-attr]
    first = client.post(
        "/maatregelen/T-WEB/bewerken", data={**FORM, "end": "2026", "version": version}, follow_redirects=False
    )
    assert first.status_code == 303
    second = client.post("/maatregelen/T-WEB/bewerken", data={**FORM, "end": "2027", "version": version})
    assert second.status_code == 409 and 'value="2026"' in second.text
    assert client.get("/api/v1/measures/T-WEB").json()["end"] == "2026"


@pytest.mark.browser
def test_create_edit_and_retire_in_chromium(live_server: str, page, seeded) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/maatregelen")
    assert page.locator("section.pillar").count() == 4
    page.click("#new-measure")
    page.fill("input[name=id]", "T-CHROME")
    page.fill("input[name=title_nl]", "Proef in de browser")
    page.check("input[name=pillars][value=P3]")
    page.fill("input[name=lead_ministry]", "EZK")
    page.fill("textarea[name=budget]", '[{"amount_eur": 2500000, "status": "reserved", "year": 2026}]')
    page.fill("input[name=actor]", "ana")
    page.click("button[type=submit]")
    assert page.locator("#measure-title").inner_text() == "Proef in de browser"
    assert "2,5 mln" in page.locator("#budget").inner_text()

    page.click("#edit-measure")
    page.fill("input[name=end]", "2028")
    page.fill("input[name=actor]", "bo")
    page.fill("input[name=comment]", "looptijd verlengd")
    page.click("button[type=submit]")
    assert "2028" in page.locator("#measure-period").inner_text()
    assert page.locator("#measure-version").inner_text() == "2"
    newest = page.locator("#history tr.change").first
    assert "bo" in newest.inner_text() and "looptijd verlengd" in newest.inner_text() and "end" in newest.inner_text()

    page.on("dialog", lambda dialog: dialog.accept())
    page.fill("#retire-form input[name=actor]", "ana")
    page.click("#retire-form button")
    assert page.locator("#measure-status").inner_text() == "beëindigd"
    page.goto(live_server + "/maatregelen")
    assert page.locator("tr.measure[data-id=T-CHROME]").count() == 0


@pytest.mark.browser
def test_measure_detail_shows_charts_and_kpis(live_server: str, page, seeded) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/maatregelen/P4-RES-RMT")
    charts = page.locator("section.indicator .chart img")  # SVG as images: the CSP allows no inline styles
    assert charts.count() == 2
    assert all(charts.nth(i).evaluate("img => img.complete && img.naturalWidth > 0") for i in range(2))
    assert page.locator("section.kpi").inner_text().count("op koers") == 1
    page.goto(live_server + "/maatregelen/kpi?lang=en")
    assert page.locator("section.kpi").count() >= 3
    assert "off track" in page.locator("section.kpi[data-indicator=ict-workforce]").inner_text()


def test_retiring_a_stale_version_is_refused(client, seeded) -> None:  # type: ignore[no-untyped-def]
    client.post("/maatregelen/P3-AINED/bewerken", data={**FORM, "id": "P3-AINED", "pillars": ["P3"], "version": "1"})
    response = client.post("/maatregelen/P3-AINED/beeindigen", data={"version": "1"})
    assert response.status_code == 409 and "Niet opgeslagen" in response.text
    assert client.get("/api/v1/measures/P3-AINED").json()["status"] == "active"
