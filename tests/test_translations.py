"""Finding translations and telling whether each still matches its original (issue 19).

A translation is named by its file (`name.es.md` beside `name.md`, Hugo's `x/index.es.md`
beside `x/index.md`) or by `translation_of:` in its front matter, and records the original
it was made from as `original_hash:`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from publisher.errors import PublisherError
from publisher.original_hash import original_hash
from publisher.pool import DocumentPool
from publisher.translations import (
    Translation,
    find_translations,
    hash_line,
    status,
    translation_for,
)


def _pool(root: Path, files: dict[str, str | bytes]) -> DocumentPool:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return DocumentPool.scan(root)


def test_a_file_named_with_a_language_beside_its_original_is_its_translation(
    tmp_path: Path,
) -> None:
    pool = _pool(
        tmp_path,
        {
            "strike.md": "---\ntitle: Strike\n---\nText.",
            "strike.es.md": "---\ntitle: Huelga\n---\nTexto.",
            "strike.pt-br.docx": b"not really a docx",
            "lonely.fr.md": "No original beside it.",
        },
    )
    found = find_translations(pool)
    assert found == {
        Path("strike.md"): {
            "es": Translation(Path("strike.md"), "es", Path("strike.es.md"), ""),
            "pt-BR": Translation(Path("strike.md"), "pt-BR", Path("strike.pt-br.docx"), ""),
        }
    }


def test_front_matter_language_wins_over_the_file_name(tmp_path: Path) -> None:
    pool = _pool(tmp_path, {"a.md": "A", "a.es.md": "---\nlang: es-MX\n---\nB"})
    assert list(find_translations(pool)[Path("a.md")]) == ["es-MX"]


def test_a_translation_whose_name_and_front_matter_disagree_is_warned_of_at_its_lang_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`welcome.es.md` saying `lang: fr` (copied from the French one) was taken as the
    French translation without a word: the Spanish edition showed the original as not yet
    translated. A regional form of the named language (`es-MX`) is no disagreement."""
    pool = _pool(
        tmp_path,
        {
            "welcome.md": "---\ntitle: Welcome\n---\nHello.",
            "welcome.es.md": '---\ntitle: "Bienvenida"\nlang: fr\n---\nHola.',
            "news.md": "---\ntitle: News\n---\nNews.",
            "news.es.md": "---\ntitle: Noticias\nlang: es-MX\n---\nNoticias.",
        },
    )
    with caplog.at_level("WARNING", logger="publisher"):
        found = find_translations(pool)
    assert list(found[Path("welcome.md")]) == ["fr"]
    assert caplog.messages == [
        f"{tmp_path / 'welcome.es.md'}:3: its name makes it the es translation of welcome.md,"
        " but its front matter says lang: fr, so it is read as the fr translation and the es"
        " edition shows the original; write lang: es, or name it welcome.fr.md"
    ]


def test_a_hugo_bundle_translation_is_found_beside_its_index(tmp_path: Path) -> None:
    pool = _pool(
        tmp_path,
        {
            "posts/my-post/index.md": "+++\ntitle = 'Post'\n+++\nText.",
            "posts/my-post/index.es.md": '+++\ntitle = "Entrada"\noriginal_hash = "sha256:x"\n+++\n',
        },
    )
    (translation,) = find_translations(pool)[Path("posts/my-post/index.md")].values()
    assert translation.path == Path("posts/my-post/index.es.md")
    assert translation.language == "es"
    assert translation.recorded_hash == "sha256:x"
    assert hash_line(translation, tmp_path).startswith('original_hash = "sha256:')


def test_translation_of_names_the_original_as_a_manifest_would(tmp_path: Path) -> None:
    pool = _pool(
        tmp_path,
        {
            "statements/cleaners-strike.md": "---\ntitle: We stand\n---\n",
            "es/limpiadoras.md": (
                "---\ntitle: Apoyamos\nlang: es\ntranslation_of: cleaners-strike\n"
                "original_hash: sha256:0123456789abcdef\n---\nTexto."
            ),
            "notes.md": "This page mentions translation_of: in its text only.",
        },
    )
    assert find_translations(pool) == {
        Path("statements/cleaners-strike.md"): {
            "es": Translation(
                Path("statements/cleaners-strike.md"),
                "es",
                Path("es/limpiadoras.md"),
                "sha256:0123456789abcdef",
            )
        }
    }


