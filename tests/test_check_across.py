"""Checks across reports: continuity with last year's report, and a summary against its members."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.checks import check
from govinfo_report.tables import build_sections, get_cell, layout, replace_cell

from .helpers import clean_report
from .strategies import reports

ORGAN = "某某市生态环境局"


clean = functools.partial(clean_report, organ=ORGAN)
"""An all-0 report of ORGAN that passes every rule."""


def with_requests(report: gr.AnnualReport, **parts: Any) -> gr.AnnualReport:
    """*report* with table 三 built from *parts* (totals and 四 derived)."""
    return attrs.evolve(report, requests=gr.Requests.from_parts(report.edition, **parts))


# ----------------------------------------------------------------------------
# Continuity
# ----------------------------------------------------------------------------


def _pair_across_editions(carried_in: int) -> tuple[gr.AnnualReport, gr.AnnualReport]:
    # 2020 (2019 edition): 5 new, 3 answered, so 2 carried forward to 2021.
    previous = with_requests(clean("2019", year=2020), received={"natural_person": 5}, disclosed={"natural_person": 3})
    # 2021 (2021 edition): carried_in from 2020, 1 new, all answered.
    this = with_requests(
        clean("2021", year=2021),
        received={"natural_person": 1},
        carried_in={"natural_person": carried_in},
        disclosed={"natural_person": 1 + carried_in},
    )
    return previous, this


def test_carry_over_holds_across_the_edition_change() -> None:
    """2021's 二、上年结转 equal to 2020's 四、结转下年度继续办理 (a 2019-edition report) gives no finding."""
    previous, this = _pair_across_editions(carried_in=2)

    assert previous.requests.carried_forward.natural_person == 2
    assert check(this, previous=previous) == []


def test_carry_over_mismatch_is_reported_per_column() -> None:
    """A carry-over that differs from last year's is reported in the column (and the 总计 column) it differs in."""
    previous, this = _pair_across_editions(carried_in=1)

    findings = check(this, previous=previous)

    assert [(f.code, f.path, f.stated, f.expected) for f in findings] == [
        ("CARRY-OVER", "$.requests.carried_in.natural_person", 1, 2),
        ("CARRY-OVER", "$.requests.carried_in.total", 1, 2),
    ]
    f = findings[0]
    assert (f.row, f.column, f.direction) == ("二、上年结转政府信息公开申请数量", "自然人", "少")
    assert [(c.source, c.path, c.value) for c in f.cells] == [
        (None, "$.requests.carried_in.natural_person", 1),
        ("previous", "$.requests.carried_forward.natural_person", 2),
    ]
    assert "上年报告 四、结转下年度继续办理 2" in f.message


def test_carry_over_blank_last_year() -> None:
    """A blank carried-forward cell last year counts as 0 (and is named) by default, and is skipped under ignore."""
    previous = replace_cell(clean(year=2021), "$.requests.carried_forward.other", None)
    this = with_requests(clean(), received={"other": 1}, carried_in={"other": 2}, disclosed={"other": 3})

    default = [f for f in check(this, previous=previous) if f.code == "CARRY-OVER"]
    ignored = [f for f in check(this, previous=previous, blank="ignore") if f.code == "CARRY-OVER"]

    assert [(f.path, f.stated, f.expected) for f in default] == [
        ("$.requests.carried_in.other", 2, 0),
        ("$.requests.carried_in.total", 2, 0),
    ]
    assert default[0].blank_cells == ("previous:$.requests.carried_forward.other",)
    assert [f.path for f in ignored] == ["$.requests.carried_in.total"]


