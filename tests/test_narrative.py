"""The claims reader and the TEXT-* rules: the prose against the tables, on prose of our own."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.checks import check
from govinfo_report.claims import ClaimKind, claims_in_text, parse_number, read_claims
from govinfo_report.narrative_checks import narrative_findings
from govinfo_report.tables import get_cell, replace_cell

from .conftest import ROOT, SEED, SHARED
from .helpers import clean_report
from .strategies import reports

CORPUS = SHARED / "corpus"

# ----------------------------------------------------------------------------
# The fixture: one consistent 2022 report, and prose of our own that states its figures
# ----------------------------------------------------------------------------


def _tables() -> gr.AnnualReport:
    """Figures worked out by hand: 新收 45 + 上年结转 3 = （七）总计 45 + 结转下年度 3."""
    report = clean_report("2021", 2022)
    requests = gr.Requests.from_parts(
        "2021",
        received={"natural_person": 40, "commercial": 5},
        carried_in={"natural_person": 3},
        disclosed={"natural_person": 20, "commercial": 2},
        partly_disclosed={"natural_person": 3},
        withheld={"state_secret": {"natural_person": 1}, "third_party": {"natural_person": 1}},
        unable={"not_held": {"natural_person": 10, "commercial": 2}},
        not_processed={"repeated": {"natural_person": 2}},
        other_handling={"other": {"natural_person": 3, "commercial": 1}},
    )
    disputes = gr.Disputes.from_parts(
        review={"upheld": 1, "pending": 1}, direct_suit={"upheld": 1}, suit_after_review={"corrected": 1}
    )
    report = attrs.evolve(report, requests=requests, disputes=disputes)
    for path, value in {
        "$.proactive.normative_documents.issued": 3,
        "$.proactive.normative_documents.repealed": 1,
        "$.proactive.normative_documents.in_force": 20,
        "$.proactive.licensing.decisions": 120,
        "$.proactive.penalties.decisions": 64,
    }.items():
        report = replace_cell(report, path, value)
    return report


OVERVIEW = (
    "2022年，本局把政务公开同转变作风结合起来，各项工作平稳推进。\n"
    "全年制发行政规范性文件3件，废止规范性文件1件，现行有效规范性文件20件；作出行政许可决定120件、行政处罚决定64件。"
    "本年度主动公开各类政府信息1500余条，制发政策性文件6件。\n"
    "本年度共受理政府信息公开申请48件，其中新收申请45件，上年结转3件。"
    "新收申请中，自然人申请40件，法人或其他组织申请5件。"
    "全年答复45件（含上年度结转申请3件，另有3件顺延到下年度答复）。"
    "其中予以公开22件，部分公开3件，不予公开2件，无法提供12件，不予处理2件。\n"
    "因政府信息公开被申请行政复议2件，其中结果维持1件，尚未审结1件；被提起行政诉讼2件，其中结果维持1件。"
)
OTHER = "本年度收取信息处理费150元。"


def _report(overview: str = OVERVIEW, other: str = OTHER) -> gr.AnnualReport:
    report = _tables()
    return attrs.evolve(
        report,
        overview=gr.Narrative(text=overview),
        other_matters=gr.OtherMatters(text=other, fees=gr.ProcessingFees(amount_yuan=Decimal(150))),
    )


def _text(findings: list[gr.Finding]) -> list[gr.Finding]:
    return [f for f in findings if f.code.startswith("TEXT-")]


def test_the_fixture_is_consistent() -> None:
    """The fixture's tables and prose agree: check() finds nothing at all."""
    assert check(_report()) == []


def test_the_fixture_prose_is_read() -> None:
    """Every figure of the fixture's prose the tables hold is read as a claim (the rest are not)."""
    kinds = [(c.kind, c.subject, c.value) for c in read_claims(_report())]

    assert (ClaimKind.RECEIVED, None, 48) in kinds
    assert (ClaimKind.CARRIED_FORWARD, None, 3) in kinds
    assert (ClaimKind.LITIGATION, "upheld", 1) in kinds
    assert (ClaimKind.PROACTIVE, "licensing.decisions", 120) in kinds
    assert (ClaimKind.FEE_AMOUNT, None, Decimal(150)) in kinds
    assert not any(c.value in (1500, 6) for c in read_claims(_report()))  # 1500余条, 政策性文件6件


