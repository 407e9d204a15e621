"""The same claim across outlets: figure groups with agreements and discrepancies.

Two figures report the same claim when they have the same kind and value (in a common unit: "three decades"
is "30 years") and count compatible things (workers ~ labourers ~ builders; troops ~ soldiers; sappers ~
deminers ~ combat engineers). A number that is common on its own (a year, "first", "two") must also come from
sentences that say the same thing. Groups about the same thing with different numbers are `related`, and
the group says which outlets agree and which differ."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from .claim_lexicon import EXTRA_CONCEPTS, SUBGROUPS, THINGS
from .claim_relations import sentence_moment, tells_revision
from .claim_roles import fate_of, is_age, is_capacity, is_projection, is_role_word, modified_noun, role_of
from .claim_scope import scoped_roles
from .claim_units import measure, measured_thing, per_of, work_done
from .figure_attribution import year_of, year_phrase
from .figure_vocab import CONCEPTS, MILITARY_WORDS, SIMILARITY_STOP, TIME_IN_DAYS
from .figures import Figure, extract_figures
from .model import Article
from .numbers import format_value
from .stories import StoryIndex, build_stories
from .story_terms import day_of

SIMILAR_ENOUGH = 0.2  # share of a sentence's informative words two reports of one weak figure have in common
SAME_STORY = 0.18  # Jaccard of two articles' informative words: the seeds share >= 0.23, unrelated news < 0.15
SAME_THING_RATIO = 1.5  # different counts of one thing by different outlets stay within this ratio
CLOSE_MEASURE = 1.05  # two decimal measures of one story this close are one measure (unless a report gives both)
UPDATE_RATIO = 3.0  # ... and a count reported on a later day (a rising toll) within this one
FIRST_DAY_RATIO = 10.0  # a toll from an earlier day grows by up to this much (first reports count few)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_TOTAL_WORDS = re.compile(r"\b(?:in all|in total|total|altogether|combined|all told)\b", re.IGNORECASE)
_UNITS = {"tonne": "ton", "metric ton": "ton", "meter": "metre"}  # one unit, spelled two ways
_PRONOUN_COUNTS = {"them", "those", "us", "these", "it", "others"}  # "thousands of others": of what, elsewhere
_NO_QUOTES = str.maketrans("", "", '“”"')
_CURRENCY_SIGNS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}


_Key = tuple[Any, ...]  # what makes figures the same value: kind, value, unit, ...
_Labels = dict[str, str]  # article id -> outlet label
_Published = dict[str, str | None]  # article id -> ISO date


@dataclass(slots=True)
class Variant:
    """How one outlet words the group's figure (`figures --groups --json`: `variants`)."""

    outlet: str
    article_id: str
    surface: str
    counts: str | None
    qualifier: str | None
    when: str | None
    attribution: str | None
    sentence_index: int
    sentence: str


ANOTHER_NUMBER = "another number"


@dataclass(slots=True)
class Differing:
    """A report that gives another number for the same thing, or a sum that adds up to it (`differing`)."""

    outlet: str
    article_id: str
    group: str  # the other group's id, or "<part>+<part>" for a sum
    value: float
    surface: str
    when: str | None
    sentence_index: int
    sentence: str
    reason: str  # "another number", "a sum of two figures"


@dataclass(slots=True)  # hundreds of thousands at corpus scale: no __dict__ each
class FigureGroup:
    id: str
    label: str  # the claim in words, e.g. "1,000 sappers"
    kind: str
    value: float
    counts: str | None
    members: list[Figure] = field(default_factory=list)  # one or more per article
    outlets: list[str] = field(default_factory=list)  # outlet labels that report this figure
    discrepancy: str | None = None  # e.g. "other outlets say 2 visits" when outlets disagree
    related: list[str] = field(default_factory=list)  # ids of groups about the same thing with another value
    article_ids: list[str] = field(default_factory=list)  # articles that report it, in corpus order
    unit: str | None = None
    per: str | None = None
    vague: bool = False
    notes: list[str] = field(default_factory=list)  # each discrepancy in words; `discrepancy` joins them
    differing: list[Differing] = field(default_factory=list)  # outlets that give another number for the same thing
    variants: list[Variant] = field(default_factory=list)  # how each outlet words it
    story: str | None = None  # id of the story (event) its reports belong to
    sum_of: list[list[str]] = field(default_factory=list)  # [part group, part group] pairs that add up to it
    claim: str | None = None  # id of the claim (tui.corpus.claims) this value belongs to
    role: str | None = None  # what a count is a toll of: dead, injured, critical, missing, displaced

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["members"] = [m.to_dict() for m in self.members]
        return d


@dataclass(slots=True)  # hundreds of thousands at corpus scale: no __dict__ each
class _Info:
    fig: Figure
    order: int  # article position in the corpus
    concepts: frozenset[str]
    military: bool
    frame: str
    stems: frozenset[str]
    key: _Key


_FigureKey = tuple[str, int, int]  # (article id, start, end): one figure of one article
_InfoOf = dict[_FigureKey, _Info]  # figure -> what it is about


def _figure_key(f: Figure) -> _FigureKey:
    return (f.article_id, f.start, f.end)


def analyse(articles: list[Article]) -> tuple[dict[str, list[Figure]], list[FigureGroup]]:
    """Figures of every article and their cross-source groups. A pure function of the articles.
    (`claims.analyse_corpus` also builds stories and claims, and sets each group's `claim`.)"""
    figures = {a.id: extract_figures(a) for a in articles}
    return figures, group_figures(articles, figures)


def group_figures(
    articles: list[Article], figures: dict[str, list[Figure]], story_index: StoryIndex | None = None
) -> list[FigureGroup]:
    """Groups over the corpus; sets Figure.group on every figure it places. Figures are compared only
    within their story (`story_index`, built here when not given), so the work grows with the corpus."""
    order = {a.id: n for n, a in enumerate(articles)}
    labels = outlet_labels(articles)
    # only an ISO date says which year "last year" is ("²⁰²⁴-06-01" is not one)
    published = {a.id: a.published if day_of(a.published) else None for a in articles}
    stories = _Stories(story_index or build_stories(articles))
    idf = _story_idf(figures, stories)
    infos = [_info(f, order.get(aid, len(order))) for aid, figs in figures.items() for f in figs]
    _measures_own_words(infos)
    story_of = {aid: stories.story(aid) for aid in figures}
    lead_ins = _lead_ins(articles, infos)
    frames = scoped_roles([i.fig for i in infos], [i.frame for i in infos], story_of, published, lead_ins)
    for i, frame in zip(infos, frames, strict=True):
        i.frame = frame
    clusters = _join_dates_without_year(_cluster(infos, idf, stories), stories, published)
    groups = [_make_group(c, labels) for c in clusters]
    for g, c in zip(groups, clusters, strict=True):
        g.story = stories.story(g.members[0].article_id)
        g.role = re.split("[@+]", c[0].frame)[0] if is_toll(c[0].frame) else None
    _assign_ids(groups, clusters)
    by_id = {g.id: g for g in groups}
    info_of = {_figure_key(i.fig): i for c in clusters for i in c}
    _within_group_notes(groups, labels, published, info_of)
    _sum_relations(groups, info_of, labels, by_id)  # first: a sum's parts are never "another number" for it
    _related_groups(groups, clusters, labels, idf, stories, published)
    for g in groups:
        g.discrepancy = "; ".join(g.notes) or None
    groups.sort(
        key=lambda g: (-len(g.article_ids), min(order.get(m.article_id, 0) for m in g.members), g.members[0].start)
    )
    return groups


