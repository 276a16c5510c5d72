"""A document that does not say which language it is in (a `.txt` pasted from a blog, a Word
file, whose own language property is its editor's interface's, Markdown without `lang`)
is in the language its words plainly tell, in every output: its hyphenation, quotation
marks and the voice a screen reader uses follow it. What the editor says is never
second-guessed, and a text too short or too mixed to tell stays in the newsletter's."""

from __future__ import annotations

import logging
from pathlib import Path

import lxml.html
import pikepdf
import pytest
from conftest import build_with_warnings, minimal_with
from parsed_outputs import compact, epub_chapters, holding, marked_ancestor, structure

ISSUE = "001-first"

HUELGA = (
    "La asamblea de trabajadoras de la limpieza del hospital aprobó ayer la huelga "
    "indefinida a partir del lunes. Reclamamos la subida salarial pactada, el fin de la "
    "temporalidad y la readmisión de las compañeras despedidas por organizarse."
)
GREVE = (
    "Les salariées du nettoyage de l'hôpital ont voté hier la grève reconductible à partir "
    "de lundi. Nous exigeons l'augmentation de salaire promise, la fin des contrats "
    "précaires et la réintégration de nos collègues licenciées."
)
STRIKE = (
    "The hospital cleaners voted yesterday to strike from Monday. They demand the pay rise "
    "they were promised, an end to temporary contracts and the reinstatement of their "
    "sacked colleagues."
)
# A slogan quoted in an English report; a line too short to tell; a text in two halves
QUOTING = f"{STRIKE} On the picket line they chanted ¡Sí se puede!"
SHORT = "¡Huelga general el lunes!"
BILINGUAL = f"{STRIKE}\n\n{HUELGA}"

# A report declared English, with its Spanish and French translations under it; the
# Spanish quotes a word, typed in straight quotes
DIJERON = (
    'Las limpiadoras dijeron "basta" en la asamblea de ayer y votaron la huelga indefinida'
    " a partir del lunes, con el apoyo de todo el comité."
)
REPORT = f"---\ntitle: Strike / Huelga / Grève\nlang: en\n---\n\n{STRIKE}\n\n{HUELGA}\n\n{DIJERON}\n\n{GREVE}\n"

