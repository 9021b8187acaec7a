"""Text → ESCO skills with evidence: the extraction engine.

Stages, in order (see ``docs/extract.md``):

1. **Lexical** (:mod:`krapte.extract.gazetteer`): every Dutch and English label and alternative label of every
   skill, with generated Dutch inflections, verb–object orders, separable verbs and compounds, plus the Dutch
   vacancy lexicon in ``krapte/data/extract-nl-lexicon/``, matched in one Aho–Corasick pass.
2. **Reading** (:mod:`krapte.extract.reading`, :mod:`krapte.extract.verb_object`): in a Dutch text an English
   label counts only when it is a name used in Dutch ("SAP", "Python"), never a Dutch function word ("die" is not
   "dies"); verb–object phrases in Dutch word order ("je leest technische tekeningen", "sluit ... aan") are
   matched clause by clause; labels inside organisation names ("Bol Logistics") are dropped; wishes ("ik wil
   overstappen naar monteur warmtepompen") give *target* occupations, not skills.
3. **Context** (:mod:`krapte.extract.context`): hits in boilerplate (company blurb, offer, application, equal
   opportunities) are dropped; negated hits ("geen ervaring met lassen vereist") go to ``negated`` instead of
   ``skills``; generic skills ("communicatie", "planning") need a requirement cue or repetition, else their
   confidence falls below the cut.
4. **Cross-lingual** (:mod:`krapte.extract.embedding_stage`, :mod:`krapte.extract.crosslingual`): in Dutch text
   every clause is embedded with the offline multilingual encoder, its nearest skills are candidates and a learned
   acceptance model decides; in other text, task and requirement clauses the lexical stage did not cover are linked
   to the nearest skill when the cosine and the margin over the runner-up are high enough. This reaches the ESCO
   skills that only have English labels.
5. **Occupations**: ranked from the skill profile (IDF-weighted overlap with essential/optional skills), mixed with
   the taxonomy's title ranking when a job title is given.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal

from krapte.errors import ValidationError
from krapte.extract import ranking
from krapte.extract.cache import load_artefacts
from krapte.extract.context import DocumentContext
from krapte.extract.crosslingual import AcceptanceModel, Candidate, SkillWords, load_acceptance_model
from krapte.extract.embedding_stage import (
    EMBEDDING,
    EMBEDDING_CONFIDENCE,
    EmbeddingStages,
    Found,
)
from krapte.extract.gazetteer import COMPOUND, EXACT, VARIANT, Hit, longest_hits, normalise, normalise_label
from krapte.extract.profile import Evidence, OccupationSuggestion, RankedSkill, SkillMatch, SkillProfile
from krapte.extract.reading import (
    ActionVerbs,
    own_label_first,
    requirement_zones,
    wish_object,
)
from krapte.extract.skill_vectors import SkillVectors, embedding_available
from krapte.extract.spans import SpanTagger, default_span_tagger
from krapte.extract.words import detect_language

LangOption = Literal["auto", "nl", "en"]
LEXICON = "lexicon"
VERB_OBJECT = "verb_object"
DERIVED = "derived"  # a machine-derived Dutch label (krapte.taxonomy.labels), not ESCO's

# Base confidence of one piece of evidence, by how it was found.
METHOD_CONFIDENCE: dict[str, float] = {
    EXACT: 0.85,
    LEXICON: 0.8,
    VARIANT: 0.75,
    VERB_OBJECT: 0.7,
    DERIVED: 0.6,
    COMPOUND: 0.6,
    EMBEDDING: EMBEDDING_CONFIDENCE,
}
MIN_CONFIDENCE = 0.35
GENERIC_FACTOR = 0.35  # a generic skill without a requirement cue keeps this share of its confidence
# how a clause's two phrasings (as written, and in label order) are combined for linking: "written" (the first
# only), "max" or "mean" of the two score rows
PHRASE_COMBINE = "written"  # "max" measured worse on fold A (docs/benchmarks.md)
TARGET_FLOOR = 0.6  # a wish's target occupations: those within this share of the best title score


class SkillExtractor(EmbeddingStages):
    """Turns texts into ESCO skill profiles; build once per taxonomy and reuse (building takes seconds)."""

    def __init__(self, taxonomy: Any, *, use_embeddings: bool = True, cache_dir: Path | None = None) -> None:
        """``cache_dir``: read the built matchers from there, or build and write them (:mod:`krapte.extract.cache`);
        None builds them in memory."""
        self.taxonomy = taxonomy
        self.use_embeddings = use_embeddings and embedding_available()
        built = load_artefacts(taxonomy, cache_dir)
        tables = built.tables
        self._lexicon_keys = tables.lexicon_keys
        self._derived = built.derived
        self._derived_keys = tables.derived_keys
        self.gazetteer = built.gazetteer
        self._international = built.international
        self.verb_objects = built.verb_objects
        self._generic = built.generic
        self._verb_forms = built.verb_forms
        self._actions = ActionVerbs()
        self._infinitives = tables.infinitives  # finite form → infinitive, for the verbs of the Dutch labels
        self._knowledge = tables.knowledge  # skills whose English label does not start with a verb
        self._action_verbs = tables.action_verbs  # the verbs of the Dutch labels of action skills
        self._vectors: SkillVectors | None = None
        # the cross-lingual stage's acceptance model for Dutch text (None: the cosine-and-margin rule below)
        self.acceptance: AcceptanceModel | None = load_acceptance_model()
        self._skill_words = SkillWords(taxonomy, self._derived)
        self._idf = built.idf
        # skill → [(occupation, 1 for essential / ½ for optional)], and each occupation's essential-skill mass
        self._occupations_of = tables.occupations_of
        self._occupation_norm = tables.occupation_norm

    @property
    def _tagger(self) -> SpanTagger | None:
        """The English span tagger whose spans are ranking's phrases (1.3 MB of JSON, 0.3 s to read; it loads when
        ranking first needs it). The sparse tagger, not the default over the word table: the shipped ranker was
        fitted on its phrases, and with them sentence → skill linking is better on all three sets, leave-one-set-out
        RP@5 TECH / HOUSE / TECHWOLF 0.676 / 0.531 / 0.450 against 0.657 / 0.510 / 0.444 (``bench extract_quality``,
        2026-12-08), although the word-table tagger finds SkillSpan's spans better."""
        return default_span_tagger("span-tagger")

    # -- public ---------------------------------------------------------------------------------------------------
    def extract(self, text: str, lang: LangOption = "auto", *, title: str | None = None) -> SkillProfile:
        """The skill profile of ``text`` (a vacancy, CV or course description)."""
        if lang not in ("auto", "nl", "en"):
            raise ValidationError(f"language {lang!r} is not supported", hint="use 'auto', 'nl' or 'en'")
        detected = detect_language(text) if lang == "auto" else lang
        ctx, found, negated, covered, wishes = self._collect(text, detected)
        if self.use_embeddings:
            if detected == "nl" and self.acceptance is not None:
                self._crosslingual_stage(text, ctx, covered, found, self.acceptance)
            else:
                self._embedding_stage(text, ctx, covered, found, detected)
        skills = self._aggregate(found)
        negated_matches = [m for m in self._aggregate(negated, keep_all=True) if m.uri not in {s.uri for s in skills}]
        profile = SkillProfile(detected, skills, negated=negated_matches)
        profile.occupations = self.suggest_occupations(skills, title=title, lang=detected)
        profile.targets = self._targets(text, list(wishes.values()), detected)
        return profile

    def cross_lingual_candidates(self, text: str) -> tuple[list[Candidate], set[str]]:
        """The cross-lingual stage's candidates in a Dutch text before acceptance, and the skills the earlier stages
        found there (:mod:`krapte.extract.crosslingual`; used to fit and inspect the acceptance model)."""
        ctx, found, _, covered, _ = self._collect(text, "nl")
        return self._crosslingual_candidates(text, ctx, covered, found), set(found)

    def _collect(
        self, text: str, lang: str
    ) -> tuple[DocumentContext, Found, Found, list[tuple[int, int]], dict[int, Any]]:
        """The lexical, reading and verb–object stages: (context, found, negated, covered spans, wish sentences)."""
        ctx = DocumentContext(text)
        found: dict[str, list[tuple[Evidence, float]]] = defaultdict(list)
        negated: dict[str, list[tuple[Evidence, float]]] = defaultdict(list)
        covered: list[tuple[int, int]] = []
        wishes: dict[int, Any] = {}
        hits = self.lexical_hits(text, lang)
        if lang == "nl":
            hits = self._read_dutch_hits(text, hits)
        for hit in hits:
            sentence = ctx.sentence_at(hit.start)
            if sentence is None or sentence.boilerplate or ctx.in_organisation(hit.start, hit.end):
                continue
            if sentence.wished_at(hit.start):
                wishes[sentence.start] = sentence
                covered.append((hit.start, hit.end))
                continue
            method = self._method(hit)
            conf = METHOD_CONFIDENCE[method] + (0.05 if method == EXACT and hit.entry.preferred else 0.0)
            uri = hit.entry.uri
            if uri in self._generic and not sentence.requirement_cue:
                conf *= GENERIC_FACTOR
            is_neg = ctx.is_negated(hit.start)
            evidence = Evidence(hit.start, hit.end, text[hit.start : hit.end], method, is_neg)
            (negated if is_neg else found)[uri].append((evidence, conf))
            covered.append((hit.start, hit.end))
        if lang == "nl":
            self._verb_object_stage(text, ctx, covered, found, negated)
            _drop_derived_under_official(found, self._derived)
        wishes.update({s.start: s for s in ctx.sentences if s.wish})
        return ctx, found, negated, covered, wishes

    def lexical_hits(self, text: str, lang: str | None = None) -> list[Hit]:
        """The lexical stage alone: longest label hits (used by the speed benchmark and the span baseline).

        With ``lang="nl"`` English labels count only when they are names used in Dutch
        (:func:`krapte.extract.reading.english_terms_used_in_dutch`) and written as in ESCO (no English inflection
        variants): "die" never becomes "dies", "Logistics" never "logistics"."""
        hits: Iterable[Hit] = self.gazetteer.find(text)
        if lang == "nl":
            norm_keys = self._international
            hits = [
                h
                for h in hits
                if h.entry.lang != "en"
                or (h.entry.method == EXACT and " ".join(normalise_label(text[h.start : h.end]).split()) in norm_keys)
            ]
        return longest_hits(hits)

    def suggest_occupations(
        self, skills: Sequence[SkillMatch], *, title: str | None = None, lang: str = "nl", top: int = 10
    ) -> list[OccupationSuggestion]:
        """Occupations whose essential/optional skills overlap the profile most (IDF-weighted, cosine-like)."""
        scores: dict[str, float] = defaultdict(float)
        reasons: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for skill in skills:
            w = skill.confidence * self._idf.get(skill.uri, 1.0)
            label = self.taxonomy.skills[skill.uri].label(lang)
            for occ_uri, factor in self._occupations_of.get(skill.uri, ()):
                scores[occ_uri] += w * factor
                reasons[occ_uri].append((w * factor, label))
        scores = {uri: total / self._occupation_norm[uri] for uri, total in scores.items()}
        if scores:
            best = max(scores.values())
            scores = {k: v / best for k, v in scores.items()}
        if title:
            for uri, score in _title_ranking(self.taxonomy, title, lang, top=top, use_embedding=self.use_embeddings):
                scores[uri] = scores.get(uri, 0.0) * 0.5 + score
                reasons[uri].append((1e9, f"title: {title}"))
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:top]
        return [
            OccupationSuggestion(
                uri,
                self.taxonomy.occupations[uri].label(lang),
                round(score, 4),
                tuple(label for _, label in sorted(reasons[uri], key=lambda r: -r[0])[:5]),
            )
            for uri, score in ranked
        ]

    def rank(self, text: str, top: int = 10, lang: LangOption = "auto") -> list[RankedSkill]:
        """Skills a short text (sentence or phrase) expresses, best first (:func:`krapte.extract.ranking.rank_many`)."""
        return ranking.rank_many(self, [text], top=top, lang=lang)[0]

    def rank_many(
        self, texts: Sequence[str], top: int = 10, lang: LangOption = "auto", *, restrict: set[str] | None = None
    ) -> list[list[RankedSkill]]:
        """:meth:`rank` for many texts at once (:func:`krapte.extract.ranking.rank_many`)."""
        return ranking.rank_many(self, texts, top=top, lang=lang, restrict=restrict)

    # -- internals ------------------------------------------------------------------------------------------------
    def _read_dutch_hits(self, text: str, hits: list[Hit]) -> list[Hit]:
        """Lexical hits of a Dutch text that name skills (see :mod:`krapte.extract.reading`): not the words of a
        certificate or a course name, not a field of knowledge that only modifies a compound ("energie" in
        "energieadviseur"), not an object noun governed by a verb of another action ("adviseert over
        warmtepompen"), and where one span gives several skills, the skill whose own label it is."""
        zones = requirement_zones(text)
        norm = normalise(text)
        kept: list[Hit] = []
        for hit in hits:
            uri = hit.entry.uri
            if any(s < hit.end and hit.start < e for s, e in zones):
                continue
            if hit.modifier and uri in self._knowledge:
                continue
            label_en = self.taxonomy.skills[uri].labels.get("en", "")
            own_verb = any(w in self._action_verbs for w in norm[hit.start : hit.end].split())  # "solderen van ..."
            if not own_verb and self._actions.conflicts(text, norm, hit.start, hit.end, label_en):
                continue
            kept.append(hit)
        return own_label_first(kept)

    def _method(self, hit: Hit) -> str:
        if hit.entry.label and (normalise_label(hit.entry.label), hit.entry.uri) in self._derived_keys:
            return DERIVED
        if hit.compound:
            return COMPOUND
        if (hit.entry.label and (normalise_label(hit.entry.label), hit.entry.uri) in self._lexicon_keys) and (
            hit.entry.method == EXACT
        ):
            return LEXICON
        return hit.entry.method

    def _verb_object_stage(
        self,
        text: str,
        ctx: DocumentContext,
        covered: list[tuple[int, int]],
        found: dict[str, list[tuple[Evidence, float]]],
        negated: dict[str, list[tuple[Evidence, float]]],
    ) -> None:
        """Dutch verb–object phrases the contiguous lexical stage did not match (:mod:`krapte.extract.verb_object`)."""
        for hit in self.verb_objects.find(text):
            if hit.uri in found or hit.uri in negated or hit.uri in self._knowledge:
                continue  # a knowledge skill has no verb: "werkt veilig" is no "health and safety" knowledge
            sentence = ctx.sentence_at(hit.start)
            if (
                sentence is None
                or sentence.boilerplate
                or sentence.wished_at(hit.start)
                or ctx.in_organisation(hit.start, hit.end)
            ):
                continue
            conf = METHOD_CONFIDENCE[VERB_OBJECT]
            if hit.uri in self._generic and not sentence.requirement_cue:
                conf *= GENERIC_FACTOR
            is_neg = ctx.is_negated(hit.start)
            evidence = Evidence(hit.start, hit.end, text[hit.start : hit.end], VERB_OBJECT, is_neg)
            (negated if is_neg else found)[hit.uri].append((evidence, conf))
            covered.append((hit.start, hit.end))

    def _targets(self, text: str, wishes: Sequence[Any], lang: str) -> list[OccupationSuggestion]:
        """Occupations named by wish sentences ("ik wil overstappen naar monteur warmtepompen"), best first."""
        out: dict[str, OccupationSuggestion] = {}
        for sentence in sorted(wishes, key=lambda s: s.start):
            phrase = wish_object(text[sentence.wish_start : sentence.end])
            if not phrase:
                continue
            ranked = _title_ranking(self.taxonomy, phrase, lang, top=3, use_embedding=self.use_embeddings)
            best = ranked[0][1] if ranked else 0.0
            for uri, score in ranked:
                if uri not in out and score >= TARGET_FLOOR * best:  # "monteur" alone is also a film editor
                    label = self.taxonomy.occupations[uri].label(lang)
                    out[uri] = OccupationSuggestion(uri, label, round(score, 4), (f"wish: {phrase}",))
        return list(out.values())

    def _phrase_scores(self, text: str, phrases: list[tuple[int, int]], vectors: SkillVectors, lang: str) -> Any:
        """Skill scores of each phrase (:func:`krapte.extract.ranking.phrase_scores`)."""
        return ranking.phrase_scores(self, text, phrases, vectors, lang)

    def _aggregate(self, found: dict[str, list[tuple[Evidence, float]]], *, keep_all: bool = False) -> list[SkillMatch]:
        matches = []
        for uri, items in found.items():
            miss = 1.0
            for _, conf in items:
                miss *= 1.0 - conf
            confidence = round(min(0.99, 1.0 - miss), 3)
            if confidence < MIN_CONFIDENCE and not keep_all:
                continue
            skill = self.taxonomy.skills[uri]
            matches.append(
                SkillMatch(
                    uri=uri,
                    label_nl=skill.label("nl"),
                    label_en=skill.label("en"),
                    confidence=confidence,
                    evidence=sorted((e for e, _ in items), key=lambda e: e.start),
                    is_green=bool(skill.is_green),
                    is_digital=bool(skill.is_digital),
                    generic=uri in self._generic,
                    label_nl_derived="" if skill.labels.get("nl") else next(iter(self._derived.get(uri, ())), ""),
                )
            )
        matches.sort(key=lambda m: (-m.confidence, m.evidence[0].start))
        return matches


