"""
Robustness: malformed input either loads or raises the documented exception, never anything else.

The default profile runs a few dozen examples per entry point; CI runs this file
with ``HYPOTHESIS_PROFILE=big`` (10,000 examples per test).
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import convert
from govinfo_report.cli import main

from . import strategies
from .conftest import EXAMPLE_JSON
from .helpers import json_places

BASE = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
BASE_2021 = gr.to_dict(gr.AnnualReport.blank("2021", organ="甲局", year=2022, fill=0))

json_scalars = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """A valid report dict with a few random mutations: values replaced, keys deleted or added."""
    doc = copy.deepcopy(draw(st.sampled_from([BASE, BASE_2021])))
    for _ in range(draw(st.integers(1, 4))):
        paths = json_places(doc)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if not path:
            if action == "replace":
                return draw(json_values)
            continue
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        if action == "replace":
            parent[last] = draw(json_values)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=6))] = draw(json_values)
    return doc


# Whole hostile pages are slow to generate and read: CI's big profile runs 2,000 of each (every other entry
# point gets 10,000), which keeps the robustness run within CI's time on two cores.
_HTML_EXAMPLES = min(settings.default.max_examples, 2_000)


@pytest.mark.robustness
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_documents())
def test_from_dict_loads_or_raises_structure_error(doc: Any) -> None:
    """from_dict on a mutated document returns a report that keeps all it said, or raises StructureError."""
    try:
        report = gr.from_dict(doc)
    except gr.StructureError as exc:
        errors = exc.errors
        assert errors
        assert all(" @ $" in e for e in errors)
    else:
        # accepted: everything the document said is kept (a key left out may only take its default)
        assert _contained(doc, gr.to_dict(report))


def _contained(part: Any, whole: Any) -> bool:
    """True when *whole* holds every key and value of *part* (recursively; lists item by item)."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(k in whole and _contained(v, whole[k]) for k, v in part.items())
    if isinstance(part, list):
        return isinstance(whole, list) and len(part) == len(whole) and all(map(_contained, part, whole))
    return type(part) is type(whole) and part == whole


@pytest.mark.robustness
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.binary(), mutated_documents().map(lambda d: json.dumps(d, ensure_ascii=False))))
def test_from_json_loads_or_raises_structure_error(text: str | bytes) -> None:
    """from_json on arbitrary text or bytes returns a report or raises StructureError."""
    try:
        gr.from_json(text)
    except gr.StructureError as exc:
        errors = exc.errors
        assert errors


@pytest.mark.robustness
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(doc=st.one_of(mutated_documents().map(lambda d: json.dumps(d).encode()), st.binary(max_size=200)))
def test_cli_exits_0_or_2_on_malformed_json(tmp_path_factory: Any, doc: bytes) -> None:
    """The command line answers a malformed report file with exit status 2 (or 0 if it is valid), never a crash."""
    path: Path = tmp_path_factory.mktemp("cli") / "report.json"
    path.write_bytes(doc)

    status = main(["records", str(path), "--format", "csv", "-o", str(path.with_suffix(".csv"))])

    assert status in (0, 2)


_TAGS = st.sampled_from(
    [
        *("<table>", "</table>", "<tr>", "</tr>", "<td rowspan=3>", "<td colspan=99>", "</td>", "<th>", "<p>", "<h2>"),
        *("&nbsp;", "三、收到和处理政府信息公开申请情况", "自然人", "总计", "12", '\\"'),
    ]
)


@pytest.mark.robustness
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(st.one_of(_TAGS, st.text(max_size=5)), max_size=60).map("".join)))
def test_parse_html_gives_a_report_or_parse_error(html: str) -> None:
    """parse_html on random markup gives a result with a report, or raises ParseError."""
    try:
        result = gr.parse_html(html)
    except gr.ParseError as exc:
        message = str(exc)
        assert message
    else:
        assert isinstance(result.report, gr.AnnualReport)


# ----------------------------------------------------------------------------
# Hostile input: every entry point answers with a documented exception, and what it accepts is right
# ----------------------------------------------------------------------------


