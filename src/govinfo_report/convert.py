"""
Lossless conversion to and from dicts and JSON, through one private cattrs converter.

The JSON form of a report is UTF-8 with Chinese text unescaped.  It carries
``format_version`` (currently ``1``) and the edition (``meta.edition``), keeps a
blank cell (``null``) distinct from 0, writes amounts as decimal strings so
they survive exactly, and keeps narrative text byte for byte.

Input is strict: unknown keys, values of the wrong type (``"3"``, ``3.9`` or
``true`` where a count belongs), negative counts and missing keys are all
rejected, together, by one :class:`~govinfo_report.errors.StructureError`
whose ``errors`` read ``message @ $.path``.  So are a key given twice in one
object (JSON readers would keep the last silently), an amount that is not a
plain decimal string (``"178.00"`` and ``"1.5E+3"`` are; ``" 178 "``,
``"1_78"``, ``"１７８"``, ``"+1"``, ``".5"`` and ``"-0"`` are not), a lone
surrogate (``"\\ud800"``) in a text, and a document nested more than
:data:`MAX_DEPTH` deep.  A message quotes at most about 80 characters of a
bad value.

>>> from govinfo_report import AnnualReport
>>> r = AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
>>> from_json(to_json(r)) == r
True
>>> from_dict({"format_version": 1})
Traceback (most recent call last):
...
govinfo_report.errors.StructureError: 7 problems in the report data:
  required field missing @ $.meta
  required field missing @ $.overview
  required field missing @ $.proactive
  required field missing @ $.requests
  required field missing @ $.disputes
  required field missing @ $.problems
  required field missing @ $.other_matters

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import linecache
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import attrs

from . import editions
from ._fields import CELL_KINDS, MAX_COUNT, CellKind, Kind, cell_kind_of, field_info, field_type
from .errors import CellValueError, JsonValueError, StructureError, short_repr
from .model import (
    AmountUnit,
    AnnualReport,
    ApplicantCounts,
    DecisionCounts,
    Disputes,
    DocumentCounts,
    Edition,
    FeeAmount,
    FeeItemCounts,
    ItemCounts,
    Narrative,
    NotProcessed,
    OtherHandling,
    OtherMatters,
    Outcomes,
    Proactive2019,
    Proactive2021,
    ProcessingFees,
    ProcurementCounts,
    PublicationCounts,
    ReportMeta,
    Requests,
    Results,
    Scope,
    Subsection,
    Unable,
    Withheld,
)

if TYPE_CHECKING:
    import cattrs

# cattrs is imported by the functions that need it (the detailed converter, its error messages), not
# here: the generated code below reads every report this library writes without it.

__all__ = ["FORMAT_VERSION", "MAX_COUNT", "MAX_DEPTH", "from_dict", "from_json", "make_converter", "to_dict", "to_json"]

FORMAT_VERSION = 1
"""The version of the JSON form written by :func:`to_json` and read by :func:`from_json`."""

MAX_DEPTH = 64
"""How deep :func:`from_json` lets arrays and objects nest (a report needs 6 levels)."""

# An amount as JSON writes it: str(Decimal) of a finite amount ≥ 0, ASCII digits only, no sign, no spaces.
_AMOUNT = re.compile(CELL_KINDS[Kind.AMOUNT].json_pattern or "")

DATE_PATTERN = (
    r"(?!0000)[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
)
"""A date as JSON writes it, matched whole: ``YYYY-MM-DD``, a day of the Gregorian calendar (years 0001 to 9999)."""
_DATE = re.compile(DATE_PATTERN)

_MODEL_CLASSES: tuple[type, ...] = (
    PublicationCounts,
    ItemCounts,
    FeeItemCounts,
    ProcurementCounts,
    Proactive2019,
    DocumentCounts,
    DecisionCounts,
    FeeAmount,
    Proactive2021,
    ApplicantCounts,
    Withheld,
    Unable,
    NotProcessed,
    OtherHandling,
    Results,
    Requests,
    Outcomes,
    Disputes,
    Subsection,
    Narrative,
    ProcessingFees,
    OtherMatters,
    ReportMeta,
    AnnualReport,
)


# ----------------------------------------------------------------------------
# Strict scalar hooks
# ----------------------------------------------------------------------------


def _cell_hook(spec: CellKind) -> Callable[[Any, Any], Any]:
    """The strict structure hook of one kind of cell, from its description in :data:`CELL_KINDS`."""
    if spec.json_pattern is not None:
        pattern = re.compile(spec.json_pattern)

        def amount(value: Any, _: Any) -> Decimal | None:
            if value is None:
                return None
            if type(value) is not str:
                raise JsonValueError(f"{spec.json_type_error}, got {short_repr(value)}")
            if not pattern.fullmatch(value):
                raise JsonValueError(
                    f"expected a decimal string of ASCII digits, e.g. \"178.00\", got {short_repr(value)}"
                )
            try:
                return Decimal(value)
            except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
                raise JsonValueError(f"expected a decimal string, got {short_repr(value)}") from None

        return amount

    def count(value: Any, _: Any) -> int | None:
        if value is None:
            return None
        number: int = value
        if type(number) is not spec.python_type:  # a bool is not an int here
            raise JsonValueError(f"{spec.json_type_error}, got {short_repr(value)}")
        if not spec.signed and number < 0:
            raise JsonValueError(f"{spec.negative_error}, got {short_repr(value)}")
        if not spec.in_bounds(number):
            raise JsonValueError(f"{spec.size_error}, got {short_repr(value)}")
        return number

    return count


_CELL_HOOKS = {kind: _cell_hook(spec) for kind, spec in CELL_KINDS.items()}
_amount = _CELL_HOOKS[Kind.AMOUNT]


def _int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise JsonValueError(f"expected an int, got {short_repr(value)}")
    return value


def _str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise JsonValueError(f"expected a string, got {short_repr(value)}")
    return value


def _date(value: Any, _: Any) -> _dt.date:
    if type(value) is not str:
        raise JsonValueError(f"expected an ISO date string, got {short_repr(value)}")
    if not _DATE.fullmatch(value):  # Python 3.11 also reads "20220101" and week dates
        raise JsonValueError(f"expected an ISO date (YYYY-MM-DD), got {short_repr(value)}")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise JsonValueError(f"expected an ISO date (YYYY-MM-DD), got {short_repr(value)}") from None


def _enum(cls: type[Any]) -> Callable[[Any, Any], Any]:
    choices = ", ".join(repr(m.value) for m in cls)

    def hook(value: Any, _: Any) -> Any:
        try:
            return cls(value)
        except ValueError:
            raise JsonValueError(f"expected one of {choices}, got {short_repr(value)}") from None

    return hook


def _optional(hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def optional(value: Any, t: Any) -> Any:
        return None if value is None else hook(value, t)

    return optional


def _tuple_of(cls: type, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    from cattrs.errors import IterableValidationError, IterableValidationNote

    def hook(value: Any, _: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise JsonValueError(f"expected a list, got {short_repr(value)}")
        items: list[Any] = []
        errors: list[Exception] = []
        for i, item in enumerate(value):
            try:
                items.append(conv.structure(item, cls))
            except Exception as exc:
                notes = [*getattr(exc, "__notes__", []), IterableValidationNote(f"item {i}", i, cls)]
                setattr(exc, "__notes__", notes)  # noqa: B010 - add_note() needs Python 3.11
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"invalid items in a list of {cls.__name__}", errors, tuple)
        return tuple(items)

    return hook


def _tuple_of_str(value: Any, _: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise JsonValueError(f"expected a list of strings, got {short_repr(value)}")
    for item in value:
        if type(item) is not str:
            raise JsonValueError(f"expected a list of strings, got {short_repr(value)}")
    return tuple(value)


def _union(*choices: tuple[str, type]) -> Callable[[cattrs.Converter], Callable[[Any, Any], Any]]:
    """Structure a union of model classes by a key only the first choice has."""

    def make(conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
        def hook(value: Any, _: Any) -> Any:
            if not isinstance(value, dict):
                raise JsonValueError(f"expected an object, got {short_repr(value)}")
            for key, cls in choices:
                if key in value:
                    return conv.structure(value, cls)
            return conv.structure(value, choices[-1][1])

        return hook

    return make


_OPTIONAL_KEYS = frozenset({"single_row"})
"""Keys of table objects that JSON writes only when set (their default is None)."""


def configure_converter(conv: cattrs.Converter) -> None:
    """
    Register every hook of the report format on *conv*.

    Scalar hooks are registered before the class hooks that use them.
    """
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    conv.register_structure_hook(Decimal, _amount)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(_dt.date, _date)
    conv.register_unstructure_hook(_dt.date, _dt.date.isoformat)
    for enum_cls in (Edition, Scope, AmountUnit):
        conv.register_structure_hook(enum_cls, _enum(enum_cls))
        conv.register_unstructure_hook(enum_cls, lambda member: member.value)
    conv.register_structure_hook(int, _int)
    conv.register_structure_hook(str, _str)

    proactive = _union(("procurement", Proactive2019), ("other_services", Proactive2019), ("", Proactive2021))
    other_handling = _union(("natural_person", ApplicantCounts), ("", OtherHandling))
    union_hooks: dict[str, Callable[[Any, Any], Any]] = {
        "proactive": proactive(conv),
        "other_handling": other_handling(conv),
    }
    for cls in _MODEL_CLASSES:
        overrides: dict[str, Any] = {}
        for a in attrs.fields(cls):
            spec = cell_kind_of(a)  # a table cell, or one of the fees of section 六
            hook: Callable[[Any, Any], Any] | None = None
            if spec is not None:
                hook = _CELL_HOOKS[spec.kind]
            elif a.name in union_hooks and cls in (AnnualReport, Results):
                hook = union_hooks[a.name]
            elif a.name == "subsections":
                hook = _tuple_of(Subsection, conv)
            elif a.name == "members":
                hook = _tuple_of_str
            elif a.name == "amount_unit":
                hook = _optional(_enum(AmountUnit))
            elif a.name in ("title", "division_code"):
                hook = _optional(_str)
            elif a.name == "published":
                hook = _optional(_date)
            elif a.name == "fees":
                hook = _optional(lambda value, _: conv.structure(value, ProcessingFees))
            elif a.name == "single_row":
                hook = _optional(lambda value, _: conv.structure(value, ApplicantCounts))
            if hook is not None:
                overrides[a.name] = override(struct_hook=hook)
        structure: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, **overrides
        )
        conv.register_structure_hook(cls, structure)
        # an optional key written only when set: OtherHandling.single_row (（六）其他处理 printed as one row)
        omit: dict[str, Any] = {
            a.name: override(omit_if_default=True) for a in attrs.fields(cls) if a.name in _OPTIONAL_KEYS
        }
        conv.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, conv, **omit))

    conv.register_unstructure_hook(tuple, lambda t: [conv.unstructure(x) for x in t])


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """
    A new converter for the report format (the library keeps its own private ones).

    .. versionadded:: 0.1.0
    """
    import cattrs

    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed_validation)
    configure_converter(conv)
    return conv




@functools.cache
def _detailed() -> cattrs.Converter:
    """
    The converter that defines the format: it reads what the generated code does not, and says what is wrong.

    Made on first use (not at import): the generated code reads every report this library writes.
    """
    return make_converter(detailed_validation=True)


# ----------------------------------------------------------------------------
# Errors as "message @ $.path"
# ----------------------------------------------------------------------------


def _messages(exc: BaseException, path: str) -> list[str]:
    """
    Every error of *exc* as ``message @ $.path``.

    This walks cattrs' own exception groups as ``cattrs.transform_error`` does, but keeps the
    format's contract, which transform_error cannot give: one line per unknown key, and the
    attribute a model validator refused named in the path (its formatter gets no path).
    """
    from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        out: list[str] = []
        pairs = exc.group_exceptions()
        for sub, note in pairs[0]:
            iterable = isinstance(exc, IterableValidationError)
            index, name = getattr(note, "index", "?"), getattr(note, "name", "?")
            child = f"{path}[{index!r}]" if iterable else f"{path}.{name}"
            out.extend(_messages(sub, child))
        for sub in pairs[1]:
            out.extend(_messages(sub, path))
        return out
    if isinstance(exc, ForbiddenExtraKeysError):
        return [f"unknown key {short_repr(k)} @ {path}" for k in sorted(exc.extra_fields)]
    if isinstance(exc, KeyError):
        return [f"required field missing @ {path}"]
    if isinstance(exc, CellValueError):
        # raised by a model validator inside __init__: name the attribute
        attr = exc.field.split(".", 1)[1] if "." in exc.field else exc.field
        return [f"{exc.reason}, got {short_repr(exc.value)} @ {path}.{attr}"]
    if isinstance(exc, JsonValueError):
        return [f"{exc} @ {path}"]
    if isinstance(exc, (TypeError, AttributeError)):
        return [f"expected an object, got a value of another type @ {path}"]
    return [f"{_cut(str(exc))} @ {path}"]


def _cut(text: str, width: int = 200) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


# ----------------------------------------------------------------------------
# The fast path: generated code for the table classes
# ----------------------------------------------------------------------------
#
# A report has some 40 table objects and 200 cells.  Two paths read a document: the
# cattrs converter above defines the format; the functions generated here implement
# exactly the same format for the tables, without per-field calls, and are used
# first.  Anything unusual makes them raise _Slow, and the input is then structured
# again by the cattrs converter, which builds the error messages (or, if it accepts
# the input after all, its result is used).  tests/test_convert_fast.py holds the
# two together.


class _Slow(Exception):
    """The fast path does not handle this input; use the detailed converter."""


_TABLE_CLASSES = _MODEL_CLASSES[: _MODEL_CLASSES.index(Disputes) + 1]


def _amount_fast(value: Any) -> Decimal:
    if value.__class__ is not str or not _AMOUNT.fullmatch(value):
        raise _Slow
    return Decimal(value)


def _exec_registered(source: str, filename: str, namespace: dict[str, Any]) -> None:
    """Run generated *source*, registered with linecache so that a traceback through it shows its lines."""
    text = source + "\n"
    linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
    exec(compile(text, filename, "exec"), namespace)  # generated from the model's fields only


def _int_test(v: str, spec: CellKind) -> str:
    """Source of the test that the local *v* is an int of kind *spec* within its bounds (a bool is not)."""
    return f"{v}.__class__ is int and {spec.minimum} <= {v} <= {spec.maximum}"


_S_TABLE: dict[type, Callable[[Any], Any]] = {}
"""The generated structuring function of each table class compiled so far (:func:`_compile_table_hooks`)."""
_U_TABLE: dict[type, Callable[[Any], Any]] = {}
"""The generated unstructuring function of each table class compiled so far."""


def _tables_under(cls: type) -> list[type]:
    """*cls* and every table class below it: the classes of its rows and groups (both editions' variants)."""
    out = [cls]
    for a in attrs.fields(cls):
        info = field_info(a)
        if info is None or info.kind in CELL_KINDS:
            continue
        children = [c for _, c in info.variants] if info.variants else [field_type(cls, a)]
        for child in children:
            out += [c for c in _tables_under(child) if c not in out]
    return out


def _compile_table_hooks(classes: list[type], filename: str) -> None:
    """Generate, compile and register (in ``_S_TABLE`` and ``_U_TABLE``) the functions of *classes*."""
    structure, unstructure = _S_TABLE, _U_TABLE
    ns: dict[str, Any] = {
        "_Slow": _Slow,
        "_new": object.__new__,
        "_set": object.__setattr__,
        "_amount": _amount_fast,
        "_units": {m.value: m for m in AmountUnit},
        "S": structure,
        "U": unstructure,
        "AC": ApplicantCounts,
        "OH": OtherHandling,
    }
    sources: list[str] = []
    for cls in classes:
        name = cls.__name__
        ns[name] = cls
        fields = list(attrs.fields(cls))
        ns[f"K_{name}"] = frozenset(a.name for a in fields)
        ns[f"KR_{name}"] = frozenset(a.name for a in fields if a.name not in _OPTIONAL_KEYS)
        keys_test = f"d.keys() != K_{name}"
        if ns[f"KR_{name}"] != ns[f"K_{name}"]:
            keys_test = f"(d.keys() != K_{name} and d.keys() != KR_{name})"
        s_lines = [
            f"def s_{name}(d):",
            f"    if d.__class__ is not dict or {keys_test}: raise _Slow",
        ]

        def setter(n: str, cls: type = cls, name: str = name) -> str:
            """The name of the slot's own setter (faster than object.__setattr__ by name)."""
            ns[f"W_{name}_{n}"] = cls.__dict__[n].__set__  # the member descriptor of a slotted attrs class
            return f"W_{name}_{n}"

        specs = [cell_kind_of(a) for a in fields]
        if all(spec is not None and spec.json_pattern is None for spec in specs):
            # A row of counts, the commonest object: every key read once into a local, every value
            # checked in one expression (a bool is not an int here: its class is bool), then the
            # slots set directly.  Most rows of a real report are all 0 or all blank: one shared
            # frozen instance for each.
            ns[f"Z_{name}"] = cls(**{a.name: 0 for a in fields})
            ns[f"N_{name}"] = cls(**{a.name: None for a in fields})
            ns[f"ZV_{name}"] = (0,) * len(fields)
            ns[f"NV_{name}"] = (None,) * len(fields)
            local = [f"v{i}" for i in range(len(fields))]
            # beyond the kind's bounds the detailed path says why (15 digits at most)
            tests = " and ".join(
                f"({_int_test(v, spec)} or {v} is None)"
                for v, spec in zip(local, specs, strict=True)
                if spec is not None
            )
            row = [
                f"def s_{name}(d):",
                f"    if d.__class__ is not dict or len(d) != {len(fields)}: raise _Slow",
                "    try:",
                *(f"        {v} = d[{a.name!r}]" for v, a in zip(local, fields, strict=True)),
                "    except KeyError:",
                "        raise _Slow from None",
                f"    if not ({tests}): raise _Slow",
                f"    t = ({', '.join(local)},)",
                f"    if t == ZV_{name}: return Z_{name}",
                f"    if t == NV_{name}: return N_{name}",
                f"    o = _new({name})",
                *(f"    {setter(a.name)}(o, {v})" for v, a in zip(local, fields, strict=True)),
                "    return o",
            ]
            u_src = f"def u_{name}(o):\n    return {{{', '.join(f'{a.name!r}: o.{a.name}' for a in fields)}}}"
            sources += ["\n".join(row), u_src]
            continue
        s_lines.append(f"    o = _new({name})")
        u_items = []
        u_optional = []
        for a in fields:
            info = field_info(a)
            n = a.name
            if n in _OPTIONAL_KEYS:  # OtherHandling.single_row: written only when set
                s_lines += [f"    v = d.get({n!r})", "    if v is not None: v = S[AC](v)", f"    {setter(n)}(o, v)"]
                u_optional.append(f"    if o.{n} is not None: d[{n!r}] = U[AC](o.{n})")
            elif info is None:  # amount_unit
                s_lines += [f"    v = d[{n!r}]", "    if v is not None: v = _units[v]", f"    {setter(n)}(o, v)"]
                u_items.append(f"{n!r}: None if o.{n} is None else o.{n}.value")
            elif info.kind in (Kind.COUNT, Kind.SIGNED):
                test = _int_test("v", CELL_KINDS[info.kind])
                s_lines += [
                    f"    v = d[{n!r}]",
                    f"    if v is not None and not ({test}): raise _Slow",
                    f"    {setter(n)}(o, v)",
                ]
                u_items.append(f"{n!r}: o.{n}")
            elif info.kind is Kind.AMOUNT:
                s_lines += [f"    v = d[{n!r}]", "    if v is not None: v = _amount(v)", f"    {setter(n)}(o, v)"]
                u_items.append(f"{n!r}: None if o.{n} is None else str(o.{n})")
            elif info.variants:  # （六）其他处理: a row in 2019, a group in 2021
                s_lines += [
                    f"    v = d[{n!r}]",
                    "    v = S[AC](v) if v.__class__ is dict and 'natural_person' in v else S[OH](v)",
                    f"    {setter(n)}(o, v)",
                ]
                u_items.append(f"{n!r}: U[o.{n}.__class__](o.{n})")
            else:
                child = field_type(cls, a)
                ns[f"C_{name}_{n}"] = child
                s_lines.append(f"    {setter(n)}(o, S[C_{name}_{n}](d[{n!r}]))")
                u_items.append(f"{n!r}: U[C_{name}_{n}](o.{n})")
        s_lines.append("    return o")
        u_src = f"def u_{name}(o):\n    return {{{', '.join(u_items)}}}"
        if u_optional:
            u_src = "\n".join([f"def u_{name}(o):", f"    d = {{{', '.join(u_items)}}}", *u_optional, "    return d"])
        sources += ["\n".join(s_lines), u_src]
    # one module for all: compiling once is much cheaper than once per function
    _exec_registered("\n\n\n".join(sources), filename, ns)
    for cls in classes:
        structure[cls] = ns[f"s_{cls.__name__}"]
        unstructure[cls] = ns[f"u_{cls.__name__}"]


# Table 三 and 四 are the same in both editions: compiled at import.  Table 二 of an edition is compiled
# when the first report of that edition is read or written (most programs read one edition only).
_COMMON_TABLES = [*_tables_under(Requests), *_tables_under(Disputes)]
_compile_table_hooks(_COMMON_TABLES, "<govinfo_report.convert tables>")
_PROACTIVE_CLASS = {e.edition: e.proactive_class for e in editions.all()}
_PROACTIVE_TABLES = {
    cls: (f"<govinfo_report.convert tables {e.value}>", [c for c in _tables_under(cls) if c not in _COMMON_TABLES])
    for e, cls in _PROACTIVE_CLASS.items()
}
assert {*_COMMON_TABLES, *(c for _, group in _PROACTIVE_TABLES.values() for c in group)} == set(_TABLE_CLASSES)


def _proactive_hooks(cls: type) -> None:
    """Compile the functions of the proactive class *cls* (table 二 of one edition) and of its rows."""
    filename, classes = _PROACTIVE_TABLES[cls]
    _compile_table_hooks(classes, filename)


def _structure_proactive(cls: type, d: Any) -> Any:
    hook = _S_TABLE.get(cls)
    if hook is None:
        _proactive_hooks(cls)
        hook = _S_TABLE[cls]
    return hook(d)


def _unstructure_proactive(o: Any) -> dict[str, Any]:
    hook = _U_TABLE.get(o.__class__)
    if hook is None:
        _proactive_hooks(o.__class__)
        hook = _U_TABLE[o.__class__]
    out: dict[str, Any] = hook(o)
    return out


_REPORT_KEYS = frozenset(a.name for a in attrs.fields(AnnualReport)) | {"format_version"}


def _structure_report_fast(d: Any) -> AnnualReport:
    """The report from a dict that has every key, ``format_version`` included."""
    if d.__class__ is not dict or d.keys() != _REPORT_KEYS:
        raise _Slow
    if d["format_version"].__class__ is not int:
        raise _Slow
    meta = _meta_fast(d["meta"])
    edition = meta.edition
    requests = _S_TABLE[Requests](d["requests"])
    if requests.results.other_handling.__class__ is not _OTHER_HANDLING_CLASS[edition]:
        raise _Slow  # （六）其他处理 of the other edition: the model's validator words the error
    # every section below has its class by construction: the slots are set directly
    report = _new(AnnualReport)
    set_meta, set_overview, set_proactive, set_requests, set_disputes, set_problems, set_other = _REPORT_SLOTS
    set_meta(report, meta)
    set_overview(report, _narrative_fast(d["overview"], Narrative, _NARRATIVE_KEYS))
    set_proactive(report, _structure_proactive(_PROACTIVE_CLASS[edition], d["proactive"]))
    set_requests(report, requests)
    set_disputes(report, _S_TABLE[Disputes](d["disputes"]))
    set_problems(report, _narrative_fast(d["problems"], Narrative, _NARRATIVE_KEYS))
    set_other(report, _narrative_fast(d["other_matters"], OtherMatters, _OTHER_MATTERS_KEYS))
    return report


_OTHER_HANDLING_CLASS = {e.edition: e.other_handling for e in editions.all()}
_REPORT_FIELDS = ("meta", "overview", "proactive", "requests", "disputes", "problems", "other_matters")
assert tuple(a.name for a in attrs.fields(AnnualReport)) == _REPORT_FIELDS  # the order _REPORT_SLOTS is unpacked in
_REPORT_SLOTS = tuple(AnnualReport.__dict__[name].__set__ for name in _REPORT_FIELDS)


_META_KEYS = frozenset(a.name for a in attrs.fields(ReportMeta))
_EDITION_OF = {m.value: m for m in Edition}
_SCOPE_OF = {m.value: m for m in Scope}


def _meta_fast(d: Any) -> ReportMeta:
    """The metadata from a dict with every key, in the types JSON gives; else _Slow (or the model's error)."""
    if d.__class__ is not dict or d.keys() != _META_KEYS:
        raise _Slow
    edition, scope, published, members = d["edition"], d["scope"], d["published"], d["members"]
    title, division_code = d["title"], d["division_code"]
    if edition.__class__ is not str or scope.__class__ is not str or members.__class__ is not list:
        raise _Slow
    if not (title is None or title.__class__ is str) or not (division_code is None or division_code.__class__ is str):
        raise _Slow
    if published is not None:
        if published.__class__ is not str:
            raise _Slow
        if not _DATE.fullmatch(published):
            raise _Slow
        published = _dt.date.fromisoformat(published)  # as _date does; a ValueError takes the detailed path
    # the model's validators check organ, year and the members' types, as the detailed converter's hooks do
    return ReportMeta(
        organ=d["organ"],
        year=d["year"],
        edition=_EDITION_OF[edition],
        title=title,
        division_code=division_code,
        published=published,
        scope=_SCOPE_OF[scope],
        members=tuple(members),
    )


_NARRATIVE_KEYS = frozenset(a.name for a in attrs.fields(Narrative))
_OTHER_MATTERS_KEYS = frozenset(a.name for a in attrs.fields(OtherMatters))
_SUBSECTION_KEYS = frozenset(a.name for a in attrs.fields(Subsection))
_FEES_KEYS = frozenset(a.name for a in attrs.fields(ProcessingFees))
_new = object.__new__
# the slots' own setters: every value below has been checked to be what the validators require
_SUBSECTION_TITLE = Subsection.__dict__["title"].__set__
_SUBSECTION_TEXT = Subsection.__dict__["text"].__set__
_SECTION_SLOTS = {
    cls: (cls.__dict__["text"].__set__, cls.__dict__["subsections"].__set__) for cls in (Narrative, OtherMatters)
}
_OTHER_MATTERS_FEES = OtherMatters.__dict__["fees"].__set__


_FEES_COUNT = CELL_KINDS[Kind.COUNT]


def _int_test_fees(value: Any) -> bool:
    return value.__class__ is int and _FEES_COUNT.in_bounds(value)


def _fees_fast(d: Any) -> ProcessingFees:
    if d.__class__ is not dict or d.keys() != _FEES_KEYS:
        raise _Slow
    applications, amount = d["applications"], d["amount_yuan"]
    if applications is not None and not _int_test_fees(applications):
        raise _Slow
    return ProcessingFees(applications=applications, amount_yuan=None if amount is None else _amount_fast(amount))


def _narrative_fast(d: Any, cls: type[Any], keys: frozenset[str]) -> Any:
    """A narrative section from a dict with every key, its texts plain strings; else _Slow."""
    if d.__class__ is not dict or d.keys() != keys:
        raise _Slow
    text, subs = d["text"], d["subsections"]
    if text.__class__ is not str or subs.__class__ is not list:
        raise _Slow
    subsections = []
    for sub in subs:
        if sub.__class__ is not dict or sub.keys() != _SUBSECTION_KEYS:
            raise _Slow
        title, sub_text = sub["title"], sub["text"]
        if title.__class__ is not str or sub_text.__class__ is not str:
            raise _Slow
        o = _new(Subsection)
        _SUBSECTION_TITLE(o, title)
        _SUBSECTION_TEXT(o, sub_text)
        subsections.append(o)
    section = _new(cls)
    set_text, set_subsections = _SECTION_SLOTS[cls]
    set_text(section, text)
    set_subsections(section, tuple(subsections))
    if cls is OtherMatters:
        fees = d["fees"]
        _OTHER_MATTERS_FEES(section, None if fees is None else _fees_fast(fees))
    return section


def _unstructure_meta(m: ReportMeta) -> dict[str, Any]:
    return {
        "organ": m.organ,
        "year": m.year,
        "edition": m.edition.value,
        "title": m.title,
        "division_code": m.division_code,
        "published": None if m.published is None else m.published.isoformat(),
        "scope": m.scope.value,
        "members": list(m.members),
    }


def _unstructure_section(n: Narrative | OtherMatters) -> dict[str, Any]:
    out: dict[str, Any] = {"text": n.text, "subsections": [{"title": s.title, "text": s.text} for s in n.subsections]}
    if n.__class__ is OtherMatters:
        fees = n.fees
        out["fees"] = (
            None
            if fees is None
            else {
                "applications": fees.applications,
                "amount_yuan": None if fees.amount_yuan is None else str(fees.amount_yuan),
            }
        )
    return out


def _unstructure_report_fast(r: AnnualReport) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "meta": _unstructure_meta(r.meta),
        "overview": _unstructure_section(r.overview),
        "proactive": _unstructure_proactive(r.proactive),
        "requests": _U_TABLE[Requests](r.requests),
        "disputes": _U_TABLE[Disputes](r.disputes),
        "problems": _unstructure_section(r.problems),
        "other_matters": _unstructure_section(r.other_matters),
    }


