"""
Tests of the PDF reader: the committed fixtures read back to the reports they were printed from.

The fixtures (tests/fixtures/pdf, made by tools/make_pdf_fixtures.py with
LibreOffice and Chromium) each lie next to the JSON of their source report,
which is the oracle: nothing here needs LibreOffice or Chromium.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import sys
import unicodedata
import zlib
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import vocab as v
from govinfo_report.errors import GovInfoReportError, MissingDependencyError, PdfReadError, ReportReadError
from govinfo_report.importers import CODES, parse, parse_many, parse_pdf, pdf_to_text
from govinfo_report.importers._html import HtmlCell, HtmlTable

from .strategies import reports
from .test_cli import run
from .test_html_roundtrip import printed as visible

pdfplumber = pytest.importorskip("pdfplumber")

FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
# every fixture printed from a report, read without help (no organ=, no year=, no password)
EXACT = ["word-2019", "word-2021", "word-footer-2021", "word-municipal-2019", "html-2019", "html-2021", "split-2019",
         "landscape-2021", "vertical-2021"]


def _source(name: str) -> gr.AnnualReport:
    return gr.from_json((FIXTURES / f"{name}.json").read_bytes())


def _cells(report: gr.AnnualReport) -> dict[str, object]:
    """Every cell of 二, 三 and 四 by its path, from to_dict."""
    out: dict[str, object] = {}

    def walk(value: object, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}")
        else:
            out[path] = value

    data = gr.to_dict(report)
    for section in ("proactive", "requests", "disputes"):
        walk(data[section], f"$.{section}")
    return out


def _page_text(path: Path) -> list[str]:
    """The raw text of each page, by pdfplumber without our reader (an independent view of the file)."""
    with pdfplumber.open(path) as pdf:
        return [_radicals(page.extract_text() or "") for page in pdf.pages]


def _radicals(text: str) -> str:
    """*text* with the Kangxi radicals that some fonts map ideographs to made ideographs again (⽂ → 文)."""
    return "".join(unicodedata.normalize("NFKC", c) if "\u2f00" <= c <= "\u2fdf" else c for c in text)


def _stacked(path: Path, word: str) -> bool:
    """True when some page prints *word* one character per line, each below the last (by pdfplumber's glyphs)."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            columns: dict[int, list[tuple[float, str]]] = {}
            for ch in page.chars:
                columns.setdefault(round(ch["x0"]), []).append((ch["top"], _radicals(ch["text"])))
            if any(word in "".join(t for _, t in sorted(glyphs)) for glyphs in columns.values()):
                return True
    return False


@pytest.mark.parametrize("name", EXACT)
def test_generated_pdf_reads_back_exactly(name: str) -> None:
    """parse_pdf gives exactly the report the PDF was printed from: every cell, every narrative, organ and year."""
    result = parse_pdf(FIXTURES / f"{name}.pdf")
    source = _source(name)

    assert result.report is not None
    assert _cells(result.report) == _cells(source)
    assert visible(result.report) == visible(source)
    assert (result.report.meta.organ, result.report.meta.year) == (source.meta.organ, source.meta.year)
    assert [str(d) for d in result.diagnostics if d.severity is not gr.Severity.INFO] == []
    assert result.source == str(FIXTURES / f"{name}.pdf")


@pytest.mark.parametrize("name", ["word-2019", "html-2021"])
def test_parse_dispatches_pdf_by_suffix_and_by_content(tmp_path: Path, name: str) -> None:
    """parse() reads a .pdf through parse_pdf, and a PDF under another name by its %PDF- header."""
    path = FIXTURES / f"{name}.pdf"
    renamed = tmp_path / "report.txt"
    shutil.copyfile(path, renamed)

    by_suffix = parse(path)
    by_content = parse(renamed)

    assert by_suffix.report == parse_pdf(path).report
    assert by_content.report == by_suffix.report
    assert by_content.source == str(renamed)
    assert parse_pdf(path.read_bytes()).report == by_suffix.report
    assert parse_pdf(io.BytesIO(path.read_bytes())).report == by_suffix.report


def test_pdf_is_a_readable_suffix() -> None:
    """check DIR and parse_many read .pdf files: the suffix is in the one list parse() owns."""
    from govinfo_report.analysis.batch import REPORT_SUFFIXES

    assert ".pdf" in REPORT_SUFFIXES
    results = parse_many([FIXTURES / "word-2021.pdf", FIXTURES / "scanned.pdf"], workers=1)
    assert results[0].report is not None
    assert results[1].report is None
    assert results[1].codes == ("PARSE-FAILED",)
    assert "OCR" in results[1].diagnostics[0].message


def test_page_footers_and_running_headers_are_gone() -> None:
    """The footers 第 N 页 共 M 页, — N — and - N -, and a header repeated on every page, are not in the text read."""
    cases = {
        "word-footer-2021": re.compile(r"第\s*\d+\s*页\s*共\s*\d+\s*页"),
        "split-2019": re.compile(r"—\s*\d+\s*—"),
        "landscape-2021": re.compile(r"^-\s*\d+\s*-$|政务公开", re.M),
        "word-municipal-2019": re.compile(r"^-\s*\d+\s*-$", re.M),
    }
    for name, footer in cases.items():
        raw = _page_text(FIXTURES / f"{name}.pdf")
        assert len(raw) >= 3
        assert all(footer.search(page) for page in raw), name  # the PDF prints them on every page
        assert footer.search(pdf_to_text(FIXTURES / f"{name}.pdf")) is None, name


@pytest.mark.parametrize("name", ["split-2019", "word-footer-2021", "word-municipal-2019"])
def test_a_table_over_several_pages_is_one_table(name: str) -> None:
    """表三 spans pages (its header rows repeated on each); the reader joins it into one table with one header."""
    path = FIXTURES / f"{name}.pdf"
    note = v.REQUESTS_NOTE.zh
    raw = _page_text(path)
    pages_with_three = [i for i, page in enumerate(raw) if re.sub(r"\s", "", note)[:8] in re.sub(r"\s", "", page)]
    text = pdf_to_text(path)

    assert len(pages_with_three) >= 2  # the header of 三 is printed on two pages or more
    assert text.count(f"| {note} |") == 1
    assert text.count(f"| {v.RESULTS.zh} |") == 1  # the merged label, cut by the page break, is one cell


@pytest.mark.parametrize("name", ["vertical-2021", "word-municipal-2019"])
def test_a_vertical_label_and_an_organ_above_the_title(name: str) -> None:
    """A label printed one character per line is one label; the organ on its own line joins the title."""
    path = FIXTURES / f"{name}.pdf"
    raw = _page_text(path)
    organ = _source(name).meta.organ

    assert _stacked(path, v.RESULTS.zh[-4:])  # 办理结果, one character under the other
    assert pdf_to_text(path).count(f"| {v.RESULTS.zh} |") == 1
    assert raw[0].splitlines()[0].strip() == organ  # printed on a line of its own
    result = parse_pdf(path)
    assert result.report is not None
    assert result.report.meta.organ == organ
    assert result.report.meta.title is not None
    assert result.report.meta.title.startswith(organ)


def test_table_without_ruling_lines_never_invents_a_number() -> None:
    """Without ruling lines the tables are read from the text lines: each cell is right or blank, with diagnostics."""
    result = parse_pdf(FIXTURES / "unruled-2021.pdf")
    source = _cells(_source("unruled-2021"))
    assert result.report is not None
    read = _cells(result.report)

    wrong = {p: (read[p], source[p]) for p in source if read[p] is not None and read[p] != source[p]}
    right = [path for path in source if read[path] == source[path] and source[path] is not None]
    assert wrong == {}
    assert len(right) > len(source) // 2
    unruled = result.by_code("PDF-UNRULED-TABLE")
    assert len(unruled) == 3
    assert CODES["PDF-UNRULED-TABLE"][0] is gr.Severity.WARNING
    if any(read[p] is None for p in source):  # every blank has a diagnostic that says why
        assert {"ROW-MISSING", "SHORT-ROW", "TABLE-TRUNCATED"} & set(result.codes)


def test_diagnostics_name_the_page() -> None:
    """A diagnostic's message names the page where its text is printed."""
    path = FIXTURES / "unruled-2021.pdf"
    raw = _page_text(path)
    result = parse_pdf(path)

    for d in result.by_code("PDF-UNRULED-TABLE"):
        page = int(re.search(r"（第(\d+)页）$", d.message).group(1))  # type: ignore[union-attr]
        assert d.message_en.endswith(f"(page {page})")
        heading = d.message.split("”")[0].lstrip("“")
        assert heading[:6] in re.sub(r"\s", "", raw[page - 1])


def test_scanned_pdf_is_a_clear_error() -> None:
    """An image-only PDF: PdfReadError naming the file, in English and Chinese, saying there is no OCR."""
    with pytest.raises(PdfReadError) as info:
        parse_pdf(FIXTURES / "scanned.pdf")

    assert info.value.kind == "scanned"
    assert "scanned image, no text layer; OCR is not supported" in str(info.value)
    assert "不支持OCR" in str(info.value)
    assert "scanned.pdf" in str(info.value)
    assert isinstance(info.value, ReportReadError)


def test_encrypted_pdf_needs_its_password() -> None:
    """An encrypted PDF is a clear error; with its password it reads like any other."""
    path = FIXTURES / "encrypted.pdf"
    with pytest.raises(PdfReadError) as info:
        parse_pdf(path)
    assert info.value.kind == "encrypted"
    assert "password" in str(info.value)
    with pytest.raises(PdfReadError):
        parse_pdf(path, password="wrong")

    result = parse_pdf(path, password="secret")
    assert result.report is not None
    assert _cells(result.report) == _cells(_source("encrypted"))


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n" + b"\x00garbage" * 50, b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", b"plain text"],
)
def test_damaged_pdf_is_a_clear_error(data: bytes) -> None:
    """Garbage after a PDF header, a PDF without pages, and a non-PDF: PdfReadError, never a traceback."""
    with pytest.raises(PdfReadError) as info:
        parse_pdf(data)
    assert info.value.kind in ("corrupt", "empty")
    assert info.value.source == "<bytes>"


