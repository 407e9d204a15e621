"""The role a count plays in its sentence: the dead, the injured, the missing, the displaced, ...

"killed 78 people, injured more than 4,000" holds two tolls in one clause: each figure takes the cue word
nearest to it (a cue after the figure counts only close by: "135 dead", "4,000 injured"). Two figures with
different roles are never one claim, whatever they count ("people")."""

from __future__ import annotations

import re

from .figure_vocab import MONTHS
from .figures import Figure

ROLES = {
    "dead": (
        "killed",
        "kill",
        "killing",
        "dead",
        "died",
        "death",
        "deaths",
        "toll",
        "fatalities",
        "bodies",
        "perished",
        "lives",
        "deceased",
    ),
    "injured": ("injured", "wounded", "hurt", "injuring", "wounding", "injuries", "injury"),
    "critical": ("critical", "serious condition", "seriously", "hospitalised", "hospitalized"),
    "missing": ("missing", "trapped", "trapping", "entrapped", "entrapping", "unaccounted"),
    "displaced": ("displaced", "homeless", "evacuated", "unable to return", "displacement"),
    # the other side of the missing: "136 people had been accounted for" (never one count with the unaccounted)
    "accounted for": ("accounted",),
}
_CUE = re.compile(
    r"\b(" + "|".join(re.escape(c) for cues in ROLES.values() for c in cues) + r")\b",
    re.IGNORECASE,
)
# a number that could be a count of its own; a decimal ("the magnitude 6.9 quake") is a measure, never one
_NUMBER = re.compile(
    r"(?<![\d.,])\d[\d,]*(?!\.\d)(?![\d,])(?!\s*(?:%|per\s?cent))|\d\.\d+\s+(?:million|billion|thousand)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?)\b",
    re.I,
)
# "420 were hurt", "10,000 are still missing"
_AUXILIARIES = re.compile(r"\s*(?:(?:were|was|are|is|have|has|had|been|being|reportedly|still|now)\s+)*")
# "and", a comma, or a conjunction opening a clause of its own ("174 died when thousands of fans invaded")
_CLAUSE_BREAK = re.compile(r"\band\b|[,;]|\b(?:when|while|after|as|because)\b")
# "and injuring": the cue opens the next clause (not "minor and severe injuries")
_AND_BEFORE = re.compile(r"\band\s+$")
# "Muhammad Farel, 14, who died": a number set off by commas after a name is an age, never a toll
_AGE_AFTER_NAME = re.compile(r"[A-Z][a-z]+,\s*$")
_AGE_END = re.compile(r"\s*(?:[,)\-–—]|$)")
# "children, ages four and ten", "aged 7 and 9": numbers after "ages"/"aged" are ages, never counts of victims
_AGES_BEFORE = re.compile(r"\bage[sd]?\s+(?:[\w-]+(?:\s*,\s*|\s+and\s+|\s+or\s+))*$", re.IGNORECASE)
# "the 12-story building", "a 136-unit block", "a five-member committee": a number that is part of a modifier
_MODIFIER_AFTER = re.compile(r"-([A-Za-z]+)")


def modified_noun(f: Figure) -> str | None:
    """ "12-story", "136-unit": the noun a number is hyphened to, when the extractor read the number alone."""
    if f.counts or f.kind != "count":
        return None
    m = _MODIFIER_AFTER.match(f.sentence, f.end - f.sentence_start)
    return m.group(1).lower() if m else None


# "44 people in three government hospitals", "1,023 killed in 11 villages": a part of the toll, counted by places
_IN_PLACES = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:in|at|across)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(r"-?fold\b", re.IGNORECASE)
_ROLE_OF = {c: role for role, cues in ROLES.items() for c in cues}
BEFORE, AFTER = 90, 60  # characters searched before and after the figure


_VERB_FORM = re.compile(r"\b[a-z]{3,}(?:ed|en)\b")
_CLAUSE_END = re.compile(r"[,;:()—–]|\band\b|\bwhile\b")


