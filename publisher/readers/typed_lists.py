"""Lists typed out as text → lists.

Lists reach publisher with their marks typed out: WordPad and TextEdit write each item's
mark before it ({\\pntext ·\\tab}); text pasted into Word, a web editor or a Markdown file
from a web page, a phone or an email keeps its "• " at each line's start (from Word, often
its Symbol font's own, U+F0B7); numbered points are typed "1) ", "2) " or "(1) ". pandoc reads
paragraphs that start with a stray bullet or number, and in Markdown, lines that follow one
another are one paragraph: "Our demands: • Pay • Hours • Staffing". Here:

- in Markdown, a line starting with a bullet is a list item ("- ", as Markdown writes it),
  after a blank line if text came just before it, and lines numbered one under the other
  in other digits than 0–9 ("١.", "٢."), which Markdown makes no list of, are paragraphs
  of their own, made a list below, and a paragraph opening with a year ("2026. A year of
  struggle") is no list numbered from it (`markdown_as_meant`);
- in any document's HTML, paragraphs in a row that start with a bullet are a list, two or
  more that start with numbers counting on by one a numbered list, from the first one's
  number, and two or more lettered "(a)", "(b)" a lettered list (`typed_lists`). One
  numbered paragraph alone may be a heading's number, and "2024." a year: those stay as
  written. Two or more dashed ("- ", "– ", "— ") or starred ("* ") are a list too, unless
  they are an interview's turns (`_interview`); one alone may sign a statement. Items
  typed as lines of one paragraph, broken with <br> (WordPress, Word's Shift+Enter), are
  paragraphs of their own first (`_lines_apart`). A "◦" or "▪" item under a "•" one is a
  level down (`BulletLevels`), and so are "a)", "b)" under a numbered item, a motion's
  points under its resolution.
- Word's library bullets (➢, ◆, ❖, ■) are bullets too; and in plain text and Markdown, a
  bullet or a number alone on its line, as a PDF's text copies them, goes with the words
  under it (`marks_beside_their_items`).
"""

from __future__ import annotations

import re
from typing import Any

from ..numerals import typed_counter_style
from ..tree_edits import body_html, body_tree
from .fenced_code import FENCED_CODE

