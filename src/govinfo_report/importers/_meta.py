"""
Who published a report, for which year, and when: found where real pages put it.

A copy of a published report often has no title line, or a title without the
organ, so the metadata is looked for in several places, each tried in turn
and named in the diagnostics:

* the title line (see :func:`~govinfo_report.importers._text.parse_title`), and
  the organ on its own line just above a title that does not name it;
* the page's own title and ``h1`` (HTML), less the site name after ``_``/``-``/``|``;
* the metadata table of CMS pages (发布机构/发文机关 …, 发布日期/公开日期/成文日期 …);
* the signature at the end: the organ and the date, on one line or two;
* for the year only, the statistics-period sentence
  (统计期限自2024年1月1日至2024年12月31日).

A breadcrumb (当前位置：首页 > 政府信息公开 > 年报) is never taken for a title.
Nothing is inferred: the year is never derived from a publication date, and an
organ is only taken from text that has the shape of an organ's name.

>>> organ_like("某某县统计局"), organ_like("一、总体情况"), organ_like("2022年1月20日")
(True, False, False)
>>> parse_date("2022年1月20日"), parse_date("2022-01-20"), parse_date("2024126")
(datetime.date(2022, 1, 20), datetime.date(2022, 1, 20), None)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

import attrs

from .. import vocab as v
from ..errors import CellValueError
from ..model import AnnualReport, ProcessingFees, Scope
from .normalize import to_simplified

__all__ = [
    "MetaFound",
    "Where",
    "apply_tags",
    "is_breadcrumb",
    "metadata_fields",
    "organ_like",
    "parse_date",
    "signature",
    "statistics_year",
]

_PINYIN = re.compile(r"(?<=[^\x00-\x7f])[(（][a-z]{1,6}[)）]")
_BREADCRUMB = re.compile(
    r"(当前位置|您的位置|您现在的位置|现在位置|所在位置|當前位置)\s*[:：]|"
    r"首\s*页\s*[>＞»›/]|[>＞»›]\s*[^>＞»›\s][^>＞»›]*[>＞»›]"
)
# The last characters of an organ's name (a department, a government level, a township ...).
_ORGAN_END = re.compile(
    r"(局|委|委员会|办|办公室|办公厅|厅|院|政府|人民政府|中心|处|所|站|馆|会|署|部|街道|街道办事处|办事处|镇|乡|"
    r"管委会|管理委员会|公司|队|支队|大队|室|社|团|校|学院|大学|法院|检察院|监狱|集团|区|县|市|州|盟|旗)$"
)
_NOT_ORGAN = re.compile(r"[\d０-９，。；;！!？?：:、《》“”\"|｜()（）]|报告|情况|年度|附件|目录|点击|打印|关闭|分享")
_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))"
)
_CN_DATE = re.compile(
    r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
)
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|期间|区间|周期)[^。；\n]{0,12}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日"
    r"[^。；\n]{0,8}?(?:至|到|—|-|～|~)\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日"
)

ORGAN_FIELDS = (v.META_ORGAN_FIELD.zh, *v.META_ORGAN_FIELD.variants)
DATE_FIELDS = (v.META_DATE_FIELD.zh, *v.META_DATE_FIELD.variants)
OTHER_FIELDS = (v.META_OTHER_FIELD.zh, *v.META_OTHER_FIELD.variants)
_FIELD = re.compile(
    r"(" + "|".join(sorted((*ORGAN_FIELDS, *DATE_FIELDS, *OTHER_FIELDS), key=len, reverse=True)) + r")\s*[:：]\s*"
)


class Where(NamedTuple):
    """A place the reader looked: its Chinese and English names, and the 0-based line (None when not a line)."""

    zh: str
    en: str
    line: int | None = None


class MetaFound(NamedTuple):
    """A value found for a metadata field, and where."""

    value: object
    where: Where


def clean(text: str) -> str:
    """*text* without spaces and pinyin glosses, NFKC-normalised (but in the script it was printed in)."""
    text = _PINYIN.sub("", re.sub(r"[\s\u3000]+", "", text))
    return unicodedata.normalize("NFKC", text)


def is_breadcrumb(line: str) -> bool:
    """
    True for a navigation trail such as 当前位置：首页 > 政府信息公开 > 年报.

    >>> is_breadcrumb("当前位置：首页 > 政府信息公开 > 年报")
    True
    >>> is_breadcrumb("某某县统计局2021年政府信息公开工作年度报告")
    False
    """
    return bool(_BREADCRUMB.search(line))


def organ_like(text: str) -> bool:
    """True when *text* (one line, spaces ignored) has the shape of an organ's name."""
    s = to_simplified(clean(text))
    if not 2 <= len(s) <= 40 or _NOT_ORGAN.search(s) or is_breadcrumb(text):
        return False
    if not all("\u4e00" <= c <= "\u9fff" or c in "·" for c in s):
        return False
    return bool(_ORGAN_END.search(s))


