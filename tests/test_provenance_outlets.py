"""Which outlet a report comes from, as `kursk-reader ingest ... --json` tells a user: the name the
site's text spells from its domain, a copyright line the page title agrees with, the agency behind a
reprint, a saved page's footer, a readable domain when nothing names the site. Pages and reports
written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from local_server import page

from tui.cli import main

BODY = (
    "Officials said on Tuesday that about 2,000 homes had been damaged by the floods across three districts.\n\n"
    "Rescue teams were still searching for four missing people in the worst-hit villages, the governor said.\n\n"
    "Forecasters expect more rain later in the week, and schools will stay closed until the water recedes.\n"
)
FLOOD = [p for p in BODY.split("\n\n") if p.strip()]


def ingest(capsys, tmp_path: Path, name: str, data: str | bytes, url: str | None = None) -> dict:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    argv = ["--articles", str(tmp_path / "articles"), "ingest", str(path), "--json"]
    code = main(argv + (["--url", url] if url else []))
    out, err = capsys.readouterr()
    assert code == 0, err
    [result] = json.loads(out)
    return result


def test_the_name_the_domain_spells_is_the_outlet(capsys, tmp_path):
    text = f"Valley Horseman Extra\n\n{BODY}\nValley Horseman Editorial Staff\n"
    r = ingest(capsys, tmp_path, "r.txt", text, url="https://valleyhorsemanmag.test/news/floods")
    assert r["outlet"] == "Valley Horseman"


def test_a_copyright_holder_the_page_title_also_names_is_the_outlet(capsys, tmp_path):
    text = f"Floods close the valley road - Brightside\n\n{BODY}\n© 2025 Brightside\n"
    r = ingest(capsys, tmp_path, "r.txt", text, url="https://www.bsapp.test/blog/floods-close-the-valley-road")
    assert r["outlet"] == "Brightside"


def test_a_parent_company_copyright_is_not_the_outlet(capsys, tmp_path):
    text = f"Floods close the valley road\n\n{BODY}\n© 2025 Meadow Holdings Inc. All rights reserved.\n"
    r = ingest(capsys, tmp_path, "r.txt", text, url="https://www.valleypost.test/floods")
    assert r["outlet"] == "valleypost.test"


def test_a_site_reprinting_an_agency_keeps_the_agency_as_wire(capsys, tmp_path):
    text = f"Floods close the valley road\n\n{BODY}\nCopyright © The Associated Press. All rights reserved.\n"
    r = ingest(capsys, tmp_path, "r.txt", text, url="https://www.kvalley.test/story/41")
    assert (r["outlet"], r["wire"]) == ("kvalley.test", "AP")


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://worldnews.valleypost.test/story/41", "valleypost.test"),
        ("https://news.valleypost.co.uk/story/41", "valleypost.co.uk"),
        ("https://janeroe.blogspot.com/2025/06/floods.html", "janeroe.blogspot.com"),
    ],
)
def test_with_nothing_naming_the_site_its_domain_is_the_outlet(capsys, tmp_path, url, outlet):
    r = ingest(capsys, tmp_path, "r.txt", f"Floods close the valley road\n\n{BODY}", url=url)
    assert r["outlet"] == outlet
    assert r["provenance"]["outlet"] == "the url's domain"


@pytest.mark.parametrize("holder", ["Brightside", "valley-news.test"])  # a name, or a domain in lower case
def test_a_saved_page_without_url_is_named_by_its_footer(capsys, tmp_path, holder):
    data = page("Floods close the valley road", FLOOD).replace(
        b"<footer><p>Contact us</p>", f"<footer><p>Contact us</p><p>\u00a9 2025 {holder}</p>".encode()
    )
    r = ingest(capsys, tmp_path, "floods.html", data)
    assert r["outlet"] == holder


def test_a_page_title_ending_with_the_site_name_loses_it(capsys, tmp_path):
    data = page("Floods close the valley road - Brightside", FLOOD, site="Brightside")
    data = data.replace(b"<h1>Floods close the valley road - Brightside</h1>", b"")  # no visible headline
    r = ingest(capsys, tmp_path, "floods.html", data)
    assert (r["title"], r["outlet"]) == ("Floods close the valley road", "Brightside")


def test_a_saved_page_keeps_the_time_its_metadata_states(capsys, tmp_path):
    head = (
        '<meta name="date" content="2025-06-17">'
        '<meta property="article:published_time" content="2025-06-18T01:19:00+00:00">'
    )
    r = ingest(capsys, tmp_path, "floods.html", page("Floods close the valley road", FLOOD, head=head))
    assert r["published"] == "2025-06-18T01:19+00:00"


def test_a_saved_page_without_date_metadata_gives_the_date_under_its_headline(capsys, tmp_path):
    data = page("Floods close the valley road", FLOOD, extra="<div class='meta'><span>17 JUN 2025</span></div>")
    r = ingest(capsys, tmp_path, "floods.html", data)
    assert r["published"] == "2025-06-17"
    assert r["provenance"]["published"] == "dateline beside the page's headline"


def test_dated_links_under_a_saved_page_headline_give_no_date(capsys, tmp_path):
    related = "<ul><li><a>Bridge reopens</a> 3 March 2025</li><li><a>Dam approved</a> 9 January 2025</li></ul>"
    r = ingest(capsys, tmp_path, "floods.html", page("Floods close the valley road", FLOOD, extra=related))
    assert r["published"] is None


@pytest.mark.parametrize(
    ("first_line", "url", "outlet"),
    [
        ("Floods close the valley road - The Quiet Ledger", "https://thequietledger.test/floods", "The Quiet Ledger"),
        ("Floods close the valley road - KVT 7 Valley Town", "https://www.kvtvt.test/news/floods", "KVT 7 Valley Town"),
    ],
)
def test_a_page_title_suffix_spelling_the_domain_names_the_outlet_and_leaves_the_headline(
    capsys, tmp_path, first_line, url, outlet
):
    """A domain that keeps "the", a channel number the domain leaves out."""
    r = ingest(capsys, tmp_path, "r.txt", f"{first_line}\n\nHome\nNews\n\n{BODY}", url=url)
    assert (r["outlet"], r["title"]) == (outlet, "Floods close the valley road")


def test_a_page_title_suffix_gluing_a_section_to_a_known_outlet_is_cut(capsys, tmp_path, monkeypatch):
    table = tmp_path / "outlets.yaml"
    table.write_text("sites:\n  valleyherald.test: Valley Herald\n", encoding="utf-8")
    monkeypatch.setenv("KURSK_READER_OUTLETS", str(table))
    text = f"Floods close the valley road - Valley HeraldPolitics\n\nAnalysis by Jane Roe, Editor-at-large\n\n{BODY}"
    r = ingest(capsys, tmp_path, "r.txt", text, url="https://www.valleyherald.test/2025/06/17/floods")
    assert (r["outlet"], r["title"]) == ("Valley Herald", "Floods close the valley road")


def test_a_saved_page_named_as_a_domain_by_its_metadata_keeps_that_name_over_its_parent_company(capsys, tmp_path):
    data = page("Floods close the valley road", FLOOD, site="ValleyNews.net").replace(
        b"<footer><p>Contact us</p>", b"<footer><p>Contact us</p><p>\xc2\xa9 2025 Meadow Media</p>"
    )
    r = ingest(capsys, tmp_path, "floods.html", data)
    assert r["outlet"] == "ValleyNews.net"


def test_a_saved_page_whose_title_opens_with_the_site_name_is_named_by_it(capsys, tmp_path):
    data = page("Floods close the valley road", FLOOD).replace(
        b"<title>Floods close the valley road</title>",
        b"<title>The Valley Review: Floods close the valley road</title>",
    )
    r = ingest(capsys, tmp_path, "floods.html", data)
    assert (r["outlet"], r["title"]) == ("The Valley Review", "Floods close the valley road")


def test_a_text_whose_title_line_opens_with_the_site_name_gives_outlet_and_headline(capsys, tmp_path):
    text = f"The Valley Review: Floods close the valley road\n\nHome\nNews\n\n{BODY}"
    r = ingest(capsys, tmp_path, "r.txt", text, url="https://www.thevalleyreview.test/article/3834/1")
    assert (r["outlet"], r["title"]) == ("The Valley Review", "Floods close the valley road")


def test_a_city_the_subdomain_spells_gives_way_to_the_fuller_name_in_the_page_title(capsys, tmp_path):
    text = f"Floods close the valley road – KVX Springfield\n\nWeather in Springfield\n\n{BODY}\nSpringfield deals\n"
    r = ingest(capsys, tmp_path, "r.txt", text, url="https://springfield.kvxlocal.test/2025/06/17/floods")
    assert r["outlet"] == "KVX Springfield"


def test_a_saved_page_updated_later_keeps_the_day_its_metadata_says_it_was_published(capsys, tmp_path):
    head = (
        '<meta property="article:modified_time" content="2025-01-07T09:08:22+00:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-05T10:00:00+00:00",'
        ' "dateModified": "2025-01-07T09:08:22+00:00"}</script>'
    )
    shown = '<div datetime="2025-01-07T09:08:22+00:00"><em>Last Updated:</em> January 7, 2025</div>'
    r = ingest(capsys, tmp_path, "floods.html", page("Floods close the valley road", FLOOD, head=head, extra=shown))
    assert r["published"] == "2024-03-05T10:00+00:00"


def test_pasted_text_whose_title_line_ends_with_a_name_the_text_repeats_gives_outlet_and_headline(capsys, tmp_path):
    text = f"Floods close the valley road - The Quiet Ledger\n\nSkip to content\n\n{BODY}\n© 2025 Meadow Media Group\nAbout The Quiet Ledger\n"
    r = ingest(capsys, tmp_path, "r.txt", text)
    assert (r["outlet"], r["title"]) == ("The Quiet Ledger", "Floods close the valley road")


def test_pasted_text_whose_title_line_ends_with_a_name_said_once_keeps_the_line(capsys, tmp_path):
    """ "- Part two" is not a site: nothing else in the text names it."""
    text = f"Floods close the valley road, and what comes next - Part two\n\n{BODY}"
    r = ingest(capsys, tmp_path, "r.txt", text)
    assert r["title"] == "Floods close the valley road, and what comes next - Part two"


def test_an_agency_a_site_reprints_is_the_wire_and_the_site_in_the_title_line_the_outlet(capsys, tmp_path):
    text = (
        f"Floods close the valley road - The Quiet Ledger\n\nSkip to content\n\n{BODY}\nReuters\n\n"
        "More from The Quiet Ledger\n"
    )
    r = ingest(capsys, tmp_path, "r.txt", text)
    assert (r["outlet"], r["wire"]) == ("The Quiet Ledger", "Reuters")


def test_pasted_text_whose_title_line_ends_with_a_brand_in_camel_case_gives_it_as_outlet(capsys, tmp_path):
    text = f"How to build a flood wall (with pictures) | eValley\n\nSkip to content\n\n{BODY}\nAbout eValley\n"
    r = ingest(capsys, tmp_path, "r.txt", text)
    assert (r["outlet"], r["title"]) == ("eValley", "How to build a flood wall (with pictures)")


def test_a_site_name_with_a_legal_form_is_named_without_it(capsys, tmp_path):
    r = ingest(capsys, tmp_path, "floods.html", page("Floods close the valley road", FLOOD, site="Valleyworks Inc"))
    assert r["outlet"] == "Valleyworks"


def test_a_sign_in_link_is_not_a_dateline_naming_the_outlet(capsys, tmp_path):
    text = f"Floods close the valley road\n\nSign in / Sign up\n\n{BODY}"
    r = ingest(capsys, tmp_path, "r.txt", text)
    assert r["outlet"] != "Sign"


def test_a_title_suffix_whose_main_word_opens_the_domain_names_the_outlet(capsys, tmp_path):
    text = f"Floods close the valley road | The Riverbank Blog\n\nSkip to content\n\n{BODY}"
    r = ingest(capsys, tmp_path, "r.txt", text, url="https://www.riverbankondemand.test/blog/floods")
    assert (r["outlet"], r["title"]) == ("The Riverbank Blog", "Floods close the valley road")


@pytest.mark.parametrize(
    ("furniture", "outlet"),
    [
        ("About The Quiet Ledger\nWork at The Quiet Ledger", "The Quiet Ledger"),
        ("Go to Ledger Home\nLedger Daily Brief", "Ledger"),
        ("Quiet Ledger News Logo\nMore from Quiet Ledger News", "Quiet Ledger News"),
        ("Follow Ledgerly Followed\nLedgerly Deals", "Ledgerly"),
    ],
)
def test_pasted_text_is_named_by_its_own_menus_rather_than_its_parent_companys_copyright(
    capsys, tmp_path, furniture, outlet
):
    text = f"Floods close the valley road\n\n{furniture}\n\n{BODY}\n© 2025 Meadow Media Group Limited\n"
    r = ingest(capsys, tmp_path, "r.txt", text)
    assert r["outlet"] == outlet


def test_pasted_text_whose_menus_name_nothing_keeps_its_copyright_holder(capsys, tmp_path):
    text = f"Floods close the valley road\n\nAbout Us\nContact Us\n\n{BODY}\n© 2025 Meadow Ledger\n"
    r = ingest(capsys, tmp_path, "r.txt", text)
    assert r["outlet"] == "Meadow Ledger"


_CREDITED = "\n\nAssociated Press\n\n".join(FLOOD)  # the credit repeated between paragraphs


@pytest.mark.parametrize(
    ("text", "url", "wire"),
    [
        (  # an agency credited alone on its lines, on another site's page
            f"Floods close the valley road\n\nJane Roe\nAssociated Press\n\n{_CREDITED}\n",
            "https://www.dailyroundup.test/uk/floods-close-the-valley-road",
            "AP",
        ),
        (  # a credit in brackets on the dateline
            f"Floods close the valley road\n\nRiverton, (APP - Valley Point News - 11th Jan, 2025 ) :{BODY}",
            "https://www.dailyroundup.test/en/world/floods-2231.html",
            "APP",
        ),
    ],
)
def test_an_agency_credited_on_another_sites_page_is_its_wire(capsys, tmp_path, text, url, wire):
    r = ingest(capsys, tmp_path, "r.txt", text, url=url)
    assert (r["outlet"], r["wire"]) == ("dailyroundup.test", wire)


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        ("Valley Voice:\nTwitter (@valleyvoice)\nFacebook (Valley Voice)", "Valley Voice"),
        ("Follow The Valley Voice on Twitter\nThe Valley Voice newsletter", "The Valley Voice"),
        ("Follow Jane Roe on Twitter\nJane Roe writes about rivers", None),  # the author's account
        ("More on Floods from Riverbank Engineering\nJane Roe in Riverbank Engineering", "Riverbank Engineering"),
    ],
)
def test_pasted_text_names_its_site_in_its_social_links(capsys, tmp_path, footer, outlet):
    r = ingest(capsys, tmp_path, "r.txt", f"Floods close the valley road\n\n{BODY}\n{footer}\n")
    assert r["outlet"] == outlet


def test_pasted_text_whose_title_ends_with_a_known_sites_name_names_that_site(capsys, tmp_path):
    r = ingest(capsys, tmp_path, "r.txt", f"Floods close the valley road — Medium\n\n{BODY}")
    assert (r["outlet"], r["title"]) == ("Medium", "Floods close the valley road")


def test_pasted_text_whose_title_ends_with_an_unknown_name_said_once_names_no_site(capsys, tmp_path):
    r = ingest(capsys, tmp_path, "r.txt", f"Floods close the valley road — Riverbank Notes\n\n{BODY}")
    assert r["outlet"] is None


def test_another_outlets_reporter_cited_with_an_article_does_not_name_the_site(capsys, tmp_path):
    cited = "A Valley Herald reporter said the road was shut.\nThe crews left, a Valley Herald reporter said.\n"
    r = ingest(capsys, tmp_path, "r.txt", f"Floods close the valley road\n\n{BODY}\n{cited}")
    assert r["outlet"] is None


def test_a_parent_companys_copyright_names_no_outlet_of_pasted_text(capsys, tmp_path):
    r = ingest(capsys, tmp_path, "r.txt", f"Floods close the valley road\n\n{BODY}\n© 2025 Riverbank Local Media\n")
    assert r["outlet"] is None


def test_a_page_title_with_a_section_after_the_site_names_the_site_alone(capsys, tmp_path):
    text = f"Floods close the valley road | Valley Herald | World\n\n{BODY}"
    r = ingest(capsys, tmp_path, "r.txt", text, url="https://www.valleyherald.test/story/55123")
    assert (r["outlet"], r["title"]) == ("Valley Herald", "Floods close the valley road")


@pytest.mark.parametrize("url", [None, "https://medium.com/riverbank-engineering/floods-close-the-valley-road-1f2e"])
def test_a_saved_blog_platform_page_names_its_publication(capsys, tmp_path, url):
    more = "<aside><h2>More on Floods from Riverbank Engineering</h2><p>Published in Riverbank Engineering</p></aside>"
    data = page("Floods close the valley road", FLOOD, site="Medium", extra=more)
    r = ingest(capsys, tmp_path, "floods.html", data, url=url)
    assert r["outlet"] == "Riverbank Engineering"


HEADLINE = "Floods close the valley road"


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (f"Harbour Ledger Logo\n\n{HEADLINE}\n\n{BODY}", "Harbour Ledger"),  # the masthead logo's text
        (f"{HEADLINE}\n\n{BODY}\nSign up for the Harbour Ledger newsletter\n", "Harbour Ledger"),
        (
            f"{HEADLINE}\n\n{BODY}\nThe Harbour Ledger's morning newsletter, in your inbox by seven\n",
            "The Harbour Ledger",
        ),
        (f"{HEADLINE}\n\n{BODY}\nFollow the Harbour Ledger on Facebook\n", "Harbour Ledger"),
        (
            f"{HEADLINE}\n\n{BODY}\nMina Okafor is a weather reporter for the Harbour Ledger. She lives inland.\n",
            "Harbour Ledger",
        ),
        (f"{HEADLINE}\n\n{BODY}\nMina Okafor covers rivers and roads for The Harbour Ledger.\n", "The Harbour Ledger"),
    ],
)
def test_pasted_text_names_its_site_once_in_its_logo_newsletter_social_links_or_a_reporters_bio(
    capsys, tmp_path, text, outlet
):
    r = ingest(capsys, tmp_path, "r.txt", text + "\n© 2025 Northgate Media Holdings\n")
    assert r["outlet"] == outlet


@pytest.mark.parametrize(
    "tail",
    [
        "Mina Okafor has written for the Harbour Ledger and the Valley Post.",  # two outlets: neither is it
        "Follow Mina Okafor on Twitter",  # the author's account
        "Sign up for our free newsletter",
        "Jane Roe is a reporter for the Associated Press.",  # the wire's reporter, not the site's
        # a footer's own links
        "© 2024 Northgate Media | Privacy Policy",
        "Copyright © 2024 Northgate Media | All rights reserved",
        "© 2024 Northgate Media Ltd. All rights reserved. Terms of Use",
        # news sentences about who owns or belongs to what
        "Kell Valley Farms, owned by the Dunmore family, lost most of its crop to the water.",
        "Mayor Ilse Varga, a member of the Green party, said the levee plan had failed.",
    ],
)
def test_lines_that_name_no_site_give_pasted_text_no_outlet(capsys, tmp_path, tail):
    """A writer's other outlets or own account, a wire reporter's bio, a footer's links and a body sentence
    about who owns what are not the site."""
    r = ingest(capsys, tmp_path, "r.txt", f"{HEADLINE}\n\n{BODY}\n{tail}\n")
    assert r["outlet"] is None


@pytest.mark.parametrize(
    "footer",
    [
        "© 2025 Northgate Newspapers. Harbour Ledger is part of Northgate Newspapers.",
        "Harbour Ledger, part of the Northgate Media network © 2025",
        "Harbour Ledger © 2025 Northgate Media Group",
        "© Northgate Publishing Ltd 2025 | Harbour Ledger",
        "Copyright 2025 Northgate Media Group. All rights reserved. Harbour Ledger",
        "Share this story\nEmail this Harbour Ledger story",  # a share widget
    ],
)
def test_a_pasted_footer_naming_the_site_beside_its_parent_company_gives_the_site(capsys, tmp_path, footer):
    r = ingest(capsys, tmp_path, "r.txt", f"{HEADLINE}\n\n{BODY}\n{footer}\n")
    assert r["outlet"] == "Harbour Ledger"


def test_a_photo_copyright_in_the_footer_does_not_name_the_site(capsys, tmp_path):
    r = ingest(capsys, tmp_path, "r.txt", f"{HEADLINE}\n\n{BODY}\nPhoto © 2025 Northgate Media Group\n")
    assert r["outlet"] is None


def test_a_bloggers_own_copyright_is_not_taken_for_a_site_beside_a_parent_company(capsys, tmp_path):
    r = ingest(capsys, tmp_path, "r.txt", f"{HEADLINE}\n\n{BODY}\nMina Okafor © 2025\n")
    assert r["outlet"] is None


def test_a_table_of_short_wire_credits_still_reads_plain_sentences():
    from tui.corpus.outlets import OutletTable, wire_credit

    assert wire_credit("Officials said the road would reopen.", OutletTable({}, {"AFP": "AFP", "AP": "AP"})) is None