# (the figure as the fixture states it, what the wrong prose says, code, cell path, the table's value)
WRONG = [
    ("共受理政府信息公开申请48件", "共受理政府信息公开申请50件", "TEXT-REQUESTS", "$.requests.received.total", 45),
    ("新收申请45件", "新收申请44件", "TEXT-REQUESTS", "$.requests.received.total", 45),
    ("上年结转3件", "上年结转4件", "TEXT-REQUESTS", "$.requests.carried_in.total", 3),
    ("自然人申请40件", "自然人申请41件", "TEXT-REQUESTS", "$.requests.received.natural_person", 40),
    ("法人或其他组织申请5件", "法人或其他组织申请7件", "TEXT-REQUESTS", "$.requests.received.commercial", 5),
    ("全年答复45件", "全年答复47件", "TEXT-REQUESTS", "$.requests.results.total.total", 45),
    ("另有3件顺延", "另有5件顺延", "TEXT-REQUESTS", "$.requests.carried_forward.total", 3),
    ("予以公开22件", "予以公开21件", "TEXT-REQUESTS", "$.requests.results.disclosed.total", 22),
    ("部分公开3件", "部分公开4件", "TEXT-REQUESTS", "$.requests.results.partly_disclosed.total", 3),
    ("不予公开2件", "不予公开3件", "TEXT-REQUESTS", "$.requests.results.withheld", 2),
    ("无法提供12件", "无法提供13件", "TEXT-REQUESTS", "$.requests.results.unable", 12),
    ("不予处理2件", "不予处理1件", "TEXT-REQUESTS", "$.requests.results.not_processed", 2),
    ("被申请行政复议2件", "被申请行政复议3件", "TEXT-DISPUTES", "$.disputes.review.total", 2),
    ("其中结果维持1件，尚未", "其中结果维持2件，尚未", "TEXT-DISPUTES", "$.disputes.review.upheld", 1),
    ("尚未审结1件", "尚未审结0件", "TEXT-DISPUTES", "$.disputes.review.pending", 1),
    ("被提起行政诉讼2件", "被提起行政诉讼4件", "TEXT-DISPUTES", "$.disputes.direct_suit.total", 2),
    ("其中结果维持1件。", "其中结果维持3件。", "TEXT-DISPUTES", "$.disputes.direct_suit.upheld", 1),
    ("制发行政规范性文件3件", "制发行政规范性文件5件", "TEXT-PROACTIVE", "$.proactive.normative_documents.issued", 3),
    ("废止规范性文件1件", "废止规范性文件2件", "TEXT-PROACTIVE", "$.proactive.normative_documents.repealed", 1),
    (
        "现行有效规范性文件20件",
        "现行有效规范性文件21件",
        "TEXT-PROACTIVE",
        "$.proactive.normative_documents.in_force",
        20,
    ),
    ("行政许可决定120件", "行政许可决定102件", "TEXT-PROACTIVE", "$.proactive.licensing.decisions", 120),
    ("行政处罚决定64件", "行政处罚决定46件", "TEXT-PROACTIVE", "$.proactive.penalties.decisions", 64),
    ("2022年，本局", "2021年，本局", "TEXT-YEAR", "$.overview", 2022),
]


@pytest.mark.parametrize(
    "sentence",
    [
        "本报告统计期限自{}年1月1日起至{}年12月31日止。",
        "现公布本机关{}年度政府信息公开工作年度报告，{}年的数据均来自业务台账。",
        "本局整体工作平稳。\n{}年，本局持续深化政务公开，{}年度各项数据如下。",
    ],
)
def test_year_statements_right_and_wrong(sentence: str) -> None:
    """A statistics period, a named report year, or a paragraph opening with a year: right, then wrong."""
    assert _text(check(_report(sentence.format(2022, 2022)))) == []
    findings = _text(check(_report(sentence.format(2021, 2021))))

    assert [(f.code, f.stated, f.expected) for f in findings] == [("TEXT-YEAR", 2021, 2022)]


