"""
Plausibility warnings: numbers that add up but are probably wrong.

:func:`govinfo_report.checks.check` judges the arithmetic; a report can pass
it and still be implausible.  :func:`plausibility` returns advisory findings
(:class:`~govinfo_report.findings.Finding` values, severity warning or info,
never error) for four patterns an auditor looks for:

PLAUS-UNCHANGED (warning, needs *previous*)
    Every table number the two reports share equals last year's, and at least
    one of them is not 0.  The 2021 format names copied content (内容雷同) as a
    fault; all-zero tables of a small organ are left alone.
PLAUS-RECEIVED-JUMP (warning, needs *previous*)
    表三 一、本年新收政府信息公开申请数量 × 总计 rose to at least *jump_factor*
    times last year's **and** by at least *jump_min* requests (defaults: 3 and
    20, so 5 → 15 and 100 → 150 pass, 10 → 40 does not).
PLAUS-WITHHELD-SHARE (info)
    （二）部分公开 plus every row of （三）不予公开, in the 总计 column, exceed
    *withheld_share* of （七）总计 × 总计, when that total is at least
    *withheld_min_total* (defaults: one half, 10 requests).
PLAUS-RULES-WITHOUT-POWER (warning, needs ``rule_making_power=False``)
    A cell of the 表二 规章 row is not 0 although the caller says the organ
    has no power to make rules (format-spec R2.4): one finding per cell.

The rules are listed in :data:`govinfo_report.rules.PLAUSIBILITY_RULES`.  A
blank cell never triggers a finding: the rules compare only stated numbers.

Examples:
    >>> from govinfo_report import AnnualReport, replace_cell
    >>> r = replace_cell(AnnualReport.blank("2021", organ="某某局", year=2023, fill=0), "$.proactive.rules.issued", 1)
    >>> [(f.code, f.severity.value, f.path) for f in plausibility(r, rule_making_power=False)]
    [('PLAUS-RULES-WITHOUT-POWER', 'warning', '$.proactive.rules.issued')]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, Union

from . import vocab as v
from ._crosswalk import common_edition, mapped_paths, mapped_values
from ._exact import total as total_of
from .errors import OptionError
from .findings import CellRef, Finding
from .model import AnnualReport, Edition
from .rules import PLAUSIBILITY_RULES
from .tables import CellSpec, get_cell, layout

__all__ = ["DEFAULT_THRESHOLDS", "plausibility"]

Number = Union[int, float, Decimal, Fraction]

DEFAULT_THRESHOLDS: dict[str, Number] = {
    "jump_factor": 3,
    "jump_min": 20,
    "withheld_share": Fraction(1, 2),
    "withheld_min_total": 10,
}
"""The default thresholds of :func:`plausibility`."""

_RULES = {r.code: r for r in PLAUSIBILITY_RULES}
_RECEIVED_TOTAL = "$.requests.received.total"
_RESULTS_TOTAL = "$.requests.results.total.total"
_PARTLY_TOTAL = "$.requests.results.partly_disclosed.total"


def _fraction(name: str, value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, Fraction)):
        raise OptionError(f"{name}: expected a number, got {value!r}")
    try:
        out = Fraction(value)
    except (ValueError, OverflowError):
        raise OptionError(f"{name}: expected a finite number, got {value!r}") from None
    if out < 0:
        raise OptionError(f"{name}: expected a number ≥ 0, got {value!r}")
    return out


def _count(report: AnnualReport, path: str) -> int | None:
    """The count at *path* (None when blank; the cells read here are never amounts)."""
    value = get_cell(report, path)
    return value if isinstance(value, int) else None


def _ref(spec: CellSpec, value: Any, source: str | None = None) -> CellRef:
    return CellRef(path=spec.path, table=spec.table, row=spec.row, column=spec.column, value=value, source=source)


def _finding(code: str, path: str, edition: Edition, **kwargs: Any) -> Finding:
    spec = layout(edition).by_path.get(path)
    where: dict[str, Any] = {}
    if spec is not None:
        where = {"table": spec.table, "row": spec.row, "column": spec.column}
    return Finding(code=code, severity=_RULES[code].severity, path=path, **where, **kwargs)


def _unchanged(report: AnnualReport, previous: AnnualReport) -> list[Finding]:
    target = common_edition(report.meta.edition, previous.meta.edition)
    now, then = mapped_values(report, target), mapped_values(previous, target)
    paths = [p for p in mapped_paths(report.meta.edition, target) if p in then]
    if not paths or any(now[p] != then[p] for p in paths):
        return []
    if not any(now[p] for p in paths):
        return []  # all zero (or blank) both years: nothing to copy
    n = len(paths)
    return [
        _finding(
            "PLAUS-UNCHANGED",
            "$",
            report.meta.edition,
            message=f"表格中全部 {n} 个数字与上年（{previous.meta.year}年度）报告相同，请核实是否沿用了上年数据",
            message_en=f"All {n} table numbers equal those of the {previous.meta.year} report; "
            "check whether last year's figures were copied",
        )
    ]


def _jump(report: AnnualReport, previous: AnnualReport, factor: Fraction, minimum: Fraction) -> list[Finding]:
    new, old = _count(report, _RECEIVED_TOTAL), _count(previous, _RECEIVED_TOTAL)
    if new is None or old is None:
        return []
    if not (new - old >= minimum and new >= factor * old):
        return []
    spec = layout(report.meta.edition).by_path[_RECEIVED_TOTAL]
    prev_spec = layout(previous.meta.edition).by_path[_RECEIVED_TOTAL]
    times = f"，为上年的 {float(Fraction(new, old)):.1f} 倍" if old else ""
    times_en = f", {float(Fraction(new, old)):.1f} times" if old else ""
    return [
        _finding(
            "PLAUS-RECEIVED-JUMP",
            _RECEIVED_TOTAL,
            report.meta.edition,
            stated=new,
            cells=(_ref(spec, new), _ref(prev_spec, old, "previous")),
            message=f"{spec.location}：本年 {new}，上年 {old}，增加 {new - old}{times}，请核实",
            message_en=f"Table 3, new requests, total: {new} this year, {old} last year, {new - old} more"
            f"{times_en}; please verify",
        )
    ]


def _withheld(report: AnnualReport, share: Fraction, min_total: Fraction) -> list[Finding]:
    lay = layout(report.meta.edition)
    total = _count(report, _RESULTS_TOTAL)
    if not total or total < min_total:
        return []
    paths = [_PARTLY_TOTAL] + [
        r.path + ".total" for r in lay.table("三").rows if r.path.startswith("$.requests.results.withheld.")
    ]
    values = [_count(report, p) for p in paths]
    part = int(total_of(values))  # counts: ints
    if Fraction(part, total) <= share:
        return []
    pct = Fraction(part * 100, total)
    return [
        _finding(
            "PLAUS-WITHHELD-SHARE",
            _RESULTS_TOTAL,
            report.meta.edition,
            stated=part,
            cells=(
                _ref(lay.by_path[_RESULTS_TOTAL], total),
                *(_ref(lay.by_path[p], x) for p, x in zip(paths, values, strict=True)),
            ),
            message=f"表三 {v.PARTLY_DISCLOSED.variants[0]}与{v.WITHHELD.zh}共 {part} 件，"
            f"占{v.RESULTS_TOTAL.zh} {total} 件的 {float(pct):.1f}%，比例偏高，请核实",
            message_en=f"Table 3: partly disclosed plus not disclosed are {part} of {total} requests "
            f"({float(pct):.1f}%), a high share; please verify",
        )
    ]


def _rules_row(report: AnnualReport) -> list[Finding]:
    out = []
    for spec in layout(report.meta.edition).rows_by_path["$.proactive.rules"].cells:
        value = _count(report, spec.path)
        if not value:
            continue
        out.append(
            _finding(
                "PLAUS-RULES-WITHOUT-POWER",
                spec.path,
                report.meta.edition,
                stated=value,
                expected=0,
                cells=(_ref(spec, value),),
                message=f"{spec.location}：填报 {value}，但本机关没有规章制定权，应为 0",
                message_en=f"Table 2, {spec.row_en} × {spec.column_en}: {value}, but the organ cannot make rules; "
                "expected 0",
            )
        )
    return out


def plausibility(
    report: AnnualReport,
    *,
    previous: AnnualReport | None = None,
    rule_making_power: bool | None = None,
    jump_factor: Number = DEFAULT_THRESHOLDS["jump_factor"],
    jump_min: Number = DEFAULT_THRESHOLDS["jump_min"],
    withheld_share: Number = DEFAULT_THRESHOLDS["withheld_share"],
    withheld_min_total: Number = DEFAULT_THRESHOLDS["withheld_min_total"],
) -> list[Finding]:
    """
    The plausibility findings of *report* (warnings and info; see the module documentation).

    Args:
        report: The report.
        previous: Last year's report of the same organ (PLAUS-UNCHANGED,
            PLAUS-RECEIVED-JUMP); across editions the shared cells are compared.
        rule_making_power: False when the organ has no power to make rules
            (PLAUS-RULES-WITHOUT-POWER); None (unknown) or True skips that rule.
        jump_factor: PLAUS-RECEIVED-JUMP: this year ≥ *jump_factor* × last year ...
        jump_min: ... and at least *jump_min* more requests.
        withheld_share: PLAUS-WITHHELD-SHARE: the share (0–1) of the total above which ...
        withheld_min_total: ... the rule fires, for a （七）总计 of at least this many requests.

    Returns:
        The findings: warnings first, then info; in rule order within a severity.

    Raises:
        OptionError: A threshold that is not a number ≥ 0, or *report* or
            *previous* that is not an AnnualReport.

    .. versionadded:: 0.1.0
    """
    for name, value in (("report", report), ("previous", previous)):
        if value is not None and not isinstance(value, AnnualReport):
            raise OptionError(f"{name}: expected an AnnualReport, got {type(value).__name__}")
    factor = _fraction("jump_factor", jump_factor)
    minimum = _fraction("jump_min", jump_min)
    share = _fraction("withheld_share", withheld_share)
    min_total = _fraction("withheld_min_total", withheld_min_total)
    findings: list[Finding] = []
    if previous is not None:
        findings += _unchanged(report, previous)
        findings += _jump(report, previous, factor, minimum)
    findings += _withheld(report, share, min_total)
    if rule_making_power is False:
        findings += _rules_row(report)
    order = {code: i for i, code in enumerate(_RULES)}
    return sorted(findings, key=lambda f: (f.severity.rank, order[f.code]))
