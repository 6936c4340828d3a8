"""
PDF: read a published report from the text layer of a PDF, through pdfplumber.

Most organs publish the annual report as a PDF exported from Word.  This
reader turns each page into the same blocks the HTML reader makes (text lines
as :class:`~govinfo_report.importers._html.TextBlock`, ruled tables as
:class:`~govinfo_report.importers._html.HtmlTable` with their merged cells as
``rowspan``/``colspan``), in reading order, and hands them to the same text and
table readers as HTML and Word, so a PDF is read with the same rules and the
same diagnostics.  On the way it:

* removes page headers and footers (``- 4 -``, ``— 3 —``, ``第 2 页 共 6 页``,
  ``3/6``, a bare page number, or a short line repeated in the page margin);
* joins a table that continues on the next page, dropping a repeated header
  row and extending a merged cell that the page break cut;
* reads a label written one character per line, or wrapped, as one label;
* joins the lines of a paragraph (wrapped at the right margin, over a page
  break too) and a title wrapped over two lines, or the organ printed on its
  own line above the title;
* reads a table printed without ruling lines from its text lines (with a
  ``PDF-UNRULED-TABLE`` diagnostic).

It does not do OCR: a scanned page has no text layer and is reported.
Diagnostics give the line and column in the extracted text
(:func:`pdf_to_text`) and name the page in their messages.

Needs pdfplumber, the optional ``pdf`` extra (``pip install "govinfo-report[pdf]"``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import io
import logging
import os
import re
import statistics
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import IO, Any, NamedTuple, Union

import attrs

from ..errors import InputFileError, MissingDependencyError, PdfReadError
from ._html import HtmlCell, HtmlTable, TextBlock, to_text
from ._result import CODES, Diagnostic, ParseResult
from ._tables import known_key
from ._text import _SUBHEAD, find_headings, parse_document, parse_title
from .normalize import CELL_BREAK, is_value_text, join_cell_lines, label_key

__all__ = ["DEFAULT_MAX_DECODED", "DEFAULT_MAX_PAGES", "PdfSource", "parse_pdf", "pdf_to_text"]

PdfSource = Union[str, "os.PathLike[str]", bytes, IO[bytes]]
"""Where a PDF is: a path, its bytes, or a binary file object."""

DEFAULT_MAX_PAGES = 300
"""Pages a PDF may have (an annual report has 5 to 30); more is refused as hostile."""

DEFAULT_MAX_DECODED = 64 * 1024 * 1024
"""Bytes the pages' content streams may decode to in all (64 MiB; a 6-page report needs about 100 KB)."""

# ---------------------------------------------------------------------------
# pdfplumber settings, chosen for reports exported from Word, WPS and browsers
# ---------------------------------------------------------------------------
# Tables are found from their ruling lines only ("lines" for both directions):
# the official tables are always ruled when exported from Word, and the "text"
# strategy would cut narrative paragraphs into false tables.  Word and
# LibreOffice draw each cell border as its own short segment, often a fraction
# of a point off the next one: snapping and joining within 3 pt makes one line
# of them (a real gap between two rows of a table is never that small).  A
# segment shorter than 3 pt is a glyph stroke or a tick, not a border.
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "edge_min_length": 3,
    "intersection_tolerance": 3,
}
# Characters are grouped into lines by their bottom edge.  CJK glyphs of one
# line share a baseline, but a line mixing 16 pt body text with a 10.5 pt
# figure or punctuation from a fallback font differs by up to about 2 pt, and
# two lines of body text are at least one font size apart: 2.5 pt separates them.
Y_TOLERANCE = 2.5
# A gap wider than this share of the font size between two glyphs is a space
# (Chromium and some Word exports print no space glyph, only a gap).  Between
# two CJK characters, which never have a space in a report, only a gap of most
# of a character counts (text justified across the line stretches the gaps).
SPACE_GAP = 0.3
CJK_SPACE_GAP = 0.8
# The top and bottom share of a page where headers and footers are looked for.
MARGIN_ZONE = 0.12

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_DASHES = "-—–－―~～·•_"
_PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASHES}]*\d{{1,4}}[{_DASHES}]*"
    r"|第\d{1,4}页(?:[,，/／]?共\d{1,4}页)?"
    r"|共\d{1,4}页[,，/／]?第\d{1,4}页"
    r"|\d{1,4}[/／]\d{1,4}"
    r"|(?i:page)\d{1,4}(?:(?i:of)\d{1,4})?)$"
)
_DIGITS = re.compile(r"\d+")
_SECTION_START = re.compile(r"^[一二三四五六七八九十]{1,2}[、.．]")


