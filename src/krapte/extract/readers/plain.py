"""Plain text and Markdown.

Markdown is reduced to its running text: heading marks, emphasis, link targets, images, code fences and table
rules are dropped; list items keep a ``- `` so sentences stay apart.
"""

from __future__ import annotations

import re

from krapte.extract.readers import Extracted
from krapte.extract.readers.html import tidy

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_BULLET = re.compile(r"^(\s*)(?:[*+-]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]*)`")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")


def read_plain(text: str) -> Extracted:
    return Extracted(text=tidy(text))


def read_markdown(text: str) -> Extracted:
    """Markdown to running text; the first heading becomes the title."""
    out: list[str] = []
    title: str | None = None
    in_fence = False
    for raw in text.split("\n"):
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(raw)
            continue
        if _SETEXT.match(raw) and out and out[-1].strip():
            continue
        if _TABLE_RULE.match(raw) and "|" in raw:
            continue
        line = raw
        heading = _HEADING.match(line)
        if heading:
            line = line[heading.end() :].rstrip("# ")
            if title is None:
                title = line.strip() or None
        line = _QUOTE.sub("", line)
        line = _BULLET.sub(lambda m: m.group(1) + "- ", line)
        line = _IMAGE.sub(r"\1", line)
        line = _LINK.sub(r"\1", line)
        line = _REF_LINK.sub(r"\1", line)
        line = _CODE.sub(r"\1", line)
        line = _EMPHASIS.sub(r"\2", line)
        line = _HTML_TAG.sub("", line)
        if "|" in line and line.strip().startswith("|"):
            line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        out.append(line)
    return Extracted(text=tidy("\n".join(out)), title=title)


_MD_SIGNS = re.compile(r"^(?:\s{0,3}#{1,6}\s|\s*[*+-]\s|\s*\d+\.\s|.*\*\*\S|.*\]\(\S)", re.MULTILINE)


def looks_like_markdown(text: str) -> bool:
    """Markdown signs (headings, bullets, bold, links) on at least three lines of the first 5,000 characters."""
    return len(_MD_SIGNS.findall(text[:5000])) >= 3 and bool(re.search(r"^\s{0,3}#{1,6}\s", text[:5000], re.M))
