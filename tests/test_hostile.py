"""
Hostile input and failures: no traceback, nothing lost, no injection, batches that survive a bad file.

One test per case of the "limits and guarantees" (docs/limits.md).
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo_report as gr
from govinfo_report import convert
from govinfo_report.cli import EXIT_BUG, TRACEBACK_ENV, main
from govinfo_report.errors import InputLimitError, ReportReadError
from govinfo_report.limits import Limits, open_zip

from .helpers import (
    DOCUMENT,
    document_xml,
    docx_bytes,
    example,
    example_dict,
    members,
    rezip,
    with_doctype,
    with_document,
    with_organ,
)

needs_docx = pytest.mark.skipif(
    __import__("importlib.util").util.find_spec("docx") is None, reason="python-docx is not installed"
)


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err
    assert len(err.splitlines()) <= 31


# ----------------------------------------------------------------------------
# .docx: entities, bombs, damage, limits
# ----------------------------------------------------------------------------

XXE = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = b"<!DOCTYPE w:document [" + b'<!ENTITY lol0 "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%d;" % (i - 1) for _ in range(10))) for i in range(1, 10)
) + b"]>"


@needs_docx
def test_text_after_an_entity_reference_is_kept_and_the_entity_not_resolved() -> None:
    """A run with &xxe; keeps the text on both sides; the file it names is not read; a diagnostic says so."""
    xml = document_xml().replace("梳理主动".encode(), "梳理&xxe;主动".encode())
    data = with_document(with_doctype(xml, XXE))

    result = gr.parse_docx(io.BytesIO(data))

    assert result.report is not None
    assert result.report.overview.text == example().overview.text
    assert "root:" not in gr.docx_to_html(io.BytesIO(data))
    assert "梳理主动" in gr.docx_to_html(io.BytesIO(data))
    assert any("xxe" in d.message_en for d in result.by_code("IGNORED-TEXT"))


@needs_docx
def test_billion_laughs_is_not_expanded() -> None:
    """Nested entity definitions are never expanded: the document reads, the entity left out."""
    from govinfo_report.importers.docx import docx_to_html

    xml = document_xml().replace("梳理主动".encode(), "梳理&lol9;主动".encode())
    data = with_document(with_doctype(xml, LAUGHS))

    try:
        html = docx_to_html(io.BytesIO(data))
    except ReportReadError as exc:  # libxml2's own amplification guard may refuse the definitions
        html = str(exc)

    assert "lol" not in html
    assert "梳理主动" in html or "entities that expand without bound" in html


@needs_docx
@pytest.mark.parametrize(
    ("name", "damage"),
    [
        ("malformed", lambda data: with_document(b"<w:document><w:body><w:p></w:body>", data)),
        ("truncated", lambda data: data[: len(data) // 2]),
        ("deeply nested", lambda data: with_document(_nested(100_000), data)),
        ("no body", lambda data: with_document(b'<w:document xmlns:w="urn:x"/>', data)),
        ("no document part", lambda data: rezip({"other.xml": b"<a/>"})),
        ("corrupted deflate stream", lambda data: _corrupt_deflate(data)),
        ("not xml at all", lambda data: with_document(b"\x00\xff" * 100, data)),
    ],
)
def test_broken_docx_is_a_documented_error(name: str, damage: Any, tmp_path: Path) -> None:
    """Malformed, truncated, deeply nested and corrupted .docx files raise ReportReadError, and the CLI exits 2."""
    path = tmp_path / "report.docx"
    path.write_bytes(damage(docx_bytes()))

    with pytest.raises(ReportReadError) as info:
        gr.parse_docx(path)
    status = main(["check", str(path)])

    assert "report.docx" in str(info.value)
    assert status == 2


def _nested(depth: int) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    inner = b"<w:sdt><w:sdtContent>" * depth + b"</w:sdtContent></w:sdt>" * depth
    return f'<w:document xmlns:w="{w}"><w:body>'.encode() + inner + b"</w:body></w:document>"


def _corrupt_deflate(data: bytes) -> bytes:
    """Our .docx with bytes in the middle of word/document.xml's compressed data overwritten."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(DOCUMENT)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    broken = bytearray(data)
    broken[middle : middle + 64] = b"\xff" * 64
    return bytes(broken)


