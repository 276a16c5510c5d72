"""Medium's export ("Settings → Download your information": a zip of HTML pages): each
story as `posts/<date>_<Title>-<id>.html`, a draft as `posts/draft_<Title>-<id>.html`, and
the account's claps, lists, profile and the like in folders of their own.

A story's page is an h-entry: its title in `h1.p-name`, the preview text in
`section.p-summary`, the story in `section.e-content`, and a footer with the author
(`a.p-author`), the date (`time.dt-published`) and the address (`a.p-canonical`). The story
repeats its title (`.graf--title`) and subtitle (`.graf--subtitle`) as its first lines;
its parts are sections, each opened by a divider; a link to another story is a card
(`.graf--mixtapeEmbed`) of its title, its first words and the site's name.

Here the title and subtitle come out of the text, a divider stays only between parts, a
card becomes a link titled by the story it leads to, and the footer is left behind. Each
story becomes a document and an issue (Medium emails each new story to its followers);
drafts are left out and listed, and so are responses (comments on other stories, which
Medium exports as stories without a title).
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from ..urls import split_url
from .draft import Draft
from .exports import ExportFiles, LeftOut, PlatformExport, Post, day_of
from .platform_html import clean_post_html, first_match, html_words

_POST = re.compile(r"(?:^|/)posts/[^/]+\.html$")
_ID = re.compile(r"-[0-9a-f]{10,12}$")  # the story's id, which ends its address
_HEAD = 8192  # a page's bytes read to know it: its style sheet comes before the h-entry


def recognises(files: ExportFiles) -> bool:
    return bool(_pages(files))


def _pages(files: ExportFiles) -> list[str]:
    return [name for name in files if _POST.search(name) and _medium_page(files.read(name))]


def _medium_page(data: bytes) -> bool:
    """An h-entry page whose footer says it was exported from Medium."""
    return b'class="h-entry"' in data[:_HEAD] and b'href="https://medium.com">Medium' in data


def read(files: ExportFiles) -> PlatformExport:
    export = PlatformExport("Medium", files=files)
    for name in sorted(_pages(files)):
        found = _post(name, lxml.html.document_fromstring(files.text(name)))
        if isinstance(found, LeftOut):
            export.left_out.append(found)
        else:
            export.posts.append(found)
    return export


def exported_story(page: str) -> bool:
    """Whether `page` (a web page given alone) is a story's page from Medium's export."""
    return _medium_page(page.encode("utf-8"))


def story_draft(page: str, name: str) -> Draft | None:
    """The story on `page`, a page of Medium's export given alone, read as the export is
    (its title, subtitle, author and date; its captions, cards and every part of it),
    whatever it is (a draft, a response): the editor chose it. None if it holds none."""
    tree = lxml.html.document_fromstring(page)
    body = first_match(tree, "//section[@data-field='body']")
    if body is None:
        return None
    post = _story(name, tree, body)
    return Draft(
        title=post.title,
        subtitle=post.subtitle,
        authors=post.authors,
        date=post.date,
        body_html=clean_post_html(post.body_html, None, pictures_online=True).html,
    )


def _post(name: str, page: Any) -> Post | LeftOut:
    """The story on `page`, or why it is left out (a draft, a response)."""
    title = _string(page, "//h1[@class='p-name']")
    body = first_match(page, "//section[@data-field='body']")
    if name.rpartition("/")[2].startswith("draft_") or body is None:
        return LeftOut("post", title, "a draft: never published")
    if not body.xpath(".//*[contains(@class, 'graf--title')]"):
        return LeftOut("post", title, "a response to another story, not a story")
    return _story(name, page, body)


def _story(name: str, page: Any, body: Any) -> Post:
    """The story of `page`, whose story's section is `body`."""
    title = _string(page, "//h1[@class='p-name']")
    subtitle = " ".join(_text(body, ".//*[contains(@class, 'graf--subtitle')]").split())
    summary = _string(page, "//section[@data-field='subtitle']")
    canonical = _string(page, "//a[@class='p-canonical']/@href")
    author = _string(page, "//a[contains(@class, 'p-author')]")
    address = split_url(canonical)
    story = _story_html(body)
    if summary.endswith("…") and html_words(story).startswith(summary[:-1].rstrip()):
        summary = ""  # Medium's preview of a story without a subtitle: its first words
    own_domain = address.hostname and not address.hostname.endswith("medium.com")
    return Post(
        title=title,
        subtitle=subtitle,
        body_html=story,
        key=name,
        date=day_of(_string(page, "//time[@class='dt-published']/@datetime")),
        authors=[author] if author else [],
        summary=summary if summary not in ("", subtitle) else "",
        source=canonical,
        aliases=[address.path] if own_domain else [],  # a custom domain's address
        sent=True,
        slug=_ID.sub("", address.path.rstrip("/").rpartition("/")[2]),
    )


def _story_html(body: Any) -> str:
    """The story's HTML, without its title and subtitle lines, the first part's divider,
    and with each card a link (see the module's docstring)."""
    for line in body.xpath(
        ".//*[contains(@class, 'graf--title') or contains(@class, 'graf--subtitle')]"
    ):
        line.drop_tree()
    for n, divider in enumerate(body.xpath(".//div[@class='section-divider']")):
        if n == 0:
            divider.drop_tree()
        else:
            divider.drop_tag()  # its <hr> stays, where a new part begins
    for card in body.xpath(".//div[contains(@class, 'graf--mixtapeEmbed')]"):
        link = first_match(card, ".//a[@href]")
        paragraph = lxml.html.Element("p")
        if link is not None:
            anchor = etree.SubElement(paragraph, "a", href=link.get("href"))
            heading = _text(card, ".//strong") or link.get("href")
            anchor.text = " ".join(heading.split())
        card.getparent().replace(card, paragraph)
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in body)


def _string(element: Any, path: str) -> str:
    """The text at an XPath, its white space made single spaces."""
    return " ".join(str(element.xpath(f"string({path})")).split())


def _text(element: Any, path: str) -> str:
    found = first_match(element, path)
    return "" if found is None else str(found.text_content())
