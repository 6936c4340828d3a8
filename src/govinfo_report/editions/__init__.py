"""
The editions of the national template, one module each, behind one interface.

As python-stdnum has one module per number format, each edition of the template is one module
(:mod:`~govinfo_report.editions.e2019`, :mod:`~govinfo_report.editions.e2021`) that declares the same
names: ``EDITION``, ``FIRST_YEAR``, ``LAST_YEAR``, ``SECTIONS``, ``OTHER_HANDLING``, ``TABLE_HEADINGS``
and ``CROSSWALK``.  The registry turns each into an :class:`EditionSpec` with a uniform interface: the
years it applies to, its section classes, its layout, the header labels that identify it in a printed
table and its crosswalk to the other edition.  Code that needs any of these for an edition asks here.

>>> from govinfo_report import editions
>>> e = editions.get("2021")
>>> e.edition, e.first_year, e.last_year
(<Edition.E2021: '2021'>, 2021, None)
>>> e.section_class("proactive").__name__
'Proactive2021'
>>> editions.for_year(2020).edition.value
'2019'
>>> editions.identify(["本年制发件数", "本年废止件数", "现行有效件数"])
<Edition.E2021: '2021'>

The list of edition modules is ``editions._declared.MODULES``.  The layout
(:mod:`govinfo_report.tables`) reads their ``SECTIONS`` from there, at its end, and the registry reads
the layout; the edition modules import only the model and the vocabulary, so the layout and the
registry import in either order.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from types import ModuleType

from attrs import frozen

from .._chinese import label_key
from ..errors import GovInfoReportError
from ..model import Edition
from ..tables import ReportLayout, single_row_spec
from ..tables import layout as _layout_of
from ..vocab import Term
from ._declared import MODULES
from ._spec import Crosswalk, Section

__all__ = [
    "Crosswalk",
    "EditionError",
    "EditionSpec",
    "Section",
    "all",
    "edition_of",
    "evidence",
    "for_year",
    "get",
    "identify",
    "label_keys",
]


class EditionError(GovInfoReportError, ValueError):
    """
    An edition or a report year that no edition of the template has.

    .. versionadded:: 0.2.0
    """


@frozen
class EditionSpec:
    """
    One edition of the template, as its module declares it.

    Attributes:
        edition: The edition.
        first_year: The first report year it applies to.
        last_year: The last report year it applies to; None when it applies to every year from *first_year* on.
        sections: The three table sections in official order (:class:`Section`: attribute, table, heading, class).
        other_handling: The class of 三（六）其他处理 (``Results.other_handling``).
        table_headings: Labels a printed table carries besides those of its rows and columns, by table attribute.
        crosswalk: How its cells meet the other edition's.

    .. versionadded:: 0.2.0
    """

    edition: Edition
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    other_handling: type
    table_headings: Mapping[str, tuple[Term, ...]]
    crosswalk: Crosswalk

    @classmethod
    def from_module(cls, module: ModuleType) -> EditionSpec:
        """The entry of an edition module (one that declares the names listed in :mod:`govinfo_report.editions`)."""
        return cls(
            edition=module.EDITION,
            first_year=module.FIRST_YEAR,
            last_year=module.LAST_YEAR,
            sections=tuple(module.SECTIONS),
            other_handling=module.OTHER_HANDLING,
            table_headings=dict(module.TABLE_HEADINGS),
            crosswalk=module.CROSSWALK,
        )

    def applies_to(self, year: int) -> bool:
        """True when a report for *year* follows this edition."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def section_class(self, attr: str) -> type:
        """The class of the table section *attr* (``proactive``, ``requests``, ``disputes``)."""
        for s in self.sections:
            if s.attr == attr:
                return s.cls
        raise EditionError(f"no table section {attr!r} in the {self.edition.value} edition")

    @property
    def proactive_class(self) -> type:
        """The class of table 二 (``AnnualReport.proactive``)."""
        return self.section_class("proactive")

    @property
    def layout(self) -> ReportLayout:
        """The layout of its three tables (:func:`govinfo_report.tables.layout`)."""
        return _layout_of(self.edition)

    def table_labels(self, attr: str) -> tuple[Term, ...]:
        """
        Every label printed in the table *attr*: its groups, rows and column headers, in official order,
        its headings (:attr:`table_headings`), and （六）其他处理 printed as one row where the edition has it.
        """
        return _table_labels(self.edition, attr)

    @property
    def label_keys(self) -> frozenset[str]:
        """The keys (:func:`~govinfo_report.importers.normalize.label_key`) of every label of its tables."""
        return _label_keys(self.edition)

    @property
    def markers(self) -> frozenset[str]:
        """The label keys that only this edition prints: those that identify it in a printed table."""
        return _markers()[self.edition]

    @property
    def labels(self) -> tuple[Term, ...]:
        """The labels that identify it in a printed table (those with a key in :attr:`markers`), in official order."""
        out: dict[Term, None] = {}
        for s in self.sections:
            for term in self.table_labels(s.attr):
                if any(k in self.markers for k in _keys(term)):
                    out[term] = None
        return tuple(out)


@functools.cache
def _registry() -> dict[Edition, EditionSpec]:
    specs = [EditionSpec.from_module(m) for m in MODULES]
    return {s.edition: s for s in specs}


def get(edition: Edition | str) -> EditionSpec:
    """
    The registry entry of *edition* (an :class:`~govinfo_report.model.Edition` or its value, ``"2019"``).

    Raises:
        EditionError: No edition has that value.

    .. versionadded:: 0.2.0
    """
    try:
        return _registry()[Edition(edition)]
    except (ValueError, KeyError):
        raise EditionError(
            f"no edition {edition!r}; the editions are {', '.join(e.value for e in _registry())}"
        ) from None


