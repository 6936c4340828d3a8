"""
Normalisation of labels and cells before matching: one key per label, whatever the copy did to it.

Published copies of a report spell the same label in many ways (format-spec §6):
full-width or half-width punctuation (``（一）`` / ``(一)``), spaces inside labels
(``自 然 人``, ``商业 企业``), traditional characters on mirrors (``主動公開``,
``萬元``), zh-TW vocabulary (``檔案`` for 文件), pinyin inserted by spam mirrors
(``公(gong)開(kai)``) and full-width digits.  :func:`label_key` maps all of them
to one key: NFKC, traditional → simplified for the characters that occur in
labels, zh-TW words → mainland words, pinyin runs removed, and then only letters,
digits and ideographs kept (punctuation and whitespace dropped), so that
``“（二）部分公开(区分处理的,只计…)”`` and the official label meet.

:func:`read_cell` reads one table cell: a count, a signed count (本年增/减) or an
amount, with its unit and the diagnostic it deserves.  It never guesses: what it
cannot read exactly it reports as unreadable.

>>> a = label_key("（二）部分公开(区分处理的,只计这一情形,不计其他情形)")
>>> a == label_key("(二) 部分公开（区分处理的，只计这一情形，不计其他情形）")
True
>>> label_key("行政規範性檔案"), label_key("自 然 人"), label_key("公(gong)開(kai)")
('行政规范性文件', '自然人', '公开')
>>> read_cell("178万", "amount")
CellReading(value=Decimal('178'), unit=<AmountUnit.WAN_YUAN: '万元'>, code='UNIT-IN-CELL', note='万')
>>> read_cell("减4", "signed").value, read_cell("０", "count").value
(-4, 0)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from .. import vocab as v
from .._exact import yuan_to_wan_yuan
from .._fields import CELL_KINDS_BY_NAME
from ..model import AmountUnit

__all__ = [
    "CELL_BREAK",
    "CellReading",
    "is_value_text",
    "join_cell_lines",
    "label_key",
    "looks_like_number",
    "read_cell",
    "strip_numbering",
    "to_simplified",
]

from .._chinese import T2S as _T2S
from .._chinese import label_key, to_simplified

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})(?=\D)")


def strip_numbering(key: str) -> str:
    """
    A label key without its leading numbering (``一``, ``3``), or the key itself.

    >>> strip_numbering("1属于国家秘密"), strip_numbering("一予以公开"), strip_numbering("规章")
    ('属于国家秘密', '予以公开', '规章')
    """
    return _NUMBERING.sub("", key, count=1)


@functools.lru_cache(maxsize=1024)
def char_key_length(char: str) -> int:
    """How many key characters one printed character contributes (0 for punctuation and spaces)."""
    return len(label_key(char))


# ----------------------------------------------------------------------------
# Cells
# ----------------------------------------------------------------------------


def _alternatives(term: v.Term) -> tuple[str, ...]:
    return (term.zh, *term.variants)


_NA = frozenset(unicodedata.normalize("NFKC", t).translate(_T2S) for t in _alternatives(v.NOT_APPLICABLE))
_WAN = tuple(sorted({to_simplified(unicodedata.normalize("NFKC", t)) for t in _alternatives(v.WAN_YUAN)}, key=len))
_YUAN = v.YUAN.zh
_COUNT_UNITS = "|".join(re.escape(u) for u in _alternatives(v.COUNT_UNIT))
_UNITS = "|".join(re.escape(u) for u in sorted({*_WAN, _YUAN}, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?P<sign>[+\-]|{re.escape(v.INCREASE.zh)}|{re.escape(v.DECREASE.zh)})?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?P<frac>\.\d+)?(?P<exp>[eE][+\-]?\d{1,3})?\s*"
    rf"(?P<unit>{_UNITS}|{_COUNT_UNITS})?"
)


class CellReading(NamedTuple):
    """
    What one cell says.

    Attributes:
        value: The number, or None for a blank, not-applicable or unreadable cell.
        unit: The amount unit written in the cell (amounts only), or None.
        code: The diagnostic code the cell deserves (``NOT-APPLICABLE``,
            ``UNIT-IN-CELL``, ``DIGIT-GROUPS``, ``UNREADABLE-CELL``), or None.
        note: What the diagnostic quotes: the unit, the mark, or the text that was not understood.
    """

    value: int | Decimal | None
    unit: AmountUnit | None = None
    code: str | None = None
    note: str = ""


def _clean(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_T2S)
    return text.strip()


# What a page shows that only looks like a number: superscripts and subscripts (5², 25¹), circled or enclosed
# digits (①, ⑩, ⒈), Roman numerals, digits of other scripts, struck-through text (U+0336 overlays, written by
# the HTML reader for <del>, <s>, <strike>), hidden text (the HTML reader's HIDDEN mark), and Chinese numerals.
HIDDEN_OPEN, HIDDEN_CLOSE = "⁅", "⁆"
STRIKE = "\u0336"
# A line break inside one cell (``<br>``, two paragraphs, a wrapped PDF or Excel cell) between two digits: the
# readers keep it as U+2028 LINE SEPARATOR, so that ``100`` over ``100`` is never read as one number 100100.
CELL_BREAK = "\u2028"
_BROKEN_DIGITS = re.compile(r"\d\s*\u2028\s*\d")
_CELL_BREAK_AT = re.compile(r"[ \t\n\r\f]*\u2028[ \t\n\r\f\u2028]*")
_CN_NUMERALS = re.compile(r"[〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟]+[件个项]?")
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _lookalike_digit(c: str) -> bool:
    if "0" <= c <= "9" or "０" <= c <= "９":
        return False
    return unicodedata.category(c) in ("Nd", "No", "Nl")


def join_cell_lines(text: str) -> str:
    """
    The text of one cell whose line breaks are written :data:`CELL_BREAK`, as one line.

    A break between two digits stays (the cell shows two numbers, which is unreadable, never one
    number); every other break is one space.

    >>> join_cell_lines("100\\u2028 100"), join_cell_lines("行政\\u2028复议"), join_cell_lines("12\\u2028件")
    ('100\\u2028100', '行政 复议', '12 件')
    """
    if CELL_BREAK not in text:
        return text
    parts = _CELL_BREAK_AT.split(text)
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if not out:
            out = part
            continue
        out += CELL_BREAK if out[-1].isdigit() and part[0].isdigit() else " "
        out += part
    return out


@functools.lru_cache(maxsize=8192)
def looks_like_number(text: str) -> bool:
    """
    True when *text* resembles a number without being one that can be read: ``5²``, ``①``, ``一百二十``,
    struck-through or hidden text.

    Such a cell is a value of the table (it takes its column), but its value is unreadable: blank, never the
    number it resembles.

    >>> looks_like_number("5²"), looks_like_number("⑩"), looks_like_number("一百二十"), looks_like_number("52")
    (True, True, True, False)
    """
    s = text.strip()
    if not s or s.isascii():
        return False
    if s.startswith(HIDDEN_OPEN) or STRIKE in s:
        return True
    if CELL_BREAK in s and _BROKEN_DIGITS.search(s):
        return True  # two numbers on two lines of one cell
    if _CN_NUMERALS.fullmatch(s):
        return True
    if any(_lookalike_digit(c) for c in s):
        return len(_IDEOGRAPH.findall(s)) < 2
    return False


@functools.lru_cache(maxsize=8192)
def is_value_text(text: str) -> bool:
    """
    True when *text* reads as a cell value: blank, a not-applicable mark, or a number with an optional sign and unit.

    Text that only resembles a number (:func:`looks_like_number`) is a cell value too, that
    :func:`read_cell` reports as unreadable.

    >>> is_value_text(" 0\\xa0"), is_value_text("178万"), is_value_text("—"), is_value_text("规章")
    (True, True, True, False)
    """
    if looks_like_number(text):
        return True
    s = _clean(text)
    return not s or s in _NA or _NUMBER.fullmatch(s) is not None


@functools.lru_cache(maxsize=8192)
def read_cell(text: str, kind: str, *, fixed_unit: AmountUnit | None = None) -> CellReading:
    """
    Read one cell as printed.

    Args:
        text: The cell as printed.
        kind: ``"count"``, ``"signed"`` (本年增/减) or ``"amount"``: a :attr:`CellKind.name
            <govinfo_report._fields.CellKind.name>`, whose type, sign and bound the reading follows.
        fixed_unit: For an amount whose unit the table header prints (万元), that unit:
            a cell in 元 is converted exactly, and the reading carries no unit.

    Returns:
        The reading.  A blank cell is ``CellReading(None)`` with no code.

    .. versionadded:: 0.1.0
    """
    if looks_like_number(text):
        return CellReading(None, code="UNREADABLE-CELL", note=text.strip())
    s = _clean(text)
    if not s:
        return CellReading(None)
    if s in _NA:
        return CellReading(None, code="NOT-APPLICABLE", note=s)
    m = _NUMBER.fullmatch(s)
    if m is None:
        return CellReading(None, code="UNREADABLE-CELL", note=s)
    sign, num, frac, exp, unit = m.group("sign", "num", "frac", "exp", "unit")
    negative = sign in ("-", v.DECREASE.zh)
    digits = num.replace(",", "").replace(" ", "")
    grouped = len(digits) != len(num)
    spec = CELL_KINDS_BY_NAME[kind]
    if spec.python_type is int:
        if frac or exp or (unit and unit not in _alternatives(v.COUNT_UNIT)):
            return CellReading(None, code="UNREADABLE-CELL", note=s)
        if negative and not spec.signed:
            return CellReading(None, code="UNREADABLE-CELL", note=s)
        n = int(digits)
        value = -n if negative else n
        if not spec.in_bounds(value):  # more digits than any report: the JSON form could not hold it
            return CellReading(None, code="UNREADABLE-CELL", note=s)
        if unit:
            return CellReading(value, code="UNIT-IN-CELL", note=unit)
        return CellReading(value, code="DIGIT-GROUPS" if grouped else None, note=text.strip() if grouped else "")
    if negative or (unit and unit in _alternatives(v.COUNT_UNIT)):
        return CellReading(None, code="UNREADABLE-CELL", note=s)
    try:
        amount = Decimal(digits + (frac or "") + (exp or ""))
    except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
        return CellReading(None, code="UNREADABLE-CELL", note=s)
    if not amount.is_finite():  # pragma: no cover
        return CellReading(None, code="UNREADABLE-CELL", note=s)
    written: AmountUnit | None = None
    if unit:
        written = AmountUnit.YUAN if unit == _YUAN else AmountUnit.WAN_YUAN
    if fixed_unit is None:
        if grouped and not unit:
            return CellReading(amount, None, "DIGIT-GROUPS", text.strip())
        return CellReading(amount, written, "UNIT-IN-CELL" if unit else None, unit or "")
    if written is None or written is fixed_unit:
        if grouped and not unit:
            return CellReading(amount, None, "DIGIT-GROUPS", text.strip())
        return CellReading(amount, None, "UNIT-IN-CELL" if unit else None, unit or "")
    # 元 in a 万元 column: convert exactly (no rounding), and say so.
    converted = yuan_to_wan_yuan(amount)
    converted = converted.quantize(Decimal(1)) if converted == converted.to_integral_value() else converted.normalize()
    return CellReading(converted, None, "UNIT-CONVERTED", unit)
