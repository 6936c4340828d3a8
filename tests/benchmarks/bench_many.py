"""
Benchmark: loading and checking 10,000 JSON reports, and summing 10,000 reports.

Run from the repository root (not part of the test run):

    python tests/benchmarks/bench_many.py            # 10,000 reports
    python tests/benchmarks/bench_many.py --n 2000   # fewer, for a quick look

Targets (issue 5): load and check 10,000 JSON reports in under 0.5 s; sum
10,000 reports in under 0.2 s.  The script writes N consistent reports (built
from random parts with a fixed seed, so every run measures the same input) to a
temporary folder, then measures, each as the best of a few rounds:

* ``load`` — read and structure every file (from_json), in this process;
* ``check`` — check() of every loaded report, in this process;
* ``load+check pool`` — batch.check_many over the paths, all cores (the
  batch path: files are read and checked in the workers);
* ``sum`` — summary.aggregate() of the N loaded reports.

It prints every figure against its target and exits with status 1 if a target
is missed.  The figures depend on the machine; report them as measured.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

import govinfo_report as gr  # noqa: E402
from govinfo_report.analysis.aggregate import aggregate  # noqa: E402
from govinfo_report.analysis.batch import check_many  # noqa: E402
from govinfo_report.checks import check  # noqa: E402

TARGET_LOAD_CHECK = 0.5  # seconds for 10,000 reports
TARGET_SUM = 0.2  # seconds for 10,000 reports


def make_report(rng: random.Random, i: int) -> gr.AnnualReport:
    """A consistent 2021-edition report with random counts (most rows 0, as in real tables)."""

    def row() -> dict[str, int]:
        return {"natural_person": rng.randint(0, 40), "commercial": rng.randint(0, 5)} if rng.random() < 0.4 else {}

    requests = gr.Requests.from_parts(
        "2021",
        received={"natural_person": 200, "commercial": 30},
        disclosed=row(),
        partly_disclosed=row(),
        withheld={"third_party": row()},
        unable={"not_held": row()},
        not_processed={"repeated": row()},
        other_handling={"other": row()},
    )
    disputes = gr.Disputes.from_parts(review={"upheld": rng.randint(0, 3), "corrected": rng.randint(0, 2)})
    meta = gr.ReportMeta(organ=f"单位{i:05d}", year=2023, edition=gr.Edition.E2021)
    return gr.AnnualReport.build(
        meta,
        requests=requests,
        disputes=disputes,
        proactive={"licensing": {"decisions": rng.randint(0, 500)}, "administrative_fees": {"amount": "1.25"}},
        problems="人员力量不足，正在加强培训。",
        other_matters="本年度未收取信息处理费。",
    )


def best(fn: Callable[[], Any], rounds: int) -> float:
    """Seconds of the best of *rounds* calls of *fn*."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit status 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    parser.add_argument("--n", type=int, default=10_000, help="how many reports (default 10000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per measurement (best is kept)")
    args = parser.parse_args(argv)
    n, scale = args.n, args.n / 10_000

    rng = random.Random(5)
    distinct = [make_report(rng, i) for i in range(200)]
    reports = [gr.AnnualReport.build(attrs_meta(distinct[i % 200], i), **sections(distinct[i % 200])) for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, r in enumerate(reports):
            p = os.path.join(tmp, f"r{i:05d}.json")
            with open(p, "w", encoding="utf-8") as f:
                f.write(gr.to_json(r))
            paths.append(p)

        def load() -> list[gr.AnnualReport]:
            out = []
            for p in paths:
                with open(p, "rb") as f:
                    out.append(gr.from_json(f.read()))
            return out

        loaded = load()
        assert loaded == reports
        t_load = best(load, args.rounds)
        t_check = best(lambda: [check(r) for r in loaded], args.rounds)
        results: list[Any] = []
        t_pool = best(lambda: results.append(check_many(paths)), args.rounds)
        assert all(r.ok and not [f for f in r.value if f.is_error] for r in results[-1])
        summary: list[gr.AnnualReport] = []
        t_sum = best(lambda: summary.append(aggregate(loaded, organ="汇总")), args.rounds)
        assert summary[-1].requests.received.total == 230 * n

    target_lc, target_sum = TARGET_LOAD_CHECK * scale, TARGET_SUM * scale
    rows = [
        ("load (from_json), 1 process", t_load, None),
        ("check(), 1 process", t_check, None),
        ("load + check, 1 process", t_load + t_check, target_lc),
        (f"load + check, check_many on {os.cpu_count()} cores", t_pool, target_lc),
        ("sum (aggregate)", t_sum, target_sum),
    ]
    print(f"{n} reports, best of {args.rounds} rounds")
    missed = False
    for name, seconds, target in rows:
        per = seconds / n * 1e6
        if target is None:
            print(f"  {name:<42} {seconds:8.3f} s  ({per:7.1f} µs/report)")
            continue
        ok = seconds <= target
        missed |= not ok
        verdict = "ok" if ok else "MISSED"
        print(f"  {name:<42} {seconds:8.3f} s  ({per:7.1f} µs/report)  target {target:.3f} s  {verdict}")
    # The load+check target is met when either way of doing it meets it.
    lc_ok = min(t_load + t_check, t_pool) <= target_lc
    sum_ok = t_sum <= target_sum
    return 0 if lc_ok and sum_ok else 1


def attrs_meta(report: gr.AnnualReport, i: int) -> gr.ReportMeta:
    """The metadata of *report* with a distinct organ (a summary refuses the same organ twice)."""
    import attrs

    return attrs.evolve(report.meta, organ=f"单位{i:05d}")


def sections(report: gr.AnnualReport) -> dict[str, Any]:
    """The sections of *report*, for AnnualReport.build."""
    return {
        "overview": report.overview,
        "proactive": report.proactive,
        "requests": report.requests,
        "disputes": report.disputes,
        "problems": report.problems,
        "other_matters": report.other_matters,
    }


if __name__ == "__main__":
    sys.exit(main())
