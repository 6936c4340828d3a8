"""
Summary (汇总) reports: the reports of many organs summed into one government-level report.

A county or city 政府信息公开工作主管部门 compiles the 本级政府 report from the
reports of its departments (format-spec §3.3).  :func:`aggregate` does the
arithmetic part of that work:

* every table cell is the sum of the member reports' cells (counts as ints,
  amounts exactly, as :class:`~decimal.Decimal`; 本年增/减 may be negative);
* ``meta.scope`` is :attr:`~govinfo_report.model.Scope.GOVERNMENT_LEVEL` and
  ``meta.members`` lists the member organs in input order;
* 一、总体情况 holds a short generated note naming the members (and any unit
  conversion or edition mapping); 五 and 六 are empty: the narrative of a
  summary is the compiler's to write, and :func:`govinfo_report.checks.check`
  warns (EMPTY-PROBLEMS) until 五 is written.  The information-processing fees
  of 六 (``other_matters.fees``) are summed over the members that state them.

Blank cells follow the blank policy (:class:`~govinfo_report.checks.BlankPolicy`,
the same values as ``check(blank=...)``):

``"zero"`` (default)
    a blank counts as 0, except that a cell blank in *every* member stays
    blank: the summary states no number that no member stated.
``"ignore"``
    blanks are skipped; the sums are the same as under ``"zero"`` (the two
    differ in how :func:`~govinfo_report.checks.check` then judges blanks, so
    one policy value can be passed to both functions).
``"strict"``
    any blank cell that would enter the summary raises
    :class:`~govinfo_report.errors.AggregationError` naming every member and cell.

The result passes ``check(summary, members=reports, blank=policy)`` with no
SUMMARY-CELL finding, because that rule also counts a blank as 0 (or skips the
cell under ``"ignore"``).

Members must share one year and one edition.  With ``map_other_handling=True``
and ``edition="2019"`` given explicitly, reports of the 2021 edition are
summed into the 2019 layout: the three 2021 sub-rows of 三（六）其他处理 are
summed onto the single 2019 row; tables 三 and 四 are otherwise identical; of
table 二 only the decisions of 行政许可, 行政处罚 and 行政强制 mean the same
thing in both editions, so they are summed and every other table 二 cell of
the summary is left blank.  Such a summary mixes editions by design, so
``check(..., members=...)`` reports the members of the other edition
(SUMMARY-MEMBER-MISMATCH).

The 2019 采购总金额 has no printed unit (``ProcurementCounts.amount_unit``).
Amounts are summed as they are when every member with a non-zero amount uses
the same unit.  When the units differ (元 and 万元), every amount is converted
exactly (1万元 = 10000元) into the unit of the first member, in input order,
with a non-zero amount, and the note in 一 says so; ``check`` then reports
SUMMARY-AMOUNT-UNIT (a warning: it does not convert).  A non-zero amount with
no unit beside one with a unit cannot be converted: the summary's 采购总金额 is
left blank and the note in 一 names the members without a unit (under
``"strict"``: AggregationError).

>>> from govinfo_report import AnnualReport, replace_cell
>>> a = replace_cell(AnnualReport.blank("2021", organ="甲局", year=2022, fill=0),
...                  "$.disputes.review.upheld", 2)
>>> a = replace_cell(a, "$.disputes.review.total", 2)
>>> b = replace_cell(AnnualReport.blank("2021", organ="乙局", year=2022, fill=0),
...                  "$.disputes.review.upheld", 3)
>>> b = replace_cell(b, "$.disputes.review.total", 3)
>>> s = aggregate([a, b], organ="某某县人民政府")
>>> s.disputes.review.upheld, s.meta.members, s.meta.scope.value
(5, ('甲局', '乙局'), 'government_level')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import linecache
import warnings
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, Union, cast

import attrs

from .. import editions as registry
from .. import vocab as v
from .._crosswalk import (
    OTHER_HANDLING_ROW,
    OTHER_HANDLING_SUBROWS,
    SHARED_PROACTIVE,
    mapped_paths,
    mapped_values,
    other_handling_row,
)
from .._deprecation import caller_stacklevel
from .._exact import exact, total_or_blank, wan_yuan_to_yuan, yuan_to_wan_yuan
from ..checks import BlankPolicy, blank_policy
from ..errors import AggregationError, OptionError
from ..model import (
    AmountUnit,
    AnnualReport,
    ApplicantCounts,
    Edition,
    Narrative,
    OtherMatters,
    Proactive2019,
    ProcessingFees,
    ReportMeta,
    Scope,
)
from ..tables import SINGLE_ALONE, build_sections, cell_accessor, cell_values, layout, single_row_mode

__all__ = ["AggregationWarning", "aggregate"]

CellValue = Union[int, Decimal, None]

_AMOUNT_PATH = "$.proactive.procurement.amount"
_SHOW = 5  # how many members or cells an error message names before "…"


def _columns(reports: Sequence[AnnualReport], edition: Edition) -> tuple[list[str], list[Sequence[CellValue]]]:
    """
    Every cell's values over *reports* (all of *edition*), column by column, in layout order.

    One pass per report: the compiled accessor's tuple of all its values; the
    columns are those tuples transposed (in C).
    """
    accessor = cell_accessor(edition)
    rows = list(map(accessor.values, reports))
    return list(accessor.paths), list(zip(*rows, strict=True))


@functools.cache
def _summer(edition: Edition) -> Callable[[Sequence[AnnualReport]], list[Any]]:
    """
    A generated function: every cell's sum over reports of *edition*, in layout order, in one pass per report.

    The 2019 采购总金额 (whose unit decides how it is summed) is left out.  A blank
    cell anywhere raises TypeError (None cannot be added), and the caller falls back
    to :func:`_columns`.
    """
    specs = [c for c in layout(edition).cells if c.path != _AMOUNT_PATH]
    prefixes: dict[tuple[str, ...], str] = {(): "r"}
    body: list[str] = []
    for i, spec in enumerate(specs):
        parent = spec.attr_path[:-1]
        for depth in range(1, len(parent) + 1):
            prefix = parent[:depth]
            if prefix not in prefixes:
                prefixes[prefix] = f"n{len(prefixes)}"
                body.append(f"        {prefixes[prefix]} = {prefixes[prefix[:-1]]}.{prefix[-1]}")
        body.append(f"        t{i} += {prefixes[parent]}.{spec.attr_path[-1]}  # {spec.path}")
    totals = [f"t{i}" for i in range(len(specs))]
    text = "\n".join(
        [
            "def sums(reports):",
            f"    {' = '.join(totals)} = 0",
            "    for r in reports:",
            *body,
            f"    return [{', '.join(totals)}]",
            "",
        ]
    )
    filename = f"<govinfo_report.analysis.aggregate sums {edition.value}>"
    linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
    namespace: dict[str, Any] = {}
    exec(compile(text, filename, "exec"), namespace)  # generated from the layout only
    fn: Callable[[Sequence[AnnualReport]], list[Any]] = namespace["sums"]
    return fn


def _summed_columns(
    reports: Sequence[AnnualReport], edition: Edition
) -> tuple[list[str], list[Sequence[CellValue]]] | None:
    """
    As :func:`_columns`, but each column already summed (a 1-tuple) when no cell is blank; else None.

    The 2019 采购总金额 keeps its whole column, for its units.
    """
    try:
        sums = _summer(edition)(reports)
    except TypeError:  # a blank somewhere: the column-by-column path handles it
        return None
    accessor = cell_accessor(edition)
    columns: list[Sequence[CellValue]] = []
    it = iter(sums)
    for path in accessor.paths:
        if path == _AMOUNT_PATH:
            columns.append(list(map(accessor.getters[path], reports)))
        else:
            columns.append((next(it),))
    return list(accessor.paths), columns


def _names(organs: Sequence[str]) -> str:
    shown = "、".join(organs[:_SHOW])
    return shown + ("…" if len(organs) > _SHOW else "")


def _single_row(members: Sequence[AnnualReport], target: Edition) -> ApplicantCounts | None:
    """
    The summary's （六）其他处理 as one row, when a member of the 2021 edition printed it so with blank sub-rows.

    Each member's （六） as one row (its single row, or its three sub-rows added per column) is summed: the
    sub-rows cannot be summed when some members did not print them, and a number is never split into them.
    """
    if target is not Edition.E2021 or not any(single_row_mode(r) == SINGLE_ALONE for r in members):
        return None
    rows = [other_handling_row(r) for r in members]
    return ApplicantCounts(**{c: cast(Any, total_or_blank([row[c] for row in rows])) for c in rows[0]})


def _check_members(reports: Sequence[AnnualReport], year: int | None) -> int | None:
    if not reports:
        raise AggregationError("no member reports to sum / 没有可汇总的成员报告")
    for i, r in enumerate(reports):
        if not isinstance(r, AnnualReport):
            raise OptionError(f"reports[{i}]: expected an AnnualReport, got {type(r).__name__}")
    unnamed = [i for i, r in enumerate(reports) if r.meta.organ is None]
    if unnamed:
        raise AggregationError(
            f"member report(s) {', '.join(f'reports[{i}]' for i in unnamed)} do not name their organ; a summary "
            f"lists its members by name, so give each one its organ (--organ when reading a published report) / "
            f"成员报告未写明{v.ORGAN.zh}",
        )
    years: dict[int | None, list[str]] = {}
    organs: dict[str, int] = {}
    for r in reports:
        assert r.meta.organ is not None
        years.setdefault(r.meta.year, []).append(r.meta.organ)
        organs[r.meta.organ] = organs.get(r.meta.organ, 0) + 1
    if year is not None and None in years:  # a member that does not say its year is taken to be of the year asked
        years.setdefault(year, []).extend(years.pop(None))
    if None in years and len(years) > 1:
        raise AggregationError(
            f"the year of {_names(years[None])} is not known; pass year= (--year) for the summary / "
            f"成员报告未写明{v.YEAR.zh}",
            members=years[None],
        )
    if len(years) > 1:
        listing = "; ".join(f"{y}: {_names(o)}" for y, o in sorted(years.items(), key=lambda kv: kv[0] or 0))
        raise AggregationError(
            f"the member reports are for different years ({listing}) / 成员报告的{v.YEAR.zh}不同",
            members=[r.meta.organ_name for r in reports],
        )
    (members_year,) = years
    if year is not None and year != members_year:
        raise AggregationError(
            f"year={year} was asked for, but the member reports are for {members_year} / "
            f"成员报告的{v.YEAR.zh}为 {members_year}，不是 {year}",
            members=[r.meta.organ_name for r in reports],
        )
    twice = [o for o, n in organs.items() if n > 1]
    if twice:
        raise AggregationError(
            f"more than one report of {_names(twice)}; give each member once / 同一单位的报告重复：{_names(twice)}",
            members=twice,
        )
    return members_year


def _target_edition(reports: Sequence[AnnualReport], edition: Edition | str | None, mapping: bool) -> Edition:
    editions: dict[Edition, list[str]] = {}
    for r in reports:
        editions.setdefault(r.meta.edition, []).append(r.meta.organ_name)
    listing = "; ".join(f"{e.value}: {_names(o)}" for e, o in sorted(editions.items()))
    try:
        target = Edition(edition) if edition is not None else None
    except ValueError:
        raise OptionError(f"unknown edition {edition!r}; expected '2019' or '2021'") from None
    if target is None:
        if len(editions) == 1:
            (only,) = editions
            return only
        hint = (
            "pass edition='2019' as well"
            if mapping
            else "pass map_other_handling=True and edition='2019' to sum them in the 2019 layout"
        )
        raise AggregationError(
            f"the member reports use different editions ({listing}); {hint} / 成员报告的{v.EDITION.zh}不同",
            members=[r.meta.organ_name for r in reports],
        )
    others = [o for e, o in editions.items() if e is not target]
    if not others:
        return target
    other_organs = [o for group in others for o in group]
    splits = bool(registry.get(target).crosswalk.split_rows)  # the others' single row cannot be split into it
    if not mapping or splits:
        why = (
            "the 2019 （六）其他处理 row cannot be split into the three 2021 sub-rows"
            if splits
            else "pass map_other_handling=True to map the 2021 （六）其他处理 sub-rows onto the 2019 row"
        )
        raise AggregationError(
            f"edition={target.value} was asked for, but {_names(other_organs)} use another edition ({listing}); "
            f"{why} / 成员报告的{v.EDITION.zh}与汇总报告不同",
            members=other_organs,
        )
    return target


def _feeding_paths(report: AnnualReport, target: Edition, mixed: bool) -> list[str]:
    """The cells of *report* (paths in its own edition) that enter a summary in *target*'s layout."""
    source = report.meta.edition
    if not mixed:
        return [c.path for c in layout(source).cells]
    common = list(mapped_paths(Edition.E2021, target))
    if source is target:
        return common
    out = [p for p in common if not p.startswith(OTHER_HANDLING_ROW + ".")]
    for spec in layout(target).rows_by_path[OTHER_HANDLING_ROW].cells:
        out += [f"{OTHER_HANDLING_ROW}.{sub}.{spec.column_key}" for sub in OTHER_HANDLING_SUBROWS]
    return out


