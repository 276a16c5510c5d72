"""One page of the subscription endpoint, in the visitor's language.

The language is, in order: the subscriber's own (a confirm or unsubscribe link), the one
the archive page's form was in, the browser's Accept-Language among the languages with a
catalogue, and the newsletter's. Messages are written in English, marked with `N_` where
they are defined, and translated here, once the language is known.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .. import i18n
from ..config import Config
from ..extras import needs
from ..languages import NotALanguage, language_tag
from ..model import text_direction

with needs("serve"):
    from flask import Flask, Response, render_template, request
    from werkzeug.datastructures import LanguageAccept

Form = Literal["", "button", "subscribe"]
HONEYPOT = "homepage"  # a field people never see or fill in; bots that fill every field do


def N_(message: str) -> str:
    """Marks a message for translation (pybabel extracts it) without translating it yet."""
    return message


# The subscribe form's words, translated with the page (the template has none of its own).
FORM_WORDS = {
    "email_label": N_("Email address"),
    "subscribe_button": N_("Subscribe"),
    "honeypot_label": N_("Leave this field empty"),
}


def install_translations(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True
    )


def checked_language(value: str) -> str:
    """A language tag from a form or a link, or '' when it is not one."""
    try:
        return language_tag(value[:35]) if value else ""
    except NotALanguage:
        return ""


def _named(accepted: LanguageAccept) -> LanguageAccept:
    """The languages a browser names, without its `*`: that means "any other will do", and
    best_match took it for the first catalogue's (Arabic, right to left, for a German)."""
    return LanguageAccept([(value, quality) for value, quality in accepted if value != "*"])


@dataclass(frozen=True)
class Pages:
    config: Config

    def language(self, *preferred: str) -> str:
        """The first of `preferred` with a catalogue, else the browser's choice, else the list's."""
        available = i18n.available_languages()
        for value in preferred:
            code = checked_language(value)
            if code and i18n.base_language(code) in available:
                return code
        return _named(request.accept_languages).best_match(available) or self.config.language

    def __call__(
        self,
        status: int,
        heading: str,
        text: str,
        *,
        language: str | None = None,
        values: Mapping[str, object] | None = None,
        form: Form = "",
        button: str = "",
        field: tuple[str, str] = ("", ""),
        refused: str | None = None,
    ) -> Response:
        """`heading`, `text` and `button` are English messages, filled in with `values`.
        `refused`: what was typed in the subscribe form's field and not taken, given back in
        it, marked invalid and described by `text`, so a screen reader says why."""
        language = language or self.language()
        values = {"title": self.config.title, **(values or {})}
        with i18n.interface_language(language):
            html = render_template(
                "page.html",
                language=language,
                direction=text_direction(language),
                newsletter=self.config.title,
                contact=self.config.contact,
                heading=i18n.gettext(heading) % values,
                text=i18n.gettext(text) % values,
                form=form or ("button" if button else ""),
                button=i18n.gettext(button) if button else "",
                field_name=field[0],
                field_value=field[1],
                refused=refused,
                honeypot=HONEYPOT,
                **{key: i18n.gettext(words) for key, words in FORM_WORDS.items()},
            )
        return Response(html, status, content_type="text/html; charset=utf-8")
