"""
The report model: typed, frozen attrs classes for every section of both editions.

A report (:class:`AnnualReport`) holds its metadata (:class:`ReportMeta`) and six
sections, in the order of the national format:

=============================================  =====================================
一、总体情况                                    :class:`Narrative` (``overview``)
二、主动公开政府信息情况                        :class:`Proactive2019` or :class:`Proactive2021`
三、收到和处理政府信息公开申请情况              :class:`Requests`
四、政府信息公开行政复议、行政诉讼情况          :class:`Disputes`
五、存在的主要问题及改进情况                    :class:`Narrative` (``problems``)
六、其他需要报告的事项                          :class:`OtherMatters`
=============================================  =====================================

A cell is a number or blank: counts are ``int`` (``None`` for a blank cell),
amounts are :class:`~decimal.Decimal`.  Blank stays distinct from 0 everywhere,
because real reports leave cells blank.  Construction checks each cell alone
(type, sign); it never checks arithmetic, so a published report whose totals do
not add up still loads.  :func:`govinfo_report.check` judges the arithmetic.

Every class is frozen: change a value with :func:`attrs.evolve` or
:func:`govinfo_report.replace_cell`.

>>> row = ApplicantCounts.from_parts(natural_person=30, commercial=3)
>>> row.total
33
>>> ApplicantCounts.blank().total is None
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as _dt
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Union, cast

import attrs
from attrs import frozen

from . import vocab as v
from ._fields import CELL_KINDS, Kind, cell, group, row, text_validator
from .errors import CellValueError, OptionError, short_repr

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "AmountUnit",
    "AnnualReport",
    "ApplicantCounts",
    "Count",
    "DecisionCounts",
    "Disputes",
    "DocumentCounts",
    "Edition",
    "FeeAmount",
    "FeeItemCounts",
    "ItemCounts",
    "Narrative",
    "NotProcessed",
    "OtherHandling",
    "OtherMatters",
    "Outcomes",
    "Proactive2019",
    "Proactive2021",
    "ProcessingFees",
    "ProcurementCounts",
    "PublicationCounts",
    "ReportMeta",
    "Requests",
    "Results",
    "Scope",
    "Subsection",
    "Unable",
    "Withheld",
]

Count = Union[int, None]
"""A count cell: an int (≥ 0 unless signed), or None for a blank cell."""

Amount = Union[Decimal, None]
"""An amount cell: a Decimal ≥ 0, or None for a blank cell."""


class Edition(str, enum.Enum):
    """
    The edition (format) of the national template a report follows.

    .. versionadded:: 0.1.0
    """

    E2019 = "2019"
    """《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号: reports for 2019 and 2020."""
    E2021 = "2021"
    """《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号: reports for 2021 on."""

    @classmethod
    def for_year(cls, year: int) -> Edition:
        """
        The edition that applies to a report for *year* (years before 2019 get the 2019 edition).

        The registry's :func:`govinfo_report.editions.for_year` (``strict=False``) answers: the years of
        each edition are declared there, once.

        >>> Edition.for_year(2020), Edition.for_year(2024)
        (<Edition.E2019: '2019'>, <Edition.E2021: '2021'>)
        """
        from . import editions  # the registry declares the years of each edition (see docs/architecture.md)

        return editions.for_year(year, strict=False).edition

    @classmethod
    def _missing_(cls, value: object) -> Edition:
        """``Edition("2022")`` raises OptionError (a ValueError), naming the editions there are."""
        choices = " or ".join(repr(e.value) for e in cls)
        raise OptionError(f"{short_repr(value)} is not a valid Edition (expected {choices})")

    def __str__(self) -> str:
        return self.value


class Scope(str, enum.Enum):
    """
    Whose report it is: one organ's, or a summary for a government level.

    .. versionadded:: 0.1.0
    """

    ORGAN = "organ"
    """The report of a single administrative organ (deadline 1月31日)."""
    GOVERNMENT_LEVEL = "government_level"
    """The summary (本级政府) report of a government level (deadline 3月31日)."""

    def __str__(self) -> str:
        return self.value


class AmountUnit(str, enum.Enum):
    """
    The unit a report used for an amount that the template prints without one (采购总金额).

    .. versionadded:: 0.1.0
    """

    YUAN = "元"
    WAN_YUAN = "万元"

    def __str__(self) -> str:
        return self.value


def _optional_instance(kind: type, what: str) -> Any:
    def validate(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, kind):
            raise CellValueError(
                f"{type(inst).__name__}.{attribute.name}", value, f"expected {what} or None", type_error=True
            )

    return validate


def _instance(kind: type | tuple[type, ...], what: str) -> Any:
    def validate(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind) or (kind is int and type(value) is bool):
            raise CellValueError(f"{type(inst).__name__}.{attribute.name}", value, f"expected {what}", type_error=True)

    return validate


class _Row:
    """Mixin for row classes: blank rows and iteration over cells."""

    __slots__ = ()

    @classmethod
    def blank(cls, fill: int | None = None) -> Self:
        """A row with every cell set to *fill*: None (blank, the default) or 0."""
        kwargs: dict[str, Any] = {}
        for a in attrs.fields(cast(Any, cls)):
            info = a.metadata.get("govinfo_report")
            if info is None:
                continue
            kwargs[a.name] = None if fill is None else (Decimal(fill) if info.kind is Kind.AMOUNT else fill)
        return cls(**kwargs)


class _Display:
    """Mixin for sections: rich display in notebooks (HTML in the official layout)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from .render.html import section_html

        return section_html(cast(Any, self))


