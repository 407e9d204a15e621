"""A story index as plain data that loads fast (StoryIndex.to_state / from_state), for the analysis cache.

Placing one new article reads a few dozen members' signatures, yet loading 100,000 members as objects
(a dict of some thirty term weights each) took a second. Here the signatures lie in flat columns, and a
member becomes an object only when it is first read."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import accumulate
from typing import Any, Protocol


class Member(Protocol):
    """What stories._Member holds (this module does not import stories: stories imports it)."""

    story: str
    signature: dict[str, float]
    day: date | None


MakeMember = Callable[[str, dict[str, float], date | None], Any]


def member_columns(members: Iterable[tuple[str, Member]]) -> dict[str, object]:
    """Members as columns: ids, stories, days (ordinals, 0 for none), then every signature's terms and
    weights one after another, with each signature's size."""
    ids: list[str] = []
    stories: list[str] = []
    days, sizes, terms, weights = array("i"), array("I"), array("I"), array("d")
    vocabulary: dict[str, int] = {}  # each term once; the signatures hold their numbers
    for article_id, m in members:
        ids.append(article_id)
        stories.append(m.story)
        days.append(m.day.toordinal() if m.day else 0)
        sizes.append(len(m.signature))
        terms.extend(vocabulary.setdefault(t, len(vocabulary)) for t in m.signature)
        weights.extend(m.signature.values())
    return {
        "ids": ids,
        "stories": stories,
        "days": days.tobytes(),
        "sizes": sizes.tobytes(),
        "vocabulary": list(vocabulary),
        "terms": terms.tobytes(),
        "weights": weights.tobytes(),
    }


class PackedMembers(dict[str, Any]):
    """Article id -> member, each kept as its row in the columns until first read (then as the object
    `make` builds, which the index may change in place). Every dict method StoryIndex uses gives objects."""

    def __init__(self, columns: dict[str, Any], make: MakeMember) -> None:
        self._make = make
        ids: list[str] = columns["ids"]
        super().__init__(zip(ids, range(len(ids)), strict=True))
        days, sizes, terms, weights = array("i"), array("I"), array("I"), array("d")
        days.frombytes(columns["days"])
        sizes.frombytes(columns["sizes"])
        terms.frombytes(columns["terms"])
        weights.frombytes(columns["weights"])
        self._stories: list[str] = columns["stories"]
        self._days = days
        self._ends = list(accumulate(sizes))
        self._vocabulary: list[str] = columns["vocabulary"]
        self._terms = terms
        self._weights = weights
        rows = {len(ids), len(self._stories), len(days), len(sizes)}
        total = self._ends[-1] if self._ends else 0
        if len(rows) != 1 or not total == len(self._terms) == len(weights):
            raise ValueError("story index columns of different lengths")

    def _member(self, row: int) -> Any:
        start, end = self._ends[row - 1] if row else 0, self._ends[row]
        words = self._vocabulary
        signature = dict(zip([words[t] for t in self._terms[start:end]], self._weights[start:end], strict=True))
        day = self._days[row]
        return self._make(self._stories[row], signature, date.fromordinal(day) if day else None)

    def __getitem__(self, key: str) -> Any:
        value = dict.__getitem__(self, key)
        if isinstance(value, int):
            value = self._member(value)
            dict.__setitem__(self, key, value)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default  # noqa: SIM401 (self.get is this method)

    def pop(self, key: str, *default: Any) -> Any:
        if key not in self:
            if default:
                return default[0]
            raise KeyError(key)
        value = self[key]
        dict.__delitem__(self, key)
        return value

    def values(self) -> Any:
        return [self[k] for k in self]

    def items(self) -> Any:
        return [(k, self[k]) for k in self]

    def __iter__(self) -> Iterator[str]:
        return dict.__iter__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self.items()),))  # pickled as the plain dict it stands for
