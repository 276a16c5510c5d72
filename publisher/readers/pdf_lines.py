"""Paragraphs that are a PDF's lines, made the paragraphs they were.

Text copied out of a PDF into Word, LibreOffice or Google Docs comes a paragraph to a line,
its words broken at the lines' ends ("centro sani-" / "tario y la…"): every output printed
the column's lines, hyphens and all. A run of such paragraphs is read as a plain text
copied so is (`broken_words`): its words whole, its lines joined into paragraphs where they
run on. Only a run whose words are broken as a PDF hyphenates (two breaks at least, at one
line in eight) is taken for one: the short paragraphs of a list, an address or a poem stay
as they are, and so does a paragraph with formatting of its own (its words would be lost).
"""

from __future__ import annotations

import itertools
from typing import Any

from ..tree_edits import body_html, body_tree
from .broken_words import WRAP_MAX, column_width, runs_on_in_a_column, words_joined

_FEWEST_LINES = 3


def pdf_lines_joined(body: str) -> str:
    """`body` (HTML) with each run of paragraphs that are a PDF's lines made the paragraphs
    they were; unchanged when it has none."""
    if not any(f"{hyphen}</p>" in body for hyphen in "-\u2010\u00ad"):  # most bodies
        return body
    root = body_tree(body)
    parents = {id(p.getparent()): p.getparent() for p in root.iter("p")}
    changed = False
    for parent in parents.values():
        for run in _runs(parent):
            changed = _joined(run) or changed
    return body_html(root) if changed else body


def _runs(parent: Any) -> list[list[Any]]:
    """The runs of `parent`'s children that may be a PDF's lines: plain paragraphs (text
    alone, no attributes), no longer than a line, one straight after the other."""
    runs: list[list[Any]] = []
    run: list[Any] = []
    for child in parent:
        line = (
            child.tag == "p"
            and not len(child)
            and not child.attrib
            and len(child.text or "") <= WRAP_MAX
            and bool((child.text or "").strip())
        )
        if line and run and not (run[-1].tail or "").strip():
            run.append(child)
            continue
        if len(run) >= _FEWEST_LINES:
            runs.append(run)
        run = [child] if line else []
    if len(run) >= _FEWEST_LINES:
        runs.append(run)
    return runs


def _joined(run: list[Any]) -> bool:
    """Make the paragraphs of `run` the paragraphs its lines were, when its words are
    broken as a PDF hyphenates; whether they were."""
    import lxml.html

    text, broken = words_joined("\n".join(" ".join(p.text.split()) for p in run))
    if not broken:
        return False
    lines = text.split("\n")
    width = column_width(lines)
    paragraphs = [lines[0]]
    for line, following in itertools.pairwise(lines):
        if runs_on_in_a_column(line, following, width):
            paragraphs[-1] += f" {following}"
        else:
            paragraphs.append(following)
    tail = run[-1].tail
    for paragraph in paragraphs:
        made = lxml.html.Element("p")
        made.text = paragraph
        made.tail = "\n"
        run[0].addprevious(made)
    made.tail = tail
    for line in run:
        line.getparent().remove(line)
    return True
