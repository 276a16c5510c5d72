"""Fenced code in Markdown text, which each rewrite of the text's lines keeps as written."""

from __future__ import annotations

import bisect

# A fenced code block, from its ``` or ~~~ line to the closing one: the first alternative
# (group 1) of a pattern compiled with MULTILINE and DOTALL whose other alternatives find
# what to rewrite, so that a match of this group is code, kept as written
FENCED_CODE = r"(^(?:```|~~~).*?^(?:```|~~~)[ \t]*$)"


def in_code(at: int, spans: list[tuple[int, int]]) -> bool:
    """Whether offset `at` is inside one of `spans`: the code's (in order, apart), as a
    pattern's `finditer` gives them."""
    index = bisect.bisect_right(spans, (at, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= at < spans[index][1]
