"""The number at the core of a figure: digits with their currency and scale ("Rs 2,600-crore", "$2bn", "10 bln"),
spelled numbers ("five and a half million"), fractions of a scale ("half a million"), signs, ranges and bounds."""

from __future__ import annotations

from .figure_match import QUALIFIER_WORDS, Core, qualifier_before
from .figure_phrase import plural_head
from .figure_vocab import (
    ANAPHORIC_DETERMINERS,
    AREA_UNITS,
    CHANGE_VERBS,
    CURRENCY_CODES,
    CURRENCY_ONLY_SCALES,
    CURRENCY_PREFIX_WORDS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORD_PREFIXES,
    CURRENCY_WORDS,
    DISTANCE_UNITS,
    FRACTION_WORDS,
    HYPHEN_SCALES,
    LOWER_BOUNDS,
    OTHER_UNITS,
    PERCENT_WORDS,
    SCALE_FRACTIONS,
    SCALE_SUFFIXES,
    SCALE_WORDS,
    SCALES_AFTER_A,
    SIGN_WORDS,
    SPACED_SCALES,
    TIME_UNITS,
    UNICODE_FRACTIONS,
    UPPER_BOUNDS,
    VAGUE_PLURALS,
    VAGUE_QUANTIFIERS,
    VAGUE_SCALES,
)
from .numbers import (
    NUMBER_WORDS,
    Token,
    glued,
    glued_hyphen_word,
    glued_left,
    parse_digits,
    parse_number_words,
    spoken_fraction,
    word_at,
)

_SPELLED_SCALES = SPACED_SCALES


_RANGE_WORDS = frozenset({"to", "–", "or", "through", "~"})


_UNIT_WORDS = frozenset(DISTANCE_UNITS) | frozenset(OTHER_UNITS) | frozenset(TIME_UNITS) | frozenset(AREA_UNITS)


_MAX_DIGITS = 24


def fraction_scale_core(toks: list[Token], i: int) -> Core | None:
    """ "half a million", "a quarter million dollars", "three quarters of a billion", "half million": one amount."""
    j = i + 1 if word_at(toks, i) in ("a", "one", "three") else i
    fraction = SCALE_FRACTIONS.get(word_at(toks, j))
    if fraction is None or (word_at(toks, j) == "quarters") != (j == i + 1 and word_at(toks, i) == "three"):
        return None
    if word_at(toks, i) == "three":
        fraction *= 3
    k = j + 1
    if word_at(toks, k) == "of" and word_at(toks, k + 1) in ("a", "an"):
        k += 2
    elif word_at(toks, k) in ("a", "an"):
        k += 1
    scale = word_at(toks, k)
    if scale == "dozen":
        return Core(i, k + 1, fraction * 12, spelled=True)  # "half a dozen"
    if scale in PERCENT_WORDS or (scale == "per" and word_at(toks, k + 1) == "cent"):
        return Core(i, k, fraction, spelled=True)  # "half a percent": the percent word is read as its unit
    if scale not in SCALE_WORDS or scale == "hundred":
        return None
    return Core(i, k + 1, fraction * SCALE_WORDS[scale], spelled=True, scaled=True)


def signed(toks: list[Token], core: Core | None) -> Core | None:
    """ "minus five percent", "negative 3": the sign word belongs to the number."""
    if core is None or word_at(toks, core.first - 1) not in SIGN_WORDS or core.value_max is not None:
        return core
    if core.first >= 2 and toks[core.first - 2].kind == "num":
        return core  # "ten minus three" is arithmetic, not a signed figure
    core.first, core.value = core.first - 1, -core.value
    return core


def vague_core(toks: list[Token], i: int) -> Core | None:
    t = toks[i]
    if t.kind != "word":
        return None
    if (
        t.lower in ("tens", "hundreds")
        and word_at(toks, i + 1) == "of"
        and word_at(toks, i + 2) in ("thousands", "millions", "billions")
    ):
        base = 10 if t.lower == "tens" else 100
        return Core(i, i + 3, base * VAGUE_PLURALS[toks[i + 2].lower], vague=True)
    if t.lower in VAGUE_PLURALS:
        if t.lower == "scores" and word_at(toks, i + 1) != "of":
            return None
        if word_at(toks, i - 1) in ("of", "the") and word_at(toks, i - 2) in ("tens", "hundreds", "one"):
            return None
        return Core(i, i + 1, float(VAGUE_PLURALS[t.lower]), vague=True)
    j = i + 2 if t.lower == "a" and word_at(toks, i + 1) == "few" else i + 1
    if t.lower in VAGUE_QUANTIFIERS or j == i + 2:
        scale = word_at(toks, j)
        if scale in VAGUE_SCALES:
            return Core(i, j + 1, float(VAGUE_SCALES[scale]), vague=True)
    return None


