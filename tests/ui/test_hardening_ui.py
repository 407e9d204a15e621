"""Hardening of the reader (issue 5): hostile article text in every surface, asserted on what the
terminal receives; a corrupt state file; an ingest while the reader is open; two readers on one
corpus and index; an unusable index folder; one malformed article file among good ones."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from rich.console import Console
from ui_support import async_test, fake_analyse, fake_figures, settle

import tui.app
import tui.corpus.analysis_summary
import tui.reader_session
import tui.screens.main
from tui.cli import main as cli_main
from tui.corpus import catalog as catalog_module
from tui.corpus.model import Article, Paragraph, Span
from tui.corpus.sentences import split_sentences
from tui.corpus.store import Corpus
from tui.screens.compare import CompareScreen
from tui.screens.help import HelpScreen

WIDE = (220, 50)  # wide enough that list rows and panel labels are not cut
MARKUP = ["[bold red]x[/]", "[link=file:///etc/passwd]click[/link]", "[/]", "[combat"]
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;Zm9v\x07\x1b]8;;http://evil\x1b\\l\x1b]8;;\x1b\\\x9b31m\x07\x08\u202e\u2066\u200b\ufeff"
# The visible escapes terminal_safe shows instead of the raw characters.
SHOWN_ESCAPES = ["\\x1b[2J", "\\x1b]0;pwned\\x07", "\\x9b31m", "\\u202e", "\\u200b"]
HOSTILE_ID = "950_hostile"
HOSTILE_TITLE = "[bold red]T[/] " + ESCAPES + " [link=file:///etc/passwd]t[/link]"
HOSTILE_OUTLET = "[i]Outlet[/i]\u202e"
HOSTILE_COUNTS = "[bold red]engineers[/]"
HOSTILE_QUALIFIER = "[link=file:///etc/passwd]about[/link]"
# Rich's own output: colours (SGR) and cursor moves. Anything else starting with ESC came from text.
RICH_OWN = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H|\x1b\[\d*[ABCDK]")
UNSAFE_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def hostile_article() -> Article:
    text = (
        f"Zorblax said 1,000 [combat engineers] would go. {' '.join(MARKUP[:3])} and {ESCAPES} end. "
        "Another [bold red]x[/] sentence here."
    )
    return Article(
        id=HOSTILE_ID,
        title=HOSTILE_TITLE,
        title_derived=False,
        outlet=HOSTILE_OUTLET,
        url="https://x.example/[/]",
        author="[b]Author[/b]",
        published=None,
        raw_file="",
        raw_sha256="",
        paragraphs=[Paragraph(text)],
        sentences=[Span(s, e) for s, e in split_sentences(text)],
    )


def hostile_analyse(articles, corpus_dir=None, workers=1):
    """The fake analysis, with markup in what the hostile article's figures count and qualify."""
    analysis = fake_analyse(articles)
    for figure in analysis.figures.get(HOSTILE_ID, []):
        make_hostile(figure)
    return analysis


def hostile_figures(article):
    """The open article's own figures (what the panel shows), made hostile the same way."""
    figures = fake_figures(article)
    for figure in figures if article.id == HOSTILE_ID else []:
        make_hostile(figure)
    return figures


def make_hostile(figure) -> None:
    figure.counts, figure.qualifier, figure.attribution = HOSTILE_COUNTS, HOSTILE_QUALIFIER, "\x1b]0;x\x07Tass"


def screen_text(app) -> str:
    """Every character on the screen (the top screen over its backgrounds), one line per row."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


def terminal_bytes(app) -> str:
    """What the terminal is sent for a full repaint of the screen."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console = Console(
        width=app.size.width,
        height=app.size.height,
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    return update.render_segments(console)


def assert_nothing_reaches_the_terminal(app) -> None:
    text = screen_text(app)
    assert not UNSAFE_RAW.search(text), "a control, bidi or zero-width character is on screen"
    leftover = RICH_OWN.sub("", terminal_bytes(app))
    assert "\x1b" not in leftover, "an escape sequence other than colours and cursor moves was sent"
    assert not UNSAFE_RAW.search(leftover.replace("\n", "")), "raw control characters sent to the terminal"


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_shown_literally(app, pieces: list[str]) -> None:
    shown = squashed(screen_text(app))
    for piece in pieces:
        assert squashed(piece) in shown, f"{piece!r} is not on screen as written"


