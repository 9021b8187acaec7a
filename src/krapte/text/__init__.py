"""Text normalisation shared by taxonomy search and skill extraction (Dutch first, English too).

* :mod:`krapte.text.normalize`: case and diacritics folding, tokenising;
* :mod:`krapte.text.stem`: light Dutch and English inflection stemming (plurals, diminutives);
* :mod:`krapte.text.compound`: splitting Dutch compounds against a vocabulary;
* :mod:`krapte.text.language`: telling Dutch from English.
"""

from krapte.text.compound import split_compound
from krapte.text.language import detect_language
from krapte.text.normalize import fold, tokens
from krapte.text.stem import stem, stem_tokens

__all__ = ["detect_language", "fold", "split_compound", "stem", "stem_tokens", "tokens"]
