"""Three things real text dumps got wrong, as `kursk-reader ingest report.txt --json` shows them: a derived
headline cut at a clock time's colon or keeping a list bullet, a bulleted "what we know" post refused as
having nothing left after cleaning, and a reporter's byline with a relative time taken for the outlet.
Reports written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main


def ingest(capsys, tmp_path: Path, text: str) -> dict:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    code = main(["--articles", str(tmp_path / "articles"), "ingest", str(path), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    [result] = json.loads(out)
    return result


VOTE = (
    "After the close of voting at 4:00 pm, officials in the northern districts said turnout had reached "
    "a level not seen in a regional election for twenty years.\n\n"
    "Counting started in the school halls within the hour, and the electoral commission expects to publish "
    "the first results on Monday morning after the postal votes have been added.\n\n"
    "Observers from two neighbouring regions said the day had passed without any serious complaint, although "
    "queues formed outside several polling stations in the largest town.\n"
)


def test_a_derived_headline_is_not_cut_at_the_colon_of_a_clock_time(capsys, tmp_path):
    r = ingest(capsys, tmp_path, VOTE)
    assert r["title_derived"] is True
    assert r["title"] == "After the close of voting at 4:00 pm"


def test_a_derived_headline_still_ends_at_a_colon_between_words(capsys, tmp_path):
    text = VOTE.replace(
        "After the close of voting at 4:00 pm,",
        "The commission gave one reason for the long queues at the stations in the north: a shortage of staff,",
    )
    r = ingest(capsys, tmp_path, text)
    assert r["title"] == "The commission gave one reason for the long queues at the stations in the north"


QUAKE_POST = (
    "- A major earthquake struck the coastal province early on Sunday, damaging two bridges and cutting power "
    "to thousands of homes.\n"
    "- Rescue teams were sent from the capital within hours of the first shock, the emergency ministry said.\n"
    "- At least 14 people were taken to hospital with injuries, most of them from falling masonry.\n"
    "- Schools across the province will stay closed until engineers have checked every building.\n"
    "- The port has stopped loading ships while divers inspect the damaged quay walls.\n"
    "- Two aftershocks were felt in the afternoon, and residents were told to sleep outdoors tonight.\n"
    "- The regional governor has asked the government for emergency funds to repair the roads.\n"
)


def test_a_derived_headline_drops_the_list_bullet_of_the_first_item(capsys, tmp_path):
    r = ingest(capsys, tmp_path, QUAKE_POST)
    assert r["title_derived"] is True
    assert r["title"] == "A major earthquake struck the coastal province early on Sunday"


def test_a_reporter_with_a_relative_time_is_the_byline_not_the_outlet(capsys, tmp_path):
    r = ingest(capsys, tmp_path, "Turnout at a twenty-year high in the north\nAlex Perry 1 day ago\n\n" + VOTE)
    assert r["outlet"] is None
    assert any(x["text"] == "Alex Perry 1 day ago" for x in r["removed"])
    assert "Alex Perry" not in r["title"]


@pytest.mark.parametrize(("stamp", "outlet"), [("BBC News 1 day ago", "BBC News"), ("Reuters 2 hours ago", "Reuters")])
def test_an_outlet_with_a_relative_time_is_still_the_outlet(capsys, tmp_path, stamp, outlet):
    r = ingest(capsys, tmp_path, f"Turnout at a twenty-year high in the north\n{stamp}\n\n" + VOTE)
    assert r["outlet"] == outlet


def ingest_status(capsys, tmp_path: Path, text: str) -> tuple[int, dict]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    code = main(["--articles", str(tmp_path / "articles"), "ingest", str(path), "--json"])
    out, _ = capsys.readouterr()
    [result] = json.loads(out)
    return code, result


MENU = "Home\nWorld\nPolitics\nSport\nWeather maps\n"
FOOTER = "Share this\nPrivacy policy\nContact us\nAbout us\n"
WHAT_WE_KNOW = [
    "A magnitude 6.1 quake struck near Lesnoye at 3:12 am.",
    "At least 14 injured, two critically.",
    "Coast road bridges closed indefinitely.",
    "Power cut to 9,000 homes.",
    "Schools shut Monday.",
    "Aftershocks expected for days.",
    "Port operations suspended.",
]


@pytest.mark.parametrize("bullet", ["", "• "])
def test_a_post_whose_body_is_a_list_of_short_sentences_is_kept_without_its_menus(capsys, tmp_path, bullet):
    items = "\n".join(bullet + item for item in WHAT_WE_KNOW)
    code, r = ingest_status(capsys, tmp_path, f"{MENU}Earthquake on the coast: what we know\n{items}\n{FOOTER}")
    assert code == 0, r["message"]
    removed = {x["text"] for x in r["removed"]}
    assert not removed & {bullet + item for item in WHAT_WE_KNOW}
    assert set(MENU.split("\n") + FOOTER.split("\n")) - {""} <= removed


def test_a_page_of_menu_links_is_still_refused(capsys, tmp_path):
    code, r = ingest_status(capsys, tmp_path, MENU + "Latest stories\nOur journalists\n" + FOOTER)
    assert code != 0
    assert "nothing left after cleaning" in r["message"]
