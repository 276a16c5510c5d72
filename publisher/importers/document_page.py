"""A page a word processor wrote (Google Docs' "Download → Web page", Word's "Save as Web
Page", LibreOffice's "Save as HTML", an Etherpad pad's HTML export) → one draft, read as the build reads an HTML document:
the whole page is the document, so nothing is left out as a web page's surroundings would
be, and its pictures come with it.

trafilatura, which finds a saved web page's article among its menus and sidebars, took such
a page for one: it kept the first heading as the title, turned numbered lists into bullets
and dropped list items and pictures it judged to be page furniture.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from ..readers.etherpad import is_etherpad
from ..readers.googledocs import is_google_docs
from ..readers.pandoc_formats import HtmlReader
from ..urls import split_url
from .draft import Draft
from .office import draft_in_scratch

log = logging.getLogger(__name__)

# Word's namespaces and styles, LibreOffice's generator
_WORD_OR_LIBREOFFICE = re.compile(
    r"urn:schemas-microsoft-com:office|class=\"?Mso|<meta[^>]+(?:Libre|Open)Office", re.I
)

# A picture the page uses by a relative address ('images/image1.png') → its bytes, or None
Pictures = Callable[[PurePosixPath], bytes | None]


def written_by_a_word_processor(page: str) -> bool:
    """Google Docs', Word's, LibreOffice's page or an Etherpad pad: a document, whole."""
    return (
        is_google_docs(page)
        or is_etherpad(page)
        or bool(_WORD_OR_LIBREOFFICE.search(page[:20_000]))
    )


def recover_document_page(
    page: str, path: Path, pictures: Pictures
) -> tuple[list[Draft], dict[str, bytes]]:
    """The draft, and the pictures the page uses, keyed by the path its body gives them
    ('media/image1.png')."""
    import lxml.html

    tree: Any = lxml.html.document_fromstring(page)
    for section in tree.xpath('//div[starts-with(@class, "WordSection")]'):
        section.drop_tag()  # Word's page layout, which the Markdown would show as a div
    found: dict[str, bytes | Path] = {}
    for image in list(tree.iter("img")):
        src = image.get("src", "")
        if split_url(src).scheme in ("http", "https", "data"):
            continue  # the reader's to judge, as in any document
        relative = relative_address(src)
        data = pictures(relative) if relative else None
        if relative is None or data is None:
            log.warning(
                "%s: picture %s left out: it did not come with the page%s",
                path,
                src[:80],
                "" if relative else " (only pictures in the page's own folder are imported)",
            )
            image.drop_tree()
            continue
        name = f"media/{relative.name}"
        found[name] = data
        image.set("src", name)
    page_name = f"{path.stem}.html"  # a title guessed from its name is the source's
    copy = lxml.html.tostring(tree, encoding="unicode").encode("utf-8")
    return draft_in_scratch(path, {page_name: copy, **found}, lambda pool: HtmlReader())


def relative_address(src: str) -> PurePosixPath | None:
    """A picture's address inside the page's own folder, or None (a web address, data:,
    an absolute path or one that climbs out)."""
    parts = split_url(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    relative = PurePosixPath(unquote(parts.path))
    if relative.is_absolute() or ".." in relative.parts:
        return None
    return relative


def pictures_beside(path: Path) -> Pictures:
    """Pictures from the folder the page was saved in (a download unzipped)."""

    def picture(relative: PurePosixPath) -> bytes | None:
        file = path.parent / relative
        if not file.is_file() or file.is_symlink():
            return None
        return file.read_bytes()

    return picture
