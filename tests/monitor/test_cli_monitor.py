"""The monitor CLI: setup seeds the registry; create/edit/retire/history/export/report; imports; KPIs."""

import getpass
import json
from pathlib import Path

from click.testing import CliRunner

from krapte.cli import main
from tests.conftest import FIXTURES


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_registry_round_trip(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("setup", "--json")[0] == 0
    code, out = run("measures", "list", "--pillar", "P4", "--json")
    assert code == 0 and "P4-MONITORING" in {m["id"] for m in json.loads(out)}
    assert (
        run(
            "measures",
            "create",
            "--id",
            "T-CLI",
            "--title",
            "Proef",
            "--pillar",
            "P2",
            "--ministry",
            "SZW",
        )[0]
        == 0
    )
    code, out = run(
        "measures",
        "edit",
        "T-CLI",
        "--set",
        "end=2027",
        "--set",
        'target_groups=["zij-instromers"]',
        "--version",
        "1",
    )
    assert code == 0 and "version 2" in out
    code, out = run("measures", "edit", "T-CLI", "--set", "end=2028", "--version", "1")
    assert code == 2 and "after version 1" in out
    code, out = run("measures", "edit", "T-CLI", "--set", "pillars=P9", "--version", "2")
    assert code == 2 and "pillars must be one of P1, P2, P3, P4 (value 'P9')" in out
    assert run("measures", "retire", "T-CLI", "--version", "2")[0] == 0
    code, out = run("measures", "history", "T-CLI", "--json")
    history = json.loads(out)
    assert [h["action"] for h in history] == ["create", "edit", "retire"]
    assert {h["actor"] for h in history} == {f"cli:{getpass.getuser()}"}  # the operating-system user acts
    csv_file = tmp_path / "m.csv"
    assert run("measures", "export", "--format", "csv", "--all", "--output", str(csv_file))[0] == 0
    assert "T-CLI" in csv_file.read_text() and "P2-RMT" in csv_file.read_text()


def test_report_kpi_and_import(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("setup", "--json")
    report = tmp_path / "r.html"
    code, _ = run("measures", "report", "P4-RES-RMT", "--format", "html", "--output", str(report))
    assert code == 0 and "<svg" in report.read_text() and "@media print" in report.read_text()
    code, out = run("measures", "report", "P2-PPS-OPSCHALING", "--format", "md", "--no-evaluate")
    assert code == 0 and "€ 152,5 mln" in out and "p. 12 van 16" in out
    code, out = run("measures", "report", "--format", "md")
    assert code == 0 and "## P3" in out
    code, out = run("kpi", "list", "--json")
    assert {k["status"] for k in json.loads(out)} >= {"on-track", "off-track"}
    chart = tmp_path / "kpi.svg"
    assert run("kpi", "show", "P4-MONITORING", "ict-workforce", "--chart", str(chart))[0] == 0
    assert chart.read_bytes().lstrip().startswith(b"<?xml")
    code, out = run(
        "indicators",
        "import",
        "cbs-odata",
        str(FIXTURES / "cbs-monitor" / "85004NED-odata3"),
        "--topic",
        "OpgesteldElektrischVermogen_1",
        "--json",
    )
    assert code == 0 and json.loads(out)["counts"]["observations added"] == 24
    code, out = run(
        "indicators", "show", "cbs-85004ned-opgesteldelektrischvermogen-1-e006637", "--region", "NL", "--json"
    )
    assert code == 0 and [o["period"] for o in json.loads(out)["observations"]] == ["2018", "2019", "2020"]
    code, out = run(
        "indicators",
        "import",
        "uwv",
        str(FIXTURES / "uwv" / "vacatures-arbeidsmarktregio-demo.csv"),
        "--indicator",
        "vac",
        "--name",
        "Vacatures",
        "--value-column",
        "Nope",
    )
    assert code == 2 and "Nope" in out
    code, out = run("measures", "algoritmeregister", "--format", "md")
    assert code == 0 and "Technische werking" in out


def test_kpi_list_measures_list_and_show_read_as_text(settings) -> None:  # type: ignore[no-untyped-def]
    run("setup", "--json")
    code, out = run("kpi", "list")
    assert code == 0 and out.count("ict-workforce-2030") == 1  # the shared ICT target once
    assert "measures: P2-HCA-ICT, P3-STRATEGIE-DIGITALE-ECONOMIE, P4-MONITORING" in out
    assert "cannot be computed (no observation after the baseline)" in out and "badges: definition-break" in out
    rows = json.loads(run("kpi", "list", "--json")[1])
    assert len({r["id"] for r in rows}) == len(rows) and all("verdict" in r and "seen" in r for r in rows)
    code, out = run("measures", "list")
    assert out.splitlines()[0].split() == ["id", "pillars", "budget", "title"]
    code, out = run("measures", "show", "P2-PPS-OPSCHALING")
    assert code == 0 and "Pijlers:" in out and "€ 152.500.000" in out and not out.lstrip().startswith("{")
    code, out = run("measures", "show", "P2-PPS-OPSCHALING", "--lang", "en")
    assert "Pillars:" in out
    record = json.loads(run("measures", "show", "P2-PPS-OPSCHALING", "--json")[1])
    assert record["id"] == "P2-PPS-OPSCHALING" and record["version"] >= 1
