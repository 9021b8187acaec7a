"""Text normalisation shared by taxonomy search and skill extraction (Dutch first, English too).

* :mod:`krapte.text.normalize`: case and diacritics folding, tokenising;
* :mod:`krapte.text.stem`: light Dutch and English inflection stemming (plurals, diminutives);
* :mod:`krapte.text.compound`: splitting Dutch compounds against a vocabulary;
* :mod:`krapte.text.language`: telling Dutch from English;
* :mod:`krapte.text.words`: Dutch and English function words;
* :mod:`krapte.text.matcher`: the label matcher (every label variant in one automaton) used by extraction.
"""

from krapte.text.compound import split_compound
from krapte.text.language import detect_language
from krapte.text.normalize import fold, fold_aligned, label_key, tokens
from krapte.text.stem import stem, stem_tokens
from krapte.text.words import DUTCH_FUNCTION_WORDS, ENGLISH_FUNCTION_WORDS, FUNCTION_WORDS, only_function_words

__all__ = [
    "DUTCH_FUNCTION_WORDS",
    "ENGLISH_FUNCTION_WORDS",
    "FUNCTION_WORDS",
    "detect_language",
    "fold",
    "fold_aligned",
    "label_key",
    "only_function_words",
    "split_compound",
    "stem",
    "stem_tokens",
    "tokens",
]
