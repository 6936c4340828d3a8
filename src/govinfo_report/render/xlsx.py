"""
Excel (.xlsx) output: the official tables as a workbook, and a fill-in template.

:func:`write_xlsx` writes a report as a workbook:

* the sheet 报告信息 lists the metadata, the fees of 六 and the narratives of
  一、五、六, one item per row (a stable key, the item's Chinese name, its
  value), so that the workbook reads back to the same report;
* one sheet per table (二、三、四), named after its section, with the section
  heading in the first row and the table below it in the official layout: the
  grid of :func:`govinfo_report.render.grid.table_grid`, with its merged label
  cells and the official labels.  Counts are whole numbers, amounts keep their
  decimals (and the unit the report printed, 万元 or 元, as a number format);
  a blank cell is left empty, never 0.  Value cells carry data validation
  (whole numbers ≥ 0; amounts ≥ 0).

The keys of 报告信息 (column 键) are ``organ``, ``year``, ``edition``, ``title``,
``division_code``, ``published`` (ISO date), ``scope`` (本机关 or 本级政府),
``members`` (one row each), ``fees`` (是 when 六 states its fees),
``fees.applications``, ``fees.amount_yuan``, and for each of ``overview``,
``problems`` and ``other_matters``: ``….text``, then ``….subsection.title`` and
``….subsection.text`` per subsection.  A text longer than a cell holds goes on
in the next row with the same key; a further row added by hand is a new line.

:func:`write_xlsx_template` writes the same workbook for *edition* with every
cell empty, to be filled in by hand, and a sheet 勾稽关系 that lists the rules
of the catalogue (:data:`govinfo_report.rules.CATALOGUE`) in Chinese.

:func:`govinfo_report.importers.xlsx.parse_xlsx` reads workbooks, ours and anyone's.

:func:`write_records_xlsx` writes flat records (:func:`govinfo_report.to_records`,
indicators) as one sheet, numbers as numbers.

All of them need openpyxl, the optional ``xlsx`` extra (``pip install
"govinfo-report[xlsx]"``); without it they raise
:class:`~govinfo_report.errors.MissingDependencyError`.

>>> import io
>>> from govinfo_report import AnnualReport, MissingDependencyError, parse_xlsx
>>> report = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
>>> buffer = io.BytesIO()
>>> try:
...     write_xlsx(report, buffer)
...     back = parse_xlsx(io.BytesIO(buffer.getvalue())).report
... except MissingDependencyError:  # openpyxl is not installed
...     back = report
>>> back == report
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, ClassVar, Union

from .. import vocab as v
from .._extras import require
from .._fields import Kind
from ..errors import CellValueError
from ..export.records import RECORD_KEYS
from ..model import AnnualReport, Edition, Narrative, OtherMatters, Scope
from ..rules import CATALOGUE, Severity
from ..tables import get_cell, layout, single_row_cells
from .grid import TableGrid, iter_grid_positions, table_grid
from .text import _sections

if TYPE_CHECKING:
    pass

__all__ = ["XlsxTarget", "write_records_xlsx", "write_xlsx", "write_xlsx_template"]

XlsxTarget = Union[str, "os.PathLike[str]", IO[bytes]]
"""Where a workbook is: a path, or a binary file object."""

FONT = "宋体"
FONT_SIZE = 10.5
# Column widths in Excel's units (about one Latin character; a Chinese character takes about two).
_CJK_WIDTH = 2.0
_LABEL_WIDTH = 44.0
_VALUE_WIDTH = 11.0
# Excel holds at most 32767 characters in a cell; longer narratives continue on the next row.
_CHUNK = 32000
_TABLE_ATTRS = {v.PROACTIVE: "proactive", v.REQUESTS: "requests", v.DISPUTES: "disputes"}
_NARRATIVES = {v.OVERVIEW: "overview", v.PROBLEMS: "problems", v.OTHER_MATTERS: "other_matters"}
_INFO_HEADER = (v.INFO_KEY.zh, v.INFO_ITEM.zh, v.INFO_VALUE.zh)
_RULES_HEADER = (v.RULE_CODE.zh, v.RULE_SEVERITY.zh, v.RULE_GROUP.zh, v.RULE_TEXT.zh)
_RULE_GROUPS = {"arithmetic": v.RULE_GROUP_ARITHMETIC, "report": v.RULE_GROUP_REPORT,
                "continuity": v.RULE_GROUP_CONTINUITY}  # fmt: skip
_SEVERITIES = {Severity.ERROR: v.SEVERITY_ERROR, Severity.WARNING: v.SEVERITY_WARNING, Severity.INFO: v.SEVERITY_INFO}
_SCOPES = {Scope.ORGAN: v.SCOPE_ORGAN, Scope.GOVERNMENT_LEVEL: v.SCOPE_GOVERNMENT_LEVEL}
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_SPACE = re.compile(r"[ \t\n\r\f]+")


def _require(feature: str) -> Any:
    return require("openpyxl", "openpyxl", "xlsx", feature)


# ----------------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------------


def _check_text(text: str, where: str) -> str:
    if _XML_ILLEGAL.search(text):
        raise CellValueError(where, text, "contains a control character that a workbook cannot hold")
    return text


def _put_text(cell: Any, text: str, where: str) -> None:
    """A text cell that stays text (a leading ``=`` does not make it a formula)."""
    cell.value = _check_text(text, where)
    cell.data_type = "s"


def _number_format(value: Decimal, unit: str = "") -> str:
    """An Excel number format showing *value* with its decimals, then *unit* (``0.00"万元"``)."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    number = "0." + "0" * places if places else "0"
    return number + (f'"{unit}"' if unit else "")


