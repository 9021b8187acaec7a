"""Small helpers for the Gouden Poort and the advisor's pages, next to :mod:`krapte.services.match`.

They read the taxonomy and the embedded gemeente list, and the audit trail of a client's profile; they store
nothing. Showing a skill or occupation uses the Dutch label where ESCO has one and says so when it falls back to
English.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from krapte import match as m
from krapte.match import Profile, SkillEvidence, SkillSet, default_gazetteer, skill_space
from krapte.services.context import Context
from krapte.services.taxonomy import search, taxonomy

__all__ = [
    "concept_label",
    "cv_sentences",
    "find_gemeente",
    "gemeente_names",
    "grouped_skills",
    "pathways_to_consider",
    "recommendation_log",
    "skill_suggestions",
]


def concept_label(ctx: Context, uri: str, lang: str = "nl") -> dict[str, Any]:
    """``{"uri", "label", "fallback"}``: ``fallback`` is True when the label is not in ``lang`` (English shown)."""
    tax = taxonomy(ctx)
    concept = tax.skills.get(uri) or tax.occupations.get(uri)
    if concept is None:
        return {"uri": uri, "label": uri.rsplit("/", 1)[-1], "fallback": True}
    return {"uri": uri, "label": concept.label(lang), "fallback": not concept.has_label(lang)}


def grouped_skills(ctx: Context, profile: Profile, lang: str = "nl") -> list[dict[str, Any]]:
    """The profile's skills by ESCO skill group, each with its label, source and the sentence it came from."""
    tax = taxonomy(ctx)
    space = skill_space(tax)
    groups: dict[str, dict[str, Any]] = {}
    for entry in profile.skills:
        j = space.skill_index.get(entry.uri)
        code = space.groups[j] if j is not None else ""
        group = groups.setdefault(
            code, {"code": code, "label": space.group_label(code, lang) if code else "", "skills": []}
        )
        group["skills"].append(
            {
                **concept_label(ctx, entry.uri, lang),
                "source": entry.source,
                "evidence": [e.text for e in entry.evidence if e.text][:1],
            }
        )
    out = sorted(groups.values(), key=lambda g: (g["code"] == "", g["label"].lower()))
    for group in out:
        group["skills"].sort(key=lambda s: s["label"].lower())
    return out


#: a sentence that states a wish, not something the person did ("Ik wil graag monteur worden", "I would like to")
WISH = re.compile(
    r"\b(ik wil|wil ik|zou graag|graag|wens|ambitie|droom|hoop|ik ga|i want|i would like|i wish|would love)\b",
    re.IGNORECASE,
)
#: sentence ends, blank lines, and a line starting with a bullet, a capital or a date range ("2015 - 2023");
#: a wrapped line (starting in lower case) is not a boundary
_BOUNDARY = re.compile(r"[.!?;•]|\n\s*\n|\n(?=\s*(?:[-–*•]|[A-Z]|\d{4}\s*[-–]))")


def sentence_at(text: str, start: int, end: int, limit: int = 240) -> str:
    """The sentence (or CV line) around ``text[start:end]``."""
    left = max((m.end() for m in _BOUNDARY.finditer(text, 0, start)), default=0)
    found = _BOUNDARY.search(text, end)
    right = (found.start() + (1 if found.group() in ".!?" else 0)) if found else len(text)
    sentence = " ".join(text[left:right].split()).lstrip("-–* ")
    return sentence[:limit]


