"""Addresses without the identifiers a platform adds to them to follow one click or one reader.

A link copied from a Facebook post carries `fbclid=…`, one from an ad `gclid=…`, one from
a received Mailchimp or HubSpot newsletter the recipient's own id (`mc_eid`, `_hsenc`), one
shared from YouTube or Spotify the sharer's (`si=…`). Published so, each subscriber's click
would tell the platform whose click or whose copy it came from, and print would show a
long address the reader cannot type. They are left out of every link; what an editor may
add on purpose to count their own campaign (`utm_source`, `utm_campaign`, Mailchimp's
`mc_cid`) names no one, and stays.

The names are those browsers strip for the same reason (Firefox's and Brave's query
stripping lists), and the click ids of the large ad networks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

# The query parameters that identify a click or a reader, on any site
_ANYWHERE = frozenset(
    {
        "fbclid",  # Facebook
        "gclid",  # Google Ads, and its variants
        "dclid",
        "gbraid",
        "wbraid",
        "gclsrc",
        "msclkid",  # Microsoft Advertising
        "twclid",  # X (Twitter)
        "ttclid",  # TikTok
        "li_fat_id",  # LinkedIn
        "igshid",  # Instagram's share
        "igsh",
        "yclid",  # Yandex
        "mc_eid",  # Mailchimp: the subscriber
        "_hsenc",  # HubSpot
        "_hsmi",
        "mkt_tok",  # Marketo
        "oly_anon_id",  # Omeda
        "oly_enc_id",
        "vero_id",  # Vero
        "__s",  # Drip
        "ml_subscriber",  # MailerLite
        "ml_subscriber_hash",
        "srsltid",  # Google's shopping results
    }
)
# ... and those that identify the sharer on the sites that add them (elsewhere, `si` or `t`
# may be what the page shows)
_ON_SITES = {
    "youtube.com": frozenset({"si"}),
    "youtu.be": frozenset({"si"}),
    "spotify.com": frozenset({"si"}),
    "x.com": frozenset({"s", "t"}),
    "twitter.com": frozenset({"s", "t"}),
}


def without_click_ids(url: str) -> str:
    """`url` (a web address) without the query parameters that identify a click or a
    reader; `url` itself, unchanged in every other character, when it has none."""
    return _without_parameters(url, lambda host, name, _: name.lower() in _tracking(host))


@functools.lru_cache(maxsize=256)
def _tracking(host: str) -> frozenset[str]:
    """The parameters that identify a click or a reader at `host`: told once per host, not
    again for each parameter of each link."""
    on_site = (n for site, n in _ON_SITES.items() if host == site or host.endswith(f".{site}"))
    return _ANYWHERE | next(on_site, frozenset())


def without_embed_marks(url: str) -> str:
    """`url` without what a network's embed code adds to say where it was followed from
    (Instagram's `utm_source=ig_embed`, TikTok's `refer=embed`, Bluesky's `ref_src=embed`):
    the writer did not add them, and they count no campaign of theirs."""
    return _without_parameters(
        url,
        lambda _, name, value: (
            name.startswith("utm_") or (name in ("refer", "ref_src") and value == "embed")
        ),
    )


def _without_parameters(url: str, unwanted: Callable[[str, str, str], bool]) -> str:
    """`url` (a web address) without the query parameters `unwanted` (of its host, the
    parameter's name and its value) says are; `url` itself, unchanged in every other
    character, when it has none."""
    if "?" not in url:
        return url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:  # "https://[x/…": no address at all
        return url
    if parts.scheme.lower() not in ("http", "https") or not parts.query:
        return url
    pairs = parts.query.split("&")
    kept = [pair for pair in pairs if not unwanted(host, *pair.partition("=")[::2])]
    if len(kept) == len(pairs):
        return url
    return urlunsplit(parts._replace(query="&".join(kept)))
