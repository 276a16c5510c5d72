"""Posts of social networks embedded by their embed code (Instagram's, TikTok's, Threads',
Mastodon's, a Substack post's) → the words they show, with a link to the post.

Such an embed code is a quote that the network's script redraws as a card; without the
script (an email, a PDF, an EPUB, the sanitised page) it is what is left: TikTok's caption
with a link to the author's profile, the video's own address only in an attribute;
Instagram's "View this post on Instagram" over a picture drawn with empty <div>s; a
Substack post's title and subtitle over "Read on Substack". Read as a card (its class says
"embed") a TikTok became a link to its author's profile, its words lost; a Substack post a
link saying "Read on Substack", its title lost.

Here each becomes the lines a reader sees in it (each block a line, the links in them
kept), without the network's own words ("View on Threads"), and leads to the post: a line
that named it (a Substack post's title) links to it, or a line of its address is added.
One line stands as a paragraph ("A post shared by Dockside Union (@docksideunion)"), more
as a quote (a TikTok's caption, then its address).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .click_ids import without_embed_marks
from .embeds import page_of
from .tree_edits import body_html, body_tree, cut_short, drop_keeping_tail

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# The class of each network's embed code, and the attribute naming the post it shows (None:
# the post is the first link in it)
_POST_ADDRESS: dict[str, str | None] = {
    "instagram-media": "data-instgrm-permalink",
    "tiktok-embed": "cite",
    "text-post-media": "data-text-post-permalink",  # Threads'
    "mastodon-embed": None,
    "substack-post-embed": None,
}
POST_MARKS = tuple(_POST_ADDRESS)  # in a text that may hold such a post: its classes
# What the network's script shows over every post, the writer's words none of it
_NETWORK_WORDS = re.compile(
    r"^\s*(?:view (?:this post |this profile )?on [\w.]+|read on substack|"
    r"watch on tiktok|see this post on threads)\s*$",
    re.IGNORECASE,
)
_BLOCKS = frozenset({
    "p", "div", "section", "article", "blockquote", "figure", "figcaption", "header", "footer",
    "ul", "ol", "li", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
})  # fmt: skip
_UNSEEN = frozenset({"script", "style", "svg", "noscript", "template"})

# A line: runs of words, each with the address of the link it is in (None: none)
Line = list[tuple[str, str | None]]


def posts_quoted_in(fragment: str) -> str:
    """`fragment` (HTML) with each post embedded by a network's embed code as its words and
    a link to it; `fragment` itself when it holds none."""
    if not any(mark in fragment for mark in POST_MARKS):
        return fragment
    from lxml.etree import ParserError

    try:
        root = body_tree(fragment)
    except (ValueError, ParserError):
        return fragment  # nothing lxml reads as HTML: nh3 has the last word on it
    if cut_short(root):
        return fragment  # written out again, it would lose what lxml left out
    return body_html(root) if posts_quoted(root) else fragment


def posts_quoted(root: HtmlElement) -> list[HtmlElement]:
    """Each post embedded in `root` by a network's embed code replaced by its words and a
    link to it; the paragraphs and quotes it became."""
    made: list[HtmlElement] = []
    for embed in list(root.iter()):
        if not isinstance(embed.tag, str) or embed is root or embed.getparent() is None:
            continue
        marks = set(embed.get("class", "").split()) & _POST_ADDRESS.keys()
        if not marks or not any(a is root for a in embed.iterancestors()):
            continue  # none, or one in a post already quoted (a code pasted into another's)
        address, lines = _address(embed, _POST_ADDRESS[marks.pop()]), _lines(embed)
        if lines or address:  # one of nothing shows nothing
            made.append(_shown(lines, address))
            embed.addprevious(made[-1])
        drop_keeping_tail(embed)
    return made


def _address(embed: HtmlElement, attribute: str | None) -> str:
    """The address of the post `embed` shows ("" for none on the web), as a page: without
    the tracking Instagram adds ("?utm_source=ig_embed")."""
    named = embed.get(attribute, "") if attribute else ""
    if not named:
        named = next((a.get("href", "") for a in embed.iter("a") if a.get("href")), "")
    address = page_of(named.strip())
    return without_embed_marks(address) if address.startswith(("http://", "https://")) else ""


def _lines(embed: HtmlElement) -> list[Line]:
    """The lines a reader sees in `embed`: each block starts one, as a browser draws it;
    the network's own words and lines of nothing left out."""
    lines: list[Line] = [[]]

    def walk(element: HtmlElement, link: str | None) -> None:  # lxml's trees: < 256 deep
        if element.tag in _UNSEEN:
            return
        block = element.tag in _BLOCKS
        if block or element.tag == "br":
            lines.append([])
        if element.tag == "a" and element.get("href", "").startswith(("http://", "https://")):
            link = without_embed_marks(element.get("href", ""))
        lines[-1].append((element.text or "", link))
        for child in element:
            if isinstance(child.tag, str):
                walk(child, link)
            lines[-1].append((child.tail or "", link))
        if block:
            lines.append([])

    walk(embed, None)
    return [line for line in lines if _words(line) and not _NETWORK_WORDS.match(_words(line))]


def _words(line: Line) -> str:
    return " ".join("".join(text for text, _ in line).split())


def _shown(lines: list[Line], address: str) -> HtmlElement:
    """`lines` as paragraphs (one alone, more in a quote), one of them leading to `address`:
    one that links to it, else the first with no link (a post's title), else one added."""
    import lxml.html

    if address and not any(link == address for line in lines for _, link in line):
        unlinked = next((line for line in lines if not any(link for _, link in line)), None)
        if unlinked is not None:
            unlinked[:] = [(text, address) for text, _ in unlinked]
        else:
            lines.append([(address, address)])
    paragraphs = [_paragraph(line) for line in lines]
    if len(paragraphs) == 1:
        return paragraphs[0]
    quote = lxml.html.Element("blockquote")
    quote.extend(paragraphs)
    return quote


def _paragraph(line: Line) -> HtmlElement:
    """A line as a paragraph, its runs in one link each joined, its white space single and
    outside its links."""
    import lxml.html
    from lxml import etree

    runs: list[tuple[str, str | None]] = []
    for text, link in line:
        if runs and runs[-1][1] == link:
            runs[-1] = (runs[-1][0] + text, link)
        else:
            runs.append((text, link))
    paragraph = lxml.html.Element("p")
    said = ""  # the paragraph's words so far, to write no space twice
    for text, link in runs:
        words = re.sub(r"\s+", " ", text)
        if not said.strip() or said.endswith(" "):
            words = words.lstrip()
        if not words:
            continue
        if link is None or not words.strip():
            _append_text(paragraph, words)
        else:
            _append_text(paragraph, " " if words.startswith(" ") else "")
            etree.SubElement(paragraph, "a", href=link).text = words.strip()
            _append_text(paragraph, " " if words.endswith(" ") else "")
        said += words
    if len(paragraph):
        paragraph[-1].tail = (paragraph[-1].tail or "").rstrip() or None
    else:
        paragraph.text = (paragraph.text or "").rstrip()
    return paragraph


def _append_text(paragraph: HtmlElement, words: str) -> None:
    """`words` after what `paragraph` holds so far."""
    if len(paragraph):
        paragraph[-1].tail = (paragraph[-1].tail or "") + words
    else:
        paragraph.text = (paragraph.text or "") + words