def _strict_blanks(reports: Sequence[AnnualReport], target: Edition) -> None:
    mixed = any(r.meta.edition is not target for r in reports)
    found: list[tuple[str, str]] = []
    where: list[str] = []
    for r in reports:
        lay = layout(r.meta.edition)
        values = cell_values(r)
        single = single_row_mode(r) == SINGLE_ALONE
        if single:  # （六）其他处理 printed as one row: its row's cells feed the summary, not the blank sub-rows
            row = other_handling_row(r)
            values.update({f"{OTHER_HANDLING_ROW}.single_row.{c}": x for c, x in row.items()})
        for p in _feeding_paths(r, target, mixed):
            if single and p.startswith(OTHER_HANDLING_ROW + "."):
                p = f"{OTHER_HANDLING_ROW}.single_row.{p.rsplit('.', 1)[1]}"
                if values[p] is None:
                    found.append((r.meta.organ_name, p))
                    where.append(f"{r.meta.organ_name}: {v.OTHER_HANDLING_SINGLE_ROW.zh} ({p})")
                continue
            if values[p] is None:
                found.append((r.meta.organ_name, p))
                where.append(f"{r.meta.organ_name}: {lay.by_path[p].location} ({p})")
    if not found:
        return
    more = f" and {len(found) - _SHOW} more" if len(found) > _SHOW else ""
    raise AggregationError(
        f"{len(found)} blank cell(s) under the strict blank policy: {'; '.join(where[:_SHOW])}{more} / "
        "严格模式下成员报告有空白单元格",
        members=list(dict.fromkeys(organ for organ, _ in found)),
        cells=found,
    )


