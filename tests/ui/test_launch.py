"""Launching: what the command does before and around the app."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from ui_support import SIZE, async_test, settle

from tui.cli import main


def test_importing_the_app_does_not_import_the_search_engine():
    # whoosh and the figure extractor load inside workers, after the first frame
    code = "import sys, tui.app; print(sorted(m for m in sys.modules if m.startswith(('whoosh', 'tui.search', 'tui.corpus.figure_'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_missing_corpus_folder_is_a_one_line_error(tmp_path, capsys):
    assert main(["--articles", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "no such corpus folder" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


@async_test
async def test_an_empty_corpus_says_how_to_add_articles(make_app, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(corpus=empty)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert len(app.main.article_list.entries) == 0
        assert "kursk-reader ingest" in app.main.article_list.empty_message
        assert app.main.reader.article is None
        await pilot.press("slash", *"kursk", "enter", "escape", "tab", "n", "f", "c", "question_mark", "escape")
        await settle(app, pilot)  # nothing to show, nothing crashes


COLLECTOR_AROUND_THE_FIRST_FRAME = """
import gc, sys
import tui.app, tui.cli

class Reader(tui.app.ReaderApp):
    frames = 0
    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is not None:
            self.frames += 1
            if self.frames == 1:
                print("first frame", gc.isenabled(), gc.get_freeze_count() > 0, flush=True)
                self.set_timer(0.5, self.later)
    def later(self):
        print("later", gc.isenabled(), gc.get_freeze_count() > 0, flush=True)
        self.exit()
    def run(self, **kwargs):
        return super().run(headless=True, size=(80, 24))

tui.app.ReaderApp = Reader
tui.cli.main([])
print("after", gc.isenabled())
"""


def test_the_collector_is_paused_until_the_first_frame_then_runs_again(tmp_path):
    """Starting builds only what lives on: no cyclic collection walks it before the first frame; after it,
    it is frozen out of collections and the collector runs again (a reader left with it off would grow)."""
    env = {**os.environ, "KURSK_READER_STATE": str(tmp_path / "state.json"), "KURSK_READER_INDEX": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", COLLECTOR_AROUND_THE_FIRST_FRAME], capture_output=True, text=True, env=env, timeout=60
    ).stdout.splitlines()
    assert out == ["first frame False False", "later True True", "after True"]


def test_a_launch_that_fails_before_drawing_leaves_the_collector_running(tmp_path):
    assert main(["--articles", str(tmp_path / "nowhere")]) == 2
    assert gc.isenabled()
