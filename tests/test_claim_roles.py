"""What a count is a toll of, and where: the pieces that keep two tolls of one story apart."""

from __future__ import annotations

from claims_fixtures import article, articles

from tui.corpus.claim_roles import fate_of, role_of
from tui.corpus.claims import analyse_corpus
from tui.corpus.figures import figures_in_text


def roles(text: str) -> dict[float, str | None]:
    return {f.value: role_of(f) for f in figures_in_text(text)}


def test_each_number_takes_its_own_cue():
    assert roles("The storm killed 41 people and injured more than 300 others in the valley.") == {
        41: "dead",
        300: "injured",
    }
    assert roles("At least 34 people died and 420 were hurt in the blast.") == {34: "dead", 420: "injured"}
    assert roles("A team of 25 divers who arrived on Monday has recovered six bodies.")[25] is None
    assert roles("The death toll from the landslide in the northern hills has now climbed to 87.")[87] == "dead"
    assert roles("Some 60 people have died, 700 wounded, dozens still missing.")[700] == "injured"
    assert roles("The toll from the magnitude 6.1 quake in the hills rose to 212.")[212] == "dead"


def test_tolls_of_two_places_are_two_claims_and_their_total_a_third():
    reports = {
        "a": ("Floods", "Global Herald", "2026-08-01", "Floods have killed 120 people in Assam and 45 in Bangladesh."),
        "b": ("Floods", "Daily Courier", "2026-08-01", "Officials said 120 people died in Assam, 45 in Bangladesh."),
        "c": ("Floods", "Evening Post", "2026-08-01", "The floods in the delta have killed 165 people so far."),
    }
    claims = analyse_corpus(articles(reports)).claims
    by_value = {v.value: c.id for c in claims for v in c.values}
    assert len({by_value[120], by_value[45], by_value[165]}) == 3


def test_a_wounded_count_never_joins_the_dead():
    reports = {
        "a": (
            "Blast at Tarnow chemical plant",
            "Global Herald",
            "2026-09-02",
            "The blast at the Tarnow chemical plant killed 30 people and wounded 400, Polish officials said.",
        ),
        "b": (
            "Tarnow chemical plant blast toll rises",
            "Daily Courier",
            "2026-09-03",
            "At least 34 people died and 420 were hurt in the blast at the Tarnow chemical plant, Polish officials said.",
        ),
    }
    claims = analyse_corpus([article(k, *v) for k, v in reports.items()]).claims
    dead = next(c for c in claims if any(v.value == 30 for v in c.values))
    assert sorted(v.value for v in dead.values) == [30, 34] and dead.relation == "update"


def _claim_of(claims, value: float):
    return next(c for c in claims if any(v.value == value for v in c.values))


def test_bodies_identified_or_handed_over_are_facts_apart_from_the_toll():
    reports = {
        "a": (
            "Ferry sinking off Tolvik",
            "Global Herald",
            "2026-05-11",
            "The ferry sinking off Tolvik has killed 212 people, the coast guard said. So far 96 bodies have been "
            "identified by relatives at the port.",
        ),
        "b": (
            "Tolvik ferry toll climbs",
            "Daily Courier",
            "2026-05-12",
            "At least 240 people died when the ferry sank off Tolvik, the coast guard said. Of them, 130 bodies "
            "have been handed over to families, and 110 are yet to be identified.",
        ),
    }
    claims = analyse_corpus(articles(reports)).claims
    toll = _claim_of(claims, 212)
    assert sorted(v.value for v in toll.values) == [212, 240]
    assert len({_claim_of(claims, x).id for x in (212, 96, 130, 110)}) == 4


def test_injured_sent_home_are_not_the_injured_toll_but_injured_taken_to_hospital_are():
    assert fate_of(next(iter(figures_in_text("Another 640 injured passengers had been released by Monday.")))) == (
        "discharged"
    )
    taken = next(iter(figures_in_text("In all, 900 injured people were sent to four hospitals in the district.")))
    assert fate_of(taken) is None


def test_a_share_of_the_remaining_dead_is_not_a_toll():
    f = next(f for f in figures_in_text("Clinics in the capital took in 150 of the remaining dead.") if f.value == 150)
    assert role_of(f) == "dead" and fate_of(f) == "part"


def test_a_toll_denied_beside_the_right_one_is_still_a_toll():
    found = roles("The governor said the number of deaths is 310 and not 325.")
    assert found == {310: "dead", 325: "dead"}


def test_a_role_cue_of_the_next_clause_is_not_the_figures():
    found = roles("The cyclone swept the coast, killing more than 1,400 people and injuring thousands more.")
    assert found[1400] == "dead"
    homes = roles("The quake flattened hundreds of homes and trapped families under the debris.")
    assert homes[100] is None


def test_a_factor_is_not_a_toll():
    assert roles("Aid groups warned that the toll could rise six-fold in the coming days.")[6] is None


def test_a_toll_of_an_earlier_quake_named_the_sentence_before_is_not_this_ones():
    reports = {
        "a": (
            "Quake in the Senna hills",
            "Global Herald",
            "2026-09-09",
            "The quake in the Senna hills has killed 2,310 people, the ministry said. The last quake this strong "
            "hit the Senna hills in 1954. It killed at least 9,000 people.",
        ),
        "b": (
            "Senna hills quake toll",
            "Daily Courier",
            "2026-09-10",
            "The quake in the Senna hills has killed 2,790 people, the ministry said on Sunday.",
        ),
    }
    claims = analyse_corpus(articles(reports)).claims
    assert _claim_of(claims, 2310) == _claim_of(claims, 2790)
    assert _claim_of(claims, 9000) != _claim_of(claims, 2310)


