"""``krapte taxonomy``: search, show, rank occupations for job titles, import ESCO releases, build indexes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from krapte.cli.common import context, echo_json, json_option, lang_option, read_jsonl, settings, write_ranked


def register(main: click.Group) -> None:
    main.add_command(taxonomy)


@click.group()
def taxonomy() -> None:
    """The ESCO skills language: search, show, normalise job titles, import releases."""


def _taxonomy() -> Any:
    from krapte.taxonomy.defaults import active_taxonomy

    return active_taxonomy(settings())


@taxonomy.command()
@click.argument("text", nargs=-1, required=True)
@lang_option
@click.option("--type", "kind", type=click.Choice(["occupation", "skill"]), default=None, help="Only this kind.")
@click.option("--top", type=click.IntRange(1, 200), default=10, show_default=True)
@json_option
def search(text: tuple[str, ...], lang: str | None, kind: str | None, top: int, as_json: bool) -> None:
    """Find occupations and skills by any label, in Dutch or English (typos, prefixes and compounds work)."""
    from krapte.taxonomy.search import search as run_search

    s = settings()
    hits = run_search(_taxonomy(), " ".join(text), lang=lang or s.lang, kind=kind, top=top, settings=s)  # type: ignore[arg-type]
    if as_json:
        echo_json([h.to_dict() for h in hits])
        return
    if not hits:
        click.echo("no matches")
    for h in hits:
        extra = f"  ({h.matched})" if h.matched and h.matched != h.label else ""
        click.echo(f"{h.score:5.2f}  {h.kind:<10}  {h.label}{extra}\n       {h.uri}")


@taxonomy.command()
@click.argument("concept")
@lang_option
@json_option
def show(concept: str, lang: str | None, as_json: bool) -> None:
    """Show an occupation, skill or group by URI or UUID: labels, description, skills, hierarchy, flags."""
    from krapte.taxonomy.describe import describe

    info = describe(_taxonomy(), concept, lang=lang or settings().lang)
    if as_json:
        echo_json(info)
        return
    click.echo(f"{info['label']}  [{info['kind']}]\n{info['uri']}")
    for lg, label in info["labels"].items():
        click.echo(f"  {lg}: {label}")
    for lg, alts in info.get("alt_labels", {}).items():
        if alts:
            click.echo(f"  {lg} (alt): {'; '.join(alts[:12])}{' ...' if len(alts) > 12 else ''}")
    if info.get("description"):
        click.echo(f"\n{info['description']}\n")
    if info.get("isco"):
        click.echo("ISCO-08: " + " > ".join(f"{g['code']} {g['label']}" for g in info["isco"]))
    for key in ("broader", "narrower"):
        if info.get(key):
            click.echo(f"{key}: " + "; ".join(c["label"] for c in info[key][:15]))
    if "flags" in info:
        f = info["flags"]
        for name in ("green", "digital", "technical"):
            click.echo(f"{name:<9}: {'yes' if f[name] else 'no '}  {f['evidence']['reasons'][name]}")
    for key in ("essential_skills", "optional_skills", "essential_for", "optional_for"):
        if info.get(key):
            items = info[key]
            click.echo(f"\n{key.replace('_', ' ')} ({len(items)}):")
            for c in items[:40]:
                marks = "".join(m for m, on in (("G", c.get("green")), ("D", c.get("digital"))) if on)
                click.echo(f"  - {c['label']}{'  [' + marks + ']' if marks else ''}")
            if len(items) > 40:
                click.echo(f"  ... and {len(items) - 40} more")


@taxonomy.command("rank-occupations")
@click.argument("input_file", type=click.Path(dir_okay=False, path_type=Path))
@lang_option
@click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Default stdout.")
@click.option("--lexical-only", is_flag=True, help="Do not use the embedding model.")
def rank_occupations(input_file: Path, lang: str | None, top: int, output: Path | None, lexical_only: bool) -> None:
    """Normalise job titles: read JSON lines {"id", "text"} (or - for stdin), write {"id", "results": [...]}."""
    from krapte.taxonomy.search import rank_occupations as rank

    rows = read_jsonl(input_file)
    s = settings()
    ranked = rank(
        _taxonomy(), [r["text"] for r in rows], lang=lang or s.lang, top=top, use_embedding=not lexical_only, settings=s
    )
    results = [[{"uri": h.uri, "label": h.label, "score": round(h.score, 4)} for h in hits] for hits in ranked]
    write_ranked(rows, results, output)


@taxonomy.command("build-index")
@json_option
def build_index(as_json: bool) -> None:
    """Build the search indexes and label embeddings into the cache (``make index``); quick when up to date."""
    from krapte.taxonomy import embedding
    from krapte.taxonomy.index import build_all
    from krapte.taxonomy.search import lexical_index

    s = settings()
    tax = _taxonomy()
    lex = lexical_index(tax, s)
    report: dict[str, Any] = {"lexical_entries": len(lex.entries), "embedding": embedding.available()}
    report.update(build_all(tax, s, progress=None if as_json else click.echo))
    if as_json:
        echo_json(report)
    else:
        click.echo(f"indexes ready in {s.cache_dir}: " + ", ".join(f"{k}={v}" for k, v in report.items()))


@taxonomy.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--version", "version", default=None, help="ESCO version (default: read from the files or the name).")
@click.option("--activate/--no-activate", default=True, show_default=True, help="Make this version the active one.")
@click.option("--force", is_flag=True, help="Activate even a release without occupations or skills.")
@json_option
def import_(paths: tuple[Path, ...], version: str | None, activate: bool, force: bool, as_json: bool) -> None:
    """Import an official ESCO CSV release (zips or folders, any languages) into the store."""
    from krapte.services.taxonomy import import_taxonomy
    from krapte.taxonomy.esco_csv import read_esco

    tax, report = read_esco(list(paths), version=version, progress=None if as_json else click.echo, force=force)
    result = import_taxonomy(context(), tax, activate=activate, force=force)
    body = {**result, "counts": report.counts, "problems": [str(p) for p in report.problems]}
    if as_json:
        echo_json(body)
        return
    click.echo(
        f"ESCO {tax.version}: {len(tax.occupations)} occupations, {len(tax.skills)} skills "
        f"({'new' if result['created'] else 'unchanged'}{', active' if result['active'] else ''})"
    )
    for k, v in sorted(report.counts.items()):
        click.echo(f"  {k}: {v}")
    for p in report.problems[:20]:
        click.echo(f"  warning: {p}")
    if len(report.problems) > 20:
        click.echo(f"  ... {len(report.problems) - 20} more warnings")


@taxonomy.command("versions")
@json_option
def versions(as_json: bool) -> None:
    """List the ESCO versions in the store and which one is active."""
    from krapte.services.taxonomy import list_versions

    rows = list_versions(context())
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        click.echo(
            f"{'*' if r['active'] else ' '} {r['id']}  ESCO {r['version']}  "
            f"{r['occupations']} occupations  {r['skills']} skills"
        )


@taxonomy.command("activate")
@click.argument("version_id")
def activate(version_id: str) -> None:
    """Make an imported ESCO version the one the app uses."""
    from krapte.services.taxonomy import activate_version

    activate_version(context(), version_id)
    click.echo(f"active ESCO version: {version_id}")
