"""Read: one reader per input kind, all producing the same sanitised Document.

A reader turns a file into raw metadata and HTML (through pandoc); `read_document`
validates the metadata and passes the body through the one sanitising policy.
"""

from __future__ import annotations

import configparser
import dataclasses
import datetime as dt
import logging
import os
import plistlib
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError

from .. import textfiles
from ..arabic_shapes import as_letters
from ..attachments import linked_files, vault_links
from ..controls import clean_mapping, control_references_as_characters, strip_controls
from ..dashes import dashed
from ..embeds import say_local_media
from ..errors import PublisherError
from ..languages import described
from ..ligatures import letters_for_ligatures, spelled_out
from ..limits import DEFAULT_LIMITS, Limits, describe_size
from ..logs import held
from ..model import Document
from ..mojibake import repaired
from ..numerals import with_note_numbers_in_digits
from ..paths import followed, is_file, named_by
from ..picture_copies import CONVERTED_SUFFIXES, shown_picture
from ..resources import (
    SHOWN_IMAGE_SUFFIXES,
    confine_images,
    lead_image_problem,
    served_picture,
    written_sources,
)
from ..sanitize import LIST_LEVELS, clean_html, flatten_deep_html, lift_deep_lists, plain_text
from ..typography import curl_quotes, spaced_punctuation, typeset_text
from .addresses import link_addresses
from .alt_text import say_undescribed, without_machine_words
from .anchors import mend_anchors
from .base import RawDocument, Reader
from .bold_title import WORD_PROCESSED, opening_bold_title
from .directions import language_told, marked_directions
from .edge_rules import without_edge_rules
from .headings import OPENING_HEADING, same_words, site_around
from .layout_tables import unwrapped_layout_tables
from .lightweight_markup import AsciidocReader, LatexReader, OrgReader, RstReader
from .local_links import links_to_local_files_by_name, pelican_links
from .markdown import MarkdownReader
from .metadata import (
    aliases_from_the_page,
    declares_language,
    document_fields,
    front_matter_as_read,
    hugo_addresses,
)
from .navigation import say_skipped_levels, say_tables_without_headers, say_vague_links
from .pandoc_formats import DocxReader, HtmlReader, OdtReader, RtfReader
from .passages import marked_languages
from .pdf_lines import pdf_lines_joined
from .personal_links import say_personal_links
from .press_release import for_readers, without_label
from .redirects import without_redirects
from .text import TextReader
from .tied_words import untied_words
from .typed_lists import typed_lists

log = logging.getLogger(__name__)
READERS: tuple[Reader, ...] = (
    MarkdownReader(),
    HtmlReader(),
    DocxReader(),
    OdtReader(),
    RtfReader(),
    RstReader(),
    OrgReader(),
    AsciidocReader(),
    LatexReader(),
    TextReader(),
)
EXTENSIONS: dict[str, Reader] = {ext: r for r in READERS for ext in r.extensions}
# Files a press release comes in, as its writer typed it: its labels and end mark are read
# as a press release's (`press_release`). Markdown is the editor's own.
_RELEASES_READ = WORD_PROCESSED + HtmlReader.extensions

__all__ = [
    "EXTENSIONS",
    "READERS",
    "Converted",
    "RawDocument",
    "Reader",
    "confined",
    "convert_document",
    "fallback_title",
    "not_read",
    "read_document",
]

