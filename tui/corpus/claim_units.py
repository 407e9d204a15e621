"""One measure in one unit: "1,312 feet" and "400 m" are both about 400 metres, "2,750 metric tons" and
"2,750 tonnes" both 2.75 million kg, so values of one claim compare whatever unit each report chose."""

from __future__ import annotations

import re

from .figure_vocab import TIME_IN_DAYS
from .figures import Figure

_LENGTH = {"metre": 1.0, "meter": 1.0, "kilometre": 1000.0, "kilometer": 1000.0, "mile": 1609.344}
_LENGTH |= {"foot": 0.3048, "feet": 0.3048, "yard": 0.9144, "centimetre": 0.01, "nautical mile": 1852.0}
_LENGTH |= {"millimetre": 0.001, "inch": 0.0254}  # "900 mm diameter pipes", "a 90cm wide pipe": one pipe
_MASS = {"ton": 1000.0, "tonne": 1000.0, "metric ton": 1000.0, "kilogram": 1.0, "pound": 0.45359237}
_MASS_WORDS = {"tons": "ton", "tonnes": "tonne", "metric tons": "metric ton", "ton": "ton", "tonne": "tonne"}


def measure(f: Figure) -> tuple[str | None, float]:
    """(dimension or unit, value in its base unit): ("length", 399.9) for "1,312 feet"."""
    unit = f.unit
    if unit is None and f.counts and f.counts.lower() in _MASS_WORDS:
        unit = _MASS_WORDS[f.counts.lower()]  # "2,750 metric tons" read as a count of tons
    if unit in _LENGTH:
        return "length", f.value * _LENGTH[unit]
    if unit in _MASS:
        return "mass", f.value * _MASS[unit]
    if f.kind == "duration" and unit in TIME_IN_DAYS:
        return "time", f.value * TIME_IN_DAYS[unit]  # "a decade" and "12 years" compare in days
    return unit, f.value


def round_duration(f: Figure) -> bool:
    """ "a decade", "a week", "20 years": a period named by a round amount of its unit is approximate."""
    return f.kind == "duration" and (f.value == 1 or (float(f.value).is_integer() and f.value % 10 == 0))


_PER_AFTER = re.compile(r"^[\s,]*(?:[a-z]+\s+){0,3}?(?:each|per|a|every)\s+(day|hour|week|month|year)\b", re.IGNORECASE)
_THING_AFTER = re.compile(r"^[\s-]*(?:long\s+|of\s+)?((?:[a-z][a-z-]*\s+)?[a-z][a-z-]*)")
_NOT_THINGS = frozenset({"long", "wide", "high", "deep", "tall", "away", "from", "in", "to", "and", "or", "of", "the"})


def per_of(f: Figure) -> str | None:
    """ "$9.6bn of goods each day": the period the extractor left out, from the words after the figure."""
    if f.per:
        return f.per
    m = _PER_AFTER.match(f.sentence[f.end - f.sentence_start : f.end - f.sentence_start + 40])
    return m.group(1).lower() if m else None


def measured_thing(f: Figure) -> str | None:
    """What a measure measures, from the words after it: "200,000 tonne vessel" -> "vessel"."""
    if f.kind == "count" or f.counts:
        return f.counts
    m = _THING_AFTER.match(f.sentence[f.end - f.sentence_start : f.end - f.sentence_start + 40])
    if not m:
        return None
    words = [w for w in m.group(1).split() if w not in _NOT_THINGS]
    return " ".join(words) or None


# "had drilled up to 24 metres", "after drilling for 45 meters", "reduced the excavated portion to 14 metres":
# a length of work done so far, which grows from one report to the next like a count
_WORK_DONE = re.compile(
    r"\b(?:drill(?:ed|ing)|dug|digging|excavat(?:ed|ing)|bored|boring|cleared|clearing|laid|laying|inserted"
    r"|pushed|cut through|cutting through|tunnell?ed|penetrated)\b",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r".*(?:\d|[,;:()—–]|\bwhile\b|\bwhereas\b)", re.IGNORECASE | re.DOTALL)


def work_done(f: Figure) -> bool:
    """A length its own clause says was drilled, dug, cleared or laid so far: it can grow between reports (it
    is not a fixed measure such as a depth or a distance between two places)."""
    if measure(f)[0] != "length":
        return False
    start = f.start - f.sentence_start
    before = f.sentence[max(0, start - 60) : start]
    clause = _CLAUSE_START.match(before)  # from the last number or clause mark on: the words of this figure
    return bool(_WORK_DONE.search(before[clause.end() :] if clause else before))


# "for the past four days", "collapsed three days back", "two weeks ago", "ten days on": a period counted back
# from the moment of the report, which grows as later reports are written
_ELAPSED_BEFORE = re.compile(r"\b(?:past|last)\s+$", re.IGNORECASE)
_ELAPSED_AFTER = re.compile(r"^\s*(?:ago|back|on|later|since|now)\b", re.IGNORECASE)


def elapsed_period(f: Figure) -> bool:
    """A period up to the report's own moment ("for the past four days", "three days back"): not a fixed fact."""
    if f.kind != "duration":
        return False
    start, end = f.start - f.sentence_start, f.end - f.sentence_start
    return bool(_ELAPSED_BEFORE.search(f.sentence[max(0, start - 12) : start])) or bool(
        _ELAPSED_AFTER.match(f.sentence[end : end + 12])
    )