def _amount_unit(
    reports: Sequence[AnnualReport], amounts: Sequence[CellValue], policy: BlankPolicy
) -> tuple[list[CellValue] | None, AmountUnit | None, str]:
    """
    The members' 采购总金额 in one unit, that unit, and a note when something was done to them.

    The amounts are None when they cannot be summed (a non-zero amount without a
    unit beside one with a unit); the note then says so.
    """
    units = [r.proactive.procurement.amount_unit if isinstance(r.proactive, Proactive2019) else None for r in reports]
    used = [(r.meta.organ_name, u, a) for r, u, a in zip(reports, units, amounts, strict=True) if a]
    distinct = {u for _, u, _ in used}
    if len(distinct) <= 1:
        unit = next(iter(distinct)) if distinct else next((u for u in units if u is not None), None)
        return list(amounts), unit, ""
    label = v.PROCUREMENT_AMOUNT.zh
    if None in distinct:
        missing = [o for o, u, _ in used if u is None]
        given = [f"{o} {u.value}" for o, u, _ in used if u is not None]
        if policy is BlankPolicy.STRICT:
            raise AggregationError(
                f"{label} ({v.PROCUREMENT_AMOUNT.en}): {_names(missing)} give no unit, while {_names(given)} do; "
                f"the amounts cannot be summed / {label}单位不明，无法汇总",
                members=missing,
            )
        note = f"{'、'.join(missing)}未注明{label}的单位，无法与其他单位的金额相加，汇总报告的{label}留空。"
        return None, None, note
    target = used[0][1]
    assert target is not None
    converted: list[CellValue] = []
    for a, u in zip(amounts, units, strict=True):
        if not a or u is None or u is target:
            converted.append(a)
        else:  # exact: a shift of the decimal point
            converted.append(yuan_to_wan_yuan(a) if target is AmountUnit.WAN_YUAN else wan_yuan_to_yuan(a))
    other = v.YUAN.zh if target is AmountUnit.WAN_YUAN else v.WAN_YUAN.zh
    note = (
        f"各单位{label}所用单位不同，已按1{v.WAN_YUAN.zh}=10000{v.YUAN.zh}"
        f"将以{other}填报的金额换算为{target.value}后汇总。"
    )
    return converted, target, note


