"""The labour REST endpoints through the real app."""

from __future__ import annotations

from typing import Any

from tests.conftest import FIXTURES

CONTRACT = FIXTURES / "labour" / "projects_contract.csv"


def test_regions(client: Any) -> None:
    assert len(client.get("/api/v1/regions").json()) == 35
    assert len(client.get("/api/v1/regions", params={"kind": "res"}).json()) == 30
    body = client.get("/api/v1/regions/Den Bosch").json()
    assert body["code"] == "GM0796" and body["arbeidsmarktregio_weights"] == {"AM27": 1.0}
    r = client.get("/api/v1/regions/Atlantis")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_factor_sets(client: Any) -> None:
    names = [s["name"] for s in client.get("/api/v1/factors").json()]
    assert "rutovitz2025" in names
    body = client.get("/api/v1/factors/rutovitz2025").json()
    assert any(f["technology"] == "utility_solar" and f["central"] == 1.61 for f in body["factors"])


def test_import_list_and_forecast_a_pipeline(client: Any, analyst: Any) -> None:
    with CONTRACT.open("rb") as fh:
        assert client.post("/api/v1/projects", files={"file": ("plan.csv", fh, "text/csv")}).status_code == 401
    client.headers.update(analyst.headers)
    with CONTRACT.open("rb") as fh:
        r = client.post("/api/v1/projects", files={"file": ("plan.csv", fh, "text/csv")})
    assert r.status_code == 201 and r.json() == {"pipeline": "plan", "counts": {"projects": 4}}
    assert client.get("/api/v1/projects").json()[0]["name"] == "plan"
    assert len(client.get("/api/v1/projects/plan").json()) == 4
    summary = client.get("/api/v1/forecast", params={"pipeline": "plan", "summary": True}).json()
    assert summary["first"] == "2027Q1" and summary["construction_job_years"] > 161


def test_a_bad_upload_is_rejected_as_a_whole(client: Any, analyst: Any) -> None:
    client.headers.update(analyst.headers)
    bad = (FIXTURES / "labour" / "projects_bad.csv").read_bytes()
    r = client.post("/api/v1/projects", files={"file": ("bad.csv", bad, "text/csv")})
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["code"] == "input_error" and len(error["details"]["problems"]) == 6
    assert client.get("/api/v1/projects").json() == []


def test_forecast_an_upload_without_storing_it(client: Any) -> None:
    with CONTRACT.open("rb") as fh:
        r = client.post(
            "/api/v1/forecast", files={"file": ("p.csv", fh, "text/csv")}, data={"factors": "rutovitz2015-oecd"}
        )
    assert r.status_code == 200
    assert r.json()["summary"]["factors"] == "rutovitz2015-oecd" and r.json()["rows"]


def test_supply_and_tension_of_the_default_scenario(client: Any) -> None:
    supply = client.get("/api/v1/supply", params={"region": "AM24", "occupation": "7411"}).json()
    assert supply["rows"][0]["brc_group"] == "0761" and supply["assumptions"]
    body = client.get("/api/v1/tension", params={"region": "Zeeland", "occupation": "Electricians"}).json()
    assert body["count"] == 36 and body["rows"][0]["quarter"] == "2025Q1"  # the national scenario: 2025Q1-2033Q4
    assert "UWV" in body["thresholds"]["uwv"]


def test_the_national_programmes_scenario_by_name(client: Any) -> None:
    national = client.get("/api/v1/forecast", params={"scenario": "nl-programmes-2030", "summary": True}).json()
    default = client.get("/api/v1/forecast", params={"summary": True}).json()
    assert default == national  # the national scenario is the default
    res_only = client.get("/api/v1/forecast", params={"scenario": "res-35twh", "summary": True}).json()
    assert national["factors"].startswith("nl-programmes-2030") and res_only["factors"] == "rutovitz2025"
    assert "by_programme" not in res_only  # the RES-only scenario keeps its old shape
    assert national["construction_job_years"] > 5 * res_only["construction_job_years"]
    npe = client.get(
        "/api/v1/forecast", params={"scenario": "nl-programmes-2030", "programme": "NPE", "summary": True}
    ).json()
    assert 0 < npe["construction_job_years"] < national["construction_job_years"]
    unknown = client.get("/api/v1/forecast", params={"scenario": "/etc/passwd"})
    assert unknown.status_code == 404 and "known scenarios" in unknown.json()["error"]["hint"]


def test_factor_sets_are_names_never_paths(client: Any, tmp_path: Any) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("technology,phase,central\nsolar_pv,construction,999\n", encoding="utf-8")
    for value in (str(secret), "../../etc/passwd", "/etc/passwd"):
        r = client.get("/api/v1/forecast", params={"factors": value, "summary": True})
        assert r.status_code == 422 and "999" not in r.text  # refused before any file is opened
    short = client.get("/api/v1/forecast", params={"factors": "../../etc/passwd", "summary": True})
    assert short.json()["error"]["details"]["limit"] == "factor_set_name"
