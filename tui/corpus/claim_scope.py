"""Where a toll holds: "1,500 dead in Turkey" and "430 in Syria" are two claims, "7,800 in both" a third.

A place scopes a figure only where the story contrasts places: some report gives the same role (dead,
injured, ...) for two places with different numbers. Otherwise "killed 78 in Beirut" and "the toll rose to
154" are the same toll, whatever place their sentences name."""

from __future__ import annotations

import re
from collections import defaultdict

from .figures import Figure

AROUND = 45  # characters either side of the figure where its place is named
REACH = 120  # ... and how far a place closing the sentence reaches back ("1,023 died and 1,663 were hurt in Zinda Jan")
# a place name: "Turkey", "Zinda Jan", "Al Haouz", "Al-Haouz" (short particles only before a longer word)
_NAME = r"(?:[A-Z][a-z]+[- ])*[A-Z][a-z]{2,}"
# "in Turkey", "In Syria,", "in the province of Al Haouz", "across Malawi and Mozambique" (a list of places: the
# figure holds for all)
_PLACE = re.compile(
    r"\b(?:[Ii]n|[Aa]cross|[Ii]nside|[Tt]hroughout)\s+(?:the\s+)?(?:[a-z]+\s+of\s+)?"
    rf"({_NAME}(?:\+{_NAME})*)(?![a-z])"
)
# "Turkey and Syria", "Malawi, Zambia and neighbouring Mozambique": joined into one name before clauses are cut
_LIST = re.compile(
    r"\b([A-Z][a-z]{2,})(?:,\s*|\s+and\s+(?:(?:neighbou?ring|northern|southern|eastern|western)\s+)?)(?=[A-Z][a-z]{2,}\b)"
)
_BREAK = re.compile(r"\band\b|\bwhile\b|\bwhereas\b|[,;:]")
_NAMED = re.compile(_NAME)
_CLAUSE_END = re.compile(r"\bwhile\b|\bwhereas\b|[,;:.](?!\d)")
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
    if not places:  # "1,023 died and 1,663 were injured in Zinda Jan": a place closing the clauses joined by "and"
        rest = f.sentence[end : end + REACH]
        cut = _CLAUSE_END.search(rest)
        closing = _places(_LIST.sub(r"\1+", rest[: cut.start()] if cut else rest))
        places = closing if len(closing) == 1 else frozenset()
    if not places and _THERE.match(f.sentence, end):  # "left thousands dead there": the place named before
        named = _DESTINATION.findall(f.sentence[:start])
        places = frozenset(p for p in (_trim(named[-1]),) if p) if named else frozenset()
    return places


# "... that left thousands dead there"
_THERE = re.compile(r"\s+(?:[a-z]+\s+){0,2}?there\b")
# "teams departed for Turkiye", "flew to Syria", "in Turkey": where "there" points
_DESTINATION = re.compile(rf"\b(?:to|for|into|in)\s+(?:the\s+)?({_NAME})(?![a-z])")


def place_key(name: str) -> str:
    """One key for the spellings of a transliterated name: "Zinda Jan", "Zenda Jan" and "Zindah Jan", "Al Haouz"
    and "Al-Haouz" differ in vowels, h and hyphens only."""
    return re.sub(r"[^a-z]|[aeiouyhw]", "", name.lower())


_ELSEWHERE = re.compile(r"\belsewhere\b|\boutside\s+(?:the\s+)?[A-Z]")


def elsewhere(f: Figure) -> bool:
    """ "killed about 170 people elsewhere in the country": a toll of some other place than the story's own."""
    end = f.end - f.sentence_start
    after = f.sentence[end : end + AROUND]
    cut = _BREAK.search(after)
    return bool(_ELSEWHERE.search(after[: cut.start()] if cut else after))


def _places(text: str) -> frozenset[str]:
    return frozenset(p for names in _PLACE.findall(text) for w in names.split("+") if (p := _trim(w)))


def _trim(name: str) -> str:
    """ "Saturday's" is no place; "The Gambia" is "Gambia"."""
    words = re.split(r"(?<=[- ])", name)
    while words and words[0].strip(" -") in _NOT_PLACES:
        words.pop(0)
    return "".join(words).strip(" -")


