"""Images in document bodies: confined to the document pool when a document is read.

After `confine_images` every <img src> in a body is a path relative to documents/ naming
a file that exists there (one named from a site's root, `/images/x.png`, is looked for in
the static/ folder and the folder of the Hugo, Jekyll or Eleventy site the document was
copied with); anything else (remote URLs, ../, a missing file) is left out, with a warning naming the document and the image. Renderers can then embed (PDF, EPUB) or publish (web, email) images without
ever touching the network or a file outside the workspace.

SVG images are never published as they are: `sanitise_svg` rebuilds them without scripts,
event handlers or references outside the image, and one that cannot be parsed is left out.

Bodies are sanitised HTML (html5ever serialisation, attributes in double quotes), so the
<img> tags can be rewritten reliably with a regex.
"""

from __future__ import annotations

import glob
import html
import itertools
import logging
import os
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, quote, unquote

from . import front_matter, photos, textfiles
from .limits import DEFAULT_LIMITS, PILLOW_MAX_PIXELS, Limits
from .paths import followed, is_file
from .picture_copies import CONVERTED_SUFFIXES, shown_picture
from .sites import SITE_CONFIGS
from .urls import split_url

if TYPE_CHECKING:
    from .model import Document, Issue

log = logging.getLogger(__name__)
_IMG = re.compile(r"<img\b[^>]*>")
# An image alone in a figure or a paragraph: left out, it takes them along.
_FIGURE_OR_IMG = re.compile(
    r"<figure\b[^>]*>.*?</figure>\s*|<p>\s*<img\b[^>]*>\s*</p>\s*|<img\b[^>]*>", re.DOTALL
)
_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')
_ATTR = re.compile(r'\s([a-z-]+)="([^"]*)"')


