"""
The arithmetic within a report: each violated equation's finding and message, and its diagnosis.

Part of :mod:`govinfo_report.checks`, which is the public face of these modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Literal, NamedTuple

import attrs

from .._fields import Kind
from ..findings import Finding, Fix
from ..model import AnnualReport
from ..rules import (
    Equation,
    Relation,
)
from ..tables import (
    CellSpec,
)
from ._context import _Context, _Evaluated, _keys, _per_equations
from ._messages import Lang, Number, _compare

if TYPE_CHECKING:
    pass


# ----------------------------------------------------------------------------
# Arithmetic and diagnosis
# ----------------------------------------------------------------------------


def _varying(specs: Sequence[CellSpec]) -> Literal["row", "column"]:
    """Which label tells the cells of a relation apart: the column when they share a row."""
    return "column" if len({s.row for s in specs}) == 1 else "row"


def _part_label(spec: CellSpec, varying: str, lang: Lang) -> str:
    if varying == "column":
        term = spec.column_terms[-1]
        return term.zh if lang == "zh" else term.en
    return spec.row if lang == "zh" else spec.row_en


class _Words(NamedTuple):
    """The words of an equation's message in one language: where, and the label of each cell (stated side first)."""

    where: str
    labels: tuple[str, ...]


_LANGS: tuple[Lang, Lang] = ("zh", "en")
_WORDS: dict[int, tuple[tuple[Equation, ...], dict[str, tuple[_Words, _Words]]]] = {}


def _words(ctx: _Context, eq: Equation) -> tuple[_Words, _Words]:
    """The words of *eq*'s message in Chinese and English, from the labels of its cells."""
    specs = [ctx.spec(p) for p in eq.cells]
    varying = _varying(specs)
    left = specs[: len(eq.left)]
    out = []
    lang: Lang
    for lang in ("zh", "en"):
        if len(left) == 1:
            where = ctx.location(left[0], lang)
        elif len({s.column for s in specs}) == 1:
            s = specs[0]
            where = f"表{s.table} {s.column} 列" if lang == "zh" else f"{ctx.table_en[s.table]}, column {s.column_en}"
        else:
            s = specs[0]
            where = f"表{s.table} {s.row}" if lang == "zh" else f"{ctx.table_en[s.table]}, {s.row_en}"
        out.append(_Words(where, tuple(_part_label(s, varying, lang) for s in specs)))
    return out[0], out[1]


def _equation_messages(ctx: _Context, ev: _Evaluated) -> tuple[str, str]:
    eq = ev.eq
    known = _per_equations(_WORDS, ctx.equations, lambda eqs: {})  # the words of each equation, made once
    words = known.get(ev.key)
    if words is None:
        words = known[ev.key] = _words(ctx, eq)
    values = [ctx.values[p] for p in eq.cells]
    n = len(eq.left)
    at_least = eq.relation is Relation.GE
    zh, en = (
        _compare(
            w.where,
            list(zip(w.labels[:n], values[:n], repeat(1), strict=False)),  # (label, value, sign +1) of each cell
            ev.stated,
            ev.expected,
            list(zip(w.labels[n:], values[n:], repeat(1), strict=False)),
            lang,
            at_least=at_least,
            blanks=bool(ev.blanks),
        )
        for w, lang in zip(words, _LANGS, strict=True)
    )
    return zh, en


def _arithmetic(report: AnnualReport, ctx: _Context) -> list[Finding]:
    if ctx.clean:  # the common case: every equation holds, so nothing is evaluated one by one
        return []
    evaluated = ctx.evaluated
    violated = [ev for ev in evaluated if not ev.holds]
    fixes = _diagnoses(ctx, evaluated, violated)
    findings: dict[str, Finding] = {}
    for ev in violated:
        zh, en = _equation_messages(ctx, ev)
        findings[ev.key] = ctx.finding(
            ev.eq.code,
            ev.eq.left[0],
            stated=ev.stated,
            expected=ev.expected,
            cells=tuple(ctx.ref(p) for p in ev.eq.cells),
            blank_cells=ev.blanks,
            message=zh,
            message_en=en,
            diagnosis=fixes.get(ev.key),
        )
    return list(findings.values())


