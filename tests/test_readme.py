"""The README's examples run as written (issue 12): every ``bash``/``sh`` block of the sections that show krapte at
work is run in order, in one fresh data directory, with ``krapte`` being this checkout's CLI and ``examples/`` the
shipped example inputs. A command that fails, or a file the README names that does not exist, fails the test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SHARED_CACHE

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# the sections whose blocks are examples to run; the quick start (make run / make test) is what CI itself runs
SECTIONS = ("## Ander werk vinden", "## What it does, by example")
PASSWORD = "voorbeeld-wachtwoord-2026"


def example_blocks(text: str) -> list[str]:
    """The shell blocks of :data:`SECTIONS`, in README order."""
    blocks: list[str] = []
    for heading in SECTIONS:
        start = text.index(heading)
        following = text.find("\n## ", start + len(heading))
        section = text[start : following if following != -1 else len(text)]
        blocks += re.findall(r"```(?:bash|sh)\n(.*?)```", section, flags=re.S)
    return blocks


def test_the_sections_hold_examples() -> None:
    blocks = example_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) == 2
    assert all("krapte " in b for b in blocks)


def test_every_file_the_examples_name_is_shipped() -> None:
    named = set(re.findall(r"examples/[\w./*-]+", "\n".join(example_blocks(README.read_text(encoding="utf-8")))))
    assert named, "the examples name no example files"
    for path in sorted(named):
        assert list(ROOT.glob(path.rstrip("/"))), f"{path} is named in the README but not shipped"
    assert (EXAMPLES / "README.md").is_file()


@pytest.mark.xdist_group("readme")
def test_readme_examples_run_as_written(tmp_path: Path) -> None:
    script = "\n".join(example_blocks(README.read_text(encoding="utf-8")))
    (tmp_path / "examples").symlink_to(EXAMPLES, target_is_directory=True)
    env = {
        **os.environ,
        "KRAPTE_DATA_DIR": str(tmp_path / "data"),
        "KRAPTE_CACHE_DIR": os.environ.get("KRAPTE_CACHE_DIR", str(SHARED_CACHE)),
        "KRAPTE_DATABASE_URL": "",
        "KRAPTE_PYTHON": sys.executable,
        "PW": PASSWORD,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    env.pop("KRAPTE_DATABASE_URL")
    # `users create` asks for the password twice: with no terminal it reads standard input, which the harness fills
    prelude = (
        "set -euo pipefail\n"
        "krapte() {\n"
        '  if [ "${1:-} ${2:-}" = "users create" ]; then\n'
        '    printf "%s\\n%s\\n" "$PW" "$PW" | "$KRAPTE_PYTHON" -m krapte "$@"\n'
        '  else "$KRAPTE_PYTHON" -m krapte "$@" </dev/null; fi\n'
        "}\n"
    )
    log = tmp_path / "output.txt"  # what the examples printed, kept when they fail or time out
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.run(
            ["bash", "-c", prelude + script],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=1800,
            start_new_session=True,
        ).returncode
    assert code == 0, f"README example failed:\n{log.read_text(encoding='utf-8')[-4000:]}"
    assert (tmp_path / "report.html").is_file()
    assert any((tmp_path / "out").rglob("*.parquet"))
