"""
Real variants of the published tables (tests/fixtures/variants, both editions), read into the official cells.

Each fixture prints one variant that lost or invented numbers before: the other edition's label, a group
printed as one row, wrapped labels, notes after labels, blank cells as bare ``|`` lines, thousands
separators, columns in another order, and markup or characters that only look like numbers.  The expected
cells are written out here by hand.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.importers import ParseResult, parse, parse_text
from govinfo_report.importers._tokens import FOLD_AFTER
from govinfo_report.tables import cell_values

from .helpers import STRAY_SHAPES, stray_report

VARIANTS = Path(__file__).parent / "fixtures" / "variants"
EDITIONS = ("2019", "2021")
META = {"2019": ("青川县农业农村局", 2020), "2021": ("临河区市场监督管理局", 2022)}
II_ROW = {  # the columns of 规章 and （行政）规范性文件 in each edition
    "2019": ("newly_made", "newly_published", "total_published"),
    "2021": ("issued", "repealed", "in_force"),
}
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")
APPLICANTS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other", "total")


def read(name: str) -> ParseResult:
    return parse(VARIANTS / name)


def filled(result: ParseResult) -> dict[str, object]:
    """The cells that are not blank."""
    assert result.report is not None
    return {p: v for p, v in cell_values(result.report).items() if v is not None}


def ii(edition: str, rules: tuple[object, ...], normative: tuple[object, ...]) -> dict[str, object]:
    cols = II_ROW[edition]
    out = {f"$.proactive.rules.{c}": v for c, v in zip(cols, rules, strict=True) if v is not None}
    out.update(
        {f"$.proactive.normative_documents.{c}": v for c, v in zip(cols, normative, strict=True) if v is not None}
    )
    return out


def iii(row: str, values: tuple[object, ...]) -> dict[str, object]:
    return {f"$.requests.{row}.{c}": v for c, v in zip(APPLICANTS, values, strict=True) if v is not None}


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_variant_reads_organ_year_and_edition_from_the_page(edition: str) -> None:
    for path in sorted(VARIANTS.glob(f"{edition}-*")):
        report = parse(path).report
        assert report is not None
        assert (report.meta.organ, report.meta.year, report.edition.value) == (*META[edition], edition), path.name


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_other_editions_label_reads_into_this_editions_row(edition: str) -> None:
    """规范性文件 in a 2021 table (and 行政规范性文件 in a 2019 one) is that edition's row, said so."""
    result = read(f"{edition}-other-edition-label.txt")

    assert filled(result) == ii(edition, (1, 0, 6), (2, 0, 15))
    (diag,) = result.by_code("OTHER-EDITION-LABEL")
    assert diag.severity is gr.Severity.INFO
    assert ("“规范性文件”" if edition == "2021" else "“行政规范性文件”") in diag.message


def test_a_2021_report_printing_other_handling_as_one_row_keeps_its_seven_numbers_unsplit() -> None:
    result = read("2021-other-handling-row.txt")
    report = result.report
    assert isinstance(report, gr.AnnualReport)

    other = report.requests.results.other_handling
    assert isinstance(other, gr.OtherHandling)
    sub_rows = (other.overdue_correction, other.overdue_fee, other.other)
    assert all(v is None for row in sub_rows for v in attrs_values(row))
    assert other.single_row == gr.ApplicantCounts(
        natural_person=1, commercial=0, research=0, public_interest=0, legal_service=0, other=0, total=1
    )
    assert not result.extra_rows
    (diag,) = result.by_code("GROUP-AS-ROW")
    assert "OtherHandling.single_row" in diag.message
    assert diag.severity is gr.Severity.INFO
    assert report.requests.results.total.total == 3
    assert "ROW-MISSING" not in [d.code for d in result.diagnostics if "其他处理" in d.message]
    # its arithmetic uses the single row: the fixture adds up
    assert [f.code for f in gr.check(result) if f.code.startswith("T3")] == []


def attrs_values(row: gr.ApplicantCounts) -> list[object]:
    return [getattr(row, c) for c in APPLICANTS]


def test_the_2019_single_other_handling_row_is_that_editions_row() -> None:
    result = read("2019-other-handling-row.txt")

    assert filled(result) == {
        **iii("received", (3, 0, 0, 0, 0, 0, 3)),
        **iii("carried_in", (0,) * 7),
        **iii("results.disclosed", (2, 0, 0, 0, 0, 0, 2)),
        **iii("results.other_handling", (1, 0, 0, 0, 0, 0, 1)),
        **iii("results.total", (3, 0, 0, 0, 0, 0, 3)),
        **iii("carried_forward", (0,) * 7),
    }
    assert not result.extra_rows
    assert not result.by_code("GROUP-AS-ROW")


