"""Token-level figure matching inside one sentence: what number starts here, what it measures, what it counts.

Every matcher takes (tokens, i) and returns a Match or None; `scan_sentence` runs them left to right.
What a count counts (the noun phrase after it) is read by figure_phrase."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .figure_phrase import noun_phrase, plural_head
from .figure_vocab import (
    ANAPHORIC_DETERMINERS,
    AREA_PREFIXES,
    AREA_UNITS,
    CHANGE_VERBS,
    CODE_SCALE_PREFIXES,
    COMPOUND_UNITS,
    CURRENCY_CODES,
    CURRENCY_NATIONS,
    CURRENCY_ONLY_SCALES,
    CURRENCY_PREFIX_WORDS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORD_PREFIXES,
    CURRENCY_WORDS,
    DEGREE_WORDS,
    DISTANCE_UNITS,
    FRACTION_WORDS,
    HYPHEN_SCALES,
    LOWER_BOUNDS,
    METRIC_BASES,
    METRIC_PREFIXES,
    METRIC_PREFIXES_LARGE,
    MORE_UNITS,
    MONTHS,
    NP_STOP,
    ORDINAL_SUFFIXES,
    ORDINAL_WORDS,
    OTHER_UNITS,
    PERCENT_WORDS,
    QUALIFIERS,
    SCALE_FRACTIONS,
    SCALE_SUFFIXES,
    SCALE_WORDS,
    SPACED_SCALES,
    TEMPERATURE_UNITS,
    TEMPERATURE_WORDS,
    TENS_WORDS,
    TIME_UNITS,
    TOLL_COUNTS,
    TOLL_WORDS,
    UNIT_QUALIFIER_WORDS,
    UNICODE_FRACTIONS,
    UNITS_WORDS,
    UPPER_BOUNDS,
    VAGUE_PLURALS,
    WEEKDAYS,
)
from .numbers import NUMBER_WORDS, Token, glued, parse_digits, parse_number_words, spoken_fraction

_SPELLED_SCALES = SPACED_SCALES
_SIGN_WORDS = frozenset({"minus", "negative"})
_RANGE_WORDS = frozenset({"to", "–", "or", "through", "~"})
_SUBJECT_WINDOW = 14
_NATIONALITY_ENDINGS = ("ian", "ish", "ese", "can", "ean")
_NATION_CURRENCY_WORDS = frozenset(word for _, word in CURRENCY_NATIONS)
_UNIT_WORDS = frozenset(DISTANCE_UNITS) | frozenset(OTHER_UNITS) | frozenset(TIME_UNITS) | frozenset(AREA_UNITS)
_CLAUSE_BREAKS = frozenset({".", ";", ":", "!", "?", "(", ")", "“", "”", '"'})
_INDEFINITE_TIME_AFTER = {"ago", "after", "later", "earlier", "before", "long", "on"}
# Longest first, so "no more than 50" is read as "no more than", not "more than".
_QUALIFIER_WORDS = sorted((tuple(q.split()) for q in QUALIFIERS), key=len, reverse=True)
_MAX_DIGITS = 24
_QUALIFIER_FIRST = frozenset(q.split()[0] for q in QUALIFIERS)
# Tokens that can start a figure; any other word is skipped without trying the matchers.
_TRIGGERS = (
    NUMBER_WORDS
    | set(ORDINAL_WORDS)
    | set(MONTHS)
    | set(VAGUE_PLURALS)
    | set(FRACTION_WORDS)
    | set(CURRENCY_SYMBOLS)
    | set(UNICODE_FRACTIONS)
    | set(CURRENCY_CODES)
    | set(CURRENCY_WORD_PREFIXES)
    | set(SCALE_FRACTIONS)
    | _SIGN_WORDS
    | {"a", "an", "one", "several", "few", "many", "tens", "us", "hk", "nz"}
)
_CLOCK_WORDS = frozenset(
    {
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "utc",
        "gmt",
        "est",
        "edt",
        "pst",
        "pdt",
        "cet",
        "bst",
        "hrs",
        "h",
        "o'clock",
        "o’clock",
    }
)


@dataclass
class Match:
    """One figure inside a sentence, before attribution and context are added."""

    first: int  # token index range [first, last] of the surface
    last: int
    value: float
    kind: str
    unit: str | None = None
    per: str | None = None
    counts: str | None = None
    counts_span: tuple[int, int] | None = None
    aka: str | None = None
    qualifier: str | None = None
    vague: bool = False
    value_max: float | None = None
    date: str | None = None
    spelled: bool = False
    counts_inferred: bool = False
    end_token: int = 0  # where scanning resumes


@dataclass
class _Core:
    first: int
    end: int  # exclusive token index after the number (and its scale)
    value: float
    spelled: bool = False
    vague: bool = False
    currency: str | None = None
    value_max: float | None = None
    scaled: bool = False
    fraction: bool = False  # "two out of five", "twenty-three fifths"


def scan_sentence(text: str, toks: list[Token]) -> list[Match]:
    out: list[Match] = []
    i = 0
    while i < len(toks):
        m = _match_at(text, toks, i)
        if m is None:
            i += 1
            continue
        if m.kind != "skip" and math.isfinite(m.value) and (m.value_max is None or math.isfinite(m.value_max)):
            out.append(m)
        i = max(m.end_token, i + 1)
    return out


def _clock_time(toks: list[Token], i: int) -> bool:
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
    if j < len(toks) and toks[j].lower in _CLOCK_WORDS:
        return toks[j].lower not in ("h", "hrs") or (glued(toks[i], toks[j]) and len(toks[i].text) == 4)
    return False


def _clock_end(toks: list[Token], i: int) -> int:
    j = i + 1
    if toks[j].text == ":":
        j += 2
    while j < len(toks) and toks[j].lower in _CLOCK_WORDS:
        j += 1
    return j


def _match_at(text: str, toks: list[Token], i: int) -> Match | None:
    t = toks[i]
    if t.kind != "num" and t.lower not in _TRIGGERS:
        return None
    if t.kind == "num" and _clock_time(toks, i):
        return Match(i, i, 0.0, "skip", end_token=_clock_end(toks, i))
    core = _fraction_scale_core(toks, i)
    if core is not None:
        return _classify(text, toks, core)
    for matcher in (_date_at, _fraction_at, _indefinite_duration_at, _ordinal_at):
        m = matcher(text, toks, i)
        if m is not None:
            return m
    core = _vague_core(toks, i) or _signed(toks, _number_core(toks, i))
    if core is None:
        return None
    return _classify(text, toks, core)


def _fraction_scale_core(toks: list[Token], i: int) -> _Core | None:
    """ "half a million", "a quarter million dollars", "three quarters of a billion", "half million": one amount."""
    j = i + 1 if _word(toks, i) in ("a", "one", "three") else i
    fraction = SCALE_FRACTIONS.get(_word(toks, j))
    if fraction is None or (_word(toks, j) == "quarters") != (j == i + 1 and _word(toks, i) == "three"):
        return None
    if _word(toks, i) == "three":
        fraction *= 3
    k = j + 1
    if _word(toks, k) == "of" and _word(toks, k + 1) in ("a", "an"):
        k += 2
    elif _word(toks, k) in ("a", "an"):
        k += 1
    scale = _word(toks, k)
    if scale == "dozen":
        return _Core(i, k + 1, fraction * 12, spelled=True)  # "half a dozen"
    if scale not in SCALE_WORDS or scale == "hundred":
        return None
    return _Core(i, k + 1, fraction * SCALE_WORDS[scale], spelled=True, scaled=True)


def _signed(toks: list[Token], core: _Core | None) -> _Core | None:
    """ "minus five percent", "negative 3": the sign word belongs to the number."""
    if core is None or _word(toks, core.first - 1) not in _SIGN_WORDS or core.value_max is not None:
        return core
    if core.first >= 2 and toks[core.first - 2].kind == "num":
        return core  # "ten minus three" is arithmetic, not a signed figure
    core.first, core.value = core.first - 1, -core.value
    return core


# -- dates ------------------------------------------------------------------------------------------


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
    return i + 1 if i < len(toks) and toks[i].text == "." and glued(toks[i - 1], toks[i]) else i


def _skip_ordinal_suffix(toks: list[Token], i: int) -> int:
    """Past the "th" of "4th" (the day number is at i - 1)."""
    return i + 1 if i < len(toks) and toks[i].lower in ORDINAL_SUFFIXES and glued(toks[i - 1], toks[i]) else i


def _day_date(first: int, day: int, month: int, year: int | None, end: int) -> Match:
    """A day of a month; without a year its ISO form is "--06-04" and its value the day."""
    iso = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    return Match(first, end - 1, float(year or day), "date", date=iso, end_token=end)


def _date_at(text: str, toks: list[Token], i: int) -> Match | None:
    month = _month_at(toks, i)
    if month is not None:
        return _month_first_date(toks, i, month)
    day = _int_token(toks, i, 1, 31)
    if day is not None and not _glued_left(toks, i):
        j = _skip_ordinal_suffix(toks, i + 1)
        if j < len(toks) and toks[j].lower == "of":
            j += 1
        month = _month_at(toks, j) if j < len(toks) else None
        if month is not None:
            year, end = _year_after(toks, _skip_dot(toks, j + 1))
            return _day_date(i, day, month, year, end)
    return _year_at(toks, i)


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
    if _glued_left(toks, i) or (i > 0 and toks[i - 1].text in CURRENCY_SYMBOLS):
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
        or _word(toks, i - 1) in ("the", "a", "an", "its", "their", "his", "her", "our")
        or (i > 0 and toks[i - 1].lower.endswith(("'s", "’s")))
    ):
        return True  # "the 2024 elections", "2020 United States presidential election"
    if nxt.kind == "word" and not plural_head(nxt):
        return True  # "2018 trip", "2016 following"; "2000 soldiers" is a count
    return (
        nxt.lower in NP_STOP
        or nxt.lower in WEEKDAYS
        or (
            nxt.text[0].isupper()
            and i > 0
            and toks[i - 1].lower in {"in", "since", "of", "by", "until", "from", "during", "before", "after"}
        )
    )


# -- vague amounts, fractions, ordinals, durations ----------------------------------------------------


def _vague_core(toks: list[Token], i: int) -> _Core | None:
    t = toks[i]
    if t.kind != "word":
        return None
    if (
        t.lower in ("tens", "hundreds")
        and _word(toks, i + 1) == "of"
        and _word(toks, i + 2) in ("thousands", "millions", "billions")
    ):
        base = 10 if t.lower == "tens" else 100
        return _Core(i, i + 3, base * VAGUE_PLURALS[toks[i + 2].lower], vague=True)
    if t.lower in VAGUE_PLURALS:
        if t.lower == "scores" and _word(toks, i + 1) != "of":
            return None
        if _word(toks, i - 1) in ("of", "the") and _word(toks, i - 2) in ("tens", "hundreds", "one"):
            return None
        return _Core(i, i + 1, float(VAGUE_PLURALS[t.lower]), vague=True)
    j = i + 2 if t.lower == "a" and _word(toks, i + 1) == "few" else i + 1
    if t.lower in ("several", "few", "many") or j == i + 2:
        scale = _word(toks, j)
        if scale in ("hundred", "thousand", "million", "billion", "dozen"):
            value = {"hundred": 100, "thousand": 1_000, "million": 1e6, "billion": 1e9, "dozen": 12}[scale]
            return _Core(i, j + 1, float(value), vague=True)
    return None


def _fraction_at(text: str, toks: list[Token], i: int) -> Match | None:
    t = toks[i]
    if t.text in UNICODE_FRACTIONS and not _glued_left(toks, i):
        return _with_counts(text, toks, Match(i, i, UNICODE_FRACTIONS[t.text], "fraction", end_token=i + 1))
    if t.kind != "word":
        return None
    if (
        t.lower == "half"
        and _word(toks, i - 1) not in ORDINAL_WORDS
        and _word(toks, i - 1) != "and"
        and not _glued_left(toks, i)
    ):
        first = i - 1 if _word(toks, i - 1) in ("a", "one") else i
        if _word(toks, i + 1) == "a" and _word(toks, i + 2) in TIME_UNITS:
            unit = TIME_UNITS[toks[i + 2].lower]
            return Match(first, i + 2, 0.5, "duration", unit=unit, end_token=i + 3)
        if _glued_hyphen_word(toks, i):
            return None
        return _with_counts(text, toks, Match(first, i, 0.5, "fraction", end_token=i + 1))
    numerator = 1 if t.lower in ("a", "one") else UNITS_WORDS.get(t.lower)
    denom_word = _word(toks, i + 1)
    if numerator is None or denom_word not in FRACTION_WORDS or denom_word == "half":
        return None
    plural = (denom_word.endswith("s") and denom_word not in ("thirds",)) or denom_word in ("thirds", "halves")
    if numerator == 1 and plural:
        return None
    if numerator > 1 and not plural:
        return None
    if numerator == 1 and _word(toks, i + 2) != "of" and not (i + 2 >= len(toks) or toks[i + 2].kind == "punct"):
        return None  # "a third visit" is an ordinal
    value = numerator / FRACTION_WORDS[denom_word]
    return _with_counts(text, toks, Match(i, i + 1, value, "fraction", end_token=i + 2))


def _with_counts(text: str, toks: list[Token], m: Match) -> Match:
    j = m.end_token
    if _word(toks, j) == "of":
        k = j + 1
        if _word(toks, k) in ("them", "those", "us", "these", "it"):
            m.counts, m.counts_span, m.end_token = toks[k].text, (toks[k].start, toks[k].end), k + 1
            return m
        if _word(toks, k) in ("the", "its", "their", "his", "her", "our", "all"):
            k += 1
        np = noun_phrase(text, toks, k)
        if np is not None:
            m.counts, m.counts_span, m.end_token = np.text, (np.start, np.end), np.next
    return m


def _indefinite_duration_at(text: str, toks: list[Token], i: int) -> Match | None:
    """ "exactly a year after", "more than a decade": a/an + time unit, hedged or anchored in time."""
    if _word(toks, i) not in ("a", "an") or _word(toks, i + 1) not in TIME_UNITS:
        return None
    unit_word = toks[i + 1].lower
    if unit_word in ("s", "h", "sec", "min", "hr", "yr") or unit_word.endswith("s"):
        return None
    qualifier = _qualifier_before(toks, i)
    if qualifier is None and _word(toks, i + 2) not in _INDEFINITE_TIME_AFTER:
        return None
    if _word(toks, i - 1) in ("per", "once", "twice", "times"):
        return None
    m = Match(i, i + 1, 1.0, "duration", unit=TIME_UNITS[unit_word], spelled=True, end_token=i + 2)
    m.qualifier = qualifier
    return m


def _ordinal_at(text: str, toks: list[Token], i: int) -> Match | None:
    t = toks[i]
    j = i + 1
    if t.kind == "word" and t.lower in ORDINAL_WORDS:
        value = ORDINAL_WORDS[t.lower]
    elif t.lower in TENS_WORDS and _glued_hyphen_word(toks, i) and ORDINAL_WORDS.get(_word(toks, i + 2), 10) < 10:
        value, j = TENS_WORDS[t.lower] + ORDINAL_WORDS[toks[i + 2].lower], i + 3  # "twenty-first"
    elif (
        t.kind == "num"
        and t.text.isdigit()
        and len(t.text) <= 6
        and _word(toks, i + 1) in ORDINAL_SUFFIXES
        and glued(t, toks[i + 1])
        and not _glued_left(toks, i)
    ):
        value, j = int(t.text), i + 2
    else:
        return None
    # "2nd", "twenty-first", "eleventh" are ordinals even without a noun; "first", "second" and "third" are
    # too often something else ("second" of time, "first" as an adverb) to stand alone
    unambiguous = j > i + 1 or value > 3
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


# -- numbers ------------------------------------------------------------------------------------------


def _glued_left(toks: list[Token], i: int) -> bool:
    """tokens[i] is part of an identifier: "Daily8", "G7", "Covid-19", "2013-14"."""
    if i == 0 or not glued(toks[i - 1], toks[i]):
        return False
    prev = toks[i - 1]
    if prev.kind in ("word", "num"):
        return True
    if prev.text in ("-", "–", "/", ".", ":", "#", "+") and i >= 2 and glued(toks[i - 2], prev):
        return toks[i - 2].kind in ("word", "num")
    return prev.text in ("#", "@", "_")


def _glued_hyphen_word(toks: list[Token], i: int) -> bool:
    return (
        i + 2 < len(toks)
        and toks[i + 1].text == "-"
        and glued(toks[i], toks[i + 1])
        and glued(toks[i + 1], toks[i + 2])
    )


def _currency_before(toks: list[Token], i: int) -> tuple[str | None, int]:
    """Currency written before the number at i: "$800", "US$5", "£2bn", "USD 5". Returns (code, first token)."""
    if i >= 1 and toks[i - 1].text in CURRENCY_SYMBOLS:
        code, first = CURRENCY_SYMBOLS[toks[i - 1].text], i - 1
        if (
            first >= 1
            and glued(toks[first - 1], toks[first])
            and toks[first - 1].lower in CURRENCY_PREFIX_WORDS
            and toks[first].text == "$"
        ):
            code, first = CURRENCY_PREFIX_WORDS[toks[first - 1].lower], first - 1
        return code, first
    if i >= 1 and toks[i - 1].lower in CURRENCY_CODES and toks[i - 1].text.isupper():
        return toks[i - 1].text.upper(), i - 1
    k = i - 2 if i >= 2 and toks[i - 1].text == "." and glued(toks[i - 2], toks[i - 1]) else i - 1
    if k >= 0 and toks[k].lower in CURRENCY_WORD_PREFIXES and toks[k].text[0].isupper():
        return CURRENCY_WORD_PREFIXES[toks[k].lower], k  # "Rs 500 crore", "Rs.45 lakh", "Rs220-crore"
    return None, i


def _number_core(toks: list[Token], i: int) -> _Core | None:
    t = toks[i]
    if t.kind == "punct" and t.text in CURRENCY_SYMBOLS:
        return None  # the number after it starts the figure; the symbol is picked up from there
    if t.kind == "num":
        return _digits_core(toks, i)
    if t.kind == "word" and (t.lower in NUMBER_WORDS or t.lower == "a"):
        if t.lower == "a" and _word(toks, i + 1) not in ("hundred", "thousand", "million", "billion", "dozen"):
            return None
        parsed = parse_number_words(toks, i)
        if parsed is None or (_anaphoric(toks, i) and t.lower != "a"):
            return None
        value, end = parsed
        core = _Core(i, end, value, spelled=True, scaled=_word(toks, end - 1) in _SPELLED_SCALES)
        return _fraction_of(toks, core) or _range(toks, core)
    return None


def _fraction_of(toks: list[Token], core: _Core) -> _Core | None:
    """ "twenty-three fifths" (4.6), "one out of three", "two out of five hundred": a ratio, as a fraction."""
    denominator_word = _word(toks, core.end)
    if denominator_word in FRACTION_WORDS and denominator_word.endswith("s") and core.value > 1:
        value = core.value / FRACTION_WORDS[denominator_word]
        return _Core(core.first, core.end + 1, value, spelled=True, fraction=True)
    if _word(toks, core.end) == "out" and _word(toks, core.end + 1) == "of" and core.end + 2 < len(toks):
        whole = _plain_number(toks, core.end + 2)
        if whole is not None and whole[0] > core.value > 0:
            return _Core(core.first, whole[1], core.value / whole[0], spelled=core.spelled, fraction=True)
    if _word(toks, core.end) == "over" and core.end + 1 < len(toks):
        whole = _plain_number(toks, core.end + 1)  # "one over three", alone: "over 3 days" is not a ratio
        at_end = whole is not None and (whole[1] >= len(toks) or toks[whole[1]].kind == "punct")
        if whole is not None and at_end and whole[0] > core.value > 0:
            return _Core(core.first, whole[1], core.value / whole[0], spelled=core.spelled, fraction=True)
    return None


def _anaphoric(toks: list[Token], i: int) -> bool:
    """ "the two countries" refers back; "the six-mile trip", "the three-ton satellites" measure something."""
    if _word(toks, i - 1) not in ANAPHORIC_DETERMINERS:
        return False
    return not (_glued_hyphen_word(toks, i) and toks[i + 2].lower in _UNIT_WORDS)


def _digits_core(toks: list[Token], i: int) -> _Core | None:
    t = toks[i]
    currency, first = _currency_before(toks, i)
    if currency is None and _glued_left(toks, i):
        return None
    value = parse_digits(t.text)
    if value is None or len(t.text) > _MAX_DIGITS:
        return None  # a run of digits this long is an identifier or a hash, not a quantity
    if (
        first == i
        and i >= 1
        and toks[i - 1].text in ("-", "−")
        and glued(toks[i - 1], t)
        and not (i >= 2 and glued(toks[i - 2], toks[i - 1]))
    ):
        value, first = -value, i - 1
    end = i + 1
    if (
        end + 1 < len(toks)
        and toks[end].text == "/"
        and glued(t, toks[end])
        and glued(toks[end], toks[end + 1])
        and toks[end + 1].kind == "num"
    ):
        return _slash_fraction(toks, i, first, value, currency)
    if end < len(toks) and toks[end].text in UNICODE_FRACTIONS and glued(t, toks[end]):
        value, end = value + UNICODE_FRACTIONS[toks[end].text], end + 1
    if (
        end + 2 < len(toks)
        and toks[end].kind == "num"
        and not glued(t, toks[end])
        and toks[end + 1].text == "/"
        and glued(toks[end], toks[end + 1])
    ):
        frac = _simple_fraction(toks, end)
        if frac is not None:
            value, end = value + frac, end + 3
    exponent = _exponent(toks, end, value)
    if exponent is not None:
        value, end = exponent
    if _dashed_identifier(toks, end):
        return None  # "+1-222-2222-2222": a phone number or a code
    mixed = _mixed_number(toks, i)
    if mixed is not None:  # "4 thousand 3 hundred and 21", "6 crore and two hundred"
        return _range(toks, _Core(first, mixed[1], mixed[0], currency=currency, scaled=True))
    scale, end = _scale_after(toks, end, currency is not None)
    if scale > 1 and _word(toks, end) == "and":
        fraction = spoken_fraction(_word(toks, end + 1), _word(toks, end + 2), end + 3)
        if fraction is not None:  # "3 million and a half"
            value, end = value + fraction[0], fraction[1]
    core = _Core(first, end, _rounded(value * scale), currency=currency, scaled=scale != 1)
    return _fraction_of(toks, core) or _range(toks, core)


def _mixed_number(toks: list[Token], i: int) -> tuple[float, int] | None:
    """Digits and scale words mixed, when they run past the first scale word: "3 hundred and 21"."""
    if _word(toks, i + 1) not in SCALE_WORDS or glued(toks[i], toks[i + 1]):
        return None
    parsed = parse_number_words(toks, i)
    return parsed if parsed is not None and parsed[1] > i + 2 else None


def _dashed_identifier(toks: list[Token], j: int) -> bool:
    """Three or more digit groups joined by glued hyphens."""
    return (
        j + 3 < len(toks)
        and all(glued(toks[k - 1], toks[k]) for k in range(j, j + 4))
        and toks[j].text == "-"
        and toks[j + 2].text == "-"
        and toks[j + 1].kind == "num"
        and toks[j + 3].kind == "num"
    )


def _rounded(value: float) -> float:
    """10.3 lakh is 1,030,000, not 1,030,000.0000000001: twelve significant digits are more than any report gives."""
    return float(f"{value:.12g}")


def _exponent(toks: list[Token], j: int, value: float) -> tuple[float, int] | None:
    """Scientific notation straight after the digits: "4e14", "9.83e-3", "6.23x10^-4", "2.5^-1"."""
    if j >= len(toks) or not glued(toks[j - 1], toks[j]):
        return None
    if toks[j].lower == "e":
        power = _power(toks, j + 1)
        return None if power is None else (value * 10.0 ** power[0], power[1])
    if toks[j].text == "^":
        power = _power(toks, j + 1)
        if power is None or value == 0:
            return None
        try:
            return value ** power[0], power[1]
        except OverflowError:  # "999^300"
            return None
    if toks[j].lower in ("x", "×") and _word(toks, j + 1) == "10" and _word(toks, j + 2) == "^":
        if glued(toks[j], toks[j + 1]) and glued(toks[j + 1], toks[j + 2]):
            power = _power(toks, j + 3)
            return None if power is None else (value * 10.0 ** power[0], power[1])
    return None


def _power(toks: list[Token], k: int) -> tuple[int, int] | None:
    """A small signed integer glued to what precedes it, and the index after it."""
    sign = 1
    if k < len(toks) and toks[k].text in ("-", "−", "+") and glued(toks[k - 1], toks[k]):
        sign, k = (-1 if toks[k].text != "+" else 1), k + 1
    if (
        k < len(toks)
        and toks[k].kind == "num"
        and toks[k].text.isdigit()
        and glued(toks[k - 1], toks[k])
        and len(toks[k].text) <= 3
        and int(toks[k].text) <= 300
    ):
        return sign * int(toks[k].text), k + 1
    return None


def _slash_fraction(toks: list[Token], i: int, first: int, value: float, currency: str | None) -> _Core | None:
    if i + 3 < len(toks) and toks[i + 3].text == "/" and glued(toks[i + 2], toks[i + 3]):
        return None  # 6/4/2025: a date format we do not read
    frac = _simple_fraction(toks, i)
    if frac is None:
        return None
    return _Core(first, i + 3, frac, currency=currency)


def _simple_fraction(toks: list[Token], i: int) -> float | None:
    num, den = toks[i].text, toks[i + 2].text
    if not (num.isdigit() and den.isdigit()) or len(den) > 3 or len(num) > 6 or int(den) == 0:
        return None
    return int(num) / int(den)


def _scale_after(toks: list[Token], end: int, has_currency: bool) -> tuple[float, int]:
    """The scale written after digits: "2bn", "1.5 million", "$2m", "Rs 2,600-crore", "Rs 1.5 lakh crore"."""
    scale, end = _one_scale(toks, end, has_currency)
    if scale > 1 and _word(toks, end) in SPACED_SCALES and _word(toks, end) not in ("hundred", "cr"):
        second = float(SCALE_SUFFIXES[toks[end].lower])
        if second > scale:  # "lakh crore", "thousand crore"
            return scale * second, end + 1
    return scale, end


def _currency_word_at(toks: list[Token], j: int) -> bool:
    w = _word(toks, j)
    return w in CURRENCY_WORDS or (w in CURRENCY_CODES and toks[j].text.isupper())


def _one_scale(toks: list[Token], end: int, has_currency: bool) -> tuple[float, int]:
    if end + 1 < len(toks) and toks[end].text == "-" and _glued_hyphen_word(toks, end - 1):
        w = toks[end + 1].lower.rstrip("s")
        return (float(SCALE_SUFFIXES[w]), end + 2) if w in HYPHEN_SCALES else (1.0, end)
    if end >= len(toks) or toks[end].kind != "word":
        return 1.0, end
    w = toks[end].lower
    if w not in SCALE_SUFFIXES:
        return 1.0, end
    is_glued = glued(toks[end - 1], toks[end])
    if (
        w in CURRENCY_ONLY_SCALES
        and not has_currency
        and not (w == "mm" and toks[end].text == "MM")
        and not _currency_word_at(toks, end + 1)
    ):
        return 1.0, end  # "2m" alone is two metres; "1.8M dollars" is money
    if not is_glued and w not in _SPELLED_SCALES:
        return 1.0, end
    if w in ("k", "m", "b", "t") and not is_glued:
        return 1.0, end
    return float(SCALE_SUFFIXES[w]), end + 1


def _range(toks: list[Token], core: _Core) -> _Core:
    """ "3 to 4", "10-15", "between 44 and 50", "8- to 16-": one figure from the low to the high value."""
    j = core.end
    if j >= len(toks):
        return core
    sep = toks[j].lower
    between = _word(toks, core.first - 1) == "between"
    if sep == "-" and j + 1 < len(toks) and toks[j + 1].lower == "to":
        j, sep = j + 1, "to"
    if sep in ("and", ",") and not between:
        return _bound_range(toks, core, j)
    spaced_dash = sep in ("-", "–") and not glued(toks[j - 1], toks[j])
    if not (sep in _RANGE_WORDS or sep == "-" or (sep == "and" and between)):
        return core
    before = _word(toks, core.first - 1)
    if before in ("up", "down") or before in CHANGE_VERBS:
        return core  # "rose to 40", "up 3 to 4": a change, not a range
    if before == "from" and (_word(toks, core.first - 2) in CHANGE_VERBS or sep != "to"):
        return core  # "rose from 10 to 20" is a change; "ranging from 10 to 20" a range
    k = j + 1
    if k < len(toks) and toks[k].text in CURRENCY_SYMBOLS and core.currency:
        k += 1
    if k >= len(toks) or (sep == "-" and glued(toks[j - 1], toks[j]) != glued(toks[j], toks[k])):
        return core
    high = _plain_number(toks, k)
    if high is None or (spaced_dash and (core.spelled or toks[k].kind != "num" or high[0] <= core.value)):
        return core  # "1000 - 5000" is a range; "fifty - two" and a score "3 - 3" are not
    scale = _scale_of(toks, high[1])
    if not core.scaled and scale > 1 and core.value * scale <= high[0]:
        core.value *= scale  # "300 and 400 billion", "3 to 4 million"
    if high[0] < core.value:
        return core
    core.value_max, core.end = high
    return core


def _bound_range(toks: list[Token], core: _Core, j: int) -> _Core:
    """ "more than 10 and less than 40", "at most 100 and at least 20": two bounds make one range."""
    own = _bound_kind(_qualifier_before(toks, core.first))
    if own is None:
        return core
    for words in _QUALIFIER_WORDS:
        k = j + 1 + len(words)
        if k < len(toks) and all(_word(toks, j + 1 + n) == w for n, w in enumerate(words)):
            other_bound = _bound_kind(" ".join(words))
            other = _plain_number(toks, k)
            if other_bound is None or other_bound == own or other is None:
                return core
            low, high = (core.value, other[0]) if own == "low" else (other[0], core.value)
            if low < high:
                core.value, core.value_max, core.end = low, high, other[1]
            return core
    return core


def _bound_kind(qualifier: str | None) -> str | None:
    if qualifier in LOWER_BOUNDS:
        return "low"
    return "high" if qualifier in UPPER_BOUNDS else None


def _scale_of(toks: list[Token], end: int) -> float:
    w = _word(toks, end - 1)
    return float(SCALE_SUFFIXES.get(w, 1)) if w in _SPELLED_SCALES or w in ("k", "m", "b", "bn") else 1.0


def _plain_number(toks: list[Token], k: int) -> tuple[float, int] | None:
    t = toks[k]
    if t.kind == "num":
        v = parse_digits(t.text)
        if v is None:
            return None
        scale, end = _scale_after(toks, k + 1, False)
        return v * scale, end
    if t.lower in NUMBER_WORDS:
        return parse_number_words(toks, k)
    return None


# -- what a number measures or counts ----------------------------------------------------------------


def _classify(text: str, toks: list[Token], core: _Core) -> Match | None:
    m = Match(
        core.first,
        core.end - 1,
        core.value,
        "count",
        spelled=core.spelled,
        vague=core.vague,
        value_max=core.value_max,
        end_token=core.end,
    )
    m.qualifier = _qualifier_before(toks, core.first)
    if core.fraction:
        m.kind = "fraction"
        np = noun_phrase(text, toks, core.end)
        if np is not None:  # "two out of five districts"
            m.counts, m.counts_span, m.end_token = np.text, (np.start, np.end), np.next
        return m
    if core.currency:
        m.kind, m.unit = "money", core.currency
        _per_after(toks, m)
        return m
    if core.vague and _word(toks, core.end) == "of":
        return _vague_counts(text, toks, m)
    if _measure(toks, m):
        _compound_measure(toks, m)
        _per_after(toks, m)
        if m.value_max is None:
            _unit_range(toks, m)
        return m
    if core.spelled and core.value == 1 and not core.vague:
        return None  # "one" alone is rarely a figure ("one of", "no one")
    if (
        core.end < len(toks)
        and glued(toks[core.end - 1], toks[core.end])
        and not core.spelled
        and (toks[core.end].kind == "word" or (toks[core.end].text in ("'", "’") and _word(toks, core.end + 1) == "s"))
    ):
        return None  # a code or model name: "5G", "3D", "8x", "CentOS 8's"
    np = noun_phrase(text, toks, core.end)
    if np is not None:
        m.counts, m.counts_span, m.end_token = np.text, (np.start, np.end), np.next
        _aka_after(text, toks, m)
    elif _names_it(toks, core):
        return None
    else:
        m.counts = _subject_counts(text, toks, core.first)
        m.counts_inferred = m.counts is not None
    _per_after(toks, m)
    return m


def _subject_counts(text: str, toks: list[Token], first: int) -> str | None:
    """What a bare number counts when the clause's subject says it: "the death toll ... neared 400" counts
    deaths, "the toll rose to 357" too; "the number of displaced families reached 900" counts displaced families.
    Looks back only within the clause, and never past another number."""
    for k in range(first - 1, max(-1, first - _SUBJECT_WINDOW), -1):
        t = toks[k]
        if t.kind == "num" or t.text in _CLAUSE_BREAKS:
            return None
        if t.lower in TOLL_WORDS:
            return TOLL_COUNTS.get(_word(toks, k - 1), TOLL_COUNTS[""])
        if t.lower in ("number", "total") and _word(toks, k + 1) == "of":
            np = noun_phrase(text, toks, k + 2)
            return np.text if np is not None and np.next <= first else None
    return None


def _names_it(toks: list[Token], core: _Core) -> bool:
    """ "Route 2", "Apollo 11", "Windows 10": a bare number right after a capitalised word is part of a name."""
    i = core.first
    if core.spelled or core.value_max is not None or i < 2 or toks[i - 1].kind != "word":
        return False
    prev = toks[i - 1]
    return (
        prev.text[0].isupper()
        and prev.lower not in MONTHS
        and prev.lower not in _QUALIFIER_FIRST
        and toks[i - 2].text not in (".", "!", "?", "“", '"')
    )


def _vague_counts(text: str, toks: list[Token], m: Match) -> Match:
    k = m.end_token + 1
    np = noun_phrase(text, toks, k)
    if np is not None:
        m.counts, m.counts_span, m.end_token = np.text, (np.start, np.end), np.next
        _measure_words(toks, m, k)
    return m


def _measure_words(toks: list[Token], m: Match, k: int) -> None:
    """ "hundreds of square miles": a vague amount of a unit is a measure, not a count."""
    probe = Match(m.first, m.last, m.value, m.kind, end_token=k)
    if _measure(toks, probe):
        m.kind, m.unit, m.counts, m.counts_span = probe.kind, probe.unit, None, None
        m.end_token = probe.end_token


def _measure(toks: list[Token], m: Match) -> bool:
    """Percent, currency word or unit after the number; sets kind/unit and extends the match."""
    j = m.end_token
    if j >= len(toks):
        return False
    t = toks[j]
    hyphen = t.text == "-" and glued(toks[j - 1], t) and j + 1 < len(toks) and glued(t, toks[j + 1])
    if hyphen:
        j, t = j + 1, toks[j + 1]
    w = t.lower
    if (
        t.kind == "word"
        and j + 1 < len(toks)
        and toks[j + 1].kind == "num"
        and glued(t, toks[j + 1])
        and toks[j + 1].text not in ("2", "3")  # "24703m2" is square metres
    ):
        return False  # "24703L202", "A4B5": letters between digits make a code, not a unit
    if t.text == "%" or w in PERCENT_WORDS:
        return _set(m, "percent", "%", j + 1)
    if w == "per" and _word(toks, j + 1) == "cent":
        return _set(m, "percent", "%", j + 2)
    if t.text in CURRENCY_SYMBOLS and glued(toks[j - 1], t):
        return _set(m, "money", CURRENCY_SYMBOLS[t.text], j + 1)
    nation = _nation_currency(toks, j)
    if nation is not None and not hyphen:  # "420 million Finnish markka", "5 Canadian dollars"
        return _set(m, "money", nation[0], nation[1])
    if (
        w in CURRENCY_WORDS
        and not hyphen
        and (w not in ("won", "pound", "penny", "cent", "dime") or not m.spelled or m.value != 1)
    ):
        if w == "won" and _word(toks, j + 1) not in ("", ".", ","):
            return False
        return _set(m, "money", CURRENCY_WORDS[w], j + 1)
    if w in CURRENCY_CODES and t.text.isupper():
        return _set(m, "money", t.text, _scaled_after_code(toks, m, j + 1))
    scaled_code = _scaled_code(t)
    if scaled_code is not None:  # "30 MUSD"
        m.value = _rounded(m.value * scaled_code[0])
        return _set(m, "money", scaled_code[1], j + 1)
    if w in AREA_PREFIXES and _word(toks, j + 1) in DISTANCE_UNITS:
        unit = f"{AREA_PREFIXES[w]} {DISTANCE_UNITS[toks[j + 1].lower]}"
        return _set(m, "other", unit, j + 2)
    short = len(w) <= 2 and not glued(toks[j - 1], t)
    if w in TIME_UNITS and not (short and w not in ("hr",)):
        if w in ("s", "h") and not glued(toks[j - 1], t):
            return False
        m.kind, m.unit = "duration", TIME_UNITS[w]
        m.end_token = j + 1
        if _word(toks, j + 1) == "-" and _word(toks, j + 2) in ("old", "long"):
            m.end_token = j + 3
        return True
    spaced_ok = j + 1 >= len(toks) or toks[j + 1].kind == "punct"
    if w in DISTANCE_UNITS and not (short and w in ("m", "mi") and not glued(toks[j - 1], t) and not spaced_ok):
        if _word(toks, j + 1) in ("squared", "cubed"):
            return _set(
                m, "other", f"{'square' if toks[j + 1].lower == 'squared' else 'cubic'} {DISTANCE_UNITS[w]}", j + 2
            )
        if j + 1 < len(toks) and toks[j + 1].text in ("2", "3", "²", "³") and glued(t, toks[j + 1]):
            return _set(
                m, "other", f"{'square' if toks[j + 1].text in ('2', '²') else 'cubic'} {DISTANCE_UNITS[w]}", j + 2
            )
        return _set(m, "distance", DISTANCE_UNITS[w], j + 1)
    if w in AREA_UNITS:
        return _set(m, "other", AREA_UNITS[w], j + 1)
    if w in DEGREE_WORDS:
        scale_unit = TEMPERATURE_UNITS.get(_word(toks, j + 1))
        return _set(m, "other", scale_unit or "degree", j + (2 if scale_unit else 1))
    if w in TEMPERATURE_WORDS:
        return _set(m, "other", TEMPERATURE_WORDS[w], j + 1)
    if w in UNIT_QUALIFIER_WORDS and not hyphen and _word(toks, j + 1) in OTHER_UNITS:
        return _set(m, "other", OTHER_UNITS[toks[j + 1].lower], j + 2)  # "5 metric tons"
    named = MORE_UNITS.get(w) or _metric_unit(w)
    if named is not None and len(w) > 2:
        return _set(m, _unit_kind(named), named, j + 1)
    if w in OTHER_UNITS and (
        len(w) > 2
        or glued(toks[j - 1], t)
        or t.text != t.lower
        or w in ("kg", "km", "mg", "ml", "cl", "lb", "oz", "mb", "gb", "kb", "tb", "gw", "mw", "kw")
    ):
        if len(w) == 1 and not glued(toks[j - 1], t) and t.text != "L":
            return False
        return _set(m, "other", OTHER_UNITS[w], j + 1)
    return False


def _compound_measure(toks: list[Token], m: Match) -> None:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents", "5 feet 2 inches": one amount."""
    sub = COMPOUND_UNITS.get(m.unit or "")
    if sub is None or m.value_max is not None:
        return
    j = m.end_token + (1 if _word(toks, m.end_token) == "and" else 0)
    if j >= len(toks):
        return
    part = _plain_number(toks, j)
    if part is None:
        return
    unit_word = _word(toks, part[1])
    if unit_word in sub[0] and 0 <= part[0] < sub[1]:
        m.value = _rounded(m.value + part[0] / sub[1])
        m.end_token = part[1] + 1


