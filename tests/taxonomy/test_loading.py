"""Large read-only structures are made with the garbage collector paused, and the same objects come out."""

from __future__ import annotations

import gc

from krapte.taxonomy.loading import paused_gc


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: the inner block does not switch it on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_was_made_inside_is_frozen_not_lost_and_the_collector_comes_back_after_an_error() -> None:
    before = gc.get_freeze_count()
    try:
        with paused_gc():
            made = [[i] for i in range(1000)]
            raise RuntimeError("a failed load")
    except RuntimeError:
        pass
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + 1000
    assert made[999] == [999]
