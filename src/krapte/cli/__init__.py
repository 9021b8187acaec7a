"""The ``krapte`` command line: one thin command group per domain module.

Each ``krapte.cli.<area>`` module exposes ``register(main)``, which adds its commands; commands parse options,
call one library function and render the result. An area module is imported only when one of its commands runs
(:data:`COMMANDS` names them; ``krapte --help`` imports all), so ``krapte extract`` does not pay for the database
layer, pandas and the other areas' imports (about a second). Errors of the :class:`krapte.errors.KrapteError`
hierarchy are printed as one clear line (or the JSON error shape with ``--json``) and exit with status 2.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
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
    "jobs",
    "match",
)


# command name -> the area module that registers it (tests/cli/test_lazy_commands.py checks it is complete)
COMMANDS: dict[str, str] = {
    "setup": "app",
    "serve": "app",
    "db": "app",
    "users": "accounts",
    "audit": "audit",
    "privacy": "audit",
    "taxonomy": "taxonomy",
    "extract": "extract",
    "pipeline": "extract",
    "skills": "skills",
    "regions": "labour",
    "factors": "labour",
    "projects": "labour",
    "forecast": "labour",
    "supply": "labour",
    "tension": "labour",
    "measures": "monitor",
    "indicators": "monitor",
    "kpi": "monitor",
    "evaluate": "evaluate",
    "plan": "planning",
    "scenarios": "planning",
    "jobs": "jobs",
    "worker": "jobs",
    "match": "match",
    "pathways": "match",
    "training-plan": "match",
    "fairness-report": "match",
}

_teardown = {"skip": False}


def skip_teardown() -> None:
    """Let this process end without the interpreter's teardown once the command is done.

    A command that loaded the extraction engine holds millions of Python objects and an automaton of almost three
    million nodes; freeing them one by one at exit costs about half a CPU second, after the answer is printed but
    before the shell gets the prompt back. When the command line of this process is the one being run (``main()``
    without ``args``: the ``krapte`` console script), :meth:`KrapteGroup.main` flushes the output and ends the
    process at once (``os._exit``) with the same status. Called with explicit ``args`` (``CliRunner``, a library
    caller) it changes nothing. Only for commands with nothing left to clean up (no database, no threads, no
    temporary files).
    """
    _teardown["skip"] = True


class KrapteGroup(click.Group):
    """Turns krapte errors into a clear message and exit status 2 instead of a traceback, and imports an area's
    commands on first use."""

    _registered: set[str]

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        try:
            return super().main(args, *rest, **extra)
        except SystemExit as exc:
            status = 0 if exc.code is None else exc.code
            if args is None and _teardown["skip"] and isinstance(status, int):
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                except (OSError, ValueError):  # a closed or broken pipe: let Python report it as usual
                    raise exc from None
                os._exit(status)
            raise

    def _register(self, area: str) -> None:
        registered = self.__dict__.setdefault("_registered", set())
        if area not in registered:
            registered.add(area)
            importlib.import_module(f"krapte.cli.{area}").register(self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for area in AREAS:
            self._register(area)
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            area = COMMANDS.get(cmd_name)
            for name in (area,) if area else AREAS:  # an unknown name: load all, for click's suggestions
                self._register(name)
        return super().get_command(ctx, cmd_name)

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
