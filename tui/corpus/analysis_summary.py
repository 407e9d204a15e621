"""What the reader keeps of the corpus-wide analysis: stories, each story's claim count, each article's figure
count and, per figure that other reports share, its group's facts. Built in the process that ran the analysis
and sent back whole (picklable, no Article text, no Figure or Claim objects in it), so the reader never holds
every article's figures, and unpickling it never holds the reader's interpreter long: claims were ~70% of its
bytes. A story's claims are read when the reader asks for them (`ClaimSource.load`, from a worker thread):
from the analysis cache on disk, or packed as bytes in the summary when the cache does not hold them.

Two calls run the analysis: `analyse_folder` for a corpus folder (what the CLI's commands run: the cache, the
changed files only, every file parsed on the workers otherwise) and `corpus_analysis` for articles given in
memory (and the export)."""

from __future__ import annotations

import contextlib
import io
import os
import pickle
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .claims import Analysis, Claim, analyse_corpus
from .model import Article
from .stories import Story
from .story_analysis import PLAIN_TYPES, RestrictedUnpickler, StoryPart, pack, unpack

if TYPE_CHECKING:
    from .analysis_cache import CacheCheck, FolderAnalysis
    from .catalog import Stat
    from .store import Corpus

SHOWN_RELATIONS = frozenset({"disagree", "update", "different windows", "sum", "differ"})  # the panel names these


def corpus_analysis(articles: list[Article], corpus_dir: Path | None = None, workers: int | None = 1) -> Analysis:
    """Stories, groups and claims of these articles (the seam to switch implementations). With the corpus
    folder they come through the analysis cache the `stories` and `claims` commands share (an unchanged corpus
    is not analysed again), on `workers` processes (None: every core; only a process that may start a pool:
    the reader's analysis child is started so, tui.child_process.Child(workers=True))."""
    if corpus_dir is None:
        return analyse_corpus(articles)
    from .analysis_cache import analyse_cached

    return analyse_cached(corpus_dir, articles, workers=workers)


@dataclass(slots=True)
class GroupFacts:
    """One figure group as the figures panel shows it: how many reports state it, whether they disagree."""

    id: str
    article_ids: frozenset[str]
    discrepancy: str | None
    claim: str | None
    relation: str | None  # of its claim: agree, update, disagree, ...


class StoryTable:
    """Stories by id and each article's story: what StoryIndex answers, without its term postings."""

    def __init__(self, stories: Iterable[Story], story_of: dict[str, str]) -> None:
        self._stories = {s.id: s for s in stories}
        self._story_of = story_of

    def story_of(self, article_id: str) -> str | None:
        return self._story_of.get(article_id)

    def stories(self) -> list[Story]:
        """Biggest first, then by first publication and id (StoryIndex's order)."""
        return sorted(self._stories.values(), key=lambda s: (-len(s.article_ids), s.first_published or "", s.id))

    def get(self, story_id: str) -> Story | None:
        return self._stories.get(story_id)

    def __len__(self) -> int:
        return len(self._stories)


# Where a story's part lies in the analysis cache's parts file (analysis_cache._Stored): offset, length of the
# packed part, length of its renamed ids, crc32 of both, number of claims.
StoredEntry = tuple[int, int, int, int, int]


@dataclass(slots=True)
class ClaimSource:
    """Where each story's claims are read from when the reader asks for them: the analysis cache's parts file
    (`folder`, `token`, `stored`: only stories with claims), or `packed` (the story's claims as bytes, for an
    analysis the cache does not hold). Reading a story unpickles that story only."""

    folder: Path | None = None
    token: str = ""
    stored: dict[str, StoredEntry] = field(default_factory=dict)
    packed: dict[str, bytes] = field(default_factory=dict)

    def load(self, story_id: str) -> list[Claim] | None:
        """The story's claims ([] when it has none); None when they cannot be read (the cache file was
        replaced or damaged since): the caller finds them again. Blocking: call it from a worker."""
        data = self.packed.get(story_id)
        if data is not None:
            return unpack(data).claims
        if story_id not in self.stored:
            return []
        from .analysis_cache import StoredParts

        if self.folder is None:
            return None
        part = StoredParts(self.folder, self.token, self.stored).load(story_id)
        return part.claims if part is not None else None


