"""Links that belong to one person: a mailing list's link to unsubscribe or to change one's
preferences, carrying who they are ("…/unsubscribe?u=9f8e&id=a1b2c3&e=…"), as a received
newsletter pasted into a document brings along under it. Printed in an issue, any reader
who follows one unsubscribes that person, often the editor. Each is named with its line
when the document is read, and left as written for the editor to take out
(`publisher import` leaves such a footer out itself)."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from ..textfiles import line_of, where, written_text

log = logging.getLogger(__name__)

# Sanitised HTML (html5ever's serialisation): attributes in double quotes.
_HREF = re.compile(r'<a\b[^>]*\shref="([^"]*)"')
_UNSUBSCRIBE = re.compile(r"unsub|opt-?out|/profile\b|preferences", re.IGNORECASE)
# Who the link is for: Mailchimp's u, id and e, a token, an address, a subscriber's number
_SOMEONE = re.compile(r"[?&](?:e|u|id|uid|email|token|sub|subscriber|hash)=[^&#]", re.IGNORECASE)


def say_personal_links(body: str, source: Path) -> None:
    """Warn of each link of `body` to unsubscribe someone, with its line when `source` is
    text, and what to do."""
    lowered = body.lower()
    if not any(word in lowered for word in ("unsub", "prefer", "opt")):
        return  # most documents: no such link, and no second reading
    links = dict.fromkeys(html.unescape(found) for found in _HREF.findall(body))
    personal = [link for link in links if _UNSUBSCRIBE.search(link) and _SOMEONE.search(link)]
    text = written_text(source) if personal else None
    for link in personal:
        line = line_of(text, link) if text else None
        log.warning(
            "%s: a link to unsubscribe someone from a mailing list (%s): it carries who they"
            " are, and any reader who follows it would unsubscribe them; take it out",
            where(source, line),
            link,
        )