class _NarrativeDisplay(_Display):
    """Mixin for narrative sections: HTML and Markdown display in notebooks."""

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        from .render.html import section_markdown

        return section_markdown(cast(Any, self))


# ----------------------------------------------------------------------------
# 二、主动公开政府信息情况, 2019 edition
# ----------------------------------------------------------------------------


@frozen(kw_only=True)
class PublicationCounts(_Row):
    """
    2019 table 二, rows of 第二十条第（一）项 (规章, 规范性文件).

    .. versionadded:: 0.1.0
    """

    newly_made: Count = cell(v.NEWLY_MADE)
    newly_published: Count = cell(v.NEWLY_PUBLISHED)
    total_published: Count = cell(v.TOTAL_PUBLISHED)


@frozen(kw_only=True)
class ItemCounts(_Row):
    """
    2019 table 二, rows of 第二十条第（五）项 and 第（六）项.

    ``change`` (本年增/减) may be negative.

    .. versionadded:: 0.1.0
    """

    previous_year: Count = cell(v.PREVIOUS_YEAR_ITEMS)
    change: Count = cell(v.CHANGE, kind=Kind.SIGNED)
    decisions: Count = cell(v.DECISIONS_2019)


@frozen(kw_only=True)
class FeeItemCounts(_Row):
    """
    2019 table 二, row 行政事业性收费 of 第二十条第（八）项.

    .. versionadded:: 0.1.0
    """

    previous_year: Count = cell(v.PREVIOUS_YEAR_ITEMS)
    change: Count = cell(v.CHANGE, kind=Kind.SIGNED)


@frozen(kw_only=True)
class ProcurementCounts(_Row):
    """
    2019 table 二, row 政府集中采购 of 第二十条第（九）项.

    The template prints no unit for 采购总金额; ``amount_unit`` records the unit
    the report used (None when it gave none).

    .. versionadded:: 0.1.0
    """

    projects: Count = cell(v.PROCUREMENT_PROJECTS)
    amount: Amount = cell(v.PROCUREMENT_AMOUNT, kind=Kind.AMOUNT)
    amount_unit: AmountUnit | None = attrs.field(
        default=None, validator=_optional_instance(AmountUnit, "an AmountUnit")
    )


