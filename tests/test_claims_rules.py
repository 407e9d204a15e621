"""Claim rules on short reports written for these tests, in our own words (an earthquake in the Andes)."""

from __future__ import annotations

from claims_fixtures import articles

from tui.corpus.claims import analyse_corpus

QUAKE = {
    "q1": (
        "Strong earthquake shakes Andean valley",
        "North Gazette",
        "2024-03-10",
        "A 6.9 magnitude earthquake struck the Andean valley before dawn on Sunday, officials in Cuzco said. "
        "The quake was centred 30 kilometres from the town of Urcos. At least 40 people were killed.",
    ),
    "q2": (
        "Quake kills dozens in Peru",
        "River Tribune",
        "2024-03-10",
        "The 6.9 quake hit the valley near Cuzco early on Sunday, killing 52 people, rescuers said. "
        "Its epicentre lay 30 kilometres from Urcos, and a second tremor followed 90 kilometres away.",
    ),
    "q3": (
        "Peru tremor toll climbs",
        "Coast Daily",
        "2024-03-10",
        "Sunday's 6.9 magnitude tremor in the Andes near Cuzco has now killed 75 people, the civil defence "
        "office said in the evening, as aftershocks rattled Urcos.",
    ),
    "q4": (
        "Andes earthquake: toll passes 100",
        "Sierra Post",
        "2024-03-11",
        "The toll from the magnitude 6.9 earthquake near Cuzco rose to 104 on Monday, Peru's civil defence said.",
    ),
}


def claims_with(analysis, value: float):
    return [c for c in analysis.claims if any(v.value == value for v in c.values)]


def test_one_magnitude_however_each_report_names_the_quake():
    analysis = analyse_corpus(articles(QUAKE))
    (magnitude,) = claims_with(analysis, 6.9)
    assert magnitude.article_ids == ["q1", "q2", "q3", "q4"]
    assert magnitude.relation == "agree"


def test_a_magnitude_between_the_word_toll_and_its_number_does_not_hide_the_toll():
    analysis = analyse_corpus(articles(QUAKE))
    (toll,) = claims_with(analysis, 104)
    assert [v.value for v in toll.values] == [40, 52, 75, 104]
    assert toll.relation == "update"


DAM = {
    "d1": (
        "Ribeira dam bursts above Vale, villages flooded",
        "North Gazette",
        "2024-05-02",
        "The Ribeira dam above Vale burst on Thursday and floodwater swept through villages 20 kilometres "
        "downstream, engineers of the Vale water board said. Rescuers in boats searched the flooded villages "
        "below the Ribeira dam.",
    ),
    "d2": (
        "Ribeira dam flood spreads below Vale",
        "Coast Daily",
        "2024-05-03",
        "Floodwater from the burst Ribeira dam above Vale has reached villages 60 kilometres downstream, "
        "engineers of the Vale water board said, as rescuers in boats searched flooded villages.",
    ),
}


def test_lengths_reported_days_apart_do_not_grow_into_one_claim():
    analysis = analyse_corpus(articles(DAM))
    (near,) = claims_with(analysis, 20)
    (far,) = claims_with(analysis, 60)
    assert near is not far


def test_tolls_published_in_the_same_hour_disagree_hours_apart_are_an_update():
    def reports(first: str, second: str) -> dict[str, tuple[str, str, str, str]]:
        body = "The flood below the Ribeira dam has killed {} people, the civil defence office in Vale said."
        return {
            "h1": ("Vale flood toll", "North Gazette", first, body.format(12)),
            "h2": ("Vale flood deaths", "Coast Daily", second, body.format(19)),
        }

    (same_hour,) = claims_with(analyse_corpus(articles(reports("2024-05-02T09:10", "2024-05-02T09:40"))), 12)
    assert same_hour.relation == "disagree"
    (apart,) = claims_with(analyse_corpus(articles(reports("2024-05-02T09:10", "2024-05-02T17:40"))), 12)
    assert apart.relation == "update"  # the later report has the higher toll


