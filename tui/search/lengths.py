"""Field lengths read in bulk. Whoosh keeps one length byte per document and field in a fixed-width
column and reads it one document at a time (a seek and a read each); scoring a block and writing
postings both want thousands at once, so they read the column once as bytes."""

from __future__ import annotations

from .whoosh_import import LENGTHS_COLUMN, SegmentWriter, byte_to_length, lenfield

LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]


def length_bytes(perdoc, fieldname: str, doccount: int) -> bytes | None:
    """The length byte of every document (0: no terms in the field); None if the reader has no column."""
    try:
        column = perdoc._cached_reader(lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return None
        data = column._dbfile.get(column._basepos, column._count)
    except (AttributeError, TypeError):  # another codec: callers fall back to Whoosh's own reads
        return None
    return bytes(data) + bytes(max(0, doccount - len(data)))


class LengthsPreloaded:
    """A per-document reader whose doc_field_length answers from each field's column read once."""

    def __init__(self, perdoc) -> None:
        self._perdoc = perdoc
        self._columns: dict[str, bytes | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        if fieldname not in self._columns:
            self._columns[fieldname] = length_bytes(self._perdoc, fieldname, self._perdoc.doc_count_all())
        column = self._columns[fieldname]
        if column is None:
            return self._perdoc.doc_field_length(docnum, fieldname, default)
        b = column[docnum] if docnum < len(column) else 0
        return LENGTH_OF_BYTE[b] if b else default

    def __getattr__(self, name: str):
        return getattr(self._perdoc, name)


class Writer(SegmentWriter):
    """Whoosh's segment writer; writing postings asks every posting's document length (~18% of
    indexing time one read at a time), so it gets the preloaded lengths."""

    def per_document_reader(self):
        return LengthsPreloaded(super().per_document_reader())
