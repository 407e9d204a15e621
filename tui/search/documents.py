"""What the index needs of one article, worked out from its title and text alone: its figures, the
body field's postings and its words for the word list. `ingest` has its worker processes do this
(`index_parts` is the function it sends them) while the main process writes the corpus, so adding
an article to the index there costs little more than handing Whoosh these postings.

Tokenising and building postings is ~60% of the main process's indexing work; the postings of an
article (~360 terms) unpickle in a tenth of the time it takes to make them (docs/search.md)."""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass

from ..corpus.figures import Figure, extract_figures
from ..corpus.model import Article
from .analysis import term_pairs
from .schema import BodyPostings, Posting, postings_of_terms


@dataclass
class IndexParts:
    """An article's figures, body postings and words, with the key of the title and text they were
    made from: used only for an article whose key is the same (its title may be decided later)."""

    key: str
    figures: list[Figure]
    body: BodyPostings
    words: dict[str, str]  # folded word -> index term (the index's word list)


def text_key(article: Article) -> str:
    """What the body postings depend on: the title and the text."""
    h = hashlib.blake2b(digest_size=16)
    h.update(article.title.encode("utf-8", "surrogatepass"))
    h.update(b"\x00")
    h.update(article.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass
class PackedParts:
    """IndexParts pickled where they are made (a worker): the process that stores the article passes
    them on as one bytes object to the one that indexes it, and only that one unpacks them (an
    article's ~360 postings and ~300 words are thousands of objects to unpickle and pickle again)."""

    key: str
    packed: bytes


def index_parts(article: Article) -> PackedParts:
    """Everything the index needs of `article` but its id and metadata (which are read when it is added)."""
    figures = extract_figures(article)
    title, text = term_pairs(article.title), term_pairs(article.text)
    words = {word: term for term, word in title}
    words.update((word, term) for term, word in text)
    postings = postings_of_terms([term for term, _ in title], [term for term, _ in text])
    key = text_key(article)
    return PackedParts(
        key, pickle.dumps(IndexParts(key, figures, BodyPostings(postings), words), pickle.HIGHEST_PROTOCOL)
    )


def usable_parts(article: Article, parts: object) -> IndexParts | None:
    """`parts` (packed or not) when they were made from this article's very title and text, else None.
    Packed parts come from our own worker processes, never from a file, so unpickling them is safe."""
    if not isinstance(parts, (IndexParts, PackedParts)) or parts.key != text_key(article):
        return None
    if isinstance(parts, IndexParts):
        return parts
    found = pickle.loads(parts.packed)
    return found if isinstance(found, IndexParts) else None


__all__ = ["IndexParts", "PackedParts", "Posting", "index_parts", "text_key", "usable_parts"]
