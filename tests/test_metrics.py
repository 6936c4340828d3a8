"""Tests of indicators(): rates and shares computed from the tables."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction

import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report.analysis.indicators import INDICATOR_NAMES, indicators, indicators_table, percent, render_indicators
from govinfo_report.errors import OptionError
from govinfo_report.tables import replace_cell

from .strategies import reports


def sample() -> gr.AnnualReport:
    """A 2021 report: 20 new + 4 carried in; 18 results (6, 2, 3, 4, 1, 2 in groups （一）…（六）); 6 open."""
    meta = gr.ReportMeta(organ="某某局", year=2023, edition=gr.Edition.E2021)
    requests = gr.Requests.from_parts(
        "2021",
        received={"natural_person": 15, "commercial": 5},
        carried_in={"natural_person": 4},
        disclosed={"natural_person": 4, "commercial": 2},
        partly_disclosed={"natural_person": 2},
        withheld={"state_secret": {"natural_person": 1}, "third_party": {"commercial": 2}},
        unable={"not_held": {"natural_person": 4}},
        not_processed={"repeated": {"natural_person": 1}},
        other_handling={"overdue_fee": {"natural_person": 1}, "other": {"natural_person": 1}},
    )
    disputes = gr.Disputes.from_parts(
        review={"upheld": 3, "corrected": 1, "pending": 2},
        direct_suit={"upheld": 1, "corrected": 1},
        suit_after_review={"other": 1, "corrected": 1, "pending": 5},
    )
    return gr.AnnualReport.build(meta, requests=requests, disputes=disputes)


def test_formulas_on_a_hand_computed_report() -> None:
    """Every indicator equals the hand-computed fraction."""
    ind = indicators(sample())

    assert ind.disclosure_rate == Fraction(8, 18)
    assert (ind.disclosed_share, ind.partly_disclosed_share, ind.withheld_share) == (
        Fraction(6, 18),
        Fraction(2, 18),
        Fraction(3, 18),
    )
    assert (ind.unable_share, ind.not_processed_share, ind.other_handling_share) == (
        Fraction(4, 18),
        Fraction(1, 18),
        Fraction(2, 18),
    )
    assert ind.review_correction_rate == Fraction(1, 4)  # 1 corrected of 6 − 2 pending
    assert ind.litigation_correction_rate == Fraction(2, 4)  # (1 + 1) of (2 + 7) − (0 + 5)
    assert ind.completion_rate == Fraction(18, 24)


def test_zero_and_blank_denominators_give_none() -> None:
    """With no requests or no decided cases, the indicators are None; a blank denominator too."""
    empty = gr.AnnualReport.blank("2019", organ="某某局", year=2020, fill=0)
    blank = gr.AnnualReport.blank("2021", organ="某某局", year=2022)
    pending_only = replace_cell(replace_cell(empty, "$.disputes.review.pending", 2), "$.disputes.review.total", 2)

    assert all(getattr(indicators(empty), n) is None for n in INDICATOR_NAMES)
    assert all(getattr(indicators(blank), n) is None for n in INDICATOR_NAMES)
    assert indicators(pending_only).review_correction_rate is None


def test_a_blank_part_counts_as_zero() -> None:
    """A blank cell among several counts as 0 in a quantity."""
    r = replace_cell(sample(), "$.requests.results.withheld.state_secret.total", None)

    assert indicators(r).withheld_share == Fraction(2, 18)


@settings(max_examples=30)
@given(reports())
def test_consistent_reports_have_shares_summing_to_one(report: gr.AnnualReport) -> None:
    """For a consistent report the six shares sum to 1 and every rate lies in [0, 1]."""
    ind = indicators(report)
    shares = [
        getattr(ind, f"{g}_share")
        for g in ("disclosed", "partly_disclosed", "withheld", "unable", "not_processed", "other_handling")
    ]

    if report.requests.results.total.total:
        assert sum(shares) == 1
    else:
        assert shares == [None] * 6
    for name in INDICATOR_NAMES:
        value = getattr(ind, name)
        assert value is None or 0 <= value <= 1, name


def test_render_text_json_csv() -> None:
    """Text shows percentages, JSON and CSV floats (empty where undefined), one row per report in order."""
    rows = indicators_table([sample(), gr.AnnualReport.blank("2021", organ="乙局", year=2023, fill=0)])

    text = render_indicators(rows)
    data = json.loads(render_indicators(rows, "json"))
    table = list(csv.DictReader(io.StringIO(render_indicators(rows, "csv"))))

    assert "44.4%" in text
    assert "75.0%" in text
    assert [d["organ"] for d in data] == ["某某局", "乙局"]
    assert data[0]["completion_rate"] == 0.75
    assert data[1]["completion_rate"] is None
    assert table[0]["review_correction_rate"] == "0.25"
    assert table[1]["disclosure_rate"] == ""
    with pytest.raises(OptionError):
        render_indicators(rows, "xml")  # type: ignore[arg-type]


def test_percent_rounds_half_up() -> None:
    """percent() rounds half-up, exactly."""
    assert percent(Fraction(1, 8), 1) == "12.5%"
    assert percent(Fraction(1, 16), 2) == "6.25%"
    assert percent(Fraction(1, 16), 1) == "6.3%"
    assert percent(Fraction(2, 3), 0) == "67%"


def test_not_a_report() -> None:
    """indicators() of something else raises OptionError."""
    with pytest.raises(OptionError):
        indicators({"organ": "x"})  # type: ignore[arg-type]
