"""Builders of hostile inputs shared by test_hostile.py and test_robustness.py."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import attrs

import govinfo_report as gr

from .conftest import EXAMPLE_JSON

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
