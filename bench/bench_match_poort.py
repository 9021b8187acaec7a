"""In-process cost of the Gouden Poort steps and the advisor shortlist: CPU ms per request, no server, no network.

The same store as ``bench/bench_web_load.py`` (a fresh SQLite file with the Amersfoort and Utrecht demo vacancies,
24 courses, the mbo qualifications and an advisor with 20 client profiles) and the same requests through the same
routes and forms, sent by FastAPI's TestClient in this process: the route, the services, the core and the
template, without uvicorn and locust. Each step is sent a few times to warm up and then timed; the figure is CPU
milliseconds per request (``time.process_time``), which the machine's load does not inflate as much as wall time.
``KRAPTE_BENCH_PROFILE=<step>[,<step>...]`` prints a cProfile of those steps instead (sorted by cumulative time, or
by ``KRAPTE_BENCH_PROFILE_SORT``, e.g. ``tottime``; on the CPU clock with ``KRAPTE_BENCH_PROFILE_CLOCK=cpu``).
Each row also counts the SQL statements and the connection checkouts from the pool per request.
``KRAPTE_BENCH_WEB_DB=postgresql`` uses a fresh database on the server named by ``KRAPTE_TEST_POSTGRES_URL`` instead
of a SQLite file.

Run: ``python -m bench match_poort [--quick]``.
"""

from __future__ import annotations

import asyncio
import cProfile
import os
import pstats
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.bench_web_load import ADVISOR, CV, PASSWORD, _label_index_ready, _prepare, _route
from bench.servers import drop_database, postgres_database

STEPS = ("health", "pathways", "plan", "vacancies", "shortlist", "cv")


def _inline_threads() -> None:
    """Run the app's thread-pool work inline on the event loop's thread: one thread, so that the CPU clock and
    cProfile see the whole request (route, services, core, template) and no hand-off between threads."""
    import anyio.to_thread

    async def run_sync(func: Callable[..., Any], *args: Any, **_: Any) -> Any:
        return func(*args)

    anyio.to_thread.run_sync = run_sync  # type: ignore[assignment]


def _steps(data: dict[str, Any], token: str) -> dict[str, Callable[[Any], Awaitable[Any]]]:
    async def post(client: Any, path: str, form: dict[str, Any], **kw: Any) -> Any:
        r = await client.post(path, data={"csrf_token": token, **form}, **kw)
        assert r.status_code == 200, (path, r.status_code, r.text[:300])
        return r

    async def shortlist(client: Any) -> Any:
        r = await client.get(f"/adviseur/vacature/{data['vacancy']}", cookies=data["session"])
        assert r.status_code == 200 and 'id="candidates"' in r.text, r.text[:300]
        return r

    return {
        "health": lambda c: c.get("/api/v1/health"),
        "pathways": lambda c: post(
            c,
            "/poort/vaardigheden",
            {
                "state": data["skills_state"],
                "keep": data["keep"],
                "gemeente": "Amersfoort",
                "travel_km": "30",
                "hours": "32",
                "action": "next",
            },
        ),
        "plan": lambda c: post(c, "/poort/plan", {"state": data["cards_state"], "target": data["target"]}),
        "vacancies": lambda c: post(c, "/poort/vacatures", {"state": data["plan_state"]}),
        "shortlist": shortlist,
        "cv": lambda c: post(
            c, "/poort/start", {"how": "cv"}, files={"cv": ("cv.pdf", CV.read_bytes(), "application/pdf")}
        ),
    }


