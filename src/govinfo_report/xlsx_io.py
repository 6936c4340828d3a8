"""
Excel (.xlsx) output and input: the official tables as a workbook, a fill-in template, and reading workbooks.

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

:func:`parse_xlsx` reads any workbook, not only ours, through the same reader
as HTML and Word: each sheet's cells become a table (merged ranges become
rowspan and colspan; cells without merges work as well), rows holding a single
text become text lines, and the text reader does the rest
(:func:`govinfo_report.importers.parse_html` works the same way).  One table
per sheet or all tables on one sheet are both read.  What a spreadsheet adds
is diagnosed: a number stored as text (``NUMBER-AS-TEXT``, read as the
number), a hidden row, column or sheet (``HIDDEN-CELLS``, read as usual), a
formula (its cached value is read; one without a cached value is blank with
``FORMULA-NO-VALUE``, never 0).  Diagnostics name the sheet and the cell
(``工作表“三、…”C5``) and give the sheet's row and column as line and column.

:func:`write_records_xlsx` writes flat records (:func:`govinfo_report.to_records`,
indicators) as one sheet, numbers as numbers.

All of them need openpyxl, the optional ``xlsx`` extra (``pip install
"govinfo-report[xlsx]"``); without it they raise
:class:`~govinfo_report.errors.MissingDependencyError`.

>>> import io
>>> from govinfo_report import AnnualReport
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

import datetime as _dt
import io
import os
import re
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar, Union

import attrs

from . import vocab as v
from ._fields import Kind
from .errors import CellValueError, InputFileError, MissingDependencyError, ReportReadError
from .export.records import RECORD_KEYS
from .importers._html import HtmlCell, HtmlTable, TextBlock, mapper, to_text
from .importers.normalize import CELL_BREAK, join_cell_lines
from .limits import DEFAULT_LIMITS, Limits, check_file_size, open_zip
from .model import AnnualReport, Edition, Narrative, OtherMatters, ProcessingFees, ReportMeta, Scope, Subsection
from .render.grid import TableGrid, iter_grid_positions, table_grid
from .render.text import _sections
from .rules import CATALOGUE, Severity
from .tables import _get, layout, single_row_cells

if TYPE_CHECKING:
    from .importers._result import Diagnostic, ParseResult

__all__ = ["parse_xlsx", "write_records_xlsx", "write_xlsx", "write_xlsx_template"]

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
    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError("openpyxl", "xlsx", feature) from None
    return openpyxl


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
            value = _get(report, spec.attr_path)
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
    """Save *wb*; to a file name through a temporary file beside it, so a failed write leaves no half file."""
    if not isinstance(path, (str, os.PathLike)):
        wb.save(path)
        return
    target = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        wb.save(temp)
        os.chmod(temp, _file_mode(target))  # mkstemp makes the file private; the workbook is not
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _file_mode(target: Path) -> int:
    """The permissions *target* has, or those a new file gets (0o666 less the umask)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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


# ----------------------------------------------------------------------------
# Reading: cells as text
# ----------------------------------------------------------------------------


def _format_places(number_format: str) -> int | None:
    """The decimals a number format shows (``0.00`` → 2), or None for General and formats without digits."""
    section = _strip_literals(number_format.split(";")[0])
    if "0" not in section and "#" not in section:
        return None
    m = re.search(r"\.([0#?]+)", section)
    return len(m.group(1)) if m else 0


def _strip_literals(section: str) -> str:
    return re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", section)


_FORMAT_TOKEN = re.compile(r'"([^"]*)"|\\(.)|(\[[^\]]*\])|([0#?])|(.)')
_CJK = re.compile(r"[\u3400-\u9fff]+")


def _format_affixes(number_format: str) -> tuple[str, str]:
    """
    The words a number format prints before and after the number: its Chinese literals (``0.00"万元"`` → 万元).

    Other literals (currency signs, spaces, colours, locales) are left out: they are not part of the value.

    >>> _format_affixes('0.00"万元"'), _format_affixes('"¥"#,##0.00'), _format_affixes("General")
    (('', '万元'), ('', ''), ('', ''))
    """
    before: list[str] = []
    after: list[str] = []
    seen_digit = False
    for quoted, escaped, _bracket, digit, other in _FORMAT_TOKEN.findall(number_format.split(";")[0]):
        if digit:
            seen_digit = True
            continue
        text = quoted or escaped or other
        (after if seen_digit else before).append("".join(_CJK.findall(text)))
    return "".join(before), "".join(after)


