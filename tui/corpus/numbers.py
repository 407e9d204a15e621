"""Tokens and number parsing for the figure extractor: digits with separators, number words, ordinals."""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from .figure_vocab import (
    FRACTION_WORDS,
    SCALE_WORDS,
    SCALES_AFTER_A,
    TENS_WORDS,
    UNITS_WORDS,
)

# Numbers as newsrooms write them: 7,00,000 (Indian grouping), 1 414 021 100 or 40\u202f000 (space grouping; a
# plain space needs two groups, so "June 4 300 troops" stays two numbers, or one starting with 0: "42 000"),
# 1,000,000, 6000, 2.5 and .08.
_NUMBER = (
    r"\d{1,3}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![,\d])"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?(?![\d\u00a0\u202f\u2009])"
    r"|\d{1,3}(?: \d{3}){2,}(?:\.\d+)?(?![\d,]| \d)"
    r"|\d{1,3} 0\d{2}(?:\.\d+)?(?![\d,]| \d)"  # one group, but "000" is never a number of its own: 42 000
    r"|\d{1,3}(?:\.\d{3})+,\d{1,2}(?![\d,.])"  # 1.111,11: continental, dots group and the comma is the point
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,?\d)"
    r"|\d+(?:\.\d+)?"
    r"|(?<![\w.,])\.\d+(?!\w|\.\d)"
)
_GROUP_SEPARATORS = str.maketrans("", "", ", \u00a0\u202f\u2009")
# A word: an initialism ("U.S.", "a.m.": two or more letter-dot pairs) or letters with inner apostrophes.
# Written with the first letter factored out, so that a plain word is not first tried as an initialism.
_WORD = r"[^\W\d_](?:\.(?:[^\W\d_]\.)+|[^\W\d_]*(?:['’][^\W\d_]+)*)"
# Tokens: a word, a number or any other single character, each with the white space before it (nothing
# else lies between tokens), so that one findall gives a sentence's tokens and their offsets. Words come
# first because most tokens are words: a word start is no digit, so the order changes no token, only how
# soon the engine finds the branch (the number branches used to be tried and failed at every word).
_SPACED_TOKEN = re.compile(r"(\s*)(?:(" + _WORD + r")|(" + _NUMBER + r")|(\S))")


