"""Configurable limits that hold before work starts, and the one error every refusal raises.

Every limit has a ``KRAPTE_*`` environment variable (see :data:`VARIABLES`). A refusal is a
:class:`LimitExceeded`: its JSON error names the limit, its value and the variable that raises it, e.g.
``{"error": {"code": "limit_exceeded", "message": "...", "details": {"limit": "max_body_bytes",
"value": 26214400, "setting": "KRAPTE_MAX_BODY_MB", "actual": 31457280}}}``.

The adapters (ASGI middleware, readers) apply the request, archive and parse limits; the services apply the
work limits (bootstrap draws, solver seconds, projects, rows) through :meth:`Limits.check`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextvars import ContextVar, Token
from dataclasses import dataclass, fields
from typing import Any

from krapte.errors import ConfigError, KrapteError

__all__ = ["VARIABLES", "LimitExceeded", "Limits", "current_limits", "reset_limits", "use_limits"]

MB = 1024 * 1024


class LimitExceeded(KrapteError):
    """An input or a request for work is larger than a configured limit; nothing was done."""

    code = "limit_exceeded"
    http_status = 413

    def __init__(
        self,
        limit: str,
        value: int | float,
        actual: int | float | None = None,
        *,
        what: str | None = None,
        http_status: int | None = None,
    ) -> None:
        setting, unit = VARIABLES[limit]
        shown = _show(value, unit)
        subject = what or limit.replace("_", " ")
        message = f"{subject} exceeds the limit {limit} = {shown}"
        if actual is not None:
            message = f"{subject} is {_show(actual, unit)}, more than the limit {limit} = {shown}"
        super().__init__(
            message,
            hint=f"send less, or ask the operator to raise {setting}",
            limit=limit,
            value=value,
            setting=setting,
            actual=actual,
        )
        if http_status is not None:
            self.http_status = http_status


def _show(value: int | float, unit: str) -> str:
    if unit == "MB":
        return f"{value / MB:.1f} MB" if value >= MB else f"{int(value)} bytes"
    return f"{value:g} {unit}".strip()


@dataclass(frozen=True)
class Limits:
    """Every size and work limit of the application; defaults suit one server with a few GB of memory."""

    max_body_bytes: int = 25 * MB
    """Largest request body, counted while it streams in (chunked bodies too); 413 above it."""

    max_query_bytes: int = 8192
    """Longest query string (after ``?``) of a request; 414 above it."""

    max_json_depth: int = 64
    """Deepest nesting of arrays and objects in a JSON body or JSON file."""

    max_unzipped_bytes: int = 300 * MB
    """Total uncompressed size of the members of a ZIP, DOCX or XLSX container."""

    max_zip_members: int = 5000
    """Number of members in a ZIP, DOCX or XLSX container."""

    max_zip_ratio: int = 200
    """Uncompressed/compressed size of one member larger than 1 MB (zip bombs compress 1000:1)."""

    max_bootstrap_draws: int = 5000
    """Bootstrap or permutation draws one evaluation may ask for."""

    max_solver_seconds: float = 600.0
    """Time limit one planning or scenario run may ask the solver for."""

    max_projects: int = 10_000
    """Projects in one uploaded or stored project pipeline."""

    max_rows: int = 1_000_000
    """Data rows in one uploaded table (CSV, XLSX, panel, indicator import)."""

    def check(self, limit: str, actual: int | float, *, what: str | None = None) -> None:
        """Raise :class:`LimitExceeded` when ``actual`` is above the limit named ``limit``."""
        value = getattr(self, limit)
        if actual > value:
            raise LimitExceeded(limit, value, actual, what=what)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            setting, unit = VARIABLES[f.name]
            raw = env.get(setting)
            if raw is None or raw.strip() == "":
                continue
            try:
                number = float(raw) if f.type in ("float", float) else int(raw)
            except ValueError:
                raise ConfigError(
                    f"{setting}={raw!r} is not a number", hint=f"unset {setting} or give a number"
                ) from None
            if number <= 0:
                raise ConfigError(f"{setting}={raw!r} must be positive", hint=f"unset {setting} or give a number > 0")
            values[f.name] = int(number * MB) if unit == "MB" else number
        return cls(**values)


VARIABLES: dict[str, tuple[str, str]] = {
    "max_body_bytes": ("KRAPTE_MAX_BODY_MB", "MB"),
    "max_query_bytes": ("KRAPTE_MAX_QUERY_BYTES", "bytes"),
    "max_json_depth": ("KRAPTE_MAX_JSON_DEPTH", "levels"),
    "max_unzipped_bytes": ("KRAPTE_MAX_UNZIPPED_MB", "MB"),
    "max_zip_members": ("KRAPTE_MAX_ZIP_MEMBERS", "members"),
    "max_zip_ratio": ("KRAPTE_MAX_ZIP_RATIO", ""),
    "max_bootstrap_draws": ("KRAPTE_MAX_BOOTSTRAP_DRAWS", "draws"),
    "max_solver_seconds": ("KRAPTE_MAX_SOLVER_SECONDS", "s"),
    "max_projects": ("KRAPTE_MAX_PROJECTS", "projects"),
    "max_rows": ("KRAPTE_MAX_ROWS", "rows"),
}
"""Limit name → (environment variable, unit). Sizes in MB are given in MB and held in bytes."""


_CURRENT: ContextVar[Limits | None] = ContextVar("krapte_limits", default=None)


def current_limits() -> Limits:
    """The limits in force: those the application set for this request (:func:`use_limits`), else the environment's.

    Readers deep in the domain core call this, so an application's configured limits reach them without every
    function passing them on; the context is copied into worker threads.
    """
    return _CURRENT.get() or Limits.from_env()


def use_limits(limits: Limits) -> Token[Limits | None]:
    """Make ``limits`` the ones in force in this context (a request); reset with ``_CURRENT.reset(token)``."""
    return _CURRENT.set(limits)


def reset_limits(token: Token[Limits | None]) -> None:
    _CURRENT.reset(token)
