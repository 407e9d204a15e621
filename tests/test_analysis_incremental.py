"""A few changed files in a corpus folder whose analysis is stored: only they (and the reports of the stories
they join) are read, and the CLI and the reader's summary show what analysing the folder from scratch shows.
A folder read on several processes gives what one process gives."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest
from claims_fixtures import FLOOD, KURSK, articles, saved
from test_analysis_warm import parses, shown

import tui.corpus.analysis_cache as analysis_cache
import tui.corpus.story_analysis as story_analysis
from tui.cli import main
from tui.corpus.analysis_cache import analyse_cached, analyse_folder_cached, cache_folder, check_cache
from tui.corpus.analysis_summary import summarise, summarise_corpus
from tui.corpus.catalog import file_stats
from tui.corpus.store import Corpus


@pytest.fixture
def corpus(tmp_path) -> Corpus:
    return saved(tmp_path / "articles", KURSK, FLOOD)


def cli(capsys, corpus: Corpus, *argv: str) -> tuple[str, str]:
    assert main([*argv, "--articles", str(corpus.root)]) == 0
    out = capsys.readouterr()
    return out.out, out.err


@pytest.fixture
def twin(tmp_path) -> Corpus:
    """The same corpus in another folder, brought up to date the way it was before files were read alone:
    every article loaded, the cache finding what changed by hashing them all."""
    twin = Corpus(tmp_path / "twin" / "articles")
    for a in articles(KURSK) + articles(FLOOD):
        twin.save(a)
    return twin


def by_loading_all(corpus: Corpus) -> tuple[list[object], list[object]]:
    """Stories and claims as `stories --json` and `claims --json` print them, every article loaded."""
    analysis = analyse_cached(corpus.root, corpus.load_all()[0], workers=1)
    stories = [s.to_dict() | {"n_claims": analysis.n_claims(s)} for s in analysis.stories.stories()]
    return json.loads(json.dumps(stories)), json.loads(json.dumps([c.to_dict() for c in analysis.claims]))


def add_report(corpus: Corpus) -> None:
    """Another report of the Kursk story, in a file of its own."""
    k2 = corpus.load("k2")
    corpus.save(replace(k2, id="k9", title="Pyongyang to send 1,000 sappers to Kursk, Shoigu says"))


def test_one_added_file_is_read_alone_and_the_cli_shows_what_loading_all_shows(corpus, twin, capsys):
    cli(capsys, corpus, "stories", "--json")
    by_loading_all(twin)
    add_report(corpus)
    add_report(twin)
    with pytest.MonkeyPatch.context() as mp:
        parsed = parses(mp)
        stories = cli(capsys, corpus, "stories", "--json")
        claims = cli(capsys, corpus, "claims", "--json")
    assert "k9.yaml" in parsed
    assert not [name for name in parsed if name.startswith("f")]  # the flood story was left as it was
    assert "k9" in stories[0]
    assert (json.loads(stories[0]), json.loads(claims[0])) == by_loading_all(twin)


def test_an_edited_file_is_seen_without_reading_the_other_stories(corpus, twin, capsys):
    cli(capsys, corpus, "claims", "--json")
    by_loading_all(twin)
    for folder in (corpus, twin):
        f1 = folder.load("f1")
        text = f1.paragraphs[0].text.replace("killed 200 people", "killed 230 people")
        folder.save(replace(f1, paragraphs=[replace(f1.paragraphs[0], text=text)]))
    (corpus.root / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        parsed = parses(mp)
        claims = cli(capsys, corpus, "claims", "--json")
    assert "f1.yaml" in parsed and not [name for name in parsed if name.startswith("k")]
    assert "broken.yaml" in claims[1]
    assert json.loads(claims[0]) == by_loading_all(twin)[1]
    assert "230" in claims[0]


def test_the_summary_after_one_added_file_is_the_summary_of_every_article_loaded(corpus, twin):
    summarise_corpus(corpus.root)
    by_loading_all(twin)
    add_report(corpus)
    add_report(twin)
    with pytest.MonkeyPatch.context() as mp:
        parsed = parses(mp)
        patched = shown(summarise_corpus(corpus.root))
    assert "k9.yaml" in parsed and not [name for name in parsed if name.startswith("f")]
    assert "k9" in patched["figure_counts"]  # type: ignore[operator]
    loaded = twin.load_all()[0]
    assert patched == shown(summarise(analyse_cached(twin.root, loaded, workers=1), loaded))
    for folder in (corpus, twin):
        (folder.root / "k9.yaml").unlink()  # and taken out again
    removed = shown(summarise_corpus(corpus.root))
    assert "k9" not in removed["figure_counts"]  # type: ignore[operator]
    loaded = twin.load_all()[0]
    assert removed == shown(summarise(analyse_cached(twin.root, loaded, workers=1), loaded))


def test_a_folder_read_on_two_processes_is_analysed_as_on_one(corpus, tmp_path, monkeypatch):
    (corpus.root / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    files = file_stats(corpus)
    alone = analyse_folder_cached(corpus, files, check_cache(corpus, files), workers=1)
    shutil.rmtree(cache_folder(corpus.root))
    monkeypatch.setattr(analysis_cache, "PARALLEL_FROM", 0)
    monkeypatch.setattr(story_analysis, "READ_BATCH", 3)
    both = analyse_folder_cached(corpus, files, check_cache(corpus, files), workers=2)
    assert both.counts == alone.counts and list(both.counts) == list(alone.counts)
    assert [str(p) for p in both.problems] == [str(p) for p in alone.problems]
    assert [s.to_dict() for s in both.analysis.stories.stories()] == [
        s.to_dict() for s in alone.analysis.stories.stories()
    ]
    assert [c.to_dict() for c in both.analysis.claims] == [c.to_dict() for c in alone.analysis.claims]


def test_a_fresh_record_of_the_layout_before_reads_no_article(corpus):
    import pickle

    first = shown(summarise_corpus(corpus.root))
    path = cache_folder(corpus.root) / "fresh.pickle"
    record = pickle.loads(path.read_bytes())
    record["files"] = file_stats(corpus)  # each file's stat in a dict, as written before
    path.write_bytes(pickle.dumps(record))
    with pytest.MonkeyPatch.context() as mp:
        parsed = parses(mp)
        assert shown(summarise_corpus(corpus.root)) == first
    assert parsed == []


def test_a_file_the_cli_took_in_is_summarised_again_alone(corpus, twin, capsys):
    summarise_corpus(corpus.root)
    by_loading_all(twin)
    add_report(corpus)
    add_report(twin)
    cli(capsys, corpus, "stories", "--json")  # the CLI redoes the story; the reader's summary is not made
    with pytest.MonkeyPatch.context() as mp:
        parsed = parses(mp)
        patched = shown(summarise_corpus(corpus.root))
    assert not [name for name in parsed if name.startswith("f")]
    loaded = twin.load_all()[0]
    assert patched == shown(summarise(analyse_cached(twin.root, loaded, workers=1), loaded))
    assert shown(summarise_corpus(corpus.root)) == patched  # stored patched: the same again, nothing read
