"""
The report under check (:class:`CheckContext`), the blank policy, and the one evaluation of an equation.

Part of :mod:`govinfo_report.checks`, which is the public face of these modules.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from attrs import frozen

from .._evaluator import clean, sides
from .._exact import number, total
from ..errors import OptionError
from ..findings import CellRef, Finding
from ..model import AnnualReport, Edition
from ..rules import (
    Equation,
    Relation,
    report_equations,
    rule,
)
from ..tables import (
    CellSpec,
    ReportLayout,
    cell_values,
    checked_cells,
    layout,
    single_row_mode,
    single_row_values,
)
from ._messages import Lang, Number

if TYPE_CHECKING:
    pass


class BlankPolicy(str, enum.Enum):
    """
    How :func:`check` treats blank cells.

    .. versionadded:: 0.1.0
    """

    ZERO = "zero"
    """A blank counts as 0 in the arithmetic; one BLANK-CELLS warning lists every blank cell (the default)."""
    STRICT = "strict"
    """As ZERO, but BLANK-CELLS is an error."""
    IGNORE = "ignore"
    """No BLANK-CELLS finding; a relation that uses a blank cell is not checked."""

    def __str__(self) -> str:
        return self.value


# ----------------------------------------------------------------------------
# The report under check
# ----------------------------------------------------------------------------


class CheckContext:
    """
    The report under check, as every check function sees it (the second argument of a check).

    Attributes:
        report: The report under check.
        policy: The blank-cell policy.
        edition: The report's edition.
        layout: Its layout (:func:`~govinfo_report.tables.layout`).
        previous: The previous year's report given to :func:`check`, or None.
        members: The member reports given to :func:`check` (empty when none were given).
        values: Every cell value the checks read, by path (:meth:`ref` gives one as a
            :class:`~govinfo_report.findings.CellRef`).

    :meth:`finding` builds a :class:`~govinfo_report.findings.Finding` located at a
    path, with the table and the Chinese labels of the cell filled in.

    A rule of one's own is a function of the report and this context
    (``check(report, extra_checks=[fn])``, see docs/howto-custom-rules.md):

    >>> from govinfo_report import AnnualReport, check, replace_cell
    >>> def many_reviews(report, context):
    ...     total = context.values["$.disputes.review.total"] or 0
    ...     if total > 10:
    ...         yield context.finding("MY-REVIEWS", "$.disputes.review.total", severity="warning",
    ...                               stated=total, message=f"行政复议 {total} 件", message_en=f"{total} reviews")
    >>> r = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
    >>> r = replace_cell(replace_cell(r, "$.disputes.review.upheld", 12), "$.disputes.review.total", 12)
    >>> [(f.code, f.row, f.column) for f in check(r, extra_checks=[many_reviews])][0]
    ('MY-REVIEWS', '行政复议', '总计')

    .. versionadded:: 0.2.0
    """

    def __init__(
        self,
        report: AnnualReport,
        policy: BlankPolicy,
        unread: Iterable[str] = (),
        *,
        previous: AnnualReport | None = None,
        members: Sequence[AnnualReport] | None = None,
        options: _Options | None = None,
    ) -> None:
        self.report = report
        self.policy = policy
        self.unread = frozenset(unread)
        self._skipped = 0
        self.previous = previous
        self.members: tuple[AnnualReport, ...] = tuple(members or ())
        self.given_members = members is not None
        self.options = options or _DEFAULT_OPTIONS
        self.edition = report.meta.edition
        self.layout: ReportLayout = layout(self.edition)
        self.single_row = single_row_mode(report)
        """How （六）其他处理 printed as one row counts (:func:`~govinfo_report.tables.single_row_mode`)."""
        self.cells = checked_cells(self.edition, self.single_row)
        """The cells the checks read: the layout's, or with （六）其他处理 printed as one row."""
        self.by_path = self.layout.by_path if self.single_row is None else {c.path: c for c in self.cells}
        self.clean = clean(report)
        self._refs: dict[str, CellRef] = {}
        """Every cell filled and every equation held (the fast path: then no arithmetic finding is built)."""

    @functools.cached_property
    def equations(self) -> tuple[Equation, ...]:
        """The in-report equations of the report (:func:`~govinfo_report.rules.report_equations`)."""
        return report_equations(self.report)

    @functools.cached_property
    def evaluated(self) -> list[_Evaluated]:
        """Every in-report equation evaluated (once; :attr:`skipped` counts those left out)."""
        return _evaluate(self)

    @property
    def skipped(self) -> int:
        """The in-report equations not evaluated because they need an unread cell."""
        self.evaluated  # noqa: B018 - evaluating them counts them
        return self._skipped

    @functools.cached_property
    def values(self) -> dict[str, Any]:
        values = cell_values(self.report)
        if self.single_row is not None:
            values.update(single_row_values(self.report))
        return values

    @functools.cached_property
    def order(self) -> dict[str, int]:
        """Each cell's place in the official order (the single row of （六） after its sub-rows)."""
        if self.single_row is None:
            return _cell_order(self.edition)
        return {spec.path: i for i, spec in enumerate(checked_cells(self.edition, "with-sub-rows"))}

    @functools.cached_property
    def table_en(self) -> dict[str, str]:
        return {t.table.zh: t.table.en for t in self.layout.tables}

    def spec(self, path: str) -> CellSpec:
        return self.by_path[path]

    def ref(self, path: str) -> CellRef:
        ref = self._refs.get(path)
        if ref is None:  # a CellRef is immutable: one per cell serves every finding and diagnosis
            ref = self._refs[path] = _cell_ref(self.by_path[path], self.values[path])
        return ref

    def location(self, spec: CellSpec, lang: Lang) -> str:
        if lang == "zh":
            return spec.location
        return f"{self.table_en[spec.table]} {spec.row_en} × {spec.column_en}"

    def finding(self, code: str, path: str, **kwargs: Any) -> Finding:
        """
        A finding of rule *code* located at *path* (a cell path or another path).

        *kwargs* are the other fields of :class:`~govinfo_report.findings.Finding`;
        *severity* defaults to the catalogue's (a code of the user's own needs one).
        """
        spec = self.by_path.get(path)
        where: dict[str, Any] = {}
        if spec is not None:
            where = {"table": spec.table, "row": spec.row, "column": spec.column}
        if "severity" not in kwargs:
            try:
                kwargs["severity"] = rule(code).severity
            except KeyError:
                raise OptionError(f"{code}: not a code of the catalogue; give the finding a severity") from None
        return Finding(code=code, path=path, **where, **kwargs)