@pytest.mark.parametrize(("right", "wrong", "code", "path", "table"), WRONG, ids=[w[1] for w in WRONG])
def test_one_wrong_figure_gives_one_warning(right: str, wrong: str, code: str, path: str, table: int) -> None:
    """Changing one figure of the prose gives exactly one warning, at the cell it speaks of, quoting the sentence."""
    assert OVERVIEW.count(right) == 1
    stated = int(re.search(r"[0-9]+", wrong).group())  # type: ignore[union-attr]

    findings = _text(check(_report(OVERVIEW.replace(right, wrong))))

    assert [(f.code, f.severity.value) for f in findings] == [(code, "warning")]
    f = findings[0]
    assert f.path == path
    assert f.expected == table
    assert f.stated == stated
    assert f.quote is not None
    assert wrong.split("，")[0].rstrip("。") in f.quote.sentence
    assert f.quote.sentence in f.message
    if path.startswith("$.requests") or path.startswith("$.disputes") or path.startswith("$.proactive"):
        assert None not in (f.table, f.row, f.column)
        cells = {c.path: c.value for c in f.cells}
        assert path in cells or any(p.startswith(path + ".") for p in cells)
        assert all(v == get_cell(_report(), p) for p, v in cells.items())


def test_a_wrong_fee_gives_one_warning() -> None:
    """A 信息处理费 amount other than the report's is TEXT-FEES; 万元 is read as 10000 元."""
    findings = _text(check(_report(other="本年度收取信息处理费0.2万元。")))

    assert [(f.code, f.stated, f.expected, f.path) for f in findings] == [
        ("TEXT-FEES", Decimal("2000.0"), Decimal(150), "$.other_matters.fees.amount_yuan")
    ]


def test_a_claim_of_zero_in_words() -> None:
    """ "未收到政府信息公开申请" and "未发生行政复议、行政诉讼" are claims of 0, compared like the others."""
    prose = "本年度未收到政府信息公开申请。全年未发生因政府信息公开工作引起的行政复议、行政诉讼。"
    report = _report(prose)

    codes = [(f.code, f.path, f.stated) for f in _text(check(report))]

    assert codes == [
        ("TEXT-REQUESTS", "$.requests.received.total", 0),
        ("TEXT-DISPUTES", "$.disputes.review.total", 0),
        ("TEXT-DISPUTES", "$.disputes.direct_suit.total", 0),
    ]
    assert _text(check(attrs.evolve(clean_report(), overview=gr.Narrative(text=prose)))) == []


def test_a_long_object_between_verb_and_number() -> None:
    """ "收到公民、法人或其他组织提出的政府信息公开申请N件" is read as applications received."""
    prose = "本年度共收到公民、法人或其他组织提出的政府信息公开申请{}件。"

    assert _text(check(_report(prose.format(45)))) == []
    assert [(f.code, f.stated) for f in _text(check(_report(prose.format(40))))] == [("TEXT-REQUESTS", 40)]


def test_chinese_numerals_right_and_wrong() -> None:
    """A figure in Chinese numerals is read as its value: 四十八 agrees, 四十九 does not."""
    right = OVERVIEW.replace("申请48件", "申请四十八件")
    wrong = OVERVIEW.replace("申请48件", "申请四十九件")

    assert _text(check(_report(right))) == []
    assert [(f.stated, f.quote.text if f.quote else None) for f in _text(check(_report(wrong)))] == [(49, "四十九")]


# ----------------------------------------------------------------------------
# Legitimate differences (item 2 of the issue): no warning
# ----------------------------------------------------------------------------

