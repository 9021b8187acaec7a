"""Application commands: ``krapte setup``, ``krapte serve``, ``krapte db``."""

from __future__ import annotations

import click

from krapte.cli.common import echo_json, json_option, settings, store


def register(main: click.Group) -> None:
    main.add_command(setup)
    main.add_command(serve)
    main.add_command(db)


@click.command()
@json_option
def setup(as_json: bool) -> None:
    """Migrate the database and load the embedded default data (idempotent)."""
    from krapte.defaults import load_defaults

    s = settings()
    st = store()
    report = load_defaults(st, s, progress=None if as_json else click.echo)
    if as_json:
        echo_json(report)
    else:
        click.echo(f"krapte is set up: database {s.database_url}")


@click.command()
@click.option("--host", default=None, help="Interface to listen on (default KRAPTE_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default KRAPTE_PORT, 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Start the web app and REST API."""
    import uvicorn

    from krapte.api.app import create_app

    s = settings()
    host = host or s.host
    port = port or s.port
    click.echo(f"krapte runs at http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs)")
    uvicorn.run(create_app(s), host=host, port=port, log_level="info")


@click.group()
def db() -> None:
    """Database maintenance."""


@db.command("migrate")
def db_migrate() -> None:
    """Apply pending schema migrations."""
    from krapte.store import open_store

    st = open_store(settings(), migrate=False)
    applied = st.migrate()
    click.echo(f"applied {len(applied)} migration(s)" + (": " + ", ".join(applied) if applied else ""))
