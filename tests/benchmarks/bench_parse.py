"""
Benchmark of the importer (govinfo_report.importers) against its targets.

Run from the repository root (not part of the test run):

    python tests/benchmarks/bench_parse.py [--files N] [--workers W]

Targets:

* parsing the seed report (../shared/seeds, about 7.8 KB, 413 lines) takes under 2 ms;
* parse_many over 10,000 reports of that size takes under 20 s with 2 worker processes;
* parse_pdf of a six-page report exported from Word (tests/fixtures/pdf/word-footer-2021.pdf:
  footers, tables over page breaks) takes well under a second (target < 1 s); a PDF printed by
  Chromium is timed too, for information.

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
from govinfo_report.importers._pdf import parse_pdf  # noqa: E402

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


def best_pdf_ms(path: Path, rounds: int = 5) -> float:
    """Milliseconds per parse_pdf call on *path*: the best of *rounds* calls (after one to warm up)."""
    parse_pdf(path)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        parse_pdf(path)
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def pdf_benchmarks() -> bool:
    """Time parse_pdf on the six-page Word export (the target) and on a Chromium print."""
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        print("parse_pdf: skipped (pdfplumber is not installed)")
        return True
    pdf = FIXTURES / "pdf" / "word-footer-2021.pdf"
    import pdfplumber as plumber

    with plumber.open(pdf) as document:
        pages = len(document.pages)
    ms = best_pdf_ms(pdf)
    met = ms < 1000
    print(f"parse_pdf({pdf.name}, {pages} pages): {ms:.0f} ms   target < 1000 ms   {'ok' if met else 'MISSED'}")
    browser = FIXTURES / "pdf" / "html-2021.pdf"
    print(f"  {browser.name} (printed by Chromium): {best_pdf_ms(browser, rounds=3):.0f} ms")
    return met


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

    ok &= pdf_benchmarks()

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
