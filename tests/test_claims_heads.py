"""Figures of one fact whose reports name the counted thing differently, or not at all, on short reports written
for these tests in our own words (a fictional ferry fire at Port Velin): "people" beside a head naming who they
are, and a bare number that repeats the story's toll."""

from __future__ import annotations

from claims_fixtures import articles, claim_of

from tui.corpus.claims import analyse_corpus

FERRY = {
    "f1": (
        "Fire on Velin ferry kills 212",
        "Harbour Gazette",
        "2025-06-01",
        "A fire on the ferry Aster, carrying football fans home from a cup final, killed 212 people off Port Velin on Saturday. "
        "Hundreds of people jumped into the sea to escape the smoke from the burning deck.",
    ),
    "f2": (
        "Aster ferry fire toll at 212",
        "Island Wire",
        "2025-06-02",
        "The fire aboard the Aster left 212 people dead, the coast guard said. "
        "Hundreds of fans jumped into the sea to escape the smoke from the burning deck.",
    ),
    "f3": (
        "Velin mourns ferry dead",
        "Northern Ledger",
        "2025-06-02",
        "Port Velin held a vigil on Sunday for the 212 people killed in the Aster fire. "
        "Officials had put the figure as high as 212 by Sunday morning.",
    ),
    "f4": (
        "Velin ferry operator questioned",
        "Bay Observer",
        "2025-06-03",
        "Police questioned the operator of the Aster, whose fire killed 212 people off Port Velin. "
        "The ferry had been carrying 40 cars and 300 tourists.",
    ),
}


def test_people_and_a_named_head_of_one_crowd_are_one_fact() -> None:
    analysis = analyse_corpus(articles(FERRY))
    people = claim_of(analysis, "f1", "Hundreds of people")
    fans = claim_of(analysis, "f2", "Hundreds of fans")
    assert people.id == fans.id


def test_a_bare_number_repeating_the_toll_is_the_toll() -> None:
    analysis = analyse_corpus(articles(FERRY))
    toll = claim_of(analysis, "f1", "212 people")
    bare = claim_of(analysis, "f3", "212", then=" by Sunday")
    assert bare.id == toll.id


SMALL = {
    "s1": (
        "Two hurt in Velin market stampede",
        "Harbour Gazette",
        "2025-07-01",
        "Three people were hurt when a stall collapsed at the Velin market. Eight people ran from the market hall.",
    ),
    "s2": (
        "Velin market stall collapses",
        "Island Wire",
        "2025-07-01",
        "Eight fans ran from the market hall when a stall collapsed at the Velin market.",
    ),
}


def test_a_small_count_of_people_keeps_its_head_apart() -> None:
    """ "Eight people" and "eight fans": a number this small is too common to say the two counts are one."""
    analysis = analyse_corpus(articles(SMALL))
    people = claim_of(analysis, "s1", "Eight people")
    fans = claim_of(analysis, "s2", "Eight fans")
    assert people.id != fans.id


ARENA = {
    "a1": (
        "Crush at Dunmore arena",
        "Harbour Gazette",
        "2025-09-14",
        "A crush at the Dunmore arena killed 31 people on Saturday night. "
        "The arena can hold 25 000 people, and stewards said the gates were shut early.",
    ),
    "a2": (
        "Dunmore crush: tickets questioned",
        "Island Wire",
        "2025-09-15",
        "The crush at the Dunmore arena killed 31 people. "
        "The promoter said 25,000 tickets had been sold for an arena that was built to hold 22,000 people.",
    ),
    "a3": (
        "Dunmore arena crush toll 31",
        "Northern Ledger",
        "2025-09-15",
        "Thirty-one people died in the crush at the Dunmore arena. "
        "Organisers said 25,000 tickets were sold. The venue holds 25,000 people.",
    ),
}


def test_what_a_place_can_hold_is_not_how_many_tickets_were_sold() -> None:
    analysis = analyse_corpus(articles(ARENA))
    can_hold = claim_of(analysis, "a1", "25 000 people")
    sold = claim_of(analysis, "a2", "25,000 tickets")
    assert can_hold.id != sold.id  # same number, two facts
    assert claim_of(analysis, "a3", "25,000 tickets").id == sold.id
    assert claim_of(analysis, "a3", "25,000 people").id == can_hold.id  # "holds": the same fact as "can hold"
