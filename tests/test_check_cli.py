"""Tests of the ``govinfo-report check`` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.tables import replace_cell

from .conftest import EXAMPLE_JSON
from .helpers import clean_report


def _clean(year: int = 2022, **meta: Any) -> gr.AnnualReport:
    """An all-0 2021-edition report without findings."""
    return clean_report("2021", year, "某某区教育局", **meta)


def _write(tmp_path: Path, name: str, report: gr.AnnualReport) -> str:
    path = tmp_path / name
    path.write_text(gr.to_json(report), encoding="utf-8")
    return str(path)


def test_clean_report_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A report without findings exits 0 and says so."""
    status = main(["check", _write(tmp_path, "r.json", _clean())])

    assert status == 0
    assert capsys.readouterr().out.strip() == "没有发现问题 / no findings"


def test_warnings_only_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Warnings alone do not fail the command; --blank strict turns a blank cell into a failure."""
    path = _write(tmp_path, "r.json", replace_cell(_clean(), "$.disputes.review.upheld", None))

    assert main(["check", path]) == 0
    assert "warning $: 1 个单元格为空" in capsys.readouterr().out
    assert main(["check", path, "--blank", "strict"]) == 1
    assert "error $: 1 个单元格为空" in capsys.readouterr().out
    assert main(["check", path, "--blank", "ignore"]) == 0
    assert capsys.readouterr().out.strip() == "没有发现问题 / no findings"


def test_seed_prints_seven_errors_each_with_a_diagnosis(capsys: pytest.CaptureFixture[str]) -> None:
    """The seed example exits 1 and prints its seven errors, each followed by its diagnosis."""
    if not EXAMPLE_JSON.is_file():
        pytest.skip("examples/data/wusu-2020.json is not written yet")

    status = main(["check", str(EXAMPLE_JSON)])

    out = capsys.readouterr().out
    blocks = out.strip().split("\n\n")
    errors = [b for b in blocks if b.startswith("error ")]
    assert status == 1
    assert len(errors) == 7
    assert all(b.splitlines()[1].startswith("    诊断 / diagnosis: ") for b in errors)
    assert blocks[-1] == "7 个错误，1 个警告，0 个提示 / 7 errors, 1 warning, 0 info"
    assert "表三 （三）不予公开 / 8.属于行政查询事项 × 总计 应为 36" in out


def test_json_output_is_a_list_of_finding_dicts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints the findings in their JSON form."""
    path = _write(tmp_path, "r.json", replace_cell(_clean(), "$.disputes.review.total", 4))

    status = main(["check", path, "--format", "json"])

    data = json.loads(capsys.readouterr().out)
    assert status == 1
    assert [(d["code"], d["path"], d["stated"], d["expected"]) for d in data] == [
        ("T4-TOTAL", "$.disputes.review.total", 4, 0)
    ]


def test_previous_members_and_deadline_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--previous, --members and --deadline reach check()."""
    import datetime as dt

    this = _write(tmp_path, "this.json", _clean(published=dt.date(2023, 1, 20), members=("甲局", "乙局")))
    last = _write(tmp_path, "last.json", replace_cell(_clean(2021), "$.requests.carried_forward.other", 1))
    member = _write(tmp_path, "a.json", attrs.evolve(_clean(), meta=attrs.evolve(_clean().meta, organ="甲局")))

    status = main(
        ["check", this, "--previous", last, "--members", member, "--deadline", "2023-01-15", "--format", "json"]
    )

    codes = sorted({d["code"] for d in json.loads(capsys.readouterr().out)})
    assert status == 1
    assert codes == ["CARRY-OVER", "LATE-PUBLICATION", "SUMMARY-MISSING-MEMBER"]


def test_output_file_and_table_format(tmp_path: Path) -> None:
    """-o writes the output to a file; --format table draws a table."""
    path = _write(tmp_path, "r.json", replace_cell(_clean(), "$.disputes.review.total", 4))
    out = tmp_path / "findings.txt"

    status = main(["check", path, "--format", "table", "-o", str(out)])

    assert status == 1
    assert out.read_text(encoding="utf-8").splitlines()[2].split()[:2] == ["error", "T4-TOTAL"]


def test_unreadable_input_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file, a broken JSON file or an unreadable --previous file exits 2 with a message on stderr."""
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    good = _write(tmp_path, "r.json", _clean())

    assert main(["check", str(tmp_path / "missing.json")]) == 2
    assert main(["check", str(broken)]) == 2
    assert main(["check", good, "--previous", str(broken)]) == 2
    assert "broken.json" in capsys.readouterr().err


def test_bad_deadline_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A deadline that is not a date is refused with exit status 2."""
    assert main(["check", _write(tmp_path, "r.json", _clean()), "--deadline", "31.01.2023"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_exit_zero_keeps_the_findings(capsys: pytest.CaptureFixture[str]) -> None:
    """--exit-zero prints the same findings but exits 0 even with errors."""
    assert main(["check", str(EXAMPLE_JSON)]) == 1
    strict_out = capsys.readouterr().out

    assert main(["check", str(EXAMPLE_JSON), "--exit-zero"]) == 0
    assert capsys.readouterr().out == strict_out


def test_folder_mode_prints_a_summary_per_file_and_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check DIR checks every report of the folder and prints per-file and per-rule counts; a bad file is named."""
    (tmp_path / "clean.json").write_text(gr.to_json(_clean()), encoding="utf-8")
    (tmp_path / "seed.json").write_text(EXAMPLE_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{}", encoding="utf-8")

    status = main(["check", str(tmp_path)])
    out = capsys.readouterr().out

    assert status == 1
    assert "seed.json" in out
    assert "clean.json" in out
    assert "broken.json" in out
    assert "T3-ROW-TOTAL" in out
    assert main(["check", str(tmp_path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    by_name = {Path(f["source"]).name: f for f in data["files"]}
    assert by_name["seed.json"]["errors"] == 7
    assert by_name["clean.json"]["errors"] == 0
    assert by_name["broken.json"]["error"]


def test_empty_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder without reports cannot be checked: exit status 2."""
    assert main(["check", str(tmp_path)]) == 2
    assert "no reports" in capsys.readouterr().err