@pytest.fixture
def hostile_corpus(seed_corpus, monkeypatch):
    monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", hostile_analyse)
    monkeypatch.setattr(tui.reader_session, "article_figures", hostile_figures)
    Corpus(seed_corpus).save(hostile_article())
    return seed_corpus


@async_test
async def test_hostile_text_is_literal_in_reader_header_list_figures_and_search(make_app, hostile_corpus):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await app.main.open_article(HOSTILE_ID)
        await settle(app, pilot)
        # reader body, header (title, outlet, author, url), app header (sub-title), list row, figures panel
        assert_shown_literally(
            app,
            [
                *MARKUP,
                *SHOWN_ESCAPES,
                "[bold red]T[/]",
                "[i]Outlet[/i]\\u202e",
                "[b]Author[/b]",
                "x.example",  # the header shows the site; the full address is what o opens and y cites
                "1,000 " + HOSTILE_COUNTS,
            ],
        )
        label = app.main.figures_panel.get_option_at_index(0).prompt.plain
        assert HOSTILE_COUNTS in label and HOSTILE_QUALIFIER in label and "\\x1b]0;x\\x07Tass" in label
        header = app.query_one("Header")
        assert squashed("[bold red]T[/]") in squashed(screen_text(app).splitlines()[0])
        assert header.screen_sub_title.startswith("[bold red]T[/]")
        assert_nothing_reaches_the_terminal(app)
        # a search hit's snippet in the list
        await pilot.press("slash", *"zorblax")
        await settle(app, pilot)
        (entry,) = app.main.article_list.entries
        assert entry.article_id == HOSTILE_ID and "[combat engineers]" in entry.snippet
        assert_shown_literally(app, ["[combat engineers]", "Zorblax said 1,000"])
        assert_nothing_reaches_the_terminal(app)
        # a query that matches nothing is echoed literally in the empty list
        await pilot.press("escape", "slash", *"[b]q[/]")  # Escape clears the box and leaves it
        await settle(app, pilot)
        assert_shown_literally(app, ["No article matches '[b]q[/]'"])


@async_test
async def test_hostile_text_is_literal_in_the_comparison_view(make_app, hostile_corpus):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await app.main.open_article(HOSTILE_ID)
        await pilot.press("f", "c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        # the border title (the figure's label), the row's outlet/title/qualifier and its quoted sentence
        assert_shown_literally(
            app,
            [
                "Across outlets: 1,000 " + HOSTILE_COUNTS,
                "[i]Outlet[/i]\\u202e",
                HOSTILE_QUALIFIER,
                "per \\x1b]0;x\\x07Tass",
                "[combat engineers]",
            ],
        )
        assert_nothing_reaches_the_terminal(app)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_nothing_reaches_the_terminal(app)


@async_test
async def test_hostile_titles_and_outlets_are_literal_in_the_command_palette(make_app, hostile_corpus):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await app.main.open_article(HOSTILE_ID)
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"Open article: [bold")
        await pilot.pause(0.5)
        assert_shown_literally(app, ["Open article: [bold red]T[/]", "\\x1b]0;pwned", "[i]Outlet[/i]\\u202e"])
        assert_nothing_reaches_the_terminal(app)
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"Jump to figure")
        await pilot.pause(0.5)
        assert_shown_literally(app, ["Jump to figure: 1,000 " + HOSTILE_COUNTS])
        assert_nothing_reaches_the_terminal(app)


