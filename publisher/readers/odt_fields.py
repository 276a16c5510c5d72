"""A LibreOffice file's fields read as the words they show.

A field (Insert > Field: the date, the author, the title, a variable; a mail merge's
names) is kept in an OpenDocument file as an element holding what LibreOffice shows, and
pandoc leaves it out with those words: "Cádiz, 3 March 2026" with its date inserted was
"Cádiz, ", a letter's signature its author's name short. So was text kept in an element
marking it (`text:meta`). Each such element is replaced by what it holds. The fields
that number or count pages show no words of the writer's, and stay as pandoc reads them;
a template's placeholder (its prompt, "<Name>") is `word_placeholders`'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..tree_edits import unwrapped
from .odt_styles import TEXT

if TYPE_CHECKING:
    from lxml.etree import _Element

_SENDER = ("firstname", "lastname", "initials", "title", "position", "email", "company")
_FIELDS = frozenset(
    {
        *("date", "time", "author-name", "author-initials", "title", "subject"),
        *("description", "keywords", "initial-creator", "creator", "creation-date"),
        *("creation-time", "modification-date", "modification-time", "file-name"),
        *("template-name", "chapter", "user-field-get", "user-defined", "variable-get"),
        *("variable-set", "variable-input", "expression", "text-input", "conditional-text"),
        *("database-display", "meta-field", "meta", "drop-down"),
        *(f"sender-{part}" for part in _SENDER),
    }
)
MARKS: dict[str, tuple[bytes, ...]] = {
    "odt": tuple(f"<text:{name}".encode() for name in sorted(_FIELDS))
}


def fields_shown(root: _Element, kind: str) -> int:
    """Each field of `root` (an OpenDocument file's text) replaced by the words it shows,
    inner ones too; how many were."""
    tags = [f"{{{TEXT}}}{name}" for name in _FIELDS]
    fields = list(root.iter(*tags))
    for field in fields:
        unwrapped(field)
    return len(fields)
