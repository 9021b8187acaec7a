import json

from click.testing import CliRunner

from krapte.cli import main


def test_help_lists_domain_groups() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "setup" in result.output and "serve" in result.output


def test_db_migrate_is_idempotent(settings) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    first = runner.invoke(main, ["db", "migrate"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(main, ["db", "migrate"])
    assert "applied 0 migration(s)" in second.output


def test_errors_are_one_line_or_the_json_shape(settings) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    plain = runner.invoke(main, ["taxonomy", "show", "http://data.europa.eu/esco/skill/does-not-exist"])
    assert plain.exit_code == 2
    assert plain.output.startswith("error: ") and "Traceback" not in plain.output
    as_json = runner.invoke(main, ["taxonomy", "show", "http://data.europa.eu/esco/skill/does-not-exist", "--json"])
    assert as_json.exit_code == 2
    assert json.loads(as_json.output)["error"]["code"] == "not_found"
