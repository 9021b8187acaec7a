"""REST endpoints of matching under ``/api/v1`` (the same use cases as ``krapte pathways|training-plan|match``).

======================================  ==========================================================================
``GET  /pathways``                       the contract: ``?from=OCCUPATION&region=&top=&any_target=`` (anyone)
``POST /pathways``                       pathways (every detail) for a profile, stored profile, occupation or skills
``POST /training-plan``                  courses with funding per course, reasons and net cost
``POST /match/vacancies``                the best stored vacancies for a person, explained
``GET  /match/candidates/{vacancy_id}``  the best candidates among an advisor's own clients
``POST /overrides``                      an advisor hides or pins a result for a client, with a reason
``POST /fairness-report``                aggregates per group from an uploaded audit CSV (analysts; not stored)
``GET|POST /profiles``, ``GET|PUT|DELETE /profiles/{id}``  stored profiles (own, or an advisor's clients')
``POST /profiles/from-cv``               a profile from an uploaded CV (nothing stored)
``GET|POST /vacancies``, ``GET /vacancies/{id}``, ``GET /vacancies.jsonld``  the vacancy catalogue
``GET|POST /courses``, ``GET /courses/{id}``                                 the course catalogue
``GET  /funding-schemes``, ``/skill-choices``, ``/occupation-card``, ``/contact-point``
======================================  ==========================================================================

Anonymous callers may use every orientation endpoint (nothing of theirs is stored); stored profiles need an account.
A profile the caller may not read answers 404. Every recommendation is written to the audit log.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Literal

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from krapte.api.deps import get_context
from krapte.api.models.match import (
    OverrideIn,
    PathwayContract,
    PathwayRequest,
    PersonRequest,
    ProfileIn,
    ProfileSaved,
    ProfileSummary,
    TrainingPlanRequest,
    VacancyMatchRequest,
)
from krapte.api.models.match_results import (
    ContactPointOut,
    CourseOut,
    FairnessReportOut,
    FundingSchemeOut,
    ImportCounts,
    MatchOut,
    OccupationCardOut,
    OverrideOut,
    PathwayDetail,
    ProfileFromCv,
    ProfileOut,
    SkillChoice,
    TrainingPlanOut,
    VacancyOut,
)
from krapte.api.uploads import read_upload
from krapte.errors import ValidationError
from krapte.match import Profile
from krapte.match.defaults import course_to_row, vacancy_to_row
from krapte.services import Context
from krapte.services import match as svc

router = APIRouter(prefix="/api/v1", tags=["match"])

_FORMAT = Literal["auto", "jsonld", "json", "jsonl", "csv"]


def _person(ctx: Context, body: PersonRequest) -> Profile:
    given = [x for x in (body.profile_id, body.profile, body.origin, body.skills) if x is not None]
    if len(given) != 1:
        raise ValidationError("give exactly one of profile_id, profile, origin or skills")
    if body.profile_id is not None:
        return svc.get_profile(ctx, body.profile_id)
    if body.profile is not None:
        return Profile.from_dict(body.profile.to_profile_dict(uuid.uuid4().hex))
    if body.origin is not None:
        return svc.profile_from_occupation(ctx, body.origin)
    return svc.profile_from_skills(ctx, body.skills or [])


# --- orientation --------------------------------------------------------------------------------------------------
@router.get("/pathways", operation_id="pathways")
def pathways(
    origin: str = Query(alias="from", max_length=500, description="ESCO occupation URI, UUID or Dutch/English label"),
    region: str | None = Query(None, max_length=100),
    top: int = Query(10, ge=1, le=100),
    any_target: bool = False,
    lang: Literal["nl", "en"] = "nl",
    ctx: Context = Depends(get_context),
) -> list[PathwayContract]:
    """The contract of ``krapte pathways --from ... --json``: best first, with the gap skills."""
    result = svc.pathways(ctx, origin=origin, region=region, top=top, any_target=any_target, lang=lang)
    return [PathwayContract.model_validate(p.contract()) for p in result]


@router.post("/pathways", operation_id="pathways_for")
def pathways_for(body: PathwayRequest, ctx: Context = Depends(get_context)) -> list[PathwayDetail]:
    """Pathways with every detail (coverage, viability, wage ratio, regional shortage, gap groups, reasons)."""
    if body.target is not None:
        if body.origin is not None and body.profile is None and body.profile_id is None and body.skills is None:
            one = svc.pathway_to(ctx, body.target, origin=body.origin, region=body.region, lang=body.lang)
        else:
            one = svc.pathway_to(ctx, body.target, profile=_person(ctx, body), region=body.region, lang=body.lang)
        return [PathwayDetail.model_validate(one.to_dict())]
    if body.origin is not None and body.profile is None and body.profile_id is None and body.skills is None:
        result = svc.pathways(
            ctx, origin=body.origin, region=body.region, top=body.top, any_target=body.any_target, lang=body.lang
        )
    else:
        result = svc.pathways(
            ctx,
            profile=_person(ctx, body),
            region=body.region,
            top=body.top,
            any_target=body.any_target,
            lang=body.lang,
        )
    return [PathwayDetail.model_validate(p.to_dict()) for p in result]


@router.post("/training-plan", operation_id="training_plan")
async def training_plan(body: TrainingPlanRequest, ctx: Context = Depends(get_context)) -> TrainingPlanOut:
    """Courses that close the gap to ``target``, with funding options, reasons and net cost per course."""
    profile = _person(ctx, body)
    plan = await run_in_threadpool(
        lambda: svc.training_plan(ctx, profile=profile, target=body.target, objective=body.objective, lang=body.lang)
    )
    return TrainingPlanOut.model_validate(plan.to_dict())


@router.post("/match/vacancies", operation_id="match_vacancies")
def match_vacancies(body: VacancyMatchRequest, ctx: Context = Depends(get_context)) -> list[MatchOut]:
    """The best stored vacancies within the person's travel limit and hours, each explained."""
    result = svc.vacancies_for(ctx, profile=_person(ctx, body), top=body.top, open_hiring=body.open_hiring)
    return [MatchOut.model_validate(m.to_dict()) for m in result]


