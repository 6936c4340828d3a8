"""
The reader of a report as plain text: title, the six sections, narratives and tables.

The steps, each tolerant of the quirks of format-spec §6:

1. Section headings: a line opening with the section's numeral (``二、``) whose
   words are close to the official heading or one of its variants (character
   bigram overlap, so “四、因政府信息公开工作被申请行政复议提起行政诉讼情况”
   is found), or a heading glued to the end of a paragraph.  The six headings
   are chosen together, in order, maximising the match.
2. The title: the first line before the first heading that names
   政府信息公开 and ends as a report title; organ and year come from it.
3. Narratives (一、五、六) are kept exactly as printed, less the blank lines at
   their two ends; subsection headings are split off (see :func:`is_subheading`).
4. Tables (二、三、四): the section's lines become a token stream (``_tokens``),
   the edition is read from the labels, and each table is read by ``_tables``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple, cast

import attrs

from .. import editions
from .. import vocab as v
from .._fields import CELL_KINDS, field_info
from ..errors import CellValueError, ParseError
from ..model import AnnualReport, ApplicantCounts, Edition, Narrative, OtherMatters, ReportMeta, Subsection
from ..tables import _field_class, single_row_cells
from ._meta import (
    DATE_FIELDS,
    ORGAN_FIELDS,
    MetaFound,
    Where,
    clean,
    is_breadcrumb,
    metadata_fields,
    organ_like,
    parse_date,
    signature,
    statistics_year,
)
from ._result import CODES, Diagnostic, ExtraRow, ParseResult
from ._tables import Emit, detect_edition, index_for, known_key, read_table
from ._tokens import LABEL, NumberedLines, Token, tokenize
from .normalize import label_key, strip_numbering, to_simplified

__all__ = ["is_subheading", "parse_document"]

Position = Callable[[int, int], tuple[int, int]]

_NUMERALS = "一二三四五六"
_TABLE_SECTIONS = {1: "proactive", 2: "requests", 3: "disputes"}
# a Markdown heading mark (## 四、…) is markup, not part of the heading
_HEAD = re.compile(r"^[\s\u3000]*(?:#{1,6}\s*)?([一二三四五六])\s*[、.．,，]\s*(\S.*)$")
_GLUED = re.compile(r"([一二三四五六])[、.．]")
_SUBHEAD = re.compile(
    r"^(?:（[一二三四五六七八九十]{1,3}）|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}[、.．]"
    r"|[1-9]\d?[、.．](?!\d)|（[1-9]\d?）|\([1-9]\d?\)|[①-⑳])\s*(\S.*)$"
)
_SENTENCE_END = re.compile(r"[。；;！!？?]")
_YEAR = re.compile(
    r"((?:19|20|21)\d{2})\s*(" + "|".join(re.escape(t) for t in (v.TITLE_YEAR.zh, *v.TITLE_YEAR.variants)) + ")"
)
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})\s*年")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_TITLE_PINYIN = re.compile(r"(?<=[^\x00-\x7f])[(（][a-z]{1,6}[)）]")
_EDGE_PUNCT = "《》〈〉“”\"'‘’【】[] :：,，、.。-—_「」『』"
_MAX_HEADING = 40
_MAX_TITLE = 100


def _bigrams(key: str) -> frozenset[str]:
    return frozenset(key[i : i + 2] for i in range(len(key) - 1))


class _SectionKeys(NamedTuple):
    exact: frozenset[str]
    grams: tuple[frozenset[str], ...]


_SECTION_KEYS: tuple[_SectionKeys, ...] = tuple(
    _SectionKeys(
        frozenset(strip_numbering(label_key(t)) for t in (term.zh, *term.variants)),
        tuple(_bigrams(strip_numbering(label_key(t))) for t in (term.zh, *term.variants)),
    )
    for term in v.SECTIONS
)


_ANY_NUMERAL = re.compile(r"[一二三四五六]\s*[、.．,，]")
_RAW_HEADINGS: dict[str, int] = {
    re.sub(r"^[一二三四五六][、.．]", "", t): k for k, term in enumerate(v.SECTIONS) for t in (term.zh, *term.variants)
}
_RAW_HEADING_RE = re.compile("|".join(re.escape(h) for h in sorted(_RAW_HEADINGS, key=len, reverse=True)))


def _score(section: int, rest: str) -> float:
    key = label_key(rest)
    keys = _SECTION_KEYS[section]
    if key in keys.exact:
        return 1.0
    grams = _bigrams(key)
    if not grams:
        return 0.0
    return max(2 * len(grams & g) / (len(grams) + len(g)) for g in keys.grams)


class Heading(NamedTuple):
    """A section heading found in the text (line and col 0-based)."""

    section: int
    line: int
    col: int
    score: float
    glued: bool = False
    inclusive: bool = False  # a table found without its heading: the region starts on this line


def find_headings(lines: Sequence[str]) -> list[Heading | None]:
    """
    The six section headings, in order; None for a section whose heading is not there.

    .. versionadded:: 0.1.0
    """
    text = "\n".join(lines)
    hits = sorted(
        [m.start() for m in _ANY_NUMERAL.finditer(text)] + [m.start() for m in _RAW_HEADING_RE.finditer(text)]
    )
    todo: list[int] = []
    number, pos = 0, 0
    for hit in hits:
        number += text.count("\n", pos, hit)
        pos = hit
        if not todo or todo[-1] != number:
            todo.append(number)
    cands: list[Heading] = []
    for i in todo:
        line = lines[i]
        if len(line) <= 2 * _MAX_HEADING:
            k = _RAW_HEADINGS.get(line.strip(), -1)
            if k >= 0:
                cands.append(Heading(k, i, len(line) - len(line.lstrip()), 0.9))
                continue
        m = _HEAD.match(line) if len(line) <= 2 * _MAX_HEADING else None
        if m is not None:
            rest = m.group(2).rstrip()
            k = _NUMERALS.index(m.group(1))
            if len(rest) <= _MAX_HEADING:
                score = _score(k, rest)
                if score >= 0.5 and not known_key(label_key(line)):
                    cands.append(Heading(k, i, len(line) - len(line.lstrip()), score))
        cands.extend(_glued(i, line))
    return _choose(cands)


def _glued(i: int, line: str) -> list[Heading]:
    out = []
    first = len(line) - len(line.lstrip(" \t\u3000#"))
    for m in _GLUED.finditer(line):
        if m.start() <= first:
            continue
        tail = line[m.start() :].rstrip()
        if len(tail) > _MAX_HEADING + 2:
            continue
        k = _NUMERALS.index(m.group(1))
        score = _score(k, tail[2:])
        if score >= 0.75:
            out.append(Heading(k, i, m.start(), score - 0.01, glued=True))
    return out


def _choose(cands: list[Heading]) -> list[Heading | None]:
    """The best increasing assignment of candidates to the six sections."""
    by_section: list[list[Heading]] = [[] for _ in range(6)]
    for c in cands:
        by_section[c.section].append(c)
    memo: dict[tuple[int, int, int], tuple[float, tuple[Heading | None, ...]]] = {}

    def best(k: int, line: int, col: int) -> tuple[float, tuple[Heading | None, ...]]:
        if k == 6:
            return 0.0, ()
        key = (k, line, col)
        if key in memo:
            return memo[key]
        score, rest = best(k + 1, line, col)
        result: tuple[float, tuple[Heading | None, ...]] = (score, (None, *rest))
        for c in by_section[k]:
            if (c.line, c.col) > (line, col):
                s, r = best(k + 1, c.line, c.col)
                if s + c.score > result[0]:
                    result = (s + c.score, (c, *r))
        memo[key] = result
        return result

    return list(best(0, -1, -1)[1])


def is_subheading(line: str) -> bool:
    """
    True when a narrative line is a subsection heading.

    A subsection heading is a whole line that opens with a numbering (（一）,
    (一), 一、, 1、, 1., （1）, ①) followed by at most 40 characters with no
    sentence punctuation (。；！？).  A paragraph that opens “一是…” is not a
    heading, nor is a numbered line that reads as a sentence.

    >>> is_subheading("1、政府信息公开的组织领导和制度建设情况"), is_subheading("一是加强平台建设。")
    (True, False)
    >>> is_subheading("（二）依申请公开"), is_subheading("1.5万元用于……")
    (True, False)

    .. versionadded:: 0.1.0
    """
    m = _SUBHEAD.match(line.strip())
    if m is None:
        return False
    rest = m.group(1)
    return len(rest) <= _MAX_HEADING and _SENTENCE_END.search(rest) is None


def _strip_blank(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _narrative(
    lines: list[str], first: int = 0, marked: frozenset[int] = frozenset()
) -> tuple[str, tuple[Subsection, ...]]:
    """Text and subsections of a narrative; *marked* holds 0-based line numbers that are headings by markup."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    first += start
    lines = lines[start:end]
    heads = [
        i
        for i, line in enumerate(lines)
        if ((first + i) in marked and line.strip()) or (is_subheading(line) and not known_key(label_key(line)))
    ]
    if not heads:
        return "\n".join(lines), ()
    text = "\n".join(_strip_blank(lines[: heads[0]]))
    subs = []
    for n, i in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(lines)
        subs.append(Subsection(title=lines[i].strip(), text="\n".join(_strip_blank(lines[i + 1 : end]))))
    return text, tuple(subs)


