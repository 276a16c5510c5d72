"""Comments in a page Word saved ("Save as Web Page"), left out.

Word writes each comment's mark where it was made (`[AB1]`, the reviewer's initials, in a
`span.MsoCommentReference`) and the comments themselves in a list at the end of the page
(`div style="mso-element:comment-list"`), for a script in Internet Explorer to show on
hover. pandoc read both as text: "Ana: are we sure about Thursday?" was published. They
are between editors; a Word file's are left out the same way (pandoc drops them)."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from ..tree_edits import page_edited

log = logging.getLogger(__name__)

_COMMENT_LIST = re.compile(r"mso-element:\s*comment-list", re.I)
_COMMENT = re.compile(r"mso-element:\s*comment\s*(?:;|$)", re.I)


def word_comments_left_out(page: str, source: Path) -> str:
    """`page` without Word's comments and their marks (unchanged when it has none)."""
    if "msocom" not in page and "MsoCommentReference" not in page:
        return page
    return page_edited(page, lambda tree: _comments_left_out(tree, source))


def _comments_left_out(tree: Any, source: Path) -> bool:
    """Take Word's comments, their marks and their list out of `tree`, in place, saying
    how many comments there were; whether anything was taken out."""
    comments = sum(1 for div in tree.iter("div") if _COMMENT.search(div.get("style", "")))
    marks: list[Any] = [
        element
        for element in tree.iter("span", "a")
        if "MsoCommentReference" in element.get("class", "").split()
        or "msocomanchor" in element.get("class", "").split()
    ]
    lists = [div for div in tree.iter("div") if _COMMENT_LIST.search(div.get("style", ""))]
    taken = {*marks, *lists}
    for element in [*marks, *lists]:
        if element.getparent() is not None and not any(e in taken for e in element.iterancestors()):
            element.drop_tree()
    if comments:
        log.info("%s: %d comment(s) left out: they are for the editors", source, comments)
    return bool(taken)
