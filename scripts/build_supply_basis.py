"""Build the regional basis of the default labour supply (``src/krapte/data/labour-supply-basis-2024``).

No table of employment (or population) per arbeidsmarktregio is among the public data krapte embeds, so a region's
share of national employment has to be estimated. The basis chosen is the region's share of **residential** solar
installations (CBS 85005NED, 2024, sector "Woningen"): it follows the number of owner-occupied dwellings, so
resident households, which is what the EBB counts (workers by place of residence). It replaces the share of *all*
installations, which also counts business and farm roofs and so over-weights rural regions with many farms.
Known bias, stated with every figure: cities with many rented flats (Groot Amsterdam, Rijnmond, Haaglanden) are
under-represented. Import CBS 86112NED (beroep × regio) to replace the estimate with the measured figures.

Run: ``.venv/bin/python scripts/build_supply_basis.py [--shared PATH]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from provenance import PACKAGE_DATA, SHARED, write_provenance

DATASET = "labour-supply-basis-2024"
RESIDENTIAL, ALL = "E007037", "E007161"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default: ../shared/data)")
    args = parser.parse_args()
    out = PACKAGE_DATA / DATASET
    out.mkdir(parents=True, exist_ok=True)
    solar = pd.read_csv(args.shared / "energy" / "cbs_85005NED_zonnestroom_regio" / "85005NED_full_data.csv")
    solar["RegioS"] = solar.RegioS.str.strip()
    solar["sec"] = solar.SectorEnVermogensklasse.astype(str).str.strip()
    gm = solar[(solar.Perioden == "2024JJ00") & solar.RegioS.str.startswith("GM")]
    gem = pd.read_csv(args.shared / "regions" / "gemeente_arbeidsmarktregio_res_2026.csv", dtype=str)
    columns = {}
    for code, name in ((RESIDENTIAL, "residential_installations_2024"), (ALL, "all_installations_2024")):
        per_gm = gm[gm.sec == code].set_index("RegioS").Installaties_1
        values = gem.gemeente_code.map(per_gm)
        missing = gem[values.isna()].gemeente_code.tolist()
        if missing:
            raise SystemExit(f"no 2024 {code} installations for {missing}")
        columns[name] = values.groupby(gem.arbeidsmarktregio_code).sum().astype(int)
    frame = pd.DataFrame(columns)
    frame["share"] = (frame.residential_installations_2024 / frame.residential_installations_2024.sum()).round(6)
    frame["share_all_installations"] = (frame.all_installations_2024 / frame.all_installations_2024.sum()).round(6)
    frame.index.name = "arbeidsmarktregio_code"
    frame.reset_index().to_csv(out / "region_basis.csv", index=False, lineterminator="\n")
    write_provenance(
        DATASET,
        title="Regional basis of the default supply: residential solar installations per arbeidsmarktregio (2024)",
        source=(
            "CBS 85005NED Zonnestroom; vermogen en vermogensklasse, bedrijven en woningen, regio; 2024JJ00, sector "
            "E007037 (Woningen) and E007161 (totaal), per gemeente (via nlparzival/KIIRA-PAY @b4c60843); gemeente -> "
            "arbeidsmarktregio 2026 (shared/data/regions)"
        ),
        version="2024",
        licence="CC BY 4.0",
        attribution="Bron: CBS",
        derivation=(
            "installations per gemeente summed per arbeidsmarktregio; share = residential installations / national; "
            "an ESTIMATED basis for a region's share of employment (no regional employment table is embedded); "
            "replace with CBS 86112NED via `krapte supply import`"
        ),
    )


if __name__ == "__main__":
    main()
