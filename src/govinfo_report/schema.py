"""
JSON Schema (draft 2020-12) of the JSON form of a report, one schema per edition.

:func:`json_schema` generates the schema from the model itself: it walks the
attrs classes of the edition (the same classes the converter structures),
reads each table cell's kind and Chinese label from its field metadata, and
maps the remaining fields by their type annotations.  Nothing is written by
hand except the few constraints that live in validators (the year range,
a non-empty organ, counts ≥ 0 in 信息处理费), listed in ``_CONSTRAINTS``.

The schema is as strict as :func:`govinfo_report.from_dict`: every object
forbids unknown keys (``additionalProperties: false``) and requires exactly the
keys that ``from_dict`` requires (fields with a default, such as ``meta.title``,
``subsections`` or ``requests.results.other_handling.single_row``, may be left
out; :func:`govinfo_report.to_dict` always writes them, ``single_row`` only when
set).  A section is an object, never ``null``.  Cells follow their kind in
:data:`govinfo_report._fields.CELL_KINDS`: counts ``integer`` from 0 to
:data:`~govinfo_report.convert.MAX_COUNT` or ``null`` (本年增/减: from
``-MAX_COUNT``), amounts decimal strings as ``str(Decimal)`` writes them
(``"12.5"``, ``"1E+3"``; not ``"+1"``, ``"01"`` or ``"-0"``) or ``null``; dates
``YYYY-MM-DD`` days of the calendar (a ``pattern``, since ``format`` is only an
annotation); ``format_version`` the integer 1 and ``meta.edition`` the
edition's value.

What JSON Schema cannot say, ``from_dict`` still refuses: ``3.0`` where an
integer belongs (JSON Schema's data model calls ``3.0`` the integer 3; a
validator that types integers as JSON integers, as draft 4 did, agrees with
``from_dict``), and what :func:`govinfo_report.from_json` refuses in the text
itself (a key given twice, a lone surrogate, nesting deeper than
:data:`~govinfo_report.convert.MAX_DEPTH`).

The generated schemas ship inside the package
(``govinfo_report/schemas/report-2019.schema.json`` and ``report-2021.schema.json``;
:func:`shipped_schema` reads them).  Regenerate them after a model change with
``python -m govinfo_report.schema --write``.

Examples:
    >>> s = json_schema("2021")
    >>> s["properties"]["format_version"], s["$defs"]["ReportMeta"]["properties"]["edition"]
    ({'type': 'integer', 'const': 1}, {'const': '2021'})
    >>> s["$defs"]["ApplicantCounts"]["properties"]["natural_person"]["type"]
    ['integer', 'null']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import datetime as _dt
import enum
import json
import sys
import types
from collections.abc import Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import attrs

from . import vocab as v
from ._fields import CELL_KINDS, Kind, cell_kind_of, field_info, schema_pattern
from .convert import DATE_PATTERN, FORMAT_VERSION
from .errors import OptionError
from .model import AnnualReport, Edition, OtherHandling, ReportMeta
from .tables import _field_class

__all__ = ["DECIMAL_PATTERN", "json_schema", "schema_json", "shipped_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

DECIMAL_PATTERN = CELL_KINDS[Kind.AMOUNT].json_schema()["pattern"]
"""A decimal string ≥ 0, as :func:`govinfo_report.to_dict` writes amounts and ``from_dict`` reads them."""

DATE_SCHEMA_PATTERN = schema_pattern(DATE_PATTERN)
"""An ISO date ``YYYY-MM-DD`` that is a day of the calendar, as :func:`govinfo_report.from_dict` reads it."""

# Constraints that the model enforces in validators, which carry no metadata.
_CONSTRAINTS: dict[tuple[type, str], dict[str, Any]] = {
    (ReportMeta, "organ"): {"minLength": 1, "pattern": r"\S"},
    (ReportMeta, "year"): {"minimum": 2008, "maximum": 2100},
}


def _summary_line(cls: type) -> str:
    doc = (cls.__doc__ or "").strip()
    return doc.splitlines()[0].strip() if doc else cls.__name__


class _Builder:
    """Walks the model classes of one edition and collects their schemas in ``$defs``."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the slot: definitions appear in the order first met
            self.defs[name] = self.object_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(self, cls: type) -> dict[str, Any]:
        attrs.resolve_types(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for a in attrs.fields(cls):
            properties[a.name] = self.field_schema(cls, a)
            if a.default is attrs.NOTHING:
                required.append(a.name)
        return {
            "type": "object",
            "description": _summary_line(cls),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def field_schema(self, cls: type, a: attrs.Attribute[Any]) -> dict[str, Any]:
        info = field_info(a)
        spec = cell_kind_of(a)
        if info is not None and spec is not None:
            return {"title": " / ".join(t.zh for t in (*info.header, info.term)), **spec.json_schema()}
        if spec is not None:  # the fees of section 六, validated as a count and an amount
            return spec.json_schema()
        if info is not None:  # a row or a group
            return {"title": info.term.zh, **self.ref(_field_class(cls, a, info, self.edition))}
        if cls is ReportMeta and a.name == "edition":
            return {"const": self.edition.value}
        schema = self.type_schema(a.type)
        if cls is OtherHandling and a.name == "single_row":  # optional: written only when the report printed it
            schema = {
                "title": v.OTHER_HANDLING_SINGLE_ROW.zh,
                "description": "(6) other handling printed as one row, without its three sub-rows; not a cell of the "
                "official 2021 layout",
                **schema,
            }
        schema.update(_CONSTRAINTS.get((cls, a.name), {}))
        return schema

    def type_schema(self, t: Any) -> dict[str, Any]:
        origin, args = get_origin(t), get_args(t)
        if origin is Union or origin is types.UnionType:
            members = [x for x in args if x is not type(None)]
            per_edition = [x for x in members if getattr(x, "edition", None) is not None]
            if per_edition:  # Proactive2019 | Proactive2021: the edition's class
                members = [x for x in per_edition if x.edition is self.edition]
            if len(members) != 1:  # pragma: no cover - the model has no other unions
                raise TypeError(f"cannot map the union {t!r} to a schema")
            inner = self.type_schema(members[0])
            return _nullable(inner) if type(None) in args else inner
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0])}
        if t is str:
            return {"type": "string"}
        if t is int:
            return {"type": "integer"}
        if t is Decimal:  # pragma: no cover - every Decimal of the model is a cell (above)
            return {"type": "string", "pattern": DECIMAL_PATTERN}
        if t is _dt.date:
            return {"type": "string", "format": "date", "pattern": DATE_SCHEMA_PATTERN}
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"enum": [m.value for m in t]}
        if isinstance(t, type) and attrs.has(t):
            return self.ref(t)
        raise TypeError(f"cannot map {t!r} to a schema")  # pragma: no cover - every model type is above


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if isinstance(schema.get("type"), str) and "$ref" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _edition(edition: Edition | str) -> Edition:
    try:
        return Edition(edition)
    except ValueError:
        raise OptionError(f"unknown edition {edition!r}; expected '2019' or '2021'") from None


