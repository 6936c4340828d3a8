"""Every rule of the catalogue fires on a report made to break it, with the catalogue's severity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest

import govinfo_report as gr
from govinfo_report.checks import check
from govinfo_report.rules import CATALOGUE, Severity
from govinfo_report.tables import replace_cell

from .helpers import clean_report as clean
from .strategies import with_single_row

ORGAN = "某某县统计局"

Case = tuple[gr.AnnualReport, dict[str, Any]]


def _t3_balance() -> Case:
    return replace_cell(clean(), "$.requests.carried_forward.research", 1), {}


def _t3_row_total() -> Case:
    return replace_cell(clean(), "$.requests.received.total", 1), {}


def _t3_results_total() -> Case:
    return replace_cell(clean(), "$.requests.results.unable.not_held.other", 1), {}


def _t3_other_single_row() -> Case:
    """（六）其他处理 printed as one row beside its (all-0) sub-rows, and not their sum."""
    return with_single_row(clean(), gr.ApplicantCounts.from_parts(research=1), keep_sub_rows=True), {}


def _t4_total() -> Case:
    return replace_cell(clean(), "$.disputes.suit_after_review.pending", 1), {}


def _t2_published() -> Case:
    return replace_cell(clean("2019"), "$.proactive.normative_documents.newly_published", 1), {}


def _t2_issued() -> Case:
    return replace_cell(clean(), "$.proactive.normative_documents.issued", 1), {}


def _edition_year() -> Case:
    return clean("2019", year=2021), {}


def _meta_unknown() -> Case:
    report = clean()
    return attrs.evolve(report, meta=attrs.evolve(report.meta, year=None)), {}


def _blank_cells() -> Case:
    return replace_cell(clean(), "$.proactive.licensing.decisions", None), {}


def _empty_problems() -> Case:
    return attrs.evolve(clean(), problems=gr.Narrative(text=" \n")), {}


def _fees() -> Case:
    return attrs.evolve(clean(), other_matters=gr.OtherMatters(text="无")), {}


def _late() -> Case:
    return clean(published=dt.date(2023, 2, 1)), {}


def _carry_over() -> Case:
    previous = replace_cell(clean(year=2021), "$.requests.carried_forward.natural_person", 2)
    return clean(), {"previous": previous}


def _in_force() -> Case:
    return clean(), {"previous": replace_cell(clean(year=2021), "$.proactive.rules.in_force", 4)}


def _items() -> Case:
    previous = replace_cell(clean("2019", year=2019), "$.proactive.penalties.change", 2)
    return clean("2019", year=2020), {"previous": previous}


def _previous_report() -> Case:
    return clean(), {"previous": clean(year=2020)}


def _summary_cell() -> Case:
    return replace_cell(clean(), "$.proactive.penalties.decisions", 1), {"members": [clean(organ="甲局")]}


def _amount_unit() -> Case:
    summary = clean("2019")
    summary = attrs.evolve(
        summary,
        proactive=attrs.evolve(
            summary.proactive,
            procurement=gr.ProcurementCounts(projects=0, amount=Decimal(178), amount_unit=gr.AmountUnit.WAN_YUAN),
        ),
    )
    member = attrs.evolve(
        clean("2019", organ="甲局"),
        proactive=attrs.evolve(
            summary.proactive,
            procurement=gr.ProcurementCounts(projects=0, amount=Decimal(1780000), amount_unit=gr.AmountUnit.YUAN),
        ),
    )
    return summary, {"members": [member]}


def _missing_member() -> Case:
    return clean(members=("甲局",)), {"members": []}


def _member_mismatch() -> Case:
    return clean(members=("甲局",)), {"members": [clean(organ="甲局", year=2021)]}


def _plaus_unchanged() -> Case:
    last = replace_cell(clean(year=2021), "$.requests.received.natural_person", 4)
    this = replace_cell(clean(year=2022), "$.requests.received.natural_person", 4)
    return this, {"previous": last, "plausibility": True}


def _plaus_jump() -> Case:
    last = replace_cell(clean(year=2021), "$.requests.received.total", 5)
    this = replace_cell(clean(year=2022), "$.requests.received.total", 60)
    return this, {"previous": last, "plausibility": True}


def _plaus_withheld() -> Case:
    report = replace_cell(clean(), "$.requests.results.partly_disclosed.total", 8)
    return replace_cell(report, "$.requests.results.total.total", 10), {"plausibility": True}


def _plaus_rules() -> Case:
    report = replace_cell(clean(), "$.proactive.rules.in_force", 2)
    return report, {"plausibility": True, "rule_making_power": False}


def _with_overview(report: gr.AnnualReport, text: str) -> gr.AnnualReport:
    return attrs.evolve(report, overview=gr.Narrative(text=text))


def _text_requests() -> Case:
    return _with_overview(clean(), "本年度共收到政府信息公开申请4件，均已按期答复。"), {}


def _text_disputes() -> Case:
    return _with_overview(clean(), "因政府信息公开工作被申请行政复议1件。"), {}


def _text_proactive() -> Case:
    return _with_overview(clean(), "全年制发行政规范性文件3件。"), {}


def _text_fees() -> Case:
    report = attrs.evolve(
        clean(),
        other_matters=gr.OtherMatters(
            text="本年度收取信息处理费200元。", fees=gr.ProcessingFees(amount_yuan=Decimal(0))
        ),
    )
    return report, {}


def _text_year() -> Case:
    return _with_overview(clean(), "2021年，本局坚持以公开促落实。"), {}


def _text_uncertain() -> Case:
    report = replace_cell(clean(), "$.requests.carried_in.total", None)
    return _with_overview(report, "本年度共收到政府信息公开申请4件。"), {"blank": "ignore"}


CASES: dict[str, Callable[[], Case]] = {
    "T3-BALANCE": _t3_balance,
    "T3-ROW-TOTAL": _t3_row_total,
    "T3-RESULTS-TOTAL": _t3_results_total,
    "T3-OTHER-SINGLE-ROW": _t3_other_single_row,
    "T4-TOTAL": _t4_total,
    "T2-PUBLISHED-WITHIN-TOTAL": _t2_published,
    "T2-ISSUED-WITHIN-IN-FORCE": _t2_issued,
    "EDITION-YEAR": _edition_year,
    "META-UNKNOWN": _meta_unknown,
    "BLANK-CELLS": _blank_cells,
    "EMPTY-PROBLEMS": _empty_problems,
    "FEES-NOT-MENTIONED": _fees,
    "LATE-PUBLICATION": _late,
    "CARRY-OVER": _carry_over,
    "T2-IN-FORCE-CONTINUITY": _in_force,
    "T2-ITEMS-CONTINUITY": _items,
    "PREVIOUS-REPORT": _previous_report,
    "SUMMARY-CELL": _summary_cell,
    "SUMMARY-AMOUNT-UNIT": _amount_unit,
    "SUMMARY-MISSING-MEMBER": _missing_member,
    "SUMMARY-MEMBER-MISMATCH": _member_mismatch,
    "TEXT-REQUESTS": _text_requests,
    "TEXT-DISPUTES": _text_disputes,
    "TEXT-PROACTIVE": _text_proactive,
    "TEXT-FEES": _text_fees,
    "TEXT-YEAR": _text_year,
    "TEXT-UNCERTAIN": _text_uncertain,
    "PLAUS-UNCHANGED": _plaus_unchanged,
    "PLAUS-RECEIVED-JUMP": _plaus_jump,
    "PLAUS-WITHHELD-SHARE": _plaus_withheld,
    "PLAUS-RULES-WITHOUT-POWER": _plaus_rules,
}


def test_every_catalogue_rule_has_a_case() -> None:
    """The cases below cover the catalogue exactly, so a new rule needs a new case."""
    assert set(CASES) == {r.code for r in CATALOGUE}


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.code)
def test_rule_fires(rule: gr.Rule) -> None:
    """A report made to break the rule gets a finding with its code and catalogue severity, and a message."""
    report, kwargs = CASES[rule.code]()

    findings = [f for f in check(report, **kwargs) if f.code == rule.code]

    assert findings, f"{rule.code} did not fire"
    for f in findings:
        assert f.severity is rule.severity
        assert f.message
        assert f.message_en


@pytest.mark.parametrize(
    "rule", [r for r in CATALOGUE if r.group in ("arithmetic", "report", "narrative")], ids=lambda r: r.code
)
def test_rule_is_silent_on_a_clean_report_of_each_edition(rule: gr.Rule) -> None:
    """No rule fires on a clean report of either edition."""
    for edition in ("2019", "2021"):
        assert [f for f in check(clean(edition)) if f.code == rule.code] == []


def test_fees_rule_applies_to_the_2021_edition_only() -> None:
    """A 2019-edition report with a silent 六 gets no FEES-NOT-MENTIONED."""
    report = attrs.evolve(clean("2019"), other_matters=gr.OtherMatters(text="无"))

    assert check(report) == []


@pytest.mark.parametrize(
    "matters",
    [
        gr.OtherMatters(text="无", fees=gr.ProcessingFees()),
        gr.OtherMatters(text="本年度未收费。"),
        gr.OtherMatters(text="", subsections=(gr.Subsection(title="（一）信息处理费", text="无"),)),
        gr.OtherMatters(text="全年未收取任何费用。"),
    ],
)
def test_fees_count_as_mentioned(matters: gr.OtherMatters) -> None:
    """Stated fees, or 收费/信息处理费/费用 anywhere in 六 (subsection titles included), satisfy the fee rule."""
    assert check(attrs.evolve(clean(), other_matters=matters)) == []


def test_edition_year_names_both_editions() -> None:
    """EDITION-YEAR states the edition used and the one the year needs."""
    [f] = check(clean("2021", year=2020))

    assert (f.path, f.stated, f.expected) == ("$.meta.edition", "2021", "2019")
    assert "2020年度报告应使用2019年版格式" in f.message


@pytest.mark.parametrize(
    ("scope", "published", "late_by"),
    [
        (gr.Scope.ORGAN, dt.date(2023, 1, 31), None),
        (gr.Scope.ORGAN, dt.date(2023, 2, 1), 1),
        (gr.Scope.GOVERNMENT_LEVEL, dt.date(2023, 3, 31), None),
        (gr.Scope.GOVERNMENT_LEVEL, dt.date(2023, 4, 10), 10),
    ],
)
def test_late_publication_default_deadlines(scope: gr.Scope, published: dt.date, late_by: int | None) -> None:
    """The default deadline is 1月31日 for an organ and 3月31日 for a government level; the day itself is on time."""
    findings = check(clean(year=2022, scope=scope, published=published))

    assert [f.difference for f in findings] == ([] if late_by is None else [late_by])


def test_late_publication_uses_the_given_deadline() -> None:
    """A local deadline overrides the statutory one, both earlier and later."""
    report = clean(year=2022, published=dt.date(2023, 1, 29))

    [f] = check(report, deadline=dt.date(2023, 1, 28))

    assert (f.code, f.stated, f.expected, f.difference) == (
        "LATE-PUBLICATION",
        dt.date(2023, 1, 29),
        dt.date(2023, 1, 28),
        1,
    )
    assert check(clean(year=2022, published=dt.date(2023, 2, 5)), deadline=dt.date(2023, 2, 20)) == []


def test_no_publication_date_no_lateness() -> None:
    """Without meta.published nothing is said about lateness, even with a deadline long past."""
    assert check(clean(year=2022), deadline=dt.date(2000, 1, 1)) == []


def test_blank_cells_counts_per_table_in_the_message() -> None:
    """BLANK-CELLS counts the blank cells per table and lists them in official order."""
    report = replace_cell(clean(), "$.disputes.review.other", None)
    report = replace_cell(report, "$.proactive.rules.issued", None)
    report = replace_cell(report, "$.proactive.rules.repealed", None)

    [f] = [f for f in check(report) if f.code == "BLANK-CELLS"]

    assert f.message.startswith("3 个单元格为空（表二 2 个，表四 1 个）")
    assert [c.path for c in f.details] == [
        "$.proactive.rules.issued",
        "$.proactive.rules.repealed",
        "$.disputes.review.other",
    ]
    assert f.severity is Severity.WARNING
