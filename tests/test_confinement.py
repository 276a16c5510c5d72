"""One confinement for everything an issue shows: the manifest's editorial, like documents,
only ever shows images that are files inside documents/; SVG images are published without
anything that could run or reach outside; PDF links never reveal the editor's disk.
Checked by parsing the real outputs."""

from __future__ import annotations

import logging
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import lxml.etree
import lxml.html
import pikepdf
import pytest
from parsed_outputs import pdf_link_uris

from publisher.build import build

WORKSPACES = Path(__file__).resolve().parent / "workspaces"
SLUG = "001-first"
HOSTILE_EDITORIAL = """\
editorial: |
  Hello from the editors.

  ![password file](/etc/passwd)

  ![workspace config](../publisher.toml)

  ![remote picture](https://example.org/x.png)

  ![file url](file:///etc/passwd)

  ![our chart](documents/media/chart.png)
"""
BAD_SOURCES = ("/etc/passwd", "../publisher.toml", "https://example.org/x.png", "file:///etc")


@pytest.fixture
def editorial_workspace(workspace: Callable[[str], Path]) -> Path:
    root = workspace("minimal")
    media = root / "documents" / "media"
    media.mkdir()
    shutil.copy(WORKSPACES / "print" / "documents" / "media" / "pay-chart.png", media / "chart.png")
    manifest = root / "issues" / f"{SLUG}.yaml"
    text = manifest.read_text()
    start = text.index("editorial:")
    end = text.index("sections:")
    manifest.write_text(text[:start] + HOSTILE_EDITORIAL + text[end:])
    return root


def image_sources(page: Path) -> list[str]:
    return [img.get("src", "") for img in lxml.html.parse(str(page)).iter("img")]


def pdf_images(path: Path) -> int:
    """How many distinct images the PDF embeds (WeasyPrint shares one resource dictionary)."""
    with pikepdf.open(path) as pdf:
        return len({image.objgen for page in pdf.pages for image in page.get_images().values()})


def test_editorial_images_are_confined_to_documents_in_every_output(
    editorial_workspace: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="publisher")
    report = build(editorial_workspace)
    dist = report.out_dir

    with zipfile.ZipFile(dist / SLUG / f"{SLUG}.epub") as epub:
        names = epub.namelist()
        for name in names:
            data = epub.read(name)
            assert b"root:x:0:0" not in data, f"{name} embeds /etc/passwd"
            assert b"[organisation]" not in data, f"{name} embeds publisher.toml"
            assert b"example.org/x.png" not in data, name
        assert not [n for n in names if "passwd" in n or "publisher.toml" in n or "x.png" in n]
        cover = epub.read("EPUB/text/cover.xhtml").decode()  # the cover drawn for the book
        images = [n for n in names if "/media/" in n and n.rpartition("/")[2] not in cover]
        assert [n for n in images if n.endswith(".png")] == images, images
        assert len(images) == 1, "only the chart inside documents/ shows"

    pages = [dist / SLUG / "index.html", dist / SLUG / "email.html"]
    for page in pages:
        sources = image_sources(page)
        assert not [s for s in sources for bad in BAD_SOURCES if bad in s], (page, sources)
    assert (dist / "media" / "media" / "chart.png").is_file()
    assert "media/media/chart.png" in " ".join(image_sources(dist / SLUG / "index.html"))

    for path in dist.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"example.org/x.png" not in data, path
            assert b"root:x:0:0" not in data, path
            assert b"file:///etc" not in data, path
    assert pdf_images(dist / SLUG / f"{SLUG}.pdf") == 1  # only the chart

    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    manifest = str(editorial_workspace / "issues" / f"{SLUG}.yaml")
    for bad in ("/etc/passwd", "../publisher.toml", "https://example.org/x.png"):
        assert [w for w in warnings if w.startswith(manifest) and bad in w], (bad, warnings)