def _lead_ins(articles: list[Article], infos: list[_Info]) -> dict[tuple[str, int], str]:
    """The sentence before each toll's sentence (what "It killed 12,000" refers to), for tolls only."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for i in infos:
        if is_toll(i.frame) and i.fig.sentence_index:
            wanted[i.fig.article_id].add(i.fig.sentence_index)
    out = {}
    for a in articles:
        for n in wanted.get(a.id, ()):
            if n <= len(a.sentences):
                span = a.sentences[n - 1]
                out[(a.id, n)] = a.text[span.start : span.end]
    return out


def outlet_labels(articles: list[Article]) -> dict[str, str]:
    """Article id -> outlet label; articles that share a label (two "Unknown source") get their id added."""
    seen = Counter(a.outlet_label for a in articles)
    return {a.id: a.outlet_label if seen[a.outlet_label] == 1 else f"{a.outlet_label} ({a.id})" for a in articles}


# -- what a figure is about -------------------------------------------------------------------------


def _lemma(word: str) -> str:
    w = word.lower().strip("“”\"'’‘")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("men"):
        return w
    if w.endswith(("ches", "shes", "xes", "sses")) and len(w) > 5:
        return w[:-2]  # "coaches", "boxes": the plural adds "es"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


_ALL_CONCEPTS = CONCEPTS | EXTRA_CONCEPTS
_SYNONYM = {syn: concept for concept, syns in _ALL_CONCEPTS.items() for syn in syns}
_STEMS: dict[str, set[str]] = defaultdict(set)
for _concept, _syns in _ALL_CONCEPTS.items():
    for _syn in _syns:
        if len(_syn.split()[-1]) >= 5:
            _STEMS[_syn.split()[-1][:5]].add(_concept)
# "demining" ~ deminer, "engineers" ~ combat engineer: a five-letter stem that names one concept only
_STEM_SYNONYM = {stem: next(iter(c)) for stem, c in _STEMS.items() if len(c) == 1}
_KNOWN_CONCEPTS = frozenset(_ALL_CONCEPTS)
_STEMMED_LENGTH = 7  # "struck" is not "structure": a word shares a stem with a concept only when it has a suffix


def _stem_synonym(word: str) -> str | None:
    """ "demining" ~ deminer, "engineers" ~ engineer: only words long enough to be a stem and a suffix."""
    return _STEM_SYNONYM.get(word[:5]) if len(word) >= _STEMMED_LENGTH else None


@lru_cache(maxsize=65536)  # the same few phrases ("people", "troops") come back in every article
def concepts_of(phrase: str | None) -> frozenset[str]:
    """ "military construction workers and deminers" -> {workers, sappers}; unknown heads stand for themselves."""
    if not phrase:
        return frozenset()
    out = set()
    for part in re.split(r"\s+and\s+|,\s*|\s+or\s+", phrase):
        words = [_lemma(w) for w in _WORD.findall(part)]
        if not words:
            continue
        two = " ".join(words[-2:])
        head = _SYNONYM.get(two) or _SYNONYM.get(words[-1]) or _stem_synonym(words[-1])
        out.add(head or words[-1])
        for modifier in words[:-1]:  # "demining personnel", "mine-clearing teams": the modifier says what
            concept = _SYNONYM.get(modifier) or _stem_synonym(modifier)
            if concept:
                out.add(concept)
    return frozenset(out)


def _unknown_only(concepts: frozenset[str]) -> bool:
    """Only words the synonym table does not know ("specialists"): the story's sentences must decide."""
    return bool(concepts) and not concepts & _KNOWN_CONCEPTS


def _persons_named_apart(a: _Info, b: _Info) -> bool:
    """ "hundreds of people ran to the exits", "hundreds of supporters ran to exit gates": "people" says only that
    humans are counted, so another report's head for the same number may name who they are; the sentences decide.
    Not for small counts (a handful of people is too common a number to say which), nor a count naming nothing."""
    if not (a.concepts and b.concepts) or a.fig.value < _SUBSTANTIAL:
        return False
    return a.concepts <= _GENERIC_HEADS or b.concepts <= _GENERIC_HEADS


# a head that says only that humans are counted: which humans is said by the rest of the sentence
_GENERIC_HEADS = frozenset({"people"})
_SUBSTANTIAL = 100  # counts below this are too common to call two of them one disputed total
_MAX_COMPARED = 12  # members of a cluster a new figure is compared with (keeps big corpora linear)


def _informative_stems(text: str) -> frozenset[str]:
    """What a text is about: five-letter stems of its words, without short and common ones."""
    return frozenset(w.lower()[:5] for w in _WORD.findall(text) if len(w) > 2 and w.lower() not in SIMILARITY_STOP)


@lru_cache(maxsize=8192)  # a sentence with several figures is looked at once per figure
def _stems(sentence: str) -> frozenset[str]:
    return _informative_stems(sentence)


def _idf(figures: list[Figure]) -> dict[str, float]:
    df: Counter[str] = Counter()
    seen = set()
    for f in figures:
        key = (f.article_id, f.sentence_index)
        if key not in seen:
            seen.add(key)
            df.update(_stems(f.sentence))
    n = max(1, len(seen))
    return {s: math.log((n + 1) / (c + 0.5)) for s, c in df.items()} | {"": math.log(n + 1)}


