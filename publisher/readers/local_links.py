"""Links to a file on the writer's computer → the file's name, looked for beside the document.

Word links a file by its place on the writer's disk (`file:///C:/Users/ana/Documents/
report.pdf`, `C:\\Users\\ana\\report.pdf`, `\\\\office\\shared\\report.pdf`), which no reader
can open: the sanitiser took such a link's address away without a word. Here the address
becomes the file's name, as a link to a file beside the document is written. When the file
is in documents/ beside the document, the link leads to its published copy
(`attachments`); when it is not, `renderers.links` says so at the link, naming the file.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, unquote

# pandoc writes every attribute value in double quotes
_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")', re.IGNORECASE)
_ON_A_DISK = re.compile(r"^(?:file:|[A-Za-z]:[\\/]|\\)", re.IGNORECASE)  # or \\server\…


def links_to_local_files_by_name(body: str) -> str:
    """`body` (HTML as pandoc writes it) with each link to a file on a disk pointing at
    the file's name instead."""
    if "file:" not in body.lower() and "\\" not in body:
        return body

    def by_name(match: re.Match[str]) -> str:
        address = html.unescape(match[2])
        if not _ON_A_DISK.match(address):
            return match[0]
        name = unquote(address).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        return f"{match[1]}{html.escape(quote(name))}{match[3]}" if name else match[0]

    return _HREF.sub(by_name, body)
