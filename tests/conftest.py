"""Shared fixtures and hypothesis profiles for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_2e7cd9129f5ea529.txt"
FORMAT_SPEC = SHARED / "docs" / "format-spec.md"
EXAMPLE_JSON = ROOT / "examples" / "data" / "wusu-2020.json"

# "default" keeps the everyday run fast; CI runs the "ci" profile (more examples).
settings.register_profile("default", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# "mutation": CI's number of examples, no shrinking and no example database, for quick runs against a mutated rule.
settings.register_profile(
    "mutation", max_examples=100, deadline=None, database=None, phases=[Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("big", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _fresh_stdin() -> None:
    """Standard input is read once per command: forget what an earlier test read."""
    from govinfo_report.cli import _inputs

    _inputs._saved.clear()


@pytest.fixture
def seed_text() -> str:
    """The seed report as published, or a skip when ../shared is absent."""
    if not SEED.is_file():
        pytest.skip("../shared/seeds is not available")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def format_spec() -> str:
    """format-spec.md, or a skip when ../shared is absent."""
    if not FORMAT_SPEC.is_file():
        pytest.skip("../shared/docs is not available")
    return FORMAT_SPEC.read_text(encoding="utf-8")
