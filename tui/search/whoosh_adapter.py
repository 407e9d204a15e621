"""The one door to Whoosh: every Whoosh import, and every use of its private names, is here.

The search layer relies on Whoosh internals in four places, all below: its postings format (a codec
storing word positions apart from ids and weights), reading whole posting lists and length columns
in one piece for array scoring, a writer whose hot spots are replaced, and numeric ranges. Those
internals are not an API, so the Whoosh version is pinned (pyproject) and checked at import: another
version is a one-line error naming the fix, never a wrong result from a changed private name.

Checked with `python -W error` and a fresh bytecode cache on Python 3.11, 3.12 and 3.13: the modules
imported here compile and import without a warning (tests/test_search_index.py guards that).

The postings format. Whoosh 2.7 writes a posting block as one zlib-compressed pickle of (ids,
weights, values) and unpacks all three to read any of them. For the body field the values are 128
position lists: unpacking them is ~90% of reading a block (~100 µs of ~110 at 100,000 articles), yet
only phrase checks use them. Here a block is a pickle of (id gaps as array bytes, weights as bytes
(term counts) or float32, the values compressed on their own); ids and weights come back in a few
µs and positions are unpacked only when asked for. Ids and weights come back exactly as Whoosh's own
format returns them, so scores do not change (tests/test_search_codec.py compares every posting).
Term vectors (byte ids) keep Whoosh's format. `read_blocks` is the one reader of block headers,
`unpack_block` the one reader of block data: the matcher and bulk scoring both use them."""

from __future__ import annotations

import heapq
import io
import zlib
from array import array
from collections.abc import Callable, Iterator
from itertools import accumulate, islice, pairwise
from operator import itemgetter, lt, sub
from pickle import HIGHEST_PROTOCOL, dump, dumps, load, loads
from struct import Struct
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

import whoosh

from .errors import WhooshVersionError

__all__ = [
    "LENGTH_OF_BYTE",
    "NO_POSTINGS",
    "BlockHeader",
    "BlockMatcher",
    "DistinctRange",
    "PositionsApartCodec",
    "TermBlocks",
    "Tokenizer",
    "WhooshToken",
    "Writer",
    "block_values",
    "check_version",
    "fields",
    "index",
    "length_bytes",
    "porter_stem",
    "positions_decoder",
    "qparser",
    "query",
    "range_terms",
    "read_blocks",
    "reader_cache",
    "scoring",
    "term_blocks",
    "unpack_block",
    "unpack_values",
]

WHOOSH_TESTED = (2, 7, 5)  # keep in step with pyproject's pin
WHOOSH_REQUIREMENT = "whoosh-reloaded>=2.7.5,<2.7.6"


def check_version(found: tuple[Any, ...]) -> None:
    if tuple(found[:3]) != WHOOSH_TESTED:
        shown = ".".join(map(str, found))
        raise WhooshVersionError(
            f"search needs Whoosh {'.'.join(map(str, WHOOSH_TESTED))} (whoosh-reloaded), the version its index "
            f"code is tested on, but {shown} is installed: pip install '{WHOOSH_REQUIREMENT}'"
        )


check_version(getattr(whoosh, "__version__", ()))

# ruff: noqa: E402 - the version is checked before the internals below are imported
from whoosh import fields, formats, index, matching, qparser, query, scoring
from whoosh.analysis import Token as WhooshToken
from whoosh.analysis import Tokenizer
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3PostingsWriter
from whoosh.codec.whoosh3 import _lenfield as lenfield
from whoosh.lang.porter import stem as porter_stem
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length, length_to_byte, tiered_ranges
from whoosh.writing import PostingPool, SegmentWriter

# ---- the postings format ------------------------------------------------------------------------

_COMPRESSION = 3  # zlib level for the values, Whoosh's default for whole blocks
# Whoosh pickles at protocol 2, which has no bytes type (bytes cost up to twice their size); 3 has one
# and, unlike 4, adds no frame header to every block.
_PICKLE = 3
_DELTA_TYPES = ("B", "H", "I", "Q")
_BLOCK_LENGTH = Struct("!i")  # before each block; negative for a term's last block
LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]


class BlockHeader(NamedTuple):
    """One posting block of a term, as read_blocks finds it."""

    offset: int  # in the postings file, of the block's length field
    postings: int  # in the block
    last_id: int
    max_weight: float
    min_length: int  # length bytes (see LENGTH_OF_BYTE)
    max_length: int
    data_offset: int  # in the postings file, of the block's data
    data_end: int
    last: bool


