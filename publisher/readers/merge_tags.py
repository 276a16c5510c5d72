"""Mail-merge tags in a text copied from another newsletter service, taken out: publisher
sends every subscriber the same issue, so "Dear *|FNAME|*," went out to all of them as
"Dear |FNAME|," (its stars read as italics), and `{{ subscriber.name }}` as a link to
the web site `subscriber.name`.

- Mailchimp's `*|FNAME|*`, `*|UNSUB|*`; Brevo's `{{ contact.FIRSTNAME }}`; ConvertKit's and
  Buttondown's `{{ subscriber.first_name }}`; MailerLite's `{$name}`; Ghost's
  `{first_name}`; ActiveCampaign's `%FIRSTNAME%` — each goes, with the space before it (in
  code, they stay);
- a fallback given for a reader without a name (Ghost's `{first_name, "friend"}`,
  Sendy's `[Name,fallback=friend]`, Campaign Monitor's `[firstname,fallback=friend]`,
  Constant Contact's `[[FIRSTNAME OR "friend"]]`, MailPoet's `[subscriber:firstname |
  default:friend]`, Liquid's `| default: "friend"`) is what is printed;
- a greeting whose only name was a tag ("Dear *|FNAME|*,", "¡Hola {first_name}!") goes
  whole: "Dear ," greets no one;
- conditional content (Mailchimp's `*|IF:MEMBERTYPE=steward|*` … `*|ELSE:|*` …
  `*|END:IF|*`, Kit's and Brevo's `{% if subscriber.first_name != blank %}` … `{% else
  %}` … `{% endif %}`) is what every subscriber is sent: what it showed some only goes,
  what it showed the rest stays (`for_everyone`).

The editor is told once per document, with the first line. A web page's (a letter saved
from the service's archive) are taken out of its HTML alike, and a link to a tag
(`*|UNSUB|*`, the other service's unsubscribe page) goes with its words.
"""

from __future__ import annotations

import logging
import re
from itertools import accumulate
from pathlib import Path

from ..textfiles import line_at
from .fenced_code import FENCED_CODE, in_code

log = logging.getLogger(__name__)

