"""Stored profiles kept in memory for matching, and the profile rows a caller may see (read once per request).

A stored profile is parsed from its JSON once per version: the kept copies are keyed by (database, profile id,
``updated_at``), and ``updated_at`` changes on every write. They are personal data: a deletion or erasure in this
process forgets them at once (:func:`forget_profiles`), and every process drops what it has not used for
:data:`KEEP_SECONDS` (so another worker process of the server does not hold an erased profile for long either; it
never serves one, because only the rows listed for the caller in this request are looked up).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from functools import partial
from typing import Any

from krapte import match as m
from krapte.match.kept import derived
from krapte.services.context import Context
from krapte.store import accounts as accounts_repo
from krapte.store import match as repo

__all__ = ["KEEP_SECONDS", "forget_profiles", "held_vectors", "kept_profiles", "profile_summaries", "visible_rows"]

Key = tuple[str, str, str]

_profiles: dict[Key, m.Profile] = {}
_summaries: dict[Key, tuple[int, list[str]]] = {}
_held: dict[Any, tuple[object, Any]] = {}
_used: dict[Key, float] = {}
_MAX_KEPT = 20_000
KEEP_SECONDS = 600.0
_swept = [0.0]


def visible_rows(ctx: Context) -> list[dict[str, Any]]:
    """Rows ``{id, owner_id, updated_at, data}`` (``data`` still JSON text) of the profiles the caller may see:
    everyone's for an admin, an advisor's clients', else the caller's own. Read once per request and caller
    (the advisor's shortlist page lists them and ranks them); a write of a profile drops the request's copy."""
    p = ctx.principal

    def read() -> list[dict[str, Any]]:
        owners: list[str] | None
        if p.can("users.manage"):
            owners = None
        elif p.can("personal.clients"):
            owners = accounts_repo.client_ids(ctx.store, p.id)
        else:
            owners = [p.id]
        return repo.list_profiles(ctx.store, owners, parse=False)

    rows: list[dict[str, Any]] = ctx.per_request(f"visible_profiles|{p.id}", read)
    return rows


def _key(ctx: Context, row: dict[str, Any]) -> Key:
    return (ctx.settings.database_url, str(row["id"]), str(row["updated_at"]))


def _keep(ctx: Context, row: dict[str, Any]) -> Key:
    """Parse the row's JSON once per profile version (the profile and its summary); returns its key."""
    key = _key(ctx, row)
    now = time.monotonic()
    _sweep(now)
    _used[key] = now
    if key not in _profiles or key not in _summaries:
        if len(_profiles) >= _MAX_KEPT:
            _profiles.clear()
            _summaries.clear()
            _held.clear()
        data = json.loads(row["data"])
        _profiles[key] = m.Profile.from_dict(data)
        occupations = [o["uri"] if isinstance(o, dict) else o for o in data.get("occupations", ())]
        _summaries[key] = (len(data.get("skills", ())), occupations)
    return key


def kept_profiles(ctx: Context, rows: Sequence[dict[str, Any]]) -> list[tuple[Key, m.Profile]]:
    """(key, parsed profile) of each row."""
    return [(key, _profiles[key]) for key in (_keep(ctx, row) for row in rows)]


def profile_summaries(ctx: Context, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """``{id, owner_id, updated_at, skills, occupations}`` of each row (``skills``: how many)."""
    out = []
    for row in rows:
        skills, occupations = _summaries[_keep(ctx, row)]
        out.append({"id": row["id"], "owner_id": row["owner_id"], "updated_at": row["updated_at"],
                    "skills": skills, "occupations": list(occupations)})  # fmt: skip
    return out


def held_vectors(matcher: m.Matcher, profiles: Sequence[tuple[Key, m.Profile]]) -> dict[str, Any]:
    """:meth:`krapte.match.Matcher.held_vector` of each profile, kept per profile version and matcher."""
    return {
        profile.id: derived(_held, key, matcher, partial(matcher.held_vector, profile), limit=_MAX_KEPT)
        for key, profile in profiles
    }


def forget_profiles(ctx: Context, profile_id: str | None = None) -> None:
    """Drop the kept copies of one profile, or of every profile of this database (after a write, a deletion or an
    erasure), and the rows read in this request."""
    if ctx.request_cache is not None:
        for k in [k for k in ctx.request_cache if k.startswith("visible_profiles|")]:
            del ctx.request_cache[k]
    db = ctx.settings.database_url
    for key in [k for k in _used if k[0] == db and (profile_id is None or k[1] == profile_id)]:
        _forget(key)


def _forget(key: Key) -> None:
    _used.pop(key, None)
    _profiles.pop(key, None)
    _summaries.pop(key, None)
    _held.pop(key, None)


def _sweep(now: float) -> None:
    """Forget the profiles not used for :data:`KEEP_SECONDS` (looked at most once a minute)."""
    if now - _swept[0] < 60.0:
        return
    _swept[0] = now
    for key in [k for k, used in _used.items() if now - used > KEEP_SECONDS]:
        _forget(key)
