"""
Hypothesis strategies shared by the whole suite.

:func:`spec_reports` draws the leaf cells of every table and adds up the totals
here, from format-spec.md §4, constructing the model objects directly; the
relations it meets are :func:`spec_relations`.  Use it (and that oracle) to test
the rules and anything that should keep a report's figures: the library's own
builders are not involved, so a wrong rule cannot agree with it.

:func:`reports` draws the *parts* of every table and lets the builders
(:meth:`Requests.from_parts`, :meth:`Disputes.from_parts`, :meth:`AnnualReport.build`)
derive the totals, so a drawn report is consistent by construction:
``check(report) == []``.  With ``blanks=True`` some non-total cells are blank
(None) afterwards, and the report need not be consistent any more.

    from .strategies import editions, reports

    @given(reports(edition="2021"))
    def test_something(report): ...
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report._fields import Kind, field_info
from govinfo_report.model import NotProcessed, OtherHandling, Unable, Withheld
from govinfo_report.rules import equations
from govinfo_report.tables import layout, replace_cell

__all__ = [
    "amounts",
    "broken_reports",
    "counts",
    "deep_json",
    "duplicate_key_documents",
    "editions",
    "hostile_html",
    "hostile_json",
    "hostile_zips",
    "huge_int_documents",
    "narratives",
    "non_total_paths",
    "odd_narratives",
    "reports",
    "result_rows",
    "single_row_reports",
    "spec_cells",
    "spec_outcomes",
    "spec_proactive",
    "spec_relations",
    "spec_reports",
    "spec_requests",
    "sub_row_sum",
    "surrogate_documents",
    "table_three_rows",
    "texts",
    "value_at",
    "with_single_row",
]

# Our own characters: common Chinese characters, ASCII letters and digits, some punctuation.
_ALPHABET = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
    "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合"
    "还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又么利比或但质气第向道命此变条只没"
    "结解问意建月公无系军很情者最立代想已通并提直题程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路"
    "级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789，。；：、 "
)

_PARTS = gr.ApplicantCounts.PARTS


def editions() -> st.SearchStrategy[gr.Edition]:
    """Either edition."""
    return st.sampled_from(list(gr.Edition))


def counts(max_value: int = 200) -> st.SearchStrategy[int]:
    """A count, 0 about a third of the time (real tables are mostly zeros)."""
    return st.one_of(st.just(0), st.integers(0, max_value), st.integers(1, 9))


def amounts() -> st.SearchStrategy[Decimal]:
    """An amount ≥ 0 with 0, 1, 2 or 4 decimal places."""
    return st.sampled_from([0, 1, 2, 4]).flatmap(
        lambda places: st.decimals(min_value=0, max_value=10**6, places=places, allow_nan=False, allow_infinity=False)
    )


@functools.cache
def texts(min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """A short text of our own characters (Chinese and ASCII)."""
    return st.text(alphabet=_ALPHABET, min_size=min_size, max_size=max_size)


@functools.cache
def _non_empty_text(max_size: int = 30) -> st.SearchStrategy[str]:
    return texts(1, max_size).filter(lambda s: s.strip() != "")


@functools.cache
def narratives(*, non_empty: bool = False) -> st.SearchStrategy[gr.Narrative]:
    """A narrative section: a text and up to three titled subsections."""
    subsections = st.lists(
        st.builds(gr.Subsection, title=_non_empty_text(10), text=texts(0, 30)),
        max_size=3,
    ).map(tuple)
    text = _non_empty_text() if non_empty else texts()
    return st.builds(gr.Narrative, text=text, subsections=subsections)


_COUNT = counts()
# Most rows of a real table 三 are all 0: draw those cheaply.
_ROW = st.one_of(
    st.just((0,) * len(_PARTS)),
    st.tuples(*(_COUNT,) * len(_PARTS)),
)


def _row(draw: Any) -> dict[str, int]:
    return dict(zip(_PARTS, draw(_ROW), strict=True))


def _group(draw: Any, cls: type) -> dict[str, dict[str, int]]:
    return {a.name: _row(draw) for a in attrs.fields(cls) if field_info(a) is not None}


def _column_total(rows: list[dict[str, int]], column: str) -> int:
    return sum(r[column] for r in rows)


@st.composite
def _requests(draw: Any, edition: gr.Edition) -> gr.Requests:
    disclosed, partly = _row(draw), _row(draw)
    withheld, unable, not_processed = _group(draw, Withheld), _group(draw, Unable), _group(draw, NotProcessed)
    other_handling: Any = _row(draw) if edition is gr.Edition.E2019 else _group(draw, OtherHandling)
    result_rows = [disclosed, partly, *withheld.values(), *unable.values(), *not_processed.values()]
    result_rows += [other_handling] if edition is gr.Edition.E2019 else list(other_handling.values())
    carried_forward = _row(draw)
    received, carried_in = {}, {}
    for col in _PARTS:
        # Choose the split of (results + carried forward) into new and carried-in requests.
        need = _column_total(result_rows, col) + carried_forward[col]
        carried_in[col] = draw(st.one_of(st.just(0), st.integers(0, need)))
        received[col] = need - carried_in[col]
    return gr.Requests.from_parts(
        edition,
        received=received,
        carried_in=carried_in,
        disclosed=disclosed,
        partly_disclosed=partly,
        withheld=withheld,
        unable=unable,
        not_processed=not_processed,
        other_handling=other_handling,
        carried_forward=carried_forward,
    )


@st.composite
def _outcomes(draw: Any) -> dict[str, int]:
    return dict(zip(gr.Outcomes.PARTS, draw(st.tuples(*(_COUNT,) * 4)), strict=True))


def _procurement(projects: int | None, amount: Decimal | None, unit: gr.AmountUnit | None) -> gr.ProcurementCounts:
    """政府集中采购; a unit only goes with an amount, as in a published report."""
    return gr.ProcurementCounts(projects=projects, amount=amount, amount_unit=unit if amount is not None else None)


@st.composite
def _proactive_2019(draw: Any) -> gr.Proactive2019:
    def publications() -> gr.PublicationCounts:
        new = draw(_COUNT)
        return gr.PublicationCounts(newly_made=draw(_COUNT), newly_published=new, total_published=new + draw(_COUNT))

    def items() -> gr.ItemCounts:
        previous = draw(_COUNT)
        return gr.ItemCounts(previous_year=previous, change=draw(st.integers(-previous, 200)), decisions=draw(_COUNT))

    previous = draw(_COUNT)
    return gr.Proactive2019(
        rules=publications(),
        normative_documents=publications(),
        licensing=items(),
        other_services=items(),
        penalties=items(),
        enforcement=items(),
        administrative_fees=gr.FeeItemCounts(previous_year=previous, change=draw(st.integers(-previous, 50))),
        procurement=_procurement(draw(_COUNT), draw(amounts()), draw(st.sampled_from([None, *gr.AmountUnit]))),
    )


@st.composite
def _proactive_2021(draw: Any) -> gr.Proactive2021:
    def documents() -> gr.DocumentCounts:
        in_force, repealed = draw(_COUNT), draw(_COUNT)
        return gr.DocumentCounts(issued=draw(st.integers(0, in_force + repealed)), repealed=repealed, in_force=in_force)

    return gr.Proactive2021(
        rules=documents(),
        normative_documents=documents(),
        licensing=gr.DecisionCounts(decisions=draw(_COUNT)),
        penalties=gr.DecisionCounts(decisions=draw(_COUNT)),
        enforcement=gr.DecisionCounts(decisions=draw(_COUNT)),
        administrative_fees=gr.FeeAmount(amount=draw(amounts())),
    )


@st.composite
def _other_matters(draw: Any, edition: gr.Edition) -> gr.OtherMatters:
    fees = draw(
        st.one_of(
            st.none(),
            st.builds(
                gr.ProcessingFees,
                applications=st.one_of(st.none(), _COUNT),
                amount_yuan=st.one_of(st.none(), amounts()),
            ),
        )
    )
    text = draw(texts())
    if edition is gr.Edition.E2021 and fees is None:
        # A 2021-edition 六 must say something about fees (FEES-NOT-MENTIONED otherwise).
        text += draw(st.sampled_from(["本年未收取信息处理费。", "全年没有收费。", "信息处理费0元。"]))
    subsections = draw(st.lists(st.builds(gr.Subsection, title=_non_empty_text(10), text=texts()), max_size=2))
    return gr.OtherMatters(text=text, subsections=tuple(subsections), fees=fees)


# Organ names as real ones are made: a place, a level, then the organ (title words such as 关于,
# 政府信息公开 or numerals never start a real organ's name, and an importer may read them as such).
_PLACE = st.text(alphabet="东西南北江河湖山海平安宁和阳城新华兴昌盛丰泰永嘉清乐福德", min_size=1, max_size=3)
_ORGAN_STEM = st.tuples(_PLACE, st.sampled_from(["市", "县", "区", "镇", ""]), st.sampled_from(
    ["", "教育", "卫生健康", "交通运输", "自然资源", "市场监督管理", "文化体育广播电视和旅游"]
)).map("".join)


@st.composite
def _meta(draw: Any, edition: gr.Edition) -> gr.ReportMeta:
    # organ names as real ones look: Chinese characters, then the kind of organ
    organ = draw(_ORGAN_STEM) + draw(st.sampled_from(["局", "委员会", "人民政府", "办公室"]))
    year = draw(st.sampled_from([2019, 2020]) if edition is gr.Edition.E2019 else st.integers(2021, 2035))
    scope = draw(st.sampled_from(list(gr.Scope)))
    last = dt.date(year + 1, 3, 31) if scope is gr.Scope.GOVERNMENT_LEVEL else dt.date(year + 1, 1, 31)
    return gr.ReportMeta(
        organ=organ,
        year=year,
        edition=edition,
        title=draw(st.one_of(st.none(), st.just(f"{organ}{year}年政府信息公开工作年度报告"))),
        division_code=draw(st.one_of(st.none(), st.integers(110000, 659999).map(str))),
        published=draw(st.one_of(st.none(), st.dates(dt.date(year + 1, 1, 1), last))),
        scope=scope,
        members=tuple(draw(st.lists(_non_empty_text(6).map(lambda s: s.strip() + "局"), max_size=3, unique=True))),
    )


def non_total_paths(edition: gr.Edition | str) -> tuple[str, ...]:
    """The cells of *edition* that no arithmetic rule states (parts, not totals)."""
    stated = {p for e in equations(edition) for p in e.left}
    return tuple(c.path for c in layout(edition).cells if c.path not in stated)


@st.composite
def _report(draw: Any, edition: gr.Edition, blanks: bool) -> gr.AnnualReport:
    proactive = draw(_proactive_2019() if edition is gr.Edition.E2019 else _proactive_2021())
    disputes = gr.Disputes.from_parts(
        review=draw(_outcomes()), direct_suit=draw(_outcomes()), suit_after_review=draw(_outcomes())
    )
    report = gr.AnnualReport.build(
        draw(_meta(edition)),
        overview=draw(narratives()),
        proactive=proactive,
        requests=draw(_requests(edition)),
        disputes=disputes,
        problems=draw(narratives(non_empty=True)),
        other_matters=draw(_other_matters(edition)),
    )
    if blanks:
        for path in draw(st.lists(st.sampled_from(non_total_paths(edition)), min_size=1, max_size=8, unique=True)):
            report = replace_cell(report, path, None)
        proactive = report.proactive
        if isinstance(proactive, gr.Proactive2019) and proactive.procurement.amount is None:
            # a blank amount prints no unit, so a report does not keep one
            blank = _procurement(proactive.procurement.projects, None, None)
            report = attrs.evolve(report, proactive=attrs.evolve(proactive, procurement=blank))
    return report


def reports(edition: gr.Edition | str | None = None, blanks: bool = False) -> st.SearchStrategy[gr.AnnualReport]:
    """
    A report of *edition* (either when None), built from random parts so that it is consistent.

    Counts are 0..200 (often 0), amounts Decimals with up to 4 places, narratives
    short texts of our own with optional subsections, and the metadata random
    (optional title, division code, publication date within the deadline, scope
    and members), with a year that matches the edition.  ``check(report) == []``.

    Args:
        edition: ``"2019"``, ``"2021"`` or None for either.
        blanks: Blank (None) some non-total cells afterwards; the report may then
            be inconsistent under the default blank policy.
    """
    chosen = editions() if edition is None else st.just(gr.Edition(edition))
    return chosen.flatmap(lambda e: _report(e, blanks))


# ----------------------------------------------------------------------------
# Hostile input (tests/test_robustness.py)
# ----------------------------------------------------------------------------


def _report_json(edition: str = "2021") -> str:
    year = 2022 if edition == "2021" else 2020
    return gr.to_json(gr.AnnualReport.blank(edition, organ="某某局", year=year, fill=0))


_REPORT_JSON = {e: _report_json(e) for e in ("2019", "2021")}


def deep_json() -> st.SearchStrategy[str]:
    """Arrays or objects nested from a few to 100,000 levels, alone or in place of a field of a report."""
    depth = st.one_of(st.integers(1, 70), st.integers(900, 1100), st.sampled_from([5_000, 100_000]))

    def build(args: tuple[int, str, bool]) -> str:
        n, kind, inside = args
        nested = "[" * n + "]" * n if kind == "list" else '{"a":' * n + "0" + "}" * n
        if not inside:
            return nested
        return _REPORT_JSON["2021"].replace('"organ": "某某局"', f'"organ": {nested}', 1)

    return st.tuples(depth, st.sampled_from(["list", "dict"]), st.booleans()).map(build)


def huge_int_documents() -> st.SearchStrategy[str]:
    """A report with one count replaced by an integer of 16 to 6,000 digits (or a big negative one)."""
    digits = st.one_of(st.integers(16, 60), st.integers(4_290, 4_310), st.just(6_000))
    return st.tuples(digits, st.booleans()).map(
        lambda a: _REPORT_JSON["2021"].replace(
            '"natural_person": 0', f'"natural_person": {"-" if a[1] else ""}{"9" * a[0]}', 1
        )
    )


def surrogate_documents() -> st.SearchStrategy[str]:
    """A report whose organ holds a lone surrogate, escaped as JSON does it."""
    surrogate = st.integers(0xD800, 0xDFFF).map(lambda c: f"\\u{c:04x}")
    return st.tuples(texts(max_size=5), surrogate, texts(max_size=5)).map(
        lambda a: _REPORT_JSON["2021"].replace('"organ": "某某局"', f'"organ": "{a[0]}{a[1]}{a[2]}"', 1)
    )


@st.composite
def duplicate_key_documents(draw: st.DrawFn) -> str:
    """A report's JSON with one key, anywhere, given twice (with another value or the same)."""
    text = _REPORT_JSON[draw(st.sampled_from(["2019", "2021"]))]
    import re

    keys = list(re.finditer(r'"([a-z_]+)": ', text))
    key = draw(st.sampled_from(keys))
    value = draw(st.sampled_from(["0", "null", '"x"', "{}", "[]"]))
    return text[: key.start()] + f'"{key.group(1)}": {value}, ' + text[key.start() :]


