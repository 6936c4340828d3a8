"""Tests of aggregate(): summary (汇总) reports summed from member reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.analysis.aggregate import aggregate
from govinfo_report.checks import check
from govinfo_report.errors import AggregationError, OptionError
from govinfo_report.tables import get_cell, iter_cells, layout, replace_cell

from .strategies import reports


def member(organ: str, edition: str = "2021", year: int = 2022, **sections: Any) -> gr.AnnualReport:
    """A consistent member report built from parts."""
    meta = gr.ReportMeta(organ=organ, year=year, edition=gr.Edition(edition))
    return gr.AnnualReport.build(meta, problems="问题与改进。", other_matters="本年未收取信息处理费。", **sections)


def three_members() -> list[gr.AnnualReport]:
    """Three consistent 2021-edition members with small known numbers."""
    a = member(
        "甲局",
        requests=gr.Requests.from_parts(
            "2021", received={"natural_person": 10, "commercial": 2}, disclosed={"natural_person": 8, "commercial": 2}
        ),
        disputes=gr.Disputes.from_parts(review={"upheld": 1, "corrected": 1}),
        proactive={"licensing": {"decisions": 100}, "administrative_fees": {"amount": "0.1"}},
    )
    b = member(
        "乙局",
        requests=gr.Requests.from_parts(
            "2021", received={"natural_person": 20}, carried_in={"natural_person": 1}, disclosed={"natural_person": 21}
        ),
        proactive={"licensing": {"decisions": 5}, "administrative_fees": {"amount": "0.2"}},
    )
    c = member(
        "丙局",
        requests=gr.Requests.from_parts(
            "2021", received={"natural_person": 5}, other_handling={"overdue_fee": {"natural_person": 5}}
        ),
        disputes=gr.Disputes.from_parts(direct_suit={"pending": 3}),
    )
    return [a, b, c]


def test_three_members_sum_round_trip_and_check_clean() -> None:
    """A summary of three consistent members has the hand-computed sums, survives JSON and checks clean against them."""
    members = three_members()

    summary = aggregate(members, organ="某某县人民政府", title="某某县人民政府2022年政府信息公开工作年度报告")
    again = gr.from_json(gr.to_json(summary))
    findings = check(again, members=members)

    assert summary.requests.received.natural_person == 35
    assert summary.requests.received.total == 37
    assert summary.requests.carried_in.natural_person == 1
    assert summary.requests.results.total.total == 36  # 10 + 21 + 5
    assert summary.requests.carried_forward.natural_person == 2  # 甲局 left 2 of its 10 open
    assert summary.requests.results.other_handling.overdue_fee.natural_person == 5  # type: ignore[union-attr]
    assert summary.disputes.review.total == 2
    assert summary.disputes.direct_suit.pending == 3
    assert summary.proactive.licensing.decisions == 105
    assert summary.proactive.administrative_fees.amount == Decimal("0.3")  # type: ignore[union-attr]
    assert summary.meta.members == ("甲局", "乙局", "丙局")
    assert summary.meta.scope is gr.Scope.GOVERNMENT_LEVEL
    assert summary.meta.year == 2022
    assert again == summary
    assert [f for f in findings if f.is_error or f.code.startswith("SUMMARY")] == []


def _same_year(rs: list[gr.AnnualReport], unit: gr.AmountUnit | None = None) -> list[gr.AnnualReport]:
    edition = rs[0].meta.edition
    year = 2020 if edition is gr.Edition.E2019 else 2022
    out = []
    for i, r in enumerate(r for r in rs if r.meta.edition is edition):
        r = attrs.evolve(r, meta=attrs.evolve(r.meta, organ=f"单位{i}", year=year, members=()))
        if isinstance(r.proactive, gr.Proactive2019):
            procurement = attrs.evolve(r.proactive.procurement, amount_unit=unit)
            r = attrs.evolve(r, proactive=attrs.evolve(r.proactive, procurement=procurement))
        out.append(r)
    return out


@settings(max_examples=25)
@given(st.lists(reports(blanks=True), min_size=1, max_size=4), st.sampled_from(["zero", "ignore"]))
def test_every_cell_is_the_sum_of_the_members(drawn: list[gr.AnnualReport], policy: str) -> None:
    """Each summary cell is the sum of the members' cells (blank only when every member is blank)."""
    members = _same_year(drawn, gr.AmountUnit.WAN_YUAN)

    summary = aggregate(members, organ="汇总", blank=policy)

    for spec, value in iter_cells(summary):
        column = [get_cell(m, spec.path) for m in members]
        stated = [x for x in column if x is not None]
        expected = sum(stated) if stated else None
        assert value == expected, spec.path
        assert (value is None) == (not stated), spec.path


