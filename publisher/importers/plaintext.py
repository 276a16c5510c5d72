"""Plain text copied off blogs and forums → structured drafts (metadata + HTML body).

Each heuristic is one small function over `Block`s. What it decides is counted in the
draft's `found`, and every guess an editor may want to check goes into `unsure`. The
closing lines are read in `textsignature`, what a line is wherever it stands (a link, a
note, a photo credit) in `textlines`.

- weekday date headers ("Sunday, February 22, 2026") start posts; without them, rules
  of dashes separate posts (`split`). A part that is only a title (above its dateline, or
  underlined with a rule), a date or a signature (below a rule) is no post: it belongs to
  the post beside it;
- inside a post, a rule starts a reprinted article with its own heading and dateline;
- the first short line is the title, a second short line before the text the subtitle
  (also when the two stand on consecutive lines); a date line, a "Posted on DATE by
  NAME" or "By NAME | DATE" byline, or a "By NAME" line under them gives the date (and
  author) and leaves the body;
- a blog's sharing and like buttons, "Related" and "Leave a comment" at a post's end are
  left out, and its tags or categories line gives its tags (blogfurniture.py);
- a closing "Organisation, June 28, 2024", "Posted on DATE by NAME" or a short name line
  is the signature (authors, unless a byline named them, and date), kept in the body as
  well, a date or a letter's "Paris, le 3 mars 2026" over or under it its date; photo
  credits, notes, footnotes and links after it are passed over, and are never the author;
- bullet lines (•, ●, -) and runs of indented lines whose bullets were lost become
  lists; a line indented deeper than the bullet above it is that item's teaser, a block
  at the bullet's depth or less follows the list; (1)/1. lines become numbered lists;
  indentation never makes code;
- short title-like lines before longer text become headings; "[Note: …]" blocks become
  notes, "Photo credit:" lines captions, [1] markers footnotes, bare URLs links;
- two or more empty lines are a section break when the text puts one empty line between
  its paragraphs (then the extra line means something); a text that puts two everywhere
  has none. A break goes between two pieces of text, never next to a heading or before
  the signature, whatever the pieces are (paragraphs, lists, notes).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from html import escape

from ..clock import build_time
from ..readers.bold_title import TITLE_MAX
from ..readers.broken_words import SENTENCE_END
from ..readers.redirects import redirected_to
from ..readers.typed_lists import spoken
from .blogfurniture import buttons, buttons_from, more_link, without_furniture
from .break_lines import break_lines_read, is_ornament
from .doc_comments import without_comments
from .draft import Draft
from .facebook_event import facebook_event
from .linkedin_page import linkedin_head
from .mailing_list import without_mailing_list
from .medium_page import medium_head
from .memo_head import memo_head
from .post_page import post_page
from .press_release import without_release_marks
from .reading_time import without_reading_time
from .scripts import detect_language, mark_fragments
from .section_numbers import numbered_headings
from .stray_blocks import blocks_kept_apart
from .tables import table_html
from .textblocks import Block, split_blocks
from .textdates import (
    author_line,
    authors,
    byline,
    capitalised,
    date_ending,
    dateline,
    handle_header,
    month_first_reading,
    parse_date,
    post_header,
    posted_on,
    signature,
    weekday_header,
)
from .textlines import NOTE, PICTURE, SOURCE_NOTE, URL, caption
from .textlists import bulleted_list, goes_on, indented_run, lettered_list, numbered_list
from .textmarks import MARKDOWN_HEADING, html_written, inline, unmarked, untagged, written_html
from .textnotes import CALL, notes_at_end, number
from .textsignature import closing_index, take_signature_apart

_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z¿¡«\"“]")
_PICTURE_ALONE = re.compile(rf"<p>{PICTURE.pattern}</p>")
HEADING_WORDS = 16


def recover(text: str, split: bool | None = None, typeset: bool = False) -> list[Draft]:
    """Recover the documents in `text`; `split` None means: split when several posts are
    found. A `typeset` text is a PDF's (`textblocks.split_blocks`)."""
    text, comments = without_comments(text)  # a Google Docs download's, at its end
    # A received newsletter's mailing list prints over and under the whole text
    blocks, mailing = without_mailing_list(
        split_blocks(bracketed_addresses_written(text), typeset=typeset)
    )
    text_over_notes, _ = notes_at_end(blocks)  # the rule over its notes parts no post
    posts = _split_posts(text_over_notes)
    if split is False or (split is None and len(posts) < 2):
        posts = [blocks]
    else:
        posts[-1] = posts[-1] + blocks[len(text_over_notes) :]
    breaks = _gaps_are_breaks(blocks)
    drafts = [_recover_post(post, breaks) for post in posts if _has_text(post)]
    if mailing and drafts:
        drafts[-1].found["mailing list's lines left out"] = mailing
    if comments and drafts:
        drafts[-1].found["editors' comments left out"] = comments
    if len(drafts) > 1:
        for draft in drafts:
            draft.found["posts in file"] = len(drafts)
    return drafts


