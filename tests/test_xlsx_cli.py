"""Tests of the command line with Excel: template, render/records/indicators --format xlsx, --bom, .xlsx input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import govinfo_report as gr
from govinfo_report import vocab as v
from govinfo_report.cli import main

from .conftest import EXAMPLE_JSON
from .helpers import clean_report
from .test_cli import run

openpyxl: Any = pytest.importorskip("openpyxl")


def test_template_command_writes_a_workbook(tmp_path: Path) -> None:
    """template --edition 2021 -o FILE writes the empty template (the real entry point, in a subprocess)."""
    target = tmp_path / "年报模板.xlsx"
    out = run("template", "--edition", "2021", "-o", str(target))
    wb = openpyxl.load_workbook(target)

    assert out.returncode == 0, out.stderr
    assert v.BALANCE_RULES.zh in wb.sheetnames
    assert wb[v.PROACTIVE.zh].cell(*_label(wb[v.PROACTIVE.zh], v.ISSUED.zh)).value == v.ISSUED.zh  # 2021 headers


def _label(ws: Any, text: str) -> tuple[int, int]:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(text)


@pytest.mark.parametrize(
    "args",
    [
        ["template"],  # -o is required
        ["template", "-o", "-"],
        ["render", str(EXAMPLE_JSON), "--format", "xlsx"],
        ["records", str(EXAMPLE_JSON), "--format", "xlsx"],
        ["indicators", str(EXAMPLE_JSON), "--format", "xlsx"],
        ["records", str(EXAMPLE_JSON), "--bom"],  # --bom is for csv
        ["indicators", str(EXAMPLE_JSON), "--format", "json", "--bom"],
    ],
)
def test_binary_formats_need_a_file_and_bom_needs_csv(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """A workbook is never written to stdout, and --bom goes with csv only: exit status 2, nothing on stdout."""
    assert main(args) == 2
    assert capsys.readouterr().out == ""


def test_render_xlsx_and_read_it_back(tmp_path: Path) -> None:
    """render --format xlsx -o writes the workbook; parse and render read it back to the same report."""
    book = tmp_path / "report.xlsx"
    back = tmp_path / "back.json"

    assert main(["render", str(EXAMPLE_JSON), "--format", "xlsx", "-o", str(book)]) == 0
    assert main(["parse", str(book), "-o", str(back)]) == 0
    assert gr.from_json(back.read_bytes()) == gr.from_json(EXAMPLE_JSON.read_bytes())
    assert main(["render", str(book), "--format", "json", "-o", str(back)]) == 0
    assert gr.from_json(back.read_bytes()) == gr.from_json(EXAMPLE_JSON.read_bytes())


def test_records_and_indicators_as_xlsx(tmp_path: Path) -> None:
    """records and indicators --format xlsx write one sheet of rows, reading .xlsx reports as input too."""
    book = tmp_path / "report.xlsx"
    gr.write_xlsx(gr.from_json(EXAMPLE_JSON.read_bytes()), book)
    cells, rates = tmp_path / "cells.xlsx", tmp_path / "rates.xlsx"

    assert main(["records", str(EXAMPLE_JSON), str(book), "--format", "xlsx", "-o", str(cells)]) == 0
    assert main(["indicators", str(book), "--format", "xlsx", "-o", str(rates)]) == 0
    rows = list(openpyxl.load_workbook(cells).active.iter_rows(values_only=True))
    sheet = openpyxl.load_workbook(rates).active
    assert rows[0] == gr.RECORD_KEYS
    assert len(rows) == 1 + 2 * len(gr.layout("2019").cells)
    assert sheet["A2"].value == "乌苏市文化体育广播电视和旅游局"
    assert sheet["D2"].number_format == "0.0%"


def test_csv_with_a_byte_order_mark(tmp_path: Path) -> None:
    """--bom makes the CSV file start with EF BB BF; the rest is the CSV without it."""
    plain, marked, rates = tmp_path / "plain.csv", tmp_path / "marked.csv", tmp_path / "rates.csv"

    assert main(["records", str(EXAMPLE_JSON), "--format", "csv", "-o", str(plain)]) == 0
    assert main(["records", str(EXAMPLE_JSON), "--format", "csv", "--bom", "-o", str(marked)]) == 0
    assert main(["indicators", str(EXAMPLE_JSON), "--format", "csv", "--bom", "-o", str(rates)]) == 0
    assert marked.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert rates.read_bytes().startswith(b"\xef\xbb\xbforgan,year,edition,")
    rows = list(csv.DictReader(io.StringIO(marked.read_text(encoding="utf-8-sig"))))
    assert [r["unit"] for r in rows if r["column_key"] == "amount"] == ["万元"]


def test_check_a_folder_includes_workbooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check DIR checks the .xlsx reports of the folder beside the JSON ones."""
    gr.write_xlsx(gr.from_json(EXAMPLE_JSON.read_bytes()), tmp_path / "seed.xlsx")
    (tmp_path / "clean.json").write_text(gr.to_json(clean_report()), encoding="utf-8")

    assert main(["check", str(tmp_path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    by_name = {Path(f["source"]).name: f for f in data["files"]}
    assert by_name["seed.xlsx"]["errors"] == 7  # the example's seven arithmetic errors, as from its JSON
    assert by_name["clean.json"]["errors"] == 0
