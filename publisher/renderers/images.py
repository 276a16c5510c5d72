"""Covers, lead images and the logo as each output needs them.

The issue's `cover` (manifest) and a document's `image` (front matter) are shown large:
on the PDF's cover and above articles, as the EPUB's cover, in the email's masthead and
as the web's Open Graph image. The web archive publishes every one of them, and a copy
for email: mail clients fetch images from the web and some never scale them, so those
copies are at most EMAIL_MAX_WIDTH pixels wide (twice the email's column, for sharp
screens), JPEG for photographs and PNG for the rest (an SVG logo is drawn into a PNG:
few clients show SVG). Where each lives is decided here, once, for the web archive that
writes them and for the email and pages that link them.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..model import Document, Issue
from ..output import Artifact
from ..paths import remembered_per_file
from ..printing import PrintOptions
from ..resources import (
    LOGO_EMAIL_PATH,
    SHARE_PICTURE_PATH,
    cover_email_path,
    email_copy_path,
    email_suffix,
    lead_image,
    logo_path,
    pool_images,
    publishable_image,
    web_font_path,
)
from .drawings import svg_size, svg_to_png
from .font_subsets import subset_font

if TYPE_CHECKING:  # style.py draws its logo with email_copy: a type, not an import
    from ..style import Style

log = logging.getLogger(__name__)

EMAIL_MAX_WIDTH = 1200  # px
EMAIL_COLUMN_WIDTH = 552  # px: the 600 px email less its padding
LOGO_EMAIL_HEIGHT = 56  # px, as the email shows it
# Link previews' picture (Facebook's, LinkedIn's large card: 1.91 to 1; under 200 × 200 px
# Facebook shows none), and the logo's square on it: a "summary" card crops to the middle.
SHARE_PICTURE_SIZE = (1200, 630)
SHARE_LOGO_BOX = 504
PRINT_PPI = 200  # below this at its printed size, an image looks soft on paper
CSS_PX_PER_MM = 96 / 25.4  # an image without a width prints at 96 pixels to the inch


def lead_images(issue: Issue, documents_dir: Path) -> dict[str, str]:
    """Document slug → its lead image's path in documents/, for those that have one."""
    found = {doc.slug: lead_image(doc, documents_dir) for doc in issue.documents}
    return {slug: image for slug, image in found.items() if image}


@dataclass(frozen=True)
class EmailImage:
    """An image as the email shows it: hosted by the web archive, sized for Outlook."""

    url: str
    width: int
    height: int
    alt: str = ""


def email_images(issue: Issue, style: Style, documents_dir: Path, base_url: str) -> dict[str, Any]:
    """The email's logo, cover and lead images (document slug → image), at the addresses
    the web archive publishes them at (`publish_for_email`)."""
    logo = cover = None
    if style.logo:
        width = logo_email_width(style.logo)
        logo = EmailImage(f"{base_url}{LOGO_EMAIL_PATH}", width, LOGO_EMAIL_HEIGHT, style.logo_alt)
    if issue.cover and (path := cover_email_path(issue)):
        shown = EMAIL_COLUMN_WIDTH
        url = f"{base_url}{quote(str(path))}"
        cover = EmailImage(url, shown, shown_height(issue.cover, shown), issue.cover_alt)
    leads = {}
    for doc in issue.documents:
        if image := lead_image(doc, documents_dir):
            shown = EMAIL_COLUMN_WIDTH
            url = f"{base_url}{quote(str(email_copy_path(image)))}"
            alt = str(doc.extra.get("image_alt") or "")
            leads[doc.slug] = EmailImage(
                url, shown, shown_height(documents_dir / image, shown), alt
            )
    return {"logo": logo, "cover": cover, "lead_images": leads}


