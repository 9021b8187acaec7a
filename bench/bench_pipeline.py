"""The batch pipeline at scale: N vacancies through ``krapte pipeline extract`` on a local Dask cluster.

Input: a GENERATED DEMO SET (clearly not real vacancies): Dutch sentence templates filled with real Dutch ESCO
skill and occupation labels from the embedded taxonomy, plus requirement lines (certificates, licence, hours),
about 1.2 KB per vacancy, seeded so every run sees the same texts. Sizes 10k, 30k and 100k (``--quick``: 1k, 3k).

Figures per size: wall time, documents per second, peak resident memory of the driver plus all worker
processes (sampled every 0.2 s), and the cost per 1,000 documents (how it grows with N).
Baseline in the same run: a plain serial loop (one process, same engine, same options) over a 300-document
sample, extrapolated linearly to each N. Engine options: lexical stage (``--lexical-only``), as recommended
for national batches; the embedding stage is measured by ``bench_extract``.

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
    """Peak summed RSS of this process and all its descendants (the Dask nanny and worker processes)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def serial_baseline(path: Path, sample: int) -> float:
    """Seconds per document of a plain serial loop (read, extract, requirements) over the first ``sample`` rows."""
    from krapte.extract.documents import document_from_text
    from krapte.extract.requirements import extract_requirements
    from krapte.extract.skills import default_extractor

    engine = default_extractor(use_embeddings=False)
    rows = [json.loads(line) for _, line in zip(range(sample), path.open(encoding="utf-8"), strict=False)]
    engine.extract(rows[0]["text"], "auto", title=rows[0]["title"])  # warm up: indexes load on first use
    start = time.perf_counter()
    for row in rows:
        document = document_from_text(row["text"])
        engine.extract(document.text, "auto", title=row["title"])
        extract_requirements(document.text)
    return (time.perf_counter() - start) / len(rows)


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
        per_doc = serial_baseline(biggest, 300 if not quick else 100)
        print(f"baseline serial loop (1 process, same engine): {per_doc * 1000:.1f} ms/document")
        print(
            f"{'documents':>10} {'wall s':>9} {'docs/s':>8} {'s/1k docs':>10} {'peak RSS MB':>12} {'serial est. s':>14}"
        )
        for n in sizes:
            path = workdir / f"demo-{n}.jsonl"
            with biggest.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
                for _, line in zip(range(n), src, strict=False):
                    dst.write(line)
            output = workdir / f"out-{n}"
            with PeakMemory() as memory:
                start = time.perf_counter()
                report = run_extract_pipeline(
                    str(path), output, workers=2, partition_rows=2000, options=JobOptions(embeddings=False)
                )
                wall = time.perf_counter() - start
            print(
                f"{n:>10,} {wall:>9.1f} {report.documents / wall:>8.1f} {wall / n * 1000:>10.2f} "
                f"{memory.peak / 1e6:>12.0f} {per_doc * n:>14.1f}",
                flush=True,
            )
            shutil.rmtree(output, ignore_errors=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
