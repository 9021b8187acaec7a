"""``/regio/kaart`` and ``/regio/programmas``: regional figures on a map and the national programmes.

- ``/regio/kaart``: the 35 arbeidsmarktregio's or the 30 RES regions as a choropleth of one measure (extra demand of
  the projects, employed, vacancies, job seekers, UWV spanningsindicator, ROA ITA) for one BRC group and quarter,
  the figures with their basis, and for one RES region the demand its projects create per arbeidsmarktregio.
  ``/regio/kaart.svg`` serves the map, ``/regio/kaart.csv`` the rows (formula-neutralised).
- ``/regio/programmas``: demand of RES, NPE and NPLW per quarter (stacked chart, ``/regio/programmas.svg``) and per
  programme and component, with the sources and the share that rests on unverified quantities.

Every page reads the services only (:mod:`krapte.services.regions`); nothing here changes state.
"""

from __future__ import annotations

import numpy as np
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from krapte.api.deps import get_context, get_lang
from krapte.charting import format_number
from krapte.services import Context
from krapte.services import regions as svc
from krapte.web import programme_plan
from krapte.web.i18n import register, translate
from krapte.web.notes import note, notes
from krapte.web.templating import render

router = APIRouter(include_in_schema=False)
router.include_router(programme_plan.router)  # /regio/programmas/planning: the joint plan started from this page

register(
    {
        "regions.map_link": {
            "nl": "Bekijk de regio's op de kaart (RES-regio's en arbeidsmarktregio's)",
            "en": "See the regions on the map (RES regions and labour-market regions)",
        },
        "regions.programmes_link": {
            "nl": "Vraag van de landelijke programma's (RES, NPE, NPLW)",
            "en": "Demand of the national programmes (RES, NPE, NPLW)",
        },
        "regions.basis": {"nl": "Basis", "en": "Basis"},
        "programmes.title": {
            "nl": "Vraag naar vakmensen: RES, net en warmte",
            "en": "Demand for workers: RES, grid and heat",
        },
        "programmes.intro": {
            "nl": "Hoeveel vakmensen de drie landelijke programma's nodig hebben, per kwartaal: de RES (wind en zon "
            "op land), het Nationaal Plan Energiesysteem (NPE, vooral het stroomnet) en het Nationaal Programma "
            "Lokale Warmtetransitie (NPLW, warmtepompen en warmtenetten). Het gaat om schattingen: hoeveelheden "
            "uit de plannen maal arbeidsfactoren.",
            "en": "How many workers the three national programmes need per quarter: the RES (onshore wind and "
            "solar), the National Energy System Plan (NPE, mainly the power grid) and the National Programme "
            "for the Local Heat Transition (NPLW, heat pumps and heat networks). These are estimates: quantities "
            "from the plans times employment factors.",
        },
        "programmes.chart": {"nl": "Vraag per kwartaal (fte)", "en": "Demand per quarter (FTE)"},
        "programmes.per_programme": {"nl": "Per programma", "en": "Per programme"},
        "programmes.per_component": {"nl": "Per onderdeel", "en": "Per component"},
        "programmes.programme": {"nl": "Programma", "en": "Programme"},
        "programmes.component": {"nl": "Onderdeel", "en": "Component"},
        "programmes.projects": {"nl": "Projecten", "en": "Projects"},
        "programmes.job_years": {"nl": "Bouw: arbeidsjaren", "en": "Construction: job-years"},
        "programmes.fte_year": {"nl": "Bouw: fte per jaar", "en": "Construction: FTE per year"},
        "programmes.om": {"nl": "Beheer: fte aan het eind", "en": "O&M: FTE at the end"},
        "programmes.peak": {"nl": "Piek (fte)", "en": "Peak (FTE)"},
        "programmes.quantity": {"nl": "Hoeveelheid", "en": "Quantity"},
        "programmes.checked": {"nl": "Bron", "en": "Source"},
        "programmes.unverified": {"nl": "niet nagetrokken", "en": "unverified"},
        "programmes.verified": {"nl": "met bron", "en": "sourced"},
        "programmes.unverified_share": {
            "nl": "{share} van de arbeidsjaren in de bouw in {window} rust op hoeveelheden die nog niet zijn "
            "nagetrokken (gemarkeerd met ‘niet nagetrokken’). Lees die cijfers als een voorlopige schatting.",
            "en": "{share} of the construction job-years in {window} rest on quantities that have not been verified "
            "(marked ‘unverified’). Read those figures as a provisional estimate.",
        },
        "programmes.window": {
            "nl": "Arbeidsjaren, fte per jaar en beheer gelden voor de periode {window}; de piek voor 2025–2033.",
            "en": "Job-years, FTE per year and O&M are for {window}; the peak for 2025–2033.",
        },
        "programmes.sources": {"nl": "Bronnen", "en": "Sources"},
        "programmes.docs": {
            "nl": "Hoe het scenario is opgebouwd staat in docs/programmes.md; de cijfers zijn ook op te halen via "
            "de API:",
            "en": "How the scenario is built is described in docs/programmes.md; the figures are also in the API:",
        },
        "programmes.factors": {"nl": "Arbeidsfactoren", "en": "Employment factors"},
    }
)


