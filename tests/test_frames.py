"""Tests of to_dataframe(): one row per cell, ready for pivot tables (needs pandas)."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest

import govinfo_report as gr
from govinfo_report.errors import MissingDependencyError
from govinfo_report.export.frames import FRAME_COLUMNS, to_dataframe
from govinfo_report.export.records import to_records
from govinfo_report.tables import layout, replace_cell


def reports() -> list[gr.AnnualReport]:
    """A 2019 and a 2021 report with a blank, a zero and an amount."""
    a = gr.AnnualReport.blank("2019", organ="甲局", year=2020, fill=0, division_code="650000")
    a = replace_cell(a, "$.requests.received.natural_person", 7)
    a = replace_cell(a, "$.requests.received.research", None)
    b = gr.AnnualReport.blank("2021", organ="乙局", year=2023, fill=0)
    b = replace_cell(b, "$.requests.received.natural_person", 5)
    b = replace_cell(b, "$.proactive.administrative_fees.amount", Decimal("12.60"))
    return [a, b]


def test_one_row_per_cell_with_metadata() -> None:
    """The frame has one row per cell, the documented columns, and the records' labels in order."""
    pytest.importorskip("pandas")
    rs = reports()

    frame = to_dataframe(rs)
    records = [rec for r in rs for rec in to_records(r)]

    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert len(frame) == len(layout("2019").cells) + len(layout("2021").cells)
    assert list(frame["row"]) == [rec["row"] for rec in records]
    assert list(frame["column_key"]) == [rec["column_key"] for rec in records]
    assert set(frame.loc[frame["organ"] == "甲局", "division_code"]) == {"650000"}
    assert set(frame["scope"]) == {"organ"}


def test_blank_is_na_and_amounts_are_exact() -> None:
    """Counts are nullable Int64 (blank is NA, 0 stays 0); amounts stay exact Decimals with their unit."""
    pd = pytest.importorskip("pandas")

    frame = to_dataframe(reports())
    cell = frame.set_index(["organ", "path"])

    assert str(frame["value"].dtype) == "Int64"
    assert cell.loc[("甲局", "$.requests.received.research"), "value"] is pd.NA
    assert cell.loc[("甲局", "$.requests.received.commercial"), "value"] == 0
    assert cell.loc[("乙局", "$.proactive.administrative_fees.amount"), "amount"] == Decimal("12.60")
    assert cell.loc[("乙局", "$.proactive.administrative_fees.amount"), "unit"] == "万元"
    assert cell.loc[("乙局", "$.proactive.administrative_fees.amount"), "value"] is pd.NA


def test_pivot_sums_counts() -> None:
    """A pivot over organs sums the counts of 一、本年新收 per organ, skipping blanks."""
    pytest.importorskip("pandas")
    frame = to_dataframe(reports())

    received = frame[(frame["row_key"] == "received") & (frame["column_key"] != "total")]
    pivot = received.pivot_table(index="organ", values="value", aggfunc="sum")

    assert int(pivot.loc["甲局", "value"]) == 7
    assert int(pivot.loc["乙局", "value"]) == 5


def test_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_dataframe raises MissingDependencyError with the install command."""
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes "import pandas" raise ImportError

    with pytest.raises(MissingDependencyError, match=r"govinfo-report\[pandas\]"):
        to_dataframe(reports())
