"""Fixtures for the reader's Pilot and snapshot tests: the app on a writable copy of the seed
corpus, with the figure analysis and the search engine replaced by the deterministic fakes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from ui_support import FakeIndex, fake_analyse, fake_figures, folder_through_corpus_analysis

import tui.app
import tui.child_process
import tui.corpus.analysis_summary
import tui.reader_session
import tui.screens.main
import tui.search.engine
from tui.app import ReaderApp
from tui.corpus.store import Corpus


@pytest.fixture(autouse=True)
def children_in_threads(monkeypatch):
    """The search index and the analysis run in threads, not processes: the same pipes and messages, and
    a test's stand-ins apply (test_integration.py runs them as processes, as the reader does)."""
    monkeypatch.setattr(tui.child_process, "START", "thread")


@pytest.fixture
def fake_layers(monkeypatch):
    monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", fake_analyse)
    monkeypatch.setattr(tui.corpus.analysis_summary, "analyse_folder", folder_through_corpus_analysis)
    monkeypatch.setattr(tui.reader_session, "article_figures", fake_figures)
    monkeypatch.setattr(tui.search.engine, "SearchIndex", FakeIndex)


@pytest.fixture
def make_app(seed_corpus, tmp_path, fake_layers):
    """ReaderApp(corpus copy, tmp index, tmp state file); keyword arguments pass through."""

    def make(corpus: Path | None = None, **kwargs) -> ReaderApp:
        return ReaderApp(corpus or seed_corpus, tmp_path / "index", tmp_path / "state.json", **kwargs)

    return make


@pytest.fixture
def seed_articles(seed_corpus):
    articles, problems = Corpus(seed_corpus).load_all()
    assert articles and not problems
    return articles
