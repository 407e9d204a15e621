"""Where the corpus, the index and the reader's state live. No Textual, no Whoosh."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "kursk-reader"
ARTICLES_ENV = "KURSK_READER_ARTICLES"
INDEX_ENV = "KURSK_READER_INDEX"
STATE_ENV = "KURSK_READER_STATE"

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_articles_dir() -> Path:
    """The five seed reports: the checkout's articles/ in a source tree, the copy in the wheel otherwise."""
    checkout = _PACKAGE_DIR.parent / "articles"
    if (_PACKAGE_DIR.parent / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    return _PACKAGE_DIR / "_bundled" / "articles"


def articles_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """--articles, else $KURSK_READER_ARTICLES, else the bundled corpus."""
    chosen = option or os.environ.get(ARTICLES_ENV)
    return Path(chosen).expanduser() if chosen else bundled_articles_dir()


def is_installed_package_data(path: Path) -> bool:
    """Inside this package (the wheel's bundled copy) or any site-packages: never write there."""
    resolved = path.resolve()
    import sysconfig  # here: not needed for the reader's first frame (~1 ms)

    purelib = Path(sysconfig.get_paths()["purelib"]).resolve()
    return resolved.is_relative_to(_PACKAGE_DIR) or resolved.is_relative_to(purelib)


def _writable(folder: Path) -> bool:
    probe = folder if folder.exists() else folder.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


def index_dir(corpus_dir: Path) -> Path:
    """$KURSK_READER_INDEX, else index/ beside an `articles` folder when writable, else the user cache."""
    if env := os.environ.get(INDEX_ENV):
        return Path(env).expanduser()
    beside = corpus_dir.parent / "index"
    if corpus_dir.name == "articles" and not is_installed_package_data(corpus_dir) and _writable(beside):
        return beside
    return cache_index_dir(corpus_dir)


def _corpus_key(corpus_dir: Path) -> str:
    import hashlib  # here: not needed for the reader's first frame (~1 ms)

    return hashlib.sha256(str(corpus_dir.resolve()).encode()).hexdigest()[:16]


def cache_index_dir(corpus_dir: Path) -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME)) / "index" / _corpus_key(corpus_dir)


def catalog_file(corpus_dir: Path) -> Path:
    """The article-list cache of one corpus (see Corpus.summaries): always in the user cache, so a
    read-only or bundled corpus gets one too and rebuilding the search index never touches it."""
    return Path(platformdirs.user_cache_dir(APP_NAME)) / "catalog" / f"{_corpus_key(corpus_dir)}.json"


def state_file() -> Path:
    if env := os.environ.get(STATE_ENV):
        return Path(env).expanduser()
    return Path(platformdirs.user_state_dir(APP_NAME)) / "state.json"
