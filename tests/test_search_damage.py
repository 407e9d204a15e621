"""Index damage (issue 12 item 7) and the index command's honest status (item 8), from the command
line as a user meets them: every repro ends in a one-line message and correct results, never exit 70."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from test_search_support import make_article

from tui.cli import main
from tui.search.engine import IndexDamaged, SearchIndex
from tui.search.generation import MANIFEST
from tui.search.lock import WriterLock


@pytest.fixture
def cli_env(seed_corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("KURSK_READER_ARTICLES", str(seed_corpus))
    monkeypatch.setenv("KURSK_READER_INDEX", str(tmp_path / "index"))
    return tmp_path / "index"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _hit_ids(capsys, query: str = "sappers") -> list[str]:
    code, out, err = _run(capsys, "search", query, "--json", "--limit", "50")
    assert code == 0, err
    return [h["article_id"] for h in json.loads(out)]


def _generation(index_dir: Path) -> Path:
    return index_dir / json.loads((index_dir / "CURRENT").read_text())["dir"]


def test_a_deeply_nested_current_pointer_is_rebuilt_not_a_crash(cli_env, capsys):
    before = _hit_ids(capsys)
    (cli_env / "CURRENT").write_text("[" * 100_000 + "]" * 100_000)
    code, _, err = _run(capsys, "index", "--rebuild")
    assert code == 0 and "Traceback" not in err and "internal error" not in err
    assert _hit_ids(capsys) == before
    (cli_env / "CURRENT").write_text("[" * 3000)
    code, out, err = _run(capsys, "search", "sappers", "--json")
    assert code == 0 and "unreadable" in err and err.count("\n") == 1
    assert [h["article_id"] for h in json.loads(out)] == before[:20]


@pytest.mark.parametrize("pointer", ['{"dir": "../../etc", "schema": 4}', '{"dir": 7}', "[]", "\xff\xfe", ""])
def test_a_current_pointer_naming_no_generation_is_damage(cli_env, capsys, pointer):
    before = _hit_ids(capsys)
    (cli_env / "CURRENT").write_text(pointer, encoding="utf-8", errors="surrogateescape")
    code, out, err = _run(capsys, "search", "sappers", "--json", "--limit", "50")
    assert code == 0 and "unreadable" in err
    assert [h["article_id"] for h in json.loads(out)] == before


def _overwrite_in_place(path: Path, how: str) -> None:
    size = path.stat().st_size
    data = os.urandom(size) if how == "random" else bytes(size)
    with open(path, "r+b") as f:
        f.write(data)


@pytest.mark.parametrize("how", ["random", "zeroed"])
@pytest.mark.parametrize("suffix", [".pst", "._stored.col", ".trm", "._body_len.col", ".toc", "words.txt"])
def test_same_size_damage_to_an_index_file_is_found_and_rebuilt(cli_env, capsys, suffix, how):
    before = _hit_ids(capsys)
    (damaged,) = [p for p in _generation(cli_env).iterdir() if p.name.endswith(suffix)]
    _overwrite_in_place(damaged, how)
    code, out, err = _run(capsys, "search", "sappers", "--json", "--limit", "50")
    assert code == 0, err
    assert "unreadable" in err and damaged.name in err and "rebuilt" in err and err.count("\n") == 1
    assert [h["article_id"] for h in json.loads(out)] == before
    code, _, err = _run(capsys, "search", "sappers")
    assert code == 0 and err == ""  # rebuilt once, then quiet


def test_damage_found_while_searching_an_open_index_is_a_typed_error(tmp_path):
    """A searcher already open when bytes change under it: the failure to read is checked against
    the checksums, reported as IndexDamaged (never a crash), and update() rebuilds."""
    articles = [make_article(f"a{i}", [f"Report {i} about sappers and zeta{i}."] * 20) for i in range(40)]
    index = SearchIndex(tmp_path, tmp_path / "index")
    index.update(articles)
    assert len(index.search("sappers", limit=100)) == 40
    index.close()
    assert len(index.search("zeta1", limit=100)) == 1  # opened again, before the damage
    (postings,) = _generation(tmp_path / "index").glob("*.pst")
    _overwrite_in_place(postings, "zeroed")
    with pytest.raises(IndexDamaged, match="checksum"):
        index.search("sappers", limit=100)
    assert index.update(articles).rebuilt
    assert len(index.search("sappers", limit=100)) == 40
    index.close()


@pytest.mark.parametrize("cut", ["header", "head line", "half", "empty"])
def test_a_cut_manifest_never_indexes_articles_twice(tmp_path, cut):
    articles = [make_article(f"a{i}", [f"Report {i} about sappers."]) for i in range(30)]
    index = SearchIndex(tmp_path, tmp_path / "index")
    index.update(articles)
    index.close()
    manifest = _generation(tmp_path / "index") / MANIFEST
    lines = manifest.read_text().splitlines(keepends=True)
    kept = {"header": lines[:1], "head line": lines[:2], "half": lines[: len(lines) // 2], "empty": []}[cut]
    manifest.write_text("".join(kept))
    fresh = SearchIndex(tmp_path, tmp_path / "index")  # a new process: nothing cached
    articles.append(make_article("late", ["A late report about sappers."]))
    report = fresh.update(articles)
    assert (report.added, report.updated, report.deleted, report.rebuilt) == (1, 0, 0, False)
    hits = [h.article_id for h in fresh.search("sappers", limit=100)]
    assert len(hits) == len(set(hits)) == 31 and fresh.document_count() == 31
    assert not fresh.update(articles).changed  # the manifest was written again, whole
    fresh.close()


def test_index_that_defers_to_another_writer_says_so_and_fails(cli_env, capsys):
    assert main(["index"]) == 0
    capsys.readouterr()
    holder = WriterLock(cli_env)
    assert holder.acquire()
    try:
        code, out, _ = _run(capsys, "index", "--rebuild")
        assert code == 75
        assert "not rebuilt" in out and "another kursk-reader" in out and "up to date" not in out
        code, out, _ = _run(capsys, "index", "--json")
        assert code == 75 and json.loads(out)["status"] == "deferred"
    finally:
        holder.release()
    code, out, _ = _run(capsys, "index", "--rebuild", "--json")
    assert code == 0 and json.loads(out)["status"] == "built"


@pytest.mark.parametrize("code_", [errno.EROFS, errno.EACCES])
def test_a_read_only_index_folder_points_at_the_index_setting(cli_env, capsys, monkeypatch, code_):
    def refuse(self, timeout=0.0):
        raise OSError(code_, os.strerror(code_), str(self.path))

    monkeypatch.setattr(WriterLock, "acquire", refuse)
    code, _, err = _run(capsys, "index")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "KURSK_READER_INDEX" in err and "--articles" not in err and str(cli_env) in err
