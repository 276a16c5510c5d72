"""publisher.toml's [style]: the newsletter's look (theme, logo, accent colour, fonts,
masthead line), checked once and handed to every template as `style`.

Files it names (the logo, a bundled font) are checked when the config is read, so a
missing one is an error at its line in publisher.toml, never a blank in a finished PDF.
Installed fonts are looked up with fontconfig, which is what WeasyPrint uses too.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, cast

from markupsafe import Markup

from .errors import Problem, near_misses
from .paths import files_meant, followed, is_file
from .settings_schema import Problems, Setting, Table, choice, single_line, text

THEMES = ("default", "campaign")  # templates/<name>/; campaign overrides default's files
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
# The start of a PNG's and a JPEG's bytes, and the name a file of that content should have
_PICTURES = {"PNG": (b"\x89PNG\r\n\x1a\n", ".png"), "JPEG": (b"\xff\xd8\xff", ".jpg")}
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")
DEFAULT_ACCENT = "#b51f24"
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
FIND_FONTS = "list installed families with: fc-list : family | sort -u"
# A logo's ink against its background, below which it can hardly be seen (a ratio of the
# averaged ink: a black-and-white logo on white averages 1.9, white on yellow 1.2)
LOGO_LEAST_CONTRAST = 1.5


class Face(NamedTuple):
    """One file of a family: what @font-face says about it."""

    file: Path
    weight: int = 400
    italic: bool = False


@dataclass(frozen=True)
class Font:
    """A font family as CSS names it, and its files (an EPUB embeds them)."""

    family: str
    faces: tuple[Face, ...] = ()
    bundled: bool = False  # a file in the workspace (declared with @font-face), not installed

    def stack(self, fallback: str) -> Markup:
        """The CSS font-family value: this family first, then `fallback`. Templates write it
        as it is, into stylesheets and double-quoted attributes (MJML's font-family): the
        name is in single quotes and cannot close them, the attribute or the rule."""
        family = re.sub(r"[\"'\\;{}<>\n]", "", self.family)
        return Markup(f"'{family}', {fallback}")


@dataclass(frozen=True)
class Style:
    """The look every output shares. Colours are #rrggbb."""

    theme: str = "default"
    logo: Path | None = None  # absolute, inside the workspace: an SVG, a PNG or a JPEG
    logo_size: tuple[int, int] | None = None  # its width and height in (CSS) pixels
    logo_alt: str = ""  # what the logo says, for readers who cannot see it
    accent: str = DEFAULT_ACCENT
    body_font: Font | None = None  # None: the theme's own (Noto Serif, Georgia in email)
    heading_font: Font | None = None
    masthead: str = ""  # a line under the newsletter's name on covers and mastheads
    # The named files' contents and the theme's templates, digested: the render fingerprint
    # covers the config's repr, so a logo redrawn under the same name re-renders.
    stamp: str = ""
    # Where publisher.toml names the logo (file, line), for the warning of a logo unseen.
    logo_at: tuple[Path, int | None] | None = dataclasses.field(
        default=None, repr=False, compare=False
    )

    @functools.cached_property
    def logo_ink(self) -> float | None:
        """Its ink's luminance (`logo_ink`); None: opaque, or none. Measured when an output
        draws the logo, not on every load of the settings: drawing it costs a tenth of a
        second, which `check`, `send` and a cold build's start would wait for."""
        return logo_ink(self.logo) if self.logo else None

    @functools.cached_property
    def warnings(self) -> tuple[str, ...]:
        """What a build warns of, at publisher.toml's line: a logo its background swallows
        (no error: the newsletter is still published)."""
        unseen = _logo_unseen(self)
        if unseen is None or self.logo_at is None:
            return ()
        ground, seen = unseen
        warning = Problem(
            f"style.logo: the logo can hardly be seen on {ground} (too little contrast:"
            f" {seen:.1f}:1)",
            *self.logo_at,
            hint="choose a darker accent, or use a version of the logo in darker colours"
            if self.theme == "campaign"
            else "use a version of the logo in darker colours, or the campaign theme with a"
            " dark accent behind it",
        )
        return (str(warning),)

    def logo_plated(self, ground: str) -> bool:
        """Whether the logo stands on a white plate on `ground` (an accent band, the dark
        scheme): only when its ink reads better on white than on that ground. A white logo
        on a dark band vanished into the plate that was meant to make it legible."""
        if self.logo_ink is None:  # its own background: a plate frames it, as it always did
            return True
        return _ratio(self.logo_ink, 1.0) > _ratio(self.logo_ink, _luminance(ground))

    @property
    def on_accent(self) -> str:
        """Text colour on an accent band: whichever of white or near-black reads better."""
        return (
            "#ffffff"
            if contrast(self.accent, "#ffffff") >= contrast(self.accent, "#111111")
            else "#111111"
        )

    @property
    def accent_on_dark(self) -> str:
        """The accent lightened until it reads on the dark scheme's backgrounds (links):
        the lightest of them is the email's dark card, #1e1e1e."""
        return self._readable_on("#1e1e1e", towards="#ffffff")

    @property
    def accent_ink(self) -> str:
        """The accent darkened until it reads as text on white (links, headings)."""
        return self.ink_on("#ffffff")

    def ink_on(self, background: str) -> str:
        """The accent darkened until it reads as text on the light `background` (#rrggbb):
        on the email's footer band (email/colours.j2) the ink that reads on white, a red accent's
        #cf333f, stayed under WCAG AA's 4.5:1."""
        return self._readable_on(background, towards="#000000")

    def _readable_on(self, background: str, towards: str) -> str:
        """The accent mixed with `towards` in tenths until its contrast with `background`
        reaches WCAG AA's 4.5:1 for text."""
        colour = self.accent
        for step in range(1, 11):
            if contrast(colour, background) >= 4.5:
                break
            colour = mix(self.accent, towards, step / 10)
        return colour

    @property
    def fonts(self) -> tuple[Font, ...]:
        return tuple(f for f in (self.body_font, self.heading_font) if f is not None)

    def body_stack(self, fallback: str) -> Markup:
        return self.body_font.stack(fallback) if self.body_font else Markup(fallback)

    def heading_stack(self, fallback: str) -> Markup:
        return self.heading_font.stack(fallback) if self.heading_font else Markup(fallback)


DEFAULT_STYLE = Style()


def _colour(value: Any) -> str:
    colour = text(value)
    if not _HEX.match(colour):
        raise ValueError(
            f'{value!r} is not a colour\nwrite it as a hex colour in quotes, e.g. "#b51f24"'
        )
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour.lower()


STYLE_TABLE = Table(
    {
        "theme": Setting(choice(THEMES, "theme")),
        "logo": Setting(),  # a path: read with the workspace in `read_style`
        "logo_alt": Setting(single_line),
        "accent": Setting(_colour),
        "body_font": Setting(),  # a family name or a font file: see `read_style`
        "heading_font": Setting(),
        "masthead": Setting(single_line),
    }
)


def read_style(
    values: dict[str, Any], root: Path, problems: Problems, name: str, max_pixels: int
) -> Style:
    """The checked [style] values with their files found; `name` is the newsletter's, the
    logo's alt text unless `logo_alt` says otherwise; a logo may have `max_pixels` pixels
    ([limits] image_pixels), as any picture."""
    theme = values.get("theme", "default")
    if not theme_folder(theme).is_dir():  # an installation that left the theme out
        problems.add(
            f"style.theme: the {theme!r} theme is not installed ({theme_folder(theme)})",
            "style",
            "theme",
            hint="reinstall publisher, or remove the line to use the default theme",
        )
        theme = "default"
    logo = _workspace_file(values.get("logo"), "logo", LOGO_SUFFIXES, root, problems)
    if logo is not None and (kind := _misnamed(logo)) is not None:
        renamed = followed(root / values["logo"].strip()).with_suffix(_PICTURES[kind][1])
        problems.add(
            f"style.logo: {values['logo']!r} is a {kind} picture: rename it {renamed.name}",
            "style",
            "logo",
            hint=f'and write logo = "{renamed.relative_to(root.resolve()).as_posix()}":'
            " the web pages and the EPUB name a picture's kind by its file's name",
        )
        logo = None
    if logo is not None:
        from .resources import image_problem

        if (problem := image_problem(logo, max_pixels)) is not None:
            svg = logo.suffix.lower() == ".svg"
            hint = "save it again as SVG, PNG or JPEG" if svg else None
            problems.add(f"style.logo: {problem}", "style", "logo", hint=hint)
            logo = None
    fonts = {
        key: _font(values.get(key), key, root, problems) for key in ("body_font", "heading_font")
    }
    style = Style(
        theme=theme,
        logo=logo,
        logo_alt=values.get("logo_alt") or name,
        accent=values.get("accent", DEFAULT_ACCENT),
        body_font=fonts["body_font"],
        heading_font=fonts["heading_font"],
        masthead=values.get("masthead", ""),
        logo_size=_image_size(logo) if logo else None,
    )
    source = problems.source
    at = (source.path, source.line("style", "logo")) if source is not None else None
    return dataclasses.replace(style, stamp=_stamp(style, root), logo_at=at)


def _misnamed(logo: Path) -> str | None:
    """The kind of picture ("PNG", "JPEG") a logo is when its name says another: a JPEG
    saved as logo.png. Outputs go by the name (the EPUB declares a .png an image/png)."""
    with logo.open("rb") as file:
        head = file.read(8)
    kind = next((k for k, (start, _) in _PICTURES.items() if head.startswith(start)), None)
    named = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}.get(logo.suffix.lower())
    return kind if kind is not None and kind != named else None


