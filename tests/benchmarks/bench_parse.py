"""
Benchmark of the importer (govinfo_report.importers) against its targets.

Run from the repository root (not part of the test run):

    python tests/benchmarks/bench_parse.py [--files N] [--workers W]

Targets:

* parsing the seed report (../shared/seeds, about 7.8 KB, 413 lines) takes under 2 ms;
* parse_many over 10,000 reports of that size takes under 20 s with 2 worker processes.

The batch is written to a temporary folder: copies of the seed (or, without
../shared, of a fixture) and of the layout fixtures, so the reader sees every
layout.  Single-report times are the best of several rounds (the least noisy
estimate on a shared machine).  The script prints every figure next to its
target and exits with status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from govinfo_report.importers import parse_many, parse_text  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "000_2e7cd9129f5ea529.txt"
FIXTURES = ROOT / "tests" / "fixtures"


def best_ms(text: str, number: int = 200, rounds: int = 7) -> float:
    """Milliseconds per parse_text call: the best of *rounds* rounds of *number* calls."""
    parse_text(text)  # warm the caches once, as a long-running process would be
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            parse_text(text)
        times.append((time.perf_counter() - start) / number * 1000)
    return min(times)


def main() -> int:
    """Run the benchmarks, print the figures and return 0 when every target is met."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=10_000, help="reports in the batch (default 10000)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes for parse_many (default 2)")
    args = ap.parse_args()

    seed = SEED if SEED.is_file() else FIXTURES / "layouts" / "2019-cell-per-line.txt"
    seed_text = seed.read_text(encoding="utf-8")
    ok = True

    ms = best_ms(seed_text)
    met = ms < 2.0
    ok &= met
    size = len(seed_text.encode())
    print(f"parse_text(seed {size} bytes): {ms:.3f} ms   target < 2 ms   {'ok' if met else 'MISSED'}")

    sources = [seed, *sorted((FIXTURES / "layouts").glob("*.txt")), *sorted((FIXTURES / "quirks").glob("*.txt"))]
    for path in sources[1:4]:
        print(f"  {path.name}: {best_ms(path.read_text(encoding='utf-8'), number=50, rounds=3):.3f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(args.files):
            src = sources[0] if i % 2 == 0 else sources[1 + i % (len(sources) - 1)]
            dest = Path(tmp) / f"{i:05d}{src.suffix}"
            dest.write_bytes(src.read_bytes())
            paths.append(dest)
        start = time.perf_counter()
        results = parse_many(paths, workers=args.workers)
        seconds = time.perf_counter() - start
    failed = sum(not r.ok for r in results)
    target = 20.0 * args.files / 10_000
    met = seconds < target and failed == 0 and len(results) == args.files
    ok &= met
    print(
        f"parse_many({args.files} files, workers={args.workers}, cpus={os.cpu_count()}): {seconds:.2f} s "
        f"({seconds / args.files * 1000:.2f} ms/file, {failed} failed)   target < {target:.0f} s   "
        f"{'ok' if met else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
