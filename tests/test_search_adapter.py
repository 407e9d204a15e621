"""Whoosh behind one door (issue 11 item 3): only tui/search/whoosh_adapter.py imports Whoosh, and
another Whoosh version than the one tested is a one-line error naming the fix."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ADAPTER = REPO / "tui" / "search" / "whoosh_adapter.py"


def _whoosh_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "whoosh"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "whoosh":
            found.append(node.module or "")
    return found


def test_only_the_adapter_imports_whoosh():
    offenders = {
        str(p.relative_to(REPO)): names
        for p in (REPO / "tui").rglob("*.py")
        if p != ADAPTER and (names := _whoosh_imports(p))
    }
    assert offenders == {}
    assert _whoosh_imports(ADAPTER)


def test_the_pin_and_the_import_check_name_the_same_version():
    from tui.search.whoosh_adapter import WHOOSH_REQUIREMENT

    assert f'"{WHOOSH_REQUIREMENT}"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


VERSION_PROBE = """
import sys, whoosh
whoosh.__version__ = {version!r}
from tui.cli import main
sys.exit(main({argv!r}))
"""


@pytest.mark.parametrize("version", [(2, 8, 0), (2, 7, 4), ()])
@pytest.mark.parametrize("argv", [["search", "sappers"], ["index"]])
def test_another_whoosh_version_is_a_one_line_error(seed_corpus, tmp_path, version, argv):
    env = dict(os.environ, KURSK_READER_ARTICLES=str(seed_corpus), KURSK_READER_INDEX=str(tmp_path / "index"))
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run(
        [sys.executable, "-c", VERSION_PROBE.format(version=version, argv=argv)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "whoosh-reloaded" in proc.stderr and "2.7.5" in proc.stderr and "pip install" in proc.stderr
    assert not (tmp_path / "index").exists()  # nothing written with an untested Whoosh
