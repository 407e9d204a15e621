"""Whether a sentence can hold a figure or a claim marker, decided without tokenizing it.

About half of news sentences hold no digit, no number word and no "said"; tokenizing them was the largest
single cost of figure extraction, for nothing. `may_hold_figures` errs only towards yes: when it says no,
tokenizing the sentence and running the matchers (figure_scan) and the claim markers (figure_attribution)
would find no figure, no cue and no introduced speaker. tests/test_figure_gate.py checks this on text.

Why letter runs stand for tokens: a word token whose lower-case form is a trigger has no apostrophe or dot,
so it is a whole run of letters, and lower-casing the sentence keeps letters letters and other characters
other characters (only "İ" becomes two characters, which can only split a run: a yes too many).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .figure_attribution import CUE_WORDS
from .figure_scan import NEEDS_NEXT, TRIGGERS
from .figure_vocab import APPOSITION_STARTS

_LETTERS = re.compile(r"[^\W\d_]+")  # the tokenizer's letter class
_RUN_WORDS = frozenset(w for w in TRIGGERS | CUE_WORDS if _LETTERS.fullmatch(w))
# Triggers that are no letter run (currency symbols), and digits: the start of every number token.
_DIGIT_OR_SYMBOL = re.compile("[\\d" + re.escape("".join(sorted(TRIGGERS - _RUN_WORDS))) + "]")


_Trie = dict[str, "_Trie"]  # a letter -> the words going on with it; "" marks a word's end


def _alternation(words: Iterable[str]) -> str:
    """A regex matching any of `words`, shaped as a trie ("a(?:pril|ugust)"): the regex engine tries the
    branches of a flat alternation one by one at every word start, which made this test twice as slow."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


_NOT_AFTER_LETTER, _NOT_BEFORE_LETTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"


def _word_then(first: Iterable[str], follow: Iterable[str]) -> str:
    """One of `first`, whose next letter run is one of `follow` ("m.p.h." is read as "m"); only `first` is
    consumed, so the next run is still looked at on its own."""
    runs = {m.group() for m in map(_LETTERS.match, follow) if m}
    return _alternation(first) + r"(?=[\W\d_]+" + _alternation(runs) + _NOT_BEFORE_LETTER + ")"


def _needs_next_pattern() -> str:
    by_follow: dict[frozenset[str], list[str]] = {}
    for word, follow in NEEDS_NEXT.items():
        by_follow.setdefault(follow, []).append(word)
    return "|".join(_word_then(words, follow) for follow, words in by_follow.items())


# A whole letter run that is a trigger or a cue word, or one of the common words of NEEDS_NEXT ("a" is in nearly
# every sentence) before a word it can start a figure with.
_WORDS = re.compile(
    _NOT_AFTER_LETTER
    + "(?:"
    + _alternation(_RUN_WORDS - set(NEEDS_NEXT))
    + "|"
    + _needs_next_pattern()
    + ")"
    + _NOT_BEFORE_LETTER
)
# "Sergei K. Shoigu, a close aide to ...": the comma after the opening name is the sentence's first comma.
_APPOSITION = re.compile(r"\s*(?:" + "|".join(sorted(APPOSITION_STARTS)) + ")" + _NOT_BEFORE_LETTER)


def may_hold_figures(text: str, start: int, end: int) -> bool:
    """False only when text[start:end] holds no figure, no claim marker and no introduced speaker."""
    if _DIGIT_OR_SYMBOL.search(text, start, end):
        return True
    low = text[start:end].lower()
    if _WORDS.search(low):
        return True
    comma = low.find(",")
    return comma >= 0 and _APPOSITION.match(low, comma + 1) is not None
