"""Pictures a saved web page loads late (lazy loading) → the pictures it shows.

Sites save bandwidth by giving each <img> a placeholder (an empty GIF written inline, or
a blank file) and the picture's address in `data-src`, `data-lazy-src` or `data-original`
(WordPress plugins, lazysizes), for a script to swap in; or only a `srcset`. A page saved
from a browser before its script ran, or by a site's export, shows the placeholders:
publisher left the picture out and named the placeholder. Here the address is put back
in `src`; a <noscript> copy of the same picture, for browsers without the script, goes.
A platform's export that keeps its pages' markup (Squarespace's) is read the same way.
"""

from __future__ import annotations

import re
from typing import Any

from ..tree_edits import drop_keeping_tail, page_edited

_LAZY = ("data-src", "data-lazy-src", "data-original", "data-srcset", "data-lazy-srcset")
_MARKS = tuple(f"{name}=" for name in (*_LAZY, "srcset"))


def lazy_images_shown(page: str) -> str:
    """`page` with each lazily loaded picture's address in its `src` (unchanged when it
    has none)."""
    return page_edited(page, pictures_shown) if any(m in page for m in _MARKS) else page


def pictures_shown(tree: Any) -> bool:
    """Give each lazily loaded picture under `tree` its address, in place, and leave out
    the <noscript> copies of those shown; whether any was given one."""
    shown: set[str] = set()
    changed = False
    for img in tree.iter("img"):
        if _in_noscript(img):
            continue
        src = img.get("src", "").strip()
        later = next((_first_address(img.get(name, "")) for name in _LAZY if img.get(name)), "")
        if later and (not src or src.startswith("data:") or _placeholder(src)):
            img.set("src", later)
            changed = True
        elif not src and img.get("srcset"):
            img.set("src", _first_address(img.get("srcset", "")))
            changed = True
        if img.get("src"):
            shown.add(img.get("src", ""))
    if not changed:
        return False  # the page is not written again: nothing of it changed
    for noscript in list(tree.iter("noscript")):
        pictures = [img.get("src", "") for img in noscript.iter("img")]
        if pictures and all(src in shown for src in pictures):
            drop_keeping_tail(noscript)  # the same pictures, for browsers without the script
    return True


def _in_noscript(img: Any) -> bool:  # an lxml element
    return any(a.tag == "noscript" for a in img.iterancestors())


def _first_address(srcset: str) -> str:
    """The first address of a `srcset` ("a.jpg 1x, b.jpg 2x"), or the address given."""
    return srcset.strip().split(",")[0].strip().split(" ")[0]


_PLACEHOLDER = re.compile(
    r"(?:^|/)(?:blank|spacer|placeholder|pixel|lazy|transparent)[\w.-]*$", re.I
)


def _placeholder(src: str) -> bool:
    return bool(_PLACEHOLDER.search(src.split("?")[0]))
