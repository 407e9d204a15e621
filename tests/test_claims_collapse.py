"""Claim rules for a building collapse told over days, on short reports written for these tests in our own words
(a fictional hotel collapse in the town of Marrow): a number hyphened to a noun ("the 9-storey hotel") is what it
names, ages are no counts, those accounted for are not the missing, victims with no other cue are the dead, a
toll named after the number ("two of the deaths") holds a part, a day ("May 3") is no rival count, and a toll
of a year named at the sentence's opening belongs to that year's event."""

from __future__ import annotations

from claims_fixtures import articles, claim_of

from tui.corpus.claims import analyse_corpus

HOTEL = {
    "h1": (
        "Nine-storey hotel collapses in Marrow",
        "Marrow Herald",
        "2025-05-04",
        "Rescuers pulled three bodies from the rubble of the 9-storey Grand Marrow hotel on Sunday, taking the toll "
        "to 9. Officials said 120 guests had been accounted for and 130 people were still unaccounted for. "
        "Two of the confirmed deaths are children, ages four and nine.",
    ),
    "h2": (
        "Marrow hotel toll rises",
        "Coastal Wire",
        "2025-05-05",
        "Two more bodies were found on Monday, bringing the death toll from the May 3 collapse to 14 people on Monday. "
        "Next of kin of 12 of them have been notified, and 130 people remain unaccounted for.",
    ),
    "h3": (
        "Marrow hotel search goes on",
        "Daily Ledger",
        "2025-05-06",
        "Crews working on the 9-storey Grand Marrow hotel have now found 17 victims in all, the mayor said. "
        "Three victims who have yet to be identified were taken to the county morgue. "
        "Calls from relatives pushed the number of people accounted for up to 150 and cut the number of missing. "
        "In 1998, a stand at the Marrow stadium collapsed, killing 16 people.",
    ),
}


def test_a_number_hyphened_to_a_noun_is_what_it_names_not_a_toll() -> None:
    analysis = analyse_corpus(articles(HOTEL))
    storeys = claim_of(analysis, "h1", "9", then="-storey")
    toll = claim_of(analysis, "h1", "9", then=". Officials")
    assert storeys.id != toll.id
    assert claim_of(analysis, "h3", "9", then="-storey").id == storeys.id


def test_those_accounted_for_are_not_the_missing() -> None:
    analysis = analyse_corpus(articles(HOTEL))
    accounted = claim_of(analysis, "h1", "120 guests")
    missing = claim_of(analysis, "h1", "130 people")
    assert accounted.id != missing.id
    assert claim_of(analysis, "h2", "130 people").id == missing.id
    assert claim_of(analysis, "h3", "150").id != missing.id  # "accounted for up to 150 and cut the number of missing"


def test_ages_and_parts_named_after_the_number_are_not_the_toll() -> None:
    analysis = analyse_corpus(articles(HOTEL))
    toll = claim_of(analysis, "h1", "9", then=". Officials")
    assert claim_of(analysis, "h1", "four").id != toll.id  # "ages four and nine"
    assert claim_of(analysis, "h1", "Two").id != toll.id  # "two of the confirmed deaths"
    assert claim_of(analysis, "h2", "12").id != toll.id  # "next of kin of 12 of them have been notified"


def test_a_day_of_the_month_is_no_rival_count_and_a_past_year_is_another_event() -> None:
    analysis = analyse_corpus(articles(HOTEL))
    toll = claim_of(analysis, "h2", "14 people")
    assert toll.id == claim_of(analysis, "h1", "9", then=". Officials").id
    assert claim_of(analysis, "h3", "16 people").id != toll.id  # "In 1998 ... killing 16 people"


def test_victims_with_no_other_cue_are_the_dead_and_not_yet_identified_a_part() -> None:
    analysis = analyse_corpus(articles(HOTEL))
    toll = claim_of(analysis, "h2", "14 people")
    assert claim_of(analysis, "h3", "17 victims").id == toll.id
    assert claim_of(analysis, "h3", "Three victims").id != toll.id
