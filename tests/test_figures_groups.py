"""Cross-source groups: the same claim in several outlets, and where the outlets disagree."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from figure_eval import load_annotations, seed_articles, wikinews_articles

from tui.corpus.groups import analyse, concepts_of, group_figures
from tui.corpus.store import Corpus

TESTS = Path(__file__).resolve().parent
RAW = TESTS.parent / "articles" / "raw"
S0, S1, S2, S3, S4 = (
    "000_11e551bf4783dd65",
    "001_b785a3b4867a5beb",
    "002_c318d53e3bd74e72",
    "003_bea1615d3e04fee1",
    "004_9e90e9fed8845aff",
)


def find(groups, label_part: str, kind: str = "count"):
    hits = [g for g in groups if g.kind == kind and label_part.lower() in g.label.lower()]
    assert hits, f"no {kind} group like {label_part!r} in {[g.label for g in groups]}"
    return max(hits, key=lambda g: len(g.article_ids))


@pytest.fixture(scope="module")
def body_groups():
    seeds, _ = load_annotations(TESTS / "seed_figures.yaml")
    articles = seed_articles(RAW, seeds)
    figures, groups = analyse(articles)
    return articles, figures, groups


def test_headline_figures_line_up_across_all_outlets(body_groups):
    _, _, groups = body_groups
    assert find(groups, "sappers").article_ids == [S0, S1, S2, S3, S4]
    workers = find(groups, "5,000")
    assert workers.article_ids == [S0, S1, S2, S3, S4]
    assert {v.surface.replace("“", "").replace("”", "") for v in workers.variants} >= {
        "5,000 North Korean military builders",
        "5,000 North Korean laborers",
        "5,000 construction workers",
    }
    assert find(groups, "$800", "money").article_ids == [S3, S4]
    assert find(groups, "15,000 North Korean labourers").article_ids == [S0, S1, S3, S4]


def test_same_number_different_claim_stays_apart(body_groups):
    _, figures, groups = body_groups
    soldiers = next(f for f in figures[S1] if f.value == 15000 and "soldiers" in (f.counts or ""))
    labourers = next(f for f in figures[S1] if f.value == 15000 and "labourers" in (f.counts or ""))
    assert soldiers.group != labourers.group
    years = [g for g in groups if g.kind == "date" and g.value == 2024 and g.members[0].date == "2024"]
    assert all(len(g.article_ids) == 1 for g in years), "a bare year in unrelated sentences is not one claim"


def test_every_figure_gets_a_group_and_members_point_back(body_groups):
    _, figures, groups = body_groups
    ids = {g.id for g in groups}
    assert len(ids) == len(groups)
    for figs in figures.values():
        assert all(f.group in ids for f in figs)
    for g in groups:
        assert all(m.group == g.id for m in g.members)
        assert set(g.related) <= ids


def test_visit_count_discrepancy(body_groups):
    _, _, groups = body_groups
    third = find(groups, "third visit", "ordinal")
    second = find(groups, "second visit", "ordinal")
    assert third.article_ids == [S0, S1, S4] and second.article_ids == [S2]
    assert second.id in third.related and third.id in second.related
    assert "second visit" in third.discrepancy
    assert [d.article_id for d in third.differing] == [S2]


def test_troop_totals_discrepancy(body_groups):
    _, _, groups = body_groups
    fourteen = find(groups, "14,000")
    assert fourteen.article_ids == [S3, S4]
    assert "15,000" in fourteen.discrepancy
    assert "3,000 soldiers (this year) + 11,000 soldiers (2024) = 14,000" in fourteen.discrepancy
    assert {d.article_id for d in fourteen.differing} == {S0, S1}


def test_year_of_the_4000_workers_discrepancy(body_groups):
    _, _, groups = body_groups
    g = find(groups, "4,000 North Korean construction workers")
    assert g.article_ids == [S3, S4]
    assert "2023" in g.discrepancy and "last year" in g.discrepancy


def test_6000_is_worded_differently_and_is_the_sum_of_the_parts(body_groups):
    _, _, groups = body_groups
    g = find(groups, "6,000")
    assert g.article_ids == [S0, S2]
    assert "described differently" in g.discrepancy
    assert "1,000 sappers + 5,000 military construction workers = 6,000" in g.discrepancy
    assert find(groups, "sappers").id in g.related


def test_durations_compare_in_a_common_unit(body_groups):
    _, _, groups = body_groups
    g = next(
        g for g in groups if g.kind == "duration" and {v.surface for v in g.variants} == {"three decades", "30 years"}
    )
    assert g.article_ids == [S3, S4]


def test_last_year_resolves_with_a_publication_date(body_groups):
    articles, _, _ = body_groups
    dated = [replace(a, published="2024-06-18" if a.id == S4 else "2024-06-17") for a in articles]
    _, groups = analyse(dated)
    g = find(groups, "4,000 North Korean construction workers")
    assert g.discrepancy is None or "year differs" not in g.discrepancy  # last year in 2024 is 2023


def test_concepts_of_synonyms():
    assert concepts_of("North Korean laborers") == concepts_of("military construction workers") == {"workers"}
    assert concepts_of("5,000 builders") == {"workers"}
    assert concepts_of("troops") == concepts_of("North Korean soldiers") == {"troops"}
    assert concepts_of("combat engineers") == concepts_of("deminers") == {"sappers"}
    assert concepts_of("construction workers and soldiers") == {"workers", "troops"}


def test_group_figures_on_nothing():
    assert group_figures([], {}) == []


def test_bundled_corpus_done_when(seed_corpus):
    """Issue 3 done-when, on the corpus as the current cleaner writes it."""
    articles, problems = Corpus(seed_corpus).load_all()
    assert not problems
    _, groups = analyse(articles)
    assert find(groups, "sappers").article_ids == [S0, S1, S2, S3, S4]
    assert find(groups, "5,000").article_ids == [S0, S1, S2, S3, S4]
    assert find(groups, "$800", "money").article_ids == [S3, S4]
    assert find(groups, "15,000 North Korean labourers").article_ids == [S0, S1, S3, S4]
    fourteen = find(groups, "14,000")
    assert "15,000" in fourteen.discrepancy
    assert "last year" in find(groups, "4,000 North Korean construction workers").discrepancy
    for g in groups:
        for m in g.members:
            text = next(a for a in articles if a.id == m.article_id).text
            assert text[m.sentence_start : m.sentence_end] == m.sentence


def test_unrelated_stories_never_share_a_group(body_groups, shared_dir):
    """Seeds mixed with unrelated Wikinews reports: no group spans both, and the seed groups are unchanged."""
    seeds, _figures, groups = body_groups
    ids = [
        "wikinews-en-2019-0041",
        "wikinews-en-2019-0153",
        "wikinews-en-2019-0032",
        "wikinews-en-2020-0236",
        "wikinews-en-2019-0148",
        "wikinews-en-2020-0286",
    ]
    others = wikinews_articles(shared_dir / "corpora" / "wikinews_en_2019_2020.jsonl", ids)
    _, mixed = analyse(seeds + others)
    seed_ids = {a.id for a in seeds}
    for g in mixed:
        assert set(g.article_ids) <= seed_ids or not set(g.article_ids) & seed_ids, g.label
    before = sorted((g.label, tuple(g.article_ids)) for g in groups)
    after = sorted((g.label, tuple(g.article_ids)) for g in mixed if set(g.article_ids) <= seed_ids)
    assert before == after


def test_a_published_date_in_superscript_digits_does_not_crash(body_groups):
    """Issue 12 item 4: "²⁰²⁴-06-01" passes str.isdigit() but is no date; "last year" stays unresolved."""
    articles, _, _ = body_groups
    odd = [replace(a, published="²⁰²⁴-06-01") for a in articles]
    _, groups = analyse(odd)
    assert "last year" in find(groups, "4,000 North Korean construction workers").discrepancy


def test_the_parts_of_a_sum_are_never_another_number_for_it(body_groups):
    _, _, groups = body_groups
    total = find(groups, "6,000")
    parts = {p for pair in total.sum_of for p in pair}
    assert parts
    labels = {g.label for g in groups if g.id in parts}
    assert not [d for d in total.differing if d.group in parts and d.reason == "another number"]
    assert not [
        n for n in total.notes if any(n.endswith(f"say {label}") or n.endswith(f"says {label}") for label in labels)
    ]
