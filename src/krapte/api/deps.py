"""FastAPI dependencies shared by the routers."""

from __future__ import annotations

from fastapi import Request

from krapte.settings import Language, Settings, check_language
from krapte.store import Store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_lang(request: Request) -> Language:
    """The request's language: ``?lang=``, then the ``krapte_lang`` cookie, then the default (nl)."""
    raw = request.query_params.get("lang") or request.cookies.get("krapte_lang")
    if raw:
        return check_language(raw)
    return get_settings(request).lang
