"""`kursk-reader`: no sub-command opens the reader; sub-commands script every feature (--json)."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .errors import UserError
from .paths import ARTICLES_ENV

COMMAND_MODULES = ("ingest", "articles", "show", "figures", "search", "index")


def _command(name: str):
    import importlib

    return importlib.import_module(f".commands.{name}", __package__)


def build_parser() -> argparse.ArgumentParser:
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--articles",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"corpus folder (default: ${ARTICLES_ENV}, else the bundled corpus)",
    )
    parser = argparse.ArgumentParser(
        prog="kursk-reader",
        description="Compare several news reports of one event: articles, figures and search.",
        parents=[shared],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = _command(name)
        p = sub.add_parser(name, help=module.HELP, description=module.HELP, parents=[shared])
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if getattr(args, "run", None) is None:
            from .app import run_app

            return run_app(args)
        return args.run(args)
    except UserError as e:
        print(f"kursk-reader: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # output piped into `head`: not an error worth a traceback
        return 0


if __name__ == "__main__":
    sys.exit(main())
