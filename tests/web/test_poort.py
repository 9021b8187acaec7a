"""The Gouden Poort: the career switcher's route without an account, in B1 Dutch, on a phone and a desktop.

The route carries its state in a hidden field; these tests check that it is validated (unknown skills, size,
protected fields, file paths), that nothing is stored for an anonymous person, that every form checks CSRF, that
the pages use no jargon and a Dutch decimal comma, and (in Chromium) the whole route from a CV PDF to the summary.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from krapte.errors import ValidationError
from krapte.match import Location, PastOccupation, Profile, SkillEntry, SkillEvidence, SkillSet
from krapte.match.reasons import DEFAULT_TEXT
from krapte.taxonomy import default_taxonomy
from krapte.web.poort_format import Formatter, fit_key
from krapte.web.poort_state import MAX_ENCODED, PoortState, decode_state, encode_state
from krapte.web.reasons import MESSAGES_REASONS, reason_text
from tests.conftest import ORIGIN, csrf, post_form, web_sign_in

DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"

#: words a job seeker must never see (issue 10): score labels, classification codes, formats, model words
JARGON = (
    "Zekerheid",
    "NLQF",
    "JobPosting",
    "ESCO",
    "ISCO",
    "BRC",
    "crebo",
    "croho",
    "similarity",
    "score",
    "spanningsindicator",
    "confidence",
    "inferred",
    "self-declared",
    "cv-extracted",
)
#: an English-style decimal (0.87, 12.5): a Dutch page writes 0,87 (a thousands dot is followed by 3 digits)
ENGLISH_DECIMAL = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])")


def _phrases(templates: Iterable[str]) -> frozenset[str]:
    """The fixed words of reason templates ("Ended on {date}. You can ..." → "Ended on", ". You can ..."), kept
    when they have at least two words: the phrases by which a reason in one language is recognised."""
    out = set()
    for template in templates:
        for part in re.split(r"\{[^}]*\}", template):
            part = part.strip(" .;:()")
            if len(part.split()) >= 2:
                out.add(part)
    return frozenset(out)


#: the core's reasons as its own (Dutch) text: a page renders the codes instead, so these never show on a page
CORE_REASONS = _phrases(DEFAULT_TEXT.values())
#: the reasons as an English page says them: never on a Dutch page; and as a Dutch page says them: never on English
ENGLISH_REASONS = _phrases(m["en"] for m in MESSAGES_REASONS.values())
DUTCH_REASONS = _phrases(m["nl"] for m in MESSAGES_REASONS.values())


def _funding_texts(lang: str) -> frozenset[str]:
    """The funding rules' labels, questions and amount explanations in ``lang`` (Dutch: the source texts)."""
    from krapte.match import default_schemes

    suffix = "" if lang == "nl" else "_en"
    out: set[str] = set()

    def walk(rule: object) -> None:
        if isinstance(rule, dict):
            out.update(str(rule[k + suffix]) for k in ("label", "ask") if rule.get(k + suffix))
            for v in rule.values():
                walk(v)
        elif isinstance(rule, list):
            for v in rule:
                walk(v)

    for scheme in default_schemes():
        walk(dict(scheme.eligibility))
        text = scheme.amount.text if lang == "nl" else scheme.amount.text_en
        if text:
            out.add(text)
    return frozenset(t for t in out if len(t.split()) >= 3)


#: the funding rules' own Dutch texts: never on an English page (it shows their English translations)
DUTCH_FUNDING = _funding_texts("nl")


DEMO = Path(__file__).resolve().parents[2] / "src" / "krapte" / "data" / "match-demo"


def load_demo(app, regions: tuple[str, ...] = ("AM13", "AM14"), courses: int = 24) -> int:  # type: ignore[no-untyped-def]
    """Import part of the labelled demo set into ``app``'s store (see :func:`load_demo_into`)."""
    from krapte.services import Context, Principal

    root = Context(app.state.store, Principal.command_line("test"), app.state.settings)
    return load_demo_into(root, regions, courses)


