"""Time each step of the Gouden Poort route with the test client (docs/web.md, "Measured").

Usage: PYTHONPATH=src:. python scripts/time_poort.py [runs]
A fresh SQLite store in a temporary directory, part of the labelled demo set (tests.web.test_poort.load_demo),
the fixture CV as PDF; one warm-up route, then ``runs`` timed routes (default 5).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from typing import Any


def main(runs: int = 5) -> None:
    folder = tempfile.mkdtemp()
    os.environ["KRAPTE_DATA_DIR"] = folder
    os.environ["KRAPTE_DATABASE_URL"] = f"sqlite:///{folder}/krapte.sqlite"
    from fastapi.testclient import TestClient
    from tests.web import test_poort as route

    from krapte.api.app import create_app
    from krapte.settings import Settings

    app = create_app(Settings.from_env())
    route.load_demo(app)
    times: dict[str, list[float]] = {}
    with TestClient(app) as client:
        route._cv_route(client)  # warm-up: models, indexes, catalogue
        post = client.post

        def timed(url: str, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            response = post(url, *args, **kwargs)
            times.setdefault(url.split("?")[0], []).append(time.perf_counter() - start)
            return response

        client.post = timed  # type: ignore[method-assign,assignment]
        for _ in range(runs):
            route._cv_route(client)
    for url, values in times.items():
        median, worst = statistics.median(values) * 1000, max(values) * 1000
        print(f"{url:25s} median {median:7.0f} ms  max {worst:7.0f} ms  n={len(values)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
