"""Matching services: orientation without an account, stored profiles under each role, overrides, candidates,
the fairness report, catalogue imports and the audit entry of every recommendation."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from krapte.errors import AuthenticationError, NotFoundError, PermissionDeniedError, ValidationError
from krapte.match import Location, PastOccupation, Profile, skillset_from_occupation
from krapte.services import Context, Principal, Role, accounts
from krapte.services import match as svc
from krapte.services.audit import in_one_transaction
from krapte.services.match_common import SHORTAGE_SCALE, tension_cell
from krapte.settings import Settings
from krapte.store import Store
from krapte.taxonomy import default_taxonomy

LASSER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
UTRECHT = "GM0344"


@dataclass
class World:
    admin: Context
    anonymous: Context
    seeker: Context
    other_seeker: Context
    advisor: Context
    other_advisor: Context
    analyst: Context


def _as(admin: Context, role: Role, name: str) -> Context:
    account = accounts.create_user(admin, name, role=role, password="correct horse battery staple")
    return admin.with_principal(Principal(id=account.id, name=name, role=role, via="session"))


def lasser_profile(pid: str, *, gemeente: str = UTRECHT) -> Profile:
    occ = default_taxonomy().occupations[LASSER]
    return Profile(
        id=pid,
        skills=skillset_from_occupation(occ, inferred=True),
        occupations=(PastOccupation(LASSER, current=True, years=5),),
        home=Location(gemeente=gemeente),
        travel_km=30,
        hours_per_week=36,
    )


def vacancy_lines() -> str:
    """Two vacancies with the lasser's essential skills (one in Utrecht, one in Groningen) and one without."""
    essential = sorted(default_taxonomy().occupations[LASSER].essential_skills)
    rows = [
        {"id": "v-utrecht", "title": "Lasser", "gemeente": "Utrecht", "skills": essential, "hours_min": 32},
        {"id": "v-amersfoort", "title": "Lasser B", "gemeente": "Amersfoort", "skills": essential[:5]},
        {"id": "v-groningen", "title": "Lasser C", "gemeente": "Groningen", "skills": essential},
        {"id": "v-other", "title": "Kok", "gemeente": "Utrecht", "skills": ["http://data.europa.eu/esco/skill/x"]},
    ]
    return "\n".join(json.dumps(r) for r in rows)


@pytest.fixture
def world(store: Store, tmp_path: Path) -> World:
    settings = Settings(data_dir=tmp_path, database_url="sqlite:///unused")
    admin = Context(store, Principal.command_line("test"), settings)
    w = World(
        admin=admin,
        anonymous=admin.with_principal(Principal.anonymous()),
        seeker=_as(admin, Role.JOB_SEEKER, "seeker@example.nl"),
        other_seeker=_as(admin, Role.JOB_SEEKER, "other@example.nl"),
        advisor=_as(admin, Role.ADVISOR, "advisor@example.nl"),
        other_advisor=_as(admin, Role.ADVISOR, "advisor2@example.nl"),
        analyst=_as(admin, Role.ANALYST, "analyst@example.nl"),
    )
    accounts.add_client(admin, w.advisor.principal.id, w.seeker.principal.id)
    svc.import_vacancies(admin, vacancy_lines(), format="jsonl", source="test-vacancies")
    return w


def audit(store: Store, action: str) -> list[dict[str, object]]:
    with store.connect() as conn:
        rows = conn.execute(sa.text("SELECT * FROM audit_log WHERE action = :a ORDER BY id"), {"a": action})
        return [dict(r) for r in rows.mappings()]


# --- orientation --------------------------------------------------------------------------------------------------
def test_anonymous_pathways_follow_the_contract_and_are_logged_with_versions(world: World) -> None:
    result = svc.pathways(world.anonymous, origin="lasser", top=5)
    assert 1 <= len(result) <= 5
    contract = [p.contract() for p in result]
    assert all(set(c) == {"uri", "label", "similarity", "flags", "gap_skills"} for c in contract)
    assert all(c["flags"] for c in contract)  # green, digital or technical targets only
    assert LASSER not in {c["uri"] for c in contract}
    entry = audit(world.admin.store, "recommend.pathways")[-1]
    assert entry["actor"] == "anonymous" and entry["object_type"] == "query" and entry["object_id"] == LASSER
    assert len(str(entry["input_hash"])) == 64 and entry["model_version"] and entry["taxonomy_version"]


