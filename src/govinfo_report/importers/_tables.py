"""
Table readers driven by the official grid: every label comes from the vocabulary through the grid of the table.

For each table of an edition an :class:`Index` maps label keys (see
``normalize.label_key``) to anchors: a row (whose values follow it), a group
or block caption, or a column header.  It is built from the table's official
grid (:func:`govinfo_report.render.grid.official_grid`, the grid the writers
draw): the terms of its captions, headers and row labels, and its value cells
by path, so a reader matches what it reads against the table as printed.  The reader walks the token stream of
the table's section: a row label is followed by its values; group labels,
headers and the blanks that merged cells leave behind are passed over; a
label the format does not have, followed by values, is a provincial extra
row (kept, never merged into an official one); anything else is reported.

Values are assigned by position within their row, after removing the blanks
that colspans and rowspans leave (:func:`fit_values`), in the column order the
printed header gives (``COLUMN-ORDER`` when it is not the official one).  Table
四 is also read positionally (15 values in official order) when its rows carry
no labels, as in PDF flipbooks and in the official layout itself.

Never a guess: a row whose values could sit in other columns (too few or too
many values inside a table, blanks collapsed into ``||`` runs, ``1 234`` split
at a space, a value cell spanning several cells) is left blank with a
diagnostic.  Variants of real reports are read into the official cells: the
other edition's label (``OTHER-EDITION-LABEL``), a group printed as one row
(``GROUP-AS-ROW``: 2021's （六）其他处理 is read into ``OtherHandling.single_row``, any
other group kept in extra_rows), labels wrapped over lines
(``WRAPPED-LABEL``), notes after labels (``LABEL-NOTE``), blank cells written
as bare ``|`` lines (``BLANK-LINE-CELLS``).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from .. import editions
from .. import vocab as v
from .._fields import CELL_KINDS, Kind
from ..model import AmountUnit, Edition
from ..render.grid import TableGrid, iter_grid_positions, official_grid
from ..tables import CellSpec, RowSpec, layout, single_row_spec
from ..vocab import Term
from ._tokens import BLANK, COVERED_ABOVE, COVERED_LEFT, LABEL, VALUE, Token, is_note
from .normalize import CELL_BREAK, char_key_length, is_value_text, label_key, read_cell, strip_numbering

__all__ = ["Anchor", "Index", "TableReading", "detect_edition", "index_for", "known_key", "read_table"]

ROW, GROUP, HEADER, FRAGMENT = "row", "group", "header", "fragment"

_OPENERS = "（([【〔<《{"
_STRAY_REMAINDER = re.compile(r"[0-9A-Za-z]{1,4}")
_DISPUTE_VALUES = 15

Emit = Callable[..., None]


class CellPlan(NamedTuple):
    """One cell of a row, with what reading it needs precomputed."""

    spec: CellSpec
    path: str
    kind: str
    fixed_unit: AmountUnit | None


class Columns(NamedTuple):
    """A row's columns: by leaf key, the group key of each leaf under a group, the group keys, the leaf set."""

    leaf: dict[str, CellPlan]
    group_of: dict[str, str]
    groups: frozenset[str]
    key: frozenset[str]


class Anchor(NamedTuple):
    """What a label key stands for in one table."""

    kind: str
    term: Term
    row: RowSpec | None = None
    path: str = ""
    cells: tuple[CellPlan, ...] = ()
    columns: Columns | None = None  # rows only: see _columns


class Match(NamedTuple):
    """A label token matched to an anchor, with what followed the label (a note or stray text)."""

    anchor: Anchor
    remainder: str = ""
    note: bool = False
    other_edition: Term | None = None  # the label is the other edition's name of this row


# Rows that the two editions name differently, printed in a table of the other edition (4 of 43 real 2021-edition
# reports print the 2019 label 规范性文件): (edition read, label of the other edition, row label of this one).
_OTHER_EDITION_LABELS: tuple[tuple[Edition, Term, Term], ...] = (
    (Edition.E2021, v.NORMATIVE_DOCUMENTS_2019, v.NORMATIVE_DOCUMENTS_2021),
    (Edition.E2019, v.NORMATIVE_DOCUMENTS_2021, v.NORMATIVE_DOCUMENTS_2019),
)


def _keys(term: Term) -> list[str]:
    return [k for k in dict.fromkeys(label_key(t) for t in (term.zh, *term.variants)) if k]


class Index:
    """
    The labels of one table of one edition, by key, from the table's official grid.

    Attributes:
        grid: The official grid (:func:`~govinfo_report.render.grid.official_grid`).
        table: The table spec.
        rows: The anchor of each row, in the grid's order.
        exact: key → anchor, for official keys and variants.
        stripped: key without numbering → anchor, when that is unambiguous.
        by_length: every key of *exact*, longest first (for prefix matches).
    """

    def __init__(self, grid: TableGrid, table_edition: Edition) -> None:
        self.grid = grid
        self.table = grid.table
        self.edition = table_edition
        rows = _row_anchors(grid, table_edition)
        self.rows = tuple(rows.values())
        self.exact = _exact(_grid_entries(grid, rows, table_edition))
        self.stripped = _stripped(self.exact)
        self.by_length = sorted(self.exact, key=len, reverse=True)
        self._group_rows: dict[int, tuple[RowSpec, ...]] = {}
        self.other_edition = _other_edition(self.exact, table_edition)
        self.fragments = [k for k, a in self.exact.items() if a.kind in (HEADER, GROUP) and len(k) >= 6]

    def group_rows(self, term: Term) -> tuple[RowSpec, ...]:
        """The rows of the group *term* (its sub-rows, at any depth)."""
        rows = self._group_rows.get(id(term))
        if rows is None:
            rows = self._group_rows[id(term)] = tuple(r for r in self.table.rows if term in r.labels[:-1])
        return rows

    def exact_anchor(self, key: str) -> Anchor | None:
        """The anchor of a key that is a label of the table exactly (less its numbering), else None."""
        return self.exact.get(key) or self.stripped.get(key) or self.stripped.get(strip_numbering(key))

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
        other = self.other_edition.get(key) or self.other_edition.get(s)
        if other is not None:
            return Match(other[0], other_edition=other[1])
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


