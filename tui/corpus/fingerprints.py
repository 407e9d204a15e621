"""Which articles already hold a report: by text (same or near-identical: a re-save, a second url),
by url (feed entries already ingested) and by source (whose article an id is).

Kept in a cache file beside the catalog, keyed like it by each article file's (mtime, size,
inode), so only new or changed articles are read. Near-identical means a Jaccard similarity of
word 4-shingles of at least 0.9 and the very same numbers; candidates are found by a bottom-k
sketch (the 24 smallest shingle hashes, which estimate the similarity), confirmed on the full texts."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import TypeVar

from ..atomic import write_bytes_atomic
from .model import Article
from .store import SUFFIX, Corpus, CorpusError

VERSION = 2
SHINGLE = 4
SKETCH = 24
CANDIDATE_ESTIMATE = 0.5  # sketches agreeing this much are compared in full
NEAR_JACCARD = 0.9
_T = TypeVar("_T", int, str)
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def text_key(text: str) -> str:
    return hashlib.sha256(" ".join(_words(text)).encode("utf-8")).hexdigest()[:32]


def shingles(text: str) -> set[str]:
    words = _words(text)
    if len(words) < SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def sketch(grams: set[str]) -> list[int]:
    """The SKETCH smallest 48-bit hashes of the shingles (a bottom-k sketch)."""
    hashes = {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=6).digest(), "big") for g in grams}
    return sorted(hashes)[:SKETCH]


def estimate(a: list[int], b: list[int]) -> float:
    """Jaccard similarity estimated from two bottom-k sketches."""
    if not a or not b:
        return 0.0
    k = min(SKETCH, len(set(a) | set(b)))
    union_bottom = sorted(set(a) | set(b))[:k]
    both = set(a) & set(b)
    return sum(1 for h in union_bottom if h in both) / k


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str) -> list[str]:
    """The figures a report states: two reports that differ in one are not the same report,
    however alike their words (the reader exists to compare exactly those)."""
    return sorted(_NUMBER.findall(text))


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


@dataclass(frozen=True)
class TextPrint:
    """What identifies a text: its key (same words) and sketch (near-identical words)."""

    key: str
    sketch: list[int]


def text_print(text: str) -> TextPrint:
    return TextPrint(text_key(text), sketch(shingles(text)))


@dataclass
class Entry:
    key: str
    sketch: list[int]
    urls: list[str]
    origins: list[str]


def entry_for(article: Article, known: TextPrint | None = None) -> Entry:
    """`known`: the text's print, already worked out (in a worker process)."""
    found = known or text_print(article.text)
    urls = sorted({u for u in [article.url, *(s.url for s in article.sources)] if u})
    return Entry(found.key, found.sketch, urls, [s.origin for s in article.sources])


