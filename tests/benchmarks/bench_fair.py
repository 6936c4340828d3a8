"""
Fair benchmarks of the core (issue 16): every figure a ratio measured in one run, against its target.

Run from the repository root (not part of the test run):

    python -m pip install -e '.[test,bench]'
    python tests/benchmarks/bench_fair.py                # full run, a few minutes
    python tests/benchmarks/bench_fair.py --quick        # fewer rounds and smaller batches
    python tests/benchmarks/bench_fair.py --markdown docs/performance.md   # also rewrite the docs page

On both examples (a consistent report, ``examples/data/example-2023.json``, and the
seed ``examples/data/wusu-2020.json`` with seven errors, so that ``check``
computes diagnoses), msgspec and pydantic v2 models generated from ours
(``_schemas.py``) each decode the bytes, run *the same check* on their own
objects and encode, against our ``from_json`` + ``check`` + ``to_json``.  Bare
``orjson.loads`` of the same bytes is the yardstick.

"The same check" on their objects: the generated evaluator of the checks reads
attributes only, so it runs unchanged on their objects; when something fails,
the cell values are read from their objects with the same generated getter and
the same arithmetic, findings and diagnoses code of ``govinfo_report.checks``
builds the findings; the report-level rules are restated for their types (the
edition is a string there).  The benchmark asserts that both sides find the same
codes.

Timing: the candidates of one comparison run in interleaved rounds (a batch of
calls each, in rotating order); a figure is the median over the rounds, and a
ratio the median of the per-round ratios (paired), so a slow spell on the shared
machine hits both sides of a ratio.  Absolute times are printed but not judged.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

import orjson  # noqa: E402

import govinfo_report as gr  # noqa: E402
from govinfo_report import checks  # noqa: E402
from govinfo_report._evaluator import clean  # noqa: E402
from govinfo_report.tables import _values_getter, layout  # noqa: E402
from tests.benchmarks._schemas import report_schema  # noqa: E402

CONSISTENT = ROOT / "examples" / "data" / "example-2023.json"
SEED = ROOT / "examples" / "data" / "wusu-2020.json"

Row = list[str]


class Board:
    """The figures, each against its target; counts the misses."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.missed = 0

    def section(self, title: str) -> None:
        self.rows.append([f"**{title}**", "", "", ""])

    def time(self, name: str, seconds: float) -> None:
        self.rows.append([name, _duration(seconds), "", "(not judged)"])

    def ratio(self, name: str, value: float, target: float | None, note: str = "") -> None:
        if target is None:
            self.rows.append([name, f"{value:.2f}×", "", note or "printed"])
            return
        ok = value <= target
        self.missed += not ok
        self.rows.append(
            [name, f"{value:.2f}×", f"≤ {target:g}×", ("met" if ok else "MISSED") + (f"; {note}" if note else "")]
        )

    def text(self) -> str:
        from tabulate import tabulate

        return tabulate(self.rows, headers=["figure", "measured", "target", "verdict"], disable_numparse=True)

    def markdown(self) -> str:
        lines = ["| figure | measured | target | verdict |", "|---|---|---|---|"]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in self.rows]
        return "\n".join(lines)


def _duration(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def interleaved(fns: dict[str, Callable[[], Any]], rounds: int, batch_seconds: float) -> dict[str, list[float]]:
    """Seconds per call of each function, one figure per round; the functions take turns within a round."""
    numbers = {}
    for name, fn in fns.items():  # calibrate: calls per batch of about *batch_seconds*
        fn()
        start = time.perf_counter()
        n = 0
        while time.perf_counter() - start < batch_seconds / 4:
            fn()
            n += 1
        numbers[name] = max(1, 4 * n)
    names = list(fns)
    out: dict[str, list[float]] = {name: [] for name in names}
    for i in range(rounds):
        order = names[i % len(names) :] + names[: i % len(names)]
        for name in order:
            fn, n = fns[name], numbers[name]
            start = time.perf_counter()
            for _ in range(n):
                fn()
            out[name].append((time.perf_counter() - start) / n)
    return out


def paired(times: dict[str, list[float]], a: str, b: str) -> float:
    """The median over rounds of time(a) / time(b)."""
    return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))