class TermBlocks(NamedTuple):
    """A term's posting blocks in one segment, read in one piece."""

    data: bytes  # the postings after the header magic
    base: int  # file offset of data[0]
    headers: list[BlockHeader]
    file: Any  # the segment's postings file (a Whoosh StructFile)


def read_blocks(data: bytes, base: int) -> list[BlockHeader]:
    """Every block header of one term's postings: [length][pickled info][pickled data], repeated."""
    headers = []
    stream = io.BytesIO(data)
    at = 0
    while True:
        size = _BLOCK_LENGTH.unpack_from(data, at)[0]
        stream.seek(at + _BLOCK_LENGTH.size)
        postings, last_id, max_weight, _compression, min_length, max_length = load(stream)
        end = at + _BLOCK_LENGTH.size + abs(size)
        last = size < 0
        data_offset = base + stream.tell()
        headers.append(
            BlockHeader(base + at, postings, last_id, max_weight, min_length, max_length, data_offset, base + end, last)
        )
        if last:
            return headers
        at = end


class PackedBlock(NamedTuple):
    ids: memoryview  # id gaps (the first id absolute), native array of `ids_type`
    ids_type: str
    weights: memoryview | None  # None: every weight is 1.0
    weights_type: str
    values: bytes | None  # compressed pickled tuple of per-posting values, or fixed-size values joined


def unpack_block(raw: bytes) -> PackedBlock:
    """A block's data as _BlockWriter packed it."""
    ids, weights, values = loads(raw)
    return PackedBlock(
        memoryview(ids)[1:], chr(ids[0]), None if weights is None else memoryview(weights)[1:],
        "" if weights is None else chr(weights[0]), values,
    )  # fmt: skip


def _array(typecode: str, data: memoryview) -> array[Any]:
    found = array(typecode)
    found.frombytes(data)
    return found


def unpack_values(packed: bytes) -> tuple[bytes, ...]:
    """A block's variable-size values (one encoded position list per posting)."""
    values: tuple[bytes, ...] = loads(zlib.decompress(packed))
    return values


class PositionsApartCodec(W3Codec):
    """Pickled inside each segment's entry in the index's table of contents: renaming or moving this
    class makes older indexes unreadable (schema.SCHEMA_VERSION is bumped when it moves)."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        if byteids:
            return super().postings_writer(dbfile, byteids=True)
        return _BlockWriter(
            dbfile, blocklimit=self._blocklimit, compression=self._compression, inlinelimit=self._inlinelimit
        )

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None) -> Any:
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return BlockMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class _BlockWriter(W3PostingsWriter):
    _maxweight: float
    _minlength: int | None
    _maxlength: int

    def add_posting(self, id_: int, weight: float, vbytes: bytes, length: int | None = None) -> None:
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

    def _packed_values(self) -> bytes | None:
        fixedsize = self._format.fixed_value_size()
        if fixedsize == 0:
            return None
        if fixedsize is not None and fixedsize > 0:
            return b"".join(self._values)
        return zlib.compress(dumps(tuple(self._values), _PICKLE), _COMPRESSION)


def _pack_ids(ids: list[int]) -> bytes:
    deltas = [ids[0], *(b - a for a, b in pairwise(ids))]
    top = max(deltas)
    typecode = next(t for t in _DELTA_TYPES if top < 1 << (8 * array(t).itemsize))
    return typecode.encode() + array(typecode, deltas).tobytes()


def _pack_weights(weights: list[float]) -> bytes | None:
    """None when all are 1.0; small whole numbers (term counts) as bytes; else float32, which the
    writer's weights already are (no rounding either way)."""
    if all(w == 1.0 for w in weights):
        return None
    typecode = "B" if all(w.is_integer() and 0 <= w < 256 for w in weights) else "f"
    return typecode.encode() + array(typecode, map(int, weights) if typecode == "B" else weights).tobytes()


