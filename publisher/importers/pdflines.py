"""A PDF's lines, as PyMuPDF reads them: each with its text, its place on the page, its
type size and whether it is bold, in the order of the PDF's blocks. What the layout, or
MuPDF, drew apart is put back together: a list item's marker drawn as a line of its own
goes before its text; a line justified with wide spaces, given in pieces, is one line; a
ligature's letters in a right-to-left line are in their order; and a footnote's raised
number stands out in its line's text (between NOTE characters) until `pdfdocument`
knows whether a note goes with it. A PDF that cannot be read, is locked, or holds only
pictures of pages is named with what to ask for.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PublisherError
from ..readers.directions import direction_of, has_right_to_left
from .pdftext import closing_marks_at_ends

MARGIN = 0.1  # of the page's height, at its top and bottom: where headers and footers are
_BOLD = 16  # PyMuPDF's span flags
_ITALIC = 2
_SUPERSCRIPT = 1
_STYLES = {_BOLD: "strong", _ITALIC: "em"}
NOTE = "\x00"  # around a raised number in a line's text, until it is known to be a note's
RAISED = re.compile(f"{NOTE}(\\d{{1,3}}){NOTE}")
_NOTE_NUMBER = re.compile(r"\d{1,3}")


@dataclass(frozen=True)
class Line:
    text: str
    size: float  # the largest type in it, in points
    bold: bool  # bold throughout
    in_margin: bool
    box: tuple[float, float, float, float]  # left, top, right, bottom

    @functools.cached_property
    def right_to_left(self) -> bool:
        """Whether most of the line's letters are Arabic, Farsi or Hebrew, told once: its
        column and its wrapping ask again and again."""
        return direction_of(self.text) == "rtl"


LEADERS = re.compile(r"(?:[.·…]\s*){3,}")  # a contents entry's, before its page number
# A list item's marker, which some PDFs draw apart from its text.
_MARKER = re.compile(r"^([•◦▪▫‣●○■□–\-*·]|\(?\d{1,3}[.)]|\(?[a-z][.)])$")


def pdf_lines(data: bytes, source: Path) -> tuple[list[list[list[Line]]], str]:
    """Each page's text blocks, each block its lines, in the order the PDF gives them; and
    what is damaged in it ("" if nothing), in MuPDF's words, which are kept for the
    editor's report rather than printed as MuPDF would."""
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    pymupdf.TOOLS.reset_mupdf_warnings()
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises its own and plain RuntimeErrors alike
        raise PublisherError.at(
            f"this PDF cannot be read: it is damaged, or no PDF ({exc})",
            source,
            hint="open it in a PDF reader; if it opens, save or print it to a new PDF",
        ) from None
    with document:
        if document.needs_pass:
            raise PublisherError.at(
                "this PDF is locked with a password",
                source,
                hint="ask for the file it was made from, or for a copy without the password",
            )
        pages = [_page_blocks(page) for page in document]
        text = any(line.text.strip() for blocks in pages for b in blocks for line in b)
        # only a PDF without text is looked through for pictures (a scan)
        pictures = not text and any(page.get_images() for page in document)
    damage = _damage(pymupdf.TOOLS.mupdf_warnings())
    if damage and not text:
        raise PublisherError.at(
            f"this PDF is damaged ({damage}): no text could be read from it",
            source,
            hint="download or copy it again; if it opens in a PDF reader, save or print it"
            " to a new PDF",
        )
    if pictures and not text:
        raise PublisherError.at(
            "this PDF has no text, only pictures of its pages (a scan)",
            source,
            hint="ask for the file it was made from, or give it text first with OCR"
            " (ocrmypdf, or your scanner's 'searchable PDF')",
        )
    return pages, damage


def _damage(warnings: str) -> str:
    """MuPDF's first line about what it found broken, if it found anything."""
    found = [line for line in warnings.splitlines() if "error" in line or "broken" in line]
    return found[0].strip()[:120] if found else ""


