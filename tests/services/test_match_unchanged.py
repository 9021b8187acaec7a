"""The matching results the Gouden Poort and the advisor's pages show do not change when the services get faster.

``tests/fixtures/match/unchanged*.json`` holds what the services returned before the speed work of issue 10 (recorded
from that code with ``python -m tests.services.test_match_unchanged``): pathways from a few profiles and an origin,
with and without a region, in Dutch and English; the closest pathways when none is viable; training plans for each
objective; vacancy matches; and an advisor's candidate shortlist. Each is recorded twice: lexical only (no skill
label index) and with the semantic credit of the skill label index (skipped when the index is not in the cache).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from krapte.match import Location, Profile
from krapte.services import Context, Principal, Role, accounts, orientation
from krapte.services import match as svc
from krapte.settings import Settings
from krapte.store import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "match"
#: the day the results were recorded (funding rules, the STAP end date and the shortage quarter depend on it)
DAY = date(2026, 12, 7)
#: (profile id, past occupation, gemeente or None): the people whose results are recorded
PEOPLE = (
    ("p-chauffeur", "vrachtwagenchauffeur", "Amersfoort"),
    ("p-elektricien", "elektricien", "Utrecht"),
    ("p-callcenter", "callcentermedewerker", None),
    ("p-magazijn", "magazijnmedewerker", "Amersfoort"),
)


#: keys whose value is a measurement, not a result
VARYING = frozenset({"seconds"})


def _round(value: Any) -> Any:
    """Floats to 9 decimals (summation order may move the last bits), recursively; the solver's wall time
    (``seconds``) left out."""
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {str(k): _round(v) for k, v in value.items() if k not in VARYING}
    if isinstance(value, list | tuple):
        return [_round(v) for v in value]
    return value


def _plain(value: Any) -> Any:
    return _round(json.loads(json.dumps(value, default=str)))


def _fixed_day(monkeypatch: Any) -> None:
    from krapte.services import match as match_svc
    from krapte.services import match_common, match_records

    for module in (match_svc, match_common, match_records):
        monkeypatch.setattr(module, "today", lambda: DAY)


def _world(tmp: Path, cache_dir: Path) -> tuple[Context, Context, dict[str, Profile]]:
    from tests.web.test_poort import load_demo_into

    url = f"sqlite:///{tmp / 'unchanged.sqlite'}"
    settings = Settings(data_dir=tmp, database_url=url, cache_dir_override=cache_dir)
    root = Context(open_store(url=url), Principal.command_line("test"), settings)
    load_demo_into(root)
    account = accounts.create_user(root, "adviseur@example.nl", role=Role.ADVISOR, password="correct horse battery")
    advisor = root.with_principal(Principal(id=account.id, name=account.username, role=Role.ADVISOR, via="session"))
    people: dict[str, Profile] = {}
    for pid, occupation, gemeente in PEOPLE:
        profile = dataclasses.replace(svc.profile_from_occupation(root, occupation), id=pid)
        if gemeente:
            code, name = orientation.find_gemeente(gemeente) or ("", "")
            profile = dataclasses.replace(profile, home=Location(gemeente=code, name=name), travel_km=40.0)
        people[pid] = profile
        client = accounts.create_user(root, f"{pid}@example.nl", role=Role.JOB_SEEKER, password="correct horse battery")
        accounts.add_client(root, account.id, client.id)
        svc.save_profile(root, profile, owner_id=client.id)
    return root, advisor, people


def results(tmp: Path, cache_dir: Path) -> dict[str, Any]:
    """Every recorded result, by case name."""
    root, advisor, people = _world(tmp, cache_dir)
    anon = root.with_principal(Principal.anonymous())
    out: dict[str, Any] = {}
    out["pathways origin lasser"] = [p.to_dict() for p in svc.pathways(anon, origin="lasser", top=8)]
    out["pathways origin lasser AM13 en"] = [
        p.to_dict() for p in svc.pathways(anon, origin="lasser", region="AM13", top=8, lang="en")
    ]
    for pid, profile in people.items():
        anon = dataclasses.replace(anon, request_cache={})  # as one web request: what it keeps must not change results
        region = profile.home.gemeente or None
        for lang in ("nl", "en"):
            found = svc.pathways(anon, profile=profile, region=region, top=6, lang=lang)
            out[f"pathways {pid} {lang}"] = [p.to_dict() for p in found]
        near = orientation.pathways_to_consider(anon, profile, region=region, top=6, lang="nl")
        out[f"consider {pid}"] = [p.to_dict() for p in near]
        targets = [p.uri for p in near[:2]]
        for target in targets:
            out[f"pathway_to {pid} {target}"] = svc.pathway_to(anon, target, profile=profile, region=region).to_dict()
        for objective in ("courses", "cost", "time"):
            plan = svc.training_plan(anon, profile=profile, target=targets[0], objective=objective)  # type: ignore[arg-type]
            out[f"plan {pid} {objective}"] = plan.to_dict()
        plan_en = svc.training_plan(anon, profile=profile, target=targets[-1], lang="en")
        out[f"plan {pid} en"] = plan_en.to_dict()
        out[f"vacancies {pid}"] = [r.to_dict() for r in svc.vacancies_for(anon, profile=profile, top=10)]
    for vacancy in svc.list_vacancies(root, region="Amersfoort", limit=3):
        out[f"candidates {vacancy.id}"] = [r.to_dict() for r in svc.candidates_for(advisor, vacancy.id, top=10)]
    root.store.dispose()
    return _plain(out)


def _index_in(cache_dir: Path) -> bool:
    return any(cache_dir.glob("index-*-skill.npz"))


#: the checkout's derived-index cache, as the test run starts (tests/conftest.py sets it; a test may change the
#: environment later)
_CACHE = Settings.from_env().cache_dir


def _shared_cache() -> Path:
    return _CACHE


@pytest.fixture
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    _fixed_day(monkeypatch)
    yield


#: fields added after the recording that are not results: the English translations of Dutch texts
ADDED = frozenset({"label_en", "text_en"})


def _recorded_part(expected: Any, actual: Any) -> Any:
    """``actual`` cut down to what was recorded: dictionaries keep the recorded keys (a field added since, like a
    reason's code, is not a change of result), translations added since are left out on both sides."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {k: _recorded_part(expected[k], actual[k]) if k in expected else actual[k] for k in expected
                if k in actual and k not in ADDED} | {k: None for k in expected if k not in actual}  # fmt: skip
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [_recorded_part(e, a) for e, a in zip(expected, actual, strict=True)]
    return actual