# An address in angle brackets: a link as Outlook's plain text writes it, its words then
# its address ("our site<https://…>", "maria@…<mailto:maria@…>"), and a name's mail address
# or a link as mail and plain text set them apart ("Ana Ruiz <ana@…>", "see <https://…>").
# The sanitiser took each for a tag, and left it out.
_BRACKETED_ADDRESS = re.compile(
    r"<((?:(?:https?|mailto):|www\.)[^\s<>]+|[^\s<>@\"']+@[\w-]+(?:\.[\w-]+)+)>", re.IGNORECASE
)


def bracketed_addresses_written(text: str) -> str:
    """`text` with each address in angle brackets written without them, to be linked as
    the address it is; one that Outlook wrote after a link's words ("our site<https://…>")
    is written beside them in brackets: nothing marks where the words start. Words that are
    the address itself (as Outlook writes a typed address, a mail address) stay alone. The
    words are found looking back from the '<' to a space or the link before: a pattern for
    the words tried from every character of a long run (base64 pasted, a line of '>') took
    time growing as the square of its length."""
    pieces, done = [], 0
    for link in _BRACKETED_ADDRESS.finditer(text):
        start = link.start()
        while start > done and not text[start - 1].isspace():
            start -= 1
        word, address = text[start : link.start()], link[1]
        if word and not _same_address(word, redirected_to(address) or address):
            word = f"{word} ({address})"
        pieces += [text[done:start], word or address]
        done = link.end()
    return "".join([*pieces, text[done:]])


def _same_address(words: str, address: str) -> bool:
    """Whether `words` show `address` (its scheme, or a closing slash, left off)."""

    def bare(written: str) -> str:
        return re.sub(r"^(?:https?://|mailto:)", "", written, flags=re.I).rstrip("/").casefold()

    return bare(words) == bare(address)


def _split_posts(blocks: list[Block]) -> list[list[Block]]:
    headers = [i for i, b in enumerate(blocks) if b.single_line and weekday_header(b.text)]
    titled = [i for i in range(len(blocks)) if _titled_post_head(blocks, i)]
    cuts = (
        headers
        or (titled if len(titled) > 1 else [])
        or [i + 1 for i, b in enumerate(blocks) if b.rule or _ornament_over_a_post(blocks, i)]
    )
    if not cuts:
        return [blocks]
    bounds = [0, *cuts, len(blocks)]
    pieces = [blocks[a:b] for a, b in itertools.pairwise(bounds) if _has_text(blocks[a:b])]
    posts = _with_fragments_joined(pieces)
    return posts if headers else [without_edge_rules(post) for post in posts]


def _ornament_over_a_post(blocks: list[Block], index: int) -> bool:
    """Whether `blocks[index]` is an ornament ("⁂") over a post's title and its date or
    byline (on the title's next line or under it), as blog posts copied into one file may
    be parted: over a section's heading, with no date, it parts one text's sections."""
    if not is_ornament(blocks[index]) or index + 1 >= len(blocks):
        return False
    after = blocks[index + 1]
    if len(after.lines) == 2:
        title, under = Block(after.lines[:1], False, 0), Block(after.lines[1:], False, 0)
    elif after.single_line and index + 2 < len(blocks) and blocks[index + 2].single_line:
        title, under = after, blocks[index + 2]
    else:
        return False
    return _title_like(title) and _header(under)


def _titled_post_head(blocks: list[Block], index: int) -> bool:
    """Whether `blocks[index]` is a title over its byline or date line, as a blog's front
    page heads each post ("Tenants win…" / "Posted on March 3, 2026 by Ana Ruiz"): not
    under a title of its own (then it is a name over a date, Substack's byline). The
    "Read more »" that ends the post before it is no title."""
    block = blocks[index]
    if len(block.lines) != 2 or not _title_like(Block(block.lines[:1], False, 0)):
        return False
    above = blocks[index - 1] if index else None
    if above and above.single_line and _title_like(above) and not more_link(above.text):
        return False
    under = block.lines[1]
    return bool(byline(under) or parse_date(under) or posted_on(under))


def _has_text(blocks: list[Block]) -> bool:
    return any(not b.rule and len(b.text) > 1 for b in blocks)


def _with_fragments_joined(pieces: list[list[Block]]) -> list[list[Block]]:
    """Pieces that are no post joined to one that is: a title above the first dateline or
    rule to the post after it, a signature or date after a rule to the post before it."""
    posts: list[list[Block]] = []
    waiting: list[Block] = []
    for piece in pieces:
        if _is_post(piece):
            posts.append(waiting + piece)
            waiting = []
        elif posts:
            posts[-1] += piece
        else:
            waiting += piece
    return [*posts, waiting] if waiting else posts


