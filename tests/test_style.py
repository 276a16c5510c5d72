"""[style] in publisher.toml: a theme chosen by name, a logo, an accent colour, fonts and a
masthead line, checked at their lines and applied to every output.

One styled workspace (tests/workspaces/styled-campaign: the campaign theme, an installed
body font, a bundled heading font) is built once for the module."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pikepdf
import pytest
from config_support import GOOD, config_error

from publisher.build import build
from publisher.config import load_config
from publisher.jobs import BuildReport
from publisher.style import Style, contrast
from publisher.templating import make_environment

STYLED = Path(__file__).parent / "workspaces" / "styled-campaign"
SLUG = "001-styled"


def draw_images(documents: Path) -> None:
    """The cover (too small for print: a warning), a lead image wider than email needs,
    and a small body image."""
    from PIL import Image

    media = documents / "media"
    media.mkdir(exist_ok=True)
    Image.new("RGB", (400, 250), (40, 120, 60)).save(media / "cover.png")
    Image.new("RGB", (2400, 1200), (120, 160, 90)).save(media / "lead.jpg", quality=70)
    Image.new("RGB", (120, 120), (200, 60, 60)).save(media / "small.png")


def copy_styled(target: Path) -> Path:
    shutil.copytree(STYLED, target)
    draw_images(target / "documents")
    font = subprocess.run(
        ["fc-match", "--format", "%{file}", "DejaVu Sans:style=Bold"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shutil.copy(font, target / "style" / "Heading.ttf")
    return target


@pytest.fixture(scope="module")
def styled(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, list[str]]:
    """The styled workspace built once; and the warnings the PDF's rendering gave."""
    import logging

    root = copy_styled(tmp_path_factory.mktemp("styled") / "ws")
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger().addHandler(handler)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("SOURCE_DATE_EPOCH", "1772323200")
            build(root, formats=["pdf"])  # alone, so in this process: its warnings are seen
            report = build(root)
    finally:
        logging.getLogger().removeHandler(handler)
    return report, records


def out(styled: tuple[BuildReport, list[str]]) -> Path:
    return styled[0].out_dir


# --- settings --------------------------------------------------------------------------------


def test_a_style_table_is_read_with_its_files(tmp_path: Path) -> None:
    root = copy_styled(tmp_path / "ws")
    style = load_config(root).style
    assert style.theme == "campaign" and style.accent == "#1d6b2f"
    assert style.logo == (root / "style" / "logo.svg").resolve()
    assert style.logo_alt == "Styled Test Organisation" and style.masthead
    assert style.body_font and style.body_font.family == "DejaVu Serif"
    assert [f.weight for f in style.body_font.faces] == [400, 700, 400, 700]
    assert style.heading_font and style.heading_font.bundled
    assert style.heading_font.family == "DejaVu Sans"  # the file's own name for it
    assert style.heading_font.faces[0].weight == 700  # read from the file: DejaVu Sans Bold


