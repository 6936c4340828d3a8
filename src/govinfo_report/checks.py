"""
Consistency checks: every 勾稽关系 of the report, as findings with codes, locations and numbers.

:func:`check` judges a finished report and returns a list of
:class:`~govinfo_report.findings.Finding` values; it never raises because a
report is inconsistent.  It evaluates:

* the arithmetic of the tables (:func:`govinfo_report.rules.equations`, the
  same equations the builders solve to derive totals): 表三 row totals, result
  totals and the printed balance 一 + 二 = （七）总计 + 四, 表四 totals, and the
  表二 inequalities (warnings);
* the report-level rules: the edition matches the year, blank cells (one
  finding listing them all), an empty 五, a 六 silent about 信息处理费 (2021
  edition), a publication after the deadline;
* with ``previous=``, the continuity with last year's report (carry-over per
  column of 表三, and 表二 in the same edition);
* with ``members=``, a summary report against its member reports.

Every arithmetic finding carries a diagnosis (:class:`~govinfo_report.findings.Fix`):
the single cell that, corrected, resolves the most findings while breaking
the fewest relations that hold now.

How blank cells count is the *blank* policy (:class:`BlankPolicy`): by
default a blank counts as 0 and is reported once as a warning.

:func:`ensure_consistent` is the fail-fast variant: it raises
:class:`~govinfo_report.errors.InconsistentReportError` carrying every finding
when any has error severity.  :func:`render_catalogue` prints the rule
catalogue (``python -m govinfo_report.checks --rules-markdown``).

>>> from govinfo_report import AnnualReport, replace_cell
>>> r = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
>>> r = replace_cell(r, "$.requests.received.natural_person", 2)
>>> for f in check(r):
...     print(f.severity, f.code, f.path, f.stated, f.expected)
error T3-ROW-TOTAL $.requests.received.total 0 2
error T3-BALANCE $.requests.results.total.natural_person 0 2
warning EMPTY-PROBLEMS $.problems None None
info FEES-NOT-MENTIONED $.other_matters None None
>>> f = check(r)[0]
>>> print(f.message)
表三 一、本年新收政府信息公开申请数量 × 总计：填报 0，应为 2（自然人 2，其余为 0），少 2
>>> print(f.diagnosis.describe())  # one cell explains both findings
表三 一、本年新收政府信息公开申请数量 × 自然人 应为 0（现为 2；可解决 2 项，不影响其他关系）

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol, Union

import attrs
from attrs import frozen

from . import editions
from . import vocab as v
from ._deprecation import warn_renamed
from ._evaluator import clean
from ._exact import number, total
from ._fields import Kind
from .errors import InconsistentReportError, OptionError
from .findings import CellRef, Finding, FindingList, Fix
from .model import AnnualReport, Edition, Scope
from .rules import (
    ACROSS,
    CATALOGUE,
    Across,
    Equation,
    Relation,
    Severity,
    Source,
    across_equations,
    report_equations,
    rule,
)
from .tables import (
    SINGLE_ALONE,
    CellSpec,
    ReportLayout,
    cell_values,
    checked_cells,
    layout,
    single_row_cells,
    single_row_mode,
    single_row_values,
)

if TYPE_CHECKING:
    from .importers._result import ParseResult

__all__ = [
    "ADVISORY",
    "CONTINUITY",
    "MEMBERS",
    "REQUIRED",
    "BlankPolicy",
    "Check",
    "CheckContext",
    "UserCheck",
    "catalogue_markdown",
    "check",
    "default_deadline",
    "ensure_consistent",
    "render_catalogue",
]

Number = Union[int, Decimal]
Lang = Literal["zh", "en"]


class BlankPolicy(str, enum.Enum):
    """
    How :func:`check` treats blank cells.

    .. versionadded:: 0.1.0
    """

    ZERO = "zero"
    """A blank counts as 0 in the arithmetic; one BLANK-CELLS warning lists every blank cell (the default)."""
    STRICT = "strict"
    """As ZERO, but BLANK-CELLS is an error."""
    IGNORE = "ignore"
    """No BLANK-CELLS finding; a relation that uses a blank cell is not checked."""

    def __str__(self) -> str:
        return self.value


# ----------------------------------------------------------------------------
# Formatting helpers (messages)
# ----------------------------------------------------------------------------


def _fmt(value: object, lang: Lang) -> str:
    if value is None:
        return "空" if lang == "zh" else "blank"
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _gap(diff: Number, lang: Lang) -> str:
    if lang == "zh":
        return f"{'多' if diff > 0 else '少'} {abs(diff)}"
    return f"{abs(diff)} too {'many' if diff > 0 else 'few'}"


def _blank_note(blanks: bool, lang: Lang) -> str:
    if not blanks:
        return ""
    return "（空 按0计）" if lang == "zh" else " (blank counted as 0)"


class _Term(NamedTuple):
    """One term of an expression in a message: sign, label and value."""

    label: str
    value: object
    sign: int = 1


def _expr(terms: Sequence[_Term], lang: Lang, *, omit_zeros: bool = False) -> str:
    """``a 1 + b 空 − c 2``; with *omit_zeros*, 0 terms are summarised at the end."""
    shown = [t for t in terms if not (omit_zeros and t.value == 0)]
    if not shown:
        return "各项均为 0" if lang == "zh" else "all parts 0"
    out = ""
    for i, t in enumerate(shown):
        op = ("+" if t.sign > 0 else "−") if i else ("" if t.sign > 0 else "−")
        out += (f" {op} " if i else op) + f"{t.label} {_fmt(t.value, lang)}"
    if len(shown) < len(terms):
        out += "，其余为 0" if lang == "zh" else "; the rest 0"
    return out


def _compare(
    where: str,
    stated_terms: Sequence[_Term],
    stated: Number,
    expected: Number,
    expected_terms: Sequence[_Term],
    lang: Lang,
    *,
    at_least: bool = False,
    blanks: bool = False,
    stated_word: str | None = None,
    expression: bool = False,
) -> str:
    """The message of a comparison: where, what is stated, what it should be, and the gap (*expression*: as a sum)."""
    omit = len(expected_terms) > 4
    diff = stated - expected
    if lang == "zh":
        verb = "应不少于" if at_least else "应为"
        word = stated_word or "填报"
        if len(stated_terms) == 1 and not expression:
            head = f"{where}：{word} {_fmt(stated_terms[0].value, 'zh')}"
            return (
                f"{head}，{verb} {expected}（{_expr(expected_terms, 'zh', omit_zeros=omit)}），"
                f"{_gap(diff, 'zh')}{_blank_note(blanks, 'zh')}"
            )
        return (
            f"{where}：{_expr(stated_terms, 'zh')} = {stated}，{verb} {_expr(expected_terms, 'zh', omit_zeros=omit)}"
            f" = {expected}，{_gap(diff, 'zh')}{_blank_note(blanks, 'zh')}"
        )
    verb = "expected at least" if at_least else "expected"
    word = stated_word or "stated"
    if len(stated_terms) == 1 and not expression:
        return (
            f"{where}: {word} {_fmt(stated_terms[0].value, 'en')}, {verb} {expected} "
            f"({_expr(expected_terms, 'en', omit_zeros=omit)}), {_gap(diff, 'en')}{_blank_note(blanks, 'en')}"
        )
    return (
        f"{where}: {_expr(stated_terms, 'en')} = {stated}, {verb} "
        f"{_expr(expected_terms, 'en', omit_zeros=omit)} = {expected}, {_gap(diff, 'en')}{_blank_note(blanks, 'en')}"
    )


# ----------------------------------------------------------------------------
# The report under check
# ----------------------------------------------------------------------------


class CheckContext:
    """
    The report under check, as every check function sees it (the second argument of a check).

    Attributes:
        report: The report under check.
        policy: The blank-cell policy.
        edition: The report's edition.
        layout: Its layout (:func:`~govinfo_report.tables.layout`).
        previous: The previous year's report given to :func:`check`, or None.
        members: The member reports given to :func:`check` (empty when none were given).
        values: Every cell value the checks read, by path (:meth:`ref` gives one as a
            :class:`~govinfo_report.findings.CellRef`).

    :meth:`finding` builds a :class:`~govinfo_report.findings.Finding` located at a
    path, with the table and the Chinese labels of the cell filled in.

    A rule of one's own is a function of the report and this context
    (``check(report, extra_checks=[fn])``, see docs/howto-custom-rules.md):

    >>> from govinfo_report import AnnualReport, replace_cell
    >>> def many_reviews(report, context):
    ...     total = context.values["$.disputes.review.total"] or 0
    ...     if total > 10:
    ...         yield context.finding("MY-REVIEWS", "$.disputes.review.total", severity="warning",
    ...                               stated=total, message=f"行政复议 {total} 件", message_en=f"{total} reviews")
    >>> r = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
    >>> r = replace_cell(replace_cell(r, "$.disputes.review.upheld", 12), "$.disputes.review.total", 12)
    >>> [(f.code, f.row, f.column) for f in check(r, extra_checks=[many_reviews])][0]
    ('MY-REVIEWS', '行政复议', '总计')

    .. versionadded:: 0.2.0
    """

    def __init__(
        self,
        report: AnnualReport,
        policy: BlankPolicy,
        unread: Iterable[str] = (),
        *,
        previous: AnnualReport | None = None,
        members: Sequence[AnnualReport] | None = None,
        options: _Options | None = None,
    ) -> None:
        self.report = report
        self.policy = policy
        self.unread = frozenset(unread)
        self._skipped = 0
        self.previous = previous
        self.members: tuple[AnnualReport, ...] = tuple(members or ())
        self.given_members = members is not None
        self.options = options or _DEFAULT_OPTIONS
        self.edition = report.meta.edition
        self.layout: ReportLayout = layout(self.edition)
        self.single_row = single_row_mode(report)
        """How （六）其他处理 printed as one row counts (:func:`~govinfo_report.tables.single_row_mode`)."""
        self.cells = checked_cells(self.edition, self.single_row)
        """The cells the checks read: the layout's, or with （六）其他处理 printed as one row."""
        self.by_path = self.layout.by_path if self.single_row is None else {c.path: c for c in self.cells}
        self.clean = clean(report)
        self._refs: dict[str, CellRef] = {}
        """Every cell filled and every equation held (the fast path: then no arithmetic finding is built)."""

    @functools.cached_property
    def equations(self) -> tuple[Equation, ...]:
        """The in-report equations of the report (:func:`~govinfo_report.rules.report_equations`)."""
        return report_equations(self.report)

    @functools.cached_property
    def evaluated(self) -> list[_Evaluated]:
        """Every in-report equation evaluated (once; :attr:`skipped` counts those left out)."""
        return _evaluate(self)

    @property
    def skipped(self) -> int:
        """The in-report equations not evaluated because they need an unread cell."""
        self.evaluated  # noqa: B018 - evaluating them counts them
        return self._skipped

    @functools.cached_property
    def values(self) -> dict[str, Any]:
        values = cell_values(self.report)
        if self.single_row is not None:
            values.update(single_row_values(self.report))
        return values

    @functools.cached_property
    def order(self) -> dict[str, int]:
        """Each cell's place in the official order (the single row of （六） after its sub-rows)."""
        if self.single_row is None:
            return _cell_order(self.edition)
        return {spec.path: i for i, spec in enumerate(checked_cells(self.edition, "with-sub-rows"))}

    @functools.cached_property
    def table_en(self) -> dict[str, str]:
        return {t.table.zh: t.table.en for t in self.layout.tables}

    def spec(self, path: str) -> CellSpec:
        return self.by_path[path]

    def ref(self, path: str) -> CellRef:
        ref = self._refs.get(path)
        if ref is None:  # a CellRef is immutable: one per cell serves every finding and diagnosis
            ref = self._refs[path] = _cell_ref(self.by_path[path], self.values[path])
        return ref

    def location(self, spec: CellSpec, lang: Lang) -> str:
        if lang == "zh":
            return spec.location
        return f"{self.table_en[spec.table]} {spec.row_en} × {spec.column_en}"

    def finding(self, code: str, path: str, **kwargs: Any) -> Finding:
        """
        A finding of rule *code* located at *path* (a cell path or another path).

        *kwargs* are the other fields of :class:`~govinfo_report.findings.Finding`;
        *severity* defaults to the catalogue's (a code of the user's own needs one).
        """
        spec = self.by_path.get(path)
        where: dict[str, Any] = {}
        if spec is not None:
            where = {"table": spec.table, "row": spec.row, "column": spec.column}
        if "severity" not in kwargs:
            try:
                kwargs["severity"] = rule(code).severity
            except KeyError:
                raise OptionError(f"{code}: not a code of the catalogue; give the finding a severity") from None
        return Finding(code=code, path=path, **where, **kwargs)


