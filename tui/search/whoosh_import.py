"""The one place the search layer imports Whoosh from (whoosh-reloaded 2.7.5, see docs/search.md).

Checked with `python -W error` and a fresh bytecode cache on Python 3.11, 3.12 and 3.13: the modules
imported here compile and import without a warning. The package's only SyntaxWarning (an invalid
escape in whoosh/support/pyparsing.py on 3.12+) is in a module nothing here imports, so no warning
filter is installed; tests/test_search_import.py guards that."""

from __future__ import annotations

from whoosh import fields, index, matching, qparser, query, scoring, searching, writing  # noqa: F401
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3PostingsWriter  # noqa: F401
from whoosh.codec.whoosh3 import _lenfield as lenfield  # noqa: F401
from whoosh.filedb.filestore import FileStorage  # noqa: F401
from whoosh.lang.porter import stem as porter_stem  # noqa: F401
from whoosh.matching.wrappers import FilterMatcher  # noqa: F401
from whoosh.reading import TermNotFound  # noqa: F401
from whoosh.util.numeric import byte_to_length, length_to_byte, tiered_ranges  # noqa: F401
from whoosh.writing import PostingPool, SegmentWriter  # noqa: F401


def range_terms(reader, q):
    """(field, term bytes) of every indexed trie term inside the NumericRange `q`, widest tier first."""
    field = reader.schema[q.fieldname]
    start = None if q.start is None else field.prepare_number(q.start)
    end = None if q.end is None else field.prepare_number(q.end)
    tiers = tiered_ranges(field.numtype, field.bits, field.signed, start, end, field.shift_step, q.startexcl, q.endexcl)
    for low, high, shift in sorted(tiers, key=lambda tier: -tier[2]):
        if not 0 <= low <= high < 1 << field.bits:
            continue  # split_ranges wraps around an end of the number line (bounds near -1.8e308)
        low_bytes, high_bytes = field.sortable_to_bytes(low, shift), field.sortable_to_bytes(high, shift)
        if low_bytes == high_bytes:
            if (q.fieldname, low_bytes) in reader:
                yield q.fieldname, low_bytes
        else:
            yield from query.TermRange(q.fieldname, low_bytes, high_bytes).expanded_terms(reader)


class DistinctRange(query.NumericRange):
    """A constant-score figure range whose matcher lists each document once. Whoosh's own lists a
    document once per value it holds in the range, which its AND-NOT matcher asserts never happens
    (`value:>=0 -"the ministry"` crashed)."""

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        ids = sorted({d for name, btext in range_terms(reader, self) for d in reader.postings(name, btext).all_ids()})
        if not ids:
            return matching.NullMatcher()
        return matching.ListMatcher(ids, all_weights=self.boost)
