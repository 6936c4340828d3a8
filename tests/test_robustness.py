"""
Robustness: malformed input either loads or raises the documented exception, never anything else.

The default profile runs a few dozen examples per entry point; CI runs this file
with ``HYPOTHESIS_PROFILE=big`` (10,000 examples per test).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.cli import main

from .conftest import EXAMPLE_JSON

BASE = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
BASE_2021 = gr.to_dict(gr.AnnualReport.blank("2021", organ="甲局", year=2022, fill=0))

json_scalars = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, val in node.items():
            out += _paths(val, (*prefix, k))
    elif isinstance(node, list):
        for i, val in enumerate(node):
            out += _paths(val, (*prefix, i))
    return out


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    """A valid report dict with a few random mutations: values replaced, keys deleted or added."""
    doc = copy.deepcopy(draw(st.sampled_from([BASE, BASE_2021])))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(doc)
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
