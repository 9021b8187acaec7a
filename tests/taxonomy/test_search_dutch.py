"""Search that understands Dutch job words: the examples of issue 11."""

from __future__ import annotations

from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.search import rank_occupations, rewrite_query, search


def labels(query: str, **kwargs: object) -> list[str]:
    return [h.label for h in search(default_taxonomy(), query, top=5, semantic=False, **kwargs)]  # type: ignore[arg-type]


def test_licence_codes_and_abbreviations_are_spelled_out() -> None:
    assert rewrite_query("Chauffeur C/E") == "Chauffeur vrachtwagenchauffeur"
    assert rewrite_query("Buschauffeur D/E (m/v)") == "Buschauffeur buschauffeur"
    assert rewrite_query("Monteur VCA-VOL fulltime") == "Monteur"
    assert rewrite_query("C#") == "C#" and rewrite_query("Medewerker C") == "Medewerker C"
    assert rewrite_query("VCA") == "VCA"  # nothing but noise: the query stays as it was


def test_chauffeur_ce_is_a_truck_driver_not_a_taxi_driver() -> None:
    tax = default_taxonomy()
    top = rank_occupations(tax, ["Chauffeur C/E"], top=3, use_embedding=False)[0]
    assert top[0].label == "vrachtwagenchauffeur"
    assert labels("Chauffeur C/E", kind="occupation")[0] == "vrachtwagenchauffeur"


def test_laadpaal_finds_the_electrician() -> None:
    found = labels("laadpaal", kind="occupation")
    assert found[0] == "monteur elektrische installaties"
    assert not {"takelaar", "gemeenteraadslid", "kraamverzorgende"} & set(found)
    assert labels("laadpaalmonteur", kind="occupation")[0] == "monteur elektrische installaties"


def test_monteur_zonnepanelen_has_no_film_editor() -> None:
    found = labels("monteur zonnepanelen")
    assert found[0] == "monteur zonnepanelen"
    assert "editor film en video" not in found
