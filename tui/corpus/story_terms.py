"""What an article is about, as a few distinctive terms: the input of story grouping.

Terms are five-letter stems of content words, names and places (title words count twice) and numbers of three
digits or more ("#1000"). Common words are dropped here; commonness in the corpus is judged later by idf."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .figure_vocab import SIMILARITY_STOP

_WORDS = re.compile(r"[^\W\d_]{4,}")
# 1,000 or three digits and more. Written to start with one "\d" (not "\d{1,3}|\d{3,}"), so that the regex
# engine skips ahead to the next digit instead of trying both branches at every character: 3x faster.
_NUMBERS = re.compile(r"\d(?:\d{0,2}(?:,\d{3})+|\d{2,})")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
LEAD_CHARS = 3000  # the lead of a report names its event; the tail is background shared by many stories


def article_terms(title: str, text: str) -> Counter[str]:
    """Term -> count over the title (twice) and the lead of the text."""
    terms: Counter[str] = Counter(_terms(title))
    terms.update(terms.keys())  # title words count twice
    terms.update(_terms(text[:LEAD_CHARS]))
    return terms


def _terms(text: str) -> list[str]:
    low = text.lower()
    stop = SIMILARITY_STOP
    words = [w[:5] for w in _WORDS.findall(low) if w not in stop]
    return words + ["#" + n.replace(",", "") for n in _NUMBERS.findall(low)]


def day_of(published: str | None) -> date | None:
    """The calendar day of an ISO date (ASCII digits only: "²⁰²⁴-06-01" is not a date); None otherwise."""
    if not published:
        return None
    m = _ISO_DAY.match(published)
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
