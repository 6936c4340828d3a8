"""Tests of Excel output and input: the official layout, round trips, hand-edited workbooks and the template."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import vocab as v
from govinfo_report.errors import GovInfoReportError, MissingDependencyError, ReportReadError
from govinfo_report.importers.xlsx import parse_xlsx
from govinfo_report.render.xlsx import write_records_xlsx, write_xlsx, write_xlsx_template

from .helpers import example
from .strategies import reports

openpyxl: Any = pytest.importorskip("openpyxl")

THREE, FOUR, TWO = v.REQUESTS.zh, v.DISPUTES.zh, v.PROACTIVE.zh


def _bytes(report: gr.AnnualReport) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(report, buffer)
    return buffer.getvalue()


def _open(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def _save(wb: Any) -> io.BytesIO:
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def _find(ws: Any, text: str) -> tuple[int, int]:
    """The (row, column) of the first cell whose text is *text*."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(f"{text!r} not in sheet {ws.title!r}")


def _cell_of(ws: Any, row_label: str, column_label: str) -> Any:
    """The value cell of 三 at a row label and a column header, found as a person would."""
    return ws.cell(_find(ws, row_label)[0], _find(ws, column_label)[1])


def _warnings(result: gr.ParseResult) -> list[gr.Diagnostic]:
    return [d for d in result.diagnostics if d.severity is not gr.Severity.INFO]


