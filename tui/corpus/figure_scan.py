"""Token-level figure matching inside one sentence: what number starts here, what it measures, what it counts.

`scan_sentence` runs the matchers left to right: dates (figure_dates), spoken fractions, ordinals and indefinite
durations (here), then the number at the core of a figure (figure_amounts) and what it measures (figure_units) or
counts (the noun phrase after it, figure_phrase; or the clause's subject: "the death toll ... 400")."""

from __future__ import annotations

import math

from .figure_amounts import bound_kind, fraction_scale_core, number_core, signed, vague_core
from .figure_dates import clock_end, clock_time, date_at, decade_at
from .figure_match import QUALIFIER_WORDS, Core, Match, qualifier_before
from .figure_ordinals import ordinal_at
from .figure_phrase import noun_phrase
from .figure_units import compound_measure, measure, per_after, unit_range
from .figure_vocab import (
    ABBREVIATED_TIME_UNITS,
    AGE_AT_VERBS,
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORD_PREFIXES,
    DESIGNATION_WORDS,
    DISTANCE_UNITS,
    FRACTION_PRONOUNS,
    FRACTION_WORDS,
    FREQUENCY_WORDS,
    MONTHS,
    NP_STOP,
    OF_DETERMINERS,
    ORDINAL_WORDS,
    PERSON_NOUNS,
    QUALIFIERS,
    SCALE_FRACTIONS,
    SCALES_AFTER_A,
    SIGN_WORDS,
    TIME_UNITS,
    TOLL_COUNTS,
    TOLL_WORDS,
    TOTAL_WORDS,
    UNICODE_FRACTIONS,
    UNIT_BEFORE,
    UNITS_WORDS,
    VAGUE_PLURALS,
    VAGUE_QUANTIFIERS,
    VAGUE_SCALES,
    WEEKDAYS,
)
from .numbers import (
    NUMBER_WORDS,
    Token,
    glued,
    glued_hyphen_word,
    glued_left,
    word_at,
)

_SUBJECT_WINDOW = 14


_CLAUSE_BREAKS = frozenset({".", ";", ":", "!", "?", "(", ")", "“", "”", '"'})


_INDEFINITE_TIME_AFTER = {"ago", "after", "later", "earlier", "before", "long", "on"}


_QUALIFIER_FIRST = frozenset(q.split()[0] for q in QUALIFIERS)


# Tokens that can start a figure; any other word is skipped without trying the matchers. figure_gate reads
# them too, to skip sentences without any (a new matcher's first word must be here; see also NEEDS_NEXT).
TRIGGERS = frozenset(
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
    | SIGN_WORDS
    | {"a", "an", "one", "several", "few", "many", "tens"}
)  # no "us", "hk", "nz": a currency before a number is read back from the number (figure_amounts)
# Common trigger words that start a figure only before certain words: "a"/"an" before the words below (the
# matchers that accept it are the fractions here: "a third", "a quarter-mile", "a-third"; "an hour and a half",
# "a year after"; figure_amounts' "a quarter million", "a few hundred", "a hundred", through
# numbers.parse_number_words), "many"/"several"/"few" before a scale ("many thousands" is a vague plural of its
# own). _match_at tries them only there and figure_gate skips sentences where they are not: a matcher that
# starts at one of them before another word must add that word here.
_AFTER_A = frozenset(
    set(SCALE_FRACTIONS) | set(TIME_UNITS) | set(DISTANCE_UNITS) | set(FRACTION_WORDS) | set(SCALES_AFTER_A) | {"few"}
)
NEEDS_NEXT: dict[str, frozenset[str]] = {"a": _AFTER_A, "an": _AFTER_A}
NEEDS_NEXT.update(dict.fromkeys(VAGUE_QUANTIFIERS, frozenset(VAGUE_SCALES)))


