"""Surface variants of Dutch (and English) skill labels, for dictionary matching of running text.

ESCO labels are citation forms ("warmtepompen installeren", "install heat pumps"); vacancies say "installeren van
warmtepompen", "installatie van warmtepompen", "warmtepompinstallatie", "je installeert warmtepompen". Rather than
analysing every token of every document (slow), krapte generates the likely surface forms of each label once and
matches them all at once with an Aho–Corasick automaton. The rules are small, regular and documented here:

* nouns: singular ↔ plural (-en, -s, vowel doubling "paneel/panelen", consonant doubling "las/lassen");
* verbs (label-final infinitive in Dutch labels, which put the object first): finite forms (stem, stem+t,
  past, participle), nominalisations (-eren → -atie/-ering, -en → -ing, bare stem "onderhoud", "ontwerp");
* verb–object order: "<verb> van <object>", "<nominalisation> van <object>", "<object> te <verb>";
* compounds: "<object singular><nominalisation>" ("warmtepomp" + "installatie").

Over-generation is harmless: a variant that no text contains never matches.
"""

from __future__ import annotations

VOWELS = set("aeiou")
_PREPS = ("van", "van de")


def _is_vowel(ch: str) -> bool:
    return ch in VOWELS


def noun_forms(word: str) -> set[str]:
    """Singular and plural candidates of a Dutch noun given in either form."""
    forms = {word}
    if len(word) < 4:
        return forms
    if word.endswith("en") and len(word) > 4:
        stem = word[:-2]
        forms.add(stem)
        if len(stem) > 2 and stem[-1] == stem[-2] and not _is_vowel(stem[-1]):
            forms.add(stem[:-1])  # lassen -> las
        if len(stem) > 2 and not _is_vowel(stem[-1]) and _is_vowel(stem[-2]) and not _is_vowel(stem[-3]):
            forms.add(stem[:-1] + stem[-2] + stem[-1])  # panelen -> paneel
        if stem.endswith("v"):
            forms.add(stem[:-1] + "f")
        if stem.endswith("z"):
            forms.add(stem[:-1] + "s")
    elif word.endswith("s") and len(word) > 4 and word[-2] in "rlnmeo":
        forms.add(word[:-1])  # monteurs -> monteur, auto's handled by normalisation
    else:
        forms.add(word + "s")
        if word[-1] in "rlnm" and len(word) > 5 and word.endswith(("er", "el", "em", "en", "aar", "eur")):
            forms.add(word + "s")
        last, prev = word[-1], word[-2]
        if not _is_vowel(last) and _is_vowel(prev) and not _is_vowel(word[-3]):
            if word[-3:-1] in ("ee", "aa", "oo", "uu"):
                pass
            else:
                forms.add(word + last + "en")  # las -> lassen, pomp -> (pompen added below)
        if word[-3:-1] in ("ee", "aa", "oo", "uu") and not _is_vowel(last):
            forms.add(word[:-2] + last + "en")  # paneel -> panelen
        forms.add(word + "en")
    return forms


def verb_forms(infinitive: str) -> tuple[set[str], set[str]]:
    """Finite forms and nominalisations of a Dutch infinitive (``installeren`` → installeert…, installatie…)."""
    finite: set[str] = set()
    nouns: set[str] = set()
    if not infinitive.endswith("en") or len(infinitive) < 5:
        return finite, nouns
    stem = infinitive[:-2]
    if len(stem) > 2 and stem[-1] == stem[-2] and not _is_vowel(stem[-1]):
        stem = stem[:-1]  # bellen -> bel
    elif len(stem) > 2 and not _is_vowel(stem[-1]) and _is_vowel(stem[-2]) and not _is_vowel(stem[-3]):
        stem = stem[:-1] + stem[-2] + stem[-1]  # installeren -> installeer, plannen handled above
    if stem.endswith("v"):
        stem = stem[:-1] + "f"
    if stem.endswith("z"):
        stem = stem[:-1] + "s"
    t_end = "t" if not stem.endswith("t") else ""
    finite |= {stem + t_end, infinitive}
    soft = stem[-1] in "kfstchp" or stem.endswith("ch")
    participle_end = "t" if soft else "d"
    part_stem = stem + participle_end if not stem.endswith(("t", "d")) else stem
    prefixes = ("be", "ge", "her", "er", "ver", "ont")
    separable = _separable_prefix(infinitive)
    if separable:
        finite.add(separable + "ge" + part_stem[len(separable) :])  # uitvoeren -> uitgevoerd
    elif infinitive.startswith(prefixes):
        finite.add(part_stem)
    else:
        finite.add("ge" + part_stem)
    if infinitive.endswith(("cteren", "ceren")) and len(infinitive) > 7:
        base = infinitive[:-4]  # inspecteren → inspectie, produceren → productie
        nouns.add((base if base.endswith("ct") else base[:-1] + "ct") + "ie")
    elif infinitive.endswith("eren") and len(infinitive) > 6 and not _is_vowel(infinitive[-5]):
        base = infinitive[:-4]
        nouns.add(base + "atie")
    else:
        nouns.add(infinitive[:-2] + "ing")
    if len(stem) >= 5:
        nouns.add(stem)  # onderhoud, ontwerp
    return finite, nouns


SEPARABLE_PREFIXES: tuple[str, ...] = (
    "terug",
    "samen",
    "vast",
    "neer",
    "weg",
    "bij",
    "door",
    "over",
    "mee",
    "uit",
    "aan",
    "toe",
    "af",
    "op",
    "in",
    "om",
)
_PREPOSITIONS = {"voor", "van", "op", "in", "met", "aan", "bij", "over", "uit", "naar", "de", "het", "een", "en", "of"}


