"""
The values an import returns: the report, its diagnostics and the provincial extra rows.

A :class:`Diagnostic` says what the importer noticed and where: a stable code,
a severity, a message in Chinese (quoting the labels) and in English, the line
and column in the input, and the table cell it concerns when there is one.

>>> d = Diagnostic("STRAY-TEXT", Severity.WARNING, "多余文字“0”", "stray text '0'", line=76, column=2)
>>> str(d)
'line 76, col 2: 多余文字“0” [STRAY-TEXT]'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from attrs import frozen

from ..model import AnnualReport
from ..rules import Severity

__all__ = ["CODES", "Diagnostic", "ExtraRow", "ParseResult", "diagnostics_to_json", "summarise"]

# code -> (severity, what it means).  Codes are part of the public API.
CODES: dict[str, tuple[Severity, str]] = {
    "UNIT-IN-CELL": (
        Severity.INFO,
        "a unit was written inside a numeric cell (178万, 251000元, 5件); it was read and recorded",
    ),
    "UNIT-CONVERTED": (Severity.WARNING, "an amount in 元 stood in a 万元 column; it was converted exactly"),
    "DIGIT-GROUPS": (
        Severity.INFO,
        "a number was written with thousands separators (1,234, 1，234, 1 234 with a space, no-break or thin "
        "space); read as one value",
    ),
    "NOT-APPLICABLE": (Severity.INFO, "a cell held a not-applicable mark (/, -, —, 无); it is kept blank"),
    "UNREADABLE-CELL": (
        Severity.WARNING,
        "a cell could not be read as a number; it is kept blank.  Text that only looks like a number is never read "
        "as one: superscripts and subscripts (5², 25¹), circled digits (①, ⑩), struck-through or hidden text, "
        "Chinese numerals (一百二十)",
    ),
    "STRAY-TEXT": (Severity.WARNING, "text inside a table that belongs to no cell (e.g. 第二十条第（八）项0); ignored"),
    "IGNORED-TEXT": (
        Severity.INFO,
        "text in a table section or before the first heading that is not part of the report",
    ),
    "LABEL-NOTE": (
        Severity.INFO,
        "a label carried a parenthetical note (Hubei style; （2022年） after a row label); matched by its prefix, "
        "the note passed over",
    ),
    "WRAPPED-LABEL": (
        Severity.INFO,
        "a row label was wrapped over two or three lines (…（区分 / 处理的…）); the lines were joined into one label",
    ),
    "GLUED-HEADING": (Severity.INFO, "a section heading was glued to the end of a paragraph; it was split off"),
    "SECTION-MISSING": (Severity.WARNING, "a section heading was not found; the section is empty"),
    "TABLE-MISSING": (Severity.WARNING, "a table was not found; every cell is blank (never 0)"),
    "TABLE-TRUNCATED": (Severity.WARNING, "a table stops early; the rows read are kept, the rest are blank"),
    "ROW-MISSING": (Severity.WARNING, "a row of a table was not found; its cells are blank"),
    "SHORT-ROW": (
        Severity.WARNING,
        "a row inside a table has fewer values than columns; which columns they belong to cannot be told, so "
        "the row is left blank (the last row of a table that stops early is read from its first column)",
    ),
    "EXTRA-VALUES": (
        Severity.WARNING,
        "a row has more values than columns; which belong to it cannot be told, so the row is left blank",
    ),
    "DUPLICATE-ROW": (Severity.WARNING, "a row label occurs twice; the first occurrence is kept"),
    "OTHER-EDITION-LABEL": (
        Severity.INFO,
        "a row label of the other edition (规范性文件 in a 2021-edition table); read as this edition's row",
    ),
    "BLANK-LINE-CELLS": (
        Severity.INFO,
        "a row wrote its blank cells as bare | lines (only some cells printed); each value was read in the "
        "column its position gives",
    ),
    "AMBIGUOUS-ROW": (
        Severity.WARNING,
        "the values of a row could belong to other columns (the copy lost where its blank cells were); "
        "the row is left blank rather than guessed",
    ),
    "COLUMN-ORDER": (
        Severity.WARNING,
        "the header of table 二, 三 or 四 gives its columns in another order than the national format; "
        "the values were read in the header's order",
    ),
    "SPANNED-VALUE": (
        Severity.WARNING,
        "a value cell spans several cells (HTML or Word colspan/rowspan); which one it belongs to cannot be told, "
        "so every cell it covers is left blank",
    ),
    "GROUP-AS-ROW": (
        Severity.INFO,
        "a group of rows was printed as one row with its own values: a 2021-edition report printing （六）其他处理 "
        "2019 style has them read into OtherHandling.single_row (any other group: kept as printed in extra_rows); "
        "never split into sub-rows",
    ),
    "EXTRA-ROW": (Severity.INFO, "a row that is not in the national format (provincial variant); kept in extra_rows"),
    "EDITION-FROM-HEADERS": (Severity.WARNING, "the table headers give another edition than the year does"),
    "EDITION-FROM-YEAR": (Severity.WARNING, "no table header showed the edition; it was taken from the year"),
    "META-OVERRIDE": (Severity.INFO, "the organ or year given by the caller differs from what the report says"),
    "META-SOURCE": (
        Severity.INFO,
        "the organ, year or publication date was taken from a place other than the title line "
        "(the line above it, the page title, the metadata table, the signature, the statistics period)",
    ),
    "META-MISSING": (
        Severity.WARNING,
        "the organ or year was not found anywhere; it is left unknown (give it with --organ / --year)",
    ),
    "META-TAG": (Severity.WARNING, "a govinfo-report:* metadata tag of a page has a value that cannot be read"),
    "EDITION-UNKNOWN": (
        Severity.WARNING,
        "neither the table headers nor the year give the edition; the 2021 edition is assumed",
    ),
    "ENCODING": (Severity.INFO, "the file was not plain UTF-8; the message names the encoding it was decoded as"),
    "NUMBER-AS-TEXT": (Severity.INFO, "a spreadsheet cell held a number stored as text; it was read as the number"),
    "HIDDEN-CELLS": (
        Severity.WARNING,
        "a spreadsheet row, column or sheet with cells in it is hidden; its cells were read as usual",
    ),
    "FORMULA-NO-VALUE": (
        Severity.WARNING,
        "a spreadsheet formula has no calculated value saved with it; the cell is blank (never 0)",
    ),
    "PDF-UNRULED-TABLE": (
        Severity.WARNING,
        "a PDF table has no ruling lines; it was read from its text lines (a blank cell cannot be placed)",
    ),
    "PDF-SCANNED-PAGE": (Severity.WARNING, "a PDF page is a scanned image with no text layer; it was not read"),
    "PARSE-FAILED": (Severity.ERROR, "parse_many: the file could not be read at all; the result has no report"),
}


@frozen
class Diagnostic:
    """
    One thing the importer noticed about the input.

    Attributes:
        code: Stable code (see :data:`CODES`), e.g. ``"UNREADABLE-CELL"``.
        severity: How serious it is.
        message: The message in Chinese, quoting the labels and the text concerned.
        message_en: The message in English.
        line: 1-based line in the input (for HTML, the line of the element), or None.
        column: 1-based column in that line, or None.
        path: The cell's path (``$.requests.received.total``) when it concerns one cell, else None.

    .. versionadded:: 0.1.0
    """

    code: str
    severity: Severity
    message: str
    message_en: str
    line: int | None = None
    column: int | None = None
    path: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.line is not None:
            where = f"line {self.line}, col {self.column or 1}: "
        return f"{where}{self.message} [{self.code}]"


@frozen
class ExtraRow:
    """
    A table row that the national format does not have (a provincial variant), kept as printed.

    Attributes:
        table: ``"二"``, ``"三"`` or ``"四"``.
        label: The row label as printed.
        values: The row's cells as printed (stripped).
        line: The 1-based line of the label in the input.

    .. versionadded:: 0.1.0
    """

    table: str
    label: str
    values: tuple[str, ...]
    line: int


@frozen
class ParseResult:
    """
    What an import produced: the report, the diagnostics, the extra rows and the source.

    ``report`` is always a report for :func:`~govinfo_report.importers.parse`,
    :func:`~govinfo_report.importers.parse_text` and :func:`~govinfo_report.importers.parse_html`
    (they raise :class:`~govinfo_report.errors.ParseError` instead of returning
    without one).  Only :func:`~govinfo_report.importers.parse_many` returns results
    with ``report`` None: for a file that could not be read at all, together
    with one ``PARSE-FAILED`` diagnostic of error severity that says why.

    Attributes:
        report: The report, or None (parse_many failures only).
        diagnostics: What the importer noticed, in input order.
        extra_rows: Provincial rows that the national format does not have.
        source: The file name or the *source* argument, or None.

    .. versionadded:: 0.1.0
    """

    report: AnnualReport | None
    diagnostics: tuple[Diagnostic, ...] = ()
    extra_rows: tuple[ExtraRow, ...] = ()
    source: str | None = None

    @property
    def ok(self) -> bool:
        """True when a report was produced."""
        return self.report is not None

    @property
    def codes(self) -> tuple[str, ...]:
        """The diagnostic codes, in order (with repeats)."""
        return tuple(d.code for d in self.diagnostics)

    def by_code(self, code: str) -> tuple[Diagnostic, ...]:
        """The diagnostics with *code*."""
        return tuple(d for d in self.diagnostics if d.code == code)

    def _repr_html_(self) -> str:
        """The diagnostics as a table, then the report, as notebooks show it."""
        from .._display import parse_result_html

        return parse_result_html(self)

    @property
    def unread(self) -> tuple[str, ...]:
        """
        The cells left blank because their table or row could not be read (see :func:`unread_cells`).

        Pass them to :func:`govinfo_report.check` (``check(result.report, unread=result.unread)``)
        so that the arithmetic that needs them is not reported cell by cell.

        .. versionadded:: 0.2.0
        """
        return () if self.report is None else unread_cells(self.report, self.diagnostics)


_UNREAD_CODES = ("TABLE-MISSING", "TABLE-TRUNCATED", "ROW-MISSING")


def unread_cells(report: AnnualReport, diagnostics: tuple[Diagnostic, ...]) -> tuple[str, ...]:
    """
    The blank cells of *report* that an importer left blank because it found no table or row for them.

    TABLE-MISSING names a table, ROW-MISSING a row, TABLE-TRUNCATED the first row
    it did not reach (every later row of that table is unread too).

    .. versionadded:: 0.2.0
    """
    from ..tables import cell_values, layout

    lay = layout(report.meta.edition)
    values = cell_values(report)
    out: dict[str, None] = {}
    for d in diagnostics:
        if d.code not in _UNREAD_CODES or d.path is None:
            continue
        if d.code == "TABLE-MISSING":
            paths = [c.path for c in lay.cells if c.path.startswith(d.path + ".")]
        elif d.code == "ROW-MISSING":
            row = lay.rows_by_path.get(d.path)
            paths = [c.path for c in row.cells] if row is not None else []
        else:
            table = next((t for t in lay.tables if any(r.path == d.path for r in t.rows)), None)
            if table is None:
                continue
            at = [r.path for r in table.rows].index(d.path)
            paths = [c.path for r in table.rows[at:] for c in r.cells]
        out.update((p, None) for p in paths if values.get(p, 0) is None)
    return tuple(out)


SUMMARY_LIMIT = 20
"""How many diagnostics of one code :func:`summarise` keeps before it counts the rest."""


def summarise(diagnostics: Iterable[Diagnostic], limit: int = SUMMARY_LIMIT) -> list[Diagnostic]:
    """
    The first *limit* diagnostics of each code, then one diagnostic per code that counts the rest.

    A huge input (thousands of stray numbers) must not flood a terminal; the count
    says how many were left out (``STRAY-TEXT ×18,350``).

    >>> many = [Diagnostic("STRAY-TEXT", Severity.WARNING, "多余文字", "stray text", line=i) for i in range(1, 26)]
    >>> [str(d) for d in summarise(many)][-1]
    '另有5条同类诊断未列出（STRAY-TEXT ×5） [STRAY-TEXT]'

    .. versionadded:: 0.2.0
    """
    kept: list[Diagnostic] = []
    rest: dict[str, list[Diagnostic]] = {}
    seen: dict[str, int] = {}
    for d in diagnostics:
        seen[d.code] = seen.get(d.code, 0) + 1
        if seen[d.code] <= limit:
            kept.append(d)
        else:
            rest.setdefault(d.code, []).append(d)
    for code, left in rest.items():
        n = len(left)
        kept.append(
            Diagnostic(
                code,
                max((d.severity for d in left), key=lambda s: -s.rank),
                f"另有{n:,}条同类诊断未列出（{code} ×{n:,}）",
                f"{n:,} more diagnostics of this kind are not listed ({code} ×{n:,})",
            )
        )
    return kept


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    """One diagnostic as JSON primitives: code, severity, message, message_en, line, column, path."""
    return {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "message_en": d.message_en,
        "line": d.line,
        "column": d.column,
        "path": d.path,
    }


def diagnostics_to_json(result: ParseResult, *, indent: int | None = 2) -> str:
    """
    The diagnostics of *result* as JSON: ``{"source", "diagnostics": [...], "extra_rows": [...]}``, every one kept.

    Each diagnostic is ``{code, severity, message, message_en, line, column, path}``; each extra row
    ``{table, label, values, line}``.

    .. versionadded:: 0.2.0
    """
    data = {
        "source": result.source,
        "diagnostics": [diagnostic_to_dict(d) for d in result.diagnostics],
        "extra_rows": [
            {"table": r.table, "label": r.label, "values": list(r.values), "line": r.line} for r in result.extra_rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=indent)
