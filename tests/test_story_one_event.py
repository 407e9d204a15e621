"""Stories: an undated report that fits two stories of the same kind a year apart joins the one it fits best, not
the bigger one (it cannot be both: they are not one event)."""

from __future__ import annotations

from claims_fixtures import article

from tui.corpus.model import Article
from tui.corpus.stories import StoryIndex, build_stories

# an earthquake in Castria's Orlen highlands, 2025: the bigger story
ORLEN = [
    (
        "Earthquake strikes Castria's Orlen highlands",
        "2025-04-02",
        "A magnitude 6.4 earthquake struck the Orlen highlands of Castria on Wednesday, toppling mud-brick houses in "
        "Harrow and Telm. The interior ministry said 212 people had died; rescue teams reached Telm by helicopter.",
    ),
    (
        "Castria quake: Orlen toll climbs",
        "2025-04-03",
        "The toll from the Orlen earthquake in Castria rose to 388 as rescuers dug through rubble in Harrow. Aid "
        "convoys from the capital were stuck behind landslides on the Telm pass.",
    ),
    (
        "Survivors of the Orlen earthquake sleep outdoors",
        "2025-04-04",
        "Thousands in Harrow and Telm slept in fields after aftershocks shook the Orlen highlands. Castria's "
        "interior ministry put the earthquake toll at 451 and asked for tents and blankets.",
    ),
    (
        "Orlen earthquake: schools to reopen in tents",
        "2025-04-09",
        "Schools in Harrow will reopen in tents, Castria's education minister said, a week after the magnitude 6.4 "
        "earthquake in the Orlen highlands killed 470 people.",
    ),
    (
        "Castria mourns Orlen earthquake victims",
        "2025-04-12",
        "Flags flew at half-mast across Castria as the Orlen highlands buried the last of 470 earthquake victims. "
        "Telm's mayor asked the government to rebuild the Harrow clinic before winter.",
    ),
]
# a smaller earthquake in Castria's Vessa valley a year later
VESSA = [
    (
        "Earthquake shakes Castria's Vessa valley",
        "2026-05-10",
        "A magnitude 5.9 earthquake shook the Vessa valley of Castria on Sunday, cracking the old bridge at Drun and "
        "killing 31 people in Drun and Pell, the interior ministry said. Rescue teams searched collapsed shops.",
    ),
    (
        "Vessa earthquake toll rises to 48",
        "2026-05-11",
        "The toll from the Vessa valley earthquake rose to 48 after rescuers pulled more bodies from the rubble of "
        "Drun's market. Pell's hospital treated hundreds; Castria sent army engineers to shore up the Drun bridge.",
    ),
    (
        "Drun market to be rebuilt after Vessa quake",
        "2026-05-14",
        "Castria's government promised to rebuild Drun's market within a year. The Vessa valley earthquake killed 52; "
        "engineers closed the cracked Drun bridge to lorries.",
    ),
]
# undated: the Vessa earthquake, told with the words of any earthquake in Castria
UNDATED = (
    "Castria earthquake: toll reaches 52",
    "The toll from the magnitude 5.9 earthquake in Castria's Vessa valley reached 52, the interior ministry said. "
    "Rescue teams searched the rubble of Drun's market for survivors; the highlands road to Pell was cut by "
    "landslides, and aid convoys waited for army engineers.",
)


def corpus() -> list[Article]:
    out = [article(f"o{n}", t, f"Outlet {n}", d, x) for n, (t, d, x) in enumerate(ORLEN)]
    out += [article(f"v{n}", t, f"Outlet {n}", d, x) for n, (t, d, x) in enumerate(VESSA)]
    return [*out, article("u1", UNDATED[0], "Wire", None, UNDATED[1])]


def test_an_undated_report_joins_the_event_it_fits_best():
    index = build_stories(corpus())
    assert index.story_of("u1") == index.story_of("v0")
    assert index.story_of("o0") != index.story_of("v0")


def test_without_it_the_bigger_story_took_it(monkeypatch):
    """The rule, not the fixture, places it: taking every story it fits puts it in the bigger one."""
    monkeypatch.setattr(StoryIndex, "_one_event", lambda self, matches: matches)
    index = build_stories(corpus())
    assert index.story_of("u1") == index.story_of("o0")
