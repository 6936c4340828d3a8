"""Tests of check(): the arithmetic findings, blank policies, diagnosis, ordering and output forms."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report._fields import Kind
from govinfo_report.checks import BlankPolicy, check, ensure_consistent
from govinfo_report.errors import InconsistentReportError, OptionError
from govinfo_report.findings import CellRef, Finding, Fix, diagnose, finding_to_dict, findings_to_json, render_findings
from govinfo_report.rules import Relation, Severity, equations
from govinfo_report.tables import CellSpec, get_cell, layout, replace_cell

from .helpers import clean_report as clean
from .strategies import reports


def test_clean_report_has_no_findings() -> None:
    """The all-zero helper report passes every rule, so other tests can change one thing at a time."""
    assert check(clean("2019")) == []
    assert check(clean("2021")) == []


@given(reports())
def test_reports_built_from_parts_have_no_findings(report: gr.AnnualReport) -> None:
    """Any report whose totals the builders derived from its parts has no findings at all."""
    assert check(report) == []


@given(reports(blanks=True))
def test_blanked_reports_list_their_blanks_and_pass_when_blanks_are_ignored(report: gr.AnnualReport) -> None:
    """Blanking parts of a consistent report: BLANK-CELLS lists exactly them, and the ignore policy finds nothing."""
    blanks = [spec.path for spec, value in report.cells() if value is None]

    listed = [f for f in check(report) if f.code == "BLANK-CELLS"]

    assert blanks
    assert [[c.path for c in f.details] for f in listed] == [blanks]
    assert check(report, blank="ignore") == []


def _other_value(spec: CellSpec, old: Any) -> st.SearchStrategy[Any]:
    if spec.kind is Kind.AMOUNT:
        return st.decimals(min_value=0, max_value=10**5, places=2).filter(lambda d: d != old)
    low = -300 if spec.kind is Kind.SIGNED else 0
    return st.integers(low, 300).filter(lambda n: n != old)


@given(st.data())
def test_changing_one_cell_gives_findings_only_from_rules_using_it(data: st.DataObject) -> None:
    """One changed cell breaks exactly the = relations that use it (and ≥ ones when they fail); diagnosis names it."""
    report = data.draw(reports())
    spec = data.draw(st.sampled_from(layout(report.edition).cells))
    old = get_cell(report, spec.path)
    changed = replace_cell(report, spec.path, data.draw(_other_value(spec, old)))

    findings = check(changed)

    using = [e for e in equations(report.edition) if spec.path in e.cells]
    broken_ge = [
        e
        for e in using
        if e.relation is Relation.GE
        and sum(get_cell(changed, p) or 0 for p in e.left) < sum(get_cell(changed, p) or 0 for p in e.right)
    ]
    expected_keys = {f"{e.code}@{e.left[0]}" for e in using if e.relation is Relation.EQ or e in broken_ge}
    assert {f.key for f in findings} == expected_keys
    assert len(findings) == len(expected_keys)
    for f in findings:
        assert spec.path in [c.path for c in f.cells]
        assert f.diagnosis is not None
        options = [f.diagnosis, *f.diagnosis.alternatives]
        if f.code in {e.code for e in using if e.relation is Relation.EQ}:
            assert (spec.path, old) in [(o.cell.path, o.value) for o in options]
        else:
            assert spec.path in [o.cell.path for o in options]


def test_row_total_finding_has_numbers_labels_and_message() -> None:
    """A wrong 总计 of a 表四 block gives stated, expected, difference, direction, cells and a Chinese message."""
    report = replace_cell(clean(), "$.disputes.review.upheld", 1)
    report = replace_cell(report, "$.disputes.review.other", 3)
    report = replace_cell(report, "$.disputes.review.total", 5)

    [f] = check(report)

    assert (f.code, f.severity, f.path) == ("T4-TOTAL", Severity.ERROR, "$.disputes.review.total")
    assert (f.table, f.row, f.column) == ("四", "行政复议", "总计")
    assert (f.stated, f.expected, f.difference, f.direction) == (5, 4, 1, "多")
    assert [c.path.rsplit(".", 1)[1] for c in f.cells] == ["total", "upheld", "corrected", "other", "pending"]
    assert [c.value for c in f.cells] == [5, 1, 0, 3, 0]
    assert f.blank_cells == ()
    assert (
        f.message == "表四 行政复议 × 总计：填报 5，应为 4（结果维持 1 + 结果纠正 0 + 其他结果 3 + 尚未审结 0），多 1"
    )
    assert f.message_en.startswith("Table 4 administrative review × total: stated 5, expected 4")


def test_balance_finding_sits_at_the_results_total_and_names_both_sides() -> None:
    """The printed balance of a column is reported at that column's （七）总计 and its message shows both sums."""
    report = replace_cell(clean(), "$.requests.received.natural_person", 30)
    report = replace_cell(report, "$.requests.received.total", 30)

    findings = check(report)

    assert [(g.code, g.column) for g in findings] == [("T3-BALANCE", "自然人"), ("T3-BALANCE", "总计")]
    f = findings[0]

    assert (f.code, f.path, f.row, f.column) == (
        "T3-BALANCE",
        "$.requests.results.total.natural_person",
        "（七）总计",
        "自然人",
    )
    assert (f.stated, f.expected, f.direction) == (0, 30, "少")
    assert f.message.startswith(
        "表三 自然人 列：（七）总计 0 + 四、结转下年度继续办理 0 = 0，应为 一、本年新收政府信息公开申请数量 30"
    )
    assert f.message.endswith("= 30，少 30")


