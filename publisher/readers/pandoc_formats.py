"""HTML, DOCX, ODT and RTF files → HTML via pandoc, with metadata from the file's own
properties."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import logging
import re
import tempfile
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar
from xml.etree import ElementTree

from .. import pandoc
from ..embeds import players_as_links, say_local_media
from ..errors import PublisherError
from ..lone_items import terms_strays_placed
from ..nesting import blocks_out_of_lines
from ..post_embeds import POST_MARKS, posts_quoted
from ..sanitize import flatten_deep_html, raw_text_closed
from ..tree_edits import page_edited
from .alt_chunks import chunks_read
from .base import RawDocument
from .bold_title import opening_bold_title, without_lines_under_title
from .drawn_blocks import MARKS as DRAWN
from .drawn_blocks import drawn_blocks_written
from .etherpad import etherpad_paragraphs, is_etherpad
from .googledocs import is_google_docs, plain_google_docs
from .hidden_text import PAGE_MARKS, hidden_page_parts_removed
from .lazy_images import lazy_images_shown
from .markdown import document_text
from .merge_tags import html_without_merge_tags
from .metadata import ALIASES
from .odt_titles import odt_title_paragraphs
from .office_copy import prepared
from .page_breaks import page_breaks_in_page_marked
from .pagenotes import notes_as_footnotes
from .rtf_marks import pictures_placed, rtf_marked
from .saved_site_page import say_saved_from_a_site
from .symbol_fonts import symbol_fonts_read
from .title_block import styled_under_first_paragraph
from .unseen_title import heading_over_unseen_title
from .word_page import word_page_read
from .word_pictures import pictures_not_in_file
from .wordcomments import word_comments_left_out
from .wordlists import word_lists_kept

log = logging.getLogger(__name__)


class HtmlReader:
    extensions: ClassVar[tuple[str, ...]] = (".html", ".htm")

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        page, unwrapped = flatten_deep_html(document_text(path, page=True), RAW_HTML_DEPTH)
        if unwrapped:
            log.warning("%s: %d elements nested too deep were unwrapped", path, unwrapped)
        page = page_breaks_in_page_marked(page)  # before Google Docs' styles are dropped
        if (letter := _campaign_page(page)) is not None:  # a Mailchimp campaign, saved
            log.info("%s: a Mailchimp campaign: its blocks read, its header and footer not", path)
            page = letter
        elif is_google_docs(page):
            page = plain_google_docs(page, path)
        elif is_etherpad(page):
            page = etherpad_paragraphs(page)
        else:
            say_saved_from_a_site(page, path)  # "Save page as" on a blog's post
        page = _hidden_parts_left_out(page, path)  # before a Word page's styles are read
        page = symbol_fonts_read(
            word_comments_left_out(word_lists_kept(word_page_read(page)), path)
        )
        page = _directions_kept(notes_as_footnotes(lazy_images_shown(page)))
        if any(mark in page for mark in DRAWN):  # folded text, a quote's source, a verse
            page = page_edited(page, drawn_blocks_written)
        if any(mark in page for mark in POST_MARKS):  # a post embedded by a network's code
            page = page_edited(page, posts_quoted)
        say_local_media(page, path)
        page = players_as_links(raw_text_closed(page))  # pandoc drops players, and fetches frames
        ends_left_out = _table_ends_left_out(page)  # written in by writing the tree out
        page = page_edited(
            page, lambda tree: _blocks_where_pandoc_reads_them(tree) or ends_left_out
        )
        converted = pandoc.to_html(page, "html", id_prefix=id_prefix)
        body = html_without_merge_tags(converted.body_html, path)  # a letter of Mailchimp's
        return RawDocument(converted.meta, pandoc.page_breaks(_BLANK_PARAGRAPH.sub("", body)))


# A paragraph of nothing but spaces and line breaks: how Word's web pages (`<o:p>&nbsp;</o:p>`)
# and WordPress's classic editor (`<p>&nbsp;</p>`) space their text out, and text pasted
# from them into Word or LibreOffice, one empty line of the page each (pandoc drops
# only an empty one). The theme spaces paragraphs itself; left in, each made a gap in every
# output. (Markdown's `&nbsp;` is typed on purpose, and stays.)
_BLANK_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|&#160;|<br\s*/?>)*</p>\n?")


def _blocks_where_pandoc_reads_them(tree: Any) -> bool:
    """Put blocks where pandoc's HTML reader keeps what is around them and in them: bold, a
    language's <span> or a link written around paragraphs (`nesting`: it made them an empty
    element before the paragraphs), and what a definition list holds besides its terms and
    definitions (`lone_items`: it was left out, words and all). Whether it did."""
    return blocks_out_of_lines(tree) | terms_strays_placed(tree)


def _hidden_parts_left_out(page: str, path: Path) -> str:
    """`page` without what a browser never shows of it (`hidden_page_parts_removed`), said."""
    lowered = page.lower()
    if not any(mark in lowered for mark in PAGE_MARKS):
        return page
    removed = 0

    def edit(tree: Any) -> bool:
        nonlocal removed
        removed = hidden_page_parts_removed(tree)
        return removed > 0

    page = page_edited(page, edit)
    if removed:
        parts = "a part" if removed == 1 else f"{removed} parts"
        log.info("%s: what the page hides (%s) is left out, as a browser shows it", path, parts)
    return page


def _campaign_page(page: str) -> str | None:
    from ..importers.mailchimp import campaign_page  # importers read with the readers

    return campaign_page(page)


# pandoc takes tens of seconds over 10,000 nested <div>s; no page needs more than this.
RAW_HTML_DEPTH = 128

# The parts of a table whose end tag HTML lets a page leave out
_TABLE_PARTS = ("td", "th", "tr", "thead", "tbody", "tfoot", "caption", "colgroup")


def _table_ends_left_out(page: str) -> bool:
    """Whether `page`'s tables leave out end tags (</td>, </tr>…, as hand-written pages
    and old CMSs do, valid HTML), which an HTML parser writes in: pandoc's HTML reader made
    such a table loose paragraphs, one a cell, its rows gone."""
    if "<table" not in page.lower():
        return False
    return any(
        len(re.findall(rf"<{part}\b", page, re.IGNORECASE))
        > len(re.findall(rf"</{part}\s*>", page, re.IGNORECASE))
        for part in _TABLE_PARTS
    )


# Elements whose dir and lang pandoc's HTML reader drops (it keeps those of <div>, <span>,
# headings and table cells): a right-to-left paragraph in a French page came out as
# French, left to right.
_LOSES_DIRECTION = ("p", "blockquote", "ul", "ol", "dl", "pre", "li", "dd", "dt")
_MARKED = re.compile(rf"<(?:{'|'.join(_LOSES_DIRECTION)})\b[^>]*\s(?:dir|lang)\s*=", re.I)


def _directions_kept(page: str) -> str:
    """`page` with the dir and lang of those elements carried by a <div> pandoc keeps:
    around the element, or inside a list item or definition."""
    return page_edited(page, _directions_wrapped) if _MARKED.search(page) else page


def _directions_wrapped(tree: Any) -> bool:
    """Wrap, in place, the elements of `tree` whose dir and lang pandoc drops; whether
    there were any."""
    import lxml.html

    wrapped = False
    for element in tree.iter(*_LOSES_DIRECTION):
        marks = {a: element.attrib.pop(a) for a in ("dir", "lang") if a in element.attrib}
        if not marks:
            continue
        wrapped = True
        wrapper = lxml.html.Element("div", marks)
        if element.tag in ("li", "dd", "dt"):  # the item stays where its list has it
            wrapper.text, element.text = element.text, None
            wrapper.extend(list(element))
            element.append(wrapper)
        else:
            element.addprevious(wrapper)
            wrapper.append(element)  # moves it, with its tail
            wrapper.tail, element.tail = element.tail, None
    return wrapped


class DocxReader:
    """pandoc reads a Word file's title, subtitle, author and date from paragraphs styled
    Title, Subtitle, Author and Date; its title property (File > Info), language, tags and
    summary, which pandoc leaves out, are read here (`docx_properties`), as an ODT's are,
    the styled paragraph's title winning, and so are the custom properties that are front
    matter keys (`_custom`: updated, aliases…). An opening paragraph repeating them goes.

    With `media_dir`, embedded images are extracted there (used by `publisher import`)."""

    extensions: ClassVar[tuple[str, ...]] = (".docx",)

    def __init__(self, media_dir: Path | None = None) -> None:
        self.media_dir = media_dir

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        converted = _prepared_and_read(path, id_prefix, self.media_dir)
        properties = docx_properties(path)
        meta = {**docx_custom(path), **properties, **converted.meta}
        unseen = None if "title" in converted.meta else properties.get("title")
        meta = heading_over_unseen_title(path, meta, converted.body_html, unseen)
        body, notes = _docx_text_and_comments(path)
        _review_marks_said(path, *docx_review_marks(body, notes), "Word")
        if drawings := docx_drawings_left_out(body):
            log.warning(
                "%s: %s left out: no output can draw them from the file; in Word, right-click"
                " each, Save as Picture, and put the picture in its place",
                path,
                drawings,
            )
        for picture in pictures_not_in_file(path):
            log.warning("%s: %s", path, picture)
        meta, body_html = _title_block(path, meta, converted.body_html)
        return RawDocument(
            meta, _BLANK_PARAGRAPH.sub("", _drop_repeated_properties(body_html, meta))
        )


def _review_marks_said(path: Path, changes: int, comments: int, program: str) -> None:
    """Say that a file still under review (`changes` marks of tracked changes, `comments`)
    is published as if its changes were accepted, and without its comments: a colleague's
    suggestion, or "not before Friday", would be published or lost without a word."""
    if changes:
        log.warning(
            "%s: tracked changes not yet accepted or rejected are published as if"
            " accepted: accept or reject them in %s to be sure of the text",
            path,
            program,
        )
    if comments:
        log.info("%s: %d comment(s) left out: they are for the editors", path, comments)


def _title_block(path: Path, meta: dict[str, Any], body: str) -> tuple[dict[str, Any], str]:
    """A file naming no title that opens with a title typed in bold, and under it lines in
    the Subtitle, Author and Date styles (`title_block`): that title, subtitle, author and
    date are the document's, taken out of `body`."""
    if meta.get("title") or (typed := opening_bold_title(body)) is None:
        return meta, body
    styled = styled_under_first_paragraph(path)
    title, rest = typed
    rest, taken = without_lines_under_title(rest, [words for _, words in styled])
    if not taken:
        return meta, body  # the title is still taken from the body, by `read_document`
    found: dict[str, Any] = {"title": title}
    for role, words in styled[:taken]:
        if role == "author":
            found.setdefault("author", []).append(words)
        else:
            found[role] = words
    return _typed_under_properties(found, meta), rest


