"""Speed of the extraction engine on Dutch vacancy text, next to the peer gazetteer on the same text.

Text: the 50 Dutch passages written for krapte (``tests/fixtures/nl-passages``), each passage one document,
repeated until the corpus is about 5 MB (``--quick``: 1 MB). Figures (one process, one core):

* lexical stage (normalisation + Aho–Corasick + boundary checks + longest-match selection): MB/s;
* peer ``skill-extractor`` 0.2.0 ``KeywordMatcher`` (FlashText port, its bundled gazetteer) on the same documents;
* the full ``extract()`` (context, negation, boilerplate, aggregation, occupations) without and with the
  cross-lingual embedding stage: documents/s.

Times are CPU seconds of this process (``time.process_time``), i.e. throughput per core, so that other work on a
shared machine does not distort them. Printed, never asserted. ``python -m bench extract_speed [--quick]``.

**Latency** (:func:`latency_section`, issue 11 §5 and the CV step of issue 10), as child processes, each with a private
cache directory that links the label indexes of ``KRAPTE_CACHE_DIR`` (the extractor cache is built in an untimed
first run): ``krapte extract`` on the one-page CV (``tests/fixtures/documents/cv_nl.txt``) and on the two-page PDF CV,
wall and CPU from the command to the answer (median of 3); the extraction service (the call behind ``POST
/api/v1/extract`` and the web page) on the two-page CV in one process: the first call, then p50/p95 of 20 calls; and
the full ``extract()`` on the 50 Dutch passages, documents per CPU second. With ``KRAPTE_BENCH_BASELINE=<dir>`` (the
``src`` directory of an older export, e.g. ``git archive d5a28b7 src | tar -x -C /tmp/base``) the same runs are made
with that code, alternating with this code, as the same-run baseline. Latency only (a few minutes; ``--quick``: 2
runs and 5 calls): ``python -m bench.bench_extract_speed --latency [--quick]``.
"""

from __future__ import annotations

import copy
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from krapte.extract.skills import SkillExtractor

ROOT = Path(__file__).resolve().parents[1]
PASSAGES = ROOT / "tests" / "fixtures" / "nl-passages" / "passages.jsonl"
CV_ONE_PAGE = ROOT / "tests" / "fixtures" / "documents" / "cv_nl.txt"
CV_TWO_PAGES = ROOT / "tests" / "fixtures" / "documents" / "cv_nl_two_pages.pdf"
# the service measurement, run in a child process with the code under test on PYTHONPATH
SERVICE_CHILD = """
import json, statistics, sys, tempfile, time
from pathlib import Path
from krapte.services.context import Context, Principal
from krapte.services import extract as svc
from krapte.settings import Settings
from krapte.store import open_store
calls, passages, cv = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu
store = open_store(url=f"sqlite:///{tempfile.mkdtemp()}/krapte.sqlite")
ctx = Context(store, Principal.anonymous(), Settings.from_env())
data = cv.read_bytes()
first = timed(lambda: svc.extract(ctx, data, name=cv.name))
runs = [timed(lambda: svc.extract(ctx, data, name=cv.name)) for _ in range(calls)]
from krapte.extract.skills import default_extractor
engine = default_extractor()
texts = [json.loads(line)["text"] for line in passages.read_text("utf-8").splitlines()]
cpu = time.process_time()
for text in texts:
    engine.extract(text, "nl")
docs_per_cpu = len(texts) / (time.process_time() - cpu)
print(json.dumps({"first": first, "runs": runs, "docs_per_cpu": docs_per_cpu}))
"""


def _documents(target_bytes: int) -> list[str]:
    base = [json.loads(line)["text"] for line in PASSAGES.read_text("utf-8").splitlines()]
    docs: list[str] = []
    size = 0
    while size < target_bytes:
        for text in base:
            docs.append(text)
            size += len(text.encode())
    return docs


def run(quick: bool) -> None:
    latency_section(quick)
    throughput_section(quick)