# Bullets typed as characters: Word's bullet library's too (➢, ◆, ❖, ■, ○), which its
# text copied as text keeps. (Ticks and boxes, ✓ and ☐, say done and not done: no bullets.)
_BULLETS = "•●▪◦‣·∙○■◆◇❖➢➤►▸"
# Word's bullets as its Symbol and Wingdings fonts number them (U+F0B7 for •, U+F0A7 for ▪,
# U+F0D8 for ➢), in the Private Use Area, which text copied out of Word into another
# program can keep: no font draws them, so unread they are boxes in every output.
SYMBOL_FONT = "\uf020-\uf0ff"
# A list's bullets a level and two levels down, as Word and browsers draw them (Wingdings'
# own square too): an item with one under an item with another bullet is a level down.
SUB_BULLETS = {"◦": 2, "○": 2, "▪": 3, "■": 3, "\uf0a7": 3}
# A phone (and Telegram, WhatsApp, Facebook) types "▪" and "►" as emoji: the character and
# U+FE0F, the variation selector asking for its colour picture ("▪️"). The same bullet.
EMOJI_STYLE = "\ufe0f"
_MARK = f"[{_BULLETS}{SYMBOL_FONT}]{EMOJI_STYLE}?"  # a bullet typed as a character
_ANY_BULLET = re.compile(_MARK)
_MARKDOWN_BULLET = re.compile(rf"^([ \t]*){_MARK}[ \t\u00a0]+(?=\S)")
_SEPARATOR = re.compile(rf"^[\s{_BULLETS}{EMOJI_STYLE}*]*$")  # "• • •" between sections
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_LIST_LINE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]")
_PARAGRAPH_BULLET = re.compile(rf"^\s*{_MARK}[\s\u00a0]+")
# "- ", "– ", "— ", "* ": items dashed (or starred) by hand, as Word keeps them with its
# AutoFormat off and as mail and plain text type them; two or more in a row, as one alone
# may sign a statement or mark a note ("— Ana Ruiz", "* Provisional figures"). A run of
# em-dashed turns with a question among them ("— ¿Cuándo empezó?" / "— En enero.") is an
# interview as Spanish and French set one (`_interview`), and stays so: an em-dashed run is
# a run of its own, told from a list hyphenated just before it. ("- - -" between two parts
# is no item.)
_HAND_MARKS = "-–—―*"
_PARAGRAPH_HAND_MARK = re.compile(rf"^\s*[{_HAND_MARKS}][ \t\u00a0]+(?=[^{_HAND_MARKS}\s])")
_DASHED, _EM_DASHED = "ul-dash", "ul-em"  # the kinds of a dashed list's run
# "1.", "1)", "(1)": numbered points typed by hand (`importers.textblocks` reads them too);
# and "1.-", "1-", "1 -", as Spanish and French texts number them, and ordinals, "1º.-",
# "1.ª", "1°", as Spanish and French texts count points, before a word ("3 - 0" is a score)
_ORDINAL_SIGNS = "ºª°"
_ORDINAL = rf"\.?[{_ORDINAL_SIGNS}](?:\.-|[.)-]| -)?"
NUMBER_MARK = (
    rf"(?:\((\d{{1,3}})\)|(\d{{1,3}})(?:[.)]|(?:\.-| ?-|{_ORDINAL})(?=[ \t\u00a0]+[^\W\d_])))"
)
_PARAGRAPH_NUMBER = re.compile(rf"^\s*{NUMBER_MARK}[\s\u00a0]+")
# "(a)", "b)", "c.": a motion's resolutions typed by hand, a list's letters as Word copies
# them (`importers.textblocks` reads them in pasted text, `letter_place` says which letter)
LETTER_MARK = r"(?:\(([a-z])\)|([a-z])(?:\.-|[.)]))"
_PARAGRAPH_LETTER = re.compile(rf"^\s*{LETTER_MARK}[\s\u00a0]+")
_LETTERED = "ol-a"  # the kind of a lettered list's run
# A line opening with a number in other digits than 0–9 ("١. ", "(٢) "), with a dash after
# it ("1.- ", "2 - ") or as an ordinal ("1º "): no list to Markdown
_UNLISTED_NUMBER_LINE = re.compile(
    rf"^[ \t]*(?:\(?(?![0-9])\d|\d{{1,3}}(?:\.?[ ]?-|\.?[{_ORDINAL_SIGNS}]))", re.MULTILINE
)
# A line opening with an en or em dash ("– Pay rise"), which Markdown makes no list item of
_DASH_LINE = re.compile(r"^[ \t]{0,3}[–—―][ \t\u00a0]+\S", re.MULTILINE)
# A line opening with a year and a stop, "2026. " (the years of a timeline one after the
# other, 2024., 2025., may be a list)
_YEAR_LINE = re.compile(r"^[ \t]{0,3}(1[89]\d\d|20\d\d)\.[ \t]", re.MULTILINE)
_MARKDOWN_NUMBER = re.compile(rf"^[ \t]*{NUMBER_MARK}[ \t\u00a0]+(?=\S)")
_KEPT = ("lang", "dir", "id")
# A Markdown list item at a line's start ("- Pay", "* Pay", "1. Pay", "1) Pay")
_MARKDOWN_ITEM = re.compile(r"^(?:([-*+])|(\d{1,9})([.)]))[ \t]+\S")
# A line of three dashes or more alone; any rule Markdown reads ("***", "_ _ _", "- - -");
# a heading's or a quotation's first line ("## Demands", "> We regret"): each straight under
# a line of text, where pandoc's Markdown, unlike CommonMark, reads it as more of the text
_DASHES = re.compile(r"^[ \t]{0,3}-{3,}[ \t]*$")
# (a run of marks, or single marks spaced: "-----  ----" is a table's line of columns)
_RULE = re.compile(r"^[ \t]{0,3}(?:([-*_])\1{2,}|([-*_])(?:[ \t]+\2){2,})[ \t]*$")
_HEADING_OR_QUOTE = re.compile(r"^(?:#{1,6}[ \t]+\S|>(?:[ \t]|$))")
# A pipe table's delimiter row ("|---|:---:|", "--- | ---") and a row of one ("| a | b |")
_DELIMITER_ROW = re.compile(
    r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$", re.MULTILINE
)
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_SENTENCE_STOPS = (".", "!", "?", "…", ":", ";", '"', "”", "»", ")")
# A line of text with a line under it that may open a list item, a rule, a heading or a
# quotation: worth a closer look (`markdown_as_meant`)
_MARK_UNDER_TEXT = re.compile(r"^[ \t]*\S.*\n[ \t]{0,3}(?:[-*_+#>]|\d{1,9}[.)])", re.MULTILINE)


