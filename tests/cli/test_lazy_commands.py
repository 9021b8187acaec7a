"""Commands load their area on first use: ``krapte extract`` does not import the database layer or pandas."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click

from krapte.cli import AREAS, COMMANDS


def test_every_command_of_every_area_is_named_in_the_lazy_table() -> None:
    registered: dict[str, str] = {}
    for area in AREAS:
        group = click.Group()
        importlib.import_module(f"krapte.cli.{area}").register(group)
        registered.update(dict.fromkeys(group.commands, area))
    assert registered == COMMANDS


def test_the_extract_command_does_not_import_the_database_layer() -> None:
    code = (
        "import sys; from krapte.cli import main\n"
        "try:\n    main(['extract', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('sqlalchemy', 'pandas', 'krapte.services', 'fastapi') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    assert "Extract ESCO skills" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_extract_command_ends_without_teardown_only_as_the_process_command_line(tmp_path: Path) -> None:
    """``krapte extract`` ends its process with ``os._exit`` once the answer is out (no freeing of the engine's
    millions of objects): the output is complete and the status the same; with explicit ``args`` (CliRunner, a
    library caller) it returns normally."""
    text = tmp_path / "vacature.txt"
    text.write_text("Wij zoeken een monteur die zonnepanelen installeert.", "utf-8")
    # as the process's own command line: atexit handlers no longer run, everything printed is there
    code = (
        "import atexit, sys; from krapte.cli import main\n"
        "atexit.register(lambda: print('TEARDOWN'))\n"
        "sys.argv = ['krapte', 'extract', '--lexical-only', '--json', *sys.argv[1:]]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(text)], capture_output=True, text=True, env=os.environ)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["language"] == "nl"
    assert "TEARDOWN" not in done.stdout
    failed = subprocess.run(
        [sys.executable, "-c", code, str(text), str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        env=os.environ,
    )
    assert failed.returncode == 2
    assert [("error" in r) for r in json.loads(failed.stdout)] == [False, True]
    # with explicit arguments: an ordinary SystemExit, and the process tears down as usual
    code = (
        "import atexit, sys; from krapte.cli import main\n"
        "atexit.register(lambda: print('TEARDOWN'))\n"
        "try:\n    main(['extract', '--lexical-only', '--json', sys.argv[1]])\nexcept SystemExit as exc:\n"
        "    print('EXIT', exc.code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(text)], capture_output=True, text=True, env=os.environ)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-2:] == ["EXIT 0", "TEARDOWN"]
