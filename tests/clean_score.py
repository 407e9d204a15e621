"""How close a cleaned text is to a human reference body: precision and recall of kept text.
Used by the tests and by benchmarks/cleaning.py; not part of the installed package.

Two documented measures, both per page (then averaged over pages by the caller):

- `char_scores`: character-level. Both texts become multisets of word tokens (`\\w+`, case kept);
  each matched token counts its length in characters. Precision = matched characters / kept
  characters, recall = matched characters / reference characters. Order-free, so a paragraph kept
  in another place still counts, and a menu word that also occurs in the body counts once.
- `shingle_scores`: the article-extraction-benchmark's own measure (re-implemented from its
  description): multisets of 4-token shingles. It punishes stray fragments more than `char_scores`,
  and is the measure behind the published keep-everything baseline (precision 0.50, recall 0.99).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def _ratio(matched: float, total: float, empty: float) -> float:
    return empty if total == 0 else matched / total


def _scores(kept: Counter, reference: Counter, weight) -> Scores:
    matched = sum(weight(k) * min(n, reference[k]) for k, n in kept.items())
    kept_total = sum(weight(k) * n for k, n in kept.items())
    ref_total = sum(weight(k) * n for k, n in reference.items())
    # Nothing kept from an empty reference is perfect; something kept from it is all noise.
    empty = 1.0 if kept_total == ref_total == 0 else 0.0
    return Scores(_ratio(matched, kept_total, empty), _ratio(matched, ref_total, empty))


def char_scores(kept: str, reference: str) -> Scores:
    return _scores(Counter(_TOKEN.findall(kept)), Counter(_TOKEN.findall(reference)), len)


def _shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text)
    n = SHINGLE_SIZE
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_scores(kept: str, reference: str) -> Scores:
    return _scores(_shingles(kept), _shingles(reference), lambda _k: 1)
