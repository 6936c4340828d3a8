"""
The exceptions of govinfo_report.

Every exception the library raises on purpose derives from
:class:`GovInfoReportError`.  Errors about bad input also derive from
:class:`ValueError` (and, for a value of the wrong type, :class:`TypeError`),
so callers who already catch those keep working.

The tree:

    GovInfoReportError
    ├── InputError (ValueError)             the input cannot be read: catch this around parse()
    │   ├── ParseError                      a published report gives no report at all
    │   ├── StructureError                  a dict or JSON document is not a valid report
    │   ├── JsonValueError                  one value of it that does not fit its field
    │   └── ReportReadError                 a file cannot be read as a report
    │       ├── InputFileError (OSError)    the file cannot be opened or read
    │       ├── InputLimitError             an input beyond a limit (zip bomb, nesting ...)
    │       └── PdfReadError                a PDF that cannot be read
    ├── CellValueError (ValueError)         a model field given a value it cannot hold
    │   └── CellTypeError (TypeError)       ... of the wrong type
    ├── LayoutError (ValueError)            a path or table name the layout does not have
    ├── OptionError (ValueError)            a function argument with a value it cannot take
    ├── AggregationError (ValueError)       reports that cannot be summed
    ├── InconsistentReportError             the fail-fast helper found error findings
    └── MissingDependencyError (ImportError)  an optional dependency is not installed

:func:`govinfo_report.parse` and every ``parse_*`` reader raise only
:class:`InputError` (one of its subclasses) for input they cannot read, plus
:class:`MissingDependencyError` when the reader's extra is not installed; the
message names the place (file, line, byte offset, sheet cell or zip member).

Inconsistent arithmetic is never an exception: :func:`govinfo_report.check`
returns findings.  Only callers who opt in to fail-fast get
:class:`InconsistentReportError`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AggregationError",
    "CellTypeError",
    "CellValueError",
    "GovInfoReportError",
    "InconsistentReportError",
    "InputError",
    "InputFileError",
    "InputLimitError",
    "JsonValueError",
    "LayoutError",
    "MissingDependencyError",
    "OptionError",
    "ParseError",
    "PdfReadError",
    "ReportReadError",
    "StructureError",
]


class GovInfoReportError(Exception):
    """
    Base class of every exception raised by govinfo_report.

    .. versionadded:: 0.1.0
    """


class InputError(GovInfoReportError, ValueError):
    """
    The input cannot be read: the base of every error about a file, a published report or a document.

    Catch this around :func:`govinfo_report.parse` and the ``parse_*`` readers (and
    :func:`govinfo_report.from_json`): it is all they raise for input they cannot
    read (besides :class:`MissingDependencyError`).  The message names the place:
    the file, and the line, byte offset, cell or zip member where known.  It is a
    :class:`ValueError`; the command line answers it with exit status 2.

    .. versionadded:: 0.2.0
    """


class CellValueError(GovInfoReportError, ValueError):
    """
    A model field was given a value it cannot hold.

    Raised when a report is constructed in Python with, for example, a str
    where a count belongs, or a negative count.  When the value has the wrong
    type the raised exception is also a :class:`TypeError`.

    Attributes:
        field: ``Class.attribute`` of the field, e.g. ``"ApplicantCounts.total"``.
        value: The rejected value.
        reason: Why it was rejected.

    .. versionadded:: 0.1.0
    """

    field: str
    value: object
    reason: str

    def __new__(cls, field: str, value: object, reason: str, *, type_error: bool = False) -> CellValueError:
        target: type[CellValueError] = CellTypeError if type_error and cls is CellValueError else cls
        return super().__new__(target)

    def __init__(self, field: str, value: object, reason: str, *, type_error: bool = False) -> None:
        super().__init__(f"{field}: {reason}, got {short_repr(value)}")
        self.field = field
        self.value = value
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_cell_error, (self.field, self.value, self.reason, isinstance(self, TypeError)))


def short_repr(value: object, width: int = 80) -> str:
    """
    A repr of *value* of at most *width* characters, whatever the value.

    Model objects are named by class; long texts and containers are cut (nested
    containers are not walked beyond a few levels), and an int too long to
    print is described by its size, so a hostile value never floods a message.
    """
    if hasattr(type(value), "__attrs_attrs__"):
        return f"a {type(value).__name__}"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3 * width:
        return f"an int of {value.bit_length()} bits"
    if isinstance(value, (str, bytes)) and len(value) > width:
        text = repr(value[:width])
    elif isinstance(value, (list, tuple, dict, set, frozenset)):
        text = _SHORT.repr(value)
    else:
        try:
            text = repr(value)
        except (ValueError, RecursionError):  # e.g. a Decimal or int too large to print
            text = f"a {type(value).__name__}"
    return text if len(text) <= width else text[: width - 3] + "..."


def _short_reprlib() -> Any:
    import reprlib

    r = reprlib.Repr()
    r.maxlevel, r.maxlist, r.maxtuple, r.maxdict, r.maxset = 3, 4, 4, 4, 4
    r.maxstring, r.maxother, r.maxlong = 40, 40, 40
    return r


_SHORT = _short_reprlib()


class CellTypeError(CellValueError, TypeError):
    """
    A :class:`CellValueError` for a value of the wrong type (a str where a count belongs …); also a TypeError.

    ``CellValueError(..., type_error=True)`` creates one; catch :class:`CellValueError` to catch both.

    .. versionadded:: 0.2.0
    """


def _rebuild_cell_error(field: str, value: object, reason: str, type_error: bool) -> CellValueError:
    return CellValueError(field, value, reason, type_error=type_error)


class StructureError(InputError):
    """
    A dict or JSON document is not a valid report.

    Every problem is listed, each as ``message @ $.path``, in :attr:`errors`.

    Attributes:
        errors: One line per problem, e.g. ``"expected an int, got '3' @ $.requests.received.natural_person"``.
        source: The file the document came from, when known (:func:`govinfo_report.parse` of a
            ``.json`` file gives it; the message then starts with it).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 the *source* argument and attribute.
    """

    errors: list[str]

    def __init__(self, errors: Sequence[str], source: str | None = None) -> None:
        self.errors = list(errors)
        self.source = source
        count = len(self.errors)
        head = f"{count} problem{'s' if count != 1 else ''} in the report data"
        if source:
            head = f"{source}: {head}"
        super().__init__(head + ":\n" + "\n".join(f"  {e}" for e in self.errors))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.errors, self.source))


class JsonValueError(InputError):
    """
    One value of a dict or JSON document that does not fit its field, e.g. ``"3"`` where a count belongs.

    Raised by the structuring hooks of a converter from
    :func:`govinfo_report.convert.make_converter`.  :func:`govinfo_report.from_dict`
    and :func:`govinfo_report.from_json` never let it out: they gather every such
    problem, with its path, into one :class:`StructureError`.

    .. versionadded:: 0.2.0
    """


class ReportReadError(InputError):
    """
    A file could not be read as a report at all (missing, binary, unknown format).

    Attributes:
        source: The file or input name.
        reason: What went wrong.

    .. versionadded:: 0.1.0
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.source, self.reason))


