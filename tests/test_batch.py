"""Tests of the batch helpers: many files in a process pool, errors as entries, folder checks."""

from __future__ import annotations

import io
import json
import pickle
import shutil
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.analysis.batch import (
    BatchResult,
    check_many,
    check_one,
    load_many,
    load_one,
    records_many,
    render_folder_check,
    report_files,
    terminal_progress,
)
from govinfo_report.analysis.collection import check_folder
from govinfo_report.checks import check
from govinfo_report.errors import OptionError
from govinfo_report.tables import layout, replace_cell

from .conftest import EXAMPLE_JSON


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with a consistent report, an inconsistent one, a broken file and an unrelated file."""
    good = gr.AnnualReport.blank("2021", organ="甲局", year=2022, fill=0)
    good = gr.AnnualReport.build(good.meta, problems="有问题。", other_matters="未收取信息处理费。")
    bad = replace_cell(good, "$.disputes.review.total", 3)
    (tmp_path / "a-good.json").write_text(gr.to_json(good), encoding="utf-8")
    (tmp_path / "b-bad.JSON").write_text(gr.to_json(bad), encoding="utf-8")
    (tmp_path / "c-broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a report", encoding="utf-8")
    return tmp_path


def test_load_many_keeps_order_and_reports_failures(folder: Path) -> None:
    """load_many returns one result per path in input order; a broken file is an error entry."""
    paths = [folder / "c-broken.json", folder / "a-good.json", str(folder / "missing.json")]

    results = load_many(paths, workers=1)

    assert [r.source for r in results] == [str(p) for p in paths]
    assert [r.ok for r in results] == [False, True, False]
    assert results[1].value is not None
    assert results[1].value.meta.organ == "甲局"
    assert results[0].value is None
    assert "JSON" in (results[0].error or "")


def test_load_one_never_raises(folder: Path) -> None:
    """load_one of a missing or broken file returns the error instead of raising."""
    missing = load_one(folder / "nope.json")
    broken = load_one(folder / "c-broken.json")

    assert (missing.ok, broken.ok) == (False, False)
    assert (broken.error or "").startswith("StructureError:")


def test_check_many_in_a_pool_equals_serial(folder: Path) -> None:
    """check_many with two processes gives the same results, in order, as one process and as check()."""
    report = gr.from_json(EXAMPLE_JSON.read_text(encoding="utf-8"))
    items = [folder / "b-bad.JSON", report, folder / "c-broken.json", folder / "a-good.json"] * 3

    pooled = check_many(items, workers=2)
    serial = check_many(items, workers=1)

    assert pooled == serial
    assert [r.source for r in pooled[:4]] == [
        str(folder / "b-bad.JSON"),
        "<report 1>",
        str(folder / "c-broken.json"),
        str(folder / "a-good.json"),
    ]
    assert pooled[1].value == tuple(check(report))
    assert pooled[3].value == ()
    assert [f.code for f in pooled[0].value or ()] == ["T4-TOTAL"]
    assert pooled[2].value is None


def test_records_many(folder: Path) -> None:
    """records_many gives each input's records (one per cell) or its error."""
    results = records_many([folder / "a-good.json", folder / "c-broken.json"], workers=1)

    assert len(results[0].value or []) == len(layout("2021").cells)
    assert results[1].error is not None


def test_results_are_picklable(folder: Path) -> None:
    """Batch results survive pickling (they cross process boundaries, and Dask or Spark pickle them too)."""
    result = check_one(folder / "b-bad.JSON")

    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(load_one(folder / "a-good.json"))) == load_one(folder / "a-good.json")


def test_check_folder_counts_per_file_and_rule(folder: Path) -> None:
    """check_folder reads .json/.txt/.html files only, sorted, and counts findings per file and per rule."""
    calls: list[tuple[int, int, str]] = []

    result = check_folder(folder, workers=1, progress=lambda done, total, source: calls.append((done, total, source)))

    assert [Path(f.source).name for f in result.files] == ["a-good.json", "b-bad.JSON", "c-broken.json"]
    assert [(f.errors, f.warnings, f.error is None) for f in result.files] == [
        (0, 0, True),
        (1, 0, True),
        (0, 0, False),
    ]
    assert result.files[1].rules == (("T4-TOTAL", 1),)
    assert [(r.code, r.files, r.findings) for r in result.rules] == [("T4-TOTAL", 1, 1)]
    assert result.unreadable == 1
    assert result.has_errors
    assert [c[:2] for c in calls] == [(1, 3), (2, 3), (3, 3)]


def test_render_folder_check(folder: Path) -> None:
    """The table lists every file and rule and a total line; JSON has the documented shape."""
    result = check_folder(folder, workers=1)

    table = render_folder_check(result)
    data = json.loads(render_folder_check(result, "json"))

    assert "b-bad.JSON" in table
    assert "T4-TOTAL" in table
    assert "3 files, 1 with errors" in table
    broken = next(line for line in table.splitlines() if "c-broken" in line)
    assert "not valid JSON" in broken  # the multi-line error is flattened onto the file's own line
    assert data["files"][1]["rules"] == {"T4-TOTAL": 1}
    assert data["rules"] == [{"code": "T4-TOTAL", "severity": "error", "files": 1, "findings": 1}]
    with pytest.raises(OptionError):
        render_folder_check(result, "xml")  # type: ignore[arg-type]


def test_folder_with_published_text(tmp_path: Path, seed_text: str) -> None:
    """A published .txt report is read by the importer and checked like JSON."""
    (tmp_path / "seed.txt").write_text(seed_text, encoding="utf-8")
    shutil.copy(EXAMPLE_JSON, tmp_path / "wusu.json")

    result = check_folder(tmp_path, workers=1)

    assert [f.error for f in result.files] == [None, None]
    assert result.files[0].errors > 0  # the seed's own arithmetic does not add up


def test_bad_options(tmp_path: Path) -> None:
    """A folder that is not one, or a bad worker count, raises OptionError."""
    with pytest.raises(OptionError):
        report_files(tmp_path / "nope")
    with pytest.raises(OptionError):
        check_many([], workers=0)


def test_terminal_progress() -> None:
    """No bar unless the stream is a terminal; on a terminal the bar ends with a newline at 100%."""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    draw = terminal_progress(tty, width=4)

    assert terminal_progress(io.StringIO()) is None
    assert draw is not None
    draw(1, 2, "/x/a.json")
    draw(2, 2, "/x/b.json")
    assert "[##  ] 1/2 50%" in tty.getvalue()
    assert "a.json" in tty.getvalue()
    assert tty.getvalue().endswith("\n")


def test_batch_result_shape() -> None:
    """A BatchResult is ok exactly when it has no error."""
    assert BatchResult(source="x", value=1).ok
    assert not BatchResult(source="x", value=None, error="E: x").ok
