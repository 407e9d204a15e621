"""An unchanged corpus folder is summarised and listed by story without parsing one article; a changed file
is noticed (its content, not a stale summary, is what the reader and the CLI see)."""

from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest
from claims_fixtures import FLOOD, KURSK, saved

import tui.corpus.store as store_module
from tui.cli import main
from tui.corpus.analysis_cache import cache_folder
from tui.corpus.analysis_summary import AnalysisSummary, summarise_corpus
from tui.corpus.store import Corpus


@pytest.fixture
def corpus(tmp_path) -> Corpus:
    return saved(tmp_path / "articles", KURSK, FLOOD)


def parses(monkeypatch) -> list[str]:
    """The article files read whole from now on."""
    seen: list[str] = []
    real = Corpus.load_path

    def counted(self, path):
        seen.append(path.name)
        return real(self, path)

    monkeypatch.setattr(store_module.Corpus, "load_path", counted)
    return seen


def shown(summary: AnalysisSummary) -> dict[str, object]:
    """What the reader shows of a summary, claims included (read through its claim source)."""
    stories = summary.stories.stories()
    return {
        "stories": [s.to_dict() for s in stories],
        "story_of": {a: summary.stories.story_of(a) for s in stories for a in s.article_ids},
        "claim_counts": summary.claim_counts,
        "groups": {g.id: (sorted(g.article_ids), g.discrepancy, g.claim, g.relation) for g in summary.groups.values()},
        "figure_groups": summary.figure_groups,
        "figure_counts": summary.figure_counts,
        "claims": {s: [c.to_dict() for c in summary.claim_source.load(s) or []] for s in summary.claim_counts},
    }


def test_an_unchanged_corpus_is_summarised_without_parsing_an_article(corpus, monkeypatch):
    first = shown(summarise_corpus(corpus.root))
    assert first["claim_counts"] and first["groups"]
    parsed = parses(monkeypatch)
    assert shown(summarise_corpus(corpus.root)) == first
    assert parsed == []


def test_a_changed_article_is_seen_by_the_next_summary(corpus, monkeypatch):
    summarise_corpus(corpus.root)
    k4 = corpus.load("k4")
    text = k4.paragraphs[0].text.replace("5,000 military construction", "7,000 military construction")
    corpus.save(replace(k4, paragraphs=[replace(k4.paragraphs[0], text=text)]))
    parsed = parses(monkeypatch)
    summary = summarise_corpus(corpus.root)
    assert parsed  # the corpus was read again
    story = summary.stories.story_of("k4") or ""
    values = {v.value for c in summary.claim_source.load(story) or [] for v in c.values}
    assert 7000 in values
    assert shown(summary) == shown(summarise_corpus(corpus.root))  # and known fresh again after


def test_a_removed_or_added_file_is_seen(corpus):
    before = summarise_corpus(corpus.root)
    assert "f1" in before.figure_counts
    (corpus.root / "f1.yaml").unlink()
    assert "f1" not in summarise_corpus(corpus.root).figure_counts


def test_a_damaged_fresh_record_only_costs_a_full_read(corpus, monkeypatch):
    first = shown(summarise_corpus(corpus.root))
    (cache_folder(corpus.root) / "fresh.pickle").write_bytes(b"\x80\x05not a pickle at all")
    parsed = parses(monkeypatch)
    assert shown(summarise_corpus(corpus.root)) == first
    assert len(parsed) == len(KURSK) + len(FLOOD)


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_stories_and_claims_of_an_unchanged_folder_parse_no_article(corpus, capsys, monkeypatch):
    root = str(corpus.root)
    stories = run(capsys, "stories", "--json", "--articles", root)
    claims = run(capsys, "claims", "--json", "--articles", root)
    parsed = parses(monkeypatch)
    assert run(capsys, "stories", "--json", "--articles", root) == stories
    assert run(capsys, "claims", "--json", "--articles", root) == claims
    assert parsed == []
    assert json.loads(stories) and json.loads(claims)


def test_the_cli_sees_an_edited_file(corpus, capsys):
    root = str(corpus.root)
    before = json.loads(run(capsys, "claims", "--json", "--articles", root))
    f1 = corpus.load("f1")
    text = f1.paragraphs[0].text.replace("killed 200 people", "killed 230 people")
    corpus.save(replace(f1, paragraphs=[replace(f1.paragraphs[0], text=text)]))
    after = json.loads(run(capsys, "claims", "--json", "--articles", root))

    def values(claims):
        return {v["value"] for c in claims for v in c["values"] if "f1" in v["article_ids"]}

    assert 200 in values(before) and 230 not in values(before)
    assert 230 in values(after) and 200 not in values(after)


def test_a_malformed_file_is_still_reported_from_the_cache(corpus, capsys):
    (corpus.root / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    root = str(corpus.root)
    first = capsys.readouterr()
    assert main(["stories", "--json", "--articles", root]) == 0
    cold = capsys.readouterr()
    assert main(["stories", "--json", "--articles", root]) == 0
    warm = capsys.readouterr()
    assert "broken.yaml" in cold.err and warm.err == cold.err and warm.out == cold.out
    assert first.out == ""
    os.utime(corpus.root / "broken.yaml")  # touched, not changed: read again, still reported once
    assert main(["stories", "--json", "--articles", root]) == 0
    assert capsys.readouterr().err == cold.err


def test_a_change_the_cache_could_not_keep_is_never_taken_as_fresh(corpus, monkeypatch):
    import tui.corpus.analysis_cache as analysis_cache

    summarise_corpus(corpus.root)
    k5 = corpus.load("k5")
    corpus.save(replace(k5, id="k6", title="Kim sends sappers and builders again"))
    monkeypatch.setattr(analysis_cache, "_append_change", lambda *args: None)  # the journal cannot be written
    assert "k6" in summarise_corpus(corpus.root).figure_counts
    monkeypatch.undo()
    parsed = parses(monkeypatch)
    assert "k6" in summarise_corpus(corpus.root).figure_counts
    assert parsed  # the folder was read again: the change was not kept, so nothing vouched for it
