"""Paragraphs written the other way: each block whose own words run the other way from its
document's is marked with that direction (`dir`), and the language its script tells.

A Farsi statement with its English translation below it, an English report quoting an
Arabic slogan as a paragraph of its own: the paragraph inherits its document's direction,
so the English one is set right-aligned with its full stop at its left end, the Arabic one
left-aligned with its question mark at the right, in every output. Browsers would judge
each paragraph by itself with `dir="auto"`, but WeasyPrint ignores that, and an email
client or e-reader may too; so the direction is written out.

A block is turned only when it is written the other way: its first words run the other way,
as Unicode's bidirectional algorithm (P2) and a browser's `dir="auto"` judge a paragraph,
and so do most of its letters. An Arabic sentence followed by a longer English one, a Farsi
demand with its English gloss in brackets, stays right to left (its bullet on the right)
and in its document's language; a mostly Arabic paragraph opened by a company's English
name is never said to be English. A lone word before words the other way is a name opening
the sentence ("Unite النقابة تدعو…", "محمد said…") and does not decide. Only a block's own
words count: not those of a block inside it (judged by itself), nor those an element marks
with a `dir` of its own (an address link is marked left-to-right wherever it is, so a web
address does not turn an Arabic sentence around), nor code. A block with no words of its own but in runs that say their direction takes
theirs: pandoc reads a Word file's right-to-left paragraph as <p><span dir="rtl">, leaving
out the paragraph's own direction.

A phrase in a right-to-left script inside a left-to-right block (an Arabic slogan quoted in
an English sentence, a Farsi word in a French one) is marked too, as a <span> with its
direction and language: a screen reader speaks it in its language, the bidirectional
algorithm keeps it one run whatever digits and punctuation stand around it, and the theme
sets its letters to the size of the Latin ones around them (partials/arabic-size.css).

An address link in right-to-left text is set apart with the left-to-right words beside it
("Facebook: https://…"), as one left-to-right run: set apart alone, the colon between them
went with the Arabic and the address was drawn left of the word naming it.

Code (`documents/`, `.docx`, a command) is left to right wherever it stands: in a
right-to-left line its slash or leading dot went to its other end ("/documents", "docx."),
so code there is marked `dir="ltr"`, which sets it apart as one left-to-right run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ..model import text_direction
from ..tree_edits import body_html, body_tree

# Blocks whose lines are set by their direction; containers (blockquote, lists, div) follow
# their paragraphs and are left alone.
_BLOCKS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "caption", "td", "th"}
)
_CODE = frozenset({"pre", "code", "kbd", "samp"})
_RUNS = frozenset({"span", "bdi", "bdo"})
_RIGHT_TO_LEFT = regex.compile(r"[\p{bc=R}\p{bc=AL}]")
_LEFT_TO_RIGHT = regex.compile(r"\p{bc=L}")
_LETTER = regex.compile(r"[\p{bc=R}\p{bc=AL}\p{bc=L}]")
_HEBREW = regex.compile(r"\p{Hebrew}")
# Letters running one way, with what stands between them up to a letter running the other.
_STRONG_RUNS = regex.compile(
    r"[\p{bc=R}\p{bc=AL}](?:[^\p{bc=L}]*[\p{bc=R}\p{bc=AL}])*"
    r"|\p{bc=L}(?:[^\p{bc=R}\p{bc=AL}]*\p{bc=L})*"
)


def marked_directions(body: str, language: str) -> str:
    """`body` (sanitised HTML) with each block written the other way from `language` marked
    with its direction and language (see the module's docstring)."""
    if text_direction(language) == "ltr" and not _RIGHT_TO_LEFT.search(body):
        return body  # a left-to-right document with no right-to-left letter: nothing to do
    root = body_tree(body)
    root.set("dir", text_direction(language))
    marked = False
    for block in root.iter(*_BLOCKS):
        if block.get("dir"):
            continue
        words = "".join(_own_text(block))
        if not _LETTER.search(words):
            words = "".join(_marked_runs_text(block))
        direction = opening_direction(words)
        if not direction or direction == _inherited(block) or direction_of(words) != direction:
            continue
        block.set("dir", direction)
        if not block.get("lang") and (written_in := _language_of(words, direction)):
            block.set("lang", written_in)
        marked = True
    for block in list(root.iter(*_BLOCKS)):
        if (block.get("dir") or _inherited(block)) == "ltr":
            marked |= _runs_marked(block, language)
    for code in root.iter(*_CODE):
        if not code.get("dir") and _inherited(code) == "rtl":
            code.set("dir", "ltr")
            marked = True
    marked |= _addresses_with_their_words(root)
    if not marked:
        return body
    del root.attrib["dir"]
    return body_html(root)


def language_by_letters(text: str, language: str) -> str | None:
    """The language `text` is written in when most of its letters run the other way from
    `language`'s (a Farsi statement in an English newsletter, an English report in a Farsi
    one): its script cannot be `language`'s. None when they run `language`'s way, or when
    there are too few to tell which language they are."""
    if text_direction(language) == "ltr" and not _RIGHT_TO_LEFT.search(text):
        return None
    direction = direction_of(text)
    if direction in ("", text_direction(language)):
        return None
    return _language_of(text, direction) or None


def language_told(paragraphs: list[str], language: str) -> tuple[str, str] | None:
    """The language a text of `paragraphs` is written in when it is not `language`, and
    what told it: ("fa", "letters") when its letters run the other way from `language`'s
    (a Farsi statement in an English newsletter), ("es", "words") when py3langid is sure
    of another in the same letters (a Spanish one, `scripts.language_by_words`); None
    when it is in `language`, or too little to tell."""
    from ..importers.scripts import language_by_words

    if by_letters := language_by_letters(" ".join(paragraphs), language):
        return by_letters, "letters"
    if by_words := language_by_words(paragraphs, language):
        return by_words, "words"
    return None


def _runs_marked(block: Any, language: str) -> bool:
    """Mark each right-to-left run of `block`'s own text (see the module's docstring) with
    a <span lang dir="rtl">; whether there was one."""
    from lxml.html import Element

    from ..importers.scripts import run_language

    marked = False
    for holder, slot in list(_text_slots(block, past=("dir", "lang"))):
        text = getattr(holder, slot) or ""
        runs = _right_to_left_runs(text)
        if not runs:
            continue
        setattr(holder, slot, text[: runs[0][0].start()])
        before = None  # each span goes after the one before it (an insert at an index
        # counts the children to it: 20,000 runs in a paragraph took 25 s)
        for i, (run, script) in enumerate(runs):
            span = Element("span", lang=run_language(script, run.group(0), language), dir="rtl")
            span.text = run.group(0)
            span.tail = text[run.end() : runs[i + 1][0].start() if i + 1 < len(runs) else None]
            if before is not None:
                before.addnext(span)
            elif slot == "text":
                holder.insert(0, span)
            else:
                holder.addnext(span)
            before = span
        marked = True
    return marked


def _addresses_with_their_words(root: Any) -> bool:
    """Each address link in right-to-left text set apart with the left-to-right words
    beside it, as one <span dir="ltr">; whether there was one.

    An address link is marked left to right, which sets it apart from what stands around
    it (readers.addresses): a neutral to the bidirectional algorithm, so the colon of
    "Facebook: https://…" in an Arabic sentence went with the Arabic, and the address was
    drawn left of the word that names it ("https://… :Facebook"). Set apart together,
    they read as written; addresses one after another with only left-to-right words
    between them ("Facebook: https://… or Telegram: https://…") share one span."""
    from lxml.html import Element

    made: set[Any] = set()
    for link in list(root.iter("a")):
        parent = link.getparent()
        classes = set((link.get("class") or "").split())
        if link.get("dir") != "ltr" or not {"uri", "email"} & classes:
            continue
        if (parent.get("dir") or _inherited(parent)) != "rtl":
            continue
        previous = link.getprevious()
        before = (previous.tail if previous is not None else parent.text) or ""
        if previous in made and not _RIGHT_TO_LEFT.search(before):
            span, previous.tail = previous, None  # the words between join the span before
            last = span[-1]
            last.tail = (last.tail or "") + before
        elif (start := _words_at_the_end(before)) is not None:
            span = Element("span", dir="ltr")
            link.addprevious(span)
            span.text, kept = before[start:], before[:start]
            if previous is not None:
                previous.tail = kept
            else:
                parent.text = kept
            made.add(span)
        elif _WORDS_AFTER.match(link.tail or ""):
            span = Element("span", dir="ltr")
            link.addprevious(span)
            made.add(span)
        else:
            continue
        after = link.tail or ""
        span.append(link)
        words = _WORDS_AFTER.match(after)
        link.tail, span.tail = (words.group(0), after[words.end() :]) if words else (None, after)
    return bool(made)


def _words_at_the_end(text: str) -> int | None:
    """Where the left-to-right words at the end of `text` start (its first left-to-right
    letter after its last right-to-left one); None when it ends in none. Found from the
    last right-to-left letter, not by a pattern anchored at the end, which would try each
    letter of a long English text in turn."""
    last = max((m.end() for m in _RIGHT_TO_LEFT.finditer(text)), default=0)
    found = _LEFT_TO_RIGHT.search(text, last)
    return found.start() if found else None


# Left-to-right words (and what stands between them) at the start of a text, to the last
# left-to-right letter before a right-to-left one.
_WORDS_AFTER = regex.compile(r"[^\p{bc=R}\p{bc=AL}]*\p{bc=L}")


def _right_to_left_runs(text: str) -> list[tuple[regex.Match[str], str]]:
    """The runs of Arabic and Hebrew script in `text`, each with its script, in order."""
    from ..importers.scripts import RIGHT_TO_LEFT_RUNS

    if not _RIGHT_TO_LEFT.search(text):
        return []
    runs = [(m, script) for script, p in RIGHT_TO_LEFT_RUNS.items() for m in p.finditer(text)]
    return sorted(runs, key=lambda pair: pair[0].start())


def opening_direction(words: str) -> str:
    """'rtl' or 'ltr', as the first words of `words` run; "" when it has no letter. A lone
    word before words running the other way is a name opening the sentence, not its
    direction."""
    runs = _STRONG_RUNS.findall(words)
    if len(runs) > 1 and not regex.search(r"\s", runs[0]):
        runs = runs[1:]
    return "" if not runs else "rtl" if _RIGHT_TO_LEFT.match(runs[0]) else "ltr"


def has_right_to_left(text: str) -> bool:
    """Whether `text` holds a letter (or mark) of a right-to-left script."""
    return _RIGHT_TO_LEFT.search(text) is not None


def direction_of(words: str) -> str:
    """'rtl' or 'ltr', as most of the letters of `words` run; "" when as many run each way."""
    rtl, ltr = len(_RIGHT_TO_LEFT.findall(words)), len(_LEFT_TO_RIGHT.findall(words))
    return "rtl" if rtl > ltr else "ltr" if ltr > rtl else ""


def _own_text(element: Any) -> list[str]:
    """The text of `element` but that of blocks inside it, code, and elements with a `dir`."""
    return [getattr(holder, slot) or "" for holder, slot in _text_slots(element)]


def _marked_runs_text(block: Any) -> list[str]:
    """The text of the runs (<span>, <bdi>, <bdo>; not links, which an address marks) of
    `block` that say their own direction: a Word paragraph's words all are, as pandoc
    reads a right-to-left paragraph (<p><span dir="rtl">…</span></p>, the paragraph's own
    direction dropped)."""
    return [child.text_content() for child in block if child.tag in _RUNS and child.get("dir")]


def _text_slots(element: Any, past: tuple[str, ...] = ("dir",)) -> Iterator[tuple[Any, str]]:
    """(element, "text" or "tail") for each piece of `element`'s own text: not that of
    blocks inside it, code, or elements with one of the attributes `past` names."""
    yield element, "text"
    for child in element:
        counted = child.tag not in _BLOCKS and child.tag not in _CODE
        if counted and isinstance(child.tag, str) and not any(child.get(a) for a in past):
            yield from _text_slots(child, past)
        yield child, "tail"


def _inherited(element: Any) -> str:
    """The direction `element` has from the nearest ancestor that sets one."""
    for ancestor in element.iterancestors():
        if direction := ancestor.get("dir"):
            return str(direction)
    return "ltr"


def _language_of(words: str, direction: str) -> str:
    """The language of words written the other way, where they tell it: Farsi, Arabic or
    Hebrew by their letters; left-to-right ones' as py3langid reads them ("" for a few)."""
    from ..importers.scripts import detect_language, script_language

    if direction == "rtl":
        return script_language("Hebrew" if _HEBREW.search(words) else "Arabic", words)[0]
    found = detect_language(words)
    return "" if found == "und" or text_direction(found) == "rtl" else found
