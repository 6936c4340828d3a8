"""
Files and batches: reading bytes, choosing the reader, and parsing many files on all cores.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import codecs
import io
import os
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import InputFileError, ParseError, ReportReadError, StructureError
from ..rules import Severity
from ..vocab import REPORT_TITLE_SUFFIX
from ._html import META_PREFIX, extract_page, looks_like_html, mapper, to_text
from ._meta import apply_tags
from ._result import CODES, Diagnostic, ParseResult
from ._text import parse_document

__all__ = ["READABLE_SUFFIXES", "decode", "parse", "parse_html", "parse_many", "parse_text"]

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


def parse(path: str | os.PathLike[str], *, organ: str | None = None, year: int | None = None) -> ParseResult:
    """
    Read a report file, choosing the reader by extension and content.

    ``.json`` goes to :func:`govinfo_report.from_json` (no diagnostics);
    ``.xlsx``, ``.docx``, or a file that starts like a zip archive, to
    :func:`govinfo_report.parse_xlsx` (the ``xlsx`` extra) when the archive
    holds a workbook (``xl/workbook.xml``) and to :func:`govinfo_report.parse_docx`
    (the ``docx`` extra) when it holds a Word document (``word/document.xml``);
    the content decides, the suffix only when the archive shows neither;
    ``.pdf``, or a file that starts with ``%PDF-``, to
    :func:`govinfo_report.parse_pdf` (the ``pdf`` extra);
    ``.html``/``.htm``, or content that looks like HTML, to :func:`parse_html`;
    anything else to :func:`parse_text`.  Bytes are decoded as UTF-8 (with or
    without a BOM), falling back to GB18030 with an ``ENCODING`` diagnostic.

    Raises:
        ParseError: The file cannot give a report (see :func:`parse_text`).
        StructureError: A ``.json`` file is not a valid report.
        MissingDependencyError: A ``.docx`` file without python-docx, an ``.xlsx`` file without openpyxl,
            or a ``.pdf`` file without pdfplumber.
        ReportReadError: A ``.docx`` or ``.xlsx`` (or zip) file that is neither a Word document nor a
            workbook; a file in a format that is not read (``.doc``, ``.wps``, ``.et``, ``.xls``,
            ``.ofd``: the message says how to convert it).
        PdfReadError: A PDF that cannot be read (damaged, encrypted, scanned, over a limit).
        InputFileError: The file cannot be opened or read (also an :class:`OSError`).

    Every error about the input is an :class:`~govinfo_report.errors.InputError`
    (catch that one), and its message names the file.

    .. versionadded:: 0.1.0
    """
    p = Path(path)
    source = str(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputFileError.wrap(source, exc) from exc
    reason = _unreadable(p, data)
    if reason is not None:
        raise ReportReadError(source, reason)
    if p.suffix.lower() == ".pdf" or data[:1024].lstrip().startswith(b"%PDF-"):
        from ._pdf import parse_pdf

        return parse_pdf(data, organ=organ, year=year, source=source)
    if p.suffix.lower() == ".json":
        from ..convert import from_json

        try:
            report = from_json(data)
        except StructureError as exc:
            raise StructureError(exc.errors, source) from exc
        return ParseResult(report=report, source=source)
    suffix = p.suffix.lower()
    if suffix in (".docx", ".xlsx") or data[:4] == b"PK\x03\x04":
        if (_zip_kind(data) or suffix) in ("xlsx", ".xlsx"):
            from ..xlsx_io import parse_xlsx

            return parse_xlsx(p, organ=organ, year=year)
        from ..docx_io import parse_docx

        return parse_docx(p, organ=organ, year=year)
    text, diags = decode(data, source)
    if p.suffix.lower() in (".html", ".htm") or looks_like_html(text):
        result = parse_html(text, source=source, organ=organ, year=year)
    else:
        result = parse_text(text, source=source, organ=organ, year=year)
    if diags:
        result = ParseResult(result.report, (*diags, *result.diagnostics), result.extra_rows, result.source)
    return result


def _zip_kind(data: bytes) -> str | None:
    """What an Office Open XML file holds, by its parts: ``"xlsx"`` (a workbook), ``"docx"`` (Word) or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return None


def _parse_one(path: str) -> ParseResult:
    """Parse one file for :func:`parse_many`: any failure (a bug of ours included) becomes a result without a report."""
    try:
        return parse(path)
    except Exception as exc:  # one bad file must not stop a batch; only text crosses the process boundary
        message = str(exc)
        return _failed(path, f"{type(exc).__name__}: {message if len(message) <= 300 else message[:297] + '...'}")
    except MemoryError:
        return _failed(path, "MemoryError: out of memory")


def _failed(path: str, reason: str) -> ParseResult:
    return ParseResult(
        report=None,
        diagnostics=(
            Diagnostic("PARSE-FAILED", Severity.ERROR, f"无法读取该文件：{reason}", f"cannot read the file: {reason}"),
        ),
        source=path,
    )


def parse_many(paths: Iterable[str | os.PathLike[str]], *, workers: int | None = None) -> list[ParseResult]:
    """
    Parse many report files on all cores; results come back in input order.

    Each file is parsed in a worker process (paths go in as str, results come
    back pickled).  A file that cannot be parsed does not stop the batch: its
    result has ``report`` None and one ``PARSE-FAILED`` diagnostic of error
    severity naming the exception (a missing file, binary data, no report in
    it ...), or saying that the worker process reading it died (killed by the
    system when out of memory: the other files are still read).  Check
    ``result.ok`` before using ``result.report``.

    Args:
        paths: The files.
        workers: How many processes; default ``os.cpu_count()``.  With 1 (or a
            single file) everything runs in this process.

    Returns:
        One :class:`ParseResult` per path, in the order given.

    .. versionadded:: 0.1.0
    """
    items: Sequence[str] = [os.fspath(p) for p in paths]
    if workers is None:
        workers = os.cpu_count() or 1
    workers = max(1, min(workers, len(items)))
    if workers == 1 or len(items) < 2:
        return [_parse_one(p) for p in items]
    from .._pool import run_all

    chunk = max(1, min(256, len(items) // (workers * 8)))
    return run_all(
        _parse_one, [(p,) for p in items], workers, lambda i, reason: _failed(items[i], reason), chunksize=chunk
    )