_SAVE_PAGE = (
    "save the page into documents/ (in the browser: File > Save Page As, 'Web Page, HTML"
    " only'), or copy its text into a document"
)
_PDF_HINT = (
    "make a document of its text with 'publisher import FILE.pdf' (for review), or ask"
    " for the file it was made from (.docx, .odt)"
)
# Files editors are sent that no reader reads: what each is, and what to do with it.
_NOT_READ = {
    ".doc": ("a Word 97-2003 document", "open it in Word or LibreOffice and save it as .docx"),
    ".wpd": ("a WordPerfect document", "open it in LibreOffice and save it as .docx"),
    ".pages": ("an Apple Pages document", "in Pages, File > Export To > Word, for a .docx"),
    ".pdf": ("a PDF", _PDF_HINT),
    **dict.fromkeys(
        (".mhtml", ".mht", ".webarchive"),
        (
            "a web page saved as one file",
            "make a document of it with 'publisher import FILE' (for review): its pictures"
            " come along",
        ),
    ),
    ".docm": (
        "a Word document with macros",
        "in Word, File > Save As > Word Document (.docx): the macros stay behind",
    ),
    ".gdoc": (
        "a Google Docs shortcut (only the document's address)",
        "open it, then in Google Docs File > Download > Microsoft Word (.docx)",
    ),
    ".textpack": (
        "a zipped TextBundle (from Bear, Ulysses, iA Writer…)",
        "unzip it into documents/: the .textbundle folder inside is one document, named by"
        " the folder, with its pictures",
    ),
    **dict.fromkeys(
        (".csv", ".tsv", ".xlsx", ".xls", ".ods", ".numbers"),
        (
            "a spreadsheet or a list",
            "a list of subscribers is imported with 'publisher subscribers import FILE'; a"
            " table to publish goes in a document (pasted into Word, LibreOffice or Markdown)",
        ),
    ),
    **dict.fromkeys(
        (".qmd", ".rmd"),
        (
            "a Quarto or R Markdown document, whose code runs when it is rendered",
            "render it to Markdown first (quarto render FILE --to gfm; in R,"
            " rmarkdown::render(FILE, 'md_document')) and put the .md with its pictures in"
            " documents/",
        ),
    ),
    ".ipynb": (
        "a Jupyter notebook",
        "export it to Markdown first (jupyter nbconvert --to markdown FILE, or in Jupyter File"
        " > Save and Export Notebook As > Markdown) and put the .md with its pictures in"
        " documents/",
    ),
    ".vcf": (
        "contacts from an address book",
        "import them as subscribers with 'publisher subscribers import FILE'",
    ),
    ".mbox": (
        "a mail folder or a mailing list's archive (many messages in one file)",
        "make a document of each message with 'publisher import FILE.mbox' and put the ones"
        " to publish in the issue",
    ),
    ".gz": (
        "a gzipped file",
        "make documents of what it holds with 'publisher import FILE.gz' (a mailing list's"
        " archive: a document a message), or unpack it (gunzip FILE.gz) into documents/",
    ),
    **dict.fromkeys(
        (".tar", ".tgz"),
        (
            "a tar archive (many files in one)",
            "unpack it (tar -xf FILE) and put the documents it holds in documents/, or make"
            " documents of them with 'publisher import FOLDER'",
        ),
    ),
    **dict.fromkeys(
        (".pst", ".ost", ".olm"),
        (
            "a whole mailbox (many messages in one file)",
            "save the messages to publish as .eml files (Thunderbird: select them, File >"
            " Save As; Apple Mail: drag them to a folder; from Outlook, forward them to a"
            " mailbox you read with either) and import those",
        ),
    ),
    ".eml": (
        "an e-mail message",
        "make a document of it with 'publisher import FILE.eml' (for review): its pictures"
        " come along",
    ),
    ".zip": (
        "a zip archive",
        "unzip it into documents/ (a platform's export, from Substack, WordPress, Medium…:"
        " make documents of it with 'publisher import FILE.zip')",
    ),
    **dict.fromkeys((".url", ".webloc"), ("a shortcut to a web page", _SAVE_PAGE)),
    ".msg": (
        "an Outlook message",
        "in Outlook, forward it to an address a mail program that saves .eml reads"
        " (Thunderbird, Gmail's 'Download message'), or copy its text into a .txt file;"
        " 'publisher import' reads either",
    ),
}
_SAVE_AS = "save it as .docx, .odt, .rtf, .html, .md, .rst, .org, .adoc, .tex or .txt"