class _System:
    """
    The evaluated equations as numbers: each one's gap (Σ stated − Σ expected), and the weight of each cell in it.

    A cell's weight in an equation is +1 on the stated side, −1 on the computed
    side (0 on both): changing the cell by *d* changes the gap by weight × *d*, and
    an equation holds when its gap is 0 (``=``) or not negative (``≥``).  This is
    :func:`~._context._balance` rearranged, so every answer below is the one that
    re-evaluating the changed equation would give.

    It relies on what :func:`~govinfo_report.rules.report_equations` guarantees
    (tests/test_diagnosis.py checks it): no two equations have the same key, and no
    equation names a cell twice.
    """

    __slots__ = ("current", "evaluated", "gap", "holds", "is_eq", "keys", "signed", "uses", "weights")

    def __init__(self, ctx: _Context, evaluated: list[_Evaluated]) -> None:
        self.evaluated = evaluated
        self.gap = [ev.stated - ev.expected for ev in evaluated]
        self.holds = [ev.holds for ev in evaluated]
        self.current = {p: 0 if x is None else x for p, x in ctx.values.items()}
        """Each cell's value for arithmetic: a blank is 0."""
        if len(evaluated) == len(ctx.equations):  # every equation evaluated: their structure is made once
            structure = _per_equations(_STRUCTURES, ctx.equations, lambda eqs: _structure(ctx, eqs, _keys(eqs)))
        else:
            structure = _structure(ctx, tuple(ev.eq for ev in evaluated), tuple(ev.key for ev in evaluated))
        self.keys, self.is_eq, self.weights, self.uses, self.signed = structure

    def status(self, i: int, gap: Number) -> int:
        """With gap *gap*, equation *i* is resolved (1), broken (-1), or as it was (0)."""
        now = gap == 0 if self.is_eq[i] else gap >= 0
        if now is self.holds[i]:
            return 0
        return 1 if now else -1


_Structure = tuple[
    tuple[str, ...],
    tuple[bool, ...],
    tuple[dict[str, int], ...],
    dict[str, tuple[tuple[int, int], ...]],
    frozenset[str],
]
_STRUCTURES: dict[int, tuple[tuple[Equation, ...], _Structure]] = {}


def _structure(ctx: _Context, eqs: tuple[Equation, ...], keys: tuple[str, ...]) -> _Structure:
    """
    Of *eqs* (whose finding keys are *keys*): the keys, which are ``=``, each cell's weight in each, the
    equations each cell takes part in (with its weight), and the cells that may be negative.
    """
    weights = tuple({p: (p in eq.left_set) - (p in eq.right_set) for p in eq.cells} for eq in eqs)
    uses: dict[str, list[tuple[int, int]]] = {}
    for i, w in enumerate(weights):
        for p, weight in w.items():
            uses.setdefault(p, []).append((i, weight))
    is_eq = tuple(eq.relation is Relation.EQ for eq in eqs)
    signed = frozenset(p for p in uses if ctx.spec(p).kind is Kind.SIGNED)
    return keys, is_eq, weights, {p: tuple(u) for p, u in uses.items()}, signed


class _Candidate(NamedTuple):
    """A single-cell change that makes at least one violated equation hold (a :class:`Fix` once it is chosen)."""

    path: str
    value: Number
    resolves: tuple[str, ...]
    breaks: int

    def fix(self, ctx: _Context, alternatives: tuple[Fix, ...] = ()) -> Fix:
        return Fix(
            cell=ctx.ref(self.path),
            value=self.value,
            resolves=self.resolves,
            breaks=self.breaks,
            alternatives=alternatives,
        )


def _diagnoses(ctx: _Context, evaluated: list[_Evaluated], violated: list[_Evaluated]) -> dict[str, Fix]:
    """The most likely single-cell fix of each violated equation, by key: candidates, the best of each, one per cell."""
    if not violated:
        return {}
    system = _System(ctx, evaluated)
    wrong = [i for i, ev in enumerate(evaluated) if not ev.holds]
    resolving = _candidates(system, wrong)
    best = _best_fixes(ctx, system, resolving, wrong)
    return _reconcile(ctx, system, wrong, best, ctx.order)


