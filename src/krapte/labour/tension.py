"""Tension per arbeidsmarktregio × BRC beroepsgroep × quarter, in UWV and ROA classes, with shortage flags.

Two indicators, both computed with the projects' extra demand ``E_{r,g,q}`` (construction + O&M FTE of the
forecast, aggregated from the factor set's occupations to BRC 2014 groups through their ISCO-08 codes):

- **UWV spanningsindicator** (open vacancies per short-term WW benefit): ``S = (V + E) / U`` with ``V`` the baseline
  vacancies and ``U`` the short-term job seekers. Classes (UWV, anchor A37): < 0.25 zeer ruim, 0.25-0.67 ruim,
  0.67-1.5 gemiddeld, 1.5-4.0 krap, > 4.0 zeer krap.
- **ROA ITA** (entrants per opening over a year): ``ITA = I / (R + E)`` with ``I`` the yearly inflow of new
  entrants and ``R`` the yearly replacement demand (the projects' FTE count as expansion demand).
  Classes (ROA/POA, anchor A38): <= 0.85 zeer goed, <= 1.00 goed, <= 1.05 redelijk, <= 1.15 matig,
  > 1.15 slecht (prospects for job seekers; "zeer goed" means scarce workers).

A cell is marked ``shortage`` when S >= 1.5 (krap) or ITA <= 0.85, and ``severe`` when S > 4.0. The published
national picture is itself mostly short (2022Q1: 88 of 92 beroepsgroepen krap or zeer krap, anchor A11), so most
cells are short *before* any project; ``--flagged`` (``rows(flagged=True)``) therefore selects the cells whose
class the projects' extra demand makes worse (``demand_effect``: ``new shortage`` or ``tighter``), not every short
cell.

**UWV and ROA answer different questions** (:func:`interpret`): the UWV class describes the market *now* from the
employer's side (vacancies per short-term job seeker), the ROA class the *prospects of job seekers* over about six
years (school-leaver inflow per opening). UWV "krap" and ROA "goed"/"zeer goed" agree: few workers for the jobs.
They disagree when UWV says "krap" and ROA "matig"/"slecht" (tight today, enough entrants coming) or UWV says
"ruim" and ROA "goed" (slack today, too few entrants later).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from krapte.errors import NotFoundError
from krapte.labour.factors import factor_set
from krapte.labour.forecast import Forecast
from krapte.labour.quarters import format_quarter, parse_quarter
from krapte.labour.regions import default_regions
from krapte.labour.supply import SupplyTable, brc_labels, default_supply, isco_to_brc

UWV_CLASSES: tuple[tuple[float, str], ...] = (
    (0.25, "zeer ruim"),
    (0.67, "ruim"),
    (1.5, "gemiddeld"),
    (4.0, "krap"),
    (float("inf"), "zeer krap"),
)
ITA_CLASSES: tuple[tuple[float, str], ...] = (
    (0.85, "zeer goed"),
    (1.00, "goed"),
    (1.05, "redelijk"),
    (1.15, "matig"),
    (float("inf"), "slecht"),
)
SHORTAGE_UWV, SEVERE_UWV, SHORTAGE_ITA = 1.5, 4.0, 0.85
THRESHOLD_SOURCES = {
    "uwv": "UWV spanningsindicator classes, anchor A37 (arbeidsmarktinzicht.nl/zeeland/content/states/index/114094)",
    "ita": "ROA/POA ITA classes, anchor A38 (arbeidsmarktinzicht.nl/content/states/index/99270)",
}


def uwv_class(value: float) -> str:
    """UWV class of a spanningsindicator value; lower bounds inclusive (1.5 is krap), and 4.0 itself is krap."""
    if value > SEVERE_UWV:
        return "zeer krap"
    for upper, name in UWV_CLASSES[:-1]:
        if value < upper:
            return name
    return "krap"


def ita_class(value: float) -> str:
    """ROA class of an ITA value; upper bounds inclusive (0.85 is zeer goed)."""
    for upper, name in ITA_CLASSES:
        if value <= upper:
            return name
    return ITA_CLASSES[-1][1]


UWV_ORDER = {name: i for i, (_, name) in enumerate(UWV_CLASSES)}  # 0 = zeer ruim .. 4 = zeer krap
ITA_ORDER = {name: -i for i, (_, name) in enumerate(ITA_CLASSES)}  # higher = scarcer workers (zeer goed = 0)


def interpret(uwv_name: str, ita_name: str) -> str:
    """One sentence that reconciles the UWV class (now, employers) and the ROA class (prospects, job seekers)."""
    tight_now = UWV_ORDER[uwv_name] >= UWV_ORDER["krap"]
    slack_now = UWV_ORDER[uwv_name] <= UWV_ORDER["ruim"]
    scarce_later = ITA_ORDER[ita_name] >= ITA_ORDER["goed"]
    ample_later = ITA_ORDER[ita_name] <= ITA_ORDER["matig"]
    if tight_now and scarce_later:
        return (
            f"agree: UWV {uwv_name} (many vacancies per job seeker now) and ROA {ita_name} (good prospects for job "
            "seekers, too few entrants) both mean too few workers"
        )
    if tight_now and ample_later:
        return (
            f"differ in time: tight now (UWV {uwv_name}) but enough school-leavers per opening in the coming years "
            f"(ROA {ita_name}); the shortage is expected to ease"
        )
    if slack_now and scarce_later:
        return (
            f"differ in time: slack now (UWV {uwv_name}) but too few entrants per opening in the coming years "
            f"(ROA {ita_name}); a shortage is expected to build up"
        )
    return f"no strong signal: UWV {uwv_name} now, ROA {ita_name} for the coming years"


def demand_effect(uwv: float, ita: float, base_uwv: float, base_ita: float, extra: float) -> str:
    """What the projects' extra demand does to a cell's classes: ``new shortage``, ``tighter`` or ``none``."""
    if extra <= 0:
        return "none"
    if flag(uwv, ita) != "none" and flag(base_uwv, base_ita) == "none":
        return "new shortage"
    worse_uwv = UWV_ORDER[uwv_class(uwv)] > UWV_ORDER[uwv_class(base_uwv)]
    worse_ita = ITA_ORDER[ita_class(ita)] > ITA_ORDER[ita_class(base_ita)]
    return "tighter" if worse_uwv or worse_ita else "none"


def flag(uwv: float, ita: float) -> str:
    if uwv > SEVERE_UWV:
        return "severe"
    if uwv >= SHORTAGE_UWV or ita <= SHORTAGE_ITA:
        return "shortage"
    return "none"


@dataclass(frozen=True)
class TensionTable:
    regions: tuple[str, ...]
    groups: tuple[str, ...]
    first: int
    extra_demand: np.ndarray  # (R, G, Q)
    uwv: np.ndarray  # (R, G, Q)
    ita: np.ndarray  # (R, G, Q)
    baseline_uwv: np.ndarray  # (R, G)
    baseline_ita: np.ndarray  # (R, G)
    supply: SupplyTable | None = None  # for the basis of every row

    def basis(self, region: str, group: str) -> str:
        """What a tension figure rests on: the basis of each supply measure it uses and the projects' demand."""
        parts = ["estimated from the projects' demand (employment factors)"]
        if self.supply is not None:
            for measure, name in (
                ("vacancies", "vacancies"),
                ("job_seekers", "job seekers"),
                ("inflow_per_year", "inflow"),
                ("replacement_per_year", "replacement"),
            ):
                b = self.supply.basis(region, group, measure)
                parts.append(f"{name} {b.kind}" + (f" ({b.source})" if b.kind == "imported" else ""))
        return ", ".join(parts)

    @property
    def last(self) -> int:
        return self.first + self.uwv.shape[2] - 1

    def quarters(self) -> list[str]:
        return [format_quarter(q) for q in range(self.first, self.last + 1)]

    def cell(self, region: str, group: str, quarter: int | str) -> dict[str, Any]:
        try:
            r, g = self.regions.index(region), self.groups.index(group)
        except ValueError:
            raise NotFoundError(
                f"no tension cell for region {region!r} and BRC group {group!r}",
                hint="regions are arbeidsmarktregio codes (AM01..); occupations BRC/ISCO codes or factor-set names",
            ) from None
        q = parse_quarter(quarter) - self.first
        q = min(max(q, 0), self.uwv.shape[2] - 1)  # outside the horizon: nearest forecast quarter
        return self._cell(r, g, q)

    def _effect(self, r: int, g: int, q: int) -> str:
        return demand_effect(
            float(self.uwv[r, g, q]),
            float(self.ita[r, g, q]),
            float(self.baseline_uwv[r, g]),
            float(self.baseline_ita[r, g]),
            float(self.extra_demand[r, g, q]),
        )

    def _cell(self, r: int, g: int, q: int) -> dict[str, Any]:
        uwv, ita = float(self.uwv[r, g, q]), float(self.ita[r, g, q])
        base_uwv, base_ita = float(self.baseline_uwv[r, g]), float(self.baseline_ita[r, g])
        return {
            "region": self.regions[r],
            "region_name": default_regions().name(self.regions[r]),
            "brc_group": self.groups[g],
            "label": brc_labels().get(self.groups[g], self.groups[g]),
            "quarter": format_quarter(self.first + q),
            "extra_demand_fte": round(float(self.extra_demand[r, g, q]), 3),
            "spanningsindicator": round(uwv, 4),
            "uwv_class": uwv_class(uwv),
            "ita": round(ita, 4),
            "ita_class": ita_class(ita),
            "baseline_uwv_class": uwv_class(float(self.baseline_uwv[r, g])),
            "baseline_ita_class": ita_class(float(self.baseline_ita[r, g])),
            "flag": flag(uwv, ita),
            "baseline_flag": flag(base_uwv, base_ita),
            "demand_effect": self._effect(r, g, q),
            "new_shortage": flag(uwv, ita) != "none" and flag(base_uwv, base_ita) == "none",
            "uwv_vs_roa": interpret(uwv_class(uwv), ita_class(ita)),
            "basis": self.basis(self.regions[r], self.groups[g]),
        }

    def rows(
        self, *, region: str | None = None, group: str | None = None, quarter: str | None = None, flagged: bool = False
    ) -> list[dict[str, Any]]:
        """Cells as dicts; ``flagged`` keeps only cells whose class the projects' extra demand makes worse."""
        out = []
        q_sel = None if quarter is None else parse_quarter(quarter) - self.first
        for r, rc in enumerate(self.regions):
            if region and rc != region:
                continue
            for g, gc in enumerate(self.groups):
                if group and gc != group:
                    continue
                for q in range(self.uwv.shape[2]):
                    if q_sel is not None and q != q_sel:
                        continue
                    if flagged and self._effect(r, g, q) == "none":
                        continue
                    out.append(self._cell(r, g, q))
        return out


