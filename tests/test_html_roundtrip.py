"""Round trip through the HTML importer: parse_html(render_html(report)) gives the report back."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given

import govinfo_report as gr
from govinfo_report.importers import parse_html
from govinfo_report.render.html import render_html
from govinfo_report.rules import Severity

from .conftest import EXAMPLE_JSON
from .strategies import reports

TABLES = ("proactive", "requests", "disputes")
NARRATIVES = ("overview", "problems", "other_matters")


def _normal_text(text: str) -> str:
    # HTML collapses runs of white space and ignores it at the edges of a block
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def html_normal(report: gr.AnnualReport) -> gr.AnnualReport:
    """*report* with its narratives as HTML can hold them (white space collapsed and trimmed per line)."""
    changes = {}
    for name in NARRATIVES:
        section = getattr(report, name)
        subsections = tuple(
            gr.Subsection(title=_normal_text(s.title), text=_normal_text(s.text)) for s in section.subsections
        )
        changes[name] = attrs.evolve(section, text=_normal_text(section.text), subsections=subsections)
    return attrs.evolve(report, **changes)


def visible(report: gr.AnnualReport) -> gr.AnnualReport:
    """
    *report* without what a published page does not show.

    That is the unit of a blank 采购总金额 (a unit prints only after a number).
    The metadata beyond organ, year and edition and the fees of 六 come back
    from the page head's govinfo-report:* tags.
    """
    if isinstance(report.proactive, gr.Proactive2019) and report.proactive.procurement.amount is None:
        procurement = attrs.evolve(report.proactive.procurement, amount_unit=None)
        report = attrs.evolve(report, proactive=attrs.evolve(report.proactive, procurement=procurement))
    return report


def flat(report: gr.AnnualReport) -> gr.AnnualReport:
    """
    *report* as :func:`visible`, each narrative as one text (its full_text): a body line that reads
    like a numbered subsection title ("1、…") is a title to any reader, so only the text is compared.
    """
    report = visible(report)
    changes = {
        name: attrs.evolve(getattr(report, name), text=getattr(report, name).full_text(), subsections=())
        for name in NARRATIVES
    }
    return attrs.evolve(report, **changes)


def printed(report: gr.AnnualReport) -> gr.AnnualReport:
    """
    *report* as a document without our page head shows it (a Word file): :func:`visible`, less the
    metadata beyond organ, year and edition, and less the fees of 六 (held apart from its text).
    """
    meta = gr.ReportMeta(organ=report.meta.organ, year=report.meta.year, edition=report.meta.edition)
    report = attrs.evolve(report, meta=meta, other_matters=attrs.evolve(report.other_matters, fees=None))
    return visible(report)


def test_seed_example_round_trips_whole() -> None:
    """The seed example reads back from its HTML equal in every field, with one info diagnostic (178万元)."""
    report = gr.from_json(EXAMPLE_JSON.read_bytes())
    result = parse_html(render_html(report))

    assert result.report == report
    assert result.codes == ("UNIT-IN-CELL",)


@given(reports(blanks=True))
def test_tables_round_trip(report: gr.AnnualReport) -> None:
    """Every table cell (blanks included), the year and the edition read back exactly, with no warning."""
    result = parse_html(render_html(report))
    parsed = result.report

    assert parsed is not None
    assert (parsed.meta.year, parsed.meta.edition) == (report.meta.year, report.meta.edition)
    for name in TABLES:
        assert getattr(visible(parsed), name) == getattr(visible(report), name), name
    assert [d for d in result.diagnostics if d.severity is not Severity.INFO] == []


@given(reports(blanks=True).map(html_normal))
def test_narrative_text_round_trips(report: gr.AnnualReport) -> None:
    """The narratives read back with the same text, subsection titles included, in order."""
    parsed = parse_html(render_html(report)).report

    assert parsed is not None
    for name in NARRATIVES:
        assert getattr(parsed, name).full_text() == getattr(report, name).full_text(), name


@given(reports(blanks=True).map(html_normal))
def test_whole_report_round_trips(report: gr.AnnualReport) -> None:
    """The report reads back equal, metadata and fees included, apart from a blank amount's unit (see visible)."""
    parsed = parse_html(render_html(report)).report

    assert parsed is not None
    assert parsed.meta == report.meta
    assert parsed.other_matters.fees == report.other_matters.fees
    assert flat(parsed) == flat(report)


@given(reports(blanks=True).map(html_normal))
def test_unknown_organ_and_year_round_trip(report: gr.AnnualReport) -> None:
    """A report whose organ and year are unknown reads back with them unknown, and its cells whole."""
    report = attrs.evolve(report, meta=attrs.evolve(report.meta, organ=None, year=None, title=None))
    result = parse_html(render_html(report))

    assert result.report is not None
    assert result.report.meta == report.meta
    assert flat(result.report) == flat(report)
    assert [d.message_en.split(" was not")[0] for d in result.by_code("META-MISSING")] == ["the organ", "the year"]


@pytest.mark.parametrize(
    "organ",
    ["某某县统计局", "某某县人民政府办公室（县外事办公室）", "中共某某县委、县人民政府信访局", "A&B<局>"],
)
def test_organ_round_trips(organ: str) -> None:
    """The organ reads back from the title exactly as printed, punctuation and markup characters included."""
    report = gr.AnnualReport.blank("2021", organ=organ, year=2022, fill=0)
    parsed = parse_html(render_html(report)).report

    assert parsed is not None
    assert parsed.meta.organ == organ
