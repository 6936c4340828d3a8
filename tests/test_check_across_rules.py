"""The arithmetic across reports as data (rules.ACROSS), its diagnoses, and the user's own rules (extra_checks)."""

from __future__ import annotations

import json
from collections.abc import Iterable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.checks import ADVISORY, CONTINUITY, MEMBERS, REQUIRED, CheckContext, check
from govinfo_report.errors import OptionError
from govinfo_report.findings import Finding, Fix, findings_to_json, render_findings
from govinfo_report.rules import Across, Equation, Relation, Severity, Source, Term, across_equations, equations
from govinfo_report.tables import get_cell, layout, replace_cell

from .helpers import clean_report
from .strategies import reports

ORGAN = "某某市生态环境局"
ACROSS_CODES = {"CARRY-OVER", "T2-IN-FORCE-CONTINUITY", "T2-ITEMS-CONTINUITY", "SUMMARY-CELL"}
COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other", "total")


def _same_organ(previous: gr.AnnualReport, report: gr.AnnualReport) -> gr.AnnualReport:
    """*previous* as the same organ's report for the year before *report*."""
    assert report.meta.year is not None
    return attrs.evolve(previous, meta=attrs.evolve(previous.meta, organ=report.meta.organ, year=report.meta.year - 1))


def _apply(reports_by_source: dict[str | None, gr.AnnualReport], fix: Fix) -> dict[str | None, gr.AnnualReport]:
    out = dict(reports_by_source)
    for c in (fix, *fix.together):
        out[c.cell.source] = replace_cell(out[c.cell.source], c.cell.path, c.value)
    return out


# ----------------------------------------------------------------------------
# The rules as data
# ----------------------------------------------------------------------------


def test_equations_in_report_unchanged() -> None:
    """equations() still gives only the in-report rules: no term of another report, no continuity code."""
    for edition in ("2019", "2021"):
        assert all(isinstance(e, Equation) for e in equations(edition))
        assert not {e.code for e in equations(edition)} & ACROSS_CODES


def test_carry_over_is_one_equation_per_column() -> None:
    """CARRY-OVER: this.carried_in.C = previous.carried_forward.C, for the seven columns of 表三."""
    eqs = [e for e in across_equations("2021") if e.code == "CARRY-OVER"]
    assert [(e.left, e.right) for e in eqs] == [
        (
            (Term(1, Source.THIS, f"$.requests.carried_in.{c}"),),
            (Term(1, Source.PREVIOUS, f"$.requests.carried_forward.{c}"),),
        )
        for c in COLUMNS
    ]


def test_in_force_continuity_has_a_negative_term() -> None:
    """T2-IN-FORCE-CONTINUITY: in force = last year's in force + issued − repealed (rules, normative documents)."""
    eqs = [e for e in across_equations("2021") if e.code == "T2-IN-FORCE-CONTINUITY"]
    assert [e.left[0].path for e in eqs] == ["$.proactive.rules.in_force", "$.proactive.normative_documents.in_force"]
    assert [(t.weight, t.source, t.path.rsplit(".", 1)[1]) for t in eqs[0].right] == [
        (1, Source.PREVIOUS, "in_force"),
        (1, Source.THIS, "issued"),
        (-1, Source.THIS, "repealed"),
    ]
    assert not any(e.code == "T2-IN-FORCE-CONTINUITY" for e in across_equations("2019"))


def test_summary_cell_expands_over_the_cells_given() -> None:
    cells = [c.path for c in layout("2019").cells]
    eqs = [e for e in across_equations("2019", cells) if e.code == "SUMMARY-CELL"]
    assert [e.left[0].path for e in eqs] == cells
    assert all(e.right == (Term(1, Source.MEMBERS, e.left[0].path),) for e in eqs)
    assert not any(e.code == "SUMMARY-CELL" for e in across_equations("2019"))


def test_the_checks_are_lists_of_functions() -> None:
    for group in (REQUIRED, CONTINUITY, MEMBERS, ADVISORY):
        assert group
        assert all(callable(fn) for fn in group)