def _safe_div(a: np.ndarray, b: np.ndarray, fill: float) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(b > 0, a / np.where(b > 0, b, 1.0), fill)
    return np.asarray(out, dtype=float)


def tension_table(forecast: Forecast | None, supply: SupplyTable | None = None) -> TensionTable:
    """Tension of every region × BRC group × forecast quarter (baseline only if ``forecast`` is None)."""
    supply = supply or default_supply()
    n_q = 1
    first = parse_quarter("2026Q1")
    extra = np.zeros((len(supply.regions), len(supply.groups), 1))
    if forecast is not None:
        groups, demand = forecast.by_brc()
        n_q = demand.shape[2]
        first = forecast.first
        extra = np.zeros((len(supply.regions), len(supply.groups), n_q))
        g_index = {g: i for i, g in enumerate(supply.groups)}
        r_index = [supply.regions.index(r) for r in forecast.regions]
        for j, g in enumerate(groups):
            if g in g_index:
                extra[r_index, g_index[g], :] += demand[:, j, :]
    v = supply.measure("vacancies")[:, :, None]
    u = supply.measure("job_seekers")[:, :, None]
    i = supply.measure("inflow_per_year")[:, :, None]
    rep = supply.measure("replacement_per_year")[:, :, None]
    uwv = _safe_div(v + extra, np.broadcast_to(u, extra.shape), np.inf)
    uwv = np.where((v + extra) == 0, 0.0, uwv)
    ita = _safe_div(np.broadcast_to(i, extra.shape), rep + extra, np.inf)
    return TensionTable(
        regions=supply.regions,
        groups=supply.groups,
        first=first,
        extra_demand=extra,
        uwv=uwv,
        ita=ita,
        baseline_uwv=_safe_div(v[:, :, 0], u[:, :, 0], np.inf),
        baseline_ita=_safe_div(i[:, :, 0], rep[:, :, 0], np.inf),
        supply=supply,
    )