def _is_post(blocks: list[Block]) -> bool:
    """Whether a piece has text of its own, beyond a title, a date and a signature."""
    return any(not b.rule and not _label(b) for b in blocks)


def _label(block: Block) -> bool:
    """A single line that names or dates a text rather than being part of it."""
    return block.single_line and bool(
        _title_like(block) or parse_date(block.text) or byline(block.text) or signature(block.text)
    )


def without_edge_rules(blocks: list[Block]) -> list[Block]:
    """`blocks` without the rules before their first text and after their last: a rule
    parts two texts, and at an edge it parts nothing."""
    start, end = 0, len(blocks)
    while start < end and blocks[start].rule:
        start += 1
    while end > start and blocks[end - 1].rule:
        end -= 1
    return blocks[start:end]


def _gaps_are_breaks(blocks: list[Block]) -> bool:
    """Whether a double empty line says something in this text: only where a single empty
    line is the usual space between blocks."""
    gaps = Counter(block.gap for block in blocks[1:] if block.gap)
    return bool(gaps) and gaps.most_common(1)[0][0] == 1


_FURNITURE_FOUND = "lines of a blog's buttons, related posts or comment form left out"
_TAGLINE_FOUND = 'mail program\'s line ("Sent from my iPhone") left out'


def post_head(blocks: list[Block], today: dt.date) -> tuple[str, dt.date | None, bool, int] | None:
    """The head a social post is copied with: a Facebook page's name over its time, or an
    X, Bluesky, Threads or Mastodon account's name, handle and time (the time perhaps a
    block of its own, "· Mar 3"). (name, date, whether its year is a guess, how many
    blocks it is); None without one."""
    if not blocks:
        return None
    if header := post_header(blocks[0].lines, today):
        return (*header, 1)
    apart = len(blocks) > 2 and all(b.single_line and len(b.text) <= 120 for b in blocks[:2])
    if apart and (header := post_header((blocks[0].text, blocks[1].text), today)):
        return (*header, 2)
    lines, taken = list(blocks[0].lines), 1
    if len(blocks) > 2 and blocks[1].single_line and blocks[1].text.lstrip().startswith(("·", "∙")):
        lines, taken = [*lines, blocks[1].text], 2
    head_text = " ".join(lines)  # a head is a line's length: a pasted page's line is not one
    if len(lines) <= 4 and len(head_text) <= 200 and (head := handle_header(head_text, today)):
        return (*head, taken)
    return None


def _recover_post(blocks: list[Block], breaks: bool = True) -> Draft:
    draft = Draft()
    given = blocks
    blocks, furniture = without_furniture(blocks)
    blocks = medium_head(blocks)  # its name, "Follow", reading time and date: a byline
    blocks = linkedin_head(blocks)  # its name, headline, date and "+ Follow": a byline
    blocks = post_page(blocks)  # its name and handle over it, its time under it: a head
    draft.tags = list(furniture.tags)
    if furniture.lines:
        draft.found[_FURNITURE_FOUND] += furniture.lines
    if furniture.tagline:
        draft.found[_TAGLINE_FOUND] += 1
    if furniture.comments:
        draft.found["lines of the readers' comments under the post left out"] += furniture.comments
    if furniture.more:
        draft.unsure.append(
            f"only the post's opening was copied (it ended {furniture.more!r}):"
            " copy the whole post from its own page"
        )
    if event := facebook_event(blocks):
        blocks, draft.authors = event.blocks, event.hosts
        draft.found[_FURNITURE_FOUND] += event.left_out
    if posted := post_head(blocks, build_time().date()):
        name, draft.date, guessed, taken = posted
        draft.authors = [name]
        draft.found["post header"] += 1
        if guessed:
            draft.unsure.append("the post's time has no year: the date's year is a guess")
        elif draft.date is None:
            draft.unsure.append("the post's time gives no date: add it")
        blocks = blocks[taken:]
    blocks, draft.found["reading time left out"] = without_reading_time(blocks)
    rest = heading_lines_apart(without_release_marks(blocks, draft))
    if head := memo_head(rest):  # "To: / From: / Date: / Subject:": titled by its subject
        draft.title, rest = unmarked(untagged(head.subject)), head.rest
        draft.date = head.date or draft.date
        draft.authors = draft.authors or ([head.sender] if head.sender else [])
        draft.found["forwarder's note left out"] += head.note
        draft.found["memo head"] += 1
    else:
        _take_title(rest, draft)
    take_dateline(rest, draft)
    if (subtitle := take_subtitle(rest, draft)) is not None:
        draft.subtitle = unmarked(untagged(subtitle))
    while len(rest) > 1 and buttons(rest[0]):  # a platform's counts and buttons under the byline
        draft.found[_FURNITURE_FOUND] += len(rest.pop(0).lines)
    rest, notes = notes_at_end(rest)  # "[1]City Housing Report" called by "[1]"
    rest = break_lines_read(rest)  # "--" over a signature; "--", "⁂", "• • •" between paragraphs
    take_signature_apart(rest, draft)
    draft.language = detect_language(" ".join(b.text for b in [*rest, *blocks[:1]]))
    draft.body_html, fragments = mark_fragments(_body(rest, draft, breaks, notes), draft.language)
    draft.found.update(fragments)
    if lost := draft.found["lists from indented lines"]:
        draft.unsure.append(f"{lost} list(s) read from indented lines whose bullets were lost")
    if draft.date:
        written = "\n".join(line for block in given for line in block.lines)
        if numbers := month_first_reading(written, draft.date):
            draft.unsure.append(
                f"the date {numbers} is read day first, {draft.date.day} {draft.date:%B %Y}:"
                " if it was written month first (as in the US), correct it"
            )
    return draft


