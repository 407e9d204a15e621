"""What the reader keeps of the corpus-wide analysis: stories, claims, each article's figure count and, per
figure that other reports share, its group's facts. Built in the process that ran the analysis and sent back
whole (picklable, no Article text and no Figure objects in it), so the reader never holds every article's
figures.

`corpus_analysis` is the one call that runs the analysis: switch it to a cached or parallel entry point
and the reader follows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .claims import Analysis, Claim, analyse_corpus
from .model import Article
from .stories import Story

if TYPE_CHECKING:
    from .catalog import Counts

SHOWN_RELATIONS = frozenset({"disagree", "update", "different windows", "sum", "differ"})  # the panel names these


def corpus_analysis(articles: list[Article], corpus_dir: Path | None = None) -> Analysis:
    """Stories, groups and claims of these articles (the seam to switch implementations). With the corpus
    folder they come through the analysis cache the `stories` and `claims` commands share (an unchanged corpus
    is not analysed again), in one process: this runs in the reader's child, which may start no pool of its
    own (a daemonic process has no children; a pool's workers would outlive a reader that quits)."""
    if corpus_dir is None:
        return analyse_corpus(articles)
    from .analysis_cache import analyse_cached

    return analyse_cached(corpus_dir, articles, workers=1)


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


@dataclass
class AnalysisSummary:
    stories: StoryTable
    claims: list[Claim]
    groups: dict[str, GroupFacts]  # only groups stated by two or more reports or named by the panel
    figure_groups: dict[str, dict[int, str]]  # article id -> figure start -> group id (those groups only)
    figure_counts: dict[str, int] = field(default_factory=dict)  # article id -> its figures (the list shows it)
    warnings: list[str] = field(default_factory=list)
    _claims_by_story: dict[str, list[Claim]] = field(default_factory=dict)
    _claim_by_id: dict[str, Claim] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for claim in self.claims:
            self._claims_by_story.setdefault(claim.story, []).append(claim)
            self._claim_by_id[claim.id] = claim

    def story_claims(self, story_id: str) -> list[Claim]:
        return self._claims_by_story.get(story_id, [])

    def claim(self, claim_id: str | None) -> Claim | None:
        return self._claim_by_id.get(claim_id) if claim_id else None

    def group_of(self, article_id: str, start: int) -> str | None:
        """The group of the figure of this article that starts at `start`, if other reports share it."""
        return self.figure_groups.get(article_id, {}).get(start)


def summarise(analysis: Analysis, articles: Sequence[Article] = ()) -> AnalysisSummary:
    """What the reader keeps of `analysis`; figure counts of `articles` (of every article with figures if none)."""
    relation = {v.group: c.relation for c in analysis.claims for v in c.values}
    claim_of = analysis.claim_of_group
    groups: dict[str, GroupFacts] = {}
    figure_groups: dict[str, dict[int, str]] = {}
    for g in analysis.groups:
        article_ids = frozenset(m.article_id for m in g.members)
        shown = relation.get(g.id)
        if len(article_ids) < 2 and g.discrepancy is None and shown not in SHOWN_RELATIONS:
            continue  # "only here": nothing to remember
        groups[g.id] = GroupFacts(g.id, article_ids, g.discrepancy, claim_of.get(g.id), shown)
        for m in g.members:
            figure_groups.setdefault(m.article_id, {})[m.start] = g.id
    story_of = {a: s.id for s in analysis.stories.stories() for a in s.article_ids}
    stories = StoryTable(analysis.stories.stories(), story_of)
    figures = analysis.figures
    ids = [a.id for a in articles] if articles else list(figures)
    figure_counts = {article_id: len(figures.get(article_id, ())) for article_id in ids}
    return AnalysisSummary(stories, analysis.claims, groups, figure_groups, figure_counts, analysis.warnings)


def summarise_articles(articles: list[Article]) -> AnalysisSummary:
    return summarise(corpus_analysis(articles), articles)


def summarise_corpus(corpus_dir: Path) -> AnalysisSummary:
    """Load the corpus and analyse it: what a separate process runs for the reader. The counts it finds on the
    way (sentences, words, figures; files that cannot be read) go into the catalog cache, which a cold listing
    left without them."""
    from .catalog import counts_of, file_stats, record_counts
    from .store import SUFFIX, Corpus

    corpus = Corpus(corpus_dir)
    seen = file_stats(corpus)  # before reading: counts are cached only for files still as they were
    articles, problems = corpus.load_all()  # the reader reports malformed files itself
    summary = summarise(corpus_analysis(articles, corpus_dir), articles)
    counts: dict[str, Counts | str] = {p.path.name: p.message for p in problems}
    counts.update((a.id + SUFFIX, counts_of(a, summary.figure_counts[a.id])) for a in articles)
    record_counts(corpus, seen, counts)
    return summary
