"""What `publisher send --dry-run` checks besides the SMTP server: the addresses and the
web address a send would use, whether they are still the placeholders `publisher init`
wrote (example.org and the other names RFC 2606 reserves for examples), and whether the
web address is this machine's own (left from trying the archive locally)."""

from __future__ import annotations

import ipaddress
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import PublisherError
from .smtp import Step

_RESERVED = ("example.org", "example.com", "example.net", "example")


@dataclass
class Preflight:
    """A dry run's findings, in the order they are shown."""

    server: str  # host:port
    security: str
    sender: str  # From
    envelope_from: str
    base_url: str
    steps: list[Step] = field(default_factory=list)
    recipients: int = 0
    by_language: dict[str, int] = field(default_factory=dict)
    by_tag: dict[str, int] = field(default_factory=dict)
    audience: str = ""  # the targeting options in words, '' for everyone
    warnings: list[str] = field(default_factory=list)
    failure: PublisherError | None = None  # the server could not be used: exit non-zero


def is_placeholder(domain: str) -> bool:
    domain = domain.lower().rstrip(".")
    return any(domain == name or domain.endswith("." + name) for name in _RESERVED)


def placeholder_warnings(named: dict[str, tuple[str, str]]) -> list[str]:
    """One warning per setting still on a placeholder: what it is → (its value, the fix)."""
    warnings = []
    for what, (value, fix) in named.items():
        domain = (urlsplit(value).hostname or "") if "://" in value else value.rpartition("@")[2]
        if domain and is_placeholder(domain):
            warnings.append(
                f"{what} {value} is a placeholder ({domain} is reserved for examples): {fix}"
            )
    return warnings


def on_this_machine(url: str) -> bool:
    """Whether `url` is on this machine's own address (localhost, 127.0.0.0/8, ::1,
    0.0.0.0): a link to it leads nowhere for anyone reading the email elsewhere."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):  # RFC 6761: always loopback
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def local_links(base_url: str) -> str:
    """What an email built for `base_url` on this machine does to its readers."""
    return (
        f"base_url {base_url} is this machine's own address: every link and image in the"
        " email, the unsubscribe page too, leads nowhere for subscribers"
    )


def page_offline(url: str, timeout: float) -> str | None:
    """Why the page at `url` cannot be read now (one HEAD request), or None when it can."""
    request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "publisher"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        return f"{url} answers {exc.code} {exc.reason}"
    except (urllib.error.URLError, OSError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        return f"{url} cannot be reached: {reason}"
    return None if status < 400 else f"{url} answers {status}"