def test_a_share_between_a_count_and_its_verb_does_not_take_the_verb():
    found = roles("Some 80,000 people, more than 9% of the city, are unable to return to their homes.")
    assert found[80000] == "displaced"


def test_an_age_after_a_name_is_no_toll():
    found = roles("The twins' mother said her sons, Tomas Vell, 12, and Arno Vell, 10, died in the fire.")
    assert found[12] is None and found[10] is None


def test_a_toll_counted_in_a_few_places_or_among_the_dead_is_a_part_of_it():
    def fates(text: str) -> dict[float, str | None]:
        return {f.value: fate_of(f) for f in figures_in_text(text)}

    assert fates("Health officials recorded 61 deaths in four district hospitals.")[61] == "part"
    assert fates("Nine children were among the 212 people killed, officials said.")[9] == "part"
    assert fates("The dead included at least 14 tourists, the ministry said.")[14] == "part"


def test_a_cue_inside_a_phrase_with_and_is_still_the_figures():
    assert roles("Dozens more reportedly suffered from minor and severe injuries.")[12] == "injured"


def test_children_killed_are_a_part_of_the_toll_not_another_count_of_it():
    reports = {
        "a": (
            "Ferry fire off Sarno island",
            "Global Herald",
            "2026-07-14",
            "The ferry fire off Sarno island killed 92 people, the coast guard of Sarno said on Tuesday.",
        ),
        "b": (
            "Sarno island ferry fire",
            "Daily Courier",
            "2026-07-14",
            "Forty children died in the ferry fire off Sarno island, the coast guard of Sarno said on Tuesday.",
        ),
    }
    claims = analyse_corpus(articles(reports)).claims
    assert _claim_of(claims, 92) != _claim_of(claims, 40)
    assert _claim_of(claims, 92).relation == "single"


def test_a_toll_revised_or_exceeded_is_still_a_toll():
    long = "The death toll from the landslide that buried the hillside market of the old town on the river"
    assert roles(f"{long} has been revised down to 131, officials said.")[131] == "dead"
    assert roles(f"{long} had exceeded 140 by Tuesday, relatives said.")[140] == "dead"


def test_what_all_the_injured_are_going_through_is_no_part_of_them():
    text = "Many of the roughly 260 injured who are receiving treatment are in a serious condition."
    assert [fate_of(f) for f in figures_in_text(text)] == [None]


def test_a_part_among_the_dead_takes_the_role_of_the_whole():
    assert roles("Nine children were among the 212 people killed, officials said.")[9] == "dead"


def test_officers_killed_however_named_are_one_part_of_the_toll():
    place = "in the riot at the Velna stadium after the cup final on Saturday"
    reports = {
        "a": (
            "Velna stadium riot",
            "Global Herald",
            "2026-05-03",
            f"At least 88 people died {place}, and two cops were killed.",
        ),
        "b": (
            "Velna riot toll",
            "Daily Courier",
            "2026-05-03",
            f"Two police officers were among the deceased {place}.",
        ),
        "c": ("Riot at Velna stadium", "Evening Post", "2026-05-03", f"Two policemen died {place}, officials said."),
    }
    claims = analyse_corpus(articles(reports)).claims
    officers = [c for c in claims if any(v.value == 2 for v in c.values)]
    assert len(officers) == 1 and sorted(officers[0].article_ids) == ["a", "b", "c"]
    assert _claim_of(claims, 88) != officers[0]


def test_the_whole_a_part_is_taken_out_of_counts_what_the_part_counts():
    assert roles("Officials said that out of the 342, 96 bodies have been identified.")[342] == "dead"


def test_a_vague_count_of_passengers_holds_a_later_count_of_people():
    place = "when the express left the rails near Dunmere junction in the Tal valley"
    reports = {
        "a": ("Express derails", "Global Herald", "2026-06-02", f"Hundreds of passengers were injured {place}."),
        "b": ("Dunmere toll", "Daily Courier", "2026-06-03", f"Officials said 640 people were injured {place}."),
    }
    claims = analyse_corpus(articles(reports)).claims
    assert _claim_of(claims, 640) == _claim_of(claims, 100)


def test_a_toll_named_far_before_its_number_of_people_is_a_toll():
    long = "The death toll of the storm that flattened the fishing villages along the northern coast of the island"
    assert roles(f"{long} jumped to more than 1,900 people on Wednesday morning.")[1900] == "dead"
    assert roles(f"{long} crossed 2,400 on Thursday.")[2400] == "dead"


def test_a_part_named_with_its_own_cue_is_that_roles_count():
    """ "640 injured, including 150 seriously": 150 is the count of the seriously injured (its own cue), one fact
    with another report's "150 were in a serious condition"; "the dead included 12 children" stays a part."""
    own = {f.value: fate_of(f) for f in figures_in_text("The blast injured 640 people, including 150 seriously.")}
    assert own[150] is None
    whole = {f.value: fate_of(f) for f in figures_in_text("The dead included at least 12 children, officials said.")}
    assert whole[12] == "part"
    reports = {
        "a": ("Blast", "Global Herald", "2026-05-01", "The blast injured 640 people, including 150 seriously."),
        "b": (
            "Blast toll",
            "Daily Courier",
            "2026-05-01",
            "Officials said 640 people were hurt in the blast, of whom 150 were in a serious condition.",
        ),
        "c": ("Blast", "Evening Star", "2026-05-02", "Of the 640 injured in the blast, 150 are in serious condition."),
    }
    analysis = analyse_corpus(articles(reports))
    claims = {c.id for c in analysis.claims for v in c.values if v.value == 150}
    assert len(claims) == 1