def scan_sentence(text: str, toks: list[Token]) -> list[Match]:
    out: list[Match] = []
    triggers = TRIGGERS
    # most tokens can start no figure: the matchers are tried only where one can
    starts = [i for i, t in enumerate(toks) if t.kind == "num" or t.lower in triggers]
    after = 0  # tokens before this are inside the last match
    for i in starts:
        if i < after:
            continue
        m = _match_at(text, toks, i)
        if m is None:
            continue
        if m.kind != "skip" and math.isfinite(m.value) and (m.value_max is None or math.isfinite(m.value_max)):
            out.append(m)
        after = max(m.end_token, i + 1)
    return out


def _match_at(text: str, toks: list[Token], i: int) -> Match | None:
    t = toks[i]
    if t.kind != "num" and t.lower not in TRIGGERS:
        return None
    follow = NEEDS_NEXT.get(t.lower)
    if follow is not None and _next_word(toks, i) not in follow:
        return None  # "a" is in nearly every sentence, and starts a figure only before these words
    if t.kind == "num" and clock_time(toks, i):
        return Match(i, i, 0.0, "skip", end_token=clock_end(toks, i))
    decade = decade_at(toks, i) if t.kind == "num" else None
    if decade is not None:
        return decade
    core = fraction_scale_core(toks, i)
    if core is not None:
        return _classify(text, toks, core)
    for matcher in (date_at, _unit_and_a_half_at, _fraction_at, _indefinite_duration_at, ordinal_at):
        m = matcher(text, toks, i)
        if m is not None:
            return m
    core = vague_core(toks, i) or signed(toks, number_core(toks, i))
    if core is None:
        return None
    return _classify(text, toks, core)


def _next_word(toks: list[Token], i: int) -> str:
    """The word after i, over a joining hyphen ("a-third")."""
    word = word_at(toks, i + 1)
    return word_at(toks, i + 2) if word == "-" else word


def _fraction_at(text: str, toks: list[Token], i: int) -> Match | None:
    t = toks[i]
    if t.text in UNICODE_FRACTIONS and not glued_left(toks, i):
        return _with_counts(text, toks, Match(i, i, UNICODE_FRACTIONS[t.text], "fraction", end_token=i + 1))
    if t.kind != "word":
        return None
    if (
        t.lower == "half"
        and word_at(toks, i - 1) not in ORDINAL_WORDS
        and word_at(toks, i - 1) != "and"
        and not glued_left(toks, i)
    ):
        first = i - 1 if word_at(toks, i - 1) in ("a", "one") else i
        if word_at(toks, i + 1) == "a" and word_at(toks, i + 2) in TIME_UNITS:
            unit = TIME_UNITS[toks[i + 2].lower]
            return Match(first, i + 2, 0.5, "duration", unit=unit, end_token=i + 3)
        if glued_hyphen_word(toks, i):
            return _part_of_a_unit(toks, first, i, 0.5)  # "a half-hour meeting", "the half-mile track"
        return _with_counts(text, toks, Match(first, i, 0.5, "fraction", end_token=i + 1))
    numerator = 1 if t.lower in ("a", "one") else UNITS_WORDS.get(t.lower)
    d = i + 2 if glued_hyphen_word(toks, i) else i + 1  # "two-thirds"
    denom_word = word_at(toks, d)
    if numerator is None or denom_word not in FRACTION_WORDS or denom_word == "half":
        return None
    plural = (denom_word.endswith("s") and denom_word not in ("thirds",)) or denom_word in ("thirds", "halves")
    if numerator == 1 and plural:
        return None
    if numerator > 1 and not plural:
        return None
    value = numerator / FRACTION_WORDS[denom_word]
    if numerator == 1 and glued_hyphen_word(toks, d):
        return _part_of_a_unit(toks, i, d, value)  # "a quarter-mile stretch"
    if (
        numerator == 1
        and d == i + 1
        and word_at(toks, d + 1) != "of"
        and d + 1 < len(toks)
        and toks[d + 1].kind != "punct"
    ):
        return None  # "a third visit" is an ordinal; "a one-third stake" a fraction
    return _with_counts(text, toks, Match(i, d, value, "fraction", end_token=d + 1))


