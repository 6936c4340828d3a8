"""The generated evaluator (the fast path of check) against the ordinary path and an oracle of its own."""

from __future__ import annotations

import traceback
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import _evaluator, checks
from govinfo_report.rules import Relation, equations, report_equations
from govinfo_report.tables import layout, replace_cell

from .helpers import blank_report
from .strategies import broken_reports, reports, single_row_reports, sub_row_sum, value_at, with_single_row

POLICIES = st.sampled_from(list(checks.BlankPolicy))


def oracle_clean(report: gr.AnnualReport) -> bool:
    """Every cell filled and every equation held, evaluated path by path with getattr (not the library's accessors)."""
    edition = report.meta.edition
    if any(value_at(report, spec.path) is None for spec in layout(edition).cells):
        return False
    for eq in equations(edition):
        left = sum(value_at(report, p) for p in eq.left)
        right = sum(value_at(report, p) for p in eq.right)
        if not (left == right if eq.relation is Relation.EQ else left >= right):
            return False
    return True


def slow_check(monkeypatch: pytest.MonkeyPatch, report: gr.AnnualReport, **kwargs: Any) -> list[gr.Finding]:
    """check() with the fast path switched off: every equation evaluated and judged one by one."""
    with monkeypatch.context() as m:
        m.setattr(checks._context, "clean", lambda r: False)
        return list(gr.check(report, **kwargs))


@given(broken_reports())
def test_clean_agrees_with_the_oracle(report: gr.AnnualReport) -> None:
    assert _evaluator.clean(report) is oracle_clean(report)


@given(reports())
def test_a_consistent_report_is_clean(report: gr.AnnualReport) -> None:
    assert _evaluator.clean(report)


@given(broken_reports(), POLICIES)
def test_fast_path_gives_exactly_the_findings_of_the_slow_path(report: gr.AnnualReport, policy: Any) -> None:
    with pytest.MonkeyPatch.context() as mp:
        slow = slow_check(mp, report, blank=policy)
    fast = list(gr.check(report, blank=policy))
    assert fast == slow
    assert [f.message for f in fast] == [f.message for f in slow]
    assert [f.diagnosis for f in fast] == [f.diagnosis for f in slow]


@given(reports(blanks=True), POLICIES)
def test_fast_path_with_blanks_only(report: gr.AnnualReport, policy: Any) -> None:
    with pytest.MonkeyPatch.context() as mp:
        slow = slow_check(mp, report, blank=policy)
    assert list(gr.check(report, blank=policy)) == slow


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_every_equation_and_every_cell_is_in_the_source(edition: str) -> None:
    text = _evaluator.source(gr.Edition(edition))
    for eq in equations(edition):
        assert f"# {eq.code} @ {eq.left[0]}\n" in text
    for spec in layout(edition).cells:
        assert f"# {spec.path}\n" in text


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_a_failing_total_anywhere_is_caught(edition: str) -> None:
    base = blank_report(edition)
    assert _evaluator.clean(base)
    for eq in equations(edition):
        broken = replace_cell(base, eq.left[0], 1 if eq.relation is Relation.EQ else 0)
        if eq.relation is Relation.GE:  # 0 ≥ Σ smaller holds at 0: break the smaller side instead
            broken = replace_cell(base, eq.right[0], 1)
        assert not _evaluator.clean(broken), eq


def test_a_traceback_through_the_evaluator_shows_its_line() -> None:
    class Odd:
        def __add__(self, other: object) -> Any:
            raise RuntimeError("boom")

        __radd__ = __add__

    report = gr.AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
    received: Any = report.requests.received
    object.__setattr__(received, "commercial", Odd())  # bypass validation: only to reach the generated line
    with pytest.raises(RuntimeError) as info:
        _evaluator.clean(report)
    shown = "".join(traceback.format_exception(info.value))
    assert "<govinfo_report._evaluator 2021>" in shown
    assert "T3-ROW-TOTAL @ $.requests.received.total" in shown


# ----------------------------------------------------------------------------
# The sides of every equation (the evaluation of a report that is not clean)
# ----------------------------------------------------------------------------


