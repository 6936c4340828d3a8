"""Properties of the importer: render_text round trips, and no input makes it fail other than by ParseError."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.errors import ParseError
from govinfo_report.importers import ParseResult, decode, parse_html, parse_text
from govinfo_report.render.text import render_text

from .conftest import SEED
from .strategies import reports

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*/*.*"))
FIXTURES = [p for p in FIXTURES if p.suffix in (".txt", ".html")]

# Narratives that the text form can carry unambiguously: no blank lines at the edges, no line that opens with
# a numbering (it would read as a heading), and subsection titles that open with one (else they read as text).
_WORDS = "政府信息公开工作本局推进落实平台建设监督保障依申请管理制度规范及时准确全面稳步加强完善持续"
_line = st.text(alphabet=_WORDS + "，。；、", min_size=1, max_size=40).filter(lambda s: s[0] in _WORDS)
_text = st.lists(_line, max_size=3).map("\n".join)
_title = st.builds(
    lambda n, words: f"（{'一二三四五六七八九十'[n]}）{words}",
    st.integers(0, 9),
    st.text(alphabet=_WORDS, min_size=1, max_size=12),
)
_narrative = st.builds(
    lambda text, subs: gr.Narrative(text=text, subsections=tuple(gr.Subsection(title=t, text=x) for t, x in subs)),
    _text,
    st.lists(st.tuples(_title, _text), max_size=3),
)
_organ = st.text(alphabet="东南西北中安平和兴华阳山河湖县区市乡镇街道", min_size=2, max_size=8).map(lambda s: s + "局")


@st.composite
def printable_reports(draw: st.DrawFn) -> gr.AnnualReport:
    """A report from tests/strategies.py (blanks included), with narratives and an organ the text form carries."""
    report = draw(reports(blanks=True))
    proactive = report.proactive
    if isinstance(proactive, gr.Proactive2019) and proactive.procurement.amount is None:
        # a unit cannot be printed in a blank cell
        proactive = attrs.evolve(proactive, procurement=attrs.evolve(proactive.procurement, amount_unit=None))
    meta = gr.ReportMeta(organ=draw(_organ), year=report.meta.year, edition=report.meta.edition)
    other = draw(_narrative)
    return attrs.evolve(
        report,
        meta=meta,
        proactive=proactive,
        overview=draw(_narrative),
        problems=draw(_narrative),
        other_matters=gr.OtherMatters(text=other.text, subsections=other.subsections),
    )


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(printable_reports())
def test_render_text_round_trip(report: gr.AnnualReport) -> None:
    """parse_text(render_text(r)) gives r back: every cell (blanks too), the narratives, organ, year and edition."""
    result = parse_text(render_text(report))
    parsed = result.report

    assert parsed is not None
    assert (parsed.meta.organ, parsed.meta.year, parsed.meta.edition) == (
        report.meta.organ,
        report.meta.year,
        report.meta.edition,
    )
    for name in ("proactive", "requests", "disputes", "overview", "problems", "other_matters"):
        assert getattr(report, name) == getattr(parsed, name), name
    assert {d.code for d in result.diagnostics} <= {"UNIT-IN-CELL"}


def _ok_or_parse_error(call: object) -> None:
    try:
        result = call()  # type: ignore[operator]
    except ParseError:
        return
    assert isinstance(result, ParseResult)
    assert result.report is not None


@pytest.mark.robustness
@given(st.text(max_size=400))
def test_garbage_text(text: str) -> None:
    """Random text gives a report or a ParseError, nothing else."""
    _ok_or_parse_error(lambda: parse_text(text))
    _ok_or_parse_error(lambda: parse_html(text))


@pytest.mark.robustness
@given(st.binary(max_size=400))
def test_garbage_bytes(data: bytes) -> None:
    """Random bytes decode or raise ParseError; decoded, they give a report or a ParseError."""
    try:
        text, _ = decode(data)
    except ParseError:
        return
    _ok_or_parse_error(lambda: parse_text(text))


@pytest.mark.robustness
@given(st.data())
def test_truncated_copies(data: st.DataObject) -> None:
    """A seed or fixture cut at any point gives a report or a ParseError, never another exception."""
    paths = [*FIXTURES, *([SEED] if SEED.is_file() else [])]
    path = data.draw(st.sampled_from(paths))
    text = path.read_text(encoding="utf-8")
    cut = data.draw(st.integers(0, len(text)))
    reader = parse_html if path.suffix == ".html" else parse_text
    _ok_or_parse_error(lambda: reader(text[:cut]))
    _ok_or_parse_error(lambda: reader(text[cut:]))


@pytest.mark.robustness
@given(st.data())
def test_mangled_seed(data: st.DataObject) -> None:
    """The seed with random characters replaced or lines dropped still parses or raises ParseError."""
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not available")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for _ in range(data.draw(st.integers(1, 10))):
        i = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()):
            del lines[i]
        else:
            lines[i] = data.draw(st.text(max_size=20))
    _ok_or_parse_error(lambda: parse_text("\n".join(lines)))
