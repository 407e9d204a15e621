"""Groups and claims one story at a time, on every core.

Figures are compared only within their story, so once stories are known each story's figure groups and
claims depend on its own reports only (and on the outlet labels of the whole corpus, which are handed in).
Stories go to worker processes in batches; each story is analysed alone, so the result is the same for
any number of workers or batch size. Group ids come out unique within their story; `settle_ids` then
makes them unique over the corpus, in corpus order: a group whose id an earlier story already uses gets
its story's tag ("count-2-people-3fa9c1"), so a story's ids never depend on the stories after it."""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .figures import Figure, FigureScan, SharedText, scan_figures
from .groups import FigureGroup, group_figures, outlet_labels
from .model import Article
from .store import Corpus, CorpusError, LoadProblem, problem_text
from .stories import Story, StoryIndex, build_stories
from .story_terms import LEAD_CHARS, article_terms
from .worker_pool import paused_gc, worker_pool

if TYPE_CHECKING:
    from .claims import Claim

ClaimMaker = Callable[[list[Article], list[FigureGroup]], "list[Claim]"]

PARALLEL_FROM = 2000  # articles: below this, starting worker processes costs more than it saves
BATCH_ARTICLES = 2000  # articles a worker analyses per task


@dataclass(slots=True)
class StoryPart:
    """What the analysis found in one story: its reports' figures, figure groups and claims."""

    story: str
    figures: dict[str, list[Figure]]
    groups: list[FigureGroup]
    claims: list[Claim]
    warnings: list[str]


@dataclass(slots=True)
class StoryWork:
    """One story to analyse: its reports in corpus order (outlets as labelled over the whole corpus) and
    the figures already known of them (the others are extracted)."""

    story: Story
    articles: list[Article]
    figures: dict[str, list[Figure]] | None
    scanned: dict[str, bytes] | None = None  # figures found already, packed (pack_scan)


def story_work(
    articles: Sequence[Article],
    stories: StoryIndex,
    figures: dict[str, list[Figure]] | None,
    labels: dict[str, str] | None = None,
    scanned: dict[str, bytes] | None = None,
) -> list[StoryWork]:
    """The stories of `articles`, in the order of their first report in the corpus. `labels`: outlet
    labels over the whole corpus, when `articles` is only part of it. `scanned`: articles' figures
    found already (stories_and_figures), packed."""
    labels = labels if labels is not None else outlet_labels(list(articles))
    members: dict[str, list[Article]] = {}
    for a in articles:
        # the label the whole corpus gives ("Reuters (s12)" when two outlets share one): unique, so the
        # story's own labelling keeps it as it is
        members.setdefault(stories.story_of(a.id) or a.id, []).append(
            a if a.outlet_label == labels[a.id] else replace(a, outlet=labels[a.id])
        )
    out = []
    for story_id, reports in members.items():
        known = None if figures is None else {a.id: figures[a.id] for a in reports if a.id in figures}
        found = stories.get(story_id) or Story(story_id, reports[0].title, [a.id for a in reports])
        packed = None if scanned is None else {a.id: scanned[a.id] for a in reports if a.id in scanned}
        out.append(StoryWork(found, reports, known, packed))
    return out


def analyse_story(work: StoryWork, make_claims: ClaimMaker) -> StoryPart:
    """Figures (when not given), groups and claims of one story, as if it were the whole corpus."""
    warnings: list[str] = []
    known = work.figures or {}
    scanned = work.scanned or {}
    figures: dict[str, list[Figure]] = {}
    for a in work.articles:
        if a.id in known:
            figures[a.id] = known[a.id]
        else:
            scan = unpack_scan(scanned[a.id], a.text) if a.id in scanned else scan_figures(a)
            figures[a.id] = scan.figures
            warnings.extend(scan.warnings)
    index = StoryIndex.view([work.story])
    groups = group_figures(work.articles, figures, index)
    claims = make_claims(work.articles, groups)
    return StoryPart(work.story.id, figures, groups, claims, warnings)