# ----------------------------------------------------------------------------
# Findings against an independent oracle, and diagnoses that resolve them
# ----------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(reports(), reports(), st.data())
def test_carry_over_findings_are_the_columns_that_differ(
    report: gr.AnnualReport, previous: gr.AnnualReport, data: st.DataObject
) -> None:
    """Oracle: the CARRY-OVER findings are the columns where 二 differs from last year's 四, read by attribute."""
    previous = _same_organ(previous, report)
    # move some of this year's carried-in counts away from last year's figures
    for c in data.draw(st.lists(st.sampled_from(COLUMNS), unique=True, max_size=3)):
        report = replace_cell(report, f"$.requests.carried_in.{c}", data.draw(st.integers(0, 50)))
    found = {f.path.rsplit(".", 1)[1] for f in check(report, previous=previous) if f.code == "CARRY-OVER"}
    this, last = report.requests.carried_in, previous.requests.carried_forward
    assert found == {c for c in COLUMNS if getattr(this, c) != getattr(last, c)}


@settings(max_examples=40, deadline=None)
@given(reports(), reports(), st.data())
def test_applying_a_continuity_diagnosis_resolves_its_finding(
    report: gr.AnnualReport, previous: gr.AnnualReport, data: st.DataObject
) -> None:
    """Every continuity finding has a diagnosis; applying it (to this year's report) makes the finding go away."""
    previous = _same_organ(previous, report)
    paths = [
        c.path
        for c in layout(report.meta.edition).cells
        if c.path.startswith(("$.requests.carried_in.", "$.proactive."))
    ]
    for p in data.draw(st.lists(st.sampled_from(paths), unique=True, max_size=3)):
        if layout(report.meta.edition).by_path[p].kind.value == "count":
            report = replace_cell(report, p, data.draw(st.integers(0, 60)))
    for f in check(report, previous=previous):
        if f.code not in ACROSS_CODES:
            continue
        assert f.diagnosis is not None, f
        assert f.key in f.diagnosis.resolves
        assert f.diagnosis.cell.source is None  # last year's report is published: never the suspect
        fixed = _apply({None: report}, f.diagnosis)[None]
        assert f.key not in {g.key for g in check(fixed, previous=previous)}


def test_carry_over_diagnosis_names_last_years_figure() -> None:
    previous = _same_organ(clean_report(year=2022, organ=ORGAN), clean_report(year=2023, organ=ORGAN))
    previous = replace_cell(previous, "$.requests.carried_forward.research", 4)
    report = clean_report(year=2023, organ=ORGAN)
    [f] = [f for f in check(report, previous=previous) if f.code == "CARRY-OVER" and f.path.endswith("research")]
    fix = f.diagnosis
    assert fix is not None
    assert (fix.cell.path, fix.value) == ("$.requests.carried_in.research", 4)
    assert [(b.source, b.path, b.value) for b in fix.basis] == [("previous", "$.requests.carried_forward.research", 4)]
    assert "依据 上年报告 表三 四、结转下年度继续办理" in fix.describe()
    assert "from last year's" in fix.describe("en")
    data = json.loads(findings_to_json([f]))[0]
    assert data["diagnosis"]["cell"]["path"] == "$.requests.carried_in.research"


@settings(max_examples=30, deadline=None)
@given(reports("2021"), st.lists(reports("2021"), min_size=1, max_size=3), st.data())
def test_applying_a_summary_diagnosis_resolves_its_finding(
    summary: gr.AnnualReport, members: list[gr.AnnualReport], data: st.DataObject
) -> None:
    """Each SUMMARY-CELL finding has a diagnosis (the summary's cell or a member's); applying it resolves it."""
    members = [
        attrs.evolve(m, meta=attrs.evolve(m.meta, organ=f"成员{i}局", year=summary.meta.year))
        for i, m in enumerate(members)
    ]
    summary = attrs.evolve(summary, meta=attrs.evolve(summary.meta, members=()))
    by_source: dict[str | None, gr.AnnualReport] = {None: summary, **{f"member:{m.meta.organ}": m for m in members}}
    findings = [f for f in check(summary, members=members) if f.code == "SUMMARY-CELL"]
    for f in data.draw(st.lists(st.sampled_from(findings), max_size=3, unique_by=lambda f: f.key)) if findings else []:
        assert f.diagnosis is not None
        assert f.key in f.diagnosis.resolves
        fixed = _apply(by_source, f.diagnosis)
        again = check(fixed[None], members=[fixed[f"member:{m.meta.organ}"] for m in members])
        assert f.key not in {g.key for g in again}