def test_a_bad_translation_of_names_the_file_line_and_a_near_miss(tmp_path: Path) -> None:
    pool = _pool(
        tmp_path,
        {
            "cleaners-strike.md": "Text.",
            "limpiadoras.md": "---\ntitle: Apoyamos\nlang: es\ntranslation_of: cleaners-strik\n---\n",
        },
    )
    with pytest.raises(PublisherError) as caught:
        find_translations(pool)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (tmp_path / "limpiadoras.md", 4)
    assert "no document 'cleaners-strik'" in problem.message
    assert (problem.hint or "").startswith("did you mean 'cleaners-strike'")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    pool = _pool(
        tmp_path,
        {
            "a.md": "A",
            "a.es.md": "---\ntitle: Uno\n---\n",
            "otra.md": "---\ntranslation_of: a\nlang: es\n---\n",  # a second Spanish one
            "sin-lengua.md": "---\ntranslation_of: a\n---\n",  # no language
            "self.md": "---\ntranslation_of: self\nlang: fr\n---\n",
            "x.fr.md": "---\ntranslation_of: a.es\n---\n",  # from a translation
        },
    )
    with pytest.raises(PublisherError) as caught:
        find_translations(pool)
    messages = sorted(p.message for p in caught.value.problems)
    assert len(messages) == 4, messages
    assert "a.md has two translations into es: a.es.md and otra.md" in messages
    assert any("'self' is this document itself" in m for m in messages)
    assert "x.fr.md is a translation of a.es.md, which is itself a translation of a.md" in messages
    assert any(
        "sin-lengua.md is a translation but says not into which language" in m for m in messages
    )


def test_an_edited_original_outdates_its_translation_until_the_hash_is_updated(
    tmp_path: Path,
) -> None:
    pool = _pool(tmp_path, {"a.md": "Original.", "a.es.md": "---\ntitle: A\n---\nTraducción."})
    (unrecorded,) = find_translations(pool)[Path("a.md")].values()
    assert status(unrecorded, tmp_path) == "current"  # unknown is not outdated
    line = hash_line(unrecorded, tmp_path)
    assert line == f"original_hash: {original_hash(tmp_path / 'a.md')}"
    assert len(line.split("sha256:")[1]) == 16
    (tmp_path / "a.es.md").write_text(f"---\ntitle: A\n{line}\n---\nTraducción.", "utf-8")
    (recorded,) = find_translations(pool)[Path("a.md")].values()
    assert status(recorded, tmp_path) == "current"
    (tmp_path / "a.md").write_text("Original, corrected.", encoding="utf-8")
    assert status(recorded, tmp_path) == "outdated"


def _recorded(root: Path, originals: dict[str, str | bytes], name: str) -> Translation:
    """The translation `name` once it records the hash `list --translations` gives it."""
    pool = _pool(root, {**originals, name: "---\nlang: es\n---\n"})
    (unrecorded,) = (t for by in find_translations(pool).values() for t in by.values())
    line = hash_line(unrecorded, root)
    (root / name).write_text(f"---\nlang: es\n{line}\n---\n", encoding="utf-8")
    (recorded,) = (t for by in find_translations(pool).values() for t in by.values())
    return recorded


@pytest.mark.parametrize(
    "saved",
    [
        b"---\r\ntitle: Welcome\r\n---\r\n\r\nWelcome.\r\n",  # Notepad, a Windows checkout
        b"---\ntitle: Welcome\n---\n\nWelcome.\n\n",  # `echo >> welcome.md`
        b"---\ntitle: Welcome  \n---\n\nWelcome.",  # no final newline, spaces left
        b"\xef\xbb\xbf---\ntitle: Welcome\n---\n\nWelcome.\n",  # a BOM
    ],
)
def test_an_original_saved_again_with_the_same_text_leaves_its_translation_current(
    tmp_path: Path, saved: bytes
) -> None:
    original = "---\ntitle: Welcome\n---\n\nWelcome.\n"
    recorded = _recorded(tmp_path, {"welcome.md": original}, "welcome.es.md")
    (tmp_path / "welcome.md").write_bytes(saved)
    assert status(recorded, tmp_path) == "current"
    (tmp_path / "welcome.md").write_bytes(saved.replace(b"Welcome.", b"Welcome, all."))
    assert status(recorded, tmp_path) == "outdated"