@pytest.mark.parametrize("edition", EDITIONS)
def test_labels_wrapped_over_two_lines_are_one_row(edition: str) -> None:
    result = read(f"{edition}-wrapped-labels.txt")

    assert filled(result) == {
        **iii("received", (6, 0, 0, 0, 0, 0, 6)),
        **iii("carried_in", (0,) * 7),
        **iii("results.disclosed", (3, 0, 0, 0, 0, 0, 3)),
        **iii("results.partly_disclosed", (1, 0, 0, 0, 0, 0, 1)),
        **iii("results.unable.not_held", (2, 0, 0, 0, 0, 0, 2)),
    }
    assert len(result.by_code("WRAPPED-LABEL")) == 2
    assert not result.extra_rows
    assert not result.by_code("IGNORED-TEXT")


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_note_after_a_row_label_does_not_shift_the_row(edition: str) -> None:
    result = read(f"{edition}-label-notes.txt")

    assert filled(result) == ii(edition, (1, 0, 6), (2, 0, 15))
    notes = result.by_code("LABEL-NOTE")
    assert ["（2022年）" in notes[0].message, "（截至年底）" in notes[1].message] == [True, True]
    assert not result.by_code("UNREADABLE-CELL")


@pytest.mark.parametrize("edition", EDITIONS)
def test_blank_cells_written_as_bare_pipe_lines_put_the_lone_value_in_its_column(edition: str) -> None:
    """Only 总计 (and 自然人) printed: each value lands where its position puts it, not in the first column."""
    result = read(f"{edition}-bare-pipe-blanks.txt")

    assert filled(result) == {
        **iii("received", (25, None, None, None, None, None, 25)),
        **iii("carried_in", (None,) * 6 + (0,)),
        **iii("results.disclosed", (7, None, None, None, None, None, 7)),
    }
    assert len(result.by_code("BLANK-LINE-CELLS")) == 3


@pytest.mark.parametrize("edition", EDITIONS)
def test_thousands_separators_give_one_value(edition: str) -> None:
    """1,234 · 2 345 (no-break space) · 1，200 · 3 456 (thin space) · 12 345 (space)."""
    result = read(f"{edition}-thousands.txt")

    assert filled(result) == ii(edition, (1234, 0, 2345), (1200, 3456, 12345))
    assert len(result.by_code("DIGIT-GROUPS")) == 5


@pytest.mark.parametrize("edition", EDITIONS)
def test_cells_copied_from_a_browser_are_separated_by_tabs(edition: str) -> None:
    """An empty cell between two tabs is a blank cell in its column (not dropped, shifting the values)."""
    result = read(f"{edition}-tabs.txt")

    assert filled(result) == {
        **ii(edition, (1, None, 6), (2, 0, 15)),
        **iii("received", (5, None, None, None, None, None, 5)),
        **iii("carried_in", (None,) * 6 + (0,)),
        **iii("results.disclosed", (3, None, 1, None, None, None, 4)),
    }