def claim_source(analysis: Analysis, claims_by_story: dict[str, list[Claim]]) -> ClaimSource:
    """Where the reader will read each story's claims: the cache entries of the stories the cache holds
    (untouched since it was written), the others' claims packed."""
    from .analysis_cache import stored_parts

    where = stored_parts(analysis)  # None: given in memory, or its parts file could not be written
    stored: dict[str, StoredEntry] = where.stored if where is not None else {}
    source = ClaimSource()
    if where is not None:
        source.folder, source.token = where.folder, where.token
    for story_id, claims in claims_by_story.items():
        entry = stored.get(story_id)
        if entry is not None and entry[4] == len(claims):
            source.stored[story_id] = entry
        else:
            source.packed[story_id] = pack(StoryPart(story_id, {}, [], claims, [])).data
    return source


def stored_claim_source(analysis: Analysis) -> ClaimSource | None:
    """Where each story's claims lie in the cache, for an analysis as stored (none of its parts loaded)."""
    from .analysis_cache import stored_parts

    where = stored_parts(analysis)
    if where is None:
        return None
    return ClaimSource(where.folder, where.token, {s: e for s, e in where.stored.items() if e[4]})


@dataclass
class AnalysisSummary:
    stories: StoryTable
    claim_counts: dict[str, int]  # story id -> its claims (only stories with claims); they come from `claim_source`
    groups: dict[str, GroupFacts]  # only groups stated by two or more reports or named by the panel
    figure_groups: dict[str, dict[int, str]]  # article id -> figure start -> group id (those groups only)
    figure_counts: dict[str, int] = field(default_factory=dict)  # article id -> its figures (the list shows it)
    warnings: list[str] = field(default_factory=list)
    claim_source: ClaimSource = field(default_factory=ClaimSource)

    def group_of(self, article_id: str, start: int) -> str | None:
        """The group of the figure of this article that starts at `start`, if other reports share it."""
        return self.figure_groups.get(article_id, {}).get(start)


def summarise(analysis: Analysis, articles: Sequence[Article] = ()) -> AnalysisSummary:
    """What the reader keeps of `analysis`; figure counts of `articles` (of every article with figures if none)."""
    return _summarise(analysis, [a.id for a in articles] if articles else None)


def _summarise(analysis: Analysis, ids: list[str] | None) -> AnalysisSummary:
    """Story by story (each part read, summarised and let go): at 100,000 articles the whole analysis's
    figures, groups and claims would take gigabytes at once."""
    from .analysis_cache import each_part, stored_parts

    where = stored_parts(analysis)
    stored = where.stored if where is not None else {}
    order: dict[str, int] = {}  # article id -> its place in the corpus, when a story's claims are packed
    groups: dict[str, GroupFacts] = {}
    figure_groups: dict[str, dict[int, str]] = {}
    figure_counts: dict[str, int] = {}
    by_story: dict[str, list[Claim]] = {}
    for part in each_part(analysis):
        _summarise_part(part, groups, figure_groups)
        figure_counts.update((article_id, len(figures)) for article_id, figures in part.figures.items())
        if part.claims:  # those the cache holds are read back in its order; the others packed in Analysis.claims's
            if part.story not in stored and not order:
                order.update((a, n) for n, a in enumerate(analysis.articles))
            claims = part.claims if part.story in stored else _in_corpus_order(part, order)
            by_story.setdefault(part.story, []).extend(claims)
    if ids is not None:
        figure_counts = {article_id: figure_counts.get(article_id, 0) for article_id in ids}
    claim_counts = {story_id: len(claims) for story_id, claims in by_story.items()}
    source = claim_source(analysis, by_story)
    return AnalysisSummary(
        _story_table(analysis), claim_counts, groups, figure_groups, figure_counts, analysis.warnings, source
    )


def _in_corpus_order(part: StoryPart, order: dict[str, int]) -> list[Claim]:
    """The story's claims as Analysis.claims lists them: by the place of their first group among the groups
    sorted by reports (most first), then by their first report in the corpus and their place in it."""
    late = len(order)
    groups = sorted(
        part.groups,
        key=lambda g: (-len(g.article_ids), min(order.get(f.article_id, late) for f in g.members), g.members[0].start),
    )
    position = {g.id: n for n, g in enumerate(groups)}
    return sorted(part.claims, key=lambda c: min(position.get(v.group, 0) for v in c.values))


