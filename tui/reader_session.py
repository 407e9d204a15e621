"""The corpus as the reader's main screen sees it: the article list (catalog summaries), the few articles
opened lately and their figures, the compact result of the corpus analysis, and the search index. Plain
Python the screen calls (from its workers for what blocks); no Textual here.

What is in memory, and why (docs/reader.md): the list's summaries (one small record per article: the list,
story headers, the claims view's dates and the comparison's outlets need them); the last ARTICLES_KEPT
articles opened and their figures (the reader, the figures panel, `c`); the analysis summary (stories,
claim counts, and for figures other reports share, their group's facts); the claims of the stories whose
claims view or comparison was opened (read from the analysis cache then, on a worker). Every article's
text, figures and groups live only in the child processes that need them (tui.child_process): the analysis,
whose process exits once it has sent its summary, and the search index, whose process answers queries."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .child_process import NICENESS, Child, call_in_child
from .errors import UserError

if TYPE_CHECKING:
    from .corpus.analysis_summary import AnalysisSummary
    from .corpus.catalog import CachedListing
    from .corpus.claims import Claim
    from .corpus.figures import Figure
    from .corpus.model import Article
    from .corpus.store import LoadProblem
    from .corpus.stories import Story
    from .search_client import SearchClient

ARTICLES_KEPT = 64  # articles (and their figures) kept after they were opened or compared


def article_figures(article: Article) -> list[Figure]:
    """The figures of one article, without the rest of the corpus (a seam the UI tests replace)."""
    from .corpus.figures import extract_figures  # the extractor's word lists: after the first frame

    return extract_figures(article)


class ReaderSession:
    def __init__(self, corpus_dir: Path, index_dir: Path | None, preloaded: list[Article] | None = None) -> None:
        self.corpus_dir = Path(corpus_dir)
        self.index_dir = index_dir
        self.preloaded = preloaded  # articles given by the caller instead of the corpus folder's
        self.listed: list[Any] = []  # ArticleSummary (or the preloaded Articles), sorted by id
        self.by_id: dict[str, Any] = {}
        self.analysis: AnalysisSummary | None = None
        self.search: SearchClient | None = None
        self._articles: OrderedDict[str, Article] = OrderedDict()
        self._figures: OrderedDict[str, list[Figure]] = OrderedDict()
        self._children: list[Child] = []
        self._claims: dict[str, list[Claim]] = {}  # story id -> its claims, read when first asked for
        self._search_lock = threading.Lock()  # start_search (a worker) and update_index (the screen)
        self._update_wanted = False

    # -- the list ------------------------------------------------------------------------------
    def cached_listing(self) -> CachedListing | None:
        """The list as the catalog cache last saw it, without looking at the files (None: no cache, or the
        articles were given): what a warm start shows at once, before load_listing(since=it) checks them."""
        if self.preloaded is not None or not self.corpus_dir.is_dir():
            return None
        from .corpus.catalog import cached_listing
        from .corpus.store import Corpus

        return cached_listing(Corpus(self.corpus_dir))

    def load_listing(
        self, progress: Callable[[int, int], None] | None = None, since: CachedListing | None = None
    ) -> tuple[list[Any], list[LoadProblem]] | None:
        """Every article's summary (from the catalog cache; a cold corpus has its headers read on every core,
        `progress(done, total)` as it goes). With `since` (cached_listing's): None when the files are as the
        cache saw them. Blocking: call it from a worker."""
        if self.preloaded is not None:
            return list(self.preloaded), []
        from .child_process import _start_resource_tracker
        from .corpus.catalog import check_listing, load_catalog  # yaml & co: in the worker, after the first frame
        from .corpus.store import Corpus

        if not self.corpus_dir.is_dir():
            raise UserError(f"{self.corpus_dir}: no such corpus folder")
        _start_resource_tracker()  # the catalog spawns its parsers
        if since is not None:
            return check_listing(Corpus(self.corpus_dir), since, progress)
        return load_catalog(Corpus(self.corpus_dir), progress)

    def use_listing(self, listed: list[Any]) -> None:
        self.listed = listed
        self.by_id = {a.id: a for a in listed}
        self._articles.clear()  # a reload (after an ingest, say): articles are read again when shown
        self._figures.clear()

    def any_dated(self) -> bool:
        return any(a.published for a in self.listed)

    # -- articles and figures ---------------------------------------------------------------------
    def article(self, article_id: str) -> Article:
        """The article, from memory or its file; UserError when it cannot be read."""
        if self.preloaded is not None:
            found = self.by_id.get(article_id)
            if found is None:
                raise UserError(f"no article {article_id}")
            return found  # the listed objects are the preloaded Articles
        article = self._articles.get(article_id)
        if article is None:
            from .corpus.store import Corpus  # yaml & co: not before the first frame

            article = Corpus(self.corpus_dir).load(article_id)
            self._articles[article_id] = article
            while len(self._articles) > ARTICLES_KEPT:
                dropped, _ = self._articles.popitem(last=False)
                self._figures.pop(dropped, None)
        self._articles.move_to_end(article_id)
        return article

    def kept_article(self, article_id: str) -> Article | None:
        """The article if it is in memory (never reads a file: for the main thread)."""
        if self.preloaded is not None:
            return self.article(article_id) if article_id in self.by_id else None
        return self._articles.get(article_id)

    def figures(self, article_id: str) -> list[Figure] | None:
        """The article's figures if extracted already (None: not yet), with their groups when known."""
        return self._figures.get(article_id)

    def extract_figures(self, article: Article) -> list[Figure]:
        """Extract (blocking: call it from a worker) and keep the article's figures."""
        figures = self._figures.get(article.id)
        if figures is None:
            figures = article_figures(article)
            self._annotate(article.id, figures)
            self._figures[article.id] = figures
        return figures

    def figures_of_articles(self, article_ids: list[str]) -> dict[str, list[Figure]]:
        """Figures of several articles (a claim's reports, for the comparison): blocking."""
        found = {}
        for article_id in article_ids:
            try:
                found[article_id] = self.extract_figures(self.article(article_id))
            except UserError:
                continue  # deleted since the analysis: its rows are left out
        return found

    def _annotate(self, article_id: str, figures: list[Figure]) -> None:
        analysis = self.analysis
        if analysis is None:
            return
        for f in figures:
            f.group = analysis.group_of(article_id, f.start)

    # -- the corpus analysis ----------------------------------------------------------------------
    def analyse(self) -> AnalysisSummary:
        """Stories, groups and claims of the whole corpus, worked out in a child process (blocking)."""
        from .corpus import analysis_summary

        if self.preloaded is not None:
            return call_in_child(
                analysis_summary.summarise_articles, self.preloaded, keep=self._children.append, big_result=True
            )
        # workers=None: the child analyses on every core, with a pool of its own that ends with it. It starts
        # at the reader's priority (a summary stored with a fresh analysis is read back in a second: the user
        # waits for it) and lowers its own, and its pool's, before analysing anything.
        counts_wanted = any(getattr(s, "n_figures", None) is None for s in self.listed)  # a cold listing's
        return call_in_child(
            analysis_summary.summarise_corpus,
            self.corpus_dir,
            None,
            NICENESS,
            counts_wanted,
            keep=self._children.append,
            workers=True,
            niceness=0,
            big_result=True,
        )

    def use_analysis(self, analysis: AnalysisSummary) -> None:
        self.analysis = analysis
        self._claims = {}  # of the analysis replaced
        for article_id, figures in self._figures.items():
            self._annotate(article_id, figures)

    def story_claims(self, story_id: str) -> list[Claim]:
        """The story's claims: read from the analysis cache (or the summary's packed bytes) the first time, found
        again in a child when the cache files were replaced since. Blocking: call it from a worker."""
        analysis = self.analysis
        if analysis is None or not analysis.claim_counts.get(story_id):
            return []
        claims = self._claims.get(story_id)
        if claims is None:
            claims = analysis.claim_source.load(story_id)
            if claims is None:
                from .corpus.analysis_summary import story_claims_again

                found = call_in_child(
                    story_claims_again, self.corpus_dir, self.preloaded, story_id, keep=self._children.append
                )
                claims = list(found)
            if self.analysis is analysis:  # not replaced meanwhile
                self._claims[story_id] = claims
        return claims

    def claim_of(self, figure: Figure) -> Claim | None:
        """The claim of the figure's group, if it has one (its story's claims read: blocking)."""
        analysis, group = self.analysis, figure.group
        facts = analysis.groups.get(group) if analysis is not None and group else None
        if analysis is None or facts is None or not facts.claim:
            return None
        named = facts.claim.rpartition("/")[0]  # a claim's id starts with its story's
        for story_id in dict.fromkeys([named, analysis.stories.story_of(figure.article_id) or ""]):
            claim = next((c for c in self.story_claims(story_id) if c.id == facts.claim), None)
            if claim is not None:
                return claim
        return None

    def story_of(self, article_id: str) -> Story | None:
        analysis = self.analysis
        story_id = analysis.stories.story_of(article_id) if analysis is not None else None
        return analysis.stories.get(story_id) if analysis is not None and story_id else None

    # -- search and export ---------------------------------------------------------------------
    def start_search(self, on_event: Callable[..., None], update: bool = True) -> SearchClient:
        """The index process: it says whether the existing index answers, then updates it (events).
        `update` False: it answers from the index as it is until update_index()."""
        from .search_client import SearchClient

        with self._search_lock:
            if self.search is not None:
                self.search.close()
            self._update_wanted = update = update or self._update_wanted  # asked for before it started: now
            self.search = SearchClient(self.corpus_dir, self.index_dir, self.preloaded, on_event, update)
            return self.search

    def update_index(self) -> None:
        """The search process brings its index up to date now (it was started with update False), or the
        one starting now does."""
        with self._search_lock:
            if self._update_wanted:
                return
            self._update_wanted = True
            if self.search is not None:
                self.search.update()

    def listen(self) -> None:
        """Pass the search process's events on (after start_search has returned its client)."""
        if self.search is not None:
            self.search.start()

    def figure_counts(self) -> Mapping[str, int | None]:
        """Each listed article's figure count as far as it is known (None: not yet): from the catalog, else
        from the corpus analysis, else from the article's own figures once it was opened."""
        return FigureCounts(self)

    def figure_count(self) -> int:
        """Figures in the corpus, of the articles whose count is known (all of them once the analysis is in)."""
        return sum(n for n in self.figure_counts().values() if n)

    def export_figures(self, target: Path, fmt: str) -> int:
        """Write every figure with its citation in `fmt` (md, csv, json) to `target`; how many. Blocking: the
        corpus is analysed again in a child (it holds every figure; the reader does not). OSError, ChildFailed."""
        from .atomic import write_text_atomic  # tempfile & co: only when exporting

        text, count = call_in_child(render_export, self.corpus_dir, fmt, self.preloaded, keep=self._children.append)
        write_text_atomic(target, text)
        return int(count)

    def close(self) -> None:
        if self.search is not None:
            self.search.close()
        for child in self._children:
            child.stop()
        self._children.clear()


def render_export(corpus_dir: Path, fmt: str, preloaded: list[Article] | None) -> tuple[str, int]:
    """In the child: load, analyse, render."""
    from .corpus.analysis_summary import corpus_analysis
    from .corpus.store import Corpus
    from .export import render

    if preloaded is not None:
        articles, analysis = preloaded, corpus_analysis(preloaded)
    else:  # the folder's analysis comes from the cache the reader's analysis child filled
        articles = Corpus(corpus_dir).load_all()[0]
        analysis = corpus_analysis(articles, corpus_dir)
    figures = [f for a in articles for f in analysis.figures.get(a.id, [])]
    text = render(fmt, figures, analysis.groups, {a.id: a for a in articles}, str(corpus_dir))
    return text, len(figures)


class FigureCounts(Mapping[str, int | None]):
    """Article id -> figure count or None (not known yet), read off the catalog summaries, the analysis and the
    figures kept (no second dict of 100,000 entries). A cold listing reads only headers: counts come later."""

    def __init__(self, session: ReaderSession) -> None:
        self._session = session

    def __getitem__(self, article_id: str) -> int | None:
        session = self._session
        listed = session.by_id[article_id]
        count = getattr(listed, "n_figures", None)  # the preloaded Articles have none
        if count is None and session.analysis is not None:
            count = session.analysis.figure_counts.get(article_id)
        if count is None and (kept := session.figures(article_id)) is not None:
            count = len(kept)
        return count

    def __iter__(self) -> Iterator[str]:
        return iter(self._session.by_id)

    def __len__(self) -> int:
        return len(self._session.by_id)
