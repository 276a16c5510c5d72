"""What `publisher send --dry-run` checks besides the SMTP server: the addresses and the
web address a send would use, and whether they are still the placeholders `publisher init`
wrote (example.org and the other names RFC 2606 reserves for examples)."""

from __future__ import annotations

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