def hostile_json() -> st.SearchStrategy[str]:
    """Any of the hostile JSON texts above."""
    return st.one_of(deep_json(), huge_int_documents(), surrogate_documents(), duplicate_key_documents())


_LABELS = sorted({spec.row.split(" / ")[-1] for e in gr.Edition for spec in layout(e).cells})
_COLUMNS = sorted({spec.column for e in gr.Edition for spec in layout(e).cells})


_CELL_TEXTS = st.one_of(
    st.sampled_from(_LABELS),
    st.sampled_from(_COLUMNS),
    st.integers(0, 10**6).map(str),
    st.sampled_from(["", "&nbsp;", "-", "/", "１２", "1,234", "3.5", "12万元", "无", "\\"]),
)
_WRAPS = st.sampled_from(
    ["{}", "<s>{}</s>", "<del>{}</del>", "<strike>{}</strike>", "{}<sup>1</sup>", "<sub>{}</sub>",
     "<span>{}</span>", '<span style="display:none">7</span>{}', "<b><i>{}</i></b>", "{}<br>{}"]
)
_CELL_ATTRS = st.sampled_from(
    ["", ' rowspan="2"', ' colspan="3"', ' rowspan="0"', ' colspan="-1"', ' colspan="x"', ' rowspan="99"',
     ' colspan="1000000"', ' style="display:none"', " hidden", ' style="text-decoration:line-through"']
)


