"""
The rule catalogue: every 勾稽关系 and report-level check, written as data.

:data:`CATALOGUE` lists each rule once, with a stable code, a severity, the
editions it applies to, and a short description in Chinese and English.
Codes are part of the public API; they never change meaning.

The arithmetic rules are also declared as data, in :data:`ARITHMETIC`: each
is scoped to a model class (a row, a group or a table) and expands into one
:class:`Equation` per row or column of every node of that class.  The checks
evaluate these equations, and the builders solve them to derive totals, so the
arithmetic is written once.

>>> equations("2019")[0].code
'T2-PUBLISHED-WITHIN-TOTAL'
>>> eq = next(e for e in equations("2021") if e.code == "T3-BALANCE")
>>> eq.left, eq.right
(('$.requests.results.total.natural_person', '$.requests.carried_forward.natural_person'), \
('$.requests.received.natural_person', '$.requests.carried_in.natural_person'))

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Iterator

import attrs
from attrs import frozen

from . import editions
from ._fields import CELL_KINDS, field_info
from .model import (
    AnnualReport,
    ApplicantCounts,
    DocumentCounts,
    Edition,
    FeeItemCounts,
    ItemCounts,
    Outcomes,
    PublicationCounts,
    Requests,
    Results,
)
from .tables import (
    SINGLE_ALONE,
    _field_class,
    _infos,
    is_row_class,
    single_row_cells,
    single_row_mode,
)

__all__ = [
    "ACROSS",
    "ARITHMETIC",
    "CATALOGUE",
    "NARRATIVE_RULES",
    "PLAUSIBILITY_RULES",
    "Across",
    "Equation",
    "Relation",
    "Rule",
    "Severity",
    "Source",
    "Term",
    "across_equations",
    "equations",
    "rule",
]


class Severity(str, enum.Enum):
    """
    How serious a finding is.

    .. versionadded:: 0.1.0
    """

    ERROR = "error"
    """The report is wrong: the arithmetic of the template does not hold."""
    WARNING = "warning"
    """Probably wrong, or incomplete; a person should look."""
    INFO = "info"
    """Worth knowing; not a fault."""

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info (sort key)."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


_BOTH = (Edition.E2019, Edition.E2021)
_E2019 = (Edition.E2019,)
_E2021 = (Edition.E2021,)


@frozen
class Rule:
    """
    One entry of the catalogue.

    Attributes:
        code: Stable code, e.g. ``T3-BALANCE``.
        severity: Severity of its findings (under the default policies).
        editions: The editions it applies to.
        group: ``arithmetic``, ``report``, ``continuity`` or ``summary``.
        zh: What the rule says, in Chinese.
        en: What the rule says, in English.
        spec: The matching rule id(s) of format-spec.md §4, when there is one.

    .. versionadded:: 0.1.0
    """

    code: str
    severity: Severity
    editions: tuple[Edition, ...]
    group: str
    zh: str
    en: str
    spec: str = ""


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: notice (info)

# fmt: off
PLAUSIBILITY_RULES: tuple[Rule, ...] = (
    # Advisory checks of govinfo_report.plausibility_checks: never errors; check(report, plausibility=True).
    Rule("PLAUS-UNCHANGED",             W, _BOTH, "plausibility",
         "表格中的数字与上年报告完全相同（可能沿用了上年报告）",
         "Every table number equals last year's (the tables may have been copied)", ""),
    Rule("PLAUS-RECEIVED-JUMP",         W, _BOTH, "plausibility",
         "表三 一、本年新收 总计 比上年增长过多（默认：达到上年的3倍且至少多20件）",
         "Table 3: new requests jumped from last year (default: at least 3 times and at least 20 more)", ""),
    Rule("PLAUS-WITHHELD-SHARE",        N, _BOTH, "plausibility",
         "表三 （二）部分公开 与 （三）不予公开 之和占 （七）总计 的比例过高（默认：超过一半且总计至少10件）",
         "Table 3: partly disclosed plus not disclosed is a large share of the total (default: over half, "
         "total at least 10)", ""),
    Rule("PLAUS-RULES-WITHOUT-POWER",   W, _BOTH, "plausibility",
         "表二 规章 一行不为0，但本机关没有规章制定权",
         "Table 2: the rules row is not 0, but the organ has no rule-making power", "R2.4"),
)
"""The plausibility rules (:mod:`govinfo_report.plausibility_checks`), in the catalogue's format."""
# fmt: on