def _image_size(logo: Path) -> tuple[int, int] | None:
    from .renderers.images import image_size

    return image_size(logo)


def _logo_unseen(style: Style) -> tuple[str, float] | None:
    """What the logo is shown on and can hardly be seen on: the campaign theme's accent band
    (bare or on its white plate, whichever reads better) or the default theme's white page
    (a white logo there: the PDF's and EPUB's covers, the web pages), and the contrast it
    has there; None when it reads."""
    ink = style.logo_ink
    if ink is None:
        return None
    if style.theme == "campaign":
        seen = max(_ratio(ink, 1.0), _ratio(ink, _luminance(style.accent)))
        ground = f"the accent band ({style.accent}), with or without a white plate"
    else:
        seen, ground = _ratio(ink, 1.0), "the white of the covers and web pages"
    return (ground, seen) if seen < LOGO_LEAST_CONTRAST else None


def logo_ink(logo: Path) -> float | None:
    """The relative luminance (0 black, 1 white) of the logo's ink: its pixels' averaged,
    each weighted by its opacity, so white lettering on a transparent ground is white.
    None for a logo without transparency (it brings its own background, which shows
    wherever it is put) and for one that cannot be drawn (the outputs say so)."""
    from PIL import Image

    from .renderers.images import email_copy

    try:
        png, _, _ = email_copy(logo, 240)  # a small copy: the average is the same
    except ValueError:
        return None
    with Image.open(io.BytesIO(png)) as drawn:
        pixels = drawn.convert("RGBA")
    if pixels.getchannel("A").getextrema()[0] == 255:
        return None
    colours = cast(
        list[tuple[int, tuple[int, int, int, int]]], pixels.getcolors(pixels.width * pixels.height)
    )
    ink = opacity = 0.0
    for count, (red, green, blue, alpha) in colours:
        weight = count * alpha
        ink += weight * (0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue))
        opacity += weight
    return ink / opacity if opacity else None