def _currency_before(toks: list[Token], i: int) -> tuple[str | None, int]:
    """Currency written before the number at i: "$800", "US$5", "£2bn", "USD 5". Returns (code, first token)."""
    if i >= 1 and toks[i - 1].text in CURRENCY_SYMBOLS:
        code, first = CURRENCY_SYMBOLS[toks[i - 1].text], i - 1
        if (
            first >= 1
            and toks[first - 1].lower in CURRENCY_PREFIX_WORDS
            and toks[first].text == "$"
            and (glued(toks[first - 1], toks[first]) or _spaced_prefix(toks[first - 1]))
        ):
            code, first = CURRENCY_PREFIX_WORDS[toks[first - 1].lower], first - 1
        return code, first
    if i >= 1 and toks[i - 1].lower in CURRENCY_CODES and toks[i - 1].text.isupper():
        return toks[i - 1].text.upper(), i - 1
    k = i - 2 if i >= 2 and toks[i - 1].text == "." and glued(toks[i - 2], toks[i - 1]) else i - 1
    if k >= 0 and toks[k].lower in CURRENCY_WORD_PREFIXES and toks[k].text[0].isupper():
        return CURRENCY_WORD_PREFIXES[toks[k].lower], k  # "Rs 500 crore", "Rs.45 lakh", "Rs220-crore"
    return None, i


def _spaced_prefix(t: Token) -> bool:
    """ "NZ $ 50", "hk $ 10": a country before a spaced "$"; but "a $5 fine" and "cost us $5" are words."""
    return len(t.text) > 1 and (t.lower != "us" or t.text == "US")


def number_core(toks: list[Token], i: int) -> Core | None:
    t = toks[i]
    if t.kind == "punct" and t.text in CURRENCY_SYMBOLS:
        return None  # the number after it starts the figure; the symbol is picked up from there
    if t.kind == "num":
        return _digits_core(toks, i)
    if t.kind == "word" and (t.lower in NUMBER_WORDS or t.lower == "a"):
        if t.lower == "a" and word_at(toks, i + 1) not in SCALES_AFTER_A:
            return None
        parsed = parse_number_words(toks, i)
        if parsed is None or (_anaphoric(toks, i) and t.lower != "a"):
            return None
        value, end = parsed
        core = Core(i, end, value, spelled=True, scaled=word_at(toks, end - 1) in _SPELLED_SCALES)
        return _fraction_of(toks, core) or _range(toks, core)
    return None


def _fraction_of(toks: list[Token], core: Core) -> Core | None:
    """ "twenty-three fifths" (4.6), "one out of three", "two out of five hundred": a ratio, as a fraction."""
    denominator_word = word_at(toks, core.end)
    if denominator_word in FRACTION_WORDS and denominator_word.endswith("s") and core.value > 1:
        value = core.value / FRACTION_WORDS[denominator_word]
        return Core(core.first, core.end + 1, value, spelled=True, fraction=True)
    if word_at(toks, core.end) == "out" and word_at(toks, core.end + 1) == "of" and core.end + 2 < len(toks):
        whole = plain_number(toks, core.end + 2)
        if whole is not None and whole[0] > core.value > 0:
            return Core(core.first, whole[1], core.value / whole[0], spelled=core.spelled, fraction=True)
    if word_at(toks, core.end) == "in" and core.end + 1 < len(toks) and 1 <= core.value < 100:
        whole = plain_number(toks, core.end + 1)  # "one in five adults", "nine in 10 voters"; not "1 in 10 days"
        unit_after = whole is not None and word_at(toks, whole[1]) in _UNIT_WORDS
        if whole is not None and core.value < whole[0] <= 100 and whole[0] == int(whole[0]) and not unit_after:
            return Core(core.first, whole[1], core.value / whole[0], spelled=core.spelled, fraction=True)
    if word_at(toks, core.end) == "over" and core.end + 1 < len(toks):
        whole = plain_number(toks, core.end + 1)  # "one over three", alone: "over 3 days" is not a ratio
        at_end = whole is not None and (whole[1] >= len(toks) or toks[whole[1]].kind == "punct")
        if whole is not None and at_end and whole[0] > core.value > 0:
            return Core(core.first, whole[1], core.value / whole[0], spelled=core.spelled, fraction=True)
    return None


def _anaphoric(toks: list[Token], i: int) -> bool:
    """ "the two countries" refers back; "the six-mile trip", "the three-ton satellites" measure something."""
    if word_at(toks, i - 1) not in ANAPHORIC_DETERMINERS:
        return False
    return not (glued_hyphen_word(toks, i) and toks[i + 2].lower in _UNIT_WORDS)


