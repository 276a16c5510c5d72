"""Markdown's notes and reference links pandoc cannot resolve, said to the editor with the
line to fix.

A note no text refers to is left out of every output, and of two notes with one key the
first is; of two link references with one key ("[survey]: https://…" twice) the second is
never used: pandoc warns of these, in its own words and with lines of the text it was
given (the body, without front matter). A reference to no note ("[^2]", a typo for
"[^1]") and a link to no reference ("[the survey][survy]") are printed as typed, and
pandoc says nothing of them: they are found in the HTML it made.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..textfiles import line_of, where

log = logging.getLogger(__name__)

_UNUSED = re.compile(r"^Note with key '(.+)' defined at line \d+ column \d+ but not used\.?$")
# "Duplicate note reference '1' …", "Duplicate link reference '[report]' …"
_TWICE = re.compile(r"^Duplicate (note|link) reference '(.+)' at line \d+ column \d+\.?$")
# What is lost of two of a kind with one key
_SECOND = {
    "note": "a second note {}: only this one is printed, the one above is left out",
    "link": "a second link reference {}: the links use the one above, this one is never used",
}
_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
# [words][key], [words][]: words, not a citation's numbers ("as found [1][2]")
_LINK = re.compile(r"\[([^\[\]]*[^\W\d_][^\[\]]*)\]\[([^\[\]]*)\]")
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL)  # "[^a-z]" in code is code


def say_reference_problems(warnings: list[str], html: str, text: str, path: Path) -> None:
    """Warn of the notes and link references `warnings` (pandoc's, converting `text`, the
    document at `path`) say are left out, and of the references to no note or address
    left in `html` as typed."""
    for warning in warnings:
        if unused := _UNUSED.match(warning):
            key = unused[1]
            log.warning(
                "%s: the note [^%s] is referred to nowhere in the text, so no output prints it:"
                " put [^%s] where it belongs, or delete the note",
                where(path, line_of(text, f"[^{key}]:")),
                key,
                key,
            )
        elif twice := _TWICE.match(warning):
            kind, key = twice[1], twice[2]
            written = f"[^{key}]" if kind == "note" else key  # pandoc gives a link's "[key]"
            log.warning(
                "%s: %s: give one of them another key",
                where(path, line_of(text, f"{written}:", last=True)),
                _SECOND[kind].format(written),
            )
    if "[^" not in html and "][" not in html:
        return  # most documents: nothing printed as typed to look for
    prose = _CODE.sub("", html)
    links = {match[0]: match[2] or match[1] for match in _LINK.finditer(prose)}
    for typed, key in links.items():
        log.warning(
            "%s: the link %s leads nowhere, and is printed as typed: write its address on a"
            " line of its own, '[%s]: https://…', or correct the key",
            where(path, line_of(text, typed)),
            typed,
            key,
        )
    for key in dict.fromkeys(_REFERENCE.findall(prose)):
        log.warning(
            "%s: [^%s] refers to no note, and is printed as typed: write the note on a line"
            " of its own, '[^%s]: …', or correct the key",
            where(path, line_of(text, f"[^{key}]")),
            key,
            key,
        )
