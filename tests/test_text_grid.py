"""
The text and Markdown tables are the grid of :func:`table_grid` flattened, as the oracle here flattens it.

The oracle reads only the grid's cells and their positions (:func:`iter_grid_positions`), and states the
flattening position by position:

- the row-label columns (left of the first value column) are one text column; under each caption (二)
  the other text columns are the grid columns where a cell of that block starts;
- a cell prints once, in the column it starts in;
- a header spanning rows prints in its first row, unless every cell that starts in its row under the
  same cell above spans as far down (then in its last row);
- the label column of a row holds the label that reaches the values; a label that does not (a group
  label) gets a line of its own above the row; the 勾稽 note is split after its first "：" and first
  "，" over its three rows.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tabulate import tabulate, tabulate_formats

import govinfo_report as gr
from govinfo_report import vocab
from govinfo_report.render import text as text_writer
from govinfo_report.render.grid import GridCell, TableGrid, iter_grid_positions, table_grid

from .strategies import reports, single_row_reports, spec_reports

TABLES = ("二", "三", "四")

Placed = tuple[int, int, GridCell]


def _note_lines(note: str) -> list[str]:
    match = re.fullmatch(r"(.*?：)(.*?，)(.*)", note, re.DOTALL)
    assert match, note
    return list(match.groups())


def flatten(grid: TableGrid) -> list[list[str]]:
    """The oracle: *grid* as rows of text, built from the positions of its cells."""
    placed = list(iter_grid_positions(grid))
    lead = min(c for _, c, cell in placed if cell.kind == "value")
    owner: dict[tuple[int, int], Placed] = {}
    for r, c, cell in placed:
        for row in range(r, r + cell.rowspan):
            for col in range(c, c + cell.colspan):
                owner[row, col] = (r, c, cell)
    height = len(grid.rows)

    block: list[int] = []
    for r in range(height):
        starts_block = any(pr == r and cell.kind == "caption" for pr, _, cell in placed)
        block.append((block[-1] if block else 0) + starts_block)
    columns = {b: sorted({c for r, c, _ in placed if block[r] == b and c >= lead}) for b in set(block)}
    offset = 1 if lead else 0
    width = offset + max(len(cols) for cols in columns.values())

    def printed_in(r: int, c: int, cell: GridCell) -> int:
        if cell.rowspan == 1:
            return r
        above = owner.get((r - 1, c))
        if above is not None and above[0] + above[2].rowspan == r:
            lo, hi = above[1], above[1] + above[2].colspan
        else:
            lo, hi = lead, grid.width
        beside = [other for pr, pc, other in placed if pr == r and lo <= pc < hi]
        return r + cell.rowspan - 1 if all(o.rowspan == cell.rowspan for o in beside) else r

    def line(r: int) -> list[str]:
        out = [""] * width
        if lead:
            r0, _, cell = owner[r, lead - 1]
            if cell.kind == "note":
                out[0] = _note_lines(cell.text)[r - r0]
            elif r0 == r:
                out[0] = cell.text
        for j, g in enumerate(columns[block[r]]):
            out[offset + j] = at.get((r, g), "")
        return out

    at: dict[tuple[int, int], str] = {}  # (row, grid column) → the text printed there
    for r, c, cell in placed:
        if c >= lead:
            assert (printed_in(r, c, cell), c) not in at
            at[printed_in(r, c, cell), c] = cell.text

    rows: list[list[str]] = []
    for r in range(height):
        for pr, pc, cell in placed:
            if pr == r and pc + cell.colspan < lead:  # a group label
                rows.append([cell.text] + [""] * (width - 1))
        rows.append(line(r))
    return rows


def _all_reports() -> st.SearchStrategy[gr.AnnualReport]:
    return st.one_of(
        reports(edition="2019", blanks=True),
        reports(edition="2021", blanks=True),
        single_row_reports(broken=True),
        spec_reports(blanks="any"),
    )


def _tabulated(rows: list[list[str]], tablefmt: str, headers: list[str] | tuple[()] = ()) -> str:
    colalign = ("left",) + ("center",) * (len(rows[0]) - 1)
    text: str = tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True, colalign=colalign)
    return text


@given(_all_reports())
def test_table_rows_are_the_grid_flattened(report: gr.AnnualReport) -> None:
    """table_rows of every table, of both editions, with blanks and with （六） as one row, is the oracle's."""
    for table in TABLES:
        grid = table_grid(report, table)
        assert gr.render.table_rows(report, table) == (flatten(grid), len(grid.head)), table


