"""Story terms: the few distinctive words and numbers that tell which event a report is about."""

from __future__ import annotations

from tui.corpus.story_terms import article_terms


def test_numbers_of_three_digits_or_grouped_thousands_are_terms() -> None:
    terms = article_terms("", "Crews cleared 1,000 mines and 12 roads; 2024 saw 15,000,000 dollars and 950 volunteers.")
    assert {"#1000", "#2024", "#15000000", "#950"} <= set(terms)
    assert "#12" not in terms  # a short number says little about the event
    assert not any(t.startswith("#") and "," in t for t in terms)


def test_odd_digit_groups_keep_only_whole_groups_of_three() -> None:
    terms = article_terms("", "Codes 12,34 and 7,000,12 and 0042 appeared.")
    numbers = sorted(t for t in terms if t.startswith("#"))
    assert numbers == ["#0042", "#7000"]  # "12,34" has no group of three; "7,000,12" holds 7,000


def test_title_words_count_twice_and_words_are_cut_to_five_letters() -> None:
    terms = article_terms("Flooding in Karachi", "Flooding reached Karachi suburbs overnight.")
    assert terms["flood"] == 3  # twice from the title, once from the text
    assert terms["karac"] == 3
    assert terms["subur"] == 1
