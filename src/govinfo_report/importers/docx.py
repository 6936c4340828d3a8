"""
Word (.docx) input: read published reports, ours or anyone's.

:func:`parse_docx` reads any .docx report: it converts the document body, in
order, to simple HTML (paragraphs, headings from the Title and Heading styles,
tables with rowspan and colspan rebuilt from Word's ``gridSpan`` and ``vMerge``)
and hands it to :func:`govinfo_report.importers.parse_html`, so a Word report is
read by the same importer, with the same diagnostics, as a web page.
:func:`docx_to_html` gives that HTML.

Both need python-docx, the optional ``docx`` extra
(``pip install "govinfo-report[docx]"``); without it they raise
:class:`~govinfo_report.errors.MissingDependencyError`.

>>> import io
>>> from govinfo_report import AnnualReport, write_docx
>>> report = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
>>> buffer = io.BytesIO()
>>> try:
...     write_docx(report, buffer)
...     back = parse_docx(io.BytesIO(buffer.getvalue())).report
... except MissingDependencyError:  # python-docx is not installed
...     back = report
>>> (back.proactive, back.requests, back.disputes) == (report.proactive, report.requests, report.disputes)
True

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   The reader of the 0.1.0 module ``govinfo_report.docx_io``.
"""

from __future__ import annotations

import functools
import html as _html
import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .._extras import require
from ..errors import InputFileError, InputLimitError, ReportReadError
from ..limits import DEFAULT_LIMITS, Limits, SafeZip, TextBudget, open_zip, parse_xml, source_name
from ..render.docx import _MC, DocxTarget, _w

if TYPE_CHECKING:
    from ._result import ParseResult

__all__ = ["docx_to_html", "parse_docx"]

_require = functools.partial(require, "docx", "python-docx", "docx")

# ----------------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------------


class _Reader:
    """What one document read collects: text hidden by merges, unexpanded entities, and the text budget."""

    def __init__(self, limits: Limits, source: str) -> None:
        self.limits = limits
        self.source = source
        self.dropped: list[str] = []
        self.entities: list[str] = []
        self.count = TextBudget(limits, source).take
        from lxml import etree

        self.entity = etree.Entity  # the tag of an entity reference node


_T, _TAB, _BR, _CR, _NBH = (_w(t) for t in ("t", "tab", "br", "cr", "noBreakHyphen"))
_FALLBACK = f"{{{_MC}}}Fallback"
_TABS = _w("tabs")
_SKIP = frozenset({_w("pPr"), _w("rPr"), _w("instrText"), _w("delText"), _FALLBACK})
_MARKS = {_TAB: "\t", _BR: "\n", _CR: "\n", _NBH: "-"}


def _run_text(el: Any, reader: _Reader, out: list[str]) -> None:
    """The text of one w:t: an entity reference inside it is not expanded, the text after it kept."""
    out.append(reader.count(el.text or ""))
    for child in el:
        if child.tag is reader.entity:
            reader.entities.append(child.text or "")
        out.append(reader.count(child.tail or ""))


def _text(element: Any, reader: _Reader) -> str:
    """The text of a paragraph (or any element): runs, tabs and breaks; no deleted text, field codes or fallbacks."""
    out: list[str] = []
    if element.find(f".//{_FALLBACK}") is None:  # the common case: lxml finds the runs and marks in C
        for el in element.iter(_T, _TAB, _BR, _CR, _NBH):
            if el.tag == _T:
                _run_text(el, reader, out)
            elif el.getparent().tag != _TABS:  # a w:tab in w:tabs (in w:pPr) is a tab stop, not a tab
                out.append(_MARKS[el.tag])
        return "".join(out)
    # iterative, in document order: a hostile document may nest elements as deep as the parser allows
    stack: list[Any] = [element]
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag in _SKIP:
            continue
        if tag == _T:
            _run_text(el, reader, out)
            continue
        mark = _MARKS.get(tag) if isinstance(tag, str) else None
        if mark is not None:
            out.append(mark)
        stack.extend(reversed(el))
    return "".join(out)


def _blocks(parent: Any) -> Iterator[Any]:
    """The paragraphs and tables of *parent* in order, looking inside content controls."""
    for child in parent:
        if child.tag in (_w("p"), _w("tbl")):
            yield child
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif child.tag == _w("customXml"):
            yield from _blocks(child)


def _heading_levels(styles: Any) -> dict[str, int]:
    """Style id -> HTML heading level: Title is 1, Heading N is N + 1."""
    levels: dict[str, int] = {}
    if styles is None:
        return levels
    for style in styles.iterchildren(_w("style")):
        name_el = style.find(_w("name"))
        style_id = style.get(_w("styleId"))
        if name_el is None or style_id is None:
            continue
        name = (name_el.get(_w("val")) or "").strip().lower()
        match = re.fullmatch(r"heading\s*(\d)", name)
        if name == "title":
            levels[style_id] = 1
        elif match:
            levels[style_id] = min(int(match.group(1)) + 1, 6)
    return levels


