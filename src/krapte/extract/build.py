"""Building the skill engine's matchers from a taxonomy: the label automaton, the verb–object rules, and the data
they use (Dutch lexicon, machine-derived Dutch labels, verb forms, generic skills, skill IDF)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from krapte.extract.gazetteer import Gazetteer, normalise_label
from krapte.extract.reading import is_knowledge, label_verbs, verb_first_words
from krapte.extract.verb_object import VerbObjectMatcher, verb_forms_of
from krapte.extract.words import GENERIC_WORDS
from krapte.taxonomy.labels import curated_dutch_terms
from krapte.text.dutch_variants import verb_forms
from krapte.text.normalize import label_key

__all__ = [
    "DERIVED_MIN_SCORE",
    "SkillTables",
    "build_gazetteer",
    "build_skill_tables",
    "build_verb_object_matcher",
    "dutch_lexicon",
    "dutch_verb_forms",
    "is_generic",
    "skill_idf",
    "usable_derived_labels",
]

DERIVED_MIN_SCORE = 0.5  # see usable_derived_labels


def dutch_lexicon() -> tuple[tuple[str, str], ...]:
    """(Dutch term, ESCO skill URI) pairs of the curated lexicon (:func:`krapte.taxonomy.labels.curated_dutch_terms`,
    shared with search)."""
    return curated_dutch_terms()


def _fill_gazetteer(gazetteer: Gazetteer, taxonomy: Any) -> None:
    for uri, skill in taxonomy.skills.items():
        for lang in ("nl", "en"):
            if skill.labels.get(lang):
                gazetteer.add(uri, skill.labels[lang], lang, preferred=True)
            for alt in skill.alt_labels(lang):
                gazetteer.add(uri, alt, lang, preferred=False)
    for term, uri in dutch_lexicon():
        if uri in taxonomy.skills:
            gazetteer.add(uri, term, "nl", preferred=False)
    for uri, labels in usable_derived_labels(taxonomy).items():
        for label in labels:
            gazetteer.add(uri, label, "nl", preferred=False, light=True)


def usable_derived_labels(taxonomy: Any) -> dict[str, tuple[str, ...]]:
    """Machine-derived Dutch labels (:func:`krapte.taxonomy.labels.derived_dutch_labels`, full translations only)
    of the skills of ``taxonomy`` that have no Dutch label, for the lexical and verb–object stages. Only labels of two
    words or more, or single words of ten letters or more (a compound), with a mean word association of at least
    :data:`DERIVED_MIN_SCORE`: a short derived label is too likely a common word with another meaning."""
    from krapte.taxonomy.labels import BASIS, derived_dutch_labels

    out: dict[str, tuple[str, ...]] = {}
    for uri, labels in derived_dutch_labels().items():
        skill = taxonomy.skills.get(uri)
        if skill is None or skill.labels.get("nl"):
            continue
        keep = tuple(
            d.label
            for d in labels
            if d.basis == BASIS and d.score >= DERIVED_MIN_SCORE and (" " in d.label or len(d.label) >= 10)
        )
        if keep:
            out[uri] = keep
    return out


def build_verb_object_matcher(taxonomy: Any) -> VerbObjectMatcher:
    """The verb–object matcher over the Dutch labels of skills whose English label starts with a verb, and the Dutch
    lexicon. Knowledge labels are noun phrases ("technische tekeningen": the last word is a plural, not a verb).
    ESCO's skill type is noisy ("lay tiles" is typed knowledge), so the verb test is a vote: an English first word
    is a verb when it starts more skill/competence labels than knowledge labels ("lay", not "types")."""
    votes: dict[str, int] = defaultdict(int)
    for skill in taxonomy.skills.values():
        words = normalise_label(skill.labels.get("en", "")).split()
        if len(words) >= 2:
            votes[words[0]] += -1 if getattr(skill, "skill_type", "") == "knowledge" else 1
    labels: list[tuple[str, str]] = []
    for uri, skill in taxonomy.skills.items():
        words = normalise_label(skill.labels.get("en", "")).split()
        if len(words) < 2 or votes[words[0]] <= 0:
            continue
        labels += [(uri, label) for label in skill.all_labels("nl")]
    labels += [(uri, term) for term, uri in dutch_lexicon() if uri in taxonomy.skills]
    for uri, derived in usable_derived_labels(taxonomy).items():
        words = normalise_label(taxonomy.skills[uri].labels.get("en", "")).split()
        if len(words) >= 2 and votes[words[0]] > 0:
            labels += [(uri, label) for label in derived]
    return VerbObjectMatcher(labels)


def build_gazetteer(taxonomy: Any) -> Gazetteer:
    """The lexical automaton for ``taxonomy`` (about a quarter million label variants; seconds to build).

    :mod:`krapte.extract.cache` keeps it on disk with the other built matchers: the automaton maps keys to numbers,
    and a pickled int automaton loads in a fraction of the build time (the earlier automaton of Python tuples did
    not).
    """
    gazetteer = Gazetteer()
    _fill_gazetteer(gazetteer, taxonomy)
    gazetteer.finalise()
    return gazetteer


def is_generic(skill: Any) -> bool:
    """Generic: transversal in ESCO, or a single-word label from :data:`GENERIC_WORDS`."""
    if getattr(skill, "is_transversal", False):
        return True
    for lang in ("nl", "en"):
        label = skill.labels.get(lang, "")
        if label and normalise_label(label) in GENERIC_WORDS:
            return True
    return False


def dutch_verb_forms(taxonomy: Any) -> frozenset[str]:
    """Finite forms and stems of the verbs of Dutch skill labels (ESCO puts the infinitive last:
    "warmtepompen installeren" → installeren, installeert, installeer, geïnstalleerd), folded like the text."""
    infinitives = set()
    for skill in taxonomy.skills.values():
        words = normalise_label(skill.labels.get("nl", "")).split()
        if len(words) >= 2 and words[-1].endswith("en"):
            infinitives.add(words[-1])
    forms: set[str] = set()
    for verb in infinitives:
        finite, nouns = verb_forms(verb)
        forms |= finite
        forms |= {n for n in nouns if not n.endswith(("ing", "atie"))}
    return frozenset(forms)


def skill_idf(taxonomy: Any) -> dict[str, float]:
    counts: dict[str, int] = defaultdict(int)
    for occ in taxonomy.occupations.values():
        for uri in (*occ.essential_skills, *occ.optional_skills):
            counts[uri] += 1
    n = max(len(taxonomy.occupations), 1)
    return {uri: math.log(1 + n / c) for uri, c in counts.items()}


@dataclass(frozen=True)
class SkillTables:
    """Lookup tables of the engine that depend only on the taxonomy and the lexicon data (built with the automaton
    and cached with it, :mod:`krapte.extract.cache`: computing them took about 1 CPU s per process)."""

    lexicon_keys: frozenset[tuple[str, str]]  # (normalised term, skill) of the curated Dutch lexicon
    derived_keys: frozenset[tuple[str, str]]  # (normalised label, skill) of the usable machine-derived labels
    infinitives: dict[str, str]  # finite form → infinitive, for the verbs of the Dutch labels (label_order)
    knowledge: frozenset[str]  # skills whose English label does not start with a verb
    action_verbs: frozenset[str]  # the verbs of the Dutch labels of action skills
    occupations_of: dict[str, list[tuple[str, float]]]  # skill → [(occupation, 1 essential / ½ optional)]
    occupation_norm: dict[str, float]  # each occupation's essential-skill mass (IDF-weighted)


def build_skill_tables(taxonomy: Any, derived: dict[str, tuple[str, ...]], idf: dict[str, float]) -> SkillTables:
    lexicon_keys = frozenset((normalise_label(term), uri) for term, uri in dutch_lexicon() if uri in taxonomy.skills)
    derived_keys = frozenset((normalise_label(label), uri) for uri, labels in derived.items() for label in labels)
    infinitives = {form: verb for verb in sorted(label_verbs(taxonomy), reverse=True) for form in verb_forms_of(verb)}
    verbs = verb_first_words(taxonomy)
    # knowledge: a skill whose English label does not start with a verb ("energy", "types of wind turbines")
    knowledge = frozenset(uri for uri, s in taxonomy.skills.items() if is_knowledge(s, verbs))
    # the verbs of the Dutch labels of action skills ("solderen", "installeren"), not the plural nouns that also
    # end in -en ("zonnepanelen")
    action_verbs = frozenset(
        label_key(label).split()[-1]
        for uri, s in taxonomy.skills.items()
        if uri not in knowledge
        for label in s.all_labels("nl")
        if label_key(label).endswith("en")
    )
    occupations_of: dict[str, list[tuple[str, float]]] = defaultdict(list)
    occupation_norm: dict[str, float] = {}
    for occ_uri, occ in taxonomy.occupations.items():
        for uri in occ.essential_skills:
            occupations_of[uri].append((occ_uri, 1.0))
        for uri in occ.optional_skills:
            occupations_of[uri].append((occ_uri, 0.5))
        occupation_norm[occ_uri] = math.sqrt(sum(idf.get(u, 1.0) ** 2 for u in occ.essential_skills) + 1)
    return SkillTables(
        lexicon_keys, derived_keys, infinitives, knowledge, action_verbs, occupations_of, occupation_norm
    )
