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
import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, Union

import attrs

from ..errors import InconsistentReportError, OptionError
from ..findings import Finding, FindingList
from ..model import AnnualReport
from ..rules import CATALOGUE, Across, Equation, Relation, Severity, Source
from ._arithmetic import _arithmetic
from ._context import BlankPolicy, CheckContext, _Context, _options
from ._report import (
    _blank_cells,
    _edition_year,
    _empty_problems,
    _fees_mentioned,
    _late,
    _meta_unknown,
    default_deadline,
)
from .catalogue import catalogue_markdown, render_catalogue
from .catalogue import main as main  # python -m govinfo_report.checks (0.1.0's checks.main)

if TYPE_CHECKING:
    from ..importers._result import ParseResult
    from ._across import _Side

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

# ----------------------------------------------------------------------------
# Entry points
# ----------------------------------------------------------------------------

_SECTIONS = ("meta", "overview", "proactive", "requests", "disputes", "problems", "other_matters")
_CODE_ORDER = {r.code: i for i, r in enumerate(CATALOGUE)}



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
    from ..narrative_checks import narrative_findings

    return narrative_findings(report)


def _plausibility(report: AnnualReport, ctx: _Context) -> list[Finding]:
    """The PLAUS-* rules (``check(report, plausibility=True)``)."""
    if not ctx.options.plausibility:
        return []
    from ..plausibility_checks import plausibility as plausibility_findings

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

def _continuity(report: AnnualReport, ctx: _Context) -> list[Finding]:
    """The rules against the previous report (``checks._across``, imported when a previous report is given)."""
    from ._across import _continuity as continuity

    return continuity(report, ctx)


def _summary(report: AnnualReport, ctx: _Context) -> list[Finding]:
    """The rules of a summary against its members (``checks._members``, imported when members are given)."""
    from ._members import _summary as summary

    return summary(report, ctx)


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
    from ._across import (
        _across_findings,
        _evaluate_across,
        _member_sides,
        _previous_mismatch,
        _previous_side,
        _this_held,
        _this_side,
    )
    from ._members import _member_problems

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


