"""Small report builders shared by the tests."""

from __future__ import annotations

import importlib.util
import io
import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest

import govinfo_report as gr

from .conftest import EXAMPLE_JSON, ROOT


def blank_report(
    edition: str = "2021", *, organ: str = "某某局", year: int | None = None, fill: int | None = 0, **meta: Any
) -> gr.AnnualReport:
    """A report of *edition* with every cell *fill* (0, or None for blank), for 2020 (2019 edition) or 2022."""
    year = year or (2020 if edition == "2019" else 2022)
    return gr.AnnualReport.blank(edition, organ=organ, year=year, fill=fill, **meta)


def clean_report(
    edition: str = "2021", year: int | None = None, organ: str = "某某县统计局", **meta: Any
) -> gr.AnnualReport:
    """An all-0 report with the narratives every rule wants: check() finds nothing in it."""
    report = blank_report(edition, organ=organ, year=year, **meta)
    return attrs.evolve(
        report,
        problems=gr.Narrative(text="个别栏目更新不及时，下一年度加强审核。"),
        other_matters=gr.OtherMatters(text="本年度未收取信息处理费。"),
    )


def json_places(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the JSON data *doc* as a path of keys and list indexes, ``()`` (the whole) first."""
    out = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            out += json_places(value, (*path, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            out += json_places(value, (*path, i))
    return out


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m govinfo_report ARGS`` (the real entry point) and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "govinfo_report", *args], capture_output=True, text=True, encoding="utf-8", check=False
    )


def load_module(path: Path, name: str) -> ModuleType:
    """The Python file *path* (a script or tool of the checkout, not a package module) imported as *name*."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCREENSHOT_SCRIPT = ROOT / "scripts" / "screenshot_seed.py"


def chromium() -> str:
    """The path of a Chromium-like browser on PATH (the screenshot script's list), or a skip."""
    found = load_module(SCREENSHOT_SCRIPT, "screenshot_seed").find_chromium()
    if found is None:
        pytest.skip("no chromium on PATH")
    return str(found)


def assert_screenshot(data: bytes, width: int, height: int) -> None:
    """*data* is a PNG of *width* × *height* pixels, and not a blank page."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (width, height)
    assert len(data) > 20_000  # a white page compresses to a few hundred bytes


STRAY_SHAPES = ("lines", "pipes", "cells", "random")


def stray_report(size: int, shape: str = "lines") -> str:
    """
    A report whose table 三 holds about *size* characters of numbers that belong to no cell.

    *shape*: ``lines`` (50 numbers a line), ``pipes`` (pipe rows of numbers), ``cells`` (one number a line,
    as the seed prints its cells) or ``random`` (lines of varied numbers, so no line repeats).
    """
    head = (
        "某某县统计局2021年政府信息公开工作年度报告\n一、总体情况\n概述。\n二、主动公开政府信息情况\n"
        "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
    )
    if shape == "pipes":
        row = "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1"
        head = head.replace(row, "| " + " | ".join(row.split()) + " |")
        line = "| 0 " * 25 + "|\n"
    elif shape == "cells":
        line = "0\n"
    elif shape == "random":
        line = ""
    else:
        line = "0 " * 50 + "\n"
    if shape == "random":
        lines = [" ".join(str((k * 7919 + j * 104729) % 100000) for j in range(20)) for k in range(size // 120 + 1)]
        body = "\n".join(lines) + "\n"
    else:
        body = line * (size // len(line) + 1)
    tail = "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无\n"
    return head + body + tail


# ----------------------------------------------------------------------------
# Hostile inputs (test_hostile.py)
# ----------------------------------------------------------------------------

DOCUMENT = "word/document.xml"


def example() -> gr.AnnualReport:
    """The wusu example report (2019 edition, with an amount)."""
    return gr.from_json(EXAMPLE_JSON.read_bytes())


def example_dict() -> dict[str, Any]:
    """The wusu example report as a JSON dict."""
    data: dict[str, Any] = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    return data


def docx_bytes(report: gr.AnnualReport | None = None) -> bytes:
    """Our own .docx of *report* (default: the example)."""
    buffer = io.BytesIO()
    gr.write_docx(report or example(), buffer)
    return buffer.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    """The members of a zip archive, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def rezip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive of *parts*."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def with_document(xml: bytes, data: bytes | None = None) -> bytes:
    """Our .docx with its word/document.xml replaced by *xml*."""
    parts = members(data or docx_bytes())
    parts[DOCUMENT] = xml
    return rezip(parts)


def document_xml(data: bytes | None = None) -> bytes:
    """The word/document.xml of our .docx."""
    return members(data or docx_bytes())[DOCUMENT]


def with_doctype(xml: bytes, doctype: bytes) -> bytes:
    """*xml* with *doctype* inserted after the XML declaration."""
    head, sep, rest = xml.partition(b"?>")
    return head + sep + b"\n" + doctype + rest if sep else doctype + xml


def with_organ(report: gr.AnnualReport, organ: str) -> gr.AnnualReport:
    """*report* by another organ."""
    return attrs.evolve(report, meta=attrs.evolve(report.meta, organ=organ, title=None))


def mixed_folder(folder: Any, n: int = 10) -> dict[str, str]:
    """
    Write *n* report files of every format (JSON, text, HTML, Word when python-docx is installed) and some
    broken ones into *folder*; return each file's name mapped to what it is: ``"ok"``, ``"error"`` (a wrong
    total), ``"doubt"`` (an unreadable cell, so the totals do not add up either) or ``"broken"``.

    Every third readable report has one wrong total (本年新收 总计 one too many), so check finds errors in it;
    every fourth (from the second) has no 五 narrative (a warning), and a text one among them an unreadable cell.
    The organ of report ``i`` is ``示例县第{i}局``; the broken files are an empty text file, a .docx that is no
    Word file, a .json that is no JSON and an .html of binary data.  A ``notes.csv`` is not a report format.
    """
    import importlib.util
    import re
    from pathlib import Path

    from govinfo_report import vocab as v
    from govinfo_report.render.html import render_html

    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    formats = ["json", "txt", "html"] + (["docx"] if importlib.util.find_spec("docx") else [])
    kinds: dict[str, str] = {}
    for i in range(n):
        report = clean_report("2021" if i % 2 else "2019", organ=f"示例县第{i}局")
        edition = report.meta.edition.value
        requests = gr.Requests.from_parts(
            edition, received={"natural_person": 3 + i}, disclosed={"natural_person": 3 + i}
        )
        report = attrs.evolve(report, requests=requests)
        if i % 4 == 1:  # no 五、存在的主要问题及改进情况: a warning
            report = attrs.evolve(report, problems=gr.Narrative(text=""))
        wrong = i % 3 == 0
        if wrong:
            report = gr.replace_cell(report, "$.requests.received.total", 3 + i + 1)
        kind = formats[i % len(formats)]
        name = f"r{i:03d}.{kind}"
        target = root / name
        if kind == "json":
            target.write_text(gr.to_json(report), encoding="utf-8")
        elif kind == "txt":
            target.write_text(gr.render_text(report), encoding="utf-8")
        elif kind == "html":
            target.write_text(render_html(report), encoding="utf-8")
        else:
            gr.write_docx(report, target)
        kinds[name] = "error" if wrong else "ok"
        if kind == "txt" and i % 4 == 1:  # a cell that cannot be read: an import diagnostic
            lines = target.read_text(encoding="utf-8").split("\n")
            k = next(j for j, line in enumerate(lines) if v.RECEIVED.zh in line)
            lines[k] = re.sub(rf"(\|\s*){3 + i}(\s*\|)", rf"\g<1>约{3 + i}\g<2>", lines[k], count=1)
            target.write_text("\n".join(lines), encoding="utf-8")
            kinds[name] = "error" if wrong else "doubt"
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "fake.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (root / "bad.json").write_text("{not json", encoding="utf-8")
    (root / "binary.html").write_bytes(bytes(range(256)) * 4)
    (root / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    kinds.update({"empty.txt": "broken", "fake.docx": "broken", "bad.json": "broken", "binary.html": "broken"})
    return kinds


def value_at(obj: Any, path: str) -> Any:
    """The value at *path* (``$.a.b``) inside *obj*, by getattr alone: independent of the library's accessors."""
    if path == "$":
        return obj
    for name in path[2:].split("."):
        obj = getattr(obj, name)
    return obj
