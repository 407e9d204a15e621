"""Score a figure extractor on Microsoft Recognizers-Text's English test specs (../shared/peer/recognizers_en.json,
MIT): recall, precision and precision within the spec file's own kind, on a tuning half and a held-out half.

The halves are fixed by a hash of each case's input text, so a sentence never moves between them. Rules are
tuned by looking at misses of the tuning half only; the held-out half says whether they generalise.

Matching: an expected result is found when a figure overlaps its span with the same value (a range: the same
low and high ends; an open range "more than 20": the given end). Results without a numeric value (relative
ordinals "next", "last"; a currency name without an amount) are not counted."""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

# What each spec file annotates, as our kinds; a figure of another kind there is not scored "within kind".
FILE_KINDS: dict[str, frozenset[str]] = {
    "NumberModel.json": frozenset({"count", "fraction"}),
    "OrdinalModel.json": frozenset({"ordinal"}),
    "PercentModel.json": frozenset({"percent"}),
    "NumberRangeModel.json": frozenset({"range"}),  # any figure with a value_max
    "CurrencyModel.json": frozenset({"money"}),
    "DimensionModel.json": frozenset({"distance", "other"}),
    "AgeModel.json": frozenset({"age"}),  # a duration followed by "old" or an age phrase
    "TemperatureModel.json": frozenset({"temperature"}),
}
_TEMPERATURE_UNITS = frozenset({"degree", "°C", "°F", "K", "celsius", "fahrenheit", "kelvin"})
_RANGE = re.compile(r"^([\[(])(-?[\d.eE+-]*),(-?[\d.eE+-]*)([\])])$")


@dataclass(frozen=True)
class Found:
    """One figure as the scorer sees it: character span (end exclusive), value, high end, kind label."""

    start: int
    end: int
    value: float
    value_max: float | None
    kind: str
    unit: str | None = None


@dataclass(frozen=True)
class Expected:
    start: int
    end: int  # exclusive
    low: float | None
    high: float | None  # None for a single value


@dataclass
class Case:
    file: str
    text: str
    expected: list[Expected]
    news_style: bool
    held_out: bool


@dataclass
class SpecScore:
    expected: int = 0
    found: int = 0
    extracted: int = 0
    correct: int = 0
    in_kind: int = 0
    in_kind_correct: int = 0
    misses: list[tuple[Case, Expected]] = field(default_factory=list)
    wrong: list[tuple[Case, Found]] = field(default_factory=list)

    def add(self, other: SpecScore) -> None:
        for name in ("expected", "found", "extracted", "correct", "in_kind", "in_kind_correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.wrong += other.wrong

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def kind_precision(self) -> float:
        return self.in_kind_correct / self.in_kind if self.in_kind else 1.0


def held_out(text: str) -> bool:
    """Half of the cases, fixed by the input text: the held-out half is never looked at while tuning."""
    return zlib.crc32(text.encode("utf-8")) % 2 == 1


def load_cases(path: Path) -> list[Case]:
    """The cases the .NET reference implementation supports, with their numeric results."""
    data = json.loads(path.read_text(encoding="utf-8"))
    cases = []
    for name, items in data["files"].items():
        for item in items:
            if not item.get("dotnet_supported"):
                continue
            expected = [e for e in (_expected(r) for r in item["Results"]) if e is not None]
            text = item["Input"]
            cases.append(Case(name, text, expected, bool(item.get("news_style")), held_out(text)))
    return cases


def _expected(result: dict) -> Expected | None:
    value = str(result.get("Resolution", {}).get("value"))
    start, end = int(result["Start"]), int(result["End"]) + 1
    m = _RANGE.match(value)
    if m:
        low, high = _number(m.group(2)), _number(m.group(3))
        if low is None and high is None:
            return None
        if low is not None and high is not None and low != high:
            return Expected(start, end, low, high)
        return Expected(start, end, low if low is not None else high, None)
    single = _number(value.rstrip("%"))
    return None if single is None else Expected(start, end, single, None)


def _number(s: str) -> float | None:
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def matches(f: Found, e: Expected) -> bool:
    if not (f.start < e.end and e.start < f.end):
        return False
    if e.high is not None:
        return _close(f.value, e.low) and _close(f.value_max, e.high)
    return _close(f.value, e.low) or (f.value_max is not None and _close(f.value_max, e.low))


def in_kind(file: str, f: Found) -> bool:
    kinds = FILE_KINDS.get(file, frozenset())
    if "range" in kinds:
        return f.value_max is not None
    if "temperature" in kinds:
        return f.unit in _TEMPERATURE_UNITS
    if "age" in kinds:
        return f.kind == "duration"
    if "other" in kinds and f.unit in _TEMPERATURE_UNITS:
        return False
    return f.kind in kinds


def score_case(case: Case, got: list[Found]) -> SpecScore:
    s = SpecScore(expected=len(case.expected), extracted=len(got))
    for e in case.expected:
        if any(matches(f, e) for f in got):
            s.found += 1
        else:
            s.misses.append((case, e))
    for f in got:
        ok = any(matches(f, e) for e in case.expected)
        s.correct += ok
        if in_kind(case.file, f):
            s.in_kind += 1
            s.in_kind_correct += ok
            if not ok:
                s.wrong.append((case, f))
    return s


def score(cases: Iterable[Case], extract: Callable[[str], list[Found]]) -> dict[str, SpecScore]:
    """Scores by file, plus "all" and "news-style" totals."""
    out: dict[str, SpecScore] = {}
    for case in cases:
        s = score_case(case, extract(case.text))
        keys = [case.file, "all"] + (["news-style"] if case.news_style else [])
        for key in keys:
            out.setdefault(key, SpecScore()).add(s)
    return out
