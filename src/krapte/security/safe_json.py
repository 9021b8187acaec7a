"""Parse JSON only after its nesting depth passed ``max_json_depth``.

Python's parser recurses once per level and gives up deep inside the interpreter (``RecursionError``); the
code that walks the parsed value recurses too. :func:`json_depth` measures the depth with one regular
expression scan (strings skipped) before anything is built.
"""

from __future__ import annotations

import json
import re
from typing import Any

from krapte.errors import InputError
from krapte.limits import LimitExceeded, Limits, current_limits

__all__ = ["check_json_depth", "json_depth", "loads"]

_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_TOKENS_STR = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def json_depth(text: str | bytes, stop_above: int | None = None) -> int:
    """The deepest nesting of arrays and objects in ``text`` (0 for a scalar); stops early above ``stop_above``."""
    pattern: Any = _TOKENS if isinstance(text, bytes) else _TOKENS_STR
    opening = (b"[", b"{") if isinstance(text, bytes) else ("[", "{")
    depth = deepest = 0
    for match in pattern.finditer(text):
        token = match.group()
        if len(token) != 1:
            continue
        if token in opening:
            depth += 1
            if depth > deepest:
                deepest = depth
                if stop_above is not None and deepest > stop_above:
                    return deepest
        else:
            depth -= 1
    return deepest


def check_json_depth(text: str | bytes, *, limits: Limits | None = None, what: str = "the JSON") -> None:
    """Raise :class:`LimitExceeded` (400) when ``text`` nests deeper than ``max_json_depth``."""
    limit = (limits or current_limits()).max_json_depth
    depth = json_depth(text, stop_above=limit)
    if depth > limit:
        raise LimitExceeded("max_json_depth", limit, what=f"the nesting of {what}", http_status=400)


def loads(text: str | bytes, *, name: str | None = None, limits: Limits | None = None) -> Any:
    """:func:`json.loads` after the depth check; syntax errors become :class:`InputError` with line and column."""
    check_json_depth(text, limits=limits, what=f"the JSON in {name}" if name else "the JSON")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", file=name, line=exc.lineno, hint=f"column {exc.colno}") from None
    except UnicodeDecodeError:
        raise InputError("the JSON is not valid UTF-8", file=name, hint="save it as UTF-8") from None
    except RecursionError:
        raise LimitExceeded(
            "max_json_depth", (limits or current_limits()).max_json_depth, what="the JSON", http_status=400
        ) from None
