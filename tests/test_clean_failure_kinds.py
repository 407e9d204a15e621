"""The cleaner on the page shapes it used to get wrong on pages it was not built on (issue 13, item 6):
comment threads, short posts and lists, teaser blocks, comment-count links, paywall/consent text,
view counters and newsletter lines. Every fixture here is made up for the test."""

from __future__ import annotations

from tui.corpus.clean import CleanResult, clean

ARTICLE = [
    "The old stone bridge over the river in Lesnoye was closed on Monday after engineers found a deep crack "
    "in its central arch, the district council said in a statement.",
    "Drivers have been told to use the ferry crossing two miles to the south until a temporary steel span can "
    "be put in place, which the council expects to take about three weeks.",
    "Residents said the crack had been visible for months and that they had written to the council about it "
    "several times without getting an answer from anyone.",
    "A council spokesman said the repair would cost about 40,000 roubles and that the work would be paid for "
    "out of the regional road fund rather than by local taxes.",
]
MENU = ["Home", "News", "Sport", "Weather", "Culture", "Contact us"]
FOOTER = ["About us", "Advertise", "Privacy Policy", "Terms of Use"]


def page(*blocks: list[str] | str) -> str:
    lines: list[str] = []
    for block in blocks:
        lines += [block] if isinstance(block, str) else block
    return "\n\n".join(lines)


def body(result: CleanResult) -> str:
    return "\n\n".join(p.text for p in result.paragraphs)


def why(result: CleanResult, text: str) -> str | None:
    return next((r.reason for r in result.removed if r.text == text), None)


HEADLINE = "Lesnoye bridge closed after engineers find crack in arch"


def assert_dropped_between_paragraphs(lines: dict[str, str]) -> None:
    """Each line, set between the article's paragraphs, is dropped for its reason; the article stays."""
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], list(lines), ARTICLE[2:], FOOTER))
    assert all(p in body(r) for p in ARTICLE)
    for text, reason in lines.items():
        assert why(r, text) == reason, text


# --- readers' comments ---------------------------------------------------------------------


def _thread(n: int) -> list[str]:
    out = []
    for i in range(n):
        out += [
            f"reader{i} says:",
            "March 3, 2025 at 5:12 pm",
            f"I drive over that bridge every morning and I had noticed the crack long before anyone else did, "
            f"so it is good that they finally did something about it, comment number {i}.",
            "Reply",
        ]
    return out


def test_a_comment_thread_longer_than_the_article_is_not_taken_for_the_body():
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], _thread(8), FOOTER))
    assert ARTICLE[0] in body(r) and ARTICLE[1] in body(r)
    assert "I drive over that bridge" not in body(r)


def test_a_comment_thread_under_the_article_is_dropped_with_it_kept():
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE, "4 comments", _thread(4), FOOTER))
    assert all(p in body(r) for p in ARTICLE)
    assert "I drive over that bridge" not in body(r)
    assert why(r, "4 comments") == "comments tail"


# --- comment-count links -------------------------------------------------------------------


def test_a_comment_count_link_inside_the_article_does_not_cut_it():
    for count in ("Comments (0)", "12 comments", "[3 Comments]"):
        r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:3], count, ARTICLE[3:], FOOTER))
        assert all(p in body(r) for p in ARTICLE), count
        assert why(r, count) == "comment count"


def test_a_comment_count_above_the_article_is_dropped_and_the_article_kept():
    r = clean(page(HEADLINE, MENU, HEADLINE, "By Anna Petrova", "Comments (0)", ARTICLE, FOOTER))
    assert all(p in body(r) for p in ARTICLE)
    assert "Comments (0)" not in body(r)


# --- short posts and list-shaped bodies ----------------------------------------------------


def test_a_list_introduced_by_a_colon_is_kept_with_the_article():
    items = ["A steel span", "Two cranes", "Concrete for the piers", "Road signs", "A ferry timetable"]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], "The council says the repair will need:", items, ARTICLE[2:]))
    assert all(item in body(r) for item in items)
    assert all(p in body(r) for p in ARTICLE)


def test_a_tag_list_after_the_article_is_not_a_list_in_it():
    tags = ["Bridges", "Roads", "Lesnoye", "Council", "Transport"]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE, "Tags:", tags, FOOTER))
    assert all(p in body(r) for p in ARTICLE)
    assert not any(t in [p.text for p in r.paragraphs] for t in tags)


def test_a_short_post_of_two_sentences_is_kept():
    post = "The ferry will run every twenty minutes from six in the morning while the bridge is shut."
    r = clean(page(HEADLINE, MENU, HEADLINE, post, FOOTER))
    assert post in body(r)


# --- teaser blocks -------------------------------------------------------------------------


def test_a_block_of_teasers_is_not_chosen_over_a_shorter_article():
    teasers: list[str] = []
    for i in range(6):
        teasers += [
            f"Another story number {i} about the region",
            f"The regional governor said on Tuesday that the new hospital in the north of the region would "
            f"open its doors to the first patients before the end of the year, story {i} says...",
        ]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], "More from the region", teasers, FOOTER))
    assert ARTICLE[0] in body(r) and ARTICLE[1] in body(r)
    assert "new hospital" not in body(r)


