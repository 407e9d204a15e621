"""Scoring only what is shown: top hits without walking every posting when the query allows it."""

from __future__ import annotations

PHRASE_WINDOW_MAX = 2000  # candidates checked for a phrase before handing over to Whoosh's phrase query


def phrase_candidates(searcher, parsed, limit: int):
    """Top hits of a query with required phrases: rank with the phrases relaxed to their words, keep
    the documents whose word positions hold every phrase, widening the window until `limit` are
    kept or the candidates run out. None: too many candidates fail, let Whoosh's phrase query decide."""
    window = max(3 * limit, 30)
    while window <= PHRASE_WINDOW_MAX:
        results = searcher.search(parsed.relaxed, limit=window)
        candidates = list(results)
        holding = _holding_phrases(searcher.reader(), [r.docnum for r in candidates], parsed.required_phrases)
        kept = [(r.fields(), r.score) for r in candidates if r.docnum in holding]
        exhausted = len(candidates) < window
        if len(kept) >= limit or exhausted:
            total = len(kept) if exhausted else max(len(kept), results.estimated_length() * len(kept) // window)
            return kept[:limit], total
        window *= 4
    return None


def first_matches(searcher, q, limit: int):
    """A figure range scores every match alike, so the top `limit` are simply the first ones:
    stop there instead of walking every posting of every value in the range."""
    matcher = q.matcher(searcher)
    shown = []
    while matcher.is_active() and len(shown) < limit:
        shown.append((searcher.stored_fields(matcher.id()), 1.0))
        matcher.next()
    total = len(shown) if not matcher.is_active() else max(len(shown), q.estimate_size(searcher.reader()))
    return shown, total


def _holding_phrases(reader, docnums: list[int], phrases: list[tuple[str, tuple[str, ...]]]) -> set[int]:
    """The documents among `docnums` where every phrase occurs (word positions in a row)."""
    holding = set(docnums)
    for fieldname, phrase in phrases:
        positions = {w: _positions(reader, fieldname, w, sorted(holding)) for w in set(phrase)}
        holding = {d for d in holding if _in_a_row([positions[w].get(d, ()) for w in phrase])}
    return holding


def _positions(reader, fieldname: str, term: str, docnums: list[int]) -> dict[int, frozenset[int]]:
    try:
        matcher = reader.postings(fieldname, term)
    except Exception:  # noqa: BLE001 - whoosh raises TermNotFound: no document holds the word
        return {}
    found = {}
    for d in docnums:
        if not matcher.is_active():
            break
        if matcher.id() < d:
            matcher.skip_to(d)
            if not matcher.is_active():
                break
        if matcher.id() == d:
            found[d] = frozenset(matcher.value_as("positions"))
    return found


def _in_a_row(positions: list[frozenset[int]]) -> bool:
    first, rest = positions[0], positions[1:]
    return any(all(p + i in later for i, later in enumerate(rest, 1)) for p in first)