def _structure(data: Any, cls: type[Any]) -> Any:
    try:
        return _detailed().structure(data, cls)
    except Exception as exc:
        raise StructureError(_messages(exc, "$")) from None


# ----------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------


def to_dict(report: AnnualReport) -> dict[str, Any]:
    """
    The report as a dict of JSON types only (str, int, None, list, dict).

    The dict starts with ``format_version``; amounts are decimal strings and
    dates ISO strings.

    .. versionadded:: 0.1.0
    """
    return _unstructure_report_fast(report)


def from_dict(data: Mapping[str, Any]) -> AnnualReport:
    """
    A report from the dict form written by :func:`to_dict`.

    Raises:
        StructureError: Listing every problem as ``message @ $.path``.

    .. versionadded:: 0.1.0
    """
    if not isinstance(data, Mapping):
        raise StructureError([f"expected an object, got {type(data).__name__} @ $"])
    if data.__class__ is dict and data.get("format_version") == FORMAT_VERSION:
        try:
            return _structure_report_fast(data)
        except Exception:
            pass
    if "format_version" not in data:
        head = ["required field missing @ $.format_version"]
    elif data["format_version"] != FORMAT_VERSION or type(data["format_version"]) is not int:
        version = data["format_version"]
        reads = f"this library reads {FORMAT_VERSION}"
        raise StructureError([f"unsupported format_version {short_repr(version)} ({reads}) @ $"])
    else:
        head = []
    body = {k: val for k, val in data.items() if k != "format_version"}
    if head:
        try:
            _structure(body, AnnualReport)
        except StructureError as exc:
            raise StructureError(head + exc.errors) from None
        raise StructureError(head)
    report: AnnualReport = _structure(body, AnnualReport)
    return report