def _typed_under_properties(typed: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    """The title block `typed` in the file's paragraph styles, a property of the file
    winning over each line (the title in File > Properties), but for the author:
    LibreOffice fills that in itself, with whoever its user data names."""
    return typed | properties | {key: value for key, value in typed.items() if key == "author"}


def _prepared_and_read(path: Path, id_prefix: str, media_dir: Path | None) -> pandoc.Converted:
    """The Word or OpenDocument file converted as `office_copy` prepares it for pandoc
    (text boxes' text in the text, hidden text and empty fields' prompts out), with what
    was done said;
    errors name `path` itself."""
    kind = path.suffix.lower().lstrip(".")
    with tempfile.TemporaryDirectory(prefix="publisher-office-") as scratch:
        source, done = prepared(path, Path(scratch))
        try:
            converted = pandoc.to_html(source, kind, id_prefix=id_prefix, media_dir=media_dir)
        except PublisherError as exc:
            damaged = damaged_part(path)
            for problem in exc.problems:
                problem.file = path if problem.file == source else problem.file
                problem.message = problem.message.replace(str(source), str(path))
                problem.hint = damaged or problem.hint
            raise
    if done["alt chunks"]:
        body, said = chunks_read(
            path,
            converted.body_html,
            lambda page: pandoc.to_html(page, "html", id_prefix=id_prefix).body_html,
        )
        converted = replace(converted, body_html=body)
        for left_out in said:
            log.warning("%s: %s", path, left_out)
    if done["page breaks"]:
        converted = replace(converted, body_html=pandoc.page_breaks(converted.body_html))
    if boxes := done["text boxes"]:
        log.info(
            "%s: the text of %d text box(es) is read where each is anchored: check that it"
            " stands where it should",
            path,
            boxes,
        )
    if lines := done["contents lines"]:
        log.info(
            "%s: left out Word's table of contents (%d lines, with the Word file's page"
            " numbers): the outputs make their own",
            path,
            lines,
        )
    if done["hidden runs"]:
        log.info("%s: the text it hides (formatted Hidden) is left out, as it is in print", path)
    if empty := done["empty fields"]:
        log.warning(
            '%s: %d field(s) of its template left empty: their prompts ("Click or tap here to'
            ' enter text.") are left out; fill them in, or check that nothing is missing',
            path,
            empty,
        )
    return converted


def damaged_part(path: Path) -> str | None:
    """What to say of the first XML part of a Word or OpenDocument file (a zip of them)
    that is not whole, as a copy cut short leaves it: pandoc names no part ("couldn't
    parse docx file: DocxError"), and Word and LibreOffice offer to repair it. None when
    every part reads."""
    from lxml import etree

    program = "Word" if path.suffix.lower() == ".docx" else "LibreOffice"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        with zipfile.ZipFile(path) as office:
            for name in office.namelist():
                if not name.endswith((".xml", ".rels")):
                    continue
                try:
                    etree.fromstring(office.read(name), parser)
                except etree.XMLSyntaxError as exc:
                    line, column = exc.position
                    return (
                        f"{name}, inside it, is damaged (not well-formed XML at line {line},"
                        f" column {column}): open it in {program}, which offers to repair"
                        " it, and save it again"
                    )
    except (OSError, EOFError, zlib.error, zipfile.BadZipFile):
        return None  # not a zip: pandoc's words say so
    return None


def _docx_text_and_comments(path: Path) -> tuple[bytes, bytes]:
    """A Word file's word/document.xml and word/comments.xml (b"" for one it lacks), read
    once for what is said of them."""
    try:
        with zipfile.ZipFile(path) as docx:
            body = docx.read("word/document.xml")
            names = set(docx.namelist())
            notes = docx.read("word/comments.xml") if "word/comments.xml" in names else b""
    except (KeyError, zipfile.BadZipFile):
        return b"", b""
    return body, notes


def docx_review_marks(body: bytes, notes: bytes) -> tuple[int, int]:
    """How many marks of tracked changes (insertions, deletions, moves: Word writes one per
    run of text) a Word file's text (`body`) holds, and how many comments its `notes`.
    pandoc accepts the changes and drops the comments, silently: a colleague's suggestion,
    or "not before Friday", would be published or lost without a word."""
    return len(_TRACKED.findall(body)), len(_COMMENT.findall(notes))


# Word's charts and SmartArt are drawn by Word from data in the file: pandoc has no picture
# of them to show, and leaves them out without a word
_GRAPHIC = re.compile(
    rb'<a:graphicData\s+uri="http://schemas\.openxmlformats\.org/drawingml/2006/(chart|diagram)"'
)


def docx_drawings_left_out(body: bytes) -> str:
    """'2 chart(s) and 1 SmartArt diagram(s)' a Word file's text (`body`) holds, as a phrase
    ("" for none)."""
    kinds = [found.group(1).decode() for found in _GRAPHIC.finditer(body)]
    named = [
        f"{kinds.count(kind)} {name}"
        for kind, name in (("chart", "chart(s)"), ("diagram", "SmartArt diagram(s)"))
        if kind in kinds
    ]
    return " and ".join(named)


_TRACKED = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo)\b(?![^>]*/>)")
_COMMENT = re.compile(rb"<w:comment\b")


