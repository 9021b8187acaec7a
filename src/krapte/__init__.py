"""krapte: skills, labour demand and measure monitoring for the Dutch Actieplan Groene en Digitale Banen.

The public surface is small and explicit: domain engines live in ``krapte.taxonomy``, ``krapte.extract``,
``krapte.match``, ``krapte.labour`` and ``krapte.monitor``; they know nothing of HTTP or SQL. Adapters around
them are ``krapte.store`` (persistence), ``krapte.api`` (REST), ``krapte.web`` (pages) and ``krapte.cli``.
"""

from krapte.errors import KrapteError

__version__ = "0.1.0"
__all__ = ["KrapteError", "__version__"]
