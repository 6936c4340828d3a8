"""
Findings: what :func:`govinfo_report.check` says about a report, as values, and their renderers.

A :class:`Finding` is one thing wrong with (or worth knowing about) a report:
its rule code and severity, where it is (path, table, Chinese row and column
labels), the stated and the expected value with their difference and its
direction (多/少), every cell that takes part (:class:`CellRef`), which of them
were blank, a message in Chinese and in English, and, for the arithmetic
rules, a :class:`Fix`: the single cell that most likely holds the error and
the value it should have.

Findings render three ways with :func:`render_findings`: readable text (one
block per finding, then a count), a table (tabulate), and JSON
(:func:`findings_to_json`).  The JSON form of a finding is a contract other
programs rely on; see :func:`finding_to_dict`.

>>> from govinfo_report.rules import Severity
>>> cell = CellRef(path="$.disputes.review.total", table="四", row="行政复议", column="总计", value=5)
>>> f = Finding(code="T4-TOTAL", severity=Severity.ERROR, path=cell.path, table="四", row="行政复议",
...             column="总计", stated=5, expected=4, message="表四 行政复议 × 总计：填报 5，应为 4，多 1",
...             cells=(cell,))
>>> f.difference, f.direction
(1, '多')
>>> print(render_findings([f]))
error $.disputes.review.total: 表四 行政复议 × 总计：填报 5，应为 4，多 1 [T4-TOTAL]
<BLANKLINE>
1 个错误，0 个警告，0 个提示 / 1 error, 0 warnings, 0 info

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Literal, Union

import attrs
from attrs import frozen

from ._terminal import terminal_safe  # report text quoted in a message cannot drive the terminal
from .errors import OptionError
from .rules import Severity

__all__ = [
    "CellRef",
    "Finding",
    "FindingList",
    "FindingValue",
    "Fix",
    "Quote",
    "diagnose",
    "finding_to_dict",
    "findings_to_json",
    "render_findings",
    "summary_line",
]

CellNumber = Union[int, Decimal, None]
"""The value of a table cell: an int, a Decimal (amounts) or None (blank)."""

FindingValue = Union[int, Decimal, _dt.date, str, None]
"""
A stated or expected value of a finding.

Numbers for the arithmetic, continuity and summary rules; a date for
LATE-PUBLICATION; a str (an edition, an organ) for EDITION-YEAR and
PREVIOUS-REPORT; None when there is nothing to compare.
"""


def _severity(value: Severity | str) -> Severity:
    return value if isinstance(value, Severity) else Severity(value)


@frozen(kw_only=True)
class CellRef:
    """
    One table cell that takes part in a finding, with its value.

    Attributes:
        path: The cell's path, e.g. ``$.requests.results.total.natural_person``.
        table: The table, ``"二"``, ``"三"`` or ``"四"``.
        row: The Chinese row label, levels joined by ``" / "`` (as in records).
        column: The Chinese column label, levels joined by ``" / "``.
        value: The cell's value as the report states it (None for blank).
        source: Which report the cell belongs to: None for the report being
            checked, ``"previous"`` for the previous year's report, or
            ``"member:<organ>"`` for a member report of a summary.

    .. versionadded:: 0.1.0
    """

    path: str
    table: str
    row: str
    column: str
    value: CellNumber
    source: str | None = None

    @property
    def location(self) -> str:
        """The cell in the table's own words, e.g. ``表三 （七）总计 × 自然人``."""
        return f"表{self.table} {self.row} × {self.column}"

    @property
    def ref(self) -> str:
        """The path, prefixed by the source and a colon for a cell of another report."""
        return self.path if self.source is None else f"{self.source}:{self.path}"


def _whose(cell: CellRef, language: Literal["zh", "en"] = "zh") -> str:
    """The report a cell of another report belongs to, as a prefix of its location ("" for the report checked)."""
    if cell.source is None:
        return ""
    if cell.source == "previous":
        return "上年报告 " if language == "zh" else "last year's "
    organ = cell.source.split(":", 1)[1] if ":" in cell.source else cell.source
    return f"成员报告 {organ} " if language == "zh" else f"member {organ}'s "


def _codes(keys: Sequence[str]) -> list[str]:
    """The rule codes of finding keys (``code@path``), once each."""
    return list(dict.fromkeys(k.split("@")[0] for k in keys))


