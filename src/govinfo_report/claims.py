"""
Claims in the prose: the quantitative statements of 一、总体情况, 五 and 六, read deterministically.

A report's narrative repeats some figures of its tables: "本年度共收到政府信息公开申请52件",
"被申请行政复议2件，其中结果维持1件", "收取信息处理费300元".  :func:`read_claims`
finds these statements and returns them as :class:`Claim` values: what the
number counts (:class:`ClaimKind` and a *subject*), the number as written and
its value, the sentence, and the character spans in the section text
(:meth:`~govinfo_report.model.Narrative.full_text`).  The TEXT-* rules of
:func:`govinfo_report.check` compare each claim with the table cells it may
speak of (:mod:`govinfo_report.narrative_checks`).

Numbers are read as printed: Arabic digits, full-width digits (１２), thousands
separators (1,234), decimals (12.5元), and Chinese numerals (三十三, 一百零二,
两, 〇).  Traditional characters are read as simplified ones (one character for
one, so spans do not move).

The reader prefers missing a statement to misreading one.  A number is a claim
only when a keyword naming what it counts stands right before it in the same
clause (or right after it: "2件顺延至下年度办理"), and it is left out when the
clause compares (较上年、同比、增加), accumulates (累计), approximates (约、余、
多), names a channel (网上、信函), a subset (涉及、其中…类) or another subject
(建议、提案、热线), or when the organ speaks as the review body (受理行政复议).
"未收到政府信息公开申请" and "未发生行政复议、行政诉讼" are claims of 0.

>>> from govinfo_report.claims import claims_in_text
>>> for c in claims_in_text("本年度共收到政府信息公开申请三十三件，办结33件。"):
...     print(c.kind.value, c.text, c.value, c.span)
received 三十三 33 (14, 17)
handled 33 33 (21, 23)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation

from attrs import frozen

from . import vocab as v
from ._chinese import T2S as _T2S
from ._exact import wan_yuan_to_yuan
from .model import AnnualReport

__all__ = ["Claim", "ClaimKind", "claims_in_text", "parse_number", "read_claims"]


class ClaimKind(str, enum.Enum):
    """
    What a number in the prose counts.

    .. versionadded:: 0.2.0
    """

    RECEIVED = "received"
    """Applications received (共收到/新收/受理 …件)."""
    CARRIED_IN = "carried_in"
    """Applications carried over from last year (上年结转 …件)."""
    HANDLED = "handled"
    """Applications handled or answered (办结/答复/办理 …件)."""
    CARRIED_FORWARD = "carried_forward"
    """Applications carried forward to next year (结转下年度/顺延 …件)."""
    CARRIED = "carried"
    """A bare 结转 …件: carried over or carried forward."""
    RESULT = "result"
    """A result of table 三: *subject* a row or group under ``$.requests.results`` (``disclosed``, ``withheld``…),
    or two joined by ``+`` (``disclosed+partly_disclosed`` for 予以公开及部分公开)."""
    APPLICANT = "applicant"
    """Applications received from one kind of applicant: *subject* a column (``natural_person``, ``legal_person``)."""
    REVIEW = "review"
    """行政复议: *subject* ``total`` or an outcome (``upheld``, ``corrected``, ``other``, ``pending``)."""
    LITIGATION = "litigation"
    """行政诉讼: *subject* ``total`` or an outcome, optionally prefixed by a block (``direct_suit.upheld``)."""
    PROACTIVE = "proactive"
    """A row of table 二: *subject* ``row.column`` (``licensing.decisions``, ``normative_documents.issued``)."""
    FEE_AMOUNT = "fee_amount"
    """信息处理费 charged, in 元."""
    FEE_APPLICATIONS = "fee_applications"
    """Applications charged a 信息处理费."""
    YEAR = "year"
    """The year the overview speaks of: *subject* ``opening`` ("2020年，本局…" opening a paragraph),
    ``period`` (a statistics period) or ``report`` (现公布…2020年度政府信息公开工作年度报告)."""

    def __str__(self) -> str:
        return self.value


@frozen(kw_only=True)
class Claim:
    """
    One quantitative statement of the prose.

    Attributes:
        kind: What the number counts.
        subject: Which row, column or outcome, for the kinds that have one; else None.
        section: The section: ``overview``, ``problems`` or ``other_matters``.
        text: The number as written (``三十三``, ``１２``, ``1,234``); for a claim of 0
            stated in words, the words (``未收到``).
        value: The number (an int; a Decimal for amounts, in 元).
        unit: The unit as written (``件``, ``元``, ``万元``, ``年``).
        sentence: The sentence, as written.
        span: Where *text* is in the section text (start, end).
        sentence_span: Where *sentence* is in the section text.
        keyword: The word that says what the number counts.
        negated: True for a claim of 0 stated in words ("未发生…").
        years: The years the sentence names before the number (another year's
            figure is not a claim about this report).
        candidates: For a keyword that may mean more than one kind (收到并办结),
            the other kinds it may mean.

    .. versionadded:: 0.2.0
    """

    kind: ClaimKind
    subject: str | None
    section: str
    text: str
    value: int | Decimal
    unit: str
    sentence: str
    span: tuple[int, int]
    sentence_span: tuple[int, int]
    keyword: str
    negated: bool = False
    years: tuple[int, ...] = ()
    candidates: tuple[ClaimKind, ...] = ()


# ----------------------------------------------------------------------------
# Numbers
# ----------------------------------------------------------------------------

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _chinese(text: str) -> int | None:
    """三十三 → 33, 一百零二 → 102, 两千 → 2000, 二〇二一 → 2021; None when not a numeral."""
    if all(ch in _CN_DIGITS for ch in text):  # one digit (五), or a year digit by digit (二〇二一)
        if len(text) > 1 and (text[0] in "〇零" or len(text) != 4):
            return None
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    last_unit = 10**9
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[ch] != 0 and digit != 0:
                return None  # two digits in a row: 三三
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit >= last_unit:
                return None
            last_unit = unit
            section += (1 if digit is None else digit) * unit
            digit = None
        elif ch == "万":
            section += digit or 0
            if section == 0:
                return None
            total += section * 10000
            section, digit, last_unit = 0, None, 10**9
        else:
            return None
    return total + section + (digit or 0)


_DIGITS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")


def parse_number(text: str) -> int | Decimal | None:
    """
    The value of a number as prose writes it; None when it is not one.

    >>> parse_number("三十三"), parse_number("一百零二"), parse_number("两"), parse_number("〇")
    (33, 102, 2, 0)
    >>> parse_number("１２"), parse_number("1,234"), parse_number("12.50")
    (12, 1234, Decimal('12.50'))

    .. versionadded:: 0.2.0
    """
    s = text.translate(_FULL_WIDTH).strip()
    if not s:
        return None
    if s[0].isdigit():
        if not _DIGITS.fullmatch(s):
            return None
        s = s.replace(",", "")
        if "." in s:
            try:
                return Decimal(s)
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                return None
        return int(s)
    return _chinese(s)


# ----------------------------------------------------------------------------
# Keywords
# ----------------------------------------------------------------------------


_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")


def _label(term: v.Term) -> str:
    """A row label without its numbering: 1.属于国家秘密 → 属于国家秘密, （一）予以公开 → 予以公开."""
    return _NUMBERING.sub("", term.zh, count=1)


_K = ClaimKind
_REQUEST_KINDS = {_K.RECEIVED, _K.CARRIED_IN, _K.HANDLED, _K.CARRIED_FORWARD, _K.CARRIED, _K.APPLICANT}

# (word, kind, subject); the word closest before the number wins, the longest on a tie.
_KEYWORDS: tuple[tuple[str, ClaimKind, str | None], ...] = (
    *((w, _K.RECEIVED, None) for w in ("收到", "新收", "受理", "接收", "接到", "收悉")),
    *((w, _K.CARRIED_IN, None) for w in ("上年结转", "上年度结转", "上一年度结转", "上年转入", "结转上年")),
    *((w, _K.HANDLED, None) for w in ("办结", "答复", "办理完毕", "办理", "处理完毕", "处理", "回复", "完成")),
    *(
        (w, _K.CARRIED_FORWARD, None)
        for w in (
            "结转下年",
            "结转下一",
            "结转至下",
            "结转到下",
            "结转入下",
            "转入下年",
            "转入下一年",
            "顺延",
            "延期至下",
            "继续办理",
            "尚未办结",
            "正在办理",
            "办理中",
            "尚在办理",
            "正在处理",
            "处理中",
            "尚在处理",
        )
    ),
    ("结转", _K.CARRIED, None),
    *((w, _K.RESULT, "disclosed") for w in (_label(v.DISCLOSED), "同意公开", "全部公开")),
    ("部分公开", _K.RESULT, "partly_disclosed"),
    *(
        (w, _K.RESULT, "disclosed+partly_disclosed")
        for w in (
            "予以公开及部分公开",
            "予以公开和部分公开",
            "全部或部分公开",
            "全部公开和部分公开",
            "全部或部分予以公开",
        )
    ),
    (_label(v.WITHHELD), _K.RESULT, "withheld"),
    (_label(v.UNABLE), _K.RESULT, "unable"),
    (_label(v.NOT_PROCESSED), _K.RESULT, "not_processed"),
    (_label(v.OTHER_HANDLING), _K.RESULT, "other_handling"),
    *(
        (_label(t), _K.RESULT, f"withheld.{t.key}")
        for t in (
            v.STATE_SECRET,
            v.PROHIBITED_BY_LAW,
            v.THIRD_PARTY,
            v.INTERNAL_AFFAIRS,
            v.PROCESS_INFORMATION,
            v.ENFORCEMENT_FILES,
            v.ADMINISTRATIVE_INQUIRY,
        )
    ),
    *((_label(t), _K.RESULT, f"unable.{t.key}") for t in (v.NOT_HELD, v.NEEDS_CREATION, v.UNCLEAR)),
    *(
        (_label(t), _K.RESULT, f"not_processed.{t.key}")
        for t in (v.COMPLAINT, v.REPEATED, v.PUBLICATIONS, v.MASS_REPEATED)
    ),
    (v.NATURAL_PERSON.zh, _K.APPLICANT, "natural_person"),
    (v.LEGAL_PERSON.zh, _K.APPLICANT, "legal_person"),
    *((t.zh, _K.APPLICANT, t.key) for t in (v.COMMERCIAL, v.RESEARCH, v.PUBLIC_INTEREST, v.LEGAL_SERVICE)),
)

_REVIEW_WORDS = (v.REVIEW.zh,)
_LITIGATION_WORDS = (v.LITIGATION.zh, "起诉", "应诉")
_BLOCK_WORDS = (
    (v.SUIT_AFTER_REVIEW.zh, "suit_after_review"),
    (v.DIRECT_SUIT.zh, "direct_suit"),
    ("直接起诉", "direct_suit"),
)
_OUTCOME_WORDS = (
    (v.UPHELD.zh, "upheld"),
    ("维持", "upheld"),
    (v.CORRECTED.zh, "corrected"),
    ("纠正", "corrected"),
    ("纠错", "corrected"),
    (v.OTHER_OUTCOME.zh, "other"),
    (v.PENDING.zh, "pending"),
    ("未审结", "pending"),
    ("审理中", "pending"),
    ("正在审理", "pending"),
)

# Clauses that do not state this report's own figure.
_COMPARISON = re.compile(
    r"较|比|同比|环比|增加|减少|增长|下降|上升|去年|上年|前年|累计|历年|以来|平均|月均|日均|每月|每年|超过|以上|不足|不到|占|约|近|逾"
)
_CARRY_IN_WORDS = re.compile(r"上一?年度?结转|上年转入|结转上年")
_CHANNEL = re.compile(
    r"网上|网络|在线|线上|线下|信函|邮寄|当面|现场|传真|邮件|电话|窗口|来信|来访|网站|平台|APP|app|微信"
)
_OTHER_SUBJECT = re.compile(
    r"建议|提案|热线|留言|咨询|信访|来电|诉求|12345|政务服务|审批|许可|处罚|涉及|关于|有关|类申请|方面|乡镇|街道|部门|单位|本级|各"
    r"|延期|延长|超期|逾期|撤回|补正|纠错|败诉|投诉|举报"  # a subset: 延期答复3件, 超期1件
)
_REVIEW_BODY = re.compile(r"办理|审理|受理|承办|代理|复议机关|收到|接到|接收")
_SUB_ORGAN = re.compile(r"(?<![我本该])(?:局|委员会|委|办公室|政府|中心|院)")
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2}|二[〇零][一二三四五六七八九〇零]{2})年")
_NUMBER = re.compile(
    r"(?<![0-9.,第数几])(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|[〇零一二两三四五六七八九十百千万]+)"
    r"\s*(?P<approx>余|多)?\s*(?P<unit>万元|元|件|条|起|宗|个|份|次|例|笔|项)(?!事|工作日|月|以上|以下|多|余)"
)
_CN_UNITS_OK = frozenset("件起宗例元次") | {"万元"}
_UNIT_QUICK = re.compile(r"[万元件条起宗个份次例笔项]")  # a character of every unit _NUMBER reads
_YEAR_QUICK = re.compile(r"20|二[〇零]")  # how every year the year claims read begins
_HEADING = re.compile(r"[^。！？!?；;，,0-9]{2,30}")  # a short line without a sentence or a number
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_CLAUSE_BREAK = re.compile(r"[，：:；;（）()“”\"]|,(?![0-9]{3}(?![0-9]))|(?<![0-9]),")
_NEGATION = re.compile(r"(未发生|未出现|未有|没有发生|没有|未被|未收到|未接到|未产生|未|无)(?!论|法|需|须|偿|关|误|一)")
_NEG_QUICK = re.compile(r"未|没有|无|不收取")
_NEG_SUFFIX = r"(?:案件|案|事项|的情况|情况|的情形|情形|现象)?"
_EXCEPT = re.compile(r"除|以外|之外|外")
_FEE_NEGATION = re.compile(r"(未|没有|不|无)(收取|产生|发生)?(任何)?(" + re.escape(v.PROCESSING_FEE.zh) + r")")


_NORMALISE: dict[int, str] = {**_T2S, **{k: chr(x) if isinstance(x, int) else str(x) for k, x in _FULL_WIDTH.items()}}


_NEEDS_NORMALISING = re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_NORMALISE)) + "]")


def _normalise(text: str) -> str:
    """Simplified characters and half-width digits, one character for one (the importers' table)."""
    if _NEEDS_NORMALISING.search(text) is None:  # most texts: nothing to map, and translate costs per character
        return text
    return text.translate(_NORMALISE)


def _years(text: str) -> tuple[int, ...]:
    out = []
    for m in _YEAR.finditer(text):
        y = parse_number(m.group(1))
        if isinstance(y, int):
            out.append(y)
    return tuple(out)


def _last_keyword(lead: str, words: Sequence[tuple[str, ClaimKind, str | None]]) -> tuple[int, int, int] | None:
    """(end, start, index) of the keyword of *words* that ends last in *lead* (longest on a tie)."""
    best: tuple[int, int, int] | None = None
    for i, (w, _, _) in enumerate(words):
        at = lead.rfind(w)
        if at < 0:
            continue
        cand = (at + len(w), -at, i)
        if best is None or cand > best:
            best = cand
    return best


def _keywords_before(lead: str) -> list[tuple[int, str, ClaimKind, str | None]]:
    """The keywords in *lead*: (end, word, kind, subject), the one ending last first (the longest on a tie)."""
    found = []
    for word, kind, subject in _KEYWORDS:
        at = lead.rfind(word)
        if at >= 0:
            found.append((at + len(word), -at, word, kind, subject))
    found.sort(reverse=True, key=lambda x: (x[0], x[1]))
    return [(end, word, kind, subject) for end, _, word, kind, subject in found]


def _mentions(text: str, words: Sequence[str]) -> int:
    """The end of the last of *words* in *text*, or -1."""
    ends = [text.rfind(w) + len(w) for w in words if w in text]
    return max(ends) if ends else -1


class _Sentence:
    """
    One sentence: its section, text as written and normalised, span, context and whether it opens a paragraph.

    The context is the paragraph, after the title line it stands under (（二）依申请公开), if any.
    """

    def __init__(self, section: str, raw: str, norm: str, start: int, end: int, paragraph: str, first: bool) -> None:
        self.section, self.raw, self.norm, self.start, self.end = section, raw, norm, start, end
        self.paragraph, self.first = paragraph, first

    def claim(
        self,
        kind: ClaimKind,
        subject: str | None,
        at: tuple[int, int],
        value: int | Decimal,
        unit: str,
        keyword: str,
        *,
        negated: bool = False,
        candidates: tuple[ClaimKind, ...] = (),
    ) -> Claim:
        """A claim whose number (or words) stand at *at* (offsets in the sentence)."""
        return Claim(
            kind=kind,
            subject=subject,
            section=self.section,
            text=self.raw[at[0] : at[1]],
            value=value,
            unit=unit,
            sentence=self.raw,
            span=(self.start + at[0], self.start + at[1]),
            sentence_span=(self.start, self.end),
            keyword=keyword,
            negated=negated,
            years=_years(self.norm[: at[0]]),
            candidates=candidates,
        )


def _clauses(sentence: str) -> Iterator[tuple[int, str]]:
    """The clauses of *sentence* with their offsets; a thousands separator (1,234) does not end one."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.start() > start:
            yield start, sentence[start : m.start()]
        start = m.end()
    if start < len(sentence):
        yield start, sentence[start:]


def _number_claims(s: _Sentence) -> Iterator[Claim]:
    norm = s.norm
    # most sentences state no count: skip the clause walk (a count needs one of the units: a quick first test)
    if _UNIT_QUICK.search(norm) is None or not _NUMBER.search(norm):
        return
    about_requests = "申请" in s.paragraph  # 其中予以公开…: the paragraph names the applications
    about_disclosure = "公开" in s.paragraph
    fees = v.PROCESSING_FEE.zh in norm
    for c_start, clause in _clauses(norm):
        matches = list(_NUMBER.finditer(clause))
        prev_end = 0
        for i, m in enumerate(matches):
            num, unit = m.group("num"), m.group("unit")
            value = parse_number(num)
            nxt = matches[i + 1].start() if i + 1 < len(matches) else len(clause)
            lead, tail = clause[prev_end : m.start()], clause[m.end() : nxt]
            prev_end = m.end()
            if value is None or m.group("approx"):
                continue
            if not num[0].isdigit() and unit not in _CN_UNITS_OK:
                continue
            if num == "一" and (
                clause[: m.start()].endswith(("每", "逐", "一", "第")) or clause.count("一" + unit) > 1
            ):
                continue  # 每一件、一件一件、受理一件办结一件: a manner of speaking, not a count
            at = (c_start + m.start("num"), c_start + m.end("num"))
            before = norm[: c_start + m.start()]
            if fees and unit in ("元", "万元"):
                if v.PROCESSING_FEE.zh not in lead or _COMPARISON.search(_CARRY_IN_WORDS.sub("", lead)):
                    continue
                yuan = wan_yuan_to_yuan(value, keep_places=True) if unit == "万元" else Decimal(value)
                yield s.claim(_K.FEE_AMOUNT, None, at, yuan, unit, v.PROCESSING_FEE.zh)
                continue
            if isinstance(value, Decimal):
                continue
            found = _classify(lead, tail, before, unit, about_requests, about_disclosure, fees)
            if found is not None:
                kind, subject, keyword, others = found
                yield s.claim(kind, subject, at, value, unit, keyword, candidates=others)


# The patterns of the functions below, compiled once (a pattern given as a string is looked up in re's cache
# at every call).
_APPLICATION_END = re.compile(r"申请(?:事项)?[共计总为]{0,2}$")
_LEAD_APPLICATION = re.compile(r"^(申请)?")
_LEAD_APPLICATION_WORDS = re.compile(r"^(申请)?[的已均为被在正仍尚]{0,2}")


def _classify(
    lead: str, tail: str, before: str, unit: str, about_requests: bool, about_disclosure: bool, fees: bool
) -> tuple[ClaimKind, str | None, str, tuple[ClaimKind, ...]] | None:
    """What a number counts, from the words of its clause; None when that is not certain."""
    if _COMPARISON.search(_CARRY_IN_WORDS.sub("", lead)) or _CHANNEL.search(lead):
        return None
    if fees and unit in ("件", "次", "笔") and (v.PROCESSING_FEE.zh in lead or "收取" in lead):
        return _K.FEE_APPLICATIONS, None, v.PROCESSING_FEE.zh, ()
    dispute = _dispute(lead, before, about_disclosure)
    if dispute is not None:
        return dispute
    proactive = _proactive(lead, unit)
    if proactive is not None:
        return proactive
    for end, word, kind, subject in _keywords_before(lead):
        gap = lead[end:]
        if len(gap) > 10 and not (len(gap) <= 30 and _APPLICATION_END.search(gap)):
            break  # too far from the number to be its subject
        if kind is _K.APPLICANT:
            # only as a part of the applications received, named earlier in the sentence
            if gap not in ("", "申请", "提出", "提出申请", "申请人"):
                continue
            if _last_keyword(before[: len(before) - len(lead)] + lead[: end - len(word)], _KEYWORDS[:6]) is None:
                return None
        others = tuple(
            dict.fromkeys(
                k for w, k, _ in _KEYWORDS if k is not kind and k in _REQUEST_KINDS and w in lead[: end - len(word)]
            )
        )
        if kind in _REQUEST_KINDS and (
            not about_requests or _OTHER_SUBJECT.search(lead) or "复议" in lead or "诉讼" in lead
        ):
            return None
        if kind in _REQUEST_KINDS and "其中" in before and _SUB_ORGAN.search(lead[: end - len(word)]):
            return None  # 其中，县教育局收到申请5件: one member's share in a summary
        if kind is _K.RESULT and _OTHER_SUBJECT.search(gap):
            return None
        if unit not in ("件", "条", "个", "份", "宗"):
            return None
        return kind, subject, word, others
    # a keyword right after the number: 2件顺延至下年度办理, 20件予以公开
    rests = (_LEAD_APPLICATION.sub("", tail, count=1), _LEAD_APPLICATION_WORDS.sub("", tail, count=1))
    for word, kind, subject in _KEYWORDS:
        if kind in (_K.CARRIED_FORWARD, _K.RESULT) and any(r.startswith(word) for r in rests):
            if kind is _K.CARRIED_FORWARD and not about_requests:
                return None
            if _OTHER_SUBJECT.search(lead) or unit not in ("件", "条", "个", "份", "宗"):
                return None
            return kind, subject, word, ()
    return None


def _dispute(
    lead: str, before: str, about_disclosure: bool
) -> tuple[ClaimKind, str | None, str, tuple[ClaimKind, ...]] | None:
    """A 行政复议/行政诉讼 total or outcome, attributed to the last of them the sentence names."""
    outcome = None
    o_end = -1
    for word, key in _OUTCOME_WORDS:
        at = lead.rfind(word)
        if at >= 0 and at + len(word) > o_end:
            o_end, outcome = at + len(word), (word, key)
    r_end, l_end = _mentions(lead, _REVIEW_WORDS), _mentions(lead, _LITIGATION_WORDS)
    b_end, block = -1, None
    for word, key in _BLOCK_WORDS:
        at = lead.rfind(word)
        if at >= 0 and at + len(word) > b_end:
            b_end, block = at + len(word), key
    if b_end >= 0:
        r_end = -1 if r_end <= b_end else r_end  # 复议后起诉 is litigation, not review
        l_end = max(l_end, b_end)
    if outcome is not None and o_end >= max(r_end, l_end):
        if len(lead) - o_end > 4:
            return None
        if r_end < 0 and l_end < 0:  # the block is named earlier in the sentence
            context = before[: len(before) - len(lead)]
            r_end, l_end = _mentions(context, _REVIEW_WORDS), _mentions(context, _LITIGATION_WORDS)
            for word, key in _BLOCK_WORDS:
                if word in context:
                    block = key
                    l_end = max(l_end, context.rfind(word) + len(word))
            if r_end < 0 and l_end < 0:
                return None
        if not about_disclosure:
            return None
        word, key = outcome
        if l_end > r_end:
            both = _mentions(before, _REVIEW_WORDS) >= 0
            subject = f"{block}.{key}" if block else key
            return _K.LITIGATION, subject, word, ((_K.REVIEW,) if both and not block else ())
        return _K.REVIEW, key, word, ()
    end = max(r_end, l_end)
    if end < 0 or len(lead) - end > 4 or o_end >= 0:  # 维持原行政复议决定1件: not a total
        return None
    if not about_disclosure or _REVIEW_BODY.search(lead):
        return None
    if l_end > r_end:
        return _K.LITIGATION, f"{block}.total" if block else "total", v.LITIGATION.zh, ()
    return _K.REVIEW, "total", v.REVIEW.zh, ()


_PROACTIVE_ROWS = (
    (v.NORMATIVE_DOCUMENTS_2019.zh, "normative_documents", "documents"),
    (v.RULES.zh, "rules", "documents"),
    (v.LICENSING.zh, "licensing", "decisions"),
    (v.PENALTIES.zh, "penalties", "decisions"),
    (v.ENFORCEMENT.zh, "enforcement", "decisions"),
)
_ISSUE_VERBS = re.compile(r"制发|印发|出台|制定|新制作|制作")  # not 发布/公开: publishing is not issuing
_DECISION_VERBS = re.compile(r"作出|办理|实施|办结|决定")
_DOCUMENT_GAP = re.compile(r"[共计总为达了有]{0,3}")
_DECISION_GAP = re.compile(r"(决定|案件|决定书)?[共计总为达了有]{0,3}")
_REPEALED_END = re.compile(r"废止(?:了)?(?:行政)?$")
_IN_FORCE_END = re.compile(r"现行有效(?:的)?(?:行政)?$")
_ISSUED_END = re.compile(f"(?:{_ISSUE_VERBS.pattern})(?:了|出)?(?:的)?(?:行政)?$")
_PUBLISHING = re.compile(r"公开|公示|发布|信息|事项|清单")


def _proactive(lead: str, unit: str) -> tuple[ClaimKind, str | None, str, tuple[ClaimKind, ...]] | None:
    """A row of table 二 named with a verb that says which column: 制发规范性文件5件, 作出行政处罚决定64件."""
    for word, row, family in _PROACTIVE_ROWS:
        at = lead.rfind(word)
        if at < 0:
            continue
        gap = lead[at + len(word) :]
        head = lead[:at]
        if family == "documents":
            if head.endswith("政策性") or unit not in ("件", "部", "个", "份"):
                return None
            if not _DOCUMENT_GAP.fullmatch(gap):
                return None
            if _REPEALED_END.search(head):
                return _K.PROACTIVE, f"{row}.repealed", word, ()
            if _IN_FORCE_END.search(head):
                return _K.PROACTIVE, f"{row}.in_force", word, ()
            if _ISSUED_END.search(head):
                return _K.PROACTIVE, f"{row}.issued", word, ()
            return None
        if _PUBLISHING.search(lead) or unit not in ("件", "起", "宗", "个"):
            return None
        if not _DECISION_GAP.fullmatch(gap):
            return None
        if _DECISION_VERBS.search(head[-6:]) or gap.startswith("决定"):
            return _K.PROACTIVE, f"{row}.decisions", word, ()
        return None
    return None


_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+")
_NO_REQUESTS = re.compile(
    r"(?:收到|受理|接到)?(?:过)?(?:任何)?(?:公民|法人或其他组织|群众)?(?:提出的)?(?:的)?(?:政府)?(?:信息)?(?:公开)?申请(?:事项)?(?:的情况)?"
)
_RECEIVING = re.compile(r"(收到|受理|接到)")
_NO_REQUESTS_BARE = re.compile(r"(?:政府信息公开申请|依申请公开(?:事项|申请|的情况|情况)?)")
_NO_DISPUTES = re.compile(
    r"(?:因|涉及|关于)?(?:政府)?(?:信息)?(?:公开)?(?:工作)?(?:引起|引发|产生)?(?:的)?(?:被申请|被提起|提起|申请)?"
    r"(?P<a>行政复议|复议|行政诉讼|诉讼)(?:(?:和|及|或|与|、|以及)(?:被提起|提起)?(?P<b>行政复议|复议|行政诉讼|诉讼))?"
    + _NEG_SUFFIX
)
_FEE_TAIL = re.compile(r"(的情况|情况|的情形)?")


def _negated_claims(s: _Sentence) -> Iterator[Claim]:
    """Claims of 0 stated in words: 未收到政府信息公开申请, 未发生行政复议、行政诉讼, 未收取信息处理费."""
    norm = s.norm
    if not _NEG_QUICK.search(norm):
        return
    for piece in _CLAUSE.finditer(norm):
        text = piece.group()
        for m in _NEGATION.finditer(text):
            rest = text[m.end() :]
            if _EXCEPT.search(text[: m.start()]) or _COMPARISON.search(text[: m.start()]):
                continue
            at = (piece.start() + m.start(), piece.start() + m.end())
            req = _NO_REQUESTS.fullmatch(rest)
            verb = m.group() in ("未收到", "未接到") or _RECEIVING.match(rest)
            bare = m.group() in ("无", "没有", "未有") and _NO_REQUESTS_BARE.fullmatch(rest)
            if (req and verb) or bare:
                yield s.claim(_K.RECEIVED, None, at, 0, "件", m.group(), negated=True)
                break
            dis = _NO_DISPUTES.fullmatch(rest)
            if dis and (dis.group("b") or "公开" in norm):
                for g in ("a", "b"):
                    word = dis.group(g)
                    if word is None:
                        continue
                    kind = _K.LITIGATION if "诉讼" in word else _K.REVIEW
                    yield s.claim(kind, "total", at, 0, "件", word, negated=True)
                break
        fee = _FEE_NEGATION.search(text)
        if fee and _FEE_TAIL.fullmatch(text[fee.end() :]) and not _EXCEPT.search(text[: fee.start()]):
            at = (piece.start() + fee.start(), piece.start() + fee.start(4))
            yield s.claim(_K.FEE_AMOUNT, None, at, Decimal(0), "元", v.PROCESSING_FEE.zh, negated=True)


_YEAR_START = re.compile(
    r"^\s*(?:在)?(?P<y>20[0-9]{2}|二[〇零][一二三四五六七八九〇零]{2})(?P<u>年度?)(?=[，,]|全年|内|度内)"
)
_HISTORY = re.compile(r"被(?:确定|评|列|授予|命名)|荣获|获评|获得|成立|设立|挂牌|启动|修订|颁布|以来")
_PLANS = re.compile(r"将|计划|拟|力争|下一步|下一年|明年")
_PUBLISH = re.compile(r"公布|发布|编制|现将|特此|形成")
_REPORT_YEAR = re.compile(r"(?<![0-9])(?P<y>20[0-9]{2})年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)")
_PERIOD = re.compile(r"(?P<y1>20[0-9]{2})年0?1月0?1日起?\s*(?:至|到|—|－|-|～|~)\s*(?P<y2>20[0-9]{2})年12月31日")


def _year_claims(s: _Sentence) -> Iterator[Claim]:
    m = _YEAR_START.match(s.norm) if s.first else None
    if m is not None and (_HISTORY.search(s.norm) or _PLANS.search(s.norm)):
        m = None
    if m is not None:
        y = parse_number(m.group("y"))
        if isinstance(y, int):
            yield s.claim(_K.YEAR, "opening", m.span("y"), y, m.group("u"), "年")
    for p in _PERIOD.finditer(s.norm) if "12月31日" in s.norm else ():  # the period ends on 12月31日
        if p.group("y1") == p.group("y2"):
            yield s.claim(_K.YEAR, "period", p.span("y1"), int(p.group("y1")), "年", "年")
    if "报" in s.norm and _PUBLISH.search(s.norm):  # 现公布本机关2021年度政府信息公开工作年度报告 (报告, 年报)
        for p in _REPORT_YEAR.finditer(s.norm):
            yield s.claim(_K.YEAR, "report", p.span("y"), int(p.group("y")), "年", "年")


def claims_in_text(text: str, section: str = "overview") -> list[Claim]:
    """
    The claims of one section's text, in the order they appear.

    Args:
        text: The section text (e.g. :meth:`~govinfo_report.model.Narrative.full_text`).
        section: ``overview``, ``problems`` or ``other_matters``; year claims
            are read in the overview only.

    >>> [(c.kind.value, c.subject, c.value) for c in claims_in_text("未发生行政复议、行政诉讼。")]
    [('review', 'total', 0), ('litigation', 'total', 0)]

    .. versionadded:: 0.2.0
    """
    norm = _normalise(text)
    quick = _QUICK_OVERVIEW if section == "overview" else _QUICK
    hits = [m.start() for m in quick.finditer(norm)]
    if not hits:
        return []
    out: list[Claim] = []
    offset = 0
    hit = 0  # the first hit not before the line
    heading = ""  # the last title line, e.g. （二）依申请公开: context for the paragraphs under it
    for line in norm.split("\n"):
        end = offset + len(line)
        while hit < len(hits) and hits[hit] < offset:
            hit += 1
        if hit < len(hits) and hits[hit] < end:  # the line could state a claim
            first = True
            context = f"{heading}\n{line}"
            for m in _SENTENCE.finditer(line):
                a, b = offset + m.start(), offset + m.end()
                if not m.group().strip():
                    continue
                s = _Sentence(section, text[a:b], m.group(), a, b, context, first)
                first = False
                out.extend(_sentence_claims(s))
        if _HEADING.fullmatch(line.strip()):
            heading = line.strip()
        offset = end + 1
    return sorted(out, key=lambda c: c.span)


# Whether a text could state a claim: each reader needs a unit, a negation or (in the overview) a year, and
# these quick patterns find them before the costly ones run.  No match of theirs spans a line break, so the
# lines that hold a match are the lines that could state a claim, found in one pass over the text.
_QUICK = re.compile(f"{_UNIT_QUICK.pattern}|{_NEG_QUICK.pattern}")
_QUICK_OVERVIEW = re.compile(f"{_QUICK.pattern}|{_YEAR_QUICK.pattern}")


def _sentence_claims(s: _Sentence) -> Iterator[Claim]:
    if s.section == "overview":
        yield from _year_claims(s)
    yield from _number_claims(s)
    yield from _negated_claims(s)


_PROSE = (("overview", "overview"), ("problems", "problems"), ("other_matters", "other_matters"))


def read_claims(report: AnnualReport) -> list[Claim]:
    """
    Every claim of the narrative of *report*: 一、总体情况, then 五 and 六.

    Spans are positions in each section's
    :meth:`~govinfo_report.model.Narrative.full_text`.

    >>> import attrs
    >>> from govinfo_report import AnnualReport, Narrative
    >>> r = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
    >>> r = attrs.evolve(r, overview=Narrative(text="2022年，本局共收到政府信息公开申请12件。"))
    >>> [(c.kind.value, c.value) for c in read_claims(r)]
    [('year', 2022), ('received', 12)]

    .. versionadded:: 0.2.0
    """
    out: list[Claim] = []
    for attr, name in _PROSE:
        section = getattr(report, attr)
        out.extend(claims_in_text(section.full_text(), name))
    return out
