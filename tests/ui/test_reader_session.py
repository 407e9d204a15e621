"""The reader's session without the screen: the analysis summary keeps what the panel and the claims view
show, the search process answers only the newest of queries typed in a burst, and a child that dies is
reported instead of waited for."""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from ui_support import FakeIndex, fake_analyse, fake_figures

import tui.child_process
import tui.reader_session
import tui.search.engine
from tui.child_process import ChildFailed, call_in_child
from tui.corpus.analysis_summary import summarise
from tui.reader_session import ReaderSession
from tui.search_client import serve_search


def test_the_summary_keeps_shared_figures_groups_stories_and_claims(seed_articles):
    analysis = fake_analyse(seed_articles)
    summary = summarise(analysis)
    shared = [g for g in analysis.groups if len({m.article_id for m in g.members}) > 1]
    assert shared and set(summary.groups) >= {g.id for g in shared}
    alone = [g for g in analysis.groups if len({m.article_id for m in g.members}) == 1 and not g.discrepancy]
    assert alone and not set(summary.groups) & {g.id for g in alone}  # "only here" costs nothing
    for g in shared:
        for m in g.members:
            assert summary.group_of(m.article_id, m.start) == g.id
    for story in analysis.stories.stories():
        claims = [c for c in analysis.claims if c.story == story.id]
        assert summary.claim_counts.get(story.id, 0) == len(claims)
        assert (summary.claim_source.load(story.id) or []) == claims  # packed: this analysis is in no cache
        for article_id in story.article_ids:
            assert summary.stories.story_of(article_id) == story.id


def test_figures_extracted_before_the_analysis_get_their_groups_when_it_arrives(seed_corpus, monkeypatch):
    monkeypatch.setattr(tui.reader_session, "article_figures", fake_figures)
    session = ReaderSession(seed_corpus, None)
    session.use_listing(session.load_listing()[0])
    article = session.article(session.listed[0].id)
    figures = session.extract_figures(article)
    assert figures and all(f.group is None for f in figures)
    articles = [session.article(a.id) for a in session.listed]
    session.use_analysis(summarise(fake_analyse(articles)))
    assert any(f.group for f in session.figures(article.id) or [])


class CountingIndex(FakeIndex):
    searched: list[str] = []

    def search_results(self, query, limit=20, prefix_last=False, stop=None):
        type(self).searched.append(query)
        return super().search_results(query, limit, prefix_last, stop)

    def update(self, articles, progress=None, figures=None):
        return super().update(articles, progress, figures)


def test_a_burst_of_queries_is_answered_for_the_newest_only(seed_corpus, seed_articles, monkeypatch):
    monkeypatch.setattr(tui.search.engine, "SearchIndex", CountingIndex)
    CountingIndex.articles, CountingIndex.searched = list(seed_articles), []
    ours, theirs = multiprocessing.Pipe()
    for serial, query in enumerate(["s", "sa", "sap", "sappers"], 1):  # all waiting before the child reads
        ours.send(("search", serial, query, 100, True))
    threading.Thread(target=serve_search, args=(theirs, seed_corpus, None, seed_articles), daemon=True).start()
    answers = {}
    while len(answers) < 4:
        message = ours.recv()
        if message[0] == "answer":
            answers[message[1]] = message[2]
    ours.close()
    assert answers == {1: "superseded", 2: "superseded", 3: "superseded", 4: "ok"}
    assert CountingIndex.searched == ["sappers"]  # the stale prefixes were never searched


def test_a_query_overtaken_while_it_is_answered_stops_there(seed_corpus, seed_articles, tmp_path):
    """The real index, asked through the search process's handler: a newer query that arrives while the hits
    are being built stops the answer (superseded); none arriving, the answer is the index's own."""
    from tui.search.engine import SearchIndex as RealIndex
    from tui.search_client import _handle

    index = RealIndex(seed_corpus, tmp_path / "index")
    index.update(seed_articles)
    request = ("search", 1, "the", 100, True)
    calls = []

    def newer_after_ranking() -> bool:
        calls.append(1)
        return True

    assert _handle(index, request, {}, newer_after_ranking) == ("answer", 1, "superseded", "")
    assert len(calls) == 1  # asked once, before the first stored fields were read
    _kind, _serial, status, (hits, total, _query) = _handle(index, request, {}, lambda: False)
    assert status == "ok" and hits and total == index.search_results("the", limit=100, prefix_last=True).total


def test_a_cold_listing_of_an_analysed_corpus_gets_its_counts_from_the_analysis(seed_corpus, tmp_path, monkeypatch):
    """The analysis is fresh but the article list's cache is gone: the list is read cold (no counts), and
    the reader's analysis puts the counts back in the list's cache, so the next launch lists them."""
    import shutil

    from tui.corpus.analysis_summary import summarise_corpus
    from tui.corpus.store import Corpus

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "analysed"
    shutil.copytree(seed_corpus, folder)
    first = ReaderSession(folder, None)
    first.load_listing()  # the list's cache written
    summarise_corpus(folder)  # analysed and stored, counts cached
    Corpus(folder).catalog_path.unlink()
    session = ReaderSession(folder, None)
    session.use_listing(session.load_listing()[0])
    assert all(s.n_figures is None for s in session.listed)  # a cold listing reads headers only
    session.use_analysis(session.analyse())
    again = ReaderSession(folder, None)
    again.use_listing(again.load_listing()[0])
    assert all(s.n_figures is not None and s.n_words for s in again.listed)


def _raise() -> None:
    raise ValueError("bad corpus")


