"""The ``krapte`` command line: one thin command group per domain module.

Each ``krapte.cli.<area>`` module exposes ``register(main)``, which adds its commands; commands parse options,
call one library function and render the result. Errors of the :class:`krapte.errors.KrapteError` hierarchy are
printed as one clear line (or the JSON error shape with ``--json``) and exit with status 2.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from krapte import __version__
from krapte.errors import KrapteError

AREAS = (
    "app",
    "accounts",
    "audit",
    "taxonomy",
    "extract",
    "skills",
    "labour",
    "monitor",
    "evaluate",
    "planning",
    "match",
)


class KrapteGroup(click.Group):
    """Turns krapte errors into a clear message and exit status 2 instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        wants_json = "--json" in ctx.args  # the sub-command's own arguments, before they are parsed
        try:
            return super().invoke(ctx)
        except KrapteError as exc:
            if wants_json:
                import json

                click.echo(json.dumps(exc.to_dict(), ensure_ascii=False), err=True)
            else:
                click.secho(f"error: {exc}", fg="red", err=True)
            ctx.exit(2)


@click.group(cls=KrapteGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="krapte")
def main() -> None:
    """krapte: skills, labour demand and monitoring for the Actieplan Groene en Digitale Banen.

    This service uses the ESCO classification of the European Commission (ESCO © European Union).
    """


for _area in AREAS:
    importlib.import_module(f"krapte.cli.{_area}").register(main)
