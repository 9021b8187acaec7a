"""The attacker's client: the one place where security tests build a client (add authentication here).

``make_client(**limits)`` returns a TestClient on a fresh app whose :class:`~krapte.limits.Limits` are the
defaults with the given fields changed; ``hostile_client`` is the default one. Server errors come back as
responses (never raised into the test), so a 500 is seen exactly as an attacker sees it. ``row_counts`` counts
the rows of every table of the app's store, to prove that a refused request wrote nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from krapte.settings import Settings

MakeClient = Callable[..., TestClient]


@pytest.fixture
def make_client(settings: Settings) -> Iterator[MakeClient]:
    from krapte.api.app import create_app

    made: list[tuple[FastAPI, TestClient]] = []

    def build(*, anonymous: bool = False, role: str = "admin", **limits: Any) -> TestClient:
        """A client on a fresh app; signed in with an API token of ``role`` (default admin: an insider with every
        permission, the strongest attacker that passes authorisation) unless ``anonymous``."""
        from tests.conftest import make_account

        app = create_app(replace(settings, limits=replace(settings.limits, **limits)))
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        if not anonymous:
            client.headers.update(make_account(app.state.store, settings, role).headers)
        made.append((app, client))
        return client

    yield build
    for app, client in made:
        client.__exit__(None, None, None)
        app.state.store.dispose()


@pytest.fixture
def hostile_client(make_client: MakeClient) -> TestClient:
    return make_client()


def row_counts(client: TestClient) -> dict[str, int]:
    """Rows per table of the store behind ``client``'s app."""
    engine = client.app.state.store.engine  # type: ignore[attr-defined]
    names = sa.inspect(engine).get_table_names()
    with engine.connect() as conn:
        return {name: int(conn.execute(sa.text(f'SELECT COUNT(*) FROM "{name}"')).scalar_one()) for name in names}
