"""Claims: one fact of a story however outlets word it, and how their values relate."""

from __future__ import annotations

import pytest
from claims_fixtures import FLOOD, KURSK, articles

from tui.corpus.claims import analyse_corpus
from tui.corpus.store import Corpus


def claim_with(claims, surface: str):
    hits = [c for c in claims if any(surface in f.surface for v in c.values for f in v.figures)]
    assert len(hits) == 1, f"{surface!r} is in {len(hits)} claims"
    return hits[0]


@pytest.fixture(scope="module")
def written():
    return analyse_corpus(articles(KURSK) + articles(FLOOD))


def test_sappers_are_one_claim_however_worded(written):
    sappers = claim_with(written.claims, "1,000 deminers")
    surfaces = {f.surface for v in sappers.values for f in v.figures}
    assert surfaces == {
        "1,000 deminers",
        "one thousand sappers",
        "1K mine clearance specialists",
        "1,000 demining personnel",
        "1,000 combat engineers",
    }
    assert sappers.relation == "agree"


def test_builders_are_their_own_claim_and_the_total_is_their_sum(written):
    builders = claim_with(written.claims, "5,000 builders")
    assert {f.surface for v in builders.values for f in v.figures} >= {"5,000 labourers", "5,000 construction workers"}
    total = claim_with(written.claims, "6,000 people")
    assert total.relation == "sum"
    assert set(total.parts) == {builders.id, claim_with(written.claims, "1,000 deminers").id}


def test_visits_in_different_windows_are_not_a_disagreement(written):
    visits = claim_with(written.claims, "second visit")
    assert visits is claim_with(written.claims, "third trip")
    assert visits.relation == "different windows"
    assert {v.window for v in visits.values} == {"this month", "in three months"}


def test_a_rising_toll_is_an_update(written):
    toll = claim_with(written.claims, "200 people")
    assert [v.value for v in toll.values] == [200, 260, 330, 410]
    assert toll.relation == "update"


def test_different_tolls_on_one_day_differ_unless_told_for_the_same_moment():
    text = FLOOD["f1"][3]
    day = {
        "a": ("Floods kill 200", "Global Herald", "2026-07-04", text),
        "b": ("Floods kill 240", "Daily Courier", "2026-07-04", text.replace("200", "240")),
    }
    toll = claim_with(analyse_corpus(articles(day)).claims, "200 people")
    assert [v.value for v in toll.values] == [200, 240]
    assert toll.relation == "differ"  # hours apart, a toll can grow: not "outlets disagree"
    at_six = {k: (t, o, d, body.replace("officials", "as of 6 pm, officials")) for k, (t, o, d, body) in day.items()}
    toll = claim_with(analyse_corpus(articles(at_six)).claims, "200 people")
    assert toll.relation == "disagree"


def test_every_figure_in_at_most_one_claim(written):
    seen = set()
    for c in written.claims:
        for v in c.values:
            for f in v.figures:
                key = (f.article_id, f.start)
                assert key not in seen
                seen.add(key)


def test_claims_never_cross_stories(written):
    for c in written.claims:
        assert {a[0] for a in c.article_ids} in ({"k"}, {"f"}), c.label


def test_reprints_count_as_one_source():
    wire = dict(KURSK)
    title, _, day, text = wire["k1"]
    wire["k6"] = (title, "Reprint Daily", day, text.replace("North Korea", "Pyongyang's government", 1))
    sappers = claim_with(analyse_corpus(articles(wire)).claims, "1,000 deminers")
    assert sappers.sources["reports"] == 6 and sappers.sources["independent"] == 5
    assert ["k1", "k6"] in sappers.sources["groups"]


def test_bundled_story_done_when(seed_corpus):
    found, _ = Corpus(seed_corpus).load_all()
    result = analyse_corpus(found)
    assert len(result.stories.stories()) == 1
    sappers = claim_with(result.claims, "1000 sappers")
    assert len(sappers.article_ids) == 5 and sappers.relation == "agree"
    builders = claim_with(result.claims, "5,000 North Korean military builders")
    assert len(builders.article_ids) == 5 and builders is not sappers
    total = claim_with(result.claims, "6,000 troops")
    assert total.relation == "sum" and set(total.parts) == {sappers.id, builders.id}
    visits = claim_with(result.claims, "second visit")
    assert visits is claim_with(result.claims, "third visit")
    assert visits.relation == "different windows"
    soldiers_15k = claim_with(result.claims, "15,000 North Korean soldiers")
    assert soldiers_15k is not claim_with(result.claims, "15,000 such labourers")
