"""
The Word and Excel packages under SOURCE_DATE_EPOCH: the same report gives the same bytes on every run.

The oracle is the zip file itself, read with :mod:`zipfile`: each entry's date, and the
``dcterms`` dates of ``docProps/core.xml`` as the XML states them.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

import govinfo_report as gr

from .helpers import example

pytest.importorskip("docx")
pytest.importorskip("openpyxl")

EPOCH = 1_700_000_000  # 2023-11-14 22:13:20 UTC


def _docx(report: gr.AnnualReport, target: Any) -> None:
    gr.write_docx(report, target)


def _xlsx(report: gr.AnnualReport, target: Any) -> None:
    gr.write_xlsx(report, target)


WRITERS = pytest.mark.parametrize("write", [_docx, _xlsx], ids=["docx", "xlsx"])


def _package(write: Callable[[gr.AnnualReport, Any], None], report: gr.AnnualReport) -> bytes:
    buffer = io.BytesIO()
    write(report, buffer)
    return buffer.getvalue()


def _core_dates(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        core = z.read("docProps/core.xml").decode()
    return dict(re.findall(r"<dcterms:(created|modified)\b[^>]*>([^<]*)</dcterms:", core))


@WRITERS
def test_every_entry_and_the_core_dates_are_the_epoch(
    write: Callable[[gr.AnnualReport, Any], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    data = _package(write, example())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert {info.date_time for info in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert _core_dates(data) == {"created": "2023-11-14T22:13:20Z", "modified": "2023-11-14T22:13:20Z"}


@WRITERS
def test_the_same_report_gives_the_same_bytes_a_while_later(
    write: Callable[[gr.AnnualReport, Any], None], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    first = tmp_path / "first"
    write(example(), first)
    time.sleep(2.1)  # a zip entry's time has a resolution of two seconds
    second = tmp_path / "second"
    write(example(), second)
    assert first.read_bytes() == second.read_bytes()


@WRITERS
def test_the_stamped_package_reads_back_like_the_other(
    write: Callable[[gr.AnnualReport, Any], None], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    suffix = ".docx" if write is _docx else ".xlsx"
    plain, stamped = tmp_path / f"plain{suffix}", tmp_path / f"stamped{suffix}"
    write(example(), plain)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    write(example(), stamped)
    with zipfile.ZipFile(plain) as a, zipfile.ZipFile(stamped) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != "docProps/core.xml":
                assert a.read(name) == b.read(name), name
            assert a.getinfo(name).compress_type == b.getinfo(name).compress_type
    assert gr.to_json(gr.parse(stamped).report) == gr.to_json(gr.parse(plain).report)


@WRITERS
def test_without_the_variable_the_package_is_dated_now(
    write: Callable[[gr.AnnualReport, Any], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with zipfile.ZipFile(io.BytesIO(_package(write, example()))) as z:
        dates = {info.date_time for info in z.infolist()}
    assert (2023, 11, 14, 22, 13, 20) not in dates


@pytest.mark.parametrize("value", ["soon", "1.5", "-3"])
def test_a_malformed_epoch_is_an_option_error(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(gr.OptionError, match="SOURCE_DATE_EPOCH"):
        gr.write_xlsx(example(), io.BytesIO())
