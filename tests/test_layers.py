"""The architecture's one direction: the corpus and search layers work without the UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui.corpus
import tui.search


def _modules(package) -> list[str]:
    return [f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)]


def test_corpus_and_search_never_import_textual():
    modules = _modules(tui.corpus) + _modules(tui.search) + ["tui.cli", "tui.commands.figures", "tui.commands.search"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Textual imported by the corpus/search layers: {result.stdout}"