def run(quick: bool) -> None:
    from fastapi.testclient import TestClient

    from krapte.api.app import create_app
    from krapte.settings import Settings

    n = 10 if quick else 40
    profile_step = os.environ.get("KRAPTE_BENCH_PROFILE")
    cv = _label_index_ready() and os.environ.get("KRAPTE_BENCH_WEB_CV", "1") != "0"
    pg = postgres_database() if os.environ.get("KRAPTE_BENCH_WEB_DB") == "postgresql" else None
    with tempfile.TemporaryDirectory() as tmp:
        url = pg[1] if pg else f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        env = {**os.environ, "KRAPTE_DATA_DIR": tmp, "KRAPTE_DATABASE_URL": url}
        prepared = _prepare(env)
        os.environ.update({"KRAPTE_DATA_DIR": tmp, "KRAPTE_DATABASE_URL": url})
        app = create_app(Settings.from_env())
        base = "http://testserver"
        with TestClient(app, base_url=base, headers={"Origin": base}) as client:
            data = {**prepared, **_route(base, cv, client=client), "session": _session(client)}
            client.cookies.clear()
            client.get("/poort")
            token = client.cookies["krapte_csrf"]
            cookies = dict(client.cookies)
        db = "PostgreSQL" if pg else "SQLite"
        print(f"in-process (one thread, ASGI without a server), {db}; {data['skills']} skills, {data['cards']} "
              f"cards, {data['jobs']} vacancies; {n} requests per step after 3 warm-ups")  # fmt: skip
        print(f"{'step':12} {'CPU ms/req':>10} {'wall ms/req':>11} {'wall p95':>11} {'SQL/req':>8} {'checkouts':>9} "
              f"{'n':>5}")  # fmt: skip
        _inline_threads()
        counts = _count_database_work(app.state.store.engine)
        asyncio.run(_measure(app, _steps(data, token), cookies, n, cv, profile_step, counts))
        app.state.store.dispose()
    if pg:
        drop_database(*pg)


def _count_database_work(engine: Any) -> dict[str, int]:
    """Counters of the SQL statements sent and of the connections checked out of the pool (SQLAlchemy events)."""
    import sqlalchemy as sa

    counts = {"sql": 0, "checkouts": 0}

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _sql(*_: Any) -> None:
        counts["sql"] += 1

    @sa.event.listens_for(engine, "checkout")
    def _checkout(*_: Any) -> None:
        counts["checkouts"] += 1

    return counts


async def _measure(
    app: Any, steps: dict[str, Callable[[Any], Awaitable[Any]]], cookies: dict[str, str], n: int, cv: bool,
    profile_step: str | None, counts: dict[str, int],
) -> None:  # fmt: skip
    import httpx

    transport = httpx.ASGITransport(app=app)
    base = "http://testserver"
    async with httpx.AsyncClient(transport=transport, base_url=base, headers={"Origin": base}, cookies=cookies) as c:
        for name in STEPS:
            if name == "cv" and not cv:
                continue
            f = steps[name]
            reps = max(2, n // 5) if name == "cv" else n
            for _ in range(1 if name == "cv" else 3):
                await f(c)
            if name in (profile_step or "").split(","):
                # the CPU clock with KRAPTE_BENCH_PROFILE_CLOCK=cpu: waits (a commit's fsync) then count as 0
                cpu_clock = os.environ.get("KRAPTE_BENCH_PROFILE_CLOCK") == "cpu"
                prof = cProfile.Profile(time.process_time) if cpu_clock else cProfile.Profile()
                prof.enable()
                for _ in range(reps):
                    await f(c)
                prof.disable()
                pstats.Stats(prof).sort_stats(os.environ.get("KRAPTE_BENCH_PROFILE_SORT", "cumulative")).print_stats(60)
                continue
            before = dict(counts)
            cpu, walls = time.process_time(), []
            for _ in range(reps):
                start = time.perf_counter()
                await f(c)
                walls.append(time.perf_counter() - start)
            cpu = time.process_time() - cpu
            p95 = float(np.percentile(walls, 95)) * 1000
            sql, checkouts = ((counts[k] - before[k]) / reps for k in ("sql", "checkouts"))
            print(f"{name:12} {cpu / reps * 1000:10.1f} {sum(walls) / reps * 1000:11.1f} {p95:11.1f} {sql:8.1f} "
                  f"{checkouts:9.1f} {reps:5d}")  # fmt: skip


def _session(client: Any) -> dict[str, str]:
    client.cookies.clear()
    client.get("/inloggen")
    token = client.cookies["krapte_csrf"]
    form = {"username": ADVISOR, "password": PASSWORD, "csrf_token": token}
    r = client.post("/inloggen", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    return {"krapte_session": client.cookies["krapte_session"]}
