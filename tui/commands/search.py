"""kursk-reader search (PLACEHOLDER until its issue lands)."""

from __future__ import annotations

import argparse

from ..errors import UserError

NAME = "search"
HELP = "search (not built yet)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("rest", nargs="*")


def run(args: argparse.Namespace) -> int:
    raise UserError("'search' is not built yet")
