"""Planning and scenario comparison as jobs: same results as the engine, names and contents only, and the web
page that starts a planning job and follows it (``/static/jobs.js``, no inline script)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.staticfiles import StaticFiles
from fastapi.testclient import TestClient

from krapte.cli import main
from krapte.errors import InputError, NotFoundError, ValidationError
from krapte.labour.planning_pipeline import plan_pipeline
from krapte.labour.projects import read_projects
from krapte.services import Context, Principal, Role, accounts, planning
from krapte.services import jobs as jobs_service
from krapte.services.planning import FileContent, PlanRequest, ScenarioRequest
from krapte.settings import Settings
from krapte.store import Store
from tests.api.test_jobs import make_app
from tests.conftest import FIXTURES

PIPELINE = FIXTURES / "planning" / "pipeline.csv"
SCENARIOS = FIXTURES / "planning" / "scenarios.toml"
PASSWORD = "correct horse battery"


def _settings(store: Store, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, database_url=store.engine.url.render_as_string(hide_password=False))


def _analyst(store: Store, settings: Settings, name: str = "ann@example.nl") -> Context:
    admin = Context(store, Principal.command_line("test"), settings)
    user = accounts.create_user(admin, name, role=Role.ANALYST, password=PASSWORD)
    return admin.with_principal(Principal(id=user.id, name=user.username, role=Role.ANALYST, via="session"))


def _pipeline() -> FileContent:
    return FileContent("pipeline.csv", PIPELINE.read_bytes())


def test_the_plan_job_gives_the_engines_result(store: Store, tmp_path: Path) -> None:
    ctx = _analyst(store, _settings(store, tmp_path))
    messages: list[str | None] = []
    body = planning.plan(ctx, PlanRequest(_pipeline(), time_limit=20), on_progress=lambda _f, m: messages.append(m))
    direct = plan_pipeline(read_projects(PIPELINE), time_limit=20).to_dict()
    assert body["unmet_fte_quarters"] == direct["unmet_fte_quarters"]
    assert body["moves"] == direct["moves"] and body["cells"] == direct["cells"]
    by_quarter = body["shortage_by_quarter"]
    assert len(by_quarter["quarters"]) == len(by_quarter["before"]) == len(by_quarter["after"])
    assert sum(by_quarter["before"]) == pytest.approx(body["unmet_fte_quarters"]["before"], abs=0.01)
    assert messages[0] == "reading the project file" and any("planning 5 projects" in (m or "") for m in messages)


def test_own_factors_travel_as_contents_and_paths_are_refused(store: Store, tmp_path: Path) -> None:
    ctx = _analyst(store, _settings(store, tmp_path))
    base = planning.compare(ctx, ScenarioRequest(_pipeline()))["scenarios"][0]
    heavier = FileContent(
        "/home/someone/mijn-factoren.csv", b"technology,phase,central\nutility_solar,construction,50\n"
    )
    own = planning.compare(ctx, ScenarioRequest(_pipeline(), factor_overrides=heavier))["scenarios"][0]
    assert own["construction_job_years"] > base["construction_job_years"]
    with pytest.raises(NotFoundError, match="no factor set '/etc/passwd'"):
        planning.start_plan(ctx, PlanRequest(_pipeline(), factors="/etc/passwd"))
    sneaky = FileContent(
        "s.toml", b'[[scenarios]]\nname = "basis"\n[[scenarios]]\nname = "x"\nfactors = "/etc/x.csv"\n'
    )
    with pytest.raises(InputError, match=r"column 'factors': scenario 'x': no factor set named '/etc/x\.csv'"):
        planning.compare(ctx, ScenarioRequest(_pipeline(), scenarios=sneaky))
    with pytest.raises(ValidationError, match="time limit"):
        planning.start_plan(ctx, PlanRequest(_pipeline(), time_limit=0))
    assert jobs_service.list_jobs(ctx) == []


def test_a_bad_factor_file_names_only_its_own_name(store: Store, tmp_path: Path) -> None:
    ctx = _analyst(store, _settings(store, tmp_path))
    bad = FileContent("/secret/dir/f.csv", b"technology,phase,central\nwarp_drive,construction,1\n")
    with pytest.raises(Exception) as info:
        planning.compare(ctx, ScenarioRequest(_pipeline(), factor_overrides=bad))
    assert "f.csv" in str(info.value) and "/secret" not in str(info.value)


def test_cli_reads_the_files_and_passes_their_contents(tmp_path: Path) -> None:
    factors = tmp_path / "eigen.csv"
    factors.write_text("technology,phase,central\nutility_solar,construction,50\n")
    runner = CliRunner()
    result = runner.invoke(
        main, ["scenarios", "compare", "--projects", str(PIPELINE), "--factors", str(factors), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert '"scenario": "basis"' in result.output
    result = runner.invoke(main, ["plan", "--projects", str(PIPELINE), "--time-limit", "10", "--factors", "nope"])
    assert result.exit_code == 2 and "no factor set 'nope'" in result.output


# --- the web page -----------------------------------------------------------------------------------------------------


@pytest.fixture
def web(store: Store, tmp_path: Path) -> Iterator[tuple[TestClient, Settings, Store]]:
    settings = _settings(store, tmp_path)
    app = make_app(settings, store, "krapte.web.labour")
    app.mount("/static", StaticFiles(packages=[("krapte.web", "static")]), name="static")
    with TestClient(app) as client:
        yield client, settings, store


def _sign_in(client: TestClient, store: Store, settings: Settings, name: str) -> None:
    ctx = _analyst(store, settings, name)
    signed = accounts.sign_in(ctx.with_principal(Principal.anonymous()), name, PASSWORD)
    client.cookies.set("krapte_session", signed.session_id)
    client.cookies.set("krapte_csrf", "csrf-token-of-this-browser")


def _post_plan(client: TestClient) -> object:
    with PIPELINE.open("rb") as fh:
        return client.post(
            "/regio/planning",
            files={"projects": ("pipeline.csv", fh, "text/csv")},
            data={"time_limit": "10", "csrf_token": "csrf-token-of-this-browser"},
            headers={"Origin": "http://testserver"},
            follow_redirects=False,
        )


def test_the_planning_form_starts_a_job_and_its_page_follows_it(web) -> None:  # type: ignore[no-untyped-def]
    client, settings, store = web
    _sign_in(client, store, settings, "ann@example.nl")
    r = _post_plan(client)
    assert r.status_code == 303  # type: ignore[attr-defined]
    page_url = r.headers["location"]  # type: ignore[attr-defined]
    assert re.fullmatch(r"/regio/planning/[0-9a-f-]{36}\?lang=nl", page_url)
    pending = client.get(page_url)
    if 'id="job"' in pending.text:  # still queued or running: the page follows the job with the static script
        assert 'data-job-url="/api/v1/jobs/' in pending.text and '<script src="/static/jobs.js" defer>' in pending.text
        assert re.search(r"<script>|<script [^s]|onclick=|onload=", pending.text) is None  # no inline script
        assert client.get("/static/jobs.js").status_code == 200
    deadline = time.monotonic() + 90
    while 'id="job"' in (page := client.get(page_url)).text and time.monotonic() < deadline:
        time.sleep(0.3)
    assert "Verschoven projecten" in page.text and "data:image/svg+xml;base64," in page.text
    cells = page.text.split('id="cells"')[1]
    assert "AM03 Drenthe" in cells  # region names next to codes
    assert re.search(r"<td>\d+\.\d+</td>", cells) is None  # figures with a decimal comma on Dutch pages
    other = TestClient(client.app)
    _sign_in(other, store, settings, "bob@example.nl")
    assert other.get(page_url).status_code == 404


def test_the_planning_form_needs_an_account_and_the_csrf_token(web) -> None:  # type: ignore[no-untyped-def]
    client, settings, store = web
    client.cookies.set("krapte_csrf", "csrf-token-of-this-browser")
    r = _post_plan(client)
    assert r.status_code == 401 and "De planning kon niet worden gemaakt" in r.text  # type: ignore[attr-defined]
    _sign_in(client, store, settings, "ann@example.nl")
    with PIPELINE.open("rb") as fh:
        forged = client.post(
            "/regio/planning",
            files={"projects": ("pipeline.csv", fh, "text/csv")},
            data={"csrf_token": "guessed"},
            headers={"Origin": "http://evil.example"},
        )
    assert forged.status_code == 403
    r = client.post(
        "/regio/planning",
        files={"projects": ("leeg.csv", b"id,name\n", "text/csv")},
        data={"csrf_token": "csrf-token-of-this-browser"},
        headers={"Origin": "http://testserver"},
    )
    # an unusable file is refused at once, on the form's page, before any job is queued
    assert r.status_code == 400 and "De planning kon niet worden gemaakt" in r.text and "leeg.csv" in r.text


@pytest.mark.browser
def test_in_chromium_the_job_page_shows_the_result_when_done(web, page) -> None:  # type: ignore[no-untyped-def]
    import uvicorn

    from krapte.web.devserver import free_port as _free_port

    client, settings, store = web
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(client.app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        ctx = _analyst(store, settings, "ann@example.nl")
        view = planning.start_plan(ctx, PlanRequest(_pipeline(), time_limit=10))
        signed = accounts.sign_in(ctx.with_principal(Principal.anonymous()), "ann@example.nl", PASSWORD)
        page.context.add_cookies(
            [{"name": "krapte_session", "value": signed.session_id, "url": f"http://127.0.0.1:{port}"}]
        )
        page.goto(f"http://127.0.0.1:{port}/regio/planning/{view.id}")
        page.wait_for_selector("#moves", timeout=90000)  # jobs.js reloads the page when the job has ended
        assert page.evaluate("document.getElementById('chart-planning').naturalWidth") > 0
    finally:
        server.should_exit = True
        thread.join(timeout=10)
