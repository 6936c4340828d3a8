"""
Machine instructions per call of the core operations, counted by valgrind (callgrind).

Run from the repository root (not part of the test run; needs ``valgrind`` on the PATH):

    python tests/benchmarks/bench_instructions.py             # both examples, about eight minutes
    python tests/benchmarks/bench_instructions.py --calls 50  # fewer calls per count, about two

Times on a shared machine vary by a fifth from one run to the next; the number of
instructions a call executes barely varies, so a change of a few percent shows
here when ``bench_fair.py`` cannot see it.  An instruction is not a unit of time
(the interpreter's instructions miss the caches more often than orjson's), so
the targets stay judged by ``bench_fair.py``; this script explains where the
time goes and compares two versions of the code exactly.

Each figure is the difference between two runs of the same child interpreter
under callgrind, one that calls the operation *calls* times more than the
other, divided by *calls*: the start-up, the imports and the first call (which
compiles the generated code) cancel out.  ``PYTHONHASHSEED`` is fixed so that
both runs hash alike.  Pass ``--src DIR`` to count another checkout's
``src`` (e.g. an older commit unpacked with ``git archive``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {
    "consistent": ROOT / "examples" / "data" / "example-2023.json",
    "seed": ROOT / "examples" / "data" / "wusu-2020.json",
}

# What a child runs: setup, then one call (compiles what is generated), then the loop.
_CHILD = """
import sys
import orjson
import govinfo_report as gr
data = open(sys.argv[1], "rb").read()
report = gr.from_json(data)
from govinfo_report import convert
from govinfo_report.model import ApplicantCounts
import attrs
names = [a.name for a in attrs.fields(ApplicantCounts)]
row = {{name: 1 + i for i, name in enumerate(names[:-1])}}
row[names[-1]] = sum(row.values())  # the row's 总计
row = orjson.loads(orjson.dumps(row))  # as from_json meets it: keys and values made by orjson
structure_row = convert._S_TABLE[ApplicantCounts]
slot = ApplicantCounts.__dict__[names[-1]].__set__
target = object.__new__(ApplicantCounts)
op = lambda: {op}
op()
for _ in range(int(sys.argv[2])):
    op()
"""

OPERATIONS: dict[str, str] = {
    "orjson.loads": "orjson.loads(data)",
    "from_json": "gr.from_json(data)",
    "check, narrative=False": "gr.check(report, narrative=False)",
    "check": "gr.check(report)",
    "to_json, indent=None": "gr.to_json(report, indent=None)",
}
"""The operations on each example, as the expression the child calls."""

PARTS: dict[str, str] = {
    "structure one row of table 三 (7 counts)": "structure_row(row)",
    "set one slot of a frozen row (its setter)": "slot(target, 21)",
    "nothing (the loop and the call)": "None",
}
"""Parts of from_json, counted once (on the consistent example), to show where its floor lies."""


def count(expression: str, path: Path, calls: int, src: Path) -> int:
    """Instructions per call of *expression* in a child interpreter that has loaded *path*."""
    code = _CHILD.format(op=expression)
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    totals = []
    for n in (0, calls):
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                sys.executable,
                "-c",
                code,
                str(path),
                str(n),
            ],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        found = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
        if found is None:
            raise SystemExit(f"callgrind printed no count:\n{out.stderr[-2000:]}")
        totals.append(int(found.group(1)))
    return max(0, (totals[1] - totals[0]) // calls)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--calls", type=int, default=200, help="calls per count (default 200)")
    parser.add_argument(
        "--src", type=Path, default=ROOT / "src", help="the src folder to count (default: this checkout)"
    )
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing counted (apt-get install valgrind)")
        return 0
    rows: list[tuple[str, str, str]] = []
    for label, path in EXAMPLES.items():
        rows.append((f"**{path.name} ({label})**", "", ""))
        base = count(OPERATIONS["orjson.loads"], path, args.calls, args.src)
        for name, expression in OPERATIONS.items():
            n = base if name == "orjson.loads" else count(expression, path, args.calls, args.src)
            rows.append((name, f"{n:,}", f"{n / base:.2f}×"))
    rows.append(("**parts of from_json**", "", ""))
    for name, expression in PARTS.items():
        n = count(expression, EXAMPLES["consistent"], args.calls * 10, args.src)
        rows.append((name, f"{n:,}", ""))
    width = max(len(r[0]) for r in rows)
    print(f"{'operation':<{width}}  {'instructions':>12}  {'/ loads':>8}")
    for name, figure, ratio in rows:
        print(f"{name:<{width}}  {figure:>12}  {ratio:>8}")
    print(f"\n{sys.version.split()[0]}, counted by callgrind, {args.calls} calls per count, src {args.src}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
