"""Words for the same counted thing, beyond figure_vocab.CONCEPTS: a small fallback table.

No lexical resource that ships its data offline was at hand (WordNet packages download theirs); the story's
own wording does most of the work (glosses, modifiers, the sentences around a number), and this table only
names a few things news counts often under two names."""

from __future__ import annotations

EXTRA_CONCEPTS: dict[str, tuple[str, ...]] = {
    "ships": ("ship", "vessel", "boat", "tanker", "freighter", "carrier"),
    "tugs": ("tug", "tugboat"),
    "buildings": ("building", "structure", "house", "apartment block"),
    "fans": ("fan", "supporter", "spectator"),
}

# What news counts that is never a casualty: a figure counting one of these has no toll role, whatever cue
# ("dead", "killed") stands near it ("5,100 presumed dead after the collapse of two dams").
THINGS = frozenset(
    {"dam", "home", "house", "building", "village", "town", "vehicle", "car", "truck", "ship", "boat", "train"}
    | {"coach", "bogie", "bridge", "road", "hospital", "school", "tent", "aircraft", "plane", "helicopter"}
    | {"hectare", "acre", "province", "district", "country", "nation", "team", "unit", "shelter", "dollar"}
)

# Kinds of people a toll is often broken down by: "17 children", "26 foreigners", "two police officers" killed are
# a part of the toll with a value of their own, never the toll. Word -> the kind it names.
SUBGROUPS = {
    **dict.fromkeys(("child", "children", "minor", "baby", "infant"), "children"),
    **dict.fromkeys(("woman", "women"), "women"),
    **dict.fromkeys(("man", "men"), "men"),
    **dict.fromkeys(("foreigner", "national", "tourist"), "foreigners"),
    **dict.fromkeys(("officer", "cop", "police", "policeman", "policemen"), "police"),
    **{w: w + "s" for w in ("student", "teenager", "girl", "boy", "firefighter")},
}