def _scaled_after_code(toks: list[Token], m: Match, j: int) -> int:
    """ "75 USD million": a scale word after the currency code still scales the amount."""
    w = _word(toks, j)
    if w in SPACED_SCALES and w != "hundred" and m.value_max is None:
        m.value = _rounded(m.value * SCALE_SUFFIXES[w])
        return j + 1
    return j


def _scaled_code(t: Token) -> tuple[float, str] | None:
    """ "MUSD", "KEUR", "BNUSD": a scale letter written before an upper-case currency code."""
    if not t.text.isupper() or len(t.text) < 4:
        return None
    prefix, code = t.lower[:-3], t.lower[-3:]
    if code not in CURRENCY_CODES or prefix not in CODE_SCALE_PREFIXES:
        return None
    return float(CODE_SCALE_PREFIXES[prefix]), code.upper()


def _unit_kind(unit: str) -> str:
    """ "picometer" is a distance, "millisecond" a duration, anything else named this way "other"."""
    prefix = _metric_prefix(unit)
    return METRIC_BASES.get(unit[len(prefix) :], "other") if prefix and unit not in MORE_UNITS.values() else "other"


def _metric_prefix(unit: str) -> str:
    return next((p for p in (*METRIC_PREFIXES, *METRIC_PREFIXES_LARGE) if unit.startswith(p)), "")


