"""Helpers shared by the CLI modules: settings, the service context, JSON output.

Whoever runs ``krapte`` on the server holds the database, so commands act as admin under the operating-system
user's name (``cli:<user>`` in the audit log).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from krapte.errors import InputError
from krapte.settings import Settings

if TYPE_CHECKING:  # the services (and the database layer) are imported by the commands that use them
    from krapte.services import Context


def settings() -> Settings:
    return Settings.from_env()


_contexts: dict[str, Context] = {}


def context() -> Context:
    """The command's service context: the store named by the settings, opened and migrated once per process."""
    from krapte.services.system import open_context

    s = settings()
    if s.database_url not in _contexts:
        _contexts[s.database_url] = open_context(s)
    return _contexts[s.database_url]


def echo_json(value: Any) -> None:
    """Print a value as JSON (UTF-8, not ASCII-escaped)."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=None, default=str))


def echo_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    """Print rows as aligned plain-text columns (``(nothing)`` for no rows)."""
    if not rows:
        click.echo("(nothing)")
        return
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns))
    for r in rows:
        click.echo("  ".join(str(r.get(c, "")).ljust(widths[c]) for c in columns))


json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
lang_option = click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default=None,
    help="Language of labels (default: KRAPTE_LANG, nl).",
)


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
                hint='e.g. {"id": 1, "text": "monteur zonnepanelen"}',
            )
        rows.append(row)
    return rows


def write_ranked(
    rows: Sequence[dict[str, Any]], results: Sequence[Sequence[dict[str, Any]]], output: Path | None
) -> None:
    """Write one line ``{"id", "results": [...]}`` per input row, to ``output`` or stdout."""
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for row, hits in zip(rows, results, strict=True):
            out.write(json.dumps({"id": row["id"], "results": list(hits)}, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
