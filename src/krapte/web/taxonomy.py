"""``/beroepen``: search occupations and skills and show one concept (Dutch first, English with ?lang=en)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from krapte.api.deps import get_context, get_lang
from krapte.errors import NotFoundError
from krapte.services import taxonomy as svc
from krapte.web.i18n import register
from krapte.web.templating import render

router = APIRouter(include_in_schema=False)

register(
    {
        "taxonomy.title": {"nl": "Beroepen en vaardigheden", "en": "Occupations and skills"},
        "taxonomy.search": {"nl": "Zoeken", "en": "Search"},
        "taxonomy.placeholder": {
            "nl": "bijvoorbeeld warmtepompmonteur of zonnepaneel",
            "en": "for example heat pump installer or solar panel",
        },
        "taxonomy.all": {"nl": "Alles", "en": "Everything"},
        "taxonomy.occupations": {"nl": "Beroepen", "en": "Occupations"},
        "taxonomy.skills": {"nl": "Vaardigheden", "en": "Skills"},
        "taxonomy.none": {"nl": "Geen resultaten.", "en": "No results."},
        "taxonomy.kind.occupation": {"nl": "beroep", "en": "occupation"},
        "taxonomy.kind.skill": {"nl": "vaardigheid", "en": "skill"},
        "taxonomy.kind.isco_group": {"nl": "ISCO-groep", "en": "ISCO group"},
        "taxonomy.kind.skill_group": {"nl": "vaardigheidsgroep", "en": "skill group"},
        "taxonomy.alt": {"nl": "Andere benamingen", "en": "Other names"},
        "taxonomy.essential": {"nl": "Essentiële vaardigheden", "en": "Essential skills"},
        "taxonomy.optional": {"nl": "Optionele vaardigheden", "en": "Optional skills"},
        "taxonomy.essential_for": {"nl": "Essentieel voor", "en": "Essential for"},
        "taxonomy.optional_for": {"nl": "Optioneel voor", "en": "Optional for"},
        "taxonomy.broader": {"nl": "Breder", "en": "Broader"},
        "taxonomy.narrower": {"nl": "Specifieker", "en": "Narrower"},
        "taxonomy.flags": {"nl": "Kenmerken", "en": "Flags"},
        "taxonomy.green": {"nl": "groen", "en": "green"},
        "taxonomy.digital": {"nl": "digitaal", "en": "digital"},
        "taxonomy.technical": {"nl": "technisch", "en": "technical"},
        "taxonomy.yes": {"nl": "ja", "en": "yes"},
        "taxonomy.no": {"nl": "nee", "en": "no"},
        "taxonomy.not_found": {"nl": "Dit begrip bestaat niet in ESCO.", "en": "This concept does not exist in ESCO."},
    }
)


@router.get("/beroepen", response_class=HTMLResponse)
def search_page(request: Request, q: str = Query(""), type: str = Query("")) -> HTMLResponse:
    kind = type if type in ("occupation", "skill") else None
    hits = svc.search(get_context(request), q[: svc.MAX_QUERY_CHARS], kind=kind, top=25, lang=get_lang(request))  # type: ignore[arg-type]
    return render(request, "taxonomy/search.html", q=q, kind=kind or "", hits=hits)


@router.get("/beroepen/{concept_id}", response_class=HTMLResponse)
def concept_page(request: Request, concept_id: str) -> HTMLResponse:
    try:
        info = svc.describe(get_context(request), concept_id, lang=get_lang(request))
    except NotFoundError:
        return render(request, "taxonomy/search.html", status_code=404, q="", kind="", hits=[], not_found=True)
    return render(request, "taxonomy/concept.html", c=info)
