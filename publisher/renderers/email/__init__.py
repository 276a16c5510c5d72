"""Email: a responsive HTML newsletter (MJML, CSS inlined) that fits Gmail's size budget,
its plain-text twin, and a ready-to-send .eml whose per-recipient parts are placeholders
that delivery fills in."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ...errors import PublisherError
from ...model import Issue, text_direction
from ...output import Artifact
from ..base import IssueRenderer, RenderContext, template_errors_are_the_editors
from ..images import email_images
from .band import band_colour
from .budget import GMAIL_CLIP_BYTES, clipped_by_gmail, fit
from .content import email_body, inbox_preview, prepare
from .mime import build_message, unsubscribe_url

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["EmailRenderer"]

log = logging.getLogger(__name__)


class EmailRenderer(IssueRenderer):
    name: ClassVar[str] = "email"

    def render(self, issue: Issue, ctx: RenderContext) -> list[Artifact]:
        config = ctx.config
        with template_errors_are_the_editors(config.style.theme):
            band = band_colour(ctx.templates)
        values: dict[str, Any] = {
            "issue": issue,
            "band": band,
            "subject": ctx.issue_title(issue),
            "preview": inbox_preview(issue),
            "view_online_url": ctx.issue_url(issue),
            "unsubscribe_url": unsubscribe_url(ctx),
            "articles": {
                doc.slug: prepare(doc, config.documents_dir, config.base_url)
                for doc in issue.documents
            },
            # The editorial's images and tables, like the articles', made for email.
            "editorial": email_body(
                issue.editorial_html, config.documents_dir, config.base_url, issue.source
            ),
            **email_images(issue, config.style, config.documents_dir, config.base_url),
        }

        css = self.render_template(ctx, "email.css", band=band)

        def html_with(excerpted: frozenset[str]) -> str:
            mjml = self.render_template(ctx, "newsletter.mjml", excerpted=excerpted, **values)
            return to_email_html(mjml, css, ctx.templates_dir / "email")

        fitted = fit([doc.slug for doc in issue.documents], config.email_mode, html_with)
        report = f"{issue.folder}: email HTML {fitted.size / 1024:.1f} KB, {fitted.describe()}"
        if clipped_by_gmail(fitted.size):
            fix = (
                "set [email] mode to auto or excerpt"
                if fitted.mode == "full"
                else "split the issue in two"
            )
            log.warning(
                "%s; Gmail clips HTML over %d KB: %s", report, GMAIL_CLIP_BYTES // 1024, fix
            )
        else:
            log.info(report)
        text = to_plain_text(
            self.render_template(ctx, "text.html", excerpted=fitted.excerpted, **values),
            issue.language,
        )
        folder = issue.folder
        return [
            Artifact.text(f"{folder}/email.html", fitted.html),
            Artifact.text(f"{folder}/email.txt", text),
            Artifact(Path(f"{folder}/email.eml"), build_message(issue, ctx, text, fitted.html)),
        ]


def to_email_html(mjml_source: str, css: str, overrides: Path | None = None) -> str:
    """MJML's responsive, Outlook-safe tables, with the theme's `css` inlined into style
    attributes (many clients drop <style>). MJML's own <style> (Outlook resets, responsive
    and dark-scheme @media rules) stays as MJML made it: inlining its resets into every
    table cell would spend a third of Gmail's budget on repetition. `overrides`: the
    workspace's email templates, where an element MRML refuses is looked for."""
    import css_inline
    from mjml import mjml2html

    try:
        html = mjml2html(_code_lines_kept(mjml_source), disable_comments=True, fonts={})
    except ValueError as exc:  # MRML's parser gives up, saying neither where nor why
        if unsupported := _unsupported(mjml_source, overrides):
            raise unsupported from None
        raise _unreadable(str(exc), mjml_source, overrides) from None
    inliner = css_inline.CSSInliner(
        inline_style_tags=False,
        keep_style_tags=True,
        extra_css=css,
        load_remote_stylesheets=False,
    )
    return inliner.inline(html)


_PRE = re.compile(r"<pre[\s>].*?</pre>", re.DOTALL | re.IGNORECASE)


