"""Rules at a body's edges taken out: a horizontal rule separates two parts of a text, and
one before the text begins or after it ends separates nothing from the title or the next
article. They come from front matter's `---` typed twice, a post's closing line kept from
the blog it was copied from, a Word document's rule above its first paragraph."""

from __future__ import annotations

import re

# nh3 writes a rule as <hr>, alone, whatever the source wrote (<hr/>, <HR class=…>)
_LEADING = re.compile(r"\A(?:\s*<hr>)+\s*")
_TRAILING = re.compile(r"(?:\s*<hr>)+\s*\Z")


def without_edge_rules(body: str) -> str:
    """`body` (sanitised HTML) without the rules before its first block or after its last."""
    return _TRAILING.sub("\n", _LEADING.sub("", body)) if "<hr>" in body else body
