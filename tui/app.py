"""PLACEHOLDER: the Textual reader replaces this module, keeping run_app(args) -> int."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    print("the reader is not built yet")
    return 1