def _own_verb_after(sentence: str, end: int) -> bool:
    """The figure's clause goes on with a participle of its own ("1,320 houses are completely destroyed")."""
    rest = sentence[end:]
    cut = _CLAUSE_END.search(rest)
    return bool(_VERB_FORM.search(rest[: cut.start()] if cut else rest))


def is_role_word(word: str | None) -> bool:
    """ "deaths", "fatalities": a word that names a toll's role rather than who is counted."""
    return (word or "").lower() in _ROLE_OF


def own_word(f: Figure, cue: str) -> bool:
    """The figure counts the cue word itself: "4,000 wounded", "135 dead" (not "people and injured")."""
    counts = (f.counts or "").lower()
    return counts.split()[-1:] == [cue.lower()] and " and " not in counts


# "1,220 of them", "of whom 721", "including 205": a part of a count already given, with a role of its own
_SUBSET_AFTER = re.compile(r"\s+of (?:them|whom|which)\b", re.IGNORECASE)
_SUBSET_BEFORE = re.compile(r"\b(?:of (?:them|whom|which)|including|among them)\s+$", re.IGNORECASE)


_MONTH_NAMES = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))  # not "Mayor", "Marines"
_DAY = re.compile(rf"\b((?:{_MONTH_NAMES})\.?\s+)(\d{{1,2}})\b(?!,\d)")


def _without_days(sentence: str) -> str:
    """The sentence with the day of a date ("June 24") blanked, same length, so it is not taken for a count."""
    return _DAY.sub(lambda m: m.group(1) + "#" * len(m.group(2)), sentence)


def is_age(f: Figure) -> bool:
    """ "Muhammad Farel, 14, who died", "Farel, 14 - who died": a bare number set off after a name is an age."""
    start, end = f.start - f.sentence_start, f.end - f.sentence_start
    if _AGES_BEFORE.search(f.sentence[max(0, start - 40) : start]):
        return True
    return (
        f.surface.isdigit()
        and bool(_AGE_AFTER_NAME.search(f.sentence[max(0, start - 30) : start]))
        and bool(_AGE_END.match(f.sentence, end))
    )


def role_of(f: Figure) -> str | None:
    """The role cue nearest to the figure within its sentence, or None."""
    start = f.start - f.sentence_start
    end = f.end - f.sentence_start
    if _MULTIPLIER.match(f.sentence, end):
        return None  # "the toll could rise eight-fold": a factor, not a count of the dead
    if is_age(f):
        return None  # "Muhammad Farel, 14, who died": an age
    if _MODIFIER_AFTER.match(f.sentence, end):
        return None  # "three bodies from the rubble of the 12-story building": the building's height
    best: tuple[int, str] | None = None
    counted = _without_days(f.sentence)  # "the toll from the June 24 collapse to 32": a day is no rival count
    subset = bool(_SUBSET_AFTER.match(f.sentence, end) or _SUBSET_BEFORE.search(f.sentence[max(0, start - 25) : start]))
    among = bool(_AMONG.match(f.sentence, end))  # "17 children were among the 125 killed": the whole's role
    # "Out of the 275, 88 bodies have been identified": the whole counts what its part counts
    among = among or bool(
        _WHOLE_BEFORE.search(f.sentence[max(0, start - 15) : start]) and f.sentence[end : end + 1] == ","
    )
    for m in _CUE.finditer(f.sentence, max(0, start - BEFORE), min(len(f.sentence), end + AFTER)):
        if start <= m.start() < end:
            # "4,000 wounded": the counted word is the figure's own role, nearer than any verb beside it;
            # "145 people and injured" (a clause read into the figure) counts as far as from its number
            distance = 0 if own_word(f, m.group(1)) else m.start() - start
        elif m.start() >= end:
            if _NUMBER.search(counted, end, m.start()) and not among:
                continue  # "55 rescuers ... found four bodies": the cue is the nearer number's
            if _AND_BEFORE.search(f.sentence, end, m.start()):
                continue  # "killing 2,300 people and injuring thousands": the cue is the next clause's
            distance = m.start() - end
            if _AUXILIARIES.fullmatch(f.sentence, end, m.start()):
                distance = min(distance, 1)  # "10,000 are still missing": the figure's own verb
            else:
                distance *= 2  # "killed 78 people, injured ...": the cue before the number wins
        else:
            if _NUMBER.search(counted, m.end(), start):
                continue  # "killed 78 people, injured 4,000": "killed" is the 78's
            if subset:
                continue  # "1,832 injured, 1,220 of them seriously": the cue before is the whole's role
            distance = start - m.end()
            if _CLAUSE_BREAK.search(f.sentence, m.end(), start):
                if _own_verb_after(f.sentence, end):
                    continue  # "1,240 injured and 1,320 houses destroyed": the houses have a verb of their own
                distance *= 2  # "34 died and 420 were hurt": the 420's cue is its own verb, not "died"
        role = _ROLE_OF[m.group(1).lower()]
        if best is None or distance < best[0]:
            best = (distance, role)
    if best is None and (not f.counts or f.counts_inferred or f.counts.lower() in _ANYONE):
        return _listed_role(f.sentence, start) or _subject_role(f.sentence, start) or _counted_role(f)
    if best is None:
        return _whole_role(f.sentence, start, end) or _victims(f)
    return best[1]


