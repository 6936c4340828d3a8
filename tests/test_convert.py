"""Tests of dict and JSON conversion: lossless round trips and strict rejection of bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import convert

from .conftest import EXAMPLE_JSON
from .strategies import spec_reports


def _report() -> gr.AnnualReport:
    """A 2019 report with blanks, a signed change, an amount with a unit and subsections."""
    report = gr.AnnualReport.blank("2019", organ="甲县水利局", year=2020, fill=0)
    report = gr.replace_cell(report, "$.proactive.licensing.change", -8)
    report = gr.replace_cell(report, "$.proactive.procurement.amount", Decimal("251000.50"))
    report = gr.replace_cell(report, "$.requests.results.disclosed.research", None)
    return attrs.evolve(
        report,
        proactive=attrs.evolve(
            report.proactive,
            procurement=attrs.evolve(
                report.proactive.procurement,  # type: ignore[union-attr]
                amount_unit=gr.AmountUnit.YUAN,
            ),
        ),
        overview=gr.Narrative(
            text="  首行\r\n第二行\t ", subsections=(gr.Subsection(title="（一）主动公开", text=""),)
        ),
    )


def test_to_dict_holds_only_json_types() -> None:
    """to_dict gives str, int, None, list and dict only, starting with format_version."""
    data = gr.to_dict(_report())

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            for k, val in x.items():
                assert type(k) is str
                walk(val)
        elif isinstance(x, list):
            for val in x:
                walk(val)
        else:
            assert x is None or type(x) in (str, int)

    walk(data)
    assert next(iter(data)) == "format_version"
    assert data["format_version"] == gr.FORMAT_VERSION


def test_round_trip_keeps_blanks_amounts_and_text() -> None:
    """A blank stays null, an amount stays an exact decimal string, text stays byte for byte."""
    report = _report()
    text = gr.to_json(report)
    data = json.loads(text)

    assert gr.from_json(text) == report
    assert gr.from_dict(gr.to_dict(report)) == report
    assert data["requests"]["results"]["disclosed"]["research"] is None
    assert data["requests"]["results"]["disclosed"]["natural_person"] == 0
    assert data["proactive"]["procurement"]["amount"] == "251000.50"
    assert data["proactive"]["procurement"]["amount_unit"] == "元"
    assert data["overview"]["text"] == "  首行\r\n第二行\t "
    assert data["meta"]["edition"] == "2019"


def test_json_is_utf8_with_chinese_unescaped() -> None:
    """The JSON text contains the Chinese characters themselves, not \\u escapes."""
    text = gr.to_json(_report())

    assert "甲县水利局" in text
    assert "\\u" not in text
    assert gr.from_json(text.encode("utf-8")) == _report()


def test_compact_json() -> None:
    """indent=None gives one line without spaces after separators."""
    text = gr.to_json(_report(), indent=None)

    assert "\n" not in text
    assert ", " not in text.replace("首行", "")


def _errors(data: Any) -> list[str]:
    with pytest.raises(gr.StructureError) as info:
        gr.from_dict(data)
    assert isinstance(info.value, ValueError)
    return info.value.errors


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("3", "expected an int or null, got '3'"),
        (3.9, "expected an int or null, got 3.9"),
        (3.0, "expected an int or null, got 3.0"),
        (True, "expected an int or null, got True"),
        (-1, "a count cannot be negative, got -1"),
        ([], "expected an int or null, got []"),
    ],
)
def test_bad_count_values_are_rejected_with_path(value: Any, message: str) -> None:
    """Wrong types and negatives in a count are rejected with the cell's path."""
    data = gr.to_dict(_report())
    data["requests"]["received"]["natural_person"] = value

    assert _errors(data) == [f"{message} @ $.requests.received.natural_person"]


def test_every_problem_is_listed_at_once() -> None:
    """Unknown keys, wrong types and missing keys anywhere are all reported together."""
    data = gr.to_dict(_report())
    data["requests"]["received"]["natural_persons"] = 1
    data["disputes"]["review"]["total"] = "0"
    del data["problems"]["text"]
    data["proactive"]["procurement"]["amount"] = 1.5
    data["meta"]["published"] = "2021/01/30"
    data["extra"] = 1

    errors = _errors(data)

    assert "unknown key 'natural_persons' @ $.requests.received" in errors
    assert "expected an int or null, got '0' @ $.disputes.review.total" in errors
    assert "required field missing @ $.problems.text" in errors
    assert "expected a decimal string or null, got 1.5 @ $.proactive.procurement.amount" in errors
    assert "expected an ISO date (YYYY-MM-DD), got '2021/01/30' @ $.meta.published" in errors
    assert "unknown key 'extra' @ $" in errors
    assert len(errors) == 6


