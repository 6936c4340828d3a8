"""
Exact decimal arithmetic for amounts (万元, 元) in ``aggregate`` and ``diff``.

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
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import ParamSpec, TypeVar

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
    scaled = Fraction(change) * 10_000 / Fraction(old)
    magnitude = abs(scaled)
    q = int(magnitude + Fraction(1, 2))  # half-up on the magnitude: half away from zero
    digits = tuple(int(d) for d in str(q).rjust(3, "0"))
    return Decimal((1 if scaled < 0 and q else 0, digits, -2))