def is_picture(path: Path) -> bool:
    """Whether `path` is a picture (one shown as it is, or converted for the web): no
    document, but something to show in one."""
    return path.suffix.lower() in (*SHOWN_IMAGE_SUFFIXES, *CONVERTED_SUFFIXES)


def not_read(path: Path) -> tuple[str, str]:
    """What a file no reader reads is, as a phrase ('a Word 97-2003 document'), and a hint."""
    suffix = path.suffix.lower()
    if is_picture(path):
        return "a picture, not a document", (
            f"copy it into documents/ and show it in a document: ![what it shows]({path.name})"
        )
    if suffix in (".url", ".webloc") and (address := _shortcut_address(path)):
        return f"a shortcut to {address}", _SAVE_PAGE
    if path.name.lower().endswith(".tar.gz"):
        suffix = ".tar"
    return _NOT_READ.get(suffix, (f"a {suffix or 'suffix-less'} file", _SAVE_AS))


def _shortcut_address(path: Path) -> str | None:
    """The address of the page a link dragged out of a browser leads to: Windows saves it as
    an Internet Shortcut (.url, an INI file), a Mac as a property list (.webloc, in XML or
    binary). None when the file cannot be read so: its kind is said all the same."""
    try:
        with path.open("rb") as handle:
            data = handle.read(_SHORTCUT_AT_MOST)
        if path.suffix.lower() == ".webloc":
            found = plistlib.loads(data)
            address = found.get("URL") if isinstance(found, dict) else None
        else:
            shortcut = configparser.RawConfigParser(strict=False)
            shortcut.read_string(data.decode("utf-8", "replace"))
            address = shortcut.get("InternetShortcut", "URL", fallback=None)
    except (OSError, ValueError, configparser.Error, plistlib.InvalidFileException, ExpatError):
        return None
    return (address.strip() or None) if isinstance(address, str) else None


_SHORTCUT_AT_MOST = 64 * 1024  # bytes: a shortcut holds an address and a few settings


def read_document(
    path: Path,
    slug: str,
    pool: Path,
    default_language: str,
    reader: Reader | None = None,
    strict: bool = False,
    shown_as: Path | None = None,
    limits: Limits | None = None,
) -> Document:
    """`strict`: refuse front matter keys publisher does not know instead of keeping them;
    `shown_as`: the name to give in messages when `path` is a working copy (import);
    `limits`: publisher.toml's [limits] (the defaults when not given)."""
    limits = limits or DEFAULT_LIMITS
    converted = convert_document(path, slug, default_language, reader, strict, shown_as, limits)
    with _messages_naming(path, shown_as):
        return confined(converted, pool, path, limits)


@dataclass(frozen=True)
class Converted:
    """A document before its images are confined to the pool: what can be remembered
    between builds (confinement depends on which files exist now, so it is done every
    time: an image added after a build that left it out is used by the next)."""

    document: Document  # its body's images as written, `images` empty
    sources: tuple[str, ...]  # the src of each <img> before sanitising (`confine_images`)


def confined(converted: Converted, pool: Path, path: Path, limits: Limits) -> Document:
    """The document with its images confined to `pool` (warnings name `path`), and a lead
    image in a format no output shows (a phone's HEIC) named by the copy they show."""
    document = converted.document
    body = pelican_links(document.body_html, path, pool)  # which folder is the site's: now
    body, images = confine_images(body, pool, path, sources=converted.sources, limits=limits)
    say_undescribed(body, path)
    say_skipped_levels(body, path)
    say_tables_without_headers(body, path)
    say_vague_links(body, path)
    say_personal_links(body, path)
    extra = document.extra
    if (served := served_picture(extra.get("image"), path, pool)) is not None:
        extra = {**extra, "image": served}
    if (lead := shown_lead_image(extra.get("image"), pool, path, limits)) is not None:
        extra = {**extra, "image": lead}
    _say_unusable_lead_image(extra, pool, path)
    body = vault_links(body, path, pool)  # Obsidian's [[report.pdf]], in attachments/
    attachments = linked_files(body, path.parent, pool)
    aliases = aliases_from_the_page(document.aliases, path, pool)
    addresses = hugo_addresses(extra, path, pool, document.title, document.date)
    return dataclasses.replace(
        document,
        body_html=body,
        images=images,
        attachments=attachments,
        source=path,
        extra=extra,
        aliases=aliases,
        addresses=addresses,
    )


