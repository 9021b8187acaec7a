"""Load the embedded default data into a store (``krapte setup`` / ``make run``).

Each domain contributes one loader; loaders are idempotent, so running setup twice changes nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from krapte.settings import Settings
from krapte.store import Store

Progress = Callable[[str], Any] | None

# (module, function) pairs; each function has the signature ``(store, settings, progress) -> dict``.
LOADERS: tuple[tuple[str, str], ...] = (
    ("krapte.taxonomy.defaults", "load_default_taxonomy"),
    ("krapte.labour.defaults", "load_default_labour"),
    ("krapte.monitor.defaults", "load_default_monitor"),
    ("krapte.match.defaults", "load_default_match"),
)


def load_defaults(store: Store, settings: Settings, progress: Progress = None) -> dict[str, Any]:
    """Run every domain's default loader and return what each reported."""
    report: dict[str, Any] = {}
    for module_name, function_name in LOADERS:
        module = importlib.import_module(module_name)
        if progress:
            progress(f"loading defaults: {module_name.split('.')[1]}")
        report[module_name.split(".")[1]] = getattr(module, function_name)(store, settings, progress)
    return report
