"""WordPress shortcodes in a post's content, made what the site showed (`[caption]` and
`[gallery]` are figures: see `wordpress`).

WordPress replaces only the shortcodes a plugin registered and shows any other bracketed
text as typed: "[sic]", "[the bosses]", "[laughter]" in a quotation are the writer's words.
So only known shortcodes are changed here:
- a video, audio or embed (`[embed]URL[/embed]`, `[video src=…]`, `[audio mp3=…]`,
  Jetpack's `[youtube URL]`, `[vimeo …]`…) becomes a link to it: a page or an email cannot
  play it, and the address is what the reader needs;
- a form (contact, subscribe, donate) goes, with what it holds: nothing to submit it to;
  so does a plugin's widget that shows nothing of the post's (a feed of the site's
  Instagram or Facebook posts, a share bar, an advert, a list of contents), and a note
  the writer hid from readers (`[comment]…[/comment]`);
- a quote (`[pullquote]`, Shortcodes Ultimate's `[su_quote cite=…]`) becomes a quote, its
  source a line "— Maria" under it; a fold (`[spoiler title=…]`, `[su_spoiler]`,
  `[expand]`), and a tab or toggle of a plugin or page builder (`[su_tab title=…]`,
  WPBakery's `[vc_tta_section]`, Divi's `[et_pb_tab]`, Avada's `[fusion_tab]`…) its title
  in bold, then what it folded: open;
- Jetpack's `[googlemaps URL]` becomes a link to the map;
- a page builder's or a plugin's button (Divi's `[et_pb_button button_url=… button_text=…]`,
  WPBakery's `[vc_btn]`, Avada's `[fusion_button]`, Shortcodes Ultimate's `[su_button]`, a
  theme's `[button link=…]`) becomes a link with its words, Divi's `[et_pb_image src=…]` a
  picture, and a PDF shown in the page (PDF Embedder's `[pdf-embedder url=…]`, `[pdfjs-viewer]`,
  `[embeddoc]`, `[gview file=…]`) a link to the PDF;
- what a membership plugin shows signed-in members only (`[restrict]…[/restrict]`,
  `[membership level="1"]…`) goes, said in the import's report (`members_parts_left_out`):
  the web archive is open to all;
- a page builder's layout tags (WPBakery's `[vc_row]`, Divi's `[et_pb_section]`, Avada's
  `[fusion_builder_column]`…) go, and the text they lay out stays.
Any other shortcode stays as typed, nothing of it lost, and the import's report names it
(`shortcodes_left`): TablePress's `[table id=1 /]` stood for a table the export does not
tie to it.
"""

from __future__ import annotations

import bisect
import html
import logging
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from ..readers.fenced_code import FENCED_CODE
from ..readers.tag_words import bracket_escaped

log = logging.getLogger(__name__)

