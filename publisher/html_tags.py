"""An HTML body's tags as the passes that read them without a parser find them (linear in
the body, however deep it nests): the sanitiser's and `lone_items`'."""

from __future__ import annotations

import re

# A start or end tag: "/" when it ends an element, its name. In nh3's output attribute
# values are always quoted, comments are gone and a "<" in text is always written &lt;, so
# tags can be found without a parser. (In a raw page, a "<" outside quotes ends what could
# be a tag: from each "<" of "<a <a …", a ">" was looked for to the page's end, 20 s for
# 5,000.)
TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^<>"]|"[^"]*")*>')
# The elements no end tag closes
VOID = frozenset({"br", "col", "hr", "img", "wbr", "area", "base", "embed", "input", "link"})
VOID |= {"meta", "param", "source", "track"}  # (these only occur in a raw page, before cleaning)
