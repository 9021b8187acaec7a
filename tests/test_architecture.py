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


# --- the application layer: interfaces call services, the store only persists --------------------------------------
import ast  # noqa: E402
from pathlib import Path  # noqa: E402

PACKAGE = Path(krapte.__file__).parent
INTERFACES = ("cli", "api", "web")
# what the store may not load: engines (evaluation, reports, forecasts, planning, extraction, matching) and services
ENGINES = (
    "krapte.monitor.evaluate",
    "krapte.monitor.report",
    "krapte.labour.forecast",
    "krapte.labour.planning",
    "krapte.labour.tension",
    "krapte.extract",
    "krapte.match",
    "krapte.services",
)


def imported_modules(path: Path) -> set[str]:
    """Every module a source file imports, at any depth (``from x import y`` counts ``x`` and ``x.y``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def modules_of(area: str) -> list[Path]:
    return sorted((PACKAGE / area).rglob("*.py"))


def test_interfaces_never_touch_the_store() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(m for m in imported_modules(path) if m.startswith("krapte.store"))
        for area in INTERFACES
        for path in modules_of(area)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_store_runs_no_engines() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(m for m in imported_modules(path) if m.startswith(ENGINES))
        for path in modules_of("store")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_import_scan_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from krapte.store.monitor import list_measures\n", encoding="utf-8")
    assert "krapte.store.monitor" in imported_modules(sample)


def test_every_state_changing_web_form_checks_csrf() -> None:
    from fastapi.routing import APIRoute

    from krapte.api.app import ROUTERS
    from krapte.api.deps import verify_csrf

    missing = []
    for name in ROUTERS:
        if not name.startswith("krapte.web."):
            continue
        module = __import__(name, fromlist=["router"])
        for route in module.router.routes:
            changes_state = isinstance(route, APIRoute) and route.methods - {"GET", "HEAD", "OPTIONS"}
            if changes_state and not any(d.call is verify_csrf for d in route.dependant.dependencies):
                missing.append(f"{sorted(route.methods)} {route.path}")
    assert missing == []
