"""The one HTML policy every document body passes through before any renderer sees it.

Built on nh3 (Ammonia): an allowlist of tags and attributes, http(s)/mailto links only,
so scripts, event handlers, iframes, SVG, javascript: and data: URLs never survive.
"""

from __future__ import annotations

import html

import nh3

from .controls import strip_controls

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
    "bdi",
    "bdo",
    "aside",
}
_GLOBAL_ATTRIBUTES = {"lang", "dir", "id", "title", "class"}
_ATTRIBUTES = {
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type", "reversed"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
_URL_SCHEMES = {"http", "https", "mailto"}
_DROP_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "template",
    "noscript",
    "frame",
    "frameset",
    "applet",
    "form",
    "textarea",
    "select",
}


def clean_html(fragment: str) -> str:
    """Return `fragment` with everything outside the allowlist removed (and control
    characters, which no XML output can hold, even when an entity spelled them)."""
    cleaned = nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        clean_content_tags=_DROP_WITH_CONTENT,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return strip_controls(cleaned)[0]


def plain_text(value: str) -> str:
    """Metadata (titles, names) is plain text: drop any markup, decode entities, fold spaces.

    Repeated until stable so that entity-encoded tags ("&lt;script&gt;") cannot come back.
    """
    text = value
    for _ in range(5):
        cleaned = html.unescape(nh3.clean(text, tags=set(), clean_content_tags=_DROP_WITH_CONTENT))
        if cleaned == text:
            break
        text = cleaned
    else:  # absurdly deep entity nesting: give up on angle brackets altogether
        text = text.replace("<", "").replace(">", "")
    return " ".join(strip_controls(text)[0].split())