def _take_title(rest: list[Block], draft: Draft) -> None:
    """The title opening `rest`, and a date line over it."""
    if rest and (when := parse_date(untagged(rest[0].text))) and rest[0].single_line:
        draft.date = when
        draft.found["date header"] += 1
        rest.pop(0)
    credit_under_the_title(rest)
    rest[0:1] = opening_title_apart(rest)  # a programme's title over its time and place
    if rest and (_title_like(rest[0]) or rest[0].heading) and len(rest) > 1:
        draft.title = unmarked(untagged(rest.pop(0).text))
    else:
        draft.unsure.append("no title line: the title is a guess, check it")


def credit_under_the_title(rest: list[Block]) -> None:
    """A photo's credit over the title ("Photo by Marta Gil", copied off a blog without
    its photo) put under it: the title is the title, and the credit stays a caption."""
    if len(rest) > 2 and rest[0].single_line and caption(rest[0].text) and _title_like(rest[1]):
        rest[0], rest[1] = rest[1], rest[0]


def take_subtitle(rest: list[Block], draft: Draft) -> str | None:
    """The subtitle opening `rest` as written (`subtitle_first`), taken out of it, with
    the dateline under it, or the date it ends with ("Statement of the Tenants'
    Association, 23 November 2026"), into `draft`; None when `rest` opens with none."""
    if not subtitle_first(rest):
        return None
    subtitle = rest.pop(0).text
    take_dateline(rest, draft)
    if draft.date is None and (when := date_ending(unmarked(untagged(subtitle)))):
        draft.date = when
        draft.found["date ending the subtitle"] += 1
    return subtitle


def subtitle_first(rest: list[Block]) -> bool:
    """Whether the first of `rest`, the blocks under a title, is its subtitle: a short line
    over the text's first long paragraph or list, or over its byline or date."""
    return (
        len(rest) > 2
        and _title_like(rest[0])
        and not rest[0].heading  # underlined: the first section's heading
        and not MARKDOWN_HEADING.match(rest[0].text)  # "## Introduction": so marked too
        and not buttons(rest[0])  # "Share" under a post's byline
        and (_is_body(rest[1]) or _header(rest[1]))
    )


def heading_lines_apart(blocks: list[Block]) -> list[Block]:
    """Word and hurried editors put the title and its subtitle or dateline, or the text's
    opening sentence, on consecutive lines: a first block of two lines that could each head
    a text, or a title over a sentence, is two blocks."""
    blocks = _buttons_under_the_head_apart(blocks)
    if (
        len(blocks) > 1
        and len(blocks[0].lines) in (3, 4)
        and (apart := _title_and_byline_apart(blocks)) != blocks
    ):
        return apart
    if len(blocks) > 1 and len(blocks[0].lines) >= LINES_UNDER_A_TITLE:
        return _headline_apart(blocks)
    if len(blocks) < 2 or len(blocks[0].lines) != 2:
        return list(blocks)
    first = blocks[0]
    lines = [Block((line,), False, 0) for line in first.lines]
    heads = all(_title_like(line) or parse_date(line.text) or byline(line.text) for line in lines)
    if not heads and not (_title_like(lines[0]) and _sentence(lines[1].text)):
        return list(blocks)
    return [Block(first.lines[:1], first.indented, first.gap, first.indent), lines[1], *blocks[1:]]


