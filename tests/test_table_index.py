"""
The table readers match against the official grid: the label index of each table, built from
``official_grid``, gives exactly the anchors that the walk over the layout gave before it.

The oracle is the construction the index had until 0.2.0 (a walk over ``layout(edition)``: row labels,
group labels, column terms, then the edition's table headings), kept here as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import pytest

from govinfo_report import AnnualReport, editions
from govinfo_report import vocab as v
from govinfo_report._fields import CELL_KINDS, Kind
from govinfo_report.errors import LayoutError
from govinfo_report.importers._tables import (
    _OTHER_EDITION_LABELS,
    GROUP,
    HEADER,
    ROW,
    Anchor,
    CellPlan,
    Index,
    Match,
    _columns,
    _fixed_unit,
    index_for,
)
from govinfo_report.importers._tokens import Token
from govinfo_report.importers.normalize import label_key, strip_numbering
from govinfo_report.model import Edition
from govinfo_report.render.grid import official_grid, table_grid
from govinfo_report.tables import TableSpec, layout, single_row_spec
from govinfo_report.vocab import Term

TABLES = ("proactive", "requests", "disputes")
CASES = [(e, t) for e in Edition for t in TABLES]


# ----------------------------------------------------------------------------
# The oracle: the index as the layout walk built it (0.1.0), copied unchanged
# ----------------------------------------------------------------------------


class _LayoutIndex(NamedTuple):
    exact: dict[str, Anchor]
    stripped: dict[str, Anchor]
    by_length: list[str]
    other_edition: dict[str, tuple[Anchor, Term]]
    fragments: list[str]


def _keys(term: Term) -> list[str]:
    return [k for k in dict.fromkeys(label_key(t) for t in (term.zh, *term.variants)) if k]


def _layout_index(table: TableSpec, extra_headers: Sequence[Term], table_edition: Edition) -> _LayoutIndex:
    exact: dict[str, Anchor] = {}
    entries: list[tuple[str, Anchor]] = []
    for row in table.rows:
        for term in row.labels[:-1]:
            entries += [(k, Anchor(GROUP, term)) for k in _keys(term)]
        cells = tuple(
            CellPlan(c, c.path, CELL_KINDS[c.kind].name, _fixed_unit(c) if c.kind is Kind.AMOUNT else None)
            for c in row.cells
        )
        row_anchor = Anchor(ROW, row.labels[-1], row, row.path, cells, _columns(cells))
        entries += [(k, row_anchor) for k in _keys(row.labels[-1])]
        for cell in row.cells:
            for term in cell.column_terms:
                entries += [(k, Anchor(HEADER, term)) for k in _keys(term)]
    for term in extra_headers:
        entries += [(k, Anchor(HEADER, term)) for k in _keys(term)]
    if single_row_spec(table_edition) is not None and table.attr == "requests":
        entries += [(k, Anchor(GROUP, v.OTHER_HANDLING)) for k in _keys(v.OTHER_HANDLING_SINGLE_ROW)]
    for key, anchor in entries:
        old = exact.get(key)
        if old is None or (old.kind != ROW and anchor.kind == ROW):
            exact[key] = anchor
    counts: dict[str, int] = {}
    stripped: dict[str, Anchor] = {}
    for key, anchor in exact.items():
        s = strip_numbering(key)
        if s != key and len(s) >= 2:
            counts[s] = counts.get(s, 0) + 1
            stripped[s] = anchor
    stripped = {k: a for k, a in stripped.items() if counts[k] == 1 and k not in exact}
    by_length = sorted(exact, key=len, reverse=True)
    other_edition: dict[str, tuple[Anchor, Term]] = {}
    for edition, other, own in _OTHER_EDITION_LABELS:
        own_anchor = exact.get(label_key(own.zh))
        if edition is table_edition and own_anchor is not None and own_anchor.kind == ROW:
            for k in _keys(other):
                other_edition.setdefault(k, (own_anchor, other))
    fragments = [k for k, a in exact.items() if a.kind in (HEADER, GROUP) and len(k) >= 6]
    return _LayoutIndex(exact, stripped, by_length, other_edition, fragments)


def _oracle(edition: Edition, table: str) -> _LayoutIndex:
    spec = layout(edition).table(table)
    return _layout_index(spec, editions.get(edition).table_headings[spec.attr], edition)


# ----------------------------------------------------------------------------
# Probes: printed labels as a reader meets them
# ----------------------------------------------------------------------------


def _probes(old: _LayoutIndex) -> list[str]:
    """Texts a table may print: each label and variant, with a note, with stray text, wrapped, unnumbered."""
    texts: set[str] = set()
    terms = {a.term for a in old.exact.values()} | {t for _, t in old.other_edition.values()}
    for term in terms:
        for text in (term.zh, *term.variants):
            texts |= {text, f"{text}（2022年）", f"{text}A1", f"{text}合计", text[: len(text) // 2], text[1:]}
            texts.add(strip_numbering(text))
    for key in (*old.exact, *old.stripped, *old.other_edition):
        texts |= {key, key + "（注）", key + "x"}
    for frag in old.fragments:
        texts |= {frag[i:j] for i in range(len(frag)) for j in range(i + 4, len(frag) + 1)}
    texts |= {"", "合计", "其他说明", "本表数据来源于统计系统", "一、"}
    return sorted(texts)


def _lookups(index: Any, texts: Sequence[str]) -> list[Match | None]:
    return [index.lookup(Token(text, 1, 1, False)) for text in texts]


# ----------------------------------------------------------------------------
# The tests
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(("edition", "table"), CASES)
def test_the_grid_index_has_exactly_the_anchors_of_the_layout_walk(edition: Edition, table: str) -> None:
    """Every key maps to the same anchor (row, group or header; a row with the same cells), nothing more or less."""
    old, new = _oracle(edition, table), index_for(edition, table)

    assert new.exact == old.exact
    assert new.stripped == old.stripped
    assert new.other_edition == old.other_edition
    assert sorted(new.by_length) == sorted(old.by_length)
    assert [len(k) for k in new.by_length] == [len(k) for k in old.by_length]
    assert sorted(new.fragments) == sorted(old.fragments)


@pytest.mark.parametrize(("edition", "table"), CASES)
def test_the_grid_index_matches_every_printed_label_as_the_layout_walk_did(edition: Edition, table: str) -> None:
    """lookup() gives the same match for labels, variants, notes, stray text, fragments and unknown text."""
    old, new = _oracle(edition, table), index_for(edition, table)
    layout_index = Index.__new__(Index)  # the old attributes under the same lookup()
    layout_index.__dict__.update(old._asdict(), table=new.table, edition=edition, _group_rows={})
    texts = _probes(old)
    matches = _lookups(layout_index, texts)

    assert sum(m is not None for m in matches) > len(old.exact)  # the probes reach labels, not only misses
    assert _lookups(new, texts) == matches


@pytest.mark.parametrize(("edition", "table"), CASES)
def test_each_row_anchor_is_its_label_s_anchor_with_the_row_s_cells(edition: Edition, table: str) -> None:
    """Index.rows lists the layout's rows in order; each is what its label's key finds, with the row's cells."""
    index = index_for(edition, table)
    spec = layout(edition).table(table)

    assert [a.path for a in index.rows] == [r.path for r in spec.rows]
    for anchor, row in zip(index.rows, spec.rows, strict=True):
        assert index.exact[label_key(row.labels[-1].zh)] is anchor
        assert [p.path for p in anchor.cells] == [c.path for c in row.cells]


