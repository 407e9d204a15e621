"""A warm start (the catalog cached) shows the cached list at once, before the corpus folder is checked;
a file added or removed since then shows up once it is; opening one that vanished says so."""

from __future__ import annotations

import dataclasses
import threading

from ui_support import SIZE, async_test, settle

from tui.corpus.store import Corpus


class _HeldFolderCheck:
    """Reading the corpus folder (scandir) from a worker waits until released."""

    def __init__(self, monkeypatch) -> None:
        self.release = threading.Event()
        real = Corpus.scan

        def held(corpus):
            if threading.current_thread() is not threading.main_thread():
                self.release.wait(10)
            return real(corpus)

        monkeypatch.setattr(Corpus, "scan", held)


async def _listed_ids(app, pilot) -> set[str]:
    """The ids in the article list once the corpus's own listing (not the rows remembered from the last
    launch) is shown; empty if it never is."""
    for _ in range(200):
        await pilot.pause(0.01)
        if app.main.session.listed:
            return {e.article_id for e in app.main.article_list.entries}
    return set()


@async_test
async def test_a_warm_start_lists_from_the_cache_then_shows_what_changed_in_the_folder(
    make_app, seed_corpus, seed_articles, monkeypatch
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:  # the first launch fills the catalog cache
        await settle(app, pilot)
        await app.action_quit()
    cached_ids = {a.id for a in seed_articles}
    corpus = Corpus(seed_corpus)
    added = dataclasses.replace(seed_articles[0], id="zzz_added_since")
    corpus.save(added)
    removed = seed_articles[1].id
    corpus.path_for(removed).unlink()

    held = _HeldFolderCheck(monkeypatch)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert await _listed_ids(app, pilot) == cached_ids  # the folder is not read yet: the cache's list
        main = app.main
        shown = main.reader.article
        assert shown is not None and shown.id == seed_articles[0].id
        await main.open_article(removed)  # listed, but its file is gone
        await pilot.pause()
        assert any(f"no article with id {removed!r}" in n.message for n in app._notifications)
        assert main.reader.article is shown  # still reading the article shown before

        held.release.set()
        await settle(app, pilot)
        assert {e.article_id for e in main.article_list.entries} == cached_ids - {removed} | {added.id}
        assert main.reader.article is not None and main.reader.article.id == shown.id


@async_test
async def test_an_unchanged_folder_is_listed_once(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.action_quit()
    listings: list[int] = []
    from tui.screens.main import MainScreen

    real = MainScreen.on_catalog_loaded

    async def counting(screen, message):
        listings.append(len(message.summaries))
        await real(screen, message)

    monkeypatch.setattr(MainScreen, "on_catalog_loaded", counting)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert len(listings) == 1 and listings[0] == len(app.main.session.listed) > 0
