"""docs/rules.md is generated from the rule catalogue and must not drift from it."""

from __future__ import annotations

import subprocess
import sys

from govinfo_report.checks import render_catalogue
from govinfo_report.rules import CATALOGUE

from .conftest import ROOT

REGENERATE = "python -m govinfo_report.checks --rules-markdown > docs/rules.md"


def test_rules_page_matches_the_catalogue() -> None:
    """docs/rules.md equals render_catalogue(); regenerate it after changing the catalogue."""
    page = ROOT / "docs" / "rules.md"

    assert page.is_file(), f"docs/rules.md is missing; run: {REGENERATE}"
    assert page.read_text(encoding="utf-8") == render_catalogue(), f"docs/rules.md is stale; run: {REGENERATE}"


def test_rules_page_lists_every_rule_once() -> None:
    """Each catalogue code appears in exactly one table row of the page, with its severity."""
    rows = [line for line in render_catalogue().splitlines() if line.startswith("| ") and "---" not in line]

    for rule in CATALOGUE:
        [row] = [r for r in rows if r.startswith(f"| {rule.code} |")]
        assert f"| {rule.severity.value} |" in row
        assert rule.zh in row


def test_rules_markdown_entry_point() -> None:
    """`python -m govinfo_report.checks --rules-markdown` prints the page; without the flag it exits 2."""
    ok = subprocess.run(
        [sys.executable, "-m", "govinfo_report.checks", "--rules-markdown"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    bare = subprocess.run([sys.executable, "-m", "govinfo_report.checks"], capture_output=True, check=False)

    assert (ok.returncode, ok.stdout) == (0, render_catalogue())
    assert bare.returncode == 2