def confine_images(
    fragment: str,
    pool: Path,
    document: Path,
    base: Path | None = None,
    sources: Sequence[str] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[str, tuple[str, ...]]:
    """Return the fragment with images confined to `pool`, and the pool paths it uses.

    Relative paths resolve against `base`, by default the document's own folder; warnings
    name `document` (a manifest, for an editorial), so the editor knows what to fix.
    An image left out leaves nothing behind: no placeholder, and no figure whose caption
    would only repeat its alt text. `sources`: the src of each <img> before sanitising,
    in order, so that a refused one whose address the sanitiser dropped is still named.
    """
    pool = pool.resolve()
    folder = base or document.parent
    used: list[str] = []
    order = itertools.count()
    known = list(sources) if len(sources) == len(_IMG.findall(fragment)) else []
    vault: dict[str, list[Path]] = {}  # a picture's name → the files of the pool so named
    written = cache(lambda: textfiles.written_text(document))  # read for a first warning
    body = cache(lambda: front_matter.body_line(written()))

    said: dict[str, int] = {}  # an address → the line of its last warning

    def at(*written_as: str, address: bool = True) -> str:
        """The document and the line the first of `written_as` (a picture's `address`, or
        words around it) found in its body is written on, for a warning ("a.md:7"): a
        picture named twice, at its next line each time."""
        find = textfiles.line_of_picture if address else textfiles.line_of
        for src in written_as:
            line = find(written(), src, start=max(said.get(src, 0) + 1, body()))
            if line := line or find(written(), src, start=body()):
                said[src] = line
                return textfiles.where(document, line)
        return str(document)

    def confine(tag: str) -> str:
        index = next(order)
        src = html.unescape(dict(_ATTR.findall(tag)).get("src", ""))
        named = src or (known[index] if known else "")
        parts = split_url(src)
        if not parts.scheme and not parts.netloc and parts.path:
            looked = _looked_in(parts.path, folder, document, pool)
            target = next((p for p in looked if is_file(p)), looked[0])
            if target.is_relative_to(pool):
                suffix = PurePosixPath(parts.path).suffix.lower()
                if suffix not in SHOWN_IMAGE_SUFFIXES and suffix not in CONVERTED_SUFFIXES:
                    log.warning("%s: image %r left out: %s", at(src), src, unshown_format(suffix))
                    return ""
                # a file of the pool, or a picture inside the Word or OpenDocument file
                found = target if is_file(target) else office_image(document, src, pool)
                if found is None and _EMBEDDED.search(tag) and "/" not in parts.path:
                    name = unquote(parts.path)
                    if name not in vault:  # each name looked for once per document
                        vault[name] = in_vault(pool, name)
                    named_so = vault[name]
                    if len(named_so) > 1:
                        _several_named(document, src, named_so, pool)
                        return ""
                    found = named_so[0] if named_so else None
                if found is None:
                    shown = " nor ".join(
                        p.relative_to(pool.parent).as_posix()
                        for p in looked
                        if p.is_relative_to(pool)
                    )
                    log.warning("%s: image %r left out: there is no file %s", at(src), src, shown)
                    return ""
                return used_picture(found, src, tag)
        if named[:5].lower() == "data:":  # kept inside the text, as Google Docs' download has it
            try:
                found = inline_picture(document, named, pool)
            except ValueError as exc:
                log.warning("%s: image %r left out: %s", at(named), shortened(named), exc)
                return ""
            return "" if found is None else used_picture(found, shortened(named), tag)
        if not named:  # `![Hero]({{ page.hero }})`, its Liquid taken away: no name to give
            if alt := html.unescape(dict(_ATTR.findall(tag)).get("alt", "")):
                place = at(f"![{alt}]", f'alt="{alt}"', alt, address=False)
                log.warning(
                    "%s: the picture described %r left out: its address is empty", place, alt
                )
            else:
                log.warning(
                    "%s: a picture left out: its address is empty, and it has no description",
                    at("![](", 'src=""', address=False),
                )
            return ""
        why = outside(split_url(named))
        log.warning("%s: image %r left out: %s", at(named), shortened(named), why)
        return ""

    def used_picture(found: Path, src: str, tag: str) -> str:
        """`tag` showing `found`, a file of the pool; "" when it cannot be shown."""
        # a phone's HEIC, a TIFF: through its copy
        shown = shown_picture(found, pool, document, limits.image_pixels, f"image {src!r}")
        if shown is None:
            return ""
        if (problem := image_problem(shown, limits.image_pixels)) is not None:
            log.warning("%s: image %r left out: %s", at(src), src, problem)
            return ""
        relative = shown.relative_to(pool).as_posix()
        used.append(relative)
        if _SRC.search(tag):
            return _SRC.sub(lambda m: m.group(1) + quote(relative) + m.group(3), tag)
        return tag.replace("<img", f'<img src="{quote(relative)}"', 1)  # a data: one's src: gone

    def replace(match: re.Match[str]) -> str:
        if match.group(0).startswith("<img"):
            return confine(match.group(0))
        container = match.group(0)
        kept = _IMG.sub(lambda m: confine(m.group(0)), container)
        return kept if _IMG.search(kept) or not _IMG.search(container) else ""

    return _FIGURE_OR_IMG.sub(replace, fragment), tuple(dict.fromkeys(used))


def served_picture(value: object, document: Path, pool: Path) -> str | None:
    """A picture named from the site's root (a lead image `/images/cover.jpg`) as the path
    from `document`'s folder to the file the site serves at that address (`_looked_in`),
    or None when it names none: read as a path from the document, it was no file of
    documents/, and the picture was left out."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return None
    for candidate in _looked_in(value, document.parent, document, pool):
        if candidate.is_relative_to(pool.resolve()) and is_file(candidate):
            return os.path.relpath(candidate, followed(document.parent))
    return None


# Where a site serves files from its root: Hugo's and Docusaurus' static/, Astro's public/,
# Hexo's source/ (its posts' pictures in source/images/)
_SERVED_FROM = ("static", "public", "source")


def _looked_in(path: str, folder: Path, document: Path, pool: Path) -> list[Path]:
    """Where an image's address names a file, most likely first: beside the document; or,
    written from the site's root (`/images/x.png`, as Hugo, Jekyll and Eleventy serve it),
    in the static/ (Hugo, Docusaurus) or public/ (Astro) folder and the folder of the site
    the document was copied with, else of documents/. An Astro site keeps its writing in
    src/content/ and serves public/ beside src/."""
    name = unquote(path)
    if not name.startswith("/"):
        return [followed(folder / name)]
    root = _site_root(document, pool)
    roots = [root, root.parent] if root.name == "src" and root != pool else [root]
    served = [site / served / name.lstrip("/") for site in roots for served in _SERVED_FROM]
    return [followed(path) for path in (*served, root / name.lstrip("/"))]


@cache
def _site_root(document: Path, pool: Path) -> Path:
    """The root of the site a document was copied with (the folder of its hugo.toml or
    _config.yml, or the one holding its content/ folder), else documents/."""
    for parent in document.parents:
        if not parent.is_relative_to(pool) or parent == pool:
            break
        if parent.name == "content" or any((parent / n).is_file() for n in SITE_CONFIGS):
            return parent.parent if parent.name == "content" else parent
    for parent in document.parents:  # a Jekyll post copied without its _config.yml
        if parent.name in ("_posts", "_drafts") and parent.is_relative_to(pool):
            return parent.parent
    return pool


# A picture embedded as Obsidian writes it (![[photo.png]]: pandoc's class "wikilink"), which
# names a file anywhere in the vault, as Obsidian finds it
_EMBEDDED = re.compile(r'\sclass="(?:[^"]*\s)?wikilink[\s"]')


def in_vault(pool: Path, name: str) -> list[Path]:
    """The files of the pool named `name` (a picture embedded by its name alone), but in
    Obsidian's own folders (.obsidian, .trash)."""
    if name in (".", ".."):
        return []
    return sorted(
        path
        for path in pool.rglob(glob.escape(name))
        if not any(part.startswith(".") for part in path.relative_to(pool).parts[:-1])
        and path.is_file()
        and followed(path).is_relative_to(pool)
    )


def _several_named(document: Path, src: str, found: list[Path], pool: Path) -> None:
    log.warning(
        "%s: image %r left out: %d files of that name in documents/ (%s): write which,"
        " as in ![[%s]]",
        document,
        src,
        len(found),
        ", ".join(p.relative_to(pool).as_posix() for p in found[:3]),
        found[0].relative_to(pool).as_posix(),
    )


# What every output shows: browsers, e-readers (EPUB's core media types), mail clients once
# copied for email, and WeasyPrint. A TIFF or BMP would break the EPUB and the web page.
SHOWN_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg")


def outside(parts: SplitResult) -> str:
    """Why an image that is no file of documents/ is left out, and what to do."""
    if parts.scheme == "data":
        return "a picture kept inside the text: save it in documents/ and name its file"
    if parts.scheme in ("http", "https") or parts.netloc:
        return (
            "pictures are not fetched from the web: download it into documents/ and link it"
            " by its name"
        )
    return "only images inside documents/ are used"


def unshown_format(suffix: str) -> str:
    """Why an image in another format is left out, and what to do."""
    kind = suffix.lstrip(".").upper() or "no"
    return (
        f"an image in {kind} format, which browsers and e-readers do not show:"
        " save it as JPEG or PNG"
    )


def lead_image(doc: Document, documents_dir: Path) -> str:
    """The document's front-matter `image` as a path inside documents/ (like its body's
    images), or "" when it has none or it cannot be used (which its reading said, once, at
    its line: `lead_image_problem`)."""
    value = doc.extra.get("image")
    if not value or lead_image_problem(str(value), doc.source, documents_dir):
        return ""
    return followed(doc.source.parent / str(value)).relative_to(documents_dir.resolve()).as_posix()


def lead_image_problem(value: str, source: Path, documents_dir: Path) -> str | None:
    """Why the front matter's `image: value` of the document at `source` cannot be shown
    (on the web, outside documents/, no such file, a format outputs do not show), or None."""
    pool = documents_dir.resolve()
    target = followed(source.parent / value)
    if "://" in value or not target.is_relative_to(pool):
        return outside(split_url(value))  # on the web: not fetched, and what to do instead
    if target.suffix.lower() not in SHOWN_IMAGE_SUFFIXES:
        return unshown_format(target.suffix.lower())
    if not is_file(target):
        return f"there is no file {target.relative_to(pool.parent).as_posix()}"
    return image_problem(target, DEFAULT_LIMITS.image_pixels)


OFFICE_MEDIA = {".docx": "word/", ".odt": ""}  # where pandoc's "media/x.png" is in the file
OFFICE_IMAGE_LIMIT = 20 * 1024 * 1024  # bytes, unpacked


def office_image(document: Path, src: str, pool: Path) -> Path | None:
    """An image embedded in a Word or OpenDocument file, as pandoc names it ('media/rId9.png',
    'Pictures/0.png'), copied out to documents/media/<document>/ (where `publisher import`
    puts them), again whenever the file's picture changes, so that the build uses it like
    any image in the pool; None when `document` is no such file, holds no such image, or it
    is not one outputs can show."""
    prefix = OFFICE_MEDIA.get(document.suffix.lower())
    name = PurePosixPath(unquote(src)).name
    if prefix is None or not name or Path(name).suffix.lower() not in SHOWN_IMAGE_SUFFIXES:
        return None
    target = pool / "media" / document.stem / name
    import zipfile

    try:
        with zipfile.ZipFile(document) as office:
            info = office.getinfo(prefix + unquote(src))
            if info.file_size > OFFICE_IMAGE_LIMIT:
                return None
            data = office.read(info)
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    if target.is_file() and target.read_bytes() == data:
        return target  # already copied; a replaced picture keeps its name, so compare bytes
    return _copied_out(document, target, data, f"image {src!r}")


def _copied_out(document: Path, target: Path, data: bytes, named: str) -> Path | None:
    """`data`, a picture of `document` (`named` so in messages), written to `target` in
    documents/media/ for the build to use as any picture of the pool; None, said, when it
    cannot be written."""
    from .errors import PublisherError
    from .output import atomic_write

    try:
        atomic_write(target, data)
    except PublisherError as exc:
        log.warning("%s: %s left out: %s", document, named, exc)
        return None
    log.info("%s: %s is used from %s", document, named, target)
    return target


# The suffix a picture kept inside the text is saved under, by its media type
_INLINE_SUFFIXES = {
    "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp",
    "image/svg+xml": ".svg",
}  # fmt: skip


def inline_picture_name(data: bytes, media_type: str) -> str:
    """The name a picture kept inside the text is saved under: made from its bytes."""
    import hashlib

    return f"picture-{hashlib.sha256(data).hexdigest()[:12]}{_INLINE_SUFFIXES[media_type]}"


def inline_picture(document: Path, url: str, pool: Path) -> Path | None:
    """A picture kept inside the text as a data: URL (Google Docs' Markdown download keeps
    every one so), saved to documents/media/<document>/ under a name made from its bytes (one
    picture used twice is one file), as a Word file's are (`office_image`), so that the build
    uses it like any image in the pool. None when it cannot be saved (said); ValueError, saying
    why, for a URL holding no picture outputs show."""
    data, media_type = embedded_picture(url)
    target = pool / "media" / document.stem / inline_picture_name(data, media_type)
    if target.is_file():
        return target  # named by its bytes: the same picture, read and saved by a build before
    if len(data) > OFFICE_IMAGE_LIMIT:
        raise ValueError(f"a picture of {len(data) // 1024 // 1024} MB: save it as a file")
    if media_type != "image/svg+xml" and not _readable_picture(data):
        raise ValueError("its data is damaged or cut short, and shows no picture")
    return _copied_out(document, target, data, "a picture kept inside the text")


def _readable_picture(data: bytes) -> bool:
    """Whether Pillow reads `data` as a whole picture (one of more pixels than an image may
    have is: `image_problem` says so, by how many)."""
    import io
    import warnings

    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except Image.DecompressionBombError:
            return True
        except Exception:  # Pillow's decoders raise many kinds for bad data
            return False
    return True


def shortened(source: str, limit: int = 80) -> str:
    """A source fit for a message (a data: URL can be megabytes)."""
    return source if len(source) <= limit else source[: limit - 1] + "…"


def prefix_images(fragment: str, prefix: str) -> str:
    """Point pool-relative image paths at where an output publishes them (`prefix` + path)."""
    return _SRC.sub(lambda m: m.group(1) + prefix + m.group(2) + m.group(3), fragment)


def image_sources(fragment: str) -> list[str]:
    """The src of every image in a body, as written (so outputs can say who asked for what)."""
    return [html.unescape(m.group(2)) for m in _SRC.finditer(fragment)]


def written_sources(fragment: str) -> list[str]:
    """The src of every <img> in HTML as pandoc writes it, "" for one without."""
    return [
        html.unescape(dict(_ATTR.findall(tag)).get("src", "")) for tag in _IMG.findall(fragment)
    ]


def pool_images(fragment: str) -> list[str]:
    """The documents/ paths of a confined fragment's images (e.g. an editorial's)."""
    return [unquote(src) for src in image_sources(fragment)]


def media_path(pool_relative: str) -> PurePosixPath:
    """Where the web archive publishes a pool image, relative to the output folder."""
    return PurePosixPath("media") / pool_relative


# Where the web archive publishes covers, lead images and the logo (relative to the output
# folder), for the pages, the email and Open Graph to link. ------------------------------


def email_suffix(path: PurePosixPath | Path | str) -> str:
    """JPEG stays JPEG; everything else (PNG, GIF, WebP, SVG) becomes PNG for email."""
    return ".jpg" if str(path).lower().endswith((".jpg", ".jpeg")) else ".png"


def email_copy_path(pool_relative: str) -> PurePosixPath:
    """A documents/ image's copy for email."""
    return PurePosixPath("media-email") / PurePosixPath(pool_relative).with_suffix(
        email_suffix(pool_relative)
    )


def cover_path(issue: Issue) -> PurePosixPath | None:
    return PurePosixPath(issue.slug) / f"cover{issue.cover.suffix.lower()}" if issue.cover else None


def cover_email_path(issue: Issue) -> PurePosixPath | None:
    if not issue.cover:
        return None
    return PurePosixPath(issue.slug) / f"cover-email{email_suffix(issue.cover)}"


def logo_path(logo: Path | None) -> PurePosixPath | None:
    return PurePosixPath("style") / f"logo{logo.suffix.lower()}" if logo else None


LOGO_EMAIL_PATH = PurePosixPath("style/logo-email.png")


def web_font_path(font: Path) -> PurePosixPath:
    """Where the web archive publishes a font the workspace bundles: as WOFF2, whatever the
    file's format (`images.publish_style`)."""
    return PurePosixPath("style") / f"{font.stem}.woff2"


# The logo on a picture link previews take (`images.share_picture`), for pages with none
SHARE_PICTURE_PATH = PurePosixPath("style/share.png")


# SVG images -------------------------------------------------------------------------------
# An SVG is a document that can run scripts and load other files. Outputs only ever publish
# it rebuilt from an allowlist: SVG elements that draw, no event handlers, and references
# (href, CSS url()) to fragments of the image itself only.

SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_XML_KEPT = {
    "{http://www.w3.org/XML/1998/namespace}space",
    "{http://www.w3.org/XML/1998/namespace}lang",
}
_SVG_ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "desc",
        "title",
        "symbol",
        "use",
        "switch",
        "a",
        "view",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "clipPath",
        "mask",
        "marker",
        "image",
        "style",
        "filter",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feImage",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
    ]
)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)
# The pictures an SVG may carry inside it (an <image> "embedded" by Inkscape or Illustrator)
EMBEDDED_PICTURES = ("image/png", "image/jpeg", "image/gif", "image/webp")
_EMBEDDED_RASTER = re.compile(
    rf"data:({'|'.join(map(re.escape, EMBEDDED_PICTURES))});base64,", re.IGNORECASE
)


