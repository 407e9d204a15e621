"""Parts and rival counts of one toll, on short reports written for these tests in our own words (a fictional
landslide in the Valmora highlands, with a district whose name outlets spell two ways)."""

from __future__ import annotations

from claims_fixtures import articles

from tui.corpus.claim_roles import role_of
from tui.corpus.claims import analyse_corpus
from tui.corpus.figures import figures_in_text

SLIDE = {
    "s1": (
        "Valmora landslides: toll disputed",
        "North Gazette",
        "2025-04-13",
        "Landslides after a week of rain buried hillside villages across the Valmora highlands. The interior "
        "ministry said on Sunday that 1,800 people had died. The mountain rescue service said on Sunday that 450 "
        "people were killed. More than 150 dead had been carried to the regional hospital in Torvik.",
    ),
    "s2": (
        "Valmora highlands landslides kill hundreds",
        "River Tribune",
        "2025-04-13",
        "The mountain rescue service said 450 people were killed in the Valmora highlands landslides, as the "
        "rains eased. Crews dug through mud in hillside villages with their hands.",
    ),
    "s3": (
        "Valmora landslides: district worst hit",
        "Coast Daily",
        "2025-04-14",
        "Relief agencies said 610 people died and 930 were injured in 14 villages in Sarnak Dol district, the "
        "worst hit by the Valmora highlands landslides. The interior ministry said the toll from the landslides "
        "across the highlands had risen to 1,950.",
    ),
    "s4": (
        "Valmora landslide survivors dig for relatives",
        "Sierra Post",
        "2025-04-14",
        "In hillside villages of the Valmora highlands, survivors of the landslides searched for relatives. "
        "Relief agencies estimate that 610 people were killed and 930 injured in 14 villages in Sernak Dol alone. "
        "The landslides killed 1,950 people, the interior ministry said.",
    ),
}


def claims_with(analysis, value: float):
    return [c for c in analysis.claims if any(v.value == value for v in c.values)]


def test_a_district_toll_is_not_the_national_toll():
    """610 dead in one district beside 1,950 in all: the district is a part, and so are its injured, however
    the outlets spell its name."""
    analysis = analyse_corpus(articles(SLIDE))
    (district,) = claims_with(analysis, 610)
    assert [v.value for v in district.values] == [610]
    assert district.article_ids == ["s3", "s4"]
    (injured,) = claims_with(analysis, 930)
    assert injured.article_ids == ["s3", "s4"]
    (national,) = claims_with(analysis, 1950)
    assert 610 not in [v.value for v in national.values]


def test_rival_counts_in_one_report_are_one_toll_that_disagrees():
    """Two authorities' tolls told on the same day, four times apart: one fact, and the sources disagree;
    the dead carried to a hospital are a fact of their own."""
    analysis = analyse_corpus(articles(SLIDE))
    (toll,) = claims_with(analysis, 1800)
    assert {450, 1800} <= {v.value for v in toll.values}
    assert toll.relation == "disagree"
    assert all(v.value != 150 for v in toll.values)


def test_a_bare_number_in_a_list_of_places_takes_the_list_role():
    text = "The quake killed 412 people in Arvel province, 96 in the province of Dunmore and 7 in Kestrel."
    assert [role_of(f) for f in figures_in_text(text)] == ["dead", "dead", "dead"]


def test_a_part_of_the_injured_with_a_role_of_its_own():
    for text in (
        "The ministry said 95 people died and 1,400 were hurt, of whom 310 were in a serious condition.",
        "The storm left 95 dead and 1,400 injured, 310 of them seriously.",
    ):
        roles = {f.value: role_of(f) for f in figures_in_text(text)}
        assert roles[1400] == "injured" and roles[310] == "critical", text


PAST = {
    "p1": (
        "Quake in Corvale: toll rises",
        "North Gazette",
        "2024-02-02",
        "The earthquake in Corvale has killed 3,100 people, officials said. It was the deadliest in the country "
        "since an earthquake in 1987 that killed more than 9,000 people.",
    ),
    "p2": (
        "Corvale earthquake toll rises to 3,400",
        "River Tribune",
        "2024-02-03",
        "The toll of the Corvale earthquake rose to 3,400, officials said on Saturday.",
    ),
}


def test_the_toll_of_a_past_event_is_not_this_events_toll():
    analysis = analyse_corpus(articles(PAST))
    (past,) = claims_with(analysis, 9000)
    assert [v.value for v in past.values] == [9000]
    (toll,) = claims_with(analysis, 3400)
    assert sorted(v.value for v in toll.values) == [3100, 3400]


def test_a_number_the_toll_rose_to_is_the_toll_however_far_the_word_toll():
    """Dates and magnitudes between the subject "toll" and its number do not hide the role."""
    text = (
        "The death toll of the magnitude 6 earthquake that struck the Corvale valley on March 3 and the towns "
        "around it has risen to 1,240, with 900 injured."
    )
    roles = {f.value: role_of(f) for f in figures_in_text(text) if f.kind == "count"}
    assert roles == {1240: "dead", 900: "injured"}


def test_a_range_agrees_with_a_value_inside_it():
    from tui.corpus.claim_relations import ValueFacts, classify

    expected = [
        ValueFacts(18000, ["2025-04-13"], [None], False, high=20000),
        ValueFacts(20000, ["2025-04-14"], [None], False),
    ]
    assert classify(expected, grows=True) == "agree"
    apart = [ValueFacts(18000, ["2025-04-13"], [None], False, high=19000), expected[1]]
    assert classify(apart, grows=True) != "agree"
