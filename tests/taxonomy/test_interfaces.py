"""CLI, REST API and the /beroepen page on the embedded default."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from krapte.cli import main
from krapte.settings import Settings

HEAT_PUMP_TECH = "http://data.europa.eu/esco/occupation/8234eee9-1647-460d-8d62-7fe02cb884b0"


def test_cli_search_show_and_rank(settings: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["taxonomy", "search", "warmte", "pomp", "monteur", "--json", "--top", "3"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)[0]["uri"] == HEAT_PUMP_TECH
    out = runner.invoke(main, ["taxonomy", "show", "8234eee9-1647-460d-8d62-7fe02cb884b0"])
    assert out.exit_code == 0 and "ISCO-08: 3 " in out.output and "green" in out.output
    titles = tmp_path / "titles.jsonl"
    titles.write_text(
        '{"id": "a", "text": "loodgieter"}\n{"id": 2, "text": "zonnepanelen monteur"}\n', encoding="utf-8"
    )
    out = runner.invoke(main, ["taxonomy", "rank-occupations", "--lang", "nl", "--top", "2", str(titles)])
    assert out.exit_code == 0, out.output
    lines = [json.loads(x) for x in out.output.splitlines()]
    assert [x["id"] for x in lines] == ["a", 2]
    assert lines[1]["results"][0]["label"] == "monteur zonnepanelen"
    assert set(lines[0]["results"][0]) == {"uri", "label", "score"}


def test_cli_rank_rejects_bad_lines_with_file_and_line(settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\n{"id": 2}\n', encoding="utf-8")
    out = CliRunner().invoke(main, ["taxonomy", "rank-occupations", str(bad)])
    assert out.exit_code == 2
    assert "bad.jsonl:2" in out.output


def test_cli_show_unknown_concept_is_a_clear_error(settings: Settings) -> None:
    out = CliRunner().invoke(main, ["taxonomy", "show", "no-such-thing"])
    assert out.exit_code == 2 and "no ESCO concept 'no-such-thing'" in out.output


def test_api_search_and_details(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/v1/occupations", params={"q": "warmtepomp"}).json()
    assert body["results"][0]["uri"] == HEAT_PUMP_TECH and "ESCO" in body["attribution"]
    skills = client.get("/api/v1/skills", params={"q": "heat pump", "lang": "en"}).json()["results"]
    assert skills and all(r["kind"] == "skill" for r in skills)
    occ = client.get("/api/v1/occupations/8234eee9-1647-460d-8d62-7fe02cb884b0").json()
    assert occ["isco_code"] == "3115" and occ["flags"]["technical"] is True
    skill_uri = occ["essential_skills"][0]["uri"]
    assert client.get(f"/api/v1/skills/{skill_uri.rsplit('/', 1)[-1]}").json()["uri"] == skill_uri
    missing = client.get("/api/v1/skills/8234eee9-1647-460d-8d62-7fe02cb884b0")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_web_page_search_and_concept(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/beroepen", params={"q": "zonnepaneel"})
    assert page.status_code == 200 and "monteur zonnepanelen" in page.text
    assert client.get("/beroepen/no-such-id").status_code == 404


@pytest.mark.browser
def test_browser_search_then_open_concept(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server}/beroepen")
    page.fill("input[name=q]", "warmte pomp monteur")
    page.click("button[type=submit]")
    page.click("ol.results li a >> nth=0")
    assert page.locator("h1").inner_text() == "technicus koel-, lucht- en verwarmingstechniek"
    assert page.locator("li[data-flag=technical] strong").inner_text() == "ja"
