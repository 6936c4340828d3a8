"""
Exact arithmetic on cell values: blank-aware sums, 元 ↔ 万元, and the exact context of ``aggregate`` and ``diff``.

The sums of cell values are written once here: :func:`number` (one cell, a blank
counting as 0), :func:`total` (a blank counting as 0) and :func:`total_or_blank`
(the same, except that cells blank in every place give a blank: a sum states no
number that no cell stated).  Ints stay ints; a Decimal makes the sum a Decimal,
added in the current decimal context (exact under :func:`exact`).

The conversions between 元 and 万元 are :func:`yuan_to_wan_yuan` and
:func:`wan_yuan_to_yuan` (1万元 = 10000元): a shift of the decimal point, exact.

Python's default decimal context rounds to 28 significant digits, silently.
Sums and differences of amounts are computed here in a context of
:data:`PRECISION` significant digits that traps every rounding: a result is
exact, or the computation is refused with
:class:`~govinfo_report.errors.InputLimitError` (``limit="amount_precision"``).
Real amounts have a dozen digits; only hostile or broken input (``1E+999999``)
comes near the limit.  Percentages are computed from exact fractions.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import ParamSpec, TypeVar, Union

from .errors import InputLimitError

PRECISION = 100
"""The significant digits of an amount, sum or difference that ``aggregate`` and ``diff`` compute exactly."""

_CONTEXT = decimal.Context(
    prec=PRECISION,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.Overflow, decimal.Inexact, decimal.Rounded, decimal.DivisionByZero],
)
_TRAPPED = (decimal.InvalidOperation, decimal.Overflow, decimal.Inexact, decimal.Rounded, decimal.DivisionByZero)

P = ParamSpec("P")
R = TypeVar("R")

Number = Union[int, Decimal]
CellValue = Union[int, Decimal, None]


def number(value: CellValue) -> Number:
    """A cell value for arithmetic: a blank (None) is 0."""
    return 0 if value is None else value


def total(values: Iterable[CellValue]) -> Number:
    """
    The sum of cell values, a blank (None) counting as 0 (no values, or only blanks: 0).

    >>> total([1, None, 2]), total([]), total([Decimal("0.1"), None, Decimal("0.2")])
    (3, 0, Decimal('0.3'))
    """
    given: Sequence[CellValue] = values if isinstance(values, (list, tuple)) else list(values)
    try:
        out: Number = sum(given)  # type: ignore[arg-type]  # the common case, in C: no blank
    except TypeError:  # a blank among them
        out = sum([x for x in given if x is not None])
    return out


def total_or_blank(values: Iterable[CellValue]) -> CellValue:
    """
    As :func:`total`, except that the sum is blank (None) when every value is blank, or none is given.

    >>> total_or_blank([1, None, 2]), total_or_blank([None, None]), total_or_blank([0, None])
    (3, None, 0)
    """
    given: Sequence[CellValue] = values if isinstance(values, (list, tuple)) else list(values)
    try:
        out: Number = sum(given)  # type: ignore[arg-type]  # the common case, in C: no blank
    except TypeError:  # a blank among them
        present = [x for x in given if x is not None]
        return sum(present) if present else None
    return out if given else None


def yuan_to_wan_yuan(amount: Number) -> Decimal:
    """
    An amount in 元 as 万元: the decimal point moved four places left, every digit kept (exact).

    >>> yuan_to_wan_yuan(12345), yuan_to_wan_yuan(Decimal("10000"))
    (Decimal('1.2345'), Decimal('1.0000'))
    """
    return Decimal(amount).scaleb(-4)


def wan_yuan_to_yuan(amount: Number, *, keep_places: bool = False) -> Decimal:
    """
    An amount in 万元 as 元: the decimal point moved four places right (exact).

    By default the significant digits are kept (``1.5`` → ``1.5E+4``), the form
    that ``aggregate`` and ``diff`` add to other amounts; with *keep_places* the
    decimal places the amount was written with are kept (``0.2`` → ``2000.0``,
    ``2`` → ``20000``), the form of a figure quoted from the prose.

    >>> wan_yuan_to_yuan(Decimal("1.5")), wan_yuan_to_yuan(Decimal("0.2"), keep_places=True)
    (Decimal('1.5E+4'), Decimal('2000.0'))
    """
    if keep_places:
        return Decimal(amount) * 10000
    return Decimal(amount).scaleb(4)


def exact(source: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run the decorated function in the exact context; a rounding becomes an InputLimitError naming *source*."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                with decimal.localcontext(_CONTEXT):
                    return fn(*args, **kwargs)
            except _TRAPPED:
                what = "the significant digits of an amount, sum or difference"
                raise InputLimitError(source, "amount_precision", None, PRECISION, what) from None

        return wrapper

    return decorate


def percent(change: int | Decimal, old: int | Decimal) -> Decimal:
    """``change / old × 100`` rounded half-up (away from zero) to two places, from exact fractions."""
    from fractions import Fraction  # here, not at import: only the comparisons of reports compute a percentage

    scaled = Fraction(change) * 10_000 / Fraction(old)
    magnitude = abs(scaled)
    q = int(magnitude + Fraction(1, 2))  # half-up on the magnitude: half away from zero
    digits = tuple(int(d) for d in str(q).rjust(3, "0"))
    return Decimal((1 if scaled < 0 and q else 0, digits, -2))