@st.composite
def hostile_html(draw: st.DrawFn) -> str:
    """A page with the report's headings and a table of hostile cells: spans, hidden and struck cells, superscripts."""
    import govinfo_report.vocab as v

    cells = draw(
        st.lists(
            st.tuples(_CELL_TEXTS, _WRAPS, _CELL_ATTRS, st.sampled_from(["td", "th"]), st.integers(0, 4)),
            min_size=1,
            max_size=40,
        )
    )
    rows: list[str] = []
    for text, wrap, attrs_, tag, new_row in cells:
        if not rows or new_row == 0:
            rows.append("")
        rows[-1] += f"<{tag}{attrs_}>{wrap.format(text, text)}</{tag}>"
    table = "<table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"
    heading = draw(st.sampled_from([v.PROACTIVE.zh, v.REQUESTS.zh, v.DISPUTES.zh]))
    return f"<h1>某某局2022年{v.REPORT_TITLE_SUFFIX.zh}</h1><p>{v.OVERVIEW.zh}</p><p>{heading}</p>{table}"


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@st.composite
def _document_xml(draw: st.DrawFn) -> bytes:
    paragraphs = draw(st.lists(texts(max_size=10), max_size=4))
    body = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in paragraphs)
    extra = draw(
        st.sampled_from(
            [
                "",
                '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999999"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>',
                "<w:p><w:r><w:t>a&ent;b</w:t></w:r></w:p>",
                "<w:sdt><w:sdtContent>" * 300 + "</w:sdtContent></w:sdt>" * 300,
                "<w:p><w:r><w:t>" + "x" * 2000 + "</w:t></w:r></w:p>",
                "<w:p>",
                '<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr></w:tc></w:tr>'
                "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>hidden</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
            ]
        )
    )
    doctype = draw(st.sampled_from(["", '<!DOCTYPE w:document [<!ENTITY ent "x">]>', "<!DOCTYPE w:document SYSTEM 'http://x'>"]))
    document = f'<w:document xmlns:w="{_W}"><w:body>{body}{extra}</w:body></w:document>'
    return f'<?xml version="1.0"?>{doctype}{document}'.encode()


