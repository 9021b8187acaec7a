"""One error hierarchy for the whole package.

Every message names the bad value and says how to fix it. Interfaces map these classes to exit codes (CLI)
and to one JSON error shape (API); see :func:`KrapteError.to_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class KrapteError(Exception):
    """Base class of every error krapte raises on purpose."""

    code: str = "krapte_error"
    http_status: int = 400

    def __init__(self, message: str, *, hint: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON error shape shared by the API and ``--json`` CLI output."""
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.hint:
            body["hint"] = self.hint
        if self.details:
            body["details"] = {k: v for k, v in self.details.items() if v is not None}
        return {"error": body}


class ConfigError(KrapteError):
    """A setting (environment variable, option) has a value krapte cannot use."""

    code = "config_error"


class NotFoundError(KrapteError):
    """A concept, region, measure or other object does not exist."""

    code = "not_found"
    http_status = 404


class ValidationError(KrapteError):
    """A value supplied by the user is out of range or of the wrong shape."""

    code = "validation_error"
    http_status = 422


class ConflictError(KrapteError):
    """A write would overwrite a newer version (concurrent edit) or duplicate an existing object."""

    code = "conflict"
    http_status = 409


class AuthenticationError(KrapteError):
    """The request is not signed in (or its session or token is unknown, expired or revoked)."""

    code = "unauthenticated"
    http_status = 401


class PermissionDeniedError(KrapteError):
    """The signed-in principal's role or ownership does not allow this action on this object."""

    code = "forbidden"
    http_status = 403


class RateLimitedError(KrapteError):
    """Too many attempts in a short time (sign-in lock-out); the message says when to try again."""

    code = "rate_limited"
    http_status = 429


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file, located as precisely as the format allows."""

    message: str
    file: str | None = None
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line) if p is not None)
        col = f" column {self.column!r}" if self.column else ""
        val = f" (value {self.value!r})" if self.value is not None else ""
        prefix = f"{where}{col}: " if where or col else ""
        return f"{prefix}{self.message}{val}"


class InputError(KrapteError):
    """An input file or document cannot be read; names file, line and column where known."""

    code = "input_error"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
        hint: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.problem = Problem(message, file=file, line=line, column=column, value=value)
        self.problems = problems or [self.problem]
        super().__init__(
            str(self.problem),
            hint=hint,
            file=file,
            line=line,
            column=column,
            problems=[str(p) for p in self.problems] if problems else None,
        )


class TooLargeError(InputError):
    """An upload or file exceeds the configured size limit."""

    code = "too_large"
    http_status = 413


class UnsupportedInputError(InputError):
    """A file type or language that krapte does not handle."""

    code = "unsupported_input"
    http_status = 415


@dataclass
class ImportReport:
    """What an import did: counts per kind, and problems that were counted rather than fatal."""

    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n


class DataImportError(InputError):
    """An import was rejected as a whole; nothing was written."""

    code = "import_error"


class SolverError(KrapteError):
    """An optimisation problem is infeasible, unbounded or failed to solve."""

    code = "solver_error"


class EstimationError(KrapteError):
    """A statistical design cannot be estimated on the given data."""

    code = "estimation_error"