def _part_of_a_unit(toks: list[Token], first: int, last: int, value: float) -> Match | None:
    """ "half-hour", "quarter-mile": a fraction joined to a unit measures that much of it."""
    unit_word = word_at(toks, last + 2)
    if unit_word in TIME_UNITS and len(unit_word) > 2:
        kind, unit = "duration", TIME_UNITS[unit_word]
    elif unit_word in DISTANCE_UNITS and len(unit_word) > 2:
        kind, unit = "distance", DISTANCE_UNITS[unit_word]
    else:
        return None
    return Match(first, last + 2, value, kind, unit=unit, end_token=last + 3)


def _with_counts(text: str, toks: list[Token], m: Match) -> Match:
    j = m.end_token
    if word_at(toks, j) == "of":
        k = j + 1
        if word_at(toks, k) in FRACTION_PRONOUNS:
            m.counts, m.counts_span, m.end_token = toks[k].text, (toks[k].start, toks[k].end), k + 1
            return m
        if word_at(toks, k) in OF_DETERMINERS:
            k += 1
        np = noun_phrase(text, toks, k)
        if np is not None:
            m.counts, m.counts_span, m.end_token = np.text, (np.start, np.end), np.next
    return m


_AND_A_PART = {"half": 0.5, "quarter": 0.25}


def _unit_and_a_half_at(text: str, toks: list[Token], i: int) -> Match | None:
    """ "an hour and a half", "a mile and a half": one unit and a part of it."""
    if word_at(toks, i) not in ("a", "an") or word_at(toks, i + 2) != "and" or word_at(toks, i + 3) != "a":
        return None
    unit_word, part = word_at(toks, i + 1), _AND_A_PART.get(word_at(toks, i + 4))
    if part is None or unit_word.endswith("s") or len(unit_word) < 3:
        return None
    if unit_word in TIME_UNITS:
        kind, unit = "duration", TIME_UNITS[unit_word]
    elif unit_word in DISTANCE_UNITS:
        kind, unit = "distance", DISTANCE_UNITS[unit_word]
    else:
        return None
    m = Match(i, i + 4, 1 + part, kind, unit=unit, spelled=True, end_token=i + 5)
    m.qualifier = qualifier_before(toks, i)
    return m


def _indefinite_duration_at(text: str, toks: list[Token], i: int) -> Match | None:
    """ "exactly a year after", "more than a decade": a/an + time unit, hedged or anchored in time."""
    if word_at(toks, i) not in ("a", "an") or word_at(toks, i + 1) not in TIME_UNITS:
        return None
    unit_word = toks[i + 1].lower
    if unit_word in ABBREVIATED_TIME_UNITS or unit_word.endswith("s"):
        return None
    qualifier = qualifier_before(toks, i)
    if qualifier is None and word_at(toks, i + 2) not in _INDEFINITE_TIME_AFTER:
        return None
    if word_at(toks, i - 1) in FREQUENCY_WORDS:
        return None
    m = Match(i, i + 1, 1.0, "duration", unit=TIME_UNITS[unit_word], spelled=True, end_token=i + 2)
    m.qualifier = qualifier
    return m


def _classify(text: str, toks: list[Token], core: Core) -> Match | None:
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
    m.qualifier = qualifier_before(toks, core.first)
    if core.fraction:
        m.kind = "fraction"
        np = noun_phrase(text, toks, core.end)
        if np is not None:  # "two out of five districts"
            m.counts, m.counts_span, m.end_token = np.text, (np.start, np.end), np.next
        return m
    if core.currency:
        m.kind, m.unit = "money", core.currency
        per_after(toks, m)
        return _two_bounds(text, toks, m)
    if core.vague and word_at(toks, core.end) == "of":
        return _vague_counts(text, toks, m)
    if measure(toks, m):
        compound_measure(toks, m)
        per_after(toks, m)
        if m.value_max is None:
            unit_range(toks, m)
        return _two_bounds(text, toks, m)
    return _counted(text, toks, core, m)