@st.composite
def hostile_zips(draw: st.DrawFn) -> bytes:
    """A valid zip archive whose members are hostile: broken, deep, huge-span or entity-laden XML, or random bytes."""
    import io
    import zipfile

    members: dict[str, bytes] = {}
    members["word/document.xml"] = draw(st.one_of(_document_xml(), st.binary(max_size=64)))
    if draw(st.booleans()):
        members["_rels/.rels"] = draw(
            st.sampled_from(
                [
                    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    b'<Relationship Id="r1" Type="x/officeDocument" Target="word/document.xml"/></Relationships>',
                    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    b'<Relationship Id="r1" Type="x/officeDocument" Target="../../etc/passwd"/></Relationships>',
                    b"<broken",
                ]
            )
        )
    if draw(st.booleans()):
        members[draw(st.sampled_from(["word/styles.xml", "x" * 300, "../evil", "word/media/a.bin"]))] = draw(
            st.binary(max_size=32)
        )
    method = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()
@st.composite
def _broken(draw: Any, edition: gr.Edition) -> gr.AnnualReport:
    report = draw(_report(edition, draw(st.booleans())))
    cells = layout(edition).cells
    for spec in draw(st.lists(st.sampled_from(cells), max_size=4, unique_by=lambda c: c.path)):
        if spec.kind is Kind.AMOUNT:
            value: Any = draw(st.none() | amounts())
        elif spec.kind is Kind.SIGNED:
            value = draw(st.none() | st.integers(-50, 50))
        else:
            value = draw(st.none() | counts())
        report = replace_cell(report, spec.path, value)
    return report


