"""`publisher list --translations`: per issue and edition, which documents are translated,
missing or outdated, and the exact line that brings an outdated translation up to date
(issue 19, acceptance 3)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main


def _list_translations(root: Path) -> str:
    result = CliRunner().invoke(main, ["-C", str(root), "list", "--translations"])
    assert result.exit_code == 0, result.output
    return result.output


def _status(output: str, document: str) -> str:
    (line,) = [line for line in output.splitlines() if line.split()[:1] == [document]]
    return " ".join(line.split()[1:])


def _hash_lines(output: str) -> list[str]:
    return re.findall(r"^ +(original_hash: sha256:[0-9a-f]{16})$", output, re.M)


def with_edition(root: Path, language: str, *documents: str) -> None:
    """The workspace's issue with `documents` after its own two and an edition in
    `language`."""
    manifest = root / "issues" / "001-first.yaml"
    listed = ", ".join(("second-article", *documents))
    manifest.write_text(
        manifest.read_text("utf-8").replace("second-article]", f"{listed}]")
        + f"editions: [{language}]\n",
        encoding="utf-8",
    )


def test_an_edited_original_is_outdated_until_the_recorded_hash_is_updated(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    original = root / "documents" / "first-article.md"
    translation = root / "documents" / "first-article.es.md"
    translation.write_text("---\ntitle: Primer artículo\n---\nTexto.\n", encoding="utf-8")
    (root / "documents" / "noticia.md").write_text("---\nlang: es\n---\nYa en español.\n")
    with_edition(root, "es", "noticia")

    output = _list_translations(root)
    assert "edition es: 2 of 3 ready" in output
    assert _status(output, "first-article") == "translated (no hash recorded) first-article.es.md"
    assert _status(output, "second-article") == "missing"
    assert _status(output, "noticia") == "written in it"
    assert "put in the front matter of documents/first-article.es.md:" in output
    (line,) = _hash_lines(output)

    # The editor pastes the line it printed: the translation is current, nothing to do.
    translation.write_text(f"---\ntitle: Primer artículo\n{line}\n---\nTexto.\n", "utf-8")
    output = _list_translations(root)
    assert _status(output, "first-article") == "translated first-article.es.md"
    assert _hash_lines(output) == []

    # The original changes after the translation was made.
    original.write_text(original.read_text("utf-8") + "\nA paragraph added later.\n", "utf-8")
    output = _list_translations(root)
    assert _status(output, "first-article") == "outdated first-article.es.md"
    (new_line,) = _hash_lines(output)
    assert new_line != line

    # The translator catches up and records the new hash: current again.
    translation.write_text(f"---\ntitle: Primer artículo\n{new_line}\n---\nTexto.\n", "utf-8")
    output = _list_translations(root)
    assert _status(output, "first-article") == "translated first-article.es.md"
    assert "edition es: 2 of 3 ready" in output


def test_office_files_in_the_editions_language_and_used_translations_are_listed_as_such(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    """`list --translations` called a Word file written in Spanish "missing" (the build
    reads its language from its properties), and `list` marked translations the editions
    use "not in any issue", as if they could go."""
    import pypandoc

    root = workspace("minimal")
    source = tmp_path / "aviso.md"
    source.write_text("---\ntitle: Aviso\nlang: es\n---\nYa en español.\n", encoding="utf-8")
    pypandoc.convert_file(str(source), "docx", outputfile=str(root / "documents" / "aviso.docx"))
    translation = root / "documents" / "first-article.es.md"
    translation.write_text("---\ntitle: Primer artículo\n---\nTexto.\n", encoding="utf-8")
    with_edition(root, "es", "aviso")

    assert _status(_list_translations(root), "aviso") == "written in it"
    listed = CliRunner().invoke(main, ["-C", str(root), "list"]).output
    (line,) = [line for line in listed.splitlines() if "first-article.es.md" in line]
    assert not line.lstrip().startswith("*"), line


def test_office_files_without_or_with_damaged_properties_are_listed_not_a_crash(
    workspace: Callable[[str], Path],
) -> None:
    """An OpenDocument file whose meta.xml names nothing ended `list --translations` on
    an unexpected problem (KeyError); a damaged one stopped the whole listing."""
    import zipfile

    root = workspace("minimal")
    with zipfile.ZipFile(root / "documents" / "bare.odt", "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", "<x/>")
        office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
        odt.writestr("meta.xml", f'<office:document-meta xmlns:office="{office}"/>')
    (root / "documents" / "broken.odt").write_text("not a zip")
    with_edition(root, "es", "bare", "broken")
    output = _list_translations(root)
    assert _status(output, "bare") == "missing" and _status(output, "broken") == "missing"


def test_a_document_in_the_newsletters_language_is_written_in_an_edition_in_it(
    workspace: Callable[[str], Path],
) -> None:
    """A Spanish newsletter's issue in English, with a Spanish edition: a document that
    does not say its language is in Spanish, the newsletter's, and the build shows it in
    the Spanish edition as it is; `list --translations` called it "missing"."""
    root = workspace("minimal")
    config = root / "publisher.toml"
    config.write_text(config.read_text().replace('language = "en"', 'language = "es"'))
    (root / "documents" / "huelga.md").write_text("---\ntitle: Huelga\n---\nTexto.\n")
    (root / "documents" / "statement.md").write_text(
        "---\ntitle: Statement\nlang: en\n---\nText.\n"
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        "number: 1\ntitle: First\ndate: 2026-03-01\nlanguage: en\nsections:\n"
        "  - title: News\n    documents: [statement, huelga]\neditions: [es]\n"
    )

    output = _list_translations(root)
    assert "edition es: 1 of 2 ready" in output
    assert _status(output, "huelga") == "written in it"
    assert _status(output, "statement") == "missing"


def test_a_document_read_in_the_editions_language_by_its_letters_is_written_in_it(
    workspace: Callable[[str], Path],
) -> None:
    """A Farsi statement without `lang:` in an English newsletter: the build reads it as
    Persian by its letters and publishes it in the Farsi edition as it is, while `list
    --translations` called it "missing". An English one stays missing there."""
    root = workspace("minimal")
    (root / "documents" / "bayanieh.md").write_text(
        '---\ntitle: "بیانیه"\ndate: 2026-02-25\n---\nما حمایت می‌کنیم.\n', encoding="utf-8"
    )
    with_edition(root, "fa", "bayanieh")

    output = _list_translations(root)
    assert _status(output, "bayanieh") == "written in it"
    assert _status(output, "first-article") == "missing"
    assert "edition fa: 1 of 3 ready" in output


HUELGA = (
    "La asamblea de trabajadoras de la limpieza del hospital aprobó ayer la huelga "
    "indefinida a partir del lunes. Reclamamos la subida salarial pactada, el fin de la "
    "temporalidad y la readmisión de las compañeras despedidas por organizarse."
)


def test_a_document_read_in_the_editions_language_by_its_words_is_written_in_it(
    workspace: Callable[[str], Path],
) -> None:
    """A Spanish statement without `lang:`, in Markdown or pasted into a `.txt`, in an
    English newsletter: the build reads it as Spanish by its words and publishes it in the
    Spanish edition as it is, while `list --translations` called it "missing". One whose
    `.txt` front matter says Spanish is so too; an English one stays missing."""
    root = workspace("minimal")
    documents = root / "documents"
    (documents / "huelga.md").write_text(f"---\ntitle: Huelga\n---\n\n{HUELGA}\n", "utf-8")
    (documents / "paro.txt").write_text(f"Paro\n\n{HUELGA}\n", "utf-8")
    (documents / "aviso.txt").write_text("---\nlang: es\n---\n\nAviso\n\nMañana.\n", "utf-8")
    with_edition(root, "es", "huelga", "paro", "aviso")

    output = _list_translations(root)
    for spanish in ("huelga", "paro", "aviso"):
        assert _status(output, spanish) == "written in it", output
    assert _status(output, "first-article") == "missing"


def test_a_plain_texts_front_matter_says_its_language_over_its_name_as_the_build_reads_it(
    workspace: Callable[[str], Path],
) -> None:
    """`aviso.fr.txt` whose front matter says `lang: es` is read as Spanish by the build,
    as a Markdown file would be; the listing took the language its name says."""
    from publisher.readers import read_document

    root = workspace("minimal")
    aviso = root / "documents" / "aviso.fr.txt"
    aviso.write_text("---\nlang: es\n---\n\nAviso\n\nMañana.\n", "utf-8")
    with_edition(root, "es", "aviso")

    assert read_document(aviso, "aviso", root / "documents", "en").language == "es"
    assert _status(_list_translations(root), "aviso-fr") == "written in it"


def test_a_translation_left_behind_by_renaming_its_original_is_named_with_the_fix(
    workspace: Callable[[str], Path],
) -> None:
    """`mv cleaners-strike-statement.md cleaners-statement.md` (and the manifest mended):
    the Spanish edition silently showed the English text, and the translation named after
    the old name went unused."""
    root = workspace("minimal")
    documents = root / "documents"
    original = documents / "cleaners-strike-statement.md"
    original.write_text("---\ntitle: Cleaners strike\n---\nWe strike on Monday.\n", "utf-8")
    recorded = "sha256:" + hashlib.sha256(original.read_bytes()).hexdigest()[:16]
    (documents / "cleaners-strike-statement.es.md").write_text(
        f"---\ntitle: Huelga de limpieza\noriginal_hash: {recorded}\n---\nHacemos huelga.\n",
        "utf-8",
    )
    original.rename(documents / "cleaners-statement.md")
    with_edition(root, "es", "cleaners-statement")
    for said in (
        CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"]).output,
        _list_translations(root),
    ):
        text = " ".join(said.split())
        assert (
            "documents/cleaners-strike-statement.es.md is named as the es translation of"
            " cleaners-strike-statement, which is no document" in text
        ), said
        assert (
            "rename it cleaners-statement.es.md, or write in its front matter"
            " translation_of: cleaners-statement" in text
        ), said


@pytest.mark.parametrize(
    ("name", "front_matter"),
    [
        ("first-article-fr.md", 'title: "Premier article"\nlang: fr\n'),
        ("first-article_fr.md", 'title: "Premier article"\nlang: fr\n'),
        ("first-article (fr).md", 'title: "Premier article"\n'),
        ("first-article-FR.md", 'title: "Premier article"\n'),
        ("first-artcle-fr.md", 'title: "Premier article"\nlang: fr\n'),  # and a typo
    ],
)
def test_a_translation_named_another_common_way_is_named_with_the_fix(
    workspace: Callable[[str], Path], name: str, front_matter: str
) -> None:
    """`welcome-fr.md` (as many sites and translators name them) was silently unused: the
    French edition showed the English text, and nothing named the file."""
    root = workspace("minimal")
    (root / "documents" / name).write_text(
        f"---\n{front_matter}---\nBienvenue dans notre bulletin.\n", encoding="utf-8"
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text("utf-8") + "editions: [fr]\n", encoding="utf-8")
    for said in (
        CliRunner().invoke(main, ["-C", str(root), "build", "-f", "email"]).output,
        _list_translations(root),
    ):
        text = " ".join(said.split())
        assert f"documents/{name} looks like the fr translation of first-article" in text, said
        assert (
            "rename it first-article.fr.md, or write in its front matter"
            " translation_of: first-article" in text
        ), said


def test_a_document_whose_name_ends_in_another_language_is_no_lost_translation(
    workspace: Callable[[str], Path],
) -> None:
    """The British English version of an article (`-uk`), in English: no Ukrainian."""
    root = workspace("minimal")
    (root / "documents" / "first-article-uk.md").write_text(
        "---\ntitle: First article\nlang: en-GB\n---\nColour.\n", encoding="utf-8"
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text("utf-8") + "editions: [fr]\n", encoding="utf-8")
    assert "looks like" not in _list_translations(root)
