"""Claim rules for a rescue told over days, on short reports written for these tests in our own words (miners
trapped by a flooded gallery in a fictional Welsh pit): a count revised once, the trapped later counted with no
role word, work done that grows, periods counted back from each report, a day named with and without its year."""

from __future__ import annotations

from claims_fixtures import articles, claim_of

from tui.corpus.claims import analyse_corpus

MINE = {
    "m1": (
        "Miners trapped after gallery floods at Tredwyn pit",
        "Valley Echo",
        "2025-03-03",
        "Water burst into the Tredwyn colliery on March 2, 2025, trapping 30 miners in a lower gallery. "
        "Rescue crews have dug 8 metres through the mud towards the miners so far.",
    ),
    "m2": (
        "Thirty still trapped at Tredwyn",
        "Hill Courier",
        "2025-03-04",
        "Officials said 30 miners remain trapped underground at Tredwyn. "
        "Rescue crews dug 12 metres through the mud towards the trapped miners by Monday night. "
        "The miners have been trapped underground in the flooded gallery for the past two days.",
    ),
    "m3": (
        "Tredwyn count of trapped miners revised",
        "Border Times",
        "2025-03-06",
        "The number of miners trapped in the Tredwyn colliery has been revised to 31. "
        "According to an earlier list drawn up by the operator, 30 miners were trapped when the gallery flooded. "
        "The miners have been trapped underground in the flooded gallery since it flooded three days ago.",
    ),
    "m4": (
        "All Tredwyn miners brought out",
        "Coast Daily",
        "2025-03-09",
        "All 31 miners trapped at Tredwyn were brought to the surface on Sunday night, a week after the flood "
        "of March 2. The 31 miners were taken by ambulance to the hospital in Carrow.",
    ),
    "m5": (
        "Tredwyn miners thank their rescuers",
        "Sierra Post",
        "2025-03-10",
        "The 31 miners trapped at Tredwyn for a week thanked the rescue crews on Monday. "
        "Doctors in Carrow said the 31 miners were in good health.",
    ),
}


def test_a_count_revised_in_one_report_is_one_fact_that_changed():
    analysis = analyse_corpus(articles(MINE))
    trapped = claim_of(analysis, "m1", "30 miners")
    assert claim_of(analysis, "m3", "31") is trapped  # "has been revised to 31", beside "an earlier list ... 30"
    assert sorted({v.value for v in trapped.values}) == [30, 31]
    assert trapped.relation == "update"  # 30 for days, then 31 from the day it was revised: not 31 rounded


def test_the_trapped_counted_again_without_a_role_word_are_the_same_persons():
    analysis = analyse_corpus(articles(MINE))
    trapped = claim_of(analysis, "m1", "30 miners")
    assert claim_of(analysis, "m4", "31 miners", "were taken by ambulance") is trapped
    assert claim_of(analysis, "m5", "31 miners", "were in good health") is trapped


def test_trapping_gives_the_count_the_role_of_the_trapped():
    analysis = analyse_corpus(articles({k: MINE[k] for k in ("m1", "m2")}))
    assert claim_of(analysis, "m1", "30 miners") is claim_of(analysis, "m2", "30 miners")


def test_work_done_that_grows_between_days_is_an_update_not_a_dispute():
    analysis = analyse_corpus(articles(MINE))
    dug = claim_of(analysis, "m1", "8 metres")
    assert claim_of(analysis, "m2", "12 metres") is dug
    assert dug.relation == "update"


def test_periods_counted_back_from_each_report_differ_without_disagreeing():
    analysis = analyse_corpus(articles(MINE))
    since = claim_of(analysis, "m2", "two days")
    assert claim_of(analysis, "m3", "three days") is since  # the same wait, told on two days
    assert since.relation != "disagree"


def test_a_day_named_without_its_year_is_the_full_date_of_the_same_year():
    analysis = analyse_corpus(articles(MINE))
    assert claim_of(analysis, "m1", "March 2, 2025") is claim_of(analysis, "m4", "March 2")


LENGTHS = {
    "m6": (
        "Divers reach the trapped Tredwyn miners",
        "Border Times",
        "2025-03-07",
        "Divers swam 300 metres to reach a chamber 70 metres below the surface where the Tredwyn miners sheltered. "
        "Rescue crews had drilled 28 metres through the mud towards the trapped miners by Thursday, engineers said. "
        "The miners will crawl out through a steel escape pipe of 900 mm.",
    ),
    "m7": (
        "Pumps fail at Tredwyn",
        "Hill Courier",
        "2025-03-08",
        "The deepest chamber of the Tredwyn pit lies 280 metres below the surface, where the miners sheltered. "
        "Engineers said about 30 metres of mud still separate the rescue crews from the trapped miners. "
        "The miners will crawl out through a steel escape pipe 90cm wide.",
    ),
}


def test_a_measure_sharing_its_sentence_is_compared_by_the_words_on_its_side():
    analysis = analyse_corpus(articles(MINE | LENGTHS))
    swum = claim_of(analysis, "m6", "300 metres")  # "chamber", "below the surface" belong to the 70 metres
    assert claim_of(analysis, "m7", "280 metres") is not swum
    assert swum.relation != "disagree"


def test_progress_towards_a_length_is_not_that_length():
    analysis = analyse_corpus(articles(MINE | LENGTHS))
    drilled = claim_of(analysis, "m6", "28 metres")
    assert claim_of(analysis, "m7", "30 metres") is not drilled
    assert not [c for c in analysis.claims if c.relation == "disagree"]


_SANK = "the ferry Marisol sank in a storm off Kell island in the Orrin strait"
FERRY = {
    "f1": ("Ferry Marisol sinks off Kell", "Valley Echo", "2025-06-01", f"At least 50 people died when {_SANK}."),
    "f2": ("Marisol toll rises", "Hill Courier", "2025-06-02", f"120 people died when {_SANK}, the coast guard said."),
    "f3": ("Marisol: port counts fewer", "Border Times", "2025-06-03", f"110 people died when {_SANK}, the port said."),
    "f4": ("Marisol toll passes 200", "Coast Daily", "2025-06-04", f"Divers say 200 people died when {_SANK}."),
    "f5": ("Marisol toll climbs", "Sierra Post", "2025-06-05", f"Officials now say 230 people died when {_SANK}."),
}


def test_a_toll_that_climbs_over_the_days_with_one_lagging_count_is_an_update():
    analysis = analyse_corpus(articles(FERRY))
    toll = claim_of(analysis, "f1", "50 people")
    assert sorted(v.value for v in toll.values) == [50, 110, 120, 200, 230]
    assert toll.relation == "update"  # not merely "differ": 110 the day after 120 does not undo the climb


def test_millimetres_and_centimetres_of_one_pipe_are_one_measure():
    analysis = analyse_corpus(articles(MINE | LENGTHS))
    pipe = claim_of(analysis, "m6", "900 mm")
    assert claim_of(analysis, "m7", "90cm") is pipe
    assert pipe.relation == "agree"
