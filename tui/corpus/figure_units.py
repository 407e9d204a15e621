"""What a number measures: percent, currency words and codes, units of length, area, mass, volume, energy, time
and temperature written after it, compound amounts ("5 feet 2 inches") and rates ("a month", "per day")."""

from __future__ import annotations

from .figure_amounts import plain_number, rounded
from .figure_match import Match, set_measure
from .figure_vocab import (
    AMBIGUOUS_CURRENCY_WORDS,
    AREA_PREFIXES,
    AREA_UNITS,
    CHANGE_VERBS,
    CODE_SCALE_PREFIXES,
    COMPOUND_UNITS,
    CURRENCY_CODES,
    CURRENCY_NATIONS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    DEGREE_WORDS,
    DISTANCE_UNITS,
    METRIC_BASES,
    METRIC_PREFIXES,
    METRIC_PREFIXES_LARGE,
    MORE_UNITS,
    NP_STOP,
    OTHER_UNITS,
    PERCENT_WORDS,
    RATE_WORDS,
    SCALE_SUFFIXES,
    SPACED_SCALES,
    SPACED_SHORT_UNITS,
    TEMPERATURE_UNITS,
    TEMPERATURE_WORDS,
    TIME_UNITS,
    UNIT_QUALIFIER_WORDS,
)
from .numbers import Token, glued, word_at

_NATIONALITY_ENDINGS = ("ian", "ish", "ese", "can", "ean")


_NATION_CURRENCY_WORDS = frozenset(word for _, word in CURRENCY_NATIONS)


def measure(toks: list[Token], m: Match) -> bool:
    """Percent, currency word or unit after the number; sets kind/unit and extends the match."""
    j = m.end_token
    if j >= len(toks):
        return False
    hyphen = toks[j].text == "-" and glued(toks[j - 1], toks[j]) and j + 1 < len(toks) and glued(toks[j], toks[j + 1])
    if hyphen:
        j += 1
    if _letters_between_digits(toks, j):
        return False  # "24703L202", "A4B5": letters between digits make a code, not a unit
    for reader in (_percent, _money, _length_area_time, _temperature, _other_unit):
        found = reader(toks, m, j, hyphen)
        if found is not None:
            return found
    return False


# Each reader below looks at the word at j (after the number, past a glued hyphen): True when it read a unit
# (and set it on m), False when the word rules out any unit, None when another reader should look.


def _letters_between_digits(toks: list[Token], j: int) -> bool:
    t = toks[j]
    return (
        t.kind == "word"
        and j + 1 < len(toks)
        and toks[j + 1].kind == "num"
        and glued(t, toks[j + 1])
        and toks[j + 1].text not in ("2", "3")  # "24703m2" is square metres
    )


def _percent(toks: list[Token], m: Match, j: int, hyphen: bool) -> bool | None:
    t, w = toks[j], toks[j].lower
    if t.text == "%" or w in PERCENT_WORDS or (w == "pc" and glued(toks[j - 1], t)):
        return set_measure(m, "percent", "%", j + 1)
    if w == "percentage" and word_at(toks, j + 1) in ("point", "points"):
        return set_measure(m, "percent", "percentage point", j + 2)
    if w == "per" and word_at(toks, j + 1) == "cent":
        return set_measure(m, "percent", "%", j + 2)
    return None


_VIDEO_LINES = frozenset({144.0, 240.0, 360.0, 480.0, 576.0, 720.0})


