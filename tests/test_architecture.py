"""The domain core imports no adapter: no sqlalchemy, fastapi, click, nor krapte.store/api/web/cli.

Every module of the core packages is imported in a fresh interpreter; afterwards no adapter may be loaded.
The ``defaults`` modules are the glue that loads embedded data into a store; they may reach the store, but only
inside their functions, so importing them must stay clean too.
"""

import pkgutil
import subprocess
import sys

import krapte

CORE = ("taxonomy", "text", "extract", "labour", "monitor", "match", "pipeline")
FORBIDDEN = ("sqlalchemy", "fastapi", "starlette", "click", "krapte.store", "krapte.api", "krapte.web", "krapte.cli")


def core_modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages(krapte.__path__, prefix="krapte."):
        if info.name.split(".")[1] in CORE:
            found.append(info.name)
    return sorted(found)


def test_core_packages_are_found() -> None:
    modules = core_modules()
    assert "krapte.labour.forecast" in modules and "krapte.monitor.evaluate.scm" in modules


def test_domain_core_imports_no_adapters() -> None:
    code = (
        "import importlib, sys\n"
        f"for m in {core_modules()!r}: importlib.import_module(m)\n"
        f"bad = sorted(n for n in sys.modules if n.split('.')[0] in {FORBIDDEN!r} or n.startswith({FORBIDDEN!r}))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
