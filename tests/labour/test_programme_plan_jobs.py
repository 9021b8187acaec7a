"""The national programmes planned together as a job: service, ``krapte plan`` without ``--projects``,
``POST /api/v1/plan/programmes`` and the button on ``/regio/programmas``.

Every run plans only RES (the smallest programme, 510 tranches) with a short solver time limit; the checks hold
for any plan the solver returns within it (slips consistent with the moves, names next to codes, basis shown).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from krapte.api.routers.planning import ProgrammePlanResult
from krapte.cli import main
from krapte.errors import AuthenticationError, NotFoundError, PermissionDeniedError, ValidationError
from krapte.labour.planning_pipeline import region_names
from krapte.labour.programmes import national_scenario
from krapte.services import Context, Principal, Role, accounts
from krapte.services import jobs as jobs_service
from krapte.services.programme_plan import ProgrammePlanRequest, plan_programmes, start_programme_plan
from krapte.settings import Settings
from krapte.store import Store
from tests.api.test_jobs import auth, make_app, poll, token_for

PASSWORD = "correct horse battery"
RES_ONLY = ProgrammePlanRequest(programmes=("RES",), time_limit=2)


def _settings(store: Store, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, database_url=store.engine.url.render_as_string(hide_password=False))


def _as(store: Store, settings: Settings, name: str, role: Role) -> Context:
    admin = Context(store, Principal.command_line("test"), settings)
    user = accounts.create_user(admin, name, role=role, password=PASSWORD)
    return admin.with_principal(Principal(id=user.id, name=user.username, role=role, via="session"))


def _check_result(body: dict[str, Any]) -> None:
    """What every joint plan of RES must show, whatever the solver found within its time limit."""
    ProgrammePlanResult.model_validate(body)
    assert body["scenario"] == "nl-programmes-2030" and body["programmes"] == ["RES"]
    assert body["basis"] == "estimated" and "nl_programmes_2030" in body["source"]
    entries = national_scenario(["RES"])
    assert body["tranches"] == len(entries)
    [res] = body["by_programme"]
    assert res["programme"] == "RES" and res["tranches"] == len(entries)
    assert {s["component"] for s in body["slips"]} == {e.component for e in entries}
    late = [s["component"] for s in body["slips"] if s["quantity_late"] > 0]
    assert res["components_late"] == late
    assert res["max_slip_quarters"] == max(s["max_slip_quarters"] for s in body["slips"])
    for s in body["slips"]:  # a slip needs a moved tranche; within the window of 4 quarters
        assert 0 <= s["max_slip_quarters"] <= 4 and (s["quantity_late"] == 0 or s["tranches_moved"] > 0)
        assert s["quantity_late"] <= s["quantity"]
    assert res["tranches_moved"] == sum(s["tranches_moved"] for s in body["slips"]) == len(body["moves"])
    assert all(g["label"] and g["label"] != g["brc_group"] for g in res["binding_groups"])  # names, not codes only
    names = region_names()
    assert body["cells"] and all(c["region_name"] == names[c["region"]] for c in body["cells"])
    assert body["unmet_fte_quarters"]["after"] <= body["unmet_fte_quarters"]["before"] + 1e-6


# --- service ----------------------------------------------------------------------------------------------------------


def test_an_analyst_plans_the_programmes_and_sees_the_slips(store: Store, tmp_path: Path) -> None:
    ctx = _as(store, _settings(store, tmp_path), "ann@example.nl", Role.ANALYST)
    messages: list[str | None] = []
    body = plan_programmes(ctx, RES_ONLY, on_progress=lambda _f, m: messages.append(m))
    _check_result(body)
    assert messages[0] == "planning 510 tranches of RES (solver time limit 2 s)"


def test_only_analysts_and_admins_may_start_it_and_names_are_checked_first(store: Store, tmp_path: Path) -> None:
    settings = _settings(store, tmp_path)
    seeker = _as(store, settings, "sam@example.nl", Role.JOB_SEEKER)
    advisor = _as(store, settings, "ada@example.nl", Role.ADVISOR)
    for ctx in (seeker, advisor):
        with pytest.raises(PermissionDeniedError):
            start_programme_plan(ctx, RES_ONLY)
    with pytest.raises(AuthenticationError):
        start_programme_plan(seeker.with_principal(Principal.anonymous()), RES_ONLY)
    analyst = _as(store, settings, "ann@example.nl", Role.ANALYST)
    with pytest.raises(NotFoundError, match="no scenario named 'nl-2050'"):
        start_programme_plan(analyst, ProgrammePlanRequest(scenario="nl-2050"))
    with pytest.raises(ValidationError, match="only the RES programme"):
        start_programme_plan(analyst, ProgrammePlanRequest(scenario="res-35twh", programmes=("NPE",)))
    with pytest.raises(ValidationError, match="unknown programme 'XYZ'"):
        start_programme_plan(analyst, ProgrammePlanRequest(programmes=("XYZ",)))
    with pytest.raises(ValidationError, match="time limit"):
        start_programme_plan(analyst, ProgrammePlanRequest(time_limit=0))
    assert jobs_service.list_jobs(analyst) == []  # nothing was queued
    admin = _as(store, settings, "root@example.nl", Role.ADMIN)
    view = start_programme_plan(admin, ProgrammePlanRequest(scenario="res-35twh", time_limit=1))
    assert view.kind == "labour.plan_programmes" and view.status == "queued"
    jobs_service.cancel(admin, view.id)


# --- command line -----------------------------------------------------------------------------------------------------


def test_krapte_plan_without_projects_plans_the_national_scenario() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["plan", "--programme", "RES", "--time-limit", "2", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    _check_result(body)
    text = runner.invoke(main, ["plan", "--programme", "RES", "--time-limit", "2"])
    assert text.exit_code == 0, text.output
    out = text.stdout
    assert out.startswith("nl-programmes-2030 (RES; 510 tranches)")
    assert re.search(r"^RES: \d+ of 510 tranches moved; targets late: ", out, re.M)
    assert "binding occupation groups (job-years in cells still short): " in out
    assert "basis: estimated; source: " in out
    for slip in body["slips"]:
        assert re.search(rf"^{slip['component']}\s+{slip['quantity']}\s+MW\s+2030Q4", out, re.M)
    refused = runner.invoke(main, ["plan", "--programme", "RES", "--factors", "rutovitz2025"])
    assert refused.exit_code == 2 and "--factors and --capacity apply to --projects only" in refused.output


# --- API ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def api(store: Store, tmp_path: Path) -> Iterator[tuple[TestClient, Settings, Store]]:
    settings = _settings(store, tmp_path)
    with TestClient(make_app(settings, store)) as client:
        yield client, settings, store


def test_the_api_answers_202_and_the_typed_result_appears(api) -> None:  # type: ignore[no-untyped-def]
    client, settings, store = api
    alice = auth(token_for(store, settings, "alice@example.nl", Role.ANALYST))
    r = client.post("/api/v1/plan/programmes", json={"programmes": ["RES"], "time_limit": 2}, headers=alice)
    assert r.status_code == 202, r.text
    job = r.json()
    assert r.headers["location"] == f"/api/v1/jobs/{job['id']}" == job["url"]
    assert job["kind"] == "labour.plan_programmes" and job["result"] is None
    done = poll(client, job["url"], alice)
    assert done["status"] == "succeeded", done
    _check_result(done["result"])
    typed = client.get(f"/api/v1/plan/programmes/{job['id']}", headers=alice)
    assert typed.status_code == 200 and typed.json()["by_programme"] == done["result"]["by_programme"]


def test_the_api_refuses_others_and_bad_names(api) -> None:  # type: ignore[no-untyped-def]
    client, settings, store = api
    alice = auth(token_for(store, settings, "alice@example.nl", Role.ANALYST))
    bob = auth(token_for(store, settings, "bob@example.nl", Role.JOB_SEEKER))
    assert client.post("/api/v1/plan/programmes", json={}).status_code == 401
    assert client.post("/api/v1/plan/programmes", json={}, headers=bob).status_code == 403
    for bad in ({"programmes": ["XYZ"]}, {"scenario": "nl-2050"}, {"time_limit": 601}):
        assert client.post("/api/v1/plan/programmes", json=bad, headers=alice).status_code == 422
    r = client.post("/api/v1/plan/programmes", json={"scenario": "res-35twh", "programmes": ["NPE"]}, headers=alice)
    assert r.status_code == 422 and "only the RES programme" in r.json()["error"]["message"]
    assert client.get("/api/v1/jobs", headers=alice).json() == []
    unknown = client.get("/api/v1/plan/programmes/00000000-0000-0000-0000-000000000000", headers=alice)
    assert unknown.status_code == 404


# --- web ------------------------------------------------------------------------------------------------------------


def _sign_in(client: TestClient, store: Store, settings: Settings, name: str, role: Role = Role.ANALYST) -> None:
    ctx = _as(store, settings, name, role)
    signed = accounts.sign_in(ctx.with_principal(Principal.anonymous()), name, PASSWORD)
    client.cookies.set("krapte_session", signed.session_id)
    client.cookies.set("krapte_csrf", "csrf-token-of-this-browser")


def _start(client: TestClient, lang: str = "nl", token: str = "csrf-token-of-this-browser") -> Any:
    return client.post(
        f"/regio/programmas/planning?lang={lang}",
        data={"programme": "RES", "time_limit": "2", "csrf_token": token},
        headers={"Origin": "http://testserver"},
        follow_redirects=False,
    )


def test_the_button_starts_the_plan_and_the_page_shows_the_slips(api) -> None:  # type: ignore[no-untyped-def]
    client, settings, store = api
    _sign_in(client, store, settings, "ann@example.nl")
    form = client.get("/regio/programmas").text.split('id="plan-programmes-form"')[1].split("</form>")[0]
    assert 'name="csrf_token"' in form and "Plan de programma&#39;s samen" in form
    r = _start(client)
    assert r.status_code == 303
    page_url = r.headers["location"]
    assert re.fullmatch(r"/regio/programmas/planning/[0-9a-f-]{36}\?lang=nl", page_url)
    deadline = time.monotonic() + 120
    while 'id="job"' in (page := client.get(page_url)).text and time.monotonic() < deadline:
        time.sleep(0.3)
    nl = page.text
    assert 'data-programme="RES"' in nl and "Onderdeel" in nl and "Beroepen die de grens bepalen" in nl
    assert "Basis: geschat. Bron: embedded scenario" in nl
    slips = nl.split('class="slips"')[1].split("</table>")[0]
    assert "onshore_wind" in slips and "2030Q4" in slips
    assert re.search(r"<td>\d+\.\d+ MW</td>", slips) is None and re.search(r"<td>\d+,\d MW</td>", slips)
    cells = nl.split('id="cells"')[1]
    assert re.search(r"<td>AM\d\d [A-Z][^<]+</td>", cells)  # region names next to codes
    en = client.get(page_url.replace("lang=nl", "lang=en")).text
    assert "Component" in en and "Occupations that bind" in en and "Basis: estimated. Source:" in en
    assert re.search(r"<td>\d+\.\d MW</td>", en.split('class="slips"')[1].split("</table>")[0])
    other = TestClient(client.app)
    _sign_in(other, store, settings, "bob@example.nl")
    assert other.get(page_url).status_code == 404


def test_the_button_needs_an_analyst_and_the_csrf_token(api) -> None:  # type: ignore[no-untyped-def]
    client, settings, store = api
    client.cookies.set("krapte_csrf", "csrf-token-of-this-browser")
    r = _start(client)
    assert r.status_code == 401 and "De planning kon niet worden gemaakt" in r.text
    _sign_in(client, store, settings, "sam@example.nl", Role.JOB_SEEKER)
    assert _start(client, "en").status_code == 403
    _sign_in(client, store, settings, "ann@example.nl")
    forged = client.post(
        "/regio/programmas/planning",
        data={"programme": "RES", "csrf_token": "guessed"},
        headers={"Origin": "http://evil.example"},
    )
    assert forged.status_code == 403
    assert client.get("/api/v1/jobs").json() == []
