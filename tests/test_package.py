"""Tests of the package facade: exports, laziness and typing markers."""

from __future__ import annotations

import re
import subprocess
import sys

import govinfo_report as gr

from .conftest import ROOT


def test_every_export_resolves() -> None:
    """Every name in __all__ can be imported from the package root."""
    for name in gr.__all__:
        assert getattr(gr, name) is not None, name


def test_generated_init_is_up_to_date() -> None:
    """__all__ and the type-checking imports match _EXPORTS (run tools/gen_init.py after editing it)."""
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_init.py"), "--check"], check=False)

    assert out.returncode == 0


def test_import_is_lazy() -> None:
    """Importing the package loads neither cattrs nor tabulate nor the model."""
    code = "import sys, govinfo_report; print(sorted(m for m in sys.modules if m.split('.')[0] in "
    code += "('cattrs', 'tabulate', 'attrs', 'attr') or m.startswith('govinfo_report.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "[]"


def test_rendering_does_not_need_cattrs() -> None:
    """Building and rendering a report imports tabulate but never cattrs."""
    code = (
        "import sys, govinfo_report as g; g.render_text(g.AnnualReport.blank('2021', organ='x')); "
        "print('cattrs' in sys.modules, 'tabulate' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.split() == ["False", "True"]


def test_py_typed_marker_is_shipped() -> None:
    """The package ships py.typed for type checkers."""
    assert (ROOT / "src" / "govinfo_report" / "py.typed").is_file()


def test_version_matches_pyproject() -> None:
    """The package's __version__ is the version pyproject.toml declares, and the changelog has its entry."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r'^version = "([^"]+)"', text, flags=re.M)

    assert declared is not None
    assert declared.group(1) == gr.__version__
    assert f"## [{gr.__version__}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_command_pages_are_up_to_date() -> None:
    """docs/commands/*.md match every command's --help (run tools/gen_cli_docs.py after changing one)."""
    command = [sys.executable, str(ROOT / "tools" / "gen_cli_docs.py"), "--check"]
    out = subprocess.run(command, capture_output=True, text=True, check=False)

    assert out.returncode == 0, out.stderr
