"""A newsletter's or blog's own feed, saved as a file (RSS 2.0, Atom or RSS 1.0): the one
export every platform has, Buttondown, beehiiv, Kit or a site whose admin is lost as much as
Substack or Ghost (`https://…/feed`, saved from the browser). Read by feedparser from the
file's bytes: nothing is fetched.

Each entry with its full text (`content:encoded`, Atom's `content`, or a description that is
more than an opening) becomes a document and an issue, as the newsletter sent it: title,
author, date, tags, language, address (kept for a redirect page, should the archive move to
the same site). An entry whose feed carries only its opening ("…", "Read more") is left out
and listed: its full text is on the site, and publisher fetches nothing. A feed holds only
the latest posts, so the report says where the whole archive is. A podcast's episode links
its recording (<enclosure>). A Mailchimp campaign archive's feed carries each campaign in
its email template: its text, image and button blocks are taken, as from a saved campaign
page. A post's language is the
one its text is marked with (Atom's xml:lang on its entry or content), else the one it is
written in: a feed-wide xml:lang, like RSS's <language>, is the publication's.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import io
import re
from pathlib import PurePosixPath
from typing import Any

import lxml.html
import lxml.html.defs

from ..errors import PublisherError
from ..sanitize import clean_html, plain_text
from ..tree_edits import drop_keeping_tail
from ..urls import split_url
from . import exports, mailchimp
from .blogfurniture import FIRST_PUBLISHED, more_link
from .exports import ExportFiles, LeftOut, PlatformExport, Post
from .platform_html import html_words, inner_html

_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_CUT = re.compile(
    r"(?:…|\.\.\.|\[…\]|\[\.\.\.\]|read more|continue reading|keep reading)\W*$", re.I
)
_SHORT = 80  # words: a description this long that ends as cut is an opening, not the text


def recognises(files: ExportFiles) -> bool:
    """A single file (the feed as saved, any name) whose first tag is a feed's."""
    names = list(files)
    if len(names) != 1:
        return False
    head = files.read(names[0])[:2048].lstrip()
    return bool(_FEED.search(head)) and b"wordpress.org/export/" not in head


def read(files: ExportFiles) -> PlatformExport:
    import feedparser  # slow to import; only when a feed is given

    (name,) = list(files)
    # bytes: never a path or a URL. Not cleaned by feedparser, whose cleaning takes out
    # embedded videos before they are made links: every post's HTML goes through
    # publisher's own sanitiser (nh3), titles and summaries are read as plain text.
    parsed = feedparser.parse(io.BytesIO(files.read(name)), sanitize_html=False)
    if parsed.bozo and not parsed.entries:
        problem = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")()
        line = getattr(parsed.get("bozo_exception"), "getLineNumber", lambda: None)()
        raise PublisherError.at(f"not a feed that can be read: {problem}", files.origin, line)
    export = PlatformExport("Feed", files=None)  # its pictures are online: listed, not fetched
    subtitles = parsed.feed.get("generator") == "Substack"  # its description is the subtitle
    inherited = str(parsed.feed.get("language") or "")  # Atom's <feed xml:lang>
    for entry in parsed.entries:
        _entry(entry, subtitles, inherited, export)
    export.left_out.append(
        LeftOut(
            "older posts",
            _older(parsed.entries),
            "a feed holds only the latest: the platform's own export has the whole archive",
        )
    )
    return export


def _older(entries: list[Any]) -> str:
    """Which posts the feed lacks: those before its oldest entry's day. (Not a count: the
    number of posts the feed holds, said here, read as the number left out.)"""
    days = [day for entry in entries if (day := _day(entry, "published") or _day(entry, "updated"))]
    return f"before {min(days).isoformat()}" if days else "not in this feed"


