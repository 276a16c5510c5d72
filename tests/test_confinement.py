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
        images = [n for n in names if "/media/" in n]
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
