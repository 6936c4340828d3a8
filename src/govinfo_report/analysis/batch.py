"""
Batch helpers: load, check and export many reports, on all cores or under Dask or Spark.

Every helper is a plain function over picklable values (paths as str,
reports, findings and records are all picklable), so the same functions run
in a :class:`~concurrent.futures.ProcessPoolExecutor` here and, unchanged,
as the mapped function of a Dask bag or a Spark RDD for corpora beyond one
machine (see docs/howto-dask.md).  The per-file units are :func:`load_one`,
:func:`check_one` and :func:`records_one`; :func:`load_many`,
:func:`check_many` and :func:`records_many` map them over many inputs.

A file that fails does not stop the batch.  Every result is a
:class:`BatchResult`: ``source`` (the path, or ``"<report N>"`` for a report
given as a value), ``value`` (the report, the findings or the records; None
on failure), ``error`` (``"ExceptionType: message"`` on failure, else None)
and ``diagnostics`` (the importer's diagnostics as text, for .txt and .html
files).  Results come back in input order.

:func:`check_folder` checks every report in a folder (every suffix of
:data:`REPORT_SUFFIXES`, .docx included) and counts errors and warnings per file and per rule;
:func:`render_folder_check` prints that as tables (for ``govinfo-report check DIR``).
:mod:`govinfo_report.analysis.collection` streams the same checks file by file (``check DIR --format jsonl``)
and :mod:`govinfo_report.analysis.audit` draws them as a page or a workbook.

Examples:
    >>> from govinfo_report import AnnualReport
    >>> r = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
    >>> [(x.source, x.ok, sorted(f.code for f in x.value)) for x in check_many([r], workers=1)]
    [('<report 0>', True, ['EMPTY-PROBLEMS', 'FEES-NOT-MENTIONED'])]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TextIO, TypeVar, Union

import attrs
from attrs import frozen

if TYPE_CHECKING:
    from ..importers import Diagnostic

from ..errors import OptionError
from ..findings import Finding, finding_to_dict
from ..importers._files import READABLE_SUFFIXES
from ..model import AnnualReport
from ..rules import Severity

__all__ = [
    "REPORT_SUFFIXES",
    "BatchResult",
    "FileCheck",
    "FolderCheck",
    "RuleCount",
    "check_many",
    "check_one",
    "folder_check",
    "load_many",
    "load_one",
    "records_many",
    "records_one",
    "render_folder_check",
    "report_files",
    "terminal_progress",
]

T = TypeVar("T")
R = TypeVar("R")
Source = Union[str, "os.PathLike[str]"]
Progress = Callable[[int, int, str], None]
"""A progress callback: ``progress(done, total, source)`` after each input."""

REPORT_SUFFIXES: tuple[str, ...] = READABLE_SUFFIXES
"""The file suffixes :func:`check_folder` reads: every suffix that :func:`govinfo_report.importers.parse` reads."""


@frozen(kw_only=True)
class BatchResult(Generic[T]):
    """
    The result of one input of a batch.

    Attributes:
        source: The path as given (str), or ``"<report N>"`` for the N-th input given as a report.
        value: The result (a report, findings or records), or None when the input failed.
        error: ``"ExceptionType: message"`` when the input failed, else None.
        diagnostics: The importer's diagnostics, as text, for published (.txt, .html) reports.

    .. versionadded:: 0.1.0
    """

    source: str
    value: T | None
    error: str | None = None
    diagnostics: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the input gave a result."""
        return self.error is None


def _error(exc: BaseException) -> str:
    """``"ExceptionType: message"``, the message cut to 300 characters (a hostile file can make it huge)."""
    message = str(exc)
    if len(message) > 300:
        message = message[:297] + "..."
    return f"{type(exc).__name__}: {message}"


def load_one(path: Source) -> BatchResult[AnnualReport]:
    """
    The report in one file (.json, or a published .txt/.html report via :func:`govinfo_report.importers.parse`).

    Never raises for a bad file: the result carries the error instead.

    .. versionadded:: 0.1.0
    """
    return _load_one(path)[0]


