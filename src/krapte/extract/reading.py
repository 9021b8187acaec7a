"""Language-aware reading: which English labels a Dutch text can use, and what a wish names.

Dutch vacancies and CVs use English for names of software, standards and methods ("SAP", "Python", "AutoCAD",
"Scrum"), not for ordinary words: "die" in "een monteur die ..." is a pronoun, not the English skill "dies", and
"Logistics" in "Bol Logistics" is part of a name. So in a Dutch text an English label counts only when it is a
*name used in Dutch*:

* it contains a name token: written with a capital, a digit, ``+`` or ``#`` in ESCO ("Python", "SAP R3", "C++");
  a name token that is also an ordinary Dutch word ("Rage") must be an acronym (two or more capitals: "SQL") of a
  preferred label ("ICT", an alternative label of in-circuit testing, is not the Dutch "ICT");
* every other word of it is a Dutch word or a function word (the Dutch vocabulary is taken from the Dutch labels
  and descriptions of the taxonomy itself: "Python computer" passes, "writing Serbian" does not);
* or the same key is also a Dutch label of some concept ("SQL", "marketing" where ESCO's Dutch label is English).

The curated Dutch lexicon (``krapte/data/extract-nl-lexicon``) adds terms as Dutch labels, so they always count.
"""

from __future__ import annotations

import re
from typing import Any

from krapte.text.normalize import label_key
from krapte.text.words import FUNCTION_WORDS

__all__ = [
    "ACTION_CLASSES",
    "PREPOSITIONS",
    "SYNONYM_CLASSES",
    "ActionVerbs",
    "dutch_vocabulary",
    "english_terms_used_in_dutch",
    "is_knowledge",
    "label_order",
    "label_verbs",
    "own_label_first",
    "requirement_zones",
    "verb_first_words",
    "wish_object",
]

_TOKEN = re.compile(r"[\w+#.]+")
_NAME = re.compile(r"[A-Z]|\d|\+|#")
_ACRONYM = re.compile(r"[A-Z].*[A-Z]")


def _concepts(taxonomy: Any) -> list[Any]:
    out: list[Any] = [*taxonomy.skills.values(), *taxonomy.occupations.values()]
    out += list(getattr(taxonomy, "skill_groups", {}).values())
    return out


def dutch_vocabulary(taxonomy: Any) -> tuple[frozenset[str], frozenset[str]]:
    """(words, label keys) of the taxonomy's Dutch labels and descriptions, folded."""
    words: set[str] = set()
    keys: set[str] = set()
    for concept in _concepts(taxonomy):
        for label in concept.all_labels("nl"):
            key = label_key(label)
            keys.add(key)
            words.update(key.split())
        words.update(label_key(concept.descriptions.get("nl", "")).split())
    return frozenset(words), frozenset(keys)


def english_terms_used_in_dutch(taxonomy: Any) -> frozenset[str]:
    """Keys of the English skill labels that may match a Dutch text (see the module docstring)."""
    words, dutch_keys = dutch_vocabulary(taxonomy)
    allowed: set[str] = set()
    for skill in taxonomy.skills.values():
        preferred = skill.labels.get("en", "")
        for label in skill.all_labels("en"):
            key = label_key(label)
            if key in dutch_keys:
                allowed.add(key)
                continue
            toks = _TOKEN.findall(label)
            names = [t for t in toks if _NAME.search(t)]
            if not names or (len(toks) == 1 and len(key) < 3):
                continue
            if any(label_key(t) in words and not _ACRONYM.search(t) for t in names):
                continue
            if label != preferred and any(label_key(t) in words for t in names):
                continue  # an alternative label that is a Dutch word: "ICT" (in-circuit test) is not Dutch "ICT"
            if all(label_key(t) in words or label_key(t) in FUNCTION_WORDS for t in toks if t not in names):
                allowed.add(key)
    return frozenset(allowed)


