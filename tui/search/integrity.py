"""Checksums of the index's files, checked cheaply on every open.

A segment's files never change once Whoosh has written them, so each file's CRC-32 is worked out
once (when the manifest is written, reusing the previous manifest's value for an unchanged file)
and recorded with the file's size and stat stamp (mtime, ctime, inode). Opening compares stats:
a file whose stamp is unchanged since the checksum was taken is trusted without reading it; any
other file is read and its checksum compared (remembered per process, keyed by the stat, so it is
read once). Bytes overwritten in place (random or zeroed, same size) change mtime and ctime, so
they are always read and caught; `deep=True` reads every file whatever its stamp."""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from .errors import IndexDamaged

_CHUNK = 1 << 20
# (path, size, mtime_ns, ctime_ns, inode) -> checksum of the files read by this process
_CHECKED: dict[tuple[str, int, int, int, int], str] = {}
_CHECKED_MAX = 4096


@dataclass(frozen=True)
class FileRecord:
    size: int
    stamp: tuple[int, int, int]  # mtime_ns, ctime_ns, inode when the checksum was taken
    crc: str  # CRC-32 of the whole file, 8 hex digits

    def to_json(self) -> list[int | str]:
        return [self.size, *self.stamp, self.crc]

    @classmethod
    def from_json(cls, row: object) -> FileRecord:
        """Raises ValueError for anything but [size, mtime_ns, ctime_ns, inode, crc]."""
        if not isinstance(row, list) or len(row) != 5:
            raise ValueError("a file record is [size, mtime_ns, ctime_ns, inode, crc]")
        size, mtime, ctime, inode, crc = row
        if not all(type(n) is int for n in (size, mtime, ctime, inode)) or not isinstance(crc, str):
            raise ValueError("a file record holds four integers and a checksum")
        return cls(size, (mtime, ctime, inode), crc)


def _stamp(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def checksum(path: Path, st: os.stat_result | None = None) -> str:
    """The file's CRC-32, read once per process for a given stat."""
    st = st or path.stat()
    key = (str(path), st.st_size, *_stamp(st))
    found = _CHECKED.get(key)
    if found is None:
        found = _read_checksum(path)
        if len(_CHECKED) >= _CHECKED_MAX:
            _CHECKED.clear()
        _CHECKED[key] = found
    return found


def _read_checksum(path: Path) -> str:
    crc = 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return f"{crc:08x}"


def record(folder: Path, names: list[str], previous: dict[str, FileRecord]) -> dict[str, FileRecord]:
    """A record of each named file; an unchanged file keeps its previous checksum without a read."""
    records = {}
    for name in names:
        st = (folder / name).stat()
        old = previous.get(name)
        if old is not None and old.size == st.st_size and old.stamp == _stamp(st):
            records[name] = old
        else:
            records[name] = FileRecord(st.st_size, _stamp(st), checksum(folder / name, st))
    return records


def verify(folder: Path, records: dict[str, FileRecord], deep: bool = False) -> list[str]:
    """The recorded files that are gone (the caller decides whether that is damage); IndexDamaged
    naming the first file whose size or checksum differs from its record."""
    missing = []
    for name, rec in records.items():
        path = folder / name
        try:
            st = path.stat()
        except FileNotFoundError:
            missing.append(name)
            continue
        if st.st_size != rec.size:
            raise IndexDamaged(f"{name} has changed size")
        try:
            if deep:
                matches = _read_checksum(path) == rec.crc
            else:
                matches = _stamp(st) == rec.stamp or checksum(path, st) == rec.crc
        except FileNotFoundError:  # removed since its stat (a writer merging segments)
            missing.append(name)
            continue
        if not matches:
            raise IndexDamaged(f"{name} does not match its checksum")
    return missing
