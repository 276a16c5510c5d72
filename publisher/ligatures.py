"""Ligatures typed as characters of their own ("ﬁnancial" with U+FB01), as text copied out
of a PDF keeps its typesetter's: words that search, spell-checkers, hyphenation and screen
readers do not know, which some fonts have no glyph for. They are spelled out (by ftfy)
wherever text comes in: a document's body and front matter as they are read, and text being
imported. The PDF joins the letters again where its font has the ligature."""

from __future__ import annotations

import re
from typing import Any

from .parsed_data import each_string

_LIGATURE = re.compile("[\ufb00-\ufb06]")


def letters_for_ligatures(text: str) -> tuple[str, int]:
    """`text` with its Latin ligatures spelled out, and how many there were."""
    count = len(_LIGATURE.findall(text))
    if not count:
        return text, 0
    from ftfy.fixes import fix_latin_ligatures

    return fix_latin_ligatures(text), count


def spelled_out(value: Any) -> Any:
    """`value` (a string, or parsed data: front matter) with the ligatures of each of its
    strings spelled out, however deep in lists and mappings."""
    return each_string(value, lambda text: letters_for_ligatures(text)[0])
