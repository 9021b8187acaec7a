"""HTML/JS in every text field comes back escaped; formula cells come back neutralised in CSV exports."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from krapte.security.cells import FORMULA_PREFIXES, csv_text, neutralise

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TEXT_FIELDS = ("title_nl", "title_en", "summary", "lead_ministry", "delivery_organisation", "notes")


def _measure(measure_id: str, text: str) -> dict[str, object]:
    return {
        "id": measure_id,
        "pillars": ["P4"],
        "instrument_type": "governance",
        "verification_status": "unverified",
        **{f: f"{text} {f}" for f in TEXT_FIELDS},
        "target_groups": [text],
        "sources": [{"document": text, "locator": text, "quote": text}],
    }


def _assert_escaped(page: str) -> None:
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "onerror=alert(1)>" not in page.replace("&gt;", "")


def test_html_in_every_measure_text_field_comes_back_escaped(hostile_client: TestClient) -> None:
    created = hostile_client.post("/api/v1/measures", json=_measure("T-XSS", XSS))
    assert created.status_code == 201, created.text
    assert created.json()["title_nl"].startswith(XSS)  # stored as given: escaping is the job of the output
    pages = {
        "list": hostile_client.get("/maatregelen"),
        "detail": hostile_client.get("/maatregelen/T-XSS"),
        "edit form": hostile_client.get("/maatregelen/T-XSS/bewerken"),
        "overview": hostile_client.get("/api/v1/measures/overview?format=html"),
        "report": hostile_client.get("/api/v1/measures/T-XSS/report?format=html"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, (name, response.status_code)
        _assert_escaped(response.text)
        assert "&lt;script&gt;" in response.text or "&#34;" in response.text or "&lt;" in response.text, name


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/beroepen?q=" + XSS, None),
        ("/extractie", {"text": f"Elektricien {XSS} met ervaring in zonnepanelen"}),
        ("/regio?region=" + XSS, None),
    ],
)
def test_html_in_web_inputs_comes_back_escaped(hostile_client: TestClient, path: str, form: dict[str, str]) -> None:
    response = hostile_client.post(path, data=form) if form else hostile_client.get(path)
    assert response.status_code < 500
    if response.headers["content-type"].startswith("application/json"):  # an error: JSON is never rendered
        assert response.headers["x-content-type-options"] == "nosniff"
    else:
        assert response.headers["content-type"].startswith("text/html")
        _assert_escaped(response.text)


def test_html_echoed_in_api_errors_is_json_and_not_sniffed(hostile_client: TestClient) -> None:
    response = hostile_client.get("/api/v1/regions/" + XSS)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_exported_csv_neutralises_every_formula_prefix(hostile_client: TestClient) -> None:
    payloads = ['=HYPERLINK("http://evil.example","klik")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    for i, payload in enumerate(payloads):
        body = _measure(f"T-CSV{i}", "veilig")
        body.update(title_nl=payload, lead_ministry=payload, target_groups=[payload])
        assert hostile_client.post("/api/v1/measures", json=body).status_code == 201
    export = hostile_client.get("/api/v1/measures/export?format=csv")
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert len(rows) == len(payloads)
    neutralised = 0
    for row in rows:
        stored = hostile_client.get(f"/api/v1/measures/{row['id']}").json()
        for column in ("title_nl", "lead_ministry"):
            assert not row[column].startswith(FORMULA_PREFIXES), (column, row[column])
            if stored[column].startswith(FORMULA_PREFIXES):  # the registry strips leading white space itself
                assert row[column] == "'" + stored[column]
                neutralised += 1
        assert not row["target_groups"].startswith(FORMULA_PREFIXES)
    assert neutralised >= 2 * 4
    by_id = {r["id"]: r for r in rows}
    assert by_id["T-CSV0"]["title_nl"] == "'" + payloads[0]  # nothing else is changed


def test_neutralise_leaves_numbers_and_plain_text_alone() -> None:
    assert neutralise(-3) == -3 and neutralise(2.5) == 2.5 and neutralise(None) is None
    assert neutralise("Elektricien") == "Elektricien" and neutralise("") == ""
    assert neutralise("=1+1") == "'=1+1" and neutralise("\r=1") == "'\r=1"
    text = csv_text(["=id", "name"], [{"=id": "@x", "name": "ok"}, {"=id": 5}])
    assert text.splitlines() == ["'=id,name", "'@x,ok", "5,"]
