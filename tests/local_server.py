"""A local HTTP server on 127.0.0.1 for the fetch and feed tests: no test ever touches the network.

Routes map a path to a Response; `slow` sleeps before the body, `drip` sends it a byte at a time."""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Response:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    slow: float = 0.0


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Response] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        routes, requests = self.routes, self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append((self.path, dict(self.headers)))
                r = routes.get(self.path)
                if r is None:
                    self.send_error(404, "Not Found")
                    return
                if r.slow:
                    time.sleep(r.slow)
                self.send_response(r.status)
                for k, v in r.headers.items():
                    self.send_header(k, v)
                if "Content-Length" not in r.headers:
                    self.send_header("Content-Length", str(len(r.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(r.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def page(title: str, paragraphs: list[str], head: str = "", site: str | None = None, extra: str = "") -> bytes:
    """A small news page of our own: navigation, the article, a footer."""
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}{head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{title}</h1>{extra}{body}</article>"
        "<footer><p>Contact us</p><p>Privacy</p></footer></body></html>"
    ).encode()