def _cn_number(text: str) -> int | None:
    """一 … 三十一 as an int (1–99), or None."""
    if not text or any(c not in "一二三四五六七八九十" for c in text):
        return None
    if "十" not in text:
        return _CN_DIGIT[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d) if 2008 <= y <= 2100 else None
    except ValueError:
        return None


def find_date(text: str) -> tuple[_dt.date, int, int] | None:
    """The first complete date in *text* (2022年1月20日, 2022-01-20, 二〇二二年一月二十日) and its span."""
    s = unicodedata.normalize("NFKC", text)
    m = _DATE.search(s)
    if m is not None:
        y = int(m.group(1))
        mo, d = (m.group(2), m.group(3)) if m.group(2) else (m.group(4), m.group(5))
        found = _date(y, int(mo), int(d))
        if found is not None:
            return found, m.start(), m.end()
    c = _CN_DATE.search(s)
    if c is not None:
        y = int("".join(str(_CN_DIGIT[ch]) for ch in c.group(1)))
        mo2, d2 = _cn_number(c.group(2)), _cn_number(c.group(3))
        if mo2 is not None and d2 is not None:
            found = _date(y, mo2, d2)
            if found is not None:
                return found, c.start(), c.end()
    return None


def parse_date(text: str) -> _dt.date | None:
    """The date that *text* states, or None (a date whose 年/月/日 were lost, 2024126, is not a date)."""
    found = find_date(text)
    return found[0] if found is not None else None


def metadata_fields(lines: Sequence[str], stop: int) -> dict[str, MetaFound]:
    """
    The fields of a CMS metadata table (发布机构：… 发布日期：…) in the lines before *stop*.

    Each label's value is the text after it in the same cell, or the next cell
    of a table row (``| 发布机构： | 某某县统计局 |``).  The keys are the labels.
    """
    out: dict[str, MetaFound] = {}
    for i in range(min(stop, len(lines))):
        line = lines[i]
        if "：" not in line and ":" not in line:
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if "|" in line else [line.strip()]
        for k, cell in enumerate(cells):
            matches = list(_FIELD.finditer(cell))
            for j, m in enumerate(matches):
                end = matches[j + 1].start() if j + 1 < len(matches) else len(cell)
                value = cell[m.end() : end].strip()
                if not value and k + 1 < len(cells) and not _FIELD.match(cells[k + 1]):
                    value = cells[k + 1]
                if value and m.group(1) not in out:
                    where = Where(f"“{m.group(1)}”栏", f"the metadata field {m.group(1)}", i)
                    out[m.group(1)] = MetaFound(value, where)
    return out


