"""Tests of cell records and their CSV / JSON Lines forms."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import attrs

import govinfo_report as gr

from .conftest import EXAMPLE_JSON


def _seed() -> gr.AnnualReport:
    return gr.from_json(EXAMPLE_JSON.read_text(encoding="utf-8"))


def test_one_record_per_cell_with_exact_keys() -> None:
    """Every cell gives one record with exactly the documented keys, in order."""
    report = _seed()
    records = gr.to_records(report)

    assert len(records) == len(gr.layout("2019").cells)
    assert all(tuple(r) == gr.RECORD_KEYS for r in records)
    assert gr.RECORD_KEYS == (
        "table", "row", "column", "row_key", "column_key", "value", "unit", "organ", "year", "edition")


def test_record_labels_and_values() -> None:
    """Records carry the official labels, the stable keys and the value as published."""
    by_key = {(r["row_key"], r["column_key"]): r for r in gr.to_records(_seed())}

    inquiry = by_key[("results.withheld.administrative_inquiry", "total")]
    assert (inquiry["table"], inquiry["row"], inquiry["column"], inquiry["value"]) == (
        "三", "（三）不予公开 / 8.属于行政查询事项", "总计", 0)
    assert by_key[("results.total", "natural_person")]["value"] is None
    assert by_key[("received", "commercial")]["column"] == "法人或其他组织 / 商业企业"
    assert by_key[("licensing", "previous_year")]["row"] == "第二十条第（五）项 / 行政许可"
    assert by_key[("procurement", "amount")]["value"] == "178"
    assert by_key[("suit_after_review", "upheld")]["row"] == "行政诉讼 / 复议后起诉"
    assert by_key[("received", "natural_person")] | {} == {
        "table": "三", "row": "一、本年新收政府信息公开申请数量", "column": "自然人",
        "row_key": "received", "column_key": "natural_person", "value": 30, "unit": None,
        "organ": "乌苏市文化体育广播电视和旅游局", "year": 2020, "edition": "2019"}


def test_jsonl_round_trips_values() -> None:
    """JSON Lines keeps ints, decimal strings and nulls; one object per line."""
    records = gr.to_records(_seed())
    lines = gr.records_to_jsonl(records).splitlines()

    assert [json.loads(line) for line in lines] == records
    assert "乌苏市" in lines[0]


def test_csv_has_header_and_empty_blanks() -> None:
    """CSV has the header row and writes a blank cell as an empty field, 0 as 0."""
    records = gr.to_records(_seed())
    rows = list(csv.DictReader(io.StringIO(gr.records_to_csv(records))))

    assert len(rows) == len(records)
    assert [r["value"] for r in rows] == ["" if r["value"] is None else str(r["value"]) for r in records]


def test_iter_records_over_many_reports() -> None:
    """iter_records chains the records of several reports."""
    a = _seed()
    b = gr.replace_cell(gr.AnnualReport.blank("2021", organ="乙局", year=2021, fill=0),
                        "$.proactive.administrative_fees.amount", Decimal("1.5"))
    records = list(gr.iter_records([a, b]))

    assert len(records) == len(gr.layout("2019").cells) + len(gr.layout("2021").cells)
    assert {r["organ"] for r in records} == {a.organ, "乙局"}
    assert [r["value"] for r in records if r["column_key"] == "amount" and r["organ"] == "乙局"] == ["1.5"]


def test_amounts_carry_their_unit_and_counts_none() -> None:
    """采购总金额 carries the unit the report used, 本年收费金额 万元, every count None."""
    seed = gr.to_records(_seed())  # 采购总金额 178 万元
    blank = gr.AnnualReport.blank("2019", organ="丙局", year=2020)
    procurement = gr.ProcurementCounts(projects=2, amount=Decimal("251000"), amount_unit=gr.AmountUnit.YUAN)
    in_yuan = gr.to_records(attrs.evolve(blank, proactive=attrs.evolve(blank.proactive, procurement=procurement)))
    no_unit = gr.to_records(gr.replace_cell(blank, "$.proactive.procurement.amount", Decimal("3.5")))
    fees = gr.to_records(gr.AnnualReport.blank("2021", organ="乙局", year=2021, fill=0))

    assert [(r["value"], r["unit"]) for r in seed if r["column_key"] == "amount"] == [("178", "万元")]
    assert [(r["value"], r["unit"]) for r in in_yuan if r["column_key"] == "amount"] == [("251000", "元")]
    assert [(r["value"], r["unit"]) for r in no_unit if r["column_key"] == "amount"] == [("3.5", None)]
    assert [(r["value"], r["unit"]) for r in fees if r["column_key"] == "amount"] == [("0", "万元")]
    assert {r["unit"] for r in seed + fees if r["column_key"] != "amount"} == {None}


def test_csv_unit_column_and_byte_order_mark() -> None:
    """CSV has the unit column; with bom=True it starts with U+FEFF, which UTF-8 writes as EF BB BF."""
    records = gr.to_records(_seed())
    plain = gr.records_to_csv(records)
    marked = gr.records_to_csv(records, bom=True)
    rows = list(csv.DictReader(io.StringIO(plain)))

    assert plain.splitlines()[0].split(",")[6] == "unit"
    assert [r["unit"] for r in rows if r["column_key"] == "amount"] == ["万元"]
    assert not plain.startswith("\ufeff")
    assert marked == "\ufeff" + plain
    assert marked.encode("utf-8")[:3] == b"\xef\xbb\xbf"
    assert marked.encode("utf-8").decode("utf-8-sig") == plain
