"""Every layout fixture (tests/fixtures/layouts) reads to the same figures, cell by cell, in both editions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.importers import parse

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"

Z = [0, 0, 0, 0, 0, 0, 0]

# The figures the fixtures print, written out by hand row by row in official order
# (tests/fixtures/make_fixtures.py prints them; this list is kept separately on purpose).
FIGURES: dict[str, list[list[object]]] = {
    "2019": [
        # 二
        [1, 1, 6], [4, 4, 37], [52, 3, 418], [17, -2, 96], [9, 0, 23], [2, 1, 0], [3, 0], [12, Decimal(251000)],
        # 三
        [41, 2, 0, 1, 0, 0, 44], [3, 0, 0, 0, 0, 0, 3],
        [20, 1, 0, 0, 0, 0, 21], [4, 0, 0, 1, 0, 0, 5],
        [1, 0, 0, 0, 0, 0, 1], Z, Z, [2, 0, 0, 0, 0, 0, 2], Z, Z, Z, Z,
        [8, 1, 0, 0, 0, 0, 9], [2, 0, 0, 0, 0, 0, 2], [1, 0, 0, 0, 0, 0, 1],
        [3, 0, 0, 0, 0, 0, 3], [1, 0, 0, 0, 0, 0, 1], Z, Z, Z,
        [1, 0, 0, 0, 0, 0, 1],
        [43, 2, 0, 1, 0, 0, 46], [1, 0, 0, 0, 0, 0, 1],
        # 四
        [2, 1, 0, 1, 4], [1, 0, 0, 0, 1], [0, 0, 0, 1, 1],
    ],
    "2021": [
        [0, 0, 3], [5, 2, 48], [1260], [87], [4], [Decimal("12.35")],
        [25, 3, 1, 0, 2, 1, 32], [2, 0, 0, 0, 0, 0, 2],
        [12, 2, 1, 0, 1, 0, 16], [3, 0, 0, 0, 0, 0, 3],
        Z, Z, Z, Z, Z, [1, 0, 0, 0, 0, 0, 1], Z, Z,
        [6, 1, 0, 0, 1, 1, 9], Z, Z,
        Z, [2, 0, 0, 0, 0, 0, 2], Z, Z, Z,
        [1, 0, 0, 0, 0, 0, 1], Z, Z,
        [25, 3, 1, 0, 2, 1, 32], [2, 0, 0, 0, 0, 0, 2],
        [1, 0, 0, 0, 1], [0, 0, 0, 0, 0], [0, 1, 0, 0, 1],
    ],
}
META = {"2019": ("青川县农业农村局", 2020), "2021": ("临河区市场监督管理局", 2022)}
NAMES = ["cell-per-line", "pipe", "pipe-broken", "bare-pipe", "alternate", "label-then-values", "blank-separated"]
FILES = [f"{e}-{n}.txt" for e in FIGURES for n in NAMES]
FILES += [f"{e}-{n}.html" for e in FIGURES for n in ("table", "escaped")]


@pytest.mark.parametrize("name", FILES)
def test_every_cell(name: str) -> None:
    """The fixture's every table cell has the printed value, with its type (int, or Decimal for amounts)."""
    edition = name[:4]
    result = parse(LAYOUTS / name)
    report = result.report
    assert report is not None
    expected = [x for row in FIGURES[edition] for x in row]

    got = [value for _, value in report.cells()]
    assert len(expected) == len(got)
    for (spec, value), want in zip(report.cells(), expected, strict=True):
        assert (spec.path, want, type(want)) == (spec.path, value, type(value))


@pytest.mark.parametrize("name", FILES)
def test_meta_and_narratives(name: str) -> None:
    """Organ, year and edition come out right, and the narratives with their subsections are read whole."""
    edition = name[:4]
    report = parse(LAYOUTS / name).report
    assert report is not None
    indent = "\u3000\u3000" if name.endswith(".html") else ""

    assert (report.meta.organ, report.meta.year, report.meta.edition.value) == (*META[edition], edition)
    assert [s.title for s in report.overview.subsections] == ["（一）主动公开", "（二）依申请公开"]
    assert report.overview.text.startswith(indent + "本年度，我局把政务公开")
    assert report.problems.text.endswith("丰富图解和视频解读。")
    assert report.other_matters.text == indent + "本年度未收取信息处理费。"


@pytest.mark.parametrize("name", FILES)
def test_only_expected_diagnostics(name: str) -> None:
    """A clean layout gives no warnings: only the unit written in 251000元 (2019) is noted."""
    result = parse(LAYOUTS / name)

    codes = set(result.codes)
    assert codes == ({"UNIT-IN-CELL"} if name.startswith("2019") else set())
    if name.startswith("2019"):
        assert result.report is not None
        assert result.report.proactive.procurement.amount_unit is gr.AmountUnit.YUAN  # type: ignore[union-attr]


def test_html_diagnostics_point_into_the_html() -> None:
    """In HTML, a diagnostic's line and column are those of the <td> element in the page."""
    path = LAYOUTS / "2019-table.html"
    lines = path.read_text(encoding="utf-8").split("\n")

    (unit,) = parse(path).diagnostics
    assert unit.line is not None
    assert unit.column is not None
    assert lines[unit.line - 1][unit.column - 1 :].startswith("<td")
    assert "251000元" in lines[unit.line - 1][unit.column - 1 :].split("</td>")[0]