_Context = CheckContext


@frozen
class _Options:
    """What check() was asked for beyond the report: the deadline and the advisory checks."""

    deadline: _dt.date | None = None
    plausibility: bool = False
    rule_making_power: bool | None = None
    narrative: bool = True


_DEFAULT_OPTIONS = _Options()
_options = functools.lru_cache(maxsize=64)(_Options)  # the options of a call, made once for each combination


def _cell_ref(spec: CellSpec, value: Any, source: str | None = None) -> CellRef:
    return CellRef(path=spec.path, table=spec.table, row=spec.row, column=spec.column, value=value, source=source)


_num = number  # a cell value for arithmetic: a blank is 0
_total = total  # the sum of cell values, a blank counting as 0


def _holds(relation: Relation, stated: Number, expected: Number) -> bool:
    return stated == expected if relation is Relation.EQ else stated >= expected


def _balance(relation: Relation, left: Sequence[Any], right: Sequence[Any]) -> tuple[Number, Number, bool]:
    """
    The one evaluation of an arithmetic rule: Σ *left*, Σ *right* (a blank counting as 0), and whether it holds.

    Every equation goes through it: those within the report (:func:`_evaluate`, over the cells of
    :func:`~govinfo_report.rules.report_equations`) and those across reports (:func:`_evaluate_across`,
    over the weighted terms of :data:`~govinfo_report.rules.ACROSS` and the user's own).
    """
    stated, expected = _total(left), _total(right)
    return stated, expected, _holds(relation, stated, expected)


