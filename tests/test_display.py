"""Tests of notebook display: _repr_html_ and _repr_markdown_ of the report, its sections and findings."""

from __future__ import annotations

import pytest

import govinfo_report as gr
from govinfo_report import vocab as v
from govinfo_report.findings import Finding
from govinfo_report.render.html import FindingList
from govinfo_report.rules import Severity

from .helpers import example
from .test_html import expand, find, parse_tables


def test_report_displays_as_an_html_fragment_and_markdown() -> None:
    """A report shows as an HTML fragment with its title, headings and tables, and as Markdown."""
    report = example()
    html = report._repr_html_()
    markdown = report._repr_markdown_()

    assert "<html" not in html
    assert "<head" not in html
    assert f"<h1>{report.meta.title}</h1>" in html
    assert all(f"<h2>{t.zh}</h2>" in html for t in v.SECTIONS)
    assert len(parse_tables(html)) == 3
    assert markdown.startswith(f"# {report.meta.title}\n")
    assert f"## {v.DISPUTES.zh}" in markdown


@pytest.mark.parametrize(("edition", "results_rows"), [("2019", 20), ("2021", 22)])
def test_requests_section_displays_its_table_in_its_edition(edition: str, results_rows: int) -> None:
    """Table 三 alone displays with the merged cells of its own edition, told by its （六） rows."""
    report = gr.AnnualReport.blank(edition, organ="甲局", fill=0)
    report = gr.replace_cell(report, "$.requests.received.research", 7)
    (rows,) = parse_tables(report.requests._repr_html_())
    grid = expand(rows)

    assert find(rows, v.RESULTS.zh).rowspan == results_rows
    assert grid[3][0].text == v.RECEIVED.zh
    assert grid[3][5].text == "7"


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_proactive_and_disputes_sections_display_their_tables(edition: str) -> None:
    """Tables 二 and 四 alone display their own labels and values."""
    report = gr.AnnualReport.blank(edition, organ="甲局", fill=None)
    report = gr.replace_cell(report, "$.disputes.suit_after_review.pending", 2)
    report = gr.replace_cell(report, "$.proactive.licensing.decisions", 11)
    (two,) = parse_tables(report.proactive._repr_html_())
    (four,) = parse_tables(report.disputes._repr_html_())

    licensing = next(r for r in two if r[0].text == v.LICENSING.zh)
    assert licensing[-1].text == "11"
    assert [c.text for c in four[3]] == [""] * 13 + ["2", ""]
    first_block = two[1]
    assert first_block[0].text == v.INFORMATION_CONTENT.zh
    expected = v.NEWLY_MADE.zh if edition == "2019" else v.ISSUED.zh
    assert first_block[1].text == expected


def test_narratives_display_paragraphs_and_subsections_escaped() -> None:
    """A narrative shows its text and subsections as HTML (escaped) and as Markdown."""
    section = gr.Narrative(
        text="第一段<b>\n第二段", subsections=(gr.Subsection(title="（一）平台", text="网站 & 公众号"),)
    )
    html = section._repr_html_()
    markdown = section._repr_markdown_()

    assert "<p>第一段&lt;b&gt;</p>\n<p>第二段</p>\n<h3>（一）平台</h3>\n<p>网站 &amp; 公众号</p>" in html
    assert markdown == "第一段<b>\n第二段\n\n### （一）平台\n\n网站 & 公众号\n"
    assert gr.OtherMatters(text="无")._repr_html_().count("<p>无</p>") == 1


def _finding() -> Finding:
    return Finding(
        code="T3-BALANCE",
        severity=Severity.ERROR,
        path="$.requests.results.total.natural_person",
        table="三",
        row="（七）总计",
        column="自然人",
        stated=5,
        expected=4,
        message="表三 自然人 列：<不平衡>",
    )


def test_finding_list_displays_a_table_with_escaped_messages() -> None:
    """A FindingList shows one row per finding with code, location, numbers and the escaped message."""
    findings = FindingList([_finding()])
    (table,) = parse_tables(findings._repr_html_())
    row = [c.text for c in table[1]]

    assert findings == [_finding()]
    assert isinstance(findings, list)
    assert len(table) == 2
    assert row[:2] == ["error", "T3-BALANCE"]
    assert row[2] == "表三 （七）总计 × 自然人$.requests.results.total.natural_person"
    assert row[3:6] == ["5", "4", "多 1"]
    assert row[6] == "表三 自然人 列：<不平衡>"
    assert "&lt;不平衡&gt;" in findings._repr_html_()
    assert "- **error** `T3-BALANCE`" in findings._repr_markdown_()


def test_empty_finding_list_says_so() -> None:
    """An empty FindingList equals [] and displays the no-findings line."""
    assert FindingList() == []
    assert "no findings" in FindingList()._repr_html_()
    assert "no findings" in FindingList()._repr_markdown_()


def test_finding_list_of_a_real_check() -> None:
    """The findings of check() on a changed total display with their codes."""
    from govinfo_report.checks import check

    report = gr.replace_cell(example(), "$.disputes.review.total", 4)
    findings = FindingList(check(report))

    assert findings
    assert all(f"<code>{f.code}</code>" in findings._repr_html_() for f in findings)
