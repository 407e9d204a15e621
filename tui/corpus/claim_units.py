"""One measure in one unit: "1,312 feet" and "400 m" are both about 400 metres, "2,750 metric tons" and
"2,750 tonnes" both 2.75 million kg, so values of one claim compare whatever unit each report chose."""

from __future__ import annotations

import re

from .figure_vocab import TIME_IN_DAYS
from .figures import Figure

_LENGTH = {"metre": 1.0, "meter": 1.0, "kilometre": 1000.0, "kilometer": 1000.0, "mile": 1609.344}
_LENGTH |= {"foot": 0.3048, "feet": 0.3048, "yard": 0.9144, "centimetre": 0.01, "nautical mile": 1852.0}
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