@async_test
async def test_a_malformed_article_file_is_skipped_and_notified_literally(make_app, seed_corpus, seed_articles):
    (seed_corpus / "960_broken.yaml").write_text("title: [bold red]x[/]\n  id: : :\n\x1b]0;pwned\x07", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(app, pilot)
        assert [e.article_id for e in app.main.article_list.entries] == [a.id for a in seed_articles]
        assert app.main.reader.article is not None
        (note,) = [n for n in app._notifications if "malformed" in n.message]
        assert "960_broken.yaml" in note.message
        assert_shown_literally(app, ["Skipped 1 malformed article file(s): 960_broken.yaml"])
        assert_nothing_reaches_the_terminal(app)


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00garbage\x80",
        b"[1, 2, 3]",
        b'{"version": 1, "offset": Infinity}',
        b'{"version": 1, "offset": "far", "sentence": [1]}',
        b'{"version": 1, "sentence": "ab", "article_id": {"a": 1}}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"version": 99}',
        b"",
    ],
    ids=["bytes", "list", "infinity", "wrong-types", "wrong-shapes", "deep-nesting", "future-version", "empty"],
)
@async_test
async def test_a_corrupt_state_file_never_stops_the_reader(make_app, tmp_path, seed_articles, content):
    (tmp_path / "state.json").write_bytes(content)
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(app, pilot)
        assert app.main.reader.article.id == seed_articles[0].id and app.main.search.input.value == ""
        notes = [n.message for n in app._notifications]
        assert any("state" in n for n in notes), notes  # says why the saved place was not restored
        await pilot.press("tab", "q")
    saved = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    assert saved["article_id"] == seed_articles[0].id  # replaced by a good one on quit


@async_test
async def test_a_huge_state_file_is_ignored_quickly(make_app, tmp_path, seed_articles, seed_corpus):
    state = {
        "version": 1,
        "article_id": seed_articles[1].id,
        "offset": 0,
        "sentence": None,
        "query": "sappers " * 3_000_000,
        "corpus": str(seed_corpus.resolve()),
    }
    (tmp_path / "state.json").write_text(json.dumps(state), encoding="utf-8")  # ~24 MB
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(app, pilot)
        assert app.main.reader.article.id == seed_articles[0].id and app.main.search.input.value == ""
        assert any("state" in n.message and "MiB" in n.message for n in app._notifications)


@async_test
async def test_a_state_naming_a_deleted_article_or_with_escapes_opens_safely(
    make_app, tmp_path, seed_articles, seed_corpus
):
    target = seed_articles[1]
    state = {
        "version": 1,
        "article_id": target.id,
        "offset": 10**12,
        "sentence": [10**12, 10**12 + 5],
        "query": "\x1b]0;pwned\x07[bold]sappers",
        "corpus": str(seed_corpus.resolve()),
    }
    (tmp_path / "state.json").write_text(json.dumps(state), encoding="utf-8")
    (seed_corpus / f"{target.id}.yaml").unlink()
    (seed_corpus / ".catalog.json").unlink(missing_ok=True)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert app.main.reader.article.id == seed_articles[0].id  # the remembered article is gone: the first opens
        assert target.id not in {e.article_id for e in app.main.article_list.entries}
        assert "\x1b" not in app.main.search.input.value and "[bold]sappers" in app.main.search.input.value
        assert_nothing_reaches_the_terminal(app)


