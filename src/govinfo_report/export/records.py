"""
Records: every table cell of a report as one flat record, for data frames and spreadsheets.

A record is a dict with exactly these keys, in this order:

=============  ================================================================
``table``      ``"二"``, ``"三"`` or ``"四"``
``row``        the official row labels from the group down, joined by ``" / "``
               (``"（三）不予公开 / 1.属于国家秘密"``, ``"第二十条第（五）项 / 行政许可"``,
               ``"行政诉讼 / 复议后起诉"``, ``"一、本年新收政府信息公开申请数量"``)
``column``     the official column labels, joined the same way
               (``"自然人"``, ``"法人或其他组织 / 商业企业"``, ``"总计"``, ``"上一年项目数量"``)
``row_key``    stable English key of the row (``"results.withheld.state_secret"``)
``column_key`` stable English key of the column (``"natural_person"``)
``value``      an int, a decimal string for amounts, or None for a blank cell
``unit``       the unit of an amount: ``"万元"`` or ``"元"`` (None when the report gave
               none); None for a count
``organ``      the organ of the report
``year``       the report year
``edition``    ``"2019"`` or ``"2021"``
=============  ================================================================

A 2021-edition report that prints （六）其他处理 as one row
(:attr:`~govinfo_report.model.OtherHandling.single_row`) has seven more
records, after those of the three sub-rows: row ``"（六）其他处理（未分子行）"``,
row_key ``"results.other_handling.single_row"``.  Other reports' records are
unchanged.

The amount 采购总金额 of the 2019 edition is given in the unit the report used
(see ``ProcurementCounts.amount_unit``), which ``unit`` names; 本年收费金额 is in 万元.

CSV for Excel: ``records_to_csv(records, bom=True)`` starts the text with a
UTF-8 byte-order mark, without which Excel on a Chinese-language Windows reads
the file in the local code page and shows the labels garbled.

>>> from govinfo_report import AnnualReport
>>> r = AnnualReport.blank("2019", organ="某某局", year=2020, fill=0)
>>> rec = next(x for x in to_records(r) if x["row_key"] == "results.withheld.state_secret")
>>> rec["row"], rec["column"], rec["value"], rec["unit"]
('（三）不予公开 / 1.属于国家秘密', '自然人', 0, None)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from .. import vocab as v
from .._fields import Kind
from ..model import AnnualReport, Proactive2019
from ..tables import printed_cells

__all__ = ["BOM", "RECORD_KEYS", "amount_unit", "iter_records", "records_to_csv", "records_to_jsonl", "to_records"]

RECORD_KEYS: tuple[str, ...] = (
    "table", "row", "column", "row_key", "column_key", "value", "unit", "organ", "year", "edition",
)  # fmt: skip
"""The keys of a record, in order."""

BOM = "\ufeff"
"""The UTF-8 byte-order mark that tells Excel a CSV file is UTF-8."""


def amount_unit(report: AnnualReport, path: str) -> str | None:
    """
    The unit of the amount cell at *path*: ``"万元"``, ``"元"``, or None when the report gave none.

    本年收费金额 (2021) is in 万元 by its header; 采购总金额 (2019) is in the unit
    the report used (``ProcurementCounts.amount_unit``).

    .. versionadded:: 0.1.0
    """
    if path == "$.proactive.administrative_fees.amount":
        return v.WAN_YUAN.zh  # the 2021 template prints the unit: 本年收费金额（单位：万元）
    if isinstance(report.proactive, Proactive2019):
        unit = report.proactive.procurement.amount_unit
        return None if unit is None else unit.value
    return None  # pragma: no cover - the only amounts are the two above


def _records(report: AnnualReport) -> Iterator[dict[str, Any]]:
    meta = report.meta
    organ, year, edition = meta.organ, meta.year, meta.edition.value
    for spec, value in printed_cells(report):  # the layout's cells, and （六）其他处理（未分子行） if printed
        yield {
            "table": spec.table,
            "row": spec.row,
            "column": spec.column,
            "row_key": spec.row_key,
            "column_key": spec.column_key,
            "value": str(value) if isinstance(value, Decimal) else value,
            "unit": amount_unit(report, spec.path) if spec.kind is Kind.AMOUNT else None,
            "organ": organ,
            "year": year,
            "edition": edition,
        }


def to_records(report: AnnualReport) -> list[dict[str, Any]]:
    """
    Every table cell of *report* as a record, in official order (二, 三, 四; row by row).

    .. versionadded:: 0.1.0
    """
    return list(_records(report))


def iter_records(reports: Iterable[AnnualReport]) -> Iterator[dict[str, Any]]:
    """
    The records of many reports, one report after another.

    .. versionadded:: 0.1.0
    """
    for report in reports:
        yield from _records(report)


def records_to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    """
    Records as JSON Lines: one JSON object per line, Chinese unescaped.

    .. versionadded:: 0.1.0
    """
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def records_to_csv(records: Iterable[dict[str, Any]], *, neutralize: bool = True, bom: bool = False) -> str:
    """
    Records as CSV with a header row of :data:`RECORD_KEYS`; a blank cell is an empty field.

    A text field that a spreadsheet would run as a formula (it starts with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, e.g. an organ
    ``=HYPERLINK(...)``) is written with a leading apostrophe; numbers (a
    本年增/减 of -3 included) are written as they are.

    Args:
        records: The records.
        neutralize: False writes every text exactly as it is (for pipelines
            that do not open the file in a spreadsheet).
        bom: Start with a UTF-8 byte-order mark (:data:`BOM`), so that Excel
            opens the file as UTF-8 (without it, Excel on a Chinese-language
            Windows shows the labels garbled).  Write the text as UTF-8.

    >>> records_to_csv([], bom=True).startswith("\ufefftable,row,column")
    True

    .. versionadded:: 0.1.0
    """
    from .._csv import write_csv

    return write_csv(records, RECORD_KEYS, neutralize_text=neutralize, bom=bom)
