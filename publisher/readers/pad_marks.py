"""HedgeDoc's marks (HackMD's and CodiMD's before it) in a pad's Markdown, as a reader of
the pad saw them: a statement drafted in a pad arrives with them.

- `{%youtube ID %}`, `{%vimeo ID %}` → the video's address, as a link (an email cannot
  play an embed); `{%gist user/id %}`, `{%slideshare user/deck %}`, `{%speakerdeck
  user/deck %}`, `{%pdf https://… %}` → the page they show, as a link;
- `[name=Ana]`, `[time=Mon, Mar 2, 2026 10:15 AM]` (who wrote a line, when) → their
  words in brackets, "(Ana, Mon, Mar 2, 2026 10:15 AM)"; `[color=#e66]` → nothing (a
  quote's colour on the pad).

Fenced code keeps them as written.
"""

from __future__ import annotations

import re

from ..embeds import video_page
from .fenced_code import FENCED_CODE

_PAGES = {
    "gist": "https://gist.github.com/{}",
    "slideshare": "https://www.slideshare.net/{}",
    "speakerdeck": "https://speakerdeck.com/{}",
    "pdf": "{}",
}
_EMBED = r"""\{%\s*(youtube|vimeo|gist|slideshare|speakerdeck|pdf)\s+([^\s%{}<>"']+)\s*%\}"""
# A run of who-and-when tags, and colour tags, with the spaces before them
_TAGS = r"(?:[ \t]*\[(?:name|time|color)=[^\]\n]*\])+"
_MARKS = re.compile(f"{FENCED_CODE}|{_EMBED}|({_TAGS})", re.MULTILINE | re.DOTALL)
_TAG = re.compile(r"\[(name|time|color)=([^\]\n]*)\]")


def without_pad_marks(body: str) -> str:
    """`body` (Markdown) with HedgeDoc's embeds and tags written out (see the module's
    docstring)."""
    if "{%" not in body and not any(f"[{tag}=" in body for tag in ("name", "time", "color")):
        return body  # (almost every text): no pass of the pattern over it
    return _MARKS.sub(_written_out, body)


def _written_out(found: re.Match[str]) -> str:
    if found.group(1):  # fenced code
        return found.group(0)
    if kind := found.group(2):
        target = found.group(3)
        if kind in ("youtube", "vimeo"):
            return f"<{video_page(kind, target)}>"
        page = _PAGES[kind].format(target)
        return f"<{page}>" if page.startswith(("https://", "http://")) else found.group(0)
    words = [value.strip() for name, value in _TAG.findall(found.group(4)) if name != "color"]
    shown = ", ".join(word for word in words if word)
    return f" ({shown})" if shown else ""
