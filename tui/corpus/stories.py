"""Stories: the reports of one event, found from their distinctive terms and publication dates.

Each article is summed up by its most distinctive terms (tf x idf over the corpus seen so far). An inverted
index from term to the latest articles that carry it is the blocking step: an article is compared only with
articles that share several of its terms, never with all of them, so cost grows with the corpus, not its
square. It joins the story of the best match when their terms overlap enough and their dates are close;
otherwise it starts a story. Story ids come from the story's first article, so they stay put as reports
are added (`StoryIndex.add` updates the stories for one article without recomputing the others)."""

from __future__ import annotations

import hashlib
import math
from bisect import insort
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from sys import intern
from typing import Any

from .model import Article
from .story_terms import article_terms, day_of

SIGNATURE_SIZE = 30  # distinctive terms kept per article
POSTINGS_KEPT = 24  # articles remembered per term (the latest): enough to find a story, bounded per article
MIN_SHARED = 5  # signature terms a candidate must share before its overlap is weighed
SAME_STORY = 0.25  # idf-weighted share of the smaller signature two reports of one event have in common
MAX_DAYS_APART = 21  # dated reports further apart than this are different events
STORY_DAYS = 21  # a dated report joins a story only this close to the story's middle day (see _in_time)
CANDIDATES_WEIGHED = 8
MIN_SHARED_NUMBERS = 2  # distinctive numbers two stories of one event share ("1,305 dead, 1,832 injured")
SAME_STORY_BY_NUMBERS = 0.12  # ... and the share of their terms they must also have in common
PRIOR_DOCUMENTS = 20  # idf as if this many unrelated reports were also seen: a small corpus still weighs words
STRAY_FIT = SAME_STORY  # idf-weighted share of a small story's terms found anywhere in one story (attach_strays)
STRAY_REPORTS = 2  # ... a story this small, started by a report that fit no story
STRAY_NEARLY = SAME_STORY / 2  # ... but came this close to one (or fit one too far in time)
STRAY_MARGIN = 1.5  # ... at least this many times the share found in any other story: clearly above background
STRAY_DAYS = 2 * MAX_DAYS_APART  # a follow-up report weeks after the event, tied to it by its words
CORE_SHARE = 0.5  # a story's core: the terms in the signatures of more than this share of its reports
CORE_MIN_REPORTS = 3  # ... a story of fewer reports has no core of its own: all its reports' terms stand for it
CORE_FIT = 0.45  # idf-weighted share of a bigger story's core a smaller story holds to join it (join_by_core)
CORE_MARGIN = 2.0  # ... at least this many times the share of any other story's core it holds
CORE_DAYS = 91  # ... dated up to this many days after that story's last report (a hearing, an inquiry, a month on)


@dataclass
class Story:
    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "article_ids": list(self.article_ids),
            "outlets": list(self.outlets),
            "first_published": self.first_published,
            "last_published": self.last_published,
        }


@dataclass
class _Member:
    story: str
    signature: dict[str, float]  # term -> idf when the article was added
    day: date | None