# fmt: off
NARRATIVE_RULES: tuple[Rule, ...] = (
    # The prose against the tables (govinfo_report.narrative_checks); check(report, narrative=False) skips them.
    Rule("TEXT-REQUESTS",               W, _BOTH, "narrative",
         "一、总体情况等所述依申请公开数字（收到、结转、办结、予以公开等）与表三不符",
         "A figure of the prose about requests (received, carried over, handled, disclosed ...) contradicts "
         "table 3", "RG.4"),
    Rule("TEXT-DISPUTES",               W, _BOTH, "narrative",
         "文中所述行政复议、行政诉讼件数（及维持、纠正等结果）与表四不符",
         "A figure of the prose about administrative review or litigation contradicts table 4", "RG.4"),
    Rule("TEXT-PROACTIVE",              W, _BOTH, "narrative",
         "文中所述制发规章、规范性文件或行政许可、处罚、强制决定件数与表二不符",
         "A figure of the prose about rules, normative documents or decisions contradicts table 2", "RG.4"),
    Rule("TEXT-FEES",                   W, _BOTH,  "narrative",
         "文中所述信息处理费金额或件数与报告所记不符",
         "The information-processing fees the prose states differ from the report's", "RG.5"),
    Rule("TEXT-YEAR",                   W, _BOTH, "narrative",
         "一、总体情况所述年度或统计期限不是本报告年度（可能沿用了往年报告）",
         "The overview speaks of another year, or gives another year's statistics period", "RG.4"),
    Rule("TEXT-UNCERTAIN",              N, _BOTH, "narrative",
         "文中数字与表格不符，但无法确定所指单元格（表格有空白，或措辞可作多种理解）",
         "A figure of the prose matches no cell it may mean, but the cell cannot be pinned down", "RG.4"),
)
"""The TEXT-* rules (:mod:`govinfo_report.narrative_checks`), in the catalogue's format."""

