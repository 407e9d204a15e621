"""Values of one named thing far apart in different reports, on short reports written for these tests in our own
words (a fictional landslide in the Karo valley): the same head, the same role and a verb their clauses share
make them one fact told with different numbers; things of different owners stay apart."""

from __future__ import annotations

from claims_fixtures import articles, claim_of

from tui.corpus.claims import analyse_corpus

VALLEY = {
    "k1": (
        "Landslide buries Karo valley hamlets",
        "Highland Post",
        "2025-04-10",
        "A landslide in the Karo valley has buried nine hamlets, the district governor said. "
        "Three wagons of the Karo mountain railway overturned when the slope gave way. "
        "Dozens of tremors followed the slide during the night.",
    ),
    "k2": (
        "Karo valley landslide: rescuers reach the slope",
        "Valley Courier",
        "2025-04-10",
        "About four hamlets have been buried by the landslide in the Karo valley, a council spokesman said. "
        "Rescuers from Tamsa reached the Karo valley slope on foot. "
        "At least 15 tremors followed the landslide, the observatory said.",
    ),
    "k3": (
        "Karo valley slide cuts the railway",
        "Plains Daily",
        "2025-04-11",
        "The landslide in the Karo valley cut the line after seven wagons of the Tamsa freight train overturned. "
        "Four hamlets were buried, residents said, and rescuers reached the Karo valley slope on foot.",
    ),
}


def test_far_apart_counts_of_one_named_thing_are_one_fact() -> None:
    analysis = analyse_corpus(articles(VALLEY))
    nine = claim_of(analysis, "k1", "nine hamlets")
    four = claim_of(analysis, "k2", "four hamlets")
    assert nine.id == four.id
    assert nine.relation != "agree"


def test_things_of_different_owners_stay_apart() -> None:
    analysis = analyse_corpus(articles(VALLEY))
    railway = claim_of(analysis, "k1", "Three wagons")
    freight = claim_of(analysis, "k3", "seven wagons")
    assert railway.id != freight.id


def test_a_vague_count_of_one_named_thing_holds_the_exact_one() -> None:
    analysis = analyse_corpus(articles(VALLEY))
    dozens = claim_of(analysis, "k1", "Dozens of tremors")
    fifteen = claim_of(analysis, "k2", "15 tremors")
    assert dozens.id == fifteen.id