def _workspace_file(
    value: Any, key: str, suffixes: tuple[str, ...], root: Path, problems: Problems
) -> Path | None:
    """A file inside the workspace named by a path relative to it, or None (reported)."""
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        problems.add(
            f"style.{key}: is empty: give the path to a file, or remove the line", "style", key
        )
        return None
    if not isinstance(value, str):
        problems.add(f"style.{key}: must be a path to a file, in quotes", "style", key)
        return None
    path = followed(root / value.strip())
    names = [s.lstrip(".").upper() for s in suffixes]
    kinds = f"{', '.join(names[:-1])} or {names[-1]}"
    if not path.is_relative_to(root.resolve()):
        problems.add(
            f"style.{key}: {value!r} is outside the workspace",
            "style",
            key,
            hint="put the file in the workspace, e.g. style/logo.svg",
        )
    elif path.suffix.lower() not in suffixes:
        hint = "save it as PNG (or SVG, or JPEG)" if key == "logo" else None
        problems.add(f"style.{key}: {value!r} is not a {kinds} file", "style", key, hint=hint)
    elif not is_file(path):
        meant = files_meant(value, root, suffixes)
        problems.add(
            f"style.{key}: there is no file {value!r}",
            "style",
            key,
            hint="did you mean " + " or ".join(map(repr, meant)) + "?"
            if meant
            else "paths are relative to the workspace folder (where publisher.toml is)",
        )
    else:
        return path
    return None