class Fingerprints:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.path = corpus.catalog_path.with_name(corpus.catalog_path.stem + ".sources.json")
        self.entries: dict[str, Entry] = {}
        self.texts: dict[str, str] = {}
        # Lookups kept beside the entries: ingesting 10,000 reports compared each with every other
        # (50 million sketch comparisons); a shared sketch hash is needed for an estimate above 0,
        # so the postings find every candidate the full scan found.
        self._order: dict[str, int] = {}
        self._by_key: dict[str, set[str]] = {}
        self._by_hash: dict[int, set[str]] = {}
        self._by_origin: dict[str, set[str]] = {}
        self._by_url: dict[str, set[str]] = {}
        self._refresh()

    def _refresh(self) -> None:
        cached = self._read()
        fresh: dict[str, list[object]] = {}
        try:
            names = [n for n in os.listdir(self.corpus.root) if n.endswith(SUFFIX) and not n.startswith(".")]
        except OSError:
            names = []
        for name in names:
            article_id = name[: -len(SUFFIX)]
            try:
                st = os.stat(self.corpus.root / name)
            except OSError:
                continue
            stamp = [st.st_mtime_ns, st.st_size, st.st_ino]
            record = cached.get(name)
            if not (isinstance(record, list) and len(record) == 7 and record[:3] == stamp):
                try:
                    e = entry_for(self.corpus.load(article_id))
                except CorpusError:
                    continue
                record = [*stamp, e.key, e.sketch, e.urls, e.origins]
            fresh[name] = record
            self._put(article_id, Entry(str(record[3]), _ints(record[4]), _strs(record[5]), _strs(record[6])))
        if fresh != cached:
            doc = {"version": VERSION, "root": str(self.corpus.root.resolve()), "files": fresh}
            with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
                write_bytes_atomic(self.path, json.dumps(doc).encode("utf-8"))

    def _read(self) -> dict[str, object]:
        try:
            doc = json.loads(self.path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(doc, dict) or doc.get("version") != VERSION:
            return {}
        if doc.get("root") != str(self.corpus.root.resolve()) or not isinstance(doc.get("files"), dict):
            return {}
        return dict(doc["files"])

    def update(self, article: Article, known: TextPrint | None = None) -> None:
        self._put(article.id, entry_for(article, known))
        self.texts[article.id] = article.text  # it may not be written yet (group commit)

    def _put(self, article_id: str, entry: Entry) -> None:
        old = self.entries.get(article_id)
        if old is not None:
            _unpost(self._by_key, [old.key], article_id)
            _unpost(self._by_hash, old.sketch, article_id)
            _unpost(self._by_origin, old.origins, article_id)
            _unpost(self._by_url, old.urls, article_id)
        self._order.setdefault(article_id, len(self._order))
        self.entries[article_id] = entry
        _post(self._by_key, [entry.key], article_id)
        _post(self._by_hash, entry.sketch, article_id)
        _post(self._by_origin, entry.origins, article_id)
        _post(self._by_url, entry.urls, article_id)

    def _sharing_half(self, mine: list[int]) -> set[str]:
        """Articles whose sketch shares at least half of `mine`: an estimate of CANDIDATE_ESTIMATE
        (0.5) needs half of k = min(SKETCH, union) >= len(mine) hashes in both. Sharing one hash is
        not enough of a filter: reports recombining common sentences (wire copy) share the smallest
        hashes, and 10,000 of them made 2.6 million sketch comparisons."""
        shared: Counter[str] = Counter()
        for h in mine:
            shared.update(self._by_hash.get(h, ()))
        return {i for i, n in shared.items() if n >= CANDIDATE_ESTIMATE * len(mine)}

    def _first(self, ids: set[str]) -> str | None:
        """The earliest listed of these articles (the one a scan of the entries meets first)."""
        return min(ids, key=self._order.__getitem__, default=None)

    def _text_of(self, article_id: str) -> str:
        if (text := self.texts.get(article_id)) is not None:
            return text
        return self.corpus.load(article_id).text

    def owner_origins(self, article_id: str) -> list[str] | None:
        """The origins of the article with this id; None when there is no such article."""
        e = self.entries.get(article_id)
        return None if e is None else e.origins

    def with_url(self, url: str) -> str | None:
        return self._first(self._by_url.get(url, set()))

    def with_origin(self, origin: str) -> str | None:
        return self._first(self._by_origin.get(origin, set()))

    def duplicate_of(self, article: Article, known: TextPrint | None = None) -> str | None:
        """The id of another article holding the same or a near-identical text."""
        text = article.text
        found = known or text_print(text)
        key, mine = found.key, found.sketch
        grams: set[str] | None = None
        candidates = self._by_key.get(key, set()) | self._sharing_half(mine)
        candidates.discard(article.id)
        for other_id in sorted(candidates, key=self._order.__getitem__):
            e = self.entries[other_id]
            if e.key == key:
                return other_id
            if estimate(e.sketch, mine) >= CANDIDATE_ESTIMATE:
                with contextlib.suppress(CorpusError):
                    other = self._text_of(other_id)
                    grams = grams if grams is not None else shingles(text)
                    if jaccard(grams, shingles(other)) >= NEAR_JACCARD and numbers(other) == numbers(text):
                        return other_id
        return None


def _post(postings: dict[_T, set[str]], values: list[_T], article_id: str) -> None:
    for v in values:
        postings.setdefault(v, set()).add(article_id)


def _unpost(postings: dict[_T, set[str]], values: list[_T], article_id: str) -> None:
    for v in values:
        ids = postings.get(v)
        if ids is not None:
            ids.discard(article_id)
            if not ids:
                del postings[v]


def _ints(v: object) -> list[int]:
    return [x for x in v if isinstance(x, int)] if isinstance(v, list) else []


def _strs(v: object) -> list[str]:
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []
