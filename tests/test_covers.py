"""The example newsletter's look (issue #16, acceptance 1): its logo, accent colour, cover
image and a lead image, in the PDF, email, EPUB and web pages it builds.

Reads the shared build of this repository's workspace (`built_example`): no build of its own.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import lxml.etree
import lxml.html
import PIL.Image
import pytest
from playwright.sync_api import Browser

from publisher.build import build
from publisher.config import load_config
from publisher.jobs import BuildReport
from publisher.printing import PrintSettings

REPO = Path(__file__).resolve().parents[1]
ISSUE = "041-no-poverty-pay"
SITE = "https://bulletin.dockside.example.org/"
SVG = "http://www.w3.org/2000/svg"


def test_the_example_has_a_logo_an_accent_and_a_cover() -> None:
    config = load_config(REPO)
    assert config.style.logo and config.style.logo.suffix == ".svg"
    assert config.style.accent != "#b51f24"  # its own colour, not the theme's
    manifest = (REPO / "issues" / f"{ISSUE}.yaml").read_text()
    assert "cover: documents/media/" in manifest


def test_the_pdf_cover_shows_logo_and_cover_image(built_example: BuildReport) -> None:
    import pymupdf

    with pymupdf.open(built_example.out_dir / ISSUE / f"{ISSUE}.pdf") as pdf:
        cover_images = pdf[0].get_images()
        inside = [page.get_images() for page in pdf.pages(1)]
    assert len(cover_images) == 2  # the logo (drawn from its SVG) and the cover picture
    assert any(inside)  # the statement's lead image


def test_the_leaflet_masthead_has_the_logo(built_example: BuildReport) -> None:
    import pymupdf

    leaflet = built_example.out_dir / "042-may-day" / "042-may-day-leaflet.pdf"
    with pymupdf.open(leaflet) as pdf:
        pixels = pdf[0].get_pixmap(matrix=pymupdf.Matrix(1, 1)).samples
    orange = (0xF2, 0xA5, 0x41)  # the container the logo's crane lifts: in nothing else
    found = sum(
        1
        for i in range(0, len(pixels), 3)
        if all(abs(a - b) <= 8 for a, b in zip(pixels[i : i + 3], orange, strict=True))
    )
    assert found > 5


def test_the_email_masthead_has_the_hosted_logo_and_cover(built_example: BuildReport) -> None:
    dist = built_example.out_dir
    tree = lxml.html.parse(dist / ISSUE / "email.html").getroot()
    sources = {img.get("src"): img for img in tree.iter("img")}
    logo = sources[f"{SITE}style/logo-email.png"]
    assert logo.get("alt") == "Dockside Workers' Network" and logo.get("width")
    assert sources[f"{SITE}{ISSUE}/cover-email.jpg"].get("width") == "552"
    assert sources[f"{SITE}media-email/media/picket-line.jpg"].get("alt")
    for src in sources:
        assert (dist / src.removeprefix(SITE)).is_file(), f"{src} is not published"


def test_the_epub_cover_is_drawn_with_logo_name_title_and_cover_picture(
    built_example: BuildReport,
) -> None:
    """A JPEG, as every e-reader and e-book shop shows one: the logo, the name and the title
    on white over the accent rule, the cover picture below."""
    cover = epub_cover(built_example.out_dir / ISSUE / f"{ISSUE}.epub")

    def inked(top: int, bottom: int) -> bool:  # anything but white paper in these rows
        low, _ = cover.crop((0, top, 1200, bottom)).convert("L").getextrema()
        return low < 100

    assert inked(80, 260)  # the logo
    assert inked(320, 400)  # "The Dockside Bulletin"
    assert inked(700, 790)  # "No to poverty pay"
    red, green, blue = cover.getpixel((600, 504))  # the accent rule, #0f5c73
    assert abs(red - 0x0F) < 12 and abs(green - 0x5C) < 12 and abs(blue - 0x73) < 12
    assert inked(1500, 1800)  # the picture


def epub_cover(path: Path) -> PIL.Image.Image:
    """The EPUB's cover picture (its one manifest item marked cover-image), checked to be
    a JPEG of 1200 × 1800 px."""
    from PIL import Image

    with zipfile.ZipFile(path) as book:
        opf = next(n for n in book.namelist() if n.endswith(".opf"))
        manifest = lxml.etree.fromstring(book.read(opf))
        ns = {"opf": "http://www.idpf.org/2007/opf"}
        items = manifest.xpath("//opf:item[@properties='cover-image']", namespaces=ns)
        assert isinstance(items, list) and len(items) == 1, "no cover-image in the EPUB"
        item = items[0]
        assert isinstance(item, lxml.etree._Element)
        data = book.read(str(Path(opf).parent / str(item.get("href"))))
    assert item.get("media-type") == "image/jpeg"
    with Image.open(io.BytesIO(data)) as drawn:
        cover = drawn.convert("RGB")
    assert cover.size == (1200, 1800)
    return cover


@pytest.mark.parametrize("organisation", ["Eastharbour Tenants' Union", "Minimal Test Bulletin"])
def test_an_issue_without_logo_or_picture_still_has_an_epub_cover(
    workspace: Callable[[str], Path],
    epub_cover_drawings: list[lxml.etree._Element],
    organisation: str,
) -> None:
    """A book without a cover is a blank tile on an e-reader's shelf and refused by some
    shops, and a new workspace has neither logo nor cover picture: its cover is the name,
    number, date and title over a band of the accent colour, which carries the
    organisation's name unless that is the newsletter's own."""
    root = workspace("minimal")
    toml = root / "publisher.toml"
    toml.write_text(
        toml.read_text().replace('name = "Test Organisation"', f'name = "{organisation}"')
        + '\n[style]\naccent = "#7a1f3d"\n'
    )

    cover = epub_cover(build(root, formats=["epub"]).out_dir / "001-first" / "001-first.epub")

    def inked(top: int, bottom: int) -> bool:  # anything but white paper in these rows
        low, _ = cover.crop((0, top, 1200, bottom)).convert("L").getextrema()
        return low < 100

    assert inked(320, 400)  # "Minimal Test Bulletin"
    assert inked(700, 800)  # "First issue"
    assert not inked(850, 1500)  # white between the title and the band
    band = cover.crop((0, 1600, 1200, 1800))
    red, green, blue = band.getpixel((10, 190))
    assert abs(red - 0x7A) < 12 and abs(green - 0x1F) < 12 and abs(blue - 0x3D) < 12
    lightest = max(band.convert("L").getextrema())
    said = [" ".join(t.itertext()) for t in epub_cover_drawings[0].iter(f"{{{SVG}}}text")]
    if organisation == "Minimal Test Bulletin":  # the newsletter's own name, said above
        assert lightest < 100 and said.count(organisation) == 1
    else:  # written in white
        assert lightest > 200 and organisation in said


def test_the_web_issue_page_has_the_logo_and_an_open_graph_cover(
    built_example: BuildReport,
) -> None:
    page = lxml.html.parse(built_example.out_dir / ISSUE / "index.html").getroot()
    assert page.xpath("//meta[@property='og:image']/@content") == [f"{SITE}{ISSUE}/cover-email.jpg"]
    assert page.xpath("//img[@class='logo']/@src") == ["../style/logo.svg"]
    assert page.xpath("//img[@class='cover-image']/@src") == ["../041-no-poverty-pay/cover.jpg"]


def test_images_inside_word_and_opendocument_files_are_used_at_build_time(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    """Not only `publisher import`: a .docx or .odt in documents/ shows its pictures, copied
    out to documents/media/<document>/ like import's, and published with the web pages."""
    import pypandoc
    from PIL import Image

    root = workspace("minimal")
    Image.new("RGB", (300, 200), (30, 90, 160)).save(tmp_path / "picture.png")
    markdown = tmp_path / "office.md"
    markdown.write_text("---\ntitle: Office\n---\n\nBefore.\n\n![A blue picture](picture.png)\n")
    for slug in ("word", "opendocument"):
        kind = "docx" if slug == "word" else "odt"
        target = root / "documents" / f"{slug}.{kind}"
        pypandoc.convert_file(
            str(markdown), kind, outputfile=str(target), extra_args=[f"--resource-path={tmp_path}"]
        )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace("[first-article", "[word, opendocument, first-article")
    )
    report = build(root, formats=["web"])
    for slug in ("word", "opendocument"):
        page = lxml.html.parse(report.out_dir / "001-first" / slug / "index.html").getroot()
        (src,) = page.xpath("//article//img/@src")
        assert src.startswith(f"../../media/media/{slug}/"), src
        assert (report.out_dir / "001-first" / slug / src).resolve().is_file(), src
        assert list((root / "documents" / "media" / slug).iterdir())


