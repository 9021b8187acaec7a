"""The order of the routers in ``krapte.api.app.ROUTERS`` only changes the time it takes to find a route.

The busiest pages' routers come first; that is only safe while no path of theirs can also be answered by a route of
another router. Each route's path with sample values for its parameters must match that router's routes only.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator

from starlette.routing import BaseRoute, Route

from krapte.api import docs
from krapte.api.app import ROUTERS

#: routers placed ahead of the others for speed
FIRST = ("krapte.web.poort", "krapte.web.advisor")


def _routes(router: object) -> Iterator[Route]:
    for route in getattr(router, "routes", []):
        original = getattr(route, "original_router", None)  # an included router (FastAPI keeps it as one entry)
        if original is not None:
            yield from _routes(original)
        elif isinstance(route, Route):
            yield route


def _samples(route: Route) -> list[str]:
    """Concrete paths this route answers: each parameter filled with a number and with a word."""
    return [re.sub(r"{[^}]+}", value, route.path) for value in ("1", "abc", "1/abc")]


def _matches(route: BaseRoute, path: str) -> bool:
    regex = getattr(route, "path_regex", None)
    return bool(regex and regex.match(path))


def test_the_routers_placed_first_share_no_path_with_any_other_router() -> None:
    assert ROUTERS[: len(FIRST)] == FIRST
    first = [r for name in FIRST for r in _routes(importlib.import_module(name).router)]
    others = [r for r in _routes(docs.router)]
    others += [r for name in ROUTERS[len(FIRST) :] for r in _routes(importlib.import_module(name).router)]
    assert len(first) > 10 and len(others) > 50
    assert [r.path for r in first + others if not any(_matches(r, s) for s in _samples(r))] == []
    clashes = [
        (a.path, b.path)
        for a, b in [(x, y) for x in first for y in others] + [(y, x) for x in first for y in others]
        for sample in _samples(a)
        if _matches(a, sample) and _matches(b, sample)
    ]
    assert clashes == []


def test_a_clash_would_be_found() -> None:
    catch_all = Route("/{page}/vaardigheden", endpoint=lambda request: None)
    assert _matches(catch_all, _samples(Route("/poort/vaardigheden", endpoint=lambda request: None))[0])