# ----------------------------------------------------------------------------
# Arithmetic and diagnosis
# ----------------------------------------------------------------------------


@frozen
class _Evaluated:
    """One equation evaluated on the report."""

    eq: Equation
    stated: Number
    expected: Number
    holds: bool
    blanks: tuple[str, ...]
    key: str = attrs.field(eq=False)
    """The key of its finding: ``code@first stated path``."""


def _evaluate(ctx: _Context) -> list[_Evaluated]:
    values = ctx.values
    ignore = ctx.policy is BlankPolicy.IGNORE
    out = []
    for eq in ctx.equations:
        left = [values[p] for p in eq.left]
        right = [values[p] for p in eq.right]
        if None in left or None in right:
            blanks = tuple(p for p in eq.cells if values[p] is None)
            if ignore:
                continue
            if ctx.unread and any(p in ctx.unread for p in blanks):
                ctx._skipped += 1  # the importer could not read the table or row: not the report's fault
                continue
        else:  # the common case: every cell filled
            blanks = ()
        stated, expected, holds = _balance(eq.relation, left, right)
        out.append(_Evaluated(eq, stated, expected, holds, blanks, f"{eq.code}@{eq.left[0]}"))
    return out


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


# ----------------------------------------------------------------------------
# Report-level rules
# ----------------------------------------------------------------------------


def default_deadline(report: AnnualReport) -> _dt.date | None:
    """
    The statutory publication deadline of *report*, or None when its year is not known.

    The next year's 1月31日 for an organ's report, 3月31日 for a government-level report.

    >>> from govinfo_report import AnnualReport
    >>> default_deadline(AnnualReport.blank("2021", organ="某某局", year=2023))
    datetime.date(2024, 1, 31)

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       None for a report whose year is not known.
    """
    if report.meta.year is None:
        return None
    year = report.meta.year + 1
    if report.meta.scope is Scope.GOVERNMENT_LEVEL:
        return _dt.date(year, 3, 31)
    return _dt.date(year, 1, 31)


def _meta_unknown(report: AnnualReport, ctx: _Context) -> list[Finding]:
    """One META-UNKNOWN finding when the organ or year is not known, naming the checks that were skipped."""
    meta = ctx.report.meta
    if meta.organ is not None and meta.year is not None:
        return []
    deadline, previous = ctx.options.deadline, ctx.previous
    missing = [(t.zh, t.en) for t, value in ((v.ORGAN, meta.organ), (v.YEAR, meta.year)) if value is None]
    if not missing:
        return []
    skipped: list[str] = []
    if meta.year is None:
        skipped.append("EDITION-YEAR")
        if meta.published is not None and deadline is None:
            skipped.append("LATE-PUBLICATION")
    if previous is not None:  # whether it is the same organ's report for the year before cannot be told
        skipped.append("PREVIOUS-REPORT")
    zh = "、".join(z for z, _ in missing)
    en = " and ".join(e for _, e in missing)
    tail_zh = f"；未进行的检查：{'、'.join(skipped)}" if skipped else ""
    tail_en = f"; skipped: {', '.join(skipped)}" if skipped else ""
    hint = "（读取已发布报告时可用 --organ、--year 给出）"
    path = "$.meta.year" if meta.year is None else "$.meta.organ"
    return [
        ctx.finding(
            "META-UNKNOWN",
            path,
            message=f"报告未写明{zh}{hint}{tail_zh}",
            message_en=f"The report does not say its {en} (give them with --organ and --year){tail_en}",
        )
    ]


def _edition_year(report: AnnualReport, ctx: _Context) -> list[Finding]:
    meta = ctx.report.meta
    if meta.year is None:  # said by META-UNKNOWN
        return []
    expected = editions.for_year(meta.year, strict=False).edition
    if expected is meta.edition:
        return []
    return [
        ctx.finding(
            "EDITION-YEAR",
            "$.meta.edition",
            stated=meta.edition.value,
            expected=expected.value,
            message=(
                f"{v.EDITION.zh} 与 {v.YEAR.zh} 不符：{meta.year}年度报告应使用{expected.value}年版格式，"
                f"实为{meta.edition.value}年版"
            ),
            message_en=(
                f"The edition does not match the year: a report for {meta.year} uses the {expected.value} "
                f"edition, this one the {meta.edition.value} edition"
            ),
        )
    ]


