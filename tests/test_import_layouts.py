"""`publisher import` of plain text laid out as editors' files really are: Word's "Save as
Plain Text" (one line per paragraph, no blank lines, UTF-16 and CRLF), e-mails wrapped at
72 columns, a title above its dateline, a dashed rule above the signature, blog bylines and
photo credits. Each test imports a file and reads the document back through the reader."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import logging
import re
import textwrap
from pathlib import Path

import lxml.html
import pytest
from bounded import finishes_within
from click.testing import CliRunner
from PIL import Image
from test_import import LONG, html_of, import_one, read_or_imported, texts

from publisher.cli import main
from publisher.importers import Imported, import_files
from publisher.model import Document
from publisher.readers import read_document

STATEMENTS = {
    "en": {
        "title": "Statement on the rent strike",
        "subtitle": "What we ask of the council",
        "dateline": "Tuesday, March 3, 2026",
        "paragraphs": [
            "We have been on rent strike since January because the landlord refused every "
            "repair we asked for, and the council has looked the other way while families "
            "lived with damp, broken heating and rats in the stairwells of three buildings.",
            "Today we ask the council to use the powers it has: inspect the buildings, order "
            "the repairs, and stop the evictions the landlord has started against the families "
            "who organised. We will keep the strike going until every demand is met.",
        ],
        "bullets": ["Inspect every flat within a month", "Stop all evictions of striking tenants"],
        "organisation": "Tenants Union of Lavapies",
        "signed": "March 3, 2026",
    },
    "es": {
        "title": "Comunicado sobre la huelga de alquileres",
        "subtitle": "Lo que pedimos al ayuntamiento",
        "dateline": "martes, 3 de marzo de 2026",
        "paragraphs": [
            "Llevamos en huelga de alquileres desde enero porque la propiedad se ha negado a "
            "hacer cada una de las reparaciones que pedimos, y el ayuntamiento ha mirado hacia "
            "otro lado mientras las familias vivían con humedades, sin calefacción y con ratas.",
            "Hoy pedimos al ayuntamiento que use sus competencias: que inspeccione los edificios, "
            "que ordene las reparaciones y que pare los desahucios que la propiedad ha empezado "
            "contra las familias que se organizaron. Seguiremos en huelga hasta conseguirlo.",
        ],
        "bullets": [
            "Inspección de cada piso en un mes",
            "Ningún desahucio de inquilinas en huelga",
        ],
        "organisation": "Sindicato de Inquilinas de Lavapiés",
        "signed": "3 de marzo de 2026",
    },
    "fr": {
        "title": "Déclaration sur la grève des loyers",
        "subtitle": "Ce que nous demandons à la mairie",
        "dateline": "mardi 3 mars 2026",
        "paragraphs": [
            "Nous sommes en grève des loyers depuis janvier parce que le propriétaire a refusé "
            "toutes les réparations demandées, et la mairie a détourné les yeux pendant que des "
            "familles vivaient avec l'humidité, sans chauffage et avec des rats dans les escaliers.",
            "Aujourd'hui nous demandons à la mairie d'user de ses pouvoirs : inspecter les "
            "immeubles, ordonner les réparations et arrêter les expulsions lancées contre les "
            "familles qui se sont organisées. La grève continuera jusqu'à ce que nous gagnions.",
        ],
        "bullets": ["Inspecter chaque logement sous un mois", "Aucune expulsion de grévistes"],
        "organisation": "Syndicat des locataires de Belleville",
        "signed": "3 mars 2026",
    },
}
LANGUAGES = list(STATEMENTS)


def signature(language: str) -> str:
    statement = STATEMENTS[language]
    return f"{statement['organisation']}, {statement['signed']}"


def assert_one_statement(docs: list[Document], language: str) -> Document:
    """The statement came back whole: its title, its paragraphs, signed and dated."""
    statement = STATEMENTS[language]
    (doc,) = docs
    assert doc.title == statement["title"]
    assert texts(doc, "/div/p") == statement["paragraphs"]
    assert doc.authors == (statement["organisation"],)
    assert str(doc.date) == "2026-03-03"
    return doc


# Word's "Save as Plain Text": a paragraph per line ------------------------------------------


def word_plain_text(language: str) -> str:
    """A statement as Word saves it as plain text: each paragraph on one line, no blank lines,
    bullets as '•' and a tab."""
    statement = STATEMENTS[language]
    return "\r\n".join(
        [
            statement["title"],
            statement["subtitle"],
            *statement["paragraphs"],
            *(f"•\t{item}" for item in statement["bullets"]),
            signature(language),
            "",
        ]
    )


@pytest.mark.parametrize(
    ("language", "encoding"),
    [("en", "utf-16"), ("es", "utf-8-sig"), ("fr", "utf-16")],  # Word's "Unicode" and "UTF-8"
)
def test_word_plain_text_keeps_its_paragraphs_title_subtitle_bullets_author_and_date(
    tmp_path: Path, language: str, encoding: str
) -> None:
    statement = STATEMENTS[language]
    docs = import_one(tmp_path, word_plain_text(language).encode(encoding), "word-unicode.txt")
    doc = assert_one_statement(docs, language)
    assert doc.subtitle == statement["subtitle"]
    assert texts(doc, "//ul/li") == statement["bullets"]
    assert texts(doc, "//div[@class='signature']") == [signature(language)]


def test_a_title_and_subtitle_on_consecutive_lines_are_title_and_subtitle(tmp_path: Path) -> None:
    statement = STATEMENTS["es"]
    first, second = statement["paragraphs"]
    text = f"{statement['title']}\n{statement['subtitle']}\n\n{first}\n\n{second}\n"
    (doc,) = import_one(tmp_path, text.encode("utf-16"), "t4.txt")
    assert (doc.title, doc.subtitle) == (statement["title"], statement["subtitle"])
    assert texts(doc, "/div/p") == statement["paragraphs"]


# Hard-wrapped text: lines joined into paragraphs ---------------------------------------------

ADDRESS = ["Tenants Union of Lavapies", "Calle del Ave María 12", "28012 Madrid"]


@pytest.mark.parametrize("between_paragraphs", ["\n\n", "\n"], ids=["blank line", "no blank"])
def test_an_email_wrapped_at_72_columns_is_joined_into_its_paragraphs(
    tmp_path: Path, between_paragraphs: str
) -> None:
    statement = STATEMENTS["en"]
    wrapped = [textwrap.fill(paragraph, width=72) for paragraph in statement["paragraphs"]]
    assert all(len(text.splitlines()) >= 3 for text in wrapped)  # the input really is wrapped
    text = f"{statement['title']}\n\n{between_paragraphs.join(wrapped)}\n\n" + "\n".join(ADDRESS)
    (doc,) = import_one(tmp_path, text)
    paragraphs = html_of(doc).xpath("/div/p")[:2]
    assert [" ".join(p.text_content().split()) for p in paragraphs] == statement["paragraphs"]
    assert not [p for p in paragraphs if p.xpath(".//br")]  # joined, not kept as lines
    # The address's lines were broken by hand, not wrapped: they stay lines.
    (address,) = [p for p in html_of(doc).xpath("//p") if "Calle" in p.text_content()]
    assert [line.strip() for line in address.itertext()] == ADDRESS


HAND_WRAPPED = """Dear neighbours,

We have been on rent strike since January because the landlord
refused every repair we asked for, and the council has
looked the other way while families lived with damp, broken
heating and rats in the stairwells of three buildings.

Today we ask the council to use the powers it has: inspect
the buildings, order the repairs, and stop the evictions the
landlord has started against the families who organised. We
will keep the strike going until every demand is met.

Ana Ruiz
"""


def test_an_email_wrapped_by_hand_short_of_its_width_is_joined_into_its_paragraphs(
    tmp_path: Path,
) -> None:
    """Lines ended with Enter a word or two before the edge, mid-sentence, are wrapped too."""
    (doc,) = import_one(tmp_path, HAND_WRAPPED)
    paragraphs = html_of(doc).xpath("/div/p")
    assert [" ".join(p.text_content().split()) for p in paragraphs] == [
        "Dear neighbours,",
        *STATEMENTS["en"]["paragraphs"],
    ]
    assert not [p for p in paragraphs if p.xpath(".//br")]
    assert doc.authors == ("Ana Ruiz",)


# A letter's shape: the place and date under the title, a closing, the name under it ----------

LETTERS = {  # the place and date line, the closing, the name and what the signer is
    "en": ("Eastharbour, 3 March 2026", "In solidarity,", "Maria Lopez", "Secretary"),
    "es": ("Madrid, 3 de marzo de 2026", "Un saludo solidario,", "Ana Ruiz", "Secretaria general"),
    "fr": ("Paris, le 3 mars 2026", "Salutations syndicales,", "Pierre Martin", "Secrétaire"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_letter_takes_its_date_from_the_place_and_date_line_and_its_author_under_the_closing(
    tmp_path: Path, language: str
) -> None:
    """Statements are often set as letters: "Madrid, 3 de marzo de 2026" under the title,
    and at the end a closing, the signer's name and their role, each on its own line."""
    statement, (dateline, closing, name, role) = STATEMENTS[language], LETTERS[language]
    text = "\n\n".join(
        [statement["title"], dateline, *statement["paragraphs"], f"{closing}\n{name}\n{role}"]
    )
    (doc,) = import_one(tmp_path, text + "\n")
    assert (doc.title, str(doc.date), doc.authors) == (statement["title"], "2026-03-03", (name,))
    paragraphs = texts(doc, "/div/p")
    assert paragraphs[:2] == statement["paragraphs"] and dateline not in doc.body_html
    assert paragraphs[2:] == [f"{closing} {name} {role}"]  # the closing stays, as written


def test_a_closing_line_is_no_signature_without_a_name_under_it(tmp_path: Path) -> None:
    text = (
        "Statement on the rent strike\n\n" + STATEMENTS["en"]["paragraphs"][0] + "\n\n"
        "In solidarity,\nthe tenants of number 12\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert doc.authors == ()


# Scripts without capital letters ---------------------------------------------------------------

ARABIC = {
    "title": "بيان حول إضراب عمال النظافة",
    "paragraph": "نحن نقف مع عمال النظافة في المستشفى الملكي الذين أضربوا عن العمل منذ ثلاثة"
    " أسابيع، ونطالب الإدارة بالتفاوض معهم فورًا ودون شروط.",
    "signed": "اتحاد عمال الموانئ",
}
FARSI = {
    "title": "بیانیه درباره اعتصاب کارگران",
    "paragraph": "ما از کارگران نظافت بیمارستان که سه هفته است در اعتصاب هستند حمایت می‌کنیم و"
    " از مدیریت می‌خواهیم فوراً و بدون قید و شرط با آنها مذاکره کند.",
    "signed": "اتحادیه کارگران بندر",
}


@pytest.mark.parametrize("statement", [ARABIC, FARSI], ids=["arabic", "farsi"])
def test_a_statement_in_a_script_without_capitals_keeps_its_title_and_signature(
    tmp_path: Path, statement: dict[str, str]
) -> None:
    """Arabic and Farsi have no capital letters: a title or a name is known without one."""
    text = f"{statement['title']}\n\n{statement['paragraph']}\n\n{statement['signed']}\n"
    (doc,) = import_one(tmp_path, text)
    assert doc.title == statement["title"]
    assert doc.authors == (statement["signed"],)
    assert texts(doc, "/div/p") == [statement["paragraph"]]
    assert texts(doc, "//div[@class='signature']") == [statement["signed"]]


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
@pytest.mark.parametrize(
    ("statement", "language"), [(ARABIC, "ar"), (FARSI, "fa")], ids=["arabic", "farsi"]
)
def test_an_office_statement_in_arabic_or_farsi_is_in_its_language_not_passages_of_it(
    tmp_path: Path, statement: dict[str, str], language: str, suffix: str
) -> None:
    """A file without a language property has its language from its text: its paragraphs
    are its own, not passages in another language, and its closing name its signer (a
    paragraph marked as a passage was passed over as a signature)."""
    doc = imported_office_file(
        tmp_path,
        f"**{statement['title']}**\n\n{statement['paragraph']}\n\n{statement['signed']}\n",
        suffix[1:],
    )
    assert doc.title == statement["title"]
    assert doc.language == language
    assert html_of(doc).xpath("//*[@lang]") == []
    assert texts(doc, "//p") == [statement["paragraph"], statement["signed"]]
    assert doc.authors == (statement["signed"],)


# A statement stays one document ---------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_title_above_a_weekday_dateline_stays_one_statement_with_that_date(
    tmp_path: Path, language: str, encoding: str
) -> None:
    statement = STATEMENTS[language]
    first, second = statement["paragraphs"]
    text = (
        f"{statement['title']}\n\n{statement['dateline']}\n\n{first}\n\n{second}\n\n"
        f"{signature(language)}\n"
    )
    assert_one_statement(import_one(tmp_path, text.encode(encoding), "t10.txt"), language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_dashed_rule_above_the_signature_keeps_it_in_the_statement(
    tmp_path: Path, language: str, encoding: str
) -> None:
    statement = STATEMENTS[language]
    first, second = statement["paragraphs"]
    text = (
        f"{statement['title']}\n\n{first}\n\n{second}\n\n--------------------\n\n"
        f"{signature(language)}\n"
    )
    doc = assert_one_statement(import_one(tmp_path, text.encode(encoding), "t9.txt"), language)
    assert texts(doc, "//div[@class='signature']") == [signature(language)]


@pytest.mark.parametrize("underline", ["------------------------------", "=============="])
def test_a_title_underlined_with_a_rule_is_the_title_of_the_text_below(
    tmp_path: Path, underline: str
) -> None:
    statement = STATEMENTS["en"]
    first, second = statement["paragraphs"]
    text = f"{statement['title']}\n{underline}\n\n{first}\n\n{second}\n"
    (doc,) = import_one(tmp_path, text)
    assert doc.title == statement["title"]
    assert texts(doc, "/div/p") == statement["paragraphs"]
    assert not html_of(doc).xpath("//hr")


STATED = ["What the landlord refused", "What we ask of the council"]
ASKED = ["What can you do?", "¡Huelga indefinida!"]  # a bulletin's headings ask and call


@pytest.mark.parametrize(
    ("headings", "mark", "longer", "under", "prefix"),
    [
        (STATED, "-", 0, "\n", ""),
        (STATED, "=", 2, "\n", ""),
        (STATED, "-", 30, "", ""),
        (ASKED, "=", 0, "\n", ""),
        (ASKED, "-", 1, "\n", ""),
        (ASKED, "-", 60, "\n", "** "),
    ],
    ids=[
        "dashes as long",
        "equals a little longer",
        "longer, the text right under it",
        "asking, equals as long",
        "asking, dashes as long",
        "asking, mailchimp's",
    ],
)
def test_headings_underlined_inside_a_text_are_its_headings_not_breaks_between_posts(
    tmp_path: Path, headings: list[str], mark: str, longer: int, under: str, prefix: str
) -> None:
    """As Markdown and reStructuredText underline headings, and people typing text; a
    heading that asks or calls ("What can you do?") too."""
    statement = STATEMENTS["en"]
    text = "".join(
        f"{prefix}{heading}\n{mark * (len(heading) + longer)}\n{under}{paragraph}\n\n"
        for heading, paragraph in zip(headings, statement["paragraphs"], strict=True)
    )
    (doc,) = import_one(tmp_path, f"{statement['title']}\n\n{text}")
    assert doc.title == statement["title"]
    assert texts(doc, "/div/h2") == headings
    assert texts(doc, "/div/p") == statement["paragraphs"]
    assert not html_of(doc).xpath("//hr")


MAILCHIMP_TEXT = """\
** Riverside Tenants Bulletin
------------------------------------------------------------

Dear members, this month's news.

** Rent strike: what we won
------------------------------------------------------------
After six weeks the landlord agreed to fund repairs in all 40 flats.

** Dates for your diary
------------------------------------------------------------
* Monday 9 March: committee meeting
* Saturday 14 March: stall at the market
"""


def test_mailchimps_plain_text_headings_are_headings(tmp_path: Path) -> None:
    """Mailchimp's plain-text part puts "** " before a heading and 60 dashes under it."""
    (doc,) = import_one(tmp_path, MAILCHIMP_TEXT)
    assert doc.title == "Riverside Tenants Bulletin"
    assert texts(doc, "/div/h2") == ["Rent strike: what we won", "Dates for your diary"]
    assert texts(doc, "/div/ul/li") == [
        "Monday 9 March: committee meeting",
        "Saturday 14 March: stall at the market",
    ]
    assert "*" not in html_of(doc).text_content() and not html_of(doc).xpath("//hr")


@pytest.mark.parametrize(
    ("last", "rule"),
    [
        ("Ana Ruiz", "-" * 30 + "\n\n"),
        ("Will you join us?", "-----\n\n"),
        ("Will you join us?", "-----\n"),
    ],
    ids=["a name", "a question", "a question, the next title right under the rule"],
)
def test_the_last_line_over_the_rule_between_two_posts_is_no_heading(
    tmp_path: Path, last: str, rule: str
) -> None:
    """A post's signature, or its last line asking, with the rule between posts typed
    right under it (longer or shorter than the line)."""
    english, spanish = STATEMENTS["en"], STATEMENTS["es"]
    text = (
        f"{english['title']}\n\n{english['paragraphs'][0]}\n\n{last}\n{rule}"
        f"{spanish['title']}\n\n{spanish['paragraphs'][0]}\n"
    )
    first, second = import_one(tmp_path, text)
    assert (first.title, second.title) == (english["title"], spanish["title"])
    assert not texts(first, "//h2") and last in html_of(first).text_content()


def test_rules_between_blog_posts_still_separate_them_and_a_signature_stays_with_its_post(
    tmp_path: Path,
) -> None:
    english, spanish = STATEMENTS["en"], STATEMENTS["es"]
    text = (
        f"{english['title']}\n\n{english['paragraphs'][0]}\n\n-----\n\n"
        f"{spanish['title']}\n\n{spanish['paragraphs'][0]}\n\n-----\n\n{signature('es')}\n"
    )
    first, second = import_one(tmp_path, text)
    assert (first.title, first.authors) == (english["title"], ())
    assert (second.title, second.authors) == (spanish["title"], (spanish["organisation"],))
    assert str(second.date) == "2026-03-03"


@pytest.mark.parametrize("separator", ["___", "═══════", "———", "* * *", "***", "#####"])
def test_posts_set_apart_by_a_short_line_of_underscores_stars_or_box_lines_are_two_posts(
    tmp_path: Path, separator: str
) -> None:
    """Lines people type or paste between posts besides dashes: Markdown's short rules,
    a row of stars spaced out, em dashes, box-drawing lines, hashes. None is published."""
    english, spanish = STATEMENTS["en"], STATEMENTS["es"]
    text = (
        f"{english['title']}\n\n12 March 2026\n\n{english['paragraphs'][0]}\n\n{separator}\n\n"
        f"{spanish['title']}\n\n14 March 2026\n\n{spanish['paragraphs'][0]}\n"
    )
    first, second = import_one(tmp_path, text)
    assert (first.title, second.title) == (english["title"], spanish["title"])
    assert texts(first, "/div/p") == english["paragraphs"][:1]
    assert texts(second, "/div/p") == spanish["paragraphs"][:1]
    assert not html_of(first).xpath("//li") and not html_of(second).xpath("//li")


def test_a_file_of_nothing_but_rules_is_reported_as_holding_no_text(tmp_path: Path) -> None:
    source = tmp_path / "rules.txt"
    source.write_text("--------------------\n\n====================\n")
    report = import_files([source], tmp_path / "documents")
    assert report.documents == []
    [problem] = report.problems
    assert problem.file == source and "no text was found" in problem.message


# Photo credits and bylines ---------------------------------------------------------------------

ARTICLE = (
    "The tenants of Calle Mayor 12 met on Sunday and voted to withhold rent until the "
    "landlord repairs the roof."
)
NOTE = "[Note: this article first appeared on our blog.]"


@pytest.mark.parametrize(
    "credit",
    [
        "Photo credit: Marta Gil",
        "Photo: Marta Gil",
        "Foto: Marta Gil",
        "Crédit photo : Marta Gil",
        "Image: Marta Gil",
        "Photo by Marta Gil",
        "Foto de Marta Gil",
        "Photo par Marta Gil",
        "(Photo courtesy of the Tenants' Union)",
    ],
)
def test_a_photo_credit_is_a_caption_never_the_author(tmp_path: Path, credit: str) -> None:
    (doc,) = import_one(tmp_path, f"Rent strike at number 12\n\n{ARTICLE}\n\n{credit}\n\n{NOTE}\n")
    assert doc.authors == ()
    assert texts(doc, "//div[@class='caption']") == [credit]


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("above", [False, True], ids=["under the title", "above it"])
@pytest.mark.parametrize("credit", ["Photo by Marta Gil", "Photo: Marta Gil"])
def test_a_photo_credit_by_the_title_is_a_caption_not_the_subtitle_or_the_title(
    tmp_path: Path, credit: str, above: bool, how: str
) -> None:
    """Copied off a blog without its photo: the credit stays, as the credit it is (in
    documents/, the credit over the title was the title, and the title the subtitle)."""
    title = "Rent strike at number 12"
    head = f"{credit}\n\n{title}" if above else f"{title}\n\n{credit}"
    (doc,) = read_or_imported(tmp_path, f"{head}\n\n{ARTICLE}\n", how)
    assert doc.title == "Rent strike at number 12"
    assert doc.subtitle in ("", None)
    if how == "imported":
        assert texts(doc, "//div[@class='caption']") == [credit]
    else:  # a paragraph under the title, as the build reads a credit anywhere
        assert texts(doc, "/div/p")[0] == credit


@pytest.mark.parametrize("label", ["Contact: tenants@example.org", "Source: El Salto"])
def test_a_labelled_closing_line_is_never_the_author(tmp_path: Path, label: str) -> None:
    (doc,) = import_one(tmp_path, f"Rent strike at number 12\n\n{ARTICLE}\n\n{label}\n")
    assert doc.authors == ()


def test_the_signature_above_a_photo_credit_is_the_author(tmp_path: Path) -> None:
    (doc,) = import_one(
        tmp_path,
        f"Rent strike at number 12\n\n{ARTICLE}\n\nAna Ruiz\n\nPhoto credit: Marta Gil\n\n{NOTE}\n",
    )
    assert doc.authors == ("Ana Ruiz",)


BYLINES = [
    "Posted on 2 March 2026 by Marta Gil",
    "Posted on March 2, 2026 by Marta Gil",
    "Publicado el 2 de marzo de 2026 por Marta Gil",
    "Publié le 2 mars 2026 par Marta Gil",
]


@pytest.mark.parametrize("byline", BYLINES)
@pytest.mark.parametrize("place", ["under the title", "above the photo credit"])
def test_a_posted_on_date_by_name_line_gives_the_date_and_the_author(
    tmp_path: Path, byline: str, place: str
) -> None:
    head, tail = (f"\n\n{byline}", "") if place == "under the title" else ("", f"\n\n{byline}")
    text = (
        f"Rent strike at number 12{head}\n\n{ARTICLE}{tail}\n\nPhoto credit: Marta Gil\n\n{NOTE}\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert (doc.authors, str(doc.date)) == (("Marta Gil",), "2026-03-02")
    assert doc.title == "Rent strike at number 12"


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Posted on March 2, 2026 by the Tenants Union", "The Tenants Union"),
        ("Publicado el 2 de marzo de 2026 por la Coordinadora", "La Coordinadora"),
        ("Publicado el 2 de marzo de 2026 por los Sindicatos de Base", "Los Sindicatos de Base"),
        ("Publié le 2 mars 2026 par l’Union syndicale Solidaires", "L’Union syndicale Solidaires"),
        ("Publié le 2 mars 2026 par les Amis de la Terre", "Les Amis de la Terre"),
        ("Posted on March 2, 2026 by Ana de la Cruz", "Ana de la Cruz"),
    ],
)
@pytest.mark.parametrize("read_by", ["build", "import"])
def test_an_organisation_named_with_its_article_in_a_byline_is_its_author_capitalised(
    tmp_path: Path, byline: str, author: str, read_by: str
) -> None:
    """ "by the Tenants Union" gave the article's byline "the Tenants Union · March 2, 2026",
    lower-case where it opens, in every format and in the feeds' authors."""
    text = f"Rent strike at number 12\n\n{byline}\n\n{ARTICLE}\n"
    if read_by == "build":
        path = tmp_path / "strike.txt"
        path.write_text(text)
        doc = read_document(path, "strike", tmp_path, "en")
    else:
        (doc,) = import_one(tmp_path, text)
    assert (doc.authors, str(doc.date)) == ((author,), "2026-03-02")


@pytest.mark.parametrize("account", ["admin", "Administrator", "webmaster", "Site Admin"])
def test_a_sites_account_name_in_a_byline_is_no_author(tmp_path: Path, account: str) -> None:
    """WordPress's first account is `admin`, and a blog run by one person often posts as
    it: "Posted on … by admin" put "admin" under the article in every format. The date is
    kept; the article is published with no author, as one signed by nobody."""
    text = f"Rent strike at number 12\n\nPosted on 2 March 2026 by {account}\n\n{ARTICLE}\n"
    (doc,) = import_one(tmp_path, text)
    assert (doc.authors, str(doc.date)) == ((), "2026-03-02")
    assert texts(doc, "//p") == [ARTICLE]


@pytest.mark.parametrize(
    "line",
    [
        "Published 2 March 2026",
        "Published on March 2, 2026",
        "Posted: 2 March 2026",
        "Publicado el 2 de marzo de 2026",
        "Publié le 2 mars 2026",
        "Published 2 March 2026 · Updated 5 March 2026",
        "Issued 2 March 2026",  # as statements and press releases date themselves
        "Released on 2 March 2026",
        "Dated 2 March 2026",
        "Date: 2 March 2026",
        "Fecha: 2 de marzo de 2026",
        "Emitido el 2 de marzo de 2026",
        "Date : 2 mars 2026",
    ],
)
def test_a_line_saying_when_a_text_was_published_gives_its_date(tmp_path: Path, line: str) -> None:
    (doc,) = import_one(tmp_path, f"Rent strike at number 12\n\n{line}\n\n{ARTICLE}\n")
    assert (doc.title, str(doc.date)) == ("Rent strike at number 12", "2026-03-02")
    assert texts(doc, "//p") == [ARTICLE]
    subtitled = f"Rent strike at number 12\n\nForty households join\n\n{line}\n\n{ARTICLE}\n"
    (doc,) = import_one(tmp_path / "subtitled", subtitled)
    assert (doc.subtitle, str(doc.date)) == ("Forty households join", "2026-03-02")


@pytest.mark.parametrize(
    ("head", "author", "day"),
    [
        ("5 min read · Mar 2, 2026", None, "2026-03-02"),  # Medium's
        ("Marta Gil\n5 min read\nMar 2, 2026", "Marta Gil", "2026-03-02"),
        ("By Marta Gil · 5 min read · 2 March 2026", "Marta Gil", "2026-03-02"),
        ("Reading time: 5 minutes", None, None),
        ("Lectura: 4 min", None, None),
        ("5 min de lecture", None, None),
    ],
)
def test_a_reading_time_under_the_title_is_left_out(
    tmp_path: Path, head: str, author: str | None, day: str | None
) -> None:
    """A platform's guess of how long a post takes to read is no subtitle or paragraph of
    it; the byline and date beside it are read."""
    (doc,) = import_one(tmp_path, f"Rent strike at number 12\n\n{head}\n\n{ARTICLE}\n")
    assert (doc.title, doc.subtitle, texts(doc, "//p")) == (
        "Rent strike at number 12",
        "",
        [ARTICLE],
    )
    assert doc.authors == ((author,) if author else ())
    assert str(doc.date) == str(day)


NUMERIC_DATES = [  # a date line in numbers, the day read, and whether a US reading is told
    ("03/04/2026", "2026-04-03", True),  # 3 April, or March 4 in the US
    ("Ana Ruiz, 03-04-2026", "2026-04-03", True),
    ("3.4.2026", "2026-04-03", False),  # with dots: day first everywhere
    ("13/04/2026", "2026-04-13", False),
    ("12/25/2026", "2026-12-25", False),  # only the US reading is a day
    ("04/04/2026", "2026-04-04", False),
]


@pytest.mark.parametrize(("written", "day", "told"), NUMERIC_DATES)
def test_a_date_in_numbers_is_read_day_first_and_a_us_reading_told(
    tmp_path: Path, written: str, day: str, told: bool
) -> None:
    """Most of the world writes the day first; where the month could come first, the
    editor is told which was taken."""
    row = imported_row(tmp_path, f"Rent strike at number 12\n\n{written}\n\n{ARTICLE}\n")
    assert str(row.draft.date) == day
    numbers = written.split(", ")[-1]
    assert any(numbers in check and "day first" in check for check in row.draft.unsure) == told


@pytest.mark.parametrize(("written", "day", "told"), NUMERIC_DATES)
def test_a_date_in_numbers_read_day_first_in_documents_is_told_with_how_to_say_otherwise(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, written: str, day: str, told: bool
) -> None:
    """The build read such a date day first without a word; the line it tells of gives
    the date the other way, and read so the date is that day."""
    path = tmp_path / "strike.txt"
    path.write_text(f"Rent strike at number 12\n\n{written}\n\n{ARTICLE}\n")
    with caplog.at_level(logging.WARNING, logger="publisher"):
        doc = read_document(path, "strike", tmp_path, "en")
    assert str(doc.date) == day
    told_of = [m for m in caplog.messages if "day first" in m]
    assert bool(told_of) == told
    if told:
        (line,) = re.findall(r"'(Date: [^']+)'", told_of[0])
        path.write_text(f"{line}\n\n{path.read_text()}")
        assert str(read_document(path, "strike", tmp_path, "en").date) == "2026-03-04"


