"""How the values of one claim relate: agree, update, disagree, or hold for different windows of time.

- agree: one value, or values within rounding of each other when one is hedged ("about 1,000" and "1,020");
- different windows: each value is stated for its own period ("second visit this month", "third in three
  months", "in 2023" vs "this year"): both can be true;
- update: the reports differ in date and a different value only ever comes from a later day (a rising toll);
- disagree: different values at about the same time (or, for a fixed measure, at any time);
- differ: counts that can change, different, with nothing to say they were told at the same time."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from .figure_attribution import year_phrase
from .figures import Figure

AGREE, UPDATE, DISAGREE, WINDOWS, SUM, SINGLE = "agree", "update", "disagree", "different windows", "sum", "single"
DIFFER = "differ"  # counts that differ with nothing to say they were told at the same time
LOWER_BOUNDS = frozenset({"at least", "more than", "over", "upwards of", "in excess of", "above"})
ROUNDING = 0.05  # a hedged value within 5% of another is the same value rounded
_NUMBER_WORDS = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)"
_WINDOW = re.compile(
    r"\b(?:this|last|past|previous|same|current) (?:week|month|year|summer|winter|spring|autumn|fall)\b"
    rf"|\b(?:in|over|within|during) (?:the )?(?:past |last |previous )?{_NUMBER_WORDS} (?:days|weeks|months|years)\b"
    r"|\bsince (?:january|february|march|april|may|june|july|august|september|october|november|december|\d{4})\b"
    r"|\bin (?:19|20)\d\d\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"\b(?:as of|as at|by|at|until|up to)\s+(\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\b\.?|gmt|utc|local time|hours)"
    r"|noon|midnight)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;.:()—–]")
_AFTER = 80  # characters after a figure in which its window is stated ("third visit ... since March")


@dataclass
class ValueFacts:
    """What classification needs of one value of a claim."""

    value: float
    days: list[str]  # ISO days of the reports that give it ("" when undated)
    windows: list[str | None]  # the period each report states for it
    hedged: bool  # "about", "roughly", "as many as", a vague amount
    lower_bound: bool = False  # "at least", "more than", "over": a larger number does not contradict it
    moments: list[str] = field(default_factory=list)  # the times its reports place it at (moment_of)
    high: float | None = None  # the top of a range ("18,000 to 20,000 deaths"): any value in it agrees


def moment_of(f: Figure, published: str | None) -> str | None:
    """The moment a report places a figure at: a clock time its sentence states ("as of 6 pm") on its day,
    or the hour of publication when the report's date carries one. None when only the day is known."""
    day = (published or "")[:10]
    if not day:
        return None
    clock = _CLOCK.search(f.sentence)
    if clock:
        return f"{day} {re.sub(r'[^a-z0-9:]', '', clock.group(1).lower())}"
    return published[:13] if published and len(published) >= 13 and published[10] in "T " else None


# a sentence that gives two values of one toll as a change ("rose to 154 from 137", "up from", "earlier")
_CHANGE = re.compile(
    r"\b(?:from|rose|risen|rise|rising|climbed|increased|grew|grown|jumped|up|down|previous|previously|earlier"
    r"|before|initial|initially|revised|then|later|now)\b",
    re.IGNORECASE,
)


_CONTRAST = re.compile(r"\b(?:while|whereas)\b", re.IGNORECASE)
# "the toll is 275 and not 288", "some bodies were counted twice": a sentence correcting an earlier value
_CORRECTION = re.compile(
    r"\bnot\s+\d|\b(?:rather than|instead of)\s+\d|\bcorrect(?:ed|ion|s)\b|\bcounted twice\b|\bdouble[- ]count"
    r"|\bduplicat",
    re.IGNORECASE,
)


# "rose to 154 from 137", "is 275 and not 288", "earlier put at 288", "initially reported 90": a value its
# report gives only as the one that was replaced
_REPLACED_BEFORE = re.compile(
    r"\b(?:from|not|earlier|initially|previously|first|originally)\s+(?:\w+\s+){0,3}?"
    r"(?:(?:about|around|some|nearly|almost|at least|more than|over)\s+)?$"
    # "according to an earlier list issued by the operator, 40 workers": the count an earlier source gave
    r"|\b(?:earlier|previous|initial|original)\s+(?:list|figure|count|estimate|tally|toll|report|number)s?\b"
    r"[^.;:]{0,50}$",
    re.IGNORECASE,
)


def replaced_value(f: Figure) -> bool:
    """The figure is the old value of a change its sentence tells ("up from 137"), not its report's own."""
    start = f.start - f.sentence_start
    return tells_change(f.sentence) and bool(_REPLACED_BEFORE.search(f.sentence[max(0, start - 40) : start]))


