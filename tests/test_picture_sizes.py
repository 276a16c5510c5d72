"""A phone's full-size photo is published at the size each output shows it: at most 450
ppi where print lays it out, at most 2,000 pixels on its longer side on the web and in the
EPUB; a picture already that small is published as it is."""

from __future__ import annotations

import base64
import io
import subprocess
import zipfile
from pathlib import Path

import lxml.etree
import pytest
from conftest import build_with_warnings, minimal_with
from PIL import Image, ImageDraw
from validators import epubcheck_messages

ISSUE = "001-first"
XLINK = "http://www.w3.org/1999/xlink"


def photo(size: tuple[int, int]) -> bytes:
    """A photo-like JPEG: a gradient with shapes, which JPEG compresses as it does photos."""
    picture = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for n in range(0, size[0], 97):
        draw.ellipse((n, n % size[1], n + 180, n % size[1] + 120), fill=(200, n % 255, 40))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=92)
    return out.getvalue()


def drawing(size: tuple[int, int]) -> bytes:
    """A palette PNG with a transparent background, as drawing programs save diagrams."""
    picture = Image.new("P", size, 0)
    picture.putpalette([255, 255, 255, 200, 30, 30] + [0, 0, 0] * 254)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), 1)
    for y in (1801, 1804, 1807, 1810):  # hairlines, a third of the rows apart
        draw.line((0, y, size[0], y), 1)
    out = io.BytesIO()
    picture.save(out, format="PNG", transparency=0)
    return out.getvalue()


SMALL = photo((800, 600))