CATALOGUE: tuple[Rule, ...] = (
    # code                         severity editions group         Chinese / English / format-spec id
    Rule("T3-BALANCE",                  E, _BOTH, "arithmetic",
         "表三 每列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
         "Table 3, each column: new + carried over = (7) total + carried forward", "R3.1"),
    Rule("T3-ROW-TOTAL",                E, _BOTH, "arithmetic",
         "表三 每行：总计 = 自然人 + 法人或其他组织各列",
         "Table 3, each row: total = sum of the six applicant columns", "R3.2"),
    Rule("T3-RESULTS-TOTAL",            E, _BOTH, "arithmetic",
         "表三 每列：（七）总计 = （一）至（六）各行之和（2021年版报告将（六）其他处理印成一行、未列子行时，用该行）",
         "Table 3, each column: (7) total = sum of result rows (1) to (6) (a 2021-edition report printing (6) "
         "other handling as one row, without its sub-rows: that row)", "R3.4"),
    Rule("T3-OTHER-SINGLE-ROW",         E, _E2021, "arithmetic",
         "表三 （六）其他处理 既印成一行又列出三个子行时，该行每列 = 三个子行之和",
         "Table 3: (6) other handling printed as one row and as its three sub-rows: each column of the row = "
         "the sum of the sub-rows", ""),
    Rule("T4-TOTAL",                    E, _BOTH, "arithmetic",
         "表四 行政复议、行政诉讼各项：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
         "Table 4, each block: total = upheld + corrected + other + pending", "R4.1–R4.3"),
    Rule("T2-PUBLISHED-WITHIN-TOTAL",   W, _E2019, "arithmetic",
         "表二 第二十条第（一）项：对外公开总数量 ≥ 本年新公开数量",
         "Table 2, Art. 20(1): total published ≥ published this year", "R2.7"),
    Rule("T2-ISSUED-WITHIN-IN-FORCE",   W, _E2021, "arithmetic",
         "表二 第二十条第（一）项：本年制发件数 ≤ 现行有效件数 + 本年废止件数",
         "Table 2, Art. 20(1): issued ≤ in force + repealed", "R2.3"),
    Rule("EDITION-YEAR",                E, _BOTH, "report",
         "格式版本与报告年度相符：2019、2020年度用2019年版，2021年度起用2021年版",
         "The edition matches the year: 2019 edition for 2019–2020, 2021 edition from 2021", "RG.2"),
    Rule("META-UNKNOWN",                N, _BOTH, "report",
         "报告未写明发布机关或年度；依赖它们的检查未进行",
         "The report does not say its organ or year; the checks that need them were skipped", ""),
    Rule("BLANK-CELLS",                 W, _BOTH, "report",
         "表格中有空白单元格（按0计算）",
         "Table cells left blank (counted as 0)", "R3.7"),
    Rule("EMPTY-PROBLEMS",              W, _BOTH, "report",
         "五、存在的主要问题及改进情况 没有内容",
         "Section 5 (problems and improvements) is empty", "RG.1"),
    Rule("FEES-NOT-MENTIONED",          N, _E2021, "report",
         "六、其他需要报告的事项 未说明信息处理费收取情况",
         "Section 6 says nothing about information-processing fees", "RG.5"),
    Rule("LATE-PUBLICATION",            W, _BOTH, "report",
         "发布日期晚于法定期限（部门1月31日，本级政府3月31日）",
         "Published after the deadline (31 Jan for a department, 31 Mar for a government level)", "RG.3"),
    Rule("CARRY-OVER",                  W, _BOTH, "continuity",
         "表三 本年二、上年结转 = 上年四、结转下年度继续办理（每列）",
         "Table 3: carried over this year = carried forward last year, per column", "R3.6"),
    Rule("T2-IN-FORCE-CONTINUITY",      W, _E2021, "continuity",
         "表二 现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数",
         "Table 2: in force = last year's in force + issued − repealed", "R2.2"),
    Rule("T2-ITEMS-CONTINUITY",         W, _E2019, "continuity",
         "表二 上一年项目数量 = 上年报告的上一年项目数量 + 本年增/减",
         "Table 2: items last year = last report's items + its change", "R2.6"),
    Rule("PREVIOUS-REPORT",             W, _BOTH, "continuity",
         "上年报告应为同一机关的上一年度报告",
         "The previous report is the same organ's report for the year before", ""),
    Rule("SUMMARY-CELL",                E, _BOTH, "summary",
         "汇总报告每个单元格 = 各成员报告该单元格之和",
         "Summary: each cell = sum of the member reports' cells", ""),
    Rule("SUMMARY-AMOUNT-UNIT",         W, _E2019, "summary",
         "表二 采购总金额：汇总报告与成员报告所用单位（元、万元）不一致，未比较",
         "Summary: the procurement amount is in different units (yuan, 10,000 yuan); not compared", "R2.8"),
    Rule("SUMMARY-MISSING-MEMBER",      E, _BOTH, "summary",
         "汇总报告列出的成员单位缺少报告",
         "Summary: a listed member has no report", ""),
    Rule("SUMMARY-MEMBER-MISMATCH",     E, _BOTH, "summary",
         "成员报告的年度或格式版本与汇总报告不同，或未列入汇总报告",
         "Summary: a member report has another year or edition, or is not listed", ""),
    *NARRATIVE_RULES,
    *PLAUSIBILITY_RULES,
)
# fmt: on


@functools.cache
def rule(code: str) -> Rule:
    """
    The catalogue entry for *code*.

    Raises:
        KeyError: No rule has that code.

    .. versionadded:: 0.1.0
    """
    for r in CATALOGUE:
        if r.code == code:
            return r
    raise KeyError(code)


# ----------------------------------------------------------------------------
# Arithmetic as data
# ----------------------------------------------------------------------------


class Relation(str, enum.Enum):
    """How the two sides of an :class:`Equation` relate."""

    EQ = "="
    """Σ left = Σ right."""
    GE = "≥"
    """Σ left ≥ Σ right."""