def _metric_unit(w: str) -> str | None:
    """ "picometers" -> "picometer", "micrograms" -> "microgram": a metric prefix on a base unit, in the singular."""
    prefix = _metric_prefix(w)
    if not prefix:
        return None
    base = w[len(prefix) :]
    for singular in (base, base.removesuffix("s"), base.removesuffix("es")):
        if singular in METRIC_BASES:
            return prefix + singular
    return None


def _nation_currency(toks: list[Token], j: int) -> tuple[str, int] | None:
    """ "Canadian dollars", "Hong Kong dollars", "Costa Rican colones": (currency code, index after it)."""
    for k in (j + 1, j + 2):
        w = _word(toks, k)
        singular = next(
            (c for c in (w, w[:-1], w[:-2], "krona" if w == "kronor" else "") if c in _NATION_CURRENCY_WORDS), None
        )
        if singular is None or any(toks[n].kind != "word" for n in range(j, k)):
            continue
        code = CURRENCY_NATIONS.get((toks[k - 1].lower, singular))
        if code is None and k == j + 1 and w in CURRENCY_WORDS and toks[j].lower.endswith(_NATIONALITY_ENDINGS):
            code = CURRENCY_WORDS[w]  # "5 Bolivian bolivars": the currency word says enough
        return (code, k + 1) if code is not None else None
    return None


