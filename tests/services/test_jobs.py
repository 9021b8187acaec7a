"""Background jobs on both backends (local process pool, RQ with a real ``krapte worker``) and both databases.

Each test runs for SQLite and PostgreSQL (the ``store`` fixture) and, where the backend matters, for the local
pool and for RQ on the machine's Redis (a unique queue per test; its keys are deleted afterwards).
"""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import krapte.store.jobs as repo
from krapte.errors import AuthenticationError, NotFoundError, PermissionDeniedError, ValidationError
from krapte.services import Context, Principal, Role, jobs
from krapte.services.jobs_backends import shutdown_all
from krapte.settings import Settings
from krapte.store import Store

REDIS_URL = os.environ.get("KRAPTE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]

ALICE = Principal(id="u-alice", name="alice", role=Role.ANALYST, via="session")
BOB = Principal(id="u-bob", name="bob", role=Role.JOB_SEEKER, via="session")
ADMIN = Principal(id="u-admin", name="root", role=Role.ADMIN, via="session")


@jobs.job("test.explode", title="A job that fails unexpectedly")
def _explode(ctx: Context, payload: dict[str, Any], progress: jobs.Progress) -> dict[str, Any]:
    raise RuntimeError("disk full at /var/tmp/secret-path")


@jobs.job("test.whoami", title="Say who runs the job")
def _whoami(ctx: Context, payload: dict[str, Any], progress: jobs.Progress) -> dict[str, Any]:
    p = ctx.principal
    return {"id": p.id, "role": p.role.value if p.role else None, "via": p.via, "scopes": sorted(p.scopes or [])}


def _url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def _redis_or_skip() -> None:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return
    except OSError:
        if os.environ.get("KRAPTE_REQUIRE_REDIS") == "1":
            raise
        pytest.skip("no Redis on 127.0.0.1:6379")


def clean_redis(queue: str, job_ids: list[str]) -> None:
    """Delete what the test left in Redis: its queue, registries, worker and job keys."""
    from redis import Redis

    redis = Redis.from_url(REDIS_URL)
    keys = list(redis.scan_iter(f"rq:*{queue}*"))
    keys += [f"rq:{kind}:{job_id}" for job_id in job_ids for kind in ("job", "results", "execution")]
    keys += [k for job_id in job_ids for k in redis.scan_iter(f"rq:*{job_id}*")]
    if keys:
        redis.delete(*keys)
    redis.srem("rq:queues", f"rq:queue:{queue}")
    redis.close()


def start_worker(settings: Settings, queue: str) -> subprocess.Popen[bytes]:
    """A real ``krapte worker`` process serving ``queue`` for the store of ``settings``."""
    env = {
        **os.environ,
        "KRAPTE_DATABASE_URL": settings.database_url,
        "KRAPTE_REDIS_URL": REDIS_URL,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    return subprocess.Popen(
        [sys.executable, "-c", "from krapte.cli import main; main()", "worker", "--queue", queue, "--name", queue],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    """End the worker process started by the test (warm shutdown first, then killed)."""
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=15)


@pytest.fixture(params=["local", "rq"])
def backend(
    request: pytest.FixtureRequest, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Settings whose jobs run on the local pool, or on RQ with one worker process (started here)."""
    settings = Settings(data_dir=tmp_path, database_url=_url(store))
    if request.param == "local":
        yield settings
        shutdown_all()
        return
    _redis_or_skip()
    queue = f"test-{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("KRAPTE_JOB_QUEUE", queue)
    settings = dataclasses.replace(settings, redis_url=REDIS_URL)
    worker = start_worker(settings, queue)
    try:
        yield settings
    finally:
        stop_worker(worker)
        shutdown_all()
        clean_redis(queue, [v.id for v in repo.list_jobs(store, owner_id=None, limit=200)])


def ctx_of(store: Store, settings: Settings, principal: Principal) -> Context:
    return Context(store, principal, settings)


def wait_for(ctx: Context, job_id: str, statuses: tuple[str, ...], timeout: float = 90.0) -> jobs.JobView:
    deadline = time.monotonic() + timeout
    while True:
        view = jobs.get(ctx, job_id)
        if view.status in statuses:
            return view
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} is {view.status} ({view.message}), not {statuses}")
        time.sleep(0.1)


def test_a_job_reports_progress_and_its_result(store: Store, backend: Settings) -> None:
    alice = ctx_of(store, backend, ALICE)
    view = jobs.submit(alice, "jobs.probe", {"seconds": 3, "steps": 30})
    assert view.status == "queued" and view.owner_id == "u-alice" and view.title == "Check that job workers run"
    running = wait_for(alice, view.id, ("running",))
    assert running.started_at is not None
    seen = set()
    while (now := jobs.get(alice, view.id)).status == "running":
        seen.add(now.progress)
        time.sleep(0.1)
    assert any(0 < p < 1 for p in seen), seen
    done = wait_for(alice, view.id, jobs.FINAL_STATUSES)
    assert done.status == "succeeded" and done.progress == 1.0 and done.error is None
    assert done.result is not None and done.result["steps"] == 30
    assert done.result["worker"].startswith("rq:" if backend.redis_url else "local:")
    assert done.finished_at is not None and done.started_at is not None and done.finished_at >= done.started_at
    trail = [(e["action"], e["actor"]) for e in store.audit_trail("job", view.id)]
    assert trail == [("job.submit", "u-alice"), ("job.succeeded", "u-alice")]


def test_the_job_acts_as_its_owner_with_the_owners_scopes(store: Store, backend: Settings) -> None:
    scoped = Principal(id="u-tok", name="tok", role=Role.ANALYST, via="token", scopes=frozenset({"jobs.run"}))
    ctx = ctx_of(store, backend, scoped)
    done = wait_for(ctx, jobs.submit(ctx, "test.whoami", {}).id, jobs.FINAL_STATUSES)
    assert done.result == {"id": "u-tok", "role": "analyst", "via": "job", "scopes": ["jobs.run"]}


def test_errors_keep_the_json_shape_and_hide_internals(store: Store, backend: Settings) -> None:
    alice = ctx_of(store, backend, ALICE)
    bad = jobs.submit(alice, "jobs.probe", {"seconds": 500})
    failed = wait_for(alice, bad.id, jobs.FINAL_STATUSES)
    assert failed.status == "failed" and failed.result is None
    assert failed.error == {
        "error": {"code": "validation_error", "message": "seconds=500 must be a number from 0 to 60"}
    }
    boom = wait_for(alice, jobs.submit(alice, "test.explode", {}).id, jobs.FINAL_STATUSES)
    assert boom.status == "failed" and boom.error is not None
    assert boom.error["error"]["code"] == "internal_error"
    assert "secret-path" not in str(boom.error) and "RuntimeError" not in str(boom.error)
    assert boom.id in boom.error["error"]["hint"]


def test_cancel_a_queued_job_at_once_and_a_running_one_soon(store: Store, backend: Settings) -> None:
    alice = ctx_of(store, backend, ALICE)
    long = jobs.submit(alice, "jobs.probe", {"seconds": 40, "steps": 400})
    waiting = jobs.submit(alice, "jobs.probe", {"seconds": 1})  # one worker: this one waits behind the first
    wait_for(alice, long.id, ("running",))
    cancelled = jobs.cancel(alice, waiting.id)
    assert cancelled.status == "cancelled" and cancelled.finished_at is not None
    t = time.monotonic()
    jobs.cancel(alice, long.id)
    stopped = wait_for(alice, long.id, jobs.FINAL_STATUSES, timeout=20)
    assert stopped.status == "cancelled" and stopped.result is None
    assert time.monotonic() - t < 10
    time.sleep(1.5)  # the waiting job never runs
    assert jobs.get(alice, waiting.id).started_at is None
    assert jobs.get(alice, waiting.id).status == "cancelled"
    assert jobs.cancel(alice, long.id).status == "cancelled"  # cancelling again changes nothing
    actions = [e["action"] for e in store.audit_trail("job", long.id)]
    assert actions[:2] == ["job.submit", "job.cancel"]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _row(job_id: str, *, status: str, worker: str | None, heartbeat: datetime | None, backend: str) -> repo.JobRow:
    now = datetime.now(UTC)
    return repo.JobRow(
        id=job_id,
        kind="jobs.probe",
        title="probe",
        owner_id=ALICE.id,
        principal={"id": ALICE.id, "name": ALICE.name, "role": "analyst", "scopes": None},
        payload={"seconds": 0},
        backend=backend,
        status=status,
        progress=0.3 if status == "running" else 0.0,
        message="",
        result=None,
        error=None,
        cancel_requested=False,
        worker=worker,
        request_id=None,
        created_at=now - timedelta(minutes=5),
        started_at=now - timedelta(minutes=4) if status == "running" else None,
        finished_at=None,
        heartbeat_at=heartbeat,
    )


def test_after_a_restart_queued_jobs_run_and_interrupted_ones_fail(store: Store, backend: Settings) -> None:
    """The state a crash leaves behind: a queued job no worker holds, running jobs whose workers are gone."""
    host = socket.gethostname()
    now = datetime.now(UTC)
    name = "rq" if backend.redis_url else "local"
    dead_worker = f"{name}:{host}:{_dead_pid()}"  # a worker process on this host that has ended
    rows = {
        "queued": _row(str(uuid.uuid4()), status="queued", worker=None, heartbeat=None, backend=name),
        "dead": _row(str(uuid.uuid4()), status="running", worker=dead_worker, heartbeat=now, backend=name),
        "stale": _row(
            str(uuid.uuid4()),
            status="running",
            worker="rq:elsewhere:1",
            heartbeat=now - timedelta(minutes=10),
            backend=name,
        ),
        "alive": _row(str(uuid.uuid4()), status="running", worker="rq:elsewhere:2", heartbeat=now, backend=name),
    }
    with store.transaction() as conn:
        for row in rows.values():
            repo.insert(conn, row)
    server = jobs.server_context(store, backend)
    assert jobs.recover(server) == {"requeued": 1, "failed": 2, "running": 1}
    alice = ctx_of(store, backend, ALICE)
    assert wait_for(alice, rows["queued"].id, jobs.FINAL_STATUSES).status == "succeeded"
    for key in ("dead", "stale"):
        view = jobs.get(alice, rows[key].id)
        assert view.status == "failed" and view.message == "interrupted by a restart"
        assert view.error is not None and view.error["error"]["code"] == "interrupted"
    assert jobs.get(alice, rows["alive"].id).status == "running"
    assert jobs.recover(server) == {"requeued": 0, "failed": 0, "running": 1}  # nothing is done twice
    with pytest.raises(PermissionDeniedError):
        jobs.recover(alice)


def test_only_the_owner_and_admins_see_a_job(store: Store, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=_url(store))
    alice, bob, admin = (ctx_of(store, settings, p) for p in (ALICE, BOB, ADMIN))
    try:
        view = jobs.submit(alice, "jobs.probe", {})
        for action in (jobs.get, jobs.cancel):
            with pytest.raises(NotFoundError) as info:
                action(bob, view.id)
            assert view.id in info.value.message  # the same answer as for an id that does not exist
            with pytest.raises(NotFoundError):
                action(bob, str(uuid.uuid4()))
        assert [v.id for v in jobs.list_jobs(alice)] == [view.id]
        assert jobs.list_jobs(bob) == []
        assert jobs.get(admin, view.id).id == view.id
        assert jobs.list_jobs(admin) == [] and [v.id for v in jobs.list_jobs(admin, everyone=True)] == [view.id]
        with pytest.raises(PermissionDeniedError):
            jobs.list_jobs(bob, everyone=True)
        anonymous = ctx_of(store, settings, Principal.anonymous())
        with pytest.raises(AuthenticationError):
            jobs.submit(anonymous, "jobs.probe", {})
        with pytest.raises(AuthenticationError):
            jobs.get(anonymous, view.id)
        no_scope = Principal(
            id="u-alice", name="alice", role=Role.ANALYST, via="token", scopes=frozenset({"aggregates.read"})
        )
        with pytest.raises(PermissionDeniedError):
            jobs.get(ctx_of(store, settings, no_scope), view.id)
    finally:
        shutdown_all()


def test_bad_requests_are_refused_before_anything_is_stored(store: Store, tmp_path: Path) -> None:
    alice = ctx_of(store, Settings(data_dir=tmp_path, database_url=_url(store)), ALICE)
    with pytest.raises(ValidationError, match="no job kind 'nope'"):
        jobs.submit(alice, "nope", {})
    with pytest.raises(ValidationError, match="not plain JSON"):
        jobs.submit(alice, "jobs.probe", {"seconds": float("nan")})
    assert jobs.list_jobs(alice) == []


def test_an_unreachable_queue_fails_the_job_and_says_so(store: Store, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=_url(store), redis_url="redis://127.0.0.1:9/0")
    alice = ctx_of(store, settings, ALICE)
    try:
        with pytest.raises(jobs.QueueUnavailableError) as info:
            jobs.submit(alice, "jobs.probe", {})
        assert info.value.http_status == 503
        [view] = jobs.list_jobs(alice)
        assert view.status == "failed" and view.error is not None
        assert view.error["error"]["code"] == "queue_unavailable"
    finally:
        shutdown_all()


def test_run_inline_returns_the_result_and_stores_no_job(store: Store, tmp_path: Path) -> None:
    alice = ctx_of(store, Settings(data_dir=tmp_path, database_url=_url(store)), ALICE)
    seen: list[tuple[float, str | None]] = []
    result = jobs.run_inline(
        alice, "jobs.probe", {"seconds": 0.2, "steps": 2}, on_progress=lambda f, m: seen.append((f, m))
    )
    assert result["steps"] == 2
    assert seen[0] == (0.0, "step 1 of 2") and seen[-1] == (1.0, "done")
    assert jobs.list_jobs(alice) == []
    with pytest.raises(ValidationError):
        jobs.run_inline(alice, "jobs.probe", {"steps": 0})


def test_progress_is_throttled_and_raises_cancelled_when_asked() -> None:
    calls: list[float] = []

    def report(fraction: float, message: str | None) -> bool:
        calls.append(fraction)
        return fraction >= 0.5

    progress = jobs.Progress(report, min_interval=60)
    progress(0.1, "a")
    progress(0.2)  # within the interval, same message: not reported
    progress(0.3, "b")  # a new message is
    assert calls == [0.1, 0.3]
    with pytest.raises(jobs.Cancelled):
        progress(1.0)
    assert not issubclass(jobs.Cancelled, Exception)  # ``except Exception`` in a job does not swallow it


def test_the_command_line_lists_shows_cancels_and_probes(settings: Settings) -> None:
    import json

    from click.testing import CliRunner

    from krapte.cli import main

    runner = CliRunner()
    probe = runner.invoke(main, ["jobs", "probe", "--seconds", "0.2", "--json"])
    assert probe.exit_code == 0, probe.output
    job = json.loads(probe.output)
    assert job["status"] == "succeeded" and job["result"]["worker"].startswith("local:")
    listed = runner.invoke(main, ["jobs", "list", "--json"])
    assert [j["id"] for j in json.loads(listed.output)] == [job["id"]]
    shown = runner.invoke(main, ["jobs", "show", job["id"]])
    assert "succeeded" in shown.output and "jobs.probe" in shown.output
    cancelled = runner.invoke(main, ["jobs", "cancel", job["id"]])
    assert f"{job['id']}: succeeded" in cancelled.output  # a finished job stays as it is
    missing = runner.invoke(main, ["jobs", "show", str(uuid.uuid4())])
    assert missing.exit_code == 2 and "you have no job" in missing.output
    kept = runner.invoke(main, ["jobs", "purge", "--days", "1"])
    assert kept.output.strip() == "deleted 0 finished job(s)"  # it ended moments ago
    no_redis = runner.invoke(main, ["worker", "--burst"])
    assert no_redis.exit_code == 2 and "krapte worker needs KRAPTE_REDIS_URL" in no_redis.output


def test_purge_deletes_finished_jobs_older_than_the_given_days(store: Store, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=_url(store))
    old = dataclasses.replace(
        _row(str(uuid.uuid4()), status="succeeded", worker=None, heartbeat=None, backend="local"),
        finished_at=datetime.now(UTC) - timedelta(days=40),
    )
    waiting = _row(str(uuid.uuid4()), status="queued", worker=None, heartbeat=None, backend="local")
    with store.transaction() as conn:
        repo.insert(conn, old)
        repo.insert(conn, waiting)
    with pytest.raises(PermissionDeniedError):
        jobs.purge(ctx_of(store, settings, ALICE), days=30)
    assert jobs.purge(jobs.server_context(store, settings), days=30) == 1
    assert repo.get(store, old.id) is None and repo.get(store, waiting.id) is not None


def test_a_killed_local_worker_fails_its_job_and_the_next_one_still_runs(store: Store, tmp_path: Path) -> None:
    import signal

    settings = Settings(data_dir=tmp_path, database_url=_url(store))
    alice = ctx_of(store, settings, ALICE)
    try:
        running = jobs.submit(alice, "jobs.probe", {"seconds": 30, "steps": 300})
        behind = jobs.submit(alice, "jobs.probe", {"seconds": 0})
        wait_for(alice, running.id, ("running",))
        worker = repo.get(store, running.id).worker  # type: ignore[union-attr]
        assert worker is not None and worker.startswith("local:")
        os.kill(int(worker.rsplit(":", 1)[1]), signal.SIGKILL)  # the pool's process, started by this test
        lost = wait_for(alice, running.id, jobs.FINAL_STATUSES, timeout=30)
        assert lost.status == "failed" and lost.error is not None
        assert lost.error["error"]["code"] == "worker_lost"
        assert wait_for(alice, behind.id, jobs.FINAL_STATUSES).status == "succeeded"  # on a fresh pool
    finally:
        shutdown_all()
