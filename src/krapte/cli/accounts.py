"""Account commands: ``krapte users …`` (admins on the server) and ``krapte tokens …``."""

from __future__ import annotations

import sys

import click

from krapte.cli.common import context, echo_json, echo_table, json_option
from krapte.errors import ValidationError
from krapte.services import Role


def register(main: click.Group) -> None:
    main.add_command(users)


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        line = sys.stdin.readline().rstrip("\n")
        if not line:
            raise ValidationError("no password on standard input")
        return line
    value: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


def create_account(username: str, role: str, display_name: str | None, *, password_stdin: bool = False) -> None:
    from krapte.services.accounts import create_user

    account = create_user(
        context(), username, role=Role(role), password=_read_password(password_stdin), display_name=display_name
    )
    click.echo(f"created {account.role} account {account.username} ({account.id})")


@click.group()
def users() -> None:
    """Accounts: create the first admin, list, disable, link advisors to clients."""


@users.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", "display_name", default=None, help="Display name (default: the account name).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def users_create(username: str, role: str, display_name: str | None, password_stdin: bool) -> None:
    """Create an account; asks for the password (there is no default password)."""
    create_account(username, role, display_name, password_stdin=password_stdin)


@users.command("list")
@json_option
def users_list(as_json: bool) -> None:
    """Every account with its role and how it signs in."""
    from krapte.services.accounts import list_users

    rows = [
        {"id": a.id, "username": a.username, "role": a.role.value, "disabled": a.disabled, "signs_in": a.signs_in_with}
        for a in list_users(context())
    ]
    echo_json(rows) if as_json else echo_table(rows, ["username", "role", "disabled", "signs_in", "id"])


@users.command("disable")
@click.argument("user_id")
@click.option("--enable", is_flag=True, help="Enable the account again.")
def users_disable(user_id: str, enable: bool) -> None:
    """Disable an account (its sessions end at once), or enable it again."""
    from krapte.services.accounts import set_disabled

    account = set_disabled(context(), user_id, not enable)
    click.echo(f"{account.username}: {'disabled' if account.disabled else 'enabled'}")


@users.command("add-client")
@click.argument("advisor_id")
@click.argument("client_id")
def users_add_client(advisor_id: str, client_id: str) -> None:
    """Make a job seeker a client of an advisor (the advisor then sees that client's data)."""
    from krapte.services.accounts import add_client

    add_client(context(), advisor_id, client_id)
    click.echo(f"{client_id} is now a client of {advisor_id}")
