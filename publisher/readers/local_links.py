"""Links to a file on the writer's computer → the file's name, looked for beside the document.

Word links a file by its place on the writer's disk (`file:///C:/Users/ana/Documents/
report.pdf`, `C:\\Users\\ana\\report.pdf`, `\\\\office\\shared\\report.pdf`), which no reader
can open: the sanitiser took such a link's address away without a word. Here the address
becomes the file's name, as a link to a file beside the document is written. When the file
is in documents/ beside the document, the link leads to its published copy
(`attachments`); when it is not, `renderers.links` says so at the link, naming the file.

Pelican's addresses (`{static}/images/x.png`, `{filename}/statement.rst`) become the paths
they name from the document's folder, found and linked as any other (`pelican_links`).
"""

from __future__ import annotations

import ast
import functools
import html
import os
import re
from pathlib import Path
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


# Pelican's marks before a path (`{static}/images/x.png`, `{filename}/post.md`, Pelican 3's
# `|static|`), as pandoc writes them in an address: percent-encoded or not
_PELICAN = re.compile(
    r'(\s(?:href|src)=")(?:\{|%7B|\||%7C)(static|filename|attach)(?:\}|%7D|\||%7C)([^"]*)(")',
    re.IGNORECASE,
)


def pelican_links(body: str, document: Path, pool: Path) -> str:
    """`body` (HTML as pandoc writes it) with Pelican's `{static}`, `{attach}` and
    `{filename}` addresses as the paths they name, from the document's folder: so its
    pictures are found and its links lead to the article, as any file named beside it.
    `/images/x.png` after the mark is from the site's content folder, `images/x.png`
    from the document's."""
    if "static" not in body and "filename" not in body and "attach" not in body:
        return body
    folder = document.parent

    def resolved(match: re.Match[str]) -> str:
        path = unquote(html.unescape(match[3]))
        start = pelican_content(document, pool) if path.startswith("/") else folder
        named = os.path.relpath(start / path.lstrip("/"), folder)
        return f"{match[1]}{html.escape(quote(Path(named).as_posix(), safe='/#?=&'))}{match[4]}"

    return _PELICAN.sub(resolved, body)


def pelican_content(document: Path, pool: Path) -> Path:
    """The content folder of the Pelican site `document` is in: the PATH its
    pelicanconf.py sets (`content` when it sets none), else the nearest folder named
    content above it, else documents/."""
    for folder in document.parents:
        if not folder.is_relative_to(pool):
            break
        if (folder / "pelicanconf.py").is_file():
            return folder / _pelican_path(folder / "pelicanconf.py")
    return next((p for p in document.parents if p.name == "content"), pool)


@functools.cache
def _pelican_path(settings: Path) -> str:
    """The PATH a pelicanconf.py sets, when it is a relative path written out; else
    Pelican's default, `content`."""
    try:
        tree = ast.parse(settings.read_text(encoding="utf-8", errors="replace"))
    except (OSError, SyntaxError, ValueError):
        return "content"
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "PATH" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            and not os.path.isabs(node.value.value)
        ):
            return node.value.value
    return "content"
