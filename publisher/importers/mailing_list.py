"""What a mailing list prints around a newsletter, brought along when a received one is
forwarded, saved as an e-mail or pasted: "View this email in your browser" over it, and
under it the list's footer (the copyright line, why you get it, the sender's postal address,
the links to update your preferences or unsubscribe). The links are the recipient's own:
reprinted, they let any reader unsubscribe the editor. Mailchimp, Substack, Brevo,
MailerLite and the like word them alike, in English, Spanish and French.

Only a footer that says how to unsubscribe goes, and only from the last lines of the text:
an article that mentions unsubscribing keeps its words. The newsletter's masthead over the
article's title goes too ("Riverside Tenants Union Newsletter | March 2026"), when it is
the sender the footer names, perhaps with "Newsletter", "Boletín", an issue number or a
date: it was taken for the article's title.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re

from .blogfurniture import LINK_AFTER
from .textblocks import RULE, Block

_UNSUBSCRIBE = re.compile(
    r"unsubscribe|update (your )?preferences|manage (your )?(subscription|preferences|email)"
    r"|dar(te|se) de baja|cancelar (tu |la )?suscripci[oó]n|actualizar (tus )?preferencias"
    r"|d[ée]sinscri|d[ée]sabonn|(g[ée]rer|mettre à jour) (vos|mes) pr[ée]f[ée]rences",
    re.IGNORECASE,
)
# Where a footer starts, over its unsubscribe line
_FOOTER = re.compile(
    r"^(copyright (©|\(c\)|\d{4})|©\s?\d{4}|\(c\) \d{4}"
    r"|you (are|were) receiving|you('re| are) receiving|you received this|you signed up"
    r"|our mailing address|want to change how you receive|this email was sent to"
    r"|(est[aá]s )?recib(es|iendo) este|nuestra direcci[oó]n|¿quieres cambiar c[oó]mo"
    r"|vous (recevez|avez re[çc]u) ce|notre adresse|vous souhaitez modifier"
    r"|todos los derechos|tous droits)",
    re.IGNORECASE,
)
# "View this post on the web at https://…", as Substack's plain text opens
_LINK_AT = r"\s+at\s+https?://\S+"
_OVER = re.compile(  # over the newsletter: a link to its copy on the web
    r"^(?:[^?]{1,80}\?\s*)?"  # "Having trouble viewing this email?", "¿No ves bien este correo?"
    r"(?:(?:view|read|see|open)(?: (?:this|the|it))?"
    r"(?: (?:email|e-mail|newsletter|message|issue|post|article|edition))?"
    r"(?: online| in (?:(?:your|a|the) )?browser| on (?:the|our) (?:web|website))"
    r"|(?:ver|leer|abrir)(?: (?:este|el|la))?(?: (?:correo|email|e-mail|mensaje|bolet[ií]n))?"
    r"(?: electr[oó]nico)?(?: en (?:tu|el|su) navegador| en l[ií]nea| online)"
    r"|voir(?: (?:ce|cet|cette|la|l['’]))?\s?(?:e-?mail|courriel|message|newsletter|lettre|version)?"
    r"(?: dans (?:votre|le) navigateur| en ligne)"
    r"|forwarded this email\? subscribe.*)"
    rf"[.!]?(?:{LINK_AFTER}|{_LINK_AT})?(?: for more)?$",
    re.IGNORECASE,
)
_LAST_LINES = 4  # blocks from the end an unsubscribe line may stand in (social links after it)
_FOOTER_BLOCKS = 10  # blocks over it its footer may start at
_LINE_MAX = 200  # characters: a longer line is a paragraph of the text's own, no footer's
_LINK_WORDS_MAX = 80  # characters of a link's words alone on a line ("Unsubscribe here")
_ADDRESS = re.compile(r"https?://|www\.")
_ADDRESS_RUN = re.compile(r"https?://\S+")
# Characters a link's address counts for, however long: a list's links carry long ids
# ("?u=9f8e…&id=a1b2c3…"), and two of them on a footer's line made it a paragraph's length
_ADDRESS_LENGTH = 30
# A link alone on its line, its words before it ("** Facebook (https://…)", as Mailchimp's
# plain text writes a link)
_LINK_ALONE = re.compile(rf"(?:\*\*\s*)?[^()\n]{{1,40}}?{LINK_AFTER}")
# The sender as the footer names it: "Copyright © 2026 Riverside Tenants Union, All rights
# reserved.", "© 2026 Ana Ruiz", or the line under "Our mailing address is:"
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s+)?(?P<name>[^,]+?)"
    r"\s*(?:[,.]\s*(?:all rights reserved|todos los derechos reservados"
    r"|tous droits r[ée]serv[ée]s)\.?)?$",
    re.IGNORECASE,
)
# Ghost's footer names the sender before the mark: "Riverside Tenants © 2026 – Unsubscribe"
_NAME_BEFORE_MARK = re.compile(r"^(?P<name>[^©]{2,80}?)\s*(?:©|\(c\))\s*\d{4}", re.IGNORECASE)
_COPYRIGHT_MARK = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b", re.IGNORECASE)
_ADDRESS_OVER = re.compile(
    r"^(?:our mailing address is|nuestra direcci[oó]n (?:postal )?es|notre adresse (?:postale )?est)"
    r"\s*:$",
    re.IGNORECASE,
)
# What a masthead says besides the sender's name: the newsletter's kind, its number, its
# date (month names in `_month_names`), and the words between them
_MASTHEAD_WORDS = frozenset(
    (
        *("newsletter", "bulletin", "news", "update", "updates", "digest", "briefing"),
        *("weekly", "monthly", "boletín", "boletin", "noticias", "novedades", "informativo"),
        *("lettre", "infolettre", "actualités", "nouvelles", "issue", "no", "nº", "número"),
        *("numero", "numéro", "edition", "edición", "édition"),
        *("of", "the", "from", "de", "del", "la", "el", "le", "les", "du", "des", "d", "l"),
    )
)
_MASTHEAD_WORD = re.compile(r"\w+", re.UNICODE)
_TITLE_MAX = 120  # characters: a longer line under the masthead is a paragraph, no title


def without_mailing_list(blocks: list[Block]) -> tuple[list[Block], int]:
    """`blocks` without the mailing list's line over the text and its footer under it, and
    how many lines went."""
    kept = list(blocks)
    if kept and kept[0].single_line and _OVER.match(kept[0].text):
        kept.pop(0)
    index, line = _footer_start(kept)
    footer = kept[index:]
    if index < len(kept):
        own = kept[index].lines[:line]  # the footer may start inside a block
        if all(_LINK_ALONE.fullmatch(text.strip()) for text in own):
            own = ()  # its social links over it ("** Facebook (https://…)", Mailchimp's)
        kept = kept[:index] + ([dataclasses.replace(kept[index], lines=own)] if own else [])
        while kept and kept[-1].rule:  # Mailchimp's rule of "=" over its footer
            kept.pop()
    if _masthead(kept, footer):
        kept.pop(0)
    gone = sum(len(b.lines) for b in blocks) - sum(len(b.lines) for b in kept)
    return (kept, gone) if kept else (blocks, 0)


def _masthead(kept: list[Block], footer: list[Block]) -> bool:
    """Whether the first of `kept` is the newsletter's masthead over the article's title:
    a line naming the sender `footer` names, with nothing else but a newsletter's words,
    numbers and dates, over a title-like line and the text."""
    if len(kept) < 3 or not (kept[0].single_line and kept[1].single_line):
        return False
    if len(kept[1].text) > _TITLE_MAX or not (senders := _senders(footer)):
        return False
    line = kept[0].text.casefold()
    for sender in senders:
        if (at := line.find(sender)) >= 0:
            rest = line[:at] + " " + line[at + len(sender) :]
            words = _MASTHEAD_WORD.findall(rest)
            months = _month_names()
            return all(w.isdigit() or w in _MASTHEAD_WORDS or w in months for w in words)
    return False


def _senders(footer: list[Block]) -> list[str]:
    """The names the footer gives its sender, casefolded: in its copyright line (before or
    after the mark) and under "Our mailing address is:"."""
    lines = [line.strip() for block in footer for line in block.lines]
    names = [
        match["name"]
        for line in lines
        if (match := _COPYRIGHT.match(line) or _NAME_BEFORE_MARK.match(line))
    ]
    names += [after for line, after in itertools.pairwise(lines) if _ADDRESS_OVER.match(line)]
    return [name.casefold().strip(" .") for name in names if len(name) >= 3]


@functools.cache
def _month_names() -> frozenset[str]:
    """The months' names in English, Spanish and French, casefolded, whole and short."""
    from babel.dates import get_month_names

    return frozenset(
        name.casefold().rstrip(".")
        for locale in ("en", "es", "fr")
        for width in ("wide", "abbreviated")
        for name in get_month_names(width, locale=locale).values()
    )


