"""Claims: one fact of a story that its reports measure, with every value given for it and how they relate.

A claim is built from figure groups (tui.corpus.groups: the same value of the same thing, however worded):
groups of one story about the same thing with another number ("related") join one claim; a group that is
the sum of two others stays its own claim with those as its `parts`. Every figure is in at most one claim
(the one of its group). Reprints of one wire story count as one source (tui.corpus.reprints)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Protocol

from .claim_relations import (
    AGREE,
    DISAGREE,
    LOWER_BOUNDS,
    SINGLE,
    SUM,
    ValueFacts,
    classify,
    classify_periods,
    moment_of,
    replaced_value,
    report_moment,
    sentence_moment,
    window_of,
)
from .claim_units import elapsed_period, measure, round_duration, work_done
from .figures import Figure, amount_words
from .groups import FigureGroup, outlet_labels
from .model import Article
from .reprints import source_groups
from .stories import Story, StoryIndex, build_stories
from .story_analysis import (
    StoryPart,
    analyse_stories,
    analyse_story,
    rename_groups,
    settle_ids,
    story_work,
    terms_on_cores,
    unpack,
)
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

    def as_written(self, kind: str | None) -> str:
        """ "thousands", "1,000", "June 4": a date's value is only its day or year, so it is shown as written."""
        from .numbers import format_value

        if self.words:
            return self.words
        if kind == "date" and self.figures:
            return self.figures[0].surface
        return format_value(self.value, kind)


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