def _blank_cells(report: AnnualReport, ctx: _Context) -> list[Finding]:
    if ctx.policy is BlankPolicy.IGNORE or ctx.clean:
        return []
    blanks = [ctx.ref(spec.path) for spec in ctx.cells if ctx.values[spec.path] is None]
    if not blanks:
        return []
    single_zh = single_en = ""
    if ctx.single_row == SINGLE_ALONE:  # its sub-rows are not blank cells: the report printed the group as one row
        single_zh = (
            f"；{v.OTHER_HANDLING.zh}印成一行（{v.OTHER_HANDLING_SINGLE_ROW.zh}），其三个子行未列出，"
            "不计为空白，按该行计算"
        )
        single_en = (
            f"; {v.OTHER_HANDLING.en} is printed as one row: its three sub-rows are not listed, not counted as "
            "blank, and the row is used instead"
        )
    per_table: dict[str, int] = {}
    for c in blanks:
        per_table[c.table] = per_table.get(c.table, 0) + 1
    zh_counts = "，".join(f"表{t} {n} 个" for t, n in per_table.items())
    en_counts = ", ".join(f"{ctx.table_en[t]}: {n}" for t, n in per_table.items())
    strict = ctx.policy is BlankPolicy.STRICT
    n = len(blanks)
    unread = sum(1 for c in blanks if c.path in ctx.unread)
    unread_zh = unread_en = ""
    if unread:
        unread_zh = f"；其中 {unread} 个因表格或行未能读取而为空，依赖它们的 {ctx.skipped} 项计算关系未检查"
        unread_en = (
            f"; {unread} of them could not be read (a table or row was not found), and the {ctx.skipped} "
            "relations that need them were not checked"
        )
    return [
        ctx.finding(
            "BLANK-CELLS",
            "$",
            severity=Severity.ERROR if strict else Severity.WARNING,
            details=tuple(blanks),
            blank_cells=tuple(c.path for c in blanks),
            message=(
                f"{n} 个单元格为空（{zh_counts}），计算时按 0 计"
                + ("；严格模式下空白单元格视为错误" if strict else "")
                + unread_zh
                + single_zh
            ),
            message_en=(
                f"{n} cell{'s are' if n != 1 else ' is'} blank ({en_counts}), counted as 0"
                + ("; blank cells are errors under the strict policy" if strict else "")
                + unread_en
                + single_en
            ),
            follow_on=ctx.skipped,
        )
    ]


def _empty_problems(report: AnnualReport, ctx: _Context) -> list[Finding]:
    text = ctx.report.problems.text
    if (text and not text.isspace()) or not ctx.report.problems.is_empty():
        return []
    return [
        ctx.finding(
            "EMPTY-PROBLEMS",
            "$.problems",
            message=f"{v.PROBLEMS.zh} 没有内容",
            message_en=f"Section {v.PROBLEMS.en} is empty",
        )
    ]


def _fees_mentioned(report: AnnualReport, ctx: _Context) -> list[Finding]:
    if ctx.edition not in rule("FEES-NOT-MENTIONED").editions:
        return []
    matters = ctx.report.other_matters
    if matters.fees is not None:
        return []
    text = "\n".join([matters.text, *(f"{s.title}\n{s.text}" for s in matters.subsections)])
    words = (v.PROCESSING_FEE.zh, *v.PROCESSING_FEE.variants, v.FEES_CHARGED.zh, *v.FEES_CHARGED.variants)
    if any(w in text for w in words):
        return []
    return [
        ctx.finding(
            "FEES-NOT-MENTIONED",
            "$.other_matters",
            message=f"{v.OTHER_MATTERS.zh} 未说明{v.PROCESSING_FEE.zh}收取情况（是否收取、件数和金额）",
            message_en=f"Section {v.OTHER_MATTERS.en} says nothing about {v.PROCESSING_FEE.en}s",
        )
    ]


def _late(report: AnnualReport, ctx: _Context) -> list[Finding]:
    deadline = ctx.options.deadline
    published = ctx.report.meta.published
    if published is None:
        return []
    given = deadline is not None
    limit = deadline if deadline is not None else default_deadline(ctx.report)
    if limit is None or published <= limit:  # no year, no deadline: said by META-UNKNOWN
        return []
    days = (published - limit).days
    if given:
        why_zh, why_en = "（指定期限）", " (the given deadline)"
    elif ctx.report.meta.scope is Scope.GOVERNMENT_LEVEL:
        why_zh, why_en = "（本级政府报告法定期限为次年3月31日）", " (31 March for a government-level report)"
    else:
        why_zh, why_en = "（部门报告法定期限为次年1月31日）", " (31 January for an organ's report)"
    return [
        ctx.finding(
            "LATE-PUBLICATION",
            "$.meta.published",
            stated=published,
            expected=limit,
            message=f"发布日期 {published.isoformat()} 晚于期限 {limit.isoformat()}{why_zh}，晚 {days} 天",
            message_en=f"Published {published.isoformat()}, after the deadline {limit.isoformat()}{why_en}: "
            f"{days} day{'s' if days != 1 else ''} late",
        )
    ]


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
    from ._crosswalk import mapped_paths

    by_path = layout(previous.meta.edition).by_path
    specs = {p: by_path[p] for p in mapped_paths(previous.meta.edition, ctx.edition) if p in by_path}
    return _Side(cell_values(previous), specs, _PREVIOUS, "上年报告 ", "last year's ")


def _member_sides(ctx: _Context, members: Sequence[AnnualReport]) -> list[_Side]:
    """Each member, its cells read as the summary's (the summary's （六） as one row: each member's as one row)."""
    out = []
    for m in members:
        values = cell_values(m)
        if ctx.single_row is not None:  # the summary's （六）其他处理（未分子行）: each member's （六） as one row
            from ._crosswalk import other_handling_row

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


# ----------------------------------------------------------------------------
# A summary against its members
# ----------------------------------------------------------------------------


def _member_source(organ: str) -> str:
    return f"member:{organ}"


def _member_problems(ctx: _Context) -> tuple[list[Finding], list[AnnualReport], list[tuple[str, Finding]]]:
    """
    SUMMARY-MEMBER-MISMATCH for each member of another year or edition, given twice, or not listed.

    Returns the findings, the members used in the sums, and the members left
    out of them with the finding that says so.
    """
    summary = ctx.report
    listed = summary.meta.members
    out: list[Finding] = []
    used: list[AnnualReport] = []
    left_out: list[tuple[str, Finding]] = []
    for m in ctx.members:
        problems_zh, problems_en = [], []
        excluded = False
        if None not in (m.meta.year, summary.meta.year) and m.meta.year != summary.meta.year:
            problems_zh.append(f"{v.YEAR.zh}为 {m.meta.year}，汇总报告为 {summary.meta.year}")
            problems_en.append(f"its year is {m.meta.year}, the summary's {summary.meta.year}")
            excluded = True
        if m.meta.edition is not summary.meta.edition:
            problems_zh.append(f"{v.EDITION.zh}为 {m.meta.edition.value}，汇总报告为 {summary.meta.edition.value}")
            problems_en.append(f"its edition is {m.meta.edition.value}, the summary's {summary.meta.edition.value}")
            excluded = True
        if m.meta.organ is not None and any(u.meta.organ == m.meta.organ for u in used):
            problems_zh.append("重复提供")
            problems_en.append("it was given twice")
            excluded = True
        if listed and m.meta.organ not in listed:
            problems_zh.append("未列入汇总报告的成员单位")
            problems_en.append("it is not listed among the summary's members")
        if problems_zh:
            path = f"$.meta.members[{listed.index(m.meta.organ)}]" if m.meta.organ in listed else "$.meta.members"
            tail_zh = "，未计入汇总比较" if excluded else ""
            tail_en = "; left out of the comparison" if excluded else ""
            out.append(
                ctx.finding(
                    "SUMMARY-MEMBER-MISMATCH",
                    path,
                    stated=m.meta.organ,
                    message=f"成员报告 {m.meta.organ_name}（{m.meta.year_name}）：{'；'.join(problems_zh)}{tail_zh}",
                    message_en=f"Member report of {m.meta.organ_name} ({m.meta.year_name}): "
                    f"{'; '.join(problems_en)}{tail_en}",
                )
            )
            if excluded:
                left_out.append((m.meta.organ_name, out[-1]))
        if not excluded:
            used.append(m)
    return out, used, left_out


