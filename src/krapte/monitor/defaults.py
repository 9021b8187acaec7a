"""The embedded monitor defaults: the measures of the action plan and the indicator panel.

``default_measures`` and ``default_panel`` read the package data (pure). ``load_default_monitor`` is the loader
``krapte setup`` runs (see ``krapte.defaults.LOADERS``); it is the one place where the monitor hands its
defaults to the store adapter, imported inside the function so that the domain package stays store-free.
Loading is idempotent: measures already in the registry are left as users edited them, and the panel is
only written when it is not there yet.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from krapte.monitor.indicators import Indicator, Observation
from krapte.monitor.measures import Measure, load_measures

MEASURES_DATASET = "measures-actieplan-2023"
INDICATORS_DATASET = "indicators-agdb"
SETUP_ACTOR = "krapte setup"


def default_measures() -> list[Measure]:
    """The measures of the Actieplan Groene en Digitale Banen as curated in the embedded seed."""
    path = resources.files("krapte.data") / MEASURES_DATASET / "measures.json"
    return load_measures(json.loads(path.read_text(encoding="utf-8")), where=f"{MEASURES_DATASET}/measures.json")


def default_panel() -> tuple[list[Indicator], list[Observation]]:
    """The embedded indicator definitions and observations."""
    folder = resources.files("krapte.data") / INDICATORS_DATASET
    indicators = [Indicator.from_dict(d) for d in json.loads((folder / "indicators.json").read_text(encoding="utf-8"))]
    text = gzip.decompress((folder / "observations.csv.gz").read_bytes()).decode("utf-8")
    observations = [
        Observation(r["indicator"], r["region"], r["period"], float(r["value"]), r["vintage"], r["source"])
        for r in csv.DictReader(io.StringIO(text))
    ]
    return indicators, observations


def load_default_monitor(store: Any, settings: Any, progress: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """Load the default measures and panel into ``store`` (idempotent); return counts."""
    from krapte.store import monitor as repo

    measures = default_measures()
    report: dict[str, Any] = {"measures": repo.upsert_measures(store, measures, actor=SETUP_ACTOR)}
    indicators, observations = default_panel()
    stored = {ind.id: n for ind, n in repo.list_indicators(store)}
    per_indicator: dict[str, int] = {}
    for obs in observations:
        per_indicator[obs.indicator] = per_indicator.get(obs.indicator, 0) + 1
    if all(stored.get(i.id, -1) >= per_indicator.get(i.id, 0) for i in indicators):
        report["indicators"] = {"kept": len(indicators), "observations": sum(per_indicator.values())}
    else:
        if progress:
            progress(f"loading {len(observations)} indicator observations")
        result = repo.save_panel(store, indicators, observations, actor=SETUP_ACTOR)
        report["indicators"] = dict(result.counts)
    return report
