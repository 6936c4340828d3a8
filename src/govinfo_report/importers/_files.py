"""
Reading bytes (encodings, byte-order marks, what a file is), and the text and HTML readers.

:mod:`govinfo_report.importers._dispatch` chooses the reader of a file and reads many on all cores.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import ParseError
from ..vocab import REPORT_TITLE_SUFFIX
from ._html import META_PREFIX, extract_page, mapper, to_text
from ._meta import apply_tags
from ._result import CODES, Diagnostic, ParseResult
from ._text import parse_document

__all__ = ["READABLE_SUFFIXES", "UNREADABLE_SUFFIXES", "decode", "parse_html", "parse_text"]

READABLE_SUFFIXES: tuple[str, ...] = (".json", ".txt", ".html", ".htm", ".docx", ".xlsx", ".pdf")
"""The file suffixes :func:`parse` reads (any case); a new input format adds its suffix here."""

_CONVERT = "soffice --headless --convert-to {target} {file}"
# Formats that are not read, and what they are; the message says how to convert them.
UNREADABLE_SUFFIXES: dict[str, str] = {
    ".doc": "a Word 97-2003 document (Word 97-2003文档)",
    ".wps": "a WPS Writer document (WPS文字文档)",
    ".et": "a WPS spreadsheet (WPS表格)",
    ".xls": "an Excel 97-2003 workbook (Excel 97-2003工作簿)",
    ".ofd": "an OFD document (OFD版式文档)",
}
"""The suffixes of formats :func:`parse` does not read and says how to convert (``.doc``, ``.wps``, ``.ofd`` ...)."""


def _unreadable(path: Path, data: bytes) -> str | None:
    """Why *path* is in a format that is not read, with the command that converts it; None when it can be read."""
    suffix = path.suffix.lower()
    if suffix not in UNREADABLE_SUFFIXES:
        if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an OLE2 file: .doc, .xls, .wps, .et of any name
            return None
        suffix = ".doc"
    what = UNREADABLE_SUFFIXES[suffix]
    if suffix == ".ofd":
        return (
            f"{what} cannot be read; open it in an OFD reader and save or print it as PDF, "
            "then read the .pdf (OFD文件无法读取，请用OFD阅读器另存或打印为PDF后再读取)"
        )
    spreadsheet = suffix in (".et", ".xls")
    target = ("xlsx" if ".xlsx" in READABLE_SUFFIXES else "pdf") if spreadsheet else "docx"
    command = _CONVERT.format(target=target, file=path.name)
    return (
        f"{what} cannot be read; convert it to .{target} first, for example with LibreOffice: {command} "
        f"(请先转换为.{target}格式)"
    )

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, source: str | None = None) -> tuple[str, tuple[Diagnostic, ...]]:
    """
    The text of a file's bytes, and an ``ENCODING`` diagnostic naming the encoding when it is not plain UTF-8.

    UTF-8 (a BOM is honoured and dropped) and UTF-16 with a BOM are read as
    such; UTF-16 without a BOM is recognised by its zero bytes; anything else
    is decoded as GB18030, except Big5 (traditional Chinese) text, which is
    recognised as such (the labels are then read like those of traditional
    mirrors).

    Raises:
        ParseError: The bytes are binary data (NUL bytes), or neither UTF-8 nor
            GB18030 (the reason gives the byte offset where each fails).

    .. versionadded:: 0.1.0
    """
    if not data.strip():
        raise ParseError("the file is empty (文件为空)", source)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                name = "UTF-8" if codec == "utf-8-sig" else "UTF-16"
                raise ParseError(
                    f"the file starts with a {name} byte order mark but is not {name} from byte {exc.start + 1} "
                    f"(文件以{name}字节顺序标记开头，但第{exc.start + 1}字节起不是{name}编码)",
                    source,
                ) from None
            return text, (() if codec == "utf-8-sig" else (_encoding("UTF-16"),))
    if b"\x00" in data[:8192]:
        utf16 = _utf16(data)
        if utf16 is None:
            raise ParseError("the file is binary data, not a report (文件为二进制数据，不是报告文本)", source)
        return utf16[0], (_encoding(utf16[1]),)
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    big5 = _big5(data)
    if big5 is not None:  # traditional characters in labels are matched like those of mirrors
        return big5, (_encoding("Big5"),)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        reason = (
            f"the file is neither UTF-8 (from byte {first_bad + 1}) nor GB18030 (from byte {exc.start + 1}) text "
            f"(文件既不是UTF-8也不是GB18030编码：分别从第{first_bad + 1}、第{exc.start + 1}字节起无法解码)"
        )
        raise ParseError(reason, source) from None
    diag = Diagnostic(
        "ENCODING",
        CODES["ENCODING"][0],
        f"文件不是UTF-8编码（第{first_bad + 1}字节起），已按GB18030解码",
        f"the file is not UTF-8 (from byte {first_bad + 1}); decoded as GB18030",
    )
    return text, (diag,)


def _encoding(name: str) -> Diagnostic:
    return Diagnostic("ENCODING", CODES["ENCODING"][0], f"文件按{name}编码解码", f"the file was decoded as {name}")


def _utf16(data: bytes) -> tuple[str, str] | None:
    """The text of UTF-16 *data* without a BOM, and its name, when its zero bytes say so; else None."""
    head = data[:8192]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if even + odd < 4 or len(data) % 2:
        return None
    if odd >= 3 * even:  # ASCII digits, spaces and newlines: 'x' 00 in little-endian order
        codec, name = "utf-16-le", "UTF-16LE"
    elif even >= 3 * odd:
        codec, name = "utf-16-be", "UTF-16BE"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    sample = text[:4096]
    printable = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    return (text, name) if "\x00" not in text and printable >= 0.95 * len(sample) else None


# Spelled alike in simplified and traditional characters, and common in every report.
_GOVERNMENT = REPORT_TITLE_SUFFIX.zh[:2]


def _big5(data: bytes) -> str | None:
    """The text of *data* when it reads as Big5 text that names the government, and as GB18030 does not."""
    for codec in ("big5", "cp950"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return text if _GOVERNMENT in text and _GOVERNMENT not in data.decode("gb18030", "replace") else None
    return None


def parse_text(
    text: str, *, source: str | None = None, organ: str | None = None, year: int | None = None
) -> ParseResult:
    """
    Read a published report given as plain text.

    Args:
        text: The report as copied from a web page, a document or a PDF.
        source: A name for the input (kept in the result and in errors).
        organ: The organ (发布机关), when the title does not name it; given, it also overrides the title.
        year: The report year, likewise.

    Returns:
        The report with every cell read (blank where nothing readable was
        printed), and the diagnostics.

    Raises:
        ParseError: No report can be produced at all: empty or binary input,
            no section heading or table, or an organ or year that neither the
            title nor the arguments give.

    .. versionadded:: 0.1.0
    """
    return parse_document(text, source=source, organ=organ, year=year)


def parse_html(
    html: str, *, source: str | None = None, organ: str | None = None, year: int | None = None
) -> ParseResult:
    """
    Read a published report given as an HTML page (or HTML held in a string literal).

    Tables are read cell by cell (``rowspan``/``colspan`` respected; ``&nbsp;``
    cells are blank); diagnostics give the line and column of the element in
    the HTML (after unescaping, for HTML held in a string).

    Args:
        html: The page.
        source: A name for the input.
        organ: The organ, when the title does not name it.
        year: The report year, likewise.

    Raises:
        ParseError: As for :func:`parse_text`.

    .. versionadded:: 0.1.0
    """
    if not html.strip():
        raise ParseError("the input is empty (输入为空)", source)
    try:
        page = extract_page(html)
    except (AssertionError, ValueError) as exc:  # html.parser gives up only on badly broken markup
        raise ParseError(f"the HTML cannot be read: {exc}", source) from None
    text, origin, headings = to_text(page.blocks)
    if not text.strip():
        raise ParseError("the page has no text (网页没有文字内容)", source)
    result = parse_document(
        text,
        source=source,
        organ=organ,
        year=year,
        position=mapper(origin),
        subheadings=headings,
        page_title=page.title,
    )
    if not page.meta or result.report is None:
        return result
    report, bad = apply_tags(result.report, page.meta, organ=organ, year=year)
    diags = list(result.diagnostics)
    for name, value in bad:
        diags.append(
            Diagnostic(
                "META-TAG",
                CODES["META-TAG"][0],
                f"网页元数据 {META_PREFIX}{name} 的值“{value[:40]}”无法读取，已忽略",
                f"the page's metadata tag {META_PREFIX}{name} cannot be read ({value[:40]!r}); ignored",
            )
        )
    return ParseResult(report, tuple(diags), result.extra_rows, result.source)