def test_wrong_edition_table_is_rejected() -> None:
    """A 2021 report whose table 二 has the 2019 shape is rejected at $.proactive."""
    data = gr.to_dict(gr.AnnualReport.blank("2021", organ="甲局", year=2021, fill=0))
    data["proactive"] = gr.to_dict(gr.AnnualReport.blank("2019", organ="甲局", year=2020, fill=0))["proactive"]

    errors = _errors(data)

    assert len(errors) == 1
    assert errors[0].endswith("@ $.proactive")
    assert "2021" in errors[0]


@pytest.mark.parametrize("version", [None, 2, "1", 1.0])
def test_format_version_is_required_and_checked(version: Any) -> None:
    """A missing or unknown format_version is an error."""
    data = gr.to_dict(_report())
    if version is None:
        del data["format_version"]
        assert "required field missing @ $.format_version" in _errors(data)
    else:
        data["format_version"] = version
        assert _errors(data)[0].startswith(f"unsupported format_version {version!r}")


@pytest.mark.parametrize("text", ["", "{", "[]", "null", '"x"', "1"])
def test_bad_json_documents(text: str) -> None:
    """Text that is not JSON, or not a JSON object, raises StructureError naming $."""
    with pytest.raises(gr.StructureError) as info:
        gr.from_json(text)

    assert info.value.errors[0].endswith("@ $")


def test_sections_of_the_wrong_shape() -> None:
    """A section given as a list or a number is reported at its path, not as a crash."""
    data = gr.to_dict(_report())
    data["requests"] = [1, 2]
    data["overview"]["subsections"] = [{"title": "x", "text": "y"}, "z"]

    errors = _errors(data)

    assert any(e.endswith("@ $.requests") for e in errors)
    assert any(e.endswith("@ $.overview.subsections[1]") for e in errors)


def test_example_file_loads() -> None:
    """The bundled seed example loads and writes back to the same text."""
    text = EXAMPLE_JSON.read_text(encoding="utf-8")
    report = gr.from_json(text)

    assert gr.to_json(report) + "\n" == text
    assert report.proactive.procurement.amount == Decimal("178")  # type: ignore[union-attr]


@pytest.mark.parametrize("indent", [None, 2])
def test_orjson_writes_what_the_standard_library_writes(indent: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """With orjson installed (the fast extra) to_json writes exactly what the standard library writes."""
    pytest.importorskip("orjson")
    report = _report()
    fast = gr.to_json(report, indent=indent)
    monkeypatch.setattr(convert, "USE_ORJSON", False)
    slow = gr.to_json(report, indent=indent)

    assert fast == slow
    assert gr.from_json(slow) == report


def test_orjson_errors_fall_back_to_the_standard_library_message() -> None:
    """Invalid JSON gives the same StructureError with or without orjson; a count beyond 15 digits fails cleanly."""
    with pytest.raises(gr.StructureError, match="not valid JSON"):
        gr.from_json('{"format_version": 1,')
    data = gr.to_dict(_report())
    data["disputes"]["review"]["upheld"] = 10**15 - 1
    report = gr.from_json(json.dumps(data))
    data["disputes"]["review"]["upheld"] = 2**70

    assert report.disputes.review.upheld == 10**15 - 1
    assert json.loads(gr.to_json(report))["disputes"]["review"]["upheld"] == 10**15 - 1
    with pytest.raises(gr.StructureError, match=r"15 digits.*\$\.disputes\.review\.upheld"):
        gr.from_json(json.dumps(data))


@given(spec_reports(blanks="any", odd=True), st.booleans(), st.sampled_from([2, None]))
def test_json_round_trip_of_any_report(report: gr.AnnualReport, use_orjson: bool, indent: int | None) -> None:
    """Either edition, blanks in any cell (totals too), both amount units, odd text: JSON gives the same report back."""
    with mock.patch.object(convert, "USE_ORJSON", use_orjson):
        text = gr.to_json(report, indent=indent)
        assert gr.from_json(text) == report
        assert gr.from_json(text.encode("utf-8")) == report
    assert gr.from_dict(json.loads(text)) == report