_MEDIA = (
    "embed|video|audio|playlist|youtube|vimeo|soundcloud|wpvideo|dailymotion|ted|spotify|googlemaps"
)
# What goes, with what it holds: forms, and widgets that show the site's, not the post's
_FORMS = (
    "contact-form|contact-form-7|contact-field|jetpack_subscription_form|subscribe|"
    "mc4wp_form|gravityform|wpforms|ninja_form|formidable|give_form|charitable_donation_form|"
    "ctct|mailpoet_form|newsletter_form|yikes-mailchimp|forminator_form|fluentform|"
    "instagram-feed|custom-facebook-feed|custom-twitter-feeds|youtube-feed|ssba|"
    "simple-social-share|addtoany|social_warfare|shareaholic|toc|ez-toc|lwptoc|adrotate|"
    r"the_ad|wp_ad_camp_\d+|"
    "comment"  # a note the writer hid from readers (TC Comment Out's, a theme's)
)
# A quote, and the attributes naming its source; a fold, and the one naming its title
_QUOTES = {"pullquote": ("cite", "author", "source"), "su_quote": ("cite",)}
_FOLDS = {"spoiler": "title", "su_spoiler": "title", "expand": "title", "toggle": "title"}
# A tab or a toggle, each a fold with its title: Shortcodes Ultimate's, a theme's `[tab]`,
# WPBakery's, Divi's and Avada's (their tabs' and accordions' wrappers are layout tags)
_FOLDS |= dict.fromkeys(("su_tab", "tab", "vc_tta_section", "vc_toggle"), "title")
_FOLDS |= dict.fromkeys(("et_pb_tab", "et_pb_toggle", "et_pb_accordion_item"), "title")
_FOLDS |= dict.fromkeys(("fusion_tab", "fusion_toggle"), "title")
_FOLDED = "|".join((*_QUOTES, *_FOLDS))
_BUILDERS = r"(?:vc|et_pb|fusion|av|cs|tatsu|mk|kc|ux|themify|su)_[a-z0-9_]+"
# What a membership plugin shows signed-in members only (or, turned round, visitors only):
# Restrict Content Pro's [restrict], Paid Memberships Pro's [membership] and [haspaid],
# MemberPress's [mepr-active]/[mepr-show], Ultimate Member's [um_loggedin], Members'
# [members_access], WooCommerce Memberships' [wcm_restrict], Simple Membership's
# [swpm_protected], Paid Member Subscriptions' [pms-restrict], s2Member's [s2If], and the
# [member] or [restricted] a theme defines
_MEMBERS_ONLY = (
    r"members?|members_only|members-only|members_access|members_logged_in|membership|haspaid|"
    r"mepr-[a-z-]+|s2if|(?![\w-]*team)[\w-]*(?:restrict|protect|logged_?in|loggedout)[\w-]*"
)
# A tag's attributes hold no bracket (WordPress refuses them there): a `[` ends the search,
# so thousands of tags never closed are read in time linear in the text
_ATTRIBUTES = r"(?:\s[^\[\]]*)?"
# Attributes as a form's or a widget's are given: by name (`id="3"`, `form=1`), or a number
# or a quoted value alone (Contact Form 7's first `[contact-form 1 "Contact form 1"]`): "[toc
# of the list]" and "[subscribe to our list]" are the writer's words
_NAMED_ATTRIBUTES = (
    r"""(?:\s+(?:[\w-]+\s*=\s*(?:"[^"\[\]]*"|'[^'\[\]]*'|[^\s"'\[\]]+)"""
    r"""|"[^"\[\]]*"|'[^'\[\]]*'|\d+))*\s*/?"""
)

# A button's or an embedded document's shortcode: the attribute holding its address, and the
# one holding its words (None: the words are what it wraps)
_LINKS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "et_pb_button": (("button_url",), "button_text"),
    "vc_btn": (("link",), "title"),
    "fusion_button": (("link",), None),
    "su_button": (("url", "link"), None),
    "button": (("link", "url", "href"), None),
    "pdf-embedder": (("url",), None),
    "pdfjs-viewer": (("url",), None),
    "embeddoc": (("url",), None),
    "gview": (("file",), None),
}
_PICTURE_CODES = "et_pb_image"
_INLINE = ("su_button", "button")  # may stand in a sentence; the others are blocks of a page
_LINKED = "|".join(map(re.escape, (*_LINKS, _PICTURE_CODES)))
_LINKED_TAG = re.compile(rf"\[({_LINKED})(?![\w-])({_ATTRIBUTES})\]", re.I)
_LINKED_CLOSING = re.compile(rf"\[/({_LINKED})\]", re.I)
_NAMED = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")