def _money(toks: list[Token], m: Match, j: int, hyphen: bool) -> bool | None:
    t, w = toks[j], toks[j].lower
    if t.text in CURRENCY_SYMBOLS and glued(toks[j - 1], t):
        return set_measure(m, "money", CURRENCY_SYMBOLS[t.text], j + 1)
    if w in ("pound", "pounds") and (hyphen or (word_at(toks, j + 1) == "of" and not m.vague)):
        return set_measure(m, "other", "pound-mass", j + 1)  # "15 pounds of meat", "a 15-pound turkey"
    if w == "p" and t.text == "p" and glued(toks[j - 1], t) and not hyphen and 0 < m.value < 1000:
        if m.value not in _VIDEO_LINES and (
            j + 1 >= len(toks) or not glued(t, toks[j + 1]) or toks[j + 1].text in ".,;:!?)"
        ):
            return set_measure(m, "money", "GBP-pence", j + 1)  # "fell 3p to 412p"; not "720p" video
        return False
    if w in ("mark", "marks") and not hyphen and (m.value != int(m.value) or m.value >= 1_000_000):
        return set_measure(m, "money", "DEM", j + 1)  # "1.8500 marks", "5 million marks"; "40 marks" may be a score
    nation = _nation_currency(toks, j)
    if nation is not None and not hyphen:  # "420 million Finnish markka", "5 Canadian dollars"
        return set_measure(m, "money", nation[0], nation[1])
    ambiguous = w in AMBIGUOUS_CURRENCY_WORDS
    if w in ("cent", "penny", "dime") and hyphen and m.value == int(m.value) and m.value_max is None:
        return set_measure(m, "money", CURRENCY_WORDS[w], j + 1)  # "a 50-cent coin"
    if w in CURRENCY_WORDS and not (hyphen and ambiguous) and (not ambiguous or not m.spelled or m.value != 1):
        if w == "won" and word_at(toks, j + 1) not in ("", ".", ",") and m.value < 1_000_000:
            return False  # "3 won and ..." is a score; "1.5 trillion won" is money
        return set_measure(m, "money", CURRENCY_WORDS[w], j + 1)
    if w in CURRENCY_CODES and t.text.isupper():
        return set_measure(m, "money", t.text, _scaled_after_code(toks, m, j + 1))
    scaled_code = _scaled_code(t)
    if scaled_code is not None:  # "30 MUSD"
        m.value = rounded(m.value * scaled_code[0])
        return set_measure(m, "money", scaled_code[1], j + 1)
    return None


def _length_area_time(toks: list[Token], m: Match, j: int, hyphen: bool) -> bool | None:
    t, w = toks[j], toks[j].lower
    area = _area_unit(toks, j)
    if area is not None:  # "square miles", "5,000-square-foot"
        return set_measure(m, "other", area[0], area[1])
    short = len(w) <= 2 and not glued(toks[j - 1], t)
    if w in TIME_UNITS and not (short and w not in ("hr",)):
        if w in ("s", "h") and not glued(toks[j - 1], t):
            return False
        if not hyphen and _joined_to_a_word(toks, j):
            return None  # "two hundred second-graders", "three day-trippers": the unit word is part of a noun
        end = j + 1
        if word_at(toks, j + 1) == "-" and word_at(toks, j + 2) in ("old", "long"):
            end = j + 3  # "5-year-old"
        elif word_at(toks, j + 1) == "old" or (word_at(toks, j + 1), word_at(toks, j + 2)) == ("of", "age"):
            end = j + 2 if word_at(toks, j + 1) == "old" else j + 3  # "five years old", "30 years of age"
        return set_measure(m, "duration", TIME_UNITS[w], end)
    spaced_ok = j + 1 >= len(toks) or toks[j + 1].kind == "punct"
    if w in DISTANCE_UNITS and not (short and w in ("m", "mi") and not glued(toks[j - 1], t) and not spaced_ok):
        power = _power_word(toks, j)
        if power is not None:  # "metres squared", "m2", "km³"
            return set_measure(m, "other", f"{power} {DISTANCE_UNITS[w]}", j + 2)
        two_words = w == "nautical" and word_at(toks, j + 1) in ("mile", "miles")  # "3 nautical miles"
        return set_measure(m, "distance", DISTANCE_UNITS[w], j + (2 if two_words else 1))
    if w == "light" and word_at(toks, j + 1) in ("year", "years"):
        return set_measure(m, "distance", "light-year", j + 2)  # "4 light years"
    if w in AREA_UNITS:
        return set_measure(m, "other", AREA_UNITS[w], j + 1)
    return None


def _joined_to_a_word(toks: list[Token], j: int) -> bool:
    return (
        j + 2 < len(toks)
        and toks[j + 1].text == "-"
        and glued(toks[j], toks[j + 1])
        and glued(toks[j + 1], toks[j + 2])
        and toks[j + 2].kind == "word"
        and toks[j + 2].lower not in ("old", "long", "a", "an", "per")
    )


def _power_word(toks: list[Token], j: int) -> str | None:
    nxt = word_at(toks, j + 1)
    if nxt in ("squared", "cubed"):
        return "square" if nxt == "squared" else "cubic"
    if j + 1 < len(toks) and toks[j + 1].text in ("2", "3", "²", "³") and glued(toks[j], toks[j + 1]):
        return "square" if toks[j + 1].text in ("2", "²") else "cubic"
    return None