def _buttons_under_the_head_apart(blocks: list[Block]) -> list[Block]:
    """A post's page copied by a browser that drops the gaps between its head's lines runs
    the counts and buttons under the date on too ("Ana Ruiz" / "Mar 3, 2026" / "12" / "3" /
    "Share"): they are a block of their own, as a platform's buttons under its byline."""
    if len(blocks) < 2:
        return list(blocks)
    lines = blocks[0].lines
    start = buttons_from(lines, least=1)
    if start == len(lines) or not parse_date(lines[start - 1]):
        return list(blocks)
    head = Block(lines[:start], blocks[0].indented, blocks[0].gap, blocks[0].indent)
    return [head, Block(lines[start:], False, 0), *blocks[1:]]


def _sentence(text: str) -> bool:
    """A line that reads as a sentence of the text (capitalised, its end stopped), which no
    title is: under a title, it opens the text rather than running the title on."""
    return capitalised(text) and text.endswith(SENTENCE_END)


def _title_and_byline_apart(blocks: list[Block]) -> list[Block]:
    """A post's page copied as Substack and Medium set it out, on consecutive lines: its
    title (and subtitle) over its author over its date ("Rent strike enters its fourth
    month" / "What the tenants won" / "Ana Ruiz" / "Mar 3, 2026"). The title and subtitle
    become blocks of their own, the name over the date one, as `take_dateline` reads it.
    A letter's address over its date, then "Dear …", stays as written."""
    *heads, name, day = blocks[0].lines
    singles = [Block((line,), False, 0) for line in heads]
    if (
        parse_date(day)
        and _name_line(name)
        and all(_title_like(single) for single in singles)
        and not _SALUTATION.match(blocks[1].text)
    ):
        return [*singles, Block((name, day), False, 0), *blocks[1:]]
    return list(blocks)


# Lines opening a text, one under another, three or more: its title over lines of what it
# is about ("Day school on the strike" / "Saturday 14 March, Trades Hall" / "10:00 …"), when
# the first can be one (`title_line`), or no title (a letter's address, a note signed and
# dated). The build ran them together into one title, lost from the text. A headline in
# capitals over them is one (`_headline_apart`).
LINES_UNDER_A_TITLE = 3


_HEADLINE_LETTERS = 3  # "ICE OUT!", not "A" nor "UK"


def _headline_apart(blocks: list[Block]) -> list[Block]:
    """A leaflet's headline in capitals over lines of what it announces, on consecutive
    lines ("STRIKE RALLY" / "Saturday 14 March, 11am" / "Royal Infirmary main gate"): the
    headline a block of its own, the lines under it another. They were one title, run
    together, or none. (A name over an address, a memo's or a post's head, open with no
    line in capitals.)"""
    headline = blocks[0].lines[0]
    letters = [c for c in headline if c.isalpha()]
    shouted = len(letters) >= _HEADLINE_LETTERS and all(c.isupper() for c in letters)
    if not (shouted and title_line(headline)) or _SALUTATION.match(blocks[1].text):
        return list(blocks)
    return [*first_line_apart(blocks[0]), *blocks[1:]]


def opening_title_apart(blocks: Sequence[Block]) -> list[Block]:
    """The first of `blocks` (none when there are none), its first line a block of its own
    when it is the title over the lines under it; never a letter's address and date over
    "Dear …", or over the street's number or postcode, which stay the letter's lines."""
    if not blocks:
        return []
    opening, lines = blocks[0], blocks[0].lines
    if len(blocks) < 2 or len(lines) < LINES_UNDER_A_TITLE or opening.rows or opening.quoted:
        return [opening]
    letter = _SALUTATION.match(blocks[1].text) or (
        parse_date(lines[-1]) and any(c.isdigit() for line in lines[1:-1] for c in line)
    )
    return [opening] if letter or not title_line(lines[0]) else first_line_apart(opening)


def first_line_apart(block: Block) -> list[Block]:
    """A block's first line a block of its own, over the block of the lines under it."""
    first = Block(block.lines[:1], block.indented, block.gap, block.indent)
    return [first, Block(block.lines[1:], False, 0)]


def _name_line(text: str) -> bool:
    """A byline's name alone ("Ana Ruiz", "By Ana Ruiz"): no street's or postcode's number."""
    if author_line(text):
        return True
    found = signature(text)
    return bool(found and found[1] is None and not any(c.isdigit() for c in text))


# How a letter opens: "Dear …", "Estimada …", "Chère …", "To whom it may concern"
_SALUTATION = re.compile(
    r"^(?:dear|to whom|estimad[oa]s?|querid[oa]s?|cher|chère|chers|madame|monsieur)\b",
    re.IGNORECASE,
)