CYCLONE = {
    "c1": (
        "Cyclone Mara kills hundreds in Malawi and Mozambique",
        "North Gazette",
        "2024-02-01",
        "Cyclone Mara has killed 420 people in Malawi and Mozambique, officials said on Thursday. In Malawi, "
        "300 people died and 120 were killed in Mozambique, where hundreds of homes were destroyed.",
    ),
    "c2": (
        "Mara toll rises across Malawi and Mozambique",
        "River Tribune",
        "2024-02-02",
        "The toll from Cyclone Mara rose to 510 in Malawi and Mozambique on Friday, with thousands more injured. "
        "Hundreds of buildings collapsed in Blantyre, disaster officials said.",
    ),
    "c3": (
        "Malawi counts its dead after Cyclone Mara",
        "Coast Daily",
        "2024-02-02",
        "Cyclone Mara killed 370 people in Malawi, the government said on Friday, while rescuers searched "
        "flattened villages near Blantyre. About 2,000 people were injured.",
    ),
    "c4": (
        "Cyclone Mara: 560 dead",
        "Sierra Post",
        "2024-02-03",
        "At least 560 people have died in Malawi and Mozambique since Cyclone Mara made landfall, and 2,400 "
        "were injured, officials in Blantyre and Maputo said on Saturday.",
    ),
}


def test_a_toll_for_two_countries_is_not_the_toll_of_one():
    analysis = analyse_corpus(articles(CYCLONE))
    (both,) = claims_with(analysis, 420)
    (malawi,) = claims_with(analysis, 370)
    assert [v.value for v in both.values] == [420, 510, 560]
    assert [v.value for v in malawi.values] == [300, 370]
    assert both.relation == malawi.relation == "update"


def test_vague_homes_and_more_injured_stay_out_of_the_tolls():
    analysis = analyse_corpus(articles(CYCLONE))
    for vague in claims_with(analysis, 100) + claims_with(analysis, 1000):
        assert len(vague.values) == 1, vague.label


def test_a_toll_of_a_country_and_its_neighbour_holds_for_both():
    from tui.corpus.claim_scope import places_near
    from tui.corpus.figures import figures_in_text

    text = "The storm killed 640 people in Malawi and neighbouring Mozambique; 410 died in Malawi alone."
    assert {f.value: places_near(f) for f in figures_in_text(text)} == {
        640: {"Malawi", "Mozambique"},
        410: {"Malawi"},
    }


RELIEF = {
    "r1": (
        "Kosi floods: over ten lakh hit in Bihar",
        "North Gazette",
        "2025-08-11",
        "Floodwater from the Kosi has reached 10.3 lakh people in 14 districts of Bihar, who remain affected, "
        "the state disaster management department in Patna said on Monday.",
    ),
    "r2": (
        "Bihar flood: camps fill up along the Kosi",
        "River Tribune",
        "2025-08-12",
        "About 7,00,000 people are sheltering in 1,100 relief camps along the Kosi in Bihar, the state disaster "
        "management department in Patna said on Tuesday, as floodwater spread to new districts.",
    ),
}


def test_people_affected_and_people_in_relief_camps_are_two_facts():
    """Both count "people", on consecutive days, 1.47x apart: nothing but what the sentences say of them
    tells that one is everyone the flood reached and the other those sheltering in camps."""
    analysis = analyse_corpus(articles(RELIEF))
    (affected,) = claims_with(analysis, 1_030_000)
    (sheltering,) = claims_with(analysis, 700_000)
    assert affected is not sheltering
    assert affected.relation == sheltering.relation == "single"


def test_a_toll_someone_expects_is_not_the_toll_counted():
    reports = {
        "p1": (
            "Landslide above Vale buries homes",
            "North Gazette",
            "2024-05-02",
            "The landslide above Vale has killed 150 people, the civil defence office said on Thursday.",
        ),
        "p2": (
            "Vale landslide: mayor fears worst",
            "Coast Daily",
            "2024-05-02",
            "The toll from the landslide above Vale could reach 200, the mayor told the civil defence office.",
        ),
    }
    analysis = analyse_corpus(articles(reports))
    (counted,) = claims_with(analysis, 150)
    (expected,) = claims_with(analysis, 200)
    assert counted is not expected


def test_two_sources_set_against_each_other_in_one_sentence_disagree():
    reports = {
        "w1": (
            "Vale flood: toll disputed",
            "North Gazette",
            "2024-05-03",
            "A doctor at the Vale hospital said 90 people had died in the flood below the Ribeira dam, while the "
            "regional governor put the toll at 140.",
        ),
        "w2": (
            "Vale flood toll",
            "Coast Daily",
            "2024-05-03",
            "The flood below the Ribeira dam has killed 140 people in Vale, the regional governor said.",
        ),
    }
    (toll,) = claims_with(analyse_corpus(articles(reports)), 140)
    assert sorted(v.value for v in toll.values) == [90, 140]
    assert toll.relation == "disagree"