class _Styles:
    """The cell styles of the workbook (openpyxl objects, made once per workbook)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        side = Side(style="thin", color="000000")
        self.border = Border(left=side, right=side, top=side, bottom=side)
        self.font = Font(name=FONT, size=FONT_SIZE)
        self.bold = Font(name=FONT, size=FONT_SIZE, bold=True)
        self.heading = Font(name=FONT, size=14, bold=True)
        self.fill = PatternFill("solid", fgColor="F2F2F2")
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.top = Alignment(horizontal="left", vertical="top", wrap_text=True)


class _Validations:
    """One data validation per kind of value cell, made when its first cell comes (Excel wants none empty)."""

    _RULES: ClassVar[dict[Kind, tuple[str, str, tuple[str, ...], str]]] = {
        Kind.COUNT: ("whole", "greaterThanOrEqual", ("0",), "请填写不小于0的整数；空白表示未填报，不等于0"),
        Kind.SIGNED: ("whole", "between", ("-999999999", "999999999"), "请填写整数（减少填负数）"),
        Kind.AMOUNT: ("decimal", "greaterThanOrEqual", ("0",), "请填写不小于0的金额，可带小数"),
    }

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.by_kind: dict[Kind, Any] = {}

    def add(self, kind: Kind, coordinate: str) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        if kind not in self.by_kind:
            type_, operator, formulas, what = self._RULES[kind]
            second = formulas[1] if len(formulas) > 1 else None
            dv = DataValidation(
                type=type_, operator=operator, formula1=formulas[0], formula2=second,
                allow_blank=True, showErrorMessage=True, errorTitle="数值无效", error=what, promptTitle="填写说明",
                prompt=what, showInputMessage=True,
            )  # fmt: skip
            self.ws.add_data_validation(dv)
            self.by_kind[kind] = dv
        self.by_kind[kind].add(coordinate)


def _table_sheet(wb: Any, report: AnnualReport, heading: v.Term, styles: _Styles) -> None:
    from openpyxl.utils import get_column_letter

    grid = table_grid(report, _TABLE_ATTRS[heading])
    ws = wb.create_sheet(heading.zh)
    _put_text(ws.cell(1, 1), heading.zh, heading.key)
    ws.cell(1, 1).font = styles.heading
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=grid.width)
    ws.row_dimensions[1].height = 24
    validations = _Validations(ws)
    # the layout's cells, and （六）其他处理（未分子行） when the grid prints OtherHandling.single_row
    cells = {**layout(report.meta.edition).by_path, **{c.path: c for c in single_row_cells(report.meta.edition)}}
    offset = 2  # the grid starts under the heading
    widths = [_VALUE_WIDTH] * grid.width
    label_columns: set[int] = set()
    for r, c, cell in iter_grid_positions(grid):
        row, col = r + offset, c + 1
        target = ws.cell(row, col)
        target.border = styles.border
        if cell.kind == "value":
            assert cell.path is not None
            spec = cells[cell.path]
            value = get_cell(report, cell.path)
            if value is not None:
                target.value = value
                if isinstance(value, Decimal):
                    # the grid prints the unit after the number when the report gave one (采购总金额)
                    target.number_format = _number_format(value, cell.text[len(str(value)) :])
                else:
                    target.number_format = "0"
            elif spec.kind is Kind.AMOUNT:
                target.number_format = "0.00"
            else:
                target.number_format = "0"
            target.font, target.alignment = styles.font, styles.center
            validations.add(spec.kind, target.coordinate)
        else:
            _put_text(target, cell.text, cell.kind)
            target.font = styles.bold if cell.kind == "caption" else styles.font
            target.alignment = styles.center if cell.kind == "header" else styles.left
            target.fill = styles.fill
            if cell.colspan == 1 and cell.rowspan == 1 and cell.kind == "label":
                label_columns.add(c)
                widths[c] = max(widths[c], min(_LABEL_WIDTH, _CJK_WIDTH * len(cell.text) + 2))
        if cell.rowspan > 1 or cell.colspan > 1:  # openpyxl draws the top-left cell's borders round the range
            ws.merge_cells(start_row=row, start_column=col, end_row=row + cell.rowspan - 1,
                           end_column=col + cell.colspan - 1)  # fmt: skip
    for c, width in enumerate(widths):
        # label columns as wide as their labels (wrapped beyond _LABEL_WIDTH), value columns alike
        ws.column_dimensions[get_column_letter(c + 1)].width = width if c in label_columns else _VALUE_WIDTH
    _print_setup(ws, grid)


def _print_setup(ws: Any, grid: TableGrid) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if grid.width > 6 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if grid.head:
        ws.print_title_rows = f"2:{1 + len(grid.head)}"


def _info_rows(report: AnnualReport | None, edition: Edition) -> Iterator[tuple[str, str, Any]]:
    """The rows of 报告信息: (key, Chinese item, value); *report* None gives the empty rows of a template."""
    meta = report.meta if report is not None else None
    yield "organ", v.ORGAN.zh, meta.organ if meta else None
    yield "year", v.YEAR.zh, meta.year if meta else None
    yield "edition", v.EDITION.zh, edition.value
    yield "title", v.TITLE.zh, meta.title if meta else None
    yield "division_code", v.DIVISION_CODE.zh, meta.division_code if meta else None
    yield "published", v.PUBLISHED.zh, meta.published.isoformat() if meta and meta.published else None
    yield "scope", v.SCOPE.zh, _SCOPES[meta.scope].zh if meta else _SCOPES[Scope.ORGAN].zh
    members: Sequence[str] = meta.members if meta else ()
    for member in members or (None,):
        yield "members", v.MEMBERS.zh, member
    fees = report.other_matters.fees if report is not None else None
    yield "fees", v.FEES_STATED.zh, v.YES.zh if fees is not None else None
    yield "fees.applications", v.FEE_APPLICATIONS.zh, fees.applications if fees else None
    yield "fees.amount_yuan", v.FEE_AMOUNT_YUAN.zh, fees.amount_yuan if fees else None
    for heading, attr in _NARRATIVES.items():
        section: Narrative | OtherMatters | None = getattr(report, attr) if report is not None else None
        text = section.text if section else ""
        for chunk in _chunks(text):
            yield f"{attr}.text", f"{heading.zh} {v.SECTION_TEXT.zh}", chunk
        for sub in section.subsections if section else ():
            for chunk in _chunks(sub.title):
                yield f"{attr}.subsection.title", f"{heading.zh} {v.SUBSECTION_TITLE.zh}", chunk
            for chunk in _chunks(sub.text):
                yield f"{attr}.subsection.text", f"{heading.zh} {v.SUBSECTION_TEXT.zh}", chunk


def _chunks(text: str) -> list[str | None]:
    if not text:
        return [None]
    return [text[i : i + _CHUNK] for i in range(0, len(text), _CHUNK)]


def _info_sheet(wb: Any, report: AnnualReport | None, edition: Edition, styles: _Styles) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.active
    ws.title = v.REPORT_INFO.zh
    for col, text in enumerate(_INFO_HEADER, start=1):
        cell = ws.cell(1, col)
        _put_text(cell, text, "header")
        cell.font, cell.fill, cell.border = styles.bold, styles.fill, styles.border
    year = DataValidation(type="whole", operator="between", formula1="2008", formula2="2100", allow_blank=True,
                          error="年度为2008至2100之间的整数", showErrorMessage=True)  # fmt: skip
    scopes = ",".join(t.zh for t in _SCOPES.values())
    scope = DataValidation(type="list", formula1=f'"{scopes}"', allow_blank=True)
    stated = DataValidation(type="list", formula1=f'"{v.YES.zh}"', allow_blank=True)
    count = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                           error="请填写不小于0的整数", showErrorMessage=True)  # fmt: skip
    amount = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            error="请填写不小于0的金额", showErrorMessage=True)  # fmt: skip
    for dv in (year, scope, stated, count, amount):
        ws.add_data_validation(dv)
    checks = {"year": year, "scope": scope, "fees": stated, "fees.applications": count, "fees.amount_yuan": amount}
    for row, (key, item, value) in enumerate(_info_rows(report, edition), start=2):
        ws.cell(row, 1).value = key
        _put_text(ws.cell(row, 2), item, key)
        target = ws.cell(row, 3)
        if isinstance(value, str):
            _put_text(target, value, f"{v.REPORT_INFO.zh} {item}")
        elif value is not None:
            target.value = value
            target.number_format = _number_format(value) if isinstance(value, Decimal) else "0"
        for col in (1, 2, 3):
            ws.cell(row, col).border = styles.border
            ws.cell(row, col).font = styles.font
            ws.cell(row, col).alignment = styles.top
        if key in checks:
            checks[key].add(target.coordinate)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 90
    ws.freeze_panes = "A2"


def _rules_sheet(wb: Any, edition: Edition, styles: _Styles) -> None:
    ws = wb.create_sheet(v.BALANCE_RULES.zh)
    for col, text in enumerate(_RULES_HEADER, start=1):
        cell = ws.cell(1, col)
        _put_text(cell, text, "header")
        cell.font, cell.fill, cell.border = styles.bold, styles.fill, styles.border
    rules = [r for r in CATALOGUE if edition in r.editions and r.group in _RULE_GROUPS]
    for row, rule in enumerate(rules, start=2):
        values = (rule.code, _SEVERITIES[rule.severity].zh, _RULE_GROUPS[rule.group].zh, rule.zh)
        for col, text in enumerate(values, start=1):
            cell = ws.cell(row, col)
            _put_text(cell, text, rule.code)
            cell.font, cell.border, cell.alignment = styles.font, styles.border, styles.top
    for letter, width in zip("ABCD", (28, 8, 14, 90), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"


def _save(wb: Any, path: XlsxTarget) -> None:
    """Save *wb*; to a file name atomically, so a failed write leaves the file that was there."""
    from ._package import save_package

    save_package(wb.save, path)


def _workbook(report: AnnualReport | None, edition: Edition, *, rules: bool) -> Any:
    openpyxl = _require("write_xlsx_template" if report is None else "write_xlsx")
    wb = openpyxl.Workbook()
    styles = _Styles()
    _info_sheet(wb, report, edition, styles)
    tables = report if report is not None else AnnualReport.blank(edition, organ="-")
    for heading, body in _sections(tables):
        if isinstance(body, str):
            _table_sheet(wb, tables, heading, styles)
    if rules:
        _rules_sheet(wb, edition, styles)
    if report is not None:
        wb.properties.title = report.meta.title or None
    wb.properties.language = "zh-CN"
    return wb


def write_xlsx(report: AnnualReport, path: XlsxTarget) -> None:
    """
    Write *report* as an Excel workbook: 报告信息, then one sheet per table in the official layout.

    Counts are whole numbers and amounts keep their decimals (number format
    ``0.00``, with the unit the report printed for 采购总金额); blank cells
    stay empty.  :func:`parse_xlsx` reads the workbook back to the same report.

    Args:
        report: The report.
        path: A file name (written through a temporary file, so a failure
            leaves no half-written workbook), or a binary file object.

    Raises:
        MissingDependencyError: openpyxl is not installed (the ``xlsx`` extra).
        CellValueError: A text holds a control character that a workbook cannot store.
        OSError: The file cannot be written.

    .. versionadded:: 0.1.0
    """
    _save(_workbook(report, report.meta.edition, rules=False), path)


def write_xlsx_template(edition: Edition | str, path: XlsxTarget) -> None:
    """
    Write an empty workbook of *edition* to fill in: the official tables, 报告信息 and the 勾稽关系.

    Every value cell is empty and has data validation (counts: whole numbers
    ≥ 0; 本年增/减: whole numbers; amounts: ≥ 0 with decimals).  The sheet
    勾稽关系 lists the rules of the catalogue that apply to *edition*, in
    Chinese.  Fill in 报告信息 (at least 发布机关 and 年度), the tables and the
    narratives, then read the workbook with :func:`parse_xlsx` or
    :func:`govinfo_report.importers.parse`.

    Args:
        edition: ``"2019"`` or ``"2021"``.
        path: A file name, or a binary file object.

    Raises:
        MissingDependencyError: openpyxl is not installed (the ``xlsx`` extra).
        ValueError: An unknown edition.
        OSError: The file cannot be written.

    .. versionadded:: 0.1.0
    """
    _save(_workbook(None, Edition(edition), rules=True), path)


def write_records_xlsx(
    records: Iterable[Mapping[str, Any]],
    path: XlsxTarget,
    *,
    keys: Sequence[str] = RECORD_KEYS,
    sheet: str = "records",
    percent: Sequence[str] = (),
) -> None:
    """
    Flat records (one dict per row) as a workbook of one sheet: a header row of *keys*, then one row per record.

    Numbers stay numbers: ints, floats, and the decimal strings of amounts in
    the ``value`` column (as :func:`govinfo_report.to_records` gives them) are
    written as numbers with their decimals; None is an empty cell.

    Args:
        records: The records, e.g. :func:`govinfo_report.to_records` or
            :meth:`govinfo_report.analysis.indicators.Indicators.to_dict` values.
        path: A file name, or a binary file object.
        keys: The columns, in order (default :data:`govinfo_report.RECORD_KEYS`).
        sheet: The sheet's name.
        percent: Columns to show as percentages (their values are ratios).

    Raises:
        MissingDependencyError: openpyxl is not installed (the ``xlsx`` extra).
        CellValueError: A text holds a control character that a workbook cannot store.
        OSError: The file cannot be written.

    .. versionadded:: 0.1.0
    """
    openpyxl = _require("write_records_xlsx")
    from openpyxl.utils import get_column_letter

    styles = _Styles()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for col, key in enumerate(keys, start=1):
        _put_text(ws.cell(1, col), key, "header")
        ws.cell(1, col).font, ws.cell(1, col).fill = styles.bold, styles.fill
    widths = [max(8, len(k) + 2) for k in keys]
    for row, record in enumerate(records, start=2):
        for col, key in enumerate(keys, start=1):
            value = record[key]
            cell = ws.cell(row, col)
            if value is None:
                continue
            if key == "value" and isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
                value = Decimal(value)
            if isinstance(value, str):
                _put_text(cell, value, f"{sheet}[{row - 2}].{key}")
                widths[col - 1] = max(widths[col - 1], min(60, 2 * len(value)))
                continue
            cell.value = value
            if key in percent:
                cell.number_format = "0.0%"
            elif isinstance(value, Decimal):
                cell.number_format = _number_format(value)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{max(1, ws.max_row)}"
    _save(wb, path)


