"""Scoring whole posting lists as arrays: the top hits of words, ANDs, ORs, NOTs and figure ranges
without Whoosh's matcher-per-posting loop.

Whoosh scores one posting at a time through a chain of matcher and scorer method calls (~10 µs each
in CPython); a common word at 100,000 articles has tens of thousands of postings. Here each term's
blocks are unpacked into numpy arrays (codec.py keeps positions out of the way) and scored with the
BM25F expression and statistics Whoosh uses, in the same order of operations, so a word's scores are
Whoosh's own to the bit; ANDs, ORs and NOTs are array operations over the segment's documents, parts
summed rarest first as Whoosh's intersection does. Tests compare the ranking with Whoosh's exhaustive
one. Anything else (phrases, another scorer or codec) returns None and Whoosh answers as before."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from heapq import nlargest
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from .whoosh_adapter import (
    LENGTH_OF_BYTE,
    TermBlocks,
    block_values,
    length_bytes,
    positions_decoder,
    query,
    range_terms,
    reader_cache,
    scoring,
    term_blocks,
    unpack_block,
)

_NORM_LENGTHS = np.array(LENGTH_OF_BYTE, dtype=np.float64)
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Scorer = Callable[[Ints, Floats], Floats]
POSTINGS_KEPT = 64  # decoded posting lists kept per segment (typing a query repeats its words)


class Found(NamedTuple):
    """The documents of one segment matching a query part, and their scores (0.0 where not matched)."""

    matched: Bools  # one per document
    scores: Floats  # one per document


def top_hits(searcher: Any, q: Any, limit: int) -> tuple[list[tuple[int, float]], int] | None:
    """((top-level docnum, score) best first, ties to the lower docnum as in Whoosh; how many match),
    or None when the query has a part scored elsewhere."""
    best: list[tuple[float, int]] = []
    total = 0
    for leaf, offset in searcher.leaf_searchers():
        segment = _Segment(searcher, leaf)
        found = segment.found(q)
        if found is None:
            return None
        matched = found.matched & ~segment.deleted()
        docnums = np.flatnonzero(matched)
        total += len(docnums)
        best.extend((s, -(offset + d)) for d, s in _top(docnums, found.scores[docnums], limit))
    return [(-negated, s) for s, negated in nlargest(limit, best)], total


def _top(docnums: Ints, scores: Floats, limit: int) -> list[tuple[int, float]]:
    if limit <= 0:
        return []
    if len(scores) > limit:  # keep every document scoring at least the limit-th best (ties included)
        kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= kth
        docnums, scores = docnums[keep], scores[keep]
    order = np.lexsort((docnums, -scores))[:limit]
    return [(int(docnums[i]), float(scores[i])) for i in order]


class _Segment:
    """One segment's documents as arrays."""

    def __init__(self, top: Any, leaf: Any) -> None:
        self.top = top  # the top-level searcher holds the collection statistics (idf, average length)
        self.leaf = leaf
        self.reader = leaf.reader()
        self.size = self.reader.doc_count_all()

    def found(self, q: Any) -> Found | None:
        if isinstance(q, query.Term):
            return self._term(q)
        if isinstance(q, query.And):
            return self._and(q.subqueries, not_bonus=1.0)
        if isinstance(q, query.AndNot):
            return self._and([q.a, query.Not(q.b)], not_bonus=0.0)
        if isinstance(q, query.Or) and not q.scale:
            return self._or(q)
        if isinstance(q, query.NumericRange) and q.constantscore:
            return self._constant(q)
        if q is query.NullQuery:
            return self._nothing()
        return None

    def deleted(self) -> Bools:
        deleted = np.zeros(self.size, dtype=bool)
        if self.reader.has_deletions():
            deleted[list(self.reader.deleted_docs_set)] = True  # a cached property
        return deleted

    def _nothing(self) -> Found:
        return Found(np.zeros(self.size, dtype=bool), np.zeros(self.size))

    def _and(self, children: list[Any], not_bonus: float) -> Found | None:
        """Whoosh's AND adds 1.0 for each NOT part a document passes; its AND-NOT does not. Parts are
        summed rarest first, as Whoosh's intersection does."""
        required = [c for c in children if not isinstance(c, query.Not)]
        excluded = [c.query for c in children if isinstance(c, query.Not)]
        if not required:
            return None  # a query of only NOTs: Whoosh decides what it means
        required.sort(key=lambda c: c.estimate_size(self.reader))
        found = [self.found(c) for c in (*required, *excluded)]
        parts = [p for p in found if p is not None]
        if len(parts) < len(found):
            return None
        matched, scores = parts[0]
        for part in parts[1 : len(required)]:
            matched, scores = matched & part.matched, scores + part.scores
        for part in parts[len(required) :]:
            matched = matched & ~part.matched
            scores = scores + not_bonus
        return Found(matched, np.where(matched, scores, 0.0))

    def _or(self, q: Any) -> Found | None:
        matched, scores = self._nothing()
        for child in q.subqueries:
            part = self.found(child)
            if part is None:
                return None
            matched, scores = matched | part.matched, scores + part.scores
        return Found(matched, scores * q.boost if q.boost != 1.0 else scores)

    def _constant(self, q: Any) -> Found | None:
        """A figure range scores every match alike (Whoosh wraps it in a constant-score query)."""
        found = self._nothing()
        for fieldname, btext in range_terms(self.reader, q):
            ids = self._postings(fieldname, btext)
            if ids is None:
                return None
            found.matched[ids[0]] = True
        found.scores[found.matched] = q.boost
        return found

    def _term(self, q: Any) -> Found | None:
        postings = self._postings(q.fieldname, q.text)
        if postings is None or not len(postings[0]):
            return None if postings is None else self._nothing()
        score = self._scoring(q)
        if score is None:
            return None
        found = self._nothing()
        ids, weights = postings
        found.matched[ids] = True
        found.scores[ids] = score(ids, weights)
        return found

    def _scoring(self, q: Any) -> Scorer | None:
        """A function scoring arrays of (docnum, weight) exactly as Whoosh's scorer would, or None."""
        scorer = self.top.weighting.scorer(self.leaf, q.fieldname, q.text)
        boost = q.boost
        if isinstance(scorer, scoring.BM25FScorer):
            lengths = _field_lengths(self.reader, q.fieldname, self.size)
            if lengths is None:
                return None
            idf, avgfl, B, K1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
            # whoosh.scoring.bm25's expression, operation for operation, so scores are bit-identical
            norm = K1 * ((1 - B) + B * _NORM_LENGTHS / avgfl)
            K1p1 = K1 + 1

            def bm25(ids: Ints, weights: Floats) -> Floats:
                scores: Floats = idf * ((weights * K1p1) / (weights + norm[lengths[ids]]))
                return scores if boost == 1.0 else scores * boost

            return bm25
        if isinstance(scorer, scoring.WeightScorer):
            return lambda ids, weights: weights * boost
        return None

    def _postings(self, fieldname: str, text: Any) -> tuple[Ints, Floats] | None:
        """(docnums, weights) of every posting of the term (deleted ones too); None if unreadable."""
        found = term_postings(self.reader, fieldname, text)
        return None if found is None else (found.ids, found.weights)


