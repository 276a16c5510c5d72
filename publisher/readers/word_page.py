"""A page Word saved ("Save as Web Page") as the text it holds: its title typed in Word's
Title style (`<p class=MsoTitle>`) is the level-1 heading it is, and the sections Word
wraps the text in for page set-up (`<div class=WordSection1>`) are unwrapped. pandoc read
the title as the text's first paragraph, inside that <div>, so the title was printed
twice (a page without <title> had its file name for one)."""

from __future__ import annotations

import re
from typing import Any

from ..tree_edits import page_edited

_SECTION = re.compile(r"^(?:Word)?Section\d+$")  # Word 2007 on; 2000 and 2003


def word_page_read(page: str) -> str:
    """`page` with Word's Title paragraph a heading and its sections unwrapped (unchanged
    when it has no Title paragraph)."""
    return page_edited(page, _title_as_heading) if "MsoTitle" in page else page


def _title_as_heading(tree: Any) -> bool:
    title = next((p for p in tree.iter("p") if "MsoTitle" in p.get("class", "").split()), None)
    if title is None:
        return False
    title.tag = "h1"
    title.attrib.pop("class")
    for section in list(tree.iter("div")):
        if _SECTION.match(section.get("class", "")):
            section.drop_tag()  # its text stays where it is
    return True