_Context = CheckContext


@frozen
class _Options:
    """What check() was asked for beyond the report: the deadline and the advisory checks."""

    deadline: _dt.date | None = None
    plausibility: bool = False
    rule_making_power: bool | None = None
    narrative: bool = True


_DEFAULT_OPTIONS = _Options()
_options = functools.lru_cache(maxsize=64)(_Options)  # the options of a call, made once for each combination


_REF_FIELDS = ("path", "table", "row", "column", "value", "source")
assert tuple(a.name for a in attrs.fields(CellRef)) == _REF_FIELDS  # the setters below must cover every field
_new = object.__new__
_set_path, _set_table, _set_row, _set_column, _set_value, _set_source = (
    CellRef.__dict__[name].__set__ for name in _REF_FIELDS  # the slots' own setters: CellRef has no validators
)


def _cell_ref(spec: CellSpec, value: Any, source: str | None = None) -> CellRef:
    """The :class:`CellRef` of *spec*, made at half the cost of its ``__init__`` (a check makes dozens)."""
    ref = _new(CellRef)
    _set_path(ref, spec.path)
    _set_table(ref, spec.table)
    _set_row(ref, spec.row)
    _set_column(ref, spec.column)
    _set_value(ref, value)
    _set_source(ref, source)
    return ref


_num = number  # a cell value for arithmetic: a blank is 0
_total = total  # the sum of cell values, a blank counting as 0


