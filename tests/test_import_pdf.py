"""`publisher import statement.pdf`: the statement a union or campaign sends as a PDF, as
its text, without what its layout added (running headers and footers, page numbers,
hyphens at line ends) or took apart (a paragraph over a page break, a list's bullets).

The PDFs are made here the two ways real ones are: laid out by a typesetting engine
(WeasyPrint: justified, hyphenated, headers and footers in the page margins, as a word
processor exports them) and written line by line at fixed places (PyMuPDF, as a
generator does), so each line's end is where the test says it is."""

from __future__ import annotations

import functools
import io
import os
import random
import re
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pikepdf
import pymupdf
import pytest
from test_import import html_of, import_one, texts

from publisher.importers import import_files
from publisher.renderers.weasy import import_weasyprint

SENTENCE = (
    "The cleaners employed by the outsourcing contractor at the Royal Infirmary have now"
    " been on strike for three weeks, and the management of the trust continues to refuse"
    " any negotiation with their representatives."
)
PARAGRAPHS = [
    f"{SENTENCE} {SENTENCE} Paragraph {n} ends with incomprehensible counterproposals."
    for n in range(1, 4)
] + [f"{SENTENCE} {SENTENCE} {SENTENCE} Second part {n}." for n in range(1, 4)]
DEMANDS = ["Visit the picket line at the main entrance.", "Give to the strike fund."]
SIGNATURE = ["Solidarity,", "Maria Lopez", "Secretary, Eastharbour Trades Council"]


@functools.cache
def typeset_statement() -> bytes:
    """Two A4 pages: a running header and 'Page N of 2' in the margins, justified and
    hyphenated text, a heading, a bulleted list and a signature."""
    paragraphs = [f"<p>{text}</p>" for text in PARAGRAPHS]
    html = f"""<html lang="en"><head><style>
        @page {{ size: A4; margin: 25mm 30mm;
                 @top-center {{ content: "Eastharbour Trades Council"; font-size: 8pt }}
                 @bottom-center {{ content: "Page " counter(page) " of " counter(pages);
                                   font-size: 8pt }} }}
        body {{ font: 11pt/1.4 serif; text-align: justify; hyphens: auto }}
        h1 {{ font: bold 18pt sans-serif }} h2 {{ font: bold 12pt sans-serif }}
        </style></head><body>
        <h1>Statement on the strike at the Royal Infirmary</h1>
        {"".join(paragraphs[:3])}
        <h2>What we ask of members</h2>
        <ul>{"".join(f"<li>{d}</li>" for d in DEMANDS)}</ul>
        {"".join(paragraphs[3:])}
        <p>{"<br>".join(SIGNATURE)}</p>
        </body></html>"""
    weasyprint = import_weasyprint()  # as publisher imports it, in every process
    return weasyprint.HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def written_lines(*pages: list[str]) -> bytes:
    """A PDF whose pages hold exactly these lines, one under the other."""
    document = pymupdf.open()
    for lines in pages:
        page = document.new_page(width=595, height=842)
        for number, line in enumerate(lines):
            page.insert_text((72, 100 + 15 * number), line, fontsize=11)
    data = document.tobytes()
    document.close()
    return data


def test_a_typeset_statement_is_its_text_without_headers_footers_or_broken_words(
    tmp_path: Path,
) -> None:
    pdf = typeset_statement()
    with pymupdf.open(stream=pdf) as laid_out:  # the layout did what the test is about
        text = "".join(page.get_text() for page in laid_out)
        pages = laid_out.page_count
    assert pages == 2 and "\u2010\n" in text and "Page 2 of 2" in text

    (doc,) = import_one(tmp_path, pdf, "statement.pdf")

    assert doc.title == "Statement on the strike at the Royal Infirmary"
    assert doc.authors == ("Maria Lopez",)  # under the closing "Solidarity,"
    assert texts(doc, "//h2") == ["What we ask of members"]
    assert texts(doc, "//ul/li") == DEMANDS
    paragraphs = texts(doc, "/div/p")
    assert paragraphs[:3] == PARAGRAPHS[:3]  # words hyphenated at line ends are whole
    assert paragraphs[3:6] == PARAGRAPHS[3:]  # one of them goes on over the page break
    assert "Page 1" not in doc.body_html and "Eastharbour Trades Council" not in paragraphs[0]
    closing = html_of(doc).xpath("/div/p")[-1]  # lines the PDF broke short stay lines
    assert [line.strip() for line in closing.itertext() if line.strip()] == SIGNATURE