def share_image(
    issue: Issue | None, doc: Document | None, style: Style, documents_dir: Path, base_url: str
) -> EmailImage | None:
    """The picture a page's link previews show, with its size and what it shows: the
    article's lead image, else its issue's cover (their email copies: those are at most
    EMAIL_MAX_WIDTH wide), else the logo on its share picture (`share_picture`); None
    without any."""
    if doc and (image := lead_image(doc, documents_dir)):
        alt = str(doc.extra.get("image_alt") or "")
        return _shared_copy(documents_dir / image, email_copy_path(image), alt, base_url)
    if issue and issue.cover and (path := cover_email_path(issue)):
        return _shared_copy(issue.cover, path, issue.cover_alt, base_url)
    if style.logo:
        return EmailImage(f"{base_url}{SHARE_PICTURE_PATH}", *SHARE_PICTURE_SIZE, style.logo_alt)
    return None


def _shared_copy(image: Path, copy: PurePosixPath, alt: str, base_url: str) -> EmailImage:
    """The email copy of `image` as a link preview's picture: its address and its size."""
    shown = EMAIL_MAX_WIDTH  # an SVG is drawn that wide
    if image.suffix.lower() != ".svg" and (natural := image_size(image)):
        shown = min(natural[0], EMAIL_MAX_WIDTH)
    return EmailImage(f"{base_url}{quote(str(copy))}", shown, shown_height(image, shown), alt)


def publish_for_email(
    issue: Issue, documents_dir: Path, besides: Issue | None = None
) -> list[Artifact]:
    """The email's copies of an issue's cover, and of the images in its editorial, lead
    images and articles (web archive, issue job); for a language edition, only those its
    original (`besides`) does not publish already."""
    wanted: dict[PurePosixPath, tuple[Path, str]] = {}  # copy → (image, who uses it)
    if issue.cover and (path := cover_email_path(issue)) and besides is None:
        wanted[path] = (issue.cover, str(issue.source))
    published = set(_pool_images(besides, documents_dir)) if besides else set()
    for image, referrer in _pool_images(issue, documents_dir).items():
        if image not in published:
            wanted.setdefault(email_copy_path(image), (documents_dir / image, referrer))
    artifacts = []
    for target, (source, referrer) in wanted.items():
        try:
            data, _, _ = email_copy(source)
        except (OSError, ValueError) as exc:
            log.warning("%s: image %s left out of the email: %s", referrer, source.name, exc)
            continue
        artifacts.append(Artifact(Path(target), data))
    return artifacts


def _pool_images(issue: Issue, documents_dir: Path) -> dict[str, str]:
    """Each documents/ image the issue's email shows (in the editorial, lead images, images
    in the articles) → the manifest or document that uses it first."""
    found = dict.fromkeys(pool_images(issue.editorial_html), str(issue.source))
    for doc in issue.documents:
        if image := lead_image(doc, documents_dir):
            found.setdefault(image, str(doc.source))
        for image in doc.images:
            found.setdefault(image, str(doc.source))
    return found


def publish_style(style: Style, letters: Callable[[], str]) -> list[Artifact]:
    """The logo as the web shows it (an SVG sanitised) and as email shows it (a PNG), and
    bundled fonts for the web's @font-face (web archive, index job): each a WOFF2 of the
    `letters()` the site's text holds, a few dozen KB where the whole file, every page
    loaded, was hundreds (gathered only when there is a font to cut: the whole archive's
    text)."""
    artifacts = []
    if style.logo and (path := logo_path(style.logo)):
        try:
            artifacts.append(Artifact(Path(path), logo_for_web(style.logo)))
            artifacts.append(Artifact(Path(LOGO_EMAIL_PATH), logo_for_email(style.logo)[0]))
            artifacts.append(Artifact(Path(SHARE_PICTURE_PATH), share_picture(style)))
        except (OSError, ValueError) as exc:
            log.warning("%s: logo left out: %s", style.logo, exc)
    for font in style.fonts:
        if font.bundled:
            face = font.faces[0].file
            try:
                data = subset_font(face, letters(), "woff2")
            except ValueError as exc:  # browsers tell a font's format by its bytes
                log.info("%s: published whole on the web, not as WOFF2: %s", face.name, exc)
                data = face.read_bytes()
            artifacts.append(Artifact(Path(web_font_path(face)), data))
    return artifacts


