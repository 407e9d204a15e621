"""How text becomes index terms. One tokeniser serves indexing, querying and hit offsets, so an
offset reported for a hit always comes from re-reading Article.text exactly as the index read it.

Terms: lower case, accents folded, English possessive dropped, Porter-stemmed; numbers lose their
thousands separators ("15,000", "15 000" with a no-break or thin space, and "15000" are one term)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from .whoosh_adapter import porter_stem

# Group separators allowed inside a number in article text: comma, no-break space, narrow no-break
# space, thin space. A plain space is not one (in "on June 4 100 troops" it separates two numbers);
# queries may use it (query.normalise joins "15 000").
_GROUP_SEPS = ",\u00a0\u202f\u2009"
TOKEN_RE = re.compile(
    r"[^\W\d]\w*(?:['’]\w+)*"  # words first: most tokens end the search here (don't, Russia’s)
    rf"|(?<![\w.])\d{{1,3}}(?:[{_GROUP_SEPS}]\d{{3}})+(?:\.\d+)?(?!\w)"  # 15,000 / 1,234.5
    r"|(?<![\w.])\d+(?:\.\d+)?(?!\w)"  # 15000 / 2.5
    r"|\w+(?:['’]\w+)*"  # 3rd, 2024-era mixes
)
_SEP_RE = re.compile(f"[{_GROUP_SEPS}]")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")

TITLE_BOOST = 3.0  # a title word weighs like three body words
TITLE_GAP = 100  # positions between title and text, so no phrase spans them
PREFIX_MIN = 2  # shorter prefixes would expand to most of the vocabulary


class Token(NamedTuple):  # a tuple: ten times cheaper to create than a frozen dataclass
    term: str  # the index term (stemmed, folded)
    word: str  # the folded, unstemmed word (prefix and fuzzy matching)
    start: int  # offsets into the analysed text
    end: int


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without accents: 'Zelenskyy' -> 'zelenskyy', 'Séoul' -> 'seoul'."""
    lowered = word.lower().replace("’", "'")
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_TERM_CACHE: dict[str, tuple[str, str]] = {}
_TERM_CACHE_MAX = 500_000
_KNOWN_STEMS: dict[str, str] = {}  # folded word -> stem, from the index's word list


def remember_stems(words: dict[str, str]) -> None:
    """Words the index has already stemmed (its word list): a fresh process re-reading articles for
    hit offsets looks them up instead of running the stemmer on each (half the cost of a cold hit)."""
    global _KNOWN_STEMS
    _KNOWN_STEMS = words


def term_of(surface: str) -> tuple[str, str]:
    """(term, folded word) for one token as it appears in the text (memoised: a plain dict is the
    fastest cache, and tokenising is the hot loop of both indexing and hit offsets)."""
    found = _TERM_CACHE.get(surface)
    if found is None:
        found = _term_of(surface)
        if len(_TERM_CACHE) < _TERM_CACHE_MAX:
            _TERM_CACHE[surface] = found
    return found


def _term_of(surface: str) -> tuple[str, str]:
    if surface[0].isdigit() and _NUMBER_RE.fullmatch(_SEP_RE.sub("", surface)):
        number = _SEP_RE.sub("", surface)
        return number, number
    word = fold(surface)
    if word.endswith("'s"):
        word = word[:-2] or word
    return _KNOWN_STEMS.get(word) or porter_stem(word), word


def tokenize(text: str) -> list[Token]:
    get, new = _TERM_CACHE.get, Token._make
    tokens = []
    for m in TOKEN_RE.finditer(text):
        surface = m.group()
        term, word = get(surface) or term_of(surface)
        tokens.append(new((term, word, m.start(), m.end())))
    return tokens


def term_pairs(text: str) -> list[tuple[str, str]]:
    """(term, folded word) of each token, as tokenize finds them, without their offsets (what
    indexing needs: a third of tokenize's time)."""
    get = _TERM_CACHE.get
    return [get(surface) or term_of(surface) for surface in TOKEN_RE.findall(text)]


def terms(text: str) -> list[str]:
    return [term_of(m.group())[0] for m in TOKEN_RE.finditer(text)]


def is_number(term: str) -> bool:
    return bool(_NUMBER_RE.fullmatch(term))
