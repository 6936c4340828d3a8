"""Tests of the aggregate, diff, indicators and schema commands: in process, and through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.schema import json_schema

from .conftest import EXAMPLE_JSON
from .helpers import run_cli as run
from .test_summary import three_members

MINE = ("aggregate", "diff", "indicators", "schema")


@pytest.fixture
def members(tmp_path: Path) -> list[Path]:
    """Three consistent member reports as JSON files."""
    paths = []
    for i, report in enumerate(three_members()):
        p = tmp_path / f"m{i}.json"
        p.write_text(gr.to_json(report), encoding="utf-8")
        paths.append(p)
    return paths


def test_aggregate_writes_a_summary(members: list[Path], tmp_path: Path) -> None:
    """aggregate writes the summary JSON with the members listed, deterministically."""
    out, again = tmp_path / "sum.json", tmp_path / "again.json"

    status = main(["aggregate", *map(str, members), "-o", str(out), "--organ", "某某县人民政府"])
    main(["aggregate", *map(str, members), "-o", str(again), "--organ", "某某县人民政府"])
    summary = gr.from_json(out.read_text(encoding="utf-8"))

    assert status == 0
    assert summary.meta.members == ("甲局", "乙局", "丙局")
    assert summary.requests.received.natural_person == 35
    assert out.read_bytes() == again.read_bytes()


def test_aggregate_errors_exit_2(members: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Members of different years, or a strict blank, exit 2 with the reason on stderr."""
    status = main(["aggregate", str(members[0]), str(EXAMPLE_JSON)])

    assert status == 2
    assert "different years" in capsys.readouterr().err


def test_diff_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """diff prints changed cells as text, or the full comparison as JSON."""
    old = gr.AnnualReport.blank("2021", organ="甲局", year=2022, fill=0)
    new = gr.replace_cell(gr.AnnualReport.blank("2021", organ="甲局", year=2023, fill=0), "$.disputes.review.upheld", 2)
    (tmp_path / "old.json").write_text(gr.to_json(old), encoding="utf-8")
    (tmp_path / "new.json").write_text(gr.to_json(new), encoding="utf-8")

    assert main(["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json")]) == 0
    text = capsys.readouterr().out
    assert main(["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)

    assert "行政复议" in text
    assert "+2" in text
    assert [c["path"] for c in data["cells"] if c["old"] != c["new"]] == ["$.disputes.review.upheld"]


def test_indicators_formats(capsys: pytest.CaptureFixture[str]) -> None:
    """indicators prints one line per report as text, JSON or CSV."""
    assert main(["indicators", str(EXAMPLE_JSON), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert main(["indicators", str(EXAMPLE_JSON), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()

    assert data[0]["organ"] == "乌苏市文化体育广播电视和旅游局"
    assert lines[0].startswith("organ,year,edition,disclosure_rate")
    assert len(lines) == 2


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    """schema --edition prints the generated schema; a missing --edition is a usage error (2)."""
    assert main(["schema", "--edition", "2019"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("2019")
    assert main(["schema"]) == 2


@pytest.mark.parametrize("command", MINE)
def test_help_shows_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every command's --help shows an example invocation."""
    assert main([command, "--help"]) == 0
    assert f"govinfo-report {command} " in capsys.readouterr().out


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing input exits 2 with a message on stderr."""
    assert main(["indicators", str(tmp_path / "nope.json")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_real_entry_point_aggregate_then_check(members: list[Path], tmp_path: Path) -> None:
    """Through the real entry point: aggregate three members, then check the summary against them: no errors."""
    out = tmp_path / "sum.json"

    made = run("aggregate", *map(str, members), "-o", str(out))
    checked = run("check", str(out), "--members", *map(str, members))

    assert made.returncode == 0, made.stderr
    assert checked.returncode == 0, checked.stdout
    assert "SUMMARY-" not in checked.stdout


def test_real_entry_point_other_commands(tmp_path: Path) -> None:
    """Through the real entry point: diff, indicators and schema exit 0; a bad file exits 2."""
    assert run("diff", str(EXAMPLE_JSON), str(EXAMPLE_JSON)).returncode == 0
    assert run("indicators", str(EXAMPLE_JSON)).returncode == 0
    assert json.loads(run("schema", "--edition", "2021").stdout) == json_schema("2021")
    bad = run("diff", str(EXAMPLE_JSON), str(tmp_path / "nope.json"))
    assert bad.returncode == 2
    assert "no such file" in bad.stderr
