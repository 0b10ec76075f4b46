#!/usr/bin/env python3
"""Build the site and serve it on http://127.0.0.1:8000 (run through scripts/serve).

    scripts/serve [--no-build] [--port N]

A static file server with the MIME types the checker needs (JavaScript
modules, WebAssembly) and the site's own 404 page; the tests and
scripts/bench-site use the same server.  With gzip (scripts/bench-site), it
compresses what GitHub Pages compresses (text, JavaScript, JSON, WebAssembly;
not the zip archives and wheels) when the browser asks for it.
"""
from __future__ import annotations

import argparse
import contextlib
import email.utils
import errno
import functools
import gzip
import http.server
import io
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "build" / "site"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (the base class's own attribute, replaced whole)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
        ".json": "application/json", ".css": "text/css", ".html": "text/html; charset=utf-8",
        ".txt": "text/plain; charset=utf-8", ".zip": "application/zip", ".whl": "application/zip",
        ".svg": "image/svg+xml", ".xml": "application/xml",
    }

    def send_head(self):
        if not getattr(self.server, "gzip", False) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        if not os.path.isfile(path) or not compressible(ctype):
            return super().send_head()
        st = os.stat(path)
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
                if int(st.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(304)
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    return None
        body = gzipped(path, st.st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(st.st_mtime)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        # The site's own 404 page (MkDocs writes 404.html), as GitHub Pages serves it.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, fmt, *args):  # quiet unless asked
        if getattr(self.server, "verbose", False):
            super().log_message(fmt, *args)


def compressible(ctype: str) -> bool:
    return ctype.startswith("text/") or ctype.split(";")[0] in (
        "application/javascript", "application/json", "application/wasm", "image/svg+xml", "application/xml")


_gzipped: dict[tuple[str, int], bytes] = {}
_gzip_lock = threading.Lock()


def gzipped(path: str, mtime_ns: int) -> bytes:
    """The file gzip-compressed (level 6), once per version of it."""
    with _gzip_lock:
        body = _gzipped.get((path, mtime_ns))
        if body is None:
            with open(path, "rb") as fh:
                body = _gzipped[(path, mtime_ns)] = gzip.compress(fh.read(), compresslevel=6, mtime=0)
        return body


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a browser that went away mid-response (a test's page closed, a service
        # worker stopped) is no error of the server's
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def make_server(directory: Path = SITE, port: int = 8000, host: str = "127.0.0.1",
                verbose: bool = False, gzip: bool = False) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(Handler, directory=str(directory))
    server = Server((host, port), handler)
    server.daemon_threads = True
    server.verbose = verbose  # type: ignore[attr-defined]
    server.gzip = gzip  # type: ignore[attr-defined]
    return server


def serve_in_thread(directory: Path = SITE, port: int = 0, gzip: bool = False):
    """Start a server on 127.0.0.1 (a free port by default); returns (server, base_url)."""
    server = make_server(directory, port, gzip=gzip)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> int:
    ap = argparse.ArgumentParser(prog="scripts/serve", description="构建网站并在本机提供服务")
    ap.add_argument("--no-build", action="store_true", help="不重新构建，直接提供 build/site 中已有的网站")
    ap.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build-site")], check=True)
    try:
        server = make_server(SITE, args.port, verbose=True)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"端口 {args.port} 已被占用。请先关闭占用它的程序，"
                  f"或换一个端口：scripts/serve --port {args.port + 1}", file=sys.stderr)
            return 1
        raise
    print(f"网站已构建，正在 http://127.0.0.1:{args.port}/ 提供服务（按 Ctrl+C 停止）"
          f" · serving {SITE} on http://127.0.0.1:{args.port}/", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