@frozen
class Equation:
    """
    One instance of an arithmetic rule: Σ left (relation) Σ right, over cell paths.

    The left side is what the report states (a total); the right side is what
    it should be computed from.

    Attributes:
        code: The rule code.
        left: Paths of the stated side.
        right: Paths of the computed side.
        relation: ``=`` or ``≥``.
        target: The cell a builder derives from this equation, if any.

    .. versionadded:: 0.1.0
    """

    code: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    relation: Relation = Relation.EQ
    target: str | None = None
    cells: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    """Every path the equation uses, left side first (derived from *left* and *right*)."""
    left_set: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    """The paths of *left*, as a set (derived)."""
    right_set: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    """The paths of *right*, as a set (derived)."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "cells", (*self.left, *self.right))
        object.__setattr__(self, "left_set", frozenset(self.left))
        object.__setattr__(self, "right_set", frozenset(self.right))


@frozen
class RowSum:
    """In every row of class *cls*: *total* = Σ *parts*."""

    code: str
    cls: type
    total: str
    parts: tuple[str, ...]

    def expand(self, node: str, cls: type, edition: Edition) -> Iterator[Equation]:
        """Equations for the row at *node*."""
        t = f"{node}.{self.total}"
        yield Equation(self.code, (t,), tuple(f"{node}.{p}" for p in self.parts), target=t)


@frozen
class ColumnSum:
    """In every group of class *cls*, for each column: the *total* row = Σ the other rows."""

    code: str
    cls: type
    total: str

    def expand(self, node: str, cls: type, edition: Edition) -> Iterator[Equation]:
        """Equations for the group at *node*, one per column."""
        rows = [p for p, c in _nodes(cls, node, edition) if is_row_class(c) and p != f"{node}.{self.total}"]
        total_cls = _child_class(cls, self.total, edition)
        for ca, _ in _infos(total_cls):
            t = f"{node}.{self.total}.{ca.name}"
            yield Equation(self.code, (t,), tuple(f"{r}.{ca.name}" for r in rows), target=t)


@frozen
class ColumnBalance:
    """In every group of class *cls*, for each column: Σ *left* rows = Σ *right* rows."""

    code: str
    cls: type
    left: tuple[str, ...]
    right: tuple[str, ...]
    target: str

    def expand(self, node: str, cls: type, edition: Edition) -> Iterator[Equation]:
        """Equations for the group at *node*, one per column."""
        row_cls = _child_class(cls, self.right[0], edition)
        for ca, _ in _infos(row_cls):
            col = ca.name
            yield Equation(
                self.code,
                tuple(f"{node}.{r}.{col}" for r in self.left),
                tuple(f"{node}.{r}.{col}" for r in self.right),
                target=f"{node}.{self.target}.{col}",
            )


@frozen
class RowAtLeast:
    """In every row of class *cls*: Σ *larger* ≥ Σ *smaller* (a warning-level rule)."""

    code: str
    cls: type
    larger: tuple[str, ...]
    smaller: tuple[str, ...]

    def expand(self, node: str, cls: type, edition: Edition) -> Iterator[Equation]:
        """The inequality for the row at *node*."""
        yield Equation(
            self.code,
            tuple(f"{node}.{p}" for p in self.larger),
            tuple(f"{node}.{p}" for p in self.smaller),
            relation=Relation.GE,
        )


ArithmeticRule = RowSum | ColumnSum | ColumnBalance | RowAtLeast

# fmt: off
ARITHMETIC: tuple[ArithmeticRule, ...] = (
    # Table 二 (warnings)
    RowAtLeast("T2-PUBLISHED-WITHIN-TOTAL", PublicationCounts, larger=("total_published",),
               smaller=("newly_published",)),
    RowAtLeast("T2-ISSUED-WITHIN-IN-FORCE", DocumentCounts, larger=("in_force", "repealed"), smaller=("issued",)),
    # Table 三: rows, then result columns, then the printed balance
    RowSum("T3-ROW-TOTAL", ApplicantCounts, total="total", parts=ApplicantCounts.PARTS),
    ColumnSum("T3-RESULTS-TOTAL", Results, total="total"),
    ColumnBalance("T3-BALANCE", Requests, left=("results.total", "carried_forward"),
                  right=("received", "carried_in"), target="carried_forward"),
    # Table 四
    RowSum("T4-TOTAL", Outcomes, total="total", parts=Outcomes.PARTS),
)
# fmt: on


def _child_class(cls: type, dotted: str, edition: Edition) -> type:
    for name in dotted.split("."):
        a = getattr(attrs.fields(cls), name)
        info = field_info(a)
        assert info is not None
        cls = _field_class(cls, a, info, edition)
    return cls


def _nodes(cls: type, prefix: str, edition: Edition) -> Iterator[tuple[str, type]]:
    """Every labelled node under *cls* (rows and groups, not cells), depth first, in table order."""
    for a, info in _infos(cls):
        if info.kind in CELL_KINDS:
            continue
        sub = _field_class(cls, a, info, edition)
        path = f"{prefix}.{a.name}"
        yield path, sub
        if not is_row_class(sub):
            yield from _nodes(sub, path, edition)


@functools.cache
def equations_for(cls: type, edition: Edition) -> tuple[Equation, ...]:
    """
    Every equation of the arithmetic rules inside one object of class *cls*.

    Paths are relative to the object (``$`` is the object itself).
    """
    nodes: list[tuple[str, type]] = [("$", cls)]
    if cls is AnnualReport:
        for s in editions.get(edition).sections:
            nodes.append((f"$.{s.attr}", s.cls))
            nodes.extend(_nodes(s.cls, f"$.{s.attr}", edition))
    else:
        nodes.extend(_nodes(cls, "$", edition))
    out: list[Equation] = []
    for r in ARITHMETIC:
        if edition not in rule(r.code).editions:
            continue
        for path, node_cls in nodes:
            if node_cls is r.cls:
                out.extend(r.expand(path, node_cls, edition))
    return tuple(out)


def equations(edition: Edition | str) -> tuple[Equation, ...]:
    """
    Every arithmetic equation of a whole report of *edition*, with absolute paths.

    .. versionadded:: 0.1.0
    """
    return equations_for(AnnualReport, Edition(edition))



@functools.cache
def single_row_equations(edition: Edition, mode: str) -> tuple[Equation, ...]:
    """
    The equations of a whole report of *edition* whose （六）其他处理 is printed as one row, in *mode*
    (:func:`~govinfo_report.tables.single_row_mode`); :func:`report_equations` explains them.

    .. versionadded:: 0.2.0
    """
    cells = single_row_cells(edition)
    single = {c.attr_path[-1]: c.path for c in cells}
    group = cells[0].path.rsplit(".", 2)[0]  # $.requests.results.other_handling
    total = single["total"]
    own = Equation("T3-ROW-TOTAL", (total,), tuple(single[p] for p in ApplicantCounts.PARTS), target=total)

    def sub_row(path: str) -> bool:
        return path.startswith(group + ".")

    out: list[Equation] = []
    for eq in equations(edition):
        inside = eq.code == "T3-ROW-TOTAL" and sub_row(eq.left[0])
        if not inside and own not in out and out and out[-1].code == "T3-ROW-TOTAL" and sub_row(out[-1].left[0]):
            out.append(own)  # after the row totals of the sub-rows
        if mode == SINGLE_ALONE:
            if inside:  # rows the report did not print
                if own not in out:
                    out.append(own)
                continue
            if eq.code == "T3-RESULTS-TOTAL":
                col = eq.left[0].rsplit(".", 1)[1]
                first = next(i for i, p in enumerate(eq.right) if sub_row(p))
                rest = tuple(p for p in eq.right[first:] if not sub_row(p))
                eq = attrs.evolve(eq, right=(*eq.right[:first], single[col], *rest))
        out.append(eq)
        if mode != SINGLE_ALONE and eq.code == "T3-RESULTS-TOTAL":
            col = eq.left[0].rsplit(".", 1)[1]
            out.append(Equation("T3-OTHER-SINGLE-ROW", (single[col],), tuple(p for p in eq.right if sub_row(p))))
    return tuple(out)


def report_equations(report: AnnualReport) -> tuple[Equation, ...]:
    """
    The arithmetic equations of *report*: :func:`equations` of its edition, unless it prints （六）其他处理 as one row.

    When a 2021-edition report has :attr:`~govinfo_report.model.OtherHandling.single_row`:

    * its three sub-rows all blank, the single row stands for them: T3-RESULTS-TOTAL
      sums （一）…（五） and the single row, T3-ROW-TOTAL holds inside the single row,
      and the sub-rows (which the report did not print) are in no equation;
    * its sub-rows with numbers too, they are used as usual, T3-ROW-TOTAL holds
      inside the single row, and T3-OTHER-SINGLE-ROW compares each column of the
      single row with the sum of the sub-rows.

    .. versionadded:: 0.2.0
    """
    mode = single_row_mode(report)
    if mode is None:
        return equations(report.meta.edition)
    return single_row_equations(report.meta.edition, mode)


__all__ += ["report_equations", "single_row_equations"]


# ----------------------------------------------------------------------------
# Arithmetic across reports: continuity with last year, a summary against its members
# ----------------------------------------------------------------------------


class Source(str, enum.Enum):
    """
    Which report a :class:`Term` reads.

    .. versionadded:: 0.2.0
    """

    THIS = "this"
    """The report under check."""
    PREVIOUS = "previous"
    """The same organ's report for the year before (``check(report, previous=...)``)."""
    MEMBERS = "members"
    """The sum over the member reports of a summary (``check(summary, members=[...])``): one term per member."""

    def __str__(self) -> str:
        return self.value


