"""
The diagnoses of the arithmetic findings against re-evaluating the report with the fix applied.

A fix says which findings its change resolves and how many relations that hold
now it breaks.  The oracle here applies the change with ``replace_cell`` and
sums each equation's cells itself (attribute by attribute, a blank as 0), so
the diagnosis code's own bookkeeping of gaps and weights is not trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.checks._context import _cell_ref
from govinfo_report.findings import CellRef, Fix
from govinfo_report.rules import Relation, equations, report_equations, single_row_equations
from govinfo_report.tables import layout, replace_cell

from .strategies import broken_reports, single_row_reports, value_at

ROOT = Path(__file__).resolve().parents[1]


def _held(report: gr.AnnualReport) -> dict[str, bool]:
    """Whether each equation of *report* holds, by finding key, summed here (a blank counting as 0)."""
    out = {}
    for eq in report_equations(report):
        left = sum(value_at(report, p) or 0 for p in eq.left)
        right = sum(value_at(report, p) or 0 for p in eq.right)
        out[f"{eq.code}@{eq.left[0]}"] = left == right if eq.relation is Relation.EQ else left >= right
    return out


def _applied(report: gr.AnnualReport, changes: Mapping[str, Any]) -> gr.AnnualReport:
    for path, value in changes.items():
        report = replace_cell(report, path, value)
    return report


def _assert_effect(report: gr.AnnualReport, fix: Fix, changes: Mapping[str, Any]) -> None:
    before = _held(report)
    after = _held(_applied(report, changes))
    resolved = {k for k, held in after.items() if held and not before[k]}
    broken = sum(1 for k, held in after.items() if before[k] and not held)
    assert set(fix.resolves) == resolved, (changes, fix.resolves, resolved)
    assert len(fix.resolves) == len(set(fix.resolves))
    assert fix.breaks == broken, (changes, fix.breaks, broken)


def _unbalanced() -> gr.AnnualReport:
    """A 2021 report whose 自然人 results are 5 with nothing received: every fix of T3-BALANCE breaks a row total."""
    report = gr.AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
    for path in (
        "$.requests.results.disclosed.natural_person",
        "$.requests.results.total.natural_person",
        "$.requests.results.disclosed.total",
        "$.requests.results.total.total",
    ):
        report = replace_cell(report, path, 5)
    return report


def _seed() -> gr.AnnualReport:
    """The bundled 2020 report (seven errors; joint fixes that break a relation)."""
    return gr.from_json((ROOT / "examples" / "data" / "wusu-2020.json").read_bytes())


@settings(max_examples=150)
@given(st.one_of(broken_reports(), single_row_reports(broken=True)))
@example(_unbalanced())
@example(_seed())
def test_every_fix_resolves_and_breaks_what_applying_it_does(report: gr.AnnualReport) -> None:
    """Each fix, its alternatives and each joint fix: applied, they resolve and break exactly what they say."""
    for finding in gr.check(report, narrative=False):
        fix = finding.diagnosis
        if fix is None:
            continue
        if not fix.conflicts:  # a single-cell fix, and the ones that score as well
            for one in (fix, *fix.alternatives):
                _assert_effect(report, one, {one.cell.path: one.value})
                assert one.score == fix.score  # "other single-cell changes that score as well"
            assert finding.key in fix.resolves
        elif fix.together:  # a joint fix: the cell and the others, set together
            changes = {fix.cell.path: fix.value, **{t.cell.path: t.value for t in fix.together}}
            _assert_effect(report, fix, changes)
            assert finding.key in fix.resolves
        else:  # the values disagree and no pair reconciles them: the fix only names the findings
            assert finding.key in fix.resolves
        assert fix.cell.value == value_at(report, fix.cell.path)


def test_report_equations_have_unique_keys_and_name_each_cell_once() -> None:
    """What the diagnoses rely on: no two equations share a finding key, and none names a cell twice."""
    tuples = [equations(e) for e in gr.Edition]
    tuples += [single_row_equations(gr.Edition.E2021, mode) for mode in ("alone", "with-sub-rows")]
    for eqs in tuples:
        keys = [f"{eq.code}@{eq.left[0]}" for eq in eqs]
        assert len(keys) == len(set(keys))
        for eq in eqs:
            assert len(eq.cells) == len(set(eq.cells)), eq


def test_fixes_that_break_a_relation_list_their_equals() -> None:
    """
    Results of 5 with nothing received: 本年新收 or 上年结转 of 自然人 set to 5 resolves T3-BALANCE and breaks that
    row's 总计 (score 0); （七）总计 set to 0 breaks two relations; 结转下年度 would have to be −5.
    """
    findings = {f.key: f for f in gr.check(_unbalanced(), narrative=False)}
    fix = findings["T3-BALANCE@$.requests.results.total.natural_person"].diagnosis
    assert fix is not None
    chosen = {(f.cell.path, f.value, f.breaks) for f in (fix, *fix.alternatives)}
    assert chosen == {("$.requests.received.natural_person", 5, 1), ("$.requests.carried_in.natural_person", 5, 1)}


@given(st.sampled_from(list(gr.Edition)).flatmap(lambda e: st.sampled_from(layout(e).cells)), st.none() | st.integers())
def test_the_checks_cell_refs_are_the_ones_cellref_makes(spec: Any, value: int | None) -> None:
    """The checks make their CellRefs by setting the slots directly: equal, in every field, to CellRef(...)'s."""
    for source in (None, "previous"):
        made = _cell_ref(spec, value, source)
        assert made == CellRef(
            path=spec.path, table=spec.table, row=spec.row, column=spec.column, value=value, source=source
        )
        assert attrs.asdict(made) == attrs.asdict(
            CellRef(path=spec.path, table=spec.table, row=spec.row, column=spec.column, value=value, source=source)
        )