def _page_blocks(page: Any) -> list[list[Line]]:
    height = page.rect.height or 1
    links = _links(page)
    blocks = []
    for block in _text_blocks(page):
        lines = []
        for line in block.get("lines", []):
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            styled = _partly_styled(spans)
            text = "".join(_span_text(s, links, styled) for s in line["spans"]).strip()
            text, _ = closing_marks_at_ends(text)  # "!" drawn at an Arabic line's left end
            box = tuple(line["bbox"])
            lines.append(
                Line(
                    text,
                    max(s["size"] for s in spans),
                    all(s["flags"] & _BOLD for s in spans),
                    box[3] < height * MARGIN or box[1] > height * (1 - MARGIN),
                    box,
                )
            )
        if lines:
            blocks.append(_pieces_joined(lines))
    return _markers_with_their_items(blocks)


def _pieces_joined(lines: list[Line]) -> list[Line]:
    """A line PyMuPDF gives in pieces, where justifying set its spaces wide (a narrow
    column: "revised", "the", "FTI" side by side), made one line again. Not in the
    page's margins: a running header's parts (the paper's name on the left, the article's
    on the right) are each known for a header by recurring alone. Nor a contents entry's
    dot leaders and page number: the entry's words alone on their line are what the
    plain-text reader knows for an entry (joined, they were taken for posts' titles)."""
    joined: list[Line] = []
    for line in lines:
        apart = line.in_margin or LEADERS.match(line.text)
        if joined and not (apart or joined[-1].in_margin) and _side_by_side(joined[-1], line):
            before = joined[-1]
            if direction_of(before.text + line.text) == "rtl":
                first, second = sorted((before, line), key=lambda piece: -piece.box[2])
            else:
                first, second = sorted((before, line), key=lambda piece: piece.box[0])
            joined[-1] = Line(
                f"{first.text} {second.text}",
                max(first.size, second.size),
                first.bold and second.bold,
                first.in_margin and second.in_margin,
                (
                    min(first.box[0], second.box[0]),
                    min(first.box[1], second.box[1]),
                    max(first.box[2], second.box[2]),
                    max(first.box[3], second.box[3]),
                ),
            )
        else:
            joined.append(line)
    return joined


def _side_by_side(one: Line, other: Line) -> bool:
    """Whether two lines are on one baseline, neither over the other."""
    shared = min(one.box[3], other.box[3]) - max(one.box[1], other.box[1])
    lower = min(one.box[3] - one.box[1], other.box[3] - other.box[1])
    apart = other.box[0] >= one.box[2] - 1 or one.box[0] >= other.box[2] - 1
    return apart and shared >= lower * 0.6


def _text_blocks(page: Any) -> list[dict[str, Any]]:
    """The page's blocks of text as PyMuPDF gives them, each span with its "text". A page
    in a right-to-left script is read character by character, for the ligatures MuPDF
    turns around (`_span_characters`); the others need not be."""
    import pymupdf

    laid_out = page.get_textpage(flags=pymupdf.TEXTFLAGS_DICT)  # read once, given one way
    if not has_right_to_left(laid_out.extractText()):
        blocks: list[dict[str, Any]] = page.get_text("dict", textpage=laid_out)["blocks"]
        return blocks
    extras = _ligature_extras(page)
    blocks = page.get_text("rawdict", textpage=laid_out)["blocks"]
    for block in blocks:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                span["text"] = _span_characters(span["chars"], extras)
    return blocks


def _span_characters(characters: list[dict[str, Any]], extras: Extras) -> str:
    """A span's text from its characters, in their order but where MuPDF turned a
    ligature's letters around. A ligature glyph stands for its letters (Arabic's lam and
    alef, "لا", "لأ"); MuPDF gives the first the glyph and each other one no width at its
    end (`_ligature_extras`), and in a right-to-left line, read from the right, puts
    that one first: "لا" was read "ال", "الأجور" "األجور"."""
    letters = [character["c"] for character in characters]
    for at in range(len(characters) - 1):
        extra = _is_extra(characters[at], extras)
        if extra and unicodedata.bidirectional(letters[at + 1]) in ("R", "AL"):
            letters[at], letters[at + 1] = letters[at + 1], letters[at]
    return "".join(letters)


Extras = dict[tuple[str, float], list[float]]  # (letter, baseline): where on it (left side)


def _is_extra(character: dict[str, Any], extras: Extras) -> bool:
    """Whether a character is one of a ligature's letters after its first (which have no
    width)."""
    left, _, right, _ = character["bbox"]
    if right - left > 0.01:
        return False
    places = extras.get((character["c"], round(character["origin"][1], 1)), [])
    return any(abs(left - place) < 0.25 for place in places)