def _missing_members(ctx: _Context, used: Sequence[AnnualReport]) -> list[Finding]:
    """SUMMARY-MISSING-MEMBER for each listed member without a report."""
    summary = ctx.report
    given = {m.meta.organ for m in used}
    return [
        ctx.finding(
            "SUMMARY-MISSING-MEMBER",
            f"$.meta.members[{i}]",
            expected=name,
            message=f"汇总报告列出的成员单位 {name} 没有提供{summary.meta.year}年度报告",
            message_en=f"The summary lists {name}, but no {summary.meta.year} report of it was given",
        )
        for i, name in enumerate(summary.meta.members)
        if name not in given
    ]


def _summary(report: AnnualReport, ctx: _Context) -> list[Finding]:
    """With members: the member problems, the missing members, and SUMMARY-CELL (folded under their cause)."""
    if not ctx.given_members:
        return []
    out, used, left_out = _member_problems(ctx)
    out += _missing_members(ctx, used)
    cells = _summary_cells(ctx, used)
    # the cause of the sums' shortfall: a listed member without a report, else a member left out of them
    given = {m.meta.organ for m in used}
    causes = [f for f in out if f.code == "SUMMARY-MISSING-MEMBER"]
    causes += [f for organ, f in left_out if organ not in given and organ not in report.meta.members]
    if causes:
        cells = _follow_on(ctx, causes[0], cells, out)
    out.extend(cells)
    return out


def _follow_on(ctx: _Context, cause: Finding, cells: list[Finding], out: list[Finding]) -> list[Finding]:
    """
    Fold into *cause* (a missing member, or one left out) the SUMMARY-CELL findings it explains; return the others.

    A missing member's counts are ≥ 0, so a summary cell above the sum of the
    members given is what one expects; a cell below it (or a signed cell,
    本年增/减, either way) is not explained and stays a finding.
    """
    explained, kept = [], []
    for f in cells:
        signed = ctx.spec(f.path).kind is Kind.SIGNED
        diff = f.difference
        if diff is not None and (diff > 0 and not signed):
            explained.append(f)
        else:
            kept.append(f)
    if not explained:
        return cells
    n = len(explained)
    details: dict[str, Any] = {"details": tuple(ctx.ref(f.path) for f in explained)}
    folded = attrs.evolve(
        cause,
        **details,
        follow_on=n,
        message=f"{cause.message}；汇总报告另有 {n} 个单元格大于已提供成员报告之和，可能由此引起，未逐一列出",
        message_en=f"{cause.message_en}; {n} more summary cell{'s exceed' if n != 1 else ' exceeds'} the sum of the "
        "members given, probably for this reason (not listed one by one)",
    )
    out[out.index(cause)] = folded
    return kept


def _summary_cells(ctx: _Context, members: Sequence[AnnualReport]) -> list[Finding]:
    """SUMMARY-CELL: each cell of the summary against the sum over *members* (2019 采购总金额 only in one unit)."""
    this = _this_side(ctx)
    sides = {Source.THIS: [this], Source.MEMBERS: _member_sides(ctx, members)}
    eqs = [eq for eq in across_equations(ctx.edition, [c.path for c in ctx.cells]) if rule(eq.code).group == "summary"]
    evaluated = _evaluate_across(ctx, eqs, sides)
    units_path = "$.proactive.procurement.amount"
    out: list[Finding] = []
    if ctx.edition is Edition.E2019:
        for ev in evaluated:
            if ev.eq.left[0].path == units_path:
                finding = _unit_mismatch(ctx, members, list(ev.refs))
                if finding is not None:
                    out.append(finding)
                    evaluated.remove(ev)
                break

    def held() -> dict[_Side, _Held]:
        out: dict[_Side, _Held] = {this: _this_held(ctx)}
        involved = {side for ev in evaluated if not ev.holds for _, side, _ in ev.terms}
        for m, side in zip(members, sides[Source.MEMBERS], strict=True):
            if side in involved:
                out[side] = _member_held(m, ctx.policy)
        return out

    return out + _across_findings(ctx, evaluated, held)


def _unit_mismatch(ctx: _Context, members: Sequence[AnnualReport], refs: list[CellRef]) -> Finding | None:
    reports = [ctx.report, *members]
    units: dict[str, str] = {}
    for r, ref in zip(reports, refs, strict=True):
        if ref.value:  # a blank or zero amount has no unit to disagree with
            proactive: Any = r.proactive
            unit = proactive.procurement.amount_unit
            units[r.meta.organ_name] = "未注明" if unit is None else unit.value
    if len(set(units.values())) <= 1:
        return None
    listing = "，".join(f"{organ} {unit}" for organ, unit in units.items())
    listing_en = ", ".join(f"{organ}: {unit if unit != '未注明' else 'none given'}" for organ, unit in units.items())
    spec = ctx.spec(refs[0].path)
    return ctx.finding(
        "SUMMARY-AMOUNT-UNIT",
        spec.path,
        stated=refs[0].value,
        cells=tuple(refs),
        message=f"汇总 {spec.location}：各报告单位不一致（{listing}），未比较",
        message_en=f"Summary, {ctx.location(spec, 'en')}: the reports use different units ({listing_en}); not compared",
    )


# ----------------------------------------------------------------------------
# Entry points
# ----------------------------------------------------------------------------

_SECTIONS = ("meta", "overview", "proactive", "requests", "disputes", "problems", "other_matters")
_CODE_ORDER = {r.code: i for i, r in enumerate(CATALOGUE)}


@functools.cache
def _cell_order(edition: Edition) -> dict[str, int]:
    return {spec.path: i for i, spec in enumerate(layout(edition).cells)}


