"""Print options: page size, margins, bleed, marks, imposition, black-only, PDF standard,
page breaks.

The same settings can be given in publisher.toml ([pdf]), in a manifest (`pdf:` and the
`leaflet:` entry) and on the command line. Each source is parsed into a `PrintSettings`
layer whose unset fields are None; `resolve` stacks the layers (later ones win) onto a
product's defaults and returns the one typed `PrintOptions` the PDF renderers use.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import PublisherError
from .paper import IMPOSITIONS, PAGE_BREAKS, PAGE_SIZES, STANDARDS, page_size_named
from .settings_schema import Report, Setting, Table, choice, flag

MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}
# Room outside the bleed for crop and registration marks, so they never touch the bleed.
MARK_SLUG_MM = 9.0
# Larger than any real poster printer's sheet: bigger pages take minutes and gigabytes.
MAX_PAGE_SIDE_MM = 1500.0
# The least text area that holds a line of text; margins that leave less are a mistake.
MIN_TEXT_MM = 5.0

_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*$")
# A number and its unit typed apart ("2 cm", "20 mm 18 mm"), as people write lengths
_UNIT_APART = re.compile(r"(\d)\s+(mm|cm|in|pt)\b")
# A width and height as printers write them: "148 x 210 mm", "8.5×11in", "5.5 by 8.5 in"
_BY = re.compile(
    r"^(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*(?:x|×|by)\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?$"
)
SIZE_HINT = (
    f'use one of {", ".join(PAGE_SIZES)}, or width and height such as "120mm 180mm";'
    ' "A4 landscape" turns a size'
)
_ORIENTATIONS = ("landscape", "portrait")


@dataclass(frozen=True)
class PageSize:
    name: str  # "A5", or the custom size as written
    width_mm: float
    height_mm: float

    @property
    def css(self) -> str:
        return f"{_mm(self.width_mm)} {_mm(self.height_mm)}"


@dataclass(frozen=True)
class PrintSettings:
    """One layer of print settings (config, manifest, leaflet entry or command line)."""

    page_size: PageSize | None = None
    margins: tuple[float, float, float, float] | None = None  # mm: top, right, bottom, left
    bleed: float | None = None  # mm
    marks: bool | None = None
    impose: str | None = None
    creep: float | None = None  # mm per sheet, booklets only
    black_only: bool | None = None
    standard: str | None = None
    page_break: str | None = None


@dataclass(frozen=True)
class PrintOptions:
    """Everything a PDF renderer needs to know about the paper, resolved and typed."""

    page_size: PageSize
    margins: tuple[float, float, float, float]
    bleed: float = 0.0
    marks: bool = False
    impose: str = "none"
    creep: float = 0.0
    black_only: bool = False
    standard: str = "pdf/ua-1"
    page_break: str = "none"

    @property
    def css_margins(self) -> str:
        return " ".join(_mm(m) for m in self.margins)

    @property
    def css_bleed_mm(self) -> float:
        """The CSS bleed: the real bleed plus, with marks, room for them outside it."""
        return self.bleed + (MARK_SLUG_MM if self.marks else 0.0)

    @property
    def css_bleed(self) -> str:
        return _mm(self.css_bleed_mm)

    @property
    def css_marks(self) -> str:
        return "crop cross" if self.marks else "none"

    @property
    def content_height_mm(self) -> float:
        return self.page_size.height_mm - self.margins[0] - self.margins[2]


def resolve(
    defaults: PrintOptions, *layers: PrintSettings, impositions: tuple[str, ...]
) -> PrintOptions:
    """`stacked`, with margins that leave no text area on its page refused."""
    options = stacked(defaults, *layers, impositions=impositions)
    if problem := text_area_problem(options.page_size, options.margins):
        message, _, hint = problem.partition("\n")
        raise PublisherError.at(
            message, hint=f"margins and page_size under [pdf], pdf: or --margins: {hint}"
        )
    return options


def stacked(
    defaults: PrintOptions, *layers: PrintSettings, impositions: tuple[str, ...]
) -> PrintOptions:
    """Stack `layers` (later wins) onto `defaults`, unchecked: the leaflet says its own way
    that the margins leave no room on its page (renderers.leaflet).

    `impositions` are the ones this product can take: `impose = "booklet"` shapes the
    issue and is ignored by a leaflet; "2up", "3up" and "4up" the other way round.
    """
    options = defaults
    for layer in layers:
        values = {f.name: getattr(layer, f.name) for f in fields(layer)}
        if values["impose"] not in (*impositions, "none"):
            values["impose"] = None
        options = replace(options, **{k: v for k, v in values.items() if v is not None})
    return options


def _layer(values: dict[str, Any], report: Report) -> PrintSettings:
    """The checked values as a layer; margins that leave no text area on its page refused."""
    settings = PrintSettings(**values)
    if (
        settings.page_size
        and settings.margins
        and (problem := text_area_problem(settings.page_size, settings.margins))
    ):
        message, _, hint = problem.partition("\n")
        report(message, "margins", hint=hint)
    return settings


def text_area_problem(
    page: PageSize, margins: tuple[float, float, float, float], whose: str = "a"
) -> str:
    """Why `margins` leave no room for text on `page` ("message\nhint"), or "".
    `whose`: "the leaflet's", when it is not the page the editor is thinking of."""
    width = page.width_mm - margins[1] - margins[3]
    height = page.height_mm - margins[0] - margins[2]
    if min(width, height) >= MIN_TEXT_MM:
        return ""
    shown = " ".join(_mm(m) for m in margins)
    return (
        f"margins {shown} leave no room for text on {whose} {page.name} page"
        f" ({_mm(page.width_mm)} × {_mm(page.height_mm)})"
        f"\nleave at least {_mm(MIN_TEXT_MM)} across and down: smaller margins or a larger page"
    )


def parse_page_size(value: Any) -> PageSize:
    """A named size ("A5", "half letter") or a width and height ("120mm 180mm", or as print
    shops write it: "148 x 210 mm", "8.5x11in"), turned as a word beside it says, as CSS's
    `size` writes it ("A4 landscape", "portrait A5")."""
    text = _text(value)
    words = text.split()
    turns = [w for w in words if w.casefold() in _ORIENTATIONS]
    if len(turns) == 1 and len(words) > 1:
        page = parse_page_size(" ".join(w for w in words if w not in turns))
        short, long = sorted((page.width_mm, page.height_mm))
        width, height = (short, long) if turns[0].casefold() == "portrait" else (long, short)
        if page.name not in PAGE_SIZES:  # a width and height: as they now are
            return PageSize(f"{_mm(width)} {_mm(height)}", width, height)
        return PageSize(page.name if width < height else f"{page.name} landscape", width, height)
    if name := page_size_named(text):
        return PageSize(name, *PAGE_SIZES[name])
    written = text
    if by := _BY.match(text):  # the unit written once, after both: "148 x 210 mm"
        unit = by[4] or by[2] or ""
        written = f"{by[1]}{by[2] or unit} {by[3]}{unit}"
    words = _UNIT_APART.sub(r"\1\2", written).split()
    if len(words) == 2:
        try:
            width, height = (parse_length(w) for w in words)
        except ValueError:
            pass
        else:
            if max(width, height) > MAX_PAGE_SIDE_MM:
                raise ValueError(
                    f"page size {text!r} is larger than any printer's sheet"
                    f"\nwidth and height of at most {_mm(MAX_PAGE_SIDE_MM)} (1.5 m)"
                )
            if width >= 50 and height >= 50:
                return PageSize(" ".join(words), width, height)
            raise ValueError(f"page size {text!r} is too small\nwidth and height of at least 50mm")
    named = {name.casefold(): name for name in PAGE_SIZES}
    meant = difflib.get_close_matches(text.casefold(), named, n=1, cutoff=0.75)
    hint = f"did you mean {named[meant[0]]}? Or " if meant else ""
    raise ValueError(f"unknown page size {text!r}\n{hint}{SIZE_HINT}")


def parse_length(value: Any) -> float:
    """A length in mm from "3mm", "0.5cm", "0.125in", "9pt" (a bare number is mm)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    match = _LENGTH.match(_text(value))
    if not match:
        raise ValueError(f"{value!r} is not a length\nwrite it like 3mm, 0.5cm, 0.125in or 9pt")
    return float(match.group(1)) * MM_PER_UNIT[match.group(2) or "mm"]