def to_json(report: AnnualReport, *, indent: int | None = 2) -> str:
    """
    The report as JSON text (Chinese unescaped; encode it as UTF-8 to write a file).

    Args:
        report: The report.
        indent: Indentation, or None for the most compact form.

    .. versionadded:: 0.1.0
    """
    data = to_dict(report)
    fast = _orjson()
    if fast is not None and indent in (None, 2):
        try:
            return str(fast.dumps(data, option=fast.OPT_INDENT_2 if indent else 0).decode("utf-8"))
        except (TypeError, ValueError):  # e.g. an int beyond 64 bits: the standard library writes it
            pass
    separators = (",", ":") if indent is None else None
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)


def from_json(text: str | bytes) -> AnnualReport:
    """
    A report from JSON text (or UTF-8 bytes) written by :func:`to_json`.

    Raises:
        StructureError: The text is not JSON, or not a valid report; every
            problem is listed as ``message @ $.path``.  A key given twice in an
            object, a lone surrogate in a string, an integer of more than 4,300
            digits and nesting deeper than :data:`MAX_DEPTH` are refused too.

    .. versionadded:: 0.1.0
    """
    fast = _orjson()
    fast_error: StructureError | None = None
    if fast is not None:
        try:
            data = fast.loads(text)
        except fast.JSONDecodeError:
            # the standard library below reads the text again and says what is wrong (orjson reads
            # integers beyond 64 bits as floats, and refuses some texts the standard library reads)
            pass
        else:
            complete = _complete(data)
            try:
                report = from_dict(data)
            except StructureError as exc:
                fast_error = exc
            else:
                if _no_key_twice(text, data, report if complete else None):  # else say where, below
                    return report
    try:
        data = json.loads(text, object_pairs_hook=_pairs)
    except RecursionError:
        if fast_error is not None:  # orjson read deeper than the standard library can: its errors have the paths
            raise fast_error from None
        raise StructureError([f"not valid JSON: nested too deeply (more than {MAX_DEPTH} levels) @ $"]) from None
    except (ValueError, TypeError) as exc:
        raise StructureError([f"not valid JSON: {_cut(str(exc))} @ $"]) from None
    _refuse_hostile(data, text)
    return from_dict(data)


