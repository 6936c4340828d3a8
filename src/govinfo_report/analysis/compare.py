"""
Comparison of two reports: last year against this year, or two versions of one report.

:func:`compare` lines the two reports up cell by cell and section by section:

* every cell the two reports share, with its Chinese row and column labels,
  the old and the new value, the change (new − old; None when either is
  blank) and the change in percent (only where the old value is non-zero;
  a :class:`~decimal.Decimal` rounded half-up to two places, e.g. ``Decimal("50.00")``);
* the narratives 一、总体情况, 五、存在的主要问题及改进情况 and 六、其他需要报告的事项 as
  unified diffs (:mod:`difflib`), line by line;
* notes on anything that limits the comparison (another organ, the same year,
  another edition, amounts in different units).

Editions: two reports of one edition share every cell.  A 2019-edition report
(2019, 2020) and a 2021-edition one share tables 三 and 四, compared in the
2019 layout with the three 2021 sub-rows of 三（六）其他处理 summed onto the
single 2019 row, and, of table 二, only the decisions of 行政许可, 行政处罚 and
行政强制 (处理决定数量 / 本年处理决定数量).  The cells that only one of the
two reports has are listed (``only_old``, ``only_new``), never compared.

Reports of different organs are compared (an organ may be renamed in a
reorganisation), with a note saying so.

The 2019 采购总金额 is compared in the old report's unit: a new amount in the
other unit (元 or 万元) is converted exactly, and a note says so; when either
report gives no unit for a non-zero amount, the change is None.

Examples:
    >>> from govinfo_report import AnnualReport, replace_cell
    >>> old = replace_cell(AnnualReport.blank("2021", organ="某某局", year=2022, fill=0),
    ...                    "$.requests.received.natural_person", 4)
    >>> new = replace_cell(AnnualReport.blank("2021", organ="某某局", year=2023, fill=0),
    ...                    "$.requests.received.natural_person", 6)
    >>> c = compare(old, new)
    >>> [(x.row, x.column, x.old, x.new, x.change, x.change_pct) for x in c.changed()]
    [('一、本年新收政府信息公开申请数量', '自然人', 4, 6, 2, Decimal('50.00'))]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import difflib
import json
from decimal import Decimal
from typing import Any, Literal, Union

from attrs import frozen

from .. import vocab as v
from .._crosswalk import OTHER_HANDLING_ROW, common_edition, mapped_paths, mapped_values, other_handling_row
from .._exact import exact, percent, wan_yuan_to_yuan, yuan_to_wan_yuan
from ..errors import OptionError
from ..model import AmountUnit, AnnualReport, Edition, Proactive2019, ReportMeta
from ..tables import layout, single_row_cells, single_row_values

__all__ = ["CellChange", "Comparison", "NarrativeDiff", "compare"]

CellValue = Union[int, Decimal, None]

_AMOUNT_PATH = "$.proactive.procurement.amount"
_NARRATIVES = (("overview", v.OVERVIEW), ("problems", v.PROBLEMS), ("other_matters", v.OTHER_MATTERS))


@frozen(kw_only=True)
class CellChange:
    """
    One cell in both reports.

    Attributes:
        path: The cell's path (in the layout of the comparison, see :attr:`Comparison.edition`).
        table: ``"二"``, ``"三"`` or ``"四"``.
        row: The Chinese row label, as in records.
        column: The Chinese column label, as in records.
        old: The old report's value (None for blank).
        new: The new report's value (None for blank), as the new report states it.
        change: ``new - old``, or None when either is blank (or the amounts' units are unknown);
            for a 2019 采购总金额 in another unit, in the old report's unit.
        change_pct: ``change / old × 100`` rounded half-up to two places, or
            None when *change* is None or *old* is 0.

    .. versionadded:: 0.1.0
    """

    path: str
    table: str
    row: str
    column: str
    old: CellValue
    new: CellValue
    change: CellValue
    change_pct: Decimal | None

    @property
    def changed(self) -> bool:
        """True when the two values differ (a blank differs from 0)."""
        return self.old != self.new


@frozen(kw_only=True)
class NarrativeDiff:
    """
    One narrative section in both reports, as a unified diff.

    Attributes:
        section: ``overview``, ``problems`` or ``other_matters``.
        title: The section heading, e.g. ``五、存在的主要问题及改进情况``.
        diff: The unified diff of the section's lines (title and text of every
            subsection included); empty when the texts are the same.

    .. versionadded:: 0.1.0
    """

    section: str
    title: str
    diff: str


def _meta_dict(meta: ReportMeta) -> dict[str, Any]:
    return {"organ": meta.organ, "year": meta.year, "edition": meta.edition.value, "scope": meta.scope.value}


def _json_value(value: CellValue) -> Any:
    return str(value) if isinstance(value, Decimal) else value


@frozen(kw_only=True)
class Comparison:
    """
    What :func:`compare` found.

    Attributes:
        old: The old report's metadata.
        new: The new report's metadata.
        edition: The layout the cells are compared in (the reports' edition,
            or 2019 when they differ).
        cells: Every shared cell, in official order, changed or not.
        narratives: The three narrative sections.
        only_old: Paths of the old report's cells that the new one has no counterpart for.
        only_new: Paths of the new report's cells that the old one has no counterpart for.
        notes: What limits the comparison, one sentence each (Chinese / English).

    .. versionadded:: 0.1.0
    """

    old: ReportMeta
    new: ReportMeta
    edition: Edition
    cells: tuple[CellChange, ...]
    narratives: tuple[NarrativeDiff, ...]
    only_old: tuple[str, ...] = ()
    only_new: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def changed(self) -> tuple[CellChange, ...]:
        """The cells whose value differs, in official order."""
        return tuple(c for c in self.cells if c.changed)

    def to_dict(self) -> dict[str, Any]:
        """
        The comparison as JSON types: ``old``/``new`` (organ, year, edition, scope), ``edition``,
        ``cells`` (path, table, row, column, old, new, change, change_pct; amounts and
        percentages as decimal strings, blanks null), ``narratives`` (section, title,
        diff), ``only_old``, ``only_new`` and ``notes``.
        """
        return {
            "old": _meta_dict(self.old),
            "new": _meta_dict(self.new),
            "edition": self.edition.value,
            "cells": [
                {
                    "path": c.path,
                    "table": c.table,
                    "row": c.row,
                    "column": c.column,
                    "old": _json_value(c.old),
                    "new": _json_value(c.new),
                    "change": _json_value(c.change),
                    "change_pct": None if c.change_pct is None else str(c.change_pct),
                }
                for c in self.cells
            ],
            "narratives": [{"section": n.section, "title": n.title, "diff": n.diff} for n in self.narratives],
            "only_old": list(self.only_old),
            "only_new": list(self.only_new),
            "notes": list(self.notes),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (Chinese unescaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def render(self, format: Literal["text", "json"] = "text", *, all_cells: bool = False) -> str:
        """
        The comparison as text (tables drawn with tabulate) or JSON.

        Args:
            format: ``"text"`` or ``"json"`` (:meth:`to_json`, always every cell).
            all_cells: In text, list every shared cell, not only the changed ones.

        Raises:
            OptionError: An unknown *format*.
        """
        if format == "json":
            return self.to_json()
        if format != "text":
            raise OptionError(f"unknown format {format!r}; expected 'text' or 'json'")
        return _render_text(self, all_cells)

    def _repr_html_(self) -> str:
        """The changed cells as a table, the notes and the narrative diffs, as notebooks show them."""
        from .._display import comparison_html

        return comparison_html(self)


def _describe(meta: ReportMeta) -> str:
    year = f"{meta.year}年度" if meta.year is not None else v.UNKNOWN_YEAR.zh
    return f"{meta.organ_name} {year}（{meta.edition.value}年版）"


def _render_text(c: Comparison, all_cells: bool) -> str:
    from tabulate import tabulate  # imported here: only drawing a table needs it

    lines = [f"比较 / comparison: {_describe(c.old)} → {_describe(c.new)}"]
    lines += [f"注 / note: {n}" for n in c.notes]
    shown = c.cells if all_cells else c.changed()
    lines.append("")
    if shown:
        rows = [
            [
                x.table,
                x.row,
                x.column,
                _text(x.old),
                _text(x.new),
                _signed(x.change),
                "" if x.change_pct is None else f"{x.change_pct:+}%",
            ]
            for x in shown
        ]
        headers = ["表", "行 row", "列 column", "原值 old", "新值 new", "增减 change", "增减% change %"]
        lines.append(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True))
    else:
        lines.append("表格数字没有变化 / no table cell changed")
    n_changed = len(c.changed())
    lines.append("")
    lines.append(f"{n_changed} 个单元格有变化，共比较 {len(c.cells)} 个 / {n_changed} of {len(c.cells)} cells changed")
    if c.only_old or c.only_new:
        lines.append(
            f"未比较：原报告 {len(c.only_old)} 个、新报告 {len(c.only_new)} 个单元格在另一份报告中没有对应项 / "
            f"not compared: {len(c.only_old)} old and {len(c.only_new)} new cells without a counterpart"
        )
    for n in c.narratives:
        lines.append("")
        if n.diff:
            lines.append(n.diff)
        else:
            lines.append(f"{n.title}：文字相同 / text unchanged")
    from ..render.text import terminal_safe

    return terminal_safe("\n".join(lines) + "\n")


def _text(value: CellValue) -> str:
    return "" if value is None else str(value)


def _signed(value: CellValue) -> str:
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)


def _pct(change: CellValue, old: CellValue) -> Decimal | None:
    if change is None or old is None or old == 0:
        return None
    return percent(change, old)


def _unit(report: AnnualReport) -> AmountUnit | None:
    return report.proactive.procurement.amount_unit if isinstance(report.proactive, Proactive2019) else None


def _amounts(old: AnnualReport, new: AnnualReport, a: CellValue, b: CellValue) -> tuple[CellValue, bool, str]:
    """The new 采购总金额 in the old report's unit, whether it can be compared, and a note."""
    u_old, u_new = _unit(old), _unit(new)
    label = v.PROCUREMENT_AMOUNT.zh
    if u_old is u_new or not a or not b:
        return b, True, ""
    if u_old is None or u_new is None:
        return (
            b,
            False,
            (
                f"表二 {label}：一份报告未注明单位（{_unit_name(u_old)} / {_unit_name(u_new)}），未计算增减 / "
                f"{v.PROCUREMENT_AMOUNT.en}: a report gives no unit; no change computed"
            ),
        )
    converted = wan_yuan_to_yuan(b) if u_old is AmountUnit.YUAN else yuan_to_wan_yuan(b)
    return (
        converted,
        True,
        (
            f"表二 {label}：新报告以{u_new.value}填报，"
            f"已按1{v.WAN_YUAN.zh}=10000{v.YUAN.zh}换算为{u_old.value}后比较 / "
            f"{v.PROCUREMENT_AMOUNT.en}: the new amount was converted exactly into {u_old.value}"
        ),
    )


