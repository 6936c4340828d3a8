"""
（六）其他处理 printed as one row in a 2021-edition report (``OtherHandling.single_row``): read, checked, kept.

The reports printed here are written by hand from the layout's labels, the way real 2021 reports in the
2019 style print table 三 (（六）其他处理 followed by its seven numbers, no sub-rows); the expected values
are the numbers drawn for the print.
"""

from __future__ import annotations

import html
import importlib.util
import io
import json
import warnings
from fractions import Fraction
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.importers import ParseResult, parse_html, parse_text
from govinfo_report.schema import shipped_schema
from govinfo_report.tables import cell_values, layout

from .strategies import counts, reports, single_row_reports, spec_reports, sub_row_sum, with_single_row

OH = "$.requests.results.other_handling"
SINGLE = f"{OH}.single_row"
COLUMNS = (*gr.ApplicantCounts.PARTS, "total")
SUB_ROW_CELLS = tuple(c.path for c in layout("2021").cells if c.path.startswith(OH + "."))
ORGAN, YEAR = "某某县统计局", 2022


def _fmt(value: object) -> str:
    return "" if value is None else str(value)


def _table_iii_rows(report: gr.AnnualReport, single: list[object]) -> list[tuple[str, list[str]]]:
    """Table 三 of *report* as (label, values) lines, （六）其他处理 printed as one row of *single*."""
    out: list[tuple[str, list[str]]] = []
    seen: set[object] = set()
    for row in layout("2021").table("三").rows:
        if row.path.startswith(OH + "."):
            if OH not in seen:
                seen.add(OH)
                out.append((gr.vocab.OTHER_HANDLING.zh, [_fmt(x) for x in single]))
            continue
        for group in row.labels[:-1]:
            if group not in seen:
                seen.add(group)
                out.append((group.zh, []))
        out.append((row.labels[-1].zh, [_fmt(gr.get_cell(report, c.path)) for c in row.cells]))
    return out


def _document(rows: list[tuple[str, list[str]]], form: str) -> str:
    if form == "text":
        table = "\n".join(" ".join([label, *values]) for label, values in rows)
    else:
        cells = "".join(
            "<tr>" + f"<td>{html.escape(label)}</td>" + "".join(f"<td>{x}</td>" for x in values) + "</tr>"
            for label, values in rows
        )
        table = f"<table>{cells}</table>"
    parts = [
        f"{ORGAN}{YEAR}年政府信息公开工作年度报告",
        "一、总体情况",
        "本局按时更新公开栏目，逐件答复申请。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        table,
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "栏目更新偶有延迟，明年按月检查。",
        "六、其他需要报告的事项",
        "本年度没有收取信息处理费。",
    ]
    if form == "text":
        return "\n".join(parts) + "\n"
    return "<html><body>" + "".join(p if p.startswith("<table") else f"<p>{p}</p>" for p in parts) + "</body></html>"


def _read(text: str, form: str) -> ParseResult:
    read = parse_text if form == "text" else parse_html
    return read(text, organ=ORGAN, year=YEAR)


def _single_from(report: gr.AnnualReport) -> list[object]:
    row = sub_row_sum(report)
    return [getattr(row, c) for c in COLUMNS]


FORMS = st.sampled_from(["text", "html"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports("2021"), FORMS)
def test_a_report_printing_other_handling_as_one_row_reads_it_into_the_field(
    report: gr.AnnualReport, form: str
) -> None:
    single = _single_from(report)
    result = _read(_document(_table_iii_rows(report, single), form), form)
    parsed = result.report
    assert parsed is not None

    oh = parsed.requests.results.other_handling
    assert isinstance(oh, gr.OtherHandling)
    assert oh.single_row is not None
    assert [getattr(oh.single_row, c) for c in COLUMNS] == single
    # never split into the sub-rows, and every other cell of 三 as printed
    values = cell_values(parsed)
    assert all(values[p] is None for p in SUB_ROW_CELLS)
    expected = {p: x for p, x in cell_values(report).items() if p.startswith("$.requests.") and p not in SUB_ROW_CELLS}
    assert {p: values[p] for p in expected} == expected
    assert not result.extra_rows
    (diag,) = result.by_code("GROUP-AS-ROW")
    assert diag.path == SINGLE
    # its arithmetic uses the single row: a consistent table gives no T3 finding, no blank sub-row
    findings = gr.check(result)
    assert [f for f in findings if f.code.startswith("T3")] == []
    for f in findings:
        assert not set(f.blank_cells) & set(SUB_ROW_CELLS), f


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports("2021"), FORMS, st.sampled_from(COLUMNS), st.integers(1, 9))
def test_a_broken_single_row_is_named(report: gr.AnnualReport, form: str, column: str, more: int) -> None:
    single = _single_from(report)
    k = COLUMNS.index(column)
    single[k] = int(str(single[k])) + more
    result = _read(_document(_table_iii_rows(report, single), form), form)
    findings = [f for f in gr.check(result) if f.code.startswith("T3")]

    # the oracle: a part of the row breaks its 总计 and the results total of its column; its 总计 breaks both totals
    wanted = {("T3-ROW-TOTAL", f"{SINGLE}.total"), ("T3-RESULTS-TOTAL", f"$.requests.results.total.{column}")}
    assert {(f.code, f.path) for f in findings} == wanted
    row_total = next(f for f in findings if f.code == "T3-ROW-TOTAL")
    assert gr.vocab.OTHER_HANDLING_SINGLE_ROW.zh in row_total.message
    assert row_total.table == "三"
    for f in findings:
        assert f.diagnosis is not None
        assert f.diagnosis.cell.path == f"{SINGLE}.{column}"
    # the diagnosis, applied, is the number printed before the change
    assert result.report is not None
    fix = findings[0].diagnosis
    assert fix is not None
    fixed = gr.replace_cell(result.report, fix.cell.path, fix.value)
    assert gr.get_cell(fixed, fix.cell.path) == single[k] - more  # type: ignore[operator]
    assert [f for f in gr.check(fixed) if f.code.startswith("T3")] == []