def test_in_force_continuity_2021_edition() -> None:
    """现行有效件数 = last year's + 本年制发件数 − 本年废止件数; one less is reported with all four cells."""
    previous = replace_cell(clean(year=2021), "$.proactive.normative_documents.in_force", 10)
    this = replace_cell(clean(year=2022), "$.proactive.normative_documents.issued", 3)
    this = replace_cell(this, "$.proactive.normative_documents.repealed", 1)
    good = replace_cell(this, "$.proactive.normative_documents.in_force", 12)
    bad = replace_cell(this, "$.proactive.normative_documents.in_force", 11)

    [f] = check(bad, previous=previous)

    assert check(good, previous=previous) == []
    assert (f.code, f.path, f.stated, f.expected, f.severity.value) == (
        "T2-IN-FORCE-CONTINUITY",
        "$.proactive.normative_documents.in_force",
        11,
        12,
        "warning",
    )
    assert [(c.source, c.path.rsplit(".", 1)[1], c.value) for c in f.cells] == [
        (None, "in_force", 11),
        ("previous", "in_force", 10),
        (None, "issued", 3),
        (None, "repealed", 1),
    ]
    assert "上年报告 现行有效件数 10 + 本年制发件数 3 − 本年废止件数 1" in f.message


def test_items_continuity_2019_edition() -> None:
    """2019 edition: 上一年项目数量 = last report's 上一年项目数量 + its 本年增/减, for every row that has both."""
    previous = replace_cell(clean("2019", year=2019), "$.proactive.licensing.previous_year", 13)
    previous = replace_cell(previous, "$.proactive.licensing.change", -2)
    previous = replace_cell(previous, "$.proactive.administrative_fees.change", 4)
    this = replace_cell(clean("2019", year=2020), "$.proactive.licensing.previous_year", 11)

    [f] = check(this, previous=previous)

    assert (f.code, f.path, f.stated, f.expected) == (
        "T2-ITEMS-CONTINUITY",
        "$.proactive.administrative_fees.previous_year",
        0,
        4,
    )


def test_table_two_continuity_needs_the_same_edition() -> None:
    """Across the 2020 → 2021 change only the carry-over is compared (表二 changed shape)."""
    previous = replace_cell(clean("2019", year=2020), "$.proactive.licensing.previous_year", 9)

    assert check(clean("2021", year=2021), previous=previous) == []


@pytest.mark.parametrize(
    ("previous", "path"),
    [
        (clean(year=2021, organ="另一个局"), "$.meta.organ"),
        (clean(year=2020), "$.meta.year"),
        (clean(year=2022), "$.meta.year"),
    ],
)
def test_wrong_previous_report_is_named_and_nothing_compared(previous: gr.AnnualReport, path: str) -> None:
    """Another organ's report, or not the year before, gives PREVIOUS-REPORT and no continuity findings."""
    previous = replace_cell(previous, "$.requests.carried_forward.natural_person", 5)

    findings = check(clean(year=2022), previous=previous)

    assert [(f.code, f.path) for f in findings] == [("PREVIOUS-REPORT", path)]


# ----------------------------------------------------------------------------
# Summary against members
# ----------------------------------------------------------------------------


def summarise(members: list[gr.AnnualReport], organ: str = "某某市人民政府") -> gr.AnnualReport:
    """The cell-by-cell sum of *members*, as a government-level summary listing them."""
    first = members[0]
    sums: dict[str, Any] = {}
    for spec in layout(first.edition).cells:
        total: Any = 0
        for m in members:
            total = total + (get_cell(m, spec.path) or 0)
        sums[spec.path] = total
    meta = attrs.evolve(
        first.meta,
        organ=organ,
        scope=gr.Scope.GOVERNMENT_LEVEL,
        members=tuple(m.organ for m in members),
        published=None,
    )
    sections = build_sections(first.edition, sums)
    if first.edition is gr.Edition.E2019:
        unit = first.proactive.procurement.amount_unit  # type: ignore[union-attr]
        sections["proactive"] = attrs.evolve(
            sections["proactive"], procurement=attrs.evolve(sections["proactive"].procurement, amount_unit=unit)
        )
    return attrs.evolve(first, meta=meta, **sections)


