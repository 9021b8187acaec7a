"""The OpenAPI document as a contract: stable operation ids, a named schema for every success answer, and the
documented refusals (401, 403) in krapte's error shape on every operation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SNAPSHOT = Path(__file__).with_name("openapi_operations.txt")

# Operations whose success answer is still a free-form JSON object or list: each should get a typed model, and
# then leave this list (the test fails when one here has become typed, so the list only shrinks).
UNTYPED: set[str] = set()


@pytest.fixture
def document(app: Any) -> dict[str, Any]:
    doc: dict[str, Any] = app.openapi()
    return doc


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, str, dict[str, Any]]]:
    paths = doc["paths"].items()
    return [(op["operationId"], method.upper(), path, op) for path, item in paths for method, op in item.items()]


def _named(schema: dict[str, Any], components: dict[str, Any]) -> bool:
    """A reference to a component (or a list of them) that says what is inside: properties, or typed map values.
    An answer whose shape depends on a parameter is a choice (anyOf) between such references."""
    if "anyOf" in schema:
        return all(_named(choice, components) for choice in schema["anyOf"])
    if schema.get("type") == "array":
        return _named(schema.get("items", {}), components)
    ref = schema.get("$ref", "")
    if not ref.startswith("#/components/schemas/"):
        return False
    target = components[ref.rsplit("/", 1)[1]]
    values = target.get("additionalProperties")
    return bool(target.get("properties")) or (isinstance(values, dict) and values.get("type") not in (None, "object"))


def test_operation_ids_are_stable(document: dict[str, Any]) -> None:
    lines = [line for line in SNAPSHOT.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    committed = {tuple(line.split()) for line in lines}
    current = {(op_id, method, path) for op_id, method, path, _ in _operations(document)}
    assert len(lines) == len(committed), "duplicate lines in the snapshot"
    assert current - committed == set(), f"new or renamed operations: add them to {SNAPSHOT.name}"
    assert committed - current == set(), f"operations gone or renamed (clients depend on these): {SNAPSHOT.name}"
    ids = [op_id for op_id, *_ in _operations(document)]
    assert len(ids) == len(set(ids)), "operation ids must be unique"


def test_every_success_answer_has_a_named_schema(document: dict[str, Any]) -> None:
    components = document["components"]["schemas"]
    untyped = set()
    for op_id, _, _, op in _operations(document):
        for status, answer in op["responses"].items():
            if not status.startswith("2") or "application/json" not in answer.get("content", {}):
                continue  # 204, files (CSV, reports): their media type is the contract
            if not _named(answer["content"]["application/json"].get("schema", {}), components):
                untyped.add(op_id)
    assert untyped - UNTYPED == set(), "give these answers a typed response model"
    assert UNTYPED - untyped == set(), "typed now: remove these from UNTYPED"


def test_every_request_body_refers_to_a_named_schema(document: dict[str, Any]) -> None:
    """JSON and form bodies are components with their fields listed, never an inline ``{"type": "object"}``."""
    components = document["components"]["schemas"]
    inline = []
    for op_id, _, _, op in _operations(document):
        for media, content in op.get("requestBody", {}).get("content", {}).items():
            ref = content.get("schema", {}).get("$ref", "")
            target = components.get(ref.rsplit("/", 1)[-1]) if ref.startswith("#/components/schemas/") else None
            if not target or not target.get("properties"):
                inline.append((op_id, media))
    assert inline == [], "give these request bodies a typed model"
    bodies = {op_id for op_id, _, _, op in _operations(document) if "requestBody" in op}
    assert {"create_measure", "edit_measure", "evaluate_panel"} <= bodies


def test_every_operation_documents_its_refusals_in_the_error_shape(document: dict[str, Any]) -> None:
    components = document["components"]["schemas"]
    shapes = {"#/components/schemas/Error", "#/components/schemas/ErrorShape"}  # the same shape, twice documented
    for op_id, _, _, op in _operations(document):
        for status in ("401", "403", "4XX", "5XX"):
            schema = op["responses"][status]["content"]["application/json"]["schema"]
            assert schema.get("$ref") in shapes, (op_id, status)
    for ref in shapes:
        assert components[ref.rsplit("/", 1)[1]]["required"] == ["error"]


def test_typed_answers_validate_against_their_schema(client: Any, account: Any) -> None:
    """The models describe what is really sent: the platform's own answers, as their owner receives them."""
    from krapte.api.models.platform import AuditCheck, Health, Meta, PersonExport

    admin = account("admin")
    assert Health.model_validate(client.get("/api/v1/health").json()).status == "ok"
    assert "ESCO" in Meta.model_validate(client.get("/api/v1/meta").json()).attribution
    check = AuditCheck.model_validate(client.get("/api/v1/audit/verify", headers=admin.headers).json())
    assert check.ok and check.entries > 0
    export = PersonExport.model_validate(client.get("/api/v1/me/export", headers=admin.headers).json())
    assert export.subject == admin.id and "users" in export.records
    removed = client.delete("/api/v1/me", headers=admin.headers).json()
    assert removed["users"] == 1 and all(isinstance(v, int) for v in removed.values())
