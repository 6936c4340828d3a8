"""Every command that reads a published report takes --organ and --year, and reads one without them too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import main

NO_TITLE = """二、主动公开政府信息情况
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 3
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
"""


@pytest.fixture
def excerpt(tmp_path: Path) -> Path:
    """A published excerpt without a title: no organ, no year."""
    path = tmp_path / "excerpt.txt"
    path.write_text(NO_TITLE, encoding="utf-8")
    return path


def test_parse_without_metadata_writes_nulls(excerpt: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """parse reads the excerpt: organ and year are null in the JSON, and stderr names the flags."""
    out = tmp_path / "r.json"

    assert main(["parse", str(excerpt), "-o", str(out)]) == 0
    meta = json.loads(out.read_text(encoding="utf-8"))["meta"]
    assert (meta["organ"], meta["year"]) == (None, None)
    err = capsys.readouterr().err
    assert "--organ" in err
    assert "--year" in err
    assert gr.from_json(out.read_bytes()).proactive.licensing.decisions == 3  # type: ignore[union-attr]


@pytest.mark.parametrize("command", ["records", "render", "indicators"])
def test_flags_set_the_metadata(command: str, excerpt: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--organ and --year reach the output of records, render and indicators."""
    fmt = {"records": "jsonl", "render": "json", "indicators": "json"}[command]

    assert main([command, str(excerpt), "--format", fmt, "--organ", "某某县统计局", "--year", "2022"]) == 0
    out = capsys.readouterr().out
    assert "某某县统计局" in out
    assert "2022" in out


def test_check_says_what_was_skipped(excerpt: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check reads the excerpt and says which checks needed the year; with --year they run."""
    main(["check", str(excerpt), "--format", "json", "--exit-zero"])
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)]
    assert "META-UNKNOWN" in codes

    main(["check", str(excerpt), "--format", "json", "--exit-zero", "--organ", "某局", "--year", "2021"])
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)]
    assert "META-UNKNOWN" not in codes


def test_json_only_fills_unknown_metadata(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In a JSON report, --organ and --year fill an unknown organ or year and never replace a known one."""
    known = gr.AnnualReport.blank("2021", organ="甲局", year=2021, fill=0)
    path = tmp_path / "known.json"
    path.write_text(gr.to_json(known), encoding="utf-8")

    assert main(["records", str(path), "--format", "jsonl", "--organ", "乙局", "--year", "2023"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert (first["organ"], first["year"]) == ("甲局", 2021)


def test_diff_takes_a_year_for_each_side(excerpt: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """diff: --year is NEW's, --old-year OLD's, --organ both."""
    assert main(["diff", str(excerpt), str(excerpt), "--old-year", "2021", "--year", "2022", "--organ", "某局"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert "2021年度" in head
    assert "2022年度" in head


def test_bad_year_is_a_usage_error(excerpt: Path) -> None:
    """A year outside 2008–2100 is refused by the command line, exit status 2."""
    assert main(["parse", str(excerpt), "--year", "1999"]) == 2


def test_folder_refuses_one_reports_metadata(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check DIR with --organ is refused: a folder holds reports of several organs."""
    (tmp_path / "a.txt").write_text(NO_TITLE, encoding="utf-8")

    assert main(["check", str(tmp_path), "--organ", "某局"]) == 2
    assert "folder" in capsys.readouterr().err
