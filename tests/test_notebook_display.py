"""Notebook display of the import result, the comparison and the indicators, as HTML tables."""

from __future__ import annotations

import pytest

import govinfo_report as gr
from govinfo_report.importers import parse_text

from .test_html import parse_tables
from .test_reading_outputs import DOUBTFUL
from .test_summary import three_members


def test_parse_result_shows_its_diagnostics_then_the_report() -> None:
    """A ParseResult displays a table with one row per diagnostic, then the report's three tables."""
    result = parse_text(DOUBTFUL)
    assert result.report is not None

    html = result._repr_html_()

    tables = parse_tables(html)
    assert len(tables) == 1 + 3
    diagnostics = tables[0]
    assert [c.text for c in diagnostics[0]] == ["severity", "code", "line", "column", "cell", "message"]
    assert [r[1].text for r in diagnostics[1:]] == [d.code for d in result.diagnostics]
    assert "约12" in html


def test_comparison_shows_the_changed_cells() -> None:
    """A Comparison displays one row per changed cell with old, new and change."""
    old = three_members()[0]
    new = gr.replace_cell(old, "$.proactive.licensing.decisions", 120)

    html = gr.compare(old, new)._repr_html_()

    [table] = parse_tables(html)
    assert len(table) == 2
    assert [c.text for c in table[1]][3:] == ["100", "120", "20", "20.00%"]


def test_unchanged_comparison_says_so() -> None:
    """A comparison without changes says that no cell changed."""
    report = three_members()[0]

    assert "no cell changed" in gr.compare(report, report)._repr_html_()


@pytest.mark.parametrize("many", [False, True])
def test_indicators_show_as_a_table(many: bool) -> None:
    """One report's indicators display as a one-row table; indicators_table as one row per report."""
    members = three_members()
    shown = gr.indicators_table(members) if many else gr.indicators(members[0])

    [table] = parse_tables(shown._repr_html_())

    expected = members if many else members[:1]
    assert [r[0].text for r in table[1:]] == [m.meta.organ for m in expected]
    assert table[0][3].text == gr.INDICATOR_NAMES[0]
    assert table[1][3].text == gr.percent(gr.indicators(expected[0]).disclosure_rate)
    assert isinstance(gr.indicators_table(members), list)


def test_parse_result_without_a_report_and_with_extra_rows() -> None:
    """A failed ParseResult says no report could be read; extra rows show as their own table."""
    from govinfo_report.importers import Diagnostic, ExtraRow, ParseResult
    from govinfo_report.rules import Severity

    failed = ParseResult(
        report=None,
        diagnostics=(Diagnostic("PARSE-FAILED", Severity.ERROR, "无法读取", "cannot read"),),
        extra_rows=(ExtraRow(table="三", label="（八）其他", values=("1", "2"), line=7),),
        source="x.txt",
    )

    html = failed._repr_html_()

    assert "no report could be read" in html
    assert [[c.text for c in r] for r in parse_tables(html)[1]] == [
        ["table", "row", "values", "line"],
        ["三", "（八）其他", "1 | 2", "7"],
    ]