@pytest.mark.parametrize("call", ["write", "parse", "template", "records"])
def test_missing_openpyxl_is_a_documented_error(monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    """Without openpyxl every function raises MissingDependencyError naming the install command."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # makes "import openpyxl" fail
    attempts = {
        "write": lambda: write_xlsx(example(), io.BytesIO()),
        "parse": lambda: parse_xlsx(io.BytesIO(b"PK")),
        "template": lambda: write_xlsx_template("2021", io.BytesIO()),
        "records": lambda: write_records_xlsx([], io.BytesIO()),
    }

    with pytest.raises(MissingDependencyError) as info:
        attempts[call]()

    assert isinstance(info.value, GovInfoReportError)
    assert 'pip install "govinfo-report[xlsx]"' in str(info.value)


def test_sheets_and_official_layout() -> None:
    """One sheet per table, named by its section, with the official merged cells and labels (read by openpyxl)."""
    wb = _open(_bytes(example()))
    three, four = wb[THREE], wb[FOUR]
    merged3 = {str(r) for r in three.merged_cells.ranges}
    merged4 = {str(r) for r in four.merged_cells.ranges}

    assert wb.sheetnames == [v.REPORT_INFO.zh, TWO, THREE, FOUR]
    assert three["A1"].value == THREE  # the section heading over the table
    assert three["A2"].value == v.REQUESTS_NOTE.zh
    assert "A2:C4" in merged3  # the 勾稽 note: three header rows by three label columns
    assert three["D2"].value == v.APPLICANTS.zh
    assert "D2:J2" in merged3  # 申请人情况 over the seven columns
    assert three["E3"].value == v.LEGAL_PERSON.zh
    assert "E3:I3" in merged3
    assert (three["D3"].value, three["J3"].value) == (v.NATURAL_PERSON.zh, v.TOTAL.zh)
    assert three["A5"].value == v.RECEIVED.zh
    assert [three.cell(5, c).value for c in range(4, 11)] == [30, 3, 0, 0, 0, 0, 33]
    assert (four["A2"].value, four["F2"].value) == (v.REVIEW.zh, v.LITIGATION.zh)
    assert {"A2:E2", "F2:O2"} <= merged4
    assert three.max_column == 10
    assert four.max_column == 15


def test_values_are_typed_and_blanks_empty() -> None:
    """Counts are ints, amounts numbers with their decimals and unit in the format, a blank cell is empty, not 0."""
    report = example()
    report = gr.replace_cell(report, "$.requests.received.research", None)
    wb = _open(_bytes(report))
    three, two = wb[THREE], wb[TWO]
    amount = two.cell(*_find(two, v.PROCUREMENT.zh)).offset(0, 3)
    fees_2021 = gr.replace_cell(
        gr.AnnualReport.blank("2021", organ="某某局", year=2022), "$.proactive.administrative_fees.amount",
        Decimal("12.50"))  # fmt: skip
    two_2021 = _open(_bytes(fees_2021))[TWO]
    fee = two_2021.cell(*_find(two_2021, v.ADMINISTRATIVE_FEES.zh)).offset(0, 1)

    assert _cell_of(three, v.RECEIVED.zh, v.RESEARCH.zh).value is None
    assert type(_cell_of(three, v.RECEIVED.zh, v.NATURAL_PERSON.zh).value) is int
    assert (amount.value, amount.number_format) == (178, '0"万元"')
    assert (fee.value, fee.number_format) == (12.5, "0.00")


def test_value_cells_are_validated() -> None:
    """Value cells of 三 allow whole numbers ≥ 0 only; the 2019 本年增/减 cells allow negative whole numbers."""
    wb = _open(_bytes(example()))
    rules3 = wb[THREE].data_validations.dataValidation
    rules2 = {(d.type, d.operator, d.formula1): str(d.sqref) for d in wb[TWO].data_validations.dataValidation}
    received = _cell_of(wb[THREE], v.RECEIVED.zh, v.NATURAL_PERSON.zh).coordinate

    assert [(d.type, d.operator, d.formula1) for d in rules3] == [("whole", "greaterThanOrEqual", "0")]
    assert received in str(rules3[0].sqref)
    assert ("decimal", "greaterThanOrEqual", "0") in rules2
    assert ("whole", "between", "-999999999") in rules2


def test_seed_example_round_trips_whole(tmp_path: Path) -> None:
    """The example written to a file reads back equal in every field, by parse_xlsx and by parse."""
    target = tmp_path / "wusu.xlsx"
    report = example()
    write_xlsx(report, target)
    result = parse_xlsx(target)

    assert result.report == report
    assert result.source == str(target)
    assert result.codes == ("UNIT-IN-CELL",)  # 178万元, as in the HTML and Word round trips
    assert "工作表“二、主动公开政府信息情况”D" in result.diagnostics[0].message
    assert gr.parse(target).report == report


@settings(max_examples=15)
@given(reports("2019", blanks=True))
def test_round_trip_2019(report: gr.AnnualReport) -> None:
    """parse_xlsx(write_xlsx(r)) == r in the 2019 edition, blanks, metadata, fees and narratives included."""
    result = parse_xlsx(io.BytesIO(_bytes(report)))

    assert result.report == report
    assert _warnings(result) == []


@settings(max_examples=15)
@given(reports("2021", blanks=True))
def test_round_trip_2021(report: gr.AnnualReport) -> None:
    """parse_xlsx(write_xlsx(r)) == r in the 2021 edition, blanks, metadata, fees and narratives included."""
    result = parse_xlsx(io.BytesIO(_bytes(report)))

    assert result.report == report
    assert _warnings(result) == []


def test_texts_that_a_spreadsheet_would_change_round_trip() -> None:
    """A narrative longer than a cell holds, a text starting with =, spaces and line breaks read back exactly."""
    long_text = "本年度依法公开。\n" * 5000  # 45000 characters: more than the 32767 of one cell
    report = attrs.evolve(
        example(),
        overview=gr.Narrative(text=long_text, subsections=(gr.Subsection(title="=SUM(A1)", text="  两端空格  "),)),
        problems=gr.Narrative(text="第一行\r\n第二行"),
    )

    assert parse_xlsx(io.BytesIO(_bytes(report))).report == report


def test_narrative_rows_added_by_hand_are_paragraphs_and_subsections() -> None:
    """In 报告信息, a second 正文 row is a new paragraph, and 小标题 rows with their 正文 are subsections."""
    report = example()
    wb = _open(_bytes(report))
    info = wb[v.REPORT_INFO.zh]
    row = _find(info, "problems.text")[0]
    info.cell(row, 3).value = "第一段。"
    info.insert_rows(row + 1, 3)
    added = [
        ("problems.text", "第二段。"),
        ("problems.subsection.title", "（一）改进措施"),
        ("problems.subsection.text", "加强审核。"),
    ]
    for offset, (key, text) in enumerate(added, start=1):
        info.cell(row + offset, 1).value = key
        info.cell(row + offset, 3).value = text
    parsed = parse_xlsx(_save(wb)).report

    assert parsed is not None
    assert parsed.problems == gr.Narrative(
        text="第一段。\n第二段。", subsections=(gr.Subsection(title="（一）改进措施", text="加强审核。"),)
    )


def test_control_characters_are_a_documented_error() -> None:
    """A text that a workbook cannot store raises CellValueError naming the item, not an openpyxl error."""
    report = attrs.evolve(example(), overview=gr.Narrative(text="说明\x07"))

    with pytest.raises(gr.CellValueError, match="一、总体情况"):
        write_xlsx(report, io.BytesIO())


def test_a_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When saving fails, neither the workbook nor a temporary file is left behind, and an old file is kept."""
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")

    def fail(self: Any, file: Any) -> None:  # half a workbook written, then the disk is full
        if isinstance(file, (str, os.PathLike)):
            Path(file).write_bytes(b"half")
        else:
            file.write(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", fail)
    with pytest.raises(OSError, match="disk full"):
        write_xlsx(example(), target)

    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


def test_a_new_workbook_gets_the_usual_permissions(tmp_path: Path) -> None:
    """The temporary file of the atomic write does not leave the workbook readable by its owner only."""
    umask = os.umask(0o022)
    try:
        write_xlsx(example(), tmp_path / "new.xlsx")
    finally:
        os.umask(umask)

    assert (tmp_path / "new.xlsx").stat().st_mode & 0o777 == 0o644


def test_a_workbook_edited_by_hand() -> None:
    """
    Merged cells unmerged, a value typed as text, a row hidden and a formula not calculated read back right.

    The values are the example's, cell by cell; each edit is diagnosed at its sheet and cell.
    """
    report = example()
    wb = _open(_bytes(report))
    three = wb[THREE]
    for merged in list(three.merged_cells.ranges):
        three.unmerge_cells(str(merged))
    typed = _cell_of(three, v.RECEIVED.zh, v.NATURAL_PERSON.zh)
    typed.value = "30"  # typed as text
    hidden_row = _find(three, v.CARRIED_IN.zh)[0]
    three.row_dimensions[hidden_row].hidden = True
    four = wb[FOUR]
    four.cell(5, 5).value = "=SUM(A5:D5)"  # 行政复议 总计 as a formula Excel never calculated
    result = parse_xlsx(_save(wb))
    by_code = {d.code: d for d in result.diagnostics}
    parsed = result.report

    assert parsed is not None
    assert parsed.requests == report.requests  # every cell, after unmerging
    assert parsed.proactive == report.proactive
    assert parsed.disputes == attrs.evolve(report.disputes, review=attrs.evolve(report.disputes.review, total=None))
    assert set(by_code) == {"NUMBER-AS-TEXT", "HIDDEN-CELLS", "FORMULA-NO-VALUE", "UNIT-IN-CELL"}
    assert f"工作表“{THREE}”{typed.coordinate}" in by_code["NUMBER-AS-TEXT"].message
    assert (by_code["HIDDEN-CELLS"].line, by_code["HIDDEN-CELLS"].severity) == (hidden_row, gr.Severity.WARNING)
    assert f"工作表“{FOUR}”E5" in by_code["FORMULA-NO-VALUE"].message
    assert "SUM(A5:D5)" in by_code["FORMULA-NO-VALUE"].message


def _with_cached_value(data: bytes, sheet: int, ref: str, value: str) -> bytes:
    """The workbook with a calculated value saved for the formula at *ref*, as Excel saves it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == f"xl/worksheets/sheet{sheet}.xml":
                text = content.decode("utf-8")
                text = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\1<v>{value}</v>", text)
                content = text.encode("utf-8")
            dst.writestr(item, content)
    return out.getvalue()


def test_a_formula_with_a_calculated_value_is_read() -> None:
    """A formula's calculated value is read as the cell's value, without a diagnostic."""
    report = example()
    wb = _open(_bytes(report))
    three = wb[THREE]
    total = _cell_of(three, v.RECEIVED.zh, v.TOTAL.zh)
    total.value = f"=SUM(D{total.row}:I{total.row})"
    data = _with_cached_value(_save(wb).getvalue(), 3, total.coordinate, "33")
    result = parse_xlsx(io.BytesIO(data))

    assert result.report == report
    assert result.codes == ("UNIT-IN-CELL",)


def test_all_tables_on_one_sheet_without_merges() -> None:
    """A workbook laid out by a person: title, narratives and the three tables on one sheet, no merged cells."""
    report = example()
    source = _open(_bytes(report))
    wb = openpyxl.Workbook()
    ws = wb.active
    row = 1
    lines = [gr.default_title(report), v.OVERVIEW.zh, "本年度依法公开政府信息。"]
    for text in lines:
        ws.cell(row, 2).value = text
        row += 1
    for name in (TWO, THREE, FOUR):
        sheet = source[name]
        for merged in list(sheet.merged_cells.ranges):
            sheet.unmerge_cells(str(merged))
        for cells in sheet.iter_rows():
            for cell in cells:
                if cell.value is not None:
                    ws.cell(row, cell.column + 1, cell.value).number_format = cell.number_format
            row += 1
        row += 1  # a blank row between the tables
    for text in (v.PROBLEMS.zh, "个别栏目更新不及时。", v.OTHER_MATTERS.zh, "无"):
        ws.cell(row, 2).value = text
        row += 1
    result = parse_xlsx(_save(wb))
    parsed = result.report

    assert parsed is not None
    assert (parsed.meta.organ, parsed.meta.year) == (report.meta.organ, report.meta.year)
    assert (parsed.proactive, parsed.requests, parsed.disputes) == (report.proactive, report.requests, report.disputes)
    assert (parsed.overview.text, parsed.problems.text, parsed.other_matters.text) == (
        "本年度依法公开政府信息。", "个别栏目更新不及时。", "无")  # fmt: skip
    assert _warnings(result) == []


def test_units_in_cells_and_hidden_columns_and_sheets() -> None:
    """A unit typed into a cell is read (UNIT-IN-CELL); a hidden column or sheet is read and diagnosed."""
    report = example()
    wb = _open(_bytes(report))
    four = wb[FOUR]
    four.cell(5, 1).value = "0件"
    four.column_dimensions["B"].hidden = True
    wb[TWO].sheet_state = "hidden"
    result = parse_xlsx(_save(wb))
    hidden = [d.message for d in result.by_code("HIDDEN-CELLS")]

    assert result.report == report
    assert any(f"工作表“{FOUR}”B列" in m for m in hidden)
    assert any(f"工作表“{TWO}”：" in m for m in hidden)
    assert any(f"工作表“{FOUR}”A5" in d.message for d in result.by_code("UNIT-IN-CELL"))


def test_unreadable_information_is_diagnosed_and_blank() -> None:
    """A publication date or scope in 报告信息 that cannot be read is left out with UNREADABLE-CELL."""
    report = attrs.evolve(example(), meta=attrs.evolve(example().meta, published=None))
    wb = _open(_bytes(report))
    info = wb[v.REPORT_INFO.zh]
    info.cell(_find(info, "published")[0], 3).value = "明年春天"
    result = parse_xlsx(_save(wb))

    assert result.report == report
    assert result.codes == ("UNREADABLE-CELL", "UNIT-IN-CELL")
    assert "明年春天" in result.diagnostics[0].message


def test_not_a_workbook(tmp_path: Path) -> None:
    """A file that is not an .xlsx workbook raises ReportReadError naming it."""
    fake = tmp_path / "report.xlsx"
    fake.write_text("一、总体情况", encoding="utf-8")

    with pytest.raises(ReportReadError, match=r"report\.xlsx"):
        parse_xlsx(fake)
    with pytest.raises(ReportReadError, match=r"report\.xlsx"):
        gr.parse(fake)


def test_a_damaged_workbook_is_a_documented_error() -> None:
    """A workbook whose XML is broken raises ReportReadError, whatever openpyxl's parser raised."""
    data = _bytes(example())
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            dst.writestr(item, content[: len(content) // 2] if item.filename == "xl/workbook.xml" else content)

    with pytest.raises(ReportReadError, match="damaged"):
        parse_xlsx(io.BytesIO(out.getvalue()))


def test_parse_chooses_the_reader_by_content(tmp_path: Path) -> None:
    """parse() reads a workbook under any name as a workbook, and a Word file named .xlsx as Word."""
    report = example()
    named = tmp_path / "download.bin"
    write_xlsx(report, named)

    assert gr.parse(named).report == report
    if importlib.util.find_spec("docx") is not None:
        word = tmp_path / "misnamed.xlsx"
        gr.write_docx(report, word)
        assert gr.parse(word).report == report


# ----------------------------------------------------------------------------
# The template
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_template_is_empty_and_lists_the_rules(edition: str) -> None:
    """The template has empty validated value cells and a 勾稽关系 sheet with the edition's rules in Chinese."""
    buffer = io.BytesIO()
    write_xlsx_template(edition, buffer)
    wb = _open(buffer.getvalue())
    three = wb[THREE]
    rules = {row[0]: row for row in wb[v.BALANCE_RULES.zh].iter_rows(min_row=2, values_only=True)}
    info = {row[0]: row[2] for row in wb[v.REPORT_INFO.zh].iter_rows(min_row=2, values_only=True)}
    values = [c.value for row in three.iter_rows(min_row=5, min_col=4) for c in row]

    assert wb.sheetnames == [v.REPORT_INFO.zh, TWO, THREE, FOUR, v.BALANCE_RULES.zh]
    assert len(values) == 7 * (23 if edition == "2019" else 25)  # rows of 三: （六） is one row in 2019, three in 2021
    assert set(values) == {None}
    assert three.data_validations.dataValidation
    assert rules["T3-BALANCE"][3] == gr.rules.rule("T3-BALANCE").zh
    assert rules["T3-BALANCE"][1] == "错误"
    assert ("T2-PUBLISHED-WITHIN-TOTAL" in rules) == (edition == "2019")
    assert ("T2-ISSUED-WITHIN-IN-FORCE" in rules) == (edition == "2021")
    assert (info["organ"], info["year"], info["edition"]) == (None, None, edition)


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_an_unfilled_template_reads_as_blank(edition: str) -> None:
    """The template as written reads back as a report whose every cell is blank, without a diagnostic."""
    buffer = io.BytesIO()
    write_xlsx_template(edition, buffer)
    year = 2020 if edition == "2019" else 2022
    result = parse_xlsx(io.BytesIO(buffer.getvalue()), organ="某某局", year=year)

    assert result.report == gr.AnnualReport.blank(edition, organ="某某局", year=year)
    assert result.diagnostics == ()


def test_a_filled_in_template_reads_back(tmp_path: Path) -> None:
    """A template filled in cell by cell (found by their labels) reads back with parse: the values typed, else blank."""
    target = tmp_path / "年报模板.xlsx"
    write_xlsx_template("2021", target)
    wb = openpyxl.load_workbook(target)
    info = wb[v.REPORT_INFO.zh]
    info.cell(_find(info, "organ")[0], 3).value = "某某县统计局"
    info.cell(_find(info, "year")[0], 3).value = 2022
    info.cell(_find(info, "problems.text")[0], 3).value = "个别栏目更新不及时。"
    three = wb[THREE]
    _cell_of(three, v.RECEIVED.zh, v.NATURAL_PERSON.zh).value = 7
    _cell_of(three, v.RECEIVED.zh, v.TOTAL.zh).value = 7
    _cell_of(three, v.DISCLOSED.zh, v.NATURAL_PERSON.zh).value = 0
    two = wb[TWO]
    two.cell(*_find(two, v.ADMINISTRATIVE_FEES.zh)).offset(0, 1).value = 1.5
    four = wb[FOUR]
    four.cell(four.max_row, _find(four, v.UPHELD.zh)[1]).value = 2  # 行政复议 结果维持: the only value of its row
    wb.save(target)
    result = gr.parse(target)
    parsed = result.report

    assert parsed is not None
    assert (parsed.meta.organ, parsed.meta.year, parsed.meta.edition) == ("某某县统计局", 2022, gr.Edition.E2021)
    assert (parsed.requests.received.natural_person, parsed.requests.received.total) == (7, 7)
    assert parsed.requests.received.commercial is None  # left empty: blank, never 0
    assert parsed.requests.results.disclosed.natural_person == 0
    assert parsed.proactive.administrative_fees.amount == Decimal("1.5")
    assert parsed.problems.text == "个别栏目更新不及时。"
    assert (parsed.disputes.review.upheld, parsed.disputes.review.total) == (2, None)
    assert parsed.other_matters.fees is None
    assert [c for c in gr.check(parsed) if c.code == "T3-BALANCE"]  # 7 new requests, no result: the check sees it


def test_records_workbook() -> None:
    """write_records_xlsx writes the header and one row per record, amounts and counts as numbers, blanks empty."""
    records = gr.to_records(example())
    buffer = io.BytesIO()
    write_records_xlsx(records, buffer)
    ws = _open(buffer.getvalue()).active
    rows = list(ws.iter_rows(values_only=True))
    amount = next(r for r in rows[1:] if r[4] == "amount")
    received = next(r for r in rows[1:] if r[3] == "received" and r[4] == "natural_person")

    assert rows[0] == gr.RECORD_KEYS
    assert len(rows) == len(records) + 1
    assert (amount[5], amount[6]) == (178, "万元")
    assert (received[5], received[6]) == (30, None)
    assert [r[5] for r in rows[1:]].count(None) == [r["value"] for r in records].count(None)


# ----------------------------------------------------------------------------
# Robustness
# ----------------------------------------------------------------------------

_CELL_VALUES = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["", " ", "0", "12", "1.5", "178万", "—", "无", "=SUM(A1:A2)", "#DIV/0!", "三、本年度办理结果",
                     v.TOTAL.zh, v.RECEIVED.zh, v.PROACTIVE.zh, "某某局2022年政府信息公开工作年度报告"]),
    st.text(max_size=12),
)  # fmt: skip


@settings(max_examples=25)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(1, 30), st.integers(1, 16), _CELL_VALUES, st.integers(0, 3)),
        min_size=1,
        max_size=12,
    )
)
def test_edited_workbooks_read_or_raise_the_documented_error(edits: list[tuple[int, int, int, Any, int]]) -> None:
    """Random edits (values, merges, unmerges, hidden rows) give a report or a ParseError, never another exception."""
    wb = _open(_bytes(example()))
    for sheet, row, col, value, action in edits:
        ws = wb.worksheets[sheet]
        if action == 1:
            for merged in [m for m in ws.merged_cells.ranges if (row, col) in set(m.cells)]:
                ws.unmerge_cells(str(merged))
        elif action == 2:
            ws.row_dimensions[row].hidden = True
        cell = ws.cell(row, col)
        if isinstance(cell, openpyxl.cell.cell.MergedCell):
            continue
        try:
            cell.value = value
        except openpyxl.utils.exceptions.IllegalCharacterError:  # a person cannot type control characters either
            continue
        if action == 3 and row < 30 and col < 16 and not ws.merged_cells.ranges:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + 1, end_column=col + 1)
    try:
        result = parse_xlsx(_save(wb))
    except gr.ParseError:
        return

    assert result.report is not None


def test_a_workbook_that_expands_beyond_the_limits_is_refused(tmp_path: Path) -> None:
    """A zip bomb named .xlsx is refused by the container limits before openpyxl expands it, naming the file."""
    from govinfo_report.errors import InputLimitError
    from govinfo_report.limits import Limits

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "0" * (2 * 1024 * 1024))

    with pytest.raises(InputLimitError, match=r"bomb\.xlsx.*sheet1\.xml") as info:
        parse_xlsx(path, limits=Limits(max_member_bytes=1024 * 1024))
    assert info.value.limit == "max_member_bytes"
