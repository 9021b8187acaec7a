"""Skill extraction: documents in, ESCO skill profiles with evidence and structured requirements out.

The public surface:

- :func:`extract_document` (a file path or bytes) and :func:`extract_text` (text in memory) combine the reader,
  the requirements extractor and the skill engine into one :class:`DocumentResult`;
- :func:`read_document`, :func:`document_from_text` and :class:`Document` (:mod:`krapte.extract.documents`);
- :func:`extract_requirements` and :class:`Requirements` (:mod:`krapte.extract.requirements`);
- :class:`SkillExtractor`, :class:`SkillProfile`, :func:`default_extractor` and :func:`rank_skills`
  (:mod:`krapte.extract.skills`, loaded on first use so that reading documents does not load the taxonomy).

Character offsets in every evidence span refer to ``DocumentResult.text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from krapte.extract.documents import DEFAULT_MAX_BYTES, Document, document_from_text, read_document
from krapte.extract.requirements import Requirements, extract_requirements

if TYPE_CHECKING:
    from krapte.extract.skills import SkillExtractor, SkillProfile

__all__ = [
    "Document",
    "DocumentResult",
    "Requirements",
    "SkillExtractor",
    "SkillProfile",
    "default_extractor",
    "document_from_text",
    "extract_document",
    "extract_requirements",
    "extract_text",
    "rank_skills",
    "read_document",
]

_LAZY = {"SkillExtractor", "SkillProfile", "default_extractor", "rank_skills"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from krapte.extract import skills

        return getattr(skills, name)
    raise AttributeError(f"module 'krapte.extract' has no attribute {name!r}")


@dataclass(frozen=True)
class DocumentResult:
    """Everything extracted from one document; evidence offsets refer to :attr:`text`."""

    document: Document
    profile: SkillProfile
    requirements: Requirements

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def language(self) -> str:
        return str(self.profile.lang)

    def to_dict(self) -> dict[str, Any]:
        profile = self.profile.to_dict()
        skills = profile.get("skills", [])
        return {
            "document": self.document.to_dict(include_text=False),
            "language": self.language,
            "text": self.document.text,
            "skills": skills,
            "negated": profile.get("negated", []),
            "occupations": profile.get("occupations", []),
            "targets": profile.get("targets", []),
            "flags": {
                "green": sum(1 for s in skills if s.get("is_green")),
                "digital": sum(1 for s in skills if s.get("is_digital")),
            },
            "requirements": self.requirements.to_dict(),
        }


def extract_document(
    source: str | Path | bytes | Document,
    *,
    lang: str = "auto",
    taxonomy: Any | None = None,
    name: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    extractor: SkillExtractor | None = None,
) -> DocumentResult:
    """Read a document (path, bytes or an already read :class:`Document`) and extract skills and requirements.

    ``lang`` is ``"auto"`` (detected), ``"nl"`` or ``"en"``. Without ``taxonomy`` or ``extractor`` the embedded
    default taxonomy is used (loaded once per process).
    """
    document = source if isinstance(source, Document) else read_document(source, name=name, max_bytes=max_bytes)
    return _extract(document, lang=lang, taxonomy=taxonomy, extractor=extractor)


def extract_text(
    text: str,
    *,
    lang: str = "auto",
    taxonomy: Any | None = None,
    name: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    extractor: SkillExtractor | None = None,
) -> DocumentResult:
    """Like :func:`extract_document` for text in memory (HTML and JobPosting JSON are recognised)."""
    document = document_from_text(text, name=name, max_bytes=max_bytes)
    return _extract(document, lang=lang, taxonomy=taxonomy, extractor=extractor)


def _extract(
    document: Document, *, lang: str, taxonomy: Any | None, extractor: SkillExtractor | None
) -> DocumentResult:
    from krapte.errors import ValidationError
    from krapte.extract import skills

    if lang not in ("auto", "nl", "en"):
        raise ValidationError(f"language {lang!r} is not supported", hint="use 'auto', 'nl' or 'en'")
    if extractor is None:
        extractor = skills.SkillExtractor(taxonomy) if taxonomy is not None else skills.default_extractor()
    profile = extractor.extract(document.text, lang, title=document.title)  # type: ignore[arg-type]
    return DocumentResult(document=document, profile=profile, requirements=extract_requirements(document.text))
