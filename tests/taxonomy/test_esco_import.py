"""Importing the official ESCO CSV format: fixtures in that format, broken variants, and the real shared files."""

import shutil
from pathlib import Path

import pytest

from krapte.errors import DataImportError
from krapte.store import Store
from krapte.store.taxonomy import activate_version, list_versions, load_taxonomy
from krapte.taxonomy.defaults import active_taxonomy, load_default_taxonomy
from krapte.taxonomy.esco_csv import read_esco
from tests.conftest import EXAMPLES, FIXTURES, SHARED_DATA

TINY = FIXTURES / "esco" / "tiny-v1.2.0"
ZIPS = sorted((EXAMPLES / "esco").glob("ESCO dataset*.zip"))
OCC = "http://data.europa.eu/esco/occupation/aaaaaaaa-0000-4000-8000-000000000001"


def test_folder_merges_languages_relations_and_collections() -> None:
    tax, report = read_esco([TINY])
    occ = tax.occupation(OCC)
    assert occ.labels == {"en": "heat pump installer", "nl": "warmtepompmonteur"}
    assert occ.hidden_labels("nl") == ("warmtepomp monter",)
    assert occ.isco_code == "7127"
    assert len(occ.essential_skills) == 2 and len(occ.optional_skills) == 1
    assert tax.skill(occ.essential_skills[0]).is_green
    assert tax.skill("bbbbbbbb-0000-4000-8000-000000000002").label("nl") == "energie-efficiëntie"
    # the relation to a skill that is not in the release is counted and located, not dropped silently
    assert report.counts["unknown_concept_references"] == 1
    assert "occupationSkillRelations_en.csv:6" in str(report.problems[0])


def test_zips_give_the_same_taxonomy_as_the_folder() -> None:
    from_zip, _ = read_esco(ZIPS)
    from_folder, _ = read_esco([TINY])
    assert from_zip.version == "1.2.0"
    assert from_zip.occupations == from_folder.occupations


def _broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    folder = tmp_path / "esco"
    shutil.copytree(TINY, folder)
    path = folder / name
    path.write_bytes(path.read_bytes().replace(old.encode(), new.encode(), 1))
    return folder


def test_bad_uri_names_file_line_and_column(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "occupations_en.csv", "http://data.europa.eu/esco/occupation/aaaaaaaa", "htp://x/a")
    with pytest.raises(DataImportError, match=r"occupations_en.csv:2 column 'conceptUri': not an ESCO URI"):
        read_esco([folder])


def test_unknown_column_is_rejected(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "skills_en.csv", "reuseLevel", "reuseLevle")
    with pytest.raises(DataImportError, match="unknown column 'reuseLevle'") as exc:
        read_esco([folder])
    assert exc.value.problem.line == 1


def test_wrong_encoding_is_rejected_with_the_line(tmp_path: Path) -> None:
    folder = tmp_path / "esco"
    shutil.copytree(TINY, folder)
    path = folder / "skills_nl.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    with pytest.raises(DataImportError, match="not UTF-8") as exc:
        read_esco([folder])
    assert exc.value.problem.line == 3


def test_missing_occupations_file_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "skills_en.csv").write_bytes((TINY / "skills_en.csv").read_bytes())
    with pytest.raises(DataImportError, match=r"no occupations_<lang>\.csv"):
        read_esco([tmp_path])
    with pytest.raises(DataImportError, match="does not exist"):
        read_esco([tmp_path / "nothing.zip"])


def test_store_keeps_versions_side_by_side_and_import_is_idempotent(store: Store) -> None:
    from krapte.settings import Settings
    from krapte.store.taxonomy import save_taxonomy

    default = load_default_taxonomy(store, Settings.from_env())
    assert default["active"] and load_default_taxonomy(store, Settings.from_env())["created"] is False
    tax, _ = read_esco([TINY])
    first = save_taxonomy(store, tax, activate=True)
    again = save_taxonomy(store, tax, activate=True)
    assert first["created"] and not again["created"] and again["id"] == first["id"]
    versions = list_versions(store)
    assert len(versions) == 2 and [v["active"] for v in versions] == [False, True]
    assert active_taxonomy(store=store).occupation(OCC).label("nl") == "warmtepompmonteur"
    assert load_taxonomy(store, first["id"]).occupations == tax.occupations
    activate_version(store, default["id"])
    assert len(active_taxonomy(store=store).occupations) == 3039


@pytest.mark.skipif(not (SHARED_DATA / "esco" / "v1.2.0-nl").exists(), reason="shared data not available")
def test_real_v120_export_without_skills_file() -> None:
    folders = [SHARED_DATA / "esco" / "v1.2.0-en", SHARED_DATA / "esco" / "v1.2.0-nl"]
    with pytest.raises(DataImportError):  # a release without skills is refused unless forced
        read_esco(folders, version="1.2.0")
    tax, report = read_esco(folders, version="1.2.0", force=True)
    assert len(tax.occupations) == 3039 and len(tax.isco_groups) == 619
    assert tax.occupation("00030d09-2b3a-4efd-87cc-c4ea39d27c34").label("nl") == "inspiciënt"
    # no skills_<lang>.csv in the shared copy: collection entries are counted as references to unknown skills
    assert report.counts["unknown_concept_references"] > 0
    assert "no skills_<lang>.csv" in str(report.problems[0])
