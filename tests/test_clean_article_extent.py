"""How far the article runs (issue 13, item 6, second round): a table, a list of settings or a
table of contents inside an article does not cut it in two nor cut off its intro; a post that is
nothing but a bulleted list is kept; a table column headed "Comment" is not the readers' comments.
Third round: a long table of figures, answers under FAQ topics repeated from a list, a single paragraph
between two photo strips, section headings repeated from a table of contents, a hard-wrapped report.
Every fixture is made up."""

from __future__ import annotations

import pytest
from test_clean_failure_kinds import body, page

from tui.corpus.clean import clean

HEADLINE = "Weekly notes: the new river ferry timetable and what changes for the crews"
MENU = ["Home", "Timetables", "Routes", "Fares", "Crew", "Contact us"]
FOOTER = ["About us", "Privacy Policy", "Terms of Use", "Careers"]

BEFORE = [
    "This week the harbour office finished the winter timetable for the river ferries, and we want to explain "
    "how it was put together before it comes into force at the start of next month.",
    "Most of the changes are small, but the early crossing from the north pier moves by twenty minutes, "
    "which matters to the people who use it to get to the market before it opens.",
    "We talked to the crews about the new rota for several weeks, and most of what they asked for is in it, "
    "though not the longer break in the middle of the day that some of them wanted.",
    "The table below lists each screen of the new booking form and who is working on it, since several of "
    "them are still being finished and will arrive in the weeks after the timetable.",
]
TABLE = [
    "Screen",
    "Owner",
    "Status",
    "Route map",
    "Anna",
    "Done",
    "Fare chooser",
    "Boris",
    "Review",
    "Seat picker",
    "Carla",
    "Draft",
    "Payment step",
    "Dmitri",
    "Done",
    "Receipt page",
    "Anna",
    "Draft",
    "Help overlay",
    "Boris",
    "Mockup",
]
AFTER = [
    "The second half of the work is the crossing itself: the ferries will now wait at the south pier for up "
    "to five minutes when the train from the city is late, which people have asked us to do for years.",
    "That wait is built into the timetable, so a late train no longer makes every later crossing late as "
    "well, and the crews do not have to decide on their own whether to hold the boat.",
    "We also changed how the last crossing of the night works, so that it leaves only after the final bus "
    "has arrived, even when that means it sails a little later than the printed time.",
    "As always, tell us what you think of the new timetable at the harbour office or on the notice board at "
    "either pier, and we will read every note before the spring timetable is drawn up.",
]


# A table of figures printed one cell per line: 24 crossings x 3 cells, far longer than a table of
# words. Its rows weigh a third in a gap, so the article under it is still the article.
FIGURES_TABLE = ["Crossing", "Departs", "Minutes"] + [
    cell for k in range(24) for cell in (f"{k + 1}", f"{6 + k // 2}:{'30' if k % 2 else '00'}", f"{18 + k % 5}")
]


@pytest.mark.parametrize("table", [TABLE, FIGURES_TABLE], ids=["words", "figures"])
def test_the_article_goes_on_after_a_table_inside_it(table):
    r = clean(page(f"{HEADLINE} - Harbour Notes", MENU, HEADLINE, BEFORE, table, AFTER, FOOTER))
    for paragraph in BEFORE + AFTER:
        assert paragraph in body(r)
    assert "Privacy Policy" not in body(r)


def test_a_short_teaser_list_after_a_table_is_not_joined_to_the_article():
    teasers = [
        "Ferry crews vote on the new rota after weeks of talks with the office.",
        "Market traders ask for an earlier crossing from the north pier.",
        "The old south pier will be repaired over the winter, the council says.",
        "Night buses to the harbour will run every half hour from March.",
    ]
    r = clean(page(f"{HEADLINE} - Harbour Notes", MENU, HEADLINE, BEFORE, TABLE, teasers, FOOTER))
    assert BEFORE[0] in body(r)
    assert "Night buses to the harbour" not in body(r)


CHANGES = [
    "+ Added a night crossing on Fridays and Saturdays",
    "+ Added a second ferry on the market route",
    "+ Added bicycle spaces on the small ferry",
    "+ Added a ticket machine at the north pier",
    "* The early crossing leaves twenty minutes later",
    "* Season tickets now cover the bus to the pier",
    "- Removed the stop at the old boatyard",
]