def _sort_key(ctx: _Context) -> Callable[[Finding], tuple[Any, ...]]:
    order = ctx.order

    def key(f: Finding) -> tuple[Any, ...]:
        parts = f.path.split(".")
        section = _SECTIONS.index(parts[1]) + 1 if len(parts) > 1 and parts[1] in _SECTIONS else 0
        return (f.severity.rank, section, order.get(f.path, -1), f.path, _CODE_ORDER.get(f.code, 999), f.message)

    return key


# ----------------------------------------------------------------------------
# The checks, in groups
# ----------------------------------------------------------------------------

Check = Callable[[AnnualReport, CheckContext], Iterable[Finding]]
"""A check: a function of the report and its :class:`CheckContext` that returns findings."""

UserCheck = Union[Check, Equation, Across]
"""What ``check(..., extra_checks=[...])`` takes: a check function, or an equation given as data."""


def _narrative(report: AnnualReport, ctx: _Context) -> list[Finding]:
    """The TEXT-* rules (on by default; ``check(report, narrative=False)`` skips them)."""
    if not ctx.options.narrative:
        return []
    from .narrative_checks import narrative_findings

    return narrative_findings(report)


def _plausibility(report: AnnualReport, ctx: _Context) -> list[Finding]:
    """The PLAUS-* rules (``check(report, plausibility=True)``)."""
    if not ctx.options.plausibility:
        return []
    from .plausibility_checks import plausibility as plausibility_findings

    return plausibility_findings(report, previous=ctx.previous, rule_making_power=ctx.options.rule_making_power)


REQUIRED: tuple[Check, ...] = (
    _meta_unknown,
    _edition_year,
    _blank_cells,
    _arithmetic,
    _empty_problems,
    _fees_mentioned,
    _late,
)
"""The checks of every report: metadata, the arithmetic of the tables, the report-level rules."""

CONTINUITY: tuple[Check, ...] = (_continuity,)
"""The checks against last year's report (``check(report, previous=...)``)."""

MEMBERS: tuple[Check, ...] = (_summary,)
"""The checks of a summary against its members (``check(summary, members=[...])``)."""

ADVISORY: tuple[Check, ...] = (_narrative, _plausibility)
"""The prose against the tables, and the plausibility rules."""


def _groups(ctx: _Context) -> list[tuple[Check, ...]]:
    """The groups of checks that apply to *ctx*: continuity with a previous report, members with members."""
    out = [REQUIRED]
    if ctx.previous is not None:
        out.append(CONTINUITY)
    if ctx.given_members:
        out.append(MEMBERS)
    out.append(ADVISORY)
    return out


# ---- the user's own rules --------------------------------------------------

_RESERVED = frozenset(r.code for r in CATALOGUE)


def _reserved(code: str) -> bool:
    return code in _RESERVED or code.startswith(IMPORT_PREFIX)


def _user_checks(extra: Iterable[UserCheck]) -> list[Check]:
    """*extra* as check functions: the equations evaluated together, each function's codes checked."""
    if extra == ():
        return []
    if isinstance(extra, (Equation, Across)) or callable(extra):
        raise OptionError("extra_checks: expected a list of checks or equations, got a single one")
    eqs: list[Across] = []
    fns: list[Check] = []
    for i, item in enumerate(extra):
        if isinstance(item, Equation):
            severity = Severity.ERROR if item.relation is Relation.EQ else Severity.WARNING
            item = Across.of(item, severity)
        if isinstance(item, Across):
            if _reserved(item.code):
                raise OptionError(f"extra_checks[{i}]: the code {item.code!r} is the catalogue's; choose another")
            eqs.append(item if item.severity is not None else attrs.evolve(item, severity=Severity.ERROR))
        elif callable(item):
            fns.append(functools.partial(_user_function, item, i))
        else:
            raise OptionError(
                f"extra_checks[{i}]: expected a function (report, context) -> findings or an equation, "
                f"got {type(item).__name__}"
            )
    return ([functools.partial(_user_equations, tuple(eqs))] if eqs else []) + fns


def _user_function(fn: Check, i: int, report: AnnualReport, ctx: _Context) -> list[Finding]:
    out = list(fn(report, ctx))
    for f in out:
        if not isinstance(f, Finding):
            raise OptionError(f"extra_checks[{i}]: returned {type(f).__name__}, not a Finding")
        if _reserved(f.code):
            raise OptionError(f"extra_checks[{i}]: the code {f.code!r} is the catalogue's; choose another")
    return out


def _user_equations(eqs: tuple[Across, ...], report: AnnualReport, ctx: _Context) -> list[Finding]:
    """The user's equations, on the reports given: one that reads a report not given is not evaluated."""
    this = _this_side(ctx)
    sides: dict[Source, list[_Side]] = {Source.THIS: [this]}
    if ctx.previous is not None and not _previous_mismatch(ctx, ctx.previous):
        sides[Source.PREVIOUS] = [_previous_side(ctx, ctx.previous)]
    if ctx.given_members:
        sides[Source.MEMBERS] = _member_sides(ctx, _member_problems(ctx)[1])
    for eq in eqs:
        for t in eq.terms:
            if t.path not in ctx.layout.by_path and t.path not in ctx.by_path:
                raise OptionError(f"extra_checks: {eq.code}: {t.path!r} is not a cell of a {ctx.edition.value} report")
    return _across_findings(ctx, _evaluate_across(ctx, eqs, sides), lambda: {this: _this_held(ctx)})


def blank_policy(blank: BlankPolicy | str) -> BlankPolicy:
    """*blank* as a :class:`BlankPolicy`; an unknown value raises OptionError."""
    if blank.__class__ is BlankPolicy:
        return blank
    try:
        return BlankPolicy(blank)
    except ValueError:
        choices = ", ".join(repr(p.value) for p in BlankPolicy)
        raise OptionError(f"unknown blank policy {blank!r}; expected one of {choices}") from None


def _require_report(value: object, what: str) -> AnnualReport:
    if not isinstance(value, AnnualReport):
        raise OptionError(f"{what}: expected an AnnualReport, got {type(value).__name__}")
    return value


class ImportDiagnostic(Protocol):
    """What :func:`check` reads of an importer's diagnostic (:class:`govinfo_report.importers.Diagnostic`)."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def message(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    @property
    def line(self) -> int | None: ...
    @property
    def column(self) -> int | None: ...
    @property
    def path(self) -> str | None: ...


IMPORT_PREFIX = "IMPORT-"
"""The code prefix of the findings that carry an importer's diagnostics (``IMPORT-UNREADABLE-CELL`` …)."""


