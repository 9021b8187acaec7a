"""Authentication overhead: requests/s and p50/p95 of one read route, public vs with a session vs with a token.

The app runs under uvicorn with as many worker processes as cores, on SQLite and (when
``KRAPTE_TEST_POSTGRES_URL`` names a server) on a fresh PostgreSQL database. The load comes from another process
(threads with keep-alive httpx clients). The route is ``GET /api/v1/me``: anonymous it does no authentication
work, with a cookie it looks the session up, with a bearer token it looks the token up; the difference is the
cost of authentication on an otherwise identical route. A plain public read (``/api/v1/measures``) is the
baseline of a route that reads the store.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np

from bench.servers import drop_database, free_port, postgres_database, serve, sign_in

PASSWORD = "benchmark password 1234"


def _prepare(env: dict[str, str]) -> tuple[str, str]:
    """Create the account and a token through the services (as the CLI would); return (username, token)."""
    code = "\n".join(
        [
            "from krapte.settings import Settings",
            "from krapte.services import Principal, Role, accounts",
            "from krapte.services.system import open_context",
            "ctx = open_context(Settings.from_env())",
            f"a = accounts.create_user(ctx, 'bench@example.nl', role=Role.ANALYST, password={PASSWORD!r})",
            "own = ctx.with_principal(Principal(id=a.id, name=a.username, role=Role.ANALYST, via='session'))",
            "print(accounts.create_token(own, 'bench').token)",
        ]
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return "bench@example.nl", out.stdout.strip().splitlines()[-1]


def _load(
    base: str, path: str, seconds: float, threads: int, headers: dict[str, str], cookies: dict[str, str]
) -> tuple[float, float, float, int]:
    """(requests/s, p50 ms, p95 ms, errors) of ``threads`` keep-alive clients hammering ``path``."""
    stop = time.monotonic() + seconds
    latencies: list[list[float]] = [[] for _ in range(threads)]
    errors = [0] * threads

    def worker(i: int) -> None:
        with httpx.Client(base_url=base, headers=headers, cookies=cookies, timeout=10) as c:
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                r = c.get(path)
                latencies[i].append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors[i] += 1

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    started = time.monotonic()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.monotonic() - started
    flat = np.array([x for lst in latencies for x in lst]) * 1000
    return len(flat) / elapsed, float(np.percentile(flat, 50)), float(np.percentile(flat, 95)), sum(errors)


def run(quick: bool) -> None:
    workers = os.cpu_count() or 2
    seconds = 3.0 if quick else 10.0
    threads = 8
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite'}", None)]
        pg = postgres_database()
        if pg:
            targets.append(("PostgreSQL", pg[1], pg[0]))
        print(f"uvicorn workers={workers}, load: {threads} keep-alive clients for {seconds:.0f} s per row")
        print(f"{'database':10} {'request':32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
        for label, url, admin in targets:
            env = {**os.environ, "KRAPTE_DATA_DIR": tmp, "KRAPTE_DATABASE_URL": url}
            env["KRAPTE_LOGIN_MAX_FAILURES"] = "1000"
            username, token = _prepare(env)
            port = free_port()
            server = serve(env, port, workers)
            base = f"http://127.0.0.1:{port}"
            try:
                session = sign_in(base, username, PASSWORD)
                rows = [
                    ("GET /api/v1/me anonymous", "/api/v1/me", {}, {}),
                    ("GET /api/v1/me session cookie", "/api/v1/me", {}, session),
                    ("GET /api/v1/me bearer token", "/api/v1/me", {"Authorization": f"Bearer {token}"}, {}),
                    ("GET /api/v1/measures public", "/api/v1/measures", {}, {}),
                ]
                results = {}
                for name, path, headers, cookies in rows:
                    rps, p50, p95, errs = _load(base, path, seconds, threads, headers, cookies)
                    results[name] = (rps, p50, p95)
                    print(f"{label:10} {name:32} {rps:8.0f} {p50:8.1f} {p95:8.1f} {errs:6d}")
                anon = results["GET /api/v1/me anonymous"]
                for name in ("GET /api/v1/me session cookie", "GET /api/v1/me bearer token"):
                    rps, p50, _ = results[name]
                    print(
                        f"{label:10}   overhead of {name.split(' ', 3)[-1]:14}: {p50 - anon[1]:+.1f} ms p50, "
                        f"{100 * (rps / anon[0] - 1):+.0f} % req/s against the same route anonymous"
                    )
            finally:
                server.terminate()
                server.wait(timeout=30)
                if admin:
                    drop_database(admin, url)