# A post's text as WordPress's "Text" tab (or a page's source) shows it, copied whole
POST_SOURCE = (
    "<h2>Our demands</h2>\n<ul>\n<li>Repairs within a month</li>\n<li>No evictions</li>\n"
    "</ul>\n<p>Join us on <strong>Saturday</strong> at the gates of the estate, from ten\n"
    "in the morning until the landlord comes out to talk.</p>"
)


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("apart", ["\n", "\n\n"], ids=["its lines", "its blocks apart"])
def test_html_written_out_in_a_text_is_read_as_the_html_it_is(
    tmp_path: Path, how: str, apart: str
) -> None:
    """Its lines were set as a text's lines are, with a line break after each, in a
    paragraph: a list of breaks between its items (which no list may hold), an empty
    paragraph round each block, and a paragraph broken where the source was wrapped."""
    source = POST_SOURCE.replace("</ul>\n", f"</ul>{apart}")
    (doc,) = read_or_imported(
        tmp_path, f"Rent strike enters week four\n\n{ARTICLE}\n\n{source}\n", how
    )
    body = html_of(doc)
    assert texts(doc, "//h2") == ["Our demands"], doc.body_html
    assert texts(doc, "//ul/li") == ["Repairs within a month", "No evictions"]
    assert texts(doc, "//p") == [
        ARTICLE,
        "Join us on Saturday at the gates of the estate, from ten in the morning until the"
        " landlord comes out to talk.",
    ]
    assert body.xpath("//strong/text()") == ["Saturday"]
    assert not body.xpath("//br | //p[not(normalize-space())] | //ul/*[not(self::li)]")


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize(
    "doctype",
    [
        "",
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n',
    ],
    ids=["its head", "XHTML's doctype over two lines"],
)
def test_a_web_pages_source_pasted_under_a_text_ends_in_no_error(
    tmp_path: Path, how: str, doctype: str
) -> None:
    """A line of a document's own tags ("<html><head>…<title>…", or a doctype cut by its
    line's end) holds no fragment lxml reads: the build and `publisher import` ended in a
    Python error."""
    page = (
        f'{doctype}<html><head><meta charset="utf-8"><title>Statement</title>\n</head>\n'
        f"<body>\n<p>{ARTICLE}</p>\n</body></html>\n"
    )
    text = f"Statement on the strike\n\nThe page as the branch sent it:\n\n{page}"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert doc.title == "Statement on the strike"
    assert ARTICLE in texts(doc, "//p"), doc.body_html


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize(
    "doctype",
    [
        "",
        "<!DOCTYPE html>\n",
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n',
    ],
    ids=["its head", "a doctype", "XHTML's doctype over two lines"],
)
def test_a_web_pages_source_pasted_under_a_text_is_its_pages_text(
    tmp_path: Path, how: str, doctype: str
) -> None:
    """The page's source under a note was read as lines of text, each line's tags taken
    out: its head's title was a paragraph of the article, and its tags left empty
    paragraphs and stray line breaks. It is read as the HTML it is, its head left out."""
    page = (
        f'{doctype}<html><head><meta charset="utf-8"><title>Statement | Branch</title>\n'
        "<style>p { color: red }</style></head>\n"
        f"<body>\n<p>{ARTICLE}</p>\n<script>alert('hi')</script>\n</body></html>\n"
    )
    text = f"Statement on the strike\n\nThe page as the branch sent it:\n\n{page}"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//p") == ["The page as the branch sent it:", ARTICLE], doc.body_html
    assert "Branch" not in doc.body_html and "alert" not in doc.body_html
    assert not html_of(doc).xpath("//br | //p[not(normalize-space())]"), doc.body_html


@pytest.mark.parametrize(
    ("title", "date"),
    [
        ("<b>Bin workers balloted for strike</b>", "Published 4 March 2026"),
        ("<strong>Bin workers balloted for strike</strong>", "4 March 2026"),
        ('<span style="font-weight:bold">Bin workers balloted for strike</span>', "4 March 2026"),
        ("Bin workers balloted for strike", "<em>Published 4 March 2026</em>"),
        ("<b>Bin workers balloted for strike</b>", "<i>4 March 2026</i>"),
    ],
)
def test_a_title_or_date_line_in_stray_tags_is_read_as_the_title_or_date(
    tmp_path: Path, title: str, date: str
) -> None:
    """Lines copied out of a web page's source or a site's editor keep their tags: the
    words inside them still make the title and the date line."""
    (doc,) = import_one(tmp_path, f"{title}\n\n{date}\n\n{ARTICLE}\n")
    assert doc.title == "Bin workers balloted for strike"
    assert doc.date == dt.date(2026, 3, 4)
    assert texts(doc, "//p") == [ARTICLE]


@pytest.mark.parametrize("tag", ["[Update]", "(Video)", "[ES/EN]"])
def test_a_title_after_a_tag_in_brackets_is_the_title_with_its_tag(
    tmp_path: Path, tag: str
) -> None:
    (doc,) = import_one(tmp_path, f"{tag} Rent strike at number 12\n\nBy Marta Gil\n\n{ARTICLE}\n")
    assert (doc.title, doc.authors) == (f"{tag} Rent strike at number 12", ("Marta Gil",))
    assert texts(doc, "//p") == [ARTICLE]


@pytest.mark.parametrize(
    "title",
    [
        "🚨 Rent strike at number 12 🚨",
        "✊🏽 Rent strike at number 12",  # with its skin tone
        "🇵🇸 Rent strike at number 12",  # a flag: two letters of a region
        "\u2764\ufe0f Rent strike at number 12",  # a heart, drawn as emoji by its selector
        "\U0001f3f3\ufe0f\u200d\U0001f308 Rent strike at number 12",  # one of several joined
        "#RentStrike at number 12",
    ],
)
def test_a_title_opening_with_an_emoji_or_a_hashtag_is_the_title(
    tmp_path: Path, title: str
) -> None:
    """As campaigns head a post on social media: the title, emoji and all, and the byline
    under it is read."""
    (doc,) = import_one(tmp_path, f"{title}\n\nBy Marta Gil\n\n{ARTICLE}\n")
    assert (doc.title, doc.authors, texts(doc, "//p")) == (title, ("Marta Gil",), [ARTICLE])


def test_a_notes_number_in_brackets_opens_no_title(tmp_path: Path) -> None:
    (doc,) = import_one(tmp_path, f"[1] Housing Act 2024 section 21\n\n{ARTICLE}\n")
    assert doc.title != "[1] Housing Act 2024 section 21"


@pytest.mark.parametrize(
    "byline",
    [
        *BYLINES,
        "March 2, 2026",
        "Published March 2, 2026",
        "Issued March 2, 2026",
        "Date: 2/3/2026",
    ],
)
@pytest.mark.parametrize("wrapped", [False, True], ids=["paragraphs on a line", "wrapped at 60"])
def test_a_byline_or_date_on_the_line_under_a_long_title_is_no_part_of_it(
    tmp_path: Path, byline: str, wrapped: bool
) -> None:
    """Posts copied off a blog's page, each title with its byline on the line under it, as
    wide as the text's wrapped lines (or the only lines that run on): no wrapped line and
    its end."""
    titles = [
        "Tenants of Calle Mayor win every repair after six weeks",
        "Council promises inspections in all three of the buildings",
    ]
    article = textwrap.fill(f"{ARTICLE} {ARTICLE}", 60) if wrapped else ARTICLE
    text = "\n\n-----\n\n".join(f"{title}\n{byline}\n\n{article}" for title in titles)
    docs = import_one(tmp_path, f"{text}\n")
    assert [(doc.title, str(doc.date)) for doc in docs] == [(t, "2026-03-02") for t in titles]
    assert {doc.authors for doc in docs} == {("Marta Gil",) if "Marta" in byline else ()}


@pytest.mark.parametrize(
    "under",
    ["Posted on 2 March 2026 by Marta Gil", "Monday, 2 March 2026", "Published 2 March 2026"],
)
def test_posts_copied_off_a_blogs_page_without_rules_are_split_at_their_titles(
    tmp_path: Path, under: str
) -> None:
    """A blog's front page heads each post with its title over its byline or date line,
    and sets no rule between them."""
    titles = ["Rent strike at number 12", "Council promises inspections"]
    text = "\n\n".join(f"{title}\n{under}\n\n{ARTICLE}" for title in titles)
    docs = import_one(tmp_path, f"{text}\n")
    assert sorted((doc.title, str(doc.date)) for doc in docs) == [
        (title, "2026-03-02") for title in sorted(titles)
    ]
    assert all(texts(doc, "//p") == [ARTICLE] for doc in docs)


@pytest.mark.parametrize("more", ["Read more »", "Continue reading →", "Leer más"])
def test_posts_on_a_blogs_front_page_each_over_its_read_more_link_are_split_at_their_titles(
    tmp_path: Path, more: str
) -> None:
    """A front page prints each post's opening and the link to the rest under it; the
    next post's title and byline under that link start the next post."""
    posts = [
        ("Rent strike enters third week", "Ana Ruiz", "12 March 2026"),
        ("Council backs down on library closures", "Marc Dupont", "10 March 2026"),
    ]
    text = "\n\n".join(
        f"{title}\nPosted by {name} on {day}\n\n{ARTICLE}\n{more}" for title, name, day in posts
    )
    source = tmp_path / "front.txt"
    source.write_text(f"{text}\n", encoding="utf-8")
    report = import_files([source], tmp_path / "documents")
    rows = sorted(report.documents, key=lambda row: row.draft.title)
    assert [(r.draft.title, r.draft.authors, str(r.draft.date)) for r in rows] == [
        ("Council backs down on library closures", ["Marc Dupont"], "2026-03-10"),
        ("Rent strike enters third week", ["Ana Ruiz"], "2026-03-12"),
    ]
    for row in rows:
        body = lxml.html.fragment_fromstring(row.draft.body_html, create_parent="div")
        assert " ".join(body.text_content().split()) == ARTICLE
        assert any("only the post's opening was copied" in doubt for doubt in row.draft.unsure)


def test_posts_whose_byline_is_a_name_over_a_date_are_split_at_their_rules(
    tmp_path: Path,
) -> None:
    """Substack's byline (the author over the date) stands under the title: no post starts
    at it."""
    post = SUBSTACK_POSTS["en"].format(article=ARTICLE)
    docs = import_one(tmp_path, f"{post}\n-----\n\n{post.replace('week four', 'week five')}")
    assert sorted(doc.title for doc in docs) == [
        "Rent strike enters week five",
        "Rent strike enters week four",
    ]
    assert all(doc.authors == ("Ana Torres",) for doc in docs)


@pytest.mark.parametrize("mark", ["⁂", "* * *", "❧", "• • •"])
@pytest.mark.parametrize(
    "head",
    ["{title}\n\nMarch {day}, 2026", "{title}\nMarch {day}, 2026", "{title}\n\nBy Ana Torres"],
)
def test_posts_parted_by_ornaments_are_split_where_a_post_title_and_its_date_follow(
    tmp_path: Path, mark: str, head: str
) -> None:
    """Posts copied off a blog into one file, parted by "⁂" rather than a rule of dashes,
    came in as one document, each later post's title a heading in it."""
    titles = ["Rent strike enters week four", "Council orders an inspection", "Why we strike"]
    posts = [head.format(title=t, day=10 - 3 * n) + f"\n\n{ARTICLE}" for n, t in enumerate(titles)]
    docs = import_one(tmp_path, f"\n\n{mark}\n\n".join(posts) + "\n")
    assert sorted(doc.title for doc in docs) == sorted(titles)
    assert all(texts(doc, "//p") == [ARTICLE] for doc in docs)


