"""Matching services benchmark: the setup loader (demo set through the extraction) and warm service latencies.

Runs on a fresh temporary SQLite store: loads the 280 demo vacancies and 63 demo courses with the lexical
extraction (what ``krapte setup`` does), then times the orientation services as an anonymous caller (each call
writes its audit entry): pathways from an occupation, with a region's shortage, from a profile; a training plan
(objective cost, mbo qualifications + demo courses); vacancies for a profile; the tickable skill list.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _median_ms(f: Callable[[], Any], n: int) -> float:
    f()
    xs = []
    for _ in range(n):
        a = time.perf_counter()
        f()
        xs.append(time.perf_counter() - a)
    return statistics.median(xs) * 1000


def run(quick: bool) -> None:
    from krapte.match.defaults import load_default_match
    from krapte.services import Context, Principal
    from krapte.services import match as svc
    from krapte.settings import Settings
    from krapte.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        store = open_store(url=url)
        start = time.perf_counter()
        report = load_default_match(store, None)
        print(
            f"setup loader: {report['vacancies']} vacancies + {report['courses']} courses in "
            f"{time.perf_counter() - start:.1f} s (lexical extraction)"
        )
        start = time.perf_counter()
        load_default_match(store, None)
        print(f"setup loader again (unchanged): {time.perf_counter() - start:.3f} s")
        ctx = Context(store, Principal.anonymous(), Settings(data_dir=Path(tmp), database_url=url))
        profile = svc.profile_from_occupation(ctx, "callcentermedewerker")
        n = 2 if quick else 5
        cases: list[tuple[str, Callable[[], Any]]] = [
            ("pathways(origin lasser, top 10)", lambda: svc.pathways(ctx, origin="lasser")),
            ("pathways(origin lasser, region AM13)", lambda: svc.pathways(ctx, origin="lasser", region="AM13")),
            ("pathways(profile)", lambda: svc.pathways(ctx, profile=profile)),
            (
                "training_plan(cost, to medewerker helpdesk)",
                lambda: svc.training_plan(ctx, profile=profile, target="medewerker helpdesk", objective="cost"),
            ),
            ("vacancies_for(profile, top 20)", lambda: svc.vacancies_for(ctx, profile=profile)),
            ("skill_choices", lambda: svc.skill_choices(ctx)),
        ]
        for name, f in cases:
            print(f"{name}: median {_median_ms(f, n):.0f} ms (n={n}, warm)")
        store.dispose()
