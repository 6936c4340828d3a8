"""Tests of Word output and input: official merges, fonts, round trips, and a .docx not written by us."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report import vocab as v
from govinfo_report.errors import GovInfoReportError, MissingDependencyError, ReportReadError
from govinfo_report.importers.docx import docx_to_html, parse_docx
from govinfo_report.render.docx import BODY_FONT, HEADING_FONT, write_docx
from govinfo_report.tables import layout
from govinfo_report.vocab import Term

from .helpers import example
from .strategies import reports
from .test_html_roundtrip import html_normal, printed

needs_docx = pytest.mark.skipif(importlib.util.find_spec("docx") is None, reason="python-docx is not installed")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _write(report: gr.AnnualReport) -> io.BytesIO:
    buffer = io.BytesIO()
    write_docx(report, buffer)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize("call", ["write", "parse"])
def test_missing_python_docx_is_a_documented_error(monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    """Without python-docx both functions raise MissingDependencyError naming the install command."""
    monkeypatch.setitem(sys.modules, "docx", None)  # makes "import docx" fail
    report = example()

    def attempt() -> object:
        return write_docx(report, io.BytesIO()) if call == "write" else parse_docx(io.BytesIO(b"PK"))

    with pytest.raises(MissingDependencyError) as info:
        attempt()

    assert isinstance(info.value, ImportError)
    assert isinstance(info.value, GovInfoReportError)
    assert 'pip install "govinfo-report[docx]"' in str(info.value)


@needs_docx
def test_tables_have_the_official_merged_cells() -> None:
    """In the written document, the cells of 三 and 四 are merged as in the official layout (read by python-docx)."""
    import docx

    document = docx.Document(_write(example()))
    two, three, four = document.tables

    def same(table: Any, a: tuple[int, int], b: tuple[int, int]) -> bool:
        return bool(table.cell(*a)._tc is table.cell(*b)._tc)

    assert len(three.rows) == 3 + 1 + 1 + 20 + 1
    assert len(three.columns) == 10
    assert three.cell(0, 0).text == v.REQUESTS_NOTE.zh
    assert same(three, (0, 0), (2, 2))
    assert three.cell(0, 3).text == v.APPLICANTS.zh
    assert same(three, (0, 3), (0, 9))
    assert same(three, (1, 3), (2, 3))
    assert same(three, (1, 9), (2, 9))
    assert three.cell(1, 4).text == v.LEGAL_PERSON.zh
    assert same(three, (1, 4), (1, 8))
    assert three.cell(5, 0).text == v.RESULTS.zh
    assert same(three, (5, 0), (24, 0))
    assert not same(three, (5, 0), (25, 0))
    assert three.cell(3, 0).text == v.RECEIVED.zh
    assert same(three, (3, 0), (3, 2))
    assert [three.cell(3, c).text for c in range(3, 10)] == ["30", "3", "0", "0", "0", "0", "33"]
    assert three.cell(5, 5).text == ""  # a blank cell of the example stays empty
    assert four.cell(0, 0).text == v.REVIEW.zh
    assert same(four, (0, 0), (0, 4))
    assert four.cell(0, 5).text == v.LITIGATION.zh
    assert same(four, (0, 5), (0, 14))
    assert same(four, (1, 0), (2, 0))
    assert len(four.rows) == 4
    assert two.cell(0, 0).text == v.ARTICLE_20_1.zh
    assert same(two, (0, 0), (0, 4))


@needs_docx
def test_fonts_page_and_header_rows() -> None:
    """Styles carry East Asian fonts (no theme fonts), the page is A4, and the header rows of 三 repeat."""
    import docx
    from docx.shared import Cm

    document = docx.Document(_write(example()))
    fonts = {}
    for name in ("Normal", "Heading 1", "Title"):
        rfonts = document.styles[name].element.rPr.rFonts
        fonts[name] = rfonts.get(f"{W}eastAsia")
        assert rfonts.get(f"{W}eastAsiaTheme") is None
        assert rfonts.get(f"{W}asciiTheme") is None
    section = document.sections[0]
    three = document.tables[1]._tbl
    repeated = [tr.trPr is not None and tr.trPr.find(f"{W}tblHeader") is not None for tr in three.tr_lst]

    assert fonts["Normal"] == BODY_FONT
    assert fonts["Heading 1"] == HEADING_FONT
    assert fonts["Title"]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (Cm(21).cm, Cm(29.7).cm)
    assert repeated[:3] == [True] * 3
    assert not any(repeated[3:])


@needs_docx
def test_headings_and_paragraphs_in_order() -> None:
    """The document reads title, the six headings in order, and the narratives with their subsections."""
    import docx

    report = example()
    document = docx.Document(_write(report))
    by_style: dict[str, list[str]] = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)

    assert by_style["Title"] == [report.meta.title]
    assert by_style["Heading 1"] == [t.zh for t in v.SECTIONS]
    assert by_style["Heading 2"] == [s.title for s in report.overview.subsections]
    assert report.problems.text in by_style["GovInfo Body"]


@needs_docx
def test_seed_example_round_trips_whole(tmp_path: Path) -> None:
    """The example written to a file reads back equal in every field."""
    target = tmp_path / "wusu.docx"
    report = example()
    write_docx(report, target)
    result = parse_docx(target)

    assert result.report == report
    assert result.source == str(target)
    assert result.codes == ("UNIT-IN-CELL",)


@needs_docx
@settings(max_examples=15)
@given(reports(blanks=True).map(html_normal))
def test_round_trip(report: gr.AnnualReport) -> None:
    """parse_docx(write_docx(r)) gives r back: tables and narratives exactly, and the organ, year and edition."""
    parsed = parse_docx(_write(report)).report

    assert parsed is not None
    assert printed(parsed) == printed(report)


@needs_docx
def test_control_characters_are_a_documented_error() -> None:
    """A text that Word cannot store raises CellValueError naming the field, not a bare lxml error."""
    report = gr.AnnualReport.build(
        gr.ReportMeta(organ="甲局", year=2022, edition=gr.Edition.E2021), overview="说明\x07", problems="无"
    )

    with pytest.raises(gr.CellValueError, match=r"AnnualReport\.overview\.text"):
        write_docx(report, io.BytesIO())


@needs_docx
def test_not_a_docx_file(tmp_path: Path) -> None:
    """A file that is not a .docx raises ReportReadError naming it."""
    fake = tmp_path / "report.docx"
    fake.write_text("一、总体情况", encoding="utf-8")

    with pytest.raises(ReportReadError, match=r"report\.docx"):
        parse_docx(fake)


# ----------------------------------------------------------------------------
# A .docx built by hand, the way other offices lay theirs out
# ----------------------------------------------------------------------------


def _source_report() -> gr.AnnualReport:
    """The figures the hand-built document shows (2021 edition), built from parts."""
    return gr.AnnualReport.build(
        gr.ReportMeta(organ="某某县自然资源局", year=2022, edition=gr.Edition.E2021),
        overview="本局按要求做好公开工作。",
        proactive=gr.Proactive2021(
            rules=gr.DocumentCounts(issued=0, repealed=0, in_force=0),
            normative_documents=gr.DocumentCounts(issued=2, repealed=1, in_force=9),
            licensing=gr.DecisionCounts(decisions=57),
            penalties=gr.DecisionCounts(decisions=4),
            enforcement=gr.DecisionCounts(decisions=0),
            administrative_fees=gr.FeeAmount(amount=None),
        ),
        requests=gr.Requests.from_parts(
            "2021",
            received={"natural_person": 6, "commercial": 2},
            carried_in={"natural_person": 1},
            disclosed={"natural_person": 4, "commercial": 1},
            unable={"not_held": {"natural_person": 2}},
            other_handling={"overdue_correction": {"commercial": 1}},
            carried_forward={"natural_person": 1},
        ),
        disputes=gr.Disputes.from_parts(review={"upheld": 1}, direct_suit={"pending": 2}),
        problems="公开内容不够全面，下一年度加以完善。",
        other_matters="本年度未收取信息处理费。",
    )


def _text_of(value: object) -> str:
    return "" if value is None else str(value)


def _hand_built(report: gr.AnnualReport) -> io.BytesIO:
    """
    A report laid out differently from ours: no Heading styles, empty paragraphs, other fonts, a styled table
    without any merged cell for 二 and 三 (group labels only on their first row, as many sites print them),
    and 四 with its header cells merged horizontally only.
    """
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    title = document.add_paragraph()
    run = title.add_run(f"{report.meta.organ}{report.meta.year}年政府信息公开工作年度报告")
    run.bold, run.font.size = True, Pt(20)
    document.add_paragraph("")
    lay = layout(report.edition)

    def heading(term: Term) -> None:
        p = document.add_paragraph()
        p.add_run(term.zh).bold = True
        document.add_paragraph("   ")

    def table(rows: list[list[str]]) -> Any:
        width = max(len(r) for r in rows)
        t = document.add_table(rows=len(rows), cols=width)
        t.style = "Light Grid Accent 1"
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                t.cell(i, j).text = text
        return t

    heading(v.OVERVIEW)
    document.add_paragraph(report.overview.text)
    heading(v.PROACTIVE)
    rows: list[list[str]] = []
    block = None
    for r in lay.table("二").rows:
        if r.labels[0] != block:
            block = r.labels[0]
            rows.append([block.zh, "", "", ""])
            rows.append(
                [v.INFORMATION_CONTENT.zh] + [c.column_terms[-1].zh for c in r.cells] + [""] * (3 - len(r.cells))
            )
        values = [_text_of(gr.get_cell(report, c.path)) for c in r.cells]
        rows.append([r.labels[-1].zh, *values] + [""] * (3 - len(values)))
    table(rows)
    heading(v.REQUESTS)
    spec = lay.table("三")
    columns = [c.column_terms for c in spec.rows[0].cells]
    rows = [
        [v.REQUESTS_NOTE.zh, "", "", v.APPLICANTS.zh] + [""] * 6,
        ["", "", "", v.NATURAL_PERSON.zh, v.LEGAL_PERSON.zh, "", "", "", "", v.TOTAL.zh],
        ["", "", "", ""] + [c[-1].zh for c in columns[1:-1]] + [""],
    ]
    seen: set[Term] = set()
    for r in spec.rows:
        labels = ["", "", ""]
        for level, term in enumerate(r.labels):
            if term not in seen:
                labels[level] = term.zh
                seen.add(term)
        rows.append(labels + [_text_of(gr.get_cell(report, c.path)) for c in r.cells])
    table(rows)
    document.add_paragraph("")
    heading(v.DISPUTES)
    spec = lay.table("四")
    t = table(
        [
            [v.REVIEW.zh] + [""] * 4 + [v.LITIGATION.zh] + [""] * 9,
            [c.column_terms[-1].zh for c in spec.rows[0].cells]
            + [v.DIRECT_SUIT.zh]
            + [""] * 4
            + [v.SUIT_AFTER_REVIEW.zh]
            + [""] * 4,
            [""] * 5 + [c.column_terms[-1].zh for r in spec.rows[1:] for c in r.cells],
            [_text_of(gr.get_cell(report, c.path)) for r in spec.rows for c in r.cells],
        ]
    )
    t.cell(0, 0).merge(t.cell(0, 4)).text = v.REVIEW.zh
    t.cell(0, 5).merge(t.cell(0, 14)).text = v.LITIGATION.zh
    heading(v.PROBLEMS)
    document.add_paragraph(report.problems.text)
    heading(v.OTHER_MATTERS)
    document.add_paragraph(report.other_matters.text)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return buffer


@needs_docx
def test_a_docx_not_written_by_us() -> None:
    """A report laid out by hand with other styles, fonts and merges reads to the figures it shows."""
    report = _source_report()
    result = parse_docx(_hand_built(report))
    parsed = result.report

    assert parsed is not None
    assert (parsed.meta.organ, parsed.meta.year, parsed.meta.edition) == ("某某县自然资源局", 2022, gr.Edition.E2021)
    assert parsed.proactive == report.proactive
    assert parsed.requests == report.requests
    assert parsed.disputes == report.disputes
    assert parsed.overview.text == report.overview.text
    assert parsed.problems.text == report.problems.text
    assert [d for d in result.diagnostics if d.severity is not gr.Severity.INFO] == []


@needs_docx
def test_text_hidden_under_a_vertical_merge_is_reported() -> None:
    """Text that Word hides in a vertically merged cell is not read, and a diagnostic says so."""
    import docx

    document = docx.Document(_write(example()))
    three = document.tables[1]._tbl
    continuation = three.tr_lst[6].tc_lst[0]  # under 三、本年度办理结果
    continuation.p_lst[0].add_r().text = "隐藏文字"
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    result = parse_docx(buffer)

    assert "IGNORED-TEXT" in result.codes
    assert any("隐藏文字" in d.message for d in result.by_code("IGNORED-TEXT"))
    assert result.report is not None
    assert result.report.requests == example().requests


@needs_docx
def test_docx_to_html_rebuilds_spans() -> None:
    """docx_to_html turns Word's gridSpan and vMerge back into colspan and rowspan."""
    html = docx_to_html(_write(example()))

    assert f'<td rowspan="3" colspan="3">{v.REQUESTS_NOTE.zh}</td>' in html
    assert f'<td rowspan="20">{v.RESULTS.zh}</td>' in html
    assert f"<h2>{v.OVERVIEW.zh}</h2>" in html
    assert html.count("<table>") == 3
