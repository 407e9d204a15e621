"""Dates and times of day inside a sentence: "June 4", "16 August 2024", "October 2024", "the 1990s", a bare year,
and "5 p.m." (a time of day is no figure)."""

from __future__ import annotations

from .figure_match import Match
from .figure_phrase import plural_head
from .figure_vocab import (
    CLOCK_WORDS,
    CURRENCY_SYMBOLS,
    DETERMINERS,
    MONTHS,
    NP_STOP,
    ORDINAL_SUFFIXES,
    ORDINAL_WORDS,
    POSSESSIVES,
    TENS_WORDS,
    WEEKDAYS,
    YEAR_PREPOSITIONS,
)
from .numbers import Token, glued, glued_left, word_at


def clock_time(toks: list[Token], i: int) -> bool:
    """ "5 p.m.", "6am", "10:30", "2100 UTC": a time of day is not a figure."""
    j = i + 1
    if (
        j + 1 < len(toks)
        and toks[j].text == ":"
        and glued(toks[i], toks[j])
        and toks[j + 1].kind == "num"
        and glued(toks[j], toks[j + 1])
    ):
        return True
    if j < len(toks) and toks[j].lower in CLOCK_WORDS:
        return toks[j].lower not in ("h", "hrs") or (glued(toks[i], toks[j]) and len(toks[i].text) == 4)
    return False


def clock_end(toks: list[Token], i: int) -> int:
    j = i + 1
    if toks[j].text == ":":
        j += 2
    while j < len(toks) and toks[j].lower in CLOCK_WORDS:
        j += 1
    return j


def _month_at(toks: list[Token], i: int) -> int | None:
    t = toks[i]
    if t.kind != "word" or not t.text[0].isupper():
        return None
    return MONTHS.get(t.lower)


def _int_token(toks: list[Token], i: int, lo: int, hi: int) -> int | None:
    if i >= len(toks) or toks[i].kind != "num" or not toks[i].text.isdigit() or len(toks[i].text) > 4:
        return None
    v = int(toks[i].text)
    return v if lo <= v <= hi else None


def _skip_dot(toks: list[Token], i: int) -> int:
    """Past the "." of an abbreviated month ("Jan."); the full stop after "June" ends the sentence."""
    if i < len(toks) and toks[i].text == "." and glued(toks[i - 1], toks[i]) and toks[i - 1].lower not in _FULL_MONTHS:
        return i + 1
    return i


# Abbreviations ("Jan", "Sept") have at most four letters; so do three full names.
_FULL_MONTHS = frozenset(m for m in MONTHS if len(m) > 4) | {"may", "june", "july"}


def _skip_ordinal_suffix(toks: list[Token], i: int) -> int:
    """Past the "th" of "4th" (the day number is at i - 1)."""
    return i + 1 if i < len(toks) and toks[i].lower in ORDINAL_SUFFIXES and glued(toks[i - 1], toks[i]) else i


def _day_date(first: int, day: int, month: int, year: int | None, end: int) -> Match:
    """A day of a month; without a year its ISO form is "--06-04" and its value the day."""
    iso = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    return Match(first, end - 1, float(year or day), "date", date=iso, end_token=end)


def decade_at(toks: list[Token], i: int) -> Match | None:
    """ "in his 60s" is an age from 60 to 69; "the '90s" a decade: neither is sixty seconds."""
    t = toks[i]
    if not (t.text.isdigit() and len(t.text) == 2 and t.text[1] == "0" and word_at(toks, i + 1) == "s"):
        return None
    if not glued(t, toks[i + 1]) or (
        i + 2 < len(toks) and glued(toks[i + 1], toks[i + 2]) and toks[i + 2].kind != "punct"
    ):
        return None
    if word_at(toks, i - 1) in POSSESSIVES:
        value = float(t.text)
        return Match(i, i + 1, value, "duration", unit="year", value_max=value + 9, end_token=i + 2)
    return Match(i, i + 1, 0.0, "skip", end_token=i + 2)