@st.composite
def member_reports(draw: Any) -> list[gr.AnnualReport]:
    """Two to four consistent reports of one edition and year, by distinct organs, with one amount unit."""
    first = draw(reports())
    others = draw(st.lists(reports(edition=first.edition), min_size=1, max_size=3))
    out = []
    for i, r in enumerate([first, *others]):
        r = attrs.evolve(r, meta=attrs.evolve(r.meta, organ=f"成员单位{i + 1}", year=first.year, published=None))
        if r.edition is gr.Edition.E2019:
            proc = attrs.evolve(r.proactive.procurement, amount_unit=gr.AmountUnit.WAN_YUAN)  # type: ignore[union-attr]
            r = attrs.evolve(r, proactive=attrs.evolve(r.proactive, procurement=proc))
        out.append(r)
    return out


# Each example draws several reports: half the profile's examples keep the run short.
FEWER = settings(max_examples=max(10, settings.default.max_examples // 2))


@FEWER
@given(member_reports())
def test_sum_of_members_is_a_consistent_summary(members: list[gr.AnnualReport]) -> None:
    """The cell-by-cell sum of consistent reports is consistent and matches its members (amounts exactly)."""
    assert check(summarise(members), members=members) == []


@FEWER
@given(member_reports(), st.data())
def test_one_wrong_summary_cell_is_named(members: list[gr.AnnualReport], data: st.DataObject) -> None:
    """Adding 1 to one summary cell gives a SUMMARY-CELL finding at that cell, 1 too many."""
    summary = summarise(members)
    spec = data.draw(st.sampled_from(layout(summary.edition).cells))
    value = get_cell(summary, spec.path)
    changed = replace_cell(summary, spec.path, value + (Decimal(1) if isinstance(value, Decimal) else 1))

    found = [f for f in check(changed, members=members) if f.code.startswith("SUMMARY-")]

    assert [(f.code, f.path, f.difference, f.direction) for f in found] == [("SUMMARY-CELL", spec.path, 1, "多")]
    assert [c.source for c in found[0].cells] == [None, *(f"member:{m.organ}" for m in members)]


def test_summary_cell_message_lists_members() -> None:
    """A SUMMARY-CELL message gives the summary's value and each member's share."""
    a = with_requests(clean(organ="甲局"), received={"commercial": 2}, disclosed={"commercial": 2})
    b = with_requests(clean(organ="乙局"), received={"commercial": 5}, disclosed={"commercial": 5})
    summary = with_requests(
        clean(organ="某某市人民政府", members=("甲局", "乙局")), received={"commercial": 6}, disclosed={"commercial": 6}
    )

    findings = check(summary, members=[a, b])

    first = findings[0]
    assert (first.path, first.stated, first.expected) == ("$.requests.received.commercial", 6, 7)
    assert first.message == (
        "汇总 表三 一、本年新收政府信息公开申请数量 × 法人或其他组织 / 商业企业："
        "填报 6，应为 7（甲局 2 + 乙局 5），少 1"
    )


def test_amounts_are_summed_exactly() -> None:
    """0.1 + 0.2 万元 of 本年收费金额 is exactly 0.3 (no float rounding), and 0.31 is 0.01 too many."""

    def fee(report: gr.AnnualReport, amount: str) -> gr.AnnualReport:
        return replace_cell(report, "$.proactive.administrative_fees.amount", Decimal(amount))

    members = [fee(clean(organ="甲局"), "0.1"), fee(clean(organ="乙局"), "0.2")]
    summary = clean(organ="某某市人民政府", members=("甲局", "乙局"))

    [f] = check(fee(summary, "0.31"), members=members)

    assert check(fee(summary, "0.3"), members=members) == []
    assert (f.stated, f.expected, f.difference) == (Decimal("0.31"), Decimal("0.3"), Decimal("0.01"))


def _procurement(report: gr.AnnualReport, amount: str, unit: gr.AmountUnit | None) -> gr.AnnualReport:
    proc = gr.ProcurementCounts(projects=1, amount=Decimal(amount), amount_unit=unit)
    return attrs.evolve(report, proactive=attrs.evolve(report.proactive, procurement=proc))


def test_procurement_amounts_in_different_units_are_not_summed() -> None:
    """2019 采购总金额 in 万元 and in 元 are not added up; one SUMMARY-AMOUNT-UNIT warning names the units."""
    member = _procurement(clean("2019", organ="甲局"), "1780000", gr.AmountUnit.YUAN)
    summary = _procurement(clean("2019", organ="某某市人民政府"), "178", gr.AmountUnit.WAN_YUAN)

    [f] = check(summary, members=[member])

    assert (f.code, f.path, f.severity.value) == ("SUMMARY-AMOUNT-UNIT", "$.proactive.procurement.amount", "warning")
    assert "某某市人民政府 万元" in f.message
    assert "甲局 元" in f.message


def test_procurement_amounts_in_one_unit_are_summed() -> None:
    """2019 采购总金额 in one unit is summed like any cell."""
    members = [
        _procurement(clean("2019", organ="甲局"), "12.5", gr.AmountUnit.WAN_YUAN),
        _procurement(clean("2019", organ="乙局"), "0", None),
    ]
    summary = _procurement(clean("2019", organ="某某市人民政府"), "12.5", gr.AmountUnit.WAN_YUAN)
    summary = replace_cell(summary, "$.proactive.procurement.projects", 2)

    assert check(summary, members=members) == []


def test_missing_and_mismatched_members() -> None:
    """Listed members without a report are named; members of another year, listed or not, are named too."""
    summary = clean(organ="某某市人民政府", members=("甲局", "乙局", "丙局"))
    a = clean(organ="甲局")
    b_wrong_year = clean(organ="乙局", year=2021)
    stranger = clean(organ="丁局")

    findings = check(summary, members=[a, b_wrong_year, stranger])

    assert [(f.code, f.path, f.stated, f.expected) for f in findings] == [
        ("SUMMARY-MEMBER-MISMATCH", "$.meta.members", "丁局", None),
        ("SUMMARY-MISSING-MEMBER", "$.meta.members[1]", None, "乙局"),
        ("SUMMARY-MEMBER-MISMATCH", "$.meta.members[1]", "乙局", None),
        ("SUMMARY-MISSING-MEMBER", "$.meta.members[2]", None, "丙局"),
    ]
    assert "未列入汇总报告的成员单位" in findings[0].message
    assert "年度为 2021，汇总报告为 2022" in findings[2].message


def test_excluded_members_are_left_out_of_the_sums() -> None:
    """A member of another year or given twice is not summed; an unlisted one of the right year is."""
    summary = with_requests(
        clean(organ="某某市人民政府", members=("甲局",)), received={"research": 3}, disclosed={"research": 3}
    )
    a = with_requests(clean(organ="甲局"), received={"research": 1}, disclosed={"research": 1})
    stranger = with_requests(clean(organ="丁局"), received={"research": 2}, disclosed={"research": 2})
    old = with_requests(clean(organ="戊局", year=2021), received={"research": 50}, disclosed={"research": 50})

    codes = [f.code for f in check(summary, members=[a, stranger, a, old])]

    assert "SUMMARY-CELL" not in codes
    assert codes.count("SUMMARY-MEMBER-MISMATCH") == 3


def test_summary_blank_policy() -> None:
    """A blank summary cell counts as 0 against its members' sum (and is named), unless blanks are ignored."""
    member = with_requests(clean(organ="甲局"), received={"legal_service": 4}, disclosed={"legal_service": 4})
    summary = with_requests(
        clean(organ="某某市人民政府"), received={"legal_service": 4}, disclosed={"legal_service": 4}
    )
    summary = replace_cell(summary, "$.requests.results.disclosed.legal_service", None)

    default = [f for f in check(summary, members=[member]) if f.code == "SUMMARY-CELL"]
    ignored = [f for f in check(summary, members=[member], blank="ignore") if f.code == "SUMMARY-CELL"]

    assert [(f.path, f.stated, f.expected, f.blank_cells) for f in default] == [
        (
            "$.requests.results.disclosed.legal_service",
            0,
            4,
            ("$.requests.results.disclosed.legal_service",),
        )
    ]
    assert ignored == []