def _code_lines_kept(mjml_source: str) -> str:
    """`mjml_source` with the line breaks inside each <pre> written as `&#10;`: MRML drops
    a run of white space that starts a line between two elements, which is where pandoc
    breaks the lines of a code block (one <span> a line), so every program in an email ran
    on one line. A character reference is the same line break to every mail program."""
    return _PRE.sub(lambda pre: pre.group().replace("\n", "&#10;"), mjml_source)


def _unsupported(mjml_source: str, overrides: Path | None) -> PublisherError | None:
    """The first MJML element of the email that MRML refuses (`elements.UNSUPPORTED`), at
    its line in the override that has it, or as the line reads when none does (a theme's)."""
    from .elements import UNSUPPORTED, unsupported_elements

    found = next(unsupported_elements(mjml_source), None)
    if found is None:
        return None
    element, line = found
    file = None
    for template in _mjml_files(overrides):
        if here := next(unsupported_elements(template.read_text(encoding="utf-8")), None):
            (element, line), file = here, template
            break
    said = (
        f"template error: <{element}> is an MJML element that MRML, the MJML engine"
        " publisher uses, does not support"
    )
    if file is None:
        said += f": {mjml_source.split(chr(10))[line - 1].strip()[:160]}"
    return PublisherError.at(said, file, line, hint=f"take it out: {UNSUPPORTED[element]}")


def _unreadable(said: str, mjml_source: str, overrides: Path | None) -> PublisherError:
    """MRML's refusal of the email's MJML (`said`: "unexpected end of stream in root
    template"), as the element left open in the workspace's override that has one, at its
    line; else with the line of the email's MJML that opens it (a template's left open
    only across files, or the theme's own)."""
    import jinja2

    from .elements import left_open, without_jinja

    for template in _mjml_files(overrides):
        source = template.read_text(encoding="utf-8")
        if found := left_open(without_jinja(jinja2.Environment(), source)):
            return PublisherError.at(
                f"template error: <{found.element}> is not closed",
                template,
                found.line,
                f"{_close(found.element, found.before)}, or delete {template} to use the theme's",
            )
    found = left_open(mjml_source)
    if found is None:
        return PublisherError.at(
            f"template error: the email's MJML cannot be read ({said})",
            hint="compare the email's templates in templates/email/ with the theme's, or"
            " delete them to use the theme's",
        )
    line = mjml_source.split("\n")[found.line - 1].strip()
    shown = line if len(line) <= 160 else line[:159] + "…"
    return PublisherError.at(
        f"template error: the email's MJML cannot be read ({said}): <{found.element}> is"
        f" not closed, in {shown}",
        hint=f"{_close(found.element, None)} in the template that opens it, or delete the"
        " email's templates in templates/email/ to use the theme's",
    )


def _close(element: str, before: tuple[str, int] | None) -> str:
    """How to close `element`: before the closing tag met in its place, and its line."""
    return f"close it with </{element}>" + (
        f" before </{before[0]}> on line {before[1]}" if before else ""
    )


def _mjml_files(overrides: Path | None) -> list[Path]:
    """The workspace's email templates of MJML, in a stable order."""
    return sorted(overrides.rglob("*.mjml")) if overrides and overrides.is_dir() else []


def to_plain_text(html: str, language: str = "en") -> str:
    """The plain-text part, without the soft hyphens and zero-width spaces a pasted text
    carries: hints to the HTML part's and the PDF's line breaking, which mail programs
    show in plain text as hyphens or boxes inside words. A right-to-left issue's text is
    not wrapped: the mail program wraps each paragraph to its window, so no line of it can
    start with an English name and turn; and its lines say their direction
    (`_lines_marked`). A left-to-right issue's text is wrapped, but for its paragraphs
    written right to left, kept so and marked (`_right_to_left_lines_marked`). A phrase
    written the other way inside a sentence is isolated in both (`_blocks_tagged`)."""
    from ... import pandoc
    from ...controls import without_break_hints

    html, styles = _lists_tagged(html)
    direction = text_direction(language)
    if direction == "ltr":
        if 'dir="rtl"' in html:
            html = _blocks_tagged(html, direction, only="rtl")
        text = pandoc.html_to_text(html, columns=72)
        text = without_break_hints(_lists_in_digits(text, styles)).strip()
        return _right_to_left_lines_marked(text) + "\n"
    html = _blocks_tagged(html, direction)
    text = pandoc.html_to_text(html, columns=72, wrap=False)
    text = without_break_hints(_lists_in_digits(text, styles)).strip()
    return _lines_marked(text, direction) + "\n"