def _summarise_part(part: StoryPart, groups: dict[str, GroupFacts], figure_groups: dict[str, dict[int, str]]) -> None:
    """The facts of one story's groups that the reader keeps: those other reports share or the panel names."""
    relation = {v.group: c.relation for c in part.claims for v in c.values}
    claim_of = {v.group: c.id for c in part.claims for v in c.values}
    for g in part.groups:
        article_ids = frozenset(m.article_id for m in g.members)
        shown = relation.get(g.id)
        if len(article_ids) < 2 and g.discrepancy is None and shown not in SHOWN_RELATIONS:
            continue  # "only here": nothing to remember
        groups[g.id] = GroupFacts(g.id, article_ids, g.discrepancy, claim_of.get(g.id), shown)
        for m in g.members:
            figure_groups.setdefault(m.article_id, {})[m.start] = g.id


def _story_table(analysis: Analysis) -> StoryTable:
    stories = analysis.stories.stories()
    return StoryTable(stories, {a: s.id for s in stories for a in s.article_ids})


# -- kept with the cached analysis ---------------------------------------------------------------------


def pack_summary(summary: AnalysisSummary) -> bytes:
    """What a summary holds beyond the cached analysis's own index (its groups' facts, which figure is in
    which, figure counts), as plain data: stored with the analysis (analysis_cache.keep_summary), so that an
    unchanged corpus is summarised without loading any story's part."""
    groups = [(g.id, sorted(g.article_ids), g.discrepancy, g.claim, g.relation) for g in summary.groups.values()]
    return pickle.dumps((groups, summary.figure_groups, summary.figure_counts), protocol=pickle.HIGHEST_PROTOCOL)


def unpack_summary(data: bytes, analysis: Analysis) -> AnalysisSummary | None:
    """The summary `pack_summary` packed, for `analysis` as stored (None: damaged, or not stored)."""
    source = stored_claim_source(analysis)
    if source is None:
        return None
    try:
        rows, figure_groups, figure_counts = RestrictedUnpickler(io.BytesIO(data), PLAIN_TYPES, "a summary").load()
        groups = {row[0]: GroupFacts(row[0], frozenset(row[1]), row[2], row[3], row[4]) for row in rows}
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, IndexError):
        return None
    if not isinstance(figure_groups, dict) or not isinstance(figure_counts, dict):
        return None
    stories = _story_table(analysis)
    claim_counts = {s: n for s, (_, _, _, _, n) in source.stored.items()}
    return AnalysisSummary(stories, claim_counts, groups, figure_groups, figure_counts, analysis.warnings, source)


def story_claims_again(corpus_dir: Path, preloaded: list[Article] | None, story_id: str) -> list[Claim]:
    """A story's claims found by analysing the corpus again (through its cache): what a child runs for the
    reader when the cache files its summary named are gone."""
    from .analysis_cache import check_cache
    from .catalog import file_stats
    from .store import Corpus

    if preloaded is not None:
        return corpus_analysis(preloaded).story_claims(story_id)
    corpus = Corpus(corpus_dir)
    seen = file_stats(corpus)
    fresh = check_cache(corpus, seen).analysis
    if fresh is not None:
        return fresh.story_claims(story_id)
    articles = corpus.load_all()[0]
    return corpus_analysis(articles, corpus_dir).story_claims(story_id)


def summarise_articles(articles: list[Article]) -> AnalysisSummary:
    return summarise(corpus_analysis(articles), articles)


def analyse_folder(corpus: Corpus, files: Mapping[str, Stat], check: CacheCheck, workers: int | None) -> FolderAnalysis:
    """The corpus folder's analysis brought up to date as the CLI's commands bring it (the seam for the
    reader's folder: tests stand in here): the changed files only when few changed, else every file parsed
    and hashed on `workers` processes (None: every core), the analysis stored and remembered as seen."""
    from .analysis_cache import analyse_folder_cached

    return analyse_folder_cached(corpus, files, check, workers=workers)