def sectioned_report(subtitle: str = "") -> bytes:
    """A report as a word processor exports it: its title, perhaps a subtitle set once in
    its own type, a byline, then sections under headings all set alike."""
    weasyprint = import_weasyprint()
    paragraph = f"<p>{SENTENCE}</p>"
    html = f"""<html lang="en"><head><style>body {{ font: 11pt serif }}
        h1 {{ font: bold 20pt sans-serif }} h2 {{ font: bold 14pt sans-serif }}
        .standfirst {{ font: italic 13pt serif }}</style></head><body>
        <h1>Hillside rent strike report</h1>{subtitle}<p>By Ana Ruiz · 3 March 2026</p>
        <h2>Background</h2>{paragraph}{paragraph}<h2>What happens next</h2>{paragraph}
        </body></html>"""
    return weasyprint.HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def test_a_pdfs_first_section_heading_stays_a_heading_in_its_text(tmp_path: Path) -> None:
    """Set in the type of the headings after it, the heading under the byline is the first
    section's, not a subtitle: it was taken out of the text into the front matter."""
    (doc,) = import_one(tmp_path, sectioned_report(), "hillside.pdf")
    assert doc.title == "Hillside rent strike report" and not doc.subtitle
    assert texts(doc, "//h2") == ["Background", "What happens next"]
    first = html_of(doc).xpath("//h2")[0].getnext()
    assert first.tag == "p" and first.text_content().startswith("The cleaners employed")


def test_a_pdfs_subtitle_set_in_its_own_type_stays_the_subtitle(tmp_path: Path) -> None:
    subtitle = "<p class='standfirst'>What the tenants won</p>"
    (doc,) = import_one(tmp_path, sectioned_report(subtitle), "hillside.pdf")
    assert doc.subtitle == "What the tenants won"
    assert texts(doc, "//h2") == ["Background", "What happens next"]


def test_hyphens_at_line_ends_are_the_typesetters_when_words_break_often_else_a_compounds(
    tmp_path: Path,
) -> None:
    """Several words broken with '-' is hyphenation, joined without it; one line ending in
    '-' is a compound wrapped at its hyphen ('front-line'), kept."""
    hyphenated = written_lines(
        [
            "Statement on the council cuts",
            "",
            "The council's so-called efficiency plan is an attack on the ser-",
            "vices our members provide in every ward, and we will resist it",
            "with every means our branches have, starting with a work-to-rule",
            "campaign and a ballot for strike action in all of the depart-",
            "ments affected by the cuts this year.",
        ]
    )
    compound = written_lines(
        [
            "Statement on the council cuts",
            "",
            "The council's so-called efficiency plan is an attack on front-",
            "line services in every ward, and we will resist it with every",
            "means our branches have, starting with a ballot this month.",
        ]
    )
    (broken,) = import_one(tmp_path / "a", hyphenated, "cuts.pdf")
    (wrapped,) = import_one(tmp_path / "b", compound, "cuts.pdf")
    assert "attack on the services our members" in texts(broken, "//p")[0]
    assert "in all of the departments affected" in texts(broken, "//p")[0]
    assert "attack on front-line services in every ward" in texts(wrapped, "//p")[0]


def test_a_leaflet_in_two_columns_reads_each_column_down_and_on_into_the_next(
    tmp_path: Path,
) -> None:
    """Each column's lines are joined where they reach its own right side, and the
    paragraph the first column ends in goes on at the top of the second."""
    weasyprint = import_weasyprint()
    html = f"""<html lang="en"><head><style>@page {{ size: A4; margin: 20mm }}
        body {{ font: 10pt/1.35 serif; text-align: justify; hyphens: auto }}
        .columns {{ column-count: 2; column-gap: 8mm }}</style></head><body>
        <h1>Why we strike</h1>
        <div class="columns">{"".join(f"<p>{text}</p>" for text in PARAGRAPHS)}</div>
        </body></html>"""
    pdf = weasyprint.HTML(string=html).write_pdf()
    with pymupdf.open(stream=pdf) as laid_out:
        assert laid_out.page_count == 1
    (doc,) = import_one(tmp_path, pdf, "leaflet.pdf")
    assert doc.title == "Why we strike"
    assert texts(doc, "//p") == PARAGRAPHS


def test_paragraphs_apart_stay_apart_though_the_first_ends_at_the_columns_side(
    tmp_path: Path,
) -> None:
    first = [
        "The cleaners at the Royal Infirmary have been on strike for three weeks,",
        "and the trust still refuses to meet their union representatives at all.",
    ]
    second = ["We ask every branch to send a delegation to the picket line this week."]
    pdf = written_lines(["Statement on the strike", "", *first, "", *second])
    (doc,) = import_one(tmp_path, pdf, "strike.pdf")
    assert texts(doc, "//p") == [" ".join(first), *second]


