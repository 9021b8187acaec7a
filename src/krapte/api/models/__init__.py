"""Typed request and response bodies of the REST API, one module per area.

Where a domain dataclass already has the shape the API returns, the model is that dataclass (FastAPI derives the
schema from it); these modules add what the API adds around it (versions, counts, wrappers).
"""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from pydantic import ValidationError as ModelError

__all__ = ["request_components", "validate_body"]

M = TypeVar("M", bound=BaseModel)


def validate_body(model: type[M], data: Any) -> M:
    """A body a route reads itself, as its typed model; problems become the API's 422 naming each field."""
    try:
        return model.model_validate(data)
    except ModelError as exc:
        errors = exc.errors(include_url=False, include_context=False)
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in errors]) from None


def request_components() -> dict[str, Any]:
    """Request bodies that routes read themselves (JSON or a form on one route), as OpenAPI components."""
    from pydantic.json_schema import models_json_schema

    from krapte.api.models.evaluate import EvaluateRequest, form_schema
    from krapte.api.models.extract import EXTRACT_FORM, ExtractRequest

    _, top = models_json_schema(
        [(EvaluateRequest, "validation"), (ExtractRequest, "validation")], ref_template="#/components/schemas/{model}"
    )
    return {**top.get("$defs", {}), "EvaluateForm": form_schema(), "ExtractForm": EXTRACT_FORM}