@needs_docx
def test_zip_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    """A member declaring 200 MB (our own .docx with a 200 MB narrative) is refused from the directory alone."""
    path = tmp_path / "bomb.docx"
    parts = members(docx_bytes())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, part in parts.items():
            if name != DOCUMENT:
                z.writestr(name, part)
        with z.open(DOCUMENT, "w") as f:
            head, _, tail = part_split(parts[DOCUMENT])
            f.write(head)
            chunk = "政府信息公开".encode() * 100_000
            for _ in range(200 * 1024 * 1024 // len(chunk)):
                f.write(chunk)
            f.write(tail)

    with pytest.raises(InputLimitError) as info:
        gr.parse_docx(path)

    assert info.value.limit in ("max_member_bytes", "max_ratio")
    assert main(["check", str(path)]) == 2


def part_split(xml: bytes) -> tuple[bytes, bytes, bytes]:
    """*xml* split around its first text run's text."""
    head, sep, tail = xml.partition(b"<w:t>")
    return head + sep, b"", tail


@needs_docx
@pytest.mark.parametrize(
    ("limits", "limit"),
    [
        (Limits(max_member_bytes=10_000), "max_member_bytes"),
        (Limits(max_total_bytes=20_000), "max_total_bytes"),
        (Limits(max_members=3), "max_members"),
        (Limits(max_text_chars=100), "max_text_chars"),
        (Limits(max_text_node=20), "max_text_node"),
        (Limits(max_table_cells=50), "max_table_cells"),
        (Limits(max_file_bytes=1000), "max_file_bytes"),
    ],
)
def test_each_limit_is_enforced_and_named(limits: Limits, limit: str) -> None:
    """Every limit refuses our own .docx when set below its size, naming itself; the error pickles."""
    import pickle

    with pytest.raises(InputLimitError) as info:
        gr.parse_docx(io.BytesIO(docx_bytes()), limits=limits)

    assert info.value.limit == limit
    assert pickle.loads(pickle.dumps(info.value)).limit == limit


@needs_docx
def test_default_limits_read_our_own_docx() -> None:
    """The defaults read a real-sized report whole."""
    result = gr.parse_docx(io.BytesIO(docx_bytes()))

    assert result.report is not None
    assert result.report.requests == example().requests


@needs_docx
def test_a_huge_grid_span_is_capped() -> None:
    """A cell spanning a billion columns does not make a billion-column table."""
    xml = document_xml().replace(b'<w:gridSpan w:val="3"/>', b'<w:gridSpan w:val="1000000000"/>', 1)
    assert b"1000000000" in xml

    html = gr.docx_to_html(io.BytesIO(with_document(xml)))

    assert 'colspan="64"' in html
    assert "1000000000" not in html


@needs_docx
def test_write_docx_refuses_a_report_too_large_up_front(tmp_path: Path) -> None:
    """A report whose narrative the reader would refuse is refused before anything is written."""
    big = attrs.evolve(example(), overview=gr.Narrative(text=("政" * 999 + "\n") * 20_001))
    path = tmp_path / "big.docx"

    with pytest.raises(InputLimitError) as info:
        gr.write_docx(big, path)

    assert info.value.limit == "max_text_chars"
    assert not path.exists()


@needs_docx
def test_write_docx_keeps_the_old_file_when_saving_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """write_docx writes atomically: a failure half-way leaves the old file as it was, and no temporary file."""
    import docx.document

    path = tmp_path / "report.docx"
    path.write_bytes(b"old")

    def failing_save(self: Any, stream: Any) -> None:
        stream.write(b"PK partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", failing_save)
    with pytest.raises(OSError, match="No space"):
        gr.write_docx(example(), path)

    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_open_zip_refuses_what_is_not_a_zip() -> None:
    """open_zip says the input is not a zip archive, naming it."""
    with pytest.raises(ReportReadError, match="<stream>"):
        open_zip(io.BytesIO(b"not a zip"))


def test_limits_refuse_a_nonsense_value() -> None:
    """A limit must be a positive int."""
    with pytest.raises(gr.OptionError, match="max_ratio"):
        Limits(max_ratio=0)


# ----------------------------------------------------------------------------
# JSON: nesting, big numbers, surrogates, duplicate keys, strict amounts
# ----------------------------------------------------------------------------


@pytest.fixture(params=[True, False], ids=["orjson", "json"])
def json_reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run the test with orjson (when installed) and with the standard library."""
    if request.param and convert._orjson() is None:
        pytest.skip("orjson is not installed")
    monkeypatch.setattr(convert, "USE_ORJSON", request.param)
    return bool(request.param)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def test_json_nested_100000_deep(json_reader: bool) -> None:
    """An array nested 100,000 deep is a StructureError, not a RecursionError."""
    with pytest.raises(gr.StructureError, match="nested"):
        gr.from_json("[" * 100_000 + "]" * 100_000)


def test_json_nested_1000_deep_inside_one_field(json_reader: bool) -> None:
    """About 1,000 levels inside one field are refused (with that field's path where the reader gets there)."""
    import re

    nested = "[" * 1000 + '"x"' + "]" * 1000
    text = re.sub(r'"organ": "[^"]*"', lambda m: '"organ": ' + nested, _dumps(example_dict()), count=1)

    with pytest.raises(gr.StructureError) as info:
        gr.from_json(text)

    assert any("$.meta.organ" in e for e in info.value.errors) or info.value.errors == [
        "not valid JSON: nested too deeply (more than 64 levels) @ $"
    ]
    assert len(str(info.value)) < 2000


@pytest.mark.parametrize("digits", [16, 41, 4_300, 4_301, 20_000])
def test_json_integers_of_4300_digits_and_more(json_reader: bool, digits: int) -> None:
    """A count of more than 15 digits (10^40, 4,300 digits and more) is refused in a short message."""
    text = _dumps(example_dict()).replace('"natural_person": 0', f'"natural_person": {"9" * digits}', 1)

    with pytest.raises(gr.StructureError) as info:
        gr.from_json(text)

    assert len(str(info.value)) < 500


def test_json_lone_surrogate_is_refused(json_reader: bool) -> None:
    """A lone surrogate in a text is refused with its path (it could not be written as UTF-8)."""
    text = _dumps(example_dict()).replace('"organ": "', '"organ": "\\ud800', 1)

    with pytest.raises(gr.StructureError, match=r"surrogate.*\$\.meta\.organ"):
        gr.from_json(text)


def test_render_json_of_a_lone_surrogate_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """render --format json of a report with a lone surrogate exits 2 with one line, no traceback."""
    path = tmp_path / "r.json"
    path.write_text(_dumps(example_dict()).replace('"organ": "', '"organ": "\\udc00', 1), encoding="utf-8")

    status, out, err = _cli(["render", str(path), "--format", "json"], capsys)

    assert (status, out) == (2, "")
    _no_traceback(err)


def test_write_output_of_a_lone_surrogate_is_a_command_error() -> None:
    """Text with a lone surrogate (from a report built in Python) cannot be written, and says so."""
    from govinfo_report.cli._common import CommandError, write_output

    with pytest.raises(CommandError, match="surrogate"):
        write_output("某\ud800", None)


@pytest.mark.parametrize(
    "text",
    [
        '{"format_version": 1, "format_version": 1}',
        '{"a": {"b": 1, "b": 2}}',
        '{"a": "x\\"y", "a": 1}',
        '{"a" : 1, "a": 2}',
    ],
)
def test_duplicate_keys_are_refused_with_their_path(json_reader: bool, text: str) -> None:
    """A key given twice in one object is refused, naming the key and the object's path."""
    with pytest.raises(gr.StructureError) as info:
        gr.from_json(text)

    assert any("given twice" in e for e in info.value.errors)


def test_duplicate_key_in_a_real_report(json_reader: bool) -> None:
    """A duplicate organ in a complete report is refused at $.meta, whichever JSON reader is used."""
    text = _dumps(example_dict()).replace('"organ":', '"organ": "甲", "organ":', 1)

    with pytest.raises(gr.StructureError) as info:
        gr.from_json(text)

    assert info.value.errors == ["the key 'organ' is given twice @ $.meta"]


@pytest.mark.parametrize(
    "narrative",
    ['他说："好" : 可以', "时间 10:30，网址 http://x.gov.cn/a?b=1", '"', ":", '\\"x\\": 1'],
)
def test_texts_that_look_like_keys_are_not_duplicates(json_reader: bool, narrative: str) -> None:
    """Quotes and colons inside texts are not taken for keys: the report loads and round-trips."""
    report = attrs.evolve(example(), overview=gr.Narrative(text=narrative))

    for text in (gr.to_json(report), gr.to_json(report).encode(), gr.to_json(report, indent=None)):
        assert gr.from_json(text) == report


@pytest.mark.parametrize("amount", [" 178 ", "1_78", "１７８", "-0", "+178", ".5", "178.", "0x10", "NaN", "1e", "٣"])
def test_strict_json_amounts(json_reader: bool, amount: str) -> None:
    """Only a plain decimal string of ASCII digits is an amount in JSON."""
    data = example_dict()
    data["proactive"]["procurement"]["amount"] = amount

    with pytest.raises(gr.StructureError, match=r"\$\.proactive\.procurement\.amount"):
        gr.from_json(_dumps(data))


@pytest.mark.parametrize("amount", ["178.00", "0", "0.5", "1.5E+3", "0E-8", "1E+999999"])
def test_plain_json_amounts_load_exactly(json_reader: bool, amount: str) -> None:
    """A plain decimal string loads as that exact Decimal, and writes back the same."""
    data = example_dict()
    data["proactive"]["procurement"]["amount"] = amount

    report = gr.from_json(_dumps(data))

    assert str(report.proactive.procurement.amount) == amount


def test_a_negative_zero_amount_is_refused_by_the_model() -> None:
    """Decimal('-0') is not an amount (its JSON form '-0' would not load back)."""
    with pytest.raises(gr.CellValueError, match="negative"):
        gr.FeeAmount(amount=Decimal("-0"))


def test_error_messages_quote_at_most_about_80_characters(json_reader: bool) -> None:
    """A 5 MB bad value is quoted in about 80 characters, not echoed."""
    data = example_dict()
    data["requests"]["received"]["natural_person"] = "号" * 5_000_000
    data["meta"]["x" * 1_000_000] = 1

    with pytest.raises(gr.StructureError) as info:
        gr.from_json(_dumps(data))

    assert len(str(info.value)) < 1000


# ----------------------------------------------------------------------------
# diff and aggregate: exact amounts, huge counts
# ----------------------------------------------------------------------------


def _with_amount(report: gr.AnnualReport, amount: str) -> gr.AnnualReport:
    return gr.replace_cell(report, "$.proactive.procurement.amount", Decimal(amount))


def test_diff_of_counts_like_10_to_the_40(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Counts of 10^40 in JSON are refused (exit 2, one line); built in Python they compare exactly."""
    old = example()
    new = gr.replace_cell(old, "$.requests.received.natural_person", 10**40)
    old = gr.replace_cell(old, "$.requests.received.natural_person", 3)

    cell = next(c for c in gr.compare(old, new).cells if c.path == "$.requests.received.natural_person")
    (tmp_path / "a.json").write_text(gr.to_json(old), encoding="utf-8")
    (tmp_path / "b.json").write_text(gr.to_json(new), encoding="utf-8")
    status, out, err = _cli(["diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--format", "json"], capsys)

    assert cell.change == 10**40 - 3
    assert cell.change_pct == Decimal(str((10**40 - 3) * 100 // 3) + ".33")
    assert (status, out) == (2, "")
    assert "15 digits" in err
    _no_traceback(err)


@pytest.mark.parametrize(
    ("change", "old", "pct"),
    [(1, 3, "33.33"), (2, 3, "66.67"), (1, 8, "12.50"), (1, 32, "3.13"), (-1, 32, "-3.13"), (-1, 400, "-0.25"),
     (-1, 40_000, "0.00"), (Decimal("0.005"), Decimal(1), "0.50"), (Decimal("1E-5"), Decimal(2), "0.00")],
)
def test_percentages_round_half_up_exactly(change: Any, old: Any, pct: str) -> None:
    """Percent changes are exact fractions rounded half away from zero to two places."""
    from govinfo_report._exact import percent

    assert str(percent(change, old)) == pct


def test_aggregate_sums_amounts_beyond_28_digits_exactly() -> None:
    """Amounts with 30 significant digits sum exactly (the default context would round to 28)."""
    a = _with_amount(example(), "1234567890123456789012345678.9")
    b = _with_amount(with_organ(example(), "乙局"), "0.1")

    summary = gr.aggregate([a, b], organ="某县", errors="ignore")  # the seed's own errors are not the point here

    assert summary.proactive.procurement.amount == Decimal("1234567890123456789012345679.0")


@pytest.mark.parametrize("command", ["diff", "aggregate"])
def test_amounts_like_1e999999_are_refused(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An amount of 1E+999999 cannot be summed or subtracted exactly: InputLimitError, exit 2, one line."""
    a = example()
    b = _with_amount(with_organ(example(), "乙局"), "1E+999999")
    (tmp_path / "a.json").write_text(gr.to_json(a), encoding="utf-8")
    (tmp_path / "b.json").write_text(gr.to_json(b), encoding="utf-8")

    with pytest.raises(InputLimitError) as info:
        gr.compare(a, b) if command == "diff" else gr.aggregate([a, b], organ="某县")
    extra = ["--organ", "某县"] if command == "aggregate" else []
    status, _, err = _cli([command, str(tmp_path / "a.json"), str(tmp_path / "b.json"), *extra], capsys)

    assert info.value.limit == "amount_precision"
    assert status == 2
    assert "amount_precision" in err
    _no_traceback(err)


# ----------------------------------------------------------------------------
# The command line: exit statuses and atomic output
# ----------------------------------------------------------------------------


def test_a_bug_exits_70_with_one_line_saying_how_to_report_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected exception is not exit 1 nor a traceback: status 70 and one line naming the bug and the remedy."""
    path = tmp_path / "r.json"
    path.write_text(gr.to_json(example()), encoding="utf-8")
    monkeypatch.delenv(TRACEBACK_ENV, raising=False)

    def broken(report: Any, **_: Any) -> str:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("govinfo_report.render.text.render_markdown", broken)
    status, _, err = _cli(["render", str(path), "--format", "markdown"], capsys)

    assert status == EXIT_BUG == 70
    assert len(err.strip().splitlines()) == 1
    assert "bug" in err
    assert TRACEBACK_ENV in err
    assert "ZeroDivisionError" in err


def test_the_traceback_of_a_bug_on_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With GOVINFO_REPORT_TRACEBACK=1 the exception propagates (for developers)."""
    path = tmp_path / "r.json"
    path.write_text(gr.to_json(example()), encoding="utf-8")
    monkeypatch.setenv(TRACEBACK_ENV, "1")

    def broken(report: Any, **_: Any) -> str:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("govinfo_report.render.text.render_markdown", broken)
    with pytest.raises(ZeroDivisionError):
        main(["render", str(path), "--format", "markdown"])


@pytest.mark.parametrize("command", ["render", "check", "records", "indicators"])
def test_a_failed_write_keeps_the_old_output_file(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o writes atomically: a full disk while writing keeps the old file whole, and leaves no temporary file."""
    import govinfo_report._atomic as atomic

    source = tmp_path / "r.json"
    source.write_text(gr.to_json(example()), encoding="utf-8")
    out = tmp_path / "out.txt"
    out.write_text("the old output", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    status, _, err = _cli([command, str(source), "-o", str(out)], capsys)

    assert status == 2
    assert "No space left on device" in err
    assert out.read_text(encoding="utf-8") == "the old output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt", "r.json"]


def test_an_output_file_is_replaced_whole(tmp_path: Path) -> None:
    """A successful -o replaces the old file, keeping its permissions."""
    source = tmp_path / "r.json"
    source.write_text(gr.to_json(example()), encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("x" * 100_000, encoding="utf-8")
    out.chmod(0o640)

    status = main(["render", str(source), "--format", "json", "-o", str(out)])

    assert status == 0
    assert gr.from_json(out.read_bytes()) == example()
    assert out.stat().st_mode & 0o777 == 0o640


# ----------------------------------------------------------------------------
# Injection: CSV formulas, Markdown, terminal escapes
# ----------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("organ", FORMULAS)
def test_records_csv_neutralises_formulas_but_not_numbers(organ: str) -> None:
    """A text cell a spreadsheet would run gets a leading apostrophe; a negative 本年增/减 stays a number."""
    report = with_organ(gr.AnnualReport.blank("2019", organ="甲", year=2020, fill=0), organ)
    report = gr.replace_cell(report, "$.proactive.licensing.change", -3)

    rows = list(csv.DictReader(io.StringIO(gr.records_to_csv(gr.to_records(report)), newline="")))
    raw = list(csv.DictReader(io.StringIO(gr.records_to_csv(gr.to_records(report), neutralize=False), newline="")))

    assert {r["organ"] for r in rows} == {"'" + organ}
    assert {r["organ"] for r in raw} == {organ}
    assert "-3" in {r["value"] for r in rows}
    assert not any(r["value"].startswith("'") for r in rows)


def test_indicators_csv_neutralises_the_organ() -> None:
    """The organ of an indicators CSV line is neutralised; the ratios are written as numbers."""
    report = with_organ(example(), "=1+1")

    rows = list(csv.DictReader(io.StringIO(gr.render_indicators([gr.indicators(report)], "csv"))))

    assert rows[0]["organ"] == "'=1+1"


def test_folder_check_csv_neutralises_file_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """check DIR --format csv writes a file named like a formula with an apostrophe, or raw with --raw-csv."""
    (tmp_path / "=cmd.json").write_text(gr.to_json(example()), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    status, out, _ = _cli(["check", ".", "--format", "csv"], capsys)
    _, raw, _ = _cli(["check", ".", "--format", "csv", "--raw-csv"], capsys)

    assert status in (0, 1)
    assert next(csv.DictReader(io.StringIO(out)))["source"] == "'=cmd.json"
    assert next(csv.DictReader(io.StringIO(raw)))["source"] == "=cmd.json"


def test_markdown_escapes_organ_titles_and_narratives() -> None:
    """Report text in Markdown cannot become HTML, a link or a heading: rendered, it shows as written."""
    markdown = pytest.importorskip("markdown")
    hostile = '<script>alert(1)</script> [点击](http://evil.example) **粗**'
    report = attrs.evolve(
        with_organ(example(), hostile),
        overview=gr.Narrative(
            text="# 不是标题\n- 不是列表\n> 不是引用\n1. 不是编号\n<img src=x onerror=alert(1)>",
            subsections=(gr.Subsection(title="（一）[链接](http://x) <b>", text="正文 & 更多"),),
        ),
    )

    html = markdown.markdown(gr.render_markdown(report))

    for tag in ("<script", "<img", "<a ", "<b>", "<strong>", "<li>", "<blockquote>", "<ol>"):
        assert tag not in html
    assert html.count("<h1>") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "# 不是标题" in html


@pytest.mark.parametrize("escape", ["\x1b[2J", "\x1b]0;pwned\x07", "\x9b31m", "\r", "\x08", "\u202e"])
def test_terminal_output_strips_control_and_ansi_sequences(
    escape: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Report text with terminal escapes prints without them, in render text, check and diff output."""
    report = attrs.evolve(with_organ(example(), f"甲{escape}局"), overview=gr.Narrative(text=f"正文{escape}结束"))
    path = tmp_path / "r.json"
    path.write_text(gr.to_json(report), encoding="utf-8")

    outputs = [_cli([*argv, str(path)], capsys)[1] for argv in (["render"], ["check"], ["indicators"])]
    outputs.append(_cli(["diff", str(path), str(path)], capsys)[1])

    for out in outputs:
        assert escape not in out
        assert "\x1b" not in out
    assert "甲局" in outputs[0]
    assert "正文结束" in outputs[0]


# ----------------------------------------------------------------------------
# Batches
# ----------------------------------------------------------------------------


def _folder(tmp_path: Path, corrupt: bool = True) -> list[str]:
    good = gr.to_json(example())
    paths = []
    for i in range(4):
        p = tmp_path / f"{i}-good.json"
        p.write_text(good, encoding="utf-8")
        paths.append(str(p))
    if corrupt:
        bad = tmp_path / "2-corrupt.docx"
        bad.write_bytes(_corrupt_deflate(docx_bytes()) if _has_docx() else b"PK\x03\x04broken")
        paths.insert(2, str(bad))
    return paths


def _has_docx() -> bool:
    import importlib.util

    return importlib.util.find_spec("docx") is not None


def test_parse_many_with_two_workers_survives_a_corrupt_docx(tmp_path: Path) -> None:
    """A corrupt .docx becomes its own failed result; every other file is read (2 workers)."""
    paths = _folder(tmp_path)

    results = gr.parse_many(paths, workers=2)

    assert [r.ok for r in results] == [True, True, False, True, True]
    assert results[2].source == paths[2]
    assert "PARSE-FAILED" in results[2].codes


def test_load_many_and_check_many_survive_a_corrupt_docx(tmp_path: Path) -> None:
    """load_many and check_many (2 workers) return a failed result with an error for the bad file only."""
    import pickle

    paths = _folder(tmp_path)

    loaded = gr.load_many(paths, workers=2)
    checked = gr.check_many(paths, workers=2)

    assert [r.ok for r in loaded] == [True, True, False, True, True]
    assert [r.ok for r in checked] == [True, True, False, True, True]
    assert "ReportReadError" in (checked[2].error or "")
    assert pickle.loads(pickle.dumps(checked[2])) == checked[2]


def _killing_parse_one(path: str) -> Any:
    """Die like a worker killed by the system on one file; read the others."""
    if "kill" in os.path.basename(path):
        os._exit(9)
    from govinfo_report.importers import _dispatch

    return _dispatch.parse(path)


def _killing_check_file(source: str, blank: str = "zero", narrative: bool = True) -> Any:
    """collection.check_file, except that the worker dies on a file named *kill*."""
    if "kill" in os.path.basename(source):
        os._exit(9)
    from govinfo_report.analysis import collection

    return collection._real_check_file(source, blank, narrative)  # type: ignore[attr-defined]


def test_a_killed_worker_fails_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that dies (os._exit, as when killed out of memory) marks its file failed; the rest are read."""
    from govinfo_report.importers import _dispatch

    paths = _folder(tmp_path, corrupt=False)
    kill = tmp_path / "kill.json"
    kill.write_text(gr.to_json(example()), encoding="utf-8")
    paths.insert(1, str(kill))
    monkeypatch.setattr(_dispatch, "_parse_one", _killing_parse_one)

    results = gr.parse_many(paths, workers=2)

    assert [r.ok for r in results] == [True, False, True, True, True]
    assert "died" in results[1].diagnostics[0].message_en


def test_check_dir_lists_a_killed_worker_and_a_corrupt_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """check DIR goes on past a dead worker and a corrupt file, lists both as unreadable, and exits 1."""
    import govinfo_report.analysis.collection as collection

    _folder(tmp_path)
    (tmp_path / "kill.json").write_text(gr.to_json(example()), encoding="utf-8")
    monkeypatch.setattr(collection, "_real_check_file", collection.check_file, raising=False)
    monkeypatch.setattr(collection, "check_file", _killing_check_file)
    monkeypatch.setattr(collection, "_workers", lambda workers, n: 2)

    status, out, _ = _cli(["check", str(tmp_path), "--format", "json"], capsys)
    files = {Path(f["source"]).name: f["error"] for f in json.loads(out)["files"]}

    assert status == 1
    assert len(files) == 6
    assert "WorkerDied" in files["kill.json"]
    assert "ReportReadError" in files["2-corrupt.docx"]
    assert [name for name, error in files.items() if error is None] == [f"{i}-good.json" for i in range(4)]


def _unpicklable(x: int) -> Any:
    if x == 2:
        return lambda: None  # a result that cannot cross the process boundary
    return x


def test_run_all_survives_an_unpicklable_result() -> None:
    """A result that cannot be sent back fails its own input only."""
    from govinfo_report._pool import run_all

    out = run_all(_unpicklable, [(i,) for i in range(5)], 2, lambda i, reason: f"failed {i}: {reason}", chunksize=2)

    assert out[:2] == [0, 1]
    assert out[3:] == [3, 4]
    assert out[2].startswith("failed 2: its result could not be sent back")


# ----------------------------------------------------------------------------
# Encodings
# ----------------------------------------------------------------------------


@pytest.fixture
def report_text() -> str:
    """A published report as text."""
    return gr.render_text(example())


@pytest.mark.parametrize(
    ("codec", "name"), [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"), ("utf-16", "UTF-16")]
)
def test_utf16_with_and_without_bom_is_read(codec: str, name: str, report_text: str, tmp_path: Path) -> None:
    """UTF-16 text reads like UTF-8, with an ENCODING diagnostic naming the encoding."""
    path = tmp_path / "r.txt"
    path.write_bytes(report_text.encode(codec))

    result = gr.parse(path)
    utf8 = gr.parse_text(report_text)

    assert result.report == utf8.report
    assert any(name in d.message_en for d in result.by_code("ENCODING"))


def test_gb18030_names_its_encoding_and_the_first_non_utf8_byte(report_text: str, tmp_path: Path) -> None:
    """GB18030 text is read with a diagnostic naming the encoding and the byte where UTF-8 fails."""
    path = tmp_path / "r.txt"
    path.write_bytes(report_text.encode("gb18030"))

    result = gr.parse(path)

    assert result.report == gr.parse_text(report_text).report
    assert any("GB18030" in d.message_en and "byte 1" in d.message_en for d in result.by_code("ENCODING"))


def test_big5_is_recognised_and_read(report_text: str, tmp_path: Path) -> None:
    """Big5 (traditional Chinese) text is decoded as Big5, named in a diagnostic, and its tables read."""
    from govinfo_report.importers.normalize import _T2S

    to_traditional = {ord(s): chr(t) for t, s in sorted(_T2S.items(), reverse=True) if len(s) == 1}
    path = tmp_path / "r.txt"
    path.write_bytes(report_text.translate(to_traditional).encode("big5", errors="replace"))

    result = gr.parse(path, organ="乌苏市文化体育广播电视和旅游局", year=2020)

    assert result.report is not None
    assert (result.report.proactive, result.report.requests) == (example().proactive, example().requests)
    assert any("Big5" in d.message_en for d in result.by_code("ENCODING"))


def test_undecodable_bytes_give_the_byte_offset(tmp_path: Path) -> None:
    """Bytes that are neither UTF-8 nor GB18030 are refused, naming the byte where each fails."""
    path = tmp_path / "r.txt"
    path.write_bytes("一、总体情况".encode() + b"\x80\xff\xff")

    with pytest.raises(gr.ParseError, match=r"from byte 19.*from byte"):
        gr.parse(path)


def test_a_broken_bom_names_the_byte(tmp_path: Path) -> None:
    """A UTF-16 BOM followed by an odd number of bytes is refused with the byte offset."""
    path = tmp_path / "r.txt"
    path.write_bytes(b"\xff\xfe" + "一、".encode("utf-16-le") + b"\x00")

    with pytest.raises(gr.ParseError, match=r"byte order mark.*byte"):
        gr.parse(path)


def test_a_key_left_out_does_not_hide_a_key_given_twice(json_reader: bool) -> None:
    """Leaving out a key that has a default while giving another twice still counts as a duplicate."""
    data = example_dict()
    del data["meta"]["title"]
    text = _dumps(data).replace('"year":', '"year": 2020, "year":', 1)

    with pytest.raises(gr.StructureError) as info:
        gr.from_json(text)

    assert info.value.errors == ["the key 'year' is given twice @ $.meta"]


def test_the_progress_line_strips_escapes_from_file_names() -> None:
    """A file named with an ANSI escape shows in the progress line without it."""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    from govinfo_report.analysis.batch import terminal_progress

    tty = Tty()
    draw = terminal_progress(tty)
    assert draw is not None

    draw(1, 2, "/x/\x1b]0;pwned\x07a.json")

    assert "\x1b" not in tty.getvalue()
    assert "a.json" in tty.getvalue()


@pytest.mark.parametrize("section", ["meta", "overview", "other_matters"])
def test_renamed_keys_of_the_right_number_are_refused(section: str) -> None:
    """A section with as many keys as it should have, but other ones, is a StructureError, not a KeyError."""
    data = example_dict()
    data[section] = {str(i): None for i in range(len(data[section]))}

    with pytest.raises(gr.StructureError, match=rf"\$\.{section}"):
        gr.from_json(json.dumps(data))


@pytest.mark.parametrize("first_has_extras", [True, False], ids=["learned-with-extras", "learned-plain"])
def test_the_key_count_learned_from_one_report_does_not_hide_a_key_twice_in_the_next(
    json_reader: bool, monkeypatch: pytest.MonkeyPatch, first_has_extras: bool
) -> None:
    """
    The keys a report of an edition has are learned from the first one read; the parts that vary
    (subsections, fees, （六） printed as one row) are counted per report, so a later report whose
    parts differ, with a key given twice, is still refused.
    """
    from .strategies import with_single_row

    monkeypatch.setattr(convert, "_BASE_KEYS", {})
    plain = gr.AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
    row = gr.ApplicantCounts(**{a.name: 0 for a in attrs.fields(gr.ApplicantCounts)})
    extras = attrs.evolve(
        with_single_row(plain, row, keep_sub_rows=True),
        overview=gr.Narrative(text="总体", subsections=(gr.Subsection(title="（一）", text="甲"),)),
    )
    first, second = (extras, plain) if first_has_extras else (plain, extras)

    assert gr.from_json(gr.to_json(first)) == first
    assert gr.from_json(gr.to_json(second)) == second
    for times in range(1, 13):  # as many extra keys as the varying parts could make up for
        text = gr.to_json(second, indent=None).replace('"year":', '"year":2022,' * times + '"year":', 1)
        with pytest.raises(gr.StructureError) as info:
            gr.from_json(text)

        assert set(info.value.errors) == {"the key 'year' is given twice @ $.meta"}


@pytest.mark.parametrize("introducer", ["\x1b]", "\x9d"])
def test_an_unfinished_osc_sequence_drops_nothing_after_it(introducer: str) -> None:
    """An OSC escape without its end loses its introducer only: the rest of the text, tables included, stays."""
    report = attrs.evolve(example(), overview=gr.Narrative(text=f"正文{introducer}0;标题未完\n下一段"))

    text = gr.render_text(report)

    assert "\x1b" not in text
    assert introducer not in text
    assert "0;标题未完\n下一段" in text
    assert gr.render_text(example()).split("二、")[1] == text.split("二、")[1]  # the tables are all there
