"""WordPress shortcodes in a post's content, made what the site showed (`[caption]` and
`[gallery]` are figures: see `wordpress`).

WordPress replaces only the shortcodes a plugin registered and shows any other bracketed
text as typed: "[sic]", "[the bosses]", "[laughter]" in a quotation are the writer's words.
So only known shortcodes are changed here:
- a video, audio or embed (`[embed]URL[/embed]`, `[video src=…]`, `[audio mp3=…]`,
  Jetpack's `[youtube URL]`, `[vimeo …]`…) becomes a link to it: a page or an email cannot
  play it, and the address is what the reader needs;
- a form (contact, subscribe, donate) goes, with what it holds: nothing to submit it to;
- a page builder's layout tags (WPBakery's `[vc_row]`, Divi's `[et_pb_section]`, Avada's
  `[fusion_builder_column]`…) go, and the text they lay out stays.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable

_MEDIA = "embed|video|audio|playlist|youtube|vimeo|soundcloud|wpvideo|dailymotion|ted|spotify"
_FORMS = (
    "contact-form|contact-form-7|contact-field|jetpack_subscription_form|subscribe|"
    "mc4wp_form|gravityform|wpforms|ninja_form|formidable|give_form|charitable_donation_form"
)
_BUILDERS = r"(?:vc|et_pb|fusion|av|cs|tatsu|mk|kc|ux|themify|su)_[a-z0-9_]+"
# A tag's attributes hold no bracket (WordPress refuses them there): a `[` ends the search,
# so thousands of tags never closed are read in time linear in the text
_ATTRIBUTES = r"(?:\s[^\[\]]*)?"

_MEDIA_TAG = re.compile(rf"\[({_MEDIA})\b({_ATTRIBUTES})\]", re.I)
_FORM_TAG = re.compile(rf"\[({_FORMS})\b({_ATTRIBUTES})\]", re.I)
_CLOSING = re.compile(rf"\[/({_MEDIA}|{_FORMS})\]", re.I)
_BUILDER_TAG = re.compile(rf"\[/?{_BUILDERS}\b{_ATTRIBUTES}/?\]", re.I)
_CAPTION_OR_GALLERY = re.compile(rf"\[/?(?:caption|gallery)\b{_ATTRIBUTES}\]", re.I)
_URL = re.compile(r"""https?://[^\s"'\]<>]+""")

Shown = Callable[[str, str | None], str]  # a tag's attributes and what it wraps → shown


def shortcodes_shown(text: str) -> str:
    """`text` with its known shortcodes as the site showed them (see the module's docstring)."""
    text = _paired(_FORM_TAG, _gone, _BUILDER_TAG.sub("", text))
    return _paired(_MEDIA_TAG, _media_link, text)


def shortcodes_as_text(text: str) -> str:
    """`text` (Markdown or plain text, as copied out of WordPress's code editor) with its
    known shortcodes as the site showed them: a video's or embed's address alone (which
    the reader links), a form gone, a builder's and a caption's tags gone and what they
    hold kept, a gallery (its uploads are not at hand) gone."""
    if "[" not in text:
        return text
    text = _paired(_FORM_TAG, _gone, _BUILDER_TAG.sub("", text))
    return _paired(_MEDIA_TAG, _media_address, _CAPTION_OR_GALLERY.sub("", text))


def _paired(opening: re.Pattern[str], shown: Shown, text: str) -> str:
    """`text` with each tag `opening` finds, and what it wraps up to the first closing tag
    of its name after it (when there is one), replaced by what `shown` makes of them; the
    closings are listed once and each found by bisection."""
    closings: dict[str, list[tuple[int, int]]] = {}
    for found in _CLOSING.finditer(text):
        closings.setdefault(found.group(1).lower(), []).append(found.span())
    out, done = [], 0
    for found in opening.finditer(text):
        if found.start() < done:  # inside what the tag before it wrapped
            continue
        ends = closings.get(found.group(1).lower(), [])
        at = bisect.bisect_left(ends, (found.end(), 0))
        inner, end = (
            (text[found.end() : ends[at][0]], ends[at][1])
            if at < len(ends)
            else (None, found.end())
        )
        out.append(text[done : found.start()] + shown(found.group(2), inner))
        done = end
    out.append(text[done:])
    return "".join(out)


def _gone(attributes: str, inner: str | None) -> str:
    return ""  # a form, with what it holds: nothing to submit it to


def _media_address(attributes: str, inner: str | None) -> str:
    url = _URL.search(f"{attributes} {inner or ''}")
    return url.group(0) if url else ""


def _media_link(attributes: str, inner: str | None) -> str:
    url = _URL.search(f"{attributes} {inner or ''}")
    if url is None:
        return ""  # an id only (Jetpack's [wpvideo abc]): nothing to link to
    address = html.escape(url.group(0), quote=True)
    return f'<a href="{address}">{address}</a>'