@pytest.mark.robustness
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(strategies.hostile_json())
def test_hostile_json_is_refused_or_round_trips(text: str) -> None:
    """Deep nesting, huge integers, lone surrogates, duplicate keys: StructureError, or a report that round-trips."""
    for reader in (True, False):
        convert.USE_ORJSON = reader
        try:
            report = gr.from_json(text)
        except gr.StructureError as exc:
            errors = exc.errors
            assert errors
            assert all(" @ $" in e and len(e) < 400 for e in errors)
        else:
            assert gr.from_json(gr.to_json(report)) == report
        finally:
            convert.USE_ORJSON = True


@pytest.mark.robustness
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(strategies.duplicate_key_documents(), st.booleans())
def test_a_key_given_twice_is_always_refused(text: str, orjson: bool) -> None:
    """Whatever key is given twice, wherever, and whichever JSON reader runs, the document is refused."""
    convert.USE_ORJSON = orjson
    try:
        with pytest.raises(gr.StructureError) as info:
            gr.from_json(text)
    finally:
        convert.USE_ORJSON = True

    assert any("given twice" in e for e in info.value.errors)


def _numbers_of(report: gr.AnnualReport) -> set[str]:
    from govinfo_report.tables import iter_cells

    return {str(value) for _, value in iter_cells(report) if value is not None}