def _candidates(system: _System, wrong: list[int]) -> dict[str, list[_Candidate]]:
    """
    Every single-cell change that makes one violated equation hold, scored against every equation of its cell.

    Returns, for each violated equation's key, the candidates that resolve it, in the order they were found.
    """
    gap, holds, is_eq, keys, uses, current, signed = (
        system.gap, system.holds, system.is_eq, system.keys, system.uses, system.current, system.signed
    )
    seen: set[tuple[str, Number]] = set()
    resolving: dict[str, list[_Candidate]] = {}
    for i in wrong:
        eq = system.evaluated[i].eq
        diff = gap[i]
        for p in eq.cells:
            now_value = current[p]
            value = now_value - diff if p in eq.left_set else now_value + diff
            if value < 0 and p not in signed:
                continue
            if (p, value) in seen:
                continue
            seen.add((p, value))
            delta = value - now_value
            resolves, breaks = [], 0
            for j, w in uses[p]:
                g = gap[j] + w * delta
                now = g == 0 if is_eq[j] else g >= 0
                if now is not holds[j]:
                    if now:
                        resolves.append(keys[j])
                    else:
                        breaks += 1
            candidate = _Candidate(p, value, tuple(resolves), breaks)
            for key in resolves:
                resolving.setdefault(key, []).append(candidate)
    return resolving


def _best_fixes(
    ctx: _Context, system: _System, resolving: dict[str, list[_Candidate]], wrong: list[int]
) -> dict[str, Fix]:
    """For each violated equation, the candidate that resolves it with the best score, with its equals."""
    order, values = ctx.order, ctx.values
    out: dict[str, Fix] = {}
    for i in wrong:
        key = system.keys[i]
        mine = resolving.get(key)
        if not mine:  # pragma: no cover - every violated equation yields a candidate unless all are negative
            continue
        left = system.evaluated[i].eq.left_set

        def rank(c: _Candidate, left: frozenset[str] = left) -> tuple[int, bool, bool, int, str]:
            score = len(c.resolves) - c.breaks
            return (-score, c.path not in left, values[c.path] is not None, order[c.path], str(c.value))

        mine = sorted(mine, key=rank)
        best = mine[0]
        score = len(best.resolves) - best.breaks
        alternatives = tuple(c.fix(ctx) for c in mine[1:] if len(c.resolves) - c.breaks == score)
        out[key] = best.fix(ctx, alternatives)
    return out


def _after(system: _System, changes: dict[str, Number]) -> dict[int, Number]:
    """The gap, after *changes*, of each equation they touch (in the order the changes touch them)."""
    current, gap, weights, uses = system.current, system.gap, system.weights, system.uses
    deltas = [(p, value - current[p]) for p, value in changes.items()]
    after: dict[int, Number] = {}
    for p, _ in deltas:
        for j, _w in uses.get(p, ()):
            if j not in after:
                g, mine = gap[j], weights[j]
                for q, delta in deltas:
                    w = mine.get(q)
                    if w:
                        g += w * delta
                after[j] = g
    return after


def _effect(system: _System, changes: dict[str, Number]) -> tuple[list[str], int]:
    """The keys of the violated equations that *changes* would resolve, and how many that hold it would break."""
    resolves, breaks = [], 0
    for j, g in _after(system, changes).items():
        st = system.status(j, g)
        if st > 0:
            resolves.append(system.keys[j])
        elif st < 0:
            breaks += 1
    return resolves, breaks


