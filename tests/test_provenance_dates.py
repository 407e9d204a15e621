"""When a report was published, as `kursk-reader ingest FILE --url URL --json` tells a user: the
dateline beside the headline, numeric dates whose order is certain, bylines with a date, and no
date at all (with the reason) when the order of day and month cannot be known. Reports written for
these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main

BODY = (
    "Officials said on Tuesday that about 2,000 homes had been damaged by the floods across three districts.\n\n"
    "Rescue teams were still searching for four missing people in the worst-hit villages, the governor said.\n\n"
    "Forecasters expect more rain later in the week, and schools will stay closed until the water recedes.\n"
)
MENU = "".join(f"Section {i}\n" for i in range(30))  # a long menu: the date is far from the body
URL = "https://news.example.org/story/4411"


def ingest(capsys, tmp_path: Path, text: str, url: str = URL) -> dict:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    code = main(["--articles", str(tmp_path / "articles"), "ingest", str(path), "--url", url, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    [result] = json.loads(out)
    return result


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        ("13.11.2025, 23:06", "2025-11-13T23:06"),  # dots: day first
        ("11/19/2025 by Jane Roe", "2025-11-19"),  # 19 cannot be a month
        ("19/11/2025", "2025-11-19"),
        ("Jane Roe November 20, 2025 13:42", "2025-11-20T13:42"),  # a byline, then the date
        ("Updated Nov. 21, 2025 8:21 am / Original Nov. 20, 2025 8:02 am", "2025-11-20T08:02"),
        ("By Jane Roe\nNov. 18, 2025 7:04 pm ET", "2025-11-18T19:04-05:00"),  # Eastern standard time
        ("June 18, 2025 / 6:21 AM PT", "2025-06-18T06:21-07:00"),  # Pacific daylight time
        ("Written by Jane Roe, MD on November 14, 2025", "2025-11-14"),  # a byline ending with its date
        ("Jane Roe\n| November 18, 2025 12:01 PM", "2025-11-18T12:01"),  # the byline's date on its own line
        ("This story is from August 3, 2025", "2025-08-03"),
        ("Jane Roe March 9, 2025 13", "2025-03-09"),  # a byline, the date, its comment count
        ("Updated: June 18, 2025 / Published: June 17, 2025", "2025-06-17"),  # the publication, not the update
        ("11:02 pm on 3 June 2025", "2025-06-03T23:02"),  # the time first, then "on"
        ("2025/06/17", "2025-06-17"),  # year first: one order only
        ("Jane Roe / June 17, 2025", "2025-06-17"),  # the byline, a mark, the date
        ("Last updated on June 18, 2025, published on June 17, 2025", "2025-06-17"),
        ("June 17, 2025 — 3:14 PM", "2025-06-17T15:14"),
    ],
)
def test_a_dateline_under_the_headline_is_read(capsys, tmp_path, dateline, published):
    text = f"Floods close the valley road\n\n{dateline}\n\n{MENU}\n{BODY}"
    r = ingest(capsys, tmp_path, text, url="https://news.example.org/floods-close-the-valley-road")
    assert (r["title"], r["title_derived"]) == ("Floods close the valley road", False)
    assert r["published"] == published
    assert r["provenance"]["published"] == "dateline in the text"


def test_a_numeric_date_that_could_be_two_days_is_left_out_and_the_reason_given(capsys, tmp_path):
    r = ingest(capsys, tmp_path, f"Floods close the valley road\n\n10/07/2025 1:49 PM\n\n{BODY}")
    assert r["published"] is None
    assert "'10/07/2025' could be day/month or month/day" in r["provenance"]["published"]


def test_an_ambiguous_numeric_date_is_settled_by_the_url(capsys, tmp_path):
    text = f"Floods close the valley road\n\n10/07/2025 1:49 PM\n\n{BODY}"
    r = ingest(capsys, tmp_path, text, url="https://news.example.org/2025/07/10/floods-close-the-valley-road")
    assert r["published"] == "2025-07-10"


def test_dated_links_beside_the_headline_give_no_date(capsys, tmp_path):
    related = "Bridge reopens after repairs\nMarch 3, 2025\nNew dam approved\nJanuary 9, 2025\n"
    r = ingest(capsys, tmp_path, f"Floods close the valley road\n{related}\n{BODY}")
    assert r["published"] is None


def test_a_sentence_in_the_body_with_a_date_is_not_the_report_date(capsys, tmp_path):
    text = f"Floods close the valley road\n\n{BODY}\nThe last such flood, on 4 May 2019, closed the road for a week.\n"
    r = ingest(capsys, tmp_path, text)
    assert r["published"] is None


def test_the_date_beside_the_headline_shown_in_the_page_is_read_when_the_title_line_words_it_otherwise(
    capsys, tmp_path
):
    """A dump opens with the page's <title>; the headline in the page, reworded, has the dateline."""
    text = (
        f"Valley road closed by floods | Valley Times\n{MENU}\nThe valley road is closed by the floods\n\n"
        f"Jane Roe\n\nNov 13, 2025 4:26 pm\n\n{MENU}\n{BODY}"
    )
    r = ingest(capsys, tmp_path, text, url="https://www.valleytimes.example/story/4411")
    assert r["published"] == "2025-11-13T16:26"


