"""Which images an output may embed: files inside documents/ only, never the network.

Bodies are sanitised HTML (html5ever serialisation, attributes in double quotes), so the
<img> tags can be rewritten reliably with a regex.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)
_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\s([a-z-]+)="([^"]*)"')


def confine_images(fragment: str, root: Path, where: str) -> str:
    """Keep <img> whose src is a file inside `root`; replace any other with its alt text."""
    resolved_root = root.resolve()

    def replace(match: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(match.group(0)))
        src = html.unescape(attrs.get("src", ""))
        parts = urlsplit(src)
        if not parts.scheme and not parts.netloc and parts.path:
            target = (root / unquote(parts.path)).resolve()
            if target.is_relative_to(resolved_root) and target.is_file():
                return match.group(0)
        log.warning("%s: image %r left out (only images inside documents/ are embedded)", where, src)
        alt = attrs.get("alt", "")
        return f"<span class=\"missing-image\">[{alt}]</span>" if alt else ""

    return _IMG.sub(replace, fragment)