@given(_all_reports())
def test_text_and_markdown_draw_the_flattened_grid(report: gr.AnnualReport) -> None:
    """render_text and render_markdown hold each table as tabulate draws the oracle's rows."""
    text = gr.render_text(report)
    markdown = gr.render_markdown(report)
    for table in TABLES:
        grid = table_grid(report, table)
        rows = flatten(grid)
        assert gr.render_table(report, table) == _tabulated(rows, "grid")
        assert f"\n\n{_tabulated(rows, 'grid')}\n" in text
        escaped = [[c.replace("|", "\\|") for c in r] for r in rows]
        if grid.head:
            drawn = _tabulated(escaped[1:], "pipe", headers=escaped[0])
        else:
            drawn = _tabulated(escaped, "pipe", headers=[""] * len(escaped[0]))
        assert f"\n\n{drawn}\n" in markdown


def _head_rows(report: gr.AnnualReport, table: str) -> list[list[str]]:
    rows, count = gr.render.table_rows(report, table)
    return rows[:count]


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_spanned_headers_print_where_the_tables_show_them(edition: str) -> None:
    """自然人 and 总计 on the line of 法人或其他组织; the outcomes of 行政复议 on the last header line of 四."""
    report = gr.AnnualReport.blank(edition, organ="某某局", fill=0)
    lay = gr.layout(edition)

    columns = [c.column_terms for c in lay.table("三").rows[0].cells]
    top, middle, bottom = _head_rows(report, "三")
    assert top[1:] == [vocab.APPLICANTS.zh] + [""] * (len(columns) - 1)
    expected, group = [], None
    for terms in columns:
        expected.append(terms[0].zh if len(terms) == 1 or terms[0] != group else "")
        group = terms[0]
    assert middle[1:] == expected
    assert bottom[1:] == [t[-1].zh if len(t) > 1 else "" for t in columns]

    review = lay.table("四").rows[0]
    outcomes = [c.column_terms[-1].zh for c in review.cells]
    top, middle, bottom = _head_rows(report, "四")
    assert top[: len(outcomes)] == [review.labels[0].zh] + [""] * (len(outcomes) - 1)
    assert middle[: len(outcomes)] == [""] * len(outcomes)
    assert bottom[: len(outcomes)] == outcomes


def test_each_block_of_2019_table_two_has_its_own_columns() -> None:
    """2019: a block of two values prints them in the first two value columns, as a block of three does."""
    report = gr.AnnualReport.blank("2019", organ="某某局", fill=0)
    rows, _ = gr.render.table_rows(report, "二")
    assert {len(r) for r in rows} == {4}
    for spec in gr.layout("2019").table("二").rows:
        row = next(r for r in rows if r[0] == spec.labels[-1].zh)
        n = len(spec.cells)
        assert all(row[1 : 1 + n]), spec.labels[-1].zh
        assert row[1 + n :] == [""] * (3 - n), spec.labels[-1].zh


@given(spec_reports(odd=True, blanks="any"), st.sampled_from(tabulate_formats))
def test_text_is_terminal_safe_as_a_whole(report: gr.AnnualReport, tablefmt: str) -> None:
    """render_text leaves terminal_safe out only where it would change nothing: as if the whole text went through."""
    fast = gr.render_text(report, tablefmt=tablefmt)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(text_writer, "_is_clean", lambda text: False)
        m.setattr(text_writer, "_CLEAN_FORMATS", {})
        whole = gr.render_text(report, tablefmt=tablefmt)
    assert fast == whole
    assert text_writer.terminal_safe(fast) == fast
