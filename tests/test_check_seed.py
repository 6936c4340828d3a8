"""
The findings of the seed report (examples/data/wusu-2020.json), pinned.

The expected values were worked out by hand from the seed's published table
三 (blank counted as 0):

* row 8.属于行政查询事项: 自然人 33 + 商业企业 3 = 36, but its 总计 is 0;
* row （七）总计: the six applicant columns are blank (0), but its 总计 is 33;
* column 自然人: （一）予以公开 30 + 8.属于行政查询事项 33 + 1.信访举报投诉类申请 3 = 66, （七）总计 blank;
* column 商业企业: （一）予以公开 3 + 8.属于行政查询事项 3 = 6, （七）总计 blank;
* column 总计: （一）予以公开 33 + 8. 0 + 1.信访举报投诉类申请 3 + （六）其他处理 blank = 36, （七）总计 33;
* balance 自然人: 一 30 + 二 0 = 30, but （七）总计 blank + 四 0 = 0;
* balance 商业企业: 一 3 + 二 0 = 3, but （七）总计 blank + 四 0 = 0;
* every other relation holds (e.g. balance 总计: 33 + 0 = 33 + blank).

Blank cells: 表二 其他对外管理服务事项 本年增/减 and 处理决定数量, 行政强制 处理决定数量 (3);
表三 （一）予以公开 科研机构…其他 (4), （六）其他处理 总计, （七）总计 six columns, 四 总计 (12).
"""

from __future__ import annotations

import pytest

import govinfo_report as gr
from govinfo_report.checks import check
from govinfo_report.findings import Finding
from govinfo_report.rules import Severity

from .conftest import EXAMPLE_JSON

R = "$.requests.results"
COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other")


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    """The findings of the seed report under the default policy."""
    if not EXAMPLE_JSON.is_file():
        pytest.skip("examples/data/wusu-2020.json is not written yet")
    return check(gr.from_json(EXAMPLE_JSON.read_text(encoding="utf-8")))


def test_seed_has_exactly_the_seven_errors(findings: list[Finding]) -> None:
    """The seed gives exactly the seven errors of the issue, with their stated and expected values and blanks."""
    errors = [(f.code, f.path, f.stated, f.expected, f.blank_cells) for f in findings if f.severity is Severity.ERROR]

    assert sorted(errors) == sorted(
        [
            ("T3-ROW-TOTAL", f"{R}.withheld.administrative_inquiry.total", 0, 36, ()),
            ("T3-ROW-TOTAL", f"{R}.total.total", 33, 0, tuple(f"{R}.total.{c}" for c in COLUMNS)),
            ("T3-RESULTS-TOTAL", f"{R}.total.natural_person", 0, 66, (f"{R}.total.natural_person",)),
            ("T3-RESULTS-TOTAL", f"{R}.total.commercial", 0, 6, (f"{R}.total.commercial",)),
            ("T3-RESULTS-TOTAL", f"{R}.total.total", 33, 36, (f"{R}.other_handling.total",)),
            ("T3-BALANCE", f"{R}.total.natural_person", 0, 30, (f"{R}.total.natural_person",)),
            ("T3-BALANCE", f"{R}.total.commercial", 0, 3, (f"{R}.total.commercial",)),
        ]
    )


def test_seed_errors_carry_labels_and_directions(findings: list[Finding]) -> None:
    """Each seed error names its row and column in Chinese and says 多 or 少."""
    errors = {(f.code, f.path): f for f in findings if f.severity is Severity.ERROR}

    row8 = errors[("T3-ROW-TOTAL", f"{R}.withheld.administrative_inquiry.total")]
    assert (row8.row, row8.column, row8.direction, row8.difference) == (
        "（三）不予公开 / 8.属于行政查询事项",
        "总计",
        "少",
        -36,
    )
    total_row = errors[("T3-ROW-TOTAL", f"{R}.total.total")]
    assert (total_row.row, total_row.column, total_row.direction) == ("（七）总计", "总计", "多")
    balance = errors[("T3-BALANCE", f"{R}.total.commercial")]
    assert (balance.row, balance.column) == ("（七）总计", "法人或其他组织 / 商业企业")
    assert balance.message.startswith("表三 法人或其他组织 / 商业企业 列：（七）总计 空 + 四、结转下年度继续办理 0 = 0")


def test_seed_row_eight_diagnosis(findings: list[Finding]) -> None:
    """The diagnosis of row 8.属于行政查询事项 is its 总计, which should be 36."""
    [row8] = [f for f in findings if f.path == f"{R}.withheld.administrative_inquiry.total"]

    assert row8.diagnosis is not None
    assert (row8.diagnosis.cell.path, row8.diagnosis.cell.value, row8.diagnosis.value) == (
        f"{R}.withheld.administrative_inquiry.total",
        0,
        36,
    )
    assert row8.diagnosis.breaks == 0


def test_every_seed_error_has_a_diagnosis(findings: list[Finding]) -> None:
    """Each of the seven errors comes with a single-cell fix that resolves it."""
    for f in findings:
        if f.severity is Severity.ERROR:
            assert f.diagnosis is not None
            assert f.key in f.diagnosis.resolves


def test_seed_blank_cells(findings: list[Finding]) -> None:
    """Besides the errors there is one warning, BLANK-CELLS, listing 3 cells of 表二 and 12 of 表三."""
    others = [f for f in findings if f.severity is not Severity.ERROR]

    assert [f.code for f in others] == ["BLANK-CELLS"]
    details = others[0].details
    assert [c.path for c in details if c.table == "二"] == [
        "$.proactive.other_services.change",
        "$.proactive.other_services.decisions",
        "$.proactive.enforcement.decisions",
    ]
    assert [c.path for c in details if c.table == "三"] == [
        *(f"{R}.disclosed.{c}" for c in ("research", "public_interest", "legal_service", "other")),
        f"{R}.other_handling.total",
        *(f"{R}.total.{c}" for c in COLUMNS),
        "$.requests.carried_forward.total",
    ]
    assert len(details) == 15
    assert others[0].message.startswith("15 个单元格为空（表二 3 个，表三 12 个）")