def cv_sentences(profile: Profile, text: str) -> tuple[Profile, list[dict[str, str]]]:
    """Each CV skill's evidence widened to the sentence it came from; skills found only in wishes are set apart.

    A skill whose every sentence is a wish ("Ik wil aan de slag ... en installeer graag warmtepompen") is something
    the person wants to do, not something they can: it is returned in the second list (uri, sentence) and left
    out of the profile. The person can still add it back.
    """
    kept = []
    wishes: list[dict[str, str]] = []
    for entry in profile.skills:
        if entry.source != "cv-extracted" or not text:
            kept.append(entry)
            continue
        sentences = []
        for ev in entry.evidence:
            if ev.start is not None and ev.end is not None and 0 <= ev.start < ev.end <= len(text):
                sentences.append(sentence_at(text, ev.start, ev.end))
                # the extractor may keep only the first place a word occurs: look at the others too
                word = text[ev.start : ev.end]
                if len(word) >= 4:
                    for other in list(re.finditer(re.escape(word), text, re.IGNORECASE))[:5]:
                        sentences.append(sentence_at(text, other.start(), other.end()))
            elif ev.text:
                sentences.append(ev.text)
        unique = list(dict.fromkeys(s for s in sentences if s))
        if unique and all(WISH.search(s) for s in unique):
            wishes.append({"uri": entry.uri, "sentence": unique[0]})
            continue
        doing = [s for s in unique if not WISH.search(s)] or unique
        kept.append(dataclasses.replace(entry, evidence=tuple(SkillEvidence(text=s) for s in doing[:2])))
    return dataclasses.replace(profile, skills=SkillSet(tuple(kept))), wishes


def skill_suggestions(ctx: Context, query: str, *, lang: str = "nl", top: int = 6) -> list[dict[str, Any]]:
    """Skills whose names match what a person typed ("warmtepomp", "klanten helpen")."""
    query = " ".join(query.split())[:100]
    if not query:
        return []
    hits = search(ctx, query, kind="skill", top=top, lang=lang)
    uris: list[str] = []
    for hit in hits:
        uri = getattr(hit, "uri", None) or (hit.get("uri") if isinstance(hit, dict) else None)
        if uri and uri not in uris:
            uris.append(str(uri))
    return [concept_label(ctx, u, lang) for u in uris]


def gemeente_names() -> list[str]:
    """All gemeente names, sorted (for the place field's suggestions)."""
    return sorted(default_gazetteer().names.values(), key=str.lower)


def find_gemeente(text: str) -> tuple[str, str] | None:
    """(CBS code, name) of a gemeente typed as a name or code; None when unknown."""
    gaz = default_gazetteer()
    code = gaz.find(" ".join(text.split())[:80])
    return (code, gaz.names.get(code, code)) if code else None


def recommendation_log(ctx: Context, profile_id: str) -> list[dict[str, Any]]:
    """What was suggested for a stored profile, when and by whom (the audit trail), newest first.

    Only for those who may open the profile: the check is :func:`krapte.services.match.get_profile`'s.
    """
    from krapte.services.match import get_profile

    get_profile(ctx, profile_id)  # raises NotFound/PermissionDenied for anyone else's client
    rows = ctx.store.audit_trail("profile", profile_id)
    keep = ("recommend", "match", "override", "profile")
    return sorted(
        (r for r in rows if str(r.get("action", "")).startswith(keep)),
        key=lambda r: str(r.get("at") or r.get("created_at") or ""),
        reverse=True,
    )


def pathways_to_consider(
    ctx: Context, profile: Profile, *, region: str | None = None, top: int = 6, lang: str = "nl"
) -> list[m.Pathway]:
    """The closest green, digital or technical occupations even when none is viable yet.

    :func:`krapte.services.match.pathways` returns viable pathways and entry-level targets "met scholing" only
    (thresholds in :mod:`krapte.match.viability`), and a short CV often has none: the Gouden Poort then shows these,
    marked "past matig", with everything still to learn. Logged as ``recommend.pathways`` like the service's results
    (input hash, method and taxonomy version).
    """
    from krapte.match.pathways import FLAGS
    from krapte.services.match_common import log_recommendation, shortage_by_occupation, today, wages

    tax = taxonomy(ctx)
    top = min(max(top, 1), 50)
    shortage, basis = shortage_by_occupation(ctx, tax, region) if region else (None, None)
    result = m.pathways_from_profile(
        tax, profile, top=top, flags=FLAGS, shortage=shortage, wages=wages(tax), lang=lang, viable_only=False
    )
    log_recommendation(
        ctx,
        "recommend.pathways",
        "profile",
        profile.id,
        {"profile": profile, "region": region, "top": top, "viable_only": False, "lang": lang, "day": today()},
        {"results": [p.uri for p in result], "viable_only": False, "region": basis["region"] if basis else None},
    )
    return result