def _plan(cell: CellSpec, fixed_unit: bool = True) -> CellPlan:
    unit = _fixed_unit(cell) if fixed_unit and cell.kind is Kind.AMOUNT else None
    return CellPlan(cell, cell.path, CELL_KINDS[cell.kind].name, unit)


def _row_anchors(grid: TableGrid, edition: Edition) -> dict[str, Anchor]:
    """The anchor of each row whose value cells *grid* holds, by row path, with its cells in the grid's order."""
    spec = layout(edition)
    cells: dict[str, list[CellPlan]] = {}
    for grid_row in grid.rows:
        for cell in grid_row:
            if cell.kind == "value" and cell.path is not None:
                plan = _plan(spec.cell(cell.path))
                cells.setdefault("$." + ".".join(plan.spec.attr_path[:-1]), []).append(plan)
    anchors: dict[str, Anchor] = {}
    for path, plans in cells.items():
        row = spec.rows_by_path[path]
        anchors[path] = Anchor(ROW, row.labels[-1], row, path, tuple(plans), _columns(tuple(plans)))
    return anchors


def _labelled_cells(grid: TableGrid) -> Iterator[tuple[Term, list[str]]]:
    """
    The term of each labelled cell of *grid* (in reading order) and the paths of the value cells it labels:
    those in its rows for a row label, those below it in its columns for a caption, header or note.
    """
    placed = list(iter_grid_positions(grid))
    values = [(r, c, cell) for r, c, cell in placed if cell.kind == "value" and cell.path is not None]
    for r, c, cell in placed:
        if cell.term is None:
            continue
        if cell.kind == "label":
            paths = [x.path for vr, _, x in values if r <= vr < r + cell.rowspan]
        else:
            below = r + cell.rowspan
            paths = [x.path for vr, vc, x in values if vr >= below and vc < c + cell.colspan and vc + x.colspan > c]
        yield cell.term, [p for p in paths if p is not None]


def _grid_entries(grid: TableGrid, rows: dict[str, Anchor], edition: Edition) -> list[tuple[str, Anchor]]:
    """
    Every key of every label of *grid* with its anchor: a row label for the row whose values it labels, a group
    label for the rows it spans, else a header (column headers, the 勾稽 note, 信息内容, 申请人情况).
    """
    row_of = {plan.path: anchor.row for anchor in rows.values() for plan in anchor.cells if anchor.row is not None}
    entries: list[tuple[str, Anchor]] = []
    for term, paths in _labelled_cells(grid):
        labelled = list({row_of[p].path: row_of[p] for p in paths}.values())
        own = next((r for r in labelled if r.labels[-1] == term), None)
        if own is not None:
            anchor = rows[own.path]
        elif any(term in r.labels[:-1] for r in labelled):
            anchor = Anchor(GROUP, term)
        else:
            anchor = Anchor(HEADER, term)
        entries += [(k, anchor) for k in _keys(term)]
    if single_row_spec(edition) is not None and grid.table.attr == "requests":
        # （六）其他处理（未分子行）, as our writers print OtherHandling.single_row: the group printed as one row
        entries += [(k, Anchor(GROUP, v.OTHER_HANDLING)) for k in _keys(v.OTHER_HANDLING_SINGLE_ROW)]
    return entries


def _exact(entries: Iterable[tuple[str, Anchor]]) -> dict[str, Anchor]:
    """key → anchor; a row label wins over a header or group label with the same key, else the first one does."""
    exact: dict[str, Anchor] = {}
    for key, anchor in entries:
        old = exact.get(key)
        if old is None or (old.kind != ROW and anchor.kind == ROW):
            exact[key] = anchor
    return exact


def _stripped(exact: dict[str, Anchor]) -> dict[str, Anchor]:
    """The keys of *exact* without their numbering (of two characters or more), where that is unambiguous."""
    counts: dict[str, int] = {}
    stripped: dict[str, Anchor] = {}
    for key, anchor in exact.items():
        s = strip_numbering(key)
        if s != key and len(s) >= 2:
            counts[s] = counts.get(s, 0) + 1
            stripped[s] = anchor
    return {k: a for k, a in stripped.items() if counts[k] == 1 and k not in exact}


def _other_edition(exact: dict[str, Anchor], edition: Edition) -> dict[str, tuple[Anchor, Term]]:
    """The other edition's labels of rows the two editions name differently: key → (this edition's row, label)."""
    out: dict[str, tuple[Anchor, Term]] = {}
    for read, other, own in _OTHER_EDITION_LABELS:
        own_anchor = exact.get(label_key(own.zh))
        if read is edition and own_anchor is not None and own_anchor.kind == ROW:
            for k in _keys(other):
                out.setdefault(k, (own_anchor, other))
    return out


def _columns(plans: tuple[CellPlan, ...]) -> Columns:
    leaf = {label_key(p.spec.column_terms[-1].zh): p for p in plans}
    group_of = {
        label_key(p.spec.column_terms[-1].zh): label_key(p.spec.column_terms[-2].zh)
        for p in plans
        if len(p.spec.column_terms) > 1
    }
    return Columns(leaf, group_of, frozenset(group_of.values()), frozenset(leaf))


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


@functools.cache
def index_for(edition: Edition, table: str) -> Index:
    """
    The label index of *table* (``proactive``, ``requests``, ``disputes``) in *edition*.

    .. versionadded:: 0.1.0
    """
    return Index(official_grid(edition, table), edition)


