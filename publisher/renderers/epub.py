"""EPUB 3 through pandoc: metadata (topics as dc:subject), nav TOC, title page, stylesheet, cover when given."""

from __future__ import annotations

import base64
import functools
import html
import io
import json
import logging
import re
import tempfile
import textwrap
import uuid
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote

import lxml.etree

from .. import photos
from ..i18n import gettext, interface_language, long_date, newsletter_calendar
from ..model import Issue, text_direction
from ..numerals import COUNTER_STYLES, list_counter_styles
from ..output import Artifact
from ..resources import (
    email_suffix,
    lead_image,
    logo_path,
    pool_images,
    published_image,
    sanitise_svg,
)
from ..sanitize import kept_declaration
from ..tree_edits import with_class
from .base import IssueRenderer, RenderContext, took_too_long
from .drawings import FontVersions, font_versions, svg_to_png
from .epub_fonts import ARABIC_FAMILY, embedded_fonts
from .images import email_copy, image_size
from .indexes import issue_tags
from .missing_glyphs import bundled_fonts

log = logging.getLogger(__name__)


# Adds xml:lang beside every lang pandoc writes, so each article is marked for XML readers too.
LANGUAGES_FILTER = Path(__file__).with_name("epub-languages.lua")
# Makes each article's footnotes EPUB 3 pop-up notes, numbered and kept at the article's end.
NOTES_FILTER = Path(__file__).with_name("epub-notes.lua")
# Keeps the letters of the ids links in the book lead to (pandoc percent-encodes them).
LINKS_FILTER = Path(__file__).with_name("epub-links.lua")
COUNTED = frozenset(COUNTER_STYLES)  # the digits a list may count in, as numerals has them


