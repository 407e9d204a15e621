"""The index's word list: every folded word seen, with its index term, sorted for prefix lookups.

`constr*` must find "construction" although the index only holds the stem "construct"; the word
list turns a prefix into the stems of the words that start with it, at no indexing cost in Whoosh
postings. Words are only ever added (a deleted article's words stay listed, which costs nothing:
a term no document holds matches nothing); a rebuild starts a fresh list."""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

from ..atomic import write_text_atomic
from .analysis import Token, remember_stems

FILE = "words.txt"


class Vocabulary:
    def __init__(self, words: dict[str, str] | None = None) -> None:
        self._terms: dict[str, str] = words or {}
        self._sorted: list[str] | None = None
        self.dirty = False

    def __len__(self) -> int:
        return len(self._terms)

    def add(self, tokens: list[Token]) -> None:
        terms = self._terms
        for tok in tokens:
            if tok.word not in terms:
                terms[tok.word] = tok.term
                self._sorted = None
                self.dirty = True

    def add_words(self, words: dict[str, str]) -> None:
        """Like add, from a word -> term mapping (worked out in an ingest worker)."""
        new = words.keys() - self._terms.keys()
        if new:
            self._terms.update((w, words[w]) for w in new)
            self._sorted = None
            self.dirty = True

    def expand(self, prefix: str) -> set[str]:
        """The index terms of every listed word starting with `prefix`."""
        words = self._sorted_words()
        found = set()
        for i in range(bisect_left(words, prefix), len(words)):
            if not words[i].startswith(prefix):
                break
            found.add(self._terms[words[i]])
        return found

    def _sorted_words(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self._terms)
        return self._sorted

    def save(self, folder: Path) -> None:
        lines = (f"{w}\t{self._terms[w]}\n" for w in self._sorted_words())
        write_text_atomic(folder / FILE, "".join(lines))
        self.dirty = False

    @classmethod
    def load(cls, folder: Path) -> Vocabulary:
        """Raises OSError or ValueError when the list is missing or damaged."""
        words = {}
        for line in (folder / FILE).read_text(encoding="utf-8").splitlines():
            word, term = line.split("\t")
            words[word] = term
        remember_stems(words)
        return cls(words)
