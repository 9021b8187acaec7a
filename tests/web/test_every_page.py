"""Every page, in Dutch and in English, anonymous and signed in as each role, in Chromium at phone width (360 px).

One browser and one server for the whole walk. A page fails on a console error or uncaught script error, on a
failed request of its own (status 400 or more), on horizontal overflow at 360 px, on a serious or critical axe-core
finding (WCAG 2.1 A/AA), or on the wrong ``<html lang>``. All problems are collected and reported together.

The Gouden Poort route from a CV and the advisor's flow have their own tests (test_poort.py, test_advisor.py); here
the route is walked from a past occupation, so that the English pages of every step are checked too.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import AccountFixture, sign_in
from tests.web.test_poort import load_demo, serious_accessibility_problems

PHONE = {"width": 360, "height": 740}
LANGS = ("nl", "en")

#: pages anyone can open (no sign-in); {measure} and {occupation} are filled in from the list pages
PUBLIC = (
    "/",
    "/bronnen",
    "/poort",
    "/beroepen",
    "/beroepen?q=warmtepomp",
    "/beroepen/{occupation}",
    "/extractie",
    "/regio",
    "/regio/kaart",
    "/regio/programmas",
    "/maatregelen",
    "/maatregelen/kpi",
    "/maatregelen/overzicht",
    "/maatregelen/{measure}",
    "/maatregelen/{measure}/rapport",
    "/inloggen",
)
#: what each role sees beyond the public pages
SIGNED_IN: dict[str, tuple[str, ...]] = {
    "job_seeker": ("/account", "/poort"),
    "advisor": (
        "/account",
        "/adviseur",
        "/adviseur/profiel/{profile}",
        "/adviseur/vacatures",
        "/adviseur/vacature/{vacancy}",
    ),
    "analyst": ("/account", "/regio", "/maatregelen/kpi"),
    "registry_editor": ("/account", "/maatregelen", "/maatregelen/nieuw", "/maatregelen/{measure}/bewerken"),
    "admin": ("/account", "/maatregelen/{measure}"),
}
OVERFLOW = """(w) => {
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1);
  return [document.documentElement.scrollWidth,
          wide.slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' +
                                    (e.textContent || '').trim().slice(0, 30))];
}"""


class Walk:
    """Visits pages in one browser context and collects every problem found, prefixed with the page."""

    def __init__(self, context: Any, who: str) -> None:
        self.page = context.new_page()
        self.who = who
        self.problems: list[str] = []
        self.visited = 0
        self.page.on("pageerror", lambda e: self._add(f"script error: {e}"))
        self.page.on("console", self._console)
        self.page.on("response", self._response)

    def _add(self, problem: str) -> None:
        self.problems.append(f"[{self.who}] {self.page.url}: {problem}")

    def _console(self, message: Any) -> None:
        # a failed request is reported once, with its address, by _response (a missing favicon is no page's fault)
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self._add(f"console: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and "favicon" not in response.url:
            self._add(f"{response.status} {response.url}")

    def check(self, lang: str) -> None:
        """The open page: its language, width at 360 px and axe findings."""
        self.visited += 1
        self.page.wait_for_load_state("load")
        got = self.page.locator("html").get_attribute("lang")
        if got != lang:
            self._add(f"<html lang={got!r}>, expected {lang!r}")
        width, wide = self.page.evaluate(OVERFLOW, PHONE["width"])
        if width > PHONE["width"] + 1:
            self._add(f"horizontal overflow: {width}px at {PHONE['width']}px: {wide}")
        for finding in serious_accessibility_problems(self.page):
            self._add(f"axe {finding}")

    def visit(self, base: str, path: str, lang: str) -> None:
        self.page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
        self.check(lang)


def _fill(path: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], path)


def _poort_route(walk: Walk, base: str, lang: str) -> None:
    """The six Gouden Poort steps, started from a past occupation (no extractor needed)."""
    page = walk.page
    page.goto(f"{base}/poort?lang={lang}")
    page.fill("#occupation", "elektricien")
    page.click("#occupation-form button[type=submit]")
    page.wait_for_selector("#skills-edit")
    walk.check(lang)
    page.fill("#gemeente", "Utrecht")
    page.click("#to-cards")
    page.wait_for_selector(".card")
    walk.check(lang)
    page.locator(".card button.choose").first.click()
    page.wait_for_selector("#to-jobs, form[action^='/poort/vacatures']")
    walk.check(lang)
    page.locator("form[action^='/poort/vacatures'] button[type=submit]").first.click()
    page.wait_for_selector("form[action^='/poort/samenvatting']")
    walk.check(lang)
    page.locator("form[action^='/poort/samenvatting'] button[type=submit]").first.click()
    page.wait_for_selector("#werkcentrum")
    walk.check(lang)


def _first_link(walk: Walk, base: str, list_path: str, pattern: str) -> str:
    """The id in the first link on ``list_path`` whose address matches ``pattern`` (one group: the id)."""
    walk.page.goto(base + list_path)
    for href in walk.page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))"):
        found = re.match(pattern, href)
        if found:
            return found.group(1)
    raise AssertionError(f"no link like {pattern} on {list_path}")


def _advisor_ids(walk: Walk, base: str) -> dict[str, str]:
    """Make a profile for the advisor's client through the workspace form; the profile and a vacancy id."""
    page = walk.page
    page.goto(f"{base}/adviseur")
    page.fill("#occupation", "elektricien")
    page.fill("#gemeente", "Utrecht")
    page.click("#new-profile button[type=submit]")
    page.wait_for_selector("#shortlist")
    profile = re.search(r"/adviseur/profiel/([^?/]+)", page.url)
    assert profile, page.url
    vacancy = _first_link(walk, base, "/adviseur/vacatures", r"/adviseur/vacature/([^?/]+)")
    return {"profile": profile.group(1), "vacancy": vacancy}


@pytest.fixture
def roles(app, account: Callable[..., AccountFixture]) -> dict[str, AccountFixture]:  # type: ignore[no-untyped-def]
    """The registry's measures, demo vacancies and courses, an account of every role, and the advisor's client."""
    from krapte.monitor.defaults import load_default_monitor
    from krapte.services import Context, Principal, accounts

    load_default_monitor(app.state.store, app.state.settings)
    load_demo(app)
    made = {role: account(role) for role in SIGNED_IN}
    root = Context(app.state.store, Principal.command_line("test"), app.state.settings)
    accounts.add_client(root, made["advisor"].id, account("job_seeker").id)
    return made


@pytest.mark.browser
@pytest.mark.slow
def test_every_page_in_both_languages_for_every_role(live_server: str, browser, roles) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    problems: list[str] = []
    visited = 0
    ids: dict[str, str] = {}

    def walk_as(who: str, acct: AccountFixture | None, paths: tuple[str, ...]) -> None:
        nonlocal visited
        context = browser.new_context(viewport=PHONE, is_mobile=True)
        try:
            walk = Walk(context, who)
            if acct:
                sign_in(walk.page, live_server, acct)
            if who == "anonymous":
                ids["measure"] = _first_link(walk, live_server, "/maatregelen", r"/maatregelen/([A-Z0-9][^?/]*)")
                ids["occupation"] = _first_link(walk, live_server, "/beroepen?q=elektricien", r"/beroepen/([^?/]+)")
            if who == "advisor":
                ids.update(_advisor_ids(walk, live_server))
            for lang in LANGS:
                for path in paths:
                    walk.visit(live_server, _fill(path, ids), lang)
                if who == "anonymous":
                    _poort_route(walk, live_server, lang)
            problems.extend(walk.problems)
            visited += walk.visited
        finally:
            context.close()

    walk_as("anonymous", None, PUBLIC)
    for role, acct in roles.items():
        walk_as(role, acct, SIGNED_IN[role])
    print(f"\n{visited} page views in {time.perf_counter() - started:.0f} s")
    assert problems == [], "\n".join(problems)
