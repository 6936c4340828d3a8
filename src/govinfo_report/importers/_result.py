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

from attrs import frozen

from ..model import AnnualReport
from ..rules import Severity

__all__ = ["CODES", "Diagnostic", "ExtraRow", "ParseResult"]

# code -> (severity, what it means).  Codes are part of the public API.
CODES: dict[str, tuple[Severity, str]] = {
    "UNIT-IN-CELL": (
        Severity.INFO,
        "a unit was written inside a numeric cell (178万, 251000元, 5件); it was read and recorded",
    ),
    "UNIT-CONVERTED": (Severity.WARNING, "an amount in 元 stood in a 万元 column; it was converted exactly"),
    "NOT-APPLICABLE": (Severity.INFO, "a cell held a not-applicable mark (/, -, —, 无); it is kept blank"),
    "UNREADABLE-CELL": (Severity.WARNING, "a cell could not be read as a number; it is kept blank"),
    "STRAY-TEXT": (Severity.WARNING, "text inside a table that belongs to no cell (e.g. 第二十条第（八）项0); ignored"),
    "IGNORED-TEXT": (
        Severity.INFO,
        "text in a table section or before the first heading that is not part of the report",
    ),
    "LABEL-NOTE": (Severity.INFO, "a label carried a parenthetical note (Hubei style); matched by its prefix"),
    "GLUED-HEADING": (Severity.INFO, "a section heading was glued to the end of a paragraph; it was split off"),
    "SECTION-MISSING": (Severity.WARNING, "a section heading was not found; the section is empty"),
    "TABLE-MISSING": (Severity.WARNING, "a table was not found; every cell is blank (never 0)"),
    "TABLE-TRUNCATED": (Severity.WARNING, "a table stops early; the rows read are kept, the rest are blank"),
    "ROW-MISSING": (Severity.WARNING, "a row of a table was not found; its cells are blank"),
    "SHORT-ROW": (Severity.WARNING, "a row has fewer values than columns; the missing ones are blank"),
    "EXTRA-VALUES": (Severity.WARNING, "a row has more values than columns; the extra ones are ignored"),
    "DUPLICATE-ROW": (Severity.WARNING, "a row label occurs twice; the first occurrence is kept"),
    "EXTRA-ROW": (Severity.INFO, "a row that is not in the national format (provincial variant); kept in extra_rows"),
    "EDITION-FROM-HEADERS": (Severity.WARNING, "the table headers give another edition than the year does"),
    "EDITION-FROM-YEAR": (Severity.WARNING, "no table header showed the edition; it was taken from the year"),
    "META-OVERRIDE": (Severity.INFO, "the organ or year given by the caller differs from the title"),
    "ENCODING": (Severity.INFO, "the file was not UTF-8; it was decoded as GB18030"),
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
