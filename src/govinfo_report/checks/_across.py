"""
Arithmetic across reports (:data:`~govinfo_report.rules.ACROSS`): one evaluator for continuity with
last year, members and the user's equations, their messages and diagnoses.

Part of :mod:`govinfo_report.checks`, which is the public face of these modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
from attrs import frozen

from .. import vocab as v
from .._fields import Kind
from ..findings import CellRef, Finding, Fix
from ..model import AnnualReport, Edition
from ..rules import (
    Across,
    Relation,
    Source,
    across_equations,
    rule,
)
from ..tables import (
    CellSpec,
    cell_values,
    layout,
    single_row_cells,
)
from ._arithmetic import _part_label, _varying
from ._context import BlankPolicy, _balance, _cell_ref, _Context, _Evaluated, _holds, _num
from ._messages import Lang, Number, _compare, _Term

if TYPE_CHECKING:
    pass


# ----------------------------------------------------------------------------
# Arithmetic across reports: one evaluator for continuity, members and the user's equations
# ----------------------------------------------------------------------------

_PREVIOUS = "previous"


@frozen(eq=False)
class _Side:
    """One report a term reads: its cell values, the specs of its cells, and how messages and CellRefs name it."""

    values: Mapping[str, Any]
    specs: Mapping[str, CellSpec]
    source: str | None
    label_zh: str = ""
    label_en: str = ""


@frozen
class _Linked:
    """One :class:`~govinfo_report.rules.Across` equation evaluated: its terms expanded onto the reports they read."""

    eq: Across
    terms: tuple[tuple[int, _Side, str], ...]
    n_left: int
    refs: tuple[CellRef, ...]
    stated: Number
    expected: Number
    holds: bool
    blanks: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.eq.code}@{self.eq.left[0].path}"


def _this_side(ctx: _Context) -> _Side:
    return _Side(ctx.values, ctx.by_path, None)


def _previous_side(ctx: _Context, previous: AnnualReport) -> _Side:
    """Last year's report: only the cells that mean the same in this report's edition (the crosswalk)."""
    from .._crosswalk import mapped_paths

    by_path = layout(previous.meta.edition).by_path
    specs = {p: by_path[p] for p in mapped_paths(previous.meta.edition, ctx.edition) if p in by_path}
    return _Side(cell_values(previous), specs, _PREVIOUS, "上年报告 ", "last year's ")


def _member_sides(ctx: _Context, members: Sequence[AnnualReport]) -> list[_Side]:
    """Each member, its cells read as the summary's (the summary's （六） as one row: each member's as one row)."""
    out = []
    for m in members:
        values = cell_values(m)
        if ctx.single_row is not None:  # the summary's （六）其他处理（未分子行）: each member's （六） as one row
            from .._crosswalk import other_handling_row

            row = other_handling_row(m) if m.meta.edition is Edition.E2021 else {}
            values.update({c.path: row.get(c.column_key) for c in single_row_cells(ctx.edition)})
        out.append(_Side(values, ctx.by_path, _member_source(m.meta.organ_name), m.meta.organ_name, m.meta.organ_name))
    return out


def _expand(eq: Across, sides: dict[Source, list[_Side]]) -> tuple[tuple[int, _Side, str], ...] | None:
    """*eq*'s terms on the reports they read (a members term once per member); None when a report lacks a cell."""
    out: list[tuple[int, _Side, str]] = []
    for t in eq.terms:
        readers = sides.get(t.source)
        if readers is None:
            return None
        for side in readers:
            if t.path not in side.specs:
                return None
            out.append((t.weight, side, t.path))
    return tuple(out)


def _evaluate_across(ctx: _Context, eqs: Iterable[Across], sides: dict[Source, list[_Side]]) -> list[_Linked]:
    """Every equation of *eqs* that the given reports can supply, evaluated (blanks as the policy says)."""
    ignore = ctx.policy is BlankPolicy.IGNORE
    out = []
    for eq in eqs:
        terms = _expand(eq, sides)
        if terms is None:
            continue
        n_left = sum(len(sides[t.source]) for t in eq.left)
        refs = tuple(_cell_ref(side.specs[p], side.values[p], side.source) for _, side, p in terms)
        blanks = tuple(r.ref for r in refs if r.value is None)
        if blanks and ignore:
            continue
        weighted = [None if ref.value is None else w * ref.value for (w, _, _), ref in zip(terms, refs, strict=True)]
        stated, expected, holds = _balance(eq.relation, weighted[:n_left], weighted[n_left:])
        out.append(_Linked(eq, terms, n_left, refs, stated, expected, holds, blanks))
    return out