def signature(lines: Sequence[str], start: int) -> tuple[MetaFound | None, MetaFound | None]:
    """
    The organ and the date of the signature at the end of the report (lines from *start* on).

    The signature is the last few non-empty lines: ``某某县统计局 2022年1月20日`` on
    one line, or the organ's line followed by the date's line.  An organ without
    a date is not taken: a short last line of prose can look like a name.
    """
    tail = [i for i in range(max(start, 0), len(lines)) if lines[i].strip()][-4:]
    organ: MetaFound | None = None
    date: MetaFound | None = None
    for i in reversed(tail):
        text = lines[i].strip()
        found = find_date(text)
        rest = text
        if found is not None and date is None:
            day, a, b = found
            rest = (unicodedata.normalize("NFKC", text)[:a] + unicodedata.normalize("NFKC", text)[b:]).strip()
            if not rest or organ_like(rest):
                date = MetaFound(day, Where("落款日期", "the date of the signature", i))
        # an organ's name alone at the end may be any short line of prose: only one signed with a date counts
        if organ is None and rest and organ_like(rest) and date is not None:
            organ = MetaFound(clean(rest), Where("落款", "the signature", i))
        if organ is not None and date is not None:
            break
        if found is None and not organ_like(text):
            break  # the signature is the last lines only: stop at the first line of prose
    return organ, date


def statistics_year(lines: Sequence[str]) -> MetaFound | None:
    """The year of a statistics-period sentence (统计期限自2024年1月1日至2024年12月31日), if any."""
    for i, line in enumerate(lines):
        if "统计" not in line:
            continue
        m = _PERIOD.search(unicodedata.normalize("NFKC", line))
        if m is not None and m.group(1) == m.group(2):
            return MetaFound(int(m.group(1)), Where("统计期限", "the statistics period", i))
    return None


def apply_tags(
    report: AnnualReport, tags: dict[str, list[str]], *, organ: str | None, year: int | None
) -> tuple[AnnualReport, list[tuple[str, str]]]:
    """
    *report* with the metadata of render_html's ``govinfo-report:*`` tags, and the tags that could not be used.

    The tags say what the page's head holds for a machine (division code, publication date, scope, members,
    the fees of 六): the visible page cannot show them.  An organ or year given by the caller wins.
    """
    meta = report.meta
    changes: dict[str, Any] = {}
    bad: list[tuple[str, str]] = []
    one = {name: values[0] for name, values in tags.items() if values}
    if "organ" in one and organ is None:
        changes["organ"] = one["organ"]
    if "title" in one:
        changes["title"] = one["title"]
    elif "edition" in one:  # our own page (it always says its edition) without a title tag: the h1 was the default
        changes["title"] = None
    for name, key, read in (
        ("year", "year", _int),
        ("division-code", "division_code", str),
        ("published", "published", _iso_date),
        ("scope", "scope", Scope),
    ):
        if name not in one or (name == "year" and year is not None):
            continue
        try:
            changes[key] = read(one[name])
        except ValueError:
            bad.append((name, one[name]))
    if "member" in tags:
        changes["members"] = tuple(tags["member"])
    fees: dict[str, Any] = {}
    fee_tags = (("fees-applications", "applications", _int), ("fees-amount-yuan", "amount_yuan", Decimal))
    for name, key, read_fee in fee_tags:
        if name in one:
            try:
                fees[key] = read_fee(one[name])
            except (ValueError, ArithmeticError):
                bad.append((name, one[name]))
    try:
        new_meta = attrs.evolve(meta, **changes)
    except (CellValueError, ValueError):
        new_meta = meta
        bad += [(k, str(x)) for k, x in changes.items()]
    other = report.other_matters
    if fees or "fees" in one:
        try:
            other = attrs.evolve(other, fees=ProcessingFees(**fees))
        except (CellValueError, ValueError):
            bad += [(k, str(x)) for k, x in fees.items()]
    return attrs.evolve(report, meta=new_meta, other_matters=other), bad


def _int(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise ValueError(text)
    return int(text)


def _iso_date(text: str) -> _dt.date:
    return _dt.date.fromisoformat(text)