@frozen(kw_only=True)
class Proactive2019(_Display):
    """
    二、主动公开政府信息情况, 2019 edition (reports for 2019 and 2020).

    .. versionadded:: 0.1.0
    """

    rules: PublicationCounts = row(v.RULES, parents=(v.ARTICLE_20_1,))
    normative_documents: PublicationCounts = row(v.NORMATIVE_DOCUMENTS_2019, parents=(v.ARTICLE_20_1,))
    licensing: ItemCounts = row(v.LICENSING, parents=(v.ARTICLE_20_5,))
    other_services: ItemCounts = row(v.OTHER_SERVICES, parents=(v.ARTICLE_20_5,))
    penalties: ItemCounts = row(v.PENALTIES, parents=(v.ARTICLE_20_6,))
    enforcement: ItemCounts = row(v.ENFORCEMENT, parents=(v.ARTICLE_20_6,))
    administrative_fees: FeeItemCounts = row(v.ADMINISTRATIVE_FEES, parents=(v.ARTICLE_20_8,))
    procurement: ProcurementCounts = row(v.PROCUREMENT, parents=(v.ARTICLE_20_9,))

    edition: ClassVar[Edition] = Edition.E2019


# ----------------------------------------------------------------------------
# 二、主动公开政府信息情况, 2021 edition
# ----------------------------------------------------------------------------


@frozen(kw_only=True)
class DocumentCounts(_Row):
    """
    2021 table 二, rows of 第二十条第（一）项 (规章, 行政规范性文件).

    .. versionadded:: 0.1.0
    """

    issued: Count = cell(v.ISSUED)
    repealed: Count = cell(v.REPEALED)
    in_force: Count = cell(v.IN_FORCE)


@frozen(kw_only=True)
class DecisionCounts(_Row):
    """
    2021 table 二, rows of 第二十条第（五）项 and 第（六）项.

    .. versionadded:: 0.1.0
    """

    decisions: Count = cell(v.DECISIONS_2021)


@frozen(kw_only=True)
class FeeAmount(_Row):
    """
    2021 table 二, row 行政事业性收费 of 第二十条第（八）项, in 万元.

    .. versionadded:: 0.1.0
    """

    amount: Amount = cell(v.FEE_AMOUNT, kind=Kind.AMOUNT)


@frozen(kw_only=True)
class Proactive2021(_Display):
    """
    二、主动公开政府信息情况, 2021 edition (reports for 2021 on).

    .. versionadded:: 0.1.0
    """

    rules: DocumentCounts = row(v.RULES, parents=(v.ARTICLE_20_1,))
    normative_documents: DocumentCounts = row(v.NORMATIVE_DOCUMENTS_2021, parents=(v.ARTICLE_20_1,))
    licensing: DecisionCounts = row(v.LICENSING, parents=(v.ARTICLE_20_5,))
    penalties: DecisionCounts = row(v.PENALTIES, parents=(v.ARTICLE_20_6,))
    enforcement: DecisionCounts = row(v.ENFORCEMENT, parents=(v.ARTICLE_20_6,))
    administrative_fees: FeeAmount = row(v.ADMINISTRATIVE_FEES, parents=(v.ARTICLE_20_8,))

    edition: ClassVar[Edition] = Edition.E2021


# ----------------------------------------------------------------------------
# 三、收到和处理政府信息公开申请情况 (both editions)
# ----------------------------------------------------------------------------

_LP = (v.LEGAL_PERSON,)


@frozen(kw_only=True)
class ApplicantCounts(_Row):
    """
    One row of table 三: a count per applicant column, and the row's 总计.

    The five middle columns sit under 法人或其他组织 in the official table; the
    template has no subtotal column for them.  ``total`` is what the report
    says; :meth:`from_parts` derives it.

    .. versionadded:: 0.1.0
    """

    natural_person: Count = cell(v.NATURAL_PERSON)
    commercial: Count = cell(v.COMMERCIAL, header=_LP)
    research: Count = cell(v.RESEARCH, header=_LP)
    public_interest: Count = cell(v.PUBLIC_INTEREST, header=_LP)
    legal_service: Count = cell(v.LEGAL_SERVICE, header=_LP)
    other: Count = cell(v.OTHER_APPLICANT, header=_LP)
    total: Count = cell(v.TOTAL)

    PARTS: ClassVar[tuple[str, ...]] = (
        "natural_person",
        "commercial",
        "research",
        "public_interest",
        "legal_service",
        "other",
    )
    """The six applicant columns, in table order (without 总计)."""

    @classmethod
    def from_parts(
        cls,
        natural_person: int = 0,
        commercial: int = 0,
        research: int = 0,
        public_interest: int = 0,
        legal_service: int = 0,
        other: int = 0,
    ) -> ApplicantCounts:
        """
        A row from the six applicant counts (missing ones are 0), with 总计 derived.

        >>> ApplicantCounts.from_parts(natural_person=5, legal_service=1).total
        6
        """
        from .build import derive_totals

        return derive_totals(
            cls(
                natural_person=natural_person,
                commercial=commercial,
                research=research,
                public_interest=public_interest,
                legal_service=legal_service,
                other=other,
                total=None,
            )
        )


