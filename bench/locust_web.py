"""The locust user of ``bench/bench_web_load.py`` (not a benchmark itself: run by locust in a second process).

One scenario per run, named by ``KRAPTE_LOAD_SCENARIO``; ``KRAPTE_LOAD_DATA`` is a JSON file the bench wrote with
what the steps need (the state of each step of a real route, the CV file, the advisor's session and a vacancy).
Every Gouden Poort request goes through the same routes and forms as the pages: a POST with the CSRF cookie,
the token in the form and the site's own Origin.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from locust import HttpUser, constant, task

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


class Visitor(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        if SCENARIO == "shortlist":
            self.client.cookies.update(DATA["session"])
        self.client.get("/poort", name="(set-up)")
        self.token = self.client.cookies.get("krapte_csrf", "")
        self.headers = {"Origin": self.host}
        self.cv = Path(DATA["cv"]).read_bytes() if SCENARIO == "cv" else b""

    def _post(self, path: str, fields: list[tuple[str, str]], **kwargs: Any) -> None:
        data = [("csrf_token", self.token), *fields]
        with self.client.post(path, data=data, headers=self.headers, name=STEPS[SCENARIO], catch_response=True,
                              **kwargs) as r:  # fmt: skip
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