def test_words_set_in_bold_or_italics_inside_a_paragraph_keep_their_emphasis(
    tmp_path: Path,
) -> None:
    """What a statement stresses inside a sentence stays stressed; a heading set in bold
    throughout is a heading, not bold text."""
    weasyprint = import_weasyprint()
    html = f"""<html lang="en"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 10pt/1.35 serif }}</style></head><body><h1>Our demands</h1>
        <p>{SENTENCE} We demand <b>£15 an hour for every cleaner</b> and <i>full sick pay
        from the first day</i>, and nothing less.</p>
        <p><b>What we ask of members</b></p><p>{SENTENCE}</p></body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "demands.pdf")
    body = html_of(doc)
    assert [b.text_content() for b in body.xpath("//p//strong")] == [
        "£15 an hour for every cleaner"
    ]
    assert [i.text_content() for i in body.xpath("//p//em")] == ["full sick pay from the first day"]
    assert texts(doc, "//h2") == ["What we ask of members"]


def test_a_typesetters_ligatures_are_spelled_out_as_letters(tmp_path: Path) -> None:
    """A PDF from InDesign or LaTeX may give its ligatures as characters of their own:
    "ﬁnancial" is no word that search, spelling or hyphenation knows."""
    weasyprint = import_weasyprint()
    html = f"""<html lang="en"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 10pt/1.35 serif }}</style></head><body><h1>Our ﬁnances</h1>
        <p>{SENTENCE} The strike fund\u2019s ﬁnancial report shows the ﬂow of donations
        from the oﬃces.</p></body></html>"""
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert "ﬂow" in pymupdf.open(stream=pdf).load_page(0).get_text()  # as it is given
    (doc,) = import_one(tmp_path, pdf, "report.pdf")
    assert doc.title == "Our finances"
    assert "financial report shows the flow of donations from the offices" in doc.body_html
    assert not re.search("[\ufb00-\ufb06]", doc.body_html)


def test_links_keep_their_targets_and_only_web_and_mail_ones_are_links(tmp_path: Path) -> None:
    """Word sets a link in its own style: the text under a PDF's link is a link to where
    it went; a link to a script or a file on the editor's machine stays text."""
    weasyprint = import_weasyprint()
    link = 'style="color: #0563c1; text-decoration: underline"'
    html = f"""<html lang="en"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 10pt/1.35 serif }}</style></head><body><h1>Sign and share</h1>
        <p>{SENTENCE} Please <a {link} href="https://example.org/petition?ref=pdf&amp;x=1">sign
        the petition</a>, write to <a {link} href="mailto:strike@example.org">the strike
        committee</a>, and <a {link} href="javascript:alert(1)">press here</a> or open
        <a {link} href="file:///etc/passwd">our list</a>.</p></body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "links.pdf")
    links = {a.text_content(): a.get("href") for a in html_of(doc).xpath("//a")}
    assert links == {
        "sign the petition": "https://example.org/petition?ref=pdf&x=1",
        "the strike committee": "mailto:strike@example.org",
    }
    assert "press here or open our list." in texts(doc, "//p")[0]


def test_angle_brackets_and_ampersands_in_a_pdfs_text_are_its_words_not_markup(
    tmp_path: Path,
) -> None:
    """Pasted text may carry stray tags; a PDF's text is only text: "<why>" and "<now>"
    were taken for tags and lost."""
    line = "Wages < inflation, and <why> it matters to Smith & Sons: a raise <now>."
    pdf = written_lines(["Angle brackets in a statement", "", line])
    (doc,) = import_one(tmp_path, pdf, "brackets.pdf")
    assert texts(doc, "//p") == [line]


PUBLISHER = str(Path(sys.executable).with_name("publisher"))  # the installed command
NOTES = [
    "Figures from the council's register of rents, January 2026, for the flats of the"
    " three estates only; the private lets in the rest of the ward are not registered.",
    "Office for National Statistics, median weekly pay.",
    "The survey's own question 12.",
]


def test_footnotes_are_notes_again_and_the_text_runs_on_past_them(tmp_path: Path) -> None:
    """Notes set at the foot of their pages, numbered on from page to page: each number
    raised in the text is a reference to its note, the notes leave the pages (a paragraph
    goes on over the page break below them), and come back as the document's notes."""
    weasyprint = import_weasyprint()
    note = [f'<span class="note">{text}</span>' for text in NOTES]
    html = f"""<html lang="en"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 10pt/1.35 serif; text-align: justify }} .note {{ float: footnote }}
        </style></head><body><h1>Rent survey</h1>
        <p>Average rents rose by 14 per cent{note[0]} in two years, while wages rose by
        4 per cent{note[1]}. {PARAGRAPHS[0]}</p><p>{PARAGRAPHS[3]}</p>
        <p>{PARAGRAPHS[4]} Three in four tenants asked for repairs{note[2]}.</p></body></html>"""
    pdf = weasyprint.HTML(string=html).write_pdf()
    with pymupdf.open(stream=pdf) as laid_out:  # notes on two pages, text running on
        assert laid_out.page_count == 2
        assert NOTES[2][:20] in laid_out[1].get_text() and NOTES[0][:20] in laid_out[0].get_text()

    (doc,) = import_one(tmp_path, pdf, "survey.pdf")

    body = html_of(doc)
    assert [
        " ".join(li.text_content().split()).rstrip("↩︎").strip()
        for li in body.xpath("//section[contains(@class, 'footnotes')]//li")
    ] == [text.replace("'", "’") for text in NOTES]
    references = body.xpath("//a[@class='footnote-ref']")
    assert [a.text_content() for a in references] == ["1", "2", "3"]
    paragraphs = [p for p in texts(doc, "/div/p")]
    assert paragraphs[0].startswith("Average rents rose by 14 per cent1 in two years")
    assert paragraphs[1:] == [
        PARAGRAPHS[3],
        f"{PARAGRAPHS[4]} Three in four tenants asked for repairs3.",
    ]


