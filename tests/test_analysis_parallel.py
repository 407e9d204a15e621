"""Stories analysed one at a time, in worker processes or not: the same claims, ids and labels either way."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from claims_fixtures import FLOOD, KURSK, articles
from figure_eval import wikinews_articles

import tui.corpus.story_analysis as story_analysis
from tui.corpus.claims import Analysis, analyse_corpus, build_claims
from tui.corpus.groups import group_figures
from tui.corpus.stories import build_stories


@pytest.fixture
def corpus(shared_dir):
    """Two events and unrelated news; two reports of different events with no outlet ("Unknown source"),
    whose labels the whole corpus decides."""
    path = shared_dir / "corpora" / "wikinews_en_2019_2020.jsonl"
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()][:40]
    reports = articles(KURSK) + articles(FLOOD)
    reports = [replace(a, outlet=None) if a.id in ("k3", "f2") else a for a in reports]
    return reports[:6] + wikinews_articles(path, ids) + reports[6:]


def snapshot(analysis: Analysis) -> tuple[list[object], list[object], list[object]]:
    return (
        [s.to_dict() for s in analysis.stories.stories()],
        [g.to_dict() for g in analysis.groups],
        [c.to_dict() for c in analysis.claims],
    )


def test_worker_processes_give_the_same_claims_ids_and_labels(corpus, monkeypatch):
    alone = snapshot(analyse_corpus(corpus, workers=1))
    monkeypatch.setattr(story_analysis, "PARALLEL_FROM", 0)  # worker processes even for a small corpus
    monkeypatch.setattr(story_analysis, "BATCH_ARTICLES", 7)  # several batches, stories split across them
    assert snapshot(analyse_corpus(corpus, workers=2)) == alone


def test_outlets_are_labelled_over_the_whole_corpus(corpus):
    analysis = analyse_corpus(corpus, workers=1)
    outlets = {o for c in analysis.claims for v in c.values for o in v.outlets}
    assert {"Unknown source (k3)", "Unknown source (f2)"} <= outlets
    assert "Unknown source" not in outlets


def test_ids_are_unique_over_the_corpus_and_point_within_their_story(corpus):
    analysis = analyse_corpus(corpus, workers=1)
    groups = {g.id: g for g in analysis.groups}
    assert len(groups) == len(analysis.groups)
    assert len({c.id for c in analysis.claims}) == len(analysis.claims)
    for g in analysis.groups:
        assert all(f.group == g.id for f in g.members)
        assert all(groups[r].story == g.story for r in g.related)
        assert g.claim is not None and g.claim.startswith(f"{g.story}/")
    for c in analysis.claims:
        assert all(groups[v.group].claim == c.id for v in c.values)


def test_story_by_story_groups_the_same_figures_as_the_whole_corpus_at_once(corpus):
    stories = build_stories(corpus)
    whole = group_figures(corpus, None or {a.id: _figures(a) for a in corpus}, stories)
    claims = build_claims(corpus, whole)

    def members(groups):
        return sorted(sorted((f.article_id, f.start) for f in g.members) for g in groups)

    def facts(claims):
        return sorted(
            (c.relation, sorted((f.article_id, f.start) for v in c.values for f in v.figures)) for c in claims
        )

    analysis = analyse_corpus(corpus, workers=1)
    assert members(analysis.groups) == members(whole)
    assert facts(analysis.claims) == facts(claims)


def test_one_story_is_loaded_without_the_others(corpus):
    analysis = analyse_corpus(corpus, workers=1)
    kursk = analysis.stories.story_of("k1") or ""
    claims = analysis.story_claims(kursk)
    assert claims and all(c.story == kursk for c in claims)
    assert analysis.n_claims(analysis.stories.get(kursk)) == len(claims)
    assert all(f.group for f in analysis.figures_of("k1"))


def _figures(article):
    from tui.corpus.figures import extract_figures

    return extract_figures(article)


def test_a_figure_leads_to_its_claim_within_its_story(corpus):
    analysis = analyse_corpus(corpus, workers=1)
    figure = next(f for f in analysis.figures_of("k2") if f.value == 1000)
    claim = analysis.claim_of(figure)
    assert claim is not None and claim.id == analysis.claim_of_group[figure.group or ""]
    assert "k2" in claim.article_ids


def test_figures_found_while_stories_are_placed_are_the_figures_found_alone(corpus, monkeypatch, tmp_path):
    from tui.corpus.analysis_cache import analyse_cached

    def everything(analysis: Analysis) -> tuple[object, ...]:
        figures = {k: [f.to_dict() for f in v] for k, v in analysis.figures.items()}
        return (*snapshot(analysis), figures, sorted(analysis.warnings))

    alone = everything(analyse_cached(tmp_path / "a", corpus, workers=1, cache_dir=tmp_path / "one"))
    monkeypatch.setattr(story_analysis, "PARALLEL_FROM", 0)
    monkeypatch.setattr(story_analysis, "BATCH_ARTICLES", 7)
    parallel = analyse_cached(tmp_path / "a", corpus, workers=2, cache_dir=tmp_path / "two")
    assert everything(parallel) == alone
    texts = {a.id: a.text for a in corpus}
    for fs in parallel.figures.values():  # each figure quotes its sentence of its article, as found
        assert all(f.sentence == texts[f.article_id][f.sentence_start : f.sentence_end] for f in fs)
