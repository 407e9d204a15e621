"""Ordinals: "third visit", "2nd", "twenty-first", "two hundredth anniversary", "the first two", "finished
second". "first", "second" and "third" alone are often something else ("at first", "a second", "second-hand"),
so they need a noun after them, or a determiner or placing verb before them."""

from __future__ import annotations

from .figure_match import Match
from .figure_phrase import noun_phrase
from .figure_vocab import (
    NP_STOP,
    ORDINAL_LEADS,
    ORDINAL_SET_PHRASES,
    ORDINAL_SUFFIXES,
    ORDINAL_WORDS,
    TENS_WORDS,
    TIME_UNITS,
)
from .numbers import NUMBER_WORDS, Token, glued, glued_hyphen_word, glued_left, parse_number_words, word_at


def ordinal_at(text: str, toks: list[Token], i: int) -> Match | None:
    t = toks[i]
    j = i + 1
    compound = _spelled_compound_ordinal(toks, i)
    if compound is not None:
        value, j = compound  # "two hundredth", "one hundred and fiftieth", "a hundred trillionth"
    elif t.kind == "word" and t.lower in ORDINAL_WORDS:
        value = ORDINAL_WORDS[t.lower]
    elif t.lower in TENS_WORDS and glued_hyphen_word(toks, i) and ORDINAL_WORDS.get(word_at(toks, i + 2), 10) < 10:
        value, j = TENS_WORDS[t.lower] + ORDINAL_WORDS[toks[i + 2].lower], i + 3  # "twenty-first"
    elif (
        t.kind == "num"
        and t.text.replace(",", "").isdigit()  # "1,000th visitor"
        and len(t.text) <= 9
        and word_at(toks, i + 1) in ORDINAL_SUFFIXES
        and glued(t, toks[i + 1])
        and not glued_left(toks, i)
    ):
        value, j = int(t.text.replace(",", "")), i + 2
    else:
        return None
    # "2nd", "twenty-first", "eleventh" are ordinals even without a noun; "first", "second" and "third" are
    # too often something else ("second" of time, "first" as an adverb) to stand alone unless a determiner or a
    # placing verb comes before them ("the first two", "his second", "finished third")
    unambiguous = j > i + 1 or value > 3 or word_at(toks, i - 1) in ORDINAL_LEADS
    if _counted_from_the_end(toks, j):
        return None
    if value <= 3 and word_at(toks, j + (word_at(toks, j) == "-")) in ORDINAL_SET_PHRASES:
        return None  # "second-hand cars", "the first lady"
    bare = Match(i, j - 1, float(value), "ordinal", spelled=t.kind == "word", end_token=j)
    if j < len(toks) and toks[j].text == "-" and glued(toks[j - 1], toks[j]):
        j += 1  # "21st-century", "third-largest"
    nxt = toks[j] if j < len(toks) else None
    if (
        nxt is None
        or nxt.kind != "word"
        or nxt.lower in NP_STOP
        or (nxt.lower in TIME_UNITS and nxt.lower != "time" and t.lower == "second")
    ):
        return bare if unambiguous else None
    if t.text[0].isupper() and nxt.text[0].isupper():
        return None  # a name: "First Post", "Second World War" is still a name here
    np = noun_phrase(text, toks, j, max_words=3)
    if np is None:
        return bare if unambiguous else None
    m = Match(i, j - 1, float(value), "ordinal", spelled=t.kind == "word", end_token=np.next)
    m.counts, m.counts_span = np.text, (np.start, np.end)
    return m


def _spelled_compound_ordinal(toks: list[Token], i: int) -> tuple[int, int] | None:
    """A spelled number ending in an ordinal word: a scale ordinal multiplies it ("two hundredth" = 200), any
    other adds to round hundreds or tens ("one hundred and fiftieth" = 150, "twenty first" = 21). Not before a
    hyphen: "a hundred first-time buyers" counts buyers."""
    if toks[i].kind != "word" or (toks[i].lower not in NUMBER_WORDS and toks[i].lower != "a"):
        return None
    parsed = parse_number_words(toks, i)
    if parsed is None:
        return None
    number, k = parsed
    k += word_at(toks, k) == "and"
    ordinal = ORDINAL_WORDS.get(word_at(toks, k))
    if ordinal is None or (k + 1 < len(toks) and toks[k + 1].text == "-" and glued(toks[k], toks[k + 1])):
        return None
    if ordinal >= 100:
        value = number * ordinal
    elif (number >= 100 and number % 100 == 0) or (20 <= number < 100 and number % 10 == 0 and ordinal < 10):
        value = number + ordinal
    else:
        return None
    return (int(value), k + 1) if value == int(value) and value < 1e15 else None


def _counted_from_the_end(toks: list[Token], j: int) -> bool:
    """ "the second to last", "third-from-bottom": a place counted from the end has no number of its own."""
    words = [w for w in (word_at(toks, k) for k in range(j, j + 5)) if w != "-"] + ["", ""]
    return words[0] in ("to", "from") and words[1 + (words[1] == "the")] in ("last", "bottom")
