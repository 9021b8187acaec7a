"""The application layer: one function per use case, between the interfaces and the domain core.

Every service function takes a :class:`Context` (store, acting principal, settings) and typed arguments; it
authorises (``ctx.require``), writes the audit entry, loads what the engine needs from the store, calls the pure
engine, saves what must be kept and returns a typed result. The CLI, the REST API and the web pages call only
services and never import :mod:`krapte.store`; ``tests/test_architecture.py`` enforces it.

One module per area: :mod:`~krapte.services.accounts`, :mod:`~krapte.services.taxonomy`,
:mod:`~krapte.services.extract`, :mod:`~krapte.services.labour`, :mod:`~krapte.services.regions`,
:mod:`~krapte.services.monitor`, :mod:`~krapte.services.jobs`, :mod:`~krapte.services.system`.
"""

from krapte.services.context import PERMISSIONS, ROLE_PERMISSIONS, Context, Principal, Role

__all__ = ["PERMISSIONS", "ROLE_PERMISSIONS", "Context", "Principal", "Role"]