def test_at_least_rule_is_a_warning_with_its_own_wording() -> None:
    """2019 表二 对外公开总数量 below 本年新公开数量 is a T2-PUBLISHED-WITHIN-TOTAL warning, short by the gap."""
    report = replace_cell(clean("2019"), "$.proactive.rules.newly_published", 5)
    report = replace_cell(report, "$.proactive.rules.total_published", 3)

    [f] = check(report)

    assert (f.code, f.severity, f.stated, f.expected, f.difference, f.direction) == (
        "T2-PUBLISHED-WITHIN-TOTAL",
        Severity.WARNING,
        3,
        5,
        -2,
        "少",
    )
    assert "应不少于 5" in f.message


# ----------------------------------------------------------------------------
# Blank policies
# ----------------------------------------------------------------------------


def _blank_part() -> gr.AnnualReport:
    """A consistent report in which 予以公开 × 商业企业 (4) is then left blank."""
    report = clean()
    requests = gr.Requests.from_parts("2021", received={"commercial": 4}, disclosed={"commercial": 4})
    report = attrs.evolve(report, requests=requests)
    assert check(report) == []
    return replace_cell(report, "$.requests.results.disclosed.commercial", None)


def test_zero_policy_counts_blank_as_zero_and_lists_it() -> None:
    """By default a blank counts as 0: the relations using it fail, say so, and one BLANK-CELLS warning lists it."""
    findings = check(_blank_part())

    blank = "$.requests.results.disclosed.commercial"
    assert {f.code for f in findings} == {"T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "BLANK-CELLS"}
    row = next(f for f in findings if f.code == "T3-ROW-TOTAL")
    assert (row.stated, row.expected, row.blank_cells) == (4, 0, (blank,))
    assert "商业企业 空" in row.message
    assert "（空 按0计）" in row.message
    [cells] = [f for f in findings if f.code == "BLANK-CELLS"]
    assert cells.severity is Severity.WARNING
    assert [c.path for c in cells.details] == [blank]
    assert cells.details[0].value is None


def test_strict_policy_makes_blank_cells_an_error() -> None:
    """Under the strict policy BLANK-CELLS is an error; the arithmetic is the same as under zero."""
    zero = check(_blank_part(), blank="zero")
    strict = check(_blank_part(), blank=BlankPolicy.STRICT)

    assert [f.code for f in strict if f.code != "BLANK-CELLS"] == [f.code for f in zero if f.code != "BLANK-CELLS"]
    assert next(f for f in strict if f.code == "BLANK-CELLS").severity is Severity.ERROR


def test_ignore_policy_skips_relations_with_blanks_only() -> None:
    """Under the ignore policy a relation using a blank is skipped, others are still checked, blanks go unreported."""
    report = replace_cell(_blank_part(), "$.disputes.review.total", 2)

    findings = check(report, blank="ignore")

    assert [f.code for f in findings] == ["T4-TOTAL"]


# ----------------------------------------------------------------------------
# Diagnosis
# ----------------------------------------------------------------------------


def test_diagnosis_finds_the_cell_shared_by_several_findings() -> None:
    """A wrong （七）总计 × 自然人 breaks three relations; one fix of that cell resolves all three."""
    report = replace_cell(clean(), "$.requests.results.total.natural_person", 7)

    findings = check(report)
    fixes = diagnose(findings)

    assert len(findings) == 3
    assert {f.diagnosis.cell.path for f in findings if f.diagnosis} == {"$.requests.results.total.natural_person"}
    assert fixes[0].cell.path == "$.requests.results.total.natural_person"
    assert (fixes[0].value, fixes[0].breaks, fixes[0].cell.value) == (0, 0, 7)
    assert sorted(fixes[0].resolves) == sorted(f.key for f in findings)
    assert len(fixes) == 1


def test_diagnosis_prefers_the_total_and_offers_parts_as_alternatives() -> None:
    """When a total and a part explain one finding equally well, the total is named and the part is an alternative."""
    report = replace_cell(clean(), "$.disputes.review.upheld", 2)

    [f] = check(report)

    assert f.diagnosis is not None
    assert (f.diagnosis.cell.path, f.diagnosis.value) == ("$.disputes.review.total", 2)
    assert ("$.disputes.review.upheld", 0) in [(a.cell.path, a.value) for a in f.diagnosis.alternatives]


def test_diagnosis_never_proposes_a_negative_count() -> None:
    """Parts that would have to become negative (−3) are not candidates; the total and the 3 remain."""
    report = replace_cell(clean(), "$.disputes.review.upheld", 3)

    [f] = check(report)

    assert f.diagnosis is not None
    options = [f.diagnosis, *f.diagnosis.alternatives]
    assert [(o.cell.path, o.value) for o in options] == [
        ("$.disputes.review.total", 3),
        ("$.disputes.review.upheld", 0),
    ]


# ----------------------------------------------------------------------------
# Order, fail-fast, arguments
# ----------------------------------------------------------------------------


def test_findings_are_sorted_by_severity_then_official_order() -> None:
    """Errors come first, then warnings, then info; within a severity the table order decides."""
    report = clean("2021")
    report = replace_cell(report, "$.disputes.review.total", 1)
    report = replace_cell(report, "$.requests.received.total", 1)
    report = replace_cell(report, "$.proactive.rules.issued", 1)
    report = attrs.evolve(report, other_matters=gr.OtherMatters(text="无"))

    codes = [(f.severity.value, f.code, f.path) for f in check(report)]

    assert codes == [
        ("error", "T3-ROW-TOTAL", "$.requests.received.total"),
        ("error", "T3-BALANCE", "$.requests.results.total.total"),
        ("error", "T4-TOTAL", "$.disputes.review.total"),
        ("warning", "T2-ISSUED-WITHIN-IN-FORCE", "$.proactive.rules.in_force"),
        ("info", "FEES-NOT-MENTIONED", "$.other_matters"),
    ]


def test_ensure_consistent_raises_with_every_finding() -> None:
    """The fail-fast helper raises on an error, and the exception carries all findings, warnings included."""
    report = replace_cell(clean(), "$.disputes.review.total", 1)
    report = replace_cell(report, "$.disputes.review.upheld", None)

    with pytest.raises(InconsistentReportError) as info:
        ensure_consistent(report)

    assert [f.code for f in info.value.findings] == ["T4-TOTAL", "BLANK-CELLS"]
    assert "表四 行政复议 × 总计" in str(info.value)


def test_ensure_consistent_passes_warnings() -> None:
    """Warnings and info do not make the fail-fast helper raise; the strict blank policy does."""
    report = replace_cell(clean(), "$.disputes.review.upheld", None)

    ensure_consistent(report)
    with pytest.raises(InconsistentReportError):
        ensure_consistent(report, blank="strict")


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"blank": "sometimes"}, "blank policy"),
        ({"deadline": "2022-01-31"}, "deadline"),
        ({"previous": "last year"}, "previous"),
        ({"members": [None]}, "members[0]"),
    ],
)
def test_bad_arguments_raise_option_error(kwargs: dict[str, Any], fragment: str) -> None:
    """An argument check() cannot use raises OptionError naming it, never a bare TypeError."""
    with pytest.raises(OptionError, match=fragment.replace("[", r"\[")):
        check(clean(), **kwargs)