def test_without_a_style_table_the_look_is_the_default_one(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    (root / "publisher.toml").write_text(GOOD)
    style = load_config(root).style
    assert style.theme == "default" and style.logo is None and style.body_font is None


@pytest.mark.parametrize(
    ("table", "line", "says"),
    [
        ('acent = "#112233"', 8, "did you mean 'accent'"),
        ('theme = "campaing"', 8, "use one of default, campaign"),
        ('accent = "red"', 8, 'e.g. "#b51f24"'),
        ('logo = "style/none.svg"', 8, "there is no file 'style/none.svg'"),
        ('logo = "../outside.svg"', 8, "outside the workspace"),
        ('logo = "documents/first-article.md"', 8, "not a SVG, PNG, JPG or JPEG file"),
        ('body_font = "DejaVu Sanz"', 8, "did you mean 'DejaVu Sans'"),
        ('heading_font = "Nowhere Grotesque"', 8, "fc-list : family"),
        ('heading_font = "fonts/missing.ttf"', 8, "there is no file 'fonts/missing.ttf'"),
    ],
)
def test_a_bad_style_setting_is_named_at_its_line(
    workspace: Callable[[str], Path], table: str, line: int, says: str
) -> None:
    message = config_error(workspace("minimal"), GOOD + f"[style]\n{table}\n")
    assert f"publisher.toml:{line}:" in message and says in message


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        # the name in other letter case: a camera's or Windows' Logo.JPG
        ("documents/logo.jpg", "documents/Logo.JPG"),
        # a file's name, without the folder it was saved in
        ("Riverside Logo.png", "documents/media/Riverside Logo.png"),
        # a slip in its name
        ("documents/media/Riverside Logos.png", "documents/media/Riverside Logo.png"),
    ],
)
def test_a_logo_not_found_gets_the_path_of_the_file_meant(
    workspace: Callable[[str], Path], written: str, meant: str
) -> None:
    """It said "there is no file" and that paths are relative to the workspace folder."""
    root = workspace("minimal")
    (root / "documents" / "media").mkdir(exist_ok=True)
    (root / "documents" / "Logo.JPG").write_bytes(b"\xff\xd8\xff\xe0")
    (root / "documents" / "media" / "Riverside Logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    message = config_error(root, GOOD + f'[style]\nlogo = "{written}"\n')
    said = " ".join(message.split())
    assert f"publisher.toml:8: style.logo: there is no file {written!r}" in said
    assert f"hint: did you mean {meant!r}?" in said


@pytest.mark.parametrize(
    "content",
    [
        b"not a font\n",
        # a font site's download page, saved under the font's name
        b"<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>Download Lato"
        b" | Fonts</title></head><body><a href=/lato.zip>Download family</a></body></html>\n",
    ],
)
def test_a_font_file_that_is_no_font_is_named_at_its_line(
    workspace: Callable[[str], Path], content: bytes
) -> None:
    """It would be published as it is (dist/style/, the EPUB's fonts/, first in site.css)
    while the PDF quietly set the text in Noto Serif."""
    root = workspace("minimal")
    (root / "fonts").mkdir()
    (root / "fonts" / "Broken.ttf").write_bytes(content)
    message = config_error(root, GOOD + '[style]\nbody_font = "fonts/Broken.ttf"\n')
    assert "publisher.toml:8:" in message, message
    assert "'fonts/Broken.ttf' cannot be read as a font" in message, message


def blank_png(width: int, height: int) -> bytes:
    """A valid black-and-white PNG of that size, written as any program writes one (IHDR,
    IDAT, IEND), without holding its pixels in memory as Pillow would to save it."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\0" * (1 + (width + 7) // 8)  # filter byte, then 1 bit a pixel
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(row * height, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height", "says"),
    [
        (12_000, 9_000, "12,000 × 9,000 pixels (108 million), more than the 89 million"),
        (15_000, 13_000, "195 million pixels, more than the 89 million"),
    ],
)
def test_a_logo_of_more_pixels_than_the_limit_is_named_at_its_line(
    workspace: Callable[[str], Path], width: int, height: int, says: str
) -> None:
    """A print shop's master file as the logo: it cost a build a gigabyte of memory (or was
    left out as 'cannot be read as an image'), with Pillow's own warning twice on screen."""
    root = workspace("minimal")
    (root / "style").mkdir()
    (root / "style" / "logo.png").write_bytes(blank_png(width, height))
    message = config_error(root, GOOD + '[style]\nlogo = "style/logo.png"\n')
    assert "publisher.toml:8: style.logo: " in message, message
    assert says in message and "image_pixels" in message, message


