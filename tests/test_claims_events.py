"""Claims on short reports of three real events (written for the tests, tests/claims_events.py)."""

from __future__ import annotations

import pytest
from claims_events import BEIRUT, SUEZ, TURKEY
from claims_fixtures import article, articles

from tui.corpus.claims import analyse_corpus


@pytest.fixture(scope="module")
def analysis():
    return analyse_corpus(articles(BEIRUT) + articles(SUEZ) + articles(TURKEY))


def claim_of(analysis, article_id: str, value: float):
    hits = [c for c in analysis.claims for v in c.values if v.value == value and article_id in v.article_ids]
    assert len(hits) == 1, f"{value} of {article_id} is in {len(hits)} claims"
    return hits[0]


def test_three_events_three_stories(analysis):
    stories = {frozenset(s.article_ids) for s in analysis.stories.stories()}
    assert stories == {frozenset(BEIRUT), frozenset(SUEZ), frozenset(TURKEY)}


def test_a_rising_death_toll_is_one_claim_of_updates(analysis):
    toll = claim_of(analysis, "b1", 78)
    assert [v.value for v in toll.values] == [78, 100, 135, 154]
    assert toll.relation == "update"
    assert claim_of(analysis, "b1", 4000) is not toll


def test_rounded_tonnage_agrees(analysis):
    tonnage = claim_of(analysis, "b1", 2750)
    assert tonnage is claim_of(analysis, "b2", 2700)
    assert tonnage.relation == "agree"


def test_one_length_in_two_units_agrees(analysis):
    length = claim_of(analysis, "s1", 400)
    assert length is claim_of(analysis, "s2", 1312)
    assert length.relation == "agree"


def test_a_growing_queue_is_not_a_disagreement(analysis):
    queue = claim_of(analysis, "s1", 150)
    assert {v.value for v in queue.values} == {150, 230, 422}
    assert queue.relation == "update"


def test_tolls_of_each_country_and_the_total_stay_apart(analysis):
    total = claim_of(analysis, "t1", 2300)
    turkey = claim_of(analysis, "t1", 1500)
    syria = claim_of(analysis, "t1", 810)
    assert len({total.id, turkey.id, syria.id}) == 3
    assert {v.value for v in turkey.values} == {1500, 3549, 5894}
    assert {v.value for v in syria.values} == {810, 1602, 1932}
    assert turkey.relation == syria.relation == "update"


def test_one_more_report_updates_only_its_story(analysis):
    before = {c.id: c.relation for c in analysis.claims if c.story != analysis.stories.story_of("b1")}
    story = analysis.add_article(
        article(
            "b5",
            "Beirut toll reaches 158",
            "Harbour Times",
            "2020-08-08",
            "The death toll from the Beirut port explosion reached 158 on Saturday, Lebanon's health ministry "
            "said, with 6,000 people wounded.",
        )
    )
    assert story == analysis.stories.story_of("b1")
    assert [v.value for v in claim_of(analysis, "b1", 78).values][-1] == 158
    after = {c.id: c.relation for c in analysis.claims if c.story != story}
    assert after == before


def test_a_changed_report_leaves_its_old_story():
    analysis = analyse_corpus(articles(BEIRUT) + articles(SUEZ))
    beirut = analysis.stories.story_of("b1")
    analysis.add_article(article("b4", *SUEZ["s3"]))  # the same id, now a report of the canal
    assert analysis.stories.story_of("b4") == analysis.stories.story_of("s1") != beirut
    toll = claim_of(analysis, "b1", 78)
    assert [v.value for v in toll.values] == [78, 100, 135]
    assert all("b4" not in c.article_ids for c in analysis.claims if c.story == beirut)