def _similarity(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    default = idf.get("", 1.0)
    wa = sum(idf.get(s, default) for s in a)
    wb = sum(idf.get(s, default) for s in b)
    if not wa or not wb:
        return 0.0
    return sum(idf.get(s, default) for s in a & b) / min(wa, wb)


_PARTITIVE_HEADS = frozenset({"member", "members"})
_OF_WHAT = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?((?:[^\W\d_]+\s+){0,2}[^\W\d_]+)")


def counted_phrase(f: Figure) -> str | None:
    """What the figure counts: its head phrase, or what a partitive head is a part of ("two members of the
    police force" count police, "members" says nothing of who)."""
    counts = f.counts
    words = (counts or "").lower().split()
    if words and words[-1] in _PARTITIVE_HEADS and (m := _OF_WHAT.match(f.sentence, f.end - f.sentence_start)):
        return m.group(1)
    return counts


def _info(f: Figure, order: int) -> _Info:
    # the figure's own words ("first time", "$800 a month") say nothing about whether two sentences agree
    stems = _stems(f.sentence) - (_stems(f.surface) - _stems(f.counts or ""))
    counts = counted_phrase(f)
    phrase = counts if (counts or "").lower() not in _PRONOUN_COUNTS else None
    concepts = concepts_of(phrase) | concepts_of(f.aka) | concepts_of(modified_noun(f))  # "a 136-unit block"
    if not concepts and f.unit and f.kind in ("other", "distance"):
        concepts = concepts_of(measured_thing(f)) & _KNOWN_CONCEPTS  # "200,000 tonne vessel": ships
    if f.kind == "ordinal" and concepts <= {"time"} and stems & {"visit", "trip"}:
        concepts = frozenset({"visits"})
    words = {w.lower() for w in _WORD.findall(f"{f.counts or ''} {f.aka or ''}")}
    military = bool(words & MILITARY_WORDS) or bool(concepts & {"troops", "sappers"})
    whole = float(f.value).is_integer()  # "the 6.9 quake" is a magnitude, never a toll
    frame = role_of(f) or "other" if f.kind == "count" and whole else "other"
    if frame == "other" and f.kind == "count" and whole and _fate_of_the_dead(f):
        frame = "dead"  # "124 have been identified and one has not": only the dead are (their fate is added below)
    if frame != "other" and _counts_a_thing(f):
        frame = "other"  # "5,100 dead after the collapse of two dams": the dams are no toll
    if frame != "other" and (kind := _subgroup(f)):
        frame += f"+{kind}"  # "17 children died": a part of the toll, by who they were
        concepts = frozenset({kind})  # "two cops", "two police officers": one kind however worded
    elif frame != "other" and (fate := fate_of(f)):
        frame += f"+{fate}"  # "88 bodies have been identified": a part of the toll, a fact of its own
    if frame != "other" and f.counts_inferred and is_role_word(f.counts):
        concepts = frozenset()  # "the death toll rose to 260" counts deaths: the role, not a thing of its own
    if f.kind == "count" and is_projection(f):
        frame += "@projected"  # "could reach 20,000" is an estimate: only ever beside other estimates
    elif f.kind == "count" and frame == "other" and is_capacity(f):
        frame = "other@capacity"  # "can hold 42,000 people": what a place takes, never a count of who came
    return _Info(f, order, concepts, military, frame, stems, _bucket_key(f))


_SIDED_KINDS = frozenset({"distance", "other"})


def _measures_own_words(infos: list[_Info]) -> None:
    """A measure that names no thing and shares its sentence with other figures is compared by the words on its
    side of the sentence (up to halfway to the next figure), not the whole sentence: in "drilled 24 metres
    through rubble spread over a 60-metre area", "drilled" goes with 24 metres and "area" with 60 metres."""
    by_sentence: dict[tuple[str, int], list[_Info]] = defaultdict(list)
    for i in infos:
        by_sentence[(i.fig.article_id, i.fig.sentence_index)].append(i)
    for members in by_sentence.values():
        if len(members) < 2 or not any(i.fig.kind in _SIDED_KINDS and not i.concepts for i in members):
            continue
        members.sort(key=lambda i: i.fig.start)
        for n, i in enumerate(members):
            if i.fig.kind not in _SIDED_KINDS or i.concepts:
                continue
            f, base = i.fig, i.fig.sentence_start
            left = (members[n - 1].fig.end + f.start) // 2 - base if n else 0
            right = (f.end + members[n + 1].fig.start) // 2 - base if n + 1 < len(members) else len(f.sentence)
            own = _informative_stems(f.sentence[left:right]) - (_stems(f.surface) - _stems(f.counts or ""))
            i.stems = frozenset(own)


_FATES_OF_THE_DEAD = frozenset({"identified", "not identified", "handed over", "claimed", "not claimed", "buried"})


def _fate_of_the_dead(f: Figure) -> str | None:
    """What is done only with bodies, said of persons counted for it alone ("124 people have been identified")."""
    if (f.counts or "people").lower() not in ("people", "persons", "bodies"):
        return None
    fate = fate_of(f)
    return fate if fate in _FATES_OF_THE_DEAD else None


def _counts_a_thing(f: Figure) -> bool:
    """The figure counts something that is never a casualty (dams, homes, villages), by its own head word."""
    words = _WORD.findall((f.counts or "").split(" and ")[0])
    return bool(words) and not f.counts_inferred and _lemma(words[-1]) in THINGS


def _subgroup(f: Figure) -> str | None:
    phrase = counted_phrase(f)
    if phrase != f.counts:  # "two members of the police force": any word of what they are members of
        return next((k for w in _WORD.findall(phrase or "") if (k := SUBGROUPS.get(_lemma(w)))), None)
    words = _WORD.findall((f.counts or "").split(" and ")[0])
    head = _lemma(words[-1]) if words and not f.counts_inferred else ""
    return SUBGROUPS.get(head) or SUBGROUPS.get(words[-1].lower() if words else "")


_WHERE_BEFORE = re.compile(r"\b(?:in|across)\s+$", re.IGNORECASE)


def _where(f: Figure) -> bool:
    """ "injured in 11 villages", "across 12 provinces": the count says where another fact happened."""
    start = f.start - f.sentence_start
    return _counts_a_thing(f) and bool(_WHERE_BEFORE.search(f.sentence[max(0, start - 12) : start]))


def is_toll(frame: str) -> bool:
    """A frame of a toll (dead, injured, ... possibly scoped "dead@Syria"), not of any other count."""
    return not frame.startswith("other")


def _bucket_key(f: Figure) -> _Key:
    if f.kind == "date":
        return ("date", f.date or format_value(f.value))
    if f.kind == "duration" and f.unit in TIME_IN_DAYS:
        return ("duration", round(f.value * TIME_IN_DAYS[f.unit], 1), f.value_max)
    if f.kind == "count" and is_age(f):  # "Farel, 14 - who died" read as a count: an age, like "Farel, 14,"
        return ("duration", round(f.value * TIME_IN_DAYS["year"], 1), f.value_max)
    if _decimal_measure(f):
        return ("decimal", round(f.value, 6), f.value_max, per_of(f))
    unit = _UNITS.get(f.unit or "", f.unit)
    return (f.kind, round(f.value, 6), f.value_max, unit, per_of(f), f.vague, is_increment(f))


_MORE_AFTER = re.compile(
    r"(?:\d|\b(?:dozens|hundreds|thousands|millions|one|two|three|four|five|six|seven|eight|nine|ten))"
    r"\s+(?:more|additional|further|extra|new)\b(?!\s+than)",
    re.IGNORECASE,
)


def is_increment(f: Figure) -> bool:
    """ "four more bodies", "thousands more injured", "300 new cases": what was added, never the total.
    ("A further 5,000 workers" is not one: it is often a second contingent, not more of the same.)"""
    start, end = f.start - f.sentence_start, f.end - f.sentence_start
    return f.kind == "count" and bool(_MORE_AFTER.search(f.sentence[start : end + 15]))


def _decimal_measure(f: Figure) -> bool:
    """ "a 6.9 magnitude earthquake", "the 6.9 quake": a number with decimals and no convertible unit is a
    measure of one thing, however each report names that thing (the extractor may read it as a count)."""
    return (
        f.kind in ("count", "other")
        and not f.vague
        and not float(f.value).is_integer()
        and measure(f)[0] not in ("length", "mass")
    )


def _strong(i: _Info) -> bool:
    """A figure specific enough that the same value and the same kind of thing means the same claim."""
    f = i.fig
    if f.kind == "date":
        return bool((f.date and f.date.startswith("--")) or (f.date and f.date.count("-") == 2))
    if f.kind in ("money", "percent"):
        return True
    if f.kind == "count":
        return (bool(i.concepts) or is_toll(i.frame)) and (f.value >= 100 or f.vague)
    return f.kind in ("distance", "other") and f.value >= 100


# -- clustering -----------------------------------------------------------------------------------


class _Stories:
    """Which story each article belongs to: figures of different stories are never one claim, and words
    are weighed within a story, so unrelated reports in the corpus do not change how a story groups."""

    def __init__(self, index: StoryIndex) -> None:
        self._index = index

    def story(self, article_id: str) -> str:
        return self._index.story_of(article_id) or article_id

    def same(self, a: str, b: str) -> bool:
        return a == b or self.story(a) == self.story(b)


def _story_idf(figures: dict[str, list[Figure]], stories: _Stories) -> dict[str, dict[str, float]]:
    """Article id -> word weights computed over the sentences of its story."""
    by_story: dict[str, list[Figure]] = defaultdict(list)
    for aid, figs in figures.items():
        by_story[stories.story(aid)].extend(figs)
    weights = {story: _idf(figs) for story, figs in by_story.items()}
    return {aid: weights[stories.story(aid)] for aid in figures}


_Weights = dict[str, dict[str, float]]  # article id -> word weights of its story


def _cluster(infos: list[_Info], idf: _Weights, stories: _Stories) -> list[list[_Info]]:
    buckets: dict[_Key, list[_Info]] = defaultdict(list)
    for i in infos:
        buckets[(stories.story(i.fig.article_id), *i.key)].append(i)
    clusters: list[list[_Info]] = []
    for members in buckets.values():
        members.sort(key=lambda i: (len(i.concepts) != 1, i.order, i.fig.start))
        recurring = _recurring_things(members)
        local: list[list[_Info]] = []
        for info in members:
            best = _best_cluster(info, local, idf, stories, recurring)
            if best is None:
                local.append([info])
            else:
                best.append(info)
        clusters.extend(_join_recurring_toll(local, recurring))
    return clusters


def _join_recurring_toll(clusters: list[list[_Info]], recurring: frozenset[str]) -> list[list[_Info]]:
    """A count with no role of its own that repeats a toll's value and the toll's own head, a head three or more
    reports of the story give that value ("40 workers trapped" ... "all 41 workers were rescued", "the 41
    workers"), counts the same persons: it joins that toll (when only one toll of the value names the head, and two
    or more reports give that toll; "thousands" is no value to repeat). A count of 100 or more that names no
    thing and no role ("officials had put the figure as high as 174") joins it the same way: a number that size
    with no noun of its own, beside the story's one toll of that value, is that toll."""
    tolls = [c for c in clusters if is_toll(c[0].frame) and not re.search("[@+]", c[0].frame)]
    if not tolls:
        return clusters
    out = []
    for c in clusters:
        bare = not c[0].concepts and c[0].fig.value >= _SUBSTANTIAL  # "had put the figure as high as 174"
        head = c[0].concepts & recurring
        role_less = c[0].frame == "other" and not c[0].fig.vague and (bool(head) or bare)
        into = [
            t for t in tolls if role_less and (bare or head <= t[0].concepts) and len({i.fig.article_id for i in t}) > 1
        ]
        if len(into) == 1:
            into[0].extend(c)
        else:
            out.append(c)
    return out


def _join_dates_without_year(
    clusters: list[list[_Info]], stories: _Stories, published: dict[str, str | None]
) -> list[list[_Info]]:
    """ "November 12" and "November 12, 2023" in one story are one date when the reports giving the day alone
    came out in that year (or are undated) and the story names that day in no other year."""
    full: dict[tuple[str, str], list[list[_Info]]] = defaultdict(list)
    for c in clusters:
        date = c[0].fig.date or ""
        if c[0].fig.kind == "date" and len(date) == 10 and date[4] == "-":
            full[(stories.story(c[0].fig.article_id), date[4:])].append(c)
    if not full:
        return clusters
    out = []
    for c in clusters:
        date = c[0].fig.date or ""
        into = full.get((stories.story(c[0].fig.article_id), date[1:])) if date.startswith("--") else None
        years = {(published.get(i.fig.article_id) or "")[:4] for i in c} - {""}
        if into and len(into) == 1 and years <= {(into[0][0].fig.date or "")[:4]}:
            into[0].extend(c)
        else:
            out.append(c)
    return out


_RECURRING = 3  # reports of one story that give the same small count of the same thing ("two dams")


def _recurring_things(members: list[_Info]) -> frozenset[str]:
    """Things one value counts in three or more reports of a story (the members share story, value and unit):
    "two dams" repeated across the story's reports is one fact however different the sentences around it."""
    if len(members) < _RECURRING or members[0].fig.kind != "count":
        return frozenset()
    articles: dict[str, set[str]] = defaultdict(set)
    for i in members:
        for concept in i.concepts - _GENERIC_HEADS:
            articles[concept].add(i.fig.article_id)
    return frozenset(c for c, ids in articles.items() if len(ids) >= _RECURRING)


def _best_cluster(
    info: _Info, clusters: list[list[_Info]], idf: _Weights, stories: _Stories, recurring: frozenset[str]
) -> list[_Info] | None:
    best, best_score = None, 0.0
    for c in clusters:
        core = c[0]
        if core.frame != info.frame:
            continue
        # "4,000 injured", "4,000 people were hurt": the role (a toll) says what is counted
        compatible = (
            is_toll(core.frame)
            or _compatible_concepts(core.concepts, info.concepts, info.fig.kind)
            or _one_decimal_measure(core, info)
        )
        open_wording = not compatible and (
            _unknown_only(core.concepts) or _unknown_only(info.concepts) or _persons_named_apart(core, info)
        )
        if not compatible and not open_wording:
            continue
        if not stories.same(info.fig.article_id, core.fig.article_id):
            continue  # figures of unrelated stories are never one claim
        sim = max(_similarity(info.stems, m.stems, idf[info.fig.article_id]) for m in c[:_MAX_COMPARED])
        distinctive = (
            _one_decimal_measure(core, info)
            or (_strong(core) and _strong(info) and not open_wording)
            or bool(core.concepts & info.concepts & recurring)
            or _share_a_number(core, info)
        )
        if sim < SIMILAR_ENOUGH and not distinctive:
            continue
        score = len(core.concepts & info.concepts) + sim
        if best is None or score > best_score:
            best, best_score = c, score
    return best


_BIG_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.,])\d{3,}(?![\d,])")


