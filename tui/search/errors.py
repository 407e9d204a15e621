"""Why the index cannot answer, as types: callers choose what to do (the CLI updates or rebuilds and
searches again; the reader says so and may call SearchIndex.update)."""

from __future__ import annotations

from ..errors import UserError


class IndexUnavailable(UserError):
    """The index cannot answer a search until SearchIndex.update() has run."""


class IndexMissing(IndexUnavailable):
    """No index has been built in this folder yet."""


class IndexOutdated(IndexUnavailable):
    """The index was built by another version of the index format: update() rebuilds it."""


class IndexDamaged(IndexUnavailable):
    """One of the index's own files is unreadable or does not match its checksum: update() rebuilds it."""


class IndexBusyError(UserError):
    """Another process holds the writer lock and there is no index to fall back on."""


class WhooshVersionError(UserError):
    """The installed Whoosh is not the version the search layer is tested on."""
