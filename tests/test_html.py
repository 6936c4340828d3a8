"""Tests of the HTML renderer: the official merged cells, blanks, escaping, findings, page structure."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import given

import govinfo_report as gr
from govinfo_report import vocab as v
from govinfo_report.findings import CellRef, Finding
from govinfo_report.render.html import render_html, render_html_table
from govinfo_report.rules import Severity
from govinfo_report.tables import layout

from .conftest import EXAMPLE_JSON
from .helpers import blank_report
from .strategies import reports


class Cell:
    """A parsed ``td``/``th``: tag, text, spans and attributes."""

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.rowspan = int(attrs.get("rowspan", "1"))
        self.colspan = int(attrs.get("colspan", "1"))
        self.text = ""

    def __repr__(self) -> str:
        return f"<{self.tag} {self.rowspan}x{self.colspan} {self.text!r}>"


class Tables(HTMLParser):
    """Collects every table of a page as rows of :class:`Cell` (independent of the renderer's own grid)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[Cell]]] = []
        self.cell: Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = Cell(tag, {k: val or "" for k, val in attrs})
            self.tables[-1][-1].append(self.cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data


def parse_tables(html: str) -> list[list[list[Cell]]]:
    """The tables of *html*, each as rows of cells."""
    parser = Tables()
    parser.feed(html)
    return parser.tables


def expand(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Lay the cells out on the full grid, as a browser does: a spanning cell fills every slot it covers."""
    grid: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert (r + dr, c + dc) not in grid, f"overlap at {(r + dr, c + dc)}"
                    grid[(r + dr, c + dc)] = cell
            c += cell.colspan
    height = 1 + max(r for r, _ in grid)
    width = 1 + max(c for _, c in grid)
    assert len(grid) == height * width, "the grid has holes"
    return [[grid[(r, c)] for c in range(width)] for r in range(height)]


def find(rows: list[list[Cell]], text: str) -> Cell:
    """The one cell whose text is *text*."""
    found = [c for row in rows for c in row if c.text == text]
    assert len(found) == 1, (text, found)
    return found[0]


def _report(edition: str, fill: int | None = 0) -> gr.AnnualReport:
    return blank_report(edition, organ="甲市统计局", fill=fill)


@pytest.mark.parametrize(("edition", "results_rows"), [("2019", 20), ("2021", 22)])
def test_table_three_header_and_group_spans(edition: str, results_rows: int) -> None:
    """Table 三 has the official merged cells of format-spec §1.3 and §2.3."""
    (rows,) = parse_tables(render_html_table(_report(edition), "三"))

    note = find(rows, v.REQUESTS_NOTE.zh)
    assert (note.rowspan, note.colspan) == (3, 3)
    assert find(rows, v.APPLICANTS.zh).colspan == 7
    assert find(rows, v.NATURAL_PERSON.zh).rowspan == 2
    assert find(rows, v.TOTAL.zh).rowspan == 2
    assert find(rows, v.LEGAL_PERSON.zh).colspan == 5
    assert find(rows, v.RESULTS.zh).rowspan == results_rows
    assert find(rows, v.WITHHELD.zh).rowspan == 8
    assert find(rows, v.UNABLE.zh).rowspan == 3
    assert find(rows, v.NOT_PROCESSED.zh).rowspan == 5
    for label in (v.RECEIVED, v.CARRIED_IN, v.CARRIED_FORWARD):
        assert find(rows, label.zh).colspan == 3
    for label in (v.DISCLOSED, v.PARTLY_DISCLOSED, v.RESULTS_TOTAL):
        assert find(rows, label.zh).colspan == 2
    other = find(rows, v.OTHER_HANDLING.zh)
    assert (other.rowspan, other.colspan) == ((1, 2) if edition == "2019" else (3, 1))
    assert [len(r) for r in expand(rows)] == [10] * len(expand(rows))


def test_table_four_header_block() -> None:
    """Table 四 has 行政复议 over 5 columns, 行政诉讼 over 10, and 15 values in one row."""
    (rows,) = parse_tables(render_html_table(_report("2021"), "四"))
    grid = expand(rows)

    assert [c.text for c in rows[0]] == [v.REVIEW.zh, v.LITIGATION.zh]
    assert [c.colspan for c in rows[0]] == [5, 10]
    assert [c.text for c in rows[1][5:]] == [v.DIRECT_SUIT.zh, v.SUIT_AFTER_REVIEW.zh]
    assert [c.colspan for c in rows[1][5:]] == [5, 5]
    assert all(c.rowspan == 2 for c in rows[1][:5])
    assert [c.text for c in grid[2]] == [t.zh for t in (v.UPHELD, v.CORRECTED, v.OTHER_OUTCOME, v.PENDING, v.TOTAL)] * 3
    assert len(grid) == 4
    assert all(c.tag == "td" for c in rows[3])
    assert len(rows[3]) == 15


@pytest.mark.parametrize(("edition", "width"), [("2019", 5), ("2021", 4)])
def test_table_two_blocks(edition: str, width: int) -> None:
    """Table 二: captions span the grid, every block has 信息内容, and the 2019 （八）/（九） values span 2 columns."""
    (rows,) = parse_tables(render_html_table(_report(edition), "二"))
    grid = expand(rows)
    captions = [r[0] for r in rows if len(r) == 1]

    assert len(grid[0]) == width
    assert [c.colspan for c in captions] == [width] * len(captions)
    assert sum(1 for r in rows if r[0].text == v.INFORMATION_CONTENT.zh) == len(captions)
    if edition == "2019":
        assert [c.text for c in captions][-2:] == [v.ARTICLE_20_8.zh, v.ARTICLE_20_9.zh]
        for label in (v.ADMINISTRATIVE_FEES, v.PROCUREMENT):
            row = next(r for r in rows if r[0].text == label.zh)
            assert [c.colspan for c in row] == [1, 2, 2]
    else:
        for label in (v.LICENSING, v.PENALTIES, v.ENFORCEMENT, v.ADMINISTRATIVE_FEES):
            row = next(r for r in rows if r[0].text == label.zh)
            assert [c.colspan for c in row] == [1, 3]


def _leaf_header(grid: list[list[Cell]], header_rows: int, column: int) -> str:
    return grid[header_rows - 1][column].text


@given(reports(blanks=True))
def test_every_value_sits_under_its_row_and_column_labels(report: gr.AnnualReport) -> None:
    """On the expanded grid of 三, each value sits in the row of its labels and under its column header."""
    (rows,) = parse_tables(render_html_table(report, "三"))
    grid = expand(rows)
    spec = layout(report.edition).table("三")

    for k, row_spec in enumerate(spec.rows):
        line = grid[3 + k]
        labels = list(dict.fromkeys(c.text for c in line[:3]))
        assert labels == [t.zh for t in row_spec.labels]
        for j, cell in enumerate(row_spec.cells):
            value = gr.get_cell(report, cell.path)
            assert line[3 + j].text == ("" if value is None else str(value))
            assert _leaf_header(grid, 3, 3 + j) == cell.column_terms[-1].zh


def test_blank_cells_stay_empty_and_zero_prints_zero() -> None:
    """A blank cell is an empty <td>; a 0 cell prints 0."""
    report = gr.replace_cell(_report("2021", fill=None), "$.disputes.review.upheld", 0)
    (rows,) = parse_tables(render_html_table(report, "四"))

    assert [c.text for c in rows[3]] == ["0"] + [""] * 14
    assert rows[3][1].attrs["data-path"] == "$.disputes.review.corrected"


def test_amount_with_unit_and_decimal() -> None:
    """A procurement amount prints as written with its unit; a 2021 fee amount as written."""
    r2019 = _report("2019")
    unit = gr.ProcurementCounts(projects=3, amount=Decimal("178.50"), amount_unit=gr.AmountUnit.WAN_YUAN)
    r2019 = attrs.evolve(r2019, proactive=attrs.evolve(r2019.proactive, procurement=unit))
    r2021 = gr.replace_cell(_report("2021"), "$.proactive.administrative_fees.amount", Decimal("0.25"))

    assert ">178.50万元</td>" in render_html_table(r2019, "二")
    assert ">0.25</td>" in render_html_table(r2021, "二")


def test_text_is_escaped() -> None:
    """Markup in the organ, the narratives and subsection titles is escaped, never interpreted."""
    report = gr.AnnualReport.build(
        gr.ReportMeta(organ="A&B<script>局", year=2022, edition=gr.Edition.E2021),
        overview=gr.Narrative(
            text='说明 <b>"粗"</b> & 更多', subsections=(gr.Subsection(title="<i>小节</i>", text="x<y"),)
        ),
        problems="无",
        other_matters="无",
    )
    page = render_html(report)

    assert "<script>" not in page
    assert "<b>" not in page
    assert "<i>" not in page
    assert "<h1>A&amp;B&lt;script&gt;局2022年政府信息公开工作年度报告</h1>" in page
    assert "<p>说明 &lt;b&gt;&quot;粗&quot;&lt;/b&gt; &amp; 更多</p>" in page
    assert "<h3>&lt;i&gt;小节&lt;/i&gt;</h3>" in page
    assert "<p>x&lt;y</p>" in page


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_page_structure(edition: str) -> None:
    """A standalone page is UTF-8 HTML5 with print CSS, the title, the six headings in order and three tables."""
    report = gr.from_json(EXAMPLE_JSON.read_bytes()) if edition == "2019" else _report("2021")
    page = render_html(report)
    headings = re.findall(r"<h2>(.*?)</h2>", page)

    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert '<meta charset="utf-8">' in page
    assert f"<title>{gr.default_title(report)}</title>" in page
    assert "@media print" in page
    assert "Noto Serif CJK SC" in page
    assert headings == [t.zh for t in v.SECTIONS]
    assert page.count("<table") == 3
    assert page.rstrip().endswith("</html>")


def test_narratives_become_paragraphs_under_subsection_headings() -> None:
    """Narrative text is a paragraph per line, subsection titles are <h3> followed by their text."""
    report = gr.from_json(EXAMPLE_JSON.read_bytes())
    page = render_html(report)
    overview = page[page.index(f"<h2>{v.OVERVIEW.zh}</h2>") : page.index(f"<h2>{v.PROACTIVE.zh}</h2>")]

    expected = [f"<p>{report.overview.text}</p>"]
    for s in report.overview.subsections:
        expected += [f"<h3>{s.title}</h3>", f"<p>{s.text}</p>"]
    assert re.findall(r"<(?:p|h3)>.*?</(?:p|h3)>", overview) == expected


def test_fragment_has_no_document_wrapper() -> None:
    """standalone=False gives an embeddable fragment: style and article, no <html>, <head> or <body>."""
    fragment = render_html(_report("2021"), standalone=False)

    assert fragment.startswith("<style>")
    assert "<html" not in fragment
    assert "<head" not in fragment
    assert "<body" not in fragment
    assert '<article class="govinfo-report"' in fragment


def _finding(message: str) -> Finding:
    stated = CellRef(path="$.disputes.review.total", table="四", row="行政复议", column="总计", value=5)
    part = CellRef(path="$.disputes.review.upheld", table="四", row="行政复议", column="结果维持", value=4)
    return Finding(
        code="T4-TOTAL",
        severity=Severity.ERROR,
        path=stated.path,
        table="四",
        row="行政复议",
        column="总计",
        stated=5,
        expected=4,
        message=message,
        cells=(stated, part),
    )


def _cell_with_path(page: str, path: str) -> Cell:
    cells = [c for t in parse_tables(page) for row in t for c in row if c.attrs.get("data-path") == path]
    assert len(cells) == 1
    return cells[0]


def test_findings_highlight_their_cells_and_are_listed() -> None:
    """With findings, the stated cell and the part cells are marked, titled with the message, and listed."""
    report = gr.replace_cell(_report("2021"), "$.disputes.review.total", 5)
    report = gr.replace_cell(report, "$.disputes.review.upheld", 4)
    finding = _finding("表四 行政复议 × 总计：填报 5，应为 4 <多 1>")
    page = render_html(report, findings=[finding])
    stated = _cell_with_path(page, "$.disputes.review.total")
    part = _cell_with_path(page, "$.disputes.review.upheld")
    other = _cell_with_path(page, "$.disputes.review.corrected")

    assert set(stated.attrs["class"].split()) == {"value", "finding", "finding-stated", "finding-error"}
    assert set(part.attrs["class"].split()) == {"value", "finding", "finding-part", "finding-error"}
    assert stated.attrs["title"] == "[T4-TOTAL] 表四 行政复议 × 总计：填报 5，应为 4 <多 1>"
    assert other.attrs["class"] == "value"
    assert "title" not in other.attrs
    four = page[page.index(f"<h2>{v.DISPUTES.zh}</h2>") : page.index(f"<h2>{v.PROBLEMS.zh}</h2>")]
    assert '<ul class="findings">' in four
    assert "填报 5，应为 4 &lt;多 1&gt;" in four


def test_report_level_findings_are_listed_under_the_title() -> None:
    """A finding without a table is listed between the title and the first section."""
    report = _report("2021")
    finding = Finding(code="EMPTY-PROBLEMS", severity=Severity.WARNING, path="$.problems", message="五 没有内容")
    page = render_html(report, findings=[finding])
    head = page[page.index("<h1>") : page.index(f"<h2>{v.OVERVIEW.zh}</h2>")]

    assert "五 没有内容" in head
    assert "EMPTY-PROBLEMS" in head
    assert not any("finding" in c.attrs.get("class", "") for t in parse_tables(page) for row in t for c in row)


def test_real_check_findings_render() -> None:
    """The findings of check() on an inconsistent report mark the cell they state."""
    from govinfo_report.checks import check

    report = gr.replace_cell(gr.from_json(EXAMPLE_JSON.read_bytes()), "$.disputes.review.total", 3)
    findings = [f for f in check(report) if f.path == "$.disputes.review.total"]
    page = render_html(report, findings=findings)

    assert findings
    assert "finding-stated" in _cell_with_path(page, "$.disputes.review.total").attrs["class"]


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_every_label_is_printed(edition: str) -> None:
    """Every row and column label of the edition's layout appears in the page."""
    page = render_html(_report(edition))
    texts = {c.text for t in parse_tables(page) for row in t for c in row}

    for table in layout(edition).tables:
        for row in table.rows:
            assert {t.zh for t in row.labels} <= texts
            assert {t.zh for c in row.cells for t in c.column_terms} <= texts