def test_a_post_that_is_only_a_bulleted_list_is_kept():
    r = clean(page("Timetable changes | Harbour Notes", MENU, "Timetable changes this winter", CHANGES, FOOTER))
    for item in CHANGES:
        assert item in body(r)
    assert "Privacy Policy" not in body(r) and "Timetables" not in body(r)


def test_a_table_column_headed_comment_does_not_cut_the_article():
    states = [
        "The ferries report their state to the harbour office in one of the following ways:",
        "State",
        "Signal",
        "Comment",
        "docked",
        "green",
        "Waiting for passengers at the pier.",
    ]
    r = clean(page(HEADLINE, MENU, HEADLINE, BEFORE, states, AFTER, FOOTER))
    for paragraph in BEFORE + AFTER:
        assert paragraph in body(r)


CONTENTS = [
    "Contents",
    "1 Timetable",
    "1.1 Early crossings",
    "1.2 Night crossings",
    "2 Crews",
    "2.1 Rota",
    "2.2 Breaks",
    "3 Fares",
    "3.1 Season tickets",
    "3.2 Bicycles",
    "4 Piers",
    "4.1 North pier",
    "4.2 South pier",
    "4.3 Old boatyard",
    "5 Boats",
    "5.1 The small ferry",
    "5.2 The car ferry",
    "5.3 Repairs",
    "6 History",
    "6.1 The old bridge",
    "7 See also",
    "8 References",
]


def test_an_intro_above_a_table_of_contents_stays_with_the_article():
    intro = [
        "The river ferry service links the two halves of the town and has run every day of the year since the "
        "old bridge was closed to traffic more than forty years ago.",
        "It is run by the harbour office with four boats and about thirty crew members, and it carries most of "
        "the people who cross the river to work, to school or to the market.",
    ]
    r = clean(page(f"{HEADLINE} - Harbour Notes", MENU, HEADLINE, intro, CONTENTS, BEFORE + AFTER, FOOTER))
    for paragraph in intro + BEFORE + AFTER:
        assert paragraph in body(r)
    assert "1.2 Night crossings" not in body(r)


def test_a_long_menu_without_figures_still_parts_the_article_from_what_follows():
    places = ("North", "South", "East", "West", "Upper", "Lower", "Old", "New")
    kinds = ("ferries", "piers", "fares", "crews", "routes", "boats", "docks", "tides", "maps")
    menu = [f"{place} {kind}" for place in places for kind in kinds]  # 72 lines
    r = clean(page(f"{HEADLINE} - Harbour Notes", MENU, HEADLINE, BEFORE, menu, AFTER, FOOTER))
    assert BEFORE[0] in body(r)
    assert AFTER[0] not in body(r)


FAQ_INTRO = [  # then a list of topics, then each topic again over its answer
    "The harbour office gets the same few questions about the winter timetable every year, so we have "
    "put the answers in one place and will keep this page up to date until the spring timetable starts.",
    "If your question is not here, ask at the ticket window on either pier and we will add the answer "
    "to this page when we next update it, usually at the end of each week.",
]
FAQ = {
    "First crossing": "From next month the first crossing from the north "
    "pier leaves twenty minutes later, at twenty past six, so that the crew can finish the morning checks.",
    "Late trains": "Yes, for up to five minutes at the south pier; the wait is "
    "built into the timetable, so a late train no longer makes every later crossing late as well.",
    "Tickets on board": "You can, but only with a card: the crews no longer carry cash, "
    "and the ticket machines on both piers take cash and cards until the last crossing of the night.",
    "When the river freezes": "The crossings stop and a bus runs over the bridge instead, "
    "leaving from the same piers at the same times, and your ferry ticket is valid on it all winter.",
    "Bicycles": "Yes, on every crossing, though on the two busiest in "
    "the morning the crew may ask you to wait for the next boat if the deck is already full.",
    "Dogs": "Dogs travel free on a lead, and the crews keep a bowl of water by the gangway in summer, "
    "though on the small boat used at night they have to stay on the open deck at the back.",
    "Lost property": "Anything left on board is taken to the office on the north pier the same evening "
    "and kept there for a month, after which it is given to the charity shop by the market.",
    "Season tickets": "A season ticket still costs the same as last winter and now covers the night bus "
    "over the bridge as well, so you do not need a second ticket when the crossings stop.",
}


