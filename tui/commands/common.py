"""What several commands share: opening the corpus named on the command line."""

from __future__ import annotations

import argparse
from collections.abc import Collection

from ..corpus.analysis_cache import Seen, analyse_cached, analyse_folder_cached, check_cache
from ..corpus.catalog import file_stats, fill_counts
from ..corpus.claims import Analysis
from ..corpus.model import Article, ArticleSummary
from ..corpus.store import Corpus, LoadProblem
from ..corpus.worker_pool import paused_gc
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


def load_seen(corpus: Corpus) -> tuple[list[Article], Seen]:
    """All articles, and what was seen of their files before they were read (kept with the analysis, which
    is then known fresh without reading them); a malformed file is reported on stderr and skipped."""
    files = file_stats(corpus)
    articles, problems = corpus.load_all()
    report_problems(problems)
    return articles, Seen(files, problems)


def analyse(
    corpus: Corpus, articles: list[Article], seen: Seen | None = None, changed: Collection[str] | None = None
) -> Analysis:
    """Stories, groups and claims of the corpus, through the analysis cache; the extractor's warnings on
    stderr."""
    with paused_gc():
        analysis = analyse_cached(corpus.root, articles, seen=seen, changed=changed)
    for warning in analysis.warnings:
        warn(warning)
    return analysis


def analyse_folder(corpus: Corpus) -> Analysis:
    """The corpus's analysis without parsing one article when no article file changed since it was stored
    (an article is read only when asked for); else only the changed files are read when they are few, every
    file (on every core) when they are many, and the analysis brought up to date. Malformed files and the
    extractor's warnings on stderr, as `load_articles` and `analyse` say them."""
    with paused_gc():  # the stats and the cache's index are 100,000s of small objects, none in a cycle
        files = file_stats(corpus)
        check = check_cache(corpus, files)
        if check.analysis is None:
            done = analyse_folder_cached(corpus, files, check)
            analysis, problems = done.analysis, done.problems
        else:
            analysis = check.analysis
            malformed = [LoadProblem(corpus.root / n, why) for n, why in check.problems.items() if n in files]
            misnamed = corpus.misnamed if corpus.misnamed is not None else corpus.scan()[1]  # file_stats scanned
            problems = misnamed + malformed
    report_problems(problems)
    for warning in analysis.warnings:
        warn(warning)
    return analysis


def load_summaries(corpus: Corpus) -> list[ArticleSummary]:
    """The article list from the catalog cache, every count known (the articles not counted yet are read
    whole); a malformed file is reported on stderr and skipped."""
    summaries, problems = fill_counts(corpus)
    report_problems(problems)
    return summaries