def known_key(key: str) -> bool:
    """True when *key* is the key of a label of any table of either edition."""
    return key in editions.label_keys()


def detect_edition(tokens: Iterable[Token]) -> tuple[Edition | None, dict[Edition, list[str]]]:
    """
    The edition that the table labels show, and the distinguishing labels seen for each edition.

    Returns None when no distinguishing label was seen or both editions were seen equally: the
    registry's :func:`govinfo_report.editions.identify` on the labels of *tokens*.

    .. versionadded:: 0.1.0
    """
    labels = [t.text for t in tokens if t.kind == LABEL]
    return editions.identify(labels), editions.evidence(labels)


# ----------------------------------------------------------------------------
# Reading one table
# ----------------------------------------------------------------------------


class TableReading(NamedTuple):
    """What the reader found in one table."""

    values: dict[str, int | Decimal | None]
    units: dict[str, AmountUnit]
    rows_read: tuple[str, ...]
    extra_rows: tuple[tuple[str, tuple[str, ...], int], ...]


class Fit(NamedTuple):
    """How the tokens after a row label fit the row's cells (see :func:`fit_values`)."""

    values: list[Token]
    used: int
    surplus: list[Token]
    # "" | BARE_LINES (blank cells written as bare ``|`` lines) | AMBIGUOUS (columns unknown) | GROUPS (1 234)
    note: str = ""


BARE_LINES, AMBIGUOUS, GROUPS = "bare-lines", "ambiguous", "groups"


def fit_values(cells: list[Token], n: int, padded: bool = False) -> Fit:
    """
    The *n* values of a row from the tokens after its label.

    The tokens run to the next label.  Those after a break at or beyond
    position *n* belong to the next row (merged-cell leftovers or stray
    values) and are not taken.  Within one row, surplus blanks are dropped
    where the official table puts them: at the end for a *padded* row (table
    二, whose rows are narrower than the table), else at the front first (the
    merged label columns of table 三), then at the other end.  If the row
    still has too many cells and exactly *n* are non-blank, those are taken.

    Two cases are not guessed.  A short row whose pipe-to-pipe line breaks,
    counted as blank cells, make exactly *n* cells, and one of whose lines is a
    bare ``|``, is read that way (``BARE_LINES``: the copy wrote each blank
    cell as a ``|`` line).  A row whose values could sit in other columns —
    a short row with a line break between two values, one whose blanks
    are a collapsed ``||`` run while some values are missing, or one with
    too many values where ``1 234`` may be one number or two — is
    ``AMBIGUOUS`` (``GROUPS`` for the last): the caller leaves it blank.

    Returns:
        The values (at most *n*), how many tokens the row consumed, the
        surplus tokens it ignored (reported as EXTRA-VALUES when not blank),
        and the note.
    """
    used = len(cells)
    for k in range(n, len(cells)):
        if cells[k].brk:
            used = k
            break
    row = cells[:used]
    if len(row) < n:
        return _fit_short(cells, row, n)
    if len(row) == n:
        return Fit(row, used, [], _tight_note(row, n))
    return _fit_long(row, n, padded)


def _fit_short(cells: list[Token], row: list[Token], n: int) -> Fit:
    """A row of fewer than *n* cells: bare ``|`` lines counted as blank cells when that makes *n*, else as is."""
    if any(t.bare for t in cells):
        literal: list[Token] = []
        for t in cells:
            literal += [_gap_blank(t)] * t.gaps
            literal.append(t)
        if len(literal) == n:
            return Fit(literal, len(cells), [], BARE_LINES)
    seen_value = False
    for t in row:
        if t.kind != BLANK:
            if seen_value and t.gaps:
                return Fit(row, len(row), [], AMBIGUOUS)
            seen_value = True
    return Fit(row, len(row), [], _tight_note(row, n))


def _fit_long(row: list[Token], n: int, padded: bool) -> Fit:
    """A row of more than *n* cells: surplus blanks dropped where the official table has them, then the filled."""
    used = len(row)
    if _split_groups(row):
        return Fit(row, used, [], GROUPS)
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
            return Fit(filled, used, [])
        return Fit(kept[:n], used, [t for t in kept[n:] if t.kind != BLANK], _tight_note(kept[:n], n))
    return Fit(kept, used, [], _tight_note(kept, n))


_GROUP_HEAD = re.compile(r"\d{1,3}")
_GROUP_TAIL = re.compile(r"\d{3}")


def _split_groups(row: Sequence[Token]) -> bool:
    """True when a row with too many values holds ``1 234`` split at a space: one value or two, not to be guessed."""
    for a, b in itertools.pairwise(row):
        if (
            a.line == b.line
            and b.col == a.col + len(a.text) + 1
            and _GROUP_HEAD.fullmatch(a.text)
            and _GROUP_TAIL.fullmatch(b.text)
        ):
            return True
    return False


_COVERED = (COVERED_LEFT, COVERED_ABOVE)


def fit_spans(cells: list[Token], n: int, padded: bool = False) -> Fit:
    """
    :func:`fit_values` for a row that may hold slots covered by spanning value cells (HTML, Word).

    When the row fits its *n* cells with each spanning value counted once (our own HTML spans a value over
    the two grid columns of a narrow row of table 二), that is how it is read; else the covered slots count
    as cells, and :meth:`_Reader.spanned` leaves a value spanning several official cells blank.
    """
    if not any(t.text in _COVERED for t in cells):
        return fit_values(cells, n, padded)
    plain = [t for t in cells if t.text not in _COVERED]
    fit = fit_values(plain, n, padded)
    if len(fit.values) == n and not fit.surplus and not fit.note:
        used = len(cells) if fit.used == len(plain) else cells.index(plain[fit.used])
        return Fit(fit.values, used, [], fit.note)
    return fit_values(cells, n, padded)


