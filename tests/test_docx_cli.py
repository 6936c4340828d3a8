"""Tests of ``render --format docx`` and of reading .docx files from the command line."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import govinfo_report as gr

from .conftest import EXAMPLE_JSON
from .test_cli import run

needs_docx = pytest.mark.skipif(importlib.util.find_spec("docx") is None, reason="python-docx is not installed")


def test_docx_needs_an_output_file() -> None:
    """--format docx without -o is an error (exit status 2) that asks for -o."""
    out = run("render", str(EXAMPLE_JSON), "--format", "docx")

    assert out.returncode == 2
    assert "-o" in out.stderr
    assert out.stdout == ""


@needs_docx
def test_docx_written_and_read_back(tmp_path: Path) -> None:
    """render --format docx -o writes a Word file; render of that .docx as JSON gives the report back."""
    document = tmp_path / "report.docx"
    back = tmp_path / "back.json"
    written = run("render", str(EXAMPLE_JSON), "--format", "docx", "-o", str(document))
    read = run("render", str(document), "--format", "json", "-o", str(back))

    assert written.returncode == 0, written.stderr
    assert document.read_bytes()[:2] == b"PK"
    assert read.returncode == 0, read.stderr
    assert gr.from_json(back.read_bytes()) == gr.from_json(EXAMPLE_JSON.read_bytes())
    assert "UNIT-IN-CELL" in read.stderr  # the importer's diagnostics are printed


def test_broken_docx_is_a_clean_error(tmp_path: Path) -> None:
    """A .docx that is not a Word file gives exit status 2 and a message naming it, no traceback."""
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    out = run("render", str(broken))

    assert out.returncode == 2
    assert "broken.docx" in out.stderr
    assert "Traceback" not in out.stderr


def test_parse_reads_docx_by_extension_and_by_content(tmp_path: Path) -> None:
    """govinfo_report.parse sends a .docx file, or a Word file under another name, to parse_docx."""
    pytest.importorskip("docx")
    report = gr.from_json(EXAMPLE_JSON.read_text(encoding="utf-8"))
    named = tmp_path / "report.docx"
    gr.write_docx(report, named)
    unnamed = tmp_path / "download.bin"
    unnamed.write_bytes(named.read_bytes())

    assert gr.parse(named).report == report
    assert gr.parse(unnamed).report == report
