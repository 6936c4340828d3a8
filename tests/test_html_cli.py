"""Tests of ``render --format html`` through the real entry point."""

from __future__ import annotations

from pathlib import Path

import govinfo_report as gr
from govinfo_report.importers import parse_html

from .conftest import EXAMPLE_JSON
from .test_cli import run


def test_render_html_to_file_reads_back(tmp_path: Path) -> None:
    """render --format html -o writes a page that the HTML importer reads back to the same report."""
    target = tmp_path / "report.html"
    out = run("render", str(EXAMPLE_JSON), "--format", "html", "-o", str(target))

    assert out.returncode == 0, out.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert parse_html(page).report == gr.from_json(EXAMPLE_JSON.read_bytes())


def test_render_html_with_findings_marks_cells(tmp_path: Path) -> None:
    """--findings highlights the cells of the report's findings; without it no cell is marked."""
    report = gr.replace_cell(gr.from_json(EXAMPLE_JSON.read_bytes()), "$.disputes.review.total", 9)
    source = tmp_path / "wrong.json"
    source.write_text(gr.to_json(report), encoding="utf-8")
    marked = run("render", str(source), "--format", "html", "--findings")
    plain = run("render", str(source), "--format", "html")

    assert marked.returncode == 0
    assert plain.returncode == 0
    assert 'class="value finding finding-stated finding-error" data-path="$.disputes.review.total"' in marked.stdout
    assert 'class="value finding' not in plain.stdout


def test_findings_option_needs_html() -> None:
    """--findings with another format is a usage error (exit status 2) with a message."""
    out = run("render", str(EXAMPLE_JSON), "--findings")

    assert out.returncode == 2
    assert "--findings" in out.stderr
