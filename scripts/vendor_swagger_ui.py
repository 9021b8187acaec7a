"""Vendor the Swagger UI assets of the API docs into the package, so ``/api/docs`` loads nothing from a CDN.

Downloads the wheel of the PyPI package ``swagger-ui-bundle-v2`` (Apache-2.0; Swagger UI by SmartBear) with
pip, copies the browser bundle, its stylesheet, the icon and the licence into
``src/krapte/web/static/vendor/swagger-ui/`` and writes ``provenance.json`` with the version and SHA-256 of each
file. Run it only to upgrade Swagger UI: ``python scripts/vendor_swagger_ui.py [VERSION]``; the output is
committed.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "swagger-ui-bundle-v2"
DEFAULT_VERSION = "5.31.0"
FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png")
OUT = Path(__file__).resolve().parents[1] / "src" / "krapte" / "web" / "static" / "vendor" / "swagger-ui"


def main(version: str = DEFAULT_VERSION) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", f"{PACKAGE}=={version}", "-d", tmp],
            check=True,
        )
        (wheel,) = Path(tmp).glob("*.whl")
        OUT.mkdir(parents=True, exist_ok=True)
        digests: dict[str, str] = {}
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            for file in FILES:
                (member,) = [n for n in names if n.endswith(f"/swagger-ui-{version}/{file}")]
                data = archive.read(member)
                (OUT / file).write_bytes(data)
                digests[file] = hashlib.sha256(data).hexdigest()
            (licence,) = [n for n in names if n.endswith("LICENSE")]
            (OUT / "LICENSE").write_bytes(archive.read(licence))
            digests["LICENSE"] = hashlib.sha256((OUT / "LICENSE").read_bytes()).hexdigest()
        wheel_sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
    provenance = {
        "id": "swagger-ui",
        "title": "Swagger UI browser bundle for the API documentation at /api/docs",
        "files": [*FILES, "LICENSE"],
        "source": f"PyPI package {PACKAGE}=={version} (wheel {wheel.name}, sha256 {wheel_sha})",
        "version": version,
        "licence": "Apache-2.0",
        "attribution": "Swagger UI, SmartBear Software; packaged by the swagger_ui_bundle maintainers",
        "derivation": "copied unchanged from swagger_ui_bundle/vendor/swagger-ui-<version>/ by "
        "scripts/vendor_swagger_ui.py",
        "sha256": digests,
    }
    (OUT / "provenance.json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    print(f"Swagger UI {version} vendored into {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
