"""Fingerprints of the code that derives cached data.

A cache keyed only by its input (a file's stat, an article's text) serves stale results after an
upgrade changes how the result is derived: the article list once showed figure counts from an old
extractor. Every cache of derived data is keyed by the fingerprint of the code that derives it too.
A fingerprint is a hash of the source files themselves, so it changes with any edit, released or not,
and nobody has to remember to bump a number."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_CORPUS_DIR = Path(__file__).resolve().parent

# What decides an article's figures: the extractor, its vocabulary and number reading.
FIGURE_SOURCES = ("figures.py", "figure_*", "numbers.py")


def fingerprint(folder: Path, patterns: tuple[str, ...]) -> str:
    """A short hash of the names and bytes of the files matching `patterns` in `folder`."""
    digest = hashlib.sha256()
    paths = sorted({p for pattern in patterns for p in folder.glob(pattern) if p.is_file()})
    for path in paths:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


@cache
def figures_version() -> str:
    """Changes whenever the figure extractor's code or word lists change."""
    return fingerprint(_CORPUS_DIR, FIGURE_SOURCES)


# What decides stories, figure groups and claims: the figures, and every step after them.
ANALYSIS_SOURCES = (
    *FIGURE_SOURCES,
    "model.py",
    "stories.py",
    "story_terms.py",
    "story_analysis.py",
    "story_state.py",
    "groups.py",
    "claim*.py",
    "reprints.py",
    "analysis_cache.py",
)


@cache
def analysis_version() -> str:
    """Changes whenever the code that finds stories, groups and claims (or the figures they use) changes."""
    return fingerprint(_CORPUS_DIR, ANALYSIS_SOURCES)
