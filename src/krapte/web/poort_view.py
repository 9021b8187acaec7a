"""Turn pathways, occupation cards, plans and matches into plain sentences with their source and basis.

The services return figures (similarity, shortage class, wage quartiles, costs, distances); a person reads words:
"past goed", "In Utrecht zijn er te weinig mensen voor dit werk", "€ 21,40 bruto per uur". Each figure keeps
where it came from (``source``) and how it was made (``basis``: measured, imported, estimated, demo).
"""

from __future__ import annotations

import re
from typing import Any

from krapte.services import orientation
from krapte.services.context import Context
from krapte.settings import Language
from krapte.web.i18n import translate
from krapte.web.poort_format import Formatter, fit_key, match_key
from krapte.web.reasons import reason_texts

__all__ = ["card_view", "job_view", "plan_view"]

MONTH_HOURS = 38 * 52 / 12  # 164.7 paid hours a month at 38 hours a week
SHOWN_SKILLS = 6


def _t(key: str, lang: str, **values: Any) -> str:
    text = translate(key, lang if lang in ("nl", "en") else "nl")  # type: ignore[arg-type]
    return text.format(**values) if values else text


def _labels(ctx: Context, uris: list[str], lang: str) -> list[str]:
    return [orientation.concept_label(ctx, u, lang)["label"] for u in uris]


def _quarter(q: str, lang: str) -> str:
    """2026Q4 → "4e kwartaal 2026" / "Q4 2026"."""
    if len(q) == 6 and q[4] == "Q":
        return f"{q[5]}e kwartaal {q[:4]}" if lang == "nl" else f"Q{q[5]} {q[:4]}"
    return q


def wage_view(wage: dict[str, Any] | None, lang: Language, fmt: Formatter) -> dict[str, Any] | None:
    if not wage or wage.get("p50") is None:
        return None
    wider = str(wage.get("basis", "")).startswith("imported (")
    text = _t("poort.cards.wage_text", lang, hour=fmt.euro(wage["p50"]), month=fmt.euro(round(wage["p50"] *
              MONTH_HOURS, -1)))  # fmt: skip
    spread = ""
    if wage.get("p25") is not None and wage.get("p75") is not None:
        spread = _t("poort.cards.wage_range", lang, low=fmt.euro(wage["p25"]), high=fmt.euro(wage["p75"]))
    return {
        "text": text,
        "spread": spread,
        "basis": "imported",
        "source": _t("src.wage_wider" if wider else "src.wage", lang),
    }


def shortage_view(cell: dict[str, Any] | None, lang: Language) -> dict[str, Any] | None:
    if not cell or "uwv_class" not in cell:
        return None
    cls = _t("shortage." + str(cell["uwv_class"]), lang)
    return {
        "text": _t("poort.cards.shortage_text", lang, region=cell.get("region_name") or cell.get("region"), cls=cls),
        "tight": cell.get("flag") in ("shortage", "severe"),
        "basis": "estimated",
        "source": _t("src.shortage", lang, quarter=_quarter(str(cell.get("quarter", "")), lang)),
    }


#: pathway reason codes shown on a card in the page's language
CARD_REASONS = frozenset({"pathway.with_training", "pathway.below_threshold", "pathway.level"})


def card_view(
    ctx: Context, pathway: dict[str, Any], card: dict[str, Any], lang: Language, fmt: Formatter
) -> dict[str, Any]:
    """One occupation card for step 3: fit words, why it fits, what is missing, effort, shortage, wage."""
    shared = list(pathway.get("shared_skills", []))
    gap = list(pathway.get("gap_skills", []))
    total = len(shared) + len(gap)
    why = [_t("poort.cards.shared", lang, n=len(shared), total=total)] if total else []
    lo, lt = pathway.get("level_origin"), pathway.get("level_target")
    if lo and lt and lt > lo:
        why.append(_t("poort.cards.level.up", lang))
    # the core's reasons that the card does not already say (shared skills, shortage and wage have their own lines)
    codes = [r for r in pathway.get("reason_codes", []) if r.get("code") in CARD_REASONS]
    why.extend(reason_texts(codes, lang, fmt))
    ratio = pathway.get("wage_ratio")
    why_wage = ("higher" if ratio >= 1.05 else "same" if ratio >= 0.95 else "lower") if ratio else ""
    hours = float(pathway.get("effort_hours") or 0.0)
    flags = card.get("flags") or {}
    return {
        "uri": pathway["uri"],
        "id": str(pathway["uri"]).rsplit("/", 1)[-1],
        "label": card.get("label") or pathway.get("label"),
        "fit": _t(fit_key(pathway.get("viability")), lang),
        "flags": [f for f in ("green", "digital", "technical") if flags.get(f)],
        "why": why,
        "shared_examples": _labels(ctx, shared[:SHOWN_SKILLS], lang),
        "missing": [
            {"label": g["label"], "fallback": lang_ != lang}
            for g, lang_ in zip(
                gap[:SHOWN_SKILLS], pathway.get("gap_skill_label_langs") or [lang] * len(gap), strict=False
            )
        ],
        "missing_more": max(len(gap) - SHOWN_SKILLS, 0),
        "effort": _t(
            "poort.cards.effort_text",
            lang,
            hours=fmt.hours(round(hours)),
            label=_t("effort." + str(pathway.get("effort") or "middel"), lang),
        )
        if gap
        else "",
        "shortage": shortage_view(card.get("shortage"), lang),
        "wage": wage_view(card.get("wage"), lang, fmt),
        "wage_compare": _t("poort.cards.wage_compare." + why_wage, lang) if why_wage else "",
    }


