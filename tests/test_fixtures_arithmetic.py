"""
Every report fixture under tests/fixtures, read and checked: no arithmetic error unless it is listed here.

The fixtures are found by globbing, so a new one is covered as soon as it is added; one that breaks a
relation on purpose must be listed in :data:`BROKEN` with the codes it breaks.  PDF files are left to
tests/test_pdf.py, which compares each to the report it was printed from (the ``.json`` beside it, checked
here); reading the PDFs again would add seconds for nothing new.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.importers import parse
from govinfo_report.rules import CATALOGUE, Severity

FIXTURES = Path(__file__).parent / "fixtures"
SUFFIXES = (".txt", ".html", ".json", ".docx", ".xlsx")
FILES = sorted(str(p.relative_to(FIXTURES)) for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
ARITHMETIC = frozenset(r.code for r in CATALOGUE if r.group == "arithmetic")

_T3 = frozenset({"T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE"})
# The wusu report as published (examples/data/wusu-2020.json): its （三）8 row says 33 + 3 = 总计 0, a real
# report's own error, and its （七）总计 row is blank but for the 总计 column.
_WUSU = (_T3, frozenset({"T3-ROW-TOTAL"}))
# One 科研机构 cell spans the rows 二 and （一） (rowspan="2"): the reader leaves both blank rather than copy the
# figure, and the two rows' 总计 count it, so they differ only when a blank is read as 0.
_BLANK_RESEARCH = (frozenset({"T3-ROW-TOTAL"}), frozenset())

BROKEN: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # fixture: (arithmetic error codes when a blank counts as 0, the codes when blanks are not checked)
    "pdf/html-2019.json": _WUSU,
    "pdf/split-2019.json": _WUSU,
    "pdf/word-2019.json": _WUSU,
    "pdf/word-municipal-2019.json": _WUSU,
    # 总计 cells of 三 that read as blank (“3O”, “-1”, “无”), so the totals differ when a blank is read as 0
    "quirks/2021-quirks.txt": (_T3, frozenset()),
    "variants/2019-cms-page.html": _BLANK_RESEARCH,
    "variants/2019-markup.html": _BLANK_RESEARCH,
    "variants/2021-cms-page.html": _BLANK_RESEARCH,
    "variants/2021-markup.html": _BLANK_RESEARCH,
}


def _errors(findings: list[gr.Finding]) -> frozenset[str]:
    return frozenset(f.code for f in findings if f.code in ARITHMETIC and f.severity is Severity.ERROR)


def test_the_fixtures_are_found() -> None:
    """The glob finds the layout fixtures of both editions, and every listed fixture exists."""
    assert sum(name.startswith("layouts/") for name in FILES) >= 18
    assert set(BROKEN) <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_a_fixture_breaks_only_the_relations_it_is_listed_with(name: str) -> None:
    """check(parse(f)) has no arithmetic error for a consistent fixture; a listed one has exactly its codes."""
    result = parse(FIXTURES / name)
    assert result.report is not None
    zero, ignored = BROKEN.get(name, (frozenset(), frozenset()))

    assert _errors(gr.check(result, narrative=False)) == zero
    assert _errors(gr.check(result, blank="ignore", narrative=False)) == ignored
