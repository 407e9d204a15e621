"""Issue 12 item 6 and 8: the reader's state and exports replace only regular files (never a device,
FIFO or folder, no symbolic link out of the folder unless the user named it), and the JSON it
writes carries no raw C1 or bidi control."""

from __future__ import annotations

import json
import os
import stat

import pytest
from ui_support import async_test, fake_analyse, settle

import tui.corpus.analysis_summary
from tui.paths import STATE_ENV
from tui.state import ReaderState, load_state, save_state

STATE = ReaderState(article_id="a", query="sappers")


def fifo(path):
    os.mkfifo(path)
    return path


def device_like(path):
    """A character device in the test's own folder (never a real /dev node): needs root."""
    if os.geteuid() != 0:
        pytest.skip("creating a device node needs root")
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return path


def folder(path):
    path.mkdir()
    return path


@pytest.mark.parametrize("make", [fifo, device_like, folder], ids=["fifo", "device", "folder"])
def test_the_state_is_never_written_over_something_that_is_not_a_regular_file(tmp_path, make):
    path = make(tmp_path / "state.json")
    before = os.lstat(path)
    problem = save_state(path, STATE)
    assert problem and "not a regular file" in problem
    after = os.lstat(path)
    assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino, stat.S_IFMT(before.st_mode))
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temp file left either


@pytest.mark.parametrize("make", [fifo, folder], ids=["fifo", "folder"])
def test_reading_a_state_path_that_is_not_a_file_never_blocks(tmp_path, make):
    path = make(tmp_path / "state.json")
    state, problem = load_state(path)  # a FIFO opened for reading would wait for a writer forever
    assert state == ReaderState() and "not a regular file" in problem


def test_a_link_out_of_the_state_folder_is_followed_only_when_the_user_named_it(tmp_path, monkeypatch):
    outside = tmp_path / "elsewhere" / "precious.txt"
    outside.parent.mkdir()
    outside.write_text("keep me", encoding="utf-8")
    link = tmp_path / "state" / "state.json"
    link.parent.mkdir()
    link.symlink_to(outside)
    monkeypatch.delenv(STATE_ENV, raising=False)
    problem = save_state(link, STATE)
    assert problem and "symbolic link" in problem
    assert outside.read_text(encoding="utf-8") == "keep me" and link.is_symlink()
    monkeypatch.setenv(STATE_ENV, str(link))  # named by the user: written through the link, which stays
    assert save_state(link, STATE) is None
    assert link.is_symlink() and json.loads(outside.read_text(encoding="utf-8"))["query"] == "sappers"


@async_test
async def test_the_reader_with_its_state_on_a_fifo_runs_and_says_so_once(make_app, tmp_path, seed_articles):
    path = fifo(tmp_path / "state.json")
    app = make_app()
    async with app.run_test(size=(140, 42), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "enter", "j", "enter")
        await settle(app, pilot)
        notes = [n.message for n in app._notifications if "state" in n.message]
        assert app.main.reader.article.id == seed_articles[2].id
        assert len(notes) <= 2 and all("not a regular file" in n for n in notes), notes  # read once, written once
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


@async_test
async def test_the_figures_export_holds_no_raw_c1_or_bidi_control(make_app, tmp_path, monkeypatch):
    path = tmp_path / "kursk-figures.json"

    def hostile_counts(articles, corpus_dir=None, workers=1):
        analysis = fake_analyse(articles)
        next(f for figures in analysis.figures.values() for f in figures).counts = "sappers\x9b2J\u202eevil"
        return analysis

    app = make_app()
    async with app.run_test(size=(140, 42), notifications=True) as pilot:
        await settle(app, pilot)
        monkeypatch.setattr(tui.corpus.analysis_summary, "corpus_analysis", hostile_counts)  # the export's analysis
        app.main.export_to(str(path))
        await settle(app, pilot)
        note = next(n.message for n in app._notifications if "Exported" in n.message)
    assert str(path) in note
    raw = path.read_text(encoding="utf-8")
    assert "\x9b" not in raw and "\u202e" not in raw and "\\u009b" in raw
    exported = json.loads(raw)
    assert any(f["counts"] == "sappers\x9b2J\u202eevil" for f in exported["figures"])  # the same value


@async_test
async def test_an_export_over_a_fifo_is_refused_with_a_notice(make_app, tmp_path):
    path = fifo(tmp_path / "figures.md")
    app = make_app()
    async with app.run_test(size=(140, 42), notifications=True) as pilot:
        await settle(app, pilot)
        app.main.export_to(str(path))
        await pilot.pause()
        assert any("not a regular file" in n.message for n in app._notifications)
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


def test_a_state_path_of_the_null_device_means_remember_nothing(tmp_path, monkeypatch):
    """KURSK_READER_STATE=/dev/null: nothing read or written, no complaint. The test points
    os.devnull at a FIFO of its own rather than touching the real device."""
    stand_in = fifo(tmp_path / "null")
    monkeypatch.setattr(os, "devnull", str(stand_in))
    assert load_state(stand_in) == (ReaderState(), None)  # a FIFO: reading it would block
    assert save_state(stand_in, STATE) is None
    assert stat.S_ISFIFO(os.lstat(stand_in).st_mode) and [p.name for p in tmp_path.iterdir()] == ["null"]