_MBO_NAME = re.compile(r"\((mbo) (\d), crebo \d+\)")


def course_name(name: str, lang: Language) -> str:
    """ "Monteur (mbo 3, crebo 25078)" → "Monteur (mbo niveau 3)": the register number means nothing to a person."""
    return _MBO_NAME.sub(lambda m: f"(mbo {'niveau' if lang == 'nl' else 'level'} {m.group(2)})", name)


def _provider(provider: str, lang: Language) -> str:
    return _t("poort.plan.mbo_school", lang) if provider.startswith("mbo-instelling") else provider


#: words from the funding rules that a person does not know, and their plain replacement (Dutch rule texts)
PLAIN_WORDS = (
    (re.compile(r"\bde opleiding is NLQF-ingeschaald\b"), "de opleiding heeft een officieel niveau"),
    (re.compile(r"\bNLQF[- ]?(niveau )?"), "niveau "),
    (re.compile(r"\bmbo-bbl\b"), "mbo met leren en werken (bbl)"),
    (re.compile(r"\bcrebo\b"), "registernummer"),
    (re.compile(r"\bcroho\b"), "registernummer"),
)


def plain(text: str, lang: Language = "nl") -> str:
    """A rule's reason in plain words: "onbekend: X" becomes "X (dat weten we niet)"; jargon is replaced."""
    text = text.strip()
    if text.startswith("onbekend: "):
        text = text.removeprefix("onbekend: ") + " " + _t("poort.plan.unknown_fact", lang)
    for pattern, words in PLAIN_WORDS:
        text = pattern.sub(words, text)
    return text


def _weeks_text(weeks: float | None, fmt: Formatter) -> str:
    if not weeks:
        return "?"
    if weeks >= 52:
        years = weeks / 52
        return (
            f"{fmt.num(years, 0 if abs(years - round(years)) < 0.05 else 1)} {'jaar' if fmt.lang == 'nl' else 'years'}"
        )
    return fmt.weeks(round(weeks))


def _reasons(decision: dict[str, Any], kind: str, lang: Language, fmt: Formatter) -> list[str]:
    """A decision's reasons or conditions in the page's language, from their codes (``reason_codes``)."""
    codes = decision.get(f"{kind}_codes")
    texts = reason_texts(codes, lang, fmt) if codes else [str(r) for r in decision.get(f"{kind}s", [])]
    return [plain(t, lang) for t in texts]


def _name(decision: dict[str, Any], lang: Language) -> str:
    """A scheme's name: the English one on an English page when the data has it."""
    return str((decision.get("name_en") if lang == "en" else "") or decision.get("name") or "")


