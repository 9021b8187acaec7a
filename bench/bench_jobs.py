"""Jobs benchmark: throughput of trivial jobs (local pool vs RQ) and health latency while a planning job runs.

1. Throughput: 200 trivial jobs (``jobs.probe`` with 0 s) submitted at once, timed until the last one has
   finished; on the local pool (1 worker process) and on RQ (1 ``krapte worker`` process, Redis on loopback).
2. Responsiveness: ``GET /api/v1/health`` through a real uvicorn server (HTTP over loopback), 1 request every
   50 ms. Baseline: 15 s with no job. Then a planning job of 400 generated projects with a 60 s solver time limit,
   started with ``POST /api/v1/plan``, with the same probing for as long as it runs. p50/p95/max per phase.
3. Cancel latency: ``DELETE /api/v1/jobs/{id}`` → the job's status is ``cancelled`` (polled every 20 ms), for a
   plan of the same 400 projects with the weighted objective (HiGHS uses its whole limit on it) and a 60 s limit,
   cancelled 5 s into the solver's run, three times; baseline in the same run: the same for a ``jobs.probe`` job
   (a loop that reports progress every 0.1 s, so the cooperative check answers at its next report). Then, in this
   process, how often HiGHS asks ``should_stop`` during a 20 s plan of the same instance (the latency's floor).

The store is SQLite in a temporary directory. ``--quick`` uses 50 jobs, 5 s of baseline, a 15 s plan and one
cancel of each kind.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np

from krapte.labour.quarters import format_quarter, parse_quarter
from krapte.labour.regions import default_regions
from krapte.web.devserver import free_port

REDIS_URL = os.environ.get("KRAPTE_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
TECHNOLOGIES = (
    ("utility_solar", "MW", (5, 80)),
    ("onshore_wind", "MW", (10, 120)),
    ("utility_battery", "MW", (5, 50)),
    ("substation", "EUR_mln", (5, 40)),
    ("heat_network", "EUR_mln", (5, 60)),
)


def synthetic_pipeline_csv(n: int, seed: int = 0) -> bytes:
    """A generated (seeded) project file of ``n`` plannable projects in random gemeenten, 2027–2033.

    Each project has 2–6 quarters of construction and 0–8 quarters of slack in its window; 400 projects make a
    planning model (about 30,000 rows) that HiGHS does not prove optimal within 60 s on this machine.
    """
    rng = np.random.default_rng(seed)
    gemeenten = [r.name for r in default_regions().gemeente_list()]
    first = parse_quarter("2027Q1")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "technology", "size", "unit", "gemeente", "earliest_start", "latest_end",
                     "duration_quarters"])  # fmt: skip
    for i in range(n):
        tech, unit, (lo, hi) = TECHNOLOGIES[int(rng.integers(len(TECHNOLOGIES)))]
        duration = int(rng.integers(2, 7))
        slack = int(rng.integers(0, 9))
        earliest = first + int(rng.integers(0, 24))
        gemeente = gemeenten[int(rng.integers(len(gemeenten)))]  # some names hold a comma: quoted by csv
        writer.writerow(
            [f"g{i:04d}", f"Project {i}", tech, int(rng.integers(lo, hi + 1)), unit, gemeente,
             format_quarter(earliest), format_quarter(earliest + duration + slack - 1), duration]
        )  # fmt: skip
    return out.getvalue().encode()


def _percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    if not ms:
        return "no samples"
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"n={len(ms):>4}  p50 {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  max {ms[-1]:7.1f} ms"


def _throughput(settings: object, n: int) -> float:
    from krapte.services import Context, Principal, Role, jobs
    from krapte.store import open_store

    assert hasattr(settings, "database_url")
    store = open_store(url=settings.database_url)
    ctx = Context(store, Principal(id="bench", name="bench", role=Role.ANALYST, via="session"), settings)  # type: ignore[arg-type]
    warm = jobs.submit(ctx, "jobs.probe", {})
    while jobs.get(ctx, warm.id).status not in jobs.FINAL_STATUSES:  # the worker is up before timing starts
        time.sleep(0.05)
    started = time.perf_counter()
    ids = [jobs.submit(ctx, "jobs.probe", {}).id for _ in range(n)]
    wanted = set(ids)
    while True:  # one query per poll, so that polling does not slow the workers down
        time.sleep(0.05)
        views = [v for v in jobs.list_jobs(ctx, limit=jobs.MAX_LIST) if v.id in wanted]
        if len(views) == n and all(v.status in jobs.FINAL_STATUSES for v in views):
            break
    elapsed = time.perf_counter() - started
    failed = [v.id for v in views if v.status != "succeeded"]
    assert not failed, f"{len(failed)} probe jobs did not succeed"
    store.dispose()
    return n / elapsed


def jobs_app(settings: object) -> object:
    """The API of the routes involved: health (meta), jobs and planning, with the app's JSON error shape.

    (``krapte.api.app.create_app`` is being converted to the service layer on main; this builds the same routers
    the same way.)
    """
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse

    import krapte.api.routers.jobs as jobs
    import krapte.api.routers.meta as meta
    import krapte.api.routers.planning as planning
    from krapte.errors import KrapteError
    from krapte.store import open_store

    app = FastAPI()
    app.state.settings = settings
    app.state.store = open_store(url=settings.database_url)  # type: ignore[attr-defined]

    @app.exception_handler(KrapteError)
    async def _krapte_error(_request: Request, exc: KrapteError) -> JSONResponse:
        return JSONResponse(exc.to_dict(), status_code=exc.http_status)

    for module in (meta, jobs, planning):
        app.include_router(module.router)
    return app


def _probe_health(base: str, seconds: float | None, until: threading.Event | None = None) -> list[float]:
    import httpx

    samples: list[float] = []
    deadline = time.monotonic() + seconds if seconds is not None else float("inf")
    with httpx.Client(base_url=base, timeout=10) as http:
        while time.monotonic() < deadline and not (until is not None and until.is_set()):
            t = time.perf_counter()
            r = http.get("/api/v1/health")
            samples.append(time.perf_counter() - t)
            assert r.status_code == 200
            time.sleep(max(0.0, 0.05 - (time.perf_counter() - t)))
    return samples


def _cancel_latency(http: object, start: Callable[[], str], wait_s: float) -> float:
    """Start a job, wait until it works (progress ≥ 0.1) plus ``wait_s``, cancel it; seconds until ``cancelled``."""
    url = start()
    while (job := http.get(url).json())["progress"] < 0.1:  # type: ignore[attr-defined]
        assert job["status"] in ("queued", "running"), job
        time.sleep(0.05)
    time.sleep(wait_s)
    t = time.perf_counter()
    r = http.delete(url)  # type: ignore[attr-defined]
    assert r.status_code == 200, r.text
    while (job := http.get(url).json())["status"] not in ("succeeded", "failed", "cancelled"):  # type: ignore[attr-defined]
        time.sleep(0.02)
    elapsed = time.perf_counter() - t
    assert job["status"] == "cancelled", job
    return elapsed


def stop_checks(time_limit: float) -> None:
    """How often HiGHS asks ``should_stop`` in-process: the floor of the cancel latency, in wall and CPU seconds."""
    from krapte.labour.factors import resolve_factors
    from krapte.labour.planning_pipeline import plan_pipeline
    from krapte.labour.projects import parse_projects

    factors = resolve_factors("rutovitz2025")
    projects = parse_projects(synthetic_pipeline_csv(400), "bench.csv", factors=factors)
    asked: list[tuple[float, float]] = []

    def should_stop() -> bool:
        asked.append((time.perf_counter(), time.process_time()))
        return False

    start = (time.perf_counter(), time.process_time())
    plan_pipeline(projects, factors, time_limit=time_limit, objective="weighted", should_stop=should_stop)
    points = [start, *asked, (time.perf_counter(), time.process_time())]
    wall, cpu = max(((b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(points)), default=(0.0, 0.0))
    first = asked[0][0] - start[0] if asked else float("nan")
    print(
        f"  should_stop asked {len(asked)} times in a {time_limit:g} s plan (in-process); first after {first:.2f} s; "
        f"longest gap {wall:.2f} s wall = {cpu:.2f} CPU-s"
    )


def _responsiveness(settings: object, baseline_s: float, projects: int, time_limit: float, cancels: int = 3) -> None:
    import httpx
    import uvicorn

    from krapte.services import Principal, Role, accounts, jobs
    from krapte.services.context import Context
    from krapte.store import open_store

    store = open_store(url=settings.database_url)  # type: ignore[attr-defined]
    admin = Context(store, Principal.command_line("bench"), settings)  # type: ignore[arg-type]
    user = accounts.create_user(admin, "bench-analyst", role=Role.ANALYST, password="bench-password-123")
    as_user = admin.with_principal(Principal(id=user.id, name=user.username, role=Role.ANALYST, via="session"))
    token = accounts.create_token(as_user, "bench").token

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(jobs_app(settings), host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        idle = _probe_health(base, baseline_s)
        print(f"  health, no job            {_percentiles(idle)}")
        content = synthetic_pipeline_csv(projects)
        with httpx.Client(base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"}) as http:
            r = http.post(
                "/api/v1/plan",
                files={"projects": ("bench.csv", content, "text/csv")},
                data={"time_limit": str(time_limit)},
            )
            assert r.status_code == 202, r.text
            url = r.headers["location"]
            while http.get(url).json()["status"] == "queued":
                time.sleep(0.05)
            done = threading.Event()
            samples: list[float] = []
            prober = threading.Thread(target=lambda: samples.extend(_probe_health(base, None, done)))
            prober.start()
            started = time.perf_counter()
            while (job := http.get(url).json())["status"] == "running":
                time.sleep(0.5)
            done.set()
            prober.join()
        print(f"  health, plan job running  {_percentiles(samples)}")
        result = job.get("result") or {}
        if job["status"] != "succeeded":
            print(f"  plan job {job['status']}: {job.get('error')}")
        print(
            f"  plan job: {projects} projects, time limit {time_limit:g} s, {job['status']} after "
            f"{time.perf_counter() - started:.1f} s running; solver {result.get('status')}, "
            f"gap {result.get('mip_gap', float('nan')):.2%}"
        )
        with httpx.Client(base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"}) as http:

            def plan() -> str:
                r = http.post(
                    "/api/v1/plan",
                    files={"projects": ("bench.csv", content, "text/csv")},
                    data={"time_limit": "60", "objective": "weighted"},
                )
                assert r.status_code == 202, r.text
                return str(r.headers["location"])

            def probe() -> str:  # no route starts a probe: the service does, on the server's pool (same process)
                view = jobs.submit(as_user, "jobs.probe", {"seconds": 60, "steps": 600})
                return f"/api/v1/jobs/{view.id}"

            print(f"cancel latency: DELETE /api/v1/jobs/{{id}} → status cancelled ({cancels} of each)")
            for name, start in (("jobs.probe (progress every 0.1 s)", probe), ("plan, 60 s limit, weighted", plan)):
                took = [_cancel_latency(http, start, 5.0) for _ in range(cancels)]
                print(f"  {name:34s} " + "  ".join(f"{t * 1000:6.0f} ms" for t in took))
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        store.dispose()


def run(quick: bool) -> None:
    from krapte.services.jobs_backends import shutdown_all
    from krapte.settings import Settings

    n = 50 if quick else 200
    tmp = Path(tempfile.mkdtemp(prefix="krapte-bench-jobs-"))
    base = Settings(data_dir=tmp, database_url=f"sqlite:///{tmp / 'local.sqlite'}")
    os.environ.setdefault("KRAPTE_JOB_WORKERS", "1")
    print(f"throughput of trivial jobs ({n} submitted at once, 1 worker process, SQLite store)")
    print(f"  local pool   {_throughput(base, n):7.1f} jobs/s")
    shutdown_all()

    queue = f"bench-{uuid.uuid4().hex[:8]}"
    rq_settings = dataclasses.replace(base, database_url=f"sqlite:///{tmp / 'rq.sqlite'}", redis_url=REDIS_URL)
    from krapte.store import open_store

    open_store(url=rq_settings.database_url).dispose()  # migrated before the worker starts
    env = {**os.environ, "KRAPTE_DATABASE_URL": rq_settings.database_url, "KRAPTE_REDIS_URL": REDIS_URL}
    worker = subprocess.Popen(
        [sys.executable, "-c", "from krapte.cli import main; main()", "worker", "--queue", queue, "--name", queue],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.environ["KRAPTE_JOB_QUEUE"] = queue
    try:
        print(f"  RQ (Redis)   {_throughput(rq_settings, n):7.1f} jobs/s")
    finally:
        stop_worker(worker)
        del os.environ["KRAPTE_JOB_QUEUE"]
        shutdown_all()
        _clean_redis(queue)

    print("GET /api/v1/health over HTTP (uvicorn, loopback), one request per 50 ms")
    _responsiveness(
        dataclasses.replace(base, database_url=f"sqlite:///{tmp / 'api.sqlite'}"),
        baseline_s=5.0 if quick else 15.0,
        projects=400,
        time_limit=15.0 if quick else 60.0,
        cancels=1 if quick else 3,
    )
    stop_checks(5.0 if quick else 20.0)


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=15)


def _clean_redis(queue: str) -> None:
    from redis import Redis

    redis = Redis.from_url(REDIS_URL)
    keys = list(redis.scan_iter(f"rq:*{queue}*"))
    if keys:
        redis.delete(*keys)
    redis.srem("rq:queues", f"rq:queue:{queue}")
    redis.close()
