"""``POST /api/v1/evaluate``: JSON rows, CSV text or a CSV upload; the contract, pictures and errors."""

from __future__ import annotations

from tests.conftest import EXAMPLES

BASQUE = EXAMPLES / "panels" / "basque" / "basque.csv"
TREATED = "Basque Country (Pais Vasco)"


def basque_rows() -> list[dict[str, object]]:
    import pandas as pd

    frame = pd.read_csv(BASQUE, usecols=["regionname", "year", "gdpcap"])
    return frame.to_dict(orient="records")  # type: ignore[return-value]


def test_json_rows(client) -> None:  # type: ignore[no-untyped-def]
    body = {
        "panel": basque_rows(),
        "design": "scm",
        "unit": "regionname",
        "time": "year",
        "outcome": "gdpcap",
        "treated": [TREATED],
        "treatment_start": 1970,
    }
    response = client.post("/api/v1/evaluate", json=body)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["design"] == "scm"
    assert abs(sum(result["weights"].values()) - 1) < 1e-6
    assert result["grade"] in "ABCD"


def test_csv_upload_with_predictors_reproduces_basque(client) -> None:  # type: ignore[no-untyped-def]
    odd = "1961,1963,1965,1967,1969"
    predictors = [
        f"{c}:1964..1969"
        for c in ("school.illit", "school.prim", "school.med", "school.high", "school.post.high", "invest")
    ]
    predictors += ["gdpcap:1960..1969", "popdens:1969"]
    predictors += [
        f"sec.{c}:{odd}"
        for c in ("agriculture", "energy", "industry", "construction", "services.venta", "services.nonventa")
    ]
    data = {
        "design": "scm",
        "unit": "regionname",
        "time": "year",
        "outcome": "gdpcap",
        "treated": TREATED,
        "treatment_start": "1970",
        "fit_periods": ["1960"],
        "predictors": predictors,
    }
    with BASQUE.open("rb") as fh:
        response = client.post("/api/v1/evaluate", data=data, files={"panel": ("basque.csv", fh, "text/csv")})
    assert response.status_code == 200, response.text
    weights = response.json()["weights"]
    assert round(weights["Cataluna"], 3) == 0.851


def test_picture(client) -> None:  # type: ignore[no-untyped-def]
    body = {
        "panel_csv": BASQUE.read_text(encoding="utf-8"),
        "unit": "regionname",
        "time": "year",
        "outcome": "gdpcap",
        "treated": [TREATED],
        "treatment_start": 1970,
    }
    response = client.post("/api/v1/evaluate?format=png", json=body)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    english = client.post("/api/v1/evaluate?format=svg&lang=en", json=body)
    assert english.headers["content-type"].startswith("image/svg+xml")
    assert english.content != response.content


def test_errors_have_one_shape(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/evaluate", json={"panel": basque_rows(), "unit": "regionname"})
    assert response.status_code == 422
    assert "time, outcome, treated" in response.json()["error"]["message"]
    body = {
        "panel": basque_rows(),
        "unit": "regionname",
        "time": "year",
        "outcome": "gdpcap",
        "treated": ["Atlantis"],
        "treatment_start": 1970,
    }
    response = client.post("/api/v1/evaluate", json=body)
    assert response.status_code == 422
    assert "'Atlantis'" in response.json()["error"]["message"]
    response = client.post("/api/v1/evaluate", content=b"not json", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "input_error"


def test_openapi_documents_the_request_body(client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/api/openapi.json").json()
    body = spec["paths"]["/api/v1/evaluate"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "multipart/form-data"}