def _fees(reports: Sequence[AnnualReport]) -> ProcessingFees | None:
    stated = [r.other_matters.fees for r in reports]
    if all(f is None for f in stated):
        return None
    applications: list[CellValue] = [f.applications if f is not None else None for f in stated]
    amounts: list[CellValue] = [f.amount_yuan if f is not None else None for f in stated]
    total_apps = total_or_blank(applications)
    total_amount = total_or_blank(amounts)
    return ProcessingFees(
        applications=int(total_apps) if total_apps is not None else None,
        amount_yuan=Decimal(total_amount) if total_amount is not None else None,
    )


class AggregationWarning(UserWarning):
    """
    :func:`aggregate` summed something a reader should know about: members whose arithmetic
    does not hold, or amounts converted from one unit to another.  The same text is in the
    summary's 一、总体情况.

    .. versionadded:: 0.2.0
    """


def _faulty_members(members: Sequence[AnnualReport]) -> dict[str, tuple[str, ...]]:
    """
    The members with error findings of the arithmetic, and those findings' codes.

    Only relations whose cells are all filled count (``blank="ignore"``): a blank is
    the blank policy's business, not an arithmetic error of the member.  A member
    that the fast evaluator finds complete and consistent (the common case) has none,
    and is not checked one equation at a time.
    """
    from .._evaluator import clean
    from ..checks import check
    from ..rules import rule

    out: dict[str, tuple[str, ...]] = {}
    for m in members:
        if clean(m):  # every cell filled, every equation held: no arithmetic finding, as check() would say
            continue
        found = check(m, blank="ignore", narrative=False)
        codes = tuple(dict.fromkeys(f.code for f in found if f.is_error and rule(f.code).group == "arithmetic"))
        if codes:
            out[m.meta.organ_name] = codes
    return out