@frozen(kw_only=True)
class Fix:
    """
    A diagnosis: one cell that, set to *value*, resolves one or more findings.

    Attributes:
        cell: The suspect cell (with its current value).
        value: What the cell should be.
        resolves: The keys (:attr:`Finding.key`) of the findings this change resolves.
        breaks: How many arithmetic relations that hold now would no longer hold.
        alternatives: Other single-cell changes that score as well (each with
            its own *resolves* and *breaks*, and no alternatives of its own).
        together: Other cells that must change with this one (each with the
            value it should have): set when relations want different values
            for the same cell, so that no single cell satisfies them all.
        conflicts: The single-cell fixes that disagree about this cell (each
            with the findings it alone would resolve); empty for most fixes.
        basis: For a fix that a rule across reports asks for (continuity): the
            cells of the other report the value comes from, e.g. last year's
            四、结转下年度继续办理 for 二、上年结转.  Not part of the JSON form (its
            finding's ``cells`` carry them).

    A fix of a cell of another report (a member of a summary) has that
    report in its cell's :attr:`CellRef.source`; :meth:`describe` names it.

    .. versionadded:: 0.1.0
    """

    cell: CellRef
    value: int | Decimal
    resolves: tuple[str, ...]
    breaks: int = 0
    alternatives: tuple[Fix, ...] = ()
    together: tuple[Fix, ...] = ()
    conflicts: tuple[Fix, ...] = ()
    basis: tuple[CellRef, ...] = ()

    @property
    def score(self) -> int:
        """Findings resolved minus relations broken: higher is more likely."""
        return len(self.resolves) - self.breaks

    def _describe_conflict(self, language: Literal["zh", "en"], effect: str) -> str:
        cells = [self, *self.together]
        if language == "en":
            wants = ", ".join(f"{_fmt(c.value, 'en')} ({', '.join(_codes(c.resolves))})" for c in self.conflicts)
            head = f"{self.cell.path} ({self.cell.location}) cannot satisfy every relation: they want {wants}"
            if not self.together:
                return f"{head}; no single change of another cell reconciles them"
            change = " and ".join(
                f"{c.cell.path} to {_fmt(c.value, 'en')} (now {_fmt(c.cell.value, 'en')})" for c in cells
            )
            return f"{head}; set {change} together ({effect})"
        wants = "，".join(f"{'、'.join(_codes(c.resolves))} 应为 {_fmt(c.value, 'zh')}" for c in self.conflicts)
        head = f"{self.cell.location} 各关系要求的值不同：{wants}"
        if not self.together:
            return f"{head}；改动另一个单元格也不能同时满足"
        change = "、".join(
            f"{c.cell.location} 为 {_fmt(c.value, 'zh')}（现为 {_fmt(c.cell.value, 'zh')}）" for c in cells
        )
        return f"{head}；同时改动 {change}（{effect}）"

    def describe(self, language: Literal["zh", "en"] = "zh") -> str:
        """
        The fix in one line, e.g. ``表三 … × 总计 应为 36（现为 0；可解决 1 项，不影响其他关系）``.

        Args:
            language: ``"zh"`` for Chinese, ``"en"`` for English.
        """
        now = _fmt(self.cell.value, language)
        n = len(self.resolves)
        if language == "en":
            effect = f"resolves {n} finding{'s' if n != 1 else ''}"
            effect += f", breaks {self.breaks} other relation{'s' if self.breaks != 1 else ''}" if self.breaks else ""
        else:
            effect = f"可解决 {n} 项"
            effect += f"，但会使 {self.breaks} 项现在成立的关系不再成立" if self.breaks else "，不影响其他关系"
        if self.conflicts:
            text = self._describe_conflict(language, effect)
        elif language == "en":
            text = f"set {self.cell.ref} ({self.cell.location}) to {_fmt(self.value, 'en')} (now {now}; {effect})"
        else:
            text = f"{_whose(self.cell)}{self.cell.location} 应为 {_fmt(self.value, 'zh')}（现为 {now}；{effect}）"
        if self.basis:
            if language == "en":
                text += "; from " + ", ".join(
                    f"{_whose(b, 'en')}{b.location} {_fmt(b.value, 'en')}" for b in self.basis
                )
            else:
                text += "；依据 " + "，".join(f"{_whose(b)}{b.location} {_fmt(b.value, 'zh')}" for b in self.basis)
        if self.alternatives:
            shown = self.alternatives[:3]
            more = "…" if len(self.alternatives) > len(shown) else ""
            if language == "en":
                alts = "; ".join(f"{a.cell.path} = {_fmt(a.value, 'en')}" for a in shown)
                text += f"; equally likely: {alts}{more}"
            else:
                alts = "；".join(f"{a.cell.location} 应为 {_fmt(a.value, 'zh')}" for a in shown)
                text += f"；同样可能：{alts}{more}"
        return text