def tells_change(sentence: str) -> bool:
    """The sentence tells how a value changed (rose, was revised, was corrected), not two values at once."""
    return bool(_CHANGE.search(sentence) or _CORRECTION.search(sentence))


# a sentence saying a count was replaced by another: "has been revised to 41", "an earlier list said 40"
_REVISION = re.compile(
    r"\b(?:revised|revision|updated|corrected|earlier|previous|previously|initial|initially|originally|rose|risen"
    r"|climbed|increased|jumped|(?:up|down) from)\b",
    re.IGNORECASE,
)


def tells_revision(sentence: str) -> bool:
    """The sentence says its count replaced another or was replaced ("revised to 41", "an earlier list")."""
    return bool(_REVISION.search(sentence) or _CORRECTION.search(sentence))


def sentence_moment(f: Figure) -> str | None:
    """ "A physician said 2,000 had died, while officials put the toll at 5,000": a sentence that sets two
    values of one fact against each other gives them at one moment (the sources disagree). A sentence that
    lists values ("694 in Al Haouz, 347 in Taroudant") or tells a change ("rose to 154 from 137") does not."""
    if _CONTRAST.search(f.sentence) and not tells_change(f.sentence):
        return f"{f.article_id}#{f.sentence_index}"
    return None


_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|according to|reported|announced|stated|put the|gave|claims|claimed|confirmed)\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


def report_moment(f: Figure) -> str | None:
    """ "The Taliban said on Sunday that 2,000 had died. The Red Crescent said on Sunday that 500 had died.":
    a report that gives a source for a value, in a sentence telling no change, places it at the moment of
    the report (on the day its sentence names): two such values of one fact in one report are sources set side
    by side, not a count and the one before it ("up from", "earlier", "revised")."""
    if not _ATTRIBUTION.search(f.sentence) or tells_change(f.sentence):
        return None
    days = {d.lower() for d in _WEEKDAY.findall(f.sentence)}
    return f"{f.article_id}/" + ("+".join(sorted(days)) if len(days) <= 1 else "?")


def window_of(f: Figure) -> str | None:
    """The period a figure is stated for, lower-cased: "this month", "in three months", "since march"."""
    year = year_phrase(f.when)  # "in 2023", "last year": stated for a whole year
    if year:
        return year
    after = f.sentence[f.end - f.sentence_start : f.end - f.sentence_start + _AFTER]
    end = _CLAUSE_END.search(after)
    m = _WINDOW.search(after[: end.start()] if end else after)
    return m.group(0).lower() if m else None


LOOSE_ROUNDING = 0.25  # "a decade" beside "12 years", "20 years" beside "23": a round period is approximate


def classify_periods(values: list[ValueFacts]) -> str:
    """Lengths of one period ("unbeaten for 23 years", "for 20 years"): a period named by a round amount of its
    unit ("a decade", "a week") agrees with any value within a quarter of it; otherwise they disagree (a period
    that has passed does not grow between reports)."""
    low, high = min(v.value for v in values), max(v.value for v in values)
    if high > 0 and (high - low) / high <= LOOSE_ROUNDING and any(v.hedged for v in values):
        return AGREE
    return classify(values, fixed=True)


def classify(values: list[ValueFacts], grows: bool = False, fixed: bool = False) -> str:
    """`grows`: a count of things that can change within hours (a toll, ships in a queue): two of its values
    disagree only when the reports place them at the same moment (a stated clock time, or publication in the
    same hour); reports of one day, hours apart, merely differ. `fixed`: a measure that does not change (a
    distance, a tonnage, a magnitude): its values never update each other, whatever their dates."""
    if len(values) == 1:
        return AGREE if len(values[0].days) > 1 else SINGLE
    if grows and _later_only(values) and _in_steps(values):
        return UPDATE  # 40 trapped for days, then 41 from the day it was revised: not 41 rounded to 40
    if _all_rounded(values) or _floor_close(values) or _ranges_meet(values):
        return AGREE
    if _distinct_windows(values):
        return WINDOWS
    if grows and _same_time_conflict(values):
        return DISAGREE
    if (_later_only(values) and not fixed) or _lower_bounds(values):
        return UPDATE
    if grows and _mostly_later(values):
        return UPDATE  # a toll revised up and down by two authorities that still climbs over the days
    return DIFFER if grows else DISAGREE


def _ranges_meet(values: list[ValueFacts]) -> bool:
    """ "18,000 to 20,000 deaths" beside "20,000": one number lies in every range given."""
    if all(v.high is None for v in values):
        return False
    return max(v.value for v in values) <= min(v.value if v.high is None else v.high for v in values)