# A Markdown block's mark ("- ", "1. ", "## ", "> ") as text pasted from Word, Google Docs or
# a Mac's Notes carries it: a non-breaking space after it, or an invisible character before
# it (a zero-width space, a word joiner, a byte-order mark), and Markdown reads no mark
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_PASTED_MARK = re.compile(
    FENCED_CODE
    + rf"|^([{_INVISIBLE}]*)([ \t]{{0,3}}(?:[-*+]|\d{{1,9}}[.)]|#{{1,6}}|>))([\u00a0\u202f \t]+)(?=\S)",
    re.MULTILINE | re.DOTALL,
)


# A bullet or a number alone on its line, its item's words on the line under it, as text
# copied out of a PDF comes ("•" / "Pay rise" / "•" / "Safe staffing", "1." / "Pickets …");
# fenced code kept as written
_LONE_MARK = re.compile(
    FENCED_CODE + rf"|^([ \t]*(?:{_MARK}|\((\d{{1,3}})\)|(\d{{1,3}})[.)]))[ \t\u00a0]*\n"
    rf"(?=[ \t]*[^\s\d{_BULLETS}{SYMBOL_FONT}])",
    re.MULTILINE | re.DOTALL,
)


def marks_beside_their_items(text: str) -> str:
    """`text` (plain text or Markdown) with each bullet alone on its line put before the
    words on the line under it, and each number so alone too where the number before or
    after it counts on by one (a lone "3." may end a sentence's line: "… in chapter" /
    "3.")."""
    found = [mark for mark in _LONE_MARK.finditer(text) if mark[2] is not None]
    if not found:
        return text
    numbers = [(mark.start(), int(mark[3] or mark[4])) for mark in found if mark[3] or mark[4]]
    counted = {
        at
        for index, (at, number) in enumerate(numbers)
        if (index and numbers[index - 1][1] == number - 1)
        or (index + 1 < len(numbers) and numbers[index + 1][1] == number + 1)
    }

    def beside(mark: re.Match[str]) -> str:
        numbered = bool(mark[3] or mark[4])
        if mark[1] is not None or (numbered and mark.start() not in counted):
            return mark[0]  # code, or a number that counts nothing
        return f"{mark[2]} "

    return _LONE_MARK.sub(beside, text)


def _marks_as_typed(body: str) -> str:
    """`body` with each block mark pasted with a non-breaking space after it or an invisible
    character before it as Markdown writes it."""

    def typed(found: re.Match[str]) -> str:
        if found[1] is not None:
            return found[1]
        pasted = found[2] or "\u00a0" in found[4] or "\u202f" in found[4]
        return f"{found[3]} " if pasted else found[0]

    return _PASTED_MARK.sub(typed, body)