def _best_step(
    ctx: _Context,
    system: _System,
    wrong: Sequence[int],
    group: set[str],
    changes: dict[str, Number],
    order: dict[str, int],
) -> tuple[str, Number] | None:
    """
    The one more cell change that resolves the most findings of *group* still open, breaking the fewest.

    Each trial is :func:`_effect` of *changes* with one more cell, worked out from
    the gaps after *changes*: only the equations of the added cell change.
    """
    gap, keys, uses, current, signed = system.gap, system.keys, system.uses, system.current, system.signed
    is_eq, holds = system.is_eq, system.holds
    after = _after(system, changes)
    now_gap = list(gap)
    status = [0] * len(gap)
    for j, g in after.items():
        now_gap[j] = g
        status[j] = system.status(j, g)
    in_group = [key in group for key in keys]  # keys are unique, so counting equations counts keys
    resolved = sum(1 for j in after if status[j] > 0 and in_group[j])
    broken = sum(1 for j in after if status[j] < 0)
    best: tuple[tuple[int, int, int], str, tuple[str, Number]] | None = None
    for i in wrong:
        if not in_group[i] or status[i] > 0:  # not of the group, or resolved already
            continue
        eq = system.evaluated[i].eq
        diff = now_gap[i]
        for q in eq.cells:
            if q in changes:
                continue
            now_value = current[q]
            value = now_value - diff if q in eq.left_set else now_value + diff
            if value < 0 and q not in signed:
                continue
            delta = value - now_value
            n_resolved, breaks = resolved, broken
            for j, w in uses[q]:  # only q's equations change from the state after *changes*
                g = now_gap[j] + w * delta
                now = g == 0 if is_eq[j] else g >= 0
                st = 0 if now is holds[j] else (1 if now else -1)
                before = status[j]
                if st != before:
                    if before > 0:
                        n_resolved -= in_group[j]
                    elif before < 0:
                        breaks -= 1
                    if st > 0:
                        n_resolved += in_group[j]
                    elif st < 0:
                        breaks += 1
            rank = (-n_resolved, breaks, order[q])
            if best is None or rank < best[0] or (rank == best[0] and str(value) < best[1]):
                best = (rank, str(value), (q, value))
    return None if best is None else best[2]


def _reconcile(
    ctx: _Context,
    system: _System,
    wrong: list[int],
    fixes: dict[str, Fix],
    order: dict[str, int],
) -> dict[str, Fix]:
    """
    One diagnosis per cell: when findings want different values for the same cell, one joint fix for all of them.

    The joint fix sets that cell to one of the wanted values and one more cell
    so that every one of those findings is resolved, breaking as few relations
    as possible; without such a pair it says only that the values disagree.
    """
    by_cell: dict[str, list[str]] = {}
    for key, fix in fixes.items():
        by_cell.setdefault(fix.cell.path, []).append(key)
    known: dict[tuple[tuple[str, Number], ...], tuple[list[str], int]] = {}

    def effect(changes: dict[str, Number]) -> tuple[list[str], int]:
        """:func:`_effect` of *changes*, worked out once for each (ordered: the order of its keys is theirs)."""
        key = tuple(changes.items())
        found = known.get(key)
        if found is None:
            found = known[key] = _effect(system, changes)
        return found

    for path, keys in by_cell.items():
        wanted = {str(fixes[k].value): fixes[k] for k in keys}
        if len(wanted) < 2:
            continue
        conflicts = tuple(
            attrs.evolve(f, alternatives=(), resolves=tuple(k for k in keys if fixes[k].value == f.value))
            for f in wanted.values()
        )
        group = set(keys)
        best: tuple[tuple[int, int, int], Fix] | None = None
        for first in conflicts:
            changes: dict[str, Number] = {path: first.value}
            resolves, breaks = effect(changes)
            while not group.issubset(resolves) and len(changes) <= len(group):
                step = _best_step(ctx, system, wrong, group, changes, order)
                if step is None:
                    break
                changes[step[0]] = step[1]
                resolves, breaks = effect(changes)
            if not group.issubset(resolves):
                continue
            rank = (len(changes), breaks, -len(resolves))
            if best is None or rank < best[0]:
                together = tuple(Fix(cell=ctx.ref(q), value=x, resolves=()) for q, x in changes.items() if q != path)
                joint = Fix(
                    cell=ctx.ref(path),
                    value=first.value,
                    resolves=tuple(resolves),
                    breaks=breaks,
                    together=together,
                    conflicts=conflicts,
                )
                best = (rank, joint)
        if best is None:
            joint = Fix(cell=ctx.ref(path), value=conflicts[0].value, resolves=tuple(keys), conflicts=conflicts)
        else:
            joint = best[1]
        for k in keys:
            fixes[k] = joint
    return fixes
