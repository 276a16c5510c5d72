"""What a line of pasted text is, wherever it stands: a bare link, a note in brackets, a
numbered note, a source note, a picture's mark, a photo credit. The post's reading
(`plaintext`) and its signature's (`textsignature`) both ask."""

from __future__ import annotations

import re

URL = re.compile(r"(?<![\"'=>])\bhttps?://[^\s<>\"\[\]]+[^\s<>\"\[\].,;:!?)]")
CAPTION = re.compile(
    r"\b(photo|foto|image|picture|crédit photo|photo credit)s?\s*(credit)?\s*:"
    # "Photo by Marta Gil", "Foto de …", "Photo par …", "(Photo courtesy of …)": at the start
    r"|^\(?(photo(graph)?|foto(grafía)?|image|picture)s?\s+(by|de|por|par|courtesy)\s+\S",
    re.I,
)
NOTE = re.compile(r"^\[(?!\d+\])[^\]]{12,}\]$", re.DOTALL)
FOOTNOTE_DEF = re.compile(r"^\[(\d{1,3})\]\s+(.+)$", re.DOTALL)
SOURCE_NOTE = re.compile(
    r"content is available under|creative commons|\bCC[- ]BY|all rights reserved|"
    r"this (page|article) (contains content|was originally published)|originally published (in|at|on)",
    re.I,
)
# Where a picture stood in a message's plain text, as Gmail marks it ("[image: Workers at the
# gate]", its description), with the file the e-mail importer found for it, if any
# ("[image: …]⟦media/photo.png⟧", `plaintext.picture_mark`), or its address when it is on the web
PICTURE = re.compile(r"\[image: ?([^\]\n]*)\](?:⟦((?:media/|https?://)[^⟧\s]+)⟧)?")


def caption(text: str) -> bool:
    """A photo's credit or caption ("Photo: Ana Ruiz"), not a paragraph that names one."""
    return bool(CAPTION.search(text)) and len(text) < 300
