"""One Jinja environment: the workspace's templates/ first, the theme second, autoescape on."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from .resources import prefix_images

_HEADING = re.compile(r"<(/?)h([1-6])\b")


def default_theme_dir() -> Path:
    """The bundled theme: inside the installed package, or templates/default in a checkout."""
    packaged = Path(__file__).with_name("theme")
    return packaged if packaged.is_dir() else Path(__file__).parents[1] / "templates" / "default"


def make_environment(workspace_templates: Path) -> jinja2.Environment:
    from .renderers import base as urls

    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(workspace_templates),
                jinja2.FileSystemLoader(default_theme_dir()),
            ]
        ),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "xml", "mjml"), default_for_string=True, default=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["nest_headings"] = nest_headings
    env.filters["long_date"] = long_date
    env.filters["images_at"] = images_at
    env.filters["language_name"] = language_name
    env.filters["tag_path"] = urls.tag_path
    return env


def nest_headings(html: str, top: int) -> Markup:
    """Shift a body's headings so its highest one becomes <h{top}> (never deeper than h6).

    Bodies are sanitised HTML, so tags are well-formed and a regex over them is safe.
    """
    levels = [int(m.group(2)) for m in _HEADING.finditer(html)]
    if not levels:
        return Markup(html)
    shift = top - min(levels)
    return Markup(_HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", html))


def images_at(html: str, prefix: str) -> Markup:
    """Point a body's images (paths inside documents/) at where this output publishes them."""
    return Markup(prefix_images(html, prefix)) if prefix else Markup(html)


def language_name(code: str) -> str:
    """'es' → 'Español (Spanish)': a language's own name, with the English one when it differs."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    own, english = locale.get_display_name(locale), locale.get_display_name("en")
    own = own[:1].upper() + own[1:] if own else english
    return own if own == english else f"{own} ({english})"


def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"
