"""Launching: what the command does before and around the app."""

from __future__ import annotations

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
