"""Claims: one fact of a story that its reports measure, with every value given for it and how they relate.

A claim is built from figure groups (tui.corpus.groups: the same value of the same thing, however worded):
groups of one story about the same thing with another number ("related") join one claim; a group that is
the sum of two others stays its own claim with those as its `parts`. Every figure is in at most one claim
(the one of its group). Reprints of one wire story count as one source (tui.corpus.reprints)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import cached_property

from .claim_relations import (
    AGREE,
    DISAGREE,
    LOWER_BOUNDS,
    SINGLE,
    SUM,
    ValueFacts,
    classify,
    moment_of,
    report_moment,
    sentence_moment,
    window_of,
)
from .claim_units import measure
from .figures import Figure, amount_words, extract_figures, scan_figures
from .groups import FigureGroup, group_figures
from .model import Article
from .reprints import source_groups
from .stories import Story, StoryIndex, build_stories
from .story_terms import day_of


@dataclass(slots=True)  # hundreds of thousands at corpus scale: no __dict__ each
class ClaimFigure:
    article_id: str
    start: int
    end: int
    sentence_index: int
    surface: str
    window: str | None


@dataclass(slots=True)  # hundreds of thousands at corpus scale: no __dict__ each
class ClaimValue:
    value: float
    value_max: float | None
    group: str  # the FigureGroup of this value
    outlets: list[str]
    article_ids: list[str]
    published: str | None  # earliest ISO date among the reports that give it
    window: str | None  # the period it is stated for, when the reports say ("this month")
    figures: list[ClaimFigure] = field(default_factory=list)
    words: str | None = None  # a vague amount as worded ("thousands"): its `value` is only a floor


@dataclass(slots=True)  # hundreds of thousands at corpus scale: no __dict__ each
class Claim:
    id: str
    story: str
    label: str
    kind: str
    counts: str | None
    unit: str | None
    per: str | None
    relation: str  # single, agree, update, disagree, differ, different windows, sum
    values: list[ClaimValue]
    sources: dict[str, object]  # {"reports": 5, "independent": 2, "groups": [[article ids], ...]}
    notes: list[str]
    parts: list[str] = field(default_factory=list)  # claims whose values add up to this one

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(a for v in self.values for a in v.article_ids))

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Analysis:
    """Everything cross-source about a corpus: the input of the CLI and the reader."""

    figures: dict[str, list[Figure]]
    groups: list[FigureGroup]
    stories: StoryIndex
    claims: list[Claim]
    articles: dict[str, Article] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # articles past the extractor's limits, read in part

    @cached_property
    def claim_of_group(self) -> dict[str, str]:
        return {v.group: c.id for c in self.claims for v in c.values}

    def story_claims(self, story_id: str) -> list[Claim]:
        return [c for c in self.claims if c.story == story_id]

    def n_claims(self, story: Story) -> int:
        return sum(1 for c in self.claims if c.story == story.id)

    def add_article(self, article: Article) -> str:
        """One new (or changed) article: its story found, that story's groups and claims made again (and
        those of the story it left, if it moved); the rest of the corpus is not looked at. Returns its story."""
        previous = self.stories.story_of(article.id)
        self.articles[article.id] = article
        self.figures[article.id] = extract_figures(article)
        story_id = self.stories.add(article)
        redo = [s for s in dict.fromkeys((story_id, previous)) if s and self.stories.get(s)]
        index = self._by_story
        stale = {s for s in index if self.stories.get(s) is None} | set(redo)  # redone, absorbed or emptied
        dropped: set[int] = set()
        for s in stale:
            groups, claims = index.pop(s, ([], []))
            dropped.update(id(x) for x in [*groups, *claims])
            self._group_ids.difference_update(g.id for g in groups)
        if dropped:  # one pass over each list, no Python call per item
            self.groups = [g for g in self.groups if id(g) not in dropped]
            self.claims = [c for c in self.claims if id(c) not in dropped]
        for redone in redo:
            self._redo_story(redone)
        self.__dict__.pop("claim_of_group", None)
        return story_id

    @cached_property
    def _by_story(self) -> dict[str, tuple[list[FigureGroup], list[Claim]]]:
        """Story id -> its groups and claims (built at the first add_article)."""
        index: dict[str, tuple[list[FigureGroup], list[Claim]]] = {}
        for g in self.groups:
            index.setdefault(g.story or "", ([], []))[0].append(g)
        for c in self.claims:
            index.setdefault(c.story, ([], []))[1].append(c)
        return index

    @cached_property
    def _group_ids(self) -> set[str]:
        return {g.id for g in self.groups}

    def _redo_story(self, story_id: str) -> None:
        story = self.stories.get(story_id)
        members = [self.articles[a] for a in (story.article_ids if story else []) if a in self.articles]
        groups = group_figures(members, {a.id: self.figures.get(a.id, []) for a in members}, self.stories)
        for g in groups:  # group ids are unique over the corpus: a clash with another story's gets a suffix
            if g.id in self._group_ids:
                g.id = f"{g.id}-{story_id[-6:]}"
                for f in g.members:
                    f.group = g.id
            self._group_ids.add(g.id)
        claims = build_claims(members, groups)
        self.groups.extend(groups)
        self.claims.extend(claims)
        self._by_story[story_id] = (groups, claims)


def analyse_corpus(articles: list[Article], figures: dict[str, list[Figure]] | None = None) -> Analysis:
    """Stories, figure groups and claims of a corpus (figures extracted when not given)."""
    warnings: list[str] = []
    if figures is None:
        scans = {a.id: scan_figures(a) for a in articles}
        figures = {article_id: scan.figures for article_id, scan in scans.items()}
        warnings = [w for scan in scans.values() for w in scan.warnings]
    stories = build_stories(articles)
    groups = group_figures(articles, figures, stories)
    claims = build_claims(articles, groups)
    return Analysis(figures, groups, stories, claims, {a.id: a for a in articles}, warnings)


def build_claims(articles: list[Article], groups: list[FigureGroup]) -> list[Claim]:
    """Claims from the groups of `group_figures`; sets FigureGroup.claim."""
    by_id = {g.id: g for g in groups}
    members = _claim_members(groups, by_id)
    published = {a.id: a.published if day_of(a.published) else None for a in articles}
    by_article = {a.id: a for a in articles}
    claims = []
    sources = _SourcesByStory(by_article, groups)
    for ids in members:
        claim = _make_claim([by_id[i] for i in ids], published, sources)
        for v in claim.values:
            by_id[v.group].claim = claim.id
        claims.append(claim)
    for claim in claims:
        head = by_id[claim.values[0].group]
        claim.parts = list(dict.fromkeys(by_id[p].claim or p for pair in head.sum_of for p in pair))
        if claim.parts and sum(not by_id[v.group].vague for v in claim.values) <= 1:
            claim.relation = SUM
    return claims


def _claim_members(groups: list[FigureGroup], by_id: dict[str, FigureGroup]) -> list[list[str]]:
    """Groups joined through "same thing, another number". Never joined: a sum and its parts, and two
    values one report gives side by side (it is telling two facts: "113 ships passed, 422 wait")."""
    component = {g.id: [g.id] for g in groups}
    parts_of = {g.id: {p for pair in g.sum_of for p in pair} for g in groups}
    values: dict[int, dict[str, set[float]]] = {id(component[g.id]): _values_by_article(g) for g in groups}
    for g in groups:
        for other in g.related:
            a, b = component[g.id], component.get(other)
            if b is None or a is b or _sum_across(a, b, parts_of) or _told_apart(values[id(a)], values[id(b)]):
                continue
            a.extend(b)
            for member in b:
                component[member] = a
            for article, vals in values.pop(id(b)).items():
                values[id(a)].setdefault(article, set()).update(vals)
    out: dict[int, list[str]] = {}
    for g in groups:
        out.setdefault(id(component[g.id]), component[g.id])
    return list(out.values())


def _values_by_article(g: FigureGroup) -> dict[str, set[float]]:
    if g.role:
        return {}  # a toll: a report may give the last one too ("up from 135")
    return {a: {measure(g.members[0])[1]} for a in g.article_ids}


def _told_apart(a: dict[str, set[float]], b: dict[str, set[float]]) -> bool:
    """Some report gives a value of each that no value of the other is (within 5%: "240km (150 miles)")."""
    return any(not _close(a[x], b[x]) for x in a.keys() & b.keys())


def _close(xs: set[float], ys: set[float]) -> bool:
    return all(any(abs(x - y) <= 0.05 * max(abs(x), abs(y)) for y in ys) for x in xs)


def _sum_across(a: list[str], b: list[str], parts_of: dict[str, set[str]]) -> bool:
    sb = set(b)
    return any(parts_of[x] & sb for x in a) or any(parts_of[y] & set(a) for y in b)


def _make_claim(groups: list[FigureGroup], published: dict[str, str | None], sources_of: _SourcesByStory) -> Claim:
    if len(groups) == 1:
        return _one_value_claim(groups[0], published, sources_of)
    groups = sorted(groups, key=lambda g: (-len(g.article_ids), g.id))
    pairs = [(g, _value(g, published, len(groups) > 1)) for g in groups]
    pairs.sort(key=lambda p: (p[1].published or "", -len(p[1].article_ids)))
    values = [v for _, v in pairs]
    head = groups[0]
    facts = [
        ValueFacts(
            measure(g.members[0])[1],
            [published.get(a) or "" for a in v.article_ids],
            [f.window for f in v.figures],
            g.vague or any(m.qualifier for m in g.members),
            all((m.qualifier or "").lower() in LOWER_BOUNDS for m in g.members),
            [t for m in g.members if (t := moment_of(m, published.get(m.article_id)))]
            + [t for m in g.members if (t := sentence_moment(m))]
            + [t for m in g.members if (t := report_moment(m))],
            _range_top(g),
        )
        for g, v in pairs
        if not g.vague or all(other.vague for other, _ in pairs)  # "thousands" says little beside 4,000
    ]
    article_ids = list(dict.fromkeys(a for v in values for a in v.article_ids))
    sources = sources_of.among(groups[0].story or "", article_ids)
    notes = list(dict.fromkeys(n for g in groups for n in g.notes))
    return Claim(
        id=f"{head.story}/{head.id}",
        story=head.story or "",
        label=head.label,
        kind=head.kind,
        counts=_most_common([g.counts for g in groups]),
        unit=head.unit,
        per=head.per,
        relation=_relation(facts, len(pairs), head.kind, measure(head.members[0])[0] in ("length", "mass")),
        values=values,
        sources={"reports": len(article_ids), "independent": len(sources), "groups": sources},
        notes=notes,
    )


def _range_top(g: FigureGroup) -> float | None:
    """The top of the range a group's value opens, in the unit `measure` gives its value."""
    first = g.members[0]
    if first.value_max is None or not first.value:
        return None
    return measure(first)[1] * first.value_max / first.value


