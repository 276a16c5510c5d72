"""Pictures' descriptions (alt text): what a screen reader says, and what a reader with
pictures turned off sees, in a picture's place.

Word describes a picture by itself and says so in the description: "A group of people
holding signs Description automatically generated", "… AI-generated content may be
incorrect." (in the language of Word's menus). The words about the machine are left out;
its description stays, as a description.

LibreOffice keeps a picture's description in its frame, as its Text Alternative (the
frame's `<svg:title>`) and its Description (`<svg:desc>`): pandoc made the first a slug
of a title and read neither as the description, which is read here
(`odt_descriptions_read`) before pandoc reads the file.

A picture with no description at all is named when the document is read, with its line and
how to give it one: without one the web page fails the Nu HTML checker and the PDF fails
PDF/UA, and the email and the EPUB can only say nothing where the picture is.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from ..textfiles import line_at, line_of, where, written_text
from ..tree_edits import drop_keeping_tail

log = logging.getLogger(__name__)

# Sanitised HTML (html5ever's serialisation): attributes in double quotes.
_IMG = re.compile(r"<img\b[^>]*>")
_ALT = re.compile(r'(\salt=")([^"]*)(")')
_SRC = re.compile(r'\ssrc="([^"]*)"')
# What Word adds after its own description, in English, Spanish, French, German and
# Portuguese menus; the description may run straight into it ("AplicaciónEl contenido…").
_MACHINE_SAID = re.compile(
    r"(?:"
    r"Description automatically generated(?: with (?:high|medium|low) confidence)?"
    r"|AI-generated content may be incorrect"
    r"|Descripción generada automáticamente(?: con confianza (?:alta|media|baja))?"
    r"|El contenido generado por IA puede ser incorrecto"
    r"|Description générée automatiquement"
    r"|Le contenu généré par l[’']IA peut être incorrect"
    r"|Automatisch generierte Beschreibung"
    r"|KI-generierte Inhalte können (?:fehlerhaft|falsch) sein"
    r"|Descrição gerada automaticamente"
    r")\.?\s*$",
    re.IGNORECASE,
)


def without_machine_words(body: str) -> str:
    """`body` with Word's note that it wrote a picture's description itself left out of
    every description, the description kept."""
    if "alt=" not in body:
        return body

    def cleaned(match: re.Match[str]) -> str:
        said = html.unescape(match[2])
        if (note := _MACHINE_SAID.search(said)) is None:
            return match[0]
        kept = said[: note.start()].rstrip(" .\t\n")  # the note's own start: time linear in it
        return f"{match[1]}{html.escape(kept)}{match[3]}"

    return _ALT.sub(cleaned, body)


# What says a LibreOffice file's picture may have a description (see `office_copy`)
MARKS: dict[str, tuple[bytes, ...]] = {"odt": (b"<svg:title", b"<svg:desc")}
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"


def odt_descriptions_read(root: Any, kind: str) -> int:
    """Make, in place, each picture's Text Alternative (or, without one, its Description)
    in `root` (an OpenDocument file's content.xml) the text of its frame, which pandoc
    reads as the picture's description, the two taken out; how many pictures were
    described. (`kind` is "odt": pandoc reads a Word file's descriptions itself.)"""
    described = 0
    for frame in root.iter(f"{{{_DRAW}}}frame"):
        if frame.find(f"{{{_DRAW}}}image") is None:
            continue
        said = [
            (element, " ".join("".join(element.itertext()).split()))
            for element in frame
            if element.tag in (f"{{{_SVG}}}title", f"{{{_SVG}}}desc")
        ]
        if not said:
            continue
        titles = [words for element, words in said if element.tag.endswith("title") and words]
        descriptions = [words for _, words in said if words]
        for element, _ in said:
            drop_keeping_tail(element)
        if description := (titles or descriptions or [""])[0]:
            frame.text = description + (frame.text or "")
            described += 1
    return described


def say_undescribed(body: str, source: Path) -> None:
    """Warn, once for `source`, of the pictures of `body` that have no description (no alt,
    or an empty one), each with its line when the source is text, and how to describe it."""
    tags = _IMG.findall(body)
    unnamed = [number for number, tag in enumerate(tags, 1) if not _description(tag)]
    if not unnamed:
        return
    text = written_text(source)
    lines = _lines_of(tags, text)
    pictures: dict[str, int | None] = {}  # each picture as the editor knows it → its line
    for number in unnamed:
        src, line = lines[number - 1]
        if line and PurePosixPath(src).name not in text:  # known by its line alone
            pictures.setdefault(f"{_KEPT_INSIDE_SAID} {line}", line)
        else:  # a Word file's pictures by their place in it, not by their copies' names
            pictures.setdefault(src if line else f"picture {number} of {len(tags)}", line)
    written = text.split("\n")
    shortcodes = all(line and _FIGURE.search(written[line - 1]) for line in pictures.values())
    how = _SHORTCODE_FIX if shortcodes else _how_to_describe(source)
    if len(pictures) == 1:
        [(picture, line)] = pictures.items()
        log.warning(
            "%s: %s has no description (alt text) for readers who cannot see it: %s",
            where(source, line),
            _said(picture, line, alone=True),
            how,
        )
        return
    log.warning(
        "%s: %d pictures have no description (alt text) for readers who cannot see them: %s; %s",
        source,
        len(pictures),
        ", ".join(_said(picture, line, alone=False) for picture, line in pictures.items()),
        how,
    )


_KEPT_INSIDE_SAID = "the picture kept inside the text"


def _said(picture: str, line: int | None, alone: bool) -> str:
    """How a warning names `picture` (as `say_undescribed` knows it), at `line`: `alone`,
    in a warning that gives the line already, or in a list of them."""
    if picture.startswith(_KEPT_INSIDE_SAID):
        return _KEPT_INSIDE_SAID if alone else f"{_KEPT_INSIDE_SAID} (line {line})"
    if not line:
        return picture  # "picture 2 of 3"
    return f"the picture {picture}" if alone else f"{picture} (line {line})"


# Hugo's figure shortcode, described by its own alt="…"
_FIGURE = re.compile(r"\{\{[<%]\s*figure\b")
_SHORTCODE_FIX = 'give each figure shortcode alt="what the picture shows"'


def _lines_of(tags: list[str], text: str) -> list[tuple[str, int | None]]:
    """Each <img> of `tags` with its src and the line of `text` it is written on: a picture
    shown twice is found at its second place the second time (the undescribed one was
    named at the line of the first, described)."""
    found: list[tuple[str, int | None]] = []
    after: dict[str, int] = {}  # a picture's name → the line of its last place found
    inside: dict[str, list[int]] | None = None  # the text's pictures kept inside it
    for tag in tags:
        named = _SRC.search(tag)
        src = unquote(html.unescape(named[1])) if named else ""
        name = PurePosixPath(src).name
        line = line_of(text, name, start=after.get(name, 0) + 1) if text and src else None
        if line is None and text and _KEPT_INSIDE.fullmatch(name):
            inside = _kept_inside(text) if inside is None else inside
            line = next((at for at in inside.get(name, []) if at > after.get(name, 0)), None)
        if line is None and text and src and name in after:  # fewer places than pictures
            line = after[name]
        if line:
            after[name] = line
        found.append((src, line))
    return found


# The name a picture kept inside the text (a data: address) is saved under
# (`resources.inline_picture_name`), and such an address as the text writes it
_KEPT_INSIDE = re.compile(r"picture-[0-9a-f]{12}\.[a-z]+")
_DATA_ADDRESS = re.compile(r"data:image/[\w.+-]+[^\s\"')>]*")


def _kept_inside(text: str) -> dict[str, list[int]]:
    """The lines of each picture `text` keeps inside it, by the name it is saved under: its
    own line, or, for a reference's definition (`[image1]: <data:…>`), those of the pictures
    that name it (`![][image1]`). Each is looked for once, in one pass over the text."""
    from ..resources import embedded_picture, inline_picture_name

    uses: dict[str, list[int]] = {}  # a reference's label → the lines of the pictures naming it
    for use in _NAMED_PICTURE.finditer(text):
        label = (use[2] or use[1]).casefold()
        uses.setdefault(label, []).append(line_at(text, use.start()))
    lines: dict[str, list[int]] = {}
    for found in _DATA_ADDRESS.finditer(text):
        try:
            name = inline_picture_name(*embedded_picture(html.unescape(found[0])))
        except (ValueError, KeyError):
            continue  # none the build saves: its own warning says why
        start = text.rfind("\n", 0, found.start()) + 1
        defined = _DEFINED.fullmatch(text, start, found.start())
        shown = uses.get(defined[1].casefold(), []) if defined else []
        lines.setdefault(name, []).extend(shown or [line_at(text, found.start())])
    return lines


# A reference's definition (`[image1]: <data:…>`, as Google Docs' Markdown download puts its
# pictures at the end), up to where its address begins; and a picture naming one, fully
# (`![words][image1]`) or by its words (`![image1][]`)
_DEFINED = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*<?$", re.MULTILINE)
_NAMED_PICTURE = re.compile(r"!\[([^\]\n]*)\]\[([^\]\n]*)\]")


def _description(tag: str) -> str:
    found = _ALT.search(tag)
    return html.unescape(found[2]).strip() if found else ""


def _how_to_describe(source: Path) -> str:
    """How a picture is given a description in the kind of file `source` is."""
    suffix = source.suffix.lower()
    if suffix == ".docx":
        return "in Word, right-click each picture, then Edit Alt Text (or View Alt Text)"
    if suffix in (".odt", ".fodt"):
        return "in LibreOffice, right-click each picture, Properties, Options: Text Alternative"
    if suffix == ".rtf":
        return (
            "Rich Text keeps none: open it in Word or LibreOffice, describe each picture there"
            " (right-click it) and save it as .docx"
        )
    if suffix in (".html", ".htm", ".xhtml"):
        return 'give each <img> an alt="what the picture shows"'
    return "write what each shows between its brackets: ![What the picture shows](picture.jpg)"
