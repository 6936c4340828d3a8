"""
How the text importer grows with its input: numbers that belong to no cell inside table 三 (issue 15, item 5).

Run from the repository root (not part of the test run, no timed assertions):

    python tests/benchmarks/bench_stray.py [--max-mb 50]

For each shape of stray numbers (see ``tests.helpers.stray_report``) and each size, 1 MB doubling up to
``--max-mb``, a fresh process parses the report and reports its time and peak memory (resident set size), so
the table shows the growth: about linear, a few seconds and well under a gigabyte at 50 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_CHILD = """
import json, resource, sys, time
sys.path[:0] = [{root!r}, {src!r}]
from tests.helpers import stray_report
from govinfo_report.importers import parse_text
text = stray_report({size}, {shape!r})
start = time.perf_counter()
result = parse_text(text)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "diagnostics": len(result.diagnostics)}}))
"""


def measure(size: int, shape: str) -> dict[str, float]:
    code = _CHILD.format(root=str(ROOT), src=str(ROOT / "src"), size=size, shape=shape)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-mb", type=float, default=50)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    from tests.helpers import STRAY_SHAPES

    print(f"{'shape':<8} {'MB':>6} {'seconds':>8} {'s/MB':>6} {'peak MB':>8} {'diagnostics':>11}")
    for shape in STRAY_SHAPES:
        mb = 1.0
        while mb <= args.max_mb:
            r = measure(int(mb * 1_000_000), shape)
            print(
                f"{shape:<8} {mb:>6.0f} {r['seconds']:>8.2f} {r['seconds'] / mb:>6.2f} {r['peak_mb']:>8.0f} "
                f"{r['diagnostics']:>11.0f}",
                flush=True,
            )
            mb = mb * 2 if mb * 2 <= args.max_mb or mb == args.max_mb else args.max_mb
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