LEGITIMATE = [
    # 共受理 = 新收 + 上年结转, not 新收 alone
    "本年度共受理政府信息公开申请48件。",
    # 行政诉讼 = 未经复议直接起诉 + 复议后起诉; 其中结果维持 summed over both blocks
    "本年度因政府信息公开被提起行政诉讼2件，其中结果维持1件。",
    # 答复N件（含上年度结转申请M件，另有K件顺延到下年度答复）: N is （七）总计, K is 结转下年度
    "全年答复45件（含上年度结转申请3件，另有3件顺延到下年度答复），均未超过法定期限，政务公开工作持续推进。",
    # 政策性文件 is not 行政规范性文件; 主动公开各类政府信息N余条 matches no cell
    "全年制发政策性文件9件，主动公开各类政府信息2000余条。",
    # a part of a group: 不予公开 as the sum of （三）'s rows
    "依申请公开方面，不予公开2件。",
    # figures of another year, comparisons, channels and other subjects are not claims
    "共收到政府信息公开申请45件，较上年增加10件，其中网上申请30件、当面申请15件。",
    "2021年共收到政府信息公开申请30件，本年度有所增加。",
    "全年办理人大代表建议12件、政协委员提案9件。",
    "本机关作为复议机关，全年受理涉及政府信息公开的行政复议案件7件。",
    "全年未发生行政复议、行政诉讼被纠错的情况。",
    "受理申请中，涉及征地拆迁的8件。",
    "坚持“一件事一次办”，办结率100%，平均答复时间为7个工作日。",
    "2022年，我局将继续完善公开目录。",
    "2019年，国务院修订后的条例施行，我局据此调整了公开目录。",
    "其中，县教育局收到申请5件。",
    "市政府共收到行政复议申请12件，其中涉及政府信息公开的3件。",
    "制定内部规章3件，规章制度汇编1册。",
    "坚持受理一件、办结一件。",
    "全年受理政府信息公开申请数十件，办结十几件。",
    # subsets: extended, overdue or withdrawn applications
    "依申请公开方面，延期答复3件，申请人撤回申请2件，答复超期1件。",
    # a verb that may mean either kind is compared with the readings of both
    "本年度共收到并办结政府信息公开申请48件。",
    # an amount in a sentence about fees is not the fee unless the fee names it
    "本年度共受理政府信息公开申请48件，收取信息处理费150元，行政事业性收费另计12万元。",
]


@pytest.mark.parametrize("prose", LEGITIMATE)
def test_legitimate_differences_give_no_warning(prose: str) -> None:
    """Wording that real reports use for other cells, sums or other figures is not a TEXT-* finding."""
    assert _text(check(_report(prose))) == []


def test_an_ambiguous_claim_with_a_blank_reading_is_at_most_info() -> None:
    """When a reading uses a blank cell and the others do not match, the finding is TEXT-UNCERTAIN (info)."""
    report = replace_cell(_report("本年度共受理政府信息公开申请48件。"), "$.requests.carried_in.total", None)

    findings = _text(check(report, blank="ignore"))

    assert [(f.code, f.severity.value) for f in findings] == [("TEXT-UNCERTAIN", "info")]


def test_a_bare_carry_is_compared_with_both_directions() -> None:
    """A bare 结转3件 matches either 上年结转 or 结转下年度; matching neither is only info."""
    assert _text(check(_report("本年度依申请公开结转3件。"))) == []
    findings = _text(check(_report("本年度依申请公开结转7件。")))

    assert [f.code for f in findings] == ["TEXT-UNCERTAIN"]


def test_narrative_checks_can_be_switched_off() -> None:
    """check(narrative=False) runs no TEXT-* rule."""
    report = _report(OVERVIEW.replace("申请48件", "申请50件"))

    assert _text(check(report))
    assert _text(check(report, narrative=False)) == []


def test_the_cli_switch(tmp_path: Path) -> None:
    """`govinfo-report check --no-narrative` leaves the TEXT-* rules out of its JSON."""
    path = tmp_path / "r.json"
    path.write_text(gr.to_json(_report(OVERVIEW.replace("申请48件", "申请50件"))), encoding="utf-8")
    cmd = [sys.executable, "-m", "govinfo_report", "check", str(path), "--format", "json"]

    on = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=False).stdout)
    off = json.loads(subprocess.run([*cmd, "--no-narrative"], capture_output=True, text=True, check=False).stdout)

    assert [f["code"] for f in on] == ["TEXT-REQUESTS"]
    assert on[0]["quote"]["text"] == "50"
    assert off == []


def test_year_claims_are_skipped_without_a_year() -> None:
    """With no report year (meta.year None), TEXT-YEAR and claims naming a year are not compared."""
    report = _report(OVERVIEW.replace("2022年，本局", "2019年，本局"))
    meta = report.meta
    object.__setattr__(meta, "year", None)  # as the importers will leave it when a report does not say

    assert narrative_findings(report) == []


