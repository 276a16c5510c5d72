"""Reader metadata → validated Document fields (plain text, parsed dates, lists)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..errors import PublisherError, near_misses
from ..sanitize import plain_text
from ..sourcefile import SourceData

FRONT_MATTER_KEYS = {
    "title",
    "subtitle",
    "author",
    "authors",
    "date",
    "lang",
    "language",
    "tags",
    "summary",
    "imported",  # written by `publisher import`: where the document came from; not rendered
}
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def document_fields(
    meta: dict[str, Any], path: Path, source: SourceData | None, default_language: str
) -> dict[str, Any]:
    """Validate metadata; errors point at the front-matter line when there is one."""

    def fail(message: str, key: str, hint: str | None = None) -> PublisherError:
        if source is not None:
            return source.error(message, key, hint=hint)
        return PublisherError.at(message, path, hint=hint)

    if source is not None:
        for key in meta:
            if key not in FRONT_MATTER_KEYS:
                raise fail(
                    f"unknown front matter key {key!r}",
                    key,
                    near_misses(str(key), FRONT_MATTER_KEYS)
                    or f"known keys: {', '.join(sorted(FRONT_MATTER_KEYS))}",
                )

    def text(key: str) -> str:
        value = meta.get(key, "")
        if isinstance(value, list | dict):
            raise fail(f"{key!r} must be text, not a list", key)
        return plain_text(str(value)) if value is not None else ""

    def text_list(*keys: str) -> tuple[str, ...]:
        for key in keys:
            value = meta.get(key)
            if value is None:
                continue
            items = value if isinstance(value, list) else [value]
            return tuple(t for item in items if (t := plain_text(str(item))))
        return ()

    language = text("lang") or text("language") or default_language
    if not _LANGUAGE.match(language):
        raise fail(
            f"{language!r} is not a language code",
            "lang" if "lang" in meta else "language",
            "use a BCP 47 code such as en, es, fr, ar or pt-BR",
        )
    return {
        "title": text("title"),
        "subtitle": text("subtitle"),
        "authors": text_list("authors", "author"),
        "date": _date(meta.get("date"), fail, strict=source is not None),
        "language": language,
        "tags": text_list("tags"),
        "summary": text("summary"),
    }


def _date(value: Any, fail: Any, strict: bool) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        if strict:
            raise fail(
                f"date {value!r} is not a date",
                "date",
                "write dates as YYYY-MM-DD, e.g. 2026-02-22",
            ) from None
        return None  # office files carry all sorts of date strings; a missing date is fine