class _Pairs(dict):  # type: ignore[type-arg]
    """An object of the JSON text with a key given twice (the keys in :attr:`twice`)."""

    twice: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        twice = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        marked = _Pairs(out)
        marked.twice = twice
        return marked
    return out


# A JSON string, and whether a colon follows it (then it is a key); strings are matched whole, left to right.
_STRING_STR = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?')
_STRING_BYTES = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?')
_SPACE_COLON_STR = (" :", "\t:", "\n:", "\r:")
_SPACE_COLON_BYTES = (b" :", b"\t:", b"\n:", b"\r:")


def _complete(data: Any) -> bool:
    """True when *data* has every key of a report at the levels where a default could fill a missing one."""
    if data.__class__ is not dict or data.keys() != _REPORT_KEYS:
        return False
    meta, overview, problems, other = data["meta"], data["overview"], data["problems"], data["other_matters"]
    for part, keys in ((meta, _META_KEYS), (overview, _NARRATIVE_KEYS), (problems, _NARRATIVE_KEYS)):
        if part.__class__ is not dict or part.keys() != keys:
            return False
    if other.__class__ is not dict or other.keys() != _OTHER_MATTERS_KEYS:  # the key names, not only their number
        return False
    fees = other["fees"]
    if fees is not None and (fees.__class__ is not dict or fees.keys() != _FEES_KEYS):
        return False
    procurement = data["proactive"].get("procurement") if data["proactive"].__class__ is dict else None
    return procurement is None or (procurement.__class__ is dict and procurement.keys() == _PROCUREMENT_KEYS)


