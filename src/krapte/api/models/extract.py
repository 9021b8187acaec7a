"""Body of ``POST /api/v1/extract``: skills with evidence, occupations, flags and requirements of one document."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from krapte.api.models.base import Answer

__all__ = ["EXTRACT_FORM", "ExtractRequest", "Extraction", "ExtractionFlags"]


class ExtractRequest(BaseModel):
    """The JSON form of the request (a multipart form with ``file`` or ``text`` is accepted too)."""

    text: str = Field(description="the text to read", examples=["Wij zoeken een monteur zonnepanelen met VCA."])
    lang: Literal["auto", "nl", "en"] = Field(default="auto", description="the text's language, or auto")


#: The multipart form of ``POST /api/v1/extract``: a ``file`` or a ``text``, and the language.
EXTRACT_FORM: dict[str, Any] = {
    "title": "ExtractForm",
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "text, Markdown, HTML, PDF, DOCX or JSON"},
        "text": {"type": "string", "description": "the text to read (when no file is sent)"},
        "lang": {"type": "string", "enum": ["auto", "nl", "en"], "default": "auto"},
    },
}


class ExtractionFlags(Answer):
    green: int = Field(description="green skills found")
    digital: int = Field(description="digital skills found")


class Extraction(Answer):
    document: dict[str, Any] = Field(
        description="what was read: name, format, encoding, title, pages, size_bytes, fields, warnings"
    )
    language: str = Field(description="the language detected (or given): nl or en")
    text: str = Field(description="the text the skills were found in")
    skills: list[dict[str, Any]] = Field(description="ESCO skills with label, score, evidence spans and flags")
    negated: list[dict[str, Any]] = Field(description="skills mentioned as not needed (geen ..., zonder ...)")
    occupations: list[dict[str, Any]] = Field(description="suggested ESCO occupations: uri, label, score, reasons")
    targets: list[dict[str, Any]] = Field(description="occupations named in the text as the goal")
    flags: ExtractionFlags
    requirements: dict[str, Any] = Field(
        description="hard requirements: certificates, driving licences, education, hours, language levels"
    )
