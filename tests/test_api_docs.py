"""
The public API: docs/api.md lists exactly what ``govinfo_report`` exports, the names follow one scheme, and
the old names that broke it still work with a DeprecationWarning.
"""

from __future__ import annotations

import inspect
import re
import warnings
from typing import Any

import pytest

import govinfo_report as gr

from .conftest import ROOT

API = ROOT / "docs" / "api.md"
MODULES = ROOT / "docs" / "api-modules.md"
DIRECTIVE = re.compile(r"^::: (\S+)\n((?:    .*\n)*)", re.MULTILINE)

# old name -> the well-named function it calls (deprecated since 0.2.0)
DEPRECATED = {
    "audit_html": "render_audit_html",
    "catalogue_markdown": "render_catalogue",
    "findings_html": "render_findings_html",
}

# functions that return a str without being renderers: serialisations (to_json ...), a conversion of a Word
# document, one check line, and small formatters of one value
STR_NOT_RENDER = {
    "amount_unit",
    "check_line",
    "default_title",
    "docx_to_html",
    "findings_to_json",
    "percent",
    "records_to_csv",
    "records_to_jsonl",
    "to_json",
}


def _documented(path: Any) -> list[tuple[str, str]]:
    """The (module, name) pairs that the mkdocstrings directives of *path* list in their ``members:``."""
    out: list[tuple[str, str]] = []
    for module, options in DIRECTIVE.findall(path.read_text(encoding="utf-8")):
        found = re.search(r"^\s+members: \[(.*)\]$", options, re.MULTILINE)
        assert found, f"{path.name}: ::: {module} lists no members"
        out += [(module, name.strip()) for name in found.group(1).split(",") if name.strip()]
    return out


def test_the_parser_reads_the_directives() -> None:
    """The directive parser finds the members of a directive, and only those."""
    text = "# x\n\n::: govinfo_report.a\n    options:\n      members: [b, C]\n\n::: govinfo_report.d\n"
    text += "    options:\n      members: [e]\ntext\n"

    found = [(m, n.strip()) for m, o in DIRECTIVE.findall(text) for n in re.findall(r"\[(.*)\]", o)[0].split(",")]

    assert found == [("govinfo_report.a", "b"), ("govinfo_report.a", "C"), ("govinfo_report.d", "e")]


def test_api_md_lists_exactly_what_is_importable_from_the_package() -> None:
    """Every name of docs/api.md is in govinfo_report.__all__, and every name of __all__ is on the page."""
    documented = [name for _, name in _documented(API)]
    exported = set(gr.__all__) - {"__version__"}

    assert sorted(set(documented) - exported) == []
    assert sorted(exported - set(documented)) == []
    assert sorted({n for n in documented if documented.count(n) > 1}) == []
    assert "`__version__`" in API.read_text(encoding="utf-8")


def test_api_md_documents_each_name_where_it_is_defined() -> None:
    """Each name of docs/api.md is listed under the module it comes from, which is what govinfo_report exports."""
    import importlib

    wrong = []
    for module, name in _documented(API):
        obj = getattr(importlib.import_module(module), name, None)
        if obj is None or obj is not getattr(gr, name):
            wrong.append(f"{module}.{name}")

    assert wrong == []


def test_the_module_reference_lists_only_names_the_package_does_not_export() -> None:
    """docs/api-modules.md lists names importable from their module and not from govinfo_report."""
    import importlib

    pairs = _documented(MODULES)

    assert [f"{m}.{n}" for m, n in pairs if n in gr.__all__] == []
    assert [f"{m}.{n}" for m, n in pairs if not hasattr(importlib.import_module(m), n)] == []


def _functions() -> dict[str, Any]:
    return {n: getattr(gr, n) for n in gr.__all__ if inspect.isfunction(getattr(gr, n))}


def test_names_follow_the_scheme() -> None:
    """render_* returns a str, write_* writes a file (returns None), parse_* returns a ParseResult (or a list)."""
    bad = []
    for name, fn in _functions().items():
        returns = str(inspect.signature(fn).return_annotation)
        if name.startswith("render_") and returns != "str":
            bad.append(f"{name} -> {returns}")
        if name.startswith("write_") and returns != "None":
            bad.append(f"{name} -> {returns}")
        if name.startswith("parse_") and returns not in ("ParseResult", "list[ParseResult]"):
            bad.append(f"{name} -> {returns}")
        if name.startswith("to_") and returns == "None":
            bad.append(f"{name} -> {returns}")

    assert bad == []


def test_every_str_returning_function_is_a_renderer_or_a_known_serialiser() -> None:
    """A public function that returns a str is named render_*, is a deprecated alias, or a listed serialiser."""
    loose = sorted(
        name
        for name, fn in _functions().items()
        if str(inspect.signature(fn).return_annotation) == "str"
        and not name.startswith("render_")
        and name not in DEPRECATED
        and name not in STR_NOT_RENDER
    )

    assert loose == []


@pytest.mark.parametrize("old", sorted(DEPRECATED))
def test_a_deprecated_name_warns_and_gives_what_the_new_name_gives(old: str, tmp_path: Any) -> None:
    """Each deprecated name raises a DeprecationWarning naming its successor and returns the same result."""
    new = DEPRECATED[old]
    if old == "catalogue_markdown":
        args: tuple[Any, ...] = ()
    elif old == "findings_html":
        report = gr.AnnualReport.blank("2021", organ="某某局", year=2022, fill=0)
        args = (gr.check(gr.replace_cell(report, "$.requests.received.total", 3)),)
    else:
        (tmp_path / "a.txt").write_text("not a report", encoding="utf-8")
        args = (gr.check_folder(tmp_path, workers=1),)

    with pytest.warns(DeprecationWarning, match=rf"{old} is deprecated since 0\.2\.0; use govinfo_report\.{new}"):
        old_result = getattr(gr, old)(*args)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new_result = getattr(gr, new)(*args)

    assert old_result == new_result
    assert "deprecated since 0.2.0" in (getattr(gr, old).__doc__ or "")


def test_the_warning_points_at_the_caller() -> None:
    """The DeprecationWarning is attributed to the line that called the old name, not to the library."""
    with pytest.warns(DeprecationWarning, match="catalogue_markdown") as record:
        gr.catalogue_markdown()

    assert record[0].filename == __file__
