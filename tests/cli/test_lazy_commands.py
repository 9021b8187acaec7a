"""Commands load their area on first use: ``krapte extract`` does not import the database layer or pandas."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

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
