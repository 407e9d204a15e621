"""Fetching one page or feed over HTTP(S), politely and safely: an honest user agent, timeouts on
connect and on the whole download, at most a few redirects (http and https only), a size limit
on the bytes received and on the bytes they decompress to (no gzip bomb), and only text
content types. Every failure is a FetchError with a one-line message."""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http.client import HTTPMessage
from typing import IO

from .. import __version__

# Honest: the tool and its version. No contact url: the project has no public home to point to yet.
USER_AGENT = f"kursk-reader/{__version__} (terminal reader comparing news reports)"
TIMEOUT_SECONDS = 15.0  # per connect and per read
TOTAL_SECONDS = 60.0  # the whole download
MAX_BYTES = 10 * 1024 * 1024  # after decompression
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")
_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/*;q=0.8"


class FetchError(ValueError):
    """The url could not be fetched as a page or feed (the message is one line)."""


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # media type only, lower-case
    fetched: datetime

    @property
    def is_feed_type(self) -> bool:
        return self.content_type in FEED_TYPES


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise FetchError(f"{_short(req.full_url)}: redirected to a non-web address ({_short(newurl)})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def fetch(url: str, max_bytes: int | None = None, timeout: float | None = None, total: float | None = None) -> Fetched:
    """The page or feed at `url` (limits default to the module's constants, read at call time)."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    total = TOTAL_SECONDS if total is None else total
    if not is_url(url):
        raise FetchError(f"{url[:80]}: not an http(s) url")
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"}
    )
    opener = urllib.request.build_opener(_Redirects())
    started = time.monotonic()
    try:
        with opener.open(request, timeout=timeout) as response:
            ctype = (response.headers.get_content_type() or "").lower()
            if ctype not in PAGE_TYPES + FEED_TYPES:
                raise FetchError(f"{_short(url)}: not a web page or feed (content type {ctype or 'missing'})")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(
                    f"{_short(url)}: too large ({int(length) / 2**20:.1f} MiB; the limit is {_mib(max_bytes)})"
                )
            body = _read(response, max_bytes, started, total, url)
            data = _decompress(body, response.headers.get("Content-Encoding", ""), max_bytes, url)
            return Fetched(response.geturl(), data, ctype, datetime.now(UTC))
    except FetchError:
        raise
    except urllib.error.HTTPError as e:
        if 300 <= e.code < 400 and "not allowed" in str(e.reason):
            raise FetchError(f"{_short(url)}: redirected to a non-web address") from e
        raise FetchError(f"{_short(url)}: HTTP {e.code} {e.reason}") from e
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"{_short(url)}: timed out after {timeout:.0f} s") from e
        text = getattr(reason, "strerror", None) or str(reason)
        raise FetchError(f"{_short(url)}: cannot connect ({text})") from e
    except TimeoutError as e:
        raise FetchError(f"{_short(url)}: timed out after {timeout:.0f} s") from e
    except (http.client.HTTPException, OSError, ValueError) as e:
        raise FetchError(f"{_short(url)}: {type(e).__name__}: {str(e)[:100]}") from e


def _read(response: http.client.HTTPResponse, max_bytes: int, started: float, total: float, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):  # what has arrived: a slow drip cannot hold us
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{_short(url)}: too large (more than {_mib(max_bytes)})")
        if time.monotonic() - started > total:
            raise FetchError(f"{_short(url)}: download took longer than {total:.0f} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _decompress(body: bytes, encoding: str, max_bytes: int, url: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"{_short(url)}: unsupported content encoding {encoding[:20]!r}")
    wbits = 47 if encoding != "deflate" else 15  # 47: gzip or zlib header, detected
    inflater = zlib.decompressobj(wbits)
    try:
        data = inflater.decompress(body, max_bytes + 1)
    except zlib.error as e:
        raise FetchError(f"{_short(url)}: damaged {encoding} data") from e
    if len(data) > max_bytes or inflater.unconsumed_tail:
        raise FetchError(f"{_short(url)}: too large once decompressed (more than {_mib(max_bytes)})")
    return data


def _short(url: str) -> str:
    return url if len(url) <= 100 else url[:99] + "…"


def _mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"
