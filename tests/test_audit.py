"""Auditing a collection: a mixed folder streamed as JSON lines, the audit page, the workbook and progress."""

from __future__ import annotations

import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

import govinfo_report as gr
from govinfo_report.analysis import collection
from govinfo_report.analysis.audit import render_audit_html, write_audit_xlsx
from govinfo_report.analysis.batch import report_files
from govinfo_report.analysis.collection import (
    check_folder,
    check_line_dict,
    check_line_schema,
    iter_check_files,
    iter_check_folder,
)
from govinfo_report.cli import main
from govinfo_report.errors import OptionError
from govinfo_report.progress import as_progress, terminal_progress

from .helpers import mixed_folder

ERROR_CELL = "$.requests.received.total"  # the total the helper makes one too many


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A folder of 14 reports in every format (some with errors) and 4 broken files, plus a .csv."""
    root = tmp_path_factory.mktemp("mixed")
    return root, mixed_folder(root, 14)


@pytest.fixture(scope="module")
def checked(folder: tuple[Path, dict[str, str]]) -> gr.FolderCheck:
    """The folder, checked on two workers."""
    return check_folder(folder[0], workers=2)


class Tty(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


# ----------------------------------------------------------------------------
# JSON lines
# ----------------------------------------------------------------------------


def test_jsonl_gives_one_valid_line_per_file(
    folder: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """check DIR --format jsonl writes one line per report file, each valid against the shipped schema."""
    root, kinds = folder

    status = main(["check", str(root), "--format", "jsonl", "--quiet"])

    out = capsys.readouterr().out
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert out.endswith("\n")
    assert sorted(Path(x["file"]).name for x in lines) == sorted(kinds)
    schema = check_line_schema()
    for line in lines:
        jsonschema.validate(line, schema)
    by_name = {Path(x["file"]).name: x for x in lines}
    for name, kind in kinds.items():
        line = by_name[name]
        if kind == "broken":
            assert (line["organ"], line["year"], line["edition"], line["findings"]) == (None, None, None, [])
            assert [d["code"] for d in line["diagnostics"]] == ["PARSE-FAILED"]
        else:
            i = int(name[1:4])
            assert line["organ"] == f"示例县第{i}局"
            assert line["edition"] == ("2021" if i % 2 else "2019")
            assert line["year"] == (2022 if i % 2 else 2020)
            assert (line["counts"]["error"] > 0) == (kind in ("error", "doubt"))
            assert line["counts"]["error"] == sum(f["severity"] == "error" for f in line["findings"])
    wrong = by_name["r000.json"]
    assert ERROR_CELL in {f["path"] for f in wrong["findings"] if f["severity"] == "error"}


def test_jsonl_lines_carry_import_diagnostics(folder: tuple[Path, dict[str, str]]) -> None:
    """A text report with a cell that cannot be read has its UNREADABLE-CELL diagnostic and IMPORT finding."""
    root, _ = folder
    [text] = [p for p in report_files(root) if Path(p).name == "r001.txt"]

    line = json.loads(collection.check_line(collection.check_file(text)))

    [diagnostic] = [d for d in line["diagnostics"] if d["code"] == "UNREADABLE-CELL"]
    assert "约4" in diagnostic["message"]
    assert diagnostic["path"] == "$.requests.received.natural_person"
    assert "IMPORT-UNREADABLE-CELL" in {f["code"] for f in line["findings"]}


def test_jsonl_to_a_file_and_schema_command(
    folder: tuple[Path, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o writes the lines to a file; schema --check-line prints the shipped schema."""
    root, kinds = folder
    target = tmp_path / "out.jsonl"

    status = main(["check", str(root), "--format", "jsonl", "-o", str(target), "--exit-zero", "--workers", "1"])
    shown = main(["schema", "--check-line"])

    assert status == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(kinds)
    assert shown == 0
    assert json.loads(capsys.readouterr().out) == check_line_schema()


