"""Specificity, transition similarity and pathways: hand-checkable on a tiny taxonomy, sane on ESCO."""

import numpy as np
import pytest
from scipy import sparse

from krapte.match import Education, PastOccupation, Profile, SkillSet
from krapte.match.pathways import VIABLE, effort_hours, pathways_from_occupation, pathways_from_profile, top_targets
from krapte.match.similarity import SemanticNeighbours, occupation_similarity, rank_occupations, soft_possession
from krapte.match.space import nlqf_to_skill_level, skill_space
from krapte.taxonomy import Taxonomy

from .conftest import OCC as O
from .conftest import B


def test_specificity_ranks_rare_skills_above_teamwork(tiny: Taxonomy) -> None:
    space = skill_space(tiny)
    spec = dict(zip(space.skill_uris, space.specificity, strict=True))
    assert spec[B + "teamwork"] < spec[B + "lassen"] < spec[B + "python"]
    assert spec[B + "teamwork"] == pytest.approx(np.log(7 / 7) / np.log(7))  # in all six occupations → 0


def test_similarity_is_directional_weighted_coverage(tiny: Taxonomy) -> None:
    s = occupation_similarity(tiny)
    i = s.space.occupation_index
    lasser, loodgieter, kassa = i[O + "lasser"], i[O + "loodgieter"], i[O + "kassamedewerker"]
    # loodgieter holds lassen (ess) + leidingen (ess); lasser's missing skill is snijden
    assert s.similarity[loodgieter, lasser] > s.similarity[kassa, lasser]
    assert s.similarity[kassa, lasser] == pytest.approx(0.0)  # only teamwork shared, whose specificity is 0
    # optional skills count as half held, so an occupation is most similar to itself, but below 1
    assert s.similarity[lasser].argmax() == lasser and s.similarity[lasser, lasser] < 1.0


def test_pathways_default_to_green_digital_technical_and_explain_the_gap(tiny: Taxonomy) -> None:
    paths = pathways_from_occupation(tiny, O + "loodgieter", top=5)
    assert paths and all(p.flags for p in paths)
    best = paths[0]
    assert best.uri == O + "warmtepompmonteur" or best.uri == O + "lasser"
    wp = next(p for p in paths if p.uri == O + "warmtepompmonteur")
    assert {g.uri for g in wp.gap_skills} == {B + "warmtepomp-installeren"}  # elektra is optional for loodgieter
    assert wp.to_dict()["gap_skills"] == [{"uri": B + "warmtepomp-installeren", "label": "warmtepomp installeren"}]
    limited = pathways_from_occupation(tiny, O + "kassamedewerker", top=10)
    everyone = pathways_from_occupation(tiny, O + "kassamedewerker", top=10, flags=None)
    assert O + "callcentermedewerker" in {p.uri for p in everyone} - {p.uri for p in limited}


def test_education_gate_blocks_two_level_jumps(tiny: Taxonomy) -> None:
    # callcentermedewerker (ISCO 4, level 2) → programmeur (ISCO 2, level 4): two levels up
    paths = pathways_from_occupation(tiny, O + "callcentermedewerker", top=10, flags=None, viable_only=False)
    prog = next(p for p in paths if p.uri == O + "programmeur")
    assert not prog.viable and any("opleidingsniveau" in r for r in prog.reasons)
    # by default only viable targets are listed: the noise below the thresholds is not shown to anyone
    assert O + "programmeur" not in {p.uri for p in pathways_from_occupation(tiny, O + "callcentermedewerker")}


def test_wages_and_shortage_reorder_equally_similar_targets(tiny: Taxonomy) -> None:
    base = pathways_from_occupation(tiny, O + "loodgieter", top=5)
    target = base[-1].uri
    boosted = pathways_from_occupation(
        tiny, O + "loodgieter", top=5, shortage={target: 1.0}, wages={O + "loodgieter": 15.0, target: 25.0}
    )
    assert boosted[0].score >= base[0].score
    assert next(p for p in boosted if p.uri == target).wage_ratio == pytest.approx(25 / 15)


