"""The analysis cache: found once, loaded after; a changed report redoes its story only; damage is rebuilt."""

from __future__ import annotations

import json
import os
import pickle
from dataclasses import replace

import pytest
from claims_fixtures import FLOOD, KURSK, article, articles

import tui.corpus.analysis_cache as analysis_cache
import tui.corpus.claims as claims_module
from tui.corpus.analysis_cache import analyse_cached
from tui.corpus.claims import Analysis, analyse_corpus

OTHER = {
    "o1": (
        "Chess olympiad opens in Budapest",
        "Board Weekly",
        "2025-09-10",
        "The chess olympiad opened in Budapest with 180 teams, organisers said, the biggest field since 2016.",
    ),
}


@pytest.fixture
def corpus():
    return articles(KURSK) + articles(FLOOD)[:3] + articles(OTHER)


@pytest.fixture
def folders(tmp_path):
    return tmp_path / "articles", tmp_path / "cache"


def cached(folders, reports) -> Analysis:
    return analyse_cached(folders[0], reports, workers=1, cache_dir=folders[1])


def snapshot(analysis: Analysis) -> tuple[list[object], list[object]]:
    return [s.to_dict() for s in analysis.stories.stories()], [c.to_dict() for c in analysis.claims]


class Counting:
    """Counts the stories analysed (in this process: workers=1)."""

    def __init__(self, monkeypatch):
        self.stories: list[str] = []
        real = claims_module.analyse_story

        def counted(work, make_claims):
            self.stories.append(work.story.id)
            return real(work, make_claims)

        monkeypatch.setattr(claims_module, "analyse_story", counted)
        monkeypatch.setattr(analysis_cache, "analyse_stories", self._all(analysis_cache.analyse_stories))

    def _all(self, real):
        def counted(work, make_claims, workers=None, pool=None):
            self.stories.extend(w.story.id for w in work)
            return real(work, make_claims, workers, pool)

        return counted


def test_the_cache_gives_what_analysing_gives(corpus, folders):
    fresh = snapshot(analyse_corpus(corpus))
    assert snapshot(cached(folders, corpus)) == fresh
    assert snapshot(cached(folders, corpus)) == fresh  # from the cache this time


def test_an_unchanged_corpus_is_not_analysed_again(corpus, folders, monkeypatch):
    cached(folders, corpus)
    counting = Counting(monkeypatch)
    analysis = cached(folders, corpus)
    kursk = analysis.stories.story_of("k1") or ""
    assert analysis.n_claims(analysis.stories.get(kursk)) == len(analysis.story_claims(kursk)) > 0
    assert counting.stories == []


def test_a_new_report_redoes_its_story_only(corpus, folders, monkeypatch):
    cached(folders, corpus)
    counting = Counting(monkeypatch)
    added = article(*("f4", *FLOOD["f4"]))
    analysis = cached(folders, [*corpus, added])
    flood = analysis.stories.story_of("f1")
    assert analysis.stories.story_of("f4") == flood
    assert counting.stories == [flood]
    expected = analyse_corpus(corpus)
    expected.add_article(added)
    assert snapshot(analysis) == snapshot(expected)
    assert snapshot(cached(folders, [*corpus, added])) == snapshot(expected)  # and it was stored


def test_an_edited_report_changes_its_claims(corpus, folders):
    cached(folders, corpus)
    edited = [
        article("k5", *(KURSK["k5"][:3]), KURSK["k5"][3].replace("1,000", "1,200")) if a.id == "k5" else a
        for a in corpus
    ]
    analysis = cached(folders, edited)
    values = {v.value for c in analysis.story_claims(analysis.stories.story_of("k1") or "") for v in c.values}
    assert 1200 in values


def test_a_removed_report_leaves_its_story(corpus, folders):
    cached(folders, corpus)
    analysis = cached(folders, [a for a in corpus if a.id != "k2"])
    story = analysis.stories.get(analysis.stories.story_of("k1") or "")
    assert story is not None and "k2" not in story.article_ids
    assert all("k2" not in c.article_ids for c in analysis.claims)


def test_new_code_analyses_again(corpus, folders, monkeypatch):
    cached(folders, corpus)
    monkeypatch.setattr(analysis_cache, "analysis_version", lambda: "another version")
    counting = Counting(monkeypatch)
    analysis = cached(folders, corpus)
    assert sorted(counting.stories) == sorted(s.id for s in analysis.stories.stories())  # every story again


