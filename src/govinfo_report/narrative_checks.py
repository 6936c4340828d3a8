"""
The TEXT-* rules: the figures the prose states, against the tables they speak of.

:func:`narrative_findings` reads the claims of the narrative
(:func:`govinfo_report.claims.read_claims`) and compares each with the table
cells it may mean.  :func:`govinfo_report.check` runs it by default when the
report has prose (``check(report, narrative=False)`` switches it off).

A claim is compared with every *reading* of it, and is a finding only when no
reading matches.  The readings are those real reports use:

* 共收到/受理 …件: 一、本年新收 × 总计, or 一 + 二、上年结转 together, or （七）总计;
* 办结/答复 …件: （七）总计, or 一 + 二, or 一 alone;
* 行政诉讼 …件: 未经复议直接起诉 + 复议后起诉 together, or either block; an outcome
  (其中结果维持 …件) likewise summed over both blocks or in either, and over 行政复议
  too when the sentence names both;
* 不予公开/无法提供/不予处理 …件: the sum of the rows of the group (不予公开 also with
  （四）, or with （四） and （五）, which prose often lumps in);
* 予以公开 …件: （一）, or （一） + （二）; 予以公开及部分公开 …件: （一） + （二）;
* a verb that names two kinds (收到并办结 …件): the readings of both.

Figures the tables do not hold (主动公开各类政府信息 …条, 政策性文件 …件) are not
claims.  A claim whose readings use a blank cell is not compared with them; when
the readings that can be computed do not match but some could not be, or the
wording may mean either carried-over or carried-forward applications, the
finding is TEXT-UNCERTAIN (info) instead of a warning.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Union

import attrs
from attrs import frozen

from . import vocab as v
from .claims import Claim, ClaimKind, read_claims
from .findings import CellRef, Finding, Quote
from .model import AnnualReport, Edition
from .rules import CATALOGUE
from .tables import (
    SINGLE_ALONE,
    CellSpec,
    ReportLayout,
    cell_values,
    layout,
    single_row_mode,
    single_row_spec,
    single_row_values,
)

__all__ = ["narrative_findings"]

Number = Union[int, Decimal]
_K = ClaimKind
_RULES = {r.code: r for r in CATALOGUE if r.code.startswith("TEXT-")}
_SECTION_TERMS = {"overview": v.OVERVIEW, "problems": v.PROBLEMS, "other_matters": v.OTHER_MATTERS}

_Q = "$.requests"
_RECEIVED, _CARRIED_IN = f"{_Q}.received.total", f"{_Q}.carried_in.total"
_RESULTS_TOTAL, _CARRIED_FORWARD = f"{_Q}.results.total.total", f"{_Q}.carried_forward.total"
_D = "$.disputes"
_BLOCKS = ("direct_suit", "suit_after_review")
_REQUEST_ALTERNATIVES = (_K.RECEIVED, _K.CARRIED_IN, _K.HANDLED, _K.CARRIED_FORWARD)
_LEGAL_PERSON = ("commercial", "research", "public_interest", "legal_service", "other")


@frozen
class _Reading:
    """One cell, or a sum of cells, that a claim may speak of, with its description."""

    paths: tuple[str, ...]
    zh: str
    en: str
    anchor: tuple[str, str, str, str] | None = None
    """For a group of rows: the group's path, table, row and column labels (the finding's location)."""


@functools.cache
def _single_row_layout(edition: Edition) -> ReportLayout:
    """The layout with （六）其他处理（未分子行） in place of the three sub-rows it stands for (rows and cells)."""
    lay = layout(edition)
    single = single_row_spec(edition)
    assert single is not None
    group = "$." + ".".join(single.attr_path[:-1])
    rows = {p: r for p, r in lay.rows_by_path.items() if not p.startswith(group + ".")}
    rows[single.path] = single
    return attrs.evolve(lay, by_path={**lay.by_path, **{c.path: c for c in single.cells}}, rows_by_path=rows)


def _describe(lay: ReportLayout, paths: Sequence[str]) -> tuple[str, str]:
    specs = [lay.by_path[p] for p in paths]
    table_en = {t.table.zh: t.table.en for t in lay.tables}
    zh = " + ".join(f"{s.row} × {s.column}" for s in specs)
    en = " + ".join(f"{s.row_en} × {s.column_en}" for s in specs)
    return f"表{specs[0].table} {zh}", f"{table_en[specs[0].table]} {en}"


def _cells(lay: ReportLayout, *paths: str) -> _Reading | None:
    if not all(p in lay.by_path for p in paths):
        return None
    zh, en = _describe(lay, paths)
    return _Reading(tuple(paths), zh, en)


def _group(lay: ReportLayout, base: str, column: str = "total") -> _Reading | None:
    """The sum of the rows at or under *base* (a row or a group of table 三), in *column*."""
    rows = [r for p, r in lay.rows_by_path.items() if p == base or p.startswith(base + ".")]
    if not rows:
        return None
    if len(rows) == 1:
        return _cells(lay, f"{rows[0].path}.{column}")
    spec = lay.by_path[f"{rows[0].path}.{column}"]
    group = spec.row_terms[-2] if len(spec.row_terms) > 1 else spec.row_terms[0]
    col_zh, col_en = " / ".join(t.zh for t in spec.column_terms), " / ".join(t.en for t in spec.column_terms)
    return _Reading(
        tuple(f"{r.path}.{column}" for r in rows),
        f"表{spec.table} {group.zh} 各行 × {col_zh} 之和",
        f"the rows of {group.en} × {col_en}, summed",
        (base, spec.table, group.zh, col_zh),
    )


def _sum(*readings: _Reading | None) -> _Reading | None:
    parts = [r for r in readings if r is not None]
    if len(parts) != len(readings) or not parts:
        return None
    return _Reading(
        tuple(p for r in parts for p in r.paths),
        " + ".join([parts[0].zh, *(r.zh.removeprefix("表" + r.zh[1] + " ") for r in parts[1:])]),
        " + ".join(r.en for r in parts),
    )


def _readings(claim: Claim, lay: ReportLayout, edition: Edition) -> list[_Reading]:
    """Every reading of *claim*, the most likely first."""
    kind, subject = claim.kind, claim.subject or ""
    out: list[_Reading | None] = []
    if kind is _K.RECEIVED:
        out = [_cells(lay, _RECEIVED), _cells(lay, _RECEIVED, _CARRIED_IN), _cells(lay, _RESULTS_TOTAL)]
    elif kind is _K.CARRIED_IN:
        out = [_cells(lay, _CARRIED_IN)]
    elif kind is _K.HANDLED:
        out = [_cells(lay, _RESULTS_TOTAL), _cells(lay, _RECEIVED, _CARRIED_IN), _cells(lay, _RECEIVED)]
    elif kind is _K.CARRIED_FORWARD:
        out = [_cells(lay, _CARRIED_FORWARD)]
    elif kind is _K.CARRIED:
        out = [_cells(lay, _CARRIED_IN), _cells(lay, _CARRIED_FORWARD)]
    elif kind is _K.RESULT and "+" in subject:  # 予以公开及部分公开
        out = [_sum(*(_group(lay, f"{_Q}.results.{part}") for part in subject.split("+")))]
    elif kind is _K.RESULT:
        base = f"{_Q}.results.{subject}"
        out = [_group(lay, base)]
        if subject == "disclosed":
            out.append(_sum(_group(lay, base), _group(lay, f"{_Q}.results.partly_disclosed")))
        if subject == "withheld":  # prose often lumps （四） and （五） into 不予公开
            unable, not_processed = _group(lay, f"{_Q}.results.unable"), _group(lay, f"{_Q}.results.not_processed")
            out += [_sum(_group(lay, base), unable), _sum(_group(lay, base), unable, not_processed)]
    elif kind is _K.APPLICANT:
        cols = _LEGAL_PERSON if subject == "legal_person" else (subject,)
        out = [
            _cells(lay, *(f"{_Q}.received.{c}" for c in cols)),
            _cells(lay, *(f"{_Q}.received.{c}" for c in cols), *(f"{_Q}.carried_in.{c}" for c in cols)),
        ]
    elif kind is _K.REVIEW:
        out = [_cells(lay, f"{_D}.review.{subject}")]
    elif kind is _K.LITIGATION:
        block, _, column = subject.rpartition(".")
        if block:
            out = [_cells(lay, f"{_D}.{block}.{column}")]
        else:
            out = [_cells(lay, *(f"{_D}.{b}.{column}" for b in _BLOCKS))]
            out += [_cells(lay, f"{_D}.{b}.{column}") for b in _BLOCKS]
            if _K.REVIEW in claim.candidates:
                out.append(_cells(lay, f"{_D}.review.{column}", *(f"{_D}.{b}.{column}" for b in _BLOCKS)))
    elif kind is _K.PROACTIVE:
        row, _, column = subject.partition(".")
        if column == "issued" and edition is Edition.E2019:
            out = [_cells(lay, f"$.proactive.{row}.newly_made"), _cells(lay, f"$.proactive.{row}.newly_published")]
        else:
            out = [_cells(lay, f"$.proactive.{row}.{column}")]
    for other in claim.candidates:  # 收到并办结 …件: either kind
        if other in _REQUEST_ALTERNATIVES and other is not kind:
            out += _readings(attrs.evolve(claim, kind=other, candidates=()), lay, edition)
    return list(dict.fromkeys(r for r in out if r is not None))


def _value(values: dict[str, Any], reading: _Reading) -> Number | None:
    total: Number = 0
    for p in reading.paths:
        x = values[p]
        if x is None:
            return None
        total = total + x
    return total


def _gap(diff: Number, lang: str) -> str:
    if lang == "zh":
        return f"{'多' if diff > 0 else '少'} {abs(diff)}"
    return f"{abs(diff)} too {'many' if diff > 0 else 'few'}"


def _quote(claim: Claim) -> Quote:
    return Quote(
        section=claim.section, sentence=claim.sentence.strip(), text=claim.text, start=claim.span[0], end=claim.span[1]
    )


def _where(claim: Claim) -> tuple[str, str]:
    term = _SECTION_TERMS[claim.section]
    sentence = claim.sentence.strip()
    return f"{term.zh}“{sentence}”", f"{term.en}, “{sentence}”"


def _code(claim: Claim) -> str:
    if claim.kind in (_K.REVIEW, _K.LITIGATION):
        return "TEXT-DISPUTES"
    if claim.kind is _K.PROACTIVE:
        return "TEXT-PROACTIVE"
    return "TEXT-REQUESTS"


def _cells_arg(cells: list[CellRef]) -> dict[str, Any]:
    # Finding.cells has a converter, which mypy's attrs plugin types as Iterable[_T_co]
    return {"cells": tuple(cells)}


def _compare(claim: Claim, lay: ReportLayout, values: dict[str, Any], edition: Edition) -> Finding | None:
    readings = _readings(claim, lay, edition)
    known = [(r, x) for r in readings if (x := _value(values, r)) is not None]
    if not known or any(x == claim.value for _, x in known):
        return None
    uncertain = len(known) < len(readings) or claim.kind is _K.CARRIED
    code = "TEXT-UNCERTAIN" if uncertain else _code(claim)
    first, expected = known[0]
    spec: CellSpec = lay.by_path[first.paths[0]]
    path, table, row, column = first.anchor or (spec.path, spec.table, spec.row, spec.column)
    where_zh, where_en = _where(claim)
    said_zh = f"文中“{claim.text}”即 {claim.value}" if claim.text != str(claim.value) else f"文中为 {claim.value}"
    diff = claim.value - expected
    zh = f"{where_zh}：{said_zh}，{first.zh} 为 {expected}，{_gap(diff, 'zh')}"
    en = f"{where_en}: the text says {claim.value}, {first.en} is {expected}, {_gap(diff, 'en')}"
    if len(known) > 1:
        zh += "；也不等于 " + "，".join(f"{r.zh} = {x}" for r, x in known[1:])
        en += "; nor " + ", ".join(f"{r.en} = {x}" for r, x in known[1:])
    if uncertain:
        zh += "（无法确定所指单元格，仅作提示）"
        en += " (the cell meant cannot be pinned down; for information)"
    paths = list(dict.fromkeys(p for r in readings for p in r.paths))
    cells: list[CellRef] = []
    for p in paths:
        s = lay.by_path[p]
        cells.append(CellRef(path=p, table=s.table, row=s.row, column=s.column, value=values[p]))
    return Finding(
        code=code,
        severity=_RULES[code].severity,
        path=path,
        table=table,
        row=row,
        column=column,
        stated=claim.value,
        expected=expected,
        **_cells_arg(cells),
        message=zh,
        message_en=en,
        quote=_quote(claim),
    )


def _fees(claim: Claim, report: AnnualReport) -> Finding | None:
    fees = report.other_matters.fees
    if fees is None:
        return None
    if claim.kind is _K.FEE_AMOUNT:
        stated: Number | None = fees.amount_yuan
        attr, unit = "amount_yuan", "元"
    else:
        stated, attr, unit = fees.applications, "applications", "件"
    if stated is None or stated == claim.value:
        return None
    where_zh, where_en = _where(claim)
    diff = claim.value - stated
    return Finding(
        code="TEXT-FEES",
        severity=_RULES["TEXT-FEES"].severity,
        path=f"$.other_matters.fees.{attr}",
        stated=claim.value,
        expected=stated,
        message=f"{where_zh}：文中为 {claim.value}{unit}，报告所记{v.PROCESSING_FEE.zh}为 {stated}{unit}，"
        f"{_gap(diff, 'zh')}",
        message_en=f"{where_en}: the text says {claim.value}, the report's {v.PROCESSING_FEE.en}s are {stated}, "
        f"{_gap(diff, 'en')}",
        quote=_quote(claim),
    )


def _year(claim: Claim, year: int) -> Finding | None:
    if claim.value == year:
        return None
    where_zh, where_en = _where(claim)
    what_zh = {"period": "统计期限", "report": "所称报告年度"}.get(claim.subject or "", "所述年度")
    what_en = {"period": "the statistics period", "report": "the report it names"}.get(
        claim.subject or "", "the year it speaks of"
    )
    return Finding(
        code="TEXT-YEAR",
        severity=_RULES["TEXT-YEAR"].severity,
        path="$.overview",
        stated=claim.value,
        expected=year,
        message=f"{where_zh}：{what_zh}为 {claim.value}年，本报告为 {year}{v.YEAR.zh}报告",
        message_en=f"{where_en}: {what_en} is {claim.value}, but this is the report for {year}",
        quote=_quote(claim),
    )


def narrative_findings(report: AnnualReport, claims: Sequence[Claim] | None = None) -> list[Finding]:
    """
    The TEXT-* findings of *report*: each claim of its prose that no reading of the tables matches.

    Args:
        report: The report.
        claims: The claims to compare (by default :func:`~govinfo_report.claims.read_claims`).

    >>> import attrs
    >>> from govinfo_report import AnnualReport, Narrative, replace_cell
    >>> r = replace_cell(AnnualReport.blank("2021", organ="某某局", year=2022, fill=0), "$.requests.received.total", 5)
    >>> r = attrs.evolve(r, overview=Narrative(text="本年度共收到政府信息公开申请6件。"))
    >>> [(f.code, f.stated, f.expected) for f in narrative_findings(r)]
    [('TEXT-REQUESTS', 6, 5)]

    .. versionadded:: 0.2.0
    """
    if claims is None:
        claims = read_claims(report)
    if not claims:
        return []
    edition = report.meta.edition
    lay = layout(edition)
    values: dict[str, Any] | None = None  # read when a claim is compared with the tables
    year: int | None = getattr(report.meta, "year", None)
    out: list[Finding] = []
    for claim in claims:
        if claim.kind is _K.YEAR:
            finding = _year(claim, year) if year is not None else None
        elif claim.years and (year is None or any(y != year for y in claim.years)):
            continue  # another year's figure, or a year we cannot compare with
        elif claim.kind in (_K.FEE_AMOUNT, _K.FEE_APPLICATIONS):
            finding = _fees(claim, report)
        else:
            if values is None:
                values = cell_values(report)
                if single_row_mode(report) == SINGLE_ALONE:  # （六） printed as one row: the prose speaks of it
                    lay = _single_row_layout(edition)
                    values.update(single_row_values(report))
            finding = _compare(claim, lay, values, edition)
        if finding is not None:
            out.append(finding)
    return out