def test_a_blank_single_row_cell_is_blank_counted_and_the_sub_rows_are_not() -> None:
    base = gr.AnnualReport.blank("2021", organ=ORGAN, year=YEAR, fill=0)
    row = gr.ApplicantCounts(
        natural_person=None, commercial=0, research=0, public_interest=0, legal_service=0, other=0, total=0
    )
    report = with_single_row(base, row, keep_sub_rows=False)

    (blank,) = [f for f in gr.check(report) if f.code == "BLANK-CELLS"]
    assert blank.blank_cells == (f"{SINGLE}.natural_person",)
    assert gr.vocab.OTHER_HANDLING_SINGLE_ROW.zh in blank.message
    assert [f for f in gr.check(report) if f.is_error] == []


def test_sub_rows_and_a_single_row_that_disagree_are_found() -> None:
    base = gr.AnnualReport.blank("2021", organ=ORGAN, year=YEAR, fill=0)
    report = with_single_row(base, gr.ApplicantCounts.from_parts(legal_service=2), keep_sub_rows=True)

    findings = [(f.code, f.path) for f in gr.check(report) if f.is_error]
    assert findings == [
        ("T3-OTHER-SINGLE-ROW", f"{SINGLE}.legal_service"),
        ("T3-OTHER-SINGLE-ROW", f"{SINGLE}.total"),
    ]


# ----------------------------------------------------------------------------
# JSON and the writers
# ----------------------------------------------------------------------------


@given(single_row_reports(broken=True))
def test_json_round_trip_keeps_the_single_row(report: gr.AnnualReport) -> None:
    text = gr.to_json(report)
    assert gr.from_json(text) == report
    data = json.loads(text)
    assert data["requests"]["results"]["other_handling"]["single_row"] == attrs.asdict(
        report.requests.results.other_handling.single_row
    )
    assert jsonschema.Draft202012Validator(shipped_schema("2021")).is_valid(data)


@given(reports())
def test_json_without_a_single_row_has_no_key(report: gr.AnnualReport) -> None:
    assert "single_row" not in gr.to_json(report)
    assert gr.from_json(gr.to_json(report)) == report


@given(single_row_reports(), st.sampled_from(COLUMNS), st.integers(-5, -1))
def test_a_negative_single_row_count_is_refused_by_json_and_schema(
    report: gr.AnnualReport, column: str, n: int
) -> None:
    data = json.loads(gr.to_json(report))
    data["requests"]["results"]["other_handling"]["single_row"][column] = n

    with pytest.raises(gr.StructureError) as info:
        gr.from_dict(data)
    assert f"@ {SINGLE}.{column}" in str(info.value)
    assert not jsonschema.Draft202012Validator(shipped_schema("2021")).is_valid(data)


def _docx(report: gr.AnnualReport) -> gr.AnnualReport | None:
    from govinfo_report.importers.docx import docx_to_html
    from govinfo_report.render.docx import write_docx

    buffer = io.BytesIO()
    write_docx(report, buffer)
    buffer.seek(0)
    return parse_html(docx_to_html(buffer)).report


def _xlsx(report: gr.AnnualReport, folder: Path) -> gr.AnnualReport | None:
    from govinfo_report.importers.xlsx import parse_xlsx
    from govinfo_report.render.xlsx import write_xlsx

    path = folder / "report.xlsx"
    write_xlsx(report, path)
    return parse_xlsx(path).report


