"""Dashes typed as hyphens set as dashes, and ellipses typed as three dots set as one
character, decided once when a document is read.

Pandoc's `smart` reading makes `--` an en dash and `---` an em dash in Markdown only; text
pasted into a `.txt`, a web page or a title kept them as typed, so the same statement
printed "2010--2020" from one file and "2010–2020" from another. And a dash typed as a
spaced hyphen ("the offer - a 2% rise - is an insult"), as blogs and mail write it, was
printed as a hyphen, which a justified line could leave at the start of the next line,
where it reads as a list's bullet. Word and LibreOffice make it an en dash as it is typed;
so do we, in every format and language (an en dash between spaced words is the dash of
English, French, German and Italian print, and nearer Spanish's raya than a hyphen).

Each dash between spaced words is tied to the word before it by a no-break space, as
typesetters set it, so that no line starts with one; so is the dash that closes an aside
before its punctuation ("- responde María -."). A paragraph opening with a hyphen or two
(an interview's turns of speech, which `typed_lists` left paragraphs; "-- Ana Ruiz"
signing a text) opens with an em dash, as Spanish and French print dialogue. Dashes set
once are set again the same: `publisher import` writes its text with them.

A hyphen between two numbers is left as typed (a telephone number, a sum), and so is
anything in code, a command's option (`--format`), an address (`https://x.org/a--b`,
`a--b@x.org`) and a row of hyphens. smartypants would read the HTML again and knows
neither code's `lang` nor spaced hyphens; `text_tokens.tokens` already tells code from
text.

Three dots are an ellipsis ("…"), as pandoc's `smart` makes them in Markdown only ("We
waited..." printed three dots from a `.txt` or a web page, and one character from
Markdown); a fourth after them is a full stop. A row of five or more (a table of contents'
leaders) and dots in an address or in code stay as typed.
"""

from __future__ import annotations

import html
import re

from .text_tokens import Token, tokens

_SPACE = "[ \u00a0]"
_DASHES = re.compile(
    rf"(?<=[\w%)\]”’»\"'.!?…]){_SPACE}(?:---?|[-–—]){_SPACE}(?=[\w(\[“‘«\"'¡¿])"  # spaced
    rf"|(?<=[\w”’»\"'!?…]){_SPACE}(?:---?|[-–—])(?=[.,;:)]\s)"  # closing an aside: "-."
    r"|(?<!-)---?(?!-)"  # -- or --- (not a row of hyphens, nor part of one)
)
_TURN = re.compile(rf"(?:---?|[-–]){_SPACE}(?=[^\W\d_]|[¿¡«“\"'‘])")  # "- ¿Cuándo?", "-- Ana"
# What may be a dash to set: -- or ---, a spaced one, one closing an aside, a turn's
_MAYBE = re.compile(rf"--|{_SPACE}[-–—]{_SPACE}|{_SPACE}[-–—][.,;:)]|(?:^|>)[-–]{_SPACE}|\.\.\.")
# Three dots, or four (an ellipsis and a full stop), not part of a longer row of dots
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?=\.?(?!\.))")
_NUMBER = re.compile(r"\d")
_OPTION = re.compile(r"\s--[A-Za-z]")  # a command's option, typed outside code
_ADDRESS_MARKS = ("/", "@")
NBSP = "\u00a0"
_DASH = {"-": "–", "--": "–", "---": "—"}  # typed: set


def dashed(body: str, language: str) -> str:
    """`body` (sanitised HTML) with its hyphens typed for dashes set as dashes and its three
    dots as ellipses (see the module's docstring); its text in code left as it is."""
    if not _MAYBE.search(body):
        return body
    found = list(tokens(body, language))
    out: list[str] = []
    previous = ""  # the character before the next text, in its block
    for index, token in enumerate(found):
        if token.language is None:  # a tag
            previous = "" if token.block else previous
            out.append(token.written)
            continue
        plain = html.unescape(token.written)
        if token.verbatim:
            out.append(token.written)
        else:
            following = _next_character(found, index + 1)
            out.append(html.escape(_dashed(plain, previous, following), quote=False))
        previous = plain[-1:] or previous
    return "".join(out)


def dashed_text(text: str) -> str:
    """Plain `text` (a title, a summary) with its dashes and ellipses set as `dashed` sets
    them."""
    return _dashed(text, "", "") if _MAYBE.search(text) else text


def _next_character(found: list[Token], start: int) -> str:
    """The first character of the text from token `start` on in the same block ("" at its
    end). (Not a slice of the tokens: one for each token took as the square of their
    number, 4 s for 20,000 lines of a pasted table's "+--+".)"""
    for token in (found[index] for index in range(start, len(found))):
        if token.language is None:
            if token.block:
                return ""
            continue
        return "" if token.verbatim else html.unescape(token.written)[:1]
    return ""


def _dashed(text: str, previous: str, following: str) -> str:
    """`text` with its dashes set, `previous` and `following` being the characters around it
    in its block (a word in italics beside the dash)."""
    around = f"{previous or ' '}{text}{following or ' '}"

    def dash(match: re.Match[str]) -> str:
        typed = match.group()
        start, end = match.start(), match.end()
        if start == 0 or end == len(around):  # a row of hyphens begun in the text before
            return typed
        if typed.startswith("-"):  # -- or ---, not spaced
            if _in_address(around, start, end) or _OPTION.match(around, start - 1):
                return typed
            return _DASH[typed]
        if _NUMBER.match(around[start - 1]) and _NUMBER.match(around[end]):
            return typed  # 0161 - 555 - 0199, 12 - 4
        if not typed[-1].isspace():  # closing an aside, before its punctuation
            return f"{NBSP}{_DASH.get(typed[1:], typed[1:])}"
        return f"{NBSP}{_DASH.get(typed[1:-1], typed[1:-1])} "

    if not previous and (turn := _TURN.match(text)):  # a turn of speech, a signing dash
        around = f" —{around[turn.end() :]}"  # its dash as typed taken out, the space kept
    return _ellipses(_DASHES.sub(dash, around)[1:-1])


def _ellipses(text: str) -> str:
    """`text` with its three dots typed for an ellipsis set as one, but in an address."""

    def ellipsis(match: re.Match[str]) -> str:
        return match.group() if _in_address(text, match.start(), match.end()) else "…"

    return _ELLIPSIS.sub(ellipsis, text) if "..." in text else text


_WORD_MOST = 500  # characters each side: what an address may be; the rest of a spaceless run


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is in a word holding a / or an @ (an address), the word
    looked for no further than _WORD_MOST characters each side: a megabyte of "a--a--…"
    without a space took minutes, each dash's word being looked for back to the text's
    start. (Each mark is looked for with `str.find`, not a pattern: 400,000 dashes took 4 s
    with one.)"""
    first = max(0, start - _WORD_MOST)
    last = min(len(text), end + _WORD_MOST)
    begin = text.rfind(" ", first, start) + 1 or first
    space = text.find(" ", end, last)
    stop = last if space < 0 else space
    return any(text.find(mark, begin, stop) >= 0 for mark in _ADDRESS_MARKS)