def test_stream_yields_each_file_once_in_any_order(folder: tuple[Path, dict[str, str]]) -> None:
    """iter_check_folder yields one result per report file, and calls progress once per file."""
    root, kinds = folder
    calls: list[tuple[int, int]] = []

    results = list(iter_check_folder(root, workers=2, progress=lambda d, t, s: calls.append((d, t))))

    assert sorted(Path(r.source).name for r in results) == sorted(kinds)
    assert calls == [(i, len(kinds)) for i in range(1, len(kinds) + 1)]


def _kill_on_poison(source: str, blank: str, narrative: bool = True) -> gr.FileCheck:
    if "poison" in source:
        os._exit(3)
    return collection._checked_here(source, blank, narrative)


def test_a_dying_worker_marks_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file whose worker process dies is marked failed; every other file is still checked."""
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the replaced reader reaches the workers only when they are forked")
    kinds = mixed_folder(tmp_path, 4)
    (tmp_path / "poison.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(collection, "_checked_here", collection.check_file, raising=False)
    monkeypatch.setattr(collection, "check_file", _kill_on_poison)

    results = {Path(r.source).name: r for r in iter_check_folder(tmp_path, workers=2)}

    assert sorted(results) == sorted([*kinds, "poison.json"])
    assert results["poison.json"].error is not None
    assert results["poison.json"].error.startswith("WorkerDied")
    assert all(results[n].error is None for n, k in kinds.items() if k != "broken")


# ----------------------------------------------------------------------------
# The page
# ----------------------------------------------------------------------------


class _Cells(HTMLParser):
    """Collects the attributes of every element, and the text of each summary card."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.cards: dict[str, str] = {}
        self._card: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.elements.append((tag, found))
        if tag == "div" and "card" in (found.get("class") or ""):
            self._card = found.get("data-key")

    def handle_data(self, data: str) -> None:
        if self._card is not None and data.strip():
            self.cards[self._card] = data.strip()
            self._card = None


def test_page_summary_table_and_highlighted_cells(checked: gr.FolderCheck, folder: tuple[Path, dict[str, str]]) -> None:
    """The page counts files, unreadable and erroneous ones, lists every organ and highlights the wrong totals."""
    _, kinds = folder
    page = render_audit_html(checked)
    parser = _Cells()
    parser.feed(page)

    broken = sum(k == "broken" for k in kinds.values())
    with_errors = sum(1 for f in checked.files if f.errors)
    assert parser.cards["files"] == str(len(kinds))
    assert parser.cards["unreadable"] == str(broken)
    assert parser.cards["readable"] == str(len(kinds) - broken)
    assert parser.cards["with-errors"] == str(with_errors)
    assert with_errors == sum(k in ("error", "doubt") for k in kinds.values())
    rows = [a for tag, a in parser.elements if tag == "tr" and a.get("data-file")]
    assert sorted(Path(str(a["data-file"])).name for a in rows) == sorted(kinds)
    for i in range(14):
        assert f"<td>示例县第{i}局</td>" in page
    stated = [
        a
        for tag, a in parser.elements
        if tag == "td" and a.get("data-path") == ERROR_CELL and "finding-error" in (a.get("class") or "")
    ]
    assert len(stated) == sum(k in ("error", "doubt") for k in kinds.values())
    reports = [a for tag, a in parser.elements if tag == "details"]
    assert len(reports) == len(kinds)
    tables = [a for tag, a in parser.elements if tag == "table" and "govinfo-table" in (a.get("class") or "")]
    assert len(tables) == 3 * (len(kinds) - broken)
    assert '<tr data-code="T3-ROW-TOTAL">' in page
    assert "notes.csv" in page  # skipped, and said so


def test_page_needs_no_network() -> None:
    """The page loads nothing: no external scripts, styles, images or fonts."""
    page = render_audit_html(check_folder(Path(__file__).parent / "fixtures" / "layouts", workers=1))

    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    assert "@import" not in page
    assert "url(" not in page
    assert page.count("<svg") >= 2