def test_any_target_lifts_the_flag_limit(world: World) -> None:
    flagged = svc.pathways(world.anonymous, origin=LASSER, top=30)
    anything = svc.pathways(world.anonymous, origin=LASSER, top=30, any_target=True)
    assert any(not p.flags for p in anything) and all(p.flags for p in flagged)


def test_regional_shortage_is_the_scaled_uwv_indicator_of_the_brc_group(world: World) -> None:
    result = svc.pathways(world.anonymous, origin=LASSER, region="AM13", top=3)
    tax = default_taxonomy()
    for p in result:
        cell = tension_cell(world.anonymous, tax, p.uri, "AM13")
        assert p.shortage == pytest.approx(min(cell["spanningsindicator"] / SHORTAGE_SCALE, 1.0), abs=1e-3)
    assert all(p.shortage is None for p in svc.pathways(world.anonymous, origin=LASSER, top=3))


def test_profiles_without_an_account(world: World) -> None:
    by_occupation = svc.profile_from_occupation(world.anonymous, "lasser")
    assert by_occupation.occupations[0].uri == LASSER
    assert {e.source for e in by_occupation.skills} == {"inferred-from-occupation"}
    uri = sorted(default_taxonomy().occupations[LASSER].essential_skills)[0]
    declared = svc.profile_from_skills(world.anonymous, [uri])
    assert [e.source for e in declared.skills] == ["self-declared"]
    with pytest.raises(NotFoundError):
        svc.profile_from_skills(world.anonymous, ["http://data.europa.eu/esco/skill/not-a-skill"])
    choices = svc.skill_choices(world.anonymous)
    assert 50 <= len(choices) <= 300 and {"uri", "label", "group", "group_label"} <= set(choices[0])
    group = choices[0]["group"]
    assert all(c["group"] == group for c in svc.skill_choices(world.anonymous, group=group))


def test_training_plan_has_funding_and_lists_stap_as_ended(world: World) -> None:
    profile = lasser_profile("anon-1")
    target = svc.pathways(world.anonymous, profile=profile, top=1)[0]
    plan = svc.training_plan(world.anonymous, profile=profile, target=target.uri, objective="cost")
    body = plan.to_dict()
    assert body["courses"] and all("funding" in c for c in body["courses"])
    assert any("STAP" in d["name"] for d in body["ended_schemes"])
    assert audit(world.admin.store, "recommend.training")[-1]["input_hash"]
    assert any(s.id for s in svc.funding_schemes(world.anonymous)) and len(
        svc.funding_schemes(world.anonymous, include_ended=False)
    ) < len(svc.funding_schemes(world.anonymous))


def test_a_pathway_and_its_training_plan_are_audited_in_one_commit(world: World) -> None:
    """As the plan page does: both entries are written, together, when the block ends; also when it fails."""
    profile, store = lasser_profile("anon-2"), world.admin.store
    target = svc.pathways(world.anonymous, profile=profile, top=1)[0].uri
    commits: list[int] = []
    sa.event.listen(store.engine, "commit", lambda _conn: commits.append(1))
    with in_one_transaction(world.anonymous):
        svc.pathway_to(world.anonymous, target, profile=profile)
        svc.training_plan(world.anonymous, profile=profile, target=target)
        assert commits == [] and not audit(store, "recommend.training")  # not yet
    assert commits == [1]
    [pathway] = audit(store, "recommend.pathway")
    [plan] = audit(store, "recommend.training")
    assert plan["prev_hash"] == pathway["entry_hash"]  # one chain, in the order they were recommended

    with pytest.raises(ValidationError), in_one_transaction(world.anonymous):
        svc.pathway_to(world.anonymous, target, profile=profile)
        svc.training_plan(world.anonymous, profile=profile, target=target, objective="fastest")  # type: ignore[arg-type]
    assert len(audit(store, "recommend.pathway")) == 2 and commits == [1, 1]


def test_contact_point_is_regional_where_known_else_national(world: World) -> None:
    assert svc.contact_point(world.anonymous, "Amersfoort")["regional"] is True
    national = svc.contact_point(world.anonymous, None)
    assert national["regional"] is False and all(c["kind"] != "rmt" for c in national["contacts"])


def test_vacancies_within_travel_are_ranked_and_explained(world: World) -> None:
    result = svc.vacancies_for(world.anonymous, profile=lasser_profile("anon-2"), top=10)
    ids = [m.vacancy_id for m in result]
    assert ids[0] == "v-utrecht" and "v-groningen" not in ids  # beyond the 30 km travel limit
    assert result[0].to_dict()["components"] and audit(world.admin.store, "match.vacancies")[-1]["model_version"]


