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
