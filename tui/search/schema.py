"""The index schema. Bump SCHEMA_VERSION whenever a field, the analyzer or the document builder
changes: an index built by another version is then rebuilt (with a message) instead of misread.

`body` holds the title (each title word weighs TITLE_BOOST) and the text in one field, so a plain
word costs one posting list, as in a bare index, while title matches still rank higher. Prefixes
expand over the word list kept beside the index (vocabulary.py), not over extra postings: in
pure-Python Whoosh every posting costs indexing time (see docs/search.md for the measurements)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..corpus.figures import Figure
from ..corpus.model import Article
from .analysis import TITLE_BOOST, TITLE_GAP, Token, term_of, tokenize
from .whoosh_adapter import Tokenizer, WhooshToken, fields, positions_encoder

# 3: segments as separate files (a compound file is copied into memory on open)
# 4: posting blocks keep word positions apart from ids and weights (whoosh_adapter.py)
# 5: the codec class pickled in each segment moved to whoosh_adapter.py; manifest with checksums
SCHEMA_VERSION = 6
Posting = tuple[bytes, int, float, bytes]  # term, frequency, weight, encoded positions


class TermAnalyzer(Tokenizer):
    """Whoosh analyzer for query text and small fields: the same terms as analysis.tokenize."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
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
    """One article tokenised once: the body field and the word list both read it."""

    title: list[Token]
    text: list[Token]

    @classmethod
    def of(cls, article: Article) -> Prepared:
        return cls(tokenize(article.title), tokenize(article.text))


@dataclass
class BodyPostings:
    """The body field's postings of one article, worked out ahead (in an ingest worker process):
    the main process hands them to Whoosh as they are."""

    postings: list[Posting]


class BodyField(fields.TEXT):
    """Title and text; title words carry TITLE_BOOST and sit TITLE_GAP positions before the text."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        if isinstance(value, BodyPostings):
            return iter(value.postings)
        if isinstance(value, Prepared):
            return iter(postings_of(value, self.format))
        return super().index(value, **kwargs)  # type: ignore[no-any-return]


def postings_of(prepared: Prepared, fmt: Any = None) -> list[Posting]:
    """The body field's postings (term, frequency, weight, encoded positions) of one article."""
    return postings_of_terms([t.term for t in prepared.title], [t.term for t in prepared.text], fmt)


def postings_of_terms(title: list[str], text: list[str], fmt: Any = None) -> list[Posting]:
    """The body postings from the terms of the title and of the text, in order."""
    fmt = fmt if fmt is not None else _body_format()
    poses: dict[str, list[int]] = defaultdict(list)
    weights: defaultdict[str, float] = defaultdict(float)
    for i, term in enumerate(title):
        poses[term].append(i)
        weights[term] += TITLE_BOOST
    base = len(title) + TITLE_GAP
    for i, term in enumerate(text, base):
        poses[term].append(i)
        weights[term] += 1
    fb, encode = fmt.field_boost, positions_encoder(fmt)
    return [(term.encode("utf-8"), len(pl), weights[term] * fb, encode(pl)) for term, pl in poses.items()]


@cache
def _body_format() -> Any:
    return build_schema()["body"].format


def build_schema() -> Any:
    ana = TermAnalyzer()
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        hash=fields.STORED(),
        body=BodyField(analyzer=ana, phrase=True, multitoken_query="phrase"),
        title=fields.TEXT(analyzer=ana, stored=True, multitoken_query="phrase"),
        outlet=fields.TEXT(analyzer=ana, stored=True, multitoken_query="phrase"),
        author=fields.TEXT(analyzer=ana, multitoken_query="phrase"),
        published=fields.ID(),
        counts=fields.TEXT(analyzer=ana, multitoken_query="phrase"),
        kind=fields.KEYWORD(lowercase=True),
        value=fields.NUMERIC(numtype=float, bits=64, signed=True, shift_step=8),  # 8 terms per value, not 16
        figures=fields.STORED(),  # JSON [[start, end, value, counts], ...] for figure hit offsets
    )


def document(
    article: Article, content_hash: str, figures: list[Figure], body: Prepared | BodyPostings | None = None
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": article.id,
        "hash": content_hash,
        "body": body or Prepared.of(article),
        "title": article.title,
        "outlet": article.outlet_label,
        "figures": json.dumps([[f.start, f.end, f.value, f.counts or ""] for f in figures]),
    }
    if article.author:
        doc["author"] = article.author
    if article.published:  # the day only: `published:2025-06-17` finds "2025-06-17T14:32+03:00" too
        doc["published"] = article.published[:10]
    if figures:
        doc["value"] = sorted({float(f.value) for f in figures})  # Whoosh double-counts a repeated value
        doc["kind"] = " ".join(sorted({f.kind for f in figures}))
        counted = [f.counts for f in figures if f.counts]
        if counted:
            doc["counts"] = " . ".join(counted)
    return doc
