"""A platform's post HTML → the article alone: subscribe buttons, share bars, paywall
notices, email footers and the like are removed; an embed or link card (a video, another
post, a tweet, a bookmark) becomes a link to what it shows; each image is either one the
export brought (copied to the pool) or only online (removed with the figure or link that
held only it, and listed; fetched only when the editor asks); a file linked to download
(a PDF, a spreadsheet) that the export brought is copied to the pool too; lines written
as a <div> each stay lines.

What is left still goes through the pipeline's sanitiser when it is written.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import lxml.html
from lxml import etree

from ..attachments import ATTACHMENTS
from ..embeds import page_of, played_by
from ..post_embeds import posts_quoted
from ..readers.drawn_blocks import drawn_blocks_written
from ..readers.googledocs import styles_as_emphasis
from ..readers.lazy_images import pictures_shown
from ..readers.lines import gather_div_lines
from ..readers.merge_tags import for_everyone
from ..readers.pagenotes import notes_in
from ..tree_edits import drop_keeping_tail, with_class
from ..urls import split_url
from .exports import GHOST_SITE, ExportFiles
from .ghost_cards import ghost_cards_as_content
from .merge_links import MergeLink, unmerge_links
from .squarespace_blocks import squarespace_blocks_as_content
from .substack_blocks import element_attrs, substack_blocks_as_content

if TYPE_CHECKING:
    from .fetch import Fetched

# Words of a class or id (split at -, _ and a capital) that mark platform furniture
# rather than the article: Substack (subscription-widget, button-wrapper, embedded-post,
# tweet, youtube-wrap, paywall, poll-embed), Ghost (kg-signup-card, kg-button-card,
# kg-cta-card, kg-embed-card), WordPress/Jetpack (wp-block-jetpack-subscriptions,
# wp-block-buttons, wp-block-embed, sharedaddy, jp-relatedposts) and Mailchimp
# (templatePreheader, templateFooter, mcnFollowBlock, mcnShareBlock, mcnButtonBlock,
# mcnPreviewText). Whole words: a class "shareholders" or "following-year" is the writer's.
_WIDGETS = ("button", "buttons", "btn", "cta", "embed", "embedded", "tweet", "youtube")
_SHARING = ("share", "sharing", "sharedaddy", "social", "follow", "signup", "paywall")
_AROUND = ("footer", "preheader", "relatedposts", "poll", "polls", "comment", "comments")
_FURNITURE_WORDS = frozenset((*_WIDGETS, *_SHARING, *_AROUND))
_FURNITURE_PAIRS = frozenset(
    {("preview", "text"), ("kg", "product"), ("kg", "audio"), ("kg", "video"), ("kg", "file")}
)
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_NEIGHBOUR_MARK = re.compile(r"-(?:after|before)--")
# Words of the class of an embed or a link card: Substack's youtube-wrap, embedded-post-wrap
# and tweet, Ghost's kg-embed-card and kg-bookmark-card, WordPress's wp-block-embed, Medium's
# graf--iframe
_CARD_WORDS = frozenset({"youtube", "tweet", "embed", "embedded", "bookmark", "iframe"})
# The class of the quote a tweet's or a Bluesky post's embed code is
_QUOTED_POSTS = frozenset({"twitter-tweet", "bluesky-embed"})
_ADDRESS = re.compile(r"https?://[^\s\"'<>]+")
_DROP_TAGS = (
    "script",
    "style",
    "iframe",
    "form",
    "button",
    "input",
    "noscript",
    "svg",
    "video",
    "audio",
    "object",
    "embed",
    "template",
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_FRAMES = ("a", "picture", "div", "span")  # what may hold an image and nothing else
# The notes `pagenotes` made: their calls, the section of notes, each note
_NOTE_MARKUP = re.compile(r"footnote-ref |footnotes |\s?page-note-\d+$")
_KEPT_ATTRIBUTES = ("href", "src", "alt", "title", "lang", "dir", "colspan", "rowspan", "start")
_IMAGE_FILE = re.compile(r"\.(jpe?g|png|gif|webp)(\?.*)?$", re.I)
_SUBSCRIBE_LINK = re.compile(r"/subscribe|action=share|/share\b|#/portal|/comments\b", re.I)
# What a subscribe or share button says (a link to /subscribe saying more is the writer's).
# Not "Sign up": to an event, a petition or a union's join page it is the writer's; the
# platforms' own sign-up buttons lead to their /subscribe or #/portal/signup, told by that.
_BUTTON_TEXT = re.compile(
    r"^\W*(?:subscribe(?: now| for free)?|share(?: this post)?|upgrade to paid|"
    r"leave a comment|suscr[ií]bete|compartir|s'abonner|partager|abonnieren|teilen)?\W*$",
    re.I,
)
# Words of the class of a button (Substack's button-wrapper, Ghost's kg-button-card and
# kg-btn, WordPress's wp-block-buttons, Mailchimp's mcnButton and mceButtonLink)
_BUTTON_WORDS = frozenset({"button", "buttons", "btn"})
_MERGE = r"\*\|[A-Z_:]+\|\*"  # Mailchimp's *|FNAME|*
MERGE_TAG = re.compile(rf"[ \t]*{_MERGE}")  # with the space before it: "Dear, …"
# A greeting whose only name was a merge tag ("Dear *|FNAME|*,", "¡Hola *|FNAME|*!"):
# without the reader's name it says "Dear ,"
_GREETING = re.compile(rf"^\s*(?:[^\s*|]+\s+){{0,3}}(?:{_MERGE}\s*)+[,.!:;]?\s*$")


@dataclass
class CleanBody:
    html: str
    images: dict[str, str] = field(default_factory=dict)  # media file name → export file
    online: list[str] = field(default_factory=list)  # image URLs not in the export
    fetched: dict[str, bytes] = field(default_factory=dict)  # by URL, when asked for
    unfetched: list[tuple[str, str]] = field(default_factory=list)  # URL, why not
    undescribed: list[str] = field(default_factory=list)  # media file names without alt text
    downloads: dict[str, str] = field(default_factory=dict)  # media file name → export file
    missing: list[tuple[str, str]] = field(default_factory=list)  # linked at Ghost's site: why
    removed: int = 0  # widgets, embeds and footers taken out
    merge_links: list[MergeLink] = field(default_factory=list)  # a reader's merge tag out
    # the first of Mailchimp's conditions (`*|IF:…|*`) whose words for some went
    conditional: str | None = None
    # the alt text and caption of each picture left out (by URL): the writer's words of
    # what it showed, for the report to give with its address
    words: dict[str, tuple[str, str]] = field(default_factory=dict)


Fetch = Callable[[str], "Fetched | str"]


def html_words(markup: str) -> str:
    """The words of an HTML fragment, single-spaced, as a reader sees them."""
    if not markup.strip():
        return ""
    return " ".join(
        lxml.html.fragment_fromstring(markup, create_parent="div").text_content().split()
    )


def inner_html(element: lxml.html.HtmlElement) -> str:
    """What `element` holds, as HTML: its text and its children, without its own tag."""
    text = html.escape(element.text or "")
    return text + "".join(lxml.html.tostring(c, encoding="unicode") for c in element)


def first_match(element: lxml.html.HtmlElement, path: str) -> Any:
    """The first node `path` (XPath) finds from `element`, or None."""
    return next(iter(element.xpath(path)), None)


def clean_post_html(
    markup: str,
    files: ExportFiles | None,
    base: str = "",
    fetch: Fetch | None = None,
    pictures_online: bool = False,
) -> CleanBody:
    """The article of a post's HTML; `base` is the folder of the export that relative
    image paths start from; `fetch` (when the editor asks) brings a picture only online.
    With `pictures_online` (a post's page given alone), its pictures stay where they are
    online, as a saved page's do."""
    if not markup.strip():
        return CleanBody("")
    markup, conditional = for_everyone(markup)  # every subscriber is sent the same
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    result = CleanBody("", conditional=conditional)
    for comment in root.xpath("//comment()"):
        drop_keeping_tail(comment)
    result.merge_links = unmerge_links(root)  # before the links to merge tags go
    pictures_shown(root)  # loaded by a script (Squarespace's), before <noscript> goes
    squarespace_blocks_as_content(root)  # before the cards: a video's wrapper says "embed"
    _galleries_as_figures(root)  # before the cards: a gallery's class says "embed" too
    substack_blocks_as_content(root)  # before the players: a chart's frame is one
    posts = posts_quoted(root)  # before the cards: TikTok's embed code says "embed" too
    _cards_as_links(root, posts)  # before frames and furniture go: an embed's class says "embed"
    _file_cards_as_links(root)
    ghost_cards_as_content(root)  # before their players become links and the cards go
    _players_as_links(root)  # what is left of them: frames pasted into the post itself
    _buttons_as_links(root)  # before the furniture goes: a button's class says "button"
    drawn_blocks_written(root)  # folded text, a quote's source
    for element in list(root.iter(*_DROP_TAGS)):
        if element.getparent() is None:
            continue
        if element.tag == "button" and next(element.iterancestors(*_HEADINGS), None) is not None:
            for icon in element.xpath(".//*[@aria-hidden='true']"):
                drop_keeping_tail(icon)  # its +, its arrow
            element.drop_tag()  # a heading's words, in a fold's button (an accordion's)
            continue
        drop_keeping_tail(element)
        result.removed += 1
    for element in list(root.iter()):
        if element is root or not isinstance(element.tag, str):
            continue
        if _furniture(element) and _attached(element, root):
            drop_keeping_tail(element)
            result.removed += 1
    for link in list(root.iter("a")):
        if _button_link(link) and _attached(link, root):
            drop_keeping_tail(link)
            result.removed += 1
    for link in list(root.iter("a")):
        _place_download(link, files, base, result)
    for block in list(root.iter("p", "div")):
        if _GREETING.match(block.text_content()) and _attached(block, root):
            drop_keeping_tail(block)
    for line_break in list(root.iter("br")):  # "Dear *|FNAME|*,<br>The meeting…"
        before = line_break.getprevious()
        if before is None and _GREETING.match(line_break.getparent().text or ""):
            line_break.getparent().text = ""
            drop_keeping_tail(line_break)
    for element in root.iter():
        element.text = MERGE_TAG.sub("", element.text) if element.text else element.text
        element.tail = MERGE_TAG.sub("", element.tail) if element.tail else element.tail
    if not pictures_online:
        for image in list(root.iter("img")):
            _place_image(image, files, base, result, fetch)
    styles_as_emphasis(root)  # before the styles go
    notes_in(root)  # before the ids go: Substack's, Ghost's footnotes
    gather_div_lines(root)  # before the blank lines (<div><br></div>) go as empty
    for element in list(root.iter("p", "figure", "div", "span")):
        shown = next(element.iter("img", "hr"), None) is not None  # a picture, a rule
        empty = not "".join(element.itertext()).strip() and not shown
        if empty and _attached(element, root):
            drop_keeping_tail(element)
    for element in list(root.iter()):
        if element is root or not isinstance(element.tag, str):
            continue
        note = _NOTE_MARKUP.match(f"{element.get('class', '')} {element.get('id', '')}")
        for name in list(element.attrib):
            if name not in _KEPT_ATTRIBUTES and not (note and name in ("id", "class")):
                del element.attrib[name]
        wrapper = element.tag in ("div", "span", "section", "article") and not element.get("lang")
        wrapper = wrapper and not note
        if wrapper and _attached(element, root):
            element.drop_tag()  # layout wrappers: their content stays
    result.html = "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root.iterchildren()
    )
    if root.text and root.text.strip():
        result.html = f"<p>{html.escape(root.text.strip())}</p>" + result.html
    return result


