"""The neutral skill-set type: merging, provenance, construction from occupations and extraction output."""

import pytest

from krapte.errors import ValidationError
from krapte.match import SkillEntry, SkillEvidence, SkillSet, skillset_from_extraction, skillset_from_occupation
from krapte.taxonomy import Occupation

A = "http://data.europa.eu/esco/skill/a"
B = "http://data.europa.eu/esco/skill/b"
C = "http://data.europa.eu/esco/skill/c"


def test_duplicates_merge_to_the_strongest_weight_with_all_evidence() -> None:
    s = SkillSet(
        (
            SkillEntry(A, 0.4, "cv-extracted", evidence=(SkillEvidence("lassen", 0, 6),)),
            SkillEntry(A, 0.9, "self-declared"),
            SkillEntry(B, 0.5),
        )
    )
    assert len(s) == 2
    a = s.get(A)
    assert a is not None and a.weight == 0.9 and a.source == "self-declared"
    assert a.evidence == (SkillEvidence("lassen", 0, 6),)


def test_round_trip_and_bare_uris() -> None:
    s = SkillSet((SkillEntry(A, 0.7, "course", required=False, origin="course-1"),))
    again = SkillSet.from_list(s.to_list())
    assert again == s
    assert SkillSet.from_list([B]).get(B) == SkillEntry(B)


def test_weights_and_sources_are_checked() -> None:
    with pytest.raises(ValidationError):
        SkillEntry(A, 0.0)
    with pytest.raises(ValidationError):
        SkillEntry(A, 1.0, "gossip")  # type: ignore[arg-type]


def test_from_occupation_separates_essential_and_optional() -> None:
    occ = Occupation(uri="occ:1", labels={"nl": "lasser"}, essential_skills=(A, B), optional_skills=(B, C))
    s = skillset_from_occupation(occ)
    assert s.essential == {A, B} and s.optional == {C}
    assert s.get(C) is not None and s.get(C).source == "occupation-optional"  # type: ignore[union-attr]
    inferred = skillset_from_occupation(occ, inferred=True)
    assert inferred.uris == {A, B, C} and inferred.weight(A) == 1.0 and inferred.weight(C) == 0.5
    assert all(e.source == "inferred-from-occupation" and e.origin == "occ:1" for e in inferred)


def test_from_extraction_reads_the_json_shape_only() -> None:
    result = {
        "skills": [
            {"uri": A, "confidence": 0.83, "evidence": [{"start": 10, "end": 16, "text": "lassen", "method": "x"}]},
            {"uri": B, "confidence": 0.0, "evidence": []},
        ],
        "negated": [{"uri": C, "confidence": 0.9, "evidence": []}],
    }
    s = skillset_from_extraction(result, document="cv.pdf")
    assert s.uris == {A, B}
    assert s.get(A).evidence[0] == SkillEvidence("lassen", 10, 16, "cv.pdf")  # type: ignore[union-attr]
    assert s.weight(B) == pytest.approx(0.01)  # zero confidence is clamped, not dropped