# ----------------------------------------------------------------------------
# The reader
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三十三", 33),
        ("一百零二", 102),
        ("两", 2),
        ("〇", 0),
        ("十五", 15),
        ("二百", 200),
        ("一千零五", 1005),
        ("１２", 12),
        ("1,234", 1234),
        ("12.5", Decimal("12.5")),
        ("三三", None),
        ("1,23", None),
    ],
)
def test_parse_number(text: str, value: object) -> None:
    """Numbers as prose writes them: Chinese numerals, full-width digits, separators."""
    assert parse_number(text) == value


def test_spans_point_at_the_number_as_written() -> None:
    """Each claim's span is where its number stands in the section text, and its sentence contains it."""
    text = "本局年度工作有序开展。\n全年共收到政府信息公開申請１２件，其中予以公開三件。"

    claims = claims_in_text(text)

    assert [(c.kind, c.text, c.value) for c in claims] == [
        (ClaimKind.RECEIVED, "１２", 12),
        (ClaimKind.RESULT, "三", 3),
    ]
    for c in claims:
        assert text[c.span[0] : c.span[1]] == c.text
        assert text[c.sentence_span[0] : c.sentence_span[1]] == c.sentence


# ----------------------------------------------------------------------------
# Real reports and our fixtures: no TEXT-* warning
# ----------------------------------------------------------------------------


def _parse(path: Path) -> gr.AnnualReport:
    try:
        return gr.parse(path).report
    except gr.GovInfoReportError:
        year = None
        index = CORPUS / "index.json"
        if index.is_file():
            year = {e["file"]: e["year"] for e in json.loads(index.read_text(encoding="utf-8"))}.get(path.name)
        return gr.parse(path, organ="x", year=year or 2021).report


def _real_files() -> list[Path]:
    return [*sorted(CORPUS.glob("*.txt")), *([SEED] if SEED.is_file() else [])]


@pytest.mark.skipif(not _real_files(), reason="../shared is absent")
@pytest.mark.parametrize("path", _real_files(), ids=lambda p: p.name)
def test_no_text_warning_on_real_reports(path: Path) -> None:
    """The real excerpts and the seed, as published, give no TEXT-* warning."""
    findings = [f for f in _text(check(_parse(path))) if f.severity.value == "warning"]

    assert findings == []


