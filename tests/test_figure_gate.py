"""The sentence gate (figure_gate): a sentence it skips would have yielded no figure and no claim marker, so
skipping changes nothing a user sees; it only saves the time of tokenizing sentences without numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.corpus import figures as figures_module
from tui.corpus.figure_attribution import _introduced_person, speech_cues
from tui.corpus.figure_gate import may_hold_figures
from tui.corpus.figure_scan import scan_sentence
from tui.corpus.figures import extract_figures, figures_in_text
from tui.corpus.numbers import tokenize
from tui.corpus.sentences import split_sentences
from tui.corpus.store import Corpus

REPO = Path(__file__).resolve().parent.parent

# Sentences near the gate's edges, written for this test: figures started by "a"/"an" only, number words
# glued to punctuation or underscores, claim markers without numbers, an opening name with an apposition.
EDGE_SENTENCES = [
    "It took an hour and a half.",
    "The talks lasted a year after the war.",
    "A-third of voters stayed home.",
    "A quarter-mile stretch was closed.",
    "She spent a few hundred on it.",
    "They sold a dozen eggs.",
    "Half a million people came.",
    "About a quarter million dollars went missing.",
    "(Twenty) people,thirty_two dogs and _five cats.",
    "The second visit came in March.",
    "He said nothing more.",
    "Nothing happened, according to the police.",
    "Sergei K. Shoigu, a close aide to the president, flew in.",
    "Kim Jong Un, who rules the North, was there.",
    "ΟΔΟΣ İstanbul, the city.",
    "It was a mile and a half away.",
    "An investigation began a day later.",
    "Results came in a week ago.",
    "Officials met us at a café.",
    "Costs rose by ½ this year.",
    "Prices are quoted in € and £.",
    "Nobody spoke; the room was quiet.",
    "Many hundred workers left, and many stayed.",
    "Several dozen boats sank.",
    "Few thousand-strong crowds gathered.",
    "They met us in HK and NZ.",
]


def _found_anything(text: str, start: int, end: int) -> bool:
    toks = tokenize(text, start, end)
    return bool(scan_sentence(text, toks) or speech_cues(text, toks, "Someone")[0] or _introduced_person(text, toks))


def _sentences(text: str) -> list[tuple[int, int]]:
    return split_sentences(text)


@pytest.mark.parametrize("sentence", EDGE_SENTENCES)
def test_a_sentence_the_gate_skips_holds_nothing(sentence: str) -> None:
    for start, end in _sentences(sentence):
        if not may_hold_figures(sentence, start, end):
            assert not _found_anything(sentence, start, end), sentence[start:end]


def test_the_gate_skips_plain_sentences_and_keeps_figures() -> None:
    assert not may_hold_figures("Nobody spoke; the room was quiet.", 0, 32)
    assert not may_hold_figures("It took a while.", 0, 16)
    assert may_hold_figures("It took an hour.", 0, 16)  # "an hour" is a duration
    assert may_hold_figures("He said nothing more.", 0, 21)  # a claim marker for the next figures
    assert not may_hold_figures("Many people came.", 0, 17)
    assert may_hold_figures("Many hundred came.", 0, 18)  # a vague amount


def test_the_gate_holds_on_the_bundled_reports_sentence_by_sentence() -> None:
    articles = Corpus(REPO / "articles").load_all()[0]
    checked = skipped = 0
    for article in articles:
        text = article.text
        for span in article.sentences:
            checked += 1
            if not may_hold_figures(text, span.start, span.end):
                skipped += 1
                assert not _found_anything(text, span.start, span.end), text[span.start : span.end]
    assert checked and skipped  # the bundled reports do have sentences without figures


def test_figures_are_the_same_with_and_without_the_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = Corpus(REPO / "articles").load_all()[0]
    edge_text = "\n\n".join(EDGE_SENTENCES)
    gated = [[f.to_dict() for f in extract_figures(a)] for a in articles]
    gated.append([f.to_dict() for f in figures_in_text(edge_text)])
    monkeypatch.setattr(figures_module, "may_hold_figures", lambda text, start, end: True)
    ungated = [[f.to_dict() for f in extract_figures(a)] for a in articles]
    ungated.append([f.to_dict() for f in figures_in_text(edge_text)])
    assert gated == ungated
    assert any(gated)