def _gap_blank(t: Token) -> Token:
    return Token("", t.line, 1, False)


def _tight_note(values: Sequence[Token], n: int) -> str:
    """AMBIGUOUS when a collapsed ``||`` blank stands among values that do not fill the row."""
    tight = filled = 0
    for t in values:
        tight |= t.tight
        filled += t.kind != BLANK
    return AMBIGUOUS if tight and 0 < filled < n else ""


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
        # column index → path of the value last read there (for a value spanning rows, see spanned())
        self.column_origin: dict[int, str] = {}
        # the column headers printed since the last row, and the column order each set of columns was given
        self.header_seq: list[tuple[str, Token]] = []
        self.orders: dict[frozenset[str], tuple[str, ...]] = {}
        self.ordered: dict[str, tuple[CellPlan, ...]] = {}  # row path → its cells in the header's order
        # only HTML and Word give slots covered by spanning cells: else the span logic is skipped
        self.has_covered = any(t.text in _COVERED for t in tokens if t.kind == BLANK)
        self.groups_as_rows: set[Term] = set()

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
                j = i
                while j < n and tokens[j].kind != LABEL:
                    j += 1
                self.strays(tokens[i:j])
                i = j
                continue
            match = self.index.lookup(t)
            wrapped = self.wrapped(i, match)
            if wrapped is not None:
                match, i = wrapped
                t = tokens[i]
            if match is None:
                i = self.unknown(i)
                continue
            if match.remainder:
                self.remainder(t, match)
            if match.other_edition is not None:
                self.other_label(t, match)
            if match.anchor.kind == ROW and match.anchor.row is not None:
                i = self.row(i, match.anchor, self.notes(i))
            elif match.anchor.kind == GROUP and self.group_values(i, match.anchor):
                i = self.group_row(i, match.anchor)
            else:
                if match.anchor.kind == HEADER and not match.remainder:
                    self.header_seq.append((label_key(match.anchor.term.zh), t))
                i += 1

    def group_values(self, i: int, anchor: Anchor) -> bool:
        """
        True when the group label at *i* is followed by values, as a row (the 2019 single （六）其他处理 row).

        Only a group whose rows are all its direct sub-rows, of one width, can be printed so.
        """
        rows = self.index.group_rows(anchor.term)
        if not rows or any(r.labels[-2] != anchor.term or len(r.cells) != len(rows[0].cells) for r in rows):
            return False
        for t in self.tokens[i + 1 : i + 1 + _DISPUTE_VALUES]:
            if t.kind == LABEL:
                return False
            if t.kind == VALUE and t.text and is_value_text(t.text):
                return True
        return False

    def group_row(self, i: int, anchor: Anchor) -> int:
        """
        A group printed as a single row with its own values, never split into the sub-rows the report did not
        print, which stay blank (and are read if the report prints them after all).

        （六）其他处理 of a 2021-edition report printed as the 2019 edition does is read as any row (column order,
        units, unreadable cells) into ``OtherHandling.single_row`` (:func:`~govinfo_report.tables.single_row_spec`);
        any other group printed so is kept as printed in extra_rows.
        """
        rows = self.index.group_rows(anchor.term)
        self.groups_as_rows.add(anchor.term)
        single = self.single_anchor(anchor)
        if single is not None:
            return self.single_row(i, anchor, single, rows)
        return self.extra_group_row(i, anchor, rows)

    def single_row(self, i: int, anchor: Anchor, single: Anchor, rows: Sequence[RowSpec]) -> int:
        """（六）其他处理 printed as one row, read into ``OtherHandling.single_row``; too few values leave it blank."""
        t = self.tokens[i]
        assert single.row is not None
        width = len(rows[0].cells)
        subs = "、".join(r.labels[-1].zh for r in rows)
        self.emit(
            "GROUP-AS-ROW",
            f"{self.name} “{anchor.term.zh}”印成一行，未分{len(rows)}个子行（{_quote(subs, 60)}）："
            f"数值按原样读入“{single.row.label}”（OtherHandling.single_row），不拆分到子行",
            f"table {self.table.table.en}: {anchor.term.en!r} is printed as a single row instead of its "
            f"{len(rows)} sub-rows; its values are read as printed into OtherHandling.single_row "
            f"({single.path}), never split into the sub-rows",
            t.line,
            t.col,
            single.path,
        )
        j = self.row(i, single)
        short = self.short.pop(single.path, None)
        if short is not None:  # too few values inside the table: which columns they belong to is not known
            for plan in single.cells:
                self.values[plan.path] = None
            self.emit(
                "SHORT-ROW",
                f"{self.name} “{single.row.label}”只有{short[0]}个数值（应为{width}个），"
                "无法确定各属于哪一列，该行留空",
                f"table {self.table.table.en}: row {single.row.label!r} has {short[0]} of {width} values; "
                "which columns they belong to cannot be told, so the row is left blank",
                short[1].line,
                short[1].col,
            )
        return j

    def extra_group_row(self, i: int, anchor: Anchor, rows: Sequence[RowSpec]) -> int:
        """Any other group printed as one row: its values kept as printed in extra_rows."""
        t = self.tokens[i]
        width = len(rows[0].cells)
        subs = "、".join(r.labels[-1].zh for r in rows)
        values, used, _, _ = fit_values(_collect(self.tokens, i + 1), width, self.padded)
        printed = tuple(c.text for c in values)
        self.extra.append((t.text, printed, t.line))
        self.emit(
            "GROUP-AS-ROW",
            f"{self.name} “{anchor.term.zh}”印成一行（{'、'.join(printed)}），"
            f"未分{len(rows)}个子行（{_quote(subs, 60)}）：数值按原样保留在extra_rows中，不拆分到子行",
            f"table {self.table.table.en}: {anchor.term.en!r} is printed as a single row ({', '.join(printed)}) "
            f"instead of its {len(rows)} sub-rows; the values are kept as printed in extra_rows, never split "
            "into the sub-rows",
            t.line,
            t.col,
        )
        return i + 1 + used

    def single_anchor(self, anchor: Anchor) -> Anchor | None:
        """The row anchor of ``OtherHandling.single_row`` when *anchor* is 2021's （六）其他处理, else None."""
        if anchor.term is not v.OTHER_HANDLING or self.table.attr != "requests":
            return None
        spec = single_row_spec(self.index.edition)
        if spec is None:
            return None
        cells = tuple(_plan(c, fixed_unit=False) for c in spec.cells)
        return Anchor(ROW, anchor.term, spec, spec.path, cells, _columns(cells))

    def column_order(self, anchor: Anchor) -> tuple[CellPlan, ...]:
        """
        The row's cells in the order the printed header gives, when the header names every column of the row
        (a two-level header is read group by group); else, or with no header, the official order.
        """
        plans = anchor.cells
        if not self.header_seq and not self.orders:
            return plans
        leaf, group_of, groups, key = anchor.columns or _columns(plans)
        if self.header_seq:
            top: list[str] = []
            children: dict[str, list[str]] = {g: [] for g in groups}
            for k, _ in self.header_seq:
                if k in groups and k not in top:
                    top.append(k)
                elif k in group_of:
                    children[group_of[k]].append(k)
                elif k in leaf and k not in top:
                    top.append(k)
            order = [c for x in top for c in (children[x] if x in groups else [x])]
            first = self.header_seq[0][1]
            self.header_seq = []
            if len(order) == len(plans) and set(order) == key:
                official = tuple(leaf)
                if tuple(order) != official and self.orders.get(key) != tuple(order):
                    names = "、".join(leaf[c].spec.column_terms[-1].zh for c in order)
                    self.emit(
                        "COLUMN-ORDER",
                        f"{self.name} 表头的列顺序（{_quote(names, 80)}）与全国格式不同，数值按表头的顺序读取",
                        f"table {self.table.table.en}: the header gives the columns in another order than the "
                        f"national format ({', '.join(leaf[c].spec.column_en for c in order)}); the values "
                        "follow the header",
                        first.line,
                        first.col,
                    )
                self.orders[key] = tuple(order)
                self.ordered.clear()
        known = self.orders.get(key)
        if known is None:
            return plans
        ordered = self.ordered.get(anchor.path)
        if ordered is None:
            ordered = self.ordered[anchor.path] = tuple(leaf[c] for c in known)
        return ordered

    def wrapped(self, i: int, match: Match | None) -> tuple[Match, int] | None:
        """
        A label wrapped over two or three lines (``（二）部分公开（区分`` / ``处理的，…）``): the match of the
        joined label and the index of its last token, when the joined text is a label exactly and the first
        line alone is not.
        """
        if match is not None and not match.remainder and match.anchor.kind != FRAGMENT:
            return None
        tokens = self.tokens
        text = tokens[i].text
        for j in (i + 1, i + 2):
            if j >= len(tokens) or tokens[j].kind != LABEL:
                return None
            text += tokens[j].text
            anchor = self.index.exact_anchor(label_key(text))
            if anchor is not None:
                first = tokens[i]
                self.emit(
                    "WRAPPED-LABEL",
                    f"{self.name} 标签“{_quote(text, 60)}”折成{j - i + 1}行，已合并识别为“{anchor.term.zh}”",
                    f"table {self.table.table.en}: the label {anchor.term.en!r} is wrapped over {j - i + 1} lines; "
                    "joined",
                    first.line,
                    first.col,
                )
                return Match(anchor), j
        return None

    def notes(self, i: int) -> int:
        """How many notes in brackets follow the row label at *i* (``（2022年）``), each reported and passed over."""
        tokens = self.tokens
        k = 0
        while (
            i + 1 + k < len(tokens)
            and tokens[i + 1 + k].kind == LABEL
            and is_note(tokens[i + 1 + k].text)
            and self.index.lookup(tokens[i + 1 + k]) is None
        ):
            note = tokens[i + 1 + k]
            label = tokens[i]
            self.emit(
                "LABEL-NOTE",
                f"{self.name} 标签“{_quote(label.text)}”后附注“{_quote(note.text, 60)}”，已跳过",
                f"table {self.table.table.en}: the label {_quote(label.text)!r} is followed by the note "
                f"{_quote(note.text, 60)!r}; passed over",
                note.line,
                note.col,
            )
            k += 1
        return k

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

    def other_label(self, t: Token, match: Match) -> None:
        other = match.other_edition
        assert other is not None
        label = match.anchor.term.zh
        self.emit(
            "OTHER-EDITION-LABEL",
            f"{self.name} 行标签“{_quote(t.text)}”是另一版格式的写法，按本版的“{label}”行读取",
            f"table {self.table.table.en}: the row label {_quote(t.text)!r} is the other edition's name "
            f"({other.en}); read as the row {match.anchor.term.en!r} ({label})",
            t.line,
            t.col,
        )

    def stray(self, t: Token) -> None:
        self.strays([t])

    def strays(self, run: Sequence[Token]) -> None:
        """One diagnostic for a run of values that belong to no cell (a long run is folded, see FOLD_AFTER)."""
        values = [t for t in run if t.kind != BLANK]
        if not values:
            return
        t = values[0]
        count = sum(v.folded or 1 for v in values)
        if count == 1:
            self.emit(
                "STRAY-TEXT",
                f"{self.name} 中的“{_quote(t.text)}”不属于任何单元格，已忽略",
                f"table {self.table.table.en}: {_quote(t.text)!r} belongs to no cell; ignored",
                t.line,
                t.col,
            )
            return
        shown = _quote(" ".join(v.text for v in values[:8]))
        self.emit(
            "STRAY-TEXT",
            f"{self.name} 中的{count}个单元格“{shown}”不属于任何单元格，已忽略",
            f"table {self.table.table.en}: {count} cells ({shown!r}) belong to no cell; ignored",
            t.line,
            t.col,
        )

    def unknown(self, i: int) -> int:
        t = self.tokens[i]
        cells = _collect(self.tokens, i + 1)
        values, used, _, _ = fit_values(cells, self.last_width, self.padded)
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
        self.ignored(t)
        return i + 1

    def ignored(self, t: Token) -> None:
        """A label token that is no label of the table, with no values after it."""
        self.emit(
            "IGNORED-TEXT",
            f"{self.name} 中的文字“{_quote(t.text)}”不是表格标签，已忽略",
            f"table {self.table.table.en}: text {_quote(t.text)!r} is not a label of the table; ignored",
            t.line,
            t.col,
        )

    def row(self, i: int, anchor: Anchor, notes: int = 0) -> int:
        """Read the row whose label is at *i* (followed by *notes*): its values, up to the next label."""
        t = self.tokens[i]
        row = anchor.row
        assert row is not None
        plans = self.column_order(anchor)
        n = len(plans)
        self.last_width = n
        i += notes
        cells = _collect(self.tokens, i + 1)
        fit = fit_spans if self.has_covered else fit_values
        values, used, surplus, note = fit(cells, n, self.padded)
        if anchor.path in self.rows_read:
            self.duplicate(t, row, values)
            return i + 1 + used
        self.rows_read.append(anchor.path)
        if note in (AMBIGUOUS, GROUPS):
            self.ambiguous(t, row, values, plans, note)
        else:
            self.fill(t, anchor, plans, values, surplus, note)
        self.end_token = values[-1] if values else t
        return i + 1 + used

    def duplicate(self, t: Token, row: RowSpec, values: Sequence[Token]) -> None:
        """A row printed again: the first one is kept."""
        self.emit(
            "DUPLICATE-ROW",
            f"{self.name} “{row.label}”重复出现，保留第一次的数值，忽略此处（{'、'.join(c.text for c in values)}）",
            f"table {self.table.table.en}: row {row.label!r} occurs again; the first one is kept, "
            f"these values are ignored",
            t.line,
            t.col,
        )

    def fill(
        self,
        t: Token,
        anchor: Anchor,
        plans: Sequence[CellPlan],
        values: Sequence[Token],
        surplus: Sequence[Token],
        note: str,
    ) -> None:
        """Read a row's values into its cells: a short row is noted, one with surplus values left blank."""
        row = anchor.row
        assert row is not None
        n = len(plans)
        if note == BARE_LINES:
            self.emit(
                "BLANK-LINE-CELLS",
                f"{self.name} “{row.label}”的空白单元格写成单独的“|”行，按位置读取"
                f"（{'、'.join(c.text or '空' for c in values)}）",
                f"table {self.table.table.en}: row {row.label!r} writes its blank cells as bare '|' lines; "
                f"read by position ({', '.join(c.text or 'blank' for c in values)})",
                t.line,
                t.col,
            )
        self.assign(t, anchor, plans, values)
        for plan in plans[len(values) :]:
            self.values[plan.path] = None
        if len(values) < n:
            self.short[anchor.path] = (len(values), values[-1] if values else t)
        if not surplus:
            return
        # which n of the values belong to the row cannot be told: none is guessed
        for plan in plans:
            self.values[plan.path] = None
        self.short.pop(anchor.path, None)
        printed = _quote(" ".join(c.text for c in (*values, *surplus)), 60)
        self.emit(
            "EXTRA-VALUES",
            f"{self.name} “{row.label}”的数值多于{n}个（{printed}），无法确定哪些属于该行，该行{n}个单元格留空",
            f"table {self.table.table.en}: row {row.label!r} has more than {n} values ({printed!r}); which "
            f"belong to it cannot be told, so its {n} cells are left blank",
            surplus[0].line,
            surplus[0].col,
        )

    def assign(self, t: Token, anchor: Anchor, plans: Sequence[CellPlan], values: Sequence[Token]) -> None:
        """Read *values* into the cells *plans*; values spanning several cells leave all of them blank."""
        if not self.has_covered:
            for plan, token in zip(plans, values, strict=False):
                self.cell(plan, token)
            return
        blank = self.spanned(t, anchor.row.label if anchor.row else anchor.term.zh, plans, values)
        for j, (plan, token) in enumerate(zip(plans, values, strict=False)):
            if j in blank:
                self.values[plan.path] = None
                continue
            self.cell(plan, token)
            self.column_origin[j] = plan.path

    def spanned(self, t: Token, label: str, plans: Sequence[CellPlan], values: Sequence[Token]) -> set[int]:
        """The cells of a row covered by a value that spans several (HTML/Word colspan or rowspan), and its own."""
        blank: set[int] = set()
        if not any(token.text in _COVERED for token in values):
            return blank
        above: list[str] = []
        for j, token in enumerate(values[: len(plans)]):
            if token.text == COVERED_LEFT:
                k = j
                while k > 0 and values[k - 1].text == COVERED_LEFT:
                    k -= 1
                blank.update(range(max(k - 1, 0), j + 1))
            elif token.text == COVERED_ABOVE:
                blank.add(j)
                origin = self.column_origin.pop(j, None)
                if origin is not None and self.values.get(origin) is not None:
                    self.values[origin] = None
                    above.append(origin)
        if not blank:
            return blank
        shown = [values[j].text for j in sorted(blank) if values[j].text not in (COVERED_LEFT, COVERED_ABOVE)]
        cells = _quote("、".join(plans[j].spec.column for j in sorted(blank)), 60)
        if shown:
            what = f"数值“{_quote('、'.join(shown))}”跨越多个单元格（合并单元格：{cells}）"
        else:
            what = f"单元格（{cells}）被上一行跨行的数值覆盖"
        more = f"，连同上一行的{len(above)}格" if above else ""
        self.emit(
            "SPANNED-VALUE",
            f"{self.name} “{label}”的{what}，无法确定数值属于哪一格，均留空{more}",
            f"table {self.table.table.en}: in row {label!r} a value spans several cells (merged cells); which "
            f"one it belongs to cannot be told, so {len(blank) + len(above)} cells are left blank",
            t.line,
            t.col,
        )
        return blank

    def ambiguous(
        self, t: Token, row: RowSpec, values: Sequence[Token], plans: Sequence[CellPlan], note: str
    ) -> None:
        """A row whose values could belong to other columns: every cell blank, with a diagnostic."""
        for plan in plans:
            self.values[plan.path] = None
        printed = "、".join(c.text for c in values if c.kind != BLANK)
        if note == GROUPS:
            printed = " ".join(c.text for c in values)
            self.emit(
                "AMBIGUOUS-ROW",
                f"{self.name} “{row.label}”的数值“{_quote(printed, 60)}”多于{len(plans)}个，其中以空格分隔的数字"
                f"可能是一个带千位分隔的数，也可能是两个数，无法确定；该行{len(plans)}个单元格留空",
                f"table {self.table.table.en}: row {row.label!r} prints {_quote(printed, 60)!r}, more than "
                f"{len(plans)} values; digits split by a space may be one number with a thousands separator or "
                f"two numbers; its {len(plans)} cells are left blank",
                t.line,
                t.col,
            )
            return
        self.emit(
            "AMBIGUOUS-ROW",
            f"{self.name} “{row.label}”的数值“{_quote(printed, 60)}”无法确定所在列（空白单元格的位置在副本中丢失），"
            f"该行{len(plans)}个单元格留空",
            f"table {self.table.table.en}: the columns of the values {_quote(printed, 60)!r} of row {row.label!r} "
            f"cannot be told (the copy lost where its blank cells were); its {len(plans)} cells are left blank",
            t.line,
            t.col,
        )

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
        elif reading.code == "DIGIT-GROUPS":
            zh = f"{where} 填写“{text}”（带千位分隔符），读作 {reading.value}"
            en = f"{cell.path}: {text!r} is written with thousands separators; read as {reading.value}"
        elif reading.code == "NOT-APPLICABLE":
            zh = f"{where} 填写“{text}”（不适用），按空白处理"
            en = f"{cell.path}: {text!r} (not applicable); kept blank"
        elif CELL_BREAK in token.text:
            zh = f"{where} 一个单元格内分行写有两个数“{text}”，无法确定其值，按空白处理"
            en = f"{cell.path}: one cell shows two numbers on two lines ({text!r}); kept blank"
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
    if table == "disputes" and _values_after_labels(tokens, index):
        _read_positionally(reader)
    else:
        reader.run()
    _report_gaps(reader, emit, heading)
    return TableReading(reader.values, reader.units, tuple(reader.rows_read), tuple(reader.extra))


