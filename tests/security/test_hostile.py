"""The hostile-input corpus (tests/fixtures/hostile/cases.toml) driven through the API, as an attacker would.

Every case must be refused with a 4xx JSON error that gives a reason (no stack trace, no local path, no
library internals) and must leave the store exactly as it was (row counts of every table).
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import FIXTURES
from tests.security.conftest import MakeClient, row_counts
from tests.security.hostile import GENERATORS, chunks

HOSTILE = FIXTURES / "hostile"
CASES: list[dict[str, Any]] = tomllib.loads((HOSTILE / "cases.toml").read_text(encoding="utf-8"))["case"]
INTERNALS = re.compile(r"Traceback|File \"|site-packages|/tmp/|/work/|\.py\b|Errno|0x[0-9a-f]{6,}|<class ")


def _content(ref: str) -> bytes:
    if ref.startswith("gen:"):
        return GENERATORS[ref.removeprefix("gen:")]()
    return (HOSTILE / ref).read_bytes()


def _params(case: dict[str, Any]) -> list[Any]:
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
    return [pytest.param(case, id=case["id"], marks=marks)]


def send(client: TestClient, case: dict[str, Any]) -> Any:
    query = {k: (_content(v).decode() if str(v).startswith("gen:") else v) for k, v in case.get("query", {}).items()}
    headers = dict(case.get("headers", {}))
    kwargs: dict[str, Any] = {"params": query, "headers": headers}
    if "body" in case:
        headers["content-type"] = case["content_type"]
        kwargs["content"] = _content(case["body"])
    elif "chunked" in case:
        headers["content-type"] = case["content_type"]
        kwargs["content"] = chunks(int(case["chunked"]))()
    elif "files" in case:
        kwargs["files"] = {field: (name, _content(ref)) for field, (name, ref) in case["files"].items()}
        kwargs["data"] = case.get("form", {})
    elif "form" in case:
        kwargs["data"] = case["form"]
    return client.request(case["method"], case["path"], **kwargs)


def test_the_corpus_has_at_least_40_cases_in_every_category() -> None:
    assert len(CASES) >= 40
    assert len({c["id"] for c in CASES}) == len(CASES)
    categories = {c["category"] for c in CASES}
    for needed in ("nested JSON", "zip bomb", "oversize body", "path in a name", "formula cells", "wrong encoding"):
        assert needed in categories
    assert "binary as CSV" in categories


@pytest.mark.parametrize("case", [p for c in CASES for p in _params(c)])
def test_hostile_input_is_refused_with_a_reason_and_changes_nothing(
    case: dict[str, Any], make_client: MakeClient
) -> None:
    client = make_client(**case.get("limits", {}))
    before = row_counts(client)
    response = send(client, case)
    assert response.status_code in case["status"], (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["message"].strip(), error
    if "code" in case:
        assert error["code"] == case["code"], error
    if error["code"] == "limit_exceeded":
        assert {"limit", "value", "setting"} <= set(error["details"]), error
        assert error["details"]["limit"] in error["message"]
    assert not INTERNALS.search(response.text), response.text[:500]
    assert "root:x:0:0" not in response.text
    assert row_counts(client) == before