def test_truncated_pdf_is_a_clear_error_or_a_report() -> None:
    """A PDF cut short either still reads or is a PdfReadError."""
    data = (FIXTURES / "word-2021.pdf").read_bytes()
    kinds = []
    for cut in (100, len(data) // 3, len(data) // 2):
        try:
            parse_pdf(data[:cut])
        except PdfReadError as exc:
            kinds.append(exc.kind)
    assert set(kinds) <= {"corrupt", "empty"}
    assert kinds  # 100 bytes are not a report


@settings(max_examples=15)
@given(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=20))
@example([(0.04956, 1)])  # closing the damaged file failed too, and its error replaced the PdfReadError
def test_any_damage_is_a_documented_error(changes: list[tuple[float, int]]) -> None:
    """Bytes of a fixture overwritten anywhere: a report, or an exception of the library; nothing else escapes."""
    data = bytearray((FIXTURES / "word-2019.pdf").read_bytes())
    for where, byte in changes:
        data[int(where * len(data))] = byte
    with contextlib.suppress(GovInfoReportError):
        parse_pdf(bytes(data))


def _pdf(*objects: bytes) -> bytes:
    """A PDF of *objects* (numbered from 1; 1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s>>"


def test_hostile_pdf_over_the_limits_is_refused() -> None:
    """A page content that inflates far beyond its size, and more pages than allowed, are refused before reading."""
    bomb = _pdf(CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE % b"", _stream(b" " * 3_000_000))
    assert len(bomb) < 10_000  # 3 MB of nothing, a few KB in the file
    with pytest.raises(PdfReadError) as info:
        parse_pdf(bomb, max_decoded=1_000_000)
    assert info.value.kind == "limit"
    assert "1000000" in str(info.value)
    with pytest.raises(PdfReadError) as info:
        parse_pdf(bomb)  # under the default limit: read, and it has no text
    assert info.value.kind == "empty"

    with pytest.raises(PdfReadError) as info:
        parse_pdf(FIXTURES / "word-footer-2021.pdf", max_pages=2)
    assert info.value.kind == "limit"
    assert "max_pages" in str(info.value)


def test_hostile_form_and_page_count_are_refused() -> None:
    """A form XObject that inflates too far, and a page tree claiming a million pages, are refused too."""
    form = _pdf(
        CATALOG,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        PAGE % b"/Resources << /XObject << /X0 5 0 R >> >> ",
        _stream(b"/X0 Do"),
        _stream(b" " * 2_000_000, b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "),
    )
    with pytest.raises(PdfReadError) as info:
        parse_pdf(form, max_decoded=1_000_000)
    assert info.value.kind == "limit"

    claims = _pdf(CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>", PAGE % b"", _stream(b""))
    with pytest.raises(PdfReadError) as info:
        parse_pdf(claims)
    assert info.value.kind == "limit"
    assert "1000000 pages" in str(info.value)


def test_without_pdfplumber_a_documented_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pdfplumber parse_pdf (and parse of a .pdf) raise MissingDependencyError with the install command."""
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(MissingDependencyError) as info:
        parse(FIXTURES / "word-2021.pdf")
    assert 'pip install "govinfo-report[pdf]"' in str(info.value)
    assert isinstance(info.value, ImportError)