def test_summary_diagnosis_names_the_summary_or_a_member() -> None:
    """A summary that holds its own arithmetic: the fix is the member's cell, the summary's cell an alternative."""
    summary = clean_report(year=2023, organ="某某市人民政府", members=("甲局", "乙局"))
    a, b = clean_report(year=2023, organ="甲局"), clean_report(year=2023, organ="乙局")
    b = replace_cell(b, "$.disputes.review.upheld", 1)  # breaks 乙局's own T4-TOTAL too
    found = [f for f in check(summary, members=[a, b]) if f.code == "SUMMARY-CELL"]
    assert [f.path for f in found] == ["$.disputes.review.upheld"]
    fix = found[0].diagnosis
    assert fix is not None
    cells = {(c.cell.source, c.value) for c in (fix, *fix.alternatives)}
    assert ("member:乙局", 0) in cells
    member = next(c for c in (fix, *fix.alternatives) if c.cell.source == "member:乙局")
    assert "成员报告 乙局 表四" in member.describe()


# ----------------------------------------------------------------------------
# The user's own rules
# ----------------------------------------------------------------------------

REVIEW = "$.disputes.review"


def _reviews_over_ten(report: gr.AnnualReport, ctx: CheckContext) -> Iterable[Finding]:
    total = get_cell(report, f"{REVIEW}.total") or 0
    if total > 10:
        yield ctx.finding(
            "MY-REVIEWS",
            f"{REVIEW}.total",
            severity="warning",
            stated=total,
            message=f"行政复议 {total} 件，超过 10 件",
            message_en=f"{total} reviews, over 10",
        )


def test_a_user_function_goes_through_sorting_json_and_display() -> None:
    report = replace_cell(clean_report(), f"{REVIEW}.total", 12)
    findings = check(report, extra_checks=[_reviews_over_ten])
    assert [f.code for f in findings] == ["T4-TOTAL", "MY-REVIEWS"]  # errors first
    assert findings[1].table == "四"
    assert findings[1].severity is Severity.WARNING
    assert json.loads(findings_to_json(findings))[1]["code"] == "MY-REVIEWS"
    assert "[MY-REVIEWS]" in render_findings(findings)


def test_a_user_equation_is_evaluated_and_diagnosed() -> None:
    """An Equation given as data: upheld ≤ total; its finding carries a diagnosis that resolves it."""
    rule = Equation("MY-UPHELD", (f"{REVIEW}.total",), (f"{REVIEW}.upheld",), relation=Relation.GE)
    report = replace_cell(clean_report(), f"{REVIEW}.upheld", 3)
    [f] = [f for f in check(report, extra_checks=[rule]) if f.code == "MY-UPHELD"]
    assert (f.severity, f.stated, f.expected) == (Severity.WARNING, 0, 3)
    assert f.message.startswith("表四 行政复议 × 总计：填报 0，应不少于 3")
    assert f.diagnosis is not None
    fixed = replace_cell(report, f.diagnosis.cell.path, f.diagnosis.value)
    assert "MY-UPHELD" not in {g.code for g in check(fixed, extra_checks=[rule])}
    assert check(clean_report(), extra_checks=[rule]) == []


