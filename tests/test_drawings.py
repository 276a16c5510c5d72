"""SVG drawings where a raster is wanted: sized as a browser sizes them in an <img>, drawn
into a PNG by librsvg with their lettering, and refused with a reason, never a crash."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from publisher.renderers.drawings import svg_size, svg_to_png

SVG = '<svg xmlns="http://www.w3.org/2000/svg" {}>{}</svg>'


def drawing(attributes: str, content: str = "") -> bytes:
    return SVG.format(attributes, content).encode()


@pytest.mark.parametrize(
    ("attributes", "size"),
    [
        ('width="120" height="60"', (120, 60)),
        ('width="120px" height="60px"', (120, 60)),
        ('width="30mm" height="10mm"', (113, 38)),  # 96 px to the inch, 25.4 mm to it
        ('width="2in" height="1in"', (192, 96)),
        ('width="72pt" height="36pt"', (96, 48)),
        ('width="10em" height="5em"', (160, 80)),  # a browser's 16 px em
        ('viewBox="0 0 200 100"', (200, 100)),
        ('width="400" viewBox="0 0 200 100"', (400, 200)),
        ('height="50" viewBox="0,0,200,100"', (100, 50)),
        ('width="50%" height="50%" viewBox="0 0 200 100"', (200, 100)),
        ("", (300, 150)),  # CSS's default object size
        ('width="nonsense" height="-4" viewBox="0 0 0 0"', (300, 150)),
    ],
)
def test_a_drawing_is_sized_in_css_pixels_as_a_browser_sizes_it(
    attributes: str, size: tuple[int, int]
) -> None:
    assert svg_size(drawing(attributes)) == size


def test_a_drawing_is_drawn_at_the_width_asked_for_with_its_proportions_and_colours() -> None:
    red_and_blue = drawing(
        'width="20" height="10"',
        '<rect width="10" height="10" fill="#ff0000"/><rect x="10" width="10" height="10" '
        'fill="#0000ff"/>',
    )
    png, width, height = svg_to_png(red_and_blue, 200)
    assert (width, height) == (200, 100)
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.format == "PNG" and picture.size == (200, 100)
        rgba = picture.convert("RGBA")
        assert rgba.getpixel((50, 50)) == (255, 0, 0, 255)
        assert rgba.getpixel((150, 50)) == (0, 0, 255, 255)


def test_the_lettering_of_a_logo_is_drawn() -> None:
    lettering = drawing(
        'width="300" height="60"',
        '<rect width="300" height="60" fill="#ffffff"/>'
        '<text x="10" y="45" font-family="sans-serif" font-size="40">Dockside</text>',
    )
    png, _, _ = svg_to_png(lettering, 300)
    with Image.open(io.BytesIO(png)) as picture:
        dark = sum(picture.convert("L").histogram()[:100])
    assert dark > 500  # glyphs, not a blank plate


@pytest.mark.parametrize(
    ("svg", "reason"),
    [
        (b"<svg><g></svg>", "cannot be read"),
        (drawing('width="1" height="1000000"'), "too tall"),
    ],
)
def test_a_drawing_that_cannot_be_drawn_is_refused_with_the_reason(svg: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        svg_to_png(svg, 1200)


def test_without_librsvg_the_reason_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ValueError, match="apt-get install librsvg2-bin"):
        svg_to_png(drawing('width="10" height="10"'), 10)
