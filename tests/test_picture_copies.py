"""Pictures in formats no output shows (an iPhone's HEIC, a photographer's TIFF, a BMP) are
used through a JPEG or PNG copy in documents/media/<document>/: upright, without what the
phone wrote into them, made once per version of the picture."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pikepdf
import pillow_heif
import pytest
from conftest import WORKSPACES, build_with_warnings, copy_workspace
from PIL import Image

from publisher.picture_copies import shown_copy

ISSUE = "001-first"
GPS = 0x8825
ORIENTATION = 0x0112
BLUE, RED = (20, 20, 200), (200, 30, 30)

DOCUMENT = """\
---
title: Photos from the march
image: phone/IMG_0412.HEIC
---

The march, from a phone:

![The front of the march](phone/IMG_0412.HEIC)

![The leaflet, scanned for the printer](scan.tif)

![The route, drawn](route.bmp)

![A photo that did not arrive whole](damaged.heic)

![The film](march.mp4)
"""


def phone_photo() -> bytes:
    """60 × 40 pixels as the sensor saw them, left half blue, right half red; stored with the
    phone held upright (EXIF orientation 6: turn 90° clockwise to show), and where it was."""
    picture = Image.new("RGB", (60, 40), RED)
    picture.paste(BLUE, (0, 0, 30, 40))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x0110] = "iPhone 15"
    exif[GPS] = {1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)}
    out = io.BytesIO()
    pillow_heif.from_pillow(picture).save(out, format="HEIF", exif=exif.tobytes())
    return out.getvalue()


def print_tiff() -> bytes:
    """A print photographer's TIFF: CMYK, LZW-compressed, 80 × 50, all cyan."""
    out = io.BytesIO()
    Image.new("CMYK", (80, 50), (255, 0, 0, 0)).save(out, format="TIFF", compression="tiff_lzw")
    return out.getvalue()


def drawing() -> bytes:
    out = io.BytesIO()
    Image.new("L", (30, 20), 255).save(out, format="BMP")
    return out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The minimal workspace with the photos' document in its issue, built; its warnings."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("pictures") / "ws")
    documents = root / "documents"
    (documents / "phone").mkdir()
    (documents / "phone" / "IMG_0412.HEIC").write_bytes(phone_photo())
    (documents / "scan.tif").write_bytes(print_tiff())
    (documents / "route.bmp").write_bytes(drawing())
    (documents / "damaged.heic").write_bytes(phone_photo()[:300])
    (documents / "photos.md").write_text(DOCUMENT, encoding="utf-8")
    manifest = root / "issues" / f"{ISSUE}.yaml"
    manifest.write_text(
        manifest.read_text().replace("second-article]", "second-article, photos]")
        + "cover: documents/phone/IMG_0412.HEIC\n"
    )
    return root, build_with_warnings(root)[1]


def shown(root: Path) -> dict[str, Image.Image]:
    """The article's pictures as the web page shows them, by alt text."""
    page = root / "dist" / ISSUE / "photos" / "index.html"
    tree = lxml.html.fromstring(page.read_bytes())
    found = {}
    for img in tree.iter("img"):
        published = (page.parent / img.get("src")).resolve()
        found[img.get("alt")] = Image.open(io.BytesIO(published.read_bytes()))
    return found


def test_each_picture_is_shown_as_a_jpeg_or_png_of_its_own(built: tuple[Path, list[str]]) -> None:
    root, _ = built
    pictures = shown(root)
    kinds = {alt: (p.format, p.size) for alt, p in pictures.items() if alt}
    assert kinds == {
        "The front of the march": ("JPEG", (40, 60)),  # turned upright
        "The leaflet, scanned for the printer": ("JPEG", (80, 50)),
        "The route, drawn": ("PNG", (30, 20)),
    }


def test_the_phone_photo_is_upright_in_srgb_and_says_nothing_of_where_it_was_taken(
    built: tuple[Path, list[str]],
) -> None:
    root, _ = built
    with Image.open(root / "documents" / "phone" / "IMG_0412.HEIC") as original:
        assert GPS in original.getexif()  # (so that its absence below means something)
    photo = shown(root)["The front of the march"]
    assert dict(photo.getexif()) == {}
    assert not {"exif", "xmp", "XML:com.adobe.xmp"} & set(photo.info)
    top, bottom = photo.convert("RGB").getpixel((20, 10)), photo.convert("RGB").getpixel((20, 50))
    assert _near(top, BLUE) and _near(bottom, RED), (top, bottom)  # the left edge is on top
    leaflet = shown(root)["The leaflet, scanned for the printer"]
    assert leaflet.mode == "RGB"  # as screens show it, not the printer's CMYK
    cyan = leaflet.getpixel((5, 5))
    assert cyan[0] < 80 and cyan[1] > 120 and cyan[2] > 180, cyan