@settings(max_examples=25)
@given(st.lists(reports(blanks=True), min_size=1, max_size=4), st.sampled_from(["zero", "ignore"]))
def test_summary_has_no_summary_findings(drawn: list[gr.AnnualReport], policy: str) -> None:
    """check(summary, members=..., blank=policy) finds no SUMMARY-* error under the policy used to sum."""
    members = _same_year(drawn, gr.AmountUnit.YUAN)

    summary = aggregate(members, organ="汇总", blank=policy)
    findings = check(summary, members=members, blank=policy)

    assert [f for f in findings if f.code.startswith("SUMMARY")] == []


def test_blank_in_every_member_stays_blank_and_partial_blank_counts_zero() -> None:
    """A cell blank in every member stays blank; a cell blank in one member is the sum of the others."""
    a, b = member("甲局"), member("乙局")
    a = replace_cell(a, "$.disputes.review.other", None)
    b = replace_cell(b, "$.disputes.review.other", None)
    a = replace_cell(a, "$.disputes.review.upheld", None)
    b = replace_cell(b, "$.disputes.review.upheld", 4)

    zero = aggregate([a, b], organ="汇总")
    ignore = aggregate([a, b], organ="汇总", blank="ignore")

    assert zero.disputes.review.other is None
    assert zero.disputes.review.upheld == 4
    assert ignore == zero


def test_strict_names_every_member_and_cell() -> None:
    """Under the strict policy a blank cell raises AggregationError naming the member and the cell."""
    a = replace_cell(member("甲局"), "$.requests.received.research", None)
    b = replace_cell(member("乙局"), "$.disputes.review.upheld", None)

    with pytest.raises(AggregationError) as info:
        aggregate([a, b], organ="汇总", blank="strict")

    assert info.value.cells == (("甲局", "$.requests.received.research"), ("乙局", "$.disputes.review.upheld"))
    assert info.value.members == ("甲局", "乙局")
    assert "甲局" in str(info.value)
    assert "科研机构" in str(info.value)


def test_mixed_years_are_refused() -> None:
    """Members of different years raise AggregationError naming the years."""
    with pytest.raises(AggregationError, match="2022"):
        aggregate([member("甲局", year=2022), member("乙局", year=2023)], organ="汇总")
    with pytest.raises(AggregationError, match="year=2021"):
        aggregate([member("甲局")], organ="汇总", year=2021)


def test_mixed_editions_are_refused_without_the_mapping() -> None:
    """Members of both editions are refused unless mapped into an explicit 2019-edition summary."""
    old, new = member("甲局", "2019", 2021), member("乙局", "2021", 2021)

    with pytest.raises(AggregationError, match="map_other_handling"):
        aggregate([old, new], organ="汇总")
    with pytest.raises(AggregationError, match="edition='2019'"):
        aggregate([old, new], organ="汇总", map_other_handling=True)
    with pytest.raises(AggregationError, match="cannot be split"):
        aggregate([old, new], organ="汇总", map_other_handling=True, edition="2021")
    with pytest.raises(AggregationError):
        aggregate([old, new], organ="汇总", edition="2019")


def test_mapping_sums_the_2021_other_handling_rows_onto_the_2019_row() -> None:
    """With the mapping, 2021 （六） sub-rows are summed onto the 2019 row; table 二 keeps only the shared decisions."""
    old = member(
        "甲局",
        "2019",
        2021,
        requests=gr.Requests.from_parts("2019", received={"natural_person": 2}, other_handling={"natural_person": 2}),
        proactive={"licensing": {"decisions": 7}, "rules": {"newly_made": 1}},
    )
    new = member(
        "乙局",
        "2021",
        2021,
        requests=gr.Requests.from_parts(
            "2021",
            received={"natural_person": 6},
            other_handling={"overdue_correction": {"natural_person": 1}, "other": {"natural_person": 5}},
        ),
        proactive={"licensing": {"decisions": 3}},
    )

    summary = aggregate([old, new], organ="汇总", map_other_handling=True, edition="2019")

    assert summary.meta.edition is gr.Edition.E2019
    assert summary.requests.results.other_handling.natural_person == 8  # type: ignore[union-attr]
    assert summary.requests.results.total.total == 8
    assert summary.proactive.licensing.decisions == 10
    assert summary.proactive.rules.newly_made is None  # not in the 2021 edition: left blank, not a partial sum
    assert "乙局" in summary.overview.text