def _load_one(path: Source) -> tuple[BatchResult[AnnualReport], tuple[Diagnostic, ...], tuple[str, ...]]:
    """
    As :func:`load_one`, with the importer's diagnostics and the cells it could not read (``ParseResult.unread``).

    Never raises for a bad file: the result carries the error instead.
    """
    source = os.fspath(path)
    try:
        if source.lower().endswith(".json"):
            from ..convert import from_json

            with open(source, "rb") as f:
                return BatchResult(source=source, value=from_json(f.read())), (), ()
        from ..importers import parse

        result = parse(source)
        texts = tuple(str(d) for d in result.diagnostics)
        loaded = BatchResult(source=source, value=result.report, diagnostics=texts)
        return loaded, result.diagnostics, result.unread
    except Exception as exc:  # one bad file must not stop a batch; the error is kept in the result
        return BatchResult(source=source, value=None, error=_error(exc)), (), ()


def _loaded(item: AnnualReport | Source, index: int) -> BatchResult[AnnualReport]:
    if isinstance(item, AnnualReport):
        return BatchResult(source=f"<report {index}>", value=item)
    if isinstance(item, (str, os.PathLike)):
        return load_one(item)
    return BatchResult(
        source=f"<item {index}>",
        value=None,
        error=f"OptionError: expected a path or an AnnualReport, got {type(item).__name__}",
    )


def check_one(
    item: AnnualReport | Source, blank: str = "zero", index: int = 0, narrative: bool = True
) -> BatchResult[tuple[Finding, ...]]:
    """
    The findings of :func:`govinfo_report.checks.check` for one report or file.

    Args:
        item: A report, or the path of a report file.
        blank: The blank-cell policy, as for ``check``.
        index: The position of *item* in its batch (names a report given as a value).
        narrative: Run the TEXT-* rules (``check(narrative=...)``).

    .. versionadded:: 0.1.0
    """
    if isinstance(item, (str, os.PathLike)):
        loaded, diagnostics, unread = _load_one(item)
    else:
        loaded, diagnostics, unread = _loaded(item, index), (), ()
    if loaded.value is None:
        return BatchResult(source=loaded.source, value=None, error=loaded.error, diagnostics=loaded.diagnostics)
    from ..checks import check
    from ..importers import summarise

    try:
        reading = summarise(diagnostics) if diagnostics else None
        findings = tuple(check(loaded.value, blank=blank, unread=unread, narrative=narrative, diagnostics=reading))
    except Exception as exc:  # e.g. an unknown blank policy: reported per input like any other failure
        return BatchResult(source=loaded.source, value=None, error=_error(exc), diagnostics=loaded.diagnostics)
    return BatchResult(source=loaded.source, value=findings, diagnostics=loaded.diagnostics)


def records_one(item: AnnualReport | Source, index: int = 0) -> BatchResult[list[dict[str, Any]]]:
    """
    The records (:func:`govinfo_report.export.records.to_records`) of one report or file.

    .. versionadded:: 0.1.0
    """
    loaded = _loaded(item, index)
    if loaded.value is None:
        return BatchResult(source=loaded.source, value=None, error=loaded.error, diagnostics=loaded.diagnostics)
    from ..export.records import to_records

    return BatchResult(source=loaded.source, value=to_records(loaded.value), diagnostics=loaded.diagnostics)


def _workers(workers: int | None, n: int) -> int:
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise OptionError(f"workers: expected an int ≥ 1 or None, got {workers!r}")
    count = workers if workers is not None else (os.cpu_count() or 1)
    return max(1, min(count, n))


def _map(
    fn: Callable[..., R],
    items: Sequence[tuple[Any, ...]],
    workers: int | None,
    progress: Progress | None = None,
    sources: Sequence[str] = (),
    on_failure: Callable[[int, str], R] | None = None,
    *,
    ordered: bool = True,
) -> Iterator[tuple[int, R]]:
    """
    ``(index, result)`` of *fn* over the argument tuples *items* (:func:`govinfo_report._pool.pool_map`).

    In input order, or as they come in with *ordered* False; in a process pool
    unless one worker suffices, in chunks (:func:`govinfo_report._pool.chunk_size`).  A worker process
    that dies (e.g. killed by the system when out of memory) fails only the input
    it was reading: ``on_failure(index, reason)`` gives that input's result, and
    the other inputs go on.  *progress* is called as ``progress(done, total, source)``.
    """
    from .._pool import pool_map

    n = len(items)
    count = _workers(workers, n)
    done = [0]

    def step(i: int) -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], n, sources[i] if i < len(sources) else "")

    def failed(i: int, reason: str) -> R:
        if on_failure is not None:
            return on_failure(i, reason)
        raise RuntimeError(reason)  # pragma: no cover - every caller gives on_failure

    return pool_map(fn, items, count, failed, ordered=ordered, progress=step)