_SUB_ROWS = ("overdue_correction", "overdue_fee", "other")
_COLUMNS = (*_PARTS, "total")


def with_single_row(report: gr.AnnualReport, row: gr.ApplicantCounts | None, *, keep_sub_rows: bool) -> gr.AnnualReport:
    """*report* (2021) with （六）其他处理 printed as one row *row*; its three sub-rows kept or blanked."""
    oh = report.requests.results.other_handling
    assert isinstance(oh, OtherHandling)
    if not keep_sub_rows:
        blank = gr.ApplicantCounts.blank()
        oh = attrs.evolve(oh, overdue_correction=blank, overdue_fee=blank, other=blank)
    oh = attrs.evolve(oh, single_row=row)
    results = attrs.evolve(report.requests.results, other_handling=oh)
    return attrs.evolve(report, requests=attrs.evolve(report.requests, results=results))


def sub_row_sum(report: gr.AnnualReport) -> gr.ApplicantCounts:
    """The three sub-rows of （六）其他处理 added column by column (blank as 0): the single row they make."""
    oh = report.requests.results.other_handling
    return gr.ApplicantCounts(**{c: sum(getattr(getattr(oh, r), c) or 0 for r in _SUB_ROWS) for c in _COLUMNS})


@st.composite
def _single_row_report(draw: Any, broken: bool) -> gr.AnnualReport:
    report = draw(_report(gr.Edition.E2021, draw(st.booleans()) if broken else False))
    keep = draw(st.booleans())
    report = with_single_row(report, sub_row_sum(report), keep_sub_rows=keep)
    if not broken:
        return report
    single = tuple(f"$.requests.results.other_handling.single_row.{c}" for c in _COLUMNS)
    cells = [c.path for c in layout(gr.Edition.E2021).cells if "other_handling" not in c.path or keep]
    by_path = layout(gr.Edition.E2021).by_path
    for path in draw(st.lists(st.sampled_from([*cells, *single, *single]), max_size=4, unique=True)):
        if path in single:
            oh = report.requests.results.other_handling
            row = attrs.evolve(oh.single_row, **{path.rsplit(".", 1)[1]: draw(st.none() | counts())})
            report = with_single_row(report, row, keep_sub_rows=True)
        elif by_path[path].kind is Kind.AMOUNT:
            report = replace_cell(report, path, draw(st.none() | amounts()))
        elif by_path[path].kind is Kind.SIGNED:
            report = replace_cell(report, path, draw(st.none() | st.integers(-50, 50)))
        else:
            report = replace_cell(report, path, draw(st.none() | counts()))
    return report


