"""Cancelling a running planning job interrupts the solver: the job ends ``cancelled`` and its worker is free.

The plans here have a 600 s solver limit and are cancelled once the solver runs. Nothing asserts on time: if the
solver were not interrupted, the single worker would stay busy for ten minutes and ``wait_for`` would give up on the
job queued behind it. Runs on the local pool and on RQ with a real ``krapte worker`` (fixture ``backend``), on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import time

import pytest
from bench.bench_jobs import synthetic_pipeline_csv

from krapte.services import jobs
from krapte.services.planning import FileContent, PlanRequest, start_plan
from krapte.settings import Settings
from krapte.store import Store
from tests.services.test_jobs import ALICE, backend, ctx_of, wait_for  # noqa: F401 - ``backend`` is a fixture

HARD_PLAN = FileContent("pipeline.csv", synthetic_pipeline_csv(400))  # weighted: HiGHS uses all 600 s on it


def wait_until_solving(ctx: object, job_id: str) -> None:
    """Until the job reports that the solver started (progress 0.1, "planning N projects ...")."""
    deadline = time.monotonic() + 120
    while (view := jobs.get(ctx, job_id)).progress < 0.1:  # type: ignore[arg-type]
        assert view.status in ("queued", "running"), (view.status, view.error)
        assert time.monotonic() < deadline, f"the plan did not start solving: {view.message}"
        time.sleep(0.1)


def test_cancelling_a_600_s_plan_stops_the_solver(store: Store, backend: Settings) -> None:  # noqa: F811
    alice = ctx_of(store, backend, ALICE)
    plan = start_plan(alice, PlanRequest(HARD_PLAN, time_limit=600.0, objective="weighted"))
    wait_until_solving(alice, plan.id)
    time.sleep(1.0)  # well inside the solver's run
    jobs.cancel(alice, plan.id)
    ended = wait_for(alice, plan.id, jobs.FINAL_STATUSES, timeout=120)
    assert ended.status == "cancelled" and ended.result is None and ended.error is None
    # the one worker is free again: a job queued now runs (it would wait 600 s behind an uninterrupted solver)
    probe = wait_for(alice, jobs.submit(alice, "jobs.probe", {}).id, jobs.FINAL_STATUSES, timeout=120)
    assert probe.status == "succeeded"
    actions = [e["action"] for e in store.audit_trail("job", plan.id)]
    assert actions[0] == "job.submit" and "job.cancel" in actions and "job.failed" not in actions


def test_should_stop_polls_the_flag_at_most_every_interval_and_survives_a_failed_read() -> None:
    answers = iter([RuntimeError("database locked"), False, True])
    polled: list[int] = []

    def poll() -> bool:
        polled.append(1)
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    progress = jobs.Progress(poll=poll, poll_interval=0.0)
    assert progress.should_stop() is False  # the failed read counts as "go on"
    assert progress.should_stop() is False
    assert progress.should_stop() is True
    assert progress.should_stop() is True and len(polled) == 3  # once stopped, no more reads
    reads: list[int] = []
    quiet = jobs.Progress(poll=lambda: bool(reads.append(1)), poll_interval=3600)
    assert [quiet.should_stop() for _ in range(100)] == [False] * 100
    assert len(reads) == 1  # one read per interval, however often the solver asks
    assert jobs.Progress().should_stop() is False  # no poll (run_inline): never stops


def test_a_cancel_seen_by_progress_also_stops_the_solver() -> None:
    progress = jobs.Progress(lambda _f, _m: True)
    with pytest.raises(jobs.Cancelled):
        progress(0.5, "working")
    assert progress.should_stop() is True