def load_demo_into(root, regions: tuple[str, ...] = ("AM13", "AM14"), courses: int = 24) -> int:  # type: ignore[no-untyped-def]
    """Import part of the labelled demo set as an admin (``root``): the vacancies in ``regions`` and the first
    ``courses`` courses. To keep the tests fast, skills come from each record's ESCO occupation instead of the
    extractor. Also used by ``bench/bench_web_load.py``."""
    from krapte.services import match as svc

    tax = default_taxonomy()

    def essential(uri: str) -> list[str]:
        return sorted(tax.occupations[uri].essential_skills)

    vacancies = []
    for line in (DEMO / "vacancies.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["region"] in regions:
            vacancies.append({**rec, "skills": essential(rec["occupation"]), "min_nlqf": 2})
    svc.import_vacancies(root, "\n".join(json.dumps(v) for v in vacancies), format="jsonl", source="demo")
    rows = []
    for i, line in enumerate((DEMO / "courses.jsonl").read_text(encoding="utf-8").splitlines()[:courses]):
        rec = json.loads(line)
        skills = essential(rec["occupations"].split("|")[0])
        rows.append({**rec, "skills": skills[i % 3 :: 3]})
    svc.import_courses(root, "\n".join(json.dumps(r) for r in rows), format="jsonl", source="demo")
    return len(vacancies)


@pytest.fixture
def demo(app) -> int:  # type: ignore[no-untyped-def]
    return load_demo(app)


@pytest.fixture(scope="module")
def tax():  # type: ignore[no-untyped-def]
    return default_taxonomy()


class _MainText(HTMLParser):
    """The visible text inside <main> (the footer carries the ESCO attribution, which the licence requires)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style", "datalist"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style", "datalist"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth > 0 and not self.skip:
            self.parts.append(data)


def main_text(html: str) -> str:
    parser = _MainText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def assert_plain_dutch(html: str) -> None:
    text = main_text(html)
    found = [w for w in JARGON if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE)]
    assert found == [], f"jargon on a job seeker's page: {found}"
    untranslated = re.findall(r"\b(?:poort|advisor|fit|basis|funding|effort|objective)\.[a-z_.]+", text)
    assert untranslated == [], f"untranslated keys: {untranslated}"
    decimals = ENGLISH_DECIMAL.findall(text)
    assert decimals == [], f"numbers without a Dutch decimal comma: {decimals}"
    assert_reasons_in(html, "nl")


def assert_reasons_in(html: str, lang: str) -> None:
    """No reason of the matching core in its own wording, and none in the other language than the page's (the
    person's own CV sentences, quoted as evidence, are left out: they are in the language the CV was written in)."""
    text = main_text(re.sub(r'<q class="evidence">.*?</q>', "", html, flags=re.S))
    foreign = CORE_REASONS | (ENGLISH_REASONS if lang == "nl" else DUTCH_REASONS | DUTCH_FUNDING)
    found = sorted(p for p in foreign if p in text)
    assert found == [], f"reasons not in the page's language ({lang}): {found}"
    if lang == "en":
        assert "(only in Dutch)" not in text, "a funding rule without its English text on an English page"


def hidden_state(html: str) -> str:
    found = re.search(r'name="state" value="([^"]*)"', html)
    assert found, "the page carries no state"
    return found.group(1)


def a_profile(tax, n: int = 3) -> Profile:  # type: ignore[no-untyped-def]
    skills = sorted(tax.skills)[:n]
    return Profile(
        id="p1",
        skills=SkillSet(
            tuple(
                SkillEntry(u, source="cv-extracted", evidence=(SkillEvidence("Ik monteer zonnepanelen. " * 30),))
                for u in skills
            )
        ),
        occupations=(PastOccupation(sorted(tax.occupations)[0], current=True),),
        home=Location(gemeente="GM0344", name="Utrecht"),
        travel_km=25,
        hours_per_week=32,
    )


# --- the state between steps ----------------------------------------------------------------------------------------


def test_state_round_trips_and_keeps_only_a_short_sentence(tax) -> None:  # type: ignore[no-untyped-def]
    state = PoortState(profile=a_profile(tax), target=sorted(tax.occupations)[1], objective="cost", start="cv")
    back = decode_state(encode_state(state), tax)
    assert back.profile.skills.uris == state.profile.skills.uris
    assert back.target == state.target and back.objective == "cost" and back.profile.home.gemeente == "GM0344"
    evidence = next(iter(back.profile.skills)).evidence[0]
    assert len(evidence.text) <= 240 and evidence.start is None and evidence.document == ""


def _pack(data: object) -> str:
    return base64.urlsafe_b64encode(zlib.compress(json.dumps(data).encode())).decode()


def test_state_refuses_unknown_skills_fields_and_garbage(tax) -> None:  # type: ignore[no-untyped-def]
    good = json.loads(zlib.decompress(base64.urlsafe_b64decode(encode_state(PoortState(profile=a_profile(tax))))))
    bad_skill = {**good, "profile": {**good["profile"], "skills": [{"uri": "http://example.org/evil"}]}}
    protected = {**good, "profile": {**good["profile"], "age": 45}}
    extra_key = {**good, "path": "/etc/passwd"}
    for value in (_pack(bad_skill), _pack(protected), _pack(extra_key), "not base64!", "", _pack([1, 2])):
        with pytest.raises(ValidationError):
            decode_state(value, tax)
    with pytest.raises(ValidationError, match="too large"):
        decode_state("A" * (MAX_ENCODED + 1), tax)
    bomb = base64.urlsafe_b64encode(zlib.compress(b" " * 5_000_000)).decode()
    assert len(bomb) < MAX_ENCODED
    with pytest.raises(ValidationError, match="too large"):
        decode_state(bomb, tax)


def test_skills_found_only_in_a_wish_are_set_apart(tax) -> None:  # type: ignore[no-untyped-def]
    from krapte.services.orientation import cv_sentences, sentence_at

    text = "Ik wil graag zonnepanelen en\nwarmtepompen installeren.\n- monteren van zonnepanelen op daken\n\nKlaar."
    solar, heat, other = sorted(tax.skills)[:3]

    def ev(word: str) -> SkillEvidence:
        start = text.index(word)
        return SkillEvidence(word, start, start + len(word))

    profile = Profile(
        id="p",
        skills=SkillSet(
            (
                SkillEntry(solar, source="cv-extracted", evidence=(ev("zonnepanelen"),)),
                SkillEntry(heat, source="cv-extracted", evidence=(ev("warmtepompen"),)),
                SkillEntry(other, source="self-declared"),
            )
        ),
    )
    kept, wishes = cv_sentences(profile, text)
    assert kept.skills.uris == {solar, other}
    assert next(iter(kept.skills.restrict({solar}))).evidence[0].text == "monteren van zonnepanelen op daken"
    assert wishes == [{"uri": heat, "sentence": "Ik wil graag zonnepanelen en warmtepompen installeren."}]
    assert sentence_at(text, text.index("Klaar"), text.index("Klaar") + 5) == "Klaar."


def test_numbers_use_a_dutch_decimal_comma_and_euro_format() -> None:
    nl, en = Formatter("nl"), Formatter("en")
    assert nl.num(1234.5, 1) == "1.234,5" and en.num(1234.5, 1) == "1,234.5"
    assert nl.euro(1250) == "€ 1.250" and nl.euro(21.4) == "€ 21,40" and en.euro(21.4) == "€21.40"
    assert nl.percent(0.4) == "40%" and nl.km(12) == "12 km"
    tiers = ("hoog", "haalbaar", "met scholing", "laag", None)  # krapte.match.viability
    assert [fit_key(v) for v in tiers] == ["fit.good", "fit.fair", "fit.weak", "fit.weak", "fit.weak"]


def test_the_jargon_check_can_fail() -> None:
    with pytest.raises(AssertionError):
        assert_plain_dutch("<main><p>Zekerheid 0.99, NLQF 3</p></main>")
    with pytest.raises(AssertionError, match="page's language"):  # an English reason on a Dutch page
        assert_plain_dutch("<main><p>STAP-budget: Ended on 31 December 2023. You can no longer apply.</p></main>")
    with pytest.raises(AssertionError, match="page's language"):  # the core's own wording on a page
        assert_plain_dutch("<main><p>STAP-budget: beëindigd per 2023-12-31; geen optie meer</p></main>")
    with pytest.raises(AssertionError, match="page's language"):  # a Dutch reason on an English page
        assert_reasons_in("<main><p>Deze vacature is gesloten sinds 1 mei 2026.</p></main>", "en")
    assert_reasons_in('<main><q class="evidence">rijbewijs C vereist, geen optie meer</q></main>', "en")
    with pytest.raises(AssertionError, match="not in the page's language"):  # a funding rule's own Dutch label
        assert_reasons_in("<main><p>Why: je hebt een WW-uitkering</p></main>", "en")
    with pytest.raises(AssertionError, match="not in the page's language"):  # a pathway reason in the other language
        dutch = reason_text({"code": "pathway.with_training", "params": {}}, "nl")
        assert_reasons_in(f"<main><p>{dutch}</p></main>", "en")
    every = [reason_text({"code": c, "params": {}}, "en") for c in ("pathway.with_training", "pathway.level")]
    assert_reasons_in(f"<main><p>{' '.join(every)}</p></main>", "en")
    assert_plain_dutch("<main><p>€ 1.250 en 0,87</p></main><footer>ESCO</footer>")


def test_every_text_key_in_the_templates_exists_in_both_languages() -> None:
    from krapte.web import advisor, poort  # noqa: F401  (registers the texts)
    from krapte.web.i18n import MESSAGES

    root = Path(poort.__file__).parent / "templates"
    keys = set()
    for path in [*root.glob("poort/*.html"), *root.glob("advisor/*.html")]:
        keys |= set(re.findall(r"""\bt\(["']([a-z_.]+)["']\)""", path.read_text(encoding="utf-8")))
    assert len(keys) > 50
    assert sorted(k for k in keys if k not in MESSAGES) == []


# --- the route with the test client ---------------------------------------------------------------------------------


def _cv_route(client, lang: str = "nl") -> dict[str, str]:  # type: ignore[no-untyped-def]
    """CV upload → skills → cards → plan → jobs → summary; returns each page's HTML."""
    pages: dict[str, str] = {}
    with open(DOCS / "cv_nl.pdf", "rb") as fh:
        r = client.post(
            f"/poort/start?lang={lang}",
            data={"how": "cv", "csrf_token": csrf(client)},
            files={"cv": ("C:\\Users\\sanne\\cv_nl.pdf", fh, "application/pdf")},
            headers=ORIGIN,
        )
    assert r.status_code == 200, r.text
    pages["skills"] = r.text
    state = hidden_state(r.text)
    keep = re.findall(r'name="keep" value="([^"]+)"', r.text)
    assert len(keep) >= 3
    r = post_form(
        client,
        f"/poort/vaardigheden?lang={lang}",
        {"state": state, "keep": keep, "gemeente": "Utrecht", "travel_km": "30", "hours": "32", "action": "next"},
    )
    assert r.status_code == 200, r.text
    pages["cards"] = r.text
    targets = re.findall(r'name="target" value="([^"]+)"', r.text)
    assert targets, "no occupation cards"
    state = hidden_state(r.text)
    r = post_form(client, f"/poort/plan?lang={lang}", {"state": state, "target": targets[0]})
    assert r.status_code == 200, r.text
    pages["plan"] = r.text
    state = hidden_state(r.text)
    r = post_form(client, f"/poort/vacatures?lang={lang}", {"state": state})
    assert r.status_code == 200, r.text
    pages["jobs"] = r.text
    r = post_form(client, f"/poort/samenvatting?lang={lang}", {"state": hidden_state(r.text)})
    assert r.status_code == 200, r.text
    pages["summary"] = r.text
    return pages


def _stored_profiles(app) -> list:  # type: ignore[no-untyped-def]
    from krapte.services import Context, Principal
    from krapte.services import match as svc

    root = Context(app.state.store, Principal.command_line("test"), app.state.settings)
    return list(svc.list_profiles(root))


def test_the_whole_route_from_a_cv_in_plain_dutch_stores_nothing(client, app, demo) -> None:  # type: ignore[no-untyped-def]
    start = client.get("/poort")
    assert start.status_code == 200 and 'name="skill"' in start.text
    assert_plain_dutch(start.text)
    pages = _cv_route(client)
    skills = pages["skills"]
    assert "Dit kun je al" in skills and 'class="evidence"' in skills  # each skill with the sentence it came from
    assert "monteren van zonnepanelen en omvormers op daken" in skills  # the whole sentence, not just a word
    wishes = re.search(r'<section id="wishes">(.*?)</section>', skills, re.S)
    assert wishes and "warmtepompen" in wishes.group(1)  # "installeer graag ... warmtepompen" is a wish
    assert not set(re.findall(r'value="([^"]+)"', wishes.group(1))) & set(
        re.findall(r'name="keep" value="([^"]+)"', skills)
    )
    raw = zlib.decompress(base64.urlsafe_b64decode(hidden_state(skills))).decode()
    assert "Users" not in raw and "cv_nl.pdf" not in raw and '"document"' not in raw  # never a file path
    assert "Installatiebedrijf Voorbeeld" not in re.sub(r'<q class="evidence">.*?</q>', "", skills)  # no employer
    cards = pages["cards"]
    assert cards.count('class="card"') >= 1 and "Waarom het past" in cards and "/beroepen/" in cards
    assert re.search(r"past (goed|redelijk|matig)", cards)
    assert "overgenomen" in cards or "geschat" in cards  # every figure with its basis
    plan = pages["plan"]
    assert "Wie kan helpen betalen" in plan or "geen opleiding" in plan
    assert "STAP" in plan and "gestopt" in plan  # STAP only as ended
    assert "Je kunt het niet meer aanvragen" in plan  # its reason, rendered from the core's code in B1 Dutch
    jobs = pages["jobs"]
    assert 'class="job demo"' in jobs and "Voorbeeld, geen echte baan" in jobs and "voorbeeldvacatures" in jobs
    summary = pages["summary"]
    assert "Werkcentrum" in summary and 'id="print-button"' in summary
    for html in pages.values():
        assert_plain_dutch(html)
        assert "<script>" not in html and "style=" not in html and "onclick" not in html
    assert _stored_profiles(app) == []  # anonymous: nothing stored


def test_english_on_request(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/poort?lang=en")
    assert "Which work suits you?" in page.text and 'lang="en"' in page.text
    r = post_form(client, "/poort/start?lang=en", {"how": "occupation", "occupation": "vrachtwagenchauffeur"})
    assert r.status_code == 200 and "This is what you can do" in r.text


def test_the_whole_route_in_english(client, demo) -> None:  # type: ignore[no-untyped-def]
    pages = _cv_route(client, "en")
    assert "This is what you can do" in pages["skills"] and "This work suits you" in pages["cards"]
    assert "Who can help pay" in pages["plan"] and "(dat weten we niet)" not in pages["plan"]
    assert "Example, not a real job" in pages["jobs"] and "Your next step" in pages["summary"]
    for html in pages.values():
        assert 'lang="en"' in html and "Wat je al kunt" not in html
        assert_reasons_in(html, "en")
    assert "You can no longer apply" in pages["plan"]  # STAP-budget's reason, rendered from its code in English


def test_a_step_opened_without_its_form_goes_back_to_the_start(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/poort/plan?lang=en", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/poort?lang=en"


def test_start_from_an_occupation_or_ticked_skills(client) -> None:  # type: ignore[no-untyped-def]
    r = post_form(client, "/poort/start", {"how": "occupation", "occupation": "kassamedewerker"})
    assert r.status_code == 200 and "hoort bij je werk" in r.text
    choices = re.findall(r'name="skill" value="([^"]+)"', client.get("/poort").text)[:4]
    r = post_form(client, "/poort/start", {"how": "skills", "skill": choices})
    assert r.status_code == 200 and r.text.count('name="keep"') == 4 and "zelf gekozen" in r.text


def test_removing_and_adding_skills(client) -> None:  # type: ignore[no-untyped-def]
    r = post_form(client, "/poort/start", {"how": "occupation", "occupation": "kassamedewerker"})
    keep = re.findall(r'name="keep" value="([^"]+)"', r.text)
    r = post_form(client, "/poort/vaardigheden", {"state": hidden_state(r.text), "keep": keep[1:], "search":
                  "warmtepomp", "action": "search"})  # fmt: skip
    assert r.status_code == 200 and keep[0] not in re.findall(r'name="keep" value="([^"]+)"', r.text)
    add = re.findall(r'name="add" value="([^"]+)"', r.text)
    assert add, "no suggestions for 'warmtepomp'"
    now = re.findall(r'name="keep" value="([^"]+)"', r.text)
    r = post_form(client, "/poort/vaardigheden", {"state": hidden_state(r.text), "keep": now, "add": add[:1],
                  "action": "update"})  # fmt: skip
    assert add[0] in re.findall(r'name="keep" value="([^"]+)"', r.text)


def test_a_tampered_state_is_refused_with_a_friendly_page(client) -> None:  # type: ignore[no-untyped-def]
    r = post_form(client, "/poort/beroepen", {"state": "eyJ2IjoxfQ"})
    assert r.status_code == 422 and "<main>" in r.text


def test_every_poort_form_checks_csrf(client) -> None:  # type: ignore[no-untyped-def]
    for url in ("/poort/start", "/poort/vaardigheden", "/poort/beroepen", "/poort/plan", "/poort/vacatures",
                "/poort/samenvatting", "/poort/opslaan"):  # fmt: skip
        client.get("/poort")
        no_token = client.post(url, data={"how": "occupation", "occupation": "lasser"}, headers=ORIGIN)
        assert no_token.status_code == 403, url
        other_site = client.post(
            url, data={"how": "occupation", "occupation": "lasser", "csrf_token": csrf(client)},
            headers={"Origin": "https://evil.example"},
        )  # fmt: skip
        assert other_site.status_code == 403, url


def test_a_job_seeker_saves_the_result_in_their_account(client, app, account) -> None:  # type: ignore[no-untyped-def]
    seeker = account("job_seeker")
    web_sign_in(client, seeker)
    r = post_form(client, "/poort/start", {"how": "occupation", "occupation": "lasser"})
    r = post_form(client, "/poort/samenvatting", {"state": hidden_state(r.text)})
    assert 'id="save-button"' in r.text
    r = post_form(client, "/poort/opslaan", {"state": hidden_state(r.text)})
    assert r.status_code == 200 and 'id="saved"' in r.text
    assert [p["owner_id"] for p in _stored_profiles(app)] == [seeker.id]


def test_saving_needs_an_account(client) -> None:  # type: ignore[no-untyped-def]
    r = post_form(client, "/poort/start", {"how": "occupation", "occupation": "lasser"})
    r = post_form(client, "/poort/samenvatting", {"state": hidden_state(r.text)})
    assert 'id="save-button"' not in r.text and "/inloggen" in r.text
    saved = post_form(client, "/poort/opslaan", {"state": hidden_state(r.text)}, follow_redirects=False)
    assert saved.status_code in (303, 401)


def serious_accessibility_problems(page) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's serious and critical WCAG 2.1 A/AA findings on the open page (rule id and first element)."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    result = axe.Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
    return [
        f"{v['id']}: {v['nodes'][0]['target'] if v['nodes'] else ''}"
        for v in result.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.browser
def test_the_accessibility_check_can_fail(page) -> None:  # type: ignore[no-untyped-def]
    page.set_content('<html lang="nl"><head><title>x</title></head><body><main><img src="x.png"></main></body></html>')
    assert any(p.startswith("image-alt") for p in serious_accessibility_problems(page))


# --- Chromium: the route on a phone and on a desktop ----------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 900}])
def test_the_route_in_chromium(live_server: str, browser, viewport, demo) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=viewport, is_mobile=viewport["width"] < 500)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "404" not in m.text else None)
    page.on(  # a missing favicon is not this page's fault; any other failed request is
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and "favicon" not in r.url else None,
    )

    problems: list[str] = []

    def no_overflow() -> None:
        problems.extend(f"{page.url}: {p}" for p in serious_accessibility_problems(page))
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(
            "(w) => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)"
            ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))",
            viewport["width"],
        )
        assert width <= viewport["width"] + 1, f"horizontal overflow: {width}px at {viewport['width']}px: {wide}"

    try:
        page.goto(live_server + "/")
        page.click("#home-poort")
        assert page.locator("h1").inner_text() == "Welk werk past bij jou?"
        no_overflow()
        page.set_input_files("#cv-file", str(DOCS / "cv_nl.pdf"))
        # the server's first CV loads the skill engine (cold start): on a loaded 2-core machine that can take longer
        # than Playwright's 30 s default, so this one step gets more time (nothing here measures speed)
        page.click("#cv-form button[type=submit]", timeout=180_000)
        page.wait_for_selector("#skills-edit", timeout=180_000)
        assert page.locator("q.evidence").count() >= 1
        no_overflow()
        first = page.locator("input[name=keep]").first
        first.uncheck()
        page.fill("#gemeente", "Utrecht")
        page.select_option("#travel", "30")
        page.fill("#hours", "32")
        page.click("#to-cards")
        page.wait_for_selector(".card")
        assert page.locator(".card").count() >= 1
        no_overflow()
        page.locator(".card button.choose").first.click()
        page.wait_for_selector("text=Wie kan helpen betalen")
        no_overflow()
        page.click("text=Bekijk vacatures")
        page.wait_for_selector("h1:has-text('Vacatures die nu bij je passen')")
        no_overflow()
        page.click("text=Naar de volgende stap")
        page.wait_for_selector("#werkcentrum")
        assert page.locator("#summary").is_visible()
        no_overflow()
        with page.expect_download() as download:  # the PDF of the summary, made from the page's state
            page.click("#pdf-button")
        pdf = Path(download.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF-") and download.value.suggested_filename == "samenvatting-ander-werk.pdf"
        page.emulate_media(media="print")
        assert not page.locator("header").is_visible() and page.locator("#summary").is_visible()
        assert_plain_dutch(page.content())
        assert errors == []
        assert problems == []
    finally:
        context.close()
