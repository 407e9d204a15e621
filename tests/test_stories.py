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


FERRY = {
    "v1": (
        "Ferry Marisol capsizes on Lake Tennow, dozens missing",
        "Global Herald",
        "2026-05-04",
        "The passenger ferry Marisol overturned on Lake Tennow on Monday evening near the port of Aldersby, "
        "with 212 people on board. Fishermen pulled survivors from the cold water until coast guard boats "
        "arrived from Kessing. Officials said 37 people had died and dozens were missing.",
    ),
    "v2": (
        "Marisol disaster: divers search the hull",
        "Daily Courier",
        "2026-05-05",
        "Navy divers searched the upturned hull of the Marisol on Tuesday as relatives gathered at the "
        "Aldersby pier. The toll on Lake Tennow rose to 58, with 212 passengers listed on the manifest, "
        "far above the 150 the ferry was licensed to carry.",
    ),
    "v3": (
        "Overloading blamed for Lake Tennow ferry sinking",
        "Evening Post",
        "2026-05-06",
        "Investigators in Aldersby said the Marisol carried 212 people and a cargo of cement sacks when a "
        "squall hit Lake Tennow. The ferry operator, Tennow Lines, had its licence suspended. The toll "
        "stands at 64; coast guard boats from Kessing are still searching the lake.",
    ),
    "v4": (
        "Aldersby mourns ferry victims",
        "Morning Ledger",
        "2026-05-08",
        "Funerals began in Aldersby for victims of the Marisol ferry, which sank on Lake Tennow with 212 "
        "aboard. The toll reached 71 as divers recovered more bodies; Tennow Lines apologised to families.",
    ),
}
# five weeks on: few words in common with any one report, the event's names and numbers spread over all of them
FOLLOW_UP = (
    "Five weeks on, Aldersby remembers",
    "Harbour Weekly",
    "2026-06-12",
    "Candles lined the Aldersby pier on Friday, five weeks after the Marisol went down on Lake Tennow. "
    "Choirs sang, a bell tolled once for each of the 71 dead of the 212 aboard, and a school unveiled a mural. Tennow Lines has not reopened; "
    "grieving parents asked when the inquiry would publish its findings.",
)
# the same weeks, a lake and a boat, but another place and nothing of the event
OTHER_LAKE = (
    "Regatta returns to Lake Brennic",
    "Harbour Weekly",
    "2026-06-10",
    "Sailing crews from six clubs raced on Lake Brennic on Saturday as the summer regatta returned after "
    "repairs to the marina. A junior crew from Westholm took the cup in a light breeze.",
)


def ferry_corpus(shared_dir, follow_up_date: str) -> list:
    path = shared_dir / "corpora" / "wikinews_en_2019_2020.jsonl"
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    title, outlet, _, text = FOLLOW_UP
    return [
        *articles(FERRY),
        article("v5", title, outlet, follow_up_date, text),
        article("o1", *OTHER_LAKE),
        *articles(KURSK),
        *wikinews_articles(path, ids),
    ]


def test_a_follow_up_weeks_later_joins_its_story_and_another_lake_stays_out(shared_dir):
    index = build_stories(ferry_corpus(shared_dir, "2026-06-12"))
    ferry = index.get(index.story_of("v1") or "")
    assert ferry is not None
    assert sorted(ferry.article_ids) == ["v1", "v2", "v3", "v4", "v5"]
    assert (ferry.first_published, ferry.last_published) == ("2026-05-04", "2026-06-12")
    assert frozenset(KURSK) in story_sets(index)


def test_a_report_months_later_is_another_story(shared_dir):
    index = build_stories(ferry_corpus(shared_dir, "2026-09-20"))
    assert index.story_of("v5") != index.story_of("v1")