def _number_text(value: float | int, number_format: str) -> str:
    if isinstance(value, int):
        number = Decimal(value)
    else:
        try:
            number = Decimal(repr(value))
        except InvalidOperation:  # pragma: no cover - repr of a float is always a decimal
            return repr(value)
        if not number.is_finite():
            return repr(value)
    places = _format_places(number_format)
    exponent = number.as_tuple().exponent
    shown = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    try:
        if places is not None and shown <= places:
            number = number.quantize(Decimal(1).scaleb(-places))
        elif number == number.to_integral_value():
            number = number.quantize(Decimal(1))
    except InvalidOperation:  # more digits than the context holds (1e36 with two decimals): shown as stored
        pass
    prefix, suffix = _format_affixes(number_format)
    return prefix + format(number, "f") + suffix


def _value_text(value: Any, number_format: str) -> str:
    """A cell's value as the reader sees it: numbers with the decimals and unit of their format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        return _number_text(value, number_format)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


# ----------------------------------------------------------------------------
# Reading: sheets as blocks
# ----------------------------------------------------------------------------


class _Places:
    """Where each line of the blocks came from: line numbers of the blocks are indexes into (sheet, row)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, int]] = []

    def line(self, sheet: str, row: int) -> int:
        self.rows.append((sheet, row))
        return len(self.rows)

    def where(self, line: int | None) -> tuple[str, int] | None:
        if line is None or not 1 <= line <= len(self.rows):
            return None
        return self.rows[line - 1]


class _Notes:
    """The diagnostics of a workbook: what the spreadsheet itself shows (hidden cells, formulas, text numbers)."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(self, code: str, sheet: str, row: int | None, col: int | None, zh: str, en: str) -> None:
        from openpyxl.utils import get_column_letter

        from .importers._result import CODES, Diagnostic

        if row is not None and col is not None:
            ref = f"{get_column_letter(col)}{row}"
        elif row is not None:
            ref = f"第{row}行"
        elif col is not None:
            ref = f"{get_column_letter(col)}列"
        else:
            ref = ""
        en_ref = ref if col is not None else (f"row {row}" if row is not None else "")
        where_en = f"sheet {sheet!r} {en_ref}".rstrip()
        message = f"工作表“{sheet}”{ref}：{zh}"
        self.items.append(Diagnostic(code, CODES[code][0], message, f"{where_en}: {en}", row, col))


def _sheet_kind(ws: Any) -> str:
    """``"info"`` (报告信息), ``"rules"`` (勾稽关系) or ``"report"`` (anything else), by the sheet's first row."""
    first = tuple(_SPACE.sub("", str(ws.cell(1, c).value or "")) for c in range(1, 5))
    if first[:3] == _INFO_HEADER:
        return "info"
    if first == _RULES_HEADER:
        return "rules"
    return "report"