def test_occupation_card_has_wage_with_source_and_regional_tension(world: World) -> None:
    card = svc.occupation_card(world.anonymous, LASSER, region="Utrecht")
    assert card["wage"]["source"].startswith("CBS") and card["wage"]["basis"].startswith("imported")
    assert card["shortage"]["region"] == "AM13" and card["shortage"]["uwv_class"]


# --- stored profiles: the authorisation matrix ------------------------------------------------------------------
def test_job_seekers_keep_their_own_profiles_only(world: World) -> None:
    pid = svc.save_profile(world.seeker, lasser_profile("mine"))
    assert svc.get_profile(world.seeker, pid).id == "mine"
    assert [r["id"] for r in svc.list_profiles(world.seeker)] == ["mine"]
    with pytest.raises(NotFoundError):
        svc.get_profile(world.other_seeker, pid)
    with pytest.raises(NotFoundError):
        svc.delete_profile(world.other_seeker, pid)
    assert svc.list_profiles(world.other_seeker) == []
    with pytest.raises(PermissionDeniedError):
        svc.save_profile(world.seeker, lasser_profile("for-other"), owner_id=world.other_seeker.principal.id)
    # saving under someone else's id never overwrites their profile
    stolen = svc.save_profile(world.other_seeker, lasser_profile("mine", gemeente="GM0014"))
    assert stolen != "mine" and svc.get_profile(world.seeker, "mine").home.gemeente == UTRECHT


def test_advisors_reach_their_own_clients_only(world: World) -> None:
    pid = svc.save_profile(world.advisor, lasser_profile("client-1"), owner_id=world.seeker.principal.id)
    assert svc.get_profile(world.seeker, pid).id == pid  # the client owns it
    assert [r["id"] for r in svc.list_profiles(world.advisor)] == [pid]
    with pytest.raises(NotFoundError):
        svc.get_profile(world.other_advisor, pid)
    assert svc.list_profiles(world.other_advisor) == []
    with pytest.raises(PermissionDeniedError):
        svc.save_profile(world.advisor, lasser_profile("x"), owner_id=world.other_seeker.principal.id)
    with pytest.raises(ValidationError):
        svc.save_profile(world.advisor, lasser_profile("own"))  # an advisor keeps profiles for clients


def test_analysts_and_anonymous_never_read_profiles(world: World) -> None:
    pid = svc.save_profile(world.seeker, lasser_profile("p"))
    with pytest.raises(PermissionDeniedError):
        svc.get_profile(world.analyst, pid)
    with pytest.raises(PermissionDeniedError):
        svc.list_profiles(world.analyst)
    with pytest.raises(AuthenticationError):
        svc.get_profile(world.anonymous, pid)
    with pytest.raises(AuthenticationError):
        svc.save_profile(world.anonymous, lasser_profile("q"))
    assert svc.get_profile(world.admin, pid).id == pid


# --- overrides and candidates -----------------------------------------------------------------------------------
def test_advisor_overrides_are_stored_logged_and_applied(world: World) -> None:
    pid = svc.save_profile(world.advisor, lasser_profile("c1"), owner_id=world.seeker.principal.id)
    profile = svc.get_profile(world.seeker, pid)
    before = [m.vacancy_id for m in svc.vacancies_for(world.seeker, profile=profile)]
    assert before[0] == "v-utrecht" and "v-other" in before
    svc.override(world.advisor, subject=pid, item="v-utrecht", action="hide", reason="al afgewezen")
    svc.override(world.advisor, subject=pid, item="v-other", action="pin", reason="past bij wens")
    after = svc.vacancies_for(world.seeker, profile=profile)
    assert after[0].vacancy_id == "v-other" and after[0].to_dict()["override"]["reason"] == "past bij wens"
    assert "v-utrecht" not in [m.vacancy_id for m in after]
    assert {o["action"] for o in svc.list_overrides(world.seeker, pid)} == {"hide", "pin"}
    assert [e["object_id"] for e in audit(world.admin.store, "override.hide")] == [f"{pid}:v-utrecht"]
    # an anonymous caller with a profile of the same id does not see the client's overrides
    assert svc.vacancies_for(world.anonymous, profile=profile)[0].vacancy_id == "v-utrecht"
    target = svc.pathways(world.seeker, profile=profile, top=1)[0].uri
    svc.override(world.advisor, subject=pid, item=target, action="hide", reason="geen interesse")
    assert target not in [p.uri for p in svc.pathways(world.seeker, profile=profile, top=5)]


