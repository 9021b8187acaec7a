"""Embedded default datasets: one folder per dataset with its ``provenance.json`` (see ``docs/data.md``)."""
