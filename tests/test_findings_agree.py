"""Findings that agree with each other: one diagnosis per cell, follow-on findings folded under their cause."""

from __future__ import annotations

import subprocess
import sys
import warnings
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.checks import check
from govinfo_report.findings import Finding, Fix, render_findings
from govinfo_report.tables import get_cell, replace_cell

from .conftest import ROOT, SEED
from .helpers import clean_report
from .strategies import non_total_paths, reports


def _cells_of(fix: Fix) -> list[Fix]:
    return [fix, *fix.together]


def _disagreements(findings: list[Finding]) -> dict[str, set[str]]:
    """Cells that two diagnoses set to different values."""
    wanted: dict[str, set[str]] = {}
    for f in findings:
        if f.diagnosis is None:
            continue
        for c in _cells_of(f.diagnosis):
            wanted.setdefault(c.cell.path, set()).add(str(c.value))
    return {p: v for p, v in wanted.items() if len(v) > 1}


def _apply(report: gr.AnnualReport, fix: Fix) -> gr.AnnualReport:
    for c in _cells_of(fix):
        report = replace_cell(report, c.cell.path, c.value)
    return report


def _conflicting() -> gr.AnnualReport:
    """（七）总计 × 自然人 blank: the balance wants 2 (新收 2), the result rows want 5 (予以公开 5)."""
    report = clean_report()
    for path, value in {
        "$.requests.received.natural_person": 2,
        "$.requests.received.total": 2,
        "$.requests.results.disclosed.natural_person": 5,
        "$.requests.results.disclosed.total": 5,
        "$.requests.results.total.natural_person": None,
    }.items():
        report = replace_cell(report, path, value)
    return report


def test_two_relations_wanting_different_values_get_one_joint_diagnosis() -> None:
    """Both findings at the cell carry the same diagnosis, naming both wanted values and the cells to change."""
    findings = [f for f in check(_conflicting()) if f.path == "$.requests.results.total.natural_person"]

    assert sorted(f.code for f in findings) == ["T3-BALANCE", "T3-RESULTS-TOTAL"]
    fix = findings[0].diagnosis
    assert fix is not None
    assert all(f.diagnosis == fix for f in findings)
    assert sorted(str(c.value) for c in fix.conflicts) == ["2", "5"]
    assert fix.together
    assert {f.key for f in findings} <= set(fix.resolves)


def test_the_joint_diagnosis_resolves_its_findings() -> None:
    """Applying every change of the joint diagnosis makes those findings go away (checked again, independently)."""
    report = _conflicting()
    findings = [f for f in check(report) if f.path == "$.requests.results.total.natural_person"]
    fix = findings[0].diagnosis
    assert fix is not None

    again = {f.key for f in check(_apply(report, fix))}

    assert not ({f.key for f in findings} & again)


def test_the_text_says_the_joint_diagnosis_once() -> None:
    """The text output prints a joint diagnosis in full once, then "同上"; no two "应为" lines disagree."""
    findings = check(_conflicting())
    joint = {f.diagnosis for f in findings if f.diagnosis is not None and f.diagnosis.conflicts}
    shared = sum(1 for f in findings if f.diagnosis in joint)

    text = render_findings(findings)

    assert text.count("各关系要求的值不同") == len(joint) > 0
    assert text.count("同上 / as above") == shared - len(joint)


def test_the_joint_diagnosis_in_json() -> None:
    """The JSON diagnosis has ``together`` and ``conflicts`` lists (empty for a single-cell fix)."""
    data = gr.finding_to_dict(next(f for f in check(_conflicting()) if f.code == "T3-BALANCE"))

    assert data["diagnosis"]["together"]
    assert {c["value"] for c in data["diagnosis"]["conflicts"]} == {2, 5}
    single = gr.finding_to_dict(check(replace_cell(clean_report(), "$.disputes.review.total", 2))[0])
    assert single["diagnosis"]["together"] == [] == single["diagnosis"]["conflicts"]


@pytest.mark.skipif(not SEED.is_file(), reason="the seed report is absent")
def test_the_seed_has_no_contradictory_diagnoses() -> None:
    """The seed's （七）总计 × 自然人 gets one diagnosis, not "应为 30" and "应为 66"."""
    findings = check(gr.parse(SEED).report)

    assert _disagreements(findings) == {}
    at = [f for f in findings if f.path == "$.requests.results.total.natural_person"]
    assert len({f.diagnosis for f in at}) == 1