@pytest.mark.robustness
@settings(max_examples=_HTML_EXAMPLES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(strategies.hostile_html())
def test_hostile_html_never_crashes(html: str) -> None:
    """Spans, hidden and struck cells, superscripts: a report with every cell a count or blank, or a ParseError."""
    try:
        result = gr.parse_html(html, organ="某某局", year=2022)
    except gr.ParseError as exc:
        message = str(exc)
        assert message
    else:
        assert result.report is not None
        assert gr.from_json(gr.to_json(result.report)) == result.report


@pytest.mark.robustness
@settings(max_examples=_HTML_EXAMPLES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(strategies.hostile_html())
@example(
    "<h1>某某局2022年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p>"
    '<table><tr><td rowspan="0">1.信访举报投诉类申请</td></tr><tr><td rowspan="0">1.信访举报投诉类申请</td>'
    '<td rowspan="0">1.信访举报投诉类申请</td><td rowspan="0"><span style="display:none">1</span>0</td></tr></table>'
)
@example(
    "<h1>某某局2022年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p>"
    "<table>" + "<tr><td>1.信访举报投诉类申请</td></tr>" * 8 + "<tr><td>100<br>100</td></tr></table>"
)
def test_hostile_html_invents_no_number(html: str) -> None:
    """Every number of a report read from hostile HTML occurs in the HTML."""
    import unicodedata

    try:
        result = gr.parse_html(html, organ="某某局", year=2022)
    except gr.ParseError:
        return
    assert result.report is not None
    page = unicodedata.normalize("NFKC", html).replace(",", "")
    missing = [n for n in _numbers_of(result.report) if n not in page]

    assert missing == []


@pytest.mark.robustness
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(strategies.hostile_zips())
def test_hostile_zip_containers_are_documented_errors(data: bytes) -> None:
    """A valid zip with hostile members gives a report, or ReportReadError, InputLimitError or ParseError."""
    import io

    pytest.importorskip("docx")
    try:
        result = gr.parse_docx(io.BytesIO(data), organ="某某局", year=2022)
    except (gr.ReportReadError, gr.ParseError) as exc:
        message = str(exc)
        assert message
    else:
        assert result.report is not None


# ----------------------------------------------------------------------------
# The command line: every command and option over hostile files
# ----------------------------------------------------------------------------


def _hostile_files(root: Path) -> list[str]:
    """A pool of files, good and hostile, for the command-line fuzzing."""
    import io
    import zipfile

    good = gr.to_json(gr.from_dict(BASE))
    files: dict[str, bytes | str] = {
        "good.json": good,
        "good-2021.json": json.dumps(BASE_2021, ensure_ascii=False),
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "deep-field.json": good.replace('"organ": "', '"organ": ' + "[" * 1000 + '"', 1),
        "twice.json": good.replace('"organ":', '"organ": "甲", "organ":', 1),
        "huge-int.json": good.replace('"natural_person": 0', '"natural_person": ' + "9" * 5000, 1),
        "surrogate.json": good.replace('"organ": "', '"organ": "\\ud800', 1),
        "amount.json": good.replace('"amount": "178', '"amount": "1E+999999', 1),
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "report.txt": gr.render_text(gr.from_dict(BASE)),
        "report-utf16.txt": gr.render_text(gr.from_dict(BASE)).encode("utf-16-le"),
        "big5.txt": "某某縣政府資訊公開工作年度報告\n".encode("big5"),
        "page.html": "<table><tr><td colspan=1000000>三、收到和处理政府信息公开申请情况</td></tr></table>",
        "escape.json": good.replace('"organ": "', '"organ": "\\u001b[2J=cmd|', 1),
        "corrupt.docx": b"PK\x03\x04" + b"\x00" * 100,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>" + b" " * 5_000_000)
    files["bomb.docx"] = buffer.getvalue()
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files.items():
        path = root / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        paths.append(str(path))
    folder = root / "folder"
    folder.mkdir(exist_ok=True)
    for name in ("good.json", "twice.json", "corrupt.docx", "binary.txt"):
        (folder / name).write_bytes((root / name).read_bytes())
    return [*paths, str(folder), str(root / "missing.json")]


def _commands() -> dict[str, list[Any]]:
    import argparse

    from govinfo_report.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: [a for a in p._actions if not isinstance(a, argparse._HelpAction)] for name, p in sub.choices.items()}


_COMMANDS = _commands()
_WORDS = st.sampled_from(["2019", "2021", "2022", "某某县", "-1", "", "x" * 300, "2022-13-45", "zh", "\x1b[2J", "=1"])


@st.composite
def _argv(draw: st.DrawFn, files: list[str], out: str) -> list[str]:
    """A command line of one command: its positionals from the file pool, a random subset of its options."""
    name = draw(st.sampled_from(sorted(_COMMANDS)))
    argv = [name]
    for action in _COMMANDS[name]:
        if not action.option_strings:  # a positional: one file, or several
            many = action.nargs in ("+", "*")
            argv += draw(st.lists(st.sampled_from(files), min_size=1, max_size=3 if many else 1))
            continue
        if not draw(st.booleans()):
            continue
        flag = draw(st.sampled_from(action.option_strings))
        if action.nargs == 0:
            argv.append(flag)
        elif flag in ("-o", "--output"):
            argv += [flag, out]
        elif action.choices:
            argv += [flag, draw(st.sampled_from(sorted(action.choices)))]
        elif action.metavar == "FILE" or action.nargs in ("+", "*"):
            argv += [flag, *draw(st.lists(st.sampled_from(files), min_size=1, max_size=2))]
        else:
            argv += [flag, draw(_WORDS)]
    return argv


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The file pool, written once; check DIR runs in this process (a process pool per example is too slow)."""
    import govinfo_report.analysis.batch as batch

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch, "_workers", lambda workers, n: 1)
        yield _hostile_files(tmp_path_factory.mktemp("hostile"))


@pytest.mark.robustness
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_command_and_option_exits_0_1_or_2(hostile_files: list[str], data: st.DataObject) -> None:
    """Any command with any options over good and hostile files exits 0, 1 or 2 with at most a short message."""
    import contextlib
    import io

    out = str(Path(hostile_files[0]).parent / "out.txt")
    argv = data.draw(_argv(hostile_files, out), label="argv")
    stdout, stderr = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(Path(out).parent)  # an option value taken for a file name (-o 2019) is written there, not in the checkout
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            status = main(argv)
    finally:
        os.chdir(here)
    err = stderr.getvalue()

    assert status in (0, 1, 2), err
    assert "Traceback" not in err
    assert "\x1b" not in err
    assert "\x1b" not in stdout.getvalue() or "--format" in argv
