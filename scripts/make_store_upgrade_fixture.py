"""Build the upgrade fixture: a database as krapte release 0.1.0 (commit 264a95a) left it, dumped per dialect.

    python scripts/make_store_upgrade_fixture.py [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Checks out nothing: the release's schema is frozen in ``tests/fixtures/store/release_0_1_0/release_schema.py``.
The script creates that schema on an empty SQLite file and an empty PostgreSQL database, exactly as the
release's ``krapte db migrate`` did (``schema_migrations`` rows included), and fills every area with rows in the
shape the release's repositories wrote them:

- taxonomy: the tiny ESCO v1.2.0 test release (``tests/fixtures/esco/tiny-v1.2.0``) as an active version;
- labour: a demo pipeline of two made-up projects (labelled ``demo``) and three supply cells taken from the
  embedded ``labour-supply-2023`` data set;
- monitor: the first two measures of the embedded ``measures-actieplan-2023`` registry with their creation
  history, and one embedded indicator (``indicators-agdb``) with its observations;
- the audit log entries the release wrote for those imports.

It writes ``sqlite.sql`` (``sqlite3`` ``iterdump``) and ``postgresql.sql`` (``pg_dump --inserts``) next to the
frozen schema. ``tests/store/test_upgrade.py`` loads them and migrates.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sqlite3
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "store" / "release_0_1_0"
sys.path.insert(0, str(FIXTURE))
sys.path.insert(0, str(ROOT / "src"))

import release_schema as old  # noqa: E402

from krapte.monitor.indicators import period_kind, period_position, region_kind  # noqa: E402
from krapte.monitor.measures import diff_measures, load_measures  # noqa: E402
from krapte.taxonomy.esco_csv import read_esco  # noqa: E402
from krapte.taxonomy.serialize import taxonomy_to_dict  # noqa: E402

DATA = ROOT / "src" / "krapte" / "data"
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # a fixed clock so that the dumps are reproducible
ACTOR = "beheerder@example.org"


def _audit(conn: sa.Connection, at: datetime, action: str, object_type: str, object_id: str, detail: Any) -> None:
    conn.execute(
        old.audit_log.insert().values(
            at=at,
            actor=ACTOR,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str),
        )
    )


def _taxonomy(conn: sa.Connection) -> None:
    import hashlib

    tax, _ = read_esco([ROOT / "tests" / "fixtures" / "esco" / "tiny-v1.2.0"], version="1.2.0")
    raw = json.dumps(taxonomy_to_dict(tax), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    blob = gzip.compress(raw.encode("utf-8"), compresslevel=6, mtime=0)
    sha = hashlib.sha256(blob).hexdigest()
    version_id = f"esco-{tax.version}-{sha[:10]}"
    conn.execute(
        old.taxonomy_versions.insert().values(
            id=version_id,
            version=tax.version,
            sha256=sha,
            languages=",".join(tax.languages),
            occupations=len(tax.occupations),
            skills=len(tax.skills),
            active=True,
            origin="import",
            imported_at=T0,
            snapshot=blob,
        )
    )
    rows = [
        {
            "version_id": version_id,
            "uri": c.uri,
            "kind": kind,
            "label_nl": c.labels.get("nl", ""),
            "label_en": c.labels.get("en", ""),
            "isco_code": getattr(c, "isco_code", ""),
        }
        for kind, pool in (("occupation", tax.occupations), ("skill", tax.skills))
        for c in pool.values()
    ]
    conn.execute(old.taxonomy_concepts.insert(), rows)
    _audit(conn, T0, "import", "taxonomy_version", version_id, None)
    _audit(conn, T0, "activate", "taxonomy_version", version_id, None)


def _labour(conn: sa.Connection) -> None:
    at = T0 + timedelta(minutes=5)
    projects = [
        ("demo-zon-1", "Demo zonnepark Oost", "solar_pv", 12.5, "MW", "PV24", "2027Q1", "2027Q3", None),
        ("demo-wind-1", "Demo windpark Noord", "wind_onshore", 30.0, "MW", "PV20", "2027Q2", "2028Q4", [0.2, 0.8]),
    ]
    conn.execute(
        old.labour_pipelines.insert().values(
            name="demo-res", source_file="demo-res.csv", n_projects=len(projects), imported_at=at, imported_by=ACTOR
        )
    )
    conn.execute(
        old.labour_projects.insert(),
        [
            {
                "pipeline": "demo-res",
                "project_id": pid,
                "position": i,
                "name": name,
                "technology": tech,
                "size": size,
                "unit": unit,
                "location": loc,
                "start_quarter": start,
                "end_quarter": end,
                "earliest_start": None,
                "latest_end": None,
                "duration_quarters": None,
                "status": "planned",
                "profile": json.dumps(profile) if profile else None,
            }
            for i, (pid, name, tech, size, unit, loc, start, end, profile) in enumerate(projects)
        ],
    )
    _audit(conn, at, "import", "labour_pipeline", "demo-res", {"projects": 2, "source_file": "demo-res.csv"})
    with (DATA / "labour-supply-2023" / "employed_brc_2023.csv").open(encoding="utf-8") as fh:
        first = list(csv.reader(fh))[1:4]
    cells = [
        {"source": "cbs-2023", "region": "NL", "brc_group": row[0], "measure": "employed", "value": float(row[-1])}
        for row in first
    ]
    conn.execute(old.labour_supply_cells.insert(), [{**c, "imported_at": at} for c in cells])
    _audit(conn, at, "import", "labour_supply", "cbs-2023", {"cells": len(cells)})


def _monitor(conn: sa.Connection) -> None:
    at = T0 + timedelta(minutes=10)
    records = json.loads((DATA / "measures-actieplan-2023" / "measures.json").read_text(encoding="utf-8"))
    for measure in load_measures(records[:2]):
        conn.execute(
            old.monitor_measures.insert().values(
                id=measure.id,
                title_nl=measure.title_nl,
                pillars=",".join(measure.pillars),
                status=measure.status,
                version=1,
                document=json.dumps(measure.to_dict(), ensure_ascii=False),
                created_at=at,
                updated_at=at,
                updated_by=ACTOR,
            )
        )
        changes = diff_measures(None, measure)
        conn.execute(
            old.monitor_measure_history.insert().values(
                measure_id=measure.id,
                version=1,
                at=at,
                actor=ACTOR,
                action="create",
                changes=json.dumps(changes, ensure_ascii=False, default=str),
                comment="seed",
            )
        )
        _audit(
            conn,
            at,
            "measure.create",
            "measure",
            measure.id,
            {"version": 1, "fields": [c["field"] for c in changes]},
        )
    indicator = json.loads((DATA / "indicators-agdb" / "indicators.json").read_text(encoding="utf-8"))[0]
    conn.execute(old.monitor_indicators.insert().values(**indicator))
    with gzip.open(DATA / "indicators-agdb" / "observations.csv.gz", "rt", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["indicator"] == indicator["id"]]
    conn.execute(
        old.monitor_observations.insert(),
        [
            {
                "indicator_id": r["indicator"],
                "region": r["region"],
                "period": r["period"],
                "region_kind": region_kind(r["region"]),
                "period_kind": period_kind(r["period"]),
                "position": period_position(r["period"]),
                "value": float(r["value"]),
                "vintage": r["vintage"],
                "source": r["source"],
            }
            for r in rows
        ],
    )
    _audit(
        conn,
        at,
        "indicators.import",
        "indicator",
        indicator["id"],
        {"indicators created": 1, "observations added": len(rows)},
    )


def fill(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        old.create_release_schema(conn, T0 - timedelta(minutes=1))
        _taxonomy(conn)
        _labour(conn)
        _monitor(conn)


def dump_sqlite(path: Path) -> str:
    with sqlite3.connect(path) as con:
        return "\n".join(con.iterdump()) + "\n"


def dump_postgres(url: sa.URL) -> str:
    out = subprocess.run(
        [
            "pg_dump",
            "--inserts",
            "--no-owner",
            "--no-privileges",
            "--no-comments",
            f"--host={url.host}",
            f"--port={url.port or 5432}",
            f"--username={url.username}",
            str(url.database),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # psql meta-commands (\restrict … of recent pg_dump releases) are not SQL; the rest is plain statements
    return "".join(line for line in io.StringIO(out) if not line.startswith("\\"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "release.sqlite"
        engine = sa.create_engine(f"sqlite:///{path}")
        fill(engine)
        engine.dispose()
        (FIXTURE / "sqlite.sql").write_text(dump_sqlite(path), encoding="utf-8")
    admin = sa.create_engine(args.postgres, isolation_level="AUTOCOMMIT")
    name = "krapte_release_fixture"
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        url = admin.url.set(database=name)
        engine = sa.create_engine(url)
        fill(engine)
        engine.dispose()
        (FIXTURE / "postgresql.sql").write_text(dump_postgres(url), encoding="utf-8")
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    print(f"wrote {FIXTURE / 'sqlite.sql'} and {FIXTURE / 'postgresql.sql'}")


if __name__ == "__main__":
    main()
