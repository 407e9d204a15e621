"""Shared fixtures. Tests that need ../shared/ skip, saying so, when it is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RAW_SEEDS = REPO / "articles" / "raw"
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user's cache, state or index from a test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("KURSK_READER_ARTICLES", raising=False)
    monkeypatch.delenv("KURSK_READER_INDEX", raising=False)
    monkeypatch.delenv("KURSK_READER_STATE", raising=False)


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/ is not beside the checkout: peer data unavailable")
    return SHARED


@pytest.fixture
def seed_corpus(tmp_path) -> Path:
    """A writable copy of the bundled corpus (cleaned YAML + raw reports), as `articles/`."""
    target = tmp_path / "articles"
    shutil.copytree(REPO / "articles", target)
    return target