@frozen
class Term:
    """
    One weighted term of an :class:`Across` equation: *weight* × the cell at *path* of the report *source*.

    .. versionadded:: 0.2.0
    """

    weight: int
    source: Source
    path: str


@frozen
class Across:
    """
    One equation whose terms may read another report: Σ left (relation) Σ right, over weighted :class:`Term` s.

    The left side is what the report under check states (a single term of
    :attr:`Source.THIS` for the catalogue's rules); the right side is what it
    should be computed from.  An in-report :class:`Equation` is the special case
    whose terms all read :attr:`Source.THIS` with weight 1 (:meth:`of`).

    Attributes:
        code: The rule code.
        left: The stated side.
        right: The computed side.
        relation: ``=`` or ``≥``.
        severity: The severity of its findings; None (the catalogue's rules) takes the catalogue's.

    >>> eq = Across.of(Equation("MY-TOTAL", ("$.disputes.review.total",), ("$.disputes.review.upheld",)))
    >>> eq.left
    (Term(weight=1, source=<Source.THIS: 'this'>, path='$.disputes.review.total'),)

    .. versionadded:: 0.2.0
    """

    code: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    relation: Relation = Relation.EQ
    severity: Severity | None = None

    @classmethod
    def of(cls, eq: Equation, severity: Severity | None = None) -> Across:
        """*eq* as an equation over terms of the report under check."""
        return cls(
            eq.code,
            tuple(Term(1, Source.THIS, p) for p in eq.left),
            tuple(Term(1, Source.THIS, p) for p in eq.right),
            eq.relation,
            severity,
        )

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term, left side first."""
        return (*self.left, *self.right)

    @property
    def sources(self) -> frozenset[Source]:
        """The reports the equation reads."""
        return frozenset(t.source for t in self.terms)


@frozen
class RowLink:
    """In every row of class(es) *cls*: this.*stated* = Σ weight × source.field over *terms*."""

    code: str
    cls: type | tuple[type, ...]
    stated: str
    terms: tuple[tuple[int, Source, str], ...]

    def describe(self) -> str:
        """The rule as a formula, e.g. ``this.in_force = previous.in_force + this.issued − this.repealed``."""
        names = self.cls if isinstance(self.cls, tuple) else (self.cls,)
        right = _formula((w, f"{s}.{f}") for w, s, f in self.terms)
        return f"each row of {', '.join(c.__name__ for c in names)}: this.{self.stated} = {right}"

    def expand(self, node: str, cls: type, edition: Edition) -> Iterator[Across]:
        """The equation for the row at *node*."""
        yield Across(
            self.code,
            (Term(1, Source.THIS, f"{node}.{self.stated}"),),
            tuple(Term(w, s, f"{node}.{f}") for w, s, f in self.terms),
        )


@frozen
class ColumnLink:
    """In every group of class *cls*, for each column: this.*stated* row = *source*.*row* row."""

    code: str
    cls: type
    stated: str
    source: Source
    row: str

    def describe(self) -> str:
        """The rule as a formula, e.g. ``this.carried_in.C = previous.carried_forward.C``."""
        return f"each column C of {self.cls.__name__}: this.{self.stated}.C = {self.source}.{self.row}.C"

    def expand(self, node: str, cls: type, edition: Edition) -> Iterator[Across]:
        """The equations for the group at *node*, one per column."""
        for ca, _ in _infos(_child_class(cls, self.stated, edition)):
            col = ca.name
            yield Across(
                self.code,
                (Term(1, Source.THIS, f"{node}.{self.stated}.{col}"),),
                (Term(1, self.source, f"{node}.{self.row}.{col}"),),
            )


@frozen
class EveryCell:
    """Every table cell the checks read: this cell = *source*'s cell (for members: Σ over the members)."""

    code: str
    source: Source

    def describe(self) -> str:
        """The rule as a formula: ``this.X = Σ members.X``."""
        return f"each table cell X: this.X = {'Σ ' if self.source is Source.MEMBERS else ''}{self.source}.X"