def throughput_section(quick: bool) -> None:
    from krapte.taxonomy import default_taxonomy

    docs = _documents(1_000_000 if quick else 5_000_000)
    n_bytes = sum(len(d.encode()) for d in docs)
    start = time.process_time()
    extractor = SkillExtractor(default_taxonomy())
    print(f"extractor built in {time.process_time() - start:.1f} s; {len(extractor.gazetteer):,} label variants")
    print(f"corpus: {len(docs):,} Dutch documents, {n_bytes / 1e6:.1f} MB")

    start = time.process_time()
    hits = sum(len(extractor.lexical_hits(d)) for d in docs)
    secs = time.process_time() - start
    print(f"  krapte lexical stage            {n_bytes / secs / 1e6:6.2f} MB/s   ({hits:,} hits)")

    try:
        from importlib import resources

        from skill_extractor.matcher import KeywordMatcher

        keywords = json.loads((resources.files("skill_extractor") / "data" / "skills.json").read_text("utf-8"))
        matcher = KeywordMatcher(keywords)
        start = time.process_time()
        hits = sum(len(matcher.extract(d)) for d in docs)
        secs = time.process_time() - start
        print(f"  peer skill-extractor matcher    {n_bytes / secs / 1e6:6.2f} MB/s   ({hits:,} hits)")
    except ImportError:
        print("  peer skill-extractor not installed (pip install '.[bench]')")

    lexical_only = copy.copy(extractor)
    lexical_only.use_embeddings = False
    sample = docs[: 500 if quick else 2000]
    start = time.process_time()
    for d in sample:
        lexical_only.extract(d, "nl")
    secs = time.process_time() - start
    print(f"  extract(), lexical + context    {len(sample) / secs:8.0f} documents/s")
    if extractor.use_embeddings:
        sample = docs[:100]
        extractor.extract(sample[0], "nl")  # load the skill vectors outside the timing
        start = time.process_time()
        for d in sample:
            extractor.extract(d, "nl")
        secs = time.process_time() - start
        print(f"  extract(), + cross-lingual      {len(sample) / secs:8.1f} documents/s")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _child_cpu(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + system) of one child process, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), out


def latency_section(quick: bool) -> None:
    """``krapte extract`` from the command to the answer, and the extraction service's p50/p95 on a 2-page CV."""
    from krapte.settings import Settings

    cache = Settings.from_env().cache_dir
    variants = {"this code": str(ROOT / "src")}
    if os.environ.get("KRAPTE_BENCH_BASELINE"):
        variants = {"baseline": os.environ["KRAPTE_BENCH_BASELINE"], **variants}
    calls = 5 if quick else 20
    with tempfile.TemporaryDirectory() as tmp:
        envs: dict[str, dict[str, str]] = {}
        for name, src in variants.items():
            private = Path(tmp) / name.replace(" ", "-")
            private.mkdir()
            for path in cache.glob("*"):
                if path.suffix in (".npz", ".pickle") and not path.name.startswith("extractor-"):
                    (private / path.name).symlink_to(path)
            env = {**os.environ, "PYTHONPATH": src, "KRAPTE_CACHE_DIR": str(private)}
            env.pop("OMP_WAIT_POLICY", None)
            envs[name] = env
        krapte = [sys.executable, "-c", "from krapte.cli import main; main()", "extract"]
        for env in envs.values():  # untimed: builds the extractor cache of each variant
            subprocess.run([*krapte, str(CV_ONE_PAGE)], env=env, capture_output=True, check=True)
        print("krapte extract, from the command to the answer (median of 3; wall / CPU seconds of the process):")
        for document in (CV_ONE_PAGE, CV_TWO_PAGES):
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in envs}
            for _ in range(2 if quick else 3):
                for name, env in envs.items():  # alternating, so both see the same load
                    wall, cpu, _ = _child_cpu([*krapte, str(document)], env)
                    times[name].append((wall, cpu))
            for name, pairs in times.items():
                print(
                    f"  {document.name:<22} {name:<10} {statistics.median(w for w, _ in pairs):5.2f} s wall "
                    f"{statistics.median(c for _, c in pairs):5.2f} s CPU"
                )
        print(
            f"service extract() on {CV_TWO_PAGES.name} in one process, then {calls} calls; extract() on the passages:"
        )
        for name, env in envs.items():
            _, _, out = _child_cpu(
                [sys.executable, "-c", SERVICE_CHILD, str(calls), str(PASSAGES), str(CV_TWO_PAGES)], env
            )
            got = json.loads(out.strip().splitlines()[-1])
            walls = [w for w, _ in got["runs"]]
            cpus = [c for _, c in got["runs"]]
            print(
                f"  {name:<10} first call {got['first'][0]:5.2f} s wall {got['first'][1]:5.2f} s CPU; later calls "
                f"p50 {_pct(walls, 0.5):.2f} / p95 {_pct(walls, 0.95):.2f} s wall, p50 {_pct(cpus, 0.5):.2f} / "
                f"p95 {_pct(cpus, 0.95):.2f} s CPU; passages {got['docs_per_cpu']:.1f} documents per CPU second"
            )


if __name__ == "__main__":  # python -m bench.bench_extract_speed --latency [--quick]: the latency section only
    if "--latency" in sys.argv[1:]:
        latency_section("--quick" in sys.argv[1:])
    else:
        run("--quick" in sys.argv[1:])