def shown_lead_image(value: object, pool: Path, path: Path, limits: Limits) -> str | None:
    """The front matter's `image` as the copy outputs show (relative to the document's
    folder, as it was written) when it names a picture of the pool in a format they do not;
    None to keep it as written (renderers check it, and say what is wrong with it)."""
    if not isinstance(value, str) or Path(value).suffix.lower() not in CONVERTED_SUFFIXES:
        return None
    picture = followed(path.parent / value)
    if "://" in value or not picture.is_relative_to(pool.resolve()) or not is_file(picture):
        return None
    copy = shown_picture(picture, pool.resolve(), path, limits.image_pixels, f"image {value!r}")
    return "" if copy is None else os.path.relpath(copy, followed(path.parent))


def _say_unusable_lead_image(extra: Mapping[str, Any], pool: Path, path: Path) -> None:
    """Say, once and at its front matter's line, that the document's `image` cannot be
    shown: said by the renderers, it was said once per output process, at no line."""
    value = extra.get("image")
    if not value or (why := lead_image_problem(str(value), path, pool)) is None:
        return
    line = textfiles.line_of(textfiles.written_text(path), str(value))
    log.warning("%s: image %r left out: %s", textfiles.where(path, line), value, why)


@contextmanager
def _messages_naming(path: Path, shown_as: Path | None) -> Iterator[None]:
    """What a reader logs about a working copy (`path`), said of the file as the user
    knows it (`shown_as`), rather than of a temporary folder."""
    if shown_as is None:
        yield
        return
    records: list[logging.LogRecord] = []
    try:
        with held() as records:
            yield
    finally:
        for record in records:
            record.msg, record.args = record.getMessage().replace(str(path), str(shown_as)), ()
            logging.getLogger(record.name).handle(record)


