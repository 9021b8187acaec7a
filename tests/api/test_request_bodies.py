"""Typed request bodies: measures, the evaluation and the extraction refuse bad fields with a 422 that names them.

Each body is a named pydantic model (``krapte.api.models``) with limits on lengths and list sizes; the refusal is
krapte's JSON error shape, with the field (``details.field``) and the value that was refused.
"""

from __future__ import annotations

from typing import Any

MEASURE = {
    "id": "T-BODY",
    "title_nl": "Proef met getypeerde bodies",
    "pillars": ["P4"],
    "instrument_type": "governance",
    "lead_ministry": "EZK",
    "verification_status": "unverified",
}


def refusal(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == "validation_error"
    return error


def test_a_bad_measure_field_is_named_with_the_refused_value(client, editor) -> None:  # type: ignore[no-untyped-def]
    error = refusal(client.post("/api/v1/measures", json={**MEASURE, "pillars": ["P8"]}, headers=editor.headers))
    assert error["details"]["field"] == "body.pillars[0]" and "(got 'P8')" in error["message"]
    error = refusal(client.post("/api/v1/measures", json={**MEASURE, "budgett": []}, headers=editor.headers))
    assert error["details"]["field"] == "body.budgett"  # a typo is refused, not silently dropped
    line = {"amount_eur": -5, "status": "granted"}
    error = refusal(client.post("/api/v1/measures", json={**MEASURE, "budget": [line]}, headers=editor.headers))
    assert error["details"]["field"] == "body.budget[0].amount_eur"
    assert client.get("/api/v1/measures/T-BODY").status_code == 404  # nothing was stored


def test_lengths_and_list_sizes_are_bounded(client, editor) -> None:  # type: ignore[no-untyped-def]
    long_title = {**MEASURE, "title_nl": "x" * 301}
    assert refusal(client.post("/api/v1/measures", json=long_title, headers=editor.headers))["details"]["field"] == (
        "body.title_nl"
    )
    many = {**MEASURE, "geography": {"kind": "gemeente", "regions": [f"GM{i:04d}" for i in range(501)]}}
    error = refusal(client.post("/api/v1/measures", json=many, headers=editor.headers))
    assert error["details"]["field"] == "body.geography.regions"
    one_per_source = {**MEASURE, "sources": [{"document": "plan"}] * 501}
    assert refusal(client.post("/api/v1/measures", json=one_per_source, headers=editor.headers))["details"][
        "fields"
    ] == ["body.sources"]


def test_anonymous_writers_are_refused_before_their_body_is_read(client) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/api/v1/measures", json={"pillars": ["P8"]}).status_code == 401
    assert client.patch("/api/v1/measures/T-BODY?version=1", json={"nope": 1}).status_code == 401


def test_an_edit_changes_and_records_only_the_fields_sent(client, editor) -> None:  # type: ignore[no-untyped-def]
    created = client.post("/api/v1/measures", json={**MEASURE, "summary": "eerst"}, headers=editor.headers)
    assert created.status_code == 201, created.text
    edited = client.patch(
        "/api/v1/measures/T-BODY", json={"end": 2030, "version": 1}, headers={**editor.headers, "If-Match": '"1"'}
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["end"] == "2030" and edited.json()["summary"] == "eerst"
    [_, edit] = client.get("/api/v1/measures/T-BODY/history").json()
    assert [c["field"] for c in edit["changes"]] == ["end"]
    stale = client.patch("/api/v1/measures/T-BODY", json={"notes": "x"}, headers={**editor.headers, "If-Match": '"1"'})
    assert stale.status_code == 409
    error = refusal(
        client.patch("/api/v1/measures/T-BODY", json={"status": "gone"}, headers={**editor.headers, "If-Match": '"2"'})
    )
    assert error["details"]["field"] == "body.status"


def test_the_evaluation_and_extraction_bodies_name_their_bad_fields(client) -> None:  # type: ignore[no-untyped-def]
    panel = [{"region": "GR", "period": 2020 + i, "y": float(i)} for i in range(4)]
    base = {"panel": panel, "unit": "region", "time": "period", "outcome": "y", "treated": ["GR"]}
    assert refusal(client.post("/api/v1/evaluate", json={**base, "alpha": 2}))["details"]["field"] == "body.alpha"
    assert refusal(client.post("/api/v1/evaluate", json={**base, "bootstrapp": 9}))["details"]["field"] == (
        "body.bootstrapp"
    )
    nested = {**base, "panel": [{"region": {"a": 1}, "period": 2020, "y": 1.0}]}
    assert refusal(client.post("/api/v1/evaluate", json=nested))["details"]["field"].startswith("body.panel[0].region")
    error = refusal(client.post("/api/v1/extract", json={"text": "monteur", "lang": "de"}))
    assert error["details"]["field"] == "body.lang" and "(got 'de')" in error["message"]


def test_the_measure_bodies_accept_exactly_the_registry_s_values() -> None:
    """The API's choices (typed for the OpenAPI document) are the registry's own lists, kept in step here."""
    from typing import get_args

    from krapte.api.models import monitor as api
    from krapte.monitor import measures

    assert get_args(api.Pillar) == tuple(measures.PILLARS)
    assert get_args(api.InstrumentType) == measures.INSTRUMENT_TYPES
    assert get_args(api.VerificationStatus) == measures.VERIFICATION_STATUSES
    assert get_args(api.RegionKind) == measures.REGION_KINDS
    assert get_args(api.BudgetLineIn.model_fields["status"].annotation) == measures.BUDGET_STATUSES
    assert get_args(api.LinkedIndicatorIn.model_fields["direction"].annotation) == measures.DIRECTIONS
