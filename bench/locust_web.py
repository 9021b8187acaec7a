"""The locust user of ``bench/bench_web_load.py`` (not a benchmark itself: run by locust in a second process).

One scenario per run, named by ``KRAPTE_LOAD_SCENARIO``; ``KRAPTE_LOAD_DATA`` is a JSON file the bench wrote with
what the steps need (the state of each step of a real route, the CV file, the advisor's session and a vacancy).
Every Gouden Poort request goes through the same routes and forms as the pages: a POST with the CSRF cookie,
the token in the form and the site's own Origin.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from locust import FastHttpUser, HttpUser, constant, events, task

SCENARIO = os.environ.get("KRAPTE_LOAD_SCENARIO", "health")
_DATA_FILE = os.environ.get("KRAPTE_LOAD_DATA")
DATA: dict[str, Any] = json.loads(Path(_DATA_FILE).read_text()) if _DATA_FILE else {}

#: scenario → the request's name in the report
STEPS = {
    "health": "GET /api/v1/health (baseline)",
    "start_page": "GET /poort (baseline page)",
    "cv": "CV upload → skills",
    "pathways": "skills → pathways",
    "plan": "pathway → training plan",
    "vacancies": "vacancies",
    "shortlist": "advisor shortlist",
}


_CPU_FILE = os.environ.get("KRAPTE_LOAD_CPU_FILE")
_cpu_at_start = [0.0]


@events.test_start.add_listener
@events.spawning_complete.add_listener
def _cpu_start(**_: Any) -> None:
    """Counted from when every user runs (the statistics restart then too: ``--reset-stats``)."""
    _cpu_at_start[0] = time.process_time()


@events.test_stop.add_listener
def _cpu_stop(**_: Any) -> None:
    """Write the CPU seconds locust used while it sent load (its start-up and imports left out)."""
    if _CPU_FILE:
        Path(_CPU_FILE).write_text(f"{time.process_time() - _cpu_at_start[0]:.6f}")


#: ``FastHttpUser`` (geventhttpclient) by default: the same requests as ``HttpUser`` (python-requests) with a
#: fraction of its CPU, which matters when locust shares the server's cores; ``KRAPTE_BENCH_WEB_CLIENT=http``
#: switches back to ``HttpUser``
BASE: type[HttpUser] | type[FastHttpUser] = (
    HttpUser if os.environ.get("KRAPTE_BENCH_WEB_CLIENT") == "http" else FastHttpUser
)


class Visitor(BASE):  # type: ignore[valid-type,misc]
    wait_time = constant(0)

    def on_start(self) -> None:
        if SCENARIO == "shortlist":
            for name, value in DATA["session"].items():
                self._set_cookie(name, value)
        self.client.get("/poort", name="(set-up)")
        self.token = self._cookie("krapte_csrf")
        self.headers = {"Origin": self.host}
        self.cv = Path(DATA["cv"]).read_bytes() if SCENARIO == "cv" else b""

    def _cookie(self, name: str) -> str:
        jar = self.client.cookiejar if isinstance(self, FastHttpUser) else self.client.cookies
        return next((c.value for c in jar if c.name == name), "")

    def _set_cookie(self, name: str, value: str) -> None:
        if isinstance(self, FastHttpUser):
            from http.cookiejar import Cookie

            host = self.host.split("://", 1)[-1].split(":")[0]
            self.client.cookiejar.set_cookie(Cookie(0, name, value, None, False, host, False, False, "/", True,
                                                    False, None, False, None, None, {}))  # fmt: skip
        else:
            self.client.cookies.set(name, value)

    def _post(self, path: str, fields: list[tuple[str, str]], files: dict[str, Any] | None = None) -> None:
        data = [("csrf_token", self.token), *fields]
        kwargs: dict[str, Any] = {"data": data, "files": files}
        if isinstance(self, FastHttpUser):
            # geventhttpclient sends a body as given: encode it as python-requests does (same bytes and
            # Content-Type; a multipart body only differs in its random boundary)
            from requests.models import RequestEncodingMixin

            body, content_type = (RequestEncodingMixin._encode_files(files, data) if files else
                                  (urlencode(data), "application/x-www-form-urlencoded"))  # fmt: skip
            kwargs = {"data": body, "headers": {**self.headers, "Content-Type": content_type}}
        else:
            kwargs["headers"] = self.headers
        with self.client.post(path, name=STEPS[SCENARIO], catch_response=True, **kwargs) as r:
            if r.status_code != 200 or 'name="state"' not in r.text:
                r.failure(f"{r.status_code}")

    @task
    def step(self) -> None:
        if SCENARIO == "health":
            self.client.get("/api/v1/health", name=STEPS[SCENARIO])
        elif SCENARIO == "start_page":
            self.client.get("/poort", name=STEPS[SCENARIO])
        elif SCENARIO == "cv":
            self._post("/poort/start", [("how", "cv")], files={"cv": ("cv.pdf", self.cv, "application/pdf")})
        elif SCENARIO == "pathways":
            fields = [("state", DATA["skills_state"]), *(("keep", k) for k in DATA["keep"])]
            fields += [("gemeente", "Amersfoort"), ("travel_km", "30"), ("hours", "32"), ("action", "next")]
            self._post("/poort/vaardigheden", fields)
        elif SCENARIO == "plan":
            self._post("/poort/plan", [("state", DATA["cards_state"]), ("target", DATA["target"])])
        elif SCENARIO == "vacancies":
            self._post("/poort/vacatures", [("state", DATA["plan_state"])])
        elif SCENARIO == "shortlist":
            with self.client.get(f"/adviseur/vacature/{DATA['vacancy']}", name=STEPS[SCENARIO],
                                 catch_response=True) as r:  # fmt: skip
                if r.status_code != 200 or 'id="candidates"' not in r.text:
                    r.failure(f"{r.status_code}")
