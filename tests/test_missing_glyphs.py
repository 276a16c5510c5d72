"""A PDF that would print characters as empty boxes, because no font has them, is built
with a warning naming the document, its line and the characters, and what to install;
text every installed font stack draws (Latin, Arabic, Farsi, emoji) is built in silence.

Which characters no font has is asked of fontconfig itself (`fc-list :charset=…`), one
character at a time, not of the code under test."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import minimal_with

from publisher.cli import main

MESSAGE = """\
---
title: Solidarity messages
---

Messages came from every kitchen on the street.

From the restaurant workers: 工人团结 (workers unite).

From Addis Ababa: ሰላም ለሁሉም. From Tehran: همبستگی. From Cairo: تضامن ❤️ 👩‍🔧

See you at the rally \uf04a
"""


def drawn_by_an_installed_font(character: str) -> bool:
    listing = subprocess.run(
        ["fc-list", f":charset={ord(character):x}", "family"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return bool(listing.strip())


def build(root: Path, *formats: str) -> list[str]:
    """The warnings of a build of `formats` (it must succeed)."""
    options = [arg for f in formats for arg in ("-f", f)]
    result = CliRunner().invoke(main, ["-C", str(root), "build", *options])
    assert result.exit_code == 0, result.output
    return [line for line in result.output.splitlines() if line.startswith("warning:")]


def about_fonts(warnings: list[str]) -> list[str]:
    return [w for w in warnings if "no font has" in w]


def test_characters_no_font_has_are_named_with_their_document_and_line(tmp_path: Path) -> None:
    root = minimal_with(tmp_path / "ws", {"messages.md": MESSAGE})
    undrawn = [c for c in "工人团结ሰላምهمبستگیتضامن❤👩🔧\uf04a" if not drawn_by_an_installed_font(c)]
    assert "\uf04a" in undrawn  # Wingdings' smiley: no font but Wingdings has it

    (warning,) = about_fonts(build(root, "pdf"))
    line = 1 + MESSAGE.splitlines().index(next(x for x in MESSAGE.splitlines() if undrawn[0] in x))
    assert f"documents/messages.md:{line}: no font has" in warning
    named = re.findall(r"\(U\+([0-9A-F]{4,6})\)", warning)
    counted = re.search(r"and (\d+) more", warning)
    assert len(named) + (int(counted.group(1)) if counted else 0) == len(undrawn)
    assert {chr(int(code, 16)) for code in named} <= set(undrawn)
    assert "prints them as empty boxes" in warning
    if any("\u4e00" <= c <= "\u9fff" for c in undrawn):
        assert "fonts-noto-cjk" in warning
    assert (root / "dist" / "001-first" / "001-first.pdf").is_file()  # built all the same


GREETINGS = """\
---
title: Messages
lang: en
---

From Shenzhen: 工人团结起来.

From Addis: fine.

From Seoul: 노동자 연대.

From Tokyo: 労働者の団結.

See you at the rally \uf04a
"""


def test_a_warning_of_characters_no_font_has_names_every_line_that_holds_them(
    tmp_path: Path,
) -> None:
    """Chinese on line 6, Korean on line 10, Japanese on line 12 and Wingdings' smiley on
    line 14: the one warning names each line an editor must look at, not only the first,
    and the characters it writes out are the first line's."""
    root = minimal_with(tmp_path / "ws", {"glyphs.md": GREETINGS})
    lines = GREETINGS.splitlines()
    undrawn = {
        number: [c for c in line if c > "~" and not drawn_by_an_installed_font(c)]
        for number, line in enumerate(lines, start=1)
    }
    holding = [number for number, characters in undrawn.items() if characters]
    assert holding[-1] == 14 and len(holding) > 1  # more than the smiley (no CJK fonts)

    (warning,) = about_fonts(build(root, "pdf"))

    first = holding[0]
    assert f"documents/glyphs.md:{first}: no font has {undrawn[first][0]} " in warning
    named = re.search(r"on lines (.+?):", warning)
    assert named, warning
    assert [int(n) for n in re.findall(r"\d+", named.group(1))] == holding


