"""``govinfo-report parse DIR -o OUTDIR`` (or several files): one report and one diagnostics file per input."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ._common import CommandError, print_diagnostics
from ._inputs import STDIN, expand

if TYPE_CHECKING:
    from ..importers import Diagnostic


def _targets(names: list[str], recursive: bool) -> list[tuple[str, Path]]:
    """Each input file with its output name (no suffix) relative to the output folder."""
    pairs: list[tuple[str, Path]] = []
    for name in names:
        if name != STDIN and Path(name).is_dir():
            root = Path(name)
            pairs += [(f, Path(f).relative_to(root)) for f in expand([name], recursive=recursive)]
        else:
            [f] = expand([name])
            pairs.append((f, Path(Path(f).name)))
    stems = Counter(rel.with_suffix("") for _, rel in pairs)
    return [(f, rel.with_suffix("") if stems[rel.with_suffix("")] == 1 else rel) for f, rel in pairs]


def _failure(reason: str) -> Diagnostic:
    from ..importers import CODES, Diagnostic

    return Diagnostic(
        "PARSE-FAILED", CODES["PARSE-FAILED"][0], f"无法读取该文件：{reason}", f"cannot read the file: {reason}"
    )


def run_many(args: argparse.Namespace) -> int:
    """Parse every input into OUTDIR; exit 2 when an input cannot be read (the others are still written)."""
    from ..convert import to_json
    from ..errors import GovInfoReportError
    from ..importers import ParseResult, diagnostics_to_json, parse
    from ..progress import terminal_progress

    if args.output in (None, "-"):
        raise CommandError("with a folder or several files, give the folder to write into with -o OUTDIR")
    if args.diagnostics:
        raise CommandError("with a folder or several files, each diagnostics file is written beside its report")
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise CommandError(f"{args.output}: not a folder")
    targets = _targets(args.files, args.recursive)
    progress = terminal_progress(quiet=args.quiet)
    failed = 0
    for done, (path, rel) in enumerate(targets, start=1):
        try:
            result = parse(path, organ=args.organ, year=args.year)
        except (GovInfoReportError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"{path}: {reason}" if not reason.startswith(path) else reason, file=sys.stderr)
            failed += 1
            result = ParseResult(report=None, diagnostics=(_failure(reason),), source=path)
        else:
            print_diagnostics(path, result.diagnostics)
        target = out / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if result.report is not None:
                Path(os.fspath(target) + ".json").write_text(to_json(result.report) + "\n", encoding="utf-8")
            diagnostics = Path(os.fspath(target) + ".diagnostics.json")
            diagnostics.write_text(diagnostics_to_json(result) + "\n", encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{target}: {exc.strerror or exc}") from None
        if progress is not None:
            progress(done, len(targets), path)
    if failed:
        print(f"{failed} of {len(targets)} files could not be read (无法读取)", file=sys.stderr)
    return 2 if failed else 0
