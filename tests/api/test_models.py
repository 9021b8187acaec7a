"""The response models mirror what the services return: listed fields are checked, nothing is dropped, and an
answer whose shape depends on a parameter documents each shape."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from krapte.api.models.labour import ForecastSummary, ForecastTable
from krapte.api.models.match_results import ContactPointOut


def test_an_answer_keeps_fields_the_model_does_not_list() -> None:
    body: dict[str, Any] = {
        "region": None,
        "region_name": None,
        "contacts": [],
        "national": [],
        "regional": False,
        "new": 1,
    }
    assert ContactPointOut.model_validate(body).model_dump() == body


def test_an_answer_refuses_a_missing_or_mistyped_field() -> None:
    with pytest.raises(ValidationError, match="regional"):
        ContactPointOut.model_validate({"region": None, "region_name": None, "contacts": [], "national": []})
    with pytest.raises(ValidationError, match="contacts"):
        ContactPointOut.model_validate(
            {"region": None, "region_name": None, "contacts": "UWV", "national": [], "regional": False}
        )


def test_a_forecast_summary_and_a_forecast_table_are_told_apart(client: Any) -> None:
    brief = client.get("/api/v1/forecast", params={"scenario": "res-35twh", "summary": True}).json()
    table = client.get("/api/v1/forecast", params={"scenario": "res-35twh"}).json()
    assert ForecastSummary.model_validate(brief).peak_fte > 0
    assert "scenario" not in brief  # only the national scenario's summary carries the breakdowns
    full = ForecastTable.model_validate(table)
    assert full.summary.peak_fte == brief["peak_fte"] and full.rows
    with pytest.raises(ValidationError):
        ForecastTable.model_validate(brief)


def test_a_file_or_json_answer_documents_both(app: Any) -> None:
    doc = app.openapi()
    export = doc["paths"]["/api/v1/measures/export"]["get"]["responses"]["200"]["content"]
    assert set(export) == {"text/csv", "application/json"}
    assert export["application/json"]["schema"]["items"]["$ref"].endswith("/MeasureOut")
    evaluate = doc["paths"]["/api/v1/evaluate"]["post"]["responses"]["200"]["content"]
    assert evaluate["application/json"]["schema"]["$ref"].endswith("/Evaluation")
    assert {"image/png", "image/svg+xml"} <= set(evaluate)
