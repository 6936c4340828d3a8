"""
The compiled accessor of each edition (``layout.cell_accessor``) against a walk attribute by attribute.

``iter_cells``, ``cell_values``, ``get_cell``, ``replace_cell`` and ``build_sections`` run on
code generated from the layout; the oracle here reads and compares cells with
``strategies.value_at``, which knows nothing of the layout's code.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.tables import build_sections, layout

from .strategies import reports, spec_reports, value_at


def _paths(report: gr.AnnualReport) -> list[str]:
    """Every cell's path, from the model's attributes (format-spec order is the layout's business)."""
    return [spec.path for spec in layout(report.meta.edition).cells]


@settings(max_examples=40, deadline=None)
@given(st.one_of(reports(blanks=True), spec_reports(blanks="any")))
def test_reads_agree_with_the_attributes(report: gr.AnnualReport) -> None:
    paths = _paths(report)
    expected = [value_at(report, p) for p in paths]
    assert [v for _, v in gr.iter_cells(report)] == expected
    assert [spec.path for spec, _ in gr.iter_cells(report)] == paths
    assert list(gr.cell_values(report).items()) == list(zip(paths, expected, strict=True))
    assert [gr.get_cell(report, p) for p in paths] == expected


@settings(max_examples=40, deadline=None)
@given(reports(blanks=True), st.data())
def test_replace_sets_one_cell_and_no_other(report: gr.AnnualReport, data: st.DataObject) -> None:
    paths = _paths(report)
    path = data.draw(st.sampled_from(paths))
    old = value_at(report, path)
    new_value: int | Decimal | None = data.draw(st.sampled_from((None, 7)))
    if isinstance(old, Decimal) and new_value is not None:
        new_value = Decimal("7.5")
    changed = gr.replace_cell(report, path, new_value)
    assert value_at(changed, path) == new_value
    assert [value_at(changed, p) for p in paths if p != path] == [value_at(report, p) for p in paths if p != path]
    assert changed.meta == report.meta
    assert changed.overview == report.overview


@settings(max_examples=40, deadline=None)
@given(st.one_of(reports(blanks=True), spec_reports(blanks="any")))
def test_build_from_values_gives_the_cells_back(report: gr.AnnualReport) -> None:
    """Every cell comes back (what is not a cell, amount_unit and the single row of （六）, is not built)."""
    paths = _paths(report)
    sections = build_sections(report.meta.edition, {p: value_at(report, p) for p in paths})
    for p in paths:
        table, rest = p.split(".", 2)[1:]
        assert value_at(sections[table], f"$.{rest}") == value_at(report, p)
    assert [type(sections[t]) for t in ("proactive", "requests", "disputes")] == [
        type(report.proactive),
        type(report.requests),
        type(report.disputes),
    ]
