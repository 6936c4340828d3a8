"""
The words of the findings: numbers, gaps and sums as the messages print them, in Chinese and English.

Part of :mod:`govinfo_report.checks`, which is the public face of these modules.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple, Union

if TYPE_CHECKING:
    pass


Number = Union[int, Decimal]
Lang = Literal["zh", "en"]

# ----------------------------------------------------------------------------
# Formatting helpers (messages)
# ----------------------------------------------------------------------------


def _fmt(value: object, lang: Lang) -> str:
    if value is None:
        return "空" if lang == "zh" else "blank"
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _gap(diff: Number, lang: Lang) -> str:
    if lang == "zh":
        return f"{'多' if diff > 0 else '少'} {abs(diff)}"
    return f"{abs(diff)} too {'many' if diff > 0 else 'few'}"


def _blank_note(blanks: bool, lang: Lang) -> str:
    if not blanks:
        return ""
    return "（空 按0计）" if lang == "zh" else " (blank counted as 0)"


class _Term(NamedTuple):
    """One term of an expression in a message: sign, label and value."""

    label: str
    value: object
    sign: int = 1


Terms = Sequence[tuple[str, object, int]]
"""The terms of an expression: :class:`_Term`, or plain ``(label, value, sign)`` tuples (cheaper to make)."""


def _expr(terms: Terms, lang: Lang, *, omit_zeros: bool = False) -> str:
    """``a 1 + b 空 − c 2``; with *omit_zeros*, 0 terms are summarised at the end."""
    shown = [t for t in terms if t[1] != 0] if omit_zeros else terms
    if not shown:
        return "各项均为 0" if lang == "zh" else "all parts 0"
    blank = "空" if lang == "zh" else "blank"
    parts = []
    for label, value, sign in shown:
        text = blank if value is None else str(value) if value.__class__ is int else _fmt(value, lang)
        parts.append(f"{'+' if sign > 0 else '−'} {label} {text}")
    out = " ".join(parts)
    out = out[2:] if shown[0][2] > 0 else "−" + out[2:]  # the first term has no operator, only its sign
    if len(shown) < len(terms):
        out += "，其余为 0" if lang == "zh" else "; the rest 0"
    return out


def _compare(
    where: str,
    stated_terms: Terms,
    stated: Number,
    expected: Number,
    expected_terms: Terms,
    lang: Lang,
    *,
    at_least: bool = False,
    blanks: bool = False,
    stated_word: str | None = None,
    expression: bool = False,
) -> str:
    """The message of a comparison: where, what is stated, what it should be, and the gap (*expression*: as a sum)."""
    omit = len(expected_terms) > 4
    diff = stated - expected
    if lang == "zh":
        verb = "应不少于" if at_least else "应为"
        word = stated_word or "填报"
        if len(stated_terms) == 1 and not expression:
            head = f"{where}：{word} {_fmt(stated_terms[0][1], 'zh')}"
            return (
                f"{head}，{verb} {expected}（{_expr(expected_terms, 'zh', omit_zeros=omit)}），"
                f"{_gap(diff, 'zh')}{_blank_note(blanks, 'zh')}"
            )
        return (
            f"{where}：{_expr(stated_terms, 'zh')} = {stated}，{verb} {_expr(expected_terms, 'zh', omit_zeros=omit)}"
            f" = {expected}，{_gap(diff, 'zh')}{_blank_note(blanks, 'zh')}"
        )
    verb = "expected at least" if at_least else "expected"
    word = stated_word or "stated"
    if len(stated_terms) == 1 and not expression:
        return (
            f"{where}: {word} {_fmt(stated_terms[0][1], 'en')}, {verb} {expected} "
            f"({_expr(expected_terms, 'en', omit_zeros=omit)}), {_gap(diff, 'en')}{_blank_note(blanks, 'en')}"
        )
    return (
        f"{where}: {_expr(stated_terms, 'en')} = {stated}, {verb} "
        f"{_expr(expected_terms, 'en', omit_zeros=omit)} = {expected}, {_gap(diff, 'en')}{_blank_note(blanks, 'en')}"
    )
