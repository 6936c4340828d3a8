"""from_dict's generated fast path against the detailed cattrs converter, on good and on corrupted documents."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import convert
from govinfo_report.errors import StructureError

from .helpers import json_places
from .strategies import broken_reports, single_row_reports, spec_reports

# reports from the builders with cells set at random, reports whose totals the tests computed (with blanks
# anywhere and odd text), and reports with （六）其他处理 printed as one row (OtherHandling.single_row)
REPORTS = st.one_of(broken_reports(), spec_reports(blanks="any", odd=True), single_row_reports(broken=True))
ODD_VALUES = st.sampled_from([True, False, -1, 0, 7, 1.0, "1", "", "2024-13-01", "2024-01-26", None, [], {}, ["x"]])


def _detailed(doc: dict[str, Any]) -> gr.AnnualReport:
    body = {k: v for k, v in doc.items() if k != "format_version"}
    report: gr.AnnualReport = convert._detailed().structure(body, gr.AnnualReport)
    return report


@given(REPORTS)
def test_the_fast_path_reads_what_the_detailed_converter_reads(report: gr.AnnualReport) -> None:
    doc = gr.to_dict(report)
    assert convert._structure_report_fast(copy.deepcopy(doc)) == report == _detailed(doc)


@given(REPORTS, st.data())
def test_a_corrupted_document_is_read_or_refused_as_the_detailed_converter_does(
    report: gr.AnnualReport, data: st.DataObject
) -> None:
    doc = gr.to_dict(report)
    places = [p for p in json_places(doc) if p and p[0] != "format_version"]
    place = data.draw(st.sampled_from(places))
    value = data.draw(ODD_VALUES)
    node: Any = doc
    for key in place[:-1]:
        node = node[key]
    node[place[-1]] = value
    try:
        expected: gr.AnnualReport | None = _detailed(doc)
    except Exception:
        expected = None
    if expected is None:
        try:
            gr.from_dict(doc)
        except StructureError:
            return
        raise AssertionError(f"read a document the detailed converter refuses: {place} = {value!r}")
    assert gr.from_dict(doc) == expected


@given(REPORTS)
def test_the_fast_writer_writes_what_the_cattrs_converter_writes(report: gr.AnnualReport) -> None:
    conv = convert._detailed()
    expected = {"format_version": convert.FORMAT_VERSION, **conv.unstructure(report, gr.AnnualReport)}
    written = gr.to_dict(report)
    assert written == expected
    assert list(written["meta"]) == list(expected["meta"])  # the key order too (it is the JSON's)
    assert list(written["other_matters"]) == list(expected["other_matters"])


def test_the_fast_path_needs_no_cattrs_and_compiles_table_two_of_the_edition_read() -> None:
    """
    Reading and writing JSON this library wrote imports no cattrs; a bad document then does, for its messages.

    Table 二 of an edition is compiled when a report of that edition is first read or written.
    """
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import govinfo_report as gr\n"
        "from govinfo_report import convert\n"
        "r = gr.AnnualReport.blank('2021', organ='某某局', year=2022, fill=0)\n"
        "assert gr.from_json(gr.to_json(r)) == r\n"
        "assert 'cattrs' not in sys.modules\n"
        "assert gr.Proactive2021 in convert._S_TABLE and gr.Proactive2019 not in convert._S_TABLE\n"
        "old = gr.AnnualReport.blank('2019', organ='某某局', year=2020, fill=0)\n"
        "assert gr.from_json(gr.to_json(old)) == old and 'cattrs' not in sys.modules\n"
        "assert gr.Proactive2019 in convert._S_TABLE\n"
        "try:\n"
        "    gr.from_json('{\"format_version\": 1}')\n"
        "except gr.StructureError as exc:\n"
        "    assert 'required field missing @ $.meta' in exc.errors, exc.errors\n"
        "else:\n"
        "    raise AssertionError('read')\n"
        "assert 'cattrs' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
