"""``POST /api/v1/evaluate``: evaluate a measure on an uploaded panel.

Two ways to send the panel:

- JSON: ``{"panel": [{"region": "GR", "period": "2021Q1", "y": 1.2}, ...]`` (or ``"panel_csv": "<csv text>"``),
  plus the options of :func:`krapte.monitor.evaluate.evaluate`: ``design``, ``unit``, ``time``, ``outcome``,
  ``treated`` (list, or object unit → start), ``treatment_start``, ``comparison``, ``treatment_end``,
  ``control``, ``predictors`` (``[{"column": ..., "periods": [...]}]``), ``fit_periods``, ``donors``,
  ``alpha``, ``bootstrap``, ``seed``;
- multipart form: a ``panel`` file (CSV) and the same options as form fields (``treated`` repeated; write
  ``UNIT=PERIOD`` for staggered starts).

The response is the JSON contract (``design``, ``estimate``, ``ci_low``, ``ci_high``, ``diagnostics``,
``weights``, ``grade``, …); with ``?format=png`` or ``?format=svg`` it is the result's picture instead (labels in
Dutch, or English with ``?lang=en``).
"""

from __future__ import annotations

import io
import json
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from starlette.concurrency import run_in_threadpool

from krapte.api.deps import get_lang, get_settings
from krapte.api.models import validate_body
from krapte.api.models.evaluate import EvaluateRequest, Evaluation
from krapte.charting import MEDIA_TYPES
from krapte.errors import InputError, TooLargeError, ValidationError
from krapte.settings import Language, Settings

router = APIRouter(prefix="/api/v1", tags=["evaluate"])

OPTIONS = (
    "design",
    "unit",
    "time",
    "outcome",
    "treated",
    "treatment_start",
    "comparison",
    "treatment_end",
    "control",
    "predictors",
    "fit_periods",
    "donors",
    "alpha",
    "bootstrap",
    "seed",
)
REQUIRED = ("unit", "time", "outcome", "treated")


_OPENAPI_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/EvaluateRequest"},
                "example": {
                    "panel": [{"region": "GR", "period": "2021Q1", "y": 1.2}],
                    "unit": "region",
                    "time": "period",
                    "outcome": "y",
                    "treated": {"GR": "2022Q1"},
                },
            },
            "multipart/form-data": {"schema": {"$ref": "#/components/schemas/EvaluateForm"}},
        },
    }
}
# the components referred to above are added by krapte.api.models.request_components


@router.post(
    "/evaluate",
    responses={
        200: {
            "model": Evaluation,
            "content": {
                "image/png": {"schema": {"type": "string", "format": "binary"}},
                "image/svg+xml": {"schema": {"type": "string"}},
            },
        }
    },
    openapi_extra=_OPENAPI_BODY,
)
async def evaluate_panel(
    request: Request,
    format: str = "json",
    settings: Settings = Depends(get_settings),
    lang: Language = Depends(get_lang),
) -> Response:
    """Evaluate a measure on a panel sent as JSON or as a CSV upload; see the module docstring for the fields."""
    if format not in ("json", "png", "svg"):
        raise ValidationError(f"unknown format {format!r}", hint="use json, png or svg", value=format)
    length = int(request.headers.get("content-length") or 0)
    if length > settings.max_upload_bytes:
        raise TooLargeError(
            f"the request has {length} bytes, more than the limit of {settings.max_upload_bytes}",
            hint="raise KRAPTE_MAX_UPLOAD_MB or send a smaller panel",
        )
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        frame, options = await _from_form(request)
    else:
        frame, options = await _from_json(request)
    result = await run_in_threadpool(_evaluate, frame, options)
    if format == "json":
        body = Evaluation.model_validate(result.to_dict()).model_dump(mode="json")
        return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")
    picture = await run_in_threadpool(result.plot, format, lang)
    return Response(picture, media_type=MEDIA_TYPES[format])


def _evaluate(frame: Any, options: dict[str, Any]) -> Any:
    from krapte.monitor.evaluate import Predictor, evaluate

    kwargs = {k: v for k, v in options.items() if k in OPTIONS and v not in (None, "")}
    if "predictors" in kwargs:
        kwargs["predictors"] = [
            Predictor(str(p["column"]), p.get("periods")) if isinstance(p, dict) else Predictor(str(p))
            for p in kwargs["predictors"]
        ]
    for key, kind in (("alpha", float), ("bootstrap", int), ("seed", int)):
        if key in kwargs:
            try:
                kwargs[key] = kind(kwargs[key])
            except (TypeError, ValueError):
                raise ValidationError(f"{key} {kwargs[key]!r} is not a number", value=str(kwargs[key])) from None
    return evaluate(frame, **kwargs)


async def _from_json(request: Request) -> tuple[Any, dict[str, Any]]:
    import pandas as pd

    from krapte.monitor.evaluate.panel import read_panel_csv

    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            f"the request body is not JSON: {exc}", hint="send application/json or a multipart form"
        ) from None
    if not isinstance(body, dict):
        raise ValidationError("the JSON body must be an object", hint='{"panel": [...], "unit": ..., ...}')
    _check_required(body)
    req = _validated(body)
    if req.panel_csv is not None:
        frame = read_panel_csv(io.StringIO(req.panel_csv), name="panel_csv")
    elif req.panel:
        frame = pd.DataFrame.from_records(req.panel)
    else:
        raise ValidationError("no panel in the request", hint="send 'panel' (list of rows) or 'panel_csv' (CSV text)")
    return frame, req.options()


def _check_required(options: dict[str, Any]) -> None:
    missing = [k for k in REQUIRED if options.get(k) in (None, "", [], {})]
    if missing:
        raise ValidationError(f"missing field(s): {', '.join(missing)}", hint=f"send {', '.join(REQUIRED)}")


def _validated(options: dict[str, Any]) -> EvaluateRequest:
    return validate_body(EvaluateRequest, options)


async def _from_form(request: Request) -> tuple[Any, dict[str, Any]]:
    from krapte.monitor.evaluate.panel import read_panel_csv

    form = await request.form()
    upload = form.get("panel")
    if upload is None or isinstance(upload, str):
        raise ValidationError("no panel file in the form", hint="upload the CSV in the field 'panel'")
    raw = await upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"file is not UTF-8 text (byte {exc.start})", file=upload.filename, hint="save as UTF-8"
        ) from None
    frame = read_panel_csv(io.StringIO(text), name=upload.filename or "panel")
    options: dict[str, Any] = {k: v for k, v in form.items() if k != "panel" and isinstance(v, str)}
    treated = [str(t) for t in form.getlist("treated")]
    if any("=" in t for t in treated):
        options["treated"] = dict(t.rsplit("=", 1) for t in treated)
    else:
        options["treated"] = treated
    for key in ("donors", "fit_periods"):
        if key in options:
            options[key] = form.getlist(key)
    if "predictors" in options:
        options["predictors"] = [str(p) for p in form.getlist("predictors")]  # COLUMN[:FROM..TO]
    _check_required(options)
    checked = _validated({k: v for k, v in options.items() if v != ""}).options()
    if "predictors" in checked:
        from krapte.monitor.evaluate.scm import parse_predictor

        predictors = [parse_predictor(p) for p in checked["predictors"]]
        checked["predictors"] = [{"column": p.column, "periods": p.periods} for p in predictors]
    return frame, checked
