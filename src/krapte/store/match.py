"""Persistence of matching: vacancies, courses, job seekers' profiles and advisors' overrides.

Only plain rows: every record's content is the JSON the services produce from :mod:`krapte.match` objects (the
store never imports the engine). Vacancies and courses are public data, imported in one transaction each (upsert by
id). Profiles and overrides are personal data, registered for export, erasure and retention. Group labels for
fairness audits are never stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from krapte.errors import ImportReport, NotFoundError
from krapte.store.database import AuditActor, Store
from krapte.store.personal import register_personal_data
from krapte.store.tables import metadata

__all__ = [
    "TABLES",
    "add_override",
    "catalogue_version",
    "delete_profile",
    "get_course",
    "get_profile",
    "get_vacancy",
    "has_source",
    "list_courses",
    "list_overrides",
    "list_profiles",
    "list_vacancies",
    "save_courses",
    "save_profile",
    "save_vacancies",
]

vacancies = sa.Table(
    "match_vacancies",
    metadata,
    sa.Column("id", sa.String(300), primary_key=True),
    sa.Column("title", sa.String(500), nullable=False),
    sa.Column("gemeente", sa.String(10), nullable=False, default="", index=True),
    sa.Column("demo", sa.Boolean, nullable=False, default=False),
    sa.Column("source", sa.String(300), nullable=False),
    sa.Column("data", sa.Text, nullable=False),  # JSON of the vacancy
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("imported_by", sa.String(200), nullable=False),
)

courses = sa.Table(
    "match_courses",
    metadata,
    sa.Column("id", sa.String(300), primary_key=True),
    sa.Column("name", sa.String(500), nullable=False),
    sa.Column("demo", sa.Boolean, nullable=False, default=False),
    sa.Column("source", sa.String(300), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("imported_by", sa.String(200), nullable=False),
)

profiles = sa.Table(
    "match_profiles",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("owner_id", sa.String(200), nullable=False, index=True),
    sa.Column("data", sa.Text, nullable=False),  # JSON of the profile: never a protected characteristic
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(200), nullable=False),
)

overrides = sa.Table(
    "match_overrides",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("subject", sa.String(300), nullable=False, index=True),  # a profile id or a vacancy id
    sa.Column("item", sa.String(500), nullable=False),  # a vacancy id, occupation URI or profile id
    sa.Column("action", sa.String(10), nullable=False),  # hide | pin
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("owner_id", sa.String(200), nullable=False, index=True),  # the job seeker the override concerns
    sa.Column("advisor_id", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

TABLES = [vacancies, courses, profiles, overrides]

register_personal_data(
    profiles,
    owner_column="owner_id",
    kind="match_profile",
    time_column="updated_at",
    description="a job seeker's matching profile: skills, past occupations, education, home, hours, status",
)
register_personal_data(
    overrides,
    owner_column="owner_id",
    kind="match_override",
    time_column="created_at",
    description="an advisor's hide/pin decision on a job seeker's results, with the reason",
)
register_personal_data(
    overrides,
    owner_column="advisor_id",
    kind="advisor_attribution",
    time_column="created_at",
    on_erase="pseudonymise",
    description="the advisor who hid or pinned a result",
)


def _now() -> datetime:
    return datetime.now(UTC)


def _upsert(
    store: Store, table: sa.Table, rows: list[dict[str, Any]], *, source: str, actor: str | AuditActor, kind: str
) -> ImportReport:
    report = ImportReport()
    now = _now()
    with store.transaction() as conn:
        ids = [r["id"] for r in rows]
        existing: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            existing |= set(conn.execute(sa.select(table.c.id).where(table.c.id.in_(chunk))).scalars())
        if existing:
            for i in range(0, len(ids), 500):
                conn.execute(table.delete().where(table.c.id.in_(ids[i : i + 500])))
        if rows:
            conn.execute(
                table.insert(),
                [{**r, "source": source[:300], "imported_at": now, "imported_by": str(actor)[:200]} for r in rows],
            )
        report.add("new", len(set(ids) - existing))
        report.add("replaced", len(existing))
        store.audit(conn, actor=actor, action="import", object_type=kind, object_id=source[:300], detail=report.counts)
    return report


def save_vacancies(
    store: Store, records: Iterable[Mapping[str, Any]], *, source: str, actor: str | AuditActor = "cli"
) -> ImportReport:
    """Insert or replace vacancies (plain dicts with ``id``, ``title`` and ``location.gemeente``) atomically."""
    rows = {
        str(r["id"]): {
            "id": str(r["id"])[:300],
            "title": str(r.get("title", ""))[:500],
            "gemeente": str((r.get("location") or {}).get("gemeente") or "")[:10],
            "demo": bool(r.get("demo", False)),
            "data": json.dumps(r, ensure_ascii=False),
        }
        for r in records
    }
    return _upsert(store, vacancies, list(rows.values()), source=source, actor=actor, kind="match_vacancies")


def save_courses(
    store: Store, records: Iterable[Mapping[str, Any]], *, source: str, actor: str | AuditActor = "cli"
) -> ImportReport:
    rows = {
        str(r["id"]): {
            "id": str(r["id"])[:300],
            "name": str(r.get("name", ""))[:500],
            "demo": bool(r.get("demo", False)),
            "data": json.dumps(r, ensure_ascii=False),
        }
        for r in records
    }
    return _upsert(store, courses, list(rows.values()), source=source, actor=actor, kind="match_courses")


def has_source(store: Store, source: str) -> bool:
    """Whether vacancies or courses of this import source are stored (setup loaders use it to stay idempotent)."""
    with store.connect() as conn:
        return any(
            conn.execute(sa.select(t.c.id).where(t.c.source == source).limit(1)).first() is not None
            for t in (vacancies, courses)
        )


def catalogue_version(store: Store) -> tuple[int, str, int, str]:
    """(number, last import time) of vacancies and of courses: changes whenever either catalogue changes."""
    with store.connect() as conn:
        out: list[Any] = []
        for table in (vacancies, courses):
            row = conn.execute(sa.select(sa.func.count(), sa.func.max(table.c.imported_at))).one()
            out.extend([int(row[0]), str(row[1])])
    return out[0], out[1], out[2], out[3]


def list_vacancies(
    store: Store, *, gemeenten: Iterable[str] | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    query = sa.select(vacancies.c.data).order_by(vacancies.c.id)
    if gemeenten is not None:
        query = query.where(vacancies.c.gemeente.in_(list(gemeenten)))
    if limit is not None:
        query = query.limit(limit)
    with store.connect() as conn:
        texts: list[str] = list(conn.execute(query).scalars())
    return [json.loads(d) for d in texts]


def get_vacancy(store: Store, vacancy_id: str) -> dict[str, Any]:
    with store.connect() as conn:
        data = conn.execute(sa.select(vacancies.c.data).where(vacancies.c.id == vacancy_id)).scalar()
    if data is None:
        raise NotFoundError(f"no vacancy {vacancy_id!r}", hint="see krapte match list-vacancies")
    out: dict[str, Any] = json.loads(data)
    return out


def list_courses(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    query = sa.select(courses.c.data).order_by(courses.c.id)
    if limit is not None:
        query = query.limit(limit)
    with store.connect() as conn:
        texts: list[str] = list(conn.execute(query).scalars())
    return [json.loads(d) for d in texts]


def get_course(store: Store, course_id: str) -> dict[str, Any]:
    with store.connect() as conn:
        data = conn.execute(sa.select(courses.c.data).where(courses.c.id == course_id)).scalar()
    if data is None:
        raise NotFoundError(f"no course {course_id!r}")
    out: dict[str, Any] = json.loads(data)
    return out


# --- profiles ----------------------------------------------------------------------------------------------------
def save_profile(
    store: Store, profile_id: str, owner_id: str, data: Mapping[str, Any], *, actor: str | AuditActor
) -> bool:
    """Insert or replace a profile; returns True when it was new. The owner of an existing profile never changes."""
    now = _now()
    with store.transaction() as conn:
        current = conn.execute(sa.select(profiles.c.owner_id).where(profiles.c.id == profile_id)).scalar()
        body = json.dumps(data, ensure_ascii=False)
        if current is None:
            conn.execute(
                profiles.insert().values(
                    id=profile_id,
                    owner_id=owner_id,
                    data=body,
                    created_at=now,
                    updated_at=now,
                    updated_by=str(actor)[:200],
                )
            )
        else:
            conn.execute(
                profiles.update()
                .where(profiles.c.id == profile_id)
                .values(data=body, updated_at=now, updated_by=str(actor)[:200])
            )
        store.audit(
            conn,
            actor=actor,
            action="create" if current is None else "update",
            object_type="match_profile",
            object_id=profile_id,
        )
    return current is None


def get_profile(store: Store, profile_id: str) -> tuple[str, dict[str, Any]] | None:
    """(owner id, profile JSON), or None."""
    with store.connect() as conn:
        row = conn.execute(sa.select(profiles.c.owner_id, profiles.c.data).where(profiles.c.id == profile_id)).first()
    return None if row is None else (str(row[0]), json.loads(row[1]))


def list_profiles(store: Store, owner_ids: Iterable[str] | None = None, *, parse: bool = True) -> list[dict[str, Any]]:
    """Rows ``{id, owner_id, updated_at, data}`` of some owners (None: everyone's); ``data`` stays JSON text
    without ``parse`` (for callers that keep parsed profiles per version)."""
    query = sa.select(profiles).order_by(profiles.c.updated_at.desc(), profiles.c.id)
    if owner_ids is not None:
        query = query.where(profiles.c.owner_id.in_(list(owner_ids)))
    with store.connect() as conn:
        return [
            {
                "id": r["id"],
                "owner_id": r["owner_id"],
                "updated_at": str(r["updated_at"]),
                "data": json.loads(r["data"]) if parse else r["data"],
            }
            for r in conn.execute(query).mappings()
        ]


def delete_profile(store: Store, profile_id: str, *, actor: str | AuditActor) -> None:
    with store.transaction() as conn:
        if not conn.execute(profiles.delete().where(profiles.c.id == profile_id)).rowcount:
            raise NotFoundError(f"no profile {profile_id!r}")
        conn.execute(overrides.delete().where(overrides.c.subject == profile_id))
        store.audit(conn, actor=actor, action="delete", object_type="match_profile", object_id=profile_id)


# --- overrides ---------------------------------------------------------------------------------------------------
def add_override(
    store: Store,
    *,
    subject: str,
    item: str,
    action: str,
    reason: str,
    owner_id: str,
    actor: str | AuditActor,
) -> None:
    """Store an advisor's hide/pin decision (a later one for the same subject and item replaces it)."""
    with store.transaction() as conn:
        conn.execute(overrides.delete().where((overrides.c.subject == subject) & (overrides.c.item == item)))
        conn.execute(
            overrides.insert().values(
                subject=subject,
                item=item,
                action=action,
                reason=reason,
                owner_id=owner_id,
                advisor_id=str(actor)[:200],
                created_at=_now(),
            )
        )
        store.audit(
            conn,
            actor=actor,
            action=f"override.{action}",
            object_type="match_override",
            object_id=f"{subject}:{item}"[:300],
            detail={"reason_chars": len(reason)},
        )


def list_overrides(store: Store, subject: str) -> list[dict[str, Any]]:
    query = sa.select(overrides).where(overrides.c.subject == subject).order_by(overrides.c.id)
    with store.connect() as conn:
        return [
            {
                "subject": r["subject"],
                "item": r["item"],
                "action": r["action"],
                "reason": r["reason"],
                "advisor_id": r["advisor_id"],
                "created_at": str(r["created_at"]),
            }
            for r in conn.execute(query).mappings()
        ]
