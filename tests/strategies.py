"""
Hypothesis strategies shared by the whole suite.

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
from govinfo_report.layout import layout, replace_cell
from govinfo_report.model import NotProcessed, OtherHandling, Unable, Withheld
from govinfo_report.rules import equations

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
    "reports",
    "single_row_reports",
    "sub_row_sum",
    "surrogate_documents",
    "texts",
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
