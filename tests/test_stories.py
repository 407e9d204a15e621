"""Stories: reports of one event grouped together, apart from unrelated news, updated one article at a time."""

from __future__ import annotations

import json

from claims_fixtures import FLOOD, KURSK, article, articles
from figure_eval import wikinews_articles

from tui.corpus.stories import StoryIndex, build_stories


def story_sets(index: StoryIndex) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in index.stories()}


def test_two_events_make_two_stories():
    index = build_stories(articles(KURSK) + articles(FLOOD))
    assert story_sets(index) == {frozenset(KURSK), frozenset(FLOOD)}
    flood = index.get(index.story_of("f1") or "")
    assert flood is not None
    assert (flood.first_published, flood.last_published) == ("2026-07-02", "2026-07-09")
    assert flood.outlets == ["Global Herald", "Daily Courier", "Evening Post", "Morning Ledger"]


def test_adding_one_article_keeps_ids_and_joins_its_story():
    index = build_stories(articles(KURSK) + articles(FLOOD)[:3])
    before = {s.id: list(s.article_ids) for s in index.stories()}
    story = index.add(article("f4", *FLOOD["f4"]))
    assert story == index.story_of("f1")
    after = {s.id: s.article_ids for s in index.stories()}
    assert set(after) == set(before)
    assert after[story] == before[story] + ["f4"]


def test_reports_weeks_apart_are_different_events():
    late = {k: (t, o, "2026-11-20" if k in ("f3", "f4") else d, x) for k, (t, o, d, x) in FLOOD.items()}
    assert story_sets(build_stories(articles(late))) == {frozenset({"f1", "f2"}), frozenset({"f3", "f4"})}


def test_unrelated_news_stays_out(shared_dir):
    path = shared_dir / "corpora" / "wikinews_en_2019_2020.jsonl"
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    index = build_stories(articles(KURSK) + articles(FLOOD) + wikinews_articles(path, ids))
    sets = story_sets(index)
    assert frozenset(KURSK) in sets and frozenset(FLOOD) in sets


def test_an_odd_date_is_no_date():
    odd = {k: (t, o, "²⁰²⁶-07-02", x) for k, (t, o, _, x) in FLOOD.items()}
    index = build_stories(articles(odd))
    assert [(s.first_published, s.last_published) for s in index.stories()] == [(None, None)]


def test_weighing_terms_once_for_a_batch_changes_no_story(shared_dir, monkeypatch):
    path = shared_dir / "corpora" / "wikinews_en_2019_2020.jsonl"
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = articles(KURSK) + articles(FLOOD) + wikinews_articles(path, ids)
    once = story_sets(build_stories(corpus))
    monkeypatch.setattr(StoryIndex, "fix_weights", lambda self: None)  # weighed afresh for every article
    assert story_sets(build_stories(corpus)) == once


QUAKE = {
    "q1": (
        "Strong earthquake shakes the Orlen highlands",
        "Global Herald",
        "2026-10-03",
        "A strong earthquake struck the Orlen highlands of Castria late on Friday, flattening mud-brick villages "
        "along the mountain roads. Rescue teams from the capital reached the valley towns by helicopter, and "
        "hospitals in Merrow asked residents to give blood. The interior ministry said 1,417 people had died and "
        "2,863 were injured, many of them in remote hamlets cut off by landslides.",
    ),
    "q2": (
        "Castria quake: toll revised",
        "Daily Courier",
        "2026-10-04",
        "Officials now count 1,417 dead and 2,863 hurt. King Aldric declared three days of national mourning.",
    ),
}


def test_a_short_report_sharing_the_events_numbers_joins_its_story(shared_dir):
    path = shared_dir / "corpora" / "wikinews_en_2019_2020.jsonl"
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    index = build_stories(articles(QUAKE) + articles(KURSK) + wikinews_articles(path, ids))
    assert index.story_of("q1") == index.story_of("q2")
    assert frozenset(KURSK) in story_sets(index)