@given(reports(blanks=False), st.data())
def test_diagnoses_never_disagree_about_a_cell(report: gr.AnnualReport, data: Any) -> None:
    """Whatever two cells are changed, no two diagnoses set one cell to different values."""
    counts = [p for p in non_total_paths(report.meta.edition) if p.startswith(("$.requests", "$.disputes"))]
    paths = data.draw(st.lists(st.sampled_from(counts), min_size=2, max_size=2, unique=True))
    for p in paths:
        value = get_cell(report, p)
        report = replace_cell(report, p, (value or 0) + data.draw(st.integers(1, 5)))

    assert _disagreements(check(report)) == {}


# ----------------------------------------------------------------------------
# Follow-on findings
# ----------------------------------------------------------------------------


def _member(organ: str, n: int) -> gr.AnnualReport:
    report = clean_report(organ=organ)
    requests = gr.Requests.from_parts("2021", received={"natural_person": n}, disclosed={"natural_person": n})
    disputes = gr.Disputes.from_parts(review={"upheld": n})
    return attrs.evolve(report, requests=requests, disputes=disputes)


def test_a_missing_member_is_one_finding() -> None:
    """A summary that counts a member whose report is missing: one SUMMARY-MISSING-MEMBER, no SUMMARY-CELL."""
    members = [_member("甲局", 2), _member("乙局", 3), _member("丙局", 4)]
    summary = _member("某某市人民政府", 9)
    summary = attrs.evolve(summary, meta=attrs.evolve(summary.meta, members=("甲局", "乙局", "丙局")))

    findings = check(summary, members=members[:2])

    assert [f.code for f in findings] == ["SUMMARY-MISSING-MEMBER"]
    f = findings[0]
    assert f.follow_on == len(f.details) > 0
    assert "$.requests.received.natural_person" in {c.path for c in f.details}
    assert check(summary, members=members) == []


def test_a_cell_a_missing_member_cannot_explain_stays() -> None:
    """A summary cell below the sum of the members given is still a SUMMARY-CELL error."""
    members = [_member("甲局", 2), _member("乙局", 3)]
    summary = _member("某某市人民政府", 9)
    summary = attrs.evolve(summary, meta=attrs.evolve(summary.meta, members=("甲局", "乙局", "丙局")))
    summary = replace_cell(summary, "$.disputes.review.upheld", 1)

    codes = [(f.code, f.path) for f in check(summary, members=members)]

    assert ("SUMMARY-CELL", "$.disputes.review.upheld") in codes
    assert [c for c, _ in codes].count("SUMMARY-MISSING-MEMBER") == 1


def _truncated(tmp_path: Any) -> Any:
    source = (ROOT / "tests" / "fixtures" / "layouts" / "2021-pipe.txt").read_text(encoding="utf-8")
    lines = source.splitlines()
    cut = next(i for i, line in enumerate(lines) if "6.属于四类过程性信息" in line)
    resume = next(i for i, line in enumerate(lines) if line.startswith("四、"))
    path = tmp_path / "truncated.txt"
    path.write_text("\n".join(lines[: cut + 1] + lines[resume:]), encoding="utf-8")
    return path


def test_a_truncated_table_gives_no_avalanche(tmp_path: Any) -> None:
    """With the cells the importer could not read, their arithmetic is counted under BLANK-CELLS, not reported."""
    result = gr.parse(_truncated(tmp_path))
    assert "TABLE-TRUNCATED" in result.codes

    without = check(result.report)
    findings = check(result.report, unread=result.unread)

    assert any(f.is_error for f in without)
    assert [f.code for f in findings] == ["BLANK-CELLS"]
    assert findings[0].follow_on >= len([f for f in without if f.is_error])  # skipped relations ⊇ failed ones


def test_the_cli_skips_the_arithmetic_of_an_unread_table(tmp_path: Any) -> None:
    """`govinfo-report check` on a truncated table exits 0 with one BLANK-CELLS warning."""
    out = subprocess.run(
        [sys.executable, "-m", "govinfo_report", "check", str(_truncated(tmp_path))],
        capture_output=True,
        text=True,
        check=False,
    )

    assert out.returncode == 0
    assert "[BLANK-CELLS]" in out.stdout
    assert "[T3-" not in out.stdout


# ----------------------------------------------------------------------------
# indicators and aggregate say when their input does not add up
# ----------------------------------------------------------------------------


def _faulty(organ: str = "乙局") -> gr.AnnualReport:
    """予以公开 3 of 新收 3, but （七）总计 says 4: the outcome shares add up to 75%."""
    report = _member(organ, 3)
    return replace_cell(report, "$.requests.results.total.total", 4)


def test_indicators_of_a_consistent_report_carry_no_warning() -> None:
    """A report whose arithmetic holds gets indicators without warnings."""
    assert gr.indicators(_member("甲局", 3)).warnings == ()