class BlockMatcher(W3LeafMatcher):
    """Whoosh's leaf matcher over _BlockWriter's blocks: the term's postings are read in one piece
    and their headers by read_blocks; ids, weights and values are unpacked only when asked for."""

    _data: PackedBlock | None
    _ids: tuple[int, ...] | None
    _weights: array[float] | None
    _values: tuple[bytes | None, ...] | None

    def _read_header(self) -> None:
        super()._read_header()  # checks the magic, sets _baseoffset
        length = self._length[0] if isinstance(self._length, tuple) else self._length  # Whoosh keeps a 1-tuple
        base = self._baseoffset
        data = bytes(self._postfile.get(base, self._startoffset + length - base))
        self.blocks = TermBlocks(data, base, read_blocks(data, base), self._postfile)
        self._header_at = {h.offset: h for h in self.blocks.headers}

    def _goto(self, position: int) -> None:
        header = self._header_at[position]
        self._data, self._ids, self._weights, self._values = None, None, None, None
        self._i = 0
        self._lastblock = header.last
        self._nextoffset = header.data_end
        self._dataoffset = header.data_offset
        self._blocklength, self._maxid, self._maxweight = header.postings, header.last_id, header.max_weight
        self._compression = 0
        self._minlength = byte_to_length(header.min_length)
        self._maxlength = byte_to_length(header.max_length)

    def _packed(self) -> PackedBlock:
        if self._data is None:
            start = self._dataoffset - self.blocks.base
            self._data = unpack_block(self.blocks.data[start : self._nextoffset - self.blocks.base])
        return self._data

    def _read_ids(self) -> None:
        packed = self._packed()
        self._ids = tuple(accumulate(_array(packed.ids_type, packed.ids)))

    def _read_weights(self) -> None:
        packed = self._packed()
        if packed.weights is None:
            self._weights = array("f", [1.0]) * int(self._blocklength)
        else:
            self._weights = array("f", _array(packed.weights_type, packed.weights))

    def _read_values(self) -> None:
        packed, fixedsize = self._packed().values, self._fixedsize
        if fixedsize == 0:
            self._values = (None,) * int(self._blocklength)
        elif fixedsize is not None and fixedsize > 0:
            assert packed is not None
            self._values = tuple(packed[i : i + fixedsize] for i in range(0, len(packed), fixedsize))
        else:
            assert packed is not None
            self._values = unpack_values(packed)


# ---- reading in bulk ----------------------------------------------------------------------------

NO_POSTINGS = TermBlocks(b"", 0, [], None)
_READER_CACHES: WeakKeyDictionary[Any, dict[str, Any]] = WeakKeyDictionary()


def reader_cache(reader: Any) -> dict[str, Any]:
    """A dict living as long as the segment reader: its files never change, and a reader lives as
    long as its searcher, so the index changing drops what was decoded from it."""
    found = _READER_CACHES.get(reader)
    if found is None:
        found = _READER_CACHES[reader] = {}
    return found


def term_blocks(reader: Any, fieldname: str, text: Any) -> TermBlocks | None:
    """The term's posting blocks in a segment reader (deleted documents included); NO_POSTINGS for a
    term it does not hold; None when the postings are not in our format (inlined, another codec)."""
    try:
        matcher = reader.postings(fieldname, text)
    except TermNotFound:
        return NO_POSTINGS
    if isinstance(matcher, FilterMatcher):  # deletions: the caller drops them in one step
        matcher = matcher.child
    if not isinstance(matcher, BlockMatcher):
        return None
    blocks: TermBlocks = matcher.blocks
    return blocks


def block_values(blocks: TermBlocks, header: BlockHeader) -> tuple[bytes, ...]:
    """The encoded values (position lists) of one block of a term."""
    start = header.data_offset - blocks.base
    values = unpack_block(blocks.data[start : header.data_end - blocks.base]).values
    assert values is not None
    return unpack_values(values)


def positions_decoder(reader: Any, fieldname: str) -> Callable[[bytes], list[int]]:
    decode: Callable[[bytes], list[int]] = reader.schema[fieldname].format.decode_positions
    return decode