def _no_key_twice(text: str | bytes, data: Any, report: AnnualReport | None) -> bool:
    """
    True when no object of the JSON *text* (parsed as *data*, read as *report*) spells a key twice.

    The keys the text spells are counted and compared with the keys of *data*
    (where a key spelled twice counts once).  Every key spelled is followed by a
    colon, so when the text has exactly as many colons as *data* has keys, no key
    is spelled twice (the common case: a colon inside a string only adds to the
    count).  Otherwise, counting ``":`` in the text is
    exact when no string holds an escaped quote and no colon follows a space:
    every ``":`` then ends a key or opens a string that starts with a colon, so
    the count can only be too high, and equal counts mean no key twice.  The
    keys of *data* are then known from *report* alone, without walking it,
    when *data* has every key (*report* is None otherwise).  Else the text is
    tokenised, string by string (about 5 times slower).
    """
    expected = -1 if report is None else _keys_of(report, data)
    if isinstance(text, bytes):
        colons = text.count(b":")  # every key spelled is followed by one: as many as the keys read, none twice
        if colons == expected:
            return True
        ends = text.count(b'":')  # every colon right after a quote: no space before any colon
        spaced = colons != ends and any(c in text for c in _SPACE_COLON_BYTES)
        if ends == expected and not spaced and b'\\"' not in text:
            return True
        found_b = _STRING_BYTES.findall(text)
        return len(found_b) - found_b.count(b"") == _keys_in_data(data)
    colons = text.count(":")
    if colons == expected:
        return True
    ends = text.count('":')
    spaced = colons != ends and any(c in text for c in _SPACE_COLON_STR)
    if ends == expected and not spaced and '\\"' not in text:
        return True
    found = _STRING_STR.findall(text)
    return len(found) - found.count("") == _keys_in_data(data)