def _judged_members(members: Sequence[AnnualReport], errors: str) -> dict[str, tuple[str, ...]]:
    """
    The members whose arithmetic does not hold, as *errors* asks (none with ``"ignore"``).

    Raises:
        AggregationError: with ``errors="refuse"``, there are such members.
    """
    faulty = _faulty_members(members) if errors != "ignore" else {}
    if faulty and errors == "refuse":
        listing = "; ".join(f"{organ}: {', '.join(codes)}" for organ, codes in faulty.items())
        raise AggregationError(
            f"member reports whose arithmetic does not hold (成员报告勾稽关系有误): {listing}", members=tuple(faulty)
        )
    return faulty


def _member_columns(
    members: Sequence[AnnualReport], target: Edition
) -> tuple[Sequence[str], Sequence[Sequence[CellValue]]]:
    """
    Each cell of *target*'s layout that the members share, and its values (or its sum) over them.

    Members all of *target*: one pass per report (:func:`_summed_columns`), or the
    columns of the accessor's values when a cell is blank; members of both editions:
    the cells that map onto *target* (:func:`~govinfo_report._crosswalk.mapped_values`).
    """
    if all(r.meta.edition is target for r in members):
        summed = _summed_columns(members, target)  # one pass per report, when no cell is blank
        return summed if summed is not None else _columns(members, target)
    shared = [mapped_values(r, target) for r in members]
    paths = [p for p in cell_accessor(target).paths if all(p in s for s in shared)]
    return paths, [tuple(s[p] for s in shared) for p in paths]


