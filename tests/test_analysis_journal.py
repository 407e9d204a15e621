"""The analysis cache's journal: an added or removed report is kept as a small record, not by writing the
whole story index again; a record cut short or damaged by a crash never counts, and the cache recovers."""

from __future__ import annotations

import pickle

import pytest
from claims_fixtures import FLOOD, article, articles
from test_analysis_cache import OTHER, Counting, cached, snapshot

import tui.corpus.analysis_cache as analysis_cache
from tui.corpus.claims import analyse_corpus
from tui.corpus.model import Article

MORE = {
    "o2": (
        "Chess olympiad in Budapest reaches its final round",
        "Pawn Post",
        "2025-09-20",
        "The chess olympiad in Budapest reached its final round with 180 teams still playing, organisers said.",
    ),
}


@pytest.fixture
def corpus() -> list[Article]:
    return articles(FLOOD)[:3] + articles(OTHER)


@pytest.fixture
def folders(tmp_path):
    return tmp_path / "articles", tmp_path / "cache"


def expected(reports: list[Article], added: list[Article], removed: list[str]):
    analysis = analyse_corpus(reports)
    for article_id in removed:
        analysis.remove_article(article_id)
    for a in added:
        analysis.add_article(a)
    return snapshot(analysis)


def journal(folders) -> list:
    return sorted(folders[1].glob("journal-*"))


def test_changes_are_journalled_and_read_back(corpus, folders, monkeypatch):
    cached(folders, corpus)
    index = (folders[1] / "index.pickle").read_bytes()
    f4, o2 = article("f4", *FLOOD["f4"]), article("o2", *MORE["o2"])
    cached(folders, [*corpus, f4])
    cached(folders, [a for a in [*corpus, f4] if a.id != "f2"])
    final = [a for a in [*corpus, f4, o2] if a.id != "f2"]
    cached(folders, final)  # the story index is rebuilt from the state and two records to place o2
    assert (folders[1] / "index.pickle").read_bytes() == index  # only the journal was written
    assert len(journal(folders)) == 1 and journal(folders)[0].stat().st_size > 0
    want = expected(corpus, [f4, o2], ["f2"])
    counting = Counting(monkeypatch)
    assert snapshot(cached(folders, final)) == want
    assert counting.stories == []  # all of it from the cache


@pytest.mark.parametrize("damage", ["cut", "flipped", "garbage"])
def test_a_torn_record_does_not_count_and_the_cache_recovers(corpus, folders, monkeypatch, damage):
    cached(folders, corpus)
    f4 = article("f4", *FLOOD["f4"])
    cached(folders, [*corpus, f4])
    path = journal(folders)[0]
    data = bytearray(path.read_bytes())
    if damage == "cut":  # the crash came in the middle of writing the record
        del data[-7:]
    elif damage == "flipped":
        data[len(data) // 2] ^= 0xFF
    else:  # a whole record, then the start of another
        data += b"\x40\x00\x00\x00\x00\x00\x00\x00partial"
    path.write_bytes(bytes(data))
    o2 = article("o2", *MORE["o2"])
    before, with_f4, with_both = expected(corpus, [], []), expected(corpus, [f4], []), expected(corpus, [f4, o2], [])
    counting = Counting(monkeypatch)
    if damage != "garbage":  # the cache is as it was before f4: nothing to analyse for the old corpus
        assert snapshot(cached(folders, corpus)) == before
        assert counting.stories == []
    assert snapshot(cached(folders, [*corpus, f4])) == with_f4
    assert snapshot(cached(folders, [*corpus, f4, o2])) == with_both
    counting.stories.clear()
    assert snapshot(cached(folders, [*corpus, f4, o2])) == with_both
    assert counting.stories == []  # the records after the torn one were kept and read back


def test_a_long_journal_is_folded_into_the_index(corpus, folders, monkeypatch):
    monkeypatch.setattr(analysis_cache, "COMPACT_AFTER", 2)
    cached(folders, corpus)
    first = journal(folders) or [None]
    state = sorted(p.name for p in folders[1].glob("state-*"))
    f4, o2 = article("f4", *FLOOD["f4"]), article("o2", *MORE["o2"])
    cached(folders, [*corpus, f4])
    cached(folders, [*corpus, f4, o2])  # the second record: index and state written whole instead
    assert sorted(p.name for p in folders[1].glob("state-*")) != state and len(list(folders[1].glob("state-*"))) == 1
    assert journal(folders) != first
    want = expected(corpus, [f4, o2], [])
    counting = Counting(monkeypatch)
    assert snapshot(cached(folders, [*corpus, f4, o2])) == want
    assert counting.stories == []


def test_the_story_index_kept_on_disk_places_articles_as_the_one_in_memory():
    from tui.corpus.stories import StoryIndex, build_stories

    reports = articles(FLOOD)[:3] + articles(OTHER) + articles(MORE)
    in_memory = build_stories(reports[:-2])
    loaded = StoryIndex.from_state(pickle.loads(pickle.dumps(in_memory.to_state())))
    for a in [*reports[-2:], article("f4", *FLOOD["f4"])]:
        assert loaded.add(a) == in_memory.add(a)
    loaded.remove("f1")
    in_memory.remove("f1")
    assert [s.to_dict() for s in loaded.stories()] == [s.to_dict() for s in in_memory.stories()]
    assert pickle.loads(pickle.dumps(loaded.to_state())) == pickle.loads(pickle.dumps(in_memory.to_state()))