def test_profile_pathways_use_declared_and_inferred_skills(tiny: Taxonomy) -> None:
    person = Profile(
        id="p",
        skills=SkillSet.of([B + "warmtepomp-installeren"]),
        occupations=(PastOccupation(O + "loodgieter", current=True),),
        education=Education(nlqf=3),
    )
    paths = pathways_from_profile(tiny, person, top=5)
    assert O + "loodgieter" not in {p.uri for p in paths}
    wp = next(p for p in paths if p.uri == O + "warmtepompmonteur")
    # declared heat-pump skill + inferred pipe skills; elektra is optional for a loodgieter: inferred at half weight
    assert wp.gap_skills == ()
    assert wp.viable and wp.similarity >= VIABLE


def test_a_profile_of_only_a_past_occupation_scores_like_the_occupation(tiny: Taxonomy) -> None:
    person = Profile(id="p", occupations=(PastOccupation(O + "loodgieter"),))
    by_profile = {p.uri: p.similarity for p in pathways_from_profile(tiny, person, top=10, viable_only=False)}
    by_occ = {p.uri: p.similarity for p in pathways_from_occupation(tiny, O + "loodgieter", top=10, viable_only=False)}
    assert by_profile == pytest.approx(by_occ)


def test_semantic_credit_is_an_exact_max_over_neighbours(tiny: Taxonomy) -> None:
    space = skill_space(tiny)
    n = len(space.skill_uris)
    vecs = np.eye(n, dtype=np.float32)
    j_kassa, j_klant = space.skill_index[B + "kassa-bedienen"], space.skill_index[B + "klantcontact"]
    vecs[j_kassa] = vecs[j_klant] + 0.1 * vecs[j_kassa]  # kassa ≈ klantcontact
    nb = SemanticNeighbours.from_vectors(space, space.skill_uris, vecs, k=3, midpoint=0.8)
    held = sparse.csr_matrix(space.vector({B + "klantcontact": 1.0})[None, :])
    soft = soft_possession(held, nb).toarray()[0]
    assert soft[j_klant] == 1.0 and 0.9 < soft[j_kassa] < 1.0
    assert soft[space.skill_index[B + "python"]] == 0.0


def test_rank_occupations_from_a_skill_set(tiny: Taxonomy) -> None:
    ranked = rank_occupations(SkillSet.of([B + "python", B + "programmeren"]), tiny, top=3)
    assert ranked[0].uri == O + "programmeur" and "python" in ranked[0].matched
    assert rank_occupations(SkillSet(), tiny) == []


def test_effort_and_levels() -> None:
    assert (
        effort_hours("knowledge", 1.0) > effort_hours("skill/competence", 1.0) > effort_hours("skill/competence", 0.2)
    )
    assert effort_hours("knowledge", 1.0, held=1.0) == 0.0
    assert [nlqf_to_skill_level(n) for n in (1, 2, 4, 6)] == [1, 2, 3, 4]


def test_esco_pathways_for_a_loodgieter_are_installation_trades(esco: Taxonomy) -> None:
    loodgieter = next(u for u, o in esco.occupations.items() if o.label("nl") == "loodgieter")
    paths = pathways_from_occupation(esco, loodgieter, top=5)
    assert all(p.viable for p in paths)
    assert sum(esco.occupations[p.uri].isco_code[:1] == "7" for p in paths) >= 4


def test_all_pairs_top_targets(tiny: Taxonomy) -> None:
    s = occupation_similarity(tiny)
    top = top_targets(s, k=2)
    i = s.space.occupation_index
    assert top.shape == (6, 2) and i[O + "lasser"] not in top[i[O + "lasser"]]


def test_resolve_occupation_by_uri_uuid_and_label(esco: Taxonomy) -> None:
    from krapte.match import resolve_occupation

    lasser = resolve_occupation(esco, "lasser")
    assert lasser.label("nl") == "lasser"
    assert resolve_occupation(esco, lasser.uri) is lasser and resolve_occupation(esco, lasser.id) is lasser
    assert resolve_occupation(esco, "Welder").uri == lasser.uri
    assert "las" in resolve_occupation(esco, "lasser mig mag").label("nl")  # falls back to the title ranking