def embedded_picture(url: str) -> tuple[bytes, str]:
    """The picture a data: URL holds, and its media type: a picture an SVG carries inside
    it, or an SVG (sanitised as a file's is). ValueError for a URL that holds anything else
    (a page, a font, a script: nothing an output needs read unchecked)."""
    from urllib.error import URLError
    from urllib.request import DataHandler, Request

    if not url.lower().startswith("data:"):
        raise ValueError("not a data: URL")
    try:  # the standard library's reading of data: URLs, and of that scheme only
        with DataHandler().data_open(Request(url)) as response:
            media_type, data = response.headers.get_content_type(), response.read()
    except (URLError, ValueError) as exc:
        raise ValueError(f"a data: URL that cannot be read ({exc})") from None
    if media_type == "image/svg+xml":
        return sanitise_svg(data), media_type
    if media_type not in EMBEDDED_PICTURES:
        raise ValueError(f"a data: URL of {media_type}, not a picture")
    return data, media_type


def svg_problem(path: Path) -> str | None:
    """Why an SVG file cannot be published safely, or None (also for other images)."""
    if path.suffix.lower() != ".svg":
        return None
    try:
        sanitise_svg(path.read_bytes())
    except (OSError, ValueError) as exc:
        return f"an SVG that cannot be read safely ({exc})"
    return None


