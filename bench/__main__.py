"""Run the benchmarks: ``python -m bench [NAME...] [--quick]``.

Every ``bench/bench_<name>.py`` has ``def run(quick: bool) -> None``; it prints its figures next to a baseline
computed in the same run. Results are printed, never asserted: record them in ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args()
    here = Path(__file__).parent
    names = sorted(
        m.name.removeprefix("bench_") for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")
    )
    unknown = set(args.names) - set(names)
    if unknown:
        parser.error(f"unknown benchmark(s) {sorted(unknown)}; known: {names}")
    for name in args.names or names:
        print(f"\n=== bench {name} ===", flush=True)
        start = time.perf_counter()
        importlib.import_module(f"bench.bench_{name}").run(quick=args.quick)
        print(f"--- {name} done in {time.perf_counter() - start:.1f} s", flush=True)


if __name__ == "__main__":
    main()
