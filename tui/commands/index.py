"""kursk-reader index (PLACEHOLDER until its issue lands)."""

from __future__ import annotations

import argparse

from ..errors import UserError

NAME = "index"
HELP = "index (not built yet)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("rest", nargs="*")


def run(args: argparse.Namespace) -> int:
    raise UserError("'index' is not built yet")