def _font(value: Any, key: str, root: Path, problems: Problems) -> Font | None:
    """A bundled font file (a path ending in .ttf, .otf…) or an installed family's name."""
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        problems.add(
            f"style.{key}: is empty: give a font's name or a font file, or remove the line",
            "style",
            key,
        )
        return None
    if not isinstance(value, str):
        problems.add(f"style.{key}: must be a font's name or a font file, in quotes", "style", key)
        return None
    if value.strip().lower().endswith(FONT_SUFFIXES):
        path = _workspace_file(value, key, FONT_SUFFIXES, root, problems)
        if path is None:
            return None
        try:
            family, face = bundled_face(path)
            return Font(family, (face,), bundled=True)
        except ValueError as exc:
            problems.add(
                f"style.{key}: {value!r} cannot be read as a font: {exc}",
                "style",
                key,
                hint="download the font file again (a .ttf, .otf, .woff or .woff2, not a page or"
                " a .zip of them), or name an installed font",
            )
            return None
    family = value.strip()
    installed = installed_families()
    if family.casefold() not in {f.casefold() for f in installed}:
        close = near_misses(family, set(installed))
        problems.add(
            f"style.{key}: no font named {family!r} is installed",
            "style",
            key,
            hint=f"{close + ' ' if close else ''}{FIND_FONTS}; or name a font file in the workspace",
        )
        return None
    exact = next(f for f in installed if f.casefold() == family.casefold())
    return Font(exact, font_faces(exact))


def bundled_face(path: Path) -> tuple[str, Face]:
    """A font file's family name and its weight and slant, as its name and OS/2 tables
    give them: the email names the family as a reader's installed copy is named ("Lato",
    not the file's "Lato-Regular"), and @font-face says the weight, so a bold file is not
    made bolder still. The file's name and regular when they cannot be read. ValueError
    when the file is no font at all: published as it is, it would be named first in the
    web and EPUB stylesheets while the PDF quietly fell back to Noto."""
    from fontTools.ttLib import TTFont, TTLibError  # type: ignore[import-untyped]

    try:
        font = TTFont(path, lazy=True)
    except TTLibError as exc:  # "Not a TrueType or OpenType font (bad sfntVersion)"
        raise ValueError(str(exc)) from None
    except ImportError:  # WOFF2 without brotli installed: the browser reads it
        return path.stem, Face(path)
    with font:
        try:
            family = str(font["name"].getBestFamilyName() or "").strip() or path.stem
        except Exception:  # no name table, or a damaged one: the file's name
            family = path.stem
        try:
            table = font["OS/2"]
            return family, Face(path, int(table.usWeightClass), bool(table.fsSelection & 1))
        except Exception:  # no OS/2 table, or a damaged one: regular
            return family, Face(path)


@cache
def installed_families() -> frozenset[str]:
    """Every family fontconfig knows, by each of its names."""
    try:
        listed = subprocess.run(
            ["fc-list", "--format", "%{family}\n"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return frozenset()
    return frozenset(name.strip() for line in listed.splitlines() for name in line.split(","))


def font_faces(family: str) -> tuple[Face, ...]:
    """The files of an installed family's regular, bold, italic and bold italic (those it
    has: fontconfig answers with another family for a style it lacks)."""
    faces: dict[Path, Face] = {}
    for style, weight, italic in (
        ("Regular", 400, False),
        ("Bold", 700, False),
        ("Italic", 400, True),
        ("Bold Italic", 700, True),
    ):
        try:
            found = subprocess.run(
                ["fc-match", "--format", "%{family}|%{file}", f"{family}:style={style}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            continue
        families, _, file = found.rpartition("|")
        if family in families.split(",") and file:
            faces.setdefault(Path(file), Face(Path(file), weight, italic))
    return tuple(faces.values())


def theme_folder(name: str) -> Path:
    """A theme's templates: inside the installed package (publisher/theme for the default,
    publisher/themes/<name> for the others), or templates/<name> in a checkout."""
    package = Path(__file__).parent
    packaged = package / "theme" if name == "default" else package / "themes" / name
    return packaged if packaged.is_dir() else package.parent / "templates" / name


def _stamp(style: Style, root: Path) -> str:
    """The style's files digested, those in the workspace `root` by their name in it: a
    workspace moved elsewhere renders nothing again."""
    from .cache import files_digest

    files = [style.logo] if style.logo else []
    files += [face.file for font in style.fonts if font.bundled for face in font.faces]
    if style.theme != "default":
        files += [p for p in theme_folder(style.theme).rglob("*") if p.is_file()]
    return files_digest(files, root)[:16]


# Colours ----------------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


@cache
def _linear(value: int) -> float:
    """An sRGB channel (0–255) as linear light (0–1), as WCAG's luminance has it."""
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    r, g, b = (_linear(int(value[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ratio(one: float, other: float) -> float:
    """WCAG's contrast ratio of two relative luminances (1 to 21)."""
    light, dark = sorted((one, other), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two #rrggbb colours (1 to 21)."""
    return _ratio(_luminance(one), _luminance(other))


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0–1) of `other` mixed in."""
    mixed = (a + (b - a) * share for a, b in zip(_rgb(colour), _rgb(other), strict=True))
    return "#" + "".join(f"{round(c * 255):02x}" for c in mixed)
