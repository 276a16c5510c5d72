"""A press release pasted as text: what it says to journalists left out of the document.

Campaign groups write their news as press releases and forward the same text to the
newsletter. Its labels over the headline ("PRESS RELEASE", "FOR IMMEDIATE RELEASE", "NOTA
DE PRENSA", "COMMUNIQUÉ DE PRESSE") are no title, and the date line under them ("23
November 2026", "Madrid, 23 de noviembre de 2026") is the release's date. An embargo
("EMBARGOED UNTIL 00:01 TUESDAY") is left out too, and said to the editor, who must not
publish before it. The mark that ends the release ("ENDS", "-30-", "###", "FIN") is left
out; the notes to editors and media contact after it are kept, with a note to cut them.
"ENDS" ends a release that has no label too.
"""

from __future__ import annotations

import re

from .draft import Draft
from .textblocks import Block
from .textdates import parse_date, place_and_date

_LABEL = re.compile(
    r"(press|news|media) release|(for )?immediate release|(for|not for) publication.*"
    r"|nota de prensa|comunicado de prensa|(para )?(publicaci[óo]n|difusi[óo]n) inmediata"
    r"|communiqu[ée] de presse|(pour )?(diffusion|publication) imm[ée]diate",
    re.IGNORECASE,
)
_EMBARGO = re.compile(r"(embargoed|embargo|embargado|sous embargo)\b.*", re.IGNORECASE)
# "ENDS" ends nothing but a release; the others end one when the text opens as a release
_ENDS = re.compile(r"[-–—\s]*ends?[-–—\s.]*", re.IGNORECASE)
_END = re.compile(
    r"[-–—\s]*(fin|fin del comunicado|fin du communiqu[ée]|-30-|30|#{3})[-–—\s.]*", re.IGNORECASE
)


def without_release_marks(blocks: list[Block], draft: Draft) -> list[Block]:
    """`blocks` without a press release's labels, date line and end mark."""
    blocks = list(blocks)
    labels = 0
    while blocks and _label(blocks[0].lines[0]):
        if _EMBARGO.fullmatch(line := blocks[0].lines[0].strip()):
            draft.unsure.append(f"the press release says {line!r}: publish it only then")
        labels += 1
        _drop_first_line(blocks)
    if labels:
        draft.found["press release labels left out"] += labels
        first = blocks[0].lines[0] if blocks else ""
        if when := parse_date(first) or place_and_date(first):
            draft.date = when
            draft.found["press release date"] += 1
            _drop_first_line(blocks)
    for index, block in enumerate(blocks):
        if block.single_line and (
            _ENDS.fullmatch(block.text) or (labels and _END.fullmatch(block.text))
        ):
            del blocks[index]
            draft.found["press release end mark left out"] += 1
            if index < len(blocks):
                draft.unsure.append(
                    "the notes for journalists after the press release's end are kept: cut"
                    " what readers need not see"
                )
            break
    return blocks


def _drop_first_line(blocks: list[Block]) -> None:
    if rest := blocks[0].lines[1:]:
        blocks[0] = Block(rest, False, blocks[0].gap)
    else:
        blocks.pop(0)


def _label(line: str) -> bool:
    text = line.strip().strip(":").strip()
    return bool(_LABEL.fullmatch(text) or _EMBARGO.fullmatch(text))