_BASE_KEYS: dict[Edition, int] = {}
_META_FIELDS = attrs.fields(ReportMeta)
_META_KEYS = frozenset(a.name for a in _META_FIELDS)
_FEES_KEYS = frozenset(a.name for a in attrs.fields(ProcessingFees))
_PROCUREMENT_KEYS = frozenset(a.name for a in attrs.fields(ProcurementCounts))
_APPLICANT_KEYS = frozenset(a.name for a in attrs.fields(ApplicantCounts))


def _keys_of(report: AnnualReport, data: Any) -> int:
    """How many keys :func:`to_dict` of *report* (read from *data*, which has every key) has."""
    edition = report.meta.edition
    base = _BASE_KEYS.get(edition)
    if base is None:  # the first report of its edition: its keys are counted once, less those of its texts
        count = _keys_in_data(data)
        _BASE_KEYS[edition] = count - _varying_keys(report)
        return count
    return base + _varying_keys(report)


def _varying_keys(report: AnnualReport) -> int:
    """The keys of *report* that vary from report to report: subsections, fees, the single row of （六）."""
    subsections = len(report.overview.subsections) + len(report.problems.subsections)
    subsections += len(report.other_matters.subsections)
    fees = report.other_matters.fees
    count = subsections * len(_SUBSECTION_KEYS) + (0 if fees is None else len(_FEES_KEYS))
    if getattr(report.requests.results.other_handling, "single_row", None) is not None:  # written only when set
        count += 1 + len(_APPLICANT_KEYS)
    return count


