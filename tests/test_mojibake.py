"""Text garbled by a wrong encoding before it reached the editor ("donâ€™t", "FranÃ§ois",
Arabic as "Ù…Ø±Ø­Ø¨Ø§") is published as it was written, with a warning naming the file,
the line and an example; text that only looks unusual is left as it is.

The garbled inputs are made here as the programs that garble text make them: UTF-8 bytes
read as Windows-1252 (a byte it leaves undefined read as Latin-1, as Windows does)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from click.testing import CliRunner
from conftest import minimal_with

from publisher.cli import main

ENGLISH = "We don’t accept the offer, said François."
PRICE = "Tickets cost £5, concessions 2 €."
ARABIC = "مرحبا بكم في الإضراب"
SPANISH_TITLE = "Huelga en la fábrica de Cádiz"


def garbled(text: str) -> str:
    """`text` as UTF-8 read as Windows-1252."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def build(root: Path, *arguments: str) -> list[str]:
    result = CliRunner().invoke(main, ["-C", str(root), *arguments])
    assert result.exit_code == 0, result.output
    return [line for line in result.output.splitlines() if line.startswith("warning:")]


def paragraphs(page: Path) -> list[str]:
    body = lxml.html.fromstring(page.read_bytes()).find_class("article-body")[0]
    return [" ".join(p.text_content().split()) for p in body.iter("p")]


def test_a_garbled_markdown_document_is_published_as_written(tmp_path: Path) -> None:
    text = (
        f"---\ntitle: {garbled(SPANISH_TITLE)}\n---\n\n"
        f"{garbled(ENGLISH)}\n\n{garbled(PRICE)}\n\n{garbled(ARABIC)}\n"
    )
    assert "donâ€™t" in text and "FranÃ§ois" in text  # the garbling people receive
    root = minimal_with(tmp_path / "ws", {"strike.md": text})

    warnings = build(root, "build", "-f", "web")

    page = root / "dist" / "001-first" / "strike" / "index.html"
    assert paragraphs(page) == [ENGLISH, PRICE, ARABIC]
    tree = lxml.html.fromstring(page.read_bytes())
    assert tree.findtext(".//h1") == SPANISH_TITLE
    arabic = tree.xpath("//*[@lang='ar']")  # read as Arabic once it is Arabic again
    assert arabic and arabic[0].get("dir") == "rtl"
    (said,) = [w for w in warnings if "wrong encoding" in w]
    assert "documents/strike.md:2: repaired text garbled by a wrong encoding" in said
    assert f"'{garbled('fábrica')}' reads 'fábrica'" in said and "also on 3 more line(s)" in said


def test_a_garbled_word_document_is_repaired_naming_the_file(tmp_path: Path) -> None:
    """Text pasted into Word from a garbled page: Word keeps the garbling."""
    text = f"{garbled(ENGLISH)}\n\n{garbled(PRICE)}\n"
    root = minimal_with(tmp_path / "ws", {"pasted.docx": text})
    warnings = build(root, "build", "-f", "web")
    assert paragraphs(root / "dist" / "001-first" / "pasted" / "index.html") == [ENGLISH, PRICE]
    (said,) = [w for w in warnings if "wrong encoding" in w]
    assert re.search(r"pasted\.docx: repaired text garbled", said) and "more line" not in said


def test_an_imported_text_is_written_repaired(tmp_path: Path) -> None:
    root = minimal_with(tmp_path / "ws", {})
    pasted = tmp_path / "statement.txt"
    pasted.write_text(f"Statement\n\n{garbled(ENGLISH)} {garbled(PRICE)}\n", encoding="utf-8")
    warnings = build(root, "import", str(pasted))
    written = (root / "documents" / "statement.md").read_text()
    assert f"{ENGLISH} {PRICE}" in written
    assert any("statement.txt:3: repaired text garbled" in w for w in warnings), warnings


def test_the_manifests_editorial_is_repaired(tmp_path: Path) -> None:
    root = minimal_with(tmp_path / "ws", {})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace("Hello from the editors.", garbled(ENGLISH)), "utf-8"
    )
    warnings = build(root, "build", "-f", "web")
    page = (root / "dist" / "001-first" / "index.html").read_text()
    assert ENGLISH.replace("’", "&rsquo;") in page or ENGLISH in page
    assert "FranÃ" not in page
    assert any("001-first.yaml:5: repaired text garbled" in w for w in warnings), warnings


def test_text_that_only_looks_unusual_is_left_as_written(tmp_path: Path) -> None:
    unusual = [
        "São Tomé, Ã and Õ: the letters of Portuguese with a tilde.",
        "Café…» said the sign; naïve “quotes” and ＷＩＤＥ letters stay.",
        "La letra “Ñ” es nuestra, y una résumé–based hiring no.",
    ]
    root = minimal_with(
        tmp_path / "ws", {"unusual.md": "---\ntitle: Odd\n---\n\n" + "\n\n".join(unusual)}
    )
    warnings = build(root, "build", "-f", "web")
    assert paragraphs(root / "dist" / "001-first" / "unusual" / "index.html") == unusual
    assert not [w for w in warnings if "wrong encoding" in w]