def terms_on_cores(articles: Sequence[Article], workers: int | None = None) -> list[Counter[str]] | None:
    """Each article's story terms (story_terms.article_terms), worked out on every core; None when the
    corpus is too small for worker processes to pay (build_stories then finds them itself)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or len(articles) < PARALLEL_FROM:
        return None
    # only what the terms are read from crosses to the workers: the title and the lead of the text
    leads = [(a.title, a.text[:LEAD_CHARS]) for a in articles]
    chunks = [leads[i : i + BATCH_ARTICLES] for i in range(0, len(leads), BATCH_ARTICLES)]
    with worker_pool(workers) as pool:
        return [terms for chunk in pool.map(_terms_of, chunks) for terms in chunk]


def stories_and_figures(
    articles: Sequence[Article],
    workers: int | None = None,
    terms: list[Counter[str]] | None = None,
    pool: Executor | None = None,
) -> tuple[StoryIndex, dict[str, bytes] | None]:
    """The corpus's stories, and each article's figures (packed: pack_scan) when worker processes pay.
    Placing articles in stories takes one core; the workers find figures meanwhile (figures depend on their
    article only). `terms`: each article's article_terms, when the caller has them (emptied once the stories
    are placed); `pool`: the workers to use (else started here when they pay)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if pool is None and (workers < 2 or len(articles) < PARALLEL_FROM):
        return build_stories(articles, terms), None
    with contextlib.ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(worker_pool(workers))
        if terms is None:
            leads = [(a.title, a.text[:LEAD_CHARS]) for a in articles]
            chunks = [leads[i : i + BATCH_ARTICLES] for i in range(0, len(leads), BATCH_ARTICLES)]
            terms = [t for chunk in pool.map(_terms_of, chunks) for t in chunk]
        size = max(1, min(BATCH_ARTICLES // 4, len(articles) // (workers * 4)))
        pending = [pool.submit(_scans_of, list(articles[i : i + size])) for i in range(0, len(articles), size)]
        stories = build_stories(articles, terms)
        terms.clear()  # a Counter per article (a gigabyte at 100,000): let go, whoever else holds the list
        scanned: dict[str, bytes] = {}
        for future in pending:
            scanned.update(future.result())
    return stories, scanned


READ_BATCH = 250  # article files a worker reads per task


@dataclass(slots=True)
class ReadFiles:
    """A corpus folder's article files as worker processes read them, in corpus order: every readable
    article with its story terms (article_terms) and content hash, and the files that could not be read."""

    articles: list[Article]
    problems: list[LoadProblem]
    terms: list[Counter[str]]
    hashes: dict[str, bytes]


def read_on_cores(corpus: Corpus, pool: Executor, digest: Callable[[Article], bytes]) -> ReadFiles:
    """Every article file of `corpus` parsed on the pool's workers (parsing YAML is most of a cold start's
    first minute at 100,000 articles when one core does it), with what the analysis reads of each article
    first worked out there too, so that the articles cross processes once."""
    entries, problems = corpus.scan()
    paths = [entry.path for entry in entries]
    tasks = [
        pool.submit(_read_files, str(corpus.root), paths[i : i + READ_BATCH], digest)
        for i in range(0, len(paths), READ_BATCH)
    ]
    read = ReadFiles([], problems, [], {})
    for task in tasks:
        for path, found, terms, digest_of in task.result():
            if isinstance(found, str):
                read.problems.append(LoadProblem(Path(path), found))
                continue
            read.articles.append(found)
            read.terms.append(terms)
            read.hashes[found.id] = digest_of
    return read


def _read_files(
    root: str, paths: list[str], digest: Callable[[Article], bytes]
) -> list[tuple[str, Article | str, Counter[str], bytes]]:
    """A worker's task: each file's article (or why it cannot be read), its terms and content hash."""
    corpus = Corpus(Path(root))
    out: list[tuple[str, Article | str, Counter[str], bytes]] = []
    with paused_gc():
        for path in paths:
            try:
                article = corpus.load_path(Path(path))
            except CorpusError as e:
                out.append((path, problem_text(e), Counter(), b""))
                continue
            out.append((path, article, article_terms(article.title, article.text[:LEAD_CHARS]), digest(article)))
    return out


def _scans_of(articles: list[Article]) -> dict[str, bytes]:
    with paused_gc():
        return {a.id: pack_scan(scan_figures(a)) for a in articles}


def pack_scan(scan: FigureScan) -> bytes:
    """An article's figures and warnings as bytes, without the article text they quote (unpack_scan
    gives it back): what crosses processes and waits for the article's story."""
    for f in scan.figures:
        f.sentence = ""  # the shared text: given back by unpack_scan
    # compressed: every figure repeats its field names, and 100,000 articles' figures wait in memory
    return zlib.compress(pickle.dumps((scan.figures, scan.warnings), protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack_scan(data: bytes, text: str) -> FigureScan:
    """What pack_scan packed, the figures quoting `text` (their article's) again, as found."""
    figures, warnings = RestrictedUnpickler(io.BytesIO(zlib.decompress(data)), _ALLOWED, "an article's figures").load()
    shared = SharedText(text)
    for f in figures:
        f.sentence = shared
    return FigureScan(figures, warnings)


def _terms_of(leads: list[tuple[str, str]]) -> list[Counter[str]]:
    with paused_gc():
        return [article_terms(title, text) for title, text in leads]


@dataclass(slots=True)
class PackedPart:
    """A story's part as bytes (as it crosses processes and is stored), with what the corpus needs of it."""

    story: str
    group_ids: list[str]
    n_claims: int
    warnings: list[str]
    data: bytes


def analyse_stories(
    work: list[StoryWork], make_claims: ClaimMaker, workers: int | None = None, pool: Executor | None = None
) -> Iterator[StoryPart | PackedPart]:
    """Each story's part, in the order of `work`: a StoryPart in this process, or a PackedPart from a
    worker (the caller may store it without unpickling it). `pool`: the workers to use (else started here
    when they pay)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    n_articles = sum(len(w.articles) for w in work)
    if pool is None and (workers < 2 or n_articles < PARALLEL_FROM):
        for w in work:
            yield analyse_story(w, make_claims)
        return
    batches = list(_batches(work, max(1, min(BATCH_ARTICLES, n_articles // (workers * 4)))))
    # spawn, not fork: the reader calls this from a worker thread, and forking a threaded process is unsafe
    with contextlib.ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(worker_pool(workers))
        # the biggest stories first (their groups take longest, and one story is one task), so that the
        # other workers take the small ones meanwhile and none waits at the end; given back in `work` order
        biggest_first = sorted(range(len(batches)), key=lambda n: (-max(len(w.articles) for w in batches[n]), n))
        tasks = {n: pool.submit(analyse_packed, batches[n], make_claims) for n in biggest_first}
        for n in range(len(batches)):
            yield from tasks.pop(n).result()


def analyse_packed(batch: list[StoryWork], make_claims: ClaimMaker) -> list[PackedPart]:
    """A worker's task: each story's part, pickled (it crosses processes as bytes either way)."""
    with paused_gc():
        return [pack(analyse_story(w, make_claims)) for w in batch]


def pack(part: StoryPart) -> PackedPart:
    data = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
    return PackedPart(part.story, [g.id for g in part.groups], len(part.claims), part.warnings, data)


def unpack(data: bytes) -> StoryPart:
    """A packed part. Only the analysis's own types are rebuilt: bytes read back from a cache file are
    data, never a way to call anything else (a damaged or planted file raises pickle.UnpicklingError)."""
    part = RestrictedUnpickler(io.BytesIO(data), _ALLOWED, "an analysis").load()
    if not isinstance(part, StoryPart):
        raise pickle.UnpicklingError("not a story part")
    return part


PLAIN_TYPES = {
    ("builtins", name)
    for name in ("set", "frozenset", "list", "dict", "tuple", "str", "int", "float", "bool", "object")
} | {("copyreg", "_reconstructor")}
_ALLOWED = PLAIN_TYPES | {
    ("tui.corpus.story_analysis", "StoryPart"),
    ("tui.corpus.figures", "Figure"),
    ("tui.corpus.figures", "SharedText"),
    ("tui.corpus.groups", "FigureGroup"),
    ("tui.corpus.groups", "Variant"),
    ("tui.corpus.groups", "Differing"),
    ("tui.corpus.claims", "Claim"),
    ("tui.corpus.claims", "ClaimValue"),
    ("tui.corpus.claims", "ClaimFigure"),
}


class RestrictedUnpickler(pickle.Unpickler):
    """Rebuilds only the (module, name) classes allowed: a cache file is data, never a way to call code."""

    def __init__(self, file: IO[bytes], allowed: set[tuple[str, str]], what: str) -> None:
        super().__init__(file)
        self._allowed = allowed
        self._what = what

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self._allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of {self._what}")
        return super().find_class(module, name)


def _batches(work: list[StoryWork], size: int) -> Iterator[list[StoryWork]]:
    batch: list[StoryWork] = []
    n = 0
    for w in work:
        batch.append(w)
        n += len(w.articles)
        if n >= size:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


# -- ids unique over the corpus -------------------------------------------------------------------


def settle_ids(story: str, local_ids: list[str], taken: set[str]) -> dict[str, str]:
    """Local group id -> corpus-wide id for the ids `taken` by other stories; adds this story's to `taken`."""
    renamed: dict[str, str] = {}
    tag = story[-6:]
    for gid in local_ids:
        if gid in taken:
            new, n = f"{gid}-{tag}", 1
            while new in taken or new in local_ids:
                n += 1
                new = f"{gid}-{tag}-{n}"
            renamed[gid] = new
        taken.add(renamed.get(gid, gid))
    return renamed


def rename_groups(part: StoryPart, renamed: dict[str, str]) -> None:
    """Apply `settle_ids` to a story's groups and claims (every place a group id is written)."""
    if not renamed:
        return

    def gid(x: str) -> str:
        return renamed.get(x, x)

    def cid(x: str) -> str:
        story, _, group = x.rpartition("/")
        return f"{story}/{gid(group)}" if story else gid(x)

    for g in part.groups:
        g.id = gid(g.id)
        g.related = [gid(r) for r in g.related]
        g.sum_of = [[gid(p) for p in pair] for pair in g.sum_of]
        for d in g.differing:
            d.group = "+".join(gid(p) for p in d.group.split("+"))
        g.claim = cid(g.claim) if g.claim else None
        for f in g.members:
            f.group = gid(f.group) if f.group else None
    for c in part.claims:
        c.id = cid(c.id)
        c.parts = [cid(p) for p in c.parts]
        for v in c.values:
            v.group = gid(v.group)