def _galleries_as_figures(root: lxml.html.HtmlElement) -> None:
    """Substack's image gallery: an empty <div class="image-gallery-embed"> whose pictures
    are only in its data-attrs, as JSON ({"gallery": {"images": [{"src"}], "caption",
    "alt"}}) made a figure for each picture, the caption under the last."""
    for holder in list(root.iter("div")):
        if "gallery" not in holder.get("class", "") or holder.getparent() is None:
            continue
        try:
            gallery = element_attrs(holder).get("gallery", {})
            images = [str(i["src"]) for i in gallery.get("images", []) if i.get("src")]
            alt, caption = str(gallery.get("alt") or ""), str(gallery.get("caption") or "")
        except (ValueError, AttributeError, TypeError, KeyError):
            continue
        figures = [lxml.html.Element("figure") for _ in images]
        for figure, src in zip(figures, images, strict=True):
            etree.SubElement(figure, "img", src=src, alt=alt)
        if figures and caption.strip():
            etree.SubElement(figures[-1], "figcaption").text = caption
        for figure in figures:
            holder.addprevious(figure)
        if figures:
            drop_keeping_tail(holder)


def _cards_as_links(root: lxml.html.HtmlElement, posts: list[lxml.html.HtmlElement]) -> None:
    """Each embed and link card (a video, a post, a tweet, a bookmark) becomes a link to
    what it shows, titled as the card is: an email or a page cannot play or preview it,
    and the writer put it there for the reader to follow."""
    for card in list(root.iter()):
        if not isinstance(card.tag, str) or card.getparent() is None:
            continue
        if not _class_words(card) & _CARD_WORDS or not _attached(card, root):
            continue
        caption = _caption_of(card)
        quoted = _quoted_post(card, posts)
        if quoted is not None:
            tail, quoted.tail = card.tail, None
            if quoted is not card:
                card.getparent().replace(card, quoted)
            if caption is not None:
                caption.tag = "p"
                quoted.addnext(caption)
            (quoted if caption is None else caption).tail = tail
            continue
        address, title = _card_address(card)
        if not address:
            continue  # nothing to follow: it goes with the furniture
        paragraph = lxml.html.Element("p")
        link = etree.SubElement(paragraph, "a", href=address)
        link.text = title or address
        if caption is not None:  # the writer's words of it, under the link
            line_break = etree.SubElement(paragraph, "br")
            line_break.tail = caption.text
            paragraph.extend(list(caption))
        paragraph.tail = card.tail
        card.getparent().replace(card, paragraph)


