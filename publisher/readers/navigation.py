"""What a screen reader user moves through an article by: its headings, each heard with its
level. A heading that skips a level ("Pay by grade" at level 4 under "Results" at level 2)
reads as part of a level that is not there (WCAG 1.3.1). Each is named with its line when
the document is read, with the level to give it in the program the document came from:
`publisher check` failed only the web page, at its line in dist/."""

from __future__ import annotations

import logging
from pathlib import Path

from ..textfiles import line_of, where, written_text

log = logging.getLogger(__name__)

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def say_skipped_levels(body: str, source: Path) -> None:
    """Warn of each heading of `body` more than one level below the heading before it (the
    first: below the highest level the document has), with its line when `source` is
    text. Going back up any number of levels is no skip."""
    if "<h" not in body:
        return
    from ..tree_edits import body_tree

    headings = [
        (int(h.tag[1]), " ".join(h.text_content().split()))
        for h in body_tree(body).iter(*_HEADINGS)
    ]
    if not headings:
        return
    text = written_text(source)
    highest = min(level for level, _ in headings)
    previous: int | None = None
    line = 1  # headings are found in the text in their order
    for level, words in headings:
        found = line_of(text, words, start=line) if text and words else None
        line = found or line
        allowed = (previous or highest - 1) + 1
        if level > allowed:
            log.warning(
                '%s: the heading "%s" is at level %d %s: screen reader users, who move'
                " through an article by its headings, hear a level skipped; make it level %d%s",
                where(source, found),
                words,
                level,
                f"under one at level {previous}" if previous else f"before any at level {highest}",
                allowed,
                _how_to_level(source, allowed),
            )
        previous = level


def _how_to_level(source: Path, level: int) -> str:
    """How a heading is given `level` in the kind of file `source` is (" (…)"), "" when
    not known."""
    suffix = source.suffix.lower()
    if suffix in (".md", ".markdown", ".txt", ".yaml", ".yml"):  # a manifest's editorial too
        return f" ({'#' * level} in Markdown)"
    if suffix in (".docx", ".doc", ".odt", ".rtf"):
        return f" (the Heading {level} style)"
    if suffix in (".html", ".htm"):
        return f" (<h{level}>)"
    return ""