WRITERS = ["text", "markdown", "html", "docx", "xlsx"]


@pytest.mark.parametrize("writer", WRITERS)
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(report=single_row_reports(broken=True))
def test_every_writer_prints_the_single_row_and_reads_it_back(
    writer: str, report: gr.AnnualReport, tmp_path: Path
) -> None:
    if writer == "docx" and importlib.util.find_spec("docx") is None:
        pytest.skip("python-docx is not installed")
    if writer == "xlsx" and importlib.util.find_spec("openpyxl") is None:
        pytest.skip("openpyxl is not installed")
    if writer == "text":
        back = parse_text(gr.render_text(report)).report
    elif writer == "markdown":
        back = parse_text(gr.render_markdown(report)).report
    elif writer == "html":
        back = parse_html(gr.render_html(report)).report
    elif writer == "docx":
        back = _docx(report)
    else:
        back = _xlsx(report, tmp_path)
    assert back is not None
    assert back.requests == report.requests


def test_the_text_writer_prints_the_row_under_its_label() -> None:
    base = gr.AnnualReport.blank("2021", organ=ORGAN, year=YEAR, fill=0)
    report = with_single_row(base, gr.ApplicantCounts.from_parts(research=7), keep_sub_rows=False)
    lines = gr.render_table(report, "三", tablefmt="plain").splitlines()
    (line,) = [x for x in lines if x.startswith(gr.vocab.OTHER_HANDLING_SINGLE_ROW.zh)]
    assert line.split()[1:] == ["0", "0", "7", "0", "0", "0", "7"]
    assert gr.render_table(base, "三") == gr.render_table(with_single_row(base, None, keep_sub_rows=True), "三")


# ----------------------------------------------------------------------------
# Records, summary, comparison, indicators
# ----------------------------------------------------------------------------


@given(single_row_reports())
def test_records_list_the_single_row_after_the_official_cells_of_its_group(report: gr.AnnualReport) -> None:
    plain = with_single_row(report, None, keep_sub_rows=True)
    records = gr.to_records(report)
    extra = [r for r in records if r["row_key"] == "results.other_handling.single_row"]

    assert [r for r in records if r not in extra] == gr.to_records(plain)
    single = report.requests.results.other_handling.single_row
    assert [(r["column_key"], r["value"]) for r in extra] == [(c, getattr(single, c)) for c in COLUMNS]
    assert {r["row"] for r in extra} == {gr.vocab.OTHER_HANDLING_SINGLE_ROW.zh}
    keys = [r["row_key"] for r in records]
    last_sub_row = len(keys) - 1 - keys[::-1].index("results.other_handling.other")
    assert keys.index("results.other_handling.single_row") == last_sub_row + 1