def test_the_masthead_date_under_the_title_line_is_not_the_report_date(capsys, tmp_path):
    """ "Wed, Nov 20, 2025" under the <title> line is the day the page was saved: the headline
    shown lower in the page has no date beside it, so the report has none."""
    text = f"Floods close the valley road\n\nWed, Nov 20, 2025\n{MENU}\nFloods close the valley road\n\n{BODY}"
    r = ingest(capsys, tmp_path, text)
    assert r["published"] is None


def test_an_update_time_alone_is_not_taken_for_the_publication_date_and_the_reason_is_given(capsys, tmp_path):
    text = f"Floods close the valley road\n\nUpdated 1:39 am EST, Wednesday, November 20, 2025\n\n{BODY}"
    r = ingest(capsys, tmp_path, text)
    assert r["published"] is None
    assert "only an update time is stated" in r["provenance"]["published"]


def test_a_byline_giving_only_an_update_time_gives_no_publication_date(capsys, tmp_path):
    text = f"Floods close the valley road\n\nBy Jane Roe @janeroe Updated Jul 24, 2025, 2:15pm EDT\n\n{BODY}"
    r = ingest(capsys, tmp_path, text)
    assert r["published"] is None
    assert "only an update time is stated" in r["provenance"]["published"]


def test_a_reference_archived_from_the_original_is_not_the_report_date(capsys, tmp_path):
    refs = "".join(
        f'^ "Valley report {i}". Valley Archive. Archived from the original on {i + 1} March 2015. Retrieved 2 May 2016.\n'
        for i in range(3)
    )
    r = ingest(capsys, tmp_path, f"Floods close the valley road\n\n{BODY}\nReferences\n{refs}")
    assert r["published"] is None


def test_published_labels_under_a_list_of_other_stories_are_not_the_report_date(capsys, tmp_path):
    others = "".join(f"Valley story {i}\nPublished: March {i + 1}, 2025\n" for i in range(3))
    r = ingest(capsys, tmp_path, f"Floods close the valley road\n\n{BODY}\n{MENU}\nMore stories\n{others}")
    assert r["published"] is None


def test_a_reworded_headline_of_another_story_below_the_body_gives_its_date_to_no_one(capsys, tmp_path):
    text = (
        f"Valley road closed by floods | Valley Times\n\n{BODY}\nMore stories\n\n"
        f"The valley road is closed by the floods again\n\nNov 13, 2024 4:26 pm\n"
    )
    r = ingest(capsys, tmp_path, text, url="https://www.valleytimes.example/story/4411")
    assert r["published"] is None


def test_the_date_above_the_site_menu_is_the_mastheads_not_the_reports(capsys, tmp_path):
    text = f"Tuesday, June 24, 2025\nHome » Valley » Floods close the valley road\n\nFloods close the valley road\n\n{BODY}"
    r = ingest(capsys, tmp_path, text, url="https://news.example.org/?p=3064")
    assert r["published"] is None
    assert "above the site's menu" in r["provenance"]["published"]


def test_a_blog_date_header_over_the_post_title_is_the_posts_date(capsys, tmp_path):
    text = f"Thursday, August 2, 2025\n\nNot that I ever worry about it\n\n{BODY}"
    r = ingest(capsys, tmp_path, text, url="https://valleynotes.blogspot.com/2025_07_29_archive.html")
    assert r["published"] == "2025-08-02"


def test_a_last_modified_time_alone_gives_no_date_and_says_so(capsys, tmp_path):
    r = ingest(capsys, tmp_path, f"Floods close the valley road\n\nLast Modified: 30 May 2025 05:50 GMT\n\n{BODY}")
    assert r["published"] is None
    assert "only an update time" in r["provenance"]["published"]
