"""The monitor over REST: list, create, edit with ETag/If-Match, conflicts, history, export, reports, charts."""

from krapte.monitor.defaults import load_default_monitor
from krapte.store import open_store

NEW = {
    "id": "T-API",
    "title_nl": "Proef via de API",
    "pillars": ["P4"],
    "instrument_type": "governance",
    "lead_ministry": "EZK",
    "verification_status": "unverified",
}


def test_create_edit_conflict_retire_and_history(client, account) -> None:  # type: ignore[no-untyped-def]
    ana, bo = account("registry_editor", "ana@example.nl"), account("registry_editor", "bo@example.nl")
    created = client.post("/api/v1/measures", json=NEW, headers={**ana.headers, "X-Krapte-Actor": "mallory"})
    assert created.status_code == 201 and created.headers["ETag"] == '"1"'
    edited = client.patch("/api/v1/measures/T-API", json={"end": "2026"}, headers={"If-Match": '"1"', **bo.headers})
    assert edited.status_code == 200 and edited.json()["version"] == 2
    stale = client.patch("/api/v1/measures/T-API", json={"end": "2027"}, headers={"If-Match": '"1"', **bo.headers})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
    unversioned = client.patch("/api/v1/measures/T-API", json={"end": "2027"}, headers=bo.headers)
    assert unversioned.status_code == 422
    invalid = client.patch("/api/v1/measures/T-API?version=2", json={"pillars": ["P8"]}, headers=bo.headers)
    assert invalid.status_code == 422 and "P8" in invalid.json()["error"]["message"]
    assert client.delete("/api/v1/measures/T-API?version=2", headers=ana.headers).json()["status"] == "retired"
    history = client.get("/api/v1/measures/T-API/history").json()
    # the signed-in principal is the actor: the X-Krapte-Actor header no longer sets it
    assert [(h["actor"], h["action"]) for h in history] == [
        ("ana@example.nl", "create"),
        ("bo@example.nl", "edit"),
        ("ana@example.nl", "retire"),
    ]
    assert client.get("/api/v1/measures").json() == []
    assert client.get("/api/v1/measures/nope").status_code == 404


def test_seeded_registry_exports_reports_and_charts(client, settings) -> None:  # type: ignore[no-untyped-def]
    store = open_store(settings)
    load_default_monitor(store, settings)
    store.dispose()
    assert len(client.get("/api/v1/measures?pillar=P3").json()) >= 5
    csv = client.get("/api/v1/measures/export?format=csv")
    assert csv.headers["content-type"].startswith("text/csv") and "P2-PPS-OPSCHALING" in csv.text
    report = client.get("/api/v1/measures/P4-RES-RMT/report").json()
    assert report["kpis"][0]["status"] == "on-track"
    assert report["indicators"][0]["evaluation"]["design"] == "descriptive"
    html = client.get("/api/v1/measures/P4-RES-RMT/report?format=html").text
    assert "<svg" in html and "35 TWh" in html
    chart = client.get("/api/v1/indicators/heat-pumps-in-use/chart.png")
    assert chart.headers["content-type"] == "image/png" and chart.content[:4] == b"\x89PNG"
    kpis = client.get("/api/v1/kpis").json()
    assert {k["indicator"] for k in kpis} >= {"ict-workforce", "res-scope-production"}
    reg = client.get("/api/v1/measures/algoritmeregister").json()
    assert len(reg["naam"]) < 100 and "menselijke_tussenkomst" in reg


def test_writes_need_a_registry_role(client, account) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/api/v1/measures", json=NEW).status_code == 401
    analyst = account("analyst")
    refused = client.post("/api/v1/measures", json=NEW, headers=analyst.headers)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert client.get("/api/v1/measures/T-API").status_code == 404


def test_upload_imports_and_bad_uploads_write_nothing(client, editor) -> None:  # type: ignore[no-untyped-def]
    client.headers.update(editor.headers)
    import io
    import zipfile

    from tests.conftest import FIXTURES

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for f in (FIXTURES / "cbs-monitor" / "85004NED-odata4").iterdir():
            archive.write(f, f"85004NED/{f.name}")
    ok = client.post(
        "/api/v1/indicators/import?kind=cbs-odata&topic=M003451", files={"file": ("r.zip", buffer.getvalue())}
    )
    assert ok.status_code == 200 and ok.json()["counts"]["observations added"] == 24
    csv_bytes = (FIXTURES / "uwv" / "vacatures-arbeidsmarktregio-demo.csv").read_bytes().replace(b"2230", b"twee")
    bad = client.post(
        "/api/v1/indicators/import?kind=uwv&indicator=vac&name=Vacatures&value_column=Openstaande%20vacatures",
        files={"file": ("uwv.csv", csv_bytes)},
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["details"]["line"] == 3 and "twee" in bad.json()["error"]["message"]
    assert {i["id"] for i in client.get("/api/v1/indicators").json()} == {
        "cbs-85004ned-m003451-e006590",
        "cbs-85004ned-m003451-e006637",
    }


def test_kpi_targets_lists_each_plan_target_once(client, settings) -> None:  # type: ignore[no-untyped-def]
    store = open_store(settings)
    load_default_monitor(store, settings)
    store.dispose()
    rows = client.get("/api/v1/kpi-targets").json()
    assert len({r["id"] for r in rows}) == len(rows) >= 6
    ict = next(r for r in rows if r["id"] == "ict-workforce-2030")
    assert ict["measures"] == ["P2-HCA-ICT", "P3-STRATEGIE-DIGITALE-ECONOMIE", "P4-MONITORING"]
    assert "definition-break" in ict["badges"] and ict["progress"]["status"] == "off-track"
