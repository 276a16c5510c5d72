"""Obsidian's query blocks, left out with a warning: Dataview's ```` ```dataview ```` and
```` ```dataviewjs ````, the Tasks plugin's ```` ```tasks ```` and Obsidian's own
```` ```query ````. Obsidian shows each as the list it makes from the vault whenever the note
is opened; publisher has no vault to run it on, and the query itself ("LIST FROM #housing")
is not for readers: it was printed as a block of code to every subscriber."""

from __future__ import annotations

import logging
import re
from pathlib import Path

log = logging.getLogger(__name__)

_OPENING = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*(dataview|dataviewjs|tasks|query)[ \t]*")
_ANY_OPENING = re.compile(r" {0,3}(`{3,}|~{3,})")


def without_vault_queries(body: str, path: Path, first_line: int = 1) -> str:
    """`body` (Markdown starting on line `first_line` of `path`) without its query blocks,
    each named in one warning with its line; other code as written. One pass over its
    lines. A query never closed holds the rest of the text, as Markdown reads it: it stays,
    as a typo must not take the end of a statement with it."""
    if "dataview" not in body and "tasks" not in body and "query" not in body:
        return body
    kept: list[str] = []
    left_out: list[tuple[str, int]] = []
    query: list[str] | None = None  # the lines of the query block open, if one is
    fence = ""
    for number, line in enumerate(body.split("\n"), start=first_line):
        if fence:  # inside code: its closing fence, the same marks or more of them
            stripped = line.strip()
            closes = stripped.startswith(fence) and not stripped.strip(fence[0])
            if query is None:
                kept.append(line)
            elif not closes:
                query.append(line)
            if closes:
                fence, query = "", None
            continue
        if opening := _OPENING.fullmatch(line):
            fence, query = opening[1], [line]
            left_out.append((opening[2], number))
            continue
        if opening := _ANY_OPENING.match(line):
            fence = opening[1]
        kept.append(line)
    if query is not None:  # never closed (a typo): the rest of the text stays, as code
        kept += query
        left_out.pop()
    if not left_out:
        return body
    log.warning(
        "%s: Obsidian's query blocks (%s) left out (%s %s): they list what the vault holds"
        " when Obsidian shows the note; write out the list they made instead",
        path,
        ", ".join(dict.fromkeys(kind for kind, _ in left_out)),
        "line" if len(left_out) == 1 else "lines",
        ", ".join(str(line) for _, line in left_out),
    )
    return "\n".join(kept)
