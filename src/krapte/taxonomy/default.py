"""The embedded default taxonomy (ESCO v1.2.0, Dutch and English) shipped in ``krapte/data/esco-v1.2.0``."""

from __future__ import annotations

from functools import cache
from importlib import resources

from krapte.taxonomy.loading import cached_taxonomy
from krapte.taxonomy.model import Taxonomy
from krapte.taxonomy.serialize import read_json_gz, taxonomy_from_dict

DEFAULT_DATASET = "esco-v1.2.0"


def default_taxonomy_bytes() -> bytes:
    """The compressed JSON form of the embedded default (see :mod:`krapte.taxonomy.serialize`)."""
    return (resources.files("krapte.data") / DEFAULT_DATASET / "taxonomy.json.gz").read_bytes()


@cache
def default_taxonomy() -> Taxonomy:
    """The embedded default taxonomy, loaded once per process (read-only; safe to share): from its loaded form
    cached in ``KRAPTE_CACHE_DIR`` when that is there (:func:`krapte.taxonomy.loading.cached_taxonomy`)."""
    from krapte.settings import Settings

    taxonomy: Taxonomy = cached_taxonomy(
        DEFAULT_DATASET,
        default_taxonomy_bytes(),
        lambda source: taxonomy_from_dict(read_json_gz(source)),
        Settings.from_env().cache_dir,
    )
    return taxonomy
