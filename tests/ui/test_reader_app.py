"""Pilot tests: every interaction of the reader, asserted on state and messages a user would notice."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Input
from ui_support import SIZE, async_test, fake_analyse, settle

from tui.corpus.model import Article, Paragraph, Span
from tui.corpus.sentences import split_sentences
from tui.corpus.store import Corpus
from tui.messages import IndexProgress, IndexReady
from tui.screens.compare import AGREE, CompareScreen
from tui.screens.help import HelpScreen
from tui.widgets.reader import CURRENT_MATCH_STYLE, MATCH_STYLE, SENTENCE_STYLE
from tui.widgets.search_bar import SearchBar


def words_in(article: Article) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", article.text)}


def discriminating_word(articles: list[Article]) -> str:
    """A word some but not all articles contain (so a search must narrow the list)."""
    for word in ("sappers", "zelensky", "memorials", "tass", "pyongyang", "kursk"):
        having = [a for a in articles if word in words_in(a)]
        if 0 < len(having) < len(articles):
            return word
    raise AssertionError("no word in the seed corpus splits the articles: the search tests need one")


def sentence_styles(app, start: int) -> list[str]:
    view = app.main.reader.paragraph_at(start)
    return [span.style for span in view.content.spans]


@async_test
async def test_opens_with_every_article_listed_and_the_first_one_read(make_app, seed_articles):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        listed = [e.article_id for e in app.main.article_list.entries]
        assert listed == [a.id for a in seed_articles]
        assert app.main.reader.article.id == seed_articles[0].id
        assert len(app.main.reader.paragraphs) == len(seed_articles[0].paragraphs)
        counts = app.main.article_list.figure_counts  # filled in once the figures are extracted
        assert counts is not None and sum(counts.values()) > 0
        assert app.main.figures_panel.figures  # the first seed states figures


@async_test
async def test_index_is_built_in_the_background_with_progress(make_app, seed_articles):
    seen = []
    app = make_app()
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await settle(app, pilot)
    progress = [m for m in seen if isinstance(m, IndexProgress)]
    assert progress and progress[-1].done == progress[-1].total == len(seed_articles)
    assert any(isinstance(m, IndexReady) and m.index is not None for m in seen)


@async_test
async def test_markup_like_text_appears_exactly_as_written(make_app, seed_articles):
    article = next((a for a in seed_articles if "[combat engineers]" in a.text), None)
    assert article is not None, "the cleaned seed no longer contains '[combat engineers]'"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.main.open_article(article.id)
        offset = article.text.index("[combat engineers]")
        app.main.reader.scroll_to_offset(offset, offset + 18)
        await pilot.pause()
        assert "[combat engineers]" in app.main.reader.paragraph_at(offset).content.plain
        assert "[combat&#160;engineers]" in app.export_screenshot()


@async_test
async def test_hostile_text_is_neither_markup_nor_escape_sequences(make_app, seed_corpus):
    text = "Plain [bold red]not bold[/] and \x1b[31mred\x1b[0m and [link=http://x]a link[/link] end."
    hostile = Article(
        id="900_hostile",
        title="[blink]Title[/blink] \x1b]0;pwned\x07",
        title_derived=False,
        outlet="[i]Outlet[/i]",
        url=None,
        author=None,
        published=None,
        raw_file="",
        raw_sha256="",
        paragraphs=[Paragraph(text)],
        sentences=[Span(s, e) for s, e in split_sentences(text)],
    )
    Corpus(seed_corpus).save(hostile)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.main.open_article(hostile.id)
        await pilot.pause()
        shown = app.main.reader.paragraphs[0].content.plain
        assert "[bold red]not bold[/]" in shown and "[link=http://x]a link[/link]" in shown
        assert "\x1b" not in shown and "\\x1b[31m" in shown
        entry = next(e for e in app.main.article_list.entries if e.article_id == hostile.id)
        assert entry.title.startswith("[blink]Title[/blink]") and "\x1b" not in entry.title
        assert "\x1b" not in app.export_screenshot()


@async_test
async def test_enter_on_a_figure_centres_its_sentence_and_highlights_it(make_app, seed_articles):
    article = max(seed_articles, key=lambda a: len(a.text))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.main.open_article(article.id)
        await pilot.press("f")
        assert app.focused is app.main.figures_panel
        panel, reader = app.main.figures_panel, app.main.reader
        far = max(range(len(panel.figures)), key=lambda i: panel.figures[i].start)
        middle = next((i for i, f in enumerate(panel.figures) if f.start > len(article.text) // 3), far)
        for index in (far, middle):  # the far one cannot be centred (end of text), the middle one can
            panel.highlighted = index
            await pilot.press("enter")
            await settle(app, pilot)
            figure = panel.figures[index]
            assert reader.sentence == (figure.sentence_start, figure.sentence_end)
            assert SENTENCE_STYLE in sentence_styles(app, figure.sentence_start)
            assert reader.is_offset_visible(figure.sentence_start)
        if 0 < reader.scroll_y < reader.max_scroll_y:  # free to centre: the sentence is mid-view
            line = reader.region_of(figure.sentence_start).y - int(reader.scroll_y)
            height = reader.scrollable_content_region.height
            assert height // 5 <= line <= height - height // 5


@async_test
async def test_figures_are_marked_in_the_text(make_app, seed_articles):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        figure = app.main.figures_panel.figures[0]
        view = app.main.reader.paragraph_at(figure.start)
        marked = [view.content.plain[s.start : s.end] for s in view.content.spans if "underline" in str(s.style)]
        assert figure.surface in marked


@async_test
async def test_typing_narrows_the_list_to_matching_articles_with_hit_counts(make_app, seed_articles):
    word = discriminating_word(seed_articles)
    expected = {a.id for a in seed_articles if word in words_in(a)}
    seen = []
    app = make_app()
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*word)
        await settle(app, pilot)
        entries = app.main.article_list.entries
        assert {e.article_id for e in entries} == expected
        assert all(e.hits and e.snippet for e in entries)
        results = [m for m in seen if isinstance(m, SearchBar.ResultsChanged)]
        assert results[-1].query == word
        # no debounce wait: each key may answer, but only for what was typed, in order, the newest last
        queries = list(dict.fromkeys(m.query for m in results))
        assert all(word.startswith(q) for q in queries) and queries == sorted(queries, key=len)


@async_test
async def test_escape_clears_the_query_and_restores_the_full_list(make_app, seed_articles):
    word = discriminating_word(seed_articles)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *word)
        await settle(app, pilot)
        assert len(app.main.article_list.entries) < len(seed_articles)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.main.search.input.value == ""
        assert [e.article_id for e in app.main.article_list.entries] == [a.id for a in seed_articles]
        assert all(e.hits is None for e in app.main.article_list.entries)
        assert not any(MATCH_STYLE in str(s.style) for v in app.main.reader.paragraphs for s in v.content.spans)


@async_test
async def test_enter_opens_the_best_hit_at_its_first_match(make_app, seed_articles):
    word = discriminating_word(seed_articles)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *word, "enter")
        await settle(app, pilot)
        best = app.main.search.hits[0]
        first = min(best.matches, key=lambda m: m.start)
        assert app.main.reader.article.id == best.article_id
        assert app.main.reader.current_match == (first.start, first.end)
        assert CURRENT_MATCH_STYLE in sentence_styles(app, first.start)
        assert app.main.reader.is_offset_visible(first.start)
        assert app.focused is app.main.reader  # so n / N work straight away


@async_test
async def test_n_and_shift_n_walk_every_match_across_articles(make_app, seed_articles):
    word = discriminating_word(seed_articles)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *word, "enter")
        await settle(app, pilot)
        expected = [
            (h.article_id, (m.start, m.end))
            for h in app.main.search.hits
            for m in sorted(h.matches, key=lambda m: m.start)
        ]
        visited = [(app.main.reader.article.id, app.main.reader.current_match)]
        for _ in range(len(expected)):
            await pilot.press("n")
            await settle(app, pilot)
            visited.append((app.main.reader.article.id, app.main.reader.current_match))
            assert app.main.reader.is_offset_visible(app.main.reader.current_match[0])
        assert visited[:-1] == expected and visited[-1] == expected[0]  # wraps around
        await pilot.press("N")
        await settle(app, pilot)
        assert (app.main.reader.article.id, app.main.reader.current_match) == expected[-1]


@async_test
async def test_malformed_query_shows_the_parsers_message_inline(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        listed = len(app.main.article_list.entries)
        await pilot.press("slash", *'"sappers')
        await settle(app, pilot)
        status = app.query_one("#search-status")
        assert status.has_class("-error")
        assert "unbalanced quote" in status.content.plain
        assert len(app.main.article_list.entries) == listed  # nothing thrown away


@async_test
async def test_comparison_lists_every_report_of_the_claim_and_opens_the_chosen_one(make_app, seed_articles):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        analysis = fake_analyse(seed_articles)  # what the app's analysis (the same stand-in) found
        groups = {g.id: g for g in analysis.groups}
        shared = next(
            (
                f
                for a in seed_articles
                for f in analysis.figures[a.id]
                if f.group and len({m.article_id for m in groups[f.group].members}) > 1
            ),
            None,
        )
        assert shared is not None, "no figure is reported by two seed articles"
        await app.main.open_article(shared.article_id)
        await settle(app, pilot)
        shown = next(f for f in app.main.figures_panel.figures if f.start == shared.start)
        assert shown.group == shared.group  # the panel's figure knows its group from the analysis summary
        await app.main.show_figure(shown)
        await pilot.press("f", "c")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        group = groups[shared.group]
        agreeing = [r for r in screen.rows if r.mark == AGREE]
        assert {r.figure.article_id for r in agreeing} == {m.article_id for m in group.members}
        related = {m.article_id for g in group.related for m in groups[g].members}
        assert {r.figure.article_id for r in screen.rows if r.mark != AGREE} == related
        for row in screen.rows:  # each row quotes its own sentence, containing its figure
            assert row.figure.surface in row.figure.sentence
        other = next(i for i, r in enumerate(screen.rows) if r.figure.article_id != shared.article_id)
        rows = screen.query_one("#compare-rows")
        rows.highlighted = rows.get_option_index(f"row-{other}")
        await pilot.press("enter")
        await settle(app, pilot)
        chosen = screen.rows[other].figure
        assert not isinstance(app.screen, CompareScreen)
        assert app.main.reader.article.id == chosen.article_id
        assert app.main.reader.sentence == (chosen.sentence_start, chosen.sentence_end)
        assert app.main.reader.is_offset_visible(chosen.sentence_start)


@pytest.mark.parametrize("key", ["question_mark", "f1"])
@async_test
async def test_help_opens_with_keys_and_query_language_and_closes(make_app, key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.query_one("#help-text").source
        assert "## Keys" in shown and "## Query language" in shown and "`n` / `N`" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


@async_test
async def test_q_quits_but_types_in_the_search_box(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "q")
        await pilot.pause()
        assert app.main.search.input.value == "q" and app.return_code is None
        await pilot.press("escape")  # clears the box and leaves it: q quits again
        assert app.main.search.input.value == "" and not app.main.search.input.has_focus
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@async_test
async def test_tab_moves_between_panes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.focused is app.main.article_list
        await pilot.press("tab")
        assert app.focused is app.main.reader
        await pilot.press("tab")
        assert app.focused is app.main.figures_panel
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is app.main.article_list


@async_test
async def test_arrows_and_enter_or_a_click_open_an_article(make_app, seed_articles):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "down", "k", "enter")
        await settle(app, pilot)
        assert app.main.reader.article.id == seed_articles[1].id
        rows = app.main.article_list.row_height
        await pilot.click("#articles", offset=(4, 1 + 2 * rows))  # first line of the third row (1: border)
        await settle(app, pilot)
        assert app.main.reader.article.id == seed_articles[2].id
        await pilot.click("#articles", offset=(4, 1 + 2 * rows - 1))  # last line of the second row
        await settle(app, pilot)
        assert app.main.reader.article.id == seed_articles[1].id


@async_test
async def test_state_is_remembered_between_launches(make_app, seed_articles):
    word = discriminating_word(seed_articles)
    target = max(seed_articles[1:], key=lambda a: len(a.text))  # not the first: that opens anyway
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.main.open_article(target.id)
        await pilot.pause()
        later = app.main.reader.paragraphs[len(app.main.reader.paragraphs) // 2].para.start
        app.main.reader.scroll_to_offset(later, center=False)
        await pilot.pause()
        position = app.main.reader.first_visible_offset()
        await pilot.press("slash", *word, "escape")  # clear and leave…
        await pilot.press("slash", *word)  # …and type it again
        await settle(app, pilot)
        await pilot.press("tab", "q")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert again.main.reader.article.id == target.id
        assert position > 0 and again.main.reader.first_visible_offset() == position
        assert again.main.search.input.value == word
        assert again.main.article_list.searching


@async_test
async def test_a_corrupt_state_file_is_ignored_with_a_notice(make_app, tmp_path):
    (tmp_path / "state.json").write_text("{not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        assert app.main.reader.article is not None
        assert any("corrupt state file" in n.message for n in app._notifications)


@async_test
async def test_narrow_terminal_stacks_the_figures_panel_and_everything_still_works(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        figures, reader = app.main.figures_panel.region, app.main.reader.region
        assert figures.y >= reader.bottom and figures.width > reader.width  # stacked below, full width
        await pilot.press("f", "enter", "c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "slash", *"kursk", "enter")
        await settle(app, pilot)
        assert app.main.reader.article is not None


@async_test
async def test_panels_can_be_hidden_and_shown(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        width = app.main.reader.region.width
        await pilot.press("f2")
        await pilot.pause()
        assert not app.main.article_list.display and app.main.reader.region.width > width
        await pilot.press("f2", "f3")
        await pilot.pause()
        assert app.main.article_list.display and not app.main.figures_panel.display


@async_test
async def test_command_palette_opens_an_article(make_app, seed_articles):
    target = seed_articles[-1]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Open article: " + target.title[:60])
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.main.reader.article.id == target.id


@async_test
async def test_the_list_handles_100000_articles(make_app, monkeypatch):
    monkeypatch.setattr("tui.corpus.analysis_summary.corpus_analysis", lambda articles: fake_analyse([]))
    many = [
        Article(
            id=f"{i:06d}_synthetic",
            title=f"Synthetic report {i}",
            title_derived=False,
            outlet=f"Outlet {i % 7}",
            url=None,
            author=None,
            published=None,
            raw_file="",
            raw_sha256="",
            paragraphs=[Paragraph(f"Report {i} says 1,000 sappers.")],
            sentences=[Span(0, 28)],
        )
        for i in range(100_000)
    ]
    app = make_app(articles=many)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert len(app.main.article_list.entries) == 100_000
        await pilot.press("end")
        await pilot.pause()
        assert app.main.article_list.highlighted.article_id == many[-1].id
        assert "Synthetic&#160;report&#160;99999" in app.export_screenshot()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.main.reader.article.id == many[-1].id


@async_test
async def test_reload_picks_up_an_article_changed_on_disk(make_app, seed_corpus, seed_articles):
    target = seed_articles[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.main.reader.article.id == target.id
        changed = Article(
            **{
                **target.__dict__,
                "paragraphs": [Paragraph("A correction was appended today.")],
                "sentences": [Span(0, 32)],
            }
        )
        Corpus(seed_corpus).save(changed)
        app.main.action_reload()
        await settle(app, pilot)
        assert [v.content.plain for v in app.main.reader.paragraphs] == ["A correction was appended today."]
        assert app.main.reader.article.id == target.id


@async_test
async def test_export_figures_writes_every_figure_as_json(make_app, tmp_path, seed_articles):
    import json

    target = tmp_path / "out" / "figures.json"
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await export_to(app, pilot, str(target))
        await settle(app, pilot)  # written by a worker
        expected = sum(len(v) for v in fake_analyse(seed_articles).figures.values())
        assert any(str(target) in n.message for n in app._notifications)  # the notice says where
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["figures"]) == expected and data["groups"]


async def export_to(app, pilot, path: str) -> None:
    """e, then the confirmed path typed over the default, then Enter."""
    from textual.widgets import Input

    from tui.screens.export import ExportScreen

    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    app.screen.query_one(Input).value = path
    await pilot.press("enter")
    await pilot.pause()


@async_test
async def test_a_100000_character_paragraph_and_word_still_open(make_app, seed_corpus):
    word = "x" * 100_000
    prose = ("Shoigu said 1,000 sappers would go. " * 2800).strip()
    text_paragraphs = [Paragraph(word), Paragraph(prose)]
    text = "\n\n".join(p.text for p in text_paragraphs)
    huge = Article(
        id="901_huge",
        title="y" * 5000,
        title_derived=False,
        outlet=None,
        url=None,
        author=None,
        published=None,
        raw_file="",
        raw_sha256="",
        paragraphs=text_paragraphs,
        sentences=[Span(s, e) for s, e in split_sentences(text)],
    )
    Corpus(seed_corpus).save(huge)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.main.open_article(huge.id)
        await pilot.press("f", "end", "enter")
        await settle(app, pilot)
        figure = app.main.figures_panel.highlighted_figure
        assert figure is not None and app.main.reader.is_offset_visible(figure.sentence_start)
