"""The reader's search process keeps the index in line with the corpus folder without reading every
article: a file whose stat stamp is unchanged keeps the content hash worked out last time, and hits come
from the index's stored fields, their article read only for its snippet."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_search_support import make_article

from tui.corpus.store import Corpus
from tui.search import engine, freshness
from tui.search.engine import SearchIndex


def _write(folder: Path, n: int = 6) -> Corpus:
    corpus = Corpus(folder)
    for i in range(n):
        corpus.save(
            make_article(
                f"a{i}",
                [f"Report {i} on sappers in Kursk.", f"Unique word zeta{i} appears here."],
                title=f"Story {i}",
                outlet="Outlet A" if i % 2 else None,
            )
        )
    return corpus


@pytest.fixture
def reads(monkeypatch):
    """Names of the article files parsed whole."""
    seen: list[str] = []
    real = Corpus.load_path

    def counting(self, path):
        seen.append(Path(path).stem)
        return real(self, path)

    monkeypatch.setattr(Corpus, "load_path", counting)
    return seen


def _ids(index: SearchIndex, query: str) -> set[str]:
    return {h.article_id for h in index.search(query, limit=100)}


def test_an_unchanged_folder_is_checked_without_reading_an_article(tmp_path, reads):
    corpus = _write(tmp_path / "articles")
    built = SearchIndex(corpus.root, tmp_path / "index").update_from_folder()
    assert built.rebuilt and built.added == 6
    reads.clear()
    again = SearchIndex(corpus.root, tmp_path / "index").update_from_folder()  # a new launch
    assert not again.changed and reads == []


def test_an_index_built_by_update_is_checked_by_hashing_once(tmp_path, reads):
    """`kursk-reader index` leaves no stamps: the first check reads each file once, the next ones none."""
    corpus = _write(tmp_path / "articles")
    SearchIndex(corpus.root, tmp_path / "index").update(corpus.load_all()[0])
    reads.clear()
    first = SearchIndex(corpus.root, tmp_path / "index").update_from_folder()
    assert not first.changed and sorted(reads) == [f"a{i}" for i in range(6)]
    reads.clear()
    assert not SearchIndex(corpus.root, tmp_path / "index").update_from_folder().changed and reads == []


def test_only_the_changed_and_new_files_are_read_and_a_deleted_one_leaves_the_index(tmp_path, reads):
    corpus = _write(tmp_path / "articles")
    SearchIndex(corpus.root, tmp_path / "index").update_from_folder()
    corpus.save(make_article("a2", ["Now about drones over Belgorod."], title="Story 2"))
    corpus.save(make_article("a9", ["A new report on drones."], title="Story 9"))
    os.remove(corpus.path_for("a4"))
    reads.clear()
    index = SearchIndex(corpus.root, tmp_path / "index")
    report = index.update_from_folder()
    assert (report.added, report.updated, report.deleted) == (1, 1, 1)
    assert sorted(set(reads)) == ["a2", "a9"]
    assert _ids(index, "drones") == {"a2", "a9"} and _ids(index, "sappers") == {"a0", "a1", "a3", "a5"}


def test_stamps_of_another_extractor_or_edited_by_hand_are_not_trusted(tmp_path, reads, monkeypatch):
    corpus = _write(tmp_path / "articles")
    index_dir = tmp_path / "index"
    SearchIndex(corpus.root, index_dir).update_from_folder()
    stamps = index_dir / freshness.FILE
    text = stamps.read_text()
    stamps.write_text(text.replace(text.splitlines()[1].split("\t")[-1], "0" * 32))  # a2's hash, say: forged
    reads.clear()
    assert not SearchIndex(corpus.root, index_dir).update_from_folder().changed
    assert len(reads) == 6  # the check failed: every file read again, and the index found right
    monkeypatch.setattr(freshness, "figures_version", lambda: "another-extractor")
    reads.clear()
    SearchIndex(corpus.root, index_dir).update_from_folder()
    assert len(reads) == 6


def test_hits_come_without_reading_articles_and_their_details_read_only_theirs(tmp_path, reads):
    corpus = _write(tmp_path / "articles")
    SearchIndex(corpus.root, tmp_path / "index").update_from_folder()
    index = SearchIndex(corpus.root, tmp_path / "index")  # a new process: no article in memory
    reads.clear()
    hits = index.search("sappers", limit=100)
    assert len(hits) == 6 and reads == []
    by_id = {h.article_id: h for h in hits}
    assert (by_id["a1"].title, by_id["a1"].outlet, by_id["a0"].outlet) == ("Story 1", "Outlet A", None)
    assert by_id["a3"].snippet.startswith("Report 3 on sappers") and reads == ["a3"]
    os.remove(corpus.path_for("a5"))  # gone since the index was written: no hit
    assert "a5" not in _ids(index, "sappers")


def _forbid_writer(monkeypatch) -> None:
    """Fails the test if anything takes the writer lock or opens the index for writing."""

    def refuse(*args, **kwargs):
        raise AssertionError("the writer side ran on an unchanged corpus")

    monkeypatch.setattr(engine.WriterLock, "acquire", refuse)
    monkeypatch.setattr(engine, "open_checked", refuse)
    monkeypatch.setattr(engine, "Writer", refuse)


def test_a_launch_over_an_unchanged_folder_takes_no_lock_and_opens_no_writer(tmp_path, reads, monkeypatch):
    corpus = _write(tmp_path / "articles")
    SearchIndex(corpus.root, tmp_path / "index").update_from_folder()
    reads.clear()
    _forbid_writer(monkeypatch)
    index = SearchIndex(corpus.root, tmp_path / "index")
    report = index.update_from_folder()
    assert report.status == "unchanged" and report.documents == 6 and reads == []
    assert _ids(index, "zeta3") == {"a3"}


def test_articles_added_out_of_order_by_ingest_still_need_no_writer_next_launch(tmp_path, reads, monkeypatch):
    """`ingest` appends new ids to the manifest (a00 after a5): the check sorts it rather than rewrite."""
    corpus = _write(tmp_path / "articles")
    SearchIndex(corpus.root, tmp_path / "index").update_from_folder()
    late = make_article("a00", ["A late report on pontoons."], title="Late")
    corpus.save(late)
    SearchIndex(corpus.root, tmp_path / "index").add_articles([late], everything=lambda: corpus.load_all()[0])
    assert not SearchIndex(corpus.root, tmp_path / "index").update_from_folder().changed  # hashes a00 once
    _forbid_writer(monkeypatch)
    index = SearchIndex(corpus.root, tmp_path / "index")
    assert index.update_from_folder().documents == 7 and _ids(index, "pontoons") == {"a00"}


def test_an_index_file_damaged_in_place_is_still_found_and_rebuilt(tmp_path):
    corpus = _write(tmp_path / "articles")
    index_dir = tmp_path / "index"
    SearchIndex(corpus.root, index_dir).update_from_folder()
    generation = next(p for p in index_dir.iterdir() if p.is_dir())
    segment = max((p for p in generation.iterdir() if p.suffix == ".pst"), key=lambda p: p.stat().st_size)
    segment.write_bytes(bytes(segment.stat().st_size))  # zeroed, same size
    report = SearchIndex(corpus.root, index_dir).update_from_folder()
    assert report.rebuilt and report.documents == 6 and "unreadable" in (report.message or "")


def test_an_index_of_another_format_or_none_is_still_built(tmp_path, monkeypatch):
    corpus = _write(tmp_path / "articles")
    assert SearchIndex(corpus.root, tmp_path / "index").update_from_folder().status == "built"
    monkeypatch.setattr(engine, "SCHEMA_VERSION", engine.SCHEMA_VERSION + 1)
    assert SearchIndex(corpus.root, tmp_path / "index").update_from_folder().status == "built"
