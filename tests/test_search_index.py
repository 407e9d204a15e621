"""The index's life: incremental updates, deletions, a schema bump, damaged files, killed and
concurrent writers, a reader during a write, and the CLI commands."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from test_search_support import make_article

from tui.cli import main
from tui.search import engine
from tui.search.engine import IndexDamaged, IndexMissing, SearchIndex
from tui.search.generation import read_manifest
from tui.search.lock import WriterLock

REPO = Path(__file__).resolve().parent.parent


def _corpus(n: int = 6):
    return [
        make_article(
            f"a{i}",
            [f"Report {i} on sappers in Kursk.", f"Unique word zeta{i} appears here."],
            title=f"Story {i}",
            outlet="Outlet A" if i % 2 else "Outlet B",
        )
        for i in range(n)
    ]


def _ids(index: SearchIndex, query: str) -> set[str]:
    return {h.article_id for h in index.search(query, limit=100)}


@pytest.fixture
def index(tmp_path):
    ix = SearchIndex(tmp_path / "articles", tmp_path / "index")
    yield ix
    ix.close()


def test_built_when_missing_then_only_changes_are_indexed(index):
    articles = _corpus()
    progress = []
    first = index.update(articles, progress=lambda done, total: progress.append((done, total)))
    assert first.rebuilt and first.added == 6 and progress[-1] == (6, 6)
    again = index.update(articles)
    assert not again.changed
    articles[2] = make_article("a2", ["Now about drones over Belgorod."], title="Story 2")
    changed = index.update(articles)
    assert (changed.added, changed.updated, changed.deleted, changed.rebuilt) == (0, 1, 0, False)
    assert "a2" not in _ids(index, "sappers") and _ids(index, "belgorod") == {"a2"}


def test_deleted_and_added_articles(index):
    articles = _corpus()
    index.update(articles)
    report = index.update([*articles[1:], make_article("new", ["Fresh news about sappers."])])
    assert (report.added, report.deleted) == (1, 1)
    assert _ids(index, "sappers") == {f"a{i}" for i in range(1, 6)} | {"new"}
    assert index.document_count() == 6


def test_schema_bump_rebuilds_with_a_message(index, monkeypatch):
    articles = _corpus()
    index.update(articles)
    monkeypatch.setattr(engine, "SCHEMA_VERSION", engine.SCHEMA_VERSION + 1)
    report = index.update(articles)
    assert report.rebuilt and "format changed" in report.message
    assert _ids(index, "zeta3") == {"a3"}
    assert len([p for p in index.index_dir.iterdir() if p.is_dir()]) == 1  # the old generation is gone


def _generation(index: SearchIndex) -> Path:
    current = json.loads((index.index_dir / "CURRENT").read_text())
    return index.index_dir / current["dir"]


@pytest.mark.parametrize("damage", ["truncate", "delete"])
def test_damaged_segment_is_rebuilt_with_a_message(index, damage):
    articles = _corpus()
    index.update(articles)
    index.close()
    (segment,) = _generation(index).glob("*.pst")  # the segment's postings
    if damage == "truncate":
        with open(segment, "r+b") as f:
            f.truncate(segment.stat().st_size // 2)
    else:
        segment.unlink()
    report = index.update(articles)
    assert report.rebuilt and "unreadable" in report.message
    assert _ids(index, "zeta1") == {"a1"}


def test_search_reports_a_damaged_index_and_update_rebuilds_it(index):
    """Searching never writes: a damaged index is a typed error; update() rebuilds it."""
    articles = _corpus()
    index.update(articles)
    index.close()
    for toc in _generation(index).glob("*.toc"):
        toc.write_bytes(b"garbage")
    fresh = SearchIndex(index.corpus_dir, index.index_dir)
    with pytest.raises(IndexDamaged):
        fresh.search("zeta4")
    report = fresh.update(articles)
    assert report.rebuilt and "unreadable" in report.message
    assert _ids(fresh, "zeta4") == {"a4"}
    fresh.close()


KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys, json
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_search_support import make_article
    from tui.search.lock import WriterLock
    from tui.search.schema import document
    from whoosh import index as wi
    root = Path({root!r})
    lock = WriterLock(root)
    assert lock.acquire()
    folder = root / json.loads((root / "CURRENT").read_text())["dir"]
    writer = wi.open_dir(str(folder)).writer()
    for i in range(50):
        writer.add_document(**document(make_article(f"x{{i}}", ["half written sappers"]), "h", []))
    (folder / "MAIN_halfwritten.seg").write_bytes(b"\\x00" * 1000)  # a segment cut short by the kill
    (root / "v9-dead0-1").mkdir()  # a rebuild that never finished
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_killed_writer_leaves_a_usable_index_and_no_stuck_lock(index):
    articles = _corpus()
    index.update(articles)
    index.close()
    script = KILLED_WRITER.format(tests=str(REPO / "tests"), root=str(index.index_dir))
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert _ids(index, "zeta2") == {"a2"} and _ids(index, "half") == set()  # nothing half-written shows
    articles.append(make_article("late", ["A late report on sappers."]))
    report = index.update(articles)  # the dead writer's lock does not block
    assert report.added == 1 and not report.rebuilt
    assert "late" in _ids(index, "sappers")
    assert not (index.index_dir / "v9-dead0-1").exists()


def test_only_our_generation_folders_are_ever_removed(tmp_path):
    index_dir = tmp_path / "shared-folder"
    (index_dir / "videos").mkdir(parents=True)  # $KURSK_READER_INDEX may point at a folder with other things
    index = SearchIndex(tmp_path, index_dir)
    index.update(_corpus())
    index.update(_corpus(), rebuild=True)
    assert (index_dir / "videos").is_dir()
    index.close()


def test_stale_lock_file_from_a_dead_process_is_ignored(index):
    index.index_dir.mkdir(parents=True)
    (index.index_dir / "writer.lock").write_text("999999\n")
    assert index.update(_corpus()).added == 6


def test_a_second_writer_defers_to_the_first(index):
    articles = _corpus()
    index.update(articles)
    holder = WriterLock(index.index_dir)
    assert holder.acquire()
    try:
        articles.append(make_article("late", ["A late report."]))
        report = index.update(articles)
        assert not report.changed and "another kursk-reader" in report.message
        assert _ids(index, "zeta1") == {"a1"}  # the current index still answers
    finally:
        holder.release()
    assert index.update(articles).added == 1


CONCURRENT_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_search_support import make_article
    from tui.search.engine import IndexDamaged, IndexMissing, SearchIndex
    articles = [make_article(f"p{{i}}", [f"Process {{i}} writes about sappers and zeta{{i}}."]) for i in range(60)]
    for round_ in range(3):
        SearchIndex(Path("."), Path({root!r})).update(articles[: 40 + 10 * round_])
    """
)


