"""HTML to plain text: the visible running text, without scripts, styles, navigation, forms and footers.

Built on the standard library's tolerant :class:`html.parser.HTMLParser`, so broken markup from scraped
vacancy sites still yields text. Block elements become line breaks and list items start with ``- ``, which keeps
sentences apart for the skill extractor. JSON-LD blocks are collected (not shown) so that a page carrying a
schema.org ``JobPosting`` can be read from its structured data instead.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from krapte.extract.readers import Extracted

# Elements whose content is never part of the document's text.
SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "nav", "footer", "aside", "form",
     "button", "select", "textarea", "head"}
)  # fmt: skip
SKIPPED_ROLES = frozenset({"navigation", "contentinfo", "search", "complementary", "dialog", "alert"})
BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table",
     "tr", "td", "th", "dl", "dt", "dd", "blockquote", "pre", "hr", "br", "address", "figcaption", "body", "html"}
)  # fmt: skip
VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.skip_stack: list[str] = []
        self.title: str | None = None
        self._in_title = False
        self._title_parts: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self._json_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag == "script" and (attributes.get("type") or "").lower() == "application/ld+json":
            self._in_json_ld = True
        if tag in VOID:
            if tag in BLOCKS:
                self.parts.append("\n")
            return
        skip = tag in SKIPPED or (attributes.get("role") or "").lower() in SKIPPED_ROLES
        if skip or self.skip_depth:
            self.skip_stack.append(tag)
            self.skip_depth += 1
            return
        if tag in BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")
        if tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.title = " ".join("".join(self._title_parts).split()) or None
        if tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.json_ld.append("".join(self._json_parts))
            self._json_parts = []
        if self.skip_depth:
            # Close the innermost open skipped element with this tag (tolerates unclosed children).
            if tag in self.skip_stack:
                while self.skip_stack:
                    self.skip_depth -= 1
                    if self.skip_stack.pop() == tag:
                        break
            return
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        if self._in_json_ld:
            self._json_parts.append(data)
        if not self.skip_depth:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """Collapse runs of spaces, trim every line and keep at most one blank line between paragraphs."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    """The visible text of an HTML fragment or page."""
    return read_html(html).text


def read_html(html: str) -> Extracted:
    """Read an HTML page: visible text, the ``<title>``, and raw JSON-LD blocks in ``fields['json_ld']``."""
    parser = _TextCollector()
    parser.feed(html)
    parser.close()
    fields: dict[str, object] = {}
    if parser.json_ld:
        fields["json_ld"] = parser.json_ld
    return Extracted(text=tidy("".join(parser.parts)), title=parser.title, fields=fields)


_HTML_HINT = re.compile(
    r"<(?:!doctype\s+html|html|body|head|div|p|br|span|ul|ol|li|h[1-6]|table|strong|em|b|i|a)[\s>/]", re.IGNORECASE
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains HTML tags (two or more known tags in the first 5,000 characters)."""
    return len(_HTML_HINT.findall(text[:5000])) >= 2 or text.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
