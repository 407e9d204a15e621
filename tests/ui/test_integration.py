"""The issue's "done when", on the real figure extractor, grouping and search engine: search a word,
open the best hit, jump from "1,000 sappers" to its sentence and see every outlet that reports it.
It fails, never skips, when search or figures break."""

from __future__ import annotations

import re

from ui_support import SIZE, async_test, settle

import tui.child_process
from tui.app import ReaderApp
from tui.screens.compare import AGREE, CompareScreen

SAPPERS = re.compile(r"\b1,?000 sappers\b")


@async_test
async def test_from_a_search_to_every_outlet_reporting_1000_sappers(seed_corpus, seed_articles, tmp_path, monkeypatch):
    monkeypatch.setattr(tui.child_process, "START", "process")  # as the reader runs: index and analysis in children
    reporting = {a.id for a in seed_articles if SAPPERS.search(a.text)}
    assert len(reporting) >= 2, "the cleaned seeds no longer state '1,000 sappers' twice"
    app = ReaderApp(seed_corpus, tmp_path / "index", tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"sappers")
        await settle(app, pilot)
        assert app.main.search.hits, "the search for 'sappers' found nothing"
        mentioning = {a.id for a in seed_articles if "sappers" in a.text.lower()}
        assert {e.article_id for e in app.main.article_list.entries} == mentioning
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.main.reader.article.id == app.main.search.hits[0].article_id
        panel = app.main.figures_panel
        index = next((i for i, f in enumerate(panel.figures) if f.value == 1000 and "sapper" in (f.counts or "")), None)
        assert index is not None, "the figure extractor does not find 1,000 sappers"
        await pilot.press("f")
        panel.highlighted = index
        await pilot.press("enter")
        await settle(app, pilot)
        figure = panel.figures[index]
        assert app.main.reader.sentence == (figure.sentence_start, figure.sentence_end)
        assert app.main.reader.is_offset_visible(figure.sentence_start)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        agreeing = {r.figure.article_id for r in app.screen.rows if r.mark == AGREE}
        assert agreeing == reporting