class EpubRenderer(IssueRenderer):
    name: ClassVar[str] = "epub"

    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        from .. import pandoc

        title = ctx.issue_title(issue)
        html = self.render_template(ctx, "book.html", issue=issue, title=title)
        described = pictures_described(html)
        with interface_language(issue.language):
            labels = landmark_labels()
            summary = accessibility_summary(described, other_languages(html, issue.language))
        with newsletter_calendar(ctx.config.calendar):
            date = long_date(issue.date, issue.language)
        with tempfile.TemporaryDirectory(prefix="publisher-epub-") as tmp:
            images, renamed = stage_images(issue, ctx, Path(tmp) / "images")
            html = counted_lists_kept(pictures_renamed(html, renamed))
            html = in_book_links(
                html, {ctx.document_url(issue, d.slug): d.slug for d in issue.documents}
            )
            words = [title, date, ctx.config.organisation, *labels.values()]
            fonts = embedded_fonts(ctx.config.style, html, words, Path(tmp) / "fonts")
            css = Path(tmp) / "epub.css"
            arabic = ARABIC_FAMILY if any(f.family == ARABIC_FAMILY for f in fonts) else ""
            lists = list_counter_styles(html)
            stylesheet = self.render_template(
                ctx,
                "epub.css",
                fonts=fonts,
                arabic_family=arabic,
                list_styles=lists,
                counted=sorted(COUNTED),
            )
            css.write_text(stylesheet, encoding="utf-8")
            output = Path(tmp) / "issue.epub"
            args = [
                "--split-level=1",
                "--toc",
                "--toc-depth=2",
                "--epub-title-page=true",
                # Code in the text's colour, as the PDF and web pages print it: pandoc's
                # highlighting colours fail Ace's contrast check, and its scrolling box
                # cuts off a long line on a paged e-reader (epub.css wraps it instead).
                "--syntax-highlighting=none",
                f"--css={css}",
                f"--lua-filter={LINKS_FILTER}",
                f"--lua-filter={NOTES_FILTER}",
                f"--lua-filter={LANGUAGES_FILTER}",
                f"--resource-path={images}",
                f"--metadata=title:{title}",
                f"--metadata=lang:{issue.language}",
                f"--metadata=identifier:urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, ctx.issue_url(issue))}",
                f"--metadata=date:{issue.date.isoformat()}",  # the package's, ISO 8601
                f"--variable=date:{date}",  # the title page's
                f"--metadata=publisher:{ctx.config.organisation}",
                f"--epub-metadata={creator_metadata(ctx.config.organisation, Path(tmp))}",
                f"--metadata=description:{issue.summary}",
                f"--metadata=accessibilitySummary:{summary}",
                f"--metadata-file={access_metadata(described, Path(tmp))}",
                # The newsletter's issues as one series, in their numbers' order (EPUB 3)
                f"--metadata=belongs-to-collection:{ctx.config.title}",
                f"--metadata=group-position:{issue.number}",
            ]
            args += [f"--metadata=subject:{tag}" for tag in issue_tags(issue)]
            if issue.direction == "rtl":
                args.append("--metadata=page-progression-direction:rtl")
            if cover := self.draw_cover(issue, ctx, Path(tmp)):
                args.append(f"--epub-cover-image={cover}")
            args += [f"--epub-embed-font={face.file}" for face in fonts]
            seconds = ctx.config.limits.render_seconds
            try:
                pandoc.html_to_epub(
                    paragraph_attributes_on_divs(html), output, args, time_limit=seconds
                )
            except pandoc.TookTooLong:
                raise took_too_long(issue, "EPUB", seconds) from None
            series = series_metadata(ctx.config.title, issue.number)
            said = ". ".join(words for words in (ctx.issue_title(issue), issue.cover_alt) if words)
            data = finished(
                output.read_bytes(),
                issue.direction,
                labels,
                series,
                issue.summary_language,
                cover_words=said if cover else "",
                untranslated_title=(issue.title, issue.title_language),
            )
            return [Artifact(Path(issue.folder) / f"{issue.slug}.epub", data)]

    def draw_cover(self, issue: Issue, ctx: RenderContext, tmp: Path) -> Path | None:
        """The cover, a JPEG drawn from epub/cover.svg (`cover_picture`): the logo, the
        newsletter's name, the issue's number, date and title, over the issue's cover
        picture, or a band of the accent colour without one: a book without a cover is a
        blank tile on an e-reader's shelf. Pictures go in as data: URLs of their email
        copies (JPEG or PNG)."""
        style = ctx.config.style
        logo, logo_width = "", 0
        if style.logo and (size := image_size(style.logo)):
            logo_width = max(1, round(size[0] * 180 / size[1]))
            logo = _data_url(style.logo, logo_width * 2, style.logo)
        picture = _data_url(issue.cover, 1200, issue.source) if issue.cover else ""
        title_size, title_lines = cover_title(issue.title or "")
        masthead_size, masthead_lines = cover_lines(style.masthead, MASTHEAD_SIZES, 2)
        svg = self.render_template(
            ctx,
            "cover.svg",
            issue=issue,
            logo=logo,
            logo_width=logo_width,
            picture=picture,
            name_size=min(96, round(1900 / max(1, len(ctx.config.title)))),
            organisation_size=min(56, round(1900 / max(1, len(ctx.config.organisation)))),
            title_size=title_size,
            title_lines=title_lines,
            masthead_size=masthead_size,
            masthead_lines=masthead_lines,
        )
        try:
            data = sanitise_svg(svg.encode("utf-8"))
        except ValueError as exc:  # a theme's cover.svg that is not well-formed
            log.warning("%s: no EPUB cover: epub/cover.svg %s", issue.source, exc)
            return None
        try:
            cover = tmp / "cover.jpg"
            cover.write_bytes(cover_picture(data, bundled_fonts(style)))
        except ValueError as exc:  # librsvg is not installed
            log.warning("%s: the EPUB cover stays a drawing (SVG): %s", issue.source, exc)
            cover = tmp / "cover.svg"
            cover.write_bytes(data)
        return cover


def cover_picture(drawing: bytes, fonts: Sequence[Path] = ()) -> bytes:
    """The cover's drawing as a JPEG, 1200 × 1800 px, its words drawn in by librsvg (with
    the fonts and shaping the PDF's text has). Kobo's thumbnails, Send to Kindle and Google
    Play Books want a JPEG or PNG cover, and an e-reader drawing the SVG set its words in
    what fonts it had (an Arabic title unjoined, or in boxes). JPEG: a cover picture's
    photo as a PNG made the book three times the drawing's size. `fonts`: the workspace's
    bundled font files, which the drawing may name. ValueError when it cannot be drawn
    (librsvg is not installed)."""
    return _drawn_cover(drawing, font_versions(fonts))


