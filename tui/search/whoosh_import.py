"""The one place the search layer imports Whoosh from (whoosh-reloaded 2.7.5, see docs/search.md).

Checked with `python -W error` and a fresh bytecode cache on Python 3.11, 3.12 and 3.13: the modules
imported here compile and import without a warning. The package's only SyntaxWarning (an invalid
escape in whoosh/support/pyparsing.py on 3.12+) is in a module nothing here imports, so no warning
filter is installed; tests/test_search_import.py guards that."""

from __future__ import annotations

from whoosh import fields, index, qparser, query, scoring, searching, writing  # noqa: F401
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3PostingsWriter  # noqa: F401
from whoosh.codec.whoosh3 import _lenfield as lenfield  # noqa: F401
from whoosh.filedb.filestore import FileStorage  # noqa: F401
from whoosh.lang.porter import stem as porter_stem  # noqa: F401
from whoosh.matching.wrappers import FilterMatcher  # noqa: F401
from whoosh.reading import TermNotFound  # noqa: F401
from whoosh.util.numeric import byte_to_length, length_to_byte, tiered_ranges  # noqa: F401
from whoosh.writing import PostingPool, SegmentWriter  # noqa: F401
