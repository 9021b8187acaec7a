"""Embedded default datasets (see ``manifest.json`` and ``docs/data.md``)."""