_FALLBACK = r"""(?:"([^"\n]*)"|'([^'\n]*)')"""
_TAG = re.compile(
    r"\*\|[A-Z][A-Z0-9_:]*\|\*"  # Mailchimp
    rf"|\{{\{{\s*(?:subscriber|contact)\.[\w.]+\s*(?:\|\s*default:\s*{_FALLBACK}\s*)?\}}\}}"
    r"|\{\$(?:name|email|last_name|company|city|country)\}"  # MailerLite
    rf"|\{{first_name(?:,\s*{_FALLBACK})?\}}|\{{name,\s*{_FALLBACK}\}}"  # Ghost's
    r"|\[(?:Name|Email|firstname|lastname|fullname),fallback=([^\]\n]*)\]"  # Sendy, Campaign Monitor
    r"|%(?:FIRSTNAME|LASTNAME|FULLNAME|EMAIL)%"  # ActiveCampaign
    rf"|\[\[(?:FIRSTNAME|LASTNAME|EMAIL)(?:\s+OR\s+{_FALLBACK})?\]\]"  # Constant Contact
    r"|\[subscriber:(?:firstname|lastname|displayname|email)(?:\s*\|\s*default:([^\]\n]*))?\]",  # MailPoet
    re.IGNORECASE,
)
_GREETING_WORDS = (
    r"(?:dear|hi|hello|hey|greetings|querid[oa]s?|estimad[oa]s?|hola|bonjour|salut|cher|"
    r"chère|chers|chères|ciao|hallo|liebe[rs]?|olá|oi|"
    r"مرحبا|مرحباً|أهلا|عزيزي|عزيزتي|سلام|درود)"  # Arabic's and Farsi's
)
_GREETING = re.compile(
    rf"^[ \t]*[¡¿]?{_GREETING_WORDS}[ \t]+(?:{_TAG.pattern})[ \t]*[,.!:;،؛]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


# Mailchimp's conditional content: `*|IF:MEMBERTYPE=steward|*` … `*|ELSEIF:…|*` … `*|ELSE:|*`
# … `*|END:IF|*`, its opposite `*|IFNOT:…|*`, and a group's `*|INTERESTED:…|*` …
# `*|END:INTERESTED|*`, blocks within blocks
_CONDITION = re.compile(
    r"\*\|(IF|IFNOT|ELSEIF|ELSE|END|INTERESTED)(?::[^|\n]{0,300})?\|\*", re.IGNORECASE
)
# Kit's and Buttondown's Liquid, Brevo's Django-like tags, when a block's condition is
# about the subscriber (`{% if subscriber.first_name != blank %}`, `{% if contact.FIRSTNAME
# %}`); a block about anything else (a site's `{% if page.x %}`) stays as it is
_TEMPLATE_CONDITION = re.compile(
    r"\{%-?\s*(if|unless|elsif|elif|else|endif|endunless)\b([^%{}]{0,300}?)-?%\}", re.IGNORECASE
)
_ABOUT_SUBSCRIBERS = re.compile(r"\b(?:subscriber|contact)\.\w", re.IGNORECASE)
_KINDS = {
    "if": "IF", "unless": "IFNOT", "elsif": "ELSEIF", "elif": "ELSEIF", "else": "ELSE",
    "endif": "END", "endunless": "END",
}  # fmt: skip
_OPENINGS = ("IF", "INTERESTED", "IFNOT")


def for_everyone(text: str, code: re.Pattern[str] | None = None) -> tuple[str, str | None]:
    """`text` (plain, Markdown or HTML) with a newsletter service's conditional content as
    every subscriber is sent the same text: what its `*|IF:…|*` (or `*|ELSEIF:…|*`, or
    `*|INTERESTED:…|*`, or `{% if subscriber.… %}`) shows some subscribers goes, what its
    `*|ELSE:|*` shows the rest stays; an `*|IFNOT:…|*` (`{% unless … %}`) is the rest's,
    its `*|ELSE:|*` the some's. And the first condition whose words went, as typed (None
    when none did). Blocks not all closed are left as they are: what is kept would be a
    guess. Tags in what `code` finds are code, shown as written."""
    tags = [(tag, tag[1].upper(), True) for tag in _CONDITION.finditer(text)]
    if "{%" in text:
        tags += [
            (tag, _KINDS[tag[1].lower()], bool(_ABOUT_SUBSCRIBERS.search(tag[2])))
            for tag in _TEMPLATE_CONDITION.finditer(text)
        ]
        tags.sort(key=lambda found: found[0].start())
    if code is not None and tags:
        spans = [found.span() for found in code.finditer(text)]
        tags = [tag for tag in tags if not in_code(tag[0].start(), spans)]
    if not any(about for _, kind, about in tags if kind in _OPENINGS):
        return text, None
    pieces: list[str] = []
    blocks: list[tuple[str, str, bool]] = []  # each open block: its kind, its opening as
    # typed, and whether it is about subscribers (else it stays as written)
    kept: list[bool] = []  # whether each open block's part now is everyone's
    first, at = None, 0
    for tag, kind, about in tags:
        if all(kept):
            pieces.append(text[at : tag.start()])
        at = tag.end()
        if kind in _OPENINGS:
            blocks.append((kind, tag.group(0), about))
            kept.append(kind == "IFNOT" or not about)
        elif not blocks:
            return text, None  # an ELSE or an END that closes nothing
        if not blocks[-1][2]:  # a block about something else: its tags as written
            if all(kept):
                pieces.append(tag.group(0))
        elif kind == "ELSEIF" or kind == "ELSE":  # ELSE: the rest's, but after an IFNOT
            kept[-1] = kind == "ELSE" and blocks[-1][0] != "IFNOT"
        if first is None and blocks[-1][2] and not kept[-1]:
            first = blocks[-1][1] if kind in ("ELSE", "IFNOT") else tag.group(0)
        if kind == "END":
            blocks.pop()
            kept.pop()
    if any(about for _, _, about in blocks):
        return text, None
    return "".join(pieces) + text[at:], first


def without_merge_tags(text: str, path: Path, first_line: int = 1) -> str:
    """`text` (Markdown or plain text) with its mail-merge tags written out (see the
    module's docstring)."""
    shown, condition = for_everyone(text, _CODE)
    if condition is not None:
        _say_conditional(
            f"{path}:{first_line + line_at(text, text.find(condition)) - 1}", condition
        )
    text = shown
    if not _TAG.search(text):
        return text  # (almost every text): not split into prose and code
    pieces: list[tuple[str, bool]] = []  # text, and whether it is prose (not code)
    done = 0
    for code in [*_CODE.finditer(text), None]:  # code keeps its braces
        end = code.start() if code else len(text)
        pieces.append((text[done:end], True))
        if code:
            pieces.append((code.group(0), False))
            done = code.end()
    offsets = [0, *accumulate(len(piece) for piece, _ in pieces)]
    found = [
        (offset + tag.start(), tag.group(0))
        for (piece, prose), offset in zip(pieces, offsets, strict=False)
        if prose
        for tag in _TAG.finditer(piece)
    ]
    if not found:
        return text
    _say_taken_out(f"{path}:{first_line + line_at(text, found[0][0]) - 1}", [t for _, t in found])
    return "".join(
        _IN_TEXT.sub(_written_out, _GREETING.sub(_greeting, piece)) if prose else piece
        for piece, prose in pieces
    )


_CODE = re.compile(rf"{FENCED_CODE}|`+[^`\n]+`+", re.MULTILINE | re.DOTALL)


def _greeting(found: re.Match[str]) -> str:
    """A greeting whose only name is a tag: gone, unless the tag gives a fallback."""
    return found.group(0) if _fallback(found.group(0)) else ""


# A tag in the text with the space and the commas round it: "thanks, *|FNAME|*." is
# "thanks." without the name, "thanks, friend." with a fallback
_IN_TEXT = re.compile(
    rf"(?P<before>[,،]?)[ \t]*(?P<tag>{_TAG.pattern})(?P<after>[,،]?)(?=(?P<stop>[.!?;:؟؛])?)",
    re.IGNORECASE,
)


def _written_out(found: re.Match[str]) -> str:
    before, after = found.group("before"), found.group("after")
    if fallback := _fallback(found.group("tag")):
        return f"{before} {fallback}{after}"
    if before and (after or found.group("stop")):  # "thanks, *|FNAME|*, for…": "thanks for…"
        return ""
    return before + after


def _fallback(written: str) -> str:
    """The fallback the tags in `written` give a reader without a name ("" for none)."""
    found = _TAG.search(written)
    given = next((group for group in found.groups() if group), "") if found else ""
    return given.strip()


_ENCODED_MAILCHIMP = re.compile(r"\*%7C[A-Z][A-Z0-9_:]*%7C\*", re.IGNORECASE)  # in a link
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td")
_CODE_ELEMENTS = {"code", "pre", "kbd", "samp"}


def html_without_merge_tags(body: str, path: Path) -> str:
    """`body` (a web page's HTML, as pandoc read it) with its mail-merge tags written out
    as `without_merge_tags` writes a text's, and a link to a tag (`*|UNSUB|*`: the other
    service's unsubscribe or archive page) taken away with its words; said once."""
    body, condition = for_everyone(body)
    if condition is not None:
        _say_conditional(str(path), condition)
    if not (_TAG.search(body) or _ENCODED_MAILCHIMP.search(body)):
        return body  # (almost every page): no tree made
    from urllib.parse import unquote

    from ..tree_edits import body_html, body_tree, drop_keeping_tail

    root = body_tree(body)
    found: list[str] = []
    for link in list(root.iter("a")):
        if _TAG.fullmatch(target := unquote(link.get("href", "")).strip()):
            found.append(target)
            drop_keeping_tail(link)
    for block in list(root.iter(*_BLOCKS)):
        words = block.text_content().strip()
        if _GREETING.fullmatch(words) and not _fallback(words):
            found.extend(tag.group(0) for tag in _TAG.finditer(words))
            drop_keeping_tail(block)
    coded = {inner for code in root.iter(*_CODE_ELEMENTS) for inner in code.iter()}
    for element in root.iter():
        for side, coded_side in (
            ("text", element in coded),
            ("tail", element.getparent() in coded),
        ):
            words = getattr(element, side)
            if words and not coded_side and _TAG.search(words):
                found.extend(tag.group(0) for tag in _TAG.finditer(words))
                setattr(element, side, _IN_TEXT.sub(_written_out, words))
    if not found:
        return body
    _say_taken_out(str(path), found)
    return body_html(root)


def _say_conditional(where: str, condition: str) -> None:
    log.warning(
        "%s: what the newsletter service sent some subscribers only (%s…) left out:"
        " publisher sends every subscriber the same text, and keeps what the others were sent",
        where,
        condition,
    )


def _say_taken_out(where: str, tags: list[str]) -> None:
    """One warning for a document's tags (`where`: its file, and the first one's line)."""
    named = sorted(set(tags))
    log.warning(
        "%s: mail-merge tags taken out (%s): publisher sends every subscriber the same text"
        " (its own footer carries each one's unsubscribe link)",
        where,
        ", ".join(named[:4]) + (", …" if len(named) > 4 else ""),
    )
