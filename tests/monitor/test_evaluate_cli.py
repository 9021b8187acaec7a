"""``krapte evaluate``: the JSON contract used by scripts, text output, pictures and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from krapte.cli import main
from tests.conftest import EXAMPLES, FIXTURES

BASQUE = EXAMPLES / "panels" / "basque" / "basque.csv"
MPDTA = FIXTURES / "panels" / "mpdta" / "mpdta.csv"
BASE = ["--panel", str(BASQUE), "--unit", "regionname", "--time", "year", "--outcome", "gdpcap"]
CONTRACT = {"design", "estimate", "ci_low", "ci_high", "diagnostics", "weights"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_scm_json_contract_with_predictors_reproduces_basque() -> None:
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
    args = [*BASE, "--treated", "Basque Country (Pais Vasco)", "--treatment-start", "1970", "--fit-from", "1960"]
    for p in predictors:
        args += ["--predictor", p]
    code, out, err = run("evaluate", "scm", *args, "--json")
    assert code == 0, err
    body = json.loads(out)
    assert set(body) >= CONTRACT
    assert body["design"] == "scm"
    assert round(body["weights"]["Cataluna"], 3) == 0.851
    assert round(body["weights"]["Madrid (Comunidad De)"], 3) == 0.149


def test_did_with_cohort_column_prints_a_summary(tmp_path: Path) -> None:
    picture = tmp_path / "event-study.svg"
    code, out, err = run(
        "evaluate",
        "did",
        "--panel",
        str(MPDTA),
        "--unit",
        "countyreal",
        "--time",
        "year",
        "--outcome",
        "lemp",
        "--cohort-column",
        "first.treat",
        "--bootstrap",
        "99",
        "--plot",
        str(picture),
    )
    assert code == 0, err
    assert "estimate: -0.03995" in out
    assert "TWFE:     -0.03655" in out
    assert "wild cluster bootstrap" in out
    assert picture.read_bytes().lstrip().startswith(b"<?xml")


def test_staggered_starts_with_unit_equals_period(tmp_path: Path) -> None:
    rows = ["regio,kwartaal,y"]
    for r, shift in (("A", 0.0), ("B", 0.3), ("C", 0.1), ("D", -0.2), ("E", 0.4)):
        for i in range(12):
            treated = (r == "A" and i >= 6) or (r == "B" and i >= 8)
            rows.append(f"{r},{2020 + i // 4}Q{i % 4 + 1},{shift + 0.1 * i + (1 if treated else 0) + 0.01 * (i % 3)}")
    path = tmp_path / "regions.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run(
        "evaluate",
        "auto",
        "--panel",
        str(path),
        "--unit",
        "regio",
        "--time",
        "kwartaal",
        "--outcome",
        "y",
        "--treated",
        "A=2021Q3",
        "--treated",
        "B=2022Q1",
        "--json",
    )
    assert code == 0, err
    body = json.loads(out)
    assert body["design"] == "did"
    assert body["diagnostics"]["staggered"] is True
    assert abs(body["estimate"] - 1.0) < 0.1


def test_unknown_treated_unit_is_a_clear_json_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    args = ["evaluate", "scm", *BASE, "--treated", "Baskenland", "--treatment-start", "1970", "--json"]
    monkeypatch.setattr("sys.argv", ["krapte", *args])  # the CLI picks the error format from the real argv
    code, _, err = run(*args)
    assert code == 2
    error = json.loads(err)["error"]
    assert error["code"] == "validation_error"
    assert "'Baskenland'" in error["message"]


def test_missing_column_and_missing_file_errors() -> None:
    code, _, err = run(
        "evaluate",
        "its",
        "--panel",
        str(BASQUE),
        "--unit",
        "regio",
        "--time",
        "year",
        "--outcome",
        "gdpcap",
        "--treated",
        "Madrid",
        "--treatment-start",
        "1970",
    )
    assert code == 2 and "no column 'regio'" in err
    code, _, err = run(
        "evaluate",
        "its",
        "--panel",
        "/nonexistent/panel.csv",
        "--unit",
        "u",
        "--time",
        "t",
        "--outcome",
        "y",
        "--treated",
        "x",
        "--treatment-start",
        "2020",
    )
    assert code == 2 and "does not exist" in err


def test_text_output_shows_the_randomization_inference() -> None:
    from krapte.cli.evaluate import render_text

    ri = {"p_value": 0.0417, "ci_low": -1.5, "ci_high": 3.25, "n_assignments": 24, "exhaustive": True}
    d = {
        "design": "did",
        "estimate": 1.0,
        "ci_low": 0.5,
        "ci_high": 1.5,
        "grade": "C",
        "label": "weak",
        "grade_reasons": [],
        "weights": {},
        "diagnostics": {
            "design_reason": "panel",
            "twfe": {"estimate": 1.0, "ci_low": 0.5, "ci_high": 1.5, "randomization": ri},
            "pretrend": {"p_value": 0.5, "df": 2},
        },
    }
    text = render_text(d)
    assert "randomization inference p = 0.0417  [-1.5, 3.25] (all 24 assignments)" in text
    del d["diagnostics"]["twfe"]["randomization"]  # type: ignore[attr-defined]
    assert "randomization" not in render_text(d)
