"""
Table readers driven by the layout: every label comes from the vocabulary through ``layout(edition)``.

For each table of an edition an :class:`Index` maps label keys (see
``normalize.label_key``) to anchors: a row (whose values follow it), a group
or block caption, or a column header.  The reader walks the token stream of
the table's section: a row label is followed by its values; group labels,
headers and the blanks that merged cells leave behind are passed over; a
label the format does not have, followed by values, is a provincial extra
row (kept, never merged into an official one); anything else is reported.

Values are assigned by position within their row, after removing the blanks
that colspans and rowspans leave (:func:`fit_values`).  Table 四 is also read
positionally (15 values in official order) when its rows carry no labels, as
in PDF flipbooks and in the official layout itself.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from .. import vocab as v
from .._fields import Kind
from ..model import AmountUnit, Edition
from ..tables import CellSpec, RowSpec, TableSpec, layout
from ..vocab import Term
from ._tokens import BLANK, LABEL, VALUE, Token
from .normalize import char_key_length, label_key, read_cell, strip_numbering

__all__ = ["Anchor", "Index", "TableReading", "detect_edition", "index_for", "known_key", "read_table"]

ROW, GROUP, HEADER, FRAGMENT = "row", "group", "header", "fragment"

_OPENERS = "（([【〔<《{"
_STRAY_REMAINDER = re.compile(r"[0-9A-Za-z]{1,4}")
_DISPUTE_VALUES = 15

Emit = Callable[..., None]
_KIND_NAMES = {Kind.COUNT: "count", Kind.SIGNED: "signed", Kind.AMOUNT: "amount"}


class CellPlan(NamedTuple):
    """One cell of a row, with what reading it needs precomputed."""

    spec: CellSpec
    path: str
    kind: str
    fixed_unit: AmountUnit | None


class Anchor(NamedTuple):
    """What a label key stands for in one table."""

    kind: str
    term: Term
    row: RowSpec | None = None
    path: str = ""
    cells: tuple[CellPlan, ...] = ()


class Match(NamedTuple):
    """A label token matched to an anchor, with what followed the label (a note or stray text)."""

    anchor: Anchor
    remainder: str = ""
    note: bool = False


def _keys(term: Term) -> list[str]:
    return [k for k in dict.fromkeys(label_key(t) for t in (term.zh, *term.variants)) if k]


class Index:
    """
    The labels of one table of one edition, by key.

    Attributes:
        table: The table spec.
        exact: key → anchor, for official keys and variants.
        stripped: key without numbering → anchor, when that is unambiguous.
        by_length: every key of *exact*, longest first (for prefix matches).
    """

    def __init__(self, table: TableSpec, extra_headers: Sequence[Term]) -> None:
        self.table = table
        self.exact: dict[str, Anchor] = {}
        entries: list[tuple[str, Anchor]] = []
        for row in table.rows:
            for term in row.labels[:-1]:
                entries += [(k, Anchor(GROUP, term)) for k in _keys(term)]
            cells = tuple(
                CellPlan(c, c.path, _KIND_NAMES[c.kind], _fixed_unit(c) if c.kind is Kind.AMOUNT else None)
                for c in row.cells
            )
            row_anchor = Anchor(ROW, row.labels[-1], row, row.path, cells)
            entries += [(k, row_anchor) for k in _keys(row.labels[-1])]
            for cell in row.cells:
                for term in cell.column_terms:
                    entries += [(k, Anchor(HEADER, term)) for k in _keys(term)]
        for term in extra_headers:
            entries += [(k, Anchor(HEADER, term)) for k in _keys(term)]
        for key, anchor in entries:
            old = self.exact.get(key)
            # a row label wins over a header or group label with the same key
            if old is None or (old.kind != ROW and anchor.kind == ROW):
                self.exact[key] = anchor
        counts: dict[str, int] = {}
        stripped: dict[str, Anchor] = {}
        for key, anchor in self.exact.items():
            s = strip_numbering(key)
            if s != key and len(s) >= 2:
                counts[s] = counts.get(s, 0) + 1
                stripped[s] = anchor
        self.stripped = {k: a for k, a in stripped.items() if counts[k] == 1 and k not in self.exact}
        self.by_length = sorted(self.exact, key=len, reverse=True)
        self.fragments = [k for k, a in self.exact.items() if a.kind in (HEADER, GROUP) and len(k) >= 6]

    def lookup(self, token: Token) -> Match | None:
        """The anchor of a label token, or None when the table has no such label."""
        key = token.key
        if not key:
            return None
        anchor = self.exact.get(key) or self.stripped.get(key)
        if anchor is not None:
            return Match(anchor)
        s = strip_numbering(key)
        anchor = self.stripped.get(s) or self.exact.get(s) if s != key else None
        if anchor is not None:
            return Match(anchor)
        for known in self.by_length:
            if len(known) >= 2 and len(known) < len(key) and key.startswith(known):
                tail = _printed_tail(token.text, len(key) - len(known))
                if tail[:1] in _OPENERS:
                    return Match(self.exact[known], tail, note=True)
                if _STRAY_REMAINDER.fullmatch(key[len(known) :]):
                    return Match(self.exact[known], tail)
                break
        if len(key) >= 4:
            for frag in self.fragments:
                if key in frag:
                    return Match(Anchor(FRAGMENT, self.exact[frag].term))
        return None


def _printed_tail(text: str, key_chars: int) -> str:
    """The end of *text* that makes up its last *key_chars* key characters, with the punctuation before it."""
    i = len(text)
    count = 0
    while i > 0 and count < key_chars:
        i -= 1
        count += char_key_length(text[i])
    while i > 0 and char_key_length(text[i - 1]) == 0:
        i -= 1
    return text[i:].strip()


_EXTRA_HEADERS: dict[str, tuple[Term, ...]] = {
    "proactive": (v.INFORMATION_CONTENT,),
    "requests": (v.REQUESTS_NOTE, v.APPLICANTS),
    "disputes": (),
}


@functools.cache
def index_for(edition: Edition, table: str) -> Index:
    """
    The label index of *table* (``proactive``, ``requests``, ``disputes``) in *edition*.

    .. versionadded:: 0.1.0
    """
    spec = layout(edition).table(table)
    return Index(spec, _EXTRA_HEADERS[spec.attr])


@functools.cache
def _all_keys() -> frozenset[str]:
    keys: set[str] = set()
    for edition in Edition:
        for table in ("proactive", "requests", "disputes"):
            keys.update(index_for(edition, table).exact)
    return frozenset(keys)


def known_key(key: str) -> bool:
    """True when *key* is the key of a label of any table of either edition."""
    return key in _all_keys()


@functools.cache
def _markers() -> dict[Edition, frozenset[str]]:
    """The label keys that only one edition has (本年制发件数 → 2021, 本年新制作数量 → 2019, ...)."""
    keys = {
        e: frozenset(k for t in ("proactive", "requests", "disputes") for k in index_for(e, t).exact) for e in Edition
    }
    return {e: keys[e] - frozenset().union(*(keys[o] for o in Edition if o is not e)) for e in Edition}


@functools.lru_cache(maxsize=4096)
def _marker_of(key: str) -> tuple[tuple[Edition, str], ...]:
    """The edition markers a label key shows: exactly, or as a prefix followed by a note."""
    out = []
    for e, keys in _markers().items():
        if key in keys:
            out.append((e, key))
        elif not known_key(key):
            for m in keys:
                if key.startswith(m) and len(key) > len(m):
                    out.append((e, m))
                    break
    return tuple(out)


def detect_edition(tokens: Iterable[Token]) -> tuple[Edition | None, dict[Edition, list[str]]]:
    """
    The edition that the table labels show, and the distinguishing labels seen for each edition.

    Returns None when no distinguishing label was seen or both editions were seen equally.

    .. versionadded:: 0.1.0
    """
    seen: dict[Edition, dict[str, str]] = {e: {} for e in Edition}
    for t in tokens:
        if t.kind != LABEL:
            continue
        key = t.key
        for e, m in _marker_of(key):
            seen[e].setdefault(m, t.text)
    found = {e: list(s.values()) for e, s in seen.items()}
    counts = {e: len(s) for e, s in seen.items()}
    best = max(counts.values())
    winners = [e for e, c in counts.items() if c == best]
    if best == 0 or len(winners) > 1:
        return None, found
    return winners[0], found


# ----------------------------------------------------------------------------
# Reading one table
# ----------------------------------------------------------------------------


class TableReading(NamedTuple):
    """What the reader found in one table."""

    values: dict[str, int | Decimal | None]
    units: dict[str, AmountUnit]
    rows_read: tuple[str, ...]
    extra_rows: tuple[tuple[str, tuple[str, ...], int], ...]


def fit_values(cells: list[Token], n: int, padded: bool = False) -> tuple[list[Token], int, list[Token]]:
    """
    The *n* values of a row from the tokens after its label.

    The tokens run to the next label.  Those after a break at or beyond
    position *n* belong to the next row (merged-cell leftovers or stray
    values) and are not taken.  Within one row, surplus blanks are dropped
    where the official table puts them: at the end for a *padded* row (table
    二, whose rows are narrower than the table), else at the front first (the
    merged label columns of table 三), then at the other end.  If the row
    still has too many cells and exactly *n* are non-blank, those are taken.

    Returns:
        The values (at most *n*), how many tokens the row consumed, and the
        surplus tokens it ignored (reported as EXTRA-VALUES when not blank).
    """
    used = len(cells)
    for k in range(n, len(cells)):
        if cells[k].brk:
            used = k
            break
    row = cells[:used]
    if len(row) <= n:
        return row, used, []
    start, end = 0, len(row)
    for _ in range(2):
        if padded:
            while end - start > n and row[end - 1].kind == BLANK:
                end -= 1
        else:
            while end - start > n and row[start].kind == BLANK:
                start += 1
        padded = not padded
    kept = row[start:end]
    if len(kept) > n:
        filled = [t for t in kept if t.kind != BLANK]
        if len(filled) == n:
            return filled, used, []
        return kept[:n], used, [t for t in kept[n:] if t.kind != BLANK]
    return kept, used, []


def _collect(tokens: Sequence[Token], start: int) -> list[Token]:
    out = []
    for t in tokens[start:]:
        if t.kind == LABEL:
            break
        out.append(t)
    return out


def _fixed_unit(cell: CellSpec) -> AmountUnit | None:
    """The unit a column header prints (本年收费金额（单位：万元）), if any."""
    return AmountUnit.WAN_YUAN if v.WAN_YUAN.zh in cell.column else None


def _quote(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Reader:
    def __init__(self, tokens: Sequence[Token], index: Index, emit: Emit) -> None:
        self.tokens = tokens
        self.index = index
        self.table = index.table
        self.emit = emit
        self.values: dict[str, int | Decimal | None] = {}
        self.units: dict[str, AmountUnit] = {}
        self.rows_read: list[str] = []
        self.short: dict[str, tuple[int, Token]] = {}
        self.extra: list[tuple[str, tuple[str, ...], int]] = []
        self.last_width = len(index.table.rows[0].cells)
        # table 二's rows are narrower than the table: surplus blanks are padding at their end
        self.padded = index.table.attr == "proactive"
        self.end_token: Token | None = None

    @property
    def name(self) -> str:
        return f"表{self.table.table.zh}"

    def run(self) -> None:
        tokens = self.tokens
        i, n = 0, len(tokens)
        while i < n:
            t = tokens[i]
            if t.kind == BLANK:
                i += 1
                continue
            if t.kind == VALUE:
                self.stray(t)
                i += 1
                continue
            match = self.index.lookup(t)
            if match is None:
                i = self.unknown(i)
                continue
            if match.remainder:
                self.remainder(t, match)
            if match.anchor.kind == ROW and match.anchor.row is not None:
                i = self.row(i, match.anchor)
            else:
                i += 1

    def remainder(self, t: Token, match: Match) -> None:
        label = match.anchor.term.zh
        if match.note:
            self.emit(
                "LABEL-NOTE",
                f"{self.name} 标签“{label}”后附注“{_quote(match.remainder, 60)}”，按标签前缀识别",
                f"table {self.table.table.en}: label {match.anchor.term.en!r} carries the note "
                f"{_quote(match.remainder, 60)!r}; matched by its prefix",
                t.line,
                t.col,
            )
        else:
            self.emit(
                "STRAY-TEXT",
                f"{self.name} “{label}”后有多余文字“{match.remainder}”，已忽略",
                f"table {self.table.table.en}: stray text {match.remainder!r} after {match.anchor.term.en!r} "
                f"({label}); ignored",
                t.line,
                t.col + len(t.text) - len(match.remainder),
            )

    def stray(self, t: Token) -> None:
        self.emit(
            "STRAY-TEXT",
            f"{self.name} 中的“{_quote(t.text)}”不属于任何单元格，已忽略",
            f"table {self.table.table.en}: {_quote(t.text)!r} belongs to no cell; ignored",
            t.line,
            t.col,
        )

    def unknown(self, i: int) -> int:
        t = self.tokens[i]
        cells = _collect(self.tokens, i + 1)
        values, used, _ = fit_values(cells, self.last_width, self.padded)
        if any(c.kind != BLANK for c in values):
            printed = tuple(c.text for c in values)
            self.extra.append((t.text, printed, t.line))
            self.emit(
                "EXTRA-ROW",
                f"{self.name} 有全国格式中没有的行“{_quote(t.text)}”（{'、'.join(printed)}），"
                "单独保留，未并入任何官方行",
                f"table {self.table.table.en}: row {_quote(t.text)!r} is not in the national format "
                f"(values {', '.join(printed)}); kept apart in extra_rows",
                t.line,
                t.col,
            )
            return i + 1 + used
        self.emit(
            "IGNORED-TEXT",
            f"{self.name} 中的文字“{_quote(t.text)}”不是表格标签，已忽略",
            f"table {self.table.table.en}: text {_quote(t.text)!r} is not a label of the table; ignored",
            t.line,
            t.col,
        )
        return i + 1

    def row(self, i: int, anchor: Anchor) -> int:
        t = self.tokens[i]
        row = anchor.row
        assert row is not None
        plans = anchor.cells
        n = len(plans)
        self.last_width = n
        cells = _collect(self.tokens, i + 1)
        values, used, surplus = fit_values(cells, n, self.padded)
        if anchor.path in self.rows_read:
            self.emit(
                "DUPLICATE-ROW",
                f"{self.name} “{row.label}”重复出现，保留第一次的数值，忽略此处（{'、'.join(c.text for c in values)}）",
                f"table {self.table.table.en}: row {row.label!r} occurs again; the first one is kept, "
                f"these values are ignored",
                t.line,
                t.col,
            )
            return i + 1 + used
        self.rows_read.append(anchor.path)
        for plan, token in zip(plans, values, strict=False):
            self.cell(plan, token)
        for plan in plans[len(values) :]:
            self.values[plan.path] = None
        if len(values) < n:
            self.short[anchor.path] = (len(values), values[-1] if values else t)
        if surplus:
            self.emit(
                "EXTRA-VALUES",
                f"{self.name} “{row.label}”的数值多于{n}个，多出的“{'、'.join(c.text for c in surplus)}”已忽略",
                f"table {self.table.table.en}: row {row.label!r} has more than {n} values; "
                f"ignored {', '.join(c.text for c in surplus)}",
                surplus[0].line,
                surplus[0].col,
            )
        self.end_token = values[-1] if values else t
        return i + 1 + used

    def cell(self, plan: CellPlan, token: Token) -> None:
        reading = read_cell(token.text, plan.kind, fixed_unit=plan.fixed_unit)
        self.values[plan.path] = reading.value
        if reading.unit is not None:
            self.units[plan.path] = reading.unit
        if reading.code is None:
            return
        cell, kind = plan.spec, plan.kind
        where = cell.location
        text = _quote(token.text)
        if reading.code == "UNIT-IN-CELL":
            zh = f"{where} 单元格内写有单位“{reading.note}”（“{text}”），读作 {reading.value}"
            en = f"{cell.path}: unit {reading.note!r} written in the cell ({text!r}); read as {reading.value}"
            if reading.unit is not None:
                zh += f"，单位记为{reading.unit.value}"
                en += f", unit recorded as {reading.unit.value}"
        elif reading.code == "UNIT-CONVERTED":
            zh = f"{where} 填写“{text}”（元），本栏单位为万元，已精确换算为 {reading.value}"
            en = f"{cell.path}: {text!r} is in yuan in a 10,000-yuan column; converted exactly to {reading.value}"
        elif reading.code == "NOT-APPLICABLE":
            zh = f"{where} 填写“{text}”（不适用），按空白处理"
            en = f"{cell.path}: {text!r} (not applicable); kept blank"
        else:
            zh = f"{where} 无法读取“{text}”，按空白处理"
            en = f"{cell.path}: cannot read {text!r} as a {kind} cell ({cell.row_en} × {cell.column_en}); kept blank"
        self.emit(reading.code, zh, en, token.line, token.col, cell.path)


def read_table(
    tokens: Sequence[Token],
    edition: Edition,
    table: str,
    emit: Emit,
    heading: tuple[int, int] | None,
) -> TableReading:
    """
    Read one table from the tokens of its section.

    Args:
        tokens: The tokens of the table's section.
        edition: The edition to read it in.
        table: ``proactive``, ``requests`` or ``disputes``.
        emit: ``emit(code, zh, en, line, col, path=None)`` records a diagnostic.
        heading: (line, col) of the section heading, or None when it is missing.

    Returns:
        Every cell's value (None for blank), the units written in amount cells,
        the paths of the rows read, and the provincial extra rows.

    .. versionadded:: 0.1.0
    """
    index = index_for(edition, table)
    reader = _Reader(tokens, index, emit)
    positional = False
    if table == "disputes":
        # In the official layout (and PDF flipbooks) 行政复议 is followed by more labels, never by its values:
        # then the 15 values are read in order after the last label.
        first = index.table.rows[0].path
        positional = True
        for i, t in enumerate(tokens):
            if t.kind == LABEL:
                m = index.lookup(t)
                if m is not None and m.anchor.path == first:
                    positional = not any(c.kind == VALUE for c in _collect(tokens, i + 1))
                    break
    if positional:
        _read_positionally(reader)
    else:
        reader.run()
    _report_gaps(reader, emit, heading)
    return TableReading(reader.values, reader.units, tuple(reader.rows_read), tuple(reader.extra))


def _silent(*args: object, **kwargs: object) -> None:
    return None


def _read_positionally(reader: _Reader) -> None:
    """Table 四 as 15 values after its last label, in official order."""
    tokens = reader.tokens
    matches = [(i, reader.index.lookup(t)) for i, t in enumerate(tokens) if t.kind == LABEL]
    last = max((i for i, m in matches if m is not None), default=-1)
    cells = [t for t in tokens[last + 1 :] if t.kind != LABEL]
    for i, m in matches:
        t = tokens[i]
        if m is None:
            reader.emit(
                "IGNORED-TEXT",
                f"{reader.name} 中的文字“{_quote(t.text)}”不是表格标签，已忽略",
                f"table {reader.table.table.en}: text {_quote(t.text)!r} is not a label of the table; ignored",
                t.line,
                t.col,
            )
        elif m.remainder:
            reader.remainder(t, m)
    for t in tokens[: last + 1]:
        if t.kind == VALUE:
            reader.stray(t)
    n = _DISPUTE_VALUES
    start, end = 0, len(cells)
    while end - start > n and cells[start].kind == BLANK:
        start += 1
    while end - start > n and cells[end - 1].kind == BLANK:
        end -= 1
    cells = cells[start:end]
    values, surplus = cells[:n], [t for t in cells[n:] if t.kind != BLANK]
    specs = reader.table.cells
    k = 0
    for row in reader.table.rows:
        anchor = reader.index.exact[label_key(row.labels[-1].zh)]
        taken = values[k : k + len(anchor.cells)]
        if taken:
            reader.rows_read.append(anchor.path)
        for plan, token in zip(anchor.cells, taken, strict=False):
            reader.cell(plan, token)
        for plan in anchor.cells[len(taken) :]:
            reader.values[plan.path] = None
        if taken and len(taken) < len(anchor.cells):
            reader.short[anchor.path] = (len(taken), taken[-1])
        k += len(anchor.cells)
    if values:
        reader.end_token = values[-1]
    for s in surplus:
        reader.stray(s)
    assert len(specs) == n


def _report_gaps(reader: _Reader, emit: Emit, heading: tuple[int, int] | None) -> None:
    table = reader.table
    name = reader.name
    line, col = heading if heading is not None else (None, None)
    if not reader.rows_read:
        for cell in table.cells:
            reader.values[cell.path] = None
        emit(
            "TABLE-MISSING",
            f"未找到{name}（{table.section.zh}）的表格，{len(table.cells)}个单元格全部留空（未填0）",
            f"table {table.table.en} ({table.section.en}) not found; all {len(table.cells)} cells left blank, not 0",
            line,
            col,
            path=f"$.{table.attr}",
        )
        return
    order = [r.path for r in table.rows]
    read = set(reader.rows_read)
    last = max(order.index(p) for p in read)
    for r in table.rows[:last]:
        if r.path not in read:
            for cell in r.cells:
                reader.values[cell.path] = None
            emit(
                "ROW-MISSING",
                f"{name} 未找到“{r.label}”行，该行{len(r.cells)}个单元格留空",
                f"table {table.table.en}: row {r.label!r} ({' / '.join(t.en for t in r.row_terms)}) not found; "
                f"its {len(r.cells)} cells are blank",
                line,
                col,
                path=r.path,
            )
    last_row = table.rows[last]
    missing_after = table.rows[last + 1 :]
    short_last = reader.short.pop(last_row.path, None)
    for path, (count, token) in reader.short.items():
        r = next(x for x in table.rows if x.path == path)
        emit(
            "SHORT-ROW",
            f"{name} “{r.label}”只有{count}个数值（应为{len(r.cells)}个），其余留空",
            f"table {table.table.en}: row {r.label!r} has {count} of {len(r.cells)} values; the rest are blank",
            token.line,
            token.col,
        )
    if not missing_after and short_last is None:
        return
    for r in missing_after:
        for cell in r.cells:
            reader.values[cell.path] = None
    blank_cells = sum(len(r.cells) for r in missing_after)
    end = reader.end_token
    where_zh = f"“{last_row.label}”"
    where_en = repr(last_row.label)
    if short_last is not None:
        count = short_last[0]
        blank_cells += len(last_row.cells) - count
        if count:
            where_zh += f"的第{count}个数值"
            where_en = f"value {count} of {where_en}"
        else:
            where_zh += "的标签（该行没有数值）"
            where_en = f"the label {where_en} (no values)"
    emit(
        "TABLE-TRUNCATED",
        f"{name} 在{where_zh}之后中断：其后{len(missing_after)}行、共{blank_cells}个单元格留空",
        f"table {table.table.en} stops after {where_en}: {len(missing_after)} more rows, "
        f"{blank_cells} cells left blank",
        end.line if end is not None else line,
        end.col if end is not None else col,
        path=missing_after[0].path if missing_after else last_row.path,
    )