def test_a_sentence_telling_a_rise_is_an_update_not_a_dispute():
    reports = {
        "u1": (
            "Vale flood toll rises",
            "North Gazette",
            "2024-05-03",
            "The flood below the Ribeira dam has killed 140 people in Vale, up from 90 on Thursday, while "
            "rescuers kept searching, the regional governor said.",
        ),
        "u2": (
            "Vale flood toll",
            "Coast Daily",
            "2024-05-02",
            "The flood below the Ribeira dam has killed 90 people in Vale, the regional governor said.",
        ),
    }
    (toll,) = claims_with(analyse_corpus(articles(reports)), 140)
    assert toll.relation != "disagree"


STORM = {
    "s1": (
        "Storm Lira floods Porto Sul",
        "North Gazette",
        "2024-10-08",
        "Storm Lira has left tens of thousands homeless in Porto Sul after the river burst its banks, and "
        "thousands are still unaccounted for, the port city's mayor said.",
    ),
    "s2": (
        "Porto Sul flood: 10,000 missing",
        "Coast Daily",
        "2024-10-08",
        "The floods from Storm Lira left 30,000 people homeless in Porto Sul, the mayor said, and 10,000 are "
        "still missing after the river burst its banks.",
    ),
}


def test_a_vague_amount_of_the_role_itself_joins_the_exact_toll_it_holds():
    analysis = analyse_corpus(articles(STORM))
    (homeless,) = claims_with(analysis, 30_000)
    (missing,) = [c for c in analysis.claims if any(v.value == 10_000 and not v.words for v in c.values)]
    assert homeless is not missing
    assert [v.words for v in homeless.values if v.words] == ["tens of thousands"]
    assert [v.words for v in missing.values if v.words] == ["thousands"]
    assert homeless.relation == missing.relation == "agree"


def test_a_small_count_of_one_thing_repeated_across_a_story_is_one_fact():
    storm = (
        "Storm Lira flooded Porto Sul on Sunday night, the mayor said; the river burst its banks and swept away homes."
    )
    reports = {
        "t1": (
            "Porto Sul dams give way",
            "North Gazette",
            "2024-10-08",
            f"{storm} The storm burst two dams above the town.",
        ),
        "t2": (
            "Porto Sul counts the cost",
            "Coast Daily",
            "2024-10-09",
            f"{storm} Residents heard loud bangs as two dams upstream collapsed under the rain.",
        ),
        "t3": (
            "Why Porto Sul flooded",
            "River Tribune",
            "2024-10-10",
            f"{storm} Engineers had warned for years that two dams in the hills were cracked.",
        ),
    }
    (dams,) = claims_with(analyse_corpus(articles(reports)), 2)
    assert dams.article_ids == ["t1", "t2", "t3"]


def test_shares_of_one_thing_that_differ_disagree():
    reports = {
        "x1": (
            "Porto Sul flood",
            "North Gazette",
            "2024-10-08",
            "The flood from Storm Lira destroyed a fifth of the port city of Porto Sul, the mayor said.",
        ),
        "x2": (
            "Porto Sul after the storm",
            "Coast Daily",
            "2024-10-08",
            "A quarter of the port city of Porto Sul was washed away by Storm Lira, aid workers said.",
        ),
    }
    (share,) = claims_with(analyse_corpus(articles(reports)), 0.25)
    assert sorted(v.value for v in share.values) == [0.2, 0.25]
    assert share.relation == "disagree"


def test_two_years_given_for_one_event_disagree():
    story = "The fertiliser that blew up in the port of Vale had been stored in warehouse 9 since it was seized"
    reports = {
        "y1": ("Vale port blast: the cargo", "North Gazette", "2024-08-05", f"{story} from a ship in 2013."),
        "y2": ("How the Vale cargo came ashore", "Coast Daily", "2024-08-06", f"{story} from a ship in 2014."),
    }
    (year,) = claims_with(analyse_corpus(articles(reports)), 2013)
    assert sorted(v.value for v in year.values) == [2013, 2014]
    assert year.relation == "disagree"