@frozen(kw_only=True)
class Withheld:
    """
    三（三）不予公开: its eight sub-rows (the template prints no subtotal row).

    .. versionadded:: 0.1.0
    """

    state_secret: ApplicantCounts = row(v.STATE_SECRET)
    prohibited_by_law: ApplicantCounts = row(v.PROHIBITED_BY_LAW)
    three_safeties: ApplicantCounts = row(v.THREE_SAFETIES)
    third_party: ApplicantCounts = row(v.THIRD_PARTY)
    internal_affairs: ApplicantCounts = row(v.INTERNAL_AFFAIRS)
    process_information: ApplicantCounts = row(v.PROCESS_INFORMATION)
    enforcement_files: ApplicantCounts = row(v.ENFORCEMENT_FILES)
    administrative_inquiry: ApplicantCounts = row(v.ADMINISTRATIVE_INQUIRY)


@frozen(kw_only=True)
class Unable:
    """
    三（四）无法提供: its three sub-rows.

    .. versionadded:: 0.1.0
    """

    not_held: ApplicantCounts = row(v.NOT_HELD)
    needs_creation: ApplicantCounts = row(v.NEEDS_CREATION)
    unclear: ApplicantCounts = row(v.UNCLEAR)


@frozen(kw_only=True)
class NotProcessed:
    """
    三（五）不予处理: its five sub-rows.

    .. versionadded:: 0.1.0
    """

    complaint: ApplicantCounts = row(v.COMPLAINT)
    repeated: ApplicantCounts = row(v.REPEATED)
    publications: ApplicantCounts = row(v.PUBLICATIONS)
    mass_repeated: ApplicantCounts = row(v.MASS_REPEATED)
    confirmation: ApplicantCounts = row(v.CONFIRMATION)


def _single_row(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, ApplicantCounts):
        raise CellValueError(
            f"{type(inst).__name__}.{attribute.name}", value, "expected an ApplicantCounts or None", type_error=True
        )


@frozen(kw_only=True)
class OtherHandling:
    """
    三（六）其他处理 in the 2021 edition: three sub-rows.

    In the 2019 edition （六）其他处理 is a single row (an :class:`ApplicantCounts`).

    ``single_row`` is （六）其他处理 as the report printed it on one row, when it
    did not print the three sub-rows (a 2021-edition report in the 2019 style);
    it is not a cell of the official 2021 layout, so the layout, the records
    of the official cells and the official grid never show it, and None (the
    default) means the report printed no such row.  The checks use it in the
    group's arithmetic when the three sub-rows are all blank; when the sub-rows
    have numbers too, they are used, and T3-OTHER-SINGLE-ROW says where the
    single row differs from their sum.  It is never split into the sub-rows.

    >>> OtherHandling.blank().single_row is None
    True

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``single_row``.
    """

    overdue_correction: ApplicantCounts = row(v.OVERDUE_CORRECTION)
    overdue_fee: ApplicantCounts = row(v.OVERDUE_FEE)
    other: ApplicantCounts = row(v.OTHER_CASES)
    single_row: ApplicantCounts | None = attrs.field(default=None, validator=_single_row)

    @classmethod
    def blank(cls, fill: int | None = None) -> OtherHandling:
        """The three sub-rows with every cell set to *fill* (None: blank), and no single row."""
        return cls(
            overdue_correction=ApplicantCounts.blank(fill),
            overdue_fee=ApplicantCounts.blank(fill),
            other=ApplicantCounts.blank(fill),
        )