def _summed_cells(
    members: Sequence[AnnualReport], target: Edition, policy: BlankPolicy, notes: list[str]
) -> tuple[dict[str, CellValue], AmountUnit | None]:
    """
    Every shared cell summed (blank only when blank in every member), and the 2019 采购总金额's unit.

    The amount is brought to one unit first (:func:`_amount_unit`); its note, if any, goes to *notes*.
    """
    paths, columns = _member_columns(members, target)
    values: dict[str, CellValue] = {}
    unit: AmountUnit | None = None
    for path, column in zip(paths, columns, strict=True):
        if path == _AMOUNT_PATH and target is Edition.E2019:
            converted, unit, note = _amount_unit(members, column, policy)
            if note:
                notes.append(note)
            values[path] = None if converted is None else total_or_blank(converted)
            continue
        values[path] = total_or_blank(column)
    return values, unit


def _single_row_cells(
    members: Sequence[AnnualReport], target: Edition, values: dict[str, CellValue], notes: list[str]
) -> ApplicantCounts | None:
    """
    （六）其他处理 on one row, when a member printed it so (:func:`_single_row`).

    Its sub-rows in *values* are then blank, and a note goes to *notes*.
    """
    single = _single_row(members, target)
    if single is None:
        return None
    values.update({p: None for p in values if p.startswith(OTHER_HANDLING_ROW + ".")})
    printed = "、".join(r.meta.organ_name for r in members if single_row_mode(r) == SINGLE_ALONE)
    notes.append(
        f"{printed}的{v.OTHER_HANDLING.zh}印成一行、未分子行，汇总报告的{v.OTHER_HANDLING.zh}因此也只汇总为一行："
        f"{v.OTHER_HANDLING_SINGLE_ROW.zh}，其三个子行留空。"
    )
    return single


def _sections(
    target: Edition, values: dict[str, CellValue], single: ApplicantCounts | None, unit: AmountUnit | None
) -> dict[str, Any]:
    """The three table sections of the summary from the summed cells."""
    sections: dict[str, Any] = build_sections(target, values, default=None)
    if single is not None:
        requests = sections["requests"]
        oh = attrs.evolve(requests.results.other_handling, single_row=single)
        sections["requests"] = attrs.evolve(requests, results=attrs.evolve(requests.results, other_handling=oh))
    if target is Edition.E2019:
        proactive = sections["proactive"]
        sections["proactive"] = attrs.evolve(
            proactive, procurement=attrs.evolve(proactive.procurement, amount_unit=unit)
        )
    return sections


def _faulty_note(faulty: dict[str, tuple[str, ...]]) -> str:
    listing = "；".join(f"{organ}（{'、'.join(codes)}）" for organ, codes in faulty.items())
    return f"以下成员报告的表格勾稽关系有误，已按原样汇总：{listing}。"


def _overview(members: Sequence[AnnualReport], members_year: int | None, target: Edition, notes: list[str]) -> str:
    """The text of 一、总体情况: the members named, then *notes*, then how other editions were mapped."""
    organs = [r.meta.organ_name for r in members]  # all known: _check_members refuses unnamed members
    of_year = f"{members_year}年度" if members_year is not None else ""
    intro = f"本报告汇总了以下{len(organs)}个单位的{of_year}报告：{'、'.join(organs)}。"
    mapped = [r.meta.organ_name for r in members if r.meta.edition is not target]
    if mapped:
        by_path = layout(target).by_path
        decisions = "、".join(by_path[p].row_terms[-1].zh for p in SHARED_PROACTIVE)
        notes = [
            *notes,
            f"其中{'、'.join(mapped)}使用{Edition.E2021.value}年版格式，其{v.OTHER_HANDLING.zh}的三个子项已合并计入"
            f"{v.OTHER_HANDLING.zh}；表二只汇总两版含义相同的{decisions}的{v.DECISIONS_2019.zh}，其余单元格留空。",
        ]
    return "".join([intro, *notes])