def test_a_word_files_picture_in_a_format_no_output_shows_is_named_as_such(
    workspace: Callable[[str], Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Word keeps charts and clip art as EMF: not "there is no file", but what it is."""
    import pypandoc

    root = workspace("minimal")
    (tmp_path / "chart.emf").write_bytes(b"\x01\x00\x00\x00")  # Word's EMF record 1
    markdown = tmp_path / "office.md"
    markdown.write_text("---\ntitle: Office\n---\n\nBefore.\n\n![The chart](chart.emf)\n")
    target = root / "documents" / "word.docx"
    pypandoc.convert_file(
        str(markdown), "docx", outputfile=str(target), extra_args=[f"--resource-path={tmp_path}"]
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("[first-article", "[word, first-article"))
    report = build(root, formats=["web"])
    page = lxml.html.parse(report.out_dir / "001-first" / "word" / "index.html").getroot()
    assert page.xpath("//article//img") == []
    [warned] = [
        r.getMessage()
        for r in caplog.records
        if "chart" in r.getMessage() or ".emf" in r.getMessage()
    ]
    assert "word.docx: image 'media/" in warned and "an image in EMF format" in warned


def test_a_picture_replaced_inside_a_word_file_is_the_one_published_next(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    """The copy in documents/media/ follows the file: Word names a replaced picture as it
    named the old one (media/rId9.png), so a copy kept by name alone would go stale."""
    import pypandoc
    from PIL import Image

    root = workspace("minimal")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("[first-article", "[word, first-article"))
    markdown = tmp_path / "office.md"
    markdown.write_text("---\ntitle: Office\n---\n\n![A picture](picture.png)\n")
    published_colours = []
    for colour in ((30, 90, 160), (200, 30, 30)):
        Image.new("RGB", (300, 200), colour).save(tmp_path / "picture.png")
        pypandoc.convert_file(
            str(markdown),
            "docx",
            outputfile=str(root / "documents" / "word.docx"),
            extra_args=[f"--resource-path={tmp_path}"],
        )
        report = build(root, formats=["web"])
        page = lxml.html.parse(report.out_dir / "001-first" / "word" / "index.html").getroot()
        (src,) = page.xpath("//article//img/@src")
        with Image.open(report.out_dir / "001-first" / "word" / src) as published:
            published_colours.append(published.convert("RGB").getpixel((150, 100)))
    assert published_colours == [(30, 90, 160), (200, 30, 30)]


def test_a_redrawn_lead_image_renders_its_issue_again(workspace: Callable[[str], Path]) -> None:
    """The picture is part of what an output was made from, like the text."""
    from PIL import Image

    root = workspace("minimal")
    (root / "documents" / "media").mkdir(exist_ok=True)
    picture = root / "documents" / "media" / "lead.png"
    Image.new("RGB", (1600, 1000), (30, 90, 160)).save(picture)
    article = root / "documents" / "first-article.md"
    article.write_text(article.read_text().replace("---\n", "---\nimage: media/lead.png\n", 1))
    assert build(root, formats=["web"]).rendered
    assert build(root, formats=["web"]).rendered == []
    Image.new("RGB", (1600, 1000), (200, 30, 30)).save(picture)
    assert "web 001-first" in build(root, formats=["web"]).rendered


def test_a_picture_redrawn_at_another_size_is_shown_at_its_new_size_in_the_next_email(
    workspace: Callable[[str], Path],
) -> None:
    """In one process, as `publisher serve` rebuilds: the size read before is not kept for
    a file that has changed since."""
    from PIL import Image

    root = workspace("minimal")
    (root / "documents" / "media").mkdir(exist_ok=True)
    picture = root / "documents" / "media" / "chart.png"
    article = root / "documents" / "first-article.md"
    article.write_text(article.read_text() + "\n![The chart](media/chart.png)\n")
    sizes = []
    for size in [(400, 100), (400, 300)]:
        Image.new("RGB", size, (30, 90, 160)).save(picture)
        report = build(root, formats=["email"])
        email = lxml.html.parse(str(report.out_dir / "001-first" / "email.html")).getroot()
        [img] = email.xpath("//img[contains(@src, 'chart.png')]")
        sizes.append((img.get("width"), img.get("height")))
    assert sizes == [("400", "100"), ("400", "300")]


def test_a_cover_redrawn_is_the_new_picture_in_the_next_emails_copy(
    workspace: Callable[[str], Path],
) -> None:
    """In one process, as `publisher serve` rebuilds: the copy made before (shared by the
    web archive and the EPUB's cover) is not kept for a file that has changed since."""
    from PIL import Image

    root = workspace("minimal")
    (root / "documents" / "media").mkdir(exist_ok=True)
    cover = root / "documents" / "media" / "cover.png"
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "cover: documents/media/cover.png\n")
    colours = []
    for colour in [(30, 90, 160), (200, 30, 30)]:
        Image.new("RGB", (1600, 1000), colour).save(cover)
        report = build(root, formats=["web"])
        [copy] = (report.out_dir / "001-first").glob("cover-email.*")
        with Image.open(copy) as shown:
            colours.append(shown.convert("RGB").getpixel((10, 10)))
    assert colours == [(30, 90, 160), (200, 30, 30)]


def test_the_editorials_pictures_in_the_email_are_sized_copies_like_the_articles(
    workspace: Callable[[str], Path],
) -> None:
    """Outlook shows a picture with no width at its own: a 3,000-px photo in the editorial
    would burst the 600-px email."""
    from PIL import Image

    root = workspace("minimal")
    (root / "documents" / "media").mkdir(exist_ok=True)
    Image.new("RGB", (3000, 2000), (30, 90, 160)).save(root / "documents" / "media" / "march.jpg")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "Hello from the editors.",
            "Hello from the editors.\n\n  ![The march](documents/media/march.jpg)",
        )
    )
    report = build(root, formats=["email", "web"])
    email = lxml.html.parse(str(report.out_dir / "001-first" / "email.html")).getroot()
    [img] = email.xpath("//img[contains(@src, 'march')]")
    site = "https://minimal.example.org/"
    assert img.get("src") == f"{site}media-email/media/march.jpg"
    assert (img.get("width"), img.get("height"), img.get("alt")) == ("552", "368", "The march")
    with Image.open(report.out_dir / "media-email" / "media" / "march.jpg") as copy:
        assert copy.size == (1200, 800)