def single_row_reports(*, broken: bool = False) -> st.SearchStrategy[gr.AnnualReport]:
    """
    A consistent 2021 report of :func:`reports` whose （六）其他处理 is also printed as one row (``single_row``).

    The single row is the column sums of the sub-rows; half the time the sub-rows are then blanked (the single
    row stands for them), else kept.  With *broken*, blanks may be drawn and up to four cells (the single row's
    included, and the sub-rows' when kept) are then set at random, as :func:`broken_reports` does.
    """
    return _single_row_report(broken)


def broken_reports(edition: gr.Edition | str | None = None) -> st.SearchStrategy[gr.AnnualReport]:
    """
    A report of :func:`reports` (with or without blanks), then up to four cells, totals included, set at random.

    Each changed cell gets a blank or a random value of its kind, so the report may
    break any relation, several at once, or none.
    """
    chosen = editions() if edition is None else st.just(gr.Edition(edition))
    return chosen.flatmap(_broken)


# ----------------------------------------------------------------------------
# Reports whose arithmetic the tests do themselves (format-spec.md §4)
# ----------------------------------------------------------------------------
#
# Nothing below asks the library for a total: no builder (build.py, from_parts,
# AnnualReport.build), no rules.equations.  The row and column names are spelled
# out here from format-spec.md, the totals are computed here, and the model
# objects are constructed directly, so a wrong rule in rules.py cannot make
# these reports agree with it.

APPLICANTS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other")
"""Table 三's six applicant columns NP, BIZ, RES, NGO, LAW, OTH (format-spec §4.1 notation); TOT is ``total``."""

OUTCOMES = ("upheld", "corrected", "other", "pending")
"""Table 四: 结果维持, 结果纠正, 其他结果, 尚未审结 (R4.1–R4.3); 总计 is ``total``."""

DISPUTE_BLOCKS = ("review", "direct_suit", "suit_after_review")
"""Table 四's three blocks: 行政复议, 未经复议直接起诉, 复议后起诉."""

_GROUPS = {
    "withheld": (  # （三）不予公开 1–8
        "state_secret", "prohibited_by_law", "three_safeties", "third_party",
        "internal_affairs", "process_information", "enforcement_files", "administrative_inquiry",
    ),
    "unable": ("not_held", "needs_creation", "unclear"),  # （四）无法提供 1–3
    "not_processed": ("complaint", "repeated", "publications", "mass_repeated", "confirmation"),  # （五）不予处理 1–5
    "other_handling": ("overdue_correction", "overdue_fee", "other"),  # （六）其他处理 1–3, 2021 only
}
_GROUP_CLASSES = {
    "withheld": Withheld, "unable": Unable, "not_processed": NotProcessed, "other_handling": OtherHandling
}
_T3 = "$.requests"


def result_rows(edition: gr.Edition | str) -> tuple[str, ...]:
    """
    The paths of the result rows that （七）总计 adds up, per format-spec R3.4.

    （一）予以公开, （二）部分公开, （三）1–8, （四）1–3, （五）1–5, then （六） as one row (2019) or
    its sub-rows 1–3 (2021).  （三）（四）（五） have no printed subtotal row (R3.3).
    """
    grouped = ("withheld", "unable", "not_processed")
    grouped += ("other_handling",) if gr.Edition(edition) is gr.Edition.E2021 else ()
    rows = [f"{_T3}.results.disclosed", f"{_T3}.results.partly_disclosed"]
    rows += [f"{_T3}.results.{g}.{r}" for g in grouped for r in _GROUPS[g]]
    if gr.Edition(edition) is gr.Edition.E2019:
        rows.append(f"{_T3}.results.other_handling")
    return tuple(rows)


def table_three_rows(edition: gr.Edition | str) -> tuple[str, ...]:
    """Every row of table 三: 一、本年新收, 二、上年结转, the result rows, （七）总计, 四、结转下年度继续办理."""
    return (
        f"{_T3}.received", f"{_T3}.carried_in", *result_rows(edition),
        f"{_T3}.results.total", f"{_T3}.carried_forward",
    )


@attrs.frozen
class SpecRelation:
    """One relation of format-spec §4, written out by the tests: Σ stated (=, or ≥) Σ computed."""

    code: str
    stated: tuple[str, ...]
    computed: tuple[str, ...]
    at_least: bool = False

    @property
    def cells(self) -> frozenset[str]:
        """Every cell the relation uses."""
        return frozenset((*self.stated, *self.computed))