def _unit_name(unit: AmountUnit | None) -> str:
    return "未注明" if unit is None else unit.value


def _diff(old: AnnualReport, new: AnnualReport, section: str, title: str) -> str:
    a = getattr(old, section).full_text().splitlines()
    b = getattr(new, section).full_text().splitlines()
    lines = difflib.unified_diff(
        a,
        b,
        fromfile=f"{old.meta.organ_name} {old.meta.year_name} {title}",
        tofile=f"{new.meta.organ_name} {new.meta.year_name} {title}",
        lineterm="",
    )
    return "\n".join(lines)


def _single_row_changes(old: AnnualReport, new: AnnualReport) -> list[CellChange]:
    """（六）其他处理 of two 2021 reports as one row each (:func:`~govinfo_report._crosswalk.other_handling_row`)."""
    a_row, b_row = other_handling_row(old), other_handling_row(new)
    out = []
    for spec in single_row_cells(Edition.E2021):
        a, b = a_row[spec.column_key], b_row[spec.column_key]
        change = b - a if a is not None and b is not None else None
        out.append(
            CellChange(
                path=spec.path,
                table=spec.table,
                row=spec.row,
                column=spec.column,
                old=a,
                new=b,
                change=change,
                change_pct=_pct(change, a),
            )
        )
    return out