def _across_messages(ctx: _Context, ev: _Linked) -> tuple[str, str]:
    """The messages of a violated equation across reports, in Chinese and English."""
    members = Source.MEMBERS in ev.eq.sources
    specs = [side.specs[p] for _, side, p in ev.terms if not side.source or side.source == _PREVIOUS]
    varying = _varying(specs)
    left = ev.terms[: ev.n_left]
    plain = len(left) == 1 and left[0][0] == 1 and left[0][1].source is None  # one cell of this report stated
    out = []
    lang: Lang
    for lang in ("zh", "en"):
        first = left[0][1].specs[left[0][2]]
        if len(left) == 1:
            where = ctx.location(first, lang)
        elif len({s.column for s in specs}) == 1:
            where = (
                f"表{first.table} {first.column} 列"
                if lang == "zh"
                else f"{ctx.table_en[first.table]}, column {first.column_en}"
            )
        else:
            where = f"表{first.table} {first.row}" if lang == "zh" else f"{ctx.table_en[first.table]}, {first.row_en}"
        if members:
            where = ("汇总 " if lang == "zh" else "Summary, ") + where

        def term(w: int, side: _Side, p: str, lang: Lang = lang) -> _Term:
            if side.source is not None and side.source != _PREVIOUS:  # a member: named by its organ
                label = side.label_zh if lang == "zh" else side.label_en
            else:
                prefix = side.label_zh if lang == "zh" else side.label_en
                label = prefix + _part_label(side.specs[p], varying, lang)
            if abs(w) != 1:
                label = f"{abs(w)} × {label}"
            return _Term(label, side.values[p], 1 if w > 0 else -1)

        stated_terms = [_Term("", ev.refs[0].value)] if plain else [term(*t) for t in left]
        expected_terms = [term(*t) for t in ev.terms[ev.n_left :]]
        at_least = ev.eq.relation is Relation.GE
        out.append(
            _compare(
                where,
                stated_terms,
                ev.stated,
                ev.expected,
                expected_terms,
                lang,
                at_least=at_least,
                blanks=bool(ev.blanks),
                expression=not plain,
            )
        )
    return out[0], out[1]


def _across_finding(ctx: _Context, ev: _Linked) -> Finding:
    zh, en = _across_messages(ctx, ev)
    extra: dict[str, Any] = {} if ev.eq.severity is None else {"severity": ev.eq.severity}
    return ctx.finding(
        ev.eq.code,
        ev.eq.left[0].path,
        stated=ev.stated,
        expected=ev.expected,
        cells=ev.refs,
        blank_cells=ev.blanks,
        message=zh,
        message_en=en,
        **extra,
    )


# ---- their diagnoses --------------------------------------------------------


@frozen
class _Held:
    """The in-report equations of one report, by the cells they use: (coefficient, stated − expected, relation)."""

    uses: dict[str, list[tuple[int, Number, Relation, bool]]]


def _held_of(evaluated: Iterable[_Evaluated]) -> _Held:
    uses: dict[str, list[tuple[int, Number, Relation, bool]]] = {}
    for ev in evaluated:
        diff = ev.stated - ev.expected
        for p in dict.fromkeys(ev.eq.cells):
            coeff = (p in ev.eq.left) - (p in ev.eq.right)
            uses.setdefault(p, []).append((coeff, diff, ev.eq.relation, ev.holds))
    return _Held(uses)


def _member_held(member: AnnualReport, policy: BlankPolicy) -> _Held:
    """The in-report equations of a member, evaluated as check() would."""
    mctx = _Context(member, policy)
    return _held_of(mctx.evaluated)


def _breaks(held: _Held, path: str, delta: Number) -> int:
    """How many equations of *held* that hold now would not, with the cell at *path* changed by *delta*."""
    n = 0
    for coeff, diff, relation, holds in held.uses.get(path, ()):
        if holds and coeff and not _holds(relation, diff + coeff * delta, 0):
            n += 1
    return n


_Uses = dict[tuple[_Side, str], list[tuple[int, _Linked]]]


def _across_diagnoses(ctx: _Context, evaluated: list[_Linked], held: dict[_Side, _Held]) -> dict[str, Fix]:
    """
    The most likely single-cell fix of each violated equation across reports, by key.

    The candidates are the cells of the report under check and, for a summary,
    each member's cell (last year's report is published: its cells are not
    candidates).  Each is scored as the in-report diagnoses are: the findings
    it resolves minus the relations that hold now and would not, in the
    report the cell belongs to.
    """
    uses: _Uses = {}
    for ev in evaluated:
        for i, (w, side, p) in enumerate(ev.terms):
            uses.setdefault((side, p), []).append((w if i < ev.n_left else -w, ev))
    out: dict[str, Fix] = {}
    for ev in evaluated:
        if ev.holds:
            continue
        mine = [c for i in range(len(ev.terms)) if (c := _across_candidate(ctx, ev, i, uses, held)) is not None]
        if not mine:
            continue
        mine.sort(key=lambda item: item[0])
        best = mine[0][1]
        alternatives = tuple(f for _, f in mine[1:] if f.score == best.score)
        out[ev.key] = attrs.evolve(best, alternatives=alternatives)
    return out