def _lines_html(text: str) -> str:
    return "<br>".join(_html.escape(line) for line in text.split("\n"))


def _val(element: Any, tag: str) -> str | None:
    if element is None:
        return None
    found = element.find(_w(tag))
    return None if found is None else found.get(_w("val"))


# Word tables have at most 63 columns; a larger span or offset is hostile or broken and is capped.
_MAX_SPAN = 64


def _int(value: str | None, default: int) -> int:
    digits = (value or "").strip()
    if not digits.isascii() or not digits.isdigit():
        return default
    return min(int(digits[:6]), _MAX_SPAN) if len(digits) <= 6 else _MAX_SPAN


class _Cell:
    __slots__ = ("col", "colspan", "merge", "rowspan", "text")

    def __init__(self, col: int, colspan: int, merge: str | None, text: str) -> None:
        self.col, self.colspan, self.merge, self.text, self.rowspan = col, colspan, merge, text, 1


def _row_cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == _w("tc"):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _row_cells(content)


def _table_html(tbl: Any, reader: _Reader) -> str:
    rows: list[list[_Cell]] = []
    open_: dict[int, _Cell] = {}
    cells_seen = 0
    for tr in tbl.iterchildren(_w("tr")):
        before = _int(_val(tr.find(_w("trPr")), "gridBefore"), 0)
        col = before
        cells: list[_Cell] = [_Cell(0, before, None, "")] if before else []
        still_open: dict[int, _Cell] = {}
        for tc in _row_cells(tr):
            tc_pr = tc.find(_w("tcPr"))
            span = max(1, _int(_val(tc_pr, "gridSpan"), 1))
            cells_seen += span
            if cells_seen > reader.limits.max_table_cells:
                limit = reader.limits.max_table_cells
                raise InputLimitError(reader.source, "max_table_cells", cells_seen, limit, "the cells of a table")
            vmerge = None if tc_pr is None else tc_pr.find(_w("vMerge"))
            state = None if vmerge is None else ("restart" if vmerge.get(_w("val")) == "restart" else "continue")
            text = "\n".join(_text(p, reader) for p in tc.iter(_w("p")))
            if state == "continue" and col in open_:
                origin = open_[col]
                origin.rowspan += 1
                still_open[col] = origin
                if text.strip():
                    reader.dropped.append(text.strip())
            else:
                cell = _Cell(col, span, state, text)
                cells.append(cell)
                if state == "restart":
                    still_open[col] = cell
            col += span
        open_ = still_open
        rows.append(cells)
    out = ["<table>"]
    for cells in rows:
        parts = []
        for cell in cells:
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            parts.append(f"<td{spans}>{_lines_html(cell.text)}</td>")
        out.append("<tr>" + "".join(parts) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
_STYLES = "/styles"


def _target(archive: SafeZip, rels: str, kind: str, base: str) -> str | None:
    """The member a relationship of type ``.../{kind}`` in the part *rels* points to."""
    import posixpath

    if rels not in archive.names():
        return None
    root = parse_xml(archive.read(rels), source=archive.name, part=rels)
    for rel in root.iterchildren(f"{{{_REL}}}Relationship"):
        if (rel.get("Type") or "").endswith(kind) and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            joined = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
            return posixpath.normpath(joined)
    return None


def _open(path: DocxTarget, feature: str, limits: Limits) -> tuple[Any, Any, str]:
    """The body and the styles (or None) of the .docx *path*, read within *limits*; and its name."""
    _require(feature)
    name = source_name(path)
    reason = "not a Word .docx document (an old .doc must be saved as .docx first)"
    source: Any = os.fspath(path) if isinstance(path, os.PathLike) else path
    try:
        archive = open_zip(source, limits)
    except (InputLimitError, InputFileError):
        raise
    except ReportReadError as exc:
        raise ReportReadError(name, f"{reason}: {exc.reason}") from None
    with archive:
        main = _target(archive, "_rels/.rels", _OFFICE_DOCUMENT, "") or "word/document.xml"
        if main not in archive.names():
            raise ReportReadError(name, f"{reason}: there is no document part {main[:80]!r}")
        document = parse_xml(archive.read(main), source=name, part=main)
        body = document.find(_w("body"))
        if document.tag != _w("document") or body is None:
            raise ReportReadError(name, f"{reason}: the document part has no body")
        folder, base = main.rsplit("/", 1) if "/" in main else ("", main)
        rels = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        styles_part = _target(archive, rels, _STYLES, folder)
        styles = None
        if styles_part is not None and styles_part in archive.names():
            styles = parse_xml(archive.read(styles_part), source=name, part=styles_part)
    return body, styles, name


def _document_html(body: Any, styles: Any, reader: _Reader) -> str:
    levels = _heading_levels(styles)
    out = ['<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n</head>\n<body>']
    for block in _blocks(body):
        if block.tag == _w("tbl"):
            out.append(_table_html(block, reader))
            continue
        text = _text(block, reader)
        if not text.strip():
            continue
        level = levels.get(_val(block.find(_w("pPr")), "pStyle") or "")
        tag = f"h{level}" if level else "p"
        out.append(f"<{tag}>{_lines_html(text)}</{tag}>")
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def _read_html(path: DocxTarget, feature: str, limits: Limits | None) -> tuple[str, _Reader]:
    body, styles, name = _open(path, feature, limits or DEFAULT_LIMITS)
    reader = _Reader(limits or DEFAULT_LIMITS, name)
    return _document_html(body, styles, reader), reader


def docx_to_html(path: DocxTarget, *, limits: Limits | None = None) -> str:
    """
    The body of a .docx document as simple HTML, in document order.

    Paragraphs become ``<p>`` (line breaks ``<br>``), paragraphs in the Title
    style ``<h1>`` and in the Heading N styles ``<h{N+1}>``; empty paragraphs
    are left out.  Tables become ``<table>`` with ``rowspan``/``colspan`` rebuilt
    from Word's vertical merges and grid spans; a cell's paragraphs are joined by
    ``<br>``.  Headers, footers, comments and deleted text are not part of the body.

    The package is read within *limits* (:class:`govinfo_report.limits.Limits`:
    sizes of the zip members, the compression ratio, text and table sizes), and
    its XML without resolving entities: a reference such as ``&xxe;`` is left
    out, and the text after it kept.

    Args:
        path: A file name, or a binary file object.
        limits: The limits (default :data:`govinfo_report.limits.DEFAULT_LIMITS`).

    Raises:
        MissingDependencyError: python-docx is not installed (the ``docx`` extra).
        ReportReadError: The file is not a .docx document, or is damaged.
        InputLimitError: The document exceeds a limit.

    .. versionadded:: 0.1.0
    """
    return _read_html(path, "docx_to_html", limits)[0]


def parse_docx(path: DocxTarget, *, limits: Limits | None = None, **options: Any) -> ParseResult:
    """
    Read a published report from a Word .docx document.

    The document body is converted to HTML (:func:`docx_to_html`) and read by
    :func:`govinfo_report.importers.parse_html`, so any .docx report is read the
    way a web page is, whatever its styles, fonts and merges; our own
    :func:`write_docx` output reads back to the same report.

    Args:
        path: A file name, or a binary file object.
        limits: The limits the document is read within (see :func:`docx_to_html`).
        options: Passed on to :func:`~govinfo_report.importers.parse_html` (e.g. the
            organ or year when the title does not give them).

    Returns:
        The report with the importer's diagnostics.  Text in a vertically
        merged Word cell below its first row (which Word does not show) is
        reported as an ``IGNORED-TEXT`` diagnostic, and so is an entity
        reference (``&name;``), which is never expanded.

    Raises:
        MissingDependencyError: python-docx is not installed (the ``docx`` extra).
        ReportReadError: The file is not a .docx document, or is damaged.
        InputLimitError: The document exceeds a limit.
        ParseError: Nothing in the document is a report.
        InputFileError: The file cannot be opened or read (an :class:`OSError` too).

    .. versionadded:: 0.1.0
    """
    import attrs

    from ._files import parse_html
    from ._result import CODES, Diagnostic

    name = path if isinstance(path, (str, os.PathLike)) else getattr(path, "name", None)
    source = None if name is None else os.fspath(name)
    html, reader = _read_html(path, "parse_docx", limits)
    options.setdefault("source", source)
    result: ParseResult = parse_html(html, **options)
    if not reader.dropped and not reader.entities:
        return result
    notes = tuple(
        Diagnostic(
            "IGNORED-TEXT",
            CODES["IGNORED-TEXT"][0],
            f"合并单元格中被遮住的文字“{text[:30]}”未读取",
            f"text hidden in a merged Word cell was not read: {text[:30]!r}",
        )
        for text in reader.dropped
    ) + tuple(
        Diagnostic(
            "IGNORED-TEXT",
            CODES["IGNORED-TEXT"][0],
            f"实体引用“{entity[:30]}”未展开",
            f"the entity reference {entity[:30]!r} was not expanded",
        )
        for entity in reader.entities
    )
    return attrs.evolve(result, diagnostics=(*result.diagnostics, *notes))
