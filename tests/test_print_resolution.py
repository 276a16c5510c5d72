"""A picture with too few pixels for the size the PDF prints it at is built with a warning
naming its document, the picture, the resolution it prints at and the width it needs for
200 ppi; a sharp photo is built in silence. Every build says it, once.

The resolution a picture prints at is read from the PDF by poppler's `pdfimages -list`, not
worked out the way the code under test does."""

from __future__ import annotations

import io
import logging
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import minimal_with
from PIL import Image

from publisher.build import build
from publisher.cli import main
from publisher.logs import kept

ARTICLE = """\
---
title: The march
---

Thousands marched.

![The banner, from a phone's message](media/banner.jpg)

![The stewards, from the photographer](media/stewards.jpg)
"""


def photo(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.linear_gradient("L").resize((width, height)).convert("RGB").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    files = {
        "media/banner.jpg": photo(600, 400),
        "media/stewards.jpg": photo(4000, 2667),
        "march.md": ARTICLE,
    }
    return minimal_with(tmp_path / "ws", files)


def printed_ppi(pdf: Path, pixels_wide: int) -> float:
    """The horizontal resolution the PDF prints its picture `pixels_wide` wide at."""
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    (x_ppi,) = [int(row.split()[12]) for row in listing if int(row.split()[3]) == pixels_wide]
    return x_ppi


def test_a_picture_too_small_for_print_is_named_with_the_width_it_needs(root: Path) -> None:
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "pdf"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "ppi" in line]

    (warning,) = warnings  # the banner's, and not the stewards'
    assert "documents/march.md: image banner.jpg prints at" in warning
    ppi = printed_ppi(root / "dist" / "001-first" / "001-first.pdf", 600)
    said = re.search(r"prints at (\d+) ppi, under 200.*at least (\d+) pixels wide", warning)
    assert said, warning
    assert abs(int(said.group(1)) - ppi) <= 1, (warning, ppi)
    assert abs(int(said.group(2)) - 600 * 200 / ppi) <= 3, (warning, ppi)


def test_every_build_in_one_process_says_it(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a program using publisher's build() builds again, the PDF laid out here."""
    monkeypatch.setenv("PUBLISHER_JOBS", "1")
    for _ in range(2):
        with kept(logging.WARNING) as records:
            build(root, formats=["pdf"], force=True)
        assert [r.getMessage() for r in records if "banner.jpg prints at" in r.getMessage()]