@router.get("/match/candidates/{vacancy_id}", operation_id="match_candidates")
def match_candidates(
    vacancy_id: str,
    top: int = Query(20, ge=1, le=100),
    open_hiring: bool = False,
    ctx: Context = Depends(get_context),
) -> list[MatchOut]:
    """The best candidates for a vacancy among the advisor's own clients (admins: everyone), explained."""
    found = svc.candidates_for(ctx, vacancy_id, top=top, open_hiring=open_hiring)
    return [MatchOut.model_validate(m.to_dict()) for m in found]


@router.post("/overrides", status_code=204, operation_id="override")
def override(body: OverrideIn, ctx: Context = Depends(get_context)) -> Response:
    svc.override(ctx, subject=body.subject, item=body.item, action=body.action, reason=body.reason)
    return Response(status_code=204)


@router.post("/fairness-report", operation_id="fairness_report")
async def fairness_report(
    file: UploadFile = File(..., description="audit CSV: profile_id,<attribute>,... (read, never stored)"),
    attribute: str = Form(..., max_length=100),
    kind: Literal["vacancies", "pathways"] = Form("vacancies"),
    shortlist: int = Form(10, ge=1, le=100),
    ctx: Context = Depends(get_context),
) -> FairnessReportOut:
    """Selection rates and four-fifths ratios per group over stored profiles: aggregates only."""
    ctx.require("aggregates.read")  # before reading the upload
    content = await read_upload(file, ctx.settings.max_upload_bytes)
    report = await run_in_threadpool(
        lambda: svc.fairness_report(ctx, content, attribute=attribute, kind=kind, shortlist=shortlist)
    )
    return FairnessReportOut.model_validate(report)


@router.get("/funding-schemes", operation_id="funding_schemes")
def funding_schemes(include_ended: bool = True, ctx: Context = Depends(get_context)) -> list[FundingSchemeOut]:
    return [FundingSchemeOut.model_validate(s.to_dict()) for s in svc.funding_schemes(ctx, include_ended=include_ended)]


@router.get("/skill-choices", operation_id="skill_choices")
def skill_choices(
    lang: Literal["nl", "en"] = "nl",
    group: str | None = Query(None, max_length=20),
    ctx: Context = Depends(get_context),
) -> list[SkillChoice]:
    return [SkillChoice.model_validate(c) for c in svc.skill_choices(ctx, lang=lang, group=group)]


@router.get("/occupation-card", operation_id="occupation_card")
def occupation_card(
    occupation: str = Query(max_length=500),
    region: str | None = Query(None, max_length=100),
    lang: Literal["nl", "en"] = "nl",
    ctx: Context = Depends(get_context),
) -> OccupationCardOut:
    return OccupationCardOut.model_validate(svc.occupation_card(ctx, occupation, region=region, lang=lang))


@router.get("/contact-point", operation_id="contact_point")
def contact_point(
    region: str | None = Query(None, max_length=100), ctx: Context = Depends(get_context)
) -> ContactPointOut:
    return ContactPointOut.model_validate(svc.contact_point(ctx, region))


# --- profiles -----------------------------------------------------------------------------------------------------
@router.post("/profiles/from-cv", operation_id="profile_from_cv")
async def profile_from_cv(
    file: UploadFile = File(...), lang: str = Form("auto", max_length=4), ctx: Context = Depends(get_context)
) -> ProfileFromCv:
    """A profile from a CV (skills with evidence); nothing is stored."""
    content = await read_upload(file, ctx.settings.max_upload_bytes)
    name = PurePath(file.filename or "cv.txt").name
    profile, extraction = await run_in_threadpool(lambda: svc.profile_from_cv(ctx, content, filename=name, lang=lang))
    return ProfileFromCv(profile=ProfileOut.model_validate(profile.to_dict()), extraction=extraction)


