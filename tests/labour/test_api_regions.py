"""REST endpoints of the regional work: regional figures as JSON, CSV and SVG map, the national programmes."""

from __future__ import annotations

import csv
import io

from krapte.security.cells import csv_text, neutralise


def test_regional_figures_per_kind_with_basis(client) -> None:  # type: ignore[no-untyped-def]
    am = client.get("/api/v1/regional-figures?group=0761&quarter=2028Q1").json()
    assert am["kind"] == "arbeidsmarktregio" and len(am["rows"]) == 35 and am["quarter"] == "2028Q1"
    assert set(am["columns"]) <= set(am["rows"][0]) and am["assumptions"]
    res = client.get("/api/v1/regional-figures?kind=res&group=0761&quarter=2028Q1&res=ES23").json()
    assert len(res["rows"]) == 30 and all(r["basis_supply"].startswith("estimated") for r in res["rows"])
    assert res["pipeline"] and {p["code"] for p in res["pipeline"]} <= {"AM21", "AM22", "AM34"}
    # RES counts are apportioned arbeidsmarktregio counts: the totals agree
    assert abs(sum(r["employed"] for r in res["rows"]) - sum(r["employed"] for r in am["rows"])) < 5
    assert client.get("/api/v1/regional-figures?kind=province").status_code == 422
    assert client.get("/api/v1/regional-figures?quarter=1999Q1").status_code == 404


def test_regional_figures_csv_and_map(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/api/v1/regional-figures.csv?kind=res&group=0761&quarter=2028Q1")
    assert r.headers["content-type"].startswith("text/csv") and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 30 and rows[0]["kind"] == "res"
    svg = client.get("/api/v1/regional-map.svg?measure=spanningsindicator&lang=en")
    assert svg.headers["content-type"] == "image/svg+xml" and svg.text.count('data-code="AM') == 35
    assert "Tension indicator (UWV)" in svg.text
    assert client.get("/api/v1/regional-map.svg?measure=nonsense").status_code == 404


def test_csv_cells_cannot_run_as_formulas() -> None:
    assert [neutralise(v) for v in ("=SUM(A1)", "+1", "-x", "@a", "\tx", "\rx")] == [
        "'=SUM(A1)",
        "'+1",
        "'-x",
        "'@a",
        "'\tx",
        "'\rx",
    ]
    assert neutralise("Rijnmond") == "Rijnmond" and neutralise(-3.5) == -3.5
    assert csv_text(["name", "value"], [{"name": None, "value": -3.5}]) == "name,value\r\n,-3.5\r\n"  # None: empty


def test_national_forecast_summary_and_programmes(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/v1/forecast?scenario=nl-programmes-2030&summary=true").json()
    assert [p["programme"] for p in body["by_programme"]] == ["RES", "NPE", "NPLW"]
    assert "unverified_share_window" in body and body["scenario"] == "nl-programmes-2030"
    plain = client.get("/api/v1/forecast?summary=true").json()  # the default is the national scenario
    assert plain["scenario"] == "nl-programmes-2030" and plain["by_component"] == body["by_component"]
    prog = client.get("/api/v1/programmes?phase=construction").json()
    assert set(prog["series"]) == {"RES", "NPE", "NPLW"} and len(prog["series"]["NPE"]) == len(prog["quarters"])
    assert prog["summary"]["unverified_share_window"] == body["unverified_share_window"]
    assert {s["dataset"] for s in prog["sources"]} >= {"programmes-nl-2030"}


def test_supply_carries_the_calibration(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/v1/supply?region=AM27&occupation=0761").json()
    assert body["calibration"][0]["published"] == "88 of 92"
