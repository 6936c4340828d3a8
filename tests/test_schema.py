"""Tests of the JSON Schemas generated from the model and shipped in the package."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

import govinfo_report as gr
from govinfo_report.errors import OptionError
from govinfo_report.schema import json_schema, main, schema_json, shipped_schema
from govinfo_report.tables import layout

from .conftest import ROOT
from .helpers import blank_report
from .strategies import reports

EXAMPLES = sorted((ROOT / "examples" / "data").glob("*.json"))
SCHEMA_DIR = ROOT / "src" / "govinfo_report" / "schemas"


def validator(edition: str) -> jsonschema.Draft202012Validator:
    """A draft 2020-12 validator of the shipped schema of *edition*."""
    return jsonschema.Draft202012Validator(shipped_schema(edition), format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_shipped_files_equal_the_generated_schemas(edition: str) -> None:
    """The shipped schema files are exactly what the generator writes (python -m govinfo_report.schema --write)."""
    shipped = (SCHEMA_DIR / f"report-{edition}.schema.json").read_text(encoding="utf-8")

    assert shipped == schema_json(edition)
    assert shipped_schema(edition) == json_schema(edition)


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_schema_is_valid_draft_2020_12(edition: str) -> None:
    """The schema itself is a valid draft 2020-12 schema."""
    schema = json_schema(edition)

    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate(path: Path) -> None:
    """Every example report validates against its edition's schema and not against the other edition's."""
    data = json.loads(path.read_text(encoding="utf-8"))
    edition = data["meta"]["edition"]
    other = "2021" if edition == "2019" else "2019"

    assert list(validator(edition).iter_errors(data)) == []
    assert not validator(other).is_valid(data)


@settings(max_examples=40)
@given(reports(blanks=True))
def test_generated_reports_validate(report: gr.AnnualReport) -> None:
    """to_dict of any report (blanks included) validates against its edition's schema."""
    assert list(validator(report.edition.value).iter_errors(gr.to_dict(report))) == []


def _example(edition: str) -> dict[str, Any]:
    return gr.to_dict(blank_report(edition))


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("a string count", lambda d: d["requests"]["received"].__setitem__("natural_person", "3")),
        ("a negative count", lambda d: d["disputes"]["review"].__setitem__("upheld", -1)),
        ("a float count", lambda d: d["disputes"]["review"].__setitem__("upheld", 1.5)),
        ("a boolean count", lambda d: d["disputes"]["review"].__setitem__("upheld", True)),
        ("an extra key", lambda d: d["requests"]["received"].__setitem__("subtotal", 0)),
        ("an extra top-level key", lambda d: d.__setitem__("comment", "x")),
        ("a missing cell", lambda d: d["disputes"]["review"].pop("total")),
        ("a missing section", lambda d: d.pop("problems")),
        ("a numeric amount", lambda d: d["proactive"]["administrative_fees"].__setitem__("amount", 1.5)),
        ("a negative amount", lambda d: d["proactive"]["administrative_fees"].__setitem__("amount", "-1")),
        ("another format_version", lambda d: d.__setitem__("format_version", 2)),
        ("another edition", lambda d: d["meta"].__setitem__("edition", "2019")),
        ("an unknown scope", lambda d: d["meta"].__setitem__("scope", "city")),
        ("a year out of range", lambda d: d["meta"].__setitem__("year", 1999)),
        ("an empty organ", lambda d: d["meta"].__setitem__("organ", "")),
        ("a bad date", lambda d: d["meta"].__setitem__("published", "2023-02-30")),
    ],
)
def test_schema_rejects_what_from_dict_rejects(where: str, change: Any) -> None:
    """Each malformed document is rejected by the schema, as by from_dict."""
    data = copy.deepcopy(_example("2021"))
    change(data)

    assert not validator("2021").is_valid(data), where
    with pytest.raises(gr.StructureError):
        gr.from_dict(data)


def test_optional_keys_and_signed_counts() -> None:
    """Keys with a default may be left out; 本年增/减 may be negative; 采购总金额 unit is an enum or null."""
    data = _example("2019")
    del data["meta"]["title"]
    del data["overview"]["subsections"]
    data["proactive"]["licensing"]["change"] = -3
    data["proactive"]["procurement"]["amount_unit"] = "万元"

    assert validator("2019").is_valid(data)
    assert gr.from_dict(data).proactive.licensing.change == -3  # type: ignore[union-attr]
    data["proactive"]["procurement"]["amount_unit"] = "美元"
    assert not validator("2019").is_valid(data)


def test_schema_follows_the_layout() -> None:
    """Every cell of the layout is a property of its row in the schema, titled with its Chinese column label."""
    for edition in ("2019", "2021"):
        schema = json_schema(edition)
        data = _example(edition)
        for spec in layout(edition).cells:
            node: Any = data
            for name in spec.attr_path[:-1]:
                node = node[name]
            assert spec.attr_path[-1] in node
        assert schema["$defs"]["ApplicantCounts"]["properties"]["research"]["title"] == "法人或其他组织 / 科研机构"


def test_unknown_edition_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown edition raises OptionError; the module prints one schema with --edition."""
    with pytest.raises(OptionError):
        json_schema("2020")

    assert main(["--edition", "2019"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("2019")
    assert main([]) == 2