def _values_after_labels(tokens: Sequence[Token], index: Index) -> bool:
    """
    True when table 四 prints its values after all its labels: its first row label (行政复议) is followed by more
    labels, never by its values (the official layout, PDF flipbooks), or is not printed at all.
    """
    first = index.table.rows[0].path
    for i, t in enumerate(tokens):
        if t.kind == LABEL:
            m = index.lookup(t)
            if m is not None and m.anchor.path == first:
                return not any(c.kind == VALUE for c in _collect(tokens, i + 1))
    return True


# ----------------------------------------------------------------------------
# Table 四 read by position: its labels, then its 15 values in official order
# ----------------------------------------------------------------------------


def _read_positionally(reader: _Reader) -> None:
    """Table 四 as 15 values after its last label, in official order."""
    assert len(reader.table.cells) == _DISPUTE_VALUES
    last = _positional_labels(reader)
    cells = [t for t in reader.tokens[last + 1 :] if t.kind != LABEL]
    values, surplus = _positional_values(reader, cells)
    _fill_in_order(reader, values)
    reader.strays(surplus)


def _positional_labels(reader: _Reader) -> int:
    """
    Pass over the labels of table 四 (reporting those it does not have, and noting the column headers), and
    report the values among them; returns the index of the last label of the table (-1 when none).
    """
    tokens = reader.tokens
    matches = [(i, reader.index.lookup(t)) for i, t in enumerate(tokens) if t.kind == LABEL]
    last = max((i for i, m in matches if m is not None), default=-1)
    for i, m in matches:
        t = tokens[i]
        if m is None:
            reader.ignored(t)
        elif m.remainder:
            reader.remainder(t, m)
        elif m.anchor.kind == HEADER:
            reader.header_seq.append((label_key(m.anchor.term.zh), t))
    pending: list[Token] = []
    for t in tokens[: last + 1]:
        if t.kind == LABEL:
            reader.strays(pending)
            pending = []
        else:
            pending.append(t)
    reader.strays(pending)
    return last