def _two_bounds(text: str, toks: list[Token], m: Match) -> Match:
    """ "above 40 percent and below 60 percent", "more than $10 and less than $20": two opposite bounds on the
    same measure make one range (bare numbers are joined earlier, in figure_amounts)."""
    own = bound_kind(m.qualifier)
    j = m.end_token
    if own is None or m.value_max is not None or word_at(toks, j) not in ("and", ",", "but"):
        return m
    for words in QUALIFIER_WORDS:
        k = j + 1 + len(words)
        if all(word_at(toks, j + 1 + n) == w for n, w in enumerate(words)):
            if k < len(toks) and toks[k].text in CURRENCY_SYMBOLS:
                k += 1  # a "$20" match starts at its digits
            other = _match_at(text, toks, k) if bound_kind(" ".join(words)) not in (None, own) else None
            if other is None or (other.kind, other.unit, other.value_max) != (m.kind, m.unit, None):
                return m
            low, high = (m.value, other.value) if own == "low" else (other.value, m.value)
            if low < high:
                m.value, m.value_max, m.end_token = low, high, other.end_token
            return m
    return m


def _counted(text: str, toks: list[Token], core: Core, m: Match) -> Match | None:
    """A number that measures nothing: what it counts (the noun phrase after it, or the clause's subject), or
    None when it is no figure at all (a lone "one", a model name, "Route 2")."""
    if core.spelled and core.value == 1 and not core.vague:
        return None  # "one" alone is rarely a figure ("one of", "no one")
    if (
        core.end < len(toks)
        and glued(toks[core.end - 1], toks[core.end])
        and not core.spelled
        and (toks[core.end].kind == "word" or _possessive(toks, core.end))
    ):
        return None  # a code or model name: "5G", "3D", "8x", "CentOS 8's"
    lead = core.first - 1 - (word_at(toks, core.first - 1) == "between" and core.value_max is not None)
    before = UNIT_BEFORE.get(word_at(toks, lead))  # "aged 34", "aged between 18 and 25"
    if word_at(toks, core.first - 2) == "age" and word_at(toks, core.first - 1) == "of":
        before = UNIT_BEFORE["aged"]  # "at the age of 87"
    if before is not None and not core.spelled:  # "aged 34", "magnitude 7.8"
        m.kind, m.unit = before
        return m
    if [word_at(toks, core.end + k) for k in range(3)] == ["on", "the", "richter"] and not core.spelled:
        m.kind, m.unit = "other", "magnitude"  # "6.1 on the Richter scale"
        m.end_token = core.end + 3 + (word_at(toks, core.end + 3) == "scale")
        return m
    if _an_age(toks, core):
        m.kind, m.unit = "duration", "year"
        return m
    if _designation(toks, core):
        return None
    strong = word_at(toks, core.end) == "-" and word_at(toks, core.end + 1) == "strong"
    np = noun_phrase(text, toks, core.end + 2 if strong else core.end)  # "a 1,000-strong crowd" counts the crowd
    if np is not None:
        m.counts, m.counts_span, m.end_token = np.text, (np.start, np.end), np.next
        _aka_after(text, toks, m)
    elif _names_it(toks, core):
        return None
    else:
        m.counts = _subject_counts(text, toks, core.first)
        m.counts_inferred = m.counts is not None
    per_after(toks, m)
    return m


