"""A press release: what it says to journalists, left out of what readers see.

Campaign groups write their news as press releases and pass the same file or text on to
the newsletter. Its labels over the headline ("PRESS RELEASE", "FOR IMMEDIATE RELEASE",
"NOTA DE PRENSA", "COMMUNIQUÉ DE PRESSE", "بيان صحفي", "بیانیه مطبوعاتی") are no title,
and the date line under them ("23 November 2026", "Madrid, 23 de noviembre de 2026") is
the release's date. An embargo ("EMBARGOED UNTIL 00:01 TUESDAY") goes too, and is said
to the editor, who must not publish before it. The mark that ends the release ("ENDS";
in a labelled one also "END", "-30-", "###", "FIN", "-انتهى-", "پایان") goes; the notes to
editors and media contact after it stay, with a note.

Word-processed files and web pages are read here (`for_readers`), as HTML; pasted text
and the main text of a web page by `importers.press_release`, with the same words.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from ..sanitize import plain_text

log = logging.getLogger(__name__)

_LABEL = re.compile(
    r"(press|news|media) release|(for )?immediate release|(for|not for) publication.*"
    r"|nota de prensa|comunicado de prensa|(para )?(publicaci[óo]n|difusi[óo]n) inmediata"
    r"|communiqu[ée] de presse|(pour )?(diffusion|publication) imm[ée]diate"
    r"|بيان صحفي|بيان إعلامي|للنشر الفوري|بیانیه مطبوعاتی|اطلاعیه مطبوعاتی|برای انتشار فوری",
    re.IGNORECASE,
)
_EMBARGO = re.compile(r"(embargoed|embargo|embargado|sous embargo)\b.*", re.IGNORECASE)
_AFTER = r"[-–—\s.]*"
# "ENDS" ends press releases alone; "END" or "End." may end any story or report
_ENDS_WORD = r"ends"
_END_WORDS = r"end|fin|fin\s+del\s+comunicado|fin\s+du\s+communiqu[ée]|-30-|30|#{3}|انتهى|پایان"
_ENDS = re.compile(rf"[-–—\s]*{_ENDS_WORD}{_AFTER}", re.IGNORECASE)
_END = re.compile(rf"[-–—\s]*({_END_WORDS}){_AFTER}", re.IGNORECASE)
# An end mark in a body's HTML: its word with nothing but dashes, dots and spaces between
# it and the tags round it. Looked for before a paragraph's text is read: most paragraphs
# of an English text hold "end" or "fin…", none of them between tags.
_END_IN_HTML = re.compile(rf">{_AFTER}({_ENDS_WORD}|{_END_WORDS}){_AFTER}<", re.IGNORECASE)
NOTES_KEPT = (
    "the notes for journalists after the press release's end are kept: cut what readers"
    " need not see"
)


# A label and the headline on one line: "PRESS RELEASE: Tenants block eviction", "Press
# Release – Dockers vote to strike", "[Press release] …"; in HTML, with the tags round the
# label ("<strong>PRESS RELEASE</strong>: …") kept, the label and its separator taken out.
_SEPARATOR = r"\s*[:|–—-]\s+"
_LABELLED = re.compile(
    rf"\s*(?:(?P<label>{_LABEL.pattern}){_SEPARATOR}|[\[(](?:{_LABEL.pattern})[\])]"
    rf"(?:{_SEPARATOR}|\s+))(?P<headline>\S.*)",
    re.I,
)
_LABELLED_HTML = re.compile(
    rf"(?P<opening>(?:\s|<[a-z][^>]*>)*)(?P<label>{_LABEL.pattern})"
    rf"(?P<closing>(?:\s*</[a-z]+>)*){_SEPARATOR}(?=\S)",
    re.I,
)
_EMPTY_PAIR = re.compile(r"<([a-z]+)\b[^>]*>\s*</\1>")  # the label's <strong></strong>


def without_label(line: str) -> str:
    """A headline without the press release's label it is given after ("PRESS RELEASE:
    Tenants block eviction" → "Tenants block eviction"); any other line as it is."""
    found = None if is_label(line) else _LABELLED.fullmatch(line)
    return found["headline"].strip() if found else line