_ARTICLE = r"\s*(?:een |a |an |de |het )?(?P<what>[^.,;:!?]+)"
_WISH_OBJECTS = (
    re.compile(
        r"(?:overstappen naar|overstap naar|omscholen tot|omscholen naar|omscholing tot|doorgroeien tot"
        r"|doorgroeien naar|baan als|functie als|werk als|job as|role as|position as|retrain as|switch to"
        r"|ambitie is om|doel is om|liefst als|bij voorkeur als|want to become|like to become)" + _ARTICLE,
        re.IGNORECASE,
    ),
    # "ik wil (graag) X worden", "ik zou graag werken als X": only a wish to *be* something names an occupation;
    # "ik wil me specialiseren in wondzorg" or "ik wil met mijn handen werken" name none
    re.compile(r"(?:wil (?:graag )?(?:ik )?|zou (?:ik )?graag )" + _ARTICLE, re.IGNORECASE),
)
_TRAILING = re.compile(r"\s+(?:te )?(?:worden|leren|werken|zijn|become|be)\s*$", re.IGNORECASE)
_DANGLING = re.compile(r"\s+(?:of|en|or|and)(?:\s+(?:als|as))?\s*$", re.IGNORECASE)
_AS = r"(?:werken|aan de slag|work) (?:als|as) "
_TO_BE = re.compile(rf"^{_AS}|\s(?:te )?(?:worden|zijn|become|be)\s*$", re.IGNORECASE)


def wish_object(sentence: str) -> str | None:
    """What a wish sentence names: ``"Ik wil overstappen naar monteur warmtepompen."`` → ``"monteur warmtepompen"``."""
    for n, pattern in enumerate(_WISH_OBJECTS):
        match = pattern.search(sentence)
        if match is None:
            continue
        what = match.group("what").strip()
        if n == len(_WISH_OBJECTS) - 1 and not _TO_BE.search(what):
            return None  # a wish to do or learn something, not to be someone
        what = re.sub(rf"^{_AS}", "", _TRAILING.sub("", what), flags=re.IGNORECASE)
        what = _DANGLING.sub("", what)  # "monteur warmtepompen of als" (the line goes on)
        what = re.sub(r"^(?:om |tot |naar |als |me |mij |graag )+", "", what, flags=re.IGNORECASE).strip()
        if what and not all(w in FUNCTION_WORDS for w in label_key(what).split()):
            return what
        return None
    return None


# -- what a lexical hit is about ----------------------------------------------------------------------------------
# A noun that names the object of a skill ("warmtepompen" → *install heat pump*, "elektrische installaties" →
# *install electrical equipment*) stands for that skill only when the clause does not do something else with it:
# "je adviseert over warmtepompen", "je repareert storingen aan elektrische installaties", "je test elektrische
# installaties" name other skills. Dutch action verbs fall into a few classes that match the verbs starting ESCO's
# English skill labels; a noun hit of an action skill is dropped when its clause has action verbs of other classes
# only. Verbs of no class ("werken", "hebben") and clauses without action verbs (lists, CV lines) change nothing.
ACTION_CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # class: (English label verbs, Dutch infinitives and nominalisations)
    "install": (
        ("install", "mount", "fit", "assemble", "place", "lay", "connect", "set", "erect", "build"),
        (
            "installeren",
            "aanleggen",
            "plaatsen",
            "monteren",
            "aansluiten",
            "inbouwen",
            "leggen",
            "bevestigen",
            "opbouwen",
            "bouwen",
            "installatie",
            "aanleg",
            "montage",
            "plaatsing",
            "aansluiting",
        ),
    ),
    "maintain": (("maintain", "service"), ("onderhouden", "onderhoud", "servicen")),
    "repair": (
        ("repair", "fix", "replace", "troubleshoot", "restore"),
        ("repareren", "herstellen", "verhelpen", "vervangen", "reparatie", "herstel", "vervanging"),
    ),
    "inspect": (
        ("test", "inspect", "measure", "check", "monitor", "examine", "verify", "calibrate"),
        (
            "testen",
            "inspecteren",
            "controleren",
            "meten",
            "keuren",
            "kalibreren",
            "inspectie",
            "controle",
            "meting",
            "keuring",
        ),
    ),
    "design": (("design", "draft", "calculate", "engineer"), ("ontwerpen", "berekenen", "ontwerp", "berekening")),
    "advise": (
        ("advise", "inform", "consult", "sell", "recommend"),
        ("adviseren", "advies", "informeren", "voorlichten", "verkopen", "verkoop", "voorlichting"),
    ),
    "clean": (("clean",), ("reinigen", "schoonmaken", "reiniging")),
    "manage": (
        ("manage", "administer", "supervise", "coordinate", "lead"),
        ("beheren", "coordineren", "aansturen", "leiden", "beheer", "coordinatie", "aansturing"),
    ),
    "use": (("use", "operate", "apply", "tend", "handle"), ("gebruiken", "bedienen", "toepassen", "hanteren")),
}
# classes whose verbs are near synonyms in skill labels: the verb–object stage lets any of them stand for another
SYNONYM_CLASSES = ("install", "repair")
_CLAUSE = re.compile(r"[.,;:!?()\n•·▪]|\s-\s")
_CLAUSE_WORD = re.compile(r"[a-z0-9]+")