def image_problem(path: Path, max_pixels: int) -> str | None:
    """Why an image cannot be published: an SVG that is not safe (svg_problem), or a
    picture of more than `max_pixels` (read from its header). None for an image that can
    be, and for one that is no image at all (the renderers say so)."""
    if path.suffix.lower() == ".svg":
        return svg_problem(path)
    import warnings

    from PIL import Image

    with warnings.catch_warnings():  # Pillow's warning: its limit is not ours, this says more
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                width, height = image.size
            pixels = width * height
            size = f"{width:,} × {height:,} pixels ({pixels / 1e6:.0f} million)"
        except Image.DecompressionBombError as exc:  # over Pillow's, the highest ours may be
            said = re.search(r"\((\d+) pixels\)", str(exc))  # "Image size (N pixels) exceeds…"
            pixels = int(said[1]) if said else PILLOW_MAX_PIXELS + 1
            size = f"{pixels / 1e6:.0f} million pixels"
        except (OSError, ValueError):
            return None
    if pixels <= max_pixels:
        return None
    return (
        f"{size}, more than the {max_pixels / 1e6:.0f} million an image may have: scale it"
        " down (3,500 pixels across fill an A4 page at 400 ppi), or raise image_pixels"
        " under [limits]"
    )


def publishable_image(path: Path, longest_side: int | None = None) -> bytes:
    """An image's bytes as outputs may publish them: SVG sanitised, a photo without its
    EXIF, XMP or IPTC (photos.py) and at most `longest_side` pixels on its longer side when
    given, others as they are. Raises ValueError for an SVG that cannot be parsed."""
    suffix = path.suffix.lower()
    if suffix in photos.SUFFIXES:
        return photos.published(path, longest_side)
    data = path.read_bytes()
    return sanitise_svg(data) if suffix == ".svg" else data


