"""Workbooks through a real spreadsheet program: LibreOffice Calc opens ours, and what it saves reads back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import govinfo_report as gr
from govinfo_report import vocab as v

from .conftest import EXAMPLE_JSON

openpyxl: Any = pytest.importorskip("openpyxl")
SOFFICE = shutil.which("soffice")


def _resave(source: Path, tmp_path: Path) -> Path:
    """*source* opened and saved again as .xlsx by LibreOffice Calc (a skip when Calc is not installed)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "resaved"
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "xlsx", "--outdir", str(out),
         str(source)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    target = out / source.name
    if not target.is_file():  # LibreOffice without Calc cannot load a workbook
        pytest.skip(f"LibreOffice Calc cannot convert workbooks here: {done.stderr.strip()[-200:]}")
    return target


def test_a_workbook_saved_by_calc_reads_back(tmp_path: Path) -> None:
    """Our workbook, opened and saved by LibreOffice Calc, reads back to the same report."""
    report = gr.from_json(EXAMPLE_JSON.read_bytes())
    source = tmp_path / "wusu.xlsx"
    gr.write_xlsx(report, source)
    result = gr.parse(_resave(source, tmp_path))

    assert result.report == report
    assert result.codes == ("UNIT-IN-CELL",)


def test_formulas_calculated_by_calc_are_read(tmp_path: Path) -> None:
    """A formula that Calc calculated and saved gives its value; before, it was blank with FORMULA-NO-VALUE."""
    report = gr.from_json(EXAMPLE_JSON.read_bytes())
    source = tmp_path / "formula.xlsx"
    gr.write_xlsx(report, source)
    wb = openpyxl.load_workbook(source)
    three = wb[v.REQUESTS.zh]
    three["J5"] = "=SUM(D5:I5)"  # 一、本年新收 总计 = 30 + 3
    wb.save(source)
    before = gr.parse(source)
    after = gr.parse(_resave(source, tmp_path))

    assert before.report is not None
    assert before.report.requests.received.total is None
    assert "FORMULA-NO-VALUE" in before.codes
    assert after.report == report
    assert "FORMULA-NO-VALUE" not in after.codes
