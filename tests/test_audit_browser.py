"""The audit page in a real browser: headless Chromium lays it out, runs its script and sorts (skipped without it)."""

from __future__ import annotations

import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from govinfo_report.analysis.audit import render_audit_html
from govinfo_report.analysis.collection import check_folder

from .helpers import assert_screenshot, chromium, mixed_folder


def _run(page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        command = [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *extra,
            page.as_uri(),
        ]
        return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


class _FileRows(HTMLParser):
    """The data-file of each row of the files table, in document order, and the tables marked ready."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []
        self.ready: list[str] = []
        self._in_files = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self._in_files = "files" in (found.get("class") or "").split()
            if found.get("data-sortable") == "ready":
                self.ready.append(found.get("class") or "")
        if tag == "tr" and self._in_files and found.get("data-file"):
            self.files.append(str(found["data-file"]))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The audit page of a mixed folder, written to a file; and its HTML."""
    root = tmp_path_factory.mktemp("mixed")
    mixed_folder(root, 9)
    html = render_audit_html(check_folder(root, workers=2))
    target = root.parent / f"{root.name}-audit.html"
    target.write_text(html, encoding="utf-8")
    return target, html


def test_chromium_runs_the_script_and_sorts_by_errors(page: tuple[Path, str], tmp_path: Path) -> None:
    """In Chromium the script marks the tables sortable, and two clicks on 错误 sort the files by errors, most first."""
    _, html = page
    clicked = tmp_path / "clicked.html"
    clicker = (
        "<script>var th = document.querySelectorAll('table.files thead th')[4];th.click(); th.click();</script></body>"
    )
    clicked.write_text(html.replace("</body>", clicker), encoding="utf-8")

    done = _run(clicked, "--dump-dom")

    assert done.returncode == 0, done.stderr[-500:]
    rows = _FileRows()
    rows.feed(done.stdout)
    assert any("files" in c for c in rows.ready)
    assert any("by-rule" in c for c in rows.ready)
    errors = {}
    source = _FileRows()
    source.feed(html)
    assert sorted(rows.files) == sorted(source.files)
    for line in html.split("\n"):
        if line.startswith("<tr") and "data-file=" in line and "errors-some" in line:
            name = line.split('data-file="')[1].split('"')[0]
            errors[name] = int(line.split('errors-some">')[1].split("<")[0])
    ranked = [errors.get(name, 0) for name in rows.files]
    assert ranked == sorted(ranked, reverse=True)
    assert ranked[0] > 0
    assert rows.files != source.files  # the order changed: the page was sorted in the browser


def test_chromium_draws_the_page(page: tuple[Path, str], tmp_path: Path) -> None:
    """Chromium writes a screenshot of the requested size that is not a blank page."""
    path, _ = page
    shot = tmp_path / "audit.png"

    done = _run(path, f"--screenshot={shot}", "--window-size=1000,1200")

    assert done.returncode == 0, done.stderr[-500:]
    assert_screenshot(shot.read_bytes(), 1000, 1200)