class Analysis:
    """Everything cross-source about a corpus, story by story: the input of the CLI and the reader.

    A story's figures, groups and claims form one `StoryPart`; a cached analysis (analysis_cache) loads a
    part only when something asks for that story, so a 100,000-article corpus costs little until its stories
    are opened. `figures`, `groups` and `claims` list the whole corpus (they load every part)."""

    def __init__(
        self,
        figures: dict[str, list[Figure]] | None = None,
        groups: list[FigureGroup] | None = None,
        stories: StoryIndex | None = None,
        claims: list[Claim] | None = None,
        articles: dict[str, Article] | None = None,
        warnings: list[str] | None = None,
        *,
        parts: dict[str, StoryPart] | None = None,
        stored: StoredParts | None = None,
    ) -> None:
        self.stories = stories if stories is not None else StoryIndex()
        self.articles = articles if articles is not None else {}
        self.warnings = warnings if warnings is not None else []  # articles past the extractor's limits
        self._parts = parts if parts is not None else _split(figures or {}, groups or [], claims or [], self.stories)
        self._stored = stored
        self._group_ids: set[str] | None = None
        self._whole: tuple[dict[str, list[Figure]], list[FigureGroup], list[Claim]] | None = None

    # -- one story ------------------------------------------------------------------------------------

    def part(self, story_id: str) -> StoryPart | None:
        """The figures, groups and claims of one story (loaded from the cache the first time)."""
        part = self._parts.get(story_id)
        if part is None and self._stored is not None and self.stories.get(story_id) is not None:
            part = self._stored.load(story_id)
            if part is None:  # not stored, or damaged: found again from its reports
                part = self._analyse(story_id, {}, None)
            if part is not None:
                self._parts[story_id] = part
        return part

    def story_claims(self, story_id: str) -> list[Claim]:
        part = self.part(story_id)
        return list(part.claims) if part else []

    def story_groups(self, story_id: str) -> list[FigureGroup]:
        part = self.part(story_id)
        return list(part.groups) if part else []

    def figures_of(self, article_id: str) -> list[Figure]:
        """One article's figures, each with its group (and through it its claim)."""
        story = self.stories.story_of(article_id) or article_id
        part = self.part(story)
        return list(part.figures.get(article_id, [])) if part else []

    def n_claims(self, story: Story) -> int:
        part = self._parts.get(story.id)
        if part is None and self._stored is not None:
            return self._stored.n_claims(story.id)
        return len(part.claims) if part else 0

    def claim_of(self, figure: Figure) -> Claim | None:
        """The claim a figure belongs to (its story is loaded, no other)."""
        part = self.part(self.stories.story_of(figure.article_id) or figure.article_id)
        if part is None or not figure.group:
            return None
        claim_id = next((g.claim for g in part.groups if g.id == figure.group), None)
        return next((c for c in part.claims if c.id == claim_id), None) if claim_id else None

    def claim(self, claim_id: str) -> Claim | None:
        story = claim_id.rpartition("/")[0]
        return next((c for c in self.story_claims(story) if c.id == claim_id), None)

    # -- the whole corpus -----------------------------------------------------------------------------

    @property
    def figures(self) -> dict[str, list[Figure]]:
        return self._materialized()[0]

    @property
    def groups(self) -> list[FigureGroup]:
        return self._materialized()[1]

    @property
    def claims(self) -> list[Claim]:
        return self._materialized()[2]

    @property
    def claim_of_group(self) -> dict[str, str]:
        return {v.group: c.id for c in self.claims for v in c.values}

    def _materialized(self) -> tuple[dict[str, list[Figure]], list[FigureGroup], list[Claim]]:
        """Every part, in corpus order: groups as `group_figures` sorts them (most reports first), claims
        in the order of their first group."""
        if self._whole is None:
            order = {a: n for n, a in enumerate(self.articles)}
            parts = [p for s in self._story_ids() if (p := self.part(s)) is not None]
            figures = {a: figs for p in parts for a, figs in p.figures.items()}
            for n, a in enumerate(figures):  # reports of stories no longer in the corpus: after the others
                order.setdefault(a, len(self.articles) + n)
            groups = [g for p in parts for g in p.groups]
            groups.sort(
                key=lambda g: (-len(g.article_ids), min(order[f.article_id] for f in g.members), g.members[0].start)
            )
            position = {g.id: n for n, g in enumerate(groups)}
            claims = [c for p in parts for c in p.claims]
            claims.sort(key=lambda c: min(position.get(v.group, 0) for v in c.values))
            self._whole = (figures, groups, claims)
        return self._whole

    def _story_ids(self) -> list[str]:
        known = [s.id for s in self.stories.stories()]
        return known + [s for s in self._parts if self.stories.get(s) is None]

    # -- one article at a time ------------------------------------------------------------------------

    def add_article(self, article: Article) -> str:
        """One new (or changed) article: its story found, that story's groups and claims made again (and
        those of the story it left, if it moved, or of stories it joined together); the rest of the corpus
        is not looked at. Returns its story."""
        before, previous, taken = self._before(article.id)
        self.articles[article.id] = article
        story_id = self.stories.add(article)
        self._redo(before, (story_id, previous), taken, article.id)
        return story_id

    def remove_article(self, article_id: str) -> None:
        """An article gone from the corpus: its story's groups and claims made again without it."""
        before, previous, taken = self._before(article_id)
        self.articles.pop(article_id, None)
        self.stories.remove(article_id)
        self._redo(before, (previous,), taken, article_id)

    def _before(self, article_id: str) -> tuple[set[str], str | None, set[str]]:
        if self.stories.is_view and self._stored is not None:  # loaded to show stories: now to place one
            self.stories = self._stored.full_stories() or build_stories(self.articles.values())
        stories = set(self._parts) | ({s.id for s in self.stories.stories()} if self._stored else set())
        return stories, self.stories.story_of(article_id), self._taken_ids()

    def _redo(self, before: set[str], touched: tuple[str | None, ...], taken: set[str], article_id: str) -> None:
        known: dict[str, list[Figure]] = {}  # figures of the reports that stay: not extracted again
        for s in before:
            if s in touched or self.stories.get(s) is None:  # redone, absorbed or emptied
                old = self._parts.pop(s, None) or (self._stored.load(s) if self._stored else None)
                if old is not None:
                    known.update(old.figures)
                    taken.difference_update(g.id for g in old.groups)
                if self._stored is not None:
                    self._stored.forget(s)
        known.pop(article_id, None)
        for story_id in dict.fromkeys(touched):
            if story_id and (part := self._analyse(story_id, known, taken)) is not None:
                self._parts[story_id] = part
                if self._stored is not None:  # a new story too: stored as it is now
                    self._stored.forget(story_id)
        self._whole = None

    def _taken_ids(self) -> set[str]:
        """Every group id in use (a redone story's new groups must not take one of another story's)."""
        if self._group_ids is None:
            if self._stored is not None:
                self._group_ids = self._stored.group_ids()
            else:
                self._group_ids = {g.id for p in self._parts.values() for g in p.groups}
        return self._group_ids

    def _analyse(self, story_id: str, known: dict[str, list[Figure]], taken: set[str] | None) -> StoryPart | None:
        """One story again, from its reports. `taken`: the ids of the other stories' groups (None: the
        story's ids are those it was stored with)."""
        story = self.stories.get(story_id)
        members = set(story.article_ids) if story else set()
        reports = [self.articles[a] for a in self.articles if a in members]  # a corpus on disk reads only these
        if not reports:
            return None
        labels = self.stories.outlet_labels(len(self.articles)) or outlet_labels(list(self.articles.values()))
        work = story_work(reports, self.stories, known, labels)[0]
        part = analyse_story(work, build_claims)
        if taken is None:
            renamed = self._stored.renamed(story_id) if self._stored else {}
        else:
            renamed = settle_ids(story_id, [g.id for g in part.groups], taken)
        rename_groups(part, renamed)
        return part