def test_members_must_be_a_list_not_a_report() -> None:
    """Passing one report as members= is refused rather than iterated."""
    with pytest.raises(OptionError, match="single AnnualReport"):
        check(clean(), members=clean())  # type: ignore[arg-type]


def test_findings_pickle_round_trip() -> None:
    """Findings (with their diagnoses) survive pickling, e.g. to a worker process."""
    report = replace_cell(clean(), "$.requests.results.total.natural_person", 7)
    findings = check(report)

    assert pickle.loads(pickle.dumps(findings)) == findings


# ----------------------------------------------------------------------------
# Output forms
# ----------------------------------------------------------------------------


def _sample_findings() -> list[Finding]:
    report = replace_cell(clean(), "$.disputes.review.total", 2)
    report = replace_cell(report, "$.disputes.review.upheld", None)
    return check(report)


def test_json_form_is_the_documented_contract() -> None:
    """The JSON form has the contract keys, blanks as null and Chinese unescaped."""
    text = findings_to_json(_sample_findings())
    data = json.loads(text)

    assert "表四" in text
    assert [d["code"] for d in data] == ["T4-TOTAL", "BLANK-CELLS"]
    first = data[0]
    for key in ("code", "severity", "path", "table", "row", "column", "stated", "expected", "message"):
        assert key in first
    assert (first["severity"], first["stated"], first["expected"], first["direction"]) == ("error", 2, 0, "多")
    assert first["cells"][1] == {
        "path": "$.disputes.review.upheld",
        "table": "四",
        "row": "行政复议",
        "column": "结果维持",
        "value": None,
        "source": None,
    }
    assert first["blank_cells"] == ["$.disputes.review.upheld"]
    assert first["diagnosis"]["cell"]["path"] == "$.disputes.review.total"
    assert data[1]["details"][0]["path"] == "$.disputes.review.upheld"