@functools.cache
def spec_relations(edition: gr.Edition | str) -> tuple[SpecRelation, ...]:
    """
    The in-report arithmetic of format-spec §4 for *edition*, one relation per row or column.

    R3.2 (T3-ROW-TOTAL: each row's 总计 = the six applicant columns), R3.4 (T3-RESULTS-TOTAL: each
    column's （七）总计 = the result rows), R3.1 (T3-BALANCE: each column, 总计 included, 一 + 二 =
    （七）总计 + 四), R4.1–R4.3 (T4-TOTAL), and table 二's R2.7 (2019) or R2.3 (2021).
    """
    edition = gr.Edition(edition)
    out: list[SpecRelation] = []
    for row in ("$.proactive.rules", "$.proactive.normative_documents"):
        if edition is gr.Edition.E2019:
            larger, smaller = (f"{row}.total_published",), (f"{row}.newly_published",)
            out.append(SpecRelation("T2-PUBLISHED-WITHIN-TOTAL", larger, smaller, at_least=True))
        else:
            larger, smaller = (f"{row}.in_force", f"{row}.repealed"), (f"{row}.issued",)
            out.append(SpecRelation("T2-ISSUED-WITHIN-IN-FORCE", larger, smaller, at_least=True))
    for row in table_three_rows(edition):
        out.append(SpecRelation("T3-ROW-TOTAL", (f"{row}.total",), tuple(f"{row}.{c}" for c in APPLICANTS)))
    for col in (*APPLICANTS, "total"):
        out.append(SpecRelation(
            "T3-RESULTS-TOTAL", (f"{_T3}.results.total.{col}",), tuple(f"{r}.{col}" for r in result_rows(edition))
        ))
    for col in (*APPLICANTS, "total"):
        out.append(SpecRelation(
            "T3-BALANCE",
            (f"{_T3}.results.total.{col}", f"{_T3}.carried_forward.{col}"),
            (f"{_T3}.received.{col}", f"{_T3}.carried_in.{col}"),
        ))
    for block in DISPUTE_BLOCKS:
        p = f"$.disputes.{block}"
        out.append(SpecRelation("T4-TOTAL", (f"{p}.total",), tuple(f"{p}.{o}" for o in OUTCOMES)))
    return tuple(out)


def spec_cells(edition: gr.Edition | str) -> tuple[str, ...]:
    """Every cell of tables 三 and 四 (each takes part in an equality of :func:`spec_relations`)."""
    t3 = [f"{row}.{c}" for row in table_three_rows(edition) for c in (*APPLICANTS, "total")]
    t4 = [f"$.disputes.{b}.{o}" for b in DISPUTE_BLOCKS for o in (*OUTCOMES, "total")]
    return (*t3, *t4)


@functools.cache
def _count_block(n: int) -> st.SearchStrategy[tuple[int, ...]]:
    """*n* counts in one draw (fast to generate, shrinks to 0s): 0 for about 40%, else 1..159."""
    return st.binary(min_size=n, max_size=n).map(lambda bs: tuple(0 if b < 96 else b - 96 for b in bs))


def _applicants(values: tuple[int, ...]) -> gr.ApplicantCounts:
    """A table 三 row with its 总计 computed here: NP+BIZ+RES+NGO+LAW+OTH (R3.2)."""
    return gr.ApplicantCounts(**dict(zip(APPLICANTS, values, strict=True)), total=sum(values))


