"""Quotation marks, and French's spaces before punctuation, in each language's convention,
decided once when a document is read.

Pandoc's `smart` reading curls quotes the English way only, and cannot open a double quote
inside another: `"war ["on terror"]"` gives `[”on terror”]`. Other readers (HTML, Word,
OpenDocument, text) leave straight quotes straight. `curl_quotes` looks at each double quote
(straight, or pandoc's curly ones) and each straight single quote in a sanitised body and
decides from what precedes it whether it opens or closes; nesting alternates between the
language's primary and secondary marks. Code is left alone, and so are marks that say which
way they face already (« » „ ‚ and curly single quotes).

The marks follow the language tag (`lang` in front matter, `language` in publisher.toml):
Spanish takes « » in Spain (`es`, `es-ES`) and “ ” with a region of the Americas (`es-MX`,
`es-419`), as the CLDR has it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .dashes import dashed_text
from .text_tokens import tokens

NNBSP = "\u202f"  # French typography's narrow no-break space inside guillemets
NBSP = "\u00a0"


@dataclass(frozen=True)
class Marks:
    """One language's quotation marks: primary, then secondary (a quote inside a quote)."""

    open: tuple[str, str]
    close: tuple[str, str]


ENGLISH = Marks(("“", "‘"), ("”", "’"))
_GUILLEMETS = Marks(("«", "“"), ("»", "”"))
_FRENCH = Marks((f"«{NNBSP}", "“"), (f"{NNBSP}»", "”"))
_GERMAN = Marks(("„", "‚"), ("“", "‘"))
_SWISS = Marks(("«", "‹"), ("»", "›"))
_POLISH = Marks(("„", "«"), ("”", "»"))
_RUSSIAN = Marks(("«", "„"), ("»", "“"))
# Curly quotes are not mirrored in right-to-left text: Arabic and Urdu open with the one
# English closes with, so that each faces the words it encloses (the CLDR's marks).
_ARABIC = Marks(("”", "’"), ("“", "‘"))
_PERSIAN = Marks(("«", "«"), ("»", "»"))  # guillemets (mirrored), inside one another too
_MARKS: dict[str, Marks] = {
    "fr": _FRENCH,
    "es": _GUILLEMETS,
    "ca": _GUILLEMETS,
    "it": _GUILLEMETS,
    "pt": _GUILLEMETS,
    "el": _GUILLEMETS,
    "de": _GERMAN,
    "de-ch": _SWISS,
    "de-li": _SWISS,
    "fr-ch": _GUILLEMETS,  # Swiss French sets guillemets without spaces
    "pl": _POLISH,
    "ru": _RUSSIAN,
    "uk": _RUSSIAN,
    "cs": _GERMAN,
    "sk": _GERMAN,
    "pt-br": ENGLISH,
    "ar": _ARABIC,
    "ur": _ARABIC,
    "fa": _PERSIAN,
}
_SPAIN_OR_NO_REGION = {"", "es"}


def marks_for(language: str) -> Marks:
    """The marks of a BCP 47 tag: its language and region first, then its language alone;
    languages not listed (English, Dutch, …) use “ ” and ‘ ’."""
    base, region = _language_and_region(language)
    if base == "es" and region not in _SPAIN_OR_NO_REGION:
        return ENGLISH  # Spanish of the Americas (es-MX, es-419, es-US…)
    return _MARKS.get(f"{base}-{region}", _MARKS.get(base, ENGLISH))


def _language_and_region(language: str) -> tuple[str, str]:
    """A BCP 47 tag's language and region, lower case: 'es-419' → ('es', '419')."""
    parts = language.replace("_", "-").lower().split("-")
    return parts[0], next((p for p in parts[1:] if len(p) == 2 or p.isdigit()), "")


_DOUBLE = frozenset('"“”')  # pandoc's curly ones are re-decided: it gets nesting wrong
_SINGLE = "'"
_QUOTE_MARK = re.compile("[\"“”']")  # every character `curl` may change: _DOUBLE and _SINGLE
_OPENS_AFTER = set("([{<—–-/«„‚“‘¿¡") | {NNBSP, "\u00a0"}
_TYPED_SPACES = " \u00a0"  # and Word's no-break one, which French autocorrect types