HILLS = {
    "h1": (
        "Quake in the Serra hills",
        "North Gazette",
        "2024-11-02",
        "A magnitude 6.4 earthquake struck the Serra hills 35 kilometres north of Vale on Saturday, the "
        "observatory said. Officials said 300 people were injured and 410 houses were destroyed.",
    ),
    "h2": (
        "Serra hills quake flattens villages",
        "Coast Daily",
        "2024-11-02",
        "The 6.3 magnitude earthquake in the Serra hills, 40 kilometres north of Vale, flattened villages on "
        "Saturday, the observatory said.",
    ),
    "h3": (
        "Serra quake: the day after",
        "River Tribune",
        "2024-11-03",
        "Rescuers in the Serra hills searched villages a day after the 6.2 magnitude earthquake, which was "
        "centred 40 kilometres north of Vale, the observatory said.",
    ),
}


def test_close_magnitudes_of_one_quake_are_one_measure_that_disagrees():
    analysis = analyse_corpus(articles(HILLS))
    (magnitude,) = claims_with(analysis, 6.4)
    assert sorted(v.value for v in magnitude.values) == [6.2, 6.3, 6.4]
    assert magnitude.relation == "disagree"


def test_a_distance_given_differently_on_later_days_is_no_update():
    analysis = analyse_corpus(articles(HILLS))
    (distance,) = claims_with(analysis, 35)
    assert sorted(v.value for v in distance.values) == [35, 40]
    assert distance.relation == "disagree"


def test_houses_with_a_verb_of_their_own_are_not_counted_as_injured():
    analysis = analyse_corpus(articles(HILLS))
    (houses,) = [g for g in analysis.groups if g.value == 410]
    assert houses.role is None


def test_a_later_report_repeating_an_earlier_value_is_no_update():
    from tui.corpus.claim_relations import ValueFacts, classify

    def told(value: float, *days: str) -> ValueFacts:
        return ValueFacts(value, list(days), [None] * len(days), False)

    repeated = [told(2000, "2024-10-08", "2024-10-14"), told(2300, "2024-10-08"), told(2410, "2024-10-08")]
    assert classify(repeated, grows=True) == "differ"
    rising = [told(2000, "2024-10-08"), told(2445, "2024-10-09")]
    assert classify(rising, grows=True) == "update"


def test_a_quakes_depth_and_its_distance_from_a_town_are_two_facts():
    reports = {
        "a": (
            "Quake shakes Velmar valley",
            "Global Herald",
            "2026-03-04",
            "The magnitude 6.1 quake struck the Velmar valley at a depth of 18 km, the seismology institute said.",
        ),
        "b": (
            "Strong quake in Velmar valley",
            "Daily Courier",
            "2026-03-04",
            "The magnitude 6.1 quake struck the Velmar valley 24 km from Ostrava, the seismology institute said.",
        ),
    }
    analysis = analyse_corpus(articles(reports))
    assert claims_with(analysis, 18) != claims_with(analysis, 24)


def test_a_toll_corrected_downwards_is_an_update_not_a_dispute():
    reports = {
        "a": (
            "Bus plunge in Kesra gorge",
            "Global Herald",
            "2026-05-01",
            "Officials in Kesra province said 325 people died when two pilgrim buses fell into the Kesra gorge "
            "near Valdor on Friday night.",
        ),
        "b": (
            "Kesra gorge toll corrected",
            "Daily Courier",
            "2026-05-02",
            "The Kesra province governor said the toll of the pilgrim buses that fell into the Kesra gorge near "
            "Valdor on Friday is 297 and not 325, as some victims were counted twice.",
        ),
    }
    (toll,) = claims_with(analyse_corpus(articles(reports)), 297)
    assert sorted(v.value for v in toll.values) == [297, 325]
    assert toll.relation == "update"


def test_a_correction_sets_no_two_values_side_by_side():
    from tui.corpus.claim_relations import report_moment
    from tui.corpus.figures import figures_in_text

    text = "The governor said the toll is 297 and not 325, as some victims were counted twice."
    assert [report_moment(f) for f in figures_in_text(text)] == [None, None]


