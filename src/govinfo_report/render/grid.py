"""
The grid of each official table: rows of cells with their spans, as every writer draws it.

:func:`table_grid` builds, from the layout (:func:`govinfo_report.tables.layout`) and the
vocabulary, the merged cells of the national format (format-spec §1.2–§2.4): captions, column
headers, the 勾稽 note of 三, row labels spanning their rows, and the value cells with their paths.
The text, Markdown, HTML, Word and Excel writers all draw this grid; none of them reads.
:func:`official_grid` is the same grid with blank values and no report: the table readers match what
they read against its labels (each cell's :attr:`GridCell.term`) and its value cells (by path).

>>> from govinfo_report import AnnualReport
>>> grid = table_grid(AnnualReport.blank("2021", organ="某某局", fill=0), "四")
>>> [(c.text, c.colspan) for c in grid.head[0]]
[('行政复议', 5), ('行政诉讼', 10)]

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from attrs import frozen

from .. import vocab as v
from ..model import AnnualReport, Edition
from ..tables import TableSpec, layout, printed_rows
from ._values import row_values as _row_values

if TYPE_CHECKING:
    from ..vocab import Term

__all__ = ["CellKind", "GridCell", "TableGrid", "iter_grid_positions", "official_grid", "table_grid"]


CellKind = Literal["caption", "header", "note", "label", "value"]


@frozen
class GridCell:
    """
    One cell of a table as drawn: its text, its role and its spans.

    Attributes:
        text: The printed text ("" for a blank value).
        kind: ``"caption"`` (a block caption of 二), ``"header"`` (a column
            header), ``"note"`` (the 勾稽 note of 三), ``"label"`` (a row label)
            or ``"value"``.
        rowspan: Rows the cell covers.
        colspan: Grid columns the cell covers.
        path: The model path of a value cell, e.g. ``$.requests.received.total``.
        term: The label of a caption, header, note or row label cell, with its
            variants (what a reader matches the printed text against); None for
            a value cell.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *term*.
    """

    text: str
    kind: CellKind
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None
    term: Term | None = None


@frozen
class TableGrid:
    """
    A table as rows of :class:`GridCell` (each row lists the cells that start in it, as in HTML).

    Attributes:
        table: The table's layout.
        width: The number of grid columns.
        head: The header rows (repeated on each printed page).
        body: The other rows.

    .. versionadded:: 0.1.0
    """

    table: TableSpec
    width: int
    head: tuple[tuple[GridCell, ...], ...]
    body: tuple[tuple[GridCell, ...], ...]

    @property
    def rows(self) -> tuple[tuple[GridCell, ...], ...]:
        """Header rows, then body rows."""
        return self.head + self.body


# ----------------------------------------------------------------------------
# The grid of each table
# ----------------------------------------------------------------------------


def table_grid(report: AnnualReport, table: str) -> TableGrid:
    """
    The official layout of one table of *report*, with its merged cells.

    Args:
        report: The report.
        table: ``"二"``, ``"三"``, ``"四"`` (or ``"proactive"``, ``"requests"``, ``"disputes"``).

    Raises:
        LayoutError: No such table.

    >>> from govinfo_report import AnnualReport
    >>> grid = table_grid(AnnualReport.blank("2021", organ="某某局", fill=0), "四")
    >>> [(c.text, c.colspan) for c in grid.head[0]]
    [('行政复议', 5), ('行政诉讼', 10)]
    >>> grid.width, len(grid.body[0])
    (15, 15)

    .. versionadded:: 0.1.0
    """
    return _grid(report, layout(report.meta.edition).table(table))


def official_grid(edition: Edition | str, table: str) -> TableGrid:
    """
    The grid of one table of *edition* as the national format prints it, with no report: every value blank.

    Its value cells carry their paths, and its captions, headers, note and row labels their
    :attr:`GridCell.term`: what the table readers match a table they read against. Built once per
    edition and table.

    Args:
        edition: ``"2019"`` or ``"2021"``.
        table: ``"二"``, ``"三"``, ``"四"`` (or ``"proactive"``, ``"requests"``, ``"disputes"``).

    Raises:
        LayoutError: No such table.

    >>> grid = official_grid("2021", "四")
    >>> [(c.term.en if c.term else None, c.colspan) for c in grid.head[0]]
    [('administrative review', 5), ('administrative litigation', 10)]
    >>> grid.body[0][0].path, grid.body[0][0].text
    ('$.disputes.review.upheld', '')

    .. versionadded:: 0.2.0
    """
    report_layout = layout(edition)
    return _official_grid(report_layout.edition, report_layout.table(table).attr)


@functools.cache
def _official_grid(edition: Edition, attr: str) -> TableGrid:
    return _grid(None, layout(edition).table(attr))


def _grid(report: AnnualReport | None, spec: TableSpec) -> TableGrid:
    """The grid of *spec*, with the values of *report* (blank without one)."""
    if spec.attr == "proactive":
        return _proactive_grid(report, spec)
    if spec.attr == "requests":
        return _requests_grid(report, spec)
    return _disputes_grid(report, spec)


def _values(report: AnnualReport | None, row: Any, spans: Sequence[int] | None = None) -> list[GridCell]:
    texts = _row_values(report, row) if report is not None else [""] * len(row.cells)
    spans = spans or [1] * len(texts)
    return [
        GridCell(text, "value", colspan=span, path=cell.path)
        for cell, text, span in zip(row.cells, texts, spans, strict=True)
    ]


def _spans(count: int, width: int) -> list[int]:
    """Spread *count* cells over *width* grid columns: evenly when possible, else the last takes the rest."""
    if width % count == 0:
        return [width // count] * count
    return [1] * (count - 1) + [width - count + 1]


def _proactive_grid(report: AnnualReport | None, spec: TableSpec) -> TableGrid:
    counts = {len(r.cells) for r in spec.rows}
    widest = max(counts)
    # 2019: blocks of 3 and of 2 values share a grid of 4 value columns (format-spec §1.2)
    width = widest if all(widest % n == 0 for n in counts) else widest + 1
    body: list[tuple[GridCell, ...]] = []
    block: Term | None = None
    for r in spec.rows:
        spans = _spans(len(r.cells), width)
        if r.labels[0] != block:
            block = r.labels[0]
            body.append((GridCell(block.zh, "caption", colspan=width + 1, term=block),))
            headers = [
                GridCell(c.column_terms[-1].zh, "header", colspan=s, term=c.column_terms[-1])
                for c, s in zip(r.cells, spans, strict=True)
            ]
            body.append((GridCell(v.INFORMATION_CONTENT.zh, "header", term=v.INFORMATION_CONTENT), *headers))
        body.append((GridCell(r.labels[-1].zh, "label", term=r.labels[-1]), *_values(report, r, spans)))
    return TableGrid(table=spec, width=width + 1, head=(), body=tuple(body))


def _column_headers(columns: Sequence[tuple[Term, ...]], depth: int) -> list[list[GridCell]]:
    """
    Header rows for data columns described by their label paths (outermost first).

    A label shared by consecutive columns spans them; a column's last label
    spans down to the last header row.
    """
    rows: list[list[GridCell]] = [[] for _ in range(depth)]
    for level in range(depth):
        j = 0
        while j < len(columns):
            terms = columns[j]
            if len(terms) <= level:  # covered by a label above that spans down
                j += 1
                continue
            if level == len(terms) - 1:
                rows[level].append(GridCell(terms[level].zh, "header", rowspan=depth - level, term=terms[level]))
                j += 1
                continue
            run = 1
            while j + run < len(columns) and columns[j + run][: level + 1] == terms[: level + 1]:
                run += 1
            rows[level].append(GridCell(terms[level].zh, "header", colspan=run, term=terms[level]))
            j += run
    return rows


def _requests_grid(report: AnnualReport | None, spec: TableSpec) -> TableGrid:
    columns = [c.column_terms for c in spec.rows[0].cells]
    column_depth = max(len(c) for c in columns)
    label_depth = max(len(r.labels) for r in spec.rows)
    headers = _column_headers(columns, column_depth)
    top = (
        GridCell(v.REQUESTS_NOTE.zh, "note", rowspan=column_depth + 1, colspan=label_depth, term=v.REQUESTS_NOTE),
        GridCell(v.APPLICANTS.zh, "header", colspan=len(columns), term=v.APPLICANTS),
    )
    head = (top, *(tuple(r) for r in headers))
    body: list[tuple[GridCell, ...]] = []
    # with （六）其他处理（未分子行） when the report has it
    rows = printed_rows(report, spec) if report is not None else spec.rows
    for k, r in enumerate(rows):
        cells: list[GridCell] = []
        for level, term in enumerate(r.labels):
            prefix = r.labels[: level + 1]
            if k > 0 and rows[k - 1].labels[: level + 1] == prefix:
                continue  # inside a group label that spans from above
            run = 1
            while k + run < len(rows) and rows[k + run].labels[: level + 1] == prefix:
                run += 1
            last = level == len(r.labels) - 1
            span = label_depth - level if last else 1
            cells.append(GridCell(term.zh, "label", rowspan=run, colspan=span, term=term))
        body.append((*cells, *_values(report, r)))
    return TableGrid(table=spec, width=label_depth + len(columns), head=head, body=tuple(body))


def _disputes_grid(report: AnnualReport | None, spec: TableSpec) -> TableGrid:
    # The row labels of 四 (行政复议; 行政诉讼 / 未经复议直接起诉 ...) are column headers of the official table.
    columns = [(*r.labels, c.column_terms[-1]) for r in spec.rows for c in r.cells]
    depth = max(len(c) for c in columns)
    head = tuple(tuple(r) for r in _column_headers(columns, depth))
    values = [cell for r in spec.rows for cell in _values(report, r)]
    return TableGrid(table=spec, width=len(columns), head=head, body=(tuple(values),))




def iter_grid_positions(grid: TableGrid) -> Iterator[tuple[int, int, GridCell]]:
    """
    Every cell of *grid* with its top-left grid position ``(row, column)``, as HTML places cells.

    Cells are placed left to right in the first grid column that no cell from
    above (through its rowspan) still covers.

    .. versionadded:: 0.1.0
    """
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while (r, c) in covered:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, c + dc))
            yield r, c, cell
            c += cell.colspan