def docx_properties(path: Path) -> dict[str, Any]:
    """What a Word file's core properties (docProps/core.xml) say that pandoc does not
    read: its title, its language, its tags (Keywords, "Tags" in File > Info) and its
    summary (Comments, `dc:description`), as an OpenDocument file's are read
    (`odt_properties`). Not its author: Word fills that in itself, with the name of
    whoever made the file or its template. pandoc has read the file already: one it
    could read is a zip."""
    try:
        with zipfile.ZipFile(path) as docx:
            root = ElementTree.fromstring(docx.read("docProps/core.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}  # no properties, or damaged ones: the language is the workspace's

    def text(tag: str) -> str:
        return (root.findtext(tag, default="", namespaces=_NS) or "").strip()

    meta = {
        "title": text("dc:title"),
        "lang": text("dc:language"),
        "summary": text("dc:description"),
        "tags": _keywords([text("cp:keywords")]),
    }
    return {key: value for key, value in meta.items() if value}


def docx_custom(path: Path) -> dict[str, Any]:
    """The front matter keys among a Word file's custom properties (docProps/custom.xml,
    File > Info > Properties > Advanced Properties > Custom): see `_custom`. Apart from
    `docx_properties`, whose properties a translation follows (translations.py): an alias
    or a correction's day added to an original changes nothing a translator translates.
    A date there is midnight where it was typed, in UTC (the 5th at 23:00 for the 6th in
    Paris): the nearest day is the one typed, in any time zone from -11 to +11 hours."""
    try:
        with zipfile.ZipFile(path) as docx:
            root = ElementTree.fromstring(docx.read("docProps/custom.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}
    found = {}
    for prop in root:
        value = prop[0] if len(prop) else None
        if value is None or not value.text:
            continue
        written = value.text.strip()
        if value.tag.endswith("}filetime"):
            with contextlib.suppress(ValueError):
                instant = dt.datetime.fromisoformat(written.replace("Z", "+00:00"))
                written = (instant + dt.timedelta(hours=12)).date().isoformat()
        found[prop.get("name", "")] = written
    return _custom(found)


def _custom(properties: dict[str, str]) -> dict[str, Any]:
    """The custom properties of an office file (by name, as typed) that are front matter
    keys a Word or LibreOffice file has no other place for: its date, the day it was
    corrected (`updated`), its old addresses (`aliases`, several separated by spaces),
    its subtitle, `draft`. Not the programs' preset names (Word's Status, Language,
    Source), which mean something else there."""
    known = {name.casefold(): name for name in CUSTOM_PROPERTIES}
    meta: dict[str, Any] = {}
    for name, written in properties.items():
        key = known.get(name.strip().casefold())
        if key and written.strip():
            meta[key] = re.split(r"[\s,;]+", written.strip()) if key == "aliases" else written
    return meta


# The front matter keys read from an office file's custom properties (`_custom`)
CUSTOM_PROPERTIES = frozenset(
    {*ALIASES["date"], *ALIASES["updated"], "aliases", "subtitle", "draft"}
)


def _keywords(written: list[str | None]) -> list[str]:
    """An office file's keywords, each property split where it lists several ("housing;
    rent strike", as Windows writes its Tags, or with commas)."""
    return [
        word.strip() for text in written for word in re.split(r"[;,]", text or "") if word.strip()
    ]


class RtfReader:
    """Rich Text, as TextEdit and WordPad save it by default: pandoc reads its text, its
    formatting, and its title and author (the file's \\info), TextEdit's paragraphs, any
    page break and letters in any code page of one byte a letter once `rtf_marked` has
    spelled them out. Pictures embedded in it are left out, with a warning: unlike a
    DOCX's, they have no name to publish them by."""

    extensions: ClassVar[tuple[str, ...]] = (".rtf",)

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        marked = rtf_marked(path)
        if marked.unread_code_page:
            log.warning(
                "%s: written in code page %d, whose letters may come out wrong: save it as"
                " .docx to be sure of them",
                path,
                marked.unread_code_page,
            )
        if marked.tracked_changes:
            log.warning(
                "%s: tracked changes not yet accepted or rejected are published as if"
                " accepted: accept or reject them in Word to be sure of the text",
                path,
            )
        converted = pandoc.to_html(marked.source, "rtf", id_prefix=id_prefix)
        body, pictures = _IMG.subn("", converted.body_html)
        body = pandoc.page_breaks(body) if marked.page_breaks else body
        body = pictures_placed(body, marked.pictures)
        if pictures:
            log.warning(
                "%s: %d picture(s) embedded in it left out: save it as .docx to keep them",
                path,
                pictures,
            )
        return RawDocument(converted.meta, body)


_IMG = re.compile(r"<img\b[^>]*>")  # as pandoc writes it: attribute values escape ">"


class OdtReader:
    """pandoc ignores an ODT's meta.xml (jgm/pandoc#2839), so its properties are read here:
    title, creator, language, description, keywords and the custom properties that are
    front matter keys (`_custom`: date, updated, aliases…)."""

    extensions: ClassVar[tuple[str, ...]] = (".odt",)

    def __init__(self, media_dir: Path | None = None) -> None:
        self.media_dir = media_dir

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        properties = odt_custom(path) | odt_properties(path)
        typed = odt_title_paragraphs(path)
        meta = _typed_under_properties(typed, properties)
        body = _prepared_and_read(path, id_prefix, self.media_dir).body_html
        unseen = None if "title" in typed else properties.get("title")
        meta = heading_over_unseen_title(path, meta, body, unseen)
        _review_marks_said(path, *odt_review_marks(path), "LibreOffice")
        meta, body = _title_block(path, meta, body)
        return RawDocument(meta, _BLANK_PARAGRAPH.sub("", _drop_repeated_properties(body, meta)))


# A change LibreOffice tracks (each listed once, before the text) and a comment in the
# text (not the mark where the passage it comments on ends, office:annotation-end)
_ODT_CHANGE = re.compile(rb"<text:changed-region\b")
_ODT_COMMENT = re.compile(rb"<office:annotation[\s>]")


def odt_review_marks(path: Path) -> tuple[int, int]:
    """How many tracked changes and comments an OpenDocument file's text holds: pandoc
    accepts the one and drops the other, silently, as it does a Word file's."""
    try:
        with zipfile.ZipFile(path) as odt:
            content = odt.read("content.xml")
    except (KeyError, zipfile.BadZipFile):
        return 0, 0
    return len(_ODT_CHANGE.findall(content)), len(_ODT_COMMENT.findall(content))


_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def odt_properties(path: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(path) as odt:
            root = ElementTree.fromstring(odt.read("meta.xml"))
    except KeyError:
        return {}
    except (zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise PublisherError.at(
            f"not a readable OpenDocument file ({exc})",
            path,
            hint="open it in LibreOffice and save it again as .odt",
        ) from None
    office_meta = root.find("office:meta", _NS)
    if office_meta is None:
        return {}

    def text(tag: str) -> str:
        return (office_meta.findtext(tag, default="", namespaces=_NS) or "").strip()

    meta: dict[str, Any] = {
        "title": text("dc:title"),
        "author": text("dc:creator") or text("meta:initial-creator"),
        "lang": text("dc:language"),
        "summary": text("dc:description"),
        "tags": _keywords([k.text for k in office_meta.findall("meta:keyword", _NS)]),
    }
    for field in office_meta.findall("meta:user-defined", _NS):
        if field.get(f"{{{_NS['meta']}}}name", "").lower() == "date":
            meta["date"] = (field.text or "").strip()
    return {key: value for key, value in meta.items() if value}


def odt_custom(path: Path) -> dict[str, Any]:
    """The front matter keys among an OpenDocument file's custom properties (meta.xml's
    user-defined fields, File > Properties > Custom Properties): see `_custom`. Apart from
    `odt_properties`, whose properties a translation follows (translations.py): an alias
    or a correction's day added to an original changes nothing a translator translates."""
    try:
        with zipfile.ZipFile(path) as odt:
            root = ElementTree.fromstring(odt.read("meta.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}  # odt_properties says what is wrong with it
    fields = root.iterfind("office:meta/meta:user-defined", _NS)
    return _custom({f.get(f"{{{_NS['meta']}}}name", ""): (f.text or "").strip() for f in fields})


_LEADING_PARAGRAPH = re.compile(r"\A\s*<p>(.*?)</p>\s*", re.DOTALL)


def _drop_repeated_properties(body: str, meta: dict[str, Any]) -> str:
    """Files written from templates repeat title, author and date as the first paragraphs
    (and the paragraphs styled Title and Subtitle are the title and subtitle)."""
    keys = ("title", "subtitle", "author", "date")
    repeated = {" ".join(str(meta.get(key, "")).split()) for key in keys} - {""}
    while (match := _LEADING_PARAGRAPH.match(body)) and _words(match.group(1)) in repeated:
        body = body[match.end() :]
    return body


def _words(fragment: str) -> str:
    """An HTML fragment's text, its tags (a bookmark's empty span) left out."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", fragment)).split())
