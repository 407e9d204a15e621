"""The package's import graph: one direction, no cycles.

Every import counts, also those inside functions (kept there only to keep startup light); imports
under `if TYPE_CHECKING:` do not run, so they do not count. Layers, lowest first: the shared base
(errors, paths, atomic writes, safe text, exported tables), the corpus, search, then the two front ends (the CLI's
commands and the Textual UI), which never import each other; `tui.cli` sits on top and starts either."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "tui"

BASE, CORPUS, SEARCH, FRONT, TOP = range(5)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    parts = module.split(".")
    if module == "tui.cli":
        return TOP
    if len(parts) > 1 and parts[1] == "corpus":
        return CORPUS
    if len(parts) > 1 and parts[1] == "search":
        return SEARCH
    if len(parts) == 1 or parts[1] in {"errors", "paths", "atomic", "textsafe", "tables"}:
        return BASE
    return FRONT


def front_end(module: str) -> str | None:
    """'cli' for the commands, 'ui' for the reader; None below the front ends."""
    if layer(module) != FRONT:
        return None
    return "cli" if module.startswith("tui.commands") else "ui"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    walk(other)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append(child)
            walk(child)

    walk(tree)
    return found


def build_graph() -> tuple[dict[str, set[str]], dict[tuple[str, str], set[str]]]:
    """Module -> the modules it imports, and (module, imported module) -> the names it takes."""
    files = {module_name(p): p for p in PACKAGE_DIR.rglob("*.py") if "_bundled" not in p.parts}
    graph: dict[str, set[str]] = {name: set() for name in files}
    names: dict[tuple[str, str], set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    prefix = ".".join([*base, node.module] if node.module else base)
                else:
                    prefix = node.module or ""
                # `from . import reader` names a module; `from .model import Article` names a thing in one
                targets = [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in files else prefix for a in node.names]
                for alias in node.names:
                    names.setdefault((name, prefix), set()).add(alias.name)
            graph[name] |= {t for t in targets if t in files and t != name}
    return graph, names


GRAPH, NAMES = build_graph()
# What a screen may take from a widget module: the widgets it composes; shared helpers live elsewhere.
WIDGETS = {"ArticleList", "LazyEntries", "ListEntry", "entry_for", "Reader", "SearchBar", "StatusLine", "FiguresPanel"}


def test_the_graph_sees_the_whole_package():
    assert {"tui.cli", "tui.corpus.store", "tui.search.engine", "tui.app"} <= GRAPH.keys()
    assert "tui.corpus.model" in GRAPH["tui.corpus.store"]


def test_no_upward_import():
    upward = [
        f"{a} -> {b}"
        for a, targets in GRAPH.items()
        for b in targets
        if layer(b) > layer(a) or (front_end(a) and front_end(b) and front_end(a) != front_end(b))
    ]
    assert upward == []


def test_inside_the_ui_widgets_sit_below_screens_and_screens_below_the_app():
    wrong = []
    for a, targets in GRAPH.items():
        for b in targets:
            if a.startswith("tui.widgets") and b.startswith(("tui.screens", "tui.app")):
                wrong.append(f"{a} -> {b}")
            if a.startswith("tui.screens") and b == "tui.app":
                wrong.append(f"{a} -> {b}")
            if a.startswith("tui.screens") and b.startswith("tui.widgets"):
                helpers = NAMES.get((a, b), set()) - WIDGETS
                wrong += [f"{a} takes {sorted(helpers)} from {b}"] if helpers else []
    assert wrong == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle():
    assert _cycles(GRAPH) == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
    ],
)
def test_the_cycle_check_finds_a_cycle(graph, expected):
    assert _cycles(graph) == expected
