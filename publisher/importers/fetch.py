"""Pictures that a platform's export names only by their web address, fetched when the
editor asks for them (`publisher import --fetch-images`); nothing is fetched otherwise.

Each address is fetched once, however many posts show it, and bounded:
- http and https only, 20 s, 20 MB;
- from public addresses only, each redirect checked as the first address was, unless the
  editor says `--fetch-images-anywhere` (pictures on an intranet's server). Otherwise an export
  could have the editor's machine fetch from its local network (a camera, a router) and put
  what came back in a newsletter. The connection is made to an address checked, not to the
  name, which its name server could answer differently when asked again (DNS rebinding);
- the bytes must be a picture (JPEG, PNG, GIF or WebP, as Pillow reads it), named by the
  address's last part with the picture's own suffix.

A picture that cannot be fetched is listed with the reason, and its post imported without it.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Container
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote

from ..urls import split_url

SECONDS = 20
LIMIT = 20 * 2**20  # bytes
_KINDS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Fetched:
    name: str  # a file name for the media folder
    data: bytes


class Refused(Exception):
    """Why an address is not fetched."""


class ImageFetcher:
    """Fetches pictures by address (see the module's docstring); `anywhere` also from this
    machine and local networks; `on_fetch(url)` is told of each address before it is fetched."""

    def __init__(self, anywhere: bool = False, on_fetch: Callable[[str], None] | None = None):
        self.anywhere = anywhere
        self._on_fetch = on_fetch
        self._done: dict[str, Fetched | str] = {}

    def __call__(self, url: str) -> Fetched | str:
        """The picture at `url`, or why it is not here."""
        if url not in self._done:
            if self._on_fetch is not None:
                self._on_fetch(url)
            self._done[url] = self._fetched(url)
        return self._done[url]

    def _fetched(self, url: str) -> Fetched | str:
        try:
            data = self._download(url)
        except Refused as refused:
            return str(refused)
        except urllib.error.HTTPError as exc:
            return f"could not be fetched: the server answered {exc.code} {exc.reason}"
        except (OSError, ValueError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", None) or exc
            return f"could not be fetched: {reason}"
        name = picture_name(url, data)
        if name is None:
            return "not a picture (JPEG, PNG, GIF or WebP)"
        return Fetched(name, data)

    def _download(self, url: str) -> bytes:
        _web_address(url)  # its host's addresses are checked where it is connected to
        handlers: list[urllib.request.BaseHandler] = [_CheckedRedirects(self.check)]
        if not self.anywhere:
            handlers += [_CheckedHTTPHandler(self.addresses), _CheckedHTTPSHandler(self.addresses)]
        opener = urllib.request.build_opener(*handlers)
        request = urllib.request.Request(url, headers={"User-Agent": "publisher (import)"})
        with opener.open(request, timeout=SECONDS) as response:
            data: bytes = response.read(LIMIT + 1)
        if len(data) > LIMIT:
            raise Refused(f"larger than {LIMIT // 2**20} MB")
        return data

    def check(self, url: str) -> None:
        """Refuse an address that is no web address, or (unless `anywhere`) that is on this
        machine or a local network."""
        host, port = _web_address(url)
        if not self.anywhere:
            self.addresses(host, port)

    def addresses(self, host: str, port: int | None) -> list[str]:
        """The addresses `host` has, refused when one is on this machine or a local network.
        The connection is made to one of these, not to the host's name: a name server
        answering a public address now and a local one when asked again (DNS rebinding)
        cannot lead it elsewhere."""
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, ValueError) as exc:
            raise Refused(f"could not be fetched: {exc}") from None
        addresses = [str(address[0]) for *_, address in found]
        if not all(ipaddress.ip_address(address).is_global for address in addresses):
            raise Refused(
                f"{host} is on this machine or a local network: fetched only"
                " with --fetch-images-anywhere"
            )
        return addresses


def _web_address(url: str) -> tuple[str, int | None]:
    """The host and port of an http or https address; Refused for any other."""
    parts = split_url(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("not a web address (http or https)")
    return parts.hostname, parts.port


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Each redirect's address is checked as the first one was."""

    def __init__(self, check: Callable[[str], None]) -> None:
        self._check = check

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        self._check(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


Addresses = Callable[[str, "int | None"], list[str]]


def _checked(kind: type[http.client.HTTPConnection], addresses: Addresses) -> Any:
    """A connection of `kind` (for `do_open`) made to an address of its host that
    `addresses` checked, not to the host's name, which could be resolved again to another.
    HTTPS still verifies the certificate by the host's name; a tunnel through an HTTPS proxy
    is made to the proxy, as before."""

    def connection(host: str, **options: Any) -> http.client.HTTPConnection:
        made = kind(host, **options)

        def connect(to: tuple[str, int], *timeout_and_source: Any) -> socket.socket:
            # through an HTTPS proxy, `to` is the proxy's address: it resolves the host itself
            if getattr(made, "_tunnel_host", None):
                return socket.create_connection(to, *timeout_and_source)
            failed: OSError = OSError(f"{to[0]} has no address")
            for address in addresses(*to):
                try:
                    return socket.create_connection((address, to[1]), *timeout_and_source)
                except OSError as exc:
                    failed = exc
            raise failed

        made._create_connection = connect  # type: ignore[attr-defined]
        return made

    return connection


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    """Connects to an address of the host checked by `addresses` (through a proxy, to it)."""

    def __init__(self, addresses: Addresses) -> None:
        super().__init__()
        self._addresses = addresses

    def http_open(self, req: Any) -> Any:
        if req.has_proxy():
            return super().http_open(req)
        return self.do_open(_checked(http.client.HTTPConnection, self._addresses), req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    """Connects to an address of the host checked by `addresses`."""

    def __init__(self, addresses: Addresses) -> None:
        super().__init__()
        self._addresses = addresses

    def https_open(self, req: Any) -> Any:
        return self.do_open(_checked(http.client.HTTPSConnection, self._addresses), req)


def media_key(name: str, taken: Container[str]) -> str:
    """`media/<name>`, or the first of `media/2-<name>`, `media/3-<name>`… not in `taken`:
    where a picture the import saves is shown from, when another of its name (Gmail names
    each pasted picture image.png) has the first."""
    key, number = f"media/{name}", 1
    while key in taken:
        number += 1
        key = f"media/{number}-{name}"
    return key


def picture_name(url: str, data: bytes) -> str | None:
    """A file name for the picture `data` from `url` (the address's last part with the
    picture's own suffix); None when the bytes are no picture (JPEG, PNG, GIF or WebP)."""
    kind = _picture_kind(data)
    return None if kind is None else _name(url, kind)


def _picture_kind(data: bytes) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = picture.format
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return _KINDS.get(kind or "")


def _name(url: str, suffix: str) -> str:
    """The address's last part, made a safe file name with the picture's suffix."""
    stem = PurePosixPath(unquote(split_url(url).path)).stem
    return (_UNSAFE.sub("-", stem).strip("-.") or "picture")[:80] + suffix
