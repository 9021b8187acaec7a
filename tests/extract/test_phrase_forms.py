"""Dutch phrases rewritten in the form of ESCO's Dutch skill labels (object first, infinitive last)."""

from __future__ import annotations

import pytest

from krapte.extract.phrase_forms import LabelForms, nominal_verbs

# finite forms and participles of a few label verbs, as the skill tables hold them (form → infinitive)
INFINITIVES = {
    "installeert": "installeren",
    "installeren": "installeren",
    "geinstalleerd": "installeren",
    "vervangt": "vervangen",
    "vervangen": "vervangen",
    "onderhoudt": "onderhouden",
    "onderhouden": "onderhouden",
    "onderhoud": "onderhouden",
    "gelegd": "leggen",
    "leggen": "leggen",
    "aansluit": "aansluiten",
    "aansluiten": "aansluiten",
    "berekent": "berekenen",
    "bereken": "berekenen",
    "berekenen": "berekenen",
}


@pytest.fixture(scope="module")
def forms() -> LabelForms:
    return LabelForms(INFINITIVES, ["warmtemeters uitlezen"])


@pytest.mark.parametrize(
    ("phrase", "form"),
    [
        ("installeert warmtepompen", "warmtepompen installeren"),  # a finite verb first
        ("vervangt defecte onderdelen", "defecte onderdelen vervangen"),
        ("bereken je het energieverbruik", "energieverbruik berekenen"),  # a subject pronoun: label_order
        ("het aansluiten van omvormers", "omvormers aansluiten"),  # a nominalised infinitive with "van"
        ("onderhoud aan bestaande cv-ketels", "bestaande cv-ketels onderhouden"),  # a noun of the verb with "aan"
        ("warmtemeters uitgelezen", "warmtemeters uitlezen"),  # a participle after its object (a derived label's verb)
        ("zonnepanelen gelegd op platte daken", "zonnepanelen leggen"),  # the object ends at a preposition
        ("PEX-leidingen geplaatst", "pex-leidingen plaatsen"),  # participle by the regular rule, hyphen kept
    ],
)
def test_phrases_in_label_form(forms: LabelForms, phrase: str, form: str) -> None:
    assert forms.of(phrase) == form


@pytest.mark.parametrize(
    "phrase",
    [
        "warmtepompen installeren",  # already a label's form
        "dakinspectie",  # one word
        "montage",
        "ervaring met zonnepanelen",  # no verb
    ],
)
def test_phrases_without_a_label_form(forms: LabelForms, phrase: str) -> None:
    assert forms.of(phrase) is None


def test_nominal_verbs_map_nouns_to_their_verb() -> None:
    nouns = nominal_verbs(["installeren", "onderhouden"])
    assert nouns["installatie"] == "installeren"
    assert nouns["onderhoud"] == "onderhouden"
    assert all(len(noun) > 3 for noun in nouns)
