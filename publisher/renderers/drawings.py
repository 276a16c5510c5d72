"""SVG drawings where a raster is wanted (the email's logo, an SVG in an email or on the
EPUB's cover): their size as a browser shows them, and a PNG drawn by librsvg.

librsvg (`rsvg-convert`) is GNOME's SVG renderer: it lays out a drawing's text with Pango
and fontconfig, as WeasyPrint does the PDF's, so a logo's lettering looks the same in print
and in the email. It takes 10 ms where MuPDF's Python binding took 150 ms to import, in
every build that draws a logo. The bytes given here are sanitised SVG (resources.py):
nothing in them can make it read a file or the network.
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from ..resources import svg_parser

DEFAULT_SIZE = (300, 150)  # CSS's default size of an image that states none
MAX_PIXELS = 1200 * 12_000  # a drawing taller than ten times its width is not drawn
TIME_LIMIT = 30  # seconds

# CSS pixels per unit (CSS Values 4); em and ex as a browser's 16 px default font has them
_PX_PER_UNIT = {
    "": 1.0,
    "px": 1.0,
    "in": 96.0,
    "cm": 96 / 2.54,
    "mm": 96 / 25.4,
    "q": 96 / 101.6,
    "pt": 96 / 72,
    "pc": 16.0,
    "em": 16.0,
    "ex": 8.0,
}
_LENGTH = re.compile(r"\s*([+]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-zA-Z]*)\s*$")


def svg_size(svg: bytes) -> tuple[int, int]:
    """The drawing's size in CSS pixels, as a browser sizes it in an <img>: its width and
    height, one that is missing (or a percentage) taken from the viewBox's proportions,
    both missing the viewBox's own; CSS's 300 × 150 when it says nothing. ValueError
    when it is not well-formed XML."""
    from lxml import etree  # not on every command's import path: only a drawing needs it

    try:
        root = etree.fromstring(svg, svg_parser())
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"an SVG that cannot be read ({exc})") from None
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = _view_box(root.get("viewBox"))
    if width and height:
        size = (width, height)
    elif box and width:
        size = (width, width * box[1] / box[0])
    elif box and height:
        size = (height * box[0] / box[1], height)
    elif box:
        size = box
    else:
        size = (width or DEFAULT_SIZE[0], height or DEFAULT_SIZE[1])
    return max(1, round(size[0])), max(1, round(size[1]))


def svg_to_png(svg: bytes, width: int, fonts: Sequence[Path] = ()) -> tuple[bytes, int, int]:
    """The drawing as a PNG `width` pixels wide (its proportions kept), with its width and
    height; its text may be set in the font files `fonts` (the workspace's bundled fonts)
    besides the installed ones. ValueError when it cannot be drawn, or librsvg is not
    installed."""
    natural_width, natural_height = svg_size(svg)
    height = max(1, round(width * natural_height / natural_width))
    if width * height > MAX_PIXELS:
        raise ValueError(f"a drawing too tall to draw ({natural_width} × {natural_height} px)")
    command = shutil.which("rsvg-convert")
    if command is None:
        raise ValueError(
            "drawing an SVG needs librsvg: install it with 'apt-get install librsvg2-bin'"
        )
    try:
        drawn = subprocess.run(
            [command, "--width", str(width), "--height", str(height), "--keep-aspect-ratio"],
            input=svg,
            capture_output=True,
            timeout=TIME_LIMIT,
            check=False,
            env=_with_fonts(font_versions(fonts)) if fonts else None,
        )
    except subprocess.TimeoutExpired:
        raise ValueError(f"an SVG that takes over {TIME_LIMIT} s to draw") from None
    png = drawn.stdout
    if drawn.returncode != 0 or not png.startswith(b"\x89PNG\r\n\x1a\n"):
        problem = drawn.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ValueError(f"an SVG that cannot be drawn ({problem[-1] if problem else 'no image'})")
    drawn_width, drawn_height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    return png, drawn_width, drawn_height


FontVersions = tuple[tuple[Path, int, int], ...]


def font_versions(fonts: Sequence[Path]) -> FontVersions:
    """Font files as they are now: one replaced under its name (publisher serve) is new."""
    return tuple((path, (stat := path.stat()).st_mtime_ns, stat.st_size) for path in fonts)


@functools.cache
def _with_fonts(fonts: FontVersions) -> dict[str, str]:
    """The environment in which librsvg's fontconfig knows the font files `fonts` besides
    the installed fonts: a configuration including the system's and a folder of links to
    them, made once a process. librsvg asks fontconfig for a family by name, and only
    WeasyPrint reads @font-face: the EPUB's cover fell back to Noto Sans while the PDF's
    was set in the workspace's font."""
    folder = Path(tempfile.mkdtemp(prefix="publisher-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    links = folder / "fonts"
    links.mkdir()
    for number, (path, _, _) in enumerate(fonts):
        (links / f"{number}-{path.name}").symlink_to(path.resolve())
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f'<fontconfig>\n  <include ignore_missing="yes">{escape(system)}</include>\n'
        f"  <dir>{escape(str(links))}</dir>\n"
        f"  <cachedir>{escape(str(folder / 'cache'))}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def _length(value: str | None) -> float | None:
    """A width or height in CSS pixels; None when absent, a percentage or not a length."""
    match = _LENGTH.match(value or "")
    if not match or match[2].lower() not in _PX_PER_UNIT:
        return None
    length = float(match[1]) * _PX_PER_UNIT[match[2].lower()]
    return length if 0 < length < float("inf") else None


def _view_box(value: str | None) -> tuple[float, float] | None:
    """A viewBox's width and height; None when absent or not four numbers with a positive
    width and height."""
    try:
        numbers = [float(n) for n in re.split(r"[\s,]+", (value or "").strip())]
    except ValueError:
        return None
    if len(numbers) != 4 or not all(0 < n < float("inf") for n in numbers[2:]):
        return None
    return numbers[2], numbers[3]
