"""Labour commands: ``krapte regions|factors|projects|forecast|supply|tension``.

Thin commands: parse options, call one library function from :mod:`krapte.labour`, render text or ``--json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from krapte.cli.common import context, echo_json, echo_table, json_option
from krapte.errors import InputError, ValidationError
from krapte.labour.regions import REGION_KINDS


def register(main: click.Group) -> None:
    main.add_command(regions)
    main.add_command(factors)
    main.add_command(projects)
    main.add_command(forecast_cmd)
    main.add_command(supply)
    main.add_command(tension_cmd)


# --- regions --------------------------------------------------------------------------------------------------------
@click.group()
def regions() -> None:
    """Gemeenten, arbeidsmarktregio's, RES regions, provinces and COROP (CBS indeling 2026)."""


@regions.command("list")
@click.option("--kind", type=click.Choice(REGION_KINDS), default="arbeidsmarktregio", show_default=True)
@click.option("--year", type=int, default=2026, show_default=True)
@json_option
def regions_list(kind: str, year: int, as_json: bool) -> None:
    """List the regions of one kind."""
    from krapte.labour.regions import default_regions

    rows = [{"code": r.code, "name": r.name} for r in default_regions(year).of_kind(kind)]
    echo_json(rows) if as_json else echo_table(rows, ["code", "name"])


@regions.command("show")
@click.argument("name_or_code")
@click.option("--year", type=int, default=2026, show_default=True)
@json_option
def regions_show(name_or_code: str, year: int, as_json: bool) -> None:
    """Find a region by code or (fuzzy) name, e.g. 'Den Bosch', GM0796, AM26, ES23."""
    from krapte.services.regions import describe_region

    body = describe_region(context(), name_or_code, year=year)
    if as_json:
        echo_json(body)
        return
    click.echo(f"{body['code']}  {body['name']}  ({body['kind']}, {len(body['gemeenten'])} gemeente(n))")
    for key, title in (
        ("arbeidsmarktregios", "arbeidsmarktregio's"),
        ("res_regions", "RES regions"),
        ("provinces", "provinces"),
    ):
        click.echo(f"{title}: {_named(body.get(key) or [])}")
    weights = body.get("arbeidsmarktregio_weights")
    if weights:
        click.echo(
            "arbeidsmarktregio weights: " + ", ".join(f"{w['code']} {w['name']} {w['weight']:.2f}" for w in weights)
        )
    if body["kind"] != "gemeente" and len(body["gemeenten"]) <= 40:
        click.echo(f"gemeenten: {_named(body['gemeenten'])}")


def _named(regions: list[dict[str, Any]]) -> str:
    return ", ".join(f"{r['code']} {r['name']}" for r in regions)


@regions.command("overlap")
@json_option
def regions_overlap(as_json: bool) -> None:
    """RES region × arbeidsmarktregio overlap (gemeenten and weight within the RES region)."""
    from krapte.labour.regions import default_regions

    rows = [
        {str(k): v for k, v in r.items()} for r in default_regions().overlap().round({"weight": 4}).to_dict("records")
    ]
    echo_json(rows) if as_json else echo_table(rows, ["res_code", "res_region", "arbeidsmarktregio_code", "weight"])


# --- factors --------------------------------------------------------------------------------------------------------
@click.group()
def factors() -> None:
    """Employment-factor sets (labour per MW, km, unit or EUR mln) with their sources."""


@factors.command("list")
@json_option
def factors_list(as_json: bool) -> None:
    """The embedded factor sets."""
    from krapte.labour.factors import factor_set, factor_set_names

    rows = [{"name": n, "title": factor_set(n).title} for n in factor_set_names()]
    echo_json(rows) if as_json else echo_table(rows, ["name", "title"])


@factors.command("show")
@click.argument("name", default="rutovitz2025")
@json_option
def factors_show(name: str, as_json: bool) -> None:
    """The factors of a set (or a CSV override file), with low/central/high, unit and source."""
    from krapte.labour.factors import describe
    from krapte.services.labour import factors_for

    rows = describe(factors_for(*_factors(name)))
    if as_json:
        echo_json(rows)
    else:
        echo_table(rows, ["technology", "phase", "low", "central", "high", "unit", "from_set"])


