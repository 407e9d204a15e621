"""Issue 15 item 5: stories in the article list, search within a story, the comparison as a claim, and
the claims view with its chart. A corpus of two events written for the tests (tests/claims_fixtures.py):
a flood whose toll rises day by day, and the bundled story retold."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from ui_support import async_test, settle

sys.path.insert(0, str(Path(__file__).parents[1]))

from claims_fixtures import FLOOD, KURSK, articles

import tui.corpus.analysis_summary
import tui.reader_session
import tui.screens.main
from tui.corpus.analysis_summary import analyse_folder as real_analyse_folder  # before the fixtures stand in for it
from tui.corpus.analysis_summary import corpus_analysis as real_corpus_analysis
from tui.corpus.store import Corpus
from tui.screens.claims import ClaimsScreen
from tui.screens.compare import AGREE, CompareScreen
from tui.screens.value_chart_view import ValueChartView

WIDE, NARROW = (140, 42), (80, 24)
FLOOD_IDS = set(FLOOD)


# A report of the floods that states no toll: the comparison must name it among the silent ones.
QUIET = {
    "f5": (
        "Rescue boats reach cut-off Assam villages",
        "Valley Times",
        "2026-07-05",
        "Rescue boats reached villages cut off by the Brahmaputra floods in Assam on Sunday, officials in "
        "Guwahati said, as the monsoon rains eased over the valley.",
    ),
}


@pytest.fixture
def two_events(tmp_path) -> Path:
    folder = tmp_path / "events"
    corpus = Corpus(folder)
    for article in articles(FLOOD) + articles(KURSK):
        corpus.save(article)
    return folder


@pytest.fixture
def real_claims(monkeypatch):
    """The real stories and claims, through the analysis cache (the fixture corpus is small): the relations
    are what is tested."""
    monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", real_corpus_analysis)
    monkeypatch.setattr(tui.corpus.analysis_summary, "analyse_folder", real_analyse_folder)


def headers(app) -> list:
    return [e for e in app.main.article_list.entries if e.story is not None]


def listed_ids(app) -> list[str]:
    return [e.article_id for e in app.main.article_list.entries if e.story is None]


async def open_flood_report(app, pilot) -> None:
    first = sorted(FLOOD)[0]
    await app.main.open_article(first)
    await settle(app, pilot)


@async_test
async def test_g_groups_the_list_by_story_and_a_header_collapses_its_reports(make_app, two_events, tmp_path):
    app = make_app(two_events)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert not headers(app)
        await pilot.press("g")
        await settle(app, pilot)
        shown = headers(app)
        assert len(shown) == 2
        flood = next(h for h in shown if "Assam" in h.title)
        assert flood.outlet == "4 reports · 4 outlets" and flood.date == "2026-07-02 – 07-09"
        assert set(listed_ids(app)) == set(FLOOD) | set(KURSK)
        main = app.main
        main.article_list.focus()
        main.article_list.cursor = main.article_list.entries.index(flood)
        await pilot.press("enter")
        await settle(app, pilot)
        assert set(listed_ids(app)) == set(KURSK)  # the flood's reports are hidden
        assert main.article_list.highlighted.story == flood.story  # the cursor stays on the header
        await pilot.press("space")
        await settle(app, pilot)
        assert set(listed_ids(app)) == set(FLOOD) | set(KURSK)
    saved = json.loads((tmp_path / "state.json").read_text())
    assert saved["group_by_story"] is True
    again = make_app(two_events)
    async with again.run_test(size=WIDE) as pilot:
        await settle(again, pilot)
        assert len(headers(again)) == 2  # remembered


@async_test
async def test_s_limits_the_list_and_search_to_the_open_reports_story(make_app, two_events):
    app = make_app(two_events)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await open_flood_report(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert set(listed_ids(app)) == FLOOD_IDS
        assert "Story (4 of 9)" in str(app.main.article_list.border_title)
        await pilot.press("slash", *"officials")
        await settle(app, pilot)
        assert app.main.search.hits and {h.article_id for h in app.main.search.hits} <= FLOOD_IDS
        assert "in this story" in str(app.main.article_list.border_title)
        await pilot.press("escape", "s")
        await settle(app, pilot)
        assert set(listed_ids(app)) == set(FLOOD) | set(KURSK)


@async_test
async def test_the_comparison_shows_the_claim_marks_an_update_and_names_the_silent_reports(
    make_app, two_events, real_claims
):
    for article in articles(QUIET):
        Corpus(two_events).save(article)
    app = make_app(two_events)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await open_flood_report(app, pilot)
        main = app.main
        toll = next(f for f in main.current_figures() if f.value == 200)
        claim = main.session.claim_of(toll)
        assert claim is not None and claim.relation == "update" and len(claim.values) > 1
        await main.show_figure(toll)
        await pilot.press("f", "c")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.claim is claim
        assert {r.figure.article_id for r in screen.rows} == set(claim.article_ids)
        assert all(r.mark == ("↗" if r.figure.value != 200 else AGREE) for r in screen.rows)
        summary = screen.query_one("#compare-summary").content.plain
        assert "update" in summary and "disagree" not in summary
        reports = {**FLOOD, **QUIET}
        silent = [a for a in reports if a not in claim.article_ids]
        assert silent and all(reports[a][1] in summary for a in silent)  # named by outlet
        rows = screen.query_one("#compare-rows")
        texts = [rows.get_option_at_index(i).prompt.plain for i in range(rows.option_count)]
        assert any("2026-07-06" in t and "330" in t for t in texts)  # value and date of each report


@async_test
async def test_a_real_disagreement_is_the_only_one_called_so(make_app, two_events, real_claims):
    app = make_app(two_events)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await open_flood_report(app, pilot)
        panel = app.main.figures_panel
        prompts = [panel.get_option_at_index(i).prompt.plain for i in range(panel.option_count)]
        assert not any("disputed" in p for p in prompts)  # a rising toll is an update
        assert any("update" in p for p in prompts)


@async_test
async def test_the_claims_view_lists_each_claim_by_outlet_and_charts_a_changing_value(
    make_app, two_events, real_claims
):
    app = make_app(two_events)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await open_flood_report(app, pilot)
        await pilot.press("C")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ClaimsScreen)
        story_claims = app.main.session.story_claims(screen.story.id)
        assert screen.story.article_ids and set(screen.story.article_ids) == FLOOD_IDS
        rows = screen.query_one("#claims-rows")
        assert rows.option_count >= len(story_claims) > 0
        chart = screen.query_one(ValueChartView)
        assert chart.chart is not None and chart.chart.worth_drawing and chart.chart.by_date
        drawn = chart.content.plain
        assert "█" in drawn and "value by publication date" in drawn
        first = screen.highlighted_claim
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, ClaimsScreen)
        opened = first.values[0].figures[0]
        assert app.main.reader.article.id == opened.article_id


def claim_objects_in(summary) -> list:
    """The Claim and ClaimValue objects pickling `summary` would write (what unpickling it would build)."""
    import io
    import pickle

    from tui.corpus.claims import Claim, ClaimValue

    found: list = []

    class Recording(pickle.Pickler):
        def reducer_override(self, obj):
            if isinstance(obj, (Claim, ClaimValue)):
                found.append(obj)
            return NotImplemented

    Recording(io.BytesIO(), protocol=pickle.HIGHEST_PROTOCOL).dump(summary)
    return found


@async_test
async def test_the_analysis_the_reader_receives_holds_no_claims_and_the_claims_view_reads_them(
    make_app, two_events, real_claims
):
    """Unpickling every claim held the reader's keys (issue 17): the summary carries claim counts, and a
    story's claims are read from the analysis cache when its claims view opens."""
    app = make_app(two_events)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        summary = app.main.analysis
        assert summary is not None and not claim_objects_in(summary)
        assert not summary.claim_source.packed  # on disk, in the analysis cache
        await open_flood_report(app, pilot)
        story = app.main.session.story_of(sorted(FLOOD)[0])
        assert summary.claim_counts[story.id] > 0
        await pilot.press("C")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ClaimsScreen) and len(screen.claims) == summary.claim_counts[story.id]
        toll = next(c for c in screen.claims if c.relation == "update")
        assert {v.value for v in toll.values} >= {200.0, 330.0}  # every report's value, read back


