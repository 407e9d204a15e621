"""The screen remembered from the last launch: drawn in the next launch's first frame, before the corpus is
read, only while the article's file is unchanged; the corpus's own list, article and figures replace it."""

from __future__ import annotations

import json
import threading

from ui_support import SIZE, async_test, settle

import tui.reader_session
from tui.corpus.store import Corpus


async def _first_launch(make_app, open_second: bool = True) -> tuple[str, list[str]]:
    """Launch, open the second article, wait for its figures, quit: (its id, its figure prompts' first lines)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        if open_second:
            await pilot.press("down", "enter")
            await settle(app, pilot)
        panel = app.main.figures_panel
        prompts = [str(panel.get_option_at_index(i).prompt).split("\n")[0] for i in range(panel.option_count)]
        article_id = app.main.reader.article.id
        await app.action_quit()
    return article_id, prompts


class _HeldListing:
    """The corpus listing, the cached one too, waits until released: what a test sees meanwhile is the
    remembered screen."""

    def __init__(self, monkeypatch) -> None:
        self.release = threading.Event()
        session_class = tui.reader_session.ReaderSession
        real_cached, real = session_class.cached_listing, session_class.load_listing

        def held_cached(session):
            self.release.wait(10)
            return real_cached(session)

        def held(session, progress=None, since=None):
            self.release.wait(10)
            return real(session, progress, since)

        monkeypatch.setattr(session_class, "cached_listing", held_cached)
        monkeypatch.setattr(session_class, "load_listing", held)


@async_test
async def test_the_next_launch_shows_the_last_article_its_figures_and_the_list_before_reading_the_corpus(
    make_app, seed_corpus, monkeypatch
):
    article_id, prompts = await _first_launch(make_app)
    assert prompts and "Extracting" not in prompts[0]
    held = _HeldListing(monkeypatch)
    article = Corpus(seed_corpus).load(article_id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.main
        assert main.session.listed == []  # the corpus has not been read yet
        reader = main.reader
        remembered = str(reader.query_one("#remembered-text").content)
        assert remembered == "\n\n".join(p.text for p in article.paragraphs)
        assert main.article_list.highlighted.article_id == article_id
        assert main.article_list.highlighted.title == article.title
        shown = main.figures_panel
        assert [str(shown.get_option_at_index(i).prompt).split("\n")[0] for i in range(shown.option_count)] == prompts
        underlined = [s for s in reader.query_one("#remembered-text").content.spans if "underline" in str(s.style)]
        assert len(underlined) == len(prompts)  # its figures marked in the text too
        held.release.set()
        await settle(app, pilot)
        assert reader.article.id == article_id and main.session.listed
        assert [str(p.content) for p in reader.paragraphs] == [p.text for p in article.paragraphs]
        assert not reader.query("#remembered-text")  # replaced by the article read from its file
        assert main.figures_panel.figures  # its own figures now (they can be chosen and compared)


@async_test
async def test_a_changed_article_file_is_not_drawn_from_memory(make_app, seed_corpus, monkeypatch):
    article_id, _prompts = await _first_launch(make_app)
    path = seed_corpus / f"{article_id}.yaml"
    path.write_text(path.read_text().replace("title:", "title: Changed", 1))
    held = _HeldListing(monkeypatch)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.main.reader.query("#remembered-text")  # nothing remembered is shown for a changed file
        assert len(app.main.article_list.entries) == 0
        held.release.set()
        await settle(app, pilot)
        assert app.main.reader.article.id == article_id


@async_test
async def test_a_damaged_or_hostile_remembered_screen_is_ignored(make_app, tmp_path, monkeypatch):
    await _first_launch(make_app)
    state_path = tmp_path / "state.json"
    good = json.loads(state_path.read_text())
    damaged = [
        {**good["screen"], "article": {**good["screen"]["article"], "id": "../../etc/passwd"}},
        {**good["screen"], "figures": "not a list"},
        {**good["screen"], "rows": [[-1, "x", "t", "o", "", 1]]},
        {**good["screen"], "article": {**good["screen"]["article"], "paragraphs": [[7, False]]}},
        "not a screen",
    ]
    for screen in damaged:
        state_path.write_text(json.dumps({**good, "screen": screen}))
        held = _HeldListing(monkeypatch)
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not app.main.reader.query("#remembered-text")
            held.release.set()
            await settle(app, pilot)
            assert app.main.reader.article is not None  # the corpus's own screen, as on a first launch


@async_test
async def test_the_first_frame_already_has_the_remembered_theme_and_hidden_panels(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.theme = "nord"
        await pilot.press("f3")  # the figures panel hidden
        await settle(app, pilot)
        await app.action_quit()
    held = _HeldListing(monkeypatch)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.main.session.listed == []
        assert app.theme == "nord"
        assert not app.main.query_one("#figures").display
        held.release.set()
        await settle(app, pilot)
        assert app.theme == "nord" and not app.main.query_one("#figures").display


def test_a_remembered_figure_row_keeps_every_style_the_figures_panel_gives(seed_articles):
    """The remembered rows keep only known styles (a state file is untrusted): they must be all those used."""
    from dataclasses import replace

    from ui_support import fake_figures

    from tui.corpus.analysis_summary import GroupFacts
    from tui.screens.first_screen import PROMPT_STYLES
    from tui.widgets.figures_panel import figure_prompt

    figure = next(f for a in seed_articles for f in fake_figures(a))
    figure = replace(figure, qualifier="about", vague=True, attribution="officials")
    others = frozenset({figure.article_id, "other"})
    used = set()
    for relation in (None, "disagree", "update", "sum"):
        group = GroupFacts("g", others, "another report differs", "c", relation)
        used |= {str(span.style) for span in figure_prompt(figure, group).spans}
    assert used <= PROMPT_STYLES


@async_test
async def test_the_remembered_text_and_figures_wrap_where_the_read_ones_do(make_app, monkeypatch):
    """No jump when the article read from its file replaces the remembered one: the first frame (drawn
    before any scrollbar is laid out) wraps the text and the figures at the widths the read ones get."""
    await _first_launch(make_app)
    held = _HeldListing(monkeypatch)
    app = make_app()
    first_frame = {}
    real_display = type(app)._display

    def display(self, screen, renderable):
        real_display(self, screen, renderable)
        if renderable is not None and not first_frame:
            main = self.main
            first_frame["text"] = main.reader.query_one("#remembered-text").content_region
            first_frame["figures"] = main.query_one("#figures-pending").content_region

    monkeypatch.setattr(type(app), "_display", display)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        held.release.set()
        await settle(app, pilot)
        paragraph = app.main.reader.paragraphs[0].content_region
        assert (first_frame["text"].x, first_frame["text"].width) == (paragraph.x, paragraph.width)
        panel = app.main.figures_panel.scrollable_content_region  # options: a column of padding either side
        assert (first_frame["figures"].x, first_frame["figures"].width) == (panel.x + 1, panel.width - 2)


@async_test
async def test_what_arrives_while_quitting_does_not_overwrite_the_state_saved_on_quit(make_app, tmp_path):
    """A message handled after `q` (the analysis arriving, say) finds the panes already detached: saving
    then would remember both panels as hidden."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.action_quit()
    app.main.save_state(now=True)  # as on_figures_ready does when the analysis lands during shutdown
    saved = json.loads((tmp_path / "state.json").read_text())
    assert saved["hidden"] == []