def _relation(facts: list[ValueFacts], n_values: int, kind: str, fixed: bool) -> str:
    if len(facts) == 1 and n_values > 1:
        return AGREE  # "tens of thousands homeless" beside "30,000 homeless": the vague amount holds the exact one
    if kind == "date":
        return DISAGREE  # "seized in 2013", "in 2014": a year is not rounded, nor does it grow
    whole = all(float(f.value).is_integer() for f in facts)
    return classify(facts, grows=kind == "count" and whole, fixed=fixed or not whole)


def _one_value_claim(g: FigureGroup, published: dict[str, str | None], sources_of: _SourcesByStory) -> Claim:
    """Most claims: one value, so nothing to compare (the same record _make_claim would give, sooner)."""
    value = _value(g, published, False)
    article_ids = value.article_ids
    sources = [article_ids] if len(article_ids) == 1 else sources_of.among(g.story or "", article_ids)
    return Claim(
        id=f"{g.story}/{g.id}",
        story=g.story or "",
        label=g.label,
        kind=g.kind,
        counts=g.counts,
        unit=g.unit,
        per=g.per,
        relation=AGREE if len(article_ids) > 1 else SINGLE,
        values=[value],
        sources={"reports": len(article_ids), "independent": len(sources), "groups": sources},
        notes=list(dict.fromkeys(g.notes)),
    )


