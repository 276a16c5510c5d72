"""The colour of the band around the email's cards (the page, the "View in browser" line,
the footer): set once, in the theme's email/colours.j2, the file a workspace overrides to
change it, and checked here, since email.css picks the footer links' ink to read on it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import PublisherError

if TYPE_CHECKING:
    import jinja2

COLOURS_TEMPLATE = "email/colours.j2"
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def band_colour(templates: jinja2.Environment) -> str:
    """email/colours.j2's `band`, #rrggbb; a missing or other value is the editor's
    mistake, named at its line: a colour name or rgb() leaves no ink to choose."""
    import jinja2

    template = templates.get_template(COLOURS_TEMPLATE)
    try:
        band = getattr(template.module, "band", None)
    except Exception:  # as Template.render does: the error at the template's own line
        templates.handle_exception()
    if isinstance(band, str) and _HEX.fullmatch(band.strip()):
        return band.strip().lower()
    path = Path(template.filename or COLOURS_TEMPLATE)
    lines = path.read_text("utf-8").splitlines() if path.is_file() else []
    line = next((n for n, text in enumerate(lines, 1) if re.search(r"set\s+band\b", text)), None)
    if band is None:
        said = "sets no band colour"
    elif isinstance(band, jinja2.Undefined):
        said = "sets the band to a name that is not defined"
    else:
        said = f"sets the band to {band!r}, not a colour written #rrggbb"
    raise PublisherError.at(
        f"template error: {COLOURS_TEMPLATE} {said}",
        path,
        line,
        hint='write it as six hexadecimal digits, as the theme does: {% set band = "#f1efe9" %}',
    )
