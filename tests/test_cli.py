"""Tests of the command line, through the real entry point in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import govinfo_report as gr

from .conftest import EXAMPLE_JSON
from .helpers import run_cli as run


def test_version() -> None:
    """--version prints the package version and exits 0."""
    out = run("--version")

    assert out.returncode == 0
    assert out.stdout.strip() == f"govinfo-report {gr.__version__}"


def test_render_text_and_json(tmp_path: Path) -> None:
    """render prints the official layout; --format json writes a loadable report."""
    text = run("render", str(EXAMPLE_JSON))
    target = tmp_path / "out.json"
    as_json = run("render", str(EXAMPLE_JSON), "--format", "json", "-o", str(target))

    assert text.returncode == 0
    assert "三、收到和处理政府信息公开申请情况" in text.stdout
    assert as_json.returncode == 0
    assert gr.from_json(target.read_text(encoding="utf-8")) == gr.from_json(EXAMPLE_JSON.read_text(encoding="utf-8"))


def test_records_jsonl_and_csv() -> None:
    """records prints one JSON object per cell, or CSV with a header."""
    jsonl = run("records", str(EXAMPLE_JSON), "--format", "jsonl")
    csv_out = run("records", str(EXAMPLE_JSON), "--format", "csv")

    assert jsonl.returncode == 0
    lines = jsonl.stdout.splitlines()
    assert len(lines) == len(gr.layout("2019").cells)
    assert json.loads(lines[0])["table"] == "二"
    assert csv_out.stdout.splitlines()[0] == ",".join(gr.RECORD_KEYS)


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    """A missing file or an invalid report gives exit status 2 and a message on stderr."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"format_version": 1}', encoding="utf-8")

    missing = run("render", str(tmp_path / "nope.json"))
    invalid = run("records", str(bad))

    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    assert invalid.returncode == 2
    assert "required field missing @ $.meta" in invalid.stderr


def test_usage_errors_exit_2() -> None:
    """No command, or a bad option, exits 2."""
    assert run().returncode == 2
    assert run("render", str(EXAMPLE_JSON), "--format", "pdf").returncode == 2


def test_every_command_has_help_with_an_example() -> None:
    """Each command's --help exits 0 and shows at least one example invocation."""
    from govinfo_report.cli import COMMANDS

    for name in COMMANDS:
        out = run(name, "--help")

        assert out.returncode == 0, name
        assert "example" in out.stdout, name
        assert f"govinfo-report {name} " in out.stdout.split("example", 1)[1], name