@router.get("/profiles", operation_id="list_profiles")
def list_profiles(ctx: Context = Depends(get_context)) -> list[ProfileSummary]:
    return [ProfileSummary.model_validate(r) for r in svc.list_profiles(ctx)]


@router.post("/profiles", status_code=201, operation_id="save_profile")
def save_profile(
    body: ProfileIn,
    owner_id: str | None = Query(None, max_length=200, description="an advisor saves for a client"),
    ctx: Context = Depends(get_context),
) -> ProfileSaved:
    profile = Profile.from_dict(body.to_profile_dict(uuid.uuid4().hex))
    return ProfileSaved(id=svc.save_profile(ctx, profile, owner_id=owner_id))


@router.get("/profiles/{profile_id}", operation_id="get_profile")
def get_profile(profile_id: str, ctx: Context = Depends(get_context)) -> ProfileOut:
    return ProfileOut.model_validate(svc.get_profile(ctx, profile_id).to_dict())


@router.put("/profiles/{profile_id}", operation_id="replace_profile")
def replace_profile(profile_id: str, body: ProfileIn, ctx: Context = Depends(get_context)) -> ProfileSaved:
    svc.get_profile(ctx, profile_id)  # 404 unless the caller may read it
    profile = Profile.from_dict({**body.to_profile_dict(profile_id), "id": profile_id})
    return ProfileSaved(id=svc.save_profile(ctx, profile))


@router.delete("/profiles/{profile_id}", status_code=204, operation_id="delete_profile")
def delete_profile(profile_id: str, ctx: Context = Depends(get_context)) -> Response:
    svc.delete_profile(ctx, profile_id)
    return Response(status_code=204)


@router.get("/profiles/{profile_id}/overrides", operation_id="list_overrides")
def list_overrides(profile_id: str, ctx: Context = Depends(get_context)) -> list[OverrideOut]:
    return [OverrideOut.model_validate(o) for o in svc.list_overrides(ctx, profile_id)]


# --- catalogues ---------------------------------------------------------------------------------------------------
@router.get(
    "/vacancies.jsonld",
    operation_id="export_vacancies",
    response_class=Response,
    responses={200: {"content": {"application/ld+json": {"schema": {"type": "object"}}}}},
)
def export_vacancies(region: str | None = Query(None, max_length=100), ctx: Context = Depends(get_context)) -> Response:
    """The stored vacancies as schema.org JobPosting JSON-LD."""
    return Response(svc.export_vacancies(ctx, region=region), media_type="application/ld+json")


@router.get("/vacancies", operation_id="list_vacancies")
def list_vacancies(
    region: str | None = Query(None, max_length=100),
    limit: int = Query(50, ge=1, le=10_000),
    ctx: Context = Depends(get_context),
) -> list[VacancyOut]:
    return [VacancyOut.model_validate(vacancy_to_row(v)) for v in svc.list_vacancies(ctx, region=region, limit=limit)]


@router.get("/vacancies/{vacancy_id}", operation_id="get_vacancy")
def get_vacancy(vacancy_id: str, ctx: Context = Depends(get_context)) -> VacancyOut:
    return VacancyOut.model_validate(vacancy_to_row(svc.get_vacancy(ctx, vacancy_id)))


@router.post("/vacancies", status_code=201, operation_id="import_vacancies")
async def import_vacancies(
    file: UploadFile = File(...), format: _FORMAT = Form("auto"), ctx: Context = Depends(get_context)
) -> ImportCounts:
    """Import JobPosting JSON-LD, JSON, JSON lines or CSV (atomic; missing skills extracted from the text)."""
    ctx.require("labour.write")  # before reading the upload
    content = await read_upload(file, ctx.settings.max_upload_bytes)
    name = PurePath(file.filename or "vacancies").name
    report = await run_in_threadpool(lambda: svc.import_vacancies(ctx, content, format=format, source=name))
    return ImportCounts(report.counts)


@router.get("/courses", operation_id="list_courses")
def list_courses(limit: int = Query(50, ge=1, le=10_000), ctx: Context = Depends(get_context)) -> list[CourseOut]:
    return [CourseOut.model_validate(course_to_row(c)) for c in svc.list_courses(ctx, limit=limit)]


@router.get("/courses/{course_id}", operation_id="get_course")
def get_course(course_id: str, ctx: Context = Depends(get_context)) -> CourseOut:
    return CourseOut.model_validate(course_to_row(svc.get_course(ctx, course_id)))


@router.post("/courses", status_code=201, operation_id="import_courses")
async def import_courses(
    file: UploadFile = File(...), format: _FORMAT = Form("auto"), ctx: Context = Depends(get_context)
) -> ImportCounts:
    ctx.require("labour.write")
    content = await read_upload(file, ctx.settings.max_upload_bytes)
    name = PurePath(file.filename or "courses").name
    report = await run_in_threadpool(lambda: svc.import_courses(ctx, content, format=format, source=name))
    return ImportCounts(report.counts)