class StoredParts(Protocol):
    """Where a cached analysis keeps the parts it has not loaded (tui.corpus.analysis_cache)."""

    def load(self, story_id: str) -> StoryPart | None: ...
    def n_claims(self, story_id: str) -> int: ...
    def group_ids(self) -> set[str]: ...
    def renamed(self, story_id: str) -> dict[str, str]: ...
    def full_stories(self) -> StoryIndex | None: ...
    def forget(self, story_id: str) -> None: ...  # its stored part is out of date (or it has none yet)


def _split(
    figures: dict[str, list[Figure]], groups: list[FigureGroup], claims: list[Claim], stories: StoryIndex
) -> dict[str, StoryPart]:
    """Parts from whole-corpus lists (an analysis made some other way, e.g. by a test)."""
    parts: dict[str, StoryPart] = {}

    def part(story: str) -> StoryPart:
        return parts.setdefault(story, StoryPart(story, {}, [], [], []))

    for article_id, figs in figures.items():
        part(stories.story_of(article_id) or article_id).figures[article_id] = figs
    for g in groups:
        part(g.story or "").groups.append(g)
    for c in claims:
        part(c.story).claims.append(c)
    return parts


def analyse_corpus(
    articles: list[Article], figures: dict[str, list[Figure]] | None = None, workers: int | None = 1
) -> Analysis:
    """Stories, figure groups and claims of a corpus (figures extracted when not given). Stories are
    analysed one at a time, on `workers` processes (None: every core) when the corpus is big enough;
    the result is the same for any number of workers."""
    stories = build_stories(articles, terms_on_cores(articles, workers))
    taken: set[str] = set()
    parts: dict[str, StoryPart] = {}
    for item in analyse_stories(story_work(articles, stories, figures), build_claims, workers):
        part = item if isinstance(item, StoryPart) else unpack(item.data)
        rename_groups(part, settle_ids(part.story, [g.id for g in part.groups], taken))
        parts[part.story] = part
    warnings = [w for p in parts.values() for w in p.warnings]
    return Analysis(stories=stories, articles={a.id: a for a in articles}, warnings=warnings, parts=parts)


def build_claims(articles: list[Article], groups: list[FigureGroup]) -> list[Claim]:
    """Claims from the groups of `group_figures`; sets FigureGroup.claim."""
    by_id = {g.id: g for g in groups}
    published = {a.id: a.published if day_of(a.published) else None for a in articles}
    members = _claim_members(groups, by_id, published)
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