def markdown_as_meant(body: str) -> str:
    """Markdown `body` as its writer meant it, for pandoc's Markdown to read: lines that
    start with a typed bullet made list items; lines numbered one under the other in other
    digits than 0–9, or with a dash ("1.-"), paragraphs of their own, which `typed_lists`
    makes a list; a list straight under a paragraph's line set apart from it
    (`_opens_a_list`), and so are a rule, a heading, a quotation and a table typed
    under one (`_rule_under_text`, `_heading_or_quote_under_text`, `_table_under_text`);
    lines opening with en or em dashes one under the other paragraphs of their own, for
    `typed_lists` to tell a list from an interview (`_dashed_in_a_run`); a paragraph opening
    with a year no list numbered from it (`_lone_year`); block marks pasted with invisible
    characters as typed (`_marks_as_typed`), and bullets and numbers alone on their lines
    beside their items' words (`marks_beside_their_items`); words a PDF's column broke at
    its lines' ends whole again (`_words_whole`). Code blocks and separators like "• • •"
    are left alone."""
    if any(f"{hyphen}\n" in body for hyphen in "-\u2010\u00ad"):
        body = _words_whole(body)
    if any(c in body for c in "\u00a0\u202f" + _INVISIBLE):
        body = _marks_as_typed(body)
    body = marks_beside_their_items(body)
    if not (
        _ANY_BULLET.search(body)
        or _UNLISTED_NUMBER_LINE.search(body)
        or _DASH_LINE.search(body)
        or _YEAR_LINE.search(body)
        or _MARK_UNDER_TEXT.search(body)
        or ("|" in body and _DELIMITER_ROW.search(body))
    ):
        return body
    lines = body.split("\n")
    out: list[str] = []
    fenced = None
    levels = BulletLevels()
    for index, line in enumerate(lines):
        fence = _FENCE.match(line)
        if fence and (fenced is None or fence.group(1) == fenced):
            fenced = None if fenced else fence.group(1)
        if not fenced and _lone_year(lines, index):
            line = line.replace(".", "\\.", 1)  # "2026. A year of struggle": no list from 2026
        bullet = None if fenced or _SEPARATOR.match(line) else _MARKDOWN_BULLET.match(line)
        under_text = not fenced and bool(out) and bool(out[-1].strip())
        if under_text and (
            _numbered_in_a_run(lines, index)  # its own paragraph: one item of the list
            or _dashed_in_a_run(lines, index)  # or one turn of an interview
            or _opens_a_list(lines, index)
            or _table_under_text(lines, index)
            or _heading_or_quote_under_text(lines, index)
        ):
            out.append("")  # Markdown starts none of these straight after a paragraph's line
        elif under_text and _rule_under_text(lines, index):
            # a rule, between blank lines: not the line above underlined as a heading, nor
            # the first line of a table with the lines below
            out += (
                ["", line, ""]
                if index + 1 < len(lines) and lines[index + 1].strip()
                else ["", line]
            )
            levels = BulletLevels()
            continue
        if bullet is None:
            if line.strip() and not _LIST_LINE.match(line):
                levels = BulletLevels()  # text: the list has ended
            out.append(line)
            continue
        previous = out[-1] if out else ""
        if previous.strip() and not _LIST_LINE.match(previous) and not bullet.group(1):
            out.append("")  # Markdown starts no list straight after a paragraph's line
        indent = bullet.group(1) or "  " * (levels.of(line[bullet.end(1)]) - 1)
        out.append(f"{indent}- {line[bullet.end() :]}")
    return "\n".join(out)


_CODE = re.compile(FENCED_CODE, re.MULTILINE | re.DOTALL)


def _words_whole(body: str) -> str:
    """`body` with the words a PDF's column broke at its lines' ends ("sani-" / "tario"),
    pasted so, whole again, as in plain text (`broken_words`): Markdown printed
    "sani- tario". Fenced code stays as written."""
    from .broken_words import words_joined

    pieces = _CODE.split(body)  # code at odd places
    return "".join(piece if i % 2 else words_joined(piece)[0] for i, piece in enumerate(pieces))


def _opens_a_list(lines: list[str], index: int) -> bool:
    """Whether line `index` starts a Markdown list straight under a paragraph's line, as
    GitHub, Obsidian and Notion write lists (pandoc's Markdown reads it as more of the
    paragraph): under a line that ends in ':', or with the list's next item under it (the
    same bullet, the next number); a numbered one from 1, as CommonMark has it. One such
    line alone in a wrapped paragraph ("… in" / "2026. Since then …") stays text."""
    item = _MARKDOWN_ITEM.match(lines[index])
    above = lines[index - 1] if index else ""
    if not item or not above.strip() or above[:1] in " \t" or _LIST_LINE.match(above):
        return False
    if item.group(2) and int(item.group(2)) != 1:
        return False
    if above.rstrip().endswith(":"):
        return True
    below = _MARKDOWN_ITEM.match(lines[index + 1]) if index + 1 < len(lines) else None
    if below is None:
        return False
    if item.group(1):
        return below.group(1) == item.group(1)
    return below.group(2) == "2" and below.group(3) == item.group(3)


