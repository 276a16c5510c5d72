"""Pictures in formats no output shows → a JPEG or PNG copy that every output does.

An iPhone saves its photos as HEIC; a photographer's or a scanner's come as TIFF; old
Windows programs save BMP. Browsers, e-readers and mail programs show none of them, so an
editor with the photos of a rally had to convert each by hand before the build would use
it. A document's picture in one of these formats is now used through a copy, made as
`publisher import` keeps a Word file's pictures: in documents/media/<document>/, named
after the picture (IMG_0412.heic.jpg), made again only when the picture is newer than it.

A photo becomes a JPEG (quality 90), turned upright by its EXIF orientation and in sRGB
(a print photographer's CMYK TIFF through its colour profile); a picture with transparency,
or in black and white, grey or a palette (a scanned drawing, a BMP), a PNG. The copy
carries no EXIF, XMP or IPTC (see photos.py): the copy of a phone's photo says nothing of
where it was taken. A multi-page TIFF is copied from its first page.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CONVERTED_SUFFIXES = (".heic", ".heif", ".tif", ".tiff", ".bmp")
_HEIF = (".heic", ".heif")


def shown_picture(
    picture: Path, pool: Path, owner: Path, max_pixels: int, named: str
) -> Path | None:
    """`picture` as outputs show it: itself, or for a format they do not its copy
    (`shown_copy`); None when no copy can be made, said naming `owner` (the document or
    manifest that shows it) and the picture as `named` ("image 'IMG_0412.HEIC'")."""
    if picture.suffix.lower() not in CONVERTED_SUFFIXES:
        return picture
    try:
        return shown_copy(picture, pool, owner, max_pixels)
    except ValueError as unusable:
        log.warning("%s: %s left out: %s", owner, named, unusable)
        return None


def shown_copy(picture: Path, pool: Path, document: Path, max_pixels: int) -> Path:
    """The copy of `picture` (a file of the pool in one of CONVERTED_SUFFIXES) that outputs
    show, made now unless one newer than the picture is there. Raises ValueError saying why
    none can be made (a damaged file, more than `max_pixels`, no room to write it)."""
    from .errors import PublisherError
    from .output import atomic_write

    copies = [
        pool / "media" / document.stem / f"{picture.stem}{picture.suffix.lower()}{suffix}"
        for suffix in (".jpg", ".png")
    ]
    for copy in copies:
        if copy.is_file() and copy.stat().st_mtime_ns >= picture.stat().st_mtime_ns:
            return copy
    data, suffix = _converted(picture, max_pixels)
    copy = copies[suffix == ".png"]
    try:
        atomic_write(copy, data)
    except PublisherError as exc:
        raise ValueError(str(exc)) from None
    for stale in copies:
        if stale != copy and stale.is_file():
            stale.unlink()  # the picture was a photo and is a drawing now, or the reverse
    log.info("%s: its picture %s is used through a copy, %s", document, picture, copy)
    return copy


def _converted(picture: Path, max_pixels: int) -> tuple[bytes, str]:
    """The picture's bytes as a JPEG or PNG, and which (".jpg" or ".png")."""
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError

    if picture.suffix.lower() in _HEIF:
        import pillow_heif

        pillow_heif.register_heif_opener()
    kind = picture.suffix.lstrip(".").upper()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(picture) as opened:
                width, height = opened.size
                if width * height > max_pixels:
                    raise ValueError(
                        f"{width:,} × {height:,} pixels, more than the"
                        f" {max_pixels / 1e6:.0f} million an image may have: scale it down,"
                        " or raise image_pixels under [limits]"
                    )
                image = ImageOps.exif_transpose(opened)
                image.load()
                profile = opened.info.get("icc_profile")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValueError(
            f"a {kind} file that says it is more pixels than any picture should be"
        ) from None
    except (OSError, SyntaxError, UnidentifiedImageError) as exc:
        raise ValueError(f"a damaged or unreadable {kind} file ({exc})") from None
    out = io.BytesIO()
    if _drawing(image):
        image = (
            image if image.mode in ("1", "L", "LA", "P", "RGB", "RGBA") else image.convert("RGBA")
        )
        image.save(out, format="PNG", optimize=True, **_profile(profile, image))
        return out.getvalue(), ".png"
    image, profile = _in_srgb(image, profile)
    image.save(out, format="JPEG", quality=90, optimize=True, **_profile(profile, image))
    return out.getvalue(), ".jpg"


def _drawing(image: Any) -> bool:  # a PIL.Image.Image
    """Whether a PNG keeps it better than a JPEG: transparency, or few colours."""
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return transparent or image.mode in ("1", "P", "L", "I", "I;16")


def _in_srgb(image: Any, profile: bytes | None) -> tuple[Any, bytes | None]:
    """An RGB picture and the profile it keeps; CMYK (print) converted through its profile."""
    if image.mode == "RGB":
        return image, profile
    if image.mode == "CMYK" and profile:
        from PIL import ImageCms

        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            srgb = ImageCms.createProfile("sRGB")
            return ImageCms.profileToProfile(image, source, srgb, outputMode="RGB"), None
        except (OSError, ImageCms.PyCMSError):
            pass  # a damaged profile: the plain conversion below
    return image.convert("RGB"), None


def _profile(profile: bytes | None, image: Any) -> dict[str, bytes]:
    return {"icc_profile": profile} if profile and image.mode in ("RGB", "RGBA") else {}