STATEMENT = "---\ntitle: We stand with the cleaners\ntags: [health]\n---\n\nWe stand with the cleaners of St Mary's.\n"


def test_an_originals_front_matter_keys_that_change_no_word_leave_its_translation_current(
    tmp_path: Path,
) -> None:
    """An alias (the article renamed), the day of a correction, a tag: added to the
    original, they marked its translations outdated (the hash was of the whole file),
    though nothing in them is translated. Its title, or its text, does outdate them."""
    recorded = _recorded(tmp_path, {"statement.md": STATEMENT}, "statement.es.md")
    original = tmp_path / "statement.md"
    original.write_text(
        STATEMENT.replace(
            "tags: [health]",
            "tags: [health, outsourcing]\naliases: [/041-pay/cleaners/]\nupdated: 2026-03-10",
        ),
        encoding="utf-8",
    )
    assert status(recorded, tmp_path) == "current"
    original.write_text(STATEMENT.replace("title: We stand", "title: We still stand"), "utf-8")
    assert status(recorded, tmp_path) == "outdated"
    original.write_text(STATEMENT.replace("St Mary's", "St Mary's and the Royal"), "utf-8")
    assert status(recorded, tmp_path) == "outdated"


def test_a_hash_of_the_whole_text_recorded_before_stays_current_while_the_original_is(
    tmp_path: Path,
) -> None:
    """Recorded by the versions whose hash followed every line of the original: upgrading
    outdates no translation of an unchanged original."""
    pool = _pool(
        tmp_path,
        {
            "statement.md": STATEMENT,
            "statement.es.md": "---\nlang: es\noriginal_hash: sha256:795e8e811a4fe81f\n---\n",
        },
    )
    (recorded,) = find_translations(pool)[Path("statement.md")].values()
    assert status(recorded, tmp_path) == "current"


def test_a_hash_recorded_by_earlier_versions_of_the_file_bytes_stays_current(
    tmp_path: Path,
) -> None:
    """Translations recorded before the hash followed the text keep their line: upgrading
    turns none of them outdated while the original is unchanged."""
    pool = _pool(
        tmp_path,
        {
            "welcome.md": "---\ntitle: Welcome\n---\n\nWelcome.\n",
            # sha256 of welcome.md's bytes, as `list --translations` printed it before
            "welcome.es.md": "---\nlang: es\noriginal_hash: sha256:8a0e0610d843ea9c\n---\n",
        },
    )
    (recorded,) = find_translations(pool)[Path("welcome.md")].values()
    assert status(recorded, tmp_path) == "current"
    (tmp_path / "welcome.md").write_text("---\ntitle: Welcome\n---\n\nHello.\n", "utf-8")
    assert status(recorded, tmp_path) == "outdated"


