"""Home and sources pages; each area adds its own pages module with a router included by ``create_app``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from krapte.provenance import datasets
from krapte.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return render(request, "home.html")


@router.get("/bronnen", response_class=HTMLResponse)
def sources(request: Request) -> HTMLResponse:
    return render(request, "sources.html", datasets=datasets())