ARABIC = (
    "نحن نقف مع عمال النظافة في المستشفى الملكي الذين أضربوا عن العمل منذ ثلاثة أسابيع،"
    " ونطالب الإدارة بالتفاوض معهم فورًا ودون شروط ومن دون أي تأخير إضافي."
)


def test_a_right_to_left_statement_is_joined_where_its_lines_reach_their_left_side(
    tmp_path: Path,
) -> None:
    """Arabic lines wrap at the column's left side: ragged on the right they never reach,
    each is still a line of its paragraph."""
    weasyprint = import_weasyprint()
    html = f"""<html lang="ar" dir="rtl"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 11pt/1.5 'Noto Naskh Arabic', serif; text-align: right }}
        </style></head><body>
        <h1>بيان حول الإضراب</h1><p>{ARABIC} {ARABIC}</p><p>{ARABIC}</p></body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "bayan.pdf")
    assert doc.title == "بيان حول الإضراب" and doc.language == "ar"
    assert texts(doc, "//p") == [f"{ARABIC} {ARABIC}", ARABIC]


def test_a_pdf_sent_as_an_attachment_is_imported_instead_of_the_covering_note(
    tmp_path: Path,
) -> None:
    message = EmailMessage()
    message["From"], message["Subject"] = "Maria <maria@example.org>", "Statement for the bulletin"
    message.set_content("Hi, the statement is attached. Maria")
    message.add_attachment(
        typeset_statement(), maintype="application", subtype="pdf", filename="statement.pdf"
    )
    (doc,) = import_one(tmp_path, bytes(message), "statement.eml")
    assert doc.title == "Statement on the strike at the Royal Infirmary"
    assert "attached" not in doc.body_html


def locked(pdf: bytes) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.save(out, encryption=pikepdf.Encryption(owner="owner", user="secret"))
    return out.getvalue()


def scanned() -> bytes:
    """A page that is only a picture of a page, as a scanner makes it."""
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    picture = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
    picture.clear_with(200)
    page.insert_image(page.rect, pixmap=picture)
    data = document.tobytes()
    document.close()
    return data


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (lambda: locked(typeset_statement()), "this PDF is locked with a password"),
        (scanned, "this PDF has no text, only pictures of its pages (a scan)"),
        (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 8, "this PDF cannot be read"),
        (lambda: typeset_statement()[: len(typeset_statement()) // 2], "this PDF is damaged ("),
    ],
    ids=["locked", "scanned", "no PDF", "half downloaded"],
)
def test_a_pdf_without_readable_text_is_named_with_what_to_ask_for(
    tmp_path: Path, content, said: str
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "statement.pdf"
    source.write_bytes(content())
    report = import_files([source], tmp_path / "documents")
    [(file, message, hint)] = [(p.file, p.message, p.hint) for p in report.problems]
    assert file == source and message.startswith(said) and hint
    assert not (tmp_path / "documents").exists() or not any((tmp_path / "documents").iterdir())


def test_a_pdf_damaged_in_places_is_imported_with_a_note_to_check_it_and_no_library_noise(
    tmp_path: Path,
) -> None:
    """Bytes damaged in transit: what can be read is imported, the report says to check
    it, and MuPDF's own messages (which name no file) are not printed."""
    damaged = bytearray(typeset_statement())
    flips = random.Random(3)  # damage that leaves part of the text readable
    for _ in range(20):
        where = flips.randrange(len(damaged))
        damaged[where] = flips.randrange(256)
    source = tmp_path / "statement.pdf"
    source.write_bytes(bytes(damaged))

    run = subprocess.run(
        [PUBLISHER, "import", "--into", str(tmp_path / "documents"), str(source)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 document(s) written" in run.stdout
    assert "the PDF is damaged (" in run.stdout
    assert "MuPDF" not in run.stdout + run.stderr


# Lam and alef are set as one glyph, wherever they meet: "لا", "الأجور", "آلاف", "السلام".
LAM_ALEF = "لا تنتهي معاناة العمال والإضراب مستمر حتى تحقيق الأجور العادلة لآلاف اللاجئين والسلام"


@pytest.mark.parametrize("font", ["DejaVu Sans", "Noto Naskh Arabic"])
def test_arabic_letters_set_as_one_glyph_keep_their_order(tmp_path: Path, font: str) -> None:
    """A font that sets lam and alef as one glyph and gives it both letters (DejaVu Sans,
    LibreOffice's and many Linux systems' Arabic) had them read the wrong way round:
    "لا" came out "ال", "الأجور" "األجور". A font that draws the two apart (Noto Naskh
    Arabic) read right, and still does."""
    weasyprint = import_weasyprint()
    html = f"""<html lang="ar" dir="rtl"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 11pt/1.5 '{font}'; text-align: right }}</style></head><body>
        <h1>بيان حول الإضراب</h1><p>{LAM_ALEF}</p></body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "bayan.pdf")
    assert doc.title == "بيان حول الإضراب"
    assert texts(doc, "//p") == [LAM_ALEF]


# Words of every length: a long one after a short line is what a ragged column wraps early.
RAGGED = [
    "The branch met on Sunday and agreed the new rota for the picket at gate four, and"
    " everyone is welcome to join us from six in the morning until the shift changes.",
    "To counter the backsliding influence of the traitors and pretenders, we must build a"
    " revolutionary party that unites the most authentic and uncompromising leaders"
    " dedicated to the task of workers taking power.",
    "For young workers this meant chronic unemployment despite oil wealth, decaying schools"
    " and hospitals, unreliable electricity and water, and a political system that excluded"
    " them entirely. Street mobilization became the only outlet for social frustration, the"
    " only way to be heard.",
]


@pytest.mark.parametrize(("page", "size"), [("A5", "9pt"), ("A4", "10pt"), ("Letter", "12pt")])
def test_paragraphs_set_ragged_in_narrow_columns_are_whole_paragraphs(
    tmp_path: Path, page: str, size: str
) -> None:
    """A leaflet set ragged-right in two columns (a word processor's default, not
    justified) ends many lines well short of the column's side, before a word too long
    to fit, and some past where most lines end; a quotation is indented on both sides.
    Such lines were taken for lines broken by hand: a paragraph came out cut in two. (The
    header, on one page alone, is not known for one; it stands out past the text's side.)"""
    weasyprint = import_weasyprint()
    html = f"""<html lang="en"><head><style>
        @page {{ size: {page}; margin: 20mm; @top-right {{ content: "Statement" }} }}
        body {{ font: {size} serif; text-align: left; column-count: 2; hyphens: auto }}
        blockquote {{ margin: 0 30px }}</style></head><body>
        <h1>Statement of the branch</h1><p style="font-size: 80%">{RAGGED[0]}</p>
        <blockquote>{RAGGED[1]}</blockquote><p style="text-indent: 2em">{RAGGED[2]}</p>
        <p>{RAGGED[2]}</p><blockquote>{RAGGED[1]}</blockquote></body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "leaflet.pdf")
    assert texts(doc, "//p") == [*RAGGED, RAGGED[2], RAGGED[1], "Statement"]


WORDS = [
    "the",
    "union",
    "itself",
    "was",
    "established",
    "via",
    "a",
    "series",
    "of",
    "splits",
    "fusions",
    "and",
    "regroupments",
    "which",
    "involved",
    "many",
    "name",
    "changes",
    "within",
    "period",
    "two",
    "decades",
    "representatives",
    "internationally",
    "coordinated",
    "solidarity",
    "committees",
    "report",
    "counterproductive",
    "intimidation",
    "management",
]


@pytest.mark.parametrize(("seed", "page", "size"), [(17, "A5", "10pt"), (24, "A4", "11pt")])
def test_a_ragged_paragraph_of_words_of_every_length_is_one_paragraph(
    tmp_path: Path, seed: int, page: str, size: str
) -> None:
    """A line that ends short of its column's side was wrapped when the next line's first
    word would not have fitted there: a guess at that word's width, from its share of its
    line's letters, that erred small took lines ended just before a long word for lines
    broken by hand. Long and short words in any order put the guess to the test."""
    words = random.Random(seed).choices(WORDS, k=120)
    paragraph = " ".join(words).capitalize() + "."
    weasyprint = import_weasyprint()
    html = f"""<html lang="en"><head><style>@page {{ size: {page}; margin: 20mm }}
        body {{ font: {size} serif; text-align: left; column-count: 2 }}</style></head>
        <body><h1>Statement</h1><p>{paragraph}</p></body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "statement.pdf")
    assert texts(doc, "//p") == [paragraph]


def test_a_quotation_going_on_into_the_next_column_is_one_paragraph(tmp_path: Path) -> None:
    """A quotation is indented on both sides: its lines end short of the column's side,
    and its own side, where its longest lines end, is what they reach. A long one went on
    into the next column, and there its side was taken for that of its lines in the first:
    it came out broken at its short lines."""
    quotation = " ".join([RAGGED[1], RAGGED[2], RAGGED[0], RAGGED[1]])
    weasyprint = import_weasyprint()
    html = f"""<html lang="en"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 9pt serif; text-align: left; column-count: 2 }}</style></head><body>
        <h1>Statement</h1><p>{RAGGED[0]}</p><blockquote>{quotation}</blockquote></body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "statement.pdf")
    assert texts(doc, "//p") == [RAGGED[0], quotation]


def test_a_line_justified_with_wide_spaces_is_one_line_of_its_paragraph(tmp_path: Path) -> None:
    """Justified in a narrow column without hyphenation, a line with few words gets wide
    spaces, and PyMuPDF gives its words as lines side by side ("revised", "the", "FTI"):
    each was a line of its own, and the paragraph came out a word a line."""
    weasyprint = import_weasyprint()
    html = f"""<html lang="en"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 12pt serif; text-align: justify; column-count: 2 }}</style></head>
        <body><h1>Statement of the branch</h1>{"".join(f"<p>{p}</p>" for p in RAGGED)}
        </body></html>"""
    pdf = weasyprint.HTML(string=html).write_pdf()
    with pymupdf.open(stream=pdf) as laid_out:  # as the PDF gives it: a block's lines
        blocks = [
            [round(line["bbox"][3]) for line in block.get("lines", [])]
            for page in laid_out
            for block in page.get_text("dict")["blocks"]
        ]
    assert any(len(set(baselines)) < len(baselines) for baselines in blocks)  # side by side
    (doc,) = import_one(tmp_path / "en", pdf, "statement.pdf")
    assert texts(doc, "//p") == RAGGED
    # Arabic's words, side by side, are read from the right
    html = f"""<html lang="ar" dir="rtl"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 12pt serif; text-align: justify; width: 30mm }}</style></head>
        <body><h1>بيان</h1><p>{ARABIC}</p></body></html>"""
    (doc,) = import_one(tmp_path / "ar", weasyprint.HTML(string=html).write_pdf(), "bayan.pdf")
    assert texts(doc, "//p") == [ARABIC]


def test_a_compound_wrapped_at_its_hyphen_keeps_it_beside_the_typesetters_own_breaks(
    tmp_path: Path,
) -> None:
    """A PDF that marks the words it breaks with a hyphen of their own (U+2010, as
    WeasyPrint and browsers do) ends a line in '-' only at a compound's hyphen: "inter-" /
    "union" and "self-" / "employed" were read as its hyphenation, "interunion"; and two
    compounds wrapped in a long text are not a text that hyphenates."""
    font = subprocess.run(
        ["fc-match", "--format=%{file}", "DejaVu Sans"], capture_output=True, text=True
    ).stdout
    lines = [
        "The council's efficiency plan is an attack on the ser\u2010",
        "vices our members provide in every ward, and the inter-",
        "union committee will resist it with every means the branches",
        "have, starting with a ballot of the council's own and self-",
        "employed drivers and a campaign in each one of the depart\u2010",
        "ments affected by the cuts this year.",
    ]
    document = pymupdf.open()
    page = document.new_page(width=595, height=842)
    page.insert_text((72, 100), "Statement on the council cuts", fontsize=11)
    for number, line in enumerate(lines):
        page.insert_text((72, 130 + 15 * number), line, fontsize=11, fontfile=font, fontname="F")
    (doc,) = import_one(tmp_path / "a", document.tobytes(), "cuts.pdf")
    assert texts(doc, "//p") == [
        "The council's efficiency plan is an attack on the services our members provide in"
        " every ward, and the inter-union committee will resist it with every means the"
        " branches have, starting with a ballot of the council's own and self-employed drivers"
        " and a campaign in each one of the departments affected by the cuts this year."
    ]
    # a word processor's PDF, not hyphenated: compounds wrapped twice in twenty lines
    more = "and we will hold a meeting in every ward to explain it all"
    unbroken = [*lines[1:4], "employed drivers and a campaign in every one of the wards", more]
    pdf = written_lines(["Statement on the council cuts", "", *([more] * 14), *unbroken])
    (doc,) = import_one(tmp_path / "b", pdf, "cuts.pdf")
    assert "and the inter-union committee" in texts(doc, "//p")[0]
    assert "the council's own and self-employed drivers" in texts(doc, "//p")[0]


@pytest.mark.parametrize(
    ("page", "size", "align"), [("A5", "11pt", "right"), ("A4", "12pt", "justify")]
)
def test_an_arabic_leaflet_in_two_columns_reads_from_the_right_column_on_into_the_left(
    tmp_path: Path, page: str, size: str, align: str
) -> None:
    """Arabic's columns are read from the right, and its lines start at their right: a
    line ending past where most of the column's lines end was taken for one across the
    page, and broken there; a paragraph going on from the right column into the left was
    cut in two, Arabic having no lower case to show that it runs on. PyMuPDF sees a block
    in each of its tall lines: a paragraph's last line that came near the column's side
    ran on into the next paragraph, and a title on two lines was two headings."""
    paragraphs = [ARABIC, f"{LAM_ALEF} {ARABIC}", f"{ARABIC} {LAM_ALEF}", LAM_ALEF]
    weasyprint = import_weasyprint()
    html = f"""<html lang="ar" dir="rtl"><head><style>@page {{ size: {page}; margin: 20mm }}
        body {{ font: {size}/1.5 'Noto Naskh Arabic'; text-align: {align}; column-count: 2 }}
        </style></head><body><h1>بيان حول الإضراب</h1>
        {"".join(f"<p>{p}</p>" for p in paragraphs)}</body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "bayan.pdf")
    assert doc.title == "بيان حول الإضراب"
    assert texts(doc, "//p") == paragraphs


