"""Checking user-supplied panels: periods in many spellings, and clear errors for bad input."""

from __future__ import annotations

import pandas as pd
import pytest

from krapte.errors import InputError, ValidationError
from krapte.monitor.evaluate import evaluate
from krapte.monitor.evaluate.panel import build_panel, parse_period, read_panel_csv, treated_from_column


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (2021, "2021"),
        ("2021", "2021"),
        (2021.0, "2021"),
        ("2021JJ00", "2021"),
        ("2021Q3", "2021Q3"),
        ("2021-Q3", "2021Q3"),
        ("2021KW03", "2021Q3"),
        ("2021-07", "2021-07"),
        ("2021MM07", "2021-07"),
        ("2021M07", "2021-07"),
        ("Q3 2021", "2021Q3"),
        ("kwartaal 3 2021", "2021Q3"),
        (pd.Timestamp("2021-07-15"), "2021-07"),
        (pd.Period("2021Q3", freq="Q"), "2021Q3"),
    ],
)
def test_period_spellings(value: object, label: str) -> None:
    assert parse_period(value).label() == label


def test_unparseable_period_names_the_value() -> None:
    with pytest.raises(ValidationError, match="'volgend jaar' is not a period"):
        parse_period("volgend jaar")


def panel() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "regio": ["A", "A", "A", "B", "B", "B"],
            "jaar": [2020, 2021, 2022] * 2,
            "banen": ["1,5", "2,0", "2,5", "1,0", "1,1", "1,2"],
        }
    )


def test_decimal_commas_are_accepted() -> None:
    p = build_panel(panel(), unit="regio", time="jaar", outcome="banen")
    assert p.y[0].tolist() == [1.5, 2.0, 2.5]
    assert p.labels() == ["2020", "2021", "2022"]


def test_missing_columns_are_listed_with_the_existing_ones() -> None:
    with pytest.raises(ValidationError) as err:
        evaluate(panel(), unit="regio", time="periode", outcome="banen", treated=["A"], treatment_start=2021)
    assert "'periode'" in str(err.value) and "regio, jaar, banen" in str(err.value)


def test_non_numeric_outcome_names_row_and_value() -> None:
    frame = panel()
    frame.loc[4, "banen"] = "onbekend"
    with pytest.raises(ValidationError, match=r"row 6 has 'onbekend'"):
        build_panel(frame, unit="regio", time="jaar", outcome="banen")


def test_unbalanced_panel_names_unit_and_period() -> None:
    frame = panel().drop(index=4)
    with pytest.raises(ValidationError, match=r"unit 'B' has no 'banen' value for 2021"):
        build_panel(frame, unit="regio", time="jaar", outcome="banen")


def test_duplicate_rows_and_mixed_frequencies_are_refused() -> None:
    dup = pd.concat([panel(), panel().iloc[[0]]])
    with pytest.raises(ValidationError, match="more than one row"):
        build_panel(dup, unit="regio", time="jaar", outcome="banen")
    mixed = panel().astype({"jaar": str})
    mixed.loc[0, "jaar"] = "2020Q1"
    with pytest.raises(ValidationError, match="mixes frequencies"):
        build_panel(mixed, unit="regio", time="jaar", outcome="banen")


def test_treatment_start_of_another_frequency_is_refused() -> None:
    with pytest.raises(ValidationError, match="quarterly but the panel is yearly"):
        evaluate(
            panel(), design="its", unit="regio", time="jaar", outcome="banen", treated=["A"], treatment_start="2021Q1"
        )


def test_missing_treatment_start_and_unknown_design() -> None:
    with pytest.raises(ValidationError, match="no treatment start"):
        evaluate(panel(), unit="regio", time="jaar", outcome="banen", treated=["A"])
    with pytest.raises(ValidationError, match="unknown design 'rdd'"):
        evaluate(
            panel(),
            design="rdd",
            unit="regio",
            time="jaar",
            outcome="banen",
            treated=["A"],  # type: ignore[arg-type]
            treatment_start=2021,
        )


def test_csv_reader_sniffs_semicolons_and_names_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "panel.csv"
    path.write_text("regio;jaar;banen\nA;2020;1,5\nA;2021;2,0\n", encoding="utf-8")
    frame = read_panel_csv(path)
    assert list(frame.columns) == ["regio", "jaar", "banen"]
    with pytest.raises(InputError, match="does not exist"):
        read_panel_csv(tmp_path / "missing.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("regio,jaar,banen\n", encoding="utf-8")
    with pytest.raises(InputError, match="no rows"):
        read_panel_csv(empty)


def test_cohort_column() -> None:
    frame = pd.DataFrame({"regio": ["A", "A", "B", "B", "C", "C"], "start": [2021, 2021, 0, 0, "", ""]})
    assert treated_from_column(frame, unit="regio", column="start") == {"A": 2021}
    frame.loc[1, "start"] = 2022
    with pytest.raises(ValidationError, match="different values"):
        treated_from_column(frame, unit="regio", column="start")