class _SourcesByStory:
    """Reprint groups found once per story (pairs of its reports), then narrowed to each claim's reports."""

    def __init__(self, by_article: dict[str, Article], groups: list[FigureGroup]) -> None:
        self._by_article = by_article
        self._story_articles: dict[str, list[str]] = {}
        for g in groups:
            self._story_articles.setdefault(g.story or "", []).extend(g.article_ids)
        self._found: dict[str, dict[str, int]] = {}

    def among(self, story: str, article_ids: list[str]) -> list[list[str]]:
        if story not in self._found:
            ids = dict.fromkeys(self._story_articles.get(story, []))
            groups = source_groups([self._by_article[a] for a in ids if a in self._by_article])
            self._found[story] = {a: n for n, group in enumerate(groups) for a in group}
        source = self._found[story]
        out: dict[int, list[str]] = {}
        for a in article_ids:
            out.setdefault(source.get(a, -1 - len(out)), []).append(a)
        return list(out.values())


def _value(g: FigureGroup, published: dict[str, str | None], with_windows: bool) -> ClaimValue:
    """`with_windows`: say the period of each figure (only a claim with several values needs it)."""
    figures = [
        ClaimFigure(f.article_id, f.start, f.end, f.sentence_index, f.surface, window_of(f) if with_windows else None)
        for f in g.members
    ]
    dates = sorted(d for a in g.article_ids if (d := published.get(a)))
    windows = [f.window for f in figures if f.window]
    return ClaimValue(
        value=g.value,
        value_max=g.members[0].value_max,
        group=g.id,
        outlets=list(g.outlets),
        article_ids=list(g.article_ids),
        published=dates[0] if dates else None,
        window=Counter(windows).most_common(1)[0][0] if windows else None,
        figures=figures,
        words=amount_words(g.members[0]) if g.vague else None,
    )


def _most_common(items: list[str | None]) -> str | None:
    known = [i for i in items if i]
    return Counter(known).most_common(1)[0][0] if known else None