@pytest.mark.parametrize(
    ("suffix", "hint"),
    [(".doc", "--convert-to docx"), (".wps", "--convert-to docx"), (".et", "--convert-to"), (".xls", "--convert-to"),
     (".ofd", "PDF")],
)
def test_formats_not_read_say_how_to_convert(tmp_path: Path, suffix: str, hint: str) -> None:
    """.doc, .wps, .et, .xls and .ofd files get an error naming the file and how to convert it."""
    path = tmp_path / f"report{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(ReportReadError) as info:
        parse(path)
    message = str(info.value)
    assert f"report{suffix}" in message
    assert hint in message
    if suffix != ".ofd":
        assert f"soffice --headless {hint}" in message or "soffice --headless --convert-to" in message


def test_an_old_word_file_under_another_name_is_recognised(tmp_path: Path) -> None:
    """A Word 97-2003 file (OLE2 header) named .txt gets the conversion advice too, not a decoding error."""
    path = tmp_path / "report.txt"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(ReportReadError, match="--convert-to docx"):
        parse(path)


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def test_cli_parse_pdf(tmp_path: Path) -> None:
    """parse report.pdf -o report.json writes the report the PDF was printed from."""
    out_file = tmp_path / "report.json"
    out = run("parse", str(FIXTURES / "word-2021.pdf"), "-o", str(out_file))

    assert out.returncode == 0, out.stderr
    assert visible(gr.from_json(out_file.read_bytes())) == visible(_source("word-2021"))


