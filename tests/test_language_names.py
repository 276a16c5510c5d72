"""A language may be written as editors name it, in English or in their own language, with
or without its accents ("Spanish", "español", "espanol"), wherever a language is written:
publisher.toml, a manifest, a document's front matter, as `publisher init` and subscriber
lists already took it. A name misspelt is named at its line, with the code meant."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from conftest import minimal_with

from publisher.cli import main

ISSUE = "001-first"


def build(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_languages_named_in_words_are_built_as_their_codes(tmp_path: Path) -> None:
    """They stopped the build: "'Spanish' is not a language code; did you mean 'es'?"."""
    article = "---\ntitle: Déclaration\nlang: Français\n---\n\nNous sommes en grève.\n"
    root = minimal_with(tmp_path / "ws", {"declaration.md": article})
    toml = root / "publisher.toml"
    toml.write_text(toml.read_text().replace('language = "en"', 'language = "espanol"'))
    manifest = root / "issues" / f"{ISSUE}.yaml"
    manifest.write_text("language: Arabic\n" + manifest.read_text())
    code, output = build(root)
    assert code == 0, output
    issue = lxml.html.fromstring((root / "dist" / ISSUE / "index.html").read_bytes())
    assert issue.get("lang") == "ar"
    page = lxml.html.fromstring((root / "dist" / ISSUE / "declaration" / "index.html").read_bytes())
    assert page.xpath("//article/@lang") == ["fr"]
    home = lxml.html.fromstring((root / "dist" / "index.html").read_bytes())
    assert home.get("lang") == "es"


@pytest.mark.parametrize(
    ("written", "meant"),
    [("Spansh", "'es' (Spanish)"), ("Frnch", "'fr' (French)"), ("Espanl", "'es' (Spanish)")],
)
def test_a_misspelt_language_name_is_named_at_its_line_with_the_code_meant(
    tmp_path: Path, written: str, meant: str
) -> None:
    root = minimal_with(tmp_path / "ws", {})
    manifest = root / "issues" / f"{ISSUE}.yaml"
    manifest.write_text(f"language: {written}\n" + manifest.read_text())
    code, output = build(root)
    assert code != 0
    assert f"{ISSUE}.yaml:1: '{written}' is not a language code" in output
    assert f"did you mean {meant}?" in output
    assert not (root / "dist").exists()