class _Line(NamedTuple):
    """A line of text outside the tables of a page (PDF points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


class _PageTable(NamedTuple):
    """A ruled table of a page: the cells, where it is, and the x of its column boundaries."""

    table: HtmlTable
    top: float
    bottom: float
    xs: tuple[float, ...]


class _Page(NamedTuple):
    number: int
    height: float
    lines: list[_Line]
    tables: list[_PageTable]
    scanned: bool


def _require() -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise MissingDependencyError("pdfplumber", "pdf", "parse_pdf") from None
    return pdfplumber


@contextmanager
def _quiet() -> Iterator[None]:
    """pdfminer logs a warning for every font quirk of a sound file; keep them off the user's terminal."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read(path: PdfSource) -> tuple[bytes, str]:
    if isinstance(path, (bytes, bytearray, memoryview)):
        return bytes(path), "<bytes>"
    if isinstance(path, (str, os.PathLike)):
        try:
            with open(os.fspath(path), "rb") as f:
                return f.read(), os.fspath(path)
        except OSError as exc:
            raise InputFileError.wrap(os.fspath(path), exc) from exc
    data = path.read()
    return data, str(getattr(path, "name", "<stream>"))


# ---------------------------------------------------------------------------
# Characters to lines and cells
# ---------------------------------------------------------------------------


_RADICAL = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe44]")
# The CJK radicals that stand for whole simplified characters, and those characters (after Unicode's
# EquivalentUnifiedIdeograph.txt): NFKC maps the Kangxi radicals (U+2F00-) but not these; and the Kangxi
# radical ⼾, which NFKC makes the traditional 戶 where a simplified report has 户.
_KANGXI = re.compile("[\u2f00-\u2fdf\uf900-\ufaff]")
_RADICALS = str.maketrans(
    "\u2f3e\u2e9f\u2ea0\u2ec4\u2ec5\u2ec6\u2ec9\u2ecb\u2ed1\u2ed3\u2ed4\u2ed9\u2eda\u2edb\u2edc\u2ee2\u2ee5\u2ee6"
    "\u2ee7\u2ee8\u2ee9\u2eea\u2eec\u2eee\u2ef0\u2ef3",
    "户母民西见角贝车長长门韦页风飞马鱼鸟卤麦黄黾齐齿龙龟",
)
# The presentation forms of punctuation for vertical text (︵三︶ for （三）, ︑ for 、), which a browser
# prints in a label written top to bottom; NFKC would make ASCII of the brackets.
_VERTICAL_FORMS = str.maketrans(
    "\ufe10\ufe11\ufe12\ufe13\ufe14\ufe15\ufe16\ufe17\ufe18\ufe19\ufe30\ufe31\ufe32\ufe33\ufe34"
    "\ufe35\ufe36\ufe37\ufe38\ufe39\ufe3a\ufe3b\ufe3c\ufe3d\ufe3e\ufe3f\ufe40\ufe41\ufe42\ufe43\ufe44",
    "，、。：；！？〖〗…‥—–_﹏（）｛｝〔〕【】《》〈〉「」『』",
)


def _fix_char(ch: dict[str, Any]) -> dict[str, Any]:
    """
    A glyph with its character repaired.

    Fonts (Chromium's subsets of Noto CJK among them) often map an ideograph
    to the radical that looks the same: 文 to the Kangxi radical ⽂ (U+2F42),
    见 to ⻅ (U+2EC5).  NFKC gives back the ideograph of a Kangxi radical, and
    a small table the simplified characters among the supplementary radicals.
    Punctuation in vertical text comes as its vertical presentation form, made
    the ordinary full-width character again.
    """
    if _RADICAL.search(ch["text"]):
        text = ch["text"].translate(_RADICALS).translate(_VERTICAL_FORMS)
        ch = {**ch, "text": unicodedata.normalize("NFKC", text) if _KANGXI.search(text) else text}
    return ch