def _victims(f: Figure) -> str | None:
    """ "eight victims were found", "10 confirmed victims": with no other cue, an event's victims are its dead."""
    return "dead" if (f.counts or "").lower().split()[-1:] in (["victims"], ["victim"]) else None


# "... are among the victims": victims of the event are its dead, when nothing else names the role
_AMONG_VICTIMS = re.compile(
    r"\s+(?:[\w-]+\s+){0,6}?(?:were|are|was|is)\s+(?:\w+\s+)?among\s+(?:the\s+)?(?:[\d,]+\s+)?victims\b",
    re.IGNORECASE,
)


def _whole_role(sentence: str, start: int, end: int) -> str | None:
    """A part with no cue of its own takes the role of the whole it is a part of: "34 died at the stadium,
    including two officers" (the officers died), "two members of the police force are among the victims"."""
    if _AMONG_VICTIMS.match(sentence, end):
        return "dead"
    if not _INCLUDED_BEFORE.search(sentence[max(0, start - 40) : start]):
        return None
    cues = list(_CUE.finditer(sentence, max(0, start - BEFORE), start))
    return _ROLE_OF[cues[-1].group(1).lower()] if cues else None


def _counted_role(f: Figure) -> str | None:
    """ "the number of deaths is 275 and not 288": the 288, read as counting deaths, is a toll itself."""
    head = (f.counts or "").lower().split()[-1:]
    return _ROLE_OF.get(head[0]) if head and f.counts_inferred else None


# "The death toll from the quake that struck on September 8 has risen to 2,960": the toll is the clause's subject
_TOLL_SUBJECT = re.compile(
    r"\btoll\b[^;:]{0,160}?\b(?:rose|risen|climbed|jumped|increased|grown|grew|reached|hit|stood at|stands at|"
    r"is|was|has been|(?:revised|corrected|lowered|raised|cut)(?:\s+(?:down|up|downward|upward))?|exceeded|passed|"
    r"crossed|surpassed|topped)"
    r"\s+(?:now\s+)?(?:to\s+)?(?:(?:almost|about|around|nearly|over|more than|at least)\s+)?$",
    re.IGNORECASE,
)


def _subject_role(sentence: str, start: int) -> str | None:
    """A bare number that a toll, named as its clause's subject however far before, rose to or stands at."""
    return "dead" if _TOLL_SUBJECT.search(sentence[:start]) else None


# "394 deaths in Al Haouz, 271 in Taroudant, 91 in Chichaoua": one item of a list of places before the figure
_LIST_ITEM = re.compile(r"(?<![\d,])(\d[\d,]*)(?:\s+[a-z]+)?\s+in\s+[^,;\d]{2,60}?(?:,\s*(?:and\s+)?|\s+and\s+)$")


