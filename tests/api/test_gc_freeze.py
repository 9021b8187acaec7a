"""A server process freezes the survivors of a slow full garbage collection (krapte.api.gc_freeze)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from krapte.api import gc_freeze
from krapte.settings import Settings


@pytest.fixture
def installed() -> Iterator[None]:
    gc_freeze.install()
    try:
        yield
    finally:
        gc_freeze.uninstall()
        gc.unfreeze()


def _long_lived(n: int) -> list[dict[str, int]]:
    return [{"i": i} for i in range(n)]


def test_a_slow_full_collection_freezes_its_survivors(installed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gc_freeze, "SLOW_SECONDS", 0.0)  # every full collection counts as slow
    before = gc_freeze.freezes()
    gc.disable()  # no automatic full collection while the objects are made (it would freeze too): only the one below
    try:
        kept = _long_lived(10_000)
        gc.collect()
    finally:
        gc.enable()
    assert gc_freeze.freezes() == before + 1
    assert gc.get_freeze_count() >= len(kept)


def test_a_fast_or_young_collection_freezes_nothing(installed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gc_freeze, "SLOW_SECONDS", 3600.0)
    before = gc_freeze.freezes()
    gc.collect()
    gc.collect(0)
    assert gc_freeze.freezes() == before
    assert gc.get_freeze_count() == 0


def test_freezes_stop_at_the_limit(installed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gc_freeze, "SLOW_SECONDS", 0.0)
    monkeypatch.setattr(gc_freeze, "MAX_FREEZES", gc_freeze.freezes())
    gc.collect()
    assert gc.get_freeze_count() == 0


def test_install_is_idempotent_and_the_app_installs_it(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from krapte.api.app import create_app

    try:
        gc_freeze.install()
        gc_freeze.install()
        assert gc.callbacks.count(gc_freeze._after_collection) == 1
        gc_freeze.uninstall()
        monkeypatch.setenv("KRAPTE_GC_FREEZE", "1")
        app = create_app(settings)
        app.state.store.dispose()
        assert gc_freeze._after_collection in gc.callbacks
    finally:
        gc_freeze.uninstall()
