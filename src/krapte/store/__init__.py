"""Persistence adapter: one ``Store`` over SQLite (embedded default) or PostgreSQL.

Domain engines never import this package; interfaces (CLI, API, web) do, and hand plain objects to the engines.
Each domain keeps its tables and queries in its own repository module here (``krapte.store.<area>``), on the
shared ``krapte.store.tables.metadata``. The schema history is an Alembic history (``krapte.store.migrate``); the
audit log is hash-chained (``krapte.store.audit``); personal data is registered, retained, exported and erased
through ``krapte.store.personal``.
"""

from krapte.store.audit import AuditVerification, verify_audit_chain
from krapte.store.database import AuditActor, Store, open_store

__all__ = ["AuditActor", "AuditVerification", "Store", "open_store", "verify_audit_chain"]