@frozen(kw_only=True)
class Quote:
    """
    Where in the prose a TEXT-* finding comes from.

    Attributes:
        section: The section: ``overview``, ``problems`` or ``other_matters``.
        sentence: The sentence, as written.
        text: The number (or the words of a claim of 0) as written.
        start: Where *text* starts in the section text
            (:meth:`~govinfo_report.model.Narrative.full_text`).
        end: Where *text* ends.

    .. versionadded:: 0.2.0
    """

    section: str
    sentence: str
    text: str
    start: int
    end: int


def _difference(inst: Finding) -> int | Decimal | None:
    stated, expected = inst.stated, inst.expected
    if isinstance(stated, _dt.date) and isinstance(expected, _dt.date):
        return (stated - expected).days
    if isinstance(stated, (int, Decimal)) and isinstance(expected, (int, Decimal)):
        if isinstance(stated, bool) or isinstance(expected, bool):
            return None
        return stated - expected
    return None


def _direction(inst: Finding) -> str | None:
    if isinstance(inst.stated, _dt.date):
        return None
    d = inst.difference
    if d is None or d == 0:
        return None
    return "多" if d > 0 else "少"


# The converters of the tuple fields.  The builtin ``tuple`` would do, but attrs reads a converter's
# signature, and a builtin's is parsed from its text with the tokenizer, whose patterns are then
# compiled: a few milliseconds of the first import.
def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _cell_refs(items: Iterable[CellRef]) -> tuple[CellRef, ...]:
    return tuple(items)


@frozen(kw_only=True)
class Finding:
    """
    One finding of :func:`govinfo_report.check`.

    Attributes:
        code: The rule code (see :data:`govinfo_report.CATALOGUE`).
        severity: error, warning or info.
        path: Where the finding is: the stated cell of an equation (for
            T3-BALANCE the （七）总计 cell of the column), a metadata field
            (``$.meta.published``), a section (``$.problems``), or ``$`` for
            the whole report.
        table: ``"二"``, ``"三"`` or ``"四"``, or None for a report-level finding.
        row: The Chinese row label of *path* (as in records), or None.
        column: The Chinese column label of *path*, or None.
        stated: What the report states (Σ of the stated side; a blank counts as 0).
        expected: What it should be (Σ of the computed side), or None.
        difference: ``stated - expected`` (days late for LATE-PUBLICATION); derived by default.
        direction: ``"多"`` when stated > expected, ``"少"`` when less, else None; derived by default.
        cells: Every cell of the relation, stated side first.
        blank_cells: The :attr:`CellRef.ref` of the cells among *cells* that were blank.
        message: The finding in Chinese, with the official labels.
        message_en: The finding in English.
        diagnosis: The most likely single-cell fix, for arithmetic findings.
        details: The cells a list-like finding lists (BLANK-CELLS: every blank cell;
            SUMMARY-MISSING-MEMBER: the cells whose comparison it explains).
        quote: For a TEXT-* finding: the sentence and the number it quotes.
        follow_on: How many findings this one explains that were left out
            (e.g. the SUMMARY-CELL differences a missing member causes).
        reading: For a report read from a published file: the importer's diagnostics
            (``"CODE @ path: message"``) on the cells of this finding, which may mean the
            finding comes from reading the file rather than from the report itself.

    .. versionadded:: 0.1.0
    """

    code: str
    severity: Severity = attrs.field(converter=_severity)
    path: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    stated: FindingValue = None
    expected: FindingValue = None
    message: str
    message_en: str = ""
    cells: tuple[CellRef, ...] = attrs.field(default=(), converter=_cell_refs)
    blank_cells: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    diagnosis: Fix | None = None
    details: tuple[CellRef, ...] = attrs.field(default=(), converter=_cell_refs)
    quote: Quote | None = None
    follow_on: int = 0
    difference: int | Decimal | None = attrs.field(default=attrs.Factory(_difference, takes_self=True))
    direction: str | None = attrs.field(default=attrs.Factory(_direction, takes_self=True))
    reading: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def key(self) -> str:
        """``code@path``, e.g. ``T3-ROW-TOTAL@$.requests.received.total`` (unique among arithmetic findings)."""
        return f"{self.code}@{self.path}"

    @property
    def is_error(self) -> bool:
        """True for a finding of error severity."""
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.code}]"