# Making the copies --------------------------------------------------------------------------


def email_copy(path: Path, max_width: int = EMAIL_MAX_WIDTH) -> tuple[bytes, int, int]:
    """The image at most `max_width` pixels wide, as JPEG or PNG (see `email_suffix`),
    with its width and height. ValueError when it cannot be read as an image. Made once
    per file as it is now: the web archive and the EPUB's cover both want the cover's."""
    try:
        return _email_copy(path, max_width)
    except OSError as exc:  # no such file
        raise ValueError(f"cannot be read as an image ({exc})") from None


@remembered_per_file(32)
def _email_copy(path: Path, max_width: int) -> tuple[bytes, int, int]:
    from PIL import Image, ImageOps

    if path.suffix.lower() == ".svg":
        return svg_to_png(publishable_image(path), max_width)
    try:
        with Image.open(path) as picture:
            # Upright, as a phone's photo is shown: the copy keeps no EXIF to turn it by.
            image = ImageOps.exif_transpose(picture)
    except (OSError, Image.DecompressionBombError) as exc:
        raise ValueError(f"cannot be read as an image ({exc})") from None
    if image.width > max_width:
        image = image.resize(
            (max_width, max(1, round(image.height * max_width / image.width))),
            Image.Resampling.LANCZOS,
        )
    out = io.BytesIO()
    if email_suffix(path) == ".jpg":
        image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    else:
        image.save(out, format="PNG", optimize=True)
    return out.getvalue(), image.width, image.height


def logo_for_email(logo: Path) -> tuple[bytes, int, int]:
    """The logo as a PNG three times as high as the email shows it (sharp on any screen)."""
    data, width, height = _logo_copy(logo)
    if not data.startswith(b"\x89PNG"):  # a JPEG logo's copy: style/logo-email.png is a PNG
        from PIL import Image

        with Image.open(io.BytesIO(data)) as picture:
            out = io.BytesIO()
            picture.save(out, format="PNG", optimize=True)
            data = out.getvalue()
    return data, width, height


def logo_for_web(logo: Path) -> bytes:
    """The logo as the web pages show it: an SVG as it is (sanitised), a picture as the
    email's copy (the pages show it smaller still), in its own format. A print shop's
    6000 px master was linked from every page as it was, to be shown 48 px high."""
    if logo.suffix.lower() == ".svg":
        return publishable_image(logo)
    return _logo_copy(logo)[0]