def _positional_values(reader: _Reader, cells: list[Token]) -> tuple[list[Token], list[Token]]:
    """
    The 15 values of table 四 among the cells after its labels, and the values left over: blanks dropped at
    either end, and slots covered by spanning cells when that leaves exactly 15.  None when blanks were
    dropped at the front and values are left over (which 15 are the table is not known), with a diagnostic.
    """
    n = _DISPUTE_VALUES
    start, end = 0, len(cells)
    while end - start > n and cells[start].kind == BLANK:
        start += 1
    while end - start > n and cells[end - 1].kind == BLANK:
        end -= 1
    cells = cells[start:end]
    plain = [t for t in cells if t.text not in _COVERED]
    if len(plain) == n:
        cells = plain
    values, surplus = cells[:n], [t for t in cells[n:] if t.kind != BLANK]
    if start > 0 and surplus:
        printed = " ".join(t.text for t in cells)
        first = cells[0]
        reader.emit(
            "AMBIGUOUS-ROW",
            f"{reader.name} 的数值“{_quote(printed, 60)}”多于{n}个且前面有空白单元格，无法确定哪{n}个属于表格；"
            f"{n}个单元格留空",
            f"{reader.table.table.en}: the values {_quote(printed, 60)!r} are more than {n}, after blank cells; "
            f"which {n} belong to the table cannot be told, so its {n} cells are left blank",
            first.line,
            first.col,
        )
        return [], []
    return values, surplus


