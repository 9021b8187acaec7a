"""Closed-class words of Dutch and English: articles, pronouns, prepositions, conjunctions, auxiliaries, modals.

One list for search and extraction. These words never name a skill or an occupation by themselves: a label key made
only of them is not matched ("die", the Dutch relative pronoun, is not the English skill "dies"), and they are
trimmed off the ends of phrases before phrases are embedded or compared.
"""

from __future__ import annotations

_DUTCH = """
    de het een en of maar want dus noch van voor met op in aan bij naar om te tot uit door over onder tussen
    tijdens zonder binnen buiten tegen sinds vanaf via per na als dan dat die dit deze daar hier er waar wat wie
    welk welke hoe ook nog al wel niet geen zo zoals je jij jou jouw u uw wij we ons onze zij ze hun hen hij
    haar ik mijn me mij men iemand iets alles elke elk ieder iedere is zijn ben bent was waren wordt worden werd
    werden heb hebt heeft hebben had hadden kan kun kunt kunnen kon konden moet moeten moest mag mogen wil wilt
    willen wou zal zult zullen zou zouden gaat gaan ga doet doen deed houd houdt krijg krijgt zelf samen
    graag goed goede zeer erg veel meer minder eigen nieuwe verschillende diverse andere overige daarnaast
    bovendien verder vooral dagelijks regelmatig reeds alleen enkel juist even toch nu dan toen
"""
_ENGLISH = """
    the a an and or but of for with on in at to from by as than that this these those there here what who
    which how also not no you your we our us they their he she it its i my me is are was were be been being has
    have had can could must should will would may might do does did good strong great very more other own new
    various including such etc into onto over under per via
"""

DUTCH_FUNCTION_WORDS: frozenset[str] = frozenset(_DUTCH.split())
ENGLISH_FUNCTION_WORDS: frozenset[str] = frozenset(_ENGLISH.split())
FUNCTION_WORDS: frozenset[str] = DUTCH_FUNCTION_WORDS | ENGLISH_FUNCTION_WORDS


def only_function_words(key: str, lang: str | None = None) -> bool:
    """Whether every word of a folded key is a function word (of ``lang``, or of either language)."""
    words = key.split()
    if not words:
        return True
    pool = {"nl": DUTCH_FUNCTION_WORDS, "en": ENGLISH_FUNCTION_WORDS}.get(lang or "", FUNCTION_WORDS)
    return all(w in pool for w in words)


__all__ = ["DUTCH_FUNCTION_WORDS", "ENGLISH_FUNCTION_WORDS", "FUNCTION_WORDS", "only_function_words"]