@async_test
async def test_story_keys_before_the_analysis_say_so(make_app, two_events, monkeypatch):
    import threading

    from ui_support import fake_analyse

    release = threading.Event()
    monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", lambda a: release.wait(30) and fake_analyse(a))
    app = make_app(two_events)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        try:
            for _ in range(100):
                if app.main.reader.article is not None:
                    break
                await pilot.pause(0.05)
            await pilot.press("C")
            await pilot.pause(0.1)
            assert any("still being found" in n.message for n in app._notifications)
            assert not isinstance(app.screen, ClaimsScreen)
        finally:
            release.set()
        await settle(app, pilot)


def test_claims_view_snapshot_wide(snap_compare, make_app, two_events, real_claims):
    from test_snapshots import steps

    assert snap_compare(make_app(two_events), terminal_size=WIDE, run_before=_claims_of_flood(steps))


def test_claims_view_snapshot_narrow(snap_compare, make_app, two_events, real_claims):
    from test_snapshots import steps

    assert snap_compare(make_app(two_events), terminal_size=NARROW, run_before=_claims_of_flood(steps))


def _claims_of_flood(steps):
    async def run(pilot) -> None:
        await steps()(pilot)
        await pilot.app.main.open_article(sorted(FLOOD)[0])
        await settle(pilot.app, pilot)
        await pilot.press("C")
        await settle(pilot.app, pilot)

    return run
