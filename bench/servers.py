"""Shared by the benchmarks that load a real server: a free port, uvicorn with N workers, a fresh PostgreSQL
database per run, and signing in through the web form. Not a benchmark itself (no ``bench_`` prefix)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

import httpx
import sqlalchemy as sa

from krapte.web.devserver import free_port

__all__ = ["drop_database", "free_port", "postgres_database", "serve", "sign_in"]


def serve(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    """``uvicorn krapte.api.app:create_app`` on loopback with ``workers`` processes; returns once it answers."""
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "krapte.api.app:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        # uvicorn kills a worker that leaves its health ping unanswered for 5 s (the default); a worker's first CV
        # loads the extraction engines in calls that hold the interpreter lock for seconds on a loaded machine
        "--timeout-worker-healthcheck",
        "60",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start")


def sign_in(base: str, username: str, password: str) -> dict[str, str]:
    """The session cookie of ``username`` after signing in through the web form (as a browser does)."""
    with httpx.Client(base_url=base) as c:
        c.get("/inloggen")
        token = c.cookies["krapte_csrf"]
        r = c.post(
            "/inloggen",
            data={"username": username, "password": password, "csrf_token": token},
            headers={"Origin": base},
        )
        assert r.status_code == 303, r.text
        return {"krapte_session": c.cookies["krapte_session"]}


def postgres_database() -> tuple[str, str] | None:
    """(admin URL, URL of a new empty database) on the server named by ``KRAPTE_TEST_POSTGRES_URL``, else None."""
    admin = os.environ.get("KRAPTE_TEST_POSTGRES_URL")
    if not admin:
        return None
    name = f"krapte_bench_{uuid.uuid4().hex[:8]}"
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin, str(sa.engine.make_url(admin).set(database=name))


def drop_database(admin: str, url: str) -> None:
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{sa.engine.make_url(url).database}" WITH (FORCE)'))
    engine.dispose()
