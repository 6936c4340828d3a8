"""
The module paths of 0.1.0 that moved in 0.2.0 still import, each as the module where its code lives now, with
a DeprecationWarning that names the new place; and no new module shadows a name of the package root.
"""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import govinfo_report as gr

# old path -> names that 0.1.0 documented there (each must still be importable from it)
OLD_PATHS = {
    "govinfo_report.summary": ["aggregate", "AggregationWarning"],
    "govinfo_report.comparison": ["compare", "Comparison"],
    "govinfo_report.metrics": ["indicators", "Indicators"],
    "govinfo_report.batch": ["check_many", "check_folder", "load_many", "FolderCheck"],
    "govinfo_report.collection": ["iter_check_files", "check_line"],
    "govinfo_report.audit": ["write_audit_xlsx"],
    "govinfo_report.records": ["to_records", "RECORD_KEYS"],
    "govinfo_report.frames": ["to_dataframe"],
    "govinfo_report.html_render": ["render_html", "table_grid", "TableGrid"],
    "govinfo_report.docx_io": ["write_docx", "parse_docx", "docx_to_html"],
    "govinfo_report.xlsx_io": ["write_xlsx", "parse_xlsx", "write_xlsx_template", "write_records_xlsx"],
}


@pytest.mark.parametrize("old", sorted(OLD_PATHS))
def test_an_old_module_path_imports_with_a_warning(old: str) -> None:
    """Run in a fresh interpreter, so that the warning is the first import's."""
    names = ", ".join(OLD_PATHS[old])
    code = (
        "import warnings\n"
        "warnings.simplefilter('error', DeprecationWarning)\n"
        "try:\n"
        f"    from {old} import {names}\n"
        "except DeprecationWarning as w:\n"
        "    print(w)\n"
        "warnings.simplefilter('ignore', DeprecationWarning)\n"
        f"from {old} import {names}\n"
        "import govinfo_report as gr\n"
        f"print(all(getattr(gr, n) is globals()[n] for n in {OLD_PATHS[old]!r} if hasattr(gr, n)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")

    assert out[0].startswith(f"{old} is deprecated since govinfo_report 0.2.0; import govinfo_report.")
    assert out[1] == "True"


def test_an_old_path_is_the_new_module_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "govinfo_report.summary", raising=False)
    with pytest.warns(DeprecationWarning, match="govinfo_report.analysis.aggregate"):
        old = importlib.import_module("govinfo_report.summary")

    assert old is importlib.import_module("govinfo_report.analysis.aggregate")


def test_no_module_of_the_package_root_hides_a_public_name() -> None:
    """A submodule named like a public function (a module ``layout`` beside ``gr.layout``) would replace it."""
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(gr.__path__)}

    assert sorted(modules & set(gr.__all__)) == []
    for name in ("layout", "check", "aggregate", "compare", "indicators", "parse"):
        assert callable(getattr(gr, name))