def diagnose(findings: Iterable[Finding]) -> list[Fix]:
    """
    The distinct diagnoses of *findings*: the fixes that resolve the most findings first.

    Each arithmetic finding of :func:`govinfo_report.check` carries its own
    diagnosis; this collects them, once each, ordered by the number of
    findings resolved (most first), then by score, then by the order in which
    their first finding appears.

    >>> diagnose([])
    []

    .. versionadded:: 0.1.0
    """
    seen: dict[tuple[str, str, str], tuple[int, Fix]] = {}
    for i, f in enumerate(findings):
        fix = f.diagnosis
        if fix is None:
            continue
        key = (fix.cell.source or "", fix.cell.path, str(fix.value))
        if key not in seen:
            seen[key] = (i, fix)
    ordered = sorted(seen.values(), key=lambda item: (-len(item[1].resolves), -item[1].score, item[0]))
    return [fix for _, fix in ordered]


# ----------------------------------------------------------------------------
# Formatting values
# ----------------------------------------------------------------------------


def _fmt(value: object, language: Literal["zh", "en"] = "zh") -> str:
    if value is None:
        return "空" if language == "zh" else "blank"
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _json_value(value: object) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Severity):
        return value.value
    raise TypeError(f"cannot convert {type(value).__name__} to JSON")  # pragma: no cover - internal


def _cell_to_dict(cell: CellRef) -> dict[str, Any]:
    return {
        "path": cell.path,
        "table": cell.table,
        "row": cell.row,
        "column": cell.column,
        "value": _json_value(cell.value),
        "source": cell.source,
    }


def _fix_to_dict(fix: Fix) -> dict[str, Any]:
    return {
        "cell": _cell_to_dict(fix.cell),
        "value": _json_value(fix.value),
        "resolves": list(fix.resolves),
        "breaks": fix.breaks,
        "alternatives": [_fix_to_dict(a) for a in fix.alternatives],
        "together": [_fix_to_dict(a) for a in fix.together],
        "conflicts": [_fix_to_dict(a) for a in fix.conflicts],
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """
    The JSON form of *finding*: a dict of JSON primitives only.

    Keys: ``code``, ``severity`` (``"error"``, ``"warning"``, ``"info"``),
    ``path``, ``table``, ``row``, ``column``, ``stated``, ``expected``,
    ``difference``, ``direction``, ``message``, ``message_en``, ``cells`` (each
    ``{path, table, row, column, value, source}``), ``blank_cells``,
    ``diagnosis`` (``{cell, value, resolves, breaks, alternatives, together, conflicts}``
    or null),
    ``details`` (cells, as in ``cells``), ``quote`` (``{section, sentence, text, start,
    end}`` for a TEXT-* finding, else null), ``follow_on`` (how many follow-on
    findings this one explains, 0 for most) and, only when there is one, ``reading``.
    Decimals are strings, dates ISO
    strings, blanks null.

    >>> from govinfo_report.rules import Severity
    >>> d = finding_to_dict(Finding(code="EMPTY-PROBLEMS", severity=Severity.WARNING, path="$.problems",
    ...                             message="五、存在的主要问题及改进情况 没有内容"))
    >>> d["severity"], d["stated"], d["cells"]
    ('warning', None, [])

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``reading`` (a list of strings), present only when the finding involves a cell that the importer
       of a published report was unsure of.
    """
    out = {
        "code": finding.code,
        "severity": finding.severity.value,
        "path": finding.path,
        "table": finding.table,
        "row": finding.row,
        "column": finding.column,
        "stated": _json_value(finding.stated),
        "expected": _json_value(finding.expected),
        "difference": _json_value(finding.difference),
        "direction": finding.direction,
        "message": finding.message,
        "message_en": finding.message_en,
        "cells": [_cell_to_dict(c) for c in finding.cells],
        "blank_cells": list(finding.blank_cells),
        "diagnosis": None if finding.diagnosis is None else _fix_to_dict(finding.diagnosis),
        "details": [_cell_to_dict(c) for c in finding.details],
        "quote": None if finding.quote is None else _quote_to_dict(finding.quote),
        "follow_on": finding.follow_on,
    }
    if finding.reading:  # only for a report read from a published file, on a cell the importer was unsure of
        out["reading"] = list(finding.reading)
    return out


def _quote_to_dict(quote: Quote) -> dict[str, Any]:
    return {
        "section": quote.section,
        "sentence": quote.sentence,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
    }


def findings_to_json(findings: Iterable[Finding], *, indent: int | None = 2) -> str:
    """
    *findings* as a JSON array of :func:`finding_to_dict` objects (Chinese unescaped).

    >>> findings_to_json([])
    '[]'

    .. versionadded:: 0.1.0
    """
    return json.dumps([finding_to_dict(f) for f in findings], ensure_ascii=False, indent=indent)


# ----------------------------------------------------------------------------
# Text and table
# ----------------------------------------------------------------------------


class FindingList(list["Finding"]):
    """
    The list of findings that :func:`govinfo_report.check` returns.

    It is a plain :class:`list` in every respect (``FindingList() == []``), and
    displays itself as a table in notebooks.

    .. versionadded:: 0.1.0
    """

    def _repr_html_(self) -> str:
        from .render.html import render_findings_html

        return render_findings_html(self)

    def _repr_markdown_(self) -> str:
        from .render.html import findings_markdown

        return findings_markdown(self)


def summary_line(findings: Sequence[Finding]) -> str:
    """
    One line counting *findings* by severity, in Chinese and English.

    >>> summary_line([])
    '没有发现问题 / no findings'

    .. versionadded:: 0.1.0
    """
    if not findings:
        return "没有发现问题 / no findings"
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    e, w, i = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    return (
        f"{e} 个错误，{w} 个警告，{i} 个提示 / "
        f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}, {i} info"
    )


