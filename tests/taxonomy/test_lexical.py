"""The lexical label index on a handful of labels: how an entry is scored and which concept wins."""

from __future__ import annotations

from krapte.taxonomy.lexical import W_EXACT, W_INFIX, W_PREFIX, Entry, LexicalIndex

LABELS = [
    Entry("occ/heat", "occupation", "nl", "monteur warmtepompen", True),
    Entry("occ/heat", "occupation", "nl", "warmtepompmonteur", False),
    Entry("occ/solar", "occupation", "nl", "monteur zonnepanelen", True),
    Entry("occ/solar", "occupation", "en", "solar panel installer", True),
    Entry("skill/heat", "skill", "nl", "warmtepompen installeren", True),
    Entry("occ/teacher", "occupation", "nl", "docent van de techniek", True),
]


def test_an_entry_scores_the_share_of_the_query_it_covers_and_its_concept_keeps_the_best() -> None:
    index = LexicalIndex(LABELS)
    hits = index.search("monteur warmtepompen")
    # both words match the preferred label exactly: full coverage, full precision, the preferred bonus
    assert hits[0].uri == "occ/heat"
    assert hits[0].entry.text == "monteur warmtepompen"
    assert hits[0].score == 1.0 + 0.03
    # one concept, one hit, however many of its labels match; half a query covered scores below
    assert len({h.uri for h in hits}) == len(hits)
    assert {h.uri for h in hits[1:]} == {"occ/solar", "skill/heat"} and hits[1].score < 0.8


def test_adjacent_words_also_match_as_one_whole_word() -> None:
    """ "warmtepomp monteur" reaches the compound label "warmtepompmonteur" as one joined token; a joined pair
    counts only as an exact word or a prefix, never as a part inside a word or a typo."""
    index = LexicalIndex(LABELS)
    assert index.expand("warmtepompmonteur", whole=True) == {"warmtepompmonteur": W_EXACT}
    assert index.expand("warmtepompmon", whole=True) == {"warmtepompmonteur": W_PREFIX}
    assert index.expand("pompmonteur", whole=True) == {}
    assert index.expand("pompmonteur")["warmtepompmonteur"] == W_INFIX
    hit = index.search("warmtepomp monteur", kind="occupation")[0]
    assert hit.uri == "occ/heat"


def test_function_words_only_add_to_labels_found_by_other_words() -> None:
    index = LexicalIndex(LABELS)
    assert [h.uri for h in index.search("docent van de")] == ["occ/teacher"]
    assert [h.uri for h in index.search("van de")] == ["occ/teacher"]  # nothing else: they bring their own


def test_kind_language_and_allowed_concepts_filter_before_ranking() -> None:
    index = LexicalIndex(LABELS)
    assert {h.uri for h in index.search("monteur warmtepompen", kind="skill")} == {"skill/heat"}
    assert [h.uri for h in index.search("monteur", allowed={"occ/solar"})] == ["occ/solar"]
    # equal scores: the label text decides, so the order does not depend on how the index was built
    tied = index.search("monteur", kind="occupation")
    assert [h.entry.text for h in tied] == ["monteur warmtepompen", "monteur zonnepanelen"]
    assert index.search("solar installer", lang="en")[0].entry.lang == "en"