@pytest.mark.parametrize("mark", ["⁂", "❧"])
def test_an_articles_sections_parted_by_ornaments_stay_one_document(
    tmp_path: Path, mark: str
) -> None:
    """A heading under an ornament, with no date under it, opens a section of the text."""
    text = (
        f"Strike ballot opens\n\n{BYLINED}\n\n{ARTICLE}\n\n{mark}\n\nWhat we ask\n\n"
        f"{ARTICLE}\n\n{mark}\n\nHow to vote\n\n{ARTICLE}\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert doc.title == "Strike ballot opens"
    assert texts(doc, "//h2") == ["What we ask", "How to vote"]


# A post copied from a WordPress blog in a browser: its byline, then under the text the
# sharing and like buttons, "Related", and the tags line, each as lines of text.
BLOG_POSTS = {
    "en": (
        "Cleaners win the living wage\n\nBy Ana Torres | 12 March 2026\n\n"
        "After six weeks on strike the cleaners have won. Follow us on Facebook for news.\n\n"
        "Members voted to accept.\n\nShare this:\n\nFacebook\nX\nWhatsApp\nEmail\n\n"
        "Like this:\n\nLike Loading...\n\nRelated\n\nTags: strike, health, living wage\n",
        ["strike", "health", "living wage"],
    ),
    "es": (
        "Las limpiadoras ganan el salario digno\n\nPor Ana Torres · 12 de marzo de 2026\n\n"
        "Tras seis semanas de huelga, las limpiadoras han ganado. Síguenos en Facebook.\n\n"
        "Las afiliadas votaron a favor.\n\nComparte esto:\n\nFacebook\nX\nWhatsApp\n\n"
        "Me gusta esto:\n\nMe gusta Cargando...\n\nRelacionado\n\nEtiquetas: huelga, salud\n",
        ["huelga", "salud"],
    ),
    "fr": (
        "Les agentes d'entretien obtiennent le salaire décent\n\n"
        "Par Ana Torres, 12 mars 2026\n\n"
        "Après six semaines de grève, les agentes ont gagné. Suivez-nous sur Facebook.\n\n"
        "Les adhérentes ont voté pour.\n\nPartager :\n\nFacebook\nX\nImprimer\n\n"
        "J'aime ceci :\n\nJ'aime chargement…\n\nSimilaire\n\nÉtiquettes : grève, santé\n",
        ["grève", "santé"],
    ),
}


def test_a_by_line_without_a_date_is_the_author_and_a_weekday_is_not(tmp_path: Path) -> None:
    (doc,) = import_one(tmp_path, f"Rent strike at number 12\n\nBy Marta Gil\n\n{ARTICLE}\n")
    assert doc.authors == ("Marta Gil",)
    assert texts(doc, "//p") == [ARTICLE]
    (doc,) = import_one(tmp_path / "2", f"Rent strike at number 12\n\nBy Friday\n\n{ARTICLE}\n")
    assert doc.authors == ()


@pytest.mark.parametrize(
    "byline",
    [
        "By Marta Gil\nMarch 2, 2026",
        "Por Marta Gil\n2 de marzo de 2026",
        "Par Marta Gil\n2 mars 2026",
    ],
)
def test_a_by_line_over_a_date_line_gives_the_author_without_by(
    tmp_path: Path, byline: str
) -> None:
    (doc,) = import_one(tmp_path, f"Rent strike at number 12\n\n{byline}\n\n{ARTICLE}\n")
    assert (doc.authors, str(doc.date)) == (("Marta Gil",), "2026-03-02")
    assert texts(doc, "//p") == [ARTICLE]


@pytest.mark.parametrize(
    "credit",
    [
        "Written by Marta Gil",
        "Words by Marta Gil",
        "Words: Marta Gil",
        "Author: Marta Gil",
        "Escrito por Marta Gil",
        "Autora: Marta Gil",
        "Texte : Marta Gil",
        "Écrit par Marta Gil",
    ],
)
def test_a_text_credited_as_zines_and_magazines_do_gives_its_author(
    tmp_path: Path, credit: str
) -> None:
    """Not the subtitle: the credit under the title names who wrote it."""
    (doc,) = import_one(tmp_path, f"Rent strike at number 12\n\n{credit}\n\n{ARTICLE}\n")
    assert (doc.authors, doc.subtitle) == (("Marta Gil",), "")
    assert texts(doc, "//p") == [ARTICLE]


ARABIC_TEXT = (
    "أعلنت النقابة اليوم عن بدء إضراب مفتوح للعمال في الميناء حتى تتم الاستجابة لمطالبهم"
    " العادلة في الأجور وظروف العمل."
)


@pytest.mark.parametrize(
    ("credit", "name"),
    [
        ("بقلم: أحمد علي", "أحمد علي"),  # Arabic: by the pen of
        ("بقلم أحمد علي", "أحمد علي"),
        ("الكاتبة: سارة حسن", "سارة حسن"),  # the writer
        ("نوشته: علی رضایی", "علی رضایی"),  # Farsi: written
        ("به قلم علی رضایی", "علی رضایی"),
        ("نویسنده: علی رضایی", "علی رضایی"),  # the writer
        ("بقلم أحمد علي و سارة حسن", ("أحمد علي", "سارة حسن")),  # "and" as a word
        ("بقلم أحمد علي، سارة حسن و ليلى كريم", ("أحمد علي", "سارة حسن", "ليلى كريم")),
        ("نوشته علی رضایی و سارا حسینی", ("علی رضایی", "سارا حسینی")),
        ("بقلم أحمد علي وسارة حسن", "أحمد علي وسارة حسن"),  # joined: as "وليد" begins
        ("نوشته سندیکای کارگران و کشاورزان ایران", "سندیکای کارگران و کشاورزان ایران"),
        ("بقلم الاتحاد العام و النقابات المستقلة", "الاتحاد العام و النقابات المستقلة"),
    ],
)
def test_an_arabic_or_farsi_byline_gives_its_author(
    tmp_path: Path, credit: str, name: str | tuple[str, ...]
) -> None:
    """Co-authors are told apart at "و" (and) standing as a word, and at "،"; an
    organisation named "… و …" is one."""
    (doc,) = import_one(tmp_path, f"بيان حول الإضراب\n\n{credit}\n\n{ARABIC_TEXT}\n")
    names = (name,) if isinstance(name, str) else name
    assert (doc.title, doc.authors) == ("بيان حول الإضراب", names)
    assert texts(doc, "//p") == [ARABIC_TEXT]


@pytest.mark.parametrize(
    "byline",
    [
        "By Marta Gil and Li Wei",
        "By Marta Gil and Li Wei\nMarch 2, 2026",
        "By Marta Gil & Li Wei | March 2, 2026",
        "Posted on March 2, 2026 by Marta Gil and Li Wei",
        "Por Marta Gil y Li Wei · 2 de marzo de 2026",
        "Par Marta Gil et Li Wei, 2 mars 2026",
    ],
)
def test_a_byline_naming_two_authors_gives_each_of_them(tmp_path: Path, byline: str) -> None:
    (doc,) = import_one(tmp_path, f"Rent strike at number 12\n\n{byline}\n\n{ARTICLE}\n")
    assert doc.authors == ("Marta Gil", "Li Wei")
    assert texts(doc, "//p") == [ARTICLE]


@pytest.mark.parametrize(
    ("named", "authors"),
    [
        ("Marta Gil, Li Wei and Ana Torres", ("Marta Gil", "Li Wei", "Ana Torres")),
        ("Marta Gil, Li Wei, and Ana Torres", ("Marta Gil", "Li Wei", "Ana Torres")),
        ("Juan de la Cruz and Li Wei", ("Juan de la Cruz", "Li Wei")),
        ("Tenants and Residents Association", ("Tenants and Residents Association",)),
        (
            "Leeds Tenants and Residents Association",
            ("Leeds Tenants and Residents Association",),
        ),
        ("Hackney Renters and Housing Co-op", ("Hackney Renters and Housing Co-op",)),
        ("Leeds Tenants Union and Unite Community", ("Leeds Tenants Union", "Unite Community")),
        ("Friends of the Earth and Greenpeace UK", ("Friends of the Earth", "Greenpeace UK")),
        ("Unite the Union and Leeds Trades Council", ("Unite the Union", "Leeds Trades Council")),
        (
            "Asociación de Vecinos y Vecinas de Lavapiés",
            ("Asociación de Vecinos y Vecinas de Lavapiés",),
        ),
        (
            "Sindicato de Inquilinas y Asociación de Vecinos",
            ("Sindicato de Inquilinas", "Asociación de Vecinos"),
        ),
        ("Anna Maria E Gil Santos", ("Anna Maria E Gil Santos",)),
        ("Marta Gil, Branch Secretary", ("Marta Gil, Branch Secretary",)),
        (
            "Marta Gil, General Secretary and Treasurer",
            ("Marta Gil, General Secretary and Treasurer",),
        ),
    ],
)
def test_only_names_of_people_or_groups_are_told_apart(
    tmp_path: Path, named: str, authors: tuple[str, ...]
) -> None:
    """Names of two to four words each are several authors; an organisation with "and" in
    its name (what it is said last in English, first in Spanish), a name with its role
    after a comma, or one with an initial "E" (Spanish's "and" in lower case) is one."""
    (doc,) = import_one(tmp_path, f"Rent strike at number 12\n\nBy {named}\n\n{ARTICLE}\n")
    assert doc.authors == authors


# The same from a Blogger blog: the date above the title, "Posted by NAME at TIME", the
# buttons run together in one line, labels, comment and page links.
BLOGGER_POSTS = {
    "en": (
        "Sunday, February 22, 2026\n\nPort workers vote to strike\n\n"
        "The dockers voted for strike action on Friday, the union announced.\n\n"
        "Picket lines start Monday.\n\nPosted by Tomasz Wilk at 10:42 AM\n\n"
        "Email ThisBlogThis!Share to XShare to FacebookShare to Pinterest\n\n"
        "Labels: docks, strike\n\nNo comments:\n\nPost a Comment\n\n"
        "Newer Post Older Post Home\n\nSubscribe to: Post Comments (Atom)\n",
        ["docks", "strike"],
    ),
    "es": (
        "domingo, 22 de febrero de 2026\n\nLos estibadores votan la huelga\n\n"
        "Los estibadores votaron el viernes a favor de la huelga, anunció el sindicato.\n\n"
        "Los piquetes empiezan el lunes.\n\nPublicado por Tomasz Wilk a las 10:42\n\n"
        "Enviar por correo electrónicoEscribe un blogCompartir en XBlogThis!\n\n"
        "Etiquetas: puerto, huelga\n\nNo hay comentarios:\n\nPublicar un comentario\n",
        ["puerto", "huelga"],
    ),
}


# The same posts with WordPress's sharing buttons shown as icons: copied with the page, each
# is the words it says to a screen reader (Jetpack's, in each language).
JETPACK_BUTTONS = {
    "en": (
        "Facebook\nX\nWhatsApp\nEmail\n",
        "Click to share on Facebook (Opens in new window)\n"
        "Click to share on X (Opens in new window)\n"
        "Click to email a link to a friend (Opens in new window)\n"
        "Click to print (Opens in new window)\n",
    ),
    "es": (
        "Facebook\nX\nWhatsApp\n",
        "Haz clic para compartir en Facebook (Se abre en una ventana nueva)\n"
        "Haz clic para enviar un enlace por correo electrónico a un amigo (Se abre en una"
        " ventana nueva)\nHaz clic para imprimir (Se abre en una ventana nueva)\n",
    ),
    "fr": (
        "Facebook\nX\nImprimer\n",
        "Cliquez pour partager sur Facebook(ouvre dans une nouvelle fenêtre)\n"
        "Cliquer pour envoyer un lien par e-mail à un ami(ouvre dans une nouvelle fenêtre)\n"
        "Cliquer pour imprimer(ouvre dans une nouvelle fenêtre)\n",
    ),
}
# What the platforms print round a post, which no kept paragraph may hold.
FURNITURE_WORDS = re.compile(
    r"Share|Like|Related|BlogThis|omment|Atom|Compart|Me gusta|J'aime|Partager|Imprimer|"
    r"Similaire|Relacionado|Labels|Tags|Etiquetas|Étiquettes|Posted by|Publicado por|"
    r"Click|Haz clic|Clique"
)
BLOGS = {
    **{f"wordpress-{k}": (*v, "Ana Torres", dt.date(2026, 3, 12)) for k, v in BLOG_POSTS.items()},
    **{
        f"wordpress-icons-{k}": (
            text.replace(*JETPACK_BUTTONS[k]),
            tags,
            "Ana Torres",
            dt.date(2026, 3, 12),
        )
        for k, (text, tags) in BLOG_POSTS.items()
    },
    **{f"blogger-{k}": (*v, "Tomasz Wilk", dt.date(2026, 2, 22)) for k, v in BLOGGER_POSTS.items()},
}


@pytest.mark.parametrize("blog", BLOGS)
def test_a_blog_post_keeps_its_byline_and_tags_and_leaves_its_buttons(
    tmp_path: Path, blog: str
) -> None:
    text, tags, author, date = BLOGS[blog]
    (doc,) = import_one(tmp_path, text)
    assert (doc.authors, doc.date, list(doc.tags)) == ((author,), date, tags)
    paragraphs = [p for p in texts(doc, "//p") if author not in p]  # a signature stays
    assert len(paragraphs) == 2 and not FURNITURE_WORDS.search(" ".join(paragraphs)), paragraphs


@pytest.mark.parametrize(
    "buttons",
    [
        "Like · Comment · Share",
        "Me gusta · Comentar · Compartir",
        "Compartir · Me gusta · Comentar",
        "J'aime · Commenter · Partager",
    ],
)
def test_facebooks_buttons_copied_on_one_line_are_left_out(tmp_path: Path, buttons: str) -> None:
    """A post copied from Facebook ends with its buttons on one line between dots: the line
    stayed, as a paragraph or (in English) as the statement's signature, though sharing and
    like buttons are left out."""
    text = (
        "Rent strike: day 11\n\nBy Ana Ruiz | 4 March 2026\n\nTenants on Mill Lane are still"
        f" withholding rent and the landlord has blinked.\n\n{buttons}\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "//p") == [
        "Tenants on Mill Lane are still withholding rent and the landlord has blinked."
    ]
    assert doc.authors == ("Ana Ruiz",) and "·" not in doc.body_html


# Under a WordPress post, as a browser copies it: its related posts (Jetpack's: a title, a
# date and a category each, a post's lines run together or set apart) and its comment form,
# in the three languages its themes print them.
UNDER_A_WORDPRESS_POST = {
    "en": (
        'Related\n\nStrike vote announced\nFebruary 12, 2026\nIn "News"\n\n'
        'Pay offer rejected\n\nJanuary 30, 2026\n\nIn "Pay"\n\n'
        "Leave a Reply Cancel reply\n\nYour email address will not be published. Required"
        " fields are marked *\n\nComment *\n\nName *\n\nEmail *\n\nWebsite\n\n"
        "Save my name, email, and website in this browser for the next time I comment.\n\n"
        "Post Comment\n\nThis site uses Akismet to reduce spam. Learn how your comment data"
        " is processed.\n"
    ),
    "es": (
        "Relacionado\n\nConvocada la votación de huelga\n12 febrero, 2026\nEn «Noticias»\n\n"
        "Deja una respuesta Cancelar la respuesta\n\nTu dirección de correo electrónico no"
        " será publicada. Los campos obligatorios están marcados con *\n\nComentario *\n\n"
        "Nombre *\n\nCorreo electrónico *\n\nWeb\n\nGuarda mi nombre, correo electrónico"
        " y web en este navegador para la próxima vez que comente.\n\nPublicar el comentario\n"
    ),
    "fr": (
        "Articles similaires\n\nGrève à la mairie\n12 mars 2026\nDans « Actualités »\n\n"
        "Laisser un commentaire Annuler la réponse\n\nVotre adresse e-mail ne sera pas"
        " publiée. Les champs obligatoires sont indiqués avec *\n\nCommentaire *\n\nNom *"
        "\n\nE-mail *\n\nSite web\n\nEnregistrer mon nom, mon e-mail et mon site dans le"
        " navigateur pour mon prochain commentaire.\n\nCe site utilise Akismet pour réduire"
        " les indésirables. En savoir plus sur la façon dont les données de vos commentaires"
        " sont traitées.\n"
    ),
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("language", UNDER_A_WORDPRESS_POST)
def test_a_posts_related_posts_and_comment_form_are_left_out(
    tmp_path: Path, language: str, how: str
) -> None:
    """They were printed under the article, in the build and in `publisher import`: other
    posts' titles, and a form no reader of a newsletter can fill in."""
    text = f"Rent strike at number 12\n\n{ARTICLE}\n\n{UNDER_A_WORDPRESS_POST[language]}"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//p") == [ARTICLE], doc.body_html


@pytest.mark.parametrize(
    "under",
    [
        "Our thanks to everyone who joined the count on Sunday, in the rain.\nIn “News”",
        "The vote\nWas close\nIn “News”",
    ],
)
def test_lines_under_related_that_are_no_posts_entries_stay(tmp_path: Path, under: str) -> None:
    """A paragraph is no post's title, and only a date stands between a title and its
    category."""
    text = f"Rent strike at number 12\n\n{ARTICLE}\n\nRelated\n\n{under}\n"
    (doc,) = read_or_imported(tmp_path, text, "read")
    assert under.split("\n")[1] in " ".join(texts(doc, "//p")), doc.body_html


# A Substack post's page copied whole (Ctrl+A, Ctrl+C): its counts and button under the
# byline, and under the post its form to subscribe, its discussion's tabs and its footer.
SUBSTACK_PAGE = (
    "Rent strike enters week four\n\nTenants hold firm as the landlord refuses talks\n\n"
    "Ana Torres\nMar 12, 2026\n\n12\n\n3\n\nShare\n\n{article}\n\n"
    "Type your email...\nSubscribe\n\n12 Likes\n∙\n3 Restacks\n\n"
    "Discussion about this post\n\nComments\nRestacks\n\nTop\nLatest\nDiscussion\n\n"
    "No posts\n\nReady for more?\n\nSubscribe\n© 2026 Ana Torres\n"
    "Privacy ∙ Terms ∙ Collection notice\nStart writing\nGet the app\n"
    "Substack is the home for great culture\n"
)


# A Substack post's page copied with its discussion open: each commenter's picture's text
# over their comment, "Expand full comment" under it, the count of the comments not shown.
SUBSTACK_DISCUSSION = (
    "12 Likes\n∙\n3 Restacks\n\nDiscussion about this post\n\nUser's avatar\n"
    "Sam Okafor's avatar\n\nSolidarity from Leeds: we are doing the same in our block.\n\n"
    "Expand full comment\nRuth Mwangi's avatar\n\nKeep going, all of you!\n\n"
    "Expand full comment\n14 more comments...\n\nNo posts\n"
)


# The comments under a WordPress post, as themes print them in English, Spanish and French,
# and under a Medium or Blogger post
BLOG_DISCUSSIONS = {
    "wordpress": (
        "2 thoughts on “Rent strike at number 12”\n\nSam Okafor says:\n"
        "March 13, 2026 at 9:14 am\n\nSolidarity from Leeds: we are doing the same.\n\n"
        "Reply\n\nRuth Mwangi says:\nMarch 13, 2026 at 10:02 am\n\nKeep going!\n\nReply\n\n"
        "Leave a Reply Cancel reply\n\nYour email address will not be published. Required"
        " fields are marked *\n\nComment *\n\nName *\n\nEmail *\n\nWebsite\n\nPost Comment\n"
    ),
    "wordpress, es": (
        "Un comentario en «Huelga en el número 12»\n\nSam Okafor dice:\n"
        "13 marzo, 2026 a las 9:14 am\n\n¡Solidaridad desde Leeds!\n\nResponder\n"
    ),
    "wordpress, fr": (
        "2 réflexions sur « Grève au numéro 12 »\n\nSam Okafor dit :\n"
        "13 mars 2026 à 9 h 14 min\n\nSolidarité depuis Leeds !\n\nRépondre\n\n"
        "Ruth Mwangi dit :\n13 mars 2026 à 10 h 02 min\n\nCourage !\n\nRépondre\n"
    ),
    "medium": (
        "Responses (2)\n\nWhat are your thoughts?\n\nSam Okafor\n\nMar 13, 2026\n\n"
        "Solidarity from Leeds: we are doing the same.\n\n3\n\nReply\n\nSee all responses\n"
    ),
    "blogger": (
        "2 comments:\n\nSam Okafor said...\nSolidarity from Leeds!\n\n"
        "March 13, 2026 at 9:14 AM\n\nRuth Mwangi said...\nKeep going!\n\n"
        "March 13, 2026 at 10:02 AM\n\nPost a Comment\n"
    ),
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("blog", BLOG_DISCUSSIONS)
def test_the_readers_comments_under_a_blog_post_are_left_out(
    tmp_path: Path, how: str, blog: str
) -> None:
    """A post copied from its page with the comments under it published them, each under
    its commenter's name, as its last paragraphs."""
    text = f"Rent strike at number 12\n\n{ARTICLE}\n\nShare this:\n\nFacebook\nX\n\n"
    (doc,) = read_or_imported(tmp_path, text + BLOG_DISCUSSIONS[blog], how)
    assert texts(doc, "//p") == [ARTICLE], doc.body_html


@pytest.mark.parametrize("how", ["read", "imported"])
def test_the_readers_comments_under_a_substack_post_are_left_out(tmp_path: Path, how: str) -> None:
    """The readers' comments were published as the post's last paragraphs, with the
    commenters' names: their words, not the post's."""
    text = SUBSTACK_PAGE.split("Type your email")[0].format(article=ARTICLE) + SUBSTACK_DISCUSSION
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//p") == [ARTICLE], doc.body_html
    (tmp_path / "own").mkdir()  # the words alone, over the writer's text, are the writer's
    own = f"Rent strike at number 12\n\n{ARTICLE}\n\nDiscussion about this post\n\n{ARTICLE}\n"
    (doc,) = read_or_imported(tmp_path / "own", own, how)
    assert texts(doc, "//p") == [ARTICLE, "Discussion about this post", ARTICLE]


# A WordPress.com post's page copied whole: under its buttons, the site's subscribe form,
# the post navigation, the comment form's heading and the follow box with the site's name,
# then the cookie banner (its long line makes each line a paragraph of its own).
WORDPRESS_COM_PAGE = (
    "Share this:\n\nFacebook\nX\n\nLike Loading...\n\nRelated\n\n"
    "Discover more from The Dockside Bulletin\n\n"
    "Subscribe to get the latest posts sent to your email.\n\nType your email…\n\n"
    "Subscribe\n\nPost navigation\n\nPrevious Post Pay offer rejected\n"
    "Next Post Strike vote announced\n\nLeave a comment Cancel reply\n\n"
    "Subscribe\nSubscribed\nThe Dockside Bulletin\nJoin 123 other subscribers\nSign me up\n"
    "Already have a WordPress.com account? Log in now.\n"
)
COOKIE_BANNER = (
    "Privacy & Cookies: This site uses cookies. By continuing to use this website, you agree"
    " to their use.\nTo find out more, including how to control cookies, see here: Cookie"
    " Policy\n"
)


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("banner", [COOKIE_BANNER, ""], ids=["lines apart", "one block"])
def test_a_wordpress_com_page_copied_whole_keeps_the_post_alone(
    tmp_path: Path, how: str, banner: str
) -> None:
    text = f"Rent strike at number 12\n\n{ARTICLE}\n\n{WORDPRESS_COM_PAGE}{banner}"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//p") == [ARTICLE], doc.body_html


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_closing_sentence_about_the_next_post_is_the_writers(tmp_path: Path, how: str) -> None:
    closing = "Next post we will look at where the strike fund's money went."
    text = f"Rent strike at number 12\n\n{ARTICLE}\n\n{closing}\n\nShare this:\n\nFacebook\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//p") == [ARTICLE, closing], doc.body_html


# A Ghost post's page copied whole: the byline's date beside the reading time, and under
# the post the form to subscribe, two other posts' cards and the site's footer.
GHOST_PAGE = (
    "Rent strike enters week four\n\nTenants hold firm as the landlord refuses talks\n\n"
    "Ana Torres\nMar 12, 2026 — 4 min read\n\n{article}\n\n"
    "Sign up for more like this.\nEnter your email\nSubscribe\n\n"
    "Pay offer rejected\nThe union's negotiators walked out of talks.\nFeb 27, 2026\n3 min read"
    "\n\nStrike vote announced\nFeb 12, 2026\n2 min read\n\n"
    "The Dockside Bulletin © 2026\nSign up\nPowered by Ghost\n"
)


# A LinkedIn article's page copied whole: under it, its reactions, counts, the comments'
# sign-in and the author's other articles.
LINKEDIN_PAGE_END = (
    "Like\nLike\nCelebrate\nSupport\nLove\nInsightful\nFunny\nComment\nShare\n\n57\n"
    "2 Comments\n\nTo view or add a comment, sign in\n\nMore articles by Ana Torres\n\n"
    "Explore topics\n"
)


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_linkedin_articles_page_end_is_left_out_and_a_closing_of_love_stays(
    tmp_path: Path, how: str
) -> None:
    text = f"Rent strike at number 12\n\n{ARTICLE}\n\n{LINKEDIN_PAGE_END}"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//p") == [ARTICLE], doc.body_html
    signed = f"Rent strike at number 12\n\n{ARTICLE}\n\nLove and solidarity,\nAna\n"
    (tmp_path / "signed").mkdir()
    (doc,) = read_or_imported(tmp_path / "signed", signed, how)
    assert "Love and solidarity" in doc.body_html


POST_TEXT = (
    "The cleaners at the hospital have not had a raise in four years, while the contractor's"
    " profits doubled. Join the picket line on Monday at seven."
)


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize(
    ("head", "date"),
    [
        ("Ana Torres\n@anatorres_union\n·\nMar 3, 2026", dt.date(2026, 3, 3)),  # X
        ("Ana Torres @anatorres.bsky.social · 3h", None),  # Bluesky, posted hours ago
        ("Ana Torres\n@ana@mastodon.social\n3 March 2026", dt.date(2026, 3, 3)),  # Mastodon
        ("Dockside Workers' Network\n3 March 2026 at 14:32 ·", dt.date(2026, 3, 3)),  # Facebook
    ],
    ids=["x", "bluesky", "mastodon", "facebook"],
)
def test_a_social_post_copied_with_its_head_is_by_its_account_on_its_day(
    tmp_path: Path, how: str, head: str, date: dt.date | None
) -> None:
    """The account's name, handle and time were the title and a list of one item, and the
    counts under the post ("12", "34", "2.1K") a paragraph, in `documents/`."""
    (doc,) = read_or_imported(tmp_path, f"{head}\n\n{POST_TEXT}\n\n12\n34\n57\n2.1K\n", how)
    assert texts(doc, "//p") == [POST_TEXT], doc.body_html
    assert (doc.authors, doc.date) == ((head.split("\n")[0].split(" @")[0],), date)


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize(
    "foot",
    [
        "\n\n10:32 AM · Mar 3, 2026\n\n1,204 Views",
        "\n10:32 AM · Mar 3, 2026\n·\n1,204\nViews",
        "\n10:32 AM · Mar 3, 2026 · 1.2K Views",
        "\n10:32 a. m. · 3 mar. 2026\n·\n1.204\nVisualizaciones",
        "\n22:32 · 3 mars 2026\n·\n1\u202f204\nvues",
        "\nMarch 3, 2026 at 10:32 AM\nEveryone can reply\n12 reposts\n3 quotes\n45 likes",
    ],
    ids=["lines apart", "run on", "views on the line", "es", "fr", "bluesky"],
)
def test_a_post_copied_from_its_page_is_by_its_account_on_the_day_under_it(
    tmp_path: Path, how: str, foot: str
) -> None:
    """X and Bluesky print a post's time under it on the post's own page: it was the
    text's last paragraph, and a line under it was taken for the author ("1,204 Views",
    "Everyone can reply")."""
    gap = "\n\n" if foot.startswith("\n\n") else "\n"  # a browser keeping the gaps or not
    page = f"Ana Torres\n@anatorres_union{gap}{POST_TEXT}{foot}\n"
    (doc,) = read_or_imported(tmp_path, page, how)
    assert texts(doc, "//p") == [POST_TEXT], doc.body_html
    assert (doc.authors, doc.date) == (("Ana Torres",), dt.date(2026, 3, 3))


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize(
    "foot",
    [
        "Mar 3, 2026, 10:32 AM\n·\n·\nWeb\nEdited Mar 3, 2026, 11:02 AM\n12 boosts\n·\n34 favorites",
        "Mar 3, 2026, 10:32 AM · · Web\nEdited Mar 3, 2026, 11:02 AM\n12 boosts · 34 favorites",
        "3 Mar 2026, 10:32\n·\nIvory for iOS\n\n12\nboosts\n·\n34\nfavourites",
        "3 mar 2026, 10:32\n·\nWeb\n12 impulsos\n·\n34 favoritos",
    ],
    ids=["lines apart", "run on", "en-GB, from an app", "es"],
)
@pytest.mark.parametrize("gap", ["\n", "\n\n"], ids=["no gaps", "gaps"])
def test_a_mastodon_post_copied_from_its_page_is_by_its_account_on_the_day_under_it(
    tmp_path: Path, how: str, foot: str, gap: str
) -> None:
    """Mastodon writes the account's whole handle ("@anatorres@mastodon.social") and under
    the post its time, the app it came from, when it was edited and its boosts and
    favourites: the handle, time and counts were paragraphs, the app a list of one item."""
    page = f"Ana Torres\n@anatorres@mastodon.social{gap}{POST_TEXT}\n\n#RentStrike{gap}{foot}\n"
    (doc,) = read_or_imported(tmp_path, page, how)
    assert texts(doc, "/div/*") == [POST_TEXT, "#RentStrike"], doc.body_html
    assert (doc.authors, doc.date) == (("Ana Torres",), dt.date(2026, 3, 3))


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize(
    "offer", ["See translation", "Ver traducción", "Voir la traduction", "Translate post"]
)
def test_a_social_posts_offer_to_translate_it_is_left_out(
    tmp_path: Path, how: str, offer: str
) -> None:
    """Facebook, Instagram and X offer to translate a post in another language than the
    reader's, under it: copied with the post, it was its last paragraph."""
    head = "Dockside Workers' Network\n3 March 2026 at 14:32 ·"
    page = f"{head}\n\n{POST_TEXT}\n\n{offer}\n\nAll reactions:\n24\n\nLike\n\nShare\n"
    (doc,) = read_or_imported(tmp_path, page, how)
    assert texts(doc, "//p") == [POST_TEXT], doc.body_html


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_social_posts_title_on_the_line_over_its_text_is_its_title(
    tmp_path: Path, how: str
) -> None:
    """Under a post's head, its first line in bold over its text ("*STATEMENT: …*", as
    WhatsApp and Facebook posts are typed) was run together with the first sentence into
    the title, its stars and all, in `documents/`."""
    head = "Dockside Workers' Network\n3 March 2026 at 14:32 ·"
    post = f"*STATEMENT: Solidarity with the cleaners*\n{POST_TEXT}\n\nSee you there."
    (doc,) = read_or_imported(tmp_path, f"{head}\n\n{post}\n", how)
    assert doc.title == "STATEMENT: Solidarity with the cleaners"
    assert texts(doc, "//p") == [POST_TEXT, "See you there."], doc.body_html


def test_a_social_posts_day_without_its_year_is_not_taken_in_documents(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Read again next year, "Mar 3" would be another day: the build says how to give the
    year instead of guessing it (`publisher import` guesses, once, and says so)."""
    with caplog.at_level(logging.WARNING):
        (doc,) = read_or_imported(
            tmp_path, f"Ana Torres\n@anatorres_union\n·\nMar 3\n\n{POST_TEXT}\n", "read"
        )
    assert doc.authors == ("Ana Torres",) and doc.date is None
    assert "gives no year, so its date is not taken" in caplog.text
    assert texts(doc, "//p") == [POST_TEXT]


@pytest.mark.parametrize("how", ["read", "imported"])
def test_words_of_a_pages_footer_are_the_writers_where_they_are_no_footer(
    tmp_path: Path, how: str
) -> None:
    """ "Privacy" is a heading under a title, and a copyright line alone under the text is
    the writer's notice: a page's footer is words of it at a post's very end, among its
    links."""
    text = f"Member handbook\n\nPrivacy\n\n{ARTICLE}\n\nTerms\n\n{ARTICLE}\n\n© 2026 Ana Torres\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//p") == ["Privacy", ARTICLE, "Terms", ARTICLE, "© 2026 Ana Torres"]


# Substack's card for its publication under a post, over its form to subscribe
SUBSTACK_CARD = (
    "Subscribe to The Dockside Bulletin\nLaunched 2 years ago\n"
    "News from the docks, by the people who work them.\nType your email...\nSubscribe\n"
)
SUBSTACK_TERMS = (
    "By subscribing, I agree to Substack's Terms of Use, and acknowledge its Information"
    " Collection Notice and Privacy Policy.\n"
)
SUBSTACK_CARDS = {
    "its lines": SUBSTACK_CARD,
    "its lines apart": SUBSTACK_CARD.replace("\n", "\n\n"),
    "with Substack's terms": SUBSTACK_CARD + SUBSTACK_TERMS,
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("card", SUBSTACK_CARDS)
def test_a_substack_posts_share_button_and_publication_card_are_left_out(
    tmp_path: Path, how: str, card: str
) -> None:
    """ "Share" under the byline of a new post (no likes yet) with no subtitle was its
    subtitle, and the card under the text ("Subscribe to …", "Launched 2 years ago", the
    publication's description, its form) its last paragraph."""
    head = "Rent strike enters week four\n\nAna Torres\nMar 12, 2026\n\nShare"
    foot = f"{SUBSTACK_CARDS[card]}\n12 Likes\n∙\n3 Restacks\n"
    (doc,) = read_or_imported(tmp_path, f"{head}\n\n{LONG}\n\n{ARTICLE}\n\n{foot}", how)
    assert texts(doc, "//p") == [LONG.strip(), ARTICLE], doc.body_html
    assert (doc.title, doc.subtitle, doc.authors, doc.date) == (
        "Rent strike enters week four",
        "",
        ("Ana Torres",),
        dt.date(2026, 3, 12),
    )


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("apart", ["\n", "\n\n"], ids=["under the date", "apart"])
def test_a_paid_substack_posts_badge_is_left_out(tmp_path: Path, how: str, apart: str) -> None:
    """Substack marks a post for paying subscribers "∙ Paid" after its date: it was a list
    of one item, "Paid", over the text."""
    head = f"Rent strike enters week four\n\nAna Torres\nMar 12, 2026{apart}∙\nPaid\n\nShare"
    (doc,) = read_or_imported(tmp_path, f"{head}\n\n{LONG}\n\n{ARTICLE}\n", how)
    assert texts(doc, "/div/*") == [LONG.strip(), ARTICLE], doc.body_html
    assert (doc.subtitle, doc.authors, doc.date) == ("", ("Ana Torres",), dt.date(2026, 3, 12))


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_writers_own_invitation_to_subscribe_stays(tmp_path: Path, how: str) -> None:
    """Only Substack's card, which says when the publication was launched, is its page's."""
    own = "Subscribe to the Bulletin\n\nIt costs nothing, and it comes every Friday."
    (doc,) = read_or_imported(
        tmp_path, f"Rent strike enters week four\n\n{ARTICLE}\n\n{own}\n", how
    )
    assert texts(doc, "//p") == [ARTICLE, *own.split("\n\n")], doc.body_html


# A Medium post's page copied whole: the name over "Follow", the reading time and date,
# the counts and buttons; under the text its tags, the counts, the author's box, other
# posts and the site's footer.
MEDIUM_PAGE = (
    "Member-only story\n\nRent strike enters week four\n\n"
    "Tenants hold firm as the landlord refuses talks\n\nAna Torres\n\nFollow\n\n"
    "4 min read\n·\nMar 12, 2026\n\n57\n\n2\n\nListen\n\nShare\n\n{article}\n\n"
    "Housing\nRent Strike\nTenants\n\n57\n\n2\n\nWritten by Ana Torres\n120 Followers\n\n"
    "Organiser with the tenants' union.\n\nFollow\n\nMore from Ana Torres\n\n"
    "The landlord blinked\n\nFour weeks in, the first repairs began.\n\nMar 2, 2026\n\n"
    "Recommended from Medium\n\nHelp\n\nStatus\n\nAbout\n\nPrivacy\n\nTerms\n"
)


PAGES_COPIED_WHOLE = {  # the page, the tags it gives the post
    "substack": (SUBSTACK_PAGE, []),
    "ghost": (GHOST_PAGE, []),
    "medium": (MEDIUM_PAGE, ["Housing", "Rent Strike", "Tenants"]),
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("platform", PAGES_COPIED_WHOLE)
def test_a_posts_page_copied_whole_keeps_the_post_and_reads_its_head(
    tmp_path: Path, how: str, platform: str
) -> None:
    page, tags = PAGES_COPIED_WHOLE[platform]
    (doc,) = read_or_imported(tmp_path, page.format(article=ARTICLE), how)
    assert texts(doc, "//p") == [ARTICLE], doc.body_html
    assert (doc.title, doc.subtitle, doc.authors, doc.date) == (
        "Rent strike enters week four",
        "Tenants hold firm as the landlord refuses talks",
        ("Ana Torres",),
        dt.date(2026, 3, 12),
    )
    assert list(doc.tags) == tags


# A LinkedIn article's head as a browser copies it: the name (twice, signed in), the
# degree of connection, the headline, the date and "+ Follow"
LINKEDIN_HEADS = {
    "signed in": "Ana Torres\nAna Torres\n· 2nd\nOrganiser at Riverside Tenants Union\n"
    "Published Mar 12, 2026\n+ Follow",
    "signed out": "Ana Torres\n\nOrganiser at Riverside Tenants Union\n\n"
    "Published Mar 12, 2026\n\n+ Follow",
    "in Spanish, a headline of two lines": "Ana Torres\nAna Torres\n· 3er+\n"
    "Organizadora en el Sindicato de Inquilinas\nMadrid\nPublicado el 12 mar 2026\n+ Seguir",
    "in French": "Ana Torres\nAna Torres\n· 2e\nOrganisatrice au Syndicat des locataires\n"
    "Publié le 12 mars 2026\n+ Suivre",
}
LINKEDIN_FOOT = "Like\nComment\nShare\n\n42\n\n7 Comments\n\nTo view or add a comment, sign in\n"


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("head", LINKEDIN_HEADS)
def test_a_linkedin_articles_head_is_its_author_and_date(
    tmp_path: Path, how: str, head: str
) -> None:
    """Its name, headline, "Published Mar 12, 2026" and "+ Follow" were the article's
    first paragraph, and it had no author or date."""
    text = f"Rent strike enters week four\n\n{LINKEDIN_HEADS[head]}\n\n{ARTICLE}\n\n{LINKEDIN_FOOT}"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//p") == [ARTICLE], doc.body_html
    assert (doc.title, doc.authors, doc.date) == (
        "Rent strike enters week four",
        ("Ana Torres",),
        dt.date(2026, 3, 12),
    )


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_name_over_a_published_line_is_the_byline(tmp_path: Path, how: str) -> None:
    text = f"Rent strike enters week four\n\nAna Torres\nPublished 12 March 2026\n\n{ARTICLE}\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//p") == [ARTICLE], doc.body_html
    assert (doc.authors, doc.date) == (("Ana Torres",), dt.date(2026, 3, 12))


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_follow_button_under_no_name_and_date_is_the_writers_words(
    tmp_path: Path, how: str
) -> None:
    """ "+ Follow" under a sentence is no LinkedIn head: the text keeps it."""
    text = (
        "Rent strike enters week four\n\nWe asked every tenant to sign the petition.\n"
        f"Published Mar 12, 2026\n+ Follow\n\n{ARTICLE}\n"
    )
    (doc,) = read_or_imported(tmp_path, text, how)
    assert "+ Follow" in doc.body_html and ARTICLE in texts(doc, "//p"), doc.body_html


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_follow_line_and_a_written_by_credit_are_no_medium_page_without_its_marks(
    tmp_path: Path, how: str
) -> None:
    """ "Follow" over no reading time and date, and "Written by" over no count of
    followers, are the writer's words."""
    text = (
        f"Rent strike enters week four\n\nAna Torres\n\nFollow\n\n{ARTICLE}\n\n"
        "Housing\n\nWritten by Ana Torres\n"
    )
    (doc,) = read_or_imported(tmp_path, text, how)
    assert "Follow" in texts(doc, "//p") and ARTICLE in texts(doc, "//p"), doc.body_html
    assert "Written by Ana Torres" in doc.body_html and "Housing" in doc.body_html


def test_a_long_line_of_comment_form_words_is_read_in_linear_time() -> None:
    """ "Website" is also "Web" and "site web" run together: each way was tried, and 3,000
    of them on a line that then failed took 19 s."""
    finishes_within(
        20,
        "from publisher.importers.plaintext import recover",
        "(draft,) = recover('Title\\n\\nText.\\n\\n' + 'Website ' * 50_000 + 'x\\n')",
        "assert draft.body_html.endswith('Website x</p>'), draft.body_html[-100:]",
    )


def test_a_closing_line_of_words_between_dots_is_the_writers(tmp_path: Path) -> None:
    """Only buttons go: a last line of the writer's words set between dots stays."""
    text = f"Rent strike at number 12\n\n{ARTICLE}\n\nShare · Organise · Win\n"
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "//p")[-1] == "Share · Organise · Win"


@pytest.mark.parametrize(
    "closing", ["#RentStrike #Housing #Madrid", "#RentStrike\n#Housing #Madrid"]
)
def test_the_hashtags_a_social_media_post_closes_with_are_its_tags(
    tmp_path: Path, closing: str
) -> None:
    """As the Facebook, Instagram and Telegram imports read them: out of the text, its tags."""
    text = f"Rent strike at number 12\n\n{ARTICLE}\n\nMarta Gil\n\n{closing}\n"
    (doc,) = import_one(tmp_path, text)
    assert list(doc.tags) == ["RentStrike", "Housing", "Madrid"]
    assert "#" not in doc.body_html and doc.authors == ("Marta Gil",)


def test_hashtags_inside_a_text_stay_in_it(tmp_path: Path) -> None:
    text = f"Rent strike at number 12\n\n#RentStrike #Housing\n\n{ARTICLE}\n\n{ARTICLE}\n"
    (doc,) = import_one(tmp_path, text)
    assert "#RentStrike #Housing" in doc.body_html and doc.tags == ()


# A Substack post copied from a browser: title, subtitle, the author over the date, the
# like and restack counts and buttons, the invitation to subscribe.
SUBSTACK_POSTS = {
    "en": (
        "Rent strike enters week four\n\nTenants hold firm as the landlord refuses talks\n\n"
        "Ana Torres\nMar 12, 2026\n\n12\n\n3\n\nShare\n\n{article}\n\n"
        "Thanks for reading The Dockside Bulletin! Subscribe for free to receive new posts "
        "and support my work.\n\nThe landlord has refused every offer of talks.\n\n"
        "Subscribe\n\n12 Likes\n\n3 Restacks\n\nShare\n\nComment\n"
    ),
    "es": (
        "La huelga de alquileres entra en su cuarta semana\n\n"
        "Los inquilinos resisten mientras el casero rechaza negociar\n\n"
        "Ana Torres\n12 mar 2026\n\n12\n\nCompartir\n\n{article}\n\n"
        "¡Gracias por leer El Boletín! Suscríbete gratis para recibir nuevas publicaciones "
        "y apoyar mi trabajo.\n\nEl casero ha rechazado todas las ofertas.\n\n"
        "Suscríbete\n\n12 Me gusta\n\nCompartir\n"
    ),
}


@pytest.mark.parametrize("language", SUBSTACK_POSTS)
@pytest.mark.parametrize("subtitled", [True, False], ids=["with its subtitle", "without"])
def test_a_posts_title_subtitle_author_and_date_on_consecutive_lines_are_each_read(
    tmp_path: Path, language: str, subtitled: bool
) -> None:
    """As a Substack or Medium page is copied by a browser that drops the gaps between
    them: the same post, its head as four lines (or three) of one block."""
    title, subtitle, author_and_date, rest = SUBSTACK_POSTS[language].split("\n\n", 3)
    head = "\n".join([title, subtitle, author_and_date] if subtitled else [title, author_and_date])
    (doc,) = import_one(tmp_path, f"{head}\n\n{rest}".format(article=ARTICLE))
    assert (doc.title, doc.subtitle) == (title, subtitle if subtitled else "")
    assert (doc.authors, doc.date) == (("Ana Torres",), dt.date(2026, 3, 12))
    assert texts(doc, "//p")[0] == ARTICLE


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("language", SUBSTACK_POSTS)
@pytest.mark.parametrize("under", [True, False], ids=["counts under it too", "none under it"])
def test_a_posts_counts_run_on_under_its_date_are_left_out_of_its_head(
    tmp_path: Path, how: str, language: str, under: bool
) -> None:
    """A browser that drops the gaps between a post's head's lines (Chrome does, between
    all but paragraphs) runs the counts and button under the date on too ("Mar 12, 2026" /
    "12" / "3" / "Share"): the title, subtitle, author and date are still each read, and
    the counts are no paragraph."""
    head = SUBSTACK_POSTS[language].split("{article}")[0]
    title, subtitle, author_and_date, *counts = head.strip().split("\n\n")
    text = "\n".join([title, subtitle, author_and_date, *counts]) + f"\n\n{ARTICLE}\n"
    (doc,) = read_or_imported(tmp_path, text + ("\n" + "\n".join(counts) if under else ""), how)
    assert (doc.title, doc.subtitle) == (title, subtitle)
    assert (doc.authors, doc.date) == (("Ana Torres",), dt.date(2026, 3, 12))
    assert texts(doc, "//p") == [ARTICLE], doc.body_html


def test_thousands_of_button_lines_under_a_date_are_parted_in_time_linear_in_their_number() -> None:
    """In a child bounded at 8 s (this takes well under a second): the buttons run on under
    a head's date were found by asking of ever longer tails whether they were buttons, as
    the square of their number (4,000 "Share" lines took 29 s)."""
    finishes_within(
        8,
        "from publisher.importers.plaintext import heading_lines_apart",
        "from publisher.importers.textblocks import Block",
        "head = Block(('Title', 'Mar 3, 2026', *['Share'] * 20_000), False, 0)",
        "apart = heading_lines_apart([head, Block(('Text.',), False, 0)])",
        "assert [len(b.lines) for b in apart] == [1, 1, 20_000, 1], [len(b.lines) for b in apart]",
    )


@pytest.mark.parametrize(
    "head",
    [
        "Leeds Tenants Union\nElm Street\n3 March 2026\n\nDear Councillor Smith,",
        "Leeds Tenants Union\n14 Elm Street\nLeeds LS1 4AB\n3 March 2026",
        "Thanks to all who came to Elm Street.\nAna Ruiz\n3 March 2026",
    ],
    ids=["over 'Dear …'", "a street's number", "a sentence over a name"],
)
@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_letters_address_over_its_date_is_no_title_and_byline(
    tmp_path: Path, head: str, how: str
) -> None:
    """Nor is a note's sentence, signed and dated under it: lines kept as written."""
    (doc,) = read_or_imported(tmp_path, f"{head}\n\n{ARTICLE}\n", how)
    lines = head.split("\n\n")[0].split("\n")
    shown = html_of(doc).xpath("//p")[0].xpath(".//text()")
    assert doc.authors == () and [" ".join(line.split()) for line in shown] == lines


@pytest.mark.parametrize("language", SUBSTACK_POSTS)
def test_a_substack_post_keeps_its_subtitle_and_byline_and_leaves_its_buttons(
    tmp_path: Path, language: str
) -> None:
    (doc,) = import_one(tmp_path, SUBSTACK_POSTS[language].format(article=ARTICLE))
    assert doc.subtitle.startswith(("Tenants hold", "Los inquilinos"))
    assert doc.authors == ("Ana Torres",)
    assert doc.date == dt.date(2026, 3, 12)
    paragraphs = texts(doc, "//p")
    assert paragraphs[0] == ARTICLE and len(paragraphs) == 2, paragraphs


@pytest.mark.parametrize(
    "more",
    [
        "Continue reading →",
        "Continue reading “Rent strike at number 12” →",
        "Read more »",
        "[Read more…]",
        "Read more (https://example.org/rent-strike)",
        "Leer más",
        "Lire la suite…",
    ],
)
def test_a_posts_opening_over_continue_reading_is_flagged_and_the_link_left_out(
    tmp_path: Path, more: str
) -> None:
    """Copied off a blog's front page or a newsletter's digest, a post is only its opening:
    the link to the rest is no author's name, and the editor is told to copy the post."""
    text = (
        f"Rent strike at number 12\nPosted on 2 March 2026 by Marta Gil\n\n{ARTICLE}…\n\n{more}\n"
    )
    row = imported_row(tmp_path, text)
    assert row.draft.authors == ["Marta Gil"]
    text = lxml.html.fragment_fromstring(row.draft.body_html, create_parent="div").text_content()
    assert " ".join(text.split()).endswith(f"{ARTICLE}…")
    assert any(
        f"only the post's opening was copied (it ended '{more}')" in doubt
        for doubt in row.draft.unsure
    ), row.draft.unsure


PICKET = "Join us at the gates at 7am. We will be there until noon, whatever the weather, with tea"


@pytest.mark.parametrize(
    ("ending", "kept"),
    [
        (".\n\nSee more", "."),
        (".\n\nVer más", "."),
        (".\n\nVoir plus", "."),
        (".\n\nAfficher la suite", "."),
        ("…\n\n… See more", "…"),
        ("…See more", "…"),
        ("... See more", "..."),
        ("…Ver más", "…"),
    ],
)
def test_a_facebook_posts_opening_over_see_more_is_flagged_and_the_label_left_out(
    tmp_path: Path, ending: str, kept: str
) -> None:
    """Copied from a page's timeline, a long Facebook post is cut where Facebook prints "See
    more" (on its own line, or after the "…" that ends the opening): the label is no
    author's name nor the text's, and the editor is told to copy the whole post."""
    row = imported_row(tmp_path, f"Picket on Friday\n\n{PICKET}{ending}\n")
    assert row.draft.authors == []
    text = lxml.html.fragment_fromstring(row.draft.body_html, create_parent="div").text_content()
    assert " ".join(text.split()) == PICKET + kept
    assert any("only the post's opening was copied" in doubt for doubt in row.draft.unsure)


def test_a_sentence_ending_in_see_more_is_the_texts_own(tmp_path: Path) -> None:
    closing = "Come to the picket line and see more"
    row = imported_row(tmp_path, f"Picket on Friday\n\n{PICKET}.\n\n{closing}\n")
    assert closing in row.draft.body_html
    assert not any("opening" in doubt for doubt in row.draft.unsure)


@pytest.mark.parametrize(
    "footer",
    [
        "The post Rent strike at number 12 appeared first on Tenants Union.",
        "La entrada Huelga de alquileres se publicó primero en Sindicato de Inquilinas.",
        "L’article Grève des loyers est apparu en premier sur Union des locataires.",
    ],
)
def test_a_post_copied_from_a_wordpress_feed_leaves_the_feeds_line_under_it(
    tmp_path: Path, footer: str
) -> None:
    """The line WordPress's feed (Yoast SEO) puts under each post is the feed's."""
    row = imported_row(tmp_path, f"Rent strike at number 12\n\n{ARTICLE}\n\n{footer}\n")
    text = lxml.html.fragment_fromstring(row.draft.body_html, create_parent="div").text_content()
    assert " ".join(text.split()) == ARTICLE


def test_a_closing_sentence_that_says_read_more_is_the_texts_own(tmp_path: Path) -> None:
    closing = "Read more about the strike on our website."
    row = imported_row(tmp_path, f"Rent strike at number 12\n\n{ARTICLE}\n\n{closing}\n")
    assert closing in row.draft.body_html
    assert not any("opening" in doubt for doubt in row.draft.unsure)


# A post copied from a Facebook page: the page's name over the time it posted (without
# the year when it is this year's), the text, then the reactions and the buttons.
FACEBOOK_POSTS = {
    "en": (
        "12 March at 14:32 ·",
        dt.date(2025, 3, 12),  # the run's date is 1 January 2026 (conftest): last year's
        "All reactions:\n45\n12 comments\n8 shares\nLike\nComment\nShare",
    ),
    "es": (
        "12 de marzo de 2025 a las 14:32 ·",
        dt.date(2025, 3, 12),
        "Todas las reacciones:\n45\n12 comentarios\n8 veces compartido\nMe gusta\nComentar\nCompartir",
    ),
    "fr": (
        "12 mars 2025 à 14:32 ·",
        dt.date(2025, 3, 12),
        "Toutes les réactions :\n45\n12 commentaires\n8 partages\nJ'aime\nCommenter\nPartager",
    ),
}


@pytest.mark.parametrize("language", FACEBOOK_POSTS)
def test_a_facebook_post_is_signed_by_its_page_and_leaves_its_reactions(
    tmp_path: Path, language: str
) -> None:
    stamp, date, reactions = FACEBOOK_POSTS[language]
    text = f"Dockside Workers' Network\n{stamp}\n\nRent strike at number 12\n\n{ARTICLE}\n\n{reactions}\n"
    (doc,) = import_one(tmp_path, text)
    assert doc.authors == ("Dockside Workers' Network",)
    assert doc.title == "Rent strike at number 12"
    assert doc.date == date
    assert texts(doc, "//p") == [ARTICLE]


# A statement typed in Word or LibreOffice with no document properties: the title in bold,
# a line saying whose statement it is and when, the text, the organisation's name.
def imported_office_file(tmp_path: Path, typed: str, suffix: str = "docx") -> Document:
    """The document `publisher import` makes of a Word (or LibreOffice) file written as the
    Markdown `typed` says."""
    import pypandoc

    source = tmp_path / "src.md"
    source.write_text(typed, encoding="utf-8")
    office = tmp_path / f"statement.{suffix}"
    pypandoc.convert_file(str(source), suffix, outputfile=str(office))
    (doc,) = import_one(tmp_path / "ws", office.read_bytes(), office.name)
    return doc


OFFICE_STATEMENTS = {
    "en": (
        "**Solidarity with the Royal Infirmary cleaners**",
        "*Statement of the Dockside Workers Network, 12 March 2026*",
        "Dockside Workers Network",
    ),
    "es": (
        "**Solidaridad con las limpiadoras del hospital**",
        "*Declaración de la Red de Trabajadores Portuarios, 12 de marzo de 2026*",
        "Red de Trabajadores Portuarios",
    ),
}


@pytest.mark.parametrize("titled", ["in bold", "in its properties"])
@pytest.mark.parametrize("suffix", ["docx", "odt"])
@pytest.mark.parametrize("language", OFFICE_STATEMENTS)
def test_an_office_statement_without_properties_gets_its_title_date_and_author_from_its_text(
    tmp_path: Path, language: str, suffix: str, titled: str
) -> None:
    """The line under the title gives the date and subtitle however the title is given."""
    title, line, signed = OFFICE_STATEMENTS[language]
    body = (
        ARTICLE
        if language == "en"
        else "Las limpiadoras del hospital llevan seis semanas de huelga y pedimos a todas las afiliadas que se sumen al piquete."
    )
    opening = title if titled == "in bold" else f"---\ntitle: {title.strip('*')}\n---"
    doc = imported_office_file(tmp_path, f"{opening}\n\n{line}\n\n{body}\n\n{signed}\n", suffix)
    assert doc.title == title.strip("*")
    assert doc.subtitle == line.strip("*")
    assert doc.date == dt.date(2026, 3, 12)
    assert doc.authors == (signed,)
    assert doc.language == language
    assert texts(doc, "//p") == [body, signed]


@pytest.mark.parametrize("suffix", ["docx", "odt", "rtf"])
@pytest.mark.parametrize(
    "dateline", ["Madrid, 3 de marzo de 2026", "Paris, le 3 mars 2026", "Leeds, 3 March 2026"]
)
def test_an_office_letters_place_and_date_is_its_date_alone(
    tmp_path: Path, suffix: str, dateline: str
) -> None:
    """A letter's place and date under its title is its date, as in a .txt: not a subtitle
    too, which printed the date twice."""
    doc = imported_office_file(
        tmp_path,
        f"**Comunicado: apoyo a la huelga**\n\n{dateline}\n\n{ARTICLE}\n\nUn saludo,\n",
        suffix,
    )
    assert (doc.title, doc.subtitle, doc.date) == (
        "Comunicado: apoyo a la huelga",
        "",
        dt.date(2026, 3, 3),
    )
    assert texts(doc, "//p")[0] == ARTICLE


@pytest.mark.parametrize(
    ("under", "authors", "day"),
    [
        ("By Marta Gil", ("Marta Gil",), None),
        ("Written by Marta Gil and Li Wei", ("Marta Gil", "Li Wei"), None),
        ("By Marta Gil | 12 March 2026", ("Marta Gil",), dt.date(2026, 3, 12)),
        ("12 March 2026\n\nBy Marta Gil", ("Marta Gil",), dt.date(2026, 3, 12)),
        ("By Marta Gil\n\n12 March 2026", ("Marta Gil",), dt.date(2026, 3, 12)),
        ("Published 12 March 2026", (), dt.date(2026, 3, 12)),
        ("Issued 12 March 2026", (), dt.date(2026, 3, 12)),
        ("Fecha: 12 de marzo de 2026", (), dt.date(2026, 3, 12)),
        ("التاريخ: ١٢ مارس ٢٠٢٦", (), dt.date(2026, 3, 12)),  # "date:", in Arabic
        ("بتاريخ ١٢ مارس ٢٠٢٦", (), dt.date(2026, 3, 12)),  # "dated"
        ("تاریخ: ۱۵ اسفند ۱۴۰۴", (), dt.date(2026, 3, 6)),  # Farsi, Iran's solar calendar
    ],
)
def test_an_office_statements_byline_under_its_title_gives_its_author(
    tmp_path: Path, under: str, authors: tuple[str, ...], day: dt.date | None
) -> None:
    doc = imported_office_file(
        tmp_path, f"**Solidarity with the cleaners**\n\n{under}\n\n{ARTICLE}\n"
    )
    assert (doc.authors, doc.date, doc.subtitle) == (authors, day, "")
    assert texts(doc, "//p") == [ARTICLE]


@pytest.mark.parametrize(("suffix", "under"), [("txt", "\n"), ("txt", "\n\n"), ("docx", "\n\n")])
def test_a_statement_signed_by_two_people_names_both(
    tmp_path: Path, suffix: str, under: str
) -> None:
    """'In solidarity,' then the two names, on the line under it or after a blank line."""
    text = (
        f"Solidarity with the cleaners\n\n{ARTICLE}\n\nIn solidarity,{under}Marta Gil and Li Wei\n"
    )
    if suffix == "txt":
        (doc,) = import_one(tmp_path, text)
    else:
        doc = imported_office_file(tmp_path, f"**{text}".replace("\n\n", "**\n\n", 1))
    assert doc.authors == ("Marta Gil", "Li Wei")


@pytest.mark.parametrize("suffix", ["txt", "docx"])
@pytest.mark.parametrize(
    "under", ["Secretary", "Secretaria general\nSindicato de Inquilinas de Lavapiés"]
)
def test_a_letter_signed_after_a_blank_line_under_its_closing_is_by_the_name_over_the_role(
    tmp_path: Path, suffix: str, under: str
) -> None:
    """'In solidarity,', a blank line, then the name with the role (and organisation)
    under it, as letters are signed: the name is the author, the lines stay in the text."""
    text = f"Solidarity with the cleaners\n\n{ARTICLE}\n\nIn solidarity,\n\nAna Ruiz\n{under}\n"
    if suffix == "txt":
        (doc,) = import_one(tmp_path, text)
    else:  # the lines as Word breaks them (Shift+Enter)
        text = text.replace("Ruiz\n", "Ruiz\\\n").replace("general\n", "general\\\n")
        doc = imported_office_file(tmp_path, f"**{text}".replace("\n\n", "**\n\n", 1))
    assert doc.authors == ("Ana Ruiz",)
    assert texts(doc, "//p")[-1].startswith("Ana Ruiz")


@pytest.mark.parametrize(
    ("closing", "names"),
    [
        ("Paris, le 3 mars 2026", ()),
        ("Fait à Paris, le 3 mars 2026\n\nCollectif Logement Paris", ("Collectif Logement Paris",)),
        ("Le bureau du syndicat\nParis, le 3 mars 2026", ()),
        ("Done at Geneva, 3 March 2026", ()),
        ("Madrid, a 3 de marzo de 2026\n\nSindicato de Inquilinas", ("Sindicato de Inquilinas",)),
        ("Sindicato de Inquilinas\nMadrid, 3 de marzo de 2026", ("Sindicato de Inquilinas",)),
        ("Sindicato de Inquilinas\n\nMadrid, 3 de marzo de 2026", ("Sindicato de Inquilinas",)),
        ("María Fernández\n3 de marzo de 2026", ("María Fernández",)),
        ("3 de marzo de 2026\nSindicato de Inquilinas", ("Sindicato de Inquilinas",)),
    ],
)
@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_where_and_when_a_letter_was_signed_give_its_date_and_no_author(
    tmp_path: Path, closing: str, names: tuple[str, ...], suffix: str
) -> None:
    """The place and date French and Spanish statements close with, over or under the
    signer's name or alone, and a name over its date with no blank line between: the
    date, and the signer (never the place). In Word each line is a paragraph."""
    text = f"Solidarity with the cleaners\n\n{ARTICLE}\n\n{closing}\n"
    if suffix == "txt":
        (doc,) = import_one(tmp_path, text)
    else:
        text = text.replace("\n\n", "\n").replace("\n", "\n\n")
        doc = imported_office_file(tmp_path, f"**{text}".replace("\n\n", "**\n\n", 1))
    assert (doc.authors, doc.date) == (names, dt.date(2026, 3, 3))
    words = closing.split()
    assert html_of(doc).text_content().split()[-len(words) :] == words  # all kept in the text


@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_a_date_over_the_last_sentence_is_no_signing_date(tmp_path: Path, suffix: str) -> None:
    text = f"Tenants meet\n\n{ARTICLE}\n\nThe next meeting:\n\n12 April 2026\n\nAll welcome.\n"
    if suffix == "txt":
        (doc,) = import_one(tmp_path, text)
    else:
        doc = imported_office_file(tmp_path, f"**{text}".replace("\n\n", "**\n\n", 1))
    assert doc.date is None


@pytest.mark.parametrize(
    ("under", "names"), [("Secretary", ("Ana Ruiz",)), ("Mill Road Estate", ())]
)
def test_an_office_texts_last_lines_with_no_closing_over_them_are_no_name_run_together(
    tmp_path: Path, under: str, names: tuple[str, ...]
) -> None:
    """A last paragraph of two lines (Shift+Enter) and no "In solidarity," over it: no
    one's name is made of their words ("Ana Ruiz Secretary"); the name over a role is the
    signer's, else the editor adds the author."""
    doc = imported_office_file(
        tmp_path, f"**Statement on the cuts**\n\n{ARTICLE}\n\nAna Ruiz\\\n{under}\n"
    )
    assert doc.authors == names
    assert texts(doc, "//p")[-1] == f"Ana Ruiz {under}"  # the text as written, line break and all


@pytest.mark.parametrize("suffix", ["txt", "docx"])
@pytest.mark.parametrize(
    "closing",
    ["In solidarity,\nThe strike committee", "The strike committee", "— The strike committee"],
)
def test_the_byline_under_the_title_stays_the_author_when_the_text_is_signed_by_another(
    tmp_path: Path, suffix: str, closing: str
) -> None:
    """An article by one person that ends with its group's signature: the byline names its
    author (it leaves the body), the signature stays in the text."""
    text = f"Solidarity with the cleaners\n\nBy Ana Ruiz\n\n{ARTICLE}\n\n{closing}\n"
    if suffix == "txt":
        (doc,) = import_one(tmp_path, text)
    else:
        doc = imported_office_file(tmp_path, f"**{text}".replace("\n\n", "**\n\n", 1))
    assert doc.authors == ("Ana Ruiz",)
    assert "The strike committee" in texts(doc, "//p")[-1]


CREDITS_AT_THE_END = [
    pytest.param("By Ana Ruiz", ("Ana Ruiz",), id="by"),
    pytest.param("Published by Leeds Tenants Union", ("Leeds Tenants Union",), id="published by"),
    pytest.param("Issued by Dockside Workers Network", ("Dockside Workers Network",), id="issued"),
    pytest.param("Publicado por Sindicato de Inquilinas", ("Sindicato de Inquilinas",), id="es"),
    pytest.param("Written by Ana Ruiz and Marc Dupont", ("Ana Ruiz", "Marc Dupont"), id="two"),
    pytest.param("Posted by Marta Gil at 10:42 AM", ("Marta Gil",), id="blogger"),
    pytest.param("Signed: Ana Ruiz and Marc Dupont", ("Ana Ruiz", "Marc Dupont"), id="signed"),
    pytest.param("Firmado: Sindicato de Inquilinas", ("Sindicato de Inquilinas",), id="firmado"),
    pytest.param("Fdo. Ana Ruiz", ("Ana Ruiz",), id="fdo"),
    pytest.param("Signé : Collectif Logement Paris", ("Collectif Logement Paris",), id="signé"),
    pytest.param("— Ana Ruiz", ("Ana Ruiz",), id="em dash"),
    pytest.param("- Ana Ruiz", ("Ana Ruiz",), id="hyphen"),
]


@pytest.mark.parametrize("suffix", ["txt", "docx"])
@pytest.mark.parametrize(("line", "names"), CREDITS_AT_THE_END)
def test_a_text_signed_at_the_end_with_a_credit_or_a_dash_is_by_the_name_alone(
    tmp_path: Path, suffix: str, line: str, names: tuple[str, ...]
) -> None:
    """The credit's words ("By", "Published by") and the dash are not part of the name;
    the line stays at the end of the text as written."""
    if suffix == "txt":
        (doc,) = import_one(tmp_path, f"Rally for rent control\n\n{ARTICLE}\n\n{line}\n")
    else:  # the hyphen typed, not a list's bullet
        typed = line.replace("-", "\\-", 1) if line.startswith("-") else line
        doc = imported_office_file(
            tmp_path, f"**Rally for rent control**\n\n{ARTICLE}\n\n{typed}\n"
        )
    assert doc.authors == names
    written = line.replace("- ", "— ", 1) if line.startswith("- ") else line  # a dash set
    assert html_of(doc).text_content().split()[-len(line.split()) :] == written.split()


@pytest.mark.parametrize("dash", ["-", "–", "—"])
@pytest.mark.parametrize("between", ["\n", "\n\n"], ids=["tight", "spaced"])
def test_a_text_ending_in_a_dashed_list_keeps_its_last_item_and_names_no_author(
    tmp_path: Path, dash: str, between: str
) -> None:
    """A call to action closing a post: the last item, dashed as the others are, is one
    more of them, not a name signed after a dash."""
    items = ["Write to your councillor", "Come to the meeting on Thursday", "Share this post"]
    listed = between.join(f"{dash} {item}" for item in items)
    row = imported_row(tmp_path, f"What you can do\n\nThree things this week:\n\n{listed}\n")
    assert row.draft.authors == []
    doc = read_document(row.path, row.path.stem, tmp_path / "documents", "en")
    assert texts(doc, "//li") == items
    assert texts(doc, "//div[@class='signature']") == []


@pytest.mark.parametrize("title", ["# Rent strike: what next", "**Rent strike: what next**"])
def test_text_marked_as_markdown_has_its_title_headings_and_bold_read_not_printed(
    tmp_path: Path, title: str
) -> None:
    """Text copied out of a Markdown editor, Slack or a chatbot's answer: "## Our demands"
    and "**Important:**" were printed with their marks; "#RentStrike" is a hashtag."""
    text = (
        f"{title}\n\n{LONG}\n\n## Our demands\n\n{LONG}\n\n### Next steps\n\n"
        f"**Important:** bring water to the picket.\n\n#RentStrike\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert doc.title == "Rent strike: what next"
    assert texts(doc, "//h2") == ["Our demands"] and texts(doc, "//h3") == ["Next steps"]
    assert texts(doc, "//strong") == ["Important:"]
    assert "#" not in html_of(doc).text_content() and "*" not in html_of(doc).text_content()


INTERVIEW = [
    "— ¿Cuándo empezó la huelga?",
    "— En enero, cuando la empresa despidió a tres compañeras por organizarse.",
    "— ¿Y ahora qué?",
    "— Seguiremos hasta que las readmitan.",
]


@pytest.mark.parametrize("dash", ["—", "-"], ids=["em dashes", "hyphens"])
@pytest.mark.parametrize("between", ["\n", "\n\n"], ids=["tight", "spaced"])
def test_an_interviews_turns_after_dashes_stay_turns_of_speech_not_a_list(
    tmp_path: Path, between: str, dash: str
) -> None:
    """As Spanish, French and Portuguese set dialogue: each turn after a dash. They were a
    bulleted list, their dashes taken away; a dashed list asks no questions
    (`test_a_text_ending_in_a_dashed_list_keeps_its_last_item_and_names_no_author`).
    Typed with hyphens, where no em dash is to hand, questions and answers tell them."""
    interview = [dash + turn[1:] for turn in INTERVIEW]
    text = (
        "Entrevista con la portavoz\n\nHablamos con Marta Gil, portavoz del comité de huelga,"
        " el lunes por la tarde en el local del sindicato.\n\n"
        + between.join(interview)
        + "\n\nGracias, Marta.\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "//li") == []
    set_as_printed = ["—" + turn[1:] for turn in INTERVIEW]  # a hyphen typed for the dash
    assert [t for t in texts(doc, "//p") if t.startswith("—")] == set_as_printed


@pytest.mark.parametrize("suffix", ["txt", "docx"])
@pytest.mark.parametrize(
    ("closing", "names"),
    [
        pytest.param("Solidarity", (), id="a closing alone"),
        pytest.param("✊ Solidarity", (), id="a closing after an emoji"),
        pytest.param("In solidarity ✊🏽", (), id="a closing before one"),
        pytest.param("In solidarity ✊🏽\nAna Ruiz", ("Ana Ruiz",), id="and a name under it"),
        pytest.param("Signed", (), id="signed alone"),
        pytest.param("Firmado:\nAna Ruiz", ("Ana Ruiz",), id="firmado over the name"),
        pytest.param("Signed,\nAna Ruiz", ("Ana Ruiz",), id="signed over the name"),
        pytest.param("Ana Ruiz ❤️", ("Ana Ruiz",), id="a name before a heart"),
        pytest.param("💪 Leeds Tenants Union", ("Leeds Tenants Union",), id="after an arm"),
        pytest.param("🇵🇸 Comité de Solidaridad 🇵🇸", ("Comité de Solidaridad",), id="between flags"),
        pytest.param("© 2026 Leeds Tenants Union", ("Leeds Tenants Union",), id="copyright"),
        pytest.param("Copyright © 2025-2026 Ana Ruiz", ("Ana Ruiz",), id="copyright years"),
    ],
)
def test_the_emoji_or_copyright_a_text_closes_with_are_no_part_of_its_signers_name(
    tmp_path: Path, suffix: str, closing: str, names: tuple[str, ...]
) -> None:
    """Campaigns sign off with emoji, and some with a copyright notice; a closing word alone
    ("Solidarity") names no one."""
    if suffix == "txt":
        (doc,) = import_one(tmp_path, f"Rally for rent control\n\n{ARTICLE}\n\n{closing}\n")
    else:
        paragraphs = closing.replace("\n", "\n\n")
        doc = imported_office_file(
            tmp_path, f"**Rally for rent control**\n\n{ARTICLE}\n\n{paragraphs}\n"
        )
    assert doc.authors == names
    assert html_of(doc).text_content().split()[-len(closing.split()) :] == closing.split()


@pytest.mark.parametrize(
    ("line", "to_check"), [("Published by Ana Ruiz", False), ("Ana Ruiz", True)]
)
def test_only_a_bare_name_at_the_end_is_an_author_to_check(
    tmp_path: Path, line: str, to_check: bool
) -> None:
    """A bare name may be a slogan's or a verse's last line; "Published by" says it is not."""
    row = imported_row(tmp_path, f"Rally for rent control\n\n{ARTICLE}\n\n{line}\n")
    assert row.draft.authors == ["Ana Ruiz"]
    assert any("closing line" in note for note in row.draft.unsure) is to_check


@pytest.mark.parametrize("separator", [" | ", " — ", " · "])
def test_an_office_statement_takes_the_date_its_subtitle_ends_with_after_a_bar_or_dash(
    tmp_path: Path, separator: str
) -> None:

    line = f"Dockside Workers Network{separator}12 March 2026"
    doc = imported_office_file(tmp_path, f"**Statement on the cuts**\n\n*{line}*\n\n{ARTICLE}\n")
    tied = line.replace(" — ", "\u00a0— ")  # the dash tied to its words (tests/test_dashes.py)
    assert (doc.subtitle, doc.date) == (tied, dt.date(2026, 3, 12))


@pytest.mark.parametrize("between", ["\n\n", "\\\n"], ids=["paragraphs", "line breaks"])
def test_an_office_letter_is_signed_by_the_name_under_its_closing_not_by_the_role_after_it(
    tmp_path: Path, between: str
) -> None:
    """Enter or Shift+Enter between "In solidarity,", the name and the role: the name."""

    closing = between.join(["In solidarity,", "Maria Lopez", "Secretary"])
    doc = imported_office_file(tmp_path, f"**Statement on the cuts**\n\n{ARTICLE}\n\n{closing}\n")
    assert doc.authors == ("Maria Lopez",)
    assert " ".join(texts(doc, "//p")[1:]) == "In solidarity, Maria Lopez Secretary"


@pytest.mark.parametrize("suffix", ["txt", "docx"])
@pytest.mark.parametrize("closing", [["In solidarity,", "Unite Hospital Branch"], ["Ana Ruiz"]])
def test_a_footnote_at_the_end_leaves_the_signature_over_it_the_author(
    tmp_path: Path, suffix: str, closing: list[str]
) -> None:
    """A statement whose footnote stands under its signature (typed as "[1] …" in a text,
    Word's own footnote in a Word file): the signer is still the author, the note a note."""
    signed = "\n\n".join(closing)
    text = (
        "Statement on the library\n\nThe council voted last night to close Mill Road"
        " library.{marker} We will fight this decision in every ward, at every meeting, and in"
        f" the courts if we must.\n\n{signed}\n\n{{note}}By seven votes to six.\n"
    )
    if suffix == "txt":
        (doc,) = import_one(tmp_path, text.format(marker="[1]", note="[1] "))
    else:
        typed = "**" + text.format(marker="[^1]", note="[^1]: ").replace("\n\n", "**\n\n", 1)
        doc = imported_office_file(tmp_path, typed)
    assert doc.authors == (closing[-1],)
    assert texts(doc, "//p[not(ancestor::section)]")[-1] == closing[-1]
    assert "By seven votes to six." in " ".join(texts(doc, "//section//p"))


@pytest.mark.parametrize(
    ("suffix", "between"),
    [("txt", "\n"), ("txt", "\n\n"), ("docx", "\n\n"), ("docx", "\\\n")],
    ids=["txt lines", "txt blocks", "docx paragraphs", "docx line breaks"],
)
@pytest.mark.parametrize(
    "closing",
    [
        ["Yours,", "Maria Lopez", "Secretary, Riverside Tenants Union"],
        ["Yours truly,", "Maria Lopez", "Chair of the Riverside Tenants Union"],
        ["In solidarity,", "Maria Lopez", "Branch Secretary"],
        ["Maria Lopez", "Branch Secretary"],
        ["Maria Lopez", "Secretaria general"],
        ["Maria Lopez", "Secrétaire générale du syndicat"],
    ],
    ids=["yours", "yours truly", "in solidarity", "no closing", "es", "fr"],
)
def test_a_text_signed_with_the_signers_role_under_the_name_is_by_the_name(
    tmp_path: Path, suffix: str, between: str, closing: list[str]
) -> None:
    """A letter signed by a person over their role or office, with or without a closing
    over the name: the name is the author, never the role; all stay in the text."""
    text = f"Statement on the library\n\n{ARTICLE}\n\n{between.join(closing)}\n"
    if suffix == "txt":
        (doc,) = import_one(tmp_path, text)
    else:
        doc = imported_office_file(tmp_path, f"**{text}".replace("\n\n", "**\n\n", 1))
    assert doc.authors == ("Maria Lopez",)
    words = " ".join(closing).split()
    assert html_of(doc).text_content().split()[-len(words) :] == words


@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_a_role_alone_at_the_end_is_no_author(tmp_path: Path, suffix: str) -> None:
    text = f"Statement on the library\n\n{ARTICLE}\n\nBranch Secretary\n"
    if suffix == "txt":
        (doc,) = import_one(tmp_path, text)
    else:
        doc = imported_office_file(tmp_path, f"**{text}".replace("\n\n", "**\n\n", 1))
    assert doc.authors == ()


@pytest.mark.parametrize("between", ["\n\n", "\\\n"], ids=["paragraphs", "line breaks"])
def test_an_office_statement_is_signed_by_the_name_over_its_contact_details(
    tmp_path: Path, between: str
) -> None:
    """Enter or Shift+Enter between the name and how to reach it: the name is the author,
    the details stay in the text."""

    contacts = ["info@dockside.example.org | 0161 555 0100", "www.dockside.example.org"]
    closing = between.join(["Dockside Workers Network", *contacts])
    doc = imported_office_file(tmp_path, f"**Statement on the cuts**\n\n{ARTICLE}\n\n{closing}\n")
    assert doc.authors == ("Dockside Workers Network",)
    assert "0161 555 0100" in doc.body_html


def test_an_office_text_opening_with_an_ordinary_paragraph_keeps_it(tmp_path: Path) -> None:
    """No bold first line: the title stays a guess to check, the text whole, and a closing
    slogan is no author."""

    doc = imported_office_file(tmp_path, f"{ARTICLE}\n\nSolidarity forever!\n")
    assert doc.authors == ()
    assert texts(doc, "//p") == [ARTICLE, "Solidarity forever!"]


# Text copied out of a PDF: a justified column that breaks words at line ends, and the
# running footer with its page number between the pages.
PDF_COPY = """Rent survey 2026: paying more for less

The Tenants Action Group surveyed 412 households across Eastharbour
between January and March. Rents have risen by 14 per cent in two
years, while repairs are left undone for months. Most tenants say
they now spend more than half of their income on rent and bills, and
many of them have cut back on food and on heat-
ing to keep up with the landlord. Some have fallen into arrears for
the first time in their lives.

Dockside Bulletin                                                   3

The survey also found that one in five homes has damp or mould, and
that complaints to the council go unanswered. We demand rent con-
trols and a public register of landlords, and we will campaign for
them in every ward of the city until the council listens.

Dockside Bulletin                                                   4
"""


def test_text_copied_from_a_pdf_loses_its_page_footers_and_mends_its_broken_words(
    tmp_path: Path,
) -> None:
    (doc,) = import_one(tmp_path, PDF_COPY)
    paragraphs = texts(doc, "//p")
    assert len(paragraphs) == 2, paragraphs
    assert "on heating to keep up" in paragraphs[0] and "rent controls and" in paragraphs[1]
    assert "Dockside Bulletin" not in doc.body_html and doc.authors == ()


PAGE_TEXT = (
    "The committee met eleven times this year. Our main finding is that the\n"
    "organisation of tenants in the north of the city has grown steadily, and\n"
    "that the flats on Mill Road are now fully organised. We thank every\n"
    "member who knocked on doors during the long winter months of the year."
)


@pytest.mark.parametrize(
    "page_ends",
    [
        ["\n\nHousing Committee · Annual Report 2026\n\n" + f"{n}\n\n" for n in (1, 2, 3)],
        [
            "\n\nHousing Committee · Annual Report 2026                   3\n\n",
            "\n\n4\n\nHousing Committee · Annual Report 2026\n\n",
            "\n\n",
        ],
    ],
    ids=["header, then its page number under it", "the number beside it once, over it once"],
)
def test_a_pdf_copys_running_header_without_its_page_number_beside_it_is_left_out(
    tmp_path: Path, page_ends: list[str]
) -> None:
    """A PDF viewer copies a page's running header as a line of its own, its page number
    on the line under or over it (or beside it on one page, on its own on the next)."""
    text = "Annual report of the housing committee\n\n" + "".join(
        PAGE_TEXT + end for end in page_ends
    )
    (doc,) = import_one(tmp_path, text)
    assert "Housing Committee ·" not in doc.body_html
    assert texts(doc, "//p") == [" ".join(PAGE_TEXT.split())] * 3
    assert not texts(doc, "//h2")


def test_a_heading_that_recurs_with_no_page_number_by_it_stays(tmp_path: Path) -> None:
    text = (
        f"Annual report of the housing committee\n\n{PAGE_TEXT}\n\nWhat we did\n\n"
        f"{PAGE_TEXT}\n\nWhat we did\n\n{PAGE_TEXT}\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert texts(doc, "//h2") == ["What we did", "What we did"]


def test_a_word_broken_at_a_short_lines_end_in_a_pdf_copy_leaves_its_paragraph_whole(
    tmp_path: Path,
) -> None:
    """A PDF viewer's copy can leave the first half of a hyphenated word alone on its line,
    or on a line cut short: the paragraph runs on after the joined word all the same."""
    text = (
        "Annual report of the housing committee\n\n"
        "The committee met eleven times this year and found that the\n"
        "organi-\n"
        "sation of tenants in the north of the city has grown steadily over\n"
        "the year, and that every volun-\n"
        "teer who knocked on doors made a difference to the result, and we\n"
        "thank every member who gave up an evening for the street by street\n"
        "cam-\n"
        "paign. Without them none of this would have been possible at all.\n"
    )
    (doc,) = import_one(tmp_path, text)
    (paragraph,) = texts(doc, "//p")
    assert "found that the organisation of tenants in the north" in paragraph
    assert "every volunteer who knocked on doors" in paragraph
    assert "by street campaign. Without them none" in paragraph
    assert not html_of(doc).xpath("//br")


def test_text_copied_out_of_a_pdfs_narrow_columns_is_one_paragraph_of_whole_words(
    tmp_path: Path,
) -> None:
    """A column of 45 characters, its words hyphenated: the words were joined, but the
    lines, narrower than mail wraps prose at, stayed paragraphs of their own."""
    from test_readers import PDF_COLUMN_ES

    (doc,) = import_one(tmp_path, f"Comunicado\n\n{PDF_COLUMN_ES}\n")
    assert texts(doc, "//p") == [" ".join(PDF_COLUMN_ES.replace("-\n", "").split())]
    assert not html_of(doc).xpath("//br")


def test_numbered_headings_and_a_word_wrapped_at_its_hyphen_stay_as_written(
    tmp_path: Path,
) -> None:
    """'Demand 1' and 'Demand 2' are headings, not page footers; an e-mail wrapped at the
    hyphen of 'long-term' keeps it."""
    text = (
        "Our demands\n\nDemand 1\n\nWe ask the council for repairs within a month of every "
        "report.\n\nDemand 2\n\nWe plan for the long-\nterm and ask for a rent freeze now.\n"
    )
    (doc,) = import_one(tmp_path, text)
    shown = texts(doc, "//*[self::p or self::h2]")
    assert "Demand 1" in shown and "Demand 2" in shown, shown
    assert "for the long-term" in doc.body_html


def message(headers: dict[str, str], body: str, subtype: str = "plain") -> bytes:
    """An e-mail as a mail program saves it (.eml)."""
    from email.message import EmailMessage

    saved = EmailMessage()
    for name, value in headers.items():
        saved[name] = value
    saved.set_content(body, subtype=subtype)
    return bytes(saved)


FORWARDED_EN = """Hi all, can we run this in the next issue?

Ana

---------- Forwarded message ---------
From: Cleaners' Strike Committee <strike@example.org>
Date: Wed, 11 Mar 2026 at 18:02
Subject: Statement on the Royal Infirmary strike
To: Ana Torres <ana@example.org>


Statement on the Royal Infirmary strike

The cleaners at the Royal Infirmary have been on strike for six weeks. We
thank every union branch that has sent money and messages of support.

We will not go back for less than the living wage.

Cleaners' Strike Committee
"""


def test_a_forwarded_statement_saved_as_eml_is_the_forwarded_text(tmp_path: Path) -> None:
    """The forwarder's note is for the editors; the statement, its title, signature and the
    forwarded message's date make the document."""
    sent = {"From": "Ana Torres <ana@example.org>", "Subject": "Fwd: Statement on the strike"}
    sent["Date"] = "Thu, 12 Mar 2026 09:15:00 +0000"
    (doc,) = import_one(tmp_path, message(sent, FORWARDED_EN), "statement.eml")
    assert doc.title == "Statement on the Royal Infirmary strike"
    assert doc.authors == ("Cleaners' Strike Committee",)
    assert doc.date == dt.date(2026, 3, 11)
    paragraphs = texts(doc, "//p")
    assert paragraphs[0].startswith("The cleaners") and "six weeks. We thank" in paragraphs[0]
    assert "Hi all" not in doc.body_html and "Forwarded" not in doc.body_html


MAILING_LIST = {
    "en": (
        "View this email in your browser (https://mailchi.mp/riverside/march?e=a1b2c3)",
        "============================================================\n"
        "Copyright © 2026 Riverside Tenants Union, All rights reserved.\n"
        "You are receiving this email because you joined at a meeting.\n\n"
        "Our mailing address is:\nRiverside Tenants Union\n12 Dock Road\nLondon E16 1AA\n\n"
        "Want to change how you receive these emails?\nYou can update your preferences"
        " (https://riverside.us1.list-manage.com/profile?u=9f8e&id=a1b2c3) or unsubscribe"
        " (https://riverside.us1.list-manage.com/unsubscribe?u=9f8e&id=a1b2c3)\n",
    ),
    "es": (
        "Ver este correo en tu navegador (https://mailchi.mp/inquilinas/marzo?e=a1b2c3)",
        "Copyright © 2026 Sindicato de Inquilinas, Todos los derechos reservados.\n"
        "¿Quieres cambiar cómo recibes estos correos?\nPuedes actualizar tus preferencias"
        " (https://inquilinas.us1.list-manage.com/profile?id=a1b2c3) o darte de baja de esta"
        " lista (https://inquilinas.us1.list-manage.com/unsubscribe?id=a1b2c3).\n",
    ),
    "asked": (
        "Email not displaying correctly? View it in your browser",
        "You are receiving this email because you signed up at a meeting.\n"
        "Unsubscribe (https://example.org/unsubscribe?id=a1b2c3)\n",
    ),
    "mailchimp, its plain text": (  # "** " before a link's words, social links over the footer
        "View this email in your browser (https://mailchi.mp/riverside/march?e=a1b2c3)",
        "============================================================\n"
        "** Facebook (https://www.facebook.com/riversidetenants)\n"
        "** Instagram (https://www.instagram.com/riversidetenants)\n"
        "Copyright © 2026 Riverside Tenants Union, All rights reserved.\n"
        "You are receiving this email because you joined at a meeting.\n\n"
        "Our mailing address is:\nRiverside Tenants Union\n12 Dock Road\nLondon E16 1AA\n\n"
        "Want to change how you receive these emails?\n"
        "You can ** update your preferences (https://riverside.us1.list-manage.com/profile"
        "?u=9f8e1d2c3b4a&id=a1b2c3d4e5)\nor ** unsubscribe from this list (https://riverside"
        ".us1.list-manage.com/unsubscribe?u=9f8e1d2c3b4a&id=a1b2c3d4e5&e=f6a7b8c9d0)\n",
    ),
    "substack": (
        "Forwarded this email? Subscribe here (https://riverside.substack.com/subscribe) for more",
        "Like (https://substack.com/app-link/post?action=like)\n"
        "Restack (https://substack.com/redirect/2/eyJl)\n\n"
        "© 2026 Ana Ruiz\n548 Market Street PMB 72296, San Francisco, CA 94104\n"
        "Unsubscribe (https://substack.com/redirect/2/unsub?token=a1b2c3)\n\n"
        "Start writing (https://substack.com/signup?utm_source=substack)\n",
    ),
    "substack, its plain text": (  # the links after a space, the first after "at"
        "View this post on the web at https://riverside.substack.com/p/rent-strike-week-four",
        "Like https://substack.com/app-link/post?publication_id=123&action=like\n"
        "Comment https://substack.com/app-link/post?publication_id=123&action=comment\n"
        "Restack https://substack.com/redirect/2/eyJl\n\n"
        "© 2026 Ana Ruiz\n548 Market Street PMB 72296, San Francisco, CA 94104\n"
        "Unsubscribe https://substack.com/redirect/2/eyJl?j=a1b2c3\n\n"
        "Start writing https://substack.com/signup?utm_source=substack&utm_content=footer\n",
    ),
    "ghost": (  # its footer's links, copied as their words: the sender before the mark
        "View in browser",
        "Riverside Tenants Union © 2026 – Unsubscribe\n\nPowered by Ghost\n",
    ),
    "beehiiv": (  # the link to unsubscribe, as its words, over the copyright line
        "View online",
        "Update your email preferences or unsubscribe here\n\n© 2026 Riverside Tenants Union\n"
        "228 Park Ave S, #29976, New York, New York 10003, United States\n\n"
        "Powered by beehiiv\nTerms of Service\n",
    ),
    "outlook": (  # a forward from Outlook writes a link <after> its words
        "View this email in your browser <https://mailchi.mp/riverside/march?e=a1b2c3>",
        "Copyright © 2026 Riverside Tenants Union, All rights reserved.\n"
        "Unsubscribe <https://riverside.us1.list-manage.com/unsubscribe?u=9f8e&id=a1b2c3>\n",
    ),
}


# The line a mail program adds under what was written on a phone, in its users' languages
TAGLINES = [
    "Sent from my iPhone",
    "Get Outlook for Android",
    "Enviado desde mi iPhone",
    "Envoyé de mon iPhone",
    "أرسلت من الـ iPhone الخاص بي",
]


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("tagline", TAGLINES)
def test_a_mail_programs_line_under_a_pasted_mail_is_left_out(
    tmp_path: Path, how: str, tagline: str
) -> None:
    """A statement pasted out of a mail written on a phone ends with its mail program's
    line: it was printed under the signature, as if the writer had said it."""
    text = f"Rent strike at number 12\n\n{ARTICLE}\n\nAna\n\n{tagline}\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//p") == [ARTICLE, "Ana"], doc.body_html
    (tmp_path / "gaza").mkdir()  # a closing line that only starts like one is the writer's
    text = f"Solidarity from Gaza\n\n{ARTICLE}\n\nSent from Gaza with love\n"
    (doc,) = read_or_imported(tmp_path / "gaza", text, how)
    assert texts(doc, "//p") == [ARTICLE, "Sent from Gaza with love"], doc.body_html


@pytest.mark.parametrize("sent_by", list(MAILING_LIST))
def test_a_received_newsletters_mailing_list_lines_are_left_out(
    tmp_path: Path, sent_by: str
) -> None:
    """Forwarded to the editors as an e-mail, a newsletter carries its list's "view it in
    your browser" over it and its footer under it: the links to update preferences or
    unsubscribe are the editor's own, and reprinted would let any reader unsubscribe them."""
    language = "es" if sent_by == "es" else "en"
    statement, (over, footer) = STATEMENTS[language], MAILING_LIST[sent_by]
    first, second = statement["paragraphs"]
    body = f"{over}\n\n{statement['title']}\n\n{first}\n\n{second}\n\n{signature(language)}\n\n"
    sent = {"From": "Riverside Tenants <news@example.org>", "Subject": statement["title"]}
    (doc,) = import_one(tmp_path, message(sent, body + footer), "newsletter.eml")
    assert doc.title == statement["title"]
    assert texts(doc, "/div/p") == statement["paragraphs"]
    assert texts(doc, "//div[@class='signature']") == [signature(language)]
    assert "a1b2c3" not in doc.body_html and "©" not in doc.body_html


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_mailchimp_plain_text_issue_keeps_its_text_alone(tmp_path: Path, how: str) -> None:
    """Mailchimp's plain text: its headings under a rule of dashes, its links after their
    words. With the text's lines as long as the footer's, the footer's last two were run
    together into one longer than any footer's line, with their two addresses, and the
    footer was published."""
    paragraphs = [
        "The tenants of number 12 met on Sunday and voted to withhold rent until the landlord"
        " repairs the roof.",
        "We will picket the letting agency on Saturday at eleven.",
        "Bring banners and flasks.",
    ]
    first, second, third = paragraphs
    rule, lists = "-" * 60, "https://riverside.us1.list-manage.com"
    text = (
        f"** Rent strike update\n{rule}\n\n{first}\n\n{second}\n\n** Picket\n{rule}\n\n"
        f"{third}\n\n{'=' * 60}\n** Facebook (https://facebook.com/riversidetenants)\n"
        "Copyright © 2026 Riverside Tenants Union, All rights reserved.\n\n"
        "Want to change how you receive these emails?\n"
        f"You can ** update your preferences ({lists}/profile?u=9f8e&id=a1b2c3)\n"
        f"or ** unsubscribe from this list ({lists}/unsubscribe?u=9f8e&id=a1b2c3)\n"
    )
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//p") == paragraphs, doc.body_html
    assert "a1b2c3" not in doc.body_html and "facebook" not in doc.body_html


NUMBERED_REPORT = (
    "Rent survey report 2026\n\n1. Introduction\n\n{article}\n\n2. Findings\n\n2.1 Rents\n\n"
    "{article}\n\n2.2 Repairs\n\n{article}\n\n3. Recommendations\n\n{article}\n"
)


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_reports_numbered_sections_are_its_headings_at_their_depth(
    tmp_path: Path, how: str
) -> None:
    """Copied out of Word as text, a report's numbered headings ("1. Introduction", "2.1
    Rents") were paragraphs like its text's: no structure in any output, no bookmarks."""
    (doc,) = read_or_imported(tmp_path, NUMBERED_REPORT.format(article=ARTICLE), how)
    headings = [(h.tag, h.text_content()) for h in html_of(doc).xpath("//h2 | //h3 | //h4")]
    assert headings == [
        ("h2", "1. Introduction"),
        ("h2", "2. Findings"),
        ("h3", "2.1 Rents"),
        ("h3", "2.2 Repairs"),
        ("h2", "3. Recommendations"),
    ], doc.body_html
    assert texts(doc, "//p") == [ARTICLE] * 4


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize(
    "numbered",
    [
        "1. Rent freeze\n\n2. Repairs within 28 days\n\n3. No evictions",  # each over the next
        "1. Introduction\n\n{article}\n\n3. Findings\n\n{article}",  # no section 2
        "2 Days of action\n\n{article}\n\n3 Ways to help\n\n{article}",  # no section 1
        "1. Introduction\n\n{article}\n\n12 March\n\n{article}",  # one alone
        "1.\tRepairs\na.\tDamp first\nb.\tHeating\n2.\tNo rent rises",  # as Word copies levels
    ],
    ids=["a list", "numbers that skip", "no first", "one numbered line", "a list with sub-items"],
)
def test_numbered_lines_that_go_on_as_no_sections_are_no_headings(
    tmp_path: Path, how: str, numbered: str
) -> None:
    text = f"Our demands\n\n{ARTICLE}\n\n{numbered.format(article=ARTICLE)}\n\nJoin us.\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert not html_of(doc).xpath("//h2 | //h3"), doc.body_html


def test_a_text_that_opens_asking_to_read_it_online_keeps_those_words(tmp_path: Path) -> None:
    opening = "Read this newsletter online and share it: every branch won something this month."
    row = imported_row(tmp_path, f"{opening}\n\n{ARTICLE}\n")
    assert opening in f"{row.draft.title} {row.draft.body_html}"


def test_a_footer_right_under_the_signature_leaves_the_signature(tmp_path: Path) -> None:
    statement = STATEMENTS["en"]
    text = (
        f"{statement['title']}\n\n{statement['paragraphs'][0]}\n\nIn solidarity,\nAna Ruiz\n"
        "© 2026 Riverside Tenants Union\nUnsubscribe (https://example.org/u?id=a1b2c3)\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert doc.authors == ("Ana Ruiz",)
    assert "a1b2c3" not in doc.body_html and "2026" not in doc.body_html


@pytest.mark.parametrize(
    "ending",
    [
        "If they send you emails anyway, click unsubscribe and keep a copy of the page.",
        "© 2026 Photo: Ana Ruiz\n\nUnsubscribe from their lists (https://example.org/how): "
        + "we explain how, step by step, in our guide to the data the letting agents keep on"
        + " every tenant, what the law says they may keep and for how long, and how to ask.",
        "If they send you emails anyway, click unsubscribe and keep a copy of the page.\n\n"
        "© 2026 Ana Ruiz",
    ],
    ids=["a sentence", "a paragraph after a credit", "a sentence over the writer's notice"],
)
def test_a_text_that_speaks_of_unsubscribing_keeps_its_words(tmp_path: Path, ending: str) -> None:
    opening = STATEMENTS["en"]["paragraphs"][0]
    text = f"How letting agents keep your data\n\n{opening}\n\n{ending}\n"
    (doc,) = import_one(tmp_path, text)
    shown = " ".join(html_of(doc).text_content().split())
    for line in ending.split("\n\n"):
        assert line in shown


def imported_text(tmp_path: Path, body: str, subject: str = "The statement") -> str:
    """The text of the document `publisher import` makes of a plain-text e-mail."""
    sent = {"From": "Marta Gil <marta@example.org>", "Subject": subject}
    (doc,) = import_one(tmp_path, message(sent, body), "message.eml")
    return " ".join(html_of(doc).text_content().split())


def test_a_signature_after_a_bare_double_dash_and_a_reply_quoted_below_are_left_out(
    tmp_path: Path,
) -> None:
    """As a forward looks once a mail program stripped the space of "-- ", with the
    message it answered quoted at the end ("> On … wrote:")."""
    body = (
        "Statement on the depot closure\n\n"
        "The branch committee condemns the closure of the Northside depot, announced"
        " without any consultation. Forty jobs are at risk.\n\n"
        "In solidarity,\nThe Branch Committee\n\n--\n"
        "Branch Committee | Dockside Workers' Network\nwww.branch.example.org | 01234 567890\n\n"
        "> On Sat, 21 Nov 2026, Ana Gil wrote:\n> Could you send the final text?\n"
    )
    text = imported_text(tmp_path, body)
    assert "Forty jobs are at risk" in text and "The Branch Committee" in text
    assert "01234 567890" not in text and "final text" not in text and "wrote" not in text


def test_a_reply_quoted_at_the_end_whose_intro_is_quoted_too_is_left_out(tmp_path: Path) -> None:
    body = (
        "Rent strike at number 12\n\n" + ARTICLE + "\n\nMarta\n\n"
        "> On Mon, 9 Mar 2026 at 09:15, Ana Torres <ana@example.org> wrote:\n"
        ">\n> Can you send us the statement by Friday?\n"
    )
    text = imported_text(tmp_path, body, "Re: the statement")
    assert "by Friday" not in text and "wrote" not in text and ARTICLE in text


OUTLOOK_REPLY = """Statement on the closure

The branch condemns the closure of the depot, announced without any consultation. Forty
jobs are at risk, and the members will meet on Thursday.

In solidarity,
The Branch

{rule}
From: Editors <editors@newsletter.example.org>
Sent: Friday, November 20, 2026 5:12 PM
To: Ana Gil <ana@example.org>
Subject: Statement for the bulletin

Could you send us the branch's statement on the depot by Monday? We go to press soon.
"""


@pytest.mark.parametrize(
    "rule", ["________________________________", "-----Original Message-----", ""]
)
def test_the_message_outlook_quotes_under_a_reply_is_left_out(tmp_path: Path, rule: str) -> None:
    text = imported_text(
        tmp_path, OUTLOOK_REPLY.format(rule=rule), "RE: Statement for the bulletin"
    )
    assert "Forty jobs are at risk" in text and "The Branch" in text
    assert "by Monday" not in text and "Sent:" not in text and "______" not in text


THREADS = {  # a reply pasted with the mail it answers under it, from the line it starts on
    "outlook, under its rule": OUTLOOK_REPLY.format(rule="________________________________"),
    "outlook": OUTLOOK_REPLY.format(rule=""),
    "gmail": OUTLOOK_REPLY.split("{rule}")[0]
    + "On Fri, 20 Nov 2026 at 17:12, Editors <editors@newsletter.example.org> wrote:\n"
    + "> Could you send us the branch's statement on the depot by Monday?\n",
}


@pytest.mark.parametrize("thread", THREADS)
def test_an_earlier_mail_of_a_thread_pasted_under_a_text_is_named_at_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, thread: str
) -> None:
    """A reply copied out of Outlook into a text file brings the mail it answers under it,
    its writer's and recipients' addresses in its head: published without a word. The
    build warns and `publisher import` asks for a check, at the line it starts on; the
    text stays whole, as which of the mails holds what to publish is the editor's call."""
    text = THREADS[thread]
    line = next(n for n, ln in enumerate(text.split("\n"), 1) if ln.startswith(("From:", "On ")))
    path = tmp_path / "pasted.txt"
    path.write_text(text)
    with caplog.at_level(logging.WARNING):
        doc = read_document(path, "pasted", tmp_path, "en")
    assert f"pasted.txt:{line}: an earlier mail of the thread is quoted from here" in caplog.text
    assert "by Monday?" in doc.body_html  # nothing lost
    first, *_ = import_files([path], tmp_path / "documents").documents  # under a rule: two
    assert any(check.startswith(f"line {line}: an earlier mail") for check in first.draft.unsure)


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_memos_own_from_and_to_lines_are_no_earlier_mail(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, how: str
) -> None:
    memo = "Depot closure\n\nFrom: Branch secretary\nTo: All members\n\n" + ARTICLE + "\n"
    with caplog.at_level(logging.WARNING):
        read_or_imported(tmp_path, memo, how)
    assert "earlier mail" not in caplog.text


def test_a_letter_copied_into_a_message_stays_whole(tmp_path: Path) -> None:
    body = (
        "The letter we sent to the council\n\n"
        "This is the letter the branch sent to the council leader on Friday, in full.\n\n"
        "From: The branch secretary\nTo: The council leader\nDate: 20 November 2026\n"
        "Subject: The depot closure\n\nDear Councillor, we ask you to stop the closure of"
        " the Northside depot until the workers have been consulted.\n"
    )
    text = imported_text(tmp_path, body)
    assert "we ask you to stop the closure" in text and "The council leader" in text


def test_a_memos_own_from_and_to_under_its_title_stay(tmp_path: Path) -> None:
    body = (
        "Memo on the ballot\n\nFrom: The branch secretary\nTo: All members\n\n"
        "The ballot on the pay offer opens on Monday and closes at noon on Friday; every"
        " member can vote at the hall or by post.\n"
    )
    text = imported_text(tmp_path, body, "Memo")
    assert "All members" in text and "The ballot on the pay offer opens" in text


@pytest.mark.parametrize("tagline", TAGLINES)
def test_the_line_a_phones_mail_program_adds_is_left_out(tmp_path: Path, tagline: str) -> None:
    body = f"Rent strike at number 12\n\n{ARTICLE}\n\nIn solidarity,\nMarta\n\n{tagline}\n"
    text = imported_text(tmp_path, body)
    assert tagline not in text and "Marta" in text


def test_a_closing_line_that_only_starts_like_a_tagline_stays(tmp_path: Path) -> None:
    body = f"Solidarity from Gaza\n\n{ARTICLE}\n\nSent from Gaza with love\n"
    assert "Sent from Gaza with love" in imported_text(tmp_path, body, "Solidarity")


def test_a_double_dash_between_paragraphs_of_the_text_is_no_signature(tmp_path: Path) -> None:
    body = (
        "Two meetings this week\n\nThe first is on Tuesday at the hall, for every member"
        " of the branch who works nights.\n\n--\n\nThe second is on Thursday at the"
        " library, for the committee and anyone who wants to stand for it in the spring,"
        " with the budget on the agenda.\n"
    )
    assert "The second is on Thursday" in imported_text(tmp_path, body, "Meetings")


def test_an_email_wrapped_at_the_hyphens_of_compound_words_keeps_them_whole(
    tmp_path: Path,
) -> None:
    """Mail programs wrap at spaces and hyphens, and never hyphenate a word: a line that
    ends in one ends inside a compound ("front-line"), however many do."""
    body = (
        "The council's so-called efficiency plan is a long-term attack on front-\n"
        "line services. Our members have voted for a full-scale campaign against the cost-\n"
        "cutting and for a pay rise in line with inflation, not the one-\n"
        "off payment on offer.\n"
    )
    sent = {"From": "Rosa Marin <rosa@example.org>", "Subject": "Statement on the cuts"}
    (doc,) = import_one(tmp_path, message(sent, body), "cuts.eml")
    (paragraph,) = texts(doc, "//p")
    assert "on front-line services" in paragraph and "the cost-cutting and" in paragraph
    assert "not the one-off payment" in paragraph


MOTION = (
    "The branch met on Tuesday and voted to keep the picket at the gate, where it has stood"
    " since the first week of the long-running dispute. Read the full motion at"
    " https://union.example.org/branch-motions/2026/keep-the-picket-at-the-gate-until-the-council-answers"
    " and sign the petition; the well-known speaker from the docks spoke on the anti-union"
    " laws and the twenty-four-hour stoppage."
)


@pytest.mark.parametrize("columns", [62, 72, 76])
def test_text_wrapped_at_hyphens_keeps_its_compounds_and_web_addresses_whole(
    tmp_path: Path, columns: int
) -> None:
    """Pasted from a mail or a list's digest, wrapped as wrappers do (Python's textwrap
    here) at spaces and at hyphens: "…/keep-the-picket-" / "at-the-gate-…" was joined
    with a space, and the link led to half its address; with "long-" / "running" above
    it, the two breaks were read as a PDF's hyphenation ("longrunning")."""
    text = "Strike news\n\n" + textwrap.fill(MOTION, columns) + "\n"
    assert any(line.endswith("-") for line in text.splitlines())  # wrapped at a hyphen

    (doc,) = import_one(tmp_path, text)

    assert texts(doc, "//p") == [MOTION]
    (address,) = re.findall(r"https://\S+", MOTION)
    assert html_of(doc).xpath("//a/@href") == [address]


COUNCIL_REPLY = (
    "We have received your letter and will consider the points you raise at the next"
    " meeting of the committee, in April.",
    "We regret any inconvenience.",
)


def test_a_passage_quoted_as_mail_quotes_is_one_quotation_of_its_paragraphs(
    tmp_path: Path,
) -> None:
    """ "> " before each line, ">" alone between paragraphs, as a reply quotes: the marks
    were printed ("> We have received…") in every output."""
    quoted = "\n>\n".join(
        textwrap.fill(paragraph, 72, initial_indent="> ", subsequent_indent="> ")
        for paragraph in COUNCIL_REPLY
    )
    text = (
        f"Statement on the ballot\n\n{LONG}\n\nThe council's answer came on Friday:\n\n"
        f"{quoted}\n\nWe will not wait until April. >50% of members voted to strike.\n"
    )

    (doc,) = import_one(tmp_path, text)

    assert texts(doc, "//blockquote/p") == list(COUNCIL_REPLY)
    assert (
        texts(doc, "/div/p")[-1] == "We will not wait until April. >50% of members voted to strike."
    )
    assert ">" not in " ".join(texts(doc, "//blockquote"))


def test_a_short_quoted_line_is_quoted_not_taken_for_the_title(tmp_path: Path) -> None:
    (doc,) = import_one(tmp_path, f"> Not one eviction more\n\n{LONG}\n\n{LONG}\n")

    assert doc.title != "Not one eviction more"
    assert texts(doc, "//blockquote/p") == ["Not one eviction more"]


def test_a_spanish_forward_without_a_title_line_takes_the_subject_and_sender(
    tmp_path: Path,
) -> None:
    body = (
        "Os lo reenvío.\n\n---------- Mensaje reenviado ---------\n"
        "De: Red de Trabajadores Portuarios <red@example.org>\n"
        "Fecha: mié, 11 mar 2026 a las 18:02\nAsunto: RV: Comunicado sobre la huelga\n"
        "Para: Ana <ana@example.org>\n\n\n"
        "Las limpiadoras del hospital llevan seis semanas de huelga y pedimos a todas las "
        "afiliadas que se sumen al piquete del viernes.\n"
    )
    sent = {"From": "Ana <ana@example.org>", "Subject": "RV: Comunicado sobre la huelga"}
    (doc,) = import_one(tmp_path, message(sent, body), "comunicado.eml")
    assert doc.title == "Comunicado sobre la huelga"
    assert doc.authors == ("Red de Trabajadores Portuarios",)
    assert doc.date == dt.date(2026, 3, 11)
    assert texts(doc, "//p") == [body.split("\n\n\n")[1].strip()]


OUTLOOK_FORWARD = """Hi all, please include this in the next bulletin if there's room. Thanks, Maria

Maria Lopez | Branch Secretary | 0161 555 0199
{rule}
From: Calle Mayor Tenants Association <info@callemayor.example.org>
Sent: Monday, November 23, 2026 6:02 PM
To: Maria Lopez <maria@branch.example.org>
Subject: Statement on the Calle Mayor evictions

Statement on the Calle Mayor evictions

On Monday morning, bailiffs arrived at number 14 with a court order to evict the Ramirez
family, who have lived in the building for twenty-two years.

We call on the council to use its powers to buy the building.

Calle Mayor Tenants Association
"""


def assert_the_calle_mayor_statement(doc: Document) -> None:
    assert doc.title == "Statement on the Calle Mayor evictions"
    assert doc.authors == ("Calle Mayor Tenants Association",)
    assert doc.date == dt.date(2026, 11, 23)
    paragraphs = texts(doc, "//p")
    assert paragraphs[0].startswith("On Monday morning") and "buy the building" in paragraphs[1]
    assert "Hi all" not in doc.body_html and "0161" not in doc.body_html
    assert "Sent:" not in doc.body_html


@pytest.mark.parametrize("rule", ["________________________________", ""])
def test_a_statement_forwarded_from_outlook_is_the_forwarded_text(
    tmp_path: Path, rule: str
) -> None:
    """Outlook heads what it forwards with its headers under a rule (or, in the new
    Outlook, a blank line), no "Forwarded message": the subject says it is a forward."""
    sent = {"From": "Maria Lopez <maria@branch.example.org>", "To": "bulletin@example.org"}
    sent |= {"Subject": "FW: Statement on the Calle Mayor evictions"}
    sent["Date"] = "Tue, 24 Nov 2026 09:14:00 +0000"
    body = OUTLOOK_FORWARD.format(rule=rule)
    (doc,) = import_one(tmp_path, message(sent, body), "statement.eml")
    assert_the_calle_mayor_statement(doc)


OUTLOOK_HEADERS = {
    "es": ("De:", "Enviado el: lunes, 23 de noviembre de 2026 18:02", "Para:", "Asunto:"),
    "fr": ("De :", "Envoyé : lundi 23 novembre 2026 18:02", "À :", "Objet :"),
}


@pytest.mark.parametrize("rule", ["________________________________", ""])
@pytest.mark.parametrize("language", OUTLOOK_HEADERS)
def test_an_outlook_forward_in_spanish_or_french_is_the_forwarded_text(
    tmp_path: Path, language: str, rule: str
) -> None:
    """Spanish Outlook writes "Enviado el:", French a space before each colon."""
    sender, sent, to, subject = OUTLOOK_HEADERS[language]
    body = (
        OUTLOOK_FORWARD.format(rule=rule)
        .replace("From:", sender)
        .replace("Sent: Monday, November 23, 2026 6:02 PM", sent)
        .replace("To:", to)
        .replace("Subject:", subject)
    )
    tag = {"es": "RV", "fr": "TR"}[language]
    headers = {"From": "Maria Lopez <maria@branch.example.org>"}
    headers["Subject"] = f"{tag}: Statement on the Calle Mayor evictions"
    (doc,) = import_one(tmp_path, message(headers, body), "statement.eml")
    assert_the_calle_mayor_statement(doc)


def test_a_forward_of_a_forward_is_the_first_message(tmp_path: Path) -> None:
    body = (
        "For the bulletin?\n\n---------- Forwarded message ---------\n"
        "From: Maria Lopez <maria@branch.example.org>\nDate: Tue, 24 Nov 2026 at 09:14\n"
        "Subject: Fwd: Statement on the Calle Mayor evictions\nTo: Ana <ana@example.org>\n\n"
        "Can the bulletin carry this? It came in last night.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Calle Mayor Tenants Association <info@callemayor.example.org>\n"
        "Date: Mon, 23 Nov 2026 at 18:02\nSubject: Statement on the Calle Mayor evictions\n"
        "To: Maria Lopez <maria@branch.example.org>\n\n"
        + OUTLOOK_FORWARD.split("Subject: Statement on the Calle Mayor evictions\n\n")[1]
    )
    sent = {"From": "Ana <ana@example.org>", "Subject": "Fwd: Fwd: Statement on the evictions"}
    (doc,) = import_one(tmp_path, message(sent, body), "statement.eml")
    assert_the_calle_mayor_statement(doc)
    assert "Can the bulletin" not in doc.body_html and "Forwarded" not in doc.body_html


# A forward as Outlook saves it as text (File > Save As > Text Only), headers tab-separated,
# the sender by name alone when the address book knows her
SAVED_FROM_OUTLOOK = (
    "From:\tMaria Lopez\nSent:\tTuesday, November 24, 2026 9:14 AM\n"
    "To:\tBulletin\nSubject:\tFW: Statement on the Calle Mayor evictions\n\n"
)
SAVED_DIRECT_FROM_OUTLOOK = (
    "From:\tCalle Mayor Tenants Association\nSent:\tMonday, November 23, 2026 6:02 PM\n"
    "To:\tMaria Lopez\nSubject:\tStatement on the Calle Mayor evictions\nImportance:\tHigh\n\n"
)
# A message as Apple Mail or Thunderbird saves it as plain text, or as copied out of one
SAVED_FROM_MAIL = (
    "Subject: Statement on the Calle Mayor evictions\n"
    "From: Calle Mayor Tenants Association <info@callemayor.example.org>\n"
    "Date: 23 November 2026 at 18:02:11 GMT\nTo: Maria Lopez <maria@branch.example.org>\n\n"
)


@pytest.mark.parametrize(
    "saved",
    [
        SAVED_FROM_OUTLOOK + OUTLOOK_FORWARD.format(rule="_" * 32),
        SAVED_DIRECT_FROM_OUTLOOK + OUTLOOK_FORWARD.split("evictions\n\n", 1)[1],
        SAVED_FROM_MAIL + OUTLOOK_FORWARD.split("evictions\n\n", 1)[1],
    ],
    ids=["outlook-forward", "outlook", "mail"],
)
def test_a_message_saved_or_copied_as_text_is_read_as_the_message(
    tmp_path: Path, saved: str
) -> None:
    (doc,) = import_one(tmp_path, saved, "statement.txt")
    assert_the_calle_mayor_statement(doc)
    assert "Subject" not in doc.body_html and "Importance" not in doc.body_html


def test_a_saved_message_that_came_with_a_file_says_to_import_it(tmp_path: Path) -> None:
    """Saved as text, a message loses what was attached, often the statement itself."""
    saved = SAVED_DIRECT_FROM_OUTLOOK.replace("\n\n", "\nAttachments:\tStatement final.docx\n\n")
    saved += "Please find attached our statement on the evictions, for the bulletin.\n"
    source = tmp_path / "covering-note.txt"
    source.write_text(saved)
    (row,) = import_files([source], tmp_path / "documents").documents
    assert any("Statement final.docx: import the file too" in doubt for doubt in row.draft.unsure)


def test_a_memo_typed_with_from_and_date_lines_keeps_them(tmp_path: Path) -> None:
    """A memo's headers name no address, nor Outlook's "Sent:": they are its text."""
    memo = (
        "From: The branch secretary\nTo: All members\nDate: 20 November 2026\n"
        "Subject: The ballot\n\nThe ballot on the pay offer opens on Monday and closes at"
        " noon on Friday; every member can vote at the hall or by post.\n"
    )
    (doc,) = import_one(tmp_path, memo, "memo.txt")
    shown = " ".join(texts(doc, "//p"))
    assert "All members" in shown and "The ballot on the pay offer opens" in shown


def test_an_html_message_loses_its_signature_and_the_reply_it_quotes(tmp_path: Path) -> None:
    html = (
        "<p>Rent strike at number 12</p><p>" + ARTICLE + "</p><p>Marta Gil</p>"
        "<p>-- <br>Marta Gil<br>Tenants' Union, 555 0100</p>"
    )
    sent = {"From": "Marta Gil <marta@example.org>", "Subject": "For the bulletin"}
    sent["Date"] = "Fri, 13 Mar 2026 10:00:00 +0100"
    (doc,) = import_one(tmp_path, message(sent, html, "html"), "rent.eml")
    assert doc.title == "Rent strike at number 12"
    assert doc.authors == ("Marta Gil",)
    assert doc.date == dt.date(2026, 3, 13)
    assert "555 0100" not in doc.body_html


# An HTML-only message as Outlook sends it: a page title, a style sheet (not every mail
# program hides it in an HTML comment), the statement in bold, a list and a signature.
OUTLOOK_HTML = """<html><head><meta charset="utf-8"><title>Statement</title>
<style>p.MsoNormal, li.MsoNormal {margin:0cm; font-family:"Calibri",sans-serif;}</style>
</head><body lang="EN-GB"><div class="WordSection1">
<p class="MsoNormal"><b>Cleaners walk out at the Royal Infirmary</b></p>
<p class="MsoNormal">Cleaners at the hospital walked out this morning over wages.</p>
<ul><li class="MsoNormal">Back pay for March</li><li class="MsoNormal">Sick pay</li></ul>
<p class="MsoNormal">In solidarity,<br>Maria Lopez</p></div></body></html>"""


def test_an_html_message_is_read_without_its_page_title_and_style_sheet(
    tmp_path: Path,
) -> None:
    """Its lists stay lists, and its own first line, not the page's <title>, is the title."""
    sent = {"From": "Maria Lopez <maria@example.org>", "Subject": "Statement on the strike"}
    (doc,) = import_one(tmp_path, message(sent, OUTLOOK_HTML, "html"), "statement.eml")
    assert doc.title == "Cleaners walk out at the Royal Infirmary"
    assert "MsoNormal" not in doc.body_html and "Calibri" not in doc.body_html
    assert texts(doc, "//li") == ["Back pay for March", "Sick pay"]
    assert texts(doc, "//p")[0].startswith("Cleaners at the hospital walked out")


def test_an_html_messages_wingdings_smiley_is_imported_as_the_smiley(tmp_path: Path) -> None:
    """Outlook types ":)" as "J" in Wingdings; without the font it read "Thanks J"."""
    html = OUTLOOK_HTML.replace(
        "over wages.</p>",
        "over wages. Thanks for the support <span style='font-family:Wingdings;"
        "mso-char-type:symbol;mso-symbol-font-family:Wingdings'>J</span></p>",
    )
    sent = {"From": "Maria Lopez <maria@example.org>", "Subject": "Statement on the strike"}
    (doc,) = import_one(tmp_path, message(sent, html, "html"), "statement.eml")
    assert texts(doc, "//p")[0].endswith("over wages. Thanks for the support \u263a")


def test_an_html_reply_loses_the_message_it_quotes(tmp_path: Path) -> None:
    """As Gmail quotes: the "wrote:" line, then the message in a blockquote."""
    html = (
        "<div dir='ltr'><div>Rent strike at number 12</div><div><br></div><div>"
        + ARTICLE
        + "</div></div><div class='gmail_quote'><div class='gmail_attr'>On Mon, 9 Mar 2026"
        " at 09:15, Ana Torres &lt;ana@example.org&gt; wrote:<br></div>"
        "<blockquote class='gmail_quote'><div>Can you send us the statement by Friday?</div>"
        "<div>Ana</div></blockquote></div>"
    )
    sent = {"From": "Marta Gil <marta@example.org>", "Subject": "Re: the statement"}
    (doc,) = import_one(tmp_path, message(sent, html, "html"), "reply.eml")
    assert doc.title == "Rent strike at number 12"
    assert "by Friday" not in doc.body_html and "wrote:" not in doc.body_html
    assert texts(doc, "//p") == [ARTICLE]


def test_an_html_message_laid_out_in_tables_is_read_as_its_paragraphs(tmp_path: Path) -> None:
    """As newsletters and mail programs lay out HTML mail: centred tables in tables."""
    html = (
        "<table width='100%'><tr><td align='center'><table width='600'><tr><td>"
        f"<h1>Rent strike at number 12</h1><p>{ARTICLE}</p></td></tr>"
        "<tr><td><p>Tenants' Union</p></td></tr></table></td></tr></table>"
    )
    sent = {"From": "Marta Gil <marta@example.org>", "Subject": "For the bulletin"}
    (doc,) = import_one(tmp_path, message(sent, html, "html"), "newsletter.eml")
    assert doc.title == "Rent strike at number 12"
    assert texts(doc, "//p")[0] == ARTICLE
    assert (
        "+---" not in doc.body_html and "| " not in doc.body_html and "<table" not in doc.body_html
    )


# A link as Outlook sends it to a reader whose company scans mail: through Safe Links
SAFE_LINK = (
    "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Fbackpay"
    "&amp;data=05%7C01%7Cmaria%40example.org&amp;reserved=0"
)


def test_an_html_messages_links_keep_their_addresses(tmp_path: Path) -> None:
    """pandoc's plain text kept a link's words and lost where it led ("See our site now.");
    a Safe Link leads to its own address."""
    html = OUTLOOK_HTML.replace(
        "over wages.</p>",
        'over wages. See <a href="https://example.org/x">our site</a> now, and the <a'
        f' href="{SAFE_LINK}"><span style="color:#0563C1">back pay story</span></a>.</p>',
    )
    sent = {"From": "Maria Lopez <maria@example.org>", "Subject": "Statement on the strike"}
    (doc,) = import_one(tmp_path, message(sent, html, "html"), "statement.eml")
    links = [(a.get("href"), a.text_content()) for a in html_of(doc).iter("a")]
    assert links == [
        ("https://example.org/x", "our site"),
        ("https://example.org/backpay", "back pay story"),
    ]
    assert texts(doc, "//p")[0].endswith("See our site now, and the back pay story.")
    written = (tmp_path / "documents" / "cleaners-walk-out-at-the-royal-infirmary.md").read_text()
    assert "[back pay story](https://example.org/backpay)" in written


def test_outlooks_plain_text_links_keep_their_addresses(tmp_path: Path) -> None:
    """Outlook's plain text (a message's text part, Save As > Text Only, a copy) writes a
    link as its words with the address in angle brackets right after them, from where
    the words start unmarked: the address is kept beside them, a Safe Link as its own
    address, and an address written twice is written once."""
    text = (
        "Depot workers win back pay\r\n\r\nDrivers at the North depot won their back pay"
        " this week after a six-week dispute.\r\n\r\nMore at our site<"
        + SAFE_LINK.replace("&amp;", "&")
        + ">.\r\nWrite to maria@example.org<mailto:maria@example.org> or see"
        " https://example.org/rota<https://example.org/rota> now.\r\n"
    )
    (doc,) = import_one(tmp_path, text, "pasted.txt")
    links = [(a.get("href"), a.text_content()) for a in html_of(doc).iter("a")]
    assert links == [
        ("https://example.org/backpay", "https://example.org/backpay"),
        ("mailto:maria@example.org", "maria@example.org"),
        ("https://example.org/rota", "https://example.org/rota"),
    ]
    assert texts(doc, "//p")[1:] == [
        "More at our site (https://example.org/backpay).",
        "Write to maria@example.org or see https://example.org/rota now.",
    ]


def test_a_word_hundreds_of_thousands_of_characters_long_is_read_in_time_linear_in_it() -> None:
    """A picture pasted as its base64 text, a line of '>' quoting marks, a page's HTML pasted
    on one line: looking for an Outlook link's words before a '<' from every character of
    it took 56 s at 100,000 characters and four times as long at twice as many. Bounded at
    20 s (each takes about one), with links after it and two in one word still written."""
    finishes_within(
        20,
        "from publisher.importers.plaintext import recover",
        "for pasted in ('iVBORw0KGgo' * 40_000, '>' * 400_000, '<b>x</b>' * 50_000):",
        "    text = f'Photos\\n\\n{pasted}\\n\\nSee our site<https://example.org/m>.\\n'",
        "    (draft,) = recover(text)",
        "    assert 'our site (https://example.org/m)' in draft.body_html, draft.body_html[-300:]",
        "(draft,) = recover('Title\\n\\nSee x<https://e.org/a>y<https://e.org/b> now.\\n')",
        "assert 'x (https://e.org/a)y (https://e.org/b) now' in draft.body_html, draft.body_html",
    )


def word_list_item(level: int, mark: str, font: str, words: str) -> str:
    """A list paragraph as Outlook (Word) writes it in HTML mail: its bullet typed out in
    a span Word ignores when it reads the page back, spaced with non-breaking spaces."""
    return (
        f"<p class=MsoListParagraph style='margin-left:{36 * level}.0pt;text-indent:-18.0pt;"
        f"mso-list:l0 level{level} lfo1'><![if !supportLists]><span style='font-family:{font}'>"
        f"<span style='mso-list:Ignore'>{mark}<span style='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>"
        f"{words}<o:p></o:p></p>"
    )


def test_an_html_messages_word_bullets_are_a_nested_list(tmp_path: Path) -> None:
    """The bullet's spacing, read through the Symbol font, came out as "•€€€€€€€€", and a
    second level's "o" as a paragraph starting "o"."""
    items = (
        word_list_item(1, "\u00b7", "Symbol", "Full back pay")
        + word_list_item(2, "o", '"Courier New"', "Paid in March")
        + word_list_item(1, "\u00b7", "Symbol", "A new rota agreed")
    )
    html = OUTLOOK_HTML.replace(
        '<ul><li class="MsoNormal">Back pay for March</li><li class="MsoNormal">Sick pay</li></ul>',
        items,
    )
    sent = {"From": "Maria Lopez <maria@example.org>", "Subject": "Statement on the strike"}
    (doc,) = import_one(tmp_path, message(sent, html, "html"), "statement.eml")
    assert texts(doc, "/div/ul/li") == ["Full back pay Paid in March", "A new rota agreed"]
    assert texts(doc, "/div/ul/li/ul/li") == ["Paid in March"]
    assert "\u20ac" not in doc.body_html


def test_an_html_message_with_no_text_is_named_as_such(tmp_path: Path) -> None:
    source = tmp_path / "blank.eml"
    source.write_bytes(message({"From": "a@example.org", "Subject": "Blank"}, " \n", "html"))
    report = import_files([source], tmp_path / "documents")
    assert not report.documents
    assert [str(p) for p in report.problems] == [f"{source}: this message has no text to import"]


def test_a_short_wrapped_text_is_joined_where_its_sentence_runs_on(tmp_path: Path) -> None:
    """Too few line breaks to tell the width it was wrapped at: a long line whose sentence
    runs on in lower case was wrapped; short lines (an address, a verse) stay as written."""
    text = (
        "Statement on the strike\n\n"
        "The cleaners at the Royal Infirmary have been on strike for six weeks. We\n"
        "thank every union branch that has sent money and messages of support.\n\n"
        "We will not go back for less than the living wage.\n\nStrike Committee\n"
    )
    (doc,) = import_one(tmp_path, text)
    first = html_of(doc).xpath("//p")[0]
    assert "six weeks. We thank every" in texts(doc, "//p")[0] and not first.xpath(".//br")
    address = "Statement on the strike\n\nWrite to us at\nthe Union Hall\nharbour road\n"
    (doc,) = import_one(tmp_path / "2", address)
    assert "<br" in doc.body_html


# A statement forwarded from Gmail with a photo in it: multipart/related, the photo an inline
# part the HTML shows by its Content-ID, the plain text marking its place "[image: …]".
GMAIL_PHOTO_TEXT = """---------- Forwarded message ---------
From: Cleaners' Strike Committee <strike@example.org>
Date: Wed, 11 Mar 2026 at 18:02
Subject: Statement on the Royal Infirmary strike
To: <ana@example.org>


*Statement on the Royal Infirmary strike*

The cleaners at the Royal Infirmary have been on strike for six weeks. We thank every union branch that has sent money and messages of support.

[image: Cleaners on the picket line]

We will not go back for less than the living wage.

Cleaners' Strike Committee
"""
GMAIL_PHOTO_HTML = """<div dir="ltr"><div class="gmail_quote"><div dir="ltr" class="gmail_attr">
---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">
Cleaners' Strike Committee</strong> <span dir="auto">&lt;strike@example.org&gt;</span><br>
Date: Wed, 11 Mar 2026 at 18:02<br>Subject: Statement on the Royal Infirmary strike<br>
To: &lt;ana@example.org&gt;<br></div><br><br>
<div dir="ltr"><p><b>Statement on the Royal Infirmary strike</b></p>
<p>The cleaners at the Royal Infirmary have been on strike for six weeks. We thank every union
branch that has sent money and messages of support.</p>
<p><img src="cid:ii_m7x2k1" alt="Cleaners on the picket line" width="400"></p>
<p>We will not go back for less than the living wage.</p><p>Cleaners' Strike Committee</p>
</div></div></div>"""


def gmail_forward_with_photo(photo: bytes) -> bytes:
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    related, alternative = MIMEMultipart("related"), MIMEMultipart("alternative")
    alternative.attach(MIMEText(GMAIL_PHOTO_TEXT, "plain", "utf-8"))
    alternative.attach(MIMEText(GMAIL_PHOTO_HTML, "html", "utf-8"))
    related.attach(alternative)
    picture = MIMEImage(photo, "png")
    picture.add_header("Content-ID", "<ii_m7x2k1>")
    picture.add_header("Content-Disposition", "inline", filename="image.png")
    related.attach(picture)
    related["From"], related["To"] = "Ana Torres <ana@example.org>", "editors@example.org"
    related["Subject"] = "Fwd: Statement on the Royal Infirmary strike"
    related["Date"] = "Thu, 12 Mar 2026 09:15:00 +0000"
    return related.as_bytes()


def test_a_photo_inside_a_received_email_is_imported_where_it_stood(tmp_path: Path) -> None:
    """The photo is copied beside the document and shown between the paragraphs it stood
    between, with its description; Gmail's "[image: …]" is never printed as text."""
    photo = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(photo, "PNG")
    (doc,) = import_one(tmp_path, gmail_forward_with_photo(photo.getvalue()), "statement.eml")
    assert "[image:" not in doc.body_html and "⟦" not in doc.body_html
    assert texts(doc, "//p")[0].startswith("The cleaners at the Royal Infirmary")
    (image,) = html_of(doc).xpath("//img")
    assert image.get("alt") == "Cleaners on the picket line"
    copied = tmp_path / "documents" / image.get("src")
    assert copied.parent.parent == tmp_path / "documents" / "media"
    assert copied.read_bytes() == photo.getvalue()
    before, after = (
        " ".join(e.xpath("string()").split())
        for e in (image.xpath("preceding::p[1]")[0], image.xpath("following::p[1]")[0])
    )
    assert before.endswith("messages of support.") and after.startswith("We will not go back")


def test_photos_attached_to_an_email_follow_its_text_for_the_editor_to_place(
    tmp_path: Path,
) -> None:
    """ "Photos of the picket attached": a message with its statement typed in and two
    photos attached (no Content-ID, as every mail program attaches a file) lost them."""
    from email.message import EmailMessage

    photos = []
    for colour in ((200, 30, 30), (30, 30, 200)):
        photo = io.BytesIO()
        Image.new("RGB", (40, 30), colour).save(photo, "JPEG")
        photos.append(photo.getvalue())
    sent = EmailMessage()
    sent["From"], sent["Subject"] = "Marta <marta@example.org>", "Picket at the depot"
    sent["Date"] = "Thu, 12 Mar 2026 09:15:00 +0000"
    sent.set_content(f"{ARTICLE}\n\nPhotos of the picket attached.\n")
    for number, photo in enumerate(photos, start=1):
        sent.add_attachment(
            photo, maintype="image", subtype="jpeg", filename=f"IMG_041{number}.JPG"
        )
    (doc,) = import_one(tmp_path, sent.as_bytes(), "picket.eml")
    images = html_of(doc).xpath("//img")
    assert [image.get("alt") for image in images] == [None, None]  # the build asks for each
    copied = [(tmp_path / "documents" / image.get("src")).read_bytes() for image in images]
    assert copied == photos
    assert images[0].xpath("preceding::p[1]")[0].xpath("string()").startswith("Photos of the")


def test_a_pasted_emails_picture_marker_is_left_out_and_named(tmp_path: Path) -> None:
    """Copied as text, the message has only Gmail's mark of where its photo stood."""
    text = GMAIL_PHOTO_TEXT.split("\n\n\n", 1)[1].replace("*", "")
    source = tmp_path / "in" / "pasted.txt"
    source.parent.mkdir(parents=True)
    source.write_text(text)
    report = import_files([source], tmp_path / "documents")
    (row,) = report.documents
    assert "[image:" not in row.path.read_text() and "picket line" not in row.path.read_text()
    assert any("'Cleaners on the picket line'" in doubt for doubt in row.draft.unsure)


def test_a_message_with_the_statement_attached_imports_the_attachment(tmp_path: Path) -> None:
    """'Please find attached our statement': the Word file is the document, the covering
    note is not."""
    from email.message import EmailMessage

    import pypandoc

    source = tmp_path / "src.md"
    source.write_text(f"**Rent strike at number 12**\n\n{ARTICLE}\n\nTenants' Union\n")
    office = tmp_path / "statement.docx"
    pypandoc.convert_file(str(source), "docx", outputfile=str(office))
    sent = EmailMessage()
    sent["From"], sent["Subject"] = "Marta <marta@example.org>", "Our statement"
    sent.set_content("Hello, please find attached our statement for the bulletin.\n\nMarta\n")
    sent.add_attachment(
        office.read_bytes(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="statement.docx",
    )
    (doc,) = import_one(tmp_path / "ws", bytes(sent), "statement.eml")
    assert doc.title == "Rent strike at number 12"
    assert texts(doc, "//p")[0] == ARTICLE
    assert "attached" not in doc.body_html


def test_a_broken_attachment_is_named_with_the_message_it_came_in(tmp_path: Path) -> None:
    """The editor has the message, not the attachment: each broken one is named by the
    message's path and its own name, never by a copy publisher made of it."""
    from email.message import EmailMessage

    sent = EmailMessage()
    sent["From"], sent["Subject"] = "Marta <marta@example.org>", "Our statement"
    sent.set_content("Hello, please find attached our statement and the leaflet.\n")
    word = "vnd.openxmlformats-officedocument.wordprocessingml.document"
    sent.add_attachment(b"PK\x03\x04 cut short", "application", word, filename="statement.docx")
    sent.add_attachment(b"", maintype="application", subtype="pdf", filename="leaflet.pdf")
    source = tmp_path / "statement.eml"
    source.write_bytes(bytes(sent))
    report = import_files([source], tmp_path / "documents")
    assert not report.documents and not (tmp_path / "documents").exists()
    assert [(p.file, p.message.split(":")[0]) for p in report.problems] == [
        (source, "attachment 'statement.docx'"),
        (source, "attachment 'leaflet.pdf'"),
    ]
    shown = CliRunner().invoke(main, ["import", str(source), "--into", str(tmp_path / "d")])
    assert shown.exit_code == 1 and "┏" not in shown.output  # no empty table
    assert "0 document(s) written, 1 file(s) failed" in shown.output


def test_a_statement_copied_from_whatsapp_or_telegram_keeps_its_bold_and_italic(
    tmp_path: Path,
) -> None:
    """*bold*, _italic_ and ~struck~ as the messaging apps mark them; a title wholly in bold
    is the title. A mark inside a word or a link is no mark."""
    text = (
        "*COMUNICADO: Solidaridad con las limpiadoras*\n\n"
        "Las limpiadoras llevan _seis semanas_ de huelga y ~tres~ cuatro piquetes al día. "
        "Ver https://example.org/huelga_limpiadoras_2026 y el fichero acta_final_v2.pdf; "
        "5*3 piquetes.\n\n*¡Un agravio a una es un agravio a todas!*\n"
    )
    (doc,) = import_one(tmp_path, text)
    assert doc.title == "COMUNICADO: Solidaridad con las limpiadoras"
    assert texts(doc, "//em") == ["seis semanas"] and texts(doc, "//del | //s") == ["tres"]
    assert texts(doc, "//strong") == ["¡Un agravio a una es un agravio a todas!"]
    assert html_of(doc).xpath("//a/@href") == ["https://example.org/huelga_limpiadoras_2026"]
    assert "acta_final_v2.pdf" in doc.body_html and "5*3" in texts(doc, "//p")[0]


@pytest.mark.parametrize(
    ("posted", "date"),
    [
        ("12 March at 14:32 ·", dt.date(2026, 3, 12)),
        ("31 December at 09:00 ·", dt.date(2025, 12, 31)),
    ],
)
def test_a_facebook_time_without_a_year_is_the_latest_such_day_and_flagged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, posted: str, date: dt.date
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780272000")  # 1 June 2026
    text = f"Dockside Workers' Network\n{posted}\n\nRent strike at number 12\n\n{ARTICLE}\n"
    source = tmp_path / "post.txt"
    source.write_text(text)
    (row,) = import_files([source], tmp_path / "documents").documents
    assert row.draft.date == date
    assert any("year is a guess" in doubt for doubt in row.draft.unsure)


def test_a_closing_slogan_is_no_author(tmp_path: Path) -> None:
    (doc,) = import_one(tmp_path, f"Rent strike at number 12\n\n{ARTICLE}\n\nSolidarity forever!\n")
    assert doc.authors == ()


PRESS_RELEASE = """PRESS RELEASE
FOR IMMEDIATE RELEASE
23 November 2026

Tenants block eviction on Calle Mayor

Neighbours prevented the eviction of the Ramirez family from number 14 Calle Mayor on
Monday morning, when more than sixty people filled the stairs before the bailiffs came.

The eviction has been postponed until January.

ENDS

Notes to editors
1. The Calle Mayor Tenants Association represents 120 households.
2. Photos of Monday's action are available on request.

Media contact: Maria Lopez, 0161 555 0199
"""

NOTA_DE_PRENSA = """NOTA DE PRENSA

Madrid, 23 de noviembre de 2026

Los vecinos frenan un desahucio en la calle Mayor

Más de sesenta personas llenaron el lunes la escalera del número 14 de la calle Mayor e
impidieron el desahucio de la familia Ramírez, que vive allí desde hace veintidós años.

-FIN-
"""


def imported_row(tmp_path: Path, text: str) -> Imported:
    source = tmp_path / "release.txt"
    source.write_text(text, encoding="utf-8")
    report = import_files([source], tmp_path / "documents")
    assert not report.problems, report.problems
    (row,) = report.documents
    return row


ARABIC_RELEASE = """بيان صحفي
للنشر الفوري
القاهرة، 23 نوفمبر 2026

عمال الميناء يوقفون الإخلاء

منع أكثر من ستين جارا صباح الاثنين إخلاء عائلة تسكن المبنى منذ اثنين وعشرين عاما.

-انتهى-
"""


# Each language's release and its headline
RELEASES = pytest.mark.parametrize(
    ("text", "title"),
    [
        (PRESS_RELEASE, "Tenants block eviction on Calle Mayor"),
        (NOTA_DE_PRENSA, "Los vecinos frenan un desahucio en la calle Mayor"),
        (ARABIC_RELEASE, "عمال الميناء يوقفون الإخلاء"),
    ],
    ids=["en", "es", "ar"],
)
RELEASE_MARKS = ("RELEASE", "PRENSA", "ENDS", "FIN", "بيان", "للنشر", "انتهى")


@RELEASES
def test_a_press_release_is_its_headline_and_text_without_what_it_says_to_journalists(
    tmp_path: Path, text: str, title: str
) -> None:
    row = imported_row(tmp_path, text)
    (doc,) = import_one(tmp_path / "again", text)
    assert doc.title == title and doc.date == dt.date(2026, 11, 23)
    shown = texts(doc, "//p | //h2 | //li")
    assert not any(mark in line for line in shown for mark in (*RELEASE_MARKS, "2026")), shown
    kept_notes = "Notes to editors" in shown  # what follows the end is kept, and said to be
    assert kept_notes == any("notes for journalists" in doubt for doubt in row.draft.unsure)
    assert kept_notes == (text is PRESS_RELEASE)


@RELEASES
def test_a_press_release_in_documents_reads_as_import_writes_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str, title: str
) -> None:
    """The build titled a pasted release "PRESS RELEASE", its headline the subtitle, and
    printed "ENDS"; a Word or web page release, and `publisher import`, left them out."""
    embargoed = "EMBARGOED UNTIL 00:01 TUESDAY 24 NOVEMBER\n" + text
    with caplog.at_level(logging.WARNING):
        (doc,) = read_or_imported(tmp_path, embargoed, "read")
    assert doc.title == title and doc.date == dt.date(2026, 11, 23) and not doc.subtitle
    shown = texts(doc, "//p | //h2 | //li")
    assert not any(mark in line for line in shown for mark in (*RELEASE_MARKS, "EMBARGO")), shown
    said = [r.getMessage() for r in caplog.records]
    assert any("a press release: left out" in message for message in said), said
    assert any("EMBARGOED UNTIL 00:01 TUESDAY 24 NOVEMBER" in message for message in said), said


def test_an_embargo_is_left_out_and_told_to_the_editor(tmp_path: Path) -> None:
    text = "EMBARGOED UNTIL 00:01 TUESDAY 24 NOVEMBER\n" + PRESS_RELEASE
    row = imported_row(tmp_path, text)
    assert "EMBARGOED" not in row.path.read_text(encoding="utf-8")
    assert any("EMBARGOED UNTIL 00:01 TUESDAY 24 NOVEMBER" in d for d in row.draft.unsure)


RELEASE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Dockers vote to strike | Dockside Workers Network</title>
<meta property="article:published_time" content="2026-11-24T00:01:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article>
<p><strong>PRESS RELEASE</strong></p><p><strong>EMBARGOED UNTIL 00:01 24 NOVEMBER</strong></p>
<p>Eastharbour, 23 November 2026</p>
<h1>Dockers vote by 94% to strike over pay</h1>
<p>Members of the Dockside Workers Network at the container terminal have voted by 94% on
a turnout of 81% to take strike action over a pay offer worth less than inflation.</p>
<p>"Nobody takes this step lightly," said branch secretary Karim Haddad. "But the company
made record profits while our pay fell behind prices for the third year running."</p>
<p>ENDS</p><p><strong>Notes to editors</strong></p>
<p>Media contact: Karim Haddad, 07700 900123, press@dockside.example</p>
</article></main><footer>Dockside Workers Network</footer></body></html>"""


def test_a_press_release_saved_as_a_web_page_is_its_headline_and_text(tmp_path: Path) -> None:
    """Copied off the organisation's news page: the labels over the headline, the date
    line and "ENDS" are for journalists, as in a pasted one; the embargo is told. Its date
    is the one the release gives, not the day the site put it up."""
    source = tmp_path / "release.html"
    source.write_text(RELEASE_PAGE, encoding="utf-8")
    report = import_files([source], tmp_path / "documents")
    (row,) = report.documents
    doc = read_document(row.path, row.path.stem, tmp_path / "documents", "en")
    assert doc.title == "Dockers vote by 94% to strike over pay"
    assert doc.date == dt.date(2026, 11, 23)
    written = row.path.read_text(encoding="utf-8")
    for mark in ("PRESS RELEASE", "EMBARGOED", "Eastharbour, 23", "ENDS"):
        assert mark not in written
    assert texts(doc, "//p")[0].startswith("Members of the Dockside Workers Network")
    assert "Notes to editors" in texts(doc, "//p")[-2]
    unsure = " ".join(row.draft.unsure)
    assert "'EMBARGOED UNTIL 00:01 24 NOVEMBER': publish it only then" in unsure
    assert "notes for journalists" in unsure


RELEASE_TEXT = (
    "Neighbours prevented the eviction of the Ramirez family from number 14 Calle Mayor on"
    " Monday morning, when more than sixty people filled the stairs before the bailiffs came."
)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("release.txt", f"PRESS RELEASE: Tenants block eviction\n\n{RELEASE_TEXT}\n\nENDS\n"),
        ("nota.txt", f"Nota de prensa – Tenants block eviction\n\n{RELEASE_TEXT}\n"),
        ("bracketed.txt", f"[PRESS RELEASE] Tenants block eviction\n\n{RELEASE_TEXT}\n"),
        ("above.txt", f"[Press release]\n\nTenants block eviction\n\n{RELEASE_TEXT}\n"),
        (
            "release.html",
            "<html><head><title>Press Release | Tenants block eviction</title></head><body>"
            "<article><h1>Press Release | Tenants block eviction</h1>"
            f"<p>{RELEASE_TEXT}</p><p>{RELEASE_TEXT}</p></article></body></html>",
        ),
    ],
    ids=["pasted", "spanish label", "in brackets", "in brackets above", "web page"],
)
def test_a_label_given_on_the_headlines_line_is_left_out_of_the_title(
    tmp_path: Path, name: str, content: str
) -> None:
    """ "PRESS RELEASE: Tenants block eviction": the label, and the headline after it."""
    (doc,) = import_one(tmp_path, content, name)
    assert doc.title == "Tenants block eviction"
    assert not any(word in doc.body_html.casefold() for word in ("release", "prensa")), (
        doc.body_html
    )


def test_a_title_that_names_a_press_release_inside_it_stays(tmp_path: Path) -> None:
    title = "Our press release: what the papers left out"
    (doc,) = import_one(tmp_path, f"{title}\n\n{RELEASE_TEXT}\n")
    assert doc.title == title


def test_ends_closes_a_release_that_has_no_label(tmp_path: Path) -> None:
    (doc,) = import_one(tmp_path, PRESS_RELEASE.split("\n\n", 1)[1].replace("ENDS", "-ends-"))
    assert doc.title == "Tenants block eviction on Calle Mayor"
    assert "ends-" not in doc.body_html and "Notes to editors" in doc.body_html


def test_the_end_of_a_story_that_is_no_press_release_stays(tmp_path: Path) -> None:
    story = NOTA_DE_PRENSA.split("\n\n", 2)[2].replace("-FIN-", "FIN")
    (doc,) = import_one(tmp_path, story)
    assert texts(doc, "//p")[-1] == "FIN"


# An HTML message as a newsletter service sends it: a tracking pixel, then a logo on the web
PIXEL_HTML = (
    "<p>Join us at the town hall on Saturday at noon, with your neighbours and your banners.</p>"
    '<p><img src="https://list-manage.example.com/track/open.php?u=1&amp;id=2" width="1"'
    ' height="1" alt=""></p><p>Bring banners.</p>'
    '<img src="https://example.org/logo_big_v2.png?a=1&amp;b=*x*" alt="Union logo"><p>See you.</p>'
    '<img src="https://mailer.example.net/o/abc" style="display:none; width:0; height:0">'
)


def test_an_html_messages_picture_on_the_web_is_kept_and_its_tracking_pixel_left_out(
    tmp_path: Path,
) -> None:
    """pandoc read each <img> as "[alt]": the document printed "[]" and "[Union logo]"."""
    sent = {"From": "Tenants' Union <news@example.org>", "Subject": "Rally on Saturday"}
    sent["Date"] = "Thu, 12 Mar 2026 09:15:00 +0000"
    source = tmp_path / "in" / "pixel.eml"
    source.parent.mkdir(parents=True)
    source.write_bytes(message(sent, PIXEL_HTML, "html"))
    (row,) = import_files([source], tmp_path / "documents").documents
    body = row.path.read_text().split("---\n", 2)[2]
    assert body.split("\n\n") == [
        "\nJoin us at the town hall on Saturday at noon, with your neighbours and your banners.",
        "Bring banners.",
        "![Union logo](https://example.org/logo_big_v2.png?a=1&b=*x*)\\ ",  # no caption
        "See you.\n",
    ]
    assert [doubt for doubt in row.draft.unsure if "https://" in doubt] == [
        "picture 'Union logo' is only on the web (https://example.org/logo_big_v2.png?a=1&b=*x*):"
        " outputs show no picture from the web; save it into documents/ and show it from there"
    ]


def test_hostile_pictures_in_an_html_message_yield_no_script(tmp_path: Path) -> None:
    html = (
        "<p>Join us at the town hall on Saturday at noon, with your neighbours and banners.</p>"
        '<img src="javascript:alert(1)" alt="x"><img src="data:image/svg+xml,<svg onload=alert(2)>">'
        "<img src='https://example.org/a.png\" onerror=\"alert(3)' alt='Crowd\" onload=\"alert(4)'>"
        "<p>See you.</p>"
    )
    sent = {"From": "news@example.org", "Subject": "Rally on Saturday"}
    source = tmp_path / "in" / "hostile.eml"
    source.parent.mkdir(parents=True)
    source.write_bytes(message(sent, html, "html"))
    (row,) = import_files([source], tmp_path / "documents").documents
    text = row.path.read_text()
    assert "See you." in text
    assert "alert" not in text and "javascript" not in text and "data:" not in text


BRACKETED = (
    "Contact\n\nWrite to Ana Ruiz <ana@branch.example.org> with your questions about the"
    " ballot, and see <https://branch.example.org/strike> for the picket rota.\n"
)


@pytest.mark.parametrize("how", ["read", "imported"])
def test_addresses_in_angle_brackets_in_a_plain_text_are_links_never_taken_out(
    tmp_path: Path, how: str
) -> None:
    """ "Ana Ruiz <ana@…>", "see <https://…>", as mail and plain text set an address apart:
    the sanitiser took each for a tag and left it out ("Write to Ana Ruiz with your
    questions"); `publisher import` kept the link but not the mail address."""
    (doc,) = read_or_imported(tmp_path, BRACKETED, how)
    body = html_of(doc)
    assert {a.get("href"): a.text_content() for a in body.iter("a")} == {
        "mailto:ana@branch.example.org": "ana@branch.example.org",
        "https://branch.example.org/strike": "https://branch.example.org/strike",
    }
    assert "Write to Ana Ruiz ana@branch.example.org with your" in body.text_content()


MEMOS = {
    "english": (
        "To: All members\nFrom: Branch secretary\nDate: 3 March 2026\n"
        "Subject: Strike ballot opens Monday\n\n",
        "Strike ballot opens Monday",
        dt.date(2026, 3, 3),
        ["To: All members", "From: Branch secretary"],
    ),
    "under MEMO": (
        "MEMO\n\nTo: All members\nFrom: Branch secretary\nDate: 3 March 2026\nRe: Strike ballot\n\n",
        "Strike ballot",
        dt.date(2026, 3, 3),
        ["MEMO", "To: All members", "From: Branch secretary"],
    ),
    "spanish": (
        "Para: Todas las afiliadas\nDe: Secretaría de Organización\nFecha: 3 de marzo de 2026\n"
        "Asunto: Convocatoria de huelga\n\n",
        "Convocatoria de huelga",
        dt.date(2026, 3, 3),
        ["Para: Todas las afiliadas", "De: Secretaría de Organización"],
    ),
    "french": (
        "À : tous les adhérents\nDe : le bureau\nObjet : Grève du 12 mars\n\n",
        "Grève du 12 mars",
        None,
        ["À : tous les adhérents", "De : le bureau"],
    ),
    "arabic": (
        "إلى: جميع الأعضاء\nمن: أمين الفرع\nالموضوع: الإضراب يبدأ الاثنين\n\n",
        "الإضراب يبدأ الاثنين",
        None,
        ["إلى: جميع الأعضاء", "من: أمين الفرع"],
    ),
    "farsi": (
        "به: همه اعضا\nاز: دبیر شاخه\nموضوع: اعتصاب از دوشنبه\n\n",
        "اعتصاب از دوشنبه",
        None,
        ["به: همه اعضا", "از: دبیر شاخه"],
    ),
    "subject alone": (
        "Subject: Strike ballot opens Monday\n\n",
        "Strike ballot opens Monday",
        None,
        [],
    ),
    "forwarded from Gmail": (
        "---------- Forwarded message ---------\nFrom: Ana Ruiz\n"
        "Date: Mon, 2 Mar 2026 at 10:14\nSubject: Picket rota\nTo: Branch committee\n\n",
        "Picket rota",
        dt.date(2026, 3, 2),
        [],  # a mail's head: its sender is the author, and whom it went to no text
    ),
    "forwarded from Outlook": (
        "From: Ana Ruiz\nSent: Monday, March 2, 2026 10:14 AM\nTo: Branch committee\n"
        "Subject: RE: FW: Picket rota\n\n",
        "Picket rota",
        dt.date(2026, 3, 2),
        [],
    ),
    "forwarded from Apple Mail": (  # a blank line under the forward's line
        "Begin forwarded message:\n\nFrom: Ana Ruiz <ana@example.org>\nSubject: Picket rota\n"
        "Date: 2 March 2026 at 10:14:10 GMT\nTo: Branch committee <committee@example.org>\n\n",
        "Picket rota",
        dt.date(2026, 3, 2),
        [],
    ),
    "forwarded from Thunderbird": (  # its labels and values apart by tabs
        "-------- Forwarded Message --------\nSubject: \tPicket rota\n"
        "Date: \tMon, 2 Mar 2026 10:14:10 +0000\nFrom: \tAna Ruiz <ana@example.org>\n"
        "To: \tBranch committee <committee@example.org>\n\n\n\n",
        "Picket rota",
        dt.date(2026, 3, 2),
        [],
    ),
    "forwarded from Thunderbird in French": (  # "Sujet :", "Pour :"
        "-------- Message transféré --------\nSujet : \tPicket rota\n"
        "Date : \tMon, 2 Mar 2026 10:14:10 +0100\nDe : \tAna Ruiz <ana@example.org>\n"
        "Pour : \tBranch committee <committee@example.org>\n\n\n\n",
        "Picket rota",
        dt.date(2026, 3, 2),
        [],
    ),
    "forwarded from Outlook in German": (  # its date in a language the dates are not read in
        "Von: Ana Ruiz <ana@example.org>\nGesendet: Montag, 2. März 2026 10:14\n"
        "An: Vorstand <committee@example.org>\nBetreff: WG: Picket rota\n\n",
        "Picket rota",
        None,
        [],
    ),
    "forwarded from Outlook in Portuguese": (
        "De: Ana Ruiz <ana@example.org>\nEnviada: segunda-feira, 2 de março de 2026 10:14\n"
        "Para: Direção <committee@example.org>\nAssunto: ENC: Picket rota\n\n",
        "Picket rota",
        None,
        [],
    ),
    "typed with tabs": (
        "TO:\t\tAll members\nFROM:\t\tBranch secretary\nDATE:\t\t2 March 2026\n"
        "RE:\t\tStrike ballot opens Monday\n\n",
        "Strike ballot opens Monday",
        dt.date(2026, 3, 2),
        ["TO: All members", "FROM: Branch secretary"],
    ),
}
MEMO_TEXT = "The ballot opens on Monday. Every member should vote, and we urge you to vote yes."


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("kind", list(MEMOS))
def test_a_memos_head_gives_its_title_and_date_and_keeps_whom_it_is_to_and_from(
    tmp_path: Path, kind: str, how: str
) -> None:
    """ "To: / From: / Date: / Subject:" opening a circular, as unions type them, or a
    forwarded mail pasted: its lines were the title, run together ("To: All members From:
    Branch secretary Date: …")."""
    head, title, date, kept = MEMOS[kind]
    text = f"{head}{MEMO_TEXT}\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    if kind.startswith("forwarded"):  # a mail's, as `mailmessage` reads one
        assert doc.authors == ("Ana Ruiz",)
    assert doc.title == title
    assert doc.date == date
    lines = [" ".join(line.split()) for line in html_of(doc).xpath(".//text()") if line.strip()]
    assert lines == [*kept, MEMO_TEXT]


FORWARD_WITH_ADDRESSES = """---------- Forwarded message ---------
From: Ana Ruiz <ana.ruiz@example.org>
Date: Tue, 3 Mar 2026 at 10:14
Subject: Strike ballot result
To: Branch committee <committee@example.org>, Luis Gil <luis@example.org>
Cc: Marta <marta@example.org>


Dear all,

The ballot closed yesterday: 87% voted yes on a 64% turnout.

In solidarity,
Ana
--
Ana Ruiz
Branch Secretary
07700 900123
"""


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("note", ["", "Hi all, can we run this in the next issue?\n\nLuis\n\n"])
def test_a_forwarded_mail_pasted_publishes_no_address_nor_signature(
    tmp_path: Path, how: str, note: str
) -> None:
    """Its From, To and Cc lines were printed, every reader's address with them, and the
    sender's telephone under "--", and the forwarder's note over it was the title: the
    same mail saved as .eml left them out."""
    (doc,) = read_or_imported(tmp_path, note + FORWARD_WITH_ADDRESSES, how)
    shown = " ".join(html_of(doc).xpath(".//text()"))
    assert "Hi all" not in shown and "Luis" not in shown
    assert doc.title == "Strike ballot result"
    assert doc.authors == ("Ana Ruiz",)
    assert doc.date == dt.date(2026, 3, 3)
    assert "@" not in doc.body_html and "committee" not in shown and "Marta" not in shown
    assert "07700" not in shown and "Branch Secretary" not in shown
    assert shown.split()[:2] == ["Dear", "all,"] and shown.split()[-2:] == ["solidarity,", "Ana"]


PASTED_REPLY = """From: Ana Ruiz <ana@example.org>
Sent: Tuesday, March 3, 2026 10:14 AM
To: Bulletin <bulletin@example.org>
Subject: RE: Statement on the depot

Forty jobs are at risk at the Northside depot. The branch will fight every one of them.

The Branch
{between}On Mon, 2 Mar 2026 at 09:00, Bulletin <bulletin@example.org> wrote:
> Could you send us the statement by Monday?
>
> Thanks
"""


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("between", ["\n", ""])
def test_a_reply_pasted_publishes_not_the_message_it_quotes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, how: str, between: str
) -> None:
    """The bulletin's own request, quoted under the reply, was printed under the
    statement, with the bulletin's address."""
    with caplog.at_level(logging.WARNING):
        (doc,) = read_or_imported(tmp_path, PASTED_REPLY.format(between=between), how)
    shown = " ".join(html_of(doc).xpath(".//text()"))
    assert doc.title == "Statement on the depot"
    assert "Forty jobs are at risk" in shown and shown.rstrip().endswith("The Branch")
    assert "wrote" not in shown and "by Monday" not in shown and "@" not in doc.body_html
    assert "earlier mail" not in caplog.text  # left out, it is not published


@pytest.mark.parametrize("how", ["read", "imported"])
def test_an_article_over_a_mail_it_quotes_is_no_forwarders_note(tmp_path: Path, how: str) -> None:
    article = (
        "The ballot result\n\nThe committee met on Tuesday and heard the result of the"
        " ballot on the pay offer. Members asked to see the secretary's message in full, as"
        " it reached the committee, so we print it here as she sent it, with her"
        " permission.\n\nIt came in on Tuesday morning.\n\n"
    )
    (doc,) = read_or_imported(tmp_path, article + FORWARD_WITH_ADDRESSES, how)
    assert doc.title == "The ballot result"
    assert "The committee met on Tuesday" in doc.body_html and "87% voted yes" in doc.body_html


@pytest.mark.parametrize(
    "opening",
    [
        "Q: When does the strike start?\nA: On Monday, at the depot gates.\n\n",
        "Note: the meeting moved.\nSubject: to the vote of the branch.\n\n",  # "Note:": no head
        "To: All members\nFrom: Branch secretary\n\n",  # no subject: no title
    ],
)
def test_lines_of_labels_that_are_no_memos_head_stay_its_text(tmp_path: Path, opening: str) -> None:
    path = tmp_path / "memo.txt"
    path.write_text(f"{opening}{MEMO_TEXT}\n")
    doc = read_document(path, "memo", tmp_path, "en")
    words = " ".join(f"{doc.title} {html_of(doc).text_content()}".split())
    assert all(line in words for line in opening.split("\n") if line)


GOOGLE_DOCS_TEXT = (  # "File → Download → Plain text": a BOM, a paragraph a line
    "\ufeffStrike bulletin\nThe cleaners voted to accept the offer[a] after eleven weeks on"
    " strike, and the branch thanks everyone who stood on the picket lines.\n"
    "The new contract starts in April[b], with the back pay in May.\n\n"
    "[a]Ana Ruiz: check this figure with the regional office before we publish\n"
    "Marta Gil: checked, it is right\n_Assigned to Ana Ruiz_\n[b]April or May?\n"
)


@pytest.mark.parametrize("how", ["read", "imported"])
def test_editors_comments_in_a_google_docs_plain_text_are_never_published(
    tmp_path: Path, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Google Docs writes each comment's letter where it is anchored and the comments, with
    their replies, at the end of the text: the editors' notes to each other were printed in
    every output, "[a]" and all."""
    with caplog.at_level(logging.INFO, logger="publisher"):
        docs = read_or_imported(tmp_path, GOOGLE_DOCS_TEXT, how)
    if how == "read":
        pasted = tmp_path / "pasted.txt"
        assert f"{pasted}: 2 comment(s) left out: they are for the editors" in caplog.messages
    published = " ".join(f"{doc.title} {html_of(doc).text_content()}" for doc in docs)
    published = " ".join(published.split())
    assert "accept the offer after eleven weeks" in published
    assert "starts in April, with the back pay in May." in published
    for unpublished in ("[a]", "[b]", "regional office", "checked", "Assigned", "April or May"):
        assert unpublished not in published


def test_lettered_lines_ending_a_text_that_no_letter_in_it_calls_are_its_text(
    tmp_path: Path,
) -> None:
    """A motion's options, "[a] …", "[b] …", are no comments, though the text names them:
    typed, with a space after each letter; nor are lines the text names none of."""
    path = tmp_path / "motion.txt"
    options = "[a] Accept the offer.\n[b] Reject it and strike.\n"
    path.write_text(f"Motion\n\nThe branch is asked to choose [a] or [b].\n\n{options}")
    doc = read_document(path, "motion", tmp_path, "en")
    text = " ".join(html_of(doc).text_content().split())
    assert "Accept the offer." in text and "Reject it and strike." in text


BYLINES = {
    "by name | date": ("By Ana Ruiz | 3 March 2026\n\n", ("Ana Ruiz",), dt.date(2026, 3, 3)),
    "posted on": ("Posted on March 3, 2026 by Ana Ruiz\n\n", ("Ana Ruiz",), dt.date(2026, 3, 3)),
    "by name, then date": ("By Ana Ruiz\n3 March 2026\n\n", ("Ana Ruiz",), dt.date(2026, 3, 3)),
    "by name": ("By Ana Ruiz\n\n", ("Ana Ruiz",), None),
    "place and date": ("Madrid, 3 de marzo de 2026\n\n", (), dt.date(2026, 3, 3)),
}
BYLINED = "The ballot opens on Monday, and every member should vote in it, the committee says."


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("kind", list(BYLINES))
def test_a_plain_texts_byline_under_its_title_gives_its_author_and_date(
    tmp_path: Path, kind: str, how: str
) -> None:
    """The build read a .txt's byline as a paragraph, its author unsaid (in the article's
    header and its feed entry), where `publisher import` took it as the author."""
    byline, authors, date = BYLINES[kind]
    text = f"Strike ballot opens\n\n{byline}{BYLINED}\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert (doc.title, doc.authors, doc.date) == ("Strike ballot opens", authors, date)
    assert " ".join(html_of(doc).text_content().split()) == BYLINED


def test_a_paragraph_opening_with_by_under_a_plain_texts_title_stays_text(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ballot.txt"
    opening = "By the end of March every member will have voted, the committee says."
    path.write_text(f"Strike ballot opens\n\n{opening}\n\n{BYLINED}\n")
    doc = read_document(path, "ballot", tmp_path, "en")
    assert doc.authors == () and opening in html_of(doc).text_content()


@pytest.mark.parametrize("sent_by", list(MAILING_LIST))
def test_a_received_newsletter_in_a_plain_text_is_read_without_its_mailing_list_lines(
    tmp_path: Path, sent_by: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A .txt in documents/ as `publisher import` reads one: its "view it in your browser"
    line was its title and its footer was published, links to unsubscribe the editor and
    all (the build only warned of them)."""
    language = "es" if sent_by == "es" else "en"
    statement, (over, footer) = STATEMENTS[language], MAILING_LIST[sent_by]
    first, second = statement["paragraphs"]
    path = tmp_path / "newsletter.txt"
    path.write_text(f"{over}\n\n{statement['title']}\n\n{first}\n\n{second}\n\n{footer}")
    with caplog.at_level(logging.INFO, logger="publisher"):
        doc = read_document(path, "newsletter", tmp_path, language)
    assert doc.title == statement["title"]
    assert texts(doc, "/div/p") == statement["paragraphs"]
    assert "a1b2c3" not in doc.body_html and "©" not in doc.body_html
    assert [m for m in caplog.messages if "mailing list's header and footer" in m]


MASTHEADS = {
    "its name and kind": ("en", "Riverside Tenants Union Newsletter"),
    "its name alone": ("en", "Riverside Tenants Union"),
    "in capitals, with its month": ("en", "RIVERSIDE TENANTS UNION | March 2026"),
    "with its number": ("en", "Riverside Tenants Union: Issue 14"),
    "as Outlook forwards it": ("outlook", "Riverside Tenants Union Bulletin"),
    "over Ghost's footer": ("ghost", "Riverside Tenants Union"),
    "over beehiiv's footer": ("beehiiv", "Riverside Tenants Union"),
    "in Spanish": ("es", "Boletín del Sindicato de Inquilinas · marzo 2026"),
}


@pytest.mark.parametrize("masthead", list(MASTHEADS))
@pytest.mark.parametrize("read_by", ["build", "import"])
def test_a_received_newsletters_masthead_is_not_taken_for_the_articles_title(
    tmp_path: Path, masthead: str, read_by: str
) -> None:
    """Pasted or forwarded, a newsletter's text opens with its masthead, the sender's name
    that its footer's copyright line gives, over the article's own title: the masthead
    became the document's title, and the title its first paragraph."""
    sent_by, line = MASTHEADS[masthead]
    language = "es" if sent_by == "es" else "en"
    statement, (over, footer) = STATEMENTS[language], MAILING_LIST[sent_by]
    first, second = statement["paragraphs"]
    text = f"{over}\n\n{line}\n\n{statement['title']}\n\n{first}\n\n{second}\n\n{footer}"
    if read_by == "build":
        path = tmp_path / "newsletter.txt"
        path.write_text(text)
        doc = read_document(path, "newsletter", tmp_path, language)
    else:
        (doc,) = import_one(tmp_path, text)
    assert doc.title == statement["title"]
    assert texts(doc, "/div/p") == statement["paragraphs"]


@pytest.mark.parametrize(
    "opening",
    [
        "Riverside Tenants Union wins its case at the tribunal",  # the sender's own news
        "Why we joined Riverside Tenants Union",
    ],
)
def test_a_title_that_names_the_sender_stays_the_title(tmp_path: Path, opening: str) -> None:
    statement, (over, footer) = STATEMENTS["en"], MAILING_LIST["en"]
    first, second = statement["paragraphs"]
    text = f"{over}\n\n{opening}\n\n{statement['subtitle']}\n\n{first}\n\n{second}\n\n{footer}"
    path = tmp_path / "newsletter.txt"
    path.write_text(text)
    doc = read_document(path, "newsletter", tmp_path, "en")
    assert doc.title == opening


def test_a_newsletters_name_over_a_text_without_its_footer_stays_the_title(
    tmp_path: Path,
) -> None:
    """Without the footer that names the sender, a line such as "Riverside Tenants Union
    Newsletter" may be the document's own title: it stays."""
    statement = STATEMENTS["en"]
    first, second = statement["paragraphs"]
    path = tmp_path / "newsletter.txt"
    path.write_text(
        f"Riverside Tenants Union Newsletter\n\nMarch round-up\n\n{first}\n\n{second}\n"
    )
    doc = read_document(path, "newsletter", tmp_path, "en")
    assert doc.title == "Riverside Tenants Union Newsletter"


@pytest.mark.parametrize(
    "share_bar",
    ["Share\nTweet\nForward", "Share\nTweet\nForward to Friend", "Compartir\nTuitear\nReenviar"],
)
def test_a_newsletters_share_bar_over_its_footer_is_left_out(
    tmp_path: Path, share_bar: str
) -> None:
    """Mailchimp's share block ("Share", "Tweet", "Forward") over its footer was published
    under the article."""
    language = "es" if share_bar.startswith("Compartir") else "en"
    statement, (over, footer) = STATEMENTS[language], MAILING_LIST[language]
    first, second = statement["paragraphs"]
    path = tmp_path / "newsletter.txt"
    path.write_text(
        f"{over}\n\n{statement['title']}\n\n{first}\n\n{second}\n\n{share_bar}\n\n{footer}"
    )
    doc = read_document(path, "newsletter", tmp_path, language)
    assert texts(doc, "/div/p") == statement["paragraphs"]


def test_a_social_posts_buttons_and_hashtags_in_a_plain_text_are_read_as_import_reads_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Its "Like · Comment · Share" line was published, and its hashtags a paragraph; a post
    cut where the platform folded it was published cut, without a word."""
    post = tmp_path / "post.txt"
    post.write_text(
        f"Strike at the depot\n\n{BYLINED}\n\n#HuelgaGeneral #NoALosDespidos\n\n"
        "Like · Comment · Share\n"
    )
    cut = tmp_path / "cut.txt"
    cut.write_text("Strike at the depot\n\nWorkers walked out this morning, and the… See more\n")
    with caplog.at_level(logging.INFO, logger="publisher"):
        doc = read_document(post, "post", tmp_path, "en")
        read_document(cut, "cut", tmp_path, "en")
    assert doc.tags == ("HuelgaGeneral", "NoALosDespidos")
    assert " ".join(html_of(doc).text_content().split()) == BYLINED
    assert (
        f"{cut}: only the post's opening was copied (it ended 'See more'): copy the whole"
        " post from its own page" in caplog.messages
    )


SIGNED = {
    "organisation and date": (
        "Revolutionary Workers Group (RWG), June 28, 2024",
        ("Revolutionary Workers Group (RWG)",),
        dt.date(2024, 6, 28),
    ),
    "closing, name and role": ("In solidarity,\nAna Ruiz\nBranch Secretary", ("Ana Ruiz",), None),
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("kind", list(SIGNED))
def test_a_plain_texts_signature_gives_its_author_and_date_and_stays_its_text(
    tmp_path: Path, kind: str, how: str
) -> None:
    """A statement signed at its end: the build read neither its author nor its date (the
    corpus's statement of June 28, 2024 was dated by its issue), where `publisher import`
    read both."""
    signature, authors, date = SIGNED[kind]
    text = f"Strike ballot opens\n\n{BYLINED}\n\n{signature}\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert (doc.authors, doc.date) == (authors, date)
    shown = " ".join(" ".join(html_of(doc).itertext()).split())
    assert shown.endswith(" ".join(signature.split()))


def test_the_signature_under_posts_copied_into_one_plain_text_is_the_last_posts_alone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "posts.txt"
    path.write_text(
        f"Sunday, February 22, 2026\n\nFirst post\n\n{LONG}\n\n-----\n\n"
        f"Tuesday, February 10, 2026\n\nSecond post\n\n{LONG}\n\nIn solidarity,\nAna Ruiz\n"
    )
    doc = read_document(path, "posts", tmp_path, "en")
    assert doc.authors == ()


FACEBOOK_EVENT = {
    "en": """SAT, MAR 14, 2026 AT 11 AM GMT
Rally for the Royal Infirmary cleaners
Royal Infirmary, Main Gate
Interested
Going
Invite
Details
123 people responded
Event by Cleaners' Strike Committee and Unite Branch 42
Royal Infirmary, Main Gate
Duration: 2 hr
Public · Anyone on or off Facebook
Join us at the main gate to support the cleaners in their sixth week on strike.

Speakers from the branch and the trades council.
""",
    "es": """SÁBADO, 14 DE MARZO DE 2026, 11:00
Concentración con las limpiadoras del hospital
Hospital Clínico, puerta principal
Me interesa
Asistiré
Invitar
Detalles
123 personas respondieron
Evento de Comité de Huelga
Hospital Clínico, puerta principal
Duración: 2 h
Público · Cualquier persona dentro o fuera de Facebook
Ven a la puerta principal a apoyar a las limpiadoras en su sexta semana de huelga.
""",
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("language", list(FACEBOOK_EVENT))
def test_a_facebook_event_copied_whole_tells_when_and_where_without_its_buttons(
    tmp_path: Path, how: str, language: str
) -> None:
    """Its buttons, counts and audience were paragraphs ("Interested", "Going", "123
    people responded", "Public · Anyone on or off Facebook"), its hosts a line of text."""
    (doc,) = read_or_imported(tmp_path, FACEBOOK_EVENT[language], how)
    lines = [" ".join(t.split()) for t in html_of(doc).xpath(".//text()") if t.strip()]
    if language == "en":
        assert doc.title == "Rally for the Royal Infirmary cleaners"
        assert doc.authors == ("Cleaners' Strike Committee", "Unite Branch 42")
        assert lines[:3] == [
            "When: SAT, MAR 14, 2026 AT 11 AM GMT",
            "Where: Royal Infirmary, Main Gate",
            "Duration: 2 hr",
        ]
        assert lines[3].startswith("Join us at the main gate") and len(lines) == 5
    else:
        assert doc.title == "Concentración con las limpiadoras del hospital"
        assert doc.authors == ("Comité de Huelga",)
        assert lines[:3] == [
            "Cuándo: SÁBADO, 14 DE MARZO DE 2026, 11:00",
            "Dónde: Hospital Clínico, puerta principal",
            "Duración: 2 h",
        ]
        assert lines[3].startswith("Ven a la puerta principal") and len(lines) == 4


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_dated_programme_of_short_lines_is_no_facebook_event(tmp_path: Path, how: str) -> None:
    programme = (
        "SAT, MAR 14, 2026\n\nDay school on the strike\n\nTrades Hall\nDetails\nShare\n"
        "10:00 Welcome\n11:00 The strike so far\n\nAll members welcome.\n"
    )
    (doc,) = read_or_imported(tmp_path, programme, how)
    shown = " ".join(html_of(doc).xpath(".//text()"))
    assert doc.title == "Day school on the strike"
    assert "Trades Hall" in shown and "11:00 The strike so far" in shown and "When:" not in shown


LEAFLETS = {
    "en": ("STRIKE RALLY", ["Saturday 14 March, 11am", "Royal Infirmary main gate", "All welcome"]),
    "es": (
        "¡HUELGA EL LUNES!",
        ["Lunes 9 de marzo, 7:00", "Puerta de cocheras", "Trae tu pancarta"],
    ),
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("language", list(LEAFLETS))
def test_a_leaflets_headline_over_when_and_where_is_its_title_and_they_stay(
    tmp_path: Path, how: str, language: str
) -> None:
    """The build ran the four lines together into one title, the time and place with it
    and out of the text; `publisher import` titled it by its file's name."""
    headline, under = LEAFLETS[language]
    text = "\n".join([headline, *under]) + "\n\n" + ARTICLE + "\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert doc.title == headline
    first = html_of(doc).xpath("//p")[0]
    assert [" ".join(t.split()) for t in first.xpath(".//text()") if t.strip()] == under


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_forwarded_mail_from_an_address_alone_loses_its_signature_too(
    tmp_path: Path, how: str
) -> None:
    text = FORWARD_WITH_ADDRESSES.replace("Ana Ruiz <ana.ruiz@example.org>", "ana@example.org")
    (doc,) = read_or_imported(tmp_path, text, how)
    shown = " ".join(html_of(doc).xpath(".//text()"))
    assert doc.title == "Strike ballot result"
    assert "@" not in doc.body_html and "07700" not in shown and "Branch Secretary" not in shown


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        ("Day school on the strike\nSaturday 14 March, Trades Hall\n10:00 Welcome", None),
        ("Leeds Tenants Union\n14 Elm Street\nLeeds LS1 4AB\n3 March 2026", "Pasted"),
        ("Thanks to all who came to Elm Street.\nAna Ruiz\n3 March 2026", "Pasted"),
    ],
    ids=["a programme", "an address", "a note signed and dated"],
)
@pytest.mark.parametrize("how", ["read", "imported"])
def test_lines_opening_a_text_are_never_one_title_run_together(
    tmp_path: Path, opening: str, title: str | None, how: str
) -> None:
    """The build took three or more lines, one under another, as one title ("Day school
    on the strike Saturday 14 March, Trades Hall 10:00 Welcome"), and they were gone from
    the text; `publisher import` titled it by its file's name. The first is the title when
    it can be one, and not a letter's address; the others stay, as written."""
    first, *under = opening.split("\n")
    (doc,) = read_or_imported(tmp_path, f"{opening}\n\n{ARTICLE}\n", how)
    assert doc.title == (title or first)
    kept = under if title is None else [first, *under]
    shown = html_of(doc).xpath("//p")[0].xpath(".//text()")
    assert [" ".join(line.split()) for line in shown if line.strip()] == kept


SIGNER = "Ana Ruiz\nBranch Secretary, Unite Eastharbour\n"
DASHED = {
    "under its closing": f"In solidarity,\n--\n{SIGNER}",
    "a line apart": f"In solidarity,\n\n-- \n{SIGNER}",
    "a paragraph apart": f"In solidarity,\n\n--\n\n{SIGNER}",
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("signed", DASHED.values(), ids=list(DASHED))
def test_a_dash_line_over_a_plain_texts_signature_is_left_out_and_its_signer_is_the_author(
    tmp_path: Path, signed: str, how: str
) -> None:
    """ "--" over the name signing a text, as people type mail's "-- ": it was printed as an
    en dash alone on its line, and the lines under it were read as no signature."""
    (doc,) = read_or_imported(tmp_path, f"Strike ballot opens\n\n{BYLINED}\n\n{signed}", how)
    shown = " ".join(" ".join(html_of(doc).itertext()).split())
    assert doc.authors == ("Ana Ruiz",)
    assert shown.endswith("In solidarity, Ana Ruiz Branch Secretary, Unite Eastharbour")
    assert "–" not in shown and "--" not in shown


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("mark", ["--", "⁂", "❧", "• • •", "◆◆◆", "~~~", "###", "= = =", "▬▬▬▬▬▬"])
def test_a_dash_line_or_ornaments_alone_between_paragraphs_are_a_rule_and_at_the_end_nothing(
    tmp_path: Path, mark: str, how: str
) -> None:
    """As writers part a text's sections: "--" was printed as an en dash alone on its line,
    the ornaments as a paragraph of symbols."""
    text = f"Strike ballot opens\n\n{BYLINED}\n\n{mark}\n\n{ARTICLE}\n\n{mark}\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    body = html_of(doc)
    assert [element.tag for element in body.xpath("//p | //hr")] == ["p", "hr", "p"]
    assert not {"–", *mark} & set(" ".join(body.itertext())) - {" "}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("line", ["•", "#", "+++", "—", "..."])
def test_a_mark_alone_that_is_no_ornament_stays_text(tmp_path: Path, line: str, how: str) -> None:
    """A bullet or a number sign alone, a dash, an ellipsis: what the writer typed, not a
    break that parts sections."""
    text = f"Strike ballot opens\n\n{BYLINED}\n\n{line}\n\n{ARTICLE}\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    paragraphs = [" ".join(p.itertext()) for p in html_of(doc).xpath("//p")]
    assert html_of(doc).xpath("//hr") == []
    assert paragraphs[1] == line.replace("...", "…")  # typeset as every text is


RENT_TEXT = (
    "After six weeks of strikes the landlord agreed to freeze rents for two years.{c1}"
    " The agreement covers all 240 flats in the three buildings.{c2}\n\n"
    "We thank everyone who joined the pickets, and the neighbours who fed them.{c3}\n"
)
RENT_NOTES = [
    "The agreement was signed on 3 March 2026.",
    "See the union's survey of February 2026, which counted every flat.",
    "The Eastside Food Bank and the bakery on Mill Street.",
]
NOTES_AS_PASTED = {
    # Google Docs' "Download → Plain text": its rule, each number with no space after it,
    # under the signature
    "google docs": "Ana Ruiz\nSecretary\n\n________________\n"
    + "\n".join(f"[{n}]{note}" for n, note in enumerate(RENT_NOTES, 1)),
    # a web page's references copied: a heading, a note a paragraph
    "a web page": "Notes\n\n"
    + "\n\n".join(f"[{n}] {note}" for n, note in enumerate(RENT_NOTES, 1)),
    # one note a line, the second wrapped onto the next, under a Spanish heading
    "lines": "NOTAS:\n[1] The agreement was signed on 3 March 2026.\n[2] See the union's survey"
    " of February 2026,\nwhich counted every flat.\n[3] The Eastside Food Bank and the bakery on"
    " Mill Street.",
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("pasted", list(NOTES_AS_PASTED))
@pytest.mark.parametrize("call", ["[{n}]", " [{n}]"], ids=["after the word", "a space before"])
def test_numbered_notes_at_the_end_called_in_the_text_are_its_footnotes(
    tmp_path: Path, how: str, pasted: str, call: str
) -> None:
    """Google Docs writes a footnote as "[1]" where it was called and "[1]…" at the end of
    its plain text, as a web page's references copy: the numbers linked nothing, the notes
    were paragraphs under the signature (or the rule over them parted a second post from
    the text), and print set them at the end rather than at the foot of their pages."""
    calls = {f"c{n}": call.format(n=n) for n in range(1, 4)}
    text = (
        f"Tenants win a rent freeze\n\n{RENT_TEXT.format_map(calls)}\n{NOTES_AS_PASTED[pasted]}\n"
    )
    (doc,) = read_or_imported(tmp_path, text, how)
    body = html_of(doc)
    notes_read = texts(doc, "//section[contains(@class, 'footnotes')]//li")
    assert [note.removesuffix("↩︎") for note in notes_read] == RENT_NOTES
    calls_made = body.xpath("//a[contains(@class, 'footnote-ref')]")
    assert [a.text_content() for a in calls_made] == ["1", "2", "3"]
    notes = body.xpath("//section[contains(@class, 'footnotes')]//li/@id")
    assert [a.get("href") for a in calls_made] == [f"#{note}" for note in notes]
    assert "[" not in " ".join(texts(doc, "/div/p")), doc.body_html
    assert not body.xpath("//h2 | //h3 | /div/hr"), doc.body_html  # nor their heading or rule
    assert not {"Notes", "NOTAS:"} & set(texts(doc, "/div/*")), doc.body_html


RAISED = "¹²³"


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("apart", ["\n", "\n\n"], ids=["a note a line", "a note a paragraph"])
def test_notes_called_by_raised_digits_are_footnotes(tmp_path: Path, how: str, apart: str) -> None:
    """A writer who typed "¹" after a word and "¹ …" at the end meant a footnote as much as
    Google Docs' "[1]" does; "m²" in the text stays the unit it is."""
    calls = {f"c{n}": RAISED[n - 1] for n in range(1, 4)}
    rent = RENT_TEXT.replace("240 flats", "240 flats of 45 m²")
    notes = apart.join(f"{RAISED[n - 1]} {note}" for n, note in enumerate(RENT_NOTES, 1))
    text = f"Tenants win a rent freeze\n\n{rent.format_map(calls)}\nNotes\n\n{notes}\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    notes_read = texts(doc, "//section[contains(@class, 'footnotes')]//li")
    assert [note.removesuffix("↩︎") for note in notes_read] == RENT_NOTES
    calls_made = html_of(doc).xpath("//a[contains(@class, 'footnote-ref')]")
    assert [a.text_content() for a in calls_made] == ["1", "2", "3"]
    shown = " ".join(texts(doc, "/div/p"))
    assert "45 m²" in shown and not set(RAISED) & set(shown.replace("45 m²", "")), doc.body_html
    assert "Notes" not in texts(doc, "/div/*")


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize(
    "text",
    [
        # a motion's options, called nowhere
        f"Motion on the offer\n\n{LONG}\n\n[1] Accept the offer\n[2] Reject the offer\n",
        # a reference list's citations, the first cited twice
        f"Prices and wages\n\n{LONG} Prices rose by 5% [1] and wages by 2% [2]. As [1]"
        " shows, the gap widens.\n\n[1] ONS, Consumer prices, 2026.\n\n[2] ONS, Earnings, 2026.\n",
        # a note called nowhere: its call lost in copying, or no note at all
        f"Prices and wages\n\n{LONG} Prices rose.[1] Wages fell.\n\n[1] ONS.\n[2] TUC.\n",
    ],
    ids=["options", "citations", "one uncalled"],
)
def test_numbered_lines_that_are_no_footnotes_stay_as_they_were(
    tmp_path: Path, how: str, text: str
) -> None:
    """Only notes each called once are footnotes: a motion's numbered options, a reference
    list cited twice and notes one of which is called nowhere stay the text they are."""
    (doc,) = read_or_imported(tmp_path, text, how)
    assert "footnote" not in doc.body_html
    assert "[2]" in " ".join(texts(doc, "//p"))


REPORT_SECTIONS = {  # a section's heading: its text
    "Introduction": "In February 2026 the union surveyed every household in the three"
    " buildings. This report sets out what we found and what we ask of the council.",
    "Rents": "Rents have risen by 40% since 2020, while wages rose by 12% over the same years.",
    "Repairs": "Two in three households reported damp, and one in four had no heating for a"
    " week or more.",
    "Recommendations": "The council should inspect every flat within a month and order the"
    " repairs it finds are needed.",
}
CONTENTS_AS_COPIED = {
    # Word's, saved as text: its numbers, a tab before each page number
    "word": (
        "Contents\n1. Introduction\t2\n2. Findings\t3\n2.1 Rents\t3\n2.2 Repairs\t4\n"
        "3. Recommendations\t5",
        ["1. Introduction", "2. Findings", "2.1 Rents", "2.2 Repairs", "3. Recommendations"],
        "\n\n",
    ),
    # dot leaders, a level down indented; each heading on the line over its text
    "dot leaders": (
        "Table of Contents\nIntroduction..........2\nFindings..........3\n"
        "   Rents..........3\n   Repairs..........4\nRecommendations..........5",
        ["Introduction", "Findings", "Rents", "Repairs", "Recommendations"],
        "\n",
    ),
    # a web page's, without page numbers, a blank line between its entries: no levels
    "web page": (
        "Índice:\n\nIntroduction\n\nFindings\n\nRents\n\nRepairs\n\nRecommendations",
        ["Introduction", "Findings", "Rents", "Repairs", "Recommendations"],
        "\n\n",
    ),
}


def report_text(contents: str, headings: list[str], under: str) -> str:
    """A report's text under its title and `contents`, its sections under `headings`
    (the second over none of its own: its two subsections follow), each heading `under`
    a blank line or on the line over its text."""
    first, *others = REPORT_SECTIONS.values()
    sections = [
        f"{heading}{under}{text}" if text else heading
        for heading, text in zip(headings, [first, "", *others], strict=True)
    ]
    title = "Rents in Eastside: a survey of 240 households"
    return "\n\n".join([title, contents, *sections]) + "\n"


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("copied", list(CONTENTS_AS_COPIED))
def test_a_reports_table_of_contents_is_left_out_and_the_headings_it_lists_are_headings(
    tmp_path: Path, how: str, copied: str
) -> None:
    """A report copied with its table of contents kept the original's page numbers as a
    paragraph (or, its lines found again further on, lost them as a PDF's running heads,
    its "Contents" line kept as the subtitle), and its headings, in words of no particular
    shape, were paragraphs: no structure, no bookmarks in the PDF."""
    contents, headings, under = CONTENTS_AS_COPIED[copied]
    (doc,) = read_or_imported(tmp_path, report_text(contents, headings, under), how)
    assert (doc.title, doc.subtitle) == ("Rents in Eastside: a survey of 240 households", "")
    levels = [(h.tag, h.text_content()) for h in html_of(doc).xpath("//h2 | //h3")]
    tags = ["h2"] * 5 if copied == "web page" else ["h2", "h2", "h3", "h3", "h2"]
    assert levels == list(zip(tags, headings, strict=True))
    assert texts(doc, "//p") == list(REPORT_SECTIONS.values()), doc.body_html


@pytest.mark.parametrize("how", ["read", "imported"])
def test_a_contents_line_over_lines_found_nowhere_else_stays_text(tmp_path: Path, how: str) -> None:
    """ "Contents" over lines that head nothing further on (what a food parcel holds) is
    no table of contents: it stays, and so do they."""
    text = (
        "What is in this week's parcel\n\n"
        f"{LONG}\n\nContents:\nTwo tins of tomatoes\nRice, 1 kg\nBread\n\n{LONG}\n"
    )
    (doc,) = read_or_imported(tmp_path, text, how)
    (listed,) = [p for p in html_of(doc).xpath("//p") if "Contents:" in p.text_content()]
    assert [line.strip() for line in listed.itertext()] == [
        "Contents:",
        "Two tins of tomatoes",
        "Rice, 1 kg",
        "Bread",
    ]


@pytest.mark.parametrize("parted_by", ["rules", "bylines"])
def test_a_newsletters_list_of_its_articles_still_parts_them(
    tmp_path: Path, parted_by: str
) -> None:
    """A newsletter copied whole lists its articles under "Contents", each under the rule
    that parts it from the one before or over its byline: `publisher import` makes a
    document of each, titled as it was, not one document of the masthead with the
    articles' titles its headings."""
    articles = {
        "Tenants win a rent freeze": f"By Ana Ruiz | 3 March 2026\n\n{LONG}",
        "Cleaners strike for a third week": f"By Tomasz Wilk | 4 March 2026\n\n{LONG}",
    }
    text = "Eastside Bulletin, March 2026\n\nContents\n" + "\n".join(articles)
    between = "\n\n----------\n\n" if parted_by == "rules" else "\n\n"
    for title, body in articles.items():  # under a rule, without their bylines
        text += f"{between}{title}\n" + (body if parted_by == "bylines" else f"\n{LONG}")
    docs = import_one(tmp_path, text)
    assert [doc.title for doc in docs][-2:] == list(articles)


SIGNER_AND_DAY = {  # a statement's signer, and the day under or over it as its language writes it
    "en": ("Workers Union", "3 March 2026"),
    "es": ("Sindicato de Trabajadores", "3 de marzo de 2026"),
    "fr": ("Union syndicale", "Paris, le 3 mars 2026"),
    "ar": ("نقابة العمال", "3 مارس 2026"),
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("name_first", [True, False], ids=["name over the day", "day over it"])
@pytest.mark.parametrize("language", list(SIGNER_AND_DAY))
def test_a_signer_and_the_day_on_consecutive_lines_are_the_author_and_the_date(
    tmp_path: Path, how: str, name_first: bool, language: str
) -> None:
    """A statement signed with its signer's name and the day on the next line ("Workers
    Union" / "3 March 2026") had no author and no date in documents/, though `publisher
    import` read them; the lines stay the text's."""
    name, day = SIGNER_AND_DAY[language]
    statement = STATEMENTS.get(language, STATEMENTS["en"])
    closing = f"{name}\n{day}" if name_first else f"{day}\n{name}"
    if language == "ar":
        title, text = ARABIC["title"], ARABIC["paragraph"]
    else:
        title, text = statement["title"], statement["paragraphs"][0]
    (doc,) = read_or_imported(tmp_path, f"{title}\n\n{text}\n\n{closing}\n", how)
    assert (doc.authors, doc.date) == ((name,), dt.date(2026, 3, 3))


PIPE_TABLES = {
    # a chatbot's or a README's, its rule under the header
    "with its header": (
        "| Building | Rent 2020 | Rise |\n|---|---|---|\n| Mill House | £650 | 40% |\n"
        "| Dock Row | £700 | 35% |",
        ["Building", "Rent 2020", "Rise"],
    ),
    # words alone, aligned by colons in the rule, a pipe escaped inside a cell
    "words, aligned": (
        "| Demand | Why |\n|:---|---:|\n| Repairs within a month | Damp \\| mould |\n"
        "| No evictions | Families organised |",
        ["Demand", "Why"],
    ),
}
PIPE_ROWS = {
    "with its header": [["Mill House", "£650", "40%"], ["Dock Row", "£700", "35%"]],
    "words, aligned": [
        ["Repairs within a month", "Damp | mould"],
        ["No evictions", "Families organised"],
    ],
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("table", list(PIPE_TABLES))
def test_a_table_written_as_markdown_in_a_plain_text_is_a_table(
    tmp_path: Path, how: str, table: str
) -> None:
    """A table pasted from a chatbot's answer or a README ("| Rent | £650 |") was printed
    as its pipes, its rule under the header a row of dashes."""
    written, header = PIPE_TABLES[table]
    text = f"Rents in Eastside\n\n{ARTICLE}\n\n{written}\n\nWe ask the council to act now.\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "//table//th") == header, doc.body_html
    rows = html_of(doc).xpath("//table/tbody/tr")
    assert [[" ".join(td.text_content().split()) for td in row] for row in rows] == PIPE_ROWS[table]
    assert "|" not in " ".join(texts(doc, "//p"))


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize(
    "under",
    ["", "A line of text\n| Mill House | £650 | 40% |\n| Dock Row | £700 | 35% |\n"],
    ids=["at the end", "a line of text under it"],
)
def test_a_markdown_tables_header_alone_is_a_table_of_one_row(
    tmp_path: Path, how: str, under: str
) -> None:
    """A header and its rule with no row under it (the rows not copied, or a line of text
    between) ended the build and `publisher import` in a Python error; it is a table of one
    row, as Markdown writes no table of a header alone that it reads again."""
    header = "| Building | Rent 2020 | Rise |\n|---|---|---|\n"
    (doc,) = read_or_imported(tmp_path, f"Rents\n\n{ARTICLE}\n\n{header}{under}", how)
    table = html_of(doc).xpath("//table")[0]
    cells = [" ".join(cell.text_content().split()) for cell in table.xpath(".//th | .//td")]
    assert cells == ["Building", "Rent 2020", "Rise"], doc.body_html
    assert "-" not in " ".join(texts(doc, "//p")) and "—" not in " ".join(texts(doc, "//p"))


@pytest.mark.parametrize("how", ["read", "imported"])
def test_words_between_pipes_on_a_line_of_their_own_stay_text(tmp_path: Path, how: str) -> None:
    """A line of a few words parted by pipes ("Rents | Wages | Prices", a site's menu) is
    no table's row: only lines that open and close with a pipe are, two or more."""
    text = f"Rents in Eastside\n\n{ARTICLE}\n\nRents | Wages | Prices\n\n| Nothing else |\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert not html_of(doc).xpath("//table")


SUB_BULLETED = {  # a numbered list whose second item has bulleted points under it
    "markdown": "1. Keep it open\n2. Fund it properly\n   - New books\n   - Computers\n3. Consult us",
    "word": "1.\tKeep it open\n2.\tFund it properly\no\tNew books\no\tComputers\n3.\tConsult us",
    "bullets": "1) Keep it open\n2) Fund it properly\n• New books\n• Computers\n3) Consult us",
}


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("typed", list(SUB_BULLETED))
def test_bulleted_points_between_two_numbered_items_are_the_first_ones(
    tmp_path: Path, how: str, typed: str
) -> None:
    """A chatbot's answer, or Word's plain text, puts an item's points under it with
    bullets: they were a list of their own, the numbering broken, "3." a paragraph."""
    text = f"Our demands\n\n{ARTICLE}\n\n{SUB_BULLETED[typed]}\n\nSee you there.\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    tree = html_of(doc)
    (numbered,) = tree.xpath("//ol")
    items = numbered.xpath("./li")
    assert [" ".join(li.xpath("./text()")).strip() for li in items] == [
        "Keep it open",
        "Fund it properly",
        "Consult us",
    ], doc.body_html
    assert texts(doc, "//ol/li[2]/ul/li") == ["New books", "Computers"]


@pytest.mark.parametrize("how", ["read", "imported"])
def test_bulleted_items_after_a_numbered_lists_last_item_are_a_list_of_their_own(
    tmp_path: Path, how: str
) -> None:
    text = f"Our demands\n\n{ARTICLE}\n\n1. Keep it open\n2. Fund it\n- Sign up\n- Come along\n\nEnd.\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert texts(doc, "/div/ol/li") == ["Keep it open", "Fund it"]
    assert texts(doc, "/div/ul/li") == ["Sign up", "Come along"]


@pytest.mark.parametrize("how", ["read", "imported"])
@pytest.mark.parametrize("signed", ["*Ana Ruiz*", "_Ana Ruiz_", "**Ana Ruiz**"])
def test_a_name_signed_in_bold_or_italic_marks_is_the_author_without_them(
    tmp_path: Path, how: str, signed: str
) -> None:
    """A statement signed in a chat's or Markdown's marks had its author named with them,
    stars and all, on every byline."""
    text = f"Strike ballot opens\n\n{ARTICLE}\n\nIn solidarity,\n{signed}\n"
    (doc,) = read_or_imported(tmp_path, text, how)
    assert doc.authors == ("Ana Ruiz",)


MAIL_IN_CHARSETS = {
    # charset as mail programs label it: (the codec its bytes are in, the text)
    "windows-874": ("cp874", "แถลงการณ์ของสหภาพแรงงานท่าเรือ เราจะหยุดงานในวันจันทร์นี้"),
    "iso-8859-8-i": ("iso8859-8", "הודעת האיגוד: השביתה בנמל תתחיל ביום שני בבוקר."),
    "x-mac-roman": ("mac-roman", "Les ouvrières du port déclarent la grève à partir de lundi."),
    "unknown-8bit": (
        "cp1252",
        "Les ouvrières du port déclarent la grève générale à partir de lundi : piquets à"
        " l'entrée du quai, café offert aux grévistes, réunion à l'hôtel de ville.",
    ),
}


@pytest.mark.parametrize("charset", MAIL_IN_CHARSETS)
def test_a_mail_in_a_charset_python_has_no_name_for_is_read_as_mail_programs_read_it(
    tmp_path: Path, charset: str
) -> None:
    """A message's text labelled with a charset Python's codecs do not know by that name
    (Outlook's windows-874 for Thai and iso-8859-8-i for Hebrew, old Apple Mail's
    x-mac-roman, mutt's unknown-8bit) ended the import in a Python error ("unknown
    encoding"). It is read by the name browsers and mail programs know (the WHATWG
    Encoding Standard's), or, with no such name, guessed from its bytes and said so."""
    codec, text = MAIL_IN_CHARSETS[charset]
    saved = (
        "From: Ana <ana@example.org>\nSubject: Statement\nMIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: 8bit\n\n"
    ).encode("ascii") + f"{text}\n".encode(codec)
    source = tmp_path / "in" / "statement.eml"
    source.parent.mkdir()
    source.write_bytes(saved)
    report = import_files([source], tmp_path / "documents")
    assert not report.problems, report.problems
    [row] = report.documents
    doc = read_document(row.path, row.path.stem, tmp_path / "documents", "en")
    assert texts(doc, "//p") == [text]
    guessed = [u for u in row.draft.unsure if "charset" in u]
    assert len(guessed) == (charset == "unknown-8bit"), row.draft.unsure


def test_a_text_attached_in_a_charset_python_has_no_name_for_is_imported(
    tmp_path: Path,
) -> None:
    codec, text = MAIL_IN_CHARSETS["unknown-8bit"]
    saved = (
        "From: Ana <ana@example.org>\nSubject: For the bulletin\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
        "Here it is.\n--b\nContent-Type: text/plain; charset=unknown-8bit\n"
        'Content-Disposition: attachment; filename="statement.txt"\n'
        "Content-Transfer-Encoding: 8bit\n\n"
    ).encode("ascii") + f"Statement\n\n{text}\n--b--\n".encode(codec)
    (doc,) = import_one(tmp_path, saved, "for the bulletin.eml")
    assert (doc.title, texts(doc, "//p")) == ("Statement", [text])


MAILMAN_ARCHIVE = """\
From ana at branch.example.org  Tue Mar  3 10:00:00 2026
From: ana at branch.example.org (Ana Ruiz)
Date: Tue, 3 Mar 2026 10:00:00 +0000
Subject: [Branch] Statement on the gate four picket
Message-ID: <a1@branch.example.org>

The branch met on Sunday and agreed the new rota for the picket at gate four.
Everyone is welcome to join us from six in the morning.

From ben at branch.example.org  Wed Mar  4 09:00:00 2026
From: ben at branch.example.org (Ben Okafor)
Date: Wed, 4 Mar 2026 09:00:00 +0000
Subject: [Branch] Re: Statement on the gate four picket
In-Reply-To: <a1@branch.example.org>
Message-ID: <b1@branch.example.org>

Thanks Ana, I will be there on Monday morning with the banner.

From karim at branch.example.org  Fri Mar  6 18:30:00 2026
From: karim at branch.example.org (Karim Haddad)
Date: Fri, 6 Mar 2026 18:30:00 +0000
Subject: [Branch] Rent survey: the first results
Message-ID: <c1@branch.example.org>

Two hundred tenants have answered the survey so far, and one in three pays more than
half of what they earn in rent.
"""


@pytest.mark.parametrize(
    "name", ["2026-March.txt", "Branch.mbox", "2026-March.txt.gz", "2026-March.mbox.gz"]
)
def test_a_mailing_lists_archive_is_one_document_a_message_its_replies_left_out_and_said(
    tmp_path: Path, name: str
) -> None:
    """Mailman's monthly archive (its .txt download, gzipped as its archive page offers it),
    or a mail folder exported as mbox (HyperKitty's download, gzipped), was imported as one
    text: every message's headers lines of it, the first "From …" line its title; the .gz
    was refused. Each message is a document, titled by its subject without the list's
    name; a reply is the list's discussion, left out and said."""
    source = tmp_path / "in" / name
    source.parent.mkdir()
    data = MAILMAN_ARCHIVE.encode("utf-8")
    source.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    report = import_files([source], tmp_path / "documents")
    assert not report.problems, report.problems
    docs = [
        read_document(r.path, r.path.stem, tmp_path / "documents", "en") for r in report.documents
    ]
    assert [(d.title, d.date, d.authors) for d in docs] == [
        ("Statement on the gate four picket", dt.date(2026, 3, 3), ("Ana Ruiz",)),
        ("Rent survey: the first results", dt.date(2026, 3, 6), ("Karim Haddad",)),
    ]
    assert texts(docs[1], "//p") == [
        "Two hundred tenants have answered the survey so far, and one in three pays more"
        " than half of what they earn in rent."
    ]
    assert "From:" not in docs[0].body_html and "banner" not in docs[0].body_html
    said = report.documents[0].draft.unsure
    assert any("1 repl(ies)" in u and "(Re: Statement on the gate four picket)" in u for u in said)


@pytest.mark.parametrize(
    ("packed", "said"),
    [
        (gzip.compress(MAILMAN_ARCHIVE.encode("utf-8"))[:200], "damaged or unfinished"),
        (MAILMAN_ARCHIVE.encode("utf-8"), "damaged or unfinished"),  # named .gz, not packed
        (gzip.compress(bytes(65 * 1024 * 1024)), "unpacks to over 64 MB"),  # a gzip bomb
    ],
)
def test_a_gzip_file_cut_short_not_gzip_or_unpacking_to_gigabytes_is_refused_by_name(
    tmp_path: Path, packed: bytes, said: str
) -> None:
    source = tmp_path / "2026-March.txt.gz"
    source.write_bytes(packed)
    report = import_files([source], tmp_path / "documents")
    assert not report.documents
    [problem] = report.problems
    assert problem.file == source and said in problem.message, problem


def test_what_is_wrong_with_a_gzipped_file_is_said_of_the_gz(tmp_path: Path) -> None:
    """The file the editor has is the .gz: not the copy unpacked to read it."""
    source = tmp_path / "statement.docx.gz"
    source.write_bytes(gzip.compress(b"not a Word file"))
    report = import_files([source], tmp_path / "documents")
    [problem] = report.problems
    assert (problem.file, "DOCX" in problem.message) == (source, True), problem


def test_an_archive_of_replies_only_is_imported_whole(tmp_path: Path) -> None:
    """Replies alone are what the editor chose to import: none is left out."""
    reply = MAILMAN_ARCHIVE.split("\n\nFrom karim")[0].split("\n\n", 2)[2]
    (doc,) = import_one(tmp_path, reply, "thread.txt")
    assert (doc.title, doc.date) == ("Statement on the gate four picket", dt.date(2026, 3, 4))
    assert texts(doc, "//p") == ["Thanks Ana, I will be there on Monday morning with the banner."]


def test_a_message_of_an_archive_with_no_text_is_left_out_and_said(tmp_path: Path) -> None:
    """A message holding only a file (a PDF sent alone) has no text: it stopped the import
    of the whole archive ("this message has no text to import")."""
    alone = (
        "From dan at branch.example.org  Thu Mar  5 08:00:00 2026\n"
        "From: dan at branch.example.org (Dan Price)\nDate: Thu, 5 Mar 2026 08:00:00 +0000\n"
        "Subject: [Branch] Minutes attached\nMIME-Version: 1.0\n"
        'Content-Type: application/pdf; name="minutes.pdf"\n'
        "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n\n"
    )
    archive = MAILMAN_ARCHIVE.replace("From karim", alone + "From karim")
    source = tmp_path / "2026-March.txt"
    source.write_text(archive, encoding="utf-8")
    report = import_files([source], tmp_path / "documents")
    assert not report.problems, report.problems
    assert [r.draft.title for r in report.documents] == [
        "Statement on the gate four picket",
        "Rent survey: the first results",
    ]
    said = report.documents[0].draft.unsure
    assert any("1 message(s) with no text" in u and "Minutes attached" in u for u in said), said


def test_an_archives_subjects_and_text_written_unencoded_keep_their_accents(
    tmp_path: Path,
) -> None:
    """Mailman's archive writes a subject and text as they were read, accents and all, not
    as mail encodes them: reading such a message ended the import in a Python error
    ('ascii' codec can't encode characters)."""
    archive = MAILMAN_ARCHIVE.replace(
        "Rent survey: the first results", "Déclaration de solidarité"
    ).replace("Two hundred tenants", "Deux cents élèves —")
    source = tmp_path / "2026-March.txt"
    source.write_bytes(archive.encode("utf-8"))
    report = import_files([source], tmp_path / "documents")
    assert not report.problems, report.problems
    assert report.documents[1].draft.title == "Déclaration de solidarité"
    assert "Deux cents élèves —" in report.documents[1].draft.body_html


def test_a_mail_with_an_empty_part_of_parts_is_read_by_its_text(tmp_path: Path) -> None:
    """A multipart/related part holding no part (as a broken mail program sends one) made
    Python's get_body fail ('str' object has no attribute 'is_attachment')."""
    saved = (
        "From: Ana <ana@example.org>\nSubject: Statement\nMIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="outer"\n\n--outer\n'
        'Content-Type: multipart/related; boundary="inner"\n\n\n--outer\n'
        "Content-Type: text/plain; charset=utf-8\n\n"
        f"{LONG}\n--outer--\n"
    )
    (doc,) = import_one(tmp_path, saved, "statement.eml")
    assert texts(doc, "//p") == [LONG.strip()]
