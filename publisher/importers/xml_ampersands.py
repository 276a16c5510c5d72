"""An export's XML with its ampersands written as XML needs them. Some platforms write a
post's title or text into their XML unescaped ("Rent & repairs", "&nbsp;"): Squarespace's
WordPress export is said to be malformed so, and an export edited by hand is prone to it. XML then
refuses the whole file. Each bare `&` is written `&amp;`, and each of HTML's named
characters (`&nbsp;`, `&eacute;`, which XML does not know) is written as the character, so
the file reads as the platform meant it: WordPress's own importer reads such a file too.
"""

from __future__ import annotations

import html.entities
import re
from dataclasses import dataclass

# An `&`, and the reference it starts if any: a number (`&#8220;`, `&#x201C;`) or a name
# followed by `;` (XML's five are kept, HTML's written out). In a CDATA section or a
# comment, an `&` is only a character: kept.
_AMPERSAND = re.compile(
    r"<!\[CDATA\[.*?\]\]>|<!--.*?-->|&(?:#[0-9]+;|#[xX][0-9a-fA-F]+;|([A-Za-z][A-Za-z0-9]*);)?",
    re.DOTALL,
)
_XML_NAMES = frozenset({"amp", "lt", "gt", "quot", "apos"})


@dataclass(frozen=True)
class Written:
    """What was written anew, and where: the lines, in order."""

    bare: int  # `&` alone, now `&amp;`
    named: int  # HTML's named characters, now the characters
    lines: tuple[int, ...]

    def describe(self) -> str:
        """What was written, as the warning says it: "3 '&' alone and 1 of HTML's names of
        characters (&nbsp;…)"."""
        said = [f"{self.bare} '&' alone"] if self.bare else []
        said += [f"{self.named} of HTML's names of characters (&nbsp;…)"] if self.named else []
        return " and ".join(said)


def ampersands_written(text: str) -> tuple[str, Written]:
    """`text` (an XML file's) with its bare ampersands and HTML's named characters written
    as XML reads them; the same text when it has none."""
    bare = named = 0
    lines: set[int] = set()
    position, line = 0, 1

    def written(found: re.Match[str]) -> str:
        nonlocal bare, named, position, line
        reference, name = found.group(), found.group(1)
        if reference[0] == "<" or (len(reference) > 1 and (name is None or name in _XML_NAMES)):
            return reference  # a CDATA section, a comment, or a reference XML knows
        character = html.entities.html5.get(f"{name};") if name else None
        if name and character is None:
            return reference  # no one's: XML will say so, where it is
        line += text.count("\n", position, found.start())
        position = found.start()
        lines.add(line)
        if character is None:
            bare += 1
            return "&amp;"
        named += 1
        return character.replace("&", "&amp;").replace("<", "&lt;")

    if "&" not in text:
        return text, Written(0, 0, ())
    return _AMPERSAND.sub(written, text), Written(bare, named, tuple(sorted(lines)))