def _failed(sources: Sequence[str]) -> Callable[[int, str], BatchResult[Any]]:
    def failed(i: int, reason: str) -> BatchResult[Any]:
        return BatchResult(source=sources[i], value=None, error=f"WorkerDied: {reason}")

    return failed


def load_many(paths: Iterable[Source], *, workers: int | None = None) -> list[BatchResult[AnnualReport]]:
    """
    The reports in many files, in input order (the importer's :func:`~govinfo_report.importers.parse_many`).

    Args:
        paths: The files (.json, .txt, .html).
        workers: How many processes (default: every core; 1 runs in this process).

    Returns:
        One :class:`BatchResult` per path; a file that cannot be read has ``value``
        None and ``error`` set (from the importer's PARSE-FAILED diagnostic).

    .. versionadded:: 0.1.0
    """
    items = [os.fspath(p) for p in paths]
    count = _workers(workers, len(items))
    from ..importers import parse_many

    out: list[BatchResult[AnnualReport]] = []
    for source, result in zip(items, parse_many(items, workers=count), strict=True):
        failed = [d for d in result.diagnostics if d.code == "PARSE-FAILED"]
        if result.report is None:
            reason = failed[0].message_en if failed else "no report"
            out.append(BatchResult(source=source, value=None, error=f"ParseError: {reason}"))
        else:
            out.append(
                BatchResult(source=source, value=result.report, diagnostics=tuple(str(d) for d in result.diagnostics))
            )
    return out


def check_many(
    items: Iterable[AnnualReport | Source],
    *,
    blank: str = "zero",
    workers: int | None = None,
    progress: Progress | None = None,
    narrative: bool = True,
) -> list[BatchResult[tuple[Finding, ...]]]:
    """
    The findings of many reports or report files, in input order.

    Files are read and checked in the worker processes, so only paths and
    findings cross process boundaries.

    Args:
        items: Reports, or paths of report files (mixed is fine).
        blank: The blank-cell policy of ``check``.
        workers: How many processes (default: every core; 1 runs in this process).
        progress: Called as ``progress(done, total, source)`` after each input.
        narrative: Run the TEXT-* rules (``check(narrative=...)``).

    .. versionadded:: 0.1.0
    """
    given = list(items)
    args = [
        (item if isinstance(item, AnnualReport) else _path(item), blank, i, narrative) for i, item in enumerate(given)
    ]
    names = [_name(item, i) for i, item in enumerate(given)]
    return [result for _, result in _map(check_one, args, workers, progress, names, _failed(names))]


def records_many(
    items: Iterable[AnnualReport | Source], *, workers: int | None = None
) -> list[BatchResult[list[dict[str, Any]]]]:
    """
    The records of many reports or report files, in input order (one list of records per input).

    .. versionadded:: 0.1.0
    """
    given = list(items)
    args = [(item if isinstance(item, AnnualReport) else _path(item), i) for i, item in enumerate(given)]
    names = [_name(item, i) for i, item in enumerate(given)]
    return [result for _, result in _map(records_one, args, workers, on_failure=_failed(names))]


def _path(item: Any) -> Any:
    return os.fspath(item) if isinstance(item, os.PathLike) else item


def _name(item: Any, index: int) -> str:
    if isinstance(item, AnnualReport):
        return f"<report {index}>"
    return os.fspath(item) if isinstance(item, (str, os.PathLike)) else f"<item {index}>"


# ----------------------------------------------------------------------------
# A whole folder
# ----------------------------------------------------------------------------


@frozen(kw_only=True)
class FileCheck:
    """
    What checking one file of a folder gave.

    Attributes:
        source: The file's path.
        errors: Findings of error severity (0 when the file could not be read).
        warnings: Findings of warning severity.
        infos: Findings of info severity.
        rules: ``(code, count)`` for each rule with findings, by code.
        error: Why the file could not be read, or None.
        findings: The findings themselves (for a published report, its import
            diagnostics among them as IMPORT-* findings).
        diagnostics: The importer's diagnostics, as text.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``findings`` and ``diagnostics``; ``organ``, ``year``, ``edition``, ``import_diagnostics`` and ``report``.
    """

    source: str
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    rules: tuple[tuple[str, int], ...] = ()
    error: str | None = None
    findings: tuple[Finding, ...] = ()
    diagnostics: tuple[str, ...] = ()
    organ: str | None = None
    """The report's organ (None when unknown or unreadable)."""
    year: int | None = None
    """The report's year (None when unknown or unreadable)."""
    edition: str | None = None
    """The report's edition, ``"2019"`` or ``"2021"`` (None when unreadable)."""
    import_diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False, repr=False)
    """The importer's diagnostics themselves (for a published report), each kept whole."""
    report: AnnualReport | None = attrs.field(default=None, eq=False, repr=False)
    """The report itself (None when unreadable), for the audit page's tables."""


