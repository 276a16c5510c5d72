"""Images in document bodies: confined to the document pool when a document is read.

After `confine_images` every <img src> in a body is a path relative to documents/ naming
a file that exists there; anything else (remote URLs, /etc/passwd, ../) is replaced by its
alt text. Renderers can then embed (PDF, EPUB) or publish (web, email) images without
ever touching the network or a file outside the workspace.

Bodies are sanitised HTML (html5ever serialisation, attributes in double quotes), so the
<img> tags can be rewritten reliably with a regex.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

log = logging.getLogger(__name__)
_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')
_ATTR = re.compile(r'\s([a-z-]+)="([^"]*)"')


def confine_images(
    fragment: str, pool: Path, document: Path, base: Path | None = None
) -> tuple[str, tuple[str, ...]]:
    """Return the fragment with images confined to `pool`, and the pool paths it uses.

    Relative paths resolve against `base`, by default the document's own folder; warnings
    name `document` (a manifest, for an editorial), so the editor knows what to fix.
    """
    pool = pool.resolve()
    folder = base or document.parent
    used: list[str] = []

    def replace(match: re.Match[str]) -> str:
        tag = match.group(0)
        attrs = dict(_ATTR.findall(tag))
        src = html.unescape(attrs.get("src", ""))
        parts = urlsplit(src)
        if not parts.scheme and not parts.netloc and parts.path and not parts.path.startswith("/"):
            target = (folder / unquote(parts.path)).resolve()
            if target.is_relative_to(pool) and target.is_file():
                relative = target.relative_to(pool).as_posix()
                used.append(relative)
                return _SRC.sub(lambda m: m.group(1) + quote(relative) + m.group(3), tag)
        log.warning("%s: image %r left out: only images inside documents/ are used", document, src)
        alt = attrs.get("alt", "")
        return f'<span class="missing-image">[{alt}]</span>' if alt else ""

    return _IMG.sub(replace, fragment), tuple(dict.fromkeys(used))


def prefix_images(fragment: str, prefix: str) -> str:
    """Point pool-relative image paths at where an output publishes them (`prefix` + path)."""
    return _SRC.sub(lambda m: m.group(1) + prefix + m.group(2) + m.group(3), fragment)


def image_sources(fragment: str) -> list[str]:
    """The src of every image in a body, as written (so outputs can say who asked for what)."""
    return [html.unescape(m.group(2)) for m in _SRC.finditer(fragment)]


def pool_images(fragment: str) -> list[str]:
    """The documents/ paths of a confined fragment's images (e.g. an editorial's)."""
    return [unquote(src) for src in image_sources(fragment)]


def media_path(pool_relative: str) -> PurePosixPath:
    """Where the web archive publishes a pool image, relative to the output folder."""
    return PurePosixPath("media") / pool_relative
