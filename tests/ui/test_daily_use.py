"""Issue 16: the reader for daily use. Citations and sources out (o, y, e), keys that never trap
you (Esc then q; a key map), settings that stick (theme, hidden panels), 80x24 that works, and the
small wrongs seen on screen."""

from __future__ import annotations

import csv
import io

from textual.widgets import Input
from ui_support import SIZE, async_test, fake_analyse, settle

from tui.corpus.figures import Figure
from tui.corpus.store import Corpus
from tui.export import render
from tui.formatting import figure_label, site_of
from tui.screens.compare import sentence_content
from tui.screens.help import help_text

NARROW = (80, 24)


def screen_lines(app) -> list[str]:
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return ["".join(strip.text for strip in line) for line in update.strips]


def a_figure(**changes) -> Figure:
    values = dict(
        article_id="a",
        value=800.0,
        kind="money",
        counts=None,
        unit="USD",
        per="month",
        qualifier=None,
        vague=False,
        surface="$800 a month",
        start=10,
        end=22,
        sentence="They are paid $800 a month.",
        sentence_start=0,
        sentence_end=27,
        sentence_index=0,
        attribution=None,
    )
    values.update(changes)
    return Figure(**values)  # type: ignore[arg-type]


@async_test
async def test_o_asks_the_system_to_open_the_reports_url(make_app, seed_articles):
    with_url = next(a for a in seed_articles if a.url)
    opened: list[str] = []
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        app.open_url = lambda url, new_tab=True: opened.append(url)  # type: ignore[method-assign]
        await app.main.open_article(with_url.id)
        await pilot.press("o")
        assert opened == [with_url.url]
        without = next((a for a in seed_articles if not a.url), None)
        if without is not None:
            await app.main.open_article(without.id)
            await pilot.press("o")
            assert opened == [with_url.url]
            assert any("no web address" in n.message for n in app._notifications)


@async_test
async def test_y_copies_a_citation_of_the_highlighted_figure(make_app, seed_articles):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        article = seed_articles[0]
        await pilot.press("f")
        figure = app.main.figures_panel.highlighted_figure
        await pilot.press("y")
        copied = app.clipboard
        sentence = " ".join(article.text[figure.sentence_start : figure.sentence_end].split())
        assert copied.startswith(f"“{sentence}”")
        assert article.outlet_label in copied and article.title in copied
        assert (article.url or "undated") in copied
        assert any(n.message.startswith("Copied: “") for n in app._notifications)


@async_test
async def test_an_export_lands_where_the_notice_says_in_the_format_of_its_extension(make_app, tmp_path, seed_articles):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        for name in ("figures.md", "figures.csv"):
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one(Input).value = str(tmp_path / name)
            await pilot.press("enter")
            await settle(app, pilot)  # written by a worker
            assert any("Exported" in n.message and str(tmp_path / name) in n.message for n in app._notifications)
        count = sum(len(v) for v in fake_analyse(seed_articles).figures.values())
    md = (tmp_path / "figures.md").read_text(encoding="utf-8").splitlines()
    assert md[0].startswith("| outlet | headline | date | url |") and len(md) == count + 2
    rows = list(csv.reader(io.StringIO((tmp_path / "figures.csv").read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["outlet", "headline", "date", "url"] and len(rows) == count + 1


def test_md_and_csv_exports_keep_cell_text_inert(seed_articles):
    article = seed_articles[0]
    article.title = "<img src=x onerror=alert(1)> ![](http://tracker) [click](javascript:alert(1)) a|b"
    article.outlet = '=HYPERLINK("http://evil")'
    figure = a_figure(article_id=article.id, sentence="x")
    md = render("md", [figure], [], {article.id: article})
    assert "<img" not in md and "](" not in md and "![" not in md
    assert "&lt;img" in md and "a\\|b" in md
    rows = list(csv.reader(io.StringIO(render("csv", [figure], [], {article.id: article}))))
    assert rows[1][0].startswith("'=")


@async_test
async def test_theme_and_hidden_panels_survive_a_restart(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.theme = "nord"
        await pilot.press("f3")
        await pilot.pause()
        assert not app.main.figures_panel.display
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert again.theme == "nord"
        assert not again.main.figures_panel.display and again.main.article_list.display


@async_test
async def test_a_remapped_key_works_after_restart(make_app, tmp_path, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    (config / "kursk-reader").mkdir(parents=True)
    (config / "kursk-reader" / "keymap.toml").write_text('"app.figures" = "g"\n"app.quit" = "ctrl+q"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("g")
        assert app.focused is app.main.figures_panel
        await pilot.press("q")  # q is no longer Quit
        await pilot.pause()
        assert app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert str(config / "kursk-reader" / "keymap.toml") in help_text()  # help says where the file is


@async_test
async def test_80x24_header_takes_two_lines_list_rows_lead_with_the_outlet_footer_keeps_quit_and_help(
    make_app, seed_articles
):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        header = app.main.query_one("#article-header")
        assert header.content_region.height <= 2
        lines = screen_lines(app)
        assert "Quit" in lines[-1] and "Help" in lines[-1]
        first = seed_articles[0]
        assert any(line.startswith(f"│▌{first.outlet_label}") for line in lines)
        with_url = next(a for a in seed_articles if a.url)
        await app.main.open_article(with_url.id)
        await pilot.pause()
        assert site_of(with_url.url) in "\n".join(screen_lines(app))
        assert with_url.url not in "\n".join(screen_lines(app))


def test_a_rate_the_surface_already_states_is_not_repeated():
    assert figure_label(a_figure()) == "$800 a month"
    assert figure_label(a_figure(surface="$800")) == "$800 per month"


def test_the_comparison_does_not_double_a_sentences_own_quote_marks():
    quoted = a_figure(sentence="“Chairman Kim sent 1,000 sappers.”", surface="1,000", start=19, end=24)
    assert sentence_content(quoted).plain == "“Chairman Kim sent 1,000 sappers.”"
    plain = a_figure(sentence="Kim sent 1,000 sappers.", surface="1,000", start=9, end=14)
    assert sentence_content(plain).plain == "“Kim sent 1,000 sappers.”"


def test_help_explains_every_comparison_mark():
    text = help_text()
    assert "`=`" in text and "`≠`" in text and "`~`" in text


@async_test
async def test_the_palette_opens_on_the_apps_commands_not_on_figure_jumps(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        shown = "\n".join(screen_lines(app))
        assert "Export figures" in shown and "Jump to figure" not in shown


@async_test
async def test_a_published_search_on_an_undated_corpus_says_why_nothing_matches(make_app, seed_corpus):
    articles, _ = Corpus(seed_corpus).load_all()
    assert not any(a.published for a in articles)  # the seed corpus states no dates
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"published:2025")
        await settle(app, pilot)
        status = app.main.query_one("#search-status").content.plain
        assert "no article here states its publication date" in status
