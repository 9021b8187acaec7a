"""``krapte skills rank``: the ESCO skills short texts express (JSON lines in, JSON lines out)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from krapte.errors import InputError


def register(main: click.Group) -> None:
    main.add_command(skills)


@click.group()
def skills() -> None:
    """Skills in texts: rank the ESCO skills a sentence or phrase expresses."""


@skills.command("rank")
@click.argument("input_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--lang", type=click.Choice(["auto", "nl", "en"]), default="auto", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Default stdout.")
@click.option("--lexical-only", is_flag=True, help="Do not use the embedding model.")
def rank(input_file: Path, top: int, lang: str, output: Path | None, lexical_only: bool) -> None:
    """Read JSON lines {"id", "text"} (or - for stdin), write {"id", "results": [{"uri", "label", "score"}]}."""
    from krapte.extract.skills import default_extractor, rank_skills

    rows = read_jsonl(input_file)
    ranked = rank_skills(
        [r["text"] for r in rows],
        top=top,
        lang=lang,  # type: ignore[arg-type]
        extractor=default_extractor(use_embeddings=not lexical_only),
    )
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for row, results in zip(rows, ranked, strict=True):
            line = {"id": row["id"], "results": [r.to_dict() for r in results]}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows ``{"id", "text"}`` of a JSON-lines file; errors name the file, line and column."""
    name = str(path)
    try:
        raw = sys.stdin.read() if name == "-" else path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"file {name} does not exist", file=name, hint="give a JSON-lines file") from None
    except UnicodeDecodeError as exc:
        raise InputError("file is not UTF-8", file=name, hint="save the file as UTF-8", value=str(exc)) from None
    rows = []
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON: {exc.msg}", file=name, line=n, column=str(exc.colno)) from None
        if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("text"), str):
            raise InputError(
                'each line must be an object with "id" and a string "text"',
                file=name,
                line=n,
                column="text" if isinstance(row, dict) and "id" in row else "id",
                hint='e.g. {"id": 1, "text": "warmtepompen installeren"}',
            )
        rows.append(row)
    return rows
