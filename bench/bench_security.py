"""Cost of the safety layer: request limits and security headers per request, and the JSON depth scan.

Baselines in the same run: the same app with the two middlewares removed (per-request latency), and
``json.loads`` of the same document (depth scan). ``python -m bench security [--quick]``.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient

from krapte.security.safe_json import json_depth
from krapte.settings import Settings


def _latencies(client: TestClient, path: str, n: int, **kwargs: object) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.request("POST" if "json" in kwargs else "GET", path, **kwargs)  # type: ignore[arg-type]
        out.append(time.perf_counter() - start)
        assert response.status_code < 500
    return out


def _app(settings: Settings, guarded: bool):  # type: ignore[no-untyped-def]
    from krapte.api.app import create_app

    app = create_app(settings)
    if not guarded:
        app.user_middleware = [m for m in app.user_middleware if "krapte" not in m.cls.__module__]  # type: ignore[attr-defined]
    return app


def run(quick: bool) -> None:
    n = 300 if quick else 2000
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(Settings.from_env({"KRAPTE_DATA_DIR": tmp}), cache_dir_override=Path(tmp) / "cache")
        body = {"id": "B-1", "title_nl": "x" * 2000, "pillars": ["P1"]}
        for label, path, kwargs in (
            ("GET /api/v1/health", "/api/v1/health", {}),
            ("POST /api/v1/measures (2 KB JSON, 422)", "/api/v1/measures", {"json": body}),
        ):
            clients = {g: TestClient(_app(settings, g), raise_server_exceptions=False) for g in (False, True)}
            samples: dict[bool, list[float]] = {False: [], True: []}
            for client in clients.values():
                client.__enter__()
                _latencies(client, path, 50, **kwargs)  # warm up
            for _ in range(n // 20):  # interleaved rounds, so load from other processes hits both alike
                for guarded, client in clients.items():
                    samples[guarded] += _latencies(client, path, 20, **kwargs)
            for client in clients.values():
                client.__exit__(None, None, None)
            figures = {}
            for guarded, values in samples.items():
                values.sort()
                figures[guarded] = (statistics.median(values), values[int(0.95 * len(values))])
            (p50_off, p95_off), (p50_on, p95_on) = figures[False], figures[True]
            print(
                f"{label}: p50 {p50_on * 1e3:.2f} ms with limits+headers vs {p50_off * 1e3:.2f} ms without "
                f"(+{(p50_on - p50_off) * 1e6:.0f} µs); p95 {p95_on * 1e3:.2f} vs {p95_off * 1e3:.2f} ms; n={n}"
            )
    rng = random.Random(1)
    rows = [
        {"region": f"GM{rng.randint(0, 9999):04d}", "year": 2000 + i % 25, "y": rng.random(), "note": 'a "b" [c]'}
        for i in range(20_000 if quick else 120_000)
    ]
    data = json.dumps({"panel": rows}).encode()
    start = time.perf_counter()
    depth = json_depth(data)
    scan = time.perf_counter() - start
    start = time.perf_counter()
    json.loads(data)
    parse = time.perf_counter() - start
    print(
        f"JSON depth scan of a {len(data) / 1e6:.1f} MB panel (depth {depth}): {scan:.3f} s "
        f"({len(data) / 1e6 / scan:.0f} MB/s) vs json.loads {parse:.3f} s"
    )