# ----------------------------------------------------------------------------
# The title
# ----------------------------------------------------------------------------


class Title(NamedTuple):
    """The title line and what it says."""

    line: int
    text: str
    organ: str | None
    year: int | None


def parse_title(line: str) -> tuple[str | None, int | None] | None:
    """
    The organ and year a title line names, or None when the line is not a report title.

    >>> parse_title("乌苏市文化体育广播电视和旅游局政府信息公开工作2020年度报告")
    ('乌苏市文化体育广播电视和旅游局', 2020)
    >>> parse_title("2020年度某某县统计局政府信息公开工作年度报告")
    ('某某县统计局', 2020)
    >>> parse_title("某某市人民政府办公室2021年政府信息公开工作年度报告")
    ('某某市人民政府办公室', 2021)
    >>> parse_title("某某县政府信息公开办公室2022年政府信息公开工作年度报告")
    ('某某县政府信息公开办公室', 2022)
    >>> parse_title("某某县统计局关于2020年度政府信息公开工作的年度报告")
    ('某某县统计局', 2020)
    >>> parse_title("关于2021年度政府信息公开工作的年度报告"), parse_title("2024   年政府信息公开工作年度报告")
    ((None, 2021), (None, 2024))

    .. versionadded:: 0.1.0
    """
    s = line.strip()
    if not s or len(s) > _MAX_TITLE:
        return None
    # p: the title as printed without spaces and pinyin; q: its normalised form, mapped back by `at`
    p = _TITLE_PINYIN.sub("", re.sub(r"\s+", "", s))
    parts = [to_simplified(unicodedata.normalize("NFKC", c)) for c in p]
    q = "".join(parts)
    for term in v.ZH_TW_WORDS:
        for variant in term.variants:
            q = q.replace(to_simplified(variant), term.zh)
    starts = [0]
    for part in parts:
        starts.append(starts[-1] + len(part))

    def at(i: int) -> int:
        return bisect.bisect_right(starts, i) - 1

    core = q.rfind(v.TITLE_CORE.zh)  # the last one: an organ's own name may hold the words too
    if core < 0:
        return None
    tail = q[core + len(v.TITLE_CORE.zh) :].rstrip(_EDGE_PUNCT)
    if not any(t in tail[-12:] for t in (v.TITLE_REPORT.zh, *v.TITLE_REPORT.variants)):
        return None
    year: int | None = None
    span: tuple[int, int] | None = None
    for m in _YEAR.finditer(q):
        if 2008 <= int(m.group(1)) <= 2100:
            year, span = int(m.group(1)), m.span()
            break
    if year is None:
        m2 = _CN_YEAR.search(q)
        if m2 is not None and 2008 <= int(m2.group(1).translate(_CN_DIGITS)) <= 2100:
            year, span = int(m2.group(1).translate(_CN_DIGITS)), m2.span()
    organ_text = p[: at(core)]
    if span is not None and span[0] < core:
        before, after = p[: at(span[0])], p[at(span[1]) : at(core)]
        bare = before.strip(_EDGE_PUNCT)
        organ_text = after if not bare or label_key(bare) == v.TITLE_ABOUT.zh else before
    organ_text = organ_text.strip(_EDGE_PUNCT)
    about = v.TITLE_ABOUT.zh
    if label_key(organ_text[: len(about)]) == about:
        organ_text = organ_text[len(about) :].strip(_EDGE_PUNCT)
    if len(organ_text) > len(about) and label_key(organ_text[-len(about) :]) == about:  # XX局关于2020年度…
        organ_text = organ_text[: -len(about)].strip(_EDGE_PUNCT)
    return (organ_text or None), year