@pytest.mark.parametrize("jobs", ["2", "1"], ids=["in workers", "in one process"])
def test_a_document_every_edition_prints_is_warned_of_once(
    workspace: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """The Spanish and Arabic editions print the English report, which they have not
    translated: three PDFs with the same empty box, one warning."""
    root = workspace("editions")
    report = root / "documents" / "report.md"
    report.write_text(report.read_text() + "\nSee you at the rally \uf04a\n")
    monkeypatch.setenv("PUBLISHER_JOBS", jobs)

    warnings = about_fonts(build(root, "pdf"))

    assert len(warnings) == 1 and "documents/report.md:" in warnings[0], warnings
    for edition in ("", "es", "ar"):  # all built, as the warning is said for all
        assert (root / "dist" / "001-editions" / edition / "001-editions.pdf").is_file()


def test_a_leaflet_says_so_too_naming_the_manifest_for_its_standfirst(tmp_path: Path) -> None:
    root = minimal_with(tmp_path / "ws", {})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text()
        + "leaflet:\n  document: first-article\n  standfirst: 'Rally \uf04a at noon'\n"
    )
    warnings = about_fonts(build(root, "leaflet"))
    assert [w for w in warnings if "issues/001-first.yaml:" in w and "U+F04A" in w], warnings
    assert "Word's Symbol and Wingdings" in warnings[0]


def test_the_manifests_texts_are_looked_at_too(tmp_path: Path) -> None:
    root = minimal_with(tmp_path / "ws", {})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("title: News", "title: News \uf0e0"))
    (warning,) = about_fonts(build(root, "pdf"))
    line = manifest.read_text().splitlines().index("  - title: News \uf0e0") + 1
    assert f"issues/001-first.yaml:{line}: no font has \uf0e0 (U+F0E0)" in warning
    # one character, spoken of as one
    assert "prints it as empty boxes; it is a private character of one font" in warning
    assert warning.endswith("type the character it stands for")


def test_latin_arabic_farsi_and_emoji_are_built_in_silence(tmp_path: Path) -> None:
    # with what steers how characters are drawn and is not drawn itself: a zero-width
    # joiner, an emoji's variation selector, one of the ideographic ones (U+E0100)
    drawn = "Grève, huelga, تضامن, همبستگی, ❤️ 👩‍🔧, ሰላም, ω\U000e0100"
    shown = [c for c in drawn if c > "~" and c not in "\u200d\ufe0f\U000e0100"]
    assert all(drawn_by_an_installed_font(c) for c in shown)  # as the set-up installs fonts
    text = f"---\ntitle: Together\n---\n\n{drawn}\n"
    root = minimal_with(tmp_path / "ws", {"together.md": text})
    assert about_fonts(build(root, "pdf")) == []


def test_a_font_bundled_with_the_style_counts_as_having_its_characters(tmp_path: Path) -> None:
    """A workspace that brings its own font for a character is not told it has none."""
    assert not drawn_by_an_installed_font("\uf04a")
    text = "---\ntitle: Kitchens\n---\n\nThe restaurant workers say \uf04a.\n"
    style = '[style]\nheading_font = "style/Kitchen.ttf"\n'
    root = minimal_with(tmp_path / "ws", {"kitchens.md": text}, toml=style)
    (root / "style").mkdir()
    one_glyph_font(root / "style" / "Kitchen.ttf", "\uf04a")

    assert about_fonts(build(root, "pdf")) == []
    with pikepdf.open(root / "dist" / "001-first" / "001-first.pdf") as pdf:
        drawn = {
            bytes(font.ToUnicode.read_bytes())
            for page in pdf.pages
            for font in (page.Resources.get("/Font") or {}).values()
            if "Kitchen" in str(font.get("/BaseFont")) and "/ToUnicode" in font
        }
    assert any(b"<f04a>" in cmap.lower() for cmap in drawn), drawn  # it drew the character


def one_glyph_font(path: Path, character: str) -> None:
    """A TrueType font, family "KitchenTest", with a square for `character` and nothing else."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def square() -> object:
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        for corner in ((100, 700), (900, 700), (900, 0)):
            pen.lineTo(corner)
        pen.closePath()
        return pen.glyph()

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "kitchen"])
    builder.setupCharacterMap({ord(character): "kitchen"})
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "kitchen": square()})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "kitchen": (1000, 100)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "KitchenTest", "styleName": "Regular"})
    builder.setupOS2(usWeightClass=400)
    builder.setupPost()
    builder.save(str(path))