def take_dateline(blocks: list[Block], draft: Draft) -> None:
    """A date line, a 'Posted on DATE by NAME' or 'By NAME | DATE' byline, or a 'By NAME'
    line (then perhaps a date line) under the title: the document's date and author,
    which the front matter carries from then on."""
    if blocks and (both := _author_and_date(blocks[0])):
        draft.authors = authors(both[0])
        draft.date = draft.date or both[1]
        draft.found["byline"] += 1
        blocks.pop(0)
        return
    if not blocks or not blocks[0].single_line:
        return
    text = untagged(blocks[0].text)
    if (author := author_line(text)) and len(blocks) > 1:
        draft.authors = authors(author)
        draft.found["byline"] += 1
        blocks.pop(0)
        take_dateline(blocks, draft)
        return
    name, when = byline(text) or ("", dateline(text))
    if when is None:
        return
    if name:
        draft.authors = authors(name)
    draft.date = draft.date or when
    draft.found["byline" if name else "dateline"] += 1
    blocks.pop(0)


def _author_and_date(block: Block) -> tuple[str, dt.date] | None:
    """A name line over a date line, as Substack and Medium print a post's byline ('By'
    before the name too), or over a line that says the date is its publication's
    ("Published 3 March 2026")."""
    if len(block.lines) != 2:
        return None
    if not (when := parse_date(block.lines[1]) or posted_on(block.lines[1])):
        return None
    if by := author_line(block.lines[0]):
        return by, when
    name = signature(block.lines[0])
    return (name[0], when) if name and name[1] is None else None


def _header(block: Block) -> bool:
    """A byline or date line, as under a post's title (and subtitle)."""
    text = block.text
    return bool(
        _author_and_date(block)
        or (
            block.single_line
            and (byline(text) or author_line(text) or parse_date(text) or posted_on(text))
        )
    )


def title_line(text: str) -> bool:
    """Whether a line can be a title (short, no sentence, no list item, no date)."""
    return _title_like(Block((text,), False, 0))


def _title_like(block: Block) -> bool:
    text = unmarked(untagged(block.text))
    return (
        block.single_line
        and not block.quoted
        and not block.bullet
        and block.number is None
        and not block.rule
        and len(text) <= TITLE_MAX
        and not text.endswith((".", ",", ";", ":"))
        and not _SENTENCE_BREAK.search(text)
        and not URL.fullmatch(text)
        and not caption(text)  # a photo credit under the title: the photo did not come along
        and parse_date(text) is None
        and _opens_as_a_title(_TAGGED.sub("", _without_leading_symbols(text)))
    )


def _opens_as_a_title(text: str) -> bool:
    return capitalised(text) or text[:1].isdigit() or text[:1] in "¿¡«\"“'‘"


def _without_leading_symbols(text: str) -> str:
    """A title without the emoji and hashtag sign campaigns open one with ("🚨 Rent strike
    enters week four", "✊🏽 Solidarity…", "🇵🇸 …", "#RentStrike …"): what opens its words."""
    start = 0
    while start < len(text) and (
        text[start] in "# " or unicodedata.category(text[start]) in ("So", "Sk", "Mn", "Cf")
    ):
        start += 1
    return text[start:]


# A title's tag in brackets before it: "[Update] …", "(Video) …", "[ES/EN] …"; not a
# note's number ("[1] …")
_TAGGED = re.compile(r"^[\[(](?=\D)[^\])]{1,30}[\])]\s+(?=\S)")


def _is_body(block: Block) -> bool:
    return len(block.text) >= 120 or block.bullet or block.number is not None


def _heading_like(blocks: list[Block], index: int, closing: int) -> bool:
    """A short line over a long paragraph or a list, or typed in capitals over any text but
    the signature (`heading_in_capitals`), as statements set their headings; `closing` is
    the index of the text's last line of its own (`closing_index`)."""
    block = blocks[index]
    following = _next_content(blocks, index)
    return (
        _short_line_of_words(block)
        and following is not None
        and not following.text.startswith("\x01sig ")
        and (
            len(following.text) >= max(120, 2 * len(block.text))
            or following.bullet
            or following.number is not None
            or heading_in_capitals(blocks, index, closing)
        )
    )


def heading_in_capitals(blocks: list[Block], index: int, closing: int) -> bool:
    """Whether `blocks[index]` is a short line typed in capitals ("WHAT WE DEMAND", "QUÉ
    PEDIMOS") over text that does not close the whole (a slogan over the name that signs
    it): a heading, as statements and leaflets set theirs."""
    block = blocks[index]
    return (
        _short_line_of_words(block)
        and _in_capitals(block.text)
        and index + 1 < len(blocks)
        and _section_text(blocks, index + 1, closing)
    )