def _phone_photo(path: Path) -> None:
    """A photo as a phone held upright saves it: stored 1600 x 1200 on its side, with EXIF
    orientation 6 (turn a quarter clockwise to show). A black mark in the stored picture's
    top-left corner is in the shown picture's top-right."""
    from PIL import Image

    picture = Image.new("RGB", (1600, 1200), (230, 230, 230))
    picture.paste((0, 0, 0), (0, 0, 400, 300))
    exif = Image.Exif()
    exif[0x0112] = 6
    picture.save(path, exif=exif.tobytes())


def _upright(data: bytes) -> bool:
    """Whether a picture as shown (by its own EXIF, if any) is portrait, the mark top-right."""
    import io

    from PIL import Image, ImageOps

    shown = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("L")
    width, height = shown.size
    marked = shown.getpixel((width - 5, 5)) < 60 and shown.getpixel((5, 5)) > 180  # type: ignore[operator]
    return height > width and marked


def test_a_phone_photo_is_upright_in_the_email_and_in_black_only_print(
    workspace: Callable[[str], Path],
) -> None:
    """The email's copy is a new JPEG and the black-only PDF's a grey PNG: neither keeps
    the EXIF that turns the photo, so each must be turned before it is made."""
    import pikepdf

    root = workspace("minimal")
    (root / "documents" / "media").mkdir(exist_ok=True)
    _phone_photo(root / "documents" / "media" / "rally.jpg")
    article = root / "documents" / "first-article.md"
    text = article.read_text().replace("---\n", "---\nimage: media/rally.jpg\n", 1)
    article.write_text(text + "\n![The rally](media/rally.jpg)\n")  # and in the text

    report = build(root, formats=["email", "web"])
    copy = report.out_dir / "media-email" / "media" / "rally.jpg"
    assert _upright(copy.read_bytes())
    email = lxml.html.parse(str(report.out_dir / "001-first" / "email.html")).getroot()
    shown = email.xpath("//img[contains(@src, 'rally.jpg')]")
    assert [(img.get("width"), img.get("height")) for img in shown] == [("552", "736")] * 2
    # Both link the upright copy: Outlook's Word engine shows a photo as stored, EXIF aside.
    assert {img.get("src") for img in shown} == {
        "https://minimal.example.org/media-email/media/rally.jpg"
    }

    report = build(root, formats=["pdf"], print_overrides=PrintSettings(black_only=True))
    with pikepdf.open(report.out_dir / "001-first" / "001-first.pdf") as pdf:
        found = {i.objgen: i for page in pdf.pages for i in page.get_images().values()}
        photos = [
            pikepdf.PdfImage(image).as_pil_image()
            for image in found.values()
            if pikepdf.PdfImage(image).width >= 1200
        ]
    assert len(photos) == 1 and photos[0].mode == "L"
    assert photos[0].height > photos[0].width


