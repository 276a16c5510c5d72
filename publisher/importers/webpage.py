"""A saved web page → one draft: trafilatura extracts the main text (headings, lists, links,
emphasis, images with alt text and their captions) and the page's title, author and date;
navigation, ads and comments are left behind. A page a word processor wrote is read whole instead
(`document_page`), and a story's page from Medium's export as that export is (`medium`)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..controls import clean_text
from ..errors import PublisherError
from ..extras import needs
from ..readers.headings import same_words
from ..tree_edits import body_html, body_tree, page_edited
from . import medium
from .decode import clean_extracted, decode_text
from .document_page import (
    Pictures,
    pictures_beside,
    recover_document_page,
    relative_address,
    written_by_a_word_processor,
)
from .draft import Draft
from .extraction_marks import marked_for_extraction
from .fetch import media_key, picture_name
from .press_release import page_without_release_marks
from .scripts import detect_language, mark_fragments


def recover_page(
    data: bytes, path: Path, pictures: Pictures | None = None
) -> tuple[list[Draft], dict[str, bytes]]:
    """The draft and its pictures. A page Google Docs, Word or LibreOffice wrote is a
    document, not an article among a site's menus: it is read whole (`document_page`), its
    pictures from `pictures` (by default, the folder it is in)."""
    page = clean_text(decode_text(data, path), path)
    if written_by_a_word_processor(page):
        return recover_document_page(page, path, pictures or pictures_beside(path))
    if medium.exported_story(page) and (story := medium.story_draft(page, path.name)):
        return [_described(story, story.body_html, page)], {}
    draft, media = _article(page, path), dict[str, bytes]()
    draft.body_html = saved_pictures(draft, _in_folder(pictures or pictures_beside(path)), media)
    return [draft], media


def _in_folder(pictures: Pictures) -> Callable[[str], bytes | None]:
    """A picture the page shows by a relative address: a page saved as "Webpage, Complete"
    (Chrome, Firefox, Edge) keeps its pictures in the folder beside it, `<name>_files/`."""

    def picture(src: str) -> bytes | None:
        relative = relative_address(src)
        return pictures(relative) if relative else None

    return picture


def saved_pictures(
    draft: Draft, saved: Callable[[str], bytes | None], media: dict[str, bytes]
) -> str:
    """The draft's body with each picture `saved` holds (by the address the page gives it)
    copied into `media`, as `media/<name>`, and shown from there."""
    if "<img" not in draft.body_html:
        return draft.body_html
    root = body_tree(draft.body_html)
    changed = False
    for image in root.iter("img"):
        src = image.get("src", "")
        data = saved(src)
        name = picture_name(src, data) if data else None
        if data is None or name is None:
            continue
        # a name only another picture holds is taken: one shown twice is saved once
        key = media_key(name, {k for k, held in media.items() if held != data})
        media[key] = data
        image.set("src", key)
        draft.found["pictures saved with the page"] += 1
        changed = True
    if not changed:
        return draft.body_html
    return body_html(root)


def _article(page: str, path: Path) -> Draft:
    import lxml.html

    with needs("webpage"):
        import trafilatura

    body = trafilatura.extract(
        page_edited(page, marked_for_extraction),
        output_format="html",
        include_comments=False,
        include_links=True,
        include_images=True,
        include_formatting=True,
        include_tables=True,
        favor_precision=True,
    )
    if not body:
        raise PublisherError.at(
            "no main text found in this page",
            path,
            hint="save the article itself (not a listing page), or copy its text into a .txt file",
        )
    body = clean_extracted(body, path)
    # The date the page's markup gives (its meta tags, <time>, a date's class): htmldate's
    # search of the bare text too ("extensive") falls back on the copyright year, a year or a
    # month named anywhere, and gives it as 1 January or the 1st: a wrong date, unflagged.
    meta = trafilatura.extract_metadata(page, extensive=False)
    draft = Draft(
        title=clean_extracted(meta.title or "", path),
        authors=_authors(clean_extracted(meta.author or "", path)),
        date=_date(meta.date),
    )
    inner = lxml.html.fromstring(body).find("body")
    if inner is not None and len(inner) and _repeats_title(inner[0], draft.title):
        inner.remove(inner[0])  # the headline again, under the title the front matter gives
    if inner is not None:
        draft.found["captions"] = _captioned(inner, _figure_captions(page))
    fragment = (
        # its words before any element (trafilatura gives a lone <font> line's so)
        html.escape(inner.text or "", quote=False)
        + "".join(lxml.html.tostring(child, encoding="unicode") for child in inner)
        if inner is not None
        else body
    )
    draft = _described(draft, page_without_release_marks(fragment, draft), page)
    if draft.date is None:
        draft.date = _date_in_text(fragment)
    if draft.date is None:
        draft.unsure.append("the page gives no date: add one")
    return draft


def _figure_captions(page: str) -> dict[str, Any]:
    """Each picture the page captions (`<figure>` with its `<figcaption>`: the caption and
    photo credit a site prints under it) → a copy of the caption, by the picture's address.
    trafilatura keeps the picture and drops its caption. A caption over several pictures
    (a gallery's) stays with none of them."""
    import copy

    import lxml.html

    captions: dict[str, Any] = {}
    tree: Any = lxml.html.document_fromstring(page)
    for caption in tree.iter("figcaption"):
        figure = caption.getparent()
        images = figure.findall(".//img") if figure is not None and figure.tag == "figure" else []
        if len(images) == 1 and caption.text_content().strip():
            for address in (images[0].get("src"), images[0].get("data-src")):
                if address:
                    captions.setdefault(address, copy.deepcopy(caption))
    return captions


def _captioned(body: Any, captions: dict[str, Any]) -> int:
    """Each picture in the extracted `body` the page captions made a figure with its
    caption again (how importers write one: pandoc's `![caption](picture)`); how many."""
    count = 0
    for image in list(body.iter("img")):
        caption = captions.get(image.get("src", ""))
        if caption is None:
            continue
        holder = image.getparent()
        if not (holder.tag == "p" and len(holder) == 1 and not holder.text_content().strip()):
            holder = image  # a picture in a paragraph of its own is the figure, else the picture
        figure = holder.makeelement("figure", {})
        figure.tail, holder.tail = holder.tail, None
        holder.addprevious(figure)
        figure.append(image)
        if holder is not image:
            holder.getparent().remove(holder)
        caption.tail = None
        figure.append(caption)
        _without_caption_remnant(figure, caption)
        count += 1
    return count


def _without_caption_remnant(figure: Any, caption: Any) -> None:
    """The paragraph trafilatura may keep of a caption after the picture (its link: "Sam
    Lee" of "Photo: Sam Lee") left out: the caption is whole in the figure."""
    after = figure.getnext()
    said = " ".join(after.text_content().split()) if after is not None else ""
    if said and after.tag == "p" and said in " ".join(caption.text_content().split()):
        after.drop_tree()


def _repeats_title(element: Any, title: str) -> bool:
    return element.tag in ("h1", "h2") and same_words(element.text_content(), title)


_OPENING_BLOCKS = 6  # where a date line, a byline or a dateline is printed: over the text
_LONGEST_DATE_LINE = 120  # characters: a sentence naming a date is no date line


def _date_in_text(fragment: str) -> dt.date | None:
    """The date a line at the top of the main text gives: a date alone, or the date ending
    a dateline ("Madrid, 3 de marzo de 2026") or a byline ("By Ana Ruiz | 3 March 2026",
    "Posted on March 3, 2026 by Ana Ruiz")."""
    import lxml.html

    from .textdates import byline, date_ending, parse_date

    if not fragment.strip():
        return None
    top = lxml.html.fragment_fromstring(fragment, create_parent="div")
    elements = [block for block in top if isinstance(block.tag, str)]  # not a comment
    for block in elements[:_OPENING_BLOCKS]:
        for line in block.text_content().splitlines():
            line = " ".join(line.split())
            if not line or len(line) > _LONGEST_DATE_LINE:
                continue
            if when := parse_date(line) or date_ending(line):
                return when
            if named := byline(line):
                return named[1]
    return None


def _described(draft: Draft, fragment: str, page: str) -> Draft:
    """`draft` with `fragment` (its body's HTML) as its body, in the language the page
    names or its words are in, what it holds counted."""
    import lxml.html

    text = (
        lxml.html.tostring(
            lxml.html.fromstring(fragment), method="text", encoding="unicode", with_tail=False
        )
        if fragment.strip()
        else ""
    )
    html_lang = (lxml.html.fromstring(page).get("lang") or "").split("-")[0]
    draft.language = html_lang or detect_language(text)
    draft.body_html, fragments = mark_fragments(fragment, draft.language)
    draft.found.update(fragments)
    draft.found["paragraphs"] = fragment.count("<p")
    draft.found["headings"] = sum(fragment.count(f"<h{n}") for n in range(1, 7))
    draft.found["lists"] = fragment.count("<ul") + fragment.count("<ol")
    draft.found["links"] = fragment.count("<a ")
    if not draft.title:
        draft.unsure.append("the page has no title: the title is a guess, check it")
    return draft


def _authors(value: str | None) -> list[str]:
    """The names the page's metadata gives ("A; B"), without a byline's label: trafilatura
    takes "By" off, not "Por", "Par", nor Arabic's "بقلم" or Farsi's "نوشته" (`author_line`
    knows them)."""
    from .textdates import author_line

    names = (name.strip() for name in (value or "").split(";"))
    return [author_line(name) or name for name in names if name]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