def _footer_start(blocks: list[Block]) -> tuple[int, int]:
    """Where the footer starts: (block, line); (len(blocks), 0) when there is none."""
    last = len(blocks)
    for index in reversed(range(max(1, last - _LAST_LINES), last)):
        lines = blocks[index].lines
        at = next((n for n, line in enumerate(lines) if _unsubscribe_line(line)), None)
        if at is None:
            continue
        start, line = _marked_start(blocks, index, at)
        footer = [text for block in blocks[start:] for text in block.lines][line:]
        if all(_length(text) <= _LINE_MAX for text in footer):  # no paragraph of the text's
            return start, line
        break
    return last, 0


def _marked_start(blocks: list[Block], index: int, at: int) -> tuple[int, int]:
    """Where a footer whose unsubscribe line is `blocks[index].lines[at]` starts: at the
    first line over it a footer starts with, or else at the unsubscribe line when it is a
    link to unsubscribe, a copyright line (Ghost's "Riverside Tenants © 2026 – Unsubscribe")
    or a link's words over one (beehiiv's "Update your email preferences or unsubscribe
    here" over "© 2026 …"); (len(blocks), 0) when none."""
    for start in range(max(1, index - _FOOTER_BLOCKS), index + 1):
        for line, text in enumerate(blocks[start].lines[: at + 1 if start == index else None]):
            if _FOOTER.match(text):
                return start, line
    unsubscribe = blocks[index].lines[at]
    if _ADDRESS.search(unsubscribe) or _COPYRIGHT_MARK.search(unsubscribe):
        return index, at
    after = [text for block in blocks[index:] for text in block.lines][at + 1 :]
    if _link_words(unsubscribe) and any(_FOOTER.match(text) for text in after):
        return index, at
    return len(blocks), 0


def _length(line: str) -> int:
    """A line's length, each link's address in it counted as `_ADDRESS_LENGTH`."""
    return len(_ADDRESS_RUN.sub("x" * _ADDRESS_LENGTH, line))


def _link_words(line: str) -> bool:
    """Whether `line` is a link's words rather than a sentence: short, with no full stop."""
    return len(line) <= _LINK_WORDS_MAX and not line.rstrip().endswith(".")


def _unsubscribe_line(line: str) -> bool:
    return not RULE.match(line) and bool(_UNSUBSCRIBE.search(line))
