"""kursk-reader: compare several news reports of one event in the terminal."""

__version__ = "0.1.0"
