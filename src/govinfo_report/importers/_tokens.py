"""
The tokenizer: the lines of a table section as a stream of cells.

Real copies of a table come in many shapes (format-spec §6): one cell per line
with blank lines between rows (Q2), pipe rows with empty ``| |`` runs from
colspans, rows broken over two lines, a bare ``|`` opening each row, values
and ``|`` on alternate lines (Q1), a label with all its values on the next
line, cells separated by blank lines, tabulate grids.  Rather than guess the
shape, the tokenizer turns any of them into one stream of :class:`Token`, each
a label, a value or a blank, with a *break* flag where a new row probably
starts.  The table readers anchor on labels and count values, so the shape
of the rows matters only at the edges (see ``_tables.fit_values``).

* Pipe mode (two or more lines hold ``|``): the text is cut at every ``|``.
  Whitespace between two pipes of the same line is a blank cell; whitespace
  that spans a line end is the gap between rows (a break).  Border lines of
  grids (``+----+``, ``|---|``) are breaks.
* Line mode: every line is a cell; an empty line is a break and a
  whitespace-only line is a blank cell (as in the seed).  A line holding a
  label followed by numbers (``规章 0 0 0``) or only numbers is split at
  whitespace; a label with spaces inside (``自 然 人``) stays one cell.

>>> [t.text for t in tokenize([(1, "| 规章 | 0 |  | 3 |"), (2, "| 行政 许可 | - |")])]
['规章', '0', '', '3', '行政 许可', '-']
>>> [(t.text, t.brk) for t in tokenize([(1, "\\t规章"), (2, "\\t0"), (3, "\\t"), (4, ""), (5, "行政许可 13 0 20")])]
[('规章', False), ('0', False), ('', False), ('行政许可', True), ('13', False), ('0', False), ('20', False)]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from typing import overload

from .normalize import CELL_BREAK, is_value_text, join_cell_lines, label_key

__all__ = ["BLANK", "LABEL", "VALUE", "NumberedLines", "Token", "is_note", "tokenize"]

BLANK, VALUE, LABEL = 0, 1, 2

_BORDER = re.compile(r"^\s*[+|:]?[\-=:+| ]*[\-=]{3,}[\-=:+| ]*$")
# a number whose digit groups are separated by a no-break, thin or figure space (1 234) is one cell
_PIECE = re.compile(r"\d{1,3}(?:[\u00a0\u2007\u2009\u202f]\d{3})+(?![\d.])|\S+")
_INNER_SPACE = re.compile(r"\s")


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


_NOTE = re.compile(r"^[（(【\[].*[\u3400-\u9fffA-Za-z].*[）)】\]]$")


def _junk(text: str) -> bool:
    """
    A short cell with fewer than two ideographs (``3O``, ``l2``): a value that cannot be read, not a label.

    A note in brackets (``（2022年）``) is not junk: it is text, which the reader passes over after a label.
    """
    return len(text) <= 12 and len(_CJK.findall(text)) < 2 and _NOTE.match(text.strip()) is None


def is_note(text: str) -> bool:
    """True for a note in brackets holding words (``（2022年）``, ``(注)``), as printed after a row label."""
    return _NOTE.match(text.strip()) is not None


COVERED_LEFT, COVERED_ABOVE = "〃", "〃〃"  # slots covered by a spanning value cell (see _html.to_text)


@functools.lru_cache(maxsize=8192)
def _classify(text: str) -> int:
    if not text or text.isspace() or text in (COVERED_LEFT, COVERED_ABOVE):
        return BLANK
    return VALUE if is_value_text(text) or _junk(text) else LABEL


class Token:
    """
    One cell of a table as printed.

    Attributes:
        text: The cell text, stripped (blank cells are ``""``).
        line: 1-based line of the cell's first character.
        col: 1-based column of that character.
        brk: True when a new row probably starts here.
        kind: ``BLANK``, ``VALUE`` or ``LABEL``.
        gaps: Pipe mode: how many empty segments spanning a line end (``|`` at the end of one line, ``|`` at
            the start of the next) come just before this cell.  They are usually the gap between rows, but in
            some copies each is a blank cell (bare ``|`` lines): the table reader decides by counting.
        bare: One of those gaps ran over a line holding nothing but ``|``.
        tight: A blank written with no space between its pipes (``||``): a collapsed run of empty cells,
            whose columns the copy may have lost.
        folded: For the token that stands for a long run of cells with no label (see :data:`FOLD_AFTER`),
            how many cells it stands for; else 0.
    """

    __slots__ = ("_key", "bare", "brk", "col", "folded", "gaps", "kind", "line", "text", "tight")

    def __init__(self, text: str, line: int, col: int, brk: bool) -> None:
        self.text = text
        self.line = line
        self.col = col
        self.brk = brk
        self.kind = _classify(text)
        self._key: str | None = None
        # pipe mode only: empty pipe-to-pipe segments spanning a line end just before this token (``gaps``), and
        # whether one of those lines held nothing but a pipe (``bare``); a blank written as ``||`` (``tight``)
        self.gaps = 0
        self.bare = False
        self.tight = False
        self.folded = 0  # for a fold token: how many cells it stands for (see FOLD_AFTER)

    @property
    def key(self) -> str:
        """The label key of the text (computed once)."""
        if self._key is None:
            self._key = label_key(self.text)
        return self._key

    def __repr__(self) -> str:
        return f"Token({self.text!r}, line={self.line}, col={self.col}, brk={self.brk})"


class NumberedLines(Sequence[tuple[int, str]]):
    """
    Lines with their numbers, made on the fly: ``(start, lines[0]), (start + 1, lines[1]), …``.

    The text reader hands a table section to :func:`tokenize` this way, so that a section of millions of
    lines costs no list of pairs.
    """

    __slots__ = ("lines", "start")

    def __init__(self, lines: Sequence[str], start: int = 1) -> None:
        self.lines = lines
        self.start = start

    def __len__(self) -> int:
        return len(self.lines)

    @overload
    def __getitem__(self, index: int) -> tuple[int, str]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[int, str]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, str] | Sequence[tuple[int, str]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.lines)
        return self.start + index, self.lines[index]

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return zip(itertools.count(self.start), self.lines)


FOLD_AFTER = 256
"""
After this many cells in a row with no label between them, the tokenizer folds the rest of the run into one
token (its ``folded`` count says how many cells): no table has such a run (its cells could only be stray text),
and folding keeps the reader linear in time and memory on huge inputs (50 MB of numbers inside a table).
"""

_NUMERIC_LINE = re.compile(r"[\s|\d.,+\-]*")
_CHUNK = 1024  # lines checked at once while folding


def _numeric_chunk(lines: Sequence[tuple[int, str]], i: int) -> tuple[Sequence[str], str] | None:
    """The next lines from *i* (up to _CHUNK) and their text, when all are numbers, spaces and pipes; else None."""
    raw = lines.lines[i : i + _CHUNK] if isinstance(lines, NumberedLines) else [t for _, t in lines[i : i + _CHUNK]]
    joined = "\n".join(raw)
    return (raw, joined) if _NUMERIC_LINE.fullmatch(joined) else None


def _two_piped_lines(lines: Sequence[tuple[int, str]]) -> bool:
    """True when two or more lines hold a ``|``."""
    if isinstance(lines, NumberedLines):
        text = "\n".join(lines.lines)
        first = text.find("|")
        if first < 0:
            return False
        newline = text.find("\n", first)
        return newline >= 0 and text.find("|", newline) >= 0
    return sum(1 for _, text in lines if "|" in text) >= 2


class _Folder:
    """Appends tokens, folding the cells of a run longer than FOLD_AFTER into one token."""

    __slots__ = ("count", "first", "run", "tokens")

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.run = 0
        self.count = 0
        self.first: Token | None = None

    @property
    def folding(self) -> bool:
        return self.run >= FOLD_AFTER

    def add(self, token: Token) -> None:
        if token.kind == LABEL:
            self.flush()
            self.run = 0
            self.tokens.append(token)
        elif self.run >= FOLD_AFTER:
            if self.first is None:
                self.first = token
            self.count += 1
        else:
            self.run += 1
            self.tokens.append(token)

    def fold(self, count: int, line: int) -> None:
        """Fold *count* cells of *line* without making tokens of them (a line of numbers in a long run)."""
        if self.first is None:
            self.first = Token("", line, 1, False)
        self.count += count

    def flush(self) -> None:
        if self.first is not None:
            first = self.first
            token = Token(f"{first.text} …" if first.text else "…", first.line, first.col, first.brk)
            token.kind = VALUE
            token.folded = self.count
            self.tokens.append(token)
        self.first = None
        self.count = 0

    def done(self) -> list[Token]:
        self.flush()
        return self.tokens


def tokenize(lines: Sequence[tuple[int, str]], known: Callable[[str], bool] | None = None) -> list[Token]:
    """
    The cells of *lines* (``(line number, text)`` pairs) as tokens.

    Args:
        lines: The lines of one table section.
        known: Tells whether a label key is a known label; used to split a line
            such as ``（三）不予公开 1.属于国家秘密 0 0`` into its labels.

    .. versionadded:: 0.1.0
    """
    if _two_piped_lines(lines):
        return _pipe_tokens(lines)
    return _line_tokens(lines, known or (lambda key: False))


def _pipe_tokens(lines: Sequence[tuple[int, str]]) -> list[Token]:
    out = _Folder()
    brk = False
    # the open segment: its pieces (line, col, text) and whether it spans a line end
    parts: list[tuple[int, int, str]] = []
    spans = False
    opened_by_pipe = False
    gaps = 0
    bare = False
    bare_line = False

    def add(token: Token) -> None:
        nonlocal brk, gaps, bare
        token.gaps, token.bare = gaps, bare
        out.add(token)
        brk = False
        gaps, bare = 0, False

    def close() -> None:
        nonlocal brk, parts, spans, gaps, bare
        content = [(ln, col, s) for ln, col, s in parts if s.strip()]
        if content:
            ln, col, s = content[0]
            lead = len(s) - len(s.lstrip())
            text = join_cell_lines(CELL_BREAK.join(p.strip() for _, _, p in content))
            add(Token(text, ln, col + lead, brk))
        elif not spans and opened_by_pipe:
            ln, col, _ = parts[0] if parts else (0, 1, "")
            token = Token("", ln, col, brk)
            token.tight = not any(p for _, _, p in parts)
            add(token)
        elif spans:
            brk = True
            if opened_by_pipe:
                gaps += 1
                bare = bare or bare_line
        parts = []
        spans = False

    i, count = 0, len(lines)
    while i < count:
        if out.folding and i + 1 < count:
            found = _numeric_chunk(lines, i)
            if found is not None and "|" in found[1]:
                # a block of numbers deep inside a run with no label: folded, not made tokens
                chunk, joined = found
                no = lines[i][0]
                first, *_ = chunk[0].split("|", 1) if "|" in chunk[0] else (chunk[0],)
                parts.append((no, 1, first))
                if "|" in chunk[0]:
                    close()
                out.fold(joined.count("|"), no)
                last = max(k for k, c in enumerate(chunk) if "|" in c)
                tail = chunk[last].rsplit("|", 1)[1]
                parts = [(no + last, len(chunk[last]) - len(tail) + 1, tail)]
                parts += [(no + k, 1, c) for k, c in enumerate(chunk[last + 1 :], last + 1)]
                opened_by_pipe = True
                spans = True
                i += len(chunk)
                continue
        no, text = lines[i]
        i += 1
        if _BORDER.match(text):
            close()
            opened_by_pipe = False
            brk = True
            gaps, bare = 0, False
            continue
        bare_line = text.strip() == "|"
        pieces = text.split("|")
        col = 1
        for k, piece in enumerate(pieces):
            if k > 0:
                close()
                opened_by_pipe = True
            parts.append((no, col, piece))
            col += len(piece) + 1
        spans = True
    close()
    return out.done()


def _line_tokens(lines: Sequence[tuple[int, str]], known: Callable[[str], bool]) -> list[Token]:
    out = _Folder()
    tokens = out.tokens

    def append(token: Token) -> None:
        # the common case inline; the folder only once a run grows long
        if token.kind == LABEL and out.first is None:
            out.run = 0
            tokens.append(token)
        elif out.run < FOLD_AFTER and token.kind != LABEL:
            out.run += 1
            tokens.append(token)
        else:
            out.add(token)

    brk = False
    prev_multi = False
    skip = 0
    for i, (no, text) in enumerate(lines):
        if i < skip:
            continue
        if out.run >= FOLD_AFTER:
            found = _numeric_chunk(lines, i)
            if found is not None:
                # a block of numbers deep inside a run with no label: folded, not made tokens
                out.fold(len(found[1].split()), no)
                brk = False
                prev_multi = True
                skip = i + len(found[0])
                continue
        if not text:
            brk = True
            continue
        cells = _line_cells(text, known)
        if len(cells) == 1:
            col, cell = cells[0]
            append(Token(cell, no, col, brk or prev_multi))
            brk = prev_multi = False
            continue
        for k, (col, cell) in enumerate(cells):
            append(Token(cell, no, col, k == 0))
        brk = False
        prev_multi = True
    return out.done()


@functools.lru_cache(maxsize=16384)
def _line_cells(text: str, known: Callable[[str], bool]) -> tuple[tuple[int, str], ...]:
    """The cells of one non-empty line: (column, text) pairs; a whitespace-only line is one blank cell."""
    stripped = text.strip()
    if not stripped:
        return ((1, ""),)
    if "\t" in stripped:
        return _tab_cells(text, known)
    if _INNER_SPACE.search(stripped) is None:
        return ((len(text) - len(text.lstrip()) + 1, stripped),)
    pieces = [(m.start() + 1, m.group()) for m in _PIECE.finditer(text)]
    return tuple(_split_line(text, pieces, known))


def _tab_cells(text: str, known: Callable[[str], bool]) -> tuple[tuple[int, str], ...]:
    """
    A row copied from a browser: cells separated by tabs, an empty cell between two tabs (``1\t\t3``).

    Indentation (leading tabs) is not a cell; within a cell, a label and values separated by spaces are split
    as on any line (a number written ``1 234`` stays one cell).
    """
    start = len(text) - len(text.lstrip(" \t\u3000"))
    body = text[start:].rstrip(" \r\u3000")
    out: list[tuple[int, str]] = []
    col = start + 1
    for piece in body.split("\t"):
        cell = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        if not cell:
            out.append((col, ""))
        elif _INNER_SPACE.search(cell) is None or _GROUPED_SPACES.fullmatch(cell):
            out.append((col + lead, cell))
        else:
            pieces = [(col + m.start(), m.group()) for m in _PIECE.finditer(piece)]
            out += [(c, t) for c, t in _split_line(text, pieces, known)]
        col += len(piece) + 1
    return tuple(out)


_GROUPED_SPACES = re.compile(r"\d{1,3}(?:[ \u00a0\u2007\u2009\u202f]\d{3})+(?:\.\d+)?")


def _split_line(text: str, pieces: list[tuple[int, str]], known: Callable[[str], bool]) -> list[tuple[int, str]]:
    """Split a line into cells: trailing values apart, the label part kept whole unless it is several known labels."""
    n = len(pieces)
    k = n
    while k > 0 and is_value_text(pieces[k - 1][1]):
        k -= 1
    values = pieces[k:]
    if k == 0:
        return values
    head = pieces[:k]
    whole = _join(text, head)
    if known(label_key(whole[1])) or k == 1:
        return [whole, *values]
    # several labels on one line (“（三）不予公开 1.属于国家秘密 0 0 …”): greedy, longest known run first
    out: list[tuple[int, str]] = []
    i = 0
    while i < k:
        for j in range(k, i, -1):
            cand = _join(text, head[i:j])
            if known(label_key(cand[1])):
                out.append(cand)
                i = j
                break
        else:
            return [whole, *values]
    return [*out, *values]


def _join(text: str, pieces: Sequence[tuple[int, str]]) -> tuple[int, str]:
    start = pieces[0][0]
    end = pieces[-1][0] + len(pieces[-1][1]) - 1
    return start, text[start - 1 : end]
