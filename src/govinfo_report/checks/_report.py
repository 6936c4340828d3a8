"""
The rules of the report as a whole: metadata, blank cells, the empty 五, fees, the publication date, and
the advisory groups (the prose, plausibility).

Part of :mod:`govinfo_report.checks`, which is the public face of these modules.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from .. import editions
from .. import vocab as v
from ..findings import Finding
from ..model import AnnualReport, Scope
from ..rules import (
    Severity,
    rule,
)
from ..tables import (
    SINGLE_ALONE,
)
from ._context import BlankPolicy, _Context

if TYPE_CHECKING:
    pass


# ----------------------------------------------------------------------------
# Report-level rules
# ----------------------------------------------------------------------------


def default_deadline(report: AnnualReport) -> _dt.date | None:
    """
    The statutory publication deadline of *report*, or None when its year is not known.

    The next year's 1月31日 for an organ's report, 3月31日 for a government-level report.

    >>> from govinfo_report import AnnualReport
    >>> default_deadline(AnnualReport.blank("2021", organ="某某局", year=2023))
    datetime.date(2024, 1, 31)

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       None for a report whose year is not known.
    """
    if report.meta.year is None:
        return None
    year = report.meta.year + 1
    if report.meta.scope is Scope.GOVERNMENT_LEVEL:
        return _dt.date(year, 3, 31)
    return _dt.date(year, 1, 31)


def _meta_unknown(report: AnnualReport, ctx: _Context) -> list[Finding]:
    """One META-UNKNOWN finding when the organ or year is not known, naming the checks that were skipped."""
    meta = ctx.report.meta
    if meta.organ is not None and meta.year is not None:
        return []
    deadline, previous = ctx.options.deadline, ctx.previous
    missing = [(t.zh, t.en) for t, value in ((v.ORGAN, meta.organ), (v.YEAR, meta.year)) if value is None]
    if not missing:
        return []
    skipped: list[str] = []
    if meta.year is None:
        skipped.append("EDITION-YEAR")
        if meta.published is not None and deadline is None:
            skipped.append("LATE-PUBLICATION")
    if previous is not None:  # whether it is the same organ's report for the year before cannot be told
        skipped.append("PREVIOUS-REPORT")
    zh = "、".join(z for z, _ in missing)
    en = " and ".join(e for _, e in missing)
    tail_zh = f"；未进行的检查：{'、'.join(skipped)}" if skipped else ""
    tail_en = f"; skipped: {', '.join(skipped)}" if skipped else ""
    hint = "（读取已发布报告时可用 --organ、--year 给出）"
    path = "$.meta.year" if meta.year is None else "$.meta.organ"
    return [
        ctx.finding(
            "META-UNKNOWN",
            path,
            message=f"报告未写明{zh}{hint}{tail_zh}",
            message_en=f"The report does not say its {en} (give them with --organ and --year){tail_en}",
        )
    ]


def _edition_year(report: AnnualReport, ctx: _Context) -> list[Finding]:
    meta = ctx.report.meta
    if meta.year is None:  # said by META-UNKNOWN
        return []
    expected = editions.for_year(meta.year, strict=False).edition
    if expected is meta.edition:
        return []
    return [
        ctx.finding(
            "EDITION-YEAR",
            "$.meta.edition",
            stated=meta.edition.value,
            expected=expected.value,
            message=(
                f"{v.EDITION.zh} 与 {v.YEAR.zh} 不符：{meta.year}年度报告应使用{expected.value}年版格式，"
                f"实为{meta.edition.value}年版"
            ),
            message_en=(
                f"The edition does not match the year: a report for {meta.year} uses the {expected.value} "
                f"edition, this one the {meta.edition.value} edition"
            ),
        )
    ]


def _blank_cells(report: AnnualReport, ctx: _Context) -> list[Finding]:
    if ctx.policy is BlankPolicy.IGNORE or ctx.clean:
        return []
    blanks = [ctx.ref(spec.path) for spec in ctx.cells if ctx.values[spec.path] is None]
    if not blanks:
        return []
    single_zh = single_en = ""
    if ctx.single_row == SINGLE_ALONE:  # its sub-rows are not blank cells: the report printed the group as one row
        single_zh = (
            f"；{v.OTHER_HANDLING.zh}印成一行（{v.OTHER_HANDLING_SINGLE_ROW.zh}），其三个子行未列出，"
            "不计为空白，按该行计算"
        )
        single_en = (
            f"; {v.OTHER_HANDLING.en} is printed as one row: its three sub-rows are not listed, not counted as "
            "blank, and the row is used instead"
        )
    per_table: dict[str, int] = {}
    for c in blanks:
        per_table[c.table] = per_table.get(c.table, 0) + 1
    zh_counts = "，".join(f"表{t} {n} 个" for t, n in per_table.items())
    en_counts = ", ".join(f"{ctx.table_en[t]}: {n}" for t, n in per_table.items())
    strict = ctx.policy is BlankPolicy.STRICT
    n = len(blanks)
    unread = sum(1 for c in blanks if c.path in ctx.unread)
    unread_zh = unread_en = ""
    if unread:
        unread_zh = f"；其中 {unread} 个因表格或行未能读取而为空，依赖它们的 {ctx.skipped} 项计算关系未检查"
        unread_en = (
            f"; {unread} of them could not be read (a table or row was not found), and the {ctx.skipped} "
            "relations that need them were not checked"
        )
    return [
        ctx.finding(
            "BLANK-CELLS",
            "$",
            severity=Severity.ERROR if strict else Severity.WARNING,
            details=tuple(blanks),
            blank_cells=tuple(c.path for c in blanks),
            message=(
                f"{n} 个单元格为空（{zh_counts}），计算时按 0 计"
                + ("；严格模式下空白单元格视为错误" if strict else "")
                + unread_zh
                + single_zh
            ),
            message_en=(
                f"{n} cell{'s are' if n != 1 else ' is'} blank ({en_counts}), counted as 0"
                + ("; blank cells are errors under the strict policy" if strict else "")
                + unread_en
                + single_en
            ),
            follow_on=ctx.skipped,
        )
    ]


def _empty_problems(report: AnnualReport, ctx: _Context) -> list[Finding]:
    text = ctx.report.problems.text
    if (text and not text.isspace()) or not ctx.report.problems.is_empty():
        return []
    return [
        ctx.finding(
            "EMPTY-PROBLEMS",
            "$.problems",
            message=f"{v.PROBLEMS.zh} 没有内容",
            message_en=f"Section {v.PROBLEMS.en} is empty",
        )
    ]


def _fees_mentioned(report: AnnualReport, ctx: _Context) -> list[Finding]:
    if ctx.edition not in rule("FEES-NOT-MENTIONED").editions:
        return []
    matters = ctx.report.other_matters
    if matters.fees is not None:
        return []
    text = "\n".join([matters.text, *(f"{s.title}\n{s.text}" for s in matters.subsections)])
    words = (v.PROCESSING_FEE.zh, *v.PROCESSING_FEE.variants, v.FEES_CHARGED.zh, *v.FEES_CHARGED.variants)
    if any(w in text for w in words):
        return []
    return [
        ctx.finding(
            "FEES-NOT-MENTIONED",
            "$.other_matters",
            message=f"{v.OTHER_MATTERS.zh} 未说明{v.PROCESSING_FEE.zh}收取情况（是否收取、件数和金额）",
            message_en=f"Section {v.OTHER_MATTERS.en} says nothing about {v.PROCESSING_FEE.en}s",
        )
    ]


def _late(report: AnnualReport, ctx: _Context) -> list[Finding]:
    deadline = ctx.options.deadline
    published = ctx.report.meta.published
    if published is None:
        return []
    given = deadline is not None
    limit = deadline if deadline is not None else default_deadline(ctx.report)
    if limit is None or published <= limit:  # no year, no deadline: said by META-UNKNOWN
        return []
    days = (published - limit).days
    if given:
        why_zh, why_en = "（指定期限）", " (the given deadline)"
    elif ctx.report.meta.scope is Scope.GOVERNMENT_LEVEL:
        why_zh, why_en = "（本级政府报告法定期限为次年3月31日）", " (31 March for a government-level report)"
    else:
        why_zh, why_en = "（部门报告法定期限为次年1月31日）", " (31 January for an organ's report)"
    return [
        ctx.finding(
            "LATE-PUBLICATION",
            "$.meta.published",
            stated=published,
            expected=limit,
            message=f"发布日期 {published.isoformat()} 晚于期限 {limit.isoformat()}{why_zh}，晚 {days} 天",
            message_en=f"Published {published.isoformat()}, after the deadline {limit.isoformat()}{why_en}: "
            f"{days} day{'s' if days != 1 else ''} late",
        )
    ]