@pytest.mark.parametrize(("edition", "table"), CASES)
def test_the_official_grid_is_the_grid_of_a_blank_report(edition: Edition, table: str) -> None:
    """Built with no report, the grid is cell for cell what the writers draw for a blank report (terms too)."""
    blank = AnnualReport.blank(edition.value, organ="某某局")

    assert official_grid(edition.value, table) == table_grid(blank, table)


@pytest.mark.parametrize(("edition", "table"), CASES)
def test_every_label_cell_of_the_official_grid_carries_its_term(edition: Edition, table: str) -> None:
    """Captions, headers, the note and row labels have the term they print; value cells have a path, no term."""
    grid = official_grid(edition, table)
    cells = [c for row in grid.rows for c in row]
    values = [c for c in cells if c.kind == "value"]

    assert [c.path for c in values] == [c.path for c in layout(edition).table(table).cells]
    assert all(c.text == "" and c.term is None for c in values)
    assert all(c.term is not None and c.term.zh == c.text for c in cells if c.kind != "value")


def test_the_official_grid_is_built_once_for_any_spelling_of_its_table() -> None:
    """One grid per edition and table: ``"四"``, ``"disputes"`` and the edition as a string give the same object."""
    assert official_grid("2021", "四") is official_grid(Edition.E2021, "disputes")
    assert official_grid("2019", "三") is not official_grid("2021", "三")


def test_the_official_grid_of_a_table_that_does_not_exist_is_a_layout_error() -> None:
    """An unknown table is refused with the documented LayoutError, as table_grid refuses it."""
    with pytest.raises(LayoutError, match="五"):
        official_grid("2021", "五")