def _claim_members(
    groups: list[FigureGroup], by_id: dict[str, FigureGroup], published: dict[str, str | None]
) -> list[list[str]]:
    """Groups joined through "same thing, another number". Never joined: a sum and its parts, two
    values one report gives side by side (it is telling two facts: "113 ships passed, 422 wait"), and a toll
    far below one that reports of earlier days gave, with the tolls it is related to (a toll is revised down
    a little, never to a fraction: "40 died of electrocution", days after "288 dead", is a part of it)."""
    component = {g.id: [g.id] for g in groups}
    parts_of = {g.id: {p for pair in g.sum_of for p in pair} for g in groups}
    values: dict[int, dict[str, set[float]]] = {id(component[g.id]): _values_by_article(g) for g in groups}
    fallen = _fallen_tolls(groups, by_id, published)
    for g in groups:
        for other in g.related:
            a, b = component[g.id], component.get(other)
            if b is None or a is b or _sum_across(a, b, parts_of) or _told_apart(values[id(a)], values[id(b)]):
                continue
            if (g.id in fallen) != (other in fallen):
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


FALL_RATIO = 1.5  # a toll revised down on a later day stays within this ratio of the earlier one


def _fallen_tolls(
    groups: list[FigureGroup], by_id: dict[str, FigureGroup], published: dict[str, str | None]
) -> set[str]:
    """Toll groups far below a value that only reports of earlier days gave for a toll related to them
    (directly or through other values of the toll)."""
    days = {}
    for g in groups:
        if not g.role or not g.related or g.vague:
            continue
        dates = [str(d)[:10] for a in _own_value_of(g) if (d := published.get(a))]
        if dates:
            days[g.id] = (min(dates), max(dates))
    if len(days) < 2:
        return set()
    fallen = set()
    for web in _toll_webs(days, by_id):
        for x in web:
            first, value = days[x][0], by_id[x].value
            if any(days[y][1] < first and value * FALL_RATIO < by_id[y].value for y in web):
                fallen.add(x)
    return fallen


def _toll_webs(days: dict[str, tuple[str, str]], by_id: dict[str, FigureGroup]) -> list[set[str]]:
    """Dated toll groups connected through `related` (one web per toll, before any is set apart)."""
    webs: list[set[str]] = []
    placed: set[str] = set()
    for start in days:
        if start in placed:
            continue
        web, todo = {start}, [start]
        while todo:
            for other in by_id[todo.pop()].related:
                if other in days and other not in web:
                    web.add(other)
                    todo.append(other)
        placed |= web
        webs.append(web)
    return webs


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
            [published.get(a) or "" for a in _own_value_of(g)],
            [f.window for f in v.figures],
            g.vague or any(m.qualifier or round_duration(m) for m in g.members),
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
        relation=_relation(facts, len(pairs), head.kind, _fixed_measure(groups), _grows(groups)),
        values=values,
        sources={"reports": len(article_ids), "independent": len(sources), "groups": sources},
        notes=notes,
    )


def _own_value_of(g: FigureGroup) -> list[str]:
    """Reports that give the group's value as theirs, not only as the value it changed from ("up from 137"):
    the days that say when the value held."""
    return list(dict.fromkeys(f.article_id for f in g.members if not replaced_value(f)))


def _range_top(g: FigureGroup) -> float | None:
    """The top of the range a group's value opens, in the unit `measure` gives its value."""
    first = g.members[0]
    if first.value_max is None or not first.value:
        return None
    return measure(first)[1] * first.value_max / first.value


def _fixed_measure(groups: list[FigureGroup]) -> bool:
    """A length or a mass, which does not change between reports, unless every value is work done so far."""
    return measure(groups[0].members[0])[0] in ("length", "mass") and not _grows(groups)


def _grows(groups: list[FigureGroup]) -> bool:
    """Lengths of work done so far ("drilled 24 metres") and periods up to the report's moment ("for the past
    four days", "three days back"): they grow between reports, as counts do."""
    return all(work_done(f) or elapsed_period(f) for g in groups for f in g.members)


def _relation(facts: list[ValueFacts], n_values: int, kind: str, fixed: bool, work: bool = False) -> str:
    if len(facts) == 1 and n_values > 1:
        return AGREE  # "tens of thousands homeless" beside "30,000 homeless": the vague amount holds the exact one
    if kind == "date":
        return DISAGREE  # "seized in 2013", "in 2014": a year is not rounded, nor does it grow
    if kind == "duration":
        return classify(facts, grows=True) if work else classify_periods(facts)
    whole = all(float(f.value).is_integer() for f in facts)
    return classify(facts, grows=(kind == "count" and whole) or work, fixed=fixed or not (whole or work))


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
