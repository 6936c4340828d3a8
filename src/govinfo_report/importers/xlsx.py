"""
Excel (.xlsx) input: read workbooks, ours and anyone's.

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

It needs openpyxl, the optional ``xlsx`` extra (``pip install "govinfo-report[xlsx]"``).
:func:`govinfo_report.render.xlsx.write_xlsx` writes workbooks.

.. versionadded:: 0.2.0
   The reader of the 0.1.0 module ``govinfo_report.xlsx_io``.
"""


from __future__ import annotations

import datetime as _dt
import io
import os
import re
import warnings
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .. import vocab as v
from ..errors import InputFileError, ReportReadError
from ..limits import DEFAULT_LIMITS, Limits, check_file_size, open_zip
from ..model import AnnualReport, ProcessingFees, ReportMeta, Scope, Subsection
from ..render.xlsx import (
    _CHUNK,
    _INFO_HEADER,
    _NARRATIVES,
    _PLAIN_NUMBER,
    _RULES_HEADER,
    _SCOPES,
    _SPACE,
    XlsxTarget,
    _require,
)
from ._html import HtmlCell, HtmlTable, TextBlock, mapper, to_text
from .normalize import CELL_BREAK, join_cell_lines

if TYPE_CHECKING:
    from ._result import Diagnostic, ParseResult

__all__ = ["parse_xlsx"]


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

        from ._result import CODES, Diagnostic

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
        from ._tables import known_key
        from .normalize import is_value_text, label_key

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
    from .normalize import read_cell

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
    from ._result import CODES, Diagnostic
    from ._text import parse_document

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