HOSTILE_SVG = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="100" height="50" viewBox="0 0 100 50" onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(https://evil.example/x.css);
    rect { fill: url(https://evil.example/p.svg#g); } .ok { fill: url(#grad); }</style>
  <defs><linearGradient id="grad"><stop offset="0" stop-color="red"/></linearGradient></defs>
  <rect id="box" width="100" height="50" fill="url(#grad)" onclick="alert(3)"
        style="stroke: url(https://evil.example/s)"/>
  <text x="5" y="30">&xxe;</text>
  <foreignObject width="10" height="10">
    <iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>
  </foreignObject>
  <image href="https://evil.example/track.png" width="10" height="10"/>
  <image xlink:href="file:///etc/passwd" width="10" height="10"/>
  <use xlink:href="other.svg#shape"/>
  <use href="#box" x="10"/>
  <a href="javascript:alert(4)"><circle r="5"/></a>
  <set attributeName="href" to="javascript:alert(5)"/>
  <animate attributeName="onclick" values="alert(6)"/>
</svg>
"""
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def svg_workspace(workspace: Callable[[str], Path]) -> Path:
    root = workspace("minimal")
    media = root / "documents" / "media"
    media.mkdir()
    (media / "evil.svg").write_bytes(HOSTILE_SVG)
    (media / "broken.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>")
    article = root / "documents" / "first-article.md"
    article.write_text(
        article.read_text() + "\n![A red box](media/evil.svg)\n\n![Broken](media/broken.svg)\n"
    )
    return root


def svg_offences(data: bytes) -> list[str]:
    """What in an SVG could run a script or reach outside the image."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = lxml.etree.fromstring(data, parser)
    needles = (b"<!ENTITY", b"evil.example", b"passwd", b"javascript:", b"alert(")
    found = [f"bytes: {needle!r}" for needle in needles if needle in data]
    for element in root.iter():
        if not isinstance(element.tag, str):
            found.append(f"node {element!r}")
            continue
        local = element.tag.rsplit("}", 1)[-1]
        if local in {"script", "foreignObject", "set", "animate", "iframe"}:
            found.append(f"<{local}>")
        for name, value in element.attrib.items():
            short = name.rsplit("}", 1)[-1]
            if short.lower().startswith("on"):
                found.append(f"{short}= on <{local}>")
            if short == "href" and not value.startswith("#"):
                found.append(f"href={value} on <{local}>")
            if "url(" in value and "url(#" not in value:
                found.append(f"{short}={value} on <{local}>")
        if local == "style" and ("@import" in (element.text or "") or "url(http" in element.text):
            found.append("external CSS in <style>")
    return found


def test_svg_images_are_published_without_scripts_or_outside_references(
    svg_workspace: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="publisher")
    dist = build(svg_workspace).out_dir
    published = dist / "media" / "media" / "evil.svg"
    with zipfile.ZipFile(dist / SLUG / f"{SLUG}.epub") as epub:
        in_epub = [epub.read(n) for n in epub.namelist() if n.endswith(".svg")]
    assert len(in_epub) == 1, "the good SVG is in the EPUB, the broken one is not"
    for data in (published.read_bytes(), in_epub[0]):
        assert svg_offences(data) == []
        root = lxml.etree.fromstring(data)
        assert root.tag == f"{SVG_NS}svg" and root.get("viewBox") == "0 0 100 50"
        assert root.find(f"{SVG_NS}rect").get("fill") == "url(#grad)"  # the image still shows
        assert root.find(f".//{SVG_NS}linearGradient") is not None
        assert [u.get("href") for u in root.iter(f"{SVG_NS}use") if u.get("href")] == ["#box"]
    assert not (dist / "media" / "media" / "broken.svg").exists()
    page = dist / SLUG / "index.html"
    assert [s for s in image_sources(page) if "broken" in s] == []
    source = str(svg_workspace / "documents" / "first-article.md")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert [w for w in warnings if w.startswith(source) and "broken.svg" in w], warnings


LINKING_ARTICLE = """---
title: The second article
date: 2026-01-06
---

Back to [the top](#) or [nowhere]() of the page.
Read [the first article](first-article.md#a-heading-inside) in this issue,
the [private notes](notes/private.txt), a [missing file](gone.md),
the [web](https://example.org/page) and [write to us](mailto:news@minimal.example.org).
"""


@pytest.fixture
def linking_workspace(workspace: Callable[[str], Path]) -> Path:
    root = workspace("minimal")
    (root / "documents" / "second-article.md").write_text(LINKING_ARTICLE)
    (root / "documents" / "notes").mkdir()
    (root / "documents" / "notes" / "private.txt").write_text("Not for print.\n")
    manifest = root / "issues" / f"{SLUG}.yaml"
    manifest.write_text(manifest.read_text() + "leaflet: second-article\n")
    return root


def uncompressed(path: Path) -> bytes:
    """The PDF's bytes with every stream and object stream decompressed, to search them."""
    import io

    out = io.BytesIO()
    with pikepdf.open(path) as pdf:
        pdf.save(
            out,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.all,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    return out.getvalue()


def test_pdf_links_are_web_mail_or_in_document_only(linking_workspace: Path) -> None:
    from validators import pdftotext

    dist = build(linking_workspace, formats=["pdf", "leaflet"]).out_dir
    issue_pdf = dist / SLUG / f"{SLUG}.pdf"
    leaflet_pdf = dist / SLUG / f"{SLUG}-leaflet.pdf"
    for pdf in (issue_pdf, leaflet_pdf):
        uris = pdf_link_uris(pdf)
        assert uris, pdf
        assert [u for u in uris if not u.startswith(("http://", "https://", "mailto:"))] == []
        data = uncompressed(pdf)
        assert b"file:" not in data, pdf
        assert str(linking_workspace).encode() not in data, pdf
        assert "https://example.org/page" in uris and "mailto:news@minimal.example.org" in uris
        text = " ".join(pdftotext(pdf).replace("\u2010\n", "").split())  # undo hyphenation
        for words in ("the top", "private notes", "missing file", "the first article"):
            assert words in text, (pdf, words)  # the text of a dropped link stays
    article = "https://minimal.example.org/001-first/first-article/#first-article-a-heading-inside"
    assert article in pdf_link_uris(issue_pdf)  # published on the web archive: linked there
    assert article in pdf_link_uris(leaflet_pdf)


def test_an_image_no_browser_or_e_reader_shows_is_left_out_everywhere_with_what_to_do(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """A chart Word saved as EMF, or a designer's Photoshop file, in an article made an EPUB
    that EPUBCheck refuses (no fallback for the type) and a web page Chrome shows broken.
    (HEIC, TIFF and BMP are shown through a copy: tests/test_picture_copies.py.)"""
    root = workspace("minimal")
    media = root / "documents" / "media"
    media.mkdir()
    (media / "chart.emf").write_bytes(b"\x01\x00\x00\x00" + bytes(104) + b" EMF" + bytes(64))
    (media / "poster.psd").write_bytes(b"8BPS\x00\x01" + bytes(64))
    article = root / "documents" / "first-article.md"
    article.write_text(
        article.read_text() + "\n![A chart](media/chart.emf)\n\n![A poster](media/poster.psd)\n"
    )
    caplog.set_level(logging.WARNING, logger="publisher")

    report = build(root)

    dist = report.out_dir
    with zipfile.ZipFile(dist / SLUG / f"{SLUG}.epub") as epub:
        assert not [n for n in epub.namelist() if n.endswith((".emf", ".psd"))]
    for page in (dist / SLUG / "first-article" / "index.html", dist / SLUG / "email.html"):
        assert not [s for s in image_sources(page) if "chart" in s or "poster" in s], page
    assert pdf_images(dist / SLUG / f"{SLUG}.pdf") == 0
    warned = " ".join(r.getMessage() for r in caplog.records)
    for name, kind in (("chart.emf", "EMF"), ("poster.psd", "PSD")):
        assert f"image 'media/{name}' left out: an image in {kind} format" in warned
    assert "save it as JPEG or PNG" in warned