def test_cli_render_and_records_read_pdf() -> None:
    """render and records accept a .pdf."""
    rendered = run("render", str(FIXTURES / "html-2019.pdf"), "--format", "json")
    records = run("records", str(FIXTURES / "word-2021.pdf"))

    assert rendered.returncode == 0, rendered.stderr
    assert visible(gr.from_json(rendered.stdout)) == visible(_source("html-2019"))
    assert "UNIT-IN-CELL" in rendered.stderr
    assert records.returncode == 0, records.stderr
    assert _source("word-2021").meta.organ in records.stdout


def test_cli_check_a_folder_with_pdfs(tmp_path: Path) -> None:
    """check DIR reads the .pdf files in it, and reports an unreadable one without stopping."""
    for name in ("word-2019", "scanned"):
        shutil.copyfile(FIXTURES / f"{name}.pdf", tmp_path / f"{name}.pdf")
    out = run("check", str(tmp_path), "--format", "json")

    assert out.returncode in (1, 2), out.stderr
    assert "word-2019.pdf" in out.stdout
    assert "scanned.pdf" in out.stdout + out.stderr
    assert "Traceback" not in out.stderr


def test_cli_scanned_pdf_exit_status_2() -> None:
    """A scanned PDF: exit status 2 and the reason on stderr, no traceback."""
    path = str(FIXTURES / "scanned.pdf")
    out = run("check", path)

    assert out.returncode == 2
    assert "OCR is not supported" in out.stderr
    assert out.stderr.count(path) == 1  # the file is named, once
    assert "Traceback" not in out.stderr


def test_parse_names_the_file_in_its_errors() -> None:
    """parse() of an unreadable PDF raises PdfReadError whose source is the file."""
    path = FIXTURES / "scanned.pdf"
    with pytest.raises(PdfReadError) as info:
        parse(path)
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"{path}: ")


def test_fixture_sources_are_the_example_reports() -> None:
    """The sources of the printed fixtures are the example reports (the prose of the long one extended)."""
    examples = Path(__file__).parent.parent / "examples" / "data"
    assert _source("word-2019") == gr.from_json((examples / "wusu-2020.json").read_bytes())
    example = gr.from_json((examples / "example-2023.json").read_bytes())
    assert _source("html-2021") == example
    long = _source("word-footer-2021")
    assert attrs.evolve(long, overview=example.overview, problems=example.problems) == example
    assert json.loads((FIXTURES / "encrypted.json").read_text(encoding="utf-8"))["meta"]["organ"]


