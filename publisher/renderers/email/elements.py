"""MJML's elements, against which an email template override is checked: MRML (the MJML
engine) passes an element it does not know into the email as it is, where mail programs
show nothing of it, so <mj-txt> for <mj-text> lost its text without a word."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import jinja2

# MJML 4's elements (https://documentation.mjml.io); MRML refuses those in UNSUPPORTED
MJML_ELEMENTS = frozenset(
    [
        "mj-accordion",
        "mj-accordion-element",
        "mj-accordion-text",
        "mj-accordion-title",
        "mj-all",
        "mj-attributes",
        "mj-body",
        "mj-breakpoint",
        "mj-button",
        "mj-carousel",
        "mj-carousel-image",
        "mj-class",
        "mj-column",
        "mj-divider",
        "mj-font",
        "mj-group",
        "mj-head",
        "mj-hero",
        "mj-html-attribute",
        "mj-html-attributes",
        "mj-image",
        "mj-include",
        "mj-navbar",
        "mj-navbar-link",
        "mj-preview",
        "mj-raw",
        "mj-section",
        "mj-selector",
        "mj-social",
        "mj-social-element",
        "mj-spacer",
        "mj-style",
        "mj-table",
        "mj-text",
        "mj-title",
        "mj-wrapper",
    ]
)

_ELEMENT = re.compile(r"</?(mj-[\w-]+)")

# MJML's elements that MRML, the engine publisher renders MJML with (mjml-python), does not
# take: it refuses the whole email, saying "unexpected element in root template at position
# 16:34", or for <mj-include> "unable to load included template" (none is loaded). Why
# each is not needed, and what to write instead.
_HTML_ATTRIBUTES = (
    'give an element a class with css-class="…" (the email\'s CSS styles it), or write the'
    " HTML you need, attributes and all, in an <mj-raw>"
)
UNSUPPORTED = {
    "mj-html-attributes": _HTML_ATTRIBUTES,
    "mj-html-attribute": _HTML_ATTRIBUTES,
    "mj-selector": _HTML_ATTRIBUTES,
    "mj-include": 'include another template with Jinja\'s {% include "email/….mjml" %}',
}


def unsupported_elements(source: str) -> Iterator[tuple[str, int]]:
    """Each element of `source` (MJML, or a template of it) that MRML does not take, with
    its line."""
    for element in _ELEMENT.finditer(source):
        if element.group(1) in UNSUPPORTED:
            yield element.group(1), source.count("\n", 0, element.start()) + 1


def unknown_elements(environment: jinja2.Environment, source: str) -> Iterator[tuple[str, int]]:
    """Each element of an MJML template's text (its Jinja left aside: Jinja's own lexer
    finds the text between tags and comments) that MJML has not, with its line."""
    for line, kind, text in environment.lex(source):
        if kind != "data":
            continue
        for element in _ELEMENT.finditer(text):
            if element.group(1) not in MJML_ELEMENTS:
                yield element.group(1), line + text.count("\n", 0, element.start())


_TAG = re.compile(r"<(/?)(mj-[\w-]+)\b[^<>]*?(/?)>")


@dataclass(frozen=True)
class LeftOpen:
    """An MJML element not closed: its name and line, and the closing tag of another
    element met where it should have been closed, with its line (None: at the end)."""

    element: str
    line: int
    before: tuple[str, int] | None


def left_open(mjml: str) -> LeftOpen | None:
    """The first MJML element of `mjml` closed out of turn or not at all: MRML then gives
    up on the whole email, saying "unexpected end of stream", neither where nor which."""
    opened: list[tuple[str, int]] = []
    for tag in _TAG.finditer(mjml):
        closing, element, empty = tag.groups()
        line = mjml.count("\n", 0, tag.start()) + 1
        if empty:
            continue  # <mj-image … />
        if not closing:
            opened.append((element, line))
        elif opened and opened[-1][0] == element:
            opened.pop()
        else:
            return LeftOpen(*opened[-1], (element, line)) if opened else None
    return LeftOpen(*opened[-1], None) if opened else None


def without_jinja(environment: jinja2.Environment, source: str) -> str:
    """An MJML template's text with its Jinja (tags, expressions, comments) blanked out, on
    the same lines: what it holds of MJML, an expression in an attribute left as a space."""
    return "".join(
        text if kind == "data" else " " + "\n" * text.count("\n")
        for _, kind, text in environment.lex(source)
    )