def test_procurement_amounts_in_different_units_are_converted_exactly() -> None:
    """元 and 万元 are converted exactly into the first member's unit, and the note says so."""

    def with_amount(organ: str, amount: str, unit: gr.AmountUnit | None) -> gr.AnnualReport:
        r = member(organ, "2019", 2020, proactive={"procurement": {"projects": 1, "amount": amount}})
        p: Any = r.proactive
        return attrs.evolve(r, proactive=attrs.evolve(p, procurement=attrs.evolve(p.procurement, amount_unit=unit)))

    wan = with_amount("甲局", "1.5", gr.AmountUnit.WAN_YUAN)
    yuan = with_amount("乙局", "25000", gr.AmountUnit.YUAN)
    none = with_amount("丙局", "3", None)

    with pytest.warns(gr.AggregationWarning):  # a conversion is never silent
        in_wan = aggregate([wan, yuan], organ="汇总")
    with pytest.warns(gr.AggregationWarning):
        in_yuan = aggregate([yuan, wan], organ="汇总")
    with pytest.warns(gr.AggregationWarning):
        unknown = aggregate([wan, none], organ="汇总")

    assert in_wan.proactive.procurement.amount == Decimal("4.0")  # type: ignore[union-attr]
    assert in_wan.proactive.procurement.amount_unit is gr.AmountUnit.WAN_YUAN  # type: ignore[union-attr]
    assert "10000" in in_wan.overview.text
    assert in_yuan.proactive.procurement.amount == Decimal("40000")  # type: ignore[union-attr]
    assert in_yuan.proactive.procurement.amount_unit is gr.AmountUnit.YUAN  # type: ignore[union-attr]
    assert unknown.proactive.procurement.amount is None  # type: ignore[union-attr]
    assert "丙局" in unknown.overview.text
    with pytest.raises(AggregationError, match="丙局"):
        aggregate([wan, none], organ="汇总", blank="strict")


def test_processing_fees_are_summed() -> None:
    """The 信息处理费 of 六 are summed over the members that state them."""
    a = attrs.evolve(
        member("甲局"),
        other_matters=gr.OtherMatters(text="", fees=gr.ProcessingFees(applications=2, amount_yuan=Decimal("30.5"))),
    )
    b = attrs.evolve(member("乙局"), other_matters=gr.OtherMatters(text="", fees=gr.ProcessingFees(applications=1)))

    summary = aggregate([a, b, member("丙局")], organ="汇总")

    assert summary.other_matters.fees == gr.ProcessingFees(applications=3, amount_yuan=Decimal("30.5"))


def test_bad_arguments() -> None:
    """No members, a member twice, a non-report and an unknown policy are refused with documented errors."""
    with pytest.raises(AggregationError):
        aggregate([], organ="汇总")
    with pytest.raises(AggregationError, match="甲局"):
        aggregate([member("甲局"), member("甲局")], organ="汇总")
    with pytest.raises(OptionError, match=r"reports\[1\]"):
        aggregate([member("甲局"), "乙局.json"], organ="汇总")  # type: ignore[list-item]
    with pytest.raises(OptionError, match="blank policy"):
        aggregate([member("甲局")], organ="汇总", blank="sometimes")
    with pytest.raises(gr.CellValueError):
        aggregate([member("甲局")], organ="  ")


def test_layout_cells_all_present() -> None:
    """The summary has exactly the layout's cells of its edition (none lost)."""
    summary = aggregate(three_members(), organ="汇总")

    assert [spec.path for spec, _ in iter_cells(summary)] == [c.path for c in layout("2021").cells]


def test_aggregation_error_pickles() -> None:
    """AggregationError keeps its reason, members and cells through pickling (batch workers pickle errors)."""
    import pickle

    error = AggregationError("blank cells", members=["甲局"], cells=[("甲局", "$.disputes.review.upheld")])

    again = pickle.loads(pickle.dumps(error))

    assert (str(again), again.members, again.cells) == (str(error), ("甲局",), (("甲局", "$.disputes.review.upheld"),))
