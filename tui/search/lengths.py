"""Field lengths read in bulk. Whoosh keeps one length byte per document and field in a fixed-width
column and reads it one document at a time (a seek and a read each); scoring a block and writing
postings both want thousands at once, so they read the column once as bytes."""

from __future__ import annotations

from .whoosh_import import LENGTHS_COLUMN, byte_to_length, lenfield

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
