"""`publisher import` of plain text: the bytes are read in the encoding they were written in,
and a guess that could still be wrong is flagged for review; the main language is the one
most of the text is in, and a passage in another script is marked as one passage in its own
language (a Farsi paragraph with its zero-width non-joiners included).

Each text is real-shaped: what editors of this tool receive, in the encodings their
machines save (UTF-8, UTF-16, Windows-1252, Latin-1, Mac Roman, Windows-1256)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
import regex
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.build import build
from publisher.cli import main
from publisher.errors import PublisherError
from publisher.importers import import_files
from publisher.importers.decode import guess_text
from publisher.importers.scripts import detect_language, mark_fragments
from publisher.readers import read_document

FRENCH = (
    "Appel à la manifestation du 14 mars\n\n"
    "Le syndicat appelle toutes et tous à manifester samedi… Nous étions déjà… Ça suffit…"
    " Être nombreux…\n\nLe Comité des locataires, 3 mars 2026\n"
)
TEXTS = {
    "fr": FRENCH,
    "fr-press": (
        "Grève des éboueurs : « Nous ne céderons pas »\n\n"
        "À Marseille, les agents de propreté entament leur deuxième semaine de grève. Ils"
        " réclament une prime de pénibilité et l’embauche de quarante précaires. « On a été"
        " très clairs : c’est maintenant ou jamais », déclare Hélène, déléguée syndicale.\n\n"
        "Union locale CGT, 12 février 2026\n"
    ),
    "es": (
        "Los jornaleros dicen basta\n\n"
        "Los trabajadores del campo exigen salarios dignos. «¿Hasta cuándo?», preguntó la"
        " portavoz. Señalan que la campaña de la aceituna empezó sin contrato y que el año"
        " pasado murieron tres compañeros por el calor.\n\n"
        "Sindicato Andaluz de Trabajadores, 3 de marzo de 2026\n"
    ),
    "de": (
        "Streik bei der Müllabfuhr\n\n"
        "Die Beschäftigten der städtischen Müllabfuhr legen am Montag die Arbeit nieder."
        " „Wir fordern faire Löhne für schwere Arbeit“, sagte die Betriebsrätin. Über 300"
        " Kolleginnen und Kollegen beteiligen sich; größere Straßen werden zuerst geräumt.\n\n"
        "Ver.di Ortsverein, 5. März 2026\n"
    ),
    "pt": (
        "Greve dos estivadores\n\n"
        "Os trabalhadores do porto de Lisboa iniciaram ontem uma greve por tempo"
        " indeterminado. “Não aceitaremos a precarização”, afirmou a coordenação. A"
        " administração não respondeu às reivindicações e ameaça contratar mão-de-obra.\n\n"
        "Sindicato dos Estivadores, 2 de março de 2026\n"
    ),
    "ca": (
        "Vaga general a l’educació\n\n"
        "Els mestres de Catalunya s’aturen dijous. «No podem més», diu la portaveu. Demanen"
        " la reducció de ràtios, més personal de suport i la recuperació del poder adquisitiu"
        " perdut.\n\nUSTEC·STEs, 4 de març de 2026\n"
    ),
    "en": (
        "Dockers win pay rise\n\n"
        "After six weeks on strike, the dockers at Eastharbour won a 9% rise — “the biggest"
        " in twenty years”, said the union’s rep. The café at the gate, which fed the picket"
        " for free, gets the workers’ thanks.\n\nThe Editors\n"
    ),
}
ARABIC = (
    "بيان نقابة عمال الميناء\n\n"
    "يعلن عمال ميناء إيستهاربور الإضراب المفتوح ابتداءً من يوم الاثنين، احتجاجاً على تجميد"
    " الأجور وتسريح العمال المؤقتين. نطالب بزيادة عادلة في الأجور وبعقود دائمة لجميع"
    " العاملين. إن وحدتنا هي قوتنا، ولن نتراجع حتى تتحقق مطالبنا.\n\n"
    "اللجنة النقابية، ٣ مارس ٢٠٢٦\n"
)
FARSI = (
    "بیانیه‌ی شورای کارگران\n\n"
    "ما کارگران کارخانه از امروز دست به اعتصاب می‌زنیم. دستمزدهای ما ماه‌هاست پرداخت نشده"
    " و کارفرما به خواسته‌های ما پاسخی نداده است. ما از خانه‌های خود دفاع می‌کنیم.\n\n"
    "شورای کارگران، اسفند ۱۴۰۴\n"
)
FARSI_LINE = (
    "ما از خانه‌های خود دفاع می‌کنیم و تا رسیدن به حقوق خود از پا نمی‌نشینیم؛ همسایه‌ها همراه ما هستند."
)
ARABIC_LINE = "نحن ندافع عن بيوتنا ولن نتراجع حتى يتحقق النصر؛ الجيران معنا في كل خطوة نخطوها."


def with_passage(passage: str, around: str = "en") -> str:
    """The tester's fa2.txt: a title, a paragraph, a one-line passage in another script, two
    more paragraphs and a signature (212 Latin letters to the Farsi line's 74)."""
    if around == "es":
        return (
            "Los inquilinos defienden sus casas\n\n"
            "Los inquilinos de la calle Olmo rechazan las órdenes de desahucio.\n\n"
            f"{passage}\n\n"
            "Vecinos de todo el barrio vinieron a la asamblea del domingo.\n\n"
            "La semana que viene habrá otra asamblea; todos son bienvenidos.\n\n"
            "La Redacción\n"
        )
    return (
        "Tenants defend their homes\n\n"
        "The tenants of Elm Street have refused the eviction notices and will stay in their flats.\n\n"
        f"{passage}\n\n"
        "Neighbours from the district came to the meeting on Sunday to support them.\n\n"
        "A second meeting is planned next week; all are welcome.\n\n"
        "The Editors\n"
    )


def in_latin_1(text: str) -> str:
    """`text` as Latin-1 can hold it: no typographic quotes, dashes or ellipses."""
    for typographic, plain in {
        "’": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "…": "...",
        "—": "-",
    }.items():
        text = text.replace(typographic, plain)
    return text


def in_cp1256(text: str) -> str:
    """`text` as Windows-1256 can hold it, and so as Arabic and Farsi are typed in it: Latin
    digits, and the Arabic yeh for the Farsi one (U+06CC is not in the code page)."""
    return text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹ی", "01234567890123456789ي"))


def imported(tmp_path: Path, data: bytes, name: str = "pasted.txt") -> tuple[str, list[str]]:
    """The Markdown file an import of `data` writes, and what the report asks to check."""
    source = tmp_path / "in" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data)
    report = import_files([source], tmp_path / "documents")
    assert not report.problems, report.problems
    (row,) = report.documents
    return row.path.read_text(encoding="utf-8"), row.draft.unsure


