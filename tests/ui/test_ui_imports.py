"""The reader's layers (issue 11): no import cycle among the UI modules, counting imports inside
functions (a lazy import hides a cycle, it does not remove it); widgets never import screens or
the app, screens never the app, and screens take helpers from shared modules, not from widgets."""

from __future__ import annotations

import ast
from pathlib import Path

import tui

PACKAGE = Path(tui.__file__).parent
UI = ("tui.app", "tui.screens", "tui.widgets", "tui.messages", "tui.state", "tui.textsafe", "tui.formatting")
# What a screen may take from a widget module: the widgets it composes, nothing else.
WIDGET_CLASSES = {"ArticleList", "LazyEntries", "ListEntry", "entry_for", "Reader", "SearchBar", "StatusLine"}
WIDGET_CLASSES |= {"FiguresPanel"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def runtime_imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) for every import that runs, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
            found.append((target, names))
            found += [(f"{target}.{n}", []) for n in names]  # `from . import reader_actions`
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names]
    return found


def ui_graph() -> dict[str, dict[str, list[str]]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, dict[str, list[str]]] = {}
    for name, path in modules.items():
        if not name.startswith(UI):
            continue
        edges: dict[str, list[str]] = {}
        for target, names in runtime_imports(path):
            if target in modules and target != name and target.startswith(UI):
                edges.setdefault(target, []).extend(names)
        graph[name] = edges
    return graph


def test_no_import_cycle_among_the_ui_modules():
    graph = ui_graph()
    assert "tui.app" in graph and "tui.screens.main" in graph and len(graph) > 10
    visiting: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> None:
        if node in visiting:
            raise AssertionError("import cycle: " + " -> ".join([*visiting[visiting.index(node) :], node]))
        if node in done:
            return
        visiting.append(node)
        for target in graph.get(node, {}):
            visit(target)
        visiting.pop()
        done.add(node)

    for node in graph:
        visit(node)


def test_imports_only_go_down_the_layers():
    for name, edges in ui_graph().items():
        for target, names in edges.items():
            if name.startswith("tui.widgets"):
                assert not target.startswith(("tui.screens", "tui.app")), f"{name} imports {target}"
            if name.startswith("tui.screens"):
                assert target != "tui.app", f"{name} imports the app"
                if target.startswith("tui.widgets"):
                    helpers = set(names) - WIDGET_CLASSES
                    assert not helpers, f"{name} takes helpers {helpers} from {target}: move them to a shared module"
