"""
HTML: the page's text blocks and tables, with rowspan and colspan, using only :mod:`html.parser`.

:func:`extract` reads a page into blocks: a text line for each paragraph-like
element (``p``, ``div``, ``h1``–``h6``, ``li``, ``br`` ...) and an
:class:`HtmlTable` for each table, whose cells keep their ``rowspan`` and
``colspan`` (:meth:`HtmlTable.grid` lays them out on the full grid).
Scripts, styles, navigation and footers are skipped, and so is text a browser
would not show (``hidden``, ``display:none``, ``visibility:hidden``); inside a
table cell such text is kept between ``⁅ ⁆`` marks, superscripts and subscripts
as such (``5²``) and struck-through text struck (``5̶``), so that the cell reads
as unreadable, never as the number it resembles.  A table that holds tables
lays out the page: its cells are text.  HTML held in a string
(``<td colspan=\\"3\\">``, ``\\n``, ``\\u003c``) is unescaped first.

:class:`HtmlTable` is the grid of cells that every table reader fills (HTML, Word, Excel and
PDF). :func:`to_text` then writes the blocks as text for the text reader: text
blocks as lines, each table row as a pipe row with every cell once (so a
value spanning three columns stays one value), together with a map from each
line and column back to the element's place in the HTML.

>>> blocks = extract('<p>一、总体情况</p><table><tr><td rowspan="2">规章</td><td colspan="3">5</td></tr></table>')
>>> table = blocks[1]
>>> [[c.text if c else None for c in row] for row in table.grid()]
[['规章', '5', '5', '5'], ['规章', None, None, None]]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

from attrs import define, field

from ._tokens import COVERED_ABOVE, COVERED_LEFT
from .normalize import CELL_BREAK, HIDDEN_CLOSE, HIDDEN_OPEN, STRIKE, is_value_text, join_cell_lines

__all__ = [
    "META_PREFIX",
    "HtmlCell",
    "HtmlTable",
    "Page",
    "TextBlock",
    "extract",
    "extract_page",
    "looks_like_html",
    "mapper",
    "to_text",
    "unescape_string",
]

_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd br hr section article blockquote pre center title caption "  # noqa: SIM905
    "table tr tbody thead tfoot form address figure figcaption main aside".split()
)
_SKIP = frozenset("script style noscript template head nav footer header select option iframe svg".split())  # noqa: SIM905
_VOID = frozenset("br hr img input meta link area base col embed param source track wbr".split())  # noqa: SIM905
_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_HTML_HINT = re.compile(r"<(?:html|body|table|tr|td|p|div|br|span|h[1-6])\b[^>]*>", re.I)
_JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def looks_like_html(text: str) -> bool:
    """
    True when *text* holds HTML markup (two or more block or table tags).

    >>> looks_like_html("<p>一、总体情况</p><p>…</p>"), looks_like_html("一、总体情况")
    (True, False)
    """
    return len(_HTML_HINT.findall(text[:200_000], 0)) >= 2


@define
class HtmlCell:
    """
    One cell of an input grid (:class:`HtmlTable`): its text, spans and place in the input.

    For HTML and Word a ``td``/``th`` cell and its 1-based line and column in the HTML; the Excel
    reader gives the sheet's row and column, the PDF reader the page.
    """

    text: str
    rowspan: int = 1
    colspan: int = 1
    line: int = 1
    col: int = 1
    hidden: bool = False


@define
class HtmlTable:
    """
    A table as read, whatever the format: its rows of cells as written (spans not expanded).

    This is the one grid of cells of the input side. Every reader of tables fills it: HTML, Word
    (through HTML, :func:`~govinfo_report.importers.docx.docx_to_html`), Excel
    (:mod:`govinfo_report.importers.xlsx`, merged ranges as spans) and PDF
    (:mod:`govinfo_report.importers._pdf`, ruled tables with their merged cells). They all hand
    their tables to :func:`to_text`, whose pipe rows the one table reader
    (:func:`govinfo_report.importers._tables.read_table`) maps onto the official grid of the table
    (:func:`govinfo_report.render.grid.official_grid`). No reader writes pipe rows or tokens of its own.
    """

    rows: list[list[HtmlCell]] = field(factory=list)
    line: int = 1
    col: int = 1

    def slots(self) -> list[list[tuple[HtmlCell, bool | None]]]:
        """
        Each row's cells in grid order, once each, with the slots that a spanning *value* cell covers.

        An entry is ``(cell, True)`` where the cell starts; ``(cell, None)`` for a slot that a value cell
        to the left spans (colspan); ``(cell, False)`` for one that a value cell above spans (rowspan).
        Slots covered by a label or a blank cell are left out, as the text of a table shows them once.
        """
        grid = self.grid()
        out: list[list[tuple[HtmlCell, bool | None]]] = []
        for r, row in enumerate(grid):
            entries: list[tuple[HtmlCell, bool | None]] = []
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                left = c > 0 and row[c - 1] is cell
                above = r > 0 and c < len(grid[r - 1]) and grid[r - 1][c] is cell
                if not left and not above:
                    entries.append((cell, True))
                elif cell.text and is_value_text(cell.text):
                    entries.append((cell, False if above else None))
            out.append(entries)
        return out[: len(self.rows)]

    def grid(self) -> list[list[HtmlCell | None]]:
        """
        The cells laid out on the full grid: a spanning cell fills every slot it covers.

        Slots that no cell covers are None.
        """
        grid: list[list[HtmlCell | None]] = []
        taken: dict[tuple[int, int], HtmlCell] = {}
        width = 0
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                for dr in range(max(1, min(cell.rowspan, 1000))):
                    for dc in range(max(1, min(cell.colspan, 1000))):
                        taken[(r + dr, c + dc)] = cell
                c += max(1, cell.colspan)
            width = max([width, *(cc + 1 for (rr, cc) in taken if rr == r)])
        height = max([len(self.rows), *(rr + 1 for rr, _ in taken)]) if taken else len(self.rows)
        for r in range(height):
            grid.append([taken.get((r, c)) for c in range(width)])
        return grid


@define
class TextBlock:
    """A line of text from a paragraph-like element (1-based line and column of where it starts)."""

    text: str
    line: int = 1
    col: int = 1
    heading: bool = False


_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_STRUCK = frozenset(["del", "s", "strike"])
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
_SUBSCRIPT = str.maketrans("0123456789+-", "₀₁₂₃₄₅₆₇₈₉₊₋")
# COVERED_LEFT, COVERED_ABOVE (from _tokens): what to_text writes for a grid slot covered by a value cell spanning
# columns (the value is to its left) or rows (the value is above): the table reader places values by their spans
# and never guesses which of the covered cells a spanning value belongs to.


def _is_hidden(attrs: list[tuple[str, str | None]]) -> bool:
    """True for an element a browser does not show: ``hidden``, ``display:none``, ``visibility:hidden``."""
    return any(k == "hidden" or (k == "style" and value and _HIDDEN_STYLE.search(value)) for k, value in attrs)


def _shown(data: str, marks: dict[str, int]) -> str:
    """Cell text as the page shows it: superscripts and subscripts as such, struck-through text struck."""
    if marks["sup"]:
        data = data.translate(_SUPERSCRIPT)
    elif marks["sub"]:
        data = data.translate(_SUBSCRIPT)
    if marks["struck"]:
        data = "".join(c + STRIKE if not c.isspace() else c for c in data)
    return data


class _Extractor(HTMLParser):
    def __init__(self, layout: frozenset[tuple[int, int]] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.layout = layout  # (line, col) of the tables that lay out the page (see _LayoutScan)
        self.layout_open: list[bool] = []  # for each open table: whether it is a layout table
        self.blocks: list[TextBlock | HtmlTable] = []
        self.buf: list[str] = []
        self.buf_pos: tuple[int, int] | None = None
        self.skip = 0
        self.pre = 0
        self.tables: list[HtmlTable] = []
        self.cell: HtmlCell | None = None
        self.cell_buf: list[str] = []
        self.heading = 0
        self.in_title = 0
        self.title: list[str] = []
        self.meta: dict[str, list[str]] = {}
        # open elements that change what is shown: (tag, mark) with mark "sup", "sub", "struck" or "hidden"
        self.open_marks: list[tuple[str, str]] = []
        self.marks = {"sup": 0, "sub": 0, "struck": 0, "hidden": 0}
        self.row_hidden = False
        # hidden elements outside table cells, whose text is skipped: [tag, nesting of the same tag inside]
        self.hidden_skip: list[list[Any]] = []

    def _mark(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Remember an element that changes how its text shows (see :func:`_shown`)."""
        if tag in _VOID:
            return
        mark = ""
        if _is_hidden(attrs):
            mark = "hidden"
        elif tag in ("sup", "sub"):
            mark = tag
        elif tag in _STRUCK:
            mark = "struck"
        if mark:
            if mark == "hidden" and self.cell is not None:
                self.cell_buf.append(HIDDEN_OPEN)
            self.marks[mark] += 1
            self.open_marks.append((tag, mark))

    def _unmark(self, tag: str) -> None:
        for k in range(len(self.open_marks) - 1, -1, -1):
            if self.open_marks[k][0] == tag:
                mark = self.open_marks.pop(k)[1]
                self.marks[mark] -= 1
                if mark == "hidden" and self.cell is not None:
                    self.cell_buf.append(HIDDEN_CLOSE)
                return

    # text outside tables
    def _flush(self) -> None:
        if self.buf:
            raw = "".join(self.buf)
            text = raw if self.pre else _ASCII_SPACE.sub(" ", raw)
            text = text.strip(" \t\n\r\f")
            if text:
                line, col = self.buf_pos or (1, 1)
                for k, part in enumerate(text.split("\n")):
                    self.blocks.append(TextBlock(part, line + k, col if k == 0 else 1, bool(self.heading)))
        self.buf = []
        self.buf_pos = None

    def _pos(self) -> tuple[int, int]:
        line, offset = self.getpos()
        return line, offset + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title += 1
        elif tag == "meta":
            self._meta_tag(dict(attrs))
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            if self.hidden_skip and self.hidden_skip[-1][0] == tag and tag not in _VOID:
                self.hidden_skip[-1][1] += 1
            return
        if tag not in _VOID and _is_hidden(attrs) and tag not in ("td", "th", "tr") and (
            self.cell is None or tag == "table"
        ):
            # not shown, and not a cell of a table: its text is no part of the page
            self.skip += 1
            self.hidden_skip.append([tag, 0])
            return
        if tag == "pre":
            self.pre += 1
        if tag == "table":
            if not self.tables and self._pos() in self.layout:
                # a table that holds tables lays out the page (CMS pages): its cells are blocks of text
                self._flush()
                self.layout_open.append(True)
                return
            self.layout_open.append(False)
            if self.tables:  # a table inside a cell: its text joins the cell
                self.tables.append(HtmlTable())
                return
            self._flush()
            line, col = self._pos()
            self.tables.append(HtmlTable(line=line, col=col))
            return
        if self.tables and len(self.tables) == 1:
            table = self.tables[0]
            if tag == "tr":
                self._end_cell()
                table.rows.append([])
                self.row_hidden = _is_hidden(attrs)
            elif tag in ("td", "th"):
                self._end_cell()
                if not table.rows:
                    table.rows.append([])
                spans = {k: _span(v) for k, v in attrs if k in ("rowspan", "colspan")}
                line, col = self._pos()
                hidden = self.row_hidden or _is_hidden(attrs)
                self.cell = HtmlCell("", spans.get("rowspan", 1), spans.get("colspan", 1), line, col, hidden)
                table.rows[-1].append(self.cell)
                self.cell_buf = []
            else:
                if tag in _BLOCK and self.cell is not None:
                    self.cell_buf.append(CELL_BREAK)
                self._mark(tag, attrs)
            return
        if self.tables:
            if tag in _BLOCK:
                self.cell_buf.append(CELL_BREAK)
            self._mark(tag, attrs)
            return
        if tag in _BLOCK or tag in ("td", "th"):
            self._flush()
        if tag in _HEADINGS:
            self.heading += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def _meta_tag(self, attrs: dict[str, str | None]) -> None:
        name, content = attrs.get("name") or "", attrs.get("content")
        if name.startswith(META_PREFIX) and content is not None:
            self.meta.setdefault(name[len(META_PREFIX) :], []).append(content)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.in_title:
            self.in_title -= 1
        if tag in _SKIP:
            if tag not in _VOID and self.skip:
                self.skip -= 1
            return
        if self.hidden_skip and self.hidden_skip[-1][0] == tag:
            if self.hidden_skip[-1][1]:
                self.hidden_skip[-1][1] -= 1
            else:
                self.hidden_skip.pop()
                self.skip -= 1
            return
        if self.skip:
            return
        self._unmark(tag)
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag == "table" and self.layout_open and self.layout_open.pop():
            self._flush()
            return
        if tag == "table" and self.tables:
            inner = self.tables.pop()
            if not self.tables:
                self._end_cell()
                self.blocks.append(inner)
            return
        if self.tables:
            if len(self.tables) == 1 and tag in ("td", "th"):
                self._end_cell()
            elif tag in _BLOCK:
                self.cell_buf.append(CELL_BREAK)
            return
        if tag in _BLOCK:
            self._flush()
        if tag in _HEADINGS and self.heading:
            self.heading -= 1

    def _end_cell(self) -> None:
        if self.cell is not None:
            # a hidden element left open at the end of the cell closes with it
            while self.open_marks and self.open_marks[-1][1] in ("hidden", "sup", "sub", "struck"):
                mark = self.open_marks.pop()[1]
                self.marks[mark] -= 1
                if mark == "hidden":
                    self.cell_buf.append(HIDDEN_CLOSE)
            text = join_cell_lines(_ASCII_SPACE.sub(" ", "".join(self.cell_buf)).strip(" \t\n\r\f" + CELL_BREAK))
            text = text.replace(HIDDEN_OPEN + HIDDEN_CLOSE, "")
            if self.cell.hidden and text:
                text = HIDDEN_OPEN + text + HIDDEN_CLOSE
            self.cell.text = text
            self.cell = None
            self.cell_buf = []

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        if self.tables:
            if self.cell is not None:
                self.cell_buf.append(_shown(data, self.marks))
            return
        if self.buf_pos is None and data.strip(" \t\n\r\f"):
            self.buf_pos = self._pos()
        self.buf.append(data)

    def close(self) -> None:
        super().close()
        self._end_cell()
        while self.tables:
            inner = self.tables.pop()
            if not self.tables:
                self.blocks.append(inner)
        self._flush()