class PdfReadError(ReportReadError):
    """
    A PDF that cannot be read: damaged, encrypted, scanned, over a limit, or without text.

    Raised by :func:`govinfo_report.parse_pdf` (and :func:`govinfo_report.importers.parse`
    for a ``.pdf`` file).  The message names the file and says why, in English and Chinese.

    Attributes:
        source: The file name (``"<bytes>"`` for bytes given directly).
        kind: What is wrong: ``"corrupt"`` (damaged, or not a PDF), ``"encrypted"``
            (a password is needed), ``"scanned"`` (only images, no text layer: there is
            no OCR), ``"limit"`` (more pages, or more decoded content, than allowed),
            ``"empty"`` (no text at all) or ``"no-unicode"`` (fonts without a character map).
        reason: The message.

    .. versionadded:: 0.2.0
    """

    def __init__(self, source: str, kind: str, reason: str) -> None:
        super().__init__(source, reason)
        self.kind = kind

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.source, self.kind, self.reason))


class InputFileError(ReportReadError, OSError):
    """
    A file that cannot be opened or read (missing, a folder, no permission, a read error).

    Raised by :func:`govinfo_report.parse` (and the readers given a path) in place of
    the :class:`OSError` the system gives; it is still an :class:`OSError` (with the
    original's ``errno``, ``strerror`` and ``filename``), so ``except OSError`` keeps
    working, and a :class:`ReportReadError` like every unreadable input.  The
    original is its ``__cause__``.

    Attributes:
        source: The file name.
        reason: What the system said, e.g. ``"No such file or directory"``.

    .. versionadded:: 0.2.0
    """

    def __init__(self, source: str, reason: str, errno: int | None = None) -> None:
        super().__init__(source, reason)
        self.errno = errno
        self.strerror = reason
        self.filename = source

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.source, self.reason, self.errno))

    @classmethod
    def wrap(cls, source: str, exc: OSError) -> InputFileError:
        """The error for *exc*, raised while reading *source* (chain it with ``from exc``)."""
        return cls(source, exc.strerror or str(exc), exc.errno)


class LayoutError(GovInfoReportError, ValueError):
    """
    A path or table name that the edition's layout does not have.

    Raised by :func:`govinfo_report.tables` lookups, :func:`govinfo_report.get_cell`
    and :func:`govinfo_report.replace_cell`.  Also importable from ``govinfo_report.tables``.

    .. versionadded:: 0.1.0
    """