def test_page_escapes_what_files_say(tmp_path: Path) -> None:
    """An organ name with markup is shown as text."""
    report = gr.AnnualReport.blank("2021", organ="某局<script>alert(1)</script>", year=2022, fill=0)
    (tmp_path / "x.json").write_text(gr.to_json(report), encoding="utf-8")

    page = render_audit_html(check_folder(tmp_path, workers=1))

    assert "<script>alert(1)" not in page
    assert "某局&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_cli_html_and_notebook_display(folder: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """check DIR --format html -o writes the page; a FolderCheck displays the same content as a fragment."""
    root, _ = folder
    target = tmp_path / "audit.html"

    status = main(["check", str(root), "--format", "html", "-o", str(target), "--quiet"])

    page = target.read_text(encoding="utf-8")
    fragment = check_folder(root, workers=1)._repr_html_()
    assert status == 1
    assert page.startswith("<!DOCTYPE html>")
    assert "<html" not in fragment
    assert '<table class="audit files sortable">' in fragment
    assert fragment.count("<details") == page.count("<details")


def test_histogram_counts_organs_by_tenth() -> None:
    """The indicator chart puts each organ in its tenth of 0–100 %, and a bar above 100 % only when needed."""
    from fractions import Fraction

    from govinfo_report.analysis.audit import _histogram

    svg = _histogram([Fraction(0), Fraction(1, 20), Fraction(1, 2), Fraction(1), Fraction(1)])
    titles = re.findall(r"<title>([^<]*)</title>", svg)

    assert titles[0] == "0–10%: 2"
    assert titles[5] == "50–60%: 1"
    assert titles[9] == "90–100%: 2"
    assert len(titles) == 10
    assert re.findall(r"<title>(>100%: \d+)</title>", _histogram([Fraction(3, 2)])) == [">100%: 1"]


# ----------------------------------------------------------------------------
# The workbook
# ----------------------------------------------------------------------------


def test_workbook_has_a_summary_and_a_findings_sheet(checked: gr.FolderCheck, tmp_path: Path) -> None:
    """One summary row per file, one findings row per finding, numbers as numbers and blanks empty."""
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "audit.xlsx"

    write_audit_xlsx(checked, target)

    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["summary", "findings"]
    summary = list(book["summary"].iter_rows(values_only=True))
    findings = list(book["findings"].iter_rows(values_only=True))
    assert len(summary) == 1 + len(checked.files)
    assert len(findings) == 1 + sum(len(f.findings) for f in checked.files)
    rows = {Path(r[0]).name: r for r in summary[1:]}
    assert rows["r000.json"][1:7] == ("示例县第0局", 2020, "2019", 2, 0, 0)
    assert rows["empty.txt"][1] is None
    assert "empty" in rows["empty.txt"][8]
    total = [r for r in findings if r[0].endswith("r000.json") and r[4] == "T3-ROW-TOTAL"]
    assert [(r[8], r[9], r[10]) for r in total] == [(ERROR_CELL, 4, 3)]


def test_cli_xlsx_needs_an_output_file(folder: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    """--format xlsx without -o is refused with status 2."""
    status = main(["check", str(folder[0]), "--format", "xlsx"])

    assert status == 2
    assert "-o FILE.xlsx" in capsys.readouterr().err


# ----------------------------------------------------------------------------
# Progress
# ----------------------------------------------------------------------------


def test_progress_line_counts_rate_time_left_and_file() -> None:
    """The line shows done/total, the share, the rate, the time left and the file's name; a newline at the end."""
    out = Tty()
    ticks = iter([100.0, 101.0, 104.0])
    draw = terminal_progress(out, clock=lambda: next(ticks))
    assert draw is not None

    draw(1, 3, "/a/b/first.txt")
    draw(3, 3, "/a/b/third.docx")

    first, last = out.getvalue().split("\r")[1:]
    assert first.startswith("[" + "#" * 6 + " " * 14 + "] ")
    assert first.split("] ")[1].split() == ["1/3", "33%", "1.0", "files/s", "0:02", "left", "first.txt"]
    assert last.startswith("[" + "#" * 20 + "] ")
    assert last.split("] ")[1].split() == ["3/3", "100%", "0.8", "files/s", "0:00", "left", "third.docx"]
    assert out.getvalue().endswith("\n")


