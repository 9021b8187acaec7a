"""Importers on recorded CBS responses (OData v3, v4, CSV) and on DUO and UWV files in their published layout."""

import json
from pathlib import Path

import pytest

from krapte.errors import DataImportError
from krapte.monitor.importers.cbs import read_cbs_csv, read_cbs_odata
from krapte.monitor.importers.duo import read_duo_csv
from krapte.monitor.importers.uwv import read_uwv_csv
from krapte.monitor.indicators import Indicator, normalise_period
from tests.conftest import FIXTURES

CBS = FIXTURES / "cbs-monitor"
SOLAR_MW = "cbs-85004ned-opgesteldelektrischvermogen-1-e006590"


def _values(panel, indicator):  # type: ignore[no-untyped-def]
    return {(o.region, o.period): o.value for o in panel.observations if o.indicator == indicator}


def test_odata_v3_with_two_pages_and_code_lists() -> None:
    panel = read_cbs_odata(CBS / "85004NED-odata3")
    assert len(panel.indicators) == 4
    solar = next(i for i in panel.indicators if i.id == SOLAR_MW)
    assert solar.unit == "MW" and solar.name_nl == "Opgesteld elektrisch vermogen (Zonnestroom)"
    assert solar.licence.startswith("CC BY 4.0") and "85004NED" in solar.source
    values = _values(panel, SOLAR_MW)
    assert values[("NL", "2018")] == 4609 and values[("PV20", "2020")] > 0 and ("ES01", "2019") in values
    assert not any(r == "PV99" for r, _ in values)  # "niet in te delen" is skipped and counted
    assert panel.report.counts["skipped unassignable regions"] == 12
    assert all(o.vintage == "2025-06-30" for o in panel.observations)


def test_odata_v4_gives_the_same_figures_as_v3() -> None:
    v3 = read_cbs_odata(CBS / "85004NED-odata3", topics=["OpgesteldElektrischVermogen_1"])
    v4 = read_cbs_odata(CBS / "85004NED-odata4", topics=["M003451"])
    assert sorted(_values(v3, SOLAR_MW).items()) == sorted(_values(v4, "cbs-85004ned-m003451-e006590").items())


def test_csv_download_with_a_filter() -> None:
    panel = read_cbs_csv(
        CBS / "85004NED_UntypedDataSet.csv",
        table="85004NED",
        units={"OpgesteldElektrischVermogen_1": "MW"},
        topics=["OpgesteldElektrischVermogen_1"],
        where={"BronEnTechniek": ["E006637"]},
    )
    assert [i.id for i in panel.indicators] == ["cbs-85004ned-opgesteldelektrischvermogen-1-e006637"]
    assert panel.indicators[0].unit == "MW"
    assert _values(panel, panel.indicators[0].id)[("NL", "2020")] == 4188


def test_a_bad_cell_names_file_line_and_column(tmp_path: Path) -> None:
    text = (CBS / "85004NED_UntypedDataSet.csv").read_text().replace('"7226"', '"7.226,5x"')
    bad = tmp_path / "bad.csv"
    bad.write_text(text)
    with pytest.raises(DataImportError) as info:
        read_cbs_csv(bad, table="85004NED")
    problem = info.value.problems[0]
    assert (problem.file, problem.line, problem.column, problem.value) == (
        str(bad),
        3,
        "OpgesteldElektrischVermogen_1",
        "7.226,5x",
    )


def test_odata_errors_name_the_response(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    for f in (CBS / "85004NED-odata3").iterdir():
        (folder / f.name).write_text(f.read_text())
    (folder / "TypedDataSet-2.json").write_text('{"value": [')
    with pytest.raises(DataImportError, match="not valid JSON") as info:
        read_cbs_odata(folder)
    assert info.value.problem.file.endswith("TypedDataSet-2.json")
    with pytest.raises(DataImportError, match="Nonsense_9 are not in table 85004NED"):
        read_cbs_odata(CBS / "85004NED-odata3", topics=["Nonsense_9"])
    body = json.loads((CBS / "85004NED-odata3" / "TypedDataSet.json").read_text())
    body["value"][0]["Perioden"] = "ergens"
    (folder / "TypedDataSet.json").write_text(json.dumps(body))
    (folder / "TypedDataSet-2.json").write_text('{"value": []}')
    with pytest.raises(DataImportError, match="not a year, quarter or month"):
        read_cbs_odata(folder)


def test_duo_sums_selected_programmes_per_municipality_and_nationally() -> None:
    ind = Indicator("mbo-elektro", "Ingeschrevenen eerste monteur elektrotechniek", "studenten", "DUO")
    panel = read_duo_csv(FIXTURES / "duo" / "ingeschrevenen-mbo-demo.csv", indicator=ind, where={"CREBO": ["25250"]})
    values = _values(panel, "mbo-elektro")
    assert values[("GM0014", "2021")] == 126
    assert values[("GM0014", "2023")] == 140  # "<5" is masked, not guessed
    assert values[("NL", "2022")] == 131 + 8 + 85 + 3 + 58 + 4
    assert panel.report.counts["masked cells"] == 2


def test_uwv_long_table_per_labour_market_region() -> None:
    ind = Indicator("vac-tech", "Vacatures technische beroepen", "vacatures", "UWV")
    panel = read_uwv_csv(
        FIXTURES / "uwv" / "vacatures-arbeidsmarktregio-demo.csv",
        indicator=ind,
        value_column="Openstaande vacatures",
        where={"Beroepsklasse": ["Technische beroepen"]},
    )
    assert _values(panel, "vac-tech") == {
        ("AM01", "2023Q3"): 2150,
        ("AM01", "2023Q4"): 2230,
        ("AM18", "2023Q3"): 5400,
        ("AM18", "2023Q4"): 5520,
        ("NL", "2023Q4"): 78900,
    }


def test_uwv_duplicate_rows_are_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "dup.csv"
    bad.write_text("Regiocode;Periode;Aantal\nAM01;2023 K4;5\nAM01;2023-Q4;6\n")
    with pytest.raises(DataImportError) as info:
        read_uwv_csv(bad, indicator=Indicator("x", "x", "x", "x"), value_column="Aantal")
    assert info.value.problem.line == 3


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023JJ00", "2023"),
        ("2023KW04", "2023Q4"),
        ("2023 K4", "2023Q4"),
        ("Q2 2021", "2021Q2"),
        ("2023MM05", "2023M05"),
        ("2023-05", "2023M05"),
    ],
)
def test_period_forms(raw: str, expected: str) -> None:
    assert normalise_period(raw)[0] == expected