def _same_time_conflict(values: list[ValueFacts]) -> bool:
    """Two different values placed at the same moment, the smaller not a mere floor of the larger ("more than
    170" beside "at least 174" in one report do not contradict each other)."""
    at: dict[str, list[ValueFacts]] = {}
    for v in values:
        for moment in dict.fromkeys(v.moments):
            at.setdefault(moment, []).append(v)
    return any(_contradict(lo, hi) for vals in at.values() for lo in vals for hi in vals if lo.value < hi.value)


def _contradict(low: ValueFacts, high: ValueFacts) -> bool:
    return not low.lower_bound


def _all_rounded(values: list[ValueFacts]) -> bool:
    """One value told at different precision: a unit conversion (within 1%), or within 5% when a report
    hedges ("about 1,000") or gives a round number (2,700 beside 2,750)."""
    low = min(v.value for v in values)
    high = max(v.value for v in values)
    if low <= 0:
        return False
    spread = (high - low) / high
    round_number = any(_round(v.value) for v in values)
    return spread <= 0.01 or (spread <= ROUNDING and (round_number or any(v.hedged for v in values)))


def _round(value: float) -> bool:
    """ "2,700", "30": a whole number ending in zeros, with two significant digits at most ("6.3" is precise)."""
    return float(value).is_integer() and value % 10 == 0 and _significant_digits(value) <= 2


def _significant_digits(value: float) -> int:
    digits = f"{value:.6g}".replace(".", "").replace("-", "").lstrip("0")
    if "e" in digits:
        digits = digits.split("e")[0]
    return len(digits.rstrip("0")) or 1


def _distinct_windows(values: list[ValueFacts]) -> bool:
    """Every value has its own stated period, and no two values share one."""
    main = [_most_common(v.windows) for v in values]
    return all(main) and len(set(main)) == len(main)


def _later_only(values: list[ValueFacts]) -> bool:
    """The values move one way with the date: every value of a later day is at least (or at most) every value
    of an earlier day. Undated reports do not count against it; two dated days are needed."""
    by_day: dict[str, list[float]] = {}
    for v in values:
        for day in v.days:
            if day:
                by_day.setdefault(day, []).append(v.value)
    days = sorted(by_day)
    if len(days) < 2 or len({x for vals in by_day.values() for x in vals}) < 2:
        return False
    pairs = list(pairwise(days))
    # a move between two days, not only a later day repeating one of an earlier day's values; a later value
    # within rounding of an earlier one ("above 7,700" the day after "7,800") does not break the move
    slack = 1 + ROUNDING
    rising = all(max(by_day[a]) <= min(by_day[b]) * slack for a, b in pairs) and any(
        max(by_day[a]) < min(by_day[b]) for a, b in pairs
    )
    falling = all(min(by_day[a]) * slack >= max(by_day[b]) for a, b in pairs) and any(
        min(by_day[a]) > max(by_day[b]) for a, b in pairs
    )
    return rising or falling


MOSTLY = 0.8  # share of the pairs of values given on different days that move the way the dates do


def _mostly_later(values: list[ValueFacts]) -> bool:
    """Over three or more days, nearly every value of a later day is above (or nearly every one below) every
    value of an earlier day: the count moved one way, with a revision or a lagging report in between."""
    dated = [(d, v.value) for v in values for d in dict.fromkeys(v.days) if d]
    if len({d for d, _ in dated}) < 3:
        return False
    pairs = [(a, b) for i, a in enumerate(dated) for b in dated[i + 1 :] if a[0] != b[0] and a[1] != b[1]]
    if not pairs:
        return False
    rising = sum((a[0] < b[0]) == (a[1] < b[1]) for a, b in pairs) / len(pairs)
    return rising >= MOSTLY or rising <= 1 - MOSTLY


def _in_steps(values: list[ValueFacts]) -> bool:
    """Each value holds for days of its own: no value is given on a day between two days of another one, and
    at least two values are each given on two or more days (a count that changed once and stayed)."""
    spans = [(min(d), max(d)) for v in values if (d := [x for x in v.days if x])]
    if sum(lo < hi for lo, hi in spans) < 2:
        return False
    return all(a[1] <= b[0] or b[1] <= a[0] for i, a in enumerate(spans) for b in spans[i + 1 :])


def _floor_close(values: list[ValueFacts]) -> bool:
    """ "over $9 billion" beside "$9.6bn": a floor just under the other value agrees with it."""
    high = max(v.value for v in values)
    return all(v.lower_bound and v.value >= high * (1 - 2 * ROUNDING) for v in values if v.value < high)


def _lower_bounds(values: list[ValueFacts]) -> bool:
    """ "at least 150", then "more than 200": every value below the largest is only a floor, so the numbers
    do not contradict each other; they grew."""
    high = max(v.value for v in values)
    return all(v.lower_bound for v in values if v.value < high)


def _most_common(items: list[str | None]) -> str | None:
    known = [i for i in items if i]
    return Counter(known).most_common(1)[0][0] if known else None
