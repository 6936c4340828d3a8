"""The quirk fixtures: mirrors with traditional characters, provincial rows, units, signs, N/A marks, flipbooks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import govinfo_report as gr
from govinfo_report.importers import ExtraRow, parse

QUIRKS = Path(__file__).parent / "fixtures" / "quirks"

Z = [0, 0, 0, 0, 0, 0, 0]
N = None


def _assert_cells(report: gr.AnnualReport | None, rows: list[list[object]]) -> None:
    assert report is not None
    expected = [x for row in rows for x in row]
    got = list(report.cells())
    assert len(expected) == len(got)
    for (spec, value), want in zip(got, expected, strict=True):
        assert (spec.path, want, type(want)) == (spec.path, value, type(value))


def test_mirror_2019_cells() -> None:
    """A traditional-character Hubei-style mirror: signs, 减4, “-”, 86.5萬元 and a flipbook table 四 read exactly."""
    result = parse(QUIRKS / "2019-mirror.txt")

    _assert_cells(
        result.report,
        [
            [0, 0, 0], [3, 3, 21], [132, 1036, 2205], [45, -4, 380], [18, -8, 57], [4, 4, N], [2, 0],
            [6, Decimal("86.5")],
            [12, 1, 0, 0, 0, 0, 13], Z, [8, 1, 0, 0, 0, 0, 9], [1, 0, 0, 0, 0, 0, 1],
            Z, Z, Z, Z, Z, Z, Z, Z,
            [2, 0, 0, 0, 0, 0, 2], Z, Z,
            [1, 0, 0, 0, 0, 0, 1], Z, Z, Z, Z,
            Z, [12, 1, 0, 0, 0, 0, 13], Z,
            [1, 0, 0, 0, 1], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0],
        ],
    )
    assert result.report is not None
    assert result.report.proactive.procurement.amount_unit is gr.AmountUnit.WAN_YUAN  # type: ignore[union-attr]


def test_mirror_2019_meta_and_narratives() -> None:
    """Title “2020年度…”, zh-TW 資訊, heading variants and the glued 六 are recognised; text stays as printed."""
    report = parse(QUIRKS / "2019-mirror.txt").report
    assert report is not None

    assert (report.meta.organ, report.meta.year, report.meta.edition) == ("孝南區衛生健康局", 2020, gr.Edition.E2019)
    assert [s.title for s in report.overview.subsections] == ["（一）主動公開", "（二）依申請公開"]
    problems = "\u3000\u3000部分科室對公開工作重視不夠，資訊報送不及時。下一步將加強考核通報，持續改進。"
    assert report.problems.text == problems
    assert report.other_matters.text == "\u3000\u3000本年度未收取資訊處理費。"


def test_mirror_2019_diagnostics_and_extra_row() -> None:
    """The Hubei row is kept apart, notes inside labels are noted, and the junk line before the title is reported."""
    result = parse(QUIRKS / "2019-mirror.txt")

    assert result.extra_rows == (ExtraRow("二", "其他主動公開檔案", ("15", "15", "160"), 14),)
    codes = result.codes
    assert codes.count("LABEL-NOTE") == 4
    assert codes.count("EXTRA-ROW") == 1
    assert codes.count("NOT-APPLICABLE") == 1
    assert codes.count("GLUED-HEADING") == 1
    assert codes[0] == "IGNORED-TEXT"
    assert result.diagnostics[0].line == 1
    assert "SECTION-MISSING" not in codes
    assert "EDITION-FROM-HEADERS" not in codes
    assert not {"UNREADABLE-CELL", "SHORT-ROW", "TABLE-TRUNCATED", "ROW-MISSING"} & set(codes)


def test_quirks_2021_cells() -> None:
    """Full-width digits, 2,315, 64件, “/”, “—”, “无”, “3O” and a negative total read as the brief requires."""
    result = parse(QUIRKS / "2021-quirks.txt")

    _assert_cells(
        result.report,
        [
            [0, 0, 2], [3, 1, 26], [2315], [64], [N], [Decimal("3.6")],
            [19, 2, 0, 0, 1, 0, 22], [1, 0, 0, 0, 0, 0, 1],
            [9, 1, 0, 0, 1, 0, 11], [2, 0, 0, 0, 0, 0, 2],
            Z, Z, Z, [1, 0, 0, 0, 0, 0, 1], Z, Z, Z, Z,
            [5, 1, N, 0, 0, 0, 6], Z, Z,
            Z, [1, 0, 0, 0, 0, 0, 1], Z, Z, Z,
            [1, 0, 0, 0, 0, 0, 1], Z, [0, 0, 0, 0, 0, 0, N],
            [19, 2, 0, 0, 1, 0, N], [1, 0, 0, 0, 0, 0, N],
            [0, 1, 0, 0, 1], [0, 0, 0, 0, 0], [0, 0, 0, 1, 1],
        ],
    )


def test_quirks_2021_diagnostics_name_the_cells() -> None:
    """Each unusual cell gets its own diagnostic, at its place, naming the cell by path and by its Chinese labels."""
    result = parse(QUIRKS / "2021-quirks.txt")
    by_path = {d.path: d for d in result.diagnostics if d.path}

    assert by_path["$.proactive.penalties.decisions"].code == "UNIT-IN-CELL"
    assert by_path["$.proactive.enforcement.decisions"].code == "NOT-APPLICABLE"
    assert by_path["$.proactive.administrative_fees.amount"].code == "UNIT-IN-CELL"
    assert by_path["$.requests.results.unable.not_held.research"].code == "NOT-APPLICABLE"
    assert by_path["$.requests.results.other_handling.other.total"].code == "NOT-APPLICABLE"
    unreadable = by_path["$.requests.results.total.total"]
    assert unreadable.code == "UNREADABLE-CELL"
    assert "“3O”" in unreadable.message
    assert "（七）总计" in unreadable.message
    assert "总计" in unreadable.message
    negative = by_path["$.requests.carried_forward.total"]
    assert negative.code == "UNREADABLE-CELL"
    assert "“-1”" in negative.message
    stray = result.by_code("STRAY-TEXT")
    assert len(stray) == 1
    assert "“1”" in stray[0].message
    assert "1.信访举报投诉类申请" in stray[0].message
    assert by_path["$.proactive.licensing.decisions"].code == "DIGIT-GROUPS"
    assert len(result.diagnostics) == 9


def test_quirks_2021_meta_and_narratives() -> None:
    """Title pattern “…2023年政府信息…”, numbered 1、 subsections, and “一是…” paragraphs that are not headings."""
    report = parse(QUIRKS / "2021-quirks.txt").report
    assert report is not None

    assert (report.meta.organ, report.meta.year, report.meta.edition) == ("东阳市教育局", 2023, gr.Edition.E2021)
    assert [s.title for s in report.overview.subsections] == ["1、主动公开", "2、政府信息管理"]
    assert report.problems.subsections == ()
    assert report.problems.text.startswith("\u3000\u3000一是公开内容")
    assert report.problems.text.count("\n") == 1


def test_organ_whose_name_holds_the_title_words() -> None:
    """An organ named …政府信息公开… is split from the year at the last 政府信息公开 of the title."""
    report = gr.AnnualReport.blank("2021", organ="某某县政府信息公开办公室", year=2022, fill=0)

    parsed = gr.parse_text(gr.render_text(report)).report

    assert parsed is not None
    assert (parsed.meta.organ, parsed.meta.year) == ("某某县政府信息公开办公室", 2022)
