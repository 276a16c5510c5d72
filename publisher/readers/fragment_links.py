"""Links within a document (`#…`) to an id the document does not have, mended.

Word's table of contents links each of its lines to a hidden bookmark (`_Toc…`), which
pandoc does not carry into HTML, and ends it with a page number of the Word file: those
lines are left out (the web page, the EPUB and the PDF make tables of contents of their
own). Any other link to an id the document lacks (Word's cross-reference to a `_Ref…`
bookmark, a typo in Markdown's `[text](#id)`) leads nowhere on the web and fails
EPUBCheck (RSC-012): its text is kept, unlinked.

Works on `sanitize.clean_html`'s output, where attribute values are always quoted and
links never nest, so links and ids are found without a parser.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

_ID = re.compile(r'\sid="([^"]*)"')
_LINK = re.compile(r'<a href="#([^"]+)"[^>]*>(.*?)</a>', re.S)
_TOC_LINE = re.compile(r'<p><a href="#((?:[^"]*-)?_Toc\d+)"[^>]*>(?:(?!</a>).)*</a></p>\s*', re.S)


def mend_fragment_links(body: str) -> tuple[str, int, tuple[str, ...]]:
    """The body without Word's table of contents and with links to missing ids unlinked;
    how many table of contents lines were left out, and the missing ids linked to."""
    if 'href="#' not in body:
        return body, 0, ()
    ids = {unquote(found) for found in _ID.findall(body)}

    def missing(target: str) -> bool:
        return unquote(target) not in ids

    toc_lines = 0

    def toc_line(line: re.Match[str]) -> str:
        nonlocal toc_lines
        if not missing(line[1]):
            return line[0]
        toc_lines += 1
        return ""

    body = _TOC_LINE.sub(toc_line, body)
    unlinked: list[str] = []

    def unlink(link: re.Match[str]) -> str:
        if not missing(link[1]):
            return link[0]
        unlinked.append(unquote(link[1]))
        return link[2]

    body = _LINK.sub(unlink, body)
    return body, toc_lines, tuple(unlinked)