def _drop_derived_under_official(
    found: dict[str, list[tuple[Evidence, float]]], derived: dict[str, tuple[str, ...]]
) -> None:
    """A skill found only through a machine-derived label gives way where an official label found another skill in
    the same words ("schrijft technische documentatie": ESCO's "documentatie leveren" over a derived label)."""
    official = [e for uri, items in found.items() if uri not in derived for e, _ in items]
    for uri in [u for u in found if u in derived]:
        kept = [(e, c) for e, c in found[uri] if not any(o.start < e.end and e.start < o.end for o in official)]
        if kept:
            found[uri] = kept
        else:
            del found[uri]


def _title_ranking(taxonomy: Any, title: str, lang: str, *, top: int, use_embedding: bool) -> list[tuple[str, float]]:
    """The taxonomy's job-title → occupation ranking (:func:`krapte.taxonomy.search.rank_occupations`)."""
    try:
        from krapte.taxonomy.search import rank_occupations
    except ImportError:
        return []
    ranked = rank_occupations(taxonomy, [title], lang=lang, top=top, use_embedding=use_embedding)[0]
    return [(hit.uri, float(hit.score)) for hit in ranked]


@cache
def default_extractor(use_embeddings: bool = True) -> SkillExtractor:
    """A process-wide extractor over the embedded default taxonomy.

    With and without embeddings it is one engine: the automaton (the costly part of building an extractor) is
    built once per process, and the embedding variant is a shallow copy with the cross-lingual switch on.
    """
    if use_embeddings:
        engine = copy.copy(default_extractor(use_embeddings=False))
        engine.use_embeddings = embedding_available()
        return engine
    from krapte.extract.cache import prefetch
    from krapte.settings import Settings
    from krapte.taxonomy import default_taxonomy

    cache_dir = Settings.from_env().cache_dir
    prefetch(cache_dir)  # the engine's cache file is read while the taxonomy loads
    return SkillExtractor(default_taxonomy(), use_embeddings=False, cache_dir=cache_dir)


# ``krapte.extract.skills.rank_skills`` stays importable; the ranking lives in :mod:`krapte.extract.ranking`
rank_skills = ranking.rank_skills