def published_image(pool: Path, relative: str, referrer: Path) -> bytes | None:
    """A pool image as a screen's output (the web archive, the EPUB) publishes it, or None
    with a warning naming `referrer` (the document or manifest that shows it) when it
    cannot be published safely."""
    try:
        return publishable_image(pool / relative, photos.SCREEN_LONGEST_SIDE)
    except (OSError, ValueError) as exc:
        log.warning("%s: image %r left out: %s", referrer, relative, exc)
        return None


def svg_parser() -> Any:  # an lxml XMLParser
    """How every SVG is parsed (sanitised here, sized and greyed by the renderers): without
    entities, DTDs or network, so it cannot read a file while being read."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )


def sanitise_svg(data: bytes) -> bytes:
    """The SVG rebuilt from the allowlist; ValueError when it is not well-formed SVG."""
    from lxml import etree

    try:
        root = etree.fromstring(data, svg_parser())
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not well-formed: {exc}") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValueError("its root is not an <svg> element in the SVG namespace")
    for node in list(root.iter()):
        if not _svg_element_allowed(node):
            _drop(node)
        else:
            _clean_svg_attributes(node)
            if node.tag == f"{{{SVG_NS}}}style":
                node.text = _clean_css(node.text or "")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _svg_element_allowed(node: object) -> bool:
    tag = getattr(node, "tag", None)
    if not isinstance(tag, str) or not tag.startswith(f"{{{SVG_NS}}}"):
        return False  # entity references, other namespaces (XHTML, editors' metadata)
    return tag.removeprefix(f"{{{SVG_NS}}}") in _SVG_ELEMENTS


def _drop(node: object) -> None:
    parent = node.getparent()  # type: ignore[attr-defined]
    if parent is not None:  # None: already inside a dropped element
        parent.remove(node)


def _clean_svg_attributes(element: object) -> None:
    attrib = element.attrib  # type: ignore[attr-defined]
    local_tag = element.tag.rsplit("}", 1)[-1]  # type: ignore[attr-defined]
    for name in list(attrib):
        value = attrib[name]
        if name in ("href", _XLINK_HREF):
            keep = value.strip().startswith("#") or (
                local_tag == "image" and _EMBEDDED_RASTER.match(value.strip()) is not None
            )
        elif name.startswith("{"):
            keep = name in _XML_KEPT
        elif name.lower().startswith("on"):
            keep = False
        else:
            keep = _css_is_local(value)
        if not keep:
            del attrib[name]
        elif name == "style":
            attrib[name] = _clean_css(value)


def _css_is_local(value: str) -> bool:
    """True when every url() in a value points inside the image (a fragment)."""
    if "\\" in value:  # CSS escapes could spell url( in disguise
        return False
    return all(m.group(2).strip().startswith("#") for m in _CSS_URL.finditer(value))


def _clean_css(css: str) -> str:
    """Style text without @import and with outside url()s replaced by `none`."""
    if "\\" in css:
        return ""
    css = _CSS_IMPORT.sub("", css)
    return _CSS_URL.sub(lambda m: m.group(0) if m.group(2).strip().startswith("#") else "none", css)
