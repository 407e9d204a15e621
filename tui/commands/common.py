"""What several commands share: opening the corpus named on the command line."""

from __future__ import annotations

import argparse

from ..corpus.catalog import load_catalog
from ..corpus.model import Article, ArticleSummary
from ..corpus.store import Corpus, LoadProblem
from ..errors import UserError
from ..paths import articles_dir
from ..textsafe import terminal_safe
from .output import warn


def open_corpus(args: argparse.Namespace, must_exist: bool = True) -> Corpus:
    root = articles_dir(getattr(args, "articles", None))
    if must_exist and not root.is_dir():
        shown = terminal_safe(str(root), keep_newlines=False)
        what = "not a folder" if root.exists() else "no such corpus folder"
        raise UserError(f"{shown}: {what} (give a corpus folder with --articles DIR)")
    return Corpus(root)


def report_problems(problems: list[LoadProblem]) -> None:
    for problem in problems:
        warn(f"skipped {problem}")


def load_articles(corpus: Corpus) -> list[Article]:
    """All articles; a malformed file is reported on stderr and skipped."""
    articles, problems = corpus.load_all()
    report_problems(problems)
    return articles


def load_summaries(corpus: Corpus) -> list[ArticleSummary]:
    """The article list from the catalog cache; a malformed file is reported on stderr and skipped."""
    summaries, problems = load_catalog(corpus)
    report_problems(problems)
    return summaries
