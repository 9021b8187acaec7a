"""Background jobs from the command line: ``krapte jobs list|show|cancel|probe|recover|purge``, ``krapte worker``.

Whoever runs ``krapte`` on the server holds the database and acts as admin (see
:meth:`krapte.services.Principal.command_line`), so ``jobs list`` shows everyone's jobs unless ``--mine``.
``krapte worker`` serves the RQ queue when ``KRAPTE_REDIS_URL`` is set; run as many as the machine has cores.
"""

from __future__ import annotations

import time
from typing import Any

import click

from krapte.cli.common import context, echo_json, echo_table, json_option, settings
from krapte.services import jobs as service

__all__ = ["register"]


def register(main: click.Group) -> None:
    main.add_command(jobs)
    main.add_command(worker)


def _row(view: service.JobView) -> dict[str, Any]:
    return {
        "id": view.id,
        "kind": view.kind,
        "status": view.status,
        "progress": f"{view.progress:.0%}",
        "created": view.created_at.strftime("%Y-%m-%d %H:%M:%S"),
        "owner": view.owner_id,
        "message": view.message[:60],
    }


def _body(view: service.JobView) -> dict[str, Any]:
    return {**view.__dict__, "url": f"/api/v1/jobs/{view.id}"}


@click.group()
def jobs() -> None:
    """Background jobs: planning, scenario comparisons and other long work started from the API or web."""


@jobs.command("list")
@click.option("--mine", is_flag=True, help="Only jobs started by this command-line user.")
@click.option("--limit", type=click.IntRange(1, service.MAX_LIST), default=50, show_default=True)
@json_option
def jobs_list(mine: bool, limit: int, as_json: bool) -> None:
    """The newest jobs first, with status and progress."""
    views = service.list_jobs(context(), limit=limit, everyone=not mine)
    if as_json:
        echo_json([_body(v) for v in views])
        return
    echo_table([_row(v) for v in views], ["id", "kind", "status", "progress", "created", "owner", "message"])


@jobs.command("show")
@click.argument("job_id")
@json_option
def jobs_show(job_id: str, as_json: bool) -> None:
    """One job with its result or error."""
    view = service.get(context(), job_id)
    if as_json:
        echo_json(_body(view))
        return
    for key, value in _row(view).items():
        click.echo(f"{key:>9}: {value}")
    if view.error:
        err = view.error["error"]
        click.echo(f"    error: {err['message']}" + (f" ({err['hint']})" if err.get("hint") else ""))
    if view.result is not None:
        click.echo(f"   result: {len(view.result)} field(s); --json prints it")


@jobs.command("cancel")
@click.argument("job_id")
@json_option
def jobs_cancel(job_id: str, as_json: bool) -> None:
    """Cancel a job: a queued one at once, a running one as soon as it can stop."""
    view = service.cancel(context(), job_id)
    if as_json:
        echo_json(_body(view))
    else:
        click.echo(f"{view.id}: {view.status} ({view.message})")


@jobs.command("probe")
@click.option("--seconds", type=click.FloatRange(0, 60), default=1.0, show_default=True)
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds to wait for the result.")
@json_option
def jobs_probe(seconds: float, timeout: float, as_json: bool) -> None:
    """Start a small job on the configured backend and wait for it: do the workers run?"""
    ctx = context()
    view = service.submit(ctx, "jobs.probe", {"seconds": seconds, "steps": 4})
    deadline = time.monotonic() + timeout
    try:
        while view.status not in service.FINAL_STATUSES and time.monotonic() < deadline:
            time.sleep(0.2)
            view = service.get(ctx, view.id)
    finally:
        from krapte.services.jobs_backends import shutdown_all

        shutdown_all()  # a local pool started by this command ends with it
    if as_json:
        echo_json(_body(view))
    elif view.status == "succeeded" and view.result:
        click.echo(f"job {view.id} ran on {view.result['worker']} in {view.result['seconds']} s")
    else:
        click.echo(f"job {view.id} is {view.status} after {timeout:g} s: {view.message}")
    if view.status != "succeeded":
        raise SystemExit(1)


@jobs.command("recover")
@json_option
def jobs_recover(as_json: bool) -> None:
    """Queue waiting jobs again and mark jobs whose worker is gone as failed (the server does this at start)."""
    counts = service.recover(context())
    if as_json:
        echo_json(counts)
    else:
        click.echo(f"queued again: {counts['requeued']}, failed: {counts['failed']}, running: {counts['running']}")


@jobs.command("purge")
@click.option("--days", type=click.IntRange(1, 3650), required=True, help="Keep jobs that ended within this many days.")
def jobs_purge(days: int) -> None:
    """Delete finished jobs (their uploaded files and results too) that ended more than DAYS days ago."""
    click.echo(f"deleted {service.purge(context(), days=days)} finished job(s)")


@click.command()
@click.option("--queue", default=None, help="RQ queue to serve (default KRAPTE_JOB_QUEUE, krapte).")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option("--name", default=None, help="Worker name (default krapte-<host>-<pid>).")
def worker(queue: str | None, burst: bool, name: str | None) -> None:
    """Run jobs from the Redis queue (needs KRAPTE_REDIS_URL); start one per core next to `krapte serve`."""
    from krapte.services.jobs_backends import queue_name
    from krapte.services.jobs_backends.rq import run_worker

    s = settings()
    chosen = queue or queue_name()
    click.echo(f"krapte worker serves queue {chosen!r} on {s.redis_url or '(no KRAPTE_REDIS_URL)'}", err=True)
    run_worker(s, chosen, burst=burst, name=name)
