"""``krapte pipeline extract``: skill and requirement extraction over many vacancies on Dask distributed.

The driver plans partitions (:mod:`krapte.pipeline.inputs`), skips those already finished in the output folder,
and submits one task per remaining partition to a Dask cluster: a :class:`distributed.LocalCluster` on this
machine by default, or the scheduler at ``scheduler`` (``tcp://host:8786``). Each task reads its slice of the
input file, runs the same engine functions as ``krapte extract`` (one extractor per worker process, built on
first use), and writes its Parquet parts atomically (:mod:`krapte.pipeline.outputs`). Bad rows go to the
quarantine with their reason; the rest proceeds. Running the same command again skips finished partitions and
gives the same output (idempotent); partitions of inputs that changed since are replaced.

On a real cluster, input and output paths must be visible to every worker under the same name (shared disk).
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from krapte.errors import InputError, KrapteError
from krapte.pipeline.inputs import DEFAULT_PARTITION_ROWS, PartitionSpec, expand_inputs, plan_partitions, read_partition
from krapte.pipeline.outputs import (
    atomic_write_bytes,
    finished,
    mark_done,
    merge_quarantine,
    remove_stale,
    write_table,
)

PIPELINE_VERSION = "1"  # bump when the output of a partition changes, so that old partitions are recomputed


@dataclass(frozen=True)
class JobOptions:
    """What every worker needs to know; part of every partition id (change it and partitions recompute)."""

    lang: str = "auto"
    embeddings: bool = True
    max_text_bytes: int = 20 * 1024 * 1024
    min_confidence: float = 0.0
    occupations: bool = False  # rank occupations (skills + the title column) into the ``occupations`` table

    def salt(self) -> str:
        return json.dumps({**asdict(self), "version": PIPELINE_VERSION}, sort_keys=True)


@dataclass
class PartitionStats:
    partition: str
    source: str
    documents: int = 0
    skills: int = 0
    quarantined: int = 0
    skipped: bool = False
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the worker on this partition (process_time): independent of load
    worker_pid: int = 0
    worker_peak_rss_mb: float = 0.0  # peak resident memory of the worker process so far (getrusage)


@dataclass
class PipelineReport:
    """What a run did; also written to ``OUTPUT/_SUCCESS.json``."""

    output: str
    inputs: list[str]
    partitions: int
    skipped: int
    documents: int
    skills: int
    quarantined: int
    removed_stale: int
    seconds: float
    scheduler: str
    worker_peak_rss_mb: dict[str, float] = field(default_factory=dict)  # per worker process (pid) of this run
    worker_cpu_seconds: float = 0.0  # CPU time of the partitions computed in this run, summed over workers
    options: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@cache
def _extractor(embeddings: bool) -> Any:
    """One extractor per worker process (the taxonomy and indexes load once, then serve every partition)."""
    from krapte.extract.skills import default_extractor

    return default_extractor(use_embeddings=embeddings)


def process_partition(spec: PartitionSpec, output: str, options: JobOptions) -> PartitionStats:
    """Extract one partition and write its tables; runs on a worker. Never raises for a bad row."""
    from krapte.extract.documents import document_from_text
    from krapte.extract.requirements import extract_requirements

    started, started_cpu = time.perf_counter(), time.process_time()
    out = Path(output)
    stats = PartitionStats(spec.id, spec.path)
    tables: dict[str, list[dict[str, Any]]] = {
        "skills": [],
        "requirements": [],
        "documents": [],
        "occupations": [],
        "quarantine": [],
    }
    seen: dict[str, int] = {}
    extractor = _extractor(options.embeddings)

    def quarantine(line: int, doc_id: str | None, reason: str) -> None:
        tables["quarantine"].append({"source": spec.path, "line": line, "doc_id": doc_id, "reason": reason})

    for row in read_partition(spec):
        if row.values is None:
            quarantine(row.line, None, row.problem or "unreadable row")
            continue
        raw_id, text, title = row.values.get("id"), row.values.get("text"), row.values.get("title")
        doc_id = None if raw_id is None else str(raw_id).strip()
        if not doc_id:
            quarantine(row.line, None, "missing id")
            continue
        if doc_id in seen:
            quarantine(row.line, doc_id, f"duplicate id (first seen on line {seen[doc_id]})")
            continue
        seen[doc_id] = row.line
        if not isinstance(text, str):
            quarantine(row.line, doc_id, "missing text" if text is None else f"text is a {type(text).__name__}")
            continue
        try:
            document = document_from_text(text, name=f"{spec.path}:{row.line}", max_bytes=options.max_text_bytes)
            # The title only feeds the occupation ranking, the costliest step after the skills themselves; rank
            # it only when the occupations are wanted (they are thrown away otherwise).
            doc_title = (str(title) if title else None) or document.title
            profile = extractor.extract(document.text, options.lang, title=doc_title if options.occupations else None)
            requirements = extract_requirements(document.text)
        except KrapteError as exc:
            quarantine(row.line, doc_id, exc.message + (f" ({exc.hint})" if exc.hint else ""))
            continue
        except Exception as exc:  # an engine bug on one row must not stop the batch; the reason is kept
            quarantine(row.line, doc_id, f"extraction failed: {type(exc).__name__}: {exc}")
            continue
        skills = [s for s in profile.skills if s.confidence >= options.min_confidence]
        for skill in skills:
            tables["skills"].append(
                {
                    "doc_id": doc_id,
                    "uri": skill.uri,
                    "label_nl": skill.label_nl,
                    "label_en": skill.label_en,
                    "confidence": skill.confidence,
                    "is_green": skill.is_green,
                    "is_digital": skill.is_digital,
                    "evidence": [
                        {"start": e.start, "end": e.end, "text": e.text, "method": e.method} for e in skill.evidence
                    ],
                }
            )
        if options.occupations:
            for rank, occupation in enumerate(profile.occupations, start=1):
                tables["occupations"].append(
                    {
                        "doc_id": doc_id,
                        "rank": rank,
                        "uri": occupation.uri,
                        "label": occupation.label,
                        "score": occupation.score,
                        "reasons": list(occupation.reasons),
                    }
                )
        education = requirements.education
        hours = requirements.hours
        tables["requirements"].append(
            {
                "doc_id": doc_id,
                "certificates": [c.id + (f":{c.variant}" if c.variant else "") for c in requirements.certificates],
                "driving_licences": [d.category for d in requirements.driving_licences],
                "education_level": education.level if education else None,
                "mbo_level": education.mbo_level if education else None,
                "nlqf": education.nlqf if education else None,
                "hours_min": hours.min if hours else None,
                "hours_max": hours.max if hours else None,
                "part_time": hours.part_time if hours else None,
                "languages": [f"{x.language}:{x.level or ''}" for x in requirements.language_levels],
                "detail": json.dumps(requirements.to_dict(), ensure_ascii=False),
            }
        )
        tables["documents"].append(
            {
                "doc_id": doc_id,
                "source": spec.path,
                "line": row.line,
                "title": title if isinstance(title, str) else document.title,
                "language": profile.lang,
                "status": "ok" if skills else "no_skills",
                "n_skills": len(skills),
                "n_chars": len(document.text),
                "warnings": list(document.warnings),
                "plain_text": document.text if document.text != text else None,
            }
        )
        stats.documents += 1
        stats.skills += len(skills)
    stats.quarantined = len(tables["quarantine"])
    for table, rows in tables.items():
        write_table(out, table, spec.id, rows)
    stats.seconds = round(time.perf_counter() - started, 3)
    stats.cpu_seconds = round(time.process_time() - started_cpu, 3)
    stats.worker_pid = os.getpid()
    stats.worker_peak_rss_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux
    mark_done(out, spec.id, asdict(stats))
    return stats


def _local_cluster(factory: Any, workers: int, options: JobOptions) -> Any:
    """A local cluster whose workers start with the extractor already built, when that is safe.

    Building the lexical extractor costs about 5 CPU seconds and 400 MB per process. For the lexical stage the
    driver builds it once and the worker processes are *forked* from it, so they inherit it: one build instead of
    one per worker, and the read-only parts (the Aho-Corasick automaton, the taxonomy) stay shared copy-on-write.
    The embedding stage holds an inference runtime with its own threads, which must not be forked; then (and on
    platforms without fork) the workers are spawned and each builds its own extractor on first use.
    """
    import multiprocessing

    import dask

    fork = not options.embeddings and "fork" in multiprocessing.get_all_start_methods()
    if fork:
        _extractor(options.embeddings)
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork" if fork else "spawn"}):
        return factory(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            host="127.0.0.1",
            memory_limit=0,
        )


def _worker_peaks(done: list[PartitionStats]) -> dict[str, float]:
    """The highest peak RSS each worker process reported in this run (skipped partitions are not counted)."""
    peaks: dict[str, float] = {}
    for stats in done:
        if not stats.skipped and stats.worker_pid:
            key = str(stats.worker_pid)
            peaks[key] = max(peaks.get(key, 0.0), stats.worker_peak_rss_mb)
    return peaks


Progress = Callable[[PartitionStats, int, int], Any]


def run_extract_pipeline(
    inputs: str | Path | list[str],
    output: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_rows: int = DEFAULT_PARTITION_ROWS,
    options: JobOptions | None = None,
    progress: Progress | None = None,
    client: Any | None = None,
) -> PipelineReport:
    """Run extraction over every row of ``inputs`` into ``output``; see the module docstring.

    ``client`` is an existing :class:`distributed.Client` to use (and leave open), e.g. from a notebook; its
    workers keep their loaded extractor between runs. Otherwise ``scheduler`` or a new local cluster is used.
    """
    from distributed import Client, LocalCluster, as_completed

    started = time.perf_counter()
    options = options or JobOptions()
    if options.lang not in ("auto", "nl", "en"):
        raise InputError(f"language {options.lang!r} is not supported", hint="use auto, nl or en")
    out = Path(output).resolve()
    if out.exists() and not out.is_dir():
        raise InputError("the output exists and is not a directory", file=str(out), hint="choose a directory")
    paths = expand_inputs(inputs)
    if any(out == p or out in p.parents for p in paths):
        raise InputError("the output directory contains an input file", file=str(out), hint="choose another output")
    specs = plan_partitions(paths, rows=partition_rows, salt=options.salt())
    out.mkdir(parents=True, exist_ok=True)
    removed = remove_stale(out, {s.id for s in specs})
    (out / "_SUCCESS.json").unlink(missing_ok=True)

    where = "the given client" if client is not None else scheduler or f"LocalCluster({workers} workers)"
    done: list[PartitionStats] = []
    todo: list[PartitionSpec] = []
    for spec in specs:
        previous = finished(out, spec.id)
        if previous is None:
            todo.append(spec)
        else:
            stats = PartitionStats(**{**previous, "skipped": True})
            done.append(stats)
            if progress:
                progress(stats, len(done), len(specs))
    if todo:
        cluster = None
        own_client = client is None
        if client is not None:
            pass
        elif scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = _local_cluster(LocalCluster, workers, options)
            client = Client(cluster)
        try:
            futures = [
                client.submit(process_partition, spec, str(out), options, key=f"krapte-extract-{spec.id}", pure=False)
                for spec in todo
            ]
            for future in as_completed(futures):
                stats = future.result()
                done.append(stats)
                if progress:
                    progress(stats, len(done), len(specs))
        finally:
            if own_client:
                client.close()
            if cluster is not None:
                cluster.close()
    quarantined = merge_quarantine(out)
    report = PipelineReport(
        output=str(out),
        inputs=[str(p) for p in paths],
        partitions=len(specs),
        skipped=sum(1 for s in done if s.skipped),
        documents=sum(s.documents for s in done),
        skills=sum(s.skills for s in done),
        quarantined=quarantined,
        removed_stale=removed,
        seconds=round(time.perf_counter() - started, 2),
        scheduler=where,
        options=asdict(options),
        worker_peak_rss_mb=_worker_peaks(done),
        worker_cpu_seconds=round(sum(s.cpu_seconds for s in done if not s.skipped), 2),
    )
    atomic_write_bytes(out / "_SUCCESS.json", json.dumps(report.to_dict(), indent=2).encode())
    return report
