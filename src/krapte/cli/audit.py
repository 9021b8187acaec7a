"""``krapte audit verify``, ``krapte privacy export|erase|purge``: the audit log and personal data."""

from __future__ import annotations

import click

from krapte.cli.common import context, echo_json, json_option


def register(main: click.Group) -> None:
    main.add_command(audit)
    main.add_command(privacy)


@click.group()
def audit() -> None:
    """The append-only, hash-chained audit log."""


@audit.command("verify")
@click.option("--anchor", default=None, help="A head hash recorded earlier outside the database (e.g. in a ticket).")
@json_option
def audit_verify(anchor: str | None, as_json: bool) -> None:
    """Check every entry's hash and link; exit 1 and name the entries when the log was tampered with."""
    from krapte.services.people import verify_audit

    result = verify_audit(context(), anchor=anchor)
    if as_json:
        echo_json(result.to_dict())
    else:
        click.echo(f"{result.entries} entries, head {result.head or '-'}: {'intact' if result.ok else 'TAMPERED'}")
        for problem in result.problems:
            click.echo(f"  {problem}")
    if not result.ok:
        raise SystemExit(1)


@click.group()
def privacy() -> None:
    """Personal data: export and erase a person's data, apply the retention periods."""


@privacy.command("export")
@click.argument("account")
def privacy_export(account: str) -> None:
    """Everything stored about an ACCOUNT (id or account name), as JSON (password and token hashes left out)."""
    from krapte.services.accounts import account_id
    from krapte.services.people import export_person

    ctx = context()
    echo_json(export_person(ctx, account_id(ctx, account)))


@privacy.command("erase")
@click.argument("account")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def privacy_erase(account: str, yes: bool) -> None:
    """Erase an ACCOUNT (id or account name) and everything stored about it (audit entries keep only the id)."""
    from krapte.services.accounts import account_id
    from krapte.services.people import delete_person

    ctx = context()
    user_id = account_id(ctx, account)
    if not yes:
        click.confirm(f"Erase all data of {account}? This cannot be undone.", abort=True)
    counts = delete_person(ctx, user_id)
    click.echo(", ".join(f"{table}: {n}" for table, n in sorted(counts.items())) or "nothing stored")


@privacy.command("purge")
@json_option
def privacy_purge(as_json: bool) -> None:
    """Remove records older than their retention period (KRAPTE_RETENTION)."""
    from krapte.services.people import purge_expired

    counts = purge_expired(context())
    echo_json(counts) if as_json else click.echo(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "0")