# Encodings ---------------------------------------------------------------------------------


def test_french_in_windows_1252_is_read_as_written_with_nothing_to_check(tmp_path: Path) -> None:
    written, unsure = imported(tmp_path, FRENCH.encode("cp1252"), "fr-long-cp1252.txt")
    assert "title: Appel à la manifestation du 14 mars\n" in written
    assert "Nous étions déjà… Ça suffit… Être nombreux…" in written
    assert "Le Comité des locataires" in written
    assert not regex.search(r"[ąēōūĮĘ]", written)
    assert (tmp_path / "documents" / "appel-a-la-manifestation-du-14-mars.md").exists()
    assert not [u for u in unsure if "UTF-8" in u]


@pytest.mark.parametrize("encoding", ["cp1252", "latin_1", "mac_roman"])
@pytest.mark.parametrize("language", sorted(TEXTS))
def test_western_texts_come_back_exactly_as_written(language: str, encoding: str) -> None:
    text = TEXTS[language]
    if encoding == "latin_1":
        text = in_latin_1(text)
    decoded = guess_text(text.encode(encoding), Path("pasted.txt"))
    assert decoded.text == text
    assert decoded.doubt is None, decoded.doubt


@pytest.mark.parametrize("text", [ARABIC, FARSI], ids=["arabic", "farsi"])
def test_arabic_and_farsi_in_windows_1256_come_back_exactly_as_written(text: str) -> None:
    typed = in_cp1256(text)
    decoded = guess_text(typed.encode("cp1256"), Path("pasted.txt"))
    assert (decoded.encoding, decoded.text, decoded.doubt) == ("cp1256", typed, None)


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
)
@pytest.mark.parametrize("text", [FRENCH, TEXTS["de"], ARABIC, FARSI, with_passage(FARSI_LINE)])
def test_unicode_with_or_without_a_bom_comes_back_exactly_as_written(
    text: str, encoding: str
) -> None:
    decoded = guess_text(text.encode(encoding), Path("pasted.txt"))
    assert (decoded.text, decoded.doubt) == (text, None)