def _temperature(toks: list[Token], m: Match, j: int, hyphen: bool) -> bool | None:
    t, w = toks[j], toks[j].lower
    if t.text in ("C", "F") and glued(toks[j - 1], t) and not _after_name(toks, m.first):
        return set_measure(m, "other", TEMPERATURE_UNITS[w], j + 1)  # "40C", "104F"; not "Room 5C"
    if w in DEGREE_WORDS:
        scale_unit = TEMPERATURE_UNITS.get(word_at(toks, j + 1))
        return set_measure(m, "other", scale_unit or "degree", _below_zero(toks, m, j + (2 if scale_unit else 1)))
    if w in TEMPERATURE_WORDS:
        return set_measure(m, "other", TEMPERATURE_WORDS[w], j + 1)
    if w == "below" and word_at(toks, j + 1) == "zero" and not hyphen and m.value_max is None:
        return set_measure(m, "other", "degree", _below_zero(toks, m, j))  # "it was 5 below zero"
    return None


def _below_zero(toks: list[Token], m: Match, j: int) -> int:
    """ "10 degrees below zero" is -10 degrees; "above zero" only confirms the sign."""
    if word_at(toks, j + 1) != "zero" or word_at(toks, j) not in ("below", "above"):
        return j
    if word_at(toks, j) == "below" and m.value > 0 and m.value_max is None:
        m.value = -m.value
    return j + 2


def _other_unit(toks: list[Token], m: Match, j: int, hyphen: bool) -> bool | None:
    t, w = toks[j], toks[j].lower
    if w in UNIT_QUALIFIER_WORDS and not hyphen and word_at(toks, j + 1) in OTHER_UNITS:
        return set_measure(m, "other", OTHER_UNITS[toks[j + 1].lower], j + 2)  # "5 metric tons"
    named = MORE_UNITS.get(w) or _metric_unit(w)
    if named is not None and len(w) > 2:
        return set_measure(m, _unit_kind(named), named, j + 1)
    if w in OTHER_UNITS and (len(w) > 2 or glued(toks[j - 1], t) or t.text != t.lower or w in SPACED_SHORT_UNITS):
        if len(w) == 1 and not glued(toks[j - 1], t) and t.text != "L":
            return False
        return set_measure(m, "other", OTHER_UNITS[w], j + 1)
    return None


def compound_measure(toks: list[Token], m: Match) -> None:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents", "5 feet 2 inches": one amount."""
    if m.kind in ("duration", "distance", "other") and m.value_max is None and _and_a_half(toks, m):
        return
    sub = COMPOUND_UNITS.get(m.unit or "")
    if sub is None or m.value_max is not None:
        return
    j = m.end_token + (1 if word_at(toks, m.end_token) == "and" else 0)
    if j >= len(toks):
        return
    part = plain_number(toks, j)
    if part is None:
        return
    unit_word = word_at(toks, part[1])
    if unit_word in sub[0] and 0 <= part[0] < sub[1]:
        m.value = rounded(m.value + part[0] / sub[1])
        m.end_token = part[1] + 1
    elif m.kind == "money" and j == m.end_token and _bare_cents(toks, m, part, sub[1]):
        m.value = rounded(m.value + part[0] / sub[1])  # "fifteen dollars fifty": the cents go unnamed
        m.end_token = part[1]


_AFTER_BARE_CENTS = frozenset({".", ",", ";", "!", "?", ")", "—", "–"})


def _and_a_half(toks: list[Token], m: Match) -> bool:
    """ "two hours and a half", "three years and a half": the part belongs to the amount."""
    j = m.end_token
    part = {"half": 0.5, "quarter": 0.25}.get(word_at(toks, j + 2))
    if word_at(toks, j) != "and" or word_at(toks, j + 1) != "a" or part is None or m.value != int(m.value):
        return False
    if word_at(toks, j + 3) == "of":
        return False  # "three years and a half of the budget" is another figure
    m.value, m.end_token = m.value + part, j + 3
    return True


def _bare_cents(toks: list[Token], m: Match, part: tuple[float, int], per_unit: int) -> bool:
    """ "15 dollars 50", "thirteen dollars forty-five": a whole number below one unit, after a whole amount, that
    ends the phrase (so "5 dollars 20 people" keeps its count)."""
    value, after = part
    if m.value != int(m.value) or value != int(value) or not 1 <= value < per_unit:
        return False
    if after >= len(toks):
        return True
    nxt = toks[after]
    return nxt.text in _AFTER_BARE_CENTS or (nxt.kind == "word" and nxt.lower in NP_STOP and nxt.lower != "of")


