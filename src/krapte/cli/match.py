"""Matching commands: ``krapte pathways``, ``krapte training-plan``, ``krapte fairness-report`` and ``krapte match``
(vacancies, candidates, profiles, overrides, vacancy and course import/export).

The machine-readable contract: ``krapte pathways --from OCCUPATION [--region CODE] [--top N] [--any-target] --json``
prints a JSON list of ``{"uri", "label", "similarity", "flags", "gap_skills": [{"uri", "label"}]}``, best first.
Whoever runs ``krapte`` acts as admin (``cli:<user>`` in the audit log); every recommendation is logged.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import click

from krapte.cli.common import context, echo_json, echo_table, json_option, lang_option, settings
from krapte.errors import InputError, ValidationError

__all__ = ["register"]


def register(main: click.Group) -> None:
    main.add_command(pathways_cmd)
    main.add_command(training_plan_cmd)
    main.add_command(fairness_cmd)
    main.add_command(match)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"file {path} does not exist", file=str(path)) from None


def _lang(lang: str | None) -> str:
    return lang or settings().lang


def _profile(
    profile_id: str | None,
    origin: str | None,
    cv: Path | None,
    skills: str | None,
    *,
    home: str | None = None,
    travel_km: float | None = None,
    hours: float | None = None,
    nlqf: int | None = None,
    status: str | None = None,
) -> Any:
    """One profile from a stored id, a past occupation, a CV file or self-declared skills, plus the options."""
    from krapte.match import Location
    from krapte.services import match as svc

    given = [x for x in (profile_id, origin, cv, skills) if x]
    if len(given) != 1:
        raise ValidationError("give exactly one of --profile, --from, --cv or --skills")
    ctx = context()
    if profile_id:
        profile = svc.get_profile(ctx, profile_id)
    elif origin:
        profile = svc.profile_from_occupation(ctx, origin)
    elif cv:
        profile, _ = svc.profile_from_cv(ctx, _read(cv), filename=cv.name)
    else:
        profile = svc.profile_from_skills(ctx, [s.strip() for s in (skills or "").split(",") if s.strip()])
    changes: dict[str, Any] = {}
    if home:
        from krapte.match import default_gazetteer

        changes["home"] = Location(gemeente=default_gazetteer().code(home), name=home)
    if travel_km is not None:
        changes["travel_km"] = travel_km
    if hours is not None:
        changes["hours_per_week"] = hours
    if nlqf is not None:
        changes["education"] = dataclasses.replace(profile.education, nlqf=nlqf)
    if status:
        changes["employment_status"] = status
    return dataclasses.replace(profile, **changes) if changes else profile


def profile_options(f: Any) -> Any:
    for option in reversed(
        [
            click.option("--profile", "profile_id", help="A stored profile id."),
            click.option("--from", "origin", help="A past occupation: ESCO URI, UUID or Dutch/English label."),
            click.option("--cv", type=click.Path(path_type=Path, dir_okay=False), help="A CV file (text, PDF, DOCX)."),
            click.option("--skills", help="Self-declared ESCO skill URIs or UUIDs, comma-separated."),
            click.option("--home", help="Home gemeente (name or GM code), for travel distance and regional advice."),
            click.option("--travel-km", type=float, help="Travel limit in km (default 30)."),
            click.option("--hours", type=float, help="Hours per week wanted."),
            click.option("--nlqf", type=click.IntRange(1, 8), help="Highest education level (NLQF 1-8)."),
            click.option("--status", help="Employment status (employed, unemployed, ww, bijstand, ...): funding."),
        ]
    ):
        f = option(f)
    return f


# --- pathways ---------------------------------------------------------------------------------------------------
@click.command("pathways")
@profile_options
@click.option("--region", help="Arbeidsmarktregio or gemeente (code or name): weighs in its shortage.")
@click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--any-target", is_flag=True, help="Any occupation, not only green, digital or technical ones.")
@click.option("--to", "target", help="One chosen target occupation instead of a ranking.")
@click.option("--details", is_flag=True, help="With --json: every detail (coverage, wage, shortage, gap groups).")
@lang_option
@json_option
def pathways_cmd(
    profile_id: str | None,
    origin: str | None,
    cv: Path | None,
    skills: str | None,
    home: str | None,
    travel_km: float | None,
    hours: float | None,
    nlqf: int | None,
    status: str | None,
    region: str | None,
    top: int,
    any_target: bool,
    target: str | None,
    details: bool,
    lang: str | None,
    as_json: bool,
) -> None:
    """Career pathways to green, digital and technical occupations, with the skills gap and reasons.

    --from OCCUPATION --json prints the contract: a JSON list of {uri, label, similarity, flags, gap_skills}."""
    from krapte.services import match as svc

    ctx = context()
    lg = _lang(lang)
    only_origin = origin and not any((profile_id, cv, skills, home, travel_km, hours, nlqf, status))
    if target:
        if only_origin:
            path = svc.pathway_to(ctx, target, origin=origin, region=region, lang=lg)
        else:
            prof = _profile(profile_id, origin, cv, skills, home=home, travel_km=travel_km, hours=hours, nlqf=nlqf)
            path = svc.pathway_to(ctx, target, profile=prof, region=region, lang=lg)
        results = [path]
    elif only_origin:
        results = svc.pathways(ctx, origin=origin, region=region, top=top, any_target=any_target, lang=lg)
    else:
        prof = _profile(profile_id, origin, cv, skills, home=home, travel_km=travel_km, hours=hours, nlqf=nlqf)
        results = svc.pathways(ctx, profile=prof, region=region, top=top, any_target=any_target, lang=lg)
    if as_json:
        echo_json([p.to_dict() if details else p.contract() for p in results])
        return
    rows = [
        {
            "#": i,
            "occupation": p.label,
            "similarity": f"{p.similarity:.2f}",
            "flags": ",".join(p.flags),
            "gap": len(p.gap_skills),
            "hours": f"{p.effort_hours:.0f}",
            "wage": "" if p.wage_ratio is None else f"x{p.wage_ratio:.2f}",
            "shortage": "" if p.shortage is None else f"{p.shortage:.2f}",
        }
        for i, p in enumerate(results, 1)
    ]
    echo_table(rows, ["#", "occupation", "similarity", "flags", "gap", "hours", "wage", "shortage"])
    for i, p in enumerate(results, 1):
        click.echo(f"\n{i}. {p.label} ({p.uri})")
        for reason in p.reasons:
            click.echo(f"   - {reason}")
        if p.gap_skills:
            click.echo(
                "   to learn: "
                + "; ".join(g.label for g in p.gap_skills[:8])
                + (" ..." if len(p.gap_skills) > 8 else "")
            )


# --- training plan --------------------------------------------------------------------------------------------------
@click.command("training-plan")
@profile_options
@click.option("--to", "target", required=True, help="Target occupation: ESCO URI, UUID or label.")
@click.option("--objective", type=click.Choice(["courses", "cost", "time"]), default="courses", show_default=True)
@lang_option
@json_option
def training_plan_cmd(
    profile_id: str | None,
    origin: str | None,
    cv: Path | None,
    skills: str | None,
    home: str | None,
    travel_km: float | None,
    hours: float | None,
    nlqf: int | None,
    status: str | None,
    target: str,
    objective: str,
    lang: str | None,
    as_json: bool,
) -> None:
    """Courses that close the gap to a target occupation, with funding per course, reasons and net cost."""
    from krapte.services import match as svc

    prof = _profile(
        profile_id, origin, cv, skills, home=home, travel_km=travel_km, hours=hours, nlqf=nlqf, status=status
    )
    plan = svc.training_plan(context(), profile=prof, target=target, objective=objective, lang=_lang(lang))  # type: ignore[arg-type]
    body = plan.to_dict()
    if as_json:
        echo_json(body)
        return
    click.echo(f"plan ({plan.method}, objective {objective}): {len(plan.courses)} course(s), {plan.total_weeks} weeks")
    for c in body["courses"]:
        cost = "unknown" if c["cost_eur"] is None else f"EUR {c['cost_eur']:.0f}"
        net = "" if c["net_cost_eur"] is None else f", net EUR {c['net_cost_eur']:.0f}"
        demo = " [demo]" if c.get("demo") else ""
        click.echo(f"\n- {c['name']}{demo} ({c['provider']}): cost {cost}{net}, {c['weeks']} weeks")
        click.echo("  teaches: " + "; ".join(c["covers_labels"][:8]))
        for f in c["funding"]:
            click.echo(f"  funding: {f['name']} [{f['status']}] " + "; ".join(f["reasons"][:2]))
            for cond in f["conditions"]:
                click.echo(f"    if: {cond}")
            click.echo(f"    source: {f['source_url']} {f['source_date']}")
    if body["uncovered"]:
        click.echo(f"\nnot taught by any course: {len(body['uncovered'])} skill(s)")
    for d in body["ended_schemes"]:
        click.echo(f"ended: {d['name']}: {'; '.join(d['reasons'])}")
    for d in body["advice"]:
        click.echo(f"free advice: {d['name']}")


# --- fairness -----------------------------------------------------------------------------------------------------
@click.command("fairness-report")
@click.argument("audit_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--attribute", required=True, help="The group column of the audit file (e.g. geslacht).")
@click.option("--kind", type=click.Choice(["vacancies", "pathways"]), default="vacancies", show_default=True)
@click.option("--shortlist", type=click.IntRange(1, 100), default=10, show_default=True)
@json_option
def fairness_cmd(audit_file: Path, attribute: str, kind: str, shortlist: int, as_json: bool) -> None:
    """Selection rates per group and four-fifths ratios over the stored profiles named in a separate audit CSV
    (profile_id,<attribute>,...). Aggregates only; the file is read, never stored."""
    from krapte.services import match as svc

    report = svc.fairness_report(context(), _read(audit_file), attribute=attribute, kind=kind, shortlist=shortlist)  # type: ignore[arg-type]
    if as_json:
        echo_json(report)
        return
    click.echo(f"{report['attribute']}: {report['outcome']} ({report['profiles']} profiles)")
    echo_table(report["groups"], ["group", "n", "selected", "rate", "ratio", "adverse_impact", "small"])
    click.echo(f"passes four-fifths: {report['passes_four_fifths']} (min ratio {report['min_ratio']})")


# --- krapte match ... ---------------------------------------------------------------------------------------------
@click.group()
def match() -> None:
    """Vacancies for a person, candidates for a vacancy, profiles, overrides, vacancy and course files."""


@match.command("vacancies")
@profile_options
@click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--open-hiring", is_flag=True, help="Rank on filters and availability only, never on skills.")
@click.option("--after-plan", "after_plan", help="Count the skills of the training plan to this occupation as held.")
@json_option
def match_vacancies(
    profile_id: str | None,
    origin: str | None,
    cv: Path | None,
    skills: str | None,
    home: str | None,
    travel_km: float | None,
    hours: float | None,
    nlqf: int | None,
    status: str | None,
    top: int,
    open_hiring: bool,
    after_plan: str | None,
    as_json: bool,
) -> None:
    """The best stored vacancies for a person, within travel and hours, each explained."""
    from krapte.match import SkillSet
    from krapte.services import match as svc

    prof = _profile(
        profile_id, origin, cv, skills, home=home, travel_km=travel_km, hours=hours, nlqf=nlqf, status=status
    )
    if after_plan:
        plan = svc.training_plan(context(), profile=prof, target=after_plan)
        prof = dataclasses.replace(prof, skills=prof.skills.union(SkillSet.of(plan.covered, source="course")))
        if not as_json:
            click.echo(f"after the plan to {after_plan}: {len(plan.covered)} skill(s) added from its courses\n")
    _echo_matches(svc.vacancies_for(context(), profile=prof, top=top, open_hiring=open_hiring), as_json, "vacancy")


def _echo_matches(results: list[Any], as_json: bool, key: str) -> None:
    if as_json:
        echo_json([r.to_dict() for r in results])
        return
    if not results:
        click.echo("(nothing)")
    for i, r in enumerate(results, 1):
        d = r.to_dict()
        pin = f" [{d['override']['action']}: {d['override']['reason']}]" if "override" in d else ""
        dist = "" if d["distance_km"] is None else f", {d['distance_km']} km"
        click.echo(f"{i}. {d[key]} {d['title']}: score {d['score']:.2f}{dist}{pin}")
        click.echo("   " + ", ".join(f"{c['name']} {c['value']:.2f}" for c in d["components"]))
        if d["matched"]:
            click.echo("   matches: " + "; ".join(s.get("label", s["uri"]) for s in d["matched"][:6]))
        elif d["eligible"]:
            click.echo("   no skill matches: ranked on education, hours and travel only")
        if d["missing_essential"]:
            click.echo("   missing: " + "; ".join(s.get("label", s["uri"]) for s in d["missing_essential"][:6]))
        for f in d["filters"]:
            click.echo(f"   filter: {f}")


@match.command("candidates")
@click.argument("vacancy_id")
@click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--open-hiring", is_flag=True)
@json_option
def match_candidates(vacancy_id: str, top: int, open_hiring: bool, as_json: bool) -> None:
    """The best candidates for a stored vacancy among the stored profiles, each explained."""
    from krapte.services import match as svc

    _echo_matches(svc.candidates_for(context(), vacancy_id, top=top, open_hiring=open_hiring), as_json, "profile")


@match.command("import-vacancies")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["auto", "jsonld", "json", "jsonl", "csv"]), default="auto")
@json_option
def import_vacancies(file: Path, fmt: str, as_json: bool) -> None:
    """Import vacancies (JobPosting JSON-LD, JSON, JSON lines, CSV); missing skills are extracted from the text."""
    from krapte.services import match as svc

    report = svc.import_vacancies(context(), _read(file), format=fmt, source=file.name)
    echo_json(report.counts) if as_json else click.echo(f"vacancies: {report.counts}")


@match.command("import-courses")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["auto", "jsonld", "json", "jsonl", "csv"]), default="auto")
@json_option
def import_courses(file: Path, fmt: str, as_json: bool) -> None:
    """Import a course catalogue (Course JSON-LD, JSON, JSON lines, CSV)."""
    from krapte.services import match as svc

    report = svc.import_courses(context(), _read(file), format=fmt, source=file.name)
    echo_json(report.counts) if as_json else click.echo(f"courses: {report.counts}")


@match.command("export-vacancies")
@click.option("--region", help="Gemeente or arbeidsmarktregio.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), help="File (default: stdout).")
def export_vacancies(region: str | None, output: Path | None) -> None:
    """Stored vacancies as schema.org JobPosting JSON-LD."""
    from krapte.services import match as svc

    text = svc.export_vacancies(context(), region=region)
    output.write_text(text, encoding="utf-8") if output else click.echo(text)


@match.command("list-vacancies")
@click.option("--region", help="Gemeente or arbeidsmarktregio.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@json_option
def list_vacancies(region: str | None, limit: int, as_json: bool) -> None:
    """Stored vacancies (demo ones are labelled)."""
    from krapte.services import match as svc

    rows = [
        {"id": v.id, "title": v.title, "employer": v.employer, "place": v.location.name, "demo": v.demo}
        for v in svc.list_vacancies(context(), region=region, limit=limit)
    ]
    echo_json(rows) if as_json else echo_table(rows, ["id", "title", "employer", "place", "demo"])


@match.command("save-profile")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--owner", help="The account id the profile belongs to (default: you).")
def save_profile(file: Path, owner: str | None) -> None:
    """Store a profile from a JSON file (krapte.match.Profile fields; protected characteristics are refused)."""
    from krapte.match import Profile
    from krapte.services import match as svc

    try:
        data = json.loads(_read(file))
    except ValueError as exc:
        raise InputError(f"not valid JSON: {exc}", file=str(file)) from None
    click.echo(svc.save_profile(context(), Profile.from_dict(data), owner_id=owner))


@match.command("profiles")
@json_option
def list_profiles(as_json: bool) -> None:
    """Stored profiles."""
    from krapte.services import match as svc

    rows = svc.list_profiles(context())
    echo_json(rows) if as_json else echo_table(rows, ["id", "owner_id", "updated_at", "skills"])


@match.command("show-profile")
@click.argument("profile_id")
def show_profile(profile_id: str) -> None:
    from krapte.services import match as svc

    echo_json(svc.get_profile(context(), profile_id).to_dict())


@match.command("delete-profile")
@click.argument("profile_id")
def delete_profile(profile_id: str) -> None:
    from krapte.services import match as svc

    svc.delete_profile(context(), profile_id)
    click.echo(f"deleted {profile_id}")


@match.command("override")
@click.option("--subject", required=True, help="A profile id (or a vacancy id, for its candidate list).")
@click.option("--item", required=True, help="The vacancy id, occupation URI (or candidate profile id).")
@click.option("--action", type=click.Choice(["hide", "pin"]), required=True)
@click.option("--reason", required=True)
def override(subject: str, item: str, action: str, reason: str) -> None:
    """Hide or pin a result for a person, with a reason (stored, logged, applied to later results)."""
    from krapte.services import match as svc

    svc.override(context(), subject=subject, item=item, action=action, reason=reason)  # type: ignore[arg-type]
    click.echo(f"{action}: {item} for {subject}")


@match.command("funding")
@click.option("--include-ended/--no-ended", default=True, show_default=True)
@json_option
def funding(include_ended: bool, as_json: bool) -> None:
    """The funding schemes (rules, sources, status); ended ones such as STAP are marked ended."""
    from krapte.services import match as svc

    schemes = svc.funding_schemes(context(), include_ended=include_ended)
    if as_json:
        echo_json([s.to_dict() for s in schemes])
        return
    rows = [{"id": s.id, "name": s.name_nl, "status": s.status, "valid_to": s.valid_to or ""} for s in schemes]
    echo_table(rows, ["id", "name", "status", "valid_to"])