class TermPostings(NamedTuple):
    """One term's postings in one segment as arrays, and its blocks (for their positions)."""

    ids: Ints  # docnums, ascending
    weights: Floats
    ends: Ints  # index in `ids` after each block's last posting
    blocks: TermBlocks


def _kept(reader: Any) -> dict[str, Any]:
    """What this module decoded from a segment reader, kept as long as the reader lives."""
    cache = reader_cache(reader)
    if "bulk" not in cache:
        cache["bulk"] = {"postings": OrderedDict(), "lengths": {}}
    kept: dict[str, Any] = cache["bulk"]
    return kept


def _field_lengths(reader: Any, fieldname: str, size: int) -> npt.NDArray[np.uint8] | None:
    """Every document's length byte for the field, read once per reader; None without a column."""
    kept = _kept(reader)["lengths"]
    if fieldname not in kept:
        column = length_bytes(reader, fieldname, size)
        kept[fieldname] = None if column is None else np.frombuffer(column, dtype=np.uint8)
    lengths: npt.NDArray[np.uint8] | None = kept[fieldname]
    return lengths


def term_postings(reader: Any, fieldname: str, text: Any) -> TermPostings | None:
    """The term's postings in a segment reader, decoded once per reader (the newest POSTINGS_KEPT);
    None if not in our postings format."""
    kept = _kept(reader)["postings"]
    key = (fieldname, text)
    found: TermPostings | None = kept.get(key)
    if found is not None:
        kept.move_to_end(key)
        return found
    blocks = term_blocks(reader, fieldname, text)
    if blocks is None:
        return None
    found = kept[key] = decode(blocks)
    if len(kept) > POSTINGS_KEPT:
        kept.popitem(last=False)
    return found


def decode(blocks: TermBlocks) -> TermPostings:
    """Every block's ids and weights as arrays: one unpickle per block, the rest in numpy. Each
    block's first id is absolute, later ones are gaps."""
    if not blocks.headers:
        return TermPostings(np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=np.int64), blocks)
    gaps, weights = [], []
    for h in blocks.headers:
        packed = unpack_block(blocks.data[h.data_offset - blocks.base : h.data_end - blocks.base])
        gaps.append(np.frombuffer(packed.ids, dtype=packed.ids_type))
        weights.append(
            np.ones(h.postings, np.float32)
            if packed.weights is None
            else np.frombuffer(packed.weights, dtype=packed.weights_type)
        )
    ends = np.cumsum([h.postings for h in blocks.headers])
    steps = np.concatenate(gaps).astype(np.int64)
    last_ids = np.array([h.last_id for h in blocks.headers[:-1]], dtype=np.int64)
    steps[ends[:-1]] -= last_ids  # absolute first ids -> gaps from the last block
    return TermPostings(np.cumsum(steps), np.concatenate(weights).astype(np.float64), ends, blocks)


def positions(reader: Any, fieldname: str, text: Any, docnums: list[int]) -> dict[int, list[int]] | None:
    """Word positions of the term in each of `docnums` (segment numbers) that holds it: only the
    blocks holding those documents are unpacked. None if not in our postings format."""
    found = term_postings(reader, fieldname, text)
    if found is None:
        return None
    wanted = np.asarray(docnums, dtype=np.int64)
    at = np.searchsorted(found.ids, wanted)
    held = at < len(found.ids)
    held[held] = found.ids[at[held]] == wanted[held]
    decode_positions = positions_decoder(reader, fieldname)
    unpacked: dict[int, tuple[bytes, ...]] = {}
    result = {}
    for docnum, i in zip(wanted[held].tolist(), at[held].tolist(), strict=False):
        block = int(np.searchsorted(found.ends, i, side="right"))
        if block not in unpacked:
            unpacked[block] = block_values(found.blocks, found.blocks.headers[block])
        first = int(found.ends[block - 1]) if block else 0
        result[docnum] = decode_positions(unpacked[block][i - first])
    return result
