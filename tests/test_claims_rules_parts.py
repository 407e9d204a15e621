"""Claim rules for parts of a toll and periods, on short reports written for these tests in our own words (a
fire at a concert hall in a made-up city, Velmora)."""

from __future__ import annotations

from claims_fixtures import articles

from tui.corpus.claims import analyse_corpus

HALL = {
    "h1": (
        "Fire at Velmora concert hall kills 150",
        "Harbour Times",
        "2031-04-02",
        "A fire tore through the Orion concert hall in Velmora on Saturday night, and 150 people were killed, "
        "the city's fire chief said. In the panic, 34 died inside the hall, including two officers, and the rest "
        "died later in hospitals.",
    ),
    "h2": (
        "Velmora fire: toll at 152",
        "Valley Courier",
        "2031-04-02",
        "At least 152 people died after the fire at the Orion hall in Velmora, officials said. Two members of "
        "the police force are among the victims, the city's police chief said. 34 people were killed inside the "
        "hall, he added.",
    ),
    "h3": (
        "Velmora mourns concert fire victims",
        "Northern Ledger",
        "2031-04-04",
        "Velmora has buried most of its dead. Around 40 of them are believed to have died of smoke inhalation, "
        "doctors said. 124 have been identified and the rest have not, the governor said.",
    ),
    "h4": (
        "Families wait for news after Velmora fire",
        "Coast Review",
        "2031-04-04",
        "Officials said 124 people have been identified so far. The Orion hall had been closed for a decade "
        "before it reopened last year.",
    ),
    "h5": (
        "Orion hall had a troubled history",
        "Metro Daily",
        "2031-04-05",
        "The toll from the Velmora fire climbed to 160 and was expected to rise further. Two police officers "
        "were among the dead. The hall had stood empty for 12 years before its owners reopened it.",
    ),
}


def claim_holding(analysis, article_id: str, value: float):
    (claim,) = [c for c in analysis.claims if any(v.value == value and article_id in v.article_ids for v in c.values)]
    return claim


def test_a_much_smaller_toll_reported_days_later_is_a_part_not_the_toll():
    analysis = analyse_corpus(articles(HALL))
    toll = claim_holding(analysis, "h1", 150)
    assert 40 not in [v.value for v in toll.values]
    assert claim_holding(analysis, "h3", 40) is not toll


def test_a_toll_still_expected_to_rise_is_counted_not_an_estimate():
    analysis = analyse_corpus(articles(HALL))
    toll = claim_holding(analysis, "h1", 150)
    assert [v.value for v in toll.values] == [150, 152, 160]
    assert toll.relation == "update"


def test_deaths_at_one_site_beside_a_larger_toll_are_a_part_of_it():
    analysis = analyse_corpus(articles(HALL))
    inside = claim_holding(analysis, "h1", 34)
    assert inside is not claim_holding(analysis, "h1", 150)
    assert inside.article_ids == ["h1", "h2"]


def test_officers_among_the_dead_are_one_fact_however_worded():
    analysis = analyse_corpus(articles(HALL))
    officers = claim_holding(analysis, "h1", 2)
    assert officers.article_ids == ["h1", "h2", "h5"]


def test_persons_identified_are_one_fact_with_or_without_a_head_noun():
    analysis = analyse_corpus(articles(HALL))
    identified = claim_holding(analysis, "h3", 124)
    assert identified.article_ids == ["h3", "h4"]


def test_a_decade_and_twelve_years_are_one_period_that_agrees():
    analysis = analyse_corpus(articles(HALL))
    closed = claim_holding(analysis, "h4", 1)
    assert {v.article_ids[0] for v in closed.values} == {"h4", "h5"}
    assert closed.relation == "agree"


FERRY = {
    "f1": (
        "Ferry capsizes off Keldra, dozens feared dead",
        "Island Voice",
        "2031-06-01",
        "The ferry capsized off Keldra and at least 60 people were killed, the coast guard said. Two coaches "
        "crashed onto the crowded car deck, killing 12 passengers. Among the dead was Tomas Vey, 14 - who was travelling with his school.",
    ),
    "f2": (
        "Keldra ferry disaster: schoolboy among victims",
        "Bay Chronicle",
        "2031-06-02",
        "The dead include Tomas Vey, 14, who was on a school trip, the coast guard said. Two coaches fell into "
        "the sea when the ferry rolled over.",
    ),
}


def test_things_with_a_plural_in_es_are_never_a_toll():
    analysis = analyse_corpus(articles(FERRY))
    coaches = claim_holding(analysis, "f1", 2)
    assert all(g.role is None for g in analysis.groups if g.claim == coaches.id)


def test_an_age_after_a_name_is_one_fact_however_set_off():
    analysis = analyse_corpus(articles(FERRY))
    age = claim_holding(analysis, "f2", 14)
    assert age.article_ids == ["f1", "f2"]


BORDER = {
    "b1": (
        "Earthquake on the Norland-Ostria border kills 900",
        "Plains Herald",
        "2031-09-01",
        "A magnitude 7.1 earthquake struck the Norland-Ostria border region near Karsk on Monday. In Norland, "
        "700 people were killed, and 200 died in Ostria, officials said. Rescuers searched collapsed buildings "
        "in Karsk.",
    ),
    "b2": (
        "Norland-Ostria earthquake toll rises",
        "Delta News",
        "2031-09-02",
        "The toll of the magnitude 7.1 earthquake near Karsk on the Norland-Ostria border rose to 1,400 in "
        "Norland on Tuesday, while 380 were killed in Ostria. Rescuers searched collapsed buildings.",
    ),
    "b3": (
        "Rescuers fly to Norland after Karsk earthquake",
        "Upland Times",
        "2031-09-02",
        "Two rescue teams departed for Norland on Tuesday to search collapsed buildings after the magnitude 7.1 "
        "earthquake near Karsk that left thousands dead there. The earthquake on the Norland-Ostria border "
        "killed 1,800 people in both countries.",
    ),
}


def test_a_toll_given_for_there_belongs_to_the_place_named_before():
    analysis = analyse_corpus(articles(BORDER))
    thousands = claim_holding(analysis, "b3", 1000)
    assert thousands is claim_holding(analysis, "b2", 1400)
    assert thousands is not claim_holding(analysis, "b3", 1800)
