"""Where a toll holds: "1,500 dead in Turkey" and "430 in Syria" are two claims, "7,800 in both" a third.

A place scopes a figure only where the story contrasts places: some report gives the same role (dead,
injured, ...) for two places with different numbers. Otherwise "killed 78 in Beirut" and "the toll rose to
154" are the same toll, whatever place their sentences name."""

from __future__ import annotations

import re
from collections import defaultdict

from .figures import Figure

AROUND = 45  # characters either side of the figure where its place is named
# "in Turkey", "In Syria,", "across Malawi and Mozambique" (a list of places: the figure holds for all)
_PLACE = re.compile(
    r"\b(?:[Ii]n|[Aa]cross|[Ii]nside|[Tt]hroughout)\s+(?:the\s+)?([A-Z][a-z]{2,}(?:\+[A-Z][a-z]{2,})*)\b"
)
# "Turkey and Syria", "Malawi, Zambia and neighbouring Mozambique": joined into one name before clauses are cut
_LIST = re.compile(
    r"\b([A-Z][a-z]{2,})(?:,\s*|\s+and\s+(?:(?:neighbou?ring|northern|southern|eastern|western)\s+)?)(?=[A-Z][a-z]{2,}\b)"
)
_BREAK = re.compile(r"\band\b|\bwhile\b|\bwhereas\b|[,;:]")
_OPENING = re.compile(r"(?:In|Across)\s+(?:the\s+)?[A-Z][a-z]{2,},")
_NOT_PLACES = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Their",
        "They",
        "Its",
        "And",
        "But",
        "For",
        "With",
        "From",
        "Into",
        "After",
        "Before",
        "During",
        "Since",
        "About",
        "According",
        "Officials",
        "Minister",
        "President",
        "Prime",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Some",
        "More",
        "Most",
        "At",
        "In",
        "On",
        "Of",
        "As",
        "By",
        "An",
        "Up",
        "To",
        "Over",
        "Under",
        "Nearly",
        "Around",
        "Almost",
        "Less",
        "Another",
        "Other",
        "Health",
        "Ministry",
    ]
)


def places_near(f: Figure) -> frozenset[str]:
    """The place a figure's own clause names: "1,500 died in Turkey and 810 in Syria" gives Turkey to the
    1,500 and Syria to the 810; a sentence opening "In Turkey, ..." gives Turkey to all its figures."""
    start, end = f.start - f.sentence_start, f.end - f.sentence_start
    after = _LIST.sub(r"\1+", f.sentence[end : end + AROUND])
    cut = _BREAK.search(after)
    places = _places(after[: cut.start()] if cut else after)
    if not places:
        before = _LIST.sub(r"\1+", f.sentence[max(0, start - AROUND) : start])
        cuts = list(_BREAK.finditer(before))
        places = _places(before[cuts[-1].end() :] if cuts else before)
    if not places and (opening := _OPENING.match(f.sentence)):
        places = _places(opening.group(0))
    return places


_ELSEWHERE = re.compile(r"\belsewhere\b|\boutside\s+(?:the\s+)?[A-Z]")


def elsewhere(f: Figure) -> bool:
    """ "killed about 170 people elsewhere in the country": a toll of some other place than the story's own."""
    end = f.end - f.sentence_start
    after = f.sentence[end : end + AROUND]
    cut = _BREAK.search(after)
    return bool(_ELSEWHERE.search(after[: cut.start()] if cut else after))


def _places(text: str) -> frozenset[str]:
    return frozenset(w for names in _PLACE.findall(text) for w in names.split("+") if w not in _NOT_PLACES)


def scoped_roles(figures: list[Figure], roles: list[str], story_of: dict[str, str]) -> list[str]:
    """Each figure's role, with "@Place" added where its story contrasts that place for that role."""
    single: list[str | None] = []
    by_article: dict[tuple[str, str], dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
    for f, role in zip(figures, roles, strict=True):
        places = places_near(f) if not role.startswith("other") else frozenset()
        place = next(iter(places)) if len(places) == 1 else None
        single.append(place)
        if place:
            by_article[(f.article_id, role)][place].add(f.value)
    contrasted: set[tuple[str, str, str]] = set()  # (story, role, place)
    for (article_id, role), values in by_article.items():
        if len(values) > 1 and len({frozenset(v) for v in values.values()}) > 1:
            story = story_of.get(article_id, article_id)
            contrasted.update((story, role, place) for place in values)
    out = []
    for f, role, place in zip(figures, roles, single, strict=True):
        story = story_of.get(f.article_id, f.article_id)
        if place and (story, role, place) in contrasted:
            role = f"{role}@{place}"
        elif not role.startswith("other") and elsewhere(f):
            role = f"{role}@elsewhere"  # never the toll of the place the story is about
        out.append(role)
    return out
