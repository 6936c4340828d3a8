"""
A summary against its members: who is missing, who does not belong, and SUMMARY-CELL per cell.

Part of :mod:`govinfo_report.checks`, which is the public face of these modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .. import vocab as v
from .._fields import Kind
from ..findings import CellRef, Finding
from ..model import AnnualReport, Edition
from ..rules import (
    Source,
    across_equations,
    rule,
)
from ._across import (
    _across_findings,
    _evaluate_across,
    _Held,
    _member_held,
    _member_sides,
    _Side,
    _this_held,
    _this_side,
)
from ._context import _Context

if TYPE_CHECKING:
    pass


# ----------------------------------------------------------------------------
# A summary against its members
# ----------------------------------------------------------------------------

def _member_problems(ctx: _Context) -> tuple[list[Finding], list[AnnualReport], list[tuple[str, Finding]]]:
    """
    SUMMARY-MEMBER-MISMATCH for each member of another year or edition, given twice, or not listed.

    Returns the findings, the members used in the sums, and the members left
    out of them with the finding that says so.
    """
    summary = ctx.report
    listed = summary.meta.members
    out: list[Finding] = []
    used: list[AnnualReport] = []
    left_out: list[tuple[str, Finding]] = []
    for m in ctx.members:
        problems_zh, problems_en = [], []
        excluded = False
        if None not in (m.meta.year, summary.meta.year) and m.meta.year != summary.meta.year:
            problems_zh.append(f"{v.YEAR.zh}为 {m.meta.year}，汇总报告为 {summary.meta.year}")
            problems_en.append(f"its year is {m.meta.year}, the summary's {summary.meta.year}")
            excluded = True
        if m.meta.edition is not summary.meta.edition:
            problems_zh.append(f"{v.EDITION.zh}为 {m.meta.edition.value}，汇总报告为 {summary.meta.edition.value}")
            problems_en.append(f"its edition is {m.meta.edition.value}, the summary's {summary.meta.edition.value}")
            excluded = True
        if m.meta.organ is not None and any(u.meta.organ == m.meta.organ for u in used):
            problems_zh.append("重复提供")
            problems_en.append("it was given twice")
            excluded = True
        if listed and m.meta.organ not in listed:
            problems_zh.append("未列入汇总报告的成员单位")
            problems_en.append("it is not listed among the summary's members")
        if problems_zh:
            path = f"$.meta.members[{listed.index(m.meta.organ)}]" if m.meta.organ in listed else "$.meta.members"
            tail_zh = "，未计入汇总比较" if excluded else ""
            tail_en = "; left out of the comparison" if excluded else ""
            out.append(
                ctx.finding(
                    "SUMMARY-MEMBER-MISMATCH",
                    path,
                    stated=m.meta.organ,
                    message=f"成员报告 {m.meta.organ_name}（{m.meta.year_name}）：{'；'.join(problems_zh)}{tail_zh}",
                    message_en=f"Member report of {m.meta.organ_name} ({m.meta.year_name}): "
                    f"{'; '.join(problems_en)}{tail_en}",
                )
            )
            if excluded:
                left_out.append((m.meta.organ_name, out[-1]))
        if not excluded:
            used.append(m)
    return out, used, left_out


def _missing_members(ctx: _Context, used: Sequence[AnnualReport]) -> list[Finding]:
    """SUMMARY-MISSING-MEMBER for each listed member without a report."""
    summary = ctx.report
    given = {m.meta.organ for m in used}
    return [
        ctx.finding(
            "SUMMARY-MISSING-MEMBER",
            f"$.meta.members[{i}]",
            expected=name,
            message=f"汇总报告列出的成员单位 {name} 没有提供{summary.meta.year}年度报告",
            message_en=f"The summary lists {name}, but no {summary.meta.year} report of it was given",
        )
        for i, name in enumerate(summary.meta.members)
        if name not in given
    ]


def _summary(report: AnnualReport, ctx: _Context) -> list[Finding]:
    """With members: the member problems, the missing members, and SUMMARY-CELL (folded under their cause)."""
    if not ctx.given_members:
        return []
    out, used, left_out = _member_problems(ctx)
    out += _missing_members(ctx, used)
    cells = _summary_cells(ctx, used)
    # the cause of the sums' shortfall: a listed member without a report, else a member left out of them
    given = {m.meta.organ for m in used}
    causes = [f for f in out if f.code == "SUMMARY-MISSING-MEMBER"]
    causes += [f for organ, f in left_out if organ not in given and organ not in report.meta.members]
    if causes:
        cells = _follow_on(ctx, causes[0], cells, out)
    out.extend(cells)
    return out


def _follow_on(ctx: _Context, cause: Finding, cells: list[Finding], out: list[Finding]) -> list[Finding]:
    """
    Fold into *cause* (a missing member, or one left out) the SUMMARY-CELL findings it explains; return the others.

    A missing member's counts are ≥ 0, so a summary cell above the sum of the
    members given is what one expects; a cell below it (or a signed cell,
    本年增/减, either way) is not explained and stays a finding.
    """
    explained, kept = [], []
    for f in cells:
        signed = ctx.spec(f.path).kind is Kind.SIGNED
        diff = f.difference
        if diff is not None and (diff > 0 and not signed):
            explained.append(f)
        else:
            kept.append(f)
    if not explained:
        return cells
    n = len(explained)
    details: dict[str, Any] = {"details": tuple(ctx.ref(f.path) for f in explained)}
    folded = attrs.evolve(
        cause,
        **details,
        follow_on=n,
        message=f"{cause.message}；汇总报告另有 {n} 个单元格大于已提供成员报告之和，可能由此引起，未逐一列出",
        message_en=f"{cause.message_en}; {n} more summary cell{'s exceed' if n != 1 else ' exceeds'} the sum of the "
        "members given, probably for this reason (not listed one by one)",
    )
    out[out.index(cause)] = folded
    return kept


def _summary_cells(ctx: _Context, members: Sequence[AnnualReport]) -> list[Finding]:
    """SUMMARY-CELL: each cell of the summary against the sum over *members* (2019 采购总金额 only in one unit)."""
    this = _this_side(ctx)
    sides = {Source.THIS: [this], Source.MEMBERS: _member_sides(ctx, members)}
    eqs = [eq for eq in across_equations(ctx.edition, [c.path for c in ctx.cells]) if rule(eq.code).group == "summary"]
    evaluated = _evaluate_across(ctx, eqs, sides)
    units_path = "$.proactive.procurement.amount"
    out: list[Finding] = []
    if ctx.edition is Edition.E2019:
        for ev in evaluated:
            if ev.eq.left[0].path == units_path:
                finding = _unit_mismatch(ctx, members, list(ev.refs))
                if finding is not None:
                    out.append(finding)
                    evaluated.remove(ev)
                break

    def held() -> dict[_Side, _Held]:
        out: dict[_Side, _Held] = {this: _this_held(ctx)}
        involved = {side for ev in evaluated if not ev.holds for _, side, _ in ev.terms}
        for m, side in zip(members, sides[Source.MEMBERS], strict=True):
            if side in involved:
                out[side] = _member_held(m, ctx.policy)
        return out

    return out + _across_findings(ctx, evaluated, held)


def _unit_mismatch(ctx: _Context, members: Sequence[AnnualReport], refs: list[CellRef]) -> Finding | None:
    reports = [ctx.report, *members]
    units: dict[str, str] = {}
    for r, ref in zip(reports, refs, strict=True):
        if ref.value:  # a blank or zero amount has no unit to disagree with
            proactive: Any = r.proactive
            unit = proactive.procurement.amount_unit
            units[r.meta.organ_name] = "未注明" if unit is None else unit.value
    if len(set(units.values())) <= 1:
        return None
    listing = "，".join(f"{organ} {unit}" for organ, unit in units.items())
    listing_en = ", ".join(f"{organ}: {unit if unit != '未注明' else 'none given'}" for organ, unit in units.items())
    spec = ctx.spec(refs[0].path)
    return ctx.finding(
        "SUMMARY-AMOUNT-UNIT",
        spec.path,
        stated=refs[0].value,
        cells=tuple(refs),
        message=f"汇总 {spec.location}：各报告单位不一致（{listing}），未比较",
        message_en=f"Summary, {ctx.location(spec, 'en')}: the reports use different units ({listing_en}); not compared",
    )
