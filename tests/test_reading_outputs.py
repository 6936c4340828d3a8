"""The importer's diagnostics reach every output: check, parse --diagnostics, check DIR, and stderr in bounds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.checks import check
from govinfo_report.cli import main
from govinfo_report.importers import Diagnostic, diagnostics_to_json, parse_text, summarise
from govinfo_report.rules import Severity

# 本年新收 总计 is unreadable ("约12" is no number), so the row total rule breaks because of the reading.
DOUBTFUL = """某某县统计局2022年政府信息公开工作年度报告
一、总体情况
本年度依法做好公开工作。
三、收到和处理政府信息公开申请情况
本机关 | 申请人情况 | | | | | | |
| | 自然人 | 法人或其他组织 | | | | | 总计 |
| | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |
一、本年新收政府信息公开申请数量 | 12 | 0 | 0 | 0 | 0 | 0 | 约12 |
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。
"""


def test_finding_on_a_doubted_cell_says_so() -> None:
    """An arithmetic finding that involves a cell the importer could not read names the diagnostic."""
    result = parse_text(DOUBTFUL)
    assert result.report is not None
    [doubt] = [d for d in result.diagnostics if d.path == "$.requests.received.total"]
    assert doubt.severity is Severity.WARNING

    findings = check(result.report, diagnostics=result.diagnostics)

    row = [f for f in findings if f.code == "T3-ROW-TOTAL" and f.path == "$.requests.received.total"]
    assert len(row) == 1
    assert row[0].reading
    assert row[0].reading[0].startswith(f"{doubt.code} @ $.requests.received.total")
    assert "读取存疑" in row[0].message
    assert "reading" in gr.findings.finding_to_dict(row[0])
    imported = [f for f in findings if f.code == f"IMPORT-{doubt.code}"]
    assert [(f.path, f.table, f.severity) for f in imported] == [("$.requests.received.total", "三", Severity.WARNING)]


def test_without_diagnostics_nothing_changes() -> None:
    """check() without diagnostics gives no IMPORT-* finding and no reading note."""
    result = parse_text(DOUBTFUL)
    assert result.report is not None

    findings = check(result.report)

    assert not [f for f in findings if f.code.startswith("IMPORT-") or f.reading]
    assert all("reading" not in gr.findings.finding_to_dict(f) for f in findings)


def test_summarise_keeps_twenty_of_each_code_and_counts_the_rest() -> None:
    """Twenty of each code are kept, in order; the rest is one line with its count."""
    many = [Diagnostic("STRAY-TEXT", Severity.WARNING, f"多余{i}", f"stray {i}", line=i) for i in range(18_370)]
    other = [Diagnostic("UNIT-IN-CELL", Severity.INFO, "单位", "unit", line=1)]

    kept = summarise([*many[:5], *other, *many[5:]])

    assert len(kept) == 22
    assert kept[5] is other[0]
    assert [d.line for d in kept if d.code == "STRAY-TEXT"][:20] == list(range(20))
    assert "STRAY-TEXT ×18,350" in kept[-1].message
    assert kept[-1].severity is Severity.WARNING


def test_stderr_is_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """parse of an input with thousands of stray numbers prints a bounded number of lines."""
    junk = "\n".join(f"{i} |" for i in range(3000))
    path = tmp_path / "junk.txt"
    path.write_text(DOUBTFUL.replace("五、存在的主要问题", f"{junk}\n五、存在的主要问题"), encoding="utf-8")

    assert main(["parse", str(path), "-o", str(tmp_path / "out.json")]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) < 60
    assert any("×" in line for line in lines)


def test_parse_writes_every_diagnostic_as_json(tmp_path: Path) -> None:
    """parse --diagnostics writes all diagnostics (none summarised away) as JSON."""
    path = tmp_path / "r.txt"
    path.write_text(DOUBTFUL, encoding="utf-8")
    out = tmp_path / "diag.json"

    assert main(["parse", str(path), "-o", str(tmp_path / "r.json"), "--diagnostics", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    result = parse_text(DOUBTFUL, source=str(path))
    assert data == json.loads(diagnostics_to_json(result))
    assert [d["code"] for d in data["diagnostics"]] == list(result.codes)
    assert set(data["diagnostics"][0]) == {"code", "severity", "message", "message_en", "line", "column", "path"}


def test_folder_json_has_findings_diagnostics_and_skipped(tmp_path: Path) -> None:
    """check DIR --format json: each file's findings and diagnostics, and the files skipped with a reason."""
    (tmp_path / "a.txt").write_text(DOUBTFUL, encoding="utf-8")
    (tmp_path / "b.json").write_text(gr.to_json(gr.AnnualReport.blank("2021", organ="乙局", year=2022, fill=0)))
    (tmp_path / "c.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    out = tmp_path / "out.json"

    assert main(["check", str(tmp_path), "--format", "json", "--exit-zero", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    files = {Path(f["source"]).name: f for f in data["files"]}
    assert set(files) == {"a.txt", "b.json"}
    assert any(f["code"] == "T3-ROW-TOTAL" and f.get("reading") for f in files["a.txt"]["findings"])
    assert files["a.txt"]["diagnostics"]
    assert files["b.json"]["diagnostics"] == []
    assert sum(files["a.txt"]["rules"].values()) == len(files["a.txt"]["findings"])
    [skipped] = data["skipped"]
    assert Path(skipped["source"]).name == "c.doc"
    assert ".doc" in skipped["reason"]


def test_folder_reads_word_files(tmp_path: Path) -> None:
    """check DIR reads .docx like the single-file commands (it used to skip them)."""
    pytest.importorskip("docx")
    from govinfo_report.render.docx import write_docx

    report = gr.AnnualReport.blank("2021", organ="丙局", year=2022, fill=0)
    write_docx(report, tmp_path / "c.docx")

    result = gr.check_folder(tmp_path, workers=1)
    assert [Path(f.source).name for f in result.files] == ["c.docx"]
    assert result.files[0].error is None
    assert result.skipped == ()
