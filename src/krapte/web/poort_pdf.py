"""The Gouden Poort summary as a PDF (step 6, "download a PDF"), made on the server from the validated state.

Nothing is stored: the PDF is built in memory from the same view data as the summary page (skills, the chosen
work, the training plan with funding and what the person pays, vacancies, and the Werkcentrum) and sent once.
The text is the page's: B1 Dutch, or English when the page is English, every figure with its basis and source.
The fonts are DejaVu Sans from matplotlib's package data (a dependency already), so no network and no system
font is needed, and every character of a skill label or a euro amount can be shown.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from functools import cache
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from krapte.settings import Language
from krapte.web.i18n import translate

__all__ = ["summary_pdf"]

FONT = "dejavu"
INDENT = 5.0


@cache
def _font_dir() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib's fonts are needed for the PDF summary")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


class _Document(FPDF):
    def __init__(self, lang: Language) -> None:
        super().__init__(format="A4")
        self.page_lang: Language = lang
        fonts = _font_dir()
        self.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)

    def t(self, key: str, **values: Any) -> str:
        text = translate(key, self.page_lang)
        return text.format(**values) if values else text

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self.t("poort.pdf.page", n=self.page_no()), align="C")
        self.set_text_color(0, 0, 0)

    def line_of(self, text: str, size: float = 10.5, bold: bool = False, indent: float = 0.0) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str, level: int = 1) -> None:
        self.ln(4 if level == 1 else 2)
        self.line_of(text, size=14 if level == 1 else 11.5, bold=True)
        self.ln(1)

    def bullet(self, text: str, indent: float = INDENT) -> None:
        self.set_font(FONT, "", 10.5)
        self.set_x(self.l_margin + indent - 3.5)
        self.cell(3.5, 5.25, "•")
        self.multi_cell(self.epw - indent, 5.25, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _basis(doc: _Document, basis: str, source: str = "") -> str:
    text = doc.t("basis." + basis)
    return f"({text}; {doc.t('poort.source')}: {source})" if source else f"({text})"


def _skills(doc: _Document, groups: list[dict[str, Any]]) -> None:
    doc.heading(doc.t("poort.next.skills"))
    if not groups:
        doc.line_of(doc.t("poort.skills.none"))
    for g in groups:
        labels = ", ".join(str(s["label"]) for s in g.get("skills", []))
        doc.bullet(f"{g.get('label') or doc.t('poort.other')}: {labels}")


def _card(doc: _Document, card: dict[str, Any]) -> None:
    doc.line_of(f"{card['label']}: {card['fit']}", bold=True)
    for w in card.get("why", []):
        doc.bullet(w)
    missing = [m["label"] + (f" {doc.t('poort.english')}" if m.get("fallback") else "") for m in card["missing"]]
    if missing:
        more = f" {doc.t('poort.cards.more', n=card['missing_more'])}" if card.get("missing_more") else ""
        doc.bullet(f"{doc.t('poort.cards.missing')}: {', '.join(missing)}{more}")
    if card.get("effort"):
        doc.bullet(f"{doc.t('poort.cards.effort')}: {card['effort']} {_basis(doc, 'estimated', doc.t('src.effort'))}")
    if card.get("shortage"):
        s = card["shortage"]
        doc.bullet(f"{doc.t('poort.cards.shortage')}: {s['text']} {_basis(doc, s['basis'], s['source'])}")
    if card.get("wage"):
        w = card["wage"]
        text = " ".join(x for x in (w["text"], w["spread"], card.get("wage_compare", "")) if x)
        doc.bullet(f"{doc.t('poort.cards.wage')}: {text} {_basis(doc, w['basis'], w['source'])}")


def _plan(doc: _Document, plan: dict[str, Any], uncovered: list[str], gap_count: int) -> None:
    doc.heading(doc.t("poort.next.courses"))
    if gap_count == 0:
        doc.line_of(doc.t("poort.plan.nothing_missing"))
    elif not plan["courses"]:
        doc.line_of(doc.t("poort.plan.none"))
    else:
        doc.line_of(f"{doc.t('poort.plan.total')}: {plan['total']}")
        doc.line_of(doc.t("poort.plan.plan_basis"), size=9)
    for c in plan["courses"]:
        doc.heading(c["name"] + (f" ({doc.t('poort.plan.demo')})" if c.get("demo") else ""), level=2)
        if c.get("provider"):
            doc.line_of(c["provider"])
        if c.get("teaches"):
            doc.bullet(f"{doc.t('poort.plan.teaches')} {', '.join(c['teaches'])}")
        doc.bullet(f"{doc.t('poort.plan.duration')}: {c['weeks']}")
        doc.bullet(f"{doc.t('poort.plan.cost')}: {c['cost'] or doc.t('poort.plan.cost_unknown')}")
        if c.get("net_cost"):
            extra = f"; {c['net_cost_if']} {doc.t('poort.plan.net_cost_if')}" if c.get("net_cost_if") else ""
            doc.bullet(f"{doc.t('poort.plan.net_cost')}: {c['net_cost']}{extra}")
        doc.line_of(doc.t("poort.plan.funding"), bold=True)
        if not c["funding"]:
            doc.bullet(doc.t("poort.plan.funding_none"))
        for f in c["funding"]:
            parts = [f"{f['name']}: {doc.t('funding.' + str(f['status']))}"]
            parts += f.get("conditions", [])
            if f.get("reasons"):
                parts.append(f"{doc.t('poort.plan.why')} {'; '.join(f['reasons'])}")
            if f.get("amount"):
                parts.append(f"{doc.t('poort.plan.amount')}: {f['amount']} {_basis(doc, 'estimated')}")
            if f.get("unverified"):
                parts.append(doc.t("poort.plan.unverified"))
            if f.get("source_url"):
                checked = f", {doc.t('poort.plan.checked')} {f['checked_on']}" if f.get("checked_on") else ""
                parts.append(f"{doc.t('poort.source')}: {f['source_url']}{checked}")
            doc.bullet(" ".join(parts))
    if uncovered:
        doc.line_of(f"{doc.t('poort.plan.uncovered')} {', '.join(uncovered)}")
    if plan.get("advice"):
        doc.heading(doc.t("poort.plan.advice"), level=2)
        for a in plan["advice"]:
            doc.bullet(f"{a['name']}: {a['text']}" if a.get("text") else str(a["name"]))
    if plan.get("ended"):
        doc.heading(doc.t("poort.plan.ended"), level=2)
        doc.line_of(doc.t("poort.plan.ended_help"))
        for e in plan["ended"]:
            doc.bullet(f"{e['name']}: {'; '.join(e['reasons'])}")


def _jobs(doc: _Document, jobs: list[dict[str, Any]]) -> None:
    doc.heading(doc.t("poort.next.jobs"))
    if not jobs:
        doc.line_of(doc.t("poort.jobs.none"))
    if any(j.get("demo") for j in jobs):
        doc.line_of(doc.t("poort.jobs.demo_notice"), size=9.5)
    for j in jobs:
        doc.heading(j["title"] + (f" ({doc.t('poort.jobs.demo')})" if j.get("demo") else ""), level=2)
        doc.line_of(j["fit"])
        if j.get("employer"):
            doc.bullet(f"{doc.t('poort.jobs.employer')}: {j['employer']}")
        where = j["place"]
        if j.get("distance"):
            where += f", {j['distance']} {_basis(doc, 'estimated', doc.t('poort.jobs.distance_basis'))}"
        doc.bullet(f"{doc.t('poort.jobs.where')}: {where}")
        if j.get("hours"):
            doc.bullet(f"{doc.t('poort.jobs.hours')}: {j['hours']}")
        if j.get("salary"):
            demo = f" {_basis(doc, 'demo')}" if j.get("demo") else ""
            doc.bullet(f"{doc.t('poort.jobs.salary')}: {j['salary']}{demo}")
        for r in j.get("reasons", []):
            doc.bullet(r)


def _contact(doc: _Document, contact: dict[str, Any]) -> None:
    doc.heading(doc.t("poort.next.werkcentrum"))
    doc.line_of(doc.t("poort.next.werkcentrum_text"))
    if contact.get("national"):
        doc.line_of(doc.t("poort.next.national"))
    for c in contact.get("contacts", []):
        if c.get("kind") == "rmt":
            continue
        site = c.get("url") or doc.t("poort.next.no_site")
        source = ", ".join(x for x in (str(c.get("source_url") or ""), str(c.get("source_date") or "")) if x)
        doc.bullet(f"{c['name']}: {site} {_basis(doc, 'imported', source)}")
    doc.line_of(doc.t("poort.next.rmt"), size=9.5)


def summary_pdf(summary: dict[str, Any], lang: Language, today: dt.date | None = None) -> bytes:
    """The person's summary as PDF bytes; ``summary`` is the summary page's view data (see ``poort._summary``)."""
    doc = _Document(lang)
    title = doc.t("poort.pdf.title")
    doc.set_title(title)
    doc.set_lang("nl-NL" if lang == "nl" else "en-GB")
    doc.set_creator("krapte")
    doc.add_page()
    doc.line_of(title, size=18, bold=True)
    doc.ln(1)
    day = today or dt.date.today()
    doc.line_of(doc.t("poort.pdf.made", date=f"{day:%d-%m-%Y}" if lang == "nl" else f"{day.day} {day:%B %Y}"), size=9.5)
    _skills(doc, summary["groups"])
    doc.heading(doc.t("poort.next.target"))
    if summary.get("card"):
        _card(doc, summary["card"])
        _plan(doc, summary["plan"], summary.get("uncovered", []), summary.get("gap_count", 0))
    else:
        doc.line_of(doc.t("poort.next.no_target"))
    _jobs(doc, summary.get("jobs", []))
    _contact(doc, summary["contact"])
    doc.ln(4)
    doc.line_of(doc.t("poort.next.made_on"), size=9)
    return bytes(doc.output())