def plan_view(plan: dict[str, Any], lang: Language, fmt: Formatter) -> dict[str, Any]:
    """The training plan: courses with what they teach, cost, net cost and funding options with reasons."""
    courses = []
    for c in plan.get("courses", []):
        funding = []
        options = sorted(
            c.get("funding", []), key=lambda d: (d.get("status") != "eligible", -(d.get("amount_eur") or 0))
        )
        for d in options:
            funding.append(
                {
                    "name": _name(d, lang),
                    "status": d.get("status"),
                    "reasons": _reasons(d, "reason", lang, fmt),
                    "conditions": _reasons(d, "condition", lang, fmt),
                    "amount": fmt.euro(d["amount_eur"]) if d.get("amount_eur") else "",
                    "unverified": bool(d.get("unverified")),
                    "source_url": d.get("source_url") or "",
                    "checked_on": d.get("checked_on") or "",
                }
            )
        known = c.get("cost_eur") is not None
        net = c.get("net_cost_eur")
        net_if = c.get("net_cost_if_conditions_eur")
        courses.append(
            {
                "name": course_name(str(c.get("name") or ""), lang),
                "provider": _provider(str(c.get("provider") or ""), lang),
                "url": c.get("url") or "",
                "demo": bool(c.get("demo")),
                "teaches": list(c.get("covers_labels", [])),
                "weeks": _weeks_text(c.get("weeks"), fmt),
                "cost": fmt.euro(c["cost_eur"]) if known else "",
                "net_cost": fmt.euro(net) if known and net is not None else "",
                "net_cost_if": fmt.euro(net_if) if known and net_if is not None and net_if != net else "",
                "funding": funding,
            }
        )
    net_total = plan.get("total_net_cost_eur")
    any_unknown = any(not c["cost"] for c in courses)
    total = ""
    if courses:
        key = "poort.plan.total_one" if len(courses) == 1 else "poort.plan.total_many"
        total = _t(key, lang, n=len(courses), weeks=_weeks_text(plan.get("total_weeks"), fmt))
        if net_total is not None and not any_unknown:
            total += " " + _t("poort.plan.total_net", lang, net=fmt.euro(net_total))
        else:
            total += " " + _t("poort.plan.total_net_unknown", lang)
    return {
        "courses": courses,
        "total": total,
        "ended": [
            {"name": _name(e, lang), "reasons": _reasons(e, "reason", lang, fmt)} for e in plan.get("ended_schemes", [])
        ],
        "advice": [
            {"name": _name(a, lang), "text": (a.get("text_en") if lang == "en" else "") or a.get("text") or ""}
            for a in plan.get("advice", [])
        ],
    }


def job_view(ctx: Context, match: dict[str, Any], vacancy: Any, lang: Language, fmt: Formatter) -> dict[str, Any]:
    """One vacancy with its reasons in words; demo vacancies say so."""
    english = _t("poort.english", lang)

    def named(items: list[dict[str, Any]]) -> list[str]:
        out = []
        for item in items[:SHOWN_SKILLS]:
            shown = orientation.concept_label(ctx, str(item.get("uri", "")), lang)
            out.append(shown["label"] + (f" {english}" if shown["fallback"] else ""))
        return out

    matched = named(list(match.get("matched", [])))
    missing = named(list(match.get("missing_essential", [])))
    reasons = [
        _t("poort.jobs.skills_match", lang, skills=", ".join(matched)) if matched else _t("poort.jobs.skills_none",
                                                                                            lang),
    ]  # fmt: skip
    if missing:
        reasons.append(_t("poort.jobs.missing", lang, skills=", ".join(missing)))
    comps = {c["name"]: c for c in match.get("components", [])}
    if comps.get("hours", {}).get("value", 0) >= 0.99:
        reasons.append(_t("poort.jobs.hours_ok", lang))
    filtered = list(match.get("filter_codes") or [])
    if match.get("distance_km") is not None and not any(f.get("code") == "match.too_far" for f in filtered):
        reasons.append(_t("poort.jobs.travel_ok", lang))
    reasons.extend(reason_texts(filtered, lang, fmt))
    hours = ""
    if vacancy.hours_min or vacancy.hours_max:
        lo, hi = vacancy.hours_min or vacancy.hours_max, vacancy.hours_max or vacancy.hours_min
        hours = fmt.num(lo) if lo == hi else f"{fmt.num(lo)} – {fmt.num(hi)}"
    salary = ""
    if vacancy.salary_min or vacancy.salary_max:
        lo, hi = vacancy.salary_min or vacancy.salary_max, vacancy.salary_max or vacancy.salary_min
        amount = fmt.euro(lo) if lo == hi else f"{fmt.euro(lo)} – {fmt.euro(hi)}"
        unit = _t("unit." + vacancy.salary_unit, lang) if vacancy.salary_unit in ("HOUR", "MONTH", "YEAR") else ""
        salary = f"{amount} {unit}".strip()
    return {
        "id": vacancy.id,
        "title": vacancy.title,
        "employer": vacancy.employer,
        "place": vacancy.location.name or vacancy.location.gemeente,
        "distance": _t("poort.jobs.distance", lang, km=fmt.km(match["distance_km"]))
        if match.get("distance_km") is not None
        else "",
        "hours": hours,
        "salary": salary,
        "demo": bool(vacancy.demo),
        "url": vacancy.url,
        "fit": _t(match_key(match.get("score")), lang),
        "reasons": reasons,
        "eligible": bool(match.get("eligible", True)),
    }