def test_a_failing_child_reports_its_error(monkeypatch):
    monkeypatch.setattr(tui.child_process, "START", "process")
    with pytest.raises(ChildFailed, match="ValueError: bad corpus"):
        call_in_child(_raise)


def test_the_analysis_child_analyses_a_corpus_big_enough_for_several_cores(seed_corpus, tmp_path, monkeypatch):
    """The reader's analysis runs in a child process, which may not start a pool of its own (a daemonic
    process has no children; a pool's workers would outlive a reader that quits): a corpus past the size
    where the CLI analyses on every core still comes back whole."""
    import dataclasses

    from tui.corpus.analysis_summary import summarise_corpus
    from tui.corpus.store import Corpus
    from tui.corpus.story_analysis import PARALLEL_FROM

    monkeypatch.setattr(tui.child_process, "START", "process")
    source, _problems = Corpus(seed_corpus).load_all()
    corpus = Corpus(tmp_path / "articles")
    for n in range(PARALLEL_FROM // len(source) + 1):
        for article in source:
            corpus.save(dataclasses.replace(article, id=f"{article.id}-{n}"))
    summary = call_in_child(summarise_corpus, tmp_path / "articles")
    placed = {a for story in summary.stories.stories() for a in story.article_ids}
    assert len(placed) >= PARALLEL_FROM
    assert summary.claim_counts
    story_id = next(iter(summary.claim_counts))
    claims = summary.claim_source.load(story_id)  # from the analysis cache the child wrote
    assert claims and len(claims) == summary.claim_counts[story_id]


def test_the_collector_stays_paused_until_the_last_builder_is_done_even_after_an_error():
    from tui.child_process import collector_paused

    assert gc.isenabled()
    with collector_paused():
        try:
            with collector_paused():
                raise ValueError("a broken catalog")
        except ValueError:
            pass
        assert not gc.isenabled()  # the outer build still runs
    assert gc.isenabled()


def test_a_storys_claims_are_found_again_when_the_analysis_cache_files_were_replaced(tmp_path):
    """The summary names the cache's parts file; a full re-analysis elsewhere (the CLI after an ingest)
    deletes it: the claims view still gets every claim, found again in a child."""
    from claims_fixtures import FLOOD, articles

    from tui.corpus.analysis_cache import cache_folder
    from tui.corpus.analysis_summary import summarise_corpus
    from tui.corpus.store import Corpus

    folder = tmp_path / "floods"
    corpus = Corpus(folder)
    for article in articles(FLOOD):
        corpus.save(article)
    session = ReaderSession(folder, None)
    session.use_analysis(call_in_child(summarise_corpus, folder))
    summary = session.analysis
    story_id = next(iter(summary.claim_counts))
    read = summary.claim_source.load(story_id)
    assert read and not summary.claim_source.packed
    for parts in cache_folder(folder).glob("parts-*"):
        parts.unlink()
    assert summary.claim_source.load(story_id) is None
    again = session.story_claims(story_id)
    assert [c.id for c in again] == [c.id for c in read] and [c.values for c in again] == [c.values for c in read]


@dataclass(frozen=True)
class _Big:
    counts: dict[str, int]
    names: list[str]
    note: str = "kept"


def _big_result(n: int) -> _Big:
    return _Big({f"article-{i}": i for i in range(n)}, ["a", "b"])


def _pair() -> tuple[str, int]:
    return ("text", 3)


def test_a_big_result_comes_whole_in_pieces_the_reader_can_run_between(monkeypatch):
    """The analysis summary of a big corpus: a dict of many items comes a few thousand at a time (the reader's
    event loop runs between pieces instead of waiting out one long unpickling), and arrives equal."""
    monkeypatch.setattr(tui.child_process, "START", "process")
    n = 3 * tui.child_process.PIECE + 5
    assert call_in_child(_big_result, n) == _big_result(n)
    assert call_in_child(_pair) == ("text", 3)  # not a plain object: one piece, as before
    monkeypatch.setattr(tui.child_process, "START", "thread")
    received = []
    real = tui.child_process.Child.receive
    monkeypatch.setattr(tui.child_process.Child, "receive", lambda self: received.append(real(self)) or received[-1])
    assert call_in_child(_big_result, n) == _big_result(n)
    assert [m[0] for m in received].count("piece") == 4


def test_a_long_result_list_comes_with_the_first_screenful_detailed_the_rest_when_shown(seed_articles, monkeypatch):
    """Working out a hit's snippet reads its article: of 50 hits, the answer details the first screenful and a
    later hit's snippet is asked for when its row is drawn; a short list comes whole (the status counts its
    matches)."""
    from tui.search_client import DETAILED, SCREENFUL, SearchClient

    many = [dataclasses.replace(a, id=f"{a.id}-{n}") for n in range(60) for a in seed_articles[:1]]
    monkeypatch.setattr(tui.search.engine, "SearchIndex", FakeIndex)
    monkeypatch.setattr(FakeIndex, "articles", many)
    monkeypatch.setattr(tui.child_process, "START", "thread")
    word = next(w for w in many[0].text.split() if w.isalpha() and len(w) > 4)
    client = SearchClient(Path("."), None, many, lambda *event: None)
    client.start()
    try:
        hits = client.search_results(word, limit=50).hits
        assert len(hits) == 50 > DETAILED
        assert all(h._details is not None for h in hits[:SCREENFUL]) and all(
            h._details is None for h in hits[SCREENFUL:]
        )
        assert word.lower() in hits[30].snippet.lower()  # asked for now
        few = client.search_results(word, limit=DETAILED).hits
        assert all(h._details is not None for h in few)
    finally:
        client.close()