def test_gap_skill_labels_say_when_they_fall_back_to_english(esco: Taxonomy) -> None:
    loodgieter = next(u for u, o in esco.occupations.items() if o.label("nl") == "loodgieter")
    gaps = [g for p in pathways_from_occupation(esco, loodgieter, top=5) for g in p.gap_skills]
    assert {g.label_lang for g in gaps} <= {"nl", "en"}
    for g in gaps:
        assert (g.label_lang == "nl") == esco.skills[g.uri].has_label("nl")


def test_viability_tiers_follow_thresholds_and_the_no_step_up_rule() -> None:
    from krapte.match.viability import Thresholds, viability_tiers

    th = Thresholds(viable=0.2, highly_viable=0.3, reachable=0.05, basis="test")
    sim = np.array([0.5, 0.25, 0.1, 0.1, 0.01, 0.5, 0.1])
    level_ok = np.array([True, True, True, True, True, False, True])
    levels = np.array([2, 3, 2, 3, 1, 4, 1])
    # "met scholing" is for entry-level targets (ISCO skill level <= 2) only: not the 0.1 target at level 3
    assert viability_tiers(sim, level_ok, levels, 2, th).tolist() == [0, 1, 2, 3, 3, 3, 2]
    assert viability_tiers(sim, level_ok, levels, None, th).tolist() == [0, 1, 2, 3, 3, 3, 2]
    # the level gate still applies to every tier (the sixth target is two levels up)
    assert viability_tiers(sim, np.ones(7, dtype=bool), levels, 2, th).tolist() == [0, 1, 2, 3, 3, 0, 2]


def test_a_generic_low_skilled_origin_gets_marked_entry_level_targets_not_an_empty_list(esco: Taxonomy) -> None:
    from krapte.match import resolve_occupation
    from krapte.match.viability import THRESHOLDS

    kassa = resolve_occupation(esco, "kassamedewerker")
    paths = pathways_from_occupation(esco, kassa.uri, top=5)
    assert paths, "no green/digital/technical pathway at all for a kassamedewerker"
    for p in paths:
        assert p.flags and p.viability in ("haalbaar", "hoog", "met scholing")
        if p.viability == "met scholing":
            assert not p.viable and p.similarity >= THRESHOLDS.reachable
            assert p.level_target is not None and p.level_target <= 2
            assert any("met scholing" in r for r in p.reasons) and p.to_dict()["viability"] == "met scholing"
    # viable targets always come before the lower tier
    order = [
        p.viability == "met scholing"
        for p in pathways_from_occupation(esco, resolve_occupation(esco, "callcentermedewerker").uri, top=10)
    ]
    assert order == sorted(order)


def test_the_exact_thresholds_are_the_documented_percentiles_of_esco(esco: Taxonomy) -> None:
    from krapte.match.viability import THRESHOLDS, derive_thresholds

    derived = derive_thresholds(occupation_similarity(esco).similarity, "test")
    assert (derived.viable, derived.highly_viable, derived.reachable) == (
        THRESHOLDS.viable,
        THRESHOLDS.highly_viable,
        THRESHOLDS.reachable,
    )


def test_semantic_thresholds_come_from_the_distribution_with_credit(tiny: Taxonomy) -> None:
    from krapte.match.viability import THRESHOLDS, derive_thresholds, thresholds_for

    space = skill_space(tiny)
    nb = SemanticNeighbours.from_vectors(space, space.skill_uris, np.eye(len(space.skill_uris), dtype=np.float32))
    assert thresholds_for(tiny, None) is THRESHOLDS
    derived = thresholds_for(tiny, nb)
    assert derived == derive_thresholds(occupation_similarity(tiny, nb).similarity, derived.basis)
    assert derived.reachable <= derived.viable <= derived.highly_viable and "semantic" in derived.basis
