"""What every supply figure rests on: its basis (measured, imported or estimated) and its source.

The default supply has one real national table (CBS 85276NED, employed per BRC group, 2023); everything regional is
estimated. :data:`DEFAULT_BASES` says how, measure by measure, and :func:`cell_basis` gives the basis of one cell
after imports (cells replaced from a CBS / UWV / DUO file are ``imported`` from that file). Pages and exports show
these strings next to the figures.

Bases:

- ``measured``: published for exactly this cell (region, group, period) by the source;
- ``imported``: read from a file the user imported (a CBS/UWV/DUO table or a supply CSV);
- ``estimated``: derived by krapte from other figures with a stated rule (a national figure split by a regional
  share, a flat rate times employment).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

BasisKind = Literal["measured", "imported", "estimated"]
BASIS_DATASET = "labour-supply-basis-2024"


@dataclass(frozen=True)
class Basis:
    kind: BasisKind
    source: str

    def text(self) -> str:
        return f"{self.kind}: {self.source}"


REGION_BASIS = (
    "region's share of residential solar installations 2024 (CBS 85005NED, Woningen), a proxy for resident "
    "households; no regional employment table is embedded (import CBS 86112NED)"
)

DEFAULT_BASES: dict[str, Basis] = {
    "employed": Basis("estimated", f"national employed per BRC group 2023 (CBS 85276NED) × {REGION_BASIS}"),
    "vacancies": Basis(
        "estimated",
        "employed × national vacancy rate of the BRC class (anchors A04 technical 2023Q4, A07 ICT 2024Q4, "
        "A09 all 2022Q3)",
    ),
    "replacement_per_year": Basis(
        "estimated", "employed × 2.5 % a year (flat assumption; import ROA vervangingsvraag)"
    ),
    "inflow_per_year": Basis("estimated", "employed × 2.5 % a year (flat assumption; import DUO/ROA graduates)"),
    "job_seekers": Basis("estimated", "employed × 1.5 % (flat assumption; import UWV WW < 6 months per region)"),
}


@cache
def region_basis() -> dict[str, dict[str, float]]:
    """Per arbeidsmarktregio: residential and all solar installations 2024 and the share used as basis."""
    text = (resources.files("krapte.data") / BASIS_DATASET / "region_basis.csv").read_text(encoding="utf-8")
    return {
        r["arbeidsmarktregio_code"]: {k: float(v) for k, v in r.items() if k != "arbeidsmarktregio_code"}
        for r in csv.DictReader(io.StringIO(text))
    }


def region_shares() -> dict[str, float]:
    """The share of national employment assumed for each arbeidsmarktregio (sums to 1)."""
    return {code: row["share"] for code, row in region_basis().items()}