def test_answers_under_repeated_topics_are_kept_with_the_intro():
    """A FAQ lists its topics, then prints each again over its answer: the repeated topic is
    dropped as a duplicate, and (weighing a third, like any line a rule dropped) it no longer makes
    the answers look like a sparse teaser list that is not part of the article."""
    answers = [line for q, a in FAQ.items() for line in (q, a)]
    intro = FAQ_INTRO + BEFORE[:2]
    r = clean(page(f"{HEADLINE} - Harbour Notes", MENU, HEADLINE, intro, list(FAQ), answers, FOOTER))
    for answer in intro + list(FAQ.values()):
        assert answer in body(r)
    assert "Privacy Policy" not in body(r)


PHOTO_STRIPS = (
    ["The north pier at dawn", "Crew on the early boat", "Ticket window", "Winter ice", "South pier", "Map"],
    ["The night boat", "Market day", "Gangway", "The old ferry", "Harbour office", "Timetable board"],
)
LONE_PARAGRAPH = (
    "Between the two halves of the work the office also repainted both piers, which is why the ticket windows "
    "were closed for a week in October and tickets were sold on board instead."
)


def test_a_single_paragraph_between_two_photo_strips_does_not_cut_the_article_off():
    r = clean(
        page(
            f"{HEADLINE} - Harbour Notes",
            MENU,
            HEADLINE,
            BEFORE,
            PHOTO_STRIPS[0],
            LONE_PARAGRAPH,
            PHOTO_STRIPS[1],
            AFTER,
            FOOTER,
        )
    )
    for paragraph in [*BEFORE, LONE_PARAGRAPH, *AFTER]:
        assert paragraph in body(r)
    assert "Privacy Policy" not in body(r)


SECTIONS = {
    "The early crossing": BEFORE[1],
    "A new rota for the crews": BEFORE[2],
    "Waiting for late trains": AFTER[0] + " " + AFTER[1],
    "The last boat of the night": AFTER[2],
}


def test_section_headings_listed_in_a_table_of_contents_stay_over_their_sections():
    """The contents list above the article goes; each heading printed again over its section is the
    article's own subheading, not a duplicate to drop."""
    sections = [line for heading, text in SECTIONS.items() for line in (heading, text)]
    r = clean(page(f"{HEADLINE} - Harbour Notes", MENU, HEADLINE, BEFORE[0], list(SECTIONS), sections, FOOTER))
    headings = [p.text for p in r.paragraphs if p.heading]
    # the first, right under the last entry of the list, cannot be told from a box of teaser headlines
    assert headings == list(SECTIONS)[1:]
    for text in SECTIONS.values():
        assert text in body(r)


def _hard_wrapped(paragraph: str, width: int = 66) -> str:
    """The paragraph as a plain-text e-mail or wire copy prints it: broken into lines of `width`."""
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def test_a_hard_wrapped_report_is_judged_by_its_paragraphs_not_its_short_lines():
    """Each wrapped line is short and, alone, poor in little words; the shape pass judges the
    paragraph the lines make once joined, so the report is kept whole."""
    paragraphs = [
        "Ferry crossings from the north pier resume on Monday after engineers finished repairs to the "
        "landing stage, the harbour office said in a statement on Friday evening, ending a closure that "
        "lasted almost three weeks and forced commuters onto buses over the bridge.",
        "Harbour master Olga Petrova said pontoon replacement, hydraulic ramp testing and electrical "
        "inspection work took longer than planned because spare parts for the ramp arrived late from "
        "the supplier, and winter storms twice stopped divers from working under the landing stage.",
        "Timetables, fares and season tickets stay unchanged, and the first crossing leaves at twenty "
        "past six, as it did before the closure, while the evening boats will run a little later for "
        "the first week to clear the queues of passengers who waited for the bridge buses.",
    ]
    wrapped = [_hard_wrapped(p) for p in paragraphs]
    r = clean(page(f"{HEADLINE} - Harbour Notes", MENU, HEADLINE, wrapped, FOOTER))
    for paragraph in paragraphs:
        assert paragraph in body(r)
