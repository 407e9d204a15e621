"""One measure in one unit: "1,312 feet" and "400 m" are both about 400 metres, "2,750 metric tons" and
"2,750 tonnes" both 2.75 million kg, so values of one claim compare whatever unit each report chose."""

from __future__ import annotations

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
    return unit, f.value