def _digits_core(toks: list[Token], i: int) -> Core | None:
    t = toks[i]
    currency, first = _currency_before(toks, i)
    if currency is None and glued_left(toks, i):
        return None
    value = parse_digits(t.text)
    if value is None or len(t.text) > _MAX_DIGITS:
        return None  # a run of digits this long is an identifier or a hash, not a quantity
    if first == i and _minus_before(toks, i):
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
    value, end = _fraction_part(toks, end, value)
    exponent = _exponent(toks, end, value)
    if exponent is not None:
        value, end = exponent
    if _dashed_identifier(toks, end):
        return None  # "+1-222-2222-2222": a phone number or a code
    mixed = _mixed_number(toks, i)
    if mixed is not None:  # "4 thousand 3 hundred and 21", "6 crore and two hundred"
        return _range(toks, Core(first, mixed[1], mixed[0], currency=currency, scaled=True))
    scale, end = _scale_after(toks, end, currency is not None)
    if scale > 1 and word_at(toks, end) == "and":
        fraction = spoken_fraction(word_at(toks, end + 1), word_at(toks, end + 2), end + 3)
        if fraction is not None:  # "3 million and a half"
            value, end = value + fraction[0], fraction[1]
    core = Core(first, end, rounded(value * scale), currency=currency, scaled=scale != 1)
    return _fraction_of(toks, core) or _range(toks, core)


def _minus_before(toks: list[Token], i: int) -> bool:
    """ "-20 degrees": a minus glued to the digits and not to what precedes it ("2013-14" is a span)."""
    return (
        i >= 1
        and toks[i - 1].text in ("-", "−")
        and glued(toks[i - 1], toks[i])
        and not (i >= 2 and glued(toks[i - 2], toks[i - 1]))
    )


def _fraction_part(toks: list[Token], end: int, value: float) -> tuple[float, int]:
    """The fraction after whole digits: "2½", "1 4/5"."""
    if end < len(toks) and toks[end].text in UNICODE_FRACTIONS and glued(toks[end - 1], toks[end]):
        return value + UNICODE_FRACTIONS[toks[end].text], end + 1
    if (
        end + 2 < len(toks)
        and toks[end].kind == "num"
        and not glued(toks[end - 1], toks[end])
        and toks[end + 1].text == "/"
        and glued(toks[end], toks[end + 1])
    ):
        frac = _simple_fraction(toks, end)
        if frac is not None:
            return value + frac, end + 3
    return value, end


def _mixed_number(toks: list[Token], i: int) -> tuple[float, int] | None:
    """Digits and scale words mixed, when they run past the first scale word: "3 hundred and 21"."""
    if word_at(toks, i + 1) not in SCALE_WORDS or glued(toks[i], toks[i + 1]):
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


def rounded(value: float) -> float:
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
    times_ten = toks[j].lower in ("x", "×") and word_at(toks, j + 1) == "10" and word_at(toks, j + 2) == "^"
    if times_ten and glued(toks[j], toks[j + 1]) and glued(toks[j + 1], toks[j + 2]):
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


def _slash_fraction(toks: list[Token], i: int, first: int, value: float, currency: str | None) -> Core | None:
    if i + 3 < len(toks) and toks[i + 3].text == "/" and glued(toks[i + 2], toks[i + 3]):
        return None  # 6/4/2025: a date format we do not read
    frac = _simple_fraction(toks, i)
    if frac is None or frac >= 1:
        return None  # "24/7", "2022/23": a slash between larger numbers is no fraction
    return Core(first, i + 3, frac, currency=currency)


def _simple_fraction(toks: list[Token], i: int) -> float | None:
    num, den = toks[i].text, toks[i + 2].text
    if not (num.isdigit() and den.isdigit()) or len(den) > 3 or len(num) > 6 or int(den) == 0:
        return None
    return int(num) / int(den)


def _scale_after(toks: list[Token], end: int, has_currency: bool) -> tuple[float, int]:
    """The scale written after digits: "2bn", "1.5 million", "$2m", "Rs 2,600-crore", "Rs 1.5 lakh crore"."""
    scale, end = _one_scale(toks, end, has_currency)
    if scale > 1 and word_at(toks, end) in SPACED_SCALES and word_at(toks, end) not in ("hundred", "cr"):
        second = float(SCALE_SUFFIXES[toks[end].lower])
        if second > scale:  # "lakh crore", "thousand crore"
            return scale * second, end + 1
    return scale, end


