"""The base of response models that mirror a service's JSON: every listed field is validated and documented, and a
field the service adds later passes through unchanged (the wire shape never loses a key to the model)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Answer"]


class Answer(BaseModel):
    """A response body: its documented fields, plus any further field the service returns."""

    model_config = ConfigDict(extra="allow")