# A numbered list's counter style carried through pandoc as a private-use character opening
# each of its items (one character a style), for its numbers to be put in its digits.
_LIST_TAGS = re.compile("[\ue010-\ue0ff]")
_NUMBERED_ITEM = re.compile(r"^( *)(\d+)([.)] +)([\ue000\ue001]?)([\ue010-\ue0ff])", re.M)
_ITEM_BLOCKS = ("p", "div")


def _lists_tagged(html: str) -> tuple[str, dict[str, str]]:
    """`html` (text.html) with each item of a list counted in other digits than 0–9 tagged
    with its counter style, since pandoc numbers every list 1. 2.; and the styles by their
    tags. A list counts so in its language's digits (a Farsi list, "۱." "۲." in the HTML
    part: `numerals.with_lists_in_digits`) or in those its author typed ("١." "٢." in an
    Arabic letter: `typed_lists`). A note's number is the filter's (plain-text.lua)."""
    from ...numerals import COUNTER_STYLES
    from ...sanitize import kept_declaration
    from ...tree_edits import body_html, body_tree, with_class

    if "list-style-type" not in html:
        return html, {}
    root = body_tree(html)
    tags: dict[str, str] = {}
    for numbered in root.iter("ol"):
        own = numbered.get("style", "")
        declared = kept_declaration(own, "list-style-type", frozenset(COUNTER_STYLES))
        if declared is None:
            continue
        if numbered.xpath(with_class("footnotes", axis="ancestor::")):
            continue
        tag = tags.setdefault(declared.partition(": ")[2], chr(0xE010 + len(tags)))
        for item in numbered.iterchildren("li"):
            while not (item.text or "").strip() and len(item) and item[0].tag in _ITEM_BLOCKS:
                item = item[0]  # a loose list's <li><p>: its paragraph opens the item
            item.text = tag + (item.text or "").lstrip()
    return (body_html(root) if tags else html), {tag: style for style, tag in tags.items()}


def _lists_in_digits(text: str, styles: dict[str, str]) -> str:
    """`text` (pandoc's) with the number of each item `_lists_tagged` tagged in its list's
    digits ("۱.  پرداخت دستمزد", not "1."), and without the tags."""
    from ...numerals import in_counter_digits

    def numbered(item: re.Match[str]) -> str:
        indent, number, after, direction, tag = item.groups()
        return indent + in_counter_digits(number, styles[tag]) + after + direction

    if not styles:
        return text
    return _LIST_TAGS.sub("", _NUMBERED_ITEM.sub(numbered, text))


# A block's direction carried through pandoc as a private-use character opening its text,
# made a mark of that direction at the start of its line afterwards. A block tagged right to
# left is also kept on one line by pandoc (plain-text.lua), which the mail program wraps.
_TAGS = {"rtl": "\ue000", "ltr": "\ue001"}
_TAGGED = re.compile("[\ue000\ue001]")
_TEXT_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "pre")
_ADDRESS = re.compile(r"<[^<>\s]+>")  # pandoc's <https://…>, <name@example.org>

# The elements of a sentence that a phrase written the other way is marked with in the HTML
# part (<span lang="ar" dir="rtl">); HTML sets each apart from the words around it.
_PHRASES = ("span", "bdi", "a", "em", "strong", "i", "b", "q", "cite", "code", "abbr", "small")
# Unicode's isolates (RIGHT-TO-LEFT / LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE):
# plain text's way of setting a phrase apart as HTML's dir does.
_ISOLATES = {"rtl": "\u2067", "ltr": "\u2066"}
_POP_ISOLATE = "\u2069"