@async_test
async def test_ingest_while_the_reader_is_open_then_reload(make_app, seed_corpus, seed_articles, tmp_path):
    raw = tmp_path / "late-report.txt"
    raw.write_text(
        "Late report on the Kursk deployment\n\n" + "Officials said on Friday that 2,000 more "
        "Quuxian engineers would follow the first group to the Kursk region next month. " * 3,
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await app.main.open_article(seed_articles[2].id)
        assert cli_main(["ingest", "--articles", str(seed_corpus), str(raw)]) == 0  # another terminal, meanwhile
        await pilot.press("j", "enter")  # the open reader keeps working on what it loaded
        await settle(app, pilot)
        assert app.main.reader.article.id == seed_articles[1].id and len(app.main.article_list.entries) == len(
            seed_articles
        )
        await pilot.press("ctrl+p", *"Reload corpus")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        listed = [e.article_id for e in app.main.article_list.entries]
        assert len(listed) == len(seed_articles) + 1
        new_id = next(i for i in listed if i not in {a.id for a in seed_articles})
        assert app.main.reader.article.id == seed_articles[1].id  # reloading keeps the reader where it was
        await pilot.press("slash", *"quuxian", "enter")
        await settle(app, pilot)
        assert [e.article_id for e in app.main.article_list.entries] == [new_id]  # the index picked it up
        assert app.main.reader.article.id == new_id


@async_test
async def test_two_readers_on_one_corpus_and_index_at_once(seed_corpus, seed_articles, tmp_path, monkeypatch):
    """Real search engine, one index folder, two apps running at the same time and a CLI search meanwhile."""
    monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", fake_analyse)
    index = tmp_path / "index"
    first = tui.app.ReaderApp(seed_corpus, index, tmp_path / "state1.json")
    second = tui.app.ReaderApp(seed_corpus, index, tmp_path / "state2.json")
    async with first.run_test(size=WIDE) as one, second.run_test(size=WIDE) as two:
        await settle(first, one)
        await settle(second, two)
        for app, pilot in ((first, one), (second, two)):
            assert app.main.search.index is not None, app.query_one("#status-text").content.plain
            await pilot.press("slash", *"sappers")
            await settle(app, pilot)
            assert app.main.search.hits and all(
                "sappers" in app.main.session.article(h.article_id).text.lower() for h in app.main.search.hits
            )
        cli = subprocess.run(
            [sys.executable, "-m", "tui.cli", "search", "--articles", str(seed_corpus), "sappers", "--json"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "KURSK_READER_INDEX": str(index)},
        )
        assert cli.returncode == 0, cli.stderr
        assert {r["article_id"] for r in json.loads(cli.stdout)} == {h.article_id for h in first.main.search.hits}
        assert {h.article_id for h in second.main.search.hits} == {h.article_id for h in first.main.search.hits}


@pytest.mark.parametrize("kind", ["a-file", "read-only"])
@async_test
async def test_an_unusable_index_folder_leaves_reading_working_and_says_so(
    seed_corpus, seed_articles, tmp_path, monkeypatch, kind
):
    monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", fake_analyse)
    index = tmp_path / "[bold red]idx"
    if kind == "a-file":
        index.write_text("not a folder", encoding="utf-8")
    else:
        index.mkdir()
        import tui.search.engine as engine

        real = engine.SearchIndex

        class ReadOnlyIndex(real):  # root ignores chmod: simulate what a read-only folder raises
            def update(self, *args, **kwargs):
                raise PermissionError(13, "Permission denied", str(index))

            update_from_folder = update  # what the reader's search process calls

        monkeypatch.setattr(engine, "SearchIndex", ReadOnlyIndex)
    app = tui.app.ReaderApp(seed_corpus, index, tmp_path / "state.json")
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        status = app.query_one("#status-text").content.plain
        assert "search unavailable" in status and "[bold red]idx" in status
        assert len(app.main.article_list.entries) == len(seed_articles)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert app.main.reader.article.id == seed_articles[1].id and app.main.reader.paragraphs
        await pilot.press("slash", *"sappers")
        await settle(app, pilot)
        search_status = app.query_one("#search-status")
        assert "search unavailable" in search_status.content.plain and search_status.has_class("-error")
        assert not app.main.search.hits
        assert len(app.main.article_list.entries) == len(seed_articles)  # nothing thrown away
        assert_shown_literally(app, ["search unavailable", "[bold red]idx"])
    if kind == "a-file":
        assert index.read_text(encoding="utf-8") == "not a folder"
    shutil.rmtree(tmp_path / "index", ignore_errors=True)


@pytest.mark.parametrize("stage", ["catalog", "load_all"])
@async_test
async def test_a_loading_worker_that_dies_says_so_instead_of_loading_forever(make_app, monkeypatch, stage):
    """Issue 12 item 5: a MemoryError in the loading worker left "Loading articles…" up for good. Loading
    every article (the index's and the analysis's work) failing leaves the list and says why."""

    def out_of_memory(*args):
        raise MemoryError("cannot allocate")

    if stage == "catalog":
        monkeypatch.setattr(catalog_module, "load_catalog", out_of_memory)
    else:
        monkeypatch.setattr(Corpus, stage, out_of_memory)
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(app, pilot)
        status = app.query_one("#status-text").content.plain
        if stage == "load_all":  # the list is up; the search and analysis processes load the articles
            assert app.main.session.listed and app.main.reader.article is not None
            assert "search unavailable: cannot allocate" in status
            assert any("MemoryError: cannot allocate" in n.message for n in app._notifications)
            return
        assert "loading the articles failed: MemoryError" in status
        assert any("Loading the articles failed" in n.message for n in app._notifications)
        if stage == "catalog":  # nothing was listed: the list says why instead of "Loading articles…"
            assert "Could not load the articles" in app.main.article_list.empty_message