DOCUMENTS = {
    "huelga.txt": f"Huelga en la limpieza\n\n{HUELGA}\n",
    "greve.docx": f"# Grève au nettoyage\n\n{GREVE}\n",
    "huelga-md.md": f"---\ntitle: Huelga\n---\n\n{HUELGA}\n",
    "declared.md": f"---\ntitle: Huelga\nlang: en\n---\n\n{HUELGA}\n",
    "quoting.md": f"---\ntitle: Strike\n---\n\n{QUOTING}\n",
    "short.md": f"---\ntitle: Lunes\n---\n\n{SHORT}\n",
    "bilingual.md": f"---\ntitle: Strike / Huelga\n---\n\n{BILINGUAL}\n",
    "report.md": REPORT,
}
TOLD = {
    "huelga": "es",
    "greve": "fr",
    "huelga-md": "es",
    "declared": "en",
    "quoting": "en",
    "short": "en",
    "bilingual": "en",
    "report": "en",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = minimal_with(tmp_path_factory.mktemp("told") / "ws", DOCUMENTS)
    notes: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            notes.append(record.getMessage())

    handler = Keep(level=logging.INFO)
    logger = logging.getLogger("publisher")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        out, _ = build_with_warnings(root)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return out, notes


def test_each_document_is_in_the_language_its_words_tell_on_its_web_page(
    built: tuple[Path, list[str]],
) -> None:
    out, _ = built
    found = {}
    for slug in TOLD:
        page = lxml.html.parse(str(out / ISSUE / slug / "index.html")).getroot()
        found[slug] = page.find(".//article").get("lang")
    assert found == TOLD


def test_the_epub_and_the_pdf_say_the_language_of_each_document(
    built: tuple[Path, list[str]],
) -> None:
    out, _ = built
    chapters = epub_chapters(out / ISSUE / f"{ISSUE}.epub")
    with pikepdf.open(out / ISSUE / f"{ISSUE}.pdf") as pdf:
        elements = list(structure(pdf))
    for language, title in (("es", "Huelga en la limpieza"), ("fr", "Grève au nettoyage")):
        chapter = next(c for c in chapters.values() if title in "".join(c.itertext()))
        assert marked_ancestor(holding(chapter, title)).get("lang") == language
        holders = [e for e, text in elements if compact(title) in compact(text)]
        assert language in {str(e.Lang) for e in holders if "/Lang" in e}, title


def test_a_paragraph_in_another_language_says_its_own_in_every_output(
    built: tuple[Path, list[str]],
) -> None:
    """An English report with its Spanish and French translations under it: each of
    those paragraphs was English to print's hyphenation, to the quotation marks and to a
    screen reader. A slogan in an English sentence, and a text wholly in another language
    than its document says, mark nothing: the document says what it is in."""
    out, _ = built

    def paragraphs(slug: str) -> dict[str, str | None]:
        page = lxml.html.parse(str(out / ISSUE / slug / "index.html")).getroot()
        article = page.find(".//article")
        return {p.text_content()[:20]: p.get("lang") for p in article.iter("p")}

    report = paragraphs("report")
    assert (report[STRIKE[:20]], report[HUELGA[:20]], report[GREVE[:20]]) == (None, "es", "fr")
    assert paragraphs("bilingual")[HUELGA[:20]] == "es"
    assert "es" not in paragraphs("declared").values()  # Spanish, but said to be English
    assert set(paragraphs("quoting").values()) == {None}
    page = lxml.html.parse(str(out / ISSUE / "report" / "index.html")).getroot()
    assert "«basta»" in page.find(".//article").text_content()  # Spanish marks, as in Spain
    chapters = epub_chapters(out / ISSUE / f"{ISSUE}.epub")
    chapter = next(c for c in chapters.values() if GREVE[:30] in "".join(c.itertext()))
    assert marked_ancestor(holding(chapter, GREVE[:30])).get("lang") == "fr"
    with pikepdf.open(out / ISSUE / f"{ISSUE}.pdf") as pdf:
        holders = [e for e, text in structure(pdf) if compact(HUELGA[:40]) in compact(text)]
    assert "es" in {str(e.Lang) for e in holders if "/Lang" in e}


def test_the_build_says_which_language_it_read_and_where_to_say_so(
    built: tuple[Path, list[str]],
) -> None:
    out, notes = built
    documents = out.parent / "documents"
    told = sorted(note for note in notes if "by its words" in note)
    assert told == [
        f"{documents / 'greve.docx'}: read as French (fr) by its words, not English (en):"
        " say so in its file name (greve.fr.docx)",
        f"{documents / 'huelga-md.md'}: read as Spanish (es) by its words, not English (en):"
        " say so in its front matter (lang: es) or its file name (huelga-md.es.md)",
        f"{documents / 'huelga.txt'}: read as Spanish (es) by its words, not English (en):"
        " say so in a line at its top (lang: es) over a blank line, or its file name"
        " (huelga.es.txt)",
    ]


def test_a_plain_text_said_to_be_spanish_as_the_note_advises_is_spanish_without_a_note(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = minimal_with(tmp_path / "ws", {"huelga.txt": f"Huelga en la limpieza\n\n{HUELGA}\n"})
    with caplog.at_level(logging.INFO, logger="publisher"):
        build_with_warnings(root, formats=["web"])
    (advice,) = (r.getMessage() for r in caplog.records if "by its words" in r.getMessage())
    line = advice.split("a line at its top (")[1].split(")")[0]

    text = root / "documents" / "huelga.txt"
    text.write_text(f"{line}\n\n{text.read_text()}")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="publisher"):
        out, _ = build_with_warnings(root, formats=["web"])

    assert [r.getMessage() for r in caplog.records if "huelga.txt" in r.getMessage()] == []
    page = lxml.html.parse(str(out / ISSUE / "huelga" / "index.html")).getroot()
    assert page.find(".//article").get("lang") == "es"
    assert page.findtext(".//h1").strip() == "Huelga en la limpieza"


def test_an_afrikaans_newsletters_documents_stay_afrikaans(tmp_path: Path) -> None:
    """py3langid tells apart the languages our editors write; a newsletter in another
    keeps its documents in its own, not in the nearest of those (Dutch, of which py3langid
    was sure)."""
    staking = (
        "Die skoonmakers by die hospitaal het gister gestem om vanaf Maandag te staak. Hulle "
        "eis die loonverhoging wat aan hulle belowe is, die einde van tydelike kontrakte en "
        "die heraanstelling van hulle afgedankte kollegas."
    )
    root = minimal_with(tmp_path / "ws", {"staking.txt": f"Staking\n\n{staking}\n"})
    config = root / "publisher.toml"
    config.write_text(config.read_text().replace('language = "en"', 'language = "af"'))
    out, _ = build_with_warnings(root, formats=["web"])
    page = lxml.html.parse(str(out / ISSUE / "staking" / "index.html")).getroot()
    assert page.find(".//article").get("lang") == "af"


EXAMPLE = Path(__file__).parent.parent / "documents"


def paragraphs_of(*names: str) -> list[str]:
    """The paragraphs of the example newsletter's Markdown documents `names`, front matter
    left out."""
    return [
        paragraph
        for name in names
        for paragraph in (EXAMPLE / name).read_text("utf-8").split("---", 2)[2].split("\n\n")
        if paragraph.strip()
    ]


def test_a_long_documents_language_is_told_from_paragraphs_spread_over_all_of_it() -> None:
    """A long text is told by paragraphs read evenly from its start to its end: a report
    whose second half is its English original stays in the newsletter's language."""
    from publisher.importers.scripts import language_by_words

    spanish = paragraphs_of("cleaners-strike-statement.es.md", "rent-survey-report.es.md") * 3
    english = paragraphs_of("cleaners-strike-statement.md", "solidarity-textile-workers.md") * 3
    assert sum(len(p) for p in spanish) > 25_000
    assert language_by_words(spanish, "en") == "es"
    assert language_by_words(spanish + english, "en") is None