@factors.command("occupations")
@click.option("--esco", is_flag=True, help="Also list the ESCO occupations under each ISCO-08 code.")
@json_option
def factors_occupations(esco: bool, as_json: bool) -> None:
    """The occupations demand is forecast in, with their ISCO-08 codes and BRC 2014 groups."""
    from krapte.labour.esco import occupation_table

    rows = occupation_table(with_esco=esco)
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        r["isco"] = ";".join(r["isco"])
        r["esco"] = len(r.get("esco", []))
    echo_table(rows, ["id", "isco", "brc_group", "brc_label"] + (["esco"] if esco else []))


# --- projects -------------------------------------------------------------------------------------------------------
@click.group()
def projects() -> None:
    """Import and list project pipelines (CSV, JSON, Excel)."""


@projects.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--pipeline", default=None, help="Name of the pipeline (default: the file name without extension).")
@click.option("--replace", is_flag=True, help="Replace an existing pipeline of the same name.")
@json_option
def projects_import(file: Path, pipeline: str | None, replace: bool, as_json: bool) -> None:
    """Validate FILE row by row and store it as a pipeline; nothing is stored if any row is bad."""
    from krapte.labour.projects import read_projects
    from krapte.services.labour import import_pipeline

    items = read_projects(file)
    name = pipeline or file.stem
    report = import_pipeline(context(), name, items, source_file=file.name, replace=replace)
    if as_json:
        echo_json({"pipeline": name, "counts": report.counts})
    else:
        click.echo(f"imported {len(items)} project(s) into pipeline {name!r}")


@projects.command("list")
@click.option("--pipeline", default=None, help="Show the projects of this pipeline.")
@json_option
def projects_list(pipeline: str | None, as_json: bool) -> None:
    """List pipelines, or the projects of one pipeline."""
    from krapte.services.labour import list_pipelines, show_pipeline

    if pipeline is None:
        rows = list_pipelines(context())
        echo_json(rows) if as_json else echo_table(rows, ["name", "n_projects", "source_file", "imported_at"])
        return
    items = [p.to_dict() for p in show_pipeline(context(), pipeline)]
    echo_json(items) if as_json else echo_table(items, ["id", "technology", "size", "unit", "location", "start", "end"])


# --- forecast -------------------------------------------------------------------------------------------------------
def _load_projects(
    projects_file: Path | None, pipeline: str | None, scenario: str | None = None, programmes: tuple[str, ...] = ()
) -> list[Any]:
    from krapte.labour.projects import read_projects
    from krapte.services.labour import projects_for

    if projects_file and pipeline:
        raise ValidationError("give --projects or --pipeline, not both")
    if projects_file:
        return read_projects(projects_file)
    return projects_for(context(), pipeline, scenario=scenario, programmes=list(programmes) or None)


def _factors(name_or_file: str) -> tuple[str, str | None]:
    """``--factors``: a set name, or a CSV file of overrides on rutovitz2025 that the command reads for the service."""
    from krapte.labour.factors import DEFAULT_SET, factor_set_names

    if name_or_file not in factor_set_names() and (name_or_file.endswith(".csv") or Path(name_or_file).is_file()):
        path = Path(name_or_file)
        try:
            return DEFAULT_SET, path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputError(f"cannot read factor file: {exc.strerror}", file=str(path)) from None
        except UnicodeDecodeError:
            raise InputError("the factor file is not UTF-8 text", file=str(path)) from None
    return name_or_file, None


projects_option = click.option(
    "--projects",
    "projects_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Project file (CSV, JSON, Excel). Default: the embedded national scenario (RES + NPE + NPLW).",
)
pipeline_option = click.option("--pipeline", default=None, help="An imported pipeline instead of a file.")
scenario_option = click.option(
    "--scenario",
    type=click.Choice(["res-35twh", "nl-programmes-2030"]),
    default=None,
    help="Embedded scenario (default nl-programmes-2030 = RES + NPE + NPLW; res-35twh = the RES-only scenario).",
)
programme_option = click.option(
    "--programme", "programmes", multiple=True, type=click.Choice(["RES", "NPE", "NPLW"]), help="Only this programme."
)
factors_option = click.option(
    "--factors",
    "factors_name",
    default=None,
    help="Factor set name or CSV file (default: the scenario's own set; rutovitz2025 for res-35twh, project files "
    "and pipelines).",
)
variant_option = click.option(
    "--variant", type=click.Choice(["low", "central", "high"]), default="central", show_default=True
)