def _ligature_extras(page: Any) -> Extras:
    """Where the letters of a ligature glyph after the first are: MuPDF's trace of the
    page's glyphs marks each with no glyph of its own (-1), after the glyph it is in."""
    extras: Extras = {}
    for span in page.get_texttrace():
        glyph = None
        for character in span["chars"]:  # (code, glyph, origin, bbox)
            if character[1] != -1:
                glyph = character
            elif glyph is not None:
                key = (chr(character[0]), round(glyph[2][1], 1))
                extras.setdefault(key, []).append(glyph[3][2])
    return extras


def _partly_styled(spans: list[dict[str, Any]]) -> int:
    """The styles (bold, italic) some of a line's spans are set in and others not: what
    the line stresses. A line set all in one is a heading's or a quotation's, left to
    the type size and the plain-text reader."""
    flags = [span["flags"] for span in spans]
    return sum(
        style
        for style in _STYLES
        if any(f & style for f in flags) and not all(f & style for f in flags)
    )


def _span_text(span: dict[str, Any], links: list[tuple[Any, str]], styled: int) -> str:
    """A span's text, as HTML: a PDF's "<" or "&" is a character, never markup (as in
    pasted text it may be), so "<why>" stays. A footnote's number raised above the line
    stands out as one, the text under a link is one to its target (a word processor sets a
    link's text in a style of its own, so a span of its own), and words the line stresses
    are emphasis."""
    text: str = span["text"]
    if span["flags"] & _SUPERSCRIPT and _NOTE_NUMBER.fullmatch(text.strip()):
        return f"{NOTE}{text.strip()}{NOTE}"
    if not text.strip():
        return text
    lead, words, trail = _LEADING.match(text).groups()  # type: ignore[union-attr]
    words = html.escape(words, quote=False)
    middle = ((span["bbox"][0] + span["bbox"][2]) / 2, (span["bbox"][1] + span["bbox"][3]) / 2)
    target = next((target for area, target in links if area.contains(middle)), None)
    if target is not None:
        words = f'<a href="{html.escape(target)}">{words}</a>'
    for style, tag in _STYLES.items():
        if styled & style & span["flags"]:
            words = f"<{tag}>{words}</{tag}>"
    return f"{lead}{words}{trail}"


def _links(page: Any) -> list[tuple[Any, str]]:
    """The page's links to web pages and mail addresses, where they are on it: links to
    scripts, files or other programs stay behind."""
    return [
        (link["from"], link["uri"])
        for link in page.get_links()
        if str(link.get("uri", "")).lower().startswith(("https://", "http://", "mailto:"))
    ]


def rejoined(text: str) -> str:
    """A link or an emphasis cut in two, by a word in another style inside it or by a
    line's end, made one (in the whole text, once its lines are joined)."""
    text = _SPLIT_LINK.sub(r"\1\3", text)
    return _SPLIT_STYLE.sub(r"\2", text)


_LEADING = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)
_SPLIT_LINK = re.compile(r'(<a href="([^"]*)">(?:(?!</a>).)*)</a>( ?)<a href="\2">')
_SPLIT_STYLE = re.compile(r"</(strong|em)>( ?)<\1>")


def _markers_with_their_items(blocks: list[list[Line]]) -> list[list[Line]]:
    """List markers drawn as lines of their own put back before the text on their line."""
    markers = [line for block in blocks for line in block if _MARKER.match(line.text)]
    if not markers:
        return blocks
    placed: set[int] = set()
    result = []
    for block in blocks:
        lines = []
        for line in block:
            if _MARKER.match(line.text):
                continue
            marker = next(
                (
                    m
                    for m in markers
                    if id(m) not in placed
                    and m.box[2] <= line.box[0] + 1
                    and line.box[1] <= (m.box[1] + m.box[3]) / 2 <= line.box[3]
                ),
                None,
            )
            if marker is not None:
                placed.add(id(marker))
                line = dataclasses.replace(line, text=f"{marker.text} {line.text}")
            lines.append(line)
        if lines:
            result.append(lines)
    # a marker with no text beside it is text after all
    unplaced = [[m] for m in markers if id(m) not in placed]
    return result + unplaced if unplaced else result