def _span(value: str | None) -> int:
    digits = re.sub(r"\D", "", value or "")
    return max(1, min(int(digits[:4]), 1000)) if digits else 1


def unescape_string(html: str) -> str:
    r"""
    HTML held in a string literal (JSON or JavaScript), unescaped: ``\"`` → ``"``, ``\/`` → ``/``, ``\n`` → newline.

    Text that is not escaped is returned as it is.

    >>> unescape_string('<td colspan=\\"3\\">5<\\/td>')
    '<td colspan="3">5</td>'
    """
    if html.count('\\"') < 2 and "<\\/" not in html and "\\u003c" not in html.lower():
        return html
    html = _JS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), html)
    return (
        html.replace('\\"', '"').replace("\\/", "/").replace("\\n", "\n").replace("\\r", "").replace("\\t", "\t")
    )


class _LayoutScan(HTMLParser):
    """The places of the tables that hold other tables: the layout of a CMS page, not tables of the report."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[int, int]] = []
        self.layout: set[tuple[int, int]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            if self.open:
                self.layout.add(self.open[-1])
            line, offset = self.getpos()
            self.open.append((line, offset + 1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.open:
            self.open.pop()


@define
class Page:
    """
    A page read by :func:`extract_page`: its blocks, its ``<title>``, and the ``govinfo-report:*`` meta tags.

    ``meta`` maps each tag name without the prefix (``organ``, ``member`` …) to its contents in order;
    render_html writes them, so that a page of ours reads back with all its metadata.

    .. versionadded:: 0.2.0
    """

    blocks: list[TextBlock | HtmlTable]
    title: str | None = None
    meta: dict[str, list[str]] = field(factory=dict)


META_PREFIX = "govinfo-report:"
"""The prefix of the metadata tags that render_html writes in the page head."""


def extract_page(html: str) -> Page:
    """
    The text blocks and tables of a page, in order, with its title and our metadata tags.

    >>> head = '<head><title>某某局年报_某某县</title><meta name="govinfo-report:year" content="2022"></head>'
    >>> page = extract_page(head + "<body><p>一、总体情况</p></body>")
    >>> page.title, page.meta, len(page.blocks)
    ('某某局年报_某某县', {'year': ['2022']}, 1)

    .. versionadded:: 0.2.0
    """
    html = unescape_string(html)
    layout: frozenset[tuple[int, int]] = frozenset()
    if html.lower().count("<table") > 1:
        scan = _LayoutScan()
        scan.feed(html)
        scan.close()
        layout = frozenset(scan.layout)
    parser = _Extractor(layout)
    parser.feed(html)
    parser.close()
    title = _ASCII_SPACE.sub(" ", "".join(parser.title)).strip() or None
    return Page(parser.blocks, title, parser.meta)


def extract(html: str) -> list[TextBlock | HtmlTable]:
    """
    The text blocks and tables of a page, in order.

    A table that holds other tables lays out the page (as on many CMS sites): its cells are read as blocks
    of text, and the tables inside it as tables.

    .. versionadded:: 0.1.0
    """
    return extract_page(html).blocks


def to_text(
    blocks: list[TextBlock | HtmlTable],
) -> tuple[str, list[tuple[int, list[tuple[int, int, int]]]], frozenset[int]]:
    """
    The blocks as text for the text reader, where each line came from, and which lines are headings.

    Returns:
        The text; for each of its lines the HTML line of the block and the list
        of ``(column in the text, HTML line, HTML column)`` of its cells; and the
        0-based numbers of the lines that come from ``h1``–``h6`` elements.
    """
    lines: list[str] = []
    origin: list[tuple[int, list[tuple[int, int, int]]]] = []
    headings: set[int] = set()
    for block in blocks:
        if isinstance(block, TextBlock):
            if block.heading:
                headings.add(len(lines))
            lines.append(block.text)
            origin.append((block.line, [(1, block.line, block.col)]))
            continue
        lines.append("")
        origin.append((block.line, [(1, block.line, block.col)]))
        for row in block.slots():
            parts: list[str] = []
            where: list[tuple[int, int, int]] = []
            col = 1
            for cell, starts in row:
                if starts:
                    text = cell.text.replace("|", "｜")
                elif starts is None:
                    text = COVERED_LEFT
                else:
                    text = COVERED_ABOVE
                piece = f"| {text} " if text else "|  "
                where.append((col + 2, cell.line, cell.col))
                parts.append(piece)
                col += len(piece)
            lines.append("".join(parts) + "|")
            origin.append((row[0][0].line if row else block.line, where or [(1, block.line, block.col)]))
        lines.append("")
        origin.append((block.line, [(1, block.line, block.col)]))
    return "\n".join(lines), origin, frozenset(headings)


def mapper(origin: list[tuple[int, list[tuple[int, int, int]]]]) -> Callable[[int, int], tuple[int, int]]:
    """A function mapping (line, col) of :func:`to_text`'s text to (line, col) in the HTML."""

    def position(line: int, col: int) -> tuple[int, int]:
        if not 1 <= line <= len(origin):
            return line, col
        _, cells = origin[line - 1]
        cols = [c for c, _, _ in cells]
        k = max(0, bisect.bisect_right(cols, col) - 1)
        _, hline, hcol = cells[k]
        return hline, hcol

    return position