def _fill_in_order(reader: _Reader, values: Sequence[Token]) -> None:
    """Read *values* into the rows of table 四 in order, each row in the column order its header gives."""
    k = 0
    for anchor in reader.index.rows:
        taken = values[k : k + len(anchor.cells)]
        plans = reader.column_order(anchor)
        if taken:
            reader.rows_read.append(anchor.path)
            reader.assign(taken[0], anchor, plans, taken)
        for plan in plans[len(taken) :]:
            reader.values[plan.path] = None
        if taken and len(taken) < len(anchor.cells):
            reader.short[anchor.path] = (len(taken), taken[-1])
        k += len(anchor.cells)
    if values:
        reader.end_token = values[-1]


# ----------------------------------------------------------------------------
# What the table did not print: a missing table, missing and short rows, an early end
# ----------------------------------------------------------------------------


def _report_gaps(reader: _Reader, emit: Emit, heading: tuple[int, int] | None) -> None:
    """Blank, with a diagnostic, the cells of a table not found, of rows not found, of short rows, and after its end."""
    place = heading if heading is not None else (None, None)
    if not reader.rows_read:
        _table_missing(reader, emit, place)
        return
    order = [r.path for r in reader.table.rows]
    read = set(reader.rows_read) & set(order)  # not OtherHandling.single_row: no row of the layout
    if not read:
        return
    last = max(order.index(p) for p in read)
    _rows_missing(reader, emit, read, last, place)
    short_last = reader.short.pop(reader.table.rows[last].path, None)
    _short_rows(reader, emit)
    _truncated(reader, emit, last, short_last, place)