def _holds(relation: Relation, stated: Number, expected: Number) -> bool:
    return stated == expected if relation is Relation.EQ else stated >= expected


def _balance(relation: Relation, left: Sequence[Any], right: Sequence[Any]) -> tuple[Number, Number, bool]:
    """
    The one evaluation of an arithmetic rule: Σ *left*, Σ *right* (a blank counting as 0), and whether it holds.

    Every equation goes through it: those within the report (:func:`_evaluate`, over the cells of
    :func:`~govinfo_report.rules.report_equations`) and those across reports (:func:`_evaluate_across`,
    over the weighted terms of :data:`~govinfo_report.rules.ACROSS` and the user's own).
    """
    stated, expected = _total(left), _total(right)
    return stated, expected, _holds(relation, stated, expected)


@functools.cache
def _cell_order(edition: Edition) -> dict[str, int]:
    return {spec.path: i for i, spec in enumerate(layout(edition).cells)}

class _Evaluated:
    """One equation evaluated on the report (made for every equation of every report that is not clean)."""

    __slots__ = ("blanks", "eq", "expected", "holds", "key", "stated")

    def __init__(
        self, eq: Equation, stated: Number, expected: Number, holds: bool, blanks: tuple[str, ...], key: str
    ) -> None:
        self.eq = eq
        self.stated = stated
        self.expected = expected
        self.holds = holds
        self.blanks = blanks
        self.key = key
        """The key of its finding: ``code@first stated path``."""

    def __repr__(self) -> str:
        return f"_Evaluated({self.key}, stated={self.stated!r}, expected={self.expected!r}, holds={self.holds})"


T = TypeVar("T")


def _per_equations(
    cache: dict[int, tuple[tuple[Equation, ...], T]],
    eqs: tuple[Equation, ...],
    build: Callable[[tuple[Equation, ...]], T],
) -> T:
    """
    ``build(eqs)``, remembered in *cache* for the tuple *eqs* itself (by identity: hashing 40 equations costs more).

    The tuples of :func:`~govinfo_report.rules.report_equations` are made once per
    edition and mode, so what is built from them is too.  The cache holds the tuple,
    so its id cannot be reused while it is there; it holds at most 64.
    """
    found = cache.get(id(eqs))
    if found is not None and found[0] is eqs:
        return found[1]
    built = build(eqs)
    if len(cache) < 64:
        cache[id(eqs)] = (eqs, built)
    return built


_KEYS: dict[int, tuple[tuple[Equation, ...], tuple[str, ...]]] = {}


def _keys(eqs: tuple[Equation, ...]) -> tuple[str, ...]:
    """The finding key of each equation, ``code@first stated path``."""
    return _per_equations(_KEYS, eqs, lambda eqs: tuple(f"{eq.code}@{eq.left[0]}" for eq in eqs))


def _evaluate(ctx: _Context) -> list[_Evaluated]:
    """
    Every equation of *ctx* with its two sides, from one generated function (:func:`~govinfo_report._evaluator.sides`).

    The sides are those of :func:`_balance`: each a sum from 0 in the order of its cells, a blank counting as 0.
    """
    values = ctx.values
    eqs = ctx.equations
    sums = sides(eqs)(values)
    blank = {p for p, x in values.items() if x is None}
    ignore = ctx.policy is BlankPolicy.IGNORE
    unread = ctx.unread
    out = []
    for i, (eq, key) in enumerate(zip(eqs, _keys(eqs), strict=True)):
        blanks: tuple[str, ...] = ()
        if blank and not blank.isdisjoint(eq.cells):
            blanks = tuple(p for p in eq.cells if p in blank)
            if ignore:
                continue
            if unread and not unread.isdisjoint(blanks):
                ctx._skipped += 1  # the importer could not read the table or row: not the report's fault
                continue
        stated, expected = sums[2 * i], sums[2 * i + 1]
        holds = stated == expected if eq.relation is Relation.EQ else stated >= expected
        out.append(_Evaluated(eq, stated, expected, holds, blanks, key))
    return out
