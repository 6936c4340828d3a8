"""Tests of compare(): two reports cell by cell and section by section."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report.analysis.compare import compare
from govinfo_report.errors import OptionError
from govinfo_report.tables import layout, replace_cell

from .strategies import reports


def blank(edition: str = "2021", year: int = 2022, organ: str = "某某局") -> gr.AnnualReport:
    """An all-zero report."""
    return gr.AnnualReport.blank(edition, organ=organ, year=year, fill=0)


def test_changes_and_percentages() -> None:
    """Change is new − old; change in % only where old is non-zero; a blank gives no change."""
    old = blank(year=2022)
    new = blank(year=2023)
    old = replace_cell(old, "$.requests.received.natural_person", 4)
    new = replace_cell(new, "$.requests.received.natural_person", 6)
    old = replace_cell(old, "$.requests.received.commercial", 3)
    new = replace_cell(new, "$.disputes.review.upheld", 5)
    new = replace_cell(new, "$.disputes.review.other", None)
    old = replace_cell(old, "$.requests.received.research", 3)
    new = replace_cell(new, "$.requests.received.research", 4)

    c = compare(old, new)
    by_path = {x.path: x for x in c.cells}

    assert (
        by_path["$.requests.received.natural_person"].change,
        by_path["$.requests.received.natural_person"].change_pct,
    ) == (2, Decimal("50.00"))
    assert (by_path["$.requests.received.commercial"].change, by_path["$.requests.received.commercial"].change_pct) == (
        -3,
        Decimal("-100.00"),
    )
    assert (by_path["$.disputes.review.upheld"].change, by_path["$.disputes.review.upheld"].change_pct) == (5, None)
    assert (by_path["$.disputes.review.other"].old, by_path["$.disputes.review.other"].new) == (0, None)
    assert by_path["$.disputes.review.other"].change is None
    assert by_path["$.requests.received.research"].change_pct == Decimal("33.33")
    assert [x.path for x in c.changed()] == [
        "$.requests.received.natural_person",
        "$.requests.received.commercial",
        "$.requests.received.research",
        "$.disputes.review.upheld",
        "$.disputes.review.other",
    ]
    assert by_path["$.requests.received.research"].row == "一、本年新收政府信息公开申请数量"
    assert by_path["$.requests.received.research"].column == "法人或其他组织 / 科研机构"
    assert len(c.cells) == len(layout("2021").cells)
    assert (c.only_old, c.only_new) == ((), ())


@settings(max_examples=20)
@given(reports())
def test_a_report_compared_with_itself_has_no_change(report: gr.AnnualReport) -> None:
    """compare(r, r) changes nothing: every change is 0 (or None for a blank), every diff empty."""
    c = compare(report, report)

    assert c.changed() == ()
    assert all(x.change in (0, None) for x in c.cells)
    assert all(n.diff == "" for n in c.narratives)


def test_across_editions_compares_the_shared_cells() -> None:
    """A 2020 and a 2021 report share tables 三 and 四 (（六） summed) and only the decisions of table 二."""
    old = gr.AnnualReport.build(
        gr.ReportMeta(organ="某某局", year=2020, edition=gr.Edition.E2019),
        requests=gr.Requests.from_parts("2019", received={"natural_person": 3}, other_handling={"natural_person": 3}),
        proactive={"licensing": {"decisions": 10}},
    )
    new = gr.AnnualReport.build(
        gr.ReportMeta(organ="某某局", year=2021, edition=gr.Edition.E2021),
        requests=gr.Requests.from_parts(
            "2021",
            received={"natural_person": 7},
            other_handling={"overdue_correction": {"natural_person": 2}, "other": {"natural_person": 5}},
        ),
        proactive={"licensing": {"decisions": 12}},
    )

    c = compare(old, new)
    by_path = {x.path: x for x in c.cells}
    table2_old = {x.path for x in layout("2019").table("二").cells}
    table2_new = {x.path for x in layout("2021").table("二").cells}
    shared2 = {
        "$.proactive.licensing.decisions",
        "$.proactive.penalties.decisions",
        "$.proactive.enforcement.decisions",
    }

    assert c.edition is gr.Edition.E2019
    assert (
        by_path["$.requests.results.other_handling.natural_person"].old,
        by_path["$.requests.results.other_handling.natural_person"].new,
    ) == (3, 7)
    assert by_path["$.proactive.licensing.decisions"].change == 2
    assert {x.path for x in c.cells if x.table == "二"} == shared2
    assert set(c.only_old) == table2_old - shared2
    assert set(c.only_new) == table2_new - shared2
    assert len(c.cells) == len(layout("2019").cells) - len(table2_old - shared2)
    assert any("2019" in n for n in c.notes)


def test_narratives_as_unified_diff() -> None:
    """A changed section gives a unified diff with - and + lines; an unchanged one an empty diff."""
    old = attrs.evolve(blank(year=2022), problems=gr.Narrative(text="人员不足。\n培训较少。"))
    new = attrs.evolve(blank(year=2023), problems=gr.Narrative(text="人员不足。\n培训已加强。"))

    c = compare(old, new)
    diffs = {n.section: n for n in c.narratives}

    assert diffs["problems"].title == "五、存在的主要问题及改进情况"
    assert "-培训较少。" in diffs["problems"].diff.splitlines()
    assert "+培训已加强。" in diffs["problems"].diff.splitlines()
    assert " 人员不足。" in diffs["problems"].diff.splitlines()
    assert diffs["overview"].diff == ""
    assert list(diffs) == ["overview", "problems", "other_matters"]


def test_other_organ_is_compared_with_a_note() -> None:
    """Reports of different organs are compared, with a note naming both."""
    c = compare(blank(organ="甲局", year=2022), blank(organ="乙局", year=2023))

    assert any("甲局" in n and "乙局" in n for n in c.notes)
    assert c.changed() == ()


def test_procurement_amount_compared_in_the_old_unit() -> None:
    """A 2019 采购总金额 in another unit is converted exactly before the change is computed."""

    def with_amount(year: int, amount: str, unit: gr.AmountUnit | None) -> gr.AnnualReport:
        r = replace_cell(blank("2019", year), "$.proactive.procurement.amount", Decimal(amount))
        p: Any = r.proactive
        return attrs.evolve(r, proactive=attrs.evolve(p, procurement=attrs.evolve(p.procurement, amount_unit=unit)))

    c = compare(with_amount(2019, "2", gr.AmountUnit.WAN_YUAN), with_amount(2020, "30000", gr.AmountUnit.YUAN))
    unknown = compare(with_amount(2019, "2", gr.AmountUnit.WAN_YUAN), with_amount(2020, "3", None))
    cell = next(x for x in c.cells if x.path == "$.proactive.procurement.amount")
    cell_unknown = next(x for x in unknown.cells if x.path == "$.proactive.procurement.amount")

    assert (cell.old, cell.new, cell.change, cell.change_pct) == (
        Decimal("2"),
        Decimal("30000"),
        Decimal("1"),
        Decimal("50.00"),
    )
    assert any("10000" in n for n in c.notes)
    assert cell_unknown.change is None


def test_json_and_text() -> None:
    """to_dict holds JSON types only (amounts and percentages as strings); text lists changes deterministically."""
    old = replace_cell(blank(year=2022), "$.proactive.administrative_fees.amount", Decimal("1.50"))
    new = replace_cell(blank(year=2023), "$.proactive.administrative_fees.amount", Decimal("3"))

    c = compare(old, new)
    data = json.loads(c.to_json())
    cell = next(x for x in data["cells"] if x["path"] == "$.proactive.administrative_fees.amount")
    text = c.render("text")

    assert data == c.to_dict()
    assert cell == {
        "path": "$.proactive.administrative_fees.amount",
        "table": "二",
        "row": "第二十条第（八）项 / 行政事业性收费",
        "column": "本年收费金额（单位：万元）",
        "old": "1.50",
        "new": "3",
        "change": "1.50",
        "change_pct": "100.00",
    }
    assert data["old"] == {"organ": "某某局", "year": 2022, "edition": "2021", "scope": "organ"}
    assert "行政事业性收费" in text
    assert "+100.00%" in text
    assert text == compare(old, new).render()
    assert json.loads(c.render("json")) == data
    with pytest.raises(OptionError):
        c.render("xml")  # type: ignore[arg-type]


def test_not_a_report() -> None:
    """Anything but two reports raises OptionError."""
    with pytest.raises(OptionError, match="new"):
        compare(blank(), "x")  # type: ignore[arg-type]