def summarise_corpus(
    corpus_dir: Path, workers: int | None = 1, niceness: int = 0, counts_wanted: bool = True
) -> AnalysisSummary:
    """The corpus's analysis summary: what a separate process runs for the reader. When the cached analysis
    is known fresh from the files' stats (analysis_cache.check_cache), no article is parsed: the summary
    stored with it is read back (~1 s at 100,000 articles). Otherwise the folder is analysed as the CLI
    analyses it (`analyse_folder`: a few changed files read and their stories redone, the stored summary
    patched for those stories; or every file read on the workers) and the summary stored with the analysis.
    The counts it finds on the way (sentences, words, figures; files that cannot be read) go into the
    catalog cache, which a cold listing left without them. `workers`: processes for a full analysis.
    `niceness`: added to this process's (and so its workers') before anything is analysed: the reader's
    child reads a fresh summary back at the reader's priority and analyses at a lower one. `counts_wanted`
    False: the caller's list knows every article's counts, so a fresh analysis does not record them again
    (reading and comparing the catalog: a quarter of a warm summary's time at 10,000 articles)."""
    from .analysis_cache import check_cache, keep_summary, redone_stories
    from .catalog import file_stats
    from .store import Corpus

    corpus = Corpus(corpus_dir)
    seen = file_stats(corpus)  # before reading: counts are cached only for files still as they were
    check = check_cache(corpus, seen)
    if check.analysis is not None:
        analysis = check.analysis
        summary = None
        if check.summary is not None:  # stories the CLI redid since it was stored: summarised again
            stale = set(check.stale)
            summary = _patched(check.summary, analysis, stale, list(analysis.articles)) if stale else None
            summary = summary or unpack_summary(check.summary, analysis)
            if stale and summary is not None:
                keep_summary(analysis, pack_summary(summary))
        if summary is None:
            summary = _summarise(analysis, list(analysis.articles))
            keep_summary(analysis, pack_summary(summary))
        if counts_wanted:
            _record_counts(corpus, seen, check.problems, check.counts, summary.figure_counts)
        return summary
    if niceness:
        with contextlib.suppress(OSError):
            os.nice(niceness)
    done = analyse_folder(corpus, seen, check, workers)
    analysis, ids = done.analysis, list(done.counts)
    summary = None
    if done.articles is None:  # only the changed files were read: the stored summary patched
        redone = redone_stories(analysis)
        if redone is not None and check.summary is not None:
            summary = _patched(check.summary, analysis, redone | set(check.stale), ids)
    done.articles = None  # the stored analysis reads an article again only if asked for one
    if summary is None:
        summary = _summarise(analysis, ids)
    keep_summary(analysis, pack_summary(summary))
    unreadable = {p.path.name: p.message for p in done.problems}
    _record_counts(corpus, seen, unreadable, done.counts, summary.figure_counts)
    return summary


def _patched(data: bytes, analysis: Analysis, redone: set[str], ids: list[str]) -> AnalysisSummary | None:
    """The summary stored before a few articles changed (`data`), with the stories `analysis` redone for them
    summarised again and the rest as it was: one story's part read, not every story's (None: not readable)."""
    summary = unpack_summary(data, analysis)
    if summary is None:
        return None
    parts = [p for s in sorted(redone) if analysis.stories.get(s) is not None and (p := analysis.part(s))]
    kept = set(ids)
    # a group lies within one story: every group of a redone (or emptied) story has one of these articles
    touched = {a for p in parts for a in p.figures} | {a for a in summary.figure_groups if a not in kept}
    touched.update(a for s in redone if (story := analysis.stories.get(s)) for a in story.article_ids)
    summary.groups = {g: facts for g, facts in summary.groups.items() if not facts.article_ids & touched}
    for article_id in touched:
        summary.figure_groups.pop(article_id, None)
    counts = summary.figure_counts
    for part in parts:
        _summarise_part(part, summary.groups, summary.figure_groups)
        counts.update((article_id, len(figures)) for article_id, figures in part.figures.items())
    summary.figure_counts = {article_id: counts.get(article_id, 0) for article_id in ids}
    return summary


def _record_counts(
    corpus: Corpus,
    seen: dict[str, Stat],
    problems: dict[str, str],
    counts: dict[str, tuple[int, int]],
    figure_counts: dict[str, int],
) -> None:
    """Each article's counts (and the files that could not be read) into the catalog cache."""
    from .catalog import Counts, record_counts
    from .store import SUFFIX

    found: dict[str, Counts | str] = dict(problems)
    found.update(
        (article_id + SUFFIX, Counts(n_sentences, n_words, figure_counts.get(article_id, 0)))
        for article_id, (n_sentences, n_words) in counts.items()
    )
    record_counts(corpus, seen, found)
