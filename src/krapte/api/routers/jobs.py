"""``/api/v1/jobs``: the status, progress and result of background jobs; cancel with DELETE.

Routes that start work (``POST /api/v1/plan``, ``POST /api/v1/scenarios/compare``, ...) answer ``202 Accepted``
with a :class:`JobOut` body and ``Location: /api/v1/jobs/{id}``; poll that URL until ``status`` is final.
Only the job's owner (and administrators) can see a job; anyone else gets 404.

The router's lifespan recovers jobs at server start (queued ones queued again, interrupted ones marked failed),
checks every minute for running jobs whose worker has gone, and stops the local worker pool at shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from krapte.api.deps import get_context
from krapte.services import Context
from krapte.services import jobs as jobs_service
from krapte.services.jobs import JobView

__all__ = ["ERRORS", "ErrorBody", "ErrorShape", "JobOut", "accepted", "job_out", "router"]

log = logging.getLogger(__name__)
REAP_EVERY_SECONDS = 60.0


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    ctx = jobs_service.server_context(app.state.store, app.state.settings)
    try:
        counts = await run_in_threadpool(jobs_service.recover, ctx)
        if counts["requeued"] or counts["failed"]:
            log.warning("jobs after restart: %s", counts)
    except Exception:  # a broken queue must not keep the web app from starting; submit reports it per job
        log.exception("could not recover background jobs")

    async def reap_forever() -> None:
        while True:
            await asyncio.sleep(REAP_EVERY_SECONDS)
            try:
                await run_in_threadpool(jobs_service.reap, ctx)
            except Exception:
                log.exception("checking running jobs failed")

    reaper = asyncio.create_task(reap_forever())
    try:
        yield
    finally:
        reaper.cancel()
        from krapte.services.jobs_backends import shutdown_all

        await run_in_threadpool(shutdown_all)


router = APIRouter(prefix="/api/v1", tags=["jobs"], lifespan=_lifespan)


class ErrorBody(BaseModel):
    code: str
    message: str
    hint: str | None = None
    details: dict[str, Any] | None = None


class ErrorShape(BaseModel):
    """The JSON error shape of every failure: ``{"error": {...}}``."""

    error: ErrorBody


class JobOut(BaseModel):
    """A background job: poll ``url`` until ``status`` is succeeded, failed or cancelled."""

    id: str
    kind: str = Field(description="What the job does, e.g. labour.plan")
    title: str
    status: Literal["queued", "running", "succeeded", "failed", "cancelled"]
    progress: float = Field(ge=0.0, le=1.0, description="How far the job is, 0 to 1")
    message: str = Field(description="What the job is doing now, or why it ended")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result: dict[str, Any] | None = Field(description="The result, once status is succeeded")
    error: ErrorShape | None = Field(description="Why the job failed, in the JSON error shape")
    owner_id: str
    url: str = Field(description="Where to poll this job")


#: The error answers of job routes, documented with the error shape.
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorShape, "description": "Not signed in"},
    403: {"model": ErrorShape, "description": "The role or token scope does not allow this"},
    404: {"model": ErrorShape, "description": "No such job of yours"},
}


def job_out(view: JobView) -> JobOut:
    return JobOut(
        id=view.id,
        kind=view.kind,
        title=view.title,
        status=view.status,
        progress=view.progress,
        message=view.message,
        created_at=view.created_at,
        started_at=view.started_at,
        finished_at=view.finished_at,
        result=view.result,
        error=ErrorShape.model_validate(view.error) if view.error else None,
        owner_id=view.owner_id,
        url=f"/api/v1/jobs/{view.id}",
    )


def accepted(view: JobView, response: Response) -> JobOut:
    """The 202 answer of a route that started a job: its URL in ``Location``, the job in the body."""
    out = job_out(view)
    response.status_code = 202
    response.headers["Location"] = out.url
    return out


@router.get("/jobs", operation_id="list_jobs", responses=ERRORS, response_model=list[JobOut])
def list_jobs(
    limit: int = Query(50, ge=1, le=jobs_service.MAX_LIST), ctx: Context = Depends(get_context)
) -> list[JobOut]:
    """Your jobs, newest first."""
    return [job_out(v) for v in jobs_service.list_jobs(ctx, limit=limit)]


@router.get("/jobs/{job_id}", operation_id="get_job", responses=ERRORS, response_model=JobOut)
def get_job(job_id: str, ctx: Context = Depends(get_context)) -> JobOut:
    """One job with its progress and, when done, its result or error."""
    return job_out(jobs_service.get(ctx, job_id))


@router.delete("/jobs/{job_id}", operation_id="cancel_job", responses=ERRORS, response_model=JobOut)
def cancel_job(job_id: str, ctx: Context = Depends(get_context)) -> JobOut:
    """Cancel a job: a queued one at once, a running one as soon as it can stop. A finished job is unchanged."""
    return job_out(jobs_service.cancel(ctx, job_id))