@lru_cache(maxsize=8192)
def _numbers_in(sentence: str) -> frozenset[str]:
    """Numbers of three digits or more a sentence states, years left out ("2,750 tons", not "2013")."""
    found = _BIG_NUMBER.findall(sentence)
    return frozenset(n.replace(",", "") for n in found if not (len(n) == 4 and n[:2] in ("18", "19", "20")))


def _share_a_number(a: _Info, b: _Info) -> bool:
    """ "2,750 tons ... kept in a depot for six years", "2,750 tonnes stored in a warehouse for six years": two
    reports' sentences that state the same other number besides the figure tell the same thing around it."""
    if a.fig.article_id == b.fig.article_id:
        return False
    own = {format(a.fig.value, ".0f")}
    return bool((_numbers_in(a.fig.sentence) & _numbers_in(b.fig.sentence)) - own)


def _one_decimal_measure(a: _Info, b: _Info) -> bool:
    """The same decimal value in one story ("6.9 magnitude" and "6.9 quake") is one measure: the story's own
    words for it (earthquake, quake, tremor) are taken as one thing, unless both name things the tables know
    apart."""
    if not (_decimal_measure(a.fig) and _decimal_measure(b.fig)):
        return False
    known_a, known_b = a.concepts & _KNOWN_CONCEPTS, b.concepts & _KNOWN_CONCEPTS
    return not (known_a and known_b and not known_a & known_b)


