"""Search as you type: every key sends its query at once, and an answer to a query typed over never
replaces the newer query's results, however late it arrives."""

from __future__ import annotations

import threading

from ui_support import SIZE, FakeIndex, async_test, settle

import tui.search.engine
import tui.search_client


class SlowFirstIndex(FakeIndex):
    """The first query's answer waits until the test releases it (a slow query overtaken by typing)."""

    release = threading.Event()
    first: str | None = None

    def document_count(self) -> int:
        return len(self.articles)

    def search_results(self, query, limit=20, prefix_last=False, stop=None):
        if query == type(self).first:
            type(self).release.wait(10)
        return super().search_results(query, limit, prefix_last)


@async_test
async def test_a_late_answer_to_an_older_query_never_replaces_the_newer_results(make_app, monkeypatch, seed_articles):
    monkeypatch.setattr(tui.search.engine, "SearchIndex", SlowFirstIndex)
    SlowFirstIndex.articles = list(seed_articles)
    SlowFirstIndex.release = threading.Event()
    SlowFirstIndex.first = "korea"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.main
        shown: list[str] = []
        real = main.results_changed

        def recording(message):
            shown.append(message.query)
            real(message)

        main.results_changed = recording  # type: ignore[method-assign]
        await pilot.press("slash", *"korea")  # its answer is held back
        await pilot.pause()
        await pilot.press(*" sappers")  # typed on: a newer query
        await pilot.pause(0.3)
        SlowFirstIndex.release.set()  # the old answer arrives last
        await settle(app, pilot)
        assert main.search.hits_query == "korea sappers"
        assert "korea" not in shown  # never shown, not even for a frame
        expected = {h.article_id for h in SlowFirstIndex(main.corpus_dir).search("korea sappers", 300)}
        assert {h.article_id for h in main.search.hits} == expected


class CountingIndex(FakeIndex):
    searched: list[str] = []

    def document_count(self) -> int:
        return len(self.articles)

    def search_results(self, query, limit=20, prefix_last=False, stop=None):
        type(self).searched.append(query)
        return super().search_results(query, limit, prefix_last)


@async_test
async def test_keys_typed_in_one_burst_search_the_last_text_only(make_app, monkeypatch, seed_articles):
    """A paste or fast typing: no search per key for the search process to work through first (a newer key
    cancels the worker of the older before it asks)."""
    from textual import events

    monkeypatch.setattr(tui.search.engine, "SearchIndex", CountingIndex)
    CountingIndex.articles, CountingIndex.searched = list(seed_articles), []
    sent: list[str] = []
    real_ask = tui.search_client.SearchClient.search_results

    def asking(client, query, *args, **kwargs):
        sent.append(query)
        return real_ask(client, query, *args, **kwargs)

    monkeypatch.setattr(tui.search_client.SearchClient, "search_results", asking)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await settle(app, pilot)
        for char in "sappers":  # all queued before the app handles the first
            app.post_message(events.Key(char, char))
        await settle(app, pilot)
        assert app.main.search.hits_query == "sappers" and app.main.search.hits
        assert sent == ["sappers"]  # asked of the search process once, not once per key
