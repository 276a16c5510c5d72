"""Where in its documents a fault found on an issue's page or in its email was written.

The issue's page and its email show each of its documents in full, inside an element that
names the document (the page's <article id="slug">, the email's article with its title's
<h3 id="slug">). A fault found there (a picture without a description, a heading a level
too deep) is mended in that document, at the line its picture, heading or link is written
on, as the build's warnings name it: the checks named the issue's manifest, or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote

from .. import textfiles
from ..front_matter import body_line
from ..tree_edits import with_class
from ..urls import split_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .base import Finding

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A heading as Markdown, Org, AsciiDoc or HTML write it: its words between its marks
_HEADING_MARKS = re.compile(r"^\s*(?:[#=*]+\s+)?(?:<h\d[^>]*>)?(?P<words>.*?)(?:</h\d>)?[\s#=]*$")


# The addresses a check's detail quotes ("picture 'https://…/x.jpg' has no description")
_QUOTED = re.compile(r"'([^'\s]+)'")


class IssueOutput:
    """An issue's page or email (`path`), read when a fault found in it is to be placed
    in one of its `documents` (each by its slug)."""

    def __init__(
        self, path: Path, documents: Mapping[str, Path], whole: Path | None = None
    ) -> None:
        self.path, self.documents, self.whole = path, documents, whole  # whole: its page
        self._root: HtmlElement | None = None

    def place(self, finding: Finding) -> Place | None:
        """Where `finding` (of this file) was written: at its line of the page, or at the
        pictures and links its detail quotes, when all are one document's."""
        if not self.path.is_file():  # the output missing: its finding says so
            return None
        root = self._read()
        if finding.line and self.path.suffix == ".html":
            element = element_at(root, finding.line)
            if element is None or not element.xpath(_IN_BODY):  # the theme's, around it
                return None
            if self.whole is not None:  # a document's own page
                return Place(self.whole, _line_in(self.whole, element))
            return place_of(element, self.documents)
        quoted = set(_QUOTED.findall(finding.detail))
        shown = [
            e
            for e in root.iter("img", "a")
            if {e.get("src"), e.get("href")} & quoted and not e.xpath(_THEMES)
        ]
        places = [place_of(element, self.documents) for element in shown]
        if not places or None in places or len({p.document for p in places if p}) > 1:
            return None
        return places[0]

    def _read(self) -> HtmlElement:
        import lxml.html

        if self._root is None:
            if self.path.suffix == ".eml":
                self._root = lxml.html.fromstring(_html_part(self.path).encode("utf-8"))
            else:
                self._root = lxml.html.parse(str(self.path)).getroot()
        return self._root


def _html_part(path: Path) -> str:
    """The HTML part of the message at `path`, as a subscriber gets it."""
    import email
    from email import policy

    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    part = message.get_body(("html",))
    return part.get_content() if part is not None else "<p></p>"


@dataclass(frozen=True)
class Place:
    """A document, and the line of it a fault is written on when it can be found."""

    document: Path
    line: int | None


def place_of(element: HtmlElement, documents: Mapping[str, Path]) -> Place | None:
    """The document (`documents`: each by its slug) that `element` of an issue's page or
    email shows, and the line in it; None when it is no document's (the template's)."""
    for around in element.iterancestors():
        slug = around.get("id") if around.tag == "article" else _titled(around)
        if slug is not None and slug in documents:
            document = documents[slug]
            return Place(document, _line_in(document, element))
    return None


def _titled(element: HtmlElement) -> str | None:
    """The slug of the email's article `element` is: its title, an <h3 id="slug">."""
    if "article" not in (element.get("class") or "").split():
        return None
    title = next(element.iter("h3"), None)
    return str(title.get("id")) if title is not None else None


def element_at(root: HtmlElement, line: int) -> HtmlElement | None:
    """The last element of `root` that starts on `line` (lxml's own reading of the page),
    else the last that starts before it: the one a validator's line points into."""
    found = None
    for element in root.iter():
        if not isinstance(element.tag, str) or element.sourceline is None:
            continue
        if element.sourceline > line:
            break
        found = element
    return found


# What the theme writes around a document's words in the email: its title, date, byline
_THEMES = "ancestor-or-self::*[contains(@class, 'article-header') or contains(@class, 'byline')"
_THEMES += " or contains(@class, 'article-title')]"
# The document's words on a web page (the <div class="article-body"> around them, not it:
# a fault of that <div> is the template's)
_IN_BODY = with_class("article-body", axis="ancestor::")


def _line_in(document: Path, element: HtmlElement) -> int | None:
    """The line of `document` that `element` is written on: a picture by its address, a
    heading by its words, a link by its target; else those of the picture, heading or
    link it is in."""
    text = textfiles.written_text(document)
    start = body_line(text)
    for shown in (element, *element.iterancestors()):
        if shown.tag == "img":
            return _picture_line(text, shown.get("src") or "", start)
        if shown.tag in _HEADINGS:
            return _heading_line(text, shown.text_content().strip(), start)
        if shown.tag == "a" and (href := shown.get("href")):
            return textfiles.line_of(text, href, start=start)
    return None


def _picture_line(text: str, src: str, start: int) -> int | None:
    """The line of a picture shown from `src`: its copy's address, a published folder
    ("../media/", ".../media-email/") before the path the document wrote ("media/x.jpg"),
    or a part of it ("x.jpg", from a document in a folder of its own)."""
    parts = PurePosixPath(unquote(split_url(src).path)).parts
    for first in range(len(parts)):
        written = "/".join(parts[first:])
        if written and (line := textfiles.line_of_picture(text, written, start=start)):
            return line
    return None


def _heading_line(text: str, words: str, start: int) -> int | None:
    """The first line from `start` that is a heading of `words` alone, as written."""
    if not words:
        return None
    for number, line in enumerate(text.split("\n")[start - 1 :], start=start):
        heading = _HEADING_MARKS.match(line)
        if heading and heading["words"].strip() == words:
            return number
    return textfiles.line_of(text, words, start=start)