@exact("aggregate")
def aggregate(
    reports: Iterable[AnnualReport],
    *,
    organ: str,
    year: int | None = None,
    edition: Edition | str | None = None,
    blank: BlankPolicy | str = BlankPolicy.ZERO,
    map_other_handling: bool = False,
    title: str | None = None,
    division_code: str | None = None,
    errors: str = "warn",
) -> AnnualReport:
    """
    The summary (汇总) of *reports*: every table cell summed, the members listed.

    See the module documentation for the blank policies, editions and units.  The
    stages, in order: the members and options checked, the members whose arithmetic
    does not hold, the edition of the summary, the strict policy's blanks, the cells
    summed (the amount in one unit), （六）其他处理 on one row, the sections, the
    warnings, the report with its overview.

    Args:
        reports: The member reports (one per organ), all of one year.
        organ: The organ (government level) of the summary, e.g. ``某某县人民政府``.
        year: The report year; by default the members' year (if given, it must be theirs).
        edition: The edition of the summary; by default the members' edition.
            Required, as ``"2019"``, to sum members of both editions.
        blank: The blank-cell policy: ``"zero"``, ``"ignore"`` or ``"strict"``.
        map_other_handling: Sum members of the 2021 edition into a 2019-edition
            summary (with ``edition="2019"``), mapping 三（六）其他处理 as described above.
        title: The summary's title (``meta.title``), or None.
        division_code: The administrative division code (``meta.division_code``), or None.
        errors: What to do with members whose own arithmetic does not hold
            (error findings of :func:`govinfo_report.check`): ``"warn"`` (the
            default) sums them as stated, names them in the note of 一 and
            issues an :class:`AggregationWarning` (as for a unit conversion); ``"refuse"`` raises
            AggregationError naming them; ``"ignore"`` sums them silently.

    Returns:
        A new report with ``meta.scope`` government_level and ``meta.members``
        the member organs in input order.

    Raises:
        AggregationError: No reports; reports of different years, or of the
            same organ twice; editions that differ without the mapping; 采购总金额
            amounts without a unit beside amounts with one (strict policy only); a blank cell under the
            strict policy (every blank member cell is listed in ``cells``); with
            ``errors="refuse"``, members whose arithmetic does not hold.
        InputLimitError: An amount, or the sum of amounts, has more significant
            digits than can be computed exactly (100).
        OptionError: An unknown *blank* policy or *edition*, or an item of
            *reports* that is not an AnnualReport.
        CellValueError: *organ* is empty, or *year* is not a report year.

    .. versionadded:: 0.1.0
    """
    members = list(reports)
    policy = blank_policy(blank)
    if errors not in ("warn", "refuse", "ignore"):
        raise OptionError(f"unknown errors option {errors!r}; expected 'warn', 'refuse' or 'ignore'")
    members_year = _check_members(members, year)
    faulty = _judged_members(members, errors)
    target = _target_edition(members, edition, map_other_handling)
    if policy is BlankPolicy.STRICT:
        _strict_blanks(members, target)

    notes: list[str] = []
    values, unit = _summed_cells(members, target, policy, notes)
    single = _single_row_cells(members, target, values, notes)
    sections = _sections(target, values, single, unit)
    if faulty:
        notes.append(_faulty_note(faulty))
    for note in notes:
        warnings.warn(AggregationWarning(note), stacklevel=caller_stacklevel())
    meta = ReportMeta(
        organ=organ,
        year=members_year,
        edition=target,
        title=title,
        division_code=division_code,
        scope=Scope.GOVERNMENT_LEVEL,
        members=tuple(r.meta.organ_name for r in members),
    )
    return AnnualReport(
        meta=meta,
        overview=Narrative(text=_overview(members, members_year, target, notes)),
        problems=Narrative(text=""),
        other_matters=OtherMatters(text="", fees=_fees(members)),
        **sections,
    )