class StoryIndex:
    """Stories of a growing corpus. `add` one article at a time; `stories()` lists them."""

    def __init__(self, document_frequency: Counter[str] | None = None, n_documents: int = 0) -> None:
        self._df: Counter[str] = document_frequency if document_frequency is not None else Counter()
        self._n = n_documents
        self._counted: set[str] = set()  # articles already in _df (a batch counts them up front)
        self._postings: dict[str, list[str]] = {}
        self._members: dict[str, _Member] = {}
        self._stories: dict[str, Story] = {}
        self._published: dict[str, str | None] = {}
        self._outlet: dict[str, str] = {}
        # story -> the days (ordinals, in order) of its dated reports of the event itself: those placed by their
        # words, not the follow-ups joined weeks on (attach_strays, join_by_core), which do not move its dates
        self._days: dict[str, list[int]] = {}
        self._follow_ups: set[str] = set()  # articles whose days are not in their story's _days
        self._near: set[str] = set()  # stories a later report nearly joined
        # one-report stories whose report nearly fit a story -> the reports sharing most terms with it
        self._strays: dict[str, tuple[str, ...]] = {}
        self._nearly_fit: tuple[str, ...] = ()  # the last article placed nearly fit: its closest reports
        self._idf: dict[str, float] | None = None  # term -> weight, while the counts stay fixed (a batch)
        self.is_view = False  # True: knows the stories only, cannot place new articles (see `view`)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the batch's term weights (a cache of the counts, as big as the vocabulary)."""
        return {**self.__dict__, "_idf": None}

    def add(self, article: Article, terms: Counter[str] | None = None) -> str:
        """Place one article (again, if its id is known: it is moved) and return its story id.
        `terms`: its article_terms, when the caller has them already."""
        if article.id in self._members:
            self.remove(article.id)
        if terms is None:
            terms = article_terms(article.title, article.text)
        if article.id not in self._counted:
            self._df.update(terms.keys())
            self._n += 1
            self._counted.add(article.id)
            self._idf = None  # the weights moved
        signature = self._signature(terms)
        day = day_of(article.published)
        matches = self._matching_stories(signature, day)
        story_id = self._absorb(self._one_event(matches)) if matches else _story_id(article.id)
        if not matches and self._nearly_fit:
            self._strays[story_id] = self._nearly_fit
        self._members[article.id] = _Member(story_id, signature, day)
        for term in signature:
            posting = self._postings.setdefault(term, [])
            posting.append(article.id)
            if len(posting) > POSTINGS_KEPT:
                del posting[0]
        self._join(story_id, article)
        return story_id

    def remove(self, article_id: str) -> None:
        member = self._members.pop(article_id, None)
        if member is None:
            return
        for term in member.signature:
            posting = self._postings.get(term)
            if posting and article_id in posting:
                posting.remove(article_id)
        story = self._stories[member.story]
        story.article_ids.remove(article_id)
        days = self._days.get(member.story)
        if article_id in self._follow_ups:
            self._follow_ups.discard(article_id)
        elif member.day is not None and days and member.day.toordinal() in days:
            days.remove(member.day.toordinal())
        self._published.pop(article_id, None)
        self._outlet.pop(article_id, None)
        story.outlets = list(dict.fromkeys(self._outlet[a] for a in story.article_ids))
        if not story.article_ids:
            del self._stories[member.story]
            self._days.pop(member.story, None)
            return
        if not days:  # the event's dated reports are gone: its follow-ups' days time the story now
            left = [a for a in story.article_ids if self._members[a].day is not None]
            self._follow_ups.difference_update(left)
            self._days[member.story] = sorted(self._members[a].day.toordinal() for a in left)  # type: ignore[union-attr]
        self._refresh_dates(story)

    def story_of(self, article_id: str) -> str | None:
        member = self._members.get(article_id)
        return member.story if member else None

    def stories(self) -> list[Story]:
        """Biggest first, then by first publication and id: a stable order."""
        return sorted(self._stories.values(), key=lambda s: (-len(s.article_ids), s.first_published or "", s.id))

    def get(self, story_id: str) -> Story | None:
        return self._stories.get(story_id)

    def outlet_labels(self, n_articles: int) -> dict[str, str] | None:
        """Article id -> outlet label as groups.outlet_labels gives it for a corpus of the `n_articles` this
        index placed (two articles sharing a label get their ids added), without reading the articles; None
        when the index did not place that many (a view knows no outlets)."""
        if len(self._outlet) != n_articles:
            return None
        seen = Counter(self._outlet.values())
        return {a: label if seen[label] == 1 else f"{label} ({a})" for a, label in self._outlet.items()}

    @classmethod
    def view(cls, stories: Iterable[Story]) -> StoryIndex:
        """An index that knows which story each article is in, and nothing to place new articles with:
        enough to show stories and to analyse them one at a time (a cached analysis, a worker process)."""
        index = cls()
        index.is_view = True
        for story in stories:
            index._stories[story.id] = story
            for article_id in story.article_ids:
                index._members[article_id] = _Member(story.id, {}, None)
        return index

    # -- placing an article --------------------------------------------------------------------------

    def _signature(self, terms: Counter[str]) -> dict[str, float]:
        idf = self._idf
        if idf is None:
            log_n = math.log(self._n + PRIOR_DOCUMENTS)
            df = self._df
            # a term no other article has cannot tie this one to a story: it would only dilute the overlap
            weighted = [(c * (log_n - _log(d)), t) for t, c in terms.items() if (d := df[t]) > 1]
            top = sorted(weighted, reverse=True)[:SIGNATURE_SIZE]  # heapq.nlargest's answer, sorted in C
            return {intern(t): log_n - _log(df[t]) for _, t in top}  # one copy of a term for every article
        weighted = [(c * w, t) for t, c in terms.items() if (w := idf.get(t)) is not None]
        return {intern(t): idf[t] for _, t in sorted(weighted, reverse=True)[:SIGNATURE_SIZE]}

    def fix_weights(self) -> None:
        """Weigh terms once for a batch whose counts are all made (build_stories); the next article
        counted in moves them again."""
        log_n = math.log(self._n + PRIOR_DOCUMENTS)
        self._idf = {
            t: log_n - math.log(d) for t, d in self._df.items() if d > 1
        }  # one copy of a term for every article

    def _matching_stories(self, signature: dict[str, float], day: date | None, exclude: str | None = None) -> list[str]:
        """Stories this article belongs with, best first."""
        postings = self._postings
        shared = Counter(chain.from_iterable(postings.get(term, ()) for term in signature))
        found: dict[str, set[str]] = {}  # story -> this article's terms its close reports share
        pair_best: dict[str, float] = {}  # story -> best overlap with one of its reports, on the smaller side
        norm = sum(signature.values())
        late = False  # a report sharing enough terms was too far away in time (see attach_strays)
        # most_common's answer (ties in the order first counted), sorted in C: a third faster than its heap
        closest = sorted(shared.items(), key=itemgetter(1), reverse=True)[: 2 * CANDIDATES_WEIGHED]
        weighed = 0
        for other_id, count in closest:
            if count < MIN_SHARED or weighed == CANDIDATES_WEIGHED:
                break
            other = self._members[other_id]
            if other.story == exclude:
                continue
            if day and other.day and abs((day - other.day).days) > MAX_DAYS_APART:
                late = True
                continue  # not weighed: on a topic reported for months, the closest reports by words are old
            weighed += 1
            common = [t for t in signature if t in other.signature]
            found.setdefault(other.story, set()).update(common)
            small = min(norm, sum(other.signature.values()))
            pair = sum(min(signature[t], other.signature[t]) for t in common) / small if small else 0.0
            pair_best[other.story] = max(pair_best.get(other.story, 0.0), pair)
        scores = {
            story: max(sum(signature[t] for t in terms) / norm, pair_best[story]) for story, terms in found.items()
        }
        fits = [s for s, v in scores.items() if v > SAME_STORY and self._in_time(s, day)]
        # stories this report nearly joined: they may fit a bigger story once it has grown (see settle)
        self._near.update(s for s, v in scores.items() if SAME_STORY / 2 < v <= SAME_STORY)
        nearly = late or any(v > STRAY_NEARLY for v in scores.values())
        self._nearly_fit = tuple(a for a, _ in closest) if nearly else ()
        return sorted(fits, key=lambda s: (-scores[s], s))

    def _in_time(self, story_id: str, day: date | None) -> bool:
        """A dated report belongs only to a story whose middle day (its median report's) is within STORY_DAYS
        of its own. Not anywhere inside the story's first..last span: that span grows with every report that
        joins at its edge, and reports each a few days after the last would chain a story across years (an
        archive of 100,000 reports formed stories spanning 2019-2022). The median stays with most reports: a
        story of one event keeps its days, follow-ups weeks on join by their words later (attach_strays,
        join_by_core). Undated reports, or a story of undated ones, are judged by their words alone."""
        middle = self._middle(story_id)
        return day is None or middle is None or abs(day.toordinal() - middle) <= STORY_DAYS

    def _middle(self, story_id: str) -> int | None:
        """The day (ordinal) of the story's median dated report, the earlier of two; None when none is dated."""
        days = self._days.get(story_id)
        return days[(len(days) - 1) // 2] if days else None

    def _close_in_time(self, a: Story, b: Story, days: int = MAX_DAYS_APART) -> bool:
        """Two stories whose events' dated reports are close enough to be one event (undated stories always
        are): their days at most `days` apart, and their middle days at most STORY_DAYS more, so that stories
        joined one after another (each close to the last) do not chain into one of years."""
        a_days, b_days = self._days.get(a.id), self._days.get(b.id)
        if not a_days or not b_days:
            return True
        spans = b_days[0] - a_days[-1] <= days and a_days[0] - b_days[-1] <= days
        return spans and abs(self._middle(a.id) - self._middle(b.id)) <= days + STORY_DAYS  # type: ignore[operator]

    def _one_event(self, matches: list[str]) -> list[str]:
        """The stories (best first) an article fits that can be one event with the best: an undated report
        fits an earthquake of 2022 and one of 2023 by its words, and belongs with the one it fits best, not
        with the bigger one."""
        best = self._stories[matches[0]]
        return [s for s in matches if s == best.id or self._close_in_time(best, self._stories[s])]

    def _absorb(self, story_ids: list[str], days: int = MAX_DAYS_APART, home: str | None = None) -> str:
        """One report fits several stories: they are one. The biggest (then oldest) keeps its id. `home`: the
        others are follow-ups of that story (a hearing, a memorial): its event's days stay the story's."""
        stories = sorted((self._stories[s] for s in story_ids), key=lambda s: (-len(s.article_ids), s.id))
        keep = stories[0]
        for other in stories[1:]:
            if not self._close_in_time(keep, other, days):
                continue
            if home:  # the reports of the story that is not `home` are follow-ups (before keep takes other's)
                self._follow_ups.update((keep if other.id == home else other).article_ids)
            for article_id in other.article_ids:
                self._members[article_id].story = keep.id
            keep.article_ids.extend(other.article_ids)
            # outlets in the order their first report comes, dates the span of both: what recounting every
            # report would give, without walking a story of thousands each time one report joins
            keep.outlets.extend(o for o in other.outlets if o not in keep.outlets)
            _widen_dates(keep, other.first_published, other.last_published)
            days_of = self._days
            both = sorted(days_of.get(keep.id, []) + days_of.get(other.id, []))
            # an undated event keeps its follow-ups' days: with none, any date would be "in time"
            joined = (days_of.get(home) or both) if home else both
            days_of.pop(other.id, None)
            days_of[keep.id] = joined
            del self._stories[other.id]
        return keep.id

    def settle(self, small: int = 1) -> None:
        """Stories of `small` reports or fewer that a later report nearly joined look again for a bigger
        story they fit (the reports that tie them to it may have come after them)."""
        near = [self._stories[s] for s in sorted(self._near) if s in self._stories]
        self._near.clear()
        for story in sorted(near, key=lambda s: (len(s.article_ids), s.id)):
            if story.id not in self._stories or len(story.article_ids) > small:
                continue
            for article_id in list(story.article_ids):
                member = self._members[article_id]
                matches = self._matching_stories(member.signature, member.day, exclude=story.id)
                if matches:
                    self._absorb([matches[0], story.id])
                    break

    def attach_strays(self) -> None:
        """A lone report that nearly fit a story (or fit one too far in time) joins the story whose reports,
        taken together, hold most of its terms, when that is clearly more than any other story holds. A short
        report's words are mostly ones rare in the corpus but not the event's ("counselling", "grade"): it
        shares a little with each report of its event, too little with any one of them, and reports of other
        events coming in move it across the line. Its event's reports together hold its names and numbers; an
        unrelated story holds a few rare words. A follow-up weeks later (a memorial, an inquiry) is tied the
        same way, up to STRAY_DAYS after the story's last report."""
        strays = sorted(self._strays.items())
        self._strays.clear()
        # story -> every term its reports' signatures hold: a story of thousands of reports is the candidate
        # of thousands of strays, and gathering its terms again for each was most of placing 100,000 articles
        words_of: dict[str, set[str]] = {}
        for story_id, closest in strays:
            story = self._stories.get(story_id)
            if story is None or len(story.article_ids) > STRAY_REPORTS:
                continue  # it was joined since
            home = self._stray_home(story, closest, words_of)
            if home is not None:
                stray_words = self._words(story)
                self._absorb([home, story_id], STRAY_DAYS, home)
                if story_id not in self._stories and home in self._stories and home in words_of:
                    words_of[home].update(stray_words)  # the stray joined its home
                    words_of.pop(story_id, None)
                else:
                    words_of.pop(home, None)
                    words_of.pop(story_id, None)

    def _words(self, story: Story) -> set[str]:
        return set().union(*(self._members[a].signature for a in story.article_ids))

    def _stray_home(self, stray: Story, closest: tuple[str, ...], words_of: dict[str, set[str]]) -> str | None:
        """The bigger story holding STRAY_FIT of this small story's term weight, and STRAY_MARGIN times what
        any other holds, among the stories its `closest` reports (sharing most terms with it) are in now."""
        bigger = self._bigger_stories(stray, closest)
        if not bigger:
            return None  # most lone reports
        terms: dict[str, float] = {}
        for article_id in stray.article_ids:
            terms.update(self._members[article_id].signature)
        norm = sum(terms.values())
        held = []  # (weight of the stray's terms the story's reports hold, story)
        for story in bigger:
            words = words_of.get(story.id)
            if words is None:
                words = words_of[story.id] = self._words(story)
            held.append((sum(w for t, w in terms.items() if t in words), story.id))
        best: tuple[float, str] | None = None
        for weight, other in sorted(held, reverse=True):
            if best is not None and weight * STRAY_MARGIN <= best[0]:
                break  # no other story comes close
            if not self._near_story(other, stray):
                continue
            if best is not None:
                return None  # two stories hold about as much: not clearly one of them
            if weight < STRAY_FIT * norm:
                return None
            best = (weight, other)
        return best[1] if best else None

    def _bigger_stories(self, stray: Story, article_ids: Iterable[str]) -> list[Story]:
        members = self._members
        found = {m.story for a in article_ids if (m := members.get(a)) is not None}
        return [self._stories[s] for s in sorted(found) if len(self._stories[s].article_ids) > len(stray.article_ids)]

    def _near_story(self, story_id: str, stray: Story, after: int = STRAY_DAYS) -> bool:
        """The stray's dated reports come at most MAX_DAYS_APART before the first report of the story's event
        (no report follows up an event before it happened) and `after` days after its last one: the event's,
        not those of follow-ups joined before, so that follow-ups do not carry a story on month after month."""
        days = [d.toordinal() for d in (day_of(stray.first_published), day_of(stray.last_published)) if d]
        event = self._days.get(story_id)
        if not event:
            return True
        return all(event[0] - d <= MAX_DAYS_APART and d - event[-1] <= after for d in days)

    def join_by_core(self) -> None:
        """A smaller story joins the bigger story whose core (the terms most of its reports carry: its places,
        names, the kind of event) it holds CORE_FIT of, and CORE_MARGIN times what it holds of any other story's
        core, when it comes at most CORE_DAYS after that story's last report. A short report told in words of its
        own ("exposure", "blankets") shares too little with any one report of its event, yet holds the names all
        of them share; a part of an event split off by one day's vocabulary holds the core of the other part;
        a court hearing two months on names the site, the receiver, the judge. An unrelated report of the same
        kind holds the kind ("earthquake", "toll") but not the places, which weigh more. Blocked from the side of
        the bigger stories (few): a story is weighed only against those whose core terms' postings hold one of its
        reports, so cost grows with the stories of three reports or more and their cores, not with every lone one."""
        cores: dict[str, dict[str, float]] = {}
        homes: dict[str, set[str]] = {}  # story -> bigger stories whose core terms its reports carry
        members, stories = self._members, self._stories
        for big in [s for s in stories.values() if len(s.article_ids) >= CORE_MIN_REPORTS]:
            for term in self._core(big, cores):
                for article_id in self._postings.get(term, ()):
                    member = members.get(article_id)
                    if member is None or member.story == big.id:
                        continue
                    if len(stories[member.story].article_ids) <= len(big.article_ids):
                        homes.setdefault(member.story, set()).add(big.id)
        moved: dict[str, str] = {}  # a story joined into another since -> that one
        for story_id in sorted(homes, key=lambda s: (len(stories[s].article_ids), s)):
            story = stories.get(story_id)
            if story is None:
                continue  # joined another since
            home = self._core_home(story, {_followed(moved, s) for s in homes[story_id]}, cores)
            if home is not None:
                cores.pop(home, None)
                kept = self._absorb([home, story_id], CORE_DAYS, home)
                moved[home if kept == story_id else story_id] = kept
                cores.pop(kept, None)

    def _core_home(self, story: Story, candidates: set[str], cores: dict[str, dict[str, float]]) -> str | None:
        """The candidate holding CORE_FIT of whose core this story holds, CORE_MARGIN times any other's."""
        own = self._core(story, cores)
        size = max(CORE_MIN_REPORTS, len(story.article_ids))
        held = []  # (share of the other story's core this one holds, other story)
        for other_id in sorted(candidates - {story.id}):
            other = self._stories.get(other_id)
            if other is None or len(other.article_ids) < size or not self._near_story(other_id, story, CORE_DAYS):
                continue
            core = self._core(other, cores)
            total = sum(core.values())
            held.append((sum(w for t, w in core.items() if t in own) / total if total else 0.0, other_id))
        held.sort(reverse=True)
        if not held or held[0][0] < CORE_FIT:
            return None
        if len(held) > 1 and held[1][0] * CORE_MARGIN > held[0][0]:
            return None  # two stories' cores about as well: not clearly one of them
        return held[0][1]

    def _core(self, story: Story, cores: dict[str, dict[str, float]]) -> dict[str, float]:
        """Term -> weight of the terms in the signatures of more than CORE_SHARE of the story's reports (a
        majority: two of four reports share incidental words) or, below CORE_MIN_REPORTS reports, in any."""
        core = cores.get(story.id)
        if core is None:
            signatures = [self._members[a].signature for a in story.article_ids]
            counts = Counter(t for signature in signatures for t in signature)
            need = CORE_SHARE * len(signatures) if len(signatures) >= CORE_MIN_REPORTS else 0
            core = cores[story.id] = {t: w for sig in signatures for t, w in sig.items() if counts[t] > need}
        return core

    def join_by_figures(self) -> None:
        """Stories close in time that share several distinctive numbers (tolls, counts: not years) and enough
        terms are one event told at different stages: "1,305 dead, 1,832 injured" in a short report and in a
        long one whose other words differ. Each story is compared only with stories holding one of its numbers."""
        numbers: dict[str, set[str]] = {}  # story -> its numbers
        holders: dict[str, set[str]] = {}  # number -> stories
        for member in self._members.values():
            for term in member.signature:
                if _distinctive_number(term):
                    numbers.setdefault(member.story, set()).add(term)
                    holders.setdefault(term, set()).add(member.story)
        for story_id in sorted(numbers, key=lambda s: (-len(self._stories[s].article_ids), s)):
            if story_id not in self._stories:
                continue
            rare = (n for n in numbers[story_id] if len(holders[n]) <= POSTINGS_KEPT)  # "#100" ties nothing
            shared = Counter(other for n in rare for other in holders[n] if other != story_id)
            # ties by id, not by set order: the same corpus gives the same stories under any hash seed
            for other, count in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
                if count < MIN_SHARED_NUMBERS or other not in self._stories or story_id not in self._stories:
                    continue
                a, b = self._stories[story_id], self._stories[other]
                if self._close_in_time(a, b) and self._centroid_overlap(a, b) >= SAME_STORY_BY_NUMBERS:
                    kept = self._absorb([story_id, other])
                    gone = other if kept == story_id else story_id
                    numbers[kept] = numbers.get(kept, set()) | numbers.pop(gone, set())
                    for n in numbers[kept]:
                        holders[n].discard(gone)
                        holders[n].add(kept)
                    if kept != story_id:
                        break

    def _centroid_overlap(self, a: Story, b: Story) -> float:
        """Idf-weighted share of the smaller story's terms (averaged over its reports) the other has too."""
        ca, cb = self._centroid(a), self._centroid(b)
        small = min(sum(ca.values()), sum(cb.values()))
        return sum(min(w, cb[t]) for t, w in ca.items() if t in cb) / small if small else 0.0

    def _centroid(self, story: Story) -> dict[str, float]:
        out: dict[str, float] = {}
        for article_id in story.article_ids:
            for term, weight in self._members[article_id].signature.items():
                out[term] = out.get(term, 0.0) + weight / len(story.article_ids)
        return out

    def _join(self, story_id: str, article: Article) -> None:
        story = self._stories.get(story_id)
        if story is None:
            story = self._stories[story_id] = Story(story_id, article.title)
        story.article_ids.append(article.id)
        self._outlet[article.id] = article.outlet_label
        if article.outlet_label not in story.outlets:
            story.outlets.append(article.outlet_label)
        day = day_of(article.published)
        published = article.published if day else None
        self._published[article.id] = published
        if day is not None:
            insort(self._days.setdefault(story_id, []), day.toordinal())
        _widen_dates(story, published, published)

    def _refresh_dates(self, story: Story) -> None:
        dates = sorted(d for a in story.article_ids if (d := self._published.get(a)))
        story.first_published = dates[0] if dates else None
        story.last_published = dates[-1] if dates else None

    # -- kept on disk (the analysis cache) ----------------------------------------------------------------

    def to_state(self) -> dict[str, object]:
        """Everything this index knows, as plain data: members as columns (story_state), so that loading
        it again (`from_state`) builds a member only when it is read. Every other attribute as it is
        (one added later is kept too); the batch's term weights are not (see __getstate__)."""
        from .story_state import member_columns

        plain = {k: v for k, v in self.__dict__.items() if k not in ("_members", "_stories", "_idf")}
        return {
            **plain,
            "_members": member_columns((k, self._members[k]) for k in self._members),
            "_stories": [
                (s.id, s.title, s.article_ids, s.outlets, s.first_published, s.last_published)
                for s in self._stories.values()
            ],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> StoryIndex:
        """The index `to_state` gave, able to place new articles as it could."""
        from .story_state import PackedMembers

        index = cls()
        index.__dict__.update(state)
        index._members = PackedMembers(state["_members"], _Member)
        index._stories = {row[0]: Story(*row) for row in state["_stories"]}
        return index


def _widen_dates(story: Story, first: str | None, last: str | None) -> None:
    """The story's first and last publication once reports dated `first` to `last` join it (None: undated)."""
    if first is not None and (story.first_published is None or first < story.first_published):
        story.first_published = first
    if last is not None and (story.last_published is None or last > story.last_published):
        story.last_published = last


@lru_cache(maxsize=65536)
def _log(n: int) -> float:
    return math.log(n)


def _followed(moved: dict[str, str], story_id: str) -> str:
    """The story a story id now lives on in, after joins."""
    while story_id in moved:
        story_id = moved[story_id]
    return story_id


def _distinctive_number(term: str) -> bool:
    """ "#1832", "#275": a number term that is not a year (which many unrelated reports share)."""
    return term.startswith("#") and not (len(term) == 5 and term[1:3] in ("18", "19", "20"))


def _story_id(first_article_id: str) -> str:
    return "story-" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:10]


def build_stories(articles: Iterable[Article], found: list[Counter[str]] | None = None) -> StoryIndex:
    """Stories of a whole corpus: term frequencies counted first, then articles placed oldest first.
    `found`: each article's article_terms, in the order of `articles`, when the caller has them."""
    items = list(articles)
    df: Counter[str] = Counter()
    terms = {}
    for n, a in enumerate(items):
        terms[a.id] = found[n] if found is not None else article_terms(a.title, a.text)
        df.update(terms[a.id].keys())
    index = StoryIndex(df, len(items))
    index._counted.update(a.id for a in items)
    index.fix_weights()
    # dated reports first, in time order: they found the stories; undated ones then join the one they fit
    for a in sorted(items, key=lambda a: (day_of(a.published) or date.max, a.id)):
        index.add(a, terms.pop(a.id))
    index.settle()
    index.join_by_figures()
    index.attach_strays()
    index.join_by_core()
    return index
