"""Issue 17: what the user waits for. The open article's figures and search do not wait for the
corpus-wide analysis; an index from an earlier launch answers while it is updated; a big corpus's heap
is frozen once indexed."""

from __future__ import annotations

import gc
import threading

from ui_support import async_test, fake_analyse, settle

import tui.corpus.analysis_summary
import tui.reader_session
import tui.screens.main
import tui.search.engine
from tui.app import ReaderApp
from tui.search.engine import SearchIndex

WIDE = (140, 42)


def held_analysis(monkeypatch) -> threading.Event:
    """The corpus-wide analysis waits until the returned event is set."""
    release = threading.Event()

    def slow(articles, corpus_dir=None, workers=1):
        release.wait(30)
        return fake_analyse(articles)

    monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", slow)
    return release


async def wait_until(pilot, condition, seconds: float = 10) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


def prompts(app) -> list[str]:
    panel = app.main.figures_panel
    return [panel.get_option_at_index(i).prompt.plain for i in range(panel.option_count)]


@async_test
async def test_the_open_articles_figures_and_search_come_before_the_corpus_analysis(make_app, monkeypatch):
    release = held_analysis(monkeypatch)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        try:
            await wait_until(pilot, lambda: bool(app.query("#figures")) and app.main.figures_panel.figures)
            shown = prompts(app)
            assert shown and not any("Extracting" in p for p in shown)
            assert app.main.analysis is None  # still analysing
            # the analysis starts once the open article's figures are on screen, and says so
            await wait_until(pilot, lambda: "finding figures" in app.query_one("#status-text").content.plain)
            await wait_until(pilot, lambda: app.main.search.index is not None)
            await pilot.press("slash", *"sappers")
            await wait_until(pilot, lambda: bool(app.main.search.hits))
            assert app.main.analysis is None
        finally:
            release.set()
        await settle(app, pilot)
        assert app.main.analysis is not None
        assert "finding figures" not in app.query_one("#status-text").content.plain
        # the groups arrived: the same figures now say how many other reports carry them
        assert any("other report" in p for p in prompts(app))


@async_test
async def test_an_index_from_an_earlier_launch_answers_while_it_is_updated(seed_corpus, tmp_path, monkeypatch):
    from tui.corpus.store import Corpus

    monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", fake_analyse)
    articles, _ = Corpus(seed_corpus).load_all()
    index_dir = tmp_path / "index"
    SearchIndex(seed_corpus, index_dir).update(articles[:-1])  # the last article is new since then
    release, updating = threading.Event(), threading.Event()

    class SlowUpdate(SearchIndex):
        def update_from_folder(self, *args, **kwargs):  # what the reader's search process calls
            updating.set()
            release.wait(30)
            return super().update_from_folder(*args, **kwargs)

    monkeypatch.setattr(tui.search.engine, "SearchIndex", SlowUpdate)
    app = ReaderApp(seed_corpus, index_dir, tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        try:
            await wait_until(pilot, updating.is_set)
            await wait_until(pilot, lambda: app.main.search.index is not None)
            await pilot.press("slash", *"sappers")
            await wait_until(pilot, lambda: bool(app.main.search.hits))
            assert not release.is_set()
            assert {h.article_id for h in app.main.search.hits} <= {a.id for a in articles[:-1]}
        finally:
            release.set()
        await settle(app, pilot)
        assert "index" in app.query_one("#status-text").content.plain


@async_test
async def test_the_list_and_the_analysis_are_frozen_as_they_arrive_and_never_fully_collected(make_app, monkeypatch):
    """A full collection over a large heap holds every key: the collector pauses while the list and the
    analysis are built, what they built is frozen, and the collector is back on afterwards."""
    calls: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert app.main.analysis is not None and app.main.session.listed
        assert calls == ["freeze", "freeze"]  # the list, then the analysis
        assert gc.isenabled()


@async_test
async def test_a_failed_analysis_leaves_the_open_articles_figures_and_says_so(make_app, monkeypatch):
    def broken(articles, corpus_dir=None, workers=1):
        raise RuntimeError("the grouping broke")

    monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", broken)
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(app, pilot)
        assert app.main.figures_panel.figures  # extracted on their own
        assert not any("Extracting" in p for p in prompts(app))
        assert any("the grouping broke" in n.message for n in app._notifications)
        assert "finding figures" not in app.query_one("#status-text").content.plain


@async_test
async def test_search_answers_from_the_existing_index_while_a_cold_list_is_still_read(
    seed_corpus, tmp_path, monkeypatch
):
    """At 100,000 articles a cold list takes seconds: the index from an earlier launch answers meanwhile, its
    hits listed by the titles it stores; the list arriving keeps the search; the index is checked after it."""
    from tui.corpus.store import Corpus
    from tui.reader_session import ReaderSession

    monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", fake_analyse)
    articles, _ = Corpus(seed_corpus).load_all()
    index_dir = tmp_path / "index"
    SearchIndex(seed_corpus, index_dir).update(articles)
    release, updated = threading.Event(), threading.Event()
    listing = ReaderSession.load_listing

    def held_listing(self, *args, **kwargs):
        release.wait(30)
        return listing(self, *args, **kwargs)

    class WatchedUpdate(SearchIndex):
        def update_from_folder(self, *args, **kwargs):
            updated.set()
            return super().update_from_folder(*args, **kwargs)

    monkeypatch.setattr(ReaderSession, "load_listing", held_listing)
    monkeypatch.setattr(tui.search.engine, "SearchIndex", WatchedUpdate)
    app = ReaderApp(seed_corpus, index_dir, tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        try:
            await wait_until(pilot, lambda: app.main.search.index is not None)
            await pilot.press("slash", *"sappers")
            await wait_until(pilot, lambda: bool(app.main.search.hits))
            assert not app.main.session.listed and not updated.is_set()  # the list's cores are left to it
            titles = {a.id: a.title for a in articles}
            rows = app.main.article_list.entries
            assert len(rows) == len(app.main.search.hits)
            assert all(row.title == titles[row.article_id] for row in rows)
        finally:
            release.set()
        await settle(app, pilot)
        assert app.main.session.listed and updated.is_set()
        assert app.main.search.query_text == "sappers"
        assert [r.article_id for r in app.main.article_list.entries] == [h.article_id for h in app.main.search.hits]