def _table_under_text(lines: list[str], index: int) -> bool:
    """Whether line `index` is a pipe table's header straight under a line of text
    ("Results:" / "| Centre | Yes |" / "|---|---|"): pandoc's Markdown read it all as one
    paragraph ("|—|—|"). (Text straight under its last row it reads as text.)"""
    if index == 0 or not lines[index - 1].strip() or "|" not in lines[index]:
        return False
    below = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(_DELIMITER_ROW.match(below)) and not _TABLE_ROW.match(lines[index - 1])


def _heading_or_quote_under_text(lines: list[str], index: int) -> bool:
    """Whether line `index` opens a heading ("## Demands") or a quotation ("> We regret")
    straight under a line of text, as CommonMark (GitHub, Obsidian) lets one start."""
    if index == 0 or not _HEADING_OR_QUOTE.match(lines[index]):
        return False
    above = lines[index - 1]
    return bool(above.strip()) and not above.lstrip().startswith((">", "#"))


def _rule_under_text(lines: list[str], index: int) -> bool:
    """Whether line `index`, a line of dashes straight under a paragraph, is the rule its
    writer typed between two parts, as plain text sets one: under a paragraph of several
    lines (pandoc printed it as a dash, "… line. — Next") or under a sentence (Markdown
    made the sentence a heading). Under a short line that ends in no stop ("Our demands"
    / "---") it underlines a heading, as Markdown has it."""
    if index == 0 or not _RULE.match(lines[index]) or not lines[index - 1].strip():
        return False
    if not _DASHES.match(lines[index]):  # "***", "- - -": no heading's underline
        return True
    above = lines[index - 1].rstrip()
    several = index > 1 and bool(lines[index - 2].strip())
    return several or above.endswith(_SENTENCE_STOPS)


def _unlisted_number(line: str) -> int | None:
    """The number `line` opens with when Markdown makes no list item of it: typed in other
    digits than 0–9 ("١. …": 1), with a dash after it ("2.- …": 2) or as an ordinal ("3º
    …": 3)."""
    found = _MARKDOWN_NUMBER.match(line)
    if found is None:
        return None
    number = found.group(1) or found.group(2)
    listed = number.isascii() and not any(mark in found[0] for mark in f"-{_ORDINAL_SIGNS}")
    return None if listed else int(number)


def _numbered_in_a_run(lines: list[str], index: int) -> bool:
    """Whether line `index` is numbered as Markdown makes no list item of, counting on from
    the line above or on to the line below: an item, where one such line alone may be a
    year."""
    number = _unlisted_number(lines[index])
    if number is None:
        return False
    above = _unlisted_number(lines[index - 1]) if index else None
    below = _unlisted_number(lines[index + 1]) if index + 1 < len(lines) else None
    return above == number - 1 or below == number + 1


def _lone_year(lines: list[str], index: int) -> bool:
    """Whether line `index` opens with a year and a stop ("2026. A year of struggle."),
    which Markdown reads as a list numbered from 2026, and the nearest such lines above
    and below it count no years on to it or from it (a timeline's years are its items)."""
    found = _YEAR_LINE.match(lines[index])
    if found is None:
        return False
    year = int(found[1])
    above = next((m for j in range(index - 1, -1, -1) if (m := _YEAR_LINE.match(lines[j]))), None)
    below = next(
        (m for j in range(index + 1, len(lines)) if (m := _YEAR_LINE.match(lines[j]))), None
    )
    return not ((above and int(above[1]) == year - 1) or (below and int(below[1]) == year + 1))


def _dashed_in_a_run(lines: list[str], index: int) -> bool:
    """Whether line `index` opens with an en or em dash, as the line above or below does:
    a list's item or an interview's turn, as `typed_lists` tells, where one line alone may
    go on a wrapped sentence ("… the union" / "— and its members — voted")."""
    if not _DASH_LINE.match(lines[index]):
        return False
    return any(_DASH_LINE.match(lines[j]) for j in (index - 1, index + 1) if 0 <= j < len(lines))