def _formula(terms: Iterable[tuple[int, str]]) -> str:
    out = ""
    for i, (w, name) in enumerate(terms):
        sign = "−" if w < 0 else "+"
        times = f"{abs(w)} × " if abs(w) != 1 else ""
        out += (f" {sign} " if i else ("−" if w < 0 else "")) + times + name
    return out


AcrossRule = RowLink | ColumnLink | EveryCell

# fmt: off
ACROSS: tuple[AcrossRule, ...] = (
    # Continuity (check(report, previous=...)): a term of the previous report applies only when the
    # previous report's edition has that cell with that meaning (the crosswalk, govinfo_report._crosswalk).
    ColumnLink("CARRY-OVER", Requests, stated="carried_in", source=Source.PREVIOUS, row="carried_forward"),
    RowLink("T2-IN-FORCE-CONTINUITY", DocumentCounts, stated="in_force",
            terms=((1, Source.PREVIOUS, "in_force"), (1, Source.THIS, "issued"), (-1, Source.THIS, "repealed"))),
    RowLink("T2-ITEMS-CONTINUITY", (ItemCounts, FeeItemCounts), stated="previous_year",
            terms=((1, Source.PREVIOUS, "previous_year"), (1, Source.PREVIOUS, "change"))),
    # A summary against its members (check(summary, members=[...])).
    EveryCell("SUMMARY-CELL", Source.MEMBERS),
)
"""The arithmetic across reports as data: continuity with last year's report, and a summary against its members."""
# fmt: on