@click.command("forecast")
@projects_option
@pipeline_option
@scenario_option
@programme_option
@factors_option
@variant_option
@click.option("--first", default=None, help="First quarter (e.g. 2026Q1).")
@click.option("--last", default=None, help="Last quarter.")
@click.option("--summary", is_flag=True, help="Print totals and the peak instead of all rows.")
@json_option
def forecast_cmd(
    projects_file: Path | None,
    pipeline: str | None,
    scenario: str | None,
    programmes: tuple[str, ...],
    factors_name: str | None,
    variant: str,
    first: str | None,
    last: str | None,
    summary: bool,
    as_json: bool,
) -> None:
    """Labour demand per arbeidsmarktregio × occupation × quarter × phase (FTE)."""
    from krapte.labour.quarters import parse_quarter
    from krapte.services.labour import default_factors, forecast, national_default

    own = bool(projects_file or pipeline)
    name, overrides = _factors(factors_name or default_factors(scenario, own_projects=own))
    if summary and national_default(scenario, own):
        from krapte.services.regions import national_summary

        body = national_summary(
            context(),
            programmes=list(programmes) or None,
            factors=name,
            factor_overrides=overrides,
            variant=variant,
            first=parse_quarter(first) if first else None,
            last=parse_quarter(last) if last else None,
        )
        if as_json:
            echo_json(body)
        else:
            _echo_national(body)
        return
    result = forecast(
        context(),
        _load_projects(projects_file, pipeline, scenario, programmes),
        factors=name,
        factor_overrides=overrides,
        variant=variant,
        first=parse_quarter(first) if first else None,
        last=parse_quarter(last) if last else None,
    )
    if summary:
        body = result.summary()
        echo_json(body) if as_json else echo_table([body], list(body))
        return
    rows = result.rows()
    if as_json:
        echo_json(rows)
        return
    s = result.summary()
    click.echo(
        f"{s['factors']} ({s['variant']}): {s['construction_job_years']} construction job-years, peak "
        f"{s['peak_fte']} FTE in {s['peak_quarter']}; manufacturing (non-local) {s['manufacturing_job_years']} "
        "job-years"
    )
    echo_table(_labelled(rows[:200]), ["region", "occupation", "quarter", "phase", "fte"])
    if len(rows) > 200:
        click.echo(f"... {len(rows) - 200} more rows (use --json)")


def _echo_national(body: dict[str, Any]) -> None:
    flat = {k: v for k, v in body.items() if not isinstance(v, list | dict)}
    echo_table([flat], list(flat))
    click.echo("")
    echo_table(
        body["by_programme"],
        ["programme", "projects", "construction_job_years_window", "construction_fte_per_year_window", "peak_fte"],
    )
    window = "–".join(body["window"])
    share = body["unverified_share_window"]
    click.echo(f"{100 * share:.0f}% of the construction job-years in {window} rest on quantities flagged unverified")


# --- supply ---------------------------------------------------------------------------------------------------------
@click.group()
def supply() -> None:
    """Labour supply per arbeidsmarktregio × BRC beroepsgroep."""


@supply.command("show")
@click.option("--region", default=None, help="Arbeidsmarktregio code or name.")
@click.option("--occupation", default=None, help="BRC or ISCO code, or a factor-set occupation name.")
@json_option
def supply_show(region: str | None, occupation: str | None, as_json: bool) -> None:
    """Employed, replacement, inflow, job seekers and vacancies (with the assumptions behind them)."""
    from krapte.services.labour import supply_rows
    from krapte.services.regions import calibration

    assumptions, rows = supply_rows(context(), region=region, occupation=occupation)
    checks = calibration(context())
    if as_json:
        echo_json({"assumptions": assumptions, "calibration": checks, "rows": rows})
        return
    for a in assumptions:
        click.echo(f"# {a}")
    for c in checks:
        click.echo(
            f"# calibration: {c['what']}: published {c['published']} ({c['published_period']}), model {c['model']}"
        )
    echo_table(_labelled(rows), ["region", "brc_group", "label", "employed", "job_seekers", "vacancies"])