def test_json_writes_decimals_and_dates_as_strings() -> None:
    """Decimal amounts become exact strings and dates ISO strings in the JSON form."""
    import datetime as dt

    amount = Finding(
        code="SUMMARY-CELL",
        severity="error",
        path="$.proactive.administrative_fees.amount",
        stated=Decimal("0.30"),
        expected=Decimal("0.3000"),
        message="m",
    )
    late = Finding(
        code="LATE-PUBLICATION",
        severity="warning",
        path="$.meta.published",
        stated=dt.date(2022, 2, 3),
        expected=dt.date(2022, 1, 31),
        message="m",
    )

    a, b = finding_to_dict(amount), finding_to_dict(late)

    assert (a["stated"], a["expected"], a["difference"], a["direction"]) == ("0.30", "0.3000", "0.0000", None)
    assert (b["stated"], b["expected"], b["difference"], b["direction"]) == ("2022-02-03", "2022-01-31", 3, None)


def test_text_rendering_has_one_block_per_finding_then_a_count() -> None:
    """Text output: location, message and code; the cells a finding lists; the diagnosis; then a summary line."""
    text = render_findings(_sample_findings())

    blocks = text.split("\n\n")
    assert len(blocks) == 3
    assert blocks[0].splitlines()[0].startswith("error $.disputes.review.total: 表四 行政复议 × 总计：填报 2，应为 0")
    assert blocks[0].splitlines()[0].endswith("[T4-TOTAL]")
    assert blocks[0].splitlines()[1].startswith("    诊断 / diagnosis: 表四 行政复议 × 总计 应为 0（现为 2")
    assert blocks[1].splitlines()[1] == "    表四 行政复议 × 结果维持 ($.disputes.review.upheld)"
    assert blocks[2] == "1 个错误，1 个警告，0 个提示 / 1 error, 1 warning, 0 info"


def test_english_text_uses_the_english_messages() -> None:
    """With language="en" the text shows message_en and an English diagnosis."""
    text = render_findings(_sample_findings(), language="en")

    assert "Table 4 administrative review × total: stated 2, expected 0" in text
    assert "diagnosis: set $.disputes.review.total (表四 行政复议 × 总计) to 0 (now 2; resolves 1 finding)" in text


def test_table_rendering_lists_each_finding_on_a_line() -> None:
    """The table form has a header, one line per finding and the count; numbers stay as written."""
    text = render_findings(_sample_findings(), "table")
    lines = text.splitlines()

    assert lines[0].split() == ["级别", "规则", "位置", "填报", "应为", "差额", "诊断"]
    assert lines[2].split()[:2] == ["error", "T4-TOTAL"]
    assert "多 2" in lines[2]
    assert lines[3].split()[:2] == ["warning", "BLANK-CELLS"]
    assert lines[-1].startswith("1 个错误")


def test_render_findings_rejects_unknown_format() -> None:
    """An unknown format is an OptionError, not a silent default."""
    with pytest.raises(OptionError, match="xml"):
        render_findings([], "xml")  # type: ignore[arg-type]


def test_no_findings_render_as_an_all_clear() -> None:
    """With nothing found, text says so and JSON is an empty list."""
    assert render_findings([]) == "没有发现问题 / no findings"
    assert render_findings([], "json") == "[]"


def test_tabulate_is_not_imported_by_the_checks() -> None:
    """Importing and running check() does not import tabulate (only the table format needs it)."""
    code = (
        "import sys, govinfo_report as gr\n"
        "from govinfo_report.checks import check\n"
        "from govinfo_report.findings import render_findings\n"
        "r = gr.AnnualReport.blank('2021', organ='x', year=2022)\n"
        "render_findings(check(r)); render_findings(check(r), 'json')\n"
        "print('tabulate' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "False"


def test_value_types_are_frozen() -> None:
    """Findings, cell references and fixes are immutable values."""
    cell = CellRef(path="$", table="四", row="r", column="c", value=1)
    fix = Fix(cell=cell, value=0, resolves=("X@$",))

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cell.value = 2  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fix.value = 1  # type: ignore[misc]
    assert fix.score == 1
