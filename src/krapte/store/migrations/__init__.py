"""The schema history: an Alembic environment (``env.py``) and its revisions (``versions/``).

:mod:`krapte.store.migrate` runs it programmatically; nothing here is imported by the application at run time.
"""