_FOLDED_TAG = re.compile(rf"\[({_FOLDED})\b({_ATTRIBUTES})\]", re.I)
_FOLDED_CLOSING = re.compile(rf"\[/({_FOLDED})\]", re.I)
_MEMBERS_TAG = re.compile(rf"\[({_MEMBERS_ONLY})(?![\w-])({_ATTRIBUTES})\]", re.I)
_MEMBERS_CLOSING = re.compile(rf"\[/({_MEMBERS_ONLY})\]", re.I)
_MEDIA_TAG = re.compile(rf"\[({_MEDIA})\b({_ATTRIBUTES})\]", re.I)
_FORM_TAG = re.compile(rf"\[({_FORMS})\b({_NAMED_ATTRIBUTES})\]", re.I)
_CLOSING = re.compile(rf"\[/({_MEDIA}|{_FORMS})\]", re.I)
_BUILDER_TAG = re.compile(rf"\[/?{_BUILDERS}\b{_ATTRIBUTES}/?\]", re.I)
_CAPTION_OR_GALLERY = re.compile(rf"\[/?(?:caption|gallery)\b{_ATTRIBUTES}\]", re.I)
_FENCED = re.compile(FENCED_CODE, re.MULTILINE | re.DOTALL)
# A shortcode's tag: its values quoted on one line, or a link's words (`[a = b](…)`) are none
_LEFT = re.compile(
    r"""(?<!\\)\[(?P<name>[a-z][\w-]*)(?P<attributes>(?:\s+[\w-]+\s*=\s*"""
    r"""(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'|[^\s"'\]/]+))*)\s*(?P<self>/)?\](?![(\[])""",
    re.I,
)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_CLOSING_NAME = re.compile(r"\[/([a-z][\w-]*)\]", re.I)
_URL = re.compile(r"""https?://[^\s"'\]<>]+""")

# a tag's name, its attributes and what it wraps → shown
Shown = Callable[[str, str, str | None], str]


def shortcodes_shown(text: str) -> str:
    """`text` with its known shortcodes as the site showed them (see the module's docstring)."""
    text = _paired(_LINKED_TAG, _html_link, text, _LINKED_CLOSING)  # before builders' go
    text = _paired(_FOLDED_TAG, _html_folded, text, _FOLDED_CLOSING)  # su_quote is a builder's
    text = _paired(_FORM_TAG, _gone, _BUILDER_TAG.sub("", text))
    return _paired(_MEDIA_TAG, _media_link, text)


def members_parts_left_out(text: str) -> tuple[str, bool]:
    """`text` without what a membership plugin's shortcode shows signed-in members only (or
    visitors only), and whether it held any: the web archive is open to all. A tag never
    closed wraps nothing, and stays as typed."""
    if "[" not in text:
        return text, False
    left_out = False

    def members_only(name: str, attributes: str, inner: str | None) -> str:
        nonlocal left_out
        if inner is None:
            return f"[{name}{attributes}]"
        left_out = True
        return ""

    return _paired(_MEMBERS_TAG, members_only, text, _MEMBERS_CLOSING), left_out


def shortcodes_as_text(text: str, path: Path | None = None, first_line: int = 1) -> str:
    """`text` (Markdown or plain text, as copied out of WordPress's code editor) with its
    known shortcodes as the site showed them: a video's or embed's address alone (which
    the reader links), a form gone, a builder's and a caption's tags gone and what they
    hold kept, a gallery (its uploads are not at hand) gone. Fenced code shows what it
    holds, as written. Any other shortcode stays as typed, and is said at its line of
    `path` (whose text begins at `first_line`)."""
    if "[" not in text:
        return text
    parts = _FENCED.split(text)  # the code blocks at odd places
    gated = False
    for n in range(0, len(parts), 2):
        parts[n], left_out = members_parts_left_out(parts[n])
        gated = gated or left_out
    shown = "".join(part if n % 2 else _text_shown(part) for n, part in enumerate(parts))
    if path is not None:
        if gated:
            _say_members_only(text, path, first_line)
        _say_left(text, shown, path, first_line)
    return shown


def _say_members_only(text: str, path: Path, first_line: int) -> None:
    """Warn, at its first line, that what a membership plugin showed members only went."""
    found = _MEMBERS_TAG.search(_FENCED.sub(_blank, text))
    line = first_line + (text.count("\n", 0, found.start()) if found else 0)
    log.warning(
        "%s:%d: what a membership plugin showed the site's members only ([%s]…) left out: the"
        " issue is published to all; copy the words out of the shortcode to publish them",
        *(path, line, found[1] if found else "restrict"),
    )


