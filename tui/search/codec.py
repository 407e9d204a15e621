"""Whoosh's postings format with each block's values (word positions) stored apart from its ids and
weights, so ranking reads a block without unpacking its positions.

Whoosh 2.7 writes a posting block as one zlib-compressed pickle of (ids, weights, values) and unpacks
all three to read any of them. For the body field the values are 128 position lists: unpacking them
is ~90% of reading a block (~100 µs of ~110 at 100,000 articles), yet only phrase checks use them.
Here a block is a pickle of (id gaps as array bytes, weights as bytes (term counts) or float32, the
values compressed on their own); ids and weights come back in a few µs (bulk.py reads them straight
into numpy) and positions are unpacked only when asked for. Ids and weights come back exactly as
Whoosh's own format returns them, so scores do not change (tests/test_search_codec.py compares
every posting). Term vectors (byte ids) keep Whoosh's format: nothing here reads them in bulk."""

from __future__ import annotations

import zlib
from array import array
from itertools import accumulate, pairwise
from pickle import dumps, loads

from .whoosh_import import WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3PostingsWriter, length_to_byte

_COMPRESSION = 3  # zlib level for the values, Whoosh's default for whole blocks
# Whoosh pickles at protocol 2, which has no bytes type (bytes cost up to twice their size); 3 has one
# and, unlike 4, adds no frame header to every block.
_PICKLE = 3
_DELTA_TYPES = ("B", "H", "I", "Q")


class PositionsApartCodec(W3Codec):
    """Pickled inside each segment's entry in the index's table of contents: renaming or moving this
    class makes older indexes unreadable, which the engine answers with a rebuild."""

    def postings_writer(self, dbfile, byteids=False):
        if byteids:
            return super().postings_writer(dbfile, byteids=True)
        return _BlockWriter(
            dbfile, blocklimit=self._blocklimit, compression=self._compression, inlinelimit=self._inlinelimit
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return BlockMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class _BlockWriter(W3PostingsWriter):
    def add_posting(self, id_, weight, vbytes, length=None) -> None:
        """Whoosh's add_posting without its four type assertions per posting (our own field writer
        and pool are the only callers): the same block statistics."""
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        databytes = dumps((_pack_ids(self._ids), _pack_weights(self._weights), self._packed_values()), _PICKLE)
        ids = self._ids
        info = (len(ids), ids[-1], self._maxweight, 0, length_to_byte(self._minlength), length_to_byte(self._maxlength))
        infobytes = dumps(info, 2)
        length = len(infobytes) + len(databytes)
        self._postfile.write_int(-length if last else length)  # negative: the last block (as Whoosh)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()

    def _packed_values(self):
        fixedsize = self._format.fixed_value_size()
        if fixedsize == 0:
            return None
        if fixedsize is not None and fixedsize > 0:
            return b"".join(self._values)
        return zlib.compress(dumps(tuple(self._values), _PICKLE), _COMPRESSION)


def _pack_ids(ids) -> bytes:
    deltas = [ids[0], *(b - a for a, b in pairwise(ids))]
    top = max(deltas)
    typecode = next(t for t in _DELTA_TYPES if top < 1 << (8 * array(t).itemsize))
    return typecode.encode() + array(typecode, deltas).tobytes()


def _pack_weights(weights) -> bytes | None:
    """None when all are 1.0; small whole numbers (term counts) as bytes; else float32, which the
    writer's weights already are (no rounding either way)."""
    if all(w == 1.0 for w in weights):
        return None
    typecode = "B" if all(w.is_integer() and 0 <= w < 256 for w in weights) else "f"
    return typecode.encode() + array(typecode, map(int, weights) if typecode == "B" else weights).tobytes()


class BlockMatcher(W3LeafMatcher):
    """Reads the blocks _BlockWriter writes; everything else is Whoosh's leaf matcher."""

    def _read_data(self) -> None:
        self._data = loads(self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset))

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        packed = self._data[0]
        self._ids = tuple(accumulate(array(chr(packed[0]), packed[1:])))

    def _read_weights(self) -> None:
        if self._data is None:
            self._read_data()
        packed = self._data[1]
        if packed is None:
            self._weights = array("f", [1.0]) * self._blocklength
        else:
            self._weights = array("f", array(chr(packed[0]), packed[1:]))

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        packed, fixedsize = self._data[2], self._fixedsize
        if fixedsize == 0:
            self._values = (None,) * self._blocklength
        elif fixedsize is not None and fixedsize > 0:
            self._values = tuple(packed[i : i + fixedsize] for i in range(0, len(packed), fixedsize))
        else:
            self._values = unpack_values(packed)


def unpack_values(packed: bytes) -> tuple[bytes, ...]:
    """A block's variable-size values (one encoded position list per posting), as _BlockWriter packed them."""
    return loads(zlib.decompress(packed))