def _separable_prefix(infinitive: str) -> str:
    """The separable particle of a verb like ``uitvoeren`` or ``aansluiten`` ('' when there is none)."""
    for prefix in SEPARABLE_PREFIXES:
        rest = infinitive[len(prefix) :]
        if infinitive.startswith(prefix) and len(rest) >= 4 and rest.endswith("en"):
            if rest.endswith("eren") and len(rest) > 5 and not _is_vowel(rest[-5]):
                return ""  # a loan verb in -eren (installeren, informeren) is not in+stalleren
            return prefix
    return ""


def dutch_label_variants(label: str) -> set[str]:
    """Surface forms of a normalised Dutch ESCO label (object first, infinitive last)."""
    words = label.split()
    out = {label}
    if not words:
        return out
    if len(words) == 1:
        word = words[0]
        out |= noun_forms(word)
        finite, nouns = verb_forms(word)
        out |= nouns
        return out
    *obj, verb = words
    if verb.endswith("en") and len(obj) <= 3 and len(verb) >= 5 and obj[-1] not in _PREPOSITIONS:
        finite, nouns = verb_forms(verb)
        head_forms = noun_forms(obj[-1])
        objects = {" ".join([*obj[:-1], h]) for h in head_forms}
        for o in objects:
            out.add(f"{o} {verb}")
            out.add(f"{o} te {verb}")
            for f in finite:
                out.add(f"{o} {f}")
            for p in _PREPS:
                out.add(f"{verb} {p} {o}")
                for n in nouns:
                    out.add(f"{n} {p} {o}")
        particle = _separable_prefix(verb)
        if particle:  # "je voert onderhoud uit", "sluit de installatie aan"
            rest_finite, _ = verb_forms(verb[len(particle) :])
            for o in objects:
                for f in rest_finite:
                    out.add(f"{f} {o} {particle}")
                    out.add(f"{f} de {o} {particle}")
                    out.add(f"{f} een {o} {particle}")
        if len(obj) == 1:
            for h in head_forms:
                for n in nouns:
                    if len(n) >= 4:
                        out.add(h + n)  # warmtepomp + installatie
                        out.add(h + n + ("s" if n.endswith("e") else "en"))  # warmtepompinstallaties
    else:
        for h in noun_forms(words[-1]):
            out.add(" ".join([*words[:-1], h]))
    return out


def english_label_variants(label: str) -> set[str]:
    """Light English variants: plural/singular of the last word, -ing form of a leading verb."""
    words = label.split()
    out = {label}
    if not words:
        return out
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        out.add(" ".join([*words[:-1], last[:-3] + "y"]))
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        out.add(" ".join([*words[:-1], last[:-1]]))
    elif len(last) > 2 and not last.endswith("ing") and len(words) > 1:
        out.add(" ".join([*words[:-1], last + "s"]))
    if len(words) >= 2 and len(words[0]) > 2:
        verb = words[0]
        ing = (verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb) + "ing"
        for form in list(out):
            rest = form.split()[1:]
            out.add(" ".join([ing, *rest]))
    return out


_LONG = ("aa", "ee", "oo", "uu", "ij", "ei", "ui", "ou", "au", "ie", "oe", "eu")
_UNSTRESSED = ("el", "er", "em", "en", "ig", "ik")


def infinitive_of(word: str, known: dict[str, str] | None = None) -> str | None:
    """The infinitive of a finite Dutch verb form (present tense, singular): ``metselt`` → ``metselen``, ``tilt`` →
    ``tillen``, ``laadt`` → ``laden``, ``repareert`` → ``repareren``, ``schrijft`` → ``schrijven``.

    ``known`` (form → infinitive, e.g. from the verbs of ESCO's Dutch labels) is tried first; otherwise the regular
    spelling rules run backwards: drop the ``-t``, shorten a long vowel before a single consonant (``laad`` →
    ``lad``), double a single consonant after a short stressed vowel (``til`` → ``till``), voice ``f``/``s`` after
    a long vowel (``schrijf`` → ``schrijv``), add ``-en``. None for a word that cannot be a finite verb."""
    if known and word in known:
        return known[word]
    if len(word) < 3 or not word.isalpha():
        return None
    stem = word[:-1] if word.endswith("t") and len(word) > 3 else word
    if _is_vowel(stem[-1]) and not stem.endswith(("aa", "ee", "oo")):
        stem = word  # the t is the stem's own: "sluit", "test", "zet"
    last, body = stem[-1], stem[:-1]
    if _is_vowel(last):
        return stem + "n" if stem.endswith(("ee", "aa", "oo")) else None  # "gaat" → "gaan" is irregular anyway
    if body.endswith(("aa", "ee", "oo", "uu")) and not _is_vowel(last):
        stem = body[:-1] + last  # laad → lad, repareer → reparer
        long_vowel = True
    else:
        long_vowel = body.endswith(_LONG)
    if last == "f" and long_vowel:
        stem = stem[:-1] + "v"
    elif last == "s" and long_vowel:
        stem = stem[:-1] + "z"
    elif (
        not long_vowel
        and len(body) >= 1
        and _is_vowel(body[-1])
        and (len(body) < 2 or not _is_vowel(body[-2]))
        and not stem.endswith(_UNSTRESSED)
        and last not in "wxy"
    ):
        stem = stem + last  # til → till, pak → pakk
    return stem + "en"
