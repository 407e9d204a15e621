"""The cleaner on page shapes of the held-out round (issue 13, item 6): teaser cards under a sign-up
button, a Blogger-style comment thread, comment-policy and post-meta lines, caption labels and legal
disclaimers. Every fixture here is made up for the test."""

from __future__ import annotations

from test_clean_failure_kinds import (
    ARTICLE,
    FOOTER,
    HEADLINE,
    MENU,
    assert_dropped_between_paragraphs,
    body,
    page,
    why,
)

from tui.corpus.clean import clean

MORE_ARTICLE = [
    "Engineers from the regional office said the crack ran almost the full width of the arch and that "
    "water getting into the stone over many winters was the most likely cause of the damage.",
    "The council has asked the regional government for an emergency grant so that the bridge can be "
    "rebuilt properly next summer instead of being patched up again for another few years.",
    "Shop owners on both banks said trade had already fallen since the closure, because most of their "
    "customers used to cross the bridge on foot on their way to the railway station.",
    "The ferry company said it would add two extra crossings in the morning and one in the evening for as "
    "long as the bridge stays closed, and that season tickets would be honoured.",
]


def _teaser_cards(n: int) -> list[str]:
    """A "stories you might like" strip: kicker, headline, source and tags, then a summary."""
    out = []
    for i in range(n):
        out += [
            f"WEEKEND READ {i}",
            f"Why The Old Mill In Town {i} Finally Reopened",
            f"example{i}.org Towns Business",
            f"After years of standing empty the mill in town number {i} has been turned into a market hall, "
            "and the traders who moved in say they have never had so many visitors on a Saturday.",
        ]
    return out


def test_teaser_cards_under_a_subscribe_button_are_not_glued_to_the_article():
    plug = ["Want more stories like this?", "Every day we send an email with the top stories.", "Subscribe"]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE + MORE_ARTICLE, plug, _teaser_cards(6), FOOTER))
    assert all(p in body(r) for p in ARTICLE + MORE_ARTICLE)
    assert "turned into a market hall" not in body(r)
    assert why(r, "Every day we send an email with the top stories.") == "app/newsletter plug"


def test_paragraphs_resuming_under_an_inline_sign_up_box_stay_in_the_article():
    box = ["Keep up with our daily newsletter.", "Subscribe", "Loading..."]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE, box, MORE_ARTICLE, FOOTER))
    assert all(p in body(r) for p in ARTICLE + MORE_ARTICLE)


def _blogger_thread(n: int) -> list[str]:
    out = [f"{n} Comments:"]
    for i in range(n):
        out += [
            f"I walked my dog over that bridge every day for years and never thought it could be unsafe, "
            f"so thank you for writing about it, this is comment {i}.",
            f"By Reader{i}, at {i + 1}:05 PM",
        ]
    return [*out, "Post a Comment"]


def test_a_blogger_thread_under_the_post_is_dropped():
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE, "posted by Anna at 1:02 PM", _blogger_thread(6), FOOTER))
    assert all(p in body(r) for p in ARTICLE)
    assert "I walked my dog" not in body(r)
    assert why(r, "6 Comments:") == "comments tail"


def test_comment_policy_post_meta_caption_label_and_disclaimer_lines_are_dropped():
    noise = {
        "As you comment, please be respectful of each other and stay on the topic of the story.": "comment prompt",
        "Sorry, we can’t load comments right now. Try again.": "comment prompt",
        "June 3, 2024 / 4 Comments / in Local News / by editor": "post meta line",
        "Image caption The crack in the central arch was found during a routine check": "caption label",
        "Subscribe to the Gazette YouTube channel for all of our latest videos!": "app/newsletter plug",
        "These statements have not been evaluated by the Food and Drug Administration.": "legal and cookie notice",
    }
    assert_dropped_between_paragraphs(noise)


def test_a_teaser_headline_printed_three_times_on_one_line_is_dropped():
    teaser = "How to fix a cracked stone arch " * 3
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], teaser.strip(), ARTICLE[2:], FOOTER))
    assert why(r, teaser.strip()) == "promo link"
    assert all(p in body(r) for p in ARTICLE)


def test_a_sentence_mentioning_comments_or_a_count_inside_the_article_stays():
    inside = [
        "The council received 40 comments / objections from residents, most of them about the ferry, and "
        "said it would answer every one of them before the end of the month.",
    ]
    r = clean(page(HEADLINE, MENU, HEADLINE, ARTICLE[:2], inside, ARTICLE[2:], FOOTER))
    assert inside[0] in body(r)


def test_a_copyright_line_goes_but_a_paragraph_behind_a_photo_credit_stays():
    credited = (
        "© Provided by Gazette Media The council closed the old stone bridge on Monday after its engineers "
        "found a crack running across the central arch, and said it would stay shut until at least the "
        "end of next month while they decided whether it could be repaired."
    )
    r = clean(page(HEADLINE, MENU, HEADLINE, credited, ARTICLE, "© 2025 Gazette Media Ltd", FOOTER))
    assert credited in body(r)
    assert why(r, "© 2025 Gazette Media Ltd") == "copyright line"