def _scaled_after_code(toks: list[Token], m: Match, j: int) -> int:
    """ "75 USD million": a scale word after the currency code still scales the amount."""
    w = word_at(toks, j)
    if w in SPACED_SCALES and w != "hundred" and m.value_max is None:
        m.value = rounded(m.value * SCALE_SUFFIXES[w])
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


def _after_name(toks: list[Token], first: int) -> bool:
    return first > 0 and toks[first - 1].kind == "word" and toks[first - 1].text[0].isupper()


def _area_unit(toks: list[Token], j: int) -> tuple[str, int] | None:
    """ "square miles", "sq km", "cubic metres", "square-foot": (unit, index after it)."""
    prefix = AREA_PREFIXES.get(word_at(toks, j))
    if prefix is None:
        return None
    k = j + 2 if word_at(toks, j + 1) in ("-", ".") and glued(toks[j], toks[j + 1]) else j + 1  # "sq. miles"
    unit = DISTANCE_UNITS.get(word_at(toks, k))
    return (f"{prefix} {unit}", k + 1) if unit is not None else None


_ALL_METRIC_PREFIXES = (*METRIC_PREFIXES, *METRIC_PREFIXES_LARGE)


def _metric_prefix(unit: str) -> str:
    if not unit.startswith(_ALL_METRIC_PREFIXES):
        return ""  # nearly every word: one call instead of a loop over the prefixes
    return next(p for p in _ALL_METRIC_PREFIXES if unit.startswith(p))


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


def _nation_currency_word(w: str) -> str | None:
    """ "dollars" -> "dollar", "kronor" -> "krona": the currency word of a nation's money, in the singular."""
    for word in (w, w[:-1], w[:-2], "krona" if w == "kronor" else ""):
        if word in _NATION_CURRENCY_WORDS:
            return word
    return None


def _nation_currency(toks: list[Token], j: int) -> tuple[str, int] | None:
    """ "Canadian dollars", "Hong Kong dollars", "Costa Rican colones": (currency code, index after it)."""
    for k in (j + 1, j + 2):
        w = word_at(toks, k)
        singular = _nation_currency_word(w)
        if singular is None or any(toks[n].kind != "word" for n in range(j, k)):
            continue
        code = CURRENCY_NATIONS.get((toks[k - 1].lower, singular))
        if code is None and k == j + 1 and w in CURRENCY_WORDS and toks[j].lower.endswith(_NATIONALITY_ENDINGS):
            code = CURRENCY_WORDS[w]  # "5 Bolivian bolivars": the currency word says enough
        return (code, k + 1) if code is not None else None
    return None


def unit_range(toks: list[Token], m: Match) -> None:
    """ "44 mg to 50 mg", "between 2 km and 3 km", "2%-3%": a range whose ends both carry the unit; not a change
    ("rose from 2% to 3%")."""
    j = m.end_token
    sep = word_at(toks, j)
    before = word_at(toks, m.first - 1)
    glued_dash = sep == "-" and j + 1 < len(toks) and glued(toks[j - 1], toks[j]) and glued(toks[j], toks[j + 1])
    if not (sep in ("to", "–") or glued_dash or (sep == "and" and before == "between")):
        return
    if before in CHANGE_VERBS or (before == "from" and word_at(toks, m.first - 2) in CHANGE_VERBS):
        return
    k = j + 1
    if k < len(toks) and toks[k].text in CURRENCY_SYMBOLS:
        return
    high = plain_number(toks, k) if k < len(toks) else None
    if high is None:
        return
    probe = Match(k, k, high[0], "count", end_token=high[1])
    if measure(toks, probe) and probe.unit == m.unit and probe.kind == m.kind and high[0] >= m.value:
        m.value_max, m.end_token = high[0], probe.end_token


_TIME_REFERENCES = frozenset({"earlier", "ago", "before", "later", "after", "previously", "prior"})


def per_after(toks: list[Token], m: Match) -> None:
    j = m.end_token
    w = word_at(toks, j)
    if w in RATE_WORDS and word_at(toks, j + 1) in TIME_UNITS and not toks[j + 1].lower.endswith("s"):
        if w in ("a", "an") and word_at(toks, j + 2) in _TIME_REFERENCES:
            return  # "4.1% a year earlier" is a past figure, not a rate per year
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
