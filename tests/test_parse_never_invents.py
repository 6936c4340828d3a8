"""
Never a number the input does not show: every number the importer reads occurs in its input, for every
fixture, every real excerpt, and mangled copies of them (lines dropped, repeated, joined, swapped, numbers
inserted).  Only a 元 amount in a 万元 column is converted (exactly, with UNIT-CONVERTED).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report.errors import ParseError
from govinfo_report.importers import ParseResult, parse, parse_html, parse_text
from govinfo_report.importers._html import extract, to_text
from govinfo_report.tables import cell_values

from .conftest import SHARED

FIXTURES = Path(__file__).parent / "fixtures"
INPUTS = sorted(p for p in FIXTURES.glob("*/*.*") if p.suffix in (".txt", ".html"))
INPUTS += sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
_GROUPED = re.compile(r"\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def shown_numbers(text: str) -> set[Decimal]:
    """Every number the text shows, as it shows it (digit groups joined when written with separators)."""
    s = unicodedata.normalize("NFKC", text)
    found = {Decimal(m) for m in _NUMBER.findall(s)}
    found |= {Decimal(re.sub("[, ]", "", m)) for m in _GROUPED.findall(s)}
    return found


def assert_only_shown_numbers(result: ParseResult, text: str) -> None:
    assert result.report is not None
    converted = {d.path for d in result.diagnostics if d.code == "UNIT-CONVERTED"}
    shown = shown_numbers(text)
    invented = {
        path: value
        for path, value in cell_values(result.report).items()
        if value is not None and path not in converted and abs(Decimal(value)) not in shown
    }
    assert invented == {}


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_number_read_is_shown_by_the_input(path: Path) -> None:
    result = parse(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html" or "<table" in text:
        text = to_text(extract(text))[0]
    assert_only_shown_numbers(result, text)


_TEXTS = [p for p in INPUTS if p.suffix == ".txt"]


@st.composite
def mangled(draw: st.DrawFn) -> str:
    """One of the text inputs with a few lines dropped, repeated, joined, swapped or numbers inserted."""
    lines = draw(st.sampled_from(_TEXTS)).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if len(lines) < 3:
            break
        i = draw(st.integers(0, len(lines) - 2))
        op = draw(st.sampled_from(["drop", "repeat", "join", "swap", "numbers", "pipes"]))
        if op == "drop":
            del lines[i]
        elif op == "repeat":
            lines.insert(i, lines[i])
        elif op == "join":
            lines[i : i + 2] = [lines[i] + draw(st.sampled_from(["", " ", " | ", "\t"])) + lines[i + 1]]
        elif op == "swap":
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "numbers":
            numbers = draw(st.lists(st.integers(0, 99999), min_size=1, max_size=20))
            lines.insert(i, " ".join(map(str, numbers)))
        else:
            lines.insert(i, draw(st.sampled_from(["|", "||||", "| |", "|  |  |"])))
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=mangled())
def test_a_mangled_copy_never_gives_a_number_it_does_not_show(text: str) -> None:
    reader = parse_html if "<table" in text else parse_text
    try:
        result = reader(text)
    except ParseError:
        return
    if "<table" in text:
        text = to_text(extract(text))[0]
    assert_only_shown_numbers(result, text)
