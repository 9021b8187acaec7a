"""``krapte skills rank``: the ESCO skills short texts express (JSON lines in, JSON lines out)."""

from __future__ import annotations

from pathlib import Path

import click

from krapte.cli.common import read_jsonl, write_ranked

__all__ = ["read_jsonl", "register"]


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
    write_ranked(rows, [[r.to_dict() for r in results] for results in ranked], output)