@frozen(kw_only=True)
class Results:
    """
    三、本年度办理结果: the result rows （一）…（六） and their （七）总计.

    ``other_handling`` is one :class:`ApplicantCounts` row in the 2019 edition
    and an :class:`OtherHandling` group of three rows in the 2021 edition.

    .. versionadded:: 0.1.0
    """

    disclosed: ApplicantCounts = row(v.DISCLOSED)
    partly_disclosed: ApplicantCounts = row(v.PARTLY_DISCLOSED)
    withheld: Withheld = group(v.WITHHELD)
    unable: Unable = group(v.UNABLE)
    not_processed: NotProcessed = group(v.NOT_PROCESSED)
    other_handling: ApplicantCounts | OtherHandling = group(
        v.OTHER_HANDLING, variants=(("2019", ApplicantCounts), ("2021", OtherHandling))
    )
    total: ApplicantCounts = row(v.RESULTS_TOTAL)


@frozen(kw_only=True)
class Requests(_Display):
    """
    三、收到和处理政府信息公开申请情况: requests received and handled, per applicant column.

    The printed 勾稽关系: in each column, 一 + 二 = 三（七）总计 + 四.

    .. versionadded:: 0.1.0
    """

    received: ApplicantCounts = row(v.RECEIVED)
    carried_in: ApplicantCounts = row(v.CARRIED_IN)
    results: Results = group(v.RESULTS, in_row_path=False)
    carried_forward: ApplicantCounts = row(v.CARRIED_FORWARD)

    @classmethod
    def from_parts(
        cls,
        edition: Edition | str,
        *,
        received: Any = None,
        carried_in: Any = None,
        disclosed: Any = None,
        partly_disclosed: Any = None,
        withheld: Any = None,
        unable: Any = None,
        not_processed: Any = None,
        other_handling: Any = None,
        carried_forward: Any = None,
    ) -> Requests:
        """
        Table 三 from its parts, with every total derived.

        Each row is an :class:`ApplicantCounts` or a mapping of applicant counts
        (missing columns are 0, 总计 is derived); each group is a model object or
        a mapping of rows (``withheld={"state_secret": {"natural_person": 1}}``).
        In the 2021 edition ``other_handling`` is a group of three rows, in 2019 a
        single row.  （七）总计 is the sum of the result rows, and
        四、结转下年度继续办理 comes from the balance unless given.

        Raises:
            CellValueError: An unknown key, a wrong value, or parts that make
                四、结转下年度继续办理 negative.

        >>> Requests.from_parts("2019", received={"natural_person": 2},
        ...                     disclosed={"natural_person": 2}).results.total.total
        2
        """
        from .build import requests_from_parts

        return requests_from_parts(
            edition,
            received=received,
            carried_in=carried_in,
            disclosed=disclosed,
            partly_disclosed=partly_disclosed,
            withheld=withheld,
            unable=unable,
            not_processed=not_processed,
            other_handling=other_handling,
            carried_forward=carried_forward,
        )


# ----------------------------------------------------------------------------
# 四、政府信息公开行政复议、行政诉讼情况 (both editions)
# ----------------------------------------------------------------------------


@frozen(kw_only=True)
class Outcomes(_Row):
    """
    One block of table 四: outcome counts and their 总计 as reported.

    .. versionadded:: 0.1.0
    """

    upheld: Count = cell(v.UPHELD)
    corrected: Count = cell(v.CORRECTED)
    other: Count = cell(v.OTHER_OUTCOME)
    pending: Count = cell(v.PENDING)
    total: Count = cell(v.TOTAL)

    PARTS: ClassVar[tuple[str, ...]] = ("upheld", "corrected", "other", "pending")

    @classmethod
    def from_parts(cls, upheld: int = 0, corrected: int = 0, other: int = 0, pending: int = 0) -> Outcomes:
        """
        A block from its four outcome counts, with 总计 derived.

        >>> Outcomes.from_parts(upheld=5, pending=2).total
        7
        """
        from .build import derive_totals

        return derive_totals(cls(upheld=upheld, corrected=corrected, other=other, pending=pending, total=None))


