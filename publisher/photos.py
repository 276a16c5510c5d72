"""Pictures as outputs publish them: without what the camera or phone wrote into them.

A phone's photo carries EXIF: where it was taken (GPS, to a few metres), when, on which
device; editing programs add XMP, IPTC and comments (names, captions, history). Published
as they are, a picket-line photo in the web archive or the EPUB gives away where the
photographer lives. So a JPEG, PNG or WebP that carries any of them is published as a copy
without them, turned upright first by its EXIF orientation (which it then no longer has:
readers that ignore EXIF showed such a photo sideways). What is kept: the colour profile
and the resolution; a JPEG keeps its quantisation tables (its quality) and subsampling.
A picture that carries none is published as it is, byte for byte. So is a GIF: one that
carries comments or XMP (in an application extension; the one saying how often an
animation plays is kept) is published as a copy without them.

On screens (the web archive, the EPUB), a picture is also published at most
SCREEN_LONGEST_SIDE pixels on its longer side: a phone's 24-megapixel photo, 15 MB, made
the web page and the EPUB 15 MB heavier for a picture shown 700 pixels wide. Print lays out
the picture itself, at most 450 ppi where it stands (`renderers.weasy`); the email has its
own copies (`renderers.images`). An animation (a GIF, WebP or PNG of several frames) is
published frame by frame, each frame's time and the loop kept: a 2,400-pixel screen
recording went out whole, every frame full size, making an EPUB of 23 MB.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .paths import remembered_per_file

SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
_KINDS = ("JPEG", "PNG", "WEBP", "GIF")  # what Pillow calls those formats

# What Pillow reads into `info` that says nothing about who took a picture, or where.
_HARMLESS = {
    "jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "adobe", "adobe_transform",
    "progressive", "progression", "icc_profile", "gamma", "srgb", "chromaticity",
    "transparency", "interlace", "aspect", "loop", "duration", "background", "timestamp",
    "version", "bbox", "disposal", "blend", "default_image",  # a GIF's, an animated PNG's
}  # fmt: skip
# A GIF's application extensions that only say how often it plays; others hold XMP.
_LOOPING = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


# Sharp across any phone's or laptop's screen (a 1,440-pixel-wide phone, a 2,000-pixel
# retina column); Ghost keeps uploads at 2,000 pixels too.
SCREEN_LONGEST_SIDE = 2000


@remembered_per_file(16)  # the web archive and the EPUB publish the same pictures
def published(path: Path, longest_side: int | None = None) -> bytes:
    """The picture at `path` as published (see the module's docstring), at most
    `longest_side` pixels on its longer side when given. Bytes Pillow cannot read are
    returned as they are (the outputs' own checks name them)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    data = path.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as picture:
            # An iPhone's JPEG is often an MPO: the photo, then a depth map or a preview.
            kind = "JPEG" if picture.format == "MPO" else picture.format
            if kind not in _KINDS:
                return data  # a format whose copy this would not be
            too_large = longest_side is not None and max(picture.size) > longest_side
            if not too_large and not _revealing(picture):
                return data
            if _animated(picture):
                return _animation(picture, kind, longest_side if too_large else None)
            upright = ImageOps.exif_transpose(picture)
            options = _saving(picture, kind, upright is not picture)
            if too_large and longest_side is not None:
                upright, options = _scaled(upright, longest_side, options)
            upright.info = {}  # a GIF writes its picture's comment: only `options` are kept
            out = io.BytesIO()
            upright.save(out, format=kind, **options)
            return out.getvalue()
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return data


def without_webp(data: bytes) -> tuple[bytes, str]:
    """A WebP picture's bytes (as `published`) in a format every e-reader shows, and its
    suffix: a GIF for an animation, a PNG for a picture with transparency, else a JPEG
    (quality 90, its colour profile kept). WebP is an EPUB core media type only since EPUB
    3.3 (2023): Adobe's reading engine (Kobo, PocketBook), older Apple Books and Kindle's
    conversion show none. Bytes Pillow cannot read are given back as they are (".webp")."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as picture:
            if _animated(picture):
                return _animation(picture, "GIF", None), ".gif"
            out = io.BytesIO()
            profile = {k: v for k, v in picture.info.items() if k == "icc_profile"}
            if picture.has_transparency_data:
                picture.convert("RGBA").save(out, format="PNG", optimize=True, **profile)
                return out.getvalue(), ".png"
            picture.convert("RGB").save(out, format="JPEG", quality=90, **profile)
            return out.getvalue(), ".jpg"
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return data, ".webp"


def _scaled(picture: Any, longest_side: int, options: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """`picture` (a PIL.Image.Image) at most `longest_side` on its longer side, and the
    options to save it with: a palette or two-colour picture is scaled in full colour (it
    has no palette or threshold left after), keeping its transparency as an alpha channel."""
    from PIL import Image

    if picture.mode in ("P", "PA", "1"):  # which Pillow would scale by dropping rows
        picture = picture.convert("RGBA")
        options = {k: v for k, v in options.items() if k != "transparency"}
    ratio = longest_side / max(picture.size)
    size = (max(1, round(picture.width * ratio)), max(1, round(picture.height * ratio)))
    return picture.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0), options


def _animated(picture: Any) -> bool:  # a PIL.Image.Image
    return picture.format != "MPO" and getattr(picture, "n_frames", 1) > 1


def _revealing(picture: Any) -> bool:
    """Whether `picture` (a PIL.Image.Image) carries more than how it is shown: EXIF, XMP,
    text, comments."""
    extension = picture.info.get("extension")
    looping = extension is not None and bytes(extension[0]).startswith(_LOOPING)
    return bool(set(picture.info) - _HARMLESS - ({"extension"} if looping else set()))


def _animation(picture: Any, kind: str, longest_side: int | None) -> bytes:
    """`picture`'s frames (a PIL.Image.Image of several), each at most `longest_side`
    pixels on its longer side when given, in `kind` again with each frame's time and the
    loop, and nothing else it carried. Pillow gives each frame whole (drawn over those
    before it), so a frame with transparency replaces the one before (GIF's disposal 2)."""
    from PIL import ImageSequence

    clear = picture.has_transparency_data
    frames, durations = [], []
    for frame in ImageSequence.Iterator(picture):
        whole = frame.convert("RGBA" if clear else "RGB")
        durations.append(frame.info.get("duration", 0))  # a WebP's, once the frame is read
        if longest_side is not None:
            whole, _ = _scaled(whole, longest_side, {})
        whole.info = {}  # a copy keeps its picture's info: its comment would be written
        frames.append(whole)
    options: dict[str, Any] = {"duration": durations}
    if "loop" in picture.info:  # a GIF without it plays once
        options["loop"] = picture.info["loop"]
    if kind == "GIF" and clear:
        options["disposal"] = 2
    if kind == "WEBP":
        options["quality"] = 90  # as a still WebP's copy
    out = io.BytesIO()
    frames[0].save(out, format=kind, save_all=True, append_images=frames[1:], **options)
    return out.getvalue()


def _saving(picture: Any, kind: str, turned: bool) -> dict[str, Any]:
    """Options that copy what is kept of `picture` (see the module's docstring)."""
    from PIL import JpegImagePlugin

    kept = {key: picture.info[key] for key in ("icc_profile", "dpi") if key in picture.info}
    if kind == "PNG":
        if "transparency" in picture.info:
            kept["transparency"] = picture.info["transparency"]
        return {**kept, "optimize": True}
    if kind == "WEBP":
        return {**kept, "quality": 90}
    if kind == "GIF":
        return {key: picture.info[key] for key in ("transparency",) if key in picture.info}
    sampling = JpegImagePlugin.get_sampling(picture)
    return {
        **kept,
        "qtables": picture.quantization,
        # 4:2:2 turned a quarter is 4:4:0, which Pillow does not write: 4:2:0 then
        "subsampling": sampling if sampling in (0, 2) or not turned else 2,
        "progressive": "progressive" in picture.info or "progression" in picture.info,
        "optimize": True,
    }
