"""The embedded CBS 2026 regional mapping and its look-ups."""

from __future__ import annotations

import pandas as pd
import pytest

from krapte.errors import NotFoundError
from krapte.labour.regions import default_regions, normalise_name
from tests.conftest import SHARED_DATA


def test_the_2026_mapping_has_342_gemeenten_35_arbeidsmarktregios_and_30_res_regions() -> None:
    rm = default_regions(2026)
    assert len(rm.gemeente_list()) == 342
    assert len(rm.am_codes) == 35
    assert len(rm.res_regions()) == 30
    assert len(rm.provinces()) == 12
    assert "AM04" not in rm.am_codes and "AM38" in rm.am_codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Den Bosch", "GM0796"),
        ("'s-Hertogenbosch", "GM0796"),
        ("sudwest fryslan", "GM1900"),
        ("Amstrdam", "GM0363"),
        ("Den Haag", "GM0518"),
        ("Weesp", "GM0363"),  # merged into Amsterdam in 2022
        ("gm0363", "GM0363"),
        ("Rijnmond", "AM22"),
        ("Noord-Holland Zuid", "ES16"),
        ("Groningen", "GM0014"),  # the gemeente wins over the region of the same name
    ],
)
def test_find_accepts_codes_and_fuzzy_dutch_names(text: str, code: str) -> None:
    assert default_regions().find(text).code == code


def test_find_by_kind_resolves_a_name_shared_by_a_gemeente_and_a_region() -> None:
    assert default_regions().find("Groningen", kinds=("arbeidsmarktregio",)).code == "AM01"
    assert default_regions().find("Groningen", kinds=("res",)).code == "ES01"


def test_an_unknown_name_names_the_closest_candidates() -> None:
    with pytest.raises(NotFoundError) as err:
        default_regions().find("Atlantis")
    assert "Atlantis" in err.value.message and "did you mean" in (err.value.hint or "")


def test_an_unknown_year_is_refused() -> None:
    with pytest.raises(NotFoundError, match="2019"):
        default_regions(2019)


def test_a_res_region_is_spread_over_arbeidsmarktregios_by_its_share_of_gemeenten() -> None:
    weights = default_regions().am_weights("ES16")  # Noord-Holland Zuid spans four arbeidsmarktregio's
    assert len(weights) == 4
    assert sum(weights.values()) == pytest.approx(1.0)
    assert weights["AM12"] == pytest.approx(6 / 27)
    assert default_regions().am_weights("GM0114") == {"AM03": 1.0}


def test_overlap_has_the_53_res_by_arbeidsmarktregio_pairs() -> None:
    overlap = default_regions().overlap()
    assert len(overlap) == 53
    assert overlap.groupby("res_code").weight.sum().round(9).eq(1).all()


def test_normalise_name_drops_diacritics_case_and_punctuation() -> None:
    assert normalise_name("Súdwest-Fryslân") == "sudwest fryslan"


def test_embedded_mapping_equals_the_shared_source() -> None:
    source = SHARED_DATA / "regions" / "gemeente_arbeidsmarktregio_res_2026.csv"
    if not source.exists():
        pytest.skip("shared data not available")
    shared = pd.read_csv(source, dtype=str)
    pd.testing.assert_frame_equal(shared, default_regions().gemeenten)


def test_the_setup_loader_checks_the_embedded_labour_data() -> None:
    from krapte.labour.defaults import load_default_labour

    report = load_default_labour(None, None)
    assert report["arbeidsmarktregios"] == 35 and report["gemeenten"] == 342
    assert report["factor_sets"] >= 6 and report["supply_groups"] == 114


def test_describe_gives_names_next_to_codes() -> None:
    from krapte.labour.regions import default_regions

    body = default_regions().describe("Den Bosch")
    assert (body["code"], body["name"], body["kind"]) == ("GM0796", "'s-Hertogenbosch", "gemeente")
    assert body["arbeidsmarktregios"] == [{"code": "AM27", "name": "Noordoost-Brabant"}]
    assert body["res_regions"][0]["code"] == "ES27" and body["res_regions"][0]["name"]
    assert body["provinces"] == [{"code": "PV30", "name": "Noord-Brabant"}]
    assert default_regions().label("AM27") == "AM27 Noordoost-Brabant"
    res = default_regions().describe("ES03")
    assert {w["name"] for w in res["arbeidsmarktregio_weights"]} == {"Groningen", "Drenthe", "Regio Zwolle"}