def test_an_older_toll_quoted_as_what_it_rose_from_keeps_the_rise_an_update():
    place = "when the Marwin dam burst above the town of Teloska in the Sarn valley"
    reports = {
        "a": ("Marwin dam bursts", "Global Herald", "2026-04-10", f"Officials said 120 people died {place}."),
        "b": (
            "Marwin dam toll rises",
            "Daily Courier",
            "2026-04-11",
            f"The toll rose to 150 from 120 {place}, officials said on Saturday.",
        ),
        "c": ("Marwin dam dead", "Evening Post", "2026-04-11", f"Officials said 150 people died {place}."),
    }
    (toll,) = claims_with(analyse_corpus(articles(reports)), 150)
    assert sorted(v.value for v in toll.values) == [120, 150]
    assert toll.relation == "update"


def test_the_first_quake_and_a_second_quake_are_not_one_disputed_fact():
    reports = {
        "a": (
            "Two quakes hit Dorval coast",
            "Global Herald",
            "2026-02-06",
            "The first earthquake hit the Dorval coast before dawn and toppled the old harbour tower in Dorval.",
        ),
        "b": (
            "Second quake hits Dorval coast",
            "Daily Courier",
            "2026-02-06",
            "A second earthquake hit the Dorval coast at noon and toppled the old harbour tower in Dorval.",
        ),
    }
    analysis = analyse_corpus(articles(reports))
    assert claims_with(analysis, 1) != claims_with(analysis, 2)
    assert all(c.relation != "disagree" for c in analysis.claims)


def test_a_first_night_toll_grows_many_times_into_the_later_count():
    place = "after the night train derailed near Ferro junction in the Lusk district"
    reports = {
        "a": ("Night train derails", "Global Herald", "2026-06-02", f"Over 40 people are feared dead {place}."),
        "b": ("Ferro junction toll", "Daily Courier", "2026-06-04", f"Officials said 310 people died {place}."),
    }
    (toll,) = claims_with(analyse_corpus(articles(reports)), 310)
    assert sorted(v.value for v in toll.values) == [40, 310]
    assert toll.relation == "update"


def test_a_count_of_things_beside_a_toll_is_no_toll():
    reports = {
        "a": (
            "Dams burst above Kirov valley",
            "Global Herald",
            "2026-09-12",
            "At least 900 people are presumed dead after a storm caused the collapse of two dams above the Kirov "
            "valley, officials said.",
        ),
        "b": (
            "Kirov valley dams",
            "Daily Courier",
            "2026-09-12",
            "Officials said two dams collapsed above the Kirov valley and some 900 people died in the storm.",
        ),
    }
    analysis = analyse_corpus(articles(reports))
    (dams,) = claims_with(analysis, 2)
    assert dams.values[0].article_ids == ["a", "b"]


def test_villages_where_something_happened_are_not_the_villages_destroyed():
    reports = {
        "a": (
            "Quake in Dorsa province",
            "Global Herald",
            "2026-10-08",
            "Rescue teams are searching for survivors in 11 villages of Dorsa province after the Sunday quake "
            "near the Harn river, the governor of Dorsa province said.",
        ),
        "b": (
            "Dorsa province quake",
            "Daily Courier",
            "2026-10-08",
            "The governor of Dorsa province said twelve villages were destroyed by the Sunday quake near the "
            "Harn river, as rescue teams searched for survivors.",
        ),
    }
    analysis = analyse_corpus(articles(reports))
    assert claims_with(analysis, 11) != claims_with(analysis, 12)


def test_a_small_number_beside_the_same_big_one_in_two_reports_is_one_fact():
    reports = {
        "a": (
            "Harbour blast in Tessin",
            "Global Herald",
            "2026-08-05",
            "The blast in Tessin harbour killed 61 people. Some 1,840 tons of fertiliser had been kept in a shed "
            "at the quay for five years, the port chief admitted.",
        ),
        "b": (
            "Tessin harbour blast kills 61",
            "Daily Courier",
            "2026-08-05",
            "The blast in Tessin harbour killed 61 people. Customs records show 1,840 tonnes of fertiliser sat "
            "unguarded in a warehouse for five years.",
        ),
    }
    (stored,) = claims_with(analyse_corpus(articles(reports)), 5)
    assert stored.values[0].article_ids == ["a", "b"]


def test_two_floors_of_one_toll_in_one_report_do_not_disagree():
    from tui.corpus.claim_relations import ValueFacts, classify

    more_than = ValueFacts(150, ["2026-10-02"], [None], True, True, ["r/sunday"])
    at_least = ValueFacts(174, ["2026-10-02"], [None], True, True, ["r/sunday"])
    assert classify([more_than, at_least], grows=True) != "disagree"