def _labelled(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the region code shown with its name (``AM27 Noordoost-Brabant``), for text output."""
    from krapte.labour.regions import default_regions

    rm = default_regions()
    return [{**r, "region": rm.label(r["region"])} if r.get("region") else r for r in rows]


@supply.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--source", default=None, help="Name of this supply source (default: the file name).")
@click.option(
    "--dimension",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="CBS OData Beroep dimension (JSON) for an OData observations file.",
)
@click.option("--measure", default="employed", show_default=True, help="Measure a CBS table fills.")
@click.option(
    "--uwv",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="UWV spanningsindicator file (per arbeidsmarktregio × beroepsgroep): vacancies and job seekers.",
)
@click.option(
    "--ww", type=click.Path(dir_okay=False, path_type=Path), default=None, help="UWV WW benefits (< 6 months) file."
)
@click.option(
    "--graduates",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Graduates per region (DUO layout accepted): the yearly inflow.",
)
@json_option
def supply_import(
    file: Path | None,
    source: str | None,
    dimension: Path | None,
    measure: str,
    uwv: Path | None,
    ww: Path | None,
    graduates: Path | None,
    as_json: bool,
) -> None:
    """Import supply cells from a krapte supply CSV or CBS table (FILE), or a UWV, WW or graduates file."""
    from krapte.services.labour import current_supply, import_supply

    given = [p for p in (file, uwv, ww, graduates) if p is not None]
    if len(given) != 1:
        raise ValidationError("give one file: FILE, --uwv, --ww or --graduates", hint="import one source at a time")
    path = given[0]
    if file is not None:
        from krapte.labour.cbs import read_supply_source

        cells = list(read_supply_source(file, dimension=dimension, measure=measure))
        name = source or file.name
    else:
        from krapte.labour.importers import read_graduates, read_uwv_tension, read_ww, uwv_tension_cells

        supply = current_supply(context())
        if uwv is not None:
            imported = uwv_tension_cells(read_uwv_tension(uwv), supply)
        elif ww is not None:
            imported = read_ww(ww, supply)
        else:
            imported = read_graduates(path, supply)
        imported.apply(supply)  # checks every cell against the table before anything is stored
        cells = list(imported.cells)
        name = source or (imported.source if path.name in imported.source else f"{path.name}: {imported.source}")
    report = import_supply(context(), name, cells)
    if as_json:
        echo_json({"source": name, "counts": report.counts})
    else:
        click.echo(f"imported {report.counts.get('cells', 0)} supply cell(s) from {path.name} ({name})")


# --- tension --------------------------------------------------------------------------------------------------------
@click.command("tension")
@projects_option
@pipeline_option
@scenario_option
@programme_option
@factors_option
@variant_option
@click.option("--region", default=None, help="Arbeidsmarktregio code or name.")
@click.option("--occupation", default=None, help="BRC or ISCO code, ESCO URI or factor-set occupation name.")
@click.option("--quarter", default=None, help="One quarter, e.g. 2027Q2.")
@click.option(
    "--flagged",
    is_flag=True,
    help="Only cells the projects' extra demand makes tighter (new shortage or a tighter class).",
)
@json_option
def tension_cmd(
    projects_file: Path | None,
    pipeline: str | None,
    scenario: str | None,
    programmes: tuple[str, ...],
    factors_name: str | None,
    variant: str,
    region: str | None,
    occupation: str | None,
    quarter: str | None,
    flagged: bool,
    as_json: bool,
) -> None:
    """UWV spanningsindicator and ROA ITA classes per region × occupation × quarter, with shortage flags."""
    from krapte.services.labour import default_factors, tension_rows

    own = bool(projects_file or pipeline)
    name, overrides = _factors(factors_name or default_factors(scenario, own_projects=own))
    rows = tension_rows(
        context(),
        _load_projects(projects_file, pipeline, scenario, programmes),
        factors=name,
        factor_overrides=overrides,
        variant=variant,
        region=region,
        occupation=occupation,
        quarter=quarter,
        flagged=flagged,
    )
    if as_json:
        echo_json(rows)
        return
    echo_table(
        _labelled(rows[:300]),
        [
            "region",
            "brc_group",
            "label",
            "quarter",
            "extra_demand_fte",
            "spanningsindicator",
            "uwv_class",
            "ita_class",
            "flag",
        ],
    )
    if len(rows) > 300:
        click.echo(f"... {len(rows) - 300} more rows (use --json, --region, --occupation or --quarter)")
