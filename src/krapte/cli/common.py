"""Helpers shared by the CLI modules: settings, store, JSON output."""

from __future__ import annotations

import json
from typing import Any

import click

from krapte.settings import Settings
from krapte.store import Store, open_store


def settings() -> Settings:
    return Settings.from_env()


def store() -> Store:
    return open_store(settings())


def echo_json(value: Any) -> None:
    """Print a value as JSON (UTF-8, not ASCII-escaped)."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=None, default=str))


json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
lang_option = click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default=None,
    help="Language of labels (default: KRAPTE_LANG, nl).",
)
