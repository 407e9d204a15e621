"""The figure extractor: what a careful reader notes in a sentence, and the hand-annotated seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from figure_eval import load_annotations, normalise, score_extractor, seed_articles, wikinews_articles

from tui.corpus.figures import KINDS, figures_in_text
from tui.corpus.store import Corpus

TESTS = Path(__file__).resolve().parent
ANNOTATIONS = TESTS / "seed_figures.yaml"
RAW = TESTS.parent / "articles" / "raw"


def only(text: str, **want):
    """The single figure in `text` whose fields match `want` (fails listing what was found)."""
    figs = figures_in_text(text)
    hits = [f for f in figs if all(getattr(f, k) == v for k, v in want.items())]
    assert len(hits) == 1, (
        f"wanted one figure with {want}, got {[(f.surface, f.kind, f.value, f.counts) for f in figs]}"
    )
    return hits[0]


# -- counts and what they count -----------------------------------------------------------------------


def test_count_names_what_it_counts_and_its_gloss():
    f = only(
        "“Kim has decided to send 1000 sappers [combat engineers] … to de-mine Russian territory,” Shoigu said.",
        value=1000,
    )
    assert (f.kind, f.counts, f.aka) == ("count", "sappers", "combat engineers")
    assert f.attribution == "Shoigu"


def test_counts_keeps_conjoined_nouns_but_stops_at_the_next_figure():
    figs = figures_in_text("North Korea is to send 6000 construction workers and soldiers to help rebuild Kursk.")
    assert [(f.value, f.counts) for f in figs] == [(6000, "construction workers and soldiers")]
    figs = figures_in_text(
        "Kim agreed to send 5,000 construction workers and 1,000 sappers — combat engineers — to Kursk."
    )
    assert [(f.value, f.counts, f.aka) for f in figs] == [
        (5000, "construction workers", None),
        (1000, "sappers", "combat engineers"),
    ]


def test_counts_carried_over_an_ellipsis():
    figs = figures_in_text(
        "The agency says the North has sent 3000 soldiers to Kursk this year, on top of 11,000 in 2024."
    )
    counts = [(f.kind, f.value, f.counts, f.when) for f in figs]
    assert counts == [
        ("count", 3000, "soldiers", "this year"),
        ("count", 11000, "soldiers", "2024"),
        ("date", 2024, None, None),
    ]
    assert figs[1].counts_inferred and not figs[0].counts_inferred


@pytest.mark.parametrize(
    "text, value, counts",
    [
        ("He described them as two brigades of builders.", 2, "brigades"),
        ("Flights resume for the first time in three decades.", 3, None),
        ("I bought a dozen eggs recently.", 12, "eggs"),
        ("A hundred and two delegates came.", 102, "delegates"),
        ("Twenty-one ships sank.", 21, "ships"),
        ("The city has 1.5 million residents.", 1_500_000, "residents"),
        ("The fund holds 2bn shares.", 2_000_000_000, "shares"),
    ],
)
def test_number_words_and_scales(text, value, counts):
    f = only(text, value=value)
    assert f.counts == counts


def test_anaphoric_number_words_are_not_figures():
    assert figures_in_text("The two countries signed a treaty, and the two men embraced.") == []
    assert figures_in_text("No one came; one of them left.") == []


# -- money, percent, measures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, unit, per",
    [
        ("These workers typically earn about $800 per month.", 800, "USD", "month"),
        ("Each earned about $800 a month.", 800, "USD", "month"),
        ("The deal is worth £2bn.", 2e9, "GBP", None),
        ("He was fined 5 million roubles.", 5e6, "RUB", None),
        ("I would do it, but only for $15.4/hour.", 15.4, "USD", "hour"),
    ],
)
def test_money(text, value, unit, per):
    f = only(text, kind="money")
    assert (f.value, f.unit, f.per) == (value, unit, per)


def test_percent_range_and_distance():
    assert only("Turnout rose 35% this year.", kind="percent").value == 35
    assert only("Turnout was 35 per cent.", kind="percent").value == 35
    r = only("I want 3 to 4 L of wine.", kind="other")
    assert (r.value, r.value_max, r.unit) == (3, 4, "litre")
    d = only("Kursk is 4,000 miles from North Korea.", kind="distance")
    assert (d.value, d.unit) == (4000, "mile")
    assert only("Between 10-15 exabytes were stored.", value=10).value_max == 15


def test_vague_amounts_are_marked():
    f = only("Ukraine withdrew from hundreds of square miles in April.", vague=True)
    assert (f.kind, f.unit, f.value) == ("other", "square mile", 100)
    f = only("North Korea will send thousands of military construction workers and deminers.", vague=True)
    assert f.counts == "military construction workers and deminers"
    assert only("Several hundred square miles were retaken.", vague=True).unit == "square mile"


def test_qualifiers():
    cases = {
        "As many as 15,000 North Korean workers are employed.": "as many as",
        "Roughly 4,000 North Korean workers were there.": "roughly",
        "An estimated 14,000 North Korean troops fought.": "an estimated",
        "In 2023, only 4,000 workers were in Russia.": "only",
        "Flights resume for the first time in more than 30 years.": "more than",
        "Flights resume for the first time in over three decades.": "over",
        "Nearly 500 people fled.": "nearly",
        "Up to 200 people fled.": "up to",
    }
    for text, qualifier in cases.items():
        figs = [f for f in figures_in_text(text) if f.kind in ("count", "duration")]
        assert [f.qualifier for f in figs] == [qualifier], text


# -- ordinals and dates are never counts --------------------------------------------------------------


def test_ordinals_and_dates_are_their_own_kinds():
    text = (
        "It was Shoigu's third visit in about three months; his previous trip was on June 4. "
        "They approach the first anniversary of the treaty. Troops arrived in October 2024 and April 30, 2025."
    )
    got = [(f.kind, f.value, f.counts, f.date) for f in figures_in_text(text)]
    assert got == [
        ("ordinal", 3, "visit", None),
        ("duration", 3, None, None),
        ("date", 4, None, "--06-04"),
        ("ordinal", 1, "anniversary", None),
        ("date", 2024, None, "2024-10"),
        ("date", 2025, None, "2025-04-30"),
    ]


def test_years_versus_counts():
    assert only("Kim travelled to Russia in 2023.", value=2023).kind == "date"
    assert only("The army sent 2000 soldiers.", value=2000).kind == "count"


def test_boilerplate_tokens_give_no_figures():
    chrome = [
        "Time of India5 hours ago",
        "Explore what Daily8 AI can do for you:",
        "G7 summit highlights",
        "timean hour ago",
        "time3 hours ago",
        "5 hours ago",
        "Covid-19 cases",
    ]
    for line in chrome:
        assert figures_in_text(line) == [], line


def test_attribution_forms():
    def who(text):
        return [f.attribution for f in figures_in_text(text)]

    assert who("South Korean intelligence reported that roughly 15,000 North Korean labourers are in Russia.") == [
        "South Korean intelligence"
    ]
    assert who("Britain’s Ministry of Defence has estimated half of them have been wounded.") == [
        "Britain’s Ministry of Defence"
    ]
    assert who("Russian Security Council Secretary Sergei Shoigu has announced that Kim will send 6,000 troops.") == [
        "Sergei Shoigu"
    ]
    assert who(
        "As many as 15,000 North Korean workers are employed in Russia, South Korean intelligence officials said in April."
    ) == ["South Korean intelligence officials"]
    assert who("Kim will send 1,000 sappers, according to Russia's state news agency, Tass.") == ["Tass"]
    assert who(
        "Shoigu shared with reporters that 1,000 sappers will go. Additionally, he mentioned that 5,000 builders will go."
    ) == ["Shoigu", "Shoigu"]
    assert who(
        "A Russian official said Tuesday that talks went well. Sergei K. Shoigu, a close aide to Putin, met Kim. "
        "Afterward, he told reporters that Kim had agreed to send 5,000 construction workers."
    ) == ["Sergei K. Shoigu"]


def test_every_figure_slices_to_its_surface_and_sentence():
    text = "First paragraph has 12 apples and $5 a day.\n\nSecond one: 3 to 4 L, “two brigades”, 1000 sappers [combat engineers]."
    figs = figures_in_text(text)
    assert {"12 apples", "$5 a day", "3 to 4 L", "1000 sappers [combat engineers]"} <= {f.surface for f in figs}
    for f in figs:
        assert text[f.start : f.end] == f.surface
        assert text[f.sentence_start : f.sentence_end] == f.sentence
        assert f.sentence_start <= f.start < f.end <= f.sentence_end
        assert f.kind in KINDS


# -- the hand-annotated seeds ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_score():
    seeds, annotations = load_annotations(ANNOTATIONS)
    return score_extractor(seed_articles(RAW, seeds), annotations)


def test_seed_recall_and_precision(seed_score):
    misses = [(a.article_id[:3], a.value, a.kind, a.sentence) for a in seed_score.misses]
    spurious = [(f.article_id[:3], f.surface, f.kind) for f in seed_score.spurious]
    assert seed_score.recall >= 0.95, misses
    assert seed_score.precision >= 0.95, spurious


def test_seed_what_it_counts(seed_score):
    wrong = [(a.counts, f.counts) for a, f in seed_score.wrong_counts]
    assert seed_score.counts_accuracy >= 0.9, wrong


def test_seed_units_qualifiers_attribution(seed_score):
    wrong = [(a.sentence, name, a.checks[name], getattr(f, name)) for a, f, name in seed_score.wrong_checks]
    assert seed_score.checks_accuracy >= 0.9, wrong


def test_annotations_cover_every_seed_and_kind():
    seeds, annotations = load_annotations(ANNOTATIONS)
    assert sorted(seeds) == sorted(p.stem for p in RAW.glob("*.txt"))
    assert {a.kind for a in annotations} >= {"count", "money", "ordinal", "date", "duration", "fraction", "distance"}


def test_bundled_corpus_against_the_annotations(seed_corpus):
    """On the corpus as the cleaner writes it: every annotated figure whose sentence survived cleaning is
    found, and figures from page chrome or other stories (which no annotation covers) stay rare."""
    _, annotations = load_annotations(ANNOTATIONS)
    articles, _ = Corpus(seed_corpus).load_all()
    texts = {a.id: normalise(a.text) for a in articles}
    present = [a for a in annotations if normalise(a.sentence) in texts.get(a.article_id, "")]
    assert len(present) >= 0.9 * len(annotations), "the cleaner dropped annotated body sentences"
    result = score_extractor(articles, present)
    assert result.recall >= 0.95, [(a.article_id[:3], a.sentence) for a in result.misses]
    assert result.precision >= 0.9, [(f.article_id[:3], f.surface, f.sentence[:60]) for f in result.spurious]


@pytest.mark.parametrize("section", ["heldout", "heldout_b"])
def test_held_out_wikinews_annotations(shared_dir, section):
    """Figures in Wikinews articles annotated before the extractor ever ran on them."""
    seeds, annotations = load_annotations(ANNOTATIONS, section)
    articles = wikinews_articles(shared_dir / "corpora" / "wikinews_en_2019_2020.jsonl", seeds)
    assert len(articles) == len(seeds)
    result = score_extractor(articles, annotations)
    assert result.recall >= 0.9, [(a.article_id, a.sentence) for a in result.misses]
    assert result.precision >= 0.9, [(f.surface, f.sentence[:60]) for f in result.spurious]
    assert result.counts_accuracy >= 0.9