def test_line_ends_are_folded_in_every_encoding() -> None:
    text = "Título\r\n\r\nPárrafo uno.\rPárrafo dos.\r\n"
    for encoding in ("utf-8", "utf-16", "cp1252", "mac_roman"):
        assert guess_text(text.encode(encoding), Path("x.txt")).text == (
            "Título\n\nPárrafo uno.\nPárrafo dos.\n"
        )


def test_an_unsure_guess_is_flagged_in_the_report_with_what_the_other_reading_gives(
    tmp_path: Path,
) -> None:
    short = "Café au lait\n\nA short note from the kitchen.\n"  # one letter tells too little
    written, unsure = imported(tmp_path, short.encode("mac_roman"))
    assert "title: Café au lait\n" in written
    assert unsure[0].startswith("not UTF-8: read as Mac Roman, a guess")
    assert "for 'Café'" in unsure[0]  # and what a rival reading (Windows-1252, -1256) makes of it


def test_a_short_text_is_sure_when_the_other_readings_garble_it() -> None:
    short = "Año nuevo\n\nEl niño pidió más.\n"  # Windows-1252 would read A–o, ni–o, m‡s
    decoded = guess_text(short.encode("mac_roman"), Path("x.txt"))
    assert (decoded.text, decoded.doubt) == (short, None)


def test_the_cli_report_lists_the_doubt_under_check(tmp_path: Path) -> None:
    source = tmp_path / "short.txt"
    source.write_bytes("Café au lait\n\nA short note from the kitchen.\n".encode("mac_roman"))
    result = CliRunner().invoke(
        main,
        ["-C", str(tmp_path), "import", "--json", "--into", str(tmp_path / "docs"), str(source)],
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["files"]
    assert any("read as Mac Roman, a guess" in check for check in row["check"])


def test_a_code_page_editors_rarely_use_is_read_when_the_usual_ones_garble_and_flagged() -> None:
    russian = (
        "Забастовка докеров\n\nРабочие порта требуют повышения зарплаты и постоянных"
        " контрактов. Профсоюз призывает всех прийти на митинг в субботу.\n"
    )
    decoded = guess_text(russian.encode("cp1251"), Path("x.txt"))
    assert decoded.text == russian
    assert decoded.doubt is not None and "Windows-1251" in decoded.doubt


def test_bytes_that_are_no_text_are_still_refused() -> None:
    with pytest.raises(PublisherError, match="NUL bytes"):
        guess_text(b"\x00\x01\x02\xff\xfe binary \x00", Path("bad.txt"))


# Bytes a wrong guess is made of: accented letters in each code page, bytes Windows-1252
# leaves undefined, NUL, a BOM's first bytes.
GUESSED = st.lists(
    st.sampled_from(
        [
            *(b"a", b"Z", b" ", b"\n", b"\r", b"\xe9", b"\x8e", b"\x81", b"\x9d", b"\xc7"),
            *(b"\xd2", b"\x93", b"\x96", b"\xa0", b"\xff\xfe", b"\x00", b"\xed\xa0\x80"),
        ]
    ),
    max_size=60,
).map(b"".join)


@settings(max_examples=200)
@given(data=st.one_of(st.binary(max_size=200), GUESSED))
def test_any_bytes_are_text_with_lf_line_ends_or_refused_by_name(data: bytes) -> None:
    try:
        decoded = guess_text(data, Path("any.txt"))
    except PublisherError as error:
        assert "any.txt" in str(error)
    else:
        assert "\r" not in decoded.text
        assert decoded.doubt is None or "UTF-8" in decoded.doubt


def test_utf8_with_lone_surrogates_is_still_read_as_utf8() -> None:
    data = "Café\ud800 ouvert\n".encode("utf-8", "surrogatepass")
    assert guess_text(data, Path("x.txt")).text == "Café\ud800 ouvert\n"


# Main language and passages in another script ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (with_passage(FARSI_LINE), "en"),
        (with_passage(ARABIC_LINE), "en"),
        (with_passage(FARSI_LINE, "es"), "es"),
        (FARSI, "fa"),
        (ARABIC, "ar"),
        (in_cp1256(FARSI), "fa"),  # Farsi typed with the Arabic yeh
    ],
    ids=["farsi-in-english", "arabic-in-english", "farsi-in-spanish", "farsi", "arabic", "yeh"],
)
def test_the_main_language_is_the_one_most_of_the_text_is_in(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "passage",
    [
        FARSI_LINE,
        "ما از خانه‌ها دفاع می‌کنیم",  # no letter only Farsi has: its joiners say Farsi
        "خانه‌ها\u200dی ما، ۱۴۰۴؟",  # a joiner, the Arabic comma, Persian digits, question mark
    ],
)
def test_a_farsi_passage_is_one_span_in_farsi_through_its_joiners(passage: str) -> None:
    marked, found = mark_fragments(f"<p>In their words: {passage} Then English again.</p>")
    spans = lxml.html.fragment_fromstring(marked).xpath("//span")
    # a closing full stop is the sentence's around it, as for any passage
    expected = passage.removesuffix(".")
    assert [(s.get("lang"), s.get("dir"), s.text) for s in spans] == [("fa", "rtl", expected)]
    assert found == {"fa passages": 1}


