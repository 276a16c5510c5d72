"""Plain text → blocks: the paragraphs of text copied off a web page, with the clues
(indentation, bullets, numbers, rules) that the heuristics in `plaintext` read.

A block is a run of non-blank lines. Lines that hold only spaces or non-breaking spaces
count as blank. Bullet and numbered lines start a block of their own even without a
blank line before them, because pasted lists rarely have one; so does a line ending in
':' after a finished sentence, which introduces what follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NBSP = "\u00a0"
BULLET = re.compile(r"^[•●▪◦‣∙·■□○◆◇➢➤►▸✓✔→*–—-]\s+")
NUMBERED = re.compile(r"^(?:\((\d{1,3})\)|(\d{1,3})[.)])\s+")
RULE = re.compile(r"^\s*([-_=*~•·])(?:\s*\1){4,}\s*$")
_SENTENCE_END = (".", "!", "?", "…", '."', ".”", "!”", "?”", ".»", "!»", "?»", ".)")
# French typography keeps a non-breaking space before these and inside guillemets.
_KEEP_NBSP = re.compile(rf"{NBSP}(?=[:;!?»])|(?<=«){NBSP}")


@dataclass(frozen=True)
class Block:
    lines: tuple[str, ...]  # whitespace-normalised, without indentation
    indented: bool  # the first line started with spaces, tabs or non-breaking spaces
    gap: int  # longest run of truly empty lines before it (2+ can mark a section break)
    indent: int = 0  # width of the first line's indentation (a tab counts 4)

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def single_line(self) -> bool:
        return len(self.lines) == 1

    @property
    def bullet(self) -> bool:
        return bool(BULLET.match(self.lines[0]))

    @property
    def number(self) -> int | None:
        match = NUMBERED.match(self.lines[0])
        return int(match.group(1) or match.group(2)) if match else None

    @property
    def rule(self) -> bool:
        return bool(RULE.match(self.text))


def normalise_line(line: str) -> str:
    """Fold runs of spaces; turn non-breaking spaces into spaces unless typography needs them."""
    line = _KEEP_NBSP.sub("\x00", line).replace(NBSP, " ").replace("\x00", NBSP)
    line = line.replace("\u200b", "").replace("\ufeff", "").replace("\t", " ")
    return re.sub(r" {2,}", " ", line).strip()


def introduces(line: str, previous: str) -> bool:
    """A line ending in ':' after a finished sentence announces what follows (a list, a
    quotation), so it starts a block rather than ending the paragraph before it. After an
    unfinished sentence it is only where an editor wrapped the paragraph."""
    return line.endswith(":") and previous.endswith(_SENTENCE_END)


def indentation(raw: str) -> int:
    """How far a line is indented: where it sits tells a teaser from the text after a list."""
    expanded = raw.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" " + NBSP))


def split_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: list[str] = []
    indent = 0
    gap = run = 0

    def flush() -> None:
        nonlocal current, gap
        if current:
            blocks.append(Block(tuple(current), indent > 0, gap, indent))
            current, gap = [], 0

    for raw in text.split("\n"):
        line = normalise_line(raw)
        if not line:
            flush()
            # Lines of only non-breaking spaces are paste noise: they end a run of empty lines.
            run = run + 1 if not raw.strip(" \t") else 0
            gap = max(gap, run)
            continue
        run = 0
        starts_item = bool(BULLET.match(line) or NUMBERED.match(line) or RULE.match(line))
        if current and (starts_item or RULE.match(current[-1]) or introduces(line, current[-1])):
            flush()
        if not current:
            indent = indentation(raw)
        current.append(line)
    flush()
    return blocks