def test_a_text_set_mostly_in_small_print_keeps_its_larger_paragraphs_as_paragraphs(
    tmp_path: Path,
) -> None:
    """A statement whose quoted documents, in small print, hold more of its letters than
    its own words: the text's size is the small print's, and the larger paragraph's
    lines, which PyMuPDF gives a block each, were taken for headings, one a line. Set a
    line under a wrapped one in its type, a line is the next of its text."""
    weasyprint = import_weasyprint()
    small = "".join(f'<p style="font-size: 80%">{p}</p>' for p in PARAGRAPHS[3:])
    html = f"""<html lang="en"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 11pt/1.5 sans-serif; hyphens: auto }}</style></head><body>
        <h1>Statement of the branch</h1>{small}
        <p style="text-indent: 2em; margin: 0">{PARAGRAPHS[0]}</p></body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "statement.pdf")
    assert texts(doc, "//h2") == []
    assert texts(doc, "//p") == [*PARAGRAPHS[3:], PARAGRAPHS[0]]


def test_a_paragraph_opening_with_a_line_in_bold_is_one_paragraph(tmp_path: Path) -> None:
    """Its first line, bold throughout, was taken for a heading (the subtitle, under the
    title) and the paragraph began at its second line; joined, the line kept no bold."""
    lead = "The cleaners employed by the outsourcing contractor at the Royal Infirmary"
    weasyprint = import_weasyprint()
    html = f"""<html lang="en"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 11pt/1.5 sans-serif }}</style></head><body><h1>Statement</h1>
        <p><strong>{lead}</strong> {SENTENCE.removeprefix(lead)}</p><p>{SENTENCE}</p>
        </body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "statement.pdf")
    assert not doc.subtitle
    assert texts(doc, "//p") == [SENTENCE, SENTENCE]
    assert texts(doc, "//p/strong") == [lead]