def test_concurrent_writers_never_corrupt_the_index(tmp_path):
    root = tmp_path / "index"
    script = CONCURRENT_WRITER.format(tests=str(REPO / "tests"), root=str(root))
    procs = [subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stderr=subprocess.PIPE) for _ in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    index = SearchIndex(tmp_path, root)
    articles = [make_article(f"p{i}", [f"Process {i} writes about sappers and zeta{i}."]) for i in range(60)]
    index.update(articles)
    assert index.document_count() == 60 and _ids(index, "zeta59") == {"p59"}
    index.close()


def test_reading_while_another_thread_writes(index):
    articles = _corpus(20)
    index.update(articles)
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader():
        reader_index = SearchIndex(index.corpus_dir, index.index_dir)
        reader_index._articles = {a.id: a for a in articles}
        try:
            while not stop.is_set():
                assert _ids(reader_index, "sappers")
        except BaseException as e:
            errors.append(e)
        finally:
            reader_index.close()

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(5):
            articles[i] = make_article(f"a{i}", [f"Rewritten {i} about sappers."], title=f"Story {i}")
            index.update(articles)
        index.update(articles, rebuild=True)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not errors, errors


# ---- CLI -------------------------------------------------------------------------------------------


@pytest.fixture
def cli_env(seed_corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("KURSK_READER_ARTICLES", str(seed_corpus))
    monkeypatch.setenv("KURSK_READER_INDEX", str(tmp_path / "cli-index"))
    return seed_corpus


def test_cli_search_json_offsets_land_on_the_words(cli_env, capsys):
    from tui.corpus.store import Corpus

    assert main(["search", "sappers", "--json", "--limit", "3"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert 1 <= len(hits) <= 3
    texts = {a.id: a.text for a in Corpus(cli_env).load_all()[0]}
    for hit in hits:
        assert {"article_id", "title", "outlet", "score", "snippet", "matches", "snippet_marks"} <= set(hit)
        assert all(texts[hit["article_id"]][m["start"] : m["end"]].lower() == "sappers" for m in hit["matches"])
        assert all(isinstance(m["sentence"], int) for m in hit["matches"])


def test_cli_index_then_search_text_output(cli_env, capsys):
    assert main(["index", "--json"]) == 0
    built = json.loads(capsys.readouterr().out)
    assert built["rebuilt"] and built["documents"] == 5
    assert main(["index", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 0
    assert main(["search", '"military construction"']) == 0
    out = capsys.readouterr().out
    assert "articles match" in out and "military construction" in out.lower()
    assert main(["index", "--rebuild", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rebuilt"]


@pytest.mark.parametrize("query", ['"unclosed', "*", "x" * 10_000, "", "(a"])
def test_cli_malformed_query_is_one_line_error(cli_env, capsys, query):
    assert main(["search", query]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kursk-reader: error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_cli_progress_bar_is_silent_when_stderr_is_not_a_tty(cli_env, capfd):
    assert main(["index"]) == 0
    assert capfd.readouterr().err == ""


def test_search_layer_imports_cleanly_without_textual(tmp_path):
    code = "import sys, tui.search.engine, tui.search.query; assert 'textual' not in sys.modules"
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(tmp_path / "pycache"))  # recompile: SyntaxWarnings show
    proc = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_a_failing_figure_extractor_does_not_stop_indexing(index, monkeypatch):
    def broken(article):
        raise RuntimeError("bug")

    monkeypatch.setattr(engine, "extract_figures", broken)
    report = index.update(_corpus())
    assert report.added == 6 and "figures could not be extracted from 6" in report.message
    assert _ids(index, "zeta5") == {"a5"}


def test_searching_a_missing_index_writes_nothing(seed_corpus, tmp_path):
    index = SearchIndex(seed_corpus, tmp_path / "index")
    with pytest.raises(IndexMissing, match="kursk-reader index"):
        index.search("sappers")
    assert not (tmp_path / "index").exists()
    index.close()


def test_cli_search_builds_a_missing_index_from_the_corpus_folder(cli_env, capsys, tmp_path):
    assert main(["search", "sappers", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert (tmp_path / "cli-index" / "CURRENT").is_file()


def test_a_new_process_trusts_the_manifest_whatever_the_ids(index):
    articles = _corpus(3) + [
        make_article(odd, [f"Odd id {n} about sappers."]) for n, odd in enumerate(['"q', "t\tab", "x y"])
    ]
    index.update(articles)
    index.close()
    fresh = SearchIndex(index.corpus_dir, index.index_dir)
    report = fresh.update(articles)  # a new process: hashes come from the manifest on disk
    assert not report.changed and not report.message
    assert set(read_manifest(_generation(fresh)).hashes) == {a.id for a in articles}  # read back, not guessed
    assert _ids(fresh, "odd") == {'"q', "t\tab", "x y"}
    fresh.close()