@functools.lru_cache(maxsize=4)
def _drawn_cover(drawing: bytes, fonts: FontVersions) -> bytes:
    """`cover_picture`'s JPEG, remembered for the drawing and its font files as they are:
    drawing it takes a third of a second, and a process that builds an issue again with
    its cover unchanged (the test suite builds the same workspaces over and over) need not
    draw it again. A ValueError is not remembered."""
    from PIL import Image

    png, _, _ = svg_to_png(drawing, COVER_WIDTH, [path for path, _, _ in fonts])
    with Image.open(io.BytesIO(png)) as drawn:
        out = io.BytesIO()
        drawn.convert("RGB").save(out, format="JPEG", quality=90, optimize=True)
    return out.getvalue()


COVER_WIDTH = 1200  # px: epub/cover.svg's own width, and what e-book shops ask at least


# The cover title's and masthead line's type sizes (px on the 1200 px wide cover), largest
# first, and how many characters fit a line at 80 px (Noto Sans Bold's average letter is
# about half its size).
TITLE_SIZES = (80, 68, 58, 50, 44)
MASTHEAD_SIZES = (38, 32, 28)
_CHARACTERS_AT_80 = 24


def cover_title(title: str) -> tuple[int, list[str]]:
    """The title's type size on the cover and its lines (`cover_lines`): at most three
    unless it is very long. A long title was cut at three lines of 80 px, silently."""
    return cover_lines(title, TITLE_SIZES, 3)


