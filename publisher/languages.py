"""Language tags: every language given anywhere (front matter, file name, manifest, config)
is checked as a BCP 47 tag against the IANA registry (langcodes) and written in its
canonical form, because it lands in HTML `lang`, XML `xml:lang`, EPUB metadata and paths.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# A translation's file name: "article.es.md", "index.pt-br.md" (Hugo's convention).
# Two-letter languages only: "minutes.new.md" must not become Newari.
_FILE_NAME_LANGUAGE = re.compile(r"^[A-Za-z]{2}(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|\d{3}))?$")
HINT = "use a BCP 47 code such as en, es, fr, ar or pt-BR"


class NotALanguage(ValueError):
    """`value` is not a language tag; `hint` says what to write instead."""

    def __init__(self, value: object, hint: str) -> None:
        super().__init__(f"{value!r} is not a language code")
        self.hint = hint


@lru_cache(maxsize=512)
def language_tag(value: str) -> str:
    """The canonical BCP 47 form of `value` ("EN_gb" → "en-GB"), or NotALanguage."""
    import langcodes

    text = value.strip()
    if text and langcodes.tag_is_valid(text.replace("_", "-")):
        return langcodes.standardize_tag(text.replace("_", "-"))
    raise NotALanguage(value, _suggestion(text))


def checked_language(value: object) -> str:
    """`language_tag` for a value read from a file, which may not even be text."""
    if not isinstance(value, str):
        raise NotALanguage(value, HINT)
    return language_tag(value)


def file_name_language(path: Path) -> str | None:
    """The language a file name carries before its extension ("article.es.md" → "es")."""
    stem_suffix = Path(path.stem).suffix.lstrip(".")
    if not _FILE_NAME_LANGUAGE.match(stem_suffix):
        return None
    try:
        return language_tag(stem_suffix)
    except NotALanguage:
        return None


def _suggestion(text: str) -> str:
    """'did you mean …?' when `text` is a language's name ("Spanish", "español")."""
    from babel import Locale

    wanted = text.casefold()
    for code in ("en", "es", "fr", "de", "pt", "it", "ar"):
        for tag, name in Locale(code).languages.items():
            if name.casefold() == wanted and "_" not in tag:
                return f"did you mean {tag!r}? {HINT}"
    return HINT
