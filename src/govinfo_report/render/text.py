"""
Plain-text and Markdown rendering in the layout of the official tables.

:func:`render_text` prints the whole report in the official section order:
the title, 一 to 六, narratives as written, and the three tables with their
official labels, row order and grouping.  :func:`render_table` prints one
table; :func:`render_markdown` gives the report as Markdown for docs and
notebooks.  Blank cells print blank; nothing is recomputed.

Each table is its grid (:func:`govinfo_report.render.grid.table_grid`, the one
every writer draws) flattened into rows of text: the row labels make one
column, a cell spanning several columns or rows prints once (in its first
column, and in its first row or, when the headers beside it all reach as far
down, its last), a group label stands on a line of its own, and the 勾稽 note is
wrapped over the lines of its rows.  Tabulate (imported only when a table is
drawn) draws the rows; Chinese text aligns by display width through wcwidth:

* 二: one block per 第二十条 item, each with its caption and its own header row
  (信息内容 and the block's columns), as in the official table.
* 三: the three header rows (申请人情况; 自然人, 法人或其他组织, 总计; the five
  organisation columns) beside the 勾稽 note, which is wrapped over the three
  lines of the corner cell; then one line per row.  A group's label (三、本年度办理结果,
  （三）不予公开 ...) stands on a line of its own above its rows.
* 四: the three header rows (行政复议 / 行政诉讼; 未经复议直接起诉 / 复议后起诉;
  the outcome columns) and the 15 values on one line.

A table is flattened once for each edition (and for 三 with and without
（六）其他处理 printed as one row); a report only fills in its values.

>>> from govinfo_report import AnnualReport
>>> r = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
>>> print(render_table(r, "二", tablefmt="plain"))  # doctest: +ELLIPSIS
第二十条第（一）项
信息内容            本年制发件数      本年废止件数  现行有效件数
规章                0                 0             0
...
行政事业性收费      0

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from attrs import frozen

from .. import vocab as v
from .._terminal import terminal_safe
from ..model import AnnualReport, Edition, Narrative, OtherMatters
from ..tables import layout, printed_rows
from ._values import format_cell, values_reader
from .grid import GridCell, TableGrid, iter_grid_positions, table_grid

if TYPE_CHECKING:
    from ..vocab import Term

__all__ = [
    "default_title",
    "format_cell",
    "markdown_escape",
    "render_markdown",
    "render_table",
    "render_text",
    "table_rows",
    "terminal_safe",
]

_MD_INLINE = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_MD_LINE_START = re.compile(r"^(\s*(?:\d+)?)([-+=#.)])", re.MULTILINE)


def markdown_escape(text: str) -> str:
    r"""
    *text* as literal Markdown: no HTML, links, emphasis, headings, lists or quotes can come out of it.

    ``&``, ``<`` and ``>`` are written as HTML entities (which every Markdown
    reads), the rest of Markdown's punctuation is escaped with a backslash, and
    a line that would start a heading, list or rule has its marker escaped.

    >>> print(markdown_escape("<script>x</script> [a](http://x) # 1. *b*"))
    &lt;script&gt;x&lt;/script&gt; \[a\]\(http://x\) \# 1. \*b\*

    .. versionadded:: 0.1.0
    """
    entities = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MD_INLINE.sub(r"\\\1", entities)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def default_title(report: AnnualReport) -> str:
    """
    The title as published when known (``meta.title``), else ``{organ}{year}年政府信息公开工作年度报告``.

    .. versionadded:: 0.1.0
    """
    meta = report.meta
    if meta.title:
        return meta.title
    year = f"{meta.year}年" if meta.year is not None else ""
    return f"{meta.organ or ''}{year}{v.REPORT_TITLE_SUFFIX.zh}"


def table_rows(report: AnnualReport, table: str) -> tuple[list[list[str]], int]:
    """
    The rows of one table as lists of printed cells, header rows included.

    They are the table's grid (:func:`govinfo_report.render.grid.table_grid`)
    flattened into the rows tabulate draws, as the module's description says.

    Returns:
        The rows, and how many of the first rows are header rows.

    .. versionadded:: 0.1.0
    """
    flat = _flat_table(report, table)
    rows = [list(r) for r in flat.rows]
    texts = flat.values(report)
    for (i, j), text in zip(flat.slots, texts, strict=True):
        rows[i][j] = text
    return rows, flat.header_count


@frozen
class _FlatTable:
    """
    A table's grid flattened into rows of text, its value cells blank; a report's values fill *slots*.

    Attributes:
        rows: The rows tabulate draws, every one as wide as the widest.
        slots: The (row, column) of each value cell, in the grid's order (row by row).
        header_count: How many of the first rows are header rows.
        values: A report's values for the slots, in the same order (:func:`values_reader` of its printed rows).
    """

    rows: tuple[tuple[str, ...], ...]
    slots: tuple[tuple[int, int], ...]
    header_count: int
    values: Callable[[AnnualReport], list[str]]


# (edition, table, printed as the layout's rows): a table's grid depends on a report only through its
# printed rows, so it is flattened once for each of these and a report only fills in its values
_FLAT: dict[tuple[Edition, str, bool], _FlatTable] = {}


def _flat_table(report: AnnualReport, table: str) -> _FlatTable:
    edition = report.meta.edition
    spec = layout(edition).table(table)
    printed = printed_rows(report, spec)
    key = (edition, spec.attr, printed is spec.rows)
    flat = _FLAT.get(key)
    if flat is None:
        grid = table_grid(report, table)
        rows, slots = _flatten(grid)
        paths = [cell.path for row in grid.rows for cell in row if cell.kind == "value"]
        if paths != [c.path for r in printed for c in r.cells]:  # pragma: no cover - the grid lists them so
            raise AssertionError(f"the grid of {table} does not list the values of its printed rows in order")
        for i, j in slots:
            rows[i][j] = ""
        flat = _FLAT[key] = _FlatTable(
            rows=tuple(tuple(r) for r in rows),
            slots=tuple(slots),
            header_count=len(grid.head),
            values=values_reader(printed),
        )
    return flat


def _flatten(grid: TableGrid) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """
    *grid* as the rows of text that tabulate draws, and the (row, column) of each value cell in grid order.

    Every row has the same number of columns; a position that no cell starts in
    is ``""``.  The grid's row-label columns (those left of the first value
    column) become one text column; each other grid column where a cell starts
    is one text column, counted afresh under each caption (二, whose blocks have
    their own columns).  A cell prints once:

    * a cell spanning columns, in its first column (法人或其他组织, 行政诉讼);
    * a header spanning rows, in its first row when a header beside it under the
      same header above spans fewer rows (自然人 and 总计 beside 法人或其他组织),
      else in its last row (the outcomes of 行政复议 stand on the line of the
      outcomes of 行政诉讼);
    * a group label (one that does not reach the values, 三、本年度办理结果 and
      （三）不予公开 …), on a line of its own above the row it starts in;
    * the 勾稽 note, over the lines of the rows it spans (:func:`_wrap_note`).
    """
    placed = list(iter_grid_positions(grid))
    lead = min(c for _, c, cell in placed if cell.kind == "value")  # the grid columns of the row labels
    label_column = 1 if lead else 0
    captions = {r for r, _, cell in placed if cell.kind == "caption"}
    blocks = list(itertools.accumulate(int(r in captions) for r in range(len(grid.rows))))  # a caption starts one
    starts: dict[int, set[int]] = {}
    for r, c, _ in placed:
        if c >= lead:
            starts.setdefault(blocks[r], set()).add(c)
    columns = {b: {c: label_column + k for k, c in enumerate(sorted(s))} for b, s in starts.items()}
    width = label_column + max(len(s) for s in starts.values())

    lines = [[""] * width for _ in grid.rows]
    groups: list[list[str]] = [[] for _ in grid.rows]
    values: list[tuple[int, int]] = []
    for r, c, cell in placed:
        if c >= lead:
            line = r + cell.rowspan - 1 if _prints_low(grid, placed, lead, r, c, cell) else r
            j = columns[blocks[r]][c]
            lines[line][j] = cell.text
            if cell.kind == "value":
                values.append((line, j))
        elif cell.kind == "note":
            for k, part in enumerate(_wrap_note(cell.text)[: cell.rowspan]):
                lines[r + k][0] = part
        elif c + cell.colspan < lead:
            groups[r].append(cell.text)
        else:
            lines[r][0] = cell.text

    rows: list[list[str]] = []
    at: list[int] = []  # the text row of each grid row
    for r, printed in enumerate(lines):
        rows += [[g] + [""] * (width - 1) for g in groups[r]]
        at.append(len(rows))
        rows.append(printed)
    return rows, [(at[i], j) for i, j in values]


def _prints_low(
    grid: TableGrid, placed: Sequence[tuple[int, int, GridCell]], lead: int, r: int, c: int, cell: GridCell
) -> bool:
    """
    Whether *cell* (starting at row *r*, column *c*) prints in its last row rather than its first.

    It does when it spans rows and every cell that starts in its row under the
    same cell above (in the whole row right of the labels, without one) spans as
    far down as it does.
    """
    if cell.rowspan == 1:
        return False
    left, right = lead, grid.width
    for pr, pc, p in placed:
        if pr + p.rowspan == r and pc <= c < pc + p.colspan:
            left, right = pc, pc + p.colspan
    return all(p.rowspan == cell.rowspan for pr, pc, p in placed if pr == r and left <= pc < right)


def _wrap_note(note: str) -> tuple[str, str, str]:
    """The 勾稽 note over three lines, broken after its first colon and its first comma."""
    head, _, rest = note.partition("：")
    first, _, last = rest.partition("，")
    return head + "：", first + "，", last


def _tabulate(rows: Sequence[Sequence[str]], tablefmt: str, headers: Sequence[str] = ()) -> str:
    from tabulate import tabulate

    # labels read from the left; values sit centred under their headers, as in the official tables
    width = max(len(r) for r in rows) if rows else 0
    colalign = ("left",) + ("center",) * (width - 1)
    text: str = tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True, colalign=colalign)
    return text


def render_table(report: AnnualReport, table: str, *, tablefmt: str = "grid") -> str:
    """
    One table (``"二"``, ``"三"`` or ``"四"``) in the official layout, drawn by tabulate.

    Args:
        report: The report.
        table: ``"二"``, ``"三"``, ``"四"`` (or ``"proactive"``, ``"requests"``, ``"disputes"``).
        tablefmt: Any tabulate table format; ``"grid"`` by default.

    Raises:
        LayoutError: No such table.

    .. versionadded:: 0.1.0
    """
    rows, _ = table_rows(report, table)
    return _tabulate(rows, tablefmt)


def _narrative_lines(section: Narrative | OtherMatters) -> list[str]:
    out: list[str] = []
    if section.text:
        out += [section.text, ""]
    for s in section.subsections:
        out.append(s.title)
        if s.text:
            out.append(s.text)
        out.append("")
    return out


def _sections(report: AnnualReport) -> Iterable[tuple[Term, Narrative | OtherMatters | str]]:
    yield v.OVERVIEW, report.overview
    yield v.PROACTIVE, "二"
    yield v.REQUESTS, "三"
    yield v.DISPUTES, "四"
    yield v.PROBLEMS, report.problems
    yield v.OTHER_MATTERS, report.other_matters


def render_text(report: AnnualReport, *, tablefmt: str = "grid") -> str:
    """
    The whole report as plain text, in the official section order.

    The title comes first, then each section heading on its own line, followed
    by its narrative (text, then each subsection's title and text) or its table.
    Control characters and ANSI escape sequences in the report's text are
    left out (:func:`terminal_safe`).

    .. versionadded:: 0.1.0
    """
    title = default_title(report)
    lines = [title, ""]
    clean = _is_clean(title)
    for heading, body in _sections(report):
        lines += [heading.zh, ""]
        if isinstance(body, str):
            table = render_table(report, body, tablefmt=tablefmt)
            clean = clean and _drawn_clean(table, tablefmt)
            lines += [table, ""]
        else:
            own = _narrative_lines(body)
            clean = clean and all(map(_is_clean, own))
            lines += own
    text = "\n".join(lines).rstrip("\n") + "\n"
    # Clean pieces joined by newlines make a clean text, which terminal_safe would return as it is; any other
    # text goes through it whole, as an escape sequence may run from one piece into the next.
    return text if clean else terminal_safe(text)


def _is_clean(text: str) -> bool:
    """Whether :func:`terminal_safe` leaves *text* as it is (it has no control character)."""
    return terminal_safe(text) == text


# tablefmt → whether its tables are clean.  A table's characters are the format's own, the labels of vocab and
# the values (digits, sign, point, exponent and unit), so one clean table shows the format to be clean.
_CLEAN_FORMATS: dict[str, bool] = {}


def _drawn_clean(table: str, tablefmt: object) -> bool:
    if not isinstance(tablefmt, str):  # a tabulate.TableFormat of the caller's own
        return _is_clean(table)
    clean = _CLEAN_FORMATS.get(tablefmt)
    if clean is None:
        clean = _CLEAN_FORMATS[tablefmt] = _is_clean(table)
    return clean


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(report: AnnualReport) -> str:
    """
    The whole report as Markdown: a level-1 title, level-2 section headings and pipe tables.

    The report's own text (title, organ, subsection titles, narratives) is
    escaped with :func:`markdown_escape`, so it shows as written and can never
    become HTML, a link or a heading.

    .. versionadded:: 0.1.0
    """
    lines = [f"# {markdown_escape(default_title(report))}", ""]
    for heading, body in _sections(report):
        lines += [f"## {heading.zh}", ""]
        if isinstance(body, str):
            rows, header_count = table_rows(report, body)
            escaped = [[_md_escape(c) for c in r] for r in rows]
            head = escaped[0] if header_count else [""] * len(escaped[0])
            body_rows = escaped[1:] if header_count else escaped
            lines += [_tabulate(body_rows, "pipe", headers=head), ""]
        else:
            if body.text:
                lines += [markdown_escape(body.text), ""]
            for s in body.subsections:
                lines += [f"### {markdown_escape(' '.join(s.title.split()))}", ""]
                if s.text:
                    lines += [markdown_escape(s.text), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