def _unit_range(toks: list[Token], m: Match) -> None:
    """ "44 mg to 50 mg", "between 2 km and 3 km": a range whose ends both carry the unit."""
    j = m.end_token
    sep = _word(toks, j)
    between = _word(toks, m.first - 1) == "between"
    if not (sep in ("to", "–") or (sep == "and" and between)) or _word(toks, m.first - 1) == "from":
        return
    k = j + 1
    if k < len(toks) and toks[k].text in CURRENCY_SYMBOLS:
        return
    high = _plain_number(toks, k) if k < len(toks) else None
    if high is None:
        return
    probe = Match(k, k, high[0], "count", end_token=high[1])
    if _measure(toks, probe) and probe.unit == m.unit and probe.kind == m.kind and high[0] >= m.value:
        m.value_max, m.end_token = high[0], probe.end_token


def _set(m: Match, kind: str, unit: str, end: int) -> bool:
    m.kind, m.unit, m.end_token = kind, unit, end
    return True


def _per_after(toks: list[Token], m: Match) -> None:
    j = m.end_token
    w = _word(toks, j)
    if (
        w in ("a", "an", "per", "each", "every")
        and _word(toks, j + 1) in TIME_UNITS
        and not toks[j + 1].lower.endswith("s")
    ):
        m.per, m.end_token = TIME_UNITS[toks[j + 1].lower], j + 2
    elif (
        w == "per"
        and j + 1 < len(toks)
        and toks[j + 1].kind == "word"
        and toks[j + 1].lower not in NP_STOP
        and toks[j + 1].lower != "cent"
    ):
        m.per, m.end_token = toks[j + 1].lower, j + 2
    elif j + 1 < len(toks) and toks[j].text == "/" and toks[j + 1].kind == "word" and glued(toks[j], toks[j + 1]):
        nxt = toks[j + 1].lower
        m.per, m.end_token = TIME_UNITS.get(nxt, OTHER_UNITS.get(nxt, nxt)), j + 2