def json_schema(edition: Edition | str) -> dict[str, Any]:
    """
    The JSON Schema (draft 2020-12) of a report of *edition* in the form of :func:`govinfo_report.to_json`.

    Raises:
        OptionError: An unknown edition.

    .. versionadded:: 0.1.0
    """
    e = _edition(edition)
    builder = _Builder(e)
    root = builder.object_schema(AnnualReport)
    properties = {"format_version": {"type": "integer", "const": FORMAT_VERSION}, **root["properties"]}
    return {
        "$schema": DRAFT,
        "title": f"政府信息公开工作年度报告 ({e.value} edition), govinfo_report JSON format {FORMAT_VERSION}",
        "type": "object",
        "properties": properties,
        "required": ["format_version", *root["required"]],
        "additionalProperties": False,
        "$defs": builder.defs,
    }


def schema_json(edition: Edition | str) -> str:
    """
    :func:`json_schema` as JSON text, exactly as the shipped files hold it (indent 2, Chinese unescaped).

    .. versionadded:: 0.1.0
    """
    return json.dumps(json_schema(edition), ensure_ascii=False, indent=2) + "\n"


def _file_name(edition: Edition) -> str:
    return f"report-{edition.value}.schema.json"


def shipped_schema(edition: Edition | str) -> dict[str, Any]:
    """
    The schema shipped in the package for *edition* (``govinfo_report/schemas/``).

    Raises:
        OptionError: An unknown edition.

    .. versionadded:: 0.1.0
    """
    e = _edition(edition)
    text = resources.files("govinfo_report").joinpath("schemas").joinpath(_file_name(e)).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m govinfo_report.schema --write``: regenerate the shipped schema files."""
    parser = argparse.ArgumentParser(
        prog="python -m govinfo_report.schema",
        description="Regenerate the JSON Schemas shipped in govinfo_report/schemas/ (or print one).",
    )
    parser.add_argument("--write", action="store_true", help="write both shipped schema files")
    parser.add_argument("--edition", choices=[e.value for e in Edition], help="print this edition's schema")
    args = parser.parse_args(argv)
    if args.write:
        folder = Path(__file__).resolve().parent / "schemas"
        folder.mkdir(exist_ok=True)
        for e in Edition:
            target = folder / _file_name(e)
            from ._atomic import write_bytes

            write_bytes(target, schema_json(e).encode("utf-8"))
            print(f"wrote {target}")
        return 0
    if args.edition:
        sys.stdout.write(schema_json(args.edition))
        return 0
    parser.print_help(sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