def _join_chars(chars: Sequence[dict[str, Any]]) -> str:
    """The text of one line of glyphs, left to right, with a space where the gap is wide."""
    out: list[str] = []
    prev: dict[str, Any] | None = None
    for ch in chars:
        text = ch["text"]
        if prev is not None and not text.isspace() and not prev["text"].isspace():
            size = min(ch["size"], prev["size"]) or 1.0
            both_cjk = bool(_CJK.match(text)) and bool(_CJK.match(prev["text"][-1:]))
            if ch["x0"] - prev["x1"] > (CJK_SPACE_GAP if both_cjk else SPACE_GAP) * size:
                out.append(" ")
        out.append(text)
        prev = ch
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _group_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Glyphs grouped into lines by their bottom edge, top to bottom, each left to right."""
    lines: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=lambda c: (c["bottom"], c["x0"])):
        if lines and ch["bottom"] - lines[-1][0]["bottom"] <= Y_TOLERANCE:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _is_cjk_edge(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (bool(_CJK.match(a[-1])) or bool(_CJK.match(b[0])))


def _cell_text(chars: list[dict[str, Any]]) -> str:
    """
    The text of a table cell: its lines joined into one.

    A label wrapped over two lines, or written one character per line down a
    tall merged cell, is one label: lines are joined without a space next to a
    CJK character, with one space between two Latin words, and kept as
    :data:`~govinfo_report.importers.normalize.CELL_BREAK` between two numbers.
    """
    if not chars:
        return ""
    if all(not c.get("upright", True) for c in chars):  # text rotated in the cell: read top to bottom
        ordered = sorted(chars, key=lambda c: (round(c["x0"]), c["top"]))
        return "".join(c["text"] for c in ordered).strip()
    text = ""
    for line in _group_lines(chars):
        part = _join_chars(line)
        if not part:
            continue
        if not text:
            text = part
        elif _is_cjk_edge(text, part):
            text += part
        else:
            text += CELL_BREAK + part  # one space, or kept between two numbers (join_cell_lines)
    return join_cell_lines(text)


def _cluster(values: list[float], tolerance: float = 1.5) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


def _index(bounds: list[float], value: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - value))


def _table(found: Any, chars: list[dict[str, Any]], page: int) -> tuple[_PageTable, list[dict[str, Any]]]:
    """
    A pdfplumber table as an :class:`HtmlTable` (merged cells as spans), and the glyphs outside it.

    pdfplumber gives every cell's box; a merged cell is one box over several
    slots of the grid that the boxes' edges make, so its spans are the number
    of column and row boundaries it crosses.  Each glyph goes to the cell that
    holds its centre.
    """
    boxes: list[tuple[float, float, float, float]] = list(found.cells)
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    placed: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for x0, top, x1, bottom in boxes:
        c0, c1, r0, r1 = _index(xs, x0), _index(xs, x1), _index(ys, top), _index(ys, bottom)
        if c1 > c0 and r1 > r0 and (r0, c0) not in placed:
            placed[(r0, c0)] = (r0, c0, r1 - r0, c1 - c0)
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for (r0, c0), (_, _, rs, cs) in placed.items():
        for r in range(r0, r0 + rs):
            for c in range(c0, c0 + cs):
                covered.setdefault((r, c), (r0, c0))
    for r in range(len(ys) - 1):  # a slot that no box covers (a border missing): a cell of its own
        for c in range(len(xs) - 1):
            if (r, c) not in covered:
                placed[(r, c)] = (r, c, 1, 1)
                covered[(r, c)] = (r, c)
    texts: dict[tuple[int, int], list[dict[str, Any]]] = {}
    tx0, ttop, tx1, tbottom = found.bbox
    outside: list[dict[str, Any]] = []
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not (tx0 <= cx <= tx1 and ttop <= cy <= tbottom):
            outside.append(ch)
            continue
        c = max(0, min(len(xs) - 2, _slot(xs, cx)))
        r = max(0, min(len(ys) - 2, _slot(ys, cy)))
        owner = covered.get((r, c))
        if owner is not None:
            texts.setdefault(owner, []).append(ch)
    width = len(xs) - 1
    rows: list[list[HtmlCell]] = []
    for r in range(len(ys) - 1):
        row: list[HtmlCell] = []
        for c in range(width):
            if (r, c) in placed:
                _, _, rs, cs = placed[(r, c)]
                row.append(HtmlCell(_cell_text(texts.get((r, c), [])), rs, cs, page, 1))
        rows.append(row)
    return _PageTable(HtmlTable(rows, page, 1), ttop, tbottom, tuple(xs)), outside


def _slot(bounds: list[float], value: float) -> int:
    for i in range(len(bounds) - 1):
        if value < bounds[i + 1]:
            return i
    return len(bounds) - 2


def _lines(chars: list[dict[str, Any]]) -> list[_Line]:
    out = []
    for group in _group_lines(chars):
        text = _join_chars(group)
        if text:
            sizes = [c["size"] for c in group if not c["text"].isspace()] or [group[0]["size"]]
            out.append(
                _Line(
                    text,
                    group[0]["x0"],
                    group[-1]["x1"],
                    min(c["top"] for c in group),
                    max(c["bottom"] for c in group),
                    statistics.median(sizes),
                )
            )
    return out


# ---------------------------------------------------------------------------
# Limits and unreadable files
# ---------------------------------------------------------------------------


def _decoded_size(stream: Any, budget: int) -> int:
    """The size a content stream decodes to, never decoding more than *budget* + 1 bytes."""
    from pdfminer.pdftypes import resolve1

    filters = stream.get_filters()
    raw = stream.rawdata if stream.rawdata is not None else b""
    if not filters:
        return len(raw)
    first = resolve1(filters[0][0] if isinstance(filters[0], tuple) else filters[0])
    if getattr(first, "name", first) in ("FlateDecode", "Fl"):  # other filters are counted at their raw size
        inflater = zlib.decompressobj()
        try:
            size = len(inflater.decompress(raw, budget + 1))
        except zlib.error:
            return len(raw)
        return size
    return len(raw)


def _check_limits(pdf: Any, source: str, max_pages: int, max_decoded: int) -> None:
    """
    Refuse a hostile PDF before reading it: too many pages, or page contents that decode to too much.

    The page count is read from the page tree first (a file claiming millions of
    pages is refused without building them).  The content streams of the pages
    and the form XObjects they draw are inflated with a bound, never beyond the
    limit, so a small file that decodes to gigabytes is refused cheaply.
    """
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import LIT

    def refuse(count: int) -> PdfReadError:
        return PdfReadError(
            source,
            "limit",
            f"the PDF has {count} pages, more than the limit of {max_pages} "
            f"(页数{count}超过上限{max_pages}); pass max_pages= to read it",
        )

    tree = resolve1(pdf.doc.catalog.get("Pages"))
    claimed = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
    if isinstance(claimed, int) and claimed > max_pages:
        raise refuse(claimed)
    if len(pdf.pages) > max_pages:
        raise refuse(len(pdf.pages))
    total = 0
    seen: set[int] = set()
    for page in pdf.pages:
        contents = resolve1(page.page_obj.attrs.get("Contents"))
        items = list(contents) if isinstance(contents, list) else [contents]
        resources = resolve1(page.page_obj.resources)
        xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
        if isinstance(xobjects, dict):
            items += list(xobjects.values())
        for item in items:
            stream = resolve1(item)
            if not isinstance(stream, PDFStream) or id(stream) in seen:
                continue
            seen.add(id(stream))
            if stream.get("Subtype") not in (None, LIT("Form")):
                continue  # an image is not decoded to read the text
            total += _decoded_size(stream, max_decoded - total)
            if total > max_decoded:
                raise PdfReadError(
                    source,
                    "limit",
                    f"the pages' content decodes to more than {max_decoded} bytes "
                    f"(解码后的页面内容超过{max_decoded}字节); pass max_decoded= to read it",
                )


def _open(pdfplumber: Any, data: bytes, source: str, password: str | None) -> Any:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if not data.strip():
        raise PdfReadError(source, "empty", "the file is empty (文件为空)")
    if b"%PDF-" not in data[:1024]:
        raise PdfReadError(source, "corrupt", "not a PDF file: it does not start with %PDF- (不是PDF文件)")
    try:
        return pdfplumber.open(io.BytesIO(data), password=password)
    except Exception as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise PdfReadError(
                source,
                "encrypted",
                "the PDF is encrypted and needs a password (PDF已加密，需要密码); pass password= if you have it",
            ) from None
        raise PdfReadError(
            source, "corrupt", f"the PDF is damaged and cannot be read (PDF文件已损坏): {cause}"
        ) from None


def _not_shading(obj: dict[str, Any]) -> bool:
    """
    False for a filled rectangle without a stroke that is wider and taller than a border (cell shading).

    A border is a line, a stroked rectangle, or a filled rectangle a few points
    thin (how Word and LibreOffice draw them); shading behind the cells of a
    table printed without borders would otherwise give it a false grid.
    """
    return not (
        obj.get("object_type") == "rect"
        and obj.get("fill")
        and not obj.get("stroke")
        and min(obj.get("width", 0), obj.get("height", 0)) > 3
    )


def _pages(pdf: Any, source: str) -> list[_Page]:
    pages: list[_Page] = []
    for page in pdf.pages:
        number = page.page_number
        try:
            plain = page.dedupe_chars()  # Word's fake bold prints each glyph twice, a hair apart
            chars = [_fix_char(c) for c in plain.chars if c["text"]]
            found = plain.filter(_not_shading).find_tables(TABLE_SETTINGS) if chars else []
            scanned = not chars and bool(page.images)
        except MemoryError:
            raise
        except Exception as exc:
            raise PdfReadError(
                source, "corrupt", f"page {number} of the PDF is damaged and cannot be read (第{number}页已损坏): {exc}"
            ) from None
        tables: list[_PageTable] = []
        for t in sorted(found, key=lambda t: t.bbox[1]):
            table, chars = _table(t, chars, number)
            if table.table.rows:
                tables.append(table)
        pages.append(_Page(number, float(page.height), _lines(chars), tables, scanned))
    return pages


# ---------------------------------------------------------------------------
# Headers, footers, paragraphs, tables over page breaks
# ---------------------------------------------------------------------------


def _page_furniture(pages: list[_Page]) -> list[_Page]:
    """
    The pages without their headers and footers.

    A header or footer is a line in the top or bottom margin zone of a page that
    is a page number (``- 4 -``, ``第 2 页 共 6 页`` ...), or a short line printed
    on two pages or more that stands apart from the body (in a smaller type, or
    with more than a line's space between it and the body): a paragraph that
    happens to open two pages with the same words is body text.
    """
    sizes = [line.size for page in pages for line in page.lines]
    body_size = statistics.median(sizes) if sizes else 0.0

    def zone(line: _Line, height: float) -> bool:
        return line.bottom < height * MARGIN_ZONE or line.top > height * (1 - MARGIN_ZONE)

    def key(line: _Line) -> str:
        return _DIGITS.sub("#", re.sub(r"\s+", "", line.text))

    def apart(line: _Line, page: _Page) -> bool:
        if line.size < 0.8 * body_size:
            return True
        edges = [(o.top, o.bottom) for o in page.lines if o is not line] + [(t.top, t.bottom) for t in page.tables]
        if line.bottom < page.height / 2:
            below = [top for top, _ in edges if top >= line.bottom - 0.5]
            return not below or min(below) - line.bottom > 1.2 * line.size
        above = [bottom for _, bottom in edges if bottom <= line.top + 0.5]
        return not above or line.top - max(above) > 1.2 * line.size

    seen: dict[str, int] = {}
    for page in pages:
        for k in {key(line) for line in page.lines if zone(line, page.height) and len(line.text) <= 40}:
            seen[k] = seen.get(k, 0) + 1
    out = []
    for page in pages:
        kept = [
            line
            for line in page.lines
            if not (
                zone(line, page.height)
                and (
                    _PAGE_NUMBER.match(re.sub(r"\s+", "", line.text))
                    or (len(line.text) <= 40 and seen.get(key(line), 0) > 1 and apart(line, page))
                )
            )
        ]
        out.append(page._replace(lines=kept))
    return out


def _paragraphs(pages: list[_Page]) -> list[tuple[int, float, str | _PageTable]]:
    """Every page's lines joined into paragraphs, and its tables, in reading order: (page, top, item)."""
    whole = _margins([line for page in pages for line in page.lines], (0.0, 0.0))
    items: list[tuple[int, float, str | _PageTable]] = []
    previous: _Line | None = None
    previous_page = 0
    before = whole
    for page in pages:
        here = _margins(page.lines, whole) if len(page.lines) >= 3 else whole
        entries: list[tuple[float, int, _Line | _PageTable]] = [(line.top, 1, line) for line in page.lines]
        entries += [(t.top, 0, t) for t in page.tables]
        entries.sort(key=lambda e: (e[0], e[1]))
        first = True
        for _, _, entry in entries:
            if isinstance(entry, _PageTable):
                items.append((page.number, entry.top, entry))
                previous = None
                first = False
                continue
            last = items[-1] if items else None
            if (
                previous is not None
                and last is not None
                and isinstance(last[2], str)
                and _continues(previous, entry, before, here, new_page=first and previous_page != page.number)
            ):
                joined = last[2] + entry.text if _is_cjk_edge(last[2], entry.text) else f"{last[2]} {entry.text}"
                items[-1] = (last[0], last[1], joined)
            else:
                items.append((page.number, entry.top, entry.text))
            previous = entry
            previous_page = page.number
            before = here
            first = False
    return items


def _margins(lines: Sequence[_Line], default: tuple[float, float]) -> tuple[float, float]:
    """
    The left and right edges of the text of *lines*: where paragraphs start and where full lines end.

    The right edge is the furthest one that at least two lines reach (within
    1.5 pt), so that one line running into the margin does not move it; with
    fewer lines, the furthest end.
    """
    if not lines:
        return default
    ends = sorted((line.x1 for line in lines), reverse=True)
    right = next((x for k, x in enumerate(ends[:-1]) if x - ends[k + 1] <= 1.5), ends[0])
    return min(line.x0 for line in lines), right


def _continues(
    a: _Line, b: _Line, a_margins: tuple[float, float], b_margins: tuple[float, float], *, new_page: bool
) -> bool:
    """True when line *b* goes on with the paragraph of line *a* (a wrapped line); the margins are their pages'."""
    size = max(a.size, 1.0)
    right = a_margins[1]
    left = b_margins[0]
    if abs(a.size - b.size) > 0.6 or _SECTION_START.match(b.text) or _SUBHEAD.match(b.text):
        return False
    if not new_page and b.top - a.bottom > 1.2 * size:
        return False
    if a.x1 < right - 2.5 * size:  # the line ends short of the margin: the paragraph ended
        return False
    if b.x0 <= left + 0.5 * size:
        return True
    # a centred title wrapped over two lines: the first fills the width, the second is centred
    return a.x0 <= left + 0.5 * size and abs((b.x0 - left) - (right - b.x1)) < size and b.x0 > left + size


def _join_tables(items: list[tuple[int, float, str | _PageTable]]) -> list[tuple[int, float, str | _PageTable]]:
    """
    A table that goes on at the top of the next page is one table: its parts are joined.

    The parts must have the same outer edges, and the column boundaries of one
    part must all be boundaries of the other (a part whose rows never split a
    column has fewer of them: its cells are widened onto the other's grid).
    """
    out: list[tuple[int, float, str | _PageTable]] = []
    for item in items:
        last = out[-1] if out else None
        if (
            last is not None
            and isinstance(last[2], _PageTable)
            and isinstance(item[2], _PageTable)
            and item[0] > _last_page(last[2].table)
        ):
            joined = _join(last[2], item[2])
            if joined is not None:
                out[-1] = (last[0], last[1], joined)
                continue
        out.append(item)
    return out


def _join(a: _PageTable, b: _PageTable) -> _PageTable | None:
    def near(x: float, bounds: Sequence[float]) -> bool:
        return any(abs(x - y) <= 2.0 for y in bounds)

    if abs(a.xs[0] - b.xs[0]) > 2.0 or abs(a.xs[-1] - b.xs[-1]) > 2.0:
        return None
    if not (all(near(x, b.xs) for x in a.xs) or all(near(x, a.xs) for x in b.xs)):
        return None
    union = tuple(_cluster([*a.xs, *b.xs], 2.0))
    table = _append(_regrid(a.table, a.xs, union), _regrid(b.table, b.xs, union))
    return _PageTable(table, a.top, b.bottom, union)


def _regrid(table: HtmlTable, xs: Sequence[float], union: Sequence[float]) -> HtmlTable:
    """*table*, whose columns have the boundaries *xs*, laid on the finer boundaries *union*."""
    if len(xs) == len(union):
        return table
    where = [_index(list(union), x) for x in xs]
    grid = table.grid()
    rows = []
    for r, row in enumerate(table.rows):
        cells = []
        for cell in row:
            c = next(i for i, slot in enumerate(grid[r]) if slot is cell)
            cells.append(attrs.evolve(cell, colspan=where[c + cell.colspan] - where[c]))
        rows.append(cells)
    return HtmlTable(rows, table.line, table.col)


def _last_page(table: HtmlTable) -> int:
    return max((cell.line for row in table.rows for cell in row), default=table.line)


def _row_key(row: list[HtmlCell]) -> tuple[tuple[str, int, int], ...]:
    return tuple((cell.text, cell.rowspan, cell.colspan) for cell in row)


def _append(first: HtmlTable, rest: HtmlTable) -> HtmlTable:
    """
    *first* with the rows of *rest* after it.

    Header rows that *rest* repeats are dropped.  A merged cell that the page
    break cut (a label running down over the break) is one cell again: a cell
    at the top of *rest* left empty below a label, or holding the rest of the
    label's text, extends that label's cell.
    """
    rows = [list(row) for row in rest.rows]
    k = 0
    while k < min(len(first.rows), len(rows)) and _row_key(rows[k]) == _row_key(first.rows[k]):
        k += 1
    rows = rows[k:]
    merged = [[attrs.evolve(cell) for cell in row] for row in first.rows]
    if rows:
        above = HtmlTable(merged).grid()
        below = HtmlTable(rows).grid()
        if above and below and _split_row(above[-1], rows[0], below[0]):
            last = above[-1]
            for cell in rows[0]:
                c = next(i for i, slot in enumerate(below[0]) if slot is cell)
                upper = last[c]
                if upper is not None and cell.text:
                    upper.text = _glue(upper.text, cell.text)
                if upper is not None:
                    upper.rowspan += cell.rowspan - 1
            rows = rows[1:]
            below = HtmlTable(rows).grid() if rows else []
        if above and below:
            last = above[-1]
            keep: list[HtmlCell] = []
            for cell in rows[0]:
                c = next(i for i, slot in enumerate(below[0]) if slot is cell)
                upper = last[c] if c < len(last) else None
                if upper is not None and (c == 0 or last[c - 1] is not upper) and _cut(upper, cell):
                    upper.text = _glue(upper.text, cell.text)
                    upper.rowspan += cell.rowspan
                    continue
                keep.append(cell)
            rows[0] = keep
    return HtmlTable(merged + rows, first.line, first.col)


def _glue(a: str, b: str) -> str:
    if not a or not b:
        return a or b
    return a + b if _is_cjk_edge(a, b) else f"{a} {b}"


def _split_row(last: list[HtmlCell | None], row: list[HtmlCell], slots: list[HtmlCell | None]) -> bool:
    """
    True when *row*, the first at the top of a page, is the rest of the *last* row that the page break cut.

    Word and LibreOffice let a row break over two pages: the end of a wrapped
    label goes on at the top of the next page, in a row of its own whose value
    cells are empty.
    """
    texts = False
    for cell in row:
        c = next(i for i, slot in enumerate(slots) if slot is cell)
        upper = last[c] if c < len(last) else None
        if upper is None or upper.colspan != cell.colspan or (c and last[c - 1] is upper):
            return False
        if not cell.text:
            continue
        if not upper.text or is_value_text(upper.text) or is_value_text(cell.text):
            return False
        if known_key(label_key(upper.text)) and known_key(label_key(cell.text)):
            return False
        texts = True
    return texts


def _cut(upper: HtmlCell, lower: HtmlCell) -> bool:
    """
    True when *lower*, at the top of a page, is the rest of the label cell *upper* that the page break cut.

    A merged label prints its text once, on the page where the middle of the
    cell falls, so either part may be empty; two empty parts are one cell only
    when both are merged over several rows (two blank value cells are two cells).
    """
    if upper.colspan != lower.colspan:
        return False
    if (upper.text and is_value_text(upper.text)) or (lower.text and is_value_text(lower.text)):
        return False
    if not upper.text and not lower.text:
        return upper.rowspan >= 2 and lower.rowspan >= 2
    if not lower.text:
        return True
    if lower.rowspan < 2:
        return False  # only a label merged down several rows runs over a page break with its text
    if not upper.text:
        return True  # the label's text printed in the part below the break
    # two labels of their own, one at the foot of a page and one at the top of the next
    return not (known_key(label_key(upper.text)) and known_key(label_key(lower.text)))


# ---------------------------------------------------------------------------
# The title
# ---------------------------------------------------------------------------


def _title_lines(texts: list[str]) -> list[str]:
    """
    Before the first section, join a title printed over two or three lines into one line.

    That is a long title wrapped (``某某市某某局2023年政府信息公开工作`` / ``年度报告``) or the
    organ printed on its own line above the rest (``某某市某某局`` / ``2023年政府信息公开工作年度报告``).
    Lines are joined only when together they read as a title that names an organ
    and no line alone, nor the lines without the first, does; a metadata line
    (``索引号：…``, a date) is never taken for the organ.
    """
    out = list(texts)
    stop = next((k for k, t in enumerate(out) if _SECTION_START.match(t)), len(out))

    def organ(text: str) -> str | None:
        found = parse_title(text)
        return found[0] if found is not None else None

    for i in range(stop):
        if organ(out[i]) is not None:
            break  # a whole title on one line
        for n in (2, 3):
            window = out[i : i + n]
            if i + n > stop or any(not t or len(t) > 60 for t in window):
                break
            named = organ("".join(window))
            if (
                named is None
                or any(mark in named for mark in ":：")
                or len(_CJK.findall(named)) < 2
                or any(organ(t) is not None for t in window)
                or organ("".join(window[1:])) is not None
            ):
                continue
            out[i : i + n] = ["".join(window)] + [""] * (n - 1)
            return out
    return out


# ---------------------------------------------------------------------------
# The reader
# ---------------------------------------------------------------------------


def _close(pdf: Any) -> None:
    """Close *pdf*; on a damaged file closing may fail too, and that must not replace what reading found."""
    with suppress(Exception):  # the pages are read, or the reading error is on its way: nothing is lost
        pdf.close()


def _blocks(
    path: PdfSource, password: str | None, max_pages: int, max_decoded: int, name: str | None = None
) -> tuple[list[TextBlock | HtmlTable], str, list[_Page]]:
    pdfplumber = _require()
    data, source = _read(path)
    source = name if name is not None else source
    with _quiet():
        pdf = _open(pdfplumber, data, source, password)
        try:
            _check_limits(pdf, source, max_pages, max_decoded)
            pages = _pages(pdf, source)
        except (PdfReadError, MemoryError):
            raise
        except Exception as exc:  # pdfminer's own errors on a damaged file are of many kinds
            reason = f"the PDF is damaged and cannot be read (PDF文件已损坏): {exc}"
            raise PdfReadError(source, "corrupt", reason) from None
        finally:
            _close(pdf)
    if all(not page.lines and not page.tables for page in pages):
        if any(page.scanned for page in pages):
            raise PdfReadError(
                source,
                "scanned",
                "scanned image, no text layer; OCR is not supported (扫描图像，没有文字层；不支持OCR识别)",
            )
        raise PdfReadError(source, "empty", "the PDF has no text (PDF中没有文字)")
    cids = sum(line.text.count("(cid:") for page in pages for line in page.lines)
    if cids > 20 and cids * 6 > sum(len(line.text) for page in pages for line in page.lines):
        raise PdfReadError(
            source,
            "no-unicode",
            "the PDF's fonts do not map their glyphs to characters, so its text cannot be "
            "read (PDF字体没有字符映射，无法提取文字)",
        )
    items = _join_tables(_paragraphs(_page_furniture(pages)))
    first_head = next((i for i, it in enumerate(items) if not isinstance(it[2], str)), len(items))
    head_texts = [it[2] for it in items[:first_head] if isinstance(it[2], str)]
    fixed = iter(_title_lines(head_texts))
    blocks: list[TextBlock | HtmlTable] = []
    for i, (page, _, item) in enumerate(items):
        if isinstance(item, str):
            text = next(fixed) if i < first_head else item
            if text:
                blocks.append(TextBlock(text, page, 1))
        else:
            blocks.append(item.table)
    return blocks, source, pages


def pdf_to_text(
    path: PdfSource,
    *,
    password: str | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_decoded: int = DEFAULT_MAX_DECODED,
) -> str:
    """
    The text that :func:`parse_pdf` reads: paragraphs as lines, tables as pipe rows.

    The line and column of a :func:`parse_pdf` diagnostic refer to this text.

    Raises:
        MissingDependencyError: pdfplumber is not installed (the ``pdf`` extra).
        PdfReadError: As for :func:`parse_pdf`.

    .. versionadded:: 0.1.0
    """
    blocks, _, _ = _blocks(path, password, max_pages, max_decoded)
    return to_text(blocks)[0]


def parse_pdf(
    path: PdfSource,
    *,
    organ: str | None = None,
    year: int | None = None,
    source: str | None = None,
    password: str | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_decoded: int = DEFAULT_MAX_DECODED,
) -> ParseResult:
    """
    Read a published report from a PDF with a text layer (exported from Word, WPS or a browser).

    The ruled tables are read cell by cell (merged cells respected) by the same
    table reader as HTML and Word; the narratives come from the text in reading
    order with their subsections; page headers and footers are dropped and a
    table that continues on the next page is joined.  Diagnostics name the page.

    Args:
        path: A file name, the PDF's bytes, or a binary file object.
        organ: The organ, when the title does not name it.
        year: The report year, likewise.
        source: A name for the input (default: the file name).
        password: The password of an encrypted PDF.
        max_pages: Refuse a PDF with more pages (default :data:`DEFAULT_MAX_PAGES`).
        max_decoded: Refuse a PDF whose page contents decode to more bytes
            (default :data:`DEFAULT_MAX_DECODED`).

    Raises:
        MissingDependencyError: pdfplumber is not installed (the ``pdf`` extra).
        PdfReadError: The PDF cannot be read: damaged, encrypted, scanned (no
            text layer; there is no OCR), over a limit, or with no text.
        ParseError: The text holds no report (see :func:`parse_text`).
        InputFileError: The file cannot be opened or read (an :class:`OSError` too).

    .. versionadded:: 0.1.0
    """
    blocks, name, pages = _blocks(path, password, max_pages, max_decoded, source)
    source = None if name == "<bytes>" else name
    text, origin, headings = to_text(blocks)
    notes = _notes(text, origin, pages)
    result = parse_document(text, source=source, organ=organ, year=year, subheadings=headings)
    diagnostics = tuple(_with_page(d, origin) for d in (*notes, *result.diagnostics))
    return attrs.evolve(result, diagnostics=diagnostics)


def _notes(text: str, origin: list[tuple[int, list[tuple[int, int, int]]]], pages: list[_Page]) -> list[Diagnostic]:
    """Diagnostics of the PDF reader itself: scanned pages, and table sections without a ruled table."""
    notes = []
    for page in pages:
        if page.scanned:
            notes.append(
                Diagnostic(
                    "PDF-SCANNED-PAGE",
                    CODES["PDF-SCANNED-PAGE"][0],
                    f"第{page.number}页是扫描图像，没有文字层，未读取（不支持OCR识别）",
                    f"page {page.number} is a scanned image with no text layer; not read (OCR is not supported)",
                )
            )
    lines = text.split("\n")
    heads = find_headings(lines)
    for k in (1, 2, 3):
        h = heads[k]
        if h is None:
            continue
        end = next((x.line for x in heads[k + 1 :] if x is not None), len(lines))
        body = lines[h.line + 1 : end]
        if any(line.startswith("|") for line in body) or not any(line.strip() for line in body):
            continue
        heading = lines[h.line].strip()
        notes.append(
            Diagnostic(
                "PDF-UNRULED-TABLE",
                CODES["PDF-UNRULED-TABLE"][0],
                f"“{heading[:20]}”下没有带框线的表格，已按文字行读取（无法确定空白单元格的位置）",
                f"no ruled table under {heading[:20]!r}; its table was read from the text lines "
                "(a blank cell cannot be placed)",
                h.line + 1,
                1,
            )
        )
    return notes


def _with_page(d: Diagnostic, origin: list[tuple[int, list[tuple[int, int, int]]]]) -> Diagnostic:
    if d.line is None or not 1 <= d.line <= len(origin):
        return d
    page = origin[d.line - 1][0]
    return attrs.evolve(d, message=f"{d.message}（第{page}页）", message_en=f"{d.message_en} (page {page})")
