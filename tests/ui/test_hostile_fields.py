"""Issue 12: every field of a hostile article, figure, figure group, claim and story (found by reflection over the
dataclasses, so fields added later are covered) rendered through the real app, and the bytes the
terminal would be sent hold no ESC, C1 or bidi control the app did not emit itself."""

from __future__ import annotations

import dataclasses
import re
import types
import typing

from rich.console import Console
from textual._compositor import CompositorUpdate
from ui_support import FakeIndex, async_test, fake_analyse, settle

import tui.app
import tui.corpus.analysis_summary
import tui.reader_session
import tui.screens.main
import tui.search.engine
from tui.app import ReaderApp
from tui.corpus.claims import Claim, ClaimFigure, ClaimValue
from tui.corpus.figures import Figure
from tui.corpus.groups import FigureGroup
from tui.corpus.model import Article, Paragraph, Removal, Span
from tui.corpus.sentences import split_sentences
from tui.corpus.stories import Story
from tui.screens.claims import ClaimsScreen
from tui.screens.compare import CompareScreen
from tui.screens.help import HelpScreen

# OSC 52 (clipboard), OSC 0 (title), CSI 2J (clear), a raw DCS, C1 CSI and DCS, bidi overrides/isolates.
ATTACK = "\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned\x07\x1b[2J\x1bPq#0\x1b\\\x9b2J\x90x\x9c\u202e\u2066\u202a"
# What the app itself sends: colours (SGR), cursor moves and erase-to-end-of-line.
OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H|\x1b\[\d*[ABCDK]")
FORBIDDEN = re.compile("[\x1b\x80-\x9f\u202a-\u202e\u2066-\u2069]")
KEEP = {"article_id", "group"}  # keys that link the records; the article's id itself is hostile


def hostile(name: str) -> str:
    return f"{name}<{ATTACK}>"


def _is_text(annotation) -> bool:
    return annotation is str or (
        isinstance(annotation, types.UnionType) and set(typing.get_args(annotation)) <= {str, type(None)}
    )


def fill(cls, overrides: dict, keep: set[str] = frozenset(), complete: bool = True) -> dict:
    """Every text field hostile, every list of text a hostile item; others from `overrides` or their
    default (complete: a field with neither fails, so a new kind of field is noticed)."""
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        if f.name in overrides:
            values[f.name] = overrides[f.name]
        elif f.name in keep:
            continue
        elif _is_text(hint):
            values[f.name] = hostile(f.name)
        elif typing.get_origin(hint) is list and typing.get_args(hint) == (str,):
            values[f.name] = [hostile(f.name)]
        elif not complete or f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING:
            continue
        else:
            raise AssertionError(f"{cls.__name__}.{f.name}: teach this test a hostile value for {hint}")
    return values


def hostile_article() -> Article:
    body = f"Officials said 1,000 sappers {hostile('paragraph')} would go. A second sentence with 2,000 troops."
    paragraphs = [Paragraph(hostile("heading"), heading=True), Paragraph(body)]
    text = "\n\n".join(p.text for p in paragraphs)
    overrides = {
        "title_derived": False,
        "paragraphs": paragraphs,
        "sentences": [Span(s, e) for s, e in split_sentences(text)],
        "removed": [Removal(1, hostile("removed"), hostile("reason"))],
    }
    return Article(**fill(Article, overrides))


def hostile_analyse(articles, corpus_dir=None, workers=1):
    analysis = fake_analyse(articles)
    by_article, groups = analysis.figures, analysis.groups
    for figures in by_article.values():
        for figure in figures:
            for name, value in fill(Figure, {}, keep=KEEP | {"sentence"}, complete=False).items():
                setattr(figure, name, value)
            figure.vague = True
    for group in groups:
        for name, value in fill(FigureGroup, {}, keep={"id"}, complete=False).items():
            setattr(group, name, value)
        group.related = []
    for claim in analysis.claims:  # the claim comparison and the claims view
        for name, value in fill(Claim, {}, keep={"id", "story", "parts"}, complete=False).items():
            setattr(claim, name, value)
        for claim_value in claim.values:
            for name, value in fill(ClaimValue, {}, keep={"group", "article_ids"}, complete=False).items():
                setattr(claim_value, name, value)
            claim_value.outlets = [hostile("claim-outlet")] * len(claim_value.article_ids)
            for claim_figure in claim_value.figures:
                for name, value in fill(ClaimFigure, {}, keep={"article_id"}, complete=False).items():
                    setattr(claim_figure, name, value)
    for story in analysis.stories.stories():  # the grouped list and the claims view's title
        for name, value in fill(Story, {}, keep={"id", "article_ids"}, complete=False).items():
            setattr(story, name, value)
    return analysis


def capture_terminal(app) -> list[str]:
    """Record what each frame would write to a real terminal (the headless driver writes nothing)."""
    frames: list[str] = []
    console = Console(width=200, height=60, force_terminal=True, color_system="truecolor", legacy_windows=False)
    display = app._display

    def recording(screen, renderable) -> None:
        if isinstance(renderable, CompositorUpdate):
            frames.append(renderable.render_segments(console))
        display(screen, renderable)

    app._display = recording
    return frames


def assert_clean(frames: list[str]) -> None:
    assert frames, "no frame was drawn"
    for frame in frames:
        leftover = OWN_SEQUENCES.sub("", frame)
        found = FORBIDDEN.search(leftover)
        assert found is None, (
            f"{found.group()!r} reached the terminal: {leftover[max(0, found.start() - 60) : found.end() + 40]!r}"
        )


@async_test
async def test_every_field_of_a_hostile_article_reaches_the_terminal_only_as_visible_escapes(
    tmp_path, monkeypatch, seed_corpus
):
    monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", hostile_analyse)
    monkeypatch.setattr(tui.search.engine, "SearchIndex", FakeIndex)
    article = hostile_article()
    app = ReaderApp(seed_corpus, tmp_path / "index", tmp_path / "state.json", articles=[article])
    async with app.run_test(size=(140, 42), notifications=True) as pilot:
        frames = capture_terminal(app)
        await settle(app, pilot)
        main = app.main
        assert main.reader.article is article and main.figures_panel.figures
        shown = "".join(frames)
        for name in ("title", "outlet", "author", "published", "url", "paragraph", "heading"):
            assert f"{name}<\\x1b]" in shown or f"{name}<\\x1b" in shown, f"the {name} is not shown"
        await pilot.press("f", "c")  # the comparison: every figure and group field
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape", "C")  # the claims view: every claim and story field, the chart
        await settle(app, pilot)
        assert isinstance(app.screen, ClaimsScreen)
        await pilot.press("escape", "g")  # the list grouped by story: the story's header
        await settle(app, pilot)
        assert any(e.story for e in main.article_list.entries)
        shown = "".join(frames)
        for name in ("label", "window"):  # dates are cut to their first ten characters
            assert f"{name}<\\x1b" in shown, f"the claim or story's {name} is not shown"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "ctrl+p", *"Jump")
        await pilot.pause(0.5)
        await pilot.press("escape", "slash", *"sappers")
        await settle(app, pilot)
        app.notify(hostile("notice"), title=hostile("notice-title"))
        await pilot.pause(0.3)
    assert_clean(frames)


@async_test
async def test_an_empty_corpus_folder_named_with_escapes_is_shown_literally(tmp_path, monkeypatch):
    corpus = tmp_path / f"empty{ATTACK.replace('/', '')}"
    corpus.mkdir()
    app = ReaderApp(corpus, tmp_path / "index", tmp_path / "state.json")
    async with app.run_test(size=(140, 42), notifications=True) as pilot:
        frames = capture_terminal(app)
        await settle(app, pilot)
        assert "No articles in" in "".join(frames)
    assert_clean(frames)


def test_the_reflection_sees_every_text_field():
    """A text field added to the model later is filled with hostile text without touching this test."""
    names = set(fill(Article, {"title_derived": False, "paragraphs": [], "sentences": [], "removed": []}))
    assert {"title", "outlet", "author", "published", "url", "raw_file", "raw_sha256"} <= names
