"""
check() against the arithmetic of format-spec.md §4, with totals the tests compute themselves.

The reports come from :func:`tests.strategies.spec_reports`, which spells out the rows and
columns of each relation from the spec and adds them up in test code; the expected findings
come from :func:`tests.strategies.spec_relations`.  Neither asks the library's builders or
``rules.equations``, so a rule that loses a column, a row or a side fails here.
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.rules import Relation, equations, rule
from govinfo_report.tables import replace_cell

from .strategies import spec_cells, spec_relations, spec_reports, value_at

EDITIONS = list(gr.Edition)


def _arithmetic(findings: list[gr.Finding]) -> list[gr.Finding]:
    return [f for f in findings if rule(f.code).group == "arithmetic"]


def _found(findings: list[gr.Finding]) -> set[tuple[str, frozenset[str]]]:
    """Each arithmetic finding as (code, the cells of its relation)."""
    return {(f.code, frozenset(c.path for c in f.cells)) for f in _arithmetic(findings)}


def test_rules_equations_are_the_spec_relations() -> None:
    """rules.equations is the list of format-spec §4 relations, one per row or column, no more, no less."""
    for edition in EDITIONS:
        stated = {
            (e.code, frozenset(e.left), frozenset(e.right), e.relation is Relation.GE) for e in equations(edition)
        }
        spec = {(r.code, frozenset(r.stated), frozenset(r.computed), r.at_least) for r in spec_relations(edition)}
        assert stated == spec, edition


def test_every_cell_of_tables_three_and_four_is_in_a_row_and_a_column_relation() -> None:
    """The oracle itself: each table 三 cell is in one row rule and at least one column rule; each 四 cell in one."""
    for edition in EDITIONS:
        for cell in spec_cells(edition):
            codes = [r.code for r in spec_relations(edition) if cell in r.cells]
            if cell.startswith("$.disputes"):
                assert codes == ["T4-TOTAL"], cell
            else:
                assert codes.count("T3-ROW-TOTAL") == 1, cell
                assert {"T3-RESULTS-TOTAL", "T3-BALANCE"} & set(codes), cell


@given(spec_reports(blanks="zeros"))
def test_a_report_meeting_the_spec_has_no_arithmetic_finding(report: gr.AnnualReport) -> None:
    """Totals added up as format-spec §4 says (some 0s left blank, which count as 0): no arithmetic finding."""
    assert _arithmetic(gr.check(report, narrative=False)) == []


@given(spec_reports(blanks="any"))
def test_blanks_anywhere_give_no_arithmetic_finding_when_ignored(report: gr.AnnualReport) -> None:
    """Under the ignore policy a relation with a blank is not checked, and every other one still holds."""
    assert _arithmetic(gr.check(report, blank="ignore", narrative=False)) == []


def _changed(old: int, delta: int) -> int:
    return old + delta if old + delta >= 0 else old + abs(delta)


@given(spec_reports(), st.data())
def test_changing_one_cell_breaks_exactly_the_spec_relations_that_use_it(
    report: gr.AnnualReport, data: st.DataObject
) -> None:
    """Any cell of 三 or 四, leaf or total, moved by a nonzero amount: one finding per spec relation using it."""
    cell = data.draw(st.sampled_from(spec_cells(report.edition)))
    delta = data.draw(st.integers(-30, 30).filter(lambda d: d != 0))
    changed = replace_cell(report, cell, _changed(value_at(report, cell), delta))

    findings = gr.check(changed, narrative=False)

    expected = {(r.code, r.cells) for r in spec_relations(report.edition) if cell in r.cells and not r.at_least}
    assert expected
    assert _found(findings) == expected
    assert all(cell in {c.path for c in f.cells} for f in _arithmetic(findings))


@given(spec_reports(), st.data())
def test_a_table_two_inequality_is_found_exactly_when_it_fails(report: gr.AnnualReport, data: st.DataObject) -> None:
    """R2.7 (2019) and R2.3 (2021): the smaller side set just above the larger is a finding; set equal to it, none."""
    relation = data.draw(st.sampled_from([r for r in spec_relations(report.edition) if r.at_least]))
    (smaller,) = relation.computed
    larger = sum(value_at(report, p) for p in relation.stated)
    over = data.draw(st.integers(1, 20))

    broken = gr.check(replace_cell(report, smaller, larger + over), narrative=False)
    met = gr.check(replace_cell(report, smaller, larger), narrative=False)

    assert _found(broken) == {(relation.code, relation.cells)}
    assert _found(met) == set()


def _nonzero_cell(report: gr.AnnualReport) -> Any:
    return next((p for p in spec_cells(report.edition) if value_at(report, p)), None)


@given(spec_reports())
def test_a_blank_in_place_of_a_nonzero_cell_counts_as_zero(report: gr.AnnualReport) -> None:
    """Under the default policy a blank is 0 in the arithmetic: blanking a nonzero cell breaks its relations."""
    cell = _nonzero_cell(report)
    assume(cell is not None)
    findings = gr.check(replace_cell(report, cell, None), narrative=False)
    expected = {(r.code, r.cells) for r in spec_relations(report.edition) if cell in r.cells and not r.at_least}
    assert _found(findings) == expected
    assert all(any(c.path == cell and c.value is None for c in f.cells) for f in _arithmetic(findings))
