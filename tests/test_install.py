"""`pip install .` (not editable) ships the bundled corpus inside the wheel and works from any directory.

Builds the wheel offline with hatchling's builder, the backend `pip install .` runs (skipped, saying
so, when hatchling is not installed in the test environment). About 1-2 s."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUNDLED = "tui/_bundled/articles/"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is not installed: cannot build offline")
    from hatchling.builders.wheel import WheelBuilder  # what `pip install .` runs, minus pip

    out = tmp_path_factory.mktemp("wheel")
    [built] = WheelBuilder(str(REPO)).build(directory=str(out), versions=["standard"])
    return Path(built)


def test_wheel_carries_every_corpus_yaml_and_raw_report_byte_for_byte(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        for source in sorted((REPO / "articles").glob("*.yaml")) + sorted((REPO / "articles" / "raw").glob("*.txt")):
            inside = BUNDLED + source.relative_to(REPO / "articles").as_posix()
            assert inside in names, f"{inside} missing from the wheel"
            assert z.read(inside) == source.read_bytes()
        assert not [n for n in names if n.endswith(".tmp")]  # no stray temp files shipped
        assert "tui/cli.py" in names and "tui/corpus/store.py" in names


def test_unpacked_wheel_lists_the_bundled_corpus_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "KURSK_READER_ARTICLES": "",
    }
    env.pop("KURSK_READER_INDEX", None)
    script = (
        "import json, sys; from tui import paths, cli; d = paths.articles_dir();"
        "print(json.dumps([str(d), str(paths.index_dir(d))])); sys.stdout.flush();"
        "sys.exit(cli.main(['articles', '--json']))"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd="/", env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    first, rest = proc.stdout.split("\n", 1)
    corpus_dir, index_dir = json.loads(first)
    assert Path(corpus_dir) == site / "tui" / "_bundled" / "articles"
    assert Path(index_dir).is_relative_to(tmp_path / "cache")  # never written into the installed package
    assert len(json.loads(rest)) == len(list((REPO / "articles").glob("*.yaml")))
