"""A cold corpus lists from its files' headers: the list says a figure count is not known yet ("…"), never 0,
and fills it in when the article is opened or the corpus analysis arrives."""

from __future__ import annotations

from ui_support import SIZE, async_test, fake_analyse, fake_figures, settle

from tui.corpus.analysis_summary import summarise
from tui.messages import FiguresReady
from tui.screens.main import MainScreen


def first_row_lines(article_list) -> list[str]:
    """The first line (outlet · date · figures) of each row in view."""
    rows = min(len(article_list.entries), article_list.scrollable_content_region.height // article_list.row_height)
    return [article_list.render_line(i * article_list.row_height).text for i in range(rows)]


@async_test
async def test_unknown_counts_show_as_unknown_until_the_analysis_counts_them(make_app, seed_articles, monkeypatch):
    monkeypatch.setattr(MainScreen, "_start_children", lambda self: None)  # no analysis: counts stay unknown
    monkeypatch.setattr(MainScreen, "_start_search_early", lambda self: None)  # nor an index waiting to update
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        lines = first_row_lines(app.main.article_list)
        assert len(lines) >= 3
        opened = len(fake_figures(seed_articles[0]))  # the open article's figures are extracted: its count is known
        assert f"{opened} figures" in lines[0]
        assert all("… figures" in line for line in lines[1:])
        assert not any(" 0 figures" in line for line in lines)

        app.main.post_message(FiguresReady(summarise(fake_analyse(seed_articles), seed_articles)))
        await settle(app, pilot)
        lines = first_row_lines(app.main.article_list)
        expected = [len(fake_figures(a)) for a in seed_articles[: len(lines)]]
        assert [f"{n} figure" in line for n, line in zip(expected, lines, strict=True)] == [True] * len(lines)
        assert not any("…" in line.split("·")[-1] for line in lines)
