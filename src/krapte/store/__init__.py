"""Persistence adapter: one ``Store`` over SQLite (embedded default) or PostgreSQL.

Domain engines never import this package; interfaces (CLI, API, web) do, and hand plain objects to the engines.
Each domain keeps its tables in ``krapte.store.tables`` and its queries in a repository module here.
"""

from krapte.store.database import Store, open_store

__all__ = ["Store", "open_store"]