@pytest.mark.parametrize("edition", EDITIONS)
def test_columns_follow_the_printed_header(edition: str) -> None:
    """The header puts 现行有效件数 / 总计 first: the values follow it, and a diagnostic says so."""
    result = read(f"{edition}-column-order.txt")

    assert filled(result) == {
        **ii(edition, (1, 0, 6), (2, 0, 15)),
        # in the header's order: 总计 9, 自然人 5, 其他 1, 商业企业 2, 科研机构 0, 社会公益组织 1, 法律服务机构 0
        **iii("received", (5, 2, 0, 1, 0, 1, 9)),
        **iii("carried_in", (1, 0, 0, 0, 0, 0, 1)),
        # 四: each block of five printed as 总计, 结果维持, 结果纠正, 其他结果, 尚未审结
        **{f"$.disputes.review.{c}": v for c, v in zip(OUTCOMES, (1, 2, 0, 1, 4), strict=True)},
        **{f"$.disputes.direct_suit.{c}": v for c, v in zip(OUTCOMES, (1, 0, 1, 0, 2), strict=True)},
        **{f"$.disputes.suit_after_review.{c}": v for c, v in zip(OUTCOMES, (1, 0, 0, 0, 1), strict=True)},
    }
    assert [d.message.split(" ")[0] for d in result.by_code("COLUMN-ORDER")] == ["表二", "表三", "表四"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_what_only_looks_like_a_number_is_never_read_as_one(edition: str) -> None:
    result = read(f"{edition}-lookalikes.txt")

    assert filled(result) == {}
    quoted = [d.message for d in result.by_code("UNREADABLE-CELL")]
    for text in ("5²", "25¹", "3₂", "①", "⑩", "一百二十"):
        assert any(f"“{text}”" in m for m in quoted), text


@pytest.mark.parametrize("edition", EDITIONS)
def test_html_markup_a_browser_would_not_show_as_that_number(edition: str) -> None:
    """<sup>, <sub>, <del>, <s>, <strike>, hidden cells and text; a value spanning cells is not guessed."""
    result = read(f"{edition}-markup.html")

    assert filled(result) == {
        **iii("received", (4, None, None, None, None, None, 4)),
        **iii("carried_in", (1, 0, None, 0, 0, 0, 3)),
        **iii("results.disclosed", (2, 0, None, 0, 0, 0, 4)),
        **iii("results.partly_disclosed", (None, 0, 0, 0, 0, 0, None)),
    }
    unreadable = [d.message for d in result.by_code("UNREADABLE-CELL")]
    assert len(unreadable) == 8
    assert len(result.by_code("SPANNED-VALUE")) == 2
    assert "999" not in (result.report.overview.text if result.report else "")


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_cms_page_laid_out_with_tables_reads_as_the_report_inside(edition: str) -> None:
    """The page's layout tables (navigation, side bar) are blocks of text; the report's tables are tables."""
    page, plain = read(f"{edition}-cms-page.html"), read(f"{edition}-markup.html")

    assert filled(page) == filled(plain)
    assert filled(page)


# ---------------------------------------------------------------------------- never a wrong number


def test_collapsed_blank_runs_leave_the_row_blank_rather_than_guess() -> None:
    """One cell a line, the blanks collapsed into a ``||||`` run: which columns hold the values is lost."""
    text = "\n".join(
        [
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "一、本年新收政府信息公开申请数量 |",
            "3 |",
            "3 |",
            "|||||||||",
            "二、上年结转政府信息公开申请数量 |",
            *["0 |"] * 7,
            "|",
            "四、政府信息公开行政复议、行政诉讼情况",
        ]
    )
    result = parse_text(text, organ="某某局", year=2020)

    assert filled(result) == iii("carried_in", (0,) * 7)
    (diag,) = result.by_code("AMBIGUOUS-ROW")
    assert "“3、3”" in diag.message


def test_a_space_between_digits_with_too_many_values_is_not_guessed() -> None:
    text = "二、主动公开政府信息情况\n规章 1 234 0 5\n规范性文件 5 100 0\n三、收到和处理政府信息公开申请情况\n"
    result = parse_text(text, organ="某某局", year=2020)

    assert filled(result) == {"$.proactive.normative_documents.newly_made": 5,
                              "$.proactive.normative_documents.newly_published": 100,
                              "$.proactive.normative_documents.total_published": 0}
    assert result.by_code("AMBIGUOUS-ROW")


# ---------------------------------------------------------------------------- bounded resources (issue 15)


@pytest.mark.parametrize("shape", STRAY_SHAPES)
def test_a_megabyte_of_stray_numbers_in_table_three_completes_with_few_diagnostics(shape: str) -> None:
    """Linear time and memory: the run is folded (see tests/benchmarks/bench_stray.py for the growth)."""
    text = stray_report(1_000_000, shape)
    result = parse_text(text)
    report = result.report
    assert report is not None

    assert report.requests.received.total == 1
    assert len(result.diagnostics) < 40
    (stray,) = result.by_code("STRAY-TEXT")
    count = int(stray.message.split("中的")[1].split("个单元格")[0])
    assert count > 100_000
    assert count > FOLD_AFTER


def test_every_diagnostic_code_is_documented() -> None:
    from govinfo_report.importers import CODES

    page = (Path(__file__).parent.parent / "docs" / "importing.md").read_text(encoding="utf-8")
    assert [c for c in CODES if f"| `{c}` | {CODES[c][0].value} |" not in page] == []


@pytest.mark.skipif(importlib.util.find_spec("docx") is None, reason="python-docx is not installed")
def test_a_word_value_cell_merged_over_columns_is_placed_by_its_span(tmp_path: Path) -> None:
    """Word's gridSpan and vMerge: a value merged over several cells is not guessed into the first one."""
    import docx

    from govinfo_report.importers.docx import parse_docx

    doc = docx.Document()
    doc.add_paragraph("青川县农业农村局2020年政府信息公开工作年度报告")
    doc.add_paragraph("二、主动公开政府信息情况")
    table = doc.add_table(rows=4, cols=4)
    cells = [["第二十条第（一）项", "", "", ""], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
             ["规章", "1", "0", "6"], ["规范性文件", "2", "", "15"]]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(0, 3)).text = "第二十条第（一）项"
    table.cell(3, 1).merge(table.cell(3, 2)).text = "2"
    doc.add_paragraph("三、收到和处理政府信息公开申请情况")
    path = tmp_path / "merged.docx"
    doc.save(str(path))

    result = parse_docx(path)

    assert filled(result) == ii("2019", (1, 0, 6), (None, None, 15))
    (spanned,) = result.by_code("SPANNED-VALUE")
    assert "“2”" in spanned.message