def _compatible_concepts(a: frozenset[str], b: frozenset[str], kind: str) -> bool:
    if not a and not b:
        return True
    if not a or not b:
        return kind not in ("count", "ordinal")
    return bool(a & b)


# -- groups -----------------------------------------------------------------------------------------


def _make_group(cluster: list[_Info], labels: dict[str, str]) -> FigureGroup:
    if len(cluster) == 1:  # most groups: no order to find
        members = [cluster[0].fig]
        article_ids = [members[0].article_id]
    else:
        members = [i.fig for i in sorted(cluster, key=lambda i: (i.order, i.fig.start))]
        article_ids = list(dict.fromkeys(f.article_id for f in members))
    first = members[0]
    counts = _most_common([f.counts for f in members if f.counts and f.counts.lower() not in _PRONOUN_COUNTS])
    g = FigureGroup(
        id="",
        label=_label(members, counts),
        kind=first.kind,
        value=first.value,
        counts=counts,
        members=members,
        outlets=list(dict.fromkeys(labels.get(a, a) for a in article_ids)),
        article_ids=article_ids,
        unit=first.unit,
        per=first.per,
        vague=first.vague,
    )
    g.variants = [_variant(f, labels) for f in members]
    return g


def _variant(f: Figure, labels: dict[str, str]) -> Variant:
    outlet = labels.get(f.article_id, f.article_id)
    return Variant(
        outlet, f.article_id, f.surface, f.counts, f.qualifier, f.when, f.attribution, f.sentence_index, f.sentence
    )


