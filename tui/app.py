"""The reader app: what is app-wide (the corpus it opens, notices, help, quitting, the palette).
The main screen (tui.screens.main) composes the panes and coordinates them."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding

from .errors import UserError
from .screens.main import MainScreen
from .textsafe import safe_line

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable

    from textual.screen import Screen

    from .corpus.model import Article


def corpus_commands():
    """The palette's corpus provider, imported when the palette first opens (not before the first frame)."""
    from .screens.palette import CorpusCommands

    return CorpusCommands


class ReaderApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    # The Footer's place until it is mounted, just after the first frame (see MainScreen.compose).
    CSS = "#footer-pending { dock: bottom; height: 1; background: $footer-background; }"
    TITLE = "kursk-reader"
    COMMANDS = App.COMMANDS | {corpus_commands}
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        corpus_dir: Path,
        index_dir: Path | None = None,
        state_path: Path | None = None,
        articles: list[Article] | None = None,
    ) -> None:
        super().__init__()
        self.main = MainScreen(Path(corpus_dir), index_dir, state_path, articles)

    def run(self, *args, **kwargs):
        # No cyclic collection until the first frame is drawn: what starting builds (modules, styles, the
        # widgets) lives as long as the reader, so collecting only walked it again and again (~4% of the
        # instructions to the first frame; a full collection in it took 30-60 ms). Once the frame is out,
        # all of it is frozen out of later collections and the collector runs again (see on_mount).
        from .child_process import collector_paused  # shared with the workers' pauses (counted)

        self._startup_pause = collector_paused()
        self._startup_pause.__enter__()
        # A key waits for the interpreter at most 1 ms (not 5) while a worker thread runs Python code
        # (building the list's summaries, receiving the analysis).
        sys.setswitchinterval(0.001)
        try:
            return super().run(*args, **kwargs)
        finally:
            self._end_startup_pause()

    _startup_pause: contextlib.AbstractContextManager | None = None

    def _end_startup_pause(self) -> None:
        pause, self._startup_pause = self._startup_pause, None
        if pause is not None:
            pause.__exit__(None, None, None)

    def get_default_screen(self) -> MainScreen:
        return self.main

    def on_mount(self) -> None:
        self.call_after_refresh(self._end_startup_pause)  # the first frame is out (see run)
        self.call_after_refresh(self.load_keymap)  # after the first frame: tomllib is not free

    def load_keymap(self) -> None:
        from .keymap import keymap_path, load_keymap  # platformdirs & tomllib: after the first frame

        keymap, problem = load_keymap(keymap_path())
        if problem:
            self.notify(problem, title="Key map", severity="warning")
        if keymap:
            self.set_keymap(keymap)

    def notify(self, message: str, *, title: str = "", markup: bool = False, **kwargs) -> None:
        """Every notice is shown literally and terminal-safe: notices quote paths, names and errors."""
        super().notify(safe_line(message), title=safe_line(title), markup=False, **kwargs)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from self.main.system_commands()
        yield SystemCommand("Help", "Keys and the query language", self.action_help)

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # Markdown: only when help first opens

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.main.save_state(now=True)
        # Saved for good: a message still arriving while the app closes (the analysis, say) would otherwise
        # save again from widgets already detached (they read as hidden), over this state.
        self.main.state_path = None
        self.exit()


def run_app(args: argparse.Namespace | None) -> int:
    """The reader on --articles (args None or without it: $KURSK_READER_ARTICLES, else the bundled corpus)."""
    from .paths import articles_dir, state_file  # platformdirs: only when the reader is started

    corpus = articles_dir(getattr(args, "articles", None))
    if not corpus.is_dir():
        raise UserError(f"{corpus}: no such corpus folder")
    # No index folder given: the index worker asks tui.paths.index_dir (the same default) after the
    # first frame, instead of spending ~1.5 ms on it (sysconfig) before.
    ReaderApp(corpus, None, state_file()).run()
    return 0
