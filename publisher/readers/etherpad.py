"""Pages Etherpad exports ("Import/Export → HTML": Riseup's, Framasoft's and other pads
where a statement is drafted together), made paragraphs.

Etherpad writes a pad as one run of text in <body>, each line ended by <br>: a blank line
between paragraphs is two. pandoc read the whole pad as one paragraph of lines. Here each
run of lines between blank lines is a paragraph (its own line breaks kept), lists stay
lists, and a first line that is bold alone, as a pad's title is typed, is the title
rather than the pad's name (`statement-rent-strike`).
"""

from __future__ import annotations

import re
from typing import Any

from ..tree_edits import page_edited
from .lines import gather_lines
from .pagehead import paragraph_to_head

_GENERATOR = re.compile(r'<meta\s+name="generator"\s+content="Etherpad', re.I)
_BOLD = ("strong", "b")


def is_etherpad(page: str) -> bool:
    return bool(_GENERATOR.search(page[:5_000]))


def etherpad_paragraphs(page: str) -> str:
    """`page` with its lines gathered into paragraphs (see the module's docstring)."""
    return page_edited(page, _paragraphs_gathered)


def _paragraphs_gathered(tree: Any) -> bool:
    body: Any = tree.find("body")
    if body is None:
        return False
    _first_bold_line_as_title(tree, gather_lines(body))
    return True


def _first_bold_line_as_title(tree: Any, paragraphs: list[Any]) -> None:
    """A first paragraph of one bold line only is the title, in <title>."""
    if not paragraphs or paragraphs[0].getparent() is None:
        return
    first = paragraphs[0]
    body = first.getparent()
    if body.index(first) != 0 or len(first) != 1 or first[0].tag not in _BOLD:
        return
    if (first.text or "").strip() or (first[0].tail or "").strip():
        return
    paragraph_to_head(tree, first, "title")