def test_indicators_warn_about_the_arithmetic_of_their_input() -> None:
    """Indicators from totals that contradict their parts name the errors and the share sum."""
    ind = gr.indicators(_faulty())

    assert ind.disclosed_share == Fraction(3, 4)
    assert any(w.startswith("T3-RESULTS-TOTAL $.requests.results.total.total") for w in ind.warnings)
    assert any("75.0%" in w for w in ind.warnings)
    assert ind.to_dict()["warnings"] == list(ind.warnings)
    assert "注 / warning: 乙局 2022: T3-" in gr.render_indicators([ind])


@pytest.mark.skipif(not SEED.is_file(), reason="the seed report is absent")
def test_the_seed_shares_that_add_up_to_109_percent_are_named() -> None:
    """The seed's outcome shares add up to 109.1%; the indicators say so."""
    assert any("109.1%" in w for w in gr.indicators(gr.parse(SEED).report).warnings)


def test_aggregate_warns_about_members_with_errors() -> None:
    """A member whose arithmetic does not hold is summed as stated, with a warning and a note in 一."""
    with pytest.warns(gr.AggregationWarning, match="乙局（T3-"):
        summary = gr.aggregate([_member("甲局", 2), _faulty()], organ="某某市人民政府")

    assert "乙局（T3-" in summary.overview.text
    assert summary.requests.results.total.total == 6


def test_an_aggregation_warning_names_the_callers_line() -> None:
    """The warning points at the line that called aggregate, not at the library (so a filter by module works)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gr.aggregate([_member("甲局", 2), _faulty()], organ="某某市人民政府")
    ours = [w for w in caught if issubclass(w.category, gr.AggregationWarning)]
    assert ours
    assert {w.filename for w in ours} == {__file__}


def test_aggregate_can_refuse_members_with_errors() -> None:
    """errors="refuse" raises AggregationError naming the faulty members; "ignore" sums without a word."""
    with pytest.raises(gr.AggregationError) as info:
        gr.aggregate([_member("甲局", 2), _faulty()], organ="某某市人民政府", errors="refuse")

    assert info.value.members == ("乙局",)
    summary = gr.aggregate([_member("甲局", 2), _faulty()], organ="某某市人民政府", errors="ignore")
    assert "勾稽关系" not in summary.overview.text


def test_aggregate_never_converts_units_silently() -> None:
    """Amounts in 元 and 万元 are converted with an AggregationWarning, not only a note."""
    a = replace_cell(clean_report("2019", organ="甲局"), "$.proactive.procurement.amount", Decimal("1.5"))
    b = replace_cell(clean_report("2019", organ="乙局"), "$.proactive.procurement.amount", Decimal("5000"))
    a = attrs.evolve(
        a,
        proactive=attrs.evolve(
            a.proactive, procurement=attrs.evolve(a.proactive.procurement, amount_unit=gr.AmountUnit.WAN_YUAN)
        ),
    )
    b = attrs.evolve(
        b,
        proactive=attrs.evolve(
            b.proactive, procurement=attrs.evolve(b.proactive.procurement, amount_unit=gr.AmountUnit.YUAN)
        ),
    )

    with pytest.warns(gr.AggregationWarning):
        summary = gr.aggregate([a, b], organ="某某市人民政府")

    assert summary.proactive.procurement.amount == Decimal("2.0")


def test_check_takes_a_parse_result(tmp_path: Any) -> None:
    """check(parse(path)) knows which cells the importer could not read, as check(report, unread=...) does."""
    result = gr.parse(_truncated(tmp_path))

    assert check(result) == check(result.report, unread=result.unread)


def test_a_folder_check_skips_the_arithmetic_of_an_unread_table(tmp_path: Any) -> None:
    """check_folder (govinfo-report check DIR) counts a truncated table's file without arithmetic errors."""
    from govinfo_report.analysis.collection import check_folder

    _truncated(tmp_path)
    result = check_folder(tmp_path)

    assert [(f.errors, f.warnings) for f in result.files] == [(0, 2)]
    # the blank cells, and the reading problem that caused them, told apart
    assert sorted(f.code for f in result.files[0].findings if f.severity.value == "warning") == [
        "BLANK-CELLS",
        "IMPORT-TABLE-TRUNCATED",
    ]


def test_a_member_left_out_of_the_sums_is_the_cause_too() -> None:
    """An unlisted member of another year is left out of the sums; the cells it explains fold under its finding."""
    summary = _member("某某市人民政府", 5)
    old = _member("乙局", 3)
    old = attrs.evolve(old, meta=attrs.evolve(old.meta, year=2021))

    findings = check(summary, members=[_member("甲局", 2), old])

    assert [f.code for f in findings] == ["SUMMARY-MEMBER-MISMATCH"]
    assert findings[0].follow_on > 0
