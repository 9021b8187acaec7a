"""Alembic revisions, one file each, linear. Alembic loads them by path; they are a package so that they ship."""
