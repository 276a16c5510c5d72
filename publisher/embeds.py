"""Players embedded in a text (a YouTube or Vimeo frame, a podcast's, a <video>) → links to
what they play.

Writers paste a platform's embed code into Markdown or HTML, and bring it from Hugo, WordPress
or Ghost. No output can play it: the sanitiser drops frames and media (an email, a PDF or
an EPUB would not run them anyway), so the video vanished and the text around it ("watch
our rally below") pointed at nothing. Each becomes a link to the video's own page instead,
named by the frame's title when it has one of its own. A player of a file in documents/
(no page to link) is named in a warning (`say_local_media`).
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, quote, unquote

from . import front_matter, textfiles
from .urls import split_url

log = logging.getLogger(__name__)

# The element of a player, with what it holds; an <embed> has no end tag
_PLAYER = re.compile(
    r"<(iframe|video|audio|object)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)"
    r"(?:/>|>(?:(?!<\1\b).)*?</\1\s*>)"  # self-closed as XML writes it, or up to its end
    r"|<embed\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)/?>",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_SOURCE = re.compile(r"<source\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.IGNORECASE)
# Where the player stands: alone between blocks (it becomes a paragraph), or in a line of text
_BLOCK_BEFORE = re.compile(
    r"(?:\A|</(?:p|div|h[1-6]|ul|ol|dl|blockquote|figure|section|aside|table|pre)>"
    r"|<(?:div|section|figure|blockquote|aside)\b[^>]*>|<hr\b[^>]*>)\s*\Z",
    re.IGNORECASE,
)


def players_as_links(fragment: str) -> str:
    """`fragment` with every player of an address on the web replaced by a link to what it
    plays. A player of a file (`say_local_media` names it) goes, with a figure that held
    only it and its caption (as pandoc writes `![The film](march.mp4)`), as a picture left
    out does; players of nothing are left for the sanitiser to drop."""
    if "<" not in fragment or not _PLAYER.search(fragment):
        return fragment
    local = False

    def link(match: re.Match[str]) -> str:
        nonlocal local
        address, title, sources = _played(match)
        if not address:
            local = local or bool(sources)
            return "" if sources else match.group(0)
        anchor = f'<a href="{html.escape(address)}">{html.escape(title or address)}</a>'
        alone = _BLOCK_BEFORE.search(fragment, 0, match.start())
        return f"<p>{anchor}</p>" if alone else anchor

    linked = _PLAYER.sub(link, fragment)
    return _EMPTIED_FIGURE.sub("", linked) if local else linked


# A figure left holding nothing but its caption, once its player went
_EMPTIED_FIGURE = re.compile(
    r"<figure\b[^>]*>\s*(?:<figcaption\b[^>]*>(?:(?!</?figure\b).)*?</figcaption>\s*)?</figure>\s*",
    re.IGNORECASE | re.DOTALL,
)


def say_local_media(fragment: str, document: Path) -> None:
    """Warn, naming `document`, of each player in `fragment` of a file rather than an address
    on the web (a video beside the document): outputs cannot play it, nor link a page."""
    if "<" not in fragment:
        return
    for match in _PLAYER.finditer(fragment):
        address, _, sources = _played(match)
        named = [s for s in sources if not split_url(s).scheme]
        if address or not named:
            continue
        place = _place(document, named[0])
        if _picture(match, named[0]):
            log.warning(
                "%s: picture %r left out: a picture shown by <object> or <embed> is not shown"
                " by an email, a PDF or an e-book: write it as %s",
                place,
                named[0][:80],
                _as_picture(document, named[0]),
            )
            continue
        log.warning(
            "%s: %r left out: an email, a PDF or an e-book cannot play a video or sound"
            " file; put it online (PeerTube, YouTube, the Internet Archive) and link it",
            place,
            named[0][:80],
        )


def _place(document: Path, source: str) -> str:
    """The document and the line of its body `source` is written on ("a.md:7")."""
    text = textfiles.written_text(document)
    line = textfiles.line_of_picture(text, source, start=front_matter.body_line(text))
    return textfiles.where(document, line)


def _picture(player: re.Match[str], source: str) -> bool:
    """Whether a player shows a picture (<object data="map.svg" type="image/svg+xml">), by
    its type or its file's suffix: it is shown as one where written as one."""
    from .picture_copies import CONVERTED_SUFFIXES
    from .resources import SHOWN_IMAGE_SUFFIXES

    kind = _attributes(player.group(2) or player.group(3) or "").get("type", "")
    suffix = PurePosixPath(split_url(source).path).suffix.lower()
    return kind.lower().startswith("image/") or suffix in (
        *SHOWN_IMAGE_SUFFIXES,
        *CONVERTED_SUFFIXES,
    )


def _as_picture(document: Path, source: str) -> str:
    """How the document's own markup writes a picture of `source`."""
    if document.suffix.lower() in (".html", ".htm"):
        return f'<img src="{source}" alt="description">'
    return f"![description]({source})"


# A video's page from its id, as site generators' shortcodes, includes and components
# name a video (Hugo's {{< youtube id >}}, a Jekyll include, MDX's <YouTube id=… />)
VIDEO_PAGES = {"youtube": "https://www.youtube.com/watch?v={}", "vimeo": "https://vimeo.com/{}"}


