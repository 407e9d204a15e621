"""`kursk-reader`: no sub-command opens the reader; sub-commands script every feature (--json)."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .errors import UserError, os_error_message
from .paths import ARTICLES_ENV
from .textsafe import one_line

if TYPE_CHECKING:
    import argparse

COMMAND_MODULES = ("ingest", "articles", "show", "figures", "stories", "claims", "search", "index")
DEBUG_ENV = "KURSK_READER_DEBUG"
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE


def _command(name: str):
    import importlib

    return importlib.import_module(f".commands.{name}", __package__)


def build_parser(with_commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The full parser; without commands (`kursk-reader --articles DIR`), none of their modules is imported.

    `only` names the one command the arguments run: the others are still known to the parser, but their
    modules (~150 ms of imports together) are not loaded just to describe them."""
    import argparse  # here, not at the top: plain `kursk-reader` opens the reader without parsing anything

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            """Usage, then the complaint on one line with the user's argument shown safely."""
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: error: {one_line(message)}\n")

    shared = _Parser(add_help=False)
    shared.add_argument(
        "--articles",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"corpus folder (default: ${ARTICLES_ENV}, else the bundled corpus)",
    )
    parser = _Parser(
        prog="kursk-reader",
        description="Compare several news reports of one event: articles, figures and search.",
        parents=[shared],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    if not with_commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        if only is not None and name != only:
            sub.add_parser(name)
            continue
        module = _command(name)
        p = sub.add_parser(name, help=module.HELP, description=module.HELP, parents=[shared])
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def _words(argv: list[str]) -> list[str]:
    """The arguments that are not options nor an option's value: the command comes first."""
    options_with_values = {"--articles"}
    return [
        a for i, a in enumerate(argv) if not a.startswith("-") and (i == 0 or argv[i - 1] not in options_with_values)
    ]


def _opens_reader(argv: list[str]) -> bool:
    """Only options, no command and no help: the reader opens, so skip importing every command (~150 ms)."""
    return not _words(argv) and not {"-h", "--help"} & set(argv)


def _parse(argv: list[str]) -> argparse.Namespace:
    words = _words(argv)
    command = words[0] if words and words[0] in COMMAND_MODULES else None
    if command is None or {"-h", "--help"} & set(argv[: argv.index(command)]):
        # the reader, top-level help (which describes every command), or a word argparse will refuse
        return build_parser(with_commands=not _opens_reader(argv)).parse_args(argv)
    return build_parser(only=command).parse_args(argv)


def _error(message: str) -> None:
    print(f"kursk-reader: error: {one_line(message, limit=1000)}", file=sys.stderr)


def _dispatch(args: argparse.Namespace | None) -> int:
    if args is None or getattr(args, "run", None) is None:  # no command (or no arguments at all): the reader
        # No cyclic collection while Textual and the reader are imported either: the reader resumes it once
        # its first frame is drawn (tui.app.ReaderApp.run; ~2% of the instructions to that frame).
        gc.disable()
        try:
            from .app import run_app

            return run_app(args)
        finally:
            gc.enable()  # already, unless the reader never drew (no corpus folder, say)
    return args.run(args)


def main(argv: list[str] | None = None) -> int:
    # A terminal that cannot encode a character shows an escape instead of crashing the command.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else argv
    # No arguments: the reader opens with its defaults, so there is nothing to parse (argparse and
    # building the parser cost ~4 ms of the first frame).
    args = _parse(argv) if argv else None
    try:
        return _dispatch(args)
    except UserError as e:
        _error(str(e))
        return e.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head`: not an error. Point stdout at devnull so the flush at exit is quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as e:
        _error(os_error_message(e, "access"))
        return 1
    except Exception as e:
        if os.environ.get(DEBUG_ENV):
            raise
        _error(f"internal error: {type(e).__name__}: {e} (set {DEBUG_ENV}=1 to see the traceback; please report it)")
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
