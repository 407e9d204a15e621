"""Stories: a report that holds what most reports of a story share (its places, names, the kind of event) joins
it even when it shares few words with any one of them; a report of another event of the same kind does not."""

from __future__ import annotations

import json

import pytest
from claims_fixtures import KURSK, article, articles
from figure_eval import wikinews_articles

from tui.corpus.model import Article
from tui.corpus.stories import StoryIndex, build_stories

DAM = {
    "d1": (
        "Velmar dam bursts above Briskow",
        "Global Herald",
        "2026-03-02",
        "The Velmar dam on the Korda river gave way before dawn on Monday, sending a wall of water into "
        "Briskow and the orchards below it. Police in Briskow said 43 people had died and hundreds were missing. "
        "Engineers had warned in January that the Velmar spillway was cracked. Farmers described hearing a roar "
        "like thunder, then watching barns, tractors and livestock swept past their windows. Power lines fell "
        "across the highway to Dunmore, and the railway bridge at Kessel buckled.",
    ),
    "d2": (
        "Briskow counts its dead after Velmar dam failure",
        "Daily Courier",
        "2026-03-03",
        "Rescuers searched the mud of Briskow on Tuesday as the toll from the Velmar dam collapse rose to 67. "
        "The Korda river was still running high, and the regional governor, Anneke Sorvald, asked for army "
        "boats to reach villages downstream. Helicopters lifted stranded pensioners from rooftops; a maternity "
        "ward moved its newborns to a gymnasium. Insurers estimated losses at several hundred million crowns.",
    ),
    "d3": (
        "Velmar: cracked spillway was reported, papers show",
        "Evening Post",
        "2026-03-04",
        "Inspection papers seen by reporters show the Velmar dam's spillway was reported cracked twice, in 2019 "
        "and last autumn. Governor Anneke Sorvald ordered an inquiry as the Briskow toll reached 81 and the Korda "
        "river fell. The operating company, Nordhydro, declined to comment; its chief engineer resigned on "
        "Wednesday evening, citing exhaustion, and prosecutors sealed the control room.",
    ),
    "d4": (
        "Korda valley mourns as Velmar toll passes 90",
        "Morning Ledger",
        "2026-03-06",
        "Funerals were held across the Korda valley on Thursday. The toll from the Velmar dam failure passed 90, "
        "most of them in Briskow; Governor Sorvald said the inquiry would report within a month. Mourners "
        "carried wreaths past shuttered bakeries and a flooded cemetery, where gravediggers worked with pumps. "
        "The football club postponed its season and opened its stadium to families who lost homes.",
    ),
}
# in words of its own; of the event only its names (the dam, the town, the river, the governor)
SHORT = (
    "Relief reaches the valley",
    "Radio Meridian",
    "2026-03-07",
    "Volunteers unloaded blankets, generators and bottled water in a schoolyard on Saturday. Cooks served "
    "soup through the night, nurses vaccinated toddlers, and a choir sang for families sleeping in tents near "
    "the Velmar road into Briskow, beside the Korda. Plumbers repaired wells, electricians strung lamps, and "
    "a carpenter from the coast built bunk beds out of pallets. Governor Anneke Sorvald thanked the drivers "
    "who brought diapers, antibiotics, torches and tinned fish from the capital.",
)
# two months after the last report: a court hearing, in words of its own, naming the dam, the town, the river
HEARING = (
    "Court hears claims over Velmar dam",
    "Law Weekly",
    "2026-05-08",
    "Lawyers for two hundred families asked a court on Friday to freeze the assets of the firm that ran the "
    "Velmar dam. Governor Anneke Sorvald testified that Briskow had asked for repairs; the judge adjourned the "
    "hearing on the Korda river claims until June.",
)
# another dam, another river, the same weeks: the kind of event, none of its places or names
OTHER_DAM = (
    "Floodgates opened at Terrin reservoir",
    "Daily Courier",
    "2026-03-08",
    "Operators opened the floodgates of the Terrin dam on the Aske river after heavy rain on Sunday. Towns "
    "downstream of Terrin were told to move cars from riverside streets; no one was hurt.",
)


@pytest.fixture()
def wikinews(shared_dir) -> list[Article]:
    path = shared_dir / "corpora" / "wikinews_en_2019_2020.jsonl"
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return wikinews_articles(path, ids)


def dam_corpus(wikinews: list[Article], *extra: tuple[str, tuple[str, str, str, str]]) -> list[Article]:
    return [*articles(DAM), *(article(k, *v) for k, v in extra), *articles(KURSK), *wikinews]


def test_a_short_report_holding_the_events_names_joins_its_story(wikinews):
    index = build_stories(dam_corpus(wikinews, ("d5", SHORT), ("o1", OTHER_DAM)))
    dam = index.get(index.story_of("d1") or "")
    assert dam is not None
    assert sorted(dam.article_ids) == ["d1", "d2", "d3", "d4", "d5"]


def test_another_dam_the_same_week_stays_out(wikinews):
    index = build_stories(dam_corpus(wikinews, ("d5", SHORT), ("o1", OTHER_DAM)))
    assert index.story_of("o1") != index.story_of("d1")
    assert frozenset(KURSK) in {frozenset(s.article_ids) for s in index.stories()}


def test_a_hearing_two_months_on_joins_its_story(wikinews):
    index = build_stories(dam_corpus(wikinews, ("d6", HEARING)))
    assert index.story_of("d6") == index.story_of("d1")
    dam = index.get(index.story_of("d1") or "")
    assert dam is not None and dam.last_published == "2026-05-08"


def test_a_hearing_half_a_year_on_is_another_story(wikinews):
    late = (HEARING[0], HEARING[1], "2026-09-25", HEARING[3])
    index = build_stories(dam_corpus(wikinews, ("d6", late)))
    assert index.story_of("d6") != index.story_of("d1")


def test_core_joining_is_needed_for_these_reports(wikinews, monkeypatch):
    """Without join_by_core the short report and the hearing sit alone: the rule, not the fixtures, joins them."""
    monkeypatch.setattr(StoryIndex, "join_by_core", lambda self: None)
    index = build_stories(dam_corpus(wikinews, ("d5", SHORT), ("d6", HEARING)))
    assert index.story_of("d5") != index.story_of("d1")
    assert index.story_of("d6") != index.story_of("d1")
