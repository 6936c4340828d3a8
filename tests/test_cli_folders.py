"""Folders, several files and standard input in every command: parse DIR -o OUTDIR, aggregate DIR, --members DIR."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.cli import _inputs, main
from govinfo_report.render.html import render_html

from .helpers import clean_report, mixed_folder
from .test_summary import three_members


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    class Stdin(io.StringIO):
        buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", Stdin())


def _members(folder: Path) -> list[gr.AnnualReport]:
    folder.mkdir(parents=True, exist_ok=True)
    members = three_members()
    for i, m in enumerate(members):
        (folder / f"m{i}.json").write_text(gr.to_json(m), encoding="utf-8")
    return members


def test_parse_folder_writes_a_report_and_diagnostics_per_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """parse DIR -o OUTDIR: NAME.json and NAME.diagnostics.json per readable input, diagnostics for broken ones."""
    kinds = mixed_folder(tmp_path / "in", 8)
    out = tmp_path / "out"

    status = main(["parse", str(tmp_path / "in"), "-o", str(out)])

    err = capsys.readouterr().err
    assert status == 2  # some inputs cannot be read
    assert "4 of 12 files could not be read" in err
    for name, kind in kinds.items():
        stem = Path(name).stem
        diagnostics = json.loads((out / f"{stem}.diagnostics.json").read_text(encoding="utf-8"))
        assert diagnostics["source"].endswith(name)
        if kind == "broken":
            assert not (out / f"{stem}.json").exists()
            assert [d["code"] for d in diagnostics["diagnostics"]] == ["PARSE-FAILED"]
        else:
            report = gr.from_json((out / f"{stem}.json").read_bytes())
            assert report.meta.organ == f"示例县第{int(name[1:4])}局"
    doubted = json.loads((out / "r001.diagnostics.json").read_text(encoding="utf-8"))
    assert "UNREADABLE-CELL" in {d["code"] for d in doubted["diagnostics"]}


def test_parse_several_files_keeps_names_apart(tmp_path: Path) -> None:
    """Two inputs with one stem keep their suffix in the output names; subfolders are kept with --recursive."""
    report = clean_report()
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(gr.render_text(report), encoding="utf-8")
    (tmp_path / "in" / "a.html").write_text(render_html(report), encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.txt").write_text(gr.render_text(report), encoding="utf-8")
    out = tmp_path / "out"

    flat = main(["parse", str(tmp_path / "in"), "-o", str(out / "flat")])
    deep = main(["parse", str(tmp_path / "in"), "-o", str(out / "deep"), "--recursive"])
    loose = main(
        ["parse", str(tmp_path / "in" / "a.txt"), str(tmp_path / "in" / "sub" / "b.txt"), "-o", str(out / "x")]
    )

    assert (flat, deep, loose) == (0, 0, 0)
    assert sorted(p.name for p in (out / "flat").iterdir()) == [
        "a.html.diagnostics.json",
        "a.html.json",
        "a.txt.diagnostics.json",
        "a.txt.json",
    ]
    assert (out / "deep" / "sub" / "b.json").is_file()
    assert sorted(p.name for p in (out / "x").iterdir()) == [
        "a.diagnostics.json",
        "a.json",
        "b.diagnostics.json",
        "b.json",
    ]
    assert gr.from_json((out / "x" / "b.json").read_bytes()).requests == report.requests


def test_parse_folder_needs_an_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """parse DIR without -o, or with -o naming a file, is refused with status 2."""
    mixed_folder(tmp_path / "in", 2)
    (tmp_path / "file").write_text("x", encoding="utf-8")

    assert main(["parse", str(tmp_path / "in")]) == 2
    assert main(["parse", str(tmp_path / "in"), "-o", str(tmp_path / "file")]) == 2
    err = capsys.readouterr().err
    assert "-o OUTDIR" in err
    assert "not a folder" in err


def test_aggregate_a_folder_is_aggregating_its_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """aggregate DIR gives the summary of the folder's reports."""
    members = _members(tmp_path / "dept")

    status = main(["aggregate", str(tmp_path / "dept"), "--organ", "某县人民政府"])

    assert status == 0
    summary = gr.from_json(capsys.readouterr().out)
    assert summary == gr.aggregate(members, organ="某县人民政府")