def _table_missing(reader: _Reader, emit: Emit, place: tuple[int | None, int | None]) -> None:
    table = reader.table
    for cell in table.cells:
        reader.values[cell.path] = None
    emit(
        "TABLE-MISSING",
        f"未找到{reader.name}（{table.section.zh}）的表格，{len(table.cells)}个单元格全部留空（未填0）",
        f"table {table.table.en} ({table.section.en}) not found; all {len(table.cells)} cells left blank, not 0",
        *place,
        path=f"$.{table.attr}",
    )


def _rows_missing(
    reader: _Reader, emit: Emit, read: set[str], last: int, place: tuple[int | None, int | None]
) -> None:
    """The rows not read before the last row read: blank, reported unless their group was printed as one row."""
    table = reader.table
    for r in table.rows[:last]:
        if r.path in read:
            continue
        for cell in r.cells:
            reader.values[cell.path] = None
        if any(term in reader.groups_as_rows for term in r.labels[:-1]):
            continue  # its group was printed as one row (GROUP-AS-ROW)
        emit(
            "ROW-MISSING",
            f"{reader.name} 未找到“{r.label}”行，该行{len(r.cells)}个单元格留空",
            f"table {table.table.en}: row {r.label!r} ({' / '.join(t.en for t in r.row_terms)}) not found; "
            f"its {len(r.cells)} cells are blank",
            *place,
            path=r.path,
        )


def _short_rows(reader: _Reader, emit: Emit) -> None:
    """
    Rows inside the table with too few values: which columns their values belong to cannot be told, so they are
    left blank (only the last row of a table that stops early is read from its first column).
    """
    table = reader.table
    for path, (count, token) in reader.short.items():
        r = next(x for x in table.rows if x.path == path)
        printed = [reader.values.get(c.path) for c in r.cells]
        for cell in r.cells:
            reader.values[cell.path] = None
        shown = "、".join(str(x) for x in printed if x is not None)
        emit(
            "SHORT-ROW",
            f"{reader.name} “{r.label}”只有{count}个数值（应为{len(r.cells)}个）"
            + (f"，无法确定“{shown}”各属于哪一列，该行留空" if shown else "，该行留空"),
            f"table {table.table.en}: row {r.label!r} has {count} of {len(r.cells)} values; which columns "
            "they belong to cannot be told, so the row is left blank",
            token.line,
            token.col,
        )


def _truncated(
    reader: _Reader,
    emit: Emit,
    last: int,
    short_last: tuple[int, Token] | None,
    place: tuple[int | None, int | None],
) -> None:
    """A table that stops after its last row read, or within it: the cells after that point are blank."""
    table = reader.table
    last_row = table.rows[last]
    missing_after = table.rows[last + 1 :]
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
        f"{reader.name} 在{where_zh}之后中断：其后{len(missing_after)}行、共{blank_cells}个单元格留空",
        f"table {table.table.en} stops after {where_en}: {len(missing_after)} more rows, "
        f"{blank_cells} cells left blank",
        end.line if end is not None else place[0],
        end.col if end is not None else place[1],
        path=missing_after[0].path if missing_after else last_row.path,
    )