def test_progress_is_silent_off_a_terminal_and_when_quiet() -> None:
    """No callback for a pipe or a file, nor with quiet=True."""
    assert terminal_progress(io.StringIO()) is None
    assert terminal_progress(Tty(), quiet=True) is None
    assert as_progress(None) is None
    assert as_progress(False) is None


def test_cli_progress_goes_to_a_terminal_stderr(
    folder: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """check DIR draws its progress on stderr when that is a terminal, and not with --quiet."""
    root, kinds = folder
    err = Tty()
    monkeypatch.setattr("sys.stderr", err)

    main(["check", str(root), "--format", "jsonl", "--workers", "1"])
    drawn = err.getvalue()
    err.seek(0)
    err.truncate()
    main(["check", str(root), "--format", "jsonl", "--workers", "1", "--quiet"])

    assert f"{len(kinds)}/{len(kinds)} 100%" in drawn
    assert drawn.count("\r") == len(kinds)
    assert err.getvalue() == ""
    capsys.readouterr()


def test_check_folder_drives_a_tqdm_bar(folder: tuple[Path, dict[str, str]]) -> None:
    """check_folder(progress=bar) advances a tqdm bar to the number of files and closes it."""
    tqdm = pytest.importorskip("tqdm")
    root, kinds = folder
    bar = tqdm.tqdm(total=len(kinds), file=io.StringIO())

    check_folder(root, workers=1, progress=bar)

    assert bar.n == len(kinds)
    assert bar.disable or bar.last_print_n == len(kinds)


def test_tqdm_progress_makes_its_bar_with_the_total(folder: tuple[Path, dict[str, str]]) -> None:
    """tqdm_progress() makes the bar at the first file, with the total, and finishes it."""
    pytest.importorskip("tqdm")
    out = io.StringIO()
    root, kinds = folder

    list(iter_check_folder(root, workers=1, progress=gr.tqdm_progress(file=out, desc="audit")))

    assert f"{len(kinds)}/{len(kinds)}" in out.getvalue()
    assert "audit" in out.getvalue()


def test_as_progress_refuses_other_values() -> None:
    """A progress that is neither a callback, a bar nor a flag is an OptionError."""
    with pytest.raises(OptionError, match="progress"):
        as_progress(3)


# ----------------------------------------------------------------------------
# A line from a FileCheck made elsewhere
# ----------------------------------------------------------------------------


def test_line_of_a_file_check_with_text_diagnostics_only() -> None:
    """A FileCheck that keeps only the text of its diagnostics still gives a valid line, the code recovered."""
    result = gr.FileCheck(source="x.txt", diagnostics=("line 3, col 1: 某处无法读取 [UNREADABLE-CELL]",))

    line = check_line_dict(result)

    jsonschema.validate(line, check_line_schema())
    assert [(d["code"], d["severity"]) for d in line["diagnostics"]] == [("UNREADABLE-CELL", "warning")]


def test_iter_check_files_of_nothing() -> None:
    """No files, no results."""
    assert list(iter_check_files([])) == []


# ----------------------------------------------------------------------------
# Refusals and edge cases
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--previous", "x.json"], "--previous and --members"),
        (["--organ", "某局"], "--organ and --year"),
        (["--workers", "0"], "--workers"),
    ],
)
def test_collection_options_that_make_no_sense_are_refused(
    folder: tuple[Path, dict[str, str]], extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Options about one report, or no worker at all, are refused for a folder with status 2."""
    status = main(["check", str(folder[0]), *extra])

    assert status == 2
    assert message in capsys.readouterr().err


def test_cli_xlsx_writes_the_workbook(folder: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """check DIR --format xlsx -o writes the workbook; an unwritable path is status 2."""
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "audit.xlsx"

    status = main(["check", str(folder[0]), "--format", "xlsx", "-o", str(target), "--quiet"])
    unwritable = main(["check", str(folder[0]), "--format", "xlsx", "-o", str(tmp_path / "no" / "a.xlsx"), "--quiet"])

    assert status == 1
    assert unwritable == 2
    assert openpyxl.load_workbook(target).sheetnames == ["summary", "findings"]


def test_jsonl_to_an_unwritable_file(folder: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """A jsonl output that cannot be written is status 2."""
    assert main(["check", str(folder[0]), "--format", "jsonl", "-o", str(tmp_path / "no" / "x.jsonl")]) == 2


def test_workbook_without_openpyxl(monkeypatch: pytest.MonkeyPatch, checked: gr.FolderCheck, tmp_path: Path) -> None:
    """Without openpyxl, write_audit_xlsx raises MissingDependencyError with the install command."""
    import importlib

    real = importlib.import_module

    def missing(name: str, *args: object) -> object:
        if name == "openpyxl":
            raise ImportError(name)
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib, "import_module", missing)

    with pytest.raises(gr.errors.MissingDependencyError, match=r"govinfo-report\[xlsx\]"):
        write_audit_xlsx(checked, tmp_path / "x.xlsx")


def test_an_unknown_blank_policy_fails_each_file(folder: tuple[Path, dict[str, str]]) -> None:
    """An unknown blank policy is reported on each readable file, as its error."""
    root, kinds = folder
    readable = [p for p in report_files(root) if kinds[Path(p).name] != "broken"][:2]

    results = list(iter_check_files(readable, blank="bogus", workers=1))

    assert all(r.error is not None and "bogus" in r.error for r in results)


def test_workbook_cells_keep_decimals_and_dates(tmp_path: Path) -> None:
    """Amounts stay decimal numbers and dates ISO text in the findings sheet."""
    openpyxl = pytest.importorskip("openpyxl")
    import datetime as dt
    from decimal import Decimal

    from govinfo_report.analysis.batch import folder_check
    from govinfo_report.findings import Finding

    findings = (
        Finding(code="X-AMOUNT", severity="warning", path="$.a", message="m", stated=Decimal("1.5"), expected=2),
        Finding(code="X-DATE", severity="info", path="$.b", message="m", stated=dt.date(2024, 1, 31)),
    )
    result = folder_check("f", [gr.FileCheck(source="a.json", warnings=1, infos=1, findings=findings)])
    target = tmp_path / "a.xlsx"

    write_audit_xlsx(result, target)

    rows = list(openpyxl.load_workbook(target)["findings"].iter_rows(values_only=True))[1:]
    assert [(r[9], r[10]) for r in rows] == [(1.5, 2), ("2024-01-31", None)]


def test_a_report_without_organ_or_year(tmp_path: Path) -> None:
    """A published report that names neither organ nor year gives a line with both null, and a page that says so."""
    text = gr.render_text(gr.AnnualReport.blank("2021", organ="某局", year=2022, fill=0))
    (tmp_path / "untitled.txt").write_text(text.split("\n", 1)[1], encoding="utf-8")

    [result] = list(iter_check_folder(tmp_path, workers=1))
    line = check_line_dict(result)
    page = render_audit_html(check_folder(tmp_path, workers=1))

    jsonschema.validate(line, check_line_schema())
    assert (line["organ"], line["year"], line["edition"]) == (None, None, "2021")
    assert "META-MISSING" in {d["code"] for d in line["diagnostics"]}
    assert gr.vocab.UNKNOWN_ORGAN.zh in page