def _listed_role(sentence: str, start: int) -> str | None:
    """A bare number in a list of places takes the role of the list's first item ("killed 694 people in Al
    Haouz, 347 in Taroudant"): the role cue nearest before the first number, or its own word."""
    first = None
    while m := _LIST_ITEM.search(sentence, 0, start):
        first, start = m, m.start(1)
    if first is None:
        return None
    cues = [
        m
        for m in _CUE.finditer(sentence, max(0, first.start(1) - BEFORE), first.end())
        if m.start() >= first.end(1) or not _NUMBER.search(sentence, m.end(), first.start(1))
    ]
    return _ROLE_OF[cues[-1].group(1).lower()] if cues else None


# "could reach 20,000", "might reach thousands", "could be in the thousands": a figure the sentence only expects
_PROJECTED_BEFORE = re.compile(
    r"\b(?:could|might|may|can|would|will|expected to|likely to|set to|feared to)\s+(?:\w+\s+)?"
    r"(?:(?:reach|rise to|rise above|exceed|top|climb to|surpass|hit|pass)\b[^\d,;.]{0,25}"
    r"|(?:land|end up|settle|stand)\s+(?:between|at|around|near)\s+"  # "expected to land between 95 and 99"
    r"|be\s+(?:well\s+|far\s+)?(?:in the|as high as|as many as|more than|over|at least|up to)\s+)$",
    re.IGNORECASE,
)
# "as many as 113 ships were expected to transit": what is planned, not what happened ("climbed above 7,700 and
# was expected to rise further" expects the toll's next value, not this one)
_PROJECTED_AFTER = re.compile(
    r"\s+(?:(?!and\b)[\w-]+\s+){0,2}?(?:were|was|are|is|will be)\s+"
    r"(?:expected|set|due|likely|forecast|projected)\s+to\b",
    re.IGNORECASE,
)


def is_projection(f: Figure) -> bool:
    """The figure is what someone expects ("the toll could reach 20,000"), not what was counted: never one
    claim with a counted figure, however close their numbers."""
    start, end = f.start - f.sentence_start, f.end - f.sentence_start
    return bool(
        _PROJECTED_BEFORE.search(f.sentence[max(0, start - 60) : start]) or _PROJECTED_AFTER.match(f.sentence, end)
    )


# What a place can take, not how many came: "the stadium can hold 42,000 people", "a capacity of 38,000",
# "a 38,000-seat stadium", "38,000 capacity". Never one claim with a count of those present or of tickets sold.
_CAPACITY_BEFORE = re.compile(
    r"\b(?:(?:can|could|to|will|would)\s+(?:hold|accommodate|seat)|holds|accommodates|seats|seating|capacity(?:\s+of)?)\s+"
    r"(?:(?:up\s+to|about|around|some|nearly|almost|more\s+than|over|only|just)\s+)?$",
    re.IGNORECASE,
)
_CAPACITY_AFTER = re.compile(r"[\s-]*(?:capacity|seats?\b|seater)", re.IGNORECASE)  # "38,000 capacity", "60,000-seat"
_CAPACITY_IN = re.compile(r"\bcapacity\b|-seat", re.IGNORECASE)  # the figure's own words: "38,000 capacity arena"


def is_capacity(f: Figure) -> bool:
    """The figure is how many a place can take ("can hold 42,000 people"), not how many there were."""
    start, end = f.start - f.sentence_start, f.end - f.sentence_start
    return bool(
        _CAPACITY_BEFORE.search(f.sentence[max(0, start - 40) : start])
        or _CAPACITY_AFTER.match(f.sentence, end)
        or _CAPACITY_IN.search(f.surface)
    )


