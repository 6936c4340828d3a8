"""
Choosing the reader of a file by its content and suffix, and parsing many files on all cores.

Every input format's reader is one module of :mod:`govinfo_report.importers` (text and HTML in
``_files``, PDF in ``_pdf``, Word in ``docx``, Excel in ``xlsx``); :func:`parse` is the one place that
knows them all.  A new input format adds its suffix to ``READABLE_SUFFIXES`` and its branch here.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import InputFileError, ReportReadError, StructureError
from ..rules import Severity
from ._files import _unreadable, decode, parse_html, parse_text
from ._html import looks_like_html
from ._result import Diagnostic, ParseResult

__all__ = ["parse", "parse_many"]


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
            from .xlsx import parse_xlsx

            return parse_xlsx(p, organ=organ, year=year)
        from .docx import parse_docx

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
    from .._pool import run_all  # its chunks are _pool.chunk_size, the one rule

    return run_all(_parse_one, [(p,) for p in items], workers, lambda i, reason: _failed(items[i], reason))