def _oracle_side(report: gr.AnnualReport, paths: tuple[str, ...]) -> Any:
    """A side summed here: from 0, the filled cells only (so 0 + Decimal('1.50') keeps its two places)."""
    return sum(v for v in (value_at(report, p) for p in paths) if v is not None)


@given(st.one_of(broken_reports(), single_row_reports(broken=True)))
def test_sides_are_the_sums_of_each_equation(report: gr.AnnualReport) -> None:
    eqs = report_equations(report)
    values = {p: value_at(report, p) for eq in eqs for p in eq.cells}
    got = _evaluator.sides(eqs)(values)
    want = [s for eq in eqs for s in (_oracle_side(report, eq.left), _oracle_side(report, eq.right))]
    assert got == want
    assert [str(x) for x in got] == [str(x) for x in want]  # the same Decimal exponents, so messages print alike
    assert _evaluator.sides(eqs) is _evaluator.sides(eqs)  # generated once for the tuple


def test_a_traceback_through_the_sides_shows_the_equation() -> None:
    eqs = equations("2021")
    values: dict[str, Any] = {p: 0 for eq in eqs for p in eq.cells}
    values["$.requests.received.commercial"] = "x"  # not a number: only to reach the generated line
    with pytest.raises(TypeError) as info:
        _evaluator.sides(eqs)(values)
    shown = "".join(traceback.format_exception(info.value))
    assert "<govinfo_report._evaluator sides" in shown
    assert "T3-ROW-TOTAL @ $.requests.received.total" in shown


# ----------------------------------------------------------------------------
# （六）其他处理 printed as one row (OtherHandling.single_row)
# ----------------------------------------------------------------------------

COLUMNS = (*gr.ApplicantCounts.PARTS, "total")


def oracle_single_row_clean(report: gr.AnnualReport) -> bool:
    """
    The single row judged by hand, through the old oracle: standing for blank sub-rows, it is clean when the
    report with its numbers moved into the sub-row 3.其他 (the others 0) is; beside filled sub-rows, when the
    report is clean, the single row is filled, adds up, and equals the sub-rows' sum.
    """
    oh = report.requests.results.other_handling
    single = oh.single_row
    assert single is not None
    subs = (oh.overdue_correction, oh.overdue_fee, oh.other)
    if all(getattr(r, c) is None for r in subs for c in COLUMNS):
        moved = with_single_row(report, None, keep_sub_rows=True)
        zero = gr.ApplicantCounts.blank(0)
        moved_oh = attrs.evolve(moved.requests.results.other_handling, overdue_correction=zero, overdue_fee=zero,
                                other=single)
        results = attrs.evolve(moved.requests.results, other_handling=moved_oh)
        return oracle_clean(attrs.evolve(moved, requests=attrs.evolve(moved.requests, results=results)))
    values = [getattr(single, c) for c in COLUMNS]
    if not oracle_clean(report) or None in values:
        return False
    return single.total == sum(values[:-1]) and single == sub_row_sum(report)


@given(single_row_reports())
def test_a_consistent_report_with_a_single_row_is_clean(report: gr.AnnualReport) -> None:
    assert _evaluator.clean(report)
    assert [f.code for f in gr.check(report) if f.severity is gr.Severity.ERROR] == []


@given(single_row_reports(broken=True))
def test_clean_agrees_with_the_oracle_on_single_rows(report: gr.AnnualReport) -> None:
    assert _evaluator.clean(report) is oracle_single_row_clean(report)


@given(single_row_reports(broken=True), POLICIES)
def test_fast_path_gives_the_slow_paths_findings_on_single_rows(report: gr.AnnualReport, policy: Any) -> None:
    with pytest.MonkeyPatch.context() as mp:
        slow = slow_check(mp, report, blank=policy)
    fast = list(gr.check(report, blank=policy))
    assert fast == slow
    assert [f.message for f in fast] == [f.message for f in slow]
    assert [f.diagnosis for f in fast] == [f.diagnosis for f in slow]