@exact("compare")
def compare(old: AnnualReport, new: AnnualReport) -> Comparison:
    """
    *old* and *new* compared cell by cell and section by section.

    See the module documentation for what is compared across editions.

    Args:
        old: The earlier report (e.g. last year's, or the first version).
        new: The later report.

    Returns:
        The :class:`Comparison`.

    Raises:
        OptionError: *old* or *new* is not an AnnualReport.
        InputLimitError: An amount, or a difference of amounts, has more
            significant digits than can be computed exactly (100).

    .. versionadded:: 0.1.0
    """
    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, AnnualReport):
            raise OptionError(f"{name}: expected an AnnualReport, got {type(value).__name__}")
    e_old, e_new = old.meta.edition, new.meta.edition
    target = common_edition(e_old, e_new)
    notes: list[str] = []
    if None not in (old.meta.organ, new.meta.organ) and old.meta.organ != new.meta.organ:
        notes.append(
            f"两份报告的{v.ORGAN.zh}不同（{old.meta.organ} / {new.meta.organ}） / the reports are by different organs"
        )
    if old.meta.year is not None and old.meta.year == new.meta.year:
        notes.append(f"两份报告的{v.YEAR.zh}相同（{old.meta.year}） / both reports are for the same year")
    if e_old is not e_new:
        notes.append(
            f"两份报告的{v.EDITION.zh}不同，按2019年版比较：表三{v.OTHER_HANDLING.zh}的2021年版三个子项合并比较，"
            f"表二只比较处理决定数量 / the editions differ: compared in the 2019 layout"
        )
    lay = layout(target)
    old_values = mapped_values(old, target)
    new_values = mapped_values(new, target)
    paths = [p for p in mapped_paths(e_old, target) if p in new_values]
    cells = []
    for path in paths:
        spec = lay.by_path[path]
        a, b = old_values[path], new_values[path]
        comparable = True
        if path == _AMOUNT_PATH:
            b_cmp, comparable, note = _amounts(old, new, a, b)
            if note:
                notes.append(note)
        else:
            b_cmp = b
        change: CellValue = None
        if comparable and a is not None and b_cmp is not None:
            change = b_cmp - a
        cells.append(
            CellChange(
                path=path,
                table=spec.table,
                row=spec.row,
                column=spec.column,
                old=a,
                new=b,
                change=change,
                change_pct=_pct(change, a),
            )
        )
    if target is Edition.E2021 and (single_row_values(old) or single_row_values(new)):
        cells += _single_row_changes(old, new)
        notes.append(
            f"{v.OTHER_HANDLING.zh}印成一行的报告，另按一行比较（{v.OTHER_HANDLING_SINGLE_ROW.zh}；分子行的报告取三个子行之和）"
            " / (6) other handling printed as one row is also compared as one row (the sum of the sub-rows for a "
            "report that prints them)"
        )
    compared = set(paths)

    def unmatched(report: AnnualReport) -> tuple[str, ...]:
        mapped_sub = report.meta.edition is not target  # its 2021 （六） sub-rows were summed, not dropped
        return tuple(
            c.path
            for c in layout(report.meta.edition).cells
            if c.path not in compared and not (mapped_sub and c.path.startswith(OTHER_HANDLING_ROW + "."))
        )

    narratives = tuple(NarrativeDiff(section=s, title=t.zh, diff=_diff(old, new, s, t.zh)) for s, t in _NARRATIVES)
    return Comparison(
        old=old.meta,
        new=new.meta,
        edition=target,
        cells=tuple(cells),
        narratives=narratives,
        only_old=unmatched(old),
        only_new=unmatched(new),
        notes=tuple(notes),
    )
