"""
Input errors: every reader raises only the documented types for input it cannot read, naming the place.

The documented type is :class:`govinfo_report.errors.InputError` (plus
:class:`~govinfo_report.errors.MissingDependencyError` for an extra that is not
installed); no class whose name starts with ``_`` ever reaches a caller.
"""

from __future__ import annotations

import ast
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report import errors

from .conftest import EXAMPLE_JSON, ROOT

SRC = ROOT / "src" / "govinfo_report"
FIXTURES = ROOT / "tests" / "fixtures"
SUFFIXES = ("", ".txt", ".html", ".json", ".docx", ".xlsx", ".pdf", ".doc")
DOCUMENTED = (errors.InputError, errors.MissingDependencyError)


def _seeds() -> list[bytes]:
    """Real inputs of every format, to be damaged."""
    out = [EXAMPLE_JSON.read_bytes(), (FIXTURES / "layouts" / "2021-pipe.txt").read_bytes()]
    out.append((FIXTURES / "variants" / "2019-cms-page.html").read_bytes())
    out.append((FIXTURES / "pdf" / "word-2021.pdf").read_bytes())
    report = gr.from_json(EXAMPLE_JSON.read_bytes())
    for write in (gr.write_docx, gr.write_xlsx):
        buffer = io.BytesIO()
        try:
            write(report, buffer)
        except gr.MissingDependencyError:
            continue
        out.append(buffer.getvalue())
    return out


SEEDS = _seeds()


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A real input with bytes cut, flipped, inserted or replaced; or random bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        action = draw(st.sampled_from(["cut", "flip", "insert", "truncate"]))
        if action == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif action == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[at:]
    return bytes(data)


# the readers of Office and PDF files are slow: CI's big profile runs a thousand examples of each, not 10,000
BUDGET = min(settings.default.max_examples, 1_000)


def _outcome(call: Callable[[], Any]) -> tuple[Any, BaseException | None]:
    """What *call* returned (None when it raised), and what it raised (None when it returned)."""
    try:
        return call(), None
    except Exception as exc:  # the property is about which exceptions escape: keep each one to judge it
        return None, exc


def _assert_documented(exc: BaseException, *places: str) -> None:
    """*exc* is a documented public type whose message names one of *places*."""
    assert isinstance(exc, DOCUMENTED), f"{type(exc).__module__}.{type(exc).__name__}: {exc}"
    assert not type(exc).__name__.startswith("_")
    if isinstance(exc, errors.InputError):
        message = str(exc)
        assert any(p in message for p in places), f"{message!r} names none of {places}"