def test_a_theme_the_installation_left_out_is_named(
    workspace: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A wheel built without templates/campaign (pyproject's force-include) says so."""
    import publisher.style

    monkeypatch.setattr(publisher.style, "theme_folder", lambda name: tmp_path / "none" / name)
    message = config_error(workspace("minimal"), GOOD + '[style]\ntheme = "campaign"\n')
    assert "publisher.toml:8:" in message and "'campaign' theme is not installed" in message


def test_an_svg_logo_that_cannot_be_read_safely_is_refused(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    (root / "logo.svg").write_text("<svg><not closed")
    message = config_error(root, GOOD + '[style]\nlogo = "logo.svg"\n')
    assert "publisher.toml:8:" in message and "SVG that cannot be read safely" in message


def test_colours_derived_from_the_accent_stay_readable() -> None:
    for accent in ("#ffd500", "#1d6b2f", "#b51f24", "#000080"):
        style = Style(accent=accent)
        assert contrast(style.accent_ink, "#ffffff") >= 4.5  # links and titles on white
        assert contrast(style.accent_on_dark, "#1e1e1e") >= 4.5  # links in the dark scheme
        assert contrast(style.on_accent, accent) >= 3  # the band's text


# --- themes ----------------------------------------------------------------------------------


def test_the_campaign_theme_overrides_only_what_differs(tmp_path: Path) -> None:
    """Its files are a handful; the rest, and `default:` includes, are the default theme's;
    a workspace override still comes first."""
    env = make_environment(tmp_path / "templates", "campaign")
    campaign = Path(env.get_template("web/site.css").filename or "")
    assert campaign.parts[-3] == "campaign"
    assert Path(env.get_template("web/issue.html").filename or "").parts[-3] == "default"
    css = env.get_template("web/site.css").render(style=Style(accent="#1d6b2f"))
    assert ".skip-link" in css and "clip-path: inset(0 -100vmax)" in css  # default's + its own
    theme = sorted(p.name for p in campaign.parents[1].rglob("*") if p.is_file())
    assert len(theme) <= 7, theme

    override = tmp_path / "templates" / "web" / "site.css"
    override.parent.mkdir(parents=True)
    override.write_text("/* mine */")
    assert env.get_template("web/site.css").render() == "/* mine */"


# --- every output ----------------------------------------------------------------------------


def font_names(pdf: Path) -> set[str]:
    """The /BaseFont of every font the PDF's pages use."""
    with pikepdf.open(pdf) as document:
        return {
            str(font.get("/BaseFont"))
            for page in document.pages
            for font in page.Resources.get("/Font", {}).values()
        }


def test_the_pdf_embeds_the_chosen_fonts_and_shows_logo_and_accent(
    styled: tuple[BuildReport, list[str]],
) -> None:
    import pymupdf

    pdf = out(styled) / SLUG / f"{SLUG}.pdf"
    assert any("DejaVu-Serif" in f for f in font_names(pdf))  # the installed body font
    with pymupdf.open(pdf) as document:
        cover = document[0]
        assert len(cover.get_images()) >= 2  # the logo and the cover image
        pixels = cover.get_pixmap(matrix=pymupdf.Matrix(0.3, 0.3)).samples
    accent = (0x1D, 0x6B, 0x2F)
    band = sum(
        1
        for i in range(0, len(pixels), 3)
        if all(abs(a - b) <= 3 for a, b in zip(pixels[i : i + 3], accent, strict=True))
    )
    assert band / (len(pixels) / 3) > 0.1  # the campaign theme's accent band


def test_the_pdf_embeds_a_font_bundled_in_the_workspace(
    styled: tuple[BuildReport, list[str]],
) -> None:
    fonts = font_names(out(styled) / SLUG / f"{SLUG}.pdf")
    assert any("DejaVu-Sans-Bold" in f for f in fonts), fonts  # nothing else is DejaVu Sans


def test_an_image_too_small_for_print_is_named_with_its_document(
    styled: tuple[BuildReport, list[str]],
) -> None:
    warnings = [w for w in styled[1] if "ppi" in w]
    assert any("001-styled.yaml" in w and "cover.png" in w for w in warnings), warnings
    assert any("small-picture.md" in w and "small.png" in w for w in warnings), warnings
    assert not any("lead.jpg" in w for w in warnings)  # 2400 px across 170 mm: 358 ppi


def test_the_email_shows_logo_cover_and_lead_image_hosted_and_sized(
    styled: tuple[BuildReport, list[str]],
) -> None:
    from PIL import Image

    dist = out(styled)
    tree = lxml.html.parse(dist / SLUG / "email.html").getroot()
    images = {img.get("src"): img for img in tree.iter("img")}
    site = "https://styled.example.org/"
    logo = images[f"{site}style/logo-email.png"]
    assert logo.get("alt") == "Styled Test Organisation" and logo.get("height") == "56"
    assert "background:#ffffff" in logo.get("style", "").replace(" ", "")  # its light plate
    cover = images[f"{site}{SLUG}/cover-email.png"]
    lead = images[f"{site}media-email/media/lead.jpg"]
    assert lead.get("alt") == "A wide green field under a pale sky"
    for img in (cover, lead):
        assert img.get("width") == "552" and img.get("height", "").isdigit()
    for src in images:
        if src.startswith(site) and "/media/small" not in src:
            path = dist / src.removeprefix(site)
            with Image.open(path) as picture:
                assert picture.format in ("JPEG", "PNG") and picture.width <= 1200, src
    with Image.open(dist / "media-email/media/lead.jpg") as picture:
        assert picture.size == (1200, 600)


def test_the_email_names_a_bundled_font_by_its_family(
    styled: tuple[BuildReport, list[str]],
) -> None:
    """The email cannot carry the font: it names it for readers who have it installed.
    style/Heading.ttf (a copy of DejaVu Sans Bold) was named 'Heading', as a downloaded
    Lato-Regular.ttf was 'Lato-Regular', which no reader's font is called."""
    email = (out(styled) / SLUG / "email.html").read_text()
    assert "'DejaVu Sans', Arial" in email
    assert "'Heading'" not in email


def test_the_web_pages_carry_logo_cover_and_open_graph_images(
    styled: tuple[BuildReport, list[str]],
) -> None:
    dist, site = out(styled), "https://styled.example.org/"
    issue = lxml.html.parse(dist / SLUG / "index.html").getroot()
    og = issue.xpath("//meta[@property='og:image']/@content")
    assert og == [f"{site}{SLUG}/cover-email.png"]
    assert issue.xpath("//meta[@name='twitter:card']/@content") == ["summary_large_image"]
    assert issue.xpath("//header[@class='site-header']//img[@class='logo']/@src") == [
        "../style/logo.svg"
    ]
    assert (dist / SLUG / "cover.png").is_file() and (dist / "style" / "logo.svg").is_file()
    page = lxml.html.parse(dist / SLUG / "lead-story" / "index.html").getroot()
    assert page.xpath("//meta[@property='og:image']/@content") == [
        f"{site}media-email/media/lead.jpg"
    ]
    assert page.xpath("//figure[@class='lead-image']/img/@src") == ["../../media/media/lead.jpg"]
    home = lxml.html.parse(dist / "index.html").getroot()
    assert home.xpath("//meta[@property='og:image']/@content") == [f"{site}style/share.png"]
    assert home.xpath("//meta[@name='twitter:card']/@content") == ["summary"]
    css = (dist / "site.css").read_text()
    assert "#1d6b2f" in css and "'DejaVu Serif'" in css
    assert "@font-face" in css and (dist / "style" / "Heading.woff2").is_file()


# A round logo as organisations draw one: a dark roundel on a transparent ground, 120 px
ROUNDEL = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">
  <circle cx="60" cy="60" r="57" fill="#0f5c73"/>
  <path d="M34 88 V30 H90 V37 H41 V88 Z" fill="#ffffff"/>
</svg>
"""


TWITTER_ALT = "twitter:image:alt"


def test_a_page_without_a_picture_of_its_own_is_shared_with_the_logo_big_enough_for_previews(
    tmp_path: Path,
) -> None:
    """Facebook refuses a link preview's picture under 200 × 200 px: pages without a cover
    or a lead image (home, topics, an article without a picture) offered the email's logo,
    168 px high and transparent (black on dark cards), with no size or description. They
    offer the logo centred on a solid 1200 × 630 picture, sized and described; a page
    with a lead image describes it with its image_alt, and gives its copy's size."""
    from conftest import build_with_warnings, minimal_with
    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (2400, 1600), (120, 160, 90)).save(photo, format="JPEG", quality=70)
    lead = (
        "---\ntitle: On the picket\nimage: media/picket.jpg\n"
        "image_alt: Strikers at the gate\n---\n\nText.\n"
    )
    root = minimal_with(
        tmp_path / "ws",
        {"media/logo.svg": ROUNDEL, "media/picket.jpg": photo.getvalue(), "picket.md": lead},
        '\n[style]\nlogo = "documents/media/logo.svg"\nlogo_alt = "Test Organisation"\n',
    )
    dist, _ = build_with_warnings(root, ["web"])
    site = "https://minimal.example.org/"

    def shared(page: str) -> dict[str, list[str]]:
        tree = lxml.html.parse(dist / page).getroot()
        return {
            key: tree.xpath(f"//meta[@property='{key}' or @name='{key}']/@content")
            for key in (
                "og:image",
                "og:image:width",
                "og:image:height",
                "og:image:alt",
                TWITTER_ALT,
            )
        }

    for page in ("index.html", "tags/test/index.html", "001-first/first-article/index.html"):
        assert shared(page) == {
            "og:image": [f"{site}style/share.png"],
            "og:image:width": ["1200"],
            "og:image:height": ["630"],
            "og:image:alt": ["Test Organisation"],
            TWITTER_ALT: ["Test Organisation"],
        }, page
    with Image.open(dist / "style" / "share.png") as picture:
        assert (picture.size, picture.mode) == ((1200, 630), "RGB")
        assert picture.getpixel((5, 5)) == (255, 255, 255)  # a solid ground, not transparent
        assert picture.getpixel((600, 315 - 200)) == (15, 92, 115)  # the roundel, large
    assert shared("001-first/picket/index.html") == {
        "og:image": [f"{site}media-email/media/picket.jpg"],
        "og:image:width": ["1200"],
        "og:image:height": ["800"],
        "og:image:alt": ["Strikers at the gate"],
        TWITTER_ALT: ["Strikers at the gate"],
    }


def test_every_page_names_the_logo_as_its_icon_so_browsers_ask_for_no_favicon_ico(
    tmp_path: Path,
) -> None:
    """No page linked an icon: every first visit asked the host's root for /favicon.ico
    (a 404 in the log), which a site under a sub-path cannot even put there. Every page
    links the published logo, from the site's folder, as its icon."""
    from urllib.parse import urljoin

    from conftest import build_with_warnings, minimal_with

    root = minimal_with(
        tmp_path / "ws",
        {"media/logo.svg": ROUNDEL},
        '\n[style]\nlogo = "documents/media/logo.svg"\n',
    )
    toml = root / "publisher.toml"
    site = "https://example.org/news/"
    toml.write_text(toml.read_text().replace("https://minimal.example.org/", site))
    dist, _ = build_with_warnings(root, ["web"])
    pages = [*dist.rglob("index.html"), dist / "404.html"]
    for path in pages:
        tree = lxml.html.parse(path).getroot()
        here = site + path.relative_to(dist).as_posix()
        icons = tree.xpath("//head/link[@rel='icon']")
        assert [icon.get("type") for icon in icons] == ["image/svg+xml"], path
        address = urljoin(here, icons[0].get("href"))
        assert address == f"{site}style/logo.svg", path
    assert b"<svg" in (dist / "style" / "logo.svg").read_bytes()


def test_a_bundled_web_font_is_published_as_a_small_woff2_of_the_sites_letters(
    tmp_path: Path,
) -> None:
    """A bundled heading font (a 709 KB copy of DejaVu Sans Bold) was published as the
    whole TTF, loaded by every page, and @font-face had no font-display: the headings were
    blank until it came. It is a WOFF2 of the letters the site's text holds, shown in a
    fallback font meanwhile (font-display: swap)."""
    from conftest import build_with_warnings, minimal_with
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    dejavu = subprocess.run(
        ["fc-match", "--format", "%{file}", "DejaVu Sans:style=Bold"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    article = "---\ntitle: Piquete en Núñez\n---\n\nLa huelga sigue.\n"
    root = minimal_with(
        tmp_path / "ws",
        {"piquete.md": article},
        '\n[style]\nheading_font = "fonts/Union Heading.ttf"\n',
    )
    (root / "fonts").mkdir()
    shutil.copy(dejavu, root / "fonts" / "Union Heading.ttf")
    dist, _ = build_with_warnings(root, ["web"])
    css = (dist / "site.css").read_text()
    [face] = [line for line in css.splitlines() if line.startswith("@font-face")]
    assert 'src: url("style/Union Heading.woff2") format("woff2")' in face
    assert "font-display: swap" in face
    assert sorted(path.name for path in (dist / "style").iterdir()) == ["Union Heading.woff2"]
    published = dist / "style" / "Union Heading.woff2"
    assert published.read_bytes().startswith(b"wOF2")
    assert published.stat().st_size < Path(dejavu).stat().st_size / 10
    letters = set(TTFont(published).getBestCmap())
    assert {ord(c) for c in "PiqueteNúñzFstrcl"} <= letters  # the site's headings' letters
    assert ord("Ж") not in letters  # DejaVu's Cyrillic, which no page holds


def test_the_epub_has_its_cover_fonts_logo_and_lead_image(
    styled: tuple[BuildReport, list[str]],
) -> None:
    with zipfile.ZipFile(out(styled) / SLUG / f"{SLUG}.epub") as book:
        names = book.namelist()
        opf = book.read(next(n for n in names if n.endswith(".opf"))).decode()
        text = "".join(book.read(n).decode() for n in names if n.endswith((".xhtml", ".css")))
    assert 'properties="cover-image"' in opf
    assert {"EPUB/fonts/DejaVuSerif.ttf", "EPUB/fonts/Heading.ttf"} <= set(names)
    assert "@font-face" in text and "../fonts/Heading.ttf" in text
    assert 'alt="Styled Test Organisation"' in text  # the logo, in the colophon
    assert 'alt="A wide green field under a pale sky"' in text


def inkscape_logo_embedding(picture: bytes, media_type: str = "image/png") -> str:
    """An SVG logo as Inkscape or Illustrator saves one with its picture embedded (not
    linked): the picture's bytes in a data: URL, beside a red bar drawn in SVG."""
    import base64

    data = base64.b64encode(picture).decode()
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" viewBox="0 0 100 40">'
        f'<image width="40" height="40" href="data:{media_type};base64,{data}"/>'
        '<rect x="45" y="10" width="50" height="20" fill="#cc0000"/></svg>'
    )


def test_an_svg_logos_embedded_picture_is_shown_on_the_pdfs_cover(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The PDF's cover showed the logo's red bar but not its picture, and the build warned
    "issue 001-first: not fetched, outside the workspace: data:image/png;base64,iVBOR…"
    with the whole picture in base64; the EPUB, the email and the web showed it."""
    import io

    import pymupdf
    from conftest import minimal_with
    from PIL import Image

    green = io.BytesIO()
    Image.new("RGB", (40, 40), (0, 160, 0)).save(green, "PNG")
    logo = inkscape_logo_embedding(green.getvalue())
    root = minimal_with(
        tmp_path / "ws", {"media/logo.svg": logo}, '\n[style]\nlogo = "documents/media/logo.svg"\n'
    )
    build(root, formats=["pdf"])
    with pymupdf.open(root / "dist" / "001-first" / "001-first.pdf") as document:
        cover = document[0].get_pixmap(matrix=pymupdf.Matrix(0.5, 0.5))
    pixels = [cover.pixel(x, y) for x in range(cover.width) for y in range(cover.height)]
    assert sum(1 for p in pixels if p == (0, 160, 0)) > 50  # the picture, not only the bar
    assert sum(1 for p in pixels if p == (0xCC, 0, 0)) > 50
    assert not [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]


def test_an_embedded_file_that_is_no_picture_is_refused_and_named_short(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A data: URL of another kind than a picture (here a web page, in a stylesheet
    override) is not read; the warning gave the whole URL, however long."""
    import base64

    from conftest import minimal_with

    page = base64.b64encode(b"<html><body>" + b"x" * 3000 + b"</body></html>").decode()
    root = minimal_with(tmp_path / "ws", {})
    override = root / "templates" / "pdf" / "print.css"
    override.parent.mkdir(parents=True)
    override.write_text(
        '{% include "default:pdf/print.css" %}\n'
        f'.cover {{ background: url("data:text/html;base64,{page}"); }}\n'
    )
    build(root, formats=["pdf"])
    [warning] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning.startswith("issue 001-first: not used, a data: URL of text/html, not a picture")
    assert f"data:text/html;base64,{page[:40]}" in warning
    assert len(warning) < 200 and warning.endswith("…")


# --- the render fingerprint ------------------------------------------------------------------


def test_changing_the_style_or_redrawing_the_logo_renders_again(tmp_path: Path) -> None:
    root = copy_styled(tmp_path / "ws")
    assert build(root, formats=["web"]).rendered
    assert build(root, formats=["web"]).rendered == []

    (root / "style" / "logo.svg").write_text(
        (root / "style" / "logo.svg").read_text().replace("#ffffff", "#eeeeee")
    )
    assert "web index" in build(root, formats=["web"]).rendered

    config = root / "publisher.toml"
    config.write_text(config.read_text().replace("#1d6b2f", "#6b1d2f"))
    assert "web index" in build(root, formats=["web"]).rendered


# --- a logo on its background ----------------------------------------------------------------


def one_colour_logo(colour: str) -> bytes:
    """A logo as a designer exports one for dark backgrounds: a ring and a word in one
    colour on a transparent ground, 600 × 200 px."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 190, 190), outline=colour, width=14)
    draw.text((220, 60), "WHITE", fill=colour, font_size=90)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def with_logo(root: Path, colour: str, style: str) -> Path:
    (root / "style").mkdir()
    (root / "style" / "logo.png").write_bytes(one_colour_logo(colour))
    (root / "publisher.toml").write_text(
        (root / "publisher.toml").read_text() + f'\n[style]\nlogo = "style/logo.png"\n{style}'
    )
    return root


@pytest.mark.parametrize(("colour", "plated"), [("#ffffff", False), ("#1b1b3a", True)])
def test_the_campaign_band_puts_a_white_plate_only_behind_a_logo_that_needs_one(
    workspace: Callable[[str], Path],
    epub_cover_drawings: list[lxml.etree._Element],
    colour: str,
    plated: bool,
) -> None:
    """A white logo on a navy band disappeared into the white plate meant to make it
    legible, in every output; a dark one still needs the plate to be seen on the band."""
    root = with_logo(workspace("minimal"), colour, 'theme = "campaign"\naccent = "#1b1b3a"\n')
    dist = build(root, formats=["web", "email", "epub"]).out_dir
    site = (dist / "site.css").read_text()
    assert ("border-radius: 0.4rem" in site) == plated  # the web header's plate
    email = lxml.html.parse(dist / "001-first" / "email.html").getroot()
    [logo] = [img for img in email.iter("img") if "logo-email" in img.get("src", "")]
    assert ("background:#ffffff" in logo.get("style", "").replace(" ", "")) == plated
    [cover] = epub_cover_drawings
    plates = [r for r in cover.iter("{http://www.w3.org/2000/svg}rect") if r.get("rx")]
    assert len(plates) == plated


def test_a_logo_its_background_swallows_is_warned_of_at_its_line(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """A white logo in the default theme was invisible on the PDF's and EPUB's covers and
    the web pages, white on white, and neither build nor check said a word."""
    root = with_logo(workspace("minimal"), "#ffffff", "")
    with caplog.at_level(logging.WARNING):
        build(root, formats=["web"])
    [warning] = load_config(root).style.warnings
    assert warning in caplog.messages
    line = (root / "publisher.toml").read_text().splitlines().index('logo = "style/logo.png"')
    assert warning.startswith(f"{root / 'publisher.toml'}:{line + 1}: style.logo: "), warning
    assert "can hardly be seen on the white" in warning and "darker" in warning

    on_yellow = with_logo(workspace("print"), "#ffffff", 'theme = "campaign"\naccent = "#ffeb3b"\n')
    [warning] = load_config(on_yellow).style.warnings
    assert "accent band (#ffeb3b)" in warning and "choose a darker accent" in warning
    dark = with_logo(workspace("email"), "#1b1b3a", "")
    assert load_config(dark).style.warnings == ()


# --- large and JPEG logos --------------------------------------------------------------------


def picture_bytes(size: tuple[int, int], format: str, mode: str = "RGB") -> bytes:
    """A picture as a print shop or a phone saves one: a dark mark on a light ground."""
    from PIL import Image, ImageDraw

    image = Image.new(mode, size, (250, 250, 250) if mode == "RGB" else (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle(
        (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), "#123"
    )
    out = io.BytesIO()
    image.save(out, format=format)
    return out.getvalue()


def test_the_web_pages_show_a_web_sized_copy_of_a_large_logo(
    workspace: Callable[[str], Path],
) -> None:
    """A print shop's 6000 × 2000 px logo was linked as it was from every page, 387 KB to
    show 48 px high, without width or height (the page jumped when it came)."""
    from PIL import Image

    root = workspace("minimal")
    (root / "style").mkdir()
    (root / "style" / "logo.png").write_bytes(picture_bytes((6000, 2000), "PNG", "RGBA"))
    (root / "publisher.toml").write_text(GOOD + '[style]\nlogo = "style/logo.png"\n')
    dist = build(root, formats=["web"]).out_dir
    page = lxml.html.parse(dist / "001-first" / "index.html").getroot()
    [logo] = page.xpath("//header[@class='site-header']//img[@class='logo']")
    assert logo.get("src") == "../style/logo.png"
    assert (logo.get("width"), logo.get("height")) == ("144", "48")
    with Image.open(dist / "style" / "logo.png") as copy:
        assert copy.format == "PNG" and copy.height <= 3 * 56 and copy.width == 3 * copy.height


def test_a_jpeg_logo_is_published_as_jpeg_and_drawn_as_png_for_email(
    workspace: Callable[[str], Path],
) -> None:
    """logo = "documents/media/logo.jpg" was refused: "is not a SVG or PNG file"."""
    from PIL import Image

    root = workspace("minimal")
    (root / "style").mkdir()
    (root / "style" / "logo.jpg").write_bytes(picture_bytes((900, 300), "JPEG"))
    (root / "publisher.toml").write_text(GOOD + '[style]\nlogo = "style/logo.jpg"\n')
    dist = build(root, formats=["web"]).out_dir
    page = lxml.html.parse(dist / "index.html").getroot()
    assert page.xpath("//img[@class='logo']/@src") == ["style/logo.jpg"]
    with (
        Image.open(dist / "style" / "logo.jpg") as web,
        Image.open(dist / "style" / "logo-email.png") as email,
    ):
        assert (web.format, email.format) == ("JPEG", "PNG")


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("logo.png", picture_bytes((90, 30), "JPEG"), "is a JPEG picture: rename it logo.jpg"),
        ("logo.jpg", picture_bytes((90, 30), "PNG"), "is a PNG picture: rename it logo.png"),
        ("logo.gif", picture_bytes((90, 30), "GIF"), "save it as PNG"),
        ("logo.webp", picture_bytes((90, 30), "WEBP"), "save it as PNG"),
    ],
)
def test_a_logo_is_judged_by_its_content_at_its_line(
    workspace: Callable[[str], Path], name: str, content: bytes, says: str
) -> None:
    """A JPEG saved as logo.png was published as a PNG (an EPUB that declares it so is
    invalid); a GIF or WebP was refused without saying what to do."""
    root = workspace("minimal")
    (root / name).write_bytes(content)
    message = config_error(root, GOOD + f'[style]\nlogo = "{name}"\n')
    assert "publisher.toml:8: style.logo: " in message and says in message, message


def test_no_print_stylesheet_asks_for_all_that_follows_an_element() -> None:
    """WeasyPrint's selector library reads `:has(+ x)` and `:has(~ x)` by listing every
    sibling after each element it tries: as the square of an article's blocks. With
    `p:has(+ table)`, a 300-page issue of one article took 52.6 s to build, 44.3 s with
    the rule said on the table (`p + table`, break-before)."""
    import re

    themes = Path(__file__).resolve().parents[1] / "templates"
    asking = [
        f"{css.relative_to(themes)}:{number}: {line.strip()}"
        for css in sorted(themes.rglob("*.css"))
        for number, line in enumerate(css.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r":has\(\s*[+~]", line)
    ]
    assert asking == []