FULL = "某某市人民政府办公室2023年政府信息公开工作年度报告"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["某某市人民政府办公室", "2023年政府信息公开工作年度报告"], FULL),
        (["某某市人民政府办公室2023年政府信息公开", "工作年度报告"], FULL),
        (["某某县统计局2022年政府信息公开工作年度报告"], "某某县统计局2022年政府信息公开工作年度报告"),
        (["索引号：000014348/2024-00012", "2023年政府信息公开工作年度报告"], "2023年政府信息公开工作年度报告"),
        (["2024-01-26", "2023年政府信息公开工作年度报告"], "2023年政府信息公开工作年度报告"),
    ],
)
def test_title_over_two_lines(lines: list[str], title: str) -> None:
    """A wrapped title, or the organ on the line above, is one title; a metadata line above it is not the organ."""
    from govinfo_report.importers._pdf import _title_lines

    after = ["某某市人民政府办公室", "2023年政府信息公开工作年度报告"]
    joined = [t for t in _title_lines([*lines, "一、总体情况", *after]) if t]
    assert title in joined
    assert joined[-2:] == after  # after the first heading: kept as they are


def _split(table: HtmlTable, k: int, repeat: int) -> tuple[HtmlTable, HtmlTable]:
    """
    *table* cut before row *k* as a page break cuts it, the first *repeat* rows printed again on the new page.

    A merged cell that the break cuts prints its text in the part that holds
    more of its rows (where its middle falls), the other part empty.
    """
    grid = table.grid()
    upper: list[list[HtmlCell]] = []
    lower: list[list[tuple[int, HtmlCell]]] = [[] for _ in table.rows[k:]]
    for r, row in enumerate(table.rows):
        if r >= k:
            for cell in row:
                c = next(i for i, slot in enumerate(grid[r]) if slot is cell)
                lower[r - k].append((c, attrs.evolve(cell)))
            continue
        cells = []
        for cell in row:
            c = next(i for i, slot in enumerate(grid[r]) if slot is cell)
            if r + cell.rowspan > k:  # cut by the break
                above, below = k - r, r + cell.rowspan - k
                text_above = cell.text if above >= below else ""
                cells.append(attrs.evolve(cell, rowspan=above, text=text_above))
                lower[0].append((c, HtmlCell(cell.text if not text_above else "", below, cell.colspan)))
            else:
                cells.append(attrs.evolve(cell))
        upper.append(cells)
    rows = [[cell for _, cell in sorted(row, key=lambda item: item[0])] for row in lower]
    header = [[attrs.evolve(cell) for cell in row] for row in table.rows[:repeat]]
    return HtmlTable(upper), HtmlTable(header + rows)


def _header_rows(table: HtmlTable) -> list[int]:
    """The numbers of first rows that hold no cell running below them (a header that can be repeated)."""
    return [h for h in range(4) if all(r + cell.rowspan <= h for r, row in enumerate(table.rows[:h]) for cell in row)]


@settings(max_examples=30)
@given(reports(), st.sampled_from(["二", "三", "四"]), st.integers(1, 40), st.integers(0, 3))
def test_a_table_cut_anywhere_by_a_page_break_joins_back(
    report: gr.AnnualReport, name: str, at: int, repeat: int
) -> None:
    """Cut a table before any row (merged labels cut too, header rows repeated or not): joined, it is the table."""
    from govinfo_report.importers._html import extract
    from govinfo_report.importers._pdf import _append
    from govinfo_report.render.html import render_html_table

    table = next(b for b in extract(render_html_table(report, name)) if isinstance(b, HtmlTable))
    k = 1 + at % (len(table.rows) - 1)
    heads = [h for h in _header_rows(table) if h < k]
    upper, lower = _split(table, k, heads[repeat % len(heads)])

    def texts(t: HtmlTable) -> list[list[str | None]]:
        return [[c.text if c else None for c in row] for row in t.grid()]

    joined = _append(upper, lower)
    assert texts(joined) == texts(table)
    assert len(joined.rows) == len(table.rows)


def test_a_scanned_page_among_pages_with_text() -> None:
    """A scanned page after the report is reported by its number; the pages with text are read as usual."""
    path = FIXTURES / "mixed-2021.pdf"
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        assert not pdf.pages[-1].chars
        assert pdf.pages[-1].images

    result = parse_pdf(path)

    assert result.report is not None
    assert _cells(result.report) == _cells(_source("mixed-2021"))
    assert visible(result.report) == visible(_source("mixed-2021"))
    (scanned,) = result.by_code("PDF-SCANNED-PAGE")
    assert f"第{pages}页" in scanned.message
    assert f"page {pages} " in scanned.message_en
    assert scanned.severity is gr.Severity.WARNING