def _keys_in_data(data: Any) -> int:
    """How many keys the objects of *data* hold (a key read twice counts once)."""
    count = 0
    stack = [data]
    while stack:
        node = stack.pop()
        if node.__class__ is dict:
            count += len(node)
            stack.extend(node.values())
        elif node.__class__ is list:
            stack.extend(node)
    return count


_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _refuse_hostile(data: Any, text: str | bytes) -> None:
    """Refuse duplicate keys, lone surrogates and deep nesting in *data*, naming their paths."""
    if isinstance(text, bytes):
        surrogates = _SURROGATE_ESCAPE.search(text.decode("utf-8", "replace")) is not None
    else:
        surrogates = _SURROGATE.search(text) is not None or _SURROGATE_ESCAPE.search(text) is not None
    errors: list[str] = []
    stack: list[tuple[Any, str, int]] = [(data, "$", 0)]
    while stack and len(errors) < 20:
        node, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            errors.append(f"nested more than {MAX_DEPTH} deep @ {path}")
            continue
        if isinstance(node, dict):
            for key in getattr(node, "twice", ()):
                errors.append(f"the key {short_repr(key)} is given twice @ {path}")
            for key, value in node.items():
                if surrogates and _SURROGATE.search(key):
                    errors.append(f"a lone surrogate in the key {short_repr(key)} @ {path}")
                stack.append((value, f"{path}.{_cut(key, 40)}", depth + 1))
        elif isinstance(node, list):
            stack.extend((value, f"{path}[{i}]", depth + 1) for i, value in enumerate(node))
        elif surrogates and isinstance(node, str) and _SURROGATE.search(node):
            errors.append(f"a lone surrogate (not a character) in the text @ {path}")
    if errors:
        raise StructureError(sorted(errors))


USE_ORJSON = True
"""
Use orjson for :func:`to_json` and :func:`from_json` when it is installed (the ``fast`` extra).

The output is the same text either way; set it to False to use only the standard library.
"""


def _orjson() -> Any:
    if not USE_ORJSON:
        return None
    try:
        import orjson
    except ImportError:
        return None
    return orjson