class InputLimitError(ReportReadError):
    """
    An input is larger than a limit of :class:`govinfo_report.limits.Limits` allows.

    Raised before the input is expanded or parsed: a zip member (a .docx part)
    or the whole archive that would expand beyond its limit, a compression
    ratio typical of a zip bomb, an XML part nested too deeply, a JSON document
    nested too deeply, a text too long to write into a Word document, or an
    amount beyond the precision that ``aggregate`` and ``diff`` compute exactly.
    It is a :class:`ReportReadError` (and so a :class:`ValueError`); the
    command line answers it with exit status 2.

    Attributes:
        source: The file or input name.
        limit: The name of the limit, e.g. ``"max_member_bytes"`` (a field of
            :class:`~govinfo_report.limits.Limits`), or ``"amount_precision"``.
        found: The size found (bytes, characters, depth or digits), when known.
        maximum: The limit's value.

    .. versionadded:: 0.2.0
    """

    def __init__(self, source: str, limit: str, found: int | None, maximum: int, what: str = "") -> None:
        size = f"{found:,} > {maximum:,}" if found is not None else f"more than {maximum:,}"
        reason = f"{what or limit} exceeds the limit {limit} ({size})"
        super().__init__(source, reason)
        self.limit = limit
        self.found = found
        self.maximum = maximum
        self.what = what

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.source, self.limit, self.found, self.maximum, self.what))


class InconsistentReportError(GovInfoReportError):
    """
    Raised by the fail-fast helper when a report has findings of error severity.

    Attributes:
        findings: Every finding of the report (not only the errors).

    .. versionadded:: 0.1.0
    """

    def __init__(self, findings: Sequence[Any]) -> None:
        self.findings = list(findings)
        errors = [f for f in self.findings if getattr(f, "severity", None) is not None and str(f.severity) == "error"]
        lines = [getattr(f, "message", str(f)) for f in errors]
        super().__init__(f"{len(errors)} error finding(s):\n" + "\n".join(f"  {line}" for line in lines))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.findings,))


class OptionError(GovInfoReportError, ValueError):
    """
    An argument of a library function has a value it cannot take.

    For example ``check(report, blank="sometimes")`` (an unknown blank-cell
    policy) or ``render_findings(findings, format="xml")``.

    .. versionadded:: 0.1.0
    """


class ParseError(InputError):
    """
    A published report (text or HTML) from which no report at all can be produced.

    Raised by :mod:`govinfo_report.importers` only when nothing usable is there:
    empty input, binary data, no recognisable section heading or table, or an
    organ or year that neither the title nor the caller supplies.  Anything
    less (an unreadable cell, a missing table or section) gives a report plus
    diagnostics instead.

    Attributes:
        source: The file or input name, or None.
        reason: What is missing or wrong, in English and Chinese.

    .. versionadded:: 0.1.0
    """

    def __init__(self, reason: str, source: str | None = None) -> None:
        super().__init__(f"{source}: {reason}" if source else reason)
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.reason, self.source))


class AggregationError(GovInfoReportError, ValueError):
    """
    Reports that cannot be summed into one summary (汇总) report.

    Raised by :func:`govinfo_report.analysis.aggregate.aggregate` for member reports of
    different years, of different editions (unless mapped explicitly), of the
    same organ twice, with 采购总金额 amounts that cannot be brought to one unit,
    or with blank cells under the strict blank policy.

    Attributes:
        reason: What is wrong, in English and Chinese.
        members: The organs of the member reports concerned (may be empty).
        cells: For blank cells under the strict policy: ``(organ, path)`` pairs.

    .. versionadded:: 0.1.0
    """

    def __init__(self, reason: str, *, members: Sequence[str] = (), cells: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.members = tuple(members)
        self.cells = tuple(cells)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_aggregation_error, (self.reason, self.members, self.cells))


def _rebuild_aggregation_error(
    reason: str, members: Sequence[str], cells: Sequence[tuple[str, str]]
) -> AggregationError:
    return AggregationError(reason, members=members, cells=cells)


class MissingDependencyError(GovInfoReportError, ImportError):
    """
    A feature needs an optional dependency that is not installed.

    For example :func:`govinfo_report.write_docx` and :func:`govinfo_report.parse_docx`
    need python-docx, the ``docx`` extra: ``pip install "govinfo-report[docx]"``.

    Attributes:
        package: The distribution to install, e.g. ``"python-docx"``.
        extra: The govinfo-report extra that brings it, e.g. ``"docx"``.
        feature: What needs it, e.g. ``"write_docx"``.

    .. versionadded:: 0.1.0
    """

    def __init__(self, package: str, extra: str, feature: str) -> None:
        super().__init__(
            f"{feature} needs {package}, which is not installed; "
            f'install it with: pip install "govinfo-report[{extra}]" (or: pip install {package})'
        )
        self.package = package
        self.extra = extra
        self.feature = feature

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.package, self.extra, self.feature))
