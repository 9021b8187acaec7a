"""Taxonomy: ESCO versions side by side (one active) as compressed snapshots, plus a concept table for joins."""

from sqlalchemy.engine import Connection

from krapte.store import taxonomy as tables


def upgrade(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.taxonomy_versions, tables.taxonomy_concepts])
