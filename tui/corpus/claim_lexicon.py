"""Words for the same counted thing, beyond figure_vocab.CONCEPTS: a small fallback table.

No lexical resource that ships its data offline was at hand (WordNet packages download theirs); the story's
own wording does most of the work (glosses, modifiers, the sentences around a number), and this table only
names a few things news counts often under two names."""

from __future__ import annotations

EXTRA_CONCEPTS: dict[str, tuple[str, ...]] = {
    "ships": ("ship", "vessel", "boat", "tanker", "freighter", "carrier"),
    "tugs": ("tug", "tugboat"),
    "buildings": ("building", "structure", "house", "apartment block"),
}
