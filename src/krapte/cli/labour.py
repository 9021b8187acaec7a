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
    from krapte.labour.regions import default_regions

    rm = default_regions(year)
    region = rm.find(name_or_code)
    members = rm.members(region.code)
    ams = sorted(members.arbeidsmarktregio_code.unique().tolist())
    res = sorted(members.res_code.unique().tolist())
    body: dict[str, Any] = {
        "code": region.code,
        "name": region.name,
        "kind": region.kind,
        "gemeenten": members.gemeente_code.tolist(),
        "arbeidsmarktregio_weights": rm.am_weights(region.code) if region.kind in ("gemeente", "res") else None,
        "res_regions": res,
        "arbeidsmarktregios": ams,
    }
    if as_json:
        echo_json(body)
        return
    click.echo(f"{region.code}  {region.name}  ({region.kind}, {len(members)} gemeente(n))")
    click.echo(f"arbeidsmarktregio's: {', '.join(ams)}")
    click.echo(f"RES regions: {', '.join(res)}")


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
    help="Project file (CSV, JSON, Excel). Default: the embedded 35 TWh RES scenario.",
)
pipeline_option = click.option("--pipeline", default=None, help="An imported pipeline instead of a file.")
scenario_option = click.option(
    "--scenario",
    type=click.Choice(["res-35twh", "nl-programmes-2030"]),
    default=None,
    help="Embedded scenario (default res-35twh; nl-programmes-2030 = RES + NPE + NPLW).",
)
programme_option = click.option(
    "--programme", "programmes", multiple=True, type=click.Choice(["RES", "NPE", "NPLW"]), help="Only this programme."
)
factors_option = click.option(
    "--factors",
    "factors_name",
    default=None,
    help="Factor set name or CSV file (default: the scenario's own set, rutovitz2025 for res-35twh).",
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
    from krapte.services.labour import default_factors, forecast

    name, overrides = _factors(factors_name or default_factors(scenario))
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
    echo_table(rows[:200], ["region", "occupation", "quarter", "phase", "fte"])
    if len(rows) > 200:
        click.echo(f"... {len(rows) - 200} more rows (use --json)")


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

    assumptions, rows = supply_rows(context(), region=region, occupation=occupation)
    if as_json:
        echo_json({"assumptions": assumptions, "rows": rows})
        return
    for a in assumptions:
        click.echo(f"# {a}")
    echo_table(rows, ["region", "brc_group", "label", "employed", "job_seekers", "vacancies"])


@supply.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source", default=None, help="Name of this supply source (default: the file name).")
@click.option(
    "--dimension",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="CBS OData Beroep dimension (JSON) for an OData observations file.",
)
@click.option("--measure", default="employed", show_default=True, help="Measure a CBS table fills.")
@json_option
def supply_import(file: Path, source: str | None, dimension: Path | None, measure: str, as_json: bool) -> None:
    """Import supply cells from a krapte supply CSV or a CBS table (OData JSON or CSV export)."""
    from krapte.labour.cbs import read_supply_source
    from krapte.services.labour import import_supply

    cells = read_supply_source(file, dimension=dimension, measure=measure)
    report = import_supply(context(), source or file.name, cells)
    if as_json:
        echo_json({"source": source or file.name, "counts": report.counts})
    else:
        click.echo(f"imported {report.counts.get('cells', 0)} supply cell(s) from {file.name}")


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
@click.option("--flagged", is_flag=True, help="Only cells flagged as shortage.")
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

    name, overrides = _factors(factors_name or default_factors(scenario))
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
        rows[:300],
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
