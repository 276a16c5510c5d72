"""The preview web server: dist/ on 127.0.0.1, and nothing outside it.

HTML is changed as it is served, never on disk (the static site has no JavaScript): each
page gets a small script that reloads it when a build finishes, told by an event stream,
and, while the latest build failed, a banner with the error. /__publisher/ adds a preview
page per issue for each format with a page in pages/ named after it (the email at phone
and desktop width, the PDF in a frame…).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import threading
from dataclasses import asdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import parse_qs, quote, unquote

import jinja2

from ..cache import Cache, recorded_size
from ..formats import formats
from ..paths import followed, is_dir, is_file
from ..urls import split_url
from .status import Status, has_outputs

if TYPE_CHECKING:
    from .compose import Composer, Response

PREFIX = "/__publisher/"
EVENTS = PREFIX + "events"
KEEP_ALIVE = 15.0  # seconds between comments on a quiet event stream, to notice closed tabs
EMBED = "embed"  # ?embed: a page shown inside a preview page, served as built
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".eml": "message/rfc822",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
} | {f.download.suffix: f.download.media_type for f in formats().values() if f.download}
PAGES = Path(__file__).with_name("pages")
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
# The names this machine answers to: any other Host is a page elsewhere whose name was made
# to point at 127.0.0.1 (DNS rebinding), reading the preview through the visitor's browser.
_LOCAL_HOST = re.compile(r"(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?", re.IGNORECASE)
COMPOSE = "/compose"  # the composer (compose/): the only place that takes POST requests
POST_LIMIT = 21 * 1024 * 1024  # bytes: a form, or one file dropped to import


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # event streams never end by themselves

    def __init__(
        self,
        port: int,
        dist: Path,
        status: Status,
        base_url: str,
        cache: Cache | None = None,
        workspace: Path | None = None,
    ) -> None:
        self.dist = dist.resolve()
        self.workspace = (workspace or self.dist.parent).resolve()  # dist/ is in it
        self._composer: Composer | None = None
        self._composing = threading.Lock()
        self.cache = cache  # the workspace's render records: what is built in dist/
        self.status = status
        self.base_url = base_url
        self.pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(PAGES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        super().__init__(("127.0.0.1", port), PreviewHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser gone before its answer was written (a tab closed during a save, a
        download stopped) is no error: its traceback only hid the builds' lines. Any other
        is shown, as socketserver does."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def composer(self) -> Composer:
        """Made on first use, so serving previews never imports the composer."""
        with self._composing:
            if self._composer is None:
                from .compose import Composer

                self._composer = Composer(self.workspace, self.status)
            return self._composer


class PreviewHandler(SimpleHTTPRequestHandler):
    server: PreviewServer
    extensions_map = TYPES  # what guess_type() looks in first

    def parse_request(self) -> bool:
        """Refuse (421) a request whose Host header is not this machine by name."""
        if not super().parse_request():
            return False
        if _LOCAL_HOST.fullmatch(self.headers.get("Host", "")):
            return True
        self.send_error(
            421,
            "Misdirected Request",
            "publisher serve answers only http://localhost, http://127.0.0.1 and http://[::1]",
        )
        return False

    def do_GET(self) -> None:
        if split_url(self.path).path == EVENTS:
            self._stream_events()
        else:
            super().do_GET()

    def do_POST(self) -> None:
        """Only the composer changes anything; it checks the CSRF token of every request."""
        url = split_url(self.path)
        length = self.headers.get("Content-Length", "")
        if not _composing(url.path):
            self.send_error(405, "Method Not Allowed")
        elif not length.isdecimal() or int(length) > POST_LIMIT:
            self.send_error(413, "Content Too Large", "at most 20 MB at a time")
        else:
            body = self.rfile.read(int(length))
            headers = {key.lower(): value for key, value in self.headers.items()}
            self._respond(self.server.composer.post(url.path, url.query, headers, body))

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        """Headers for GET and HEAD; the body to copy, or None."""
        url = split_url(self.path)
        if _composing(url.path):
            answer = self.server.composer.get(url.path, url.query, self.headers.get("Cookie", ""))
            return self._respond(answer, send=False)
        if url.path.startswith(PREFIX):
            return self._preview_page(unquote(url.path.removeprefix(PREFIX)))  # عدد: %D8%B9…
        target = self._in_dist(url.path)
        if target is not None and is_dir(target):
            if not url.path.endswith("/"):  # relative links need the slash
                location = url.path + "/" + (f"?{url.query}" if url.query else "")
                self.send_response(301)
                self.send_header("Location", quote(location, safe="/?=&%"))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            target = target / "index.html"
        if target is None or not is_file(target):
            if url.path == "/" and self.server.status.errors and not has_outputs(self.server.dist):
                return self._page(503, "unbuilt.html")  # the address serve prints, opened
            return self._page(404, "not-found.html")
        content_type = self.guess_type(target)
        try:
            if content_type.startswith("text/html"):
                embedded = EMBED in parse_qs(url.query, keep_blank_values=True)
                return self._html(200, self._served(target.read_bytes(), embedded))
            body = target.open("rb")
        except OSError:  # gone since is_file(): a build removed it
            return self._page(404, "not-found.html")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
        self.end_headers()
        return body

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # always the latest build
        # Framed by this server's own pages only: never by a page elsewhere, over which the
        # editor's clicks would land on the composer's buttons (clickjacking).
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for builds."""

    def _in_dist(self, url_path: str) -> Path | None:
        """The file a URL path names, if it is inside dist/ once '..' and links are resolved."""
        try:
            target = followed(self.server.dist / unquote(url_path).lstrip("/"))
        except ValueError:  # a NUL byte
            return None
        return target if target.is_relative_to(self.server.dist) else None

    def _served(self, page: bytes, embedded: bool) -> bytes:
        site = self.server.base_url.encode()
        if embedded:  # an email inside a preview: its links and images from this server
            return page.replace(site, b"/")
        # A page's links to the site itself (an article's to another, to a file it offers)
        # lead to the build being previewed, not to the site as it was last published.
        page = re.sub(rb'(\s(?:href|src|action)=")' + re.escape(site), rb"\1/", page)
        snippet = self._render("live.html").encode()
        found = list(_BODY_END.finditer(page))
        at = found[-1].start() if found else len(page)
        return page[:at] + snippet + page[at:]

    def _preview_page(self, rest: str) -> io.BytesIO | None:
        views = preview_views()
        if rest == "":
            return self._page(200, "index.html", issues=self.server.status.issues, views=views)
        slug, _, view = rest.partition("/")
        issue = next((i for i in self.server.status.issues if i.slug == slug), None)
        if issue is None or view not in views:
            return self._page(404, "not-found.html")
        offer = formats()[view].download
        download = offer.path(issue.slug).as_posix() if offer else None
        built = download is not None and self._built(download)
        return self._page(
            200, f"{view}.html", issue=issue, download=download and "/" + download, built=built
        )

    def _built(self, relative: str) -> bool:
        """Whether the build's records hold this output, as written (without records, as
        for a bare dist/ folder: whether the file is there)."""
        dist, cache = self.server.dist, self.server.cache
        if cache is None:
            return (dist / relative).is_file()
        return recorded_size(cache.renders(dist), relative, dist) is not None

    def _page(self, status: int, template: str, **values: Any) -> io.BytesIO | None:
        return self._html(status, self._served(self._render(template, **values).encode(), False))

    def _render(self, template: str, **values: Any) -> str:
        status = self.server.status
        return self.server.pages.get_template(template).render(
            build=status.last.build,
            errors=status.errors,
            warnings=status.warnings,
            outputs=has_outputs(self.server.dist),
            events=EVENTS,
            **values,
        )

    def _html(self, status: int, body: bytes) -> io.BytesIO | None:
        self.send_response(status)
        self.send_header("Content-Type", TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _respond(self, response: Response, send: bool = True) -> io.BytesIO | None:
        """Write a composer's response (its body too, unless `send_head` copies it)."""
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not send:
            return io.BytesIO(response.body)
        self.wfile.write(response.body)
        return None

    def _stream_events(self) -> None:
        """Server-Sent Events: one event per finished build, from the build a page shows."""
        status = self.server.status
        query = parse_qs(split_url(self.path).query)
        seen = self.headers.get("Last-Event-ID") or query.get("since", [""])[0]
        build = int(seen) if seen.isdigit() else status.last.build
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            while not status.closed:
                event = status.wait_for_build(build, KEEP_ALIVE)
                if status.closed:
                    break
                if event.build == build:
                    self.wfile.write(b": still here\n\n")
                else:
                    build = event.build
                    self.wfile.write(f"id: {build}\ndata: {json.dumps(asdict(event))}\n\n".encode())
                self.wfile.flush()
        except ConnectionError:
            pass  # the page was closed or reloaded
        self.close_connection = True


def _composing(url_path: str) -> bool:
    return url_path == COMPOSE or url_path.startswith(COMPOSE + "/")


def preview_views() -> list[str]:
    """The formats with a preview page of their own: pages/<format>.html."""
    return [name for name in formats() if (PAGES / f"{name}.html").is_file()]