def _an_age(toks: list[Token], core: Core) -> bool:
    """ "John Smith, 27, was detained", "her son, 12,", "he died at 86": a bare whole number a person is."""
    i, end = core.first, core.end
    if core.spelled or core.value_max is not None or not 0 < core.value < 120 or core.value != int(core.value):
        return False
    if i >= 2 and word_at(toks, i - 1) == "at" and word_at(toks, i - 2) in AGE_AT_VERBS:
        return word_at(toks, end) in ("", ".", ",", ";", "in", "on", "after", "from")
    if i < 2 or toks[i - 1].text != "," or word_at(toks, end) not in (",", ")"):
        return False
    person = toks[i - 2]
    if person.kind != "word" or word_at(toks, end + 1).isdigit():
        return False  # "June 3, 4, 5" or a list of numbers
    if person.lower in PERSON_NOUNS:
        return True
    return person.text[0].isupper() and person.lower not in WEEKDAYS and person.lower not in MONTHS


def _subject_counts(text: str, toks: list[Token], first: int) -> str | None:
    """What a bare number counts when the clause's subject says it: "the death toll ... neared 400" counts
    deaths, "the toll rose to 357" too; "the number of displaced families reached 900" counts displaced families.
    Looks back only within the clause, and never past another number."""
    for k in range(first - 1, max(-1, first - _SUBJECT_WINDOW), -1):
        t = toks[k]
        if t.kind == "num" or t.text in _CLAUSE_BREAKS:
            return None
        if t.lower in TOLL_WORDS:
            return TOLL_COUNTS.get(word_at(toks, k - 1), TOLL_COUNTS[""])
        if t.lower in TOTAL_WORDS and word_at(toks, k + 1) == "of":
            np = noun_phrase(text, toks, k + 2)
            return np.text if np is not None and np.next <= first else None
    return None


def _possessive(toks: list[Token], j: int) -> bool:
    return toks[j].text in ("'", "’") and word_at(toks, j + 1) == "s"


def _names_it(toks: list[Token], core: Core) -> bool:
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


_PLAIN_WORDS = NP_STOP | _QUALIFIER_FIRST  # "in ALL 50 states": a word in capitals for emphasis, no acronym


def _acronym(word: str) -> bool:
    """ "ATR", "HR", "RHEL"; not a verb in capitals for emphasis ("KILLS", "HITS")."""
    return 2 <= len(word) <= 4 and word.isalpha() and word.isupper() and not (len(word) == 4 and word.endswith("S"))


def _designation(toks: list[Token], core: Core) -> bool:
    """ "an ATR 72 aircraft", "a Boeing 737 crashed", "a Category 5 hurricane", "iPhone 15 buyers": a bare
    whole number right after a maker, a product family, a route or a scale's name (or an acronym, or a
    word like "iPhone") names one thing, even with a noun after it. Not in a line written all in capitals
    ("SENDS 1000 SAPPERS"), nor with thousands separators ("UN 2,000"), nor after a plain word in capitals
    ("ALL 50 states")."""
    i = core.first
    if core.spelled or core.value_max is not None or i < 1 or toks[i - 1].kind != "word":
        return False
    number = toks[i]
    if core.end != i + 1 or not number.text.isdigit():
        return False
    prev = toks[i - 1].text
    named = (
        (toks[i - 1].lower in DESIGNATION_WORDS and prev[0].isupper())
        or (_acronym(prev) and toks[i - 1].lower not in _PLAIN_WORDS)
        or (prev[0].islower() and any(c.isupper() for c in prev[1:]))
    )
    after = toks[core.end].text if core.end < len(toks) else ""
    return named and not (after.isalpha() and after.isupper() and len(after) > 1)


def _vague_counts(text: str, toks: list[Token], m: Match) -> Match:
    k = m.end_token + 1
    np = noun_phrase(text, toks, k)
    if np is not None:
        m.counts, m.counts_span, m.end_token = np.text, (np.start, np.end), np.next
        _measure_words(toks, m, k)
    return m


def _measure_words(toks: list[Token], m: Match, k: int) -> None:
    """ "hundreds of square miles": a vague amount of a unit is a measure, not a count."""
    probe = Match(m.first, m.last, m.value, m.kind, vague=m.vague, end_token=k)
    if measure(toks, probe):
        m.kind, m.unit, m.counts, m.counts_span = probe.kind, probe.unit, None, None
        m.end_token = probe.end_token


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
