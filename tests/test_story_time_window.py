"""Stories keep to the days of one event: reports on one topic, each a few days after the previous, do not chain
into one story running for months; the reports of one event over three weeks stay one story; an undated report
still joins its event by its words; a report added later, months on, starts a story of its own."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from claims_fixtures import article

from tui.corpus.model import Article
from tui.corpus.stories import CORE_DAYS, STORY_DAYS, StoryIndex, build_stories

# One long-running topic: the Marrow Bay ferry's troubles, a new report every nine days for eight months. Each
# report tells the same background (the ferry, its operator, the harbour, the mayor) and one new turn of its own.
TURNS = [
    "an engine fault kept the boat in dock for a day",
    "fares went up by a tenth at the start of the month",
    "a storm cancelled the evening crossings",
    "the council asked auditors to look at the operator's accounts",
    "a second boat was chartered from a northern yard",
    "passengers waited three hours on the pier in the rain",
    "the operator's chief executive apologised on local radio",
    "the ramp at Corvin harbour was closed for repairs",
    "a petition asking for a bridge gathered signatures",
    "the regional transport board held a hearing in Tolle",
    "the chartered boat ran aground on a sandbank",
    "timetables were cut to four crossings a day",
    "the union warned of a strike over rosters",
    "a new ticket machine failed on its first morning",
    "the mayor met ministers in the capital about subsidies",
    "school parties were moved to the early crossing",
    "the auditors published a report critical of maintenance",
    "the operator promised a refit over the winter",
    "the strike was called off after talks",
    "a crew member was hurt when a mooring line snapped",
    "the refit was delayed until spring",
    "islanders held a meeting in the Tolle church hall",
    "the council voted to seek a new operator",
    "the ferry's old hull was found to need welding",
    "tenders for a new operator opened",
    "the last crossing before the refit sailed half empty",
    "the replacement boat broke down on its second day",
]
START = date(2025, 1, 6)
EVERY = 9  # days between two reports


def ferry_report(n: int, turn: str, published: str | None) -> Article:
    title = f"Marrow Bay ferry: {turn.split(' ', 2)[1]} {turn.split(' ', 2)[2][:30]}"
    text = (
        f"Islanders on Marrow Bay faced another week of disruption on the Corvin harbour ferry run to Tolle: {turn}. "
        "The operator, Brackwater Lines, has run the crossing under a council contract since the old causeway closed. "
        "Mayor Ilse Varga said the islanders of Marrow Bay deserve a reliable ferry, and Brackwater Lines said it "
        "was working with the council and the harbour master at Corvin to restore a full timetable to Tolle."
    )
    return article(f"ferry-{n:02d}", title, f"Outlet {n % 5}", published, text)


def ferry_chain() -> list[Article]:
    return [ferry_report(n, t, (START + timedelta(days=EVERY * n)).isoformat()) for n, t in enumerate(TURNS)]


# Unrelated news of the same months: the words of a ferry report are rare in the corpus, as in an archive.
OTHER = [
    ("Orchard growers count frost damage", "Apple growers in the Kell valley lost blossoms to a late frost."),
    ("City library extends opening hours", "The central library will open until ten on weekdays from March."),
    ("Cycling race finishes in the hills", "A breakaway of six riders held on to win the stage above Perrin."),
    ("Chemical plant fined over leak", "Regulators fined a plant in Dunmore after solvent reached a stream."),
    ("New stadium roof approved", "Planners approved a retractable roof for the stadium at Ashgrove."),
    ("Election count delayed by recount", "A recount in the Fenwick district delayed the final result a day."),
]


def unrelated() -> list[Article]:
    return [
        article(f"other-{n}", title, "Daily", (START + timedelta(days=30 * n)).isoformat(), text)
        for n, (title, text) in enumerate(OTHER)
    ]


def span_days(index: StoryIndex, story_id: str) -> int:
    story = index.get(story_id)
    assert story is not None and story.first_published and story.last_published
    return (date.fromisoformat(story.last_published) - date.fromisoformat(story.first_published)).days


def test_a_topic_reported_every_few_days_for_months_is_not_one_story() -> None:
    chain = ferry_chain()
    index = build_stories(chain + unrelated())
    stories = Counter(index.story_of(a.id) for a in chain)
    # the reports do tie together by their words: most are in stories of several reports ...
    assert sum(n for n in stories.values() if n >= 3) >= 2 * len(chain) / 3
    # ... but eight months of them are several stories, none running beyond the days around its event's middle
    # day and a follow-up window after them (a hearing, an inquiry)
    assert len(stories) > 3
    assert max(span_days(index, s) for s in stories if s is not None) <= 2 * STORY_DAYS + CORE_DAYS


def test_the_reports_of_one_event_over_three_weeks_stay_one_story() -> None:
    days = [0, 0, 1, 1, 2, 3, 5, 8, 12, 17, 21]
    event = [ferry_report(n, TURNS[n], (START + timedelta(days=d)).isoformat()) for n, d in enumerate(days)]
    index = build_stories(event + unrelated())
    assert len({index.story_of(a.id) for a in event}) == 1


def test_an_undated_report_still_joins_its_event_by_its_words() -> None:
    days = [0, 1, 2, 4, 6]
    event = [ferry_report(n, TURNS[n], (START + timedelta(days=d)).isoformat()) for n, d in enumerate(days)]
    undated = ferry_report(40, "a relief boat was sent from the mainland", None)
    index = build_stories([*event, undated, *unrelated()])
    assert index.story_of(undated.id) == index.story_of(event[0].id)


def test_a_report_added_months_later_starts_its_own_story_and_ids_stay() -> None:
    days = [0, 1, 2, 4, 6, 9, 13]
    event = [ferry_report(n, TURNS[n], (START + timedelta(days=d)).isoformat()) for n, d in enumerate(days)]
    index = build_stories(event + unrelated())
    before = index.story_of(event[0].id)
    assert before is not None and all(index.story_of(a.id) == before for a in event)
    # a report close to the event's days joins it, one with its words 10 weeks on does not
    near = ferry_report(50, TURNS[20], (START + timedelta(days=15)).isoformat())
    late = ferry_report(51, TURNS[21], (START + timedelta(days=70)).isoformat())
    assert index.add(near) == before
    assert index.add(late) != before
    assert index.story_of(event[0].id) == before  # the event's story keeps its id
    assert span_days(index, before) <= 2 * STORY_DAYS


def test_removing_a_follow_up_leaves_the_event_days_as_they_were() -> None:
    days = [0, 1, 2, 4, 6]
    event = [ferry_report(n, TURNS[n], (START + timedelta(days=d)).isoformat()) for n, d in enumerate(days)]
    index = build_stories(event + unrelated())
    story = index.story_of(event[0].id)
    assert story is not None
    # a small story of the same days, joined as join_by_core joins one: its days are not the event's
    follow_up = article("note", "Harbour note", "Daily", (START + timedelta(days=6)).isoformat(), OTHER[0][1])
    alone = index.add(follow_up)
    assert alone != story
    index._absorb([story, alone], 91, home=story)
    assert index.story_of(follow_up.id) == story
    index.remove(follow_up.id)
    # the event's middle day is still day 2 (not day 1, as if its day-6 report had gone): day 23 is 21 days on
    assert index.add(ferry_report(61, TURNS[23], (START + timedelta(days=23)).isoformat())) == story


def test_an_undated_event_that_took_a_dated_follow_up_is_timed_by_it() -> None:
    """With no day of its own an event was "in time" for any date: its follow-up's day times it now."""
    event = [ferry_report(n, TURNS[n], None) for n in range(5)]
    index = build_stories(event + unrelated())
    story = index.story_of(event[0].id)
    assert story is not None
    follow_up = article("note", "Harbour note", "Daily", START.isoformat(), OTHER[0][1])
    alone = index.add(follow_up)
    index._absorb([story, alone], 91, home=story)
    a_year_on = ferry_report(62, TURNS[5], (START + timedelta(days=365)).isoformat())
    assert index.add(a_year_on) != story
