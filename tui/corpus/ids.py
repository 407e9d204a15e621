"""Article ids double as file names, so they are made here and nowhere else: lower-case ASCII
letters, digits, '_' and '-', never empty, never a reserved device name, never a path.

An id is a pure function of the raw file's name, so re-ingesting a file finds its article again.
Names that lose everything (non-Latin scripts) or are too long get a short hash of the full name,
so two different such names do not land on the same article."""

from __future__ import annotations

import hashlib
import re

MAX_ID_LENGTH = 80
_HASH_LENGTH = 8
_UNSAFE = re.compile(r"[^a-z0-9_-]+")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}
VALID_ID = re.compile(rf"^[a-z0-9][a-z0-9_-]{{0,{MAX_ID_LENGTH - 1}}}$")


def _short_hash(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LENGTH]


def safe_id(name: str) -> str:
    """A filesystem-safe id derived from a file stem (never from article text)."""
    slug = _UNSAFE.sub("-", name.lower()).strip("-_")
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
