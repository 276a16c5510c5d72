"""A Word or OpenDocument file's title property set aside when the heading it opens with
says otherwise.

The title in Word's File > Info > Properties (LibreOffice's File > Properties) is on no
page: a statement saved with Save As from last month's keeps last month's title there,
and it was published over the new one, which stood under it as a heading. The level-1
heading a file opens with, its only one, is the title its writer sees: it is the title,
and the property is named in a warning. A title typed in the Title style is seen, and
stays the title.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..sanitize import plain_text
from .headings import OPENING_HEADING, same_words

log = logging.getLogger(__name__)


def heading_over_unseen_title(
    path: Path, meta: dict[str, Any], body: str, unseen: str | None
) -> dict[str, Any]:
    """`meta` without its title when that is `unseen` (a title only the file's properties
    hold) and the body opens with a level-1 heading, its only one, of other words: the
    reader then takes that heading as the title."""
    opening = OPENING_HEADING.match(body)
    if not unseen or meta.get("title") != unseen or not opening or body.count("<h1") != 1:
        return meta
    heading = " ".join(plain_text(opening.group(1)).split())
    if same_words(heading, unseen):
        return meta
    log.warning(
        "%s: its title property (Word: File > Info > Properties; LibreOffice: File >"
        " Properties) is %r, its opening heading %r: the heading is published as its"
        " title; set the property to it, or empty it, to end this warning",
        path,
        unseen,
        heading,
    )
    return {key: value for key, value in meta.items() if key != "title"}