def _docx(path: Path, text: str, modified: str) -> None:
    """A Word file as Word writes one: its text in word/document.xml, when it was last
    saved in docProps/core.xml."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path, "w") as docx:
        docx.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{w}"><w:body><w:p w:rsidR="00A1"><w:r><w:t>{text}</w:t>'
            "</w:r></w:p></w:body></w:document>",
        )
        docx.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Notice</dc:title>'
            f"<dcterms:modified>{modified}</dcterms:modified></cp:coreProperties>",
        )


def test_a_word_original_opened_and_saved_again_leaves_its_translation_current(
    tmp_path: Path,
) -> None:
    _docx(tmp_path / "notice.docx", "Rents rise.", "2026-11-02T09:00:00Z")
    recorded = _recorded(tmp_path, {}, "notice.es.md")
    _docx(tmp_path / "notice.docx", "Rents rise.", "2026-11-20T17:45:00Z")
    assert status(recorded, tmp_path) == "current"
    _docx(tmp_path / "notice.docx", "Rents rise again.", "2026-11-20T17:45:00Z")
    assert status(recorded, tmp_path) == "outdated"


def _custom_properties(path: Path, properties: dict[str, str]) -> None:
    """`path`, a Word file, with docProps/custom.xml holding `properties` as text, as Word
    writes File > Info > Properties > Advanced Properties > Custom (and pandoc its date)."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006"
    written = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}"'
        f' name="{name}"><vt:lpwstr>{value}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    with zipfile.ZipFile(path, "a") as docx:
        docx.writestr(
            "docProps/custom.xml",
            f'<Properties xmlns="{ns}/custom-properties" xmlns:vt="{ns}/docPropsVTypes">'
            f"{written}</Properties>",
        )


def test_a_word_originals_custom_properties_leave_its_translation_current(
    tmp_path: Path,
) -> None:
    """Its old address (`aliases`) or the day it was corrected (`updated`) given as custom
    properties changes nothing a translation translates; and a hash recorded before they
    were read (of a file pandoc wrote, its date a custom property) stays right."""
    _docx(tmp_path / "notice.docx", "Rents rise.", "2026-11-02T09:00:00Z")
    _custom_properties(tmp_path / "notice.docx", {"date": "2026-11-01"})
    (tmp_path / "notice.es.md").write_text(
        "---\nlang: es\noriginal_hash: sha256:528679ec1b1ab755\n---\n", encoding="utf-8"
    )
    (recorded,) = find_translations(DocumentPool.scan(tmp_path))[Path("notice.docx")].values()
    assert status(recorded, tmp_path) == "current"

    _docx(tmp_path / "notice.docx", "Rents rise.", "2026-11-20T17:45:00Z")
    properties = {"date": "2026-11-01", "aliases": "/041-pay/rent-notice/", "updated": "2026-11-20"}
    _custom_properties(tmp_path / "notice.docx", properties)
    assert status(recorded, tmp_path) == "current"


def test_an_edition_takes_the_exact_language_else_a_regional_form_of_it() -> None:
    def t(language: str) -> Translation:
        return Translation(Path("a.md"), language, Path(f"a.{language}.md"), "")

    regional = {"es-ES": t("es-ES"), "pt-BR": t("pt-BR")}
    assert translation_for(regional, "es") == t("es-ES")
    assert translation_for({**regional, "es": t("es")}, "es") == t("es")
    assert translation_for(regional, "pt-PT") == t("pt-BR")
    assert translation_for(regional, "fr") is None


def test_a_translation_named_as_typed_beside_an_original_named_on_a_mac_is_its_translation(
    tmp_path: Path,
) -> None:
    # The original's "é" is "e" and a combining accent (NFD, as macOS names files), the
    # translation's one character (NFC): the same name to anyone who reads it.
    pool = _pool(
        tmp_path,
        {
            "notas/de\u0301claration.md": "Texte.",
            "notas/d\u00e9claration.es.md": "Texto.",
        },
    )
    original = Path("notas/de\u0301claration.md")
    assert find_translations(pool) == {
        original: {"es": Translation(original, "es", Path("notas/d\u00e9claration.es.md"), "")}
    }


def test_a_translation_saved_as_unicode_text_is_found_by_its_translation_of(
    tmp_path: Path,
) -> None:
    """Word's "Unicode Text" (UTF-16 with a BOM), which the readers read, is searched too."""
    translation = "---\r\ntitle: Apoyamos\r\nlang: es\r\ntranslation_of: strike\r\n---\r\nTexto."
    pool = _pool(
        tmp_path,
        {"strike.md": "---\ntitle: We stand\n---\n", "apoyo.md": translation.encode("utf-16")},
    )
    assert find_translations(pool) == {
        Path("strike.md"): {"es": Translation(Path("strike.md"), "es", Path("apoyo.md"), "")}
    }