def resolve_occupation(occupation: str) -> str:
    """A BRC 2014 group from a BRC code, an ISCO-08 code, an ESCO occupation URI or a factor-set occupation name."""
    text = occupation.strip()
    labels = brc_labels()
    if text.isdigit() and len(text) == 4 and text in labels:
        return text
    if text.isdigit() and len(text) == 4 and text in isco_to_brc():
        return isco_to_brc()[text]
    if text.startswith("http"):
        isco = _esco_isco(text)
        if isco and isco in isco_to_brc():
            return isco_to_brc()[isco]
    try:
        return factor_set().occupation(text).brc_group
    except NotFoundError:
        pass
    raise NotFoundError(
        f"occupation {occupation!r} cannot be mapped to a BRC 2014 beroepsgroep",
        hint="give a BRC code (0761), an ISCO-08 code (7411), an ESCO occupation URI or a name such as 'Electricians'",
    )


def _esco_isco(uri: str) -> str | None:
    """The ISCO-08 unit group of an ESCO occupation, if the taxonomy is available."""
    try:
        from krapte.taxonomy import default_taxonomy
    except ImportError:
        return None
    try:
        occ = default_taxonomy().occupation(uri)
    except Exception:
        return None
    code = str(getattr(occ, "isco_code", "") or getattr(occ, "isco_group", "") or "")
    digits = "".join(ch for ch in code if ch.isdigit())
    return digits[:4] if len(digits) >= 4 else None


@cache
def default_tension_table() -> TensionTable:
    """Tension under the embedded default scenario: the national scenario of RES, NPE and NPLW
    (``nl-programmes-2030``, :mod:`krapte.labour.programmes`)."""
    from krapte.labour.programmes import default_national_forecast

    return tension_table(default_national_forecast(), default_supply())


def tension(region: str, occupation: str, quarter: int | str, *, table: TensionTable | None = None) -> dict[str, Any]:
    """Tension of one arbeidsmarktregio × occupation × quarter (default: the embedded default scenario).

    ``occupation`` may be a BRC group, an ISCO-08 code, an ESCO occupation URI or a factor-set occupation name.
    Quarters outside the forecast horizon use the nearest forecast quarter. ``region`` is an arbeidsmarktregio
    (code or name) or a gemeente, which answers for the arbeidsmarktregio it lies in.
    """
    regions = default_regions()
    try:
        code = regions.find(region, kinds=("arbeidsmarktregio",)).code
    except NotFoundError:
        gemeente = regions.find(region, kinds=("gemeente",)).code
        code = next(iter(regions.am_weights(gemeente)))
    return (table or default_tension_table()).cell(code, resolve_occupation(occupation), quarter)
