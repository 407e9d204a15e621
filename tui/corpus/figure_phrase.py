"""What a number counts, as the article words it: the noun phrase after it ("5,000 military construction
workers to rebuild ..." counts "military construction workers"), up to a function word, a verb or its plural head."""

from __future__ import annotations

from dataclasses import dataclass

from .figure_vocab import (
    IRREGULAR_PLURALS,
    MONTHS,
    NOT_ADVERBS,
    NP_KEEP_ED,
    NP_MAX_WORDS,
    NP_SKIP_LEADING,
    NP_STOP,
    NP_VERB_STOP,
    WEEKDAYS,
)
from .numbers import NUMBER_WORDS, Token, glued

_OPEN_QUOTES = {'"', "“", "‘", "'", "«"}
_CLOSE_QUOTES = {'"', "”", "’", "'", "»"}


@dataclass(slots=True)
class NounPhrase:
    text: str
    start: int
    end: int
    next: int  # token index after the phrase


def noun_phrase(text: str, toks: list[Token], j: int, max_words: int = NP_MAX_WORDS) -> NounPhrase | None:
    """What a number counts, as the article words it: the words after it up to the first function word."""
    n = len(toks)
    while j < n and toks[j].text in _OPEN_QUOTES:
        j += 1
    while (
        j < n
        and toks[j].lower in NP_SKIP_LEADING
        and j + 1 < n
        and toks[j + 1].kind == "word"
        and toks[j + 1].lower not in NP_STOP
    ):
        j += 1
    words: list[int] = []
    end = -1
    k = j
    while k < n and len(words) < max_words:
        t = toks[k]
        if t.kind != "word":
            break
        lw = t.lower
        if lw == "and" and words and _conjunct_ok(toks, k):
            k += 1
            continue
        if (
            lw in NP_STOP
            or lw in NP_VERB_STOP
            or lw in WEEKDAYS
            or (lw in MONTHS and t.text[0].isupper() and lw not in ("may", "march"))
        ):
            break
        if words and _verb_like(lw):
            break
        if lw in NUMBER_WORDS and lw not in ("dozen",):
            break
        if words and toks[k - 1].lower != "and" and plural_head(toks[words[-1]]) and not t.text[0].isupper():
            break  # "three candidates give": the phrase ends at its plural head
        words.append(k)
        end = t.end
        k += 1
        while (
            k + 1 < n
            and toks[k].text in ("-", "’s", "'s")
            and glued(toks[k - 1], toks[k])
            and glued(toks[k], toks[k + 1])
            and toks[k + 1].kind == "word"
        ):
            end = toks[k + 1].end
            k += 2
    if not words:
        return None
    if k < n and toks[k].text in _CLOSE_QUOTES and glued(toks[k - 1], toks[k]):
        k += 1
    start = toks[words[0]].start
    return NounPhrase(text[start:end], start, end, k)


def plural_head(t: Token) -> bool:
    """A plural common noun ("workers", "people"); a capitalised word is taken for a name."""
    w = t.lower
    if t.text[0].isupper():
        return False
    if w in IRREGULAR_PLURALS:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous", "ics"))


def _conjunct_ok(toks: list[Token], k: int) -> bool:
    if k + 1 >= len(toks):
        return False
    nxt = toks[k + 1]
    prev = toks[k - 1]
    if nxt.kind != "word" or nxt.lower in NP_STOP or nxt.lower in NUMBER_WORDS:
        return False
    if nxt.text[0].isupper() and not prev.text[0].isupper():
        return False
    return not _verb_like(nxt.lower)


def _verb_like(w: str) -> bool:
    if w in NP_VERB_STOP:
        return True
    if w in NP_KEEP_ED:
        return False
    if w.endswith("ly") and len(w) > 4 and w not in NOT_ADVERBS:
        return True  # an adverb after the noun: "eggs recently"
    return (w.endswith("ed") and len(w) > 4) or (
        w.endswith("ing") and len(w) > 5 and w not in ("building", "buildings")
    )
