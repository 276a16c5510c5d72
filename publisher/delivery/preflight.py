"""What `publisher send --dry-run` checks besides the SMTP server: the addresses and the
web address a send would use, whether they are still the placeholders `publisher init`
wrote (example.org and the other names RFC 2606 reserves for examples), and whether the
web address is this machine's own (left from trying the archive locally)."""

from __future__ import annotations

import functools
import ipaddress
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from publicsuffixlist import PublicSuffixList

from ..errors import PublisherError
from ..urls import RECIPIENT_TOKEN
from .smtp import Step

if TYPE_CHECKING:
    from .dkim_signer import DkimSigner

_RESERVED = ("example.org", "example.com", "example.net", "example")


@dataclass
class Preflight:
    """A dry run's findings, in the order they are shown."""

    server: str  # host:port
    security: str
    sender: str  # From
    envelope_from: str
    base_url: str
    dkim: str = ""  # the signature's d= and s=, or why there is none
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


def unbuilt_links(html: str, base_url: str, issue_page: str, site: Path) -> list[str]:
    """What the email shows or links to under base_url that the site folder (dist/) does
    not hold, relative to base_url, pictures first: its pictures, and the issue's own pages
    (only those: base_url may be the organisation's site, whose other pages publisher does
    not make). The unsubscribe page is served by `serve-subscriptions`, not a file."""
    if not html:
        return []
    import lxml.html

    pictures: list[str] = []
    pages: list[str] = []
    for _element, attribute, link, _ in lxml.html.iterlinks(html):
        picture = attribute != "href"  # src, or a url() in a style
        if not link.startswith(base_url if picture else issue_page) or RECIPIENT_TOKEN in link:
            continue
        path = unquote(urlsplit(link[len(base_url) :]).path)
        name = path + "index.html" if not path or path.endswith("/") else path
        if not (site / name).is_file():
            (pictures if picture else pages).append(path)
    return list(dict.fromkeys(pictures + pages))


def unbuilt_warning(missing: list[str], command: str) -> str:
    """Readers would see broken pictures and missing pages: say which, and what makes them."""
    shown = ", ".join(missing[:4]) + (f" and {len(missing) - 4} more" if len(missing) > 4 else "")
    return (
        f"{len(missing)} picture(s) and page(s) the email links to under base_url are not"
        f" built in dist/ ({shown}): readers would see broken pictures and missing pages."
        f" '{command}' makes them (then publish dist/ at base_url), unless the web archive"
        " is built and published from elsewhere"
    )


def dkim_findings(signer: DkimSigner | None, sender_domain: str) -> tuple[str, list[str]]:
    """The signature's d= and s= with where its public key must be, and a warning when DMARC
    cannot pass on it: it does only when d= and the From address's domain share their
    organizational (registered) domain (relaxed alignment, RFC 7489 §3.1.1), which Gmail
    and Yahoo require of bulk senders. A public suffix (org.uk) is no one's: never aligned."""
    if signer is None:
        return "not signed ([delivery] dkim_selector is not set)", []
    domain, sender = signer.domain.lower().rstrip("."), sender_domain.lower().rstrip(".")
    said = f"d={domain} s={signer.selector} (its public key: TXT {signer.selector}._domainkey.{domain})"
    registered = _organizational_domain(domain)
    if registered is not None and registered == _organizational_domain(sender):
        return said, []
    why = (
        "is a public suffix, which no one registers"
        if registered is None
        else "is not under the From address's registered domain"
        f" {_organizational_domain(sender) or sender} ({sender})"
    )
    return said, [
        f"DKIM d={domain} {why}: DMARC passes on a DKIM signature only when its domain and"
        " the From address's share their registered domain, and Gmail and Yahoo require"
        " DMARC of bulk senders, so copies may go to spam or be refused; set"
        f" [delivery] dkim_domain to {sender} (or leave it out) and publish the key at"
        f" {signer.selector}._domainkey.{sender}"
    ]


@functools.cache
def _public_suffixes() -> PublicSuffixList:
    """The Public Suffix List bundled with publicsuffixlist (no network), read once."""
    return PublicSuffixList()


def _organizational_domain(domain: str) -> str | None:
    """DMARC's organizational domain: the public suffix and one label more
    (news.sindicato.es → sindicato.es, bulletin.unite.org.uk → unite.org.uk); None for a
    public suffix itself."""
    return _public_suffixes().privatesuffix(domain)
