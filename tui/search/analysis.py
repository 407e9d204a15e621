"""How text becomes index terms. One tokeniser serves indexing, querying and hit offsets, so an
offset reported for a hit always comes from re-reading Article.text exactly as the index read it.

Terms: lower case, accents folded, English possessive dropped, Porter-stemmed; numbers lose their
thousands separators ("15,000", "15 000" with a no-break or thin space, and "15000" are one term)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .whoosh_import import porter_stem

# Group separators allowed inside a number in article text: comma, no-break space, narrow no-break
# space, thin space. A plain space is not one (in "on June 4 100 troops" it separates two numbers);
# queries may use it, see query.join_spaced_numbers.
_GROUP_SEPS = ",\u00a0\u202f\u2009"
TOKEN_RE = re.compile(
    rf"(?<![\w.])\d{{1,3}}(?:[{_GROUP_SEPS}]\d{{3}})+(?:\.\d+)?(?![\w])"  # 15,000 / 1,234.5
    r"|(?<![\w.])\d+(?:\.\d+)?(?!\w)"  # 15000 / 2.5
    r"|\w+(?:['’]\w+)*"  # words, with inner apostrophes (don't, Russia’s)
)
_SEP_RE = re.compile(f"[{_GROUP_SEPS}]")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")

TITLE_BOOST = 3.0  # a title word weighs like three body words
TITLE_GAP = 100  # positions between title and text, so no phrase spans them
PREFIX_MIN = 2
PREFIX_MAX = 6  # edge n-grams up to this length; longer prefixes expand over the full words


@dataclass(frozen=True, slots=True)
class Token:
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


@lru_cache(maxsize=200_000)
def term_of(surface: str) -> tuple[str, str]:
    """(term, folded word) for one token as it appears in the text."""
    if surface[0].isdigit() and _NUMBER_RE.fullmatch(_SEP_RE.sub("", surface)):
        number = _SEP_RE.sub("", surface)
        return number, number
    word = fold(surface)
    if word.endswith("'s"):
        word = word[:-2] or word
    return porter_stem(word), word


def tokenize(text: str) -> list[Token]:
    tokens = []
    for m in TOKEN_RE.finditer(text):
        term, word = term_of(m.group())
        tokens.append(Token(term, word, m.start(), m.end()))
    return tokens


def terms(text: str) -> list[str]:
    return [term_of(m.group())[0] for m in TOKEN_RE.finditer(text)]


def is_number(term: str) -> bool:
    return bool(_NUMBER_RE.fullmatch(term))


def edge_grams(word: str) -> Iterator[str]:
    """'sappers' -> sa, sap, sapp, sappe, sapper, sappers (the whole word past PREFIX_MAX)."""
    top = min(len(word), PREFIX_MAX)
    for n in range(PREFIX_MIN, top + 1):
        yield word[:n]
    if len(word) > PREFIX_MAX:
        yield word
