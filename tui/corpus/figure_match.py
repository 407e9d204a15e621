"""What a matcher returns: a figure inside one sentence before attribution (Match), the number at its core
(Core), and the qualifier words before it ("about", "more than")."""

from __future__ import annotations

from dataclasses import dataclass

from .figure_vocab import (
    QUALIFIERS,
)
from .numbers import Token


@dataclass(slots=True)  # thousands per article: slots make them quicker to build and read
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


@dataclass(slots=True)
class Core:
    first: int
    end: int  # exclusive token index after the number (and its scale)
    value: float
    spelled: bool = False
    vague: bool = False
    currency: str | None = None
    value_max: float | None = None
    scaled: bool = False
    fraction: bool = False  # "two out of five", "twenty-three fifths"


def set_measure(m: Match, kind: str, unit: str, end: int) -> bool:
    m.kind, m.unit, m.end_token = kind, unit, end
    return True


# Longest first, so "no more than 50" is read as "no more than", not "more than".
QUALIFIER_WORDS = sorted((tuple(q.split()) for q in QUALIFIERS), key=len, reverse=True)


# The qualifiers by their last word, longest first: one dictionary look-up per number instead of a scan.
_QUALIFIERS_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _words in QUALIFIER_WORDS:
    _QUALIFIERS_BY_LAST.setdefault(_words[-1], []).append(_words)


def qualifier_before(toks: list[Token], first: int) -> str | None:
    if first == 0:
        return None
    for words in _QUALIFIERS_BY_LAST.get(toks[first - 1].lower, ()):
        n = len(words)
        if first - n < 0:
            continue
        seq = toks[first - n : first]
        if all(t.lower == w for t, w in zip(seq, words, strict=False)):
            if words == ("some",) and first + 1 < len(toks) and toks[first].kind != "num":
                continue
            return " ".join(t.text for t in seq).lower()
    return None