def video_page(platform: str, video: str) -> str:
    """The page of the video `video` (an id) on `platform` ("youtube" or "vimeo")."""
    return VIDEO_PAGES[platform].format(quote(video))


def page_of(address: str) -> str:
    """The page a player's frame shows the video or sound on (YouTube's watch page for its
    embed frame…); the frame's own address for a player this does not know."""
    if address.startswith("//"):  # old embed codes leave the scheme to the page
        address = "https:" + address
    for pattern, page in _PAGES:
        if found := pattern.match(address):
            return page(found)
    return address


def played_by(sources: list[str], title: str) -> tuple[str, str]:
    """The address of the page of what a player of `sources` (its src or data, then its
    <source>s) plays, "" for none on the web; and its `title` as a link's words ("" for
    none, or a platform's name for any of its players)."""
    pages = (page_of(source) for source in sources)
    address = next((page for page in pages if page.startswith(("http://", "https://"))), "")
    title = _EMBED_PREFIX.sub("", " ".join(title.split()))
    return address, "" if _generic(title) else title


def _played(match: re.Match[str]) -> tuple[str, str, list[str]]:
    """What `played_by` says of a matched player, and what it names as what it plays, in
    order: its src or data, then its <source>s."""
    attributes = _attributes(match.group(2) or match.group(3) or "")
    named = [attributes[name] for name in ("src", "data") if attributes.get(name)]
    inner = match.group(0)[match.group(0).find(">") + 1 :]
    named += [s for tag in _SOURCE.findall(inner) if (s := _attributes(tag).get("src"))]
    sources = [value.strip() for value in named if value.strip()]
    return (*played_by(sources, attributes.get("title", "")), sources)


def _attributes(tag: str) -> dict[str, str]:
    """A tag's attributes, however quoted (findall gives "" for the quotings not used)."""
    return {
        name.lower(): html.unescape(next((v for v in values if v), ""))
        for name, *values in _ATTRIBUTE.findall(tag)
    }


# A title a platform gives every one of its players ("YouTube video player", "Vimeo embed"),
# which names nothing the writer chose
_PLATFORM_WORDS = frozenset({
    "youtube", "vimeo", "dailymotion", "spotify", "soundcloud", "peertube", "facebook",
    "instagram", "archive", "org", "video", "audio", "player", "embed", "embedded", "iframe",
    "frame", "widget", "media", "content",
})  # fmt: skip
_EMBED_PREFIX = re.compile(r"^[\w .]{0,30}\bembed:\s*", re.IGNORECASE)  # "Spotify Embed: …"


def _generic(title: str) -> bool:
    return all(word in _PLATFORM_WORDS for word in re.findall(r"\w+", title.lower()))


def _youtube(found: re.Match[str]) -> str:
    query = parse_qs(split_url(found.group(0)).query)
    start = query.get("start", [""])[0]
    at = f"&t={start}s" if start.isdigit() else ""
    return f"https://www.youtube.com/watch?v={found.group(1)}{at}"


def _unquoted(found: re.Match[str]) -> str:
    target = unquote(found.group(1))
    return target if target.startswith(("http://", "https://")) else found.group(0)


_YOUTUBE = r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com"
_PAGES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(_YOUTUBE + r"/embed/videoseries\?(?:[^#]*&)?list=([\w-]+)"),
        lambda m: f"https://www.youtube.com/playlist?list={m.group(1)}",
    ),
    (re.compile(_YOUTUBE + r"/(?:embed|v)/([\w-]{6,})[^#]*"), _youtube),
    (
        re.compile(r"^https?://player\.vimeo\.com/video/(\d+)(?:\?(?:[^#]*&)?h=([0-9a-f]+))?"),
        lambda m: f"https://vimeo.com/{m.group(1)}" + (f"/{m.group(2)}" if m.group(2) else ""),
    ),
    (
        re.compile(r"^https?://(?:www\.)?dailymotion\.com/embed/video/(\w+)"),
        lambda m: f"https://www.dailymotion.com/video/{m.group(1)}",
    ),
    (
        re.compile(
            r"^https?://open\.spotify\.com/embed(?:-podcast)?/"
            r"(episode|show|track|album|playlist|artist)/(\w+)"
        ),
        lambda m: f"https://open.spotify.com/{m.group(1)}/{m.group(2)}",
    ),
    (
        re.compile(r"^https?://archive\.org/embed/([^?#]+)"),
        lambda m: f"https://archive.org/details/{m.group(1)}",
    ),
    (  # PeerTube, on whichever server the video is
        re.compile(r"^(https?://[^/?#]+)/videos/embed/([\w-]+)"),
        lambda m: f"{m.group(1)}/videos/watch/{m.group(2)}",
    ),
    (  # Facebook's video and post plugins name what they show in their href
        re.compile(r"^https?://(?:www\.)?facebook\.com/plugins/\w+\.php\?(?:[^#]*&)?href=([^&#]+)"),
        _unquoted,
    ),
    (
        re.compile(r"^https?://w\.soundcloud\.com/player/\?(?:[^#]*&)?url=([^&#]+)"),
        _unquoted,
    ),
)
