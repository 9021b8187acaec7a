"""Glue between the taxonomy and the store: ``krapte setup`` and the taxonomy the app uses.

* :func:`load_default_taxonomy` (listed in :mod:`krapte.defaults`) stores the embedded ESCO v1.2.0 as a version
  and activates it when no other version is active. It is idempotent and quick (one compressed blob).
* :func:`active_taxonomy` gives the taxonomy of the store's active version, so an imported release is what the
  CLI, API and web use; the embedded default when the store holds none.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import TYPE_CHECKING, Any

from krapte.settings import Settings
from krapte.taxonomy.default import default_taxonomy, default_taxonomy_bytes
from krapte.taxonomy.model import Taxonomy

if TYPE_CHECKING:  # the store is reached only inside the functions, so importing this module stays pure
    from krapte.defaults import Progress
    from krapte.store import Store

_by_version: dict[str, Taxonomy] = {}


@cache
def _default_sha() -> str:
    return hashlib.sha256(default_taxonomy_bytes()).hexdigest()


def load_default_taxonomy(store: Store, settings: Settings, progress: Progress = None) -> dict[str, Any]:
    """Store the embedded default taxonomy (no-op when it is there already)."""
    from krapte.store.taxonomy import save_taxonomy

    tax = default_taxonomy()
    result = save_taxonomy(
        store, tax, activate=False, actor="setup", snapshot=default_taxonomy_bytes(), origin="embedded"
    )
    if progress:
        progress(f"ESCO {tax.version}: {len(tax.occupations)} occupations, {len(tax.skills)} skills ({result['id']})")
    return result


def active_taxonomy(settings: Settings | None = None, store: Store | None = None) -> Taxonomy:
    """The taxonomy of the active stored version (cached per version); the embedded default otherwise."""
    from krapte.store import open_store
    from krapte.store.taxonomy import active_version, load_taxonomy

    own = store is None
    st = store or open_store(settings or Settings.from_env())
    try:
        row = active_version(st)
        if row is None:
            return default_taxonomy()
        if row["sha256"] == _default_sha():
            return default_taxonomy()
        if row["id"] not in _by_version:
            _by_version[row["id"]] = load_taxonomy(st, row["id"])
        return _by_version[row["id"]]
    finally:
        if own:
            st.dispose()
