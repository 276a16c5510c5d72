"""Fenced code in Markdown text, which each rewrite of the text's lines keeps as written."""

# A fenced code block, from its ``` or ~~~ line to the closing one: the first alternative
# (group 1) of a pattern compiled with MULTILINE and DOTALL whose other alternatives find
# what to rewrite, so that a match of this group is code, kept as written
FENCED_CODE = r"(^(?:```|~~~).*?^(?:```|~~~)[ \t]*$)"
