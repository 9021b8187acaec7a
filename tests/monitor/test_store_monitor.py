"""The registry and the panel in the store, on SQLite and PostgreSQL: history, conflicts, atomic imports."""

import pytest

from krapte.errors import ConflictError, NotFoundError, ValidationError
from krapte.monitor.indicators import Indicator, Observation
from krapte.monitor.measures import Measure
from krapte.store import Store
from krapte.store import monitor as repo

MEASURE = Measure.from_dict(
    {
        "id": "T-RMT",
        "title_nl": "Regionale mobiliteitsteams",
        "pillars": ["P2"],
        "instrument_type": "programme",
        "lead_ministry": "SZW",
        "verification_status": "verified-plan-text",
    }
)
IND = Indicator(id="vac", name_nl="Vacatures", unit="vacatures", source="UWV")


def test_create_edit_retire_keeps_a_field_level_history(store: Store) -> None:
    assert repo.create_measure(store, MEASURE, actor="ana") == 1
    edited, version = repo.update_measure(
        store,
        "T-RMT",
        {"end": "2025", "lead_ministry": "SZW/OCW"},
        actor="bo",
        expected_version=1,
        comment="brief 2024",
    )
    assert version == 2 and edited.end == "2025"
    repo.retire_measure(store, "T-RMT", actor="ana", expected_version=2)
    assert repo.list_measures(store) == []
    assert [m.id for m in repo.list_measures(store, include_retired=True)] == ["T-RMT"]
    history = repo.measure_history_of(store, "T-RMT")
    assert [(h["version"], h["actor"], h["action"]) for h in history] == [
        (1, "ana", "create"),
        (2, "bo", "edit"),
        (3, "ana", "retire"),
    ]
    assert history[1]["comment"] == "brief 2024"
    assert {c["field"]: (c["old"], c["new"]) for c in history[1]["changes"]} == {
        "lead_ministry": ("SZW", "SZW/OCW"),
        "end": ("", "2025"),
    }
    assert [a["action"] for a in store.audit_trail("measure", "T-RMT")] == [
        "measure.create",
        "measure.edit",
        "measure.retire",
    ]


def test_a_stale_edit_is_refused_not_lost(store: Store) -> None:
    repo.create_measure(store, MEASURE, actor="ana")
    repo.update_measure(store, "T-RMT", {"end": "2025"}, actor="ana", expected_version=1)
    with pytest.raises(ConflictError, match="after version 1") as info:
        repo.update_measure(store, "T-RMT", {"end": "2026"}, actor="bo", expected_version=1)
    assert info.value.http_status == 409
    assert repo.get_measure(store, "T-RMT")[0].end == "2025"


def test_invalid_edits_and_unknown_ids_write_nothing(store: Store) -> None:
    repo.create_measure(store, MEASURE, actor="ana")
    with pytest.raises(ValidationError):
        repo.update_measure(store, "T-RMT", {"pillars": ["P7"]}, actor="ana", expected_version=1)
    with pytest.raises(NotFoundError):
        repo.update_measure(store, "nope", {"end": "2025"}, actor="ana", expected_version=None)
    with pytest.raises(ConflictError):
        repo.create_measure(store, MEASURE, actor="ana")
    assert repo.get_measure(store, "T-RMT")[1] == 1
    assert len(repo.measure_history_of(store, "T-RMT")) == 1


def test_panel_import_upserts_and_rejects_unknown_indicators_atomically(store: Store) -> None:
    obs = [Observation("vac", "AM01", "2023Q4", 2230.0), Observation("vac", "NL", "2023Q4", 78900.0)]
    report = repo.save_panel(store, [IND], obs, actor="t")
    assert report.counts == {"indicators created": 1, "observations replaced": 0, "observations added": 2}
    report = repo.save_panel(store, [IND], [Observation("vac", "AM01", "2023Q4", 2240.0)], actor="t")
    assert report.counts["observations replaced"] == 1
    with pytest.raises(ValidationError, match="unknown indicator"):
        repo.save_panel(
            store, [], [Observation("vac", "AM02", "2023Q4", 1.0), Observation("other", "NL", "2023", 1.0)], actor="t"
        )
    stored = repo.get_observations(store, "vac")
    assert [(o.region, o.period, o.value) for o in stored] == [("AM01", "2023Q4", 2240.0), ("NL", "2023Q4", 78900.0)]
    assert repo.list_indicators(store)[0][1] == 2


def test_loading_the_defaults_twice_changes_nothing(store: Store) -> None:
    from krapte.monitor.defaults import load_default_monitor

    first = load_default_monitor(store, None)
    repo.update_measure(store, "P2-RMT", {"end": "2025"}, actor="ana", expected_version=1)
    second = load_default_monitor(store, None)
    assert first["measures"]["created"] >= 40 and second["measures"] == {
        "created": 0,
        "kept": first["measures"]["created"],
    }
    assert "kept" in second["indicators"]
    assert repo.get_measure(store, "P2-RMT")[0].end == "2025"  # a user's edit survives setup


def test_two_simultaneous_edits_of_one_version_let_exactly_one_win(store: Store) -> None:
    import threading

    repo.create_measure(store, MEASURE, actor="ana")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def edit(actor: str, end: str) -> None:
        barrier.wait()
        try:
            repo.update_measure(store, "T-RMT", {"end": end}, actor=actor, expected_version=1)
            outcomes[actor] = "saved"
        except ConflictError:
            outcomes[actor] = "conflict"

    threads = [threading.Thread(target=edit, args=(a, e)) for a, e in (("ana", "2025"), ("bo", "2026"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(a for a, o in outcomes.items() if o == "saved")
    measure, version = repo.get_measure(store, "T-RMT")
    assert version == 2 and measure.end == {"ana": "2025", "bo": "2026"}[winner]
    assert [h["actor"] for h in repo.measure_history_of(store, "T-RMT")] == ["ana", winner]