def scoped_roles(
    figures: list[Figure],
    roles: list[str],
    story_of: dict[str, str],
    published: dict[str, str | None] | None = None,
    lead_ins: dict[tuple[str, int], str] | None = None,
) -> list[str]:
    """Each figure's role, with "@place" added where its story contrasts that place: a report gives the same
    role for two places with different numbers (Turkey, Syria), or the role for a place beside a larger number
    for no place (1,023 dead in one district, 2,445 in all): that place is a part, for every role of the story."""
    single: list[str | None] = []
    by_article: dict[tuple[str, str], dict[str | None, set[float]]] = defaultdict(lambda: defaultdict(set))
    for f, role in zip(figures, roles, strict=True):
        places = places_near(f) if not role.startswith("other") else frozenset()
        place = place_key(next(iter(places))) if len(places) == 1 else None
        single.append(place)
        if len(places) < 2 and not role.startswith("other") and not elsewhere(f) and not f.vague:
            by_article[(f.article_id, role)][place].add(f.value)
    contrasted: set[tuple[str, str, str]] = set()  # (story, role, place)
    parts: set[tuple[str, str]] = set()  # (story, place)
    for (article_id, role), values in by_article.items():
        story = story_of.get(article_id, article_id)
        placed = {p: v for p, v in values.items() if p}
        if len(placed) > 1 and len({frozenset(v) for v in placed.values()}) > 1:
            contrasted.update((story, role, place) for place in placed)
        whole = max(values.get(None, ()), default=0.0)
        parts.update((story, p) for p, v in placed.items() if max(v) < whole)
    if parts:  # rare: the event's own places are looked for only in the stories that have a part
        parts -= _event_places(figures, story_of, {story for story, _ in parts})
    story_year: dict[str, str] = {}  # the latest year a story's dated reports give (for the undated ones)
    for article_id, day in (published or {}).items():
        story = story_of.get(article_id, article_id)
        if day and day[:4].isdigit() and day[:4] > story_year.get(story, ""):
            story_year[story] = day[:4]
    largest: dict[tuple[str, str], float] = defaultdict(float)  # (article, role) -> its largest toll
    for f, role in zip(figures, roles, strict=True):
        if not role.startswith("other") and not f.vague:
            largest[(f.article_id, role)] = max(largest[(f.article_id, role)], f.value)
    out = []
    for f, role, place in zip(figures, roles, single, strict=True):
        story = story_of.get(f.article_id, f.article_id)
        site = death_site(f) if not role.startswith("other") else None
        if site and f.value * SITE_PART < largest[(f.article_id, role)]:
            role = f"{role}@{site}"  # "34 died inside the stadium", beside 170 dead: where some of them died
        elif place and not role.startswith("other") and ((story, role, place) in contrasted or (story, place) in parts):
            role = f"{role}@{place}"
        elif not role.startswith("other") and elsewhere(f):
            role = f"{role}@elsewhere"  # never the toll of the place the story is about
        elif not role.startswith("other") and (year := _past_year(f, story_year.get(story), lead_ins)):
            role = f"{role}@{year}"  # "an earthquake in 1960 that killed 12,000": another event's toll
        out.append(role)
    return out


SITE_PART = 3  # a toll for one site of the event is a part when its report gives a toll this much larger
# "34 people died inside the stadium", "34 died at the stadium", "12 died on the spot": where those counted died
_DEATH_SITE = re.compile(
    r"\s+(?:people\s+|persons\s+)?(?:(?:were|was|had|have)\s+)?(?:died|killed|perished|crushed to death)\s+"
    r"(?:(?:inside|outside|at)\s+the\s+([a-z]+)\b|on\s+the\s+(spot)\b)"
)


def death_site(f: Figure) -> str | None:
    """The site right after a toll's own verb ("died inside the stadium" -> "stadium"), or None."""
    m = _DEATH_SITE.match(f.sentence, f.end - f.sentence_start)
    return (m.group(1) or m.group(2)) if m else None


_PRONOUN_SUBJECT = re.compile(r"(?:It|That|This|Which)\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_YEAR_OPENING = re.compile(r"\s*(?:In|Back in)\s+((?:1[89]|20)\d\d)\b,?")  # the sentence's own year


def _past_year(f: Figure, published: str | None, lead_ins: dict[tuple[str, int], str] | None = None) -> str | None:
    """The year a figure is stated for ("in 1960 ... killed 12,000"), when it is before its story's year; for a
    sentence whose subject is a pronoun ("It killed 12,000"), the year the sentence before names."""
    year = re.fullmatch(r"(?:1[89]|20)\d\d", f.when or "") or _YEAR.search(f.when or "")
    if not year and (opening := _YEAR_OPENING.match(f.sentence)):
        year = _YEAR.search(opening.group(1))  # "In 1981, ... walkways collapsed, killing 114 people"
    if not year and lead_ins and _PRONOUN_SUBJECT.match(f.sentence.lstrip()):
        years = _YEAR.findall(lead_ins.get((f.article_id, f.sentence_index), ""))
        year = _YEAR.search(years[-1]) if len(years) == 1 else None
    if not year or not published or not published[:4].isdigit():
        return None
    return year.group(0) if year.group(0) < published[:4] else None


def _event_places(figures: list[Figure], story_of: dict[str, str], stories: set[str]) -> set[tuple[str, str]]:
    """(story, place) for the places most reports of a story name: the event's own place (Libya, Derna, Herat),
    of which no toll is only a part, whatever a report's numbers."""
    reports: dict[str, set[str]] = defaultdict(set)
    naming: dict[tuple[str, str], set[str]] = defaultdict(set)
    seen: set[tuple[str, int]] = set()
    for f in figures:
        story = story_of.get(f.article_id, f.article_id)
        if story not in stories:
            continue
        reports[story].add(f.article_id)
        if (f.article_id, f.sentence_index) in seen:
            continue
        seen.add((f.article_id, f.sentence_index))
        for name in _NAMED.findall(f.sentence):
            naming[(story, place_key(name))].add(f.article_id)
    return {key for key, ids in naming.items() if 2 * len(ids) > len(reports[key[0]])}
