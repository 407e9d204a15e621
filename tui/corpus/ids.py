"""Article ids double as file names, so they are made here and nowhere else: lower-case ASCII
letters, digits, '_' and '-', never empty, never a reserved device name, never a path.

An id starts as a pure function of the raw file's name, so re-ingesting a file finds its article
again. Accents are dropped ("Ünïcödé" -> "unicode") and Cyrillic and Greek are transliterated
("Доклад" -> "doklad"); names that still lose everything (other scripts) or are too long get a
short hash of the full name. A name whose id belongs to another source's article gets a suffix
(`ingest.assign_ids`), so no source ever overwrites another's article."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_ID_LENGTH = 80
_HASH_LENGTH = 8
_UNSAFE = re.compile(r"[^a-z0-9_-]+")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}
VALID_ID = re.compile(rf"^[a-z0-9][a-z0-9_-]{{0,{MAX_ID_LENGTH - 1}}}$")


def _short_hash(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LENGTH]


_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўј",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "iu",
            "ia",
            "i",
            "i",
            "ie",
            "g",
            "u",
            "j",
        ],
        strict=True,
    )
)
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        [
            "a",
            "b",
            "g",
            "d",
            "e",
            "z",
            "i",
            "th",
            "i",
            "k",
            "l",
            "m",
            "n",
            "x",
            "o",
            "p",
            "r",
            "s",
            "s",
            "t",
            "y",
            "f",
            "ch",
            "ps",
            "o",
        ],
        strict=True,
    )
)
_TRANSLIT = str.maketrans({**_CYRILLIC, **_GREEK, "ъ": "", "ь": "", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l"})


def transliterate(name: str) -> str:
    """Latin letters for Latin with accents, Cyrillic and Greek; other characters are left as they are."""
    folded = unicodedata.normalize("NFKD", name.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return unicodedata.normalize("NFKD", folded.translate(_TRANSLIT))


def safe_id(name: str) -> str:
    """A filesystem-safe id derived from a file stem (never from article text)."""
    slug = _UNSAFE.sub("-", transliterate(name)).strip("-_")
    if not slug:
        return f"article-{_short_hash(name)}"
    if len(slug) > MAX_ID_LENGTH:
        keep = MAX_ID_LENGTH - _HASH_LENGTH - 1
        slug = f"{slug[:keep].rstrip('-_')}-{_short_hash(name)}"
    if slug.split("-")[0] in _RESERVED:
        slug = f"a-{slug}"[:MAX_ID_LENGTH].rstrip("-_")
    return slug


def disambiguate(article_id: str, salt: str) -> str:
    """A different valid id for a second file whose name normalises to the same id."""
    keep = MAX_ID_LENGTH - _HASH_LENGTH - 1
    return f"{article_id[:keep].rstrip('-_')}-{_short_hash(salt)}"


def is_valid_id(article_id: str) -> bool:
    return bool(VALID_ID.match(article_id)) and article_id.split("-")[0] not in _RESERVED