@pytest.mark.parametrize("damage", ["index", "parts", "state", "truncate", "planted"])
def test_a_damaged_cache_is_rebuilt_silently(corpus, folders, damage):
    fresh = snapshot(analyse_corpus(corpus))
    cached(folders, corpus)
    cache = folders[1]
    parts = next(cache.glob("parts-*"))
    if damage == "index":
        (cache / "index.pickle").write_bytes(b"\x80\x05not a pickle")
    elif damage == "parts":
        data = bytearray(parts.read_bytes())
        for i in range(0, len(data), 97):
            data[i] ^= 0x5A
        parts.write_bytes(bytes(data))
    elif damage == "state":
        next(cache.glob("state-*")).write_bytes(b"")
    elif damage == "truncate":
        parts.write_bytes(parts.read_bytes()[:100])
    else:  # a pickle that would run a command when loaded by a plain unpickler
        (cache / "index.pickle").write_bytes(pickle.dumps(Planted()))
    assert snapshot(cached(folders, corpus)) == fresh
    added = article(*("f4", *FLOOD["f4"]))
    expected = analyse_corpus(corpus)
    expected.add_article(added)
    assert {s.id for s in cached(folders, [*corpus, added]).stories.stories()} == {
        s.id for s in expected.stories.stories()
    }


class Planted:
    def __reduce__(self):
        return (os.system, ("echo planted > /dev/null",))


def test_an_unwritable_cache_still_analyses(corpus, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    analysis = analyse_cached(tmp_path / "articles", corpus, workers=1, cache_dir=blocked / "cache")
    assert snapshot(analysis) == snapshot(analyse_corpus(corpus))


def test_cache_files_are_named_by_the_corpus_never_by_an_article(tmp_path):
    hostile = article("../../escape", "../../etc/passwd", "x/../y", "2025-06-17", "A report of 5,000 people.")
    cache = tmp_path / "cache"
    analyse_cached(tmp_path / "articles", [hostile], workers=1, cache_dir=cache)
    names = {p.name for p in cache.iterdir()}
    assert all(n == "index.pickle" or n.startswith(("parts-", "state-", "journal-")) for n in names)
    assert {p.name for p in tmp_path.iterdir()} == {"cache"}


def test_told_which_report_changed_only_that_one_is_read_again(corpus, folders, monkeypatch):
    cached(folders, corpus)
    read: list[str] = []
    real = analysis_cache.content_hash
    monkeypatch.setattr(analysis_cache, "content_hash", lambda a: read.append(a.id) or real(a))
    added = article(*("f4", *FLOOD["f4"]))
    analysis = analyse_cached(folders[0], [*corpus, added], workers=1, cache_dir=folders[1], changed=["f4"])
    assert read == ["f4"]
    assert analysis.stories.story_of("f4") == analysis.stories.story_of("f1")


def test_the_commands_answer_from_the_cache_the_second_time(capsys, seed_corpus, monkeypatch):
    from tui.cli import main
    from tui.corpus.store import Corpus

    def run(*argv: str) -> str:
        assert main([*argv, "--articles", str(seed_corpus), "--json"]) == 0
        return capsys.readouterr().out

    stories, claims = run("stories"), run("claims")
    counting = Counting(monkeypatch)
    assert (run("stories"), run("claims")) == (stories, claims)
    assert counting.stories == []
    corpus = Corpus(seed_corpus)
    first = corpus.load_all()[0][0]
    text = first.paragraphs[0].text
    first.paragraphs[0] = replace(first.paragraphs[0], text=text + " Officials counted 4,321 volunteers.")
    corpus.save(first)
    assert 4321 in {v["value"] for c in json.loads(run("claims")) for v in c["values"]}
    assert len(counting.stories) == 1  # its story only


def test_a_loaded_analysis_takes_a_new_report_in_memory(corpus, folders):
    cached(folders, corpus)
    analysis = cached(folders, corpus)  # as loaded: stories only, parts on demand
    added = article(*("f4", *FLOOD["f4"]))
    assert analysis.add_article(added) == analysis.stories.story_of("f1")
    expected = analyse_corpus(corpus)
    expected.add_article(added)
    assert snapshot(analysis) == snapshot(expected)
