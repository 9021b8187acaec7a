"""Default loader for ``krapte setup``: the labour domain's embedded data needs no database rows.

Regions, factor sets, supply and the default scenario are read from ``krapte/data`` on first use. The loader
migrates the labour tables (through the store) and checks that the embedded datasets load, so that a broken
install is reported at setup time rather than at the first forecast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from krapte.labour.factors import factor_set_names
from krapte.labour.programmes import national_projects
from krapte.labour.regions import default_regions
from krapte.labour.res_scenario import scenario_projects
from krapte.labour.supply import default_supply


def load_default_labour(store: Any, settings: Any, progress: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """Check the embedded labour datasets; returns their sizes (idempotent, writes nothing)."""
    regions = default_regions()
    supply = default_supply()
    return {
        "arbeidsmarktregios": len(regions.am_codes),
        "res_regions": len(regions.res_regions()),
        "gemeenten": len(regions.gemeenten),
        "factor_sets": len(factor_set_names()),
        "supply_groups": len(supply.groups),
        "default_scenario_projects": len(scenario_projects()),
        "national_scenario_projects": len(national_projects()),
    }