def find_title(lines: Sequence[str], stop: int) -> Title | None:
    """The first title line before line *stop* (0-based), if any."""
    for i in range(min(stop, len(lines))):
        line = lines[i]
        if not line.strip() or len(line) > 4 * _MAX_TITLE or is_breadcrumb(line):
            continue
        found = parse_title(line)
        if found is not None:
            return Title(i, line.strip(), found[0], found[1])
    return None


class _Found(NamedTuple):
    title: Title | None
    title_text: str | None
    organ: MetaFound | None
    year: MetaFound | None
    published: MetaFound | None
    looked: tuple[Where, ...]
    used: frozenset[int]


_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s).*$")


def _line(where: Where) -> int | None:
    return where.line + 1 if where.line is not None else None


def _metadata(lines: Sequence[str], heads: Sequence[Heading | None], stop: int, page_title: str | None) -> _Found:
    """Organ, year, publication date and title, from the first place that gives each (see ``_meta``)."""
    title = find_title(lines, stop)
    looked = [Where("标题", "the title", title.line if title else None)]
    organ = year = published = None
    used: set[int] = set()
    title_text = title.text if title else None
    if title is not None:
        used.add(title.line)
        if title.organ is not None:
            organ = MetaFound(title.organ, looked[0])
        if title.year is not None:
            year = MetaFound(title.year, looked[0])
        if title.organ is None:
            looked.append(Where("标题上一行", "the line above the title", None))
            above = next((i for i in range(title.line - 1, max(title.line - 3, -1), -1) if lines[i].strip()), None)
            if above is not None and organ_like(lines[above]):
                organ = MetaFound(clean(lines[above]), Where("标题上一行", "the line above the title", above))
                title_text = f"{lines[above].strip()}{title.text}"
                used.add(above)
    if page_title is not None and page_title.strip():
        where = Where("网页标题", "the page title", None)
        looked.append(where)
        head = _SITE_SUFFIX.sub("", page_title.strip())
        parsed = parse_title(head)
        if parsed is not None:
            if organ is None and parsed[0] is not None:
                organ = MetaFound(parsed[0], where)
            if year is None and parsed[1] is not None:
                year = MetaFound(parsed[1], where)
            if title_text is None:
                title_text = head
    fields = metadata_fields(lines, stop)
    looked.append(Where("发布机构栏", "the metadata table", None))
    for name in ORGAN_FIELDS:
        if organ is None and name in fields and organ_like(fields[name].value):  # type: ignore[arg-type]
            organ = MetaFound(clean(str(fields[name].value)), fields[name].where)
    for name in DATE_FIELDS:
        day = parse_date(str(fields[name].value)) if name in fields else None
        if published is None and day is not None:
            published = MetaFound(day, fields[name].where)
    used.update(f.where.line for f in fields.values() if f.where.line is not None)
    last = max((h.line for h in heads if h is not None), default=stop)
    sig_organ, sig_date = signature(lines, last + 1)
    looked.append(Where("落款", "the signature", None))
    if organ is None and sig_organ is not None:
        organ = sig_organ
    if published is None and sig_date is not None:
        published = sig_date
    if year is None:
        looked.append(Where("统计期限", "the statistics period", None))
        year = statistics_year(lines)
    return _Found(title, title_text, organ, year, published, tuple(looked), frozenset(used))