class ActionVerbs:
    """The action classes of :data:`ACTION_CLASSES`, with every finite form, past form and participle of their
    verbs (:func:`krapte.extract.verb_object.verb_forms_of`); a separable verb's split form counts only with its
    particle later in the clause ("legt ... aan")."""

    def __init__(self) -> None:
        from krapte.extract.verb_object import verb_forms_of
        from krapte.text.dutch_variants import _separable_prefix, noun_forms

        self._english: dict[str, str] = {}
        # folded form → {(class, particle that must follow, nominal)}: a nominalisation ("installatie") governs only
        # when "van"/"aan" follows it ("installatie van warmtepompen"), else it is a thing ("test de installatie")
        self._forms: dict[str, set[tuple[str, str, bool]]] = {}
        for cls, (english, dutch) in ACTION_CLASSES.items():
            self._english.update(dict.fromkeys(english, cls))
            for word in dutch:
                if word.endswith("en") and len(word) >= 5:
                    particle = _separable_prefix(word)
                    for form in verb_forms_of(word):
                        self._forms.setdefault(form, set()).add((cls, "", False))
                    if particle:
                        for form in verb_forms_of(word[len(particle) :]):
                            self._forms.setdefault(form, set()).add((cls, particle, False))
                else:  # a nominalisation: installatie(s), onderhoud, controle(s)
                    for form in noun_forms(word) | {word + "s"}:
                        self._forms.setdefault(form, set()).add((cls, "", True))

    def skill_class(self, english_label: str) -> str | None:
        """The action class of a skill from the first word of its English label ("install heat pump" → install)."""
        words = label_key(english_label).split()
        return self._english.get(words[0]) if len(words) >= 2 else None

    def _word_classes(self, words: list[tuple[int, str]], nominal: bool) -> list[set[str]]:
        out: list[set[str]] = []
        for i, (_, word) in enumerate(words):
            found: set[str] = set()
            for cls, particle, is_noun in self._forms.get(word, ()):
                if is_noun and (not nominal or i + 1 == len(words) or words[i + 1][1] not in ("van", "aan")):
                    continue
                if not particle or any(w == particle for _, w in words[i + 1 :]):
                    found.add(cls)
            out.append(found)
        return out

    def classes(self, norm: str, start: int, end: int, *, nominal: bool = True) -> set[str]:
        """Action classes of the verbs in ``norm[start:end]`` (folded text); ``nominal=False``: verb forms only
        ("elektrische installaties" names a thing, not an action)."""
        words = [(m.start(), m.group()) for m in _CLAUSE_WORD.finditer(norm, start, end)]
        return set().union(*self._word_classes(words, nominal))

    def governing(self, norm: str, lo: int, hi: int, start: int, end: int) -> set[str]:
        """Action classes of the verb that governs ``norm[start:end]`` within the sentence ``norm[lo:hi]``, with
        the verbs coordinated with it ("plaatst en onderhoudt laadpalen", "installeren en onderhouden van
        cv-ketels"). The governing verb is the one right after the phrase ("cv-ketels onderhouden"), else the
        nearest before it (a Dutch main clause puts the finite verb before its objects, also across a list:
        "je installeert warmtepompen, cv-ketels en ..."), else the nearest after it."""
        words = [(m.start(), m.group()) for m in _CLAUSE_WORD.finditer(norm, lo, hi)]
        classes = self._word_classes(words, nominal=True)
        inside = [i for i, (pos, _) in enumerate(words) if start <= pos < end]
        if not inside:
            return set()
        first, last = inside[0], inside[-1]
        verbs = [i for i, c in enumerate(classes) if c and not first <= i <= last]
        if not verbs:
            return set()
        before = [i for i in verbs if i < first]
        if last + 1 in verbs:
            nearest = last + 1
        elif before:
            nearest = before[-1]
        else:
            nearest = verbs[0]
        found = set(classes[nearest])
        for step in (-2, 2):  # "V1 en V2", "V1, V2"
            k = nearest
            while 0 <= k + step < len(words) and classes[k + step] and words[k + step // 2][1] in _COORDINATORS:
                k += step
                found |= classes[k]
        return found

    def conflicts(self, text: str, norm: str, start: int, end: int, english_label: str) -> bool:
        """Whether the hit ``text[start:end]`` of the skill labelled ``english_label`` is governed by an action
        verb of another class ("je adviseert over warmtepompen" is not *install heat pump*)."""
        cls = self.skill_class(english_label)
        if cls is None or cls in self.classes(norm, start, end, nominal=False):
            return False
        lo = max((m.end() for m in _SENTENCE.finditer(text, 0, start)), default=0)
        after = _SENTENCE.search(text, end)
        governing = self.governing(norm, lo, after.start() if after else len(text), start, end)
        return bool(governing) and cls not in governing


_COORDINATORS = frozenset({"en", "of", "and", "or"})
_SENTENCE = re.compile(r"[.;:!?()\n•·▪]|\s-\s")


def requirement_zones(text: str) -> list[tuple[int, int]]:
    """Where a Dutch text states structured requirements whose words are not skills: language levels, certificates
    and licences
    ("VCA basis" is no *health and safety* skill, "BHV" is a certificate) and education with its field of study,
    from the level to the end of the clause ("mbo 4 Elektrotechniek", "hbo-diploma Verpleegkunde": the name of a
    course, not *electrical engineering*), as :func:`krapte.extract.requirements.extract_requirements` finds them."""
    from krapte.extract.requirements import extract_requirements

    found = extract_requirements(text)
    zones = [(c.evidence.start, c.evidence.end) for c in found.certificates]
    zones += [(d.evidence.start, d.evidence.end) for d in found.driving_licences]
    zones += [(lv.evidence.start, lv.evidence.end) for lv in found.language_levels]  # "Engels op B2-niveau"
    for mention in found.education.mentions if found.education else ():
        stop = _FIELD_END.search(text, mention.evidence.end)
        zones.append((mention.evidence.start, stop.start() if stop else len(text)))
    return zones


# the field of study ends at the clause's end or at "en"/"of" before a lower-case word ("Hbo Elektrotechniek of
# vergelijkbaar", "mbo 3 diploma Installatietechniek en VCA"; "Werktuigbouwkunde of Installatietechniek" goes on)
_FIELD_END = re.compile(r"[.,;:!?()\n•·▪]|\s(?:en|of|and|or)\s+(?=[a-z])|\s-\s")


def verb_first_words(taxonomy: Any) -> frozenset[str]:
    """English words that start skill labels as verbs: a vote over ESCO's noisy skill type (a first word is a verb
    when it starts more skill/competence labels than knowledge labels: "lay", not "types")."""
    votes: dict[str, int] = {}
    for skill in taxonomy.skills.values():
        words = label_key(skill.labels.get("en", "")).split()
        if len(words) >= 2:
            votes[words[0]] = votes.get(words[0], 0) + (-1 if getattr(skill, "skill_type", "") == "knowledge" else 1)
    return frozenset(w for w, v in votes.items() if v > 0)


PREPOSITIONS = frozenset(
    [
        "volgens",
        "met",
        "voor",
        "bij",
        "in",
        "op",
        "aan",
        "van",
        "tegen",
        "via",
        "naar",
        "uit",
        "over",
        "onder",
        "tijdens",
        "binnen",
        "door",
        "tot",
        "zonder",
        "rond",
    ]
)
_SUBJECTS = frozenset(["je", "jij", "u", "ik", "hij", "zij", "ze", "we", "wij"])
_ARTICLES = frozenset(["de", "het", "een", "alle", "deze", "die", "dit", "onze", "hun", "jouw", "mijn", "uw"])


def label_order(words: list[str], known: dict[str, str]) -> str | None:
    """A Dutch clause in the order of ESCO's Dutch labels, object first and infinitive last: "je metselt muren
    volgens tekening" → "muren metselen", "sluit je de omvormer aan op de meterkast" → "omvormer aansluiten".

    ``words`` are the clause's folded words; the finite verb is the word before or after a subject pronoun, its
    infinitive comes from ``known`` (form → infinitive) or :func:`krapte.text.dutch_variants.infinitive_of`, a
    separable particle later in the clause joins it, and the object runs from the verb to the first preposition
    (articles left out). None when the clause has no such verb or no object."""
    from krapte.text.dutch_variants import SEPARABLE_PREFIXES, infinitive_of

    verb = next((i for i in range(len(words)) if words[i] in _SUBJECTS), None)
    if verb is None:
        return None
    if verb + 1 < len(words) and words[verb + 1] not in _ARTICLES | PREPOSITIONS | FUNCTION_WORDS:
        verb, rest = verb + 1, verb + 2  # "je metselt muren"
    elif verb > 0 and words[verb - 1] not in FUNCTION_WORDS:
        verb, rest = verb - 1, verb + 1  # "sluit je de omvormer aan"
    else:
        return None
    infinitive = infinitive_of(words[verb], known)
    if infinitive is None:
        return None
    obj: list[str] = []
    particle = ""
    for word in words[rest:]:
        if word in SEPARABLE_PREFIXES and word in PREPOSITIONS and obj and not particle:
            particle = word  # "aan" after the object: the particle of a separable verb, or a preposition
            break
        if word in PREPOSITIONS:
            break
        if word not in _ARTICLES and word not in FUNCTION_WORDS:
            obj.append(word)
    if not obj or len(obj) > 4:
        return None
    return " ".join([*obj, particle + infinitive])


def label_verbs(taxonomy: Any) -> frozenset[str]:
    """The infinitives that end ESCO's Dutch skill labels ("warmtepompen installeren" → "installeren")."""
    out = set()
    for skill in taxonomy.skills.values():
        for label in skill.all_labels("nl"):
            words = label_key(label).split()
            if len(words) >= 2 and words[-1].endswith("en") and len(words[-1]) >= 5:
                out.add(words[-1])
    return frozenset(out)


def is_knowledge(skill: Any, verbs: frozenset[str]) -> bool:
    """Whether a skill is knowledge, not an action: its English label does not start with a verb of ``verbs``
    (:func:`verb_first_words`: "energy", "types of wind turbines"); a one-word label by ESCO's skill type
    ("troubleshoot" is a skill, "electricity" knowledge)."""
    words = label_key(skill.labels.get("en", "")).split()
    if len(words) == 1:
        return getattr(skill, "skill_type", "") == "knowledge"
    return not words or words[0] not in verbs


def own_label_first(hits: list[Any]) -> list[Any]:
    """Where one span gives several skills, keep those whose preferred label it is ("SQL" is the skill SQL, and only
    an alternative label of database management systems)."""
    by_span: dict[tuple[int, int], list[Any]] = {}
    for hit in hits:
        by_span.setdefault((hit.start, hit.end), []).append(hit)
    out = []
    for hit in hits:
        group = by_span[(hit.start, hit.end)]
        if hit.entry.preferred or not any(h.entry.preferred for h in group):
            out.append(hit)
    return out