def post_title(blocks: list[Block], index: int) -> bool:
    """Whether `blocks[index]` is the title of a post that starts inside the text (blog
    posts copied into one file, as `_split_posts` cuts them on import): a short line of
    words under a rule or a blog's date header ("Tuesday, February 10, 2026"), over its
    post's text, a long paragraph or a list, before any other rule. A name or a line of
    thanks under a rule, over nothing long, is no title."""
    if index == 0 or not _short_line_of_words(blocks[index]):
        return False
    above = blocks[index - 1]
    if not (above.rule or (above.single_line and weekday_header(above.text))):
        return False
    for block in blocks[index + 1 : index + 4]:  # under a subtitle or a date line, at most
        if block.rule:
            return False
        if _is_body(block):
            return True
    return False


def _short_line_of_words(block: Block) -> bool:
    return _title_like(block) and len(block.text.split()) <= HEADING_WORDS and not block.indented


def _section_text(blocks: list[Block], index: int, closing: int) -> bool:
    """Whether `blocks[index]` is text a heading can stand over: not the lines that close
    the text (a name under a slogan in capitals, links after it), unless a sentence."""
    return index < closing or blocks[index].text.rstrip().endswith((".", "!", "?"))


def _in_capitals(text: str) -> bool:
    """Whether every letter of `text` is a capital, two at least (an acronym in an Arabic
    line, "مع ILO", makes no heading of it)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _next_content(blocks: list[Block], index: int) -> Block | None:
    return blocks[index + 1] if index + 1 < len(blocks) else None


def _body(blocks: list[Block], draft: Draft, breaks: bool, notes: dict[str, str]) -> str:
    """`blocks` as HTML, with `notes` (`textnotes.notes_at_end`) its footnotes."""
    parts: list[str] = []
    closing = closing_index(blocks)
    sections = numbered_headings(blocks)  # "1. Introduction", "2.1 Rents"
    index = 0
    while index < len(blocks):
        block = blocks[index]
        text = block.text
        if block.rule:
            if parts:  # a rule before any text (a title's underline) separates nothing
                parts.append("<hr>")
            if index + 1 < len(blocks) and _title_like(blocks[index + 1]):
                parts.append(f"<h2>{inline(blocks[index + 1].text)}</h2>")
                draft.found["reprinted articles"] += 1
                index += 1
                if (
                    index + 2 < len(blocks)
                    and _title_like(blocks[index + 1])
                    and _is_body(blocks[index + 2])
                ):
                    parts.append(
                        _div("standfirst", f"<p><em>{inline(blocks[index + 1].text)}</em></p>")
                    )
                    index += 1
            index += 1
            continue
        written = len(parts)
        if block.quoted:
            index = _quotation(blocks, index, parts, draft) - 1
        elif text.startswith("\x01sig "):
            parts.append(_div("signature", f"<p>{inline(text[5:])}</p>"))
        elif block.rows:
            parts.append(table_html(block.rows, inline, block.header))
            draft.found["tables"] += 1
        elif html_written(block.lines):  # "<h2>Our demands</h2>" / "<ul>": a post's source
            parts.append(written_html(block.lines))
            draft.found["blocks of HTML written out"] += 1
        elif index in sections:
            parts.append(f"<h{sections[index]}>{inline(text)}</h{sections[index]}>")
            draft.found["numbered headings"] += 1
        elif block.heading:  # underlined with "=" or "-"
            parts.append(f"<h2>{inline(text)}</h2>")
            draft.found["headings"] += 1
        elif _dialogue_turn(blocks, index):
            parts.append(f"<p>{_lines(block)}</p>")
            draft.found["paragraphs"] += 1
        elif block.bullet or (block.indented and indented_run(blocks, index) >= 2):
            index = bulleted_list(blocks, index, parts, draft) - 1
        elif block.number is not None:
            index = numbered_list(blocks, index, parts, draft) - 1
        elif block.letter == 1 and index + 1 < len(blocks) and goes_on(blocks[index + 1]):
            index = lettered_list(blocks, index, parts, draft) - 1
        elif SOURCE_NOTE.search(text) and index >= len(blocks) - 3:
            parts.append(_div("source-note", f"<p>{_lines(block)}</p>"))
            draft.found["source notes"] += 1
        elif PICTURE.fullmatch(text):
            parts.append(f"<p>{text}</p>")
        elif NOTE.match(text):
            parts.append(_div("note", f"<p>{inline(text)}</p>"))
            draft.found["notes"] += 1
        elif caption(text):
            parts.append(_div("caption", f"<p>{inline(text)}</p>"))
            draft.found["captions"] += 1
        elif block.single_line and parse_date(text):
            parts.append(_div("dateline", f"<p>{inline(text)}</p>"))
            draft.found["datelines"] += 1
        elif block.single_line and (marked := MARKDOWN_HEADING.match(text)):
            level = 2 if len(marked[1]) <= 2 else 3  # the title is the document's h1
            parts.append(f"<h{level}>{inline(marked[2])}</h{level}>")
            draft.found["headings"] += 1
        elif _heading_like(blocks, index, closing):
            parts.append(f"<h2>{inline(text)}</h2>")
            draft.found["headings"] += 1
        else:
            parts.append(f"<p>{_lines(block)}</p>")
            draft.found["paragraphs"] += 1
        if breaks and block.gap >= 2 and _between_texts(parts, written):
            parts.insert(written, "<hr>")
            draft.found["section breaks"] += 1
        index += 1
    body = "\n".join(blocks_kept_apart(parts))  # "<blockquote>" pasted and never closed
    return _pictures(_footnotes(body, notes, draft), draft)


# An interview's turns of speech as Spanish, French, Portuguese, Catalan and Italian set them,
# each after a dash ("— ¿Cuándo empezó la huelga?" / "— En enero."), which a list's bullets
# would take away: told from a list dashed the same way by its questions (`spoken`)
_TURN = ("—", "―", "–", "- ")


def _dialogue_turn(blocks: list[Block], index: int) -> bool:
    """Whether `blocks[index]` is a turn of a dialogue: one of a run of blocks opening with
    a dash (`_TURN`) that `typed_lists.spoken` reads as turns of speech."""
    if not blocks[index].text.startswith(_TURN):
        return False
    start = end = index
    while start > 0 and blocks[start - 1].text.startswith(_TURN):
        start -= 1
    while end + 1 < len(blocks) and blocks[end + 1].text.startswith(_TURN):
        end += 1
    return spoken([block.text for block in blocks[start : end + 1]])


def _quotation(blocks: list[Block], index: int, parts: list[str], draft: Draft) -> int:
    """The passage quoted from `blocks[index]` on, as one quotation of its paragraphs;
    the index after it."""
    end = index
    while end < len(blocks) and blocks[end].quoted:
        end += 1
    paragraphs = "".join(f"<p>{_lines(block)}</p>" for block in blocks[index:end])
    parts.append(f"<blockquote>{paragraphs}</blockquote>")
    draft.found["quotations"] += 1
    return end


def picture_mark(description: str, name: str | None) -> str:
    """How a picture stands in the text: where it stood, with its file once found
    ('media/…'), else left out and named."""
    return f"[image: {description}]" + (f"⟦{name}⟧" if name else "")


def _pictures(body: str, draft: Draft) -> str:
    """Each picture the text marks shown where it stood, with its description; one whose
    file did not come with the text left out, by its description, for the editor to add:
    Gmail's "[image: …]" is no text to publish."""

    def picture(found: re.Match[str]) -> str:
        description, name = found[1].strip(), found[2]
        if name is None:
            draft.unsure.append(
                f"picture {description!r} left out: the text only marks where it stood;"
                " add it by hand"
            )
            return ""
        draft.found["pictures"] += 1
        return f'<img src="{escape(name)}" alt="{escape(description)}">'

    body = _PICTURE_ALONE.sub(lambda found: f"<p>{picture(found)}</p>".replace("<p></p>", ""), body)
    return PICTURE.sub(picture, body)


