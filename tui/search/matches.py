"""Where a query matched inside one article: offsets from re-tokenising Article.text with the index's
own tokeniser (never from a guess), and a snippet whose marks are offsets, not markup."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .analysis import Token, terms, tokenize
from .query import MatchSpec

SNIPPET_CHARS = 240
ELLIPSIS = "…"


@dataclass(frozen=True)
class Snippet:
    text: str
    marks: list[tuple[int, int]]  # offsets into text
    sentence: int | None


def match_spans(tokens: list[Token], specs: list[MatchSpec], figures_json: str = "[]") -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of every match of the specs among the tokens."""
    wanted = {t for s in specs if s.kind == "term" for t in s.terms}
    prefixes = [(s.prefix, set(s.terms)) for s in specs if s.kind == "prefix"]
    phrases = [s.terms for s in specs if s.kind == "phrase"]
    spans = [(t.start, t.end) for t in tokens if t.term in wanted]
    for prefix, stems in prefixes:
        spans.extend((t.start, t.end) for t in tokens if t.term in stems and t.word.startswith(prefix))
    for phrase in phrases:
        first, n = phrase[0], len(phrase)
        spans.extend(
            (t.start, tokens[i + n - 1].end)
            for i, t in enumerate(tokens)
            if t.term == first and _phrase_at(tokens, i, phrase)
        )
    figure_specs = [s for s in specs if s.kind == "figure"]
    if figure_specs:
        spans.extend(_figure_spans(figure_specs, figures_json, tokens))
    return _merge(spans)


def _phrase_at(tokens: list[Token], i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > len(tokens):
        return False
    return all(tokens[i + k].term == phrase[k] for k in range(1, len(phrase)))


def _figure_spans(specs: list[MatchSpec], figures_json: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Figures in range. A bare number (`15000`) already matched its own token: a figure adds a span
    only when its words do not show that number ("fifteen thousand labourers")."""
    spans = []
    for start, end, value, counts in json.loads(figures_json or "[]"):
        counted = set(terms(counts)) if counts else set()
        for s in specs:
            if not (s.low <= value <= s.high) or (s.counts and s.counts not in counted):
                continue
            if s.terms and any(t.term in s.terms for t in tokens if start <= t.start < end):
                continue
            spans.append((start, end))
            break
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def title_marks(title: str, specs: list[MatchSpec]) -> list[tuple[int, int]]:
    as_terms = [MatchSpec("term", terms=s.terms) if s.kind == "title" else s for s in specs if s.kind != "figure"]
    return match_spans(tokenize(title), as_terms)


def snippet(text: str, sentences: list[tuple[int, int]], spans: list[tuple[int, int]]) -> Snippet:
    """The sentence with the most matches (the first one on a tie), cut to SNIPPET_CHARS around them."""
    if not spans:
        start, end = sentences[0] if sentences else (0, len(text))
        return _cut(text, start, end, [], 0 if sentences else None)
    best, best_count, best_index = None, 0, None
    for index, (s_start, s_end) in enumerate(sentences):
        count = sum(1 for a, b in spans if s_start <= a < s_end)
        if count > best_count:
            best, best_count, best_index = (s_start, s_end), count, index
    if best is None:  # matches between sentences (a heading without a sentence): a window around the first
        first = spans[0][0]
        best = (max(0, first - SNIPPET_CHARS // 3), min(len(text), first + SNIPPET_CHARS))
    return _cut(text, best[0], best[1], spans, best_index)


def _cut(text: str, start: int, end: int, spans: list[tuple[int, int]], sentence: int | None) -> Snippet:
    lo, hi = start, end
    if hi - lo > SNIPPET_CHARS:
        first = next((a for a, b in spans if a >= start and b <= end), start)
        lo = max(start, min(first - SNIPPET_CHARS // 4, end - SNIPPET_CHARS))
        hi = lo + SNIPPET_CHARS
    lead = ELLIPSIS if lo > start else ""
    trail = ELLIPSIS if hi < end else ""
    shift = len(lead) - lo
    marks = [(max(a, lo) + shift, min(b, hi) + shift) for a, b in spans if a < hi and b > lo]
    return Snippet(lead + text[lo:hi].replace("\n", " ") + trail, marks, sentence)