@frozen(kw_only=True)
class RuleCount:
    """
    One rule over a folder: its severity, how many files and findings.

    .. versionadded:: 0.1.0
    """

    code: str
    severity: Severity
    files: int
    findings: int


@frozen(kw_only=True)
class FolderCheck:
    """
    What :func:`check_folder` found: one :class:`FileCheck` per file (sorted by name) and the rules.

    .. versionadded:: 0.1.0
    """

    folder: str
    files: tuple[FileCheck, ...]
    rules: tuple[RuleCount, ...]
    skipped: tuple[tuple[str, str], ...] = ()
    """``(path, reason)`` for each file of the folder that is not a report format we read."""

    @property
    def unreadable(self) -> int:
        """How many files could not be read."""
        return sum(1 for f in self.files if f.error is not None)

    @property
    def has_errors(self) -> bool:
        """True when a file has an error finding or could not be read."""
        return any(f.errors or f.error for f in self.files)

    def _repr_html_(self) -> str:
        """The audit page (:func:`govinfo_report.analysis.audit.render_audit_html`), as notebooks show it."""
        from .audit import render_audit_html

        return render_audit_html(self, standalone=False)


def _file_check(result: BatchResult[tuple[Finding, ...]]) -> FileCheck:
    if result.value is None:
        return FileCheck(source=result.source, error=result.error, diagnostics=result.diagnostics)
    counts: dict[str, int] = {}
    for f in result.value:
        counts[f.code] = counts.get(f.code, 0) + 1
    by = {s: sum(1 for f in result.value if f.severity is s) for s in Severity}
    return FileCheck(
        source=result.source,
        errors=by[Severity.ERROR],
        warnings=by[Severity.WARNING],
        infos=by[Severity.INFO],
        rules=tuple(sorted(counts.items())),
        findings=result.value,
        diagnostics=result.diagnostics,
    )


def report_files(folder: Source, *, recursive: bool = False) -> list[str]:
    """
    The report files in *folder* (suffixes :data:`REPORT_SUFFIXES`, any case), sorted by path.

    Raises:
        OptionError: *folder* is not a folder.

    .. versionadded:: 0.1.0
    """
    root = Path(folder)
    if not root.is_dir():
        raise OptionError(f"{os.fspath(folder)}: not a folder")
    found = root.rglob("*") if recursive else root.iterdir()
    return sorted(os.fspath(p) for p in found if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)