def test_screenshots_of_every_output_show_the_examples_accent_and_logo(
    built_example: BuildReport, browser: Browser
) -> None:
    """What a reader sees, photographed as the README's screenshots are (scripts/
    screenshots.py) and kept in test-artifacts/screenshots/: each shows the accent colour
    of the logo or the rules, on a page that is no blank."""
    import importlib.util
    import io

    from PIL import Image, ImageChops

    spec = importlib.util.spec_from_file_location(
        "screenshots", REPO / "scripts" / "screenshots.py"
    )
    assert spec and spec.loader
    screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshots)
    accent = tuple(int(load_config(REPO).style.accent[i : i + 2], 16) for i in (1, 3, 5))
    folder = REPO / "test-artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    seen = []
    for name, png in screenshots.shots(built_example.out_dir, "default", browser):
        (folder / f"{name}.png").write_bytes(png)
        with Image.open(io.BytesIO(png)) as shot:
            rgb = shot.convert("RGB")
        # Pixels within 12 of the accent in every channel: the darkest channel of the
        # difference, thresholded, counted by the histogram (in C, not pixel by pixel).
        difference = ImageChops.difference(rgb, Image.new("RGB", rgb.size, accent))
        farthest = ImageChops.lighter(
            ImageChops.lighter(*difference.split()[:2]), difference.split()[2]
        )
        close = farthest.point(lambda v: 255 if v <= 12 else 0).histogram()[255]
        assert close > rgb.width * rgb.height / 2000, f"{name}: the accent is not to be seen"
        # None: more than 20 colours (counting stops there; counting all takes a second)
        assert rgb.getcolors(20) is None, f"{name}: a blank page"
        if name.startswith("email-"):  # at the width it is named for
            assert rgb.width == int(name.removeprefix("email-")), name
        seen.append(name)
    assert seen == [
        "pdf-cover", "pdf-inside", "leaflet", "email-375", "email-600", "web-issue", "epub-cover"
    ]  # fmt: skip