def parse_margins(value: Any) -> tuple[float, float, float, float]:
    """One to four lengths, in the order CSS uses: top, right, bottom, left."""
    written = _UNIT_APART.sub(r"\1\2", _text(value)) if isinstance(value, str) else ""
    parts = [parse_length(p) for p in written.split()]
    if isinstance(value, int | float) and not isinstance(value, bool):
        parts = [parse_length(value)]
    if not 1 <= len(parts) <= 4:
        raise ValueError(f'{value!r} is not 1 to 4 lengths\nfor example "20mm" or "20mm 18mm"')
    top = parts[0]
    right = parts[1] if len(parts) > 1 else top
    bottom = parts[2] if len(parts) > 2 else top
    left = parts[3] if len(parts) > 3 else right
    return (top, right, bottom, left)


def parse_bleed(value: Any) -> float:
    bleed = parse_length(value)
    if bleed > 10:
        raise ValueError(f"a bleed of {_mm(bleed)} is more than any printer asks for\nusually 3mm")
    return bleed


def parse_creep(value: Any) -> float:
    creep = parse_length(value)
    if creep > 2:
        raise ValueError(f"creep {_mm(creep)} per sheet is thicker than paper\nusually 0.1mm")
    return creep


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{value!r} is not text\nput the value in quotes")
    return value.strip()


def _mm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "mm"


# [pdf] in publisher.toml, `pdf:` in a manifest; a manifest's `leaflet:` adds its own keys.
PRINT_TABLE = Table(
    {
        "page_size": Setting(parse_page_size),
        "margins": Setting(parse_margins),
        "bleed": Setting(parse_bleed),
        "marks": Setting(flag),
        "impose": Setting(choice(IMPOSITIONS)),
        "creep": Setting(parse_creep),
        "black_only": Setting(flag),
        "standard": Setting(choice(STANDARDS)),
        "page_break": Setting(choice(PAGE_BREAKS)),
    },
    noun="print setting",
    make=_layer,
)
PRINT_KEYS = PRINT_TABLE.keys