def _entry(entry: Any, subtitles: bool, inherited: str, export: PlatformExport) -> None:
    title = _plain(entry.get("title_detail") or {}) or "untitled"
    content = entry.get("content") or []
    summary = clean_html(_unescaped(str(entry.get("summary", "") or "")))
    markup = _unescaped(str(content[0].get("value", ""))) if content else summary
    body = mailchimp.campaign_body(_without_feed_footer(markup))
    body = _recordings(entry, title, body) + body
    words, more = _summary_words(summary)
    if not content and (more or _opening_only(words)):
        export.left_out.append(
            LeftOut("post", title, "only its opening is in the feed; its text is on the site")
        )
        return
    link = str(entry.get("link", "") or "")
    author = str(entry.get("author_detail", {}).get("name") or entry.get("author", "") or "")
    tags = [str(t.get("term", "")).strip() for t in entry.get("tags", []) or []]
    export.posts.append(
        Post(
            title=title,
            body_html=body,
            key=str(entry.get("id") or link or title),
            date=_day(entry, "published") or _day(entry, "updated"),
            authors=[author] if author else [],
            tags=list(dict.fromkeys(t for t in tags if t)),
            language=_own_language(content[0] if content else {}, inherited),
            subtitle=words if content and subtitles else "",
            summary=words if content and not subtitles and not _opening_of(words, body) else "",
            source=link,
            aliases=exports.old_address(link),
            sent=True,
        )
    )


