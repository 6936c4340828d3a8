"""
The shipped JSON Schema accepts exactly the documents that ``from_json`` accepts.

Documents are the JSON of generated reports (valid ones), and the same with one
change at a random place: a value replaced by ``null``, ``1.0``, ``true``, a
string, ``-1``, a huge integer ...; a key dropped; a key added.  The schema is
validated with the integer type of JSON (``1.0`` is not an integer), as the
schema's documentation says: JSON Schema's own data model calls ``1.0`` the
integer 1, a difference no schema can express.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.schema import shipped_schema

from .helpers import json_places
from .strategies import broken_reports, reports, single_row_reports, spec_reports


def _json_integer(checker: Any, instance: object) -> bool:
    return type(instance) is int  # what json.loads gives for 3, never for 3.0 (nor for true)


_STRICT = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _json_integer),
)
_VALIDATORS = tuple(_STRICT(shipped_schema(e)) for e in ("2019", "2021"))


def schema_accepts(doc: Any) -> bool:
    """True when the schema of one edition accepts *doc* (the schemas differ in ``meta.edition``)."""
    return any(v.is_valid(doc) for v in _VALIDATORS)


def loader_accepts(doc: Any) -> bool:
    try:
        gr.from_json(json.dumps(doc, ensure_ascii=False))
    except gr.StructureError:
        return False
    return True


# The replacements: every JSON type, the edges of the counts and of the years, and strings
# that are near misses of an amount or a date.
HUGE = 10**15
REPLACEMENTS: tuple[Any, ...] = (
    None, 1.0, 0.0, 2.5, True, False, "1", "", -1, 0, 1, HUGE, HUGE - 1, -HUGE, -(HUGE - 1), 2**70,
    2007, 2008, 2100, 2101, [], {}, ["x"], {"x": 1},
    "-0", "01", "0.5", ".5", "+1", " 1", "1\n", "1E+3", "1e-2", "1_0", "１", "NaN", "Infinity",
    "2022-02-29", "2024-02-29", "20240229", "2024-W01-1", "2024-1-01", "0000-01-01", "2024-12-31\n",
    "2019", "2021", "organ", "summary", "元", "万元", " ", "某某局",
)  # fmt: skip


def _documents() -> st.SearchStrategy[gr.AnnualReport]:
    return st.one_of(
        spec_reports(blanks="any", odd=True),
        reports(blanks=True),
        broken_reports(),
        single_row_reports(broken=True),
    )


def _parent(doc: Any, place: tuple[Any, ...]) -> Any:
    for key in place[:-1]:
        doc = doc[key]
    return doc


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """The JSON of a generated report with one change at one place."""
    doc = json.loads(gr.to_json(draw(_documents())))
    places = json_places(doc)
    place = draw(st.sampled_from(places))
    how = draw(st.sampled_from(("replace", "replace", "replace", "drop", "add")))
    if how == "add":
        target = doc
        for key in place:
            target = target[key]
        if not isinstance(target, dict):
            how = "replace"
        else:
            target[draw(st.sampled_from(("extra", "single_row", "title", "text", "fees")))] = draw(
                st.sampled_from(REPLACEMENTS)
            )
            return doc
    if not place:  # the whole document
        return draw(st.sampled_from(REPLACEMENTS))
    parent = _parent(doc, place)
    if how == "drop" and isinstance(parent, dict):
        del parent[place[-1]]
        return doc
    parent[place[-1]] = copy.deepcopy(draw(st.sampled_from(REPLACEMENTS)))
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_the_schema_accepts_what_to_json_writes(report: gr.AnnualReport) -> None:
    doc = json.loads(gr.to_json(report))
    assert loader_accepts(doc)
    assert schema_accepts(doc)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documents())
def test_the_schema_accepts_exactly_what_from_json_accepts(doc: Any) -> None:
    assert schema_accepts(doc) == loader_accepts(doc)


def _blank_doc(edition: str = "2021") -> dict[str, Any]:
    report = gr.AnnualReport.blank(edition, organ="某某局", year=2022, fill=0)
    doc: dict[str, Any] = json.loads(gr.to_json(report))
    return doc


# The forms the schema accepted before it was as strict as the loader (CHANGELOG), one by one.
NEWLY_REFUSED: tuple[tuple[tuple[Any, ...], Any], ...] = (
    (("proactive",), None),
    (("format_version",), 1.0),
    (("requests", "received", "natural_person"), HUGE),
    (("requests", "received", "natural_person"), 1.0),
    (("proactive", "licensing", "change"), HUGE),
    (("proactive", "licensing", "change"), -HUGE),
    (("proactive", "licensing", "change"), -1.0),
    (("proactive", "administrative_fees", "amount"), "-0"),
    (("proactive", "administrative_fees", "amount"), "01"),
    (("proactive", "administrative_fees", "amount"), "1\n"),
    (("proactive", "administrative_fees", "amount"), "1E+1234567890123456789"),
    (("meta", "published"), "2022-02-30"),
    (("meta", "published"), "20220101"),
    (("meta", "published"), "not a date"),
)


@pytest.mark.parametrize(("place", "value"), NEWLY_REFUSED)
def test_forms_the_schema_now_refuses(place: tuple[Any, ...], value: Any) -> None:
    doc = _blank_doc("2019" if place[-1] == "change" else "2021")
    _parent(doc, place)[place[-1]] = value
    assert not loader_accepts(doc)
    assert not schema_accepts(doc)


def test_the_fees_follow_the_count_kind() -> None:
    """信息处理费 applications: a count with the same bound in the schema and in both paths of the loader."""
    doc = _blank_doc()
    doc["other_matters"]["fees"] = {"applications": HUGE - 1, "amount_yuan": "12.5"}
    assert loader_accepts(doc)
    assert schema_accepts(doc)
    doc["other_matters"]["fees"]["applications"] = HUGE
    assert not loader_accepts(doc)
    assert not schema_accepts(doc)
