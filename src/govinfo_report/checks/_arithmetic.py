"""
The arithmetic within a report: each violated equation's finding and message, and its diagnosis.

Part of :mod:`govinfo_report.checks`, which is the public face of these modules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

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
from ._context import _Context, _Evaluated, _holds, _num
from ._messages import Lang, Number, _compare, _Term

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


def _equation_messages(ctx: _Context, ev: _Evaluated) -> tuple[str, str]:
    eq = ev.eq
    specs = [ctx.spec(p) for p in eq.cells]
    varying = _varying(specs)
    left = specs[: len(eq.left)]
    values = ctx.values
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
        stated_terms = [_Term(_part_label(s, varying, lang), values[s.path]) for s in left]
        expected_terms = [_Term(_part_label(s, varying, lang), values[s.path]) for s in specs[len(left) :]]
        out.append(
            _compare(
                where,
                stated_terms,
                ev.stated,
                ev.expected,
                expected_terms,
                lang,
                at_least=eq.relation is Relation.GE,
                blanks=bool(ev.blanks),
            )
        )
    return out[0], out[1]


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


def _diagnoses(ctx: _Context, evaluated: list[_Evaluated], violated: list[_Evaluated]) -> dict[str, Fix]:
    """The most likely single-cell fix of each violated equation, by key: candidates, the best of each, one per cell."""
    if not violated:
        return {}
    uses = _uses(evaluated)
    candidates = _candidates(ctx, uses, violated)
    best = _best_fixes(ctx, candidates, violated)
    return _reconcile(ctx, uses, violated, best, ctx.order)


def _uses(evaluated: list[_Evaluated]) -> dict[str, list[_Evaluated]]:
    """The equations each cell takes part in."""
    uses: dict[str, list[_Evaluated]] = {}
    for ev in evaluated:
        for p in ev.eq.cells:
            uses.setdefault(p, []).append(ev)
    return uses


def _candidates(
    ctx: _Context, uses: dict[str, list[_Evaluated]], violated: list[_Evaluated]
) -> dict[tuple[str, Number], Fix]:
    """Every single-cell change that makes one violated equation hold, scored against every equation of its cell."""
    candidates: dict[tuple[str, Number], Fix] = {}
    for ev in violated:
        diff = ev.stated - ev.expected
        for p in ev.eq.cells:
            current = _num(ctx.values[p])
            value = current - diff if p in ev.eq.left_set else current + diff
            if value < 0 and ctx.spec(p).kind is not Kind.SIGNED:
                continue
            if (p, value) in candidates:
                continue
            resolves, breaks = [], 0
            for other in uses[p]:
                delta = value - current
                stated = other.stated + (delta if p in other.eq.left_set else 0)
                expected = other.expected + (delta if p in other.eq.right_set else 0)
                now = _holds(other.eq.relation, stated, expected)
                if now and not other.holds:
                    resolves.append(other.key)
                elif other.holds and not now:
                    breaks += 1
            candidates[(p, value)] = Fix(cell=ctx.ref(p), value=value, resolves=tuple(resolves), breaks=breaks)
    return candidates


def _best_fixes(ctx: _Context, candidates: dict[tuple[str, Number], Fix], violated: list[_Evaluated]) -> dict[str, Fix]:
    """For each violated equation, the candidate that resolves it with the best score, with its equals."""
    order = ctx.order
    out: dict[str, Fix] = {}
    for ev in violated:
        mine = [fix for fix in candidates.values() if ev.key in fix.resolves]
        if not mine:  # pragma: no cover - every violated equation yields a candidate unless all are negative
            continue

        def rank(fix: Fix, eq: Equation = ev.eq) -> tuple[int, int, int, int, str]:
            p = fix.cell.path
            return (-fix.score, p not in eq.left_set, fix.cell.value is not None, order[p], str(fix.value))

        mine.sort(key=rank)
        best = mine[0]
        alternatives = tuple(f for f in mine[1:] if f.score == best.score)
        out[ev.key] = attrs.evolve(best, alternatives=alternatives)
    return out


def _effect(
    uses: dict[str, list[_Evaluated]], changes: dict[str, Number], values: dict[str, Any]
) -> tuple[list[str], int]:
    """The keys of the violated equations that *changes* would resolve, and how many that hold it would break."""
    deltas = [(p, value - _num(values[p])) for p, value in changes.items()]
    resolves, breaks = [], 0
    seen: set[int] = set()
    for p, _ in deltas:
        for ev in uses.get(p, ()):
            if id(ev) in seen:
                continue
            seen.add(id(ev))
            stated, expected = ev.stated, ev.expected
            left, right = ev.eq.left_set, ev.eq.right_set
            for q, delta in deltas:
                if q in left:
                    stated += delta
                if q in right:
                    expected += delta
            now = stated == expected if ev.eq.relation is Relation.EQ else stated >= expected
            if now and not ev.holds:
                resolves.append(ev.key)
            elif ev.holds and not now:
                breaks += 1
    return resolves, breaks


def _best_step(
    ctx: _Context,
    uses: dict[str, list[_Evaluated]],
    violated: Sequence[_Evaluated],
    group: set[str],
    changes: dict[str, Number],
    order: dict[str, int],
    effect: Callable[[dict[str, Number]], tuple[list[str], int]],
) -> tuple[str, Number] | None:
    """The one more cell change that resolves the most findings of *group* still open, breaking the fewest."""
    values = ctx.values
    open_keys = group - set(effect(changes)[0])
    best: tuple[tuple[int, int, int, str], tuple[str, Number]] | None = None
    for ev in violated:
        if ev.key not in open_keys:
            continue
        trial_stated, trial_expected = ev.stated, ev.expected
        for p, value in changes.items():
            delta = value - _num(values[p])
            trial_stated += delta if p in ev.eq.left_set else 0
            trial_expected += delta if p in ev.eq.right_set else 0
        diff = trial_stated - trial_expected
        for q in ev.eq.cells:
            if q in changes:
                continue
            current = _num(values[q])
            value = current - diff if q in ev.eq.left_set else current + diff
            if value < 0 and ctx.spec(q).kind is not Kind.SIGNED:
                continue
            resolves, breaks = effect({**changes, q: value})
            rank = (-len(group & set(resolves)), breaks, order[q], str(value))
            if best is None or rank < best[0]:
                best = (rank, (q, value))
    return None if best is None else best[1]


def _reconcile(
    ctx: _Context,
    uses: dict[str, list[_Evaluated]],
    violated: list[_Evaluated],
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
    values = ctx.values
    known: dict[tuple[tuple[str, Number], ...], tuple[list[str], int]] = {}

    def effect(changes: dict[str, Number]) -> tuple[list[str], int]:
        """:func:`_effect` of *changes*, worked out once for each (ordered: the order of its keys is theirs)."""
        key = tuple(changes.items())
        found = known.get(key)
        if found is None:
            found = known[key] = _effect(uses, changes, values)
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
            while not group <= set(resolves) and len(changes) <= len(group):
                step = _best_step(ctx, uses, violated, group, changes, order, effect)
                if step is None:
                    break
                changes[step[0]] = step[1]
                resolves, breaks = effect(changes)
            if not group <= set(resolves):
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