def share_picture(style: Style) -> bytes:
    """The logo as large as SHARE_LOGO_BOX, centred on a SHARE_PICTURE_SIZE PNG of a solid
    ground: white, or the accent where the logo reads better on it (a white logo). The
    email's copy, 168 px and transparent, was too small for Facebook and black on dark
    cards."""
    from PIL import Image

    assert style.logo is not None
    natural = image_size(style.logo)
    if natural is None:
        raise ValueError("cannot be read as an image")
    scale = SHARE_LOGO_BOX / max(natural)
    size = (max(1, round(natural[0] * scale)), max(1, round(natural[1] * scale)))
    data, _, _ = email_copy(style.logo, size[0])
    with Image.open(io.BytesIO(data)) as drawn:
        logo = drawn.convert("RGBA").resize(size, Image.Resampling.LANCZOS)
    ground = "#ffffff" if style.logo_plated(style.accent) else style.accent
    picture = Image.new("RGB", SHARE_PICTURE_SIZE, ground)
    at = ((SHARE_PICTURE_SIZE[0] - size[0]) // 2, (SHARE_PICTURE_SIZE[1] - size[1]) // 2)
    picture.paste(logo, at, logo)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _logo_copy(logo: Path) -> tuple[bytes, int, int]:
    """The logo three times as high as the email shows it, as `email_copy` makes it."""
    natural = image_size(logo)
    if natural is None:
        raise ValueError("cannot be read as an image")
    width, height = natural
    wanted = max(1, round(width * LOGO_EMAIL_HEIGHT * 3 / height))
    return email_copy(logo, min(wanted, EMAIL_MAX_WIDTH))


def logo_email_width(logo: Path) -> int:
    """The width the email shows the logo at, LOGO_EMAIL_HEIGHT pixels high."""
    width, height = image_size(logo) or (LOGO_EMAIL_HEIGHT, LOGO_EMAIL_HEIGHT)
    return max(1, round(width * LOGO_EMAIL_HEIGHT / height))


def shown_height(path: Path, shown_width: int) -> int:
    """The height an image keeps its proportions at, `shown_width` pixels wide."""
    width, height = image_size(path) or (shown_width, shown_width)
    return max(1, round(height * shown_width / width))


def image_size(path: Path) -> tuple[int, int] | None:
    """Natural size in pixels (an SVG's from its width/height or viewBox), or None.
    Remembered per file as it is now: `publisher serve` may see it replaced."""
    try:
        return _image_size(path)
    except OSError:  # no such file
        return None


@remembered_per_file(None)
def _image_size(path: Path) -> tuple[int, int] | None:
    if path.suffix.lower() == ".svg":
        try:
            return svg_size(publishable_image(path))
        except ValueError:
            return None
    from PIL import Image

    try:
        with Image.open(path) as picture:
            return shown_size(picture)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


# EXIF orientations that turn a picture a quarter (a phone held upright: 6, the usual one)
_QUARTER_TURNS = (5, 6, 7, 8)


def shown_size(picture: Any) -> tuple[int, int]:  # a PIL.Image.Image
    """A picture's width and height as it is shown: upright, by its EXIF orientation (as
    browsers, e-readers and WeasyPrint show a phone's photo)."""
    width, height = picture.size
    turned = picture.getexif().get(0x0112) in _QUARTER_TURNS
    return (height, width) if turned else (width, height)


# Print resolution ---------------------------------------------------------------------------


def warn_low_resolution(issue: Issue, documents_dir: Path, paper: PrintOptions) -> None:
    """Warn about each raster image that would print under PRINT_PPI. The cover and lead
    images fill the text width, body images print at their natural size (96 to the inch)
    or the text width, whichever is less; each kind no taller than pdf/print.css and
    partials/print-base.css let it be (a share of the text block's height)."""
    width = paper.page_size.width_mm - paper.margins[1] - paper.margins[3]
    height = paper.content_height_mm
    checks: list[tuple[Path, str, float, float]] = []
    if issue.cover:
        checks.append((issue.cover, str(issue.source), width, height * 0.42))
    for doc in issue.documents:
        if image := lead_image(doc, documents_dir):
            checks.append((documents_dir / image, str(doc.source), width, height * 0.25))
        for image in doc.images:
            path = documents_dir / image
            natural = image_size(path)
            shown = min(natural[0] / CSS_PX_PER_MM, width) if natural else width
            checks.append((path, str(doc.source), shown, height * 0.6))
    for check in dict.fromkeys(checks):
        _check_resolution(*check)


def _check_resolution(path: Path, referrer: str, width_mm: float, max_height_mm: float) -> None:
    if path.suffix.lower() == ".svg" or (size := image_size(path)) is None:
        return  # drawings print sharp at any size
    width, height = size
    printed_mm = min(width_mm, max_height_mm * width / height)
    ppi = width / (printed_mm / 25.4)
    if ppi < PRINT_PPI:
        needed = round(PRINT_PPI * printed_mm / 25.4)
        log.warning(
            "%s: image %s prints at %d ppi, under %d: it will look soft on paper"
            " (use one at least %d pixels wide)",
            referrer,
            path.name,
            ppi,
            PRINT_PPI,
            needed,
        )