class Token(NamedTuple):
    text: str
    lower: str
    start: int
    end: int
    kind: str  # num | word | punct


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end], with offsets into `text`."""
    # The hottest loop of figure extraction. One findall (the space before each token, then the token in
    # the group of its kind) instead of a match object per token: offsets are counted on from `start`.
    out: list[Token] = []
    append, make = out.append, tuple.__new__
    pos = start
    for space, word, num, punct in _SPACED_TOKEN.findall(text, start, len(text) if end is None else end):
        pos += len(space)
        s = num or word or punct
        after = pos + len(s)
        append(make(Token, (s, s.lower(), pos, after, "num" if num else "word" if word else "punct")))
        pos = after
    return out


def glued(a: Token, b: Token) -> bool:
    """True when b follows a with no space between them ("2bn", "Daily8")."""
    return a.end == b.start


def parse_digits(s: str) -> float | None:
    try:
        if "," in s and "." in s and s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        value = float(s.translate(_GROUP_SEPARATORS))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


_MAX_NUMBER_WORDS = 16  # "two hundred and thirty-four thousand five hundred and sixty-seven" fits
NUMBER_WORDS = set(UNITS_WORDS) | set(TENS_WORDS) | set(SCALE_WORDS) | {"dozen"}


def parse_number_words(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """Value and end index (exclusive) of the number spelled out from tokens[i]: "a hundred and two",
    "twenty-one", "three million", "two and a half", "five and a half million", "three lakh crore", "a dozen".
    None when tokens[i] starts no number."""
    total, current, j, seen = 0.0, 0.0, i, False
    last_end, last_scale = None, 0.0
    while j < len(tokens) and j - i < _MAX_NUMBER_WORDS:
        w = tokens[j].lower
        if w == "a" and j == i and word_at(tokens, j + 1) in SCALES_AFTER_A:
            current, j = 1.0, j + 1
            continue
        if _digits_in_words(tokens, i, j, seen):
            digits = float(tokens[j].text)
            if current % 100 or (current and digits >= 100):
                break
            current += digits  # "4 thousand 3 hundred and 21"
        elif w in UNITS_WORDS or w in TENS_WORDS:
            if seen and current % 100 and not (w in UNITS_WORDS and current % 10 == 0 and current % 100 >= 20):
                break  # "two three": a list, not one number
            current += UNITS_WORDS.get(w, TENS_WORDS.get(w, 0))
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w in SCALE_WORDS:
            scale = float(SCALE_WORDS[w])
            if current == 0 and total and scale > last_scale:
                total *= scale  # "three lakh crore", "a hundred thousand million"
            else:
                total += (current or 1.0) * scale
            current, last_scale = 0.0, scale
        elif w == "dozen":
            current = (current or 1.0) * 12
        elif w == "point" and seen and word_at(tokens, i - 1) != "at" and _decimal_words(tokens, j + 1) is not None:
            decimals, j = _decimal_words(tokens, j + 1) or (0.0, j)
            current += decimals
            last_end = j
            break
        elif w == "-" and seen and _hyphenated_unit(tokens, j):
            j += 1
            continue
        elif w == "and" and seen and _and_continues(tokens, j):
            fraction = _and_fraction(tokens, j)
            if fraction is not None:
                j = last_end = fraction[1]
                scaled = _scaleword_at(tokens, j)
                if scaled is not None:  # "five and a half million", "one billion and a quarter million"
                    total += (current + fraction[0] if current or not last_scale else fraction[0]) * scaled
                    current, j = 0.0, j + 1
                    last_end = j
                elif current == 0 and last_scale:
                    total += fraction[0] * last_scale  # "six million and a half": half of the million
                else:
                    current += fraction[0]
                break
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
        last_end = j
    if not seen or last_end is None:
        return None
    return total + current, last_end


_MAX_DECIMAL_WORDS = 6


def _decimal_words(tokens: list[Token], j: int) -> tuple[float, int] | None:
    """The digits after "point": "zero three" -> .03, "seventy-one" -> .71, "five" -> .5."""
    digits, k = "", j
    while k < len(tokens) and tokens[k].lower in UNITS_WORDS and UNITS_WORDS[tokens[k].lower] < 10:
        digits += str(UNITS_WORDS[tokens[k].lower])
        k += 1
        if len(digits) >= _MAX_DECIMAL_WORDS:
            break
    if not digits and word_at(tokens, j) in TENS_WORDS:
        parsed = parse_number_words(tokens, j)
        if parsed is not None and parsed[0] < 100:
            digits, k = str(int(parsed[0])), parsed[1]
    return (float("0." + digits), k) if digits else None


def _digits_in_words(tokens: list[Token], i: int, j: int, seen: bool) -> bool:
    """Digits under 1000 inside a spelled number: first before a scale word ("4 thousand"), or after one."""
    t = tokens[j]
    if t.kind != "num" or not t.text.isdigit() or len(t.text) > 3:
        return False
    if j == i:
        return word_at(tokens, j + 1) in SCALE_WORDS
    return seen and (word_at(tokens, j - 1) in SCALE_WORDS or word_at(tokens, j - 1) == "and")


def _hyphenated_unit(tokens: list[Token], j: int) -> bool:
    """ "twenty-one": a hyphen glued between a tens word and a units word."""
    return (
        j + 1 < len(tokens)
        and glued(tokens[j - 1], tokens[j])
        and glued(tokens[j], tokens[j + 1])
        and tokens[j + 1].lower in UNITS_WORDS
    )


def _and_fraction(tokens: list[Token], j: int) -> tuple[float, int] | None:
    """ "and a half", "and a quarter", "and three quarters", "and one fourth", "and fifty-four hundredths" at
    tokens[j] == "and": (fraction, end index)."""
    numerator_word, denominator_word = word_at(tokens, j + 1), word_at(tokens, j + 2)
    simple = spoken_fraction(numerator_word, denominator_word, j + 3)
    if simple is not None or numerator_word not in TENS_WORDS:
        return simple
    numerator = parse_number_words(tokens, j + 1)  # "fifty-four hundredths"
    if numerator is None:
        return None
    denominator_word = word_at(tokens, numerator[1])
    denominator = FRACTION_WORDS.get(denominator_word)
    if denominator is None or not denominator_word.endswith("s") or numerator[0] >= denominator:
        return None
    return numerator[0] / denominator, numerator[1] + 1


def spoken_fraction(numerator_word: str, denominator_word: str, end: int) -> tuple[float, int] | None:
    """ "a half", "one fourth", "three quarters", "two thirds": a small fraction as a value, or None."""
    numerator = 1 if numerator_word in ("a", "one") else UNITS_WORDS.get(numerator_word)
    denominator = FRACTION_WORDS.get(denominator_word)
    if not numerator or denominator is None or numerator >= denominator:
        return None
    plural = denominator_word.endswith("s") or denominator_word == "halves"
    if plural != (numerator > 1):
        return None
    return numerator / denominator, end


def _scaleword_at(tokens: list[Token], j: int) -> float | None:
    w = word_at(tokens, j)
    return float(SCALE_WORDS[w]) if w in SCALE_WORDS and w != "hundred" else None


def _and_continues(tokens: list[Token], j: int) -> bool:
    if j + 1 >= len(tokens):
        return False
    nxt = tokens[j + 1].lower
    if _and_fraction(tokens, j) is not None:
        return True
    prev = tokens[j - 1].lower
    if tokens[j + 1].kind == "num":  # "3 hundred and 21"
        return prev == "hundred" and tokens[j + 1].text.isdigit() and len(tokens[j + 1].text) <= 2
    return prev in SCALE_WORDS and (nxt in UNITS_WORDS or nxt in TENS_WORDS)


def format_value(value: float, kind: str | None = None) -> str:
    """1000 -> "1,000", 1.5 -> "1.5", 1500000 -> "1.5 million"; a year stays a year ("2017", kind "date")."""
    if kind == "date" and value == int(value):
        return str(int(value))
    if (value >= 1_000_000 and value % 1_000_000 == 0) or value >= 10_000_000:
        for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if value >= scale:
                return f"{value / scale:g} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4g}" if abs(value) < 1 else f"{value:,.2f}".rstrip("0").rstrip(".")


def word_at(toks: list[Token], i: int) -> str:
    return toks[i].lower if 0 <= i < len(toks) else ""


def glued_left(toks: list[Token], i: int) -> bool:
    """tokens[i] is part of an identifier: "Daily8", "G7", "Covid-19", "2013-14"."""
    if i == 0 or not glued(toks[i - 1], toks[i]):
        return False
    prev = toks[i - 1]
    if prev.kind in ("word", "num"):
        return True
    if prev.text in ("-", "–", "/", ".", ":", "#", "+") and i >= 2 and glued(toks[i - 2], prev):
        return toks[i - 2].kind in ("word", "num")
    return prev.text in ("#", "@", "_")


def glued_hyphen_word(toks: list[Token], i: int) -> bool:
    return (
        i + 2 < len(toks)
        and toks[i + 1].text == "-"
        and glued(toks[i], toks[i + 1])
        and glued(toks[i + 1], toks[i + 2])
    )
