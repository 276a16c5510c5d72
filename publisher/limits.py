"""How big an input may be before publisher refuses it with a clear error.

A small hostile or broken file (an alias bomb, a zip bomb, 10,000 nested <div>s) can cost
minutes and gigabytes, or crash a renderer. Each limit has a default generous enough for any
real newsletter; publisher.toml's [limits] table can raise or lower the document limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .settings_schema import Setting, Table, number, whole_number

# YAML (manifests, front matter): far above anything written by hand, far below a bomb.
YAML_MAX_ALIASES = 100  # uses of an &anchor through *alias
YAML_MAX_NODES = 10_000  # values, counting every alias expansion
YAML_MAX_DEPTH = 50  # mappings and lists inside each other

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The limits a document is read under (publisher.toml's [limits] table)."""

    document_size: int = 2 * MB  # bytes of the file itself, checked before reading it
    office_inflated_size: int = 50 * MB  # DOCX/ODT: all zip members, uncompressed
    office_compression_ratio: float = 100.0  # DOCX/ODT: uncompressed per compressed byte
    html_depth: int = 64  # elements inside each other in a body; deeper ones are unwrapped
    # characters of a title or subtitle: one of 30,000 took WeasyPrint 100 s (it is set in
    # the heading, the contents and every page's running header)
    title_length: int = 300
    # pixels of an image in a document or the editorial: a scanned poster of 225 million
    # was dropped from the PDF and EPUB without a word, one of 100 million took 10 s and
    # 0.9 GB to lay out. Below Pillow's own limit, which it warns about (and fails at twice).
    image_pixels: int = 89_000_000
    # seconds one issue's EPUB, PDF or leaflet may take to make: far above any real
    # issue's (one with a document of 20,000 footnotes takes pandoc under a minute on a
    # busy machine), apart from the 30 s each document gets, which the whole book ran
    # over; WeasyPrint laid out a PDF of 10,000 footnotes for over 5 minutes
    render_seconds: float = 600.0


DEFAULT_LIMITS = Limits()
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 1024, "mb": MB, "gb": 1024 * MB}


def parse_size(value: Any) -> int:
    """Bytes from 2097152, "2MB", "500 KB" (1 KB = 1024 bytes)."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.match(value) if isinstance(value, str) else None
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f'{value!r} is not a size\nwrite it like "2MB" or "500KB"')
    return int(float(match.group(1)) * _UNITS[(match.group(2) or "b").lower()])


LIMITS_TABLE = Table(
    {
        "document_size": Setting(parse_size),
        "office_inflated_size": Setting(parse_size),
        "office_compression_ratio": Setting(number(1)),
        "html_depth": Setting(whole_number(8)),
        "title_length": Setting(whole_number(20)),
        "image_pixels": Setting(lambda value: _pixels(whole_number(1_000_000)(value))),
        "render_seconds": Setting(number(0.001)),
    },
    make=lambda values, report: Limits(**values),
)


PILLOW_MAX_PIXELS = 2 * 89_478_485  # Pillow, which reads the images, refuses larger ones


def _pixels(value: int) -> int:
    if value > PILLOW_MAX_PIXELS:
        raise ValueError(
            f"{value:,} is more than the {PILLOW_MAX_PIXELS:,} pixels Pillow (which reads"
            " the images) allows"
        )
    return value


def describe_size(size: float) -> str:
    """3.1 MB, 512 KB: sizes as people read them in messages."""
    if size >= MB:
        return f"{size / MB:.1f}".removesuffix(".0") + " MB"
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size:.0f} bytes"
