"""What to tell the editor of an export's JSON or XML file that does not parse: the
parser's words as a whole sentence (Python's JSON errors end "starting at", to be followed
by a position; libxml2's carry a fragment of the text on a line of their own), and, when
the error is where the file stops, that it was cut short (a download interrupted, a copy
from a full disk): a platform writes whole files, so downloading again is the way out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PublisherError

if TYPE_CHECKING:
    import json

    from lxml import etree

CUT_SHORT = "the file seems cut short: download the export again"
# lxml's own ending of libxml2's message: ", line 36, column 200"
_POSITION = re.compile(r",\s*line \d+, column \d+\s*$")


def json_error(exc: json.JSONDecodeError, where: Path) -> PublisherError:
    """`exc`, raised reading the JSON file at `where`, as the editor is told it."""
    said = exc.msg
    if said.endswith(" at"):  # "Unterminated string starting at", "Invalid control character at"
        said += f" line {exc.lineno}, column {exc.colno}"
    cut = said.startswith("Unterminated string") or not exc.doc[exc.pos :].strip()
    return PublisherError.at(
        f"not valid JSON: {said}", where, exc.lineno, hint=CUT_SHORT if cut else None
    )


def xml_error(error: etree.XMLSyntaxError, data: bytes, where: Path) -> PublisherError:
    """`error`, raised reading the XML file at `where` (its bytes `data`), as the editor is
    told it."""
    said = _POSITION.sub("", (error.msg or "").split("\n", 1)[0])
    line, column = error.position
    last = data.rstrip().split(b"\n")
    cut = line >= len(last) and column >= len(last[-1].decode("utf-8", "replace"))
    return PublisherError.at(
        f"not valid XML: {said}", where, error.lineno, hint=CUT_SHORT if cut else None
    )
