"""While an ingest adds to the search index (in its own process or in the ingest's), a reader searches the
index as it was: its update defers to the writer instead of waiting, its results are the committed ones,
and once the ingest has finished the same reader finds the new articles. A killed ingest leaves no index
writer behind and the index as it was."""

from __future__ import annotations

import time

import pytest
from test_search_support import make_article

from tui.search import adding_process
from tui.search.adding_process import AddingProcess
from tui.search.documents import index_parts
from tui.search.engine import SearchIndex
from tui.search.lock import WriterLock


def _reports(start: int, count: int, word: str) -> list:
    return [
        make_article(f"r{i:03d}", [f"Crews repaired {word} near the river (report {i}).", "Work went on all week."])
        for i in range(start, start + count)
    ]


def _writer_busy(index_dir) -> bool:
    probe = WriterLock(index_dir)
    if probe.acquire(timeout=0.0):
        probe.release()
        return False
    return True


@pytest.mark.parametrize("where", ["ingest's process", "own process"])
def test_a_reader_searches_the_committed_index_while_an_ingest_adds_to_it(tmp_path, monkeypatch, where):
    corpus, index_dir = tmp_path / "articles", tmp_path / "index"
    old = _reports(0, 20, "bridges")
    SearchIndex(corpus, index_dir).update(old)
    new = _reports(100, 15, "bridges and ferries")

    monkeypatch.setattr(adding_process, "BATCH", 1)  # each article sent at once: the writer is busy now
    if where == "own process":
        session = AddingProcess(corpus)
    else:
        writer_index = SearchIndex(corpus, index_dir)
        session = writer_index.adding()
    try:
        for article in new:
            session.add(article, index_parts(article))
        deadline = time.monotonic() + 60
        while not _writer_busy(index_dir) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _writer_busy(index_dir)

        reader = SearchIndex(corpus, index_dir)
        started = time.monotonic()
        report = reader.update(old + new)  # what the reader does before searching
        assert report.deferred and time.monotonic() - started < 5  # never waits for the ingest
        assert sorted(h.article_id for h in reader.search("bridges", limit=100)) == [a.id for a in old]
        assert reader.search("ferries") == []

        finished = session.finish(False) if where == "own process" else session.finish(list)
        assert (finished.status, finished.added) == ("updated", 15)
        found = sorted(h.article_id for h in reader.search("bridges", limit=100))
        assert found == sorted(a.id for a in old + new)
        assert len(reader.search("ferries", limit=100)) == 15
        reader.close()
    finally:
        session.cancel()
        if where != "own process":
            writer_index.close()


def test_a_cancelled_index_process_leaves_the_index_as_it_was_and_lets_go_of_it(tmp_path, monkeypatch):
    corpus, index_dir = tmp_path / "articles", tmp_path / "index"
    SearchIndex(corpus, index_dir).update(_reports(0, 10, "bridges"))
    monkeypatch.setattr(adding_process, "BATCH", 1)
    session = AddingProcess(corpus)
    for article in _reports(50, 5, "ferries"):
        session.add(article, index_parts(article))
    session.cancel()
    assert not _writer_busy(index_dir)
    reader = SearchIndex(corpus, index_dir)
    assert reader.document_count() == 10 and reader.search("ferries") == []
    reader.close()


def test_a_reader_that_searched_before_an_update_never_sees_a_replaced_report_twice(tmp_path):
    """Whoosh's searcher refresh reused the old segments beside the merged one: after every report was
    updated (new extractor, edited text) a reader that had searched before found each report twice."""
    corpus, index_dir = tmp_path / "articles", tmp_path / "index"
    first = _reports(0, 6, "bridges")
    SearchIndex(corpus, index_dir).update(first)
    reader = SearchIndex(corpus, index_dir)
    reader.update(first)  # up to date already: it only opens the index
    assert len(reader.search("bridges", limit=100)) == 6
    for round_ in range(2):  # a first update adds a segment; the next one merges them
        edited = [
            make_article(a.id, [f"Crews repaired bridges again (edit {round_}).", "Work went on."]) for a in first
        ]
        SearchIndex(corpus, index_dir).update(edited)
        found = [h.article_id for h in reader.search("bridges", limit=100)]
        assert sorted(found) == [a.id for a in first]
