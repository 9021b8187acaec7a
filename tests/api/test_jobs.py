"""The jobs API: 202 with a job URL, polling, ownership (others get 404), cancel, and a server that keeps answering.

The app here holds the routers involved (health, jobs, planning) with the app's JSON error shape; callers sign in
with API tokens of real accounts.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bench.bench_jobs import synthetic_pipeline_csv
from fastapi import FastAPI
from fastapi.testclient import TestClient

from krapte.services import Context, Principal, Role, accounts
from krapte.settings import Settings
from krapte.store import Store
from tests.conftest import FIXTURES

PIPELINE = FIXTURES / "planning" / "pipeline.csv"
CAPACITY = FIXTURES / "planning" / "capacity.csv"


def make_app(settings: Settings, store: Store, *routers: str) -> FastAPI:
    """krapte's app on the test's store (every router, the error shape, the lifespan that starts the pool)."""
    from krapte.api.app import create_app

    del routers  # create_app includes every router
    app = create_app(settings)
    app.state.store.dispose()
    app.state.store = store
    return app


def token_for(store: Store, settings: Settings, username: str, role: Role, scopes: list[str] | None = None) -> str:
    admin = Context(store, Principal.command_line("test"), settings)
    user = accounts.create_user(admin, username, role=role, password="correct horse battery")
    as_user = admin.with_principal(Principal(id=user.id, name=user.username, role=role, via="session"))
    return accounts.create_token(as_user, "tests", scopes).token


@pytest.fixture
def api(store: Store, tmp_path: Path) -> Iterator[tuple[TestClient, Settings, Store]]:
    settings = Settings(data_dir=tmp_path, database_url=store.engine.url.render_as_string(hide_password=False))
    with TestClient(make_app(settings, store)) as client:  # the lifespan starts (recovery) and stops the pool
        yield client, settings, store


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def poll(client: TestClient, url: str, headers: dict[str, str], timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body: dict[str, Any] = client.get(url, headers=headers).json()
        if body["status"] in ("succeeded", "failed", "cancelled") or time.monotonic() > deadline:
            return body
        time.sleep(0.2)


def test_plan_answers_202_with_the_job_url_and_the_result_appears_there(api) -> None:  # type: ignore[no-untyped-def]
    client, settings, store = api
    alice = auth(token_for(store, settings, "alice@example.nl", Role.ANALYST))
    with PIPELINE.open("rb") as fh, CAPACITY.open("rb") as cap:
        r = client.post(
            "/api/v1/plan",
            files={"projects": ("pipeline.csv", fh, "text/csv"), "capacity": ("capacity.csv", cap, "text/csv")},
            data={"time_limit": "20"},
            headers=alice,
        )
    assert r.status_code == 202, r.text
    job = r.json()
    assert r.headers["location"] == f"/api/v1/jobs/{job['id']}" == job["url"]
    assert job["status"] == "queued" and job["kind"] == "labour.plan" and job["result"] is None
    done = poll(client, job["url"], alice)
    assert done["status"] == "succeeded", done
    result = done["result"]
    assert result["capacity_source"].startswith("capacity.csv")
    assert result["unmet_fte_quarters"]["after"] <= result["unmet_fte_quarters"]["before"]
    assert sum(result["shortage_by_quarter"]["after"]) == pytest.approx(result["unmet_fte_quarters"]["after"], abs=0.01)
    assert [j["id"] for j in client.get("/api/v1/jobs", headers=alice).json()] == [job["id"]]


def test_a_plan_that_cannot_be_made_is_refused_before_a_job_is_queued(api) -> None:  # type: ignore[no-untyped-def]
    client, settings, store = api
    alice = auth(token_for(store, settings, "alice@example.nl", Role.ANALYST))
    bad = (
        b"id,name,technology,size,unit,gemeente,earliest_start,latest_end,duration_quarters\n"
        b"x,X,utility_solar,1,MW,Emmen,2027Q3,2027Q4,4\n"
    )
    r = client.post("/api/v1/plan", files={"projects": ("bad.csv", bad, "text/csv")}, headers=alice)
    assert r.status_code == 400 and "shorter than 4 quarters" in r.json()["error"]["message"]
    assert client.get("/api/v1/jobs", headers=alice).json() == []  # the upload is parsed before anything is queued


def test_names_and_limits_are_checked_before_a_job_starts(api) -> None:  # type: ignore[no-untyped-def]
    client, settings, store = api
    alice = auth(token_for(store, settings, "alice@example.nl", Role.ANALYST))
    with PIPELINE.open("rb") as fh:
        content = fh.read()
    r = client.post(
        "/api/v1/plan", files={"projects": ("p.csv", content)}, data={"factors": "/etc/passwd"}, headers=alice
    )
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert "root:" not in r.text
    r = client.post("/api/v1/plan", files={"projects": ("p.csv", content)}, data={"time_limit": "601"}, headers=alice)
    assert r.status_code == 422
    assert client.get("/api/v1/jobs", headers=alice).json() == []


def test_another_user_gets_404_and_anonymous_401(api) -> None:  # type: ignore[no-untyped-def]
    client, settings, store = api
    alice = auth(token_for(store, settings, "alice@example.nl", Role.ANALYST))
    bob = auth(token_for(store, settings, "bob@example.nl", Role.JOB_SEEKER))
    with PIPELINE.open("rb") as fh:
        r = client.post(
            "/api/v1/scenarios/compare", files={"projects": ("pipeline.csv", fh, "text/csv")}, headers=alice
        )
    url = r.headers["location"]
    mine = poll(client, url, alice)
    assert mine["status"] == "succeeded"
    names = [row["scenario"] for row in mine["result"]["scenarios"]]
    assert names[0] == "basis" and "warmtepomp-12u" in names
    for method in ("GET", "DELETE"):
        theirs = client.request(method, url, headers=bob)
        unknown = client.request(method, "/api/v1/jobs/00000000-0000-0000-0000-000000000000", headers=bob)
        assert theirs.status_code == unknown.status_code == 404
        assert theirs.json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/jobs", headers=bob).json() == []
    assert client.get(url).status_code == 401
    with PIPELINE.open("rb") as fh:
        assert client.post("/api/v1/plan", files={"projects": ("p.csv", fh)}).status_code == 401
    reader = auth(token_for(store, settings, "carol@example.nl", Role.ANALYST, ["aggregates.read"]))
    assert client.get(url, headers=reader).status_code == 403  # a token without the jobs.run scope


def test_delete_cancels_a_running_job(api) -> None:  # type: ignore[no-untyped-def]
    client, settings, store = api
    alice = auth(token_for(store, settings, "alice@example.nl", Role.ANALYST))
    # the probe job reports progress every 0.1 s, so the cancel is seen at once
    from krapte.services import jobs

    ctx = Context(store, Principal.command_line("test"), settings)
    owner = accounts.list_users(ctx)[0]
    as_alice = ctx.with_principal(Principal(id=owner.id, name=owner.username, role=Role.ANALYST, via="token"))
    view = jobs.submit(as_alice, "jobs.probe", {"seconds": 30, "steps": 300})
    url = f"/api/v1/jobs/{view.id}"
    deadline = time.monotonic() + 60
    while client.get(url, headers=alice).json()["status"] == "queued" and time.monotonic() < deadline:
        time.sleep(0.1)
    r = client.delete(url, headers=alice)
    assert r.status_code == 200 and r.json()["status"] in ("running", "cancelled")
    done = poll(client, url, alice, timeout=20)
    assert done["status"] == "cancelled"


def test_health_answers_fast_while_a_plan_runs(api) -> None:  # type: ignore[no-untyped-def]
    """The solver runs in a worker process: the server answers while it works (the request used to block)."""
    client, settings, store = api
    alice = auth(token_for(store, settings, "alice@example.nl", Role.ANALYST))
    # large enough that the solver uses its 8 s (with two block threads, 100 projects sometimes finished in about 1 s)
    content = synthetic_pipeline_csv(500)
    t = time.perf_counter()
    r = client.post(
        "/api/v1/plan", files={"projects": ("big.csv", content, "text/csv")}, data={"time_limit": "8"}, headers=alice
    )
    assert r.status_code == 202 and time.perf_counter() - t < 5
    url = r.headers["location"]
    deadline = time.monotonic() + 60
    while client.get(url, headers=alice).json()["status"] == "queued" and time.monotonic() < deadline:
        time.sleep(0.1)
    latencies = []
    while client.get(url, headers=alice).json()["status"] == "running" and len(latencies) < 40:
        start = time.perf_counter()
        assert client.get("/api/v1/health").json() == {"status": "ok"}
        latencies.append(time.perf_counter() - start)
        time.sleep(0.05)
    assert len(latencies) >= 20, "the plan should still be running while health is asked"
    assert statistics.median(latencies) < 0.25 and max(latencies) < 2.0, latencies
    assert poll(client, url, alice)["status"] == "succeeded"


def test_openapi_has_typed_job_responses_and_stable_operation_ids(api) -> None:  # type: ignore[no-untyped-def]
    client, _, _ = api
    doc = client.get("/api/openapi.json").json()
    ops = {op["operationId"]: (path, method) for path, item in doc["paths"].items() for method, op in item.items()}
    assert ops["start_plan"] == ("/api/v1/plan", "post")
    assert ops["start_scenario_comparison"] == ("/api/v1/scenarios/compare", "post")
    assert ops["get_job"] == ("/api/v1/jobs/{job_id}", "get")
    assert ops["cancel_job"] == ("/api/v1/jobs/{job_id}", "delete")
    assert ops["list_jobs"] == ("/api/v1/jobs", "get")
    started = doc["paths"]["/api/v1/plan"]["post"]["responses"]
    assert started["202"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/JobOut"}
    assert "ErrorShape" in started["404"]["content"]["application/json"]["schema"]["$ref"]
    status = doc["components"]["schemas"]["JobOut"]["properties"]["status"]
    assert set(status["enum"]) == {"queued", "running", "succeeded", "failed", "cancelled"}
