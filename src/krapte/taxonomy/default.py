"""The embedded default taxonomy (ESCO v1.2.0, Dutch and English) shipped in ``krapte/data/esco-v1.2.0``."""

from __future__ import annotations

from functools import cache
from importlib import resources

from krapte.taxonomy.loading import paused_gc
from krapte.taxonomy.model import Taxonomy
from krapte.taxonomy.serialize import read_json_gz, taxonomy_from_dict

DEFAULT_DATASET = "esco-v1.2.0"


def default_taxonomy_bytes() -> bytes:
    """The compressed JSON form of the embedded default (see :mod:`krapte.taxonomy.serialize`)."""
    return (resources.files("krapte.data") / DEFAULT_DATASET / "taxonomy.json.gz").read_bytes()


@cache
def default_taxonomy() -> Taxonomy:
    """The embedded default taxonomy, loaded once per process (read-only; safe to share)."""
    with paused_gc():
        return taxonomy_from_dict(read_json_gz(default_taxonomy_bytes()))
