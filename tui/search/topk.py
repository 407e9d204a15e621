"""Scoring only what is shown: top hits without walking every posting when the query allows it."""

from __future__ import annotations

from typing import Any

from .bulk import positions, top_hits
from .query import ParsedQuery
from .whoosh_adapter import range_terms

PHRASE_WINDOW_MAX = 2000  # candidates checked for a phrase before handing over to Whoosh's phrase query


Shown = list[tuple[dict[str, Any], float]]  # stored fields and score of each hit shown


def phrase_candidates(searcher: Any, parsed: ParsedQuery, limit: int) -> tuple[Shown, int] | None:
    """Top hits of a query with required phrases: rank with the phrases relaxed to their words once,
    then check word positions best first, a widening batch at a time, until `limit` are kept or the
    candidates run out. None: too many candidates fail, let Whoosh's phrase query decide."""
    candidates, estimate = ranked(searcher, parsed.relaxed, PHRASE_WINDOW_MAX)
    kept: list[tuple[int, float]] = []
    checked = 0
    batch = max(3 * limit, 30)
    while len(kept) < limit and checked < len(candidates):
        window = candidates[checked : checked + batch]
        holding = _holding_phrases(searcher, [d for d, _ in window], parsed.required_phrases)
        if holding is None:
            return None
        kept.extend((d, score) for d, score in window if d in holding)
        checked += len(window)
        batch *= 4
    exhausted = len(candidates) < PHRASE_WINDOW_MAX or estimate <= PHRASE_WINDOW_MAX
    if len(kept) < limit and not exhausted:
        return None
    total = len(kept) if exhausted else max(len(kept), estimate * len(kept) // max(checked, 1))
    return [(searcher.stored_fields(d), score) for d, score in kept[:limit]], total


def ranked(searcher: Any, q: Any, limit: int) -> tuple[list[tuple[int, float]], int]:
    """(docnum, score) of the best `limit`, best first, and how many match (perhaps estimated)."""
    found = top_hits(searcher, q, limit)
    if found is None:
        results = searcher.search(q, limit=limit)
        found = [(r.docnum, r.score) for r in results], results.estimated_length()
    return found


def first_matches(searcher: Any, q: Any, limit: int) -> tuple[Shown, int]:
    """A figure range scores every match alike, so any `limit` matches will do. Whoosh's own
    matcher wraps the range in a constant-score query that lists the ids of every posting of every
    trie term first; instead read the trie terms coarsest first (one term covers many values) and
    stop as soon as `limit` live documents are found. The total stays Whoosh's estimate."""
    reader = searcher.reader()
    live = (  # generators all the way: postings stop being read once `limit` are found
        docnum
        for fieldname, btext in range_terms(reader, q)
        for docnum in reader.postings(fieldname, btext).all_ids()
        if not reader.is_deleted(docnum)
    )
    found: set[int] = set()  # a set: one article may hold several values in the range
    for docnum in live:
        found.add(docnum)
        if len(found) >= limit:
            break
    shown = [(searcher.stored_fields(d), 1.0) for d in sorted(found)[:limit]]
    if len(found) < limit:
        return shown, len(found)
    return shown, max(len(shown), min(q.estimate_size(reader), reader.doc_count()))


def _holding_phrases(searcher: Any, docnums: list[int], phrases: list[tuple[str, tuple[str, ...]]]) -> set[int] | None:
    """The documents among `docnums` where every phrase occurs (word positions in a row); None when
    the index is not in the format whose positions can be read directly."""
    holding: set[int] = set()
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        inside = sorted(d - offset for d in docnums if offset <= d < offset + reader.doc_count_all())
        for fieldname, phrase in phrases:
            if not inside:
                break
            found = {}
            for w in set(phrase):
                held = positions(reader, fieldname, w, inside)
                if held is None:
                    return None
                found[w] = held
            inside = [d for d in inside if _in_a_row([frozenset(found[w].get(d, ())) for w in phrase])]
        holding.update(d + offset for d in inside)
    return holding


def _in_a_row(positions: list[frozenset[int]]) -> bool:
    first, rest = positions[0], positions[1:]
    return any(all(p + i in later for i, later in enumerate(rest, 1)) for p in first)