def test_check_members_from_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check SUMMARY --members DIR checks the summary against every report in the folder."""
    members = _members(tmp_path / "dept")
    summary = gr.aggregate(members, organ="某县人民政府")
    wrong = gr.replace_cell(summary, "$.proactive.licensing.decisions", 106)
    (tmp_path / "sum.json").write_text(gr.to_json(summary), encoding="utf-8")
    (tmp_path / "wrong.json").write_text(gr.to_json(wrong), encoding="utf-8")

    good = main(["check", str(tmp_path / "sum.json"), "--members", str(tmp_path / "dept"), "--format", "json"])
    good_codes = {f["code"] for f in json.loads(capsys.readouterr().out)}
    bad = main(["check", str(tmp_path / "wrong.json"), "--members", str(tmp_path / "dept"), "--format", "json"])
    bad_findings = json.loads(capsys.readouterr().out)

    assert not any(c.startswith("SUMMARY") for c in good_codes)
    assert good == 0
    assert bad == 1
    assert [f["path"] for f in bad_findings if f["code"].startswith("SUMMARY")] == ["$.proactive.licensing.decisions"]


def test_recursive_reaches_subfolders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check DIR reads the subfolders only with --recursive."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "top.json").write_text(gr.to_json(clean_report()), encoding="utf-8")
    (tmp_path / "a" / "b" / "deep.json").write_text(gr.to_json(clean_report()), encoding="utf-8")

    main(["check", str(tmp_path / "a"), "--format", "jsonl"])
    flat = [Path(json.loads(x)["file"]).name for x in capsys.readouterr().out.splitlines()]
    main(["check", str(tmp_path / "a"), "--format", "jsonl", "--recursive"])
    deep = sorted(Path(json.loads(x)["file"]).name for x in capsys.readouterr().out.splitlines())

    assert flat == ["top.json"]
    assert deep == ["deep.json", "top.json"]


def test_check_several_files_is_checking_a_collection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check A B gives the collection table; with --format json, one entry per file."""
    kinds = mixed_folder(tmp_path, 3)
    names = [str(tmp_path / n) for n in sorted(kinds) if kinds[n] != "broken"]

    status = main(["check", *names, "--format", "json"])

    data = json.loads(capsys.readouterr().out)
    assert [f["source"] for f in data["files"]] == names
    assert status == (1 if any(kinds[Path(n).name] == "error" for n in names) else 0)


@pytest.mark.parametrize("kind", ["json", "txt", "html", "docx"])
def test_check_reads_standard_input(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """check - reads the report from standard input, whatever its format (told by its content)."""
    report = gr.replace_cell(clean_report(), "$.requests.received.total", 5)
    if kind == "docx":
        pytest.importorskip("docx")
        gr.write_docx(report, tmp_path / "r.docx")
        data = (tmp_path / "r.docx").read_bytes()
    else:
        text = {"json": gr.to_json, "txt": gr.render_text, "html": render_html}[kind](report)
        data = text.encode("utf-8")
    _stdin(monkeypatch, data)

    status = main(["check", "-", "--format", "json"])

    findings = json.loads(capsys.readouterr().out)
    assert status == 1
    assert "$.requests.received.total" in {f["path"] for f in findings if f["code"] == "T3-ROW-TOTAL"}


def test_parse_and_diff_read_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """parse - and diff - - read standard input; a second - names the same input."""
    report = clean_report()
    _stdin(monkeypatch, gr.render_text(report).encode("utf-8"))

    parsed = main(["parse", "-"])
    back = gr.from_json(capsys.readouterr().out)
    diffed = main(["diff", "-", "-"])
    diff = capsys.readouterr().out

    assert parsed == 0
    assert back.requests == report.requests
    assert diffed == 0
    assert "0 of 200 cells changed" in diff


def test_indicators_and_records_take_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """indicators DIR and records DIR read every report of the folder."""
    members = _members(tmp_path / "dept")

    main(["indicators", str(tmp_path / "dept"), "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    main(["records", str(tmp_path / "dept")])
    records = capsys.readouterr().out.splitlines()

    assert [r["organ"] for r in rows] == [m.meta.organ for m in members]
    assert len(records) == sum(len(gr.to_records(m)) for m in members)


def test_an_empty_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder without reports gives status 2 and says so."""
    (tmp_path / "notes.csv").write_text("a\n", encoding="utf-8")

    assert main(["check", str(tmp_path)]) == 2
    assert main(["aggregate", str(tmp_path)]) == 2
    assert "no reports" in capsys.readouterr().err


def test_standard_input_is_told_by_its_content() -> None:
    """Zip archives are Word documents (or workbooks, when they are read); JSON, HTML and text by their start."""
    import zipfile

    from govinfo_report.importers._files import READABLE_SUFFIXES

    book = io.BytesIO()
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")

    assert _inputs._suffix(book.getvalue()) == (".xlsx" if ".xlsx" in READABLE_SUFFIXES else ".docx")
    assert _inputs._suffix(b"PK\x03\x04 broken") == ".docx"
    assert _inputs._suffix('\ufeff  {"format_version": 1}'.encode()) == ".json"
    assert _inputs._suffix(b"<!DOCTYPE html><html><body>x</body></html>") == ".html"
    assert _inputs._suffix("某某局2022年政府信息公开工作年度报告".encode()) == ".txt"
