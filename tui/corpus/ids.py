"""Article ids double as file names, so they are made here and nowhere else: lower-case ASCII
letters, digits, '_' and '-', never empty, never a reserved device name, never a path."""

from __future__ import annotations

import re

MAX_ID_LENGTH = 80
_UNSAFE = re.compile(r"[^a-z0-9_-]+")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}
VALID_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,%d}$" % (MAX_ID_LENGTH - 1))


def safe_id(name: str) -> str:
    """A filesystem-safe id derived from a file stem (never from article text)."""
    slug = _UNSAFE.sub("-", name.lower()).strip("-_")[:MAX_ID_LENGTH].strip("-_")
    if not slug:
        slug = "article"
    if slug.split("-")[0] in _RESERVED or slug in _RESERVED:
        slug = f"a-{slug}"[:MAX_ID_LENGTH]
    return slug


def is_valid_id(article_id: str) -> bool:
    return bool(VALID_ID.match(article_id)) and article_id not in _RESERVED