def _bulleted_run(items: list[Any]) -> list[tuple[list[Any], str, int]]:
    """Bulleted or dashed items a numbered list's last item had over no number after them,
    as a run of their own (`_runs`): bulleted, a list; dashed, two or more not an
    interview's turns."""
    kind = (_mark(items[0]) or ("", 0))[0]
    if kind == "ul" or (len(items) >= 2 and not _interview(items)):
        return [(list(items), kind, 1)]
    return []


def _bullet_of(text: str) -> re.Pattern[str] | None:
    """The mark a numbered list's item typed with a bullet or a dash is typed with: a
    sub-item of the numbered one above it (`_runs`)."""
    return next(
        (mark for mark in (_PARAGRAPH_BULLET, _PARAGRAPH_HAND_MARK) if mark.match(text)), None
    )


class BulletLevels:
    """The levels of a typed list's items, as their bullets say: "◦" or "▪" under an item
    with another bullet is a level down (never more than one below the item before it)."""

    def __init__(self) -> None:
        self.first = ""
        self.level = 0

    def of(self, bullet: str) -> int:
        self.first = self.first or bullet
        wanted = 1 if bullet == self.first else SUB_BULLETS.get(bullet, 1)
        self.level = min(wanted, self.level + 1)
        return self.level


# A typed mark at a paragraph's or a line's start, as `_mark` and `_marked` read one:
# worth a closer look (`typed_lists`)
_TYPED_MARK_AT_START = re.compile(
    rf"<(?:p\b[^>]*|br\s*/?)>\s*"
    rf"(?:{_MARK}|{NUMBER_MARK}|{LETTER_MARK}\s|[{_HAND_MARKS}]\s)"
)


def typed_lists(body: str) -> str:
    """`body` (HTML) with its runs of paragraphs that start with a typed bullet or number
    made lists, and lettered points between a numbered list's items put inside the item
    above them (`_lettered_points_inside`); unchanged when it has none."""
    typed = _TYPED_MARK_AT_START.search(body)
    if not typed and '<ol type="a"' not in body:
        return body
    root = body_tree(body)
    changed = _lines_apart(root) if typed else False
    changed = _lettered_points_inside(root) or changed
    for parent in list(root.iter()) if typed else ():
        for run, tag, start in _runs(parent):
            _make_list(run, tag, start)
            changed = True
    if not changed:
        return body
    return body_html(root)


def _lines_apart(root: Any) -> bool:
    """Make each line of a paragraph that holds typed items as lines broken with <br>
    ("We ask:<br>• Pay<br>• Hours", as WordPress writes lines typed one under the other,
    and Word a line broken with Shift+Enter) a paragraph of its own, so that they are
    listed as paragraphs are; a paragraph whose marked lines would make no list ("1. …"
    and "3. …") stays as it was. Whether any was."""
    import copy

    import lxml.html

    changed = False
    for paragraph in list(root.iter("p")):
        breaks = [c for c in paragraph if c.tag == "br" and _marked(c.tail or "")]
        if not breaks:
            continue
        pieces = [lxml.html.Element("p", dict(paragraph.items()))]
        pieces[0].text = paragraph.text
        for child in paragraph:
            if child in breaks:
                pieces.append(lxml.html.Element("p", dict(paragraph.items())))
                pieces[-1].text = (child.tail or "").lstrip()
            else:
                pieces[-1].append(copy.deepcopy(child))
        trial = lxml.html.Element("div")
        trial.extend(pieces)  # (each piece moves on, below, if the paragraph is split)
        if sum(_mark(piece) is not None for piece in pieces) < 2 or not _runs(trial):
            continue
        for piece in pieces:
            piece.tail = "\n"
            paragraph.addprevious(piece)
        pieces[-1].tail = paragraph.tail
        paragraph.getparent().remove(paragraph)
        changed = True
    return changed


def _marked(line: str) -> bool:
    """Whether a line starts with a typed bullet, dash, number or letter (its words may
    follow in an element: "• <strong>Pay</strong>")."""
    marks = (_PARAGRAPH_BULLET, _PARAGRAPH_HAND_MARK, _PARAGRAPH_NUMBER, _PARAGRAPH_LETTER)
    return any(mark.match(line) for mark in marks)


