"""Test support. Stand-ins for the figure extractor and the search engine, so the UI tests pin down UI behaviour
whatever state those layers are in. They follow the public interfaces (tui.corpus.figures.Figure,
tui.corpus.groups.FigureGroup, tui.search.engine.Hit/Match/QueryError)."""

from __future__ import annotations

import asyncio
import functools
import re
from collections import defaultdict
from pathlib import Path

from tui.corpus.analysis_cache import FolderAnalysis
from tui.corpus.claims import Analysis, build_claims
from tui.corpus.figures import Figure
from tui.corpus.groups import FigureGroup
from tui.corpus.model import Article
from tui.corpus.store import Corpus
from tui.corpus.stories import build_stories
from tui.search.engine import Hit, IndexMissing, Match, QueryError, SearchResults, UpdateReport

SIZE = (140, 42)  # the terminal size the Pilot tests run at
NUMBER = re.compile(r"\b\d[\d,]*\b(?:\s+(?:military\s+)?([a-z]+))?")
WORD = re.compile(r"\w+")


def fake_figures(article: Article) -> list[Figure]:
    text = article.text
    figures = []
    for m in NUMBER.finditer(text):
        digits = m.group().split()[0]
        index = article.sentence_at(m.start())
        if index is None:
            continue
        span = article.sentences[index]
        figures.append(
            Figure(
                article_id=article.id,
                value=float(digits.replace(",", "")),
                kind="count",
                counts=m.group(1),
                unit=None,
                per=None,
                qualifier=None,
                vague=False,
                surface=digits,
                start=m.start(),
                end=m.start() + len(digits),
                sentence=text[span.start : span.end],
                sentence_start=span.start,
                sentence_end=span.end,
                sentence_index=index,
                attribution=None,
            )
        )
    return figures


def fake_analyse(articles: list[Article], corpus_dir: Path | None = None, workers: int | None = 1) -> Analysis:
    """Groups figures by (value, what they count); same thing counted differently is `related`; stories and
    claims by the real code, from those groups."""
    by_article, groups = fake_groups(articles)
    stories = build_stories(articles)
    for g in groups:
        g.story = stories.story_of(g.members[0].article_id)
    return Analysis(by_article, groups, stories, build_claims(articles, groups), {a.id: a for a in articles})


def folder_through_corpus_analysis(corpus: Corpus, files, check, workers) -> FolderAnalysis:
    """Stands in for analysis_summary.analyse_folder (the reader's folder analysis, through the cache): the
    folder read here and analysed by whatever stands in for analysis_summary.corpus_analysis at the time of
    the call (fake_analyse, or a test's own), nothing cached: a test's analysis is seen by the reader."""
    import tui.corpus.analysis_summary

    articles, problems = corpus.load_all()
    analysis = tui.corpus.analysis_summary.corpus_analysis(articles)
    counts = {a.id: (len(a.sentences), a.n_words) for a in articles}
    return FolderAnalysis(analysis, counts, problems, articles)


def fake_groups(articles: list[Article]) -> tuple[dict[str, list[Figure]], list[FigureGroup]]:
    by_article = {a.id: fake_figures(a) for a in articles}
    outlets = {a.id: a.outlet_label for a in articles}
    members: dict[tuple[float, str | None], list[Figure]] = defaultdict(list)
    for figures in by_article.values():
        for f in figures:
            members[(f.value, f.counts)].append(f)
    groups = []
    for n, ((value, counts), figs) in enumerate(sorted(members.items(), key=lambda kv: (str(kv[0][1]), kv[0][0]))):
        group = FigureGroup(
            id=f"g{n}",
            label=f"{value:,.0f} {counts or ''}".strip(),
            kind="count",
            value=value,
            counts=counts,
            members=figs,
            outlets=[outlets[a] for a in dict.fromkeys(f.article_id for f in figs)],
            article_ids=list(dict.fromkeys(f.article_id for f in figs)),
        )
        for f in figs:
            f.group = group.id
        groups.append(group)
    by_counts = defaultdict(list)
    for g in groups:
        if g.counts:
            by_counts[g.counts].append(g)
    for same in by_counts.values():
        for g in same:
            g.related = [o.id for o in same if o is not g]
            if g.related:
                g.discrepancy = "other reports give " + ", ".join(f"{o.value:,.0f}" for o in same if o is not g)
    return by_article, groups


class FakeSession:
    def __init__(self, index: FakeIndex) -> None:
        self.index, self.given = index, []

    def add(self, article: Article, parts: object = None, figures: object = None) -> None:
        self.given.append(article)

    def finish(self, everything) -> UpdateReport:
        return self.index.add_articles(self.given, everything)

    def cancel(self) -> None:
        pass


class FakeIndex:
    """Case-insensitive word search; a query with an unbalanced quote is malformed."""

    articles: list[Article] = []

    def __init__(self, corpus_dir: Path, index_dir: Path | None = None) -> None:
        self.corpus_dir = corpus_dir

    def update(self, articles, progress=None, figures=None) -> UpdateReport:
        type(self).articles = list(articles)
        step = max(1, len(articles) // 10)
        for done in [*range(0, len(articles), step), len(articles)]:
            if progress:
                progress(done, len(articles))
        return UpdateReport(added=len(articles))

    def update_from_folder(self, progress=None, checking=None) -> UpdateReport:
        """What the reader's search process calls: the corpus folder's articles."""
        from tui.corpus.store import Corpus

        return self.update(Corpus(self.corpus_dir).load_all()[0], progress)

    def add_articles(self, articles, everything, figures=None) -> UpdateReport:
        """What `ingest` calls once its batch is written: the batch joins the articles searched."""
        type(self).articles = list(({a.id: a for a in self.articles} | {a.id: a for a in articles}).values())
        return UpdateReport(added=len(articles))

    def adding(self) -> FakeSession:
        """What `ingest` uses: articles given one at a time as they are stored, searched once finished."""
        return FakeSession(self)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        if query.count('"') % 2:
            raise QueryError('unbalanced quote in the query: close it with "')
        words = [w.lower() for w in WORD.findall(query)]
        hits = []
        for a in self.articles:
            text = a.text
            matches = [
                Match(m.start(), m.end(), a.sentence_at(m.start()))
                for m in WORD.finditer(text)
                if m.group().lower() in words
            ]
            if matches:
                first = matches[0].start
                hits.append(
                    Hit(a.id, a.title, a.outlet, float(len(matches)), text[max(0, first - 30) : first + 50], matches)
                )
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]

    def search_results(self, query: str, limit: int = 20, prefix_last: bool = False, stop=None) -> SearchResults:
        hits = self.search(query, limit)
        return SearchResults(hits, len(hits), query)

    def document_count(self) -> int:
        raise IndexMissing("no fake index before update()")  # each test starts without an index

    def close(self) -> None:
        pass


async def settle(app, pilot) -> None:
    """Let workers finish and their messages land."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def async_test(fn):
    """Run an async test function with asyncio (no pytest-asyncio in the test extras)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return run