class _Sheet:
    """The cells of one worksheet as text, its merged ranges, and what the spreadsheet adds to them."""

    def __init__(self, formulas: dict[tuple[int, int], str], values: Any, notes: _Notes) -> None:
        from openpyxl.cell.cell import MergedCell

        self.title: str = values.title
        self.spans: dict[tuple[int, int], tuple[int, int]] = {}
        self.covered: set[tuple[int, int]] = set()
        for merged in values.merged_cells.ranges:
            top = (merged.min_row, merged.min_col)
            self.spans[top] = (merged.max_row - merged.min_row + 1, merged.max_col - merged.min_col + 1)
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if (r, c) != top:
                        self.covered.add((r, c))
        self.texts: dict[tuple[int, int], str] = {}
        # rows whose cells exist without a value (formatted, bordered): an unfilled value row of a table
        self.empty_rows: set[int] = {r for r, _ in values._cells}
        # only the cells the file holds (iter_rows would create every cell of the used range)
        for r, c in sorted(values._cells.keys() | formulas.keys()):
            cell = values._cells.get((r, c))
            if isinstance(cell, MergedCell) or (r, c) in self.covered:
                continue
            value = None if cell is None else cell.value
            if value is None and (r, c) in formulas:
                shown = formulas[(r, c)]
                notes.add("FORMULA-NO-VALUE", self.title, r, c, f"公式“{shown[:40]}”没有计算结果，该单元格留空",
                          f"the formula {shown[:40]!r} has no calculated value; the cell is left blank")  # fmt: skip
                continue
            if cell is None or value is None:
                continue
            text = _value_text(value, cell.number_format or "General")
            if not text.strip():
                continue
            if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(text.strip()):
                notes.add("NUMBER-AS-TEXT", self.title, r, c, f"数字“{text.strip()}”以文本形式存储，已按数字读取",
                          f"the number {text.strip()!r} is stored as text; it was read as a number")  # fmt: skip
            self.texts[(r, c)] = text
        self.empty_rows -= {r for r, _ in self.texts}
        self._hidden(values, notes)

    def _hidden(self, ws: Any, notes: _Notes) -> None:
        if ws.sheet_state != "visible":
            notes.add("HIDDEN-CELLS", self.title, None, None, "该工作表已隐藏，其中的单元格照常读取",
                      "the sheet is hidden; its cells were read as usual")  # fmt: skip
        used_rows = {r for r, _ in self.texts}
        used_cols = {c for _, c in self.texts}
        for r in sorted(r for r, dim in ws.row_dimensions.items() if dim.hidden and r in used_rows):
            notes.add("HIDDEN-CELLS", self.title, r, None, "该行已隐藏，其中的单元格照常读取",
                      "the row is hidden; its cells were read as usual")  # fmt: skip
        hidden_cols: set[int] = set()
        for dim in ws.column_dimensions.values():
            if dim.hidden and dim.min is not None:
                hidden_cols.update(range(dim.min, (dim.max or dim.min) + 1))
        for c in sorted(hidden_cols & used_cols):
            notes.add("HIDDEN-CELLS", self.title, None, c, "该列已隐藏，其中的单元格照常读取",
                      "the column is hidden; its cells were read as usual")  # fmt: skip

    def _is_text(self, text: str, in_table: bool) -> bool:
        """
        Whether a row holding *text* alone is a line of text (a heading, a paragraph) rather than a table row.

        A table label never is; a value (a number, a not-applicable mark) is one inside a table, where it
        is the only cell filled in of its row, and text after a heading or a paragraph (无).
        """
        from .importers._tables import known_key
        from .importers.normalize import is_value_text, label_key

        if known_key(label_key(text)):
            return False
        return not (in_table and is_value_text(text))

    def blocks(self, places: _Places) -> list[TextBlock | HtmlTable]:
        """
        The sheet as text lines and tables, in row order.

        Blank rows are left out, except under a merge, and inside a table or just after it when the
        sheet holds their (empty, formatted) cells: a value row nobody filled in is still the table's row.
        """
        by_row: dict[int, list[tuple[int, str]]] = {}
        for (r, c), text in self.texts.items():
            by_row.setdefault(r, []).append((c, text))
        starts = {r for r, _ in self.spans}
        spanned = {r + k for (r, _), (rowspan, _) in self.spans.items() for k in range(1, rowspan)}
        out: list[TextBlock | HtmlTable] = []
        run: list[int] = []  # the rows of the table being gathered

        def flush() -> None:
            while len(run) > 1 and run[-1] in self.empty_rows and run[-2] in self.empty_rows:
                run.pop()  # one empty row at the end of a table is its last row left unfilled; more are not
            if run:
                out.append(self._table(run, places))
            run.clear()

        for r in sorted(set(by_row) | starts | spanned | self.empty_rows):
            row = sorted(by_row.get(r, []))
            if not row and r in self.empty_rows and r not in starts | spanned:
                if run:
                    run.append(r)
                continue
            if len(row) == 1 and r not in spanned and self._is_text(row[0][1], bool(run)):
                flush()
                c, text = row[0]
                line = places.line(self.title, r)
                out += [TextBlock(_SPACE.sub(" ", part).strip(), line, c) for part in text.split("\n") if part.strip()]
            else:
                run.append(r)
        flush()
        return out

    def _table(self, rows: list[int], places: _Places) -> HtmlTable:
        inside = set(rows)
        cells = [(r, c) for r, c in [*self.texts, *self.spans] if r in inside]
        first_col = min(c for _, c in cells)
        last_col = max(c + self.spans.get((r, c), (1, 1))[1] - 1 for r, c in cells)
        table = HtmlTable(line=0, col=first_col)
        for k, r in enumerate(rows):
            line = places.line(self.title, r)
            if not table.line:
                table.line = line
            out = []
            for c in range(first_col, last_col + 1):
                if (r, c) in self.covered:
                    continue
                rowspan, colspan = self.spans.get((r, c), (1, 1))
                rowspan = sum(1 for rr in rows[k : k + rowspan] if rr < r + rowspan)  # the rows of the table it covers
                raw = self.texts.get((r, c), "").replace("\r\n", "\n").replace("\n", CELL_BREAK)
                text = join_cell_lines(_SPACE.sub(" ", raw).strip(" " + CELL_BREAK))
                out.append(HtmlCell(text, rowspan, colspan, line, c))
            table.rows.append(out)
        return table


