"""Splitting Dutch compounds (``warmtepompmonteur`` → ``warmte pomp monteur``) against a vocabulary.

Dutch writes compounds as one word; ESCO labels and job titles mix both forms (``zonnepaneelmonteur`` versus
``monteur zonnepanelen``). :func:`split_compound` finds the split into known words with the fewest parts,
allowing the linking morphemes ``s`` and ``e``/``en`` between parts (``arbeidsmarkt``, ``zonnepaneel``).
"""

from __future__ import annotations

from collections.abc import Container
from functools import cache

LINKERS = ("", "s", "e", "en")
MIN_PART = 3


def split_compound(word: str, vocabulary: Container[str], *, max_parts: int = 4) -> list[str]:
    """Split ``word`` into parts that are all in ``vocabulary``; ``[word]`` when no split exists.

    The vocabulary holds folded words (see :func:`krapte.text.normalize.fold`). Of all splits the one with the
    fewest parts wins, then the one with the longest first part.
    """

    @cache
    def best(start: int, parts_left: int) -> tuple[str, ...] | None:
        rest = word[start:]
        if rest in vocabulary and len(rest) >= MIN_PART:
            return (rest,)
        if parts_left <= 1:
            return None
        found: tuple[str, ...] | None = None
        for end in range(len(word) - MIN_PART, start + MIN_PART - 1, -1):
            part = word[start:end]
            if part not in vocabulary:
                continue
            for linker in LINKERS:
                if not word.startswith(linker, end):
                    continue
                tail = best(end + len(linker), parts_left - 1)
                if tail is not None and (found is None or len(tail) + 1 < len(found)):
                    found = (part, *tail)
            if found is not None and len(found) == 2:
                break
        return found

    result = best(0, max_parts)
    return list(result) if result else [word]
