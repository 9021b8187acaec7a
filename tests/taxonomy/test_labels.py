"""Machine-derived Dutch labels for English-only ESCO skills: how they are learned, stored and reached."""

from __future__ import annotations

from krapte.taxonomy import default_taxonomy
from krapte.taxonomy.labels import BASIS, SEARCH_KEY, derived_dutch_labels, english_rendering, fit_translator
from krapte.taxonomy.lexical import is_derived_entry
from krapte.taxonomy.search import lexical_index, search

PAIRS = [
    ("install heat pump", "warmtepompen installeren", False),
    ("install solar panels", "zonnepanelen installeren", False),
    ("maintain solar panels", "zonnepanelen onderhouden", False),
    ("install boilers", "ketels installeren", False),
    ("maintain heat pump", "warmtepompen onderhouden", False),
    ("maintain boilers", "ketels onderhouden", False),
    ("maintain engines", "motoren onderhouden", False),
    ("repair engines", "motoren repareren", False),
    ("repair boilers", "ketels repareren", False),
    ("types of boilers", "soorten ketels", True),
    ("types of engines", "soorten motoren", True),
]


def test_translator_learns_verbs_and_words_from_aligned_labels() -> None:
    translator = fit_translator(PAIRS)
    assert translator.verbs["install"] == "installeren" and translator.verbs["repair"] == "repareren"
    assert "types" not in translator.verbs  # its Dutch labels do not end in one infinitive
    # an unseen combination, in Dutch verb-final order
    assert translator.translate("repair solar panels") is not None
    assert translator.translate("repair solar panels")[0] == "zonnepanelen repareren"  # type: ignore[index]
    assert translator.translate("repair turbines") is None  # an unknown word: no label rather than a wrong one
    assert translator.translate("repair turbines", partial=True)[0] == "turbines repareren"  # type: ignore[index]


def test_derived_labels_are_marked_and_only_for_skills_without_a_dutch_label() -> None:
    derived = derived_dutch_labels()
    tax = default_taxonomy()
    assert len(derived) > 5000
    for uri, labels in list(derived.items())[:500]:
        assert not tax.skills[uri].has_label("nl"), uri
        assert all(d.basis in (BASIS, SEARCH_KEY) for d in labels)
        assert all(d.label_en in tax.skills[uri].all_labels("en") for d in labels)


def test_dutch_search_reaches_a_skill_that_has_only_english_labels() -> None:
    tax = default_taxonomy()
    hits = search(tax, "motoren repareren", kind="skill", top=3)
    top = tax.skills[hits[0].uri]
    assert not top.has_label("nl") and top.labels["en"] == "repair engines"
    assert hits[0].label == "repair engines"  # a derived label is never shown as the skill's label
    # two ways in: the derived Dutch label in the index, and the query's English rendering
    entry = lexical_index(tax).search("motoren repareren", kind="skill", lang="nl", top=1)[0].entry
    assert entry.text == "motoren repareren" and is_derived_entry(tax, entry)
    assert english_rendering("motoren repareren") == "repair engines"
    assert "derived" in hits[0].to_dict()
