"""
A property over each of our writers: what a writer prints, the importer reads back cell for cell, without the
title and the organ, and every number it reads is a number the input shows.
"""

from __future__ import annotations

import importlib.util
import io
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

import govinfo_report as gr
from govinfo_report.importers import ParseResult, parse_html, parse_text
from govinfo_report.render.html import render_html
from govinfo_report.render.text import default_title, render_markdown, render_text
from govinfo_report.tables import cell_values

from .test_parse_properties import printable_reports

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _docx_html(report: gr.AnnualReport) -> str:
    from govinfo_report.importers.docx import docx_to_html
    from govinfo_report.render.docx import write_docx

    buffer = io.BytesIO()
    write_docx(report, buffer)
    buffer.seek(0)
    return docx_to_html(buffer)


Writer = tuple[Callable[[gr.AnnualReport], str], Callable[..., ParseResult]]
WRITERS: dict[str, Writer] = {
    "render_text": (render_text, parse_text),
    "render_markdown": (render_markdown, parse_text),
    "render_html": (render_html, parse_html),
    "write_docx": (_docx_html, parse_html),
}


def _without_title_and_organ(printed: str, report: gr.AnnualReport) -> str:
    """The output with its title lines and every mention of the organ taken out."""
    title = default_title(report)
    lines = [line for line in printed.split("\n") if title not in line and (report.meta.title or "\0") not in line]
    return "\n".join(lines).replace(report.meta.organ, "")


@pytest.mark.parametrize("writer", list(WRITERS))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=printable_reports())
def test_every_cell_comes_back_without_title_or_organ_and_every_number_is_printed(
    writer: str, report: gr.AnnualReport
) -> None:
    if writer == "write_docx" and importlib.util.find_spec("docx") is None:
        pytest.skip("python-docx is not installed")
    write, read = WRITERS[writer]
    printed = _without_title_and_organ(write(report), report)
    assert report.meta.organ not in printed

    result = read(printed)
    parsed = result.report
    assert parsed is not None
    assert parsed.edition is report.edition
    assert cell_values(parsed) == cell_values(report)

    shown = {Decimal(m) for m in _NUMBER.findall(printed)}
    for path, value in cell_values(parsed).items():
        if value is not None:
            assert abs(Decimal(value)) in shown, (path, value)
