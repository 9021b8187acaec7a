"""Embed the region map geometries (``../shared/data/geo``) for the SVG choropleth maps.

Writes ``src/krapte/data/geo-regions-2025/``: the TopoJSON boundaries of the 35 arbeidsmarktregio's and the 30 RES
regions (2025; WGS84, already simplified with mapshaper by cartomap/nl), copied byte for byte, plus
``provenance.json``. Codes (AMxx, ESxx) match ``regions-2026``; join on codes, not names.

Run: ``.venv/bin/python scripts/build_geo.py [--shared PATH]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from provenance import PACKAGE_DATA, SHARED, write_provenance

DATASET = "geo-regions-2025"
FILES = {
    "arbeidsmarktregio_2025.topojson": "0513a585d703071e42ca46285dd432258c3731d2e0396808fac931df0ee1919e",
    "regionale_energiestrategie_2025.topojson": "6e032fdb7523154155a3881f92831dfff7788070aaa1e1a7fac4b137da0c4135",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default: ../shared/data)")
    args = parser.parse_args()
    out = PACKAGE_DATA / DATASET
    out.mkdir(parents=True, exist_ok=True)
    for name, sha in FILES.items():
        source = args.shared / "geo" / name
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        if digest != sha:
            raise SystemExit(f"{source}: sha256 {digest} differs from the one in geo/SOURCE.txt")
        topo = json.loads(source.read_text(encoding="utf-8"))
        (obj,) = topo["objects"].values()
        n = len(obj["geometries"])
        expected = 35 if name.startswith("arbeidsmarktregio") else 30
        if n != expected:
            raise SystemExit(f"{source}: {n} features, expected {expected}")
        shutil.copyfile(source, out / name)
    write_provenance(
        DATASET,
        title="Boundaries of the 35 arbeidsmarktregio's and the 30 RES regions (2025), simplified, for choropleths",
        source=(
            "cartomap/nl @01e3b4cea860e7bb5dc3bddbfff72d3e4f4709e6, wgs84/arbeidsmarktregio_2025.topojson and "
            "wgs84/regionale_energiestrategie_2025.topojson (PDOK / CBS Gebiedsindelingen, simplified with mapshaper)"
        ),
        version="2025",
        licence="CBS/PDOK open data (CC BY 4.0 assumed, see shared/data/geo/SOURCE.txt); repository states no licence",
        attribution="Bron: CBS / PDOK, via cartomap/nl",
        derivation="copied byte for byte (sha256 checked against shared/data/geo/SOURCE.txt); feature counts checked",
    )


if __name__ == "__main__":
    main()
