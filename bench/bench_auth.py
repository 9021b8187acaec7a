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
Row = tuple[str, str, dict[str, str], dict[str, str]]
Sample = tuple[float, float, float, int]


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
) -> Sample:
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


def _rounds(base: str, rows: list[Row], rounds: int, seconds: float, threads: int) -> dict[str, list[Sample]]:
    """Every row ``rounds`` times, interleaved (round-robin, the order rotating each round), so that a change in the
    machine's load during the run hits every row alike; the caller reports the median per row."""
    samples: dict[str, list[Sample]] = {name: [] for name, *_ in rows}
    for r in range(rounds):
        for name, path, headers, cookies in rows[r % len(rows) :] + rows[: r % len(rows)]:
            samples[name].append(_load(base, path, seconds, threads, headers, cookies))
    return samples


def _median(samples: list[Sample]) -> Sample:
    rps, p50, p95, errors = zip(*samples, strict=True)
    return float(np.median(rps)), float(np.median(p50)), float(np.median(p95)), sum(errors)


def run(quick: bool) -> None:
    """``KRAPTE_BENCH_AUTH_DATABASES=postgresql`` (or ``sqlite``) limits the run to one database."""
    workers = os.cpu_count() or 2
    seconds, rounds = (2.0, 3) if quick else (4.0, 5)
    threads = 8
    only = os.environ.get("KRAPTE_BENCH_AUTH_DATABASES", "sqlite,postgresql").lower().split(",")
    with tempfile.TemporaryDirectory() as tmp:
        targets: list[tuple[str, str, str | None]] = []
        if "sqlite" in only:
            targets.append(("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite'}", None))
        pg = postgres_database() if "postgresql" in only else None
        if pg:
            targets.append(("PostgreSQL", pg[1], pg[0]))
        print(
            f"uvicorn workers={workers}, load: {threads} keep-alive clients, {rounds} interleaved rounds of "
            f"{seconds:.0f} s per row; median of the rounds (errors: total)"
        )
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
                rows: list[Row] = [
                    ("GET /api/v1/me anonymous", "/api/v1/me", {}, {}),
                    ("GET /api/v1/me session cookie", "/api/v1/me", {}, session),
                    ("GET /api/v1/me bearer token", "/api/v1/me", {"Authorization": f"Bearer {token}"}, {}),
                    ("GET /api/v1/measures public", "/api/v1/measures", {}, {}),
                ]
                results = {name: _median(s) for name, s in _rounds(base, rows, rounds, seconds, threads).items()}
                for name, (rps, p50, p95, errs) in results.items():
                    print(f"{label:10} {name:32} {rps:8.0f} {p50:8.1f} {p95:8.1f} {errs:6d}")
                anon = results["GET /api/v1/me anonymous"]
                for name in ("GET /api/v1/me session cookie", "GET /api/v1/me bearer token"):
                    rps, p50, _, _ = results[name]
                    print(
                        f"{label:10}   overhead of {name.split(' ', 3)[-1]:14}: {p50 - anon[1]:+.1f} ms p50, "
                        f"{100 * (rps / anon[0] - 1):+.0f} % req/s against the same route anonymous"
                    )
            finally:
                server.terminate()
                server.wait(timeout=30)
                if admin:
                    drop_database(admin, url)
