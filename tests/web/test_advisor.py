"""The advisor's workspace: own clients only, profiles, shortlists with explanations, hide/pin with a reason, the
log of what was suggested, candidates for a vacancy; and an advisor never opens another advisor's client."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ORIGIN, csrf, post_form, sign_in, web_sign_in
from tests.web.test_poort import assert_reasons_in, load_demo, serious_accessibility_problems


def _root(app):  # type: ignore[no-untyped-def]
    from krapte.services import Context, Principal

    return Context(app.state.store, Principal.command_line("test"), app.state.settings)


@pytest.fixture
def office(app, account):  # type: ignore[no-untyped-def]
    """Two advisors with one client each, and the demo vacancies of Utrecht and Amersfoort."""
    from krapte.services import accounts

    load_demo(app)
    a, b = account("advisor"), account("advisor")
    client_a, client_b = account("job_seeker"), account("job_seeker")
    root = _root(app)
    accounts.add_client(root, a.id, client_a.id)
    accounts.add_client(root, b.id, client_b.id)
    return {"a": a, "b": b, "client_a": client_a, "client_b": client_b}


def _new_profile(client, acct_client, occupation: str = "elektricien") -> str:  # type: ignore[no-untyped-def]
    r = post_form(
        client,
        "/adviseur/profielen",
        {"client": acct_client.id, "occupation": occupation, "gemeente": "Utrecht"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    found = re.search(r"/adviseur/profiel/([^?]+)", r.headers["location"])
    assert found
    return found.group(1)


def test_an_advisor_works_through_a_client(client, office) -> None:  # type: ignore[no-untyped-def]
    web_sign_in(client, office["a"])
    home = client.get("/adviseur")
    assert home.status_code == 200 and office["client_a"].username in home.text
    assert office["client_b"].username not in home.text  # only own clients
    profile_id = _new_profile(client, office["client_a"])
    page = client.get(f"/adviseur/profiel/{profile_id}")
    assert page.status_code == 200
    assert 'id="pathways"' in page.text and 'class="card"' in page.text
    vacancies = re.findall(r'data-vacancy="([^"]+)"', page.text)
    assert vacancies, "no shortlist"
    assert "Voorbeeld, geen echte baan" in page.text and "Waarom deze vacature" in page.text
    # hide one vacancy and pin another, each with a reason
    r = post_form(client, f"/adviseur/profiel/{profile_id}/aanpassen", {"item": vacancies[0], "action": "hide",
                  "reason": "cliënt heeft geen rijbewijs"}, follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    pinned = vacancies[-1]
    r = post_form(client, f"/adviseur/profiel/{profile_id}/aanpassen", {"item": pinned, "action": "pin",
                  "reason": "werkgever kent de cliënt"}, follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    page = client.get(f"/adviseur/profiel/{profile_id}")
    shown = re.findall(r'data-vacancy="([^"]+)"', page.text)
    assert vacancies[0] not in shown and shown[0] == pinned
    assert "cliënt heeft geen rijbewijs" in page.text and "werkgever kent de cliënt" in page.text
    assert 'id="log"' in page.text and "vacatures voorgesteld" in page.text and "beroepen voorgesteld" in page.text
    # a reason is required
    r = post_form(client, f"/adviseur/profiel/{profile_id}/aanpassen", {"item": pinned, "action": "hide",
                  "reason": "  "})  # fmt: skip
    assert r.status_code == 422
    # candidates for a vacancy among own clients
    r = client.get(f"/adviseur/vacature/{pinned}")
    assert r.status_code == 200 and profile_id in r.text and office["client_a"].username in r.text
    # every reason in the page's language, on the profile and the candidates, in Dutch and in English
    for lang in ("nl", "en"):
        for url in (f"/adviseur/profiel/{profile_id}?lang={lang}", f"/adviseur/vacature/{pinned}?lang={lang}"):
            r = client.get(url)
            assert r.status_code == 200 and f'lang="{lang}"' in r.text
            assert_reasons_in(r.text, lang)
    # deletion
    r = post_form(client, f"/adviseur/profiel/{profile_id}/verwijderen", follow_redirects=False)
    assert r.status_code == 303 and client.get(f"/adviseur/profiel/{profile_id}").status_code == 404


def test_an_advisor_never_opens_another_advisors_client(client, app, office) -> None:  # type: ignore[no-untyped-def]
    web_sign_in(client, office["a"])
    profile_id = _new_profile(client, office["client_a"])
    client.cookies.clear()
    web_sign_in(client, office["b"])
    assert client.get(f"/adviseur/profiel/{profile_id}").status_code == 404
    r = post_form(client, f"/adviseur/profiel/{profile_id}/aanpassen", {"item": "x", "action": "hide",
                  "reason": "probeer"})  # fmt: skip
    assert r.status_code == 404
    assert post_form(client, f"/adviseur/profiel/{profile_id}/verwijderen").status_code == 404
    r = post_form(client, "/adviseur/profielen", {"client": office["client_a"].id, "occupation": "lasser"})
    assert r.status_code == 422  # not B's client
    assert profile_id not in client.get("/adviseur").text


def test_only_advisors_use_the_workspace(client, account) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/adviseur", follow_redirects=False)
    assert r.status_code in (303, 401)  # anonymous: to the sign-in page
    web_sign_in(client, account("job_seeker"))
    assert client.get("/adviseur").status_code == 403
    assert "nav-advisor" not in client.get("/").text


def test_advisor_forms_check_csrf(client, office) -> None:  # type: ignore[no-untyped-def]
    web_sign_in(client, office["a"])
    profile_id = _new_profile(client, office["client_a"])
    for url in ("/adviseur/profielen", f"/adviseur/profiel/{profile_id}/aanpassen",
                f"/adviseur/profiel/{profile_id}/verwijderen"):  # fmt: skip
        assert client.post(url, data={"item": "x", "action": "hide", "reason": "r"}, headers=ORIGIN).status_code == 403
        bad_origin = client.post(url, data={"csrf_token": csrf(client)}, headers={"Origin": "https://evil.example"})
        assert bad_origin.status_code == 403, url
    assert client.get(f"/adviseur/profiel/{profile_id}").status_code == 200  # nothing was deleted


@pytest.mark.browser
def test_the_advisor_flow_in_chromium(live_server: str, page, office) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, live_server, office["a"])
    page.goto(live_server + "/")
    page.click("#nav-advisor")
    page.wait_for_selector("#clients")
    problems = serious_accessibility_problems(page)
    page.fill("#occupation", "elektricien")
    page.fill("#gemeente", "Utrecht")
    page.click("#new-profile button[type=submit]")
    page.wait_for_selector("#shortlist")
    problems += serious_accessibility_problems(page)
    first = page.locator("#shortlist > div").first
    vacancy = first.get_attribute("data-vacancy")
    first.locator("input[name=reason]").fill("past niet bij de uren")
    first.locator("button[value=hide]").click()
    page.wait_for_selector("#hidden")
    assert "past niet bij de uren" in page.locator("#hidden").inner_text()
    assert page.locator(f"#shortlist > div[data-vacancy='{vacancy}']").count() == 0
    assert page.locator("#log").is_visible()
    assert errors == [] and problems == []
