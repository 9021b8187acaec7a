"""Monitor benchmarks: CBS OData import and panel writes, report rendering, and the coverage of the seed.

Figures are printed next to baselines computed in the same run:

- **import**: parsing a CBS OData v3 response of the real size of 85004NED (all regions, sources and years of
  the shared copy) with :func:`read_cbs_odata`, next to ``json.loads`` of the same bytes (the floor);
- **store**: writing those observations with :func:`save_panel` (batched, one transaction) next to a naive
  row-by-row insert of the same rows in one transaction;
- **report**: building and rendering the per-measure report (charts, KPI) next to the plan-wide overview;
- **seed**: measures per pillar, share verified in the plan text, with budget, with indicators, with KPIs.
"""

from __future__ import annotations

import csv
import json
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_85004 = (
    ROOT.parent
    / "shared"
    / "data"
    / "energy"
    / "cbs_85004NED_hernieuwbare_elektriciteit_regio"
    / "85004NED_full_data.csv"
)
FIXTURE = ROOT / "tests" / "fixtures" / "cbs-monitor" / "85004NED-odata3"


def _timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _big_response(folder: Path, copies: int) -> int:
    """A v3 folder like the fixture, with TypedDataSet holding the full shared table (``copies`` times)."""
    for f in FIXTURE.iterdir():
        if not f.name.startswith("TypedDataSet"):
            (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    rows = []
    if SHARED_85004.exists():
        with SHARED_85004.open(encoding="utf-8") as fh:
            source = list(csv.DictReader(fh))
    else:  # shared data absent: reuse the fixture rows
        source = json.loads((FIXTURE / "TypedDataSet.json").read_text(encoding="utf-8"))["value"]
    codes = {"E006590", "E006637"}
    n = 0
    for c in range(copies):
        for r in source:
            if str(r["BronEnTechniek"]).strip() not in codes:
                continue
            region = str(r["RegioS"]).strip()
            if c:
                region = f"{region[:2]}{c}{region[2:]}"  # distinct region codes per copy
            rows.append(
                {
                    "ID": n,
                    "RegioS": region,
                    "BronEnTechniek": r["BronEnTechniek"],
                    "Perioden": r["Perioden"],
                    "OpgesteldElektrischVermogen_1": float(r["OpgesteldElektrischVermogen_1"] or 0),
                    "NietGenormaliseerdeProductie_2": float(r["NietGenormaliseerdeProductie_2"] or 0),
                }
            )
            n += 1
    (folder / "TypedDataSet.json").write_text(json.dumps({"value": rows}), encoding="utf-8")
    return n


def run(quick: bool) -> None:
    import sqlalchemy as sa

    from krapte.monitor.defaults import default_measures, load_default_monitor
    from krapte.monitor.importers.cbs import read_cbs_odata
    from krapte.monitor.report import render_measure_report, render_overview
    from krapte.store import monitor as repo
    from krapte.store import open_store

    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "odata"
        folder.mkdir()
        n_rows = _big_response(folder, copies=1 if quick else 4)
        raw = (folder / "TypedDataSet.json").read_bytes()
        t_json = _timed(lambda: json.loads(raw), repeat)
        t_parse = _timed(lambda: read_cbs_odata(folder), repeat)
        panel = read_cbs_odata(folder)
        n_obs = len(panel.observations)
        print(f"import  {n_rows} OData rows -> {n_obs} observations")
        print(f"  read_cbs_odata     {t_parse * 1000:8.1f} ms  ({n_obs / t_parse:,.0f} obs/s)")
        print(f"  baseline json.load {t_json * 1000:8.1f} ms  (floor: decoding the response only)")

        def krapte_write() -> None:
            st = open_store(url=f"sqlite:///{tmp}/a{time.perf_counter_ns()}.sqlite")
            repo.save_panel(st, panel.indicators, panel.observations, actor="bench")
            st.dispose()

        def naive_write() -> None:
            st = open_store(url=f"sqlite:///{tmp}/b{time.perf_counter_ns()}.sqlite")
            with st.transaction() as conn:
                for ind in panel.indicators:
                    conn.execute(repo.indicators.insert().values(**ind.to_dict()))
                for o in panel.observations:
                    conn.execute(
                        repo.observations.insert().values(
                            indicator_id=o.indicator,
                            region=o.region,
                            period=o.period,
                            region_kind=o.region_kind,
                            period_kind=o.period_kind,
                            position=0.0,
                            value=o.value,
                            vintage=o.vintage,
                            source=o.source,
                        )
                    )
            st.dispose()

        t_save = _timed(krapte_write, repeat)
        t_naive = _timed(naive_write, repeat)
        print(f"store   {n_obs} observations into SQLite (incl. opening a migrated store)")
        print(f"  save_panel (batched)     {t_save * 1000:8.1f} ms")
        print(f"  baseline row-by-row      {t_naive * 1000:8.1f} ms")

        from krapte.services import Context, Principal
        from krapte.services.monitor import measure_report
        from krapte.settings import Settings

        st = open_store(url=f"sqlite:///{tmp}/r.sqlite")
        ctx = Context(st, Principal.anonymous(), Settings.from_env({"KRAPTE_DATA_DIR": tmp}))
        t_setup = _timed(lambda: load_default_monitor(st, None), 1)
        print(f"setup   load_default_monitor (first run, empty store): {t_setup * 1000:.0f} ms")
        for measure_id in ("P4-MONITORING", "P4-RES-RMT"):
            t_report = _timed(
                lambda mid=measure_id: render_measure_report(measure_report(ctx, mid), fmt="html"), repeat
            )
            print(f"report  {measure_id:15} build + render HTML: {t_report * 1000:8.1f} ms")
        items = repo.list_measures(st)
        t_over = _timed(lambda: render_overview(items, fmt="html"), repeat)
        print(f"  baseline overview of {len(items)} measures (no charts): {t_over * 1000:8.1f} ms")
        with st.connect() as conn:
            n_panel = conn.execute(sa.select(sa.func.count()).select_from(repo.observations)).scalar_one()
        print(f"  embedded panel: {n_panel} observations")
        st.dispose()

    measures = default_measures()
    print(f"seed    {len(measures)} measures")
    for pillar in ("P1", "P2", "P3", "P4"):
        print(f"  {pillar}: {sum(pillar in m.pillars for m in measures)}")
    share = {
        "verified in plan text": sum(m.verification_status == "verified-plan-text" for m in measures),
        "from later public document": sum(m.verification_status == "later-public-document" for m in measures),
        "could not be verified": sum(m.verification_status == "unverified" for m in measures),
        "with budget": sum(bool(m.budget) for m in measures),
        "with linked indicators": sum(bool(m.indicators) for m in measures),
        "with KPI targets": sum(bool(m.kpis) for m in measures),
        "with regional roll-out dates": sum(bool(m.rollout) for m in measures),
    }
    for label, count in share.items():
        print(f"  {label:30} {count:3} ({100 * count / len(measures):.0f} %)")
