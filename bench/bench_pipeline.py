"""The batch pipeline at scale: N vacancies through ``krapte pipeline extract`` on a local Dask cluster.

Input: a GENERATED DEMO SET (clearly not real vacancies): Dutch sentence templates filled with real Dutch ESCO
skill and occupation labels from the embedded taxonomy, plus requirement lines (certificates, licence, hours),
about 0.8 KB per vacancy, seeded so every run sees the same texts. Sizes 10k, 30k and 100k (``--quick``: 1k, 3k).

Stages: lexical skill stage + context + requirements, as ``krapte pipeline extract --lexical-only`` (no embedding
stage, no occupation/title ranking: that is ``--occupations``). 2 worker processes, 1,000 rows per partition.
Every size is a fresh run: its wall time includes building the engine and starting the cluster.

Figures per size: wall time, documents per second, ms per document (how the cost grows with N), peak memory of
the driver plus all worker processes (PSS and RSS sums, sampled every 0.5 s) and each worker's own peak RSS
(``getrusage`` in the worker). Baseline in the same run: a plain serial loop (one process, same engine, same
stages, no Dask, no Parquet) over the smallest size, measured after the pipeline runs and extrapolated linearly.

Run: ``python -m bench pipeline`` (``--quick`` for a smoke run); sizes via ``KRAPTE_BENCH_PIPELINE_SIZES=10000,30000``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import threading
import time
from pathlib import Path

import psutil

TEMPLATES = [
    "Als {occ} ben je verantwoordelijk voor {skill}.",
    "Je hebt ervaring met {skill} en {skill2}.",
    "Tot je taken behoren {skill} en het {skill2}.",
    "Wij zoeken iemand die {skill} beheerst.",
    "Kennis van {skill} is een pré.",
    "Je werkt samen met collega's aan {skill}.",
    "In deze functie richt je je op {skill}, {skill2} en {skill3}.",
]
REQUIREMENT_LINES = [
    "Wat vragen wij? Een afgeronde mbo-opleiding niveau {mbo}, VCA basis en rijbewijs B.",
    "Je beschikt over NEN 3140 (VP) en spreekt Nederlands op niveau B1.",
    "Het betreft een baan van {lo}-{hi} uur per week; parttime is bespreekbaar.",
    "Hbo werk- en denkniveau; F-gassen certificaat categorie 1 of bereid dit te halen.",
]
BLURB = (
    "Over ons: wij zijn een groeiend installatiebedrijf met een informele sfeer. Wij bieden een goed salaris, "
    "een leaseauto en 25 vakantiedagen. Wij zijn een gelijke-kansenwerkgever."
)


def generate_demo_vacancies(path: Path, n: int, seed: int = 2026) -> int:
    """Write ``n`` GENERATED demo vacancies as JSONL (id, title, text); returns the number of bytes of text."""
    from krapte.taxonomy import default_taxonomy

    taxonomy = default_taxonomy()
    skills = sorted(s.label("nl").lower() for s in taxonomy.skills.values() if s.has_label("nl"))
    occupations = sorted(o.label("nl") for o in taxonomy.occupations.values() if o.has_label("nl"))
    rng = random.Random(seed)
    total = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            occ = rng.choice(occupations)
            lines = [f"Vacature: {occ} (gegenereerd demovoorbeeld)"]
            for template in rng.sample(TEMPLATES, 5):
                lines.append(
                    template.format(
                        occ=occ, skill=rng.choice(skills), skill2=rng.choice(skills), skill3=rng.choice(skills)
                    )
                )
            for template in rng.sample(REQUIREMENT_LINES, 2):
                lines.append(
                    template.format(mbo=rng.choice([2, 3, 4]), lo=rng.choice([24, 32]), hi=rng.choice([36, 40]))
                )
            lines.append(BLURB)
            text = "\n".join(lines)
            total += len(text.encode("utf-8"))
            handle.write(json.dumps({"id": f"demo-{i}", "title": occ, "text": text}, ensure_ascii=False) + "\n")
    return total


class PeakMemory:
    """Peak memory of this process and all its descendants (the Dask nanny and worker processes).

    Two sums, sampled every 0.5 s: RSS (counts pages shared between the driver and its forked workers once per
    process, so it overstates) and PSS (proportional set size: shared pages split between the processes sharing
    them, so the sum is what the job really occupies). Also the largest single process (RSS).
    """

    def __init__(self) -> None:
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_process = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            rss = pss = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    info = proc.memory_full_info()
                except psutil.Error:
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
                self.peak_process = max(self.peak_process, info.rss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self._stop.wait(0.5)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def serial_baseline(path: Path, n: int) -> tuple[float, float, float]:
    """A plain serial loop in this process over the first ``n`` rows: the same work as a pipeline task (read,
    decode, extract skills without occupations, requirements), without Dask or Parquet.

    Returns (seconds to build the engine, seconds for the ``n`` documents, CPU seconds for them).
    """
    from krapte.extract.documents import document_from_text
    from krapte.extract.requirements import extract_requirements
    from krapte.extract.skills import SkillExtractor
    from krapte.taxonomy import default_taxonomy

    start = time.perf_counter()
    engine = SkillExtractor(default_taxonomy(), use_embeddings=False)  # not the process-wide one: timed here
    built = time.perf_counter() - start
    start, start_cpu = time.perf_counter(), time.process_time()
    with path.open(encoding="utf-8") as handle:
        for _, line in zip(range(n), handle, strict=False):
            row = json.loads(line)
            document = document_from_text(row["text"])
            engine.extract(document.text, "auto")
            extract_requirements(document.text)
    return built, time.perf_counter() - start, time.process_time() - start_cpu


def _forget_engine() -> None:
    """Drop the process-wide extractors, so the next run builds its own (and the memory goes)."""
    import gc

    from krapte.extract.skills import default_extractor
    from krapte.pipeline.extract_job import _extractor

    _extractor.cache_clear()
    default_extractor.cache_clear()
    gc.collect()


def run(quick: bool) -> None:
    from krapte.pipeline import JobOptions, run_extract_pipeline

    sizes_env = os.environ.get("KRAPTE_BENCH_PIPELINE_SIZES")
    sizes = (
        [int(s) for s in sizes_env.split(",")] if sizes_env else ([1000, 3000] if quick else [10_000, 30_000, 100_000])
    )
    workdir = Path(tempfile.mkdtemp(prefix="krapte-bench-pipeline-"))
    try:
        biggest = workdir / "demo.jsonl"
        nbytes = generate_demo_vacancies(biggest, max(sizes))
        print(f"generated demo set: {max(sizes):,} vacancies, {nbytes / 1e6:.1f} MB of text (GENERATED, not real data)")
        print("stages: lexical + context + requirements (no embedding stage, no occupation/title ranking)")
        rows: list[tuple[int, float]] = []
        print(
            f"{'documents':>10} {'wall s':>8} {'docs/s':>7} {'ms/doc':>7} "
            f"{'worker CPU ms/doc':>17} {'peak PSS MB':>11} {'peak RSS MB':>11} {'worker RSS MB':>14} {'load':>5}"
        )
        for n in sizes:
            path = workdir / f"demo-{n}.jsonl"
            with biggest.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
                for _, line in zip(range(n), src, strict=False):
                    dst.write(line)
            output = workdir / f"out-{n}"
            load_before = os.getloadavg()[0]
            _forget_engine()  # every size pays the engine build, like a fresh ``krapte pipeline extract``
            with PeakMemory() as memory:
                start = time.perf_counter()
                report = run_extract_pipeline(
                    str(path), output, workers=2, partition_rows=1000, options=JobOptions(embeddings=False)
                )
                wall = time.perf_counter() - start
            workers = "/".join(f"{mb:.0f}" for mb in sorted(report.worker_peak_rss_mb.values()))
            print(
                f"{n:>10,} {wall:>8.1f} {report.documents / wall:>7.0f} {wall / n * 1000:>7.2f} "
                f"{report.worker_cpu_seconds / n * 1000:>17.2f} "
                f"{memory.peak_pss / 1e6:>11.0f} {memory.peak_rss / 1e6:>11.0f} "
                f"{workers:>14} {(load_before + os.getloadavg()[0]) / 2:>5.1f}",
                flush=True,
            )
            rows.append((n, wall))
            shutil.rmtree(output, ignore_errors=True)
        _forget_engine()
        load = os.getloadavg()[0]
        base_n = min(sizes)
        built, serial, serial_cpu = serial_baseline(biggest, base_n)
        per_doc = serial / base_n
        print(
            f"baseline serial loop (1 process, same engine and stages, measured after the pipeline runs) on "
            f"{base_n:,} documents: engine build {built:.1f} s + {serial:.1f} s = {built + serial:.1f} s "
            f"({per_doc * 1000:.2f} ms/document, {base_n / serial:.0f} docs/s; {serial_cpu / base_n * 1000:.2f} CPU ms/"
            f"document; load average {load:.1f})"
        )
        print(f"{'documents':>10} {'pipeline s':>10} {'serial s (est.)':>15} {'speed-up':>8}")
        for n, wall in rows:
            serial_n = built + per_doc * n  # measured at the smallest size, linear beyond it
            print(f"{n:>10,} {wall:>10.1f} {serial_n:>15.1f} {serial_n / wall:>7.2f}x")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