def shortcodes_left(body: str) -> list[str]:
    """The shortcodes in `body` (HTML, its known ones shown) that a plugin publisher does not
    know would have drawn (TablePress's `[table id=1 /]`, a theme's `[team]…[/team]`), as
    typed, each once: printed as typed, they must be said. Code shows them as written."""
    if "[" not in body:
        return []
    from ..tree_edits import body_tree

    words = body_tree(body).xpath("//text()[not(ancestor::code or ancestor::pre)]")
    return list(dict.fromkeys(typed for _, typed in _left("\n".join(words))))


def _say_left(typed: str, shown: str, path: Path, first_line: int) -> None:
    """Warn of the shortcodes of `typed` that `shown` (what was made of it) still holds:
    the first few, each with its first few lines (thousands are said in a line or two)."""
    from ..textfiles import line_at

    text = _INLINE_CODE.sub(_blank, _FENCED.sub(_blank, typed))  # code shows them as written
    kept = {left for _, left in _left(shown)}
    lines: dict[str, list[int]] = {}
    for at, left in _left(text):
        if left in kept:
            lines.setdefault(left, []).append(first_line + line_at(text, at) - 1)
    if lines:
        named = "; ".join(f"{left} ({_lines(at)})" for left, at in list(lines.items())[:5])
        if len(lines) > 5:
            named += f"; and {len(lines) - 5} more"
        log.warning(
            "%s: shortcodes publisher cannot draw (a WordPress plugin drew them on the site),"
            " printed as typed: %s; write in what they showed, or take them out",
            *(path, named),
        )


def _lines(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:10]))
    return f"line {shown}" + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")


def _left(text: str) -> list[tuple[int, str]]:
    """Where each shortcode of `text` is, as typed. Only a tag with attributes, one closed
    by `/]` or one with its closing tag counts: "[sic]" and "[laughter]" are words."""
    closed = {name.lower() for name in _CLOSING_NAME.findall(text)}
    return [
        (found.start(), found.group(0))
        for found in _LEFT.finditer(text)
        if found.group("attributes") or found.group("self") or found.group("name").lower() in closed
    ]