def median(times: dict[str, list[float]], name: str) -> float:
    return statistics.median(times[name])


# ----------------------------------------------------------------------------
# The same check on msgspec's and pydantic's objects
# ----------------------------------------------------------------------------


def their_check(obj: Any) -> list[gr.Finding]:
    """check() on an object of the generated msgspec or pydantic model: the same rules, the same findings."""
    edition = gr.Edition(obj.meta.edition)
    ctx = object.__new__(checks._Context)
    ctx.report, ctx.policy, ctx.edition, ctx.layout = obj, checks.BlankPolicy.ZERO, edition, layout(edition)
    ctx.clean = clean(obj)
    findings = checks._meta_unknown(ctx, None, None)
    meta = obj.meta
    if meta.year is not None and gr.Edition.for_year(meta.year).value != meta.edition:
        findings.append(ctx.finding("EDITION-YEAR", "$.meta.edition", message="", message_en=""))
    if not ctx.clean:
        ctx.values = _values_getter(edition)(obj)
        findings += checks._blank_cells(ctx)
        findings += checks._arithmetic(ctx)
    problems = obj.problems
    if not "\n".join([problems.text, *(f"{s.title}\n{s.text}" for s in problems.subsections)]).strip():
        findings.append(ctx.finding("EMPTY-PROBLEMS", "$.problems", message="", message_en=""))
    findings += checks._fees_mentioned(ctx)
    published = meta.published
    if published is not None and meta.year is not None:
        limit = dt.date(meta.year + 1, 3 if meta.scope == "government_level" else 1, 31)
        if published > limit:
            findings.append(ctx.finding("LATE-PUBLICATION", "$.meta.published", message="", message_en=""))
    return sorted(findings, key=checks._sort_key(ctx)) if findings else findings


# ----------------------------------------------------------------------------
# The measures
# ----------------------------------------------------------------------------


def bench_examples(board: Board, rounds: int, batch: float) -> None:
    for label, path, check_target, pyd_target in (
        ("consistent report", CONSISTENT, 0.6, 0.9),
        ("seed, 7 errors", SEED, 15.0, 1.0),
    ):
        bench_example(board, label, path, check_target, pyd_target, rounds, batch)


def bench_example(
    board: Board, label: str, path: Path, check_target: float, pyd_target: float, rounds: int, batch: float
) -> None:
    """One example: ours and the two others doing the same work, and the yardstick, interleaved."""
    import msgspec

    data = path.read_bytes()
    report = gr.from_json(data)
    edition = report.meta.edition
    m_type = report_schema("msgspec", edition)
    p_type = report_schema("pydantic", edition)
    decoder, encoder = msgspec.json.Decoder(m_type), msgspec.json.Encoder()
    ours_codes = [f.code for f in gr.check(report)]
    for lib, obj in (("msgspec", decoder.decode(data)), ("pydantic", p_type.model_validate_json(data))):
        theirs = [f.code for f in their_check(obj)]
        assert theirs == ours_codes, (lib, theirs, ours_codes)

    def ours() -> str:
        r = gr.from_json(data)
        gr.check(r)
        return gr.to_json(r, indent=None)

    def with_msgspec() -> bytes:
        obj = decoder.decode(data)
        their_check(obj)
        return encoder.encode(obj)

    def with_pydantic() -> str:
        obj = p_type.model_validate_json(data)
        their_check(obj)
        return str(obj.model_dump_json())

    times = interleaved(
        {
            "loads": lambda: orjson.loads(data),
            "from_json": lambda: gr.from_json(data),
            "check": lambda: gr.check(report),
            "ours": ours,
            "msgspec": with_msgspec,
            "pydantic": with_pydantic,
        },
        rounds,
        batch,
    )
    board.section(f"{path.name} ({label}: {len(ours_codes)} findings)")
    board.time("orjson.loads (yardstick)", median(times, "loads"))
    board.time("check", median(times, "check"))
    board.time("from_json", median(times, "from_json"))
    board.time("from_json + check + to_json", median(times, "ours"))
    board.time("msgspec decode + check + encode", median(times, "msgspec"))
    board.time("pydantic validate + check + dump", median(times, "pydantic"))
    board.ratio("check / orjson.loads", paired(times, "check", "loads"), check_target)
    board.ratio("from_json / orjson.loads", paired(times, "from_json", "loads"), 3.2)
    board.ratio("ours / pydantic (same work)", paired(times, "ours", "pydantic"), pyd_target)
    board.ratio(
        "ours / msgspec (same work)", paired(times, "ours", "msgspec"), None, "printed (pure Python's floor ~3×)"
    )