def folder_check(folder: str, files: Sequence[FileCheck], skipped: Sequence[tuple[str, str]] = ()) -> FolderCheck:
    """
    The :class:`FolderCheck` of *files* (checked files, in the order to show) with the counts per rule.

    .. versionadded:: 0.2.0
    """
    from ..rules import CATALOGUE

    files = tuple(files)
    skipped = tuple(skipped)
    severity = {r.code: r.severity for r in CATALOGUE}
    for f in files:  # IMPORT-* and any code outside the catalogue: the severity its findings carry
        for finding in f.findings:
            severity.setdefault(finding.code, finding.severity)
    totals: dict[str, list[int]] = {}
    for f in files:
        for code, n in f.rules:
            entry = totals.setdefault(code, [0, 0])
            entry[0] += 1
            entry[1] += n
    order = {r.code: i for i, r in enumerate(CATALOGUE)}
    rules = tuple(
        RuleCount(code=code, severity=severity.get(code, Severity.WARNING), files=n_files, findings=n)
        for code, (n_files, n) in sorted(totals.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    )
    return FolderCheck(folder=folder, files=files, rules=rules, skipped=skipped)


def _other_files(folder: Source, recursive: bool) -> list[str]:
    """The files of *folder* that :func:`report_files` leaves out (hidden files aside)."""
    root = Path(folder)
    found = root.rglob("*") if recursive else root.iterdir()
    return sorted(
        os.fspath(p)
        for p in found
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() not in REPORT_SUFFIXES
    )


def _skip_reason(path: str) -> str:
    suffix = Path(path).suffix.lower() or "(no suffix)"
    readable = ", ".join(REPORT_SUFFIXES)
    return f"{suffix} is not a format that is read (不支持的文件格式); readable: {readable}"


def _shorten(error: str, width: int = 100) -> str:
    """An error on one line, cut to *width* characters (the JSON form keeps it whole)."""
    text = " ".join(error.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_folder_check(
    result: FolderCheck, format: Literal["table", "json", "csv"] = "table", *, neutralize: bool = True
) -> str:
    """
    A folder check as tables (files, then rules, then a total line), JSON or CSV.

    CSV has one line per file: ``source, errors, warnings, infos, rules`` (``CODE=n``
    separated by spaces) and ``error``; a text field that a spreadsheet would
    run as a formula gets a leading apostrophe unless *neutralize* is False
    (see :func:`govinfo_report.export.records.records_to_csv`).

    JSON: ``{"folder", "files": [{source, errors, warnings, infos, rules: {code: n}, error, findings: [...],
    diagnostics: [...]}], "skipped": [{source, reason}], "rules": [{code, severity, files, findings}]}``;
    each finding as :func:`~govinfo_report.findings.finding_to_dict` gives it, each diagnostic as text.

    Raises:
        OptionError: An unknown *format*.

    .. versionadded:: 0.1.0
    """
    if format == "json":
        data = {
            "folder": result.folder,
            "files": [
                {
                    "source": f.source,
                    "errors": f.errors,
                    "warnings": f.warnings,
                    "infos": f.infos,
                    "rules": dict(f.rules),
                    "error": f.error,
                    "findings": [finding_to_dict(x) for x in f.findings],
                    "diagnostics": list(f.diagnostics),
                }
                for f in result.files
            ],
            "skipped": [{"source": path, "reason": reason} for path, reason in result.skipped],
            "rules": [
                {"code": r.code, "severity": r.severity.value, "files": r.files, "findings": r.findings}
                for r in result.rules
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2)
    if format == "csv":
        from .._csv import write_csv

        rows = (
            {
                "source": f.source,
                "errors": f.errors,
                "warnings": f.warnings,
                "infos": f.infos,
                "rules": " ".join(f"{code}={n}" for code, n in f.rules),
                "error": f.error,
            }
            for f in result.files
        )
        return write_csv(rows, ("source", "errors", "warnings", "infos", "rules", "error"), neutralize_text=neutralize)
    if format != "table":
        raise OptionError(f"unknown format {format!r}; expected 'table', 'json' or 'csv'")
    from tabulate import tabulate  # imported here: only drawing a table needs it

    file_rows = [
        [
            f.source,
            str(f.errors),
            str(f.warnings),
            str(f.infos),
            f"无法读取 / unreadable: {_shorten(f.error)}" if f.error else "",
        ]
        for f in result.files
    ]
    parts = [
        tabulate(
            file_rows,
            headers=["文件 file", "错误 errors", "警告 warnings", "提示 info", ""],
            tablefmt="simple",
            disable_numparse=True,
        )
    ]
    if result.rules:
        rule_rows = [[r.code, r.severity.value, str(r.files), str(r.findings)] for r in result.rules]
        parts.append(
            tabulate(
                rule_rows,
                headers=["规则 rule", "级别 severity", "文件数 files", "次数 findings"],
                tablefmt="simple",
                disable_numparse=True,
            )
        )
    if result.skipped:
        parts.append(
            tabulate(
                [[path, reason] for path, reason in result.skipped],
                headers=["跳过的文件 skipped", "原因 reason"],
                tablefmt="simple",
                disable_numparse=True,
            )
        )
    n = len(result.files)
    with_errors = sum(1 for f in result.files if f.errors)
    errors = sum(f.errors for f in result.files)
    warnings = sum(f.warnings for f in result.files)
    parts.append(
        f"{n} 个文件，{with_errors} 个有错误（共 {errors} 个错误、{warnings} 个警告），"
        f"{result.unreadable} 个无法读取 / "
        f"{n} files, {with_errors} with errors ({errors} errors, {warnings} warnings), {result.unreadable} unreadable"
    )
    from ..render.text import terminal_safe

    return terminal_safe("\n\n".join(parts) + "\n")


def terminal_progress(stream: TextIO | None = None, width: int = 30, *, quiet: bool = False) -> Progress | None:
    """
    A progress callback drawing one line on *stream* (default stderr), or None when it is not a terminal.

    The line shows files done and total, the share, the rate, the time left and the current
    file (:func:`govinfo_report.progress.terminal_progress`); *width* is the bar's.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       The rate, the time left and *quiet*.
    """
    from ..progress import terminal_progress as line

    return line(stream, width=width, quiet=quiet)