def curl_quotes(body: str, language: str, doubles: frozenset[str] = _DOUBLE) -> str:
    """`body` (sanitised HTML) with its quotation marks set in `language`'s convention, or in
    that of an element's own `lang`. `doubles`: the double quotes to decide again."""
    if not any(mark in body for mark in ('"', "“", "”", "'", "&quot;", "&#39;")):
        return body
    out: list[str] = []
    state = _Quotes(doubles)
    for token in tokens(body, language):
        if token.language is None:  # a tag
            if token.block:
                state = _Quotes(doubles)  # a quote left open does not run into the next block
            out.append(token.written)
        elif token.verbatim:
            out.append(token.written)
            state.previous = "x"
        else:
            out.append(state.curl(token.written, marks_for(token.language)))
    return "".join(out)


def in_quotes(text: str, language: str) -> str:
    """Plain `text` between `language`'s quotation marks (a leaflet's pull quote), unless
    it starts with one the editor typed: then with that one's marks set as `curl_text`
    sets them."""
    if text.lstrip()[:1] in _QUOTES_TYPED:
        return typeset_text(text, language)
    marks = marks_for(language)
    return f"{marks.open[0]}{spaced_punctuation_text(text, language)}{marks.close[0]}"


_QUOTES_TYPED = set("\"'“”‘’«»„‚‹›")


def curl_text(text: str, language: str) -> str:
    """Plain text (a title, a summary) with its straight quotation marks set as in
    `curl_quotes`; curly ones are as the author typed them (pandoc never read them)."""
    if '"' not in text and "'" not in text:
        return text
    escaped = html.escape(text, quote=False)
    return html.unescape(curl_quotes(escaped, language, doubles=frozenset('"')))


class _Quotes:
    """What the quotes of one block have opened so far, and the character before the next."""

    def __init__(self, doubles: frozenset[str]) -> None:
        self.doubles = doubles
        self.open: list[tuple[str, int]] = []  # per quote open: '"' or "'", and its marks
        self.previous = ""  # "" at the start of the block

    def curl(self, escaped: str, marks: Marks) -> str:
        text = html.unescape(escaped) if "&" in escaped else escaped
        result: list[str] = []
        start = 0  # the text between quotes is copied as it is, in one piece
        for quote in _QUOTE_MARK.finditer(text):
            index = quote.start()
            if index > start:
                result.append(text[start:index])
                self.previous = text[index - 1]
            char = text[index]
            following = text[index + 1 : index + 2]
            opened = len(self.open)
            if char in self.doubles:
                char = self._double(marks, following)
            elif char == _SINGLE:
                char = self._single(marks, following)
            start = index + 1
            if text[index] in self.doubles:
                # A space typed just inside a double quote (`" definitive restructuring "`,
                # as machine translation leaves «…»): no language sets one but the marks'
                # own (French: « oui »).
                if len(self.open) > opened:
                    while start < len(text) and text[start] in _TYPED_SPACES:
                        start += 1
                elif result:
                    result[-1] = result[-1].rstrip(_TYPED_SPACES)
            result.append(char)
            self.previous = char[-1]
        if start < len(text):
            result.append(text[start:])
            self.previous = text[-1]
        curled = "".join(result)
        return html.escape(curled, quote=False) if "&" in escaped else curled

    def _opens(self) -> bool:
        return not self.previous or self.previous.isspace() or self.previous in _OPENS_AFTER

    def _after_elision(self, following: str) -> bool:
        """A quote between an apostrophe and a word starts the word: l'"offre", d'"effort",
        dell'"Unità"; one after a word's final apostrophe (the workers'") closes."""
        return self.previous == "’" and following.isalnum()

    def _is_open(self, kind: str) -> bool:
        return any(open_kind == kind for open_kind, _ in self.open)

    def _double(self, marks: Marks, following: str) -> str:
        spaced_closing = self._is_open('"') and (not following or following.isspace())
        if (self._opens() or self._after_elision(following)) and not spaced_closing:
            return self._push('"', marks)
        return self._pop('"', marks)

    def _single(self, marks: Marks, following: str) -> str:
        if self.previous.isalnum() and (following.isalnum() or not self._is_open(_SINGLE)):
            return "’"  # an apostrophe: don't, workers', l'homme
        if self._opens():
            return "’" if following.isdigit() else self._push(_SINGLE, marks)  # '90s
        return self._pop(_SINGLE, marks)

    def _push(self, kind: str, marks: Marks) -> str:
        """Open a quote: in the primary marks, or the secondary ones inside a quote; an
        author's single quote stays single outside any quote."""
        outermost = 0 if kind == '"' else 1
        level = 1 - self.open[-1][1] if self.open else outermost
        self.open.append((kind, level))
        return marks.open[level]

    def _pop(self, kind: str, marks: Marks) -> str:
        level = 0 if kind == '"' else 1
        if self._is_open(kind):
            while self.open:
                open_kind, level = self.open.pop()
                if open_kind == kind:
                    break
        return marks.close[level]