def _lettered_points_inside(root: Any) -> bool:
    """Put each lettered list that pandoc's Markdown read between two numbered ones ("1.
    To strike." / "a) on Monday;" / "b) on Tuesday." / "2. To march.", typed without
    indenting the points) inside the item above it, the numbering going on after it in
    one list; whether there was one."""
    changed = False
    for lettered in list(root.iter("ol")):
        before, after = lettered.getprevious(), lettered.getnext()
        if lettered.get("type") != "a" or before is None or after is None:
            continue
        numbered = [before.tag, after.tag] == ["ol", "ol"] and {
            before.get("type", "1"),
            after.get("type", "1"),
        } == {"1"}
        items = before.findall("li")
        if (
            not numbered
            or not items
            or (before.tail or "").strip()
            or (lettered.tail or "").strip()
        ):
            continue
        if int(after.get("start", "1")) != int(before.get("start", "1")) + len(items):
            continue
        items[-1].append(lettered)
        before.extend(after.findall("li"))
        before.tail = after.tail
        after.getparent().remove(after)
        changed = True
    return changed


def _runs(parent: Any) -> list[tuple[list[Any], str, int]]:
    """The runs of typed-list paragraphs among `parent`'s children: (paragraphs, "ul" or
    "ol", first number)."""
    runs: list[tuple[list[Any], str, int]] = []
    run: list[Any] = []
    kind = ""
    numbers: list[int] = []
    letters: list[int] = []  # of the lettered points under the numbered run's last item
    bullets: list[Any] = []  # the bulleted items under the numbered run's last item

    def close() -> None:
        if bullets:  # under its last item, with no number after them: a list of their own
            del run[-len(bullets) :]
        if kind == "ul" and run:
            runs.append((list(run), "ul", 1))
        elif kind == "ol" and len(numbers) >= 2:
            runs.append((list(run), "ol", numbers[0]))
        elif kind == "ol" and len(letters) >= 2:  # "1)" alone, then "a)", "b)": no list of one
            runs.append((run[-len(letters) :], _LETTERED, 1))
        elif kind == _LETTERED and len(run) >= 2 and numbers[0] == 1:
            runs.append((list(run), _LETTERED, 1))
        elif kind in (_DASHED, _EM_DASHED) and len(run) >= 2 and not _interview(run):
            runs.append((list(run), _DASHED, 1))
        if bullets:
            runs.extend(_bulleted_run(bullets))

    for child in parent:
        mark = _mark(child)
        continues = bool(run) and not (run[-1].tail or "").strip()
        if (
            mark
            and continues
            and mark[0] == kind
            and (kind in ("ul", _DASHED, _EM_DASHED) or mark[1] == numbers[-1] + 1)
        ):
            run.append(child)
            numbers.append(mark[1])
            letters, bullets = [], []
            continue
        if (
            mark
            and mark[0] in ("ul", _DASHED)
            and continues
            and kind == "ol"
            and not letters
            and (not bullets or _mark(bullets[0]) == mark)  # bulleted alike
        ):
            run.append(child)  # "- New books" under "2.": its sub-item if "3." follows
            bullets.append(child)
            continue
        lettered = mark and mark[0] == _LETTERED and mark[1] == len(letters) + 1
        if lettered and continues and kind == "ol":  # "a)", "b)" under "2)"
            run.append(child)
            letters.append(len(letters) + 1)
            continue
        close()
        run, kind, numbers = ([child], mark[0], [mark[1]]) if mark else ([], "", [])
        letters, bullets = [], []
    close()
    return runs


def _mark(element: Any) -> tuple[str, int] | None:
    """("ul", 0) for a paragraph that starts with a typed bullet, ("ol", n) for one that
    starts with a typed number n, ("ol-a", n) with the n-th letter; None for anything else
    (a separator, "• • •", too)."""
    found = _paragraph(element)
    if found is None or not found[0].text:
        return None
    text = found[0].text
    if _PARAGRAPH_BULLET.match(text) and not _SEPARATOR.match(found[0].text_content()):
        return ("ul", 0)
    if number := _PARAGRAPH_NUMBER.match(text):
        return ("ol", int(number.group(1) or number.group(2)))
    if letter := _PARAGRAPH_LETTER.match(text):
        return (_LETTERED, letter_place(letter))
    if dash := _PARAGRAPH_HAND_MARK.match(text):
        return (_EM_DASHED if dash[0].strip() in "—―" else _DASHED, 0)
    return None