def test_words_in_bold_broken_at_a_lines_end_are_whole_words_in_bold(tmp_path: Path) -> None:
    """A paragraph's opening words in bold, over lines that break "commit-" / "tees":
    the word came out "commit- tees", a line's markup standing between its halves."""
    lead = "Representatives of the internationally coordinated solidarity committees"
    rest = "will report on the counterproductive intimidation by management at every workplace."
    weasyprint = import_weasyprint()
    html = f"""<html lang="en"><head><style>@page {{ size: A5; margin: 20mm }}
        body {{ font: 11pt/1.35 serif; hyphens: auto; width: 48mm }}</style></head>
        <body><h1>Statement</h1><p><strong>{lead}</strong> {rest}</p></body></html>"""
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert "commit\u2010\ntees" in pymupdf.open(stream=pdf).load_page(0).get_text()
    (doc,) = import_one(tmp_path, pdf, "statement.pdf")
    assert texts(doc, "//p") == [f"{lead} {rest}"]
    assert texts(doc, "//p/strong") == [lead]


# A quotation of long words, in English and in Arabic
NARROW = {
    "en": (
        "A spontaneous uprising attracts opportunists, who at once tried to turn the"
        " movement to their own purposes and to the purposes of their patrons abroad."
    ),
    "ar": (
        "إن التضامن الأممي بين عمال العالم هو السلاح الوحيد القادر على مواجهة رأس المال"
        " المعولم وحروبه التي لا تنتهي ضد الشعوب الفقيرة والمستضعفة"
    ),
}