def test_a_paragraph_trailing_off_is_article_text():
    pause = "And then, when the engineers finally climbed down under the central arch and looked up…"
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], pause, ARTICLE[2:], FOOTER))
    assert pause in body(r)


# --- paywall, registration, consent; counters and newsletters ------------------------------


def test_paywall_registration_and_consent_lines_are_dropped():
    lines = {
        "We need your consent to load this YouTube content.": "paywall, registration or consent",
        "You've reached your limit of free articles this month.": "paywall, registration or consent",
        "Already have an account? Log in": "paywall, registration or consent",
        "Create a free account to read the rest of this story.": "paywall, registration or consent",
    }
    assert_dropped_between_paragraphs(lines)


def test_view_counters_and_newsletter_lines_are_dropped():
    counter_lines = ["448 views", "Views: 1,203", "2.1k shares"]
    plug = "Get the best of our reporting delivered to your inbox three times a week."
    r = clean(page(HEADLINE, MENU, HEADLINE, counter_lines, ARTICLE[:2], plug, ARTICLE[2:], FOOTER))
    assert all(p in body(r) for p in ARTICLE)
    assert all(why(r, c) == "view counter" for c in counter_lines)
    assert why(r, plug) == "app/newsletter plug"


def test_a_sentence_about_viewers_or_consent_inside_the_article_stays():
    inside = [
        "The video of the crack has had 448 views since it was posted, the council said, and many people "
        "wrote to ask whether the bridge was still safe to walk across.",
        "The council said it would need the consent of the regional government before it could spend money "
        "on a new bridge, which it hoped to get by the spring.",
    ]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], inside, ARTICLE[2:], FOOTER))
    assert all(p in body(r) for p in ARTICLE + inside)


def test_a_post_that_is_only_a_list_keeps_the_list_and_its_headline():
    items = ["Ferry timetable:", "Monday to Friday 6:00 to 22:00", "Weekends 8:00 to 20:00", "Holidays 9:00 to 18:00"]
    r = clean(page(HEADLINE, MENU, HEADLINE, "By Anna Petrova", items, "Night: no service", FOOTER))
    assert [p.text for p in r.paragraphs] == [*items, "Night: no service"]
    assert r.title == HEADLINE and not r.title_derived


# --- embedded players and galleries --------------------------------------------------------


def test_a_video_player_inside_the_article_does_not_split_it():
    player = ["Play Video", "Play", "Mute", "Current Time 0:00", "/", "Duration Time 1:32", "Loaded: 0%"]
    player += ["Progress: 0%", "Stream Type LIVE", "Remaining Time -1:32", "Playback Rate", "Chapters"]
    player += ["descriptions off, selected", "captions settings, opens captions settings dialog", "Fullscreen"]
    player += ["This is a modal window.", "Beginning of dialog window. Escape will cancel and close the window."]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], player, ARTICLE[2:], FOOTER))
    assert all(p in body(r) for p in ARTICLE)
    assert why(r, "Playback Rate") == "video player" and why(r, "Loaded: 0%") == "video player"


def test_gallery_slide_counters_are_dropped_and_recipe_fractions_kept():
    slides = [f"{i}/6 Ferry crossing in the morning" for i in range(1, 7)]
    recipe = ["1/2 tsp ground cloves", "3/4 cup of flour"]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], "You will need for the cake:", recipe, ARTICLE[2:], slides))
    assert all(p in body(r) for p in ARTICLE + recipe)
    assert all(why(r, s) == "gallery slide" for s in slides)


# --- found on the tuning pages of benchmarks/cleaning.py -----------------------------------


def test_a_list_introduced_under_captions_and_labels_is_kept():
    captions = ["The bridge from the east bank (Anna Petrova)", "Share this", "Found this useful"]
    items = ["A torch", "A tape measure", "Waterproof boots", "A notebook", "A camera with a spare battery"]
    steps = ["Step 1", "Walk down to the east bank and look up at the underside of the central arch."]
    r = clean(
        page(HEADLINE, MENU, HEADLINE, ARTICLE[:1], captions, "What you will need to see the crack:", items, steps)
    )
    assert all(item in body(r) for item in items)
    assert steps[1] in body(r)


def test_bulleted_lines_are_a_list_in_the_article():
    bullets = ["- Closed the bridge to cars", "- Opened the ferry at night", "- Put up new road signs"]
    bullets += ["- Asked the region for money", "- Hired two more engineers"]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], bullets, ARTICLE[2:], FOOTER))
    assert all(b in body(r) for b in bullets)
    assert all(p in body(r) for p in ARTICLE)


def test_a_block_under_a_colon_inside_the_article_is_kept():
    intro = "The engineers measured the crack every hour and logged the widths in millimetres like this:"
    block = "log = {'06:00': 2.1, '07:00': 2.3, '08:00': 2.2, '09:00': 2.6, '10:00': 2.9, '11:00': 3.0}"
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], intro, block, ARTICLE[2:], FOOTER))
    assert intro in body(r) and block in body(r)


