"""Word lists of the skill engine: generic skill words, and the words a skill phrase is trimmed of.

Function words come from :mod:`krapte.text.words` (one list for search and extraction); this module adds the
requirement frame ("ervaring met", "kennis van", "vereist", "diploma") and the generic skill words.
"""

from __future__ import annotations

from typing import Literal

from krapte.text.words import FUNCTION_WORDS as TEXT_FUNCTION_WORDS

__all__ = ["FUNCTION_WORDS", "GENERIC_WORDS", "SUBJECT_PRONOUNS", "detect_language"]

# Words that name a skill but appear in almost every vacancy; they need context (see module docstring).
GENERIC_WORDS = frozenset(
    [
        "communicatie",
        "communiceren",
        "communication",
        "communicate",
        "planning",
        "plannen",
        "plan",
        "organiseren",
        "organise",
        "organize",
        "samenwerken",
        "samenwerking",
        "teamwork",
        "cooperate",
        "leiding",
        "leadership",
        "lead",
        "management",
        "beheren",
        "manage",
        "administratie",
        "administration",
        "advies",
        "adviseren",
        "advise",
        "verkoop",
        "sales",
        "marketing",
        "service",
        "klantgericht",
        "flexibel",
        "flexibility",
        "zelfstandig",
        "independent",
        "motivatie",
        "motivation",
        "creativiteit",
        "creativity",
        "ontwerpen",
        "design",
        "onderzoek",
        "research",
        "analyseren",
        "analyse",
        "analyze",
        "analysis",
        "rapporteren",
        "report",
        "reporting",
        "presenteren",
        "present",
        "schrijven",
        "write",
        "lezen",
        "read",
        "rekenen",
        "coördineren",
        "coordinate",
        "controle",
        "control",
        "testen",
        "test",
        "kwaliteit",
        "quality",
        "veiligheid",
        "safety",
        "onderwijs",
        "teaching",
        "opleiden",
        "train",
        "training",
        "besturen",
        "drive",
    ]
)

# Words that carry no skill content of their own: articles, pronouns, prepositions, auxiliaries and modals, common
# adverbs, and the requirement frame ("ervaring met", "kennis van", "diploma … vereist": diplomas, certificates,
# licences and hours are structured requirements, found by :mod:`krapte.extract.requirements`). A phrase for the
# cross-lingual stage must keep a content word after these are removed; they are trimmed off its ends.
_FUNCTION_WORDS_TEXT = """
    de het een en of van voor met op in aan bij naar om te tot uit door over onder tussen tijdens zonder binnen
    buiten als dan dat die dit deze daar hier er waar wat wie welke hoe ook nog al wel niet geen zo zoals
    je jij jou jouw u uw wij we ons onze zij ze hun hen hij haar ik mijn me mij men iemand iets alles elke elk
    is zijn ben bent was waren wordt worden werd heb hebt heeft hebben had kan kun kunt kunnen moet moeten mag
    mogen wil wilt willen zal zult zullen gaat gaan ga doet doen houd houdt krijg krijgt
    graag goed goede zeer erg veel meer minder eigen nieuwe verschillende diverse andere overige
    daarnaast bovendien verder vooral samen zelf dagelijks regelmatig
    ervaring kennis affiniteit vaardigheden vaardig bekend beschikt beschik bezit bezig werk werken werkt
    the a an and or of for with on in at to from by as than that this these those there here what who which how
    also not no you your we our us they their he she it its i my me is are was were be been being has have had
    can could must should will would may might do does did good strong great very more other own new various
    experience knowledge familiarity skills skilled ability able work working works including such etc
    vereist gewenst noodzakelijk nodig pluspunt pre required preferred needed desired plus
    diploma opleiding certificaat certificaten certificering degree certificate certification
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split()) | TEXT_FUNCTION_WORDS

SUBJECT_PRONOUNS = frozenset(["je", "jij", "u", "wij", "we", "ik", "hij", "zij", "ze", "you", "i", "they"])


def detect_language(text: str) -> Literal["nl", "en"]:
    """Dutch or English (:func:`krapte.text.detect_language`); Dutch when the text gives no evidence either way."""
    from krapte.text import detect_language as shared_detect

    return shared_detect(text) or "nl"