def _interview(run: list[Any]) -> bool:
    """Whether a run of dashed (not starred) paragraphs is an interview's turns of speech,
    not a list (`spoken`)."""
    texts = [element.text_content().strip() for element in run]
    return not texts[0].startswith("*") and spoken(texts)


def spoken(turns: list[str]) -> bool:
    """Whether lines opening with dashes are an interview's turns of speech rather than a
    list's items: after em dashes, as Spanish, French and Portuguese set dialogue ("— ¿Cuándo
    empezó?" / "— En enero."), with a question among them; after hyphens or en dashes, as
    one types them without an em dash to hand, with two questions and two answers at least
    (a list of questions, or one question among demands, is a list)."""
    asks = ["?" in turn or "¿" in turn for turn in turns]
    if all(turn.lstrip().startswith(("—", "―")) for turn in turns):
        return any(asks)
    return asks.count(True) >= 2 and asks.count(False) >= 2


def letter_place(mark: re.Match[str]) -> int:
    """The place of the letter a `LETTER_MARK` matched: 1 for "(a)", 2 for "b)"."""
    return ord(mark.group(1) or mark.group(2)) - ord("a") + 1


def _paragraph(element: Any) -> tuple[Any, dict[str, str]] | None:
    """A paragraph and the attributes an item made of it keeps: a <p>, or one alone in a
    <div> that gives it a language or direction (as pandoc writes <p lang dir>)."""
    if element.tag == "p":
        return element, dict(element.items())
    if (
        element.tag == "div"
        and len(element) == 1
        and element[0].tag == "p"
        and set(element.keys()) <= {"lang", "dir"}
        and not (element.text or "").strip()
        and not (element[0].tail or "").strip()
    ):
        return element[0], {**dict(element.items()), **dict(element[0].items())}
    return None


def _make_list(elements: list[Any], tag: str, start: int) -> None:
    import lxml.html

    attributes = {"start": str(start)} if start != 1 else {}
    marks = {
        "ul": _PARAGRAPH_BULLET,
        "ol": _PARAGRAPH_NUMBER,
        _LETTERED: _PARAGRAPH_LETTER,
        _DASHED: _PARAGRAPH_HAND_MARK,
    }
    mark = marks[tag]
    if tag == _DASHED:
        tag = "ul"
    if tag == "ol":  # counted in the digits its numbers were typed in: "١." "٢." stay so
        typed = mark.match((_paragraph(elements[0]) or (elements[0], {}))[0].text)
        style = typed_counter_style(typed.group(1) or typed.group(2)) if typed else "decimal"
        if style != "decimal":
            attributes["style"] = f"list-style-type: {style}"
    if tag == _LETTERED:
        tag, attributes = "ol", {"type": "a"}
    listing = lxml.html.Element(tag, attributes)
    elements[0].addprevious(listing)
    listing.text = "\n"
    listing.tail = elements[-1].tail
    levels = BulletLevels()
    lists = [listing]  # the list open at each level, the top one first
    for element in elements:
        paragraph, kept = _paragraph(element) or (element, {})
        under = _bullet_of(paragraph.text) if tag == "ol" else None  # "- x" under "2."
        lettered = tag == "ol" and not under and not mark.match(paragraph.text)  # "a)"
        level = (
            levels.of(paragraph.text.lstrip()[0]) if tag == "ul" else 1 + bool(lettered or under)
        )
        item = lxml.html.Element("li", {k: v for k, v in kept.items() if k in _KEPT})
        typed_with = under or (_PARAGRAPH_LETTER if lettered else mark)
        item.text = typed_with.sub("", paragraph.text, count=1)
        item.extend(list(paragraph))
        item.tail = "\n"
        element.getparent().remove(element)
        if level > len(lists):  # a level down: a list inside the item above
            lower = lxml.html.Element("ul" if under else tag, {"type": "a"} if lettered else {})
            lower.text = "\n"
            lists[-1][-1].append(lower)
            lists.append(lower)
        del lists[level:]
        lists[-1].append(item)