def _without_added(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_added(v) for k, v in value.items() if k not in ADDED}
    if isinstance(value, list):
        return [_without_added(v) for v in value]
    return value


def _compare(expected: dict[str, Any], actual: dict[str, Any]) -> None:
    assert sorted(actual) == sorted(expected)
    for case, value in expected.items():
        assert _recorded_part(value, actual[case]) == _without_added(value), case


def test_lexical_results_unchanged(tmp_path: Path, fixed_day: None) -> None:
    expected = json.loads((FIXTURES / "unchanged-lexical.json").read_text(encoding="utf-8"))
    _compare(expected, results(tmp_path, tmp_path / "no-index"))


def test_semantic_results_unchanged(tmp_path: Path, fixed_day: None) -> None:
    cache = _shared_cache()
    if not _index_in(cache):
        pytest.skip("no skill label index in the cache (krapte taxonomy build-index)")
    expected = json.loads((FIXTURES / "unchanged-semantic.json").read_text(encoding="utf-8"))
    _compare(expected, results(tmp_path, cache))


def _record() -> None:  # pragma: no cover - run by hand from the code before a change
    import tempfile

    from _pytest.monkeypatch import MonkeyPatch

    patch = MonkeyPatch()
    _fixed_day(patch)
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, semantic in (("lexical", False), ("semantic", True)):
        with tempfile.TemporaryDirectory() as tmp:
            cache = _shared_cache() if semantic else Path(tmp) / "no-index"
            if semantic and not _index_in(cache):
                sys.exit("no skill label index in the cache: run krapte taxonomy build-index first")
            data = results(Path(tmp), cache)
        path = FIXTURES / f"unchanged-{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{path}: {len(data)} cases")
    patch.undo()


if __name__ == "__main__":  # pragma: no cover
    _record()
