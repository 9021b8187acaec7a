"""The monitor domain core imports no adapter: no sqlalchemy, fastapi, click, nor krapte.store/api/web/cli."""

import subprocess
import sys

MODULES = [
    "krapte.monitor.measures",
    "krapte.monitor.indicators",
    "krapte.monitor.importers.cbs",
    "krapte.monitor.importers.duo",
    "krapte.monitor.importers.uwv",
    "krapte.monitor.kpi",
    "krapte.monitor.charts",
    "krapte.monitor.report",
    "krapte.monitor.export",
    "krapte.monitor.algoritmeregister",
    "krapte.monitor.defaults",
]
FORBIDDEN = ("sqlalchemy", "fastapi", "click", "krapte.store", "krapte.api", "krapte.web", "krapte.cli")


def test_domain_modules_import_no_adapters() -> None:
    code = (
        "import importlib, sys\n"
        f"for m in {MODULES!r}: importlib.import_module(m)\n"
        f"bad = sorted(n for n in sys.modules if n.split('.')[0] in {FORBIDDEN!r} or n.startswith({FORBIDDEN!r}))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