# What was done with the counted after the event: "88 bodies have been identified", "78 bodies handed over",
# "793 injured passengers were discharged", "200 are undergoing treatment". Such a count is a part of its role's
# toll with a fact of its own (its own value, its own growth), never the toll itself.
_FATES = {
    "identified": r"identif\w*",
    "handed over": r"hand(?:ed|ing)\s+over",
    "discharged": r"(?:discharg\w*|released)\b",
    "sent": r"(?:sent|sending|transferred|shifted|moved|flown)\b(?!\s+(?:by|from)\b)",
    "buried": r"(?:buried|cremated|laid to rest)\b",
    "claimed": r"(?:un)?claimed\b",
    "notified": r"notified\b",  # "next of kin of 61 of them have been notified"
    "treated": r"(?:getting|being|undergoing|under|receiving)\s+(?:\w+\s+)?treat\w*|treated\b",
}
_FATE = re.compile(r"\b(?:" + "|".join(f"(?P<f{n}>{p})" for n, p in enumerate(_FATES.values())) + r")", re.I)
_FATE_NAMES = list(_FATES)
_RELATIVE = re.compile(r"\b(?:who|which|that)\b", re.IGNORECASE)
# "yet to be identified", "not identified", "unidentified": the ones it has not happened to
_NOT_YET = re.compile(r"\b(?:yet to be|not(?: yet)?(?: been)?|still to be|awaiting)\s+(?:\w+\s+)?$", re.I)
_FATE_CLAUSE_END = re.compile(r"[,;:()—–]|\band\b|\bwhile\b|\bbut\b")
# "88 bodies, according to the secretary, have been identified": the aside does not end the clause
_ASIDE = re.compile(r",\s*(?:according to|as per|said|officials said)\b[^,;]{0,60},", re.IGNORECASE)
# "17 children were among the 125 killed", "32 children were counted among": a part of the toll
_ANYONE = frozenset({"people", "persons", "individuals"})  # "jumped to 7,800 people": the toll says who
_WHOLE_BEFORE = re.compile(r"\bout of\s+(?:the\s+)?$", re.IGNORECASE)
_AMONG = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:were|are|was|is)\s+(?:\w+\s+)?among\b", re.IGNORECASE)
_INCLUDED_BEFORE = re.compile(
    r"\b(?:included|including|among them|of whom)\s+(?:at least\s+|some\s+|about\s+)?$", re.IGNORECASE
)
# "170 of the remaining dead": a share of what is left, never the toll
_REMAINING = re.compile(r"\s+of (?:the )?(?:remaining|rest|other)\b", re.IGNORECASE)
# "two of the confirmed deaths are children", "85 of the 95 known victims": a part of the toll named after it
_OF_THE_TOLL = re.compile(
    r"\s+of\s+(?:the|these|those)\s+(?:[\d,]+\s+)?(?:[\w-]+\s+)?(?:deaths|dead|victims|fatalities|bodies)\b",
    re.IGNORECASE,
)


def fate_of(f: Figure) -> str | None:
    """What the figure's own clause says was done with those it counts ("identified", "not identified",
    "handed over", ...), when it says so right after the figure, else None."""
    end = f.end - f.sentence_start
    start = f.start - f.sentence_start
    if _REMAINING.match(f.sentence, end) or _IN_PLACES.match(f.sentence, end) or _AMONG.match(f.sentence, end):
        return "part"
    if _INCLUDED_BEFORE.search(f.sentence[max(0, start - 40) : start]):
        if _SUBSET_BEFORE.search(f.sentence[max(0, start - 25) : start]) and role_of(f):
            return None  # "672 injured, including 205 seriously": a cue of its own makes it that role's whole count
        return "part"  # "the dead included at least 17 children"
    rest = _ASIDE.sub("", f.sentence[end:], count=1)
    cut = _FATE_CLAUSE_END.search(rest)
    clause = rest[: cut.start()] if cut else rest
    m = _FATE.search(clause)
    if m is None or _NUMBER.search(clause, 0, m.start()):
        return "part" if _OF_THE_TOLL.match(f.sentence, end) else None  # no fate, or it is a later number's
    name = _FATE_NAMES[int(next(k for k, v in m.groupdict().items() if v)[1:])]
    negated = bool(_NOT_YET.search(clause[: m.start()])) or clause[max(0, m.start() - 2) : m.start()].lower() == "un"
    if _RELATIVE.search(clause, 0, m.start()):
        # "180 injured who are receiving treatment": what all of them are, not a part; but "10 victims who have
        # yet to be identified" are the ones it has not happened to
        return f"not {name}" if negated else None
    if name == "sent" and role_of(f) == "injured":
        return None  # "1,175 injured were sent to hospitals": that is where the injured go, not a part of them
    return f"not {name}" if negated else name