def _blank(code: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", code.group(0))  # its lines kept, for the lines after it


def _text_shown(text: str) -> str:
    if "[" not in text:
        return text
    text = _paired(_LINKED_TAG, _markdown_link, text, _LINKED_CLOSING)  # before builders' go
    text = _paired(_FOLDED_TAG, _markdown_folded, text, _FOLDED_CLOSING)
    text = _paired(_FORM_TAG, _gone, _BUILDER_TAG.sub("", text))
    return _paired(_MEDIA_TAG, _media_address, _CAPTION_OR_GALLERY.sub("", text))


def _paired(
    opening: re.Pattern[str], shown: Shown, text: str, closing: re.Pattern[str] = _CLOSING
) -> str:
    """`text` with each tag `opening` finds, and what it wraps up to the first `closing`
    tag of its name after it (when there is one), replaced by what `shown` makes of them;
    the closings are listed once and each found by bisection."""
    closings: dict[str, list[tuple[int, int]]] = {}
    for found in closing.finditer(text):
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
        out.append(text[done : found.start()] + shown(found.group(1), found.group(2), inner))
        done = end
    out.append(text[done:])
    return "".join(out)


def _gone(name: str, attributes: str, inner: str | None) -> str:
    return ""  # a form, with what it holds: nothing to submit it to


def _media_address(name: str, attributes: str, inner: str | None) -> str:
    url = _URL.search(f"{attributes} {inner or ''}")
    return url.group(0) if url else ""


def _given(attributes: str) -> dict[str, str]:
    """A tag's attributes by name (in lower case), their values' references read."""
    return {key.lower(): a or b or c for key, a, b, c in _NAMED.findall(html.unescape(attributes))}


def _folded(attributes: str, name: str) -> tuple[bool, str]:
    """Whether the tag `name` is a quote, and its source's or its fold's title."""
    given, name = _given(attributes), name.lower()
    if name in _QUOTES:
        return True, next((given[key] for key in _QUOTES[name] if given.get(key)), "").strip()
    return False, given.get(_FOLDS[name], "").strip()


def _html_folded(name: str, attributes: str, inner: str | None) -> str:
    """A quote or a fold as the HTML a browser draws it from (`<cite>`, `<details>`), which
    the cleaning writes out as print and mail show it (`readers.drawn_blocks`)."""
    if inner is None:
        return _as_typed(name, attributes, inner)
    quote, said = _folded(attributes, name)
    said = html.escape(said, quote=False)
    if quote:
        source = f"<cite>{said}</cite>" if said else ""
        return f"<blockquote><p>{inner.strip()}</p>{source}</blockquote>"
    title = f"<summary>{said}</summary>" if said else ""
    return f"<details>{title}<p>{inner.strip()}</p></details>"


def _markdown_folded(name: str, attributes: str, inner: str | None) -> str:
    if inner is None:
        return _as_typed(name, attributes, inner)
    quote, said = _folded(attributes, name)
    if quote:
        lines = [*inner.strip().splitlines(), *(["", f"— {said}"] if said else [])]
        return "\n\n" + "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"
    title = f"**{said}**\n\n" if said else ""
    return f"\n\n{title}{inner.strip()}\n\n"


def _linked(name: str, attributes: str, inner: str | None) -> tuple[str, str, bool] | None:
    """A button's or a document's address and words, or a picture's and its description
    (True); None when the tag gives no address (a theme's `[button]` in the writer's words)."""
    given = _given(attributes)
    name = name.lower()
    if name == _PICTURE_CODES:
        source = given.get("src", "")
        return (source, given.get("alt", ""), True) if _URL.fullmatch(source) else None
    keys, words_key = _LINKS[name]
    address = next((given[key] for key in keys if given.get(key)), "")
    if name == "vc_btn" and "url:" in address:  # "url:https%3A%2F%2F…|title:…|target:…"
        address = unquote(next(p for p in address.split("|") if "url:" in p).partition("url:")[2])
    if not _URL.fullmatch(address):
        return None
    words = given.get(words_key, "") if words_key else _html_words(inner or "")
    words = " ".join(words.split()) or unquote(address.rstrip("/").rpartition("/")[2]) or address
    return address, words, False


def _html_words(markup: str) -> str:
    from .platform_html import html_words  # lxml's, only when a button wraps its words

    return html_words(markup)


def _as_typed(name: str, attributes: str, inner: str | None) -> str:
    return f"[{name}{attributes}]" + ("" if inner is None else f"{inner}[/{name}]")


def _markdown_link(name: str, attributes: str, inner: str | None) -> str:
    if (found := _linked(name, attributes, inner)) is None:
        return _as_typed(name, attributes, inner)
    address, words, picture = found
    words = bracket_escaped(words)
    address = address.replace("(", "%28").replace(")", "%29")  # a .txt reads no <address>
    shown = f"{'!' if picture else ''}[{words}]({address})"
    return shown if name.lower() in _INLINE else f"\n\n{shown}\n\n"


def _html_link(name: str, attributes: str, inner: str | None) -> str:
    if (found := _linked(name, attributes, inner)) is None:
        return _as_typed(name, attributes, inner)
    address, words, picture = found
    address, words = html.escape(address, quote=True), html.escape(words, quote=True)
    shown = (
        f'<img src="{address}" alt="{words}">' if picture else f'<a href="{address}">{words}</a>'
    )
    return shown if name.lower() in _INLINE else f"<p>{shown}</p>"


def _media_link(name: str, attributes: str, inner: str | None) -> str:
    url = _URL.search(html.unescape(f"{attributes} {inner or ''}"))  # HTML: `&amp;` is `&`
    if url is None:
        return ""  # an id only (Jetpack's [wpvideo abc]): nothing to link to
    address = html.escape(url.group(0), quote=True)
    return f'<a href="{address}">{address}</a>'
