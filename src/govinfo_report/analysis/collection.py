"""
A collection of report files, checked one by one as a stream: one result, and one JSON line, per file.

:func:`iter_check_files` (and :func:`iter_check_folder` for a folder) reads and checks
each file in a worker process and yields its :class:`~govinfo_report.analysis.batch.FileCheck`
*as soon as it is done*, so that a caller can write results while the rest is still
being read (``govinfo-report check DIR --format jsonl``).  A file that cannot be read
gives a result with ``error`` set; a worker process that dies on a file (a crash, the
out-of-memory killer) marks that file failed and the others go on.

:func:`check_line` is the JSON line of one file, with the keys

``file``
    the path;
``organ``, ``year``, ``edition``
    the report's (null when unknown, or when the file could not be read);
``counts``
    ``{"error": n, "warning": n, "info": n}``: the findings by severity;
``findings``
    each finding as :func:`~govinfo_report.findings.finding_to_dict` gives it (the
    importer's diagnostics of a published report among them as IMPORT-* findings);
``diagnostics``
    the importer's diagnostics, each ``{code, severity, message, message_en, line,
    column, path}``; a file that cannot be read has exactly one, ``PARSE-FAILED``, that
    says why (and no findings).

Its JSON Schema ships in the package as ``govinfo_report/schemas/check-line.schema.json``
(:func:`check_line_schema`; ``govinfo-report schema --check-line``).

>>> import json, tempfile, pathlib
>>> from govinfo_report import AnnualReport, to_json
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.json").write_text(to_json(AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)))
>>> _ = (folder / "b.txt").write_text("")
>>> lines = [json.loads(check_line(f)) for f in iter_check_folder(folder, workers=1)]
>>> [(pathlib.Path(x["file"]).name, x["organ"], x["counts"]["error"]) for x in lines]
[('a.json', '某某局', 0), ('b.txt', None, 0)]
>>> lines[1]["diagnostics"][0]["code"]
'PARSE-FAILED'

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

import attrs

from ..findings import Finding, finding_to_dict
from ..progress import as_progress
from ..rules import Severity
from .batch import (
    BatchResult,
    FileCheck,
    FolderCheck,
    Progress,
    Source,
    _error,
    _file_check,
    _load_one,
    _map,
    _other_files,
    _skip_reason,
    _workers,
    folder_check,
    report_files,
)

__all__ = [
    "check_file",
    "check_folder",
    "check_line", "check_line_dict", "check_line_schema", "iter_check_files", "iter_check_folder"]

_WORKER_DIED = (
    "WorkerDied: the process reading this file ended abruptly (a crash, or out of memory) (读取该文件的进程意外终止)"
)


def check_file(path: Source, blank: str = "zero", narrative: bool = True) -> FileCheck:
    """
    Read and check one report file; never raises for a bad file (the result carries the error).

    The result has the findings (a published report's import diagnostics among them as
    IMPORT-* findings), the diagnostics, the report and its organ, year and edition.

    .. versionadded:: 0.2.0
    """
    from ..checks import check
    from ..importers import summarise

    source = os.fspath(path)
    loaded, diagnostics, unread = _load_one(source)
    report = loaded.value
    if report is None:
        return FileCheck(
            source=source, error=loaded.error, diagnostics=loaded.diagnostics, import_diagnostics=diagnostics
        )
    try:
        reading = summarise(diagnostics) if diagnostics else None
        findings = tuple(check(report, blank=blank, diagnostics=reading, unread=unread, narrative=narrative))
    except Exception as exc:  # e.g. an unknown blank policy: reported per file like any other failure
        failed: BatchResult[tuple[Finding, ...]] = BatchResult(
            source=source, value=None, error=_error(exc), diagnostics=loaded.diagnostics
        )
        return attrs.evolve(_file_check(failed), import_diagnostics=diagnostics)
    checked = _file_check(BatchResult(source=source, value=findings, diagnostics=loaded.diagnostics))
    return attrs.evolve(
        checked,
        organ=report.meta.organ,
        year=report.meta.year,
        edition=report.meta.edition.value,
        import_diagnostics=diagnostics,
        report=report,
    )


def _died(source: str) -> FileCheck:
    return FileCheck(source=source, error=_WORKER_DIED)


def iter_check_files(
    paths: Iterable[Source],
    *,
    blank: str = "zero",
    workers: int | None = None,
    progress: Any = None,
    narrative: bool = True,
) -> Iterator[FileCheck]:
    """
    Check each file and yield its :class:`~govinfo_report.analysis.batch.FileCheck` as soon as it is done.

    Results come in the order the files finish (with one worker, in input order).

    Args:
        paths: The report files (every format :func:`govinfo_report.importers.parse` reads, and .json).
        blank: The blank-cell policy of ``check``.
        workers: How many processes (default: every core; 1 runs in this process).
        progress: A callback ``progress(done, total, source)``, a tqdm bar, True (a line on
            stderr when it is a terminal) or None (see :func:`govinfo_report.progress.as_progress`).
        narrative: Run the TEXT-* rules (``check(narrative=...)``).

    .. versionadded:: 0.2.0
    """
    items = [os.fspath(p) for p in paths]
    count = _workers(workers, len(items)) if items else 1
    args = [(source, blank, narrative) for source in items]

    def died(i: int, reason: str) -> FileCheck:
        return _died(items[i])

    for _, result in _map(check_file, args, count, as_progress(progress), items, died, ordered=False):
        yield result


def iter_check_folder(
    folder: Source,
    *,
    blank: str = "zero",
    recursive: bool = False,
    workers: int | None = None,
    progress: Any = None,
    narrative: bool = True,
) -> Iterator[FileCheck]:
    """
    :func:`iter_check_files` over the report files of *folder* (:func:`govinfo_report.analysis.batch.report_files`).

    Raises:
        OptionError: *folder* is not a folder (raised at the call, before any file is read).

    .. versionadded:: 0.2.0
    """
    paths = report_files(folder, recursive=recursive)
    return iter_check_files(paths, blank=blank, workers=workers, progress=progress, narrative=narrative)


def _failure_diagnostic(error: str) -> dict[str, Any]:
    kind, _, reason = error.partition(": ")
    reason = reason or kind
    return {
        "code": "PARSE-FAILED",
        "severity": Severity.ERROR.value,
        "message": f"无法读取该文件：{reason}",
        "message_en": f"cannot read the file: {error}",
        "line": None,
        "column": None,
        "path": None,
    }


def _text_diagnostic(text: str) -> dict[str, Any]:
    """A diagnostic known only as its text (``"line L, col C: message [CODE]"``), as a dict."""
    from ..importers import CODES

    found = re.search(r"\[([A-Z0-9-]+)\]$", text)
    code = found.group(1) if found else "IMPORT"
    severity = CODES[code][0] if code in CODES else Severity.WARNING
    return {
        "code": code,
        "severity": severity.value,
        "message": text,
        "message_en": text,
        "line": None,
        "column": None,
        "path": None,
    }


def check_line_dict(result: FileCheck) -> dict[str, Any]:
    """
    The JSON line of one file as a dict of JSON primitives (keys in the module documentation).

    .. versionadded:: 0.2.0
    """
    from ..importers._result import diagnostic_to_dict

    if result.import_diagnostics:
        diagnostics = [diagnostic_to_dict(d) for d in result.import_diagnostics]
    else:  # a FileCheck made elsewhere keeps only the text of its diagnostics
        diagnostics = [_text_diagnostic(text) for text in result.diagnostics]
    if result.error is not None and not any(d["code"] == "PARSE-FAILED" for d in diagnostics):
        diagnostics.append(_failure_diagnostic(result.error))
    return {
        "file": result.source,
        "organ": result.organ,
        "year": result.year,
        "edition": result.edition,
        "counts": {"error": result.errors, "warning": result.warnings, "info": result.infos},
        "findings": [finding_to_dict(f) for f in result.findings],
        "diagnostics": diagnostics,
    }


def check_line(result: FileCheck) -> str:
    """
    The JSON line of one file (no newline; Chinese unescaped), as ``check DIR --format jsonl`` writes it.

    .. versionadded:: 0.2.0
    """
    return json.dumps(check_line_dict(result), ensure_ascii=False, separators=(",", ":"))


def check_line_schema() -> dict[str, Any]:
    """
    The JSON Schema (draft 2020-12) of a :func:`check_line`, as shipped in ``govinfo_report/schemas/``.

    .. versionadded:: 0.2.0
    """
    text = resources.files("govinfo_report").joinpath("schemas").joinpath("check-line.schema.json")
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


def check_folder(
    folder: Source,
    *,
    blank: str = "zero",
    recursive: bool = False,
    workers: int | None = None,
    progress: Progress | Any = None,
    narrative: bool = True,
) -> FolderCheck:
    """
    Check every report in *folder* and count the findings per file and per rule.

    Args:
        folder: The folder.
        blank: The blank-cell policy of ``check``.
        recursive: Also read the folder's subfolders.
        workers: How many processes (default: every core).
        progress: Called as ``progress(done, total, source)`` after each file; or a tqdm bar,
            or True for a line on stderr when it is a terminal (see :func:`govinfo_report.progress.as_progress`).
        narrative: Run the TEXT-* rules (``check(narrative=...)``).

    Raises:
        OptionError: *folder* is not a folder.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *progress* may be a tqdm bar or True; each :class:`FileCheck` has the report, its organ, year and edition.
       Lives in :mod:`govinfo_report.analysis.collection` (it was in ``govinfo_report.batch``).
    """
    paths = report_files(folder, recursive=recursive)
    skipped = tuple((p, _skip_reason(p)) for p in _other_files(folder, recursive))
    order = {p: i for i, p in enumerate(paths)}
    checked = iter_check_files(paths, blank=blank, workers=workers, progress=progress, narrative=narrative)
    files = tuple(sorted(checked, key=lambda f: order[f.source]))
    return folder_check(os.fspath(folder), files, skipped)