ARTICLE = """\
---
title: The march
---

Thousands marched.

![The march on Main Street](media/march-phone.jpg)

![The route](media/route.png)

![The stewards](media/stewards.jpg)
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {
        "media/march-phone.jpg": photo((6000, 4000)),  # 24 megapixels
        "media/route.png": drawing((3000, 2400)),
        "media/stewards.jpg": SMALL,
        "march.md": ARTICLE,
    }
    root = minimal_with(
        tmp_path_factory.mktemp("sizes") / "ws", files, '\n[pdf]\npage_size = "A5"\n'
    )
    out, _ = build_with_warnings(root)
    return out


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_on_the_web_a_full_size_photo_is_2000_pixels_wide_and_keeps_its_shape(
    built: Path,
) -> None:
    march = opened((built / "media" / "media" / "march-phone.jpg").read_bytes())
    assert march.format == "JPEG" and march.size == (2000, 1333)
    route = opened((built / "media" / "media" / "route.png").read_bytes()).convert("RGBA")
    assert route.size == (2000, 1600)
    assert route.getpixel((5, 5))[3] == 0  # the background still shows through
    assert route.getpixel((700, 600))[:3] == (200, 30, 30)
    # the hairlines are still there (scaled by dropping rows, as palette pictures are by
    # default, every one of them fell between the rows kept)
    assert any(route.getpixel((1000, y))[3] > 0 for y in range(1195, 1215))


def test_a_picture_already_small_enough_is_published_byte_for_byte(built: Path) -> None:
    assert (built / "media" / "media" / "stewards.jpg").read_bytes() == SMALL


def test_the_epub_holds_the_screen_sized_copies(built: Path) -> None:
    with zipfile.ZipFile(built / ISSUE / f"{ISSUE}.epub") as epub:
        sizes = sorted(
            opened(epub.read(name)).size
            for name in epub.namelist()
            if Path(name).suffix in (".jpg", ".png")  # pandoc names them file0.jpg, …
        )
    assert sizes == [(800, 600), (1200, 1800), (2000, 1333), (2000, 1600)]  # and the cover


def test_print_embeds_each_picture_at_most_at_450_ppi_where_it_stands(built: Path) -> None:
    """pdfimages (poppler) reads each picture's size and the resolution it is printed at."""
    listing = subprocess.run(
        ["pdfimages", "-list", str(built / ISSUE / f"{ISSUE}.pdf")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()[2:]
    rows = [line.split() for line in listing]
    pictures = [(int(r[3]), int(r[4]), int(r[12]), int(r[13])) for r in rows if r[2] == "image"]
    # the photo and the drawing, brought down to 450 ppi; the small photo as it is (< 450)
    assert sorted(p[2] for p in pictures if p[0] > 800) == [450, 450], pictures
    assert any(p[:2] == (800, 600) for p in pictures), pictures
    # A5's text block is under 5 inches wide: no picture in it needs 2,250 pixels
    assert max(p[0] for p in pictures) < 2250, pictures


def animation(size: tuple[int, int], comment: bytes = b"", kind: str = "GIF") -> bytes:
    """An animated GIF (or WebP) as a screen recorder saves one: three frames (red, green,
    blue, a white disc moving across), a tenth, a fifth and three tenths of a second,
    looping; with a comment (the recorder's user) when given."""
    frames = []
    for n, colour in enumerate(((200, 30, 30), (30, 160, 60), (30, 60, 200))):
        frame = Image.new("RGB", size, colour)
        side = size[0] // 4
        ImageDraw.Draw(frame).ellipse((n * side, side, n * side + side, 2 * side), "white")
        frames.append(frame)
    out = io.BytesIO()
    extra = {"comment": comment} if comment else {}
    frames[0].save(
        out,
        kind,
        save_all=True,
        append_images=frames[1:],
        duration=[100, 200, 300],
        loop=0,
        **extra,
    )
    return out.getvalue()


SMALL_ANIMATION = animation((400, 400))

ANIMATED = """\
---
title: The logo
---

![An animation of the logo](media/anim.gif)

![A small animation](media/small.gif)

![The same as WebP](media/anim.webp)
"""


@pytest.fixture(scope="module")
def animated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {
        "media/anim.gif": animation((2400, 2400), b"Recorded by Jo Bloggs, 12 Quay Street"),
        "media/small.gif": SMALL_ANIMATION,
        "media/anim.webp": animation((2400, 2400), kind="WEBP"),
        "logo.md": ANIMATED,
    }
    root = minimal_with(tmp_path_factory.mktemp("animated") / "ws", files)
    out, _ = build_with_warnings(root, ["epub", "web"])
    return out


def frames_of(data: bytes) -> list[tuple[tuple[int, int], int, tuple[int, ...]]]:
    """Each frame's size, duration and the colour at its bottom left corner."""
    from PIL import ImageSequence

    found = []
    with opened(data) as picture:
        for frame in ImageSequence.Iterator(picture):
            colour = frame.convert("RGB").getpixel((5, frame.height - 5))
            found.append((frame.size, frame.info["duration"], colour))  # a WebP's: once read
    return found


def test_a_large_animated_gif_is_published_2000_pixels_wide_still_moving(animated: Path) -> None:
    """A 2,400-pixel screen recording went out as it was, every frame full size, in the
    web archive and the EPUB: it is scaled frame by frame, keeping each frame's time, the
    loop, and the frames' colours, and without the recorder's comment. (The EPUB holds
    the WebP animation as a GIF too.)"""
    with zipfile.ZipFile(animated / ISSUE / f"{ISSUE}.epub") as epub:
        in_epub = [
            epub.read(n)
            for n in epub.namelist()
            if n.endswith(".gif") and opened(epub.read(n)).width > 400
        ]
    assert in_epub
    for data in ((animated / "media" / "media" / "anim.gif").read_bytes(), *in_epub):
        assert opened(data).format == "GIF" and opened(data).info.get("loop") == 0
        assert b"Jo Bloggs" not in data
        frames = frames_of(data)
        assert [(size, duration) for size, duration, _ in frames] == [
            ((2000, 2000), 100),
            ((2000, 2000), 200),
            ((2000, 2000), 300),
        ]
        reds, greens, blues = (colour for _, _, colour in frames)
        assert reds[0] > 150 and greens[1] > 120 and blues[2] > 150, frames


def test_a_large_animated_webp_on_the_web_is_2000_pixels_wide_still_moving(
    animated: Path,
) -> None:
    data = (animated / "media" / "media" / "anim.webp").read_bytes()
    assert opened(data).format == "WEBP"
    frames = frames_of(data)
    assert [(size, duration) for size, duration, _ in frames] == [
        ((2000, 2000), 100),
        ((2000, 2000), 200),
        ((2000, 2000), 300),
    ]


def test_a_small_animated_gif_carrying_nothing_is_published_byte_for_byte(animated: Path) -> None:
    assert (animated / "media" / "media" / "small.gif").read_bytes() == SMALL_ANIMATION


def webp(size: tuple[int, int], transparent: bool = False) -> bytes:
    """A WebP as a site or a phone's share sheet saves photos (opaque), or a drawing with
    a transparent background."""
    picture = Image.linear_gradient("L").resize(size).convert("RGBA")
    if transparent:
        picture = Image.new("RGBA", size, (0, 0, 0, 0))
        ImageDraw.Draw(picture).rectangle((10, 10, size[0] // 2, size[1] // 2), (200, 30, 30))
    out = io.BytesIO()
    picture.save(out, "WEBP", quality=85)
    return out.getvalue()


WEBP_ARTICLE = """\
---
title: The harbour
image: media/harbour.webp
---

![The harbour at dawn](media/harbour.webp)

![The route](media/route.webp)

![The logo, moving](media/moving.webp)
"""


@pytest.fixture(scope="module")
def webp_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {
        "media/harbour.webp": webp((1200, 800)),
        "media/route.webp": webp((600, 400), transparent=True),
        "media/moving.webp": animation((300, 300), kind="WEBP"),
        "harbour.md": WEBP_ARTICLE,
    }
    root = minimal_with(tmp_path_factory.mktemp("webp") / "ws", files)
    out, _ = build_with_warnings(root, ["epub"])
    return out / ISSUE / f"{ISSUE}.epub"


def test_the_epub_shows_webp_pictures_as_jpeg_png_and_gif_for_older_e_readers(
    webp_book: Path,
) -> None:
    """Adobe's reading engine (Kobo, PocketBook), older Apple Books and Kindle's
    conversion show no WebP (an EPUB core media type only since EPUB 3.3): in the EPUB a
    photo becomes a JPEG, a picture with transparency a PNG, an animation a GIF."""
    with zipfile.ZipFile(webp_book) as epub:
        names = epub.namelist()
        pictures = {n: opened(epub.read(n)) for n in names if n.startswith("EPUB/media/")}
        chapters = [epub.read(n) for n in names if n.endswith(".xhtml")]
        opf = epub.read("EPUB/content.opf")
    assert b"image/webp" not in opf and not [n for n in names if n.endswith(".webp")]
    shown = {(p.format, p.size, getattr(p, "n_frames", 1)) for p in pictures.values()}
    assert shown == {
        ("JPEG", (1200, 800), 1),
        ("PNG", (600, 400), 1),
        ("GIF", (300, 300), 3),
        ("JPEG", (1200, 1800), 1),  # the cover drawn for the book
    }
    [route] = [p for p in pictures.values() if p.format == "PNG"]
    assert route.convert("RGBA").getpixel((590, 390))[3] == 0  # still transparent
    sources = {
        src
        for chapter in chapters
        for src in lxml.etree.fromstring(chapter).xpath(
            "//h:img/@src", namespaces={"h": "http://www.w3.org/1999/xhtml"}
        )
    }
    assert sources and {f"EPUB/{src.removeprefix('../')}" for src in sources} <= set(pictures)
    assert epubcheck_messages(webp_book) == []


def drawing_with(picture: bytes) -> str:
    """A drawing as Inkscape saves one with a photo embedded in it (Import, "Embed"): the
    photo inside its <image> as a data: address of its own type."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' width="210mm" height="148mm" viewBox="0 0 210 148">\n'
        '  <image width="120" height="80" x="10" y="10" preserveAspectRatio="none"\n'
        f'     xlink:href="data:image/webp;base64,{base64.b64encode(picture).decode()}" />\n'
        '  <text x="140" y="60">Gate A</text>\n'
        "</svg>\n"
    )


def test_a_webp_photo_inside_a_drawing_is_a_jpeg_in_the_epub(tmp_path: Path) -> None:
    """A WebP photo embedded in an SVG drawing was left WebP in the EPUB, which Adobe's
    reading engine, older Apple Books and Kindle's conversion do not show: like a WebP
    file, it goes in as a JPEG (a PNG with transparency)."""
    files = {
        "media/route.svg": drawing_with(webp((600, 400))),
        "media/gate.svg": drawing_with(webp((300, 200), transparent=True)),
        "map.md": "---\ntitle: The route\n---\n\n![The route](media/route.svg)\n\n"
        "![Gate A](media/gate.svg)\n",
    }
    out, _ = build_with_warnings(minimal_with(tmp_path / "ws", files), ["epub"])

    book = out / ISSUE / f"{ISSUE}.epub"
    with zipfile.ZipFile(book) as epub:
        drawings = [epub.read(n) for n in epub.namelist() if n.endswith(".svg")]
    embedded = []
    for drawing in drawings:
        for href in lxml.etree.fromstring(drawing).xpath(
            "//svg:image/@xlink:href",
            namespaces={"svg": "http://www.w3.org/2000/svg", "xlink": XLINK},
        ):
            kind, _, data = href.removeprefix("data:").partition(";base64,")
            picture = opened(base64.b64decode(data))
            embedded.append((kind, picture.format, picture.size))
    assert sorted(embedded) == [
        ("image/jpeg", "JPEG", (600, 400)),
        ("image/png", "PNG", (300, 200)),
    ]
    assert epubcheck_messages(book) == []
