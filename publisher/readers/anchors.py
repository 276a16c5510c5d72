"""A document's ids and the links within it (`#…`), made to agree.

- An id given twice leads a link nowhere certain, and fails EPUBCheck (RSC-005) and the
  Nu HTML checker: pandoc reads every bookmark of an OpenDocument file as an empty
  `<span id="anchor">`, and a saved web page may repeat one. The first keeps it; later
  empty anchors go, other elements lose the repeated id.
- Word's table of contents links each of its lines to a hidden bookmark (`_Toc…`),
  which pandoc does not carry into HTML, and ends it with a page number of the Word file;
  its title has Word's "TOC Heading" style. Those lines and that title are left out (the
  web page, the EPUB and the PDF make tables of contents of their own).
- Any other link to an id the document lacks (Word's cross-reference to a `_Ref…`
  bookmark, a typo in Markdown's `[text](#id)`) leads nowhere on the web and fails
  EPUBCheck (RSC-012): its text is kept, unlinked.

Works on `sanitize.clean_html`'s output, where attribute values are always quoted and
links never nest, so ids and links are found without a parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

_ID = re.compile(r'\sid="([^"]*)"')
# An empty anchor (pandoc's for a bookmark) whole, or a tag up to its id
_ID_OR_ANCHOR = re.compile(
    r'<span id="([^"]+)"(?: class="anchor")?></span>|(<[a-zA-Z][^>]*?)\sid="([^"]*)"'
)
_LINK = re.compile(r'<a\b[^>]*?\shref="#([^"]+)"[^>]*>(.*?)</a>', re.S)
_TOC_LINE = re.compile(r'<p><a href="#([^"]*_Toc\d[^"]*)"[^>]*>(?:(?!</a>).)*</a></p>\s*', re.S)
_TOC_TITLE = re.compile(r'<(h[1-6]) class="TOC-Heading"[^>]*>.*?</\1>\s*', re.S)


@dataclass(frozen=True)
class Mended:
    body: str
    repeated_ids: tuple[str, ...] = ()  # ids elements gave again, once each
    toc_lines: int = 0  # lines of Word's table of contents left out
    unlinked: tuple[str, ...] = ()  # ids linked to that the document does not have


def mend_anchors(body: str) -> Mended:
    """The body with each id given once, without Word's table of contents, and with links
    to missing ids unlinked; and what was mended."""
    if ' id="' not in body and 'href="#' not in body:
        return Mended(body)
    given = _ID.findall(body)
    body, repeated = _without_repeated_ids(body, given)
    if 'href="#' not in body and "TOC-Heading" not in body:
        return Mended(body, repeated)
    ids = {unquote(found) for found in given}  # the same set once repeats are gone

    def missing(target: str) -> bool:
        return unquote(target) not in ids

    toc_lines = 0

    def toc_line(line: re.Match[str]) -> str:
        nonlocal toc_lines
        if not missing(line[1]):
            return line[0]
        toc_lines += 1
        return ""

    body = _TOC_TITLE.sub("", _TOC_LINE.sub(toc_line, body))
    unlinked: list[str] = []

    def unlink(link: re.Match[str]) -> str:
        if not missing(link[1]):
            return link[0]
        unlinked.append(unquote(link[1]))
        return link[2]

    body = _LINK.sub(unlink, body)
    return Mended(body, repeated, toc_lines, tuple(unlinked))


def _without_repeated_ids(body: str, given: list[str]) -> tuple[str, tuple[str, ...]]:
    """The body with each id (`given`: all it has, in order) on its first element only."""
    if len(given) == len(set(given)):
        return body, ()
    seen: set[str] = set()
    repeated: dict[str, None] = {}  # in order, once each

    def first_only(match: re.Match[str]) -> str:
        anchor, tag, given = match[1], match[2], match[1] or match[3]
        if given not in seen:
            seen.add(given)
            return match[0]
        if anchor:  # pandoc's, for a bookmark: nothing the editor wrote
            return ""
        repeated[given] = None
        return tag

    return _ID_OR_ANCHOR.sub(first_only, body), tuple(repeated)
