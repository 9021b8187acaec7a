"""Load test of the people's web app (issue 10): the Gouden Poort steps and the advisor shortlist under locust.

The app runs under uvicorn on loopback with as many worker processes as cores, on SQLite and (when
``KRAPTE_TEST_POSTGRES_URL`` names a server) on a fresh PostgreSQL database. The store holds part of the
labelled demo set (the vacancies of Midden-Utrecht and Amersfoort, 24 courses and the mbo qualifications) and an
advisor with 20 clients, each with a profile. The load comes from locust in a second process, one scenario at a
time, with users that send their next request as soon as the last one is answered:

- baselines: ``GET /api/v1/health`` (no work) and ``GET /poort`` (the first page: a template and the skill list);
- the Gouden Poort steps through the same forms as the pages (CSRF token, Origin): a two-page Dutch CV PDF to
  skills (``tests/fixtures/documents/cv_nl_two_pages.pdf``), skills to pathway cards, a pathway to a training
  plan, and the vacancies;
- the advisor's shortlist of own clients for a vacancy (``GET /adviseur/vacature/{id}``, signed in).

Goal (issue 10): at least 100 pathway or matching requests/s at p95 <= 200 ms on 2 cores, and a CV-to-skills
p95 <= 2 s. Run: ``python -m bench web_load [--quick]``.

Each row also gives the CPU milliseconds per request of the server (the uvicorn processes) and of the client
(the locust process while it sends load, its start-up left out), from the operating system's counters. Environment:

- ``KRAPTE_BENCH_WEB_STEPS=pathways,vacancies,shortlist`` runs only these scenarios (names as in
  :data:`SCENARIOS`; the route and the warm-up still run once);
- ``KRAPTE_BENCH_WEB_DB=sqlite`` or ``postgresql`` runs one database only;
- ``KRAPTE_BENCH_WEB_SECONDS`` sets the seconds per scenario (default 30, 10 with ``--quick``);
- ``KRAPTE_BENCH_WEB_CLIENT=http`` makes locust send with ``HttpUser`` (python-requests) instead of
  ``FastHttpUser`` (geventhttpclient, the default): the same requests, forms and cookies, more client CPU;
- ``KRAPTE_BENCH_WEB_SRC=/path/to/other/src`` serves another checkout's ``src`` (a baseline in the same run);
- ``KRAPTE_BENCH_WEB_CV=0`` leaves the CV step out.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import psutil

from bench.servers import drop_database, free_port, postgres_database, serve, sign_in

ROOT = Path(__file__).resolve().parents[1]
CV = ROOT / "tests" / "fixtures" / "documents" / "cv_nl_two_pages.pdf"
PASSWORD = "benchmark password 1234"
ADVISOR = "adviseur@example.nl"
CLIENTS = 20
#: users started per second. All users at once open their keep-alive connections in the same few milliseconds, and
#: the first uvicorn worker to wake accepts them all from the shared socket (asyncio accepts a whole backlog per
#: wake-up): one worker then served 99-100 % of the requests in 15 s runs, the other idled (pathways 84-111 req/s
#: against 152-190 when balanced, 2026-12-07). Users who arrive over a few seconds are spread by whichever worker
#: is free, as real visitors are; locust's statistics restart once all users run (``--reset-stats``).
SPAWN_RATE = 2.0
#: (scenario, locust users): the CV step is CPU-bound seconds of work, so one user per worker
SCENARIOS = (
    ("health", 8),
    ("start_page", 8),
    ("cv", 2),
    ("pathways", 8),
    ("plan", 8),
    ("vacancies", 8),
    ("shortlist", 8),
)
#: occupations of the advisor's clients (each resolved to an ESCO occupation; skills inferred from it)
OCCUPATIONS = ("elektricien", "lasser", "vrachtwagenchauffeur", "loodgieter", "timmerman", "magazijnmedewerker",
               "schilder", "automonteur", "dakdekker", "installatiemonteur")  # fmt: skip


def prepare_store() -> None:
    """Fill the store named by the environment (run in a subprocess, as the command line would); print JSON."""
    from tests.web.test_poort import load_demo_into

    from krapte.match import Location
    from krapte.services import Role, accounts
    from krapte.services import match as svc
    from krapte.services.system import open_context
    from krapte.settings import Settings

    root = open_context(Settings.from_env())
    load_demo_into(root)
    advisor = accounts.create_user(root, ADVISOR, role=Role.ADVISOR, password=PASSWORD)
    made = 0
    for i in range(CLIENTS):
        person = accounts.create_user(root, f"client{i}@example.nl", role=Role.JOB_SEEKER, password=PASSWORD)
        accounts.add_client(root, advisor.id, person.id)
        profile = svc.profile_from_occupation(root, OCCUPATIONS[i % len(OCCUPATIONS)])
        profile = replace(profile, home=Location(gemeente="GM0307", name="Amersfoort"), travel_km=40.0)
        svc.save_profile(root, profile, owner_id=person.id)
        made += 1
    vacancies = svc.list_vacancies(root, region="Amersfoort", limit=50)
    print(json.dumps({"vacancy": vacancies[0].id, "vacancies": len(vacancies), "profiles": made}))


def _prepare(env: dict[str, str]) -> dict[str, Any]:
    code = "from bench.bench_web_load import prepare_store; prepare_store()"
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-2000:])
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _state(html: str) -> str:
    found = re.search(r'name="state" value="([^"]*)"', html)
    if not found:
        raise RuntimeError(f"no state on the page: {html[:500]}")
    return found.group(1)


def _route(base: str, cv: bool, client: httpx.Client | None = None) -> dict[str, Any]:
    """Walk the route once (CV, or without ``cv`` the CV person's past job, → skills → cards → plan) and keep
    each step's form for the load scenarios (through ``client`` when given, e.g. an in-process TestClient)."""
    own = httpx.Client(base_url=base, timeout=600, headers={"Origin": base}) if client is None else None
    with contextlib.nullcontext(client) if own is None else own as c:
        c.get("/poort")
        token = c.cookies["krapte_csrf"]
        if cv:
            r = c.post("/poort/start", data={"how": "cv", "csrf_token": token},
                       files={"cv": ("cv.pdf", CV.read_bytes(), "application/pdf")})  # fmt: skip
        else:
            r = c.post("/poort/start", data={"how": "occupation", "occupation": "vrachtwagenchauffeur",
                                             "csrf_token": token})  # fmt: skip
        r.raise_for_status()
        skills_state, keep = _state(r.text), re.findall(r'name="keep" value="([^"]+)"', r.text)
        form = {"csrf_token": token, "state": skills_state, "keep": keep, "gemeente": "Amersfoort",
                "travel_km": "30", "hours": "32", "action": "next"}  # fmt: skip
        r = c.post("/poort/vaardigheden", data=form)
        r.raise_for_status()
        cards_state, targets = _state(r.text), re.findall(r'name="target" value="([^"]+)"', r.text)
        r = c.post("/poort/plan", data={"csrf_token": token, "state": cards_state, "target": targets[0]})
        r.raise_for_status()
        plan_state = _state(r.text)
        r = c.post("/poort/vacatures", data={"csrf_token": token, "state": plan_state})
        r.raise_for_status()
        jobs = r.text.count('class="job')
    return {"skills_state": skills_state, "keep": keep, "cards_state": cards_state, "target": targets[0],
            "plan_state": plan_state, "skills": len(keep), "cards": len(targets), "jobs": jobs}  # fmt: skip


def _warm(base: str, data: dict[str, Any], cv: bool) -> None:
    """Send each step a few times from parallel clients, so every worker has loaded its models and caches."""

    def once() -> None:
        with httpx.Client(base_url=base, timeout=600, headers={"Origin": base}, cookies=data["session"]) as c:
            c.get("/poort")
            token = c.cookies["krapte_csrf"]
            if cv:
                c.post("/poort/start", data={"how": "cv", "csrf_token": token},
                       files={"cv": ("cv.pdf", CV.read_bytes(), "application/pdf")})  # fmt: skip
            c.post("/poort/vaardigheden", data={"csrf_token": token, "state": data["skills_state"],
                   "keep": data["keep"], "action": "next"})  # fmt: skip
            c.post("/poort/plan", data={"csrf_token": token, "state": data["cards_state"], "target": data["target"]})
            c.post("/poort/vacatures", data={"csrf_token": token, "state": data["plan_state"]})
            c.get(f"/adviseur/vacature/{data['vacancy']}")

    threads = [threading.Thread(target=once) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def _locust(
    base: str, scenario: str, users: int, seconds: int, data_file: Path, out: Path, server: psutil.Process
) -> dict[str, str]:
    """One headless locust run in a second process; its statistics row, with the CPU ms per request of the
    server's processes and of locust's."""
    prefix = out / scenario
    ramp = users / SPAWN_RATE
    env = {**os.environ, "KRAPTE_LOAD_SCENARIO": scenario, "KRAPTE_LOAD_DATA": str(data_file)}
    cmd = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locust_web.py"), "--headless",
           "-u", str(users), "-r", str(SPAWN_RATE), "--reset-stats", "-t", f"{seconds + math.ceil(ramp)}s",
           "--host", base, "--csv", str(prefix),
           "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "30"]  # fmt: skip
    cpu_file = out / f"{scenario}.cpu"
    env["KRAPTE_LOAD_CPU_FILE"] = str(cpu_file)
    with subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        time.sleep(ramp)  # the server's CPU counts from when every user runs, as locust's statistics do
        before = _cpu_by_process(server)
        proc.wait(timeout=seconds + 300)
    used = {pid: cpu - before.get(pid, 0.0) for pid, cpu in _cpu_by_process(server).items()}
    server_cpu = sum(used.values())
    client_cpu = float(cpu_file.read_text())
    with open(f"{prefix}_stats.csv", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["Name"] not in ("Aggregated", "(set-up)")]
    if not rows:
        raise RuntimeError(f"locust wrote no statistics for {scenario}")
    row = dict(rows[0])
    # the set-up requests (one GET /poort per user) ran during the ramp, before the server's CPU was first read
    requests = int(row["Request Count"])
    row["server ms"] = f"{server_cpu / requests * 1000:.1f}"
    row["client ms"] = f"{client_cpu / requests * 1000:.1f}"
    # uvicorn's workers accept from one shared socket and locust keeps its connections open, so the connections
    # (and the work) may be shared unevenly between the workers: the busiest worker's share of the server's CPU
    row["busiest"] = f"{max(used.values()) / server_cpu * 100:.0f} %" if server_cpu > 0 else "–"
    return row


def _cpu_by_process(server: psutil.Process) -> dict[int, float]:
    """CPU seconds (user + system) used so far by the uvicorn process and by each of its workers, by pid."""
    out: dict[int, float] = {}
    for proc in (server, *server.children(recursive=True)):
        with contextlib.suppress(psutil.Error):
            times = proc.cpu_times()
            out[proc.pid] = times.user + times.system
    return out


def _label_index_ready() -> bool:
    """The CV step needs the skill label index in the cache; without it every worker would first build it."""
    folder = os.environ.get("KRAPTE_CACHE_DIR")
    if not folder:
        return True
    return any(not _being_built(p) for p in Path(folder).glob("index-*-skill.npz"))


def _being_built(path: Path) -> bool:
    """True while another process holds the index's build lock (the ``.lock`` file itself stays after a build)."""
    import fcntl

    lock = Path(f"{path}.lock")
    if not lock.exists():
        return False
    with open(lock, "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
    return False


def run(quick: bool) -> None:
    workers = os.cpu_count() or 2
    cv = os.environ.get("KRAPTE_BENCH_WEB_CV", "1") != "0" and _label_index_ready()
    chosen = [s.strip() for s in os.environ.get("KRAPTE_BENCH_WEB_STEPS", "").split(",") if s.strip()]
    unknown = set(chosen) - {name for name, _ in SCENARIOS}
    if unknown:
        raise SystemExit(
            f"KRAPTE_BENCH_WEB_STEPS: unknown step(s) {sorted(unknown)}; known: {[n for n, _ in SCENARIOS]}"
        )
    scenarios = [s for s in SCENARIOS if (cv or s[0] != "cv") and (not chosen or s[0] in chosen)]
    if not cv:
        print("the CV step is left out (KRAPTE_BENCH_WEB_CV=0, or no skill label index in KRAPTE_CACHE_DIR yet); "
              "the route starts from the CV person's past job instead")  # fmt: skip
    seconds = int(os.environ.get("KRAPTE_BENCH_WEB_SECONDS", "10" if quick else "30"))
    databases = os.environ.get("KRAPTE_BENCH_WEB_DB", "sqlite,postgresql").lower().split(",")
    src = Path(os.environ.get("KRAPTE_BENCH_WEB_SRC", str(ROOT / "src"))).resolve()
    client = "HttpUser" if os.environ.get("KRAPTE_BENCH_WEB_CLIENT") == "http" else "FastHttpUser"
    with tempfile.TemporaryDirectory() as tmp:
        targets: list[tuple[str, str, str | None]] = []
        if "sqlite" in databases:
            targets.append(("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite'}", None))
        pg = postgres_database() if "postgresql" in databases else None
        if pg:
            targets.append(("PostgreSQL", pg[1], pg[0]))
        print(f"uvicorn workers={workers} on loopback serving {src}; locust ({client}) in a second process, "
              f"{seconds} s per scenario, users without think time, started {SPAWN_RATE:g} per second (statistics from "
              f"when all run); CV: tests/fixtures/documents/cv_nl_two_pages.pdf "
              f"(2 pages); load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")  # fmt: skip
        head = f"{'database':10} {'step':32} {'users':>5} {'req/s':>7} " + " ".join(
            f"{h:>7}" for h in ("p50 ms", "p95 ms", "p99 ms", "fail", "srv CPU", "cli CPU", "busiest")
        )
        for label, url, admin in targets:
            folder = Path(tmp) / label
            folder.mkdir()
            env = {**os.environ, "KRAPTE_DATA_DIR": str(folder), "KRAPTE_DATABASE_URL": url}
            env["PYTHONPATH"] = os.pathsep.join([str(src), str(ROOT), env.get("PYTHONPATH", "")])
            env["KRAPTE_LOGIN_MAX_FAILURES"] = "1000"
            prepared = _prepare(env)
            port = free_port()
            server = serve(env, port, workers)
            base = f"http://127.0.0.1:{port}"
            try:
                data = {**prepared, **_route(base, cv), "cv": str(CV), "session": sign_in(base, ADVISOR, PASSWORD)}
                source = "the CV" if cv else "the past job"
                print(f"\n{label}: {data['skills']} skills from {source}, {data['cards']} pathway cards, "
                      f"{data['jobs']} vacancies; advisor with {data['profiles']} client profiles, "
                      f"{data['vacancies']} vacancies in Amersfoort")  # fmt: skip
                data_file = folder / "load.json"
                data_file.write_text(json.dumps(data))
                _warm(base, data, cv)
                print(
                    head
                    + "   (CPU: ms per request; load average "
                    + " ".join(f"{x:.1f}" for x in os.getloadavg())
                    + ")"
                )
                for scenario, users in scenarios:
                    row = _locust(base, scenario, users, seconds, data_file, folder, psutil.Process(server.pid))
                    print(f"{label:10} {row['Name']:32} {users:5d} {float(row['Requests/s']):7.1f} "
                          f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7} {row['Failure Count']:>7} "
                          f"{row['server ms']:>7} {row['client ms']:>7} {row['busiest']:>7}")  # fmt: skip
            finally:
                server.terminate()
                server.wait(timeout=30)
                if admin:
                    drop_database(admin, url)
