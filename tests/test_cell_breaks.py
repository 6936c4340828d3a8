"""
A line break inside one cell is never a thousands separator: ``100`` over ``100`` in one cell shows two
numbers, so the cell is blank with UNREADABLE-CELL, never the number 100100.  A wrapped label still reads.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
import govinfo_report.vocab as v
from govinfo_report.importers.normalize import CELL_BREAK, join_cell_lines, read_cell
from govinfo_report.tables import cell_values

_PAGE = (
    f"<h1>某某局2022年{v.REPORT_TITLE_SUFFIX.zh}</h1><p>{v.OVERVIEW.zh}</p><p>{v.DISPUTES.zh}</p>"
    "<table><tr><td>{label}</td></tr><tr><td>{cell}</td></tr></table>"
)
_UPHELD = "$.disputes.review.upheld"


def _html(cell: str, label: str = "行政复议") -> gr.ParseResult:
    return gr.parse_html(_PAGE.replace("{label}", label).replace("{cell}", cell), organ="某某局", year=2022)


@pytest.mark.parametrize("cell", ["100<br>100", "100<br/>  100", "<p>100</p><p>100</p>", "<div>7</div>7"])
def test_two_lines_of_digits_in_an_html_cell_are_unreadable(cell: str) -> None:
    result = _html(cell)
    assert result.report is not None

    assert cell_values(result.report)[_UPHELD] is None
    unreadable = [d for d in result.by_code("UNREADABLE-CELL") if d.path == _UPHELD]
    assert len(unreadable) == 1
    assert "两个数" in unreadable[0].message


@pytest.mark.parametrize(("cell", "value"), [("1 234", 1234), ("100<br>件", 100), ("<p>5</p>", 5)])
def test_one_number_in_an_html_cell_still_reads(cell: str, value: int) -> None:
    result = _html(cell)
    assert result.report is not None

    assert cell_values(result.report)[_UPHELD] == value


def test_a_label_wrapped_in_its_cell_still_reads() -> None:
    result = _html("3", label="行政<br>复议")
    assert result.report is not None

    assert cell_values(result.report)[_UPHELD] == 3


def test_a_pipe_cell_that_spans_two_lines_of_digits_is_unreadable() -> None:
    text = (
        f"某某局2022年{v.REPORT_TITLE_SUFFIX.zh}\n{v.OVERVIEW.zh}\n{v.DISPUTES.zh}\n"
        "| 行政复议 | 100\n100 |\n"
    )
    result = gr.parse_text(text, organ="某某局", year=2022)
    assert result.report is not None

    assert cell_values(result.report)[_UPHELD] is None
    assert any(d.path == _UPHELD for d in result.by_code("UNREADABLE-CELL"))


def test_a_spreadsheet_cell_with_two_lines_of_digits_is_unreadable() -> None:
    openpyxl: Any = pytest.importorskip("openpyxl")
    buffer = io.BytesIO()
    gr.write_xlsx_template("2021", buffer)
    wb = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    wb[v.DISPUTES.zh].cell(5, 1).value = "100\n100"  # 行政复议 × 结果维持
    wb[v.DISPUTES.zh].cell(5, 2).value = "12\n"  # 行政复议 × 结果纠正: a trailing line break is no second number
    out = io.BytesIO()
    wb.save(out)
    result = gr.parse_xlsx(io.BytesIO(out.getvalue()), organ="某某局", year=2022)
    assert result.report is not None

    values = cell_values(result.report)
    assert values[_UPHELD] is None
    assert values["$.disputes.review.corrected"] == 12
    assert any(d.path == _UPHELD for d in result.by_code("UNREADABLE-CELL"))


_DIGITS = st.integers(0, 999_999).map(str)


@given(st.lists(_DIGITS, min_size=2, max_size=4), st.sampled_from([" ", "", "  "]))
def test_joined_digit_lines_never_read_as_one_number(lines: list[str], pad: str) -> None:
    """Whatever the padding around the breaks, digits on two lines of a cell are unreadable as a count."""
    text = join_cell_lines((pad + CELL_BREAK + pad).join(lines))

    reading = read_cell(text, "count")

    assert reading.value is None
    assert reading.code == "UNREADABLE-CELL"


@given(st.text(alphabet="行政复议件 ", min_size=1, max_size=6), st.text(alphabet="行政复议件 ", max_size=6))
def test_a_break_between_words_is_one_space(a: str, b: str) -> None:
    joined = join_cell_lines(a + CELL_BREAK + b)

    assert CELL_BREAK not in joined
    assert joined.replace(" ", "") == (a + b).replace(" ", "")


def _glyphs(lines: list[str]) -> list[dict[str, object]]:
    """The glyphs of a PDF cell: one line of text per entry, 10 pt, left to right, 12 pt apart."""
    out: list[dict[str, object]] = []
    for k, line in enumerate(lines):
        for i, ch in enumerate(line):
            top = 12.0 * k
            x0 = 6.0 * i
            out.append({"text": ch, "x0": x0, "x1": x0 + 5.0, "top": top, "bottom": top + 10.0, "size": 10.0})
    return out


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["100", "100"], "100\u2028100"),
        (["行政", "复议"], "行政复议"),
        (["12", "件"], "12件"),
        (["total", "12"], "total 12"),
    ],
)
def test_the_lines_of_a_pdf_cell_are_joined_as_every_reader_joins_them(lines: list[str], text: str) -> None:
    from govinfo_report.importers._pdf import _cell_text

    joined = _cell_text(_glyphs(lines))  # type: ignore[arg-type]

    assert joined == text
