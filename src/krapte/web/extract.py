"""The page ``/extractie``: paste a text or upload a CV or vacancy, see its skills with the evidence highlighted."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from krapte.api.deps import get_context, verify_csrf
from krapte.errors import KrapteError
from krapte.web.i18n import register
from krapte.web.templating import render

router = APIRouter(include_in_schema=False)

register(
    {
        "extract.title": {"nl": "Vaardigheden uit een cv of vacature", "en": "Skills from a CV or vacancy"},
        "extract.intro": {
            "nl": "Plak een tekst of upload een bestand (tekst, HTML, PDF, Word of JobPosting-JSON). krapte vindt de "
            "ESCO-vaardigheden met de tekst die ze onderbouwt, en de eisen zoals certificaten, rijbewijs, opleiding, "
            "uren en taalniveau.",
            "en": "Paste a text or upload a file (text, HTML, PDF, Word or JobPosting JSON). krapte finds the ESCO "
            "skills with the text that supports them, and requirements such as certificates, driving licence, "
            "education, hours and language level.",
        },
        "extract.text": {"nl": "Tekst", "en": "Text"},
        "extract.file": {"nl": "Of een bestand", "en": "Or a file"},
        "extract.lang": {"nl": "Taal", "en": "Language"},
        "extract.auto": {"nl": "automatisch", "en": "automatic"},
        "extract.submit": {"nl": "Vaardigheden zoeken", "en": "Find skills"},
        "extract.skills": {"nl": "Vaardigheden", "en": "Skills"},
        "extract.skill": {"nl": "Vaardigheid", "en": "Skill"},
        "extract.confidence": {"nl": "Zekerheid", "en": "Confidence"},
        "extract.evidence": {"nl": "Onderbouwing", "en": "Evidence"},
        "extract.none": {"nl": "Geen vaardigheden gevonden.", "en": "No skills found."},
        "extract.occupations": {"nl": "Passende beroepen", "en": "Matching occupations"},
        "extract.requirements": {"nl": "Eisen", "en": "Requirements"},
        "extract.certificates": {"nl": "Certificaten", "en": "Certificates"},
        "extract.licences": {"nl": "Rijbewijs", "en": "Driving licence"},
        "extract.education": {"nl": "Opleiding", "en": "Education"},
        "extract.hours": {"nl": "Uren per week", "en": "Hours per week"},
        "extract.languages": {"nl": "Talen", "en": "Languages"},
        "extract.optional": {"nl": "pré", "en": "a plus"},
        "extract.part_time": {"nl": "parttime mogelijk", "en": "part-time possible"},
        "extract.full_time": {"nl": "fulltime", "en": "full-time"},
        "extract.text_read": {"nl": "Gelezen tekst", "en": "Text read"},
        "extract.language_detected": {"nl": "Taal van de tekst", "en": "Language of the text"},
        "extract.green": {"nl": "groen", "en": "green"},
        "extract.digital": {"nl": "digitaal", "en": "digital"},
        "extract.error": {"nl": "Dit document kon niet worden gelezen", "en": "This document could not be read"},
    }
)


def highlight(text: str, skills: list[dict[str, Any]], lang: str) -> list[tuple[str, str | None]]:
    """Cut ``text`` into segments; those that are skill evidence carry the skill's label (for ``<mark>``)."""
    spans: list[tuple[int, int, str]] = []
    for skill in skills:
        label = (skill.get(f"label_{lang}") or skill.get("label_en") or skill.get("label_nl") or "").strip()
        for evidence in skill.get("evidence", []):
            spans.append((int(evidence["start"]), int(evidence["end"]), label))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    segments: list[tuple[str, str | None]] = []
    position = 0
    for start, end, label in spans:
        if start < position or end > len(text) or start >= end:
            continue  # overlapping evidence: the first (longest) one is shown
        if start > position:
            segments.append((text[position:start], None))
        segments.append((text[start:end], label))
        position = end
    if position < len(text):
        segments.append((text[position:], None))
    return segments


@router.get("/extractie", response_class=HTMLResponse)
def extract_page(request: Request) -> HTMLResponse:
    return render(request, "extract/extract.html", result=None, error=None, pasted="", chosen_lang="auto")


@router.post("/extractie", response_class=HTMLResponse, dependencies=[Depends(verify_csrf)])
async def extract_submit(request: Request) -> HTMLResponse:
    from starlette.concurrency import run_in_threadpool

    from krapte.api.routers.extract import read_extract_request
    from krapte.services import extract as svc

    ctx = get_context(request)
    pasted = ""
    chosen = "auto"
    try:
        source, name, chosen = await read_extract_request(request, ctx.settings)
        if isinstance(source, str):
            pasted = source
        result = await run_in_threadpool(lambda: svc.extract(ctx, source, name=name, lang=chosen))
    except KrapteError as exc:
        return render(
            request, "extract/extract.html", status_code=exc.http_status, result=None, error=exc, pasted=pasted,
            chosen_lang=chosen,
        )  # fmt: skip
    body = result.to_dict()
    lang = "en" if request.query_params.get("lang") == "en" or request.cookies.get("krapte_lang") == "en" else "nl"
    return render(
        request,
        "extract/extract.html",
        result=body,
        segments=highlight(body["text"], body["skills"], lang),
        error=None,
        pasted=pasted,
        chosen_lang=chosen,
    )
