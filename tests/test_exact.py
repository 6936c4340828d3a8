"""The blank-aware sums and the 元 ↔ 万元 conversions of govinfo_report._exact, against Fraction arithmetic."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from govinfo_report._exact import exact, number, total, total_or_blank, wan_yuan_to_yuan, yuan_to_wan_yuan

# amounts as a report states them: up to 20 significant digits, up to 6 decimal places
_DECIMALS = st.builds(
    lambda digits, places: Decimal(digits).scaleb(-places),
    st.integers(min_value=-(10**20) + 1, max_value=10**20 - 1),
    st.integers(min_value=0, max_value=6),
)
_CELLS = st.lists(st.one_of(st.none(), st.integers(min_value=-(10**30), max_value=10**30), _DECIMALS), max_size=12)


def _oracle(values: list[int | Decimal | None]) -> Fraction:
    """The exact sum, blanks left out, in rational arithmetic."""
    return sum((Fraction(x) for x in values if x is not None), Fraction(0))


@exact("test")
def _exactly(fn: object, *args: object) -> object:
    return fn(*args)  # type: ignore[operator]


@given(_CELLS)
def test_total_is_the_exact_sum_with_blanks_as_zero(values: list[int | Decimal | None]) -> None:
    """total() equals the rational sum of the stated values; ints alone stay an int."""
    result = _exactly(total, values)

    assert Fraction(result) == _oracle(values)  # type: ignore[arg-type]
    if all(isinstance(x, int) for x in values if x is not None):
        assert type(result) is int


@given(_CELLS)
def test_total_or_blank_is_blank_only_when_nothing_is_stated(values: list[int | Decimal | None]) -> None:
    """total_or_blank() is None exactly when no value is stated, else the rational sum."""
    result = _exactly(total_or_blank, values)

    if all(x is None for x in values):
        assert result is None
    else:
        assert Fraction(result) == _oracle(values)  # type: ignore[arg-type]


@given(_CELLS)
def test_the_sums_read_any_iterable(values: list[int | Decimal | None]) -> None:
    """A generator gives the same sums as a list (it is read once)."""
    with decimal.localcontext(decimal.Context(prec=100)):
        assert total(iter(values)) == total(values)
        assert total_or_blank(x for x in values) == total_or_blank(tuple(values))


@given(st.one_of(st.none(), st.integers(), _DECIMALS))
def test_number_is_the_value_or_zero(value: int | Decimal | None) -> None:
    """number() is 0 for a blank and the value itself otherwise."""
    assert number(value) == (0 if value is None else value)
    assert number(value) is value or value is None


@given(st.one_of(st.integers(min_value=-(10**20), max_value=10**20), _DECIMALS))
def test_the_conversions_are_exact_and_inverse(amount: int | Decimal) -> None:
    """元 → 万元 divides by 10000 and 万元 → 元 multiplies by 10000, exactly, in both forms; each undoes the other."""
    wan = yuan_to_wan_yuan(amount)
    yuan = wan_yuan_to_yuan(amount)
    written = wan_yuan_to_yuan(amount, keep_places=True)

    assert Fraction(wan) == Fraction(amount) / 10000
    assert Fraction(yuan) == Fraction(amount) * 10000
    assert Fraction(written) == Fraction(amount) * 10000
    assert written.as_tuple().exponent == Decimal(amount).as_tuple().exponent  # the places as written
    assert len(yuan.as_tuple().digits) == len(Decimal(amount).as_tuple().digits)  # the digits kept
    assert wan_yuan_to_yuan(yuan_to_wan_yuan(amount)) == amount


def test_the_documented_forms() -> None:
    """12345元 is 1.2345万元; 0.2万元 quoted from the prose is 2000.0元."""
    assert str(yuan_to_wan_yuan(12345)) == "1.2345"
    assert str(wan_yuan_to_yuan(Decimal("0.2"), keep_places=True)) == "2000.0"
    assert str(wan_yuan_to_yuan(Decimal("178"))) == "1.78E+6"