@pytest.mark.robustness
@settings(suppress_health_check=list(HealthCheck), max_examples=BUDGET)
@given(damaged(), st.sampled_from(SUFFIXES))
@example(b"", ".txt")
@example(b"\x00\x01\x02\x03" * 8, "")
@example(b"\xff\xfe\x00", ".txt")
@example(b"PK\x03\x04broken", ".docx")
@example(b"%PDF-1.4\n%broken", ".pdf")
@example(b"{\"format_version\": 1", ".json")
def test_parse_of_a_damaged_file_gives_a_report_or_a_documented_error(data: bytes, suffix: str) -> None:
    """parse() of a damaged file of any suffix returns a report or raises InputError naming the file."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "report" + suffix)
        Path(path).write_bytes(data)
        result, exc = _outcome(lambda: gr.parse(path, organ="某某局", year=2022))

    if exc is not None:
        _assert_documented(exc, path)
    else:
        assert result.report is not None


@pytest.mark.robustness
@settings(suppress_health_check=list(HealthCheck), max_examples=BUDGET)
@given(damaged(), st.sampled_from(["parse_pdf", "parse_docx", "parse_xlsx"]))
def test_readers_of_damaged_bytes_give_a_report_or_a_documented_error(data: bytes, reader: str) -> None:
    """parse_pdf, parse_docx and parse_xlsx of damaged bytes return a report or raise InputError naming the input."""
    read: Any = getattr(gr, reader)
    result, exc = _outcome(lambda: read(io.BytesIO(data), organ="某某局", year=2022))

    if exc is not None:
        _assert_documented(exc, "<bytes>", "<stream>", "BytesIO")
    else:
        assert result.report is not None


@pytest.mark.robustness
@settings(suppress_health_check=list(HealthCheck), max_examples=BUDGET)
@given(damaged(), st.sampled_from(["parse_text", "parse_html"]))
def test_text_readers_give_a_report_or_a_documented_error(data: bytes, reader: str) -> None:
    """parse_text and parse_html of damaged text return a report or raise ParseError naming the source."""
    read: Any = getattr(gr, reader)
    text = data.decode("utf-8", "replace")
    result, exc = _outcome(lambda: read(text, source="page-7.txt"))

    if exc is not None:
        _assert_documented(exc, "page-7.txt")
        assert isinstance(exc, errors.ParseError)
    else:
        assert result.report is not None


@given(damaged())
@settings(suppress_health_check=list(HealthCheck), max_examples=BUDGET)
def test_decode_gives_text_or_a_parse_error_naming_the_byte(data: bytes) -> None:
    """decode() of any bytes gives text, or a ParseError naming the source (and the byte offset when it is one)."""
    from govinfo_report.importers import decode

    _, exc = _outcome(lambda: decode(data, "in.txt"))

    if exc is not None:
        _assert_documented(exc, "in.txt")
        assert isinstance(exc, errors.ParseError)
        assert "neither UTF-8" not in str(exc) or "byte" in str(exc)


@pytest.mark.parametrize("make", ["missing", "folder"])
@pytest.mark.parametrize(("reader", "suffix"), [("parse", ".txt"), ("parse_docx", ".docx"), ("parse_xlsx", ".xlsx"),
                                                ("parse_pdf", ".pdf"), ("parse", ".json")])
def test_a_file_that_cannot_be_opened_is_an_input_file_error(
    tmp_path: Path, make: str, reader: str, suffix: str
) -> None:
    """A missing file or a folder is an InputFileError (also an OSError) naming the path, chained to the OSError."""
    pytest.importorskip({"parse_docx": "docx", "parse_xlsx": "openpyxl", "parse_pdf": "pdfplumber"}.get(reader, "os"))
    path = tmp_path / f"nothing{suffix}"
    if make == "folder":
        path.mkdir()

    with pytest.raises(errors.InputFileError) as info:
        getattr(gr, reader)(path)

    assert isinstance(info.value, OSError)
    assert isinstance(info.value, errors.InputError)
    assert str(info.value).startswith(str(path) + ": ")
    assert info.value.errno == info.value.__cause__.errno  # type: ignore[union-attr]
    assert isinstance(info.value.__cause__, OSError)


def test_the_input_tier_holds_every_reading_error() -> None:
    """Each error about unreadable input is an InputError and keeps the bases it had (ValueError)."""
    tier = [
        errors.ParseError,
        errors.StructureError,
        errors.JsonValueError,
        errors.ReportReadError,
        errors.PdfReadError,
        errors.InputLimitError,
        errors.InputFileError,
    ]

    assert [cls for cls in tier if not issubclass(cls, errors.InputError)] == []
    assert [cls for cls in tier if not issubclass(cls, ValueError)] == []
    assert issubclass(errors.InputFileError, OSError)
    assert issubclass(errors.PdfReadError, errors.ReportReadError)
    assert issubclass(errors.InputLimitError, errors.ReportReadError)
    assert issubclass(errors.CellTypeError, TypeError)
    assert issubclass(errors.CellTypeError, errors.CellValueError)


def test_every_public_exception_is_exported_and_in_the_tree() -> None:
    """Every exception class of errors.py derives from GovInfoReportError and is importable from the package."""
    classes = [v for k, v in vars(errors).items() if isinstance(v, type) and issubclass(v, BaseException)]
    public = {c.__name__ for c in classes if c.__module__ == errors.__name__}

    assert {c for c in public if not issubclass(getattr(errors, c), errors.GovInfoReportError)} == set()
    assert public - set(gr.__all__) == set()
    assert public - set(errors.__all__) == set()
    tree = (errors.__doc__ or "").split()
    assert [name for name in sorted(public) if name not in tree] == []


_MISUSE: list[tuple[str, dict[str, Any]]] = [
    ("ReportMeta", {"edition": "2022"}),
    ("ReportMeta", {"edition": 2021}),
    ("ReportMeta", {"edition": None}),
    ("ReportMeta", {"year": "2021"}),
    ("ReportMeta", {"year": True}),
    ("ReportMeta", {"organ": 3}),
    ("ReportMeta", {"scope": "organ"}),
    ("ReportMeta", {"published": "2021-01-31"}),
    ("ReportMeta", {"members": [1]}),
    ("ApplicantCounts", {"total": -1}),
    ("ApplicantCounts", {"total": "3"}),
    ("ApplicantCounts", {"total": 1.0}),
]


_IDS = [f"{cls}-{key}={value!r}" for cls, change in _MISUSE for key, value in change.items()]


@pytest.mark.parametrize(("cls", "change"), _MISUSE, ids=_IDS)
def test_misuse_of_a_model_class_raises_a_public_type(cls: str, change: dict[str, Any]) -> None:
    """A model class given a value it cannot hold raises CellValueError (public), naming the field."""
    if cls == "ReportMeta":
        base: dict[str, Any] = {"organ": "某某局", "year": 2021, "edition": "2021"}
    else:
        base = {f.name: 0 for f in attrs.fields(gr.ApplicantCounts)}
    target = getattr(gr, cls)

    with pytest.raises(gr.CellValueError) as info:
        target(**{**base, **change})

    assert not type(info.value).__name__.startswith("_")
    assert type(info.value).__name__ in gr.__all__
    assert f"{cls}.{next(iter(change))}" in str(info.value)


@pytest.mark.parametrize("edition", ["2022", 2021, None, "E2021"])
def test_an_unknown_edition_raises_option_error(edition: Any) -> None:
    """AnnualReport.blank() and layout() of an unknown edition raise OptionError (a ValueError) naming both editions."""
    for call in (lambda: gr.AnnualReport.blank(edition, organ="某某局", year=2021), lambda: gr.layout(edition)):
        with pytest.raises(gr.OptionError, match="'2019' or '2021'") as info:
            call()

        assert isinstance(info.value, ValueError)


def _raised_private_names() -> dict[str, list[str]]:
    """Classes whose names start with "_" that a module of the package raises, by module."""
    out: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and node.exc is not None:
                target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")
                if name.startswith("_"):
                    out.setdefault(str(path.relative_to(SRC)), []).append(name)
    return out


def test_no_private_exception_class_is_raised_except_internal_signals() -> None:
    """
    The only private exception raised is convert._Slow, the fast path's signal to use the detailed converter.

    It never leaves convert.py: the hostile-JSON properties of test_robustness.py show that from_dict and
    from_json raise nothing but StructureError.
    """
    raised = _raised_private_names()

    assert raised.keys() <= {"convert.py"}
    assert set(raised.get("convert.py", [])) <= {"_Slow"}