def test_overrides_need_an_advisor_of_the_client_and_a_reason(world: World) -> None:
    pid = svc.save_profile(world.seeker, lasser_profile("c2"))
    with pytest.raises(PermissionDeniedError):
        svc.override(world.seeker, subject=pid, item="v-utrecht", action="hide", reason="x")
    with pytest.raises(NotFoundError):
        svc.override(world.other_advisor, subject=pid, item="v-utrecht", action="hide", reason="x")
    with pytest.raises(ValidationError):
        svc.override(world.advisor, subject=pid, item="v-utrecht", action="hide", reason=" ")


def test_a_deleted_profile_is_not_kept_in_memory(world: World) -> None:
    pid = svc.save_profile(world.advisor, lasser_profile("c4"), owner_id=world.seeker.principal.id)
    svc.candidates_for(world.advisor, "v-utrecht")
    assert pid in kept_profile_ids()
    svc.delete_profile(world.advisor, pid)
    assert pid not in kept_profile_ids()


def test_the_shortlist_page_reads_the_clients_profiles_once(world: World) -> None:
    """Within one request (a request cache) the listing and the ranking share one read; a save drops it."""
    ctx = dataclasses.replace(world.advisor, request_cache={})
    pid = svc.save_profile(ctx, lasser_profile("c5"), owner_id=world.seeker.principal.id)
    statements: list[str] = []
    sa.event.listen(ctx.store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    assert [p["id"] for p in svc.list_profiles(ctx)] == [pid]
    assert [c.profile_id for c in svc.candidates_for(ctx, "v-utrecht")] == [pid]
    assert sum("FROM match_profiles" in s for s in statements) == 1
    svc.save_profile(ctx, lasser_profile("c5", gemeente="GM0307"), owner_id=world.seeker.principal.id)
    [moved] = svc.candidates_for(ctx, "v-utrecht")  # moved from Utrecht to Amersfoort: read again
    assert moved.distance_km is not None and moved.distance_km > 10
    assert sum("FROM match_profiles" in s for s in statements) >= 2


def test_candidates_are_the_advisors_own_clients(world: World) -> None:
    mine = svc.save_profile(world.advisor, lasser_profile("c3"), owner_id=world.seeker.principal.id)
    svc.save_profile(world.other_seeker, lasser_profile("not-a-client"))
    found = [m.profile_id for m in svc.candidates_for(world.advisor, "v-utrecht")]
    assert found == [mine]
    assert svc.candidates_for(world.other_advisor, "v-utrecht") == []
    assert len(svc.candidates_for(world.admin, "v-utrecht")) == 2
    for ctx in (world.seeker, world.analyst):
        with pytest.raises(PermissionDeniedError):
            svc.candidates_for(ctx, "v-utrecht")
    assert audit(world.admin.store, "match.candidates")[-1]["input_hash"]


# --- fairness -------------------------------------------------------------------------------------------------
def test_fairness_report_gives_aggregates_from_a_separate_file_and_stores_no_label(world: World) -> None:
    near = [svc.save_profile(world.seeker, lasser_profile(f"n{i}")) for i in range(4)]
    far = [svc.save_profile(world.other_seeker, lasser_profile(f"f{i}", gemeente="GM0014")) for i in range(4)]
    csv = "profile_id,groep\n" + "".join(f"{p},zzgroep-a\n" for p in near) + "".join(f"{p},zzgroep-b\n" for p in far)
    report = svc.fairness_report(world.analyst, csv.encode(), attribute="groep", kind="vacancies", shortlist=8)
    groups = {g["group"]: g for g in report["groups"]}
    assert groups["zzgroep-a"]["rate"] == 1.0 and groups["zzgroep-b"]["rate"] == 1.0  # Groningen vacancy exists
    assert report["passes_four_fifths"] is True and report["profiles"] == 8
    assert not any(p in json.dumps(report) for p in near + far)  # aggregates only
    report = svc.fairness_report(world.analyst, csv.encode(), attribute="groep", kind="pathways")
    assert report["profiles"] == 8
    with world.admin.store.connect() as conn:
        for table in sa.inspect(conn).get_table_names():
            dump = json.dumps([list(r) for r in conn.execute(sa.text(f"SELECT * FROM {table}"))], default=str)
            assert "zzgroep" not in dump, table
    with pytest.raises(PermissionDeniedError):
        svc.fairness_report(world.seeker, csv.encode(), attribute="groep", kind="vacancies")
    with pytest.raises(ValidationError):
        svc.fairness_report(world.analyst, csv.encode(), attribute="leeftijd", kind="vacancies")


def test_fairness_report_flags_adverse_impact(world: World) -> None:
    near = [svc.save_profile(world.seeker, lasser_profile(f"a{i}")) for i in range(3)]
    nobody = [
        svc.save_profile(world.other_seeker, Profile(id=f"b{i}", home=Location(gemeente="GM0935"), travel_km=1))
        for i in range(3)
    ]
    csv = "profile_id,groep\n" + "".join(f"{p},a\n" for p in near) + "".join(f"{p},b\n" for p in nobody)
    report = svc.fairness_report(world.admin, csv, attribute="groep", kind="vacancies", shortlist=3)
    groups = {g["group"]: g for g in report["groups"]}
    assert groups["a"]["rate"] == 1.0 and groups["b"]["rate"] == 0.0 and report["passes_four_fifths"] is False


# --- catalogues ---------------------------------------------------------------------------------------------------
def test_importing_needs_labour_write_and_round_trips(world: World) -> None:
    for ctx in (world.seeker, world.advisor):
        with pytest.raises(PermissionDeniedError):
            svc.import_vacancies(ctx, vacancy_lines(), format="jsonl")
    with pytest.raises(AuthenticationError):
        svc.import_courses(world.anonymous, "id,name\nc1,Lassen\n", format="csv")
    report = svc.import_vacancies(world.analyst, vacancy_lines(), format="jsonl")
    assert report.counts == {"new": 0, "replaced": 4}
    v = svc.get_vacancy(world.anonymous, "v-utrecht")
    assert v.location.gemeente == UTRECHT and len(v.skills) == len(
        default_taxonomy().occupations[LASSER].essential_skills
    )
    assert [x.id for x in svc.list_vacancies(world.anonymous, region="Utrecht")] == ["v-other", "v-utrecht"]
    doc = json.loads(svc.export_vacancies(world.anonymous))
    assert {g["@type"] for g in doc["@graph"]} == {"JobPosting"} and len(doc["@graph"]) == 4
    svc.import_courses(
        world.admin,
        "id,name,skills,cost\nc1,Lascursus," + LASSER.replace("occupation", "skill") + ",500\n",
        format="csv",
    )
    assert svc.get_course(world.anonymous, "c1").name == "Lascursus"


def test_extraction_occupations_come_from_the_match_ranking(world: World) -> None:
    from krapte.services.extract import extract

    result = extract(world.anonymous, "Ik ben lasser: MIG/MAG-lassen, TIG-lassen, lasapparatuur bedienen.").to_dict()
    assert result["occupations"] and {"uri", "label", "score", "reasons"} <= set(result["occupations"][0])
    assert LASSER in [o["uri"] for o in result["occupations"][:5]]


def kept_profile_ids() -> set[str]:
    from krapte.services import match_kept

    return {key[1] for kept in (match_kept._profiles, match_kept._summaries, match_kept._held) for key in kept}


def test_profiles_and_overrides_are_exported_and_erased_with_the_person(world: World) -> None:
    from krapte.services import people

    pid = svc.save_profile(world.advisor, lasser_profile("erase-me"), owner_id=world.seeker.principal.id)
    svc.override(world.advisor, subject=pid, item="v-utrecht", action="hide", reason="niet passend")
    exported = json.dumps(people.export_person(world.seeker), default=str)
    assert "erase-me" in exported and "niet passend" in exported
    svc.candidates_for(world.advisor, "v-utrecht")  # matching keeps a parsed copy of the profile in memory
    assert pid in kept_profile_ids()
    people.delete_person(world.seeker)
    assert pid not in kept_profile_ids()  # the erasure forgets the copy too
    with pytest.raises(NotFoundError):
        svc.get_profile(world.admin, pid)
    assert svc.list_profiles(world.admin) == []


def test_exported_json_ld_imports_back_unchanged(world: World) -> None:
    before = {v.id: v for v in svc.list_vacancies(world.anonymous)}
    report = svc.import_vacancies(world.analyst, svc.export_vacancies(world.anonymous).encode(), format="auto")
    assert report.counts == {"new": 0, "replaced": 4}
    after = {v.id: v for v in svc.list_vacancies(world.anonymous)}
    for vid, v in before.items():
        assert after[vid].skills.uris == v.skills.uris and after[vid].location.gemeente == v.location.gemeente
