"""The index schema. Bump SCHEMA_VERSION whenever a field, the analyzer or the document builder
changes: an index built by another version is then rebuilt (with a message) instead of misread.

Large-engine tricks, done with stock Whoosh field types:
- `body` holds the title (each title word weighs TITLE_BOOST) and the text in one field, so a plain
  word costs one posting list, as in a bare index, while title matches still rank higher;
- `shingles` holds adjacent term pairs ("militari construct"), so a phrase is one or a few short
  posting lists instead of the intersection of long ones (Elasticsearch `index_phrases`);
- `prefix` holds edge n-grams of the unstemmed words, so `sap*` is one posting list instead of an
  expansion over the lexicon (Elasticsearch `index_prefixes`)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import Token as WhooshToken
from whoosh.analysis import Tokenizer
from whoosh.system import pack_uint

from ..corpus.figures import Figure
from ..corpus.model import Article
from .analysis import TITLE_BOOST, TITLE_GAP, Token, edge_grams, term_of, tokenize
from .whoosh_import import fields

SCHEMA_VERSION = 1


class TermAnalyzer(Tokenizer):
    """Whoosh analyzer for query text and small fields: the same terms as analysis.tokenize."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):  # fmt: skip
        t = WhooshToken(positions, chars, removestops=removestops, mode=mode, **kwargs)
        found = _tokens_of(value) if tokenize else [Token(*term_of(value), 0, len(value))] if value else []
        for i, tok in enumerate(found):
            t.text, t.boost, t.stopped = tok.term, 1.0, False
            if keeporiginal:
                t.original = value[tok.start : tok.end]
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar, t.endchar = start_char + tok.start, start_char + tok.end
            yield t


def _tokens_of(value: str) -> list[Token]:
    return tokenize(value)


@dataclass
class Prepared:
    """One article tokenised once for the three fields that read its words."""

    title: list[Token]
    text: list[Token]

    @classmethod
    def of(cls, article: Article) -> Prepared:
        return cls(tokenize(article.title), tokenize(article.text))


class BodyField(fields.TEXT):
    """Title and text; title words carry TITLE_BOOST and sit TITLE_GAP positions before the text."""

    def index(self, value, **kwargs):
        if not isinstance(value, Prepared):
            yield from super().index(value, **kwargs)
            return
        poses: dict[str, list[int]] = defaultdict(list)
        weights: Counter[str] = Counter()
        for i, tok in enumerate(value.title):
            poses[tok.term].append(i)
            weights[tok.term] += TITLE_BOOST
        base = len(value.title) + TITLE_GAP
        for i, tok in enumerate(value.text):
            poses[tok.term].append(base + i)
            weights[tok.term] += 1
        yield from _postings(self.format, poses, weights)


class ShingleField(fields.TEXT):
    """Adjacent term pairs with positions: a phrase of n words is a phrase of n-1 shingles."""

    def index(self, value, **kwargs):
        if not isinstance(value, Prepared):
            return
        poses: dict[str, list[int]] = defaultdict(list)
        for offset, toks in ((0, value.title), (len(value.title) + TITLE_GAP, value.text)):
            for i in range(len(toks) - 1):
                poses[f"{toks[i].term} {toks[i + 1].term}"].append(offset + i)
        yield from _postings(self.format, poses, Counter({k: len(v) for k, v in poses.items()}))


class PrefixField(fields.TEXT):
    """Edge n-grams of the folded, unstemmed words (title and text)."""

    def index(self, value, **kwargs):
        if not isinstance(value, Prepared):
            return
        words = Counter(t.word for t in value.title)
        words.update(t.word for t in value.text)
        grams: Counter[str] = Counter()
        for word, n in words.items():
            for gram in _grams(word):
                grams[gram] += n
        fb = self.format.field_boost
        for gram, n in grams.items():
            yield gram.encode("utf-8"), n, n * fb, pack_uint(n)  # what whoosh's Frequency format stores


@lru_cache(maxsize=200_000)
def _grams(word: str) -> tuple[str, ...]:
    return tuple(edge_grams(word))


def _postings(fmt, poses: dict[str, list[int]], weights: Counter) -> Iterator[tuple]:
    fb = fmt.field_boost
    for term, poslist in poses.items():
        yield term.encode("utf-8"), len(poslist), weights[term] * fb, fmt.encode(poslist)


def build_schema() -> fields.Schema:
    ana = TermAnalyzer()
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        hash=fields.STORED(),
        body=BodyField(analyzer=ana, phrase=True, multitoken_query="phrase"),
        shingles=ShingleField(analyzer=ana, phrase=True),
        prefix=PrefixField(analyzer=ana, phrase=False),
        title=fields.TEXT(analyzer=ana, stored=True, multitoken_query="phrase"),
        outlet=fields.TEXT(analyzer=ana, stored=True, multitoken_query="phrase"),
        author=fields.TEXT(analyzer=ana, multitoken_query="phrase"),
        published=fields.ID(),
        counts=fields.TEXT(analyzer=ana, multitoken_query="phrase"),
        kind=fields.KEYWORD(lowercase=True),
        value=fields.NUMERIC(numtype=float, bits=64, signed=True),
        figures=fields.STORED(),  # JSON [[start, end, value, counts], ...] for figure hit offsets
    )


def document(article: Article, content_hash: str, figures: list[Figure]) -> dict:
    prepared = Prepared.of(article)
    doc = {
        "id": article.id,
        "hash": content_hash,
        "body": prepared,
        "shingles": prepared,
        "prefix": prepared,
        "title": article.title,
        "outlet": article.outlet_label,
        "figures": json.dumps([[f.start, f.end, f.value, f.counts or ""] for f in figures]),
    }
    if article.author:
        doc["author"] = article.author
    if article.published:
        doc["published"] = article.published
    if figures:
        doc["value"] = sorted({float(f.value) for f in figures})  # Whoosh double-counts a repeated value
        doc["kind"] = " ".join(sorted({f.kind for f in figures}))
        counted = [f.counts for f in figures if f.counts]
        if counted:
            doc["counts"] = " . ".join(counted)
    return doc