# What a podcast's <enclosure> is, by its type or else its file's
_RECORDING_TYPES = ("audio/", "video/")
_RECORDING_FILES = (".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".mp4", ".m4v")


def _recordings(entry: Any, title: str, body: str) -> str:
    """A link to each recording the entry carries (a podcast's episode, as RSS's
    <enclosure>), named by its title, with its kind, length and size: the recording is what
    the episode is, and publisher fetches nothing from a feed, so readers follow the link
    to listen. None for one its text links already, nor for a picture (Substack's)."""
    links = []
    for enclosure in entry.get("enclosures") or []:
        href = str(enclosure.get("href") or "").strip()
        suffix = PurePosixPath(split_url(href).path).suffix.lower()
        kind = str(enclosure.get("type") or "")
        played = kind.startswith(_RECORDING_TYPES) or (not kind and suffix in _RECORDING_FILES)
        if not played or not href.startswith(("https://", "http://")) or href in body:
            continue
        size = _megabytes(enclosure.get("length"))
        details = ", ".join(filter(None, (suffix[1:].upper(), _length(entry), size)))
        link = f'<a href="{html.escape(href)}">{html.escape(title)}</a>'
        links.append(f"<p>{link} ({details})</p>" if details else f"<p>{link}</p>")
    return "".join(links)


def _length(entry: Any) -> str:
    """An episode's length as its feed gives it (itunes:duration: "00:42:10", "42:10" or
    seconds), as h:mm:ss or m:ss; "" when not given."""
    given = str(entry.get("itunes_duration") or "").strip()
    if given.isdigit():
        hours, rest = divmod(int(given), 3600)
        given = f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return re.sub(r"^(?:0+:)?0?(?=\d)", "", given) if given else ""  # "00:05:30" → "5:30"


def _megabytes(length: object) -> str:
    """A file's size in bytes (an enclosure's length) in MB; "" for none (often "0")."""
    try:
        size = int(str(length))
    except ValueError:
        return ""
    return f"{max(1, round(size / 1_000_000))} MB" if size > 0 else ""


def _plain(detail: Any) -> str:
    """A title as its reader sees it: RSS's (and Atom's type="html") is HTML, which
    feedparser gives as it is ("Caf&eacute; workers &amp; cooks"); one it marks as plain
    text because a tag in it is none it takes for HTML's (<script>) is HTML too: a title
    is its words, not '<b>Rally</b>'."""
    value = str(detail.get("value", "") or "")
    if "html" in str(detail.get("type", "")) or _html_tags(value):
        return plain_text(value)
    return " ".join(value.split())


_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")


def _html_tags(text: str) -> bool:
    """Whether `text` holds a tag of HTML's ('<b>', '</script'), not only a '<' of its own
    ('Rally <3', 'rents < wages')."""
    return any(name.lower() in lxml.html.defs.tags for name in _TAG.findall(text))


# An escaped tag: what an old CMS writes when it escapes its HTML twice
_ESCAPED_TAG = re.compile(r"&lt;(/?)([a-zA-Z][a-zA-Z0-9]*)\b")


def _unescaped(markup: str) -> str:
    """The post's HTML when the feed escaped it twice ("&amp;lt;p&amp;gt;The caf&amp;amp;
    eacute;"), as an old CMS does, which shows its readers the tags: text without a tag of
    its own that, unescaped once, starts with a tag and holds only HTML's. Else `markup`."""
    if "<" in markup or not _ESCAPED_TAG.match(markup.lstrip()):
        return markup
    names = {name.lower() for _, name in _ESCAPED_TAG.findall(markup)}
    return html.unescape(markup) if names <= lxml.html.defs.tags else markup


def _own_language(content: Any, inherited: str) -> str:
    """The language the entry's text is marked with (its xml:lang, or its <entry>'s), or ""
    when it only inherits the feed's: that, like an RSS channel's <language>, is the
    publication's, which a post in another language does not change, so its text tells.
    (feedparser gives the inherited one as the text's own.)"""
    language = str(content.get("language") or "")
    return "" if language.lower() == inherited.lower() else language


def _summary_words(summary: str) -> tuple[str, bool]:
    """A description's words, as plain text for a summary (the email's preheader, the
    page's description), without the link to the rest of the post that WordPress ends its
    excerpt with ("…&#8230; <a class="more-link">Continue reading “Title”</a>"); and
    whether it had one, as an opening does."""
    if not summary.strip():
        return "", False
    root = lxml.html.fragment_fromstring(summary, create_parent="div")
    links = root.xpath("(.//a)[last()]")  # the last thing in it, when it is that link
    more = bool(links) and more_link(links[0].text_content())
    more = more and not "".join(links[0].xpath("following::text()")).strip()
    if more:
        drop_keeping_tail(links[0])
    return " ".join(root.text_content().split()), more


def _without_feed_footer(markup: str) -> str:
    """A post's HTML without the line WordPress's feed puts under it ("The post … appeared
    first on …"), which is the feed's, not the post's."""
    if not markup.strip():
        return markup
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    if not len(root) or (root[-1].tail or "").strip():
        return markup
    if not FIRST_PUBLISHED.match(" ".join(root[-1].text_content().split())):
        return markup
    root.remove(root[-1])
    return inner_html(root)


def _opening_only(words: str) -> bool:
    """A description that is the start of a text cut short, as feeds of excerpts end."""
    return not words or (len(words.split()) <= _SHORT and bool(_CUT.search(words)))


def _opening_of(words: str, body: str) -> bool:
    """The summary's `words` are the body's own first words (cut or not): no summary of its
    own."""
    start = _CUT.sub("", words).strip().rstrip(".…!?;:, ")
    return not start or html_words(body).startswith(start)


def _day(entry: Any, key: str) -> dt.date | None:
    """The day of the entry's `key` date where it was written, as the feed wrote it (RSS's
    "Sat, 10 Jan 2026 23:30:00 -0500", Atom's "2026-01-20T23:30:00+01:00"): feedparser
    gives it in UTC, a day later or earlier for a post written in the evening or morning.
    A date in another form feedparser reads: its day in UTC."""
    return _written_day(str(entry.get(key) or "").strip()) or _utc_day(entry.get(f"{key}_parsed"))


def _written_day(written: str) -> dt.date | None:
    """The day of an RFC 3339 or RFC 822 date, in the time zone it is written in."""
    if not written:
        return None
    day = exports.day_of(written)
    if day is not None:
        return day
    try:
        return email.utils.parsedate_to_datetime(written).date()
    except (TypeError, ValueError):
        return None


def _utc_day(parsed: Any) -> dt.date | None:
    try:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except (AttributeError, TypeError, ValueError):
        return None