def all() -> tuple[EditionSpec, ...]:
    """
    Every edition, oldest first.

    .. versionadded:: 0.2.0
    """
    return tuple(_registry().values())


_BY_YEAR: dict[tuple[int, bool], EditionSpec] = {}  # for_year's answers, by (year, strict)


def for_year(year: int, *, strict: bool = True) -> EditionSpec:
    """
    The edition a report for *year* follows: 2019 for 2019 and 2020, 2021 from 2021 on.

    Args:
        year: The report year.
        strict: Refuse a year before the first edition (2019).  With False, such a year gets the first
            edition, as the check EDITION-YEAR and the readers of published reports take it.

    Raises:
        EditionError: No edition applies to *year*.

    .. versionadded:: 0.2.0
    """
    found = _BY_YEAR.get((year, strict))
    if found is not None:
        return found
    specs = all()
    for spec in specs:
        if spec.applies_to(year):
            _BY_YEAR[year, strict] = spec
            return spec
    if not strict and year < specs[0].first_year:
        _BY_YEAR[year, strict] = specs[0]
        return specs[0]
    raise EditionError(
        f"no edition of the template applies to a report for {year}; the first is for {specs[0].first_year}"
    )


def edition_of(section: object) -> Edition | None:
    """
    The edition whose classes *section* has: a table section, or the ``Results`` of 三; None when every
    edition has its class (四 ``Disputes``, a row).

    >>> from govinfo_report.model import AnnualReport
    >>> r = AnnualReport.blank("2019", organ="某某局")
    >>> edition_of(r.proactive), edition_of(r.requests), edition_of(r.disputes)
    (<Edition.E2019: '2019'>, <Edition.E2019: '2019'>, None)

    .. versionadded:: 0.2.0
    """
    results = getattr(section, "results", section)  # Requests → its Results
    other_handling = getattr(results, "other_handling", None)
    for spec in all():
        if type(section) is spec.proactive_class or (
            other_handling is not None and type(other_handling) is spec.other_handling
        ):
            return spec.edition
    return None


def _keys(term: Term) -> list[str]:
    return [k for k in dict.fromkeys(label_key(t) for t in (term.zh, *term.variants)) if k]


@functools.cache
def _table_labels(edition: Edition, attr: str) -> tuple[Term, ...]:
    spec = get(edition)
    table = _layout_of(edition).table(attr)
    terms: list[Term] = []
    for row in table.rows:
        terms += row.labels
        for cell in row.cells:
            terms += cell.column_terms
    terms += spec.table_headings.get(attr, ())
    single = single_row_spec(edition)
    if single is not None and single.table == table.table.zh:
        terms.append(single.labels[-1])
    return tuple(dict.fromkeys(terms))


@functools.cache
def _label_keys(edition: Edition) -> frozenset[str]:
    return frozenset(k for s in get(edition).sections for t in _table_labels(edition, s.attr) for k in _keys(t))


@functools.cache
def label_keys() -> frozenset[str]:
    """
    The keys of every label of every table of every edition (:attr:`EditionSpec.label_keys`, together).

    .. versionadded:: 0.2.0
    """
    return frozenset().union(*(_label_keys(e) for e in _registry()))


@functools.cache
def _markers() -> dict[Edition, frozenset[str]]:
    keys = {e: _label_keys(e) for e in _registry()}
    return {e: keys[e] - frozenset().union(*(keys[o] for o in keys if o is not e)) for e in keys}


@functools.cache
def _sorted_markers() -> tuple[tuple[Edition, tuple[str, ...]], ...]:
    # longest first: a label key that starts with two markers (本年收费金额万元…) is taken for the longer one
    return tuple((e, tuple(sorted(m, key=lambda k: (-len(k), k)))) for e, m in _markers().items())


@functools.lru_cache(maxsize=4096)
def _marker_of(key: str) -> tuple[tuple[Edition, str], ...]:
    """The edition markers a label key shows: exactly, or as a prefix followed by a note."""
    out = []
    known = key in label_keys()
    for e, markers in _sorted_markers():
        if key in _markers()[e]:
            out.append((e, key))
        elif not known:
            for m in markers:
                if key.startswith(m) and len(key) > len(m):
                    out.append((e, m))
                    break
    return tuple(out)


def evidence(labels: Iterable[str]) -> dict[Edition, list[str]]:
    """
    The labels among *labels* (as printed) that only one edition prints, by edition: each identifying label once,
    as first printed.

    A label counts when its key is the edition's (:attr:`EditionSpec.markers`), or when it is no label of any
    edition but starts with one of this edition's followed by more (a note: ``本年制发件数（件）``).

    .. versionadded:: 0.2.0
    """
    seen: dict[Edition, dict[str, str]] = {e: {} for e in _registry()}
    for text in labels:
        for e, m in _marker_of(label_key(text)):
            seen[e].setdefault(m, text)
    return {e: list(s.values()) for e, s in seen.items()}


def identify(labels: Iterable[str]) -> Edition | None:
    """
    The edition whose identifying header labels *labels* (as printed in a table) show most.

    None when they show none, or two editions equally.

    >>> identify(["本年新制作数量", "本年新公开数量"]), identify(["自然人"])
    (<Edition.E2019: '2019'>, None)

    .. versionadded:: 0.2.0
    """
    return _winner(evidence(labels))


def _winner(found: Mapping[Edition, list[str]]) -> Edition | None:
    counts = {e: len(s) for e, s in found.items()}
    best = max(counts.values())
    winners = [e for e, c in counts.items() if c == best]
    if best == 0 or len(winners) > 1:
        return None
    return winners[0]