# ----------------------------------------------------------------------------
# The whole document
# ----------------------------------------------------------------------------


class _Diagnostics:
    def __init__(self, position: Position | None) -> None:
        self.items: list[Diagnostic] = []
        self.position = position

    def where(self, line: int | None, col: int | None) -> tuple[int | None, int | None]:
        if line is None:
            return None, None
        col = col or 1
        if self.position is not None:
            return self.position(line, col)
        return line, col

    def emit(
        self, code: str, zh: str, en: str, line: int | None = None, col: int | None = None, path: str | None = None
    ) -> None:
        line, col = self.where(line, col)
        self.items.append(Diagnostic(code, CODES[code][0], zh, en, line, col, path))

    def sorted(self) -> tuple[Diagnostic, ...]:
        big = 1 << 60
        return tuple(sorted(self.items, key=lambda d: (d.line if d.line is not None else big, d.column or 0)))


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def _check_text(text: str, source: str | None) -> None:
    if not text.strip():
        raise ParseError("the input is empty (输入为空)", source)
    sample = text[:4096]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(8, len(sample) // 50):
        raise ParseError("the input is binary data, not a report (输入为二进制数据，不是报告文本)", source)


def _region(lines: Sequence[str], heads: list[Heading | None], k: int, start_default: int) -> tuple[int, list[str]]:
    """The lines of section *k* (first line number, 0-based, and the lines), ending at the next heading."""
    h = heads[k]
    if h is None:
        return start_default, []
    first = h.line if h.inclusive else h.line + 1
    nxt = next((x for x in heads[k + 1 :] if x is not None), None)
    if nxt is None:
        return first, list(lines[first:])
    body = list(lines[first : nxt.line])
    if nxt.glued:
        part = lines[nxt.line][: nxt.col].rstrip()
        if part.strip():
            body.append(part)
    return first, body


def _locate_missing_tables(lines: Sequence[str], heads: list[Heading | None]) -> None:
    """For a table section without its heading, start the table at its first unmistakable label."""
    for k, table in _TABLE_SECTIONS.items():
        if heads[k] is not None:
            continue
        prev = max((h.line for h in heads[:k] if h is not None), default=-1)
        nxt = min((h.line for h in heads[k + 1 :] if h is not None), default=len(lines))
        keys: set[str] = set()
        for edition in Edition:
            idx = index_for(edition, table)
            first = idx.table.rows[0]
            keys.update(label_key(t.zh) for t in first.labels)
            if table == "requests":
                keys.update(label_key(t.zh) for t in (v.REQUESTS_NOTE, v.APPLICANTS))
        for i in range(prev + 1, nxt):
            if lines[i].strip() and label_key(lines[i]) in keys:
                heads[k] = Heading(k, i, 0, 0.0, inclusive=True)
                break


def parse_document(
    text: str,
    *,
    source: str | None = None,
    organ: str | None = None,
    year: int | None = None,
    position: Position | None = None,
    diagnostics: Sequence[Diagnostic] = (),
    subheadings: frozenset[int] = frozenset(),
    page_title: str | None = None,
) -> ParseResult:
    """
    Parse a report given as text; see :func:`govinfo_report.importers.parse_text`.

    The stages, in order (their diagnostics come out sorted by line): the section
    headings, the title and metadata, the text that belongs to no section, the
    narratives, the tables' tokens, the edition, the tables' cells, the report.

    Args:
        text: The report as text.
        source: A name for the input, kept in the result and in errors.
        organ: The organ, when the title does not name it (or to override it).
        year: The report year, likewise.
        position: Maps (line, col) of *text* to the caller's input (used for HTML).
        diagnostics: Diagnostics found before (decoding), put first.
        subheadings: 0-based lines that are headings by markup (HTML ``h1``–``h6``): inside a
            narrative they start a subsection even without numbering.
        page_title: The page's own title (HTML ``<title>``), another place to find the organ and year.

    .. versionadded:: 0.1.0
    """
    _check_text(text, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    diags = _Diagnostics(position)
    diags.items.extend(diagnostics)

    heads = _find_sections(lines, source)
    meta = _read_meta(lines, heads, organ, year, page_title, diags.emit)
    title_line = meta.found.title.line if meta.found.title is not None else -1
    _report_outside_text(lines, heads, meta.found, title_line, diags.emit)
    _report_headings(lines, heads, diags.emit)
    start = title_line + 1
    texts = _read_narratives(lines, heads, start, subheadings)
    regions = _table_tokens(lines, heads, start)
    edition = _edition(regions, meta.year, diags.emit)
    values, unit, extras = _read_tables(regions, heads, edition, diags)
    report = _build(edition, meta.organ, meta.year, meta.found.title_text, meta.published, values, unit, texts, source)
    return ParseResult(report=report, diagnostics=diags.sorted(), extra_rows=tuple(extras), source=source)


def _find_sections(lines: Sequence[str], source: str | None) -> list[Heading | None]:
    """The heading of each of the six sections (None where missing; a table without one starts at its first label)."""
    heads = find_headings(lines)
    _locate_missing_tables(lines, heads)
    if all(h is None for h in heads):
        raise ParseError(
            "no section heading or table of an annual report was found (未找到年度报告的章节标题或表格)", source
        )
    return heads


class _Meta(NamedTuple):
    """What the title and metadata stage found, and the organ, year and publication date it settled on."""

    found: _Found
    organ: str | None
    year: int | None
    published: _dt.date | None


def _read_meta(
    lines: Sequence[str],
    heads: Sequence[Heading | None],
    organ: str | None,
    year: int | None,
    page_title: str | None,
    emit: Emit,
) -> _Meta:
    """The title and metadata: the given organ and year win; where each value came from, or that it is missing."""
    first_head = min(h.line for h in heads if h is not None)
    found = _metadata(lines, heads, first_head, page_title)
    title = found.title
    for name, given, got in (("organ", organ, found.organ), ("year", year, found.year)):
        if given is not None and got is not None and given != got.value:
            term = v.ORGAN if name == "organ" else v.YEAR
            emit("META-OVERRIDE", f"{got.where.zh}中的{term.zh}为“{got.value}”，按给定的“{given}”",
                 f"the {got.where.en} gives the {name} {got.value!r}; using {given!r} as given",
                 _line(got.where), 1)
    for name, got in (("organ", found.organ), ("year", found.year), ("published", found.published)):
        given = {"organ": organ, "year": year}.get(name)
        if got is None or given is not None or (got.where.zh == "标题" and name != "published"):
            continue
        term = {"organ": v.ORGAN, "year": v.YEAR, "published": v.PUBLISHED}[name]
        shown = got.value.isoformat() if isinstance(got.value, _dt.date) else got.value
        emit("META-SOURCE", f"{term.zh}“{shown}”取自{got.where.zh}", f"the {term.en} {shown!r} is taken from "
             f"{got.where.en}", _line(got.where), 1)
    organ = organ if organ is not None else (str(found.organ.value) if found.organ else None)
    year = year if year is not None else (int(str(found.year.value)) if found.year else None)
    published = found.published.value if found.published else None
    assert published is None or isinstance(published, _dt.date)
    for term, value, flag in ((v.ORGAN, organ, "--organ"), (v.YEAR, year, "--year")):
        if value is None:
            looked_zh = "、".join(w.zh for w in found.looked if term is v.ORGAN or w.zh != "落款")
            looked_en = ", ".join(w.en for w in found.looked if term is v.ORGAN or w.zh != "落款")
            emit("META-MISSING", f"未找到{term.zh}（已查看：{looked_zh}），该项留空；可用 {flag} 给出",
                 f"the {term.en} was not found (looked at: {looked_en}); it is left unknown; give it with {flag}",
                 title.line + 1 if title else None, 1)
    return _Meta(found, organ, year, published)


def _report_outside_text(
    lines: Sequence[str], heads: Sequence[Heading | None], found: _Found, title_line: int, emit: Emit
) -> None:
    """IGNORED-TEXT for the lines before the title and between the title and section 一."""
    title = found.title
    if title is not None:
        before = [i for i in range(title.line) if lines[i].strip() and i not in found.used]
        if before:
            emit("IGNORED-TEXT", f"标题之前的{len(before)}行文字不属于报告，已忽略：“{_quote(lines[before[0]])}”",
                 f"{len(before)} line(s) before the title are not part of the report; ignored", before[0] + 1, 1)
    if heads[0] is not None:
        between = [i for i in range(title_line + 1, heads[0].line) if lines[i].strip() and i not in found.used]
        if between:
            emit("IGNORED-TEXT",
                 f"标题与“{v.OVERVIEW.zh}”之间的{len(between)}行文字不属于任何部分：“{_quote(lines[between[0]])}”",
                 f"{len(between)} line(s) between the title and section 1 belong to no section; ignored",
                 between[0] + 1, 1)


def _report_headings(lines: Sequence[str], heads: Sequence[Heading | None], emit: Emit) -> None:
    """SECTION-MISSING for a section without its heading, GLUED-HEADING for one glued to the paragraph before."""
    for k, h in enumerate(heads):
        term = v.SECTIONS[k]
        if h is None:
            emit("SECTION-MISSING", f"未找到“{term.zh}”部分的标题，该部分按空白处理",
                 f"section heading {term.en!r} ({term.zh}) not found; the section is empty")
        elif h.inclusive:
            emit("SECTION-MISSING", f"未找到“{term.zh}”的标题，表格从第{h.line + 1}行开始读取",
                 f"section heading {term.en!r} ({term.zh}) not found; its table is read from line {h.line + 1}",
                 h.line + 1, 1)
        elif h.glued:
            emit("GLUED-HEADING", f"标题“{lines[h.line][h.col:].strip()}”接在上一段末尾，已拆分",
                 f"the heading of {term.en!r} was glued to the end of the paragraph before it; split off",
                 h.line + 1, h.col + 1)


_Texts = dict[int, tuple[str, tuple[Subsection, ...]]]


def _read_narratives(
    lines: Sequence[str], heads: list[Heading | None], start: int, subheadings: frozenset[int]
) -> _Texts:
    """The text and subsections of 一, 五 and 六 (by section index); 一 without a heading runs up to the first one."""
    texts: _Texts = {}
    for k in (0, 4, 5):
        if heads[k] is None and k == 0:
            nxt = next((h for h in heads if h is not None), None)
            body = list(lines[start : nxt.line]) if nxt is not None else []
            texts[k] = _narrative(body, start, subheadings)
        else:
            texts[k] = _narrative(*_region(lines, heads, k, start)[::-1], subheadings)
    return texts


def _table_tokens(lines: Sequence[str], heads: list[Heading | None], start: int) -> dict[str, list[Token]]:
    """The tokens of each table section's lines, by table (``proactive``, ``requests``, ``disputes``)."""
    regions: dict[str, list[Token]] = {}
    for k, table in _TABLE_SECTIONS.items():
        first, body = _region(lines, heads, k, start)
        regions[table] = tokenize(NumberedLines(body, first + 1), known_key)
    return regions


def _edition(regions: dict[str, list[Token]], year: int | None, emit: Emit) -> Edition:
    """The edition the table headers show; else the year's; else 2021. A diagnostic says when they disagree."""
    edition, seen = detect_edition([t for tokens in regions.values() for t in tokens if t.kind == LABEL])
    if year is None:
        if edition is None:
            edition = Edition.E2021
            emit("EDITION-UNKNOWN", "表头没有显示格式版本，年度也未知；按2021年版读取",
                 "neither the table headers nor the year give the edition; read as the 2021 edition")
        by_year = edition
    else:
        by_year = editions.for_year(year, strict=False).edition
    if edition is None:
        mixed = "、".join(f"{e.value}年版（{'、'.join(seen[e][:3])}）" for e in Edition if seen[e])
        emit("EDITION-FROM-YEAR",
             f"表头没有显示格式版本{('（两版标签并存：' + mixed + '）') if mixed else ''}，"
             f"按年度{year}采用{by_year.value}年版",
             f"no table header shows the edition; the {by_year.value} edition is assumed from the year {year}")
        edition = by_year
    elif edition is not by_year:
        emit("EDITION-FROM-HEADERS",
             f"表头为{edition.value}年版格式（{'、'.join(seen[edition][:3])}），但{year}年度应使用{by_year.value}年版；按表头读取",
             f"the table headers follow the {edition.value} edition but a {year} report should use the "
             f"{by_year.value} edition; read as {edition.value}")
    return edition


def _read_tables(
    regions: dict[str, list[Token]], heads: list[Heading | None], edition: Edition, diags: _Diagnostics
) -> tuple[dict[str, int | Decimal | None], Any, list[ExtraRow]]:
    """The cell values of the three tables, the unit of 采购总金额 (None if none is printed), and the extra rows."""
    values: dict[str, int | Decimal | None] = {}
    unit = None
    extras: list[ExtraRow] = []
    for k, table in _TABLE_SECTIONS.items():
        h = heads[k]
        reading = read_table(regions[table], edition, table, diags.emit, (h.line + 1, h.col + 1) if h else None)
        values.update(reading.values)
        unit = reading.units.get("$.proactive.procurement.amount", unit)
        for label, printed, line in reading.extra_rows:
            name = index_for(edition, table).table.table.zh
            extras.append(ExtraRow(name, label, printed, diags.where(line, 1)[0] or line))
    return values, unit, extras


def _build(
    edition: Edition,
    organ: str | None,
    year: int | None,
    title: str | None,
    published: _dt.date | None,
    values: dict[str, int | Decimal | None],
    unit: Any,
    texts: dict[int, tuple[str, tuple[Subsection, ...]]],
    source: str | None,
) -> AnnualReport:
    try:
        meta = ReportMeta(organ=organ, year=year, edition=edition, title=title, published=published)
    except CellValueError as exc:
        raise ParseError(f"the organ or year cannot be used: {exc}", source) from None
    sections = {attr: _construct(plan, values) for attr, plan in _plans(edition)}
    single = single_row_cells(edition)
    if single and single[0].path in values:  # （六）其他处理 printed as one row (GROUP-AS-ROW)
        requests = sections["requests"]
        row = ApplicantCounts(**{c.attr_path[-1]: cast(Any, values[c.path]) for c in single})
        oh = attrs.evolve(requests.results.other_handling, single_row=row)
        sections["requests"] = attrs.evolve(requests, results=attrs.evolve(requests.results, other_handling=oh))
    if unit is not None:
        proactive = sections["proactive"]
        procurement = attrs.evolve(proactive.procurement, amount_unit=unit)
        sections["proactive"] = attrs.evolve(proactive, procurement=procurement)
    return AnnualReport(
        meta=meta,
        overview=Narrative(text=texts[0][0], subsections=texts[0][1]),
        problems=Narrative(text=texts[4][0], subsections=texts[4][1]),
        other_matters=OtherMatters(text=texts[5][0], subsections=texts[5][1]),
        **sections,
    )


_Plan = tuple[type, tuple[tuple[str, Any], ...]]


@functools.cache
def _plans(edition: Edition) -> tuple[tuple[str, _Plan], ...]:
    """How to construct the three table sections of *edition* from cell values (layout.build_sections, precomputed)."""

    def plan(cls: type, prefix: str) -> _Plan:
        items: list[tuple[str, Any]] = []
        for a in attrs.fields(cls):
            info = field_info(a)
            if info is None:
                continue
            path = f"{prefix}.{a.name}"
            if info.kind in CELL_KINDS:
                items.append((a.name, path))
            else:
                items.append((a.name, plan(_field_class(cls, a, info, edition), path)))
        return cls, tuple(items)

    return tuple((s.attr, plan(s.cls, f"$.{s.attr}")) for s in editions.get(edition).sections)


def _construct(plan: _Plan, values: dict[str, int | Decimal | None]) -> Any:
    cls, items = plan
    return cls(**{name: values.get(p) if type(p) is str else _construct(p, values) for name, p in items})


def _quote(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ += ["Heading", "Title", "find_headings", "find_title", "parse_title"]