def _counted_noun_at(toks: list[Token], j: int) -> bool:
    """A plural noun that is no unit: "5.5m people", "300m voters" (a "5m wall" or "100m sprint" is metres)."""
    return j < len(toks) and toks[j].kind == "word" and plural_head(toks[j]) and toks[j].lower not in _UNIT_WORDS


def _currency_word_at(toks: list[Token], j: int) -> bool:
    w = word_at(toks, j)
    return w in CURRENCY_WORDS or (w in CURRENCY_CODES and toks[j].text.isupper())


def _one_scale(toks: list[Token], end: int, has_currency: bool) -> tuple[float, int]:
    if end + 1 < len(toks) and toks[end].text == "-" and glued_hyphen_word(toks, end - 1):
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
        and not (w == "m" and is_glued and (_counted_noun_at(toks, end + 1) or toks[end].text == "M"))
    ):
        return 1.0, end  # "2m" alone is two metres; "1.8M dollars", "5.5m people" and "10M" are millions
    if not is_glued and w not in _SPELLED_SCALES:
        return 1.0, end
    if w in ("k", "m", "b", "t") and not is_glued:
        return 1.0, end
    return float(SCALE_SUFFIXES[w]), end + 1


def _range(toks: list[Token], core: Core) -> Core:
    """ "3 to 4", "10-15", "between 44 and 50", "8- to 16-": one figure from the low to the high value."""
    j = core.end
    if j >= len(toks):
        return core
    sep = toks[j].lower
    between = word_at(toks, core.first - 1) == "between"
    if sep == "-" and j + 1 < len(toks) and toks[j + 1].lower == "to":
        j, sep = j + 1, "to"
    if sep in ("and", ",", "but") and not between:
        return _bound_range(toks, core, j)
    spaced_dash = sep in ("-", "–") and not glued(toks[j - 1], toks[j])
    if not (sep in _RANGE_WORDS or sep == "-" or (sep == "and" and between)):
        return core
    before = word_at(toks, core.first - 1)
    if sep == "to" and (before in ("up", "down") or before in CHANGE_VERBS):
        return core  # "rose 3 to 40", "up 3 to 4": a change, not a range; "rose 3-4%" is one
    if before == "from" and (word_at(toks, core.first - 2) in CHANGE_VERBS or sep != "to"):
        return core  # "rose from 10 to 20" is a change; "ranging from 10 to 20" a range
    k = j + 1
    if k >= len(toks) or (sep == "-" and glued(toks[j - 1], toks[j]) != glued(toks[j], toks[k])):
        return core
    if toks[k].text in CURRENCY_SYMBOLS and core.currency:
        k += 1  # "£800-£1,200", "$5 to $10"
        if k >= len(toks):
            return core
    high = plain_number(toks, k)
    if high is None or (spaced_dash and (core.spelled or toks[k].kind != "num" or high[0] <= core.value)):
        return core  # "1000 - 5000" is a range; "fifty - two" and a score "3 - 3" are not
    scale = _scale_of(toks, high[1])
    if not core.scaled and scale > 1 and core.value * scale <= high[0]:
        core.value *= scale  # "300 and 400 billion", "3 to 4 million"
    if high[0] < core.value:
        return core
    core.value_max, core.end = high
    return core


def _bound_range(toks: list[Token], core: Core, j: int) -> Core:
    """ "more than 10 and less than 40", "at most 100 and at least 20": two bounds make one range."""
    own = bound_kind(qualifier_before(toks, core.first))
    if own is None:
        return core
    for words in QUALIFIER_WORDS:
        k = j + 1 + len(words)
        if k < len(toks) and all(word_at(toks, j + 1 + n) == w for n, w in enumerate(words)):
            other_bound = bound_kind(" ".join(words))
            other = plain_number(toks, k)
            if other_bound is None or other_bound == own or other is None:
                return core
            low, high = (core.value, other[0]) if own == "low" else (other[0], core.value)
            if low < high:
                core.value, core.value_max, core.end = low, high, other[1]
            return core
    return core


def bound_kind(qualifier: str | None) -> str | None:
    """ "low" for "more than", "at least"...; "high" for "less than", "up to"...; else None."""
    if qualifier in LOWER_BOUNDS:
        return "low"
    return "high" if qualifier in UPPER_BOUNDS else None


def _scale_of(toks: list[Token], end: int) -> float:
    w = word_at(toks, end - 1)
    return float(SCALE_SUFFIXES.get(w, 1)) if w in _SPELLED_SCALES or w in ("k", "m", "b", "bn") else 1.0


def plain_number(toks: list[Token], k: int) -> tuple[float, int] | None:
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