def _caption_of(card: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The caption the writer gave an embed or a link card (WordPress's and Ghost's
    `<figcaption>`), when it has words."""
    caption = first_match(card, ".//figcaption")
    if caption is None or not caption.text_content().strip():
        return None
    caption.getparent().remove(caption)  # not a title of the card's, nor its address
    caption.text = (caption.text or "").lstrip()
    return caption


def _quoted_post(
    card: lxml.html.HtmlElement, posts: list[lxml.html.HtmlElement]
) -> lxml.html.HtmlElement | None:
    """A tweet (or a Bluesky post) embedded in a card, as a quote of its words with a link
    to it: its words are what the writer showed, a bare link would lose them. The embed
    code is that quote already, for where its script does not run (Ghost's embed card, a
    classic WordPress post); another network's post is the quote `posts_quoted` made of
    it (one of `posts`); Substack keeps the words only in the card's data-attrs, as HTML
    ({"url", "full_text", "name", "username"})."""
    for post in posts:
        if card in post.iterancestors():
            return post
    for code in card.iter("blockquote"):
        if _QUOTED_POSTS & set(code.get("class", "").split()):
            del code.attrib["class"]  # "twitter-tweet" would read as furniture
            return code
    attrs = element_attrs(card)
    url, words = attrs.get("url"), attrs.get("full_text")
    if not isinstance(url, str) or not isinstance(words, str) or not words.strip():
        return None
    if not url.startswith(("http://", "https://")):
        return None
    quote = lxml.html.Element("blockquote")
    for part in re.split(r"\n\s*\n", words.strip()):
        quote.append(lxml.html.fragment_fromstring(part.replace("\n", "<br>"), create_parent="p"))
    for element in quote.iter():
        element.attrib.pop("class", None)  # its links' "tweet-url" would read as furniture
    name, handle = str(attrs.get("name") or ""), str(attrs.get("username") or "")
    who = f"{name} (@{handle})" if name and handle else name or (handle and f"@{handle}")
    said_by = etree.SubElement(quote, "p")
    said_by.text = "— "
    etree.SubElement(said_by, "a", href=url).text = who or url
    return quote


def _file_cards_as_links(root: lxml.html.HtmlElement) -> None:
    """Ghost's file card (a file to download: its title, caption, name, size and an icon)
    becomes a paragraph linking the file by its title, its caption under it, as the card
    showed them."""
    for card in root.xpath(with_class("kg-file-card")):
        link = first_match(card, ".//a[@href]")
        if link is None or not _attached(card, root):
            continue  # nothing to follow: it goes with the furniture
        title = str(card.xpath("string(.//*[contains(@class, 'kg-file-card-title')])"))
        caption = str(card.xpath("string(.//*[contains(@class, 'kg-file-card-caption')])"))
        paragraph = lxml.html.Element("p")
        href = str(link.get("href", ""))
        etree.SubElement(paragraph, "a", href=href).text = (
            " ".join(title.split()) or PurePosixPath(split_url(href).path).name
        )
        if caption.strip():
            etree.SubElement(paragraph, "br").tail = " ".join(caption.split())
        paragraph.tail = card.tail
        card.getparent().replace(card, paragraph)


_PLAYERS = ("iframe", "video", "audio", "object", "embed")
# Where a link in place of a player stands as it is (elsewhere it is a paragraph of its own)
_PHRASING = {
    "p", "li", "td", "th", "dt", "dd", "a", "span", "em", "strong", "b", "i", "q", "figcaption",
    "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip


def _players_as_links(root: lxml.html.HtmlElement) -> None:
    """Each player of something on the web (a YouTube frame, an <audio> of a podcast) that
    no card holds becomes a link to its page, as `embeds` does for documents."""
    for player in list(root.iter(*_PLAYERS)):
        if not _attached(player, root):
            continue
        sources = [player.get("src") or player.get("data") or ""]
        sources += [source.get("src", "") for source in player.iter("source")]
        address, title = played_by(
            [s.strip() for s in sources if s.strip()], player.get("title", "")
        )
        if not address:
            continue  # dropped with the frames
        named = element_attrs(player).get("title")  # Substack's Spotify and SoundCloud frames'
        title = title or (" ".join(named.split()) if isinstance(named, str) else "")
        figure, caption = _alone_in_figure(player)  # WordPress's audio and video blocks
        if figure is not None and not (title and caption):  # its caption names the link
            player, title = figure, title or caption
        link = lxml.html.Element("a", href=address)
        link.text = title or address
        placed = link
        if player.getparent().tag not in _PHRASING:
            placed = lxml.html.Element("p")
            placed.append(link)
        placed.tail = player.tail
        player.getparent().replace(player, placed)


def _alone_in_figure(player: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement | None, str]:
    """The figure that holds `player` and nothing else but a caption, and the caption's
    words; (None, "") when it is in no such figure."""
    figure = player.getparent()
    if figure.tag != "figure" or (figure.text or "").strip() or (player.tail or "").strip():
        return None, ""
    others = [c for c in figure if c is not player and isinstance(c.tag, str)]
    if not others:
        return figure, ""
    if len(others) == 1 and others[0].tag == "figcaption" and not (others[0].tail or "").strip():
        return figure, " ".join(others[0].text_content().split())
    return None, ""


def _buttons_as_links(root: lxml.html.HtmlElement) -> None:
    """A button to somewhere else (a donation, a petition, an event, a PDF) is the writer's
    call to action: it becomes a link with the button's words, a paragraph of its own unless
    it stood in a sentence, under the caption the writer gave it. A button to subscribe,
    share, upgrade or comment, or to a merge tag, is the platform's and goes with the
    furniture, as does what held the button (its caption too: "Thanks for reading!")."""
    for link in list(root.iter("a")):
        around = itertools.takewhile(lambda e: e is not root, (link, *link.iterancestors()))
        marked = [element for element in around if _class_words(element) & _BUTTON_WORDS]
        if not marked or not _call_to_action(link, marked[-1]):
            continue
        kept = lxml.html.Element("a", href=link.get("href", "").strip())
        kept.text = " ".join(link.text_content().split())
        placed = kept
        if marked[-1].getparent().tag not in _PHRASING:
            placed = lxml.html.Element("p")
            placed.append(kept)
        for caption in [p for p in marked[-1].iter("p") if link not in p.iter()]:
            if caption.text_content().strip():  # Substack's captioned button's words
                caption.attrib.clear()  # its class, "cta-caption", would read as furniture
                caption.tail = None
                marked[-1].addprevious(caption)
        marked[-1].addprevious(placed)  # the button itself goes with the furniture


def _call_to_action(link: lxml.html.HtmlElement, holder: lxml.html.HtmlElement) -> bool:
    """Whether a button leads somewhere of the writer's: not to the platform's own
    subscribe, share or comment pages, not to a merge tag, not to nowhere, and not only
    again to the link beside it (WordPress's file block's "Download")."""
    href, words = link.get("href", "").strip(), " ".join(link.text_content().split())
    if not href or href.startswith(("#", "javascript:")) or "*|" in href:
        return False
    if _SUBSCRIBE_LINK.search(href) or _BUTTON_TEXT.match(words):
        return False
    beside = holder.getprevious()
    return beside is None or beside.tag != "a" or beside.get("href", "").strip() != href


def _card_address(card: lxml.html.HtmlElement) -> tuple[str, str]:
    """What a card shows (its link, its frame's page, the post a Substack card keeps in its
    data-attrs, or an address written in it), and its title (a part of it classed as one,
    as Substack's file card's `file-embed-details-h1` is, else its link's words or its
    frame's own title, as WordPress's embed block names the video in its frame alone)."""
    titled = card.xpath(".//*[contains(@class, 'title') or contains(@class, 'details-h1')]")
    title = " ".join(titled[0].text_content().split()) if titled else ""
    attrs = element_attrs(card)  # Substack's digest of another post holds no link but these
    kept = attrs.get("canonical_url") or attrs.get("url")
    if isinstance(kept, str) and kept.startswith(("http://", "https://")):
        named = attrs.get("title")
        return kept, title or (" ".join(named.split()) if isinstance(named, str) else "")
    for element in card.xpath(".//a[@href] | .//iframe[@src]"):
        found = element.get("href") or element.get("src") or ""
        if found.startswith(("http://", "https://")) and element.tag == "iframe":
            page, own = played_by([found], element.get("title", ""))
            return page, title or own
        if found.startswith(("http://", "https://")):
            words = " ".join(element.text_content().split()) if element.tag == "a" else ""
            return page_of(found), title or (words if len(words) <= 120 else "")
    written = _ADDRESS.search(card.text_content())
    return (written.group(0), title) if written else ("", "")


def _furniture(element: lxml.html.HtmlElement) -> bool:
    """Whether a word of its class or id marks it as a platform's (see _FURNITURE_WORDS)."""
    for mark in _own_marks(f"{element.get('class', '')} {element.get('id', '')}"):
        words = _words_of(mark)
        if any(w in _FURNITURE_WORDS or w.startswith("subscri") for w in words):
            return True
        if any(pair in _FURNITURE_PAIRS for pair in itertools.pairwise(words)):
            return True
    return False


def _class_words(element: lxml.html.HtmlElement) -> set[str]:
    return {word for mark in _own_marks(element.get("class", "")) for word in _words_of(mark)}


def _own_marks(marks: str) -> list[str]:
    """The classes (or ids) that say what an element is: Medium also classes each block by
    the one before it (`graf-after--mixtapeEmbed`), which says nothing of its own."""
    return [mark for mark in marks.split() if not _NEIGHBOUR_MARK.search(mark)]


def _words_of(mark: str) -> list[str]:
    """A class's or id's words, split at -, _ and capitals: mcnFollowBlock → mcn follow block."""
    return [word.lower() for word in _WORD.findall(mark)]


def _button_link(link: lxml.html.HtmlElement) -> bool:
    """A subscribe or share button as a bare link, or one to a merge tag (`*|UNSUB|*`)."""
    href = link.get("href", "")
    if "*|" in href:
        return True
    return bool(_SUBSCRIBE_LINK.search(href)) and bool(_BUTTON_TEXT.match(link.text_content()))


def _place_download(
    link: lxml.html.HtmlElement, files: ExportFiles | None, base: str, result: CleanBody
) -> None:
    """A link to a file the export brought, of a kind readers download (a PDF, a
    spreadsheet: `attachments.ATTACHMENTS`), links its copy in the pool, which the build
    publishes with the web archive; one at Ghost's placeholder for its site that the
    export lacks leads nowhere: its words stay, unlinked, and it is listed."""
    href = (link.get("href") or "").strip()
    found = _local(href, files, base)
    if found is not None and PurePosixPath(found).suffix.lower() in ATTACHMENTS:
        name = _unique(PurePosixPath(found).name, found, result.downloads)
        result.downloads[name] = found
        link.set("href", f"media/{name}")
    elif href.startswith((f"{GHOST_SITE}/content/files/", f"{GHOST_SITE}/content/media/")):
        why = "not in the export" if found is None else "not a kind published to download"
        result.missing.append((unquote(href.removeprefix(f"{GHOST_SITE}/")), why))
        link.drop_tag()
    elif found is None and _in_export(href) and PurePosixPath(href).suffix.lower() in ATTACHMENTS:
        result.missing.append((unquote(href), _not_here(files)))  # a Telegram post's PDF
        link.drop_tag()


def _place_image(
    image: lxml.html.HtmlElement,
    files: ExportFiles | None,
    base: str,
    result: CleanBody,
    fetch: Fetch | None,
) -> None:
    src = (image.get("src") or "").strip()
    found, name = _local(src, files, base), ""
    if found is None and fetch is not None and src.startswith(("http://", "https://")):
        # a thumbnail linked to its full size (Blogger's, WordPress's): the full size, for print
        link = image.getparent()
        full = link.get("href", "") if link is not None and _links_to_image(link) else ""
        got = fetch(full) if full.startswith(("http://", "https://")) else ""
        if isinstance(got, str):  # none linked, or the full size not to be had
            got = fetch(src)
        if isinstance(got, str):
            result.unfetched.append((src, got))
        else:
            found, name, result.fetched[src] = src, got.name, got.data
    if found is None:
        if src and not src.startswith(("http://", "https://", "data:")):  # __GHOST_URL__/…
            result.unfetched.append((src, _not_here(files)))
        elif src and fetch is None:
            result.online.append(src)
        gone = _left_out_with(image)
        alt, caption = (" ".join(s.split()) for s in (image.get("alt") or "", _caption(gone)))
        if alt or caption:
            result.words[src] = (alt, caption)
        _keep_link_of(image, gone, src)
        drop_keeping_tail(gone)
        return
    name = _unique(name or PurePosixPath(found).name, found, result.images)
    result.images[name] = found
    for attribute in ("srcset", "sizes", "width", "height", "class", "style"):
        if attribute in image.attrib:
            del image.attrib[attribute]
    image.set("src", f"media/{name}")
    image.set("alt", image.get("alt") or "")
    if not image.get("alt").strip():
        result.undescribed.append(name)
    link = image.getparent()
    if isinstance(link, lxml.html.HtmlElement) and _links_to_image(link):
        link.drop_tag()  # a link to the full-size image: the copy here is the image


def without_picture(markup: str, src: str) -> tuple[str, str]:
    """`markup` without its first picture at `src` (and the figure or frame that held
    only it), and the words of that figure's caption: a post's lead picture that its text
    shows again would be printed twice, once over the article and once in it."""
    root = lxml.html.fragment_fromstring(markup or "<p></p>", create_parent="div")
    image = next((i for i in root.iter("img") if i.get("src") == src), None)
    if image is None:
        return markup, ""
    gone = _left_out_with(image)
    caption = " ".join(_caption(gone).split())
    drop_keeping_tail(gone)
    kept = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return html.escape(root.text or "") + kept, caption


def _caption(element: lxml.html.HtmlElement) -> str:
    """The words of the caption `element` holds (or is), "" for none."""
    return str(element.xpath("string(descendant-or-self::figcaption)"))


def _left_out_with(image: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """What goes with an image that is left out: its figure, caption and all; else the
    picture, link or wrapper that held nothing else (Substack's image-link, a linked image
    in a paragraph): a link left empty would stay behind, unnamed for screen readers."""
    figure = next(image.iterancestors("figure"), None)
    if figure is not None:
        return figure
    gone = image
    for frame in image.iterancestors():
        if frame.getparent() is None or frame.tag not in _FRAMES or _shows_more(frame, image):
            break
        gone = frame
    return gone


def _keep_link_of(image: lxml.html.HtmlElement, gone: lxml.html.HtmlElement, src: str) -> None:
    """A picture left out that linked elsewhere (a campaign's picture of a petition, a
    video's thumbnail) leaves its link in place of `gone`, in the picture's words (its alt
    text, else its caption, else the address): the writer's way to the petition or the
    video stays. A link to the picture itself, or to its own site (a thumbnail's full size
    on Blogger's or Substack's servers), goes with it."""
    links = [a for a in (image, *image.iterancestors()) if a.tag == "a"]
    link = next((a for a in links if a is gone or gone in a.iterancestors()), None)
    href = (link.get("href") or "").strip() if link is not None else ""
    if not href.startswith(("http://", "https://")) or _links_to_image(link):
        return
    if split_url(href).netloc == split_url(src).netloc:
        return
    words = image.get("alt") or str(gone.xpath("string(.//figcaption)")) or href
    kept = lxml.html.Element("a", href=href)
    kept.text = " ".join(words.split())
    if gone.getparent().tag not in _PHRASING:
        paragraph = lxml.html.Element("p")
        paragraph.append(kept)
        kept = paragraph
    gone.addprevious(kept)


def _shows_more(frame: lxml.html.HtmlElement, image: lxml.html.HtmlElement) -> bool:
    """Whether `frame` holds text or another image besides `image`."""
    return bool("".join(frame.itertext()).strip()) or any(i is not image for i in frame.iter("img"))


def _links_to_image(element: lxml.html.HtmlElement) -> bool:
    return element.tag == "a" and bool(_IMAGE_FILE.search(element.get("href", "")))


def _in_export(href: str) -> bool:
    """Whether a link names a file by its path in the export (not an address, an anchor)."""
    parts = split_url(href)
    return bool(parts.path) and not parts.scheme and not parts.netloc


def _not_here(files: ExportFiles | None) -> str:
    """Why a file the export names is not to be had: one file given alone (Telegram's
    result.json, a WordPress XML) has none of the files beside it."""
    if files is not None and len(files) == 1:
        return f"not beside {files.origin.name}: import the folder (or zip) it came in"
    return "not in the export, and no web address to fetch"


def _local(src: str, files: ExportFiles | None, base: str) -> str | None:
    """The export's file this image source (or link) names, if the export brought it:
    WordPress's uploads, Ghost's images and files."""
    if not src or files is None or src.startswith("data:"):
        return None
    parts = split_url(src.replace(GHOST_SITE, ""))
    path = unquote(parts.path).lstrip("/")
    if not path:
        return None
    if not parts.scheme and not parts.netloc:
        joined = (PurePosixPath(base) / path).as_posix() if base else path
        if joined in files:
            return joined
    for start in ("wp-content/uploads/", "content/images/", "content/files/"):
        if start in path:
            found = files.find(start + path.split(start, 1)[1])
            if found:
                return found
    return files.find(path) if not parts.netloc else None


def _unique(name: str, found: str, taken: dict[str, str]) -> str:
    stem, suffix, n = PurePosixPath(name).stem, PurePosixPath(name).suffix, 2
    while name in taken and taken[name] != found:
        name, n = f"{stem}-{n}{suffix}", n + 1
    return name


def _attached(element: etree._Element, root: etree._Element) -> bool:
    """Still in the tree (an ancestor may have been dropped already)."""
    return element is root or any(a is root for a in element.iterancestors())
