"""Scoring only what can be shown: the top hits of words, ANDs, ORs, NOTs and figure ranges without
Whoosh's matcher-per-posting loop.

Whoosh scores one posting at a time through a chain of matcher and scorer method calls (~10 µs each in
CPython); a common word at 100,000 articles has tens of thousands of postings, so that loop is most of
a query's time. Here a posting block (128 postings) is decoded at once and scored in one comprehension
with the same BM25F expression and statistics Whoosh uses, so scores and order are Whoosh's exhaustive
ones (tests compare the two). An AND of ORs of terms goes further (block-max pruning): each block's
header holds its highest weight and shortest document, which bound its scores, so the blocks of the
rarest clause are read best bound first and reading stops once no unread block can enter the top hits.
Other terms are read only in the blocks covering the same documents. Anything else (phrases,
coordination, another codec) returns None and Whoosh answers as before."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from heapq import heappush, heapreplace, nlargest

from .lengths import LENGTH_OF_BYTE, length_bytes
from .whoosh_import import FilterMatcher, TermNotFound, W3LeafMatcher
from .whoosh_import import query, scoring, tiered_ranges

Scores = dict[int, float]  # segment docnum -> score
EXACT_BOUND_POSTINGS = 2048  # a term this rare is cheaper to decode than to bound block by block


def top_hits(searcher, q, limit: int) -> tuple[list[tuple[int, float]], int] | None:
    """((top-level docnum, score) best first, ties by docnum as Whoosh orders them; number of matches,
    Whoosh's estimate when blocks were skipped), or None when the query has a part scored elsewhere."""
    best: list[tuple[float, int]] = []
    total = 0
    for leaf, offset in searcher.leaf_searchers():
        segment = _Segment(searcher, leaf)
        found = segment.pruned(q, limit)
        if found is None:
            scores = segment.scores(q, None)
            if scores is None:
                return None
            found = _top(scores, limit), len(scores)
        total += found[1]
        best.extend((s, -(offset + d)) for d, s in found[0])
    return [(-negated, s) for s, negated in nlargest(limit, best)], total


def _top(scores: Scores, limit: int) -> list[tuple[int, float]]:
    return nlargest(limit, scores.items(), key=lambda item: (item[1], -item[0]))


def _clauses(q) -> tuple[list[list], list] | None:
    """A query as AND of clauses, each an OR of terms, plus terms excluded with NOT; None otherwise."""
    children = q.subqueries if isinstance(q, query.And) else [q]
    clauses, excluded = [], []
    for child in children:
        if isinstance(child, query.Not) and isinstance(child.query, query.Term):
            excluded.append(child.query)
        elif isinstance(child, query.Term):
            clauses.append([child])
        elif isinstance(child, query.Or) and not child.scale and child.boost == 1.0 and child.subqueries \
                and all(isinstance(t, query.Term) for t in child.subqueries):  # fmt: skip
            clauses.append(list(child.subqueries))
        else:
            return None
    return (clauses, excluded) if clauses else None


class _Segment:
    """One segment's postings, read block by block."""

    def __init__(self, top, leaf) -> None:
        self.top = top  # the top-level searcher holds the collection statistics (idf, average length)
        self.leaf = leaf
        self.reader = leaf.reader()

    def pruned(self, q, limit: int) -> tuple[list[tuple[int, float]], int] | None:
        """Top `limit` of an AND of ORs of terms, reading the rarest clause's blocks best bound first
        and stopping when no unread block can reach the current top `limit` (block-max pruning:
        Whoosh's header of each block holds its highest weight and shortest document)."""
        shape = _clauses(q)
        if shape is None:
            return None
        postings = [[self._postings(t) for t in clause] for clause in shape[0]]
        excluded = [self._postings(t) for t in shape[1]]
        if any(p is False for p in (*excluded, *(p for clause in postings for p in clause))):
            return None
        clauses = [[p for p in clause if p is not None] for clause in postings]
        if not all(clauses):
            return [], 0
        excluded = [p for p in excluded if p is not None]
        driver = min(clauses, key=lambda clause: sum(p.size for p in clause))
        others = [c for c in clauses if c is not driver]
        order = sorted(_driver_blocks(driver, clauses), key=lambda item: -item[0])
        deleted = getattr(self.reader, "deleted_docs_set", None) or ()
        seen: set[int] | None = set() if len(driver) > 1 else None  # an OR clause lists a document per term
        heap: list[tuple[float, int]] = []
        matched = read = 0
        for bound, postings_, i in order:
            if len(heap) == limit:  # the margins cover rounding in the sums
                worst, negated = heap[0]
                if bound * (1 + 1e-9) < worst:
                    break  # blocks come best bound first: no later one can enter either
                if bound <= worst * (1 + 1e-9) and postings_.span(i)[0] >= -negated:
                    continue  # at best a tie, and ties go to the lower number (as in Whoosh)
            read += 1
            scores = _block_scores(postings_, i, driver, others, excluded, seen)
            if deleted:
                scores = {d: s for d, s in scores.items() if d not in deleted}
            matched += len(scores)
            for d, score in scores.items():
                if len(heap) < limit:
                    heappush(heap, (score, -d))
                elif (score, -d) > heap[0]:
                    heapreplace(heap, (score, -d))
        total = matched if read == len(order) else max(matched, q.estimate_size(self.reader))
        bonus = float(len(shape[1]))  # Whoosh's AND scores each NOT part 1.0: the same order, the same scores
        return [(-negated, s + bonus) for s, negated in sorted(heap, reverse=True)], total

    def _postings(self, q):
        """The term's postings (None: no document holds it; False: not readable in blocks)."""
        matcher = self._matcher(q.fieldname, q.text)
        if matcher is None:
            return None
        if not isinstance(matcher, W3LeafMatcher):
            return False
        scoring_ = self._scoring(q)
        if scoring_ is None:
            return False
        return _Postings(matcher, *scoring_, self.reader.doc_frequency(q.fieldname, q.text))

    def scores(self, q, within: Scores | None) -> Scores | None:
        """Scores of the documents matching `q` (only among `within` when given)."""
        if isinstance(q, query.Term):
            return self._term(q, within)
        if isinstance(q, query.And):
            return self._and(q.subqueries, within)
        if isinstance(q, query.AndNot):
            return self._and([q.a, query.Not(q.b)], within, not_bonus=0.0)
        if isinstance(q, query.Or) and not q.scale:
            return self._or(q, within)
        if isinstance(q, query.NumericRange) and q.constantscore:
            return self._constant(q, within)
        if q is query.NullQuery:
            return {}
        return None

    def _and(self, children, within: Scores | None, not_bonus: float = 1.0) -> Scores | None:
        """Whoosh's AND adds 1.0 for each NOT part a document passes; its AND-NOT does not."""
        required = [c for c in children if not isinstance(c, query.Not)]
        excluded = [c.query for c in children if isinstance(c, query.Not)]
        if not required:
            return None  # a query of only NOTs: Whoosh decides what it means
        required.sort(key=lambda c: c.estimate_size(self.reader))
        found = within
        for child in required:
            scores = self.scores(child, found)
            if scores is None:
                return None
            found = scores if found is within else {d: s + scores[d] for d, s in found.items() if d in scores}
            if not found:
                return {}
        for child in excluded:
            dropped = self.scores(child, found)
            if dropped is None:
                return None
            found = {d: s + not_bonus for d, s in found.items() if d not in dropped}
        return found

    def _or(self, q, within: Scores | None) -> Scores | None:
        found: Scores = {}
        for child in q.subqueries:
            scores = self.scores(child, within)
            if scores is None:
                return None
            for d, s in scores.items():
                found[d] = found.get(d, 0.0) + s
        if q.boost != 1.0:
            found = {d: s * q.boost for d, s in found.items()}
        return found

    def _constant(self, q, within: Scores | None) -> Scores:
        """A figure range scores every match alike (Whoosh wraps it in a constant-score query)."""
        ids: set[int] = set()
        for fieldname, btext in range_terms(self.reader, q):
            ids.update(self._postings_ids(fieldname, btext))
        if within is not None:
            ids.intersection_update(within)
        return self._without_deleted(dict.fromkeys(ids, q.boost))

    def _term(self, q, within: Scores | None) -> Scores | None:
        postings = self._postings(q)
        if postings is None or postings is False:
            return {} if postings is None else None
        return self._without_deleted(postings.everything() if within is None else postings.among(within))

    def _scoring(self, q):
        """(scoring of a block's (ids, weights) exactly as Whoosh's scorer would, the bound of a block
        from its highest weight and shortest length as Whoosh computes it), or None."""
        scorer = self.top.weighting.scorer(self.leaf, q.fieldname, q.text)
        boost = q.boost
        if isinstance(scorer, scoring.BM25FScorer):
            lengths = length_bytes(getattr(self.reader, "_perdoc", None), q.fieldname, self.reader.doc_count_all())
            if lengths is None:
                return None
            idf, avgfl, B, K1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
            # the same expression as whoosh.scoring.bm25, per length byte, so scores are bit-identical
            norm = [K1 * ((1 - B) + B * fl / avgfl) for fl in LENGTH_OF_BYTE]
            K1p1 = K1 + 1

            def bm25(ids, weights):
                pairs = ((d, idf * ((w * K1p1) / (w + norm[lengths[d]]))) for d, w in zip(ids, weights))
                return pairs if boost == 1.0 else ((d, s * boost) for d, s in pairs)

            return bm25, lambda weight, length: scorer._score(weight, length) * boost
        if isinstance(scorer, scoring.WeightScorer):
            weighted = lambda ids, weights: ((d, w * boost) for d, w in zip(ids, weights))  # noqa: E731
            return weighted, lambda w, _: w * boost
        return None

    def _matcher(self, fieldname: str, text):
        try:
            matcher = self.reader.postings(fieldname, text)
        except TermNotFound:
            return None
        return matcher.child if isinstance(matcher, FilterMatcher) else matcher  # deletions: _without_deleted

    def _postings_ids(self, fieldname: str, btext: bytes):
        matcher = self._matcher(fieldname, btext)
        if matcher is None:
            return ()
        if isinstance(matcher, W3LeafMatcher):
            return (d for ids, _ in _blocks(matcher) for d in ids)
        return matcher.all_ids()

    def _without_deleted(self, found: Scores) -> Scores:
        deleted = getattr(self.reader, "deleted_docs_set", None)
        return {d: s for d, s in found.items() if d not in deleted} if deleted else found


def _driver_blocks(driver: list[_Postings], clauses: list[list[_Postings]]):
    """(bound, postings, block) for each block of the driving clause: the block's own bound plus, for
    every other term, the best bound among its blocks covering the same document numbers."""
    for p in (*driver, *(q for clause in clauses for q in clause)):
        p.read_all_headers()
    for p in driver:
        for i, own in enumerate(p.bounds):
            low, high = p.span(i)
            bound = own
            for clause in clauses:
                near = [b for q in clause if q is not p and (b := q.range_bound(low, high)) is not None]
                if clause is not driver and not near:
                    break  # no document of this block can hold every clause
                bound += sum(near)
            else:
                yield bound, p, i


def _block_scores(p: _Postings, i: int, driver, others, excluded, seen: set[int] | None) -> Scores:
    """Full scores of the documents in block `i` of driving term `p` that match the whole query: the
    other terms are read only in their blocks covering the same document numbers."""
    low, high = p.span(i)
    scores = p.block(i)
    if seen is not None:
        scores = {d: s for d, s in scores.items() if d not in seen}
        seen.update(scores)
    for q in driver:
        if q is not p:
            known = q.covering(low, high)
            scores = {d: s + known.get(d, 0.0) for d, s in scores.items()}
    for clause in others:
        knowns = [q.covering(low, high) for q in clause]
        if len(knowns) == 1:
            known = knowns[0]
            scores = {d: s + known[d] for d, s in scores.items() if d in known}
        else:
            sums = {d: [k[d] for k in knowns if d in k] for d in scores}
            scores = {d: s + sum(sums[d]) for d, s in scores.items() if sums[d]}
    for q in excluded:
        known = q.covering(low, high)
        scores = {d: s for d, s in scores.items() if d not in known}
    return scores


class _Postings:
    """One term's postings in one segment: block headers read as far as needed, blocks decoded
    (and scored) on demand, each at most once per query."""

    def __init__(self, matcher, score_block, bound, size: int) -> None:
        self.matcher = matcher
        self.score_block = score_block
        self.bound = bound
        self.size = size
        self.offsets: list[int] = []
        self.maxids: list[int] = []
        self.bounds: list[float] = []
        self.known: Scores = {}  # every decoded block's scores
        self._decoded: dict[int, Scores] = {}
        self._next: int | None = matcher._baseoffset  # the next header to read
        self._sorted: tuple[list[int], list[float]] | None = None

    def read_all_headers(self) -> None:
        self._walk_to(None)

    def _walk_to(self, docnum: int | None) -> None:
        """Read headers until one block reaches `docnum` (None: to the end)."""
        m = self.matcher
        while self._next is not None and (docnum is None or not self.maxids or self.maxids[-1] < docnum):
            position = self._next
            m._goto(position)
            self.offsets.append(position)
            self.maxids.append(m._maxid)
            self.bounds.append(self.bound(m._maxweight, m._minlength))
            self._next = None if m._lastblock else m._nextoffset

    def range_bound(self, low: int, high: int) -> float | None:
        """The best score this term can give a document numbered in (low, high]; None if none is there.
        A short list is decoded and answers exactly; a long one answers with its blocks' bounds."""
        if self.size <= EXACT_BOUND_POSTINGS:
            ids, scores = self._all_sorted()
            return max(scores[bisect_right(ids, low) : bisect_right(ids, high)], default=None)
        return max((self.bounds[j] for j in self._blocks_over(low, high)), default=None)

    def span(self, i: int) -> tuple[int, int]:
        """Block `i` holds documents numbered in (low, high]."""
        return self.maxids[i - 1] if i else -1, self.maxids[i]

    def _blocks_over(self, low: int, high: int) -> range:
        """The blocks (their headers read) that may hold documents numbered in (low, high]."""
        first = bisect_right(self.maxids, low)
        return range(first, min(bisect_left(self.maxids, high, first), len(self.maxids) - 1) + 1)

    def _all_sorted(self) -> tuple[list[int], list[float]]:
        if self._sorted is None:
            known = self.everything()
            ids = sorted(known)
            self._sorted = ids, [known[d] for d in ids]
        return self._sorted

    def block(self, i: int) -> Scores:
        found = self._decoded.get(i)
        if found is None:
            m = self.matcher
            m._goto(self.offsets[i])
            m._read_ids()
            m._read_weights()
            found = self._decoded[i] = dict(self.score_block(m._ids, m._weights))
            self.known.update(found)
        return found

    def everything(self) -> Scores:
        self.read_all_headers()
        for j in range(len(self.maxids)):
            self.block(j)
        return self.known

    def among(self, docnums) -> Scores:
        """Scores of the documents of `docnums` this term holds: only blocks that may hold one are read."""
        wanted = sorted(docnums)
        self.read_all_headers()
        for j in range(len(self.maxids)):
            low, high = self.span(j)
            if bisect_right(wanted, low) < bisect_right(wanted, high):
                self.block(j)
        return {d: s for d in wanted if (s := self.known.get(d)) is not None}

    def covering(self, low: int, high: int) -> Scores:
        """Scores of (at least) every document of this term numbered in (low, high]."""
        self._walk_to(high)
        for j in self._blocks_over(low, high):
            self.block(j)
        return self.known


def _blocks(matcher):
    """(ids, weights) of each posting block."""
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        yield matcher._ids, matcher._weights
        matcher._next_block()


def range_terms(reader, q):
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