FIXTURES = sorted((ROOT / "tests" / "fixtures").rglob("*.txt")) + sorted((ROOT / "tests" / "fixtures").rglob("*.html"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_no_text_finding_on_the_consistent_fixtures(path: Path) -> None:
    """The layout and quirk fixtures give no TEXT-* finding."""
    assert _text(check(gr.parse(path).report)) == []


# ----------------------------------------------------------------------------
# Property: a generated report whose prose states its own figures
# ----------------------------------------------------------------------------


# The figures the generated prose states: (key, sentence template, cell), and every reading of each
# that real reports use (the oracle of the property below, written independently of the checker).
STATED = (
    ("received", "全年新收政府信息公开申请{}件", "$.requests.received.total"),
    ("carried_in", "上年结转{}件", "$.requests.carried_in.total"),
    ("handled", "办结{}件", "$.requests.results.total.total"),
    ("carried_forward", "结转下年度继续办理{}件", "$.requests.carried_forward.total"),
    ("disclosed", "其中予以公开{}件", "$.requests.results.disclosed.total"),
    ("partly", "部分公开{}件", "$.requests.results.partly_disclosed.total"),
    ("review", "因政府信息公开被申请行政复议{}件", "$.disputes.review.total"),
)


def _readings(report: gr.AnnualReport, key: str) -> set[int]:
    def t(path: str) -> int:
        value = get_cell(report, path)
        assert isinstance(value, int)
        return value

    received, carried_in = t("$.requests.received.total"), t("$.requests.carried_in.total")
    results = t("$.requests.results.total.total")
    disclosed, partly = t("$.requests.results.disclosed.total"), t("$.requests.results.partly_disclosed.total")
    return {
        "received": {received, received + carried_in, results},
        "carried_in": {carried_in},
        "handled": {results, received + carried_in, received},
        "carried_forward": {t("$.requests.carried_forward.total")},
        "disclosed": {disclosed, disclosed + partly},
        "partly": {partly},
        "review": {t("$.disputes.review.total")},
    }[key]


def _prose(report: gr.AnnualReport, changed: dict[str, int]) -> str:
    figures = {key: changed.get(key, get_cell(report, path)) for key, _, path in STATED}
    parts = [template.format(figures[key]) for key, template, _ in STATED]
    return (
        f"{report.meta.year}年，本机关扎实推进政务公开。\n"
        + "，".join(parts[:4])
        + "。"
        + "，".join(parts[4:6])
        + "。\n"
        + parts[6]
        + "。"
    )


@given(reports(), st.sampled_from([k for k, _, _ in STATED]), st.integers(1, 50))
def test_stated_figures_agree_and_one_change_is_one_finding(report: gr.AnnualReport, key: str, bump: int) -> None:
    """Prose stating a consistent report's own figures gives no TEXT-* finding; one changed figure gives one."""
    wrong = max(_readings(report, key)) + bump  # matches no reading of that claim
    cell = next(path for k, _, path in STATED if k == key)

    ok = attrs.evolve(report, overview=gr.Narrative(text=_prose(report, {})))
    bad = attrs.evolve(report, overview=gr.Narrative(text=_prose(report, {key: wrong})))

    assert _text(check(ok)) == []
    assert [(f.code, f.path, f.stated) for f in _text(check(bad))] == [
        ("TEXT-DISPUTES" if key == "review" else "TEXT-REQUESTS", cell, wrong)
    ]


# ----------------------------------------------------------------------------
# A second fixture: a 2019-edition report whose overview has subsections
# ----------------------------------------------------------------------------


def _report_2019(subsections: tuple[tuple[str, str], ...] | None = None) -> gr.AnnualReport:
    """新收 34 + 上年结转 1 = （七）总计 33 + 结转下年度 2; 复议 2 (维持 1, 纠正 1); 诉讼 1 (尚未审结)."""
    report = clean_report("2019", 2020)
    requests = gr.Requests.from_parts(
        "2019",
        received={"natural_person": 30, "commercial": 4},
        carried_in={"natural_person": 1},
        disclosed={"natural_person": 18, "commercial": 2},
        partly_disclosed={"natural_person": 2},
        withheld={"process_information": {"natural_person": 1}},
        unable={"not_held": {"natural_person": 6}, "needs_creation": {"commercial": 1}},
        not_processed={"repeated": {"natural_person": 2}},
        other_handling={"natural_person": 1},
    )
    disputes = gr.Disputes.from_parts(review={"upheld": 1, "corrected": 1}, direct_suit={"pending": 1})
    report = attrs.evolve(report, requests=requests, disputes=disputes)
    for path, value in {
        "$.proactive.normative_documents.newly_made": 5,
        "$.proactive.normative_documents.newly_published": 5,
        "$.proactive.normative_documents.total_published": 60,
        "$.proactive.licensing.decisions": 300,
        "$.proactive.penalties.decisions": 12,
    }.items():
        report = replace_cell(report, path, value)
    overview = gr.Narrative(
        text="2020年，本局围绕自然资源管理中心工作，推进决策、执行、管理、服务、结果公开。",
        subsections=tuple(gr.Subsection(title=t, text=x) for t, x in (subsections or SUBSECTIONS_2019)),
    )
    return attrs.evolve(report, overview=overview)


SUBSECTIONS_2019 = (
    (
        "（一）主动公开",
        "全年新制作规范性文件5件，在门户网站公开各类信息860余条，发布政策解读12篇。"
        "办理行政许可300件，作出行政处罚决定12件。",
    ),
    (
        "（二）依申请公开",
        "本年度新收政府信息公开申请三十四件，上年结转1件。新收申请中，自然人提出申请30件，法人或其他组织提出申请4件。"
        "全年办结33件，其中予以公开20件，部分公开2件，不予公开1件，无法提供7件，不予处理2件，其他处理1件；"
        "另有2件正在办理，将结转至下一年度。\n申请渠道方面，网上申请25件，当面申请9件。与上年相比，申请量增加6件。",
    ),
    (
        "（三）监督保障",
        "因政府信息公开被申请行政复议2件，结果维持1件，纠正1件；被提起行政诉讼1件，尚未审结。"
        "组织政务公开培训3次，参训人员120人次。",
    ),
)
WRONG_2019 = [
    ("新制作规范性文件5件", "新制作规范性文件6件", "TEXT-PROACTIVE"),
    ("办理行政许可300件", "办理行政许可310件", "TEXT-PROACTIVE"),
    ("行政处罚决定12件", "行政处罚决定21件", "TEXT-PROACTIVE"),
    ("申请三十四件", "申请三十六件", "TEXT-REQUESTS"),  # 35 would be 新收 + 上年结转
    ("上年结转1件", "上年结转3件", "TEXT-REQUESTS"),
    ("自然人提出申请30件", "自然人提出申请29件", "TEXT-REQUESTS"),
    ("法人或其他组织提出申请4件", "法人或其他组织提出申请3件", "TEXT-REQUESTS"),
    ("全年办结33件", "全年办结30件", "TEXT-REQUESTS"),
    ("予以公开20件", "予以公开19件", "TEXT-REQUESTS"),
    ("部分公开2件", "部分公开5件", "TEXT-REQUESTS"),
    ("无法提供7件", "无法提供6件", "TEXT-REQUESTS"),
    ("其他处理1件", "其他处理4件", "TEXT-REQUESTS"),
    ("另有2件正在办理", "另有5件正在办理", "TEXT-REQUESTS"),
    ("行政复议2件", "行政复议4件", "TEXT-DISPUTES"),
    ("结果维持1件", "结果维持2件", "TEXT-DISPUTES"),
    ("纠正1件", "纠正2件", "TEXT-DISPUTES"),
    ("行政诉讼1件", "行政诉讼2件", "TEXT-DISPUTES"),
]


def test_the_2019_fixture_is_consistent() -> None:
    """The 2019-edition fixture, prose in subsections, has no finding at all."""
    assert check(_report_2019()) == []


@pytest.mark.parametrize(("right", "wrong", "code"), WRONG_2019, ids=[w[1] for w in WRONG_2019])
def test_one_wrong_figure_in_a_subsection_gives_one_warning(right: str, wrong: str, code: str) -> None:
    """A figure changed in a subsection's text gives exactly one warning; its span points at the new figure."""
    changed = tuple((t, x.replace(right, wrong)) for t, x in SUBSECTIONS_2019)
    assert sum(x.count(right) for _, x in SUBSECTIONS_2019) == 1
    report = _report_2019(changed)

    findings = _text(check(report))

    assert [(f.code, f.severity.value) for f in findings] == [(code, "warning")]
    quote = findings[0].quote
    assert quote is not None
    full = report.overview.full_text()
    assert full[quote.start : quote.end] == quote.text
    assert quote.text in wrong


@pytest.mark.parametrize(
    "prose", ["本年度无政府信息公开申请。", "本年度无依申请公开情况。", "全年没有收到政府信息公开申请。"]
)
def test_no_applications_in_words(prose: str) -> None:
    """Saying there were no applications agrees with an all-0 table 三 and contradicts the fixture's 45."""
    assert _text(check(attrs.evolve(clean_report(), overview=gr.Narrative(text=prose)))) == []
    assert [(f.code, f.stated, f.expected) for f in _text(check(_report(prose)))] == [("TEXT-REQUESTS", 0, 45)]


def test_a_folder_check_runs_the_narrative_rules_unless_switched_off(tmp_path: Path) -> None:
    """check_folder counts a TEXT-* warning per file; narrative=False leaves it out."""
    from govinfo_report.analysis.collection import check_folder

    (tmp_path / "r.json").write_text(gr.to_json(_report(OVERVIEW.replace("申请48件", "申请50件"))), encoding="utf-8")

    assert [f.warnings for f in check_folder(tmp_path, workers=1).files] == [1]
    assert [f.warnings for f in check_folder(tmp_path, workers=1, narrative=False).files] == [0]


def test_disclosed_and_partly_disclosed_together() -> None:
    """ "予以公开及部分公开N件" is （一） + （二）: 25 agrees, 22 (（一） alone) does not (format-spec §5 E7)."""
    assert _text(check(_report("其中予以公开及部分公开25件。"))) == []
    findings = _text(check(_report("其中予以公开及部分公开22件。")))

    assert [(f.code, f.stated, f.expected) for f in findings] == [("TEXT-REQUESTS", 22, 25)]


_PROSE_PIECES = st.sampled_from(
    [
        "共收到政府信息公开申请",
        "新收",
        "上年结转",
        "办结",
        "答复",
        "结转下年度",
        "顺延",
        "予以公开",
        "部分公开",
        "不予公开",
        "无法提供",
        "不予处理",
        "行政复议",
        "行政诉讼",
        "结果维持",
        "尚未审结",
        "制发规范性文件",
        "作出行政处罚决定",
        "信息处理费",
        "未收到",
        "未发生",
        "2022年，",
        "年",
        "件",
        "元",
        "万元",
        "余",
        "约",
        "较上年",
        "网上",
        "其中",
        "，",
        "。",
        "、",
        "；",
        "（",
        "）",
        "\n",
        "１２",
        "1,234",
        "三十三",
        "两",
        "〇",
        "0",
        "7",
        "45",
        "12.5",
        "本局",
        "申请",
        "公开",
    ]
)


@given(st.lists(_PROSE_PIECES, max_size=40).map("".join))
def test_the_reader_never_fails_and_spans_hold(text: str) -> None:
    """Any text of claim-like pieces reads without error; every claim's spans point at its text and sentence."""
    for c in claims_in_text(text):
        assert text[c.span[0] : c.span[1]] == c.text
        assert text[c.sentence_span[0] : c.sentence_span[1]] == c.sentence
        assert c.sentence_span[0] <= c.span[0] <= c.span[1] <= c.sentence_span[1]
        if c.negated:
            assert c.value == 0
        elif c.kind is not ClaimKind.FEE_AMOUNT:  # amounts are in 元, 万元 converted
            assert c.value == parse_number(c.text)


def test_the_subsection_title_says_what_the_paragraph_counts() -> None:
    """Under （二）依申请公开, "本年度共受理48件" is about applications though the paragraph never says 申请."""
    subsections = (gr.Subsection(title="（二）依申请公开", text="本年度共受理{}件，均在法定期限内答复。"),)

    def with_prose(n: int) -> gr.AnnualReport:
        sub = tuple(attrs.evolve(x, text=x.text.format(n)) for x in subsections)
        return attrs.evolve(_report(), overview=gr.Narrative(text="", subsections=sub))

    assert _text(check(with_prose(48))) == []
    assert [(f.code, f.stated) for f in _text(check(with_prose(52)))] == [("TEXT-REQUESTS", 52)]
    other = (gr.Subsection(title="（三）政府信息管理", text="本年度共办理52件。"),)
    assert _text(check(attrs.evolve(_report(), overview=gr.Narrative(text="", subsections=other)))) == []


# ----------------------------------------------------------------------------
# The quick tests before the costly patterns change no claim
# ----------------------------------------------------------------------------

_PIECES = [
    "2022年", "二〇二二年", "1月1日至", "2022年12月31日", "收到", "政府信息公开申请", "12件", "三件", "一件", "未",
    "没有", "无", "不收取", "信息处理费", "元", "万元", "行政复议", "行政诉讼", "，", "。", "\n", "（一）主动公开\n",
    "公开", "报告", "现公布", "2022年度政府信息公开工作年度报告", "０１２", "１２件", "將", "發布", "5", "条",
    "予以公开", "其中", "本机关", "年度", "共", "项", "被", "荣获", "将", " ",
]  # fmt: skip


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PIECES), max_size=8), st.sampled_from(["overview", "problems", "other_matters"]))
@example(["二〇二二年", "，", "公开", "。"], "overview")  # a year and nothing else a reader needs
@example(["收到", "信息处理费", "5", "元", "。"], "other_matters")  # 元: the one unit of a fee
def test_the_quick_tests_change_no_claim(parts: list[str], section: str) -> None:
    """The quick tests let everything through (every text and line read, every text normalised): the same claims."""
    from govinfo_report import claims as module

    text = "".join(parts)
    fast = claims_in_text(text, section)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(module, "_QUICK", re.compile(""))  # a hit at every place: every line is read
        m.setattr(module, "_QUICK_OVERVIEW", re.compile(""))
        m.setattr(module, "_NEG_QUICK", re.compile(""))
        m.setattr(module, "_UNIT_QUICK", re.compile(""))
        m.setattr(module, "_NEEDS_NORMALISING", re.compile(""))
        slow = claims_in_text(text, section)

    assert fast == slow
