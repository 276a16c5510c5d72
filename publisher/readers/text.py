"""Plain text at a basic level: first short line as title (a short line under it over
the text the subtitle, as `publisher import` reads them; a circular's "Subject:" line
under its "To:" and "From:"), then paragraphs as the file has them (blank-line-separated,
one per line as Word's "Save as Plain Text" writes them, or hard-wrapped:
`importers.textblocks` tells them apart), headings underlined, typed in capitals or marked
as Markdown marks them, and a chat's *bold* and _italic_. A Google Docs download's
comments are left out.

Text copied off blogs needs much more than this; `publisher import` recovers its structure.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ..arabic_shapes import read_in_order
from ..errors import PublisherError
from ..slugs import unique
from ..sourcefile import SourceData
from ..textfiles import is_web_page_source
from .base import RawDocument
from .markdown import document_text, unclosed_comment_left_out

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..importers.blogfurniture import Furniture
    from ..importers.draft import Draft
    from ..importers.textblocks import Block


log = logging.getLogger(__name__)


class TextReader:
    extensions: ClassVar[tuple[str, ...]] = (".txt",)

    def read(self, path: Path, id_prefix: str) -> RawDocument:
        from ..clock import build_time
        from ..importers.blogfurniture import buttons, without_furniture
        from ..importers.break_lines import break_lines_read
        from ..importers.chats import one_message, refuse_chat
        from ..importers.contents_list import contents_as_headings
        from ..importers.doc_comments import without_comments
        from ..importers.draft import Draft
        from ..importers.facebook_event import facebook_event
        from ..importers.linkedin_page import linkedin_head
        from ..importers.mail_archive import is_mail_archive
        from ..importers.mailing_list import without_mailing_list
        from ..importers.mailmessage import THREAD_QUOTED, quoted_mail_line
        from ..importers.medium_page import medium_head
        from ..importers.memo_head import memo_head
        from ..importers.pdftext import from_pdf
        from ..importers.plaintext import (
            LINES_UNDER_A_TITLE,
            bracketed_addresses_written,
            credit_under_the_title,
            heading_in_capitals,
            heading_lines_apart,
            opening_title_apart,
            post_head,
            post_title,
            take_dateline,
            take_subtitle,
            without_edge_rules,
        )
        from ..importers.post_page import post_page
        from ..importers.press_release import without_release_marks
        from ..importers.reading_time import without_reading_time
        from ..importers.section_numbers import numbered_headings
        from ..importers.stray_blocks import blocks_kept_apart
        from ..importers.textblocks import list_item, split_blocks
        from ..importers.textmarks import inline, unmarked
        from ..importers.textnotes import calls_marked, footnotes_html, notes_at_end
        from ..importers.textsignature import closing_index, take_signature_apart
        from ..importers.wp_shortcodes import shortcodes_as_text
        from .headings import same_words
        from .merge_tags import without_merge_tags

        whole = document_text(path, line_breaks=True)  # its lines are its structure
        if is_web_page_source(whole):
            from .pandoc_formats import HtmlReader

            log.warning(
                "%s: a web page's HTML (it opens with %r): read as the page it is; name it"
                " %s to say so",
                *(path, whole.lstrip()[:15], path.with_suffix(".html").name),
            )
            return HtmlReader().read(path, id_prefix)
        if is_mail_archive(whole):  # a list's month: everyone's messages, names, addresses
            raise PublisherError.at(
                "a mailing list's archive (or a mail folder saved as text): every message of"
                " it, with its sender's name and address, not one text to publish",
                path,
                hint=f"make a document of each message with 'publisher import {path.name}'"
                " and put the one to publish in the issue",
            )
        source, text = _front_matter(whole, path)
        refuse_chat(text, path, then="into this file in place of the chat")
        first_line = whole.count("\n", 0, len(whole) - len(text)) + 1
        text = unclosed_comment_left_out(text, path, first_line)  # it hid the rest of the text
        if thread := quoted_mail_line(text):  # "From: Karim <karim@…>" / "Sent: …" under it
            log.warning("%s:%d: %s", path, first_line + thread - 1, THREAD_QUOTED)
        text = read_in_order(text, path, first_line)  # Arabic copied out of a PDF
        text = shortcodes_as_text(text, path, first_line)  # WordPress', copied from its editor
        text = without_merge_tags(text, path, first_line)  # *|FNAME|*: no one's name
        text, comments = without_comments(text)  # a Google Docs download's, at its end
        if comments:
            log.info("%s: %d comment(s) left out: they are for the editors", path, comments)
        _say_if_markdown(text, path, first_line)
        text = one_message(text)  # "[14:32, 12/03/2026] Ana Ruiz: …": a post's head over it
        text, contents = contents_as_headings(text)  # "Contents" / "Findings....3": headings
        if contents:
            log.info(
                "%s: its table of contents (%d entries) left out: every output makes its own,"
                " and the headings it lists are headings",
                *(path, contents),
            )
        # Copied out of a PDF too: its page numbers and running heads, its words broken at
        # its lines' ends ("trabaja-" / "dores"), as `publisher import` reads such text
        text, page_lines, broken, _ = from_pdf(text)
        if page_lines:
            log.info(
                "%s: %d line(s) of page numbers and running heads left out, as copied out of a PDF",
                *(path, page_lines),
            )
        text = bracketed_addresses_written(text)  # "Ana Ruiz <ana@…>": no tag to take out
        # A title and its subtitle on consecutive lines are two, as `publisher import` reads them
        # A rule over the whole text ("---" / the text / "---") parts nothing from it
        # A press release's labels, date line and end mark: for journalists, as `publisher
        # import` and the word-processed readers say
        release = Draft()
        blocks = without_release_marks(split_blocks(text, typeset=broken > 0), release)
        blocks = without_edge_rules(heading_lines_apart(blocks))
        _say_release(release, path)
        # A received newsletter's "View this email in your browser" and footer, whose links
        # carry the editor's own subscription ("Unsubscribe <https://…?id=a1b2c3>")
        blocks, mailing = without_mailing_list(blocks)
        if mailing:
            log.info(
                "%s: %d line(s) of a mailing list's header and footer left out (its links"
                " to unsubscribe or read online are the recipient's own)",
                *(path, mailing),
            )
        given = source.data if source else {}
        meta: dict[str, object] = {"date": release.date} if release.date else {}
        blocks, furniture = without_furniture(blocks)  # a post's buttons, hashtags, "See more"
        blocks = medium_head(blocks)  # its name, "Follow", reading time and date: a byline
        blocks = linkedin_head(blocks)  # its name, headline, date and "+ Follow": a byline
        blocks = post_page(blocks)  # its name and handle over it, its time under it: a head
        blocks, reading_times = without_reading_time(blocks)  # "Mar 3, 2026 — 4 min read"
        furniture.lines += reading_times
        if furniture.tags and "tags" not in given:
            meta["tags"] = list(furniture.tags)
        if event := facebook_event(blocks):  # "SAT, MAR 14 …" / its name / "Interested" …
            blocks, furniture.lines = event.blocks, furniture.lines + event.left_out
            if event.hosts and not {"author", "authors"} & given.keys():
                meta["authors"] = event.hosts
        if posted := post_head(blocks, build_time().date()):  # "Ana Ruiz @ana · Mar 3"
            blocks = heading_lines_apart(blocks[posted[3] :])  # its title over its text
            _take_post_head(posted, meta, given, path)
        title = given.get("title")
        if isinstance(title, str) and blocks and same_words(unmarked(blocks[0].text), title):
            blocks.pop(0)  # the title typed again under the front matter that names it
        if "title" not in given and (head := memo_head(blocks)):  # "To: / From: / Subject:"
            meta["title"], blocks = head.subject, head.rest
            if head.date and "date" not in given:
                meta["date"] = head.date
            if head.sender and not {"author", "authors"} & given.keys():
                meta["authors"] = [head.sender]  # a mail's sender, as `publisher import` says
            if head.note:
                log.info(
                    "%s: %d line(s) over the 'Forwarded message' line left out: a note for"
                    " the editors, not the text forwarded",
                    *(path, head.note),
                )
        # "--" over a signature; "--", "⁂", "• • •" between paragraphs
        blocks = break_lines_read(blocks)
        if "date" not in meta | given and len(blocks) > 2 and (when := _date_line(blocks[0])):
            meta["date"] = when  # "Sunday, February 22, 2026" over the title, as a blog prints it
            blocks.pop(0)
        if "title" not in meta | given:  # a programme's title over its time and place
            credit_under_the_title(blocks)  # "Photo by Marta Gil" over it: its caption
            blocks[0:1] = opening_title_apart(blocks)  # an address or a note: no title
        if (
            "title" not in meta | given
            and len(blocks) > 1
            and len(blocks[0].lines) < LINES_UNDER_A_TITLE
            and len(blocks[0].text) <= 120
            and not (blocks[0].rows or blocks[0].quoted)
            and not (list_item(blocks[0].text) and list_item(blocks[1].text))  # a list opens it
        ):
            meta["title"] = unmarked(blocks.pop(0).text)  # "*HUELGA EL LUNES*", WhatsApp's bold
            byline = Draft()  # what `publisher import` reads under a title
            take_dateline(blocks, byline)  # "3 March 2026", "By Ana Ruiz | 3 March 2026"
            if (subtitle := take_subtitle(blocks, byline)) is not None:
                meta["subtitle"] = unmarked(subtitle)  # a date ending it is the date too
            _take_found(byline, meta, given)
            while (byline.authors or byline.date) and len(blocks) > 1 and buttons(blocks[0]):
                furniture.lines += len(blocks.pop(0).lines)  # a platform's: "12", "Share"
        _say_furniture(furniture, path)
        blocks, notes = notes_at_end(blocks)  # "[1] City Housing Report" called by "[1]"
        if notes:
            log.info("%s: its %d numbered note(s) at the end are footnotes", path, len(notes))
        # Text copied off web pages carries stray tags (<strong>…</strong>): they are kept
        # as HTML here, and the sanitiser keeps the harmless ones; a model letter's "<Name>"
        # is no tag, and stays as written.
        # Items typed with "• ", "- " or "* " are paragraphs here, which `typed_lists` lists.
        # A line typed in capitals over text ("WHAT WE DEMAND") is a heading, as `publisher
        # import` reads it.
        closing = closing_index(blocks)
        # So is the title of each post after the first in posts copied off a blog into one
        # file: under the rule or date line that parts it from the post before. A post's
        # date line over its title stays with it on the page (`post-date`).
        posts = {i for i in range(len(blocks)) if post_title(blocks, i)}
        sections = numbered_headings(blocks)  # a report's "1. Introduction", "2.1 Rents"
        headings = (
            posts
            | sections.keys()
            | {i for i in range(len(blocks)) if heading_in_capitals(blocks, i, closing)}
        )
        dated = {i - 1 for i in posts if not blocks[i - 1].rule}
        # The closing signature's name and date, as `publisher import` reads them ("ILTT,
        # June 28, 2024"), read on a copy: the signature stays the text's. Under posts
        # copied into one file, it is the last post's alone.
        signed = Draft()
        if not posts:
            take_signature_apart(list(blocks), signed)
        _take_found(signed, meta, given, authors=not signed.unsure)  # a name guessed: none
        ids = _HeadingIds(id_prefix)
        html: list[str] = []
        numbered = list(enumerate(calls_marked(blocks, notes)))
        for quoted, group in itertools.groupby(numbered, key=lambda item: item[1].quoted):
            parts = [
                _post_date(block)
                if i in dated
                else _html(block, ids, i in headings, sections.get(i, 2))
                for i, block in group
            ]
            html += [f"<blockquote>{''.join(parts)}</blockquote>"] if quoted else parts
        _say_if_month_first(meta, given, text, path)
        body = "\n".join(blocks_kept_apart(html))  # "<blockquote>" pasted and never closed
        body = footnotes_html(body, notes, id_prefix, inline) if notes else body
        return RawDocument({**meta, **given}, body, source)


def _take_post_head(
    head: tuple[str, dt.date | None, bool, int],
    meta: dict[str, object],
    given: Mapping[str, object],
    path: Path,
) -> None:
    """A social post's head's name and date into `meta`, unless the front matter gives
    them. A day without its year ("Mar 3", as platforms print this year's posts) is not
    taken: read next year, it would be another day."""
    name, day, guessed, _ = head
    if not {"author", "authors"} & given.keys():
        meta["authors"] = [name]
    if "date" in given:
        return
    if day and not guessed:
        meta["date"] = day
    elif day:
        log.warning(
            "%s: the post's time gives no year, so its date is not taken: write the day"
            " with its year (%s) under the name, or 'date: %s' in front matter",
            *(path, day.strftime("%d %B %Y").lstrip("0"), day.isoformat()),
        )


def _say_if_month_first(
    meta: Mapping[str, object], given: Mapping[str, object], text: str, path: Path
) -> None:
    """Warn of a date read day first from numbers the US would read month first
    ("03/04/2026": 3 April, or March 4), as `publisher import` tells it."""
    from ..importers.textdates import month_first_reading

    day = meta.get("date")
    if "date" in given or not isinstance(day, dt.date):
        return
    if numbers := month_first_reading(text, day):
        log.warning(
            "%s: the date %s is read day first, as %s: if it was written month first (as"
            " in the US), write 'Date: %s' over a blank line at the top of the file",
            *(path, numbers, f"{day.day} {day:%B %Y}", dt.date(day.year, day.day, day.month)),
        )


def _say_release(release: Draft, path: Path) -> None:
    """What a press release's marks were, left out (`importers.press_release`), and what
    it leaves the editor to do (an embargo, notes kept after its end)."""
    labels = release.found["press release labels left out"]
    left_out = [f"{labels} label line(s)"] if labels else []
    left_out += ["its end mark"] if release.found["press release end mark left out"] else []
    if left_out:
        log.warning("%s: a press release: left out %s", path, " and ".join(left_out))
    for note in release.unsure:
        log.warning("%s: %s", path, note)


def _take_found(
    found: Draft, meta: dict[str, object], given: Mapping[str, object], authors: bool = True
) -> None:
    """The date and, with `authors`, the authors a byline or a signature gave (`found`, as
    `publisher import` reads them) into `meta`, unless found before; the front matter's
    (`given`) win over them all."""
    if found.date:
        meta.setdefault("date", found.date)
    if authors and found.authors and not {"author", "authors"} & given.keys():
        meta.setdefault("authors", found.authors)


def _front_matter(text: str, path: Path) -> tuple[SourceData | None, str]:
    """The front matter an editor put at the top of a plain text (`lang: es`, as in
    Markdown) and the text after it; none when its keys are none a document has ("Nota:
    …" between two rules is text)."""
    from ..front_matter import plain_text_front_matter
    from .metadata import KNOWN_KEYS

    front, after = plain_text_front_matter(text, KNOWN_KEYS)
    return (None, text) if front is None else (front.parse(path), after)


# A picture or a link as Markdown writes one, "![A picket](picket.jpg)", "[see](report.md)"
_MARKDOWN_LINK = re.compile(r"\[[^\]\n]+\]\([^()\s]+\)")


def _say_furniture(furniture: Furniture, path: Path) -> None:
    """Tell what a platform's furniture at a post's end held, as `publisher import` does:
    the lines of its buttons ("Like", "Share", "Subscribe") left out, its hashtags made the
    document's tags, and a post cut where the platform folded it ("See more")."""
    if furniture.lines:
        log.info(
            "%s: %d line(s) of a platform's buttons, reading time, related posts or comment form"
            " left out",
            *(path, furniture.lines),
        )
    if furniture.tags:
        log.info("%s: its hashtags are its tags: %s", path, ", ".join(furniture.tags))
    if furniture.comments:
        log.info(
            "%s: the discussion under the post left out (%d line(s)): its readers' comments,"
            " names and all, are not the post's",
            *(path, furniture.comments),
        )
    if furniture.tagline:
        log.info(
            "%s: %r left out: a mail program's line, not the writer's", path, furniture.tagline
        )
    if furniture.more:
        log.warning(
            "%s: only the post's opening was copied (it ended %r): copy the whole post from"
            " its own page",
            *(path, furniture.more),
        )


def _say_if_markdown(text: str, path: Path, first_line: int) -> None:
    """Warn, at its first line, of a text (from line `first_line` of its file) marked as
    Markdown marks a picture or a link to another file, as a Markdown editor or a chatbot
    writes it: read as plain text, its marks are printed. Its headings ("## Our demands"),
    bold and links to web and mail addresses are read as `publisher import` reads them
    (`_html`, `textmarks.inline`)."""
    from ..importers.textmarks import MARKDOWN_LINK  # links to web and mail addresses: read

    if "](" not in text:
        return
    for number, line in enumerate(text.split("\n"), first_line):
        if _MARKDOWN_LINK.search(MARKDOWN_LINK.sub("", line)):
            log.warning(
                "%s:%d: marked as Markdown (%r): read as plain text, its marks are printed;"
                " name it %s to have it read as Markdown",
                *(path, number, line.strip()[:60], path.with_suffix(".md").name),
            )
            return


def _date_line(block: Block) -> dt.date | None:
    """The date a line gives and nothing else a reader would miss ("Sunday, February 22,
    2026", "Published 3 March 2026"), as `publisher import` reads a post's date line."""
    from ..importers.textdates import dateline
    from ..importers.textmarks import untagged

    return dateline(untagged(block.text)) if block.single_line else None


class _HeadingIds:
    """An id for each heading from its words, as pandoc gives a Markdown document's
    ("What we won" → "slug-what-we-won"), so that a section can be linked to; a second
    heading of the same words gets "-1", as there."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.given: set[str] = set()

    def __call__(self, heading: str) -> str:
        from slugify import slugify

        base = self.prefix + (slugify(heading, allow_unicode=True) or "section")
        return unique(base, self.given, first=1)


def _post_date(block: Block) -> str:
    """A post's date line, kept with the title under it (print-base.css, epub.css)."""
    from ..importers.textmarks import inline

    return f'<p class="post-date">{inline(block.text)}</p>'


def _html(block: Block, heading_id: _HeadingIds, heading: bool, level: int = 2) -> str:
    """A block as HTML: a table's rows (cells between tabs) a table, a line underlined with
    "=" or "-" or a `heading` otherwise a heading (at `level`), a line of dashes or stars a
    rule, a bullet with a teaser under it two lines, any other a paragraph (a quoted one
    too: `read` sets quoted ones apart). Stray tags are kept for the sanitiser, and a
    messaging app's *bold*, _italic_ and ~struck~ are made so, as `publisher import` reads
    them (`textmarks.inline`)."""
    from ..importers.tables import table_html
    from ..importers.textmarks import MARKDOWN_HEADING, html_written, inline, unmarked, written_html

    if block.rows:
        return table_html(block.rows, inline, block.header)
    if html_written(block.lines):  # "<h2>Our demands</h2>" / "<ul>": a post's source
        return written_html(block.lines)
    if block.single_line and (marked := MARKDOWN_HEADING.match(block.text)):  # "## Our demands"
        depth = 2 if len(marked[1]) <= 2 else 3  # the title is the document's h1
        return f'<h{depth} id="{heading_id(marked[2])}">{inline(marked[2])}</h{depth}>'
    if block.heading or heading:
        return f'<h{level} id="{heading_id(unmarked(block.text))}">{inline(block.text)}</h{level}>'
    if block.rule:
        return "<hr>"
    if block.bullet and not block.single_line:
        # "• A post's title" over its indented teaser: two lines of one item, as `publisher
        # import` reads them, not the title's words running on into the teaser's
        first, *teaser = block.lines
        return f"<p>{inline(first)}<br>{inline(' '.join(teaser))}</p>"
    # lines still apart were broken by hand (an address, a verse, a signature's name and
    # role: `textblocks` joined the hard-wrapped ones), and stay lines
    return f"<p>{'<br>'.join(inline(line) for line in block.lines)}</p>"
