"""Taxonomy use cases: the active ESCO version, search, concept details, importing and activating versions.

Reading is public. Importing and activating a version needs ``taxonomy.write`` (admins); an import that would
make a taxonomy without occupations or skills active is refused unless forced.
"""

from __future__ import annotations

from typing import Any, Literal

from krapte.errors import ValidationError
from krapte.services.context import Context
from krapte.store import taxonomy as repo
from krapte.taxonomy.defaults import active_taxonomy
from krapte.taxonomy.model import Taxonomy

__all__ = ["activate_version", "describe", "import_taxonomy", "list_versions", "search", "taxonomy"]

MAX_QUERY_CHARS = 500


def taxonomy(ctx: Context) -> Taxonomy:
    """The taxonomy of the active stored version (the embedded ESCO default when none is stored); looked up once
    per request (``ctx.request_cache``), not once per service call."""
    return ctx.per_request("taxonomy", lambda: active_taxonomy(ctx.settings, ctx.store))


def search(
    ctx: Context, query: str, *, kind: Literal["occupation", "skill"] | None, top: int = 10, lang: str = "nl"
) -> list[Any]:
    """Concepts matching ``query``, tolerant of case, accents, typos, prefixes and compounds."""
    from krapte.taxonomy.search import search as _search

    if len(query) > MAX_QUERY_CHARS:
        raise ValidationError(f"a search may have at most {MAX_QUERY_CHARS} characters", limit="query_chars")
    if not query.strip():
        return []
    return _search(taxonomy(ctx), query, lang=lang, kind=kind, top=top, settings=ctx.settings)


def describe(ctx: Context, concept_id: str, *, lang: str = "nl") -> Any:
    from krapte.taxonomy.describe import describe as _describe

    return _describe(taxonomy(ctx), concept_id, lang=lang)


def import_taxonomy(ctx: Context, tax: Taxonomy, *, activate: bool = True, force: bool = False) -> dict[str, Any]:
    """Store a parsed ESCO release (atomic, idempotent by content) and, by default, make it active."""
    ctx.require("taxonomy.write")
    if activate and not force and (not tax.occupations or not tax.skills):
        raise ValidationError(
            f"this ESCO import has {len(tax.occupations)} occupations and {len(tax.skills)} skills; "
            "activating it would leave krapte without a usable taxonomy",
            hint="import the complete release, or use --no-activate, or force it",
            limit="taxonomy_not_empty",
        )
    result = repo.save_taxonomy(ctx.store, tax, activate=activate, actor=ctx.actor)
    _forget(ctx)
    return result


def list_versions(ctx: Context) -> list[dict[str, Any]]:
    return repo.list_versions(ctx.store)


def activate_version(ctx: Context, version_id: str) -> None:
    ctx.require("taxonomy.write")
    repo.activate_version(ctx.store, version_id, actor=ctx.actor)
    _forget(ctx)


def _forget(ctx: Context) -> None:
    """After a version changed, this request's later calls read the active taxonomy again."""
    if ctx.request_cache is not None:
        ctx.request_cache.pop("taxonomy", None)