def _between_texts(parts: list[str], written: int) -> bool:
    """Whether a section break may go before parts[written]: text on both sides, not a
    heading (which starts a section itself), a rule or the closing signature."""
    if written == 0 or written == len(parts):
        return False
    before, after = parts[written - 1], parts[written]
    return not before.startswith(("<h2", "<hr")) and not after.startswith(
        ("<h2", "<hr", '<div class="signature"')
    )


def _lines(block: Block) -> str:
    """A paragraph's text; the lines of a block were broken by hand (an address, a verse, a
    footer: `textblocks` joined the hard-wrapped ones), so they stay lines."""
    return "<br>".join(inline(line) for line in block.lines)


def _div(css_class: str, inner: str) -> str:
    return f'<div class="{css_class}">{inner}</div>'


def _footnotes(body: str, notes: dict[str, str], draft: Draft) -> str:
    """[1] markers with a matching '[1] text' paragraph become footnotes (via placeholders
    that `importers.draft` turns into pandoc's [^1] syntax)."""
    if not notes:
        return body
    used = set()

    def reference(match: re.Match[str]) -> str:
        if (called := number(match)) not in notes:
            return match.group(0)
        used.add(called)
        return f"⟦fn{called}⟧"

    body = CALL.sub(reference, body)
    definitions = "".join(
        f"<p>⟦fndef{n}⟧ {inline(text)}</p>" if n in used else f"<p>[{n}] {inline(text)}</p>"
        for n, text in notes.items()
    )
    draft.found["footnotes"] += len(used)
    if len(used) < len(notes):
        draft.unsure.append(f"{len(notes) - len(used)} numbered notes have no marker in the text")
    return body + f'\n<div class="footnote-definitions">{definitions}</div>'
