"""``krapte extract FILE...`` and ``krapte pipeline extract``: skills and requirements from documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from krapte.cli.common import echo_json, json_option, settings


def register(main: click.Group) -> None:
    main.add_command(extract)
    main.add_command(pipeline)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["auto", "nl", "en"]), default="auto", show_default=True,
              help="Language of the documents.")  # fmt: skip
@click.option("--top", type=int, default=25, show_default=True, help="Skills shown per document (text output).")
@click.option("--lexical-only", is_flag=True, help="Skip the embedding stage (faster, fewer cross-lingual links).")
@json_option
def extract(files: tuple[Path, ...], lang: str, top: int, lexical_only: bool, as_json: bool) -> None:
    """Extract ESCO skills and requirements from CVs or vacancies (text, Markdown, HTML, PDF, DOCX, JobPosting JSON).

    One bad file does not stop the others: it is reported with the reason, and the exit status is 2.
    """
    from krapte.cli import skip_teardown
    from krapte.errors import KrapteError
    from krapte.extract import extract_document
    from krapte.extract.skills import default_extractor

    limit = settings().max_upload_bytes
    engine = default_extractor(use_embeddings=not lexical_only)
    results: list[dict[str, Any]] = []
    failed = 0
    for path in files:
        try:
            result = extract_document(path, lang=lang, max_bytes=limit, extractor=engine).to_dict()
        except KrapteError as exc:
            failed += 1
            if as_json:
                results.append({"file": str(path), **exc.to_dict()})
            else:
                click.secho(f"{path}: {exc}", fg="red", err=True)
            continue
        if as_json:
            results.append({"file": str(path), **result})
        else:
            _render(path, result, top)
    if as_json:
        echo_json(results if len(files) > 1 else results[0])
    skip_teardown()  # the engine holds millions of objects: do not free them one by one after the answer
    if failed:
        raise SystemExit(2)


def _render(path: Path, result: dict[str, Any], top: int) -> None:
    document = result["document"]
    click.secho(f"{path}  ({document['format']}, {result['language']}, {len(result['text'])} characters)", bold=True)
    for warning in document["warnings"]:
        click.echo(f"  ! {warning}")
    skills = result["skills"]
    click.echo(f"  skills ({len(skills)}; green {result['flags']['green']}, digital {result['flags']['digital']}):")
    for skill in skills[:top]:
        label = skill["label_nl"] or skill["label_en"]
        evidence = "; ".join(dict.fromkeys(e["text"] for e in skill["evidence"]))[:70]
        flags = ("G" if skill["is_green"] else " ") + ("D" if skill["is_digital"] else " ")
        click.echo(f"    {skill['confidence']:.2f} {flags} {label}  «{evidence}»")
    if len(skills) > top:
        click.echo(f"    ... {len(skills) - top} more (--top, or --json for all)")
    if result["occupations"]:
        names = ", ".join(o["label"] for o in result["occupations"][:5])
        click.echo(f"  occupations: {names}")
    _render_requirements(result["requirements"])


def _render_requirements(req: dict[str, Any]) -> None:
    parts: list[str] = []
    if req["certificates"]:
        parts.append(
            "certificates "
            + ", ".join(
                c["id"].upper() + (f" {c['variant']}" if c["variant"] else "") + ("" if c["required"] else " (pré)")
                for c in req["certificates"]
            )
        )
    if req["driving_licences"]:
        parts.append("rijbewijs " + "/".join(d["category"] for d in req["driving_licences"]))
    if req["education"]:
        e = req["education"]
        level = f"mbo {e['mbo_level']}" if e["mbo_level"] else e["level"]
        parts.append(f"education {level} (NLQF {e['nlqf']})")
    if req["hours"]:
        h = req["hours"]
        span = f"{h['min'] or '?'}-{h['max'] or '?'} h" if (h["min"] or h["max"]) else ""
        kind = ", ".join(k for k, on in (("part-time", h["part_time"]), ("full-time", h["full_time"])) if on)
        parts.append(f"hours {span} {kind}".strip())
    if req["language_levels"]:
        parts.append(
            "languages "
            + ", ".join(x["language"] + (f" {x['level']}" if x["level"] else "") for x in req["language_levels"])
        )
    click.echo("  requirements: " + ("; ".join(parts) if parts else "none found"))


@click.group()
def pipeline() -> None:
    """Batch jobs over many documents on Dask distributed."""


@pipeline.command("extract")
@click.option(
    "--input",
    "inputs",
    required=True,
    multiple=True,
    help="JSONL, CSV or Parquet file, directory or glob (columns id, text[, title]); repeatable.",
)
@click.option("--output", required=True, type=click.Path(path_type=Path), help="Output directory (Parquet tables).")
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); default: a local cluster.")
@click.option("--workers", type=int, default=2, show_default=True, help="Workers of the local cluster.")
@click.option("--lang", type=click.Choice(["auto", "nl", "en"]), default="auto", show_default=True)
@click.option("--partition-rows", type=int, default=1000, show_default=True, help="Rows per partition (task).")
@click.option("--lexical-only", is_flag=True, help="Skip the embedding stage (much faster at scale).")
@click.option("--occupations", is_flag=True, help="Also rank occupations (skills + title) into occupations/.")
@json_option
def pipeline_extract(
    inputs: tuple[str, ...],
    output: Path,
    scheduler: str | None,
    workers: int,
    lang: str,
    partition_rows: int,
    lexical_only: bool,
    occupations: bool,
    as_json: bool,
) -> None:
    """Extract skills and requirements from every vacancy in INPUT into Parquet under OUTPUT (resumable)."""
    from krapte.errors import ValidationError
    from krapte.pipeline import JobOptions, run_extract_pipeline
    from krapte.pipeline.extract_job import PartitionStats

    if workers < 1 or partition_rows < 1:
        raise ValidationError("--workers and --partition-rows must be at least 1", hint="e.g. --workers 2")

    def progress(stats: PartitionStats, done: int, total: int) -> None:
        if as_json:
            return
        what = "skipped (already done)" if stats.skipped else f"{stats.seconds:.1f} s"
        click.echo(
            f"[{done}/{total}] {stats.partition}: {stats.documents} documents, {stats.skills} skills, "
            f"{stats.quarantined} quarantined, {what}",
            err=True,
        )

    options = JobOptions(
        lang=lang, embeddings=not lexical_only, max_text_bytes=settings().max_upload_bytes, occupations=occupations
    )
    report = run_extract_pipeline(
        list(inputs),
        output,
        scheduler=scheduler,
        workers=workers,
        partition_rows=partition_rows,
        options=options,
        progress=progress,
    )
    if as_json:
        echo_json(report.to_dict())
        return
    click.echo(
        f"done: {report.documents} documents, {report.skills} document-skill rows, {report.quarantined} quarantined "
        f"({report.partitions} partitions, {report.skipped} skipped) in {report.seconds:.1f} s -> {report.output}"
    )
    if report.quarantined:
        click.echo(f"quarantined rows and reasons: {Path(report.output) / 'quarantine.jsonl'}")