@settings(max_examples=25, deadline=None)
@given(st.lists(reports("2021"), min_size=2, max_size=3), st.lists(st.booleans(), min_size=3, max_size=3))
def test_aggregate_sums_other_handling_as_one_row_when_a_member_printed_it_so(
    members: list[gr.AnnualReport], single: list[bool]
) -> None:
    rows = [sub_row_sum(m) for m in members]  # each member's （六） as one row, before any is printed so
    members = [
        attrs.evolve(
            with_single_row(m, row, keep_sub_rows=False) if s else m,
            meta=attrs.evolve(m.meta, organ=f"第{i}局", year=YEAR),
        )
        for i, (m, row, s) in enumerate(zip(members, rows, single, strict=False))
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        summary = gr.aggregate(members, organ="某某县人民政府")
    oh = summary.requests.results.other_handling
    assert isinstance(oh, gr.OtherHandling)
    expected = gr.ApplicantCounts(**{c: sum(getattr(row, c) for row in rows) for c in COLUMNS})
    if any(single[: len(members)]):
        assert oh.single_row == expected
        assert all(x is None for x in (cell_values(summary)[p] for p in SUB_ROW_CELLS))
        assert gr.vocab.OTHER_HANDLING_SINGLE_ROW.zh in summary.overview.text
    else:
        assert oh.single_row is None
    errors = [f for f in gr.check(summary, members=members) if f.is_error]
    assert errors == []


@given(reports("2021"), counts())
def test_compare_and_indicators_read_the_single_row(report: gr.AnnualReport, extra: int) -> None:
    row = sub_row_sum(report)
    parts = {c: getattr(row, c) for c in gr.ApplicantCounts.PARTS}
    changed = gr.ApplicantCounts.from_parts(**{**parts, "other": row.other + extra})
    new = with_single_row(report, changed, keep_sub_rows=False)

    cells = {c.path: c for c in gr.compare(report, new).cells}
    assert (cells[f"{SINGLE}.total"].old, cells[f"{SINGLE}.total"].new) == (row.total, changed.total)
    assert cells[f"{SINGLE}.other"].change == extra
    assert not any(c.path.startswith(SINGLE) for c in gr.compare(report, report).cells)

    handled = new.requests.results.total.total
    share = gr.indicators(new).other_handling_share
    assert share == (Fraction(changed.total, handled) if handled else None)


def test_the_single_row_is_read_as_any_row_unreadable_cells_blank_with_a_diagnostic() -> None:
    report = gr.AnnualReport.blank("2021", organ=ORGAN, year=YEAR, fill=0)
    rows = _table_iii_rows(report, ["1,234", "①", "0", "0", "0", "0", "1,234"])
    result = _read(_document(rows, "text"), "text")
    assert result.report is not None
    single = result.report.requests.results.other_handling.single_row

    assert single == gr.ApplicantCounts(
        natural_person=1234, commercial=None, research=0, public_interest=0, legal_service=0, other=0, total=1234
    )
    (unreadable,) = [d for d in result.diagnostics if d.path == f"{SINGLE}.commercial"]
    assert unreadable.code == "UNREADABLE-CELL"
    assert "①" in unreadable.message
    assert gr.vocab.OTHER_HANDLING_SINGLE_ROW.zh in unreadable.message
    assert any(d.code == "DIGIT-GROUPS" and d.path == f"{SINGLE}.natural_person" for d in result.diagnostics)


def test_another_group_printed_as_one_row_stays_in_extra_rows() -> None:
    """Only （六）其他处理 has a single row in the model: （三）不予公开 printed with seven numbers is kept apart."""
    report = gr.AnnualReport.blank("2021", organ=ORGAN, year=YEAR, fill=0)
    rows = [
        (label, ["2", "0", "0", "0", "0", "0", "2"] if label == gr.vocab.WITHHELD.zh else values)
        for label, values in _table_iii_rows(report, [0] * 7)
        if not label.startswith(tuple(f"{i}." for i in range(1, 9))) or not values
    ]
    result = _read(_document(rows, "text"), "text")
    assert result.report is not None

    printed = ("2", "0", "0", "0", "0", "0", "2")
    assert [(x.label, x.values) for x in result.extra_rows] == [(gr.vocab.WITHHELD.zh, printed)]
    assert result.report.requests.results.other_handling.single_row is not None


# ----------------------------------------------------------------------------
# The builders derive totals through the single row
# ----------------------------------------------------------------------------

_TOTAL_ROW = "$.requests.results.total"
_CARRIED = "$.requests.carried_forward"


@given(spec_reports("2021"))
def test_derive_totals_fills_the_results_total_from_the_single_row(report: gr.AnnualReport) -> None:
    """
    A report that prints （六） as one row (sub-rows not printed) with （七）总计, 四 and the row's own 总计
    blank gets them back from the row: the values of the consistent report it was made from (whose
    totals the test strategies computed from format-spec §4 without the builders).
    """
    row = sub_row_sum(report)
    single = with_single_row(report, attrs.evolve(row, total=None), keep_sub_rows=False)
    blanked = single
    for column in COLUMNS:
        for path in (f"{_TOTAL_ROW}.{column}", f"{_CARRIED}.{column}"):
            blanked = gr.replace_cell(blanked, path, None)

    derived = gr.derive_totals(blanked)

    oh = derived.requests.results.other_handling
    assert isinstance(oh, gr.OtherHandling)
    assert oh.single_row == row
    assert derived.requests.results.total == report.requests.results.total
    assert derived.requests.carried_forward == report.requests.carried_forward
    assert (oh.overdue_correction, oh.overdue_fee, oh.other) == (gr.ApplicantCounts.blank(),) * 3
    assert not [f for f in gr.check(derived, narrative=False) if f.code.startswith("T3-")]


@given(st.lists(counts(), min_size=7, max_size=7))
def test_from_parts_with_the_single_row_leaves_the_sub_rows_blank(numbers: list[int]) -> None:
    """Requests.from_parts with （六） given as one row: its sub-rows are blank, （七）总计 counts the row."""
    received, disclosed, single = numbers[0] + numbers[1] + numbers[2], numbers[1], numbers[2]
    req = gr.Requests.from_parts(
        "2021",
        received={"natural_person": received},
        disclosed={"natural_person": disclosed},
        other_handling={"single_row": {"natural_person": single}},
    )

    oh = req.results.other_handling
    assert isinstance(oh, gr.OtherHandling)
    assert oh.single_row is not None
    assert (oh.single_row.natural_person, oh.single_row.total) == (single, single)
    assert (oh.overdue_correction, oh.overdue_fee, oh.other) == (gr.ApplicantCounts.blank(),) * 3
    assert req.results.total.natural_person == disclosed + single
    assert req.carried_forward.natural_person == received - disclosed - single