def _blocks_tagged(html: str, direction: str, only: str | None = None) -> str:
    """`html` (text.html) with each block's text opening with the tag of the direction it
    has in the HTML part: its own `dir` (a paragraph written the other way), its
    article's, or the issue's; with `only`, only the blocks of that direction outside
    tables (a cell's list is words of its row's line). And each phrase with a `dir` of its
    own isolated (`_phrases_isolated`)."""
    from ...tree_edits import body_html, body_tree

    root = body_tree(html)
    root.set("dir", direction)
    _phrases_isolated(root)
    for block in root.iter(*_TEXT_BLOCKS):
        inner = next(block.iterdescendants(*_TEXT_BLOCKS), None)
        if inner is not None and not (block.text or "").strip():
            continue  # <li><p>: its paragraph is tagged
        own = str(block.xpath("string(ancestor-or-self::*[@dir][1]/@dir)"))
        tag = _TAGS.get(own, _TAGS[direction])
        if only is None or (tag == _TAGS[only] and not block.xpath("ancestor::td|ancestor::th")):
            block.text = tag + (block.text or "").lstrip()
    del root.attrib["dir"]
    return body_html(root)


def _phrases_isolated(root: HtmlElement) -> None:
    """Each phrase of `root` with a `dir` other than its surroundings' between the isolate
    of its direction and its end (U+2067 or U+2066 … U+2069), as HTML sets it apart.
    Plain, "In كفر المناسج 3,000 workers struck" was shown "In 3,000 كفر المناسج
    workers": the bidirectional algorithm takes a figure after Arabic letters for
    Arabic's. An address in an English sentence is not: marks around it are no use there,
    and a mail program may take them into the address it links."""
    for phrase in root.iter(*_PHRASES):
        isolate = _ISOLATES.get(phrase.get("dir", ""))
        around = phrase.xpath("string(ancestor::*[@dir][1]/@dir)")
        if isolate is None or phrase.get("dir") == around:
            continue  # an address in an English sentence: no invisible marks around it
        before = phrase.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + isolate
        else:
            parent = phrase.getparent()
            parent.text = (parent.text or "") + isolate
        phrase.tail = _POP_ISOLATE + (phrase.tail or "")


def _lines_marked(text: str, direction: str) -> str:
    """`text` of a right-to-left issue (one line a paragraph, list item, heading, table
    row: not wrapped) with each line opening with a mark of its block's direction.

    Mail programs set plain text line by line, each the way its first letter runs
    (Unicode's bidirectional algorithm; a few judge the whole message by its first line):
    the issue's first line, opening with the newsletter's English name, turned the whole
    message left to right, and a line of an Arabic paragraph wrapped before a company's
    English name ran left to right. A right-to-left mark (U+200F) sets an Arabic or Farsi
    line right to left, a left-to-right mark (U+200E) an English one. A line without a
    block's start goes the way of the line above it (a line after a line break); after a
    blank line, the way its own words run (a table's row, a web address pandoc lists
    under an article, "[2]: https://…"), else the issue's way: an English table's rows
    and links under an English article had the issue's right-to-left mark."""
    from ...readers.directions import opening_direction

    lines, current = [], ""
    for line in text.split("\n"):
        if not line.strip():
            lines.append(line)
            current = ""
            continue
        if tag := _TAGGED.search(line):
            current = "rtl" if tag.group() == _TAGS["rtl"] else "ltr"
            line = _TAGGED.sub("", line)
        current = current or opening_direction(line) or direction
        lines.append(_line_marked(line, current))
    return "\n".join(lines)


def _right_to_left_lines_marked(text: str) -> str:
    """`text` of a left-to-right issue with the lines of its right-to-left blocks (tagged,
    each one line) opening with a right-to-left mark, as a right-to-left issue's
    (`_lines_marked`); the rest as pandoc wrapped it. Wrapped and unmarked, a mail program
    set an Arabic paragraph in an English issue as lines starting at the left, its full
    stop at the start of its sentence."""
    if _TAGS["rtl"] not in text:
        return text
    lines, current = [], False
    for line in text.split("\n"):
        if not line.strip():
            current = False
        elif _TAGS["rtl"] in line or current:
            current = True
            line = _line_marked(line.replace(_TAGS["rtl"], ""), "rtl")
        lines.append(line)
    return "\n".join(lines)


def _line_marked(line: str, direction: str) -> str:
    """`line` opening with the mark of `direction`. Addresses in a right-to-left line
    (<https://…>) are kept left to right between left-to-right marks: unmarked, the
    brackets and the closing slash went to the other end ("</https://…/ar>"). The marks
    stand outside the brackets, leaving the address for the mail program to link."""
    if direction == "rtl":
        return "\u200f" + _ADDRESS.sub(lambda m: f"\u200e{m.group()}\u200e", line)
    return "\u200e" + line
