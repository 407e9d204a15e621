"""Scoring only what is shown: top hits without walking every posting when the query allows it."""

from __future__ import annotations

from .whoosh_import import query, tiered_ranges

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
    """A figure range scores every match alike, so any `limit` matches will do. Whoosh's own
    matcher wraps the range in a constant-score query that lists the ids of every posting of every
    trie term first; instead read the trie terms coarsest first (one term covers many values) and
    stop as soon as `limit` live documents are found. The total stays Whoosh's estimate."""
    reader = searcher.reader()
    live = (  # generators all the way: postings stop being read once `limit` are found
        docnum
        for fieldname, btext in _range_terms(reader, q)
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


def _range_terms(reader, q):
    """(field, term bytes) of every indexed trie term inside the NumericRange `q`, widest tier first."""
    field = reader.schema[q.fieldname]
    start = None if q.start is None else field.prepare_number(q.start)
    end = None if q.end is None else field.prepare_number(q.end)
    tiers = tiered_ranges(field.numtype, field.bits, field.signed, start, end, field.shift_step, q.startexcl, q.endexcl)
    for low, high, shift in sorted(tiers, key=lambda tier: -tier[2]):
        low_bytes, high_bytes = field.sortable_to_bytes(low, shift), field.sortable_to_bytes(high, shift)
        if low_bytes == high_bytes:
            if (q.fieldname, low_bytes) in reader:
                yield q.fieldname, low_bytes
        else:
            yield from query.TermRange(q.fieldname, low_bytes, high_bytes).expanded_terms(reader)


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