# The query parameters the map, its SVG and CSV, and the programme pages share.
_KIND = Query("arbeidsmarktregio", max_length=20)
_MEASURE = Query("extra_demand_fte", max_length=40)
_GROUP = Query("", max_length=4)
_QUARTER = Query("", max_length=7)
_PHASE = Query("total", pattern="^(construction|om|total)$")


@router.get("/regio/kaart", response_class=HTMLResponse)
def map_page(
    request: Request,
    kind: str = _KIND,
    measure: str = _MEASURE,
    group: str = _GROUP,
    quarter: str = _QUARTER,
    res: str = Query("", max_length=60),
    ctx: Context = Depends(get_context),
) -> HTMLResponse:
    from krapte.labour.maps import MAP_MEASURES

    lang = get_lang(request)
    view = svc.regional_view(ctx, kind=kind, group=group or None, quarter=quarter or None, res=res or None)
    svg = svc.regional_map_svg(view, measure, lang)
    return render(
        request,
        "labour/kaart.html",
        kind=view.kind,
        measure=measure,
        measures=MAP_MEASURES,
        group=view.group,
        groups=view.groups,
        quarter=view.quarter,
        quarters=view.quarters,
        svg=Markup(svg),
        rows=[
            {**r, "basis_demand": note(r["basis_demand"], lang), "basis_supply": note(r["basis_supply"], lang)}
            for r in view.rows
        ],
        res=view.res,
        pipeline=view.pipeline,
        assumptions=notes(view.assumptions, lang),
        number=lambda v: "–" if v is None else format_number(v, lang),
    )


@router.get("/regio/kaart.svg")
def map_svg(
    request: Request,
    kind: str = _KIND,
    measure: str = _MEASURE,
    group: str = _GROUP,
    quarter: str = _QUARTER,
    ctx: Context = Depends(get_context),
) -> Response:
    view = svc.regional_view(ctx, kind=kind, group=group or None, quarter=quarter or None)
    return Response(svc.regional_map_svg(view, measure, get_lang(request)), media_type="image/svg+xml")


@router.get("/regio/kaart.csv")
def map_csv(
    kind: str = _KIND,
    group: str = _GROUP,
    quarter: str = _QUARTER,
    ctx: Context = Depends(get_context),
) -> Response:
    view = svc.regional_view(ctx, kind=kind, group=group or None, quarter=quarter or None)
    return Response(
        svc.regional_csv(view),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="krapte-{view.kind}-{view.group}-{view.quarter}.csv"'},
    )


@router.get("/regio/programmas", response_class=HTMLResponse)
def programmes_page(
    request: Request,
    phase: str = _PHASE,
    ctx: Context = Depends(get_context),
) -> HTMLResponse:
    lang = get_lang(request)
    overview = svc.programme_overview(ctx, phase=phase)
    summary = overview.summary
    window = "–".join(summary["window"])
    share = format_number(100 * summary["unverified_share_window"], lang) + " %"
    return render(
        request,
        "labour/programmas.html",
        phase=phase,
        summary=summary,
        by_programme=summary["by_programme"],
        by_component=[{**c, "factor_unit": note(c.get("factor_unit") or "", lang)} for c in summary["by_component"]],
        sources=overview.sources,
        factors=overview.factors,
        unverified_text=translate("programmes.unverified_share", lang).format(share=share, window=window),
        window_text=translate("programmes.window", lang).format(window=window),
        number=lambda v, decimals=0: "–" if v is None else format_number(v, lang, decimals),
    )


@router.get("/regio/programmas.svg")
def programmes_svg(
    request: Request,
    phase: str = _PHASE,
    ctx: Context = Depends(get_context),
) -> Response:
    from krapte.labour.charts import programme_chart

    lang = get_lang(request)
    overview = svc.programme_overview(ctx, phase=phase)
    body = programme_chart(
        overview.quarters,
        {k: np.asarray(v, dtype=float) for k, v in overview.series.items()},
        title=translate("programmes.chart", lang),
        xlabel="kwartaal" if lang == "nl" else "quarter",
        ylabel="fte" if lang == "nl" else "FTE",
        fmt="svg",
        lang=lang,
    )
    return Response(body, media_type="image/svg+xml")
