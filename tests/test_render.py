"""Tests of the text and Markdown renderers."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from wcwidth import wcswidth

import govinfo_report as gr
from govinfo_report import vocab as v

from .conftest import EXAMPLE_JSON


def _labels(edition: str) -> set[str]:
    lay = gr.layout(edition)
    out: set[str] = set()
    for table in lay.tables:
        for row in table.rows:
            out |= {t.zh for t in row.labels}
            for cell in row.cells:
                out |= {t.zh for t in cell.column_terms}
    return out


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_text_has_every_heading_and_label_in_official_order(edition: str) -> None:
    """render_text prints the six headings in order and every row and column label of the edition."""
    report = gr.AnnualReport.blank(edition, organ="甲市统计局", fill=0)
    text = gr.render_text(report)

    positions = [text.index(f"\n{term.zh}\n") for term in v.SECTIONS]
    assert positions == sorted(positions)
    for label in _labels(edition):
        assert label in text, label
    assert text.startswith(f"甲市统计局{report.year}年政府信息公开工作年度报告\n")


def test_rows_follow_the_layout_order() -> None:
    """Table rows appear in the order of the official table."""
    report = gr.AnnualReport.blank("2021", organ="甲局", fill=0)
    text = gr.render_table(report, "三")
    rows = [r.labels[-1].zh for r in gr.layout("2021").table("三").rows]

    positions = [text.index(f"| {label} ") for label in rows]  # labels are left-aligned
    assert positions == sorted(positions)


def test_blank_cells_print_blank_and_zero_prints_zero() -> None:
    """A blank cell is empty in the table; 0 is printed as 0."""
    report = gr.AnnualReport.blank("2021", organ="甲局", fill=None)
    report = gr.replace_cell(report, "$.disputes.review.upheld", 0)
    rows, headers = gr.render.table_rows(report, "四")

    assert headers == 3
    assert rows[3] == ["0"] + [""] * 14


def test_amounts_print_exactly_with_their_unit() -> None:
    """Amounts keep their digits; the 2019 procurement amount carries the report's unit."""
    report = gr.from_json(EXAMPLE_JSON.read_text(encoding="utf-8"))
    assert "178万元" in gr.render_table(report, "二")
    r2021 = gr.replace_cell(gr.AnnualReport.blank("2021", organ="甲局", fill=0),
                            "$.proactive.administrative_fees.amount", Decimal("0.50"))
    assert re.search(r"\|\s+0\.50\s+\|", gr.render_table(r2021, "二"))


def test_grid_lines_align_by_display_width() -> None:
    """Every line of a grid table has the same display width, Chinese labels included."""
    report = gr.from_json(EXAMPLE_JSON.read_text(encoding="utf-8"))
    for table in ("二", "三", "四"):
        widths = {wcswidth(line) for line in gr.render_table(report, table).splitlines()}
        assert len(widths) == 1, table


def test_narratives_and_subsections_are_printed_as_written() -> None:
    """Narrative text and each subsection title and text appear in the text output."""
    report = gr.from_json(EXAMPLE_JSON.read_text(encoding="utf-8"))
    text = gr.render_text(report)

    assert report.overview.text in text
    for sub in report.overview.subsections:
        assert f"\n{sub.title}\n{sub.text}\n" in text
    assert text.rstrip().endswith(report.other_matters.text)


def test_markdown_has_headings_and_pipe_tables() -> None:
    """render_markdown gives a title, ## section headings and pipe tables with the labels."""
    report = gr.AnnualReport.blank("2019", organ="甲局", fill=0)
    md = gr.render_markdown(report)

    assert md.startswith("# 甲局2019年政府信息公开工作年度报告\n")
    for term in v.SECTIONS:
        assert f"\n## {term.zh}\n" in md
    assert re.search(r"\|\s*本年增/减\s*\|", md)
    assert re.search(r"^\|:-+\|:-+:\|", md, flags=re.M)


def test_unknown_table_is_an_error() -> None:
    """Asking for a table that does not exist raises LayoutError."""
    with pytest.raises(gr.LayoutError):
        gr.render_table(gr.AnnualReport.blank("2019", organ="甲局"), "五")