@pytest.mark.parametrize(
    ("language", "font"), [("en", "11pt/1.5 'DejaVu Sans'"), ("ar", "16pt/1.5 'Noto Naskh Arabic'")]
)
def test_a_quotation_of_a_word_a_line_in_a_narrow_column_is_one_paragraph(
    tmp_path: Path, language: str, font: str
) -> None:
    """Indented on both sides in a narrow column, a quotation justified in large type has
    a word or two a line and none reaching its side: its lines were taken for lines
    broken by hand, the quotation a word a line. Its side is the column's, less its
    indent (on the left in Arabic)."""
    quotation = NARROW[language]
    around = RAGGED[0] if language == "en" else ARABIC
    direction, title = ("rtl", "بيان حول الإضراب") if language == "ar" else ("ltr", "Statement")
    weasyprint = import_weasyprint()
    html = f"""<html lang="{language}" dir="{direction}"><head><style>
        @page {{ size: A5; margin: 20mm }}
        body {{ font: {font}; text-align: justify; column-count: 2 }}
        </style></head><body><h1>{title}</h1><p>{around}</p>
        <blockquote>{quotation}</blockquote><p>{around}</p></body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "statement.pdf")
    assert texts(doc, "//p") == [around, quotation, around]


def test_a_line_in_bold_that_ends_a_column_goes_on_into_the_next(tmp_path: Path) -> None:
    """A paragraph opening with words in bold a line long, that line the last of its
    column: the line was taken for a heading, and the paragraph went on without it."""
    lead = "The cleaners employed by the"
    weasyprint = import_weasyprint()
    html = f"""<html lang="en"><head><style>@page {{ size: A5; margin: 15mm }}
        body {{ font: 10pt/1.5 sans-serif; column-count: 2; orphans: 1; widows: 1 }}
        </style></head><body><h1>Statement</h1><p>{" ".join(SENTENCE.split()[:20])}.</p>
        <p><strong>{lead}</strong> {SENTENCE.removeprefix(lead)}</p></body></html>"""
    pdf = weasyprint.HTML(string=html).write_pdf()
    with pymupdf.open(stream=pdf) as laid_out:  # the line in bold ends the first column
        first_column = laid_out[0].get_text("text", clip=(0, 0, 200, 600)).strip()
    assert first_column.endswith(lead)
    (doc,) = import_one(tmp_path, pdf, "statement.pdf")
    assert texts(doc, "//p")[1:] == [SENTENCE]
    assert texts(doc, "//p/strong") == [lead]


def test_an_arabic_paragraph_in_an_english_leaflet_goes_on_into_the_next_column(
    tmp_path: Path,
) -> None:
    """The English leaflet's next column is on the right, whatever its paragraph's script:
    an Arabic paragraph going on into it was looked for on the left, and cut in two."""
    arabic = f"{LAM_ALEF} {ARABIC}"
    weasyprint = import_weasyprint()
    html = f"""<html lang="en"><head><style>@page {{ size: A5; margin: 15mm }}
        body {{ font: 10pt/1.5 serif; column-count: 2 }}</style></head><body>
        <h1>Statement</h1><p>{" ".join(SENTENCE.split()[:10])}.</p>
        <p dir="rtl" lang="ar">{arabic}</p><p>{SENTENCE}</p></body></html>"""
    (doc,) = import_one(tmp_path, weasyprint.HTML(string=html).write_pdf(), "statement.pdf")
    assert texts(doc, "//p")[1:] == [arabic, SENTENCE]


def test_an_issues_pdf_with_its_contents_and_the_article_in_its_header_is_one_document(
    tmp_path: Path,
) -> None:
    """An issue as a PDF (ours, as an organisation may send it on): its header the
    paper's name and, on the right, the article in progress. Joined as one line, the two
    were no header that recurs, and stayed in the text; the article's name alone, where
    it changes, stands beside the paper's. (The example's issue 42, whose contents'
    leaders PyMuPDF gives apart from their entries, is imported whole in
    test_arabic_shapes.)"""
    weasyprint = import_weasyprint()
    articles = [("Rent strike", PARAGRAPHS[:3]), ("Cleaners' pay", PARAGRAPHS[3:])]
    contents = "".join(
        f'<li><a href="#a{n}">{title}</a></li>' for n, (title, _) in enumerate(articles)
    )
    body = "".join(
        f'<h2 id="a{n}">{title}</h2>{"".join(f"<p>{p}</p>" for p in texts_)}'
        for n, (title, texts_) in enumerate(articles)
    )
    html = f"""<html lang="en"><head><style>
        @page {{ size: A5; margin: 20mm; @top-left {{ content: "The Bulletin" }}
                 @top-right {{ content: string(article) }} }}
        body {{ font: 10pt/1.35 serif; text-align: justify; hyphens: auto }}
        h2 {{ string-set: article content() }}
        ul a::after {{ content: leader('.') target-counter(attr(href), page) }}
        </style></head><body><h1>The Bulletin No. 42</h1><h2>Contents</h2>
        <ul>{contents}</ul>{body}</body></html>"""
    pdf = weasyprint.HTML(string=html).write_pdf()
    with pymupdf.open(stream=pdf) as laid_out:  # the layout did what the test is about
        pages = [page.get_text() for page in laid_out]
    assert len(pages) >= 3 and "....." in pages[0]
    assert all("The Bulletin\nCleaners' pay" in page for page in pages[1:])  # its header
    (tmp_path / "issue.pdf").write_bytes(pdf)
    report = import_files([tmp_path / "issue.pdf"], tmp_path / "documents")
    (document,) = report.documents
    text = " ".join(document.path.read_text(encoding="utf-8").split())
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    assert text.count("The Bulletin") == 1  # the title; no header left in