def test_a_farsi_word_files_paragraphs_are_all_farsi_even_with_no_letter_only_farsi_has(
    tmp_path: Path,
) -> None:
    """Most Farsi words are written in letters Arabic has too: in a Farsi document they are
    its own text, not passages in Arabic (which would be read out, and quoted, as Arabic)."""
    import pypandoc

    source = tmp_path / "statement.md"
    source.write_text(
        "کارگران بندر امروز اعتصاب کردند و خواستار دستمزد عادلانه شدند.\n\n"
        "اعتصاب در بندر ادامه دارد.\n\n"  # ا ع ت ص ب د ر ن م ه: Arabic's letters all
        "The dockers' union sent اعتصاب در بندر to every branch.\n",
        encoding="utf-8",
    )
    word = tmp_path / "statement.docx"
    pypandoc.convert_file(str(source), "docx", outputfile=str(word))
    written, _ = imported(tmp_path, word.read_bytes(), "statement.docx")
    assert "\nlang: fa\n" in written
    assert 'lang="ar"' not in written, written


def test_an_english_text_with_a_farsi_paragraph_is_english_with_the_paragraph_in_farsi(
    tmp_path: Path,
) -> None:
    written, _ = imported(tmp_path, with_passage(FARSI_LINE).encode("utf-8"), "fa2.txt")
    assert "\nlang: en\n" in written
    assert f'::: {{lang="fa" dir="rtl"}}\n{FARSI_LINE}\n:::' in written
    assert written.count('lang="fa"') == 1 and 'lang="ar"' not in written


def test_the_built_page_of_that_text_is_left_to_right_with_the_farsi_paragraph_right_to_left(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    source = root / "fa2.txt"
    source.write_text(with_passage(FARSI_LINE), encoding="utf-8")
    report = import_files([source], root / "documents")
    assert not report.problems, report.problems
    slug = report.documents[0].path.stem
    assert read_document(report.documents[0].path, slug, root / "documents", "en").language == "en"
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("second-article]", f"second-article, {slug}]"),
        encoding="utf-8",
    )
    page = build(root, formats=["web"]).out_dir / "001-first" / slug / "index.html"
    tree = lxml.html.fromstring(page.read_bytes())
    [article] = tree.xpath("//article")
    assert (article.get("lang"), article.get("dir")) == ("en", "ltr")
    [farsi] = tree.xpath("//p[contains(., 'خانه')]")
    assert farsi.xpath("ancestor-or-self::*[@dir][1]/@dir") == ["rtl"]
    assert farsi.xpath("ancestor-or-self::*[@lang][1]/@lang") == ["fa"]
    [english] = tree.xpath("//p[contains(., 'Neighbours')]")
    assert english.xpath("ancestor-or-self::*[@lang][1]/@lang") == ["en"]
