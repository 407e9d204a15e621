"""Outlet, wire, headline and date of text reports, as `ingest` finds them: the cases of issue 13
in reports written for these tests (not copied from any outlet)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.corpus.dates import date_from_url, dates_in_text, relative_date
from tui.corpus.ingest import ingest
from tui.corpus.inputs import Input
from tui.corpus.outlets import outlet_table, split_title_suffix
from tui.corpus.provenance import Known
from tui.corpus.store import Corpus
from tui.corpus.titles import is_caption

BODY = (
    "Officials said on Tuesday that about 2,000 homes had been damaged by the floods across three districts.\n\n"
    "Rescue teams were still searching for four missing people in the worst-hit villages, the governor said.\n\n"
    "Forecasters expect more rain later in the week, and schools will stay closed until the water recedes.\n"
)


@pytest.fixture
def corpus(tmp_path) -> Corpus:
    return Corpus(tmp_path / "articles", catalog_path=tmp_path / "catalog.json")


def ingest_text(corpus: Corpus, tmp_path: Path, text: str, url: str | None = None, name: str = "report"):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    [r] = ingest(corpus, [Input(str(path), Known(url=url))])
    assert r.article is not None, r.message
    return r.article


@pytest.mark.parametrize(
    ("text", "outlet", "wire"),
    [
        # pasted text credited to an agency alone: many sites print its reports, so the site is unknown
        ("KYIV (Reuters) - " + BODY, None, "Reuters"),
        ("Kyiv • UNN\n\n" + BODY, "UNN", None),  # the site's own dateline
        (BODY + "\n© 2025 Valley Risk Group. All rights reserved.\n", "Valley Risk Group", None),
        (BODY + "\nCopyright © 2024 The Associated Press. All rights reserved.\n", None, "AP"),
        ("DETROIT (FOX 12) - " + BODY, "FOX 12", None),  # a station's own credit opening the body
        ("[VALLEYNEWS] " + BODY, "VALLEYNEWS", None),
        (
            BODY
            + "\nCrews cleared the road, Valley Herald reporter said.\nValley Herald reporter said more rain fell.\n",
            "Valley Herald",
            None,
        ),  # the site's own reporter, cited twice
    ],
)
def test_outlet_named_in_the_text(corpus, tmp_path, text, outlet, wire):
    a = ingest_text(corpus, tmp_path, text)
    assert (a.outlet, a.wire) == (outlet, wire)


def test_outlet_reprinting_a_wire_keeps_both(corpus, tmp_path):
    a = ingest_text(corpus, tmp_path, "MOSCOW (AP) — " + BODY, url="https://www.sfgate.com/news/article/floods-123.php")
    assert (a.outlet, a.wire) == ("SFGATE", "AP")


def test_photo_credit_is_not_a_wire(corpus, tmp_path):
    text = "Floods damage homes in the valley\n\nAbout 2,000 homes have been damaged PHOTO: AFP\n\n" + BODY
    a = ingest_text(corpus, tmp_path, text, url="https://news.example.org/story")
    assert a.wire is None
    assert a.title == "Floods damage homes in the valley"


@pytest.mark.parametrize(
    "caption",
    [
        "About 50,000 homes have been destroyed PHOTO: AFP",
        "The minister in 2020 (Jane Roe/Picturebank)",
        "FILE PHOTO: A tank near the border",
        "Rescuers search the rubble. Photo by Jane Roe / Getty Images",
        "Councillors protest in the chamber on Tuesday. |",  # the credit after the bar was an image
    ],
)
def test_a_caption_is_never_the_title(corpus, tmp_path, caption):
    assert is_caption(caption)
    a = ingest_text(corpus, tmp_path, caption + "\n\n" + BODY)
    assert a.title != caption


def test_page_title_line_gives_headline_and_outlet():
    table = outlet_table()
    assert split_title_suffix(
        "Floods damage 2,000 homes - Valley Courier", "https://www.valleycourier.com/x", table
    ) == ("Floods damage 2,000 homes", "Valley Courier")
    assert split_title_suffix("Floods damage 2,000 homes | WSJ", "https://www.wsj.com/articles/x", table) == (
        "Floods damage 2,000 homes",
        "The Wall Street Journal",
    )
    assert split_title_suffix("Rain - and more rain - expected", "https://example.org/x", table) is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Tuesday, 17 June 2025, 14:32", "2025-06-17T14:32"),
        ("June 18, 2025 / 6:21 AM", "2025-06-18T06:21"),
        ("18 August 2018 00:58", "2018-08-18T00:58"),
        ("Published: Nov 20, 2019 4:29 AM EST", "2019-11-20T04:29-05:00"),
        ("KYIV, June 17, 2025 (Reuters) - Officials said the floods had damaged homes", "2025-06-17"),
        ("Posted: 27-Jan-2025 10:20", "2025-01-27T10:20"),  # day, month name and year joined by dashes
        ("10/07/2025 08:30 IST", "2025-07-10T08:30"),  # a zone whose writers put the day first
        ("10/07/2025 8:30 PM EDT", "2025-10-07T20:30-04:00"),  # ... or the month first
        ("Posted: Fri 6:45 PM, Feb 14, 2025", "2025-02-14T18:45"),  # the weekday and time before the date
    ],
)
def test_datelines_in_text(line, iso):
    assert [d.value for d in dates_in_text([line])] == [iso]


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://example.com/world/2025/06/17/floods/", "2025-06-17"),
        ("https://example.com/news/20180817-floods", "2018-08-17"),
        ("https://example.com/world/2018/aug/21/floods", "2018-08-21"),
        ("https://example.com/world/2018/02/31/floods", None),  # no such day
        ("https://example.com/story/123456789", None),
        ("https://example.com/business/2019/0109/1022159-floods", "2019-01-09"),  # the year, then month and day
        ("https://example.com/2019/27/51417/", None),  # no month 27
        ("https://example.com/archive/1999/06-17/0036_floods.html", "1999-06-17"),
        ("https://example.com/india/150318/floods.html", None),  # 15 March 2018 or 18 March 2015: no guess
        ("https://example.com/world/2024-11/05/content_88.htm", "2024-11-05"),  # year-month, then the day
    ],
)
def test_dates_in_urls(url, iso):
    found = date_from_url(url)
    assert (found.value if found else None) == iso


def test_a_sentence_mentioning_a_date_is_not_a_dateline():
    line = "The ministry said on 17 June 2025 that troops had advanced further than anyone expected in this long war."
    assert dates_in_text([line]) == []


def test_relative_time_needs_a_fetch_time():
    assert relative_date("5 hours ago", None) is None
    assert relative_date("5 hours ago", datetime(2025, 6, 17, 3, 0, tzinfo=UTC)) == "2025-06-16"
    assert relative_date("3 weeks ago", datetime(2025, 6, 17, tzinfo=UTC)) is None


def test_text_and_url_dates_that_disagree_give_no_date_and_say_why(corpus, tmp_path):
    a = ingest_text(corpus, tmp_path, "June 3, 2025\n\n" + BODY, url="https://example.com/2025/07/20/floods")
    assert a.published is None
    assert "2025-06-03" in a.provenance["published"] and "2025-07-20" in a.provenance["published"]


def test_dateline_with_time_is_read(corpus, tmp_path):
    a = ingest_text(corpus, tmp_path, "Floods damage homes\n\nTuesday, 17 June 2025, 14:32\n\n" + BODY)
    assert a.published == "2025-06-17T14:32"
    assert a.title == "Floods damage homes"


def test_user_outlet_table_extends_the_bundled_one(corpus, tmp_path, monkeypatch):
    mine = tmp_path / "outlets.yaml"
    mine.write_text("sites:\n  valleycourier.test: Valley Courier\n", encoding="utf-8")
    monkeypatch.setenv("KURSK_READER_OUTLETS", str(mine))
    a = ingest_text(corpus, tmp_path, BODY, url="https://news.valleycourier.test/a")
    assert a.outlet == "Valley Courier"


def test_headline_found_from_the_url_slug(corpus, tmp_path):
    text = (
        "Skip to content\n\nThis content was published on\n\nFloods damage two thousand homes in the valley\n\n" + BODY
    )
    a = ingest_text(
        corpus, tmp_path, text, url="https://news.example.org/2025/06/17/floods-damage-two-thousand-homes-valley"
    )
    assert (a.title, a.title_derived) == ("Floods damage two thousand homes in the valley", False)
    assert a.provenance["title"] == "the line the url's words spell"


@pytest.mark.parametrize(
    "furniture",
    [
        "Analysis by Jane Roe, Valley Herald editor-at-large",
        "Estimated read time: Less than a minute",
        "Your video will play in 00:25",
        "Valley Tribune News Service",
        "Riverton, March 27",  # a dateline without its year
        "The story appears on",  # the label of the date under it
        "Valley Media Group National Content Desk",  # the desk that filed it
    ],
)
def test_a_byline_or_reading_time_above_the_body_is_never_the_title(corpus, tmp_path, furniture):
    text = f"Home\nNews\n\n{furniture}\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text, url="https://news.example.test/story/4411")
    assert a.title != furniture


def test_a_first_line_about_what_the_body_says_is_the_headline(corpus, tmp_path):
    """A dump opens with the page's title, without a site suffix here; the line above the body is
    a link, not the headline."""
    text = (
        "Floods damage two thousand homes in three districts\n\n\nSave Story\nRead it in Spanish\n\n"
        f"Estimated read time: Less than a minute\n\n{BODY}"
    )
    a = ingest_text(corpus, tmp_path, text, url="https://news.example.test/story/4411")
    assert (a.title, a.title_derived) == ("Floods damage two thousand homes in three districts", False)


def test_a_list_item_or_a_lower_case_fragment_above_the_body_is_never_the_title(corpus, tmp_path):
    for line in ("+ Added six new rules for the county relief fund", "on Feb 24 4 min"):
        a = ingest_text(corpus, tmp_path, f"Menu\n\n{line}\n\n{BODY}", name=str(len(line)))
        assert a.title != line


def test_a_first_line_ending_with_its_date_gives_the_headline_without_it(corpus, tmp_path):
    text = f"Floods damage two thousand homes in three districts - Feb. 1, 2025\n\nWatch\nReplay\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text)
    assert (a.title, a.title_derived) == ("Floods damage two thousand homes in three districts", False)


def test_a_numeric_date_in_a_zone_shared_by_both_orders_is_still_left_out():
    assert dates_in_text(["10/07/2025 08:30 CST"]) == []  # US Central or China: no order to read


@pytest.mark.parametrize(
    ("line", "wire"),
    [
        ("Mar 14, 2025, 21:31 IST | IANS", "IANS"),  # the agency after the dateline
        ("AFP , Wednesday 31 Oct 2025", "AFP"),  # ... or before it
        ("Photo: AFP | 2025", None),
    ],
)
def test_an_agency_on_the_dateline_is_the_wire(corpus, tmp_path, line, wire):
    text = f"Floods damage two thousand homes\n\n{line}\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text, url="https://www.valleytimes.example/floods-damage-two-thousand-homes")
    assert a.wire == wire


def test_a_click_here_promotion_is_never_the_title_even_when_it_holds_the_url_words(corpus, tmp_path):
    text = f"Floods damage two thousand homes\n\nInterested in flood protection for homes? Click here.\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text, url="https://www.example.com/flood-protection-homes/353")
    assert (a.title, a.title_derived) == ("Floods damage two thousand homes", False)


def test_a_url_slug_that_only_spells_the_site_name_does_not_pick_the_title(corpus, tmp_path):
    text = f"Valley Pumps service news\n\nFloods damage two thousand homes\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text, url="https://www.valleypumps.example/valley-pumps-service/12")
    assert a.title == "Floods damage two thousand homes"


def test_a_standfirst_the_body_repeats_is_not_the_title(corpus, tmp_path):
    standfirst = "Schools will stay closed until the water recedes."
    body = f"{BODY}\nThe county met on Monday. {standfirst} Parents were told by text message.\n"
    a = ingest_text(corpus, tmp_path, f"{standfirst}\n\n{body}", url="https://news.example.test/story/4411")
    assert a.title_derived


def test_a_teaser_for_another_story_above_the_body_is_not_the_title(corpus, tmp_path):
    teaser = (
        "Through her efforts this young woman showed everyone that ordinary people can change their city, says mayor"
    )
    a = ingest_text(corpus, tmp_path, f"{teaser}\nworld3 days ago\n{BODY}", url="https://news.example.test/story/4411")
    assert a.title != teaser and a.title_derived


def test_the_headline_a_breadcrumb_trail_ends_with_is_the_title(corpus, tmp_path):
    headline = "Floods close the valley road: What Comes Next for the County?"
    text = f"Tuesday, June 24, 2025\nHome » Valley » {headline}\n\n{headline}\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text, url="https://news.example.test/?p=3064")
    assert (a.title, a.title_derived) == (headline, False)


def test_a_headline_ending_with_an_abbreviation_that_a_section_line_repeats_stays_the_title(corpus, tmp_path):
    headline = "How winter floods the tunnels under N.Y.C."
    menu = "Sections\nSEARCH\nSkip to content Skip to site index\nNew York\nSubscribe\nLog In\nToday's Paper\n"
    text = f"{headline} - The Valley Evening Times\n\n{menu}New York | {headline}\n\n{headline}\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text + "\nAbout The Valley Evening Times\n")
    assert a.title == headline


def test_a_section_name_glued_to_the_headline_is_cut_when_the_page_shows_it_alone(corpus, tmp_path):
    headline = "Floods close the valley road for a week"
    text = f"{headline} News\n{headline}\n\n{BODY}"
    a = ingest_text(
        corpus, tmp_path, text, url="https://www.valleylaw.example/2025/06/floods-close-valley-road-week.php"
    )
    assert (a.title, a.title_derived) == (headline, False)


def test_a_headline_ending_with_a_lower_case_phrase_keeps_it(corpus, tmp_path):
    headline = "Floods close the valley road in Riverton"
    text = f"{headline}\nFloods close the valley road\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text, url="https://www.valleylaw.example/floods-close-valley-road-riverton")
    assert a.title == headline


def test_a_long_standfirst_without_a_stop_that_the_dated_first_paragraph_repeats_is_not_the_title(corpus, tmp_path):
    standfirst = (
        "Officials in the valley said on Tuesday that about two thousand homes had been damaged by floods "
        "across three districts"
    )
    text = f"{standfirst}\n\nRiverton, (VNA - Valley News / 11th Jan, 2025 ) :{standfirst}.\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text, url="https://www.valleynews.example/en/world/floods-2231.html")
    assert a.title_derived
    assert a.published == "2025-01-11"


def test_a_tag_list_below_the_body_is_not_the_title_though_it_spells_the_url(corpus, tmp_path):
    headline = "The road that the river took back"
    text = f"{headline}\n\nBy Jane Roe\n\n{BODY}\nFloods Valley Road Homes Damage Weather\n"
    url = "https://www.valleyweekly.example/culture/2025/06/floods-valley-road-homes-damage.html"
    a = ingest_text(corpus, tmp_path, text, url=url)
    assert a.title == headline


def test_the_date_under_the_byline_is_read_though_a_share_bar_parts_it_from_the_body(corpus, tmp_path):
    furniture = "\n".join(["Tweet", "Share", "Comment", "", "Listen", "", "Gift this story", ""] * 2)
    standfirst = "A long look at how one valley lived through a month of rain and what it will take to rebuild."
    menu = "\n".join(["Skip to content", "News", "Culture", "Sport", "Podcasts", "Sign in", "Menu", "Search", "Topics"])
    title = "How did the valley live through a month of rain?"  # the page's <title>, far above its byline
    text = f"{title}\n\n{menu}\n\n{standfirst}\n\nBy Jane Roe\n\nNov 15, 2024 5:45 AM\n\n{furniture}\n{BODY}"
    a = ingest_text(corpus, tmp_path, text, url="https://www.valleyweekly.example/culture/valley-after-rain.html")
    assert a.published is not None and a.published.startswith("2024-11-15")


@pytest.mark.parametrize(
    "headline",
    [
        "FLOODS CLOSE THE VALLEY ROAD AS RIVERS RISE",  # in capitals
        "Floods close the valley road",  # short
    ],
)
def test_pasted_text_opening_with_its_headline_keeps_it(corpus, tmp_path, headline):
    a = ingest_text(corpus, tmp_path, f"{headline}\n\n{BODY}")
    assert (a.title, a.title_derived) == (headline, False)


def test_pasted_text_keeps_its_headline_over_a_standfirst(corpus, tmp_path):
    standfirst = "Homes in three districts are damaged and schools will stay shut, officials say"
    a = ingest_text(corpus, tmp_path, f"Floods close the valley road as rivers rise\n\n{standfirst}\n\n{BODY}")
    assert a.title == "Floods close the valley road as rivers rise"


def test_a_list_of_other_stories_above_the_body_gives_none_of_them_as_the_title(corpus, tmp_path):
    links = "More stories\nMayor opens new bridge over the canal\nSchool board votes to extend the term\n"
    text = f"Floods close the valley road as rivers rise\n\n{links}Local team wins the county final\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text)
    assert a.title == "Floods close the valley road as rivers rise"


def test_a_headline_broken_over_two_lines_is_joined(corpus, tmp_path):
    text = f"Floods close the valley road as\nrivers rise across three districts\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text, url="https://news.example.test/story/4411")
    assert a.title == "Floods close the valley road as rivers rise across three districts"


def test_a_date_line_opening_pasted_text_is_not_its_headline(corpus, tmp_path):
    a = ingest_text(corpus, tmp_path, f"Thursday, August 2, 2025\n\n{BODY}")
    assert a.title_derived and a.published == "2025-08-02"


def test_a_caption_sentence_opening_pasted_text_is_not_its_headline(corpus, tmp_path):
    a = ingest_text(corpus, tmp_path, f"A man wades through floodwater in Riverton on Tuesday.\n\n{BODY}")
    assert a.title_derived


def test_a_breadcrumb_glued_to_a_cut_headline_gives_the_whole_headline_shown_below(corpus, tmp_path):
    headline = "Floods close the valley road: what comes next for the county and its farms?"
    text = f"Home News Featured News Floods close the valley road: what comes next for the county...\n\n{headline}\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text)
    assert a.title == headline


@pytest.mark.parametrize("line", ["Money + Investments", "Arts & Culture"])
def test_a_sections_name_above_the_body_is_never_the_title(corpus, tmp_path, line):
    a = ingest_text(corpus, tmp_path, f"Menu\n\n{line}\n\n{BODY}", name=str(len(line)))
    assert a.title != line


def test_a_photo_credit_ending_with_the_agency_is_never_the_title(corpus, tmp_path):
    credit = "Jane Roe via Valley Witness News: Reuters"
    a = ingest_text(corpus, tmp_path, f"Menu\n\nCars in the water under the bridge\n\n{credit}\n\n{BODY}")
    assert a.title != credit


def test_pasted_text_keeps_its_headline_under_a_skip_link(corpus, tmp_path):
    text = f"Skip to main content\n\nFloods close the valley road as rivers rise\n\nPosted , updated\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text)
    assert a.title == "Floods close the valley road as rivers rise"


def test_a_lower_case_byline_under_the_headline_is_not_joined_to_it(corpus, tmp_path):
    text = f"Floods close the valley road as rivers rise\nby Jane Roe\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text, url="https://news.example.test/story/4411")
    assert a.title == "Floods close the valley road as rivers rise"


def test_a_first_line_written_as_the_bodys_sentence_is_not_the_headline(corpus, tmp_path):
    text = f"A relief convoy was stopped by the floods on the valley road.\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text)
    assert a.title_derived  # no headline shown: derived, and flagged


def test_a_full_stop_headline_without_articles_or_auxiliaries_stays_the_headline(corpus, tmp_path):
    text = f"Floods cut off three valley districts.\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text)
    assert (a.title, a.title_derived) == ("Floods cut off three valley districts.", False)


def test_a_photo_caption_shown_twice_in_a_row_is_never_the_title(corpus, tmp_path):
    caption = "Volunteers carry sandbags past the flooded school on Mill Lane."
    text = f"{caption}\n{caption}\n\nFloods damage two thousand homes in three districts\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text)
    assert (a.title, a.title_derived) == ("Floods damage two thousand homes in three districts", False)


def test_an_agency_named_after_the_last_sentence_is_the_wire(corpus, tmp_path):
    text = f"Floods damage two thousand homes\n\n{BODY.rstrip()} Agence France-Presse\n"
    a = ingest_text(corpus, tmp_path, text, url="https://www.valleytimes.example/floods-damage-two-thousand-homes")
    assert a.wire == "AFP"


@pytest.mark.parametrize("marker", ["Camera", "Enlarge this image", "AP/Jane Roe"])  # a credit alone, too
def test_the_line_under_an_image_widgets_text_is_its_caption_not_the_title(corpus, tmp_path, marker):
    text = f"{marker}\nVolunteers pile sandbags by damaged homes\n\nFloods damage two thousand homes in three districts\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text)
    assert (a.title, a.title_derived) == ("Floods damage two thousand homes in three districts", False)


def test_a_headline_labelled_with_what_the_page_shows_is_the_title(corpus, tmp_path):
    text = f"VIDEO + PHOTOS: Floods damage two thousand homes in three districts\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text)
    assert (a.title, a.title_derived) == ("VIDEO + PHOTOS: Floods damage two thousand homes in three districts", False)


@pytest.mark.parametrize("line", ["PHOTOS: Volunteers carry sandbags on Mill Lane.", "PHOTO: AFP"])
def test_a_media_label_over_a_caption_or_a_credit_is_still_a_caption(line):
    assert is_caption(line)


def test_a_menus_gallery_item_over_the_headline_does_not_make_it_a_caption(corpus, tmp_path):
    text = f"Home\nNews\nGallery\nFloods damage two thousand homes in three districts\n\n{BODY}"
    a = ingest_text(corpus, tmp_path, text)
    assert (a.title, a.title_derived) == ("Floods damage two thousand homes in three districts", False)
