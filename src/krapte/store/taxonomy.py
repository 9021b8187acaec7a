"""Taxonomy persistence: ESCO versions side by side, one active, stored as compressed snapshots.

A version is the JSON form of a :class:`~krapte.taxonomy.Taxonomy` (:mod:`krapte.taxonomy.serialize`), gzip
compressed, identified by ``esco-<version>-<content hash>`` so that importing the same release twice changes
nothing. ``taxonomy_concepts`` lists every occupation and skill of every version with its labels and ISCO code,
for joins and reports in SQL. Writes happen in one transaction: a failed import leaves the store as it was.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from krapte.errors import NotFoundError
from krapte.store.database import AuditActor, Store
from krapte.store.tables import metadata
from krapte.taxonomy.model import Taxonomy
from krapte.taxonomy.serialize import read_json_gz, taxonomy_from_dict, taxonomy_to_dict

taxonomy_versions = sa.Table(
    "taxonomy_versions",
    metadata,
    sa.Column("id", sa.String(100), primary_key=True),
    sa.Column("version", sa.String(40), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("languages", sa.String(200), nullable=False),
    sa.Column("occupations", sa.Integer, nullable=False),
    sa.Column("skills", sa.Integer, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=False),
    sa.Column("origin", sa.String(40), nullable=False),  # embedded | import
    sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("snapshot", sa.LargeBinary, nullable=False),
)

taxonomy_concepts = sa.Table(
    "taxonomy_concepts",
    metadata,
    sa.Column(
        "version_id", sa.String(100), sa.ForeignKey("taxonomy_versions.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("uri", sa.String(300), primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("label_nl", sa.Text, nullable=False),
    sa.Column("label_en", sa.Text, nullable=False),
    sa.Column("isco_code", sa.String(10), nullable=False),
    sa.Index("ix_taxonomy_concepts_kind", "version_id", "kind"),
)


def _compress(tax: Taxonomy) -> bytes:
    import gzip
    import json

    raw = json.dumps(taxonomy_to_dict(tax), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return gzip.compress(raw.encode("utf-8"), compresslevel=6, mtime=0)


def save_taxonomy(
    store: Store,
    tax: Taxonomy,
    *,
    activate: bool = True,
    actor: str | AuditActor = "system",
    snapshot: bytes | None = None,
    origin: str = "import",
) -> dict[str, Any]:
    """Store a taxonomy version (idempotent by content) and optionally make it the active one."""
    blob = snapshot if snapshot is not None else _compress(tax)
    sha = hashlib.sha256(blob).hexdigest()
    version_id = f"esco-{tax.version}-{sha[:10]}"
    created = False
    with store.transaction() as conn:
        existing = conn.execute(
            sa.select(taxonomy_versions.c.id, taxonomy_versions.c.active).where(taxonomy_versions.c.sha256 == sha)
        ).first()
        if existing is None:
            created = True
            conn.execute(
                taxonomy_versions.insert().values(
                    id=version_id,
                    version=tax.version,
                    sha256=sha,
                    languages=",".join(tax.languages),
                    occupations=len(tax.occupations),
                    skills=len(tax.skills),
                    active=False,
                    origin=origin,
                    imported_at=datetime.now(UTC),
                    snapshot=blob,
                )
            )
            rows = [
                {
                    "version_id": version_id,
                    "uri": c.uri,
                    "kind": kind,
                    "label_nl": c.labels.get("nl", ""),
                    "label_en": c.labels.get("en", ""),
                    "isco_code": getattr(c, "isco_code", ""),
                }
                for kind, pool in (("occupation", tax.occupations), ("skill", tax.skills))
                for c in pool.values()
            ]
            for start in range(0, len(rows), 5000):
                conn.execute(taxonomy_concepts.insert(), rows[start : start + 5000])
            store.audit(conn, actor=actor, action="import", object_type="taxonomy_version", object_id=version_id)
        else:
            version_id = existing.id
        any_active = conn.execute(sa.select(taxonomy_versions.c.id).where(taxonomy_versions.c.active)).first()
        is_active = bool(existing.active) if existing is not None else False
        if activate or any_active is None:
            if not is_active:
                _activate(conn, version_id)
                store.audit(conn, actor=actor, action="activate", object_type="taxonomy_version", object_id=version_id)
            is_active = True
    return {"id": version_id, "version": tax.version, "created": created, "active": is_active}


def _activate(conn: sa.Connection, version_id: str) -> None:
    conn.execute(taxonomy_versions.update().where(taxonomy_versions.c.active).values(active=False))
    conn.execute(taxonomy_versions.update().where(taxonomy_versions.c.id == version_id).values(active=True))


def activate_version(store: Store, version_id: str, *, actor: str | AuditActor = "system") -> None:
    """Make a stored version the active one."""
    with store.transaction() as conn:
        if conn.execute(sa.select(taxonomy_versions.c.id).where(taxonomy_versions.c.id == version_id)).first() is None:
            known = ", ".join(r["id"] for r in list_versions(store)) or "none"
            raise NotFoundError(f"no taxonomy version {version_id!r}", hint=f"stored versions: {known}")
        _activate(conn, version_id)
        store.audit(conn, actor=actor, action="activate", object_type="taxonomy_version", object_id=version_id)


def list_versions(store: Store) -> list[dict[str, Any]]:
    cols = [c for c in taxonomy_versions.c if c.name != "snapshot"]
    with store.connect() as conn:
        rows = conn.execute(sa.select(*cols).order_by(taxonomy_versions.c.imported_at)).mappings().all()
    return [dict(r) for r in rows]


def active_version(store: Store) -> dict[str, Any] | None:
    """The active version's row (without the snapshot), or None when no taxonomy is stored yet."""
    cols = [c for c in taxonomy_versions.c if c.name != "snapshot"]
    with store.connect() as conn:
        row = conn.execute(sa.select(*cols).where(taxonomy_versions.c.active)).mappings().first()
    return dict(row) if row else None


def load_snapshot(store: Store, version_id: str) -> bytes:
    with store.connect() as conn:
        blob = conn.execute(
            sa.select(taxonomy_versions.c.snapshot).where(taxonomy_versions.c.id == version_id)
        ).scalar_one_or_none()
    if blob is None:
        raise NotFoundError(f"no taxonomy version {version_id!r}", hint="list them with 'krapte taxonomy versions'")
    return bytes(blob)


def load_taxonomy(store: Store, version_id: str) -> Taxonomy:
    return taxonomy_from_dict(read_json_gz(load_snapshot(store, version_id)))