def _text(findings: Sequence[Finding], language: Literal["zh", "en"]) -> str:
    blocks = []
    shown: list[Fix] = []
    for f in findings:
        message = f.message_en if language == "en" and f.message_en else f.message
        lines = [f"{f.severity.value} {f.path}: {message} [{f.code}]"]
        for cell in f.details:
            lines.append(f"    {cell.location} ({cell.ref})")
        if f.diagnosis is not None and f.diagnosis.conflicts and f.diagnosis in shown:
            lines.append("    诊断 / diagnosis: 同上 / as above")
        elif f.diagnosis is not None:
            lines.append(f"    诊断 / diagnosis: {f.diagnosis.describe(language)}")
            shown.append(f.diagnosis)
        for note in f.reading:
            lines.append(f"    读取存疑 / read with doubt: {note}")
        blocks.append("\n".join(lines))
    blocks.append(summary_line(findings))
    return "\n\n".join(blocks)


def _table(findings: Sequence[Finding], language: Literal["zh", "en"]) -> str:
    from tabulate import tabulate  # imported here: only drawing a table needs it

    if language == "en":
        headers = ["severity", "code", "location", "stated", "expected", "difference", "diagnosis"]
    else:
        headers = ["级别", "规则", "位置", "填报", "应为", "差额", "诊断"]
    rows = []
    for f in findings:
        where = f"表{f.table} {f.row} × {f.column}" if f.table and f.row and f.column else f.path
        diff = "" if f.difference is None else (f"{f.direction} {abs(f.difference)}" if f.direction else "")
        if diff and language == "en":
            diff = f"{f.difference:+}"
        fix = ""
        if f.diagnosis is not None:
            fix = f"{f.diagnosis.cell.path} = {_fmt(f.diagnosis.value, language)}"
        rows.append([f.severity.value, f.code, where, _fmt(f.stated, language), _fmt(f.expected, language), diff, fix])
    table: str = tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)
    return table + "\n\n" + summary_line(findings)


def render_findings(
    findings: Iterable[Finding],
    format: Literal["text", "table", "json"] = "text",
    *,
    language: Literal["zh", "en"] = "zh",
) -> str:
    """
    *findings* as readable text, a table, or JSON.

    Args:
        findings: The findings, e.g. from :func:`govinfo_report.check`.
        format: ``"text"``: one block per finding (``severity path: message
            [CODE]``, then the cells it lists and its diagnosis, indented),
            then a line counting the findings; ``"table"``: one line per
            finding, drawn with tabulate; ``"json"``: :func:`findings_to_json`.
        language: The language of the messages and diagnoses (text and table).

    Raises:
        OptionError: An unknown *format* or *language*.

    .. versionadded:: 0.1.0
    """
    items = list(findings)
    if language not in ("zh", "en"):
        raise OptionError(f"unknown language {language!r}; expected 'zh' or 'en'")
    if format in ("text", "table"):
        return terminal_safe(_text(items, language) if format == "text" else _table(items, language))
    if format == "json":
        return findings_to_json(items)
    raise OptionError(f"unknown format {format!r}; expected 'text', 'table' or 'json'")
