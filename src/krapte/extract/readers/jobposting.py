"""schema.org ``JobPosting`` in JSON or JSON-LD (also inside an HTML page's ``<script type="application/ld+json">``).

The text handed to the extractors is the title, the description (HTML stripped) and the free-text requirement
properties, each as its own paragraph. Properties that are metadata rather than prose (employment type, work
hours, location, employer, dates, salary) land in ``fields`` under their schema.org names.
See https://schema.org/JobPosting.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from krapte.extract.readers import Extracted
from krapte.extract.readers.html import html_to_text, looks_like_html
from krapte.limits import current_limits
from krapte.security.safe_json import nests_deeper_than

# Free-text properties that describe what the job asks for, in the order they join the text.
TEXT_PROPERTIES = (
    "description",
    "responsibilities",
    "skills",
    "qualifications",
    "educationRequirements",
    "experienceRequirements",
    "workHours",  # also a field; in the text so that the requirements extractor reads "32-40 uur" with evidence
)
FIELD_PROPERTIES = (
    "employmentType",
    "workHours",
    "datePosted",
    "validThrough",
    "industry",
    "occupationalCategory",
    "identifier",
)


def find_job_postings(value: Any) -> list[dict[str, Any]]:
    """Every object typed ``JobPosting`` in parsed JSON (top level, lists, ``@graph``, nested)."""
    return list(_walk(value))


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        kind = value.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "JobPosting" for k in kinds):
            yield value
            return
        for key in ("@graph", "mainEntity", "itemListElement", "item"):
            if key in value:
                yield from _walk(value[key])


def parse_json_ld(blocks: list[str]) -> list[dict[str, Any]]:
    """JobPostings in raw JSON-LD script blocks; blocks that are not valid JSON (or nest too deeply) are skipped."""
    found: list[dict[str, Any]] = []
    max_depth = current_limits().max_json_depth
    for block in blocks:
        if nests_deeper_than(block, max_depth):
            continue
        try:
            found.extend(find_job_postings(json.loads(block)))
        except json.JSONDecodeError:
            continue
    return found


def _as_text(value: Any) -> str:
    """Flatten a schema.org value (text, list, DefinedTerm, credential, Place...) to readable text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return html_to_text(value) if looks_like_html(value) else value.strip()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        parts = [_as_text(v) for v in value]
        return "\n".join(f"- {p}" if len(value) > 1 and "\n" not in p else p for p in parts if p)
    if isinstance(value, dict):
        for key in ("name", "credentialCategory", "description", "text", "value", "educationalLevel"):
            if key in value and _as_text(value[key]):
                return _as_text(value[key])
        return ""
    return str(value)


def _location(value: Any) -> list[dict[str, str]]:
    places = value if isinstance(value, list) else [value]
    out: list[dict[str, str]] = []
    for place in places:
        if not isinstance(place, dict):
            continue
        address = place.get("address", place)
        if isinstance(address, str):
            out.append({"address": address})
            continue
        if isinstance(address, dict):
            entry = {
                key: str(address[key])
                for key in ("streetAddress", "postalCode", "addressLocality", "addressRegion", "addressCountry")
                if isinstance(address.get(key), (str, int))
            }
            if isinstance(address.get("addressCountry"), dict) and address["addressCountry"].get("name"):
                entry["addressCountry"] = str(address["addressCountry"]["name"])
            if entry:
                out.append(entry)
    return out


def read_job_posting(posting: dict[str, Any]) -> Extracted:
    """One JobPosting object to text plus structured fields."""
    title = _as_text(posting.get("title")) or None
    paragraphs = [title] if title else []
    for key in TEXT_PROPERTIES:
        text = _as_text(posting.get(key))
        if text:
            paragraphs.append(text)
    fields: dict[str, Any] = {}
    for key in FIELD_PROPERTIES:
        if posting.get(key) not in (None, "", []):
            value = posting[key]
            fields[key] = value if isinstance(value, (str, int, float, list)) else _as_text(value)
    if posting.get("jobLocation"):
        fields["jobLocation"] = _location(posting["jobLocation"])
    organisation = posting.get("hiringOrganization")
    if organisation:
        fields["hiringOrganization"] = _as_text(organisation)
    if posting.get("baseSalary"):
        fields["baseSalary"] = posting["baseSalary"]
    warnings = [] if len(paragraphs) > 1 else ["the JobPosting has no description or requirement text"]
    return Extracted(text="\n\n".join(paragraphs), title=title, fields=fields, warnings=warnings)