# ----------------------------------------------------------------------------
# Reading: 报告信息
# ----------------------------------------------------------------------------


@attrs.define
class _Info:
    """What 报告信息 says; None for an item it leaves empty."""

    organ: str | None = None
    year: int | None = None
    title: str | None = None
    division_code: str | None = None
    published: _dt.date | None = None
    scope: Scope = Scope.ORGAN
    members: list[str] = attrs.Factory(list)
    fees_stated: bool = False
    applications: int | None = None
    amount_yuan: Decimal | None = None
    narratives: dict[str, tuple[str, list[Subsection]]] = attrs.Factory(dict)
    lines: dict[str, int] = attrs.Factory(dict)


def _continued(parts: list[str]) -> bool:
    """True when the last of *parts* filled a whole chunk, so that the next row continues it."""
    return bool(parts) and len(parts[-1]) == _CHUNK


def _joined(parts: list[str]) -> str:
    """
    The rows of one text joined: a chunk that filled its cell goes on without a break, other rows are lines.

    >>> _joined(["第一段", "第二段"]), _joined([])
    ('第一段\\n第二段', '')
    """
    out = ""
    for k, part in enumerate(parts):
        out += part if k == 0 or len(parts[k - 1]) == _CHUNK else "\n" + part
    return out


def _read_info(ws: Any, notes: _Notes) -> _Info:
    from .importers.normalize import read_cell

    info = _Info()
    texts: dict[str, list[str]] = {}
    subsections: dict[str, list[tuple[list[str], list[str]]]] = {}

    def bad(row: int, item: str, text: str, en: str) -> None:
        notes.add("UNREADABLE-CELL", ws.title, row, 3, f"{item}“{text[:30]}”无法读取，留空",
                  f"the {en} {text[:30]!r} cannot be read; left blank")  # fmt: skip

    for row in range(2, ws.max_row + 1):
        key = str(ws.cell(row, 1).value or "").strip()
        cell = ws.cell(row, 3)
        raw = cell.value
        text = "" if raw is None else raw if isinstance(raw, str) else _value_text(raw, cell.number_format or "General")
        item = str(ws.cell(row, 2).value or key)
        stripped = text.strip()
        if key == "organ":
            info.organ = stripped or None
        elif key == "year" and stripped:
            reading = read_cell(stripped, "count")
            if isinstance(reading.value, int) and 2008 <= reading.value <= 2100:
                info.year = reading.value
            else:
                bad(row, item, text, "year")
        elif key == "title":
            info.title = text or None
        elif key == "division_code":
            info.division_code = stripped or None
        elif key == "published" and stripped:
            if isinstance(raw, _dt.datetime):
                info.published = raw.date()
            elif isinstance(raw, _dt.date):
                info.published = raw
            else:
                try:
                    info.published = _dt.date.fromisoformat(stripped)
                except ValueError:
                    bad(row, item, text, "publication date")
        elif key == "scope" and stripped:
            found = [s for s, t in _SCOPES.items() if stripped in (s.value, t.zh, *t.variants)]
            if found:
                info.scope = found[0]
            else:
                bad(row, item, text, "scope")
        elif key == "members" and stripped:
            info.members.append(text)
        elif key == "fees":
            info.fees_stated = info.fees_stated or bool(stripped)
        elif key in ("fees.applications", "fees.amount_yuan") and stripped:
            reading = read_cell(stripped, "count" if key == "fees.applications" else "amount")
            if reading.value is None or reading.unit not in (None, v.YUAN.zh):
                bad(row, item, text, key)
            elif key == "fees.applications":
                assert isinstance(reading.value, int)
                info.applications = reading.value
            else:
                assert isinstance(reading.value, Decimal)
                info.amount_yuan = reading.value
        elif "." in key:
            attr, _, part = key.partition(".")
            if attr not in _NARRATIVES.values():
                continue
            info.lines.setdefault(attr, row)
            texts.setdefault(attr, [])
            subs = subsections.setdefault(attr, [])
            if part == "subsection.title":
                if subs and not subs[-1][1] and _continued(subs[-1][0]):
                    subs[-1][0].append(text)  # a title too long for one cell
                else:
                    subs.append(([text], []))
            elif part in ("text", "subsection.text"):
                (subs[-1][1] if subs else texts[attr]).append(text)  # text after a subsection belongs to it
    for attr, parts in texts.items():
        made = [Subsection(title=_joined(t), text=_joined(x)) for t, x in subsections[attr]]
        info.narratives[attr] = (_joined(parts), made)
    return info


