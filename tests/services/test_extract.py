"""The extraction service: one engine per process, loaded before the first request when the server warms up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from krapte.extract.skills import SkillExtractor
from krapte.services.context import Context, Principal
from krapte.services.extract import extract, warm_up
from krapte.settings import Settings
from krapte.store import open_store

pytestmark = pytest.mark.xdist_group("extract-skills")

CV = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "cv_nl_two_pages.pdf"


def test_after_the_warm_up_no_request_builds_an_engine(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``krapte serve`` warms up at start; later extractions (the web page and ``POST /api/v1/extract`` call this
    service) reuse the process-wide engine instead of building one per request."""
    warm_up()

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a request built an extraction engine")

    monkeypatch.setattr(SkillExtractor, "__init__", refuse)
    store = open_store(url=f"sqlite:///{tmp_path / 'krapte.sqlite'}")
    try:
        ctx = Context(store, Principal.anonymous(), settings)
        for _ in range(2):
            result = extract(ctx, CV.read_bytes(), name=CV.name)
            assert "heftruck" in result.text
            assert result.profile.skills and result.profile.occupations
            # the wish ("monteur warmtepompen worden") is a target occupation, not a skill
            assert result.profile.targets
    finally:
        store.dispose()