def test_a_more_from_section_box_is_dropped():
    box = ["More from Regions", "Ferry operator doubles crossings while Lesnoye bridge is shut"]
    box += ["Regional road fund pays for three more repairs this spring", "Council meeting postponed by a week"]
    box += ["Farmers worry about the harvest route to the market in town"]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE, box, FOOTER))
    assert all(p in body(r) for p in ARTICLE)
    assert not any(line in body(r) for line in box)
    assert why(r, "More from Regions") == "more-from-regions tail"


def test_subscription_comment_and_notice_lines_are_dropped():
    lines = {
        "You must be logged in to post a comment.": "comment prompt",
        "No spam, we promise. You can unsubscribe at any time.": "app/newsletter plug",
        "Thank you for subscribing! Check your inbox to confirm.": "app/newsletter plug",
        "This document is subject to copyright and may not be reproduced without permission.": (
            "legal and cookie notice"
        ),
        "This video is unavailable in the format required for your device.": "video player",
    }
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE, list(lines), FOOTER))
    assert all(p in body(r) for p in ARTICLE)
    for text, reason in lines.items():
        assert why(r, text) == reason, text


def test_a_wire_credit_and_a_closing_author_bio_are_not_body():
    credit = "(Reporting by Anna Petrova and Ivan Sokolov; editing by Maria Lebedeva)"
    bio = "Anna Petrova is a reporter for the Lesnoye Courier covering roads and local government."
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE, credit, bio, MENU, FOOTER, MENU))
    assert all(p in body(r) for p in ARTICLE)
    assert why(r, credit) == "contributor line"
    assert why(r, bio) == "author bio" and r.author == "Anna Petrova"


def test_a_bulleted_menu_and_a_more_from_link_above_the_article_stay_out():
    menu = ["• World news", "• Latest news", "• Sport news", "• Contact us", "More from Regions"]
    r = clean(page(HEADLINE, menu, HEADLINE, ARTICLE, FOOTER))
    assert [p.text for p in r.paragraphs] == ARTICLE


def test_prose_below_the_page_navigation_is_not_joined_to_the_article():
    frame = ["Next article", "Back to top", "Home", "Search", "Sign in"]
    promo = [
        "Our town guide has everything you need to know about living in Lesnoye, from schools and doctors to "
        "the best places to walk along the river.",
        "Advertise with us and reach thousands of readers in the district every day, in print and online.",
    ]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE, frame, promo))
    assert all(p in body(r) for p in ARTICLE)
    assert not any(p in body(r) for p in promo)
    assert why(r, "Sign in") == "page navigation"


# --- pleas, disclosures, disclaimers and blog footers (found on the tuning pages) ----------


def test_support_pleas_affiliate_notes_and_opinion_disclaimers_are_dropped():
    assert_dropped_between_paragraphs(
        {
            "If you enjoyed this article, please think about a small gift to keep our two-person newsroom going.": (
                "support or membership plea"
            ),
            "Become a Lesnoye Courier member and enjoy fewer ads and access to every back issue.": (
                "support or membership plea"
            ),
            "Tired of adverts? Become a Supporter.": "support or membership plea",
            "Get Hill Walker Quarterly delivered through your letterbox: 4 issues for £9.": "support or membership plea",
            "If you shop through the links in this guide, the Courier may be paid a small commission.": (
                "affiliate disclosure"
            ),
            "Views expressed by our guest columnists are their own and not those of the Lesnoye Courier.": (
                "opinions disclaimer"
            ),
            "Follow the Courier's river desk on Facebook, Twitter and Instagram.": "site chrome",
            "Share on Facebook Share on Mastodon Share via Email": "site chrome",
        }
    )


def test_a_long_comment_policy_is_dropped_but_prose_about_joining_or_views_is_kept():
    policy = (
        "Before you post, please remember to be respectful of other commenters and of the people in our stories; "
        "we remove posts that attack others, that are off topic or that repeat the same point many times, and "
        "repeat offenders may lose the right to take part in the discussion here."
    )
    prose = [
        "Mrs Orlova, who has run the ferry for eleven years, hopes to become a member of the district council "
        "after the spring election, her campaign said.",
        "The views expressed at Tuesday's public meeting were mostly against the plan to charge drivers a toll "
        "for the temporary steel span, the council said.",
        "A new regional fund aims to support local journalism in towns that have lost their weekly paper, its "
        "trustees said on Monday.",
        "The platform said it had removed thousands of comments that violate its rules on harassment since May.",
        "Critics said the views expressed in the minister's speech do not necessarily reflect those of the cabinet.",
        "If you buy a house through an agent in Lesnoye, the seller usually pays the commission, the survey found.",
    ]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], prose, ARTICLE[2:], policy, FOOTER))
    assert all(p in body(r) for p in ARTICLE + prose)
    assert why(r, policy) == "comment policy"


def test_a_blog_posts_permalink_and_comment_count_footer_is_dropped():
    footer = "Sunday March 2, 2025 | permalink | comments (4)"
    assert_dropped_between_paragraphs({footer: "post meta line"})