# ----------------------------------------------------------------------------
# Reading: the workbook
# ----------------------------------------------------------------------------


def _formulas(data: bytes, openpyxl: Any) -> dict[str, dict[tuple[int, int], str]]:
    """The formulas of each sheet by (row, column), read quickly (read-only mode skips styles and merges)."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        out: dict[str, dict[tuple[int, int], str]] = {}
        for ws in book.worksheets:
            ws.reset_dimensions()  # a sheet may declare a used range far larger than its cells
            found = out.setdefault(ws.title, {})
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        value = cell.value
                        found[(cell.row, cell.column)] = str(getattr(value, "text", value))
        return out
    finally:
        book.close()


def _load(
    path: XlsxTarget, feature: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, dict[tuple[int, int], str]], Any, str | None]:
    """The formulas of the workbook, the workbook with the values Excel calculated, and its name."""
    openpyxl = _require(feature)

    name = path if isinstance(path, (str, os.PathLike)) else getattr(path, "name", None)
    source = None if name is None else os.fspath(name)
    where: str | os.PathLike[str] | bytes
    if isinstance(path, (str, os.PathLike)):
        check_file_size(path, limits)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputFileError.wrap(os.fspath(path), exc) from exc
        where = path
    else:
        data = where = path.read()
    # every member within the limits before openpyxl expands anything (it trusts the archive)
    with open_zip(where, limits) as archive:
        for member in archive.names():
            archive.read(member)
    try:
        with warnings.catch_warnings():  # openpyxl warns about parts it drops (extensions, defined names)
            warnings.simplefilter("ignore")
            formulas = _formulas(data, openpyxl)
            values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except MemoryError:
        raise
    except Exception as exc:  # a damaged file makes openpyxl and its XML parsers raise almost anything
        reason = "not an Excel .xlsx workbook, or a damaged one (an old .xls must be saved as .xlsx first)"
        raise ReportReadError(source or "<stream>", f"{reason}: {type(exc).__name__}: {exc}") from None
    return formulas, values, source


def _placed(d: Diagnostic, places: _Places) -> Diagnostic:
    """A diagnostic of the reader with the sheet and cell it concerns."""
    from openpyxl.utils import get_column_letter

    where = places.where(d.line)
    if where is None:
        return d
    sheet, row = where
    col = d.column or 1
    ref = f"{get_column_letter(col)}{row}"
    return attrs.evolve(d, line=row, column=col, message=f"工作表“{sheet}”{ref}：{d.message}",
                        message_en=f"sheet {sheet!r} {ref}: {d.message_en}")  # fmt: skip


def parse_xlsx(
    path: XlsxTarget,
    *,
    source: str | None = None,
    organ: str | None = None,
    year: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ParseResult:
    """
    Read a report from an Excel .xlsx workbook: ours (:func:`write_xlsx`, a filled-in template) or anyone's.

    Every sheet is read in order by the reader of published reports (see the
    module documentation); the sheet 报告信息, when there is one, gives the
    metadata, the fees and the narratives exactly, and 勾稽关系 is skipped.

    Args:
        path: A file name, or a binary file object.
        source: A name for the input (default: the file name).
        organ: The organ, when neither 报告信息 nor a title gives it (given, it overrides them).
        year: The report year, likewise.
        limits: How far the workbook's zip members may expand (:class:`~govinfo_report.limits.Limits`);
            every member is checked, streaming, before openpyxl reads it.

    Returns:
        The report with the diagnostics, which name the sheet and the cell.

    Raises:
        MissingDependencyError: openpyxl is not installed (the ``xlsx`` extra).
        InputLimitError: The workbook expands beyond *limits* (a zip bomb).
        ReportReadError: The file is not an .xlsx workbook.
        ParseError: Nothing in the workbook is a report, or no organ or year is given.
        InputFileError: The file cannot be opened or read (an :class:`OSError` too).

    .. versionadded:: 0.1.0
    """
    from .importers._result import CODES, Diagnostic
    from .importers._text import parse_document

    formulas, values, name = _load(path, "parse_xlsx", limits)
    source = source if source is not None else name
    notes = _Notes()
    places = _Places()
    info: _Info | None = None
    blocks: list[TextBlock | HtmlTable] = []
    for ws in values.worksheets:
        kind = _sheet_kind(ws)
        if kind == "info" and info is None:
            info = _read_info(ws, notes)
        elif kind == "report":
            blocks += _Sheet(formulas.get(ws.title, {}), ws, notes).blocks(places)
    if info is not None:
        # the narratives come from 报告信息: give the reader their headings, so that it looks for no text
        info_sheet = next(ws.title for ws in values.worksheets if _sheet_kind(ws) == "info")
        heads = {h: TextBlock(h.zh, places.line(info_sheet, info.lines.get(a, 1)), 3) for h, a in _NARRATIVES.items()}
        blocks = [heads[v.OVERVIEW], *blocks, heads[v.PROBLEMS], heads[v.OTHER_MATTERS]]
    text, origin, headings = to_text(blocks)
    given_organ, given_year = organ, year
    if info is not None:
        organ = organ if organ is not None else info.organ
        year = year if year is not None else info.year
    result = parse_document(
        text, source=source, organ=organ, year=year, position=mapper(origin), subheadings=headings
    )
    diagnostics = [_placed(d, places) for d in result.diagnostics]
    extra = tuple(attrs.evolve(x, line=(places.where(x.line) or ("", x.line))[1]) for x in result.extra_rows)
    report = result.report
    assert report is not None
    if info is not None:
        for label, mine, theirs in (("organ", given_organ, info.organ), ("year", given_year, info.year)):
            if mine is not None and theirs is not None and mine != theirs:
                zh = f"{v.REPORT_INFO.zh}中的{label}为“{theirs}”，按调用方给定的“{mine}”"
                en = f"{v.REPORT_INFO.zh} gives the {label} {theirs!r}; using {mine!r} as given"
                diagnostics.append(Diagnostic("META-OVERRIDE", CODES["META-OVERRIDE"][0], zh, en))
        report = _with_info(report, info)
    return attrs.evolve(result, report=report, diagnostics=(*notes.items, *diagnostics), extra_rows=extra)


def _with_info(report: AnnualReport, info: _Info) -> AnnualReport:
    """*report* with the metadata, fees and narratives of 报告信息."""
    meta = ReportMeta(
        organ=report.meta.organ,
        year=report.meta.year,
        edition=report.meta.edition,
        title=info.title,
        division_code=info.division_code,
        published=info.published,
        scope=info.scope,
        members=tuple(info.members),
    )
    changes: dict[str, Any] = {"meta": meta}
    for attr, (text, subs) in info.narratives.items():
        changes[attr] = attrs.evolve(getattr(report, attr), text=text, subsections=tuple(subs))
    stated = info.fees_stated or info.applications is not None or info.amount_yuan is not None
    fees = ProcessingFees(applications=info.applications, amount_yuan=info.amount_yuan) if stated else None
    other = changes.get("other_matters", report.other_matters)
    changes["other_matters"] = attrs.evolve(other, fees=fees)
    return attrs.evolve(report, **changes)