def _across_candidate(
    ctx: _Context, ev: _Linked, i: int, uses: _Uses, held: dict[_Side, _Held]
) -> tuple[tuple[Any, ...], Fix] | None:
    """The change of the *i*-th term's cell that makes *ev* hold, with its rank; None when there is none."""
    w, side, p = ev.terms[i]
    if side.source == _PREVIOUS:
        return None
    diff = ev.stated - ev.expected
    coeff = w if i < ev.n_left else -w
    if coeff == 0 or (abs(coeff) != 1 and diff % coeff):
        return None  # no whole number of this cell makes it hold
    delta = -diff * coeff if abs(coeff) == 1 else -diff // coeff
    value = _num(side.values[p]) + delta
    if value < 0 and side.specs[p].kind is not Kind.SIGNED:
        return None
    resolves, breaks = [], 0
    for c, other in uses[(side, p)]:
        now = _holds(other.eq.relation, other.stated - other.expected + c * delta, 0)
        if now and not other.holds:
            resolves.append(other.key)
        elif other.holds and not now:
            breaks += 1
    if side in held:
        breaks += _breaks(held[side], p, delta)
    basis = tuple(r for r in ev.refs if r.source == _PREVIOUS)
    fix = Fix(cell=ev.refs[i], value=value, resolves=tuple(resolves), breaks=breaks, basis=basis)
    return (-fix.score, i >= ev.n_left, side.source is not None, ctx.order.get(p, -1), str(value)), fix


def _across_findings(ctx: _Context, evaluated: list[_Linked], held: Callable[[], dict[_Side, _Held]]) -> list[Finding]:
    """The findings of the violated equations of *evaluated*, each with its diagnosis (*held*: when there are some)."""
    violated = [ev for ev in evaluated if not ev.holds]
    if not violated:
        return []
    fixes = _across_diagnoses(ctx, evaluated, held())
    return [attrs.evolve(_across_finding(ctx, ev), diagnosis=fixes.get(ev.key)) for ev in violated]


def _this_held(ctx: _Context) -> _Held:
    return _held_of(ctx.evaluated)


# ----------------------------------------------------------------------------
# Continuity with last year's report
# ----------------------------------------------------------------------------


def _previous_mismatch(ctx: _Context, previous: AnnualReport) -> list[Finding]:
    """PREVIOUS-REPORT: the previous report is another organ's, or not for the year before."""
    report = ctx.report
    out = []
    known_organs = previous.meta.organ is not None and report.meta.organ is not None
    if known_organs and previous.meta.organ != report.meta.organ:
        out.append(
            ctx.finding(
                "PREVIOUS-REPORT",
                "$.meta.organ",
                stated=previous.meta.organ,
                expected=report.meta.organ,
                message=f"上年报告的{v.ORGAN.zh}为 {previous.meta.organ}，不是 {report.meta.organ}；未检查跨年度衔接",
                message_en=f"The previous report is by {previous.meta.organ}, not {report.meta.organ}; "
                "continuity not checked",
            )
        )
    if previous.meta.year is not None and report.meta.year is not None and previous.meta.year != report.meta.year - 1:
        out.append(
            ctx.finding(
                "PREVIOUS-REPORT",
                "$.meta.year",
                stated=previous.meta.year,
                expected=report.meta.year - 1,
                message=f"上年报告的{v.YEAR.zh}为 {previous.meta.year}，应为 {report.meta.year - 1}；未检查跨年度衔接",
                message_en=f"The previous report is for {previous.meta.year}, not {report.meta.year - 1}; "
                "continuity not checked",
            )
        )
    return out


def _continuity_equations(ctx: _Context) -> list[Across]:
    """The continuity rules of :data:`~govinfo_report.rules.ACROSS` for this report's edition."""
    return [eq for eq in across_equations(ctx.edition) if rule(eq.code).group == "continuity"]


def _continuity(report: AnnualReport, ctx: _Context) -> list[Finding]:
    """With a previous report: PREVIOUS-REPORT, else the continuity equations (CARRY-OVER, T2-*-CONTINUITY)."""
    previous = ctx.previous
    if previous is None:
        return []
    mismatch = _previous_mismatch(ctx, previous)
    if mismatch:
        return mismatch
    this = _this_side(ctx)
    sides = {Source.THIS: [this], Source.PREVIOUS: [_previous_side(ctx, previous)]}
    evaluated = _evaluate_across(ctx, _continuity_equations(ctx), sides)
    return _across_findings(ctx, evaluated, lambda: {this: _this_held(ctx)})



def _member_source(organ: str) -> str:
    return f"member:{organ}"