def _most_common(words: list[str]) -> str | None:
    if not words:
        return None
    if len(words) == 1:  # most groups: one figure
        return _strip_quotes(words[0])
    tally: dict[str, int] = {}
    for w in words:
        key = _strip_quotes(w).lower()
        tally[key] = tally.get(key, 0) + 1
    best = max(tally.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
    return next(_strip_quotes(w) for w in words if _strip_quotes(w).lower() == best)


def _strip_quotes(s: str) -> str:
    return s.strip("“”\"'’‘ ")


def _label(members: list[Figure], counts: str | None) -> str:
    f = members[0]
    if f.kind == "count" and not f.vague and not all(m.surface[:1].isalpha() for m in members):
        number = format_value(f.value) + (f"–{format_value(f.value_max)}" if f.value_max else "")
        return f"{number} {counts}" if counts else number
    if f.kind == "money" and f.unit in _CURRENCY_SIGNS:
        text = f"{_CURRENCY_SIGNS[f.unit]}{format_value(f.value)}"
        return f"{text} a {f.per}" if f.per else text
    surfaces = [m.surface.translate(_NO_QUOTES) for m in members]
    return _most_common(surfaces) or f.surface


def _assign_ids(groups: list[FigureGroup], clusters: list[list[_Info]]) -> None:
    used: Counter[str] = Counter()
    for g, c in zip(groups, clusters, strict=False):
        what = "-".join(sorted(c[0].concepts)) or g.unit or ""
        value = format_value(g.value).replace(",", "").replace(" ", "")
        if g.kind == "date":
            value, what = (g.members[0].date or value).lstrip("-"), ""
        base = _id_text(f"{g.kind}-{value}-{what}")
        used[base] += 1
        g.id = base if used[base] == 1 else f"{base}-{used[base]}"
        for f in g.members:
            f.group = g.id


@lru_cache(maxsize=65536)
def _id_text(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-")


def _within_group_notes(groups: list[FigureGroup], labels: _Labels, published: _Published, info_of: _InfoOf) -> None:
    for g in groups:
        if len(g.article_ids) < 2:
            continue
        _year_note(g, labels, published)
        _wording_note(g, labels, info_of)


def _year_note(g: FigureGroup, labels: _Labels, published: _Published) -> None:
    years: dict[str, list[str]] = defaultdict(list)  # shown phrase -> outlets
    resolved: dict[str, int | None] = {}
    for f in g.members:
        phrase = year_phrase(f.when)
        if phrase is None:
            continue
        outlet = labels.get(f.article_id, f.article_id)
        if outlet not in years[phrase]:
            years[phrase].append(outlet)
        resolved[phrase] = year_of(phrase, published.get(f.article_id))
    if len(years) < 2:
        return
    known = {v for v in resolved.values() if v is not None}
    if len(known) == 1 and None not in resolved.values():
        return  # "last year" in a 2024 report and "2023" elsewhere agree
    parts = [f"{phrase} ({', '.join(outlets)})" for phrase, outlets in years.items()]
    g.notes.append("the year differs: " + " vs ".join(parts))


def _wording_note(g: FigureGroup, labels: _Labels, info_of: _InfoOf) -> None:
    if g.kind != "count" or g.vague:
        return
    by_concepts: dict[frozenset[str], list[Figure]] = defaultdict(list)
    for f in g.members:
        by_concepts[info_of[_figure_key(f)].concepts].append(f)
    if len(by_concepts) < 2:
        return
    parts = []
    for figs in by_concepts.values():
        outlets = ", ".join(dict.fromkeys(labels.get(f.article_id, f.article_id) for f in figs))
        parts.append(f"“{_strip_quotes(figs[0].surface)}” ({outlets})")
    g.notes.append("described differently: " + " vs ".join(parts))


def _related_groups(
    groups: list[FigureGroup],
    clusters: list[list[_Info]],
    labels: _Labels,
    idf: _Weights,
    stories: _Stories,
    published: _Published,
) -> None:
    by_concept: dict[_Key, list[int]] = defaultdict(list)
    for n, c in enumerate(clusters):
        g = groups[n]
        year = g.kind == "date" and len(g.members[0].date or "") == 4  # "in 2013" beside "in 2014"
        if (
            g.kind not in ("count", "ordinal", "money", "percent", "fraction", "other", "distance", "duration")
            and not year
        ):
            continue
        dimension, per = measure(g.members[0])[0], per_of(g.members[0])
        concepts = c[0].concepts or {""}  # no counted thing: the sentences must show it is the same
        if dimension in ("length", "mass") or _decimal_measure(g.members[0]):
            concepts = concepts | {""}  # a measure in another unit may name its thing differently
        added = is_increment(g.members[0])  # "four more bodies" is not a toll of four
        for concept in concepts:
            by_concept[(g.story, _kind(g), concept, c[0].frame, dimension, per, added)].append(n)
        if is_toll(c[0].frame):  # a toll is a toll whatever it counts ("200 people", "risen to 260")
            by_concept[(g.story, _kind(g), "", c[0].frame, dimension, per, added)].append(n)
    pairs = set()
    size = [measure(g.members[0])[1] for g in groups]
    for key, members in by_concept.items():
        if key[1] == "ordinal":  # ordinals compare by their sentences, whatever their numbers
            bound = math.inf
        else:  # values further apart than any rule of _same_thing allows are never compared
            bound = FIRST_DAY_RATIO if is_toll(key[3]) or key[2] else UPDATE_RATIO
        members.sort(key=lambda n: size[n])
        for x in range(len(members)):
            top = size[members[x]] * bound if size[members[x]] > 0 else math.inf
            for y in range(x + 1, len(members)):
                if size[members[y]] > top:
                    break
                pairs.add((min(members[x], members[y]), max(members[x], members[y])))
    for a, b in sorted(pairs):
        ga, gb = groups[a], groups[b]
        if _in_sum(ga, gb) or not _same_thing(ga, gb, clusters[a], clusters[b], idf, stories, published):
            continue
        _relate(ga, gb, labels)
        _relate(gb, ga, labels)


def _in_sum(ga: FigureGroup, gb: FigureGroup) -> bool:
    """One is a part of a sum the other is: related already, and not as "another number"."""
    return any(gb.id in pair for pair in ga.sum_of) or any(ga.id in pair for pair in gb.sum_of)


def _same_thing(
    ga: FigureGroup,
    gb: FigureGroup,
    ca: list[_Info],
    cb: list[_Info],
    idf: _Weights,
    stories: _Stories,
    published: _Published,
) -> bool:
    if ga.unit != gb.unit and _converted(ga, gb):
        return True  # "1,312 feet" and "400 m", "240km (150 miles)": one measure in two units
    if ga.value == gb.value:
        return False
    if _anchored_apart(ga, gb) or _progress_and_measure(ga, gb):
        return False
    owners_a, owners_b = (_owners(ca), _owners(cb)) if ga.kind == "count" else (frozenset(), frozenset())
    if owners_a and owners_b and not owners_a & owners_b:
        return False  # "three wagons of the mountain railway", "seven wagons of the freight train"
    if not is_toll(ca[0].frame) and any(_where(i.fig) for i in ca) != any(_where(i.fig) for i in cb):
        return False  # "injured in 11 villages" is where the toll happened; "12 villages destroyed" a fact
    cited = bool(set(ga.article_ids) & set(gb.article_ids))
    told_as_change = cited and _change_told(ga, gb)
    if cited and not is_toll(ca[0].frame) and not told_as_change:
        return False  # an outlet that gives both numbers is telling two different things
    if not any(stories.same(x, y) for x in ga.article_ids for y in gb.article_ids):
        return False
    if ga.vague or gb.vague:
        return _vague_fits(ga, gb, ca, cb)
    if ga.kind == "ordinal":
        if min(ga.value, gb.value) <= 1:
            return False  # "the first quake", "a second quake": two things named by order, not one count of them
        weights = idf[ca[0].fig.article_id]
        return max(_similarity(i.stems, j.stems, weights) for i in ca for j in cb) >= SIMILAR_ENOUGH
    if cited and not _set_against(ga, gb) and not told_as_change:
        return _rival_counts(ca, cb)
    low, high = sorted((measure(ga.members[0])[1], measure(gb.members[0])[1]))
    toll = is_toll(ca[0].frame)  # a toll grows as the bodies are counted, whatever the dates say
    # a count may grow between reports of different days; a length or a magnitude does not
    grows = toll or ((ga.kind == "count" or _work_done(ga, gb)) and _dated_apart(ga, gb, published))
    limit = UPDATE_RATIO if grows else SAME_THING_RATIO
    if toll and _rises_later(ga, gb, published):
        limit = FIRST_DAY_RATIO  # "over 50 feared dead" on the night of a crash, 288 two days later
    if not (low > 0 and high / low <= limit):
        return low > 0 and high / low <= FIRST_DAY_RATIO and _one_fact_far_apart(ga, gb, ca, cb)
    if _one_decimal_measure(ca[0], cb[0]) and high / low <= CLOSE_MEASURE:
        return True  # "6.4", "6.3 magnitude", "6.2": one quake as each agency measured it
    if not ca[0].concepts or not cb[0].concepts:  # "the toll rose to 260" next to "200 killed", days apart
        return toll or _sentences_alike(ca, cb, idf)
    shared = ca[0].concepts & cb[0].concepts
    if not shared:  # related only as casualties: the sentences must say the same
        return _sentences_alike(ca, cb, idf)
    if shared <= _GENERIC_HEADS and not toll:  # "people" affected, "people" in relief camps: what of them?
        return _same_predicate(ca, cb)
    return True


def _one_fact_far_apart(
    ga: FigureGroup, gb: FigureGroup, ca: list[_Info], cb: list[_Info], vague: bool = False
) -> bool:
    """Two reports give one thing far different numbers ("20 aftershocks", "243 aftershocks"; "32 children
    died", "17 children were among the dead"): the same named thing (not only "people"), the same role, and a
    verb their clauses share say it is one fact told differently, not two facts. No report gives both (one that
    does is telling two things) and neither is vague ("hundreds of homes" says no number to compare)."""
    if (not vague and (ga.vague or gb.vague)) or set(ga.article_ids) & set(gb.article_ids):
        return False
    if ca[0].frame != cb[0].frame or ga.kind != "count":
        return False
    if not (ca[0].concepts & cb[0].concepts) - _GENERIC_HEADS:
        return False
    if _owners(ca) != _owners(cb) and not _owners(ca) & _owners(cb):
        return False  # "two coaches of the Yeshwantpur express", "four coaches of the superfast train"
    pa = frozenset().union(*(predicate_of(i.fig) for i in ca))
    pb = frozenset().union(*(predicate_of(i.fig) for i in cb))
    return bool(pa & pb)


_OWNER = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?((?:[\w-]+\s+){0,3}[\w-]+)")


def _owners(c: list[_Info]) -> frozenset[str]:
    """Whose things the figures count ("coaches of the Bengaluru-Howrah Express"), as stems."""
    words: set[str] = set()
    for i in c:
        if m := _OWNER.match(i.fig.sentence, i.fig.end - i.fig.sentence_start):
            phrase = list(itertools.takewhile(_names_owner, m.group(1).split()))
            words |= _stems(" ".join(phrase))
    return frozenset(words)


def _names_owner(word: str) -> bool:
    """A word of the owner's name, not the verb or clause after it ("of the train derailed", "of it and")."""
    return not _VERB_FORM.fullmatch(word.lower()) and word.lower() not in SIMILARITY_STOP


# "at a depth of 17.9 km", "26 kilometers (16 miles) from the town of Nurdagi": what a distance is measured to
_DEPTH_BEFORE = re.compile(r"\b(?:depth|deep)\b(?:[^.;]|\.\d){0,30}$", re.IGNORECASE)
_FROM_AFTER = re.compile(
    r"\)?\s*(?:\([^)]*\)\s*)?(?:[a-z]+\s+){0,2}?(?:from|of|off)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|province|capital|region|port) of\s+)?([A-Z][\w-]+)"
)


def _anchor(f: Figure) -> str | None:
    start, end = f.start - f.sentence_start, f.end - f.sentence_start
    if m := _FROM_AFTER.match(f.sentence, end):
        return m.group(1).lower()
    return "depth" if _DEPTH_BEFORE.search(f.sentence[:start]) else None


def _anchored_apart(ga: FigureGroup, gb: FigureGroup) -> bool:
    """Two lengths measured to different things (a quake's depth, its distance from a town) are two facts,
    however close their numbers."""
    if measure(ga.members[0])[0] != "length" or measure(gb.members[0])[0] != "length":
        return False
    anchors_a = {a for f in ga.members if (a := _anchor(f))}
    anchors_b = {a for f in gb.members if (a := _anchor(f))}
    return bool(anchors_a and anchors_b and not anchors_a & anchors_b)


def _change_told(ga: FigureGroup, gb: FigureGroup) -> bool:
    """Every report giving both values tells them as a change: each stands in a sentence that says the count
    was revised, rose, or was the earlier one ("the number of workers trapped has been revised to 41",
    "according to an earlier list, 40 workers were trapped"): one fact at two moments, not two facts."""
    for article in set(ga.article_ids) & set(gb.article_ids):
        for g in (ga, gb):
            if not any(f.article_id == article and tells_revision(f.sentence) for f in g.members):
                return False
    return True


def _progress_and_measure(ga: FigureGroup, gb: FigureGroup) -> bool:
    """One length is work done so far ("after drilling for 45 metres"), the other a length no work is said of
    ("trapped an estimated 60 metres away"): progress towards a distance is not that distance."""
    done_a = [work_done(f) for f in ga.members]
    done_b = [work_done(f) for f in gb.members]
    return (all(done_a) and not any(done_b)) or (all(done_b) and not any(done_a))


def _work_done(ga: FigureGroup, gb: FigureGroup) -> bool:
    """Both lengths are work done so far ("drilled 24 metres", "excavated 45 metres"): they grow like counts."""
    return all(work_done(f) for g in (ga, gb) for f in g.members)


def _rival_counts(ca: list[_Info], cb: list[_Info]) -> bool:
    """One report gives two numbers for the same toll of the same place ("the Taliban said 2,000 died; the Red
    Crescent said 500 were killed"): it is citing two counts of one fact, however far apart, unless its
    sentences say something else happened to one of them ("200 dead were brought to hospitals")."""
    return _no_thing_named(ca[0].concepts) and _no_thing_named(cb[0].concepts) and _same_predicate(ca, cb)


def _no_thing_named(concepts: frozenset[str]) -> bool:
    """ "2,000 people", "500 deaths", "1,663 others": persons counted for the role alone, not "200 bodies",
    "11 villages" or "84 Egyptians" (a thing of their own, which may be a different fact)."""
    return all(c in _GENERIC_HEADS or c == "other" or is_role_word(c) or is_role_word(c + "s") for c in concepts)


def _same_predicate(ca: list[_Info], cb: list[_Info]) -> bool:
    """No report says something different happened to them: "10 lakh people reached by the flood" and
    "7 lakh people sheltering in camps" are two facts; a figure whose clause has no verb says nothing."""
    pa = frozenset().union(*(predicate_of(i.fig) for i in ca))
    pb = frozenset().union(*(predicate_of(i.fig) for i in cb))
    return not pa or not pb or bool(pa & pb)


_NOT_VERBS = frozenset({"morning", "evening", "building", "thing", "nothing", "something", "hundred", "following"})
_VERB_FORM = re.compile(r"\b[a-z]{3,}(?:ed|ing)\b")
_CLAUSE = re.compile(r"[,;:()—–]|\bwhile\b|\bwhereas\b")


def predicate_of(f: Figure) -> frozenset[str]:
    """What the figure's clause says happened to what it counts: the verb forms after it up to the clause's end
    ("people are sheltering in camps"), and the one just before it ("has reached 10.3 lakh people"), as stems."""
    start, end = f.start - f.sentence_start, f.end - f.sentence_start
    after = f.sentence[end:]
    cut = _CLAUSE.search(after)
    words = _VERB_FORM.findall(after[: cut.start()] if cut else after)
    before = f.sentence[:start].split()
    if before and _VERB_FORM.fullmatch(before[-1]):
        words.append(before[-1])
    return frozenset(w[:5] for w in words if w not in SIMILARITY_STOP and w not in _NOT_VERBS)


def _set_against(ga: FigureGroup, gb: FigureGroup) -> bool:
    """ "A doctor said 90 had died, while the governor put the toll at 140": one sentence sets the two
    values of one toll against each other."""
    at_a = {(f.article_id, f.sentence_index) for f in ga.members if sentence_moment(f)}
    return any((f.article_id, f.sentence_index) in at_a for f in gb.members)


def _sentences_alike(ca: list[_Info], cb: list[_Info], idf: _Weights) -> bool:
    weights = idf[ca[0].fig.article_id]
    return max(_similarity(i.stems, j.stems, weights) for i in ca for j in cb) >= SIMILAR_ENOUGH


def _vague_fits(ga: FigureGroup, gb: FigureGroup, ca: list[_Info], cb: list[_Info]) -> bool:
    """ "thousands injured" beside "4,000 injured": the exact number lies in the vague one's range."""
    if not is_toll(ca[0].frame):  # "thousands of troops already there" is not the 6,000 to be sent ...
        return _vague_of_one_thing(ga, gb, ca, cb)  # ... but "dozens of aftershocks followed" is "20 followed"
    if ga.vague and gb.vague:
        return False
    vague, exact = (ga, gb) if ga.vague else (gb, ga)
    generic = (
        ca[0].concepts <= _GENERIC_HEADS or cb[0].concepts <= _GENERIC_HEADS
    )  # "hundreds of passengers", "800 people"
    if (
        not _compatible_concepts(ca[0].concepts, cb[0].concepts, "other")
        and not generic
        and not (
            is_role_word(vague.counts)  # "tens of thousands homeless": the vague amount counts the role itself
        )
    ):
        return False  # "hundreds of homes" destroyed is not a toll of people
    return _in_vague_range(vague, exact)  # "thousands" missing beside 10,000 missing


def _vague_of_one_thing(ga: FigureGroup, gb: FigureGroup, ca: list[_Info], cb: list[_Info]) -> bool:
    """A vague count and another count of the same named thing, whose clauses share a verb, in different
    reports: "dozens of aftershocks followed" and "20 aftershocks followed"; "toppled hundreds of buildings" and
    "toppling thousands of buildings" (the exact number lies in the vague one's range, or both are vague)."""
    if not _one_fact_far_apart(ga, gb, ca, cb, vague=True):
        return False
    if ga.vague and gb.vague:
        return True
    vague, exact = (ga, gb) if ga.vague else (gb, ga)
    return _in_vague_range(vague, exact)


def _in_vague_range(vague: FigureGroup, exact: FigureGroup) -> bool:
    """ "thousands" is 1,000 up to ten times that: "dozens" holds 20, "thousands" holds 4,000."""
    return vague.value <= exact.value <= vague.value * 10


def _converted(ga: FigureGroup, gb: FigureGroup) -> bool:
    """Within 1% once in one unit; within 5% when side by side in one sentence (a rounded conversion)."""
    (dim_a, a), (dim_b, b) = measure(ga.members[0]), measure(gb.members[0])
    if dim_a != dim_b or dim_a not in ("length", "mass") or min(a, b) <= 0:
        return False
    spread = abs(a - b) / max(a, b)
    side_by_side = {(f.article_id, f.sentence_index) for f in ga.members} & {
        (f.article_id, f.sentence_index) for f in gb.members
    }
    return spread <= 0.01 or (spread <= 0.05 and bool(side_by_side))


def _kind(g: FigureGroup) -> str:
    """ "2,750 metric tons" read as a count is a measure like "2,750 tonnes"."""
    return "other" if g.kind == "count" and measure(g.members[0])[0] == "mass" else g.kind


def _rises_later(ga: FigureGroup, gb: FigureGroup, published: dict[str, str | None]) -> bool:
    """The smaller value comes only from reports of earlier days than every report of the larger one."""
    low, high = (ga, gb) if ga.value < gb.value else (gb, ga)
    low_days = [published.get(a) for a in low.article_ids]
    high_days = [published.get(a) for a in high.article_ids]
    if not all(low_days) or not all(high_days):
        return False
    return max(str(d)[:10] for d in low_days) < min(str(d)[:10] for d in high_days)


def _dated_apart(ga: FigureGroup, gb: FigureGroup, published: dict[str, str | None]) -> bool:
    """Every report of one group came out on an earlier day than every report of the other."""
    da = [published.get(a) for a in ga.article_ids]
    db = [published.get(a) for a in gb.article_ids]
    if not all(da) or not all(db):
        return False
    a_days, b_days = sorted(str(d)[:10] for d in da), sorted(str(d)[:10] for d in db)
    return a_days[-1] < b_days[0] or b_days[-1] < a_days[0]


def _relate(g: FigureGroup, other: FigureGroup, labels: _Labels) -> None:
    if other.id in g.related:
        return
    g.related.append(other.id)
    for f in other.members:
        outlet = labels.get(f.article_id, f.article_id)
        g.differing.append(
            Differing(
                outlet,
                f.article_id,
                other.id,
                f.value,
                f.surface,
                f.when,
                f.sentence_index,
                f.sentence,
                "another number",
            )
        )
    outlets = ", ".join(other.outlets)
    g.notes.append(f"{outlets} {'says' if len(other.outlets) == 1 else 'say'} {other.label}")


def _sum_relations(groups: list[FigureGroup], info_of: _InfoOf, labels: _Labels, by_id: dict[str, FigureGroup]) -> None:
    """ "1,000 sappers and 5,000 builders" next to "6,000 troops"; "3000 ... on top of 11,000" next to 14,000."""
    by_value: dict[tuple[str | None, float], list[FigureGroup]] = defaultdict(list)
    for g in groups:
        if g.kind == "count" and not g.vague and g.value >= _SUBSTANTIAL:
            by_value[(g.story, g.value)].append(g)
    sentences: dict[tuple[str, int], list[Figure]] = defaultdict(list)
    for g in groups:
        if g.kind == "count" and not g.vague:
            for f in g.members:
                sentences[(f.article_id, f.sentence_index)].append(f)
    seen = set()
    for (_article_id, _), figs in sentences.items():
        figs = figs[:_MAX_COMPARED]  # a sentence that lists dozens of numbers is a table, not two parts of a total
        for x in range(len(figs)):
            for y in range(x + 1, len(figs)):
                a, b = figs[x], figs[y]
                if a.group == b.group:
                    continue
                story = by_id[a.group or ""].story
                for target in by_value.get((story, a.value + b.value), []):
                    if target.id in (a.group, b.group) or (target.id, a.group, b.group) in seen:
                        continue
                    if not _sum_fits(target, info_of[_figure_key(a)], info_of[_figure_key(b)], info_of):
                        continue
                    seen.add((target.id, a.group, b.group))
                    _note_sum(target, a, b, by_id, labels)


def _sum_fits(target: FigureGroup, a: _Info, b: _Info, info_of: _InfoOf) -> bool:
    t = [info_of[_figure_key(f)] for f in target.members]
    concepts = frozenset().union(*(i.concepts for i in t))
    military = any(i.military for i in t)
    if a.frame != t[0].frame or b.frame != t[0].frame:
        return False
    if any(f.article_id == a.fig.article_id and _TOTAL_WORDS.search(f.sentence) for f in target.members):
        return True  # "1,000 deminers and 5,000 builders, 6,000 people in all": the report adds them up itself
    return bool(concepts & (a.concepts | b.concepts)) or (military and a.military and b.military)


def _note_sum(
    target: FigureGroup,
    a: Figure,
    b: Figure,
    by_id: dict[str, FigureGroup],
    labels: _Labels,
) -> None:
    ga, gb = by_id[a.group or ""], by_id[b.group or ""]
    if [ga.id, gb.id] not in target.sum_of:
        target.sum_of.append([ga.id, gb.id])
    for other in (ga, gb):
        if other.id not in target.related:
            target.related.append(other.id)
        if target.id not in other.related:
            other.related.append(target.id)
    outlets = sorted(
        set(ga.outlets) & set(gb.outlets), key=lambda o: list(labels.values()).index(o) if o in labels.values() else 0
    )
    who = ", ".join(outlets) or labels.get(a.article_id, a.article_id)
    parts = [f"{format_value(f.value)} {f.counts or ''}".strip() + (f" ({f.when})" if f.when else "") for f in (a, b)]
    target.notes.append(f"{' + '.join(parts)} = {format_value(target.value)} ({who})")
    target.differing.append(
        Differing(
            who,
            a.article_id,
            f"{ga.id}+{gb.id}",
            a.value + b.value,
            f"{a.surface} + {b.surface}",
            None,
            a.sentence_index,
            a.sentence,
            "a sum of two figures",
        )
    )