def date_at(text: str, toks: list[Token], i: int) -> Match | None:
    month = _month_at(toks, i)
    if month is not None:
        return _month_first_date(toks, i, month)
    day = _int_token(toks, i, 1, 31)
    if day is not None and not glued_left(toks, i):
        j = _skip_ordinal_suffix(toks, i + 1)
        if j < len(toks) and toks[j].lower == "of":
            j += 1
        month = _month_at(toks, j) if j < len(toks) else None
        if month is not None:
            year, end = _year_after(toks, _skip_dot(toks, j + 1))
            return _day_date(i, day, month, year, end)
    spelled = _spelled_day(toks, i)
    if spelled is not None and word_at(toks, spelled[1]) == "of":  # "the second of June"
        j = spelled[1] + 1
        month = _month_at(toks, j) if j < len(toks) else None
        if month is not None:
            year, end = _year_after(toks, _skip_dot(toks, j + 1))
            return _day_date(i, spelled[0], month, year, end)
    return _year_at(toks, i)


def _spelled_day(toks: list[Token], i: int) -> tuple[int, int] | None:
    """ "second", "twenty-first": a day written as an ordinal word, and the index after it."""
    w = word_at(toks, i)
    if w in ORDINAL_WORDS and ORDINAL_WORDS[w] <= 31:
        return ORDINAL_WORDS[w], i + 1
    if w in TENS_WORDS and word_at(toks, i + 1) == "-" and word_at(toks, i + 2) in ORDINAL_WORDS:
        day = TENS_WORDS[w] + ORDINAL_WORDS[word_at(toks, i + 2)]
        return (day, i + 3) if day <= 31 and glued(toks[i], toks[i + 1]) else None
    return None


def _month_first_date(toks: list[Token], i: int, month: int) -> Match | None:
    j = _skip_dot(toks, i + 1)
    day = _int_token(toks, j, 1, 31)
    if day is not None:
        k = _skip_ordinal_suffix(toks, j + 1)
        if k < len(toks) and toks[k].kind == "num" and glued(toks[j], toks[k]):
            return None
        year, end = _year_after(toks, k)
        return _day_date(i, day, month, year, end)
    year = _int_token(toks, j, 1000, 2999)
    if year is not None and len(toks[j].text) == 4:
        return Match(i, j, float(year), "date", date=f"{year:04d}-{month:02d}", end_token=j + 1)
    return None


def _year_after(toks: list[Token], k: int) -> tuple[int | None, int]:
    """An optional ", 2025" or " 2025" after a day and month."""
    j = k + 1 if k < len(toks) and toks[k].text == "," else k
    year = _int_token(toks, j, 1000, 2999)
    if year is not None and len(toks[j].text) == 4 and not _continues_as_number(toks, j):
        return year, j + 1
    return None, k


def _continues_as_number(toks: list[Token], j: int) -> bool:
    return j + 1 < len(toks) and glued(toks[j], toks[j + 1]) and toks[j + 1].kind != "punct"


def _year_at(toks: list[Token], i: int) -> Match | None:
    t = toks[i]
    if t.kind != "num" or len(t.text) != 4 or not t.text.isdigit() or not 1800 <= int(t.text) <= 2100:
        return None
    if glued_left(toks, i) or (i > 0 and toks[i - 1].text in CURRENCY_SYMBOLS):
        return None
    j = i + 1
    if j < len(toks) and glued(t, toks[j]):
        if toks[j].lower == "s":  # "the 1990s"
            return Match(i, j, float(t.text), "date", date=t.text[:3] + "0s", end_token=j + 1)
        if toks[j].kind == "word" or toks[j].text not in {",", ".", ";", ":", ")", "-", "–", "?", "!", "”", '"', "’"}:
            return None
        if toks[j].text in "-–" and j + 1 < len(toks) and toks[j + 1].kind == "num" and glued(toks[j], toks[j + 1]):
            return Match(i, j + 1, float(t.text), "date", date=t.text, end_token=j + 2)  # 2013-14
    if not _year_context(toks, i):
        return None
    return Match(i, i, float(t.text), "date", date=t.text, end_token=i + 1)


def _year_context(toks: list[Token], i: int) -> bool:
    """A bare four-digit number is a year unless something follows that it counts ("2000 soldiers")."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or nxt.kind == "punct":
        return True
    if nxt.kind == "num":
        return False
    if (
        nxt.text[0].isupper()
        or word_at(toks, i - 1) in DETERMINERS
        or (i > 0 and toks[i - 1].lower.endswith(("'s", "’s")))
    ):
        return True  # "the 2024 elections", "2020 United States presidential election"
    if nxt.kind == "word" and not plural_head(nxt):
        return True  # "2018 trip", "2016 following"; "2000 soldiers" is a count
    return (
        nxt.lower in NP_STOP
        or nxt.lower in WEEKDAYS
        or (nxt.text[0].isupper() and i > 0 and toks[i - 1].lower in YEAR_PREPOSITIONS)
    )
