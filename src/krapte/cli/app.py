"""Application commands: ``krapte setup``, ``krapte serve``, ``krapte db``."""

from __future__ import annotations

import sys
import threading

import click

from krapte.cli.common import context, echo_json, json_option, settings

FIRST_ADMIN_HINT = (
    "No admin account exists yet. Create the first one with:\n"
    "  krapte users create --role admin <name>      (asks for the password)\n"
    "krapte has no default password."
)


def register(main: click.Group) -> None:
    main.add_command(setup)
    main.add_command(serve)
    main.add_command(db)


@click.command()
@click.option("--no-input", is_flag=True, help="Never ask questions (also the default when not on a terminal).")
@json_option
def setup(no_input: bool, as_json: bool) -> None:
    """Migrate the database and load the embedded default data (idempotent); offer to create the first admin."""
    from krapte.services.accounts import has_admin
    from krapte.services.system import load_defaults

    ctx = context()
    report = load_defaults(ctx, progress=None if as_json else click.echo)
    if as_json:
        echo_json(report)
        return
    click.echo(f"krapte is set up: database {ctx.settings.database_url}")
    if has_admin(ctx):
        return
    if no_input or not sys.stdin.isatty():
        click.echo(FIRST_ADMIN_HINT)
        return
    if click.confirm("No admin account exists yet. Create one now?", default=True):
        from krapte.cli.accounts import create_account

        name = click.prompt("Account name (e.g. your e-mail address)")
        create_account(name, "admin", None)


@click.command()
@click.option("--host", default=None, help="Interface to listen on (default KRAPTE_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default KRAPTE_PORT, 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Start the web app and REST API."""
    import uvicorn

    from krapte.api.app import create_app
    from krapte.services.accounts import has_admin

    s = settings()
    host = host or s.host
    port = port or s.port
    if not has_admin(context()):
        click.secho(FIRST_ADMIN_HINT, fg="yellow")
    click.echo(f"krapte runs at http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs)")
    threading.Thread(target=_warm_up, name="krapte-warm-up", daemon=True).start()
    uvicorn.run(create_app(s), host=host, port=port, log_level="info")


def _warm_up() -> None:
    """Load the extraction engines while the server starts (:func:`krapte.services.extract.warm_up`)."""
    import logging

    from krapte.services.extract import warm_up

    try:
        warm_up()
    except Exception:  # no encoder, no index: the first request loads (or reports) it as before
        logging.getLogger(__name__).warning("warming up the extraction engine failed", exc_info=True)


@click.group()
def db() -> None:
    """Database maintenance."""


@db.command("migrate")
def db_migrate() -> None:
    """Apply pending schema migrations."""
    from krapte.services.system import migrate, open_context

    applied = migrate(open_context(settings(), migrate=False))
    click.echo(f"applied {len(applied)} migration(s)" + (": " + ", ".join(applied) if applied else ""))