@frozen(kw_only=True)
class Disputes(_Display):
    """
    四、政府信息公开行政复议、行政诉讼情况: administrative review and litigation.

    .. versionadded:: 0.1.0
    """

    review: Outcomes = row(v.REVIEW)
    direct_suit: Outcomes = row(v.DIRECT_SUIT, parents=(v.LITIGATION,))
    suit_after_review: Outcomes = row(v.SUIT_AFTER_REVIEW, parents=(v.LITIGATION,))

    @classmethod
    def from_parts(cls, *, review: Any = None, direct_suit: Any = None, suit_after_review: Any = None) -> Disputes:
        """
        Table 四 from its three blocks, each an :class:`Outcomes` or a mapping of outcome counts.

        Missing blocks are all 0; every 总计 is derived.

        >>> Disputes.from_parts(review={"upheld": 2, "corrected": 1}).review.total
        3
        """
        from .build import disputes_from_parts

        return disputes_from_parts(review=review, direct_suit=direct_suit, suit_after_review=suit_after_review)


# ----------------------------------------------------------------------------
# Narrative sections
# ----------------------------------------------------------------------------


@frozen(kw_only=True)
class Subsection:
    """
    A titled part of a narrative section, e.g. （一）主动公开.

    .. versionadded:: 0.1.0
    """

    title: str = attrs.field(validator=text_validator)
    text: str = attrs.field(validator=text_validator)


def _subsections(value: Any) -> tuple[Subsection, ...]:
    return tuple(value)