def _reports_bytes(n: int) -> list[bytes]:
    """*n* consistent reports of distinct organs, as JSON bytes."""
    doc = orjson.loads(CONSISTENT.read_bytes())
    out = []
    for i in range(n):
        doc["meta"]["organ"] = f"示例单位{i}"
        out.append(orjson.dumps(doc))
    return out


def _timed(fn: Callable[[], Any]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_many(board: Board, n: int, reps: int) -> None:
    texts = _reports_bytes(n)
    small = texts[: n // 10]
    board.section(f"{n:,} reports")

    def load_all(items: list[bytes]) -> list[gr.AnnualReport]:
        return [gr.from_json(t) for t in items]

    def load_check(items: list[bytes]) -> None:
        for t in items:
            gr.check(gr.from_json(t))

    loaded = load_all(texts)
    agg, load, big, little = [], [], [], []
    for _ in range(reps):  # interleaved: aggregate, load; n, n/10
        agg.append(_timed(lambda: gr.aggregate(loaded, organ="示例县人民政府")))
        load.append(_timed(lambda: load_all(texts)))
        big.append(_timed(lambda: load_check(texts)))
        little.append(_timed(lambda: load_check(small)))
    board.time(f"aggregate of {n:,}", statistics.median(agg))
    board.time(f"from_json of {n:,}", statistics.median(load))
    board.ratio(
        f"aggregate / loading them ({n:,})", statistics.median(a / b for a, b in zip(agg, load, strict=True)), 0.15
    )
    board.time(f"from_json + check of {n:,}", statistics.median(big))
    board.ratio(
        f"{n:,} / {n // 10:,} (load + check; linear = 10)",
        statistics.median(a / b for a, b in zip(big, little, strict=True)),
        11.0,
    )
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, t in enumerate(texts):
            p = os.path.join(tmp, f"r{i:05d}.json")
            with open(p, "wb") as f:
                f.write(t)
            paths.append(p)
        one, two = [], []
        expected = None
        for _ in range(max(1, reps - 1)):
            start = time.perf_counter()
            res1 = gr.check_many(paths, workers=1)
            one.append(time.perf_counter() - start)
            start = time.perf_counter()
            res2 = gr.check_many(paths, workers=2)
            two.append(time.perf_counter() - start)
            expected = [r.value for r in res1]
            assert [r.value for r in res2] == expected
        board.time(f"check_many of {n:,} files, 1 process", statistics.median(one))
        board.time(f"check_many of {n:,} files, 2 workers", statistics.median(two))
        board.ratio(
            "check_many 2 workers / 1 process",
            statistics.median(b / a for a, b in zip(one, two, strict=True)),
            0.6,
            f"{os.cpu_count()} cores",
        )


def bench_memory(board: Board, n: int) -> None:
    import msgspec

    board.section("memory")
    doc = orjson.loads(CONSISTENT.read_bytes())
    texts = _reports_bytes(n)
    decoder = msgspec.json.Decoder(report_schema("msgspec", doc["meta"]["edition"]))

    def per_report(load: Callable[[bytes], Any]) -> float:
        gc.collect()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        kept = [load(t) for t in texts]
        size = tracemalloc.get_traced_memory()[0] - base
        tracemalloc.stop()
        del kept
        return size / n

    ours = per_report(gr.from_json)
    theirs = per_report(decoder.decode)
    board.rows.append(["bytes per loaded report (ours)", f"{ours:,.0f} B", "", "(not judged)"])
    board.rows.append(["bytes per loaded report (msgspec)", f"{theirs:,.0f} B", "", "(not judged)"])
    board.ratio("memory per report, ours / msgspec", ours / theirs, 1.0)


def bench_render(board: Board, rounds: int, batch: float) -> None:
    from tabulate import tabulate

    from govinfo_report import render

    board.section("render_text")
    report = gr.from_json(CONSISTENT.read_bytes())
    calls: list[tuple[Any, ...]] = []
    original = render._tabulate

    def record(rows: Any, tablefmt: str, headers: Any = ()) -> str:
        width = max(len(r) for r in rows) if rows else 0
        calls.append((rows, headers, tablefmt, ("left",) + ("center",) * (width - 1)))
        return original(rows, tablefmt, headers)

    render._tabulate = record  # type: ignore[assignment]
    try:
        gr.render_text(report)
    finally:
        render._tabulate = original  # type: ignore[assignment]

    def tabulate_only() -> None:
        for rows, headers, fmt, colalign in calls:
            tabulate(rows, headers=headers, tablefmt=fmt, disable_numparse=True, colalign=colalign)

    times = interleaved({"render_text": lambda: gr.render_text(report), "tabulate": tabulate_only}, rounds, batch)
    board.time("render_text (whole report)", median(times, "render_text"))
    board.time("tabulate drawing the same rows", median(times, "tabulate"))
    board.ratio("render_text / tabulate", paired(times, "render_text", "tabulate"), 1.2)


_FIRST_USE = """
import time
t = time.perf_counter()
import govinfo_report as gr
data = open({path!r}, "rb").read()
r = gr.from_json(data)
gr.check(r)
gr.to_json(r)
print(time.perf_counter() - t)
"""
_BASELINE = """
import time
t = time.perf_counter()
import attrs, cattrs, orjson
print(time.perf_counter() - t)
"""


def bench_first_use(board: Board, rounds: int) -> None:
    board.section("first use in a fresh interpreter")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode cached, as attrs has

    def run(code: str) -> float:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
        return float(out.stdout)

    first, base = [], []
    code = _FIRST_USE.format(path=str(CONSISTENT))
    run(code)  # writes the bytecode caches
    for _ in range(rounds):
        first.append(run(code))
        base.append(run(_BASELINE))
    board.time("import govinfo_report, from_json, check, to_json", statistics.median(first))
    board.time("import attrs, cattrs, orjson", statistics.median(base))
    board.ratio("first use / those imports", statistics.median(a / b for a, b in zip(first, base, strict=True)), 1.4)


def markdown_page(board: Board, command: str) -> str:
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = (ROOT / "tests" / "benchmarks" / "_performance_head.md").read_text(encoding="utf-8")
    return (
        "<!-- Generated by tests/benchmarks/bench_fair.py --markdown docs/performance.md; do not edit. -->\n\n"
        + head.rstrip("\n")
        + f"\n\n## Figures of the last run\n\nMeasured {when} with `{command}`, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores"
        + (", **on a shared, loaded machine**" if os.getloadavg()[0] > (os.cpu_count() or 1) else "")
        + f" (load average {os.getloadavg()[0]:.1f}).\n\n"
        + board.markdown()
        + "\n\n"
        + f"{board.missed} target(s) missed.\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer rounds and 2,000 reports instead of 10,000")
    parser.add_argument("--markdown", metavar="FILE", help="also write the figures as the docs page FILE")
    parser.add_argument("--only", choices=["examples", "many", "memory", "render", "first-use"], action="append")
    args = parser.parse_args(argv)
    rounds, batch, n, reps = (30, 0.01, 2_000, 2) if args.quick else (41, 0.02, 10_000, 3)
    board = Board()
    todo = args.only or ["examples", "many", "memory", "render", "first-use"]
    if "examples" in todo:
        bench_examples(board, rounds, batch)
    if "render" in todo:
        bench_render(board, rounds, batch)
    if "memory" in todo:
        bench_memory(board, 1_000)
    if "first-use" in todo:
        bench_first_use(board, 11 if args.quick else 21)
    if "many" in todo:
        bench_many(board, n, reps)
    print(board.text())
    print(
        f"\n{board.missed} target(s) missed; Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    if args.markdown:
        command = "python tests/benchmarks/bench_fair.py" + (" --quick" if args.quick else "")
        command += f" --markdown {args.markdown}"
        Path(args.markdown).write_text(markdown_page(board, command), encoding="utf-8")
    return 1 if board.missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