def _aka_after(text: str, toks: list[Token], m: Match) -> None:
    """ "1000 sappers [combat engineers]", "1,000 sappers — combat engineers —": the article's own gloss."""
    j = m.end_token
    if j >= len(toks):
        return
    t = toks[j]
    if t.text in ("[", "("):
        np = noun_phrase(text, toks, j + 1, max_words=4)
        if np is not None and np.next < len(toks) and toks[np.next].text in ("]", ")"):
            m.aka, m.end_token = np.text, np.next + 1
    elif t.text in ("—", "–") or (t.text == "-" and not glued(toks[j - 1], t)):
        np = noun_phrase(text, toks, j + 1, max_words=4)
        if np is not None and (
            np.next >= len(toks) or toks[np.next].text in (",", "—", "–", "-", ".", ";") or toks[np.next].kind == "word"
        ):
            m.aka = np.text


def _qualifier_before(toks: list[Token], first: int) -> str | None:
    for words in _QUALIFIER_WORDS:
        n = len(words)
        if first - n < 0:
            continue
        seq = toks[first - n : first]
        if all(t.lower == w for t, w in zip(seq, words, strict=False)):
            if words == ("some",) and first + 1 < len(toks) and toks[first].kind != "num":
                continue
            return " ".join(t.text for t in seq).lower()
    return None


def _word(toks: list[Token], i: int) -> str:
    return toks[i].lower if 0 <= i < len(toks) else ""
