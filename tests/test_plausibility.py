"""Tests of plausibility(): advisory findings about numbers that add up but look wrong."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

import govinfo_report as gr
from govinfo_report.errors import OptionError
from govinfo_report.plausibility_checks import plausibility
from govinfo_report.rules import PLAUSIBILITY_RULES, Severity
from govinfo_report.tables import replace_cell


def report(year: int = 2023, edition: str = "2021", received: int = 0, **results: int) -> gr.AnnualReport:
    """A consistent report with *received* new requests and the given result rows (natural persons)."""
    parts = {k: {"natural_person": n} for k, n in results.items()}
    if "withheld" in parts:
        parts["withheld"] = {"third_party": parts["withheld"]}
    meta = gr.ReportMeta(organ="某某局", year=year, edition=gr.Edition(edition))
    return gr.AnnualReport.build(
        meta, requests=gr.Requests.from_parts(edition, received={"natural_person": received}, **parts)
    )


def codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    """The codes of *findings*."""
    return [f.code for f in findings]


def test_rules_are_advisory_and_catalogued() -> None:
    """Every plausibility rule is a warning or info in group plausibility."""
    assert {r.code for r in PLAUSIBILITY_RULES} == {
        "PLAUS-UNCHANGED",
        "PLAUS-RECEIVED-JUMP",
        "PLAUS-WITHHELD-SHARE",
        "PLAUS-RULES-WITHOUT-POWER",
    }
    assert all(r.severity is not Severity.ERROR and r.group == "plausibility" for r in PLAUSIBILITY_RULES)


def test_unchanged_numbers() -> None:
    """Identical non-zero tables in two years are flagged; all-zero tables and any change are not."""
    last = report(2022, received=5, disclosed=5)
    same = report(2023, received=5, disclosed=5)
    changed = report(2023, received=6, disclosed=6)

    assert codes(plausibility(same, previous=last)) == ["PLAUS-UNCHANGED"]
    assert plausibility(same, previous=last)[0].severity is Severity.WARNING
    assert plausibility(changed, previous=last) == []
    assert plausibility(report(2023), previous=report(2022)) == []


def test_unchanged_across_editions() -> None:
    """A 2021 report equal to the 2020 one on every shared cell is flagged."""
    last = report(2020, "2019", received=5, disclosed=5)
    same = report(2021, "2021", received=5, disclosed=5)

    assert codes(plausibility(same, previous=last)) == ["PLAUS-UNCHANGED"]


@pytest.mark.parametrize(
    ("old", "new", "flagged"),
    [(10, 40, True), (10, 29, False), (5, 15, False), (100, 150, False), (0, 20, True), (0, 19, False)],
)
def test_received_jump(old: int, new: int, flagged: bool) -> None:
    """A jump is at least 3× last year and at least 20 more (the defaults)."""
    findings = plausibility(
        report(2023, received=new, disclosed=new), previous=report(2022, received=old, disclosed=old)
    )

    assert ("PLAUS-RECEIVED-JUMP" in codes(findings)) is flagged


def test_received_jump_thresholds_and_location() -> None:
    """The thresholds are parameters; the finding sits on 一、本年新收 × 总计 and cites both years."""
    findings = plausibility(
        report(2023, received=12, disclosed=12), previous=report(2022, received=4, disclosed=4), jump_min=5
    )
    (f,) = findings

    assert f.code == "PLAUS-RECEIVED-JUMP"
    assert (f.path, f.table, f.row, f.column) == (
        "$.requests.received.total",
        "三",
        "一、本年新收政府信息公开申请数量",
        "总计",
    )
    assert [(c.value, c.source) for c in f.cells] == [(12, None), (4, "previous")]
    assert (
        plausibility(
            report(2023, received=12, disclosed=12),
            previous=report(2022, received=4, disclosed=4),
            jump_min=5,
            jump_factor=Decimal("3.5"),
        )
        == []
    )


def test_withheld_share() -> None:
    """部分公开 + 不予公开 above half of a total of at least 10 is flagged as info."""
    high = report(received=10, partly_disclosed=3, withheld=3, disclosed=4)
    half = report(received=10, partly_disclosed=3, withheld=2, disclosed=5)
    small = report(received=9, partly_disclosed=9)

    (f,) = plausibility(high)

    assert (f.code, f.severity, f.stated) == ("PLAUS-WITHHELD-SHARE", Severity.INFO, 6)
    assert plausibility(half) == []
    assert plausibility(small) == []
    assert codes(plausibility(small, withheld_min_total=5)) == ["PLAUS-WITHHELD-SHARE"]
    assert plausibility(high, withheld_share=Fraction(3, 5)) == []


def test_rules_row_without_power() -> None:
    """A non-zero 规章 cell is flagged, once per cell, only when the caller says there is no rule-making power."""
    r = replace_cell(report(), "$.proactive.rules.issued", 2)
    r = replace_cell(r, "$.proactive.rules.in_force", 5)

    findings = plausibility(r, rule_making_power=False)

    assert [(f.code, f.path, f.stated, f.expected, f.direction) for f in findings] == [
        ("PLAUS-RULES-WITHOUT-POWER", "$.proactive.rules.issued", 2, 0, "多"),
        ("PLAUS-RULES-WITHOUT-POWER", "$.proactive.rules.in_force", 5, 0, "多"),
    ]
    assert findings[0].row == "第二十条第（一）项 / 规章"
    assert plausibility(r) == []
    assert plausibility(r, rule_making_power=True) == []


def test_blank_cells_never_fire() -> None:
    """A blank total is not compared."""
    new = replace_cell(report(2023, received=50, disclosed=50), "$.requests.received.total", None)

    assert plausibility(new, previous=report(2022, received=1, disclosed=1)) == []


def test_bad_thresholds() -> None:
    """A threshold that is not a number ≥ 0 raises OptionError."""
    with pytest.raises(OptionError, match="jump_factor"):
        plausibility(report(), jump_factor="3")  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="withheld_share"):
        plausibility(report(), withheld_share=-1)
    with pytest.raises(OptionError, match="previous"):
        plausibility(report(), previous="last.json")  # type: ignore[arg-type]