def _near(colour: tuple[int, ...], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour, expected, strict=True))


def test_the_phone_photo_is_the_lead_image_and_the_issues_cover_too(
    built: tuple[Path, list[str]],
) -> None:
    root, _ = built
    page = root / "dist" / ISSUE / "photos" / "index.html"
    lead = lxml.html.fromstring(page.read_bytes()).xpath("//meta[@property='og:image']/@content")
    assert lead and lead[0].endswith("IMG_0412.heic.jpg"), lead
    with Image.open(root / "dist" / ISSUE / "cover.jpg") as cover:
        assert (cover.format, cover.size) == ("JPEG", (40, 60))
    with pikepdf.open(root / "dist" / ISSUE / f"{ISSUE}.pdf") as pdf:
        first = {(int(i.Width), int(i.Height)) for i in pdf.pages[0].get_images().values()}
    assert (40, 60) in first


def test_the_copies_are_in_the_epub_and_the_pdf(built: tuple[Path, list[str]]) -> None:
    root, _ = built
    with zipfile.ZipFile(root / "dist" / ISSUE / f"{ISSUE}.epub") as epub:
        opf = lxml.etree.fromstring(epub.read("EPUB/content.opf"))
        [cover] = opf.xpath("//*[local-name()='item'][@properties='cover-image']/@href")
        media = [
            n for n in epub.namelist() if n.startswith("EPUB/media/") and n != f"EPUB/{cover}"
        ]  # (the cover: drawn with the cover photo in it)
        kinds = sorted(Image.open(io.BytesIO(epub.read(n))).format for n in media)
    assert kinds == ["JPEG", "JPEG", "PNG"]
    with pikepdf.open(root / "dist" / ISSUE / f"{ISSUE}.pdf") as pdf:
        sizes = {
            (int(image.Width), int(image.Height))
            for page in pdf.pages
            for image in page.get_images().values()
        }
    assert {(40, 60), (80, 50), (30, 20)} <= sizes


def test_a_damaged_picture_and_a_video_are_named_with_what_to_do(
    built: tuple[Path, list[str]],
) -> None:
    _, warnings = built
    damaged = [w for w in warnings if "damaged.heic" in w]
    assert len(damaged) == 1 and "photos.md" in damaged[0] and "damaged" in damaged[0]
    film = [w for w in warnings if "march.mp4" in w]
    assert film and all("put it online" in w or "its words stay" in w for w in film), film


def test_a_copy_is_made_once_and_again_when_the_picture_changes(
    built: tuple[Path, list[str]],
) -> None:
    root, _ = built
    copy = root / "documents" / "media" / "photos" / "IMG_0412.heic.jpg"
    made = copy.stat().st_mtime_ns
    (root / "documents" / "photos.md").write_text(DOCUMENT + "\nOne line more.\n")
    build_with_warnings(root)
    assert copy.stat().st_mtime_ns == made
    original = root / "documents" / "phone" / "IMG_0412.HEIC"
    picture = Image.new("RGB", (64, 48), BLUE)
    picture.save(original, format="HEIF")
    os.utime(original, ns=(made + 10**9, made + 10**9))
    build_with_warnings(root)
    assert Image.open(copy).size == (64, 48)


def test_a_picture_over_the_pixel_limit_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    photo = tmp_path / "documents" / "IMG_0413.HEIC"
    photo.parent.mkdir()
    photo.write_bytes(phone_photo())
    with pytest.raises(ValueError, match=r"40 × 60 pixels, more than the 0 million"):
        shown_copy(photo, photo.parent, photo.parent / "report.md", max_pixels=2_000)
    assert not (photo.parent / "media").exists()


def test_a_bitmap_whose_header_claims_billions_of_pixels_is_refused_unread(tmp_path: Path) -> None:
    header = b"BM" + struct.pack("<IHHI", 54, 0, 0, 54)
    header += struct.pack("<IiiHHIIiiII", 40, 100_000, 100_000, 1, 24, 0, 0, 0, 0, 0, 0)
    bomb = tmp_path / "plan.bmp"
    bomb.write_bytes(header)
    with pytest.raises(ValueError, match="more pixels than any picture should be"):
        shown_copy(bomb, tmp_path, tmp_path / "report.md", max_pixels=10**12)
