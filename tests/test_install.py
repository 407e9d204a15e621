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


@pytest.fixture
def unpacked(wheel, tmp_path) -> tuple[Path, dict[str, str]]:
    """The wheel unpacked as a site-packages folder, and an environment that imports from it."""
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
    return site, env


def run_cli_in(env: dict[str, str], *argv: str, before: str = "") -> subprocess.CompletedProcess:
    script = f"import json, sys; from tui import paths, cli; {before} sys.exit(cli.main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, cwd="/", env=env, timeout=60
    )


def test_unpacked_wheel_lists_the_bundled_corpus_from_another_directory(unpacked, tmp_path):
    site, env = unpacked
    where = "d = paths.articles_dir(); print(json.dumps([str(d), str(paths.index_dir(d))])); sys.stdout.flush();"
    proc = run_cli_in(env, "articles", "--json", before=where)
    assert proc.returncode == 0, proc.stderr
    first, rest = proc.stdout.split("\n", 1)
    corpus_dir, index_dir = json.loads(first)
    assert Path(corpus_dir) == site / "tui" / "_bundled" / "articles"
    assert Path(index_dir).is_relative_to(tmp_path / "cache")  # never written into the installed package
    assert len(json.loads(rest)) == len(list((REPO / "articles").glob("*.yaml")))


def test_ingest_never_writes_into_the_installed_package(unpacked, tmp_path):
    site, env = unpacked
    bundled = site / "tui" / "_bundled" / "articles"
    before = sorted(p.name for p in bundled.rglob("*"))
    new_report = tmp_path / "new-report.txt"
    new_report.write_bytes((REPO / "articles" / "raw" / "003_bea1615d3e04fee1.txt").read_bytes())
    proc = run_cli_in(env, "ingest", str(new_report))
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
    assert "the bundled corpus belongs to the installed package" in proc.stderr and "--articles DIR" in proc.stderr
    assert sorted(p.name for p in bundled.rglob("*")) == before
    proc = run_cli_in(env, "--articles", str(tmp_path / "mine"), "ingest", str(new_report))
    assert proc.returncode == 0, proc.stderr  # the way out the message names works
    assert (tmp_path / "mine" / "new-report.yaml").is_file()
