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

import html
import re

_MEDIA = "embed|video|audio|playlist|youtube|vimeo|soundcloud|wpvideo|dailymotion|ted|spotify"
_FORMS = (
    "contact-form|contact-form-7|contact-field|jetpack_subscription_form|subscribe|"
    "mc4wp_form|gravityform|wpforms|ninja_form|formidable|give_form|charitable_donation_form"
)
_BUILDERS = r"(?:vc|et_pb|fusion|av|cs|tatsu|mk|kc|ux|themify|su)_[a-z0-9_]+"
_ATTRIBUTES = r"(?:\s[^\]]*)?"

_MEDIA_TAG = re.compile(rf"\[({_MEDIA})\b({_ATTRIBUTES})\](?:(.*?)\[/\1\])?", re.S | re.I)
_FORM_BLOCK = re.compile(rf"\[({_FORMS})\b{_ATTRIBUTES}\](?:.*?\[/\1\])?", re.S | re.I)
_BUILDER_TAG = re.compile(rf"\[/?{_BUILDERS}\b{_ATTRIBUTES}/?\]", re.I)
_URL = re.compile(r"""https?://[^\s"'\]<>]+""")


def shortcodes_shown(text: str) -> str:
    """`text` with its known shortcodes as the site showed them (see the module's docstring)."""
    text = _FORM_BLOCK.sub("", text)
    text = _BUILDER_TAG.sub("", text)
    return _MEDIA_TAG.sub(_media_link, text)


def _media_link(match: re.Match[str]) -> str:
    url = _URL.search(f"{match.group(2)} {match.group(3) or ''}")
    if url is None:
        return ""  # an id only (Jetpack's [wpvideo abc]): nothing to link to
    address = html.escape(url.group(0), quote=True)
    return f'<a href="{address}">{address}</a>'