def _reading(ctx: _Context, diagnostics: Sequence[ImportDiagnostic], findings: list[Finding]) -> list[Finding]:
    """
    The import diagnostics as IMPORT-* findings, and *findings* with ``reading`` on the cells the importer doubted.

    A finding whose cells include one with an import warning may come from reading
    the file rather than from the report: its ``reading`` names the diagnostics and
    its message says so.
    """
    doubted: dict[str, list[str]] = {}
    out: list[Finding] = []
    for d in diagnostics:
        where_zh = f"第{d.line}行第{d.column or 1}列：" if d.line is not None else ""
        where_en = f"line {d.line}, col {d.column or 1}: " if d.line is not None else ""
        path = d.path or "$"
        spec = ctx.by_path.get(path)
        out.append(
            Finding(
                code=IMPORT_PREFIX + d.code,
                severity=d.severity,
                path=path,
                table=spec.table if spec is not None else None,
                row=spec.row if spec is not None else None,
                column=spec.column if spec is not None else None,
                message=f"读取：{where_zh}{d.message}",
                message_en=f"Reading: {where_en}{d.message_en}",
            )
        )
        if d.path is not None and d.severity is not Severity.INFO:
            doubted.setdefault(d.path, []).append(f"{d.code} @ {d.path}: {d.message}")
    for i, f in enumerate(findings):
        notes = [n for c in f.cells if c.source is None for n in doubted.get(c.path, ())]
        if notes and not f.code.startswith(IMPORT_PREFIX):
            unique: tuple[str, ...] = tuple(dict.fromkeys(notes))
            findings[i] = attrs.evolve(
                f,
                reading=unique,
                message=f"{f.message}（涉及读取存疑的单元格，可能是读取问题而非报告错误）",
                message_en=f"{f.message_en} (involves a cell read with doubt: perhaps a reading problem, not an error "
                "of the report)",
            )
    return out


def check(
    report: AnnualReport | ParseResult,
    *,
    previous: AnnualReport | None = None,
    members: Iterable[AnnualReport] | None = None,
    blank: BlankPolicy | str = BlankPolicy.ZERO,
    deadline: _dt.date | None = None,
    plausibility: bool = False,
    rule_making_power: bool | None = None,
    narrative: bool = True,
    unread: Iterable[str] = (),
    diagnostics: Iterable[ImportDiagnostic] | None = None,
    extra_checks: Iterable[UserCheck] = (),
) -> list[Finding]:
    """
    Every finding about *report*; never raises because the report is inconsistent.

    Args:
        report: The report to check, or the :class:`~govinfo_report.importers.ParseResult`
            of an import (its ``unread`` cells are then passed as *unread*).
        previous: The same organ's report for the year before: adds the
            continuity rules (CARRY-OVER per column of 表三, and
            T2-IN-FORCE-CONTINUITY or T2-ITEMS-CONTINUITY when both reports
            have that edition).  When it is another organ's, or not the year
            before, a PREVIOUS-REPORT finding says so and nothing else is compared.
        members: When *report* is a summary: its member reports.  Each cell
            of the summary must equal the sum over the members
            (SUMMARY-CELL); every organ in ``report.meta.members`` needs a
            report (SUMMARY-MISSING-MEMBER); a member of another year or
            edition, given twice, or not listed (when the summary lists its
            members) is named (SUMMARY-MEMBER-MISMATCH), and all but the
            unlisted ones are left out of the sums.  2019 采购总金额 is summed only
            when all non-zero amounts share one unit (else SUMMARY-AMOUNT-UNIT).
        blank: The blank-cell policy (a :class:`BlankPolicy` or its value).
        deadline: The publication deadline; by default the next year's
            1月31日 for an organ, 3月31日 for a government-level report
            (:func:`default_deadline`).  LATE-PUBLICATION needs ``meta.published``.
        plausibility: Also run the advisory plausibility rules (PLAUS-*, warnings
            and info; see :func:`govinfo_report.plausibility`), with their
            default thresholds and *previous* when given.
        rule_making_power: For the plausibility rules: False when the organ has
            no power to make 规章, so a non-zero 规章 row is suspicious.
        diagnostics: For a report read from a published file, the importer's
            diagnostics (``parse(path).diagnostics``): each becomes a finding
            coded ``IMPORT-`` + its code, with its severity and place, and a
            finding that involves a cell the importer was unsure of says so
            (:attr:`~govinfo_report.findings.Finding.reading`).
        unread: Paths of the cells an importer left blank because it could not
            read their table or row (:attr:`~govinfo_report.importers.ParseResult.unread`):
            the arithmetic that needs one of them is not checked, and the
            BLANK-CELLS finding counts it (``follow_on``) instead of one error
            per relation.
        narrative: Compare the figures the prose states with the tables
            (the TEXT-* rules, :mod:`govinfo_report.narrative_checks`); they
            run only when the report has prose.  False skips them.
        extra_checks: The user's own rules, run after the catalogue's: each a
            function ``(report, context) -> Iterable[Finding]`` (*context* is a
            :class:`CheckContext`), or an equation given as data (a
            :class:`~govinfo_report.rules.Equation` over the report's cells, or a
            :class:`~govinfo_report.rules.Across` whose terms may read the
            previous report or the members), evaluated like the catalogue's and
            given a diagnosis.  Their findings are sorted, rendered and written
            to JSON like every other; their codes must not be the catalogue's.
            See docs/howto-custom-rules.md.

    Returns:
        The findings (a :class:`~govinfo_report.findings.FindingList`, a list
        that also displays itself in notebooks), errors first, then warnings, then info; within a
        severity, in the official order of the report (metadata, then the
        tables cell by cell, then the narratives), then in catalogue order.

    Raises:
        OptionError: An argument of the wrong kind (an unknown *blank*
            policy, a *deadline* that is not a date, something other than an
            :class:`~govinfo_report.model.AnnualReport`, an extra check that is
            neither a function nor an equation), or an extra check whose code
            is one of the catalogue's.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *extra_checks*.
    """
    if not isinstance(report, AnnualReport) and hasattr(report, "unread") and hasattr(report, "diagnostics"):
        # check(parse(path)), a ParseResult: the importer knows what it could not read
        unread = (*unread, *report.unread)
        if report.report is None:
            raise OptionError("report: the ParseResult holds no report")
        report = report.report
    _require_report(report, "report")
    assert isinstance(report, AnnualReport)  # for the type checker: _require_report raised otherwise
    policy = blank_policy(blank)
    if deadline is not None:
        if isinstance(deadline, _dt.datetime):
            deadline = deadline.date()
        elif not isinstance(deadline, _dt.date):
            raise OptionError(f"deadline: expected a date, got {type(deadline).__name__}")
    if members is not None:
        if isinstance(members, AnnualReport):
            raise OptionError("members: expected a list of AnnualReport, got a single AnnualReport")
        members = [_require_report(m, f"members[{i}]") for i, m in enumerate(members)]
    if previous is not None:
        _require_report(previous, "previous")
    user = _user_checks(extra_checks)
    options = _options(deadline, bool(plausibility), rule_making_power, bool(narrative))
    ctx = _Context(report, policy, unread, previous=previous, members=members, options=options)
    findings: list[Finding] = []
    for group in _groups(ctx):
        for fn in group:
            findings += fn(report, ctx)
    for fn in user:
        findings += fn(report, ctx)
    if diagnostics is not None:
        findings += _reading(ctx, list(diagnostics), findings)
    return FindingList(sorted(findings, key=_sort_key(ctx)) if findings else findings)