@functools.cache
def _across_equations(edition: Edition, cells: tuple[str, ...] | None) -> tuple[Across, ...]:
    nodes: list[tuple[str, type]] = []
    for s in editions.get(edition).sections:
        nodes.append((f"$.{s.attr}", s.cls))
        nodes.extend(_nodes(s.cls, f"$.{s.attr}", edition))
    out: list[Across] = []
    for r in ACROSS:
        if edition not in rule(r.code).editions:
            continue
        if isinstance(r, EveryCell):
            if cells is not None:
                out.extend(Across(r.code, (Term(1, Source.THIS, p),), (Term(1, r.source, p),)) for p in cells)
            continue
        classes = r.cls if isinstance(r.cls, tuple) else (r.cls,)
        for path, node_cls in nodes:
            if node_cls in classes:
                out.extend(r.expand(path, node_cls, edition))
    return tuple(out)


def across_equations(edition: Edition | str, cells: Iterable[str] | None = None) -> tuple[Across, ...]:
    """
    The equations of :data:`ACROSS` for a report of *edition*, with absolute paths.

    *cells* are the paths :class:`EveryCell` rules (SUMMARY-CELL) expand over;
    without them those rules give no equation.

    >>> [str(t.source) for t in across_equations("2021")[0].terms]
    ['this', 'previous']

    .. versionadded:: 0.2.0
    """
    return _across_equations(Edition(edition), None if cells is None else tuple(cells))
