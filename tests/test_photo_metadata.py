"""A published picture says nothing of where it was taken or by whom: the EXIF a phone
writes (GPS position, device, time), the XMP and text an editing program adds, are in no
output, while the picture itself is as it was: upright, its colour profile and JPEG
quality kept, and a picture that carried none of it published byte for byte."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pikepdf
import pytest
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace
from parsed_outputs import published_files
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from publisher.build import build

# Written into the pictures below; none may reach an output.
SECRETS = (b"iPhone 13 Pro", b"Jo Bloggs, 12 Quay Street", b"Canon EOS 80D", b"xmp-secret")
GPS = {1: "N", 2: (51.0, 30.0, 12.34), 3: "W", 4: (0.0, 7.0, 39.0)}


def phone_photo(path: Path) -> None:
    """Stored 1200 wide and 800 high, shown upright (EXIF orientation 6: a quarter turn)."""
    picture = Image.new("RGB", (1200, 800), (30, 90, 160))
    picture.paste((250, 200, 0), (0, 0, 200, 800))  # a yellow band on the stored left edge
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112], exif[0x8825] = "Apple", "iPhone 13 Pro", 6, GPS
    picture.save(path, exif=exif, quality=90)


def camera_photo(path: Path) -> None:
    """A camera's JPEG as an editing program saved it: GPS, XMP, a colour profile."""
    exif = Image.Exif()
    exif[0x0110], exif[0x8825] = "Canon EOS 80D", GPS
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>xmp-secret</rdf:RDF></x:xmpmeta>'
    Image.new("RGB", (1000, 700), (160, 60, 30)).save(
        path, exif=exif, xmp=xmp, icc_profile=srgb, quality=75
    )


def screenshot(path: Path) -> None:
    """A PNG with the author's name and address in a text chunk, and EXIF."""
    text = PngInfo()
    text.add_text("Author", "Jo Bloggs, 12 Quay Street")
    exif = Image.Exif()
    exif[0x8825] = GPS
    Image.new("RGB", (900, 600), (20, 140, 60)).save(path, pnginfo=text, exif=exif)


def plain_photo(path: Path) -> None:
    Image.new("RGB", (800, 600), (90, 90, 90)).save(path, quality=80)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal workspace with these pictures in its first article, built once: the
    tests only read what it wrote."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("photos") / "ws")
    media = root / "documents" / "media"
    media.mkdir(exist_ok=True)
    for make, name in (
        (phone_photo, "rally.jpg"),
        (camera_photo, "camera.jpg"),
        (screenshot, "screen.png"),
        (plain_photo, "plain.jpg"),
    ):
        make(media / name)
    article = root / "documents" / "first-article.md"
    text = article.read_text().replace("---\n", "---\nimage: media/rally.jpg\n", 1)
    shown = "".join(f"\n![{n}](media/{n})\n" for n in ("camera.jpg", "screen.png", "plain.jpg"))
    article.write_text(text + shown)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        build(root)
    return root


def pdf_pictures(pdf: Path) -> list[bytes]:
    with pikepdf.open(pdf) as document:
        found = {i.objgen: i for page in document.pages for i in page.get_images().values()}
        return [image.read_raw_bytes() for image in found.values()]


def test_no_output_says_where_a_picture_was_taken_or_by_whom(built: Path) -> None:
    leaks = {
        (name, secret.decode())
        for name, data in published_files(built / "dist").items()
        for secret in SECRETS
        if secret in data
    }
    assert leaks == set()
    for picture in pdf_pictures(built / "dist" / "001-first" / "001-first.pdf"):
        assert b"Exif" not in picture and b"xmpmeta" not in picture


def test_a_published_picture_carries_no_exif_gps(built: Path) -> None:
    web = built / "dist" / "media" / "media"
    for name in ("rally.jpg", "camera.jpg", "screen.png"):
        with Image.open(web / name) as published:
            assert not published.getexif().get_ifd(0x8825), name
            assert "xmp" not in published.info and "Author" not in published.info, name


def test_a_phone_photo_is_published_upright_without_the_turn_readers_may_ignore(
    built: Path,
) -> None:
    """An e-reader that ignores EXIF showed it on its side."""
    book = built / "dist" / "001-first" / "001-first.epub"
    with zipfile.ZipFile(book) as epub:
        inside = [n for n in epub.namelist() if n.endswith(".jpg")]
        copies = [epub.read(n) for n in inside]
    copies.append((built / "dist" / "media" / "media" / "rally.jpg").read_bytes())
    upright = []
    for data in copies:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.size in ((800, 1200), (1200, 800)):
                assert 0x0112 not in picture.getexif()
                # The yellow band, stored on the left, is shown at the top.
                upright.append((picture.size, picture.convert("RGB").getpixel((400, 50))))
    assert len(upright) >= 2
    for size, top in upright:
        assert size == (800, 1200)
        assert top[0] > 200 and top[1] > 150 and top[2] < 100  # yellow


def test_a_copy_keeps_the_colour_profile_and_the_jpeg_quality(built: Path) -> None:
    original = built / "documents" / "media" / "camera.jpg"
    published = built / "dist" / "media" / "media" / "camera.jpg"
    with Image.open(original) as before, Image.open(published) as after:
        assert after.info["icc_profile"] == before.info["icc_profile"]
        assert after.quantization == before.quantization  # quality 75 stays 75
        assert after.size == before.size


def test_a_picture_that_carries_nothing_is_published_as_it_is(built: Path) -> None:
    original = (built / "documents" / "media" / "plain.jpg").read_bytes()
    assert (built / "dist" / "media" / "media" / "plain.jpg").read_bytes() == original