def convert_document(
    path: Path,
    slug: str,
    default_language: str,
    reader: Reader | None = None,
    strict: bool = False,
    shown_as: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Converted:
    """The document read, validated and sanitised: all of `read_document` but confinement."""
    try:
        check_size(path, limits)
        if path.suffix.lower() in (".docx", ".odt"):
            check_office_zip(path, limits)
        with _messages_naming(path, shown_as):
            raw = (reader or EXTENSIONS[path.suffix.lower()]).read(path, id_prefix=f"{slug}-")
    except PublisherError as exc:  # pandoc converted text taken from the file: name the file
        for problem in exc.problems:  # as the user knows it, not as a working copy
            if problem.file in (None, path):
                problem.file = shown_as or path
            if shown_as:  # pandoc's own message names the file it read
                problem.message = problem.message.replace(str(path), str(shown_as))
        raise PublisherError(*exc.problems) from None
    # Text formats were cleaned line by line as they were read; office files and entities
    # (&#11;) can still bring control characters and text garbled by a wrong encoding in.
    meta, meta_source = front_matter_as_read(spelled_out(clean_mapping(raw.meta)), raw.meta_source)
    body_html = control_references_as_characters(raw.body_html)
    body_html, removed = strip_controls(repaired(body_html, shown_as or path, None))
    body_html = letters_for_ligatures(body_html)[0]  # "ﬁnancial", copied out of a PDF
    # Lists typed out as text made lists (of text without control characters, which lxml
    # refuses to write); links to files on the writer's disk by name.
    body_html = links_to_local_files_by_name(typed_lists(pdf_lines_joined(body_html)))
    body_html = as_letters(body_html)  # Arabic in a PDF's shapes, pasted into Word
    if removed:
        log.warning(
            "%s: removed invisible control characters (%s) written as character references"
            " or kept in the file's own format",
            shown_as or path,
            removed.describe(),
        )
    fields = document_fields(meta, path, meta_source, default_language, strict, raw.printed)
    if not declares_language(meta, path, meta_source is not None):
        if meta_source is not None:
            where = "its front matter (lang: {0}) or its file name ({1})"
        elif path.suffix.lower() == ".txt":  # which has none until the editor writes one
            where = "a line at its top (lang: {0}) over a blank line, or its file name ({1})"
        else:
            where = "its file name ({1})"
        fields["language"] = _language_told(
            [fields["title"], *_paragraphs(body_html)],
            fields["language"],
            where.replace("{1}", f"{_braced(path.stem)}.{{0}}{_braced(path.suffix)}"),
            shown_as or path,
        )
    if path.suffix.lower() in _RELEASES_READ:  # what a press release says to journalists
        body_html, fields["date"] = for_readers(body_html, fields["date"], shown_as or path)
        fields["title"] = without_label(fields["title"])
    heading = OPENING_HEADING.match(body_html)
    if not fields["title"] and heading and body_html.count("<h1") == 1:
        # Markdown from Obsidian, Notion or GitHub, a page without a <title>: the title is
        # the level-1 heading the text starts with, not the file name; unless other level-1
        # headings follow it, when it is the first section's
        fields["title"] = " ".join(plain_text(heading.group(1)).split())
        body_html = body_html[heading.end() :]
    elif heading and same_words(plain_text(heading.group(1)), str(fields["title"])):
        body_html = body_html[heading.end() :]  # the title again (`# {{ title }}`): once is enough
    elif (
        heading
        and path.suffix.lower() in HtmlReader.extensions
        and site_around(str(fields["title"]), plain_text(heading.group(1)))
    ):  # a web page's <title> names the site too: its headline is the title
        fields["title"] = " ".join(plain_text(heading.group(1)).split())
        body_html = body_html[heading.end() :]
    elif (
        not fields["title"]
        and path.suffix.lower() in WORD_PROCESSED
        and (memo := _memo_head(body_html))
    ):  # a memo typed in Word: "TO:", "FROM:", "DATE:", "RE:", a paragraph each
        fields["title"], date, body_html = memo
        fields["date"] = fields["date"] or date
    elif (
        not fields["title"]
        and path.suffix.lower() in WORD_PROCESSED
        and (typed := opening_bold_title(body_html))
    ):
        fields["title"], body_html = typed  # as a word processor's user types a title
    for name in ("title", "subtitle"):
        if len(fields[name]) > limits.title_length:
            raise PublisherError.at(
                f"the {name} is {len(fields[name]):,} characters long; at most"
                f" {limits.title_length} make a {name}",
                shown_as or path,
                meta_source.line(name) if meta_source else None,
                hint="move the rest into the body, " + _RAISE.format("title_length"),
            )
    fields["title"] = fields["title"] or fallback_title(path, plain_text(body_html))
    fields["summary"] = fields["summary"] or summary_before_more(body_html)
    for name in ("title", "subtitle", "summary"):
        fields[name] = typeset_text(fields[name], fields["language"])
    say_local_media(body_html, shown_as or path)
    body, lifted = lift_deep_lists(clean_html(body_html, max_depth=None))
    if lifted:
        log.warning(
            "%s: %d lists nested more than %d levels deep had their items moved up a level",
            shown_as or path,
            lifted,
            LIST_LEVELS,
        )
    body, flattened = flatten_deep_html(body, limits.html_depth)
    if flattened:
        log.warning(
            "%s: %d elements nested more than %d deep were unwrapped, keeping their text",
            shown_as or path,
            flattened,
            limits.html_depth,
        )
    body, laid_out = unwrapped_layout_tables(without_edge_rules(body))
    if laid_out:
        log.info(
            "%s: %s used to lay the page out set as text, cell after cell: check the order",
            shown_as or path,
            "a table" if laid_out == 1 else f"{laid_out} tables",
        )
    mended = mend_anchors(body)
    body = mended.body
    if mended.repeated_ids:
        log.warning(
            "%s: %s given to more than one element, kept on the first",
            shown_as or path,
            _ids_named(mended.repeated_ids, slug),
        )
    if mended.toc_lines:
        log.info(
            "%s: left out Word's table of contents (%d lines, with the Word file's page"
            " numbers): the outputs make their own",
            shown_as or path,
            mended.toc_lines,
        )
    if mended.unlinked:
        log.warning(
            "%s: %s to %s, which the document does not have, kept as text: add the anchor"
            " or correct the link",
            shown_as or path,
            "a link" if len(mended.unlinked) == 1 else f"{len(mended.unlinked)} links",
            _ids_named(mended.unlinked, slug),
        )
    body = with_text_mended(without_machine_words(body), fields["language"])
    document = Document(slug=slug, body_html=body, source=path, images=(), **fields)
    return Converted(document, tuple(written_sources(body_html)))


# Where one block of a body ends and another starts: the tags of paragraphs, list items,
# headings, quotations, table cells
_BLOCK_TAG = re.compile(r"</?(?:p|li|h[1-6]|blockquote|td|th|div|pre|dd|dt)\b[^>]*>")


def _paragraphs(body: str) -> list[str]:
    return [text for piece in _BLOCK_TAG.split(body) if (text := plain_text(piece).strip())]


def _braced(text: str) -> str:
    """`text` to stand as itself in a str.format template: a file named "{draft}.txt"."""
    return text.replace("{", "{{").replace("}", "}}")


def _language_told(paragraphs: list[str], language: str, where: str, shown: object) -> str:
    """The language a document that declares none is in: the one its letters or its words
    tell (`directions.language_told`), else `language`. Another is said, with `where` the
    editor may say so ({0} for the code)."""
    if (told := language_told(paragraphs, language)) is None:
        return language
    written_in, how = told
    log.info(
        "%s: read as %s by its %s, not %s: say so in %s",
        shown,
        described(written_in),
        how,
        described(language),
        where.format(written_in),
    )
    return written_in


def with_text_mended(body: str, language: str) -> str:
    """`body` (sanitised HTML) with long runs of words tied by no-break spaces spaced, the
    addresses written in it as text made links, its links through someone else's redirect
    leading to their address, its paragraphs written the other way from `language` marked
    so, its dashes typed as hyphens set as dashes (`dashes`), its quotation marks and
    French's spaces before punctuation set as each paragraph's language sets them, and its
    notes numbered in the language's digits: a document's and the editorial's alike.
    Paragraphs in another language in the same letters are marked with it (`passages`)."""
    marked = marked_directions(without_redirects(link_addresses(untied_words(body))), language)
    marked = marked_languages(marked, language)  # a Spanish paragraph in an English text
    typeset = spaced_punctuation(curl_quotes(dashed(marked, language), language), language)
    return with_note_numbers_in_digits(typeset, language)


def _memo_head(body: str) -> tuple[str, dt.date | None, str] | None:
    """A memo's head opening a Word file's `body` (`importers.memo_head.memo_head_html`),
    imported only for a file without a title."""
    from ..importers.memo_head import memo_head_html

    return memo_head_html(body)


_RAISE = "or raise {} under [limits] in publisher.toml"


def _ids_named(ids: tuple[str, ...], slug: str) -> str:
    """Ids as the document writes them (without the prefix that keeps them apart from
    other documents'), each once."""
    return ", ".join(sorted({"#" + found.removeprefix(f"{slug}-") for found in ids}))


def check_size(path: Path, limits: Limits) -> None:
    """Refuse a file too large to be an article before reading any of it."""
    size = path.stat().st_size
    if size > limits.document_size:
        raise PublisherError.at(
            f"the file is {describe_size(size)}, more than the"
            f" {describe_size(limits.document_size)} a document may be",
            path,
            hint="split it into several documents, " + _RAISE.format("document_size"),
        )


def check_office_zip(path: Path, limits: Limits) -> None:
    """A DOCX or ODT is a zip: refuse one that would inflate beyond reason, from its
    directory, before pandoc (or anything else) unpacks it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as office:
            members = office.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        opening = _opening(path)
        if opening == textfiles.OLE:  # what Word and LibreOffice write in place of the zip
            raise PublisherError.at(
                "a password-protected document, or a Word 97-2003 one named"
                f" {path.suffix}: publisher cannot read either",
                path,
                hint="open it in Word or LibreOffice, remove any password"
                " (File > Info > Protect Document), and save it as .docx",
            ) from None
        if opening.startswith(b"%PDF-"):  # renamed, or sent so: not to be opened and re-saved
            raise PublisherError.at(
                f"a PDF, named {path.suffix}", path, hint="rename it .pdf, then " + _PDF_HINT
            ) from None
        raise PublisherError.at(
            f"not a readable {path.suffix[1:].upper()} file ({exc})",
            path,
            hint="open it in its own program and save it again",
        ) from None
    inflated = sum(m.file_size for m in members)
    if inflated > limits.office_inflated_size:
        raise PublisherError.at(
            f"unpacks to {describe_size(inflated)}, more than the"
            f" {describe_size(limits.office_inflated_size)} an office document may",
            path,
            hint="save large images smaller, or split the document, "
            + _RAISE.format("office_inflated_size"),
        )
    compressed = sum(m.compress_size for m in members)
    if inflated > 1024 * 1024 and inflated > limits.office_compression_ratio * compressed:
        raise PublisherError.at(
            f"compressed {inflated / max(compressed, 1):.0f} to 1, more than the"
            f" {limits.office_compression_ratio:.0f} to 1 of any real document",
            path,
            hint="open it in its own program and save it again, "
            + _RAISE.format("office_compression_ratio"),
        )


def _opening(path: Path) -> bytes:
    """The file's first bytes, which say what it is whatever its name says."""
    with path.open("rb") as handle:
        return handle.read(len(textfiles.OLE))


_MORE = "<!--more-->"  # Hugo's, Jekyll's and WordPress's end of the summary


def summary_before_more(body_html: str) -> str:
    """The text before a `<!--more-->` marker, which blogs use as the post's summary."""
    before, marker, _ = body_html.partition(_MORE)
    return plain_text(before) if marker else ""


def fallback_title(path: Path, text: str = "") -> str:
    """The title of a document that names none: its file name as typed when it has spaces
    (an Obsidian note's, a Word file's: "Meeting Notes 2024-10"), else made readable from a
    slug ("rent-strike_update" → "Rent strike update"), each word written as `text` (the
    document's own) always writes it: "statement-palestine-2024" → "Statement Palestine
    2024", "wiki-ito-history" → "Wiki ITO history". A word the text writes in lower case
    anywhere is no name, whatever starts its sentences."""
    stem = named_by(path).stem
    if " " in stem.strip():
        return " ".join(stem.split())
    words = [_as_written(word.lower(), text) for word in re.split(r"[-_\s]+", stem) if word]
    title = " ".join(words)
    return title[:1].upper() + title[1:]


def _as_written(word: str, text: str) -> str:
    """`word` (in lower case) as `text` writes it, when always with capitals."""
    found = re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    written = Counter(match[0] for match in found)
    return word if not written or word in written else written.most_common(1)[0][0]
