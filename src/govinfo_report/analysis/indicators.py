"""
Indicators for analysts: rates and shares computed from the tables, with their formulas.

Every indicator is an exact :class:`~fractions.Fraction` (a ratio of two
counts, so nothing is lost to rounding; ``float(x)`` for analysis, and
:func:`percent` for display), or None when its denominator is 0 or blank.
Each quantity below is read from the 总计 column of table 三 or the 总计 cells
of table 四; a quantity made of several cells is blank only when all of them
are blank, otherwise a blank cell counts as 0 (as under ``check(blank="zero")``).

``disclosure_rate``
    (（一）予以公开 + （二）部分公开) / （七）总计.
``disclosed_share`` … ``other_handling_share``
    each outcome group's share of （七）总计: （一）予以公开, （二）部分公开,
    （三）不予公开 (its eight rows), （四）无法提供 (three rows), （五）不予处理
    (five rows), （六）其他处理 (one row in 2019, three in 2021, or the one row a 2021
    report printed without them: ``OtherHandling.single_row``).
``review_correction_rate``
    行政复议 结果纠正 / (总计 − 尚未审结).  The denominator counts only decided
    cases: pending cases have no result yet, and counting them would make the
    rate depend on how many cases happened to be open on 31 December.
``litigation_correction_rate``
    the same over both blocks of 行政诉讼 (未经复议直接起诉 and 复议后起诉):
    Σ 结果纠正 / Σ (总计 − 尚未审结).
``completion_rate``
    办结 / (一、本年新收 + 二、上年结转), where 办结 is （七）总计: every request
    with a result this year, whatever the result.  By the printed balance it
    equals 1 − 四、结转下年度继续办理 / (新收 + 结转).

When the input's arithmetic does not hold, the indicators are still computed
from the stated totals, but :attr:`Indicators.warnings` says so: one line per
error finding of table 三 or 四 (:func:`govinfo_report.check`), and a line when
the six outcome shares do not add up to 100%.

>>> from govinfo_report import AnnualReport, Requests
>>> r = AnnualReport.blank("2021", organ="某某局", year=2023, fill=0)
>>> import attrs
>>> r = attrs.evolve(r, requests=Requests.from_parts("2021", received={"natural_person": 10},
...     disclosed={"natural_person": 6}, partly_disclosed={"natural_person": 2}))
>>> ind = indicators(r)
>>> ind.disclosure_rate, percent(ind.disclosure_rate), ind.completion_rate
(Fraction(1, 1), '100.0%', Fraction(4, 5))
>>> ind.review_correction_rate is None
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs
from attrs import frozen

from .. import vocab as v
from .._crosswalk import other_handling_row
from .._exact import total_or_blank
from ..errors import OptionError
from ..model import AnnualReport
from ..tables import get_cell, layout

__all__ = [
    "INDICATOR_NAMES",
    "IndicatorTable",
    "Indicators",
    "indicators",
    "indicators_table",
    "percent",
    "render_indicators",
]

INDICATOR_NAMES: tuple[str, ...] = (
    "disclosure_rate",
    "disclosed_share",
    "partly_disclosed_share",
    "withheld_share",
    "unable_share",
    "not_processed_share",
    "other_handling_share",
    "review_correction_rate",
    "litigation_correction_rate",
    "completion_rate",
)
"""The indicators, in the order of :class:`Indicators` and of every table."""

_GROUPS = ("disclosed", "partly_disclosed", "withheld", "unable", "not_processed", "other_handling")


@frozen(kw_only=True)
class Indicators:
    """
    The indicators of one report (formulas in the module documentation); None where undefined.

    .. versionadded:: 0.1.0
    """

    organ: str | None
    year: int | None
    edition: str
    disclosure_rate: Fraction | None
    disclosed_share: Fraction | None
    partly_disclosed_share: Fraction | None
    withheld_share: Fraction | None
    unable_share: Fraction | None
    not_processed_share: Fraction | None
    other_handling_share: Fraction | None
    review_correction_rate: Fraction | None
    litigation_correction_rate: Fraction | None
    completion_rate: Fraction | None
    warnings: tuple[str, ...] = ()
    """
    Why the indicators may be wrong: the input's arithmetic errors (``CODE path: message``)
    and outcome shares that do not add up to 100%.  Empty for a consistent report.

    .. versionadded:: 0.2.0
    """

    def to_dict(self) -> dict[str, Any]:
        """
        ``organ``, ``year``, ``edition``, every indicator as a float (None where undefined), then ``warnings``.
        """
        out: dict[str, Any] = {"organ": self.organ, "year": self.year, "edition": self.edition}
        for name in INDICATOR_NAMES:
            value = getattr(self, name)
            out[name] = None if value is None else float(value)
        out["warnings"] = list(self.warnings)
        return out

    def _repr_html_(self) -> str:
        """A one-row table, as notebooks show it."""
        from .._display import indicators_html

        return indicators_html([self])


class IndicatorTable(list[Indicators]):
    """
    The indicators of many reports (a list), shown in a notebook as one HTML table.

    .. versionadded:: 0.2.0
    """

    def _repr_html_(self) -> str:
        from .._display import indicators_html

        return indicators_html(self)


def percent(value: Fraction | None, places: int = 1) -> str:
    """
    *value* as a percentage rounded half-up to *places* decimals, e.g. ``'66.7%'``; ``''`` for None.

    >>> percent(Fraction(2, 3)), percent(None), percent(Fraction(1, 8), 2)
    ('66.7%', '', '12.50%')

    .. versionadded:: 0.1.0
    """
    if value is None:
        return ""
    exact = Decimal(value.numerator * 100) / Decimal(value.denominator)
    return f"{exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)}%"


def _quantity(values: Iterable[int | Decimal | None]) -> int | None:
    """The sum of *values*: None when all are blank, else blanks count as 0."""
    summed = total_or_blank(values)
    return None if summed is None else int(summed)


def _ratio(numerator: int | None, denominator: int | None) -> Fraction | None:
    if numerator is None or not denominator or denominator < 0:
        return None
    return Fraction(numerator, denominator)


def _group_total(report: AnnualReport, group: str) -> int | None:
    if group == "other_handling":  # its row, sub-rows added, or the row a 2021 report printed without them
        total = other_handling_row(report)["total"]
        return None if total is None else int(total)
    lay = layout(report.meta.edition)
    prefix = f"$.requests.results.{group}"
    rows = [r for r in lay.table("三").rows if r.path == prefix or r.path.startswith(prefix + ".")]
    return _quantity(get_cell(report, f"{r.path}.total") for r in rows)


def _decided(report: AnnualReport, blocks: Sequence[str]) -> tuple[int | None, int | None]:
    corrected = _quantity(get_cell(report, f"$.disputes.{b}.corrected") for b in blocks)
    total = _quantity(get_cell(report, f"$.disputes.{b}.total") for b in blocks)
    pending = _quantity(get_cell(report, f"$.disputes.{b}.pending") for b in blocks)
    decided = None if total is None else total - (pending or 0)
    return corrected, decided


def indicators(report: AnnualReport) -> Indicators:
    """
    The indicators of *report*.

    Raises:
        OptionError: *report* is not an AnnualReport.

    .. versionadded:: 0.1.0
    """
    if not isinstance(report, AnnualReport):
        raise OptionError(f"report: expected an AnnualReport, got {type(report).__name__}")
    handled = _quantity([get_cell(report, "$.requests.results.total.total")])
    groups = {g: _group_total(report, g) for g in _GROUPS}
    disclosed = groups["disclosed"], groups["partly_disclosed"]
    incoming = _quantity(get_cell(report, f"$.requests.{row}.total") for row in ("received", "carried_in"))
    review = _decided(report, ("review",))
    litigation = _decided(report, ("direct_suit", "suit_after_review"))
    shares = {g: _ratio(groups[g], handled) for g in _GROUPS}
    return Indicators(
        organ=report.meta.organ,
        year=report.meta.year,
        edition=report.meta.edition.value,
        disclosure_rate=_ratio(_quantity(disclosed), handled),
        **{f"{g}_share": shares[g] for g in _GROUPS},
        review_correction_rate=_ratio(*review),
        litigation_correction_rate=_ratio(*litigation),
        completion_rate=_ratio(handled, incoming),
        warnings=_input_warnings(report, shares),
    )


def _input_warnings(report: AnnualReport, shares: dict[str, Fraction | None]) -> tuple[str, ...]:
    """The arithmetic errors of tables 三 and 四 that the indicators are computed from, and a share sum ≠ 100%."""
    from ..checks import check

    out = [
        f"{f.code} {f.path}: {f.message}"
        for f in check(report, narrative=False)
        if f.is_error and (f.table in ("三", "四"))
    ]
    known = [x for x in shares.values() if x is not None]
    if known and sum(known) != 1:
        total = get_cell(report, "$.requests.results.total.total")
        out.append(
            f"各办理结果占{v.RESULTS_TOTAL.zh}（{total}）的比例之和为 {percent(sum(known, Fraction(0)))}，应为 100%"
            f" / the outcome shares add up to {percent(sum(known, Fraction(0)))}, not 100%"
        )
    return tuple(out)


def indicators_table(reports: Iterable[AnnualReport]) -> IndicatorTable:
    """
    The indicators of many reports, in input order (a list that a notebook shows as a table).

    Render them with :func:`render_indicators`.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       An :class:`IndicatorTable`, a list.
    """
    return IndicatorTable(indicators(r) for r in reports)


def render_indicators(
    rows: Iterable[Indicators],
    format: Literal["text", "json", "csv"] = "text",
    *,
    bom: bool = False,
    neutralize: bool = True,
) -> str:
    """
    Indicators as a text table (percentages to one decimal), JSON or CSV (floats).

    JSON is a list of :meth:`Indicators.to_dict` objects; CSV has the same
    columns, with an empty field where an indicator is undefined.  With *bom*
    the CSV starts with a UTF-8 byte-order mark, so that Excel opens it as UTF-8.
    An organ that a spreadsheet would run as a formula is written with a
    leading apostrophe unless *neutralize* is False (see
    :func:`govinfo_report.export.records.records_to_csv`).

    Raises:
        OptionError: An unknown *format*.

    .. versionadded:: 0.1.0
    """
    items = list(rows)
    names = [a.name for a in attrs.fields(Indicators)]  # warnings last: a column of CSV, notes under the text
    if format == "json":
        return json.dumps([r.to_dict() for r in items], ensure_ascii=False, indent=2)
    if format == "csv":
        from .._csv import write_csv

        csv_rows: list[dict[str, Any]] = []
        for r in items:
            row = r.to_dict()
            row["warnings"] = "; ".join(row["warnings"])
            csv_rows.append(row)
        # floats are written as repr() writes them; only text can be neutralised
        return write_csv(csv_rows, names, neutralize_text=neutralize, bom=bom)
    if format != "text":
        raise OptionError(f"unknown format {format!r}; expected 'text', 'json' or 'csv'")
    from tabulate import tabulate  # imported here: only drawing a table needs it

    table = [
        [r.organ or v.UNKNOWN_ORGAN.zh, "" if r.year is None else str(r.year)]
        + [percent(getattr(r, n)) for n in INDICATOR_NAMES]
        for r in items
    ]
    headers = ["organ", "year", *INDICATOR_NAMES]
    from ..render.text import terminal_safe

    out: str = tabulate(table, headers=headers, tablefmt="simple", disable_numparse=True)
    notes = [
        f"注 / warning: {r.organ or v.UNKNOWN_ORGAN.zh} {'' if r.year is None else r.year}: {w}"
        for r in items
        for w in r.warnings
    ]
    return terminal_safe("\n".join([out, *notes]) if notes else out)