def _validate_subsections(inst: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    for i, item in enumerate(value):
        if not isinstance(item, Subsection):
            raise CellValueError(
                f"{type(inst).__name__}.{attribute.name}[{i}]", item, "expected a Subsection", type_error=True
            )


@frozen(kw_only=True)
class Narrative(_NarrativeDisplay):
    """
    A narrative section: text, optionally followed by titled subsections.

    Used for 一、总体情况 and 五、存在的主要问题及改进情况.

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(validator=text_validator)
    subsections: tuple[Subsection, ...] = attrs.field(
        default=(), converter=_subsections, validator=_validate_subsections
    )

    def full_text(self) -> str:
        """The text and every subsection (title, then text), joined by newlines."""
        parts = [self.text] if self.text else []
        for s in self.subsections:
            parts.append(s.title)
            if s.text:
                parts.append(s.text)
        return "\n".join(parts)

    def is_empty(self) -> bool:
        """True when the section says nothing (only whitespace)."""
        return not self.full_text().strip()


@frozen(kw_only=True)
class ProcessingFees:
    """
    信息处理费 charged in the year, as section 六 states them (both optional).

    Attributes:
        applications: How many applications were charged a fee.
        amount_yuan: The total charged, in 元.

    .. versionadded:: 0.1.0
    """

    applications: int | None = attrs.field(default=None, validator=CELL_KINDS[Kind.COUNT].validator)
    amount_yuan: Decimal | None = attrs.field(default=None, validator=CELL_KINDS[Kind.AMOUNT].validator)


@frozen(kw_only=True)
class OtherMatters(_NarrativeDisplay):
    """
    六、其他需要报告的事项: narrative, plus the information-processing fees when known.

    .. versionadded:: 0.1.0
    """

    text: str = attrs.field(validator=text_validator)
    subsections: tuple[Subsection, ...] = attrs.field(
        default=(), converter=_subsections, validator=_validate_subsections
    )
    fees: ProcessingFees | None = attrs.field(
        default=None, validator=_optional_instance(ProcessingFees, "ProcessingFees")
    )

    full_text = Narrative.full_text
    is_empty = Narrative.is_empty


# ----------------------------------------------------------------------------
# Metadata and the report
# ----------------------------------------------------------------------------


def _validate_year(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:  # a published report that does not say its year
        return
    if type(value) is not int:
        raise CellValueError(f"ReportMeta.{attribute.name}", value, "expected an int", type_error=True)
    if not 2008 <= value <= 2100:
        raise CellValueError(f"ReportMeta.{attribute.name}", value, "a report year lies between 2008 and 2100")


def _validate_organ(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:  # a published report that does not name its organ
        return
    if type(value) is not str:
        raise CellValueError(f"ReportMeta.{attribute.name}", value, "expected a str", type_error=True)
    if not value.strip():
        raise CellValueError(f"ReportMeta.{attribute.name}", value, "the organ cannot be empty")


def _edition(value: Edition | str) -> Edition:
    """``"2019"``/``"2021"`` as their Edition; anything else is left for the validator to refuse."""
    if isinstance(value, str) and not isinstance(value, Edition):
        try:
            return Edition(value)
        except ValueError:
            pass
    return value  # type: ignore[return-value]


def _validate_members(inst: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    for i, item in enumerate(value):
        if type(item) is not str:
            raise CellValueError(f"ReportMeta.members[{i}]", item, "expected a str", type_error=True)


@frozen(kw_only=True)
class ReportMeta:
    """
    Who published the report, for which year, in which edition.

    Attributes:
        organ: 发布机关, the organ (or government level) the report is for; None when a
            published report does not name it (the importers then say so in a diagnostic).
        year: The report year (the year reported on, not the publication year); None when a
            published report does not say it.
        edition: The template edition the tables follow (``"2019"`` and ``"2021"`` are taken too).
        title: The report's title as published.
        division_code: The administrative division code (行政区划代码), if known.
        published: The publication date, if known.
        scope: A single organ's report, or a government-level summary.
        members: For a summary, the names of the member organs it covers.

    .. versionadded:: 0.1.0
    """

    organ: str | None = attrs.field(validator=_validate_organ)
    year: int | None = attrs.field(validator=_validate_year)
    edition: Edition = attrs.field(converter=_edition, validator=_instance(Edition, "an Edition"))
    title: str | None = attrs.field(default=None, validator=_optional_instance(str, "a str"))
    division_code: str | None = attrs.field(default=None, validator=_optional_instance(str, "a str"))
    published: _dt.date | None = attrs.field(default=None, validator=_optional_instance(_dt.date, "a date"))
    scope: Scope = attrs.field(default=Scope.ORGAN, validator=_instance(Scope, "a Scope"))
    members: tuple[str, ...] = attrs.field(default=(), converter=_subsections, validator=_validate_members)

    @property
    def organ_name(self) -> str:
        """
        The organ for messages and tables: ``organ``, or 发布机关未知 when it is not known.

        >>> ReportMeta(organ=None, year=2021, edition=Edition.E2021).organ_name
        '发布机关未知'

        .. versionadded:: 0.2.0
        """
        return self.organ if self.organ is not None else v.UNKNOWN_ORGAN.zh

    @property
    def year_name(self) -> str:
        """
        The year for messages and tables: ``str(year)``, or 年度未知 when it is not known.

        .. versionadded:: 0.2.0
        """
        return str(self.year) if self.year is not None else v.UNKNOWN_YEAR.zh


_PROACTIVE = {Edition.E2019: Proactive2019, Edition.E2021: Proactive2021}
_OTHER_HANDLING = {Edition.E2019: ApplicantCounts, Edition.E2021: OtherHandling}


def _validate_sections(inst: AnnualReport, attribute: attrs.Attribute[Any], value: object) -> None:
    expected: dict[str, type] = {
        "overview": Narrative,
        "requests": Requests,
        "disputes": Disputes,
        "problems": Narrative,
        "other_matters": OtherMatters,
    }
    name = attribute.name
    if name == "meta":
        if not isinstance(value, ReportMeta):
            raise CellValueError("AnnualReport.meta", value, "expected a ReportMeta", type_error=True)
        return
    edition = inst.meta.edition
    if name == "proactive":
        cls = _PROACTIVE[edition]
        if not isinstance(value, cls):
            raise CellValueError(
                "AnnualReport.proactive", value, f"the {edition.value} edition needs a {cls.__name__}", type_error=True
            )
        return
    if not isinstance(value, expected[name]):
        raise CellValueError(f"AnnualReport.{name}", value, f"expected a {expected[name].__name__}", type_error=True)
    if name == "requests":
        assert isinstance(value, Requests)
        oh_cls = _OTHER_HANDLING[edition]
        if not isinstance(value.results.other_handling, oh_cls):
            raise CellValueError(
                "AnnualReport.requests.results.other_handling",
                value.results.other_handling,
                f"（六）其他处理 in the {edition.value} edition is a {oh_cls.__name__}",
                type_error=True,
            )


@frozen(kw_only=True)
class AnnualReport:
    """
    A 政府信息公开工作年度报告: metadata and the six sections.

    Build one with :meth:`blank`, :meth:`build`, :func:`govinfo_report.from_json`
    or an importer; check it with :func:`govinfo_report.check`.

    .. versionadded:: 0.1.0
    """

    meta: ReportMeta = attrs.field(validator=_validate_sections)
    overview: Narrative = attrs.field(validator=_validate_sections)
    proactive: Proactive2019 | Proactive2021 = attrs.field(validator=_validate_sections)
    requests: Requests = attrs.field(validator=_validate_sections)
    disputes: Disputes = attrs.field(validator=_validate_sections)
    problems: Narrative = attrs.field(validator=_validate_sections)
    other_matters: OtherMatters = attrs.field(validator=_validate_sections)

    @property
    def edition(self) -> Edition:
        """The edition of the report (``meta.edition``)."""
        return self.meta.edition

    @property
    def organ(self) -> str | None:
        """The organ of the report (``meta.organ``)."""
        return self.meta.organ

    @property
    def year(self) -> int | None:
        """The report year (``meta.year``)."""
        return self.meta.year

    @classmethod
    def blank(
        cls,
        edition: Edition | str,
        *,
        organ: str,
        year: int | None = None,
        fill: int | None = None,
        **meta: Any,
    ) -> AnnualReport:
        """
        A report whose every cell is *fill*: None (blank, the default) or 0.

        Args:
            edition: The edition, e.g. ``Edition.E2021`` or ``"2021"``.
            organ: The organ.
            year: The report year; by default the first year of the edition.
            fill: None for blank cells, or 0.
            meta: Further :class:`ReportMeta` fields (title, published, scope, members...).

        >>> r = AnnualReport.blank("2021", organ="某某局", year=2023, fill=0)
        >>> r.requests.results.total.total
        0
        """
        from .build import blank_report

        return blank_report(Edition(edition), organ=organ, year=year, fill=fill, **meta)

    @classmethod
    def build(
        cls,
        meta: ReportMeta,
        *,
        overview: Narrative | str = "",
        proactive: Proactive2019 | Proactive2021 | None = None,
        requests: Requests | None = None,
        disputes: Disputes | None = None,
        problems: Narrative | str = "",
        other_matters: OtherMatters | str = "",
    ) -> AnnualReport:
        """
        A report from its sections; a missing table is all 0, a str becomes a narrative.

        Totals are kept as given: build the sections with their ``from_parts``
        builders to derive them.
        """
        from .build import build_report

        return build_report(
            meta,
            overview=overview,
            proactive=proactive,
            requests=requests,
            disputes=disputes,
            problems=problems,
            other_matters=other_matters,
        )

    def cells(self) -> Any:
        """Every table cell as ``(CellSpec, value)`` pairs, in official order."""
        from .tables import iter_cells

        return iter_cells(self)

    def _repr_html_(self) -> str:
        """The report as an HTML fragment in the official layout (notebook display)."""
        from .render.html import render_html

        return render_html(self, standalone=False)

    def _repr_markdown_(self) -> str:
        """The report as Markdown (notebook display where HTML is not shown)."""
        from .render.text import render_markdown

        return render_markdown(self)


