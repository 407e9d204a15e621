"""What several commands share: opening the corpus named on the command line."""

from __future__ import annotations

import argparse
import sys

from ..corpus.model import Article
from ..corpus.store import Corpus
from ..errors import UserError
from ..paths import articles_dir


def open_corpus(args: argparse.Namespace, must_exist: bool = True) -> Corpus:
    root = articles_dir(getattr(args, "articles", None))
    if must_exist and not root.is_dir():
        raise UserError(f"{root}: no such corpus folder")
    return Corpus(root)


def load_articles(corpus: Corpus) -> list[Article]:
    """All articles; a malformed file is reported on stderr and skipped."""
    articles, problems = corpus.load_all()
    for problem in problems:
        print(f"kursk-reader: warning: skipped {problem}", file=sys.stderr)
    return articles