def test_a_user_equation_across_reports() -> None:
    """An Across equation with a previous term: not evaluated without a previous report."""
    rule = Across(
        "MY-REVIEWS-NOT-DOUBLED",
        (Term(2, Source.PREVIOUS, f"{REVIEW}.total"),),
        (Term(1, Source.THIS, f"{REVIEW}.total"),),
        Relation.GE,
        Severity.INFO,
    )
    report = replace_cell(replace_cell(clean_report(year=2023), f"{REVIEW}.total", 9), f"{REVIEW}.upheld", 9)
    previous = replace_cell(replace_cell(clean_report(year=2022), f"{REVIEW}.total", 4), f"{REVIEW}.upheld", 4)
    assert check(report, extra_checks=[rule]) == []
    [f] = check(report, previous=previous, extra_checks=[rule])
    assert (f.code, f.severity, f.stated, f.expected) == ("MY-REVIEWS-NOT-DOUBLED", Severity.INFO, 8, 9)
    assert f.message == "表四 行政复议 × 总计：2 × 上年报告 总计 4 = 8，应不少于 总计 9 = 9，少 1"
    assert f.diagnosis is not None
    assert f.diagnosis.breaks == 1  # 8 in this year's total breaks its T4-TOTAL (upheld 9)


@pytest.mark.parametrize(
    "bad",
    [
        Equation("T4-TOTAL", (f"{REVIEW}.total",), (f"{REVIEW}.upheld",)),
        lambda report, ctx: [ctx.finding("T3-BALANCE", "$", message="x")],
        lambda report, ctx: [ctx.finding("IMPORT-X", "$", message="x", severity="info")],
    ],
)
def test_a_user_rule_may_not_use_a_catalogue_code(bad: object) -> None:
    with pytest.raises(OptionError, match="catalogue"):
        check(clean_report(), extra_checks=[bad])  # type: ignore[list-item]


def test_a_user_rule_of_the_wrong_kind() -> None:
    with pytest.raises(OptionError, match=r"extra_checks\[0\]"):
        check(clean_report(), extra_checks=[42])  # type: ignore[list-item]
    with pytest.raises(OptionError, match="not a cell"):
        check(clean_report(), extra_checks=[Equation("MY-X", ("$.nowhere",), ("$.disputes.review.total",))])
    with pytest.raises(OptionError, match="not a Finding"):
        check(clean_report(), extra_checks=[lambda report, ctx: ["text"]])  # type: ignore[list-item]


@settings(max_examples=30, deadline=None)
@given(reports("2021"), reports("2021"), st.data())
def test_in_force_findings_against_an_oracle(
    report: gr.AnnualReport, previous: gr.AnnualReport, data: st.DataObject
) -> None:
    """Oracle: T2-IN-FORCE-CONTINUITY where in force ≠ last year's in force + issued − repealed, by attribute."""
    previous = _same_organ(previous, report)
    for row in ("rules", "normative_documents"):
        if data.draw(st.booleans()):
            report = replace_cell(report, f"$.proactive.{row}.in_force", data.draw(st.integers(0, 40)))
    found = {f.path for f in check(report, previous=previous) if f.code == "T2-IN-FORCE-CONTINUITY"}
    expected = set()
    for row in ("rules", "normative_documents"):
        this, last = getattr(report.proactive, row), getattr(previous.proactive, row)
        if this.in_force != last.in_force + this.issued - this.repealed:
            expected.add(f"$.proactive.{row}.in_force")
    assert found == expected


@settings(max_examples=30, deadline=None)
@given(reports("2019"), st.lists(reports("2019"), max_size=3))
def test_summary_cell_findings_against_an_oracle(summary: gr.AnnualReport, members: list[gr.AnnualReport]) -> None:
    """Oracle: SUMMARY-CELL at every cell (but 采购总金额 in mixed units) where the summary ≠ Σ members."""
    members = [
        attrs.evolve(m, meta=attrs.evolve(m.meta, organ=f"成员{i}局", year=summary.meta.year))
        for i, m in enumerate(members)
    ]
    summary = attrs.evolve(summary, meta=attrs.evolve(summary.meta, members=()))
    findings = check(summary, members=members)
    found = {f.path for f in findings if f.code == "SUMMARY-CELL"}
    amount = "$.proactive.procurement.amount"
    expected = {
        c.path
        for c in layout("2019").cells
        if (get_cell(summary, c.path) or 0) != sum((get_cell(m, c.path) or 0) for m in members)
    }
    if any(f.code == "SUMMARY-AMOUNT-UNIT" for f in findings):
        expected.discard(amount)
    assert found == expected