def test_a_missing_lead_image_is_warned_of_once_at_its_front_matter_line(
    workspace: Callable[[str], Path],
) -> None:
    """It was said once per output process (twice in a build of every format), naming the
    document but not the line: a missing picture in the text is said once, at its line."""
    from click.testing import CliRunner

    from publisher.cli import main

    root = workspace("minimal")
    article = root / "documents" / "first-article.md"
    article.write_text(
        article.read_text().replace(
            "summary: A short article for tests.\n",
            "summary: A short article for tests.\nimage: media/photo.jpg\nimage_alt: A picket\n",
        )
    )
    result = CliRunner().invoke(main, ["-C", str(root), "build"])
    assert result.exit_code == 0, result.output
    said = (
        f"{article}:7: image 'media/photo.jpg' left out: there is no file documents/media/photo.jpg"
    )
    assert said in result.output
    assert result.output.count("image 'media/photo.jpg' left out") == 1


COVER_ALT = "Dockers holding the picket line at the east gate at dawn"


def with_cover(root: Path, described: bool) -> Path:
    """The minimal workspace's issue with a cover photo, described in the manifest or not."""
    from PIL import Image

    (root / "documents" / "media").mkdir(exist_ok=True)
    Image.new("RGB", (1600, 1000), (40, 90, 120)).save(root / "documents" / "media" / "gate.jpg")
    manifest = root / "issues" / "001-first.yaml"
    lines = "cover: documents/media/gate.jpg\n"
    if described:
        lines += f'cover_alt: "{COVER_ALT}"\n'
    manifest.write_text(
        manifest.read_text().replace("date: 2026-01-10\n", f"date: 2026-01-10\n{lines}")
    )
    return manifest