def is_label(line: str) -> bool:
    """A press release's label over its headline ("[PRESS RELEASE]" too), an embargo among
    them."""
    text = line.strip().strip(":").strip()
    text = text[1:-1].strip() if text[:1] + text[-1:] in ("[]", "()") else text
    return bool(_LABEL.fullmatch(text) or _EMBARGO.fullmatch(text))


def embargo_note(line: str) -> str | None:
    """What to tell the editor of an embargo line; None for other lines."""
    said = line.strip()
    return (
        f"the press release says {said!r}: publish it only then"
        if _EMBARGO.fullmatch(said)
        else None
    )


def ends_release(line: str, labelled: bool) -> bool:
    """Whether `line` is the mark ending a press release ("ENDS"; in a text that opens with
    a label also "END", "-30-", "###", "FIN", which could end other texts)."""
    return bool(_ENDS.fullmatch(line) or (labelled and _END.fullmatch(line)))


def date_line(line: str) -> dt.date | None:
    from ..importers.textdates import parse_date, place_and_date

    return parse_date(line) or place_and_date(line)


@dataclass(frozen=True)
class Release:
    body_html: str
    labels: tuple[str, ...]  # the labels left out, embargoes among them
    date: dt.date | None
    ended: bool  # an end mark was left out
    notes_kept: bool  # text after it stays


_BLOCK = re.compile(r"\s*<(p|h[1-6])\b[^>]*>(.*?)</\1>\s*", re.S)
_LINE_BREAK = re.compile(r"<br\s*/?>")


def release_marks_out(body_html: str) -> Release | None:
    """The body of a press release, as HTML, without its labels, date line and end mark,
    and what they said; None for a body that is no press release."""
    if not _SIGNS.search(body_html):
        return None
    labels: list[str] = []
    date = None
    at = 0
    while block := _BLOCK.match(body_html, at):
        lines = [plain_text(line) for line in _LINE_BREAK.split(block.group(2))]
        lines = [line for line in lines if line]
        taken = 0
        while taken < len(lines) and is_label(lines[taken]):
            taken += 1
        labels += lines[:taken]
        rest = lines[taken:]
        if labels and date is None and len(rest) == 1 and (date := date_line(rest[0])):
            rest = []
        if rest or not lines:
            if not taken and (found := _LABELLED_HTML.match(block.group(2))):
                labels.append(found["label"])  # and the headline stays, as its block
                tags = found["opening"] + "".join(found["closing"].split())
                inner = _EMPTY_PAIR.sub("", tags) + block.group(2)[found.end() :]
                body_html = body_html[: block.start(2)] + inner + body_html[block.end(2) :]
            break
        at = block.end()
    ended = notes_kept = False
    for block in _BLOCK.finditer(body_html, at):
        if (
            block.group(1) == "p"
            and _END_IN_HTML.search(block.group(0))
            and ends_release(plain_text(block.group(2)), bool(labels))
        ):
            ended, notes_kept = True, bool(body_html[block.end() :].strip())
            body_html = body_html[: block.start()] + "\n" + body_html[block.end() :]
            break
    if not labels and not ended:
        return None
    return Release(body_html[at:], tuple(labels), date, ended, notes_kept)


# What a press release opens or ends with: a word every label and embargo holds (_LABEL,
# _EMBARGO: "publica" for "publication" and "publicación", "embarg" for "embargado"), or
# its end mark. A body without any is read no further: six times quicker than reading it
# for the labels themselves.
_SIGNS = re.compile(
    r"release|prensa|presse|publica|difusi|diffusion|embarg|بيان|للنشر|بیانیه|اطلاعیه|انتشار"
    rf"|{_END_IN_HTML.pattern}",
    re.IGNORECASE,
)


def for_readers(body_html: str, date: dt.date | None, shown: Path) -> tuple[str, dt.date | None]:
    """A word-processed body without what a press release says to journalists, which the
    build says; its date line the document's date when the file gives none."""
    release = release_marks_out(body_html)
    if release is None:
        return body_html, date
    left_out = [repr(label) for label in release.labels]
    log.warning(
        "%s: a press release: left out %s",
        shown,
        ", ".join(left_out + (["its end mark"] if release.ended else [])),
    )
    for note in filter(None, map(embargo_note, release.labels)):
        log.warning("%s: %s", shown, note)
    if release.notes_kept:
        log.warning("%s: %s", shown, NOTES_KEPT)
    return release.body_html, date or release.date
