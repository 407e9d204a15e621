"""How the index writer writes: Whoosh's segment writer with three hot spots replaced.

At 8,000 articles a commit spent 56 s (profiled) writing postings; most of it was per-posting Python
overhead in three places: the posting pool's sorted runs (one pickle per posting), asking every
posting's document length (a seek and a read each) and argument checks on every posting."""

from __future__ import annotations

from itertools import islice
from pickle import HIGHEST_PROTOCOL, dump, load

from .lengths import LENGTH_OF_BYTE, length_bytes
from .whoosh_import import PostingPool, SegmentWriter, lenfield

RUN_CHUNK = 10_000  # postings per pickle in the pool's sorted runs
_ASK_WHOOSH = object()  # a length column read one document at a time by Whoosh


class LengthsPreloaded:
    """A per-document reader whose doc_field_length answers from each field's column read once."""

    def __init__(self, perdoc) -> None:
        self._perdoc = perdoc
        self._columns: dict[str, bytes | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        if fieldname not in self._columns:
            self._columns[fieldname] = self._column(fieldname)
        column = self._columns[fieldname]
        if column is None:  # a field without lengths (ids, keywords): Whoosh answers `default` too
            return default
        if column is _ASK_WHOOSH:
            return self._perdoc.doc_field_length(docnum, fieldname, default)
        b = column[docnum] if docnum < len(column) else 0
        return LENGTH_OF_BYTE[b] if b else default

    def _column(self, fieldname: str):
        column = length_bytes(self._perdoc, fieldname, self._perdoc.doc_count_all())
        if column is None and self._perdoc.has_column(lenfield(fieldname)):
            return _ASK_WHOOSH  # a column we could not read in one piece
        return column

    def __getattr__(self, name: str):
        return getattr(self._perdoc, name)


class ChunkedPool(PostingPool):
    """Whoosh's posting pool, whose sorted runs (spilled to disk past `limitmb`) hold chunks of
    postings: Whoosh's own pickle and unpickle each posting on its own (3.6 million loads, ~12 s)."""

    def _write_run(self, f, items) -> None:
        items = iter(items)
        while chunk := list(islice(items, RUN_CHUNK)):
            dump(chunk, f, HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                yield from load(f)
        except EOFError:
            return
        finally:
            f.close()
            self._remove_run(path)


class Writer(SegmentWriter):
    """Whoosh's segment writer with the chunked pool; writing postings asks every posting's document
    length (~18% of indexing time, one read at a time), so it gets the preloaded lengths."""

    def __init__(self, ix, limitmb: int = 128, **kwargs) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = ChunkedPool(self._tempstorage, self.newsegment, limitmb=limitmb)

    def per_document_reader(self):
        return LengthsPreloaded(super().per_document_reader())
