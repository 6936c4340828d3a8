"""
The package's layers: every import, including those inside functions, points down or sideways within a layer,
and no import cycle exists.

The layers are listed in docs/architecture.md.  The only imports allowed to point up are those inside the
notebook display hooks (``_repr_html_``, ``_repr_markdown_``), which run only when a notebook shows an object,
and the constructors of the model that delegate to the builders (:data:`UPWARD_ALLOWED`).  Imports under
``if TYPE_CHECKING:`` are annotations only and are not counted.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "govinfo_report"

# Lowest first.  A module belongs to the first layer whose prefix matches its dotted name (after
# "govinfo_report."); "" is the package's __init__ (the facade).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "vocabulary and errors",
        (
            "vocab",
            "errors",
            "_chinese",
            "_extras",
            "_deprecation",
            "_atomic",
            "_csv",
            "_pool",
            "_exact",
            "_terminal",
            "limits",
        ),
    ),
    ("model", ("_fields", "model")),
    ("layout and editions", ("tables", "editions", "_crosswalk")),
    ("rules", ("rules",)),
    ("build", ("build",)),
    ("checks", ("findings", "claims", "_evaluator", "checks", "narrative_checks", "plausibility_checks")),
    ("conversion, export and rendering", ("convert", "schema", "export", "render", "progress")),
    ("importers", ("importers",)),
    ("analysis", ("analysis", "_display")),
    ("command line and facade", ("cli", "__main__", "_compat", "")),
)

# (module, function) whose upward imports are allowed, and why
HOOKS = frozenset({"_repr_html_", "_repr_markdown_"})
UPWARD_ALLOWED: frozenset[tuple[str, str]] = frozenset(
    # The model's constructors (Requests.from_parts, AnnualReport.build, .blank ...) are a front door onto
    # govinfo_report.build, kept on the classes because that is where a user looks for them; and
    # AnnualReport.cells() walks the layout; Edition.for_year asks the editions registry, where the years of
    # each edition are declared.  They import when called, and nothing else may.
    {("model", "from_parts"), ("model", "blank"), ("model", "build"), ("model", "cells"), ("model", "for_year")}
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


@functools.cache
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in SRC.rglob("*.py")}


def layer_of(module: str) -> int:
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or (prefix and module.startswith(prefix + ".")):
                return rank
    raise AssertionError(f"module {module!r} is in no layer: add it to LAYERS (and docs/architecture.md)")


def _imports(module: str, path: Path) -> Iterator[tuple[str, str, int]]:
    """(imported module, enclosing function or "", line) for every import of a package module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    modules = _modules()

    def visit(node: ast.AST, function: str) -> Iterator[tuple[str, str, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and isinstance(child.test, ast.Name) and child.test.id == "TYPE_CHECKING":
                yield from visit(ast.Module(body=child.orelse, type_ignores=[]), function)  # annotations only
                continue
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield from visit(child, function or child.name)
                continue
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".") if package else []
                    if child.level > 1:
                        base = base[: len(base) - (child.level - 1)]
                    target = ".".join([*base, *([child.module] if child.module else [])])
                elif child.module and child.module.startswith("govinfo_report"):
                    target = child.module.removeprefix("govinfo_report").lstrip(".")
                else:
                    continue
                names = [f"{target}.{a.name}" if target else a.name for a in child.names]
                found = [n for n in names if n in modules] or [target]
                for name in found:
                    if name in modules:
                        yield name, function, child.lineno
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("govinfo_report."):
                        name = alias.name.removeprefix("govinfo_report.")
                        if name in modules:
                            yield name, function, child.lineno
            yield from visit(child, function)

    yield from visit(tree, "")


@functools.cache
def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in _modules().items():
        graph[module] = set()
        for target, function, _ in _imports(module, path):
            if function in HOOKS or (module, function) in UPWARD_ALLOWED or target == module:
                continue
            graph[module].add(target)
    return graph


def test_every_module_has_a_layer() -> None:
    for module in _modules():
        layer_of(module)


def test_imports_point_down() -> None:
    upward = []
    for module, path in sorted(_modules().items()):
        for target, function, line in _imports(module, path):
            if function in HOOKS or (module, function) in UPWARD_ALLOWED:
                continue
            if layer_of(target) > layer_of(module):
                where = f"{function}() " if function else ""
                upward.append(
                    f"{module}:{line} {where}imports {target} "
                    f"({LAYERS[layer_of(module)][0]} → {LAYERS[layer_of(target)][0]})"
                )

    assert upward == []


def _cycle() -> list[str] | None:
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle() -> None:
    assert _cycle() is None


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("vocab", 0),
        ("model", 1),
        ("tables", 2),
        ("editions.e2019", 2),
        ("render.grid", 6),
        ("importers._pdf", 7),
        ("analysis.audit", 8),
    ],
)
def test_modules_are_placed_by_prefix(module: str, layer: int) -> None:
    assert layer_of(module) == layer