def test_the_cover_is_described_by_its_cover_alt_in_every_output(
    workspace: Callable[[str], Path],
) -> None:
    """The manifest had no way to describe the cover: the email's was alt="" (with images
    blocked, a blank box under the masthead), the web page's too, the PDF's said the
    issue's summary and the EPUB's cover page nothing at all."""
    from pdf_ua import tagged

    root = workspace("minimal")
    with_cover(root, described=True)

    out = build(root, formats=["email", "web", "pdf", "epub"]).out_dir

    for page in ("email.html", "index.html"):
        tree = lxml.html.parse(out / "001-first" / page).getroot()
        assert tree.xpath("//img[contains(@class, 'cover-image')]/@alt") == [COVER_ALT], page
    figures = [e for e in tagged(out / "001-first" / "001-first.pdf").walk() if e.role == "/Figure"]
    assert COVER_ALT in [figure.attributes.get("/Alt") for figure in figures]
    with zipfile.ZipFile(out / "001-first" / "001-first.epub") as book:
        cover_page = lxml.etree.fromstring(book.read("EPUB/text/cover.xhtml"))
    [drawing] = cover_page.iter("{http://www.w3.org/2000/svg}svg")
    assert drawing.get("role") == "img"
    assert drawing.get("aria-label") == f"Minimal Test Bulletin No. 1: First issue. {COVER_ALT}"


def test_a_cover_without_a_description_is_named_at_its_manifest_line(
    workspace: Callable[[str], Path],
) -> None:
    from click.testing import CliRunner

    from publisher.cli import main

    root = workspace("minimal")
    manifest = with_cover(root, described=False)

    result = CliRunner().invoke(main, ["-C", str(root), "build", "--format", "email"])

    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert (
        f"{manifest}:4: the cover documents/media/gate.jpg has no description (alt text) for"
        " readers who cannot see it: write what it shows as cover_alt:" in said
    ), said