def cover_lines(text: str, sizes: tuple[int, ...], most: int) -> tuple[int, list[str]]:
    """A line of the cover's type size and its lines: the largest of `sizes` that sets it
    in `most` lines, else the smallest in as many as it takes. A text the cover's width
    cannot hold on one line ran off both edges of the drawing."""
    for size in sizes:
        lines = textwrap.wrap(text, _CHARACTERS_AT_80 * 80 // size)
        if len(lines) <= most:
            break
    return size, lines


def creator_metadata(organisation: str, tmp: Path) -> Path:
    """The organisation as the book's dc:creator, given as EPUB metadata rather than as
    pandoc's `creator`: the title page prints that variable as a list of roles and names,
    and a plain name gave it an empty paragraph (the publisher line already names it)."""
    path = tmp / "creator.xml"
    path.write_text(f"<dc:creator>{html.escape(organisation)}</dc:creator>\n", encoding="utf-8")
    return path


def paragraph_attributes_on_divs(html: str) -> str:
    """The book with each <p> that has attributes inside a <div> that holds them instead.

    pandoc's HTML reader keeps a div's class, lang, dir and id but drops a paragraph's, so
    the subtitle and byline lost the classes the stylesheet styles them by, and a paragraph
    in another language (or direction) than its article lost its lang (or dir)."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    for holder in [p for p in root.iter("p") if p.attrib]:
        paragraph = holder.makeelement("p")
        paragraph.text, holder.text = holder.text, None
        paragraph.extend(holder)
        holder.append(paragraph)
        holder.tag = "div"
    text: str = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    return text


def in_book_links(book: str, articles: dict[str, str]) -> str:
    """The book (HTML) with each link to one of its `articles` (web archive address →
    slug, the id of the article's <div>) a jump to it inside the book: to the heading the
    link names (`#id`, an id of the book as of the web page), else to the article.

    Every output's links between documents lead to the web archive (`with_archive_links`):
    in the EPUB a link to an article a few pages on opened a browser, or nothing offline."""
    import lxml.html

    at = {unquote(address): slug for address, slug in articles.items()}
    root = lxml.html.document_fromstring(book)
    found = root.xpath("//@id")
    ids = {str(name) for name in found} if isinstance(found, list) else set()
    for link in root.iter("a"):
        address, _, fragment = link.get("href", "").partition("#")
        if (slug := at.get(unquote(address))) is not None:
            link.set("href", "#" + (unquote(fragment) if unquote(fragment) in ids else slug))
    text: str = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    return text


def counted_lists_kept(book: str) -> str:
    """The book (HTML) with each numbered list that counts in digits of its own (`style`
    "list-style-type: arabic-indic": "١." "٢." as its author typed them) inside a <div>
    of class `counted-<style>`, which epub.css counts so: pandoc drops a list's style, but
    keeps a div's class. An article's notes are left as pandoc reads them (its notes
    filter numbers them)."""
    if "list-style-type" not in book:
        return book
    import lxml.html

    root = lxml.html.document_fromstring(book)
    for numbered in list(root.iter("ol")):
        if numbered.xpath(with_class("footnotes", "section", "ancestor::")):
            continue
        style = kept_declaration(numbered.get("style", ""), "list-style-type", COUNTED)
        if style:
            wrapper = lxml.html.Element("div", {"class": f"counted-{style.partition(': ')[2]}"})
            numbered.addprevious(wrapper)
            wrapper.append(numbered)  # its tail moves with it: put back after the div
            wrapper.tail, numbered.tail = numbered.tail, None
    text: str = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    return text


def pictures_described(book: str) -> list[bool]:
    """Whether each picture of the book (HTML) has a description (a non-empty alt): what
    its accessibility metadata may say of its pictures. The cover is not among them (its
    words are the title page's); a picture left undescribed has alt="" (`alt_text`)."""
    import lxml.html

    root = lxml.html.document_fromstring(book)
    return [bool(picture.get("alt", "").strip()) for picture in root.iter("img")]


def other_languages(book: str, language: str) -> bool:
    """Whether the book (HTML) has a passage marked in another language than its own
    (`language`; "en-GB" and "en" are one): what its summary may say it marks."""
    import lxml.html

    def primary(tag: str) -> str:
        return tag.strip().replace("_", "-").partition("-")[0].lower()

    root = lxml.html.document_fromstring(book)
    found = root.xpath("//@lang")
    tags = [str(tag) for tag in found] if isinstance(found, list) else []
    return any(primary(tag) not in ("", primary(language)) for tag in tags)


def access_metadata(described: list[bool], tmp: Path) -> Path:
    """A pandoc metadata file (JSON) of the book's access modes and accessibility features,
    true to its pictures (`described`, as `pictures_described`). Left to itself pandoc says
    of every book that text alone conveys it and that its images have text alternatives,
    with no picture at all or with pictures nobody described, and never that it has
    pictures to see. A file, not --metadata: pandoc takes only a list for these, and a
    list of one cannot be said on its command line. No conformance claim
    (dcterms:conformsTo): that needs someone to evaluate the book against WCAG, which a
    build cannot do."""
    modes, sufficient = ["textual"], ["textual"]
    features = ["readingOrder", "structuralNavigation", "tableOfContents"]
    if described:
        modes.append("visual")
        sufficient = ["textual", "textual,visual"] if all(described) else ["textual,visual"]
    if described and all(described):
        features.append("alternativeText")
    path = tmp / "access.json"
    metadata = {"accessModes": modes, "accessModeSufficient": sufficient}
    path.write_text(json.dumps({**metadata, "accessibilityFeatures": features}))
    return path


def accessibility_summary(described: list[bool], other_languages: bool) -> str:
    """The book's accessibility summary, in the interface language: the package gives it
    under the book's xml:lang, and a reading system reads it out before the book. It says
    whether the pictures (`described`, as `pictures_described`) have text alternatives,
    and when some have none, says so: the summary is where a book's known shortcomings go.
    That passages in other languages are marked, only when it has some."""
    sentences = [
        gettext("A text publication with a navigable table of contents and structured headings.")
    ]
    if described:
        sentences.append(
            gettext("Images carry text alternatives.")
            if all(described)
            else gettext("Some images have no text alternative.")
        )
    if other_languages:
        sentences.append(
            gettext(
                "Passages in other languages are marked with their language and writing direction."
            )
        )
    return " ".join(sentences)


def landmark_labels() -> dict[str, str]:
    """The landmarks' labels the interface language has, by epub:type. The landmarks are
    the reading system's "go to" menu; pandoc names them in English in every book."""
    english = {"cover": "Cover", "titlepage": "Title page", "toc": "Contents"}
    ours = {
        "cover": gettext("Cover"),
        "titlepage": gettext("Title page"),
        "toc": gettext("Contents"),
    }
    return {kind: label for kind, label in ours.items() if label != english[kind]}


_ROOT = re.compile(rb"<html\b[^>]*", re.IGNORECASE)
_LANDMARKS = re.compile(rb'<nav\b[^>]*epub:type="landmarks".*?</nav>', re.DOTALL)
_LANDMARK = re.compile(rb'(<a\b[^>]*\bepub:type="([a-z]+)"[^>]*>)[^<]*(</a>)')
_GUIDE_COVER = re.compile(rb'(<reference\b[^>]*\btype="(cover)"[^>]*\btitle=")[^"]*(")')


def series_metadata(name: str, number: int) -> dict[str, str]:
    """Calibre's series and place in it, as EPUB 2 `<meta name>`: Calibre, and Kobo
    readers for the books sideloaded on them, group and order a series by these rather
    than by EPUB 3's `belongs-to-collection`, which pandoc writes."""
    return {"calibre:series": name, "calibre:series_index": str(number)}


def finished(
    epub: bytes,
    direction: str,
    labels: dict[str, str],
    named: dict[str, str] | None = None,
    summary_language: str = "",
    cover_words: str = "",
    untranslated_title: tuple[str, str] = ("", ""),
) -> bytes:
    """The EPUB as pandoc wrote it, with what pandoc cannot write.

    - `dir` on the root <html> of each XHTML file that has none, in a right-to-left book:
      pandoc's EPUB 3 template writes the root's lang but not its dir (its `dir` variable
      reaches only the HTML templates), so the title page, the editorial, the colophon and
      the contents of a right-to-left issue were laid out left to right.
    - The landmarks' `labels` (by epub:type) in the book's language, and the cover's in
      the EPUB 2 guide.
    - Each chapter's <title> its first heading's words: pandoc titles a chapter by a
      heading it opens with, and ours open with the section holding it, so every chapter
      was titled with its file name ("ch002.xhtml"), which reading systems show in their
      title bar and screen readers announce.
    - EPUB 2's `<meta name="cover">` naming the cover picture's manifest item, in the
      package and the NCX: Calibre, Kindle conversion and older readers find the cover by
      it. Pandoc writes none in an EPUB 3 package, and names in the NCX an item the book
      lacks ("cover_svg", from the picture's file name before pandoc renamed it).
    - The EPUB 2 `<meta name content>` of `named` in the package (pandoc writes one given
      it as a `property`, which EPUB 3 has no such meaning for).
    - The NCX's dtb:depth, how deep its navPoints nest: pandoc says 1 with a section's
      articles nested in it, and EPUB 2 reading systems showed the first level alone.
    - The dc:description's language and direction when it is in `summary_language`, not
      the book's: an edition keeps the original's summary when it has none of its own, and
      an English one in an Arabic book was read as Arabic (pandoc drops an xml:lang given).
    - An edition's title left in the original's language (`untranslated_title`: the
      words and their language) marked so on the title page, and the package's dc:title
      in it, as its words are most of it: an English title in a French edition was read
      out as French.
    - The cover page's drawing named by `cover_words` (the issue's name and its
      cover_alt), as an image: pandoc's <svg> holding the cover said nothing to a screen
      reader.

    Entries are copied in order with their own names, dates and compression (the mimetype
    first, stored)."""
    source = zipfile.ZipFile(io.BytesIO(epub))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        cover = _cover_image_id(source)
        cover_meta = f'<meta name="cover" content="{cover}" />'.encode() if cover else b""
        metas = [
            f'<meta name="{html.escape(name)}" content="{html.escape(value)}" />'.encode()
            for name, value in (named or {}).items()
        ]
        added = b"".join(b"  " + meta + b"\n  " for meta in [*metas, cover_meta] if meta)
        marks = (
            f'xml:lang="{html.escape(summary_language)}" dir="{text_direction(summary_language)}"'
        )
        in_language = f"<dc:description {marks}>".encode()
        words, title_language = untranslated_title
        title_marks = f'xml:lang="{title_language}" dir="{text_direction(title_language)}"'
        as_written = html.escape(words, quote=False).encode()  # as pandoc writes the title
        title_span = (
            f'<span lang="{title_language}" {title_marks}>'.encode() + as_written + b"</span>"
        )
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".xhtml"):
                data = _titled_by_heading(data)
            if info.filename.endswith("/cover.xhtml") and cover_words:
                label = f'<svg role="img" aria-label="{html.escape(cover_words)}" '
                data = data.replace(b"<svg ", label.encode(), 1)
            if info.filename.endswith(".xhtml") and direction == "rtl":
                root = _ROOT.search(data)
                if root and b" dir=" not in root.group(0):
                    end = root.end()
                    data = data[:end] + f' dir="{direction}"'.encode() + data[end:]
            if info.filename.endswith("nav.xhtml") and labels:
                data = _LANDMARKS.sub(lambda nav: _labelled(nav.group(0), labels, _LANDMARK), data)
            if info.filename.endswith(".opf") and labels:  # EPUB 2's guide, for older readers
                data = _labelled(data, labels, _GUIDE_COVER)
            if info.filename.endswith(".opf"):
                data = data.replace(b"</metadata>", added + b"</metadata>", 1)
            if info.filename.endswith(".opf") and summary_language:
                data = data.replace(b"<dc:description>", in_language, 1)
            if info.filename.endswith(".opf") and words and title_language:
                data = _DC_TITLE.sub(rb"\1 " + title_marks.encode() + rb">", data, count=1)
            if info.filename.endswith("title_page.xhtml") and words and title_language:
                data = _TITLE_PAGE_TITLE.sub(
                    lambda h1: h1[0].replace(as_written, title_span, 1), data, count=1
                )
            if info.filename.endswith(".ncx"):
                data = _NCX_COVER.sub(cover_meta, data)
                data = _with_depth(data)
            target.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()


_DC_TITLE = re.compile(rb"(<dc:title\b[^>]*)>")
_TITLE_PAGE_TITLE = re.compile(rb'<h1 class="title">.*?</h1>', re.S)
_NCX_COVER = re.compile(rb'<meta name="cover" content="[^"]*" />')
_NCX_DEPTH = re.compile(rb'<meta name="dtb:depth" content="\d+" />')
_NAV_POINT = "{http://www.daisy.org/z3986/2005/ncx/}navPoint"


def _with_depth(ncx: bytes) -> bytes:
    """The NCX with its dtb:depth the deepest nesting of its navPoints."""
    points = lxml.etree.fromstring(ncx).iter(_NAV_POINT)
    depth = max((1 + len(list(p.iterancestors(_NAV_POINT))) for p in points), default=1)
    return _NCX_DEPTH.sub(f'<meta name="dtb:depth" content="{depth}" />'.encode(), ncx, 1)


_OPF = {"opf": "http://www.idpf.org/2007/opf"}


def _cover_image_id(book: zipfile.ZipFile) -> str | None:
    """The manifest id of the book's cover picture (its `cover-image` item), if it has one."""
    package = next(name for name in book.namelist() if name.endswith(".opf"))
    found = lxml.etree.fromstring(book.read(package)).xpath(
        "//opf:manifest/opf:item[contains(concat(' ', @properties, ' '), ' cover-image ')]/@id",
        namespaces=_OPF,
    )
    return str(found[0]) if isinstance(found, list) and found else None


_FILE_NAME_TITLE = re.compile(rb"<title>ch\d+\.xhtml</title>")
_HEADING = re.compile(rb"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.DOTALL)
_TAG = re.compile(rb"<[^>]*>")


def _titled_by_heading(chapter: bytes) -> bytes:
    """The chapter titled by its first heading's text (XHTML-escaped as it stands) when
    pandoc titled it by its file name."""
    title = _FILE_NAME_TITLE.search(chapter)
    heading = _HEADING.search(chapter, title.end()) if title else None
    if not title or not heading:
        return chapter
    words = b" ".join(_TAG.sub(b"", heading.group(1)).split())
    return chapter[: title.start()] + b"<title>" + words + b"</title>" + chapter[title.end() :]


def _labelled(text: bytes, labels: dict[str, str], links: re.Pattern[bytes]) -> bytes:
    """`text` with the label of each of `links` (groups: before, its type, after) that
    `labels` has."""

    def label(link: re.Match[bytes]) -> bytes:
        given = labels.get(link.group(2).decode())
        if given is None:
            return link.group(0)
        return link.group(1) + html.escape(given).encode() + link.group(3)

    return links.sub(label, text)


def _data_url(path: Path, width: int, referrer: Path) -> str:
    """An image as a data: URL of its copy at most `width` px wide, "" when unreadable."""
    try:
        data, _, _ = email_copy(path, width)
    except (OSError, ValueError) as exc:
        log.warning("%s: image %s left off the EPUB cover: %s", referrer, path.name, exc)
        return ""
    kind = "jpeg" if email_suffix(path) == ".jpg" else "png"
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


def stage_images(issue: Issue, ctx: RenderContext, folder: Path) -> tuple[Path, dict[str, str]]:
    """Copy the images the issue shows (its documents' and lead images, the logo) into
    `folder`, as outputs publish them (SVG sanitised), for pandoc to embed: it then finds
    nothing else to read. A WebP is copied as a JPEG, PNG or GIF (`photos.without_webp`)
    named after it ("media/photo.webp.jpg"): with `folder`, each such picture's name → its
    copy's, for the book's links to follow (`pictures_renamed`); a WebP inside a drawing
    is changed in it (`svg_without_webp`)."""
    used = {image: doc.source for doc in issue.documents for image in doc.images}
    used |= dict.fromkeys(pool_images(issue.editorial_html), issue.source)
    for doc in issue.documents:
        if image := lead_image(doc, ctx.config.documents_dir):
            used.setdefault(image, doc.source)
    folder.mkdir()
    logo = ctx.config.style.logo
    renamed: dict[str, str] = {}

    def stage(name: str, data: bytes) -> None:
        if name.lower().endswith(".webp"):
            data, suffix = photos.without_webp(data)
            if suffix != ".webp":
                renamed[name] = name = name + suffix
        elif name.lower().endswith(".svg"):
            data = svg_without_webp(data)
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)

    if (
        logo
        and (path := logo_path(logo))
        and (data := published_image(logo.parent, logo.name, logo))
    ):
        stage(str(path), data)
    for image, referrer in sorted(used.items()):
        data = published_image(ctx.config.documents_dir, image, referrer)
        if data is not None:
            stage(image, data)
    return folder, renamed


def svg_without_webp(data: bytes) -> bytes:
    """A sanitised SVG (`sanitise_svg`) with each WebP picture embedded in it (a data:
    address, as Inkscape embeds a photo) as a JPEG, PNG or GIF (`photos.without_webp`):
    the e-readers that show no WebP file show none inside a drawing either."""
    if b"data:image/webp" not in data.lower():
        return data
    import mimetypes

    from lxml import etree

    from ..resources import svg_parser

    root = etree.fromstring(data, svg_parser())
    for image in root.iter("{http://www.w3.org/2000/svg}image"):
        for name in ("href", "{http://www.w3.org/1999/xlink}href"):
            kind, comma, encoded = image.get(name, "").strip().partition(";base64,")
            if kind.lower() != "data:image/webp" or not comma:
                continue
            try:
                picture, suffix = photos.without_webp(base64.b64decode(encoded))
            except ValueError:  # not base64: no reader shows it, whatever its type
                continue
            if suffix != ".webp":  # made a JPEG, PNG or GIF
                encoded = base64.b64encode(picture).decode()
                image.set(name, f"data:{mimetypes.types_map[suffix]};base64,{encoded}")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def pictures_renamed(book: str, renamed: dict[str, str]) -> str:
    """The book (HTML) with each picture it shows by a name in `renamed` shown by the
    new name instead (its src may be percent-encoded)."""
    if not renamed:
        return book
    from urllib.parse import quote, unquote

    import lxml.html

    root = lxml.html.document_fromstring(book)
    for image in root.iter("img"):
        if (name := unquote(image.get("src", ""))) in renamed:
            image.set("src", quote(renamed[name]))
    text: str = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    return text