# French sets a no-break space before two-part punctuation and inside guillemets: a narrow
# one (U+202F) before ; ! ? and inside « », a word space before the colon (the Imprimerie
# nationale's rules). Québec (OQLF) keeps only the colon's and the guillemets'; Swiss
# French sets none. Typed spaces there become these; where none was typed one is put in.
_FRENCH_SPACES = {":": NBSP, ";": NNBSP, "!": NNBSP, "?": NNBSP, "«": NNBSP, "»": NNBSP}
_PUNCTUATION_SPACES: dict[str, dict[str, str]] = {
    "fr": _FRENCH_SPACES,
    "fr-ca": {":": NBSP, "«": NNBSP, "»": NNBSP},
    "fr-ch": {},
}
_SPACES = " \u00a0\u202f"
# From the start of a run of spaces only, and once through it: linear in a long run
_SPACED = re.compile(f"(?<![{_SPACES}])[{_SPACES}]*+[;:!?»]|«[{_SPACES}]*+")
_ENDS_WORD = re.compile(r"[\w)\]»”’…]")  # what a ; ! ? follows: a word, a bracket, a quote
_CLOSES_QUOTE = set(".!?…")  # « Non ! »: a sentence's end inside guillemets
_BREAKS = set(_SPACES) | set("\n\t;:!?.,)]»”’")  # what follows a mark that ends a sentence


def punctuation_spaces(language: str) -> dict[str, str]:
    """The space `language` sets before (or, for «, after) each mark; {} for most languages."""
    base, region = _language_and_region(language)
    return _PUNCTUATION_SPACES.get(f"{base}-{region}", _PUNCTUATION_SPACES.get(base, {}))


def spaced_punctuation(body: str, language: str) -> str:
    """`body` (sanitised HTML) with the spaces French sets around punctuation, in `language`
    or in an element's own `lang` (see `_FRENCH_SPACES`); code, and addresses (`https://`,
    `?page=2`: a mark with no space after it), are left as they are."""
    if not punctuation_spaces(language) and 'lang="fr' not in body:
        return body
    out: list[str] = []
    previous = ""  # the character before the next text, in its block
    for token in tokens(body, language):
        if token.language is None:  # a tag
            previous = "" if token.block else previous
            out.append(token.written)
            continue
        spaces = punctuation_spaces(token.language)
        plain = html.unescape(token.written)
        if not spaces or token.verbatim:
            out.append(token.written)
        else:
            out.append(html.escape(_spaced(plain, spaces, previous), quote=False))
        previous = plain[-1:] or previous
    return "".join(out)


def typeset_text(text: str, language: str) -> str:
    """Plain `text` (a title, a summary) with its dashes, quotation marks and French's
    spaces set as in a document's body."""
    return spaced_punctuation_text(curl_text(dashed_text(text), language), language)


def spaced_punctuation_text(text: str, language: str) -> str:
    """Plain `text` (a title, a summary) with French's spaces set as `spaced_punctuation`
    sets them."""
    spaces = punctuation_spaces(language)
    return _spaced(text, spaces, "") if spaces else text


def _spaced(text: str, spaces: dict[str, str], previous: str) -> str:
    def respace(match: re.Match[str]) -> str:
        found = match.group()
        mark = found[0] if found[0] == "«" else found[-1]
        space = spaces.get(mark)
        typed = len(found) > 1  # spaces were typed with the mark
        after = text[match.end() : match.end() + 1]
        if space is None:
            return found
        if mark == "«":
            return f"«{space}" if typed or after.isalnum() else found
        before = text[match.start() - 1] if match.start() else previous
        if typed:
            return f"{space}{mark}" if before and not before.isspace() else found
        ends = _ENDS_WORD.match(before or " ") or (mark == "»" and before in _CLOSES_QUOTE)
        if not ends or (mark != "»" and after and after not in _BREAKS):
            return found  # 14:30, https://, ?page=2; "?!" spaced once
        return f"{space}{mark}"

    return _SPACED.sub(respace, text)
