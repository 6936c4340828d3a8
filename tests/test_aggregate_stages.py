"""The stages of aggregate: the members judged without checking each one, the columns read with the accessor."""

from __future__ import annotations

import operator

from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report._fields import Kind
from govinfo_report.analysis import aggregate as summary
from govinfo_report.rules import rule

from .strategies import counts, reports


def _with_changes(draw: st.DrawFn, report: gr.AnnualReport) -> gr.AnnualReport:
    """*report* with up to three cells set to other counts (often breaking its arithmetic)."""
    cells = [c for c in gr.layout(report.meta.edition).cells if c.kind is not Kind.AMOUNT]
    for spec in draw(st.lists(st.sampled_from(cells), max_size=3, unique=True)):
        report = gr.replace_cell(report, spec.path, draw(counts()))
    return report


@st.composite
def _members(draw: st.DrawFn) -> list[gr.AnnualReport]:
    edition = draw(st.sampled_from(["2019", "2021"]))
    drawn = draw(st.lists(reports(edition, blanks=draw(st.booleans())), min_size=1, max_size=4))
    return [_with_changes(draw, r) for r in drawn]


@given(_members())
def test_the_faulty_members_are_those_whose_check_finds_arithmetic_errors(members: list[gr.AnnualReport]) -> None:
    """_faulty_members names exactly the members whose check(blank="ignore") has arithmetic errors, with their codes."""
    expected = {}
    for m in members:
        found = gr.check(m, blank="ignore", narrative=False)
        codes = tuple(dict.fromkeys(f.code for f in found if f.is_error and rule(f.code).group == "arithmetic"))
        if codes:
            expected[m.meta.organ_name] = codes

    assert summary._faulty_members(members) == expected


@given(st.sampled_from(["2019", "2021"]).flatmap(lambda e: st.lists(reports(e, blanks=True), min_size=1, max_size=3)))
def test_the_columns_are_every_cell_of_every_member(members: list[gr.AnnualReport]) -> None:
    """_columns gives, per cell of the layout, the member's values read by the cell's attribute path."""
    edition = members[0].meta.edition
    cells = gr.layout(edition).cells

    paths, columns = summary._columns(members, edition)

    assert paths == [c.path for c in cells]
    for spec, column in zip(cells, columns, strict=True):
        read = operator.attrgetter(".".join(spec.attr_path))
        assert list(column) == [read(m) for m in members], spec.path
