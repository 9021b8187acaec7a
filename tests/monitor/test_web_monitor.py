"""The /maatregelen pages: list per pillar, detail, forms with validation and conflicts; Chromium end to end."""

import re

import pytest

from krapte.monitor.defaults import load_default_monitor
from krapte.store import open_store
from tests.conftest import post_form, sign_in, web_sign_in


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
    "geography_kind": "national",
    "budget-0-amount_eur": "1.000.000",
    "budget-0-status": "granted",
    "budget-0-year": "2025",
}


def test_list_is_dutch_by_default_and_english_on_request(client, seeded) -> None:  # type: ignore[no-untyped-def]
    nl = client.get("/maatregelen").text
    assert "Maatregelen van het actieplan" in nl and "P2-RMT" in nl and "Verhogen instroom" in nl
    assert "Measures of the action plan" in client.get("/maatregelen?lang=en").text
    assert client.get("/maatregelen/bestaat-niet").status_code == 404


def test_form_errors_are_shown_and_nothing_is_saved(client, seeded, editor) -> None:  # type: ignore[no-untyped-def]
    web_sign_in(client, editor)
    response = post_form(client, "/maatregelen/nieuw", {**FORM, "budget-0-amount_eur": "heel veel", "start": "2025-13"})
    assert response.status_code == 422
    # each problem next to its field, and the posted values shown again
    assert re.search(r'<span class="field-error" data-field="budget-0-amount_eur">[^<]+</span>', response.text)
    assert 'data-field="start"' in response.text and 'value="heel veel"' in response.text
    assert 'name="budget-1-amount_eur"' in response.text  # an empty row to add one more
    response = post_form(client, "/maatregelen/nieuw", {**FORM, "pillars": []})
    assert response.status_code == 422 and "at least one pillar" in response.text
    assert client.get("/api/v1/measures/T-WEB").status_code == 404


def test_a_stale_form_shows_a_conflict_instead_of_overwriting(client, seeded, editor) -> None:  # type: ignore[no-untyped-def]
    web_sign_in(client, editor)
    assert post_form(client, "/maatregelen/nieuw", FORM, follow_redirects=False).status_code == 303
    edit = client.get("/maatregelen/T-WEB/bewerken").text
    version = re.search(r'name="version" value="(\d+)"', edit).group(1)  # type: ignore[union-attr]
    first = post_form(
        client, "/maatregelen/T-WEB/bewerken", {**FORM, "end": "2026", "version": version}, follow_redirects=False
    )
    assert first.status_code == 303
    second = post_form(client, "/maatregelen/T-WEB/bewerken", {**FORM, "end": "2027", "version": version})
    assert second.status_code == 409 and 'value="2026"' in second.text
    assert client.get("/api/v1/measures/T-WEB").json()["end"] == "2026"


@pytest.mark.browser
def test_create_edit_and_retire_in_chromium(live_server: str, page, seeded, account) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/maatregelen")
    assert page.locator("#new-measure").count() == 0  # anonymous visitors read, but see no edit links
    sign_in(page, live_server, account("registry_editor", "ana@example.nl"))
    page.goto(live_server + "/maatregelen")
    assert page.locator("section.pillar").count() == 4
    page.click("#new-measure")
    page.fill("input[name=id]", "T-CHROME")
    page.fill("input[name=title_nl]", "Proef in de browser")
    page.check("input[name=pillars][value=P3]")
    page.fill("input[name=lead_ministry]", "EZK")
    page.fill("input[name=budget-0-amount_eur]", "2.500.000")
    page.select_option("select[name=budget-0-status]", "reserved")
    page.fill("input[name=budget-0-year]", "2026")
    page.click("#measure-form button[type=submit]")
    assert page.locator("#measure-title").inner_text() == "Proef in de browser"
    assert "2,5 mln" in page.locator("#budget").inner_text()

    page.click("#edit-measure")
    page.fill("input[name=end]", "2028")
    page.fill("input[name=comment]", "looptijd verlengd")
    page.click("#measure-form button[type=submit]")
    assert "2028" in page.locator("#measure-period").inner_text()
    assert page.locator("#measure-version").inner_text() == "2"
    newest = page.locator("#history tr.change").first
    assert (
        "ana@example.nl" in newest.inner_text()
        and "looptijd verlengd" in newest.inner_text()
        and "end" in newest.inner_text()
    )

    page.on("dialog", lambda dialog: dialog.accept())
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


def test_retiring_a_stale_version_is_refused(client, seeded, editor) -> None:  # type: ignore[no-untyped-def]
    web_sign_in(client, editor)
    post_form(client, "/maatregelen/P3-AINED/bewerken", {**FORM, "id": "P3-AINED", "pillars": ["P3"], "version": "1"})
    response = post_form(client, "/maatregelen/P3-AINED/beeindigen", {"version": "1"})
    assert response.status_code == 409 and "Niet opgeslagen" in response.text
    assert client.get("/api/v1/measures/P3-AINED").json()["status"] == "active"


def test_a_cross_site_post_cannot_retire_a_measure(client, seeded, editor) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import ORIGIN, csrf

    web_sign_in(client, editor)  # the victim is signed in; another site makes their browser post a form
    foreign = client.post(
        "/maatregelen/P3-AINED/beeindigen",
        data={"version": "1", "csrf_token": csrf(client)},
        headers={"Origin": "https://evil.example"},
    )
    assert foreign.status_code == 403
    tokenless = client.post("/maatregelen/P3-AINED/beeindigen", data={"version": "1"}, headers=ORIGIN)
    assert tokenless.status_code == 403
    assert client.get("/api/v1/measures/P3-AINED").json()["status"] == "active"


def test_anonymous_visitors_are_sent_to_sign_in(client, seeded) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/maatregelen/nieuw", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/inloggen?next=")
    from tests.conftest import post_form

    refused = post_form(client, "/maatregelen/P3-AINED/beeindigen", {"version": "1"}, follow_redirects=False)
    assert refused.status_code == 303  # to the sign-in page; nothing changed
    assert client.get("/api/v1/measures/P3-AINED").json()["status"] == "active"


def test_kpi_page_shows_each_plan_target_once_with_badges_and_words(client, seeded) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/maatregelen/kpi").text
    assert page.count('data-target="ict-workforce-2030"') == 1  # three measures share it: one row naming them
    ict = page[page.index('data-target="ict-workforce-2030"') :]
    ict = ict[: ict.index("</section>")]
    assert "P2-HCA-ICT" in ict and "P4-MONITORING" in ict
    assert 'data-badge="definition-break"' in ict and "definitiebreuk" in ict
    assert re.search(r"Nodig: \+\d+,\d % per jaar", ict)  # Dutch decimal comma
    teachers = page[page.index('data-target="hybrid-teachers-2033"') :]
    assert "niet te berekenen (geen waarneming na de basiswaarde)" in teachers[: teachers.index("</section>")]
    assert "– %" not in page
    english = client.get("/maatregelen/kpi?lang=en").text
    assert "cannot be computed (no observation after the baseline)" in english and "Trend so far" in english