def ensure_consistent(
    report: AnnualReport,
    *,
    previous: AnnualReport | None = None,
    members: Iterable[AnnualReport] | None = None,
    blank: BlankPolicy | str = BlankPolicy.ZERO,
    deadline: _dt.date | None = None,
    plausibility: bool = False,
    rule_making_power: bool | None = None,
    narrative: bool = True,
    unread: Iterable[str] = (),
    extra_checks: Iterable[UserCheck] = (),
) -> None:
    """
    Raise when :func:`check` finds an error; warnings and info pass.

    Takes the arguments of :func:`check`.

    Raises:
        InconsistentReportError: At least one finding has error severity; its
            ``findings`` holds every finding (not only the errors).
        OptionError: As for :func:`check`.

    .. versionadded:: 0.1.0
    """
    findings = check(
        report,
        previous=previous,
        members=members,
        blank=blank,
        deadline=deadline,
        plausibility=plausibility,
        rule_making_power=rule_making_power,
        narrative=narrative,
        unread=unread,
        extra_checks=extra_checks,
    )
    if any(f.severity is Severity.ERROR for f in findings):
        raise InconsistentReportError(findings)


# ----------------------------------------------------------------------------
# The catalogue as a docs page
# ----------------------------------------------------------------------------

_GROUPS = (
    ("arithmetic", "Arithmetic (勾稽关系 within the tables)"),
    ("report", "Report level"),
    ("continuity", "Continuity with the previous year (`check(report, previous=...)`)"),
    ("summary", "A summary against its members (`check(summary, members=[...])`)"),
    ("narrative", "The prose against the tables (on by default; `check(report, narrative=False)` skips them)"),
    ("plausibility", "Plausibility, advisory (`check(report, plausibility=True)`)"),
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def catalogue_markdown() -> str:
    """
    The old name of :func:`render_catalogue`: deprecated since 0.2.0.

    Returns what :func:`render_catalogue` returns, after a :class:`DeprecationWarning`.

    .. versionadded:: 0.1.0
    .. deprecated:: 0.2.0 Use :func:`render_catalogue`.
    """
    warn_renamed("catalogue_markdown", "render_catalogue")
    return render_catalogue()


def render_catalogue() -> str:
    """
    The rule catalogue as a Markdown page (docs/rules.md).

    Regenerate the page with ``python -m govinfo_report.checks --rules-markdown > docs/rules.md``.

    >>> "| T3-BALANCE | error |" in render_catalogue()
    True

    .. versionadded:: 0.2.0 (before, as ``catalogue_markdown``).
    """
    lines = [
        "<!-- Generated from govinfo_report.rules.CATALOGUE; do not edit.",
        "     Regenerate: python -m govinfo_report.checks --rules-markdown > docs/rules.md -->",
        "",
        "# Consistency rules",
        "",
        "`govinfo_report.check(report)` evaluates these rules and returns one finding per violation.",
        "Codes are stable and part of the public API. Severities are those of the default policies;",
        'with `blank="strict"`, BLANK-CELLS is an error. The spec column names the rule of',
        "format-spec.md §4 that each code implements.",
        "",
        'Blank cells: with `blank="zero"` (the default) a blank cell counts as 0 and one BLANK-CELLS',
        'warning lists every blank cell; `blank="strict"` makes that finding an error; `blank="ignore"`',
        "reports no blank cells and skips every relation that uses one.",
    ]
    known = [g for g, _ in _GROUPS]
    extra = [g for g in dict.fromkeys(r.group for r in CATALOGUE) if g not in known]
    titles = dict(_GROUPS)
    for group in [*known, *extra]:  # a group added to the catalogue later still gets a section
        rules = [r for r in CATALOGUE if r.group == group]
        if not rules:
            continue
        lines += ["", f"## {titles.get(group, group.capitalize())}", ""]
        lines.append("| code | severity | editions | 中文 | English | spec |")
        lines.append("| --- | --- | --- | --- | --- | --- |")
        for r in rules:
            editions = ", ".join(e.value for e in r.editions)
            lines.append(
                f"| {r.code} | {r.severity.value} | {editions} | {_cell(r.zh)} | {_cell(r.en)} | {r.spec or '—'} |"
            )
    lines += [
        "",
        "## Across reports, as data",
        "",
        "The continuity and summary rules are equations whose terms may read last year's report",
        "(`previous`) or the member reports (`members`, summed), as `govinfo_report.rules.ACROSS` declares",
        "them. `check()` evaluates them with one evaluator and gives each finding a diagnosis. Your own",
        "rules, as functions or as equations, go in `check(report, extra_checks=[...])`: see",
        "[Write your own rules](howto-custom-rules.md).",
        "",
    ]
    lines += [f"- {r.code}: `{r.describe()}`" for r in ACROSS]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """
    ``python -m govinfo_report.checks --rules-markdown``: print the rule catalogue page; returns the exit status.

    .. versionadded:: 0.1.0
    """
    import argparse  # here, not at import: argparse costs more than the rest of check's first use

    parser = argparse.ArgumentParser(
        prog="python -m govinfo_report.checks",
        description="Print the rule catalogue. To check a report, use `govinfo-report check FILE`.",
    )
    parser.add_argument("--rules-markdown", action="store_true", help="print docs/rules.md")
    args = parser.parse_args(argv)
    if not args.rules_markdown:
        parser.print_help(sys.stderr)
        return 2
    sys.stdout.write(render_catalogue())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