@st.composite
def spec_requests(draw: Any, edition: gr.Edition) -> gr.Requests:
    """
    Table 三 with every total computed here from format-spec §4.1.

    The result rows and 四、结转下年度继续办理 are drawn; each row's 总计 is the sum of its six
    applicant columns (R3.2); （七）总计 is, per column, the sum of the result rows of R3.4; and per
    column the balance R3.1 (一 + 二 = （七）总计 + 四) is met by drawing 二、上年结转 up to the right-hand
    side and taking 一、本年新收 as the rest.
    """
    rows = result_rows(edition)
    block = draw(_count_block(6 * (len(rows) + 1)))
    drawn = {row: block[6 * k : 6 * k + 6] for k, row in enumerate(rows)}
    carried_forward = block[-6:]
    results_total = tuple(sum(v[i] for v in drawn.values()) for i in range(6))
    need = [t + f for t, f in zip(results_total, carried_forward, strict=True)]
    shares = draw(st.binary(min_size=6, max_size=6))  # how much of each column was carried in
    carried_in = tuple(n * b // 255 for n, b in zip(need, shares, strict=True))
    received = tuple(n - c for n, c in zip(need, carried_in, strict=True))

    def group(name: str) -> Any:
        return _GROUP_CLASSES[name](**{r: _applicants(drawn[f"{_T3}.results.{name}.{r}"]) for r in _GROUPS[name]})

    other_handling = (
        _applicants(drawn[f"{_T3}.results.other_handling"]) if edition is gr.Edition.E2019 else group("other_handling")
    )
    results = gr.Results(
        disclosed=_applicants(drawn[f"{_T3}.results.disclosed"]),
        partly_disclosed=_applicants(drawn[f"{_T3}.results.partly_disclosed"]),
        withheld=group("withheld"),
        unable=group("unable"),
        not_processed=group("not_processed"),
        other_handling=other_handling,
        total=_applicants(results_total),
    )
    return gr.Requests(
        received=_applicants(received),
        carried_in=_applicants(carried_in),
        results=results,
        carried_forward=_applicants(carried_forward),
    )


@st.composite
def spec_outcomes(draw: Any) -> gr.Outcomes:
    """One block of table 四 with 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 computed here (R4.1–R4.3)."""
    parts = draw(st.tuples(*(_COUNT,) * 4))
    return gr.Outcomes(**dict(zip(OUTCOMES, parts, strict=True)), total=sum(parts))


@st.composite
def spec_proactive(draw: Any, edition: gr.Edition) -> gr.Proactive2019 | gr.Proactive2021:
    """
    Table 二 meeting its relations: 对外公开总数量 ≥ 本年新公开数量 (2019, R2.7), 本年制发件数 ≤
    现行有效件数 + 本年废止件数 (2021, R2.3); 本年增/减 may be negative (R2.5); 采购总金额 with
    either unit or none (R2.8).
    """
    if edition is gr.Edition.E2021:
        return draw(_proactive_2021())
    return draw(_proactive_2019())


# Texts a report may hold that a JSON writer must escape or keep: quotes, backslashes, control
# characters, line and paragraph separators, characters beyond the BMP, combining marks, white space only.
_ODD_TEXT = st.one_of(
    texts(),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
    st.sampled_from(["", " ", "\n", '"', "\\", "\\u0000", "\x00", "\u2028\u2029", "\ufeff", "𠀀😀", "e\u0301", "</p>"]),
)


@st.composite
def odd_narratives(draw: Any) -> gr.Narrative:
    """A narrative of odd text (see ``_ODD_TEXT``) with up to two subsections."""
    subsections = draw(st.lists(st.builds(gr.Subsection, title=_ODD_TEXT, text=_ODD_TEXT), max_size=2))
    return gr.Narrative(text=draw(_ODD_TEXT), subsections=tuple(subsections))


@st.composite
def _spec_report(draw: Any, edition: gr.Edition, blanks: str, odd: bool) -> gr.AnnualReport:
    text = odd_narratives() if odd else narratives()
    other = draw(_other_matters(edition))
    if odd:
        other = attrs.evolve(other, text=draw(_ODD_TEXT))
    report = gr.AnnualReport(
        meta=draw(_meta(edition)),
        overview=draw(text),
        proactive=draw(spec_proactive(edition)),
        requests=draw(spec_requests(edition)),
        disputes=gr.Disputes(**{b: draw(spec_outcomes()) for b in DISPUTE_BLOCKS}),
        problems=draw(narratives(non_empty=True)) if not odd else draw(text),
        other_matters=other,
    )
    if blanks == "none":
        return report
    if blanks == "zeros":
        candidates = [p for p in spec_cells(edition) if value_at(report, p) == 0]
    else:
        candidates = [c.path for c in layout(edition).cells]
    if not candidates:
        return report
    for path in draw(st.lists(st.sampled_from(candidates), max_size=12, unique=True)):
        report = replace_cell(report, path, None)
    return report


def value_at(report: Any, path: str) -> Any:
    """The value at *path* (``$.a.b``) of *report*, read attribute by attribute (no library walker)."""
    for name in path[2:].split("."):
        report = getattr(report, name)
    return report


def spec_reports(
    edition: gr.Edition | str | None = None, *, blanks: str = "none", odd: bool = False
) -> st.SearchStrategy[gr.AnnualReport]:
    """
    A report of *edition* (either when None) whose totals the tests computed (see :func:`spec_requests`,
    :func:`spec_outcomes`, :func:`spec_proactive`), constructed from the model classes directly.

    It meets every relation of :func:`spec_relations`.

    Args:
        edition: ``"2019"``, ``"2021"`` or None for either.
        blanks: ``"none"``; ``"zeros"``: some cells of tables 三 and 四 that hold 0 are blank
            instead (still consistent when a blank counts as 0); ``"any"``: up to 12 cells of any
            table, totals included, are blank (the report may then be inconsistent).
        odd: Narratives and 六 of odd text (control characters, separators, astral characters).
    """
    if blanks not in ("none", "zeros", "any"):
        raise ValueError(blanks)
    chosen = editions() if edition is None else st.just(gr.Edition(edition))
    return chosen.flatmap(lambda e: _spec_report(e, blanks, odd))