def length_bytes(reader: Any, fieldname: str, doccount: int) -> bytes | None:
    """The length byte of every document in a segment reader's (or a per-document reader's) column
    for the field (0: no terms); None without one."""
    perdoc = getattr(reader, "_perdoc", reader)
    try:
        column = perdoc._cached_reader(lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return None
        data = column._dbfile.get(column._basepos, column._count)
    except (AttributeError, TypeError):  # another codec: callers fall back to Whoosh's own reads
        return None
    return bytes(data) + bytes(max(0, doccount - len(data)))


def range_terms(reader: Any, q: Any) -> Iterator[tuple[str, bytes]]:
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

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        ids = sorted({d for name, btext in range_terms(reader, self) for d in reader.postings(name, btext).all_ids()})
        if not ids:
            return matching.NullMatcher()
        return matching.ListMatcher(ids, all_weights=self.boost)


# ---- writing ------------------------------------------------------------------------------------
# At 8,000 articles a commit spent 56 s (profiled) writing postings; most of it was per-posting Python
# overhead: the posting pool's sort of one tuple per posting and its sorted runs (one pickle per
# posting), asking every posting's document length (a seek and a read each), and four calls and
# argument checks on every posting on its way into a block. Here the pool keeps each term's postings
# together as they come (documents arrive in order, so they are already sorted within a term), and a
# term's postings go into blocks a block at a time: the same bytes, with Python work per term and per
# block rather than per posting (tests/test_search_codec.py compares the files).

RUN_CHUNK = 10_000  # postings per pickle in the pool's sorted runs
_ASK_WHOOSH = object()  # a length column read one document at a time by Whoosh

Posting = tuple[str, bytes, int, float, "bytes | None"]  # (field name, term, document, weight, value)
TermKey = tuple[str, bytes]  # (field name, term bytes)


class LengthsPreloaded:
    """A per-document reader whose doc_field_length answers from each field's column read once."""

    def __init__(self, perdoc: Any) -> None:
        self._perdoc = perdoc
        self._columns: dict[str, object] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        column = self._column_of(fieldname)
        if column is None:  # a field without lengths (ids, keywords): Whoosh answers `default` too
            return default
        if column is _ASK_WHOOSH:
            length: int = self._perdoc.doc_field_length(docnum, fieldname, default)
            return length
        assert isinstance(column, bytes)
        b = column[docnum] if docnum < len(column) else 0
        return LENGTH_OF_BYTE[b] if b else default

    def lengths(self, fieldname: str, docnums: list[int]) -> list[int]:
        """doc_field_length of each document (0 when unknown), a column read at a time."""
        column = self._column_of(fieldname)
        if column is None:
            return [0] * len(docnums)
        if isinstance(column, bytes) and (not docnums or max(docnums) < len(column)):
            return [LENGTH_OF_BYTE[column[d]] for d in docnums]  # LENGTH_OF_BYTE[0] is 0
        return [self.doc_field_length(d, fieldname) for d in docnums]

    def _column_of(self, fieldname: str) -> object:
        if fieldname not in self._columns:
            self._columns[fieldname] = self._column(fieldname)
        return self._columns[fieldname]

    def _column(self, fieldname: str) -> object:
        column = length_bytes(self._perdoc, fieldname, self._perdoc.doc_count_all())
        if column is None and self._perdoc.has_column(lenfield(fieldname)):
            return _ASK_WHOOSH  # a column we could not read in one piece
        return column

    def __getattr__(self, name: str) -> Any:
        return getattr(self._perdoc, name)


_UINT = Struct("!I").pack
_ONE_POSITION: dict[int, bytes] = {}  # most terms occur once in an article: their encodings repeat
_ONE_POSITION_LIMIT = 8192  # positions past it (very long articles) are not kept


def positions_encoder(fmt: Any) -> Callable[[list[int]], bytes]:
    """`fmt.encode` for a position list; for Whoosh's Positions format the same bytes, made without
    its per-position Python loop (a third of building an article's postings)."""
    if type(fmt) is not formats.Positions:
        encode: Callable[[list[int]], bytes] = fmt.encode
        return encode
    return encode_positions


def encode_positions(poslist: list[int]) -> bytes:
    """What formats.Positions.encode gives: the count, then the pickled position deltas."""
    if len(poslist) == 1 and poslist[0] < _ONE_POSITION_LIMIT:
        found = _ONE_POSITION.get(poslist[0])
        if found is None:
            found = _ONE_POSITION[poslist[0]] = _UINT(1) + dumps(poslist, 2)
        return found
    return _UINT(len(poslist)) + dumps([poslist[0], *map(sub, poslist[1:], poslist)], 2)


class GroupedPool(PostingPool):
    """Whoosh's posting pool holding each term's postings together: Whoosh's keeps one list of
    postings and sorts them all at the commit. Past `limitmb` (the same size estimate as Whoosh's)
    the terms so far are spilled to disk as a run sorted by term, in chunks; the runs are merged by
    term at the commit, a term's postings joined in the order they came."""

    runs: list[str]  # Whoosh's: the spilled runs' file names

    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb)
        self.terms: dict[str, dict[bytes, list[Posting]]] = {}  # field name -> term -> postings

    def add(self, item: Posting) -> None:
        """Whoosh's posting tuple kept as it is (no new object), in its term's list."""
        terms = self.terms.get(item[0])
        if terms is None:
            terms = self.terms[item[0]] = {}
            self.fieldnames.add(item[0])
        postings = terms.get(item[1])
        if postings is None:
            terms[item[1]] = [item]
        else:
            postings.append(item)
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()

    def save(self) -> None:
        if self.terms:
            path, f = self._new_run()
            self._write_run(f, self._sorted())
            self._add_run(path)
        self.terms = {}
        self.currentsize = 0

    def _sorted(self) -> Iterator[tuple[TermKey, list[Posting]]]:
        for fieldname in sorted(self.terms):
            terms = self.terms[fieldname]
            for btext in sorted(terms):
                yield (fieldname, btext), terms[btext]

    def _write_run(self, f: Any, items: Any) -> None:
        chunk: list[tuple[TermKey, list[Posting]]] = []
        size = 0
        for key, postings in items:
            chunk.append((key, postings))
            size += len(postings)
            if size >= RUN_CHUNK:
                dump(chunk, f, HIGHEST_PROTOCOL)
                chunk, size = [], 0
        if chunk:
            dump(chunk, f, HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator[Any]:
        f = self._open_run(path)
        try:
            while True:
                yield from load(f)
        except EOFError:
            return
        finally:
            f.close()
            self._remove_run(path)

    def iter_terms(self) -> Iterator[tuple[TermKey, list[Posting]]]:
        """Every term's postings, in term order, each in document order (Whoosh's writer adds documents,
        and merged segments' documents, in order: a term's postings come sorted, checked at writing)."""
        runs = self.runs
        if runs:
            self.save()
            self.runs = []
            found = _joined(heapq.merge(*(self._read_run(p) for p in runs), key=itemgetter(0)))
        else:
            found = self._sorted()
        yield from found

    def iter_postings(self) -> Iterator[Posting]:
        """Whoosh's interface: one posting at a time, in (field, term, document) order."""
        for _, postings in self.iter_terms():
            yield from postings

    def cleanup(self) -> None:
        super().cleanup()
        self.terms = {}


def _joined(items: Iterator[tuple[TermKey, list[Posting]]]) -> Iterator[tuple[TermKey, list[Posting]]]:
    """Runs merged by term: a term found in several runs as one, its postings in run order (heapq.merge
    keeps the order of its inputs for equal keys)."""
    last: tuple[TermKey, list[Posting]] | None = None
    for key, postings in items:
        if last is not None and last[0] == key:
            last[1].extend(postings)
            continue
        if last is not None:
            yield last
        last = (key, postings)
    if last is not None:
        yield last


def write_terms(fieldwriter: Any, schema: Any, lengths: LengthsPreloaded | None, terms: Any) -> None:
    """What Whoosh's FieldWriter.add_postings does with one posting at a time (start_field, start_term,
    add, finish_term), done a term at a time: each block's ids, weights, values and statistics are
    set together, so blocks, term infos and files come out byte for byte the same."""
    lastfn: str | None = None
    for (fieldname, btext), found in terms:
        if fieldname != lastfn:
            if lastfn is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lastfn = fieldname
        postings = [p for p in found if p[2] != -1] if found[0][2] == -1 else found  # -1: Whoosh's spelling words
        if not postings:
            continue
        fieldwriter.start_term(btext)
        docnums = [p[2] for p in postings]
        if not all(map(lt, docnums, islice(docnums, 1, None))):  # never seen; Whoosh's pool would sort them
            postings = sorted(postings, key=itemgetter(2))
            docnums = [p[2] for p in postings]
        known = lengths.lengths(fieldname, docnums) if lengths is not None else [0] * len(docnums)
        _fill_blocks(fieldwriter._postwriter, postings, docnums, known)
        fieldwriter.finish_term()


def _fill_blocks(writer: Any, postings: list[Posting], docnums: list[int], lengths: list[int]) -> None:
    """A term's postings into the postings writer's blocks; the last block is left for its
    finish_postings (Whoosh writes a block only when the next posting does not fit)."""
    limit, count = writer._blocklimit, len(postings)
    for start in range(0, count, limit):
        end = min(start + limit, count)
        block = postings[start:end]
        weights = [p[3] for p in block]
        writer._ids = array("I", docnums[start:end])
        writer._weights = array("f", weights)
        writer._values = [p[4] for p in block if p[4]]
        writer._maxweight = max(0, *weights)
        known = [n for n in lengths[start:end] if n]
        writer._minlength = min(known) if known else None
        writer._maxlength = max(known) if known else 0
        if end < count:
            writer._write_block()


class Writer(SegmentWriter):
    """Whoosh's segment writer with the grouped pool, each term's postings written a block at a time,
    and the document lengths read a column at a time (asking one posting's length at a time was
    ~18% of indexing)."""

    def __init__(self, ix: Any, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = GroupedPool(self._tempstorage, self.newsegment, limitmb=limitmb)

    def per_document_reader(self) -> LengthsPreloaded:
        return LengthsPreloaded(super().per_document_reader())

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        write_terms(self.fieldwriter, self.schema, lengths, self.pool.iter_terms())
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()
